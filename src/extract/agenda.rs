//! The agenda: numbered, lettered, bulleted or bare lines under an "Agenda"
//! heading, completed by the numbered section headings of the discussion when the
//! list at the top gives only part of it.

use crate::model::AgendaItem;
use crate::text::{Line, Text};
use crate::words::Lexicons;
use regex::Regex;
use std::sync::LazyLock;

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    // "1. Title", "1.2 Title" (a path), "3   Title" (a number set off by
    // spaces), never "00:11:52 ..." (a time).
    Regex::new(
        r"^(?:(\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+|(\d{1,2})(?:[.)]\s*|\s*[-–:]\s*|\s{2,}))(\D.*)$",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});
/// The number after an item word ("TOP 1 Eröffnung", "Item 2: Budget"): the
/// word says it is a number, so one space may follow it.
static AFTER_ITEM_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\.?(?:\s*[-–:)]\s*|\s+)(\D.*)$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
/// "(rbasak, 20:06)", "(10:15)": who opened an item and when, as a meeting
/// bot's summary or a timed agenda writes it after the title.
static TIME_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:[^()]{1,40},\s*)?\d{1,2}:\d{2}(?::\d{2})?\)$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
/// "II. CONSENT AGENDA": an item numbered in capital Roman numerals.
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([IVX]{1,5})\.\s+(\D.*)$").unwrap_or_else(|e| unreachable!("{e}"))
});
/// "1.0", "3.1", "4.", "12": an outline's number alone on its line.
static NUMBER_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})(?:\.(\d{1,2}))?\.?$").unwrap_or_else(|e| unreachable!("{e}"))
});
/// "2.    ", "1.2 ": the number that opens a numbered line, with its mark.
static NUMBER_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+").unwrap_or_else(|e| unreachable!("{e}"))
});
/// "1. ", "2) ": a number that opens an item inside a line, with its mark.
static RUN_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(\d{1,2})([.)])\s+").unwrap_or_else(|e| unreachable!("{e}"))
});
/// " 2.0 ": an item numbered "N.0" inside a line.
static RUN_DECIMAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(\d{1,2})\.0\s+").unwrap_or_else(|e| unreachable!("{e}"))
});
/// " 4. ", " 2.0 ", " 3) ": any number that opens a point inside a line.
static RUN_ANY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)\d{1,2}(?:\.\d{1,2})?[.)]?\s").unwrap_or_else(|e| unreachable!("{e}"))
});
/// An item of an agenda run into a line is a title, not a paragraph; a
/// table of contents gives long ones ("Role of the Council of Europe in the
/// process of European unification - Report of the working party").
const MAX_RUN_TITLE_WORDS: usize = 24;
/// The numbers 1 of a line tried as the opening of an agenda run into it.
const MAX_RUN_OPENINGS: usize = 8;
/// " a. ", " b) ": a lettered sub-item inside a line.
static LETTER_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s[a-z][.)]\s").unwrap_or_else(|e| unreachable!("{e}")));
/// The number a timed item takes: the next one.
const NEXT_NUMBER: &str = "+";
/// "B.11.2 Title", "A.6 Title": an item by its agenda code, a capital letter
/// and a number path (standards bodies code their agendas so).
static CODED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z](?:\.\d{1,2}){1,3})\.?\s+(\D.*)$").unwrap_or_else(|e| unreachable!("{e}"))
});
/// A document reference or link after a title: "[L2/15-038]" (the bracket
/// may be cut off by the line's end), "(https://...)".
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:\[[^\]]*\]?|\(\s*https?://[^)]*\)?)\s*$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static LETTERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*•]\s*)?\(?([a-zA-Z])[.)]\s+(.+)$").unwrap_or_else(|e| unreachable!("{e}"))
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-*•‣◦▪–·.]\s+(.+)$").unwrap_or_else(|e| unreachable!("{e}")));
/// Title text of an item: without numbering, markup, document references,
/// trailing colon or period.
fn clean_title(t: &str) -> String {
    let mut t = t.trim().trim_matches('*').trim();
    while let Some(m) = REFERENCE.find(t) {
        if m.start() == 0 {
            break;
        }
        t = t[..m.start()].trim_end();
    }
    // "Review of Action Items – [D1]": the dash that led to the reference.
    let t = t.trim_end_matches(['–', '—']).trim_end();
    let t = t.strip_suffix(" -").unwrap_or(t);
    let t = t.strip_suffix(':').unwrap_or(t).trim();
    let t = TIME_ATTRIBUTION
        .find(t)
        .map_or(t, |m| t[..m.start()].trim_end());
    let t = if t.ends_with('.') && !t.ends_with("etc.") {
        &t[..t.len() - 1]
    } else {
        t
    };
    t.trim().to_owned()
}

/// A line that reads as a heading: short, and not a sentence of running text.
/// A heading opens with a capital, or with a name written in mixed case
/// ("ebXML Overview", "iOS release"): a word in lower case alone opens a
/// sentence's run-on.
pub fn is_heading_text(t: &str, lex: &Lexicons) -> bool {
    let words = t.split_whitespace().count();
    words > 0
        && words <= 18
        && !lex.prose.agenda_sentence_verb.is_match(t)
        && (!t.starts_with(|c: char| c.is_lowercase()) || opens_with_mixed_case(t))
        && !(t.ends_with('.') && words > 12)
}

/// "ebXML", "iPhone", "eIDAS": a first word in lower case with a capital
/// further in, a name as its owner writes it; a link ("https://lists.../
/// 2022-February/...") is no name.
fn opens_with_mixed_case(t: &str) -> bool {
    t.split_whitespace().next().is_some_and(|w| {
        w.chars().all(char::is_alphanumeric) && w.chars().skip(1).any(char::is_uppercase)
    })
}

enum Item {
    Top(String, String),
    /// "5.  Treasurers Report.  Mr. Bentley reported …": a numbered paragraph
    /// of the minutes led by its item's title.
    Led(String, String),
    Sub(Option<char>, String),
    /// "1.2 Title": a numbered sub-item, its whole number path.
    Path(String, String),
    /// "B.11.2 Title": an item by its agenda code.
    Coded(String, String),
}

/// Longer lines are no agenda heading with a document reference to remove.
const MAX_HEADING_BYTES: usize = 400;

/// The line's text without a trailing "[L2/15-038]" whose opening bracket
/// the cleaning dropped as markup: cut at the last dropped character when
/// what follows reads as a reference (a closing bracket, or a number with a
/// slash).
fn without_reference(line: &Line) -> &str {
    let t = line.text().trim_end();
    // `origin` walks the line's pieces, so this is quadratic in a line's
    // length: a 10 MB single line took hours. No heading is that long.
    if t.contains('[') || t.len() > MAX_HEADING_BYTES {
        return t;
    }
    let mut prev: Option<usize> = None;
    let mut cut = None;
    for (b, c) in t.char_indices() {
        let (at, _) = line.span.origin(b..b + c.len_utf8());
        if prev.is_some_and(|p| at > p + 1) {
            cut = Some(b);
        }
        prev = Some(at);
    }
    match cut {
        Some(b)
            if b > 0
                && (t.ends_with(']')
                    || t[b..].contains('/') && t[b..].contains(|c: char| c.is_ascii_digit())) =>
        {
            t[..b].trim_end()
        }
        _ => t,
    }
}

fn classify(line: &Line, lex: &Lexicons) -> Option<Item> {
    let t = without_reference(line);
    if let Some(row) = numbered_row(t) {
        return classify_text(&row, lex);
    }
    if let Some(heading) = number_set_off(line, t) {
        return classify_text(&heading, lex);
    }
    classify_text(t, lex)
}

/// "1   Attendance": a number the raw line set off by a gap of spaces (the
/// text keeps one), as "1. Attendance".
fn number_set_off(line: &Line, t: &str) -> Option<String> {
    let digits = t.find(|c: char| !c.is_ascii_digit())?;
    let rest = t[digits..].strip_prefix(' ')?;
    ((1..=2).contains(&digits)
        && line.gap_at(digits)
        && !rest.starts_with(|c: char| c.is_ascii_digit()))
    .then(|| format!("{}. {rest}", &t[..digits]))
}

/// "| 2. | President's Welcome: | Dana Dunn opened … |": a numbered paragraph
/// whose columns the text layer read as a table's cells, as one line again.
fn numbered_row(t: &str) -> Option<String> {
    let cells: Vec<&str> = t
        .strip_prefix('|')?
        .trim_end_matches('|')
        .split('|')
        .map(str::trim)
        .collect();
    let [number, rest @ ..] = cells.as_slice() else {
        return None;
    };
    let numeral = number.trim_end_matches(['.', ')']);
    let is_number = (1..=2).contains(&numeral.len()) && numeral.chars().all(|c| c.is_ascii_digit());
    (is_number && !rest.is_empty()).then(|| format!("{numeral}. {}", rest.join(" ")))
}

fn classify_text(t: &str, lex: &Lexicons) -> Option<Item> {
    // "09:00–09:05  Welcome and adoption of the agenda (Chair)": an item by
    // its time slot, numbered by its place.
    if let Some(c) = lex.prose.timed_item.captures(t) {
        // Without the presenter: "Welcome (Chair)" is "Welcome".
        let title = clean_title(&c[1]);
        let title = match title.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) {
            Some((bare, _)) if !bare.is_empty() => bare.trim().to_owned(),
            _ => title,
        };
        return Some(Item::Top(NEXT_NUMBER.to_owned(), title));
    }
    if let Some(c) = item_word(t, lex).and_then(|n| AFTER_ITEM_WORD.captures(n)) {
        let (number, rest) = (&c[1], c.get(2).map_or("", |m| m.as_str()));
        return Some(match number.split_once('.') {
            Some(_) => Item::Path(number.to_owned(), clean_title(rest)),
            None => top(number.to_owned(), rest, lex),
        });
    }
    if let Some(c) = NUMBERED.captures(t) {
        let rest = c.get(3).map_or("", |m| m.as_str());
        if let Some(path) = c.get(1) {
            // "1.0 Welcome", "2.0 Approval of Minutes": an outline that
            // numbers its top items "N.0" (its sub-items "2.1"); "N.0" is
            // item N, as in a column of numbers ([`numbers_over_titles`]).
            if let Some(n) = path
                .as_str()
                .strip_suffix(".0")
                .filter(|n| !n.contains('.'))
            {
                return Some(top(n.to_owned(), rest, lex));
            }
            return Some(Item::Path(path.as_str().to_owned(), clean_title(rest)));
        }
        return Some(top(
            c.get(2).map_or("", |m| m.as_str()).to_owned(),
            rest,
            lex,
        ));
    }
    if let Some(c) = ROMAN.captures(t) {
        return roman_value(&c[1]).map(|n| top(n.to_string(), &c[2], lex));
    }
    if let Some(c) = CODED.captures(t) {
        return Some(Item::Coded(c[1].to_owned(), clean_title(&c[2])));
    }
    if let Some(c) = LETTERED.captures(t) {
        return c[1]
            .chars()
            .next()
            .map(|l| Item::Sub(Some(l.to_ascii_lowercase()), clean_title(&c[2])));
    }
    if let Some(c) = BULLET.captures(t) {
        return Some(Item::Sub(None, clean_title(&c[1])));
    }
    None
}

