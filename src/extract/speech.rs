//! Who spoke and who was mentioned, sentence by sentence.
//!
//! A person spoke when a name is the subject of a speech verb in a main clause
//! ("Mark Carvell said", "Responding to ..., Jason responded", "..., and Anriette
//! replied"), when a transcript turn starts with their name (`>> NAME:`), or when
//! the text refers to their question or comment ("Raúl's question"). A name in a
//! reported clause ("Ana shared that Doreen stated") or anywhere else is a
//! mention. Candidate names that match no speech pattern are kept as tentative
//! mentions: identity resolution keeps those that turn out to be known people.

use crate::model::FactKind;
use crate::text::Sentence;
use crate::words::names::{self, is_name_word, title_case};
use crate::words::Lexicons;
use std::ops::Range;

/// A person named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// The name as written, possessive removed, honorific kept ("Ms. Suto").
    pub text: String,
    pub fact: FactKind,
    /// A speech pattern or transcript turn confirms it names a person.
    pub definite: bool,
    /// Byte range in the sentence.
    pub range: Range<usize>,
}

/// Runs of capitalised name words in a sentence, with their byte ranges.
fn name_runs<'a>(
    t: &'a str,
    lex: &Lexicons,
    masked: &[Range<usize>],
) -> Vec<(Range<usize>, &'a str)> {
    let mut runs = Vec::new();
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for raw in t.split(' ') {
        let start = pos;
        pos += raw.len() + 1;
        let lead = raw.len() - raw.trim_start_matches(['(', '"', '\'', '[']).len();
        let w = raw[lead..].trim_end_matches([',', '.', ';', ':', ')', '"', '?', '!', ']']);
        let w = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or(w);
        let w_start = start + lead;
        let in_mask = masked
            .iter()
            .any(|m| m.start < w_start + w.len() && w_start < m.end);
        let particle = !words.is_empty() && lex.particles.iter().any(|p| p == w);
        let initial = !words.is_empty() && names::is_initials(w, false);
        // "Dividend Mr. W. R. Williams": a title after one capitalised word
        // (a run-in heading) opens the name; the word is dropped in `flush`.
        // After more, a roll of titled names runs on ("Todd Brewer Dr. Joel
        // Burken"), which the roll rules read.
        let honorific = words.len() <= 1 && lex.is_honorific(w);
        if lead > 0 {
            // "(Keio University)" after a name is not part of it.
            flush(&mut words, &mut runs, t, lex);
        }
        // "City Attorney Knutson": a title may be a role the record names.
        let ok = (!in_mask || honorific)
            && (is_name_word(w) || particle || initial || honorific)
            && (honorific || !is_not_name(w, lex))
            && !lex.months_and_days.contains(&w.to_lowercase())
            && (words.is_empty() || !lex.is_speech_verb_in_capitals(w));
        // "Lynn St. Amour": an abbreviated particle does not end the name.
        let boundary = w.len() + lead != raw.len()
            && !(honorific && raw.ends_with('.'))
            && !(particle && raw[lead..] == format!("{w}."))
            // "Mr. R. Doise": an initial's full stop ends no name.
            && !(initial && raw[lead..] == format!("{w}."));
        if ok {
            words.push((w_start, w));
        }
        if !ok || boundary {
            flush(&mut words, &mut runs, t, lex);
        }
    }
    flush(&mut words, &mut runs, t, lex);
    runs
}

/// A word of `[not-names]`, as written or in capitals ("AND AGREED"): the
/// lexicon holds its words capitalised, as a sentence opens with them.
fn is_not_name(w: &str, lex: &Lexicons) -> bool {
    lex.not_names.contains(w)
        || w.len() > 1
            && !w.chars().any(char::is_lowercase)
            && lex.not_names.contains(&names::title_case(w))
}

/// "Communication Access Realtime Translation (CART)": a name followed by its own
/// acronym is a body or a thing, not a person.
fn followed_by_own_acronym(run: &str, after: &str) -> bool {
    let Some(inner) = after
        .strip_prefix(" (")
        .and_then(|r| r.split_once(')'))
        .map(|(i, _)| i)
    else {
        return false;
    };
    let initials: String = run.split(' ').filter_map(|w| w.chars().next()).collect();
    inner.len() >= 2
        && inner.chars().all(|c| c.is_uppercase())
        && initials.eq_ignore_ascii_case(inner)
}

