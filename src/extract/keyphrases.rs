//! Keyphrases: the subjects a record discusses that the thesaurus lacks.
//!
//! Rationale: `ontology/topics.ttl` knows the subjects of Internet governance;
//! a county board's "Sludge at the old landfill" or a society's "Election of
//! officers" is in no thesaurus, yet it is what the meeting discussed. An
//! agenda title names such a subject, so each title that is a subject (not
//! procedural, not a thesaurus label, not a thesaurus concept in other words)
//! becomes a keyphrase concept of its own scheme. Its identity across reports
//! is its folded lemma form ([`lemma_key`]), so "Steering Committee Meetings"
//! in one report and "Steering committee meeting" in another are one concept;
//! it keeps the thesaurus concepts its words name as close matches, and the
//! agenda line as evidence.
//!
//! What it will not do: take repeated noun phrases of the running text as
//! subjects. Measured on the development set (about 2,000 bytes a record),
//! phrases repeated twice or more, capitalised phrases and the phrases after
//! "discuss" or "update on" were subjects of the gold in 4 to 11 cases out of
//! 100, too few to lift a record's topics; the agenda is the record's own list
//! of its subjects.

use super::extraction::evidence;
use super::extractor::Extractor;
use crate::model::{AgendaItem, Evidence, FactKind, Keyphrase};
use crate::text::Text;
use crate::words::names::capitalised;
use crate::words::{fold, Lexicons};
use std::collections::{HashMap, HashSet};

/// An agenda title of more words than this is a description, not a name.
const MAX_TITLE_WORDS: usize = 10;

/// Words of at most this many letters are never taken for plurals ("has", "its").
const SHORTEST_PLURAL: usize = 3;

/// A subject an agenda title names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The title without its label, speaker and trailing parenthesis.
    pub name: String,
    /// The title as written, and the two sides of a colon in it, where they
    /// differ from the name: other ways the record names the subject.
    pub aliases: Vec<String>,
    /// The agenda line or heading that names it.
    pub evidence: Option<Evidence>,
    /// Set when the title names no thesaurus concept as a whole; none when
    /// the cleaned name is a thesaurus label (then `name` is that concept's
    /// preferred label).
    pub keyphrase: Option<Keyphrase>,
}

/// The subjects the agenda names, in agenda order, one per title that is a
/// subject (`is_subject`). Cost: one thesaurus search per title.
pub fn agenda_keyphrases(ex: &Extractor, text: &Text, agenda: &[AgendaItem]) -> Vec<Subject> {
    let mut out = Vec::new();
    // A title that comes back is a page's running header ("CONFIDENTIAL -
    // 1 - CM/Del(84)373"), read as an item on every page.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in agenda {
        *seen.entry(fold(&item.title)).or_default() += 1;
    }
    let once = |i: &&AgendaItem| seen.get(&fold(&i.title)) == Some(&1);
    let titles: Vec<AgendaItem> = agenda
        .iter()
        .filter(once)
        .filter(|i| !cut_by_the_end(&ex.lex, text, &i.title))
        .flat_map(listed_subjects)
        .collect();
    for item in titles.iter().filter(|i| is_subject(ex, &i.title)) {
        let line = text
            .sentences
            .iter()
            .find(|s| s.text().contains(item.title.as_str()))
            .map(|s| evidence(FactKind::Discussed, &s.span, &item.title));
        let name = cleaned(&ex.lex, &item.title);
        let mut aliases = vec![item.title.trim().to_owned()];
        aliases.extend(colon_sides(&name));
        aliases.extend(long_title_sides(&ex.lex, &item.title));
        aliases.extend(dash_sides(&name));
        aliases.extend(comma_sides(&name));
        aliases.extend(quoted(&name));
        aliases.extend(without_article(&ex.lex, &name));
        aliases.extend(without_date_tail(&ex.lex, &name));
        aliases.extend(after_code(&name));
        let (name, keyphrase) = match ex.topics.lookup(&name) {
            Some(i) => (ex.topics.entry(i).pref.clone(), None),
            None => {
                let keyphrase = Keyphrase {
                    key: lemma_key(&ex.lex, &name),
                    close_matches: thesaurus_links(ex, &name),
                };
                (name, Some(keyphrase))
            }
        };
        let key = fold(&name);
        aliases.retain(|a| !a.is_empty() && fold(a) != key);
        aliases.dedup_by_key(|a| fold(a));
        out.push(Subject {
            name,
            aliases,
            evidence: line,
            keyphrase,
        });
    }
    out
}

/// The subjects a sentence lists after a phrase of `[subject-list-leads]`
/// ("Purpose: ... and discuss: EPA's proposed rule; planned actions on the
/// regulatory agenda; and the Board's self-initiated project"): a record that
/// states its agenda in prose. Each item of two or more is a subject, as an
/// agenda title is ([`agenda_keyphrases`]), with the sentence as evidence.
/// Cost: one search per lead per sentence.
pub fn stated_subjects(ex: &Extractor, text: &Text) -> Vec<Subject> {
    let mut out = Vec::new();
    // The items are no lines of the record: none is cut by its end.
    let no_text = Text::new("");
    for s in &text.sentences {
        let agenda: Vec<AgendaItem> = listed_items(&ex.lex, s.text())
            .into_iter()
            .map(|title| AgendaItem {
                id: String::new(),
                title,
            })
            .collect();
        if agenda.is_empty() {
            continue;
        }
        for mut subject in agenda_keyphrases(ex, &no_text, &agenda) {
            let mention = std::iter::once(&subject.name)
                .chain(&subject.aliases)
                .find(|m| s.text().contains(m.as_str()))
                .cloned()
                .unwrap_or_default();
            subject.evidence = Some(evidence(FactKind::Discussed, &s.span, &mention));
            out.push(subject);
        }
    }
    out
}

/// The meeting's own business that its running text names where no agenda
/// line does (`[business-in-prose]`): "The minutes of the meeting held on 14
/// July were confirmed", "l'élection des coprésidents". Records with no
/// agenda list, or one the layout lost, still approve minutes and elect
/// officers; their gold names these subjects as it names agenda items. A
/// sentence names one only with a word of `[business-acts]`, and not after a
/// negation ("no minutes were approved"); a subject an agenda title already
/// names (`agenda_names`) is left to the agenda, and the lines of the
/// participants and apologies lists (`roster_lines`) are lists, no prose.
/// Cost: one search per phrase per sentence.
pub fn business_in_prose(
    ex: &Extractor,
    text: &Text,
    agenda: &[AgendaItem],
    roster_lines: &HashSet<usize>,
) -> Vec<Subject> {
    let lex = &ex.lex;
    let mut out: Vec<Subject> = Vec::new();
    for s in text
        .sentences
        .iter()
        .filter(|s| !roster_lines.contains(&s.line))
    {
        let t = s.text();
        let lower = t.to_lowercase();
        if !lex
            .business_acts
            .iter()
            .any(|a| word_at(&lower, a).is_some())
        {
            continue;
        }
        for (phrase, name) in &lex.business_in_prose {
            let Some(at) = word_at(&lower, phrase) else {
                continue;
            };
            if negated(lex, &lower[..at]) {
                continue;
            }
            // Lower case keeps the byte length of these scripts; a phrase
            // off a char boundary of the sentence names nothing.
            let Some(surface) = t
                .get(at..)
                .map(|rest| business_subject(lex, rest, phrase.len()))
            else {
                continue;
            };
            if name.is_empty() && surface.len() <= phrase.trim_end().len() {
                continue;
            }
            if agenda_names(lex, agenda, phrase, &surface) {
                continue;
            }
            let name = if name.is_empty() {
                capitalised(&surface)
            } else {
                name.clone()
            };
            let key = fold(&name);
            if out.iter().any(|o| fold(&o.name) == key) {
                continue;
            }
            let mut aliases: Vec<String> = [Some(surface.clone()), before_ender(lex, &surface)]
                .into_iter()
                .flatten()
                .filter(|a| fold(a) != key)
                .collect();
            aliases.dedup_by_key(|a| fold(a));
            out.push(Subject {
                keyphrase: Some(Keyphrase {
                    key: lemma_key(lex, &name),
                    close_matches: thesaurus_links(ex, &name),
                }),
                name,
                aliases,
                evidence: Some(evidence(FactKind::Discussed, &s.span, &surface)),
            });
        }
    }
    out
}

