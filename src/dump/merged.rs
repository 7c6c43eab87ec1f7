//! The statistics `void.ttl` states, read from the store when a dump writes no
//! union (N-Quads, TriG).
//!
//! Rationale: the store's default graph already is the union of the report
//! graphs, each distinct triple once (see [`crate::store`]). Sorting a million
//! statement lines to count it, or decoding its triples again, cost more than
//! writing the N-Quads themselves: Oxigraph decodes every term of every quad it
//! returns with a lookup of its own. So the counts that need the union are
//! taken on the store's encoded terms, decoding nothing but the few classes:
//! from the default graph's keys read in order ([`RawStore::union_counts`]),
//! else (a store those cannot be read from) by the store's SPARQL engine,
//! which counts on encoded terms too; the two that need a term's text (the
//! properties, and the subjects outside meetkg's namespace, which are not
//! entities) are tallied from the named graphs the dump reads anyway.
//!
//! Skolemised as the dumps are: a blank node counts as its skolem IRI would
//! (an entity, a class of its own). A blank node and an IRI equal to its skolem
//! IRI would count as two terms here and one in a Turtle dump; meetkg writes
//! neither.

use super::{skolem_iri, DumpError};
use crate::dataset::{Stats, StatsCounter, PARTITIONS};
use crate::store::{RawStore, Store, StoreError, UnionCounts};
use crate::vocab::{rdf, ID_BASE};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::{QueryResults, QuerySolution};
use std::collections::{BTreeMap, BTreeSet};

/// What the named graphs tell that the store cannot count on encoded terms.
#[derive(Debug, Default)]
pub struct Tally {
    /// The predicates used (the union's are the graphs').
    properties: BTreeSet<NamedNode>,
    /// Subjects that are not entities: IRIs outside [`ID_BASE`].
    foreign: BTreeSet<NamedNode>,
}

impl Tally {
    /// One statement of a named graph, skolemised.
    pub fn add(&mut self, triple: &Triple) {
        if !self.properties.contains(&triple.predicate) {
            self.properties.insert(triple.predicate.clone());
        }
        if let NamedOrBlankNode::NamedNode(s) = &triple.subject {
            if !s.as_str().starts_with(ID_BASE) && !self.foreign.contains(s) {
                self.foreign.insert(s.clone());
            }
        }
    }

    /// Adds what another graph's tally holds.
    pub fn merge(&mut self, other: Self) {
        self.properties.extend(other.properties);
        self.foreign.extend(other.foreign);
    }
}

/// The union's counts as the store's SPARQL engine gives them.
struct Counts {
    triples: usize,
    subjects: usize,
    objects: usize,
}

/// The statistics of the union, from the store's default graph and the
/// `tally` of the `quads` statements in `graphs` named graphs.
///
/// Cost: with `raw`, one pass over the default graph's keys in two orders,
/// nothing decoded but the classes ([`RawStore::union_counts`]); without it
/// (or when it cannot count), one pass of the SPARQL engine over the default
/// graph (hash sets of the distinct subjects' and objects' encodings, tens of
/// bytes each) and one over its `rdf:type` statements.
pub fn stats(
    store: &Store,
    raw: Option<&RawStore>,
    tally: Tally,
    quads: usize,
    graphs: usize,
) -> Result<Stats, DumpError> {
    let (counts, classes) = match raw.map(RawStore::union_counts) {
        Some(Ok(Some(union))) => from_raw(union),
        other => {
            if let Some(Err(e)) = other {
                log::debug!("counting the union with SPARQL: {e}");
            }
            (counts(store)?, classes(store)?)
        }
    };
    // The counter names the vocabularies and counts properties and classes
    // from one statement per property and per class; the counts it cannot see
    // that way are the store's.
    let mut counter = StatsCounter::default();
    // (A literal object: an IRI would count as a class of `rdf:type`.)
    let subject = NamedNode::new_unchecked(ID_BASE);
    let object = Literal::new_simple_literal("");
    for property in tally.properties {
        counter.add(&Triple::new(subject.clone(), property, object.clone()));
    }
    for class in classes.keys() {
        counter.add(&Triple::new(subject.clone(), rdf::TYPE, class.clone()));
    }
    let mut stats = counter.finish(quads, graphs, counts.objects);
    stats.triples = counts.triples;
    stats.subjects = counts.subjects;
    stats.entities = counts.subjects.saturating_sub(tally.foreign.len());
    stats.partitions = PARTITIONS
        .iter()
        .map(|(_, class)| classes.get(&class.into_owned()).copied().unwrap_or(0))
        .collect();
    Ok(stats)
}

