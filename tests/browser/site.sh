#!/usr/bin/env bash
# Browser tests of the example site, for CI: build it with the real binary into a temp dir, open
# every page from file:// in Chromium (run.sh: harness self-test, then no console errors, no
# failed or network requests, axe-core WCAG 2.0/2.1 A+AA with zero violations), print the PDFs
# with `maalrapport pdf` and check them (check-report-pdfs.mjs: one per report and handout, A4,
# tagged, title, language, page count within bounds, the page's title, indicator titles and city
# in the text), then bundle a seminar, unpack it and check its pages the same way.
#
#   tests/browser/site.sh [--release]     (default: the debug binary, built if needed)
#   MAALRAPPORT=/path/to/maalrapport tests/browser/site.sh    (use that binary, build nothing)
#
# Needs what run.sh needs: Node.js >= 20, Debian's chromium and poppler-utils, python3 (unzip).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
seminar=udvalgsseminar-2019

bin=${MAALRAPPORT:-}
if [ -z "$bin" ]; then
  profile=debug flags=()
  if [ "${1:-}" = --release ]; then profile=release flags=(--release); fi
  cargo build --quiet "${flags[@]}" --manifest-path "$repo/Cargo.toml"
  bin=${CARGO_TARGET_DIR:-$repo/target}/$profile/maalrapport
fi
[ -x "$bin" ] || { echo "site.sh: no binary at $bin" >&2; exit 2; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
step() { echo; echo "== $*"; }

# The example project with an accessibility statement configured (its footer link is checked too),
# built with the templates embedded in the binary.
project=$tmp/project
mkdir "$project"
cp -r "$repo/maalrapport.toml" "$repo/data" "$repo/content" "$project/"
echo 'accessibility_statement = "https://www.was.digst.dk/app/a/6-byerne"' >>"$project/maalrapport.toml"

step "maalrapport pdf: the example site with its PDFs"
start=$(date +%s)
"$bin" pdf --quiet --root "$project" --out "$tmp/site"
echo "site.sh: site and PDFs in $(( $(date +%s) - start )) s"

step "every page in Chromium: console, requests, axe WCAG 2.1 AA"
"$here/run.sh" "$tmp/site" || fail=1

step "pages with drafts and embargoed seminars (UDKAST), in Chromium"
"$bin" build --quiet --root "$project" --drafts --as-of 2019-01-01 --out "$tmp/drafts"
# Only the pages that differ from the published site: those with the UDKAST banner.
grep -rL --include='*.html' 'banner-draft' "$tmp/drafts" | xargs -r rm --
(cd "$here" && node check-site.mjs "$tmp/drafts") || fail=1

step "the PDFs against their pages"
# Bounds: the 2015 report prints on ~23 pages, handouts on 21-31; before the print stylesheet
# they took 34-51 pages, so a lost stylesheet or a page-break regression shows here.
node "$here/check-report-pdfs.mjs" "$tmp/site" --report-pages 10:40 --handout-pages 8:40 || fail=1

step "maalrapport bundle --seminar $seminar, unpacked"
"$bin" bundle --quiet --root "$project" --seminar "$seminar" --site "$tmp/site" --out "$tmp/$seminar.zip"
python3 -m zipfile -e "$tmp/$seminar.zip" "$tmp/bundle"
pdfs=$(find "$tmp/bundle" -name '*.pdf' | wc -l)
if [ "$pdfs" -eq 0 ]; then echo "FAIL bundle: no PDFs taken from the site folder"; fail=1; fi
(cd "$here" && node check-site.mjs "$tmp/bundle/$seminar") || fail=1

echo
if [ "$fail" = 0 ]; then echo "site.sh: all passed"; else echo "site.sh: FAILED"; fi
exit "$fail"
