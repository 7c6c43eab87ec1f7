#!/usr/bin/env bash
# One-line reports (issue 25): a participant list flattened onto one line,
# "Participants: Ann Lee, Dr. Kamelo, ...", of 0.3 MB, 2 MB and 16 MiB (the
# largest report meetkg reads), made by `benches/roster.py --names-line`. Prints
# one table of wall time, CPU time (user + sys), peak memory and people found
# by `meetkg extract`.
#
#   bash benches/one_line.sh [BYTES...]     default: 300000 2000000 16777216
#
# A size `rosterN` is instead the report of N roster lines (`benches/roster.py N`).
#
# Environment:
#   MEETKG_BIN   the binary to measure (default: the dev build, as ./meetkg runs it)
#   BASE_BIN     a binary to compare with: each report is then run RUNS times by
#                each binary in turn (base, then MEETKG_BIN), back to back, as a
#                shared machine needs, and the last column says whether the two
#                printed the same bytes
#   RUNS         runs of each binary per report with BASE_BIN (default 2)
#   BENCH_DIR    where the reports go (default /tmp/meetkg-one-line; kept between runs)
#   MAX_KB       memory cap of each run (ulimit -v, default 8 GB): a quadratic build
#                must not take a shared machine's memory; a run over it fails (exit 134)
#   MAX_SECONDS  time cap of each run (default 900)
#
# Figures (dev build, 2 cores shared with other builds), before and after the
# evidence window and the char index of issue 25 (wall time, peak RSS):
#
#   bytes      people    before                              after
#   300000      15,972   98.7 s, 20.4 GB (run without cap)   1.6 s, 158 MB
#   2000000     91,368   out of memory at the 8 GB cap, 113 s  21.1 s, 628 MB
#   16777216   626,198   out of memory at the 8 GB cap, 95 s   311 s, 4.2 GB
#
# Then identity resolution (issue 25, item 1; extract --compact, dev build, a
# machine shared with other builds, so a few seconds either way): a full name is
# looked up by pairs of spellings near its given name and its surname, not among
# every namesake of one of them (9029986); an ambiguous "Dr. Kebalo" is put on
# the review list once per report, not once per mention (efcb1fa):
#
#   bytes      before     pairs      + review once
#   1 MiB       9.9 s      4.7 s      (9.6 s, run beside the 16 MiB one)
#   4 MiB      58 s       31.2 s     20.7 s, 1.2 GB
#   16 MiB    311 s      301 s      109 s, 4.2 GB
#   (roster of 50,000 lines, benches/roster.py 50000: 6.3 s before, 3.7 s after)
#
# Outputs identical before and after. Then (issue 25, item 1, third pass) the
# lone-word index by spellings, typo keys written in one buffer, the
# honorifics hashed, decisions in a list a report, the registry in lists,
# evidence moved into the people rather than copied, the parsed name kept as
# the variant, a lone word decided once for each spelling near it. CPU
# seconds (user + sys; the machine ran at load 5 to 9, so wall time said
# little) and peak RSS, extract --compact, dev build:
#
#   input                  before               after (a tenth either way)
#   roster, 50,000 lines   3.6 s, 197 MB        2.5 s, 167 MB
#   1 MiB line             5.1 s, 387 MB        2.9 s, 276 MB
#   4 MiB line            22.6 s, 1.23 GB      13 s, 818 MB
#   16 MiB line          115 s, 4.2 GB         61 s, 2.9 GB
#
# (16 MiB: 79 s before a lone word was decided by spellings, c228a5a.)
#
# Outputs byte-identical (extract, people, build exports, devset). What
# remains: extraction is a third of the time and holds every mention's
# evidence (its quote, up to 400 characters, for each of 1.13 million
# mentions at 16 MiB) until resolution is done, which bounds the peak; and
# resolution is linear but heavy (about 20 µs a name).
#
# Then (issue 25, item 1, fourth pass; profiled with perf's dwarf call
# graphs and heaptrack): evidence quotes of a long line share the line (an
# Arc and a range, model::Quote) and are made once, from the report, not
# copied from the cleaned span first; fold reads ASCII byte by byte and an
# honorific is a hash lookup; `extract` resolves without the registry of
# identities; a person's first mention and evidence, and a cluster's first
# spelling, take room for one; full names are ordered by place and parsed
# in their turn; an evidence's reasons borrow the recogniser's words. CPU
# seconds (user + sys, machine at load 5 to 7) and peak RSS, extract
# --compact, dev build, before -> after:
#
#   input                  before              after
#   roster, 50,000 lines   2.5 s, 167 MB       1.8-2.0 s, 157 MB
#   1 MiB line             2.9 s, 277 MB       2.1-2.3 s, 198 MB
#   4 MiB line            11.9 s, 819 MB       8.7-9.5 s, 521 MB
#   16 MiB line           56-60 s, 2.89 GB     42-47 s, 1.71 GB
#
# (16 MiB run back to back at the end, beside a compile: 59.5 s, 2.89 GB
# before; 47.0 s, 1.71 GB after.)
#
# Outputs byte-identical (extract with evidence and people --json on the
# seeds, fixtures and devset texts, build exports and nq dump of the seeds,
# the roster and the 1/4 MiB lines, devset predictions). Where the time
# goes now (4 MiB): identity resolution about half (decide: the index of
# spellings and their typo keys, hashed with SipHash), extraction a third
# (people::rolls and roster::extract, per name), freeing it all a tenth.
# The peak is reached in decide, not in extraction.
#
# Then (issue 25, item 1, fifth pass; perf with dwarf call graphs on the
# 16 MiB line): the typo keys of a spelling are hashes computed from its
# prefix hashes (resolve/typo_key.rs), not strings written out, hashed and
# kept, and a key's list holds one id in place; a heading's absence cut,
# a lone word's gazetteer key and a name's title case are made once or not
# at all. CPU seconds (user + sys) and peak RSS, extract --compact, dev
# build, one run each at load 6 to 9 (wall time said little):
#
#   input                  before              after
#   roster, 50,000 lines   2.9 s, 160 MB       2.2 s, 161 MB
#   16 MiB line           40.7 s, 1.39 GB     26.9 s, 1.24 GB
#
# Outputs byte-identical (seeds, fixtures, devset predictions, the 16 MiB
# line, the roster). Where the time goes now (16 MiB): extraction about
# half (roster::lists 16%, people::rolls 14%, agenda and evidence windows),
# identity resolution under half (full names 20%, of which the typo-key
# lookups of a surname 6%; lone words 9%; the people of the report 9%),
# malloc and free a fifth across both. No stage stands out any more: what
# is left is the cost per name, about 24 µs (1.13 million names, 626,198
# people).
#
# Then (issue 25, item 1, sixth pass; perf with dwarf call graphs on the 4 and
# 16 MiB lines): a name's candidate sets are lists sorted once, not trees; a
# report's people are hashed; an index list of several ids is boxed (an
# entry of two words); a surname's typo keys are made and looked up once;
# a name's words are transliterated only when not ASCII, a vocabulary key's
# spaces taken out in place, a name's prefixes borrowed; no lowercased copy
# of a line without a colon. Measured with this script, BASE_BIN=b01a0fd's
# binary, RUNS=2 (base, branch, base, branch), two sessions of the same
# day on 2 cores shared with two other builds:
#
#   input           load   before (CPU s, peak)          after
#   16 MiB line     5-7    27.8, 28.0 s; 1,239 MB        24.2, 24.8 s; 1,209 MB  (a)
#   16 MiB line     3-5    22.2, 22.7 s; 1,239 MB        21.7, 21.5 s; 1,209 MB
#   roster, 50,000  5-6    1.99, 1.96 s; 156 MB          1.98, 1.85 s; 152 MB    (a)
#   roster, 50,000  5      1.92, 2.01 s; 155 MB          1.92, 1.81 s; 152 MB
#   (a) at 3a9159b, before the vocabulary key in place and the borrowed prefixes
#
# So a few per cent to a tenth, less than the machine's noise between
# sessions; outputs byte-identical (the last column). Not "seconds": tried
# and left out, as they did not pay here: the crate at opt-level 2 (23.8 s
# user against 23.2 s at 1, same run), mimalloc (user time down a sixth,
# system time up from 2 s to 9-11 s; on the 4 MiB line a tenth of the page
# faults but 2.5 s of system time against 0.5, transparent huge pages set
# to "always" here; not pursued), glibc's malloc tunables (trim and mmap
# thresholds, top pad, hugetlb). What is left is spread over some forty
# functions of a few per cent each and bound by memory: allocation and
# free about a fifth, cache misses in the typo-key index of hundreds of
# thousands of surnames, a Span of 8 bytes a char for each copy of the line.
#
# Then (issue 25, item 1, seventh pass; perf with dwarf call graphs on the 4
# and 16 MiB lines, heaptrack on the 4 MiB one). Growth first, base binary
# (1ae2d54), CPU s (user + sys) and peak RSS, one run each at load 4-5:
#
#   4 MiB line    4.94 s,   401 MB   (1.24 s a MiB)
#   8 MiB line   10.21 s,   709 MB   (1.28 s a MiB)
#   16 MiB line  21.59 s, 1,239 MB   (1.35 s a MiB)
#
# Linear: a few per cent more a MiB at each doubling, as the index of
# spellings outgrows the caches; nothing quadratic. Where the 16 MiB line's
# CPU goes (samples): extraction 51% (roster::lists 16%, people::rolls 13%,
# Text::with_words 5%, evidence windows 5%, header, entities and agenda 6%,
# building the regexes 1%), identity resolution 42% (full names 16%, the
# other mentions 6%, the index freed 3%, names parsed 3%, the report's people
# 10%), printing 4%, of which 3% freeing the printed report; across all of
# it free 12%, malloc 6%, page faults 8%; 18 million allocations for the 4
# MiB line (65 a name). Taken out: a span of ASCII finds a char from its
# byte without the marks (64df3af: char_at_byte was 4% of the samples); a
# printed report is forgotten, not freed, as `extract` ends when it is
# printed (864eb5e); a char's offset is four bytes, not eight (dcc1a33: the
# roster's peak 153 -> 146 MB; the line's peak is in resolution, after the
# text is gone, and did not move). Measured with this script, BASE_BIN =
# 1ae2d54's binary, RUNS=2 twice (load 5 to 7), before -> after the three:
#
#   input           runs (load)       before (CPU s; peak)           after
#   16 MiB line     2 (6-7), 2 (5)    23.37, 22.78, 21.84, 26.41 s;   21.03, 19.66, 20.94, 23.37 s;
#                                     1,208-1,222 MB                  1,210 MB
#   roster, 50,000  2 (6), 2 (5)      1.96, 1.94, 2.54, 2.10 s;       1.83, 1.93, 2.26, 1.96 s;
#                                     150-152 MB                      146 MB
#
# Outputs byte-identical (the last column; and extract with and without
# evidence of the seeds, fixtures, devset texts, the 4 MiB line and the
# roster). So about a tenth, not "seconds": what is left is the cost per
# name, about 18 µs over some forty functions, bound by memory (allocation
# and free, cache misses in the typo-key index). Left to try: the index of
# a one-shot command not freed piece by piece (3%), interned spellings (the
# index holds each twice), fewer copies of each name between extraction and
# resolution (Names::of, the report's people); folding into a reused buffer
# would save about 1% (fold is 5%, mostly its own loop over the bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(300000 2000000 16777216)
bench="${BENCH_DIR:-/tmp/meetkg-one-line}"
max_kb="${MAX_KB:-8000000}"
max_seconds="${MAX_SECONDS:-900}"
mkdir -p "$bench"
if [ -z "${MEETKG_BIN:-}" ]; then
  cargo build -q --bin meetkg
  MEETKG_BIN="${CARGO_TARGET_DIR:-target}/$(rustc -vV | sed -n 's/^host: //p')/debug/meetkg"
