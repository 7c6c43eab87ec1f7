#!/usr/bin/env bash
# Scale benchmark (issue 12): builds synthetic archives of growing size and prints
# one table of wall time, CPU time, peak memory and quads, side by side with
# Oxigraph's bulk loader alone on the same quads and the peer pipeline
# (../shared/peer, spaCy + rdflib + networkx) on the same reports.
#
#   bash benches/scale.sh [SIZES...]     default: 1000 10000 (add 100000 for the big one)
#
# Environment:
#   MEETKG_BIN   the binary to measure (default: the dev build, as ./meetkg runs it)
#   BENCH_DIR    where corpora and stores go (default /tmp/meetkg-bench; kept between runs)
#   PEER_VENV    the peer's virtualenv (bash ../shared/peer/setup.sh DIR, WITH_OXIGRAPH=1
#                for pyoxigraph); without it the peer and bulk-loader rows are skipped
#   PEER_SIZES   sizes the peer runs on (default "1000 10000")
#   DETAIL_SIZE  the size whose store gets the incremental, export, dump, open and
#                serve measurements (default the largest of SIZES)
#   SERVE_LOAD   1 to run benches/load.sh on that store as well (default 1 when it
#                holds 10,000 reports or more)
#
# Ends with one table (also in $BENCH_DIR/table.md): each step's wall, CPU and peak
# memory, its share of the full build, and the build's stages as its `-v` log
# gives them (CPU of the whole process over each stage).
#
# Measured (issue 21; `bash benches/scale.sh 1000`, dev build at 9dce4e1, two cores
# shared with other jobs at a load of 7 to 8, so wall times are about twice the CPU
# times; no peer virtualenv, so no peer or bulk-loader rows). At this load CPU times
# vary by a fifth between runs of one binary (33.6 to 40.3 s for this build): compare
# binaries by alternating runs, as the commits of issue 21 do, not across tables.
#
# | step | reports | wall s | CPU s | peak MB | quads | share of the build (wall, CPU) |
# |---|---:|---:|---:|---:|---:|---:|
# | meetkg build (from scratch) | 1000 | 84.27 | 40.32 | 603 | 1073706 |  |
# | open the store (ASK {}) | 1000 | 0.05 | 0.02 | 24 |  | 0%, 0% |
# | export | 1000 | 17.62 | 8.33 | 150 |  | 21%, 21% |
# | dump (N-Quads) | 1000 | 22.76 | 10.95 | 147 |  | 27%, 27% |
# | incremental build, 1 report changed (its dump = a from-scratch one: yes) | 1000 | 20.25 | 10.16 | 218 |  | 24%, 25% |
# | build stage: extract and resolve | 1000 | 18.98 | 9.27 | | | |
# | build stage: store: read back, map to RDF, bulk load (with the merge) | 1000 | 39.68 | 18.71 | | | |
# | build stage: store: flush (waits for compaction) | 1000 | 0.00 | 0.00 | | | |
# | build stage: store: compaction | 1000 | 8.59 | 3.99 | | | |
# | build stage: exports | 1000 | 15.76 | 7.81 | | | |
# | build stage: extract and resolve | incremental 1000 | 1.54 | 0.85 | | | |
# | build stage: compare with the current generation | incremental 1000 | 1.14 | 0.66 | | | |
# | build stage: store: replace the changed graphs | incremental 1000 | 0.48 | 0.09 | | | |
# | build stage: exports | incremental 1000 | 15.69 | 7.97 | | | |
#
# The store is the largest stage, and it is Oxigraph's: inside it (perf, after
# 360104b) the loader's threads are 85% of its CPU (encoding keys, SipHash-128 of
# terms, sorting, LZ4), meetkg's reading back, resolving and mapping 8%, feeding the
# loader 7%. Reading the JSON cache back and resolving is 0.3 to 0.4 s of it: a
# binary cache would not pay. The merge (the default graph, kept for oxigraph#1919,
# not fixed in 0.5.13) is about a third of the keys the loader writes. An
# incremental build is its exports (78% of its CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
bench="${BENCH_DIR:-/tmp/meetkg-bench}"
peer_sizes="${PEER_SIZES:-1000 10000}"
detail="${DETAIL_SIZE:-$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)}"
serve_load="${SERVE_LOAD:-$([ "$detail" -ge 10000 ] && echo 1 || echo 0)}"
mkdir -p "$bench"
. benches/lib.sh
results="$bench/results.tsv"
stages="$bench/stages.tsv"
: > "$results"
: > "$stages"

