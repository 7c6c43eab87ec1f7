//! The nodes and edges of the two graphs (people and their shared meetings,
//! topics and theirs), the calendar their edges share, and the attributes each
//! gives the exports.

use super::measures::{NodeMeasures, NODE_ATTRS};
use super::schema::{AttrDef, AttrType, EdgeAttributes, NodeAttributes, Value};
use super::spells::{spells_of, Spell, Timed};
use petgraph::graph::UnGraph;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A person who attended or spoke at one meeting at least.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonNode {
    pub iri: String,
    /// `foaf:name`, or the IRI when the store has none.
    pub label: String,
    /// Meetings with `schema:attendee` this person.
    pub meetings_attended: u32,
    /// Meetings this person `meetkg:spokeAt`.
    pub meetings_spoken: u32,
    /// Organisation labels from memberships, sorted, joined by `"; "`.
    pub affiliations: String,
    /// The network measures, once [`super::add_measures`] computed them;
    /// written as missing before.
    pub measures: Option<NodeMeasures>,
    /// The days of the meetings this person took part in.
    pub spells: Vec<Spell>,
}

/// Two people took part in the same meetings.
///
/// Compact on purpose: an archive of 10,000 reports has millions of these
/// edges, so an edge holds only where its meetings start in the graph's shared
/// [`Calendar`], and its texts are made when they are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoParticipation {
    /// Number of meetings both took part in.
    pub weight: u32,
    pub(super) shared: Shared,
}

impl CoParticipation {
    /// An edge on its own, over these meetings (for graphs made by hand).
    #[cfg(test)]
    pub(crate) fn over(meetings: Vec<MeetingInfo>) -> Self {
        let shared = Shared::alone(meetings);
        Self {
            weight: shared.len,
            shared,
        }
    }
    /// Labels of those meetings, by date then label, joined by `"; "`.
    pub fn meetings(&self) -> String {
        self.shared.labels()
    }
    /// Their known dates, sorted, joined by `"; "`.
    pub fn dates(&self) -> String {
        self.shared.dates()
    }
    pub fn first_date(&self) -> Option<&str> {
        self.shared.first_date()
    }
    pub fn last_date(&self) -> Option<&str> {
        self.shared.last_date()
    }
}

/// A topic discussed at one meeting at least.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicNode {
    pub iri: String,
    /// `skos:prefLabel`, or the IRI when the store has none.
    pub label: String,
    /// Number of meetings that discussed it.
    pub meetings: u32,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// The days of the meetings that discussed it.
    pub spells: Vec<Spell>,
}

/// Two topics discussed in the same meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoDiscussion {
    /// Number of meetings that discussed both.
    pub weight: u32,
    pub(super) shared: Shared,
}

impl CoDiscussion {
    /// An edge on its own, over these meetings (for graphs made by hand).
    #[cfg(test)]
    pub(crate) fn over(meetings: Vec<MeetingInfo>) -> Self {
        let shared = Shared::alone(meetings);
        Self {
            weight: shared.len,
            shared,
        }
    }
    pub fn first_date(&self) -> Option<&str> {
        self.shared.first_date()
    }
    pub fn last_date(&self) -> Option<&str> {
        self.shared.last_date()
    }
    /// Known dates of those meetings, sorted, joined by `"; "`.
    pub fn dates(&self) -> String {
        self.shared.dates()
    }
}

/// The meetings of one graph in chronological order (known dates first, then
/// label, then IRI), and the meetings of every edge, one run after another:
/// what the edges of a graph share instead of a string each.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    pub(super) meetings: Vec<MeetingInfo>,
    /// Positions in `meetings`, ascending within each edge's run.
    pub(super) runs: Vec<u32>,
    /// Whether each meeting's date is a day a spell can hold
    /// ([`spells_of`]): parsed once here, not once per edge that shares it.
    days: Vec<bool>,
}

impl Calendar {
    /// The calendar of `meetings` (in chronological order) and the edges'
    /// `runs` of positions in it.
    pub(super) fn new(meetings: Vec<MeetingInfo>, runs: Vec<u32>) -> Self {
        let days = meetings
            .iter()
            .map(|m| m.date.as_deref().is_some_and(super::spells::is_day))
            .collect();
        Self {
            meetings,
            runs,
            days,
        }
    }
}

