#!/usr/bin/env python3
"""Check the network measures meetkg writes on the co-participation graph against
networkx and igraph, computed here from the same GraphML.

Usage:
  check_measures.py EXPORT_DIR

Reads EXPORT_DIR/coparticipation.graphml (networkx and igraph) and
EXPORT_DIR/coparticipation-graph.csv. Each measure is compared with the library's
default for it (weighted or not, as the README says), with these tolerances:

  degree, weighted_degree, core_number      equal (networkx core_number, igraph coreness)
  betweenness, closeness                    1e-6 (networkx defaults; igraph rescaled to them)
                                            only when the file says they are exact; networkx
                                            up to NETWORKX_PATHS_MAX nodes, igraph always
  eigenvector                               1e-6 (networkx, same iteration run to tol=1e-12;
                                            igraph, scaled to unit norm, on a connected graph)
  pagerank                                  1e-4 (networkx pagerank, igraph pagerank, weighted)
  modularity of meetkg's communities        1e-6 (networkx modularity, igraph modularity)
  modularity against igraph's Louvain       within 0.01 (community_multilevel, weighted)

Prints one line per check with the largest difference found, then "N passed, N failed";
exits 0 when every check passed, 1 otherwise.
"""
import csv
import math
import os
import sys
import time
from checks import Report


# networkx's pure-Python betweenness takes 14 s on 503 nodes and 70,624 edges and over
# ten minutes on the 2,335 nodes of 1,000 generated reports; igraph (C) checks those.
NETWORKX_PATHS_MAX = 1000


def max_diff(ours, theirs, nodes):
    """The largest |ours - theirs| over nodes, and the node where it is."""
    worst, where = 0.0, None
    for n in nodes:
        a, b = ours.get(n), theirs.get(n)
        if a is None or b is None:
            return math.inf, n
        d = abs(float(a) - float(b))
        if where is None or d > worst:
            worst, where = d, n
    return worst, where


