#!/usr/bin/env bash
# Cold start to a usable event list, and idle memory (PSS of the app and all its WebKit
# processes), with a 100 000-entry store, under Xvfb. Appends its table to docs/benchmarks.md.
# APP overrides the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${APP:-target/release/krisledning-app}
store=target/bench-app/bulk.db
if [ ! -f "$store" ]; then
  target/release/kris bench --sizes 100000 --appends 10 --queries 1 --dir target/bench-app >/dev/null
fi
export WEBKIT_DISABLE_DMABUF_RENDERER=1 KRIS_BENCH_READY=1 KRIS_DB="$store" XDG_DATA_HOME="$PWD/target/bench-app/xdg"
pss_tree() { # PSS in kB of a process and all its descendants
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null) $(for c in $(pgrep -P "$1"); do pgrep -P "$c"; done 2>/dev/null); do
    total=$((total + $(awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0)))
  done
  echo $total
}
run_once() {
  local t0 line pid
  t0=$(date +%s%N)
  coproc APP { exec "$app" 2>/dev/null; }
  pid=$APP_PID
  read -r -t 30 line <&"${APP[0]}" || true
  echo "$(( ($(date +%s%N) - t0) / 1000000 )) ${line#KRIS_READY } $pid"
}
starts=(); pss=0
for i in 1 2 3 4 5; do
  read -r wall ready pid < <(run_once)
  starts+=("$wall")
  if [ "$i" = 5 ]; then sleep 5; pss=$(pss_tree "$pid"); fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; sleep 1
done
# The floor: the same Tauri runtime and WebKit showing an empty page, measured the same way.
coproc EMPTY { KRIS_BENCH_EMPTY=1 exec "$app" 2>/dev/null; }
sleep 8; empty=$(pss_tree "$EMPTY_PID"); kill "$EMPTY_PID" 2>/dev/null || true; wait "$EMPTY_PID" 2>/dev/null || true
sorted=$(printf '%s\n' "${starts[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
{
  echo
  echo "## App start and memory ($(basename "$app"), $(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "| what | measured | target |"
  echo "|---|---|---|"
  echo "| cold start to usable event list, 100 k store (5 runs, exec → UI marker) | median ${median} ms (runs: ${sorted}) | ≤ 1 s |"
  echo "| idle memory, PSS of app + WebKit processes, 100 k store | $((pss / 1024)) MiB; empty Tauri window (same runtime, about:blank) $((empty / 1024)) MiB; ratio $(awk -v a="$pss" -v b="$empty" 'BEGIN{printf "%.2f", a/(b>0?b:1)}')× | ≤ 1.25 × the empty window |"
} | tee -a docs/benchmarks.md
