#!/usr/bin/env bash
# JMH: one parallel step of S = 10 states per kernel and one sequential sweep (dam.core.bench.StepBenchmark).
# Usage: bench/jmh.sh [JMH options, e.g. -p alpha=0.1,0.4 -f 1 -wi 2 -i 3]
# Runs from any directory; builds core and bench offline if needed. Prints the machine load before and after.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors" >&2
java -cp "bench/target/classes:$(cat bench/target/cp.txt)" org.openjdk.jmh.Main StepBenchmark "$@"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
