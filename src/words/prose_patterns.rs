//! The patterns of running text that the extraction rules match, compiled
//! once from the lexicon: the grammar of each pattern stays here, its words
//! are sections of `lexicon.txt` (`[closing-lines]`, `[qa-turn-labels]`...).
//!
//! Rationale: these rules matched English (and a few Spanish, French and
//! German) words written inside static regexes in `extract/`; the words now
//! come from the data, like the header's ([`super::header_patterns`]), so a
//! record of another language needs no change of code. Each pattern is built
//! once, when the lexicon is loaded, never per call. A section's words are
//! tried longest first; a space in an entry matches any run of white space
//! unless a pattern says it is a single space.

use super::header_patterns::{alternation, pattern};
use super::lexicon::{Lexicon, Sections};
use regex::Regex;

/// The compiled patterns of running text. An empty section leaves its part
/// of a pattern matching nothing.
#[derive(Debug, Clone)]
pub struct ProsePatterns {
    /// "Best regards", "Kind regards / Saludos cordiales": a letter's closing
    /// line opens with one of `[closing-lines]`, any case.
    pub closing: Regex,
    /// "I presented", "and I have proposed": the writer speaking, the verb in
    /// group 1. A clause opens (a line's start, a stop, a comma or a word of
    /// `[first-person-links]`), then `[first-person-pronouns]` and at most
    /// one of `[first-person-fillers]`; case as written.
    pub first_person_speech: Regex,
    /// "The chair noted ...": a verb of `[agenda-sentence-verbs]`, any case,
    /// makes a line a sentence rather than an agenda heading.
    pub agenda_sentence_verb: Regex,
    /// "3. Updates from the Secretariat": after an optional number and
    /// letter, a word of `[update-heads]`, one of `[update-links]` (a space
    /// in it is one space), an optional `[body-name-articles]`, and the body
    /// (group 1); any case.
    pub update_heading: Regex,
    /// "the representative of (the) Internet Society": a phrase of
    /// `[representative-phrases]`, an optional `[body-name-articles]` (any
    /// case), then the body's capitalised name (group 1), whose words may be
    /// joined by `[representative-name-links]` ("Ministry of Health").
    pub representative: Regex,
    /// "No representative from the ...": a phrase of
    /// `[unrepresented-phrases]`, any case: a body that sent nobody.
    pub unrepresented: Regex,
    /// `-!- ana [n=ana@host] has joined #chan` (irssi), `--> ana (ana@host)
    /// has joined #chan` (WeeChat): the client's notice that someone came in,
    /// the handle in group 1, then a notice of `[chat-join-notices]` (a space
    /// in it is one space) or the user's hostmask (`-!- ana [n=ana@host`,
    /// which only a notice of a user has, cut or not; the reading view has
    /// dropped a bracket that opens no link).
    pub chat_join: Regex,
    /// "The chair is marga.", "Meeting started by rbasak at 20:05:41 UTC": a
    /// meeting bot naming who chairs, a phrase of `[chat-chair-phrases]` (any
    /// case) before the handle (group 1), which ends its clause or comes
    /// before a word in lower case ("at"): a name goes on in capitals.
    pub chat_chair: Regex,
    /// "Q (Name):", "Question (Name):": a label of `[qa-turn-labels]` (as
    /// written), the speaker's name in parentheses (group 1), a colon.
    pub qa_turn: Regex,
    /// "09:00–09:05  Welcome", "10:00 to 10:30 Updates": an agenda item
    /// that opens with its time, or two joined by one of
    /// `[time-range-links]` (as written); the title in group 1.
    pub timed_item: Regex,
    /// "the Best Practice Forums on Cybersecurity and on Gender": bodies
    /// named together by a plural head.
    pub coordinated: Coordinated,
    /// " pdf icon PDF 83 KB": a link to a document at the end of an agenda
    /// title, its format (`[document-formats]`) and size (a number and one
    /// of `[file-size-units]`), after the icon's text if any (a word, then
    /// one of `[document-icon-words]`); any case.
    pub document_link: Regex,
}

/// "the Best Practice Forums on Cybersecurity and on Gender and Digital
/// Rights": a plural head whose subjects each take their own link, the
/// pattern and the strings that part its subjects, built once from
/// `[coordinated-subject-links]` ("on"), `[coordinated-conjunctions]`
/// ("and"), `[subject-articles]` and `[subject-name-links]`.
#[derive(Debug, Clone)]
pub struct Coordinated {
    /// A plural capitalised head (group 1), a link (group 2) and the
    /// subjects (group 3): capitalised names (an article may open one, links
    /// may join its words: "the Internet", "Gender and Digital Rights"), each
    /// after the first with its own link, the last after a conjunction; case
    /// as written.
    pub pattern: Regex,
    /// ", on ", " and on ": what stands between two subjects, one space
    /// between words.
    separators: Vec<String>,
    /// "and on ": what may open a subject once they are parted.
    openings: Vec<String>,
}

