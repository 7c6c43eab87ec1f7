//! The facts the exports read, kept per report graph beside the store, so an
//! incremental build reads only its changed graphs' facts and the kept ones
//! of the rest, not every graph's again with SPARQL.
//!
//! Rationale: the build maps every graph it writes to RDF, so it has each
//! graph's quads in hand; the triples the export queries match (`Pattern`:
//! fourteen predicates and types) are picked from them then, and written to
//! `{store}.cache/export-facts.bin` under the graph's hash (the manifest's,
//! [`crate::pipeline::plan::graph_hash`]: equal hashes mean equal graphs). The
//! exports then join the union of the kept triples in memory (`Union`), as
//! the queries of `graph::facts` join the store's default graph (the merge
//! of the report graphs): the same rows, so the same files.
//!
//! What it will not do: answer any other query. A file made by other code
//! (its header), or missing a graph of the generation, is not used: the
//! exports read the store with SPARQL as `meetkg export` does.

use super::elements::MeetingInfo;
use super::facts::{AllFacts, Rows};
use crate::atomic::Staged;
use crate::vocab::{foaf, meetkg, org, rdf, schema, skos};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

/// The first line of the file: its format, and the code that picks and joins
/// the triples (a file of other code is read as none).
fn header() -> String {
    format!(
        "meetkg export facts 2 {} {}\n",
        env!("CARGO_PKG_VERSION"),
        env!("MEETKG_EXPORT_CODE")
    )
}

/// The triple patterns of the export queries, one per predicate (and one per
/// class of `rdf:type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Pattern {
    Event,
    Person,
    Organization,
    EventName,
    StartDate,
    Attendee,
    SpokeAt,
    PersonName,
    Member,
    MemberOf,
    StatedAt,
    Role,
    PrefLabel,
    Discussed,
}

const PATTERNS: [Pattern; 14] = [
    Pattern::Event,
    Pattern::Person,
    Pattern::Organization,
    Pattern::EventName,
    Pattern::StartDate,
    Pattern::Attendee,
    Pattern::SpokeAt,
    Pattern::PersonName,
    Pattern::Member,
    Pattern::MemberOf,
    Pattern::StatedAt,
    Pattern::Role,
    Pattern::PrefLabel,
    Pattern::Discussed,
];

impl Pattern {
    /// The pattern of a predicate and object, if an export query reads it;
    /// types by their class.
    fn of(predicate: &str, object: &Term) -> Option<Self> {
        if predicate == rdf::TYPE.as_str() {
            let Term::NamedNode(class) = object else {
                return None;
            };
            return match class.as_str() {
                c if c == schema::EVENT.as_str() => Some(Self::Event),
                c if c == foaf::PERSON.as_str() => Some(Self::Person),
                c if c == org::ORGANIZATION.as_str() => Some(Self::Organization),
                _ => None,
            };
        }
        [
            (schema::NAME, Self::EventName),
            (schema::START_DATE, Self::StartDate),
            (schema::ATTENDEE, Self::Attendee),
            (meetkg::SPOKE_AT, Self::SpokeAt),
            (foaf::NAME, Self::PersonName),
            (org::MEMBER, Self::Member),
            (org::ORGANIZATION_PROP, Self::MemberOf),
            (meetkg::STATED_AT, Self::StatedAt),
            (org::ROLE, Self::Role),
            (skos::PREF_LABEL, Self::PrefLabel),
            (meetkg::DISCUSSED, Self::Discussed),
        ]
        .into_iter()
        .find(|(p, _)| p.as_str() == predicate)
        .map(|(_, pattern)| pattern)
    }
}

/// One report graph's triples that the export queries match: (pattern,
/// subject, object as the queries bind it: an IRI, or a literal's value),
/// encoded as the file keeps them: the graph's strings once each, then each
/// triple as a pattern and two of those strings (a graph names its people,
/// meetings and topics several times each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GraphFacts(Vec<u8>);

