//! The organisations and topics of a report: vocabulary labels anywhere in the
//! text, names shaped like organisations the gazetteer does not know, the
//! organisations of the participant list, the body whose meeting it is, and
//! agenda subjects the thesaurus does not know (keyphrases, see
//! [`super::keyphrases`]).

use super::extraction::{evidence, PersonMention};
use super::extractor::Extractor;
use super::gazetteer::{inside, Hit};
use super::{keyphrases, orgnames, roster};
use crate::model::{AgendaItem, Evidence, FactKind, Keyphrase, Organisation, Topic};
use crate::text::{Sentence, Text};
use crate::words::{fold, Lexicons};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Evidence kept per entity: enough to show where it is named.
const EVIDENCE_PER_ENTITY: usize = 8;

/// An entity's name, the other ways it is written and its evidence.
type Entity = (String, Vec<String>, Vec<Evidence>);

/// Entities in the order they are first named, each with the other ways it
/// is written and its evidence.
#[derive(Default)]
struct Gathered {
    entries: Vec<Entity>,
    index: HashMap<String, usize>,
}

impl Gathered {
    /// `name` (canonical) written `surface`, with the sentence saying so.
    /// Names that differ only in case or accents are one entity
    /// ("NATIONAL ADVISORY COUNCIL" of a letterhead, "National Advisory
    /// Council" of the text): the first written is its name.
    fn add(&mut self, name: &str, surface: &str, ev: Option<Evidence>) {
        let i = *self.index.entry(fold(name)).or_insert_with(|| {
            self.entries.push((name.to_owned(), Vec::new(), Vec::new()));
            self.entries.len() - 1
        });
        let entry = &mut self.entries[i];
        let key = fold(surface);
        if key != fold(name) && !entry.1.iter().any(|a| fold(a) == key) {
            entry.1.push(surface.to_owned());
        }
        if let Some(ev) = ev {
            if entry.2.len() < EVIDENCE_PER_ENTITY {
                entry.2.push(ev);
            }
        }
    }

    /// "National Institute of Neurological Disorders and Stroke (NINDS)":
    /// an acronym the text defines in parentheses right after a name is
    /// that name's alias, not an organisation of its own. `defined` holds
    /// what the text writes before each acronym in parentheses
    /// ([`acronym_definitions`]).
    ///
    /// Cost: the entries' forms hashed once, then a lookup for each word
    /// that may open a name in each definition (a report of thousands of
    /// organisations made the search by entry quadratic).
    fn merge_defined_acronyms(&mut self, defined: &HashMap<String, Vec<String>>) {
        let forms: HashMap<&str, usize> = (self.entries.iter().enumerate())
            .flat_map(|(i, (name, aliases, _))| {
                std::iter::once(name)
                    .chain(aliases)
                    .map(move |f| (f.as_str(), i))
            })
            .collect();
        let into: Vec<Option<usize>> = (self.entries.iter().enumerate())
            .map(|(k, (acronym, _, _))| {
                let before = defined.get(acronym)?;
                before
                    .iter()
                    .find_map(|b| defining_entry(&forms, acronym, b, k))
            })
            .collect();
        if into.iter().all(Option::is_none) {
            return;
        }
        // An entry merged into one merged in turn goes where that one goes.
        let last = |mut i: usize| {
            for _ in 0..into.len() {
                match into[i] {
                    Some(j) if j != i => i = j,
                    _ => break,
                }
            }
            i
        };
        let target: Vec<usize> = (0..into.len()).map(last).collect();
        let mut entries: Vec<Option<Entity>> = std::mem::take(&mut self.entries)
            .into_iter()
            .map(Some)
            .collect();
        for k in 0..entries.len() {
            let t = target[k];
            if t == k {
                continue;
            }
            let Some((acronym, aliases, evidence)) = entries[k].take() else {
                continue;
            };
            let Some(entry) = entries[t].as_mut() else {
                continue;
            };
            for surface in std::iter::once(acronym).chain(aliases) {
                if !entry.1.iter().any(|a| fold(a) == fold(&surface)) {
                    entry.1.push(surface);
                }
            }
            let room = EVIDENCE_PER_ENTITY.saturating_sub(entry.2.len());
            entry.2.extend(evidence.into_iter().take(room));
        }
        self.entries = entries.into_iter().flatten().collect();
        self.reindex();
    }