/// What follows an agenda item word ("TOP 1 ...": "1 ..."), if the line opens with one.
fn item_word<'t>(t: &'t str, lex: &Lexicons) -> Option<&'t str> {
    lex.agenda_item
        .as_ref()?
        .captures(t)?
        .get(1)
        .map(|m| m.as_str())
}

/// A numbered item: its title is the line after the number, or, when that is
/// a paragraph of the minutes, the title leading it.
fn top(n: String, rest: &str, lex: &Lexicons) -> Item {
    let title = clean_title(rest);
    match lead_title(rest, lex) {
        // "Matters Arising. None.", "Treasurer's report: Ana reported the
        // figures.", "Present: A, B": a title, then the minute; but "Draft
        // Policy 2022-12: Language Update." is one title.
        Some((lead, sep, after))
            if !is_heading_text(&title, lex)
                || is_sentence(rest) && (sep == ". " || is_prose(after))
                || is_heading_line_text(lead, lex) =>
        {
            Item::Led(n, clean_title(lead))
        }
        _ => Item::Top(n, title),
    }
}

/// Words of running text: two at least in lower case ("Ana reported the
/// figures"), where a subtitle capitalises its words.
fn is_prose(t: &str) -> bool {
    t.split_whitespace()
        .filter(|w| w.starts_with(char::is_lowercase))
        .count()
        >= 2
}

/// Words that make a line running text, not an entry of a roll.
const RUNNING_TEXT_WORDS: usize = 10;

/// "The National Science Board (Board, NSB) convened in Open Session on
/// Wednesday,": a long line, half of it words in lower case ([`is_prose`]),
/// that opens with no name ("Ana Lee, Director of the Office of the ..." is
/// a roll's entry: a given name, or a comma in its first three words).
fn is_running_text(t: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.starts_with(char::is_lowercase))
        .count();
    words.len() >= RUNNING_TEXT_WORDS
        && 2 * lower >= words.len()
        && !words.iter().take(3).any(|w| w.ends_with(','))
        && !lex.is_given(words[0])
        && !lex.is_honorific(words[0])
}

/// "2.    Approval of Minutes.": a numbered title that the writer closed
/// with a full stop, as typed minutes often do. One sentence of at most
/// eight words, read as a heading, with no verb in the past ("1. Minutes
/// confirmed.", "3. Noted.") nor any finite verb, and not opened by a
/// negation ("3. No objection to the approval of the agenda.": a minute).
fn is_title_with_stop(t: &str, lex: &Lexicons) -> bool {
    let body = t.trim_end().trim_end_matches('.');
    let body = NUMBER_MARK.find(body).map_or(body, |m| &body[m.end()..]);
    let words: Vec<&str> = body.split_whitespace().collect();
    (2..=8).contains(&words.len())
        && !body.contains(['.', '?', '!', ';', ':'])
        && is_heading_text(body, lex)
        && !words.iter().any(|w| w.to_lowercase().ends_with("ed"))
        && !lex.negations.contains(&crate::words::fold(words[0]))
}

/// A line that ends as a sentence does ("2. Any changes? None seen.").
fn is_sentence(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with('.') && !t.ends_with("etc.")
}

/// The title leading a paragraph: "President's Welcome: Dana Dunn opened …",
/// "Matters Arising.  None.", "Budget – the treasurer …". Short, read as a
/// heading, and more than an abbreviation ("Dr. Ana Lee …" is led by no
/// title "Dr").
fn lead_title<'a>(rest: &'a str, lex: &Lexicons) -> Option<(&'a str, &'static str, &'a str)> {
    let (cut, sep) = [": ", " – ", " - ", ". "]
        .into_iter()
        .filter_map(|sep| rest.find(sep).map(|at| (at, sep)))
        .min()?;
    let lead = rest[..cut].trim();
    let after = rest[cut..].trim_start_matches([':', '–', '-', '.', ' ']);
    // "… la 1106a. y 1107a. sesiones": a period inside the title; "In
    // response, Dr. Lindqvist noted …": after an abbreviation.
    let last_word = lead.rsplit(' ').next().unwrap_or(lead).to_lowercase();
    let new_sentence = sep != ". "
        || after.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !lex.sentence.abbreviations.contains(&last_word);
    let words = lead.split_whitespace().count();
    let short = (1..=8).contains(&words) && lead.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    (short && new_sentence && is_heading_text(lead, lex) && !after.is_empty())
        .then_some((lead, sep, after))
}

/// A paragraph's lead that names who speaks, not what about: a role
/// ("Chair: Any modifications?") or a speaker's word.
fn is_speaker_label(lead: &str, lex: &Lexicons) -> bool {
    let lower = lead.to_lowercase();
    lex.role_words.contains(&lower) || lex.speaker_words.contains(&lower)
}

/// The value of a capital Roman numeral up to 39 ("XIV" is 14).
fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let values: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let total = values.iter().enumerate().fold(0i64, |sum, (i, &v)| {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            sum - i64::from(v)
        } else {
            sum + i64::from(v)
        }
    });
    u32::try_from(total).ok().filter(|&n| n > 0 && n < 40)
}

/// A participants or apologies heading ("Present", "In Attendance", "Apologies").
fn is_heading_line_text(t: &str, lex: &Lexicons) -> bool {
    let t = t.trim_end_matches(':').trim();
    lex.heading_participants
        .iter()
        .chain(&lex.heading_absent)
        .any(|h| h.eq_ignore_ascii_case(t))
}

fn is_heading_line(line: &Line, list: &[String]) -> bool {
    let t = super::roster::strip_annex(line.text().trim_end_matches(':').trim());
    list.iter().any(|h| h.eq_ignore_ascii_case(t))
}

/// Extracts the agenda. Returns the items and the line where the agenda list ended.
pub fn extract(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let mut found = titles_over_attachments(text, lex);
    if found.is_empty() {
        found = table_of_contents(text, lex);
    }
    if found.is_empty() {
        found = without_running_headers(items(text, lex));
    }
    let mut items = without_people(found, lex);
    if items.is_empty() {
        items = headings_over_prose(text, lex);
    }
    if items.is_empty() {
        items = capital_headings_in_paragraphs(text, lex);
    }
    if items.is_empty() {
        items = numbers_over_titles(text, lex);
    }
    if items.is_empty() {
        items = numbered_run_in_a_line(text, lex);
    }
    if items.is_empty() {
        items = decimal_run_in_a_line(text, lex);
    }
    if items.is_empty() {
        items = without_people(bullets_under_minutes(text, lex), lex);
    }
    for item in &mut items {
        if let Some(end) = first_sentence_end(&item.title, lex) {
            item.title.truncate(end);
        }
        let bare = without_presenter(&item.title, lex).len();
        item.title.truncate(bare);
        let bare = super::item_notes::without_notes(&item.title, lex).len();
        item.title.truncate(bare);
        if let Some(title) = without_label(&item.title, lex) {
            item.title = title;
        }
    }
    items
}

/// Items all numbered "1." are counted by their order from this many on
/// (two may be a list and a restart).
const MIN_ORDER_NUMBERED: usize = 3;

/// The numbers of a text's numbered lines: how many are "1" and how many
/// another.
#[derive(Debug, Default)]
struct NumberCount {
    ones: usize,
    others: usize,
}

impl NumberCount {
    fn add(&mut self, n: &str) {
        if n == "1" {
            self.ones += 1;
        } else {
            self.others += 1;
        }
    }

    /// Every numbered line is "1.", and there are enough of them: numbering
    /// a conversion lost (Markdown numbers a list by its order and may
    /// write each item "1."), so the items count on by their order.
    fn by_order(&self) -> bool {
        self.ones >= MIN_ORDER_NUMBERED && self.others == 0
    }
}

/// [`NumberCount::by_order`] of `lines`.
fn is_numbered_by_order(lines: &[Line], lex: &Lexicons) -> bool {
    let mut numbers = NumberCount::default();
    for line in lines {
        if let Some(Item::Top(n, _) | Item::Led(n, _)) = classify(line, lex) {
            numbers.add(&n);
        }
    }
    numbers.by_order()
}

/// A page of a table of contents has at most this many digits ("49"; a
/// year, "Budget 2016", is no page) ...
const MAX_PAGE_DIGITS: usize = 3;
/// ... or Roman numerals ("II", a scan's reading of "11").
const MAX_PAGE_NUMERALS: usize = 4;

/// "Meeting Report TABLE OF CONTENTS", then "Announcements and Opening
/// Remarks 2", "NASA Exploration Update 6": a report that opens with a table
/// of contents lists its items of business there, each with its page. The
/// items are the lines after a heading of `[headings-contents]` that end with
/// a page (a number, or a Roman numeral a scan read for one), up to the first
/// that does not; three at least, or none.
fn table_of_contents(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let is_heading = |t: &str| {
        let t = t.trim().trim_end_matches(':').trim().to_lowercase();
        lex.heading_contents.iter().any(|h| {
            let h = h.to_lowercase();
            t == h || t.ends_with(&format!(" {h}"))
        })
    };
    let Some(start) = text.lines.iter().position(|l| is_heading(l.text())) else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    for line in text.lines[start + 1..].iter().filter(|l| !l.is_blank()) {
        let Some(title) = without_page(line.text()) else {
            break;
        };
        if !is_heading_text(title, lex) {
            break;
        }
        titles.push(clean_title(title));
    }
    if titles.len() < 3 {
        return Vec::new();
    }
    numbered_in_order(titles)
}

/// "NASA Exploration Update 6" → "NASA Exploration Update": a line of a
/// table of contents without its page and the dots that lead to it; none
/// when it ends with no page.
fn without_page(t: &str) -> Option<&str> {
    let t = t.trim_end();
    let (title, page) = t.rsplit_once(' ')?;
    let numeric = page.len() <= MAX_PAGE_DIGITS && page.chars().all(|c| c.is_ascii_digit());
    let roman = page.len() <= MAX_PAGE_NUMERALS && page.chars().all(|c| "IVXL".contains(c));
    if page.is_empty() || !(numeric || roman) {
        return None;
    }
    let title = title.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    title.chars().any(char::is_alphabetic).then_some(title)
}

