//! Writes SPARQL query results: the standard result formats, a text table for
//! people, and RDF for `CONSTRUCT`/`DESCRIBE`.
//!
//! Rationale: `meetkg query` serves two readers. Programs want the W3C formats
//! (SPARQL results JSON, XML, CSV, TSV), written by `sparesults` exactly as the
//! specifications say; people at a terminal want an aligned table with short
//! IRIs (`id:person/amrita-choudhury`, `schema:attendee`).
//!
//! Which format a result gets:
//!
//! | result               | `table`              | `csv` / `tsv`        | `json` / `xml`       |
//! |----------------------|----------------------|----------------------|----------------------|
//! | `SELECT` solutions   | aligned text table   | SPARQL CSV / TSV     | SPARQL JSON / XML    |
//! | `ASK` boolean        | `true` / `false`     | SPARQL CSV / TSV     | SPARQL JSON / XML    |
//! | `CONSTRUCT`/`DESCRIBE` graph | Turtle       | N-Triples            | Turtle               |
//!
//! A graph result ignores the results format (there is no "SPARQL JSON" for
//! triples); an explicit [`GraphFormat`] overrides the defaults of the last row.
//! Line-oriented formats get N-Triples because whoever asked for CSV or TSV is
//! likely to pipe the output into line tools; everyone else gets Turtle with the
//! [`crate::vocab::PREFIXES`] declared.
//!
//! This module does not run queries (see [`crate::store::Store::query`]) and
//! does not print: it writes to the `Write` it is given.

use crate::vocab::{rdf, PREFIXES};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{IriParseError, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QuerySolutionIter, QueryTripleIter};
use std::fmt;
use std::io::{self, BufWriter, Write};
use std::str::FromStr;

/// The example queries of `queries/`, by name (the file name without `.rq`):
/// each answers one question researchers ask, against the mapping of
/// [`crate::rdf`]. Embedded so the CLI can offer them without the source tree.
pub const EXAMPLE_QUERIES: &[(&str, &str)] = &[
    ("affiliations", include_str!("../queries/affiliations.rq")),
    ("attended", include_str!("../queries/attended.rq")),
    (
        "coparticipation",
        include_str!("../queries/coparticipation.rq"),
    ),
    ("discussed", include_str!("../queries/discussed.rq")),
    ("spoke", include_str!("../queries/spoke.rq")),
    (
        "spoke-evidence",
        include_str!("../queries/spoke-evidence.rq"),
    ),
];

/// Why results could not be written.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// Writing failed (a closed pipe is reported here too, as
    /// [`io::ErrorKind::BrokenPipe`]; callers usually treat it as success).
    #[error("cannot write query results")]
    Io(#[from] io::Error),
    /// The query failed while its results were being streamed.
    #[error("SPARQL query evaluation failed")]
    Evaluation(#[from] QueryEvaluationError),
    /// A built-in prefix is not a valid IRI (a bug in [`crate::vocab`]).
    #[error("built-in prefix {prefix}: is not a valid IRI")]
    Prefix {
        prefix: &'static str,
        #[source]
        source: IriParseError,
    },
}

/// How to write `SELECT` and `ASK` results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum QueryFormat {
    /// An aligned text table with compact IRIs, for people.
    #[default]
    Table,
    /// SPARQL 1.1 Query Results CSV (`text/csv`).
    Csv,
    /// SPARQL 1.1 Query Results TSV (`text/tab-separated-values`).
    Tsv,
    /// SPARQL 1.1 Query Results JSON (`application/sparql-results+json`).
    Json,
    /// SPARQL Query Results XML (`application/sparql-results+xml`).
    Xml,
}

