//! The dataset described: VoID statistics and DCAT distributions, for a
//! dump's `void.ttl` and for the endpoint's `/.well-known/void`.
//!
//! Rationale: a data portal reads the same description from the files and from
//! the endpoint; one module states it, from the statistics of the union of the
//! report graphs ([`Stats`], counted by whoever walks the union: the dump) and
//! the files published beside it ([`Distribution`]). It holds no blank nodes:
//! the partitions and checksums are `<...#fragment>` IRIs. Triples are sorted,
//! so the same statistics, files and date give the same bytes.

use crate::vocab::{dcat, dcterms, foaf, media_types, org, rdf, schema, skos, spdx, void, xsd};
use crate::vocab::{ID_BASE, PREFIXES};
use chrono::NaiveDate;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    IriParseError, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A scheme no real IRI uses: without a base URL, files are minted under it and
/// the Turtle serialiser is told it is the base, so it writes them as relative
/// IRIs; the `@base` line is then removed. Only IRIs of this scheme are
/// relativised (the serialiser keeps IRIs of other schemes absolute).
pub const RELATIVE_BASE: &str = "x-meetkg-relative://dump/";

/// The VoID/DCAT description written beside the dumps.
pub const VOID_FILE: &str = "void.ttl";

/// Why a description could not be written.
#[derive(Debug, thiserror::Error)]
pub enum VoidError {
    /// The base URL cannot have file names resolved against it.
    #[error("base URL <{url}> is not a hierarchical IRI (scheme://authority/path)")]
    BaseUrl { url: String },
    /// A file IRI built from the base URL is not a valid IRI.
    #[error("invalid IRI <{iri}>")]
    Iri {
        iri: String,
        #[source]
        source: IriParseError,
    },
    /// A prefix for Turtle is not a valid IRI (a bug in the prefix table).
    #[error("prefix {prefix}: is not a valid IRI")]
    Prefix {
        prefix: String,
        #[source]
        source: IriParseError,
    },
    /// Serialising the description in memory failed.
    #[error("cannot serialise {VOID_FILE}")]
    Serialize(#[source] io::Error),
}

/// What the dataset is, whoever publishes it.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// `dcterms:modified`.
    pub date: NaiveDate,
    /// `dcterms:license`, of the dataset and of each distribution.
    pub license: NamedNode,
    /// Where the files are published: file IRIs are resolved against it;
    /// `None` writes them relative to `void.ttl`.
    pub base_url: Option<NamedNode>,
    /// A SPARQL endpoint serving the same data (`void:sparqlEndpoint`).
    pub endpoint: Option<NamedNode>,
}

/// One file published beside the description (`dcat:Distribution`).
#[derive(Debug, Clone)]
pub struct Distribution {
    /// Its file name.
    pub name: String,
    /// Its IANA media type ("application/n-quads").
    pub media_type: &'static str,
    /// Compressed with gzip.
    pub gzip: bool,
    /// Size in bytes.
    pub byte_size: u64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
}

/// A Turtle, TriG or N-Triples serialiser with meetkg's prefixes.
///
/// # Errors
/// A prefix of [`PREFIXES`] that is not an IRI (a bug the tests rule out).
pub fn serializer(format: RdfFormat) -> Result<RdfSerializer, IriParseError> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri)?;
    }
    Ok(serializer)
}

/// The classes `void.ttl` counts entities of, each with its partition's name.
pub const PARTITIONS: [(&str, NamedNodeRef<'static>); 4] = [
    ("foaf-Person", foaf::PERSON),
    ("org-Organization", org::ORGANIZATION),
    ("schema-Event", schema::EVENT),
    ("skos-Concept", skos::CONCEPT),
];

//STATS
/// The counts `void.ttl` states, from the union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub triples: usize,
    pub quads: usize,
    pub graphs: usize,
    /// Distinct subjects under [`ID_BASE`]: meetkg's own entities.
    pub entities: usize,
    pub subjects: usize,
    pub objects: usize,
    pub properties: usize,
    pub classes: usize,
    /// Entities per class of [`PARTITIONS`], in that order.
    pub partitions: Vec<usize>,
    /// Namespaces of the predicates and classes used.
    pub vocabularies: BTreeSet<String>,
}

/// [`Stats`] counted over the distinct triples of the union, sorted by
/// subject (so distinct subjects are counted as they change).
#[derive(Debug, Default)]
pub struct StatsCounter {
    triples: usize,
    subjects: usize,
    entities: usize,
    previous_subject: Option<NamedOrBlankNode>,
    properties: BTreeSet<NamedNode>,
    classes: BTreeMap<NamedNode, usize>,
}

