//! What extraction gives for one report: its meeting, agenda, person mentions
//! as written, organisations and topics, before identity resolution; or why
//! the file is not a meeting record.

use crate::model::{AgendaItem, Evidence, FactKind, Meeting, Membership, Organisation, Topic};
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
