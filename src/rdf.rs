//! Maps one [`Report`] to RDF quads, all in one named graph per report.
//!
//! Rationale: the store is rebuilt report by report, so each report owns exactly
//! one named graph (`id:graph/{stem}`) that can be dropped and replaced without
//! touching the others. Entities that several reports mention (people,
//! organisations, topics, roles, series) get the same IRI in every graph, because
//! IRIs are minted from canonical names through [`slug`], never from counters; the
//! union of the graphs (the store's default graph for queries) merges them.
//!
//! This module knows nothing of text: it trusts the model (names are canonical,
//! evidence offsets are character offsets into the decoded report) and does not
//! read, normalise or guess. It does not declare the `meetkg:` terms either (that
//! is the ontology's job).
//!
//! # IRIs
//!
//! Data IRIs live under `https://w3id.org/meetkg/id/` (prefix `id:` below):
//!
//! | entity           | IRI                                                    |
//! |------------------|--------------------------------------------------------|
//! | named graph      | `id:graph/{stem}`                                      |
//! | report           | `id:report/{stem}`                                     |
//! | text selector    | `id:report/{stem}/selector/{start}-{end}`              |
//! | series           | `id:series/{slug(series)}`                             |
//! | meeting          | `id:meeting/{slug(series)}/{number}`, else `/{date}`, else `/report-{stem}`; `id:meeting/report-{stem}` when the series is unknown |
//! | agenda item      | `{meeting}/agenda/{id}` (`2.b` stays `2.b`)            |
//! | intervention     | `{meeting}/intervention/{slug(person)}-{k}`            |
//! | discussion       | `{meeting}/discussion/{slug(topic)}`                   |
//! | person           | `id:person/{slug(name)}`                               |
//! | organisation     | `id:organisation/{slug(name)}`                         |
//! | topic            | `id:topic/{slug(name)}` in scheme `id:topics`          |
//! | keyphrase        | `id:keyphrase/{slug(folded lemma form)}` in scheme `id:keyphrases` |
//! | role             | `id:role/{slug(role)}` in scheme `id:roles`            |
//! | membership       | `id:membership/{slug(person)}/{slug(org)}[/{slug(role)}]` |
//! | role assignment  | `id:role-assignment/{slug(person)}/{slug(role)}`       |
//!
//! `{stem}` is the slug of the report's file name without its extension; `k` is
//! the index of the sentence among the person's "spoke" evidence sorted by offset.
//!
//! # Triples (all in the report's graph)
//!
//! - graph: `prov:wasDerivedFrom` report.
//! - report: `a foaf:Document, prov:Entity; dcterms:identifier` file name
//!   (`mid:…` for a mail message known by its Message-ID);
//!   `meetkg:sha256` (when known); `foaf:primaryTopic` meeting; for a mail
//!   message that replies to another, `dcterms:references` that message's
//!   report (`id:report/mid:…`).
//! - meeting: `a schema:Event; schema:name "{series} meeting {n}"@en;
//!   schema:startDate` (`xsd:date`); `meetkg:startTimeUTC` (`xsd:time`, `HH:MM:00Z`);
//!   `meetkg:number` (`xsd:integer`); `meetkg:nextMeetingDate` (`xsd:date`);
//!   `schema:superEvent` series; `dcterms:source` report; `meetkg:moderator`,
//!   `meetkg:host` person; `schema:attendee` person; `meetkg:agendaItem` item;
//!   `meetkg:discussed` topic. Dates are typed in the model; a start time that
//!   does not parse is left out (with a `log` warning) rather than stored as an
//!   ill-typed literal.
//! - series: `a schema:EventSeries; schema:name`@en.
//! - agenda item: `a meetkg:AgendaItem; rdfs:label` title@en; `meetkg:itemNumber`
//!   ("2.b"); `meetkg:position` (1-based, `xsd:integer`); `dcterms:isPartOf` the
//!   parent item ("2.b" → "2") when the agenda has it.
//! - person: `a foaf:Person; foaf:name` (plain string: a proper name has no
//!   language); `skos:altLabel` each alias. Took part (listed, spoke, moderator or
//!   host) → `meeting schema:attendee person`; otherwise `person
//!   meetkg:mentionedIn meeting`. Listed → `person meetkg:listedAt meeting`.
//!   Spoke → `person meetkg:spokeAt meeting`, and per "spoke" sentence an
//!   attendance per participant-list line, moderator or host sentence: `a
//!   meetkg:Attendance; meetkg:participant person; meetkg:atMeeting meeting;
//!   meetkg:mention` raw string; `prov:wasDerivedFrom` selector. Per "spoke" sentence an
//!   intervention `a meetkg:Intervention; meetkg:speaker person;
//!   meetkg:atMeeting meeting; meetkg:mention` raw string; `prov:wasDerivedFrom`
//!   selector.
//! - selector: `a oa:TextQuoteSelector, oa:TextPositionSelector; oa:exact`
//!   sentence; `oa:start`, `oa:end` (character offsets, `xsd:integer`: Oxigraph
//!   stores every integer type as `xsd:integer`, so declaring
//!   `xsd:nonNegativeInteger` would not survive a round trip); `dcterms:source` report;
//!   for a report read from PDF, `meetkg:page` the page (from 1, `xsd:integer`)
//!   the quote starts on; for one read from mail, `meetkg:messageId` the
//!   message's Message-ID (plain string, no angle brackets). A selector's IRI
//!   names its offsets, and its page or message follows from them.
//! - membership (each `memberships` entry; the `affiliations` only when a person
//!   has no memberships): `a org:Membership; org:member` person;
//!   `org:organization` org; `org:role` role (when paired); `meetkg:statedAt`
//!   meeting; `prov:wasDerivedFrom` the selectors of the person's "affiliation"
//!   sentences that name the organisation (or all of them when the person has a
//!   single organisation).
//! - role held without an organisation: a role assignment `a
//!   meetkg:RoleAssignment; meetkg:holder` person; `meetkg:role` role;
//!   `meetkg:statedAt` meeting; plus the shortcut `person meetkg:heldRole role`
//!   (the graph it sits in says which report states it).
//! - role: `a skos:Concept; skos:prefLabel`@en; `skos:inScheme id:roles`.
//! - organisation: `a org:Organization; skos:prefLabel`@en; `skos:altLabel`@en
//!   aliases; `meetkg:mentionedIn` meeting (when the report lists it).
//! - topic: `a skos:Concept; skos:prefLabel`@en; `skos:altLabel`@en aliases;
//!   `skos:inScheme id:topics`; and, when the report has evidence, a discussion
//!   `a meetkg:Discussion; meetkg:topic` topic; `meetkg:atMeeting` meeting;
//!   `prov:wasDerivedFrom` selectors.
//! - keyphrase (a topic that is no thesaurus concept, e.g. an agenda subject):
//!   the same as a topic, but `skos:inScheme id:keyphrases`, its IRI minted
//!   from its folded lemma form, and `skos:closeMatch` each thesaurus topic
//!   whose label it names.
//!
//! Natural-language labels (names of meetings and series, titles, labels of
//! topics, organisations and roles) are tagged `@en`; people's names and quoted
//! report text are plain strings. Blank entries of lists (aliases, roles,
//! affiliations) are skipped; a blank canonical name is an error, since an
//! identity cannot be minted from it.
//!
//! Known limit: role labels are not canonicalised upstream, so "MAG Chair" and
//! "MAG chair" share `id:role/mag-chair` and that concept may carry two
//! `skos:prefLabel`s across graphs.

use crate::model::{iso, Evidence, FactKind, Meeting, MessageId, Person, Report, Role};
use crate::vocab::{dcterms, foaf, meetkg, oa, org, prov, rdf, rdfs, schema, skos, xsd, ID_BASE};
use crate::words::{slug, UtcOffset};
use oxigraph::model::{
    GraphName, IriParseError, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, Term,
};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::path::Path;

/// Why a report could not be mapped to RDF.
#[derive(Debug, thiserror::Error)]
pub enum RdfError {
    /// A name that an IRI must be minted from is empty or only whitespace.
    #[error("empty {what}: cannot mint an IRI from it")]
    EmptyName {
        /// What the name is of ("person name", "report file name"...).
        what: &'static str,
    },
    /// A minted IRI is not valid. Slugs hold only IRI-safe characters, so this
    /// points at a bug in meetkg rather than in the input.
    #[error("minted an invalid IRI <{iri}>")]
    InvalidIri {
        iri: String,
        #[source]
        source: IriParseError,
    },
}