impl StatsCounter {
    /// One more distinct triple of the union, in subject order.
    pub fn add(&mut self, t: &Triple) {
        self.triples += 1;
        if self.previous_subject.as_ref() != Some(&t.subject) {
            self.subjects += 1;
            if matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(ID_BASE))
            {
                self.entities += 1;
            }
            self.previous_subject = Some(t.subject.clone());
        }
        if !self.properties.contains(&t.predicate) {
            self.properties.insert(t.predicate.clone());
        }
        if let (true, Term::NamedNode(class)) = (t.predicate == rdf::TYPE, &t.object) {
            // Triples are distinct, so each (subject, class) counts once.
            *self.classes.entry(class.clone()).or_default() += 1;
        }
    }

    /// The statistics, with what the union's traversal counted itself:
    /// statements in the graphs, graphs, and distinct objects.
    pub fn finish(self, quads: usize, graphs: usize, objects: usize) -> Stats {
        let partitions = PARTITIONS
            .iter()
            .map(|(_, class)| {
                self.classes
                    .iter()
                    .find(|(c, _)| c.as_ref() == *class)
                    .map_or(0, |(_, n)| *n)
            })
            .collect();
        let vocabularies = self
            .properties
            .iter()
            .chain(self.classes.keys())
            .map(|iri| namespace(iri.as_str()).to_owned())
            .filter(|ns| ns != ID_BASE)
            .collect();
        Stats {
            triples: self.triples,
            quads,
            graphs,
            entities: self.entities,
            subjects: self.subjects,
            objects,
            properties: self.properties.len(),
            classes: self.classes.len(),
            partitions,
            vocabularies,
        }
    }
}

/// The namespace of a vocabulary term: the longest known prefix it starts
/// with, else everything up to its last `#` or `/`.
fn namespace(iri: &str) -> &str {
    let known = PREFIXES
        .iter()
        .map(|(_, ns)| *ns)
        .chain([
            void::NAMESPACE,
            dcat::NAMESPACE,
            spdx::NAMESPACE,
            dcterms::NAMESPACE,
        ])
        .filter(|ns| iri.starts_with(ns))
        .max_by_key(|ns| ns.len());
    match known {
        Some(ns) => &iri[..ns.len()],
        None => iri.rfind(['#', '/']).map_or(iri, |end| &iri[..end + 1]),
    }
}

/// The IRI of a file beside the dumps: resolved against the base URL, or under
/// [`RELATIVE_BASE`] to be written relative.
///
/// # Errors
/// A base URL without `scheme://`, or an IRI that does not parse.
pub fn file_iri(base_url: Option<&NamedNode>, name: &str) -> Result<NamedNode, VoidError> {
    let iri = match base_url {
        None => format!("{RELATIVE_BASE}{name}"),
        Some(base) => {
            // RFC 3986 §5.2 for a one-segment relative path: drop the query and
            // fragment and the last path segment of the base, then append.
            let base = base.as_str();
            let base = base.split(['#', '?']).next().unwrap_or(base);
            let authority = base
                .find("://")
                .map(|i| i + 3)
                .ok_or_else(|| VoidError::BaseUrl { url: base.into() })?;
            match base[authority..].rfind('/') {
                Some(slash) => format!("{}{name}", &base[..authority + slash + 1]),
                None => format!("{base}/{name}"),
            }
        }
    };
    NamedNode::new(&iri).map_err(|source| VoidError::Iri { iri, source })
}

/// `iri#fragment`.
fn with_fragment(iri: &NamedNode, fragment: &str) -> Result<NamedNode, VoidError> {
    let iri = format!("{}#{fragment}", iri.as_str());
    NamedNode::new(&iri).map_err(|source| VoidError::Iri { iri, source })
}

fn integer(n: impl ToString, datatype: NamedNodeRef<'_>) -> Literal {
    Literal::new_typed_literal(n.to_string(), datatype)
}

//STORESTATS

/// The description a dump publishes as `void.ttl`: the dataset, its
/// statistics and one distribution per file.
///
/// # Errors
/// [`VoidError`]: a base URL or file name that makes no IRI.
pub fn dump_void(
    stats: &Stats,
    dataset: &Dataset,
    files: &[Distribution],
) -> Result<Vec<u8>, VoidError> {
    let void_file = file_iri(dataset.base_url.as_ref(), VOID_FILE)?;
    let mut triples = describe_dataset(&void_file, dataset, stats)?;
    for file in files {
        triples.extend(describe_distribution(&void_file, dataset, file)?);
    }
    void_turtle(sorted(triples), dataset, stats, "dump")
}