impl QueryFormat {
    /// Every format, in the order of the docs.
    pub const ALL: [Self; 5] = [Self::Table, Self::Csv, Self::Tsv, Self::Json, Self::Xml];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Csv => "csv",
            Self::Tsv => "tsv",
            Self::Json => "json",
            Self::Xml => "xml",
        }
    }

    /// What the format is, for the command line's help.
    pub fn help(self) -> &'static str {
        match self {
            Self::Table => "An aligned text table with compact IRIs, for people",
            Self::Csv => "SPARQL 1.1 Query Results CSV (`text/csv`)",
            Self::Tsv => "SPARQL 1.1 Query Results TSV (`text/tab-separated-values`)",
            Self::Json => "SPARQL 1.1 Query Results JSON (`application/sparql-results+json`)",
            Self::Xml => "SPARQL Query Results XML (`application/sparql-results+xml`)",
        }
    }

    /// The W3C results format, `None` for the table.
    pub fn results_format(self) -> Option<QueryResultsFormat> {
        match self {
            Self::Table => None,
            Self::Csv => Some(QueryResultsFormat::Csv),
            Self::Tsv => Some(QueryResultsFormat::Tsv),
            Self::Json => Some(QueryResultsFormat::Json),
            Self::Xml => Some(QueryResultsFormat::Xml),
        }
    }
}

impl fmt::Display for QueryFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}")]
pub struct UnknownFormat(pub String);

impl FromStr for QueryFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// How to write `CONSTRUCT` and `DESCRIBE` results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GraphFormat {
    /// Turtle with meetkg's prefixes.
    Turtle,
    /// N-Triples: one triple a line, no prefixes.
    NTriples,
}

impl GraphFormat {
    /// Every format.
    pub const ALL: [Self; 2] = [Self::Turtle, Self::NTriples];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Turtle => "turtle",
            Self::NTriples => "ntriples",
        }
    }

    /// What the format is, for the command line's help.
    pub fn help(self) -> &'static str {
        match self {
            Self::Turtle => "Turtle with meetkg's prefixes",
            Self::NTriples => "N-Triples: one triple a line, no prefixes",
        }
    }

    /// The graph format a results format implies: N-Triples for the
    /// line-oriented CSV and TSV, Turtle otherwise.
    pub fn default_for(format: QueryFormat) -> Self {
        match format {
            QueryFormat::Csv | QueryFormat::Tsv => Self::NTriples,
            QueryFormat::Table | QueryFormat::Json | QueryFormat::Xml => Self::Turtle,
        }
    }
}

impl fmt::Display for GraphFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GraphFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// Writes query results to `out` and returns it, flushed.
///
/// `graph_format` applies to `CONSTRUCT`/`DESCRIBE` results only; `None` means
/// [`GraphFormat::default_for`]`(format)`. Results are streamed, except for the
/// table, which holds every row in memory to align the columns.
///
/// Errors: [`QueryError::Evaluation`] when the query fails mid-stream (part of
/// the output may already be written), [`QueryError::Io`] when writing fails.
pub fn write_results<W: Write>(
    results: QueryResults<'_>,
    format: QueryFormat,
    graph_format: Option<GraphFormat>,
    out: W,
) -> Result<W, QueryError> {
    let mut out = BufWriter::new(out);
    match results {
        QueryResults::Solutions(solutions) => match format.results_format() {
            Some(results_format) => write_solutions(solutions, results_format, &mut out)?,
            None => write_table(solutions, &mut out)?,
        },
        QueryResults::Boolean(value) => match format.results_format() {
            Some(results_format) => {
                QueryResultsSerializer::from_format(results_format)
                    .serialize_boolean_to_writer(&mut out, value)?;
            }
            None => writeln!(out, "{value}")?,
        },
        QueryResults::Graph(triples) => write_graph(
            triples,
            graph_format.unwrap_or_else(|| GraphFormat::default_for(format)),
            &mut out,
        )?,
    }
    out.into_inner().map_err(|e| QueryError::Io(e.into_error()))
}

fn write_solutions(
    solutions: QuerySolutionIter<'_>,
    format: QueryResultsFormat,
    out: &mut impl Write,
) -> Result<(), QueryError> {
    let mut serializer = QueryResultsSerializer::from_format(format)
        .serialize_solutions_to_writer(out, solutions.variables().to_vec())?;
    for solution in solutions {
        serializer.serialize(&solution?)?;
    }
    serializer.finish()?;
    Ok(())
}

