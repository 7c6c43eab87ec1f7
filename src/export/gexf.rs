//! Dynamic GEXF 1.3, for Gephi's Timeline: the same graph as the GraphML, with
//! the days of its meetings as spells.
//!
//! Rationale: the GraphML says who met whom and how often, but not when; Gephi
//! plays a graph over time only from a dynamic GEXF (Timeline, dynamic
//! filters, dynamic statistics). The contract this writer keeps, for Gephi and
//! for networkx (`nx.read_gexf`), which the tests read it with:
//!
//! - UTF-8 with an XML declaration; root `gexf version="1.3"` in the GEXF 1.3
//!   namespace with its `xsi:schemaLocation`, valid against the GEXF 1.3 XSD;
//!   a `<meta>` without `lastmodifieddate`, so two exports of one store are
//!   byte-identical;
//! - `<graph mode="dynamic" defaultedgetype="undirected" timeformat="date"
//!   timerepresentation="interval">`;
//! - the node attributes of the GraphML as static `<attributes>` (`iri`
//!   first), the types `integer`, `double`, `string`; no `<attvalue>` for a
//!   missing or empty value. Edges carry only their weight: their other
//!   attributes (meeting names, dates) are in the GraphML and CSV, the dates
//!   are the spells here, and a second `<attributes class="edge">` block would
//!   break graphology-gexf (Gephi Lite), which keeps only the last block of a
//!   class;
//! - nodes with the GraphML's stable ids ([`super::node_id::node_id`]) and
//!   `label`; edges `e0`... as in the GraphML, each with `weight` = all its
//!   meetings (what a static reader takes as the weight);
//! - one `<spell start="D" end="D"/>` per day with meetings
//!   ([`crate::graph::Spell`]), days ascending; an element whose meetings have
//!   no date has no `<spells>` (no time is known for it);
//! - per edge spell, `<attvalue for="weight" value="N" start="D" end="D"/>` of
//!   the dynamic edge attribute `weight`: the meetings shared that day, Gephi's
//!   dynamic edge weight (the id Gephi reads as the edge weight). networkx
//!   keeps `weight` static (its reader declares it so) and reads the edge's
//!   total; the spells it reads intact. graphology-gexf reads no spells and
//!   takes the last spell's weight;
//! - text cleaned as in every export ([`super::values::clean_text`]) and
//!   attribute values escaped so readers get them back exactly: `&`, `<`, `>`,
//!   `"`, and tab, line feed and carriage return as character references
//!   (an XML reader would turn them into spaces otherwise).

use super::node_id::node_ids;
use super::runs::{Counted, Splice};
use super::tag::Tag;
use crate::graph::{AttrDef, AttrType, EdgeAttributes, NodeAttributes, Timed, Value};
use petgraph::graph::UnGraph;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Writer;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

const GEXF_NS: &str = "http://gexf.net/1.3";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// The static node attribute holding the IRI.
const IRI: AttrDef = AttrDef {
    name: "iri",
    kind: AttrType::String,
};

/// The GEXF type of an attribute.
fn gexf_type(kind: AttrType) -> &'static str {
    match kind {
        AttrType::Int => "integer",
        AttrType::Double => "double",
        AttrType::String => "string",
    }
}

/// Writes `graph` as dynamic GEXF to `out` and returns it, described by
/// `description` in its `<meta>`. Nodes are written in index order with their
/// [`super::node_id::node_id`], edges in index order as `e{index}`.
///
/// Errors: only those of `out`. Cost: linear in the graph and its spells,
/// streamed.
pub fn write_gexf<N, E, W>(graph: &UnGraph<N, E>, description: &str, out: W) -> io::Result<W>
where
    N: NodeAttributes + Timed,
    E: EdgeAttributes + Timed,
    W: Write,
{
    write_gexf_spliced(graph, description, out, &mut Splice::none())
}

