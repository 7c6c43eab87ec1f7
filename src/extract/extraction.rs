//! What extraction gives for one report: its meeting, agenda, person mentions
//! as written, organisations and topics, before identity resolution; or why
//! the file is not a meeting record.

use crate::ingest::Places;
use crate::model::{
    AgendaItem, Evidence, FactKind, Meeting, Membership, MessageId, Organisation, Quote, Role,
    Topic,
};
use crate::text::{Sentence, Span};
use std::collections::HashMap;
use std::hash::Hash;
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
    pub roles: Vec<Role>,
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
    pub fn with_roles(mut self, roles: Vec<Role>) -> Self {
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

/// A sentence or list line of up to this many chars is its mentions' evidence
/// whole. Evidence is for a person reading where a fact came from, and every
/// sentence a person writes is shorter: the longest evidence of the seed
/// reports, the test fixtures and the development set's 108 records is 2,000
/// chars. Only a list flattened onto one line, or a table without line
/// breaks, is longer.
pub const EVIDENCE_WHOLE_CHARS: usize = 4096;

/// In a longer sentence, each mention's evidence is the mention with up to
/// this many chars either side, cut at spaces: a few names of the list around
/// it. Keeping the whole line made each of a line's N mentions carry the line,
/// memory quadratic in its length: a 2 MB line of names took 23 GB (issue 25).
pub const EVIDENCE_CONTEXT_CHARS: usize = 200;

/// The evidence that `span` states `fact` of `mention`: the whole span when it
/// is short, else a window around the first place the span writes `mention`
/// (its start when it does not). Cost: for a long span, a search of it up to
/// the mention, each call: callers that know where the mention is, or meet a
/// span's mentions in order, use [`evidence_at`] or [`Locator`].
pub(crate) fn evidence(fact: FactKind, span: &Span, mention: &str) -> Evidence {
    let at = if span.char_len() > EVIDENCE_WHOLE_CHARS {
        span.text().find(mention).map(|b| b..b + mention.len())
    } else {
        None
    };
    evidence_at(fact, span, mention, at.unwrap_or(0..0))
}

/// The evidence that `span` states `fact` of `mention`, written at the byte
/// range `at` of the span's text: the whole span when it has at most
/// [`EVIDENCE_WHOLE_CHARS`] chars, else [`window`]. Its offsets point into
/// the report either way; its text is left empty until [`exact_evidence`]
/// quotes the report between them (a copy of the cleaned text for each of a
/// million mentions was most of the memory of a 16 MiB list, and was thrown
/// away there). Cost: the window's length, however long the span.
pub(crate) fn evidence_at(
    fact: FactKind,
    span: &Span,
    mention: &str,
    at: std::ops::Range<usize>,
) -> Evidence {
    let (start, end) = if span.char_len() <= EVIDENCE_WHOLE_CHARS {
        (span.start(), span.end())
    } else {
        let (first, last) = window(span, at);
        span.origin_of_chars(first, last - first)
    };
    Evidence {
        fact,
        text: Quote::default(),
        start,
        end,
        mention: mention.to_owned(),
        why: Vec::new(),
        page: None,
        message_id: None,
    }
}

/// Quotes every evidence of `out` from `raw`, the decoded report, between
/// its offsets (clamped to the report), so that a reader (or an
/// `oa:TextQuoteSelector`) finds it there exactly: the cleaned sentence
/// drops markup and folds line breaks. The quotes of a long line share it
/// ([`Quote::shared`]) where they would copy more of it than its length; other
/// quotes are copies. Cost: linear in the report and the quotes' lengths.
pub(crate) fn exact_evidence(raw: &str, out: &mut Extraction) {
    let chars = CharBytes::new(raw);
    let mut all: Vec<&mut Evidence> = (out.mentions.iter_mut().map(|m| &mut m.evidence))
        .chain(
            out.organisations
                .iter_mut()
                .flat_map(|o| o.evidence.iter_mut()),
        )
        .chain(out.topics.iter_mut().flat_map(|t| t.evidence.iter_mut()))
        .collect();
    let ranges: Vec<std::ops::Range<usize>> = all
        .iter_mut()
        .map(|e| {
            e.end = e.end.min(chars.len);
            e.start = e.start.min(e.end);
            chars.byte_in(raw, e.start)..chars.byte_in(raw, e.end)
        })
        .collect();
    let mut lines = LongLines::new(raw);
    for r in &ranges {
        lines.count(r);
    }
    for (e, r) in all.into_iter().zip(ranges) {
        e.text = lines.quote(raw, r);
    }
}

/// Gives every evidence of `out` the place in its file of its first char
/// (the page of a PDF, the Message-ID of a mail), as the reader recorded it
/// in `places`. Nothing changes for a text whose places are unknown. Cost: a
/// binary search of the places per evidence.
pub(crate) fn located(places: &Places, out: &mut Extraction) {
    if places.is_empty() {
        return;
    }
    let all = (out.mentions.iter_mut().map(|m| &mut m.evidence))
        .chain(
            out.organisations
                .iter_mut()
                .flat_map(|o| o.evidence.iter_mut()),
        )
        .chain(out.topics.iter_mut().flat_map(|t| t.evidence.iter_mut()));
    for e in all {
        let Some(place) = places.at(e.start) else {
            continue;
        };
        e.page = place.page;
        e.message_id = place.message_id.clone().map(MessageId::from);
    }
}

/// Byte positions of the chars of a text, from a mark every 64 chars: an
/// index of every char took 8 bytes a char, 128 MB for a 16 MiB report.
struct CharBytes {
    /// Chars in the text.
    len: usize,
    /// Byte position of chars 0, 64, 128, ...; empty for ASCII text, where
    /// a char's position is its byte's.
    marks: Vec<usize>,
    text_len: usize,
}

impl CharBytes {
    const EVERY: usize = 64;

    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                len: text.len(),
                marks: Vec::new(),
                text_len: text.len(),
            };
        }
        let mut marks = Vec::new();
        let mut len = 0;
        for (i, (b, _)) in text.char_indices().enumerate() {
            if i % Self::EVERY == 0 {
                marks.push(b);
            }
            len = i + 1;
        }
        Self {
            len,
            marks,
            text_len: text.len(),
        }
    }

    /// The byte position of char `c` (at most [`Self::len`]) in `text`, the
    /// text indexed; the text's length for its end.
    fn byte_in(&self, text: &str, c: usize) -> usize {
        if c >= self.len {
            return self.text_len;
        }
        if self.marks.is_empty() {
            return c;
        }
        let from = self.marks[c / Self::EVERY];
        text[from..]
            .char_indices()
            .nth(c % Self::EVERY)
            .map_or(self.text_len, |(b, _)| from + b)
    }
}

