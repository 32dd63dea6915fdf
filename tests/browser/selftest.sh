#!/usr/bin/env bash
# Self-test of the harness: the good fixture must pass, the broken one must fail for the
# right reasons, and the PDF checks must accept a Chromium-printed A4 PDF of the good page.
set -u
cd "$(dirname "$0")"
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# expect NAME WANT_EXIT OUTPUT_FILE [REGEX...]: the exit code and each regex in the output.
expect() {
  local name=$1 want=$2 got=$3 out=$4; shift 4
  local why=""
  [ "$got" = "$want" ] || why+="  exit code $got, expected $want"$'\n'
  for re in "$@"; do grep -Eq -- "$re" "$out" || why+="  output lacks /$re/"$'\n'; done
  if [ -z "$why" ]; then pass=$((pass + 1)); echo "ok   $name"
  else fail=$((fail + 1)); echo "FAIL $name"; printf '%s' "$why"; sed 's/^/  | /' "$out"; fi
}

node check-site.mjs fixtures/good >"$tmp/good" 2>&1
expect "good site passes" 0 $? "$tmp/good" '^browser: 2 passed, 0 failed$'

node check-site.mjs fixtures/broken >"$tmp/broken" 2>&1
expect "broken site fails" 1 $? "$tmp/broken" '^browser: 0 passed, 1 failed$' \
  'index.html: image-alt \(critical\)' 'index.html: failed request: file://.*/missing\.css'

CHROMIUM=/nonexistent/chromium node check-site.mjs fixtures/good >"$tmp/nochrome" 2>&1
expect "missing chromium exits 2" 2 $? "$tmp/nochrome" 'Chromium not found'

# Print the good page to PDF as the report will be, then check it.
chromium_bin=${CHROMIUM:-$(command -v chromium || true)}
if [ -n "$chromium_bin" ]; then
  "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --no-pdf-header-footer --print-to-pdf="$tmp/good.pdf" \
    "file://$PWD/fixtures/good/index.html" >"$tmp/print" 2>&1
fi
node check-pdf.mjs "$tmp/good.pdf" --min-pages 1 --max-pages 1 \
  --contains 'Målrapport for skoleåret' --contains 'Søndergård Skole' >"$tmp/pdf" 2>&1
expect "printed A4 PDF passes" 0 $? "$tmp/pdf" '^pdf: 1 passed, 0 failed$'

node check-pdf.mjs "$tmp/good.pdf" --min-pages 2 --contains 'findes ikke' >"$tmp/pdfbad" 2>&1
expect "PDF page count and text are checked" 1 $? "$tmp/pdfbad" '^pdf: 0 passed, 1 failed$' \
  '1 pages < --min-pages 2' 'text not found: "findes ikke"'

echo "selftest: $pass passed, $fail failed"
[ "$fail" = 0 ]