/// "Mr Mike Mrdak, Secretary", "Mr Alan Barrett (AB) CEO": a list of the
/// officials who attended, read as a list of titles, names people, not the
/// business. Its lines are no items; where they are half the list or more,
/// its other lines are the units those people belong to ("Corporate Services
/// Division"), and none of it is the agenda.
fn without_people(items: Vec<AgendaItem>, lex: &Lexicons) -> Vec<AgendaItem> {
    let people = items
        .iter()
        .filter(|i| is_person_line(&i.title, lex))
        .count();
    if people == 0 {
        return items;
    }
    if 2 * people >= items.len() {
        return Vec::new();
    }
    items
        .into_iter()
        .filter(|i| !is_person_line(&i.title, lex))
        .collect()
}

/// A line that names a person before anything else: an honorific, one to
/// three capitalised words that are no common words, then a comma, a
/// parenthesis or the line's end ("Ms Pip Spence, Acting Deputy Secretary",
/// "Mr Alan Barrett (AB) CEO"; "Treasurer Report" and "Trustee Informational
/// Comments on ..." are titles); or a known given name and up to three
/// capitalised words before a comma ("Wolfgang Kleinwächter, University of
/// Aarhus").
pub fn is_person_line(title: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
    if words.len() >= 2 && lex.is_honorific(words[0]) {
        let name = |w: &&str| {
            let bare = w.trim_end_matches(',');
            capitalised(&bare) && !lex.common_words.contains(&bare.to_lowercase())
        };
        let mut named = 0;
        let mut comma = false;
        for w in words[1..].iter().take_while(|w| name(w)) {
            named += 1;
            if w.ends_with(',') {
                comma = true;
                break;
            }
        }
        let after = words.get(1 + named);
        let ends_name = comma || after.is_none_or(|w| w.starts_with('('));
        if (1..=3).contains(&named) && ends_name {
            return true;
        }
    }
    let Some((person, _)) = title.split_once(", ") else {
        return false;
    };
    let words: Vec<&str> = person.split_whitespace().collect();
    (2..=4).contains(&words.len()) && lex.is_given(words[0]) && words.iter().all(capitalised)
}

/// Letters at least in the word that ends a title's first sentence: shorter
/// ones are abbreviations ("bzgl.", "inkl.").
const MIN_SENTENCE_END_LETTERS: usize = 5;

/// "Task 3.3 Market development. TL Telvent, Daniel Seixas", "IPR issues.
/// Dropped, but can be reopened.": an item whose line runs on into a note
/// on it (its lead, its status) is its first sentence. The sentence ends at a
/// full stop after a word in lower case of [`MIN_SENTENCE_END_LETTERS`]
/// letters or more, not of `[sentence-abbreviations]` nor inside
/// parentheses, before a capital; two words at least before it. Returns
/// where the title ends.
fn first_sentence_end(title: &str, lex: &Lexicons) -> Option<usize> {
    let mut depth = 0i32;
    for (at, c) in title.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '.' if depth == 0 => {
                let after = &title[at + 1..];
                let next_capital = after
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(char::is_uppercase));
                let word = title[..at].rsplit(' ').next().unwrap_or("");
                let ends = word.chars().count() >= MIN_SENTENCE_END_LETTERS
                    && word.chars().all(char::is_lowercase)
                    && !lex.sentence.abbreviations.contains(word);
                if next_capital && ends && title[..at].split_whitespace().count() >= 2 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// "Call to Order" / "Chair Hughes called the meeting to order at ...":
/// minutes with no agenda list and no numbering head each item of business
/// with a title-case line set between sentences, prose under it. Three such
/// headings at least, or none: one is a record's title, two are often the
/// sections of notes ("Q&A", "Actions"). A field ("Date: 2 Dec 2024", a
/// mail's header line) is no heading, though it reads as a title line.
fn headings_over_prose(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let lines: Vec<&Line> = text.lines.iter().filter(|l| !l.is_blank()).collect();
    let mut titles = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let t = line.text().trim();
        // The first line is the record's own title, no item of it. A line
        // in capitals is no line of prose wrapped, wherever it stands
        // ("OLD BUSINESS" right under the roll).
        let capitals = is_capitals_heading(t) || is_capitals_word_heading(t);
        let after_sentence =
            k > 0 && (capitals || crate::text::ends_a_sentence(lines[k - 1].text()));
        // Running text under it: a line of eight words or more, in lower
        // case; under a heading in capitals, which no line of prose is, three.
        let least = if capitals { 3 } else { 8 };
        let prose_follows = lines
            .get(k + 1)
            .is_some_and(|n| is_prose(n.text()) && n.text().split_whitespace().count() >= least);
        let first = t.split_whitespace().next().unwrap_or("");
        if after_sentence
            && prose_follows
            && crate::text::is_title_line(t, &lex.sentence)
            && !lex.is_given(first)
            && !lex.is_honorific(first)
            && !super::roster::is_roll_field(t, lex)
            && !super::header::is_field_line(t, lex)
        {
            titles.push(clean_title(t));
        }
    }
    if titles.len() < 3 {
        return Vec::new();
    }
    numbered_in_order(titles)
}

/// "ADOPTION OF THE AGENDA": a line in capitals, two words at least.
fn is_capitals_heading(t: &str) -> bool {
    t.split_whitespace().count() >= 2 && t.split_whitespace().all(is_capital_word)
}

/// "ADJOURNMENT", "INVOCATION": one word in capitals, long enough to be no
/// acronym.
fn is_capitals_word_heading(t: &str) -> bool {
    !t.contains(' ')
        && t.chars().filter(|c| c.is_alphabetic()).count() >= MIN_HEADING_WORD_LETTERS
        && t.chars().all(|c| c.is_uppercase() || !c.is_alphabetic())
}

/// A heading of one word in capitals has this many letters at least.
const MIN_HEADING_WORD_LETTERS: usize = 6;

/// "... to order. INVOCATION The invocation was delivered by ...": minutes
/// whose lines were lost (a scan read in one paragraph, a page run together)
/// keep their headings as runs of capitals that open a sentence, the
/// sentence itself in mixed case after them. Three such headings at least,
/// as for headings over prose; a roll's label ("PRESENT") is none, and
/// neither is a run that comes back (a transcript's speaker, ">>ANA LEE:").
fn capital_headings_in_paragraphs(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let leads: Vec<String> = text
        .sentences
        .iter()
        .filter_map(|s| capital_lead(s.text()))
        .filter(|t| !is_heading_line_text(t, lex) && !super::people::is_roll_label(t, lex))
        .collect();
    let mut seen = std::collections::HashMap::<&str, usize>::new();
    for t in &leads {
        *seen.entry(t.as_str()).or_default() += 1;
    }
    let titles: Vec<String> = leads
        .iter()
        .filter(|t| seen.get(t.as_str()) == Some(&1))
        .cloned()
        .collect();
    if titles.len() < 3 {
        return Vec::new();
    }
    numbered_in_order(titles)
}

/// "Minutes of the Meeting held on 16 September 2013 pdf icon PDF 83 KB",
/// then "Additional documents:": a council's agenda-and-minutes page (the
/// published page of a committee system) heads each item with its title
/// and its documents' links, then the item's label of attachments
/// (`[attachment-labels]`), then the minute. The lines over such labels
/// are the agenda, without the link and its size; a table's column header
/// over one ("No. Item", `[non-subject-titles]`) is none. Three at least, or
/// none.
fn titles_over_attachments(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let lines: Vec<&Line> = text.lines.iter().filter(|l| !l.is_blank()).collect();
    let titles: Vec<String> = lines
        .windows(2)
        .filter(|pair| is_attachment_label(pair[1].text(), lex))
        .map(|pair| {
            let t = pair[0].text().trim();
            // " pdf icon PDF 83 KB": a document's link and size after it.
            let link = lex.prose.document_link.find(t);
            let bare = link.map_or(t, |m| &t[..m.start()]);
            clean_title(bare)
        })
        // The label says the line is a title: it may hold a verb ("Other
        // items which the Chairman decides are urgent").
        .filter(|t| {
            (1..=MAX_RUN_TITLE_WORDS).contains(&t.split_whitespace().count())
                && !is_attachment_label(t, lex)
                && !lex.non_subject_titles.contains(&crate::words::fold(t))
        })
        .collect();
    if titles.len() < 3 {
        return Vec::new();
    }
    numbered_in_order(titles)
}

/// "Additional documents:": a label of an item's attachments.
fn is_attachment_label(t: &str, lex: &Lexicons) -> bool {
    let t = t.trim().trim_end_matches(':').trim();
    lex.attachment_labels.contains(&t.to_lowercase())
}

/// "CONFIDENTIAL - 1 - CM/Del/Concl(84)373" on every page: a title that
/// comes back is a page's running header read as an item, no item at all.
fn without_running_headers(items: Vec<AgendaItem>) -> Vec<AgendaItem> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for i in &items {
        *seen.entry(crate::words::fold(&i.title)).or_default() += 1;
    }
    items
        .into_iter()
        .filter(|i| seen.get(&crate::words::fold(&i.title)) == Some(&1))
        .collect()
}

/// "1.0" alone on its line, "CALL TO ORDER" on the next: a text layer that
/// set an outline's numbers in a column of their own. Three such pairs at
/// least, numbered upwards; "N.0" is item N.
fn numbers_over_titles(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let lines: Vec<&Line> = text.lines.iter().filter(|l| !l.is_blank()).collect();
    let mut out: Vec<AgendaItem> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    for pair in lines.windows(2) {
        let [number, title] = pair else { continue };
        let Some(c) = NUMBER_ALONE.captures(number.text().trim()) else {
            continue;
        };
        let t = title.text().trim();
        if !is_heading_text(t, lex) || NUMBER_ALONE.is_match(t) || is_sentence(t) {
            continue;
        }
        let top: u32 = c[1].parse().unwrap_or(0);
        let sub: u32 = c.get(2).map_or(0, |m| m.as_str().parse().unwrap_or(0));
        if last.is_some_and(|l| (top, sub) <= l) {
            continue;
        }
        last = Some((top, sub));
        let id = if sub == 0 {
            top.to_string()
        } else {
            format!("{top}.{sub}")
        };
        out.push(AgendaItem {
            id,
            title: clean_title(t),
        });
    }
    if out.len() < 3 {
        return Vec::new();
    }
    out
}

