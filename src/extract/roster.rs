//! The list of participants: an annex of one person a line ("4. Amrita
//! Choudhury, Group's Co-Chair, CCAOI, MAG Member"), a table (`Name | Organisation
//! | Role`), or a line at the top ("Participants: A (ICC), B, C").
//!
//! Each entry yields a name, the organisations and the roles that follow it.
//! Deciding whether a phrase is a role or an organisation uses the role scheme
//! and the gazetteer first, then the words roles are made of.

use super::extractor::Extractor;
use super::group_labels;
use super::orgnames;
use crate::model::{Membership, Role};
use crate::text::{list_marker, Line, Text};
use crate::words::lexicons::RosterRole;
use crate::words::names::{
    inner_nickname, is_initials as is_initial_letters, is_name_word, title_case,
};
use crate::words::{fold, Lexicons};

/// One participant as the list gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub nickname: Option<String>,
    pub roles: Vec<Role>,
    /// Canonical organisation names, with the surface forms they were written as.
    pub organisations: Vec<(String, String)>,
    pub memberships: Vec<Membership>,
    /// Index of the line the entry is on.
    pub line: usize,
    /// Byte range of the name in that line's text.
    pub name_range: std::ops::Range<usize>,
    /// What the list says after the name, as written ("Ministry of
    /// Information, Malawi | Government"): how "the representative of
    /// Malawi" is found again.
    pub described: String,
    /// The lines a handle said, where a meeting bot's roll counts them.
    pub lines_said: Option<u32>,
    /// A table's presence column says the person did not attend ("No").
    pub absent: bool,
}

/// Where a list of participants may start: each heading line, with any entries
/// written on the heading line itself.
fn headings<'a>(lines: &'a [Line], lex: &Lexicons) -> Vec<(usize, Option<&'a str>)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(rest) = heading(line, lex) {
            out.push((i, rest));
        } else if is_attendance_table_header(line.text(), lex) {
            out.push((i, None));
        }
    }
    out
}

/// The cells of a pipe-table row, trimmed.
fn cells(t: &str) -> Vec<&str> {
    t.trim_matches('|').split('|').map(str::trim).collect()
}

/// The kind `[column-headers]` gives a column's header: one of its words
/// opens with a header word of that kind ("Organisation / Affiliation" is an
/// `organisation` column; "Representative" is no `presence` one).
fn column_kind<'a>(header: &str, lex: &'a Lexicons) -> Option<&'a str> {
    let header = header.to_lowercase();
    let words: Vec<&str> = header.split(|c: char| !c.is_alphanumeric()).collect();
    lex.column_headers
        .iter()
        .find(|(_, word)| words.iter().any(|w| w.starts_with(word.as_str())))
        .map(|(kind, _)| kind.as_str())
}

/// The header row of a table of participants: a cell "Name", or a column of
/// names beside another column of a kind the table's headers name
/// ("| Present | Director | Organization |"), short cells all. A row of
/// "| Ana Silva | Member |" names a person: it is no header.
fn is_header_row(cells: &[&str], lex: &Lexicons) -> bool {
    let kinds: Vec<Option<&str>> = cells
        .iter()
        .map(|c| {
            (c.split(' ').count() <= 3)
                .then(|| column_kind(c, lex))
                .flatten()
        })
        .collect();
    cells.iter().any(|c| c.eq_ignore_ascii_case("name"))
        || (kinds.contains(&Some("name"))
            && kinds.iter().filter(|k| k.is_some()).count() >= 2
            && kinds
                .iter()
                .zip(cells)
                .all(|(k, c)| k.is_some() || c.is_empty()))
}

/// The header of a table whose column says who attended: a roll of its own,
/// under whatever sentence introduces it.
fn is_attendance_table_header(t: &str, lex: &Lexicons) -> bool {
    if !t.starts_with('|') {
        return false;
    }
    let cells = cells(t);
    is_header_row(&cells, lex)
        && cells
            .iter()
            .any(|c| column_kind(c, lex) == Some("presence"))
}

/// `Some(inline entries)` when `line` is a participants heading, the entries
/// cut before an absence label on the line.
fn heading<'a>(line: &'a Line, lex: &Lexicons) -> Option<Option<&'a str>> {
    Some(heading_uncut(line, lex)?.map(|rest| before_absence_label(rest, lex)))
}

/// [`heading`] with its entries uncut: whether a line is a heading, and
/// whether entries follow on it, need no cut, which lowercases and searches
/// the whole line (a 16 MiB line of names, read as a heading three times).
fn heading_uncut<'a>(line: &'a Line, lex: &Lexicons) -> Option<Option<&'a str>> {
    let t = strip_annex(line.text().trim());
    let (head, rest) = match t.split_once(':') {
        Some((h, r)) => (h.trim(), Some(r.trim()).filter(|r| !r.is_empty())),
        None => (t.trim(), None),
    };
    let head = strip_annex(head);
    // "Participants (by stakeholder group)".
    let head = match head.strip_suffix(')').and_then(|h| h.rsplit_once(" (")) {
        Some((h, _)) => h.trim(),
        None => head,
    };
    // A lead-in's list is the rest of its sentence, and the line holds no
    // other ("... C. Also in attendance were D (Treasurer)": the running
    // text's reading finds D, which a roll's line would hide).
    let lead_in = match rest {
        None => is_lead_in(t, lex),
        Some(r) => {
            let r = r.trim_end_matches('.');
            is_inline_lead_in(head, lex) && sentence_end(r, lex) == r.len()
        }
    };
    let body_roll = t.contains(':') && is_body_roll_head(head, lex);
    (lead_in || lex.participants_folded.contains(&heading_key(head)) || body_roll).then_some(rest)
}

/// "RIPE NCC staff", "ARIN Staff", "Board Members", "IGF Secretariat": a
/// body's name and a word of attendance after it, before a colon (without
/// one, "Amy Vezza (AMS) / IETF Secretariat" is an entry), heads the
/// roll of the body's people (whose organisation [`heading_group`] takes
/// from it). Two to six words opening with a capital; no number ("Item 3
/// members"), no absence ("Members absent").
fn is_body_roll_head(head: &str, lex: &Lexicons) -> bool {
    const MAX_WORDS: usize = 6;
    let words: Vec<&str> = head.split_whitespace().collect();
    let Some((last, body)) = words.split_last() else {
        return false;
    };
    (1..MAX_WORDS).contains(&body.len())
        && head.starts_with(char::is_uppercase)
        && lex.attendance_words.contains(&last.to_lowercase())
        && !words.iter().any(|w| {
            let w = w.to_lowercase();
            w.chars().any(|c| c.is_ascii_digit())
                || lex.absence_words.contains(&w)
                || lex.not_words.contains(&w)
        })
}

/// "Present: A (AT); B (BC) Apologies: C": the absent are not present.
/// A label ends with a colon: without one, nothing is cut, and the line
/// (16 MiB of names, issue 25) is neither lowercased nor searched.
fn before_absence_label<'a>(rest: &'a str, lex: &Lexicons) -> &'a str {
    if !rest.contains(':') {
        return rest.trim_end();
    }
    let lower = rest.to_lowercase();
    let cut = lex
        .heading_absent
        .iter()
        .filter_map(|h| lower.find(&format!(" {}:", h.to_lowercase())))
        .min()
        .unwrap_or(rest.len());
    rest.get(..cut).unwrap_or(rest).trim_end()
}

/// Whether `line` is a participants heading, with or without entries.
fn is_heading(line: &Line, lex: &Lexicons) -> bool {
    heading_uncut(line, lex).is_some()
}

/// "The following members were present:", "se encuentran presentes los
/// siguientes socios:": a sentence that announces the list below it, by a
/// one-word participants heading among its words ("present", "presentes")
/// and the colon that ends it; a label of two words ("Directors Present:")
/// too. One that says who was not there ("were not present:", "absent")
/// announces no participants, nor does a paragraph's last sentence ("...
/// the application to present projects is now open:"): a lead-in is a line
/// of its own, of at most 24 words.
fn is_lead_in(t: &str, lex: &Lexicons) -> bool {
    const MAX_LEAD_IN_WORDS: usize = 24;
    let Some(head) = t.trim_end().strip_suffix(':') else {
        return false;
    };
    let words: Vec<String> = head
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    (2..=MAX_LEAD_IN_WORDS).contains(&words.len())
        && words
            .iter()
            .any(|w| lex.participants_folded.contains(&fold(w)))
        && !words
            .iter()
            .any(|w| lex.not_words.contains(w) || lex.absence_words.contains(w))
}

/// "Also, the following ICANN Management and Staff participated in all or
/// part of the meeting: A, General Counsel; B, ...": a sentence whose list
/// follows its colon on the same line, told by a word of `[roll-lead-ins]`
/// and a word of taking part (a participants heading's or a
/// `[participation-verbs]` one), at most as long as a lead-in of its own.
fn is_inline_lead_in(head: &str, lex: &Lexicons) -> bool {
    const MAX_LEAD_IN_WORDS: usize = 24;
    let words: Vec<String> = head.split_whitespace().map(fold).collect();
    let has = |set: &std::collections::HashSet<String>| words.iter().any(|w| set.contains(w));
    words.len() <= MAX_LEAD_IN_WORDS
        && has(&lex.roll_lead_ins)
        && (has(&lex.participation_verbs) || has(&lex.participants_folded))
        && !words
            .iter()
            .any(|w| lex.not_words.contains(w) || lex.absence_words.contains(w))
}

/// A heading as the folded lists hold it: "Présents." and "PRESENTS" are
/// "presents".
fn heading_key(head: &str) -> String {
    fold(head.trim_end_matches(['.', ':']).trim())
}

/// "Présents : A, B", "Apologies: C": a line that opens with the heading of
/// a roll, the whole heading before its colon as `[headings-participants]`
/// or `[headings-absent]` writes it. Stricter than
/// `people::is_roll_label`, which takes any line holding an
/// attendance or absence word.
pub fn is_roll_field(t: &str, lex: &Lexicons) -> bool {
    t.split_once(':').is_some_and(|(head, _)| {
        let key = heading_key(head);
        lex.participants_folded.contains(&key) || lex.absent_folded.contains(&key)
    })
}

/// `Some(inline names)` when `line` starts the list of those who did not
/// attend ("Apologies: A, B", "Regrets:").
fn absence<'a>(line: &'a Line, lex: &Lexicons) -> Option<Option<&'a str>> {
    let t = line.text().trim();
    let (head, rest) = match t.split_once(':') {
        Some((h, r)) => (h.trim(), Some(r.trim()).filter(|r| !r.is_empty())),
        None => (t, None),
    };
    is_absence_heading(head, lex).then_some(rest)
}

/// "Apologies", "Expected, but Not Present": a heading of those who did not
/// attend, as `[headings-absent]` writes it or ending with one of its phrases
/// of two words or more (a single word at the end, "... Absent", may close a
/// heading of another kind); not "No apologies received", which lists nobody.
pub fn is_absence_heading(head: &str, lex: &Lexicons) -> bool {
    let key = heading_key(head);
    let negated = key
        .split(' ')
        .next()
        .is_some_and(|w| lex.negations.contains(w));
    let ends_with_phrase = || {
        key.char_indices()
            .filter(|&(_, c)| !c.is_alphanumeric())
            .map(|(i, c)| &key[i + c.len_utf8()..])
            .any(|tail| tail.contains(' ') && lex.absent_folded.contains(tail.trim()))
    };
    !negated && (lex.absent_folded.contains(&key) || ends_with_phrase())
}

/// The people the record says did not attend: on an "Apologies:" line, one
/// a line below an "Apologies" heading until a blank line, or a table's row
/// marked absent.
pub fn absentees(text: &Text, ex: &Extractor) -> Vec<Entry> {
    lists(text, ex).1
}

/// The entries of "Apologies:" lines and of the lines under such a heading.
fn apologies(text: &Text, ex: &Extractor) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (i, line) in text.lines.iter().enumerate() {
        match absence(line, &ex.lex) {
            Some(Some(rest)) if !lists_nobody(rest, &ex.lex) => {
                let offset = offset_in(line.text(), rest);
                for (at, part) in split_top_level(rest, &ex.lex) {
                    entries.extend(entry(part, i, offset + at, ex));
                }
            }
            Some(None) => entries.extend(absence_block(text, i, ex)),
            Some(Some(_)) | None => {}
        }
    }
    entries
}

/// The entries of the lines under an absence heading on line `heading`: an
/// entry a line, or a comma list wrapped inside a name ([`wrapped_list`]),
/// down to a blank line, or to the next roll's heading or the group it heads
/// ("Invités (3)" over "présents :").
fn absence_block(text: &Text, heading: usize, ex: &Extractor) -> Vec<Entry> {
    let mut entries = Vec::new();
    let below = text.lines[heading + 1..]
        .iter()
        .skip_while(|l| l.is_blank())
        .take_while(|l| {
            !l.is_blank()
                && !is_heading(l, &ex.lex)
                && absence(l, &ex.lex).is_none()
                && !heads_the_next_roll(text, l, &ex.lex)
        });
    let mut taken: Option<usize> = None;
    for below in below {
        if taken.is_some_and(|last| below.number <= last) {
            continue;
        }
        if let Some((found, last)) = wrapped_list(text, below.number, ex) {
            entries.extend(found);
            taken = Some(last);
            continue;
        }
        let marker = list_marker(below.text()).unwrap_or(0);
        entries.extend(entry(&below.text()[marker..], below.number, marker, ex));
    }
    entries
}

/// "Absent: None", "Private Sector: nil", "Excusés : néant": a list that
/// says it names nobody, by a word of `[negations]` first.
fn lists_nobody(names: &str, lex: &Lexicons) -> bool {
    names
        .split_whitespace()
        .next()
        .map(fold)
        .is_some_and(|w| lex.negations.contains(&w))
}

/// A line of the attendance: a participants or absence heading, with or
/// without names after it, or a label whose first word says who attended or
/// not ("Guests", "Directors Present", "Regrets").
pub fn is_attendance_line(line: &Line, lex: &Lexicons) -> bool {
    let head = line
        .text()
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    let short = head.split_whitespace().count() <= 4;
    is_heading(line, lex)
        || absence(line, lex).is_some()
        || (short
            && head.split_whitespace().any(|w| {
                lex.attendance_words.contains(w)
                    || lex.absence_words.contains(w)
                    || lex.speaker_words.contains(w)
            }))
}

/// A participants heading with nothing after it on the line: an annex or table follows.
pub fn is_list_heading(line: &Line, lex: &Lexicons) -> bool {
    heading_uncut(line, lex).is_some_and(|inline| inline.is_none())
}

