#!/bin/sh
# Rebuild docs/timeline.png and docs/ledger-page-1.png from the real files of the shipped plan as of
# 2024-06-17: the SVG chart drawn by headless Chromium, the .xlsx ledger printed by LibreOffice to
# PDF and turned into PNG by poppler.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
.venv/bin/workplan timeline --plan plan --as-of 2024-06-17 --svg "$work/timeline.svg" >/dev/null
size=$(sed -n 's/.*<svg [^>]*width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$work/timeline.svg")
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size="$size" --screenshot="$(pwd)/docs/timeline.png" "file://$work/timeline.svg" 2>/dev/null
.venv/bin/workplan export --plan plan --as-of 2024-06-17 --xlsx "$work/ledger.xlsx" 2>/dev/null
soffice -env:UserInstallation="file://$work/lo" --headless --convert-to pdf --outdir "$work" "$work/ledger.xlsx" >/dev/null
pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$work/ledger.pdf" docs/ledger-page-1
rm -rf "$work"
ls -l docs/timeline.png docs/ledger-page-1.png
