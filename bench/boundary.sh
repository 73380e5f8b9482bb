#!/usr/bin/env bash
# Trials and CPU-seconds to a 95% interval of m0_c of a target width: the adaptive boundary search against the uniform
# m0 grid (dam.core.bench.BoundarySearchBenchmark in the bench module; docs/adaptive.md has the numbers).
# Usage: bench/boundary.sh [width [seeds [n N alpha]...]]   (default: 0.02, 2 seeds, cases 3 512 0.1 and 2 1024 0.1;
#        a few minutes).
# Runs from any directory; builds core and bench offline if needed. One thread, CPU time of that thread.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java --add-modules jdk.incubator.vector -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  dam.core.bench.BoundarySearchBenchmark "$@" 2> >(grep -v -x -F "WARNING: Using incubator modules: jdk.incubator.vector" >&2)
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
