//! GraphML for Gephi, Gephi Lite (graphology), networkx and igraph.
//!
//! The contract these readers share, and that this writer keeps:
//!
//! - UTF-8 with an XML declaration; root `graphml` in the GraphML namespace with
//!   its `xsi:schemaLocation`, so the file validates against the GraphML XSD;
//! - every `<key>` before the `<graph>`, each with `id`, `for` (`node`, `edge`,
//!   or `graph` for what is said of the whole graph, written as `<data>` first
//!   in the `<graph>`), `attr.name` and an `attr.type` of `int`, `double` or
//!   `string` only;
//! - the node label under `attr.name="label"`, the edge weight under
//!   `attr.name="weight"` as `double` (what Gephi reads as edge weight);
//! - one `<graph id="G" edgedefault="undirected">`, nodes in IRI order, each with
//!   the stable id of [`super::node_id::node_id`] (an XML NMTOKEN derived from the IRI,
//!   `person:amrita-choudhury`) and the IRI itself in an `iri` attribute; edge
//!   ids `e0`...;
//! - no `<data>` for a missing or empty value;
//! - text cleaned of XML-illegal characters ([`super::values::clean_text`]), `&`, `<`,
//!   `>` escaped, and carriage returns written as `&#13;` so XML line-end
//!   normalisation does not turn them into line feeds.

use super::node_id::node_ids;
use super::runs::{Counted, Splice};
use super::tag::Tag;
use crate::graph::{AttrDef, AttrType, EdgeAttributes, NodeAttributes, Value};
use petgraph::graph::UnGraph;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io::{self, Write};

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// The key of the node label.
const LABEL: AttrDef = AttrDef {
    name: "label",
    kind: AttrType::String,
};
/// The key of the node IRI.
const IRI: AttrDef = AttrDef {
    name: "iri",
    kind: AttrType::String,
};
/// The key of the edge weight.
const WEIGHT: AttrDef = AttrDef {
    name: "weight",
    kind: AttrType::Double,
};

fn node_key(def: &AttrDef) -> String {
    format!("node_{}", def.name)
}

fn edge_key(def: &AttrDef) -> String {
    format!("edge_{}", def.name)
}

fn graph_key(def: &AttrDef) -> String {
    format!("graph_{}", def.name)
}

/// Writes `graph` as GraphML to `out` and returns it, with `about` (what is
/// said of the whole graph) as `<data>` of the `<graph>`. Nodes are written in index
/// order with their [`super::node_id::node_id`], edges in index order as `e{index}`.
///
/// Errors: only those of `out`. Cost: linear in the graph, streamed.
pub fn write_graphml<N: NodeAttributes, E: EdgeAttributes, W: Write>(
    graph: &UnGraph<N, E>,
    about: &[(AttrDef, Value)],
    out: W,
) -> io::Result<W> {
    write_graphml_spliced(graph, about, out, &mut Splice::none())
}

