//! The compiled rules and vocabularies every rule of extraction reads: the
//! lexicon's word lists and the matchers of the organisation gazetteer, the
//! topic thesaurus and the role scheme. Built once, shared by every report.

use super::gazetteer::Matcher;
use crate::ontology::Ontology;
use crate::words::{fold, Lexicons};
use std::collections::HashSet;

/// Compiled rules and vocabularies; build once, use for every report.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub lex: Lexicons,
    pub orgs: Matcher,
    pub topics: Matcher,
    pub roles: Matcher,
    /// Every nickname and given name of `person-aliases.ttl`, folded.
    pub known_nicknames: HashSet<String>,
}

impl Extractor {
    pub fn new(ontology: &Ontology) -> Self {
        Self {
            lex: ontology.lexicons.clone(),
            orgs: Matcher::new(&ontology.organisations, true),
            topics: Matcher::new(&ontology.topics, false),
            roles: Matcher::new(&ontology.roles, false),
            known_nicknames: ontology
                .nicknames
                .iter()
                .flat_map(|(k, v)| std::iter::once(k).chain(v))
                .map(|n| fold(n))
                .collect(),
        }
    }
}
