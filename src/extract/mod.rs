//! Extraction: one report's text in, its meeting, agenda, person mentions,
//! organisations and topics out, by rules and the data of `ontology/`.
//!
//! Rationale: extraction sees one report at a time, so it can run in parallel
//! and be re-run for a changed report alone. It does not decide who is who
//! across reports: person mentions come out as written, and [`crate::resolve`]
//! turns them into identities with the whole corpus in view. It knows nothing of
//! RDF.

pub mod agenda;
pub mod author;
pub mod body_phrase;
pub mod chat;
pub mod entities;
pub mod extraction;
pub mod extractor;
pub mod gazetteer;
pub mod group_labels;
pub mod groups;
pub mod header;
pub mod item_notes;
pub mod keyphrases;
pub mod orgnames;
pub mod people;
pub mod roster;
pub mod speech;

pub use extraction::{ExtractError, Extraction, PersonMention};
pub use extractor::Extractor;

use extraction::{evidence, evidence_at, exact_evidence, located, sentence_evidence, Locator};

use crate::ingest::Document;
use crate::model::{Evidence, FactKind, Meeting, Role};
use crate::text::{Sentence, Span, Text};
use crate::words::dates::TimeMatch;
use crate::words::fold;
use crate::words::prose_patterns::ProsePatterns;
use std::collections::HashSet;
use std::ops::Range;

/// What a record states of a person beside the name: roles, and the
/// organisation (canonical, as written).
type Stated = (Vec<Role>, Option<(String, String)>);

/// What the person recogniser read as lists or rolls: whole lines, which
/// running text leaves alone, and the sentences of rolls (a line may hold a
/// roll's sentence and others, where a record was flattened).
struct Read {
    lines: HashSet<usize>,
    sentences: HashSet<usize>,
}

/// How many sentences of a record's opening are read for who opened the
/// meeting: past them, "called to order" is a later session's.
const OPENING_SENTENCES: usize = 60;

impl Extractor {
    /// Extracts one report. Cost: linear in the report's length times the number
    /// of vocabulary labels (compiled into one automaton per vocabulary).
    ///
    /// # Errors
    /// [`ExtractError::NotAReport`] when nothing of a meeting record is found.
    pub fn extract(&self, doc: &Document) -> Result<Extraction, ExtractError> {
        let text = Text::with_words(&doc.text, &self.lex.sentence);
        let header = header::extract(&text, &self.lex, &self.orgs);
        let (roster, absent) = roster::lists(&text, self);
        let mut out = Extraction {
            source: doc.source.clone(),
            sha256: doc.sha256.clone(),
            meeting: meeting(&header),
            agenda: agenda::extract(&text, &self.lex),
            ..Extraction::default()
        };
        // Lines of the participant list (and of the apologies): read as a
        // list, not as running text.
        let roster_lines: HashSet<usize> = roster.iter().chain(&absent).map(|e| e.line).collect();
        for e in &absent {
            out.mentions.push(listed(&text, e, FactKind::Mentioned));
        }
        let sender_mentions = self.author(&text, &roster, &mut out);
        self.roster_entries(&text, &roster, &mut out);
        // The person recogniser: lists, rolls and turns of any layout.
        let listed = people::ListedAt::new(
            roster
                .iter()
                .chain(&absent)
                .map(|e| text.lines[e.line].span.origin(e.name_range.clone()).0),
        );
        let person_skip = self.recognise(&text, &roster_lines, &listed, &mut out);
        self.grouped_affiliations(&text, &header.series, &mut out);
        header_roles(&text, &header, &mut out);
        self.running_text(&text, &roster, &person_skip, &mut out);
        if out.meeting.moderators.is_empty() {
            self.moderator_of_chat(&text, &mut out);
        }
        if out.meeting.moderators.is_empty() {
            self.moderator_by_role(&text, &roster, &mut out);
        }
        if out.meeting.moderators.is_empty() {
            self.moderator_by_opening(&text, &mut out);
        }
        self.collective_speech(&text, &mut out);
        self.motions(&text, &mut out);
        self.presenters(&text, &mut out);
        // The organisations of those a table marks absent are the report's
        // too; an apologies line's are not read as surely (its names run
        // on into each other).
        let absent_rows: Vec<roster::Entry> = absent.iter().filter(|e| e.absent).cloned().collect();
        (out.organisations, out.topics) = entities::entities(
            self,
            &text,
            &header.series,
            &[&roster, &absent_rows],
            &roster_lines,
            &out.agenda,
            &out.mentions,
        );
        self.warn(&mut out, roster.is_empty());
        exact_evidence(&doc.text, &mut out);
        located(&doc.places, &mut out);
        if out.meeting.date.is_none()
            && out.agenda.is_empty()
            && out
                .mentions
                .iter()
                .enumerate()
                .all(|(i, m)| !m.definite || sender_mentions.contains(&i))
        {
            return Err(ExtractError::NotAReport {
                path: doc.path.clone(),
            });
        }
        Ok(out)
    }

    /// The writer of an e-mail: the signature, "... and myself" on the
    /// participants line, "I presented ...". Returns the places in
    /// `out.mentions` of those a sender line gave: any mail has a sender, so
    /// they are no sign of a meeting (a list's every message would be a
    /// record).
    fn author(&self, text: &Text, roster: &[roster::Entry], out: &mut Extraction) -> Range<usize> {
        let first = out.mentions.len();
        let Some(a) = author::find(text, &self.lex) else {
            return first..first;
        };
        let mention =
            |fact, span: &Span| PersonMention::new(&a.name, evidence(fact, span, &a.name));
        out.mentions
            .push(mention(FactKind::Mentioned, &text.lines[a.line].span));
        let myself = roster
            .iter()
            .map(|e| &text.lines[e.line])
            .find(|l| l.text().contains("and myself"));
        if let Some(line) = myself {
            out.mentions.push(mention(FactKind::Listed, &line.span));
        }
        if let Some(i) = a.spoke_in {
            out.mentions
                .push(mention(FactKind::Spoke, &text.sentences[i].span));
        }
        if a.from_sender {
            first..out.mentions.len()
        } else {
            first..first
        }
    }

    /// Each entry of the participant list attended, unless its line says it
    /// did not ("Name - Constituency - absent, apologies"); the same line is
    /// the evidence of the affiliations it states.
    fn roster_entries(&self, text: &Text, roster: &[roster::Entry], out: &mut Extraction) {
        for e in roster {
            let line = &text.lines[e.line];
            let fact = if is_marked_absent(line.text(), e, &self.lex.absence_words) {
                FactKind::Mentioned
            } else {
                FactKind::Listed
            };
            out.mentions.push(listed(text, e, fact));
            let at = e.name_range.clone();
            // "spwhitton (42)": a handle that said lines spoke.
            if e.lines_said.is_some_and(|n| n > 0) {
                out.mentions.push(PersonMention::new(
                    &e.name,
                    evidence_at(FactKind::Spoke, &line.span, &e.name, at.clone()),
                ));
            }
            if !e.organisations.is_empty() {
                out.mentions.push(PersonMention::new(
                    &e.name,
                    evidence_at(FactKind::Affiliation, &line.span, &e.name, at),
                ));
            }
        }
    }