/// The VoID/DCAT description of a dataset served at a SPARQL endpoint: the
/// same statistics and class partitions as a dump's `void.ttl`, the endpoint,
/// and no distributions. `void_iri` is where the description is served
/// (`…/.well-known/void`); the dataset is `<void_iri#dataset>`.
///
/// # Errors
/// [`VoidError`]: an IRI that does not parse.
pub fn endpoint_void(
    stats: &Stats,
    void_iri: &NamedNode,
    endpoint: &NamedNode,
    date: NaiveDate,
) -> Result<Vec<u8>, VoidError> {
    let dataset = Dataset {
        date,
        license: NamedNode::new_unchecked(DEFAULT_LICENSE),
        base_url: Some(void_iri.clone()),
        endpoint: Some(endpoint.clone()),
    };
    let triples = describe_dataset(void_iri, &dataset, stats)?;
    void_turtle(sorted(triples), &dataset, stats, "data served")
}

/// The license of the dataset unless told otherwise: CC BY 4.0.
pub const DEFAULT_LICENSE: &str = "https://creativecommons.org/licenses/by/4.0/";

fn sorted(mut triples: Vec<Triple>) -> Vec<Triple> {
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    triples.dedup();
    triples
}

fn iri(iri: String) -> Result<NamedNode, VoidError> {
    NamedNode::new(&iri).map_err(|source| VoidError::Iri { iri, source })
}

/// The dataset's own triples: what it is, its statistics, vocabularies,
/// class partitions and endpoint.
fn describe_dataset(
    void_file: &NamedNode,
    d: &Dataset,
    stats: &Stats,
) -> Result<Vec<Triple>, VoidError> {
    let dataset = with_fragment(void_file, "dataset")?;
    let mut out: Vec<Triple> = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        out.push(Triple::new(s.clone(), p, o));
    };
    let count = |n: usize| integer(n, xsd::INTEGER).into();
    let english = |text: String| Literal::new_language_tagged_literal_unchecked(text, "en").into();
    add(&dataset, rdf::TYPE, void::DATASET.into_owned().into());
    add(&dataset, rdf::TYPE, dcat::DATASET.into_owned().into());
    add(
        &dataset,
        dcterms::TITLE,
        english("meetkg knowledge graph".into()),
    );
    let description = format!(
        "Meetings, their participants, organisations and topics, extracted by meetkg {VERSION} \
         from {} meeting report(s), one named graph per report.",
        stats.graphs
    );
    add(&dataset, dcterms::DESCRIPTION, english(description));
    add(&dataset, dcterms::LICENSE, d.license.clone().into());
    let modified = integer(crate::model::iso::date(d.date), xsd::DATE);
    add(&dataset, dcterms::MODIFIED, modified.into());
    add(&dataset, void::TRIPLES, count(stats.triples));
    add(&dataset, void::ENTITIES, count(stats.entities));
    add(&dataset, void::CLASSES, count(stats.classes));
    add(&dataset, void::PROPERTIES, count(stats.properties));
    add(&dataset, void::DISTINCT_SUBJECTS, count(stats.subjects));
    add(&dataset, void::DISTINCT_OBJECTS, count(stats.objects));
    add(
        &dataset,
        void::URI_SPACE,
        Literal::new_simple_literal(ID_BASE).into(),
    );
    for ns in &stats.vocabularies {
        add(&dataset, void::VOCABULARY, iri(ns.clone())?.into());
    }
    for ((name, class), entities) in PARTITIONS.iter().zip(&stats.partitions) {
        let partition = with_fragment(void_file, &format!("class-{name}"))?;
        add(&dataset, void::CLASS_PARTITION, partition.clone().into());
        add(&partition, void::CLASS, class.into_owned().into());
        add(&partition, void::ENTITIES, count(*entities));
    }
    if let Some(endpoint) = &d.endpoint {
        add(&dataset, void::SPARQL_ENDPOINT, endpoint.clone().into());
    }
    Ok(out)
}