/// "Annex 1: List of participants" → "List of participants".
pub fn strip_annex(t: &str) -> &str {
    // The words' length in characters, lowercased: the line's start is
    // all they need, not the whole line lowercased (16 MiB at worst).
    let lower: String = t
        .chars()
        .take("appendix".len())
        .flat_map(char::to_lowercase)
        .collect();
    if lower.starts_with("annex") || lower.starts_with("appendix") {
        let after = t.split_once([':', '-', '–', '—']).map(|(_, r)| r.trim());
        return after.unwrap_or(t);
    }
    t
}

/// The participants, less those a table's presence column says were absent
/// (they are among [`absentees`]).
pub fn extract(text: &Text, ex: &Extractor) -> Vec<Entry> {
    lists(text, ex).0
}

/// Those who attended and those who did not, the list of participants read
/// once: the rows its presence column marks absent join the absentees.
pub fn lists(text: &Text, ex: &Extractor) -> (Vec<Entry>, Vec<Entry>) {
    let roll = every_list(text, ex);
    let (absent_rows, present): (Vec<Entry>, Vec<Entry>) = roll.into_iter().partition(|e| e.absent);
    let mut absent = apologies(text, ex);
    absent.extend(absent_rows);
    (present, merge_duplicates(absent))
}

/// The entries of every participants heading, in order: a roll in blocks
/// ("Présents. ... Excusés. ... Invités. ...") has a second list of those who
/// attended after an absence list, which ends the first. A heading inside a
/// list read already (a block list runs on past a heading of the same kind)
/// starts none of its own.
fn every_list(text: &Text, ex: &Extractor) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut read_to = 0;
    let mut lists = 0;
    for (start, inline) in headings(&text.lines, &ex.lex) {
        if start < read_to {
            continue;
        }
        let list = list_at(text, start, inline, ex);
        if let Some(last) = list.iter().map(|e| e.line).max() {
            read_to = last + 1;
            lists += 1;
        }
        entries.extend(list);
    }
    // Each list is merged as it is read: one list needs no second pass.
    if lists > 1 {
        merge_duplicates(entries)
    } else {
        entries
    }
}

fn list_at(text: &Text, start: usize, inline: Option<&str>, ex: &Extractor) -> Vec<Entry> {
    // "Present: see Annex." names nobody: the list is elsewhere.
    let entries = match inline {
        Some(rest) => inline_list(text, start, rest, ex),
        None => block_list(text, start, ex),
    };
    merge_duplicates(entries)
}

/// The entries of a list on its label's line ("Present: A, B (X), C"), which
/// may wrap onto the next lines ("..., Florencia Núñez\n(ISOC Uruguay), ...").
fn inline_list(text: &Text, start: usize, rest: &str, ex: &Extractor) -> Vec<Entry> {
    let line = &text.lines[start];
    let mut joined = Joined::new(rest, start, offset_in(line.text(), rest));
    for next in &text.lines[start + 1..] {
        if !runs_on(joined.text.trim_end(), next, &ex.lex) {
            break;
        }
        joined.push(next);
    }
    let mut entries = Vec::new();
    // "Board: A (Chair), B, C": a group's label holds for the items after
    // it; the first is the heading's own ("RIPE NCC staff: A, B").
    let mut group: Option<Group> = Some(heading_group(line, ex));
    for item in list_items(joined.text.trim_end_matches('.'), ex) {
        let part = item.text;
        let (line, offset) = joined.locate(item.at);
        if let Some((found, last)) = groups_in(part, group.as_ref(), offset, line, ex) {
            entries.extend(found);
            group = Some(last);
            continue;
        }
        let found = match item.shared.filter(|p| is_delegation(p, ex)) {
            Some(delegation) => entry(&format!("{part} {delegation}"), line, offset, ex),
            None => entry(part, line, offset, ex),
        };
        let mut found: Vec<Entry> = found.into_iter().collect();
        if let Some(group) = &group {
            found.iter_mut().for_each(|e| group.apply(e, ex));
        }
        entries.extend(found);
    }
    entries
}

/// A group of a roll: what the label before a colon says of the people
/// listed after it ("Civil Society:", "Chair:", "Ontario Power Generation:",
/// "France:").
#[derive(Debug, Clone)]
enum Group {
    /// A group that is no organisation ("Civil Society", "Staff").
    Plain,
    Role(Role),
    /// An organisation as written; the gazetteer names it when it knows it.
    Organisation(String),
    /// A country whose government the gazetteer knows: its delegation.
    Government((String, String)),
    /// "Personnes excusées": the people are named as absent.
    Absent,
}

impl Group {
    /// The group's role joins the person's; its organisation is theirs unless
    /// the list gives them one of their own ("ICANN: A (ISOC)").
    fn apply(&self, e: &mut Entry, ex: &Extractor) {
        match self {
            Group::Role(role) => push_role(&mut e.roles, Some(role.clone())),
            Group::Organisation(org) => {
                // "ICANN Staff: A, Vice President, Policy": a field after a
                // role is the role's within the group's organisation.
                if !e.roles.is_empty() {
                    e.organisations
                        .retain(|(_, surface)| stands_alone(surface, ex));
                }
                if e.organisations.is_empty() {
                    add_organisations(org, e, ex);
                }
            }
            Group::Government(g) if e.organisations.is_empty() => e.organisations.push(g.clone()),
            Group::Absent => e.absent = true,
            _ => return,
        }
        pair_memberships(e);
    }
}

/// The group a label before a colon names, if it can head one: a short
/// phrase opening with a capital, no number ("Item 3:"), no titled person
/// ("Mr Smith: ...").
fn group_of(label: &str, ex: &Extractor) -> Option<Group> {
    let lex = &ex.lex;
    let label = label.trim();
    let key = fold(label);
    let words: Vec<&str> = label.split_whitespace().collect();
    let numbered = words.iter().any(|w| {
        w.chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
    });
    if words.is_empty()
        || words.len() > 8
        || numbered
        || !opens_as_name(label)
        || is_titled_name(label, lex)
    {
        return None;
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    if lower.iter().any(|w| lex.absence_words.contains(w)) {
        return Some(Group::Absent);
    }
    // "Members of the Association", "Staff": who they are, not a body they
    // belong to ("IGF Secretariat" is one); "CNSC staff" are the CNSC's.
    let attendance = lower
        .iter()
        .any(|w| lex.attendance_words.contains(w) && !lex.organisation_heads.contains(w));
    // "Chair: A": a label the roster's roles read already ([roster-labels]);
    // an office ("Treasurer: A") is a role of the group's people.
    let roster_label =
        (lex.roster_labels.iter()).any(|(l, r)| *r != RosterRole::Officer && fold(l) == key);
    if attendance {
        return Some(heading_organisation(label, ex).map_or(Group::Plain, Group::Organisation));
    }
    if roster_label || lex.stakeholder_groups.contains(&key) {
        return Some(Group::Plain);
    }
    if ex.roles.lookup(label).is_some() || looks_like_role(label, lex) || holders_of(label, lex) {
        return Some(role_name(label, ex).map_or(Group::Plain, Group::Role));
    }
    if let Some(government) = government_of(label, ex) {
        return Some(Group::Government(government));
    }
    // "Bruce Power" has a person's shape, but a person heads no group of
    // people: the colon and the names after it say it is a body.
    let organisation = !lex.countries.contains(&key)
        && (stands_alone(label, ex) || (words.len() >= 2 && organisation_shaped(label, lex)));
    Some(if organisation {
        Group::Organisation(label.to_owned())
    } else {
        Group::Plain
    })
}

/// The organisation (canonical, as written) a group's label names, for the
/// people a roll in running text files under it ("... Bruce Power: F.
/// Saunders"): an organisation or a delegation's government.
pub fn group_organisation(label: &str, ex: &Extractor) -> Option<(String, String)> {
    match group_of(label, ex)? {
        Group::Organisation(org) => {
            let mut e = Entry::default();
            add_organisations(&org, &mut e, ex);
            e.organisations.into_iter().next()
        }
        Group::Government(government) => Some(government),
        _ => None,
    }
}

/// A capital first, or a first word with a capital inside ("gTLD
/// Registries Stakeholder Group", "eBay"): how a name opens.
fn opens_as_name(label: &str) -> bool {
    label.starts_with(char::is_uppercase)
        || label
            .split(' ')
            .next()
            .is_some_and(|w| w.chars().any(char::is_uppercase))
}

/// The organisation a roll's heading names besides the word of attendance:
/// "ARIN Staff:", "RIPE NCC staff:", "Members of the EPA Science Advisory
/// Board (SAB)": their people are its. The body a heading names only by
/// its kind ("Members of the Board of Directors", "Council Members") is
/// the meeting's own, which the heading does not tie anyone to.
fn heading_organisation(head: &str, ex: &Extractor) -> Option<String> {
    let lex = &ex.lex;
    // "Members of the ...": the word of attendance and its connector say a
    // body follows, whose name may end with a head too loose for running
    // text ("EPA Science Advisory Board").
    let mut words = head.split_whitespace().map(str::to_lowercase);
    let member_of = words
        .next()
        .is_some_and(|w| lex.attendance_words.contains(&w))
        && words
            .next()
            .is_some_and(|w| lex.name_connectors.contains(&w));
    let shaped = match member_of {
        true => orgnames::find_in_prose(head, lex),
        false => orgnames::find(head, lex),
    };
    let shaped = shaped.into_iter();
    let known = ex.orgs.find(head).into_iter().map(|h| h.range);
    let mut found: Vec<std::ops::Range<usize>> = shaped.chain(known).collect();
    // An acronym ("ARIN") in a heading written in lower case too: in
    // one of capitals ("MEMBERS PRESENT") every word has that shape.
    if head.chars().any(char::is_lowercase) {
        found.extend(acronyms_in(head, lex));
    }
    found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    found
        .into_iter()
        .map(|r| head[r].trim())
        .find(|name| !super::body_phrase::is_generic_body(name, lex))
        .map(str::to_owned)
}

/// Byte ranges of the acronyms of `s`: words of two to eight capitals, no
/// word of attendance ("STAFF", "PRESENTS").
fn acronyms_in<'a>(
    s: &'a str,
    lex: &'a Lexicons,
) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
    s.split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter_map(move |(start, w)| {
            let word = w.trim_matches(|c: char| !c.is_alphanumeric());
            let letters = word.chars().filter(|c| c.is_uppercase()).count();
            let acronym = (2..=8).contains(&letters)
                && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                && !lex.attendance_words.iter().any(|a| fold(a) == fold(word));
            let lead = w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            acronym.then(|| start + lead..start + lead + word.len())
        })
}

/// The group a heading inside a roll starts ("ARIN Staff:", "Observers"):
/// the organisation it names, or none, which ends the group before it.
fn heading_group(line: &Line, ex: &Extractor) -> Group {
    let t = line.text().trim();
    let head = t.split_once(':').map_or(t, |(h, _)| h);
    heading_organisation(head, ex).map_or(Group::Plain, Group::Organisation)
}

/// "Staff:" alone on a line of a roll: a group whose people follow.
fn group_heading(body: &str, ex: &Extractor) -> Option<Group> {
    let label = body.trim_end().strip_suffix(':')?;
    if label.contains(':') {
        return None;
    }
    group_of(label, ex).or_else(|| is_numbered_tier(label).then_some(Group::Plain))
}

/// "Nivel 2", "Level 1", "Category B": a word and the number or letter of a
/// tier, alone before a colon on a roll's line, sorts the roll's people
/// (members by class of membership, delegations by group) and ends nothing.
fn is_numbered_tier(label: &str) -> bool {
    let words: Vec<&str> = label.split_whitespace().collect();
    let mark = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit()) || (w.len() == 1 && w.starts_with(char::is_uppercase))
    };
    matches!(words.as_slice(), [word, number]
        if word.starts_with(char::is_uppercase)
            && word.chars().all(char::is_alphabetic)
            && mark(number))
}

/// The people of the groups written one after another in `s`
/// ([`group_labels::segments`]): "Civil Society: A (SMEX)", "Ontario Power
/// Generation: B. Duncan and R. MacEacheron Bruce Power: F. Saunders". Names
/// before the first label are of the group `carried` over from the list's
/// earlier items. With the group `s` ends in, for the items after it. `None`
/// when `s` has no label, or a group holds anything but people: then `s` is
/// no group.
fn groups_in(
    s: &str,
    carried: Option<&Group>,
    offset: usize,
    line: usize,
    ex: &Extractor,
) -> Option<(Vec<Entry>, Group)> {
    let mut entries = Vec::new();
    let mut group = carried.cloned();
    for segment in group_labels::segments(s)? {
        if let Some(label) = segment.label {
            group = Some(group_of(&s[label], ex)?);
        }
        let names = &s[segment.names.clone()];
        if names.trim().is_empty() {
            continue;
        }
        for mut e in people_in(names, offset + segment.names.start, line, ex)? {
            if let Some(group) = &group {
                group.apply(&mut e, ex);
            }
            entries.push(e);
        }
    }
    Some((entries, group?))
}

/// The entries of the names of a group, every item a person; `None` when
/// one is not ("Note: The meeting ..."), none when the group says so.
fn people_in(names: &str, offset: usize, line: usize, ex: &Extractor) -> Option<Vec<Entry>> {
    // "Private Sector: none": a group nobody came from.
    if lists_nobody(names, &ex.lex) {
        return Some(Vec::new());
    }
    let entries = entries_at_commas(names, ex)
        .into_iter()
        .map(|(at, part)| entry(part, line, offset + at, ex))
        .collect::<Option<Vec<Entry>>>()?;
    (!entries.is_empty()).then_some(entries)
}

/// Lines read as one text: a list hard-wrapped over several lines, each
/// piece found back on the line it came from.
struct Joined {
    text: String,
    /// (offset in `text`, line, offset in that line) of each line joined.
    segments: Vec<(usize, usize, usize)>,
}

impl Joined {
    /// `first`, which starts at byte `offset` of line `line`.
    fn new(first: &str, line: usize, offset: usize) -> Self {
        Self {
            text: first.to_owned(),
            segments: vec![(0, line, offset)],
        }
    }

    /// `next` joined after a space.
    fn push(&mut self, next: &Line) {
        self.text.push(' ');
        self.segments.push((self.text.len(), next.number, 0));
        self.text.push_str(next.text());
    }

    /// The line and the offset in it of byte `at` of the joined text.
    fn locate(&self, at: usize) -> (usize, usize) {
        let &(seg_at, line, seg_offset) = self
            .segments
            .iter()
            .rev()
            .find(|(s, _, _)| *s <= at)
            .unwrap_or(&self.segments[0]);
        (line, seg_offset + at - seg_at)
    }
}