/// The lines of a report longer than [`EVIDENCE_WHOLE_CHARS`] bytes, which
/// windowed quotes come from, with how many bytes the quotes inside each
/// take, and the line as quotes share it once it is shared.
struct LongLines {
    lines: Vec<(std::ops::Range<usize>, usize, Option<std::sync::Arc<str>>)>,
}

impl LongLines {
    fn new(raw: &str) -> Self {
        let mut lines = Vec::new();
        let mut from = 0;
        for piece in raw.split_inclusive('\n') {
            if piece.len() > EVIDENCE_WHOLE_CHARS {
                lines.push((from..from + piece.len(), 0, None));
            }
            from += piece.len();
        }
        Self { lines }
    }

    /// The long line that holds the bytes `r` whole.
    fn holding(&self, r: &std::ops::Range<usize>) -> Option<usize> {
        let i = self.lines.partition_point(|(l, _, _)| l.end <= r.start);
        self.lines
            .get(i)
            .filter(|(l, _, _)| l.start <= r.start && r.end <= l.end)
            .map(|_| i)
    }

    /// Counts the quote of bytes `r` against the line that holds it.
    fn count(&mut self, r: &std::ops::Range<usize>) {
        if let Some(i) = self.holding(r) {
            self.lines[i].1 += r.len();
        }
    }

    /// The quote of bytes `r` of `raw`: a range of its long line when the
    /// line's quotes, counted before, take more than the line; else a copy.
    fn quote(&mut self, raw: &str, r: std::ops::Range<usize>) -> Quote {
        let Some(i) = self.holding(&r) else {
            return Quote::from(&raw[r]);
        };
        let (line, quoted, shared) = &mut self.lines[i];
        if *quoted <= line.len() {
            return Quote::from(&raw[r]);
        }
        let text = shared.get_or_insert_with(|| std::sync::Arc::from(&raw[line.clone()]));
        Quote::shared(text, r.start - line.start..r.end - line.start)
    }
}

