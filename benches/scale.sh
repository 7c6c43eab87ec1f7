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
#                serve measurements (default 10000, if among SIZES)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
bench="${BENCH_DIR:-/tmp/meetkg-bench}"
peer_sizes="${PEER_SIZES:-1000 10000}"
detail="${DETAIL_SIZE:-10000}"
mkdir -p "$bench"
if [ -z "${MEETKG_BIN:-}" ]; then
  cargo build -q --bin meetkg
  MEETKG_BIN="${CARGO_TARGET_DIR:-target}/$(rustc -vV | sed -n 's/^host: //p')/debug/meetkg"
fi
results="$bench/results.tsv"
: > "$results"

# measure LABEL N CMD...: runs CMD, records wall s, CPU s, peak MB.
measure() {
  local label=$1 n=$2; shift 2
  if ! /usr/bin/time -f '%e %U %S %M' -o "$bench/last.time" "$@" > "$bench/last.out" 2> "$bench/last.err"; then
    echo "FAILED: $label: $*" >&2
    tail -5 "$bench/last.err" >&2
    return 1
  fi
  local wall user sys rss cpu
  read -r wall user sys rss < <(tail -1 "$bench/last.time")
  cpu=$(python3 -c "print(round($user + $sys, 2))")
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$wall" "$cpu" "$((rss / 1024))" >> "$results"
  printf '%-38s %7s reports  wall %8ss  cpu %8ss  peak %6s MB\n' "$label" "$n" "$wall" "$cpu" "$((rss / 1024))"
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
    "$MEETKG_BIN" -q build "$corpus" --store "$bench/store-$n" --out "$bench/exports-$n"
  echo "    quads in the named graphs: $(count_quads "$bench/store-$n")"
done

if [ -n "${PEER_VENV:-}" ] && [ -x "$PEER_VENV/bin/python" ]; then
  for n in $peer_sizes; do
    [ -d "$bench/corpus-$n" ] || continue
    rm -rf "$bench/peer-$n"
    measure "peer pipeline (spaCy, rdflib)" "$n" "$PEER_VENV/bin/python" ../shared/peer/spacy_rdflib_pipeline.py \
      "$bench/corpus-$n" "$bench/peer-$n" --ner-only --batch-size 64 --n-process 2
  done
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
    "$MEETKG_BIN" -q build "$changed" --store "$store" --out "$bench/exports-$detail"
  rm -rf "$bench/scratch" "$bench/scratch".*
  measure "meetkg build (changed, from scratch)" "$detail" \
    "$MEETKG_BIN" -q build "$changed" --store "$bench/scratch" --out "$bench/exports-scratch"
  rm -rf "$bench/d1" "$bench/d2"
  "$MEETKG_BIN" -q dump --store "$store" --out "$bench/d1" --format nq --date 2026-01-01
  "$MEETKG_BIN" -q dump --store "$bench/scratch" --out "$bench/d2" --format nq --date 2026-01-01
  if cmp -s "$bench"/d1/meetkg-2026-01-01-*.nq "$bench"/d2/meetkg-2026-01-01-*.nq; then
    echo "    incremental dump = from-scratch dump: yes"
  else
    echo "    incremental dump = from-scratch dump: NO"
  fi
  echo "== serve on the $detail store (benches/load.sh)"
  MEETKG_BIN="$MEETKG_BIN" QUERIES=1 bash benches/load.sh "$store" || true
fi

echo
echo "== growth of the build (from scratch)"
python3 - "$results" <<'PY'
import math, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
b = [(int(r[1]), float(r[2]), float(r[3])) for r in rows if r[0].startswith("meetkg build (from")]
for (n1, w1, c1), (n2, w2, c2) in zip(b, b[1:]):
    print(f"{n1} -> {n2} reports: wall x{w2 / w1:.2f}, cpu x{c2 / c1:.2f}, exponent (cpu) {math.log(c2 / c1) / math.log(n2 / n1):.2f}")
PY
