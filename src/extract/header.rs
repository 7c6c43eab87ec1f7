//! The meeting itself: series, number, date, start time, moderators, hosts and
//! the date of the next meeting.
//!
//! Reports state these in a title block ("Online Meeting 46 / 20 October 2022 at
//! 14:00 UTC"), in an opening sentence ("The 84th virtual meeting of ... was held
//! on ..."), or both; the title block wins where it is present because it is
//! the most regular part of any layout.

use super::body_phrase::is_generic_body;
use super::gazetteer::Matcher;
use crate::text::{Sentence, Text};
use crate::words::dates::{DateMatch, PartialDate, TimeMatch};
use crate::words::lexicons::RosterRole;
use crate::words::names::{capitalised, is_initials, is_name_word};
use crate::words::Lexicons;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(p).unwrap_or_else(|e| unreachable!("static regex {p}: {e}"))
}

static PARENTHETICAL: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\([^)]{1,24}\)"));
static PARENTHETICAL_END: LazyLock<Regex> = LazyLock::new(|| re(r"\s*\([^)]{1,24}\)\s*$"));
static YEAR_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"\s+(?:19|20)\d{2}\b"));

/// The meeting header, names as written (resolution comes later).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub series: String,
    pub number: Option<u32>,
    pub date: Option<NaiveDate>,
    /// The meeting's start time as written, with its zone's offset where named.
    pub start_time: Option<TimeMatch>,
    pub next_meeting_date: Option<NaiveDate>,
    /// (name as written, nickname, sentence index) for each moderator.
    pub moderators: Vec<RosterName>,
    pub hosts: Vec<RosterName>,
    /// Who kept the minutes, each with the label that says so ("Recording
    /// Secretary: A").
    pub recorders: Vec<(RosterName, String)>,
    /// People a role label names once the chair is known ("Remote
    /// moderator: A" under "Chairman: B"), each with the label: no chair of
    /// this meeting, but named in that office.
    pub officers: Vec<(RosterName, String)>,
}

/// A name that a roster sentence gives ("hosted by Concettina Cassa (Titti)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterName {
    pub name: String,
    pub nickname: Option<String>,
    pub sentence: usize,
    /// Byte range of the name in the sentence.
    pub range: std::ops::Range<usize>,
}

/// Title lines: the non-blank lines before the first sentence of running text.
/// The lines of the header block a record opens with when it is an e-mail:
/// two "Field:" lines or more at the top, a "From:" or "Subject:" among them.
fn email_header(text: &Text, lex: &Lexicons) -> Vec<usize> {
    let block: Vec<&crate::text::Line> = text
        .lines
        .iter()
        .skip_while(|l| l.is_blank())
        .take_while(|l| lex.header.email_header.is_match(l.text()))
        .collect();
    let mail = block.len() >= 2
        && block.iter().any(|l| {
            let t = l.text().to_ascii_lowercase();
            (lex.email_marking_fields.iter()).any(|field| t.starts_with(field.as_str()))
        });
    if mail {
        block.iter().map(|l| l.number).collect()
    } else {
        Vec::new()
    }
}

fn title_lines<'a>(text: &'a Text, lex: &Lexicons, mail: &[usize]) -> Vec<&'a str> {
    // Title lines run until the first real sentence (long and ending with a
    // full stop), the first list item or the first section heading.
    let first_sentence_line = text
        .sentences
        .iter()
        .find(|s| s.text().split(' ').count() > 12 && s.text().ends_with('.'))
        .map_or(usize::MAX, |s| s.line);
    text.lines
        .iter()
        .filter(|l| !l.is_blank() && l.number < first_sentence_line)
        .filter(|l| !mail.contains(&l.number) && !is_decoration(l.text()))
        // "Meeting Minutes", "2019 Minutes" above the body's name: the
        // record's kind, no section of it (below the name, it ends the block).
        .skip_while(|l| names_the_record_only(l.text(), lex))
        .take_while(|l| {
            crate::text::list_marker(l.text()).is_none()
                && !lex.is_section_heading(l.text().split(':').next().unwrap_or(""))
        })
        .take(8)
        .map(|l| l.text())
        .collect()
}

/// "These minutes were approved at the Board meeting on 19 May 2009." above
/// "Wikimedia UK Board meeting Tuesday 12th May 2009": a note before the
/// title ends the title block, so when the block names no series the first
/// lines of the record are looked at again, up to its first list item: those
/// that stand alone between blank lines, as a title does (a line of a
/// wrapped paragraph does not).
fn later_title_lines<'a>(text: &'a Text, mail: &[usize]) -> Vec<&'a str> {
    let blank = |i: Option<usize>| {
        i.and_then(|i| text.lines.get(i))
            .is_none_or(|l| l.is_blank())
    };
    (0..text.lines.len())
        .filter(|&i| !text.lines[i].is_blank() && !mail.contains(&text.lines[i].number))
        .take(12)
        .take_while(|&i| crate::text::list_marker(text.lines[i].text()).is_none())
        .filter(|&i| blank(i.checked_sub(1)) && blank(Some(i + 1)))
        .map(|i| text.lines[i].text())
        .filter(|t| !is_decoration(t) && !t.contains(". "))
        .collect()
}

/// "From OpenStreetMap Foundation" under a wiki page's title: the site the
/// page is from (`[site-taglines]`), whose body a generic series ("Board")
/// is. Among the first three lines, a few capitalised words.
fn site_name<'a>(text: &'a Text, lex: &Lexicons) -> Option<&'a str> {
    text.lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(3)
        .find_map(|l| {
            let t = l.text().trim();
            let site = lex
                .site_taglines
                .iter()
                .find_map(|lead| t.strip_prefix(lead.as_str())?.strip_prefix(' '))?;
            let words: Vec<&str> = site.split_whitespace().collect();
            let named = (1..=5).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
                && !words
                    .iter()
                    .any(|w| lex.body_words.contains(&w.to_lowercase()));
            named.then_some(site.trim())
        })
}

/// "- DRAFT -", "– Confidential –": a stamp set between dashes, no list
/// item (it would end the title block) and no title.
fn is_decoration(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() <= 40
        && ["-", "–", "—", "*"]
            .iter()
            .any(|d| t.len() > 2 * d.len() && t.starts_with(d) && t.ends_with(d))
}

/// "Steering Committee Meeting No. 1 - 2019": the year of the series'
/// edition after a title, which would keep the meeting's number from being
/// read as the title's tail.
fn without_trailing_year(t: &str) -> &str {
    let trimmed = t.trim_end();
    match trimmed.rsplit_once(' ') {
        Some((head, y))
            if y.len() == 4
                && (y.starts_with("19") || y.starts_with("20"))
                && y.chars().all(|c| c.is_ascii_digit()) =>
        {
            head.trim_end_matches([' ', '-', '–', '—', ',', ':'])
        }
        _ => t,
    }
}

/// "2019 Board of Directors Meeting": the year of an edition before a
/// title, which the date finder would take for the meeting's date and cut
/// the title before.
fn without_leading_year(t: &str) -> &str {
    let mut words = t.splitn(2, ' ');
    match (words.next(), words.next()) {
        (Some(y), Some(rest))
            if y.len() == 4
                && (y.starts_with("19") || y.starts_with("20"))
                && y.chars().all(|c| c.is_ascii_digit())
                && rest.starts_with(char::is_uppercase) =>
        {
            rest
        }
        _ => t,
    }
}

pub fn extract(text: &Text, lex: &Lexicons, orgs: &Matcher) -> Header {
    let mut h = Header::default();
    let mail = email_header(text, lex);
    let titles = title_lines(text, lex, &mail);
    // An e-mail's header block ("Date: Wed, 5 Feb 2025 09:47:12 -0300" is
    // when it was sent) is not the record's.
    let opening: Vec<&Sentence> = text
        .sentences
        .iter()
        .filter(|s| !mail.contains(&s.line))
        .take(12)
        .collect();
    // The title block first, then the opening sentences: where the series,
    // the date and the time are looked for.
    let places: Vec<&str> = titles
        .iter()
        .copied()
        .chain(opening.iter().map(|s| s.text()))
        .collect();
    h.series = series(&titles, &opening, orgs, lex);
    if h.series.is_empty() {
        h.series = chat_meeting_name(text, lex).unwrap_or_default();
    }
    if let Some(found) = super::body_phrase::find(&places, lex) {
        let named = named_body(&found.name, orgs, lex);
        if phrase_improves(&h.series, &named, lex) {
            h.series = named;
        }
    }
    if h.series.is_empty() {
        h.series = body_title(&later_title_lines(text, &mail), orgs, lex).unwrap_or_default();
    }
    if h.series.is_empty() {
        h.series = (titles.first().and_then(|t| legal_letterhead(t, lex)))
            .or_else(|| first_line(text, &mail).and_then(list_tag))
            .or_else(|| channel_series(text, lex))
            .unwrap_or_default();
    }
    // "Conseil Municipal" of which commune: the place the record names.
    if !h.series.is_empty() && is_generic_body(&h.series, lex) {
        if let Some(placed) = super::body_phrase::with_place(&h.series, &places, lex) {
            h.series = placed;
        }
    }
    if !h.series.is_empty() && is_generic_body(&h.series, lex) {
        if let Some(site) = site_name(text, lex) {
            h.series = format!("{site} {}", h.series);
        }
    }
    h.number = meeting_number(&titles, &opening, lex);
    let month_first = writes_month_first(text, lex);
    // "1 February i960": a year's 1 read as a letter is the year. "Fri Feb
    // 20 14:01:03 EET 2009" under a post's author: when the post was sent.
    let read: Vec<String> = (places.iter())
        .map(|p| {
            POST_STAMP
                .replace_all(&OCR_YEAR.replace_all(p, "1$1"), "")
                .into_owned()
        })
        .collect();
    let places: Vec<&str> = read.iter().map(|p| p.as_ref()).collect();
    let mut date_place = None;
    if let Some((i, date)) = meeting_date(&places, lex, month_first) {
        (h.date, date_place) = (date, Some(i));
    }
    if h.date.is_none() {
        if let Some((i, date)) = date_with_nearby_year(&places, lex, month_first) {
            (h.date, date_place) = (date, Some(i));
        }
    }
    if let Some(i) = date_place {
        h.start_time = start_time(&places, i, h.date, lex);
    }
    if let Some(started) = time_called_to_order(text, h.date, lex) {
        h.start_time = Some(on_the_record_clock(started, h.start_time.as_ref()));
    }
    next_meeting(text, &mut h, lex, month_first);
    roster(text, &mut h, lex);
    h
}