/// The quads of one report and the named graph that holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportGraph {
    /// `id:graph/{stem}`.
    pub graph: NamedNode,
    /// Every quad has `graph` as its graph name; no duplicates, in a stable order.
    pub quads: Vec<Quad>,
}

fn slug_of(what: &'static str, text: &str) -> Result<String, RdfError> {
    slug(text).ok_or(RdfError::EmptyName { what })
}

/// Builds `ID_BASE + path` and validates it.
fn mint(path: &str) -> Result<NamedNode, RdfError> {
    let iri = format!("{ID_BASE}{path}");
    NamedNode::new(iri.as_str()).map_err(|source| RdfError::InvalidIri { iri, source })
}

/// The slug of a report's identity without its extension: `000_ab.txt` →
/// `000-ab`; a report in a folder keeps its folders, `2024-10/minutes.txt` →
/// `2024-10/minutes`, so that minutes filed under one name in folders by date
/// stay apart. A mail message known by its Message-ID (`mid:1@example.org`)
/// is `mid:1@example.org`, whatever file held it: the id whole, since two
/// ids a slug would fold together (`A.b@x`, `a-b@x`) are two messages, and
/// the `:` that no slug has keeps it apart from every file's stem.
pub fn report_stem(source: &str) -> Result<String, RdfError> {
    if let Some(id) = MessageId::of_source(source) {
        return Ok(format!("{}{}", MessageId::SCHEME, iri_segment(id)));
    }
    let path = Path::new(source);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(parent) = path.parent() {
        for folder in parent.components() {
            if let Some(slug) = slug(&folder.as_os_str().to_string_lossy()) {
                parts.push(slug);
            }
        }
    }
    parts.push(slug_of("report file name", stem)?);
    Ok(parts.join("/"))
}

/// `text` as one segment of an IRI's path: what an IRI allows there
/// (RFC 3987 `ipchar`, ASCII only) as it is, every other byte `%HH`.
fn iri_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `id:graph/{stem}`: the named graph holding everything one report says.
pub fn graph_iri(source: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("graph/{}", report_stem(source)?))
}

/// `id:report/{stem}`: the report document.
pub fn report_iri(source: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("report/{}", report_stem(source)?))
}

/// `id:person/{slug}`.
pub fn person_iri(name: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("person/{}", slug_of("person name", name)?))
}

/// `id:organisation/{slug}`.
pub fn organisation_iri(name: &str) -> Result<NamedNode, RdfError> {
    mint(&format!(
        "organisation/{}",
        slug_of("organisation name", name)?
    ))
}

/// `id:topic/{slug}`.
pub fn topic_iri(name: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("topic/{}", slug_of("topic name", name)?))
}

/// `id:role/{slug}`.
pub fn role_iri(role: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("role/{}", slug_of("role", role)?))
}

/// `id:series/{slug}`.
pub fn series_iri(series: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("series/{}", slug_of("meeting series", series)?))
}

/// `id:topics`, the SKOS concept scheme of all topics.
pub fn topic_scheme_iri() -> Result<NamedNode, RdfError> {
    mint("topics")
}

/// `id:keyphrase/{slug}` of a keyphrase's folded lemma form: the same in
/// every report that names the subject.
pub fn keyphrase_iri(key: &str) -> Result<NamedNode, RdfError> {
    mint(&format!("keyphrase/{}", slug_of("keyphrase", key)?))
}

/// `id:keyphrases`, the SKOS concept scheme of the subjects the thesaurus lacks.
pub fn keyphrase_scheme_iri() -> Result<NamedNode, RdfError> {
    mint("keyphrases")
}

/// `id:roles`, the SKOS concept scheme of all roles.
pub fn role_scheme_iri() -> Result<NamedNode, RdfError> {
    mint("roles")
}

/// The first segments of the paths (under `id:`) of the entities that several
/// reports' graphs describe alike: people, organisations, topics, keyphrases,
/// roles, series, memberships, role assignments and the concept schemes.
const SHARED_KINDS: [&str; 8] = [
    "person/",
    "organisation/",
    "topic/",
    "keyphrase/",
    "role/",
    "series/",
    "membership/",
    "role-assignment/",
];

/// Whether `iri` names an entity whose description (name, type, labels,
/// scheme, member and organisation) other reports' graphs repeat word for
/// word, rather than something one report alone speaks of (its graph,
/// document, meeting, selectors, agenda, interventions).
///
/// Why: the store's default graph is the merge of the report graphs, and a
/// quarter of the triples of those graphs are such repeats. The store keeps
/// the triples of these subjects it has merged already, to hand each to the
/// bulk loader once; the rest of a graph's triples need no such memory, as no
/// other graph states them. A wrong answer costs only speed or memory: the
/// loader keeps one copy of a triple however often it is given.
pub fn is_shared_entity(iri: &str) -> bool {
    let Some(path) = iri.strip_prefix(ID_BASE) else {
        return false;
    };
    matches!(path, "topics" | "keyphrases" | "roles")
        || SHARED_KINDS.iter().any(|kind| path.starts_with(kind))
}

/// The meeting a report records: by series and number, else series and date,
/// else series and report; without a series, by report.
///
/// `source` is the report's file name, used only for the fallbacks.
pub fn meeting_iri(meeting: &Meeting, source: &str) -> Result<NamedNode, RdfError> {
    let key = match (slug(&meeting.series), meeting.number) {
        (Some(series), Some(number)) => format!("{series}/{number}"),
        (Some(series), None) => match meeting.date.map(iso::date) {
            Some(date) => format!("{series}/{date}"),
            None => format!("{series}/report-{}", report_stem(source)?),
        },
        (None, _) => format!("report-{}", report_stem(source)?),
    };
    mint(&format!("meeting/{key}"))
}

/// The selector of a stretch of a report's text.
pub fn selector_iri(source: &str, start: usize, end: usize) -> Result<NamedNode, RdfError> {
    mint(&format!(
        "report/{}/selector/{start}-{end}",
        report_stem(source)?
    ))
}

/// The path segment of an agenda item: each dot-separated part slugged, dots kept.
fn agenda_slug(id: &str) -> Option<String> {
    let parts: Vec<String> = id.split('.').filter_map(slug).collect();
    (!parts.is_empty()).then(|| parts.join("."))
}

/// An English-language label.
fn en(text: &str) -> Literal {
    // "en" is a constant, well-formed BCP 47 tag: nothing input-dependent to check.
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

fn integer(value: u64) -> Literal {
    Literal::from(value)
}

fn usize_literal(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER)
}

/// Collects the quads of one graph, dropping duplicates, keeping first-seen order.
///
/// Why an index of hashes rather than a set of quads: a set would hold a
/// second copy of every quad (four strings) and hash them with SipHash, which
/// made this collection most of the mapping's cost (a million quads at 1,000
/// reports). The index holds, per 64-bit hash, the first quad that has it;
/// the rare later quads that share a hash but differ are listed apart, so the
/// dedup stays exact.
struct Builder<S = foldhash::fast::FixedState> {
    graph: GraphName,
    quads: Vec<Quad>,
    /// Hash of a triple -> index in `quads` of the first quad with it.
    first: HashMap<u64, usize, foldhash::fast::FixedState>,
    /// Indices of quads whose hash an earlier, different quad had.
    collided: Vec<usize>,
    hasher: S,
}

impl Builder {
    fn new(graph: &NamedNode) -> Self {
        Self::with_hasher(graph, foldhash::fast::FixedState::default())
    }
}

impl<S: BuildHasher> Builder<S> {
    fn with_hasher(graph: &NamedNode, hasher: S) -> Self {
        Self {
            graph: graph.clone().into(),
            quads: Vec::new(),
            first: HashMap::default(),
            collided: Vec::new(),
            hasher,
        }
    }

    fn add(&mut self, subject: &NamedNode, predicate: NamedNodeRef<'_>, object: impl Into<Term>) {
        let object = object.into();
        let hash = self
            .hasher
            .hash_one((subject.as_ref(), predicate, object.as_ref()));
        let same = |q: &Quad| {
            q.predicate.as_ref() == predicate
                && q.object == object
                && q.subject.as_ref() == NamedOrBlankNodeRef::from(subject.as_ref())
        };
        let next = self.quads.len();
        match self.first.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(next);
            }
            Entry::Occupied(slot) => {
                let quads = &self.quads;
                if same(&quads[*slot.get()]) || self.collided.iter().any(|&i| same(&quads[i])) {
                    return;
                }
                self.collided.push(next);
            }
        }
        self.quads.push(Quad::new(
            subject.clone(),
            predicate.into_owned(),
            object,
            self.graph.clone(),
        ));
    }

    fn a(&mut self, subject: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(subject, rdf::TYPE, class.into_owned());
    }
}

