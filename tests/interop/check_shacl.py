#!/usr/bin/env python3
"""Validate a meetkg knowledge graph against its SHACL shapes with pySHACL.

Usage:
  check_shacl.py DATA_FILE [--shapes SHAPES_FILE]

DATA_FILE is RDF in one of these syntaxes, chosen by extension:
  .nq (N-Quads), .trig (TriG), .ttl (Turtle), .nt (N-Triples)
It is loaded with rdflib into a Dataset. The named graphs (one per report) and
the default graph are merged into one graph, their union, and that union is
validated: every IRI is shared across report graphs, so the union is the graph
researchers query. (Passing the Dataset itself to pySHACL would validate each
named graph on its own instead.)

SHAPES_FILE defaults to ontology/shapes.ttl of the repository holding this
script. Validation runs pySHACL with inference 'none', advanced mode on and
allow_warnings=False (a warning fails like a violation).

The script prints one line for its single check, the validation report when the
data does not conform, and ends with the line "N passed, N failed".
Exit status: 0 when the union conforms; 1 when it does not (an empty graph does
not conform either: it is almost certainly a wrong path or an empty dump);
2 on usage errors (bad arguments, a file that is missing, has an unknown
extension or does not parse). The Python packages are pinned in
requirements.txt beside this file.
"""
import argparse
import os
import sys

FORMATS = {
    ".nq": "nquads",
    ".nquads": "nquads",
    ".trig": "trig",
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
}

DEFAULT_SHAPES = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "ontology", "shapes.ttl"
)

PREFIXES = {
    "id": "https://w3id.org/meetkg/id/",
    "meetkg": "https://w3id.org/meetkg/ns#",
    "mksh": "https://w3id.org/meetkg/shapes#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "oa": "http://www.w3.org/ns/oa#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


class UsageError(Exception):
    pass


def rdf_format(path):
    ext = os.path.splitext(path)[1].lower()
    if ext not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise UsageError(f"{path}: unknown extension {ext or '(none)'!r}; expected one of {known}")
    return FORMATS[ext]


def load_union(path):
    """The union of every graph in the file, as one rdflib Graph; and the number of named graphs."""
    from rdflib import Dataset, Graph

    if not os.path.isfile(path):
        raise UsageError(f"{path}: no such file")
    fmt = rdf_format(path)
    dataset = Dataset()
    try:
        dataset.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        raise UsageError(f"{path}: cannot parse as {fmt}: {e}") from e
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns, override=True, replace=True)
    named = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
        if g is not None and g != dataset.default_graph.identifier:
            named.add(g)
    return union, len(named)


def load_shapes(path):
    from rdflib import Graph

    if not os.path.isfile(path):
        raise UsageError(f"{path}: no such shapes file")
    shapes = Graph()
    try:
        shapes.parse(path, format=rdf_format(path))
    except UsageError:
        raise
    except Exception as e:
        raise UsageError(f"{path}: cannot parse the shapes: {e}") from e
    # rdflib binds schema: to https://schema.org/ by default; meetkg uses http://.
    for prefix, ns in PREFIXES.items():
        shapes.bind(prefix, ns, override=True, replace=True)
    return shapes


def summary(results_graph):
    """One line per validation result: focus node, path, message."""
    from rdflib import Namespace
    from rdflib.namespace import RDF

    SH = Namespace("http://www.w3.org/ns/shacl#")
    nm = results_graph.namespace_manager
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns, override=True, replace=True)

    def show(term):
        return term.n3(nm) if term is not None else "-"

    lines = []
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        focus = results_graph.value(result, SH.focusNode)
        path = results_graph.value(result, SH.resultPath)
        value = results_graph.value(result, SH.value)
        message = results_graph.value(result, SH.resultMessage)
        line = f"  {show(focus)}  path {show(path)}"
        if value is not None:
            line += f"  value {show(value)}"
        line += f": {message if message is not None else '(no message)'}"
        lines.append(line)
    return sorted(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Validate the union of a meetkg RDF dump against the SHACL shapes."
    )
    parser.add_argument("data", metavar="DATA_FILE", help="N-Quads, TriG, Turtle or N-Triples (by extension)")
    parser.add_argument("--shapes", default=DEFAULT_SHAPES, help="SHACL shapes (default: ontology/shapes.ttl)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on bad arguments, 0 on --help
        return e.code if isinstance(e.code, int) else 2

    try:
        import pyshacl
    except ImportError as e:
        print(f"error: {e}; install tests/interop/requirements.txt", file=sys.stderr)
        return 2

    try:
        data, named = load_union(args.data)
        shapes = load_shapes(args.shapes)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    name = f"shacl {os.path.basename(args.data)} against {os.path.basename(args.shapes)}"
    detail = f"{len(data)} triples, union of {named} named graph(s)"
    if len(data) == 0:
        ok = False
        detail += ": nothing to validate"
    else:
        conforms, results_graph, results_text = pyshacl.validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=False,
        )
        ok = bool(conforms)
        if not ok:
            lines = summary(results_graph)
            detail += f": {len(lines)} result(s)"
            print(results_text.rstrip(), flush=True)
            print("Summary (focus node, path, message):")
            print("\n".join(lines), flush=True)
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)
    print(f"{int(ok)} passed, {int(not ok)} failed", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
