//! What the graphs are built from, read from the store with SPARQL: the
//! meetings, who attended or spoke at which, names and affiliations, which
//! topics each meeting discussed.

use super::elements::MeetingInfo;
use crate::store::{Store, StoreError};
use crate::vocab::sparql_prefixes;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryEvaluationError, QueryResults};
use std::collections::{BTreeMap, BTreeSet};

/// What the co-participation graph is built from; every string is an IRI
/// unless named otherwise.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParticipationFacts {
    pub(crate) meetings: BTreeMap<String, MeetingInfo>,
    /// (person, meeting) with `schema:attendee`.
    pub(crate) attended: BTreeSet<(String, String)>,
    /// (person, meeting) with `meetkg:spokeAt`.
    pub(crate) spoke: BTreeSet<(String, String)>,
    /// person → name.
    pub(crate) names: BTreeMap<String, String>,
    /// person → organisation labels.
    pub(crate) affiliations: BTreeMap<String, BTreeSet<String>>,
}

/// What the topic graph is built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct DiscussionFacts {
    pub(crate) meetings: BTreeMap<String, MeetingInfo>,
    /// (topic, meeting) with `meetkg:discussed`.
    pub(crate) discussed: BTreeSet<(String, String)>,
    /// topic → label.
    pub(crate) labels: BTreeMap<String, String>,
}

/// What the person–topic graph is built from: who spoke at which meeting, and
/// which topics each meeting discussed (the store links no intervention to a
/// topic, so a meeting is where the two meet).
#[derive(Debug, Clone, Default)]
pub(crate) struct SpeakingFacts {
    pub(crate) meetings: BTreeMap<String, MeetingInfo>,
    /// (person, meeting) with `meetkg:spokeAt`.
    pub(crate) spoke: BTreeSet<(String, String)>,
    /// (topic, meeting) with `meetkg:discussed`.
    pub(crate) discussed: BTreeSet<(String, String)>,
    /// person → name.
    pub(crate) names: BTreeMap<String, String>,
    /// topic → label.
    pub(crate) labels: BTreeMap<String, String>,
}

/// What the organisation–person graph is built from: the memberships.
#[derive(Debug, Clone, Default)]
pub(crate) struct MembershipFacts {
    pub(crate) meetings: BTreeMap<String, MeetingInfo>,
    /// (organisation, person, meeting): a membership `meetkg:statedAt` that meeting.
    pub(crate) stated: BTreeSet<(String, String, String)>,
    /// (organisation, person) → the labels of the roles of their memberships.
    pub(crate) roles: BTreeMap<(String, String), BTreeSet<String>>,
    /// organisation → label.
    pub(crate) labels: BTreeMap<String, String>,
    /// person → name.
    pub(crate) names: BTreeMap<String, String>,
}

/// Why a graph could not be read from the store.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The store refused the query.
    #[error("cannot query the store")]
    Store(#[from] StoreError),
    /// The query failed while its results were read.
    #[error("SPARQL query evaluation failed")]
    Evaluation(#[from] QueryEvaluationError),
    /// A built-in query returned something other than solutions (a meetkg bug).
    #[error("the built-in query for {what} did not return solutions")]
    NotSolutions { what: &'static str },
}

// The queries of rows that go into sets say no DISTINCT: the sets drop the
// repeats, and the store's DISTINCT over hundreds of thousands of rows at
// 10,000 reports costs a tenth of their time.
pub(super) const MEETINGS_QUERY: &str =
    "SELECT ?m (MIN(STR(?n)) AS ?name) (MIN(STR(?d)) AS ?date) WHERE {
  ?m a schema:Event .
  OPTIONAL { ?m schema:name ?n }
  OPTIONAL { ?m schema:startDate ?d }
} GROUP BY ?m";
pub(super) const ATTENDED_QUERY: &str = "SELECT ?p ?m WHERE { ?m schema:attendee ?p }";
pub(super) const SPOKE_QUERY: &str = "SELECT ?p ?m WHERE { ?p meetkg:spokeAt ?m }";
pub(super) const NAMES_QUERY: &str =
    "SELECT ?p (MIN(STR(?n)) AS ?name) WHERE { ?p a foaf:Person ; foaf:name ?n } GROUP BY ?p";
pub(super) const AFFILIATIONS_QUERY: &str = "SELECT ?p ?label WHERE {
  ?ms org:member ?p ; org:organization ?o .
  OPTIONAL { ?o skos:prefLabel ?l }
  BIND (COALESCE(STR(?l), STR(?o)) AS ?label)
}";
pub(super) const DISCUSSED_QUERY: &str = "SELECT ?t ?m WHERE { ?m meetkg:discussed ?t }";
pub(super) const TOPIC_LABELS_QUERY: &str =
    "SELECT ?t (MIN(STR(?l)) AS ?label) WHERE { ?t skos:prefLabel ?l } GROUP BY ?t";

