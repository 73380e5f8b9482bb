#!/usr/bin/env bash
# Kernel CPU time of an m0 scan: each m0 alone against one TrialRunner.runScan (dam.core.bench.M0ScanBenchmark in the bench module).
# Usage: bench/m0scan.sh [n N alpha trials steps m0-count repetitions]   (default: figure 1's heaviest load,
#        3 512 0.2 20 20 11 4). Runs from any directory; builds core and bench offline if needed. One thread, CPU time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. bin/lib.sh
dam_mvn -o -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $# -eq 0 ]; then set -- 3 512 0.2 20 20 11 4; fi
java --add-modules jdk.incubator.vector -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  dam.core.bench.M0ScanBenchmark "$@" 2> >(dam_stderr_filter)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
