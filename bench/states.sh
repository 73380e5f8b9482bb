#!/usr/bin/env bash
# Information per CPU-second against S, the initial states per pattern set (dam.core.bench.StatesPerSetBenchmark).
# Usage: bench/states.sh [--n 3 --neurons 256 --alpha 0.1 --m0 0.7,1.0 --S 1,2,5,10,20 --trials 2000 --steps 20 --seed 1]
# Runs from any directory; builds core and bench offline if needed. One thread; CPU time per thread, so other load on the
# machine does not enter the numbers (the load average is printed before and after all the same).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. bin/lib.sh
# The benchmarks live in the bench module (with core built first); test-compile lets the reactor hand it core's
# test classes, which its tests need, without installing anything.
dam_mvn -o -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
# The Vector API module gives the kernels their SIMD lanes, as in a sweep (dam.core.sim.Lanes); the JVM's note of the
# incubator module is dropped from stderr (dam_stderr_filter).
java --add-modules jdk.incubator.vector -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  dam.core.bench.StatesPerSetBenchmark "$@" 2> >(dam_stderr_filter)