pub(super) const MEMBERSHIPS_QUERY: &str = "SELECT ?o ?p ?m WHERE {
  ?ms org:member ?p ; org:organization ?o ; meetkg:statedAt ?m
}";
pub(super) const MEMBERSHIP_ROLES_QUERY: &str = "SELECT ?o ?p ?r (MIN(STR(?l)) AS ?label) WHERE {
  ?ms org:member ?p ; org:organization ?o ; org:role ?r .
  OPTIONAL { ?r skos:prefLabel ?l }
} GROUP BY ?o ?p ?r";
pub(super) const ORGANISATION_LABELS_QUERY: &str =
    "SELECT ?o (MIN(STR(?l)) AS ?label) WHERE { ?o a org:Organization ; skos:prefLabel ?l } GROUP BY ?o";

/// Runs a built-in SELECT and returns each row's values (IRIs and literal
/// values as strings) in the order of `vars`.
pub(super) fn select(
    store: &Store,
    what: &'static str,
    query: &str,
    vars: &[&str],
) -> Result<Vec<Vec<Option<String>>>, GraphError> {
    let QueryResults::Solutions(solutions) =
        store.query(&format!("{}{query}", sparql_prefixes()))?
    else {
        return Err(GraphError::NotSolutions { what });
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(
            vars.iter()
                .map(|v| match solution.get(*v) {
                    Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                    Some(Term::Literal(l)) => Some(l.value().to_owned()),
                    _ => None,
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// Rows whose first `N` values are all bound.
pub(super) fn bound<const N: usize>(
    rows: Vec<Vec<Option<String>>>,
) -> impl Iterator<Item = [String; N]> {
    rows.into_iter().filter_map(|row| {
        let values: Vec<String> = row.into_iter().take(N).collect::<Option<_>>()?;
        values.try_into().ok()
    })
}

pub(super) fn read_meetings(store: &Store) -> Result<BTreeMap<String, MeetingInfo>, GraphError> {
    let rows = select(store, "meetings", MEETINGS_QUERY, &["m", "name", "date"])?;
    Ok(rows
        .into_iter()
        .filter_map(|mut row| {
            let date = row.pop().flatten();
            let name = row.pop().flatten();
            let iri = row.pop().flatten()?;
            let label = name.unwrap_or_else(|| iri.clone());
            Some((iri, MeetingInfo { label, date }))
        })
        .collect())
}

pub(super) fn pairs(rows: Vec<Vec<Option<String>>>) -> BTreeSet<(String, String)> {
    bound::<2>(rows).map(|[a, b]| (a, b)).collect()
}

fn read_attended(store: &Store) -> Result<BTreeSet<(String, String)>, GraphError> {
    Ok(pairs(select(
        store,
        "attendance",
        ATTENDED_QUERY,
        &["p", "m"],
    )?))
}

fn read_spoke(store: &Store) -> Result<BTreeSet<(String, String)>, GraphError> {
    Ok(pairs(select(
        store,
        "interventions",
        SPOKE_QUERY,
        &["p", "m"],
    )?))
}

fn read_discussed(store: &Store) -> Result<BTreeSet<(String, String)>, GraphError> {
    Ok(pairs(select(
        store,
        "discussions",
        DISCUSSED_QUERY,
        &["t", "m"],
    )?))
}

fn read_names(store: &Store) -> Result<BTreeMap<String, String>, GraphError> {
    Ok(labels(select(store, "names", NAMES_QUERY, &["p", "name"])?))
}

fn read_topic_labels(store: &Store) -> Result<BTreeMap<String, String>, GraphError> {
    Ok(labels(select(
        store,
        "topic labels",
        TOPIC_LABELS_QUERY,
        &["t", "label"],
    )?))
}

fn read_affiliations(store: &Store) -> Result<BTreeMap<String, BTreeSet<String>>, GraphError> {
    let mut affiliations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for [person, label] in bound::<2>(select(
        store,
        "affiliations",
        AFFILIATIONS_QUERY,
        &["p", "label"],
    )?) {
        affiliations.entry(person).or_default().insert(label);
    }
    Ok(affiliations)
}

pub(super) fn read_participation(store: &Store) -> Result<ParticipationFacts, GraphError> {
    Ok(ParticipationFacts {
        affiliations: read_affiliations(store)?,
        meetings: read_meetings(store)?,
        attended: read_attended(store)?,
        spoke: read_spoke(store)?,
        names: read_names(store)?,
    })
}

pub(super) fn read_discussions(store: &Store) -> Result<DiscussionFacts, GraphError> {
    Ok(DiscussionFacts {
        meetings: read_meetings(store)?,
        discussed: read_discussed(store)?,
        labels: read_topic_labels(store)?,
    })
}

pub(super) fn read_speaking(store: &Store) -> Result<SpeakingFacts, GraphError> {
    Ok(SpeakingFacts {
        meetings: read_meetings(store)?,
        spoke: read_spoke(store)?,
        discussed: read_discussed(store)?,
        names: read_names(store)?,
        labels: read_topic_labels(store)?,
    })
}

/// (organisation, person, meeting) of every membership stated at a meeting.
fn read_stated(store: &Store) -> Result<BTreeSet<(String, String, String)>, GraphError> {
    Ok(bound::<3>(select(
        store,
        "memberships",
        MEMBERSHIPS_QUERY,
        &["o", "p", "m"],
    )?)
    .map(|[o, p, m]| (o, p, m))
    .collect())
}

/// (organisation, person) → the labels of the roles of their memberships.
fn read_roles(store: &Store) -> Result<BTreeMap<(String, String), BTreeSet<String>>, GraphError> {
    let mut roles: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let rows = select(
        store,
        "membership roles",
        MEMBERSHIP_ROLES_QUERY,
        &["o", "p", "r", "label"],
    )?;
    for row in rows {
        let mut values = row.into_iter();
        let (Some(Some(o)), Some(Some(p)), Some(Some(r))) =
            (values.next(), values.next(), values.next())
        else {
            continue;
        };
        // A role without a label is named by its IRI, as the other graphs do.
        let label = values.next().flatten().unwrap_or(r);
        roles.entry((o, p)).or_default().insert(label);
    }
    Ok(roles)
}

fn read_organisation_labels(store: &Store) -> Result<BTreeMap<String, String>, GraphError> {
    Ok(labels(select(
        store,
        "organisation labels",
        ORGANISATION_LABELS_QUERY,
        &["o", "label"],
    )?))
}

pub(super) fn read_memberships(store: &Store) -> Result<MembershipFacts, GraphError> {
    Ok(MembershipFacts {
        stated: read_stated(store)?,
        roles: read_roles(store)?,
        meetings: read_meetings(store)?,
        labels: read_organisation_labels(store)?,
        names: read_names(store)?,
    })
}

/// The facts of every graph of the exports, each query run once: the
/// meetings, names, interventions, discussions and topic labels that several
/// graphs share are read once and copied, not queried again per graph.
#[derive(Debug, Clone, Default)]
pub(crate) struct AllFacts {
    pub(crate) participation: ParticipationFacts,
    pub(crate) discussions: DiscussionFacts,
    pub(crate) speaking: SpeakingFacts,
    pub(crate) memberships: MembershipFacts,
}

/// Every query of the graphs once (ten queries instead of twenty-one), on
/// every core: the queries are independent, and at 10,000 reports they take
/// seconds each, which one core would add up.
pub(super) fn read_all(store: &Store) -> Result<AllFacts, GraphError> {
    use rayon::join;
    let (((meetings, spoke), (names, discussed)), ((topic_labels, stated), (roles, rest))) = join(
        || {
            join(
                || join(|| read_meetings(store), || read_spoke(store)),
                || join(|| read_names(store), || read_discussed(store)),
            )
        },
        || {
            join(
                || join(|| read_topic_labels(store), || read_stated(store)),
                || {
                    join(
                        || read_roles(store),
                        || {
                            join(
                                || read_organisation_labels(store),
                                || join(|| read_attended(store), || read_affiliations(store)),
                            )
                        },
                    )
                },
            )
        },
    );
    let (organisation_labels, (attended, affiliations)) = rest;
    Ok(AllFacts::joined(
        meetings?,
        Rows {
            attended: attended?,
            spoke: spoke?,
            discussed: discussed?,
            names: names?,
            affiliations: affiliations?,
            topic_labels: topic_labels?,
            stated: stated?,
            roles: roles?,
            organisation_labels: organisation_labels?,
        },
    ))
}

/// The rows of the export queries but the meetings', read once.
pub(super) struct Rows {
    pub(super) attended: BTreeSet<(String, String)>,
    pub(super) spoke: BTreeSet<(String, String)>,
    pub(super) discussed: BTreeSet<(String, String)>,
    pub(super) names: BTreeMap<String, String>,
    pub(super) affiliations: BTreeMap<String, BTreeSet<String>>,
    pub(super) topic_labels: BTreeMap<String, String>,
    pub(super) stated: BTreeSet<(String, String, String)>,
    pub(super) roles: BTreeMap<(String, String), BTreeSet<String>>,
    pub(super) organisation_labels: BTreeMap<String, String>,
}

impl AllFacts {
    /// Each graph's facts of the rows the graphs share, copied where several
    /// graphs read them.
    pub(super) fn joined(meetings: BTreeMap<String, MeetingInfo>, rows: Rows) -> Self {
        let Rows {
            attended,
            spoke,
            discussed,
            names,
            affiliations,
            topic_labels,
            stated,
            roles,
            organisation_labels,
        } = rows;
        Self {
            memberships: MembershipFacts {
                meetings: meetings.clone(),
                stated,
                roles,
                labels: organisation_labels,
                names: names.clone(),
            },
            speaking: SpeakingFacts {
                meetings: meetings.clone(),
                spoke: spoke.clone(),
                discussed: discussed.clone(),
                names: names.clone(),
                labels: topic_labels.clone(),
            },
            participation: ParticipationFacts {
                meetings: meetings.clone(),
                attended,
                spoke,
                names,
                affiliations,
            },
            discussions: DiscussionFacts {
                meetings,
                discussed,
                labels: topic_labels,
            },
        }
    }
}

/// (IRI, label) rows as a map.
fn labels(rows: Vec<Vec<Option<String>>>) -> BTreeMap<String, String> {
    bound::<2>(rows).map(|[iri, label]| (iri, label)).collect()
}