/// [`write_gexf`], the edges written run by run as `splice` says: a run
/// copied from the file replaced, or formatted ([`super::runs`]).
///
/// Errors: only those of `out`. Cost: as [`write_gexf`], less the runs
/// copied (a copy and a renumbering of their ids).
pub fn write_gexf_spliced<N, E, W>(
    graph: &UnGraph<N, E>,
    description: &str,
    out: W,
    splice: &mut Splice<'_>,
) -> io::Result<W>
where
    N: NodeAttributes + Timed,
    E: EdgeAttributes + Timed,
    W: Write,
{
    let mut w = Writer::new_with_indent(Counted::new(out), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(BytesStart::new("gexf").with_attributes([
        ("xmlns", GEXF_NS),
        ("xmlns:xsi", XSI_NS),
        ("xsi:schemaLocation", SCHEMA_LOCATION),
        ("version", "1.3"),
    ])))?;
    w.write_event(Event::Start(BytesStart::new("meta")))?;
    w.create_element("creator")
        .write_text_content(BytesText::new("meetkg"))?;
    w.create_element("description")
        .write_text_content(BytesText::new(&super::values::clean_text(description)))?;
    w.write_event(Event::End(BytesEnd::new("meta")))?;
    w.write_event(Event::Start(BytesStart::new("graph").with_attributes([
        ("mode", "dynamic"),
        ("defaultedgetype", "undirected"),
        ("timeformat", "date"),
        ("timerepresentation", "interval"),
    ])))?;
    let node_defs: Vec<&AttrDef> = std::iter::once(&IRI).chain(N::ATTRS).collect();
    write_attributes(&mut w, "node", "static", &node_defs)?;
    let weight = AttrDef {
        name: "weight",
        kind: AttrType::Double,
    };
    write_attributes(&mut w, "edge", "dynamic", &[&weight])?;
    write_nodes(&mut w, graph, &node_defs)?;
    write_edges(&mut w, graph, splice)?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    let mut out = w.into_inner().into_inner();
    out.write_all(b"\n")?;
    Ok(out)
}

