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
pub mod extraction;
pub mod extractor;
pub mod gazetteer;
pub mod header;
pub mod orgnames;
pub mod people;
pub mod roster;
pub mod speech;

pub use extraction::{ExtractError, Extraction, PersonMention};
pub use extractor::Extractor;

use crate::ingest::Document;
use crate::model::{Evidence, FactKind, Meeting, Membership, Organisation, Topic};
use crate::text::{Sentence, Span, Text};
use crate::words::fold;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static UPDATE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,2}[.)]\s*)?(?:[a-z][.)]\s*)?updates?\s+(?:from|on behalf of|by)\s+(?:the\s+)?(.+)$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
/// "the representative of (the) Internet Society", its body in group 1.
static REPRESENTATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\bthe\s+representatives?\s+of\s+(?:the\s+)?)([A-Z][\w&'’.-]*(?:\s+(?:of|and|for|[A-Z][\w&'’.-]*))*)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static ABSENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bno\s+(?:representatives?|one)\s+(?:from|of)\b")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

impl Extractor {
    /// Extracts one report. Cost: linear in the report's length times the number
    /// of vocabulary labels (compiled into one automaton per vocabulary).
    ///
    /// # Errors
    /// [`ExtractError::NotAReport`] when nothing of a meeting record is found.
    pub fn extract(&self, doc: &Document) -> Result<Extraction, ExtractError> {
        let text = Text::new(&doc.text);
        let header = header::extract(&text, &self.lex, &self.orgs);
        let agenda = agenda::extract(&text, &self.lex);
        let roster = roster::extract(&text, self);
        let absent = roster::absentees(&text, self);
        let mut out = Extraction {
            source: doc.source.clone(),
            sha256: doc.sha256.clone(),
            agenda,
            ..Extraction::default()
        };
        out.meeting = Meeting {
            series: header.series.clone(),
            number: header.number,
            date: header.date.map(|d| d.to_string()),
            start_time_utc: header.start_time_utc.clone(),
            moderators: header.moderators.iter().map(|n| n.name.clone()).collect(),
            hosts: header.hosts.iter().map(|n| n.name.clone()).collect(),
            next_meeting_date: header.next_meeting_date.map(|d| d.to_string()),
        };

        // Lines of the participant list (and of the apologies): read as a
        // list, not as running text.
        let roster_lines: HashSet<usize> = roster.iter().chain(&absent).map(|e| e.line).collect();
        // A list entry as a mention: its line is the evidence.
        let listed = |e: &roster::Entry, fact: FactKind| PersonMention {
            text: e.name.clone(),
            fact,
            definite: true,
            nickname: e.nickname.clone(),
            roles: e.roles.clone(),
            affiliations: e
                .organisations
                .iter()
                .map(|(_, surface)| surface.clone())
                .collect(),
            memberships: e.memberships.clone(),
            evidence: evidence(fact, &text.lines[e.line].span, &e.name),
        };
        for e in &absent {
            out.mentions.push(listed(e, FactKind::Mentioned));
        }
        // The writer of an e-mail: the signature, "... and myself" on the
        // participants line, "I presented ...".
        if let Some(a) = author::find(&text, &self.lex) {
            let mention = |fact, span: &Span| PersonMention {
                text: a.name.clone(),
                fact,
                definite: true,
                nickname: None,
                roles: Vec::new(),
                affiliations: Vec::new(),
                memberships: Vec::new(),
                evidence: evidence(fact, span, &a.name),
            };
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
        }
        for e in &roster {
            let line = &text.lines[e.line];
            // "Name - Constituency - absent, apologies": named on the list,
            // but not there.
            let tail = line.text().get(e.name_range.end..).unwrap_or("");
            let fact = if people::holds_word(tail, &self.lex.absence_words) {
                FactKind::Mentioned
            } else {
                FactKind::Listed
            };
            out.mentions.push(listed(e, fact));
            // The same line is the evidence of the affiliations it states.
            if !e.organisations.is_empty() {
                out.mentions.push(PersonMention {
                    text: e.name.clone(),
                    fact: FactKind::Affiliation,
                    definite: true,
                    nickname: None,
                    roles: Vec::new(),
                    affiliations: Vec::new(),
                    memberships: Vec::new(),
                    evidence: evidence(FactKind::Affiliation, &line.span, &e.name),
                });
            }
        }
        // The person recogniser: lists, rolls and turns of any layout.
        let person_skip = self.recognise(&text, &roster_lines, &mut out);
        for (names, fact, role) in [
            (&header.moderators, FactKind::Moderator, "moderator"),
            (&header.hosts, FactKind::Host, "host"),
        ] {
            for n in names {
                let s = &text.sentences[n.sentence];
                out.mentions.push(PersonMention {
                    text: crate::words::names::title_case(&n.name),
                    fact,
                    definite: true,
                    nickname: n.nickname.clone(),
                    roles: vec![role.to_owned()],
                    affiliations: Vec::new(),
                    memberships: Vec::new(),
                    evidence: sentence_evidence(fact, s, &n.name),
                });
            }
        }

        let mut pending_org: Option<(String, String)> = None;
        let mut last_line = 0;
        let heading_lines: Vec<usize> = text
            .lines
            .iter()
            .filter(|l| {
                let t = l.text();
                !l.is_blank()
                    && agenda::is_heading_text(t)
                    && !t.ends_with('.')
                    && !t
                        .split(|c: char| !c.is_alphabetic())
                        .any(|w| self.lex.speech_verbs.contains(&w.to_lowercase()))
            })
            .map(|l| l.number)
            .collect();
        for s in &text.sentences {
            if person_skip.contains(&s.line) {
                continue;
            }
            // "The representative of Malawi welcomed ...": the one listed
            // participant whose line names Malawi spoke.
            for c in REPRESENTATIVE.captures_iter(s.text()) {
                let Some(body) = c.get(1) else { continue };
                if !speech::followed_by_speech(s.text(), body.end(), &self.lex) {
                    continue;
                }
                let key = format!(" {} ", fold(body.as_str()));
                let mut who = roster
                    .iter()
                    .filter(|e| format!(" {} ", fold(&e.described)).contains(&key));
                if let (Some(e), None) = (who.next(), who.next()) {
                    out.mentions.push(PersonMention {
                        text: e.name.clone(),
                        fact: FactKind::Spoke,
                        definite: true,
                        nickname: None,
                        roles: Vec::new(),
                        affiliations: Vec::new(),
                        memberships: Vec::new(),
                        evidence: sentence_evidence(FactKind::Spoke, s, body.as_str()),
                    });
                }
            }
            // An "Update from the X" heading ties the first person below it to X.
            if heading_lines.iter().any(|&h| h > last_line && h <= s.line)
                || heading_lines.contains(&s.line)
            {
                pending_org = None;
            }
            let t = s.text();
            if heading_lines.contains(&s.line) {
                if let Some(c) = UPDATE_HEADING.captures(t) {
                    let org_text = c.get(1).map_or("", |m| m.as_str());
                    pending_org = self
                        .orgs
                        .find(org_text)
                        .first()
                        .map(|h| (self.orgs.entry(h.entry).pref.clone(), h.surface.clone()));
                }
                last_line = s.line;
                continue;
            }
            last_line = s.line;
            let org_hits = self.orgs.find(t);
            let topic_hits = self.topics.find(t);
            // Bodies named as what someone represents are no people either.
            let represented = REPRESENTATIVE
                .captures_iter(t)
                .filter_map(|c| c.get(1).map(|m| m.range()));
            let masked: Vec<Range<usize>> = org_hits
                .iter()
                .chain(&topic_hits)
                .map(|h| h.range.clone())
                .chain(represented)
                .collect();
            let found = speech::mentions(s, &self.lex, &masked);
            if let Some((org, surface)) = pending_org.take() {
                if ABSENT.is_match(t) {
                    pending_org = None;
                } else if let Some(first) = found.first() {
                    out.mentions.push(PersonMention {
                        text: first.text.clone(),
                        fact: FactKind::Affiliation,
                        definite: first.definite,
                        nickname: None,
                        roles: Vec::new(),
                        affiliations: vec![surface],
                        memberships: vec![Membership {
                            organisation: org,
                            role: None,
                        }],
                        evidence: sentence_evidence(FactKind::Affiliation, s, &first.text),
                    });
                } else {
                    pending_org = Some((org, surface));
                }
            }
            for m in found {
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
                if let Some((canonical, surface)) = affiliation {
                    out.mentions.push(PersonMention {
                        text: m.text.clone(),
                        fact: FactKind::Affiliation,
                        definite: true,
                        nickname: None,
                        roles: Vec::new(),
                        affiliations: vec![surface],
                        memberships: vec![Membership {
                            organisation: canonical,
                            role: None,
                        }],
                        evidence: evidence(FactKind::Affiliation, &s.span, &m.text),
                    });
                }
                out.mentions.push(PersonMention {
                    evidence: evidence(m.fact, &s.span, &m.text),
                    text: m.text,
                    fact: m.fact,
                    definite: m.definite,
                    nickname,
                    roles,
                    affiliations: Vec::new(),
                    memberships: Vec::new(),
                });
            }
        }
        if out.meeting.moderators.is_empty() {
            self.moderator_by_role(&text, &roster, &mut out);
        }
        self.collective_speech(&text, &mut out);
        self.motions(&text, &mut out);
        self.presenters(&text, &mut out);
        self.entities(&text, &header.series, &roster, &roster_lines, &mut out);
        self.warn(&mut out, roster.is_empty());
        exact_evidence(&doc.text, &mut out);
        if out.meeting.date.is_none()
            && out.agenda.is_empty()
            && out.mentions.iter().all(|m| !m.definite)
        {
            return Err(ExtractError::NotAReport {
                path: doc.path.clone(),
            });
        }
        Ok(out)
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
        out.mentions.push(PersonMention {
            text: chair.name.clone(),
            fact: FactKind::Moderator,
            definite: true,
            nickname: chair.nickname.clone(),
            roles: vec!["moderator".to_owned()],
            affiliations: Vec::new(),
            memberships: Vec::new(),
            evidence: evidence(
                FactKind::Moderator,
                &text.lines[chair.line].span,
                &chair.name,
            ),
        });
    }

