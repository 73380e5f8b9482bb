#!/usr/bin/env bash
# Step-throughput benchmark: Java kernels (ParallelStep on vector and on scalar lanes, DenseIntStep, SequentialSweep;
# LookupTableStep on request) and NumPy, one table per clock. NumPy runs twice: with its default BLAS threads
# (wall-clock column) and single-threaded (per-CPU-second column).
# Usage: bench/run.sh [StepThroughput options, e.g. --neurons 512 --alphas 0.2 --seconds 3 --threads 2 --S 10]
#        bench/run.sh --theory [options]   (the theory-solver benchmark, bench/theory.sh)
# Runs from any directory; builds core and bench offline if needed. Prints the machine load before and after.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${1:-}" == "--theory" ]]; then
  shift
  exec bench/theory.sh "$@"
fi
for a in "$@"; do
  if [[ "$a" == "--N" ]]; then echo "dam bench: --N: renamed to --neurons" >&2; exit 2; fi
done
if [[ -x .venv/bin/python ]]; then py=.venv/bin/python; else py=python3; fi
if ! "$py" -c 'import numpy' 2>/dev/null; then
  "$py" -m pip install -q numpy==2.3.5
fi
# The benchmarks live in the bench module (with core built first); test-compile lets the reactor hand it core's
# test classes, which its tests need, without installing anything.
mvn -B -q -o -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
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
# The Vector API module gives the kernels their SIMD lanes (dam.core.sim.Lanes); the JVM notes the incubator module on stderr.
java --add-modules jdk.incubator.vector -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  dam.core.bench.StepThroughput "$@" --numpy "$tmp" --numpy1 "$tmp1"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
