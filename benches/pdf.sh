#!/usr/bin/env bash
# PDF read time (issue 23): a 100-page record (one agenda item a page, six
# paragraphs each, page numbers in the margin) printed to PDF by headless
# Chromium, then read by meetkg's PDF reader (`ingest::text_and_pages`: parse,
# glyphs, layout) three times; prints the best. The target is under a second.
#
#   bash benches/pdf.sh
#
# It runs the ignored test `a_hundred_page_pdf_reads_in_under_a_second` of
# tests/pdf.rs in the dev profile the tests and `./meetkg` use (meetkg at
# opt-level 1, its dependencies at 2). Needs Chromium (scripts/setup.sh
# installs it with the test tools).
#
# Figure (dev build, 2 cores shared with two other builds):
#
#   pdf read: 101 pages, 323 kB of PDF, 109 kB of text, best of 3: 0.29 s
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --quiet --test pdf -- --ignored --nocapture \
  a_hundred_page_pdf_reads_in_under_a_second 2>&1 | grep -E '^pdf read:|panicked|SKIPPED'
