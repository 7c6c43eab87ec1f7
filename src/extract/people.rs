//! The person recogniser: names found by what any record carries, whatever its
//! layout.
//!
//! A candidate is a name-shaped span (capitalised words, initials, particles,
//! hyphens, all-capitals family names) at a place where records put people: the
//! head of a line in a run of such lines, an item of a "label: A, B and C" roll,
//! a speaker label (`Name:`, `>> NAME:`, `<nick>`), a self-introduction. Each
//! candidate is kept with the cues that made it a person ([`Cue`]), which the
//! `extract` JSON shows as the evidence's `why`.
//!
//! Rationale: the rules of [`super::roster`] and [`super::speech`] read the
//! layouts they were written for; real records arrive in many others. What
//! stays the same across them is the shape of a name, the given-name lexicon,
//! and the shape of a list. This module will not decide who is who across
//! reports (that is [`crate::resolve`]), nor read roles and organisations
//! beyond what the list line states.

use super::extractor::Extractor;
use crate::model::FactKind;
use crate::text::{list_marker, Span, Text};
use crate::words::names::{capitalised, inner_nickname, is_name_word, title_case};
use crate::words::{fold, Lexicons};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

/// Why a span was taken as a person: shown in the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cue {
    /// The first word is in the given-name lexicon.
    GivenName,
    /// A title stands before it ("Dr", "Ambassador").
    Honorific,
    /// It heads a line in a run of lines that each begin with a name.
    ListLine,
    /// The heading above the list, or the label of the roll, says attendance.
    AttendanceHeading,
    /// The heading, the label or the line's tail says the person was absent.
    Absent,
    /// The heading says the people below speak (speakers, panel).
    SpeakerHeading,
    /// An item of a "label: A, B and C" roll.
    Roll,
    /// A speaker label opens a turn (`Name:`, `>> NAME:`, `<nick>`).
    SpeakerLabel,
    /// The speaker says who they are ("This is ...", "I am ...").
    SelfIntroduction,
}

impl Cue {
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::GivenName => "given name",
            Cue::Honorific => "honorific",
            Cue::ListLine => "list of names",
            Cue::AttendanceHeading => "attendance heading",
            Cue::Absent => "marked absent",
            Cue::SpeakerHeading => "speakers heading",
            Cue::Roll => "roll",
            Cue::SpeakerLabel => "speaker label",
            Cue::SelfIntroduction => "self-introduction",
        }
    }
}

/// A person the recogniser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The name, all-capitals written in title case, honorific removed.
    pub name: String,
    pub fact: FactKind,
    /// The line it was read from (for [`Place::Line`]) or the sentence.
    pub place: Place,
    pub cues: Vec<Cue>,
    /// The country the layout files the person under, as written: the
    /// delegation they sit for in an intergovernmental body.
    pub country: Option<String>,
    /// The label of the group a roll files the person under, as written
    /// ("Bruce Power: F. Saunders"): what they came for, when it names a body.
    pub group: Option<String>,
    /// A nickname the name holds in quotes ("Dan \"Duke\" Ellison").
    pub nickname: Option<String>,
    /// A roll's entry for the person, from the name to the next person's:
    /// "Robert E. Erickson, Research Director, Legislative Counsel Bureau",
    /// where a roll gives roles and organisations between commas.
    pub described: Option<String>,
}

/// Where a person was found: a line of the record, or a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Line(usize),
    Sentence(usize),
}

/// A name-shaped span at the start of a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameSpan {
    /// Byte length of the span, honorific included.
    pub len: usize,
    /// The name without its honorific, all-capitals in title case.
    pub name: String,
    /// The first given name is in the lexicon.
    pub given: bool,
    pub honorific: bool,
    /// Words of the name, particles and initials included.
    pub words: usize,
    /// A nickname the name holds in quotes ("Dan \"Duke\" Ellison").
    pub nickname: Option<String>,
}

impl NameSpan {
    fn cues(&self) -> Vec<Cue> {
        let mut c = Vec::new();
        if self.given {
            c.push(Cue::GivenName);
        }
        if self.honorific {
            c.push(Cue::Honorific);
        }
        c
    }
}

/// Is a word (as written) known not to be part of a personal name? A month,
/// a day or a country is one only where the name would start ("Frank March",
/// "Jordan Carter" are names).
fn excluded(w: &str, first: bool, ex: &Extractor) -> bool {
    let lex = &ex.lex;
    let lower = w.to_lowercase();
    lex.not_names.contains(w)
        || lex.not_names.contains(&title_case(w))
        || first && lex.months_and_days.contains(&lower)
        || lex.role_words.contains(&lower)
        || is_plural_role(&lower, lex)
        || lex.body_words.contains(&lower)
        || lex.non_name_nouns.contains(&lower)
        || lex.organisation_heads.contains(&lower)
        || first && lex.countries.contains(&fold(w)) && !lex.is_given(w)
}

/// Is a lower-case word the plural of a role ("secretaries", "directors")?
/// A roll's "T. Johnston and M. Young, Recording Secretaries" names a role
/// after the last name, which the singular list alone lets through.
pub(crate) fn is_plural_role(lower: &str, lex: &Lexicons) -> bool {
    let singular = match lower.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => match lower.strip_suffix('s') {
            Some(stem) if !stem.ends_with('s') => stem.to_string(),
            _ => return false,
        },
    };
    lex.role_words.contains(&singular)
}

/// Is the folded word a given name of the lexicon ("simon-jan": "simon")?
pub fn is_given(w: &str, ex: &Extractor) -> bool {
    ex.lex.is_given(w)
}

/// Letters of a name word: a capital then letters, hyphens or apostrophes; the
/// replacement character stands for a letter lost in decoding ("G\u{FFFD}ry").
fn name_word(w: &str) -> bool {
    if w.contains('\u{FFFD}') {
        let clean: String = w.replace('\u{FFFD}', "e");
        return is_name_word(&clean);
    }
    is_name_word(w) && !w.contains('.')
}

fn initial(w: &str) -> bool {
    crate::words::names::is_initials(w, false)
}

/// The name-shaped span at the start of `t`: an optional honorific, then up to
/// five words that are name words, initials or particles, ending at
/// punctuation, a parenthesis or a word that is no name. `min_words` name words
/// at least (an honorific and one word always do). Nothing when a word of the
/// run is one no name holds ("Commercial Users", "Policy Director").
pub fn name_at(t: &str, ex: &Extractor, min_words: usize) -> Option<NameSpan> {
    let lex = &ex.lex;
    let mut scan = NameScan::read(t, ex)?;
    scan.drop_trailing_acronym(t, ex);
    scan.drop_trailing_particles(lex);
    let words = &scan.words;
    let full: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| name_word(w) && !initial(w))
        .collect();
    if full.is_empty() || words.len() > 6 || full.len() < min_words.max(1) && !scan.honorific {
        return None;
    }
    let last = *words.last()?;
    let (start, end) = (scan.start, scan.end);
    let end_at = t[start..end].rfind(last).map(|i| start + i + last.len())?;
    let span = &t[start..end_at];
    if names_a_body_or_place(span, ex) {
        return None;
    }
    let given = given_vouches(&full, ex);
    if is_capitals_run(&full, given, scan.honorific) || is_lone_not_given(&full, lex) {
        return None;
    }
    let quoted = scan.quoted.filter(|q| q.within.end <= end_at);
    let name = match &quoted {
        Some(q) => title_case(&format!(
            "{}{}",
            &t[start..q.within.start],
            &t[q.within.end..end_at]
        )),
        None => title_case(span),
    };
    Some(NameSpan {
        len: end_at,
        name,
        given,
        honorific: scan.honorific,
        words: words.len(),
        nickname: quoted.map(|q| q.nickname.to_owned()),
    })
}

/// A nickname in quotes inside a name, and the bytes it takes there with
/// the space after it.
#[derive(Debug, Clone)]
struct Quoted<'t> {
    nickname: &'t str,
    within: Range<usize>,
}

/// The capitalised run at the start of a text as [`name_at`] reads it,
/// word by word: the words of the name, whether an honorific or a title
/// opens it, and its bytes (`start..end`) after that title.
struct NameScan<'t> {
    words: Vec<&'t str>,
    honorific: bool,
    start: usize,
    end: usize,
    quoted: Option<Quoted<'t>>,
}

/// What one word does to the run of [`NameScan`]: it goes on, it ends, or
/// it holds a word no name holds and the run is no name.
enum Step {
    Next,
    Stop,
    Reject,
}

impl<'t> NameScan<'t> {
    /// "Fire Captain Hurr", "Mme BAHIER": a title of one or more words
    /// first, then the words of the name; `None` when the run names
    /// something else.
    fn read(t: &'t str, ex: &Extractor) -> Option<Self> {
        let title = ex.lex.title_len(t);
        let mut scan = NameScan {
            words: Vec::new(),
            honorific: title > 0,
            start: title,
            end: title,
            quoted: None,
        };
        let mut pos = title;
        for raw in t[title..].split(' ') {
            let at = pos;
            pos += raw.len() + 1;
            if raw.is_empty() {
                break;
            }
            match scan.step(t, raw, (at, pos), title == 0, ex) {
                Step::Next => {}
                Step::Stop => break,
                Step::Reject => return None,
            }
        }
        Some(scan)
    }

    /// One word `raw` at byte `at` of `t`, the next word at `next`.
    fn step(
        &mut self,
        t: &'t str,
        raw: &'t str,
        (at, next): (usize, usize),
        untitled: bool,
        ex: &Extractor,
    ) -> Step {
        let lex = &ex.lex;
        // "Dan "Duke" Ellison": the nickname is no word of the name.
        let surname_next = t
            .get(next..)
            .is_some_and(|r| r.starts_with(char::is_uppercase));
        if let Some(nickname) = inner_nickname(raw, self.words.len()) {
            if self.words.is_empty() || self.quoted.is_some() || !surname_next {
                return Step::Stop;
            }
            let within = at..next.min(t.len());
            self.quoted = Some(Quoted { nickname, within });
            return Step::Next;
        }
        let w = name_piece(raw);
        let particle = !self.words.is_empty() && lex.particles.iter().any(|p| p == w);
        // "Lynn St. Amour": an abbreviated particle keeps the name going.
        let boundary = w.len() != raw.len() && !(particle && raw == format!("{w}."));
        if self.opens_with_honorific(w, untitled, &t[next.min(t.len())..], lex) {
            self.honorific = true;
            self.start = next.min(t.len());
            self.end = self.start;
            return if boundary && !raw.ends_with('.') {
                Step::Stop
            } else {
                Step::Next
            };
        }
        if !self.takes(w, particle, &t[next.min(t.len())..], lex)
            || !self.words.is_empty() && lex.is_speech_verb_in_capitals(w)
        {
            return Step::Stop;
        }
        if !particle
            && !self.in_initials(w, &t[next.min(t.len())..])
            && excluded(w, self.words.is_empty(), ex)
        {
            // A word no name holds inside a capitalised run: the run names
            // something else ("Policy Director", "Business Users").
            return Step::Reject;
        }
        self.words.push(w);
        self.end = at + w.len();
        if boundary || self.words.len() > 6 {
            Step::Stop
        } else {
            Step::Next
        }
    }