/// A run that holds a common noun ("Member States", "Working Group", "Acting
/// Envoy") names a body or a post, not a person.
fn is_person_like(run: &str, lex: &Lexicons) -> bool {
    if lex.countries.contains(&crate::words::fold(run)) {
        return false;
    }
    !run.split([' ', '-'])
        .filter(|w| !lex.is_honorific(w))
        .map(str::to_lowercase)
        .any(|w| {
            lex.role_words.contains(&w)
                || lex.body_words.contains(&w)
                || lex.non_name_nouns.contains(&w)
        })
}

fn flush<'a>(
    words: &mut Vec<(usize, &'a str)>,
    runs: &mut Vec<(Range<usize>, &'a str)>,
    t: &'a str,
    lex: &Lexicons,
) {
    while words
        .last()
        .is_some_and(|(_, w)| lex.particles.iter().any(|p| p == w) || lex.is_honorific(w))
    {
        words.pop();
    }
    // "City Attorney Knutson": the title's head alone stands for the title;
    // "Begrüßung Obmann Gernot Blaikner": what stands before a title in a
    // run of capitalised words (a German noun, a run-in heading) is no name.
    // The range keeps its start, so that the clause the run opens is read
    // from where the subject begins.
    let run_start = words.first().map(|&(s, _)| s);
    if let Some(head) = (1..words.len().saturating_sub(1))
        .rev()
        .find(|&i| lex.is_honorific(words[i].1))
    {
        words.drain(..head);
    }
    if let (Some(start), Some(&(s, _)), Some(&(e, last))) = (run_start, words.first(), words.last())
    {
        let run = &t[s..e + last.len()];
        if words.len() <= 5 && is_person_like(run, lex) {
            runs.push((start..e + last.len(), run));
        }
    }
    words.clear();
}

/// Does a speech verb follow the name ending at `end`? Between them may stand a
/// parenthesis ("(Keio University)"), an apposition between commas (", speaking
/// for ISOC,"), an affiliation ("of UN DESA"), adverbs ("also"), and a perfect
/// auxiliary ("had noted").
pub(crate) fn followed_by_speech(t: &str, end: usize, lex: &Lexicons) -> bool {
    let mut rest = t[end..].trim_start();
    // "Last updated: 10 April": a field's label, not a speaker's verb.
    if rest
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(':'))
    {
        return false;
    }
    if rest.starts_with('(') {
        match rest.find(')') {
            Some(close) => rest = rest[close + 1..].trim_start(),
            None => return false,
        }
    }
    if let Some(after_comma) = rest.strip_prefix(',') {
        // The name is the apposition: "The facilitator, Lena Fischer,
        // introduced" (a comma before it too; "Yes, noted" is no name).
        if t[..end].trim_end().rsplit_once(',').is_some()
            && t[..end]
                .rfind(',')
                .is_some_and(|c| t[c + 1..end].split_whitespace().count() <= 5)
            && verb_at(after_comma, lex, false)
        {
            return true;
        }
        // An apposition closes with a comma within a few words.
        if let Some(close) = after_comma.find(',') {
            let inner = &after_comma[..close];
            if inner.split_whitespace().count() <= 12
                && verb_at(&after_comma[close + 1..], lex, false)
            {
                return true;
            }
        }
        return false;
    }
    verb_at(rest, lex, true)
}

/// Is the next word (after adverbs, an auxiliary, or an "of the X" affiliation) a speech verb?
fn verb_at(rest: &str, lex: &Lexicons, allow_affiliation: bool) -> bool {
    let words: Vec<String> = rest
        .split_whitespace()
        .take(10)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .collect();
    let mut i = 0;
    if allow_affiliation
        && words
            .first()
            .is_some_and(|w| ["of", "from", "at"].contains(&w.as_str()))
    {
        i = 1;
        while words.get(i).is_some_and(|w| {
            w == "the" || w.starts_with(|c: char| c.is_uppercase()) || w.is_empty()
        }) {
            i += 1;
        }
    }
    while let Some(w) = words.get(i) {
        let w = w.to_lowercase();
        if lex.speech_adverbs.contains(&w) || ["had", "has", "have"].contains(&w.as_str()) {
            i += 1;
            continue;
        }
        // "Services provided by ..." is a participle, not a speaker's verb.
        // ("responded by saying" is still speech.)
        let passive = words.get(i + 1).is_some_and(|n| n == "by")
            && !words.get(i + 2).is_some_and(|n| n.ends_with("ing"));
        return lex.speech_verbs.contains(&w) && !passive;
    }
    false
}

