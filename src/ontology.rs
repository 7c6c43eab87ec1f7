//! Domain knowledge as data: the topic thesaurus, the organisation gazetteer, the
//! role scheme, nicknames, curated identity rules and the extraction lexicon, all
//! read from `ontology/` at start.
//!
//! Rationale: what meetkg knows about the field must be fixable by a user without
//! touching code. The files ship inside the binary (so `meetkg` works from any
//! directory) and a directory given with `--ontology` replaces them. This module
//! only loads and indexes; matching text against the labels is in
//! `extract::gazetteer`, and the lexicon's word lists are indexed in
//! [`crate::words::Lexicons`].

use crate::words::{fold, Lexicon, LexiconError, Lexicons};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const MEETKG: &str = "https://w3id.org/meetkg/ns#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The files of `ontology/` that extraction reads, with their embedded defaults.
const FILES: &[(&str, &str)] = &[
    (
        "organisations.ttl",
        include_str!("../ontology/organisations.ttl"),
    ),
    ("topics.ttl", include_str!("../ontology/topics.ttl")),
    ("roles.ttl", include_str!("../ontology/roles.ttl")),
    (
        "person-aliases.ttl",
        include_str!("../ontology/person-aliases.ttl"),
    ),
    ("lexicon.txt", crate::words::lexicon::SHIPPED),
    (
        "profiles/igf.txt",
        include_str!("../ontology/profiles/igf.txt"),
    ),
    (
        "given-names.txt",
        include_str!("../ontology/given-names.txt"),
    ),
    (
        "common-words.txt",
        include_str!("../ontology/common-words.txt"),
    ),
];

/// Why the domain data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum OntologyError {
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file} is not valid Turtle: {message}")]
    Syntax { file: String, message: String },
    /// The lexicon or a profile: a bad line, or a section missing, unknown or
    /// ill-formed.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// How a label may be matched in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LabelKind {
    Preferred,
    Alternative,
    /// Misspellings and informal forms: matched, never shown.
    Hidden,
}

/// One concept or organisation with its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub iri: String,
    /// The canonical name.
    pub pref: String,
    pub labels: Vec<(String, LabelKind)>,
    /// Broader concept or parent organisation IRIs.
    pub broader: Vec<String>,
}

/// A labelled vocabulary: thesaurus, gazetteer or role scheme.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub entries: Vec<Entry>,
}

impl Vocabulary {
    /// The entry whose label folds to `folded`, if exactly one kind of entry has it.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let key = fold(name);
        self.entries
            .iter()
            .find(|e| e.labels.iter().any(|(l, _)| fold(l) == key))
    }
}

/// Curated identity rules a user writes in `person-aliases.ttl`.
#[derive(Debug, Clone, Default)]
pub struct Curation {
    /// Alias (folded) → canonical name.
    pub same_as: HashMap<String, String>,
    /// Pairs of names (folded) never to be merged.
    pub not_same_as: Vec<(String, String)>,
    /// Variant (folded) → preferred display name.
    pub preferred: HashMap<String, String>,
}

/// Everything extraction knows about the field.
#[derive(Debug, Clone, Default)]
pub struct Ontology {
    pub organisations: Vocabulary,
    pub topics: Vocabulary,
    pub roles: Vocabulary,
    /// Nickname (folded) → given names it stands for (folded).
    pub nicknames: HashMap<String, Vec<String>>,
    pub curation: Curation,
    /// The word lists of `lexicon.txt`, with the IGF profile
    /// (`profiles/igf.txt`: rules only IGF bodies need; none when it is empty)
    /// and the given names of `given-names.txt`, checked and indexed.
    pub lexicons: Lexicons,
    /// SHA-256 of the crate version, the extraction's code (build.rs) and
    /// every domain file: extractions cached under another fingerprint were
    /// made with other rules or data.
    pub fingerprint: String,
}

