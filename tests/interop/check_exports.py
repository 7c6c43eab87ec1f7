#!/usr/bin/env python3
"""Check meetkg's Gephi-ready exports with independent readers.

Usage:
  check_exports.py EXPORT_DIR [--schema-dir DIR]

EXPORT_DIR must hold the files of the export contract:
  coparticipation.graphml      coparticipation-nodes.csv      coparticipation-edges.csv
  topics.graphml               topics-nodes.csv               topics-edges.csv
  person-topic.graphml         person-topic-nodes.csv         person-topic-edges.csv
  organisation-person.graphml  organisation-person-nodes.csv  organisation-person-edges.csv
  topic-evolution.graphml      topic-evolution-nodes.csv      topic-evolution-edges.csv
  coparticipation.gexf         topics.gexf

For each graph, the GraphML file is read three ways: raw XML (lxml), networkx
(`nx.read_graphml`) and igraph (`igraph.Graph.Read_GraphML`). The two CSV files
(Gephi spreadsheet format) are read with the csv module. The checks are:
- the three readers and the CSVs agree on node and edge counts, and there are nodes;
- every node has a non-empty `label`;
- every edge weight is a positive number, equal to the CSV Weight for the same pair;
- the CSV ids are the GraphML ids;
- the GraphML structure follows the contract: namespace, `edgedefault`, the
  `attr.type` of every key, no empty `<data>`;
- every node id is the stable id of its `iri` (the path below ID_BASE with `/`
  written `:`, e.g. `person:amrita-choudhury`; `iri-` and 16 hex digits of the
  IRI's SHA-256 otherwise), and an XML NMTOKEN.

The dynamic GEXF files are read with networkx (`nx.read_gexf`) and as raw XML, and
checked against the GraphML of the same graph (read by networkx):
- mode dynamic; the same node ids, labels, edge pairs and (static) weights;
- each edge's spells are the distinct days of its GraphML `dates`, each as
  (day, day), and its dynamic `weight` attvalues (raw XML: networkx keeps
  `weight` static) give each spell the number of those dates on that day;
- each node's spells hold the days of its edges; a topic's run from its
  `first_date` to its `last_date`.

With --schema-dir DIR (a folder holding graphml/graphml.xsd, e.g. ../shared/schemas),
each GraphML file is also validated against the GraphML 1.0 XML Schema, and, when
DIR holds gexf-1.3/gexf.xsd, each GEXF file against GEXF 1.3. This uses lxml, with
the network disabled; without lxml it runs `xmllint --noout --nonet --schema`.

The script prints one line per check and ends with the line "N passed, N failed".
It exits 0 when every check passed and 1 otherwise. The Python packages are pinned
in requirements.txt beside this file.
"""
import argparse
import csv
import hashlib
import math
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from checks import Report

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
ALLOWED_TYPES = {"boolean", "int", "long", "float", "double", "string"}
GRAPHS = ("coparticipation", "topics", "person-topic", "organisation-person", "topic-evolution")
DYNAMIC = ("coparticipation", "topics")
GEXF_NS = "http://gexf.net/1.3"
ID_BASE = "https://w3id.org/meetkg/id/"
# Name characters of XML 1.0 (fifth edition) but ':' and '_', plus '/'.
READABLE_PATH = re.compile(
    "^[A-Za-z][-./0-9A-Za-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff"
    "\u200c\u200d\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff"
    "\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]*$")
NMTOKEN = re.compile(r"^[-.:_0-9A-Za-z\u00b7\u00c0-\U000effff]+$")


def stable_id(iri):
    """The node id meetkg derives from an IRI (src/export/node_id.rs), rewritten here."""
    if iri.startswith(ID_BASE) and READABLE_PATH.match(iri[len(ID_BASE):]):
        return iri[len(ID_BASE):].replace("/", ":")
    return "iri-" + hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]


def q(tag):
    return f"{{{GRAPHML_NS}}}{tag}"


def short(items, n=5):
    items = sorted(map(str, items))
    more = f" (+{len(items) - n} more)" if len(items) > n else ""
    return ", ".join(items[:n]) + more