/// The text before a name without the title of office that opens it
/// ("Chair Hughes called", "Regent Rogers moved"): capitalised role words
/// and honorifics at its end.
fn without_title<'a>(before: &'a str, lex: &Lexicons) -> &'a str {
    let mut b = before.trim_end();
    while let Some((head, last)) = b.rsplit_once(' ').or(Some(("", b))) {
        let title = last.starts_with(char::is_uppercase)
            && (lex.role_words.contains(&last.to_lowercase()) || lex.is_honorific(last));
        if !title || last.is_empty() {
            break;
        }
        b = head.trim_end();
    }
    b
}

/// Is the text before a name the start of a main clause?
fn main_clause_start(before: &str) -> bool {
    let b = before.trim_end();
    if b.is_empty() {
        return true;
    }
    let lower = b.to_lowercase();
    let last = lower.rsplit(' ').next().unwrap_or("");
    if [
        "that", "whether", "if", "as", "because", "which", "who", "how", "when", "since", "where",
        "while",
    ]
    .contains(&last)
    {
        return false;
    }
    b.ends_with(", and")
        || b.ends_with("; and")
        || b.ends_with(';')
        || b.ends_with(" and") && !lower.contains(" that ")
        || b.ends_with(',') && !lower.contains(" that ")
        || b.ends_with(':')
        || b.ends_with('-')
        || b.ends_with('–')
}

/// "[00:12:31] Display name:", "00:12:31 Display name:", "(12:31) Name:".
static TIMESTAMP_LABEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+([^:]{2,80}):\s")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// The speaker of a timestamped transcript turn, as a byte range and the
/// name: the display name without what meeting software adds to it
/// ("(SIDN)", "(she/her)", "- IGF Secretariat"). Device labels ("iPhone de
/// Joaquim") and anonymous ones ("Participant 7") name nobody.
pub fn timestamped_turn<'a>(t: &'a str, lex: &Lexicons) -> Option<(Range<usize>, &'a str)> {
    let label = TIMESTAMP_LABEL.captures(t)?.get(1)?;
    let shown = label.as_str();
    let name = shown
        .split(" (")
        .next()
        .unwrap_or(shown)
        .split(" - ")
        .next()
        .unwrap_or(shown)
        .split(" – ")
        .next()
        .unwrap_or(shown)
        .trim();
    let words: Vec<&str> = name.split(' ').collect();
    let person = (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| is_name_word(w) || lex.particles.iter().any(|p| p == w))
        && !words
            .iter()
            .any(|w| lex.not_names.contains(&names::title_case(w)))
        && !words
            .iter()
            .any(|w| lex.not_speaker_labels.contains(&crate::words::fold(w)))
        && is_person_like(name, lex);
    let start = label.start();
    person.then_some((start..start + name.len(), name))
}

/// The names in one sentence, each with the fact it supports.
pub fn mentions(s: &Sentence, lex: &Lexicons, masked: &[Range<usize>]) -> Vec<NameMention> {
    let t = s.text();
    let mut out = Vec::new();
    // A timestamped turn: "[00:01:27] Priyanka Bhatt (she/her): Sure."
    if let Some((range, name)) = timestamped_turn(t, lex) {
        out.push(spoke(name, range));
    }
    out.extend(transcript_turn(t, lex));
    // The ">> NAME:" label of a turn is read above, never as a mention.
    let mut masked = masked.to_vec();
    if t.starts_with(">>") || TIMESTAMP_LABEL.is_match(t) {
        if let Some(colon) = t.find(':') {
            masked.push(0..colon);
        }
    }
    if let Some((label, who)) = qa_turn(t, lex) {
        out.extend(who);
        masked.push(label);
    }
    for (range, name) in name_runs(t, lex, &masked) {
        let inside_turn = out
            .iter()
            .any(|m: &NameMention| m.range.start <= range.start && range.end <= m.range.end);
        if !inside_turn {
            out.extend(name_run(t, range, name, lex));
        }
    }
    subjects_together(t, &mut out);
    out
}