/// [`write_graphml`], the edges written run by run as `splice` says: a run
/// copied from the file replaced, or formatted ([`super::runs`]).
///
/// Errors: only those of `out`. Cost: as [`write_graphml`], less the runs
/// copied (a copy and a renumbering of their ids).
pub fn write_graphml_spliced<N: NodeAttributes, E: EdgeAttributes, W: Write>(
    graph: &UnGraph<N, E>,
    about: &[(AttrDef, Value)],
    out: W,
    splice: &mut Splice<'_>,
) -> io::Result<W> {
    let mut w = Writer::new_with_indent(Counted::new(out), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("graphml").with_attributes([
        ("xmlns", GRAPHML_NS),
        ("xmlns:xsi", XSI_NS),
        ("xsi:schemaLocation", SCHEMA_LOCATION),
    ])))?;

    let node_defs: Vec<&AttrDef> = [&LABEL, &IRI].into_iter().chain(N::ATTRS).collect();
    let edge_defs: Vec<&AttrDef> = [&WEIGHT].into_iter().chain(E::ATTRS).collect();
    for def in &node_defs {
        write_key(&mut w, &node_key(def), "node", def)?;
    }
    for def in &edge_defs {
        write_key(&mut w, &edge_key(def), "edge", def)?;
    }
    for (def, _) in about {
        write_key(&mut w, &graph_key(def), "graph", def)?;
    }
    let node_keys: Vec<String> = node_defs.iter().map(|d| node_key(d)).collect();
    let edge_keys: Vec<String> = edge_defs.iter().map(|d| edge_key(d)).collect();

    w.write_event(Event::Start(
        BytesStart::new("graph").with_attributes([("id", "G"), ("edgedefault", "undirected")]),
    ))?;
    let mut tag = Tag::default();
    for (def, value) in about {
        write_data(&mut w, &mut tag, &graph_key(def), Some(value))?;
    }
    let ids = node_ids(graph);
    for index in graph.node_indices() {
        let node = &graph[index];
        w.write_event(Event::Start(
            BytesStart::new("node").with_attributes([("id", ids[index.index()].as_str())]),
        ))?;
        let values = [
            Some(Value::Text(node.label().to_owned())),
            Some(Value::Text(node.iri().to_owned())),
        ]
        .into_iter()
        .chain(node.values());
        for (key, value) in node_keys.iter().zip(values) {
            write_data(&mut w, &mut tag, key, value.as_ref())?;
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    let edge_keys: Vec<String> = edge_keys
        .iter()
        .map(|k| quick_xml::escape::escape(k.as_str()).into_owned())
        .collect();
    let xml_ids = attribute_values(&ids);
    let mut buf = Vec::new();
    let mut scratch = EdgeScratch::default();
    let edges = graph.raw_edges();
    for (k, run) in splice.ranges(edges.len()).into_iter().enumerate() {
        let at = w.get_ref().position();
        if !splice.copy(k, w.get_mut())? {
            for index in run {
                buf.clear();
                let edge = &edges[index];
                scratch.fill(&edge.weight);
                let ends = [edge.source().index(), edge.target().index()];
                edge_bytes(&mut buf, index, &xml_ids, &edge_keys, ends, &scratch);
                w.get_mut().write_all(&buf)?;
            }
        }
        splice.place(k, at..w.get_ref().position());
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    let mut out = w.into_inner().into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}

/// An edge's weight as text and its values, in buffers reused from edge to
/// edge ([`EdgeAttributes::values_into`]): no allocation per edge.
#[derive(Default)]
struct EdgeScratch {
    /// The weight as [`super::values::format_double`] writes it, empty for
    /// a weight no reader agrees on.
    weight: String,
    values: Vec<Option<Value>>,
}

impl EdgeScratch {
    fn fill<E: EdgeAttributes>(&mut self, edge: &E) {
        self.weight.clear();
        super::values::format_double_into(&mut self.weight, edge.weight());
        edge.values_into(&mut self.values);
    }
}

/// One `<edge>`, of index `index`, its ends (`ends`) named by `ids` (escaped
/// as attribute values, [`attribute_values`]), its weight and values from
/// `scratch` as `<data>` keyed by `keys` (escaped), formatted into `buf` as
/// the writer (indenting by two) writes it as a child of the `<graph>`,
/// which it follows on a line of its own: the bytes of [`Tag::start`] and
/// [`write_data`] events, without an event or a write per piece (an
/// archive has millions of edges).
fn edge_bytes(
    buf: &mut Vec<u8>,
    index: usize,
    ids: &[String],
    keys: &[String],
    ends: [usize; 2],
    scratch: &EdgeScratch,
) {
    buf.extend_from_slice(b"\n    <edge id=\"e");
    super::values::push_decimal(buf, index);
    buf.extend_from_slice(b"\" source=\"");
    buf.extend_from_slice(ids[ends[0]].as_bytes());
    buf.extend_from_slice(b"\" target=\"");
    buf.extend_from_slice(ids[ends[1]].as_bytes());
    buf.extend_from_slice(b"\">");
    let mut data = |key: &String, text: &str| {
        if text.is_empty() {
            return;
        }
        buf.extend_from_slice(b"\n      <data key=\"");
        buf.extend_from_slice(key.as_bytes());
        buf.extend_from_slice(b"\">");
        buf.extend_from_slice(text.as_bytes());
        buf.extend_from_slice(b"</data>");
    };
    if let Some(key) = keys.first() {
        data(key, &scratch.weight);
    }
    for (key, value) in keys.iter().skip(1).zip(&scratch.values) {
        if let Some(text) = data_text(value.as_ref()) {
            data(key, &text);
        }
    }
    buf.extend_from_slice(b"\n    </edge>");
}

fn write_key<W: Write>(w: &mut Writer<W>, id: &str, domain: &str, def: &AttrDef) -> io::Result<()> {
    w.write_event(Event::Empty(BytesStart::new("key").with_attributes([
        ("id", id),
        ("for", domain),
        ("attr.name", def.name),
        ("attr.type", def.kind.graphml()),
    ])))
}

/// `<data key="...">value</data>`, or nothing for a missing or empty value.
/// The tag is built in `tag`'s buffer, and text that needs no escape is
/// written as it is, without a copy.
fn write_data<W: Write>(
    w: &mut Writer<W>,
    tag: &mut Tag,
    key: &str,
    value: Option<&Value>,
) -> io::Result<()> {
    let Some(text) = data_text(value).filter(|t| !t.is_empty()) else {
        return Ok(());
    };
    w.write_event(Event::Start(tag.start("data", &[("key", key)])))?;
    w.write_event(Event::Text(BytesText::from_escaped(text)))?;
    w.write_event(Event::End(BytesEnd::new("data")))?;
    Ok(())
}

/// Each of `texts` escaped as an attribute value, as [`Tag::start`] escapes
/// it: the node ids, escaped once for the millions of edges that name them.
pub(super) fn attribute_values(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| quick_xml::escape::escape(t.as_str()).into_owned())
        .collect()
}

/// The content of a `<data>` element: a number as exports write it, text
/// cleaned and escaped; `None` for a missing value or a number no reader
/// agrees on.
fn data_text(value: Option<&Value>) -> Option<Cow<'_, str>> {
    match value? {
        Value::Int(v) => Some(Cow::Owned(v.to_string())),
        Value::Double(v) => super::values::format_double(*v).map(Cow::Owned),
        Value::Text(v) => Some(escape(super::values::clean_text(v))),
    }
}

