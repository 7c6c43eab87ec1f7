#!/usr/bin/env bash
# Incremental benchmark (issue 21, "incremental in proportion to the change"):
# builds a synthetic archive from scratch, then changes its first report in
# three ways, each on a copy of that build, and times the rebuild:
#
#   agenda    an agenda item's words (the people and their meetings unchanged)
#   date      the meeting's date (the same people, other days)
#   speaker   a sentence by someone new (scale.sh's change: a new person)
#   meeting   a new report: the first one a year later (the next meeting of the
#             same people: only the co-participation weights change)
#
#   bash benches/incremental.sh [N]     default 1000 reports
#
# Environment:
#   MEETKG_BIN   the binary to measure (default: the dev build, as ./meetkg runs it)
#   KINDS        the changes to make (default: all four, in the order above)
#   BENCH_DIR    where corpora and stores go (default /tmp/meetkg-bench)
#   CHECK        1 to build each changed corpus from scratch as well and compare
#                the exports (all 23) and the dumps (every format) with the
#                incremental build's, byte for byte
#   KEEP         1 to keep each change's copy (store, exports, dumps) in
#                $BENCH_DIR/incremental-N/KIND; by default removed once measured
#
# Each row: wall, CPU and peak memory, and the share of the full build (CPU).
# The `-v` logs of every build are kept in $BENCH_DIR/incremental-N/*.err.
#
# Measured (1,000 reports, dev build, two cores at a load of 2 to 4, this
# script run back to back with the binary before issue 21's incremental
# exports, 619678a, and after, df1b150), wall s / CPU s, share of the build's
# CPU:
#
# | step            | before             | after              |
# |-----------------|--------------------|--------------------|
# | full build      | 46.9 / 34.5        | 40.3 / 35.0        |
# | agenda changed  |  6.5 /  9.1 (26%)  |  4.1 /  3.4 (10%)  |
# | date changed    |  8.7 /  8.9 (26%)  |  7.2 /  6.1 (17%)  |
# | new speaker     |  9.5 /  8.6 (25%)  | 10.3 /  8.9 (25%)  |
#
# A new person changes every measure of the co-participation graph, which is
# then measured (exact betweenness, O(V·E)): that row is what is left.
#
# Edge runs (src/export/runs.rs): the co-participation and topic graphs' edge
# files are copied run by run from the files they replace where the edges did
# not change. Measured at 1,000 reports (dev build, load 2 to 9), bdb2967 and
# 8c2c647 run side by side, `/usr/bin/time -v`, CPU s (user + sys) / wall s:
#
# | one report changed            | before        | after         | runs copied |
# |-------------------------------|---------------|---------------|-------------|
# | a meeting's date (measures kept) | 5.87 / 15.3 | 4.53 / 14.2   | 996 of 1,023 |
# |   its co-participation step   | 2.34          | 1.05          |             |
# | a new speaker (22b5fa7)       | 9.32 / 34.6   | 8.41 / 32.6   | 1,002 of 1,012 |
# |   its co-participation step   | 5.59          | 4.64 (3.1 measures) |       |
#
# Exports after each = a clean build's (diff -r, the stamp aside). Exports and dumps (every format) equal a from-scratch build's:
# at 1,000 reports after the agenda and date changes, and CHECK=1 at 30.
#
# Network measures (session 15): the bit-row searches of betweenness count
# paths by bits, find a graph's last level from the people left, push
# dependencies through branch-free lists, and run compiled for popcnt/tzcnt
# where the processor has them; a graph whose pairs of people all met before
# (the "meeting" change) keeps the measures that read no weight. 1,000
# reports (dev build, load 4 to 6), 1f03c7b and 3d367d4 run back to back, CPU
# s (user + sys) of the rebuild and of its measures step:
#
# | one report changed    | before        | after         |
# |-----------------------|---------------|---------------|
# | full build            | 30.1          | 27.2          |
# | a new speaker         | 6.92 (2.88)   | 4.72 (1.42)   |
# | the next meeting      | 6.45 (2.81)   | 3.72 (0.11)   |
#
# The exact pass alone (2,335 people, one thread): 2.57 -> 1.37 s CPU. Every
# export is byte-identical to the base binary's; CHECK=1 passes for both
# changes at 1,000.
#
# Kept export facts (src/graph/kept.rs): the exports after a build join the
# facts the build kept per report graph instead of querying the store. 1,000
# reports (dev build, load 5 to 7), aabc8ff and this change run alternately,
# CPU s (user + sys), means of 4 and 3 runs, share of the full build:
#
# | step            | before        | after         |
# |-----------------|---------------|---------------|
# | full build      | 38.5 (615 MB) | 38.5 (617 MB) |
# | agenda changed  | 3.45 (9.0%)   | 2.12 (5.5%)   |
# | date changed    | 4.63 (12.0%)  | 4.26 (11.1%)  |
# | new speaker     | 6.99 (18.2%)  | 5.55 (14.4%)  |
# | next meeting    | 5.16 (13.4%)  | 3.44 (8.9%)   |
#
# CHECK=1 passes for the four changes at 1,000.
#
# Stamp digests by runs (src/export/digest.rs): a run copied keeps its digest,
# so the stamp hashes what was formatted, not the 1.7 GB of co-participation
# files. 3,000 reports (full build 109 s CPU), dev build, load 4 to 5, cb51663
# and this change alternately, CPU s (user + sys) of the stamp step (MB read)
# and of the whole rebuild (means of 2 to 3 runs, the speaker's of one pair;
# whole rebuilds vary by a second or two at this load):
#
# | one report changed | stamp step before    | after             | rebuild before | after |
# |--------------------|----------------------|-------------------|----------------|-------|
# | agenda             | 0.08 (89 MB)         | 0.08 (89 MB)      | 5.1 (4.7%)     | 5.0   |
# | date               | 1.23-1.42 (1,697 MB) | 0.35-0.40 (157-171 MB) | 12.0 (11.0%) | 10.4 (9.5%) |
# | new speaker        | 1.24-1.50 (1,697 MB) | 0.32 (120 MB)     | 13.5 (12.4%)   | 13.2 (12.1%) |
# | next meeting       | 1.42-1.49 (1,697 MB) | 0.33-0.37 (171 MB) | 11.7 (10.7%)  | 11.1 (10.2%) |
#
# Exports (diff -r, the stamp aside) and N-Quads dumps equal a from-scratch
# build's after the date and speaker changes at 3,000; a build after them
# says "nothing changed" (the digests checked against the files on disk).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
bench="${BENCH_DIR:-/tmp/meetkg-bench}"
mkdir -p "$bench"
. benches/lib.sh
label_width=34
work="$bench/incremental-$n"
corpus="$bench/corpus-$n"
[ -d "$corpus" ] || python3 benches/gen_corpus.py "$n" "$corpus"
rm -rf "$work"
mkdir -p "$work"
cp -r "$corpus" "$work/corpus"
measure "full build" "$MEETKG_BIN" -v build "$work/corpus" --store "$work/store" --out "$work/exports"
cp "$bench/last.err" "$work/full.err"
full_cpu=$cpu