    /// People listed under an organisation's heading (a department, a
    /// delegation) are affiliated with it ([`groups`]); the person's line is
    /// the evidence.
    fn grouped_affiliations(&self, text: &Text, series: &str, out: &mut Extraction) {
        // Where each line starts (a blank line has no chars, and no start).
        let starts: Vec<(usize, usize)> = text
            .lines
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| (l.span.start(), l.number))
            .collect();
        let people: Vec<(usize, String)> = out
            .mentions
            .iter()
            .filter(|m| matches!(m.fact, FactKind::Listed | FactKind::Mentioned))
            .filter_map(|m| {
                let line = list_line_of(text, &starts, m.evidence.start, &m.text)?;
                Some((line, m.text.clone()))
            })
            .collect();
        for g in groups::under_headings(&text.lines, &people, series, self) {
            let ev = evidence(FactKind::Affiliation, &text.lines[g.line].span, &g.name);
            for (canonical, surface) in g.organisations {
                out.mentions
                    .push(PersonMention::new(&g.name, ev.clone()).affiliated(canonical, surface));
            }
        }
    }

    /// The rules of running text, sentence by sentence: representatives of a
    /// body, people under an "Update from the X" heading, and the names each
    /// sentence holds with the fact it states of them.
    fn running_text(
        &self,
        text: &Text,
        roster: &[roster::Entry],
        person_skip: &Read,
        out: &mut Extraction,
    ) {
        let mut update = UpdateHeading::new(self.heading_lines(text), &self.lex.prose);
        for (i, s) in text.sentences.iter().enumerate() {
            if person_skip.lines.contains(&s.line) {
                continue;
            }
            // A roll's sentence is read for the names the roll missed, but
            // a roll states attendance, not speech.
            let roll = person_skip.sentences.contains(&i);
            self.representative_spoke(s, roster, out);
            if update.at_heading(s, &self.orgs) {
                continue;
            }
            let found = speech::mentions(s, &self.lex, &self.masked(s.text()));
            update.tie_first(s, &found, out);
            for mut m in found {
                if roll && m.fact == FactKind::Spoke {
                    m.fact = FactKind::Mentioned;
                }
                self.sentence_mention(s, m, out);
            }
        }
    }

    /// Lines that are headings (short, no full stop, no speech verb).
    fn heading_lines(&self, text: &Text) -> Vec<usize> {
        text.lines
            .iter()
            .filter(|l| {
                let t = l.text();
                !l.is_blank()
                    && agenda::is_heading_text(t, &self.lex)
                    && !t.ends_with('.')
                    && !t
                        .split(|c: char| !c.is_alphabetic())
                        .any(|w| self.lex.speech_verbs.contains(&w.to_lowercase()))
            })
            .map(|l| l.number)
            .collect()
    }

    /// "The representative of Malawi welcomed ...": the one listed
    /// participant whose line names Malawi spoke.
    fn representative_spoke(&self, s: &Sentence, roster: &[roster::Entry], out: &mut Extraction) {
        for c in self.lex.prose.representative.captures_iter(s.text()) {
            let Some(body) = c.get(1) else { continue };
            if !speech::followed_by_speech(s.text(), body.end(), &self.lex) {
                continue;
            }
            let key = format!(" {} ", fold(body.as_str()));
            let mut who = roster
                .iter()
                .filter(|e| format!(" {} ", fold(&e.described)).contains(&key));
            if let (Some(e), None) = (who.next(), who.next()) {
                out.mentions.push(PersonMention::new(
                    &e.name,
                    sentence_evidence(FactKind::Spoke, s, body.as_str()),
                ));
            }
        }
    }

    /// What is no person in a sentence: organisations and topics of the
    /// vocabularies, names shaped as organisations' ("National Institute of
    /// Soil Science"), and the bodies named as what someone represents.
    fn masked(&self, t: &str) -> Vec<Range<usize>> {
        let represented = (self.lex.prose.representative)
            .captures_iter(t)
            .filter_map(|c| c.get(1).map(|m| m.range()));
        self.orgs
            .find(t)
            .iter()
            .chain(&self.topics.find(t))
            .map(|h| h.range.clone())
            .chain(represented)
            .chain(orgnames::find(t, &self.lex))
            .collect()
    }

    /// A name a sentence holds: the fact it states, the nickname in
    /// parentheses after it, and the affiliation and roles stated after a
    /// definite name ("Ana Lee (ISOC), Chair").
    fn sentence_mention(&self, s: &Sentence, m: speech::NameMention, out: &mut Extraction) {
        let t = s.text();
        let nickname = t[m.range.end..]
            .strip_prefix(" (")
            .and_then(|r| r.split_once(')'))
            .map(|(n, _)| n)
            .filter(|n| roster::is_nickname(n, &m.text, self))
            .map(str::to_owned);
        let (roles, affiliation) = if m.definite {
            self.stated_affiliation(&t[m.range.end..])
        } else {
            (Vec::new(), None)
        };
        let at = m.range.clone();
        if let Some((canonical, surface)) = affiliation {
            out.mentions.push(
                PersonMention::new(
                    &m.text,
                    evidence_at(FactKind::Affiliation, &s.span, &m.text, at.clone()),
                )
                .affiliated(canonical, surface),
            );
        }
        out.mentions.push(
            PersonMention::new(&m.text, evidence_at(m.fact, &s.span, &m.text, at))
                .definite(m.definite)
                .with_nickname(nickname)
                .with_roles(roles),
        );
    }

    /// "The chair is marga.", "<zbyszek> !startmeeting FESCO": the chair a
    /// chat log's meeting bot names, or who started the meeting, by the name
    /// the log gives their handle where it gives one.
    fn moderator_of_chat(&self, text: &Text, out: &mut Extraction) {
        let Some((handle, line)) = chat::chair(text, self) else {
            return;
        };
        let identities = chat::identities(text, self, |t| people::whole_name(t, self));
        let named = chat::names_by_handle(&identities).remove(&fold(handle));
        let name = named.clone().unwrap_or_else(|| handle.to_owned());
        out.meeting.moderators.push(name.clone());
        let ev = evidence(FactKind::Moderator, &text.lines[line].span, handle);
        out.mentions.push(
            PersonMention::new(name, ev)
                .with_nickname(named.map(|_| handle.to_owned()))
                .with_roles(Role::of_fact(FactKind::Moderator).into_iter().collect()),
        );
    }

    /// "Ondřej Filip (OF), Chair" on the participant list: without a sentence
    /// naming the moderator, the one person the list gives a moderator's role
    /// ("Chair", "Chairing", not "RIPE Chair") chaired the meeting.
    fn moderator_by_role(&self, text: &Text, roster: &[roster::Entry], out: &mut Extraction) {
        let chairs: Vec<&roster::Entry> = roster
            .iter()
            .filter(|e| {
                e.roles
                    .iter()
                    .any(|r| self.lex.moderator_roles.contains(&fold(r)))
            })
            .collect();
        let [chair] = chairs.as_slice() else {
            return;
        };
        out.meeting.moderators.push(chair.name.clone());
        out.mentions.push(
            PersonMention::new(
                &chair.name,
                evidence(
                    FactKind::Moderator,
                    &text.lines[chair.line].span,
                    &chair.name,
                ),
            )
            .with_nickname(chair.nickname.clone())
            .with_roles(Role::of_fact(FactKind::Moderator).into_iter().collect()),
        );
    }

    /// "Lawrence Landweber, Chairman of the Board, ... called the Meeting to
    /// order", "The meeting was called to order at 7:02 pm by Chair Ann
    /// Lee": without a moderator named otherwise, whoever opened the meeting
    /// chaired it. The first such sentence of the record's opening.
    fn moderator_by_opening(&self, text: &Text, out: &mut Extraction) {
        let Some((s, name)) = (text.sentences.iter().take(OPENING_SENTENCES))
            .find_map(|s| self.opener(s.text()).map(|n| (s, n)))
        else {
            return;
        };
        out.meeting.moderators.push(name.clone());
        out.mentions.push(
            PersonMention::new(&name, evidence(FactKind::Moderator, &s.span, &name))
                .with_roles(Role::of_fact(FactKind::Moderator).into_iter().collect()),
        );
    }

    /// Who opened the meeting in sentence `t`: the name after "called to
    /// order ... by" (`[opening-phrases]`), else the name a sentence opens
    /// with when it says its subject opened the meeting
    /// (`[meeting-start-phrases]`: "called the meeting to order", "ouvre la
    /// séance").
    fn opener(&self, t: &str) -> Option<String> {
        if let Some(name) = self.presiding(t) {
            return Some(name);
        }
        let passive = self.lex.opening.as_ref().and_then(|re| re.find(t));
        let (rest, before) = match passive {
            Some(m) => (&t[m.end()..], usize::MAX),
            // The subject stands before the phrase ("Ouverture de la séance"
            // opens with no one).
            None => (t, self.lex.meeting_start.as_ref()?.find(t)?.start()),
        };
        let who = self.name_after(rest)?;
        let is_role = |w: &&str| self.lex.role_words.contains(&w.to_lowercase());
        // "Chairman Peter Dengate Thrush": the title before the name is none
        // of it; "Monsieur le Maire ouvre la séance": an office, no name.
        let words: Vec<&str> = who.name.split_whitespace().skip_while(is_role).collect();
        let named = !words.is_empty() && !words.iter().any(is_role);
        (named && who.range.end <= before)
            .then(|| crate::words::names::title_case(&words.join(" ")))
    }

    /// "with Dr. Dan Arvizu, Chairman, presiding", "Chair Rennison
    /// presiding", "J. Shergill (President) in the chair": the name before
    /// `[presiding-words]`, past a title or a description between commas
    /// and an office in parentheses; the name is the capitalised run that
    /// ends the clause, less the titles and honorifics that open it.
    fn presiding(&self, t: &str) -> Option<String> {
        let at = self.lex.presiding.as_ref()?.find(t)?.start();
        let is_role = |w: &str| self.lex.role_words.contains(&w.to_lowercase());
        let mut clauses = t[..at].trim_end().trim_end_matches(',').rsplit(',');
        let mut clause = clauses.next()?.trim();
        // "Chairman", "oldest member present": a title or a description
        // between commas, after the name.
        let described = |c: &str| {
            c.split_whitespace()
                .all(|w| is_role(w) || !w.starts_with(char::is_uppercase))
        };
        if described(clause) {
            clause = clauses.next()?.trim();
        }
        // "J. Shergill (President)": the office in parentheses after the name.
        if let Some(open) = clause.strip_suffix(')').and_then(|c| c.rfind('(')) {
            clause = clause[..open].trim_end();
        }
        let words: Vec<&str> = clause.split_whitespace().collect();
        let run = words
            .iter()
            .rev()
            .take_while(|w| w.starts_with(char::is_uppercase))
            .count();
        let name: Vec<&str> = words[words.len() - run..]
            .iter()
            .copied()
            .skip_while(|w| is_role(w) || self.lex.is_honorific(w))
            .collect();
        if name.iter().any(|w| is_role(w)) {
            return None;
        }
        // "The presiding officer": a person's name or none.
        let name = name.join(" ");
        let who = header::names_at(&name, 0, &self.lex)
            .into_iter()
            .next()
            .map(|n| n.name)
            // "J. Shergill": an initial opens the name, which the header's
            // reader takes for no name; the person recogniser reads it.
            .or_else(|| {
                people::name_at(&name, self, 1)
                    .filter(|n| n.name.contains(' '))
                    .map(|n| n.name)
            })?;
        Some(crate::words::names::title_case(&who))
    }

    /// "Moved: Stephen Hale, 2nd: Ana Ruiz", "seconded by Ana Ruiz", "MOVED:
    /// (Secretary/Jones)", "Kamm/Kuhn moved": the mover and the seconder of a
    /// motion spoke, and so did whoever "called the meeting to order" or gave
    /// a "Presentation by". Read on lines, numbered
    /// or not, as minutes write motions on their own line.
    fn motions(&self, text: &Text, out: &mut Extraction) {
        let rules = [&self.lex.motion, &self.lex.opening, &self.lex.speech_noun];
        for line in &text.lines {
            let t = line.text();
            self.mover_pair(line, out);
            for m in rules
                .iter()
                .filter_map(|re| re.as_ref())
                .flat_map(|re| re.find_iter(t))
            {
                let Some(who) = self.name_after(&t[m.end()..]) else {
                    continue;
                };
                if self.lex.role_words.contains(&who.name.to_lowercase()) {
                    continue;
                }
                out.mentions.push(PersonMention::new(
                    crate::words::names::title_case(&who.name),
                    evidence(FactKind::Spoke, &line.span, &who.name),
                ));
            }
        }
    }

    /// The first name at the start of `rest`, the text after a phrase that
    /// names someone ("moved by", "called to order by"), read up to the
    /// clause's end.
    fn name_after(&self, rest: &str) -> Option<header::RosterName> {
        let clause = &rest[..rest.find([')', ',', ';', '"']).unwrap_or(rest.len())];
        header::names_at(clause, 0, &self.lex).into_iter().next()
    }

    /// "Kamm/Kuhn moved to approve the agenda", "M/S: Hayes/Love", "M:
    /// Hayes, S: Love": the mover and the seconder, by surname, spoke.
    fn mover_pair(&self, line: &crate::text::Line, out: &mut Extraction) {
        let rules = [&self.lex.mover_pair, &self.lex.labelled_movers];
        let t = line.text();
        for c in rules
            .iter()
            .filter_map(|re| re.as_ref())
            .flat_map(|re| re.captures_iter(t))
        {
            for who in c.iter().skip(1).flatten() {
                let name = who.as_str();
                if self.lex.role_words.contains(&name.to_lowercase())
                    || self.lex.not_names.contains(name)
                {
                    continue;
                }
                out.mentions.push(PersonMention::new(
                    name,
                    evidence_at(FactKind::Spoke, &line.span, name, who.range()),
                ));
            }
        }
    }

    /// "Intro to the work plan by Lena Fischer (consultant)": the person an
    /// agenda item names after "by" presents it, and so spoke.
    fn presenters(&self, text: &Text, out: &mut Extraction) {
        let mut found = Vec::new();
        for item in &out.agenda {
            let Some(line) = text.lines.iter().find(|l| l.text().contains(&item.title)) else {
                continue;
            };
            // "General Manager's report (Leah Foley)": the agenda keeps the
            // title; the line gives the presenter after it.
            let who = self.presenter_after(line.text(), &item.title).or_else(|| {
                let by = item.title.find(" by ")?;
                header::names_at(&item.title, by + 4, &self.lex)
                    .into_iter()
                    .next()
                    .filter(|n| n.name.contains(' '))
                    .map(|n| n.name)
            });
            if let Some(who) = who {
                found.push(PersonMention::new(
                    crate::words::names::title_case(&who),
                    evidence(FactKind::Spoke, &line.span, &who),
                ));
            }
        }
        out.mentions.extend(found);
    }

    /// The presenter in parentheses after an agenda item's title on its line.
    fn presenter_after(&self, t: &str, title: &str) -> Option<String> {
        let at = t.find(title)? + title.len();
        let rest = t[at..].trim_end_matches(['.', ':', ' ']);
        let with = format!("{title}{rest}");
        let bare = agenda::without_presenter(&with, &self.lex);
        (bare.len() < with.len()).then(|| {
            let inner = with[bare.len()..].trim();
            inner
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_owned()
        })
    }

    /// "Each Director introduced themself to the Board": every person listed
    /// under the heading that names the group ("Directors Present:") spoke.
    fn collective_speech(&self, text: &Text, out: &mut Extraction) {
        let Some(re) = &self.lex.collective_speech else {
            return;
        };
        for s in &text.sentences {
            let Some(noun) = re.captures(s.text()).and_then(|c| c.get(1)) else {
                continue;
            };
            let stem = noun.as_str().to_lowercase();
            let stem = stem.trim_end_matches('s');
            let heading = text.lines[..s.line.min(text.lines.len())]
                .iter()
                .position(|l| {
                    let t = l.text().trim().trim_end_matches(':').to_lowercase();
                    (1..=4).contains(&t.split_whitespace().count())
                        && t.split_whitespace()
                            .any(|w| w.trim_end_matches('s') == stem)
                });
            let Some(h) = heading else {
                continue;
            };
            let block: Vec<_> = text.lines[h + 1..]
                .iter()
                .skip_while(|l| l.is_blank())
                .take_while(|l| !l.is_blank())
                .collect();
            let (Some(first), Some(last)) = (block.first(), block.last()) else {
                continue;
            };
            let (from, to) = (first.span.start(), last.span.end());
            let group: Vec<String> = out
                .mentions
                .iter()
                .filter(|m| {
                    m.fact == FactKind::Listed && m.evidence.start >= from && m.evidence.start < to
                })
                .map(|m| m.text.clone())
                .collect();
            for name in group {
                let ev = sentence_evidence(FactKind::Spoke, s, &name);
                out.mentions.push(PersonMention::new(name, ev));
            }
        }
    }

    /// People found by [`people`], whatever the layout, as definite mentions
    /// with the cues that made them people. Returns what was read as lists or
    /// rolls, with the participant list's lines: running text is not read there.
    fn recognise(
        &self,
        text: &Text,
        roster_lines: &HashSet<usize>,
        listed: &people::ListedAt,
        out: &mut Extraction,
    ) -> Read {
        let mut speakers = people::speakers(text, self, roster_lines);
        self.chat_people(text, &mut speakers, out);
        let nicks: HashSet<String> = speakers
            .iter()
            .filter(|f| !f.name.contains(' '))
            .map(|f| fold(&f.name))
            .collect();
        // Rolls first: a line of several names is a roll, not a list line.
        let rolls = people::rolls(text, self, listed, &nicks);
        let found = rolls.found;
        let mut skip: HashSet<usize> = roster_lines.clone();
        let places = found.iter().map(|f| f.place).chain(rolls.read_as_list);
        let roll_sentences = skip_rolls(text, places, &mut skip);
        let lists = people::line_lists(text, self, &skip);
        skip.extend(lists.iter().filter_map(|f| match f.place {
            people::Place::Line(l) => Some(l),
            people::Place::Sentence(_) => None,
        }));
        for (group, on_list_lines) in [(found, false), (lists, true), (speakers, false)] {
            self.found_mentions(text, group, on_list_lines, out);
        }
        Read {
            lines: skip,
            sentences: roll_sentences,
        }
    }

    /// A chat log's people: the handles that came in or are Matrix users, and
    /// the names a roll call or a bot gave their handles, which also name the
    /// speakers known by those handles.
    fn chat_people(&self, text: &Text, speakers: &mut [people::Found], out: &mut Extraction) {
        let identities = chat::identities(text, self, |t| people::whole_name(t, self));
        // "<fil> ...": the name the log gave the handle, where it gave one.
        let names = chat::names_by_handle(&identities);
        for f in speakers.iter_mut() {
            if let Some(name) = names.get(&fold(&f.name)) {
                f.name.clone_from(name);
            }
        }
        let users = chat::matrix_users(text, self);
        for (handle, line) in users.into_iter().chain(chat::joins(text, self)) {
            let name = names.get(&fold(handle)).map_or(handle, String::as_str);
            let ev = evidence(FactKind::Mentioned, &text.lines[line].span, name);
            out.mentions.push(PersonMention::new(name, ev));
        }
        for i in identities {
            let ev = evidence(FactKind::Listed, &text.lines[i.line].span, &i.name);
            out.mentions
                .push(PersonMention::new(i.name, ev).with_nickname(Some(i.handle)));
        }
    }

    /// The people one rule found, in text order, as mentions: with the cues
    /// that made them people, and, on a participant list's lines, the roles
    /// and organisations the line states; a country's delegate is affiliated
    /// with its government, a group's member with the body it names.
    fn found_mentions(
        &self,
        text: &Text,
        group: Vec<people::Found>,
        on_list_lines: bool,
        out: &mut Extraction,
    ) {
        let mut locator = Locator::default();
        for f in group {
            let (span, key) = match f.place {
                people::Place::Line(l) => (&text.lines[l].span, (l, false)),
                people::Place::Sentence(i) => (&text.sentences[i].span, (i, true)),
            };
            let mut ev = locator.evidence(key, f.fact, span, &f.name);
            ev.why = f.cues.iter().map(|c| c.as_str().into()).collect();
            let described = match f.place {
                people::Place::Line(l) if on_list_lines => roster::line_entry(&text.lines[l], self),
                _ => f
                    .described
                    .as_deref()
                    .and_then(|d| roster::described_entry(d, self)),
            }
            .filter(|e| fold(&e.name) == fold(&f.name));
            let government = f
                .country
                .as_deref()
                .and_then(|c| roster::government_of(c, self));
            // The body holding the meeting is no group of it ("Members of
            // the Committee on Transport present:" in its own minutes).
            let series = fold(&out.meeting.series);
            let group = (f.group.as_deref())
                .and_then(|g| roster::group_organisation(g, self))
                .filter(|(_, surface)| !groups::is_series(surface, &series));
            for (canonical, surface) in government.into_iter().chain(group) {
                let mut aff = ev.clone();
                aff.fact = FactKind::Affiliation;
                out.mentions
                    .push(PersonMention::new(&f.name, aff).affiliated(canonical, surface));
            }
            if let Some(e) = described.as_ref().filter(|e| !e.organisations.is_empty()) {
                let mut aff = ev.clone();
                aff.fact = FactKind::Affiliation;
                out.mentions.push(listed_organisations(&f.name, aff, e));
            }
            let mention = PersonMention::new(f.name, ev);
            out.mentions.push(match described {
                Some(e) => mention
                    .with_roles(e.roles)
                    .with_nickname(e.nickname.or(f.nickname)),
                None => mention.with_nickname(f.nickname),
            });
        }
    }

    /// The organisation (canonical, as written) or roles stated right after a
    /// person's name: "Ms. Tanaka (Keio University)", "Tawanda of the IGF
    /// Secretariat", "Mariam Haidari (PNMA co-facilitator)".
    fn stated_affiliation(&self, after: &str) -> Stated {
        if let Some(inner) = after
            .strip_prefix(" (")
            .and_then(|r| r.split_once(')'))
            .map(|(i, _)| i.trim())
        {
            let lower: Vec<String> = inner
                .split([' ', '-', '/'])
                .map(str::to_lowercase)
                .collect();
            // "(Staff Council)": a name ending with an organisation's head
            // noun names one, whatever role words it holds.
            let headed = lower.len() >= 2
                && lower
                    .last()
                    .is_some_and(|w| self.lex.organisation_heads.contains(w))
                && inner.starts_with(char::is_uppercase);
            if self.roles.lookup(inner).is_some()
                || !headed && lower.iter().any(|w| self.lex.role_words.contains(w))
            {
                return (Role::new(inner).into_iter().collect(), None);
            }
            // "Mr. C. Albus (Germany) as Chair": the delegation of a country.
            if let Some(government) = roster::government_of(inner, self) {
                return (Vec::new(), Some(government));
            }
            // "(Federal Office for Information Security, BSI)": the name, not its acronym.
            let name = inner.split_once(", ").map_or(inner, |(n, _)| n).trim();
            if let Some(i) = self.orgs.lookup(name) {
                return (
                    Vec::new(),
                    Some((self.orgs.entry(i).pref.clone(), name.to_owned())),
                );
            }
            let org_like = headed
                || lower.iter().any(|w| {
                    self.lex.non_name_nouns.contains(w) || self.lex.body_words.contains(w)
                });
            let acronym =
                name.len() >= 2 && name.len() <= 8 && !name.chars().any(char::is_lowercase);
            if (org_like || acronym) && name.starts_with(char::is_uppercase) {
                return (Vec::new(), Some((name.to_owned(), name.to_owned())));
            }
            return (Vec::new(), None);
        }
        if let Some(stated) = after.strip_prefix(", ").and_then(|r| self.role_of(r)) {
            return stated;
        }
        let rest = after
            .strip_prefix(" of the ")
            .or_else(|| after.strip_prefix(" of "))
            .or_else(|| after.strip_prefix(" from the "))
            .or_else(|| after.strip_prefix(" from "))
            .or_else(|| after.strip_prefix(", representing the "))
            .or_else(|| after.strip_prefix(", representing "))
            .or_else(|| after.strip_prefix(" representing the "))
            .or_else(|| after.strip_prefix(" representing "));
        if let Some(rest) = rest {
            if let Some(h) = self.orgs.find(rest).first().filter(|h| h.range.start == 0) {
                return (
                    Vec::new(),
                    Some((self.orgs.entry(h.entry).pref.clone(), h.surface.clone())),
                );
            }
            // "Jim Olsen of Hazelwood Foundation": a name shaped like an
            // organisation's (a head noun, a legal form), outside the gazetteer.
            if let Some(r) = orgnames::find(rest, &self.lex)
                .first()
                .filter(|r| r.start == 0)
            {
                let name = rest[r.clone()].to_owned();
                return (Vec::new(), Some((name.clone(), name)));
            }
        }
        (Vec::new(), None)
    }

    /// "Director of the National Institute of Health (NIH), served": the
    /// role and organisation in apposition after a name, up to the next comma;
    /// or an organisation alone there ("Ana Ruiz, Stockholm University,
    /// said"), the gazetteer's or one shaped as an organisation's name.
    fn role_of(&self, apposition: &str) -> Option<Stated> {
        let piece = apposition[..apposition.find([',', ';', ':']).unwrap_or(apposition.len())]
            .trim_end_matches(['.', ')'])
            .trim();
        if !piece.starts_with(char::is_uppercase) {
            return None;
        }
        let (role, org) = [" of the ", " at the ", " for the ", " of ", " at "]
            .iter()
            .find_map(|link| piece.split_once(link))
            .unwrap_or(("", piece));
        if !role.is_empty() && !self.is_role(role) {
            return None;
        }
        let roles: Vec<Role> = Role::new(role).into_iter().collect();
        if let Some(i) = self.orgs.lookup(org) {
            return Some((
                roles,
                Some((self.orgs.entry(i).pref.clone(), org.to_owned())),
            ));
        }
        if let Some(h) = self.orgs.find(org).first().filter(|h| h.range.start == 0) {
            return Some((
                roles,
                Some((self.orgs.entry(h.entry).pref.clone(), h.surface.clone())),
            ));
        }
        if role.is_empty() {
            // "Ms. Ode, Riverbend Water Authority (RWA) Executive Director".
            if let Some((org, held)) = roster::organisation_then_role(org, self) {
                let name = self
                    .orgs
                    .lookup(org)
                    .map_or(org, |i| &self.orgs.entry(i).pref);
                return Some((
                    Role::new(held).into_iter().collect(),
                    Some((name.to_owned(), org.to_owned())),
                ));
            }
        }
        let shaped = orgnames::find(org, &self.lex)
            .into_iter()
            .find(|r| r.start == 0 && (!role.is_empty() || r.end == org.len()))?;
        let name = org[shaped].to_owned();
        Some((roles, Some((name.clone(), name))))
    }

    /// A role of the vocabulary, or a phrase holding a role word ("Executive Director").
    fn is_role(&self, phrase: &str) -> bool {
        self.roles.lookup(phrase).is_some()
            || phrase
                .split([' ', '-'])
                .any(|w| self.lex.role_words.contains(&w.to_lowercase()))
    }

    fn warn(&self, out: &mut Extraction, no_roster: bool) {
        let m = &out.meeting;
        let mut w = Vec::new();
        if m.series.is_empty() {
            w.push("no meeting series (title) found");
        }
        if m.date.is_none() {
            w.push("no meeting date found");
        }
        if m.start_time_local.is_none() {
            w.push("no start time found");
        } else if m.start_time_utc.is_none() {
            w.push("start time without a time zone: kept as local time, none in UTC");
        }
        if out.agenda.is_empty() {
            w.push("no agenda found");
        }
        if no_roster {
            w.push("no list of participants found");
        }
        if !out.mentions.iter().any(|p| p.fact == FactKind::Spoke) {
            w.push("no interventions found");
        }
        out.warnings = w.into_iter().map(str::to_owned).collect();
    }
}

