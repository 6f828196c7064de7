#!/usr/bin/env bash
# `make bench`: runs `kris-bench` (release build) and writes docs/benchmarks.md with the machine
# and the date. KRIS_BENCH_SIZES overrides the store sizes (default 100000,1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${KRIS_BENCH_SIZES:-100000,1000000}"
out=docs/benchmarks.md
table=$(target/release/kris-bench --sizes "$sizes" --dir target/bench)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
  echo
  echo "## Core (\`make bench\`)"
  echo
  echo "Run with \`make bench\` (release build, \`kris-bench --sizes $sizes\`). Targets are DESIGN §7."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $cpu, $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "- disk: $(df -h target | awk 'NR==2{print $1}') (the bench databases live in target/bench)"
  echo
  echo "$table"
  echo
  if [ -f docs/benchmarks-notes.md ]; then cat docs/benchmarks-notes.md; fi
} | scripts/bench-record.sh core
echo "Skrev $out"