impl Coordinated {
    fn read(l: &Sections) -> Self {
        let w = |section: &'static str| alternation(l.list(section), r"\s+");
        let subject = format!(
            r"(?:(?:{})\s+)?[A-Z][\w-]*(?:\s+(?:(?:{})\s+)*[A-Z][\w-]*)*",
            w("subject-articles"),
            w("subject-name-links"),
        );
        let (link, and) = (
            w("coordinated-subject-links"),
            w("coordinated-conjunctions"),
        );
        let (links, ands) = (
            l.list("coordinated-subject-links"),
            l.list("coordinated-conjunctions"),
        );
        // "and on": a conjunction and a link.
        let joined: Vec<String> = (ands.iter())
            .flat_map(|and| links.iter().map(move |on| format!("{and} {on}")))
            .collect();
        Self {
            pattern: pattern(&format!(
                r"\b((?:[A-Z][\w-]*\s+){{0,3}}[A-Z][\w-]*s)\s+({link})\s+({subject}(?:,\s+(?:{link})\s+{subject})*,?\s+(?:{and})\s+(?:{link})\s+{subject})"
            )),
            separators: (links.iter().map(|on| format!(", {on} ")))
                .chain(joined.iter().map(|p| format!(" {p} ")))
                .collect(),
            openings: joined.iter().map(|p| format!("{p} ")).collect(),
        }
    }

    /// The subjects of a match's group 3, parted ("Access", "Fragmentation",
    /// "AI" of "Access, on Fragmentation and on AI"), untrimmed.
    pub fn subjects<'s>(&self, subjects: &'s str) -> Vec<&'s str> {
        let mut parts = vec![subjects];
        for separator in &self.separators {
            parts = (parts.into_iter())
                .flat_map(|p| p.split(separator.as_str()))
                .collect();
        }
        (parts.into_iter())
            .map(|p| {
                (self.openings.iter())
                    .find_map(|o| p.strip_prefix(o.as_str()))
                    .unwrap_or(p)
            })
            .collect()
    }
}

/// The patterns of a lexicon without the sections: each matches nothing
/// that needs a word.
impl Default for ProsePatterns {
    fn default() -> Self {
        Self::read(&Sections::new(&Lexicon::default()))
    }
}

