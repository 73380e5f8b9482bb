#!/usr/bin/env bash
# Theory-solver benchmark: wall times of the GFA effective-process solver over long horizons, with the
# solver before issue 7 timed in the same run as the baseline (dam.core.bench.TheoryThroughput, test scope).
# Usage: bench/theory.sh [--threads 2] [--quick]   (also: bin/dam bench --theory [...])
# Runs from any directory; builds core's test classes offline if needed. Prints the machine load before and after.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. bin/lib.sh
dam_mvn -o -pl core test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
exec java ${DAM_JAVA_OPTS:-} -cp "core/target/test-classes:core/target/classes:$(cat core/target/cp.txt)" \
  dam.core.bench.TheoryThroughput "$@"