    /// "Mr", "Dr": an honorific before the name's first word opens it. A
    /// one-letter title that `title_len` read as an initial stays one,
    /// dotted or not, where initials and a surname follow it (`rest`): "M.
    /// J. McDill" is no "Monsieur J. McDill". Before a lone surname ("M.
    /// DUPONT") it stays the title, as French records write it.
    fn opens_with_honorific(&self, w: &str, untitled: bool, rest: &str, lex: &Lexicons) -> bool {
        let before_initial = rest.split(' ').next().is_some_and(initial);
        let initial_title = untitled
            && w.trim_end_matches('.').chars().count() == 1
            && before_initial
            && surname_follows(rest, lex);
        self.words.is_empty() && !self.honorific && lex.is_honorific(w) && !initial_title
    }

    /// Whether the word `w`, before `rest`, goes on with the name: a name
    /// word, a particle inside the name, or an initial where one may stand.
    /// "Councillor D. Cawley": after a title, an initial may open the name;
    /// "G. Allaire", "M.-L. Mazure": initials may open a name when a surname
    /// follows them.
    fn takes(&self, w: &str, particle: bool, rest: &str, lex: &Lexicons) -> bool {
        let opens_with_initials = self.words.is_empty() && initial(w) && surname_follows(rest, lex);
        let ok = particle
            || name_word(w)
            || ((!self.words.is_empty() || self.honorific || opens_with_initials) && initial(w));
        ok && !self.is_outline_number(w)
    }

    /// "A W Cuthbert", "F G A Stone": a letter among initials written
    /// without full stops is an initial, though the letter alone is a word
    /// no name holds (the article "A"): initials stand next to initials.
    fn in_initials(&self, w: &str, rest: &str) -> bool {
        let beside_initial = self.words.last().is_some_and(|p| initial(p))
            || rest.split(' ').next().is_some_and(initial);
        initial(w) && beside_initial
    }

    /// "B. Buchanan I. Check-Ins", "C. HILDRETH XI.": in a name opened by
    /// initials, an initial or a Roman numeral after the surname is an
    /// outline's number, not the name's.
    fn is_outline_number(&self, w: &str) -> bool {
        let opened_by_initials = self.words.first().is_some_and(|f| initial(f)) && !self.honorific;
        let after_surname = self.words.iter().any(|v| !initial(v));
        let numeral = w.len() >= 2 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
        opened_by_initials && after_surname && (initial(w) || numeral)
    }

    /// "Paul Rendek RIPE NCC": the known acronym after the name is the
    /// roster's next column ([`super::gazetteer::Matcher::trailing_acronym`]).
    fn drop_trailing_acronym(&mut self, t: &str, ex: &Extractor) {
        let (Some(first), Some(last)) = (self.words.first(), self.words.last()) else {
            return;
        };
        let offset = |w: &str| w.as_ptr() as usize - t.as_ptr() as usize;
        let from = offset(first);
        let span = &t[from..offset(last) + last.len()];
        if let Some(cut) = ex.orgs.trailing_acronym(span) {
            self.words.retain(|w| offset(w) < from + cut);
        }
    }

    /// "Ana de": a name does not end on a particle.
    fn drop_trailing_particles(&mut self, lex: &Lexicons) {
        while self
            .words
            .last()
            .is_some_and(|w| lex.particles.iter().any(|p| p == w))
        {
            self.words.pop();
        }
    }
}

/// A word of a name without the punctuation after it; "Harald A. Summa":
/// an initial keeps its dot.
fn name_piece(raw: &str) -> &str {
    let kept = raw.trim_end_matches([',', ';', ':']);
    if initial(kept) {
        kept
    } else {
        raw.trim_end_matches([',', ';', ':', ')', '-', '–', '.', '!', '?'])
    }
}

/// A span the gazetteer knows as an organisation, or a country or a place:
/// no person's name.
fn names_a_body_or_place(span: &str, ex: &Extractor) -> bool {
    ex.orgs.lookup(span).is_some()
        || ex.lex.countries.contains(&fold(span))
        || ex.lex.places.contains(&fold(span))
}

/// A word of capital letters only ("KUMMER"; its other signs aside).
fn is_capitals(w: &str) -> bool {
    w.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// Whether a known given name vouches for the name: its first word, or
/// "KUMMER Markus": the word after a family name in capitals first.
fn given_vouches(full: &[&str], ex: &Extractor) -> bool {
    let first = full[0];
    is_given(first, ex)
        || (is_capitals(first) && full.len() >= 2 && !is_capitals(full[1]) && is_given(full[1], ex))
}

/// An all-capitals run is an acronym or a heading unless a given name or
/// an honorific vouches for it.
fn is_capitals_run(full: &[&str], given: bool, honorific: bool) -> bool {
    full.iter().all(|w| is_capitals(w)) && !given && !honorific
}

/// "MAG": one word that is a given name somewhere but rarely in a record
/// (`[not-given-names]`) is no name alone.
fn is_lone_not_given(full: &[&str], lex: &Lexicons) -> bool {
    full.iter().any(|w| lex.not_given_names.contains(&fold(w))) && full.len() == 1
}

/// Whether `rest` (after an initial) goes on with more initials and then a
/// surname: a capitalised word that is no common word ("G. Allaire", "M. J.
/// McDill"; not "A. Welcome", "B. Budget").
fn surname_follows(rest: &str, lex: &Lexicons) -> bool {
    rest.split(' ')
        .map(|w| w.trim_end_matches([',', ';', ':', ')', '.']))
        .find(|w| !initial(w) && !initial(&format!("{w}.")))
        .is_some_and(|w| {
            name_word(w)
                && w.chars().count() >= 2
                && !lex.common_words.contains(&w.to_lowercase())
                && !lex.not_names.contains(w)
        })
}

/// "Sean Whitton": the name `t` is, whole, if it is one of two words or more.
pub fn whole_name(t: &str, ex: &Extractor) -> Option<String> {
    name_at(t, ex, 2)
        .filter(|n| n.len == t.len())
        .map(|n| n.name)
}

/// Does the text (a heading or a line's tail) hold one of the words?
pub(crate) fn holds_word(t: &str, list: &HashSet<String>) -> bool {
    t.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && list.contains(&w.to_lowercase()))
}

/// "PRESENT", "Apologies", "MEMBERS PRESENT": a text holding an attendance or
/// absence word is the label of a roll. One rule for the agenda (such a line
/// is no item), the roll labels of a text and the field labels of the
/// minutes (no speaker's turn). Unlike [`super::roster::is_roll_field`], it
/// needs no colon and no whole heading: one word of the label is enough.
/// "1. Attendance. J. Shergill in the chair with A. Kibler, ...", "2.
/// Apologies for absence. T. Ashton & K. Hegarty.": a roll's heading
/// (`[headings-participants]`, `[headings-absent]`) written as a sentence of
/// its own, run on by the sentence of names after it in the same paragraph;
/// the heading, when sentence `i` follows one. A sentence that only holds a
/// word of attendance ("Secretary Glime called roll.") is no heading.
fn label_sentence_before<'t>(text: &'t Text, i: usize, lex: &Lexicons) -> Option<&'t str> {
    let before = text.sentences.get(i.checked_sub(1)?)?;
    let label = before.text().trim().strip_suffix('.')?;
    let run_on = text.sentences[i].span.start() <= before.span.end() + 3;
    let key = fold(label);
    let heading = lex.participants_folded.contains(&key) || lex.absent_folded.contains(&key);
    (run_on && heading).then_some(label)
}

pub(crate) fn is_roll_label(t: &str, lex: &Lexicons) -> bool {
    holds_word(t, &lex.attendance_words) || holds_word(t, &lex.absence_words)
}

/// A line that opens with a name followed by nothing, or by what a list puts
/// after names: a dash, a parenthesis, a comma, a slash, a tab, a bar.
/// Returns the byte offset of the name, the name and the rest of the line.
fn list_line<'a>(t: &'a str, ex: &Extractor) -> Option<(usize, NameSpan, &'a str)> {
    let indent = t.len() - t.trim_start().len();
    let mut at = indent + list_marker(&t[indent..]).unwrap_or(0);
    let trimmed = t[at..].trim_start();
    at = t.len() - trimmed.len();
    // "[23'] Craig Allan": a bracketed note before the name (the reading view
    // may have dropped its opening bracket).
    let first = t[at..].split(' ').next().unwrap_or("");
    if first.len() <= 12 && first.ends_with(']') {
        let after = t[at + first.len()..].trim_start();
        at = t.len() - after.len();
    }
    let body = &t[at..];
    let n = name_at(body, ex, 2)?;
    let rest = &body[n.len..];
    let separated = rest.trim().is_empty()
        || [
            " -", "-", " –", "–", " (", ",", " /", "/", "\t", " |", ";", "  ",
        ]
        .iter()
        .any(|s| rest.starts_with(s))
        || (rest.starts_with(' ') && ex.orgs.leading_acronym(rest.trim_start()).is_some());
    // "Name: text" and "Name (Org): text" are turns, not list entries; a
    // long tail is running text.
    let after_paren = rest
        .strip_prefix(" (")
        .and_then(|r| r.find(')').map(|i| &r[i + 1..]))
        .unwrap_or(rest);
    let turn = rest.trim_start().starts_with(':')
        || after_paren.trim_start().starts_with(':')
        || rest.split_whitespace().count() > 20;
    (separated && !turn && !prose_after(rest, ex)).then_some((at, n, rest))
}

/// The kind of a line's list marker: none, a bullet, or a number or letter.
fn marker_kind(t: &str) -> u8 {
    let t = t.trim_start();
    match list_marker(t) {
        None => 0,
        Some(_) if t.starts_with(|c: char| c.is_alphanumeric() || c == '(') => 2,
        Some(_) => 1,
    }
}