/// "1. Begrüßung 2. Feststellung der Stimmberechtigten 3. Anträge …": an
/// agenda run into one line of a flattened page, numbered from 1 with one
/// kind of mark. Each title is what lies between its number and the next,
/// the last cut at the next number of any kind or the sentence's end;
/// three items at least, each a heading's length, or none.
fn numbered_run_in_a_line(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    for line in &text.lines {
        let t = line.text();
        let marks: Vec<RunMark> = RUN_NUMBER
            .captures_iter(t)
            .filter_map(|c| {
                let number = c.get(1)?;
                Some(RunMark {
                    at: number.start(),
                    after: c.get(0)?.end(),
                    n: number.as_str().parse().ok()?,
                    mark: c.get(2)?.as_str().chars().next()?,
                })
            })
            .collect();
        // A few openings a line: a page of numbers must not cost the square
        // of its length.
        let openings = (0..marks.len()).filter(|&k| marks[k].n == 1);
        for first in openings.take(MAX_RUN_OPENINGS) {
            let items = run_from(t, &marks, first, lex);
            if items.len() >= 3 {
                return items;
            }
        }
    }
    Vec::new()
}

/// "... Steve Allen. 1.0 Call to Order Call to order (Except ...) 2.0 Moment
/// of Silence 1. Statement ...": minutes generated from an agenda whose
/// items are numbered "N.0", each heading run into the minute under it when
/// the page was flattened. Items 1.0, 2.0, 3.0, … in order (a number out of
/// the sequence is the minute's own); each title is the words in title case
/// after its number, up to the next number or the minute restating it.
/// Three items at least, or none.
fn decimal_run_in_a_line(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    for line in &text.lines {
        let t = line.text();
        let mut items = Vec::new();
        for c in RUN_DECIMAL.captures_iter(t) {
            let (Some(number), Some(whole)) = (c.get(1), c.get(0)) else {
                continue;
            };
            if number.as_str().parse::<usize>().ok() != Some(items.len() + 1) {
                continue;
            }
            let rest = &t[whole.end()..];
            let to = RUN_ANY_NUMBER.find(rest).map_or(rest.len(), |m| m.start());
            match title_case_lead(&rest[..to], lex) {
                Some(title) => items.push(AgendaItem {
                    id: format!("{}.0", number.as_str()),
                    title,
                }),
                None => break,
            }
        }
        if items.len() >= 3 {
            return items;
        }
    }
    Vec::new()
}

/// The heading that opens a run of text: its words in title case (a word
/// of four letters or more capitalised), without the short words that
/// trail it, and cut where its first word comes back (the minute restates
/// its title: "Call to Order Call to order"). At most twelve words, no
/// finite verb.
fn title_case_lead(t: &str, lex: &Lexicons) -> Option<String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let mut n = words
        .iter()
        .take_while(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            letters < 4 || w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
        })
        .count();
    let first = words.first()?.to_lowercase();
    if let Some(again) = words[1..n.max(1)]
        .iter()
        .position(|w| w.to_lowercase() == first)
    {
        n = again + 1;
    }
    while n > 0 && words[n - 1].starts_with(|c: char| c.is_lowercase()) {
        n -= 1;
    }
    let title = words[..n].join(" ");
    ((1..=12).contains(&n)
        && title.starts_with(char::is_uppercase)
        && !lex.prose.agenda_sentence_verb.is_match(&title))
    .then(|| clean_title(&title))
}

/// A number inside a line: where it starts, where its title starts, its
/// value and its mark ('.' or ')').
#[derive(Clone, Copy)]
struct RunMark {
    at: usize,
    after: usize,
    n: u32,
    mark: char,
}

/// The items numbered 1, 2, 3, … with the mark of `marks[first]`, from it
/// on; none when a title is no heading.
fn run_from(t: &str, marks: &[RunMark], first: usize, lex: &Lexicons) -> Vec<AgendaItem> {
    let mut run = vec![marks[first]];
    for m in &marks[first + 1..] {
        if m.mark == marks[first].mark && m.n == run.len() as u32 + 1 {
            run.push(*m);
        }
    }
    let mut titles = Vec::new();
    for (k, m) in run.iter().enumerate() {
        let to = match run.get(k + 1) {
            Some(next) => next.at,
            None => marks
                .iter()
                .find(|o| o.at > m.after)
                .map_or(t.len(), |o| o.at),
        };
        let mut title = t.get(m.after..to).unwrap_or("").trim();
        // "6. Other business a. Meeting of ...": a lettered sub-item ends it.
        if let Some(sub) = LETTER_MARK.find(title) {
            title = title[..sub.start()].trim();
        }
        if k + 1 == run.len() {
            title = title.split(". ").next().unwrap_or(title);
        }
        let words = title.split_whitespace().count();
        let heading = !lex.prose.agenda_sentence_verb.is_match(title)
            && title.starts_with(char::is_uppercase);
        if !(1..=MAX_RUN_TITLE_WORDS).contains(&words) || !heading {
            return Vec::new();
        }
        titles.push((m.n, title));
    }
    // "1. Adoption of the agenda 5 2. The working methods 7": a table of
    // contents, each title with its page (the last may end in a sub-item; a
    // year is no page).
    let page_of = |t: &str| {
        t.rsplit_once(' ')
            .filter(|(_, w)| w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()))
            .map(|(bare, _)| bare.to_owned())
    };
    let paged = titles
        .iter()
        .take(titles.len().saturating_sub(1))
        .all(|(_, t)| page_of(t).is_some());
    titles
        .into_iter()
        .map(|(n, title)| {
            let title = match page_of(title) {
                Some(bare) if paged => bare,
                _ => title.to_owned(),
            };
            AgendaItem {
                id: n.to_string(),
                title: clean_title(&title),
            }
        })
        .collect()
}

/// The run of capitals that opens a sentence, when words in mixed case
/// follow it: two words at least, or one of six letters or more (an
/// acronym alone is a name, not a heading).
fn capital_lead(t: &str) -> Option<String> {
    let words: Vec<&str> = t.split(' ').collect();
    let caps = words.iter().take_while(|w| is_capital_word(w)).count();
    let next = words.get(caps)?;
    let mixed = next.chars().next().is_some_and(char::is_uppercase)
        && next.chars().skip(1).any(char::is_lowercase);
    let lead = &words[..caps];
    let letters: usize = lead
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    let long_enough = lead.len() >= 2 || letters >= 6;
    (mixed && long_enough && lead.len() <= 10).then(|| lead.join(" "))
}

/// A word in capitals ("ADOPTION", "OF", "&", "MINUTES,"): no lower-case
/// letter, and a letter unless it is a joining sign.
fn is_capital_word(w: &str) -> bool {
    !w.is_empty()
        && !w.chars().any(|c| c.is_lowercase() || c == '>')
        && (w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            || matches!(w, "&" | "-" | "–" | "/"))
}

/// Items numbered 1, 2, ... in the order of their titles.
/// Top bullets under the minutes' heading that an outline of them needs.
const MIN_MINUTE_BULLETS: usize = 3;

/// "Minutes", then "• Consent agenda: Resolution to thank ...", "• ED
/// report", each with the discussion in deeper bullets under it: minutes
/// kept as a bulleted outline (a shared document's notes) without an agenda
/// list. The bullets at the outline's top depth after the first heading of
/// `[headings-discussion]` that read as headings are the items; at least
/// `MIN_MINUTE_BULLETS` of them, or none. Deeper bullets are the discussion.
fn bullets_under_minutes(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let Some(start) = text
        .lines
        .iter()
        .position(|l| is_heading_line(l, &lex.heading_discussion))
    else {
        return Vec::new();
    };
    let bullets: Vec<(usize, String)> = text.lines[start + 1..]
        .iter()
        .filter_map(|l| {
            BULLET
                .captures(l.text())
                .map(|c| (l.indent, clean_title(&c[1])))
        })
        .collect();
    let Some(top) = bullets.iter().map(|(indent, _)| *indent).min() else {
        return Vec::new();
    };
    let titles: Vec<String> = bullets
        .into_iter()
        .filter(|(indent, title)| *indent == top && is_heading_text(title, lex))
        .map(|(_, title)| title)
        .collect();
    if titles.len() < MIN_MINUTE_BULLETS {
        return Vec::new();
    }
    numbered_in_order(titles)
}

fn numbered_in_order(titles: Vec<String>) -> Vec<AgendaItem> {
    titles
        .into_iter()
        .enumerate()
        .map(|(i, title)| AgendaItem {
            id: (i + 1).to_string(),
            title,
        })
        .collect()
}

/// "3.1 Issue:  Health & Social Care Integration": minutes set out as a
/// form label each item's title with a word of `[keyphrase-labels]` and a
/// colon; the title is what follows. A label with a number ("Issue 280:
/// Proposed update") names the item and stays.
fn without_label(title: &str, lex: &Lexicons) -> Option<String> {
    let (label, rest) = title.split_once(':')?;
    let rest = rest.trim();
    (lex.keyphrase_labels.contains(&label.trim().to_lowercase())
        && rest.starts_with(char::is_uppercase))
    .then(|| rest.to_owned())
}

/// "General Manager's report (Leah Foley)": the title without the presenter
/// in parentheses after it, a person's name (a known given name or an
/// honorific, then capitalised words). "(Honorary)", "(ICANN)" stay.
pub fn without_presenter<'t>(title: &'t str, lex: &Lexicons) -> &'t str {
    let Some((bare, inner)) = title.strip_suffix(')').and_then(|t| t.rsplit_once(" (")) else {
        return title;
    };
    let words: Vec<&str> = inner.split_whitespace().collect();
    let named = (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && (lex.is_given(words[0]) || lex.is_honorific(words[0]));
    if named && !bare.trim().is_empty() {
        bare.trim_end()
    } else {
        title
    }
}

/// The items of the agenda, titles as written: a chat's topics, else the
/// list under the agenda's heading, else the outline of the minutes.
fn items(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let topics = super::chat::topics(text, &lex.chat_topic_commands);
    if !topics.is_empty() {
        return numbered_in_order(topics);
    }
    let lines = &text.lines;
    let Some(start) = lines.iter().position(|l| is_agenda_heading(l, lex)) else {
        return outline(text, lex, &[], 0);
    };
    let mut list = AgendaList::new();
    list.numbered_by_order = is_numbered_by_order(&lines[start + 1..], lex);
    let mut end = start + 1;
    for line in &lines[start + 1..] {
        end = line.number;
        if line.is_blank() {
            continue;
        }
        if ends_agenda_list(line, lex) || !list.read(line, lex) {
            break;
        }
    }
    list.items.retain(|i| !i.title.is_empty());
    if list.numbered {
        outline(text, lex, &list.items, end)
    } else {
        list.items
    }
}