    /// The index of the entries by folded name, made again after entries
    /// left.
    fn reindex(&mut self) {
        self.index = (self.entries.iter().enumerate())
            .map(|(n, e)| (fold(&e.0), n))
            .collect();
    }

    /// Drops the entities named in capitals that open one of the
    /// letterheads `wholes` and are shorter ("NATIONAL INSTITUTES" of
    /// "NATIONAL INSTITUTES OF HEALTH", which running text cut at the
    /// connector it cannot see in capitals). Cost: the letterheads' word
    /// prefixes hashed, then one pass over the entries.
    fn drop_openings_in_capitals(&mut self, wholes: &[String]) {
        let mut openings: HashSet<String> = HashSet::new();
        for whole in wholes {
            let words: Vec<String> = fold(whole).split(' ').map(str::to_owned).collect();
            for n in 1..words.len() {
                openings.insert(words[..n].join(" "));
            }
        }
        if openings.is_empty() {
            return;
        }
        let part = |name: &str| {
            openings.contains(&fold(name))
                && name.split(' ').all(crate::words::names::is_in_capitals)
        };
        let before = self.entries.len();
        self.entries.retain(|(name, _, _)| !part(name));
        if self.entries.len() != before {
            self.reindex();
        }
    }

    fn organisations(self) -> Vec<Organisation> {
        self.entries
            .into_iter()
            .map(|(name, aliases, evidence)| Organisation {
                name,
                aliases,
                evidence,
            })
            .collect()
    }

    fn topics(self) -> Vec<Topic> {
        self.entries
            .into_iter()
            .map(|(name, aliases, evidence)| Topic {
                name,
                aliases,
                evidence,
                keyphrase: None,
            })
            .collect()
    }
}

/// The organisations and topics of a report, in the order they are named.
/// `lists` are the entries of its lists of people: those who attended and
/// those who sent apologies, whose organisations the report names as well.
pub fn entities(
    ex: &Extractor,
    text: &Text,
    series: &str,
    lists: &[&[roster::Entry]],
    roster_lines: &HashSet<usize>,
    agenda: &[AgendaItem],
    stated: &[PersonMention],
) -> (Vec<Organisation>, Vec<Topic>) {
    let mut orgs = Gathered::default();
    let mut topics = Gathered::default();
    if let Some(body) =
        super::body_phrase::organisation_of_series(series, &ex.lex).filter(|b| !b.is_empty())
    {
        match ex.orgs.lookup(body) {
            Some(i) => orgs.add(&ex.orgs.entry(i).pref.clone(), body, None),
            None => orgs.add(body, body, None),
        }
    }
    // The organisations of the list's entries by line, gathered once: looked
    // for in the whole list for each sentence, a list of 32,000 lines took
    // most of its report's extraction (issue 25).
    let mut listed_orgs: HashMap<usize, Vec<&str>> = HashMap::new();
    for e in lists.iter().flat_map(|l| l.iter()) {
        let on_line = listed_orgs.entry(e.line).or_default();
        on_line.extend(e.organisations.iter().map(|(_, surface)| surface.as_str()));
    }
    for s in &text.sentences {
        // Not in the participant list, nor in a table that runs on into it.
        let listed = roster_lines.contains(&s.line) || s.text().contains(" | ");
        let on_line = listed_orgs.get(&s.line).map_or(&[][..], Vec::as_slice);
        let found = sentence_organisations(ex, s, series, on_line, listed, &mut orgs);
        if !roster_lines.contains(&s.line) {
            sentence_topics(ex, s, &found, agenda, &mut topics);
        }
    }
    for e in lists.iter().flat_map(|l| l.iter()) {
        for (name, surface) in &e.organisations {
            orgs.add(name, surface, None);
        }
    }
    // "Mr. Albus (Germany)": an organisation a sentence ties a person to is
    // one the report names, though the gazetteer has no label for its words.
    for m in stated.iter().filter(|m| m.fact == FactKind::Affiliation) {
        for (membership, surface) in m.memberships.iter().zip(&m.affiliations) {
            orgs.add(&membership.organisation, surface, Some(m.evidence.clone()));
        }
    }
    letterheads(ex, text, series, roster_lines, &mut orgs);
    orgs.merge_defined_acronyms(&acronym_definitions(text));
    let keyphrases = agenda_subjects(ex, text, agenda, roster_lines, &mut topics);
    let mut topics = topics.topics();
    for t in &mut topics {
        t.keyphrase = keyphrases.get(&t.name).cloned();
    }
    (orgs.organisations(), topics)
}

