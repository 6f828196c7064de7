#!/usr/bin/env bash
# Installs what Krisledning needs on Debian 12 when it is missing: `deps.sh build` for the app,
# `deps.sh test` for the tests as well (poppler-utils: the report tests read PDFs with pdftotext). Prints what it will fetch before it starts.
set -euo pipefail

build_pkgs=(build-essential pkg-config libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libdbus-1-dev syncthing)
test_pkgs=(xvfb xauth webkit2gtk-driver poppler-utils)
pkgs=("${build_pkgs[@]}")
[ "${1:-build}" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installerar Debian-paket som saknas: ${missing[*]}"
  echo "    På en ny maskin laddas ungefär 450 MB ned (WebKitGTK med beroenden); det tar några minuter."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "Kör som root eller installera sudo, eller installera själv: apt-get install ${missing[*]}" >&2; exit 1
  fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends -o Dpkg::Progress-Fancy=1 "${missing[@]}"
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "$tool saknas: installera Rust (rustup) och Node.js 20+ först." >&2; exit 1; }
done

if [ "${1:-build}" = test ]; then
  command -v rustfmt >/dev/null && cargo clippy --version >/dev/null 2>&1 || rustup component add rustfmt clippy
  if ! command -v tauri-driver >/dev/null; then
    echo "==> Installerar tauri-driver (WebDriver för appfönstret)"
    cargo install tauri-driver --version 2.1.0 --locked
  fi
fi