/// An edge's meetings: a run of [`Calendar::runs`]. Equal when the meetings
/// are, whatever calendar they are in.
#[derive(Clone)]
pub(super) struct Shared {
    pub(super) calendar: Arc<Calendar>,
    pub(super) start: usize,
    pub(super) len: u32,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        self.meetings().eq(other.meetings())
    }
}

impl Eq for Shared {}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.meetings()).finish()
    }
}

impl Shared {
    /// A calendar of its own, for an edge made by hand.
    #[cfg(test)]
    pub(crate) fn alone(meetings: Vec<MeetingInfo>) -> Self {
        let iris: Vec<String> = (0..meetings.len()).map(|i| format!("{i:09}")).collect();
        let info: BTreeMap<String, MeetingInfo> = iris.iter().cloned().zip(meetings).collect();
        let ordered = chronological(iris.iter().map(String::as_str), &info);
        let len = u32::try_from(ordered.len()).unwrap_or(u32::MAX);
        let runs = (0..len).collect();
        let meetings = ordered.into_iter().map(|(_, m)| m).collect();
        Self {
            calendar: Arc::new(Calendar::new(meetings, runs)),
            start: 0,
            len,
        }
    }
    fn meetings(&self) -> impl DoubleEndedIterator<Item = &MeetingInfo> + Clone + '_ {
        self.ranks()
            .iter()
            .map(|&m| &self.calendar.meetings[m as usize])
    }
    /// The ranks of the edge's meetings in its calendar, ascending.
    pub(super) fn ranks(&self) -> &[u32] {
        &self.calendar.runs[self.start..self.start + self.len as usize]
    }
    pub(super) fn labels(&self) -> String {
        joined(self.meetings().map(|m| m.label.as_str()))
    }
    /// Known dates come first in the calendar, in order: no sort needed.
    pub(super) fn dates(&self) -> String {
        joined(self.meetings().filter_map(|m| m.date.as_deref()))
    }
    pub(super) fn first_date(&self) -> Option<&str> {
        self.meetings().find_map(|m| m.date.as_deref())
    }
    pub(super) fn last_date(&self) -> Option<&str> {
        self.meetings().rev().find_map(|m| m.date.as_deref())
    }
    pub(super) fn spells(&self) -> Vec<Spell> {
        spells_of(self.meetings().filter_map(|m| m.date.as_deref()))
    }
    /// [`Shared::spells`] without allocating: the calendar's dated meetings
    /// come first, ascending, and which dates are days is known, so a spell
    /// is a run of equal days among the edge's ranks.
    pub(super) fn for_each_spell(&self, f: &mut dyn FnMut(&str, u32)) {
        let calendar = &*self.calendar;
        let mut current: Option<(&str, u32)> = None;
        for &rank in self.ranks() {
            let rank = rank as usize;
            let Some(date) = calendar.meetings[rank].date.as_deref() else {
                continue;
            };
            if !calendar.days[rank] {
                continue;
            }
            match &mut current {
                Some((day, meetings)) if *day == date => *meetings += 1,
                _ => {
                    if let Some((day, meetings)) = current.replace((date, 1)) {
                        f(day, meetings);
                    }
                }
            }
        }
        if let Some((day, meetings)) = current {
            f(day, meetings);
        }
    }
}

/// The texts joined by `"; "`, in one allocation of the right size: the
/// exports join the meetings of millions of edges.
fn joined<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> String {
    let size = texts.clone().map(|t| t.len() + 2).sum::<usize>();
    let mut out = String::with_capacity(size.saturating_sub(2));
    join_into(&mut out, texts);
    out
}

/// [`joined`], written at the end of `out`.
fn join_into<'a>(out: &mut String, texts: impl Iterator<Item = &'a str>) {
    for (i, text) in texts.enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(text);
    }
}

impl Timed for PersonNode {
    fn spells(&self) -> Vec<Spell> {
        self.spells.clone()
    }
}