/// Does running text follow a name's parenthesis ("(Keio University) noted
/// that ...")? A list line goes on with a role, an organisation or a mark,
/// not with a verb.
fn prose_after(rest: &str, ex: &Extractor) -> bool {
    let after = match rest
        .strip_prefix(" (")
        .and_then(|r| r.find(')').map(|i| &r[i + 1..]))
    {
        Some(a) => a,
        None => rest.trim_start_matches([' ', ',', '-', '–']),
    };
    let word = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_lowercase();
    rest.starts_with(" (")
        && word.starts_with(char::is_lowercase)
        && !ex.lex.absence_words.contains(&lower)
        || ex.lex.speech_verbs.contains(&lower)
}

/// The runs of lines that each begin with a name: lists of people, whatever
/// their heading. Lines in `skip` (read by another rule) are left alone.
pub fn line_lists(text: &Text, ex: &Extractor, skip: &HashSet<usize>) -> Vec<Found> {
    let lex = &ex.lex;
    let mut out = Vec::new();
    let mut group: Vec<(usize, NameSpan, String)> = Vec::new();
    let flush = |group: &mut Vec<(usize, NameSpan, String)>, out: &mut Vec<Found>| {
        if group.is_empty() {
            return;
        }
        let first = group[0].0;
        let heading = text.lines[..first]
            .iter()
            .rev()
            .map(|l| l.text().trim())
            .find(|t| !t.is_empty() && !t.chars().all(|c| "-=_*~".contains(c)))
            .unwrap_or("");
        let attendance = holds_word(heading, &lex.attendance_words);
        let absent_heading = holds_word(heading, &lex.absence_words)
            || super::roster::is_absence_heading(heading, lex);
        let speakers = holds_word(heading, &lex.speaker_words);
        let given = group
            .iter()
            .filter(|(_, n, _)| n.given || n.honorific)
            .count();
        let accepted = if group.len() >= 2 {
            given * 2 >= group.len()
        } else {
            (attendance || absent_heading || speakers) && given == 1
        };
        if accepted {
            for (line, n, tail) in group.drain(..) {
                let mut cues = n.cues();
                cues.push(Cue::ListLine);
                let absent = absent_heading || holds_word(&tail, &lex.absence_words);
                let fact = if absent {
                    cues.push(Cue::Absent);
                    FactKind::Mentioned
                } else if speakers {
                    cues.push(Cue::SpeakerHeading);
                    FactKind::Spoke
                } else {
                    if attendance {
                        cues.push(Cue::AttendanceHeading);
                    }
                    FactKind::Listed
                };
                out.push(Found {
                    name: n.name,
                    fact,
                    place: Place::Line(line),
                    cues,
                    country: None,
                    group: None,
                    described: None,
                    nickname: n.nickname,
                });
            }
        }
        group.clear();
    };
    for line in &text.lines {
        if line.is_blank() {
            continue;
        }
        if skip.contains(&line.number) {
            flush(&mut group, &mut out);
            continue;
        }
        match list_line(line.text(), ex) {
            Some((_, n, rest)) => {
                // A list keeps one kind of marker: "3. Discussion Items" after
                // plain name lines is the next section.
                let kind = marker_kind(line.text());
                if group
                    .last()
                    .is_some_and(|(l, _, _)| marker_kind(text.lines[*l].text()) != kind)
                {
                    flush(&mut group, &mut out);
                }
                group.push((line.number, n, rest.to_owned()));
            }
            None => flush(&mut group, &mut out),
        }
    }
    flush(&mut group, &mut out);
    out
}

/// "Board members present: A, B, C and D", "Apologies: E (X); F": a label
/// that says attendance or absence, then names. The label may follow other
/// text on the line ("... (part) Apologies: G"), and one line may hold several.
static ROLL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[\s;.)])((?:[A-Za-z][\w'’-]*\s+){0,5}[A-Za-z][\w'’-]*)(?:\s*\([^)]{0,40}\))?\s*:\s",
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Splits a roll's names at commas, semicolons and "and" outside parentheses.
pub(crate) fn roll_items<'a>(s: &'a str, lex: &Lexicons) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let c = bytes[i];
        match c {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            // "W. Clifton Wilkinson, Jr.": a suffix after the comma is the name's.
            b',' | b';' if depth <= 0 && lex.name_suffix_len(&s[i..]) == 0 => {
                out.push((from, &s[from..i]));
                from = i + 1;
            }
            b' ' if depth <= 0 => {
                // " and ", " y ", " & ": the conjunctions of `[list-conjunctions]`.
                let word = s[i + 1..].split(' ').next().unwrap_or("");
                if s[i + 1 + word.len()..].starts_with(' ') && lex.list_conjunctions.contains(word)
                {
                    out.push((from, &s[from..i]));
                    from = i + word.len() + 2;
                    i += word.len() + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if from < s.len() {
        out.push((from, &s[from..]));
    }
    out.into_iter()
        .flat_map(|(at, p)| after_the_chair(at, p, lex))
        .map(|(at, p)| {
            let lead = p.len() - p.trim_start().len();
            (at + lead, p.trim())
        })
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

/// "J. Shergill (President) in the chair with A. Kibler": the chair (and
/// the phrase saying so) and the first of those who sat with them, two
/// items of a roll, each with its offset from `at`; any other item as it is.
pub(crate) fn after_the_chair<'a>(
    at: usize,
    item: &'a str,
    lex: &Lexicons,
) -> Vec<(usize, &'a str)> {
    let link = (lex.presiding_company.as_ref())
        .and_then(|re| re.captures(item))
        .and_then(|c| c.get(1));
    match link {
        Some(m) => vec![(at, &item[..m.start()]), (at + m.end(), &item[m.end()..])],
        None => vec![(at, item)],
    }
}

/// The heading of each line, by line number, and one more for the end: the
/// nearest non-blank line above it that is no rule ("-----"), when it is
/// short; empty otherwise.
///
/// In one pass: looking up from every line in turn was quadratic in a run of
/// blank or rule lines (80 KB of blank lines took a minute, a report of 16 MB
/// days).
fn headings(text: &Text) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.lines.len() + 1);
    let mut above = "";
    for l in &text.lines {
        out.push(above);
        let t = l.text().trim();
        if !t.is_empty() && !t.chars().all(|c| "-=_*~".contains(c)) {
            above = if t.split_whitespace().nth(8).is_none() {
                t
            } else {
                ""
            };
        }
    }
    out.push(above);
    out
}

/// How a label or heading qualifies the people after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Qualifier {
    attendance: bool,
    absent: bool,
    speakers: bool,
    /// The heading is a participants heading of its own ("Speakers"): its
    /// speakers are the participant list too.
    participants: bool,
}

impl Qualifier {
    fn of(t: &str, ex: &Extractor) -> Self {
        Self {
            attendance: holds_word(t, &ex.lex.attendance_words),
            absent: holds_word(t, &ex.lex.absence_words),
            speakers: holds_word(t, &ex.lex.speaker_words),
            participants: {
                let t = t.trim().trim_end_matches(':').trim();
                ex.lex
                    .heading_participants
                    .iter()
                    .any(|h| h.eq_ignore_ascii_case(t))
            },
        }
    }

    fn any(self) -> bool {
        self.attendance || self.absent || self.speakers
    }

    /// The fact a person under this qualifier supports, with its cue.
    fn fact(self, tail: &str, ex: &Extractor, cues: &mut Vec<Cue>) -> FactKind {
        if self.absent || holds_word(tail, &ex.lex.absence_words) {
            cues.push(Cue::Absent);
            FactKind::Mentioned
        } else if self.speakers {
            cues.push(Cue::SpeakerHeading);
            FactKind::Spoke
        } else {
            if self.attendance {
                cues.push(Cue::AttendanceHeading);
            }
            FactKind::Listed
        }
    }
}

/// An item of a roll as a person: a name (one word needs the lexicon or an
/// honorific), or a nickname the record uses as a speaker label.
fn roll_person(item: &str, ex: &Extractor, nicks: &HashSet<String>) -> Option<(NameSpan, bool)> {
    roll_person_titled(item, false, ex, nicks)
}

/// [`roll_person`], where `titled` says a plural title before the roll's
/// earlier items titles this one too ("Councilmembers Hewitt, Harstad"): one
/// surname is enough, as after an honorific of its own.
fn roll_person_titled(
    item: &str,
    titled: bool,
    ex: &Extractor,
    nicks: &HashSet<String>,
) -> Option<(NameSpan, bool)> {
    let token = item.split([' ', '(']).next().unwrap_or("");
    if !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c))
        && nicks.contains(&fold(token))
    {
        let n = NameSpan {
            len: token.len(),
            name: token.to_owned(),
            given: false,
            honorific: false,
            words: 1,
            nickname: None,
        };
        return Some((n, true));
    }
    let mut n = name_at(item, ex, 1)?;
    n.honorific |= titled && n.words == 1;
    if n.words < 2 && !n.given && !n.honorific {
        return None;
    }
    // "M. Jean DUPONT, Maire, Mme Claire MARTIN": a role word alone is the
    // office of the item before it, though someone is named Maire.
    if n.words == 1 && item.trim() == n.name && ex.lex.role_words.contains(&n.name.to_lowercase()) {
        return None;
    }
    let suffix = ex.lex.name_suffix_len(&item[n.len..]);
    if suffix > 0 {
        n.name.push_str(&item[n.len..n.len + suffix]);
        n.len += suffix;
    }
    let tail = item[n.len..].trim_start();
    // "for late arrival", "who chaired": a clause, not a list entry.
    if tail.starts_with(char::is_lowercase)
        && n.words < 2
        && !holds_word(tail, &ex.lex.absence_words)
    {
        return None;
    }
    Some((n, false))
}

/// Where the names of the participant list start, as report char offsets,
/// sorted: the list [`super::roster`] read. A roll holding one of them is that
/// list; reading it again as a roll made each listed name twice over, and a
/// one-line list of a million names cost its parsing and resolution twice
/// (issue 25).
#[derive(Debug, Default)]
pub struct ListedAt(Vec<usize>);

impl ListedAt {
    pub fn new(starts: impl IntoIterator<Item = usize>) -> Self {
        let mut starts: Vec<usize> = starts.into_iter().collect();
        starts.sort_unstable();
        starts.dedup();
        Self(starts)
    }

    /// Whether a listed name starts in the byte range `at` of `span`'s text.
    /// Cost: a binary search.
    fn holds_any(&self, span: &Span, at: Range<usize>) -> bool {
        if self.0.is_empty() {
            return false;
        }
        let (start, end) = span.origin(at);
        let first = self.0.partition_point(|&o| o < start);
        self.0.get(first).is_some_and(|&o| o < end)
    }
}

/// A lone word of a bare roll where a name the participant list read
/// starts: the list joined it to the rest of its name on the next line
/// ("..., Françoise" then "JUNG, ..."), so it is no one of its own.
fn is_part_of_a_listed_name(item: &str, listed: &ListedAt, span: &Span, at: usize) -> bool {
    !item.trim().contains(' ') && listed.holds_any(span, at..at + item.len())
}