/// The meeting's number: in a title ("Meeting #60", "MAG Meeting XIX"), as
/// an ordinal number in an opening sentence ("the 12th meeting"), or as an
/// ordinal word ("Seventh Meeting").
fn meeting_number(titles: &[&str], opening: &[&Sentence], lex: &Lexicons) -> Option<u32> {
    titles
        .iter()
        .find_map(|t| {
            lex.header
                .title_number
                .captures(t)
                .and_then(|c| number(&c[1]))
        })
        .or_else(|| {
            opening.iter().find_map(|s| {
                lex.header
                    .ordinal_number
                    .captures(s.text())
                    .and_then(|c| c[1].parse().ok())
            })
        })
        .or_else(|| {
            titles
                .iter()
                .copied()
                .chain(opening.iter().map(|s| s.text()))
                .find_map(|t| {
                    lex.ordinal_title
                        .as_ref()?
                        .captures(t)
                        .and_then(|c| ordinal(&c[1], lex))
                })
        })
}

/// The meeting's date and the place it was found in: the first dated place
/// whose date is no record metadata ("Revision as of", "approved on"). A
/// range of days ("May 4-8, 2015") gives its first day, unless a single day
/// inside the range is written after it ("Tuesday, May 5, 2015"): a day
/// outside it is another date (the document's, "Date: 1997.7.16").
fn meeting_date(
    places: &[&str],
    lex: &Lexicons,
    month_first: bool,
) -> Option<(usize, Option<NaiveDate>)> {
    if let Some(held) = held_date(places, lex, month_first) {
        return Some(held);
    }
    let candidates = date_candidates(places, lex, month_first);
    let (i, first, range) = candidates.iter().find(|(_, d, _)| d.year.is_some())?;
    let chosen = range
        .and_then(|last| {
            candidates
                .iter()
                .find(|(_, d, r)| r.is_none() && within(d, first, &last))
        })
        .map_or((*i, *first), |(j, d, _)| (*j, *d));
    Some((chosen.0, chosen.1.in_context(None, false)))
}

/// "The tenth consortium meeting was held at Telvent premises in Madrid,
/// 24-26 May 2011" under a date line "7 June 2011" (when the record was
/// written): the first dated place that says the meeting was held, and its
/// first date with a year after the phrase (the first day of a range).
fn held_date(
    places: &[&str],
    lex: &Lexicons,
    month_first: bool,
) -> Option<(usize, Option<NaiveDate>)> {
    let phrase = lex.meeting_held.as_ref()?;
    places.iter().enumerate().find_map(|(i, place)| {
        let after = phrase.find(place)?.end();
        let date = (lex.dates.find_dates_in(place, month_first).into_iter())
            .find(|d| d.range.start >= after && d.date.year.is_some())?;
        let first = lex
            .dates
            .range_days(place, &date)
            .map_or(date.date, |(first, _)| first);
        Some((i, first.in_context(None, false)))
    })
}

/// Every date of the places outside record metadata, in order: (place, date,
/// the last day when the date starts a range of days).
fn date_candidates(
    places: &[&str],
    lex: &Lexicons,
    month_first: bool,
) -> Vec<(usize, PartialDate, Option<PartialDate>)> {
    let mut candidates = Vec::new();
    for (i, place) in places.iter().enumerate() {
        for d in dates_in(place, lex, month_first) {
            if is_metadata_date(place, &d, lex) {
                continue;
            }
            match lex.dates.range_days(place, &d) {
                Some((first, last)) => candidates.push((i, first, Some(last))),
                None => candidates.push((i, d.date, None)),
            }
        }
    }
    candidates
}

/// "Revised 3 May", "next meeting 19th March": a date after a word of
/// `[date-metadata]` in its place is the record's or another meeting's.
fn is_metadata_date(place: &str, d: &DateMatch, lex: &Lexicons) -> bool {
    let before = place[..d.range.start].to_lowercase();
    (lex.date_metadata.iter()).any(|w| before.contains(w.as_str()))
}

/// Whether the record writes numeric dates month first: it says so ("US
/// style"), a place of `[month-first-places]` is named in its first lines
/// (a letterhead, a wiki's name), or one of its numeric dates can only be
/// read month first ("6/29/2016") and none only day first.
fn writes_month_first(text: &Text, lex: &Lexicons) -> bool {
    /// The lines of a record's head, where its place is named.
    const HEAD_LINES: usize = 6;
    let said = (text.sentences.iter()).any(|s| lex.header.us_dates.is_match(s.text()));
    let placed = (text.lines.iter().filter(|l| !l.is_blank()))
        .take(HEAD_LINES)
        .any(|l| lex.header.month_first_places.is_match(l.text()));
    said || placed || numeric_dates_read_month_first(text)
}

/// "6/29/2016" somewhere in the record, and no "29/6/2016".
fn numeric_dates_read_month_first(text: &Text) -> bool {
    let (mut month_first, mut day_first) = (false, false);
    for line in &text.lines {
        for c in SLASHED_DATE.captures_iter(line.text()) {
            let part = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            if let (Some(a), Some(b)) = (part(1), part(2)) {
                month_first |= a <= 12 && (13..=31).contains(&b);
                day_first |= (13..=31).contains(&a) && b <= 12;
            }
        }
    }
    month_first && !day_first
}

/// `d` falls on a day from `first` to `last`, each with its year.
fn within(d: &PartialDate, first: &PartialDate, last: &PartialDate) -> bool {
    let key = |p: &PartialDate| (p.year, p.month, p.day);
    d.year.is_some() && key(first) <= key(d) && key(d) <= key(last)
}

/// A date without its year still places the meeting if a year is written
/// nearby.
fn date_with_nearby_year(
    places: &[&str],
    lex: &Lexicons,
    month_first: bool,
) -> Option<(usize, Option<NaiveDate>)> {
    let year = places
        .iter()
        .find_map(|p| YEAR.find(p).and_then(|m| m.as_str().parse::<i32>().ok()))?;
    places.iter().enumerate().find_map(|(i, place)| {
        let d = (lex.dates.find_dates_in(place, month_first).into_iter())
            .find(|d| !is_metadata_date(place, d, lex))?;
        let date = PartialDate {
            year: Some(year),
            ..d.date
        };
        Some((i, date.in_context(None, false)))
    })
}

/// The meeting's start time: a zoned time first, in the place of the date,
/// then in the other places in order; else the first local time so found.
fn start_time(
    places: &[&str],
    date_place: usize,
    date: Option<NaiveDate>,
    lex: &Lexicons,
) -> Option<TimeMatch> {
    let mut order: Vec<usize> = vec![date_place];
    order.extend((0..places.len()).filter(|&j| j != date_place));
    order
        .iter()
        .flat_map(|&j| lex.dates.find_times_on(places[j], date))
        .min_by_key(|t| t.offset.is_none())
}

/// "The meeting was called to order at 7:02 p.m.": the first time just after
/// a phrase of `[meeting-start-phrases]`, which is when the meeting started
/// rather than when it was scheduled to. Only close after the phrase: a
/// sentence of a log without full stops runs on to other lines' clocks.
fn time_called_to_order(text: &Text, date: Option<NaiveDate>, lex: &Lexicons) -> Option<TimeMatch> {
    /// "Meeting started Wed Jun 17 18:58:58 2020 UTC" fits.
    const NEAR: usize = 60;
    let phrase = lex.meeting_start.as_ref()?;
    text.sentences.iter().find_map(|s| {
        let rest = &s.text()[phrase.find(s.text())?.end()..];
        let near = rest
            .char_indices()
            .nth(NEAR)
            .map_or(rest, |(end, _)| &rest[..end]);
        lex.dates.find_times_on(near, date).into_iter().next()
    })
}

/// A time without a zone takes the zone of the record's scheduled time, where
/// that one names it: a record keeps one clock ("scheduled for 11:00 UTC ...
/// called to order at 11:02").
fn on_the_record_clock(mut started: TimeMatch, scheduled: Option<&TimeMatch>) -> TimeMatch {
    if started.offset.is_none() {
        started.offset = scheduled.and_then(|t| t.offset);
    }
    started
}

/// A year of the last century or this one.
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(19|20)\d{2}\b"));
/// "i960", "l987": a year of the last century whose 1 a scan read as a
/// letter.
static OCR_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b[iIl](9\d{2})\b"));
/// "6/29/2016": a numeric date with slashes and a four-figure year.
static SLASHED_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{1,2})/(\d{1,2})/(?:19|20)\d{2}\b"));
/// "#gentoo-council", "#ubuntu-fr-meeting": an IRC channel's name, lower
/// case, in parts joined by hyphens, standing alone (no URL's fragment).
static CHANNEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[\s:(\[])#([a-z][a-z0-9]*(?:-[a-z0-9]+)+)\b"));
/// "Fri Feb 20 14:01:03 EET 2009": a mail archive's stamp of when a post
/// was sent, its zone before its year (a meeting bot's "Wed Jun 17
/// 18:58:58 2020 UTC" puts the year first).
static POST_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b[A-Z][a-z]{2},? [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}:\d{2} [A-Z]{2,5} (?:19|20)\d{2}\b")
});
/// "[IRP] Meeting Minutes": a mailing list's tag before a post's subject
/// (its opening bracket may be gone with the text's cleaning).
static LIST_TAG: LazyLock<Regex> = LazyLock::new(|| re(r"^\[?([^\[\]\s]{1,30})\]\s*"));