impl Timed for TopicNode {
    fn spells(&self) -> Vec<Spell> {
        self.spells.clone()
    }
}

impl Timed for CoParticipation {
    fn spells(&self) -> Vec<Spell> {
        self.shared.spells()
    }
    fn for_each_spell(&self, f: &mut dyn FnMut(&str, u32)) {
        self.shared.for_each_spell(f);
    }
}

impl Timed for CoDiscussion {
    fn spells(&self) -> Vec<Spell> {
        self.shared.spells()
    }
    fn for_each_spell(&self, f: &mut dyn FnMut(&str, u32)) {
        self.shared.for_each_spell(f);
    }
}

/// People linked by shared meetings.
pub type CoParticipationGraph = UnGraph<PersonNode, CoParticipation>;
/// Topics linked by shared meetings.
pub type TopicGraph = UnGraph<TopicNode, CoDiscussion>;

pub(super) const STRING: AttrType = AttrType::String;
pub(super) const INT: AttrType = AttrType::Int;

/// A person's own attributes, then the measures': the old columns keep
/// their places, the measures come after them.
const PERSON_ATTRS: [AttrDef; 3 + NODE_ATTRS.len()] = {
    let own = [
        AttrDef {
            name: "meetings_attended",
            kind: INT,
        },
        AttrDef {
            name: "meetings_spoken",
            kind: INT,
        },
        AttrDef {
            name: "affiliations",
            kind: STRING,
        },
    ];
    let mut out = [own[0]; 3 + NODE_ATTRS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = if i < own.len() {
            own[i]
        } else {
            NODE_ATTRS[i - own.len()]
        };
        i += 1;
    }
    out
};

impl NodeAttributes for PersonNode {
    const ATTRS: &'static [AttrDef] = &PERSON_ATTRS;
    fn iri(&self) -> &str {
        &self.iri
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn values(&self) -> Vec<Option<Value>> {
        let mut values = vec![
            Some(Value::Int(self.meetings_attended.into())),
            Some(Value::Int(self.meetings_spoken.into())),
            text(&self.affiliations),
        ];
        match &self.measures {
            Some(m) => values.extend(m.values()),
            None => values.resize(PERSON_ATTRS.len(), None),
        }
        values
    }
}

/// The meetings of an edge: who met where and when (co-participation, and
/// the two-mode graphs' edges).
pub(super) const MEETING_ATTRS: [AttrDef; 4] = [
    AttrDef {
        name: "meetings",
        kind: STRING,
    },
    AttrDef {
        name: "dates",
        kind: STRING,
    },
    AttrDef {
        name: "first_date",
        kind: STRING,
    },
    AttrDef {
        name: "last_date",
        kind: STRING,
    },
];

/// The values of an edge over `shared` meetings ([`MEETING_ATTRS`]), as
/// [`meeting_values_into`] writes them.
pub(super) fn meeting_values(shared: &Shared) -> Vec<Option<Value>> {
    let mut values = Vec::with_capacity(MEETING_ATTRS.len());
    meeting_values_into(shared, &mut values);
    values
}

/// [`meeting_values`] into `values`, its texts written into the buffers
/// already there.
pub(super) fn meeting_values_into(shared: &Shared, values: &mut Vec<Option<Value>>) {
    values.resize(MEETING_ATTRS.len(), None);
    let meetings = || shared.meetings();
    set_text(&mut values[0], |s| {
        join_into(s, meetings().map(|m| m.label.as_str()))
    });
    set_text(&mut values[1], |s| {
        join_into(s, meetings().filter_map(|m| m.date.as_deref()));
    });
    set_text(&mut values[2], |s| {
        s.push_str(shared.first_date().unwrap_or(""))
    });
    set_text(&mut values[3], |s| {
        s.push_str(shared.last_date().unwrap_or(""))
    });
}

/// Sets `slot` to the text `fill` writes, in the buffer of the text already
/// there if there is one; `None` for an empty text, as [`text`] says.
fn set_text(slot: &mut Option<Value>, fill: impl FnOnce(&mut String)) {
    let mut buffer = match slot.take() {
        Some(Value::Text(s)) => s,
        _ => String::new(),
    };
    buffer.clear();
    fill(&mut buffer);
    *slot = (!buffer.is_empty()).then_some(Value::Text(buffer));
}

impl EdgeAttributes for CoParticipation {
    const ATTRS: &'static [AttrDef] = &MEETING_ATTRS;
    fn weight(&self) -> f64 {
        self.weight.into()
    }
    fn values(&self) -> Vec<Option<Value>> {
        meeting_values(&self.shared)
    }
    fn values_into(&self, values: &mut Vec<Option<Value>>) {
        meeting_values_into(&self.shared, values);
    }
}

impl NodeAttributes for TopicNode {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "meetings",
            kind: INT,
        },
        AttrDef {
            name: "first_date",
            kind: STRING,
        },
        AttrDef {
            name: "last_date",
            kind: STRING,
        },
    ];
    fn iri(&self) -> &str {
        &self.iri
    }
    fn label(&self) -> &str {
        &self.label
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            Some(Value::Int(self.meetings.into())),
            self.first_date.as_deref().and_then(text),
            self.last_date.as_deref().and_then(text),
        ]
    }
}

