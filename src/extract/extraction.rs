//! What extraction gives for one report: its meeting, agenda, person mentions
//! as written, organisations and topics, before identity resolution; or why
//! the file is not a meeting record.

use crate::model::{AgendaItem, Evidence, FactKind, Meeting, Membership, Organisation, Topic};
use crate::text::{Sentence, Span};
use std::path::PathBuf;

/// Why a file is not taken as a meeting report.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// Nothing in the text looks like a meeting record: no date, agenda or people.
    #[error("{} does not look like a meeting report: no meeting date, agenda or participants found", path.display())]
    NotAReport { path: PathBuf },
}

/// A person named in a report, before identity resolution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PersonMention {
    /// As written (possessive removed, honorific kept, all-capitals title-cased).
    pub text: String,
    pub fact: FactKind,
    /// Confirmed as a person by the text; tentative mentions need resolution to keep them.
    pub definite: bool,
    /// A nickname the report gives in parentheses ("Concettina Cassa (Titti)").
    pub nickname: Option<String>,
    pub roles: Vec<String>,
    pub affiliations: Vec<String>,
    pub memberships: Vec<Membership>,
    pub evidence: Evidence,
}

impl PersonMention {
    /// A definite mention of `text`, for the fact its `evidence` states, with
    /// nothing else known of the person.
    pub fn new(text: impl Into<String>, evidence: Evidence) -> Self {
        Self {
            text: text.into(),
            fact: evidence.fact,
            definite: true,
            nickname: None,
            roles: Vec::new(),
            affiliations: Vec::new(),
            memberships: Vec::new(),
            evidence,
        }
    }

    /// Confirmed as a person by the text, or tentative.
    #[must_use]
    pub fn definite(mut self, definite: bool) -> Self {
        self.definite = definite;
        self
    }

    /// The nickname the report gives beside the name.
    #[must_use]
    pub fn with_nickname(mut self, nickname: Option<String>) -> Self {
        self.nickname = nickname;
        self
    }

    /// The roles the report gives the person.
    #[must_use]
    pub fn with_roles(mut self, roles: Vec<String>) -> Self {
        self.roles = roles;
        self
    }

    /// Affiliated with `organisation` (its canonical name), as written `surface`.
    #[must_use]
    pub fn affiliated(mut self, organisation: String, surface: String) -> Self {
        self.affiliations = vec![surface];
        self.memberships = vec![Membership {
            organisation,
            role: None,
        }];
        self
    }
}

/// One report's extraction, before identity resolution. Serialisable so that a
/// build can cache it by the report's content hash and skip unchanged reports.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub source: String,
    pub sha256: String,
    /// Moderators and hosts as written; resolution rewrites them to canonical names.
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
    pub mentions: Vec<PersonMention>,
    pub organisations: Vec<Organisation>,
    pub topics: Vec<Topic>,
    pub warnings: Vec<String>,
}

pub(crate) fn evidence(fact: FactKind, span: &Span, mention: &str) -> Evidence {
    Evidence {
        fact,
        text: span.text.clone(),
        start: span.start(),
        end: span.end(),
        mention: mention.to_owned(),
        why: Vec::new(),
    }
}

pub(crate) fn sentence_evidence(fact: FactKind, s: &Sentence, mention: &str) -> Evidence {
    evidence(fact, &s.span, mention)
}