/// "third" → 3.
fn ordinal(word: &str, lex: &Lexicons) -> Option<u32> {
    let word = word.to_lowercase();
    lex.ordinal_words
        .iter()
        .position(|w| *w == word)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// "12" or "XII".
fn number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

/// A short line of record words, meeting nouns and figures only: "Meeting
/// Minutes", "2019 Minutes", "Official Minutes".
fn names_the_record_only(t: &str, lex: &Lexicons) -> bool {
    let words: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let meeting = |w: &String| {
        lex.frame
            .meetings
            .iter()
            .any(|m| m.len() == 1 && m[0] == *w)
    };
    (1..=4).contains(&words.len())
        && words.iter().any(|w| lex.record_words.contains(w))
        && words.iter().all(|w| {
            lex.record_words.contains(w)
                || meeting(w)
                || lex.frame.qualifiers.contains(w)
                || w.chars().all(|c| c.is_ascii_digit())
        })
}

/// "IRP Coalition Monthly" (of "... Monthly Meeting Notes"): a body's name
/// without the qualifiers of its meetings left at its end, nor the word of
/// its record ("PLANNING COMMISSION MINUTES"), nor the dash that set them
/// apart ("BOARD OF SUPERVISORS - REGULAR MEETING MINUTES").
fn without_trailing_qualifiers(s: &str, lex: &Lexicons) -> String {
    let mut words: Vec<&str> = s.split(' ').collect();
    let trailing = |w: &str| {
        lex.frame.qualifiers.contains(&crate::words::fold(w))
            || lex.record_words.contains(&w.to_lowercase())
            || w.chars().all(|c| "-–—:|".contains(c))
    };
    while words.len() > 1 && words.last().is_some_and(|w| trailing(w)) {
        words.pop();
    }
    words.join(" ")
}

/// "BPF Gender and Access: Meeting II", "MAG - Virtual Meeting - XIX",
/// "ubuntu-meeting: Technical Board": a title in segments names its body in
/// one of them, the others saying which meeting or where. The one segment
/// that names a body is the series; with none or several, the whole title.
fn body_segment(s: &str, orgs: &Matcher, lex: &Lexicons) -> String {
    // "Board/Minutes/2025-06": a wiki page's path, one segment a level.
    let path = !s.contains(' ') && s.contains('/');
    let separators: &[char] = if path {
        &[':', '–', '—', '|', '/']
    } else {
        &[':', '–', '—', '|']
    };
    let segments: Vec<&str> = s
        .split(separators)
        .flat_map(|p| p.split(" - "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let names_body = |p: &str| {
        p.split([' ', '-'])
            .any(|w| lex.body_words.contains(&w.to_lowercase()))
            || orgs.lookup(p).is_some()
    };
    let bodies: Vec<&str> = segments.iter().copied().filter(|p| names_body(p)).collect();
    match bodies.as_slice() {
        [one] if segments.len() > 1 => (*one).to_owned(),
        _ => s.to_owned(),
    }
}

/// "OSI Board Meeting Minutes, Wednesday, July 1, 2009": a title line with
/// the meeting's date after the name keeps what comes before the date, less
/// the separators, weekday and preposition between ("Conseil Municipal du 16
/// septembre").
fn before_date<'a>(t: &'a str, lex: &Lexicons) -> &'a str {
    let Some(first) = first_date_start(t, lex) else {
        return t;
    };
    let mut head = t[..first].trim_end();
    loop {
        let trimmed = head.trim_end_matches([',', '-', '–', '—', ':', '|', ' ']);
        let last = trimmed.rsplit(' ').next().unwrap_or("");
        let last_lower = last.to_lowercase();
        if !last.is_empty()
            && (lex.months_and_days.contains(&last_lower)
                || lex.date_prepositions.contains(&last_lower))
        {
            head = &trimmed[..trimmed.len() - last.len()];
        } else {
            return trimmed;
        }
    }
}

/// Where the first date of a title line starts, its month named in English
/// or, failing that, in another language ("du 16 septembre 2019").
fn first_date_start(t: &str, lex: &Lexicons) -> Option<usize> {
    dates_in(t, lex, false).first().map(|d| d.range.start)
}

/// The dates of `place`, months named in English, or failing any, in another
/// language ("24 de abril de 2003").
fn dates_in(place: &str, lex: &Lexicons, month_first: bool) -> Vec<DateMatch> {
    let english = lex.dates.find_dates_in(place, month_first);
    if english.is_empty() {
        lex.dates.find_named_dates(place, &lex.month_names)
    } else {
        english
    }
}

/// The meeting's series: the first rule that names one, from the most
/// trusted (a title line naming a body) to the least (whatever stands
/// before a title's date); empty when none does.
fn series(titles: &[&str], opening: &[&Sentence], orgs: &Matcher, lex: &Lexicons) -> String {
    let body = |s: String| (!is_only_a_date(&s, lex)).then_some(s);
    body_title(titles, orgs, lex)
        .and_then(body)
        .or_else(|| series_sentence(opening, orgs, lex).and_then(body))
        .or_else(|| held_its(opening, orgs, lex).and_then(body))
        .or_else(|| sat(opening, orgs, lex).and_then(body))
        .or_else(|| body_before_meeting_noun(titles, orgs, lex).and_then(body))
        .or_else(|| this_is_the(opening, orgs, lex).and_then(body))
        .or_else(|| {
            (titles.iter().take(4))
                .find_map(|t| name_before_date(t, lex))
                .map(|name| tidy_series(name, orgs, lex))
        })
        .unwrap_or_default()
}

/// "The minutes of the meeting of the 5th May were approved": what a rule
/// took for a body's name is a date, days, months and numbers alone.
fn is_only_a_date(s: &str, lex: &Lexicons) -> bool {
    let word = |w: &str| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        w.is_empty()
            || w.starts_with(|c: char| c.is_ascii_digit())
            || lex.months_and_days.contains(&w)
    };
    s.split_whitespace().all(word)
}

/// Title lines that name a body ("Dynamic Coalition on ...", "... Working
/// Group ..."): the most specific, i.e. the longest, of the first few wins
/// over an umbrella line ("INTERNET GOVERNANCE FORUM") or furniture ("RAW
/// FILE").
fn body_title(titles: &[&str], orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    let candidates: Vec<String> = (titles.iter().enumerate())
        .filter_map(|(i, t)| title_body(t, i.checked_sub(1).map(|p| titles[p]), orgs, lex))
        .collect();
    candidates.iter().take(3).max_by_key(|s| s.len()).cloned()
}

/// The body one title line names, `above` being the line before it: the
/// line less its date, labels and record words, when it is shaped as a
/// title and holds a body word or a known organisation.
fn title_body(t: &str, above: Option<&str>, orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    let t = t.trim_matches(|c: char| c == '*' || c == '#' || c.is_whitespace());
    let t = without_leading_year(without_list_tag(t));
    let undated = before_date(t, lex);
    let cut = undated.len() < t.len();
    // "The Finance Committee met on 3 May 2021.": a sentence, cut before
    // its date, is no title.
    let sentence = reads_as_sentence(undated) || t.ends_with('.');
    if (cut && sentence) || !is_title_shaped(undated, lex) {
        return None;
    }
    let s = title_series(undated, orgs, lex);
    let words: Vec<String> = s.split([' ', '-']).map(str::to_lowercase).collect();
    if cut && (holds_record_title(&s, &words, lex) || opens_with_record_word(undated, lex)) {
        return None;
    }
    let names_body = words.iter().any(|w| lex.body_words.contains(w)) || orgs.lookup(&s).is_some();
    // "BILI Réunion de comité": what is left in lower case is a common noun,
    // no body's name.
    let common_noun =
        (s.split_whitespace().next()).is_some_and(|w| !w.contains(char::is_uppercase));
    (names_body && !common_noun && s.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .then(|| owned_body(&s, above, orgs, lex))
}

/// "Board Hearing Room, First Floor": a line with a noun of
/// `[venue-nouns]` says where the body met.
fn names_a_venue(t: &str, lex: &Lexicons) -> bool {
    t.split(|c: char| !c.is_alphanumeric())
        .any(|w| lex.venue_nouns.contains(&crate::words::fold(w)))
}

/// A line cut before its date is a title only when short and no sentence
/// or label ("Orla Brennan: Good morning. This is the ...").
fn reads_as_sentence(undated: &str) -> bool {
    undated.contains(". ") || undated.contains(": ") || undated.split(' ').count() > 10
}

/// No empty line, table row, "convened by" line, date line, sentence or
/// long line. "Venue: Council Chamber": a field of the record, not its
/// title; but "Meeting: Dynamic Coalition on ...": the label is not the
/// title.
fn is_title_shaped(t: &str, lex: &Lexicons) -> bool {
    !(t.is_empty()
        || t.contains('|')
        || names_a_venue(t, lex)
        || lex.header.convened_by.is_match(t)
        || lex.header.weekday_or_digit.is_match(t)
        || t.ends_with('.')
        || t.split(' ').count() > 16
        || is_field_line(t, lex))
}

/// A title line less its label, its head and its tail, tidied, without the
/// qualifiers of its meetings, and cut to the segment naming a body.
fn title_series(t: &str, orgs: &Matcher, lex: &Lexicons) -> String {
    let t = without_trailing_year(t);
    let t = lex.header.title_label.replace(t, "");
    let t = lex.header.title_head.replace(&t, "");
    let s = tidy_series(&lex.header.title_tail.replace(&t, ""), orgs, lex);
    let s = without_trailing_qualifiers(&s, lex);
    body_segment(&s, orgs, lex)
}

/// What stood before a date is a body's name only when nothing of a
/// record's title is left in it ("Draft Minutes of the Special Board",
/// "[list] Summary of ...").
fn holds_record_title(s: &str, words: &[String], lex: &Lexicons) -> bool {
    s.contains(['[', ']']) || words.iter().any(|w| lex.record_words.contains(w))
}

/// "Draft Minutes of the Special Board": a line that opens with a record
/// word, past the qualifiers of a meeting, is the record's title.
fn opens_with_record_word(s: &str, lex: &Lexicons) -> bool {
    s.split_whitespace()
        .find(|w| !lex.frame.qualifiers.contains(&crate::words::fold(w)))
        .is_some_and(|w| lex.record_words.contains(&w.to_lowercase()))
}

/// "IGF MAG's Working Group (WG) on ... (WG-Strategy) was held": the
/// opening sentence that names the series, without the short
/// parentheticals, then named as the gazetteer names the body.
fn series_sentence(opening: &[&Sentence], orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    opening.iter().find_map(|s| {
        let plain = PARENTHETICAL.replace_all(s.text(), "");
        let c = lex.header.sentence_series.captures(&plain)?;
        Some(named_body(c[1].trim(), orgs, lex))
    })
}

/// "The Dynamic Coalition on Network Neutrality (DCNN) held its second
/// call": the subject, when a body word is in it.
fn held_its(opening: &[&Sentence], orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    opening.iter().find_map(|s| {
        let plain = PARENTHETICAL.replace_all(s.text(), "");
        let c = lex.header.held_its.captures(&plain)?;
        let raw = c[1].trim();
        let names_body = raw
            .split([' ', '-'])
            .any(|w| lex.body_words.contains(&w.to_lowercase()));
        names_body.then(|| named_body(raw, orgs, lex))
    })
}

/// "The Senate met on 16 April", "Das Plenum der Leibniz-Sozietät trat am
/// 28. Januar 2016 ... zusammen": the subject of an opening sentence whose
/// verb is a body's sitting, when it is a body's name: capitalised words and
/// connectors, one of them a body word.
fn sat(opening: &[&Sentence], orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    opening.iter().find_map(|s| {
        let plain = PARENTHETICAL.replace_all(s.text(), "");
        let c = lex.header.sat.captures(&plain)?;
        let raw = c[1].trim();
        let words: Vec<&str> = raw.split_whitespace().collect();
        let folded = |w: &str| crate::words::fold(w);
        let named = words.len() <= 8
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase) || lex.frame.connectors.contains(&folded(w))
            })
            && raw
                .split([' ', '-'])
                .any(|w| lex.body_words.contains(&w.to_lowercase()));
        named.then(|| named_body(raw, orgs, lex))
    })
}

