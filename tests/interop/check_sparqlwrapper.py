"""SPARQLWrapper against a running `meetkg serve`: SELECT in JSON, XML, CSV and
TSV, ASK, and CONSTRUCT in Turtle, N-Triples and RDF/XML.

Usage: check_sparqlwrapper.py ENDPOINT   (e.g. http://127.0.0.1:7878/query)
Prints "N passed, N failed"; exits 1 when a check fails.
"""

import sys

import rdflib

from SPARQLWrapper import CSV, JSON, N3, RDFXML, TSV, XML, TURTLE, SPARQLWrapper
from SPARQLWrapper import POST

PREFIXES = "PREFIX schema: <http://schema.org/>\n"
SELECT = PREFIXES + "SELECT DISTINCT ?m WHERE { ?m a schema:Event } ORDER BY ?m"
ASK = PREFIXES + "ASK { ?m a schema:Event }"
CONSTRUCT = PREFIXES + "CONSTRUCT { ?m a schema:Event } WHERE { ?m a schema:Event }"


def main(endpoint):
    passed, failed = 0, 0

    def check(name, fn):
        nonlocal passed, failed
        try:
            fn()
            passed += 1
        except Exception as e:  # report every failure, keep going
            failed += 1
            print(f"FAILED {name}: {e!r}", file=sys.stderr)

    def run(query, fmt, method=None):
        client = SPARQLWrapper(endpoint)
        client.setQuery(query)
        client.setReturnFormat(fmt)
        if method:
            client.setMethod(method)
        return client.queryAndConvert()

    def meetings():
        # Event count from JSON, the reference for the other formats.
        result = run(SELECT, JSON)
        return len(result["results"]["bindings"])

    n = meetings()

    def select_json():
        assert n > 0, "no meetings"
        result = run(SELECT, JSON, POST)
        assert len(result["results"]["bindings"]) == n

    def select_xml():
        doc = run(SELECT, XML)
        assert len(doc.getElementsByTagName("result")) == n

    def select_csv():
        text = run(SELECT, CSV).decode()
        assert len(text.strip().splitlines()) == n + 1, text

    def select_tsv():
        text = run(SELECT, TSV).decode()
        assert len(text.strip().splitlines()) == n + 1, text

    def ask():
        assert run(ASK, JSON)["boolean"] is True

    def construct_turtle():
        # SPARQLWrapper returns Turtle and N3 as bytes: parse them with rdflib.
        graph = rdflib.Graph().parse(data=run(CONSTRUCT, TURTLE), format="turtle")
        assert len(graph) == n, len(graph)

    def construct_ntriples():
        client = SPARQLWrapper(endpoint)
        client.setQuery(CONSTRUCT)
        client.addCustomHttpHeader("Accept", "application/n-triples")
        text = client.query().response.read().decode()
        assert len(text.strip().splitlines()) == n, text

    def construct_rdfxml():
        graph = run(CONSTRUCT, RDFXML)
        assert len(graph) == n, len(graph)

    def construct_n3():
        graph = rdflib.Graph().parse(data=run(CONSTRUCT, N3), format="n3")
        assert len(graph) == n, len(graph)

    for name, fn in [
        ("SELECT JSON", select_json),
        ("SELECT XML", select_xml),
        ("SELECT CSV", select_csv),
        ("SELECT TSV", select_tsv),
        ("ASK", ask),
        ("CONSTRUCT Turtle", construct_turtle),
        ("CONSTRUCT N-Triples", construct_ntriples),
        ("CONSTRUCT RDF/XML", construct_rdfxml),
        ("CONSTRUCT N3", construct_n3),
    ]:
        check(name, fn)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_sparqlwrapper.py ENDPOINT")
    sys.exit(main(sys.argv[1]))