impl Ontology {
    /// The data compiled into the binary from the repository's `ontology/`.
    ///
    /// # Errors
    /// Only if the shipped files are broken, which the tests rule out.
    pub fn embedded() -> Result<Self, OntologyError> {
        Self::from_sources(
            FILES
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned())),
        )
    }

    /// Reads the files from `dir`; a file missing there falls back to the embedded one.
    ///
    /// # Errors
    /// A file that cannot be read or parsed, named in the error.
    pub fn load(dir: &Path) -> Result<Self, OntologyError> {
        let mut sources = Vec::new();
        for (name, embedded) in FILES {
            let path = dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => (*embedded).to_owned(),
                Err(source) => return Err(OntologyError::Io { path, source }),
            };
            sources.push((path.display().to_string(), text));
        }
        Self::from_sources(sources)
    }

    fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, OntologyError> {
        use sha2::{Digest, Sha256};
        // Every field but the lexicons: `Self::default()` would compile a
        // default lexicon's patterns (a quarter of a second) only to drop them.
        let mut organisations = Vocabulary::default();
        let mut topics = Vocabulary::default();
        let mut roles = Vocabulary::default();
        let mut people = People::default();
        let mut lexicon: Option<(String, Lexicon)> = None;
        let mut profile: Option<(String, Lexicon)> = None;
        let mut given_names = HashSet::new();
        let mut common_words = HashSet::new();
        let mut hash = Sha256::new();
        hash.update(env!("CARGO_PKG_VERSION").as_bytes());
        // The extraction rules' own code (build.rs): a cached extraction is
        // one these rules made.
        hash.update(env!("MEETKG_EXTRACTION_CODE").as_bytes());
        for (file, text) in sources {
            hash.update(text.as_bytes());
            let words = || {
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_owned)
                    .collect()
            };
            if file.ends_with("given-names.txt") {
                given_names = words();
                continue;
            }
            if file.ends_with("common-words.txt") {
                common_words = words();
                continue;
            }
            if file.ends_with("igf.txt") {
                profile = Some((file.clone(), Lexicon::parse(&file, &text)?));
                continue;
            }
            if file.ends_with("lexicon.txt") {
                lexicon = Some((file.clone(), Lexicon::parse(&file, &text)?));
                continue;
            }
            let subjects = parse_turtle(&file, &text)?;
            if file.ends_with("organisations.ttl") {
                organisations = vocabulary(&subjects);
            } else if file.ends_with("topics.ttl") {
                topics = vocabulary(&subjects);
            } else if file.ends_with("roles.ttl") {
                roles = vocabulary(&subjects);
            } else if file.ends_with("person-aliases.ttl") {
                people.read_person_aliases(&subjects);
            }
        }
        let fingerprint = hex::encode(hash.finalize())[..16].to_owned();
        let lexicons = match &lexicon {
            Some((file, l)) => Lexicons::load(file, l)?,
            None => Lexicons::unchecked(&Lexicon::default()),
        };
        let lexicons = match &profile {
            Some((file, p)) => lexicons.with_profile(file, p)?,
            None => lexicons,
        };
        Ok(Self {
            organisations,
            topics,
            roles,
            nicknames: people.nicknames,
            curation: people.curation,
            lexicons: lexicons
                .with_given_names(&given_names)
                .with_common_words(common_words),
            fingerprint,
        })
    }
}

/// What `person-aliases.ttl` says: nicknames and curated identities.
#[derive(Debug, Default)]
struct People {
    nicknames: HashMap<String, Vec<String>>,
    curation: Curation,
}