/// A comma list under a roll's heading whose line ends inside a name: "...,
/// Claire DUVAL, Agathe" then "LEBLANC-ROUX, Simon FAURE, ...". The line
/// lists three items or more and ends on a lone word, no comma; the next
/// opens with a capitalised word or two before its first comma that are no
/// person's name alone. Read line by line, the given name and the surname
/// were two people (issue 20: justified PDF text wraps anywhere).
fn wraps_inside_a_name(so_far: &str, next: &Line, lex: &Lexicons) -> bool {
    let t = next.text();
    let last = so_far.rsplit(", ").next().unwrap_or(so_far);
    let first = t.split(',').next().unwrap_or(t).trim();
    so_far.matches(", ").nth(1).is_some()
        && so_far.ends_with(char::is_alphanumeric)
        && last.split_whitespace().count() == 1
        && is_name_word(last)
        && t.starts_with(char::is_uppercase)
        && (1..=2).contains(&first.split_whitespace().count())
        && first.split_whitespace().all(is_name_word)
        && !is_person_name(first, lex)
        && !t.contains(": ")
        && !lex.is_section_heading(t)
        && list_marker(t).is_none()
        && !is_heading(next, lex)
        && absence(next, lex).is_none()
}

/// "Elus Etudiants (8)" right above "présents :": a group of the body and
/// how many it counts, heading the rolls below it, not one more name of the
/// list above. The count tells it from a name whose roll comes next.
fn heads_the_next_roll(text: &Text, line: &Line, lex: &Lexicons) -> bool {
    let counted = line
        .text()
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
        .is_some_and(|(label, n)| {
            !label.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        });
    counted
        && text.lines[line.number + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|next| is_heading(next, lex) || absence(next, lex).is_some())
}

/// The entries of the comma list that starts on line `start` and wraps
/// inside a name onto the lines after it ([`wraps_inside_a_name`]), with the
/// number of the last line it takes; none when it does not wrap so, or when
/// an item is no one.
fn wrapped_list(text: &Text, start: usize, ex: &Extractor) -> Option<(Vec<Entry>, usize)> {
    let line = &text.lines[start];
    if list_marker(line.text()).is_some() {
        return None;
    }
    let mut joined = Joined::new(line.text(), start, 0);
    let mut last = start;
    for next in &text.lines[start + 1..] {
        if !wraps_inside_a_name(joined.text.trim_end(), next, &ex.lex) {
            break;
        }
        joined.push(next);
        last = next.number;
    }
    if last == start {
        return None;
    }
    // What opens the line in lower case ends an item of the line before
    // ("visioconférence avec Valence), ..."): every other item is someone.
    let entries = entries_at_commas(joined.text.trim_end_matches('.'), ex)
        .into_iter()
        .skip_while(|(at, part)| *at == 0 && part.starts_with(char::is_lowercase))
        .map(|(at, part)| {
            let (line, offset) = joined.locate(at);
            entry(part, line, offset, ex)
        })
        .collect::<Option<Vec<Entry>>>()?;
    Some((entries, last))
}

/// A list of a paragraph hard-wrapped inside an item ("..., Lisa" then
/// "Horner (Global Partners), Marco ..."): what came is a list that stops
/// on a word, and the next line goes on as a list of three items or more.
/// A line that opens with a person's name ([`is_person_name`]) and its comma ("Patricia De Sario,
/// Director, Corporate Services") is an entry of its own: a list of one
/// person a line.
fn is_wrapped_mid_item(so_far: &str, next: &str, lex: &Lexicons) -> bool {
    let opens_entry = next
        .split_once(',')
        .is_some_and(|(first, _)| is_person_name(first.trim(), lex));
    so_far.ends_with(char::is_alphanumeric)
        && so_far.contains(", ")
        && next.starts_with(char::is_uppercase)
        && next.matches(", ").nth(1).is_some()
        && !opens_entry
}

/// An inline list runs on to `next` only where it visibly does: a comma or
/// "and" at the end of what came, or a parenthesis or lower case at the start
/// of the next line, which is no new section, label or list.
fn runs_on(so_far: &str, next: &Line, lex: &Lexicons) -> bool {
    let t = next.text();
    let runs_on = so_far.ends_with([',', ';', '('])
        || so_far.ends_with(" and")
        || t.starts_with(['(', ')'])
        || t.starts_with(char::is_lowercase)
        || is_wrapped_mid_item(so_far, t, lex);
    runs_on
        && !next.is_blank()
        && !t.contains(": ")
        && !lex.is_section_heading(t)
        && list_marker(t).is_none()
        && !is_heading(next, lex)
        && absence(next, lex).is_none()
}

/// What a line under a list's heading is.
enum ListLine {
    Entries(Vec<Entry>),
    /// "Bruce Power:" alone on its line: the people of the lines below are its.
    Group(Group),
    Skip,
    End,
}

/// The entries of a list under its heading, line by line (a table's rows, a
/// bulleted or plain list, surname first or not), until the list ends.
fn block_list(text: &Text, start: usize, ex: &Extractor) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut columns: Option<Vec<String>> = None;
    let inverted = surname_first(&text.lines[start + 1..], ex);
    // Whether the list's lines are numbered, and whether a blank line came.
    let mut numbered: Option<bool> = None;
    let mut after_blank = false;
    // The group a line alone ("Staff:") heads, until the next one; the
    // first is the heading's own ("ARIN Staff:").
    let mut group: Option<Group> = Some(heading_group(&text.lines[start], ex));
    // A table's header row may be the roll's heading: it names the columns.
    let first = if is_attendance_table_header(text.lines[start].text(), &ex.lex) {
        start
    } else {
        start + 1
    };
    // The last line a list wrapped inside a name took.
    let mut taken: Option<usize> = None;
    for line in &text.lines[first..] {
        if line.is_blank() {
            after_blank = !entries.is_empty();
            continue;
        }
        if taken.is_some_and(|last| line.number <= last) {
            continue;
        }
        if heads_the_next_roll(text, line, &ex.lex) {
            break;
        }
        if let Some((mut e, last)) = wrapped_list(text, line.number, ex) {
            if let Some(group) = &group {
                e.iter_mut().for_each(|e| group.apply(e, ex));
            }
            entries.extend(e);
            numbered.get_or_insert(false);
            taken = Some(last);
            continue;
        }
        let t = line.text();
        // "- Ana Silva" ... "1. Accounts": past a blank line, numbering that
        // the list did not have (or lost) starts the next section.
        let is_numbered = list_marker(t).is_some() && t.starts_with(|c: char| c.is_ascii_digit());
        if after_blank && numbered.is_some_and(|n| n != is_numbered) {
            break;
        }
        let before = entries.len();
        if t.starts_with('|') || t.matches('|').count() >= 2 {
            entries.extend(table_line(t, &mut columns, line, ex));
            continue;
        }
        match list_line(line, inverted, entries.is_empty(), ex) {
            ListLine::Entries(mut e) => {
                if let Some(group) = &group {
                    e.iter_mut().for_each(|e| group.apply(e, ex));
                }
                entries.extend(e)
            }
            ListLine::Group(g) => group = Some(g),
            ListLine::Skip => {}
            ListLine::End => break,
        }
        if numbered.is_none() && entries.len() > before {
            numbered = Some(is_numbered);
        }
    }
    entries
}

/// A table row of a list: its separator row and its header row (which names
/// the columns) give no entry.
fn table_line(
    t: &str,
    columns: &mut Option<Vec<String>>,
    line: &Line,
    ex: &Extractor,
) -> Option<Entry> {
    let cells = cells(t);
    if cells
        .iter()
        .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    {
        return None;
    }
    if columns.is_none() && is_header_row(&cells, &ex.lex) {
        *columns = Some(cells.iter().map(|c| c.to_lowercase()).collect());
        return None;
    }
    table_row(&cells, columns.as_deref(), line, ex)
}

/// A line of a list that is no table row: a sub-heading, the end of the
/// list ("Apologies", the next section, an annex), a stakeholder group and
/// its people, an entry surname first, or an entry.
fn list_line(line: &Line, inverted: bool, first: bool, ex: &Extractor) -> ListLine {
    let lex = &ex.lex;
    let t = line.text();
    if is_heading(line, lex) {
        return ListLine::Group(heading_group(line, ex));
    }
    if absence(line, lex).is_some() || lex.is_section_heading(t) {
        return ListLine::End;
    }
    let marker = list_marker(t).unwrap_or(0);
    let body = &t[marker..];
    // "Civil Society: A (SMEX); B", "Ontario Power Generation: B. Duncan and
    // R. MacEacheron": a group of the roll and its people.
    // "ARIN Staff:" alone: the group of the lines below.
    if let Some((entries, group)) = groups_in(body, None, marker, line.number, ex) {
        return if entries.is_empty() {
            ListLine::Group(group)
        } else {
            ListLine::Entries(entries)
        };
    }
    if let Some(group) = group_heading(body, ex) {
        return ListLine::Group(group);
    }
    let lower = body.to_lowercase();
    if lower.starts_with("annex") || lower.starts_with("appendix") {
        return ListLine::End;
    }
    if inverted {
        if let Some(e) = inverted_entry(body, line.number, marker, ex) {
            return ListLine::Entries(e.into_iter().collect());
        }
    }
    if let Some(e) = handle_entry(body, line.number, marker, ex) {
        return ListLine::Entries(vec![e]);
    }
    if let Some(entries) = flattened_list(body, marker, line.number, ex) {
        return ListLine::Entries(entries);
    }
    if first && marker == 0 && is_prose(body) {
        return ListLine::End;
    }
    if !body.starts_with(|c: char| c.is_uppercase()) {
        return if first || marker > 0 {
            ListLine::Skip
        } else {
            ListLine::End
        };
    }
    match entry(body, line.number, marker, ex) {
        Some(e) => ListLine::Entries(vec![e]),
        None if first => ListLine::Skip,
        // A bulleted or numbered item the list cannot read is skipped; a
        // plain line after the list ends it.
        None if marker > 0 => ListLine::Skip,
        None => ListLine::End,
    }
}

/// "A (Secretary), B (ISOC Secretariat), and C (ISOC Advisory Council)": a
/// list written as one line under its heading, every item of which is a
/// person. Its length would make it prose otherwise.
fn flattened_list(body: &str, offset: usize, line: usize, ex: &Extractor) -> Option<Vec<Entry>> {
    const MIN_ITEMS: usize = 3;
    let entries = people_in(body.trim_end_matches('.'), offset, line, ex)?;
    (entries.len() >= MIN_ITEMS).then_some(entries)
}

/// "ETECSA representada por Jesús Martínez con derecho a 1 voto", "Acme Ltd
/// represented by Ann Lee": a member body of an assembly and the person who
/// attends for it ([represented-by]). The person is the entry, the body their
/// organisation; what follows the name (votes, proxies) is not read.
fn represented_entry(body: &str, line: usize, offset: usize, ex: &Extractor) -> Option<Entry> {
    // Each phrase is held with a space either side: found as whole words,
    // with no string made for each entry of a list of a million.
    // A phrase holds spaces a body of fewer cannot: a name of two words,
    // as most, is no body and its representative, and is not searched.
    let spaces = body.bytes().filter(|&b| b == b' ').count();
    let (at, phrase) = ex.lex.represented_by.iter().find_map(|p| {
        if p.bytes().filter(|&b| b == b' ').count() > spaces {
            return None;
        }
        let at = body.find(p.as_str())?;
        Some((at, p))
    })?;
    let org = body[..at].trim();
    let after_at = at + phrase.len();
    let after = &body[after_at..];
    let name = leading_name(after, &ex.lex)?;
    if !org.starts_with(char::is_uppercase) || !name.contains(' ') {
        return None;
    }
    let start = after_at + (name.as_ptr() as usize - after.as_ptr() as usize);
    let mut e = Entry {
        name: title_case(name),
        line,
        name_range: offset + start..offset + start + name.len(),
        described: body[start + name.len()..].trim().to_owned(),
        ..Entry::default()
    };
    classify(org, &mut e, ex);
    Some(e)
}

/// A paragraph of prose, not a list's line nor its lead-in ("The following
/// were present:"): more words than a name and its roles, and no colon to
/// announce a list. Under a heading with no entry yet, it says the heading
/// heads no list here, so the search for one stops rather than take a later
/// section's one-word heading for a name.
fn is_prose(body: &str) -> bool {
    const MAX_LIST_LINE_WORDS: usize = 12;
    !body.trim_end().ends_with(':') && body.split_whitespace().nth(MAX_LIST_LINE_WORDS).is_some()
}

/// The entry a list line outside the participant list holds ("7. Mr. Ana
/// Ruiz (Acme Communications)", "Ana Ruiz, Treasurer"): its roles and
/// organisations, read as the participant list's lines are.
pub fn line_entry(line: &Line, ex: &Extractor) -> Option<Entry> {
    let t = line.text();
    let indent = t.len() - t.trim_start().len();
    let marker = indent + list_marker(&t[indent..]).unwrap_or(0);
    entry(&t[marker..], line.number, marker, ex)
}

/// "van der Berg, Pieter (RIPE NCC)" in a surname-first list: the entry of
/// the name turned round, its evidence the name as the list writes it.
/// `None` when the line is not written surname first.
fn inverted_entry(body: &str, line: usize, marker: usize, ex: &Extractor) -> Option<Option<Entry>> {
    let (given, surname, rest) = inverted_name(body, ex)?;
    let name = format!("{given} {surname}");
    let mut e = entry(&format!("{name}{rest}"), line, marker, ex);
    if let Some(e) = e.as_mut() {
        e.name = name;
        e.name_range = marker..marker + surname.len() + 2 + given.len();
    }
    Some(e)
}

/// "Horvat, Petra (European Commission)" → ("Petra", "Horvat", " (European
/// Commission)"): one to four surname words (particles allowed), a comma, one
/// or two given names that are no organisation, role or country, and at most a
/// parenthesis after them.
fn inverted_name<'a>(body: &'a str, ex: &Extractor) -> Option<(&'a str, &'a str, &'a str)> {
    let (surname, after) = body.split_once(", ")?;
    let (given, rest) = match after.find(" (") {
        Some(i) if after.trim_end().ends_with(')') => (&after[..i], &after[i..]),
        _ => (after, ""),
    };
    let given = given.trim();
    let surname_words: Vec<&str> = surname.split(' ').collect();
    let particle = |w: &str| ex.lex.particles.iter().any(|p| p == w);
    let surname_ok = (1..=4).contains(&surname_words.len())
        && surname_words.iter().all(|w| is_name_word(w) || particle(w))
        && surname_words.iter().any(|w| is_name_word(w));
    let given_words: Vec<&str> = given.split(' ').collect();
    let given_ok = (1..=2).contains(&given_words.len())
        && given_words
            .iter()
            .all(|w| is_name_word(w) && w.chars().skip(1).any(char::is_lowercase))
        && ex.orgs.lookup(given).is_none()
        && ex.roles.lookup(given).is_none()
        && !looks_like_role(given, &ex.lex)
        && !ex.lex.countries.contains(&crate::words::fold(given))
        && !given_words
            .iter()
            .any(|w| ex.lex.organisation_heads.contains(&w.to_lowercase()));
    (surname_ok && given_ok).then_some((given, surname, rest))
}

