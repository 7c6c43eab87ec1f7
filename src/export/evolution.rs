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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::evolution::{build_evolution, tests::archive};
    use crate::graph::Period;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn lines(path: &Path) -> Result<Vec<String>, std::io::Error> {
        Ok(std::fs::read_to_string(path)?
            .split_terminator("\r\n")
            .map(str::to_owned)
            .collect())
    }

    /// The tables of the archive whose evolution is known (see
    /// `graph::evolution`): a row per theme, per topic and period, per
    /// network edge, per burst, each with its period's bounds.
    #[test]
    fn the_tables_of_an_archive_known_by_construction() -> TestResult {
        let e = build_evolution(&archive(), Period::Year);
        let dir = tempfile::tempdir()?;
        let written = write_evolution(&e, dir.path())?;
        let names: Vec<_> = written
            .iter()
            .filter_map(|p| p.file_name()?.to_str())
            .collect();
        assert_eq!(names, super::super::FILES[15..]);
        let strategic = lines(&dir.path().join(TABLES[0]))?;
        assert_eq!(strategic[0], STRATEGIC.join(","));
        // Themes: 4 in 2020, 5 in 2021 and in 2022.
        assert_eq!(strategic.len(), 1 + 4 + 5 + 5);
        assert!(strategic[1].starts_with("2020,2020-01-01,2020-12-31,theme:2020:a1,"));
        // Eleven topics in three periods, zeros included.
        assert_eq!(lines(&dir.path().join(TABLES[1]))?.len(), 1 + 11 * 3);
        // Edges: 6 + 1 + 1 in 2020, 1 + 1 + 6 + 1 in 2021 and in 2022.
        let network = lines(&dir.path().join(TABLES[2]))?;
        assert_eq!(network.len(), 1 + 8 + 9 + 9);
        assert_eq!(network[1], "2020,2020-01-01,2020-12-31,topic:a1,topic:a2,2");
        let bursts = lines(&dir.path().join(TABLES[3]))?;
        assert_eq!(bursts.len(), 2, "{bursts:?}");
        let prefix = "topic:x,https://w3id.org/meetkg/id/topic/x,https://w3id.org/meetkg/id/topic/x,2021,2021,2021-01-01,2021-12-31,";
        let strength: f64 = bursts[1]
            .strip_prefix(prefix)
            .ok_or("no x burst")?
            .parse()?;
        assert!(strength > 0.0);
        Ok(())
    }
}
