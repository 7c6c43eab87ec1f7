//! The knowledge model between extraction and RDF: plain structs, nothing else.
//!
//! Rationale: extraction knows nothing of RDF and the RDF mapping knows nothing of
//! text, so the two meet here. The JSON form of [`Report`] is the contract of
//! `meetkg extract` and has exactly the shape of the gold annotations (see the
//! README of the gold data); the fields the scorer does not know (`evidence`,
//! `memberships`, `mentions`, `warnings`) are additions it ignores.

use crate::words::UtcOffset;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// The longest person's name kept, in characters (as written, honorifics
/// included). Real names need far less (the longest in the corpora and the
/// development set has 49 characters, a Spanish name with two double surnames
/// and titles about 80): the bound is there because a "name" of 16 million
/// letters became a person whose IRI and exports were 65 MB. A longer name is
/// left out and named in the report's warnings.
pub const MAX_PERSON_NAME_CHARS: usize = 200;

/// The longest organisation's name kept, in characters: above the longest
/// official name in the gazetteer (200 characters, a UN body's full title)
/// with a margin. A longer name is left out and named in the report's warnings.
pub const MAX_ORGANISATION_NAME_CHARS: usize = 300;

/// True when `name` has at most `max` characters; costs `max` steps at most,
/// however long the name.
pub fn within_bound(name: &str, max: usize) -> bool {
    name.len() <= max || name.chars().nth(max).is_none()
}

/// Everything extracted from one report file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The report's file name (no directory), as the gold files name it.
    pub source: String,
    pub meeting: Meeting,
    pub agenda: Vec<AgendaItem>,
    pub people: Vec<Person>,
    pub organisations: Vec<Organisation>,
    pub topics: Vec<Topic>,
    /// SHA-256 of the report's bytes, hex: what incremental builds and provenance key on.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sha256: String,
    /// What the extraction could not find or understand in this report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// For a mail message, the messages it answers: `in_reply_to` and
    /// `references` in JSON, left out when there are none.
    #[serde(default, flatten)]
    pub thread: Thread,
}

/// The messages a mail message answers, by Message-ID (RFC 5322 §3.6.4):
/// what a list's archive shows as a thread. The reader keeps it, the
/// extraction does not need it, and the RDF links a reply's report to the
/// report of the message it answers ([`Thread::parents`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    /// `In-Reply-To:`: the message (rarely several) it replies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_reply_to: Vec<MessageId>,
    /// `References:`: the thread's messages before it, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<MessageId>,
}

impl Thread {
    /// The messages it replies to: its `In-Reply-To:`, else the last of its
    /// `References:`, which is the parent where a mail program wrote only
    /// that field (RFC 5322 §3.6.4).
    pub fn parents(&self) -> &[MessageId] {
        if self.in_reply_to.is_empty() {
            let last = self.references.len().saturating_sub(1);
            &self.references[last..]
        } else {
            &self.in_reply_to
        }
    }
}

/// The meeting a report records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The body whose meeting this is ("MAG Working Group on IGF Strengthening and Strategy").
    pub series: String,
    /// The meeting's ordinal in its series, where the report gives one.
    pub number: Option<u32>,
    /// The meeting's date, `YYYY-MM-DD` in JSON.
    #[serde(default, with = "iso_date")]
    pub date: Option<NaiveDate>,
    /// The start time in UTC, `HH:MM` in JSON: only where the record names the
    /// time's zone or offset, never a local time taken for UTC.
    #[serde(default, with = "hh_mm")]
    pub start_time_utc: Option<NaiveTime>,
    /// The start time as the record writes it, on the clock of the meeting's
    /// place, `HH:MM` in JSON; its zone is `utc_offset_minutes` when known.
    #[serde(default, with = "hh_mm", skip_serializing_if = "Option::is_none")]
    pub start_time_local: Option<NaiveTime>,
    /// The offset from UTC of `start_time_local`, in minutes east, where the
    /// record names a zone, an offset or a place's time; within ±14:00, and
    /// refused when read beyond it (the cache then extracts the report again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_minutes: Option<UtcOffset>,
    /// Canonical person names.
    pub moderators: Vec<String>,
    /// Canonical person names.
    pub hosts: Vec<String>,
    /// The date announced for the next meeting, `YYYY-MM-DD` in JSON.
    #[serde(default, with = "iso_date")]
    pub next_meeting_date: Option<NaiveDate>,
}