impl EdgeAttributes for CoDiscussion {
    const ATTRS: &'static [AttrDef] = &[
        AttrDef {
            name: "first_date",
            kind: STRING,
        },
        AttrDef {
            name: "last_date",
            kind: STRING,
        },
        AttrDef {
            name: "dates",
            kind: STRING,
        },
    ];
    fn weight(&self) -> f64 {
        self.weight.into()
    }
    fn values(&self) -> Vec<Option<Value>> {
        vec![
            self.first_date().and_then(text),
            self.last_date().and_then(text),
            owned_text(self.dates()),
        ]
    }
}

pub(super) fn text(value: &str) -> Option<Value> {
    (!value.is_empty()).then(|| Value::Text(value.to_owned()))
}

/// [`text`] of a string made for it, moved rather than copied: the
/// exports make the texts of millions of edges.
pub(super) fn owned_text(value: String) -> Option<Value> {
    (!value.is_empty()).then_some(Value::Text(value))
}

/// A meeting as the graphs see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MeetingInfo {
    pub(crate) label: String,
    pub(crate) date: Option<String>,
}

/// The meetings sorted by date (unknown dates last), then label, then IRI; a
/// meeting the store says nothing about is labelled by its IRI.
pub(super) fn chronological<'a>(
    meetings: impl IntoIterator<Item = &'a str>,
    info: &BTreeMap<String, MeetingInfo>,
) -> Vec<(&'a str, MeetingInfo)> {
    let mut out: Vec<(&str, MeetingInfo)> = meetings
        .into_iter()
        .map(|m| {
            let found = info.get(m).cloned().unwrap_or_else(|| MeetingInfo {
                label: m.to_owned(),
                date: None,
            });
            (m, found)
        })
        .collect();
    out.sort_by(|(a, x), (b, y)| {
        (x.date.is_none(), &x.date, &x.label, a).cmp(&(y.date.is_none(), &y.date, &y.label, b))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(label: &str, date: Option<&str>) -> MeetingInfo {
        MeetingInfo {
            label: label.into(),
            date: date.map(str::to_owned),
        }
    }

    /// Values put into the buffers another edge left (longer texts, dates
    /// where this edge has none, an empty label) are the edge's own values.
    #[test]
    fn values_into_reused_buffers_are_the_edges_values() {
        let edges = [
            CoParticipation::over(vec![
                meeting("A long first meeting name", Some("2024-01-02")),
                meeting("B & <C>", Some("2024-03-04")),
            ]),
            CoParticipation::over(vec![meeting("x", None)]),
            CoParticipation::over(vec![meeting("", None)]),
            CoParticipation::over(vec![meeting("y", Some("2023-05-06")), meeting("z", None)]),
        ];
        let mut values = Vec::new();
        for edge in edges.iter().chain(edges.iter().rev()) {
            edge.values_into(&mut values);
            assert_eq!(values, edge.values());
        }
    }
}