/// The sentence (or list line) a fact was read from, with its offsets in the report.
/// The meeting's fields of the header.
fn meeting(header: &header::Header) -> Meeting {
    Meeting {
        series: header.series.clone(),
        number: header.number,
        date: header.date,
        start_time_utc: header.start_time.as_ref().and_then(TimeMatch::utc),
        start_time_local: header.start_time.as_ref().map(|t| t.local),
        utc_offset_minutes: header.start_time.as_ref().and_then(|t| t.offset),
        moderators: header.moderators.iter().map(|n| n.name.clone()).collect(),
        hosts: header.hosts.iter().map(|n| n.name.clone()).collect(),
        next_meeting_date: header.next_meeting_date,
    }
}

/// Does a list entry say its person did not attend? An absence word in what
/// the entry says after the name ("Ana Lima - ISOC - absent, apologies", "Ana
/// Lima (Regrets)"), or the rest of the word its name ends inside. Only the
/// entry's own words: on "Present: A; B Apologies: C", A and B attended,
/// though the line goes on to an absence label.
fn is_marked_absent(t: &str, e: &roster::Entry, list: &HashSet<String>) -> bool {
    let piece = t
        .get(e.name_range.end..)
        .and_then(|tail| tail.split(|c: char| !c.is_alphanumeric()).next());
    piece.is_some_and(|w| !w.is_empty() && list.contains(&w.to_lowercase()))
        || people::holds_word(&e.described, list)
}