/// What [`rolls`] read.
pub struct Rolls {
    /// The people of the rolls.
    pub found: Vec<Found>,
    /// The places of rolls the participant list was read from ([`ListedAt`]):
    /// rolls too, though they gave no one new, and no running text.
    pub read_as_list: Vec<Place>,
}

/// Rolls of names: after an attendance or absence label ("Board members
/// present: A, B, C and D", "Apologies: E (X); F", several on one line), or
/// a sentence that is a bare list of names, qualified by its heading. `nicks`
/// are the record's speaker labels, folded: a roll of them is a roll of people.
/// A roll the participant list was read from already (`listed`) is left alone.
pub fn rolls(text: &Text, ex: &Extractor, listed: &ListedAt, nicks: &HashSet<String>) -> Rolls {
    let mut out = Vec::new();
    let mut read_as_list = Vec::new();
    let headings = headings(text);
    let heading_above = |line: usize| headings[line.min(headings.len() - 1)];
    // Labelled rolls by sentence (they wrap over lines); bare ones by line.
    let places = text
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (Place::Sentence(i), s.line, &s.span))
        .chain(
            text.lines
                .iter()
                .map(|l| (Place::Line(l.number), l.number, &l.span)),
        );
    for (place, line, span) in places {
        let t = span.text();
        let labels = roll_labels(t, &ex.lex);
        let mut parts: Vec<RollPart> = Vec::new();
        match place {
            Place::Line(_) if labels.is_empty() => {
                let q = Qualifier::of(heading_above(line), ex);
                parts.push((q, 0..t.len(), true, None));
            }
            Place::Sentence(i) if labels.is_empty() => {
                match label_sentence_before(text, i, &ex.lex) {
                    // "Attendance." then the names: a labelled roll.
                    Some(label) => {
                        parts.extend(grouped_parts(t, 0..t.len(), Qualifier::of(label, ex), ex));
                    }
                    None => {
                        for run in titled_runs(t, &ex.lex) {
                            out.extend(titled_run_people(&run, place, ex, nicks));
                        }
                        continue;
                    }
                }
            }
            Place::Line(_) => continue,
            Place::Sentence(_) => {}
        }
        for (k, (range, label)) in labels.iter().enumerate() {
            let stop = labels.get(k + 1).map_or(t.len(), |(r, _)| r.start);
            parts.extend(grouped_parts(
                t,
                range.end..stop,
                Qualifier::of(label, ex),
                ex,
            ));
        }
        for (q, at, bare, mut group) in parts {
            let at_range = at.clone();
            let from = at.start;
            let items: Vec<(usize, &str)> = roll_items(t[at].trim_end_matches('.'), &ex.lex)
                .into_iter()
                .flat_map(|(at, item)| match bare {
                    // A bare line's titled items are a titled run's
                    // ([`titled_runs`]), which files them under countries.
                    true => vec![(at, item)],
                    false => titled_names(at, item, &ex.lex),
                })
                .flat_map(|(at, item)| initialled_names(at, item, &ex.lex))
                .flat_map(|(at, item)| match bare {
                    true => vec![(at, item)],
                    false => run_together_names(at, item, ex),
                })
                .collect();
            if bare && !is_long_enough(&items, q) {
                continue;
            }
            if !bare && group.is_none() {
                group = opening_body(&items, from, ex);
            }
            // A labelled roll's items the list took are its already; a bare
            // roll is judged on all its items.
            let unread = |&(at, item): &(usize, &str)| {
                bare || !listed.holds_any(span, from + at..from + at + item.len())
            };
            if !bare && !items.iter().all(unread) {
                read_as_list.push(place);
            }
            let people = roll_people(&items, ex, nicks, bare, unread);
            if bare && !is_bare_roll(&items, &people, q) {
                continue;
            }
            let group = group.map(|g| t[g].trim().to_owned());
            let entries = match bare {
                true => Vec::new(),
                // A name with the roles and organisations after it.
                false => {
                    let mut e = super::roster::entries_at_commas(
                        t[at_range.clone()].trim_end_matches('.'),
                        ex,
                    );
                    e.sort_by_key(|&(at, _)| at);
                    e
                }
            };
            for (n, nick, item) in people {
                let start = item.as_ptr() as usize - t[at_range.clone()].as_ptr() as usize;
                if bare && is_part_of_a_listed_name(item, listed, span, from + start) {
                    continue;
                }
                let described = described_at(&entries, start, item.len());
                let mut found = roll_found(n, nick, item, q, place, ex);
                for f in &mut found {
                    f.group.clone_from(&group);
                    f.described.clone_from(&described);
                }
                out.extend(found);
            }
        }
    }
    Rolls {
        found: out,
        read_as_list,
    }
}

/// "Participants: Members of the EPA Science Advisory Board (SAB) Dr. A,
/// Chair Dr. B ...": the roll's first item, before its first titled name,
/// is a word of attendance and the body it names, which the people after
/// it belong to. Its byte range in the text (`from` is where the part
/// starts).
fn opening_body(items: &[(usize, &str)], from: usize, ex: &Extractor) -> Option<Range<usize>> {
    let &(at, first) = items.first()?;
    let opens_with_attendance = first
        .split_whitespace()
        .next()
        .is_some_and(|w| ex.lex.attendance_words.contains(&fold(w)));
    (opens_with_attendance && items.len() > 1)
        .then(|| super::roster::group_organisation(first, ex))
        .flatten()
        .map(|_| from + at..from + at + first.len())
}

/// The entry of a roll's item at `start` that says more than its name (the
/// roles and organisations after it), if any. `entries` are sorted by place:
/// a binary search, not a scan, as a roll of N names has N entries and N
/// items (a scan per item made a one-line roll of 16 MiB quadratic).
fn described_at(entries: &[(usize, &str)], start: usize, name_len: usize) -> Option<String> {
    let first = entries.partition_point(|&(at, _)| at < start);
    entries[first..]
        .iter()
        .take_while(|&&(at, _)| at == start)
        .find(|(_, e)| e.len() > name_len)
        .map(|(_, e)| (*e).to_owned())
}

/// A part of a roll: how its label qualifies it, its byte range, whether it
/// is bare (no label), and the range of the group's label it is under.
type RollPart = (Qualifier, Range<usize>, bool, Option<Range<usize>>);

/// The parts of a labelled roll at `at` of `t`: one, or one per group where
/// the roll groups its people under labels of their own ("Other contributors
/// were: Bruce Power: F. Saunders Hydro-Québec : C. Gélinas"). A group whose
/// label says its people did not attend ("Personnes excusées") is qualified
/// by it.
fn grouped_parts(t: &str, at: Range<usize>, q: Qualifier, ex: &Extractor) -> Vec<RollPart> {
    let Some(segments) = super::group_labels::segments(&t[at.clone()]) else {
        return vec![(q, at, false, None)];
    };
    let shift = |r: Range<usize>| at.start + r.start..at.start + r.end;
    segments
        .into_iter()
        .filter(|s| !t[shift(s.names.clone())].trim().is_empty())
        .map(|s| {
            let label = s.label.map(shift);
            let own = label.clone().map(|l| Qualifier::of(&t[l], ex));
            let q = own.filter(|o| o.absent).unwrap_or(q);
            (q, shift(s.names), false, label)
        })
        .collect()
}

/// A roll flattened from a table or a printed layout: its label has lost its
/// colon and titles are what separates its people ("PRESENT AUSTRIA Mr. H.G.
/// Knitel Mr. N. Scherk BELGIUM Mr. A. Vranken ...", "Present Designating
/// Country Professor E. J. Y. AUJALEU, Chairman France Dr M. M. PENIDO ...").
struct TitledRun<'a> {
    label: &'a str,
    items: Vec<&'a str>,
    /// The layout's countries head the people after them ("PRESENT
    /// AUSTRIA Mr. ..."), rather than follow each person in a column.
    countries_lead: bool,
}

/// Words of `t` with their byte ranges.
fn word_spans(t: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for w in t.split(' ') {
        if !w.is_empty() {
            out.push((at..at + w.len(), w));
        }
        at += w.len() + 1;
    }
    out
}

/// A capitalised attendance or absence word standing as a label without
/// its colon ("PRESENT", "Absent").
fn is_bare_label(w: &str, lex: &Lexicons) -> bool {
    let w = w.trim_end_matches(['.', ',', ';']);
    w.starts_with(char::is_uppercase) && {
        let key = fold(w);
        lex.attendance_words.contains(&key) || lex.absence_words.contains(&key)
    }
}

/// Titles that open an item of a titled run: one or more titles ("Chairman
/// Mr.") followed by a word that can open a name.
fn opens_titled_item(words: &[(Range<usize>, &str)], k: usize, lex: &Lexicons) -> bool {
    let titles = words[k..]
        .iter()
        .take_while(|(_, w)| lex.is_honorific(w))
        .count();
    // "Chairman France Dr ...": a title before a country is a role in a column.
    let rest = &words[(k + titles).min(words.len())..];
    let opens_country = || (1..=rest.len().min(5)).any(|n| is_country(&rest[..n], lex));
    titles > 0
        && words
            .get(k + titles)
            .is_some_and(|(_, w)| w.starts_with(char::is_uppercase))
        && !opens_country()
}

/// Do `words`, punctuation after them aside, name a country of the lexicon?
fn is_country(words: &[(Range<usize>, &str)], lex: &Lexicons) -> bool {
    let phrase: Vec<&str> = words
        .iter()
        .map(|(_, w)| w.trim_end_matches([',', ';', '.']))
        .collect();
    lex.countries.contains(&fold(&phrase.join(" ")))
}

/// Where, in the last words of an item, what its layout wrote of a country
/// begins ("... BELGIUM", "... FEDERAL REPUBLIC OF GERMANY"), and where the
/// country the lexicon knows begins in it: at most five words before the
/// item ends, the first capitalised.
fn country_at(words: &[(Range<usize>, &str)], lex: &Lexicons) -> Option<(usize, usize)> {
    const LONGEST: usize = 5;
    let country_from = |from: usize| (from..words.len()).find(|&c| is_country(&words[c..], lex));
    let first = words.len().saturating_sub(LONGEST);
    (first..words.len())
        .filter(|&i| words[i].1.starts_with(char::is_uppercase))
        .find_map(|i| country_from(i).map(|c| (i, c)))
}

