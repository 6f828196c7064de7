#!/usr/bin/env bash
# Cold start to a usable event list, and idle memory (PSS of the app and all its WebKit
# processes) with a 100 000-entry store, under Xvfb; then the same memory figure for an empty
# Tauri 2 window (bench/empty-window), the floor of DESIGN §7. Appends its table to
# docs/benchmarks.md. APP overrides the binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
app=${APP:-target/release/krisledning-app}
empty=target/release/empty-window
dir=target/bench-app
# A fresh store and WebKit profile every run: the same deterministic data, nothing left over.
rm -rf "$dir"
target/release/kris-bench --sizes 100000 --appends 10 --queries 1 --dir "$dir" >/dev/null
store=$dir/bulk.db
# Someone is at the keyboard, so the app opens on the event list, not the operator dialog.
target/release/kris --db "$store" whoami --by "Bänk Testsson" --role TiB >/dev/null
export WEBKIT_DISABLE_DMABUF_RENDERER=1 KRIS_BENCH_READY=1 KRIS_DB="$store" XDG_DATA_HOME="$PWD/$dir/xdg"

pss_tree() { # PSS in kB of a process and all its descendants
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null) $(for c in $(pgrep -P "$1"); do pgrep -P "$c"; done 2>/dev/null); do
    total=$((total + $(awk '/^Pss:/{print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0)))
  done
  echo $total
}
settled_pss() { # "kB seconds": PSS once two readings 5 s apart differ by under 1 % (≤ 120 s)
  local prev=0 now t=0
  while :; do
    sleep 5; t=$((t + 5))
    now=$(pss_tree "$1")
    if [ "$prev" -gt 0 ] && [ $(( (now > prev ? now - prev : prev - now) * 100 )) -lt "$prev" ]; then break; fi
    if [ "$t" -ge 120 ]; then break; fi
    prev=$now
  done
  echo "$now $t"
}
run_once() { # sets wall (ms from exec to the event list on screen) and pid
  local t0 out=$dir/stdout
  : > "$out"
  t0=$(date +%s%N)
  # stdout to a file, not a pipe: a pipe closed after the marker would kill the app on its next
  # write (SIGPIPE) before its memory is read.
  "$app" > "$out" 2>/dev/null &
  pid=$!
  until grep -q '^KRIS_READY' "$out"; do
    if [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 30000 ] || ! kill -0 "$pid" 2>/dev/null; then
      echo "Appen visade ingen händelselista inom 30 s." >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.005
  done
  wall=$(( ($(date +%s%N) - t0) / 1000000 ))
}
starts=(); pss=0
for i in 1 2 3 4 5; do
  run_once
  starts+=("$wall")
  if [ "$i" = 5 ]; then read -r pss settle < <(settled_pss "$pid"); fi
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; sleep 1
done
"$empty" >/dev/null 2>&1 &
epid=$!
read -r floor esettle < <(settled_pss "$epid"); kill "$epid" 2>/dev/null || true; wait "$epid" 2>/dev/null || true
sorted=$(printf '%s\n' "${starts[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
ratio=$(awk -v a="$pss" -v b="$floor" 'BEGIN{printf "%.2f", a/(b>0?b:1)}')
met() { if [ "$1" = 1 ]; then echo yes; else echo "**no**"; fi; }
{
  echo
  echo "## App start and memory ($(basename "$app"), $(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "| what | measured | target | met |"
  echo "|---|---|---|---|"
  echo "| cold start to the event list on screen, 100 k store (5 runs, exec → list rendered) | median ${median} ms (runs: ${sorted}) | ≤ 1 s | $(met $((median <= 1000))) |"
  echo "| idle memory, PSS of app + WebKit processes, 100 k store, once settled | $((pss / 1024)) MiB (settled after ${settle} s); empty Tauri 2 window (bench/empty-window) $((floor / 1024)) MiB (after ${esettle} s); ratio ${ratio}× | ≤ 1.25 × the empty window | $(met "$(awk -v r="$ratio" 'BEGIN{print (r <= 1.25)}')") |"
} | tee /dev/stderr | scripts/bench-record.sh app