first=$(find "$work/corpus" -name '*.txt' -printf '%f\n' | sort | sed -n 1p)

# change KIND FILE: edits FILE as KIND says; fails when the edit finds nothing.
change() {
  local kind=$1 file=$2
  case "$kind" in
    agenda)
      grep -q '^5\. ' "$file"
      sed -i 's/^5\. \(.*\)$/5. \1 and the calendar of the next meetings/' "$file" ;;
    date)
      local date
      date=$(grep -oE '[0-9]{1,2} [A-Z][a-z]+ (19|20)[0-9]{2}' "$file" | head -1)
      [ -n "$date" ]
      local day=${date%% *}
      local next=$(( day < 28 ? day + 1 : day - 1 ))
      sed -i "s/\b$date\b/$next ${date#* }/g" "$file" ;;
    speaker)
      printf '\nIngrid Vokomann said that the next call should look again at the IGF mandate.\n' >> "$file" ;;
    meeting)
      # A meeting is named by its series' number, else its date: both moved.
      local year number
      year=$(grep -oE '\b(19|20)[0-9]{2}\b' "$file" | head -1)
      [ -n "$year" ]
      number=$(grep -oE '\bMeeting [0-9]+\b' "$file" | head -1 | grep -oE '[0-9]+' || true)
      number=${number:-0}
      sed -e "s/\b$year\b/$((year + 1))/g" \
        -e "s/\bMeeting $number\b/Meeting $((number + 1000))/g" \
        -e "s/\b$number\(st\|nd\|rd\|th\) meeting\b/$((number + 1000))th meeting/g" \
        "$file" > "${file%.txt}-next.txt" ;;
  esac
}

for kind in ${KINDS:-agenda date speaker meeting}; do
  copy="$work/$kind"
  rm -rf "$copy" "$copy".*
  mkdir -p "$copy"
  cp -r "$work/corpus" "$copy/corpus"
  # The store is a relative link into its generations: copied as a link.
  cp -a "$work/store" "$work/store.generations" "$work/store.cache" "$copy/"
  cp -a "$work/exports" "$copy/exports"
  change "$kind" "$copy/corpus/$first"
  measure "one report changed: $kind" "$MEETKG_BIN" -v build "$copy/corpus" --store "$copy/store" --out "$copy/exports"
  cp "$bench/last.err" "$work/$kind.err"
  echo "    share of the full build's CPU: $(python3 -c "print(f'{100 * $cpu / max($full_cpu, 0.01):.0f}%')")"
  if [ "${CHECK:-0}" = 1 ]; then
    scratch="$copy/scratch"
    "$MEETKG_BIN" -q build "$copy/corpus" --store "$scratch/store" --out "$scratch/exports" > /dev/null
    same=yes
    for f in $(cd "$scratch/exports" && ls); do
      cmp -s "$scratch/exports/$f" "$copy/exports/$f" || { echo "    export $f differs"; same=NO; }
    done
    for s in "$copy" "$scratch"; do
      "$MEETKG_BIN" -q dump --store "$s/store" --out "$s/dump" --date 2026-01-01 \
        --format nq --format trig --format ttl --format nt
    done
    for f in $(cd "$scratch/dump" && ls); do
      cmp -s "$scratch/dump/$f" "$copy/dump/$f" || { echo "    dump $f differs"; same=NO; }
    done
    echo "    exports and dumps = a from-scratch build's: $same"
  fi
  # A copy is a store and its exports: gigabytes at 3,000 reports.
  [ "${KEEP:-0}" = 1 ] || rm -rf "$copy"
done
