#!/usr/bin/env bash
# `bench-record.sh NAME`: puts stdin into docs/benchmarks.md between `<!-- NAME -->` and
# `<!-- /NAME -->`, replacing only that section (or adding it at the end), so `make bench` and
# `make bench-app` never erase each other's figures.
set -euo pipefail
name="$1"
out="${BENCH_OUT:-docs/benchmarks.md}"
body=$(mktemp)
trap 'rm -f "$body" "$out.tmp"' EXIT
cat > "$body"
[ -f "$out" ] || printf '# Benchmarks\n' > "$out"
if grep -qF "<!-- $name -->" "$out"; then
  awk -v start="<!-- $name -->" -v end="<!-- /$name -->" -v body="$body" '
    $0 == start { print; while ((getline line < body) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' "$out" > "$out.tmp"
else
  { cat "$out"; echo; echo "<!-- $name -->"; cat "$body"; echo "<!-- /$name -->"; } > "$out.tmp"
fi
mv "$out.tmp" "$out"