fn write_attributes<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    mode: &str,
    defs: &[&AttrDef],
) -> io::Result<()> {
    if defs.is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(
        BytesStart::new("attributes").with_attributes([("class", class), ("mode", mode)]),
    ))?;
    for def in defs {
        w.write_event(Event::Empty(BytesStart::new("attribute").with_attributes(
            [
                ("id", def.name),
                ("title", def.name),
                ("type", gexf_type(def.kind)),
            ],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("attributes")))?;
    Ok(())
}

fn write_nodes<N: NodeAttributes + Timed, E, W: Write>(
    w: &mut Writer<W>,
    graph: &UnGraph<N, E>,
    defs: &[&AttrDef],
) -> io::Result<()> {
    let count = graph.node_count().to_string();
    w.write_event(Event::Start(
        BytesStart::new("nodes").with_attributes([("count", count.as_str())]),
    ))?;
    let ids = node_ids(graph);
    let mut tag = Tag::default();
    for index in graph.node_indices() {
        let node = &graph[index];
        let mut start = BytesStart::new("node");
        start.push_attribute(raw("id", ids[index.index()].clone()));
        start.push_attribute(raw("label", escape(node.label())));
        w.write_event(Event::Start(start))?;
        let values: Vec<Option<Value>> = std::iter::once(Some(Value::Text(node.iri().to_owned())))
            .chain(node.values())
            .collect();
        write_attvalues(w, &mut tag, defs.iter().map(|d| d.name).zip(values), &[])?;
        write_spells(w, &mut tag, &node.spells())?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    Ok(())
}

fn write_edges<N: NodeAttributes, E: EdgeAttributes + Timed, W: Write>(
    w: &mut Writer<Counted<W>>,
    graph: &UnGraph<N, E>,
    splice: &mut Splice<'_>,
) -> io::Result<()> {
    let count = graph.edge_count().to_string();
    w.write_event(Event::Start(
        BytesStart::new("edges").with_attributes([("count", count.as_str())]),
    ))?;
    let ids = super::graphml::attribute_values(&node_ids(graph));
    let mut buf = Vec::new();
    let mut weight = String::new();
    let edges = graph.raw_edges();
    for (k, run) in splice.ranges(edges.len()).into_iter().enumerate() {
        let at = w.get_ref().position();
        if !splice.copy(k, w.get_mut())? {
            for index in run {
                buf.clear();
                edge_bytes(&mut buf, &mut weight, &ids, index, &edges[index]);
                w.get_mut().write_all(&buf)?;
            }
        }
        splice.place(k, at..w.get_ref().position());
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    Ok(())
}

/// One `<edge>`, of index `index`, its ends named by `ids` (escaped as
/// attribute values), formatted into
/// `buf` as the writer (indenting by two) writes it as a child of
/// `<edges>`, on a line of its own: the bytes of the [`Tag::start`] events
/// of [`write_attvalues`] and [`write_spells`], without an event or a
/// `Vec` of spells per edge (an archive has millions of edges); `weight`
/// is a buffer for the weight's text, reused from edge to edge.
fn edge_bytes<E: EdgeAttributes + Timed>(
    buf: &mut Vec<u8>,
    weight: &mut String,
    ids: &[String],
    index: usize,
    edge: &petgraph::graph::Edge<E>,
) {
    use super::values::push_decimal;
    use quick_xml::escape::escape as attribute;
    buf.extend_from_slice(b"\n      <edge id=\"e");
    push_decimal(buf, index);
    buf.extend_from_slice(b"\" source=\"");
    buf.extend_from_slice(ids[edge.source().index()].as_bytes());
    buf.extend_from_slice(b"\" target=\"");
    buf.extend_from_slice(ids[edge.target().index()].as_bytes());
    // No `weight` attribute for a weight no reader agrees on.
    weight.clear();
    if super::values::format_double_into(weight, edge.weight.weight()) {
        buf.extend_from_slice(b"\" weight=\"");
        buf.extend_from_slice(attribute(weight.as_str()).as_bytes());
    }
    buf.extend_from_slice(b"\">");
    let mut spells = 0;
    edge.weight.for_each_spell(&mut |day, meetings| {
        if spells == 0 {
            buf.extend_from_slice(b"\n        <attvalues>");
        }
        spells += 1;
        let day = attribute(day);
        buf.extend_from_slice(b"\n          <attvalue for=\"weight\" value=\"");
        push_decimal(buf, meetings as usize);
        buf.extend_from_slice(b"\" start=\"");
        buf.extend_from_slice(day.as_bytes());
        buf.extend_from_slice(b"\" end=\"");
        buf.extend_from_slice(day.as_bytes());
        buf.extend_from_slice(b"\"/>");
    });
    if spells > 0 {
        buf.extend_from_slice(b"\n        </attvalues>\n        <spells>");
        edge.weight.for_each_spell(&mut |day, _| {
            let day = attribute(day);
            buf.extend_from_slice(b"\n          <spell start=\"");
            buf.extend_from_slice(day.as_bytes());
            buf.extend_from_slice(b"\" end=\"");
            buf.extend_from_slice(day.as_bytes());
            buf.extend_from_slice(b"\"/>");
        });
        buf.extend_from_slice(b"\n        </spells>");
    }
    buf.extend_from_slice(b"\n      </edge>");
}

/// `<attvalues>`: the static values (none for a missing or empty one), then
/// the dynamic `weight` of each spell; nothing when there is neither.
fn write_attvalues<'a, W: Write>(
    w: &mut Writer<W>,
    tag: &mut Tag,
    values: impl Iterator<Item = (&'a str, Option<Value>)>,
    spells: &[crate::graph::Spell],
) -> io::Result<()> {
    let mut started = false;
    let mut start = |w: &mut Writer<W>| -> io::Result<()> {
        if !std::mem::replace(&mut started, true) {
            w.write_event(Event::Start(BytesStart::new("attvalues")))?;
        }
        Ok(())
    };
    for (name, value) in values {
        let Some(text) = value
            .as_ref()
            .and_then(value_text)
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        start(w)?;
        let value = escape(&text);
        let e = tag.start_raw("attvalue", &[("for", name)], &[("value", &value)]);
        w.write_event(Event::Empty(e))?;
    }
    let mut value = String::new();
    for spell in spells {
        start(w)?;
        value.clear();
        let _ = write!(value, "{}", spell.meetings);
        w.write_event(Event::Empty(tag.start(
            "attvalue",
            &[
                ("for", "weight"),
                ("value", value.as_str()),
                ("start", spell.date.as_str()),
                ("end", spell.date.as_str()),
            ],
        )))?;
    }
    if started {
        w.write_event(Event::End(BytesEnd::new("attvalues")))?;
    }
    Ok(())
}

fn write_spells<W: Write>(
    w: &mut Writer<W>,
    tag: &mut Tag,
    spells: &[crate::graph::Spell],
) -> io::Result<()> {
    if spells.is_empty() {
        return Ok(());
    }
    w.write_event(Event::Start(BytesStart::new("spells")))?;
    for spell in spells {
        w.write_event(Event::Empty(tag.start(
            "spell",
            &[("start", spell.date.as_str()), ("end", spell.date.as_str())],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("spells")))?;
    Ok(())
}

/// A value as text, as the GraphML writes it; `None` for a number no reader
/// agrees on.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::Int(v) => Some(v.to_string()),
        Value::Double(v) => super::values::format_double(*v),
        Value::Text(v) => Some(v.clone()),
    }
}

/// An attribute whose value is written as given (already escaped).
fn raw(key: &'static str, value: String) -> Attribute<'static> {
    Attribute {
        key: QName(key.as_bytes()),
        value: Cow::Owned(value.into_bytes()),
    }
}

/// Cleans `text` and escapes it for an attribute value: `&`, `<`, `>`, `"`,
/// and the whitespace XML would normalise to a space.
fn escape(text: &str) -> String {
    let text = super::values::clean_text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::clean_text;
    use crate::export::graphml::tests::validate_against;
    use crate::export::tests::{nasty_graph, TestResult, NASTY};
    use crate::graph::{self, CoDiscussion, MeetingInfo, Spell, TopicGraph, TopicNode};
    use crate::store::tests::sample_store;
    use quick_xml::events::Event;
    use quick_xml::Reader;
    use std::path::Path;

    /// The published GEXF 1.3 schema, beside the repository as the GraphML one;
    /// `MEETKG_GEXF_XSD` overrides it.
    const XSD: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/schemas/gexf-1.3/gexf.xsd"
    );

    fn validate(path: &Path) -> Result<bool, Box<dyn std::error::Error>> {
        validate_against(path, "GEXF", "MEETKG_GEXF_XSD", XSD)
    }

    fn meeting(label: &str, date: Option<&str>) -> MeetingInfo {
        MeetingInfo {
            label: label.to_owned(),
            date: date.map(str::to_owned),
        }
    }

    fn spell(date: &str, meetings: u32) -> Spell {
        Spell {
            date: date.to_owned(),
            meetings,
        }
    }

    /// Two topics: the GDC (two meetings on one day, one undated) and one
    /// without dates; the edge over three meetings, two of them on one day.
    fn small_graph(label: &str) -> TopicGraph {
        let mut g = TopicGraph::default();
        let gdc = g.add_node(TopicNode {
            iri: "https://w3id.org/meetkg/id/topic/gdc".into(),
            label: label.into(),
            meetings: 3,
            first_date: Some("2022-10-20".into()),
            last_date: Some("2022-10-20".into()),
            spells: vec![spell("2022-10-20", 2)],
        });
        let youth = g.add_node(TopicNode {
            iri: "https://w3id.org/meetkg/id/topic/youth".into(),
            label: "Youth".into(),
            meetings: 1,
            first_date: None,
            last_date: None,
            spells: Vec::new(),
        });
        g.add_edge(
            gdc,
            youth,
            CoDiscussion::over(vec![
                meeting("M 46", Some("2022-10-20")),
                meeting("M 46b", Some("2022-10-20")),
                meeting("M 47", None),
            ]),
        );
        g
    }

    fn gexf_of(g: &TopicGraph) -> Result<String, Box<dyn std::error::Error>> {
        Ok(String::from_utf8(write_gexf(
            g,
            "Topics & <more>",
            Vec::new(),
        )?)?)
    }

    /// The whole document, as Gephi and networkx read it: reviewed by hand.
    #[test]
    fn a_small_graph_gives_this_document() -> TestResult {
        let expected = r##"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>meetkg</creator>
    <description>Topics &amp; &lt;more&gt;</description>
  </meta>
  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date" timerepresentation="interval">
    <attributes class="node" mode="static">
      <attribute id="iri" title="iri" type="string"/>
      <attribute id="meetings" title="meetings" type="integer"/>
      <attribute id="first_date" title="first_date" type="string"/>
      <attribute id="last_date" title="last_date" type="string"/>
    </attributes>
    <attributes class="edge" mode="dynamic">
      <attribute id="weight" title="weight" type="double"/>
    </attributes>
    <nodes count="2">
      <node id="topic:gdc" label="Global &quot;Digital&quot; &amp; &lt;Compact&gt;&#10;">
        <attvalues>
          <attvalue for="iri" value="https://w3id.org/meetkg/id/topic/gdc"/>
          <attvalue for="meetings" value="3"/>
          <attvalue for="first_date" value="2022-10-20"/>
          <attvalue for="last_date" value="2022-10-20"/>
        </attvalues>
        <spells>
          <spell start="2022-10-20" end="2022-10-20"/>
        </spells>
      </node>
      <node id="topic:youth" label="Youth">
        <attvalues>
          <attvalue for="iri" value="https://w3id.org/meetkg/id/topic/youth"/>
          <attvalue for="meetings" value="1"/>
        </attvalues>
      </node>
    </nodes>
    <edges count="1">
      <edge id="e0" source="topic:gdc" target="topic:youth" weight="3">
        <attvalues>
          <attvalue for="weight" value="2" start="2022-10-20" end="2022-10-20"/>
        </attvalues>
        <spells>
          <spell start="2022-10-20" end="2022-10-20"/>
        </spells>
      </edge>
    </edges>
  </graph>
</gexf>
"##;
        assert_eq!(
            gexf_of(&small_graph("Global \"Digital\" & <Compact>\n"))?,
            expected
        );
        Ok(())
    }

    /// Labels and attribute values come back exactly as cleaned: quotes,
    /// markup, tabs, line ends and carriage returns survive attribute-value
    /// normalisation.
    #[test]
    fn special_characters_round_trip() -> TestResult {
        let xml = gexf_of(&small_graph(NASTY))?;
        let mut reader = Reader::from_str(&xml);
        let mut labels = Vec::new();
        let mut iris = Vec::new();
        loop {
            match reader.read_event()? {
                Event::Start(e) if e.name().as_ref() == b"node" => {
                    if let Some(a) = e.try_get_attribute("label")? {
                        labels.push(a.unescape_value()?.into_owned());
                    }
                }
                Event::Empty(e) if e.name().as_ref() == b"attvalue" => {
                    let is_iri = e
                        .try_get_attribute("for")?
                        .is_some_and(|a| a.value.as_ref() == b"iri");
                    if let (true, Some(v)) = (is_iri, e.try_get_attribute("value")?) {
                        iris.push(v.unescape_value()?.into_owned());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(labels, [clean_text(NASTY).into_owned(), "Youth".to_owned()]);
        assert_eq!(iris[0], "https://w3id.org/meetkg/id/topic/gdc");
        Ok(())
    }

    #[test]
    fn the_same_graph_gives_the_same_bytes() -> TestResult {
        let (_dir, store) = sample_store()?;
        let g = graph::topics(&store)?;
        assert_eq!(
            write_gexf(&g, "t", Vec::new())?,
            write_gexf(&graph::topics(&store)?, "t", Vec::new())?
        );
        Ok(())
    }

    /// The validation itself can fail: a document breaking the schema is rejected.
    #[test]
    fn xsd_validation_rejects_a_broken_document() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("broken.gexf");
        std::fs::write(
            &path,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\
             <graph mode=\"dynamic\" timeformat=\"date\"><nodes><node id=\"a\"><spells/></node></nodes><edges/></graph></gexf>\n",
        )?;
        match validate(&path) {
            Ok(false) => Ok(()),
            Ok(true) => Err("xmllint accepted an empty <spells>".into()),
            Err(e) if e.to_string().starts_with("xmllint rejected") => Ok(()),
            Err(e) => Err(e),
        }
    }

    #[test]
    fn output_validates_against_the_gexf_xsd() -> TestResult {
        let dir = tempfile::tempdir()?;
        let (_store_dir, store) = sample_store()?;
        let mut people = graph::coparticipation(&store)?;
        graph::add_measures(&mut people);
        let files = [
            ("small.gexf", gexf_of(&small_graph(NASTY))?.into_bytes()),
            ("empty.gexf", gexf_of(&TopicGraph::default())?.into_bytes()),
            ("nasty.gexf", write_gexf(&nasty_graph(), NASTY, Vec::new())?),
            ("people.gexf", write_gexf(&people, "p", Vec::new())?),
            (
                "topics.gexf",
                write_gexf(&graph::topics(&store)?, "t", Vec::new())?,
            ),
        ];
        for (name, bytes) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes)?;
            if !validate(&path)? {
                return Ok(());
            }
        }
        Ok(())
    }
}