/// Escapes text content: `&`, `<`, `>`, and `\r` as a character reference;
/// text without them is returned as it is.
fn escape(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'\r'))
    {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::export::clean_text;
    use crate::export::tests::{nasty_graph, TestResult, NASTY};
    use crate::graph::{self, CoParticipationGraph};
    use crate::store::tests::sample_store;
    use quick_xml::events::Event;
    use quick_xml::Reader;
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::process::Command;

    /// The published GraphML schema, kept beside the repository (as the
    /// interoperability tests expect it); `MEETKG_GRAPHML_XSD` overrides it.
    const XSD: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/schemas/graphml/graphml.xsd"
    );

    /// Validates with xmllint against the GraphML XSD; `Ok(false)` (with a
    /// message) when the schema is absent, or when xmllint is not installed here
    /// unless `MEETKG_REQUIRE_INTEROP=1` (set by the test command), which makes a
    /// missing xmllint an error.
    pub(crate) fn validate(path: &Path) -> Result<bool, Box<dyn std::error::Error>> {
        validate_against(path, "GraphML", "MEETKG_GRAPHML_XSD", XSD)
    }

    /// [`validate`] against the schema `what` at `default` (or at the path in
    /// the environment variable `env`).
    pub(crate) fn validate_against(
        path: &Path,
        what: &str,
        env: &str,
        default: &str,
    ) -> Result<bool, Box<dyn std::error::Error>> {
        let skip = |why: String| -> Result<bool, Box<dyn std::error::Error>> {
            if std::env::var("MEETKG_REQUIRE_INTEROP").is_ok_and(|v| v == "1") {
                return Err(format!("{why}, and MEETKG_REQUIRE_INTEROP=1").into());
            }
            eprintln!("skipping {what} XSD validation: {why}");
            Ok(false)
        };
        let schema = std::env::var(env).unwrap_or_else(|_| default.to_owned());
        if !Path::new(&schema).exists() {
            // The schema is a third-party file beside the project (as in CI), never
            // in it: a clone without it skips, whatever the environment says.
            eprintln!(
                "SKIPPED {what} XSD validation: no schema at {schema} (CI has ../shared/schemas)"
            );
            return Ok(false);
        }
        let output = match Command::new("xmllint")
            .args(["--noout", "--nonet", "--schema", &schema])
            .arg(path)
            .output()
        {
            Ok(output) => output,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return skip("xmllint is not installed".to_owned());
            }
            Err(e) => return Err(e.into()),
        };
        if !output.status.success() {
            return Err(format!(
                "xmllint rejected {}:\n{}",
                path.display(),
                String::from_utf8_lossy(&output.stderr)
            )
            .into());
        }
        Ok(true)
    }

    /// Everything a reader gets back: keys (id → (for, name, type)), nodes and
    /// edges as (id, data key → text), edges with their ends.
    #[derive(Debug, Default)]
    pub(crate) struct Parsed {
        pub(crate) keys: BTreeMap<String, (String, String, String)>,
        pub(crate) nodes: Vec<(String, BTreeMap<String, String>)>,
        pub(crate) edges: Vec<(String, String, String, BTreeMap<String, String>)>,
        pub(crate) edgedefault: String,
        pub(crate) keys_before_graph: bool,
    }

    pub(crate) fn parse(xml: &str) -> Result<Parsed, Box<dyn std::error::Error>> {
        let mut reader = Reader::from_str(xml);
        let mut parsed = Parsed {
            keys_before_graph: true,
            ..Parsed::default()
        };
        let mut in_graph = false;
        let mut current_key: Option<String> = None;
        let mut text = String::new();
        let attr = |e: &quick_xml::events::BytesStart<'_>,
                    name: &str|
         -> Result<String, Box<dyn std::error::Error>> {
            Ok(e.try_get_attribute(name)?
                .map(|a| a.unescape_value().map(|v| v.into_owned()))
                .transpose()?
                .unwrap_or_default())
        };
        loop {
            match reader.read_event()? {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"key" => {
                    parsed.keys_before_graph &= !in_graph;
                    parsed.keys.insert(
                        attr(&e, "id")?,
                        (
                            attr(&e, "for")?,
                            attr(&e, "attr.name")?,
                            attr(&e, "attr.type")?,
                        ),
                    );
                }
                Event::Start(e) if e.name().as_ref() == b"graph" => {
                    in_graph = true;
                    parsed.edgedefault = attr(&e, "edgedefault")?;
                }
                Event::Start(e) if e.name().as_ref() == b"node" => {
                    parsed.nodes.push((attr(&e, "id")?, BTreeMap::new()));
                }
                Event::Start(e) if e.name().as_ref() == b"edge" => {
                    parsed.edges.push((
                        attr(&e, "id")?,
                        attr(&e, "source")?,
                        attr(&e, "target")?,
                        BTreeMap::new(),
                    ));
                }
                Event::Start(e) if e.name().as_ref() == b"data" => {
                    current_key = Some(attr(&e, "key")?);
                    text.clear();
                }
                Event::Text(t) if current_key.is_some() => text.push_str(&t.decode()?),
                Event::GeneralRef(r) if current_key.is_some() => match r.resolve_char_ref()? {
                    Some(c) => text.push(c),
                    None => text.push_str(match r.decode()?.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => return Err(format!("unknown entity {other}").into()),
                    }),
                },
                Event::End(e) if e.name().as_ref() == b"data" => {
                    let key = current_key.take().unwrap_or_default();
                    let value = std::mem::take(&mut text);
                    if let Some((.., data)) =
                        parsed.edges.last_mut().filter(|_| key.starts_with("edge_"))
                    {
                        data.insert(key, value);
                    } else if let Some((_, data)) = parsed.nodes.last_mut() {
                        data.insert(key, value);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(parsed)
    }

    fn graphml_of(g: &CoParticipationGraph) -> Result<String, Box<dyn std::error::Error>> {
        Ok(String::from_utf8(write_graphml(g, &[], Vec::new())?)?)
    }

    #[test]
    fn header_keys_and_ids_follow_the_contract() -> TestResult {
        let xml = graphml_of(&nasty_graph())?;
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""), "{xml}");
        let parsed = parse(&xml)?;
        assert!(parsed.keys_before_graph);
        assert_eq!(parsed.edgedefault, "undirected");
        let types: Vec<&str> = parsed.keys.values().map(|(_, _, t)| t.as_str()).collect();
        assert!(types
            .iter()
            .all(|t| ["boolean", "int", "long", "float", "double", "string"].contains(t)));
        assert_eq!(
            parsed.keys.get("node_label"),
            Some(&("node".into(), "label".into(), "string".into()))
        );
        assert_eq!(
            parsed.keys.get("edge_weight"),
            Some(&("edge".into(), "weight".into(), "double".into()))
        );
        let ids: Vec<&str> = parsed.nodes.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["person:a", "person:b"]);
        assert_eq!(parsed.edges[0].0, "e0");
        assert_eq!(
            (parsed.edges[0].1.as_str(), parsed.edges[0].2.as_str()),
            ("person:a", "person:b")
        );
        assert_eq!(
            parsed.nodes[1].1.get("node_iri").map(String::as_str),
            Some("https://w3id.org/meetkg/id/person/b")
        );
        // Empty and missing values get no <data>.
        assert!(!parsed.nodes[1].1.contains_key("node_affiliations"));
        assert!(!parsed.edges[0].3.contains_key("edge_last_date"));
        assert_eq!(
            parsed.edges[0].3.get("edge_weight").map(String::as_str),
            Some("1")
        );
        Ok(())
    }

    #[test]
    fn special_characters_round_trip() -> TestResult {
        let xml = graphml_of(&nasty_graph())?;
        let parsed = parse(&xml)?;
        let expected = clean_text(NASTY);
        assert!(!expected.contains('\u{1}') && expected.contains('\r') && expected.contains('\\'));
        assert_eq!(
            parsed.nodes[0].1.get("node_label").map(String::as_str),
            Some(expected.as_ref())
        );
        assert_eq!(
            parsed.nodes[0]
                .1
                .get("node_affiliations")
                .map(String::as_str),
            Some(expected.as_ref())
        );
        assert_eq!(
            parsed.edges[0].3.get("edge_meetings").map(String::as_str),
            Some(expected.as_ref())
        );
        Ok(())
    }

    /// The validation itself can fail: a document breaking the schema is rejected.
    #[test]
    fn xsd_validation_rejects_a_broken_document() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("broken.graphml");
        std::fs::write(
            &path,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\
             <graph id=\"G\" edgedefault=\"sideways\"/></graphml>\n",
        )?;
        match validate(&path) {
            Ok(false) => Ok(()),
            Ok(true) => Err("xmllint accepted an invalid edgedefault".into()),
            Err(e) if e.to_string().starts_with("xmllint rejected") => Ok(()),
            Err(e) => Err(e),
        }
    }

    #[test]
    fn output_validates_against_the_graphml_xsd() -> TestResult {
        let dir = tempfile::tempdir()?;
        let nasty = dir.path().join("nasty.graphml");
        std::fs::write(&nasty, graphml_of(&nasty_graph())?)?;
        let empty = dir.path().join("empty.graphml");
        std::fs::write(&empty, graphml_of(&CoParticipationGraph::default())?)?;
        let (_store_dir, store) = sample_store()?;
        let topics = dir.path().join("topics.graphml");
        std::fs::write(
            &topics,
            write_graphml(&graph::topics(&store)?, &[], Vec::new())?,
        )?;
        let spoke = dir.path().join("person-topic.graphml");
        std::fs::write(
            &spoke,
            write_graphml(&graph::person_topic(&store)?, &[], Vec::new())?,
        )?;
        let affiliations = dir.path().join("organisation-person.graphml");
        std::fs::write(
            &affiliations,
            write_graphml(&graph::organisation_person(&store)?, &[], Vec::new())?,
        )?;
        for path in [&nasty, &empty, &topics, &spoke, &affiliations] {
            if !validate(path)? {
                return Ok(());
            }
        }
        Ok(())
    }
}