impl GraphFacts {
    /// The facts of a report graph's quads; `None` for a graph with a blank
    /// node where a query would bind it, or a literal where a query joins on
    /// an IRI (meetkg maps neither): its facts are then read with SPARQL.
    pub fn of(quads: &[Quad]) -> Option<Self> {
        let mut strings: Vec<&str> = Vec::new();
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut triples: Vec<(Pattern, u32, u32)> = Vec::new();
        let mut intern = |s| {
            *index.entry(s).or_insert_with(|| {
                strings.push(s);
                (strings.len() - 1) as u32
            })
        };
        for quad in quads {
            let Some(pattern) = Pattern::of(quad.predicate.as_str(), &quad.object) else {
                continue;
            };
            let NamedOrBlankNode::NamedNode(subject) = &quad.subject else {
                return None;
            };
            let object = match (&quad.object, pattern) {
                (Term::NamedNode(n), _) => n.as_str(),
                (
                    Term::Literal(l),
                    Pattern::EventName
                    | Pattern::StartDate
                    | Pattern::PersonName
                    | Pattern::PrefLabel,
                ) => l.value(),
                _ => return None,
            };
            triples.push((pattern, intern(subject.as_str()), intern(object)));
        }
        let mut body = Vec::new();
        put_len(&mut body, strings.len())?;
        for s in &strings {
            put(&mut body, s.as_bytes())?;
        }
        put_len(&mut body, triples.len())?;
        for (pattern, subject, object) in triples {
            body.push(pattern as u8);
            body.extend_from_slice(&subject.to_le_bytes());
            body.extend_from_slice(&object.to_le_bytes());
        }
        Some(Self(body))
    }
}

/// Each triple of the encoded [`GraphFacts`] `body`, its strings borrowed;
/// `None` for a body cut short.
fn decode<'a>(body: &'a [u8], mut each: impl FnMut(Pattern, &'a str, &'a str)) -> Option<()> {
    let mut rest = body;
    let count = take_len(&mut rest)?;
    let mut strings = Vec::with_capacity(count.min(rest.len()));
    for _ in 0..count {
        strings.push(std::str::from_utf8(take(&mut rest)?).ok()?);
    }
    for _ in 0..take_len(&mut rest)? {
        let (&p, after) = rest.split_first()?;
        let (s, after) = after.split_first_chunk::<4>()?;
        let (o, after) = after.split_first_chunk::<4>()?;
        rest = after;
        let string = |i: &[u8; 4]| strings.get(u32::from_le_bytes(*i) as usize).copied();
        each(*PATTERNS.get(usize::from(p))?, string(s)?, string(o)?);
    }
    rest.is_empty().then_some(())
}

fn put_len(w: &mut impl Write, len: usize) -> Option<()> {
    w.write_all(&u32::try_from(len).ok()?.to_le_bytes()).ok()
}

fn put(w: &mut impl Write, bytes: &[u8]) -> Option<()> {
    put_len(w, bytes.len())?;
    w.write_all(bytes).ok()
}

fn take_len(bytes: &mut &[u8]) -> Option<usize> {
    let (len, rest) = bytes.split_first_chunk::<4>()?;
    *bytes = rest;
    Some(u32::from_le_bytes(*len) as usize)
}

fn take<'a>(bytes: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = take_len(bytes)?;
    let taken = bytes.get(..len)?;
    *bytes = &bytes[len..];
    Some(taken)
}

/// Writes the kept facts file, graph by graph, under a temporary name renamed
/// into place by [`Writer::finish`]. It is only an accelerator: a graph
/// without facts or a failed write leaves the file as it was (its records,
/// keyed by hash, stay true), and the exports read what it misses from the
/// store.
pub struct Writer {
    staged: Staged,
    out: Option<BufWriter<File>>,
}