/// A definite mention of a person who spoke.
fn spoke(name: &str, range: Range<usize>) -> NameMention {
    NameMention {
        text: title_case(name),
        fact: FactKind::Spoke,
        definite: true,
        range,
    }
}

/// A transcript turn: ">> CHENGETAI MASANGO: Thank you."; ">> SPEAKER:" and
/// ">> PARTICIPANT:" name nobody.
fn transcript_turn(t: &str, lex: &Lexicons) -> Option<NameMention> {
    let (speaker, _) = t.strip_prefix(">>")?.split_once(':')?;
    let name = speaker.trim();
    let words: Vec<&str> = name.split(' ').collect();
    let generic = words
        .iter()
        .any(|w| lex.not_names.contains(&names::title_case(w)));
    let name_shaped = words
        .iter()
        .all(|w| w.chars().all(|c| c.is_alphabetic() || "-'.".contains(c)) && !w.is_empty());
    if generic || !(1..=5).contains(&words.len()) || !name_shaped {
        return None;
    }
    let at = t.find(name).unwrap_or(0);
    Some(spoke(name, at..at + name.len()))
}

/// A question-and-answer turn: "Q (Rodrigo Batista): ...", "A (Ms. Hoffmann):
/// ...": the label's range (never read as a mention), and the person who spoke
/// when the parentheses hold a name.
fn qa_turn(t: &str, lex: &Lexicons) -> Option<(Range<usize>, Option<NameMention>)> {
    let c = lex.prose.qa_turn.captures(t)?;
    let (label, who) = (c.get(0)?, c.get(1)?);
    let name = who.as_str().trim();
    let words: Vec<&str> = name.split(' ').collect();
    let person = (1..=5).contains(&words.len())
        && words.iter().all(|w| is_name_word(w) || lex.is_honorific(w))
        && words.iter().any(|w| !lex.is_honorific(w))
        && !words.iter().any(|w| lex.not_names.contains(*w));
    Some((0..label.end(), person.then(|| spoke(name, who.range()))))
}

/// A run of name words in running text: it spoke when a speech verb follows
/// it in a main clause ("Ana Lee said"), or when its possessive asks ("Ana
/// Lee's question"); otherwise it is mentioned, definitely so when something
/// says it is a person ([`is_named_person`]). A single capitalised word that
/// opens a sentence and is no name is left out.
fn name_run(t: &str, range: Range<usize>, name: &str, lex: &Lexicons) -> Option<NameMention> {
    let after = &t[range.end..];
    let possessive = after.starts_with("'s") || after.starts_with("’s");
    let next_word = after
        .trim_start_matches(['\'', '’'])
        .trim_start_matches('s')
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let speaks = !possessive && followed_by_speech(t, range.end, lex);
    let main = main_clause_start(without_title(&t[..range.start], lex));
    let asked = possessive && lex.possessive_speech.contains(&next_word);
    let (fact, definite) = if (speaks && main) || asked {
        (FactKind::Spoke, true)
    } else if speaks {
        (FactKind::Mentioned, true)
    } else {
        (FactKind::Mentioned, is_named_person(t, &range, name, lex))
    };
    let single = !name.contains(' ');
    if !definite && single && range.start == 0 && lex.not_names.contains(name) {
        return None;
    }
    // "The TB moves to remove ...": an acronym after an article is a body's.
    let acronym = single && !name.chars().any(char::is_lowercase);
    let after_article = (t[..range.start].split_whitespace().last()).is_some_and(|w| {
        lex.definite_articles
            .iter()
            .any(|a| a.eq_ignore_ascii_case(w))
    });
    if acronym && after_article {
        return None;
    }
    Some(NameMention {
        text: title_case(name),
        fact,
        definite,
        range,
    })
}