def number(value):
    """Parse a weight: a finite float, or None."""
    try:
        x = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def same_number(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def pair(a, b):
    """An undirected edge as a sorted pair of node ids."""
    return tuple(sorted((str(a), str(b))))


def read_raw(path, rep, g):
    """Parse the GraphML with lxml (ElementTree as a fallback) and check its structure.
    Returns a dict with node ids, labels, edges (pair, weight), or None if unreadable."""
    try:
        from lxml import etree as ET
    except ImportError:  # pragma: no cover
        import xml.etree.ElementTree as ET
    try:
        root = ET.parse(path).getroot()
    except Exception as e:  # noqa: BLE001 - any parse error is a failed check
        rep.check(f"{g}: GraphML is well-formed XML", False, f"{path}: {e}")
        return None
    rep.check(f"{g}: GraphML is well-formed XML", True)
    rep.check(f"{g}: GraphML namespace is {GRAPHML_NS}", root.tag == q("graphml"),
              f"root element is {root.tag}")

    keys = root.findall(q("key"))
    bad_types = [(k.get("id"), k.get("attr.type")) for k in keys if k.get("attr.type") not in ALLOWED_TYPES]
    rep.check(f"{g}: every <key> has attr.type in {{{', '.join(sorted(ALLOWED_TYPES))}}}", not bad_types and bool(keys),
              f"bad: {short(bad_types)}" if bad_types else ("no <key> elements" if not keys else f"{len(keys)} keys"))
    node_keys = {k.get("attr.name"): k.get("id") for k in keys if k.get("for") in ("node", "all")}
    edge_keys = {k.get("attr.name"): k.get("id") for k in keys if k.get("for") in ("edge", "all")}
    rep.check(f"{g}: a node key with attr.name 'label'", "label" in node_keys,
              f"node keys: {short(node_keys)}")
    rep.check(f"{g}: an edge key with attr.name 'weight'", "weight" in edge_keys,
              f"edge keys: {short(edge_keys)}")
    numeric_weight = [k.get("attr.type") for k in keys
                      if k.get("attr.name") == "weight" and k.get("for") in ("edge", "all")]
    rep.check(f"{g}: the weight key is numeric", bool(numeric_weight) and numeric_weight[0] in {"int", "long", "float", "double"},
              f"attr.type {numeric_weight[0] if numeric_weight else None}")

    graphs = root.findall(q("graph"))
    rep.check(f"{g}: exactly one <graph>", len(graphs) == 1, f"{len(graphs)} found")
    if not graphs:
        return None
    graph = graphs[0]
    rep.check(f"{g}: edgedefault=\"undirected\"", graph.get("edgedefault") == "undirected",
              f"edgedefault={graph.get('edgedefault')!r}")

    empty = [d.get("key") for d in root.iter(q("data")) if not (d.text or "").strip() and len(d) == 0]
    rep.check(f"{g}: no empty <data> elements", not empty, f"{len(empty)} empty, keys {short(Counter(empty))}" if empty else "")

    nodes = graph.findall(q("node"))
    ids = [n.get("id") for n in nodes]
    dup = [i for i, c in Counter(ids).items() if c > 1]
    rep.check(f"{g}: node ids are unique", not dup, f"duplicates: {short(dup)}" if dup else f"{len(ids)} nodes")
    bad_ids = [i for i in ids if not NMTOKEN.match(i or "")]
    rep.check(f"{g}: node ids are NMTOKENs", not bad_ids, f"not NMTOKENs: {short(bad_ids)}" if bad_ids else "")
    iri_key = node_keys.get("iri")
    iris = {}
    for n in nodes:
        for d in n.findall(q("data")):
            if d.get("key") == iri_key:
                iris[n.get("id")] = d.text or ""
    unstable = [i for i in ids if iris.get(i) is None or stable_id(iris[i]) != i]
    rep.check(f"{g}: every node id is the stable id of its iri", bool(ids) and not unstable,
              f"not derived from the iri: {short(unstable)}" if unstable else f"e.g. {ids[0] if ids else ''}")

    label_key = node_keys.get("label")
    weight_key = edge_keys.get("weight")
    labels = {}
    for n in nodes:
        for d in n.findall(q("data")):
            if d.get("key") == label_key:
                labels[n.get("id")] = (d.text or "").strip()
    edges = []
    for e in graph.findall(q("edge")):
        w = None
        for d in e.findall(q("data")):
            if d.get("key") == weight_key:
                w = d.text
        edges.append((pair(e.get("source"), e.get("target")), w))
    dangling = [p for p, _ in edges if not set(p) <= set(ids)]
    rep.check(f"{g}: every edge's endpoints are declared nodes", not dangling,
              f"dangling: {short(dangling)}" if dangling else f"{len(edges)} edges")
    return {"ids": ids, "labels": labels, "edges": edges}


def read_networkx(path, rep, g):
    try:
        import networkx as nx
    except ImportError as e:
        rep.check(f"{g}: networkx reads the GraphML", False, f"networkx not installed: {e}")
        return None
    try:
        G = nx.read_graphml(path)
    except Exception as e:  # noqa: BLE001
        rep.check(f"{g}: networkx reads the GraphML", False, f"{type(e).__name__}: {e}")
        return None
    rep.check(f"{g}: networkx reads the GraphML", True,
              f"{type(G).__name__}, {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    rep.check(f"{g}: networkx sees an undirected graph", not G.is_directed())
    return G


def read_igraph(path, rep, g):
    try:
        import igraph
    except ImportError as e:
        rep.check(f"{g}: igraph reads the GraphML", False, f"igraph not installed: {e}")
        return None
    try:
        G = igraph.Graph.Read_GraphML(path)
    except Exception as e:  # noqa: BLE001
        rep.check(f"{g}: igraph reads the GraphML", False, f"{type(e).__name__}: {e}")
        return None
    rep.check(f"{g}: igraph reads the GraphML", True, f"{G.vcount()} nodes, {G.ecount()} edges")
    rep.check(f"{g}: igraph sees an undirected graph", not G.is_directed())
    return G


def read_csv(path, rep, g, kind, required):
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        rep.check(f"{g}: {kind} CSV is readable", False, f"{path}: {e}")
        return None
    if not rows:
        rep.check(f"{g}: {kind} CSV header starts {','.join(required)}", False, "empty file")
        return None
    header, body = rows[0], [r for r in rows[1:] if r]
    ok = header[:len(required)] == required
    rep.check(f"{g}: {kind} CSV header starts {','.join(required)}", ok, f"header: {','.join(header)}")
    ragged = [i + 2 for i, r in enumerate(body) if len(r) != len(header)]
    rep.check(f"{g}: {kind} CSV rows have {len(header)} fields", not ragged,
              f"ragged rows at lines {short(ragged)}" if ragged else f"{len(body)} rows")
    if not ok:
        return None
    return [dict(zip(header, r)) for r in body]


def validate_schema(path, xsd, rep, g, what="GraphML 1.0"):
    name = f"{g}: valid against {what} XSD"
    try:
        from lxml import etree
    except ImportError:
        etree = None
    if etree is not None:
        try:
            parser = etree.XMLParser(no_network=True, resolve_entities=False)
            schema = etree.XMLSchema(etree.parse(xsd, parser))
            doc = etree.parse(path, parser)
        except Exception as e:  # noqa: BLE001
            return rep.check(name, False, f"{type(e).__name__}: {e}")
        ok = schema.validate(doc)
        errors = "; ".join(f"line {x.line}: {x.message}" for x in list(schema.error_log)[:3])
        return rep.check(name, ok, errors if not ok else "lxml XMLSchema")
    if shutil.which("xmllint"):
        r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", xsd, path],
                           capture_output=True, text=True)
        return rep.check(name, r.returncode == 0, (r.stderr.strip().splitlines() or ["xmllint"])[-1])
    return rep.check(name, False, "neither lxml nor xmllint is available")


def check_graph(export_dir, g, xsd, rep):
    gml = os.path.join(export_dir, f"{g}.graphml")
    ncsv = os.path.join(export_dir, f"{g}-nodes.csv")
    ecsv = os.path.join(export_dir, f"{g}-edges.csv")
    missing = [p for p in (gml, ncsv, ecsv) if not os.path.isfile(p)]
    if not rep.check(f"{g}: the three files exist", not missing,
                     f"missing: {short(os.path.basename(p) for p in missing)}" if missing else ""):
        return

    raw = read_raw(gml, rep, g)
    G = read_networkx(gml, rep, g)
    I = read_igraph(gml, rep, g)
    nodes = read_csv(ncsv, rep, g, "nodes", ["Id", "Label"])
    edges = read_csv(ecsv, rep, g, "edges", ["Source", "Target", "Type", "Weight"])
    if xsd:
        validate_schema(gml, xsd, rep, g)

    counts = {}
    if raw:
        counts["xml"] = (len(raw["ids"]), len(raw["edges"]))
    if G is not None:
        counts["networkx"] = (G.number_of_nodes(), G.number_of_edges())
    if I is not None:
        counts["igraph"] = (I.vcount(), I.ecount())
    if nodes is not None and edges is not None:
        counts["csv"] = (len(nodes), len(edges))
    detail = ", ".join(f"{k} {n}/{m}" for k, (n, m) in counts.items())
    rep.check(f"{g}: node counts agree (networkx, igraph, CSV)",
              len(counts) == 4 and len({n for n, _ in counts.values()}) == 1, detail + " (nodes/edges)")
    rep.check(f"{g}: edge counts agree (networkx, igraph, CSV)",
              len(counts) == 4 and len({m for _, m in counts.values()}) == 1, detail + " (nodes/edges)")
    rep.check(f"{g}: graph has nodes", bool(counts) and all(n > 0 for n, _ in counts.values()), detail)

    # Labels: in the raw XML, as networkx and igraph see them, and in the CSV.
    if raw:
        no_label = [i for i in raw["ids"] if not raw["labels"].get(i)]
        rep.check(f"{g}: every node has a non-empty label (GraphML)", not no_label,
                  f"without label: {short(no_label)}" if no_label else "")
    if G is not None:
        no_label = [n for n, d in G.nodes(data=True) if not str(d.get("label", "")).strip()]
        rep.check(f"{g}: every node has a non-empty label (networkx)", not no_label,
                  f"without label: {short(no_label)}" if no_label else "")
    if I is not None and I.vcount():
        names = I.vs.attributes()
        labels = I.vs["label"] if "label" in names else [None] * I.vcount()
        no_label = [i for i, x in enumerate(labels) if x is None or not str(x).strip()]
        rep.check(f"{g}: every node has a non-empty label (igraph)", not no_label,
                  f"{len(no_label)} without label" if no_label else "")
    if nodes is not None:
        no_label = [r["Id"] for r in nodes if not r["Label"].strip()]
        rep.check(f"{g}: every CSV node has a non-empty Label", not no_label,
                  f"without Label: {short(no_label)}" if no_label else "")

    # Ids: CSV node ids == GraphML node ids; CSV edge endpoints are node ids.
    if raw and nodes is not None:
        csv_ids = [r["Id"] for r in nodes]
        gml_ids = set(raw["ids"])
        rep.check(f"{g}: CSV node Ids == GraphML node ids", set(csv_ids) == gml_ids and len(csv_ids) == len(set(csv_ids)),
                  f"only in CSV: {short(set(csv_ids) - gml_ids)}; only in GraphML: {short(gml_ids - set(csv_ids))}"
                  if set(csv_ids) != gml_ids else ("duplicate CSV Ids" if len(csv_ids) != len(set(csv_ids)) else ""))
        diff = [i for i, r in ((r["Id"], r) for r in nodes) if i in raw["labels"] and raw["labels"][i] != r["Label"].strip()]
        rep.check(f"{g}: CSV Label == GraphML label for each id", not diff,
                  f"differ for {short(diff)}" if diff else "")
        if edges is not None:
            bad_ends = [(r["Source"], r["Target"]) for r in edges if r["Source"] not in gml_ids or r["Target"] not in gml_ids]
            rep.check(f"{g}: CSV edge endpoints are GraphML node ids", not bad_ends,
                      f"unknown: {short(bad_ends)}" if bad_ends else "")
    if edges is not None:
        bad_type = [r["Type"] for r in edges if r["Type"].strip().lower() != "undirected"]
        rep.check(f"{g}: CSV edge Type is Undirected", not bad_type,
                  f"types seen: {short(set(bad_type))}" if bad_type else "")

    # Weights: positive numbers everywhere, and GraphML == CSV per (Source, Target) pair.
    if raw:
        bad_w = [(p[0], p[1], w) for p, w in raw["edges"] if number(w) is None or number(w) <= 0]
        rep.check(f"{g}: every GraphML edge weight is a positive number (GraphML)", not bad_w,
                  f"bad: {short(bad_w)}" if bad_w else "")
    if G is not None:
        it = G.edges(data=True, keys=False) if G.is_multigraph() else G.edges(data=True)
        bad_w = [(u, v, d.get("weight")) for u, v, d in it
                 if number(d.get("weight")) is None or number(d.get("weight")) <= 0]
        rep.check(f"{g}: every GraphML edge weight is a positive number (networkx)", not bad_w,
                  f"bad: {short(bad_w)}" if bad_w else "")
    if I is not None and I.ecount():
        ws = I.es["weight"] if "weight" in I.es.attributes() else [None] * I.ecount()
        bad_w = [w for w in ws if number(w) is None or number(w) <= 0]
        rep.check(f"{g}: every GraphML edge weight is a positive number (igraph)", not bad_w,
                  f"{len(bad_w)} bad, e.g. {bad_w[:3]}" if bad_w else "")
    if edges is not None:
        bad_w = [(r["Source"], r["Target"], r["Weight"]) for r in edges
                 if number(r["Weight"]) is None or number(r["Weight"]) <= 0]
        rep.check(f"{g}: every CSV Weight is a positive number", not bad_w, f"bad: {short(bad_w)}" if bad_w else "")
    if raw and edges is not None:
        gml_w = {}
        for p, w in raw["edges"]:
            gml_w.setdefault(p, []).append(number(w))
        csv_w = {}
        for r in edges:
            csv_w.setdefault(pair(r["Source"], r["Target"]), []).append(number(r["Weight"]))
        mismatch = []
        for p in set(gml_w) | set(csv_w):
            a = sorted(x for x in gml_w.get(p, []) if x is not None)
            b = sorted(x for x in csv_w.get(p, []) if x is not None)
            if len(a) != len(gml_w.get(p, [])) or len(b) != len(csv_w.get(p, [])) or len(a) != len(b) \
                    or not all(same_number(x, y) for x, y in zip(a, b)):
                mismatch.append(f"{p[0]}-{p[1]} graphml={gml_w.get(p)} csv={csv_w.get(p)}")
        rep.check(f"{g}: GraphML weight == CSV Weight for each (Source, Target)", not mismatch,
                  f"{len(mismatch)} differ: {short(mismatch, 3)}" if mismatch else f"{len(csv_w)} pairs")


def gexf_dynamic_weights(path):
    """(source, target) pair -> [(value, start, end)] of the dynamic weight attvalues,
    read from the raw XML (networkx reads `weight` as static)."""
    import xml.etree.ElementTree as ET
    root = ET.parse(path).getroot()
    out = {}
    for e in root.iter(f"{{{GEXF_NS}}}edge"):
        values = [(a.get("value"), a.get("start"), a.get("end"))
                  for a in e.iter(f"{{{GEXF_NS}}}attvalue") if a.get("for") == "weight"]
        out[pair(e.get("source"), e.get("target"))] = values
    return out


def check_gexf(export_dir, g, xsd, rep):
    """The dynamic GEXF of `g` read back by networkx, against the GraphML."""
    path = os.path.join(export_dir, f"{g}.gexf")
    if not rep.check(f"{g}.gexf exists", os.path.isfile(path)):
        return
    if xsd:
        validate_schema(path, xsd, rep, f"{g}.gexf", "GEXF 1.3")
    try:
        import networkx as nx
        D = nx.read_gexf(path)
        S = nx.read_graphml(os.path.join(export_dir, f"{g}.graphml"))
    except Exception as e:  # noqa: BLE001
        rep.check(f"{g}.gexf: networkx reads it", False, f"{type(e).__name__}: {e}")
        return
    rep.check(f"{g}.gexf: networkx reads it", True,
              f"{D.number_of_nodes()} nodes, {D.number_of_edges()} edges, mode {D.graph.get('mode')}")
    rep.check(f"{g}.gexf: the graph is dynamic", D.graph.get("mode") == "dynamic")
    rep.check(f"{g}.gexf: undirected", not D.is_directed())
    same = set(D.nodes) == set(S.nodes)
    rep.check(f"{g}.gexf: the GraphML's node ids", same and len(D) > 0,
              f"{len(D)} nodes" if same else
              f"only in GEXF: {short(set(D) - set(S))}; only in GraphML: {short(set(S) - set(D))}")
    bad = [n for n in D if n in S and D.nodes[n].get("label") != S.nodes[n].get("label")]
    rep.check(f"{g}.gexf: the GraphML's labels", not bad, f"differ for {short(bad)}" if bad else "")
    d_edges = {pair(u, v): d for u, v, d in D.edges(data=True)}
    s_edges = {pair(u, v): d for u, v, d in S.edges(data=True)}
    rep.check(f"{g}.gexf: the GraphML's edges", set(d_edges) == set(s_edges) and bool(d_edges),
              f"{len(d_edges)} in GEXF, {len(s_edges)} in GraphML")
    bad = [p for p in d_edges if p in s_edges
           and not same_number(number(d_edges[p].get("weight")) or -1, number(s_edges[p].get("weight")) or -2)]
    rep.check(f"{g}.gexf: the GraphML's weights", not bad, f"differ for {short(bad)}" if bad else "")

    # Spells per edge: the distinct days of the GraphML `dates`; dynamic weight per day.
    dynamic = gexf_dynamic_weights(path)
    wrong_spells, wrong_weights, spelled = [], [], 0
    for p, d in d_edges.items():
        dates = [x for x in str(s_edges.get(p, {}).get("dates", "")).split("; ") if x]
        days = Counter(dates)
        spells = d.get("spells", [])
        spelled += bool(spells)
        if spells != [(day, day) for day in sorted(days)]:
            wrong_spells.append(f"{p}: {spells} vs dates {dates}")
        if sorted(dynamic.get(p, [])) != sorted((str(n), day, day) for day, n in days.items()):
            wrong_weights.append(f"{p}: {dynamic.get(p)} vs dates {dates}")
    rep.check(f"{g}.gexf: each edge's spells are the days of its meetings (networkx)",
              not wrong_spells and spelled > 0,
              f"{len(wrong_spells)} wrong: {short(wrong_spells, 2)}" if wrong_spells else f"{spelled} edges with spells")
    rep.check(f"{g}.gexf: each spell's dynamic weight is its meetings that day",
              not wrong_weights, f"{len(wrong_weights)} wrong: {short(wrong_weights, 2)}" if wrong_weights else "")

    # Spells per node: the days of its edges at least; a topic's run first to last date.
    node_days = {n: {s for s, e in D.nodes[n].get("spells", [])} for n in D}
    unspelled = [n for n in D if any(s != e for s, e in D.nodes[n].get("spells", []))]
    missing = []
    for p, d in d_edges.items():
        for s, _ in d.get("spells", []):
            missing += [f"{n}@{s}" for n in p if s not in node_days[n]]
    rep.check(f"{g}.gexf: each node's spells are days and hold its edges' days",
              not missing and not unspelled,
              f"missing {short(missing)}; not one day: {short(unspelled)}" if missing or unspelled else "")
    if g == "topics":
        bad = [n for n in D if node_days[n]
               and (min(node_days[n]), max(node_days[n]))
               != (S.nodes[n].get("first_date"), S.nodes[n].get("last_date"))]
        rep.check(f"{g}.gexf: each topic's spells run from first_date to last_date", not bad,
                  f"differ for {short(bad)}" if bad else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("export_dir", help="folder with the export files")
    ap.add_argument("--schema-dir", help="folder holding graphml/graphml.xsd (or graphml.xsd itself)")
    args = ap.parse_args()

    xsd = None
    if args.schema_dir:
        for cand in (os.path.join(args.schema_dir, "graphml", "graphml.xsd"),
                     os.path.join(args.schema_dir, "graphml.xsd")):
            if os.path.isfile(cand):
                xsd = cand
                break
        if xsd is None:
            print(f"error: no graphml/graphml.xsd under {args.schema_dir}", file=sys.stderr)
            sys.exit(2)
    if not os.path.isdir(args.export_dir):
        print(f"error: {args.export_dir} is not a folder", file=sys.stderr)
        sys.exit(2)

    gexf_xsd = None
    if args.schema_dir:
        cand = os.path.join(args.schema_dir, "gexf-1.3", "gexf.xsd")
        if os.path.isfile(cand):
            gexf_xsd = cand
        else:
            print(f"SKIPPED GEXF schema validation: no gexf-1.3/gexf.xsd under {args.schema_dir}")

    rep = Report()
    for g in GRAPHS:
        check_graph(args.export_dir, g, xsd, rep)
    for g in DYNAMIC:
        check_gexf(args.export_dir, g, gexf_xsd, rep)
    print(f"{rep.passed} passed, {rep.failed} failed")
    sys.exit(1 if rep.failed else 0)


if __name__ == "__main__":
    main()
