//! The evolution map as a graph for Gephi: a node per theme of each period, an
//! edge per evolution link, and what is said of the whole (how it was made).
//!
//! Rationale: themes exist only in the exports, not in the store, so a theme
//! gets an identifier minted from its period and its label topic,
//! `{ID_BASE}theme/{period}/{topic}` (id `theme:2022:global-digital-compact`):
//! the same in every build of the same records, and readable in Gephi.
//! Nodes are in time order, then by theme number in their period; an edge
//! runs from the earlier theme to the later one.

use super::elements::{text, INT, STRING};
use super::evolution::{EvolutionLink, TopicEvolution};
use super::periods::AUTO_MIN_MEETINGS;
use super::schema::{AttrDef, AttrType, EdgeAttributes, NodeAttributes, Value};
use super::{bursts, Period};
use crate::vocab::ID_BASE;
use itertools::Itertools;
use petgraph::graph::{NodeIndex, UnGraph};

const DOUBLE: AttrType = AttrType::Double;

const fn def(name: &'static str, kind: AttrType) -> AttrDef {
    AttrDef { name, kind }
}

/// A theme of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeNode {
    pub iri: String,
    /// The label of its most central topic.
    pub label: String,
    pub period: String,
    /// The period's first day, `YYYY-MM-DD`.
    pub start: String,
    /// The period's last day.
    pub end: String,
    /// Its topics' labels, in IRI order, joined by `"; "`.
    pub topics: String,
    pub topic_count: usize,
    pub meetings: u32,
    pub centrality: f64,
    pub density: f64,
    pub quadrant: &'static str,
}

/// A theme continued in the next period.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeLink {
    pub inclusion: f64,
    pub jaccard: f64,
    /// The labels of the topics both themes hold, joined by `"; "`.
    pub shared: String,
    pub shared_count: usize,
    pub from_period: String,
    pub to_period: String,
}

/// Themes linked from one period to the next.
pub type EvolutionMap = UnGraph<ThemeNode, ThemeLink>;

impl NodeAttributes for ThemeNode {
    const ATTRS: &'static [AttrDef] = &[
        def("period", STRING),
        def("start", STRING),
        def("end", STRING),
        def("topics", STRING),
        def("topic_count", INT),
        def("meetings", INT),
        def("centrality", DOUBLE),
        def("density", DOUBLE),
        def("quadrant", STRING),
    ];
    fn iri(&self) -> &str {
        &self.iri
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            text(&self.period),
            text(&self.start),
            text(&self.end),
            text(&self.topics),
            Some(int(self.topic_count)),
            Some(Value::Int(self.meetings.into())),
            Some(Value::Double(self.centrality)),
            Some(Value::Double(self.density)),
            text(self.quadrant),
        ]
    }
}

impl EdgeAttributes for ThemeLink {
    const ATTRS: &'static [AttrDef] = &[
        def("jaccard", DOUBLE),
        def("shared_topics", STRING),
        def("shared_count", INT),
        def("from_period", STRING),
        def("to_period", STRING),
    ];
    /// The inclusion index.
    fn weight(&self) -> f64 {
        self.inclusion
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            Some(Value::Double(self.jaccard)),
            text(&self.shared),
            Some(int(self.shared_count)),
            text(&self.from_period),
            text(&self.to_period),
        ]
    }
}

fn int(v: usize) -> Value {
    Value::Int(i64::try_from(v).unwrap_or(i64::MAX))
}

impl TopicEvolution {
    /// The minted IRI of theme `theme` of period `period`.
    pub fn theme_iri(&self, period: usize, theme: usize) -> String {
        let p = &self.periods[period];
        let label = p.topics[p.themes.themes[theme].label];
        let topic = &self.topics[label].iri;
        let tail = topic
            .strip_prefix(ID_BASE)
            .and_then(|path| path.strip_prefix("topic/"))
            .unwrap_or(topic);
        format!("{ID_BASE}theme/{}/{tail}", p.slice.id)
    }

    /// The evolution map: themes and their links.
    ///
    /// Cost: linear in themes, their topics and the links.
    pub fn map(&self) -> EvolutionMap {
        let mut graph = EvolutionMap::default();
        let mut nodes: Vec<Vec<NodeIndex>> = Vec::with_capacity(self.periods.len());
        for (p, period) in self.periods.iter().enumerate() {
            let mut here = Vec::with_capacity(period.themes.themes.len());
            for (t, theme) in period.themes.themes.iter().enumerate() {
                let label = period.topics[theme.label];
                here.push(graph.add_node(ThemeNode {
                    iri: self.theme_iri(p, t),
                    label: self.topics[label].label.clone(),
                    period: period.slice.id.clone(),
                    start: period.slice.start.to_string(),
                    end: period.slice.end.to_string(),
                    topics: self.labels(period.theme_topics(t)),
                    topic_count: theme.topics.len(),
                    meetings: theme.meetings,
                    centrality: theme.centrality,
                    density: theme.density,
                    quadrant: theme.quadrant.as_str(),
                }));
            }
            nodes.push(here);
        }
        for link in &self.links {
            let (a, b) = (link.from, link.to);
            graph.add_edge(
                nodes[a.period][a.theme],
                nodes[b.period][b.theme],
                self.edge(link),
            );
        }
        graph
    }

    fn edge(&self, link: &EvolutionLink) -> ThemeLink {
        ThemeLink {
            inclusion: link.inclusion,
            jaccard: link.jaccard,
            shared: self.labels(link.shared.iter().copied()),
            shared_count: link.shared.len(),
            from_period: self.periods[link.from.period].slice.id.clone(),
            to_period: self.periods[link.to.period].slice.id.clone(),
        }
    }

    /// The labels of topics (positions in [`Self::topics`]), joined by `"; "`.
    pub fn labels(&self, topics: impl Iterator<Item = usize>) -> String {
        topics.map(|t| self.topics[t].label.as_str()).join("; ")
    }

    /// What is said of the whole map: how the archive was cut and how each
    /// figure was computed.
    pub fn about(&self) -> Vec<(AttrDef, Value)> {
        let words = |s: String| Value::Text(s);
        let cut = match self.period {
            Period::Auto => format!(
                "auto: runs of whole months holding at least {AUTO_MIN_MEETINGS} dated meetings, a short last run merged into the period before"
            ),
            other => format!("{other}: calendar {other}s holding a dated meeting"),
        };
        vec![
            (def("period", STRING), words(cut)),
            (def("periods", INT), int(self.periods.len())),
            (def("themes", INT), int(self.periods.iter().map(|p| p.themes.themes.len()).sum())),
            (def("links", INT), int(self.links.len())),
            (
                def("theme_method", STRING),
                words("Louvain on each period's topic co-occurrence counts, resolution 1, topics in IRI order (no random seed); label: the topic with the most co-occurrences inside the theme".into()),
            ),
            (
                def("diagram_method", STRING),
                words("Callon: equivalence index e_ij = c_ij^2 / (c_i c_j); centrality = 10 * sum of e_ij leaving the theme; density = 100 * sum of e_ij inside / topics; quadrants split strictly above the period's medians".into()),
            ),
            (
                def("link_method", STRING),
                words("themes of consecutive periods sharing a topic; weight = inclusion index |A and B| / min(|A|, |B|); jaccard = |A and B| / |A or B|".into()),
            ),
            (
                def("burst_method", STRING),
                words(format!(
                    "Kleinberg two-state automaton over meetings per period, s = {}, gamma = {}",
                    bursts::SCALE,
                    bursts::GAMMA
                )),
            ),
        ]
    }
}
