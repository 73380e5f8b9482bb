#!/usr/bin/env bash
# Step-throughput benchmark: Java kernels (ParallelStep on vector and on scalar lanes, DenseIntStep, SequentialSweep;
# LookupTableStep on request) and NumPy, one table per clock. NumPy runs twice: with its default BLAS threads
# (wall-clock column) and single-threaded (per-CPU-second column).
# Usage: bench/run.sh [StepThroughput options, e.g. --neurons 512 --alphas 0.2 --seconds 3 --threads 2 --S 10]
#        bench/run.sh --theory [options]   (the theory-solver benchmark, bench/theory.sh)
# Runs from any directory; builds core and bench offline if needed. The options are checked (by the Java side, which
# measures nothing then) before anything runs: a bad one is one line and exit 2. NumPy is the project's .venv's
# (bin/setup-python), never the system Python's. Prints the machine load before and after.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. bin/lib.sh
if [[ "${1:-}" == "--theory" ]]; then
  shift
  exec bench/theory.sh "$@"
fi
# The benchmarks live in the bench module (with core built first); test-compile lets the reactor hand it core's
# test classes, which its tests need, without installing anything.
dam_mvn -o -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
# The Vector API module gives the kernels their SIMD lanes (dam.core.sim.Lanes); the JVM's note of the incubator
# module is dropped from stderr (dam_stderr_filter), nothing else.
java_bench=(java --add-modules jdk.incubator.vector -cp "bench/target/classes:$(cat bench/target/cp.txt)"
  dam.core.bench.StepThroughput)
"${java_bench[@]}" --check "$@" 2> >(dam_stderr_filter)
py="$(dam_python)"
tmp="$(mktemp)"
tmp1="$(mktemp)"
trap 'rm -f "$tmp" "$tmp1"' EXIT
# Pass the options NumPy understands (--alphas, --S, --seconds, --warmup, --neurons, --n) on to it as well.
np_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i += 2)); do
  case "${args[i]}" in
    --alphas|--S|--seconds|--warmup|--neurons|--n) np_args+=("${args[i]}" "${args[i+1]}") ;;
  esac
done
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors" >&2
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS builds) slow a current
# NumPy down: unset them for NumPy's runs only, so the comparison is against NumPy at its best.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" bench/numpy_step.py "${np_args[@]}" > "$tmp"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 "$py" bench/numpy_step.py "${np_args[@]}" > "$tmp1"
"${java_bench[@]}" "$@" --numpy "$tmp" --numpy1 "$tmp1" 2> >(dam_stderr_filter)
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
