//! Gephi spreadsheet CSV: a nodes table (`Id,Label,...`) and an edges table
//! (`Source,Target,Type,Weight,...`), as Gephi's "Import spreadsheet" expects.
//!
//! UTF-8 without BOM, CRLF line ends and RFC 4180 quoting (by the `csv` crate:
//! a field is quoted when it holds a comma, a quote or a line break). `Id`,
//! `Source` and `Target` are the stable ids of the GraphML of the same graph
//! ([`super::node_id::node_id`], derived from the IRI); `Type` is always `Undirected`.
//!
//! Backslashes: Gephi reads CSV with Apache Commons CSV configured with `\` as
//! its escape character, and that escape applies inside quoted fields too, so
//! quoting alone does not protect a backslash (`"C:\"` would swallow its closing
//! quote, `a\nb` would become a line break). Every backslash is therefore
//! written doubled (`\\`), which Gephi reads back as one backslash. The price:
//! a plain RFC 4180 reader (pandas, Python's `csv`) sees two backslashes where
//! the data has one; such readers should use the GraphML, which carries the
//! exact text. Backslashes are rare in meeting data, so this costs little.
//!
//! Formulas: a spreadsheet (Excel, LibreOffice, Google Sheets) runs a cell that
//! starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as
//! a formula, and names in reports are text anyone wrote. As OWASP advises for
//! CSV that may be opened in a spreadsheet, such a text cell is written with a
//! `'` in front, which spreadsheets take as "this is text" and do not show;
//! Gephi shows the cell as written, with the `'`. Numbers are never prefixed.

use super::node_id::{node_id, node_ids};
use super::runs::{Counted, Splice};
use crate::graph::{AttrDef, EdgeAttributes, NodeAttributes, Value};
use petgraph::graph::UnGraph;
use std::borrow::Cow;
use std::io::{self, Write};

fn writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out)
}

/// A cell: numbers as written in GraphML, text cleaned and with backslashes
/// doubled for Gephi, missing values empty. Text that needs none of it is
/// borrowed, not copied: a table of millions of edges is mostly such text.
fn cell(value: Option<&Value>) -> Cow<'_, str> {
    match value {
        Some(Value::Int(v)) => Cow::Owned(v.to_string()),
        Some(Value::Double(v)) => Cow::Owned(super::values::format_double(*v).unwrap_or_default()),
        Some(Value::Text(v)) => gephi_text(v),
        None => Cow::Borrowed(""),
    }
}

/// A cell as the `csv` writer takes it (text as bytes), owned or borrowed.
struct Cell<'a>(Cow<'a, str>);