/// Words at most in the title that leads a line ([`led_subjects`]).
const MAX_LEAD_WORDS: usize = 6;

/// A longer line is a paragraph of prose, which no title leads ("As one of
/// its tasks, the current board is looking into ...").
const MAX_LED_LINE_WORDS: usize = 40;

/// Lines led by a title that a record needs before its leads are subjects.
const MIN_LED_LINES: usize = 3;

/// "- Oaths of Office – Celina read the Oath", "Silent Auction, AB will
/// finalize.": minutes with no agenda list (a library board's notes, a
/// club's) open each item's line with its title, then a dash or a comma
/// and what was done. Where the record has no agenda, each such title is a
/// subject, as an agenda title is ([`agenda_keyphrases`]), with its line as
/// evidence. A lead is at most `MAX_LEAD_WORDS` words, capitalised,
/// without digits, a finite verb or a given name ("Motion to Adjourn
/// Heidi"), on a line of prose no longer than `MAX_LED_LINE_WORDS` and
/// before no list of people (a roll's group); before a comma it has
/// two words at least ("However," "Yes," open sentences). Fewer than
/// `MIN_LED_LINES` such lines are prose that happens to look so: none.
pub fn led_subjects(
    ex: &Extractor,
    text: &Text,
    agenda: &[AgendaItem],
    roster_lines: &HashSet<usize>,
) -> Vec<Subject> {
    if !agenda.is_empty() {
        return Vec::new();
    }
    let leads: Vec<(AgendaItem, &crate::text::Line)> = text
        .lines
        .iter()
        .filter(|l| !l.is_blank() && !roster_lines.contains(&l.number))
        .filter_map(|l| {
            line_lead(&ex.lex, l.text()).map(|title| {
                let item = AgendaItem {
                    id: String::new(),
                    title,
                };
                (item, l)
            })
        })
        .collect();
    if leads.len() < MIN_LED_LINES {
        return Vec::new();
    }
    let no_text = Text::new("");
    let mut out = Vec::new();
    for (item, line) in leads {
        for mut subject in agenda_keyphrases(ex, &no_text, std::slice::from_ref(&item)) {
            subject.evidence = Some(evidence(FactKind::Discussed, &line.span, &item.title));
            out.push(subject);
        }
    }
    out
}

/// The title that leads a line of minutes ([`led_subjects`]), if one does.
fn line_lead(lex: &Lexicons, line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_start_matches(['-', '–', '•', '*', '·'])
        .trim_start();
    let dash = [" – ", " — ", " - ", "– "]
        .iter()
        .filter_map(|d| t.find(d).map(|at| (at, d.len())))
        .min();
    let comma = t.find(", ").map(|at| (at, 2));
    let ((at, len), by_comma) = match (dash, comma) {
        (Some(d), Some(c)) if c.0 < d.0 => (c, true),
        (Some(d), _) => (d, false),
        (None, Some(c)) => (c, true),
        (None, None) => return None,
    };
    let head = t[..at].trim();
    let rest = t[at + len..].trim();
    let words: Vec<&str> = head.split_whitespace().collect();
    let least = if by_comma { 2 } else { 1 };
    let first = *words.first()?;
    let named = |w: &&str| w.starts_with(char::is_uppercase) && lex.is_given(w);
    let leads = (least..=MAX_LEAD_WORDS).contains(&words.len())
        && t.split_whitespace().count() <= MAX_LED_LINE_WORDS
        && first.starts_with(char::is_uppercase)
        && rest.chars().any(char::is_alphabetic)
        && !head.contains(|c: char| c.is_ascii_digit() || ":;()".contains(c))
        && !lex.prose.agenda_sentence_verb.is_match(head)
        && !words.iter().any(named)
        && !lex.is_honorific(first)
        && !lists_people(lex, rest)
        && !super::roster::is_roll_field(t, lex);
    leads.then(|| head.to_owned())
}

/// "Mike Saunders, Osvaldo Gervasi", "Marina Latini (Chairperson)": what
/// follows a group's label in a roll, a known given name and a capitalised
/// word; "Heidi moves, ..." is a sentence.
fn lists_people(lex: &Lexicons, rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    lex.is_given(first) && second.starts_with(char::is_uppercase)
}

/// Where `phrase` first stands in `lower` as whole words.
fn word_at(lower: &str, phrase: &str) -> Option<usize> {
    let bound = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    lower.match_indices(phrase).map(|(at, _)| at).find(|&at| {
        bound(lower[..at].chars().next_back()) && bound(lower[at + phrase.len()..].chars().next())
    })
}

/// "No apologies received": a word of `[negations]` just before the phrase.
fn negated(lex: &Lexicons, before: &str) -> bool {
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| lex.negations.contains(&fold(w)))
}

/// The subject a business phrase opens in `rest` (the sentence from the
/// phrase on): the phrase and the words after it up to a word of
/// `[business-stops]`, an honorific before a name ("for election as a
/// Trustee by Mr. Lee"), the next item's number of an agenda run into a line, or a
/// word a punctuation mark ends; without the small words it would end on
/// ("minutes of the").
fn business_subject(lex: &Lexicons, rest: &str, phrase_len: usize) -> String {
    let mut end = phrase_len.min(rest.len());
    let mut at = end;
    let words: Vec<&str> = rest[end..].split(' ').collect();
    for (k, word) in words.iter().enumerate() {
        let start = at;
        at += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        // "8. Wahl des Vorstandes 9. Wahl der ...": the next item's number.
        let number = bare.len() <= 2
            && bare.chars().all(|c| c.is_ascii_digit())
            && matches!(&word[bare.len()..], "." | ")");
        // "Mr. Barker", "Mr Barker": an honorific before a name ("a
        // Trustee." ends the subject, it opens no name).
        let next_starts = |p: fn(char) -> bool| words.get(k + 1).is_some_and(|n| n.starts_with(p));
        // "held August 14 and 15": "and" between numbers joins days.
        let joins_days = end > 0
            && rest[..end].ends_with(|c: char| c.is_ascii_digit())
            && next_starts(|c| c.is_ascii_digit());
        let stop = lex.business_stops.contains(&bare.to_lowercase()) && !joins_days;
        if bare.is_empty()
            || number
            || word.starts_with('(')
            || stop
            || (lex.is_honorific(bare) && next_starts(char::is_uppercase))
        {
            break;
        }
        end = start + bare.len();
        if bare.len() < word.len() {
            break;
        }
    }
    let mut words: Vec<&str> = rest[..end].split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| is_small(lex, &fold(w))) {
        words.pop();
    }
    words.join(" ")
}

