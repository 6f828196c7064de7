#!/usr/bin/env bash
# Opens the app window, or, with no display to open it on, says so and exits without starting it
# (GTK would only panic). `KRIS_APP` names another binary (the tests use it).
set -euo pipefail
app="${KRIS_APP:-target/debug/krisledning-app}"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Ingen skärm hittades (DISPLAY/WAYLAND_DISPLAY saknas), så fönstret kan inte öppnas."
  echo "Allt finns också på kommandoraden: target/debug/kris --help"
  echo "Eller starta under Xvfb: xvfb-run -a $app"
  exit 0
fi
WEBKIT_DISABLE_DMABUF_RENDERER=1 exec "$app" "$@"