impl AsRef<[u8]> for Cell<'_> {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn gephi_text(text: &str) -> Cow<'_, str> {
    let mut text = super::values::clean_text(text);
    if text.contains('\\') {
        text = Cow::Owned(text.replace('\\', "\\\\"));
    }
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

/// Writes the nodes table: `Id,Label,iri,` then the graph's node attributes.
///
/// Errors: only those of `out`. Cost: linear, streamed.
pub fn write_nodes<N: NodeAttributes, E, W: Write>(graph: &UnGraph<N, E>, out: W) -> io::Result<W> {
    let mut w = writer(out);
    let header = ["Id", "Label", "iri"]
        .into_iter()
        .chain(N::ATTRS.iter().map(|a| a.name));
    w.write_record(header)?;
    for index in graph.node_indices() {
        let node = &graph[index];
        let values = node.values();
        let mut record = vec![
            Cow::Owned(node_id(node.iri())),
            gephi_text(node.label()),
            gephi_text(node.iri()),
        ];
        record.extend(values.iter().map(|v| cell(v.as_ref())));
        w.write_record(record.into_iter().map(Cell))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Writes the edges table: `Source,Target,Type,Weight,` then the graph's edge
/// attributes.
///
/// Errors: only those of `out`. Cost: linear, streamed.
pub fn write_edges<N: NodeAttributes, E: EdgeAttributes, W: Write>(
    graph: &UnGraph<N, E>,
    out: W,
) -> io::Result<W> {
    write_edges_spliced(graph, out, &mut Splice::none())
}

/// [`write_edges`], the edges written run by run as `splice` says: a run
/// copied from the file replaced, or formatted ([`super::runs`]). A row is
/// the same whatever the rows around it, so each run is formatted by a
/// writer of its own.
///
/// Errors: only those of `out`. Cost: as [`write_edges`], less the runs
/// copied.
pub fn write_edges_spliced<N: NodeAttributes, E: EdgeAttributes, W: Write>(
    graph: &UnGraph<N, E>,
    out: W,
    splice: &mut Splice<'_>,
) -> io::Result<W> {
    let mut out = Counted::new(out);
    let header = ["Source", "Target", "Type", "Weight"]
        .into_iter()
        .chain(E::ATTRS.iter().map(|a| a.name));
    let mut w = writer(&mut out);
    w.write_record(header)?;
    w.into_inner().map_err(|e| e.into_error())?;
    let ids = node_ids(graph);
    let edges = graph.raw_edges();
    // The weight's text and the values, in buffers reused from edge to edge.
    let mut weight = String::new();
    let mut values = Vec::new();
    for (k, run) in splice.ranges(edges.len()).into_iter().enumerate() {
        let at = out.position();
        if !splice.copy(k, &mut out)? {
            let mut w = writer(&mut out);
            for edge in &edges[run] {
                weight.clear();
                super::values::format_double_into(&mut weight, edge.weight.weight());
                edge.weight.values_into(&mut values);
                let record = [
                    Cow::Borrowed(ids[edge.source().index()].as_str()),
                    Cow::Borrowed(ids[edge.target().index()].as_str()),
                    Cow::Borrowed("Undirected"),
                    Cow::Borrowed(weight.as_str()),
                ];
                let rest = values.iter().map(|v| cell(v.as_ref()));
                w.write_record(record.into_iter().chain(rest).map(Cell))?;
            }
            w.into_inner().map_err(|e| e.into_error())?;
        }
        splice.place(k, at..out.position());
    }
    Ok(out.into_inner())
}

/// Writes what is said of the whole graph (the GraphML's graph `<data>`) as
/// an `attribute,value` table: modularity, how each measure was computed.
///
/// Errors: only those of `out`.
pub fn write_about<W: Write>(about: &[(AttrDef, Value)], out: W) -> io::Result<W> {
    let mut w = writer(out);
    w.write_record(["attribute", "value"])?;
    for (def, value) in about {
        w.write_record([Cow::Borrowed(def.name), cell(Some(value))].map(Cell))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

/// Writes a table of `header` and `rows`, cells as in the graph tables: the
/// long tables of the topic evolution (a row per period and theme, topic,
/// edge or burst), which are no nodes-and-edges pair.
///
/// Errors: only those of `out`. Cost: linear, streamed.
pub fn write_table<W: Write>(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Option<Value>>>,
    out: W,
) -> io::Result<W> {
    let mut w = writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(|v| Cell(cell(v.as_ref()))))?;
    }
    w.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::clean_text;
    use crate::export::graphml::{tests::parse, write_graphml};
    use crate::export::tests::{nasty_graph, TestResult, NASTY};
    use crate::graph;
    use crate::store::tests::sample_store;

    fn read(bytes: &[u8]) -> Result<Vec<csv::StringRecord>, csv::Error> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .collect()
    }

    /// What Gephi (Commons CSV with `\` as escape) reads from a field that a
    /// plain RFC 4180 reader returned: `\\` → `\`.
    fn gephi_unescape(field: &str) -> String {
        let mut out = String::new();
        let mut chars = field.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.push(chars.next().unwrap_or('\\'));
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn formula_cells_are_neutralised_for_spreadsheets() {
        assert_eq!(gephi_text("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(gephi_text("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(gephi_text("+1+2 Foundation"), "'+1+2 Foundation");
        assert_eq!(gephi_text("-2 Group"), "'-2 Group");
        assert_eq!(gephi_text("\t=1"), "'\t=1");
        // Only the first character counts; numbers are cells of their own.
        assert_eq!(gephi_text("Emma Falk"), "Emma Falk");
        assert_eq!(gephi_text("a=b"), "a=b");
        assert_eq!(cell(Some(&Value::Int(-3))), "-3");
    }

    #[test]
    fn bidi_controls_do_not_reach_the_exports() {
        assert_eq!(gephi_text("Ana\u{202E}avlis"), "Anaavlis");
        assert_eq!(gephi_text("\u{2067}x\u{2069}"), "x");
    }

    #[test]
    fn headers_and_ids_match_the_graphml() -> TestResult {
        let g = nasty_graph();
        let nodes = read(&write_nodes(&g, Vec::new())?)?;
        let edges = read(&write_edges(&g, Vec::new())?)?;
        assert_eq!(
            nodes[0].iter().collect::<Vec<_>>(),
            [
                "Id",
                "Label",
                "iri",
                "meetings_attended",
                "meetings_spoken",
                "affiliations",
                "degree",
                "weighted_degree",
                "betweenness",
                "closeness",
                "pagerank",
                "eigenvector",
                "core_number",
                "community"
            ]
        );
        assert_eq!(
            edges[0].iter().collect::<Vec<_>>(),
            [
                "Source",
                "Target",
                "Type",
                "Weight",
                "meetings",
                "dates",
                "first_date",
                "last_date"
            ]
        );
        assert_eq!(
            edges[1].iter().take(4).collect::<Vec<_>>(),
            ["person:a", "person:b", "Undirected", "1"]
        );
        assert_eq!(edges[1].get(7), Some(""));
        let parsed = parse(std::str::from_utf8(&write_graphml(&g, &[], Vec::new())?)?)?;
        let ids: Vec<&str> = nodes[1..].iter().filter_map(|r| r.get(0)).collect();
        assert_eq!(
            ids,
            parsed
                .nodes
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
        );
        Ok(())
    }

    #[test]
    fn special_characters_round_trip_through_gephi_escaping() -> TestResult {
        let g = nasty_graph();
        let bytes = write_nodes(&g, Vec::new())?;
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
        let text = std::str::from_utf8(&bytes)?;
        assert!(text.contains("\\\\ back\\\\slash\\\\"), "{text}");
        let nodes = read(&bytes)?;
        let expected = clean_text(NASTY);
        assert_eq!(
            nodes[1].get(1).map(gephi_unescape).as_deref(),
            Some(expected.as_ref())
        );
        assert_eq!(
            nodes[1].get(5).map(gephi_unescape).as_deref(),
            Some(expected.as_ref())
        );
        let edges = read(&write_edges(&g, Vec::new())?)?;
        assert_eq!(
            edges[1].get(4).map(gephi_unescape).as_deref(),
            Some(expected.as_ref())
        );
        Ok(())
    }

    #[test]
    fn csv_and_graphml_counts_agree_on_the_store() -> TestResult {
        let (_dir, store) = sample_store()?;
        let co = graph::coparticipation(&store)?;
        let topics = graph::topics(&store)?;
        for (nodes, edges, xml) in [
            (
                write_nodes(&co, Vec::new())?,
                write_edges(&co, Vec::new())?,
                write_graphml(&co, &[], Vec::new())?,
            ),
            (
                write_nodes(&topics, Vec::new())?,
                write_edges(&topics, Vec::new())?,
                write_graphml(&topics, &[], Vec::new())?,
            ),
        ] {
            let parsed = parse(std::str::from_utf8(&xml)?)?;
            assert!(!parsed.nodes.is_empty() && !parsed.edges.is_empty());
            assert_eq!(read(&nodes)?.len() - 1, parsed.nodes.len());
            assert_eq!(read(&edges)?.len() - 1, parsed.edges.len());
            let csv_ends: Vec<(String, String)> = read(&edges)?[1..]
                .iter()
                .map(|r| (r[0].to_owned(), r[1].to_owned()))
                .collect();
            let xml_ends: Vec<(String, String)> = parsed
                .edges
                .iter()
                .map(|(_, s, t, _)| (s.clone(), t.clone()))
                .collect();
            assert_eq!(csv_ends, xml_ends);
        }
        Ok(())
    }
}