/// The titled runs of a sentence with no labelled roll: a bare label, a
/// title within its next four words, and from there items each opened by a
/// title (outside parentheses) until a field label ("Secretary:"), another
/// bare label or the end. Three titled items at least; fewer is prose.
fn titled_runs<'a>(t: &'a str, lex: &Lexicons) -> Vec<TitledRun<'a>> {
    const LABEL_REACH: usize = 4;
    const LEAST: usize = 3;
    let words = word_spans(t);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let first = (i + 1..=i + LABEL_REACH)
            .take_while(|&j| j < words.len())
            .find(|&j| opens_titled_item(&words, j, lex));
        let (true, Some(first)) = (is_bare_label(words[i].1, lex), first) else {
            i += 1;
            continue;
        };
        let mut starts = vec![first];
        let mut end = words.len();
        let mut depth = 0i32;
        for k in first + 1..words.len() {
            let w = words[k].1;
            if depth <= 0 && (w.ends_with(':') || is_bare_label(w, lex) || is_rule(w)) {
                end = k;
                break;
            }
            if depth <= 0 && opens_titled_item(&words, k, lex) && !lex.is_honorific(words[k - 1].1)
            {
                starts.push(k);
            }
            depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        }
        if starts.len() >= LEAST {
            let bounds = starts.iter().skip(1).copied().chain([end]);
            let items = starts
                .iter()
                .zip(bounds)
                .map(|(&a, b)| t[words[a].0.start..words[b - 1].0.end].trim_end_matches([',', ';']))
                .collect();
            let label = t[words[i].0.start..words[first].0.start].trim();
            let countries_lead = country_at(&words[i + 1..first], lex).is_some();
            out.push(TitledRun {
                label,
                items,
                countries_lead,
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// "________": a rule drawn with characters, which ends what came before.
fn is_rule(w: &str) -> bool {
    w.chars().count() >= 3 && w.chars().all(|c| "_-=*~.".contains(c))
}

/// "Mr. N. Scherk BELGIUM", "Dr R. BAIDYA Nepal": the item without the
/// country its layout put after the name (a delegation or its column),
/// "FEDERAL REPUBLIC OF GERMANY" whole, and that country as written.
fn without_country<'a>(item: &'a str, lex: &Lexicons) -> (&'a str, Option<&'a str>) {
    let words = word_spans(item);
    let surname = words
        .iter()
        .position(|(_, w)| !lex.is_honorific(w) && !initial(w.trim_end_matches([',', ';'])));
    let Some(surname) = surname else {
        return (item, None);
    };
    match country_at(&words[surname + 1..], lex) {
        Some((i, c)) => {
            let at = words[surname + 1 + i].0.start;
            let country = item[words[surname + 1 + c].0.start..].trim_end_matches([',', ';', '.']);
            (item[..at].trim_end(), Some(country))
        }
        None => (item, None),
    }
}

/// The people of a titled run; a run stops at an item whose tail is prose.
fn titled_run_people(
    run: &TitledRun,
    place: Place,
    ex: &Extractor,
    nicks: &HashSet<String>,
) -> Vec<Found> {
    const LONGEST_TAIL: usize = 6;
    let q = Qualifier::of(run.label, ex);
    let label_words = word_spans(run.label);
    let mut heading = country_at(&label_words, &ex.lex)
        .filter(|_| run.countries_lead)
        .map(|(_, c)| &run.label[label_words[c].0.start..]);
    let mut out = Vec::new();
    for item in &run.items {
        let (named, country) = without_country(item, &ex.lex);
        // A country heads the people after it, or follows its own.
        let delegation = if run.countries_lead { heading } else { country };
        if run.countries_lead && country.is_some() {
            heading = country;
        }
        let Some((n, nick)) = roll_person(named, ex, nicks) else {
            continue;
        };
        let first = out.len();
        let tail_words = outside_parentheses(&item[n.len..])
            .split_whitespace()
            .count();
        match second_name_at(named, &n, ex) {
            Some(at) => {
                for part in [&named[..at], &named[at..]] {
                    if let Some((n, nick)) = roll_person(part.trim(), ex, nicks) {
                        out.extend(roll_found(n, nick, part.trim(), q, place, ex));
                    }
                }
            }
            None => out.extend(roll_found(n, nick, item, q, place, ex)),
        }
        for f in &mut out[first..] {
            f.country = delegation.map(str::to_owned);
        }
        if tail_words > LONGEST_TAIL {
            break;
        }
    }
    out
}

/// `t` without what it holds in parentheses.
fn outside_parentheses(t: &str) -> String {
    let mut depth = 0i32;
    t.chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => return depth <= 0,
            }
            false
        })
        .collect()
}

/// "Mrs Helen Clark Sue Doughty": two names a layout ran together, an item
/// whose title stood before the first only. Four name words, the first and
/// the third given names the lexicon knows: the byte offset of the second.
fn second_name_at(named: &str, n: &NameSpan, ex: &Extractor) -> Option<usize> {
    let span = &named[..n.len];
    let words = word_spans(span);
    let name_words: Vec<&(Range<usize>, &str)> = words
        .iter()
        .skip_while(|(_, w)| ex.lex.is_honorific(w))
        .collect();
    let plain = name_words.iter().all(|(_, w)| name_word(w));
    let given = |k: usize| is_given(name_words[k].1, ex);
    (name_words.len() == 4 && plain && given(0) && given(2)).then(|| name_words[2].0.start)
}

/// "Participants: ... Chair Dr. Rodney Andrews Dr. Hugh Barton Dr Deborah
/// Bennett": names of a labelled roll each with its title, which a layout
/// ran together dropping the commas. A
/// new name opens at each title after a word that opens no title with it
/// ("City Manager Johnson" stays whole).
fn titled_names<'a>(at: usize, item: &'a str, lex: &Lexicons) -> Vec<(usize, &'a str)> {
    let words = word_spans(item);
    let mut starts = vec![0];
    for k in 1..words.len() {
        let (before, w) = (&words[k - 1], words[k].1);
        // "Dr L M Brown": a one-letter title after an initial is an initial.
        let opens = lex.is_honorific(w)
            && !lex.is_honorific(before.1)
            && !initial(before.1)
            && words
                .get(k + 1)
                .is_some_and(|(_, n)| n.starts_with(char::is_uppercase))
            && lex.title_len(&item[before.0.start..]) == 0;
        if opens {
            starts.push(words[k].0.start);
        }
    }
    split_at_starts(at, item, &starts)
}

/// `item` (at report offset `at`) cut where each name of `starts` (byte
/// offsets in `item`, the first 0) begins, each piece with its offset.
fn split_at_starts<'a>(at: usize, item: &'a str, starts: &[usize]) -> Vec<(usize, &'a str)> {
    let ends = starts.iter().skip(1).copied().chain([item.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&a, b)| (at + a, item[a..b].trim_end()))
        .collect()
}

/// "President A. Harvey R. Velshi M. J. McDill": names by initials and
/// surname that a layout ran together, dropping the commas. In an item that
/// opens (after its title) with an initial, a new name opens at each initial
/// after a surname.
fn initialled_names<'a>(at: usize, item: &'a str, lex: &Lexicons) -> Vec<(usize, &'a str)> {
    let words = word_spans(item);
    let title = lex.title_len(item);
    let opens_with_initial = words
        .iter()
        .find(|(r, _)| r.start >= title)
        .is_some_and(|(_, w)| initial(w));
    if !opens_with_initial {
        return vec![(at, item)];
    }
    let mut starts = vec![0];
    for k in 1..words.len() {
        let before = words[k - 1].1;
        if words[k].0.start > title && initial(words[k].1) && !initial(before) && name_word(before)
        {
            starts.push(words[k].0.start);
        }
    }
    split_at_starts(at, item, &starts)
}

/// "BOARD MEMBERS: Steve Allen Steve Majors Jerry Denton": a roll whose
/// commas a layout dropped. In a labelled item of six name words or more,
/// pairs whose first words are all given names are that many names (many
/// surnames are given names too: "Allen", "Perry"); otherwise, from four
/// words, a new name
/// opens at each given name that follows a surname (a name word that is no
/// given name): "Mary Ann Smith" stays whole, "Ana Ruiz Lopez Juan Sosa" is
/// two. A known nickname counts as a given name ("Chuck", a common word, is
/// in no given-name list).
fn run_together_names<'a>(at: usize, item: &'a str, ex: &Extractor) -> Vec<(usize, &'a str)> {
    const SHORTEST_RUN: usize = 4;
    // Four words may be one name ("Ana María López García"); six are three.
    const SHORTEST_PAIRS: usize = 6;
    let words = word_spans(item);
    let lex = &ex.lex;
    let given =
        |w: &str| name_word(w) && (lex.is_given(w) || ex.known_nicknames.contains(&fold(w)));
    if words.len() < SHORTEST_RUN {
        return vec![(at, item)];
    }
    if !words.iter().all(|(_, w)| name_word(w)) {
        // "... Ben Stout Administrators Members of the Public": the names run
        // on into the roll's other categories, which name no one.
        let end = words
            .iter()
            .position(|(_, w)| !name_word(w) || excluded(w, false, ex));
        return match end {
            Some(k) if k >= SHORTEST_RUN && !words[k].1.starts_with(char::is_lowercase) => {
                run_together_names(at, item[..words[k - 1].0.end].trim_end(), ex)
            }
            _ => vec![(at, item)],
        };
    }
    let pairs = words.len() >= SHORTEST_PAIRS
        && words.len().is_multiple_of(2)
        && words.iter().step_by(2).all(|(_, w)| given(w));
    if pairs {
        let starts: Vec<usize> = words.iter().step_by(2).map(|(r, _)| r.start).collect();
        return split_at_starts(at, item, &starts);
    }
    let mut starts = vec![0];
    let mut since = 0;
    for k in 1..words.len() {
        let (before, w) = (words[k - 1].1, words[k].1);
        let after_surname = since >= 1
            && name_word(before)
            && !given(before)
            && !lex.particles.iter().any(|p| p == before);
        if given(w) && after_surname {
            starts.push(words[k].0.start);
            since = 0;
        } else {
            since += 1;
        }
    }
    split_at_starts(at, item, &starts)
}