impl ProsePatterns {
    /// The patterns with the words of a lexicon's sections.
    pub(super) fn read(l: &Sections) -> Self {
        let w = |section: &'static str| alternation(l.list(section), r"\s+");
        let spaced = |section: &'static str| alternation(l.list(section), " ");
        Self {
            closing: pattern(&format!(r"(?i)^(?:{})\b", w("closing-lines"))),
            first_person_speech: pattern(&format!(
                r"(?:^|[.;:]\s+|,\s+|\b(?:{})\s+)(?:{})\s+(?:(?:{})\s+)?([a-z]+)\b",
                w("first-person-links"),
                w("first-person-pronouns"),
                w("first-person-fillers"),
            )),
            agenda_sentence_verb: pattern(&format!(r"(?i)\b(?:{})\b", w("agenda-sentence-verbs"))),
            update_heading: pattern(&format!(
                r"(?i)^(?:\d{{1,2}}[.)]\s*)?(?:[a-z][.)]\s*)?(?:{})\s+(?:{})\s+(?:(?:{})\s+)?(.+)$",
                w("update-heads"),
                spaced("update-links"),
                w("body-name-articles"),
            )),
            representative: pattern(&format!(
                r"(?i:\b(?:{})\s+(?:(?:{})\s+)?)([A-Z][\w&'’.-]*(?:\s+(?:{}|[A-Z][\w&'’.-]*))*)",
                w("representative-phrases"),
                w("body-name-articles"),
                w("representative-name-links"),
            )),
            unrepresented: pattern(&format!(r"(?i)\b(?:{})\b", w("unrepresented-phrases"))),
            chat_join: pattern(&format!(
                r"^\s*(?:\d{{1,6}}\s+)?\[?(?:\d{{4}}-\d{{2}}-\d{{2}}[ T])?(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?\s+)?(?:-!-|-->)\s+([A-Za-z][\w.\-|]{{0,30}})\s+(?:(?:\S+\s+)?(?:{})\b|[\[(]?[^\]\s()]*@)",
                spaced("chat-join-notices"),
            )),
            chat_chair: pattern(&format!(
                r"(?i:\b(?:{})\s+)([A-Za-z_][\w\-|]*(?:\.[\w\-|]+)*)(?:[.,;:](?:\s|$)|\s+[a-z\d]|$)",
                w("chat-chair-phrases"),
            )),
            qa_turn: pattern(&format!(
                r"^(?:{})\s*\(([^)]{{2,60}})\)\s*:",
                w("qa-turn-labels")
            )),
            timed_item: pattern(&format!(
                r"^\d{{1,2}}[:.]\d{{2}}(?:\s*(?:{})\s*\d{{1,2}}[:.]\d{{2}})?\s+(\D.*)$",
                w("time-range-links"),
            )),
            coordinated: Coordinated::read(l),
            document_link: pattern(&format!(
                r"(?i)\s+(?:\S+\s+(?:{})\s+)?(?:{})\s+\d+(?:\.\d+)?\s*(?:{})$",
                w("document-icon-words"),
                w("document-formats"),
                w("file-size-units"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::LexiconError;

    /// The patterns of a lexicon of the sections written in `text`.
    fn patterns(text: &str) -> Result<ProsePatterns, LexiconError> {
        Ok(ProsePatterns::read(&Sections::new(&Lexicon::parse(
            "x.txt", text,
        )?)))
    }

    #[test]
    fn an_empty_section_matches_nothing() {
        let none = ProsePatterns::default();
        assert!(!none.closing.is_match("Best regards"));
        assert!(!none.qa_turn.is_match("Q (Ana Silva): why?"));
    }

    #[test]
    fn a_closing_line_of_another_language_needs_no_change_of_code() -> Result<(), LexiconError> {
        let dutch = patterns("[closing-lines]\nmet vriendelijke groet\n")?.closing;
        assert!(dutch.is_match("Met  vriendelijke groet,"));
        assert!(!dutch.is_match("Best regards"));
        Ok(())
    }

    #[test]
    fn a_timed_item_with_a_range_of_another_language_needs_no_change_of_code(
    ) -> Result<(), LexiconError> {
        let timed = patterns("[time-range-links]\nbis\n")?.timed_item;
        let title = |t| timed.captures(t).map(|c| c[1].to_owned());
        assert_eq!(
            title("10:00 bis 10:30 Begrüßung").as_deref(),
            Some("Begrüßung")
        );
        assert_eq!(title("10:00 Begrüßung").as_deref(), Some("Begrüßung"));
        // A link the section lacks joins no range: the rest is the title.
        assert_eq!(
            title("10:00 to 10:30 Welcome").as_deref(),
            Some("to 10:30 Welcome")
        );
        Ok(())
    }

    #[test]
    fn bodies_coordinated_in_another_language_need_no_change_of_code() -> Result<(), LexiconError> {
        let c = patterns("[coordinated-subject-links]\nsur\n[coordinated-conjunctions]\net\n")?
            .coordinated;
        let got = (c
            .pattern
            .captures("les Forums sur Cybersecurity, sur Access et sur Gender"))
        .map(|m| {
            let subjects: Vec<String> = (c.subjects(&m[3]).iter())
                .map(|s| s.trim().to_owned())
                .collect();
            (m[1].to_owned(), m[2].to_owned(), subjects)
        });
        let subjects = ["Cybersecurity", "Access", "Gender"]
            .map(str::to_owned)
            .to_vec();
        assert_eq!(got, Some(("Forums".to_owned(), "sur".to_owned(), subjects)));
        Ok(())
    }

    #[test]
    fn a_document_size_in_another_language_needs_no_change_of_code() -> Result<(), LexiconError> {
        let link = patterns("[document-formats]\npdf\n[file-size-units]\nko\n")?.document_link;
        let title = "Budget 2025 PDF 83 Ko";
        assert_eq!(
            link.find(title).map(|m| &title[..m.start()]),
            Some("Budget 2025")
        );
        assert!(!link.is_match("Budget 2025 PDF 83 KB"));
        Ok(())
    }

    #[test]
    fn a_space_in_a_chat_notice_is_one_space() -> Result<(), LexiconError> {
        let join = patterns("[chat-join-notices]\nhas joined\n")?.chat_join;
        assert!(join.is_match("-!- ana [ana@host] has joined #chan"));
        assert!(!join.is_match("-!- ana has  joined #chan"));
        Ok(())
    }

    #[test]
    fn a_notice_cut_after_a_users_hostmask_still_names_the_user() -> Result<(), LexiconError> {
        let join = patterns("[chat-join-notices]\nhas joined\n")?.chat_join;
        let user = |t| join.captures(t).map(|c| c[1].to_owned());
        assert_eq!(
            user("20:07 -!- tampakrap [n=tuxicity@gentoo/developer").as_deref(),
            Some("tampakrap")
        );
        // As the reading view has it, without the bracket.
        assert_eq!(
            user("20:07 -!- tampakrap n=tuxicity@gentoo/developer").as_deref(),
            Some("tampakrap")
        );
        assert_eq!(
            user("20:02 -!- Topic set by Calchan [i=calchan@gentoo]"),
            None
        );
        Ok(())
    }

    #[test]
    fn a_meeting_bot_names_the_chair_by_handle() -> Result<(), LexiconError> {
        let chair =
            patterns("[chat-chair-phrases]\nthe chair is\nmeeting started by\n")?.chat_chair;
        let who = |t| chair.captures(t).map(|c| c[1].to_owned());
        assert_eq!(
            who("Meeting started Wed Jun 17 2020 UTC.  The chair is marga. Information").as_deref(),
            Some("marga")
        );
        assert_eq!(
            who("Meeting started by rbasak at 20:05:41 UTC (full logs)").as_deref(),
            Some("rbasak")
        );
        assert_eq!(who("The chair is ke4qqq.").as_deref(), Some("ke4qqq"));
        // A name of two words is no handle.
        assert_eq!(who("The chair is Ana Ruiz."), None);
        Ok(())
    }
}