/// An entry of a participant list as a mention: its line is the evidence
/// (around the name, when the line is a list flattened onto one line).
fn listed(text: &Text, e: &roster::Entry, fact: FactKind) -> PersonMention {
    let span = &text.lines[e.line].span;
    let ev = evidence_at(fact, span, &e.name, e.name_range.clone());
    listed_organisations(&e.name, ev, e)
        .with_nickname(e.nickname.clone())
        .with_roles(e.roles.clone())
}

/// The line (of `starts`: each non-blank line's first char and number) a
/// mention starting at char `start` is on, when that line lists
/// it: the name's first word is among the line's first four words, after any
/// list marker ("Mr Carl Murphy, Chief Operating Officer"), not inside a
/// sentence nor after a label ("Participants: Ana Ruiz (ISOC)", a roll of
/// its own).
fn list_line_of(text: &Text, starts: &[(usize, usize)], start: usize, name: &str) -> Option<usize> {
    let k = starts
        .partition_point(|&(s, _)| s <= start)
        .checked_sub(1)?;
    let i = starts[k].1;
    let t = text.lines[i].text();
    let first = name.split_whitespace().next()?;
    let body = &t[crate::text::list_marker(t).unwrap_or(0)..];
    body.split_whitespace()
        .take(4)
        .take_while(|w| !w.ends_with(':'))
        .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == first)
        .then_some(i)
}