impl Writer {
    /// A new file for `path`, its header written.
    pub fn create(path: &Path) -> Self {
        let staged = Staged::new(path.to_path_buf());
        let out = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| File::create(&staged.temp))
            .map(|f| BufWriter::with_capacity(1 << 20, f))
            .and_then(|mut w| w.write_all(header().as_bytes()).map(|()| w))
            .ok();
        Self { staged, out }
    }

    /// Adds the facts of the graph of hash `hash` (`None`: it has none, and
    /// the file will not be written).
    pub fn graph(&mut self, hash: &str, facts: Option<&GraphFacts>) {
        self.raw(hash, facts.map(|f| f.0.as_slice()));
    }

    /// [`Writer::graph`], of facts as encoded.
    fn raw(&mut self, hash: &str, facts: Option<&[u8]>) {
        let written = match (self.out.as_mut(), facts) {
            (Some(w), Some(facts)) => put(w, hash.as_bytes()).and_then(|()| put(w, facts)),
            _ => None,
        }
        .is_some();
        if !written {
            self.out = None;
        }
    }

    /// Renames the file into place, if every graph was written.
    pub fn finish(mut self) {
        let done = self
            .out
            .take()
            .is_some_and(|mut w| w.flush().is_ok() && self.staged.commit().is_ok());
        if !done {
            self.staged.discard();
        }
    }
}

impl Drop for Writer {
    /// A writer dropped unfinished (its build failed) leaves no temporary file.
    fn drop(&mut self) {
        if self.out.take().is_some() {
            self.staged.discard();
        }
    }
}

/// Rewrites the file at `path` for the graphs of hashes `hashes`: each from
/// `fresh` (the graphs a build wrote), else as the file kept it, else from
/// `missing` (read from the store: after a file of other code, once).
pub fn rewrite(
    path: &Path,
    hashes: &[&str],
    fresh: &HashMap<String, Option<GraphFacts>>,
    mut missing: impl FnMut(&str) -> Option<GraphFacts>,
) {
    let wanted: HashSet<&str> = hashes.iter().copied().collect();
    let mut writer = Writer::create(path);
    let mut done: HashSet<String> = HashSet::new();
    // A file that cannot be read keeps nothing: every graph is missing.
    let _ = read_each(path, |hash, facts| {
        if wanted.contains(hash) && !fresh.contains_key(hash) && done.insert(hash.to_owned()) {
            writer.raw(hash, Some(facts));
        }
    });
    let mut read_back = 0;
    for hash in hashes {
        if let Some(facts) = fresh.get(*hash) {
            writer.graph(hash, facts.as_ref());
        } else if !done.contains(*hash) {
            read_back += 1;
            writer.graph(hash, missing(hash).as_ref());
        }
    }
    log::info!(
        "kept the export facts of {} graphs: {} written now, {} read back from the store",
        hashes.len(),
        fresh.len(),
        read_back
    );
    writer.finish();
}

/// Reads the file at `path`, calling `each` with every graph's hash and
/// facts; `None` when it is missing, of other code, or cut short.
fn read_each(path: &Path, mut each: impl FnMut(&str, &[u8])) -> Option<()> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    let mut rest = bytes.strip_prefix(header().as_bytes())?;
    while !rest.is_empty() {
        let hash = std::str::from_utf8(take(&mut rest)?).ok()?;
        each(hash, take(&mut rest)?);
    }
    Some(())
}

/// The facts of every export graph, joined from the kept facts of the graphs
/// `hashes` (a generation's, each once): `None` when the file at `path`
/// cannot be used or misses one of them. Cost: one pass over the file;
/// memory: the union's strings, about what the queries' rows take.
pub(super) fn all_facts<'a>(
    path: &Path,
    hashes: impl IntoIterator<Item = &'a str>,
) -> Option<AllFacts> {
    let wanted: BTreeSet<&str> = hashes.into_iter().collect();
    let mut union = Union::default();
    let mut found: HashSet<String> = HashSet::new();
    let mut whole = true;
    read_each(path, |hash, facts| {
        if wanted.contains(hash) && found.insert(hash.to_owned()) {
            whole &= decode(facts, |p, s, o| union.add(p, s, o)).is_some();
        }
    })?;
    (whole && found.len() == wanted.len()).then(|| union.answer())
}