/// "Minutes of the Second Annual General Meeting held on 18th July" is also
/// "Minutes of the Second Annual General Meeting": the subject before a word
/// of `[body-enders]`, where one follows its phrase.
fn before_ender(lex: &Lexicons, surface: &str) -> Option<String> {
    let words: Vec<&str> = surface.split(' ').collect();
    let at = words
        .iter()
        .skip(1)
        .position(|w| lex.frame.enders.contains(&fold(w)))?
        + 1;
    Some(words[..at].join(" ")).filter(|s| !s.is_empty())
}

/// An agenda title names the subject a business phrase names: it holds the
/// phrase's first word that is no act and no small word ("minutes" in
/// "Approval of Minutes"), or, for a phrase of such words only ("election
/// of"), the subject itself.
fn agenda_names(lex: &Lexicons, agenda: &[AgendaItem], phrase: &str, surface: &str) -> bool {
    let head = phrase.split_whitespace().map(fold).find(|w| {
        !w.is_empty() && !lex.business_acts.iter().any(|a| fold(a) == *w) && !is_small(lex, w)
    });
    agenda.iter().any(|item| {
        let title = fold(&item.title);
        match &head {
            Some(head) => title.split(' ').any(|w| w == head),
            None => title.contains(&fold(surface)),
        }
    })
}

/// A folded word that only joins a name's words: "of", "the", "du", "des".
fn is_small(lex: &Lexicons, w: &str) -> bool {
    lex.title_small_words.contains(w)
        || lex.frame.articles.contains(w)
        || lex.frame.connectors.contains(w)
        || lex.frame.links.iter().any(|l| l.len() == 1 && l[0] == w)
}

/// The items a sentence lists after its lead ([`stated_subjects`]): parted
/// by semicolons where there are any, else by commas and the last
/// conjunction of `[list-conjunctions]`; each without a conjunction and an
/// article that open it and the full stop that ends it. None unless two
/// items are left.
fn listed_items(lex: &Lexicons, sentence: &str) -> Vec<String> {
    let lower = sentence.to_lowercase();
    // The first lead, and of two at one place the longer ("standen"
    // before "stand").
    let Some(after) = lex
        .subject_list_leads
        .iter()
        .filter_map(|l| lower.find(l.as_str()).map(|at| (at, l.len())))
        .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)))
        .map(|(at, len)| at + len)
    else {
        return Vec::new();
    };
    // Lower case keeps the byte length of these scripts; a lead that ends
    // off a char boundary of the sentence lists nothing.
    let Some(list) = sentence.get(after..) else {
        return Vec::new();
    };
    let mut parts: Vec<String> = if list.contains(';') {
        list.split(';').map(str::to_owned).collect()
    } else {
        let mut parts: Vec<String> = list.split(", ").map(str::to_owned).collect();
        if let Some(last) = parts.pop() {
            parts.extend(split_last_conjunction(lex, &last));
        }
        parts
    };
    for p in &mut parts {
        let trimmed = p.trim().trim_end_matches(['.', ',']).trim();
        let trimmed = match trimmed.split_once(' ') {
            Some((first, rest)) if lex.list_conjunctions.contains(first) => rest.trim(),
            _ => trimmed,
        };
        *p = without_article(lex, trimmed).unwrap_or_else(|| trimmed.to_owned());
    }
    parts.retain(|p| p.chars().any(char::is_alphabetic));
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
}

/// "the auditors' report und die Neuwahl": the two sides of the last
/// conjunction of `[list-conjunctions]` in the last item of a list.
fn split_last_conjunction(lex: &Lexicons, item: &str) -> Vec<String> {
    let words: Vec<&str> = item.split(' ').collect();
    match words
        .iter()
        .rposition(|w| lex.list_conjunctions.contains(*w))
    {
        Some(at) if at > 0 && at + 1 < words.len() => {
            vec![words[..at].join(" "), words[at + 1..].join(" ")]
        }
        _ => vec![item.to_owned()],
    }
}

/// "Next steps: ccNSO Council Meetings; ccNSO Roles and Responsibilities":
/// a title that lists its subjects with semicolons names each, without the
/// lead before a colon that opens the list; any other title is itself.
fn listed_subjects(item: &AgendaItem) -> Vec<AgendaItem> {
    let Some(first) = item.title.find(';') else {
        return vec![item.clone()];
    };
    let list = match item.title[..first].find(": ") {
        Some(colon) => &item.title[colon + 2..],
        None => item.title.as_str(),
    };
    let parts: Vec<&str> = list
        .split(';')
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect();
    if parts.len() < 2 {
        return vec![item.clone()];
    }
    parts
        .into_iter()
        .map(|p| AgendaItem {
            id: item.id.clone(),
            title: p.to_owned(),
        })
        .collect()
}

/// "Issue 279: Proposed Updat": a title on the record's last line whose
/// last word is cut short (no common word, but the start of one) is a
/// record that breaks off, no name: the excerpt of a page ends inside it.
fn cut_by_the_end(lex: &Lexicons, text: &Text, title: &str) -> bool {
    let title = title.trim();
    let last_line = text.lines.iter().rev().find(|l| !l.is_blank());
    if !last_line.is_some_and(|l| l.text().trim_end().ends_with(title)) {
        return false;
    }
    let Some(word) = title
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
    else {
        return false;
    };
    !lex.common_words.contains(&word)
        && lex
            .common_words
            .iter()
            .any(|w| w.len() > word.len() && w.starts_with(&word))
}

/// An agenda title that is a subject: not procedural ([`is_procedural`]),
/// not a title that names nothing (`[non-subject-titles]`, as written or
/// cleaned), at most [`MAX_TITLE_WORDS`] words, not a known label itself, and
/// either naming a piece of work or no thesaurus concept (a title such as
/// "IGF involvement in the GDC" is about the thesaurus concept it names,
/// which stands for it; [`names_concept`]).
fn is_subject(ex: &Extractor, title: &str) -> bool {
    let name = cleaned(&ex.lex, title);
    let names_nothing = [fold(title), fold(&name)]
        .iter()
        .any(|k| ex.lex.non_subject_titles.contains(k) || is_next_heading(&ex.lex, k))
        || is_date(&ex.lex, title);
    if is_procedural(&ex.lex, title)
        || names_nothing
        || is_report(&ex.lex, title)
        || names_a_body(&ex.lex, &name)
        || name.contains("://")
        || super::agenda::is_person_line(title, &ex.lex)
        || name.split_whitespace().count() > MAX_TITLE_WORDS
        || ex.topics.lookup(title).is_some()
        || ex.orgs.lookup(title).is_some()
        || ex.orgs.lookup(&name).is_some()
    {
        return false;
    }
    let mut rest = title.to_owned();
    for h in ex
        .topics
        .find(title)
        .iter()
        .chain(&ex.orgs.find(title))
        .rev()
    {
        if let Some(r) = rest.get(h.range.clone()) {
            let blank = " ".repeat(r.len());
            rest.replace_range(h.range.clone(), &blank);
        }
    }
    let names_work = rest
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ex.lex.work_items.contains(&w.to_lowercase()));
    names_work || !names_concept(ex, title)
}