/// One item of the agenda; `id` is its number path ("2", "2.b").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: String,
    pub title: String,
}

/// One real person as one report sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Canonical name, the same in every report once identities are resolved.
    pub name: String,
    /// Every other form this report uses for the person.
    pub aliases: Vec<String>,
    /// Made an intervention in the meeting.
    pub spoke: bool,
    /// In the report's list of participants.
    pub listed: bool,
    /// Role phrases ("MAG Chair", "moderator", "host").
    pub roles: Vec<Role>,
    /// Organisations the report ties the person to, as the report names them
    /// ("ICC", "Russian Government"); the gold scorer matches them through the
    /// report's organisation aliases.
    pub affiliations: Vec<String>,
    /// The same affiliations with canonical organisation names, and the role held
    /// there where the report pairs them: what the graph is built from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<Membership>,
    /// Each raw mention of the person and how it was resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
    /// Sentences that support the facts about this person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A person's affiliation with an organisation, with the role held in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Membership {
    /// Canonical organisation name.
    pub organisation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// A role a person holds ("MAG Chair", "moderator"), as the role scheme or
/// the report names it: trimmed and never blank, so that every role has a
/// label and an IRI. Made once, where extraction reads the phrase; reads,
/// compares and serialises as the phrase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Role(String);

impl Role {
    /// The role `phrase` names, trimmed; none for a blank phrase.
    pub fn new(phrase: &str) -> Option<Self> {
        let phrase = phrase.trim();
        (!phrase.is_empty()).then(|| Self(phrase.to_owned()))
    }

    /// The role a fact gives whoever it names: a moderator's or a host's;
    /// none for the other facts.
    pub fn of_fact(fact: FactKind) -> Option<Self> {
        match fact {
            FactKind::Moderator => Self::new("moderator"),
            FactKind::Host => Self::new("host"),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same role up to ASCII case ("MAG chair", "MAG Chair"): a person
    /// holds it once.
    pub fn is_same(&self, other: &Role) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl std::ops::Deref for Role {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Role {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Role {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// A blank role is refused when read (the cache then extracts the report
/// again); a role with white space around it is trimmed.
impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let phrase = String::deserialize(d)?;
        Self::new(&phrase).ok_or_else(|| serde::de::Error::custom("a blank role"))
    }
}

/// A raw mention of a person, kept beside the resolved identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Mention {
    /// The text as the report wrote it.
    pub text: String,
    /// How it was tied to the canonical name.
    pub resolution: Resolution,
    /// Similarity for fuzzy matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
}

/// How alike two names are, from 0 to 1 in hundredths: a fuzzy match's
/// similarity, rounded once where the resolution enters the model. Orders
/// as its value; `0.87` as a string in JSON, the form the registry and the
/// cache have always held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    /// The score of a `similarity` from 0 to 1, rounded to hundredths as
    /// `{:.2}` rounds (so that it reads as it always has); none outside
    /// that range or for NaN.
    pub fn new(similarity: f64) -> Option<Self> {
        Self::parse(&format!("{similarity:.2}"))
    }

    /// `0.87`, `1.00`: a digit, a full stop and two digits, at most 1.
    fn parse(text: &str) -> Option<Self> {
        let (whole, hundredths) = text.split_once('.')?;
        let digits = |d: &str, n: usize| d.len() == n && d.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole, 1) || !digits(hundredths, 2) {
            return None;
        }
        let value = whole.parse::<u8>().ok()? * 100 + hundredths.parse::<u8>().ok()?;
        (value <= 100).then_some(Self(value))
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A score that is not `d.dd` from 0 to 1 is refused when read.
impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("score {text:?}")))
    }
}

