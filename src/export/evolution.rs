//! The topic evolution's files: the evolution map as a graph (GraphML and
//! Gephi CSV, themes as nodes, links as edges) and four long tables, each row
//! stating its period and the period's bounds:
//!
//! - `topic-evolution-strategic.csv`: the strategic diagrams of every period
//!   in one table, a row per theme (a `period` column, not a file per
//!   period: one file to filter or pivot, and a fixed set of files);
//! - `topic-evolution-topics.csv`: a row per topic and period, its meetings
//!   there (0 included, so a series plots as it is) and its theme;
//! - `topic-evolution-network.csv`: each period's topic co-occurrence
//!   network, a row per edge;
//! - `topic-evolution-bursts.csv`: a row per burst of a topic.
//!
//! Topic ids are those of `topics.graphml` and theme ids those of
//! `topic-evolution.graphml`, so the tables join the graphs.

use super::{csv, node_id, write_atomically, write_graph, ExportError};
use crate::graph::evolution::{PeriodThemes, TopicEvolution};
use crate::graph::Value;
use std::path::{Path, PathBuf};

/// The tables, in the order they are written, after the map's files.
pub const TABLES: [&str; 4] = [
    "topic-evolution-strategic.csv",
    "topic-evolution-topics.csv",
    "topic-evolution-network.csv",
    "topic-evolution-bursts.csv",
];

type Row = Vec<Option<Value>>;

fn text(v: &str) -> Option<Value> {
    Some(Value::Text(v.to_owned()))
}

fn int(v: usize) -> Option<Value> {
    Some(Value::Int(i64::try_from(v).unwrap_or(i64::MAX)))
}

/// `period,start,end` of a period.
fn bounds(p: &PeriodThemes) -> [Option<Value>; 3] {
    [
        text(&p.slice.id),
        text(&p.slice.start.to_string()),
        text(&p.slice.end.to_string()),
    ]
}

/// Writes the map (`topic-evolution.graphml`, `-nodes.csv`, `-edges.csv`,
/// `-graph.csv`) and the [`TABLES`] into `out_dir`; returns their paths.
///
/// Cost: linear in periods × topics, themes, links and network edges.
pub fn write_evolution(e: &TopicEvolution, out_dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let mut written = write_graph(&e.map(), &e.about(), out_dir, "topic-evolution")?;
    let tables: [(&[&str], Vec<Row>); 4] = [
        (&STRATEGIC, strategic(e)),
        (&TOPICS, topics(e)),
        (&NETWORK, network(e)),
        (&BURSTS, bursts(e)),
    ];
    for (name, (header, rows)) in TABLES.into_iter().zip(tables) {
        let path = out_dir.join(name);
        write_atomically(&path, |w| csv::write_table(header, rows, w).map(drop))?;
        written.push(path);
    }
    Ok(written)
}

const STRATEGIC: [&str; 12] = [
    "period",
    "start",
    "end",
    "theme",
    "label",
    "centrality",
    "density",
    "quadrant",
    "centrality_median",
    "density_median",
    "topic_count",
    "meetings",
];

fn strategic(e: &TopicEvolution) -> Vec<Row> {
    let mut rows = Vec::new();
    for (p, period) in e.periods.iter().enumerate() {
        let t = &period.themes;
        for (n, theme) in t.themes.iter().enumerate() {
            let mut row = bounds(period).to_vec();
            row.extend([
                text(&node_id(&e.theme_iri(p, n))),
                text(&e.topics[period.topics[theme.label]].label),
                Some(Value::Double(theme.centrality)),
                Some(Value::Double(theme.density)),
                text(theme.quadrant.as_str()),
                Some(Value::Double(t.centrality_median)),
                Some(Value::Double(t.density_median)),
                int(theme.topics.len()),
                Some(Value::Int(theme.meetings.into())),
            ]);
            rows.push(row);
        }
    }
    rows
}

const TOPICS: [&str; 8] = [
    "topic", "label", "iri", "period", "start", "end", "meetings", "theme",
];

fn topics(e: &TopicEvolution) -> Vec<Row> {
    // The theme of each topic in each period, by position in `e.topics`.
    let theme_of: Vec<Vec<Option<String>>> = e
        .periods
        .iter()
        .enumerate()
        .map(|(p, period)| {
            let mut of = vec![None; e.topics.len()];
            for (local, &global) in period.topics.iter().enumerate() {
                let theme = period.themes.membership[local];
                of[global] = Some(node_id(&e.theme_iri(p, theme)));
            }
            of
        })
        .collect();
    let mut rows = Vec::new();
    for (t, topic) in e.topics.iter().enumerate() {
        for (p, period) in e.periods.iter().enumerate() {
            let mut row = vec![
                text(&node_id(&topic.iri)),
                text(&topic.label),
                text(&topic.iri),
            ];
            row.extend(bounds(period));
            row.push(Some(Value::Int(topic.frequency[p].into())));
            row.push(theme_of[p][t].as_deref().and_then(text));
            rows.push(row);
        }
    }
    rows
}

const NETWORK: [&str; 6] = ["period", "start", "end", "Source", "Target", "Weight"];

fn network(e: &TopicEvolution) -> Vec<Row> {
    let mut rows = Vec::new();
    for period in &e.periods {
        for &(i, j, c) in &period.network.edges {
            let id = |local: usize| node_id(&e.topics[period.topics[local]].iri);
            let mut row = bounds(period).to_vec();
            row.extend([text(&id(i)), text(&id(j)), Some(Value::Double(c.into()))]);
            rows.push(row);
        }
    }
    rows
}

const BURSTS: [&str; 8] = [
    "topic",
    "label",
    "iri",
    "first_period",
    "last_period",
    "start",
    "end",
    "strength",
];

fn bursts(e: &TopicEvolution) -> Vec<Row> {
    let mut rows = Vec::new();
    for topic in &e.topics {
        for b in &topic.bursts {
            let (first, last) = (&e.periods[b.first].slice, &e.periods[b.last].slice);
            rows.push(vec![
                text(&node_id(&topic.iri)),
                text(&topic.label),
                text(&topic.iri),
                text(&first.id),
                text(&last.id),
                text(&first.start.to_string()),
                text(&last.end.to_string()),
                Some(Value::Double(b.strength)),
            ]);
        }
    }
    rows
}
