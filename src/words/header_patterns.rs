//! The patterns of a record's header, compiled once from the lexicon: the
//! grammar of each pattern stays here, its words are sections of
//! `lexicon.txt` (`[title-labels]`, `[holding-verbs]`...), so the words of
//! another language or style of record need no change of code.
//!
//! Rationale: the header's rules matched English words written inside their
//! regexes; the words now come from the data, and each pattern is built
//! once, when the lexicon is loaded, never per call. A section's words are
//! tried longest first, which is how the patterns were written ("summary
//! report" before "summary", "no." before "no"), and a space in an entry
//! matches any run of white space unless a pattern says otherwise.

use super::lexicon::Sections;
use regex::Regex;

/// The header's compiled patterns. An empty section leaves its part of a
/// pattern matching nothing.
#[derive(Debug, Clone)]
pub struct HeaderPatterns {
    /// "Meeting No. 12", "Call #3", "Session XIV": a noun of
    /// `[title-number-nouns]`, a mark of `[number-marks]`,
    /// `[title-number-marks]` or "#", the number (group 1).
    pub title_number: Regex,
    /// "US-style dates", "MM/DD/YYYY": a record that says its dates are
    /// written month first (`[month-first-marks]`, a space there also a
    /// hyphen).
    pub us_dates: Regex,
    /// "IGF-USA", "Seattle, Washington": a country or state whose records
    /// write numeric dates month first (`[month-first-places]`, as written).
    pub month_first_places: Regex,
    /// "Meeting: ", "Subject: ": a label before a title (`[title-labels]`).
    pub title_label: Regex,
    /// The lines of an e-mail's header block ("From:", "Subject:"...),
    /// `[email-header-fields]`.
    pub email_header: Regex,
    /// "The Dynamic Coalition on Network Neutrality (DCNN) held its second
    /// call": `[definite-articles]`, the body (group 1), `[holding-verbs]`,
    /// `[holding-determiners]`; case as written.
    pub held_its: Regex,
    /// "The Senate met on 3 May", "Das Plenum der Leibniz-Sozietät trat am
    /// 28. Januar ... zusammen": `[definite-articles]`, the body (group 1),
    /// a phrase of `[sitting-verbs]`; case as written.
    pub sat: Regex,
    /// "Valentina Sosa, who chairs the committee this year": a name (group
    /// 1), `[relative-pronouns]`, `[chairing-verbs]`,
    /// `[meeting-determiners]`, `[chaired-bodies]`; case as written.
    pub who_chairs: Regex,
    /// "the 84th virtual meeting": a number (group 1) with a suffix of
    /// `[ordinal-suffixes]`, up to two words, `[header-meeting-nouns]`.
    pub ordinal_number: Regex,
    /// "Monday ...", "3 May": a line that opens with a day of `[weekdays]`
    /// or a digit.
    pub weekday_or_digit: Regex,
    /// "... Meeting Minutes", "Notes of the monthly call", "(Online Meeting
    /// No. 3)": what ends a title after the body's name, removed.
    pub title_tail: Regex,
    /// "Minutes of the Regular Meeting of the ...": what opens a title
    /// before the body's name, removed.
    pub title_head: Regex,
    /// "... meeting of the Finance Committee was held": the body (group 1)
    /// after a meeting noun and `[series-links]`, up to a comma, a verb of
    /// `[series-enders]` or a date.
    pub sentence_series: Regex,
    /// "DC Coordination meeting #60", "Wikimedia UK Board meeting Tuesday
    /// 12th May 2009", "NRIs Virtual Meeting IX: 6 September": a title line
    /// whose body (group 1) stands before `[body-meeting-qualifiers]`, a noun
    /// of `[call-nouns]` and its number or date.
    pub body_meeting: Regex,
    /// "This is the monthly ALAC conference call", "Welcome to the 12th
    /// Harbour Forum meeting": a transcript's opening names the body (group
    /// 1) after `[introducing-phrases]`.
    pub this_is_the: Regex,
    /// "Next meeting ...", "we will meet again", "the call will be held":
    /// where a sentence about the next meeting starts.
    pub next: Regex,
    /// "Convened by the IGF Secretariat": a line about the meeting, not its
    /// title (a participle of `[participle-endings]`, `[agent-prepositions]`).
    pub convened_by: Regex,
    /// A transcript's speaker saying they moderate: "I will moderate today",
    /// "I'm your moderator", "I'll be chairing".
    pub self_moderator: Regex,
}

impl Default for HeaderPatterns {
    fn default() -> Self {
        Self::build(&|_| &[])
    }
}

impl HeaderPatterns {
    /// The patterns with the words of a lexicon's sections.
    pub(super) fn read(l: &Sections) -> Self {
        Self::build(&|section| l.list(section))
    }