/// How a mention was resolved to its identity.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The mention is the canonical name (up to case and accents).
    #[default]
    Exact,
    /// A partial name matched exactly one person of the same report.
    Roster,
    /// A partial name matched exactly one person elsewhere in the corpus.
    Corpus,
    /// A misspelling, matched by string similarity.
    Fuzzy,
    /// A nickname from the alias data.
    Nickname,
    /// A curated same-as rule from `ontology/`.
    Curated,
    /// Nothing matched: the mention stands as a person of its own.
    Unresolved,
}

/// What kind of fact a piece of evidence supports.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    Spoke,
    Listed,
    #[default]
    Mentioned,
    Moderator,
    Host,
    Affiliation,
    Discussed,
}

/// A sentence of the report that states a fact: the text and where it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub fact: FactKind,
    /// The sentence (or list line) exactly as the report writes it between
    /// `start` and `end`, markup and line breaks included. A sentence longer
    /// than any a person writes (over
    /// [`EVIDENCE_WHOLE_CHARS`](crate::extract::extraction::EVIDENCE_WHOLE_CHARS):
    /// a list flattened onto one line) is quoted only around the mention.
    /// Quotes of one long line share it ([`Quote`]).
    pub text: Quote,
    /// Character (not byte) offset of the quote's start in the decoded report.
    pub start: usize,
    /// Character offset one past the quote's end.
    pub end: usize,
    /// The string that named the entity in that sentence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mention: String,
    /// Why the extraction took the mention as a person ("given name", "list of
    /// names", "speaker label"): the cues of the person recogniser. Their
    /// own words, not copies: a list of a million names gave each mention
    /// its copies of the same few (issue 25).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<std::borrow::Cow<'static, str>>,
    /// The page of the PDF (from 1) on which the quote starts: where a
    /// reader opens the file to check it. None for formats without pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The Message-ID of the e-mail the quote is in, without its angle
    /// brackets: how a reader finds the message in their mail program or the
    /// list's archive. None for other formats, and for a message without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<MessageId>,
}

/// The Message-ID of an e-mail, without its angle brackets ("1@example.org").
/// Every quote of a message shares its one copy: a message naming a million
/// people gives a million quotes (issue 25). Serialises as the string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MessageId(Arc<str>);

impl MessageId {
    /// What opens the identity of a report that is a mail message: the
    /// scheme of RFC 2392's message URLs.
    pub const SCHEME: &'static str = "mid:";

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The identity (`source`) of the report this message is: `mid:` and
    /// its id, whatever file and wherever in it the message was found, so
    /// that its IRIs stay as an archive grows or is re-ordered, and two
    /// copies of one message are one report.
    pub fn source(&self) -> String {
        format!("{}{}", Self::SCHEME, self.0)
    }

    /// The Message-ID of a report known by one ([`Self::source`]); `None`
    /// for a report known by its file.
    pub fn of_source(source: &str) -> Option<&str> {
        source
            .strip_prefix(Self::SCHEME)
            .filter(|id| !id.is_empty())
    }
}

impl From<Arc<str>> for MessageId {
    fn from(id: Arc<str>) -> Self {
        Self(id)
    }
}

impl From<&str> for MessageId {
    fn from(id: &str) -> Self {
        Self(id.into())
    }
}

impl fmt::Debug for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for MessageId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MessageId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|id| Self(id.into()))
    }
}

/// The text of an [`Evidence`]: a range of a text that quotes may share.
///
/// A list of names flattened onto one line of 16 MiB gives a million
/// mentions, each quoting a few hundred characters of that line: as strings
/// of their own the quotes took more memory than everything else of the
/// report (issue 25). All quotes of one long line share the line, and each
/// is a range of it; a short quote holds its own text. Reads, compares,
/// orders, hashes and serialises as the quoted `str`.
#[derive(Clone, Default)]
pub struct Quote {
    text: Arc<str>,
    range: Range<usize>,
}