/// "NINDS", "AECC", "WP.29": a name of capitals (digits and dots between),
/// no space, as acronyms are written.
fn is_acronym(name: &str) -> bool {
    const MAX_LEN: usize = 12;
    (2..=MAX_LEN).contains(&name.len())
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && !name.chars().any(|c| c.is_lowercase() || c.is_whitespace())
}

/// What each sentence and line writes before an acronym in parentheses
/// ("... Disorders and Stroke (NINDS)"): up to [`DEFINITION_BYTES`] bytes,
/// by acronym. Cost: one pass over the text.
fn acronym_definitions(text: &Text) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let texts = (text.sentences.iter().map(Sentence::text))
        .chain(text.lines.iter().map(crate::text::Line::text));
    for t in texts {
        for (open, _) in t.match_indices('(') {
            let Some(close) = t[open..].find(')') else {
                continue;
            };
            let acronym = &t[open + 1..open + close];
            if !is_acronym(acronym) {
                continue;
            }
            let before = t[..open].trim_end();
            let mut from = before.len().saturating_sub(DEFINITION_BYTES);
            while !before.is_char_boundary(from) {
                from += 1;
            }
            let tails = out.entry(acronym.to_owned()).or_default();
            if tails.len() < DEFINITIONS_KEPT {
                tails.push(before[from..].to_owned());
            }
        }
    }
    out
}

/// The longest name an acronym's definition is looked for in, in bytes.
const DEFINITION_BYTES: usize = 160;
/// Definitions kept per acronym: the first few say it.
const DEFINITIONS_KEPT: usize = 4;

/// Organisations of letterheads in capitals ([`orgnames::in_capitals`]),
/// outside the participant list; the body that met is there already.
fn letterheads(
    ex: &Extractor,
    text: &Text,
    series: &str,
    roster_lines: &HashSet<usize>,
    orgs: &mut Gathered,
) {
    let series = format!(" {} ", fold(series));
    let mut wholes = Vec::new();
    for line in text.lines.iter().filter(|l| !l.is_blank()) {
        if roster_lines.contains(&line.number) {
            continue;
        }
        let Some(name) = orgnames::in_capitals(line.text(), &ex.lex) else {
            continue;
        };
        if series.contains(&format!(" {} ", fold(&name))) {
            continue;
        }
        let canonical = ex
            .orgs
            .lookup(&name)
            .map_or_else(|| name.clone(), |i| ex.orgs.entry(i).pref.clone());
        let surface = line.text().split_whitespace().take(name.split(' ').count());
        let surface = surface.collect::<Vec<_>>().join(" ");
        let ev = evidence(FactKind::Mentioned, &line.span, &surface);
        orgs.add(&canonical, &name, Some(ev));
        wholes.push(name);
    }
    orgs.drop_openings_in_capitals(&wholes);
}

