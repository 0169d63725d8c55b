#!/usr/bin/env bash
# Start to first frame: the release binary opens the real window on a
# database and, with LADDER_FIRST_FRAME_EXIT=1, prints the seconds from
# process start until its first frame was painted and until the customer
# table (loaded on a worker) was filled, then closes. Runs under Xvfb when
# there is no display (apt-get install xvfb). One warm-up run, then RUNS
# runs (default 5); prints each and the medians, and the wall time of the
# whole process (exec, loading the binary, first frame, closing: an upper
# bound of exec to first frame).
#   benches/startup.sh [DATABASE]     (default target/bench-data/tx1000000.db)
# LADDER_BIN=PATH times another build of the binary (default: the release one).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-target/bench-data/tx1000000.db}
runs=${RUNS:-5}
ladder=${LADDER_BIN:-${CARGO_TARGET_DIR:-target}/release/ladder}
[ -f "$db" ] || { echo "no database $db (cargo bench --bench bigdata)" >&2; exit 1; }

work=$(mktemp -d)
xvfb=
cleanup() {
  if [ -n "$xvfb" ]; then kill "$xvfb" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || { echo "no display and no Xvfb (apt-get install xvfb)" >&2; exit 1; }
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  export DISPLAY=$display
fi
# A private copy and home: the app keeps its preferences and lock files there.
cp "$db" "$work/startup.db"
mkdir -p "$work/home"
once() {
  HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
    XDG_RUNTIME_DIR="$work/home" LADDER_FIRST_FRAME_EXIT=1 \
    timeout 120 "$ladder" --db "$work/startup.db" 2>/dev/null
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

once >/dev/null
frames=()
filled=()
whole=()
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  out=$(once)
  whole+=("$(awk -v ns=$(($(date +%s%N) - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }')")
  frames+=("$(echo "$out" | awk '/first frame painted/ { print $(NF - 1) }')")
  filled+=("$(echo "$out" | awk '/customer table filled/ { print $(NF - 1) }')")
done
echo "== start to first frame: $db, $runs runs after a warm-up (load average $(cut -d' ' -f1 /proc/loadavg))"
printf 'first frame painted:   median %s s   (runs: %s)\n' "$(median "${frames[@]}")" "${frames[*]}"
printf 'customer table filled: median %s s   (runs: %s)\n' "$(median "${filled[@]}")" "${filled[*]}"
printf 'exec to exit:          median %s s   (runs: %s)\n' "$(median "${whole[@]}")" "${whole[*]}"