/// Maps one report to its quads, all in the report's named graph.
///
/// Errors when a canonical name or the report's file name is blank. Cost:
/// linear in the size of the report.
pub fn report_quads(report: &Report) -> Result<Vec<Quad>, RdfError> {
    Ok(report_graph(report)?.quads)
}

/// Maps one report to its named graph and quads; see the module docs for the mapping.
///
/// Errors when a canonical name or the report's file name is blank.
pub fn report_graph(report: &Report) -> Result<ReportGraph, RdfError> {
    Mapper::new(report)?.run()
}

/// The IRIs shared by every part of one report's mapping.
struct Mapper<'a> {
    report: &'a Report,
    b: Builder,
    graph: NamedNode,
    report_node: NamedNode,
    meeting: NamedNode,
}

impl<'a> Mapper<'a> {
    fn new(report: &'a Report) -> Result<Self, RdfError> {
        let graph = graph_iri(&report.source)?;
        Ok(Self {
            report,
            b: Builder::new(&graph),
            report_node: report_iri(&report.source)?,
            meeting: meeting_iri(&report.meeting, &report.source)?,
            graph,
        })
    }

    fn run(mut self) -> Result<ReportGraph, RdfError> {
        self.report_and_meeting()?;
        self.replies()?;
        self.agenda()?;
        self.people()?;
        self.organisations()?;
        self.topics()?;
        Ok(ReportGraph {
            graph: self.graph,
            quads: self.b.quads,
        })
    }

    /// A mail message's report `dcterms:references` the report of each
    /// message it replies to ([`crate::model::Thread::parents`]), which
    /// its Message-ID names whether or not that message was read: a
    /// thread in the store is these links followed.
    fn replies(&mut self) -> Result<(), RdfError> {
        for parent in self.report.thread.parents() {
            let replied = report_iri(&parent.source())?;
            self.b.add(&self.report_node, dcterms::REFERENCES, replied);
        }
        Ok(())
    }

    fn report_and_meeting(&mut self) -> Result<(), RdfError> {
        let report = self.report;
        let meeting = &report.meeting;
        let (r, m) = (self.report_node.clone(), self.meeting.clone());
        let b = &mut self.b;

        b.add(&self.graph, prov::WAS_DERIVED_FROM, r.clone());
        b.a(&r, foaf::DOCUMENT);
        b.a(&r, prov::ENTITY);
        b.add(
            &r,
            dcterms::IDENTIFIER,
            Literal::from(report.source.as_str()),
        );
        if !report.sha256.trim().is_empty() {
            b.add(&r, meetkg::SHA256, Literal::from(report.sha256.trim()));
        }
        b.add(&r, foaf::PRIMARY_TOPIC, m.clone());

        b.a(&m, schema::EVENT);
        b.add(&m, dcterms::SOURCE, r.clone());
        b.add(&m, schema::NAME, en(&meeting_name(meeting, &report.source)));
        if let Some(date) = meeting.date {
            b.add(&m, schema::START_DATE, typed(iso::date(date), xsd::DATE));
        }
        if let Some(time) = meeting.start_time_utc {
            let text = iso::zoned_time(time, Some(UtcOffset::UTC));
            b.add(&m, meetkg::START_TIME_UTC, typed(text, xsd::TIME));
        }
        if let Some(time) = meeting.start_time_local {
            let text = iso::zoned_time(time, meeting.utc_offset_minutes);
            b.add(&m, meetkg::LOCAL_START_TIME, typed(text, xsd::TIME));
        }
        if let Some(number) = meeting.number {
            b.add(&m, meetkg::NUMBER, integer(number.into()));
        }
        if let Some(date) = meeting.next_meeting_date {
            b.add(
                &m,
                meetkg::NEXT_MEETING_DATE,
                typed(iso::date(date), xsd::DATE),
            );
        }
        if !meeting.series.trim().is_empty() {
            let s = series_iri(&meeting.series)?;
            b.add(&m, schema::SUPER_EVENT, s.clone());
            b.a(&s, schema::EVENT_SERIES);
            b.add(&s, schema::NAME, en(meeting.series.trim()));
        }
        Ok(())
    }

    fn agenda(&mut self) -> Result<(), RdfError> {
        let agenda = &self.report.agenda;
        let item_iri = |position: usize, id: &str| -> Result<NamedNode, RdfError> {
            let segment = agenda_slug(id).unwrap_or_else(|| format!("item-{position}"));
            NamedNode::new(format!("{}/agenda/{segment}", self.meeting.as_str())).map_err(
                |source| RdfError::InvalidIri {
                    iri: format!("{}/agenda/{segment}", self.meeting.as_str()),
                    source,
                },
            )
        };
        let ids: BTreeMap<&str, usize> = agenda
            .iter()
            .enumerate()
            .map(|(i, item)| (item.id.trim(), i + 1))
            .collect();
        let mut quads = Vec::new();
        for (index, item) in agenda.iter().enumerate() {
            let position = index + 1;
            let iri = item_iri(position, &item.id)?;
            let parent = match item.id.trim().rsplit_once('.') {
                Some((parent_id, _)) => match ids.get(parent_id) {
                    Some(&parent_position) => Some(item_iri(parent_position, parent_id)?),
                    None => None,
                },
                None => None,
            };
            quads.push((iri, item, position, parent));
        }
        let m = self.meeting.clone();
        for (iri, item, position, parent) in quads {
            self.b.add(&m, meetkg::AGENDA_ITEM_PROP, iri.clone());
            self.b.a(&iri, meetkg::AGENDA_ITEM);
            if !item.title.trim().is_empty() {
                self.b.add(&iri, rdfs::LABEL, en(item.title.trim()));
            }
            if !item.id.trim().is_empty() {
                self.b
                    .add(&iri, meetkg::ITEM_NUMBER, Literal::from(item.id.trim()));
            }
            self.b.add(&iri, meetkg::POSITION, usize_literal(position));
            if let Some(parent) = parent {
                self.b.add(&iri, dcterms::IS_PART_OF, parent);
            }
        }
        Ok(())
    }

