#!/usr/bin/env bash
# What a committee member gets by mail: the page count and size of every PDF `maalrapport pdf`
# prints for the shipped example, and the size of each seminar's bundle, for one or more
# binaries in the same run (so that an old and a new build are measured side by side).
#
#   benches/pdf-sizes.sh [BIN...]        (default: target/release/maalrapport, built if needed)
#
# Needs Debian's chromium and poppler-utils (pdfinfo). Prints a Markdown table per binary.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  cargo build --quiet --release --locked --manifest-path "$repo/Cargo.toml"
  bins=("${CARGO_TARGET_DIR:-$repo/target}/release/maalrapport")
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for bin in "${bins[@]}"; do
  project=$tmp/project
  rm -rf "$project" && mkdir "$project"
  cp -r "$repo/maalrapport.toml" "$repo/data" "$repo/content" "$project/"
  start=$(date +%s)
  "$bin" pdf --quiet --root "$project" --out "$project/site" 2>/dev/null
  seconds=$(( $(date +%s) - start ))
  echo
  echo "### $bin ($seconds s for \`pdf\`)"
  echo
  echo "| PDF | pages | KB |"
  echo "| --- | ---: | ---: |"
  (cd "$project/site" && find seminars -name '*.pdf' | sort) | while read -r pdf; do
    pages=$(pdfinfo "$project/site/$pdf" | awk '/^Pages:/ {print $2}')
    kb=$(( ($(stat -c %s "$project/site/$pdf") + 1023) / 1024 ))
    echo "| $pdf | $pages | $kb |"
  done
  for dir in "$project"/content/seminars/*/; do
    slug=$(basename "$dir")
    "$bin" bundle --quiet --root "$project" --seminar "$slug" --site "$project/site" --out "$tmp/$slug.zip" 2>/dev/null
    kb=$(( ($(stat -c %s "$tmp/$slug.zip") + 1023) / 1024 ))
    echo "| bundle $slug.zip (with its PDFs) | | $kb |"
  done
done