impl Quote {
    /// The bytes `range` of `text`, which all quotes cut from it share; the
    /// whole of `text` if `range` is not a range of it between chars.
    pub fn shared(text: &Arc<str>, range: Range<usize>) -> Self {
        let range = if text.get(range.clone()).is_some() {
            range
        } else {
            0..text.len()
        };
        Self {
            text: Arc::clone(text),
            range,
        }
    }

    pub fn as_str(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or_default()
    }

    /// Whether the two quotes are cut from one shared text.
    pub fn shares(&self, other: &Quote) -> bool {
        Arc::ptr_eq(&self.text, &other.text)
    }
}

impl std::ops::Deref for Quote {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Quote {
    fn from(s: &str) -> Self {
        Self {
            range: 0..s.len(),
            text: s.into(),
        }
    }
}

impl From<String> for Quote {
    fn from(s: String) -> Self {
        Self {
            range: 0..s.len(),
            text: s.into(),
        }
    }
}

impl PartialEq for Quote {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Quote {}

impl PartialEq<str> for Quote {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Quote {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Quote {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Quote> for String {
    fn eq(&self, other: &Quote) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Quote> for str {
    fn eq(&self, other: &Quote) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Quote> for &str {
    fn eq(&self, other: &Quote) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for Quote {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quote {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Quote {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for Quote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Quote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Quote {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Quote {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::from)
    }
}

/// An organisation, institution, office or body the report names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// A subject the meeting discussed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub name: String,
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Set for a keyphrase of the record, a subject the thesaurus lacks; none
    /// for a concept of the thesaurus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyphrase: Option<Keyphrase>,
}

/// What makes a topic a keyphrase concept of its own scheme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyphrase {
    /// The folded lemma form ("steering committee meeting" for "Steering
    /// Committee Meetings"): the concept's identity in every report.
    pub key: String,
    /// Preferred labels of the thesaurus concepts whose labels the keyphrase
    /// names ("Cybersecurity" in "BPF Cybersecurity 2023 work").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub close_matches: Vec<String>,
}

/// How the model writes its dates and times: ISO 8601, the one form of the
/// JSON contract (through the serde adapters `iso_date` and `hh_mm`), of
/// the `xsd:date` and `xsd:time` literals and of the meeting IRIs that name
/// a date. The values are parsed once, where the header is read; the
/// writers only format them.
pub mod iso {
    use crate::words::UtcOffset;
    use chrono::{NaiveDate, NaiveTime};

    /// `YYYY-MM-DD`: a date in JSON, an `xsd:date` and an IRI's segment.
    pub const DATE: &str = "%Y-%m-%d";
    /// `HH:MM`: a time in JSON.
    pub const HH_MM: &str = "%H:%M";
    /// `HH:MM:SS`: the clock of an `xsd:time`; JSON reads it too.
    pub const HH_MM_SS: &str = "%H:%M:%S";

    /// `date` as `YYYY-MM-DD`.
    pub fn date(date: NaiveDate) -> String {
        date.format(DATE).to_string()
    }

    /// `time` as `HH:MM:SS` on a clock `offset` east of UTC: `Z`
    /// after it at offset 0 (the canonical form a store gives back),
    /// `+01:00` at an hour east, nothing where the zone is unknown, which
    /// XML Schema reads as a time of an unknown zone.
    pub fn zoned_time(time: NaiveTime, offset: Option<UtcOffset>) -> String {
        let clock = time.format(HH_MM_SS);
        match offset.map(UtcOffset::minutes) {
            Some(0) => format!("{clock}Z"),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                let o = o.unsigned_abs();
                format!("{clock}{sign}{:02}:{:02}", o / 60, o % 60)
            }
            None => clock.to_string(),
        }
    }
}

/// `HH:MM` for `Option<NaiveTime>` in JSON; reads `HH:MM:SS` too. A time
/// that does not parse is refused when read (the cache then extracts the
/// report again).
mod hh_mm {
    use super::iso::{HH_MM, HH_MM_SS};
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => s.collect_str(&t.format(HH_MM)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| {
                NaiveTime::parse_from_str(&text, HH_MM)
                    .or_else(|_| NaiveTime::parse_from_str(&text, HH_MM_SS))
                    .map_err(serde::de::Error::custom)
            })
            .transpose()
    }
}

/// Dates as the gold annotations write them: ISO 8601 `YYYY-MM-DD`, `null`
/// when unknown. A date that does not parse is refused when read (the cache
/// then extracts the report again).
mod iso_date {
    use super::iso::DATE;
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(&d.format(DATE)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| NaiveDate::parse_from_str(&text, DATE).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_is_trimmed_and_a_blank_one_refused() {
        assert_eq!(Role::new(" MAG Chair "), Role::new("MAG Chair"));
        assert_eq!(Role::new(" \t"), None);
        let back: Result<Role, _> = serde_json::from_value(serde_json::json!("  "));
        assert!(back.is_err());
        let same = Role::new("MAG chair")
            .is_some_and(|a| Role::new("MAG Chair").is_some_and(|b| a.is_same(&b)));
        assert!(same);
    }

    #[test]
    fn a_score_rounds_as_two_decimals_and_reads_back_its_string() {
        let text = |s: f64| Score::new(s).map(|s| s.to_string());
        assert_eq!(text(0.8712).as_deref(), Some("0.87"));
        assert_eq!(text(1.0).as_deref(), Some("1.00"));
        assert_eq!(text(0.0).as_deref(), Some("0.00"));
        assert_eq!(text(0.05).as_deref(), Some("0.05"));
        assert_eq!(text(1.2), None);
        assert_eq!(text(f64::NAN), None);
        assert!(Score::new(0.42) < Score::new(0.5));
        let json = serde_json::to_value(Score::new(0.5)).expect("serialisable");
        assert_eq!(json, "0.50");
        let back: Score = serde_json::from_value(json).expect("round trip");
        assert_eq!(Some(back), Score::new(0.5));
        assert!(serde_json::from_value::<Score>(serde_json::json!("0.5")).is_err());
    }

    #[test]
    fn a_zoned_time_writes_z_at_utc_its_offset_east_or_west_and_none_unzoned() {
        let t = NaiveTime::from_hms_opt(9, 5, 0).unwrap_or_default();
        let at = UtcOffset::from_minutes;
        assert_eq!(iso::zoned_time(t, at(0)), "09:05:00Z");
        assert_eq!(iso::zoned_time(t, at(330)), "09:05:00+05:30");
        assert_eq!(iso::zoned_time(t, at(-240)), "09:05:00-04:00");
        assert_eq!(iso::zoned_time(t, None), "09:05:00");
        let d = NaiveDate::from_ymd_opt(2022, 3, 4).unwrap_or_default();
        assert_eq!(iso::date(d), "2022-03-04");
    }

    #[test]
    fn times_are_hh_mm_in_json_and_an_invalid_one_is_refused() {
        let meeting = Meeting {
            start_time_local: NaiveTime::from_hms_opt(9, 5, 0),
            ..Meeting::default()
        };
        let json = serde_json::to_value(&meeting).expect("serialisable");
        assert_eq!(json["start_time_utc"], serde_json::Value::Null);
        assert_eq!(json["start_time_local"], "09:05");
        assert!(json.get("utc_offset_minutes").is_none());
        let back: Meeting = serde_json::from_value(json).expect("round trip");
        assert_eq!(back, meeting);
        let bad = serde_json::json!({"series": "", "number": null, "start_time_utc": "2pm",
            "moderators": [], "hosts": []});
        assert!(serde_json::from_value::<Meeting>(bad).is_err());
    }
}