/// The entry, other than the acronym's own (`own`), one of whose forms ends
/// `before`, the text written before "(acronym)": the longest such form.
fn defining_entry(
    forms: &HashMap<&str, usize>,
    acronym: &str,
    before: &str,
    own: usize,
) -> Option<usize> {
    let starts = std::iter::once(0).chain(before.match_indices(' ').map(|(i, _)| i + 1));
    starts.filter_map(|at| before.get(at..)).find_map(|tail| {
        let i = *forms.get(tail)?;
        (i != own && tail != acronym).then_some(i)
    })
}

/// The organisations a sentence names: the gazetteer's and those shaped like
/// one; returns both (the ranges where no topic is). `listed_orgs` are the
/// organisations of the list's entries on the sentence's line.
fn sentence_organisations(
    ex: &Extractor,
    s: &Sentence,
    series: &str,
    listed_orgs: &[&str],
    listed: bool,
    orgs: &mut Gathered,
) -> (Vec<Hit>, Vec<Range<usize>>) {
    // The gazetteer is searched once a sentence: its automaton is the costly
    // part of extraction.
    let known = ex.orgs.find(s.text());
    let shaped = shaped_organisations(ex, s, series, listed, &known);
    let org_hits = known_organisations(known, &shaped, listed_orgs);
    if !listed {
        coordinated_and_organs(ex, s, &shaped, orgs);
    }
    for r in &shaped {
        let known = org_hits
            .iter()
            .any(|h| h.range.start < r.end && r.start < h.range.end);
        if !known {
            let name = &s.text()[r.clone()];
            orgs.add(
                name,
                name,
                Some(evidence(FactKind::Mentioned, &s.span, name)),
            );
        }
    }
    for h in &org_hits {
        let name = ex.orgs.entry(h.entry).pref.clone();
        let ev = evidence(FactKind::Mentioned, &s.span, &h.surface);
        orgs.add(&name, &h.surface, Some(ev));
    }
    (org_hits, shaped)
}

/// Names shaped like organisations the gazetteer does not know; a known name
/// at the start of one ("United Nations" in "Permanent Mission of Croatia to
/// the United Nations") is part of it, not another. National IGFs by name
/// ("IGF Uruguay", "Kenya IGF") are whole, even where "IGF" alone is known.
fn shaped_organisations(
    ex: &Extractor,
    s: &Sentence,
    series: &str,
    listed: bool,
    known: &[Hit],
) -> Vec<Range<usize>> {
    if listed {
        return Vec::new();
    }
    let prefix_of = |h: &Hit, r: &Range<usize>| h.range.start == r.start && h.range.end < r.end;
    let mut shaped: Vec<Range<usize>> = orgnames::find_in_prose(s.text(), &ex.lex)
        .into_iter()
        .filter(|r| !known.iter().any(|h| prefix_of(h, r)))
        .filter(|r| !is_the_series_itself(&s.text()[r.clone()], series, &ex.lex))
        .collect();
    for r in orgnames::national_igfs(s.text(), &ex.lex) {
        shaped.retain(|f| !(f.start < r.end && r.start < f.end));
        shaped.push(r);
    }
    shaped
}

/// "Board of Directors" in the minutes of the "Apache Software Foundation
/// Board of Directors": a name headed only by an ambiguous head and standing
/// inside the series is the body that met, named short, no other body.
fn is_the_series_itself(name: &str, series: &str, lex: &Lexicons) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let ambiguous = words.iter().any(|w| lex.ambiguous_heads.contains(w));
    let sure = (words.iter())
        .any(|w| lex.organisation_heads.contains(w) && !lex.ambiguous_heads.contains(w));
    let padded = |t: &str| format!(" {} ", fold(t));
    ambiguous && !sure && padded(series).contains(&padded(name))
}

