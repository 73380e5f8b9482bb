#!/usr/bin/env bash
# A grid of 10^6 points on this machine: n = 2, N = 64, 1000 loads x 1000 m0, 1 trial, 1 step, theory off; the sweep
# from an empty directory, then its resume with nothing left to do, each timed wall-clock with the driver at its
# default heap (no -Xmx: a quarter of the memory). Prints both times, the largest heap after a garbage collection
# of each run (from a GC log), and the load average before and after (the CPUs are shared).
# Usage: bench/large_grid.sh [--loads K] [--m0 M] [OUTPUT_DIR]   (default 1000 x 1000, a temporary directory deleted
#        at the end). Runs from any directory; builds once if needed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. bin/lib.sh
loads=1000
m0s=1000
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --loads) loads="$2"; shift 2 ;;
    --m0) m0s="$2"; shift 2 ;;
    *) echo "large_grid: $1: unknown option (--loads K, --m0 M)" >&2; exit 2 ;;
  esac
done
ensure_build
work="$(mktemp -d)"
out="${1:-$work/large}"
trap 'rm -rf "$work"' EXIT
# Loads 0.01 .. K/100 (p = round(64 alpha) from 1), m0 = 1/M .. 1, decimal ranges (conf/README.md).
cat > "$work/large.conf" <<CONF
sweep {
  n = [2]
  neurons = [64]
  alpha = { from = 0.01, to = $(awk "BEGIN { printf \"%.2f\", $loads / 100 }"), step = 0.01 }
  m0 = { from = $(awk "BEGIN { printf \"%.6f\", 1 / $m0s }"), to = 1, step = $(awk "BEGIN { printf \"%.6f\", 1 / $m0s }") }
  trials = 1
  steps = 1
  output = "$out"
}
CONF
points=$((loads * m0s))
heap() { sed -n 's/.*Pause.*->\([0-9]*\)M(.*/\1/p' "$1" | sort -n | tail -1; }
run() {
  local name="$1" start end status=0
  start=$(date +%s.%N)
  DAM_JAVA_OPTS="${DAM_JAVA_OPTS:-} -Xlog:gc:file=$work/$name.gc" bin/dam sweep "$work/large.conf" \
    > "$work/$name.out" 2> "$work/$name.err" || status=$?
  end=$(date +%s.%N)
  printf '%s: %.1f s wall, exit %d, largest heap after GC %s MiB of %s MiB\n' "$name" "$(awk "BEGIN { print $end - $start }")" \
    "$status" "$(heap "$work/$name.gc")" "$(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ MaxHeapSize /{print int($4/1048576)}')"
  grep '^sweep: ' "$work/$name.out" || true
  if [ "$status" != 0 ]; then
    tail -n 3 "$work/$name.err" >&2
  fi
}
echo "# $points grid points ($loads loads x $m0s m0), output $out"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
run sweep
echo "# load between: $(cut -d' ' -f1-3 /proc/loadavg)"
run resume
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