/// The attendance and absence labels of a text ("Present:", "Apologies:"),
/// with their ranges.
fn roll_labels<'a>(t: &'a str, lex: &Lexicons) -> Vec<(Range<usize>, &'a str)> {
    let mut out: Vec<(Range<usize>, &str)> = ROLL_LABEL
        .captures_iter(t)
        .filter_map(|c| Some((c.get(0)?.range(), c.get(1)?)))
        .filter(|(_, l)| is_roll_label(l.as_str(), lex))
        .map(|(whole, l)| {
            let from = label_start(l.as_str(), lex);
            (l.start() + from..whole.end, &t[l.start() + from..l.end()])
        })
        .collect();
    for (whole, label) in capitals_labels(t, lex) {
        if !out
            .iter()
            .any(|(r, _)| r.start < whole.end && whole.start < r.end)
        {
            out.push((whole, label));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// A roll's label in capitals without a colon, opening a line before the
/// names on it ("PRESENT S. Roger Koontz, Chairman; ...", "MEMBERS ABSENT
/// Jane Roe"): scanned minutes set the label in a column of its own, which
/// flattened text joins to the names. The label's words are capitals, its
/// last an attendance or absence word; a name not in capitals follows (a
/// word in capitals after it is a heading's, "PRESENT AUSTRIA Mr. A", whose
/// names [`titled_runs`] files under their countries).
fn capitals_labels<'a>(t: &'a str, lex: &Lexicons) -> Vec<(Range<usize>, &'a str)> {
    CAPITALS_LABEL
        .captures_iter(t)
        .filter_map(|c| Some((c.get(1)?, c.get(2)?.start())))
        .filter(|(label, _)| {
            let last = label.as_str().rsplit(' ').next().unwrap_or("");
            is_roll_label(last, lex)
        })
        .map(|(label, names)| (label.start()..names, label.as_str()))
        .collect()
}

/// [`capitals_labels`]: at a line's start, one to four words in capitals,
/// spaces, then a capital and a small letter or an initial's stop.
static CAPITALS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*((?:[A-Z][A-Z'’-]+ ){0,3}[A-Z][A-Z'’-]+)[ \t]+(\p{Lu}[\p{Ll}.])")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Where a roll's label begins in the words the label pattern took before
/// a colon, which may end the names of the roll before it ("Steve Majors
/// John Cockrell ABSENT:", "C. Gelinas Personnes excusées :"): at its first
/// attendance or absence word, and back over the words before it that a
/// label holds: lower case ones, ones written in the label's capitals
/// ("ROLL CALL BOARD MEMBERS"), words of a roll's or a body's lexicon
/// ("Staff", "Council", "Also"), and one capital opening a label in
/// sentence case ("Board members present", "Personnes excusées").
fn label_start(label: &str, lex: &Lexicons) -> usize {
    let words = word_spans(label);
    let is_roll_word = |w: &str| is_roll_label(w, lex);
    let Some(first) = words.iter().position(|(_, w)| is_roll_word(w)) else {
        return 0;
    };
    let caps = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let mut start = first;
    while start > 0 {
        let w = words[start - 1].1;
        let next = words[start].1;
        let lower = w.to_lowercase();
        let label_word = w.starts_with(char::is_lowercase)
            || (caps(w) && caps(next))
            || lex.not_names.contains(w)
            || lex.body_words.contains(&lower)
            || lex.role_words.contains(&lower)
            || is_roll_word(w);
        let sentence_case =
            w.starts_with(char::is_uppercase) && next.starts_with(char::is_lowercase);
        if !label_word && !sentence_case {
            break;
        }
        start -= 1;
        if sentence_case && !label_word {
            break;
        }
    }
    words[start].0.start
}

/// The people of a roll's items, each with whether it is a handle and its
/// item. A roll of one-word handles, two of which at least speak in the
/// record, is a roll of people ("chris, plh, nina"); under a label ("Regrets:
/// bertil") one handle is enough when the record's turns are by handles, and
/// none needs to speak where most of three or more are lower case ("Present:
/// huats, Ju, kagou": a log's nicks as its minutes list them).
fn roll_people<'a>(
    items: &[(usize, &'a str)],
    ex: &Extractor,
    nicks: &HashSet<String>,
    bare: bool,
    unread: impl Fn(&(usize, &'a str)) -> bool,
) -> Vec<(NameSpan, bool, &'a str)> {
    let word =
        |i: &str| !i.is_empty() && i.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c));
    // "_Enchained": a leading underscore marks a handle as a small letter does.
    let handle = |i: &str| word(i) && i.starts_with(|c: char| c.is_lowercase() || c == '_');
    let speaking = items
        .iter()
        .filter(|(_, i)| nicks.contains(&fold(i)))
        .count();
    let lower = items.iter().filter(|(_, i)| handle(i)).count();
    let handles = ((speaking >= 2 || !bare && nicks.len() >= 2)
        && items.iter().all(|(_, i)| handle(i)))
        || (!bare
            && items.len() >= 3
            && lower * 2 > items.len()
            && items.iter().all(|(_, i)| word(i)));
    let titled = plural_titled(items, &ex.lex);
    items
        .iter()
        .zip(titled)
        .filter(|(i, _)| unread(i))
        .filter_map(|(&(_, item), titled)| {
            if handles {
                let n = NameSpan {
                    len: item.len(),
                    name: item.to_owned(),
                    given: false,
                    honorific: false,
                    words: 1,
                    nickname: None,
                };
                return Some((n, true, item));
            }
            roll_person_titled(item, titled, ex, nicks).map(|(n, nick)| (n, nick, item))
        })
        .collect()
}

/// "Councilmembers Hewitt, Harstad, Black and Stein": whether each item of a
/// roll stands under a plural title that an earlier item opened with. It
/// titles the one-word items after it, until an item with a title of its
/// own or one of more than two words.
fn plural_titled(items: &[(usize, &str)], lex: &Lexicons) -> Vec<bool> {
    let mut titled = false;
    items
        .iter()
        .map(|(_, item)| {
            let title = lex.title_len(item);
            if title > 0 {
                titled = item[..title]
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| lex.is_plural_title(w));
                return false;
            }
            let words = item.split_whitespace().count();
            titled &= words <= 2;
            titled && words == 1
        })
        .collect()
}

/// A bare list (no label) is a roll when it has enough items, most of them
/// names, most names vouched for, and nothing but names, each followed by at
/// most a parenthesis or a dash: a clause after one ("... agreed") makes it
/// prose.
/// Enough items for a bare list to be a roll: three, or two under a
/// qualifying heading. Told before the items are read as names, which a
/// participant list of one name a line would cost for every line.
fn is_long_enough(items: &[(usize, &str)], q: Qualifier) -> bool {
    items.len() >= 3 || q.any() && items.len() >= 2
}

fn is_bare_roll(items: &[(usize, &str)], people: &[(NameSpan, bool, &str)], q: Qualifier) -> bool {
    let vouched = people
        .iter()
        .filter(|(n, nick, _)| *nick || n.given || n.honorific)
        .count();
    let vouched = vouched * 3 >= people.len() * 2;
    let plain = people.iter().all(|(n, _, item)| {
        let tail = item[n.len..].trim_start();
        tail.is_empty() || tail.starts_with(['(', '-', '–', '/'])
    });
    let enough = is_long_enough(items, q);
    let named = people.len() == items.len() || items.len() >= 4 && people.len() + 1 == items.len();
    enough && named && plain && vouched
}

/// A person of a roll, with the fact its qualifier and its item's tail
/// state; a speaker of a participants heading ("Speakers") is listed too.
fn roll_found(
    n: NameSpan,
    nick: bool,
    item: &str,
    q: Qualifier,
    place: Place,
    ex: &Extractor,
) -> Vec<Found> {
    let mut cues = n.cues();
    cues.push(Cue::Roll);
    if nick {
        cues.push(Cue::SpeakerLabel);
    }
    let fact = q.fact(&item[n.len..], ex, &mut cues);
    let mut out = Vec::new();
    if fact == FactKind::Spoke && q.participants {
        out.push(Found {
            name: n.name.clone(),
            fact: FactKind::Listed,
            place,
            cues: cues.clone(),
            country: None,
            group: None,
            described: None,
            nickname: n.nickname.clone(),
        });
    }
    out.push(Found {
        name: n.name,
        fact,
        place,
        cues,
        country: None,
        group: None,
        described: None,
        nickname: n.nickname,
    });
    out
}

/// ">> NAME:" anywhere (captioning flattened to one line), "<nick> text" and
/// "Name: text" at the start of a line.
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r">>\s*([A-Z][A-Za-z'’.\- ]{1,60}?)\s*:")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static LABEL_TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+)?([A-Za-z][\w'’.\-]*(?: [A-Za-z][\w'’.\-]*){0,4})(?:\s+\([^)]{1,60}\))?\s*:\s+\S")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Speakers of turns: caption labels, IRC nicks, `Name:` labels and
/// self-introductions. A one-word label counts when the lexicon knows it as a
/// given name or the record uses it to open two turns at least; field labels
/// ("Action:", "Date:") never do.
pub fn speakers(text: &Text, ex: &Extractor, skip: &HashSet<usize>) -> Vec<Found> {
    let uses = label_uses(text);
    let mut out = Vec::new();
    for line in &text.lines {
        if line.is_blank() || skip.contains(&line.number) {
            continue;
        }
        out.extend(line_turn(line.text(), ex, &uses).map(|(name, cues)| Found {
            name,
            fact: FactKind::Spoke,
            place: Place::Line(line.number),
            cues,
            country: None,
            group: None,
            described: None,
            nickname: None,
        }));
    }
    for (i, s) in text.sentences.iter().enumerate() {
        let spoke = caption_labels(s.text(), ex).chain(self_introductions(s.text(), ex));
        out.extend(spoke.map(|(name, cues)| Found {
            name,
            fact: FactKind::Spoke,
            place: Place::Sentence(i),
            cues,
            country: None,
            group: None,
            described: None,
            nickname: None,
        }));
    }
    out
}

/// A label that opens a field of the minutes, not a turn ("Action:",
/// "Present:", a section heading).
fn is_field_label(l: &str, lex: &Lexicons) -> bool {
    let f = fold(l);
    lex.not_speaker_labels.contains(&f)
        || f.split(' ').any(|w| lex.not_speaker_labels.contains(w))
        || lex.is_section_heading(l)
        || is_roll_label(l, lex)
}

/// How often each one-word label opens a line, folded.
fn label_uses(text: &Text) -> HashMap<String, usize> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for line in &text.lines {
        if let Some(l) = LABEL_TURN
            .captures(after_marker(line.text()))
            .and_then(|c| c.get(1))
        {
            if !l.as_str().contains(' ') {
                *uses.entry(fold(l.as_str())).or_default() += 1;
            }
        }
    }
    uses
}