def compare(rep, name, ours, theirs, nodes, tol):
    worst, where = max_diff(ours, theirs, nodes)
    return rep.check(name, worst <= tol, f"max |diff| {worst:.3g} (at {where}), tolerance {tol:g}")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    import igraph
    import networkx as nx

    rep = Report()
    path = os.path.join(out, "coparticipation.graphml")
    G = nx.read_graphml(path)
    I = igraph.Graph.Read_GraphML(path)
    nodes = list(G.nodes())
    n = len(nodes)
    with open(os.path.join(out, "coparticipation-graph.csv"), newline="", encoding="utf-8") as f:
        about = {row["attribute"]: row["value"] for row in csv.DictReader(f)}
    graph_data = {k: v for k, v in G.graph.items() if k not in ("node_default", "edge_default")}
    differ = sorted(k for k in set(about) | set(graph_data)
                    if not (str(graph_data.get(k)) == about.get(k) or _same(graph_data.get(k), about.get(k))))
    rep.check("graph attributes agree between the GraphML and coparticipation-graph.csv",
              not differ and bool(about), f"differ: {differ}" if differ else f"{len(about)} attributes")
    rep.check("the graph has nodes and edges", n > 1 and G.number_of_edges() > 0,
              f"{n} nodes, {G.number_of_edges()} edges")
    attr = lambda key: {v: d.get(key) for v, d in G.nodes(data=True)}  # noqa: E731
    ig_index = {v["id"]: v.index for v in I.vs}
    by_id = lambda values: {v: values[ig_index[v]] for v in nodes}  # noqa: E731
    print(f"  {n} nodes, {G.number_of_edges()} edges; "
          f"betweenness: {about.get('betweenness_method')}", flush=True)

    compare(rep, "degree == networkx degree", attr("degree"), dict(G.degree()), nodes, 0)
    compare(rep, "degree == igraph degree", attr("degree"), by_id(I.degree()), nodes, 0)
    compare(rep, "weighted_degree == networkx degree(weight='weight')",
            attr("weighted_degree"), dict(G.degree(weight="weight")), nodes, 1e-9)
    compare(rep, "weighted_degree == igraph strength(weights='weight')",
            attr("weighted_degree"), by_id(I.strength(weights="weight")), nodes, 1e-9)
    compare(rep, "core_number == networkx core_number", attr("core_number"), nx.core_number(G), nodes, 0)
    compare(rep, "core_number == igraph coreness", attr("core_number"), by_id(I.coreness()), nodes, 0)

    exact = int(about["path_sources"]) == n
    if exact and n <= NETWORKX_PATHS_MAX:
        t = time.monotonic()
        bc = nx.betweenness_centrality(G)
        cc = nx.closeness_centrality(G)
        print(f"  networkx betweenness and closeness: {time.monotonic() - t:.1f} s", flush=True)
        compare(rep, "betweenness == networkx betweenness_centrality (unweighted, normalised)",
                attr("betweenness"), bc, nodes, 1e-6)
        compare(rep, "closeness == networkx closeness_centrality (unweighted, wf_improved)",
                attr("closeness"), cc, nodes, 1e-6)
    elif exact:
        print(f"  networkx betweenness and closeness skipped above {NETWORKX_PATHS_MAX} nodes "
              "(pure Python, O(V·E)); igraph's below", flush=True)
    if exact:
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        compare(rep, "betweenness == igraph betweenness × 2/((n-1)(n-2))", attr("betweenness"),
                by_id([b * scale for b in I.betweenness(directed=False)]), nodes, 1e-6)
        size = {}
        for comp in I.connected_components():
            for v in comp:
                size[v] = len(comp)
        ig_close = [0.0 if (c is None or math.isnan(c)) else c * (size[i] - 1) / (n - 1)
                    for i, c in enumerate(I.closeness())]
        compare(rep, "closeness == igraph closeness × (reachable-1)/(n-1)",
                attr("closeness"), by_id(ig_close), nodes, 1e-6)
    else:
        rep.check("betweenness and closeness are sampled: the file says so",
                  "sampled" in about.get("betweenness_method", ""), about.get("betweenness_method", ""))

    # networkx's pure-Python PageRank (its reference, what nx.pagerank computes
    # with numpy and scipy, which the interop clients do not install).
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    compare(rep, "pagerank == networkx pagerank(alpha=0.85, weight='weight')",
            attr("pagerank"), _pagerank_python(G, alpha=0.85, weight="weight"), nodes, 1e-4)
    compare(rep, "pagerank == igraph pagerank(damping=0.85, weights='weight')",
            attr("pagerank"), by_id(I.pagerank(damping=0.85, weights="weight")), nodes, 1e-4)

    converged = "not converged" not in about.get("eigenvector_method", "")
    rep.check("eigenvector iteration converged", converged, about.get("eigenvector_method", ""))
    if converged:
        ev = nx.eigenvector_centrality(G, max_iter=1000, tol=1e-12)
        compare(rep, "eigenvector == networkx eigenvector_centrality (unweighted; tol=1e-12)",
                attr("eigenvector"), ev, nodes, 1e-6)
        compare(rep, "eigenvector == networkx default tolerance, within its 1e-6·n",
                attr("eigenvector"), nx.eigenvector_centrality(G), nodes, max(1e-6 * n, 1e-4))
    if I.is_connected():
        ig_ev = I.eigenvector_centrality()
        norm = math.sqrt(sum(x * x for x in ig_ev)) or 1.0
        compare(rep, "eigenvector == igraph eigenvector_centrality scaled to unit norm",
                attr("eigenvector"), by_id([x / norm for x in ig_ev]), nodes, 1e-6)
    else:
        print(f"  igraph eigenvector skipped: the graph has {len(I.connected_components())} components "
              "(igraph and networkx normalise disconnected graphs differently)", flush=True)

    ours = float(about["modularity"])
    community = attr("community")
    parts = {}
    for v in nodes:
        parts.setdefault(community[v], set()).add(v)
    rep.check("communities are numbered 0..count-1",
              sorted(parts) == list(range(int(about["communities"]))), f"{len(parts)} communities")
    nx_q = nx.community.modularity(G, list(parts.values()), weight="weight")
    rep.check("modularity == networkx modularity of meetkg's communities",
              abs(ours - nx_q) <= 1e-6, f"meetkg {ours:.9f}, networkx {nx_q:.9f}")
    ig_q = I.modularity([community[v["id"]] for v in I.vs], weights="weight")
    rep.check("modularity == igraph modularity of meetkg's communities",
              abs(ours - ig_q) <= 1e-6, f"meetkg {ours:.9f}, igraph {ig_q:.9f}")
    louvain = I.community_multilevel(weights="weight")
    rep.check("modularity within 0.01 of igraph community_multilevel (weighted)",
              ours >= louvain.modularity - 0.01,
              f"meetkg {ours:.6f} ({len(parts)} communities), igraph {louvain.modularity:.6f} "
              f"({len(louvain)} communities), difference {ours - louvain.modularity:+.4f}")
    nx_louvain = nx.community.louvain_communities(G, weight="weight", seed=1)
    print(f"  networkx louvain_communities(seed=1): modularity "
          f"{nx.community.modularity(G, nx_louvain, weight='weight'):.6f}", flush=True)

    print(f"{rep.passed} passed, {rep.failed} failed")
    sys.exit(1 if rep.failed else 0)


def _same(a, b):
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-12)
    except (TypeError, ValueError):
        return False


if __name__ == "__main__":
    main()