/// The counts and classes read from the store's keys, blank-node classes
/// skolemised.
fn from_raw(union: UnionCounts) -> (Counts, BTreeMap<NamedNode, usize>) {
    let mut classes = BTreeMap::new();
    for (class, n) in union.classes {
        let class = match class {
            Term::NamedNode(n) => n,
            Term::BlankNode(b) => skolem_iri(&b),
            Term::Literal(_) => continue,
        };
        *classes.entry(class).or_default() += n;
    }
    let counts = Counts {
        triples: union.triples,
        subjects: union.subjects,
        objects: union.objects,
    };
    (counts, classes)
}

/// Distinct triples, subjects and objects of the default graph.
fn counts(store: &Store) -> Result<Counts, DumpError> {
    let rows = solutions(
        store,
        "SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) \
         (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }",
    )?;
    let row = rows
        .first()
        .ok_or_else(|| DumpError::Count("no row".into()))?;
    Ok(Counts {
        triples: number(row, "triples")?,
        subjects: number(row, "subjects")?,
        objects: number(row, "objects")?,
    })
}

/// Subjects per class (a class is an IRI or a blank node, skolemised): the
/// distinct `rdf:type` statements of the default graph.
fn classes(store: &Store) -> Result<BTreeMap<NamedNode, usize>, DumpError> {
    let rows = solutions(
        store,
        "SELECT ?class (COUNT(*) AS ?n) WHERE { ?s a ?class FILTER(!isLiteral(?class)) } \
         GROUP BY ?class",
    )?;
    let mut classes = BTreeMap::new();
    for row in &rows {
        let class = match row.get("class") {
            Some(Term::NamedNode(n)) => n.clone(),
            Some(Term::BlankNode(b)) => skolem_iri(b),
            other => return Err(DumpError::Count(format!("class {other:?}"))),
        };
        *classes.entry(class).or_default() += number(row, "n")?;
    }
    Ok(classes)
}

fn solutions(store: &Store, query: &str) -> Result<Vec<QuerySolution>, DumpError> {
    match store.query(query)? {
        QueryResults::Solutions(rows) => rows
            .collect::<Result<_, _>>()
            .map_err(|e| DumpError::Store(StoreError::from(e))),
        _ => Err(DumpError::Count(format!("not solutions: {query}"))),
    }
}

/// The integer bound to `name` in a row of counts.
fn number(row: &QuerySolution, name: &str) -> Result<usize, DumpError> {
    match row.get(name) {
        Some(Term::Literal(n)) => parse(n),
        other => None::<usize>.ok_or_else(|| DumpError::Count(format!("{name}: {other:?}"))),
    }
}

fn parse(n: &Literal) -> Result<usize, DumpError> {
    n.value()
        .parse()
        .map_err(|_| DumpError::Count(format!("{n}")))
}

#[cfg(test)]
mod tests {
    use super::super::{write_statements, Sink};
    use crate::atomic::Staged;
    use crate::dump::DumpFormat;
    use crate::store::tests::sample_store;
    use crate::vocab::{foaf, rdf};
    use oxigraph::model::{BlankNode, Literal, NamedNode, QuadRef};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    /// The statistics read from the store (a dump without a union format)
    /// are those counted over the sorted union (a dump with one), including
    /// blank nodes (skolemised: entities, a class) and a subject outside
    /// meetkg's namespace (not an entity).
    #[test]
    fn stats_from_the_store_equal_stats_counted_over_the_sorted_union() -> TestResult {
        let (dir, store) = sample_store()?;
        let graph = NamedNode::new("https://w3id.org/meetkg/id/graph/000-sample")?;
        let blank = BlankNode::new("b0")?;
        let class = BlankNode::new("c0")?;
        let foreign = NamedNode::new("https://example.org/elsewhere")?;
        let ox = store.oxigraph();
        ox.insert(QuadRef::new(&blank, rdf::TYPE, foaf::PERSON, &graph))?;
        ox.insert(QuadRef::new(&blank, rdf::TYPE, &class, &graph))?;
        ox.insert(QuadRef::new(&foreign, rdf::TYPE, foaf::PERSON, &graph))?;
        let name = Literal::new_simple_literal("x");
        ox.insert(QuadRef::new(&foreign, foaf::NAME, &name, &graph))?;
        store.rebuild_default_graph()?;

        let from_store = write_statements(&store, &mut [], &mut [], 1 << 20)?;
        let file = Staged {
            temp: dir.path().join("union.nt.tmp"),
            target: dir.path().join("union.nt"),
        };
        let mut union = [Sink::create(DumpFormat::Nt, &file, false)?];
        let sorted = write_statements(&store, &mut [], &mut union, 1 << 20)?;
        assert_eq!(from_store, sorted);
        assert_eq!(from_store.entities + 1, from_store.subjects);
        Ok(())
    }
}