# measure LABEL N CMD...: runs CMD, records wall s, CPU s, peak MB.
measure() {
  local label=$1 n=$2; shift 2
  timed "$label" "$@" || return 1
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$wall" "$cpu" "$peak_mb" >> "$results"
  printf '%-38s %7s reports  wall %8ss  cpu %8ss  peak %6s MB\n' "$label" "$n" "$wall" "$cpu" "$peak_mb"
}

# build_stages N < LOG: the stage lines of a `-v` build log, as rows of $stages
# (stage, N, wall s, CPU s).
build_stages() {
  local n=$1
  sed -n 's/^\[INFO \] //p' | while IFS= read -r line; do
    local stage=""
    case "$line" in
      "read, extracted and resolved"*) stage="extract and resolve" ;;
      "compared "*) stage="compare with the current generation" ;;
      "loaded "*) stage="store: read back, map to RDF, bulk load (with the merge)" ;;
      "flushed the store"*) stage="store: flush (waits for compaction)" ;;
      "compacted the store"*) stage="store: compaction" ;;
      "wrote store generation"*) stage="store: replace the changed graphs" ;;
      "wrote the exports"*) stage="exports" ;;
    esac
    [ -n "$stage" ] || continue
    local wall cpu
    wall=$(sed -n 's/.*: \([0-9.]*\) s wall.*/\1/p' <<< "$line")
    cpu=$(sed -n 's/.* s wall, \([0-9.]*\) s CPU.*/\1/p' <<< "$line")
    printf 'stage\t%s\t%s\t%s\t%s\n' "$stage" "$n" "$wall" "$cpu" >> "$stages"
  done
}

count_quads() {
  "$MEETKG_BIN" query --store "$1" --format csv \
    'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | sed -n 2p | tr -d '\r'
}

for n in "${sizes[@]}"; do
  corpus="$bench/corpus-$n"
  [ -d "$corpus" ] || python3 benches/gen_corpus.py "$n" "$corpus"
  rm -rf "$bench/store-$n" "$bench/store-$n".* "$bench/exports-$n"
  measure "meetkg build (from scratch)" "$n" \
    "$MEETKG_BIN" -v build "$corpus" --store "$bench/store-$n" --out "$bench/exports-$n"
  build_stages "$n" < "$bench/last.err"
  quads=$(count_quads "$bench/store-$n")
  printf 'quads\t%s\t%s\n' "$n" "$quads" >> "$stages"
  echo "    quads in the named graphs: $quads"
done

if [ -n "${PEER_VENV:-}" ] && [ -x "$PEER_VENV/bin/python" ]; then
  for n in $peer_sizes; do
    [ -d "$bench/corpus-$n" ] || continue
    rm -rf "$bench/peer-$n"
    measure "peer pipeline (spaCy, rdflib)" "$n" "$PEER_VENV/bin/python" ../shared/peer/spacy_rdflib_pipeline.py \
      "$bench/corpus-$n" "$bench/peer-$n" --ner-only --batch-size 64 --n-process 2
  done
fi

if [ -d "$bench/store-$detail" ] && ! { [ -n "${PEER_VENV:-}" ] && "$PEER_VENV/bin/python" -c 'import pyoxigraph' 2>/dev/null; }; then
  echo "    (no PEER_VENV with pyoxigraph: the bulk-loader and peer rows are skipped)"
fi

if [ -d "$bench/store-$detail" ]; then
  store="$bench/store-$detail"
  measure "open the store (ASK {})" "$detail" "$MEETKG_BIN" query --store "$store" 'ASK {}'
  measure "export" "$detail" "$MEETKG_BIN" export --store "$store" --out "$bench/exports-again"
  rm -rf "$bench/dump-$detail"
  measure "dump (N-Quads)" "$detail" "$MEETKG_BIN" -q dump --store "$store" --out "$bench/dump-$detail" --format nq
  if [ -n "${PEER_VENV:-}" ] && "$PEER_VENV/bin/python" -c 'import pyoxigraph' 2>/dev/null; then
    # The quads meetkg writes: the named graphs and their merge as default graph.
    nq=$(find "$bench/dump-$detail" -name 'meetkg-2*.nq' | sed -n 1p)
    python3 - "$nq" "$bench/bulk-input.nq" <<'PY'
import sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        out.write(line)
        out.write(line[: line.rstrip().rstrip(".").rstrip().rfind(" <")] + " .\n")
PY
    rm -rf "$bench/bulk-store"
    measure "Oxigraph bulk loader alone" "$detail" "$PEER_VENV/bin/python" -c '
import sys, pyoxigraph
s = pyoxigraph.Store(sys.argv[1])
s.bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.N_QUADS)
s.flush(); s.optimize()' "$bench/bulk-store" "$bench/bulk-input.nq"
  fi
  # One report of the archive changed: an incremental build, then the same
  # corpus from scratch, and their dumps compared.
  changed="$bench/corpus-$detail-changed"
  rm -rf "$changed"; cp -r "$bench/corpus-$detail" "$changed"
  first=$(find "$changed" -name '*.txt' -printf '%f\n' | sort | sed -n 1p)
  printf '\nIngrid Vokomann said that the next call should look again at the IGF mandate.\n' >> "$changed/$first"
  measure "incremental build, 1 report changed" "$detail" \
    "$MEETKG_BIN" -v build "$changed" --store "$store" --out "$bench/exports-$detail"
  build_stages "incremental $detail" < "$bench/last.err"
  rm -rf "$bench/scratch" "$bench/scratch".*
  measure "meetkg build (changed, from scratch)" "$detail" \
    "$MEETKG_BIN" -q build "$changed" --store "$bench/scratch" --out "$bench/exports-scratch"
  rm -rf "$bench/d1" "$bench/d2"
  "$MEETKG_BIN" -q dump --store "$store" --out "$bench/d1" --format nq --date 2026-01-01
  "$MEETKG_BIN" -q dump --store "$bench/scratch" --out "$bench/d2" --format nq --date 2026-01-01
  if cmp -s "$bench"/d1/meetkg-2026-01-01-*.nq "$bench"/d2/meetkg-2026-01-01-*.nq; then
    same=yes
  else
    same=NO
  fi
  printf 'same\t%s\t%s\n' "$detail" "$same" >> "$stages"
  echo "    incremental dump = from-scratch dump: $same"
  if [ "$serve_load" = 1 ]; then
    echo "== serve on the $detail store (benches/load.sh)"
    MEETKG_BIN="$MEETKG_BIN" QUERIES=1 bash benches/load.sh "$store" || true
  fi
fi

echo
python3 - "$results" "$stages" <<'PY' | tee "$bench/table.md"
import math, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
extra = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
quads = {r[1]: r[2] for r in extra if r[0] == "quads"}
same = {r[1]: r[2] for r in extra if r[0] == "same"}
builds = {r[1]: float(r[2]) for r in rows if r[0].startswith("meetkg build (from scratch")}
build_cpu = {r[1]: float(r[3]) for r in rows if r[0].startswith("meetkg build (from scratch")}
print("| step | reports | wall s | CPU s | peak MB | quads | share of the build (wall, CPU) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for label, n, wall, cpu, peak in rows:
    share = ""
    if not label.startswith("meetkg build (from scratch") and n in builds:
        share = f"{100 * float(wall) / builds[n]:.0f}%, {100 * float(cpu) / max(build_cpu[n], 0.01):.0f}%"
        if label.startswith("Oxigraph bulk loader"):
            share = f"build = {builds[n] / float(wall):.1f}x this"
        if label.startswith("peer"):
            share = f"this = {float(wall) / builds[n]:.1f}x the build"
    q = quads.get(n, "") if label.startswith("meetkg build (from scratch") else ""
    if label.startswith("incremental") and n in same:
        label += f" (its dump = a from-scratch one: {same[n]})"
    print(f"| {label} | {n} | {wall} | {cpu} | {peak} | {q} | {share} |")
for r in extra:
    if r[0] == "stage":
        print(f"| build stage: {r[1]} | {r[2]} | {r[3]} | {r[4]} | | | |")
b = sorted((int(n), w) for n, w in builds.items())
for (n1, w1), (n2, w2) in zip(b, b[1:]):
    print(f"\n{n1} -> {n2} reports: wall x{w2 / w1:.2f}, exponent {math.log(w2 / w1) / math.log(n2 / n1):.2f}")
PY
