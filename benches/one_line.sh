#!/usr/bin/env bash
# One-line reports (issue 25): a participant list flattened onto one line,
# "Participants: Ann Lee, Dr. Kamelo, ...", of 0.3 MB, 2 MB and 16 MiB (the
# largest report meetkg reads), made by `benches/roster.py --names-line`. Prints
# one table of wall time, peak memory and people found by `meetkg extract`.
#
#   bash benches/one_line.sh [BYTES...]     default: 300000 2000000 16777216
#
# Environment:
#   MEETKG_BIN   the binary to measure (default: the dev build, as ./meetkg runs it)
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
printf '| bytes | wall s | peak MB | people | exit |\n|---|---|---|---|---|\n'
for size in "${sizes[@]}"; do
  report="$bench/names-$size.txt"
  [ -f "$report" ] || python3 benches/roster.py --names-line "$size" > "$report"
  status=0
  ( ulimit -v "$max_kb"
    exec /usr/bin/time -v -o "$bench/time-$size.txt" timeout "$max_seconds" \
      "$MEETKG_BIN" extract -q --compact "$report" ) > "$bench/out-$size.json" 2> "$bench/err-$size.txt" \
    || status=$?
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$bench/time-$size.txt")
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$bench/time-$size.txt")
  people=$(python3 -c 'import json,sys
try: print(len(json.loads(open(sys.argv[1]).readline())["people"]))
except Exception: print("-")' "$bench/out-$size.json")
  printf '| %s | %s | %s | %s | %s |\n' "$size" "$wall" "$((peak / 1024))" "$people" "$status"
done