/// "DC Coordination meeting #60": the body before the meeting noun in one
/// of the first title lines; short, and no record's title ("Meeting
/// Minutes February meeting"), bracket or date.
fn body_before_meeting_noun(titles: &[&str], orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    titles.iter().take(4).find_map(|t| {
        let t = t.trim_matches(|c: char| c == '*' || c == '#' || c.is_whitespace());
        let body =
            (lex.header.body_meeting.captures(without_list_tag(t))).and_then(|c| c.get(1))?;
        let body = tidy_series(body.as_str(), orgs, lex);
        let record_word = body
            .split_whitespace()
            .any(|w| lex.record_words.contains(&w.to_lowercase()));
        // "Annual Meeting": a kind of meeting, no body.
        let qualifiers_only = (body.split_whitespace())
            .all(|w| lex.frame.qualifiers.contains(&crate::words::fold(w)));
        (body.split_whitespace().count() <= 8
            && !record_word
            && !qualifiers_only
            && !body.contains([']', '['])
            && lex.dates.find_dates(&body).is_empty())
        .then_some(body)
    })
}

/// "This is the monthly ALAC conference call": the body an opening
/// sentence introduces.
fn this_is_the(opening: &[&Sentence], orgs: &Matcher, lex: &Lexicons) -> Option<String> {
    opening.iter().find_map(|s| {
        let body = lex
            .header
            .this_is_the
            .captures(s.text())
            .and_then(|c| c.get(1))?;
        Some(tidy_series(body.as_str(), orgs, lex))
    })
}

/// "Example Exchange, Inc." over "Annual Meeting": a letterhead that is a
/// company's name and its legal form (`[legal-forms]`) names the body that
/// met. Capitalised words and connectors only, no figure.
fn legal_letterhead(t: &str, lex: &Lexicons) -> Option<String> {
    let (name, form) = t.trim().rsplit_once(',')?;
    let form = form.trim().trim_end_matches('.').to_lowercase();
    let words: Vec<&str> = name.split_whitespace().collect();
    let connector = |w: &&str| lex.frame.connectors.contains(&crate::words::fold(w));
    let named = lex.legal_forms.contains(&form)
        && (1..=6).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || connector(w))
        && !name.contains(|c: char| c.is_ascii_digit());
    named.then(|| name.trim().to_owned())
}

/// "[IRP] Meeting Minutes ...": the tag of a post's list, when it is an
/// acronym, names the group whose list it is.
fn list_tag(t: &str) -> Option<String> {
    let tag = LIST_TAG.captures(t.trim())?.get(1)?.as_str();
    let acronym = (2..=8).contains(&tag.chars().count())
        && tag
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && tag.starts_with(|c: char| c.is_ascii_uppercase());
    acronym.then(|| tag.to_owned())
}

/// The record's first line outside an e-mail's header block.
fn first_line<'a>(text: &'a Text, mail: &[usize]) -> Option<&'a str> {
    (text.lines.iter())
        .find(|l| !l.is_blank() && !mail.contains(&l.number))
        .map(|l| l.text())
}

/// The tail of a title past a list's tag ("[IGFmaglist] Summary of ...").
fn without_list_tag(t: &str) -> &str {
    LIST_TAG.find(t).map_or(t, |m| &t[m.end()..])
}

/// "Topic for #gentoo-council", "Lieu : #ubuntu-fr-meeting": the record's
/// first IRC channel names the body that meets there, less the meeting
/// nouns it ends with. With a body word last, its parts are words
/// ("Gentoo Council"); else the name is kept whole, capitalised
/// ("Ubuntu-fr").
fn channel_series(text: &Text, lex: &Lexicons) -> Option<String> {
    let channel = text
        .lines
        .iter()
        .find_map(|l| CHANNEL.captures(l.text())?.get(1))?
        .as_str();
    let meeting = |w: &str| {
        (lex.frame.meetings.iter()).any(|m| m.len() == 1 && m[0] == w)
            || lex.record_words.contains(w)
    };
    let mut parts: Vec<&str> = channel.split('-').collect();
    while parts.last().is_some_and(|p| meeting(p)) {
        parts.pop();
    }
    match parts.as_slice() {
        [] => None,
        [.., last] if lex.body_words.contains(*last) && parts.len() > 1 => Some(
            parts
                .iter()
                .map(|p| capitalised(p))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => Some(capitalised(&parts.join("-"))),
    }
}

/// "!startmeeting FESCO (2024-07-23)": the name a chat log's chair gave the
/// meeting when opening it, less its date, for a log that has no title. As
/// typed: a handle-like name in capitals is no title in capitals.
fn chat_meeting_name(text: &Text, lex: &Lexicons) -> Option<String> {
    let name = super::chat::meeting_name(text, &lex.chat_start_commands)?;
    let name = PARENTHETICAL_END.replace(name, "");
    let name = before_date(&name, lex).trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// "Venue: Council Chamber", "Contact: A": a label of `[record-fields]`, a
/// colon and a value.
pub(super) fn is_field_line(t: &str, lex: &Lexicons) -> bool {
    t.split_once(':').is_some_and(|(label, value)| {
        lex.record_fields.contains(&crate::words::fold(label)) && !value.trim().is_empty()
    })
}

/// "Cabinet - Monday, 14th October, 2013 10.00 am": a title line that is a
/// short capitalised name, a dash, then the meeting's date names the body.
/// Not a record's title ("Minutes – 5 May"): no record word in the name.
fn name_before_date<'a>(title: &'a str, lex: &Lexicons) -> Option<&'a str> {
    let (name, rest) = [" – ", " — ", " - "]
        .iter()
        .find_map(|sep| title.split_once(sep))?;
    let name = name.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=6).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || lex.frame.connectors.contains(&crate::words::fold(w))
        })
        && !words.iter().any(|w| {
            lex.record_words.contains(&w.to_lowercase())
                || lex.months_and_days.contains(&w.to_lowercase())
        });
    let dated = !lex.dates.find_dates(rest).is_empty();
    (named && dated && lex.dates.find_dates(name).is_empty()).then_some(name)
}

/// A body's name as the gazetteer names it, else tidied ([`tidy_series`]).
fn named_body(raw: &str, orgs: &Matcher, lex: &Lexicons) -> String {
    match orgs.lookup(raw) {
        Some(i) => orgs.entry(i).pref.clone(),
        None => tidy_series(raw, orgs, lex),
    }
}

/// Whether the body a record's phrase names (`named`) should stand for the
/// series the title lines gave (`title`): it fills an empty one, names a body
/// where the title names only a kind of body ("Commission") or a lower-case
/// fragment, or is the title without its decorations ("ARIN Advisory
/// Council – 26 January", "Board of Super- visors"). A specific title ("MAG
/// Working Group on ...") stays: a sentence may name a sub-group or a variant.
fn phrase_improves(title: &str, named: &str, lex: &Lexicons) -> bool {
    let compact = |s: &str| crate::words::fold(s).replace(' ', "");
    let named_key = compact(named);
    !named_key.is_empty()
        && (title.is_empty()
            || !is_generic_body(named, lex)
                && (is_generic_body(title, lex)
                    || title.starts_with(char::is_lowercase)
                    || compact(title).contains(&named_key)))
}

/// "Board of Directors" under the title line "The Apache Software
/// Foundation", "Council" under "Town of Aurora", "BOARD OF DIRECTORS" under
/// "COMMUNITY FOOD CO-OP": a body named only by body words belongs to the
/// organisation the line above names, unless that line names only a kind of
/// body.
fn owned_body(body: &str, above: Option<&str>, orgs: &Matcher, lex: &Lexicons) -> String {
    let generic = is_generic_body(body, lex);
    let owner = above
        .map(|a| a.trim())
        .map(|a| after_word(a, &lex.definite_articles).unwrap_or(a))
        .filter(|a| {
            let words: Vec<&str> = a.split_whitespace().collect();
            // "Town of Aurora": capitalised words, small words between them.
            let connector = |w: &&str| lex.frame.connectors.contains(&w.to_lowercase());
            (1..=5).contains(&words.len())
                && !a.contains(':')
                && words
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()) || connector(w))
                && !words.first().is_some_and(connector)
                && !words.last().is_some_and(connector)
                && lex.dates.find_dates(a).is_empty()
                // "COMMUNITY FOOD CO-OP" owns its board; "Steering
                // Committee", a body itself, no other.
                && !is_generic_body(a, lex)
                && !words.iter().any(|w| lex.record_words.contains(&w.to_lowercase()))
        });
    match owner {
        Some(owner) if generic => format!("{} {body}", title_cased(owner, orgs, lex)),
        _ => body.to_owned(),
    }
}

