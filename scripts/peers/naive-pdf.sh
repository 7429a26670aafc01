#!/usr/bin/env bash
# The PDF outputs of `press build --formats pdf` made the way a team scripts
# them by hand with the same tools (pandoc, then Chromium's print-to-pdf): a
# PDF per module, a handbook PDF, EPUB and DOCX. The peer of our PDF row in
# `pnpm bench`: no diagrams (the Mermaid sources stay code), no numbered
# contents, the directives left as raw text. Not a test.
#
# Usage: naive-pdf.sh <modules folder> <out folder> <slug>...
set -euo pipefail
modules=$1 out=$2
shift 2
chromium=${PRESS_CHROMIUM:-/usr/bin/chromium}
mkdir -p "$out"
print() {
  "$chromium" --headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --no-pdf-header-footer --print-to-pdf="$2" "$1" 2>/dev/null
}
sources=()
for slug in "$@"; do
  source="$modules/$slug/module.md"
  sources+=("$source")
  pandoc --sandbox -s --metadata title="$slug" -f markdown -t html5 "$source" -o "$out/$slug.html"
  print "$out/$slug.html" "$out/$slug.pdf"
done
pandoc --sandbox -s --toc --metadata title=Handbook -f markdown -t html5 "${sources[@]}" -o "$out/handbook.html"
print "$out/handbook.html" "$out/handbook.pdf"
# No --sandbox for the e-books: pandoc 3.1's sandbox cannot read its own EPUB stylesheet.
pandoc --toc --metadata title=Handbook -f markdown "${sources[@]}" -o "$out/handbook.epub" 2>/dev/null
pandoc --toc --metadata title=Handbook -f markdown "${sources[@]}" -o "$out/handbook.docx" 2>/dev/null