    fn people(&mut self) -> Result<(), RdfError> {
        let report = self.report;
        let meeting = &report.meeting;
        let moderators: BTreeSet<&str> = meeting
            .moderators
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let hosts: BTreeSet<&str> = meeting
            .hosts
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty())
            .collect();
        let mut known: BTreeSet<&str> = BTreeSet::new();
        for person in &report.people {
            let name = person.name.trim();
            let took_part =
                person.spoke || person.listed || moderators.contains(name) || hosts.contains(name);
            self.person(person, took_part)?;
            known.insert(name);
        }
        // Moderators and hosts the people list forgot still took part.
        for name in moderators.iter().chain(&hosts) {
            if !known.contains(name) {
                let p = self.person_node(name)?;
                self.b.add(&self.meeting.clone(), schema::ATTENDEE, p);
            }
        }
        let m = self.meeting.clone();
        for name in moderators {
            self.b.add(&m, meetkg::MODERATOR, person_iri(name)?);
        }
        for name in hosts {
            self.b.add(&m, meetkg::HOST, person_iri(name)?);
        }
        Ok(())
    }

    /// `a foaf:Person; foaf:name`.
    fn person_node(&mut self, name: &str) -> Result<NamedNode, RdfError> {
        let p = person_iri(name)?;
        self.b.a(&p, foaf::PERSON);
        self.b.add(&p, foaf::NAME, Literal::from(name.trim()));
        Ok(p)
    }

    fn person(&mut self, person: &Person, took_part: bool) -> Result<(), RdfError> {
        let name = person.name.trim();
        let p = self.person_node(name)?;
        let m = self.meeting.clone();
        for alias in &person.aliases {
            let alias = alias.trim();
            if !alias.is_empty() && alias != name {
                self.b.add(&p, skos::ALT_LABEL, Literal::from(alias));
            }
        }
        if took_part {
            self.b.add(&m, schema::ATTENDEE, p.clone());
            // The lines that say so: the participant list, the moderator and host sentences.
            let person_slug = slug_of("person name", name)?;
            let mut stated: Vec<&Evidence> =
                [FactKind::Listed, FactKind::Moderator, FactKind::Host]
                    .into_iter()
                    .flat_map(|fact| sorted_evidence(&person.evidence, fact))
                    .collect();
            stated.sort_by_key(|e| (e.start, e.end));
            stated.dedup_by_key(|e| (e.start, e.end));
            for (k, evidence) in stated.into_iter().enumerate() {
                let a = self.under_meeting(&format!("attendance/{person_slug}-{k}"))?;
                self.b.a(&a, meetkg::ATTENDANCE);
                self.b.add(&a, meetkg::PARTICIPANT, p.clone());
                self.b.add(&a, meetkg::AT_MEETING, m.clone());
                if !evidence.mention.trim().is_empty() {
                    self.b.add(
                        &a,
                        meetkg::MENTION,
                        Literal::from(evidence.mention.as_str()),
                    );
                }
                let s = self.selector(evidence)?;
                self.b.add(&a, prov::WAS_DERIVED_FROM, s);
            }
        } else {
            self.b.add(&p, meetkg::MENTIONED_IN, m.clone());
        }
        if person.listed {
            self.b.add(&p, meetkg::LISTED_AT, m.clone());
        }
        if person.spoke {
            self.b.add(&p, meetkg::SPOKE_AT, m.clone());
            let person_slug = slug_of("person name", name)?;
            for (k, evidence) in sorted_evidence(&person.evidence, FactKind::Spoke)
                .into_iter()
                .enumerate()
            {
                let i = self.under_meeting(&format!("intervention/{person_slug}-{k}"))?;
                self.b.a(&i, meetkg::INTERVENTION);
                self.b.add(&i, meetkg::SPEAKER, p.clone());
                self.b.add(&i, meetkg::AT_MEETING, m.clone());
                if !evidence.mention.trim().is_empty() {
                    self.b.add(
                        &i,
                        meetkg::MENTION,
                        Literal::from(evidence.mention.as_str()),
                    );
                }
                let s = self.selector(evidence)?;
                self.b.add(&i, prov::WAS_DERIVED_FROM, s);
            }
        }
        self.memberships(person, &p)?;
        Ok(())
    }

    fn memberships(&mut self, person: &Person, p: &NamedNode) -> Result<(), RdfError> {
        let person_slug = slug_of("person name", &person.name)?;
        let m = self.meeting.clone();
        let mut pairs: BTreeSet<(&str, Option<&str>)> = BTreeSet::new();
        for membership in &person.memberships {
            let organisation = membership.organisation.trim();
            if organisation.is_empty() {
                continue;
            }
            pairs.insert((organisation, membership.role.as_ref().map(Role::as_str)));
        }
        // `affiliations` name organisations as the report wrote them; when the
        // canonical memberships are there, they alone say who belongs where.
        if person.memberships.is_empty() {
            for affiliation in &person.affiliations {
                let affiliation = affiliation.trim();
                if !affiliation.is_empty() {
                    pairs.insert((affiliation, None));
                }
            }
        }
        let organisations: BTreeSet<&str> = pairs.iter().map(|(o, _)| *o).collect();
        let affiliation_evidence = sorted_evidence(&person.evidence, FactKind::Affiliation);
        for (organisation, role) in &pairs {
            let o = self.organisation_node(organisation)?;
            let mut path = format!(
                "membership/{person_slug}/{}",
                slug_of("organisation name", organisation)?
            );
            let r = match role {
                Some(role) => {
                    path.push('/');
                    path.push_str(&slug_of("role", role)?);
                    Some(self.role_node(role)?)
                }
                None => None,
            };
            let ms = mint(&path)?;
            self.b.a(&ms, org::MEMBERSHIP);
            self.b.add(&ms, org::MEMBER, p.clone());
            self.b.add(&ms, org::ORGANIZATION_PROP, o);
            if let Some(r) = r {
                self.b.add(&ms, org::ROLE, r);
            }
            self.b.add(&ms, meetkg::STATED_AT, m.clone());
            let names = self.organisation_names(organisation);
            for evidence in &affiliation_evidence {
                let text = evidence.text.to_lowercase();
                if organisations.len() == 1 || names.iter().any(|n| text.contains(n.as_str())) {
                    let s = self.selector(evidence)?;
                    self.b.add(&ms, prov::WAS_DERIVED_FROM, s);
                }
            }
        }
        let paired: BTreeSet<&str> = pairs.iter().filter_map(|(_, r)| *r).collect();
        for role in &person.roles {
            let role = role.as_str();
            if paired.contains(role) {
                continue;
            }
            let r = self.role_node(role)?;
            let ra = mint(&format!(
                "role-assignment/{person_slug}/{}",
                slug_of("role", role)?
            ))?;
            self.b.a(&ra, meetkg::ROLE_ASSIGNMENT);
            self.b.add(&ra, meetkg::HOLDER, p.clone());
            self.b.add(&ra, meetkg::ROLE, r.clone());
            self.b.add(&ra, meetkg::STATED_AT, m.clone());
            self.b.add(p, meetkg::HELD_ROLE, r);
        }
        Ok(())
    }

    /// The lowercased name and aliases of an organisation, to spot it in a sentence.
    fn organisation_names(&self, name: &str) -> Vec<String> {
        let mut names = vec![name.to_lowercase()];
        for organisation in &self.report.organisations {
            if organisation.name.trim() == name {
                names.extend(
                    organisation
                        .aliases
                        .iter()
                        .map(|a| a.trim().to_lowercase())
                        .filter(|a| !a.is_empty()),
                );
            }
        }
        names
    }

    fn organisation_node(&mut self, name: &str) -> Result<NamedNode, RdfError> {
        let o = organisation_iri(name)?;
        self.b.a(&o, org::ORGANIZATION);
        self.b.add(&o, skos::PREF_LABEL, en(name.trim()));
        Ok(o)
    }

    fn role_node(&mut self, role: &str) -> Result<NamedNode, RdfError> {
        let r = role_iri(role)?;
        let scheme = role_scheme_iri()?;
        self.b.a(&scheme, skos::CONCEPT_SCHEME);
        self.b.a(&r, skos::CONCEPT);
        self.b.add(&r, skos::PREF_LABEL, en(role.trim()));
        self.b.add(&r, skos::IN_SCHEME, scheme);
        Ok(r)
    }

    fn organisations(&mut self) -> Result<(), RdfError> {
        let m = self.meeting.clone();
        for organisation in &self.report.organisations {
            let name = organisation.name.trim();
            let o = self.organisation_node(name)?;
            for alias in &organisation.aliases {
                let alias = alias.trim();
                if !alias.is_empty() && alias != name {
                    self.b.add(&o, skos::ALT_LABEL, en(alias));
                }
            }
            self.b.add(&o, meetkg::MENTIONED_IN, m.clone());
        }
        Ok(())
    }

    fn topics(&mut self) -> Result<(), RdfError> {
        let m = self.meeting.clone();
        for topic in &self.report.topics {
            let name = topic.name.trim();
            let (t, scheme) = match &topic.keyphrase {
                Some(k) => (keyphrase_iri(&k.key)?, keyphrase_scheme_iri()?),
                None => (topic_iri(name)?, topic_scheme_iri()?),
            };
            self.b.a(&scheme, skos::CONCEPT_SCHEME);
            for label in topic.keyphrase.iter().flat_map(|k| &k.close_matches) {
                self.b.add(&t, skos::CLOSE_MATCH, topic_iri(label)?);
            }
            self.b.a(&t, skos::CONCEPT);
            self.b.add(&t, skos::PREF_LABEL, en(name));
            for alias in &topic.aliases {
                let alias = alias.trim();
                if !alias.is_empty() && alias != name {
                    self.b.add(&t, skos::ALT_LABEL, en(alias));
                }
            }
            self.b.add(&t, skos::IN_SCHEME, scheme);
            self.b.add(&m, meetkg::DISCUSSED, t.clone());
            let evidence = sorted_evidence(&topic.evidence, FactKind::Discussed);
            if !evidence.is_empty() {
                let d =
                    self.under_meeting(&format!("discussion/{}", slug_of("topic name", name)?))?;
                self.b.a(&d, meetkg::DISCUSSION);
                self.b.add(&d, meetkg::TOPIC, t.clone());
                self.b.add(&d, meetkg::AT_MEETING, m.clone());
                for e in evidence {
                    let s = self.selector(e)?;
                    self.b.add(&d, prov::WAS_DERIVED_FROM, s);
                }
            }
        }
        Ok(())
    }

    fn under_meeting(&self, path: &str) -> Result<NamedNode, RdfError> {
        let iri = format!("{}/{path}", self.meeting.as_str());
        NamedNode::new(iri.as_str()).map_err(|source| RdfError::InvalidIri { iri, source })
    }

    /// The selector of an evidence sentence, with its triples.
    fn selector(&mut self, evidence: &Evidence) -> Result<NamedNode, RdfError> {
        let s = selector_iri(&self.report.source, evidence.start, evidence.end)?;
        self.b.a(&s, oa::TEXT_QUOTE_SELECTOR);
        self.b.a(&s, oa::TEXT_POSITION_SELECTOR);
        self.b
            .add(&s, oa::EXACT, Literal::from(evidence.text.as_str()));
        self.b.add(&s, oa::START, usize_literal(evidence.start));
        self.b.add(&s, oa::END, usize_literal(evidence.end));
        self.b.add(&s, dcterms::SOURCE, self.report_node.clone());
        if let Some(page) = evidence.page {
            self.b.add(&s, meetkg::PAGE, integer(page.into()));
        }
        if let Some(id) = &evidence.message_id {
            self.b
                .add(&s, meetkg::MESSAGE_ID, Literal::from(id.as_str()));
        }
        Ok(s)
    }
}