/// One file as a `dcat:Distribution` of the dataset, with its media type,
/// size, license and SHA-256 checksum.
fn describe_distribution(
    void_file: &NamedNode,
    d: &Dataset,
    file: &Distribution,
) -> Result<Vec<Triple>, VoidError> {
    let dataset = with_fragment(void_file, "dataset")?;
    let distribution = file_iri(d.base_url.as_ref(), &file.name)?;
    let checksum = with_fragment(&distribution, "checksum")?;
    let media_type = iri(format!("{}{}", media_types::NAMESPACE, file.media_type))?;
    let mut out: Vec<Triple> = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| {
        out.push(Triple::new(s.clone(), p, o));
    };
    add(&dataset, void::DATA_DUMP, distribution.clone().into());
    add(&dataset, dcat::DISTRIBUTION, distribution.clone().into());
    add(
        &distribution,
        rdf::TYPE,
        dcat::DISTRIBUTION_CLASS.into_owned().into(),
    );
    add(
        &distribution,
        dcat::DOWNLOAD_URL,
        distribution.clone().into(),
    );
    add(&distribution, dcat::ACCESS_URL, distribution.clone().into());
    add(&distribution, dcat::MEDIA_TYPE, media_type.into());
    if file.gzip {
        add(
            &distribution,
            dcat::COMPRESS_FORMAT,
            media_types::GZIP.into_owned().into(),
        );
    }
    let size = integer(file.byte_size, xsd::NON_NEGATIVE_INTEGER);
    add(&distribution, dcat::BYTE_SIZE, size.into());
    add(&distribution, dcterms::LICENSE, d.license.clone().into());
    add(&distribution, spdx::CHECKSUM, checksum.clone().into());
    add(
        &checksum,
        rdf::TYPE,
        spdx::CHECKSUM_CLASS.into_owned().into(),
    );
    add(&checksum, spdx::ALGORITHM, spdx::SHA256.into_owned().into());
    add(
        &checksum,
        spdx::CHECKSUM_VALUE,
        integer(&file.sha256, xsd::HEX_BINARY).into(),
    );
    Ok(out)
}

/// `void.ttl`'s bytes: a comment with the quad count, then the triples in
/// Turtle with meetkg's prefixes and those of VoID, DCAT and SPDX. `what` says
/// what is described ("dump", "data served").
fn void_turtle(
    triples: Vec<Triple>,
    d: &Dataset,
    stats: &Stats,
    what: &str,
) -> Result<Vec<u8>, VoidError> {
    let body = turtle(&triples, d.base_url.is_none())?;
    let base_line = format!("@base <{RELATIVE_BASE}> .\n");
    let body = match body.strip_prefix(base_line.as_bytes()) {
        Some(rest) => rest,
        None if d.base_url.is_some() => &body[..],
        None => {
            return Err(VoidError::Serialize(io::Error::other(
                "the Turtle serialiser did not write the @base line",
            )))
        }
    };
    let mut out = format!(
        "# meetkg {VERSION} {what} of {}: {} distinct triples (void:triples) in the union of {} \
         named graph(s), stated {} times in them (the statements of an N-Quads or TriG dump).\n",
        crate::model::iso::date(d.date),
        stats.triples,
        stats.graphs,
        stats.quads,
    )
    .into_bytes();
    out.extend_from_slice(body);
    Ok(out)
}

/// The triples in Turtle; `relative`: with [`RELATIVE_BASE`] as the base, so
/// the files' IRIs come out relative.
fn turtle(triples: &[Triple], relative: bool) -> Result<Vec<u8>, VoidError> {
    let prefix_error = |prefix: &str| {
        let prefix = prefix.to_owned();
        move |source| VoidError::Prefix { prefix, source }
    };
    let mut serializer =
        serializer(RdfFormat::Turtle).map_err(prefix_error("(one of vocab::PREFIXES)"))?;
    for (prefix, iri) in [
        ("dcat", dcat::NAMESPACE),
        ("spdx", spdx::NAMESPACE),
        ("void", void::NAMESPACE),
    ] {
        serializer = serializer
            .with_prefix(prefix, iri)
            .map_err(prefix_error(prefix))?;
    }
    if relative {
        serializer = serializer
            .with_base_iri(RELATIVE_BASE)
            .map_err(prefix_error("@base"))?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for triple in triples {
        writer
            .serialize_triple(triple)
            .map_err(VoidError::Serialize)?;
    }
    writer.finish().map_err(VoidError::Serialize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_of_terms() {
        assert_eq!(namespace(foaf::NAME.as_str()), foaf::NAMESPACE);
        assert_eq!(namespace("http://example.org/v#x"), "http://example.org/v#");
        assert_eq!(namespace("http://example.org/v/x"), "http://example.org/v/");
    }

    #[test]
    fn file_iris_resolve_against_the_base() -> Result<(), Box<dyn std::error::Error>> {
        for (base, expected) in [
            ("https://h.org/a/b?q#f", "https://h.org/a/f.nq"),
            ("https://h.org/a/", "https://h.org/a/f.nq"),
            ("https://h.org", "https://h.org/f.nq"),
        ] {
            let base = NamedNode::new(base)?;
            assert_eq!(file_iri(Some(&base), "f.nq")?.as_str(), expected);
        }
        let base = NamedNode::new("urn:x:y")?;
        assert!(matches!(
            file_iri(Some(&base), "f.nq"),
            Err(VoidError::BaseUrl { .. })
        ));
        Ok(())
    }
}