/// Whether a list writes its names surname first: most of its first lines
/// (two at least) read as "Surname, Given (Organisation)".
fn surname_first(lines: &[Line], ex: &Extractor) -> bool {
    let bodies: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take_while(|l| !ex.lex.is_section_heading(l.text()))
        .take(40)
        .map(|l| &l.text()[list_marker(l.text()).unwrap_or(0)..])
        .collect();
    let inverted = bodies
        .iter()
        .filter(|b| inverted_name(b, ex).is_some())
        .count();
    inverted >= 2 && inverted * 3 >= bodies.len() * 2
}

/// Is `word`, in parentheses after `name`, a nickname? "(Titti)", not
/// "(UdelaR)" nor "(Antel)" nor "(Brazil)": one word with no capital inside,
/// no organisation or country, and a known nickname, or one that shares the
/// name's initial, or ends as pet names do (a vowel or "y").
pub(crate) fn is_nickname(word: &str, name: &str, ex: &Extractor) -> bool {
    let folded = crate::words::fold(word);
    let pet_like = ex.known_nicknames.contains(&folded)
        || word.chars().next() == name.chars().next()
        || folded.ends_with(['a', 'e', 'i', 'o', 'u', 'y']);
    !word.contains(' ')
        && is_name_word(word)
        && !word.chars().skip(1).any(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && pet_like
        && ex.orgs.lookup(word).is_none()
        && !ex.lex.countries.contains(&folded)
}

/// Byte offset of the `)` that closes a parenthesis opened just before `s`.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Where `part`, a slice of `whole`, starts in it. The inline names of a
/// heading line are cut at both ends ("Present: A; B Apologies: C" keeps
/// "A; B"), so their place is not the line's length less theirs: taken so, every
/// name's range pointed past the name by the length of the cut tail.
fn offset_in(whole: &str, part: &str) -> usize {
    let at = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    if at + part.len() <= whole.len() {
        at
    } else {
        whole.len().saturating_sub(part.len())
    }
}

/// The items of an inline list: "A, General Counsel; B, Director, IANA"
/// holds its items between semicolons, the commas inside an item
/// separating its name from its roles; a list with no semicolon is split at
/// its commas too ([`split_top_level`]).
fn list_items<'a>(s: &'a str, ex: &Extractor) -> Vec<ListItem<'a>> {
    let lex = &ex.lex;
    let items = cut_top_level(s, |_, c| c == ';');
    if items.len() == 1 {
        return entries_at_commas(s, ex)
            .into_iter()
            .map(|(at, text)| ListItem::alone(at, text))
            .collect();
    }
    trimmed(items)
        .into_iter()
        .flat_map(|(at, item)| {
            let parts = trimmed(people_or_item(at, item, lex));
            let shared = shared_parenthesis(&parts);
            parts.into_iter().map(move |(at, text)| ListItem {
                at,
                text,
                shared: shared.filter(|_| !text.contains('(')),
            })
        })
        .collect()
}

/// An item of an inline list, with the parenthesis it shares with the
/// other names of its semicolon's group.
struct ListItem<'a> {
    at: usize,
    text: &'a str,
    /// "(Brasil)" for A and B in "A, B, C (Brasil); D (Chile)": a
    /// delegation's members are written once, its country after the last.
    shared: Option<&'a str>,
}

impl<'a> ListItem<'a> {
    fn alone(at: usize, text: &'a str) -> Self {
        ListItem {
            at,
            text,
            shared: None,
        }
    }
}

/// The parenthesis that closes the last of a group's names ("C (Brasil)"),
/// where the names before it have none of their own: what the group shares.
fn shared_parenthesis<'a>(parts: &[(usize, &'a str)]) -> Option<&'a str> {
    let ((_, last), before) = parts.split_last()?;
    if before.is_empty() || before.iter().any(|(_, p)| p.contains('(')) {
        return None;
    }
    let open = last.strip_suffix(')')?.rfind(" (")?;
    Some(&last[open + 1..])
}

/// "(Brasil)", "(ISOC)": a parenthesis naming a country or a known
/// organisation, which a group of names can share; not a role ("(Chair)")
/// nor one person's initials.
fn is_delegation(parenthesis: &str, ex: &Extractor) -> bool {
    let inner = parenthesis
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    ex.lex.countries.contains(&fold(inner)) || ex.orgs.lookup(inner).is_some()
}

/// A semicolon's item that names people after its first comma ("A, B, C
/// (Brasil)": a delegation) is their list, split at its commas; else it is
/// one person's item ("A, General Counsel").
fn people_or_item<'a>(at: usize, item: &'a str, lex: &Lexicons) -> Vec<(usize, &'a str)> {
    let parts = split_top_level(item, lex);
    let names_people = parts.iter().skip(1).any(|(_, p)| {
        let bare = p.split(" (").next().unwrap_or(p);
        is_person_name(bare, lex)
    });
    if names_people {
        parts.into_iter().map(|(i, p)| (at + i, p)).collect()
    } else {
        vec![(at, item)]
    }
}

/// What a piece of a list cut at its commas is.
#[derive(Clone, Copy, PartialEq)]
enum Piece {
    /// A person's name, or a group's label before its first name
    /// ("Staff present: Ana Ruiz"): an entry opens.
    Opens,
    /// A role, an organisation or a country: the entry before goes on.
    Field,
    /// "Legislative Counsel Bureau Janice L. Thomas": the last field of the
    /// entry before, then the name that opens the next, at this offset.
    FieldThenName(usize),
    /// "Farmers Water Alliance In accordance with the rules": the last field
    /// of the entry before, up to this offset, then prose the roll ran into.
    FieldThenProse(usize),
    /// Anything else: an item of its own, as the list's other items are.
    Other,
}

/// The items of a list written without semicolons, cut at its commas, where
/// a person's roles and organisations follow the name between commas too:
/// "Laura Kent, Budget Analyst, Office of Fiscal Services Omar Haddad,
/// Intern" (a roll flattened into one paragraph, one entry running into the
/// next) is two items, "Laura Kent, Budget Analyst, Office of Fiscal
/// Services" and "Omar Haddad, Intern". A piece joins the entry before it only
/// when it names a field on its own ([`stands_alone`]); a list of names alone
/// is cut at every comma, as before.
pub(crate) fn entries_at_commas<'a>(s: &'a str, ex: &Extractor) -> Vec<(usize, &'a str)> {
    let pieces = split_top_level(s, &ex.lex);
    let mut out: Vec<(usize, usize)> = Vec::new();
    // Whether the last item is an entry that fields may go on.
    let mut open = false;
    for &(at, piece) in &pieces {
        match piece_kind(piece, ex) {
            Piece::Field if open => {
                if let Some(last) = out.last_mut() {
                    last.1 = at + piece.len();
                }
            }
            Piece::FieldThenProse(k) if open => {
                if let Some(last) = out.last_mut() {
                    last.1 = at + piece[..k].trim_end().len();
                }
                out.push((at + k, at + piece.len()));
                open = false;
            }
            Piece::FieldThenName(k) if open => {
                if let Some(last) = out.last_mut() {
                    last.1 = at + piece[..k].trim_end().len();
                }
                out.push((at + k, at + piece.len()));
            }
            Piece::Opens | Piece::FieldThenName(_) => {
                out.push((at, at + piece.len()));
                open = true;
            }
            Piece::Field | Piece::FieldThenProse(_) | Piece::Other => {
                out.push((at, at + piece.len()));
                open = false;
            }
        }
    }
    out.into_iter().map(|(a, b)| (a, &s[a..b])).collect()
}

/// What a piece of a roll cut at its commas is ([`Piece`]): a name or a
/// label opens an entry; a role or organisation goes on the one before.
fn piece_kind(piece: &str, ex: &Extractor) -> Piece {
    if piece.contains(':') {
        return labelled_piece(piece, ex);
    }
    if is_entry_name(piece, ex) || is_role_titled_name(piece, &ex.lex) {
        return Piece::Opens;
    }
    if let Some(at) = field_then_name(piece, ex) {
        return Piece::FieldThenName(at);
    }
    if is_field_shaped(piece, &ex.lex) && stands_alone(piece, ex) {
        return Piece::Field;
    }
    organisation_before_prose(piece, ex).map_or(Piece::Other, Piece::FieldThenProse)
}

/// Where an organisation's name that opens `piece` ends, when prose follows
/// it: the last field of a roll that runs on into the minutes' text.
fn organisation_before_prose(piece: &str, ex: &Extractor) -> Option<usize> {
    let end = orgnames::find(piece, &ex.lex)
        .first()
        .filter(|r| r.start == 0)
        .map(|r| r.end)?;
    let (name, rest) = piece.split_at(end);
    (rest.starts_with(' ') && is_field_shaped(name, &ex.lex)).then_some(end + 1)
}

/// A role or an organisation as a roll writes it: capitalised words and
/// short links ("Secretary of the Senate", "Chief Clerk of the Assembly"),
/// no longer than a name is. A clause ("In accordance with Joint Rule 7",
/// "as chairman of ... said he had reviewed") is prose run on from the roll,
/// and a title before a given name or an initial inside ("Vice Chairman
/// Senator Raymond D. Rawson") opens names ("Legislative Counsel Bureau" holds
/// none).
fn is_field_shaped(piece: &str, lex: &Lexicons) -> bool {
    const MAX_WORDS: usize = 10;
    const MAX_LINK_LEN: usize = 3;
    let words: Vec<&str> = piece.split_whitespace().collect();
    let titled = words.windows(2).skip(1).any(|w| {
        lex.is_honorific(w[0])
            && (lex.is_given(w[1]) || w[1].ends_with('.') && is_initial_letters(w[1], false))
    });
    words.len() <= MAX_WORDS
        && !titled
        && words
            .iter()
            .all(|w| !w.starts_with(char::is_lowercase) || w.chars().count() <= MAX_LINK_LEN)
}

/// A piece holding a group's label: "Committee Clerk OTHERS PRESENT: Peter
/// Lang" is the last field of the entry before, then the label that opens
/// the next group.
fn labelled_piece(piece: &str, ex: &Extractor) -> Piece {
    let first = group_labels::segments(piece).and_then(|s| s.into_iter().next());
    match first {
        Some(group_labels::Segment { label: None, names })
            if !piece[names.clone()].trim().is_empty()
                && stands_alone(piece[names.clone()].trim(), ex) =>
        {
            Piece::FieldThenName(names.end)
        }
        _ => Piece::Opens,
    }
}

/// Where the name that ends a field starts: "Office of Fiscal Services |Omar
/// Haddad", "Legislative Counsel Bureau |Mouryne B. Landing". The name opens
/// with a given name or a title; else the field before it ends with an
/// organisation's head noun. The field ends in no lower-case word ("Office
/// of"), and is the shortest that can.
fn field_then_name(piece: &str, ex: &Extractor) -> Option<usize> {
    let lex = &ex.lex;
    let cuts = || {
        piece.match_indices(' ').map(|(i, _)| i).filter(|&i| {
            let field = &piece[..i];
            let last = field.rsplit(' ').next().unwrap_or("");
            last.starts_with(char::is_uppercase)
                && !lex.is_honorific(last)
                && is_field_shaped(field, lex)
                && stands_alone(field, ex)
        })
    };
    let opens_name = |name: &str| {
        is_titled_name(name, lex)
            || is_entry_name(name, ex) && name.split(' ').next().is_some_and(|w| lex.is_given(w))
    };
    let after_head = |i: usize| {
        let last = piece[..i].rsplit(' ').next().unwrap_or("");
        lex.organisation_heads.contains(&last.to_lowercase()) && is_entry_name(&piece[i + 1..], ex)
    };
    cuts()
        .find(|&i| opens_name(&piece[i + 1..]))
        .or_else(|| cuts().find(|&i| after_head(i)))
        .map(|i| i + 1)
}

/// "Dean Baker", "Mayor Hill": an office that titles people, then a name
/// ending in no role word or organisation's head ("Budget Analyst", "Vice
/// Chairman" are roles).
fn is_role_titled_name(piece: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = piece.split(' ').collect();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    let folded = last.to_lowercase();
    words.len() >= 2
        && lex.role_words.contains(&words[0].to_lowercase())
        && !lex.role_words.contains(&folded)
        && !lex.organisation_heads.contains(&folded)
        && rest[1..].iter().all(|w| is_name_word(w))
        && is_name_word(last)
}

/// A piece that is a person's name and nothing else, with what it has in
/// parentheses: two to five name words after any title, none an
/// organisation's head noun, the whole no role, country or organisation.
fn is_entry_name(piece: &str, ex: &Extractor) -> bool {
    let lex = &ex.lex;
    let piece = piece.split(" (").next().unwrap_or(piece);
    // "SHEL SEBREN": a name in capitals, read as it would be written.
    if !piece.chars().any(char::is_lowercase) {
        let read = title_case(piece);
        return read.chars().any(char::is_lowercase) && is_entry_name(&read, ex);
    }
    let Some(name) = leading_name(piece, lex) else {
        return false;
    };
    let bare = &piece[lex.title_len(piece)..];
    name.len() == bare.trim_end().len()
        && name.contains(' ')
        && !name
            .split(' ')
            .any(|w| lex.organisation_heads.contains(&w.to_lowercase()))
        && !stands_alone(name, ex)
}

/// Splits "A (X, Y), B, C" at the commas and semicolons outside parentheses,
/// except the comma of a name's suffix ("W. C. Wilkinson, Jr.").
fn split_top_level<'a>(s: &'a str, lex: &Lexicons) -> Vec<(usize, &'a str)> {
    let mut out: Vec<(usize, &str)> = cut_top_level(s, |i, c| {
        matches!(c, ',' | ';') && lex.name_suffix_len(&s[i..]) == 0
    })
    .into_iter()
    .flat_map(|(at, piece)| super::people::after_the_chair(at, piece, lex))
    .collect();
    // "..., D (X) and E (Y)": the last item may be joined by "and".
    if let Some(&(at, last)) = out.last() {
        if let Some(k) = top_level_and(last) {
            out.pop();
            out.push((at, &last[..k]));
            out.push((at + k + 5, &last[k + 5..]));
        }
    }
    trimmed(out)
}

