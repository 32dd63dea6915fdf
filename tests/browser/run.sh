#!/usr/bin/env bash
# CI entry point: tests/browser/run.sh SITE_DIR [check-site options, e.g. --pdf-dir DIR]
# Needs Node.js >= 20, Debian's chromium and poppler-utils (installed by the CI script, not here).
set -euo pipefail
if [ $# -lt 1 ]; then echo "usage: tests/browser/run.sh SITE_DIR [--pdf-dir DIR]" >&2; exit 2; fi
site=$(realpath -- "$1"); shift
args=()
while [ $# -gt 0 ]; do
  case $1 in --pdf-dir|--browser) args+=("$1" "$(realpath -- "$2")"); shift 2 ;; *) args+=("$1"); shift ;; esac
done
cd "$(dirname "$0")"

if [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null; then
  echo "run.sh: chromium not found on PATH (set CHROMIUM=PATH, or: apt-get install -y chromium poppler-utils)" >&2
  exit 2
fi
if ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "run.sh: pdfinfo/pdftotext not found (apt-get install -y poppler-utils)" >&2
  exit 2
fi
[ -d node_modules/vnu-jar ] || npm ci --no-audit --no-fund

./selftest.sh
node check-site.mjs "$site" "${args[@]}"