fi
runs="${RUNS:-2}"
# run LABEL BIN REPORT SIZE: one timed run of BIN on REPORT, one row.
run() {
  local label=$1 bin=$2 report=$3 size=$4 status=0
  ( ulimit -v "$max_kb"
    exec /usr/bin/time -v -o "$bench/time-$label-$size.txt" timeout "$max_seconds" \
      "$bin" extract -q --compact "$report" ) > "$bench/out-$label-$size.json" 2> "$bench/err-$label-$size.txt" \
    || status=$?
  local t="$bench/time-$label-$size.txt" wall user sys peak people same=""
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$t")
  user=$(sed -n 's/.*User time (seconds): //p' "$t")
  sys=$(sed -n 's/.*System time (seconds): //p' "$t")
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")
  people=$(python3 -c 'import json,sys
try: print(len(json.loads(open(sys.argv[1]).readline())["people"]))
except Exception: print("-")' "$bench/out-$label-$size.json")
  if [ -n "${BASE_BIN:-}" ] && [ "$label" != base ]; then
    same=$(cmp -s "$bench/out-base-$size.json" "$bench/out-$label-$size.json" && echo yes || echo NO)
  fi
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$label" "$wall" \
    "$(python3 -c "print(round($user + $sys, 2))")" "$((peak / 1024))" "$people" "$status" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$same"
}
printf '| bytes | binary | wall | CPU s | peak MB | people | exit | load | same as base |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for size in "${sizes[@]}"; do
  report="$bench/names-$size.txt"
  if [ ! -f "$report" ]; then
    case "$size" in
      roster*) python3 benches/roster.py "${size#roster}" > "$report" ;;
      *) python3 benches/roster.py --names-line "$size" > "$report" ;;
    esac
  fi
  if [ -z "${BASE_BIN:-}" ]; then
    run branch "$MEETKG_BIN" "$report" "$size"
    continue
  fi
  for _ in $(seq "$runs"); do
    run base "$BASE_BIN" "$report" "$size"
    run branch "$MEETKG_BIN" "$report" "$size"
  done
done