fn write_graph(
    triples: QueryTripleIter<'_>,
    format: GraphFormat,
    out: &mut impl Write,
) -> Result<(), QueryError> {
    let mut serializer = match format {
        GraphFormat::NTriples => RdfSerializer::from_format(RdfFormat::NTriples),
        GraphFormat::Turtle => {
            let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
            for &(prefix, iri) in PREFIXES {
                serializer = serializer
                    .with_prefix(prefix, iri)
                    .map_err(|source| QueryError::Prefix { prefix, source })?;
            }
            serializer
        }
    }
    .for_writer(out);
    for triple in triples {
        serializer.serialize_triple(&triple?)?;
    }
    serializer.finish()?;
    Ok(())
}

/// A `psql`-like table: header, rule, rows, and a row count.
///
/// Widths count characters, so wide (CJK) characters may misalign a little;
/// line breaks and tabs in values are shown as `\n`, `\t` so rows stay on one line.
fn write_table(solutions: QuerySolutionIter<'_>, out: &mut impl Write) -> Result<(), QueryError> {
    let header: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            header
                .iter()
                .map(|v| {
                    solution
                        .get(v.as_str())
                        .map(display_term)
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>(),
        );
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let last = cells.len().saturating_sub(1);
        let mut line = String::new();
        for (i, (cell, width)) in cells.iter().zip(&widths).enumerate() {
            line.push(' ');
            line.push_str(cell);
            if i < last {
                line.extend(std::iter::repeat_n(' ', width - cell.chars().count()));
                line.push_str(" |");
            }
        }
        line
    };
    if !header.is_empty() {
        writeln!(out, "{}", line(&header))?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
        writeln!(out, "{}", rule.join("+"))?;
    }
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    let n = rows.len();
    writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })?;
    Ok(())
}

/// A term as a person reads it: compact IRIs, bare literal values.
///
/// Strings, language-tagged strings and XSD-typed values show their lexical
/// form alone (`46`, `2022-10-20`); other datatypes keep `^^datatype`.
pub fn display_term(term: &Term) -> String {
    let text = match term {
        Term::NamedNode(node) => compact_iri(node.as_str()),
        Term::Literal(literal) => {
            let datatype = literal.datatype();
            if datatype == rdf::LANG_STRING
                || datatype
                    .as_str()
                    .starts_with("http://www.w3.org/2001/XMLSchema#")
            {
                literal.value().to_owned()
            } else {
                format!(
                    "\"{}\"^^{}",
                    literal.value(),
                    compact_iri(datatype.as_str())
                )
            }
        }
        other => other.to_string(),
    };
    escape_layout(&text)
}