    /// "Moved: Stephen Hale, 2nd: Ana Ruiz", "seconded by Ana Ruiz", "MOVED:
    /// (Secretary/Jones)": the mover and the seconder of a motion spoke. Read
    /// on lines, numbered or not, as minutes write motions on their own line.
    fn motions(&self, text: &Text, out: &mut Extraction) {
        let Some(re) = &self.lex.motion else {
            return;
        };
        for line in &text.lines {
            let t = line.text();
            for m in re.find_iter(t) {
                let rest = &t[m.end()..];
                let rest = &rest[..rest.find([')', ',', ';', '"']).unwrap_or(rest.len())];
                let Some(who) = header::names_at(rest, 0, &self.lex).into_iter().next() else {
                    continue;
                };
                if self.lex.role_words.contains(&who.name.to_lowercase()) {
                    continue;
                }
                out.mentions.push(PersonMention {
                    evidence: evidence(FactKind::Spoke, &line.span, &who.name),
                    text: crate::words::names::title_case(&who.name),
                    fact: FactKind::Spoke,
                    definite: true,
                    nickname: None,
                    roles: Vec::new(),
                    affiliations: Vec::new(),
                    memberships: Vec::new(),
                });
            }
        }
    }

    /// "Intro to the work plan by Lena Fischer (consultant)": the person an
    /// agenda item names after "by" presents it, and so spoke.
    fn presenters(&self, text: &Text, out: &mut Extraction) {
        let mut found = Vec::new();
        for item in &out.agenda {
            let Some(by) = item.title.find(" by ") else {
                continue;
            };
            let Some(who) = header::names_at(&item.title, by + 4, &self.lex)
                .into_iter()
                .next()
                .filter(|n| n.name.contains(' '))
            else {
                continue;
            };
            let Some(line) = text.lines.iter().find(|l| l.text().contains(&item.title)) else {
                continue;
            };
            found.push(PersonMention {
                evidence: evidence(FactKind::Spoke, &line.span, &who.name),
                text: crate::words::names::title_case(&who.name),
                fact: FactKind::Spoke,
                definite: true,
                nickname: None,
                roles: Vec::new(),
                affiliations: Vec::new(),
                memberships: Vec::new(),
            });
        }
        out.mentions.extend(found);
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
                out.mentions.push(PersonMention {
                    evidence: sentence_evidence(FactKind::Spoke, s, &name),
                    text: name,
                    fact: FactKind::Spoke,
                    definite: true,
                    nickname: None,
                    roles: Vec::new(),
                    affiliations: Vec::new(),
                    memberships: Vec::new(),
                });
            }
        }
    }

    /// People found by [`people`], whatever the layout, as definite mentions
    /// with the cues that made them people. Returns the lines read as lists or
    /// rolls, with the participant list's: running text is not read there.
    fn recognise(
        &self,
        text: &Text,
        roster_lines: &HashSet<usize>,
        out: &mut Extraction,
    ) -> HashSet<usize> {
        let speakers = people::speakers(text, self, roster_lines);
        let nicks: HashSet<String> = speakers
            .iter()
            .filter(|f| !f.name.contains(' '))
            .map(|f| fold(&f.name))
            .collect();
        // Rolls first: a line of several names is a roll, not a list line.
        let mut found = people::rolls(text, self, &HashSet::new(), &nicks);
        let mut skip: HashSet<usize> = roster_lines.clone();
        for f in &found {
            match f.place {
                people::Place::Sentence(i) => {
                    let s = &text.sentences[i].span;
                    skip.extend(
                        text.lines
                            .iter()
                            .filter(|l| l.span.start() >= s.start() && l.span.start() < s.end())
                            .map(|l| l.number),
                    );
                    skip.insert(text.sentences[i].line);
                }
                people::Place::Line(l) => {
                    skip.insert(l);
                }
            }
        }
        let lists = people::line_lists(text, self, &skip);
        skip.extend(lists.iter().filter_map(|f| match f.place {
            people::Place::Line(l) => Some(l),
            people::Place::Sentence(_) => None,
        }));
        found.extend(lists);
        found.extend(speakers);
        for f in found {
            let span = match f.place {
                people::Place::Line(l) => &text.lines[l].span,
                people::Place::Sentence(i) => &text.sentences[i].span,
            };
            let mut ev = evidence(f.fact, span, &f.name);
            ev.why = f.cues.iter().map(|c| c.as_str().to_owned()).collect();
            out.mentions.push(PersonMention {
                text: f.name,
                fact: f.fact,
                definite: true,
                nickname: None,
                roles: Vec::new(),
                affiliations: Vec::new(),
                memberships: Vec::new(),
                evidence: ev,
            });
        }
        skip
    }

    /// The organisation (canonical, as written) or roles stated right after a
    /// person's name: "Ms. Tanaka (Keio University)", "Tawanda of the IGF
    /// Secretariat", "Mariam Haidari (PNMA co-facilitator)".
    fn stated_affiliation(&self, after: &str) -> (Vec<String>, Option<(String, String)>) {
        if let Some(inner) = after
            .strip_prefix(" (")
            .and_then(|r| r.split_once(')'))
            .map(|(i, _)| i.trim())
        {
            let lower: Vec<String> = inner
                .split([' ', '-', '/'])
                .map(str::to_lowercase)
                .collect();
            if self.roles.lookup(inner).is_some()
                || lower.iter().any(|w| self.lex.role_words.contains(w))
            {
                return (vec![inner.to_owned()], None);
            }
            // "(Federal Office for Information Security, BSI)": the name, not its acronym.
            let name = inner.split_once(", ").map_or(inner, |(n, _)| n).trim();
            if let Some(i) = self.orgs.lookup(name) {
                return (
                    Vec::new(),
                    Some((self.orgs.entry(i).pref.clone(), name.to_owned())),
                );
            }
            let org_like = lower
                .iter()
                .any(|w| self.lex.non_name_nouns.contains(w) || self.lex.body_words.contains(w));
            let acronym =
                name.len() >= 2 && name.len() <= 8 && !name.chars().any(char::is_lowercase);
            if (org_like || acronym) && name.starts_with(char::is_uppercase) {
                return (Vec::new(), Some((name.to_owned(), name.to_owned())));
            }
            return (Vec::new(), None);
        }
        let rest = after
            .strip_prefix(" of the ")
            .or_else(|| after.strip_prefix(" of "))
            .or_else(|| after.strip_prefix(" from the "))
            .or_else(|| after.strip_prefix(" from "));
        if let Some(rest) = rest {
            if let Some(h) = self.orgs.find(rest).first().filter(|h| h.range.start == 0) {
                return (
                    Vec::new(),
                    Some((self.orgs.entry(h.entry).pref.clone(), h.surface.clone())),
                );
            }
        }
        (Vec::new(), None)
    }

    /// Organisations and topics: vocabulary labels anywhere in the text, the
    /// organisations of the participant list, the body whose meeting it is, and
    /// agenda subjects the thesaurus does not know.
    fn entities(
        &self,
        text: &Text,
        series: &str,
        roster: &[roster::Entry],
        roster_lines: &HashSet<usize>,
        out: &mut Extraction,
    ) {
        let mut orgs: Vec<Organisation> = Vec::new();
        let mut topics: Vec<Topic> = Vec::new();
        let add = |list: &mut Vec<(String, Vec<String>, Vec<Evidence>)>,
                   name: &str,
                   surface: &str,
                   ev: Option<Evidence>| {
            let i = match list.iter().position(|(n, _, _)| n == name) {
                Some(i) => i,
                None => {
                    list.push((name.to_owned(), Vec::new(), Vec::new()));
                    list.len() - 1
                }
            };
            let entry = &mut list[i];
            let key = fold(surface);
            if key != fold(name) && !entry.1.iter().any(|a| fold(a) == key) {
                entry.1.push(surface.to_owned());
            }
            if let Some(ev) = ev {
                if entry.2.len() < 8 {
                    entry.2.push(ev);
                }
            }
        };
        let mut org_list = Vec::new();
        let mut topic_list = Vec::new();
        if !series.is_empty() {
            match self.orgs.lookup(series) {
                Some(i) => add(
                    &mut org_list,
                    &self.orgs.entry(i).pref.clone(),
                    series,
                    None,
                ),
                None => add(&mut org_list, series, series, None),
            }
        }
        for s in &text.sentences {
            // Names shaped like organisations the gazetteer does not know; a
            // known name inside one ("United Nations" in "Permanent Mission of
            // Croatia to the United Nations") is part of it, not another.
            // Not in the participant list, nor in a table that runs on into it.
            let listed = roster_lines.contains(&s.line) || s.text().contains(" | ");
            let shaped = if listed {
                Vec::new()
            } else {
                orgnames::find(s.text(), &self.lex)
            };
            let inside = |r: &std::ops::Range<usize>, o: &std::ops::Range<usize>| {
                o.start <= r.start && r.end <= o.end && o.len() > r.len()
            };
            let prefix_of = |h: &gazetteer::Hit, r: &std::ops::Range<usize>| {
                h.range.start == r.start && h.range.end < r.end
            };
            // The gazetteer is searched once a sentence: its automaton is the
            // costly part of extraction.
            let known = self.orgs.find(s.text());
            let mut shaped: Vec<std::ops::Range<usize>> = shaped
                .into_iter()
                .filter(|r| !known.iter().any(|h| prefix_of(h, r)))
                .collect();
            // National IGFs by name ("IGF Uruguay", "Kenya IGF"): whole, even
            // where "IGF" alone is known.
            if !listed {
                for r in orgnames::national_igfs(s.text(), &self.lex) {
                    shaped.retain(|f| !(f.start < r.end && r.start < f.end));
                    shaped.push(r);
                }
            }
            // On the participant list, a known name inside a longer
            // organisation of an entry ("Internet Society" in "Internet
            // Society India Chennai Chapter") is that organisation's word.
            let listed_orgs: Vec<&str> = roster
                .iter()
                .filter(|e| e.line == s.line)
                .flat_map(|e| e.organisations.iter().map(|(_, surface)| surface.as_str()))
                .collect();
            let org_hits: Vec<gazetteer::Hit> = known
                .into_iter()
                .filter(|h| !shaped.iter().any(|r| inside(&h.range, r)))
                .filter(|h| {
                    !listed_orgs
                        .iter()
                        .any(|o| o.len() > h.surface.len() && o.contains(h.surface.as_str()))
                })
                .collect();
            if !listed {
                let coordinated = orgnames::coordinated(s.text(), &self.lex)
                    .into_iter()
                    .flat_map(|(_, names)| names);
                // "Permanent Mission of Croatia to the United Nations" is
                // already whole.
                let organs = orgnames::state_organs(s.text(), &self.lex)
                    .into_iter()
                    .filter(|(range, _)| !shaped.iter().any(|r| inside(range, r)))
                    .map(|(_, name)| name);
                for name in coordinated.chain(organs) {
                    let canonical = self
                        .orgs
                        .lookup(&name)
                        .map_or_else(|| name.clone(), |i| self.orgs.entry(i).pref.clone());
                    add(
                        &mut org_list,
                        &canonical,
                        &name,
                        Some(evidence(FactKind::Mentioned, &s.span, &name)),
                    );
                }
            }
            for r in &shaped {
                let known = org_hits
                    .iter()
                    .any(|h| h.range.start < r.end && r.start < h.range.end);
                if !known {
                    let name = &s.text()[r.clone()];
                    add(
                        &mut org_list,
                        name,
                        name,
                        Some(evidence(FactKind::Mentioned, &s.span, name)),
                    );
                }
            }
            for h in &org_hits {
                let name = self.orgs.entry(h.entry).pref.clone();
                add(
                    &mut org_list,
                    &name,
                    &h.surface,
                    Some(evidence(FactKind::Mentioned, &s.span, &h.surface)),
                );
            }
            if roster_lines.contains(&s.line) {
                continue;
            }
            for h in self.topics.find(s.text()) {
                // Words of an organisation's name ("Internet Governance" in "Internet
                // Governance Forum") are not a topic of their own.
                let inside_org = org_hits.iter().any(|o| inside(&h.range, &o.range))
                    || shaped.iter().any(|o| inside(&h.range, o));
                // A top concept of the thesaurus ("Internet governance", "Human
                // rights online") is a facet of the whole field: a topic of this
                // meeting only when its agenda names it.
                let facet = self.topics.entry(h.entry).broader.is_empty()
                    && !out.agenda.iter().any(|a| {
                        self.topics
                            .find(&a.title)
                            .iter()
                            .any(|t| t.entry == h.entry)
                    });
                if inside_org || facet {
                    continue;
                }
                let name = self.topics.entry(h.entry).pref.clone();
                add(
                    &mut topic_list,
                    &name,
                    &h.surface,
                    Some(evidence(FactKind::Discussed, &s.span, &h.surface)),
                );
            }
        }
        for e in roster {
            for (name, surface) in &e.organisations {
                add(&mut org_list, name, surface, None);
            }
        }
        // An agenda item that names a piece of work ("WSIS+20 review draft
        // letter", "IGF IWW main session") is a subject of its own, beside the
        // thesaurus concepts it mentions; long descriptive titles are not.
        for item in &out.agenda {
            let key = fold(&item.title);
            let words = item.title.split_whitespace().count();
            let procedural_words = key
                .split(' ')
                .all(|w| w.is_empty() || self.lex.procedural_words.contains(w));
            if self.lex.procedural.contains(&key)
                || procedural_words
                || key.starts_with("update")
                || words > 6
                || self.topics.lookup(&item.title).is_some()
                || self.orgs.lookup(&item.title).is_some()
            {
                continue;
            }
            let mut rest = item.title.clone();
            for h in self
                .topics
                .find(&item.title)
                .iter()
                .chain(&self.orgs.find(&item.title))
                .rev()
            {
                if let Some(r) = rest.get(h.range.clone()) {
                    let blank = " ".repeat(r.len());
                    rest.replace_range(h.range.clone(), &blank);
                }
            }
            let names_work = rest
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| self.lex.work_items.contains(&w.to_lowercase()));
            let has_concept = rest.trim() != item.title.trim();
            if names_work || !has_concept {
                // Its evidence is the agenda line (or heading) that names it.
                let line = text
                    .sentences
                    .iter()
                    .find(|s| s.text().contains(item.title.as_str()))
                    .map(|s| evidence(FactKind::Discussed, &s.span, &item.title));
                add(&mut topic_list, &item.title, &item.title, line);
            }
        }
        for (name, aliases, evidence) in org_list {
            orgs.push(Organisation {
                name,
                aliases,
                evidence,
            });
        }
        for (name, aliases, evidence) in topic_list {
            topics.push(Topic {
                name,
                aliases,
                evidence,
            });
        }
        out.organisations = orgs;
        out.topics = topics;
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
        if m.start_time_utc.is_none() {
            w.push("no start time found");
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
fn evidence(fact: FactKind, span: &Span, mention: &str) -> Evidence {
    Evidence {
        fact,
        text: span.text.clone(),
        start: span.start(),
        end: span.end(),
        mention: mention.to_owned(),
        why: Vec::new(),
    }
}

/// Makes every evidence's text the report's own text between its offsets, so
/// that a reader (or an `oa:TextQuoteSelector`) finds it there exactly: the
/// cleaned sentence drops markup and folds line breaks.
fn exact_evidence(raw: &str, out: &mut Extraction) {
    // Byte offset of each char, and one past the last.
    let bytes: Vec<usize> = raw
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(raw.len()))
        .collect();
    let slice = |e: &mut Evidence| {
        let end = e.end.min(bytes.len() - 1);
        let start = e.start.min(end);
        e.start = start;
        e.end = end;
        e.text = raw[bytes[start]..bytes[end]].to_owned();
    };
    for m in &mut out.mentions {
        slice(&mut m.evidence);
    }
    for e in out
        .organisations
        .iter_mut()
        .flat_map(|o| o.evidence.iter_mut())
        .chain(out.topics.iter_mut().flat_map(|t| t.evidence.iter_mut()))
    {
        slice(e);
    }
}

fn sentence_evidence(fact: FactKind, s: &Sentence, mention: &str) -> Evidence {
    evidence(fact, &s.span, mention)
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
        };
        Extractor::new(&ontology)
            .extract(&doc)
            .expect("a meeting record")
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
}