/// The organisations a list line states of a person, as a mention whose
/// evidence is that line.
fn listed_organisations(name: &str, ev: Evidence, e: &roster::Entry) -> PersonMention {
    let mut m = PersonMention::new(name, ev);
    m.affiliations = e
        .organisations
        .iter()
        .map(|(_, surface)| surface.clone())
        .collect();
    m.memberships.clone_from(&e.memberships);
    m
}

/// The moderators and hosts a sentence of the header names.
fn header_roles(text: &Text, header: &header::Header, out: &mut Extraction) {
    for (names, fact) in [
        (&header.moderators, FactKind::Moderator),
        (&header.hosts, FactKind::Host),
    ] {
        for n in names {
            let roles = Role::of_fact(fact).into_iter().collect();
            out.mentions.push(header_mention(text, n, fact, roles));
        }
    }
    // Who kept the minutes attended, in the office the label names; one
    // named in an office after the chair is a mention in that office.
    for (names, fact) in [
        (&header.recorders, FactKind::Listed),
        (&header.officers, FactKind::Mentioned),
    ] {
        for (n, label) in names {
            let roles = Role::new(label).into_iter().collect();
            out.mentions.push(header_mention(text, n, fact, roles));
        }
    }
}

/// A person a sentence of the header names, as `fact`, in `roles`.
fn header_mention(
    text: &Text,
    n: &header::RosterName,
    fact: FactKind,
    roles: Vec<Role>,
) -> PersonMention {
    let s = &text.sentences[n.sentence];
    PersonMention::new(
        crate::words::names::title_case(&n.name),
        sentence_evidence(fact, s, &n.name),
    )
    .with_nickname(n.nickname.clone())
    .with_roles(roles)
}

/// The lines the rolls at `places` hold, added to `skip`, and the rolls'
/// sentences. A sentence's lines are skipped only where the sentence holds
/// them whole: a line that holds other sentences too (a record flattened to
/// one line) is still read for them.
fn skip_rolls(
    text: &Text,
    places: impl Iterator<Item = people::Place>,
    skip: &mut HashSet<usize>,
) -> HashSet<usize> {
    let mut roll_sentences = HashSet::new();
    for place in places {
        match place {
            people::Place::Sentence(i) => {
                roll_sentences.insert(i);
                let s = &text.sentences[i].span;
                skip.extend(
                    text.lines
                        .iter()
                        .filter(|l| l.span.start() >= s.start() && l.span.end() <= s.end())
                        .map(|l| l.number),
                );
            }
            people::Place::Line(l) => {
                skip.insert(l);
            }
        }
    }
    roll_sentences
}

/// "Update from the Internet Society": a heading that ties the first person
/// named below it, before the next heading, to the body it names.
struct UpdateHeading<'p> {
    headings: Vec<usize>,
    /// The heading's pattern and the phrase that cancels it.
    prose: &'p ProsePatterns,
    /// The body (canonical name, as written) waiting for its person.
    pending: Option<(String, String)>,
    last_line: usize,
}

impl<'p> UpdateHeading<'p> {
    fn new(mut headings: Vec<usize>, prose: &'p ProsePatterns) -> Self {
        headings.sort_unstable();
        Self {
            headings,
            prose,
            pending: None,
            last_line: 0,
        }
    }

    /// Follows the headings up to `s`; true when `s` is a heading itself
    /// (which then names the body waiting for its person, if it is an update).
    /// The headings are sorted and searched, not read whole for each
    /// sentence: a roster of 50,000 lines has thousands (issue 25).
    fn at_heading(&mut self, s: &Sentence, orgs: &gazetteer::Matcher) -> bool {
        let after_last = self.headings.partition_point(|&h| h <= self.last_line);
        let passed = self.headings.get(after_last).is_some_and(|&h| h <= s.line);
        let is_heading = self.headings.binary_search(&s.line).is_ok();
        if passed || is_heading {
            self.pending = None;
        }
        self.last_line = s.line;
        if is_heading {
            if let Some(c) = self.prose.update_heading.captures(s.text()) {
                let org_text = c.get(1).map_or("", |m| m.as_str());
                self.pending = orgs
                    .find(org_text)
                    .first()
                    .map(|h| (orgs.entry(h.entry).pref.clone(), h.surface.clone()));
            }
        }
        is_heading
    }