/// "Agenda:", "ORDRE DU JOUR": the line that opens the agenda's list, as
/// `[headings-agenda]` writes it.
fn is_agenda_heading(line: &Line, lex: &Lexicons) -> bool {
    let t = line.text().trim_end_matches(':').trim();
    lex.heading_agenda.iter().any(|h| h.eq_ignore_ascii_case(t))
}

/// The heading of the discussion, of the participants or of the next
/// meeting: the agenda's list is over.
fn ends_agenda_list(line: &Line, lex: &Lexicons) -> bool {
    [
        &lex.heading_discussion,
        &lex.heading_participants,
        &lex.heading_next,
    ]
    .iter()
    .any(|list| is_heading_line(line, list))
}

/// The list under the agenda's heading as it is read, line by line: its
/// items so far, whether it is numbered, and where its top level stands.
struct AgendaList {
    items: Vec<AgendaItem>,
    numbered: bool,
    /// Every numbered line is "1." ([`is_numbered_by_order`]).
    numbered_by_order: bool,
    last_top: usize,
    top_indent: usize,
    next_letter: u8,
}

impl AgendaList {
    fn new() -> Self {
        AgendaList {
            items: Vec::new(),
            numbered: false,
            numbered_by_order: false,
            last_top: 0,
            top_indent: 0,
            next_letter: b'a',
        }
    }

    /// Reads one line of the list; `false` when the line ends it.
    fn read(&mut self, line: &Line, lex: &Lexicons) -> bool {
        match classify(line, lex) {
            Some(Item::Top(n, title) | Item::Led(n, title)) => self.numbered_item(&n, title, line),
            Some(Item::Path(id, title) | Item::Coded(id, title)) if !self.items.is_empty() => {
                self.items.push(AgendaItem { id, title });
                true
            }
            Some(Item::Sub(None, title)) if self.opens_bullet(line) => {
                self.bullet(title, line.indent);
                true
            }
            Some(Item::Sub(letter, title)) if !self.items.is_empty() => {
                self.sub_item(letter, title);
                true
            }
            _ => self.plain_line(line.text(), lex),
        }
    }

    /// "3. Budget": a top item by its number ("+" for the one after the
    /// last). A number that does not go on from the last is a restart.
    fn numbered_item(&mut self, n: &str, title: String, line: &Line) -> bool {
        let by_order = self.numbered_by_order && self.numbered && line.indent == self.top_indent;
        let n: usize = if n == NEXT_NUMBER || by_order {
            self.last_top + 1
        } else {
            n.parse().unwrap_or(0)
        };
        if self.numbered && n <= self.last_top {
            return self.restart(n, title, line.indent);
        }
        self.numbered = true;
        self.last_top = n;
        self.top_indent = line.indent;
        self.next_letter = b'a';
        self.items.push(AgendaItem {
            id: n.to_string(),
            title,
        });
        true
    }

    /// Numbering that restarts further in is a nested list (item
    /// "2.1"); at the same depth it is the discussion going through the
    /// items, and the list is over.
    fn restart(&mut self, n: usize, title: String, indent: usize) -> bool {
        if indent <= self.top_indent {
            return false;
        }
        self.items.push(AgendaItem {
            id: format!("{}.{n}", self.last_top),
            title,
        });
        true
    }

    /// "Ordre du jour :" then "- Approbation ...": a bullet of an
    /// unnumbered list at the list's depth is a top item; a bullet deeper
    /// than the list's is a sub-item.
    fn opens_bullet(&self, line: &Line) -> bool {
        !self.numbered && (self.items.is_empty() || line.indent <= self.top_indent)
    }

    /// A bullet read as the next top item of an unnumbered list.
    fn bullet(&mut self, title: String, indent: usize) {
        self.last_top += 1;
        self.top_indent = indent;
        self.next_letter = b'a';
        self.items.push(AgendaItem {
            id: self.last_top.to_string(),
            title,
        });
    }

    /// "a) Minutes", or a deeper bullet: a sub-item of the last top item,
    /// lettered as written or by the next letter.
    fn sub_item(&mut self, letter: Option<char>, title: String) {
        let l = letter.map_or(self.next_letter, |c| c as u8);
        self.next_letter = l.saturating_add(1);
        self.items.push(AgendaItem {
            id: format!("{}.{}", self.last_top, l as char),
            title,
        });
    }

    /// A line that no list marker opens: in an unnumbered list, a short
    /// heading-like line is the next item; anything else ends the list.
    fn plain_line(&mut self, t: &str, lex: &Lexicons) -> bool {
        if !self.takes_plain_line(t, lex) {
            return false;
        }
        self.last_top += 1;
        self.next_letter = b'a';
        self.items.push(AgendaItem {
            id: self.last_top.to_string(),
            title: clean_title(t),
        });
        true
    }

    /// "Présents : A, B" (the roll after the agenda), a line after a
    /// numbered list, a sentence or a long line is no item of the list.
    fn takes_plain_line(&self, t: &str, lex: &Lexicons) -> bool {
        !super::roster::is_roll_field(t, lex)
            && !self.numbered
            && is_heading_text(t, lex)
            && !t.ends_with('.')
            && t.split_whitespace().count() <= 14
    }
}

/// Adds the numbered headings of the discussion that the agenda list lacks
/// (reports that list only the first item at the top, then number the rest).
/// Without any numbered heading, the unnumbered section headings of the
/// minutes are the agenda ([`section_headings`]).
fn outline(text: &Text, lex: &Lexicons, items: &[AgendaItem], from_line: usize) -> Vec<AgendaItem> {
    // One pass: one coded line is a reference in passing, an agenda codes
    // several; the outermost numbered lines set the margin.
    let (mut coded_lines, mut margin) = (0, None::<usize>);
    let mut numbers = NumberCount::default();
    for line in &text.lines {
        match classify(line, lex) {
            Some(Item::Coded(..)) => coded_lines += 1,
            Some(Item::Top(n, _) | Item::Led(n, _)) => {
                margin = Some(margin.map_or(line.indent, |m| m.min(line.indent)));
                numbers.add(&n);
            }
            _ => {}
        }
    }
    let coded = coded_lines >= 2;
    let mut o = Outline::new(items, coded);
    o.margin = margin.unwrap_or(0);
    o.numbered_by_order = numbers.by_order();
    for line in text.lines.iter().filter(|l| l.number >= from_line) {
        match o.through_lists(line, lex) {
            Flow::Next => {}
            Flow::Stop => break,
            Flow::Read(item) => o.read(line, item, lex),
        }
    }
    if o.out.is_empty() && from_line == 0 {
        return section_headings(text, lex);
    }
    let mut out = o.out;
    // Keep the outline order: by top number, sub-items after their parent
    // (agenda codes keep the order of the minutes).
    if !coded {
        out.sort_by_key(|i| {
            let (n, sub) = i.id.split_once('.').unwrap_or((&i.id, ""));
            (n.parse::<u32>().unwrap_or(u32::MAX), sub.to_owned())
        });
    }
    out
}

/// What the outline does with a line.
enum Flow {
    /// Passed over.
    Next,
    /// The outline is over.
    Stop,
    /// Read as a possible item.
    Read(Option<Item>),
}

/// The numbered outline of minutes as it is read, line by line.
struct Outline {
    out: Vec<AgendaItem>,
    /// The agenda codes its items ("B.11.2").
    coded: bool,
    /// The item the lines below belong to.
    top: Option<String>,
    last_top: u32,
    seen_any: bool,
    /// Inside a list of people ("Participants:" and the roll, at the top or
    /// under "1.1 Roll call"): its first block of lines is passed over, and
    /// then all until the outline goes on.
    in_list: bool,
    in_block: bool,
    block_done: bool,
    /// The open levels of a nested list, (indent, id), and whether the line
    /// before was an item of it: a nested list is one block of lines.
    levels: Vec<(usize, String)>,
    after_item: bool,
    /// The numbering was opened by a minute, not a title ("1. The minutes
    /// were approved."): the items after it are short titles only, not
    /// numbered sentences that lack a verb the rules know.
    opened_by_sentence: bool,
    /// The indent of the outermost numbered lines: a paragraph led by a
    /// title is an item there, a point of a list in the discussion deeper.
    margin: usize,
    /// A first heading numbered past 1, (number, title), waiting for the
    /// next number ([`Outline::follows_pending`]).
    pending: Option<(u32, String)>,
    /// Every numbered line is "1." ([`NumberCount::by_order`]).
    numbered_by_order: bool,
}

impl Outline {
    fn new(items: &[AgendaItem], coded: bool) -> Self {
        Self {
            out: items.to_vec(),
            coded,
            top: None,
            last_top: 0,
            seen_any: !items.is_empty(),
            in_list: false,
            in_block: false,
            block_done: false,
            levels: Vec::new(),
            after_item: false,
            opened_by_sentence: false,
            margin: 0,
            pending: None,
            numbered_by_order: false,
        }
    }

    /// Adds an item unless its number or title is there already.
    fn push(&mut self, id: String, title: String) {
        let key = crate::words::fold(&title);
        let known = self
            .out
            .iter()
            .any(|i| i.id == id || crate::words::fold(&i.title) == key);
        if !known {
            self.out.push(AgendaItem { id, title });
        }
    }

    /// Blank lines and lists of people: a list's first block is passed over,
    /// then every line until the outline goes on (its next number, or a
    /// sub-item of the current one); a list numbered from 1 again is an annex
    /// of people, and the outline is over.
    fn through_lists(&mut self, line: &Line, lex: &Lexicons) -> Flow {
        if line.is_blank() {
            self.block_done |= self.in_block;
            return Flow::Next;
        }
        if super::roster::is_list_heading(line, lex) {
            // "1   Attendance": a numbered heading over the roll is the
            // outline's first item, and the items after it go on from it.
            if let Some(Item::Top(n, title)) = classify(line, lex) {
                if n != NEXT_NUMBER && is_heading_text(&title, lex) {
                    self.numbered(line, n, title, false);
                }
            }
            self.in_list = true;
            self.in_block = false;
            self.block_done = false;
            self.after_item = false;
            return Flow::Next;
        }
        let item = classify(line, lex);
        if !self.in_list {
            return Flow::Read(item);
        }
        if !self.block_done {
            // A text layer that lost its blank lines runs the roll straight
            // into the minutes: a line of running text ends the list.
            if is_running_text(line.text(), lex) {
                self.in_list = false;
                return Flow::Read(item);
            }
            self.in_block = true;
            return Flow::Next;
        }
        match &item {
            Some(Item::Top(n, title) | Item::Led(n, title))
                if n != NEXT_NUMBER && is_heading_text(title, lex) =>
            {
                let n = n.parse::<u32>().unwrap_or(0);
                if self.seen_any && n <= self.last_top {
                    return Flow::Stop;
                }
                if !self.seen_any && n != 1 {
                    return Flow::Next;
                }
            }
            Some(Item::Path(id, _)) if self.under_top(id) => {}
            _ => return Flow::Next,
        }
        self.in_list = false;
        Flow::Read(item)
    }