/// "IGF Policy Network on Artificial Intelligence (PNAI)" → "Policy Network on
/// Artificial Intelligence": the body's own name, without the umbrella prefix or
/// the acronym, and in title case when the title was in capitals.
fn tidy_series(s: &str, orgs: &Matcher, lex: &Lexicons) -> String {
    let s = before_own_acronym(s.trim());
    let s = PARENTHETICAL_END.replace(s, "");
    // The umbrella first: "IGF Dynamic Coalition on ...", "Internet
    // Governance Forum – Dynamic Coalition on ...".
    // The IGF profile's umbrella bodies; without the profile, none.
    let umbrella = lex.umbrella.as_ref().and_then(|u| u.find(&s));
    let bare = umbrella.map_or(&s[..], |m| &s[m.end()..]);
    let countries = &lex.countries;
    // "IGF Uruguay": a national IGF's name keeps its "IGF".
    let national = umbrella.is_some_and(|m| {
        let words: Vec<&str> = bare.split_whitespace().take(3).collect();
        !m.as_str().contains(char::is_numeric)
            && (1..=words.len())
                .any(|n| countries.contains(&crate::words::fold(&words[..n].join(" "))))
    });
    let s = if bare.trim().is_empty() || national {
        s.trim()
    } else {
        bare.trim()
    };
    // The year of an edition is not part of the body's name.
    let unyeared = YEAR_WORD.replace_all(s, "");
    let s = unyeared.trim();
    let s = after_word(s, &lex.definite_articles).unwrap_or(s).trim();
    // "BOARD OF DIRECTORS’ (BOD) MEETING": a possessive's mark is no part
    // of the body's name.
    let s = s.trim_end_matches(['’', '\'']).trim_end();
    title_cased(s, orgs, lex)
}

/// "Internet Engineering Steering Group (iesg) IETF": a body's name ends at
/// its own acronym in parentheses (the initials of the words before, small
/// words counted or not: "Board of Directors (BoD)"); what follows names
/// another body, its parent.
fn before_own_acronym(s: &str) -> &str {
    let Some(open) = s.find(" (") else {
        return s;
    };
    let Some(close) = s[open..].find(')') else {
        return s;
    };
    let (head, inner) = (&s[..open], s[open + 2..open + close].to_uppercase());
    let initials = |all: bool| -> String {
        (head.split_whitespace())
            .filter(|w| all || w.starts_with(char::is_uppercase))
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase()
    };
    let acronym = inner.chars().count() >= 2 && inner.chars().all(char::is_alphabetic);
    if acronym && (initials(true).ends_with(&inner) || initials(false).ends_with(&inner)) {
        head
    } else {
        s
    }
}

/// A name written in capitals in title case, its acronyms and small words
/// kept ("BOARD OF DIRECTORS" is "Board of Directors", "MAG" stays); a name
/// in mixed case as it is.
fn title_cased(s: &str, orgs: &Matcher, lex: &Lexicons) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.to_owned();
    }
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && lex.title_small_words.contains(&lower) {
                lower
            } else if w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
                && (w.len() <= 3 || orgs.lookup(w).is_some())
            {
                // Acronyms stay as they are ("MAG", "IGF", "ICANN"); "BEST"
                // is a word.
                w.to_owned()
            } else {
                crate::words::names::title_case(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn next_meeting(text: &Text, h: &mut Header, lex: &Lexicons, month_first: bool) {
    let reference = h.date;
    let mut candidates: Vec<String> = Vec::new();
    for s in &text.sentences {
        if let Some(m) = lex.header.next.find(s.text()) {
            candidates.push(s.text()[m.start()..].to_owned());
        }
    }
    // A "Next meeting" heading with the date on the lines below it.
    for (i, line) in text.lines.iter().enumerate() {
        let t = line.text().trim_end_matches(':').trim();
        if lex.heading_next.iter().any(|hd| hd.eq_ignore_ascii_case(t)) {
            let below: Vec<&str> = text.lines[i + 1..]
                .iter()
                .filter(|l| !l.is_blank())
                .take(2)
                .map(|l| l.text())
                .collect();
            candidates.push(below.join(" "));
        }
    }
    for c in candidates {
        if let Some(d) = lex.dates.find_dates_in(&c, month_first).first() {
            let date = d.date.in_context(reference, true);
            if date.is_some() && date != reference {
                h.next_meeting_date = date;
                return;
            }
        }
    }
}

/// "The meeting was hosted by A (Nick) and moderated by B."
fn roster(text: &Text, h: &mut Header, lex: &Lexicons) {
    let (Some(passive), Some(by)) = (&lex.roster.passive, &lex.roster.by) else {
        return;
    };
    for (si, s) in text.sentences.iter().enumerate().take(40) {
        let t = s.text();
        // Once a chair or host is known, later roster sentences describe
        // other events; a label of who kept the minutes is still read.
        let chaired = !h.moderators.is_empty() || !h.hosts.is_empty();
        labelled_roles(t, si, h, lex, chaired);
        if !chaired {
            active_roles(t, si, h, lex);
            if let Some(start) = passive.find(t) {
                passive_roles(t, start.start(), by, si, h, lex);
            }
        }
    }
    if h.moderators.is_empty() {
        self_moderator(text, h, lex);
    }
}

/// Adds `name`, named in sentence `si`, to `list` unless it is there.
fn add_named(list: &mut Vec<RosterName>, name: RosterName, si: usize) {
    if !list.iter().any(|n| n.name == name.name) {
        list.push(RosterName {
            sentence: si,
            ..name
        });
    }
}

/// "Chair: Mariam Haidari (PNMA co-facilitator).": the role
/// `[roster-labels]` gives the label (moderator unless it says host).
fn labelled_roles(t: &str, si: usize, h: &mut Header, lex: &Lexicons, chaired: bool) {
    let Some(c) = lex.roster.labelled.as_ref().and_then(|r| r.captures(t)) else {
        return;
    };
    let (Some(label), Some(whole)) = (c.get(1), c.get(0)) else {
        return;
    };
    let role = lex
        .roster_labels
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(label.as_str()))
        .map_or(RosterRole::Moderator, |(_, r)| *r);
    for name in names_at(t, whole.end(), lex) {
        let list = match role {
            RosterRole::Recorder => {
                let bare = without_trailing_office(&name.name, lex);
                if !h.recorders.iter().any(|(n, _)| n.name == bare) {
                    let name = RosterName {
                        name: bare.to_owned(),
                        sentence: si,
                        ..name
                    };
                    h.recorders.push((name, label.as_str().to_owned()));
                }
                continue;
            }
            RosterRole::Officer => {
                add_officer(h, name, t, &label, si);
                continue;
            }
            _ if chaired => {
                add_officer(h, name, t, &label, si);
                continue;
            }
            RosterRole::Host => &mut h.hosts,
            RosterRole::Moderator => &mut h.moderators,
        };
        add_named(list, name, si);
    }
}

/// Adds `name`, named in sentence `si` under the office `label`, to the
/// header's officers unless it is there.
fn add_officer(h: &mut Header, name: RosterName, t: &str, label: &regex::Match, si: usize) {
    if !h.officers.iter().any(|(n, _)| n.name == name.name) {
        let office = written_label(t, label.end(), label.as_str());
        let name = RosterName {
            sentence: si,
            ..name
        };
        h.officers.push((name, office));
    }
}

/// "Remote moderator": the label as the field writes it, from the start of
/// its clause to the end of the label `end` (at most four words), or the
/// label alone.
fn written_label(t: &str, end: usize, label: &str) -> String {
    let field = t[..end].rsplit(['.', ';']).next().unwrap_or(label).trim();
    if (1..=4).contains(&field.split_whitespace().count()) {
        field.to_owned()
    } else {
        label.to_owned()
    }
}

/// "Dr M. G. CANDAU Director-General": a name without the office written
/// after it.
fn without_trailing_office<'n>(name: &'n str, lex: &Lexicons) -> &'n str {
    let mut bare = name.trim_end();
    while let Some((head, last)) = bare.rsplit_once(' ') {
        if !is_office(last, lex) {
            break;
        }
        bare = head.trim_end();
    }
    bare
}

/// A word of `[role-words]`, or a hyphenated one of them ("Director-General",
/// "Co-coordinator").
fn is_office(word: &str, lex: &Lexicons) -> bool {
    word.split('-')
        .any(|w| lex.role_words.contains(&w.to_lowercase()))
}

/// "Matteo Conti chaired the call", "Valentina Sosa, who chairs the
/// committee, opened the meeting": the role `[roster-verbs]` gives the verb.
fn active_roles(t: &str, si: usize, h: &mut Header, lex: &Lexicons) {
    let active = lex.active_roster.as_ref().and_then(|r| r.captures(t));
    let Some(c) = active.or_else(|| lex.header.who_chairs.captures(t)) else {
        return;
    };
    let Some(who) = c.get(1) else {
        return;
    };
    let host = c.get(2).is_some_and(|v| {
        lex.roster_verbs
            .iter()
            .any(|(verb, role)| verb == v.as_str() && *role == RosterRole::Host)
    });
    for name in names_at(t, who.start(), lex) {
        let list = if host {
            &mut h.hosts
        } else {
            &mut h.moderators
        };
        add_named(list, name, si);
    }
}

/// "The meeting was chaired and hosted by A and B": after a passive roster
/// clause (from `start`), the names after each "VERBS by" take the roles of
/// its verbs.
fn passive_roles(t: &str, start: usize, by: &Regex, si: usize, h: &mut Header, lex: &Lexicons) {
    for c in by.captures_iter(&t[start..]) {
        let (Some(verbs), Some(whole)) = (c.get(1), c.get(0)) else {
            continue;
        };
        let roles: Vec<RosterRole> = lex
            .roster
            .verbs
            .iter()
            .filter(|(r, _)| r.is_match(verbs.as_str()))
            .map(|(_, role)| *role)
            .collect();
        for name in names_at(t, start + whole.end(), lex) {
            if roles.contains(&RosterRole::Host) {
                add_named(&mut h.hosts, name.clone(), si);
            }
            if roles.contains(&RosterRole::Moderator) {
                add_named(&mut h.moderators, name, si);
            }
        }
    }
}

/// In a transcript, the speaker of the turn where someone says "I will
/// moderate today" is the moderator.
fn self_moderator(text: &Text, h: &mut Header, lex: &Lexicons) {
    let mut speaker: Option<(usize, &str)> = None;
    for (si, s) in text.sentences.iter().enumerate().take(40) {
        let t = s.text();
        if let Some((label, _)) = t.strip_prefix(">>").and_then(|r| r.split_once(':')) {
            let label = label.trim();
            let at = t.find(label).unwrap_or(0);
            speaker = Some((si, label)).filter(|_| at > 0);
        } else if let Some((_, name)) = super::speech::timestamped_turn(t, lex) {
            speaker = Some((si, name));
        }
        if let (Some((turn, name)), true) = (speaker, lex.header.self_moderator.is_match(t)) {
            let at = text.sentences[turn].text().find(name).unwrap_or(0);
            h.moderators.push(RosterName {
                name: crate::words::names::title_case(name),
                nickname: None,
                sentence: turn,
                range: at..at + name.len(),
            });
            return;
        }
    }
}