/// The speaker of a line that is a turn: "<nick> text" of a chat log, or
/// "Name: text", with the cues that say it is a person. A caption's ">>"
/// turn is read by `speech`.
fn line_turn(t: &str, ex: &Extractor, uses: &HashMap<String, usize>) -> Option<(String, Vec<Cue>)> {
    let lex = &ex.lex;
    if let Some(turn) = super::chat::turn(t) {
        let n = turn.handle;
        let person = !is_field_label(n, lex) && !super::chat::is_bot(n, ex);
        return person.then(|| (n.to_owned(), vec![Cue::SpeakerLabel]));
    }
    if t.trim_start().starts_with(">>") {
        return None;
    }
    let l = LABEL_TURN
        .captures(after_marker(t))
        .and_then(|c| c.get(1))?
        .as_str();
    if is_field_label(l, lex) {
        return None;
    }
    if l.contains(' ') {
        let n = name_at(l, ex, 2).filter(|n| n.len == l.len())?;
        let mut cues = n.cues();
        cues.push(Cue::SpeakerLabel);
        return Some((n.name, cues));
    }
    one_word_label(l, ex, uses)
}

/// The line after its list marker: minutes kept as bullets write a turn
/// "• Felipe: Great presentation." as an item.
fn after_marker(t: &str) -> &str {
    list_marker(t).map_or(t, |m| &t[m..])
}

/// "Anriette: ...": a one-word label is a speaker when the given-name lexicon
/// knows it or it opens two lines or more (an all-capitals word,
/// "RESOLUTION", needs the lexicon); never an organisation or a country.
fn one_word_label(
    l: &str,
    ex: &Extractor,
    uses: &HashMap<String, usize>,
) -> Option<(String, Vec<Cue>)> {
    if l.chars().count() < 2 {
        return None;
    }
    let known = l.starts_with(char::is_uppercase) && is_given(l, ex) && name_word(l);
    let repeated = uses.get(&fold(l)).copied().unwrap_or(0) >= 2;
    let caps = l.len() > 1 && l.chars().all(|c| c.is_ascii_uppercase());
    let org = ex.orgs.lookup(l).is_some() || ex.lex.countries.contains(&fold(l));
    let vouched = if caps { known } else { known || repeated };
    if !vouched || org || excluded(l, true, ex) {
        return None;
    }
    let mut cues = vec![Cue::SpeakerLabel];
    if known {
        cues.push(Cue::GivenName);
    }
    Some((title_case(l), cues))
}

/// Caption labels inside a sentence ("... >> ANA LEE: ..."); the first label
/// of a sentence is read by the transcript rule of `speech`.
fn caption_labels<'a>(
    t: &'a str,
    ex: &'a Extractor,
) -> impl Iterator<Item = (String, Vec<Cue>)> + 'a {
    CAPTION_LABEL.captures_iter(t).filter_map(move |c| {
        let label = c.get(1).filter(|l| l.start() > 3)?;
        let l = label.as_str().trim();
        let generic = l
            .split(' ')
            .any(|w| ex.lex.not_names.contains(&title_case(w)));
        if is_field_label(l, &ex.lex) || generic {
            return None;
        }
        let n = name_at(l, ex, 1).filter(|n| n.len == l.len())?;
        let mut cues = n.cues();
        cues.push(Cue::SpeakerLabel);
        Some((n.name, cues))
    })
}

/// "My name is Ana Lee", "This is Ana speaking": a person introducing
/// themself spoke (a full name, or a given name the lexicon knows).
fn self_introductions<'a>(
    t: &'a str,
    ex: &'a Extractor,
) -> impl Iterator<Item = (String, Vec<Cue>)> + 'a {
    let intro = ex.lex.self_introduction.as_ref();
    (intro.into_iter())
        .flat_map(move |re| re.captures_iter(t))
        .filter_map(move |c| {
            let m = c.get(1)?;
            let n = name_at(&t[m.start()..], ex, 1)?;
            if n.words < 2 && !n.given {
                return None;
            }
            let mut cues = n.cues();
            cues.push(Cue::SelfIntroduction);
            Some((n.name, cues))
        })
        .chain(lower_case_self_introductions(t, ex))
}