/// The chars `first..last` of a long span that show the mention at byte
/// range `at`: [`EVIDENCE_CONTEXT_CHARS`] either side of it, cut back to a
/// space so that no word is halved, and never more than
/// [`EVIDENCE_WHOLE_CHARS`] in all (a mention longer than that is cut).
fn window(span: &Span, at: std::ops::Range<usize>) -> (usize, usize) {
    let a = span.char_at_byte(at.start);
    let b = span.char_at_byte(at.end).max(a);
    let mut first = a.saturating_sub(EVIDENCE_CONTEXT_CHARS);
    let mut last = (b + EVIDENCE_CONTEXT_CHARS)
        .min(span.char_len())
        .min(first + EVIDENCE_WHOLE_CHARS);
    let text = span.text();
    if first > 0 {
        let (from, to) = (span.byte_of_char(first), span.byte_of_char(a));
        if let Some(space) = text[from..to].find(' ') {
            first = span.char_at_byte(from + space + 1);
        }
    }
    if last < span.char_len() && last > b {
        let (from, to) = (span.byte_of_char(b), span.byte_of_char(last));
        if let Some(space) = text[from..to].rfind(' ') {
            last = span.char_at_byte(from + space);
        }
    }
    (first, last.max(first))
}

/// How far after the last mention found in a long span the next one is
/// looked for, in bytes: further than a list puts its next name.
const LOOKAHEAD_BYTES: usize = 4096;

/// Finds where the mentions of long spans are written, for mentions that a
/// rule finds in text order, place by place (`K` names the place): each is
/// looked for from where the one before it in the same place was written,
/// so that a line of N names is read once, not N times. A mention not
/// written there as found (an all-capitals name title-cased) gets the window
/// at the mention before it, which a list's next name is beside.
#[derive(Debug)]
pub(crate) struct Locator<K> {
    last: HashMap<K, usize>,
}