/// A body's name alone at most this many words long is a title ("Finance
/// Committee"); a longer title ending in a body word names more.
const MAX_BODY_TITLE_WORDS: usize = 4;

/// "Finance Committee", "Remuneration Committee", "Program Committee": a
/// title that is a body's name alone (capitalised words, the last of
/// `[reporting-body-heads]`) gives the floor to that body, which reports its
/// work, as "Update from the Secretariat" does ([`is_report`]); the body is
/// an organisation, no subject. "Committee Assignments" and "Election of
/// the Board" name what is done.
fn names_a_body(lex: &Lexicons, name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=MAX_BODY_TITLE_WORDS).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| lex.reporting_body_heads.contains(&fold(w)))
}

/// A title names a thesaurus concept that can stand for its subject: a
/// topic's label outside any organisation's name. An organisation is no
/// topic, so it stands for no subject: "Role of the Council of Europe in the
/// process of European unification" and "Review of suggestions from
/// IGF-USA 2018" are subjects of their own, which the body they name is not;
/// "Internet Governance" inside "Internet Governance Forum" is no concept of
/// the title.
fn names_concept(ex: &Extractor, title: &str) -> bool {
    let orgs = ex.orgs.find(title);
    ex.topics.find(title).iter().any(|t| {
        !orgs
            .iter()
            .any(|o| super::gazetteer::inside(&t.range, &o.range))
    })
}

/// "Thursday 20 July", "Friday, 21 July 2000": a day's heading in an
/// agenda of two days, made of words of `[months-and-days]` and numbers
/// only; it names when, not what.
fn is_date(lex: &Lexicons, title: &str) -> bool {
    let mut words = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.chars().all(|c| c.is_ascii_digit()) || lex.months_and_days.contains(&w.to_lowercase())
        })
}

/// "Next Meeting (21 December ?)", "Next steps": a heading of
/// `[headings-next]` (`folded`, as the title is) says when the body meets
/// again or what follows, no subject the meeting discussed.
fn is_next_heading(lex: &Lexicons, folded: &str) -> bool {
    lex.heading_next.iter().any(|h| fold(h) == folded)
}

/// "Update from the Secretariat", "Updates": a title that opens with a
/// phrase of `[report-titles]` (of two words or more; a word alone must be
/// the whole title) reports on work the meeting hears of, no subject of its
/// own; "Update any statements of interest" asks for one.
fn is_report(lex: &Lexicons, title: &str) -> bool {
    let key = fold(title);
    lex.report_titles
        .iter()
        .any(|r| key == *r || r.contains(' ') && key.starts_with(&format!("{r} ")))
}

/// A title that organises the meeting (`[procedural-agenda]`): one of the
/// list, one made of its words only, or one that opens with one of the list
/// before "and", "&" or a comma ("Welcome and adoption of the agenda",
/// "Welcome and roll-call"): the ceremony leads, the rest is its order of
/// business. "Adoption of the agenda" alone is a subject.
fn is_procedural(lex: &Lexicons, title: &str) -> bool {
    let key = fold(title);
    let words_only = key
        .split(' ')
        .all(|w| w.is_empty() || lex.procedural_words.contains(w));
    let lower = title.to_lowercase();
    let first_part = lower
        .split([',', '&'])
        .next()
        .and_then(|p| p.split(" and ").next())
        .map(fold)
        .unwrap_or_default();
    lex.procedural.contains(&key) || words_only || lex.procedural.contains(&first_part)
}

/// The subject a title names: without a label and number before it ("Issue
/// 280:"), the speaker after it ("by Klée Aiken (FIRST)"), a phrase that
/// leads to it ("Discussion on the") and a trailing parenthesis
/// ("(11-12-0181r2)"); the title itself when nothing is left.
pub fn cleaned(lex: &Lexicons, title: &str) -> String {
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || ".:;,-–—".contains(c))
            .to_owned()
    };
    let mut name = trim(without_label(lex, title));
    name = trim(without_speaker(lex, &name));
    name = trim(without_lead(lex, &name));
    if let Some(open) = name.rfind(" (").filter(|_| name.ends_with(')')) {
        name = trim(&name[..open]);
    }
    // "Dangerous substances in water (Red List: submission": a parenthesis
    // left open is a note the title breaks off in.
    if let Some(open) = name.rfind(" (").filter(|&o| !name[o..].contains(')')) {
        name = trim(&name[..open]);
    }
    // "Human Rights Questions - 2nd Interim Report of the working party",
    // "Consent agenda: Resolution to thank ... for his service on the
    // board", "Incorporación de la señora Embajadora Naela Chohan,
    // Representante Observadora de ...": a title too long to be a name is
    // its first side of a dash, else of a colon, else of its first comma.
    if name.split_whitespace().count() > MAX_TITLE_WORDS {
        let first = dash_sides(&name)
            .into_iter()
            .next()
            .or_else(|| first_side(&name, ": "))
            .or_else(|| first_side(&name, ", "));
        if let Some(first) = first {
            name = first;
        }
    }
    if name.is_empty() {
        trim(title)
    } else {
        name
    }
}

/// "Panel Discussion: Exploring cyber incidents, norms, and the impacts at
/// the human-level": a title too long to be a name, which [`cleaned`] cuts
/// to its first side, keeps both sides of its colon as aliases; the subject
/// may be either.
fn long_title_sides(lex: &Lexicons, title: &str) -> Vec<String> {
    let title = without_label(lex, title);
    if title.split_whitespace().count() > MAX_TITLE_WORDS {
        colon_sides(title)
    } else {
        Vec::new()
    }
}

/// The side of a title before its first `separator`, of two words or more.
fn first_side(title: &str, separator: &str) -> Option<String> {
    title
        .split_once(separator)
        .map(|(first, _)| first.trim())
        .filter(|first| first.split_whitespace().count() >= 2)
        .map(str::to_owned)
}

/// "Issue 280: Proposed Update" → "Proposed Update", "Issue: Budget" →
/// "Budget": a word of `[keyphrase-labels]`, maybe a number, then a colon (or
/// a dot or a dash after a number).
fn without_label<'a>(lex: &Lexicons, title: &'a str) -> &'a str {
    let t = title.trim_start();
    let lower = t.to_lowercase();
    let Some(label) = lex
        .keyphrase_labels
        .iter()
        .filter(|l| {
            lower.starts_with(l.as_str())
                && !lower[l.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .max_by_key(|l| l.len())
    else {
        return title;
    };
    // The label is ASCII lower case, so its length is the same in `t`.
    let Some(rest) = t.get(label.len()..) else {
        return title;
    };
    let rest = rest.trim_start().trim_start_matches('#');
    let number = rest.starts_with(|c: char| c.is_ascii_digit());
    let rest = rest
        .trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '.')
        .trim_start();
    let marks: &[char] = if number {
        &[':', '-', '–', '.']
    } else {
        &[':']
    };
    match rest.strip_prefix(marks) {
        Some(subject) if number || !subject.trim().is_empty() => subject,
        _ => title,
    }
}

/// "Discussion on the budget" → "budget": a phrase of `[subject-leads]`
/// that opens the title, and an article after it.
fn without_lead<'a>(lex: &Lexicons, title: &'a str) -> &'a str {
    let lower = title.to_lowercase();
    let Some(lead) = lex
        .subject_leads
        .iter()
        .filter(|l| {
            lower.starts_with(l.as_str())
                && (lower.len() == l.len() || lower[l.len()..].starts_with(' '))
        })
        .max_by_key(|l| l.len())
    else {
        return title;
    };
    let Some(rest) = title.get(lead.len()..).map(str::trim_start) else {
        return title;
    };
    // "Beratung und Beschlussfassung": the lead is one of two joined heads,
    // no lead before a subject.
    let joined = rest
        .split(' ')
        .next()
        .is_some_and(|w| lex.list_conjunctions.contains(w));
    if joined {
        return title;
    }
    let rest = match rest.split_once(' ') {
        Some((article, after)) if lex.frame.articles.contains(&fold(article)) => after,
        _ => rest,
    };
    let rest = rest.trim_start();
    if rest.is_empty() {
        title
    } else {
        rest
    }
}