    fn build<'a>(list: &dyn Fn(&'static str) -> &'a [String]) -> Self {
        let w = |section: &'static str| alternation(list(section), r"\s+");
        // A link and the space after it; an elided one ("de l'") runs into
        // the next word ("DE L'ASSEMBLEE").
        let linked = |section: &'static str| {
            alternation_of(list(section), |l| {
                let l = regex::escape(l).replace(' ', r"\s+");
                if l.ends_with(['\'', '’']) {
                    l
                } else {
                    l + r"\s+"
                }
            })
        };
        Self {
            title_number: pattern(&format!(
                r"(?i)\b(?:{})\s*(?:{}|{}|#)?\s*(\d{{1,4}}|(?-i:[IVXL]{{1,7}}))\b",
                w("title-number-nouns"),
                w("number-marks"),
                w("title-number-marks"),
            )),
            us_dates: pattern(&format!(
                r"(?i)\b(?:{})\b",
                alternation(list("month-first-marks"), "[ -]")
            )),
            month_first_places: pattern(&format!(r"\b(?:{})(?:\W|$)", w("month-first-places"))),
            title_label: pattern(&format!(r"(?i)^(?:{})\s*:\s*", w("title-labels"))),
            email_header: pattern(&format!(r"(?i)^(?:{})\s*:\s", w("email-header-fields"))),
            held_its: pattern(&format!(
                r"^(?:(?:{})\s+)?([A-Z][^.;]{{4,120}}?)\s+(?:{})\s+(?:{})\b",
                w("definite-articles"),
                w("holding-verbs"),
                w("holding-determiners"),
            )),
            sat: pattern(&format!(
                r"^(?:(?:{})\s+)?([A-Z][^.;]{{2,120}}?)\s+(?:{})\b",
                w("definite-articles"),
                w("sitting-verbs"),
            )),
            who_chairs: pattern(&format!(
                r"((?:[A-Z][\w'’.-]+\s+){{0,3}}[A-Z][\w'’-]+),\s+(?:{})\s+(?:{})\s+(?:{})\s+(?:{})\b",
                w("relative-pronouns"),
                w("chairing-verbs"),
                w("meeting-determiners"),
                w("chaired-bodies"),
            )),
            ordinal_number: pattern(&format!(
                r"(?i)\b(\d{{1,4}})(?:{})\s+(?:[\w-]+\s+){{0,2}}(?:{})\b",
                w("ordinal-suffixes"),
                w("header-meeting-nouns"),
            )),
            weekday_or_digit: pattern(&format!(r"(?i)^(?:{}|\d)", w("weekdays"))),
            title_tail: title_tail(&w),
            title_head: title_head(&w, &linked),
            sentence_series: pattern(&format!(
                r"(?i)\b(?:{})\s+(?:{})\s+(?:{})\s+(.+?)(?:,|\s+(?:{}|(?:{})\s+\d)\b|$)",
                w("header-meeting-nouns"),
                w("series-links"),
                w("definite-articles"),
                w("series-enders"),
                w("date-prepositions"),
            )),
            body_meeting: body_meeting(&w),
            this_is_the: pattern(&format!(
                r"(?i)\b(?:{})\s+(?:{})\s+(?:(?:{}|\d+(?:{}))\s+)*((?-i:[A-Z])[\w&'’.-]*(?:\s+(?-i:[A-Z])[\w&'’.-]*){{0,6}})\s+(?:{})\b",
                w("introducing-phrases"),
                w("meeting-determiners"),
                w("introduced-qualifiers"),
                w("ordinal-suffixes"),
                w("call-nouns"),
            )),
            next: pattern(&format!(
                r"(?i)\b(?:{})\b[^.]{{0,60}}?\b(?:{})\b|\b(?:{})\b|\b(?:{})\b",
                w("next-words"),
                w("next-meeting-nouns"),
                w("meeting-again-phrases"),
                w("meeting-announced-phrases"),
            )),
            convened_by: pattern(&format!(
                r"(?i)^\w+(?:{})\s+(?:(?:{})\s+)?(?:{})\b",
                w("participle-endings"),
                w("agent-adverbs"),
                w("agent-prepositions"),
            )),
            self_moderator: pattern(&format!(
                r"(?i)\b(?:{})\s+(?:(?:{})\s+)?(?:{})\b|\b(?:{})\s+(?:{})\b",
                w("self-future-leads"),
                w("self-auxiliaries"),
                w("self-moderation-verbs"),
                w("self-present-leads"),
                w("self-moderation-states"),
            )),
        }
    }
}

/// The words of one section as a pattern's alternation.
type Words<'w> = dyn Fn(&'static str) -> String + 'w;

/// Three shapes of a title's end: "Meeting Minutes ..." (`[report-heads]`,
/// `[report-nouns]`, to the end), "Notes of the monthly call"
/// (`[record-nouns]`, `[record-links]`), and "(Online Meeting No. 3)"
/// (`[tail-qualifiers]` or ordinals, `[tail-meeting-nouns]`, a number).
fn title_tail(w: &Words) -> Regex {
    pattern(&format!(
        r"(?i)\s*[-–—:,|]?\s*(?:(?:{})\s+(?:{})\b.*|(?:{})\s+(?:{})\s+(?:(?:{})\s+)?(?:[\w-]+\s+)?(?:{})\s*$|(?:\(?(?:{}|\d+(?:{}))\s+)*(?:{})\b\s*(?:{}|#)?\s*\d*\)?\s*$)",
        w("report-heads"),
        w("report-nouns"),
        w("record-nouns"),
        w("record-links"),
        w("definite-articles"),
        w("header-meeting-nouns"),
        w("tail-qualifiers"),
        w("ordinal-suffixes"),
        w("tail-meeting-nouns"),
        w("number-marks"),
    ))
}