    /// `id` is a sub-item of the current item.
    fn under_top(&self, id: &str) -> bool {
        self.top
            .as_ref()
            .is_some_and(|n| id.starts_with(&format!("{n}.")))
    }

    /// A line of the outline: a numbered item, a sub-item, a coded item, a
    /// lettered sub-item; or a line that closes the current item.
    fn read(&mut self, line: &Line, item: Option<Item>, lex: &Lexicons) {
        let t = line.text();
        let was_after_item = self.after_item;
        self.after_item = false;
        // A sentence under a number ("2. Any changes? None seen.") is a
        // point of the minutes, not a heading; a title with a full stop
        // ("2. Approval of Minutes.") is none.
        let sentence = is_sentence(t) && !is_title_with_stop(t, lex);
        match item {
            Some(Item::Top(n, title))
                if n != NEXT_NUMBER
                    && is_heading_text(&title, lex)
                    && !sentence
                    && !(self.opened_by_sentence && title.split_whitespace().count() > 8) =>
            {
                self.numbered(line, n, title, was_after_item);
            }
            // At the margin (an indented one is a point of a list in the
            // discussion), and led by no speaker ("1. Chair: Any changes?").
            Some(Item::Led(n, title))
                if n != NEXT_NUMBER
                    && line.indent <= self.margin
                    && !is_speaker_label(&title, lex) =>
            {
                self.numbered(line, n, title, was_after_item);
            }
            Some(Item::Path(id, title))
                if is_heading_text(&title, lex) && !sentence && self.under_top(&id) =>
            {
                self.push(id, title);
            }
            Some(Item::Coded(id, title)) if self.coded && is_heading_text(&title, lex) => {
                self.seen_any = true;
                self.top = Some(id.clone());
                self.push(id, title);
            }
            // Lettered lines under a bullet are a list in the discussion, not
            // sub-items; nor are the parts of an attendance section ("a. Present").
            Some(Item::Sub(Some(letter), title))
                if is_heading_text(&title, lex)
                    && !t.starts_with(['-', '*', '•'])
                    && !is_heading_line_text(&title, lex) =>
            {
                if let Some(n) = &self.top {
                    let id = format!("{n}.{letter}");
                    self.push(id, title);
                }
            }
            // "1. Minutes of the last meeting were confirmed.": no title,
            // but the minutes are numbered from here.
            Some(Item::Top(n, _)) => {
                if n == "1" && !self.seen_any {
                    self.seen_any = true;
                    self.opened_by_sentence = true;
                    self.last_top = 1;
                }
                self.top = None;
            }
            _ => {
                if line.emphasised && !is_heading_text(t, lex) {
                    self.top = None;
                }
            }
        }
    }

    /// "4. Setting of meeting dates" then "5. Election of officers": minutes
    /// whose first items were not numbered (or not kept) open their outline
    /// further in. A first heading numbered past 1 waits; the outline opens
    /// with it when the next heading takes the next number, and the waiting
    /// one is taken for a point of the minutes otherwise.
    fn follows_pending(&mut self, n: &str, title: &str) -> bool {
        let Ok(k) = n.parse::<u32>() else {
            return false;
        };
        match self.pending.take() {
            Some((p, first)) if k == p + 1 => {
                self.seen_any = true;
                self.push(p.to_string(), first);
                true
            }
            _ => {
                self.pending = Some((k, title.to_owned()));
                false
            }
        }
    }

    /// "2. Title": a top item, or an item of a nested list when it is
    /// indented under the item on the line before. Without an agenda list,
    /// only an outline that starts at 1 counts.
    fn numbered(&mut self, line: &Line, n: String, title: String, was_after_item: bool) {
        while self
            .levels
            .last()
            .is_some_and(|(indent, _)| *indent > line.indent)
        {
            self.levels.pop();
        }
        if self
            .levels
            .last()
            .is_some_and(|(indent, _)| *indent == line.indent)
        {
            self.levels.pop();
        }
        let nested = was_after_item && !self.levels.is_empty();
        let n = if self.numbered_by_order && !nested && self.seen_any {
            (self.last_top + 1).to_string()
        } else {
            n
        };
        if !nested {
            self.levels.clear();
            if !self.seen_any && n != "1" && !self.follows_pending(&n, &title) {
                return;
            }
            self.last_top = n.parse().unwrap_or(self.last_top);
        }
        let id = match self.levels.last() {
            Some((_, parent)) if nested => format!("{parent}.{n}"),
            _ => n,
        };
        self.levels.push((line.indent, id.clone()));
        self.seen_any = true;
        self.after_item = true;
        self.top = Some(id.clone());
        self.push(id, title);
    }
}