/// A title ("Dr. Erik Lindqvist"), or "by X Y" / "X Y, who" / "X Y (Org)",
/// says a run of name words is a person even when nobody speaks; so does the
/// given-name lexicon, for a full name anywhere whose other words are no
/// common words ("Japan Meeting" is no person). In parentheses after a name, a
/// name-shaped run is an affiliation.
fn is_named_person(t: &str, range: &Range<usize>, name: &str, lex: &Lexicons) -> bool {
    let after = &t[range.end..];
    let before = t[..range.start].trim_end();
    let full = name.split(' ').filter(|w| !lex.is_honorific(w)).count() >= 2;
    let titled = name.split(' ').next().is_some_and(|w| lex.is_honorific(w));
    let first_word = name.split(' ').find(|w| !lex.is_honorific(w)).unwrap_or("");
    let caps = first_word.chars().all(|c| !c.is_lowercase());
    let vouched = full
        && !caps
        && !t[..range.start].ends_with('(')
        && lex.is_given(first_word)
        && !lex.countries.contains(&crate::words::fold(first_word))
        && !lex.places.contains(&crate::words::fold(name))
        && name
            .split(' ')
            .skip(1)
            .all(|w| !lex.common_words.contains(&w.to_lowercase()));
    titled
        || vouched
        || full
            && (before.ends_with(" by")
                || after.starts_with(", who")
                || after.starts_with(" (") && !followed_by_own_acronym(name, after))
}