/// The union of graphs' facts, as the default graph (their merge) holds them.
#[derive(Default)]
struct Union {
    typed: [BTreeSet<String>; 3],
    /// Subject → objects, by pattern (the types' aside).
    values: HashMap<u8, HashMap<String, BTreeSet<String>>>,
}

impl Union {
    /// Adds a triple, its strings copied only when new.
    fn add(&mut self, pattern: Pattern, subject: &str, object: &str) {
        // The types are the first three patterns.
        if let Some(typed) = self.typed.get_mut(pattern as usize) {
            if !typed.contains(subject) {
                typed.insert(subject.to_owned());
            }
            return;
        }
        let values = self.values.entry(pattern as u8).or_default();
        let objects = match values.get_mut(subject) {
            Some(objects) => objects,
            None => values.entry(subject.to_owned()).or_default(),
        };
        if !objects.contains(object) {
            objects.insert(object.to_owned());
        }
    }

    fn values(&self, pattern: Pattern) -> Option<&HashMap<String, BTreeSet<String>>> {
        self.values.get(&(pattern as u8))
    }

    /// The values of `subject` by `pattern`.
    fn of(&self, pattern: Pattern, subject: &str) -> Option<&BTreeSet<String>> {
        self.values(pattern)?.get(subject)
    }

    /// `MIN(STR(?value))` of `subject` by `pattern`.
    fn min(&self, pattern: Pattern, subject: &str) -> Option<String> {
        self.of(pattern, subject)?.first().cloned()
    }

    /// (subject, object) pairs of `pattern`, turned as `flip` says.
    fn pairs(&self, pattern: Pattern, flip: bool) -> BTreeSet<(String, String)> {
        let pairs = self.values(pattern).into_iter().flatten();
        let pairs = pairs.flat_map(|(s, objects)| objects.iter().map(move |o| (s, o)));
        pairs
            .map(|(s, o)| match flip {
                true => (o.clone(), s.clone()),
                false => (s.clone(), o.clone()),
            })
            .collect()
    }

    /// The subjects of class `typed` (a [`Pattern`] of `rdf:type`) that have a
    /// value by `pattern`, with their least value.
    fn least_of_typed(&self, typed: Pattern, pattern: Pattern) -> BTreeMap<String, String> {
        self.typed[typed as usize]
            .iter()
            .filter_map(|s| Some((s.clone(), self.min(pattern, s)?)))
            .collect()
    }

    /// (membership, person, organisation) of every membership.
    fn memberships(&self) -> Vec<(&str, &str, &str)> {
        let mut rows = Vec::new();
        for (ms, people) in self.values(Pattern::Member).into_iter().flatten() {
            for o in self.of(Pattern::MemberOf, ms).into_iter().flatten() {
                for p in people {
                    rows.push((ms.as_str(), p.as_str(), o.as_str()));
                }
            }
        }
        rows
    }

    /// The rows of the affiliations, memberships and membership roles
    /// queries, from one pass over the memberships.
    fn membership_rows(&self, rows: &mut Rows) {
        for (ms, p, o) in self.memberships() {
            let labels = rows.affiliations.entry(p.to_owned()).or_default();
            // `COALESCE(STR(?l), STR(?o))`: every label, else the IRI.
            match self.of(Pattern::PrefLabel, o) {
                Some(l) if !l.is_empty() => labels.extend(l.iter().cloned()),
                _ => {
                    labels.insert(o.to_owned());
                }
            }
            for m in self.of(Pattern::StatedAt, ms).into_iter().flatten() {
                rows.stated.insert((o.to_owned(), p.to_owned(), m.clone()));
            }
            for r in self.of(Pattern::Role, ms).into_iter().flatten() {
                let label = self.min(Pattern::PrefLabel, r).unwrap_or_else(|| r.clone());
                let key = (o.to_owned(), p.to_owned());
                rows.roles.entry(key).or_default().insert(label);
            }
        }
    }