/// "Minutes of the Regular Meeting of the ...": `[record-title-heads]` and
/// `[record-links]` or a dash, up to two words (ordinals too), a noun of
/// `[header-meeting-nouns]`, a qualifier after it as Spanish and French set it
/// ("Acta de la 1109ª sesión ordinaria del Comité"), and `[series-links]`;
/// else "Draft Minutes of the ..." (`[meeting-qualifiers]`, a record head and
/// its link, or no link: "COMPTE RENDU CONSEIL MUNICIPAL"), the record's kind
/// before the body's name and its meeting ("... Board Meeting No. 11"). Links as `linked` forms them (an elided one runs
/// into the next word).
fn title_head(w: &Words, linked: &Words) -> Regex {
    pattern(&format!(
        r"(?i)^(?:(?:(?:{heads})\s*(?:(?:{links})(?:(?:{articles})\s+)?|[–—:-]\s*))?(?:(?:\d+(?:{})|[a-z]+)\s+){{0,2}}?(?:{})\s+(?:(?:{qualifiers})\s+)?(?:{})(?:(?:{articles})\s+)?|(?:(?:{qualifiers})\s+)?(?:{heads})\s+(?:(?:{links})(?:(?:{articles})\s+)?)?)",
        w("ordinal-suffixes"),
        w("header-meeting-nouns"),
        linked("series-links"),
        heads = w("record-title-heads"),
        links = linked("record-links"),
        articles = w("definite-articles"),
        qualifiers = w("meeting-qualifiers"),
    ))
}

/// The body (group 1) before a meeting noun, then a number ("#60", "No.
/// 4", "IX") or a date ("on Tuesday ...", "12 May") or the line's end.
fn body_meeting(w: &Words) -> Regex {
    pattern(&format!(
        r"^(?:(?:{})\s+)?([A-Z][^:|]{{1,80}}?)\s+(?i:(?:(?:{})\s+)*(?:{})\b)\s*(?:(?:#|{})\s*\d+|\d+\b|(?-i:[IVXLC]{{1,6}})\b)?\s*(?:$|[,:–—-]|\s+(?:(?:{})\s+)?(?:\d|(?i:{})))",
        w("definite-articles"),
        w("body-meeting-qualifiers"),
        w("call-nouns"),
        w("number-marks"),
        w("date-prepositions"),
        w("weekdays"),
    ))
}

/// "a|b|c" of the escaped words, longest first, a space matching `space`;
/// a pattern that matches nothing for no words.
pub(super) fn alternation(words: &[String], space: &str) -> String {
    alternation_of(words, |w| regex::escape(w).replace(' ', space))
}

/// The alternation of the patterns `form` makes of `words`, longest first;
/// [`NOTHING`] for no words.
pub(super) fn alternation_of(words: &[String], form: impl Fn(&str) -> String) -> String {
    let mut w: Vec<String> = words.iter().map(|w| form(w)).collect();
    w.sort_by_key(|w| std::cmp::Reverse(w.len()));
    if w.is_empty() {
        NOTHING.to_owned()
    } else {
        w.join("|")
    }
}

/// A class that holds no character: the alternation of no words. Case
/// sensitive whatever the pattern around it says: under `(?i)` the regex
/// compiler case-folds `[\s\S]`, every character there is, before it
/// negates it, and the empty sections' patterns took a quarter of a second
/// at each start.
const NOTHING: &str = r"(?-i:[^\s\S])";

/// A pattern built from escaped words: it compiles unless the lexicon is
/// too large for the regex engine, and then matches nothing (logged).
pub(super) fn pattern(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| {
        log::warn!("a pattern built from the lexicon does not compile and is left out: {e}");
        Regex::new(NOTHING).unwrap_or_else(|e| unreachable!("{NOTHING}: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_section_matches_nothing() {
        let none = HeaderPatterns::default();
        assert!(!none.title_label.is_match("Meeting: Board"));
        assert!(!none.weekday_or_digit.is_match("Monday"));
        // A digit needs no word.
        assert!(none.weekday_or_digit.is_match("3 May"));
    }

    #[test]
    fn a_word_added_to_a_section_is_matched_without_a_change_of_code(
    ) -> Result<(), crate::words::LexiconError> {
        let l = crate::words::Lexicon::parse("x.txt", "[title-labels]\nthema\n")?;
        let p = HeaderPatterns::read(&Sections::new(&l));
        assert_eq!(p.title_label.replace("Thema: Haushalt", ""), "Haushalt");
        assert!(!p.title_label.is_match("Meeting: Board"));
        Ok(())
    }

    #[test]
    fn a_longer_word_is_tried_first_and_a_space_is_any_white_space() {
        let words = ["summary".to_owned(), "summary report".to_owned()];
        assert_eq!(alternation(&words, r"\s+"), r"summary\s+report|summary");
    }
}