/// "Ms. Tanaka and Mr. Dlamini agreed": every subject of the verb spoke.
fn subjects_together(t: &str, out: &mut [NameMention]) {
    for i in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (&out[i], &out[i + 1]);
        let between = &t[a.range.end..b.range.start];
        if b.fact == FactKind::Spoke
            && matches!(between, " and " | ", " | " & ")
            && main_clause_start(&t[..a.range.start])
        {
            out[i].fact = FactKind::Spoke;
            out[i].definite = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn run(raw: &str) -> Vec<(String, FactKind, bool)> {
        let lex = Lexicons::for_tests();
        let t = Text::new(raw);
        t.sentences
            .iter()
            .flat_map(|s| mentions(s, &lex, &[]))
            .map(|m| (m.text, m.fact, m.definite))
            .collect()
    }

    #[test]
    fn timestamped_turns_with_display_names() {
        let got = run("[00:01:27] Priyanka Bhatt (she/her): Yes, noted.\n\n[00:04:52] iPhone de Joaquim: Hi.\n\n[00:09:58] Participant 7: Hello.\n\n00:12:31 Sjoerd Hollander - SIDN: Thanks.");
        let spoke: Vec<&str> = got
            .iter()
            .filter(|m| m.1 == FactKind::Spoke)
            .map(|m| m.0.as_str())
            .collect();
        assert_eq!(spoke, ["Priyanka Bhatt", "Sjoerd Hollander"]);
    }

    #[test]
    fn question_and_answer_turns_and_field_labels() {
        let got = run("Q (Rodrigo Batista): Will the report cover it?\nA (Ms. Hoffmann): Yes.\nQ (chat, anonymous): And then?");
        let spoke: Vec<&str> = got
            .iter()
            .filter(|m| m.1 == FactKind::Spoke)
            .map(|m| m.0.as_str())
            .collect();
        assert_eq!(spoke, ["Rodrigo Batista", "Ms. Hoffmann"]);
        assert!(run("Last updated: 10 April 2025")
            .iter()
            .all(|m| m.1 != FactKind::Spoke && !m.2));
    }

    #[test]
    fn an_acronym_after_an_article_is_a_body_not_a_person() {
        let got = run(
            "AGREED: The TB moves to remove the two absentee members. JB also reported a loss.",
        );
        assert!(!got.iter().any(|g| g.0 == "Tb" || g.0 == "TB"), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "JB" || g.0 == "Jb"), "{got:?}");
    }

    #[test]
    fn a_name_in_apposition_before_the_verb() {
        let got = run("The facilitator, Lena Fischer, introduced the outline.");
        assert_eq!(got, [("Lena Fischer".to_owned(), FactKind::Spoke, true)]);
    }

    #[test]
    fn a_subject_under_a_title_of_office_spoke() {
        let got =
            run("Chair Hughes called the meeting to order. Regent Rogers reported on the budget.");
        assert!(
            got.iter()
                .any(|g| g.0.ends_with("Hughes") && g.1 == FactKind::Spoke),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|g| g.0.ends_with("Rogers") && g.1 == FactKind::Spoke),
            "{got:?}"
        );
    }

    #[test]
    fn a_speech_verb_in_capitals_ends_the_name_before_it() {
        let got = run("Hamlin MOVED and Pierce seconded the motion. SENATOR TITUS MOVED TO INTRODUCE THE BILL.");
        assert_eq!(got[0], ("Hamlin".into(), FactKind::Spoke, true));
        assert_eq!(got[1], ("Pierce".into(), FactKind::Spoke, true));
        assert!(got.iter().all(|(n, _, _)| !n.contains("Moved")), "{got:?}");
        // A word no name holds is none in capitals either.
        assert!(
            run("Seconded by Councillor V. Cawley\n\nAND AGREED\n\nThe vote was taken.")
                .iter()
                .all(|(n, _, _)| n != "And")
        );
    }

    #[test]
    fn subjects_of_speech_verbs_spoke() {
        let got = run("Mark Carvell said that it was fine. Jorge also shared the importance. Ana shared that Doreen stated that ITU did a lot.");
        assert_eq!(got[0], ("Mark Carvell".into(), FactKind::Spoke, true));
        assert_eq!(got[1], ("Jorge".into(), FactKind::Spoke, true));
        assert_eq!(got[2], ("Ana".into(), FactKind::Spoke, true));
        assert_eq!(got[3], ("Doreen".into(), FactKind::Mentioned, true));
    }

    #[test]
    fn clauses_and_possessives() {
        let got = run("Livia intervened by asking who was signing, and Anriette replied that it has to come from the MAG.");
        assert!(got.contains(&("Anriette".into(), FactKind::Spoke, true)));
        let got = run("Responding to Raúl Echeberría's question on who would organise, Jason responded that they are flexible.");
        assert!(got.contains(&("Raúl Echeberría".into(), FactKind::Spoke, true)));
        assert!(got.contains(&("Jason".into(), FactKind::Spoke, true)));
    }

    #[test]
    fn future_and_state_are_not_speech() {
        let got = run("Titti would be sharing a link. Jason was absent from the meeting. It was initiated by Chris as a document.");
        assert!(got.iter().all(|(_, f, _)| *f == FactKind::Mentioned));
        assert!(got.iter().any(|(n, _, d)| n == "Chris" && !d));
    }

    #[test]
    fn parentheses_appositions_affiliations_and_pairs() {
        let got = run("Ms. Haruka Tanaka (Keio University) noted the point. Marcus Whitfield, speaking for the Internet Society, proposed tracks. Anjali Mehta of UN DESA informed the MAG. Ms. Tanaka and Mr. Dlamini agreed to co-lead.");
        let spoke: Vec<&str> = got
            .iter()
            .filter(|m| m.1 == FactKind::Spoke)
            .map(|m| m.0.as_str())
            .collect();
        assert_eq!(
            spoke,
            [
                "Ms. Haruka Tanaka",
                "Marcus Whitfield",
                "Anjali Mehta",
                "Ms. Tanaka",
                "Mr. Dlamini"
            ]
        );
        let got = run("As Halima had noted in her letter, time is short. It builds on the paper by Lars Eriksen on the topic.");
        assert!(got.contains(&("Halima".into(), FactKind::Mentioned, true)));
        assert!(got.contains(&("Lars Eriksen".into(), FactKind::Mentioned, true)));
    }

    #[test]
    fn transcript_turns() {
        let got = run(">> CHENGETAI MASANGO: Thank you, everyone.");
        assert_eq!(got[0], ("Chengetai Masango".into(), FactKind::Spoke, true));
        assert!(run(">> SPEAKER: Can you hear me?").iter().all(|m| !m.2));
    }

    #[test]
    fn honorifics_stay_with_the_name() {
        let got = run("Ms. Suto noted the point.");
        assert_eq!(got[0], ("Ms. Suto".into(), FactKind::Spoke, true));
    }

    #[test]
    fn a_title_after_a_run_in_heading_opens_the_name() {
        let got = run("Dividend Mr. W. R. Williams proposed that a dividend be paid.");
        assert_eq!(got[0], ("Mr. W. R. Williams".into(), FactKind::Spoke, true));
    }
}