/// The pieces of `s` between the characters `cut` takes (given their
/// offset), counting only those outside parentheses; untrimmed, with the
/// offset each starts at.
fn cut_top_level(s: &str, cut: impl Fn(usize, char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth <= 0 && cut(i, c) => {
                out.push((from, &s[from..i]));
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push((from, &s[from..]));
    out
}

/// Pieces trimmed, their offsets moved past the leading space, empty ones dropped.
fn trimmed<'a>(pieces: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<(usize, &'a str)> {
    pieces
        .into_iter()
        .map(|(at, p)| (at + (p.len() - p.trim_start().len()), p.trim()))
        .filter(|(_, p)| !p.is_empty())
        .collect()
}

/// The parts of what follows a name in a participant list (organisations,
/// roles, countries), as [`split_top_level`] cuts them, except that a piece
/// which cannot name an organisation alone is put back into the "X of A, B and
/// C" name it continues: "Ministry of Science, Innovation and Universities,
/// Spain" is one ministry and a country, not four parts.
fn affiliation_parts<'a>(s: &'a str, ex: &Extractor) -> Vec<&'a str> {
    let parts = split_top_level(s, &ex.lex);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (at, part) in parts {
        let continues = out.last().is_some_and(|&(start, end)| {
            let previous = &s[start..end];
            (continues_name(previous, ex) && !stands_alone(part, ex))
                || is_legal_form(part, ex)
                || (s[end..at].trim() == "and" && is_lone_field(previous, ex))
        });
        match out.last_mut() {
            Some(last) if continues => last.1 = at + part.len(),
            _ => out.push((at, at + part.len())),
        }
    }
    out.into_iter().map(|(start, end)| &s[start..end]).collect()
}

/// "Planning" in "Planning and Development Services", "Advising" in
/// "Advising and Retention": one word that names nothing alone (no role, no
/// organisation, no country) is the first field of the name an "and" goes
/// on with.
fn is_lone_field(part: &str, ex: &Extractor) -> bool {
    !part.contains(' ') && part.starts_with(char::is_uppercase) && !stands_alone(part, ex)
}

/// An organisation name whose complement may be a list: "Ministry of
/// Transport", "Fund for Peace", not a role or a country.
fn continues_name(part: &str, ex: &Extractor) -> bool {
    let has_complement = [" of ", " for ", " on "].iter().any(|p| part.contains(p));
    has_complement
        && !ex.lex.countries.contains(&crate::words::fold(part))
        && ex.roles.lookup(part).is_none()
        && !looks_like_role(part, &ex.lex)
}

/// Can this piece of a participant list name something by itself: a role, a
/// country, a known organisation, an acronym, or a phrase with an
/// organisation's head noun ("Arab Digital Rights Network")?
/// "LLC" in "Genuitec, LLC", "Inc." in "Foundation, Inc.": a legal form
/// (`[legal-forms]`) after a comma ends the name before it.
fn is_legal_form(part: &str, ex: &Extractor) -> bool {
    let word = part.trim().trim_end_matches('.');
    !word.contains(' ') && !word.is_empty() && ex.lex.legal_forms.contains(&word.to_lowercase())
}

fn stands_alone(part: &str, ex: &Extractor) -> bool {
    let bare = part.split(" (").next().unwrap_or(part).trim();
    let words: Vec<&str> = bare.split_whitespace().collect();
    let acronym = !words.is_empty()
        && words.iter().all(|w| {
            w.chars().filter(|c| c.is_uppercase()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        });
    acronym
        || ex.lex.countries.contains(&crate::words::fold(part))
        || ex.roles.lookup(part).is_some()
        || looks_like_role(part, &ex.lex)
        || ex.orgs.lookup(part).is_some()
        || ex.orgs.lookup(bare).is_some()
        || (words.len() >= 2
            && words.iter().any(|w| {
                ex.lex.organisation_heads.contains(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                )
            }))
}

/// Byte offset of " and " outside parentheses, when a capital follows it.
fn top_level_and(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ' ' if depth == 0
                && s[i..].starts_with(" and ")
                && s[i + 5..].starts_with(char::is_uppercase) =>
            {
                return Some(i);
            }
            _ => {}
        }
    }
    None
}

/// A name at the start of `s`: two to five name words (particles and initials inside).
fn leading_name<'a>(s: &'a str, lex: &Lexicons) -> Option<&'a str> {
    // "Dr. Olena Kovalenko", "Councillor D. Cawley": the title is not part of the name.
    let s = &s[lex.title_len(s)..];
    let mut end = 0;
    let mut count = 0;
    let mut words = s.split(' ').peekable();
    while let Some(w) = words.next() {
        // "Dan "Duke" Ellison": a quoted nickname inside the name.
        let surname_next = words
            .peek()
            .is_some_and(|n| n.starts_with(char::is_uppercase));
        if surname_next && inner_nickname(w, count).is_some() {
            end += w.len() + 1;
            continue;
        }
        let clean = w.trim_end_matches([',', ';', ':']);
        // "J. Smith", "Amrita K. Choudhury": an initial, with its full stop.
        let initial = clean.len() <= 2
            && clean.starts_with(char::is_uppercase)
            && (count > 0 || clean.ends_with('.'));
        let particle = count > 0 && lex.particles.iter().any(|p| p == clean);
        if !(is_name_word(clean) || initial || particle)
            || lex.not_names.contains(clean)
            || count >= 5
        {
            break;
        }
        count += 1;
        end += clean.len();
        if clean.len() != w.len() {
            break;
        }
        end += 1;
    }
    let end = end.min(s.len());
    let end = end + lex.name_suffix_len(&s[end..]);
    let name = s[..end].trim_end();
    (count >= 1 && !name.is_empty()).then_some(name)
}

/// `name` without the nickname it holds in quotes or parentheses, and that
/// nickname: "Dan "Duke" Ellison" is Dan Ellison, known as Duke.
fn without_inner_nickname(name: &str) -> (std::borrow::Cow<'_, str>, Option<&str>) {
    let quoted = (name.split(' ').enumerate()).find_map(|(i, w)| Some((w, inner_nickname(w, i)?)));
    match quoted {
        Some((w, nick)) => (name.replacen(&format!("{w} "), "", 1).into(), Some(nick)),
        None => (name.into(), None),
    }
}

/// A handle with the lines it said, in a meeting bot's roll ("spwhitton (42)").
fn handle_entry(body: &str, line: usize, offset: usize, ex: &Extractor) -> Option<Entry> {
    let counted = super::chat::counted_handle(body.trim())?;
    if super::chat::is_bot(counted.handle, ex) {
        return None;
    }
    let start = offset + body.len() - body.trim_start().len();
    Some(Entry {
        name: counted.handle.to_owned(),
        line,
        name_range: start..start + counted.handle.len(),
        lines_said: Some(counted.lines),
        ..Entry::default()
    })
}

fn entry(body: &str, line: usize, offset: usize, ex: &Extractor) -> Option<Entry> {
    let lex = &ex.lex;
    let whole = body.trim_end().trim_end_matches(['.', ',', ';']);
    if let Some(e) = represented_entry(whole, line, offset, ex) {
        return Some(e);
    }
    let body = body.trim().trim_end_matches(['.', ',', ';']);
    // "... (Antel) and myself": the writer is not on the line by name.
    let body = ["and myself", "and me", "and I"]
        .iter()
        .find_map(|tail| body.strip_suffix(tail))
        .map_or(body, |b| b.trim_end().trim_end_matches(','));
    // "Name – Organisation" as well as "Name, Organisation".
    let body_norm = dash_as_comma(body);
    let read = leading_name(&body_norm, lex)?;
    // "Paul Rendek RIPE NCC": a roster's column of organisations after
    // the name, with no separator but the space.
    let name = ex
        .orgs
        .trailing_acronym(read)
        .map_or(read, |start| read[..start].trim_end());
    // A lone word is a name only when nothing else on the line says otherwise.
    let key = crate::words::fold::key(name);
    if ex.orgs.lookup_key(&key).is_some()
        || ex.roles.lookup_key(&key).is_some()
        || ex.topics.lookup_key(&key).is_some()
        || names_no_person(name, lex)
    {
        return None;
    }
    let (bare_name, nickname) = without_inner_nickname(name);
    let mut e = Entry {
        name: title_case(&bare_name),
        line,
        name_range: offset..offset + name.len(),
        nickname: nickname.map(str::to_owned),
        ..Entry::default()
    };
    let mut rest = body_norm[body_norm.find(name).unwrap_or(0) + name.len()..].trim();
    e.described = rest.to_owned();
    let mut delegation = None;
    // After a name comes a separator or nothing; "Review of the draft" is no entry.
    let column = name.len() < read.len();
    if !(column || rest.is_empty() || rest.starts_with([',', '(', ';', ':', '|', '-', '–', '/']))
    {
        return None;
    }
    if let Some(p) = rest.strip_prefix('(') {
        if let Some(close) = matching_close(p) {
            let mut inner = &p[..close];
            // "Bob Hawke ("Bobby", Access Now)": a quoted nickname first.
            if let Some(q) = inner.strip_prefix(['"', '\'', '“']) {
                if let Some(end) = q.find(['"', '\'', '”']) {
                    let nick = &q[..end];
                    if nick.split(' ').count() == 1 && is_name_word(nick) {
                        e.nickname = Some(nick.to_owned());
                    }
                    inner = q[end + 1..].trim_start_matches([',', ';', ' ']);
                }
            }
            if is_nickname(inner, name, ex) {
                e.nickname = Some(inner.to_owned());
            } else if is_initials(inner, name) {
                // "Ondřej Filip (OF)": how the minutes' actions name them,
                // an alias of the person ("OF asked ...").
                e.nickname = Some(inner.to_owned());
            } else if let Some(government) = government_of(inner, ex) {
                delegation = Some(government);
            } else if ex.lex.countries.contains(&crate::words::fold(inner)) {
                // A country the gazetteer knows no government of: no organisation.
            } else {
                for part in affiliation_parts(inner, ex) {
                    classify(part, &mut e, ex);
                }
            }
            rest = p[close + 1..].trim();
        }
    }
    // "Oscar Robles (OR) LACNIC Chair", "Paul Rendek RIPE NCC": a roster
    // in columns apart by spaces, the organisation's acronym first.
    if let Some(len) = ex.orgs.leading_acronym(rest) {
        add_organisations(&rest[..len], &mut e, ex);
        rest = rest[len..].trim();
    }
    let parts = affiliation_parts(rest.trim_start_matches([',', ';']).trim(), ex);
    // "Amaru Condori, Fenna Wuyts, Dagny Eriksen": a list of people flattened
    // into one line; their names are no organisations of the first.
    // A part led by a title ("Madame LEJARD", "Messieurs PINTA") is a person
    // whatever else the line holds.
    let names = parts.iter().filter(|p| is_person_name(p, &ex.lex)).count();
    for part in parts {
        let person = names >= 2 && is_person_name(part, &ex.lex) || is_titled_name(part, &ex.lex);
        if !person {
            classify(part, &mut e, ex);
        }
    }
    if let Some(government) = delegation.filter(|_| e.organisations.is_empty()) {
        e.organisations.push(government);
    }
    pair_memberships(&mut e);
    Some(e)
}

/// The entry a roll's item states, read as a participant list's line is:
/// "Robert E. Erickson, Research Director, Legislative Counsel Bureau".
pub(crate) fn described_entry(item: &str, ex: &Extractor) -> Option<Entry> {
    entry(item, 0, 0, ex)
}

/// `body` with its first spaced dash of each kind a comma: "Name –
/// Organisation" reads as "Name, Organisation". Borrowed when it has none,
/// as most entries of a list.
fn dash_as_comma(body: &str) -> std::borrow::Cow<'_, str> {
    if body.contains(" – ") || body.contains(" - ") {
        body.replacen(" – ", ", ", 1)
            .replacen(" - ", ", ", 1)
            .into()
    } else {
        body.into()
    }
}

/// "Corporate Services Division", "Executive": a line of a list that names
/// a group, not a person: a word of it heads organisations or is a role, and
/// it opens with no given name ("Carl Parish" stays a person).
fn names_no_person(name: &str, lex: &Lexicons) -> bool {
    let first = name.split_whitespace().next().unwrap_or(name);
    // "Jean Dupont, Maire": a role word alone is an office, though someone
    // somewhere has it as a given name.
    let lone_role = first.len() == name.len() && lex.role_words.contains(&first.to_lowercase());
    lone_role
        || !lex.is_given(first)
            && name.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                lex.organisation_heads.contains(&w) || lex.role_words.contains(&w)
            })
}

/// "Mr. C. Albus (Germany)": a country alone in parentheses after a name,
/// with no organisation beside it, is the delegation the person speaks for
/// in an intergovernmental body: its government, where the gazetteer knows
/// it. (A country after an organisation, "ISOC, Brazil", only places the
/// organisation, and a country named in a sentence is no actor at all.)
/// The government of `country` as the gazetteer names it (canonical, as
/// written), when `country` is a country and the gazetteer knows its government.
pub(crate) fn government_of(country: &str, ex: &Extractor) -> Option<(String, String)> {
    if !ex.lex.countries.contains(&crate::words::fold(country)) {
        return None;
    }
    let i = ex.orgs.lookup(&format!("Government of {country}"))?;
    Some((ex.orgs.entry(i).pref.clone(), country.to_owned()))
}

/// Is `token`, in parentheses after `name`, the person's initials? "(OF)"
/// after Ondřej Filip, "(RvM)" after Remco van Mook, "(SJH)" after Simon-Jan
/// Haytink: minutes give them to name people in their actions, and they are
/// no organisation. Two to five letters, two of them capitals, found in order
/// in the name, the first being the initial of one of its words.
fn is_initials(token: &str, name: &str) -> bool {
    let letters: Vec<char> = crate::words::fold(token).chars().collect();
    if !(2..=5).contains(&letters.len())
        || !token.chars().all(char::is_alphabetic)
        || token.chars().filter(|c| c.is_uppercase()).count() < 2
    {
        return false;
    }
    let folded = crate::words::fold(name);
    let starts_a_word = folded.split([' ', '-']).any(|w| w.starts_with(letters[0]));
    let mut name_letters = folded.chars();
    starts_a_word && letters.iter().all(|l| name_letters.any(|c| c == *l))
}

fn table_row(
    cells: &[&str],
    columns: Option<&[String]>,
    line: &Line,
    ex: &Extractor,
) -> Option<Entry> {
    // The first column whose header `[column-headers]` gives `kind`.
    let col = |kind: &str| -> Option<usize> {
        columns.and_then(|c| c.iter().position(|h| column_kind(h, &ex.lex) == Some(kind)))
    };
    let name_col = col("name").unwrap_or(0);
    let name = cells.get(name_col)?.trim();
    let name = leading_name(name, &ex.lex)?;
    let at = line.text().find(name).unwrap_or(0);
    let described = cells
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != name_col)
        .map(|(_, c)| *c)
        .collect::<Vec<_>>()
        .join(" | ");
    let mut e = Entry {
        name: title_case(name),
        line: line.number,
        name_range: at..at + name.len(),
        described,
        ..Entry::default()
    };
    let org_col = col("organisation");
    let role_col = col("role");
    let presence_col = col("presence");
    e.absent = presence_col
        .and_then(|i| cells.get(i))
        .is_some_and(|c| ex.lex.absent_marks.contains(&c.to_lowercase()));
    // Columns that describe a person without naming a body or a role.
    let other = |i: usize| {
        columns.and_then(|c| c.get(i)).is_some_and(|h| {
            [
                "stakeholder",
                "sector",
                "group",
                "country",
                "region",
                "gender",
                "mail",
                "type",
            ]
            .iter()
            .any(|n| h.contains(n))
        })
    };
    for (i, cell) in cells.iter().enumerate() {
        let blank = cell.is_empty()
            || matches!(
                cell.to_ascii_lowercase().as_str(),
                "n/a" | "na" | "-" | "–" | "—" | "none"
            );
        let skipped =
            Some(i) == presence_col || (Some(i) != org_col && Some(i) != role_col && other(i));
        if i == name_col || blank || skipped {
            continue;
        }
        if Some(i) == role_col {
            for (_, part) in split_top_level(cell, &ex.lex) {
                push_role(&mut e.roles, role_name(part, ex));
            }
        } else if Some(i) == org_col {
            organisation_cell(cell, &mut e, ex);
        } else {
            for part in affiliation_parts(cell, ex) {
                classify(part, &mut e, ex);
            }
        }
    }
    pair_memberships(&mut e);
    Some(e)
}