impl People {
    fn read_person_aliases(&mut self, subjects: &Subjects) {
        for props in subjects.values() {
            let types = props.get(RDF_TYPE).cloned().unwrap_or_default();
            let get = |p: &str| {
                props
                    .get(&format!("{MEETKG}{p}"))
                    .cloned()
                    .unwrap_or_default()
            };
            for t in types {
                match t.strip_prefix(MEETKG) {
                    Some("Nickname") => {
                        for nick in get("nickname") {
                            let entry = self.nicknames.entry(fold(&nick)).or_default();
                            entry.extend(get("givenName").iter().map(|g| fold(g)));
                        }
                    }
                    Some("SameAs") => {
                        if let Some(name) = get("name").first() {
                            for alias in get("alias") {
                                self.curation.same_as.insert(fold(&alias), name.clone());
                            }
                        }
                    }
                    Some("NotSameAs") => {
                        let names = get("name");
                        for (i, a) in names.iter().enumerate() {
                            for b in &names[i + 1..] {
                                self.curation.not_same_as.push((fold(a), fold(b)));
                            }
                        }
                    }
                    Some("PreferredName") => {
                        if let Some(name) = get("name").first() {
                            for alias in get("alias") {
                                self.curation.preferred.insert(fold(&alias), name.clone());
                            }
                            self.curation.preferred.insert(fold(name), name.clone());
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Subject IRI (or blank node id) → predicate IRI → object values, in file order.
type Subjects = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn parse_turtle(file: &str, text: &str) -> Result<Subjects, OntologyError> {
    let mut subjects = Subjects::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        let quad = quad.map_err(|e| OntologyError::Syntax {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        let s = match &quad.subject {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        };
        let o = match &quad.object {
            Term::NamedNode(n) => n.as_str().to_owned(),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            Term::Literal(l) => l.value().to_owned(),
        };
        subjects
            .entry(s)
            .or_default()
            .entry(quad.predicate.as_str().to_owned())
            .or_default()
            .push(o);
    }
    Ok(subjects)
}

fn vocabulary(subjects: &Subjects) -> Vocabulary {
    let mut entries = Vec::new();
    for (iri, props) in subjects {
        let Some(pref) = props
            .get(&format!("{SKOS}prefLabel"))
            .and_then(|v| v.first())
        else {
            continue;
        };
        let mut labels = vec![(pref.clone(), LabelKind::Preferred)];
        for (p, kind) in [
            ("altLabel", LabelKind::Alternative),
            ("hiddenLabel", LabelKind::Hidden),
        ] {
            for l in props.get(&format!("{SKOS}{p}")).into_iter().flatten() {
                labels.push((l.clone(), kind));
            }
        }
        let mut broader = Vec::new();
        for p in [
            format!("{SKOS}broader"),
            "http://www.w3.org/ns/org#subOrganizationOf".into(),
        ] {
            broader.extend(props.get(&p).into_iter().flatten().cloned());
        }
        entries.push(Entry {
            iri: iri.clone(),
            pref: pref.clone(),
            labels,
            broader,
        });
    }
    Vocabulary { entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_loads() -> Result<(), OntologyError> {
        let o = Ontology::embedded()?;
        assert!(o.organisations.entries.len() > 50);
        assert!(o.topics.entries.len() > 50);
        assert!(!o.roles.entries.is_empty());
        assert!(!o.nicknames.is_empty());
        assert!(!o.lexicons.speech_verbs.is_empty());
        assert!(!o.lexicons.given_names.is_empty());
        Ok(())
    }

    #[test]
    fn a_missing_or_misspelt_lexicon_section_is_an_error_naming_the_file() {
        let shipped = include_str!("../ontology/lexicon.txt");
        let misspelt = shipped.replace("[speech-verbs]", "[speach-verbs]");
        let err = Ontology::from_sources([("my/lexicon.txt".to_owned(), misspelt)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("my/lexicon.txt"), "{err}");
        assert!(err.contains("[speach-verbs]"), "{err}");
        let missing = shipped.replace("[absence-words]", "");
        let err = Ontology::from_sources([("my/lexicon.txt".to_owned(), missing)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("[absence-words] is missing"), "{err}");
    }

    #[test]
    fn the_igf_profile_is_optional_and_its_sections_are_checked() -> Result<(), OntologyError> {
        let shipped = include_str!("../ontology/profiles/igf.txt");
        let on = Ontology::from_sources([("profiles/igf.txt".to_owned(), shipped.to_owned())])?;
        assert_eq!(on.lexicons.initiative_names, ["IGF"]);
        assert!(on.lexicons.umbrella.is_some());
        let off = Ontology::from_sources([("profiles/igf.txt".to_owned(), String::new())])?;
        assert!(off.lexicons.umbrella.is_none());
        let misspelt = shipped.replace("[umbrella-bodies]", "[umbrela-bodies]");
        let err = Ontology::from_sources([("my/profiles/igf.txt".to_owned(), misspelt)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("my/profiles/igf.txt"), "{err}");
        assert!(err.contains("[umbrela-bodies]"), "{err}");
        Ok(())
    }

    #[test]
    fn a_time_zone_pattern_that_does_not_compile_is_an_error_naming_the_file() {
        let shipped = include_str!("../ontology/lexicon.txt");
        let broken = shipped.replace("chicago|central", "chicago(|central");
        let err = Ontology::from_sources([("my/lexicon.txt".to_owned(), broken)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("my/lexicon.txt"), "{err}");
        assert!(err.contains("chicago(|central"), "{err}");
        let unpaired = shipped.replace("CEST = 120", "CEST");
        let err = Ontology::from_sources([("my/lexicon.txt".to_owned(), unpaired)])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("[time-zones]: 'CEST'"), "{err}");
    }

    #[test]
    fn curated_rules_are_read() -> Result<(), OntologyError> {
        let ttl = "@prefix m: <https://w3id.org/meetkg/ns#> .\n[] a m:SameAs ; m:name \"Jane Roe\" ; m:alias \"J. Roe\" .\n[] a m:NotSameAs ; m:name \"Ann Lee\", \"Ann Li\" .";
        let o = Ontology::from_sources([("person-aliases.ttl".to_owned(), ttl.to_owned())])?;
        assert_eq!(
            o.curation.same_as.get("j roe").map(String::as_str),
            Some("Jane Roe")
        );
        assert_eq!(o.curation.not_same_as.len(), 1);
        Ok(())
    }
}