/// The length of "Commissioner Precinct 4 " at the start of `t`: a title,
/// the seat it holds and the seat's number, before the name.
fn office_seat_len(t: &str, lex: &Lexicons) -> usize {
    let mut words = t.splitn(4, ' ');
    let (Some(title), Some(seat), Some(number), Some(_)) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return 0;
    };
    let numbered = number
        .chars()
        .all(|c| c.is_ascii_digit() || "IVX".contains(c));
    if lex.is_honorific(title) && lex.office_seats.contains(&seat.to_lowercase()) && numbered {
        title.len() + seat.len() + number.len() + 3
    } else {
        0
    }
}

/// The names listed from byte `from` of `t`: "A B (C), D E and F G".
pub fn names_at(t: &str, from: usize, lex: &Lexicons) -> Vec<RosterName> {
    let mut out = Vec::new();
    let mut pos = after_role_phrase(t, from, lex);
    pos += office_seat_len(&t[pos..], lex);
    loop {
        let (mut words, end) = name_words(&t[pos..], pos, lex);
        if !is_person(&mut words, lex) {
            break;
        }
        let (nickname, after) = nickname_after(&t[end..]);
        out.push(RosterName {
            name: words.join(" "),
            nickname,
            sentence: 0,
            range: pos..end,
        });
        let Some(next) = next_in_list(after, lex) else {
            break;
        };
        pos = t.len() - next.len();
    }
    out
}

/// "by the MAG Chair, Noor Al-Hashimi": a role phrase of five words at most
/// before the name; where the name starts.
fn after_role_phrase(t: &str, from: usize, lex: &Lexicons) -> usize {
    let Some(rest) = after_word(&t[from..], &lex.role_phrase_articles) else {
        return from;
    };
    match rest.find(", ") {
        Some(comma) if rest[..comma].split(' ').count() <= 5 => t.len() - rest.len() + comma + 2,
        _ => from,
    }
}

/// What follows the first of `words` that opens `t` with a space after it
/// ("The Apache Software Foundation" → "Apache Software Foundation").
fn after_word<'t>(t: &'t str, words: &[String]) -> Option<&'t str> {
    (words.iter()).find_map(|w| t.strip_prefix(w.as_str())?.strip_prefix(' '))
}

/// The name-shaped words at the start of `rest` (byte `pos` of the text),
/// without their punctuation, and the byte where the last one ends. An
/// initial inside the name keeps its full stop and the name going
/// ("Councillor D. Bree", not "Councillor D").
fn name_words<'t>(rest: &'t str, pos: usize, lex: &Lexicons) -> (Vec<&'t str>, usize) {
    let mut words = Vec::new();
    let mut end = pos;
    let mut offset = 0;
    for w in rest.split(' ') {
        let clean = w.trim_end_matches([',', '.', ';', ':']);
        let honorific = words.is_empty() && lex.is_honorific(clean);
        if !continues_name(w, clean, honorific, &words, lex) {
            break;
        }
        let initial = !words.is_empty() && w.ends_with('.') && is_initials(w, false);
        let kept = if initial { w } else { clean };
        words.push(kept);
        end = pos + offset + kept.len();
        offset += w.len() + 1;
        if kept.len() != w.len() && !(honorific && w.ends_with('.')) {
            break;
        }
    }
    (words, end)
}

/// Whether the word `w` (`clean` without its punctuation) goes on with the
/// name after `words`: a name word, an honorific first, a particle or a
/// short capitalised piece inside; never a word of `[not-names]` nor a
/// label that opens the next field ("... Lisa Birkman Motion: To approve").
fn continues_name(w: &str, clean: &str, honorific: bool, words: &[&str], lex: &Lexicons) -> bool {
    let inside = !words.is_empty();
    let ok = is_name_word(clean)
        || honorific
        || (inside && lex.particles.iter().any(|p| p == clean))
        || (inside && clean.len() <= 2 && clean.starts_with(char::is_uppercase));
    let label = inside && w.ends_with(':');
    ok && !label && (honorific || !lex.not_names.contains(clean))
}

/// Whether the words name a person, once trailing particles are dropped:
/// not a lone acronym ("BPF coordinator"), not honorifics alone, and no
/// role after the name ("Ms. Cade, MAG Member and NRIs Coordinator" is one
/// person with a role, not another person).
fn is_person(words: &mut Vec<&str>, lex: &Lexicons) -> bool {
    // "Dr M. G. CANDAU Director-General", "WGWQ Co-coordinator": a
    // hyphenated office after the name is no part of it (an office in one
    // word, "Monsieur Le Maire", makes no name at all, below).
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| w.contains('-') && is_office(w, lex))
    {
        words.pop();
    }
    if words.len() == 1 && !words[0].chars().any(char::is_lowercase) {
        return false;
    }
    while words
        .last()
        .is_some_and(|w| lex.particles.iter().any(|p| p == w))
    {
        words.pop();
    }
    if words.is_empty() || words.iter().all(|w| lex.is_honorific(w)) {
        return false;
    }
    !words.iter().filter(|w| !lex.is_honorific(w)).any(|w| {
        let l = w.to_lowercase();
        lex.role_words.contains(&l)
            || lex.body_words.contains(&l)
            || lex.non_name_nouns.contains(&l)
    })
}

/// "Jonathan (Jon)": a one-word nickname in parentheses after the name;
/// the parentheses are passed over whatever they hold. Gives the nickname
/// and what follows.
fn nickname_after(after: &str) -> (Option<String>, &str) {
    let Some(paren) = after.strip_prefix(" (") else {
        return (None, after);
    };
    let Some(close) = paren.find(')') else {
        return (None, after);
    };
    let inner = &paren[..close];
    let nickname = (inner.split(' ').count() == 1
        && is_name_word(inner)
        && inner.chars().any(char::is_lowercase))
    .then(|| inner.to_owned());
    (nickname, &paren[close + 1..])
}