/// A cell of a table's organisation column: its organisations, and the
/// roles some tables write there ("Elected Committer Representative").
/// "and" joins words of one name ("Information and Communications
/// Technology Authority"); a name may open in lower case ("itemis AG").
fn organisation_cell(cell: &str, e: &mut Entry, ex: &Extractor) {
    for piece in cell.split(';') {
        let piece = piece.trim();
        let whole = !piece.contains(',') && stands_alone(piece, ex);
        let parts = if whole {
            vec![piece]
        } else {
            affiliation_parts(piece, ex)
        };
        for part in parts {
            let part = part.trim();
            let known = ex.orgs.lookup(part).is_some();
            if looks_like_role(part, &ex.lex) && !known {
                push_role(&mut e.roles, role_name(part, ex));
            } else if is_styled_lower(part) && !known {
                push_unique_organisation(e, part);
            } else if whole || !ex.lex.countries.contains(&crate::words::fold(part)) {
                add_organisations(part, e, ex);
            }
        }
    }
}

/// A name styled in lower case with a capital further on ("brox
/// IT-Solutions GmbH", "itemis AG"): an organisation where a column says so.
fn is_styled_lower(part: &str) -> bool {
    let mut words = part.split_whitespace();
    let first_lower = words
        .next()
        .is_some_and(|w| w.starts_with(char::is_lowercase));
    let n = part.split_whitespace().count();
    first_lower && (2..=6).contains(&n) && words.any(|w| w.starts_with(char::is_uppercase))
}

fn push_unique_organisation(e: &mut Entry, name: &str) {
    if !e.organisations.iter().any(|(n, _)| n == name) {
        e.organisations.push((name.to_owned(), name.to_owned()));
    }
}

/// A role once, up to case ([`Role::is_same`]).
fn push_role(v: &mut Vec<Role>, role: Option<Role>) {
    if let Some(role) = role.filter(|r| !v.iter().any(|x| x.is_same(r))) {
        v.push(role);
    }
}

/// A role as the role scheme names it ("MAG chair" → "MAG Chair"), or as written
/// when the scheme does not know it; so one role has one label in the graph.
fn role_name(part: &str, ex: &Extractor) -> Option<Role> {
    let part = part.trim();
    ex.roles
        .lookup(part)
        .map_or(Role::new(part), |i| Role::new(&ex.roles.entry(i).pref))
}

/// Is this phrase a role ("past MAG Member") or an organisation ("RIPE NCC")?
fn classify(part: &str, e: &mut Entry, ex: &Extractor) {
    let part = part.trim();
    // "(ICANN)" is ICANN; "… Technology (CAICT)" keeps its acronym's parenthesis.
    let part = part
        .strip_prefix('(')
        .and_then(|p| p.strip_suffix(')'))
        .unwrap_or(part)
        .trim_start_matches('(')
        .trim();
    let part = if part.matches('(').count() < part.matches(')').count() {
        part.trim_end_matches(')')
    } else {
        part
    };
    if part.is_empty() {
        return;
    }
    // "University of Barcelona (co-coordinator)": the organisation and a role.
    if let Some((outer, inner)) = part.strip_suffix(')').and_then(|p| p.rsplit_once(" (")) {
        if ex.roles.lookup(inner).is_some() || looks_like_role(inner, &ex.lex) {
            push_role(&mut e.roles, role_name(inner, ex));
            classify(outer, e, ex);
            return;
        }
        // "President (joined at 8:30)": a note in lower case, no organisation.
        if inner.starts_with(char::is_lowercase) {
            classify(outer, e, ex);
            return;
        }
    }
    if let Some((org, role)) = organisation_then_role(part, ex) {
        push_role(&mut e.roles, role_name(role, ex));
        add_organisations(org, e, ex);
        return;
    }
    if ex.roles.lookup(part).is_some() || looks_like_role(part, &ex.lex) {
        push_role(&mut e.roles, role_name(part, ex));
        // "Head of Policy at ITU": the organisation after "at"; "Chair of the
        // African Parliamentary Network": after "of the", when it names one.
        if let Some((_, org)) = part.split_once(" at ") {
            add_organisations(org, e, ex);
        } else if let Some(org) = held_in(part, &ex.lex) {
            if stands_alone(org, ex) && !looks_like_role(org, &ex.lex) {
                add_organisations(org, e, ex);
            }
        }
        return;
    }
    if ex.lex.countries.contains(&crate::words::fold(part)) {
        return;
    }
    add_organisations(part, e, ex);
}

/// "Riverbend Water Authority (RWA) Executive Director": an organisation's
/// name, then the role held there, with no link between them. The name is
/// one the gazetteer knows or one shaped as an organisation's
/// ([`orgnames::find`]), the rest a role of the vocabulary or holds a role
/// word.
pub(crate) fn organisation_then_role<'a>(
    part: &'a str,
    ex: &Extractor,
) -> Option<(&'a str, &'a str)> {
    // "MAG Member": a role of the vocabulary stays whole.
    if ex.roles.lookup(part).is_some() {
        return None;
    }
    let end = ex
        .orgs
        .find(part)
        .first()
        .filter(|h| h.range.start == 0)
        .map(|h| h.range.end)
        .or_else(|| {
            orgnames::find(part, &ex.lex)
                .first()
                .filter(|r| r.start == 0)
                .map(|r| r.end)
        })?;
    let rest = part[end..].trim();
    // " (RWA) Executive Director": the acronym given after the name.
    let role = rest
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map_or(rest, |(_, after)| after.trim());
    // "ISOC Secretariat" is a body: a role ending in an organisation's
    // head noun names none here.
    let body_head = role
        .rsplit(' ')
        .next()
        .is_some_and(|w| ex.lex.organisation_heads.contains(&w.to_lowercase()));
    let is_role = !role.is_empty()
        && role.starts_with(char::is_uppercase)
        && !body_head
        && (ex.roles.lookup(role).is_some() || looks_like_role(role, &ex.lex));
    is_role.then_some((part[..end].trim(), role))
}

/// What follows the first of `[role-links]` in a role ("the African
/// Parliamentary Network" of "Chair of the ...", "SHPP" of "présidente de
/// la SHPP"): the body the role may be held in.
fn held_in<'a>(role: &'a str, lex: &Lexicons) -> Option<&'a str> {
    let lower = role.to_lowercase();
    lex.role_links.iter().find_map(|link| {
        let at = lower.find(&format!(" {link} "))?;
        // Lower-casing keeps the byte length of the links' letters.
        role.get(at + link.len() + 2..)
    })
}

/// A phrase holding a role word ("Senior Policy Director", "Chair of the
/// Network"), unless the head it ends with is an organisation's ("Registrar
/// Stakeholder Group", "Staff Council": a body named after its members).
/// The head is the last word before any complement ("of", "at", "for").
fn looks_like_role(part: &str, lex: &Lexicons) -> bool {
    let words: Vec<String> = part
        .split([' ', '-', '/'])
        .map(|w| w.to_lowercase())
        .collect();
    let before_complement = words
        .iter()
        .position(|w| matches!(w.as_str(), "of" | "at" | "for"))
        .unwrap_or(words.len());
    let head_is_body = words[..before_complement]
        .last()
        .is_some_and(|w| lex.organisation_heads.contains(w));
    !head_is_body && words.iter().any(|w| lex.role_words.contains(w))
}

/// "Board deputies": a group's label in words, its last the plural of a
/// role, names the role its people hold ("Global Partners" is a name).
fn holders_of(label: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = label.split(' ').collect();
    let (Some(last), true) = (words.last(), words.len() >= 2) else {
        return false;
    };
    words[1..].iter().all(|w| w.starts_with(char::is_lowercase))
        && super::people::is_plural_role(last, lex)
}

/// Canonical organisations in a phrase: gazetteer labels where they cover it
/// ("EC/DG-CNECT" → two), else the phrase itself.
fn add_organisations(part: &str, e: &mut Entry, ex: &Extractor) {
    let part = part.trim();
    if part.is_empty() || !part.chars().any(char::is_alphabetic) {
        return;
    }
    if let Some(i) = ex.orgs.lookup(part) {
        let name = ex.orgs.entry(i).pref.clone();
        if !e.organisations.iter().any(|(n, _)| *n == name) {
            e.organisations.push((name, part.to_owned()));
        }
        return;
    }
    let hits = ex.orgs.find(part);
    let covered: usize = hits.iter().map(|h| h.range.len()).sum();
    let letters = part.chars().filter(|c| c.is_alphanumeric()).count();
    if !hits.is_empty() && covered * 10 >= letters * 6 {
        for h in hits {
            let name = ex.orgs.entry(h.entry).pref.clone();
            if !e.organisations.iter().any(|(n, _)| *n == name) {
                e.organisations.push((name, h.surface));
            }
        }
        return;
    }
    if part.contains('/') {
        for piece in part.split('/') {
            add_organisations(piece, e, ex);
        }
        return;
    }
    if !organisation_shaped(part, &ex.lex) {
        return;
    }
    // "China Academy of ... Technology (CAICT)": the name without its acronym.
    let name = match part.strip_suffix(')').and_then(|p| p.rsplit_once(" (")) {
        Some((long, short))
            if long.split_whitespace().count() >= 2
                && !short.contains(' ')
                && short.chars().filter(|c| c.is_uppercase()).count() >= 2 =>
        {
            long.trim()
        }
        _ => part,
    };
    if !e.organisations.iter().any(|(n, _)| n == name) {
        e.organisations.push((name.to_owned(), name.to_owned()));
    }
}

/// Whether a phrase outside the gazetteer can name an organisation: it holds
/// a capital, starts neither in lower case (a note: "arrivée au point 2") nor with a
/// sentence's punctuation (". Ingrid Solheim"), runs
/// over no sentence break (a list flattened into one line: "Adviser). Robert
/// Scrimgeour") and is no longer than a name can be.
fn organisation_shaped(part: &str, lex: &Lexicons) -> bool {
    let words = part.split_whitespace().count();
    let starts_well = !part.starts_with(['.', ',', ';', ':', '!', '?'])
        && (!part
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(char::is_lowercase)
            || opens_as_name(part));
    let sentence_break = part
        .char_indices()
        .filter(|(_, c)| matches!(c, '.' | '!' | '?'))
        .any(|(i, _)| {
            let after = &part[i + 1..];
            after.starts_with(' ')
                && after.trim_start().starts_with(char::is_uppercase)
                && !is_initial_before(&part[..i], lex)
        });
    // A name has a capital somewhere: "830am" is no organisation.
    let capital = part.chars().any(char::is_uppercase);
    starts_well && capital && !sentence_break && words <= 12
}

/// The byte offset where the first sentence of `s` ends: a full stop, then a
/// space and a capital, not after an initial or an abbreviation; `s.len()`
/// when it has one sentence.
fn sentence_end(s: &str, lex: &Lexicons) -> usize {
    s.char_indices()
        .filter(|&(_, c)| c == '.')
        .find(|&(i, _)| {
            let after = &s[i + 1..];
            after.starts_with(' ')
                && after.trim_start().starts_with(char::is_uppercase)
                && !is_initial_before(&s[..i], lex)
        })
        .map_or(s.len(), |(i, _)| i)
}

/// "J." or "Inc.": a full stop after an initial, an acronym or an
/// abbreviation of `[sentence-abbreviations]` ends no sentence.
fn is_initial_before(before: &str, lex: &Lexicons) -> bool {
    let last = before.rsplit(' ').next().unwrap_or("");
    last.chars().count() <= 2
        || last.chars().all(|c| c.is_uppercase())
        || lex.sentence.abbreviations.contains(&last.to_lowercase())
}

/// Two to four name words, the first a given name, none an organisation's
/// head noun: a person, not an organisation.
fn is_person_name(part: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && lex.is_given(words[0])
        && words.iter().all(|w| is_name_word(w))
        && !words
            .iter()
            .any(|w| lex.organisation_heads.contains(&w.to_lowercase()))
}

/// "Madame LEJARD", "Dr. Ana Ruiz": a title of address, then one to four
/// words of a name; an office that titles people too ("Director Emeritus")
/// is a role there.
fn is_titled_name(part: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && lex.is_honorific(words[0])
        && !lex.role_words.contains(&words[0].to_lowercase())
        && words[1..].iter().all(|w| is_name_word(w))
}

/// With one organisation on the line, its roles are held there.
fn pair_memberships(e: &mut Entry) {
    e.memberships = match e.organisations.as_slice() {
        [(org, _)] if !e.roles.is_empty() => e
            .roles
            .iter()
            .map(|r| Membership {
                organisation: org.clone(),
                role: Some(r.clone()),
            })
            .collect(),
        orgs => orgs
            .iter()
            .map(|(o, _)| Membership {
                organisation: o.clone(),
                role: None,
            })
            .collect(),
    };
}