/// The quoted names in a title: "Motion « Soutenir l'aide alimentaire »"
/// names "Soutenir l'aide alimentaire".
fn quoted(title: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('«', '»'), ('“', '”'), ('"', '"')] {
        let mut rest = title;
        while let Some((_, after)) = rest.split_once(open) {
            let Some((inside, tail)) = after.split_once(close) else {
                break;
            };
            if !inside.trim().is_empty() {
                out.push(inside.trim().to_owned());
            }
            rest = tail;
        }
    }
    out
}

/// "Intro to the 2023 work by Klée Aiken (FIRST)" → "Intro to the 2023
/// work": a word of `[speaker-links]` followed by a capitalised word, the
/// last such in the title.
fn without_speaker<'a>(lex: &Lexicons, title: &'a str) -> &'a str {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in title.split(' ') {
        if !w.is_empty() {
            words.push((at, w));
        }
        at += w.len() + 1;
    }
    for pair in words.windows(2).rev() {
        let [(at, link), (_, next)] = pair else {
            continue;
        };
        let capitalised = next.chars().next().is_some_and(char::is_uppercase);
        if capitalised && *at > 0 && lex.speaker_links.contains(&link.to_lowercase()) {
            return &title[..*at];
        }
    }
    title
}

/// The two sides of a colon ("Recensement 2020 : choix de l'agent
/// recenseur"): the report names the subject by either.
fn colon_sides(name: &str) -> Vec<String> {
    match name.split_once(':') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            vec![a.trim().to_owned(), b.trim().to_owned()]
        }
        _ => Vec::new(),
    }
}

/// The two sides of a spaced dash ("Hoops for Hearts 2009 Award – KVR
/// Middle School", "Work team updates - including open issues"): the
/// subject, then what or whom it concerns.
fn dash_sides(name: &str) -> Vec<String> {
    for dash in [" - ", " – ", " — "] {
        if let Some((a, b)) = name.split_once(dash) {
            if !a.trim().is_empty() && !b.trim().is_empty() {
                return vec![a.trim().to_owned(), b.trim().to_owned()];
            }
        }
    }
    Vec::new()
}

/// The two sides of the one comma of a title, each of two words or more
/// ("Proposed Update UTR #23, Unicode Character Property Model"): a document
/// by its number and by its name. A list ("A, B, and C") is no such pair.
fn comma_sides(name: &str) -> Vec<String> {
    let two_words = |s: &str| s.split_whitespace().count() >= 2;
    match name.split_once(", ") {
        Some((a, b)) if !b.contains(',') && two_words(a) && two_words(b) => {
            vec![a.trim().to_owned(), b.trim().to_owned()]
        }
        _ => Vec::new(),
    }
}

/// "The Bridge Program" is also "Bridge Program": the name without the
/// article of `[articles]` that opens it.
fn without_article(lex: &Lexicons, name: &str) -> Option<String> {
    let (article, rest) = name.split_once(' ')?;
    (lex.frame.articles.contains(&fold(article)) && !rest.trim().is_empty())
        .then(|| rest.trim().to_owned())
}

/// "Genehmigung des Protokolls der 11. Sitzung vom 11.02.2019" is also
/// "Genehmigung des Protokolls der 11. Sitzung": the name without the date
/// that ends it, where a word of `[date-links]` puts the date there; a date
/// that follows the subject directly ("Budget 2016") is part of its name.
fn without_date_tail(lex: &Lexicons, name: &str) -> Option<String> {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    let all = words.len();
    while words.last().is_some_and(|w| is_date_word(lex, w)) {
        words.pop();
    }
    if words.len() == all || words.len() < 2 {
        return None;
    }
    let link = words.pop()?;
    lex.date_links
        .contains(&fold(link))
        .then(|| words.join(" "))
}

/// A word of a date: a number ("11.02.2019", "16th", "1er") or a name of
/// `[months-and-days]`.
fn is_date_word(lex: &Lexicons, word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    !bare.is_empty()
        && (bare.chars().any(|c| c.is_ascii_digit())
            || lex.months_and_days.contains(&bare.to_lowercase()))
}

/// "Task 3.3 Market development", "Deliverable D1.3 (M40) Final report":
/// a title led by a word and a code (a word with a digit, then any note in
/// parentheses) names its subject after them ("Market development",
/// "Final report"), where that is two words or more and opens with a
/// capital; "Year 2 reporting" names none apart from its number.
fn after_code(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, code) = (words.first()?, words.get(1)?);
    let digit = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    // "IGF 2022 Addis Ababa": a year after a name is part of it, no code.
    let year = code.len() == 4 && code.chars().all(|c| c.is_ascii_digit());
    if !first.starts_with(char::is_uppercase) || digit(first) || !digit(code) || year {
        return None;
    }
    let mut rest = &words[2..];
    while rest.first().is_some_and(|w| w.starts_with('(')) {
        let close = rest.iter().position(|w| w.ends_with(')'))?;
        rest = &rest[close + 1..];
    }
    (rest.len() >= 2 && rest[0].starts_with(char::is_uppercase)).then(|| rest.join(" "))
}