/// ", and B", " and B", ", B": the next name of a list, when it opens with
/// a capital; the conjunctions are `[header-list-conjunctions]`.
fn next_in_list<'t>(after: &'t str, lex: &Lexicons) -> Option<&'t str> {
    let conjoined = (lex.header_list_conjunctions.iter()).find_map(|c| {
        let rest = after.strip_prefix(',').unwrap_or(after).strip_prefix(' ')?;
        rest.strip_prefix(c.as_str())?.strip_prefix(' ')
    });
    // "Contact: Karen Mannering / Louise Whitaker": a slash joins names too.
    let next =
        (conjoined.or_else(|| after.strip_prefix(", "))).or_else(|| after.strip_prefix(" / "))?;
    next.starts_with(|c: char| c.is_uppercase()).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seat_before_the_name_and_a_label_after_it_are_no_part_of_it() {
        let lex = Lexicons::for_tests();
        let t = "Commissioner Precinct 1 Lisa Birkman Motion: To approve the minutes.";
        let names: Vec<String> = names_at(t, 0, &lex).into_iter().map(|n| n.name).collect();
        assert_eq!(names, ["Lisa Birkman"]);
    }

    #[test]
    fn an_initial_inside_a_name_keeps_the_name_going() {
        let lex = Lexicons::for_tests();
        let names =
            |t: &str| -> Vec<String> { names_at(t, 0, &lex).into_iter().map(|n| n.name).collect() };
        assert_eq!(names("Councillor D. Bree"), ["Councillor D. Bree"]);
        assert_eq!(
            names("Mr H. G. Knitel, Ana Ruiz"),
            ["Mr H. G. Knitel", "Ana Ruiz"]
        );
    }

    #[test]
    fn a_header_list_joins_names_with_the_lexicons_conjunctions_and_article() {
        let mut lex = Lexicons::for_tests();
        let names = |t: &str, lex: &Lexicons| -> Vec<String> {
            names_at(t, 0, lex).into_iter().map(|n| n.name).collect()
        };
        let t = "the MAG Chair, Lisa Birkman und Ana Ruiz.";
        assert_eq!(names(t, &lex), ["Lisa Birkman"]);
        lex.header_list_conjunctions.push("und".into());
        assert_eq!(names(t, &lex), ["Lisa Birkman", "Ana Ruiz"]);
        lex.role_phrase_articles.clear();
        assert!(names(t, &lex).is_empty());
    }

    #[test]
    fn an_email_block_needs_a_marking_field_of_the_lexicon() {
        let mut lex = Lexicons::for_tests();
        let text = Text::new("From: Ana Ruiz\nTo: board@example.org\n\nThe board met.");
        assert_eq!(email_header(&text, &lex).len(), 2);
        lex.email_marking_fields.clear();
        assert!(email_header(&text, &lex).is_empty());
    }

    #[test]
    fn the_segment_of_a_title_that_names_a_body_is_the_series() {
        let series = |raw: &str| header(raw).series;
        assert_eq!(
            series("Finance Committee: Meeting II\n\nThe committee met on 3 May 2021."),
            "Finance Committee"
        );
        assert_eq!(
            series("ubuntu-meeting: Technical Board\n\nThe board met on 3 May 2021."),
            "Technical Board"
        );
    }

    #[test]
    fn an_edition_year_before_the_title_and_a_stamp_above_it_keep_the_series() {
        let series = |raw: &str| header(raw).series;
        assert_eq!(
            series("2019 Board of Directors Meeting\nFebruary 28, 2019\n\nAna Ruiz opened it."),
            "Board of Directors"
        );
        assert_eq!(
            series("W3C\n- DRAFT -\nTechnical Architecture Group Teleconference\n02 Oct 2013\n"),
            "Technical Architecture Group"
        );
    }

    /// The header's start time in UTC, `HH:MM`.
    fn utc(h: &Header) -> Option<String> {
        h.start_time
            .as_ref()
            .and_then(TimeMatch::utc)
            .map(|t| t.format("%H:%M").to_string())
    }

    #[test]
    fn a_wiki_page_path_under_its_site_names_the_site_body() {
        let page = "Board/Minutes/2025-06\n\nFrom OpenStreetMap Foundation\n\nDraft minutes.\n";
        assert_eq!(header(page).series, "OpenStreetMap Foundation Board");
    }

    #[test]
    fn a_title_below_a_note_that_ends_the_title_block_is_the_series() {
        let raw = "From Wikimedia UK\nJump to navigation Jump to search\n\
                   These minutes were approved at the Board meeting on 19 May 2009.\n\n\
                   Wikimedia UK Board meeting Tuesday 12th May 2009, 8:30pm BST\n\n\
                   Present: Ann Lee (Chair); Bob Ray\n";
        assert_eq!(header(raw).series, "Wikimedia UK Board");
        let wrapped = "Notes\nThese notes were written for the members of the Board who\n\
                       were not on the call. Caveat, this is a short list of the points\n\
                       made, not a full record of what was said at the meeting.\n";
        assert_eq!(header(wrapped).series, "");
    }

    #[test]
    fn the_date_a_sentence_says_the_meeting_was_held_wins_over_the_record_s_date() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let raw = "7 June 2011\nConsortium meeting minutes\n\nThe tenth consortium meeting was held at the premises in Madrid, 24-26 May 2011. The agenda is in Annex 1.";
        assert_eq!(header(raw).date, day(2011, 5, 24));
        // Another meeting's date is not the one said to be held.
        let raw = "Board minutes\n5 May 2011\n\nThe next meeting will be held on 7 June 2011.";
        assert_eq!(header(raw).date, day(2011, 5, 5));
    }

    #[test]
    fn a_single_day_outside_the_range_of_days_is_another_date() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let raw = "Workshop, 23 - 24 June 1997, Geneva\n\nDate: 1997.7.16\n\nAnn Lee opened it.";
        assert_eq!(header(raw).date, day(1997, 6, 23));
        let raw = "Meeting of the ABC\nMay 4-8, 2015\n\nTuesday, May 5, 2015\n\nAnn Lee opened it.";
        assert_eq!(header(raw).date, day(2015, 5, 5));
    }

    #[test]
    fn a_field_line_above_a_generic_body_is_no_owner() {
        let lex = Lexicons::for_tests();
        let orgs = Matcher::new(&Default::default(), true);
        assert_eq!(
            owned_body("Council", Some("Level: File"), &orgs, &lex),
            "Council"
        );
    }

    #[test]
    fn a_record_title_ending_in_the_meeting_s_number_names_the_series() {
        let raw = "Draft Minutes of ABC Meeting 143\nSan Jose, CA -- May 4-8, 2015\n\nMeeting opened at 10:35.";
        let h = header(raw);
        assert_eq!((h.series.as_str(), h.number), ("ABC", Some(143)));
        // Dated, the record's title is not taken whole: its phrase names the body.
        let dated = "Draft Minutes of the Special Board, 5 May 2021\n\nAnn Lee opened it.";
        assert_eq!(header(dated).series, "Board");
    }

    #[test]
    fn a_venue_line_is_no_body_and_a_county_letterhead_owns_its_board() {
        let raw = "REGULAR MEETING OF THE BOARD OF SUPERVISORS\n\nWESTVALE COUNTY, OREGON\n\n\
                   Tuesday, April 14, 2015,\n\nBOARD HEARING ROOM, FIRST FLOOR\n\nAnn Lee opened it.";
        assert_eq!(header(raw).series, "Westvale County Board of Supervisors");
    }

    #[test]
    fn a_letterhead_with_a_legal_form_names_the_company_that_met() {
        let annual = "Example Exchange, Inc.\nAnnual Meeting\nMay 2nd, 2003\n\
                      Old Building Conference Room on Floor 20\n\nAnn Lee opened it.";
        assert_eq!(header(annual).series, "Example Exchange");
        // A line with a comma but no legal form is no letterhead.
        let lex = Lexicons::for_tests();
        assert_eq!(legal_letterhead("Springfield, Oregon", &lex), None);
        assert_eq!(legal_letterhead("Minutes 2003, Inc.", &lex), None);
    }

    #[test]
    fn an_irc_channel_names_the_body_that_meets_in_it() {
        let log = "19:59 <ann> hi all 20:02 -!- Topic for #river-council: agenda at the link \
                   20:03 <bob> here\n";
        assert_eq!(header(log).series, "River Council");
        let page = "Notes\n\n  * Place : #tide-fr-meeting on irc.example.org\n";
        assert_eq!(header(page).series, "Tide-fr");
        // A URL's fragment is no channel.
        let url = "Notes\n\nSee https://example.org/page#tide-council for more.\n";
        assert_eq!(header(url).series, "");
    }

    #[test]
    fn a_list_tag_in_capitals_names_the_group_when_nothing_else_does() {
        let raw = "[ABC] Meeting Minutes February meeting - next meeting 19th March\n\n\
                   Ann Lee\nFri Feb 20 14:01:03 EET 2009\n\ndear all\n";
        let h = header(raw);
        assert_eq!(h.series, "ABC");
        // The next meeting's date is not this one's.
        assert_eq!(h.date, None);
        assert_eq!(list_tag("[somelist] Notes"), None);
    }

    #[test]
    fn a_mail_archive_s_stamp_is_when_the_post_was_sent() {
        let raw =
            "Board notes\n\nAnn Lee ann at example.org\nFri Feb 20 14:01:03 EET 2009\n\ndear all\n";
        let h = header(raw);
        assert_eq!((h.date, utc(&h)), (None, None));
        let bot = "18:58:58 <ann> #startmeeting\n\
                   18:58:58 <bot> Meeting started Wed Jun 17 18:58:58 2020 UTC.\n";
        assert_eq!(utc(&header(bot)).as_deref(), Some("18:58"));
    }

    #[test]
    fn a_numeric_date_is_read_month_first_where_the_record_is_american() {
        let date = |raw: &str| header(raw).date.map(|d| d.to_string());
        assert_eq!(
            date("Meeting: 6/9/2016\n\nFrom Example-USA Wiki\n").as_deref(),
            Some("2016-06-09")
        );
        assert_eq!(
            date("Meeting: 6/9/2016\n\nFrom Example Wiki\n").as_deref(),
            Some("2016-09-06")
        );
        // Another date that only reads month first says so too; one that
        // only reads day first says the reverse.
        let raw = "Meeting: 6/9/2016\n\nNotes\n\nItem\n\nFollow-up: 6/29/2016\n";
        assert_eq!(date(raw).as_deref(), Some("2016-06-09"));
        let raw = "Meeting: 6/9/2016\n\nNotes\n\nItem\n\nFollow-up: 29/6/2016 and 6/29/2016\n";
        assert_eq!(date(raw).as_deref(), Some("2016-09-06"));
    }

    #[test]
    fn a_scanned_year_with_a_letter_for_its_one_is_the_year() {
        let h = header("MINUTES OF THE TENTH MEETING Geneva Monday , 1 February i960 , at 9.30\n");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("1960-02-01"));
    }

    #[test]
    fn a_zone_closes_a_log_time_before_the_next_line_s_stamp() {
        let log = "2024-07-23 17:00:03 <ann> !startmeeting Board\n\
                   2024-07-23 17:00:06 <bot> Meeting started at 2024-07-23 17:00:03 UTC\n\
                   2024-07-23 17:01:27 <ann> We have quorum, but let us wait a few more minutes for the others.\n";
        assert_eq!(utc(&header(log)).as_deref(), Some("17:00"));
    }

    #[test]
    fn a_body_that_met_names_the_series() {
        let raw =
            "Kurzbericht\n\nDas Plenum der Leibniz-Sozietät trat am 28. Januar 2016 zu seiner \
                   Jahresgeschäftssitzung zusammen. Die Sitzung wurde eröffnet.\n";
        assert_eq!(header(raw).series, "Plenum der Leibniz-Sozietät");
        let raw = "Notes\n\nThe Finance Committee met on 3 May 2021 in the town hall.\n";
        assert_eq!(header(raw).series, "Finance Committee");
        let raw = "Notes\n\nThe Chair and the members of the committee met on 3 May 2021.\n";
        assert_eq!(header(raw).series, "");
    }

    #[test]
    fn a_title_ending_in_its_edition_year_loses_its_meeting_number() {
        assert_eq!(
            without_trailing_year("Steering Committee Meeting No. 1 - 2019"),
            "Steering Committee Meeting No. 1"
        );
        assert_eq!(
            header("Steering Committee Meeting No. 1 - 2019\n\nAnn Lee opened it.").series,
            "Steering Committee"
        );
        assert_eq!(
            without_trailing_year("Board 2019 Budget"),
            "Board 2019 Budget"
        );
    }

    #[test]
    fn a_date_a_sentence_calls_a_meeting_of_is_no_series() {
        let lex = Lexicons::for_tests();
        assert!(is_only_a_date("5th May", &lex));
        assert!(is_only_a_date("12 March 2024", &lex));
        assert!(!is_only_a_date("Board of 5 May", &lex));
        assert_eq!(
            header("Notes\n\nThe minutes of the meeting of the 5th May were approved.").series,
            ""
        );
    }

    #[test]
    fn a_chat_log_without_a_title_is_named_by_the_command_that_opened_it() {
        let log = "2024-07-23 17:00:03 <@ann:example.org> !startmeeting FESCO (2024-07-23)\n\
                   2024-07-23 17:00:06 <@meetbot:example.org> Meeting started\n\
                   2024-07-23 17:01:00 <@bob:example.org> hi all\n";
        assert_eq!(header(log).series, "FESCO");
        let dated = "18:58:58 <ann> #startmeeting Technical Board 2024-07-23\n18:59:00 <bob> hi\n";
        assert_eq!(header(dated).series, "Technical Board");
        let bare = "18:58:58 <ann> #startmeeting\n18:59:00 <bob> hi\n";
        assert_eq!(header(bare).series, "");
    }

    fn header(raw: &str) -> Header {
        let lex = Lexicons::for_tests();
        let ontology = crate::ontology::Ontology::embedded().unwrap_or_default();
        extract(
            &Text::new(raw),
            &lex,
            &Matcher::new(&ontology.organisations, true),
        )
    }

    #[test]
    fn a_body_before_the_date_or_under_the_record_kind_is_the_series() {
        let cases = [
            ("Acme Board Meeting Minutes, Wednesday, July 1, 2009\n\nQuorum reached.", "Acme Board"),
            ("Meeting Minutes\n\nLake County Board of Supervisors Meeting\n\nMarch 11, 2014, 9:00 AM\n", "Lake County Board of Supervisors"),
            ("Hi all\n\nRights Coalition Monthly Meeting Notes: 4th March 2010\n\nParticipants: Ana Ruiz; Eva Lind\n", "Rights Coalition"),
            // The record word and the dash before the meeting's kind are
            // no part of the body's name.
            ("BOARD OF SUPERVISORS - REGULAR MEETING MINUTES\nMarch 4, 2021\n", "Board of Supervisors"),
            ("Kern County Board of Supervisors – Regular Meeting Minutes\nMarch 4, 2021\n", "Kern County Board of Supervisors"),
            ("CITY OF MAPLEWOOD\nPLANNING COMMISSION MINUTES\nTuesday, March 4, 2021\n", "Planning Commission"),
        ];
        for (raw, series) in cases {
            assert_eq!(header(raw).series, series, "{raw}");
        }
        // A record's title before the date is no body's name.
        let h = header(
            "Draft Minutes of the Special Board Meeting 23 April 2009\n\nA meeting was held.",
        );
        assert!(!h.series.contains("Minutes"), "{}", h.series);
    }

    #[test]
    fn french_and_spanish_record_heads_and_dates_are_no_part_of_the_series() {
        let cases = [
            // A record head, an elided link, a body in capitals, the date below.
            ("COMPTE-RENDU DE L'ASSEMBLEE GENERALE\nDU 13 FEVRIER 2016\n\nLieu : Salle.", "Assemblee Generale"),
            // A head with no link, a preposition before a date in French.
            ("COMPTE RENDU CONSEIL MUNICIPAL DU 27 MARS 2003\n\nPrésents : A.", "Conseil Municipal"),
            ("Compte-rendu de la réunion du Conseil Municipal du 16 septembre 2019\n\nPrésents : A.", "Conseil Municipal"),
            // A qualifier after the meeting noun, an ordinal in Spanish.
            ("ACTA DE LA 1109ª SESIÓN ORDINARIA DEL COMITÉ DE REPRESENTANTES\n\nOrden del día", "Comité de Representantes"),
        ];
        for (raw, series) in cases {
            assert_eq!(header(raw).series, series, "{raw}");
        }
        // A body's own acronym ends its name; its parent after it is none
        // of it. A kind of body takes the name of the line above.
        let raw = "Meeting Narrative Minutes Internet Engineering Steering Group (iesg) IETF\nDate and time 2022-04-21 14:00\n";
        assert_eq!(header(raw).series, "Internet Engineering Steering Group");
        let raw = "COMMUNITY FOOD CO-OP\nBOARD OF DIRECTORS’ (BOD) MEETING\n21 SEPTEMBER 2017\n\nPRESENT: A.";
        assert_eq!(
            header(raw).series,
            "Community Food Co-Op Board of Directors"
        );
        // What is left in lower case is a common noun, no series.
        assert_eq!(header("BILI Réunion de comité\n\nTexte.").series, "");
    }

    #[test]
    fn title_block_layout() {
        let h = header("\n\nMAG Working Group on IGF Strengthening and Strategy\n\nOnline Meeting 46\n\n20 October 2022 at 14:00 UTC\n\nSummary Report\n\nThe 46th virtual meeting of the IGF MAG Working Group (WG) on IGF Strengthening and Strategy (WG-Strategy) was held on 20 October 2022 at 14:00 UTC. The meeting was moderated by Amrita Choudhury. The list of participants is available.\n\nIt was agreed that the next WG-Strategy call would take place on **3 November 2022** at 14:00 UTC.");
        assert_eq!(
            h.series,
            "MAG Working Group on IGF Strengthening and Strategy"
        );
        assert_eq!(h.number, Some(46));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2022, 10, 20));
        assert_eq!(utc(&h).as_deref(), Some("14:00"));
        assert_eq!(h.next_meeting_date, NaiveDate::from_ymd_opt(2022, 11, 3));
        assert_eq!(
            h.moderators
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>(),
            ["Amrita Choudhury"]
        );
    }

    #[test]
    fn a_generic_body_under_a_place_with_small_words_is_that_place_s() {
        let h = header("Town of Aurora\nCouncil\nMeeting Minutes\nTuesday, November 25, 2025\n\nCouncil Members: Mayor Tom Mrakas (Chair)\n");
        assert_eq!(h.series, "Town of Aurora Council");
        let h = header("Minutes of\nCouncil\nMeeting Minutes\nTuesday, November 25, 2025\n");
        assert_eq!(h.series, "Council");
    }

    #[test]
    fn hosts_with_nicknames_and_two_roles() {
        let h = header("Some Group\n\n10 February 2022 at 1 p.m. UTC\n\nThe meeting was hosted by Concettina Cassa (Titti) and moderated by Amrita Choudhury. Next meeting: 3 March");
        assert_eq!(h.hosts[0].name, "Concettina Cassa");
        assert_eq!(h.hosts[0].nickname.as_deref(), Some("Titti"));
        assert_eq!(h.moderators[0].name, "Amrita Choudhury");
        assert_eq!(utc(&h).as_deref(), Some("13:00"));
        assert_eq!(h.next_meeting_date, NaiveDate::from_ymd_opt(2022, 3, 3));
        let h = header(
            "Group\n\n1 May 2021\n\nThe meeting was hosted and moderated by Roman Chukov. Done.",
        );
        assert_eq!(h.hosts.len(), 1);
        assert_eq!(h.moderators.len(), 1);
    }

    #[test]
    fn sentence_only_layout() {
        let h = header("The 84th virtual meeting of the IGF MAG Working Group on IGF Strengthening and Strategy (WG-\nStrategy) was held on 26 September 2024 14:00 UTC. The meeting was moderated by Chris\nBuckridge, and a recording is available.");
        assert_eq!(h.number, Some(84));
        assert_eq!(
            h.series,
            "MAG Working Group on IGF Strengthening and Strategy"
        );
        assert_eq!(h.moderators[0].name, "Chris Buckridge");
    }

    #[test]
    fn roman_meeting_numbers() {
        let h = header(
            "Best Practice Forum on Cybersecurity\nVirtual meeting IV — 2025/05/20, 13:00 UTC\n",
        );
        assert_eq!(h.number, Some(4));
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2025-05-20"));
        assert_eq!(number("XIV"), Some(14));
        assert_eq!(number("XL"), Some(40));
        assert_eq!(number("IX"), Some(9));
        assert_eq!(number("ABC"), None);
    }

    #[test]
    fn us_dates_and_future_meetings() {
        let h = header("WG-WSP notes\n\nCall 5, 03/06/2025, 09:00 ET.\n\nAll dates in these notes are US style (MM/DD/YYYY).\n\nThe fourth preparatory meeting will be held on 04/03/2025.");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2025-03-06"));
        assert_eq!(
            h.next_meeting_date.map(|d| d.to_string()).as_deref(),
            Some("2025-04-03")
        );
    }

    #[test]
    fn the_date_of_a_convocation_is_not_the_meeting_s() {
        let h = header("ACTA DE LA SESIÓN ORDINARIA DEL PLENO, CELEBRADA EL DÍA 9 DE MARZO DE 2021 Se reúne el Pleno, previa convocatoria enviada el día 4 de marzo de 2021.");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2021-03-09"));
        let h = header("Compte rendu du conseil\n\nDate de convocation : le 2 mars 2021\n\nSéance du 9 mars 2021");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2021-03-09"));
    }

    #[test]
    fn an_email_summary() {
        let h = header("From: A <a@example.org>\nDate: Wed, 5 Feb 2025 09:47:12 -0300\nSubject: [list] IGF Uruguay 2025 - summary of meeting 3\n\nPlease find below a short summary of the third meeting of the IGF Uruguay 2025 Organising Committee (Comité Organizador), held online on Tue 4 Feb at 1400 UTC (11:00 Montevideo).\n\nValentina Sosa chaired the meeting. Our next meeting will be on Tue 18 Feb.");
        assert_eq!(h.series, "IGF Uruguay Organising Committee");
        assert_eq!(h.number, Some(3));
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2025-02-04"));
        assert_eq!(utc(&h).as_deref(), Some("14:00"));
        let names: Vec<&str> = h.moderators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Valentina Sosa"]);
        // A "Date:" field alone is no e-mail.
        let h = header("DC on Data\n\nDate: Tuesday, 14 January 2025\n");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2025-01-14"));
        let h = header(
            "Summary – Seventh Meeting of the MAG Working Group on Outreach\n\n9 April 2025\n",
        );
        assert_eq!(h.series, "MAG Working Group on Outreach");
        assert_eq!(h.number, Some(7));
    }

    #[test]
    fn the_umbrella_is_not_the_series() {
        let h = header("IGF 2025 Parliamentary Track – Preparatory Call\n\nDate/time: 22 April 2025\nConvened by the IGF Secretariat and the Inter-Parliamentary Union\n\nSpeakers:\n• Hon. Neema Lugangira, Chair of the African Parliamentary Network\n");
        assert_eq!(h.series, "Parliamentary Track");
        for title in [
            "Internet Governance Forum – Dynamic Coalition on Data and Trust",
            "IGF Dynamic Coalition on Data and Trust",
            "IGF: Dynamic Coalition on Data and Trust",
        ] {
            let h = header(&format!(
                "{title}\nMeeting notes\n\nDate: 14 January 2025\n"
            ));
            assert_eq!(h.series, "Dynamic Coalition on Data and Trust", "{title}");
        }
    }

    #[test]
    fn a_transcript_speaker_who_says_they_moderate() {
        let h = header(
            "DC MEETING\n\nTHURSDAY, 17 OCTOBER 2024\n\n>> ANA SILVA: Good morning, everyone. I will moderate today. Ben, please start.\n\n>> BEN ODE: Thank you. We will meet again on 14 November at the same time.",
        );
        let names: Vec<&str> = h.moderators.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Ana Silva"]);
        assert_eq!(
            h.next_meeting_date.map(|d| d.to_string()).as_deref(),
            Some("2024-11-14")
        );
        // Someone else's moderation is not a self-introduction.
        let h = header("DC MEETING\n\n1 May 2024\n\n>> ANA SILVA: She moderated it last year.");
        assert!(h.moderators.is_empty());
    }
}
