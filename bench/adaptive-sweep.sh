#!/usr/bin/env bash
# End to end: a grid sweep and its adaptive twin (m0 in boundary form, docs/adaptive.md), one after the other on
# this machine, each a fresh `dam sweep --overwrite --no-report`: wall time, CPU-seconds of the JVM (user + sys)
# and the load average before, during (sampled every 10 s) and after; then the basins/ rows of the twin.
# Usage: bench/adaptive-sweep.sh [GRID.conf ADAPTIVE.conf]
#   default bench/finite-size-small.conf bench/finite-size-small-adaptive.conf (conf/finite-size.conf and
#   conf/finite-size-adaptive.conf without n = 3 at N = 1024; minutes on an idle 2-core machine).
# Output directories: out/bench-adaptive-sweep/{grid,adaptive}.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
grid="${1:-bench/finite-size-small.conf}"
adaptive="${2:-bench/finite-size-small-adaptive.conf}"
out="out/bench-adaptive-sweep"
mkdir -p "$out"
bin/dam --help >/dev/null 2>&1 || true # builds once, outside the timings
for side in grid adaptive; do
  conf="$grid"; [ "$side" = adaptive ] && conf="$adaptive"
  echo "== $side: $conf"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  ( while true; do cut -d' ' -f1 /proc/loadavg; sleep 10; done ) > "$out/$side.load" &
  sampler=$!
  /usr/bin/time -f "$side: wall %e s, CPU %U s user + %S s sys" -o "$out/$side.time" \
    bin/dam sweep "$conf" --output "$out/$side" --overwrite --no-report > "$out/$side.out" 2> "$out/$side.err"
  kill "$sampler"
  cat "$out/$side.time"
  tail -n 1 "$out/$side.out"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); mean of the 1-minute samples during the run:" \
    "$(awk '{ s += $1 } END { if (NR) printf "%.1f", s / NR }' "$out/$side.load")"
done