/// The gazetteer's hits that stand alone: not inside a shaped name, and, on
/// the participant list, not a word of a longer organisation of an entry
/// ("Internet Society" in "Internet Society India Chennai Chapter").
fn known_organisations(known: Vec<Hit>, shaped: &[Range<usize>], listed_orgs: &[&str]) -> Vec<Hit> {
    known
        .into_iter()
        .filter(|h| !shaped.iter().any(|r| inside(&h.range, r)))
        .filter(|h| {
            !listed_orgs
                .iter()
                .any(|o| o.len() > h.surface.len() && o.contains(h.surface.as_str()))
        })
        .collect()
}

/// "the Ministries of Health and of Education", "governments": bodies named
/// together or as organs of a state, unless inside a shaped name ("Permanent
/// Mission of Croatia to the United Nations" is already whole).
fn coordinated_and_organs(
    ex: &Extractor,
    s: &Sentence,
    shaped: &[Range<usize>],
    orgs: &mut Gathered,
) {
    let coordinated = orgnames::coordinated(s.text(), &ex.lex)
        .into_iter()
        .flat_map(|(_, names)| names);
    let organs = orgnames::state_organs(s.text(), &ex.lex)
        .into_iter()
        .filter(|(range, _)| !shaped.iter().any(|r| inside(range, r)))
        .map(|(_, name)| name);
    for name in coordinated.chain(organs) {
        let canonical = ex
            .orgs
            .lookup(&name)
            .map_or_else(|| name.clone(), |i| ex.orgs.entry(i).pref.clone());
        let ev = evidence(FactKind::Mentioned, &s.span, &name);
        orgs.add(&canonical, &name, Some(ev));
    }
}

/// The thesaurus's topics a sentence names. Words of an organisation's name
/// ("Internet Governance" in "Internet Governance Forum") are no topic of
/// their own; a top concept ("Internet governance") is a facet of the whole
/// field, a topic of this meeting only when its agenda names it.
fn sentence_topics(
    ex: &Extractor,
    s: &Sentence,
    (org_hits, shaped): &(Vec<Hit>, Vec<Range<usize>>),
    agenda: &[AgendaItem],
    topics: &mut Gathered,
) {
    for h in ex.topics.find(s.text()) {
        let inside_org = org_hits.iter().any(|o| inside(&h.range, &o.range))
            || shaped.iter().any(|o| inside(&h.range, o));
        let facet = ex.topics.entry(h.entry).broader.is_empty()
            && !agenda
                .iter()
                .any(|a| ex.topics.find(&a.title).iter().any(|t| t.entry == h.entry));
        if inside_org || facet {
            continue;
        }
        let name = ex.topics.entry(h.entry).pref.clone();
        let ev = evidence(FactKind::Discussed, &s.span, &h.surface);
        topics.add(&name, &h.surface, Some(ev));
    }
}

/// The subjects of the agenda ([`keyphrases::agenda_keyphrases`]): each
/// gathered under its name with the other forms of its title, and its evidence
/// the agenda line (or heading) that names it. Returns the keyphrases by name,
/// for the topics that are no thesaurus concept.
fn agenda_subjects(
    ex: &Extractor,
    text: &Text,
    agenda: &[AgendaItem],
    roster_lines: &HashSet<usize>,
    topics: &mut Gathered,
) -> HashMap<String, Keyphrase> {
    let mut keyphrases = HashMap::new();
    let subjects = keyphrases::agenda_keyphrases(ex, text, agenda)
        .into_iter()
        .chain(keyphrases::stated_subjects(ex, text))
        .chain(keyphrases::business_in_prose(
            ex,
            text,
            agenda,
            roster_lines,
        ))
        .chain(keyphrases::led_subjects(ex, text, agenda, roster_lines));
    for subject in subjects {
        topics.add(&subject.name, &subject.name, subject.evidence);
        for alias in &subject.aliases {
            topics.add(&subject.name, alias, None);
        }
        if let Some(k) = subject.keyphrase {
            keyphrases.entry(subject.name).or_insert(k);
        }
    }
    keyphrases
}