impl<K> Default for Locator<K> {
    fn default() -> Self {
        Self {
            last: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq> Locator<K> {
    /// The evidence that `span` (the place `key`) states `fact` of `mention`,
    /// as [`evidence`] gives it. Cost: for a long span, the span up to the
    /// first mention of the place, then at most [`LOOKAHEAD_BYTES`] a mention.
    pub(crate) fn evidence(
        &mut self,
        key: K,
        fact: FactKind,
        span: &Span,
        mention: &str,
    ) -> Evidence {
        if span.char_len() <= EVIDENCE_WHOLE_CHARS {
            return evidence_at(fact, span, mention, 0..0);
        }
        let text = span.text();
        let at = match self.last.get(&key) {
            None => text.find(mention).unwrap_or(0),
            Some(&from) => {
                // The end of the look-ahead, moved to the start of a char.
                let to = span.byte_of_char(span.char_at_byte(from + LOOKAHEAD_BYTES));
                text[from..to].find(mention).map_or(from, |b| from + b)
            }
        };
        self.last.insert(key, at);
        let end = if text[at..].starts_with(mention) {
            at + mention.len()
        } else {
            at
        };
        evidence_at(fact, span, mention, at..end)
    }
}

pub(crate) fn sentence_evidence(fact: FactKind, s: &Sentence, mention: &str) -> Evidence {
    evidence(fact, &s.span, mention)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    /// "Participants: " and `n` names, on one line.
    fn names_line(n: usize) -> String {
        let names: Vec<String> = (0..n).map(|i| format!("Ana Lima{i}")).collect();
        format!("Participants: {}.", names.join(", "))
    }

    /// `e` quoted from `raw` as an extraction's evidence is.
    fn quoted(raw: &str, e: Evidence) -> Evidence {
        let mut out = Extraction::default();
        out.mentions.push(PersonMention::new("x", e));
        exact_evidence(raw, &mut out);
        out.mentions.remove(0).evidence
    }

    #[test]
    fn a_sentence_of_up_to_the_bound_is_evidence_whole() {
        let raw = "Ana Lima and Ben Ode met in Lisbon.";
        let t = Text::new(raw);
        let e = quoted(
            raw,
            evidence(FactKind::Mentioned, &t.sentences[0].span, "Ben Ode"),
        );
        assert_eq!(e.text, "Ana Lima and Ben Ode met in Lisbon.");
        assert_eq!((e.start, e.end), (0, 35));
    }

    /// Every mention of a line of megabytes carried the whole line (issue
    /// 25): past the bound, evidence is the mention and up to
    /// [`EVIDENCE_CONTEXT_CHARS`] either side, cut at spaces, pointing at
    /// its place in the report.
    #[test]
    fn a_mention_of_a_long_line_gets_a_window_cut_at_spaces() {
        let raw = names_line(2_000);
        let t = Text::new(&raw);
        let span = &t.lines[0].span;
        assert!(span.char_len() > EVIDENCE_WHOLE_CHARS);
        let at = raw.find("Ana Lima1000,").unwrap_or(0);
        let e = evidence_at(FactKind::Listed, span, "Ana Lima1000", at..at + 12);
        let e = quoted(&raw, e);
        assert_eq!(e.text, raw[e.start..e.end]);
        assert!(e.text.contains("Ana Lima1000,"));
        assert!(e.text.len() <= 12 + 2 * EVIDENCE_CONTEXT_CHARS);
        assert!(e.text.len() > 2 * EVIDENCE_CONTEXT_CHARS - 40);
        assert!(
            e.text.starts_with("Ana Lima") && e.text.ends_with(','),
            "{}",
            e.text
        );
        // Without a place, the first place the line writes the name.
        let found = quoted(&raw, evidence(FactKind::Listed, span, "Ana Lima1999"));
        assert!(found.text.contains("Ana Lima1999."), "{}", found.text);
    }

    /// A rule finds a line's names in text order; each is looked for after
    /// the one before, and a name written otherwise (all capitals) gets the
    /// window of the name before it, not a search of the whole line.
    #[test]
    fn the_locator_finds_names_in_order_and_falls_back_near_the_last() {
        let raw = names_line(2_000).replace("Ana Lima1500", "ANA LIMA1500");
        let t = Text::new(&raw);
        let span = &t.lines[0].span;
        let mut locator = Locator::default();
        for i in [3, 200, 200, 400, 600, 800, 1000, 1200, 1400, 1499] {
            let name = format!("Ana Lima{i}");
            let e = quoted(&raw, locator.evidence(0, FactKind::Listed, span, &name));
            assert!(e.text.contains(&format!("{name},")), "{name}: {}", e.text);
        }
        let e = quoted(
            &raw,
            locator.evidence(0, FactKind::Listed, span, "Ana Lima1500"),
        );
        assert!(e.text.contains("Ana Lima1499, ANA LIMA1500"), "{}", e.text);
    }

    /// The quotes of a long line share it (issue 25): a window of a 16 MiB
    /// line copied for each of its million mentions took most of the
    /// memory. Each reads as the report writes it between its offsets
    /// (chars, not bytes), and a short line's quote is its own.
    #[test]
    fn the_quotes_of_a_long_line_share_it_and_read_as_the_report_writes_them() {
        let raw = format!("Zoë Lima and Ben Ode met.\n{}\n", names_line(2_000));
        let t = Text::new(&raw);
        let long = &t.lines[1].span;
        let mut out = Extraction::default();
        let e = evidence(FactKind::Mentioned, &t.sentences[0].span, "Ben Ode");
        out.mentions.push(PersonMention::new("Ben Ode", e));
        let mut locator = Locator::default();
        for i in 0..2_000 {
            let name = format!("Ana Lima{i}");
            let e = locator.evidence(0, FactKind::Listed, long, &name);
            out.mentions.push(PersonMention::new(&name, e));
        }
        exact_evidence(&raw, &mut out);
        for m in &out.mentions {
            let e = &m.evidence;
            let written: String = raw.chars().skip(e.start).take(e.end - e.start).collect();
            assert_eq!(e.text.as_str(), written);
            assert!(e.text.contains(&m.text), "{}: {}", m.text, e.text);
        }
        assert_eq!(
            out.mentions[0].evidence.text.as_str(),
            "Zoë Lima and Ben Ode met."
        );
        // A quote that ends the report ends at its last byte, not its char count.
        let raw = "Zoë Lima and Ben Ode met.";
        let e = quoted(
            raw,
            evidence(
                FactKind::Mentioned,
                &Text::new(raw).sentences[0].span,
                "Ben Ode",
            ),
        );
        assert_eq!(e.text.as_str(), raw);
        let first = &out.mentions[1].evidence.text;
        assert!(out.mentions[2..]
            .iter()
            .all(|m| m.evidence.text.shares(first)));
        assert!(!out.mentions[0].evidence.text.shares(first));
    }
}