/// `prefix:local` for an IRI in one of [`PREFIXES`] whose local part is plain
/// (letters, digits, `-_./`), else `<iri>`. For display only: the result is not
/// always valid Turtle (`/` would need escaping there).
pub fn compact_iri(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len())
        .and_then(|(prefix, ns)| {
            let local = &iri[ns.len()..];
            let plain = local
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
            plain.then(|| format!("{prefix}:{local}"))
        })
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// Control characters as visible escapes, so one value stays on one line.
fn escape_layout(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Bidirectional controls would reorder the rest of the line.
            c if c.is_control() || crate::text::is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sample_store;
    use crate::store::Store;
    use oxigraph::io::RdfParser;
    use oxigraph::model::{Literal, NamedNode, Triple};
    use oxigraph::sparql::results::{QueryResultsParser, SliceQueryResultsParserOutput};
    use std::collections::HashSet;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    const SPOKE: &str = "SELECT DISTINCT ?person ?name WHERE { ?person meetkg:spokeAt ?m ; foaf:name ?name } ORDER BY ?person";

    fn run(
        store: &Store,
        query: &str,
        format: QueryFormat,
    ) -> Result<String, Box<dyn std::error::Error>> {
        let out = write_results(store.query(query)?, format, None, Vec::new())?;
        Ok(String::from_utf8(out)?)
    }

    #[test]
    fn format_names_round_trip() {
        for f in QueryFormat::ALL {
            assert_eq!(f.as_str().parse::<QueryFormat>(), Ok(f));
        }
        for f in GraphFormat::ALL {
            assert_eq!(f.as_str().parse::<GraphFormat>(), Ok(f));
        }
        assert!("yaml".parse::<QueryFormat>().is_err());
    }

    #[test]
    fn table_is_aligned_with_compact_iris() -> TestResult {
        let (_dir, store) = sample_store()?;
        let table = run(&store, SPOKE, QueryFormat::Table)?;
        let lines: Vec<&str> = table.lines().collect();
        assert!(
            lines[0].starts_with(" person ") && lines[0].ends_with(" | name"),
            "{table}"
        );
        assert!(lines[1].starts_with("-------") && lines[1].contains('+'));
        assert!(
            lines[2].starts_with(" id:person/amrita-choudhury "),
            "{table}"
        );
        assert!(lines[3].ends_with("| Wolfgang Kleinwächter"), "{table}");
        assert_eq!(lines.last(), Some(&"(2 rows)"));
        let bar = lines[0].find('|');
        assert!(lines[2..4].iter().all(|l| l.find('|') == bar), "{table}");
        Ok(())
    }

    #[test]
    fn json_and_xml_and_tsv_parse_back() -> TestResult {
        let (_dir, store) = sample_store()?;
        for (format, results_format) in [
            (QueryFormat::Json, QueryResultsFormat::Json),
            (QueryFormat::Xml, QueryResultsFormat::Xml),
            (QueryFormat::Tsv, QueryResultsFormat::Tsv),
        ] {
            let text = run(&store, SPOKE, format)?;
            let SliceQueryResultsParserOutput::Solutions(solutions) =
                QueryResultsParser::from_format(results_format).for_slice(text.as_bytes())?
            else {
                return Err("not solutions".into());
            };
            let rows = solutions.collect::<Result<Vec<_>, _>>()?;
            assert_eq!(rows.len(), 2, "{format}");
            assert_eq!(
                rows[1].get("name"),
                Some(&Term::from(Literal::from("Wolfgang Kleinwächter"))),
                "{format}"
            );
        }
        let csv = run(&store, SPOKE, QueryFormat::Csv)?;
        assert!(csv.starts_with("person,name\r\n"), "{csv}");
        assert_eq!(csv.lines().count(), 3);
        Ok(())
    }

    #[test]
    fn ask_is_a_boolean_in_every_format() -> TestResult {
        let (_dir, store) = sample_store()?;
        let ask = "ASK { ?m meetkg:discussed <https://w3id.org/meetkg/id/topic/netmundial> }";
        assert_eq!(run(&store, ask, QueryFormat::Table)?, "true\n");
        assert_eq!(
            run(&store, ask, QueryFormat::Json)?,
            r#"{"head":{},"boolean":true}"#
        );
        assert!(run(&store, ask, QueryFormat::Xml)?.contains("<boolean>true</boolean>"));
        Ok(())
    }

    #[test]
    fn construct_writes_turtle_or_ntriples() -> TestResult {
        let (_dir, store) = sample_store()?;
        let construct = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }";
        let parse = |text: &str,
                     format: RdfFormat|
         -> Result<HashSet<Triple>, Box<dyn std::error::Error>> {
            RdfParser::from_format(format)
                .for_slice(text.as_bytes())
                .map(|q| q.map(Triple::from))
                .collect::<Result<HashSet<_>, _>>()
                .map_err(Into::into)
        };
        let turtle = run(&store, construct, QueryFormat::Table)?;
        assert!(
            turtle.contains("@prefix foaf: <http://xmlns.com/foaf/0.1/> ."),
            "{turtle}"
        );
        let nt = run(&store, construct, QueryFormat::Csv)?;
        assert!(!nt.contains("@prefix"));
        let a = parse(&turtle, RdfFormat::Turtle)?;
        assert_eq!(a, parse(&nt, RdfFormat::NTriples)?);
        assert_eq!(a.len(), 3);
        let forced = write_results(
            store.query(construct)?,
            QueryFormat::Json,
            Some(GraphFormat::NTriples),
            Vec::new(),
        )?;
        assert_eq!(
            parse(std::str::from_utf8(&forced)?, RdfFormat::NTriples)?,
            a
        );
        Ok(())
    }

    /// Every example query parses, runs on the sample store and returns rows;
    /// a few are checked for content.
    #[test]
    fn example_queries_run_and_return_rows() -> TestResult {
        let (_dir, store) = sample_store()?;
        let mut names: Vec<&str> = EXAMPLE_QUERIES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        let on_disk: Vec<String> = {
            let mut v: Vec<String> =
                std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/queries"))?
                    .filter_map(|e| {
                        e.ok()?
                            .file_name()
                            .to_str()?
                            .strip_suffix(".rq")
                            .map(str::to_owned)
                    })
                    .collect();
            v.sort();
            v
        };
        assert_eq!(
            names, on_disk,
            "EXAMPLE_QUERIES must list every file of queries/"
        );
        for (name, text) in EXAMPLE_QUERIES {
            assert!(text.starts_with("# "), "{name}: comment header");
            // The files must not depend on the store's predeclared prefixes.
            oxigraph::sparql::SparqlEvaluator::new()
                .parse_query(text)
                .map(drop)?;
            let QueryResults::Solutions(solutions) = store.query(text)? else {
                return Err(format!("{name}: not a SELECT").into());
            };
            let rows = solutions.collect::<Result<Vec<_>, _>>()?;
            assert!(!rows.is_empty(), "{name} returned no rows");
            match *name {
                "spoke-evidence" => {
                    assert_eq!(rows.len(), 4, "{name}");
                    let wolfgang: Vec<_> = rows
                        .iter()
                        .filter(|r| {
                            r.get("name") == Some(&Literal::from("Wolfgang Kleinwächter").into())
                        })
                        .map(|r| (r.get("start").cloned(), r.get("sentence").cloned()))
                        .collect();
                    assert_eq!(
                        wolfgang,
                        [
                            (
                                Some(Literal::from(200).into()),
                                Some(Literal::from("Wolfgang said it.").into())
                            ),
                            (
                                Some(Literal::from(300).into()),
                                Some(Literal::from("Wolfgang said more.").into())
                            ),
                        ]
                    );
                }
                "coparticipation" => {
                    assert_eq!(rows.len(), 1, "{name}");
                    assert_eq!(rows[0].get("meetings"), Some(&Literal::from(1).into()));
                }
                "affiliations" => {
                    let orgs = rows
                        .iter()
                        .filter(|r| r.get("organisation").is_some())
                        .count();
                    let roles_only = rows
                        .iter()
                        .filter(|r| r.get("organisation").is_none())
                        .count();
                    assert!(orgs >= 2 && roles_only >= 2, "{name}: {orgs} {roles_only}");
                }
                "attended" => {
                    // Chris was only mentioned.
                    assert!(rows
                        .iter()
                        .all(|r| r.get("name") != Some(&Literal::from("Chris").into())));
                    assert_eq!(rows.len(), 3, "{name}");
                }
                _ => {}
            }
        }
        Ok(())
    }

    #[test]
    fn display_is_compact_and_one_line() -> TestResult {
        assert_eq!(
            display_term(&Literal::new_simple_literal("Ana\u{202E}avlis").into()),
            "Ana\\u{202e}avlis"
        );
        assert_eq!(
            display_term(&NamedNode::new("http://schema.org/attendee")?.into()),
            "schema:attendee"
        );
        assert_eq!(
            display_term(&NamedNode::new("http://example.org/x")?.into()),
            "<http://example.org/x>"
        );
        assert_eq!(
            display_term(&NamedNode::new("http://xmlns.com/foaf/0.1/a%20b")?.into()),
            "<http://xmlns.com/foaf/0.1/a%20b>"
        );
        assert_eq!(display_term(&Literal::from("a\nb\tc").into()), "a\\nb\\tc");
        assert_eq!(display_term(&Literal::from(46).into()), "46");
        assert_eq!(
            display_term(
                &Literal::new_typed_literal("x", NamedNode::new("http://example.org/dt")?).into()
            ),
            "\"x\"^^<http://example.org/dt>"
        );
        Ok(())
    }
}
