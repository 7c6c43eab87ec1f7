#!/usr/bin/env bash
# Dump benchmark (issue 21, "dump at disk speed"): times `meetkg dump` in each
# format, plain and gzipped, on the store of a synthetic archive, and prints
# wall time, CPU time and peak memory beside the build's, so the dump's share of
# the build can be read off.
#
#   bash benches/dump.sh [N]     default 1000 reports
#
# Environment:
#   MEETKG_BIN   the binary to measure (default: the dev build, as ./meetkg runs it)
#   BENCH_DIR    where the corpus, store and dumps go (default /tmp/meetkg-bench;
#                corpus and store are kept between runs: delete the store to
#                time the build again)
#   REF_BIN      another meetkg (an earlier commit's) to dump the same store
#                with: its files must be byte-identical to MEETKG_BIN's
#
# Measured (1,000 reports: 1,073,325 quads, 818,155 distinct triples; dev
# build, two cores shared with other jobs, load about 3.5; build 138 s wall,
# 154 s CPU), wall / CPU / peak RSS, before -> after issue 21's dump work:
#   nq              18.5 s / 17.2 s / 291 MB  ->   9.3 s /  8.6 s / 365 MB
#   trig            18.9 s / 16.7 s / 291 MB  ->   8.1 s /  7.8 s / 407 MB
#   ttl             13.0 s / 11.4 s / 291 MB  ->   7.8 s /  7.6 s / 361 MB
#   nt              12.6 s / 11.6 s / 291 MB  ->   8.2 s /  7.5 s / 365 MB
#   nq --gzip       30.4 s / 26.8 s / 292 MB  ->  11.9 s / 11.7 s / 407 MB
#   all four --gzip 46.3 s / 41.5 s / 293 MB  ->  16.3 s / 16.3 s / 386 MB
# (the files byte-identical before and after, gzip included).
#
# Second pass (session 9: void.ttl's counts from the store when no union format
# is asked; each graph read through SPARQL, three terms decoded a statement).
# 1,000 reports of gen_corpus.py today: 1,073,706 quads, 818,157 triples; build
# 64 s wall, 40.7 s CPU, 579 MB (load about 1). Dumps run back to back, load 2-3,
# wall / CPU / peak RSS, before -> after:
#   nq              7.4 s / 11.5 s / 357 MB  ->  10.1 s /  8.9 s / 149 MB
#   trig            6.4 s /  9.8 s / 377 MB  ->   9.0 s /  8.4 s / 186 MB
#   ttl             9.4 s / 11.6 s / 354 MB  ->  11.5 s / 10.7 s / 362 MB
#   nt             10.3 s / 10.2 s / 357 MB  ->   9.5 s /  9.6 s / 362 MB
#   nq --gzip      15.5 s / 14.9 s / 358 MB  ->   7.3 s / 11.8 s / 154 MB
#   all four --gzip 20.5 s / 19.7 s / 381 MB ->  12.0 s / 20.7 s / 419 MB
# (wall times swing with the other jobs on the machine; nq alone, four runs
# alternated: 10.6-11.7 s -> 9.0-9.4 s CPU). The N-Quads dump is still about
# 22% of the build's CPU, not 10%: most of what is left is Oxigraph decoding
# each term it returns with a RocksDB lookup of its own (about 4 us a
# statement), which no public API avoids.
#
# Third pass (session 17: the store's tables read in order by `store::raw`, the
# string table once and each graph's keys, instead of Oxigraph's lookup a term;
# void.ttl's counts from the default graph's keys; the union's distinct objects
# counted on the keys, not sorted as text). 1,000 reports of gen_corpus.py:
# 1,073,706 quads; build 46.7 s wall, 29.6 s CPU, 624 MB (load 5-6). CPU
# (user + sys) / peak RSS, base -> this pass, files byte-identical:
#   nq              8.3-8.9 s / 153 MB  ->  2.6 s / 147 MB   (28% -> 9% of the build's CPU)
#   trig            9.3 s     / 189 MB  ->  2.7 s / 183 MB
#   ttl            10.8 s     / 358 MB  ->  3.9 s / 317 MB
#   nt             10.7 s     / 357 MB  ->  3.6 s / 316 MB
#   nq --gzip      13.5 s     / 155 MB  ->  6.0 s / 152 MB   (gzip itself: one stream, on its own thread)
# 3,000 reports (build 214 s wall, 97.7 s CPU): nq 43-50 s wall, 30.4-31.7 s CPU
# -> 14.0 s wall, 8.7 s CPU (20-23% -> 6.6% of the build's wall).
# 10,000 reports (build 845 s wall, 334 s CPU, 1.5 GB; load 5-8): nq 384 s wall,
# 136 s CPU, 445 MB -> 51 s wall, 32 s CPU, 407 MB (45% -> 6.1% of the build's
# wall, 41% -> 9.5% of its CPU), byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
bench="${BENCH_DIR:-/tmp/meetkg-bench}"
mkdir -p "$bench"
. benches/lib.sh

corpus="$bench/corpus-$n"
store="$bench/store-$n"
[ -d "$corpus" ] || python3 benches/gen_corpus.py "$n" "$corpus"
if [ ! -e "$store" ]; then
  measure "meetkg build (for scale)" "$MEETKG_BIN" -q build "$corpus" --store "$store" --out "$bench/exports-$n"
fi

# dump_with BIN OUT ARGS...: one dump, a fixed date so runs compare byte for byte.
dump_with() {
  local bin=$1 out=$2; shift 2
  rm -rf "$out"
  measure "dump $*" "$bin" -q dump --store "$store" --out "$out" --date 2026-01-01 "$@"
}

for format in nq trig ttl nt; do
  dump_with "$MEETKG_BIN" "$bench/dump-$format" --format "$format"
done
dump_with "$MEETKG_BIN" "$bench/dump-nq-gz" --format nq --gzip
all=(--format nq --format trig --format ttl --format nt --gzip)
dump_with "$MEETKG_BIN" "$bench/dump-all-gz" "${all[@]}"

if [ -n "${REF_BIN:-}" ]; then
  echo "== the same dumps by $REF_BIN"
  for format in nq trig ttl nt; do
    dump_with "$REF_BIN" "$bench/ref-$format" --format "$format"
  done
  dump_with "$REF_BIN" "$bench/ref-all-gz" "${all[@]}"
  same=yes
  for d in nq trig ttl nt all-gz; do
    diff -r -q "$bench/dump-$d" "$bench/ref-$d" > /dev/null || { same=NO; echo "    differs: $d"; }
  done
  echo "    byte-identical to the reference: $same"
fi
