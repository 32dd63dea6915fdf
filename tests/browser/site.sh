#!/usr/bin/env bash
# Browser tests of the example site, for CI: build it with the real binary into a temp dir, open
# every page from file:// in Chromium (run.sh: harness self-test, then no console errors, no
# failed or network requests, axe-core WCAG 2.0/2.1 A+AA with zero violations), print the PDFs
# with `maalrapport pdf` and check them (check-report-pdfs.mjs: one per report and handout, A4,
# tagged, title, language, page count within bounds, the page's title, indicator titles and city
# in the text; a short handout on at most 4 pages and 400 KB), then bundle a seminar (at most 5 MB),
# unpack it and check its pages the same way; the new pages again 400 px wide (axe, no sideways
# scrolling, tables in a scrolling frame, chart text >= 11 px; screenshots kept in $SHOTS when
# set), and the W3C validator (vnu) on every page with zero errors.
#
#   tests/browser/site.sh [--release]     (default: the debug binary, built if needed)
#   MAALRAPPORT=/path/to/maalrapport tests/browser/site.sh    (use that binary, build nothing)
#
# Needs what run.sh needs: Node.js >= 20, Debian's chromium and poppler-utils, python3 (unzip),
# and Java 17+ for vnu (its jar comes with npm ci).
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
# Bounds: the reports print on ~35-47 pages (contents, status matrix, an overview per city, every
# indicator in full), the short handouts on 4 pages of at most 400 KB each (issue 15: they took
# 23-29 pages and ~2.8 MB before); a lost stylesheet or a page-break regression shows here.
node "$here/check-report-pdfs.mjs" "$tmp/site" --report-pages 15:60 --report-max-kb 2500 \
  --handout-pages 2:4 --handout-max-kb 400 || fail=1

step "maalrapport bundle --seminar $seminar, unpacked"
"$bin" bundle --quiet --root "$project" --seminar "$seminar" --site "$tmp/site" --out "$tmp/$seminar.zip"
python3 -m zipfile -e "$tmp/$seminar.zip" "$tmp/bundle"
pdfs=$(find "$tmp/bundle" -name '*.pdf' | wc -l)
if [ "$pdfs" -eq 0 ]; then echo "FAIL bundle: no PDFs taken from the site folder"; fail=1; fi
kb=$(( ($(stat -c %s "$tmp/$seminar.zip") + 1023) / 1024 ))
if [ "$kb" -gt 5120 ]; then echo "FAIL bundle: $kb KB > 5120 KB (5 MB)"; fail=1; else echo "ok   bundle: $kb KB, $pdfs PDFs"; fi
# The cities whose handouts the bundle holds are links to them, not "(ikke med i pakken)".
if grep -Eq 'not-in-bundle">(København|Aarhus|Odense|Aalborg|Esbjerg|Randers) <small>' "$tmp/bundle/$seminar/index.html"; then
  echo "FAIL bundle: the front page marks a city whose handout it holds '(ikke med i pakken)'"; fail=1
fi
(cd "$here" && node check-site.mjs "$tmp/bundle/$seminar") || fail=1

step "the new pages 400 px wide: axe, no sideways scrolling, tables in frames, chart text >= 11 px"
shots=${SHOTS:-$tmp/shots}
(cd "$here" && node check-site.mjs "$tmp/site" --width 400 --screenshots "$shots" \
  --screenshots-of '^(index\.html|seminars/udvalgsseminar-2019/aarhus/index\.html|cities/aarhus/index\.html)$' \
  --only '^(index\.html|seminars/[^/]+/index\.html|seminars/[^/]+/[^/]+/(fuld/)?index\.html|cities/[^/]+/index\.html)$') || fail=1

step "the W3C validator (vnu) on every page"
if java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --skip-non-html --errors-only "$tmp/site"; then
  echo "ok   vnu: no errors"
else
  echo "FAIL vnu: errors above"; fail=1
fi

echo
if [ "$fail" = 0 ]; then echo "site.sh: all passed"; else echo "site.sh: FAILED"; fi
exit "$fail"