/// A name listed twice is one person listed once.
fn merge_duplicates(entries: Vec<Entry>) -> Vec<Entry> {
    // By folded name through a map: a list of 50,000 lines is merged in one
    // pass, not by comparing every line with every other. Hashed by
    // foldhash, sized for every entry at once: SipHash and the map's
    // growth were most of merging a list of a million names.
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut seen: std::collections::HashMap<String, usize, foldhash::fast::RandomState> =
        std::collections::HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    for e in entries {
        let key = crate::words::fold(&e.name);
        if let Some(prev) = seen.get(&key).map(|&i| &mut out[i]) {
            for r in e.roles {
                push_role(&mut prev.roles, Some(r));
            }
            for o in e.organisations {
                if !prev.organisations.iter().any(|(n, _)| *n == o.0) {
                    prev.organisations.push(o);
                }
            }
            prev.memberships.extend(e.memberships);
            prev.memberships.sort();
            prev.memberships.dedup();
        } else {
            seen.insert(key, out.len());
            out.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    fn extractor() -> Extractor {
        Extractor::new(&Ontology::embedded().expect("the embedded ontology loads"))
    }

    fn orgs(e: &Entry) -> Vec<&str> {
        e.organisations.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Each entry of `record`'s lists: its name and its organisations as written.
    fn named_organisations(record: &str) -> Vec<(String, Vec<String>)> {
        extract(&Text::new(record), &extractor())
            .into_iter()
            .map(|e| (e.name, e.organisations.into_iter().map(|o| o.1).collect()))
            .collect()
    }

    /// `(name, organisations)` pairs as [`named_organisations`] gives them.
    fn owned(pairs: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        pairs
            .iter()
            .map(|(n, o)| (n.to_string(), o.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn a_numbered_tier_inside_a_roll_does_not_end_it() {
        let ex = extractor();
        let t = Text::new(
            "Present:\n\nLevel 1:\nALFA represented by Juan Perez with 1 vote;\n\n\
             Level 2:\nBETA represented by Marta Rios with 2 votes.\n",
        );
        let names: Vec<String> = extract(&t, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Juan Perez", "Marta Rios"]);
    }

    #[test]
    fn a_member_body_represented_by_a_person_gives_the_person_and_the_body() {
        let ex = extractor();
        let text = Text::new(
            "Se encuentran presentes los siguientes socios:\n\
             ETECSA representada por Jesús Martínez con derecho a 1 voto;\n\
             Acme Networks represented by Ann Lee.\n\nThe assembly opened.\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Jesús Martínez", "Ann Lee"]);
        assert_eq!(orgs(&entries[0]), ["ETECSA"]);
        assert_eq!(orgs(&entries[1]), ["Acme Networks"]);
        let line = text.lines[1].text();
        assert_eq!(&line[entries[0].name_range.clone()], "Jesús Martínez");
    }

    #[test]
    fn a_name_range_points_at_the_name_when_the_line_goes_on_to_an_absence_label() {
        let ex = extractor();
        let text = Text::new(
            "Board minutes\n\nPresent: Ana Lima (AL) (Chair); Ben Ode (BO) Apologies: Zoë Brontë (ZB)\n",
        );
        let entries = extract(&text, &ex);
        let line = text.lines[2].text();
        let named: Vec<&str> = entries
            .iter()
            .map(|e| &line[e.name_range.clone()])
            .collect();
        assert_eq!(named, ["Ana Lima", "Ben Ode"]);
    }

    #[test]
    fn entries_run_together_in_a_flattened_roll_keep_their_roles_and_organisations() {
        let ex = extractor();
        let text = Text::new(
            "Board minutes\n\nSTAFF PRESENT: Laura Kent, Budget Analyst, Office of Fiscal \
             Services Omar Haddad, Intern, Riverside Community College Nina Ross, Committee \
             Clerk OTHERS PRESENT: Peter Lang, Lobbyist, Farmers Water Alliance\n",
        );
        let entries = extract(&text, &ex);
        let read: Vec<(&str, Vec<&str>, Vec<String>)> = entries
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    orgs(e),
                    e.roles.iter().map(|r| r.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(
            read,
            [
                (
                    "Laura Kent",
                    vec!["Office of Fiscal Services"],
                    vec!["Budget Analyst".to_owned()]
                ),
                (
                    "Omar Haddad",
                    vec!["Riverside Community College"],
                    vec!["Intern".to_owned()]
                ),
                ("Nina Ross", vec![], vec!["Committee Clerk".to_owned()]),
                (
                    "Peter Lang",
                    vec!["Farmers Water Alliance"],
                    vec!["Lobbyist".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn a_roll_running_into_prose_keeps_the_organisation_that_ends_it() {
        let ex = extractor();
        let s = "Peter Lang, Lobbyist, Farmers Water Alliance Chair Burke opened the hearing";
        let items: Vec<&str> = entries_at_commas(s, &ex)
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        assert_eq!(
            items,
            [
                "Peter Lang, Lobbyist, Farmers Water Alliance",
                "Chair Burke opened the hearing"
            ]
        );
    }

    #[test]
    fn names_after_an_office_or_with_a_parenthesis_open_entries_of_their_own() {
        let ex = extractor();
        let text = Text::new(
            "Senate minutes\n\nPresent: Myron Avila, Dean Baker, Ana Lima, Paul Twomey (President and CEO\n",
        );
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            ["Myron Avila", "Dean Baker", "Ana Lima", "Paul Twomey"]
        );
    }

    #[test]
    fn a_generational_suffix_after_a_comma_stays_with_its_name() {
        let ex = extractor();
        let text =
            Text::new("Senate minutes\n\nPresent: Ana Lima, W. Clifton Wilkinson, Jr., Ben Ode\n");
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Ana Lima", "W. Clifton Wilkinson, Jr", "Ben Ode"]);
    }

    #[test]
    fn a_list_wrapped_inside_a_name_runs_on_to_the_next_line() {
        let ex = extractor();
        let text = Text::new(
            "Call notes\n\nParticipants: Rafik Dammak (Diplo Foundation), Lisa\n\
             Horner (Global Partners), Marco Pancini (Google), Thomas Schneider (OFCOM)\n",
        );
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            [
                "Rafik Dammak",
                "Lisa Horner",
                "Marco Pancini",
                "Thomas Schneider"
            ]
        );
    }

    #[test]
    fn a_roll_under_its_heading_wrapped_inside_a_name_joins_the_name_again() {
        let ex = extractor();
        let text = Text::new(
            "Conseil du 12 mars 2019\n\nMembres élus (6)\nprésents :\n\
             Lucie BRANDT, Paul MOREAU, Hélène\nVASSEUR, Jean-Marc TOURNIER, Claire DUVAL, Agathe\n\
             LEBLANC-ROUX, Simon FAURE (en\nvisioconférence), Inès ROY, Louise\nMARTY, Marc OLIVE\n\
             absents :\nNadia COLIN, Léo PETIT, Rose\nMARCHAND, Yves BOYER\nInvités (3)\nprésents :\nMarc OLIVE\n",
        );
        let (present, absent) = lists(&text, &ex);
        let names = |v: &[Entry]| v.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&present),
            [
                "Lucie Brandt",
                "Paul Moreau",
                "Hélène Vasseur",
                "Jean-Marc Tournier",
                "Claire Duval",
                "Agathe Leblanc-Roux",
                "Simon Faure",
                "Inès Roy",
                "Louise Marty",
                "Marc Olive"
            ]
        );
        // "Invités (3)" heads the roll under it: no one of the list above.
        assert_eq!(
            names(&absent),
            ["Nadia Colin", "Léo Petit", "Rose Marchand", "Yves Boyer"]
        );
        // Lines that end on a whole name are lists of their own.
        let text = Text::new(
            "Board minutes\n\nPresent:\nAna Lima, Ben Ode, Carla Diaz\nDan Moss, Eve Hart, Finn Ray\n",
        );
        assert_eq!(
            names(&lists(&text, &ex).0),
            [
                "Ana Lima",
                "Ben Ode",
                "Carla Diaz",
                "Dan Moss",
                "Eve Hart",
                "Finn Ray"
            ]
        );
    }

    #[test]
    fn a_sentence_announcing_who_was_present_heads_a_list_but_a_paragraph_does_not() {
        let ex = extractor();
        let lex = &ex.lex;
        assert!(is_lead_in("The following Directors were present:", lex));
        assert!(is_lead_in("Directors Present:", lex));
        assert!(!is_lead_in(
            "The following Directors were not present:",
            lex
        ));
        assert!(!is_lead_in("The following Directors were present.", lex));
        let paragraph = "It was also said that the forum will take place in the same week as the \
            meeting of the group, and that the call for sessions to present projects is now open:";
        assert!(!is_lead_in(paragraph, lex));
    }

    #[test]
    fn a_list_of_guests_after_an_absence_list_is_read_too() {
        let ex = extractor();
        let text = Text::new(
            "Présents.\nG. Allaire,\nF. Bonnans.\n\nExcusés.\nD. Aussel.\n\nInvités.\n\
             R. Abgrall (SMAI-GAMNI, absent),\nL. Decreusefond (SMAI-MAIRCI).\n\n1. Rappel\n",
        );
        let (present, absent) = lists(&text, &ex);
        let names = |v: &[Entry]| v.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        // R. Abgrall's own mark ("absent") is read with the mentions.
        assert_eq!(
            names(&present),
            ["G. Allaire", "F. Bonnans", "R. Abgrall", "L. Decreusefond"]
        );
        assert_eq!(names(&absent), ["D. Aussel"]);
        assert_eq!(orgs(&present[3]), ["SMAI-MAIRCI"]);
    }

    #[test]
    fn a_heading_over_prose_heads_no_list_and_takes_no_later_heading_for_a_name() {
        let ex = extractor();
        let text = Text::new(
            "Guests\n\n  • 9 guests, including a presenter\n\n\
             Open to all members of the Foundation, who are welcome to ask questions at the end \
             of the meeting.\n\nAdministrative\n\nApproval of previous minutes\n",
        );
        assert!(extract(&text, &ex).is_empty(), "{:?}", extract(&text, &ex));
    }

    #[test]
    fn an_organisation_with_commas_stays_whole() {
        let ex = extractor();
        let text = Text::new(
            "Participants: Ana Silva (Ministry of Science, Innovation and Universities, Spain), \
             Chen Wei (China Academy of Information and Communications Technology (CAICT)), \
             Ola Berg (Ministry of Transport and Communications of Finland)\n",
        );
        let entries = extract(&text, &ex);
        let all: Vec<Vec<&str>> = entries.iter().map(orgs).collect();
        assert_eq!(
            all,
            [
                vec!["Ministry of Science, Innovation and Universities"],
                vec!["China Academy of Information and Communications Technology"],
                vec!["Ministry of Transport and Communications of Finland"],
            ]
        );
    }

    #[test]
    fn titled_names_after_the_first_are_people_not_its_organisations() {
        let ex = extractor();
        let text = Text::new(
            "Présents :\nMonsieur Claude DUPONT, Maire, Messieurs DAGORT, DELAMONTAGNE, Madame LEJARD, \
             Docteur LEGENDRE\n",
        );
        let entries = extract(&text, &ex);
        let titled: Vec<_> = entries
            .iter()
            .flat_map(orgs)
            .filter(|o| o.contains("LEJARD") || o.contains("LEGENDRE") || o.contains("DAGORT"))
            .collect();
        assert!(titled.is_empty(), "{entries:?}");
    }

    #[test]
    fn separate_organisations_and_roles_still_split() {
        let ex = extractor();
        let text = Text::new(
            "Participants: Ana Silva (Stockholm University, MAG Member), Ben Ode (ICANN, ISOC)\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(orgs(&entries[0]), ["Stockholm University"]);
        assert_eq!(entries[0].roles, ["MAG Member"]);
        assert_eq!(orgs(&entries[1]).len(), 2, "{:?}", entries[1]);
    }

    #[test]
    fn bulleted_attendees_with_initials_and_roles_in_parentheses() {
        let ex = extractor();
        let text = Text::new(
            "Attendees:\n- Dr. Ana Silva – University of Barcelona (co-coordinator)\n- J. Smith – Mozilla Foundation\n- 2024 report\n- Kwame Asante (DC member)\n\nAna opened the meeting.\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ana Silva", "J. Smith", "Kwame Asante"]);
        assert_eq!(orgs(&entries[0]), ["University of Barcelona"]);
        assert_eq!(entries[0].roles.len(), 1, "{:?}", entries[0]);
        assert_eq!(orgs(&entries[1]), ["Mozilla Foundation"]);
        assert_eq!(entries[2].roles, ["DC member"]);
    }

    #[test]
    fn initials_in_parentheses_are_no_organisation() {
        let ex = extractor();
        let text = Text::new(
            "Present:\n• Ondřej Filip (OF), Chair\n• Remco van Mook (RvM), Member\n• Simon-Jan Haytink (SJH)\n• Paul Wilson (APNIC)\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Ondřej Filip",
                "Remco van Mook",
                "Simon-Jan Haytink",
                "Paul Wilson"
            ]
        );
        assert!(
            entries[..3].iter().all(|e| e.organisations.is_empty()),
            "{entries:?}"
        );
        assert_eq!(orgs(&entries[3]).len(), 1, "{:?}", entries[3]);
    }

    #[test]
    fn a_table_with_a_presence_column_is_a_roll_without_a_heading() {
        let ex = extractor();
        let text = Text::new(
            "Present on the call were the following Directors:\n| Present | Director | Organization |\n| Yes | Ana Silva | Genuitec, LLC |\n| No | Ben Ode | brox IT-Solutions GmbH |\n| Yes | Carla Diaz | Elected Committer Representative |\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ana Silva", "Carla Diaz"]);
        // A legal form after a comma ends the name before it.
        assert_eq!(orgs(&entries[0]), ["Genuitec, LLC"]);
        // A role written in the organisation column is a role.
        assert!(orgs(&entries[1]).is_empty());
        assert_eq!(entries[1].roles, ["Elected Committer Representative"]);
        // The row marked "No" is among those who did not attend, with its
        // organisation, though it opens in lower case.
        let absent = absentees(&text, &ex);
        assert_eq!(absent.len(), 1);
        assert_eq!(absent[0].name, "Ben Ode");
        assert_eq!(orgs(&absent[0]), ["brox IT-Solutions GmbH"]);
    }

    #[test]
    fn a_row_naming_a_person_and_a_role_is_no_header() {
        let ex = extractor();
        let text = Text::new("Participants:\n| Ana Silva | Member |\n| Ben Ode | Chair |\n");
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Ana Silva", "Ben Ode"]);
    }

    #[test]
    fn a_country_alone_after_a_name_is_its_delegation() {
        let ex = extractor();
        let text = Text::new(
            "Present:\n- Mr. C. Albus (Germany)\n- Ms. R. Urdhwareshe (India)\n- Ana Silva (ISOC, Brazil)\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(orgs(&entries[0]), ["Government of Germany"]);
        assert_eq!(orgs(&entries[1]), ["Government of India"]);
        assert_eq!(orgs(&entries[2]), ["Internet Society"]);
    }

    #[test]
    fn a_quoted_nickname_before_the_organisation() {
        let ex = extractor();
        let text = Text::new("In attendance: Bob Hawke (\"Bobby\", Access Now), Ana Silva\n");
        let entries = extract(&text, &ex);
        assert_eq!(entries[0].nickname.as_deref(), Some("Bobby"));
        assert_eq!(orgs(&entries[0]), ["Access Now"]);
        assert_eq!(entries[1].name, "Ana Silva");
    }

    #[test]
    fn participants_by_stakeholder_group() {
        let ex = extractor();
        let text = Text::new(
            "Participants (by stakeholder group)\nGovernment: Lena Fischer (Federal Foreign Office, Germany); Arturo Mendez (MICITT)\nCivil Society: Samira Haddad (SMEX); Joon Park\nPrivate Sector: none\n\nDiscussion\nLena opened the call.\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Lena Fischer",
                "Arturo Mendez",
                "Samira Haddad",
                "Joon Park"
            ]
        );
        assert_eq!(orgs(&entries[0]), ["Federal Foreign Office"]);
    }

    #[test]
    fn countries_are_no_nicknames_and_chairs_name_their_body() {
        let ex = extractor();
        let text = Text::new("Speakers:\n• Senator Maria do Rosário (Brazil)\n• Hon. Neema Lugangira, MP (Tanzania), Chair of the African Parliamentary Network on Internet Governance\n");
        let entries = extract(&text, &ex);
        assert_eq!(entries[0].name, "Maria do Rosário");
        assert_eq!(entries[0].nickname, None);
        assert_eq!(entries[1].name, "Neema Lugangira");
        assert_eq!(
            orgs(&entries[1]),
            ["African Parliamentary Network on Internet Governance"]
        );
    }

    #[test]
    fn surname_first_lists_and_wrapped_inline_lists() {
        let ex = extractor();
        let text = Text::new("Attendees\n* Eze, Ngozi (NIRA)\n* van der Berg, Pieter (RIPE NCC)\n* Mutua, Wanjiru\n\nAgenda\n");
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Ngozi Eze", "Pieter van der Berg", "Wanjiru Mutua"]);
        // "Name, Organisation" lists are not read backwards.
        let text = Text::new("Participants\n- Jane Doe, Google\n- Ana Silva, ICANN\n");
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Jane Doe", "Ana Silva"]);
        let text = Text::new(
            "Participants: Ana Silva (AGESIC), Florencia Núñez\n(ISOC Uruguay), Ing. Diego Cabrera (URSEC),\nBen Ode (UdelaR) and myself.\nThe meeting opened.\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["Ana Silva", "Florencia Núñez", "Diego Cabrera", "Ben Ode"]
        );
        assert_eq!(orgs(&entries[1]), ["ISOC Uruguay"]);
        assert_eq!(entries[3].nickname, None, "(UdelaR) is no nickname");
        let text =
            Text::new("Participants: Ben Ode (Antel), Giuseppina Russo (Pina), Robert Ray (Bob)\n");
        let nicks: Vec<Option<String>> = extract(&text, &ex)
            .into_iter()
            .map(|e| e.nickname)
            .collect();
        assert_eq!(
            nicks,
            [None, Some("Pina".to_owned()), Some("Bob".to_owned())]
        );
        assert_eq!(orgs(&entries[3]), ["UdelaR"]);
    }

    #[test]
    fn table_columns_that_are_not_organisations() {
        let ex = extractor();
        let text = Text::new("Participants\nName\tOrganization\tStakeholder group\nAna Silva\tZambia Information and Communications Technology Authority\tGovernment\nBen Ode\tN/A\tCivil Society\n");
        let entries = extract(&text, &ex);
        assert_eq!(
            orgs(&entries[0]),
            ["Zambia Information and Communications Technology Authority"]
        );
        assert!(entries[1].organisations.is_empty(), "{:?}", entries[1]);
    }

    #[test]
    fn apologies_are_not_participants() {
        let ex = extractor();
        let text = Text::new(
            "Present: Ana Silva, Ben Ode\nApologies: Carla Diaz (ITU), Dev Rao\n\nAna opened the meeting.\n",
        );
        let present: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(present, ["Ana Silva", "Ben Ode"]);
        let absent = absentees(&text, &ex);
        let names: Vec<&str> = absent.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Carla Diaz", "Dev Rao"]);
        assert_eq!(orgs(&absent[0]), ["International Telecommunication Union"]);

        let text =
            Text::new("Participants\n\n1. Ana Silva, ICANN\n2. Ben Ode\n\nRegrets\n\nCarla Diaz\n");
        let present: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(present, ["Ana Silva", "Ben Ode"]);
        let absent: Vec<String> = absentees(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(absent, ["Carla Diaz"]);
    }

    #[test]
    fn a_lower_case_note_in_parentheses_is_no_organisation() {
        let ex = extractor();
        let text = Text::new(
            "Attendees:\n  1. Mr. Ana Ruiz, President (joined at 830am)\n  \
             2. Ms. Eva Lind, Director (on irc)\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(entries.len(), 2);
        assert!(entries.iter().all(|e| e.organisations.is_empty()));
        assert_eq!(entries[0].roles, ["President"]);
    }

    #[test]
    fn absence_headings_by_their_closing_phrase_unless_negated() {
        let lex = &extractor().lex;
        assert!(is_absence_heading("Expected, but Not Present", lex));
        assert!(is_absence_heading("Apologies:", lex));
        assert!(!is_absence_heading("No Apologies received", lex));
        // One word at the end closes headings of other kinds too.
        assert!(!is_absence_heading("Members present and absent", lex));
    }

    #[test]
    fn a_list_line_outside_the_roll_states_its_organisation() {
        let ex = extractor();
        let text = Text::new("Guests:\n  7. Mr. Ana Ruiz (Schwartz Communications)\n");
        let e = line_entry(&text.lines[1], &ex).expect("an entry");
        assert_eq!(e.name, "Ana Ruiz");
        assert_eq!(orgs(&e), ["Schwartz Communications"]);
    }

    fn people(entries: &[Entry]) -> Vec<(&str, Vec<&str>)> {
        entries.iter().map(|e| (e.name.as_str(), orgs(e))).collect()
    }

    #[test]
    fn a_roll_grouped_by_organisation_gives_each_person_the_group() {
        let ex = extractor();
        let text = Text::new(
            "Present:\nOntario Power Generation: B. Duncan and R. MacEacheron\nBruce Power: F. Saunders\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(
            people(&entries),
            [
                ("B. Duncan", vec!["Ontario Power Generation"]),
                ("R. MacEacheron", vec!["Ontario Power Generation"]),
                ("F. Saunders", vec!["Bruce Power"]),
            ]
        );
    }

    #[test]
    fn a_group_of_members_or_of_the_excused_names_no_organisation() {
        let ex = extractor();
        let text = Text::new(
            "Présents :\nMembres de l'Association : Claire Dubois, Paul Martin\nPersonnes excusées : Anne Petit\n",
        );
        let (present, absent) = lists(&text, &ex);
        assert_eq!(
            people(&present),
            [("Claire Dubois", vec![]), ("Paul Martin", vec![])]
        );
        assert_eq!(people(&absent), [("Anne Petit", vec![])]);
    }

    #[test]
    fn staff_of_a_named_organisation_are_its_until_the_next_heading() {
        let ex = extractor();
        let text = Text::new(
            "Attendees:\n\n  * Kat Hunter, Chair\n\nARIN Staff:\n\n  * John Curran, President\n\n\
             Observers\n\n  * Dan Alexander, Board Trustee\n\nRIPE NCC staff: Ana Lima, Ben Ode\n",
        );
        let entries = extract(&text, &ex);
        let with_org: Vec<(&str, usize)> = entries
            .iter()
            .map(|e| (e.name.as_str(), e.organisations.len()))
            .collect();
        assert_eq!(
            with_org,
            [
                ("Kat Hunter", 0),
                ("John Curran", 1),
                ("Dan Alexander", 0),
                ("Ana Lima", 1),
                ("Ben Ode", 1)
            ]
        );
        assert_eq!(entries[1].organisations[0].1, "ARIN");
        assert_eq!(entries[3].organisations[0].1, "RIPE NCC");
    }

    #[test]
    fn a_delegation_s_country_after_its_last_name_is_every_member_s() {
        let got = named_organisations(
            "Acta\n\nAsisten: Ana Lima, Ben Ode (Brasil); Carla Ruiz (Chile); \
             Dan Roe, Eva Sol (Chair)\n",
        );
        let want = owned(&[
            ("Ana Lima", &["Brasil"]),
            ("Ben Ode", &["Brasil"]),
            ("Carla Ruiz", &["Chile"]),
            ("Dan Roe", &[]),
            ("Eva Sol", &[]),
        ]);
        assert_eq!(got, want);
    }

    #[test]
    fn a_roster_in_columns_apart_by_spaces_gives_the_acronym_as_organisation() {
        let got = named_organisations(
            "Minutes\n\nPresent:\n\nOscar Robles (OR) LACNIC Chair\n\
             Paul Rendek RIPE NCC\nAna Lima ARIN\n",
        );
        let want = owned(&[
            ("Oscar Robles", &["LACNIC"]),
            ("Paul Rendek", &["RIPE NCC"]),
            ("Ana Lima", &["ARIN"]),
        ]);
        assert_eq!(got, want);
    }

    #[test]
    fn a_role_held_in_a_body_gives_the_body_in_any_language_of_the_lexicon() {
        let got = named_organisations(
            "Minutes\n\nPresent:\n\nAna Lima (présidente de la SHPP)\nBen Ode, Chair of ISOC\n\
             Carla Ruiz, Head of Policy\n",
        );
        let want = owned(&[
            ("Ana Lima", &["SHPP"]),
            ("Ben Ode", &["ISOC"]),
            ("Carla Ruiz", &[]),
        ]);
        assert_eq!(got, want);
    }

    #[test]
    fn a_body_s_staff_heading_alone_heads_a_roll_of_its_people() {
        let ex = extractor();
        let text = Text::new(
            "Minutes\n\nRIPE NCC staff: Ana Lima, Ben Ode\n\n\
             Amy Vezza (AMS) / IETF Secretariat\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<(&str, usize)> = entries
            .iter()
            .map(|e| (e.name.as_str(), e.organisations.len()))
            .collect();
        assert_eq!(names, [("Ana Lima", 1), ("Ben Ode", 1)]);
        assert_eq!(entries[0].organisations[0].1, "RIPE NCC");
    }

    #[test]
    fn lines_of_one_person_each_after_an_inline_heading_are_not_one_wrapped_item() {
        let ex = extractor();
        let text = Text::new(
            "Minutes\n\nOther Attendees: Doug Nadorozny, Chief Administrative Officer\n\
             Robin McDougall, Director, Community Services\n\
             Marco Ramunno, Director, Planning and Development Services\n",
        );
        // The inline list ends with its line; the lines below are entries
        // of their own, which the reading of list lines takes.
        let names: Vec<String> = extract(&text, &ex).into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["Doug Nadorozny"]);
    }

    #[test]
    fn a_heading_in_capitals_or_of_the_meeting_s_own_board_names_no_organisation() {
        let ex = extractor();
        for heading in [
            "Etaient PRESENTS : Ana Lima, Ben Ode",
            "The following members of the Board of Directors were present:\nAna Lima\nBen Ode",
        ] {
            let text = Text::new(&format!("Minutes\n\n{heading}\n"));
            let entries = extract(&text, &ex);
            assert_eq!(entries.len(), 2, "{heading}");
            assert!(
                entries.iter().all(|e| e.organisations.is_empty()),
                "{heading}"
            );
        }
    }

    #[test]
    fn a_list_flattened_into_one_line_under_its_heading_keeps_each_organisation() {
        let ex = extractor();
        let text = Text::new(
            "Also attending the meeting were:\n\nGeoff Huston (Secretary), Mary Burger (ISOC \
             Secretariat), C. Joe Pasquariello (ISOC Advisory Council), and Ole Jacobsen (ISOC \
             Advisory Council).\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(
            people(&entries),
            [
                ("Geoff Huston", vec![]),
                ("Mary Burger", vec!["ISOC Secretariat"]),
                ("C. Joe Pasquariello", vec!["ISOC Advisory Council"]),
                ("Ole Jacobsen", vec!["ISOC Advisory Council"]),
            ]
        );
    }

    #[test]
    fn a_lead_in_sentence_with_its_list_after_the_colon_is_a_roll_of_its_named_organisation() {
        let ex = extractor();
        let text = Text::new(
            "Board minutes\n\nAlso, the following ICANN Management and Staff participated in all \
             or part of the meeting: Ann Lee, General Counsel and Secretary; Bo Park, Vice \
             President, Policy; Cy Doe, Manager, Root Zone Services.\n",
        );
        let entries = extract(&text, &ex);
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ann Lee", "Bo Park", "Cy Doe"]);
        for e in &entries {
            assert_eq!(
                orgs(e),
                ["Internet Corporation for Assigned Names and Numbers"],
                "{}",
                e.name
            );
        }
    }

    #[test]
    fn a_lead_in_followed_by_another_sentence_on_its_line_is_left_to_the_running_text() {
        let ex = extractor();
        let text = Text::new(
            "Board minutes\n\nThe following members were present at the meeting: Ann Lee, Bo \
             Park. Also in attendance were Cy Doe (Treasurer).\n",
        );
        assert!(extract(&text, &ex).is_empty());
    }

    #[test]
    fn a_field_and_another_make_one_department() {
        let ex = extractor();
        let text = Text::new(
            "Guests: Mike Augustine (Senior Director, Advising and Retention); Ana Lima (ISOC and \
             ICANN)\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(
            people(&entries),
            [
                ("Mike Augustine", vec!["Advising and Retention"]),
                (
                    "Ana Lima",
                    vec![
                        "Internet Society",
                        "Internet Corporation for Assigned Names and Numbers"
                    ]
                ),
            ]
        );
    }

    #[test]
    fn a_body_named_after_its_members_is_an_organisation_not_a_role() {
        let ex = extractor();
        let text = Text::new(
            "List of attendees:\nRegistrar Stakeholder Group: James Bladel, Volker Greimann\n\
             gTLD Registries Stakeholder Group: Donna Austin\nGuests: Ana Lima (Staff Council), \
             Bo Park (Chair of the Staff Council)\n",
        );
        let entries = extract(&text, &ex);
        assert_eq!(
            people(&entries),
            [
                ("James Bladel", vec!["Registrar Stakeholder Group"]),
                ("Volker Greimann", vec!["Registrar Stakeholder Group"]),
                ("Donna Austin", vec!["gTLD Registries Stakeholder Group"]),
                ("Ana Lima", vec!["Staff Council"]),
                ("Bo Park", vec!["Staff Council"]),
            ]
        );
        assert!(entries[0].roles.is_empty());
        assert_eq!(entries[4].roles.len(), 1);
    }

    #[test]
    fn groups_run_together_on_one_line_split_after_initialled_names() {
        let ex = extractor();
        let text = Text::new(
            "Present: A. Harvey, M. Young Other contributors were: Acme Power: B. Duncan and R. Smith Hydro Services : C. Gelinas AECL: J. Miller, G. MacLean\n",
        );
        assert_eq!(
            people(&extract(&text, &ex)),
            [
                ("A. Harvey", vec![]),
                ("M. Young", vec![]),
                ("B. Duncan", vec!["Acme Power"]),
                ("R. Smith", vec!["Acme Power"]),
                ("C. Gelinas", vec!["Hydro Services"]),
                ("J. Miller", vec!["AECL"]),
                ("G. MacLean", vec!["AECL"]),
            ]
        );
    }
}