/// The folded lemma form of a phrase: folded, each word singular by
/// `[plural-endings]`. Two phrases that differ only in case, accents,
/// punctuation or number have the same key.
pub fn lemma_key(lex: &Lexicons, phrase: &str) -> String {
    fold(phrase)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| singular(lex, w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A folded word's singular: the longest ending of `[plural-endings]` that it
/// has, replaced; the word itself when none fits or it is short.
fn singular(lex: &Lexicons, word: &str) -> String {
    if word.chars().count() <= SHORTEST_PLURAL || word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_owned();
    }
    lex.plural_endings
        .iter()
        .find(|(plural, _)| word.len() > plural.len() && word.ends_with(plural.as_str()))
        .map_or_else(
            || word.to_owned(),
            |(plural, single)| format!("{}{single}", &word[..word.len() - plural.len()]),
        )
}

/// The preferred labels of the thesaurus concepts a keyphrase names, in
/// order, without repeats.
fn thesaurus_links(ex: &Extractor, name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in ex.topics.find(name) {
        let pref = &ex.topics.entry(h.entry).pref;
        if !out.contains(pref) {
            out.push(pref.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    fn lex() -> Result<Lexicons, Box<dyn std::error::Error>> {
        Ok(Ontology::embedded()?.lexicons)
    }

    /// The whole path: an agenda subject comes out of `extract` as a
    /// keyphrase, without its label, and a title that is a thesaurus label
    /// stays the thesaurus topic.
    #[test]
    fn an_agenda_subject_is_a_keyphrase_and_a_thesaurus_label_is_not(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let doc = crate::ingest::Document {
            source: "r.txt".into(),
            path: "r.txt".into(),
            text: "Minutes of the Board of Supervisors meeting, 3 May 2021\n\n\
                   Agenda\n\n\
                   1. Issue 3: Sludge at the old landfills\n\
                   2. Cybersecurity\n\n\
                   Ann Lee said the sludge at the old landfills must go.\n"
                .into(),
            sha256: String::new(),
            places: Default::default(),
        };
        let out = super::super::extractor::Extractor::new(&ontology)
            .extract(&doc)
            .map_err(|e| format!("{e:?}"))?;
        let sludge = out
            .topics
            .iter()
            .find(|t| t.name == "Sludge at the old landfills")
            .ok_or_else(|| format!("no keyphrase in {:?}", out.topics))?;
        assert_eq!(
            sludge.keyphrase.as_ref().map(|k| k.key.as_str()),
            Some("sludge at the old landfill")
        );
        assert!(sludge
            .aliases
            .contains(&"Issue 3: Sludge at the old landfills".to_owned()));
        assert!(
            out.topics
                .iter()
                .any(|t| t.name == "Cybersecurity" && t.keyphrase.is_none()),
            "{:?}",
            out.topics
        );
        Ok(())
    }

    /// The subjects' names that `agenda_keyphrases` takes from `titles`,
    /// the agenda of the record `raw`.
    fn subjects(raw: &str, titles: &[&str]) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let ex = super::super::extractor::Extractor::new(&ontology);
        let agenda: Vec<AgendaItem> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| AgendaItem {
                id: (i + 1).to_string(),
                title: (*t).to_owned(),
            })
            .collect();
        let text = Text::new(raw);
        Ok(agenda_keyphrases(&ex, &text, &agenda)
            .into_iter()
            .map(|s| s.name)
            .collect())
    }

    /// Minutes without an agenda lead each item's line with its title; a
    /// motion's line, a roll's group and a record with an agenda do not.
    #[test]
    fn titles_that_lead_the_lines_of_minutes_without_agenda_are_subjects(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let ex = super::super::extractor::Extractor::new(&ontology);
        let text = Text::new(
            "Board notes\n- Parking permits – the treasurer went through the figures\n\
             - Summer fair, Jo will ask the city about a date\n\
             - Motion to Adjourn Maria, Paul seconds\n\
             Building committee - Anna Smith, Peter Brown\n\
             Bin painting – to be continued\n",
        );
        let names = |agenda: &[AgendaItem]| -> Vec<String> {
            led_subjects(&ex, &text, agenda, &HashSet::new())
                .into_iter()
                .map(|s| s.name)
                .collect()
        };
        assert_eq!(
            names(&[]),
            ["Parking permits", "Summer fair", "Bin painting"]
        );
        let agenda = [AgendaItem {
            id: "1".into(),
            title: "Budget".into(),
        }];
        assert!(names(&agenda).is_empty());
        Ok(())
    }

    /// A day's heading names when, not what.
    #[test]
    fn a_day_heading_is_no_subject() -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert!(is_date(&lex, "Thursday 20 July"));
        assert!(is_date(&lex, "Friday, 21 July 2000"));
        assert!(!is_date(&lex, "July 4th parade"));
        assert!(!is_date(&lex, "Budget 2016"));
        Ok(())
    }

    /// "Update on X" is about X; "Update from X" is X's report.
    #[test]
    fn an_update_on_a_subject_is_that_subject() -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert!(!is_report(&lex, "Update on SLA discussions"));
        assert_eq!(
            cleaned(&lex, "Update on SLA discussions"),
            "SLA discussions"
        );
        assert!(is_report(&lex, "Update from the Secretariat"));
        assert!(is_report(
            &lex,
            "Update on behalf of the Office of the Envoy"
        ));
        Ok(())
    }

    /// The business a meeting does on its own conduct is a subject of its
    /// record; its ceremony is not, nor a title that a ceremony leads.
    #[test]
    fn approving_the_minutes_is_a_subject_and_the_ceremony_is_not(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        for ceremony in [
            "Call to order",
            "INVOCATION",
            "Welcome from the Chair",
            "Welcome and adoption of the agenda",
            "Welcome and roll-call",
            "Administrivia",
        ] {
            assert!(is_procedural(&lex, ceremony), "{ceremony}");
        }
        for business in ["Adoption of the agenda", "Approval of minutes", "Agenda"] {
            assert!(!is_procedural(&lex, business), "{business}");
        }
        Ok(())
    }

    /// A subject's name and aliases.
    type Named = (String, Vec<String>);

    /// (name, aliases) of the business `business_in_prose` finds in `raw`
    /// beside the agenda `titles`.
    fn business(raw: &str, titles: &[&str]) -> Result<Vec<Named>, Box<dyn std::error::Error>> {
        let ontology = Ontology::embedded()?;
        let ex = super::super::extractor::Extractor::new(&ontology);
        let agenda: Vec<AgendaItem> = titles
            .iter()
            .map(|t| AgendaItem {
                id: String::new(),
                title: (*t).to_owned(),
            })
            .collect();
        Ok(
            business_in_prose(&ex, &Text::new(raw), &agenda, &HashSet::new())
                .into_iter()
                .map(|s| (s.name, s.aliases))
                .collect(),
        )
    }

    /// Minutes with no agenda list still name their business in prose: the
    /// minutes confirmed, an election, the pledge; each subject ends before
    /// the verb ("were") and a proposer's honorific, goes by its shorter form
    /// before "held" too, and an election is named as the record writes it.
    #[test]
    fn business_done_in_running_text_is_a_subject() -> Result<(), Box<dyn std::error::Error>> {
        let found = business(
            "The Minutes of the Second Annual General Meeting held on 18th July \
             were approved.\n\n\
             Les cogreffiers président à l'élection des coprésidents.\n\n\
             John Putman was proposed for election as a Trustee by Mr. Ann Lee.\n\n\
             The Pledge of Allegiance was led by Jerry Denton.\n",
            &[],
        )?;
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Minutes of the previous meeting",
                "Élection des coprésidents",
                "Election as a Trustee",
                "Pledge of Allegiance"
            ]
        );
        assert_eq!(
            found[0].1,
            [
                "Minutes of the Second Annual General Meeting held on 18th July",
                "Minutes of the Second Annual General Meeting"
            ]
        );
        Ok(())
    }

    /// No business without an act ("Minutes of the Third Annual General
    /// Meeting" is a title), after a negation ("no minutes of the meeting
    /// were approved"), or where an agenda title names it already
    /// ("Approval of Minutes").
    #[test]
    fn business_unsaid_negated_or_on_the_agenda_is_no_subject(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let unsaid = business(
            "Minutes of the Third Annual General Meeting\n\n\
             As no quorum was present, no minutes of the meeting were approved.\n",
            &[],
        )?;
        assert!(unsaid.is_empty(), "{unsaid:?}");
        let on_the_agenda = business(
            "The minutes of the meeting of 5 May were approved.\n",
            &["Approval of Minutes"],
        )?;
        assert!(on_the_agenda.is_empty(), "{on_the_agenda:?}");
        Ok(())
    }

    /// A page's controls, an agenda table's header and a bare "Report" name
    /// no subject; a title that comes back on every page is a running
    /// header.
    #[test]
    fn page_chrome_table_headers_and_running_headers_are_no_subjects(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let raw = "Minutes\n\nCONFIDENTIAL - 1 - CM/84\n\n1. Sludge at the old landfill\n\n\
                   The board discussed the sludge.\n\nCONFIDENTIAL - 1 - CM/84\n";
        let got = subjects(
            raw,
            &[
                "Embed",
                "No. Item",
                "Issue: Report",
                "CONFIDENTIAL - 1 - CM/84",
                "Sludge at the old landfill",
                "CONFIDENTIAL - 1 - CM/84",
            ],
        )?;
        assert_eq!(got, vec!["Sludge at the old landfill".to_owned()]);
        Ok(())
    }

    /// A title that reports on others' work is no subject; one that asks
    /// for an update of something is.
    #[test]
    fn an_update_from_is_a_report_and_an_update_of_something_is_a_subject(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let got = subjects(
            "Minutes\n",
            &[
                "Update from the Secretariat",
                "Updates",
                "Update any Statements of Interest",
            ],
        )?;
        assert_eq!(got, vec!["Update any Statements of Interest".to_owned()]);
        Ok(())
    }

    /// The sides of a spaced dash and of a title's one comma, and the name
    /// without its article, are other ways the record names the subject.
    #[test]
    fn dash_and_comma_sides_and_the_name_without_article_are_aliases() {
        assert_eq!(
            dash_sides("Hoops for Hearts 2009 Award – KVR Middle School"),
            vec!["Hoops for Hearts 2009 Award", "KVR Middle School"]
        );
        assert!(dash_sides("Co-operation with e-learning").is_empty());
        assert_eq!(
            comma_sides("Proposed Update UTR #23, Unicode Character Property Model"),
            vec![
                "Proposed Update UTR #23",
                "Unicode Character Property Model"
            ]
        );
        assert!(comma_sides("Budget, fees, and dues of members").is_empty());
        assert!(comma_sides("Budget, 2019 accounts").is_empty());
    }

    #[test]
    fn a_date_put_after_the_subject_and_a_code_before_it_are_cut_in_an_alias(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(
            without_date_tail(
                &lex,
                "Genehmigung des Protokolls der 11. Sitzung vom 11.02.2019"
            ),
            Some("Genehmigung des Protokolls der 11. Sitzung".to_owned())
        );
        assert_eq!(
            without_date_tail(&lex, "Final Report from 2018"),
            Some("Final Report".to_owned())
        );
        assert_eq!(without_date_tail(&lex, "Budget 2016"), None);
        assert_eq!(
            without_date_tail(&lex, "Minutes of 5 May"),
            Some("Minutes".to_owned())
        );
        assert_eq!(
            after_code("Deliverable D1.3 (M40) Final report"),
            Some("Final report".to_owned())
        );
        assert_eq!(
            after_code("Task 3.3 Market development"),
            Some("Market development".to_owned())
        );
        assert_eq!(after_code("Year 2 reporting"), None);
        assert_eq!(
            after_code("IGF 2022 Addis Ababa - WG-Strategy session"),
            None
        );
        assert_eq!(after_code("WP1 Management and coordination"), None);
        Ok(())
    }

    #[test]
    fn the_article_before_a_name_is_no_part_of_an_alias() -> Result<(), Box<dyn std::error::Error>>
    {
        let lex = lex()?;
        assert_eq!(
            without_article(&lex, "The Bridge Program"),
            Some("Bridge Program".to_owned())
        );
        assert_eq!(without_article(&lex, "Bridge Program"), None);
        Ok(())
    }

    /// A parenthesis left open is a note the title breaks off in; a title
    /// too long for a name is the first side of its dash.
    #[test]
    fn an_open_parenthesis_and_a_long_dashed_title_are_cut(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(
            cleaned(&lex, "Dangerous substances in water (Red List: submission"),
            "Dangerous substances in water"
        );
        assert_eq!(
            cleaned(
                &lex,
                "Human Rights Questions - 2nd Interim Report of the Ministers' Deputies' working party of 1984"
            ),
            "Human Rights Questions"
        );
        // Without a dash, the first side of a colon, else of a comma.
        assert_eq!(
            cleaned(
                &lex,
                "Consent agenda: Resolution to thank Alberto Ruiz for his service on the board"
            ),
            "Consent agenda"
        );
        assert_eq!(
            cleaned(
                &lex,
                "Incorporación de la señora Embajadora Naela Chohan, Representante Observadora de la República Islámica de Pakistán"
            ),
            "Incorporación de la señora Embajadora Naela Chohan"
        );
        // The other side of the colon cut stays an alias.
        assert_eq!(
            long_title_sides(
                &lex,
                "Panel Discussion: Exploring cyber incidents, norms, and the impacts at the human-level"
            ),
            vec![
                "Panel Discussion",
                "Exploring cyber incidents, norms, and the impacts at the human-level"
            ]
        );
        assert!(long_title_sides(&lex, "Panel Discussion: Cyber norms").is_empty());
        // A short dashed title is whole.
        assert_eq!(
            cleaned(&lex, "Tech Day - What to do?"),
            "Tech Day - What to do?"
        );
        Ok(())
    }

    #[test]
    fn plurals_and_case_give_one_key() -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(
            lemma_key(&lex, "Steering Committee Meetings"),
            lemma_key(&lex, "steering committee meeting")
        );
        assert_eq!(lemma_key(&lex, "Policies"), "policy");
        assert_eq!(lemma_key(&lex, "Treasurer's Reports"), "treasurer report");
        assert_eq!(
            lemma_key(&lex, "Treasurers report"),
            lemma_key(&lex, "Treasurer's Report")
        );
        Ok(())
    }

    #[test]
    fn protected_endings_and_short_words_stay() -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(lemma_key(&lex, "Any other business"), "any other business");
        assert_eq!(lemma_key(&lex, "Status of analysis"), "status of analysis");
        assert_eq!(lemma_key(&lex, "Previous minutes"), "previous minute");
        assert_eq!(lemma_key(&lex, "IGF 2023s bus"), "igf 2023s bus");
        Ok(())
    }

    #[test]
    fn a_label_and_its_number_are_no_part_of_the_subject() -> Result<(), Box<dyn std::error::Error>>
    {
        let lex = lex()?;
        assert_eq!(
            cleaned(
                &lex,
                "Issue 280: Proposed Update UTR #23, Unicode Character Property Model"
            ),
            "Proposed Update UTR #23, Unicode Character Property Model"
        );
        assert_eq!(cleaned(&lex, "Item 2.b - Budget 2019"), "Budget 2019");
        // A word that is no label stays: "Budget 2019: review" is whole.
        assert_eq!(cleaned(&lex, "Budget 2019: review"), "Budget 2019: review");
        Ok(())
    }

    #[test]
    fn the_speaker_and_a_trailing_parenthesis_are_no_part_of_the_subject(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(
            cleaned(
                &lex,
                "Intro to BPF Cybersecurity 2023 work by Klée Aiken (FIRST, BPF co-facilitator)"
            ),
            // "Intro to" is a lead of `[subject-leads]` too.
            "BPF Cybersecurity 2023 work"
        );
        assert_eq!(cleaned(&lex, "Financials (11-12-0211r1)"), "Financials");
        // "by" before a lower-case word joins no speaker.
        assert_eq!(
            cleaned(&lex, "Presentations by schools and students"),
            "Presentations by schools and students"
        );
        // Nothing left: the title stands.
        assert_eq!(cleaned(&lex, "(Draft)"), "(Draft)");
        Ok(())
    }

    #[test]
    fn a_label_without_number_needs_a_colon() -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(
            cleaned(&lex, "Issue: Health & Social Care Integration"),
            "Health & Social Care Integration"
        );
        // "Point sur" is a lead, not a label: no colon, no number.
        assert_eq!(
            cleaned(&lex, "Point sur les logements communaux"),
            "logements communaux"
        );
        assert_eq!(cleaned(&lex, "Itemised costs"), "Itemised costs");
        Ok(())
    }

    #[test]
    fn a_lead_and_its_article_are_no_part_of_the_subject() -> Result<(), Box<dyn std::error::Error>>
    {
        let lex = lex()?;
        assert_eq!(cleaned(&lex, "Discussion on global IGF"), "global IGF");
        assert_eq!(
            cleaned(&lex, "Délibération sur le rapport de la CLECT"),
            "rapport de la CLECT"
        );
        // A lead alone is the whole title.
        assert_eq!(cleaned(&lex, "Discussion on"), "Discussion on");
        // A lead joined to another head leads nothing.
        assert_eq!(
            cleaned(&lex, "Beratung und Beschlussfassung bzgl. Anträgen"),
            "Beratung und Beschlussfassung bzgl. Anträgen"
        );
        Ok(())
    }

    #[test]
    fn a_quoted_name_is_a_form_of_the_subject() {
        assert_eq!(
            quoted("Motion « Soutenir l'aide alimentaire européenne »"),
            vec!["Soutenir l'aide alimentaire européenne"]
        );
        assert_eq!(
            quoted("The “Bridge” and \"Loop\" plans"),
            vec!["Bridge", "Loop"]
        );
        assert!(quoted("Budget «").is_empty());
    }

    #[test]
    fn both_sides_of_a_colon_name_the_subject() {
        assert_eq!(
            colon_sides("Recensement 2020 : choix de l'agent recenseur"),
            vec!["Recensement 2020", "choix de l'agent recenseur"]
        );
        assert!(colon_sides("Budget: ").is_empty());
        assert!(colon_sides("Budget").is_empty());
    }

    /// An organisation is no topic: a title that names one, and no
    /// thesaurus concept, is a subject of its own; a title that names a
    /// concept is still about it.
    #[test]
    fn an_organisation_in_a_title_stands_for_no_subject() -> Result<(), Box<dyn std::error::Error>>
    {
        let got = subjects(
            "Minutes\n",
            &[
                "Role of the Council of Europe in unification",
                "IGF involvement in the GDC",
            ],
        )?;
        assert_eq!(got, vec!["Role of the Council of Europe in unification"]);
        Ok(())
    }

    /// A body's name alone gives it the floor; a title that names what is
    /// done, a link, a contents heading and a section of business are no
    /// subjects either.
    #[test]
    fn a_body_by_name_a_link_and_a_section_heading_are_no_subjects(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let got = subjects(
            "Minutes\n",
            &[
                "Finance Committee",
                "COO Recruitment Committee",
                "Committee Assignments",
                "Election of the Board",
                "https://lists.example.org/archives/2022-February/002607.html",
                "Select a chair (next from https://example.net/~board/+members)",
                "Contents",
                "Old Business",
                "Adjourn",
            ],
        )?;
        assert_eq!(
            got,
            vec![
                "Committee Assignments",
                "Election of the Board",
                "Select a chair"
            ]
        );
        Ok(())
    }

    /// A title whose subject, once its lead is gone, is an organisation's
    /// name names the body, no subject; "Intro to" leads to a subject.
    #[test]
    fn a_title_about_an_organisation_by_name_is_no_subject(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let got = subjects(
            "Minutes\n",
            &["Intro to the Council of Europe", "Intro to BPF 2023 work"],
        )?;
        assert_eq!(got, vec!["BPF 2023 work"]);
        Ok(())
    }

    #[test]
    fn a_title_listing_subjects_with_semicolons_names_each(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let got = subjects(
            "Minutes\n",
            &["Next steps: Council meetings; Roles and responsibilities"],
        )?;
        assert_eq!(got, vec!["Council meetings", "Roles and responsibilities"]);
        Ok(())
    }

    /// The excerpt of a page ends inside its last title: a word cut short
    /// is no name. A whole word at the end, or a cut word elsewhere, stays.
    #[test]
    fn a_title_cut_short_by_the_end_of_the_record_is_no_subject(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let raw = "Minutes\n\n1. Sludge at the old landfill\n2. Financial polic\n";
        let got = subjects(raw, &["Sludge at the old landfill", "Financial polic"])?;
        assert_eq!(got, vec!["Sludge at the old landfill"]);
        let raw = "Minutes\n\n1. Sludge at the old landfill\n2. Financial policy\n";
        let got = subjects(raw, &["Sludge at the old landfill", "Financial policy"])?;
        assert_eq!(got, vec!["Sludge at the old landfill", "Financial policy"]);
        Ok(())
    }

    /// The next meeting and the next steps are no subjects; a subject
    /// about meetings is.
    #[test]
    fn the_next_meeting_and_next_steps_are_no_subjects() -> Result<(), Box<dyn std::error::Error>> {
        let got = subjects(
            "Minutes\n",
            &[
                "Next Meeting (21 December ?)",
                "Next steps",
                "Guideline on meetings",
            ],
        )?;
        assert_eq!(got, vec!["Guideline on meetings"]);
        Ok(())
    }

    /// A person's name before a comma credits a speaker, as a participant
    /// list does; a one-word head before a comma is a subject's.
    #[test]
    fn a_person_credited_with_an_organisation_is_no_subject(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let got = subjects(
            "Minutes\n",
            &["Maria Lopez, Council of Europe", "Budget, 2019 accounts"],
        )?;
        assert_eq!(got, vec!["Budget, 2019 accounts"]);
        Ok(())
    }

    /// A record that states its agenda in a sentence: the items after a
    /// lead of `[subject-list-leads]`, parted by semicolons or by commas and
    /// a last conjunction, without articles; the longer of two leads at one
    /// place leads; no lead, no list.
    #[test]
    fn subjects_a_sentence_lists_after_a_lead_are_subjects(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let lex = lex()?;
        assert_eq!(
            listed_items(
                &lex,
                "Purpose: To hear remarks, and discuss: the proposed Transparency Rule; \
                 planned actions on the Regulatory Agenda; and the Board's self-initiated project."
            ),
            vec![
                "proposed Transparency Rule",
                "planned actions on the Regulatory Agenda",
                "Board's self-initiated project"
            ]
        );
        assert_eq!(
            listed_items(
                &lex,
                "Auf der Tagesordnung standen der Bericht des Präsidiums, der Finanzbericht \
                 und die Neuwahl von zwei Vizepräsidenten."
            ),
            vec![
                "Bericht des Präsidiums",
                "Finanzbericht",
                "Neuwahl von zwei Vizepräsidenten"
            ]
        );
        assert!(listed_items(
            &lex,
            "The board discussed the budget, the fees and the dues."
        )
        .is_empty());
        let ontology = Ontology::embedded()?;
        let ex = super::super::extractor::Extractor::new(&ontology);
        let text = Text::new(
            "Minutes\n\nThe meeting met to discuss: the sludge at the landfill; the permit process.\n",
        );
        let got: Vec<String> = stated_subjects(&ex, &text)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(got, vec!["sludge at the landfill", "permit process"]);
        Ok(())
    }
}
