#!/bin/sh
# Rebuild docs/report-q2-page*.png from a real report: the demo year of tests/reportrepo.py
# (the shipped plan with units, closings and progress entries committed day by day), reported
# for 2024-Q2 from git, converted by LibreOffice to PDF and by poppler to PNG.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
.venv/bin/python -c "from pathlib import Path; from tests.reportrepo import demo_repository; demo_repository(Path('$work'))"
.venv/bin/workplan report --plan "$work/plan" --quarter 2024-Q2 --from-git --docx "$work/q2.docx"
soffice --headless --convert-to pdf --outdir "$work" "$work/q2.docx" >/dev/null
pdftoppm -png -r 60 -f 1 -l 2 "$work/q2.pdf" docs/report-q2-page
rm -rf "$work"
ls -l docs/report-q2-page*.png