/// The unnumbered section headings of minutes whose heading levels were lost
/// (wiki pages, web minutes): lines set off by blank lines, short, capitalised,
/// without a verb or final punctuation, after the attendance and any
/// "Minutes" heading. Two at least, or none: one such line is a caption.
fn section_headings(text: &Text, lex: &Lexicons) -> Vec<AgendaItem> {
    let lines = &text.lines;
    let Some(title) = lines.iter().position(|l| !l.is_blank()) else {
        return Vec::new();
    };
    // After the last attendance line and the block of names below it.
    let after_attendance = lines
        .iter()
        .rposition(|l| super::roster::is_attendance_line(l, lex))
        .map_or(0, |i| {
            // "Present: A, B" carries its names; "Guests" has them below.
            if lines[i]
                .text()
                .split_once(':')
                .is_some_and(|(_, r)| !r.trim().is_empty())
            {
                return i + 1;
            }
            let names = lines[i + 1..]
                .iter()
                .position(|l| !l.is_blank())
                .map_or(lines.len(), |b| i + 1 + b);
            lines[names..]
                .iter()
                .position(Line::is_blank)
                .map_or(lines.len(), |e| names + e)
        });
    let after_minutes = lines
        .iter()
        .position(|l| is_heading_line(l, &lex.heading_discussion))
        .map_or(0, |i| i + 1);
    // The header (title, date, place) ends at its last dated line before the
    // first line of running text.
    let prose = lines
        .iter()
        .position(|l| !l.is_blank() && (l.text().ends_with('.') || !is_heading_text(l.text(), lex)))
        .unwrap_or(lines.len());
    let after_header = lines[..prose]
        .iter()
        .rposition(|l| !lex.dates.find_dates(l.text()).is_empty())
        .map_or(0, |i| i + 1);
    let title_key = crate::words::fold(lines[title].text());
    let start = (title + 1)
        .max(after_attendance)
        .max(after_minutes)
        .max(after_header);
    let mut out: Vec<AgendaItem> = Vec::new();
    for i in start..lines.len() {
        let set_off = !lines[i].is_blank()
            && lines[i - 1].is_blank()
            && lines.get(i + 1).is_some_and(Line::is_blank);
        let t = lines[i].text().trim();
        // "Summary Report" under the title "Summary Report MAG Meeting ...".
        let of_title = title_key.contains(&crate::words::fold(t));
        if set_off && !of_title && is_section_title(t, lex) {
            out.push(AgendaItem {
                id: (out.len() + 1).to_string(),
                title: clean_title(t),
            });
        }
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// A line that can be an unnumbered section heading.
fn is_section_title(t: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    // "ZH joined the meeting": a subject and a verb in the past.
    let clause = words
        .get(1)
        .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()) && w.ends_with("ed"));
    // "Jim Hague": a name line of a roll.
    let name = words.len() <= 4
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words.first().is_some_and(|w| lex.is_given(w));
    (1..=12).contains(&words.len())
        && t.starts_with(|c: char| c.is_uppercase())
        && !t.ends_with(['.', ':', ';', ',', '?', '!'])
        && !t.contains(':')
        && !t.contains("://")
        && crate::text::list_marker(t).is_none()
        && is_heading_text(t, lex)
        && !lex.is_section_heading(t)
        && !is_heading_line_text(t, lex)
        && !clause
        && !name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda(raw: &str) -> Vec<(String, String)> {
        extract(&Text::new(raw), &Lexicons::for_tests())
            .into_iter()
            .map(|i| (i.id, i.title))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn an_item_is_its_first_sentence_without_the_note_after_it() {
        let lex = Lexicons::for_tests();
        let first = |t: &'static str| -> &'static str {
            first_sentence_end(t, &lex).map_or(t, |end| &t[..end])
        };
        assert_eq!(
            first("Task 3.3 Market development. TL Telvent, Daniel Seixas"),
            "Task 3.3 Market development"
        );
        assert_eq!(
            first("Beratung und Beschlussfassung bzgl. Anträgen"),
            "Beratung und Beschlussfassung bzgl. Anträgen"
        );
        assert_eq!(
            first("Bericht des Vorstandes (inkl. Budgetvoranschlag 2009/10)"),
            "Bericht des Vorstandes (inkl. Budgetvoranschlag 2009/10)"
        );
    }

    #[test]
    fn a_table_of_contents_lists_the_items_without_their_pages() {
        let got = agenda(
            "Council Report TABLE OF CONTENTS\n\nOpening Remarks 2\n\nBudget Request 4\n\n\
             Science Committee Report II\n\nAppendix A Agenda Appendix B Members\n\n\
             Opening Remarks\n\nThe chair opened the meeting.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "Opening Remarks"),
                ("2", "Budget Request"),
                ("3", "Science Committee Report"),
            ])
        );
    }

    #[test]
    fn a_list_of_officials_is_no_agenda_and_n_0_numbers_a_top_item() {
        let lex = Lexicons::for_tests();
        assert!(is_person_line("Mr Alan Smith (AS) Chair", &lex));
        assert!(is_person_line("Ms Jane Roe, Deputy Secretary", &lex));
        assert!(!is_person_line("Treasurer Report on the budget", &lex));
        let got = agenda(
            "Minutes of the Board\n\nMr Alan Smith (AS) Chair\n\nMs Jane Roe, Secretary\n\n\
             Mr Bob Lee (BL) Member\n\n1.0 Welcome Address\n\n2.0 Approval of Minutes\n\n\
             3.0 Audit Report\n\n1.0 Welcome Address\n\nThe chair welcomed the members.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "Welcome Address"),
                ("2", "Approval of Minutes"),
                ("3", "Audit Report"),
            ])
        );
    }

    #[test]
    fn a_roll_that_runs_into_the_minutes_ends_at_running_text() {
        let got = agenda(
            "Minutes\nMembers Present:\nAnn Lee, Chair\nBob Ray\n\
             The board met in open session and this part of the meeting was open to the public.\n\
             AGENDA ITEM 9: Approval of Minutes\nThe board approved the minutes.\n\
             AGENDA ITEM 10: Budget\nThe board discussed the budget at length.\n",
        );
        assert_eq!(
            got,
            pairs(&[("9", "Approval of Minutes"), ("10", "Budget")])
        );
    }

    #[test]
    fn an_item_word_before_the_number_and_a_time_after_the_title_are_no_part_of_it() {
        let got = agenda(
            "Tagesordnung\nTOP 1 Eröffnung der Sitzung\nTOP 2 Genehmigung des Protokolls\n\
             TOP 3 Einwohnerfragestunde\n\nMeeting summary\n\n1. Action review (rbasak, 20:06)\n",
        );
        assert_eq!(
            got[..3],
            pairs(&[
                ("1", "Eröffnung der Sitzung"),
                ("2", "Genehmigung des Protokolls"),
                ("3", "Einwohnerfragestunde"),
            ])
        );
        let got = agenda("Agenda\n1. Action review (rbasak, 20:06)\n2. AOB (10:15)\n3. Budget\n");
        assert_eq!(
            got,
            pairs(&[("1", "Action review"), ("2", "AOB"), ("3", "Budget")])
        );
    }

    /// "1   Attendance": the number set off by spaces (collapsed in the
    /// text) and the heading over the roll open the outline; without either,
    /// the minutes had no agenda at all.
    #[test]
    fn a_number_set_off_by_spaces_heads_the_roll_and_opens_the_outline() {
        let got = agenda(
            "Minutes\n\n1   Attendance\n\nThe following members were present at the meeting: \
             Ann Lee, Bob Ray.\n\n2   Minutes of Past Meetings\n\nThe minutes were approved \
             during this session.\n\n3   Votes Taken Between Meetings\n\nThere were no votes \
             taken since the last meeting.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "Attendance"),
                ("2", "Minutes of Past Meetings"),
                ("3", "Votes Taken Between Meetings"),
            ])
        );
    }

    /// A text layer that set the outline's numbers in a column of their
    /// own: each number alone on its line, its title on the next.
    #[test]
    fn numbers_alone_on_their_lines_over_titles() {
        let got = agenda(
            "MINUTES OF THE REGULAR BOARD MEETING\n1.0\nCALL TO ORDER\nChairman Little called the \
             meeting to order at 6:30 p.m.\n2.0\nADOPTION OF AGENDA\nMOTION:\nPerry/Denesiuk that \
             the agenda be adopted.\n3.0\nPRESENTATIONS BY SCHOOLS\n3.1\nHoops for Hearts 2009 Award\n\
             Suzette Pugh presented the school with the award for its work this year.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "CALL TO ORDER"),
                ("2", "ADOPTION OF AGENDA"),
                ("3", "PRESENTATIONS BY SCHOOLS"),
                ("3.1", "Hoops for Hearts 2009 Award"),
            ])
        );
    }

    /// An agenda run into one line of a flattened page: the numbers with
    /// one mark delimit the titles; the last ends at the next number.
    #[test]
    fn an_agenda_run_into_one_line() {
        let got = agenda(
            "Protokoll der Generalversammlung\n\n1) Begrüßung Obmann Ann Lee begrüßt die \
             Mitglieder und bedankt sich für die Teilnahme. 1. Begrüßung und Verlesung der \
             Tagesordnung 2. Feststellung der Stimmberechtigten 3. Bericht des Vorstandes 4. \
             Allfälliges 2) Feststellung der Stimmberechtigten Bob Ray teilt mit, dass 129 \
             Mitglieder anwesend sind.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "Begrüßung und Verlesung der Tagesordnung"),
                ("2", "Feststellung der Stimmberechtigten"),
                ("3", "Bericht des Vorstandes"),
                ("4", "Allfälliges"),
            ])
        );
        // Numbered sentences are no agenda.
        let prose = agenda(
            "Minutes\n\n1. The chair was elected in March by all members. 2. The board noted \
             the report of the treasurer with thanks. 3. The next meeting will take place in May.\n",
        );
        assert!(prose.is_empty(), "{prose:?}");
    }

    /// A table of contents run into one line: each title with its page
    /// number after it, a lettered sub-item after the last; and the running
    /// header that the page layer read as items is none.
    #[test]
    fn items_numbered_n_point_0_run_into_their_minutes_on_one_line() {
        let got = agenda("MINUTES REGULAR MEETING OF THE BOARD\n\nThe meeting was called to order by Board President Ana Ruiz. 1.0 Call to Order Call to order (Except for item #1, any item may be taken in any order). ROLL CALL: Ana Ruiz 2.0 Moment of Silence 1. Statement by the Vice President: \"Let us pause.\" 3.0 Pledge 2.0 The Pledge of Allegiance will be led by Eva Lind. 4.0 Formal Adoption of Agenda 4. Formal adoption of agenda. Recommendation: Approve\n");
        assert_eq!(
            got,
            pairs(&[
                ("1.0", "Call to Order"),
                ("2.0", "Moment of Silence"),
                ("3.0", "Pledge"),
                ("4.0", "Formal Adoption of Agenda")
            ])
        );
    }

    #[test]
    fn a_table_of_contents_run_into_a_line_and_a_running_header() {
        let got = agenda(
            "CONCLUSIONS OF THE 373rd MEETING\n\nCONFIDENTIAL - 1 - CM/84\n\nSUMMARY Page 1. \
             Adoption of the agenda 5 2. The working methods in the Council of Europe - Report of \
             the Deputies' working party 7 3. Cultural Co-operation - Oral progress report by the \
             Chairman 45 4. Other business a. Meeting of the Standing Committee 49\n\n\
             CONFIDENTIAL - 1 - CM/84\n\nThe meeting was opened on Monday at 3 pm.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "Adoption of the agenda"),
                (
                    "2",
                    "The working methods in the Council of Europe - Report of the Deputies' working party"
                ),
                ("3", "Cultural Co-operation - Oral progress report by the Chairman"),
                ("4", "Other business"),
            ])
        );
        assert!(without_running_headers(vec![
            AgendaItem {
                id: "1".into(),
                title: "CONFIDENTIAL".into()
            },
            AgendaItem {
                id: "2".into(),
                title: "Confidential".into()
            },
        ])
        .is_empty());
    }

    /// Minutes whose first items were not numbered open the outline at 4
    /// when 5 follows; a lone heading numbered past 1 opens nothing.
    #[test]
    fn an_outline_opens_past_one_when_the_next_number_follows() {
        let got = agenda(
            "Minutes of Meeting 463\n\nPresident Sloan called the meeting to order at 5:30 pm.\n\n\
             4.     Setting of meeting dates\n\nPresident Sloan announced the proposed dates.\n\n\
             5.     Election of Senate officers\n\nSenator Luck announced the nominees.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("4", "Setting of meeting dates"),
                ("5", "Election of Senate officers"),
            ])
        );
        let lone = agenda(
            "Minutes\n\nThe chair opened the meeting at noon.\n\n4. Setting of meeting dates\n\n\
             The chair announced the proposed dates.\n",
        );
        assert!(lone.is_empty(), "{lone:?}");
    }

    #[test]
    fn capital_headings_run_into_one_paragraph() {
        let got = agenda(
            "A regular meeting of the board was held on May 2. PRESENT Ana Ruiz, Chair; Eva Lind. \
             CALL TO ORDER The Chair called the meeting to order. INVOCATION The invocation was \
             given by a pastor. APPROVAL OF MINUTES The minutes were approved as written.",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "CALL TO ORDER"),
                ("2", "INVOCATION"),
                ("3", "APPROVAL OF MINUTES")
            ])
        );
        // A transcript's speakers come back, and are no headings.
        let got = agenda(
            "Welcome all. >>ANA LEE: Thank you. >>BEN COSTA: Yes, Ana. >>ANA LEE: Good. \
             >>BEN COSTA: Fine. >>EVA LIND: Hello there.",
        );
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn title_case_headings_over_prose_without_an_agenda_list() {
        let got = agenda(
            "Board of Regents\nRegents Present:\nAna Ruiz, Chair\nEva Lind\nCall to Order\n\
             Chair Ruiz called the meeting to order at 1:30 p.m. in the chambers of the board.\n\
             Public Testimony\nA member of the public asked that the board increase funding for \
             distance education.\nAdjournment\nThe chair adjourned the meeting at 4:10 p.m. \
             after the last item of business.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "Call to Order"),
                ("2", "Public Testimony"),
                ("3", "Adjournment")
            ])
        );
        // Two headings over prose are the sections of notes, no agenda.
        assert!(agenda(
            "Q&A\nAna asked whether the report would cover the region in full.\n\
             Actions\nEva will draft the chapter on the region by the next call.\n"
        )
        .is_empty());
    }

    #[test]
    fn a_date_field_is_no_third_heading_over_prose() {
        // A mail's header over notes of two sections: the "Date:" line reads
        // as a title line, but a field is no item of business.
        assert!(agenda(
            "From: Ana Ruiz <ana@example.org>\nDate: Mon, 2 Dec 2024 09:30:00 +0100\n\
             Subject: DCNN call 2/2025 - notes and actions\n\nNotes of the call.\n\
             Q&A\nAna asked whether the report would cover the region in full.\n\
             Actions\nEva will draft the chapter on the region by the next call.\n"
        )
        .is_empty());
    }

    #[test]
    fn capital_headings_over_short_prose() {
        let got = agenda(
            "HomeMy WebLinkAboutMarch 4, 1981 Regular Meeting\nA Regular Meeting of the County Board was held on March 4, 1981, in the Board Room.\n\
             PRESENT Ana Ruiz, Chairman; Eva Lind.\nCALL TO ORDER\nThe Chairman called the meeting to order.\n\
             INVOCATION\nThe invocation was delivered by Reverend Lee of the First Church in town.\n\
             ADOPTION OF THE AGENDA\nThe County Administrator advised that the agenda\nwas complete.\n",
        );
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            ["CALL TO ORDER", "INVOCATION", "ADOPTION OF THE AGENDA"]
        );
    }

    #[test]
    fn a_form_label_before_the_title_of_a_sub_item() {
        let got = agenda("Branch Meeting\n\n1.     Apologies\n\n    None.\n\n2.    Matters Arising\n\n    2.1    Issue:        Health & Social Care Integration\n\n    Discussion:    The group met.\n\n3.    Treasurers Report\n\n    3.1    Issue:        Report\n\n    3.2    Issue 280: Proposed update\n");
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Apologies",
                "Matters Arising",
                "Health & Social Care Integration",
                "Treasurers Report",
                "Report",
                "Issue 280: Proposed update"
            ]
        );
    }

    #[test]
    fn titles_over_attachment_labels_of_an_agenda_and_minutes_page() {
        let got = agenda("Agenda and minutes\n\nCabinet - Monday, 14th October, 2013 10.00 am\n\nNo. Item\n\n\nAdditional documents:\n\n(1) Apologies were received from Mr Carter.\n\nMinutes of the Meeting held on 16 September 2013 pdf icon PDF 83 KB\n\nAdditional documents:\n\nThe minutes were agreed.\n\nOther items which the Chairman decides are urgent\n\nAdditional documents:\n\n\nFacing the Challenge: top tier realignment pdf icon PDF 92 KB\n\nAdditional documents:\n\n(1) Cabinet received a report.\n\n    Integration of services\n\n    A single council approach\n");
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Minutes of the Meeting held on 16 September 2013",
                "Other items which the Chairman decides are urgent",
                "Facing the Challenge: top tier realignment"
            ]
        );
    }

    #[test]
    fn numbered_with_sub_items() {
        let got = agenda("Agenda:\n\n1. IGF involvement in the GDC\n - a. Tech Envoy virtual meeting\n - b. Follow up activities\n2. [WSIS+20 action plan](#)\n3. AoB\n\nDiscussion:\n\n1. *IGF involvement in the GDC*\n\nAmrita said hello.");
        assert_eq!(
            got,
            pairs(&[
                ("1", "IGF involvement in the GDC"),
                ("1.a", "Tech Envoy virtual meeting"),
                ("1.b", "Follow up activities"),
                ("2", "WSIS+20 action plan"),
                ("3", "AoB")
            ])
        );
    }

    #[test]
    fn bare_lines_and_bullets() {
        let got = agenda("Agenda\n\nPact of the Future/GDC\nWSIS+20 review draft letter\n\nAoB\n Discussion\n\n1. Pact of the Future/GDC\n\nChris shared that it was fine.");
        assert_eq!(got.len(), 3);
        let got = agenda("Agenda\n\n1. IGF Leadership panel\n2. Any other business\n - Participation in IGF2021\n - Parliamentary Track\n\n1. IGF Leadership Panel\n\nChengetai opened.");
        assert_eq!(
            got[2],
            ("2.a".to_owned(), "Participation in IGF2021".to_owned())
        );
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn a_bare_line_opening_with_a_name_in_mixed_case_is_an_item() {
        let got = agenda("AGENDA\n\nProposal for Structure of the Board\nebXML Overview\nReview Event Calendar\n\nMINUTES\n\nNote that the reports were distributed.");
        assert_eq!(
            got,
            pairs(&[
                ("1", "Proposal for Structure of the Board"),
                ("2", "ebXML Overview"),
                ("3", "Review Event Calendar"),
            ])
        );
        // A line in lower case alone is running text, and ends the list;
        // a link with a capital in it opens with no name.
        let got = agenda("AGENDA\n\nProposal for Structure of the Board\nthen we reviewed the calendar\nReview Event Calendar\n");
        assert_eq!(got.len(), 1);
        assert!(opens_with_mixed_case("ebXML Overview"));
        assert!(!opens_with_mixed_case(
            "https://lists.example.org/2022-February/0026.html (rbasak, 20:47)"
        ));
    }

    #[test]
    fn top_bullets_under_the_minutes_heading_are_the_items() {
        let got = agenda("Board meeting\n\nMinutes\n\n  • Consent agenda: Resolution to thank Ann\n    • Resolved.\n  • Update of Executive Committee members\n    • VOTE: +1 Felipe, Rob\n  • ED report\n    • Felipe: Great presentation, thanks to all who helped with it.\n");
        assert_eq!(
            got,
            pairs(&[
                ("1", "Consent agenda: Resolution to thank Ann"),
                ("2", "Update of Executive Committee members"),
                ("3", "ED report"),
            ])
        );
        // Two bullets are a note, no outline.
        let got = agenda("Minutes\n\n  • Budget\n    • Agreed.\n  • Website\n");
        assert!(got.is_empty());
    }

    #[test]
    fn discussion_headings_complete_a_short_list() {
        let got = agenda("Agenda\n\n1. Draft Letter\n\nTitti proposed going through the letter, and several participants intervened with suggestions.\n\n2. Participation of the WG\n\na. Sixteen Years of IGF\n\nAnriette stated that it was so.\n\nb. State of the IGF\n\nAnja stated that it was so.\n\n3. Any Other Business\n\nN/A");
        assert_eq!(
            got.iter().map(|(i, _)| i.as_str()).collect::<Vec<_>>(),
            ["1", "2", "2.a", "2.b", "3"]
        );
    }

    #[test]
    fn numbered_paragraphs_led_by_their_titles() {
        let got = agenda("Board Meeting\nFebruary 28, 2019\n\n1.     Present:   Ann Lee, Bob Ray, Carla Diaz\n2.    President's Welcome:  Dana Dunn opened the meeting with welcoming remarks.\n3.    Treasurers Report.  Mr. Bentley reported the following transactions.\n4.  Matters Arising.  None.\n5. Chair: Any modifications to the agenda? None seen.\n6. In response, Dr. Lee noted that the forum would meet again.\n");
        assert_eq!(
            got,
            pairs(&[
                ("1", "Present"),
                ("2", "President's Welcome"),
                ("3", "Treasurers Report"),
                ("4", "Matters Arising")
            ])
        );
    }

    #[test]
    fn numbered_titles_closed_with_a_full_stop() {
        let got = agenda("Branch Meeting\n\n1.     Apologies\n    Apologies were received from Ann.\n2.    Approval of Minutes.\n    The minutes were approved.\n3.    Matters Arising\n    None.\n4. Minutes confirmed.\n5. No objection to the agenda.\n");
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            ["Apologies", "Approval of Minutes", "Matters Arising"]
        );
    }

    #[test]
    fn roman_numerals_and_numbers_read_as_table_cells() {
        let got = agenda("Board of Directors\nMarch 3, 2019\n\nI. CHECK-INS, AGENDA, MINUTES\nThe agenda was approved as revised.\nII. CONSENT AGENDA\nThe board approved the duties.\nIII. COMMITTEE REPORTS\nReviewed and approved.\n");
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "CHECK-INS, AGENDA, MINUTES",
                "CONSENT AGENDA",
                "COMMITTEE REPORTS"
            ]
        );
        assert_eq!(got[2].0, "3");
        assert_eq!(
            numbered_row("| 2. | President's Welcome: | Dana Dunn opened the meeting. |")
                .as_deref(),
            Some("2. President's Welcome: Dana Dunn opened the meeting.")
        );
        assert_eq!(numbered_row("| Name | Organisation |"), None);
    }

    #[test]
    fn a_paragraph_led_by_a_title_deeper_than_the_outline_is_no_item() {
        let got = agenda("Call\n\n  1. Welcome\n  2. Questions\n    1. Question 1: Which parts of the Internet are facing the greatest threat?\n  3. Wrap up and next steps\n");
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(titles, ["Welcome", "Questions", "Wrap up and next steps"]);
    }

    #[test]
    fn the_presenter_in_parentheses_is_no_part_of_the_title() {
        let got = agenda("Agenda\n\n1. Start of meeting\n2. General Manager's report (Leah Foley)\n3. Auditors (Honorary)\n4. Budget (ICANN)\n");
        let titles: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Start of meeting",
                "General Manager's report",
                "Auditors (Honorary)",
                "Budget (ICANN)"
            ]
        );
    }

    #[test]
    fn items_by_time_slot() {
        let got = agenda("Agenda\n09:00–09:05  Welcome and adoption of the agenda (Chair)\n09:05–09:30  Lessons learned\n09:55 AOB\n\nDiscussion\nAna said so.");
        assert_eq!(
            got,
            [
                (
                    "1".to_owned(),
                    "Welcome and adoption of the agenda".to_owned()
                ),
                ("2".to_owned(), "Lessons learned".to_owned()),
                ("3".to_owned(), "AOB".to_owned())
            ]
        );
    }

    #[test]
    fn items_all_numbered_one_count_on_by_their_order() {
        let want = [
            ("1", "Call to order"),
            ("2", "Approval of minutes"),
            ("3", "Budget"),
            ("4", "Adjournment"),
        ];
        let list = "1. Call to order\n1. Approval of minutes\n1. Budget\n1. Adjournment\n";
        for raw in [
            format!("Board minutes\n\n{list}"),
            format!("Board minutes\n\nAgenda:\n{list}"),
        ] {
            let got = agenda(&raw);
            let got: Vec<(&str, &str)> =
                got.iter().map(|(i, t)| (i.as_str(), t.as_str())).collect();
            assert_eq!(got, want, "{raw}");
        }
        // A list numbered from 1 again deeper in is a nested list still.
        let nested = agenda("Board minutes\n\nAgenda:\n1. Call to order\n   1. Roll\n2. Budget\n");
        assert_eq!(nested[1], ("1.1".to_owned(), "Roll".to_owned()));
    }

    #[test]
    fn headings_in_capitals_right_over_their_minutes_are_the_agenda() {
        let got = agenda(
            "Board minutes\nMarch 4, 2021\n\nPresent: Karen Holt, Joseph Hayes\n\nOLD BUSINESS\nThe roof was discussed.\nNEW BUSINESS\nThe budget was discussed.\nADJOURNMENT\nThe meeting ended.\n",
        );
        assert_eq!(
            got,
            pairs(&[
                ("1", "OLD BUSINESS"),
                ("2", "NEW BUSINESS"),
                ("3", "ADJOURNMENT")
            ])
        );
        // A short word in capitals is an acronym, no heading.
        let got = agenda(
            "Board minutes\n\nPresent: Karen Holt\n\nICANN\nThe roof was discussed.\nNEW BUSINESS\nThe budget was discussed.\n",
        );
        assert!(got.is_empty(), "{got:?}");
    }
}