    /// The first name of a sentence below an update heading is affiliated
    /// with its body; "no representative from ..." cancels it.
    fn tie_first(&mut self, s: &Sentence, found: &[speech::NameMention], out: &mut Extraction) {
        let Some((org, surface)) = self.pending.take() else {
            return;
        };
        if self.prose.unrepresented.is_match(s.text()) {
            return;
        }
        match found.first() {
            Some(first) => out.mentions.push(
                PersonMention::new(
                    &first.text,
                    sentence_evidence(FactKind::Affiliation, s, &first.text),
                )
                .definite(first.definite)
                .affiliated(org, surface),
            ),
            None => self.pending = Some((org, surface)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    fn extract(text: &str) -> Extraction {
        let ontology = Ontology::embedded().expect("the embedded ontology loads");
        let doc = crate::ingest::Document {
            source: "r.txt".into(),
            path: "r.txt".into(),
            text: text.into(),
            sha256: String::new(),
            places: Default::default(),
        };
        Extractor::new(&ontology)
            .extract(&doc)
            .expect("a meeting record")
    }

    /// A roll wrapped inside a name ("..., Françoise" then "JUNG, ...") is
    /// read whole by the participant list; the person recogniser's reading
    /// of the line alone must not add the lone given name as someone else
    /// (with two Françoises in the record it cannot name either).
    #[test]
    fn a_given_name_the_list_joined_to_its_surname_is_no_one_of_its_own() {
        let out = extract(
            "Conseil du 12 mars 2019\n\nprésents :\nLucie BRANDT, Paul MOREAU, Françoise\n\
             JUNG, Simon FAURE, Inès ROY\nabsents :\nFrançoise DELPECH, Léo PETIT\n",
        );
        let names: HashSet<&str> = out.mentions.iter().map(|m| m.text.as_str()).collect();
        assert!(
            names.contains("Françoise JUNG") || names.contains("Françoise Jung"),
            "{names:?}"
        );
        assert!(!names.contains("Françoise"), "{names:?}");
    }

    /// Every mail has a sender: named at the top of a message with no date,
    /// agenda or participants, the sender (and their "I ...") is no record of
    /// a meeting, while a signature still is one's writer.
    #[test]
    fn a_mails_sender_alone_is_no_sign_of_a_meeting() {
        let ontology = Ontology::embedded().expect("the embedded ontology loads");
        let extractor = Extractor::new(&ontology);
        let doc = |text: &str| crate::ingest::Document {
            source: "m.txt".into(),
            path: "m.txt".into(),
            text: text.into(),
            sha256: String::new(),
            places: Default::default(),
        };
        let mail = "Re: the draft\n\nFrom: Lena Hahn <lena@example.org>\n\nI presented the draft and I think it reads well.\n";
        assert!(matches!(
            extractor.extract(&doc(mail)),
            Err(ExtractError::NotAReport { .. })
        ));
        let minutes = format!("{mail}\nParticipants: Ana Lima, Ben Ode\n");
        let out = extractor.extract(&doc(&minutes)).expect("a meeting record");
        let writer: Vec<FactKind> = out
            .mentions
            .iter()
            .filter(|m| m.text == "Lena Hahn")
            .map(|m| m.evidence.fact)
            .collect();
        assert!(writer.contains(&FactKind::Spoke), "{writer:?}");
    }

    /// The absence words after each entry of a roster line are found from
    /// one reading of the line, not one per entry (issue 25): from every
    /// place, the answer is what reading the rest of the line gave.
    #[test]
    fn an_absence_label_later_on_the_line_marks_no_one_before_it_absent() {
        let out = extract(
            "Minutes of the board\n\nPresent: Ana Lima (AL) (Chair); Ben Ode (BO) Apologies: Zoë Brontë (ZB)\n",
        );
        let listed: Vec<&str> = out
            .mentions
            .iter()
            .filter(|m| m.evidence.fact == FactKind::Listed)
            .map(|m| m.text.as_str())
            .collect();
        assert!(listed.contains(&"Ana Lima"), "{listed:?}");
        assert!(listed.contains(&"Ben Ode"), "{listed:?}");
        assert!(!listed.contains(&"Zoë Brontë"), "{listed:?}");
    }

    #[test]
    fn whoever_opened_or_presided_over_the_meeting_chaired_it_unless_an_office_or_no_one() {
        let cases = [
            ("Board minutes, 5 May 2011\n\nChairman Peter Dengate Thrush promptly called the meeting to order.\n", vec!["Peter Dengate Thrush"]),
            ("Board minutes, 5 May 2011\n\nThe Committee was called to order by Chairman Mike McGinness, at 1:30 p.m.\n", vec!["Mike McGinness"]),
            ("Compte-rendu du Conseil, 5 mai 2011\n\nMonsieur le Maire ouvre la séance à vingt heures.\n", vec![]),
            ("Compte-rendu du Conseil, 5 mai 2011\n\nOuverture de la séance du Conseil à 17 h.\n", vec![]),
            // The one presiding, past a title between commas or before the name.
            ("Board minutes, 5 May 2011\n\nThe Board met at 1:15 p.m. with Dr. Dan Arvizu, Chairman, presiding (Agenda 1).\n", vec!["Dan Arvizu"]),
            ("Senate minutes, 5 May 2011\n\nCALL TO ORDER, Chair Rennison presiding.\n", vec!["Rennison"]),
            ("Senate minutes, 5 May 2011\n\nThe presiding officer read the rules.\n", vec![]),
        ];
        for (raw, moderators) in cases {
            assert_eq!(extract(raw).meeting.moderators, moderators, "{raw}");
        }
    }

    #[test]
    fn the_one_in_the_chair_chairs_and_those_with_them_attend() {
        let out = extract(
            "Council Meeting Minutes, 7 February 2013\n\n1. Attendance. J. Shergill (President) in the chair with A. Kibler, J. Aldersley and B. Yates.\n\n2. Apologies. T. Ashton.\n",
        );
        assert_eq!(out.meeting.moderators, ["J. Shergill"]);
        let listed: Vec<&str> = (out.mentions.iter())
            .filter(|m| m.evidence.fact == FactKind::Listed)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(
            listed,
            ["J. Shergill", "A. Kibler", "J. Aldersley", "B. Yates"]
        );
        // A description between commas before the phrase, not a title.
        let out = extract(
            "Committee on Foreign Affairs, 22 July 2004\n\nThe meeting opened at 15:10 with Michel Rocard, oldest member present, in the chair.\n",
        );
        assert_eq!(out.meeting.moderators, ["Michel Rocard"]);
    }

    #[test]
    fn the_chair_a_meeting_bot_names_or_who_started_the_meeting_chairs_a_chat_log() {
        let out = extract(
            "18:58:58 <marga> #startmeeting\n18:58:58 <MeetBot> Meeting started Wed Jun 17 18:58:58 2020 UTC.  The chair is marga. Information about MeetBot.\n18:59:04 <marga> #topic Roll call\n18:59:08 <fil> Philip Hands\n18:59:13 <marga> Margarita Manterola\n",
        );
        assert_eq!(out.meeting.moderators, ["Margarita Manterola"]);
        let out = extract(
            "#ubuntu-meeting: Technical Board meeting\n\nMeeting started by rbasak at 20:05:41 UTC (full logs)\n\nPeople present (lines said)\n\n1. rbasak (131)\n2. vorlon (59)\n",
        );
        assert_eq!(out.meeting.moderators, ["rbasak"]);
        let out = extract(
            "2024-07-23 17:00:03 <@zbyszek:fedora.im> !startmeeting FESCO (2024-07-23)\n2024-07-23 17:00:16 <@zbyszek:fedora.im> !hi\n2024-07-23 17:00:18 <@zodbot:fedora.im> Zbigniew Jędrzejewski-Szmek (zbyszek)\n",
        );
        assert_eq!(out.meeting.moderators, ["Zbigniew Jędrzejewski-Szmek"]);
        // In minutes that are no chat log, the phrase names no handle.
        let out = extract(
            "Board minutes, 5 May 2011\n\nPresent: Ana Lima, Ben Ode, Carla Diaz\n\nThe chair is absent.\n",
        );
        assert!(out.meeting.moderators.is_empty());
    }

    #[test]
    fn a_participant_list_is_read_once_not_again_as_a_roll() {
        let out = extract(
            "Minutes of the board\n\nParticipants: Ana Lima, Ben Ode, Mr. Sete, Carla Diaz\n",
        );
        for name in ["Ana Lima", "Ben Ode", "Carla Diaz"] {
            let n = out.mentions.iter().filter(|m| m.text == name).count();
            assert_eq!(n, 1, "{name}: {:?}", out.mentions);
        }
        // The item the list did not take is still the roll's.
        assert!(
            out.mentions.iter().any(|m| m.text.contains("Sete")),
            "{:?}",
            out.mentions
        );
    }

    #[test]
    fn an_absence_word_in_an_entry_marks_its_person_absent() {
        let out = extract("Minutes of the board\n\nMembers present:\n- Ana Lima - ISOC - absent, apologies\n- Ben Ode (Regrets)\n- Carla Diaz\n");
        let fact = |name: &str| {
            out.mentions
                .iter()
                .filter(|m| m.text == name)
                .map(|m| m.evidence.fact)
                .collect::<Vec<_>>()
        };
        assert!(
            !fact("Ana Lima").contains(&FactKind::Listed),
            "{:?}",
            fact("Ana Lima")
        );
        assert!(
            !fact("Ben Ode").contains(&FactKind::Listed),
            "{:?}",
            fact("Ben Ode")
        );
        assert!(
            fact("Carla Diaz").contains(&FactKind::Listed),
            "{:?}",
            fact("Carla Diaz")
        );
    }

    #[test]
    fn the_representative_of_a_body_is_the_listed_person_from_it() {
        let out = extract(
            "Programme Committee, 6 March 2025\n\nThe representative of Malawi welcomed the focus on access. The representative of CRASA supported it.\n\nParticipants\nName\tOrganization\tStakeholder group\nChikondi Banda\tMinistry of Information, Malawi\tGovernment\nTatenda Moyo\tCommunications Regulators' Association of Southern Africa (CRASA)\tIntergovernmental\n",
        );
        let spoke: Vec<&str> = out
            .mentions
            .iter()
            .filter(|m| m.fact == FactKind::Spoke)
            .map(|m| m.text.as_str())
            .collect();
        assert_eq!(spoke, ["Chikondi Banda", "Tatenda Moyo"]);
        assert!(
            !out.mentions.iter().any(|m| m.text == "Crasa"),
            "a represented body is no person"
        );
    }

    /// A record flattened to one line: the roll's sentence is read as a
    /// roll, and the sentences beside it on the line as running text.
    #[test]
    fn the_sentences_beside_a_roll_on_one_line_are_still_read() {
        let out = extract(
            "Board of Trustees Minutes. The following were present: Ann Kowalski, Bob Ramirez and Eli Novak [joined at 7:10]. Dan Whitt said that the budget was late. Eli Novak presented the report.\n",
        );
        assert_eq!(spoke(&out), ["Dan Whitt", "Eli Novak"]);
    }

    #[test]
    fn who_called_the_meeting_to_order_and_who_seconded_by_a_label_spoke() {
        let out = extract(
            "Board of Trustees Minutes\nMarch 3, 2020\n\nPresent: Ann Kowalski, Bob Ramirez, Eli Novak\n\nThe meeting was called to order at 7:00 pm by President Ann Kowalski.\nMoved By: Trustee Eli Novak\nSecond By: Trustee Bob Ramirez\n",
        );
        assert_eq!(
            spoke(&out),
            [
                "President Ann Kowalski",
                "Trustee Bob Ramirez",
                "Trustee Eli Novak"
            ]
        );
    }

    #[test]
    fn a_country_in_parentheses_after_a_name_in_a_sentence_is_its_delegation() {
        let out = extract(
            "Working Party on Noise, 12 January 2016\n\nThe session was held with Mr. Carl Albus (Germany) as Chair and Ms. Rashmi Urdhwareshe (India) as Vice-Chair. Mr. Albus opened the session.\n",
        );
        let affiliations = |name: &str| -> Vec<String> {
            out.mentions
                .iter()
                .filter(|m| m.text == name)
                .flat_map(|m| m.affiliations.clone())
                .collect()
        };
        assert_eq!(affiliations("Mr. Carl Albus"), ["Germany"]);
        assert_eq!(affiliations("Ms. Rashmi Urdhwareshe"), ["India"]);
        let government = out
            .organisations
            .iter()
            .find(|o| o.name == "Government of Germany");
        assert!(
            government.is_some_and(|o| o.aliases.iter().any(|a| a == "Germany")),
            "{:?}",
            out.organisations
        );
    }

    #[test]
    fn the_body_that_met_named_short_is_no_other_body() {
        let out = extract(
            "Harbour Trust Board of Directors\n\nMinutes of 3 May 2021\n\n\
             The Board of Directors approved the budget. The Finance Committee reported on \
             the audit.\n",
        );
        let names: Vec<&str> = out.organisations.iter().map(|o| o.name.as_str()).collect();
        assert!(names.contains(&"Finance Committee"), "{names:?}");
        assert!(!names.contains(&"Board of Directors"), "{names:?}");
    }

    #[test]
    fn a_letterhead_in_capitals_names_its_organisations_once() {
        let out = extract(
            "DEPARTMENT OF HEALTH AND HUMAN SERVICES\nNATIONAL INSTITUTES OF HEALTH\n\n\
             Harbour Advisory Council\n\nMinutes of 3 May 2021\n\n\
             Dr. Ana Ruiz, Director of the National Institute of Harbour Studies (NIHS), \
             chaired. Ms. Eva Lind (NIHS) presented the budget.\n",
        );
        let names: Vec<&str> = out.organisations.iter().map(|o| o.name.as_str()).collect();
        assert!(
            names.contains(&"Department of Health and Human Services"),
            "{names:?}"
        );
        assert!(
            names.contains(&"National Institutes of Health"),
            "{names:?}"
        );
        assert!(!names.contains(&"NATIONAL INSTITUTES"), "{names:?}");
        assert!(
            !names.contains(&"NIHS"),
            "a defined acronym is an alias: {names:?}"
        );
        let institute = out
            .organisations
            .iter()
            .find(|o| o.name == "National Institute of Harbour Studies");
        assert!(
            institute.is_some_and(|o| o.aliases.iter().any(|a| a == "NIHS")),
            "{:?}",
            out.organisations
        );
    }

    #[test]
    fn an_organisation_written_in_capitals_and_in_title_case_is_one() {
        let out = extract(
            "Harbour Trust Board\n\nMinutes of 3 May 2021\n\n\
             The Riverside Water Authority reported. \
             A letter of the RIVERSIDE WATER AUTHORITY was read.\n",
        );
        let named: Vec<&str> = (out.organisations.iter())
            .map(|o| o.name.as_str())
            .filter(|n| fold(n) == "riverside water authority")
            .collect();
        assert_eq!(
            named,
            ["Riverside Water Authority"],
            "{:?}",
            out.organisations
        );
    }

    #[test]
    fn a_roll_opening_with_members_of_a_body_files_its_people_under_it() {
        let out = extract(
            "Harbour Trust, Minutes of 3 May 2021\n\n\
             Participants: Members of the Harbour Science Advisory Board (HSAB) Dr. Ana Ruiz, \
             Chair Dr. Bo Lee Dr. Eva Lind\n\n\
             Other attendees: Carl Moe and Dan Ode.\n",
        );
        for name in ["Ana Ruiz", "Bo Lee", "Eva Lind"] {
            assert_eq!(
                affiliations_of(&out, name),
                ["Harbour Science Advisory Board"],
                "{name}"
            );
        }
        assert!(affiliations_of(&out, "Carl Moe").is_empty());
        // The body that met is no group of its own minutes.
        let out = extract(
            "Minutes of the Harbour Science Advisory Board, 3 May 2021\n\n\
             Participants: Members of the Harbour Science Advisory Board Dr. Ana Ruiz, \
             Chair Dr. Bo Lee Dr. Eva Lind\n",
        );
        assert!(affiliations_of(&out, "Bo Lee").is_empty());
    }

    fn affiliations_of(out: &Extraction, name: &str) -> Vec<String> {
        out.mentions
            .iter()
            .filter(|m| m.text.ends_with(name))
            .flat_map(|m| m.affiliations.clone())
            .collect()
    }

    #[test]
    fn an_organisation_in_apposition_or_in_parentheses_after_a_name() {
        let out = extract(
            "Minutes of the Board, 3 March 2024\n\n\
             Dr. Ana Ruiz, Director of the National Institute of Soil Science (NISS), served as Chair.\n\n\
             Liaisons in attendance were Eva Lind (Staff Council) and Ola Berg (Housing Support Unit).\n",
        );
        assert_eq!(
            affiliations_of(&out, "Ana Ruiz"),
            ["National Institute of Soil Science"]
        );
        assert_eq!(affiliations_of(&out, "Eva Lind"), ["Staff Council"]);
        assert_eq!(affiliations_of(&out, "Ola Berg"), ["Housing Support Unit"]);
    }

    #[test]
    fn an_organisation_then_the_role_held_there_in_apposition() {
        let out = extract(
            "Minutes of the Board of Trustees, 12 June 2018\n\n\
             Present: Ruth Amsel, Karl Devine, Sonia Petrov\n\n\
             Ms. Hannah Ode, Riverbend Water Authority (RWA) Executive Director, gave the report.\n\n\
             Greg Lutz, director of the Northfield Campus, welcomed the trustees.\n\n\
             Mary Burke, ISOC Secretariat, took the notes.\n",
        );
        assert_eq!(
            affiliations_of(&out, "Hannah Ode"),
            ["Riverbend Water Authority"]
        );
        assert_eq!(affiliations_of(&out, "Greg Lutz"), ["Northfield Campus"]);
        // A body named by its head noun is no organisation and a role.
        assert_eq!(affiliations_of(&out, "Mary Burke"), ["ISOC Secretariat"]);
    }

    #[test]
    fn a_roll_inside_a_paragraph_gives_each_name_the_fields_after_it_and_no_prose() {
        let out = extract(
            "MINUTES OF THE HOUSE COMMITTEE ON WATER RESOURCES\n\nMarch 3, 2004\n\n\
             The committee was called to order at 9:00 a.m. STAFF MEMBERS PRESENT: Laura \
             Kent, Budget Analyst, Office of Fiscal Services Nina Ross, Committee Clerk \
             OTHERS PRESENT: Peter Lang, Lobbyist, In accordance with the rules, the chair \
             opened the hearing.\n",
        );
        assert_eq!(
            affiliations_of(&out, "Laura Kent"),
            ["Office of Fiscal Services"]
        );
        assert!(affiliations_of(&out, "Peter Lang").is_empty());
    }

    fn spoke(out: &Extraction) -> Vec<&str> {
        let mut v: Vec<&str> = out
            .mentions
            .iter()
            .filter(|m| m.fact == FactKind::Spoke)
            .map(|m| m.text.as_str())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn movers_by_surname_pair_and_speakers_after_a_noun_of_speech_spoke() {
        let out = extract(
            "Minutes of the Board of Supervisors, 3 March 2014\n\n\
             Present: Supv Ana Kamm and Supv Eva Kuhn.\n\n\
             Kamm/Kuhn moved to approve the agenda. Motion carried 2-0.\n\n\
             4.02) Presentation by Jim Steinhagen, Executive Director of Hazelden.\n\n\
             Er berichtete über den Haushalt.\n",
        );
        assert_eq!(spoke(&out), ["Jim Steinhagen", "Kamm", "Kuhn"]);
    }

    /// The people an extraction names, once each, in order of first mention.
    fn named(out: &Extraction) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for m in &out.mentions {
            if !names.contains(&m.text.as_str()) {
                names.push(&m.text);
            }
        }
        names
    }

    #[test]
    fn an_absence_list_that_says_none_names_nobody() {
        let out = extract(
            "Board minutes\nMarch 4, 2021\n\nMembers present: Karen Holt, Joseph Marlow\nMembers absent: None\nExcusés : néant\n",
        );
        assert_eq!(named(&out), ["Karen Holt", "Joseph Marlow"]);
    }

    #[test]
    fn a_quoted_nickname_inside_a_name_is_an_alias_not_its_end() {
        for roll in [
            "Members present: Karen Holt, Dan \"Duke\" Ellison, Joseph Marlow\n",
            "Present:\n- Karen Holt\n- Dan “Duke” Ellison, Treasurer\n- Joseph Marlow\n",
        ] {
            let out = extract(&format!("Board minutes\nMarch 4, 2021\n\n{roll}"));
            assert_eq!(
                named(&out),
                ["Karen Holt", "Dan Ellison", "Joseph Marlow"],
                "{roll}"
            );
            let nick = out.mentions.iter().find_map(|m| m.nickname.as_deref());
            assert_eq!(nick, Some("Duke"), "{roll}");
        }
    }

    /// "Johannes (Hannes) Swoboda" was "Johannes", affiliated with "Hannes"
    /// and "Swoboda"; a body's acronym in parentheses after a full name stays
    /// its affiliation.
    #[test]
    fn a_nickname_in_parentheses_after_the_given_name_is_an_alias() {
        for roll in [
            "Members present: Karen Holt, Elizabeth (Betty) Warner, Joseph Marlow (ICANN)\n",
            "Present:\n- Karen Holt\n- Elizabeth (Betty) Warner, Treasurer\n- Joseph Marlow (ICANN)\n",
        ] {
            let out = extract(&format!("Board minutes\nMarch 4, 2021\n\n{roll}"));
            assert_eq!(
                named(&out),
                ["Karen Holt", "Elizabeth Warner", "Joseph Marlow"],
                "{roll}"
            );
            let nick = out.mentions.iter().find_map(|m| m.nickname.as_deref());
            assert_eq!(nick, Some("Betty"), "{roll}");
        }
    }

    #[test]
    fn a_generational_suffix_or_a_lone_office_in_a_roll_is_no_second_person() {
        let out = extract(
            "Board minutes\nMarch 4, 2021\n\nMEMBERS PRESENT: Supervisor Karen Holt, Supervisor Ray Tibbs Jr.\nPrésents : M. Jean DUPONT, Maire, Mme Claire MARTIN\n",
        );
        assert_eq!(
            named(&out),
            ["Karen Holt", "Ray Tibbs Jr", "Jean Dupont", "Claire Martin"]
        );
    }

    #[test]
    fn movers_and_seconders_by_label_spoke() {
        let roll =
            "Board minutes\nMarch 4, 2021\n\nPresent: Karen Holt, Joseph Hayes, Ann Love\n\n";
        for motion in [
            "Motion to approve the minutes. M: Hayes, S: Love. Carried.",
            "Motion to approve the minutes (M/S/C Hayes/Love).",
            "M/S: Hayes/Love to approve the minutes.",
            "A motion was made by Hayes and seconded by Love.",
        ] {
            let out = extract(&format!("{roll}{motion}\n"));
            assert_eq!(spoke(&out), ["Hayes", "Love"], "{motion}");
        }
        // The text of a motion after its label names no mover.
        let out = extract(&format!("{roll}Motion: Withdraw all motions.\n"));
        assert!(spoke(&out).is_empty(), "{:?}", spoke(&out));
    }

    #[test]
    fn french_monsieur_before_a_surname_in_capitals_and_german_council_titles_are_no_part_of_the_name(
    ) {
        let out = extract(
            "Conseil municipal\nSéance du 12 mars 2019\n\nPrésents : Mme Claire MARTIN\nAbsent : M. BERNARD\n",
        );
        assert_eq!(named(&out), ["Bernard", "Claire Martin"]);
        let out = extract(
            "Niederschrift über die Sitzung vom 12. März 2019\n\nAnwesend: Gemeinderätin Eva Schmidt, Gemeinderat Jörg Weber\nEntschuldigt: Stadtrat Paul Klein\n",
        );
        assert_eq!(named(&out), ["Paul Klein", "Eva Schmidt", "Jörg Weber"]);
    }

    /// The mention keeps an honorific ("Dr"); resolution takes it off.
    #[test]
    fn who_kept_the_minutes_attended_in_that_office_after_the_chair_too() {
        for (line, name, office) in [
            (
                "Recording Secretary: Jane Doe",
                "Jane Doe",
                "Recording Secretary",
            ),
            (
                "Secrétaire de séance : Anne PETIT",
                "Anne Petit",
                "Secrétaire de séance",
            ),
            (
                "Secretary: Dr M. G. CANDAU Director-General",
                "Dr M. G. Candau",
                "Secretary",
            ),
        ] {
            let out = extract(&format!(
                "Board minutes\nMarch 4, 2021\n\nPresent: Karen Holt, Joseph Hayes\nChair: Karen Holt\n{line}\n"
            ));
            let m = out.mentions.iter().find(|m| m.text == name);
            let m = m.unwrap_or_else(|| panic!("{line}: {:?}", named(&out)));
            assert_eq!(m.evidence.fact, FactKind::Listed, "{line}");
            assert_eq!(m.roles.first().map(Role::as_str), Some(office), "{line}");
        }
    }

    /// "1. Attendance. K. Morrow, A. Lind ...": a roll's heading written as a
    /// sentence of its own labels the names run on after it; one that only
    /// holds a word of attendance does not.
    #[test]
    fn a_roll_heading_written_as_a_sentence_labels_the_names_after_it() {
        let out = extract(
            "Council Meeting Minutes\n\nMinutes of the Council Meeting held on Thursday 7th February 2013.\n\n1.  Attendance. K. Morrow, A. Lindqvist, J. Barrow and I. Pemberton.\n\n2.  Apologies for absence. T. Ashby & K. Hollis.\n\n3. Treasurers Report. Mr. Barrow reported the following.\n",
        );
        let listed = |name: &str| {
            out.mentions
                .iter()
                .any(|m| m.text == name && m.evidence.fact == FactKind::Listed)
        };
        for name in ["K. Morrow", "A. Lindqvist", "J. Barrow", "I. Pemberton"] {
            assert!(listed(name), "{name}: {:?}", named(&out));
        }
        for name in ["T. Ashby", "K. Hollis"] {
            assert!(named(&out).contains(&name), "{name}: {:?}", named(&out));
            assert!(!listed(name), "{name} sent apologies");
        }
        let out = extract(
            "Senate Minutes\n\nMinutes of the Senate held on Thursday 7th February 2013.\n\nSecretary Glime called roll. Absent were Senators Ann Lind and Joe Barrow.\n",
        );
        assert!(
            !out.mentions
                .iter()
                .any(|m| m.text.contains("Lind") && m.evidence.fact == FactKind::Listed),
            "{:?}",
            named(&out)
        );
    }

    /// "Chairman" is a chair's label; one a label names in another office
    /// once the chair is known is a person in that office, not a second chair,
    /// and an office after the chair's name makes no second person.
    #[test]
    fn a_chairman_label_and_an_office_named_after_the_chair() {
        let out = extract(
            "Working Group on Water Quality\nMarch 4, 2021\n\nChairman: Tomas Berg, WGWQ Co-coordinator\nRemote moderator: Lena Hahn\nDraft agenda of the meeting\n1. Opening remarks\n",
        );
        let chair = out.mentions.iter().find(|m| m.text == "Tomas Berg");
        assert_eq!(chair.map(|m| m.evidence.fact), Some(FactKind::Moderator));
        let remote = out.mentions.iter().find(|m| m.text == "Lena Hahn");
        let remote = remote.unwrap_or_else(|| panic!("{:?}", named(&out)));
        assert_eq!(remote.evidence.fact, FactKind::Mentioned);
        assert_eq!(
            remote.roles.first().map(Role::as_str),
            Some("Remote moderator")
        );
        let mut all = named(&out);
        all.sort_unstable();
        assert_eq!(all, ["Lena Hahn", "Tomas Berg"]);
    }

    /// A list of the officers a board elected names each in the office its
    /// label gives, not as attending: "President" was no roster label, so
    /// "President: Guido van Rossum" named no one.
    #[test]
    fn an_office_label_names_its_holder_in_that_office() {
        let out = extract(
            "Minutes of the Board\n\nPresent: Tim Peters, Martin v. Löwis.\n\nThe following officers were elected:\n  • President: Guido van Rossum\n  • Treasurer: Kurt Kaiser\n",
        );
        for (name, office) in [
            ("Guido van Rossum", "President"),
            ("Kurt Kaiser", "Treasurer"),
        ] {
            let m = out.mentions.iter().find(|m| m.text == name);
            let m = m.unwrap_or_else(|| panic!("{name}: {:?}", named(&out)));
            assert_eq!(m.evidence.fact, FactKind::Mentioned);
            assert_eq!(m.roles.first().map(Role::as_str), Some(office));
        }
        // "v." is "von" abbreviated: part of the name, not its end.
        assert!(
            named(&out).contains(&"Martin v. Löwis"),
            "{:?}",
            named(&out)
        );
    }

    /// A wiki's roll writes each group as a list item, its label and a dash
    /// before the names; the roll's heading says who was "in the call". Only
    /// the first group was read, under no heading at all.
    #[test]
    fn groups_of_a_roll_labelled_with_a_dash_are_its_people() {
        let out = extract(
            "Minutes of the board call\nJune 4, 2021\n\nIn the call:\n\n  • Board - Eliane Sousa (Chairperson), Simon Phipps, Eike Rathke\n  • Board deputies - Mike Saunders, Osvaldo Gervasi\n  • Trustees - Andreas, Thorsten Behrens\n\nThe board met.\n",
        );
        let listed: Vec<&str> = (out.mentions.iter())
            .filter(|m| m.evidence.fact == FactKind::Listed)
            .map(|m| m.text.as_str())
            .collect();
        for name in [
            "Eike Rathke",
            "Mike Saunders",
            "Osvaldo Gervasi",
            "Thorsten Behrens",
        ] {
            assert!(listed.contains(&name), "{name}: {listed:?}");
        }
        let deputy = out.mentions.iter().find(|m| m.text == "Mike Saunders");
        let roles: Vec<&str> =
            deputy.map_or(vec![], |m| m.roles.iter().map(Role::as_str).collect());
        assert_eq!(roles, ["Board deputies"]);
    }

    /// A council's papers name whom to contact, the names joined by a slash:
    /// each is named in that capacity, neither attended.
    #[test]
    fn a_contact_label_names_each_name_its_slash_joins() {
        let out = extract(
            "Cabinet minutes\nJune 4, 2021\n\nContact: Karen Mannering / Louise Whitaker  (01622) 694367 / 694433\n\nPresent: Tom Lee, Ann Smith\n",
        );
        for name in ["Karen Mannering", "Louise Whitaker"] {
            let m = out.mentions.iter().find(|m| m.text == name);
            let m = m.unwrap_or_else(|| panic!("{name}: {:?}", named(&out)));
            assert_eq!(m.evidence.fact, FactKind::Mentioned);
            assert_eq!(m.roles.first().map(Role::as_str), Some("Contact"));
        }
    }
}