fn typed(value: String, datatype: NamedNodeRef<'_>) -> Literal {
    Literal::new_typed_literal(value, datatype)
}

/// Evidence of one kind, in text order, without repeats: the order that numbers
/// interventions, so it must not depend on how extraction happened to list them.
fn sorted_evidence(evidence: &[Evidence], fact: FactKind) -> Vec<&Evidence> {
    let mut out: Vec<&Evidence> = evidence.iter().filter(|e| e.fact == fact).collect();
    out.sort_by(|a, b| {
        (a.start, a.end, &a.text, &a.mention).cmp(&(b.start, b.end, &b.text, &b.mention))
    });
    out.dedup_by(|a, b| a.start == b.start && a.end == b.end);
    out
}

/// `"{series} meeting {n}"`, or the best the report allows.
fn meeting_name(meeting: &Meeting, source: &str) -> String {
    let series = meeting.series.trim();
    let date = meeting.date.map(iso::date);
    let what = match (meeting.number, date) {
        (Some(n), _) => format!("meeting {n}"),
        (None, Some(date)) => format!("meeting of {date}"),
        (None, None) => format!("meeting reported in {source}"),
    };
    if series.is_empty() {
        crate::words::names::capitalised(&what)
    } else {
        format!("{series} {what}")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{AgendaItem, Membership, Organisation, Topic};
    use std::collections::HashSet;

    /// A small report that exercises every part of the mapping; other modules'
    /// tests build stores from it.
    pub(crate) fn sample_report() -> Report {
        let spoke = |text: &str, start: usize, mention: &str| Evidence {
            fact: FactKind::Spoke,
            text: text.into(),
            start,
            end: start + text.chars().count(),
            mention: mention.into(),
            why: Vec::new(),
            ..Evidence::default()
        };
        Report {
            source: "000_sample.txt".into(),
            meeting: Meeting {
                series: "MAG Working Group on IGF Strengthening and Strategy".into(),
                number: Some(46),
                date: chrono::NaiveDate::from_ymd_opt(2022, 10, 20),
                start_time_utc: chrono::NaiveTime::from_hms_opt(14, 0, 0),
                start_time_local: chrono::NaiveTime::from_hms_opt(14, 0, 0),
                utc_offset_minutes: Some(UtcOffset::UTC),
                moderators: vec!["Amrita Choudhury".into()],
                hosts: vec![],
                next_meeting_date: chrono::NaiveDate::from_ymd_opt(2022, 11, 3),
            },
            agenda: vec![
                AgendaItem {
                    id: "1".into(),
                    title: "IGF involvement in the GDC".into(),
                },
                AgendaItem {
                    id: "1.a".into(),
                    title: "Tech Envoy virtual meeting".into(),
                },
                AgendaItem {
                    id: "2".into(),
                    title: "AoB".into(),
                },
            ],
            people: vec![
                Person {
                    name: "Amrita Choudhury".into(),
                    aliases: vec!["Amrita".into()],
                    spoke: true,
                    roles: Role::new("moderator").into_iter().collect(),
                    evidence: vec![spoke("Amrita recalled the agenda.", 100, "Amrita")],
                    ..Person::default()
                },
                Person {
                    name: "Wolfgang Kleinwächter".into(),
                    aliases: vec!["Wolfgang".into()],
                    spoke: true,
                    listed: true,
                    roles: ["MAG Member", "Independent Expert"]
                        .into_iter()
                        .filter_map(Role::new)
                        .collect(),
                    affiliations: vec!["University of Aarhus".into(), "ICANN".into()],
                    memberships: vec![
                        Membership {
                            organisation: "University of Aarhus".into(),
                            role: Role::new("MAG Member"),
                        },
                        Membership {
                            organisation: "ICANN".into(),
                            role: None,
                        },
                    ],
                    evidence: vec![
                        spoke("Wolfgang said more.", 300, "Wolfgang"),
                        spoke("Wolfgang said it.", 200, "Wolfgang"),
                        Evidence {
                            fact: FactKind::Affiliation,
                            text: "Wolfgang Kleinwächter (University of Aarhus)".into(),
                            start: 10,
                            end: 54,
                            mention: "Wolfgang Kleinwächter".into(),
                            why: Vec::new(),
                            ..Evidence::default()
                        },
                    ],
                    ..Person::default()
                },
                Person {
                    name: "Chris".into(),
                    ..Person::default()
                },
            ],
            organisations: vec![Organisation {
                name: "University of Aarhus".into(),
                aliases: vec!["Aarhus University".into()],
                evidence: vec![],
            }],
            topics: vec![
                Topic {
                    name: "Global Digital Compact".into(),
                    aliases: vec!["GDC".into()],
                    evidence: vec![Evidence {
                        fact: FactKind::Discussed,
                        text: "The GDC was discussed.".into(),
                        start: 400,
                        end: 422,
                        mention: "GDC".into(),
                        why: Vec::new(),
                        ..Evidence::default()
                    }],
                    keyphrase: None,
                },
                Topic {
                    name: "NETmundial".into(),
                    aliases: vec![],
                    evidence: vec![],
                    keyphrase: None,
                },
            ],
            sha256: "ab".repeat(32),
            warnings: vec![],
            thread: Default::default(),
        }
    }

    fn id(path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{ID_BASE}{path}"))
    }

    #[test]
    fn slug_is_stable_and_readable() {
        assert_eq!(
            slug("Wolfgang Kleinwächter").as_deref(),
            Some("wolfgang-kleinwachter")
        );
        assert_eq!(
            slug("  Raúl  Echeberría ").as_deref(),
            Some("raul-echeberria")
        );
        assert_eq!(
            slug("Przemysław Typiak").as_deref(),
            Some("przemyslaw-typiak")
        );
        assert_eq!(
            slug("WSIS+20 action plan").as_deref(),
            Some("wsis-20-action-plan")
        );
        assert_eq!(
            slug("Group's Co-Chair").as_deref(),
            Some("group-s-co-chair")
        );
        assert_eq!(slug("ﬁnance Ⅻ").as_deref(), Some("finance-xii"));
        assert_eq!(slug("Роман Чуков").as_deref(), Some("роман-чуков"));
        assert_eq!(
            slug("000_d039960901b7e455").as_deref(),
            Some("000-d039960901b7e455")
        );
        // Same name, other composition: same slug.
        assert_eq!(slug("Kleinwa\u{308}chter"), slug("Kleinw\u{e4}chter"));
    }

    #[test]
    fn slug_never_empty_and_blank_is_none() {
        assert_eq!(slug(""), None);
        assert_eq!(slug(" \t\n"), None);
        let fallback = slug("!!!").unwrap_or_default();
        assert!(
            fallback.starts_with("h-") && fallback.len() == 18,
            "{fallback}"
        );
        assert_eq!(slug("!!!"), slug("!!!"));
        assert_ne!(slug("!!!"), slug("???"));
    }

    #[test]
    fn iris_never_contain_spaces_or_reserved_characters() -> Result<(), RdfError> {
        let names = [
            "Amrita Choudhury",
            "a/b?c#d e",
            "<script>&\"'",
            "x\u{7}y\tz",
            "Ünïcödé — name",
            "%20 encoded",
        ];
        for name in names {
            for iri in [
                person_iri(name)?,
                topic_iri(name)?,
                organisation_iri(name)?,
                role_iri(name)?,
            ] {
                let path = &iri.as_str()[ID_BASE.len()..];
                let segment = path.split_once('/').map(|(_, s)| s).unwrap_or_default();
                assert!(!segment.is_empty(), "{iri}");
                assert!(
                    segment.chars().all(|c| c == '-' || c.is_alphanumeric()),
                    "{iri}"
                );
            }
        }
        let quads = report_quads(&sample_report())?;
        for quad in &quads {
            for term in [
                quad.subject.to_string(),
                quad.predicate.to_string(),
                quad.graph_name.to_string(),
            ] {
                assert!(!term.contains(' '), "{term}");
            }
            if let Term::NamedNode(node) = &quad.object {
                assert!(!node.as_str().contains(' '), "{node}");
            }
        }
        Ok(())
    }

    #[test]
    fn meeting_iri_falls_back_from_number_to_date_to_report() -> Result<(), RdfError> {
        let mut meeting = Meeting {
            series: "WG Strategy".into(),
            number: Some(3),
            date: chrono::NaiveDate::from_ymd_opt(2022, 1, 2),
            ..Meeting::default()
        };
        assert_eq!(meeting_iri(&meeting, "r.txt")?, id("meeting/wg-strategy/3"));
        meeting.number = None;
        assert_eq!(
            meeting_iri(&meeting, "r.txt")?,
            id("meeting/wg-strategy/2022-01-02")
        );
        meeting.date = None;
        assert_eq!(
            meeting_iri(&meeting, "r_1.txt")?,
            id("meeting/wg-strategy/report-r-1")
        );
        meeting.series = " ".into();
        assert_eq!(meeting_iri(&meeting, "r_1.txt")?, id("meeting/report-r-1"));
        assert!(matches!(graph_iri(""), Err(RdfError::EmptyName { .. })));
        Ok(())
    }

    #[test]
    fn blank_person_name_is_an_error() {
        let mut report = sample_report();
        report.people[0].name = "  ".into();
        assert!(matches!(
            report_quads(&report),
            Err(RdfError::EmptyName {
                what: "person name"
            })
        ));
    }

    /// The mapping of the sample report, checked triple by triple as a set.
    #[test]
    fn sample_report_maps_to_expected_quads() -> Result<(), RdfError> {
        let report = sample_report();
        let mapped = report_graph(&report)?;
        let g = id("graph/000-sample");
        assert_eq!(mapped.graph, g);
        let actual: HashSet<Quad> = mapped.quads.iter().cloned().collect();
        assert_eq!(actual.len(), mapped.quads.len(), "duplicates");
        assert!(mapped
            .quads
            .iter()
            .all(|q| q.graph_name == GraphName::from(g.clone())));

        let r = id("report/000-sample");
        let m = id("meeting/mag-working-group-on-igf-strengthening-and-strategy/46");
        let series = id("series/mag-working-group-on-igf-strengthening-and-strategy");
        let amrita = id("person/amrita-choudhury");
        let wolfgang = id("person/wolfgang-kleinwachter");
        let chris = id("person/chris");
        let aarhus = id("organisation/university-of-aarhus");
        let icann = id("organisation/icann");
        let gdc = id("topic/global-digital-compact");
        let netmundial = id("topic/netmundial");
        let mag_member = id("role/mag-member");
        let expert = id("role/independent-expert");
        let moderator_role = id("role/moderator");
        let item = |s: &str| NamedNode::new_unchecked(format!("{}/agenda/{s}", m.as_str()));
        let sub = |s: &str| NamedNode::new_unchecked(format!("{}/{s}", m.as_str()));
        let sel = |a: usize, b: usize| id(&format!("report/000-sample/selector/{a}-{b}"));
        let t = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
            Quad::new(s.clone(), p.into_owned(), o, g.clone())
        };
        let n = |node: &NamedNode| Term::from(node.clone());
        let c = |node: NamedNodeRef<'_>| Term::from(node.into_owned());
        let s = |v: &str| Term::from(Literal::from(v));
        let l = |v: &str| Term::from(en(v));
        let int = |v: u64| Term::from(Literal::from(v));
        let date = |v: &str| Term::from(Literal::new_typed_literal(v, xsd::DATE));
        let sha = "ab".repeat(32);

        let mut expected = vec![
            t(&g, prov::WAS_DERIVED_FROM, n(&r)),
            t(&r, rdf::TYPE, c(foaf::DOCUMENT)),
            t(&r, rdf::TYPE, c(prov::ENTITY)),
            t(&r, dcterms::IDENTIFIER, s("000_sample.txt")),
            t(&r, meetkg::SHA256, s(&sha)),
            t(&r, foaf::PRIMARY_TOPIC, n(&m)),
            t(&m, rdf::TYPE, c(schema::EVENT)),
            t(&m, dcterms::SOURCE, n(&r)),
            t(
                &m,
                schema::NAME,
                l("MAG Working Group on IGF Strengthening and Strategy meeting 46"),
            ),
            t(&m, schema::START_DATE, date("2022-10-20")),
            t(
                &m,
                meetkg::START_TIME_UTC,
                Term::from(Literal::new_typed_literal("14:00:00Z", xsd::TIME)),
            ),
            t(
                &m,
                meetkg::LOCAL_START_TIME,
                Term::from(Literal::new_typed_literal("14:00:00Z", xsd::TIME)),
            ),
            t(&m, meetkg::NUMBER, int(46)),
            t(&m, meetkg::NEXT_MEETING_DATE, date("2022-11-03")),
            t(&m, schema::SUPER_EVENT, n(&series)),
            t(&series, rdf::TYPE, c(schema::EVENT_SERIES)),
            t(
                &series,
                schema::NAME,
                l("MAG Working Group on IGF Strengthening and Strategy"),
            ),
        ];
        for (pos, (i, title)) in [
            ("1", "IGF involvement in the GDC"),
            ("1.a", "Tech Envoy virtual meeting"),
            ("2", "AoB"),
        ]
        .into_iter()
        .enumerate()
        {
            expected.extend([
                t(&m, meetkg::AGENDA_ITEM_PROP, n(&item(i))),
                t(&item(i), rdf::TYPE, c(meetkg::AGENDA_ITEM)),
                t(&item(i), rdfs::LABEL, l(title)),
                t(&item(i), meetkg::ITEM_NUMBER, s(i)),
                t(&item(i), meetkg::POSITION, int(pos as u64 + 1)),
            ]);
        }
        expected.push(t(&item("1.a"), dcterms::IS_PART_OF, n(&item("1"))));
        let selector = |a: usize, b: usize, text: &str| {
            vec![
                t(&sel(a, b), rdf::TYPE, c(oa::TEXT_QUOTE_SELECTOR)),
                t(&sel(a, b), rdf::TYPE, c(oa::TEXT_POSITION_SELECTOR)),
                t(&sel(a, b), oa::EXACT, s(text)),
                t(&sel(a, b), oa::START, int(a as u64)),
                t(&sel(a, b), oa::END, int(b as u64)),
                t(&sel(a, b), dcterms::SOURCE, n(&r)),
            ]
        };
        let intervention = |who: &NamedNode, k: &str, mention: &str, a: usize, b: usize| {
            let i = sub(&format!("intervention/{k}"));
            vec![
                t(&i, rdf::TYPE, c(meetkg::INTERVENTION)),
                t(&i, meetkg::SPEAKER, n(who)),
                t(&i, meetkg::AT_MEETING, n(&m)),
                t(&i, meetkg::MENTION, s(mention)),
                t(&i, prov::WAS_DERIVED_FROM, n(&sel(a, b))),
            ]
        };
        let role = |r: &NamedNode, label: &str| {
            vec![
                t(&id("roles"), rdf::TYPE, c(skos::CONCEPT_SCHEME)),
                t(r, rdf::TYPE, c(skos::CONCEPT)),
                t(r, skos::PREF_LABEL, l(label)),
                t(r, skos::IN_SCHEME, n(&id("roles"))),
            ]
        };
        // Amrita: moderator, spoke, one intervention, a role without organisation.
        let amrita_ra = id("role-assignment/amrita-choudhury/moderator");
        expected.extend([
            t(&amrita, rdf::TYPE, c(foaf::PERSON)),
            t(&amrita, foaf::NAME, s("Amrita Choudhury")),
            t(&amrita, skos::ALT_LABEL, s("Amrita")),
            t(&m, schema::ATTENDEE, n(&amrita)),
            t(&amrita, meetkg::SPOKE_AT, n(&m)),
            t(&m, meetkg::MODERATOR, n(&amrita)),
            t(&amrita_ra, rdf::TYPE, c(meetkg::ROLE_ASSIGNMENT)),
            t(&amrita_ra, meetkg::HOLDER, n(&amrita)),
            t(&amrita_ra, meetkg::ROLE, n(&moderator_role)),
            t(&amrita_ra, meetkg::STATED_AT, n(&m)),
            t(&amrita, meetkg::HELD_ROLE, n(&moderator_role)),
        ]);
        expected.extend(role(&moderator_role, "moderator"));
        expected.extend(intervention(
            &amrita,
            "amrita-choudhury-0",
            "Amrita",
            100,
            127,
        ));
        expected.extend(selector(100, 127, "Amrita recalled the agenda."));
        // Wolfgang: listed, spoke twice (numbered in text order), two memberships.
        let ms_aarhus = id("membership/wolfgang-kleinwachter/university-of-aarhus/mag-member");
        let ms_icann = id("membership/wolfgang-kleinwachter/icann");
        let wolfgang_ra = id("role-assignment/wolfgang-kleinwachter/independent-expert");
        expected.extend([
            t(&wolfgang, rdf::TYPE, c(foaf::PERSON)),
            t(&wolfgang, foaf::NAME, s("Wolfgang Kleinwächter")),
            t(&wolfgang, skos::ALT_LABEL, s("Wolfgang")),
            t(&m, schema::ATTENDEE, n(&wolfgang)),
            t(&wolfgang, meetkg::LISTED_AT, n(&m)),
            t(&wolfgang, meetkg::SPOKE_AT, n(&m)),
            t(&ms_aarhus, rdf::TYPE, c(org::MEMBERSHIP)),
            t(&ms_aarhus, org::MEMBER, n(&wolfgang)),
            t(&ms_aarhus, org::ORGANIZATION_PROP, n(&aarhus)),
            t(&ms_aarhus, org::ROLE, n(&mag_member)),
            t(&ms_aarhus, meetkg::STATED_AT, n(&m)),
            t(&ms_aarhus, prov::WAS_DERIVED_FROM, n(&sel(10, 54))),
            t(&ms_icann, rdf::TYPE, c(org::MEMBERSHIP)),
            t(&ms_icann, org::MEMBER, n(&wolfgang)),
            t(&ms_icann, org::ORGANIZATION_PROP, n(&icann)),
            t(&ms_icann, meetkg::STATED_AT, n(&m)),
            t(&icann, rdf::TYPE, c(org::ORGANIZATION)),
            t(&icann, skos::PREF_LABEL, l("ICANN")),
            t(&wolfgang_ra, rdf::TYPE, c(meetkg::ROLE_ASSIGNMENT)),
            t(&wolfgang_ra, meetkg::HOLDER, n(&wolfgang)),
            t(&wolfgang_ra, meetkg::ROLE, n(&expert)),
            t(&wolfgang_ra, meetkg::STATED_AT, n(&m)),
            t(&wolfgang, meetkg::HELD_ROLE, n(&expert)),
        ]);
        expected.extend(role(&mag_member, "MAG Member"));
        expected.extend(role(&expert, "Independent Expert"));
        expected.extend(intervention(
            &wolfgang,
            "wolfgang-kleinwachter-0",
            "Wolfgang",
            200,
            217,
        ));
        expected.extend(intervention(
            &wolfgang,
            "wolfgang-kleinwachter-1",
            "Wolfgang",
            300,
            319,
        ));
        expected.extend(selector(200, 217, "Wolfgang said it."));
        expected.extend(selector(300, 319, "Wolfgang said more."));
        expected.extend(selector(
            10,
            54,
            "Wolfgang Kleinwächter (University of Aarhus)",
        ));
        // Chris: only mentioned.
        expected.extend([
            t(&chris, rdf::TYPE, c(foaf::PERSON)),
            t(&chris, foaf::NAME, s("Chris")),
            t(&chris, meetkg::MENTIONED_IN, n(&m)),
        ]);
        // Organisations and topics.
        let discussion = sub("discussion/global-digital-compact");
        expected.extend([
            t(&aarhus, rdf::TYPE, c(org::ORGANIZATION)),
            t(&aarhus, skos::PREF_LABEL, l("University of Aarhus")),
            t(&aarhus, skos::ALT_LABEL, l("Aarhus University")),
            t(&aarhus, meetkg::MENTIONED_IN, n(&m)),
            t(&id("topics"), rdf::TYPE, c(skos::CONCEPT_SCHEME)),
            t(&gdc, rdf::TYPE, c(skos::CONCEPT)),
            t(&gdc, skos::PREF_LABEL, l("Global Digital Compact")),
            t(&gdc, skos::ALT_LABEL, l("GDC")),
            t(&gdc, skos::IN_SCHEME, n(&id("topics"))),
            t(&m, meetkg::DISCUSSED, n(&gdc)),
            t(&discussion, rdf::TYPE, c(meetkg::DISCUSSION)),
            t(&discussion, meetkg::TOPIC, n(&gdc)),
            t(&discussion, meetkg::AT_MEETING, n(&m)),
            t(&discussion, prov::WAS_DERIVED_FROM, n(&sel(400, 422))),
            t(&netmundial, rdf::TYPE, c(skos::CONCEPT)),
            t(&netmundial, skos::PREF_LABEL, l("NETmundial")),
            t(&netmundial, skos::IN_SCHEME, n(&id("topics"))),
            t(&m, meetkg::DISCUSSED, n(&netmundial)),
        ]);
        expected.extend(selector(400, 422, "The GDC was discussed."));
        let expected: HashSet<Quad> = expected.into_iter().collect();

        let missing: Vec<_> = expected
            .difference(&actual)
            .map(ToString::to_string)
            .collect();
        let extra: Vec<_> = actual
            .difference(&expected)
            .map(ToString::to_string)
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing: {missing:#?}\nextra: {extra:#?}"
        );
        Ok(())
    }

    #[test]
    fn mapping_is_deterministic() -> Result<(), RdfError> {
        let report = sample_report();
        assert_eq!(report_quads(&report)?, report_quads(&report)?);
        Ok(())
    }

    #[test]
    fn same_entity_same_iri_across_reports() -> Result<(), RdfError> {
        let a = sample_report();
        let mut b = sample_report();
        b.source = "001_other.txt".into();
        b.meeting.number = Some(47);
        let subjects = |r: &Report| -> Result<HashSet<NamedNode>, RdfError> {
            Ok(report_quads(r)?
                .into_iter()
                .filter_map(|q| match q.subject {
                    oxigraph::model::NamedOrBlankNode::NamedNode(n) => Some(n),
                    oxigraph::model::NamedOrBlankNode::BlankNode(_) => None,
                })
                .collect())
        };
        let (sa, sb) = (subjects(&a)?, subjects(&b)?);
        assert!(sa.contains(&id("person/wolfgang-kleinwachter")));
        assert!(sb.contains(&id("person/wolfgang-kleinwachter")));
        assert_ne!(graph_iri(&a.source)?, graph_iri(&b.source)?);
        assert_ne!(
            meeting_iri(&a.meeting, &a.source)?,
            meeting_iri(&b.meeting, &b.source)?
        );
        Ok(())
    }

    /// A reply's report references the report of the message it answers,
    /// by that message's id alone; other reports reference none.
    #[test]
    fn a_replys_report_references_the_report_it_answers() -> Result<(), RdfError> {
        let references = |r: &Report| -> Result<Vec<Term>, RdfError> {
            Ok(report_quads(r)?
                .into_iter()
                .filter(|q| q.predicate == dcterms::REFERENCES)
                .map(|q| q.object)
                .collect())
        };
        let mut reply = sample_report();
        assert!(references(&reply)?.is_empty());
        reply.source = MessageId::from("3@example.org").source();
        reply.thread.references = vec!["1@example.org".into(), "2@example.org".into()];
        assert_eq!(
            references(&reply)?,
            [Term::from(id("report/mid:2@example.org"))],
            "without In-Reply-To, the last of References"
        );
        reply.thread.in_reply_to = vec!["1@example.org".into()];
        assert_eq!(
            references(&reply)?,
            [Term::from(id("report/mid:1@example.org"))]
        );
        Ok(())
    }

    /// A message's report is named by its whole Message-ID: ids that one
    /// slug would fold together stay two reports, none is taken for a
    /// file's, and what an IRI may not hold is escaped.
    #[test]
    fn a_message_report_is_named_by_its_whole_message_id() -> Result<(), RdfError> {
        let source = |id: &str| MessageId::from(id).source();
        assert_eq!(
            report_iri(&source("m1@example.org"))?,
            id("report/mid:m1@example.org")
        );
        assert_ne!(
            report_iri(&source("A.b@example.org"))?,
            report_iri(&source("a-b@example.org"))?
        );
        assert_ne!(
            report_iri(&source("1@example.org"))?,
            report_iri(&source("1@example.net"))?
        );
        assert_ne!(report_iri("mid-1.txt")?, report_iri(&source("1"))?);
        assert_eq!(
            graph_iri(&source("a/b?c#d%é@x"))?,
            id("graph/mid:a%2Fb%3Fc%23d%25%C3%A9@x")
        );
        Ok(())
    }

    /// A subject the thesaurus lacks is a concept of the keyphrase scheme,
    /// minted from its lemma form (so two reports share it), close to the
    /// thesaurus concepts it names, and discussed with its evidence.
    #[test]
    fn a_keyphrase_is_a_concept_of_its_own_scheme() -> Result<(), RdfError> {
        let mut report = sample_report();
        report.topics.push(Topic {
            name: "GDC consultations".into(),
            aliases: vec!["Item 3: GDC consultations".into()],
            evidence: vec![Evidence {
                fact: FactKind::Discussed,
                text: "3. GDC consultations".into(),
                start: 430,
                end: 450,
                mention: "GDC consultations".into(),
                why: Vec::new(),
                ..Evidence::default()
            }],
            keyphrase: Some(crate::model::Keyphrase {
                key: "gdc consultation".into(),
                close_matches: vec!["Global Digital Compact".into()],
            }),
        });
        let quads = report_quads(&report)?;
        let has = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
            quads
                .iter()
                .any(|q| q.subject == s.clone().into() && q.predicate == p && q.object == o)
        };
        let k = id("keyphrase/gdc-consultation");
        let m = meeting_iri(&report.meeting, &report.source)?;
        assert!(has(&k, rdf::TYPE, skos::CONCEPT.into_owned().into()));
        assert!(has(&k, skos::IN_SCHEME, id("keyphrases").into()));
        assert!(!has(&k, skos::IN_SCHEME, id("topics").into()));
        assert!(has(
            &id("keyphrases"),
            rdf::TYPE,
            skos::CONCEPT_SCHEME.into_owned().into()
        ));
        assert!(has(&k, skos::PREF_LABEL, en("GDC consultations").into()));
        assert!(has(
            &k,
            skos::CLOSE_MATCH,
            id("topic/global-digital-compact").into()
        ));
        assert!(has(&m, meetkg::DISCUSSED, k.clone().into()));
        let discussion = NamedNode::new(format!("{}/discussion/gdc-consultations", m.as_str()))
            .map_err(|source| RdfError::InvalidIri {
                iri: String::new(),
                source,
            })?;
        assert!(has(&discussion, meetkg::TOPIC, k.clone().into()));
        // The thesaurus topics are as before.
        assert!(has(
            &id("topic/global-digital-compact"),
            skos::IN_SCHEME,
            id("topics").into()
        ));
        Ok(())
    }

    /// A selector says the page of a PDF and the message of a mail its
    /// quote came from, when the evidence knows them, and nothing more
    /// otherwise (text reports keep their triples as they were).
    #[test]
    fn a_selector_names_the_page_or_the_message_of_its_quote() -> Result<(), RdfError> {
        let report = sample_report();
        let plain = report_quads(&report)?;
        assert!(!plain
            .iter()
            .any(|q| q.predicate == meetkg::PAGE || q.predicate == meetkg::MESSAGE_ID));
        let mut located = report.clone();
        let evidence = &mut located.people[0].evidence[0];
        evidence.page = Some(3);
        evidence.message_id = Some("m1@example.org".into());
        let (start, end) = (evidence.start, evidence.end);
        let quads = report_quads(&located)?;
        let s = selector_iri(&located.source, start, end)?;
        let on_selector = |p: NamedNodeRef<'_>| -> Vec<Term> {
            quads
                .iter()
                .filter(|q| q.subject == s.clone().into() && q.predicate == p)
                .map(|q| q.object.clone())
                .collect()
        };
        assert_eq!(
            on_selector(meetkg::PAGE),
            vec![Term::from(Literal::from(3_u64))]
        );
        assert_eq!(
            on_selector(meetkg::MESSAGE_ID),
            vec![Term::from(Literal::from("m1@example.org"))]
        );
        assert_eq!(quads.len(), plain.len() + 2);
        Ok(())
    }

    /// The literal of `predicate` on the meeting, if any.
    fn meeting_literal(quads: &[Quad], predicate: NamedNodeRef<'_>) -> Option<String> {
        quads
            .iter()
            .find(|q| q.predicate == predicate)
            .and_then(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    }

    #[test]
    fn a_local_time_without_a_zone_is_no_utc_time() -> Result<(), RdfError> {
        let mut report = sample_report();
        report.meeting.start_time_utc = None;
        report.meeting.start_time_local = chrono::NaiveTime::from_hms_opt(9, 30, 0);
        report.meeting.utc_offset_minutes = None;
        let quads = report_quads(&report)?;
        assert_eq!(meeting_literal(&quads, meetkg::START_TIME_UTC), None);
        assert_eq!(
            meeting_literal(&quads, meetkg::LOCAL_START_TIME).as_deref(),
            Some("09:30:00")
        );
        Ok(())
    }

    #[test]
    fn a_zoned_local_time_carries_its_offset() -> Result<(), RdfError> {
        let mut report = sample_report();
        report.meeting.start_time_utc = chrono::NaiveTime::from_hms_opt(14, 0, 0);
        report.meeting.start_time_local = chrono::NaiveTime::from_hms_opt(9, 0, 0);
        report.meeting.utc_offset_minutes = UtcOffset::from_minutes(-300);
        let quads = report_quads(&report)?;
        assert_eq!(
            meeting_literal(&quads, meetkg::START_TIME_UTC).as_deref(),
            Some("14:00:00Z")
        );
        assert_eq!(
            meeting_literal(&quads, meetkg::LOCAL_START_TIME).as_deref(),
            Some("09:00:00-05:00")
        );
        Ok(())
    }

    /// A hasher that gives every triple the same hash, so that each quad
    /// after the first collides.
    #[derive(Default)]
    struct Colliding;

    impl std::hash::Hasher for Colliding {
        fn finish(&self) -> u64 {
            7
        }
        fn write(&mut self, _: &[u8]) {}
    }

    fn node(path: &str) -> Result<NamedNode, RdfError> {
        mint(path)
    }

    /// The builder's index of hashes must drop exactly the repeated quads:
    /// with every hash equal, distinct quads are all kept, in first-seen
    /// order, and repeats of any of them dropped.
    #[test]
    fn builder_drops_repeats_only_even_when_hashes_collide() -> Result<(), RdfError> {
        let graph = node("graph/g")?;
        let (a, b) = (node("a")?, node("b")?);
        let colliding = std::hash::BuildHasherDefault::<Colliding>::default();
        let mut fast = Builder::new(&graph);
        let mut slow = Builder::with_hasher(&graph, colliding);
        for _ in 0..2 {
            for s in [&a, &b] {
                fast.add(s, rdf::TYPE, foaf::PERSON.into_owned());
                slow.add(s, rdf::TYPE, foaf::PERSON.into_owned());
                fast.add(s, foaf::NAME, Literal::new_simple_literal("A"));
                slow.add(s, foaf::NAME, Literal::new_simple_literal("A"));
            }
        }
        let subjects = |b: &[Quad]| -> Vec<String> {
            b.iter()
                .map(|q| format!("{} {}", q.subject, q.predicate))
                .collect()
        };
        assert_eq!(fast.quads.len(), 4);
        assert_eq!(slow.quads, fast.quads);
        assert_eq!(
            subjects(&fast.quads),
            [
                format!("{a} {}", rdf::TYPE),
                format!("{a} {}", foaf::NAME),
                format!("{b} {}", rdf::TYPE),
                format!("{b} {}", foaf::NAME),
            ]
        );
        Ok(())
    }
}
