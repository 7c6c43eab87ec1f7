#!/usr/bin/env bash
# Load test of `meetkg serve`: requests/s and p50/p99 latency of one SELECT at
# 1, 8 and 64 concurrent clients, on loopback only, each level bounded in
# requests (REQUESTS, default 2000) and time (SECONDS_MAX, default 20).
#
# Each query goes through the server to one of its worker processes (one per
# core by default), so the figures include that hop. Peak memory of the server
# and its workers is printed at the end (Linux).
#
# With QUERIES=1, every query of queries/ instead, each on the graph of one
# report, as a researcher asks it of one meeting (the SPARQL protocol's
# default-graph-uri, a different report for each request): whole-archive runs of
# those queries return hundreds of thousands of rows and are timed once each.
#
# Usage: bash benches/load.sh [STORE]   (default .meetkg/store; build it first)
# MEETKG_BIN: the binary to measure (default: the dev build).
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-.meetkg/store}"
python="${MEETKG_PYTHON:-python3}"
# The dev profile already optimises dependencies (Oxigraph, RocksDB); set
# MEETKG_BIN to measure another build, e.g. a release one.
if [ -z "${MEETKG_BIN:-}" ]; then
  cargo build -q
  MEETKG_BIN=$(ls target/*/debug/meetkg target/debug/meetkg 2>/dev/null | head -1 || true)
fi
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$MEETKG_BIN" serve --store "$store" --bind "127.0.0.1:$port" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
"$python" - "$port" <<'PY'
import concurrent.futures, glob, http.client, json, os, sys, time, urllib.parse
port = int(sys.argv[1])
total = int(os.environ.get("REQUESTS", "2000"))
seconds = float(os.environ.get("SECONDS_MAX", "20"))
query = "SELECT ?name WHERE { ?p meetkg:spokeAt ?m ; foaf:name ?name } LIMIT 20"
path = "/query?" + urllib.parse.urlencode({"query": query})
for _ in range(100):
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/")
        break
    except OSError:
        time.sleep(0.1)

def get(conn, path):
    conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
    r = conn.getresponse(); body = r.read()
    if r.status != 200:
        raise SystemExit(f"status {r.status}: {body[:200]!r}")
    return body

def client(paths, n, stop):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    lat = []
    for i in range(n):
        if time.monotonic() > stop:
            break
        t = time.perf_counter()
        get(conn, paths[i % len(paths)])
        lat.append(time.perf_counter() - t)
    return lat

def run(name, paths):
    print(f"{name}")
    print(f"{'clients':>7} {'requests':>8} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}")
    for clients in (1, 8, 64):
        stop = time.monotonic() + seconds
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            futures = [pool.submit(client, paths[k::clients] or paths, total // clients, stop) for k in range(clients)]
            lats = sorted(l for f in futures for l in f.result())
        wall = time.perf_counter() - start
        p = lambda q: lats[min(len(lats) - 1, int(q * len(lats)))] * 1000
        print(f"{clients:>7} {len(lats):>8} {len(lats)/wall:>8.0f} {p(0.5):>7.2f} {p(0.99):>7.2f}")

if os.environ.get("QUERIES"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    graphs = json.loads(get(conn, "/query?" + urllib.parse.urlencode(
        {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <http://schema.org/Event> } } LIMIT 500"})))
    graphs = [b["g"]["value"] for b in graphs["results"]["bindings"]]
    for rq in sorted(glob.glob("queries/*.rq")):
        text = open(rq, encoding="utf-8").read()
        name = os.path.basename(rq)
        t = time.perf_counter()
        rows = len(json.loads(get(conn, "/query?" + urllib.parse.urlencode({"query": text})))["results"]["bindings"])
        print(f"{name}: whole archive once: {rows} rows in {(time.perf_counter() - t) * 1000:.0f} ms")
        run(f"{name}, one report's graph a request",
            ["/query?" + urllib.parse.urlencode({"query": text, "default-graph-uri": g}) for g in graphs])
else:
    run(query, [path])
PY
# Memory: the server's peak, and each query worker's (its children) now.
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status" 2>/dev/null || true; }
if [ -r "/proc/$server/status" ]; then
  echo "server peak RSS: $(( $(kib "$server" VmHWM) / 1024 )) MiB"
  for worker in $(cat /proc/"$server"/task/*/children 2>/dev/null); do
    echo "worker $worker peak RSS: $(( $(kib "$worker" VmHWM) / 1024 )) MiB"
  done
fi