    /// The rows of the ten export queries ([`super::facts`]), as
    /// [`super::facts::read_all`] gives them.
    fn answer(self) -> AllFacts {
        let meetings: BTreeMap<String, MeetingInfo> = self.typed[Pattern::Event as usize]
            .iter()
            .map(|m| {
                let label = self.min(Pattern::EventName, m).unwrap_or_else(|| m.clone());
                let date = self.min(Pattern::StartDate, m);
                (m.clone(), MeetingInfo { label, date })
            })
            .collect();
        let mut rows = Rows {
            attended: self.pairs(Pattern::Attendee, true),
            spoke: self.pairs(Pattern::SpokeAt, false),
            discussed: self.pairs(Pattern::Discussed, true),
            names: self.least_of_typed(Pattern::Person, Pattern::PersonName),
            affiliations: BTreeMap::new(),
            topic_labels: self
                .values(Pattern::PrefLabel)
                .into_iter()
                .flatten()
                .filter_map(|(s, labels)| Some((s.clone(), labels.first()?.clone())))
                .collect(),
            stated: BTreeSet::new(),
            roles: BTreeMap::new(),
            organisation_labels: self.least_of_typed(Pattern::Organization, Pattern::PrefLabel),
        };
        self.membership_rows(&mut rows);
        AllFacts::joined(meetings, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sample_store;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// The kept facts of every graph of a store, written under made-up hashes.
    fn keep_all(
        store: &crate::store::Store,
        path: &Path,
    ) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let mut writer = Writer::create(path);
        let mut hashes = Vec::new();
        for (i, graph) in store.named_graphs()?.iter().enumerate() {
            let facts = GraphFacts::of(&store.graph_quads(graph)?);
            assert!(facts.as_ref().is_some_and(|f| f.0.len() > 8), "{graph}");
            hashes.push(format!("h{i}"));
            writer.graph(&format!("h{i}"), facts.as_ref());
        }
        writer.finish();
        Ok(hashes)
    }

    /// The rows joined from the kept facts are those the export queries read
    /// from the store: two reports that share people, meetings of the same
    /// body, names and labels stated in both.
    #[test]
    fn kept_facts_join_to_the_rows_of_the_export_queries() -> TestResult {
        let (dir, store) = sample_store()?;
        let path = dir.path().join("export-facts.bin");
        let hashes = keep_all(&store, &path)?;
        let joined = all_facts(&path, hashes.iter().map(String::as_str));
        let queried = super::super::facts::read_all(&store)?;
        assert_eq!(format!("{joined:?}"), format!("{:?}", Some(queried)));
        Ok(())
    }

    /// A file without one of the generation's graphs, or of other code, is
    /// not used: the exports read the store instead of missing a report.
    #[test]
    fn a_kept_file_missing_a_graph_or_of_other_code_is_not_used() -> TestResult {
        let (dir, store) = sample_store()?;
        let path = dir.path().join("export-facts.bin");
        let mut hashes = keep_all(&store, &path)?;
        assert!(all_facts(&path, hashes.iter().map(String::as_str)).is_some());
        hashes.push("not-kept".into());
        assert!(all_facts(&path, hashes.iter().map(String::as_str)).is_none());
        hashes.pop();
        let bytes = std::fs::read(&path)?;
        std::fs::write(
            &path,
            [b"meetkg export facts 0\n", &bytes[header().len()..]].concat(),
        )?;
        assert!(all_facts(&path, hashes.iter().map(String::as_str)).is_none());
        Ok(())
    }
}