/// "my name is kyle mcmartin, for the last few years ...": a full name
/// typed in small letters, as people write in a chat, after a phrase that
/// introduces the speaker; a given name the lexicon knows, then a word that
/// is no common word ("I'm kevin here" is no name), written in capitals.
fn lower_case_self_introductions<'a>(
    t: &'a str,
    ex: &'a Extractor,
) -> impl Iterator<Item = (String, Vec<Cue>)> + 'a {
    let intro = ex.lex.self_introduction_in_lower_case.as_ref();
    (intro.into_iter())
        .flat_map(move |re| re.captures_iter(t))
        .filter_map(move |c| {
            let (given, surname) = c.get(1)?.as_str().split_once(' ')?;
            let named = ex.lex.is_given(given) && !ex.lex.common_words.contains(surname);
            named.then(|| {
                let name = format!("{} {}", capitalised(given), capitalised(surname));
                (name, vec![Cue::GivenName, Cue::SelfIntroduction])
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    fn extractor() -> Extractor {
        Extractor::new(&Ontology::embedded().expect("the embedded ontology loads"))
    }

    #[test]
    fn names_with_particles_initials_and_capitals() {
        let ex = extractor();
        let n = |t: &str| name_at(t, &ex, 2).map(|n| n.name);
        assert_eq!(
            n("Remco van Mook (RvM), Member").as_deref(),
            Some("Remco van Mook")
        );
        assert_eq!(
            n("Harald A. Summa (SU)").as_deref(),
            Some("Harald A. Summa")
        );
        assert_eq!(
            n("Thomas Keller- Registrars").as_deref(),
            Some("Thomas Keller")
        );
        assert_eq!(n("MARKUS KUMMER").as_deref(), Some("Markus Kummer"));
        assert_eq!(n("Senior Policy Director"), None);
        assert_eq!(n("Commercial & Business Users"), None);
    }

    #[test]
    fn undotted_initials_keep_a_letter_that_alone_is_a_word() {
        let ex = extractor();
        let n = |t: &str| name_at(t, &ex, 1).map(|n| n.name);
        assert_eq!(n("A W Cuthbert;").as_deref(), Some("A W Cuthbert"));
        assert_eq!(n("Professor F G A Stone").as_deref(), Some("F G A Stone"));
        // The article before a lone name stays no initial.
        assert_eq!(n("A Board member"), None);
    }

    #[test]
    fn an_address_or_a_heading_of_another_language_is_no_name() {
        let ex = extractor();
        let n = |t: &str| name_at(t, &ex, 1).map(|n| n.name);
        assert_eq!(n("Sylvania Ave Toledo, OH"), None);
        assert_eq!(n("Orden del Día"), None);
        assert_eq!(n("Beginn der Generalversammlung: 18:00 Uhr"), None);
        assert_ne!(
            n("Funktionäre Thomas Karl").as_deref(),
            Some("Funktionäre Thomas Karl")
        );
        assert_eq!(n("Gernot Blaikner").as_deref(), Some("Gernot Blaikner"));
    }

    #[test]
    fn a_one_letter_title_after_an_initial_opens_no_new_name() {
        let lex = &extractor().lex;
        let names: Vec<&str> = titled_names(0, "Dr L M Brown", lex)
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["Dr L M Brown"]);
    }

    #[test]
    fn a_dotted_one_letter_title_before_initials_and_a_surname_is_an_initial() {
        let ex = extractor();
        let n = |t: &str| name_at(t, &ex, 1).map(|n| n.name);
        assert_eq!(n("M. J. McDill").as_deref(), Some("M. J. McDill"));
        // Before a lone surname or a given name it is the title still.
        assert_eq!(n("M. Leblanc").as_deref(), Some("Leblanc"));
        assert_eq!(n("M. BUSSON Roger").as_deref(), Some("Busson Roger"));
    }

    /// The names the rolls of `raw` list as present, in order.
    fn listed_in(raw: &str, ex: &Extractor) -> Vec<String> {
        let t = Text::new(raw);
        rolls(&t, ex, &ListedAt::default(), &HashSet::new())
            .found
            .into_iter()
            .filter(|f| f.fact == FactKind::Listed)
            .map(|f| f.name)
            .collect()
    }

    #[test]
    fn a_plural_title_titles_the_surnames_of_the_roll_after_it() {
        let ex = extractor();
        assert_eq!(
            listed_in("COUNCIL PRESENT: Mayor Tierney, Councilmembers Hewitt, Harstad, Black, and Stein. ABSENT: Councilmember Johnson.", &ex),
            ["Tierney", "Hewitt", "Harstad", "Black", "Stein"]
        );
        // A singular title titles its own item only.
        let t = Text::new("PRESENT: Councilmember Hewitt, Harstad, Black and Stein.");
        let got = rolls(&t, &ex, &ListedAt::default(), &HashSet::new());
        assert!(got.found.iter().all(|f| f.name != "Harstad"));
    }

    #[test]
    fn names_run_together_without_commas_are_split_into_people() {
        let ex = extractor();
        assert_eq!(
            listed_in(
                "BOARD MEMBERS PRESENT: Paul Brenner Linda Ochoa Mark Dwyer",
                &ex
            ),
            ["Paul Brenner", "Linda Ochoa", "Mark Dwyer"]
        );
        let split = |t| run_together_names(0, t, &ex).len();
        // A name of given names and a surname stays one person.
        assert_eq!(split("Mary Ann Hollis"), 1);
        assert_eq!(split("Anna Maria Lopez Garcia"), 1);
    }

    /// "Chuck" is a nickname no given-name list holds (a common word), and
    /// the roll ran on into its categories: the item was one name of four
    /// words, then nobody at all.
    #[test]
    fn a_nicknamed_run_together_roll_before_its_categories_is_its_people() {
        let ex = extractor();
        assert_eq!(
            listed_in(
                "ALSO IN ATTENDANCE: Chuck Perry Karla Dyess Michelle Bergwall Ben Stout Administrators Members of the Public",
                &ex
            ),
            ["Chuck Perry", "Karla Dyess", "Michelle Bergwall", "Ben Stout"]
        );
    }

    #[test]
    fn a_label_after_a_roll_takes_none_of_its_names() {
        let ex = extractor();
        let raw = "PRESENT: Paul Brenner, Linda Ochoa Mark Dwyer ABSENT: Ruth Kimball";
        assert_eq!(
            listed_in(raw, &ex),
            ["Paul Brenner", "Linda Ochoa", "Mark Dwyer"]
        );
        let labels = |t| {
            roll_labels(t, &ex.lex)
                .into_iter()
                .map(|(_, l)| l.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(labels("Mark Dwyer ABSENT: Ruth Kimball"), ["ABSENT"]);
        assert_eq!(
            labels("C. Arnaud Personnes excusées : R. Blin"),
            ["Personnes excusées"]
        );
        assert_eq!(
            labels("ROLL CALL BOARD MEMBERS PRESENT: R. Blin"),
            ["ROLL CALL BOARD MEMBERS PRESENT"]
        );
    }

    #[test]
    fn a_plural_role_after_a_roll_s_last_name_is_no_person() {
        let ex = extractor();
        assert_eq!(
            listed_in("Present: D. Ferris, T. Hale and B. Orton, Recording Secretaries Staff present were: K. Amos", &ex),
            ["D. Ferris", "T. Hale", "B. Orton", "K. Amos"]
        );
    }

    #[test]
    fn a_roll_item_of_titled_names_run_together_is_split_at_each_title() {
        let ex = extractor();
        assert_eq!(
            listed_in("Participants: Members of the Science Advisory Board Dr. Ana Ruiz, Chair Dr. Rodney Andrews Dr. Hugh Barton Mr. Ben Lee", &ex),
            ["Ana Ruiz", "Rodney Andrews", "Hugh Barton", "Ben Lee"]
        );
        let split = |t| titled_names(0, t, &ex.lex);
        assert_eq!(split("City Manager Johnson").len(), 1);
    }

    #[test]
    fn a_counsel_s_title_is_kept_out_of_the_name() {
        let ex = extractor();
        let n = |t: &str| name_at(t, &ex, 1).map(|n| n.name);
        assert_eq!(
            n("General Counsel T. Johnston").as_deref(),
            Some("T. Johnston")
        );
    }

    #[test]
    fn headings_skip_blank_and_rule_lines_and_drop_long_lines() {
        let t = Text::new("Present\n\n-----\nAna Silva\nBen Costa\n\nthis line has far more than eight words in it, so it heads nothing\nCarla Dias");
        let h = headings(&t);
        assert_eq!(h.len(), t.lines.len() + 1);
        assert_eq!(h[0], "");
        assert_eq!(h[3], "Present");
        assert_eq!(h[4], "Ana Silva");
        assert_eq!(h[7], "");
    }

    /// Each line's heading was looked for by walking up over every blank line
    /// above it, which is quadratic: a minute for 80 KB of blank lines, so
    /// this test (100,000 of them) took minutes, not milliseconds.
    #[test]
    fn a_long_run_of_blank_lines_is_read_in_linear_time() {
        let ex = extractor();
        let raw = format!(
            "Participants\nAna Silva\n{}Ben Costa\n",
            "\n".repeat(100_000)
        );
        let t = Text::new(&raw);
        assert!(t.lines.len() > 100_000);
        let h = headings(&t);
        let ben = t.lines.iter().position(|l| l.text() == "Ben Costa");
        assert_eq!(ben.map(|i| h[i]), Some("Ana Silva"));
        let _ = rolls(&t, &ex, &ListedAt::default(), &HashSet::new()).found;
    }
    #[test]
    fn a_full_name_typed_in_small_letters_introduces_its_speaker() {
        let ex = extractor();
        let t = Text::new("18:02:21 #1: hi, my name is kyle mcmartin, for the last few years i worked on the kernel.\n18:02:55 I'm happy to help. this is kevin here.\n");
        let names: Vec<String> = speakers(&t, &ex, &HashSet::new())
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["Kyle Mcmartin"]);
    }

    #[test]
    fn a_labelled_roll_of_lower_case_handles_is_people_without_turns() {
        let ex = extractor();
        let names = |raw: &str| -> Vec<String> {
            let t = Text::new(raw);
            rolls(&t, &ex, &ListedAt::default(), &HashSet::new())
                .found
                .into_iter()
                .map(|f| f.name)
                .collect()
        };
        assert_eq!(
            names("Présents : huats, Ju, kagou, mr_pouit"),
            ["huats", "Ju", "kagou", "mr_pouit"]
        );
        // A generational suffix after a comma is the name's, not an item.
        assert_eq!(
            names("Present: W. Clifton Wilkinson, Jr., Ana Ruiz, Eva Lind"),
            ["W. Clifton Wilkinson, Jr.", "Ana Ruiz", "Eva Lind"]
        );
        // Names by initials run together where the commas were lost.
        assert_eq!(
            names("Present: K. Obi, President A. Lund R. Moss L. J. Hale and T. Ek"),
            ["K. Obi", "A. Lund", "R. Moss", "L. J. Hale", "T. Ek"]
        );
        // A handle's leading underscore is the handle's.
        assert_eq!(
            names("Présents : huats, Ju, kagou, _Enchained"),
            ["huats", "Ju", "kagou", "_Enchained"]
        );
        // Capitalised one-word items are not handles: the names rule reads them.
        assert!(!names("Present: Budget, Minutes, Reports").contains(&"Budget".to_owned()));
    }
    #[test]
    fn a_roll_flattened_without_its_colon_is_split_at_titles() {
        let ex = extractor();
        let listed = |raw: &str| listed_in(raw, &ex);
        // Delegations in capitals before their people, a chair's role after
        // a comma, initials run together.
        assert_eq!(
            listed(
                "PRESENT NORWAY Mr. T.K. Aaberg Mrs. L. Holm PORTUGAL Mr. J. Matos, \
                 Chairman Mr. P. Sousa FEDERAL REPUBLIC OF GERMANY Dr. E. Vogt"
            ),
            ["T.K. Aaberg", "L. Holm", "J. Matos", "P. Sousa", "E. Vogt"]
        );
        // The country in a column after the name in capitals; a rule ends the run.
        assert_eq!(
            listed(
                "Present Designating Country Dr A. B. KOVAC Slovenia Dr C. MENDES, \
                 Rapporteur Brazil Mrs Helen Ward Sue Berry ______ Memorandum by the Office"
            ),
            ["A. B. Kovac", "C. Mendes", "Helen Ward", "Sue Berry"]
        );
        // Two titles in prose are no roll.
        assert!(listed("Present at the launch, Mr. Ray Dunn thanked Dr. Ana Pike.").is_empty());
    }
    #[test]
    fn a_titled_roll_files_people_under_the_country_its_layout_gives() {
        let ex = extractor();
        let countries = |raw: &str| -> Vec<(String, Option<String>)> {
            let t = Text::new(raw);
            rolls(&t, &ex, &ListedAt::default(), &HashSet::new())
                .found
                .into_iter()
                .filter(|f| f.fact == FactKind::Listed)
                .map(|f| (f.name, f.country))
                .collect()
        };
        let c = |n: &str, c: &str| (n.to_owned(), Some(c.to_owned()));
        // Countries as headings: each heads the people after it.
        assert_eq!(
            countries("PRESENT NORWAY Mr. T.K. Aaberg Mrs. L. Holm PORTUGAL Mr. J. Matos, Chairman Mr. P. Sousa"),
            [
                c("T.K. Aaberg", "NORWAY"),
                c("L. Holm", "NORWAY"),
                c("J. Matos", "PORTUGAL"),
                c("P. Sousa", "PORTUGAL")
            ]
        );
        // Countries in a column: each follows its own person, after a role.
        assert_eq!(
            countries("Present Designating Country Dr A. B. KOVAC, Chairman Slovenia Dr C. MENDES, Rapporteur Brazil Dr E. NAGY Hungary"),
            [
                c("A. B. Kovac", "Slovenia"),
                c("C. Mendes", "Brazil"),
                c("E. Nagy", "Hungary")
            ]
        );
    }
    #[test]
    fn a_turn_written_as_a_list_item_has_its_speaker() {
        let ex = extractor();
        let t = Text::new(
            "Minutes\n  • Felipe: Great presentation, thanks.\n  • Rob: How do we start?\n  • Rob: Soon.\n",
        );
        let names: Vec<String> = speakers(&t, &ex, &HashSet::new())
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert!(
            names.contains(&"Felipe".to_owned()) && names.contains(&"Rob".to_owned()),
            "{names:?}"
        );
    }

    #[test]
    fn a_roll_in_running_text_files_people_under_its_groups_labels() {
        let ex = extractor();
        let t = Text::new(
            "The board met on 3 May. Also present: A. Harvey and T. Okafor Other contributors were: Acme Power: B. Duncan and R. Lindqvist Hydro Services : C. Gelinas; Personnes excusées : D. Roy",
        );
        let found: Vec<(String, FactKind, Option<String>)> =
            rolls(&t, &ex, &ListedAt::default(), &HashSet::new())
                .found
                .into_iter()
                .map(|f| (f.name, f.fact, f.group))
                .collect();
        let f =
            |n: &str, fact: FactKind, g: Option<&str>| (n.to_owned(), fact, g.map(str::to_owned));
        assert_eq!(
            found,
            [
                f("A. Harvey", FactKind::Listed, None),
                f("T. Okafor", FactKind::Listed, None),
                f("B. Duncan", FactKind::Listed, Some("Acme Power")),
                f("R. Lindqvist", FactKind::Listed, Some("Acme Power")),
                f("C. Gelinas", FactKind::Listed, Some("Hydro Services")),
                f("D. Roy", FactKind::Mentioned, None),
            ]
        );
    }

    #[test]
    fn an_items_description_is_the_first_longer_entry_at_its_place_of_many() {
        let entries = [
            (0, "Ann Lee"),
            (9, "Bo Ray"),
            (9, "Bo Ray, Clerk, Town of Hope"),
            (9, "Bo Ray, Clerk"),
            (40, "Cy Dunn, Chair"),
        ];
        assert_eq!(described_at(&entries, 0, 7), None);
        assert_eq!(
            described_at(&entries, 9, 6).as_deref(),
            Some("Bo Ray, Clerk, Town of Hope")
        );
        assert_eq!(
            described_at(&entries, 40, 7).as_deref(),
            Some("Cy Dunn, Chair")
        );
        assert_eq!(described_at(&entries, 20, 3), None);
        assert_eq!(described_at(&entries, 99, 3), None);
    }

    #[test]
    fn a_roll_label_in_capitals_without_its_colon_opens_the_roll_on_its_line() {
        let ex = extractor();
        let raw = "The board met on 4 May 1981.\nPRESENT S. Roger Koontz, Chairman; Will L. Owings, Vice -\nChairman; Rhoda W. Maddox and Kenneth Y. Stiles.\nMEMBERS ABSENT Ruth Kimball\nCALL TO ORDER\nThe Chairman called the meeting to order.";
        assert_eq!(
            listed_in(raw, &ex),
            [
                "S. Roger Koontz",
                "Will L. Owings",
                "Rhoda W. Maddox",
                "Kenneth Y. Stiles"
            ]
        );
        let labels = |t| {
            roll_labels(t, &ex.lex)
                .into_iter()
                .map(|(_, l)| l.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(labels("MEMBERS ABSENT Ruth Kimball"), ["MEMBERS ABSENT"]);
        // A heading in capitals above a country's delegates is no label.
        assert!(labels("PRESENT AUSTRIA Mr. H. Knitel").is_empty());
        assert!(labels("CALL TO ORDER The Chairman called").is_empty());
    }
}
