//! What an agenda line carries after its title: who presents the item, the
//! time it starts or is given, the kind of business, the documents and the
//! items it covers ("Budget review (Hayes, 10 min) \[D\]", "Roof repairs –
//! J. Hayes – 7:30 pm", "CONSENT CALENDAR (Items 1-14)", "Vorstellung des
//! Vereins durch Bürgermeister Kaatz").
//!
//! Rationale: the item is its subject; an annotator, a researcher querying
//! what a body discussed, and the same item in next month's minutes all
//! name it without these notes. A note is read from the end of the title
//! only, and only when each of its parts is a note: a parenthesis that says
//! something of the subject ("Rapport moral (rétrospective 2015)") stays.

use crate::words::Lexicons;

/// Spaced dashes that set a note apart from the title.
const DASHES: [&str; 3] = [" – ", " — ", " - "];

/// The title without the notes at its end; the title itself when nothing
/// of a subject would be left.
pub fn without_notes<'t>(title: &'t str, lex: &Lexicons) -> &'t str {
    let mut t = title.trim_end();
    loop {
        let cut = bracketed_note(t, lex)
            .or_else(|| dashed_note(t, lex))
            .or_else(|| presenter_clause(t, lex));
        match cut {
            Some(rest) if rest.chars().filter(|c| c.is_alphabetic()).count() >= 3 => {
                t = rest.trim_end();
            }
            _ => return t,
        }
    }
}

/// "(Hayes, 10 min)", `[D]`: a group in parentheses or brackets at the end
/// whose every part is a note; a surname alone counts only beside another
/// note, and a capital letter alone only in brackets or as a one-letter code.
fn bracketed_note<'t>(t: &'t str, lex: &Lexicons) -> Option<&'t str> {
    let (open, close) = match t.chars().last()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        _ => return None,
    };
    let start = matching_open(t, open, close)?;
    let inner = t[start + 1..t.len() - 1].trim();
    let parts: Vec<&str> = inner.split([',', ';']).map(str::trim).collect();
    let noted = parts.iter().filter(|p| is_note(p, lex)).count();
    let named = |p: &str| is_presenter(p, lex) || (noted > 0 && is_surname(p));
    let coded = |p: &str| is_code(p, open == '[');
    let all = !inner.is_empty()
        && parts
            .iter()
            .all(|p| is_note(p, lex) || named(p) || coded(p));
    all.then(|| &t[..start])
}

/// Where the group that closes `t` opens: the `open` matching its last
/// `close`, nested groups passed over.
fn matching_open(t: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// "– 7:30 pm", "- J. Hayes", "– Action": the last segment after a spaced
/// dash, when it is a note or a presenter.
fn dashed_note<'t>(t: &'t str, lex: &Lexicons) -> Option<&'t str> {
    let (at, dash) = DASHES
        .iter()
        .filter_map(|d| t.rfind(d).map(|i| (i, d.len())))
        .max_by_key(|&(i, _)| i)?;
    let tail = t[at + dash..].trim();
    (is_note(tail, lex) || is_presenter(tail, lex)).then(|| &t[..at])
}

/// "… durch Bürgermeister Detlef Kaatz und Dr. Henning Zellmer": a word of
/// `[presenter-links]` and presenters after it, each a person.
fn presenter_clause<'t>(t: &'t str, lex: &Lexicons) -> Option<&'t str> {
    lex.presenter_links.iter().find_map(|link| {
        // Found in `t` itself: a lowered copy may differ in its byte offsets.
        let at = t.char_indices().rev().map(|(i, _)| i).find(|&i| {
            let after = i + 1 + link.len();
            t[i..].starts_with(' ')
                && t.get(i + 1..after)
                    .is_some_and(|w| w.eq_ignore_ascii_case(link))
                && t.get(after..).is_some_and(|r| r.starts_with(' '))
        })?;
        let people = super::people::roll_items(&t[at + link.len() + 2..], lex);
        let each = !people.is_empty() && people.iter().all(|(_, p)| is_presenter(p, lex));
        each.then(|| &t[..at])
    })
}

/// A note by itself: a time, a time allotted, a kind of business, a
/// document's reference, a link, or a range of items.
fn is_note(p: &str, lex: &Lexicons) -> bool {
    let lower = p.to_lowercase();
    lex.item_notes.contains(lower.trim_end_matches('.'))
        || is_time(p, lex)
        || is_duration(&lower, lex)
        || is_reference(p)
        || lower.contains("://")
        || lower.starts_with("www.")
        || is_item_range(&lower, lex)
}

/// "7:30 pm", "10:00–10:30": the part is a clock time or a range of them
/// and nothing else.
fn is_time(p: &str, lex: &Lexicons) -> bool {
    let times = lex.dates.find_times(p);
    let (Some(first), Some(last)) = (times.first(), times.last()) else {
        return false;
    };
    first.range.start == 0 && last.range.end == p.len()
}

/// "10 min", "1.5 hours", "15'": a number and a unit of `[duration-units]`.
fn is_duration(lower: &str, lex: &Lexicons) -> bool {
    let digits = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(lower.len());
    let unit = lower[digits..].trim().trim_end_matches('.');
    digits > 0 && lex.duration_units.contains(unit)
}

/// "ALADI/CR/di 3349", "DOC/2021/04": a code of slashes and a number.
fn is_reference(p: &str) -> bool {
    let first = p.split(' ').next().unwrap_or(p);
    first.contains('/')
        && !first.contains("//")
        && p.contains(|c: char| c.is_ascii_digit())
        && first.starts_with(|c: char| c.is_uppercase())
}

/// "items 1-14", "points 3 à 5": a word of `[agenda-item-words]` (or its
/// plural) and numbers.
fn is_item_range(lower: &str, lex: &Lexicons) -> bool {
    let Some((word, rest)) = lower.split_once(' ') else {
        return false;
    };
    let word = word.strip_suffix('s').unwrap_or(word);
    lex.agenda_item_words.contains(word)
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .split([' ', '-', '–'])
            .all(|w| w.is_empty() || w.chars().all(|c| c.is_ascii_digit()) || w.len() <= 3)
}

/// "J. Hayes", "Ana Ruiz", "Dr. Henning Zellmer", "Bürgermeister Kaatz":
/// a person by a title or honorific, a known given name, or initials, then
/// capitalised words; four words at most.
fn is_presenter(p: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let capitalised = words.iter().all(|w| w.starts_with(char::is_uppercase));
    let initial = |w: &str| w.len() <= 3 && w.ends_with('.');
    let opens = lex.title_len(p) > 0 || lex.is_given(words[0]) || initial(words[0]);
    capitalised && opens && words.len() >= 2
}

/// "Hayes": one capitalised word, a surname beside another note.
fn is_surname(p: &str) -> bool {
    !p.contains(' ')
        && p.starts_with(char::is_uppercase)
        && p.chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '-' || c == '\'')
        && p.chars().count() >= 2
}

/// `[D]`, `[A1]`, "(A)": a category code, in brackets up to three capitals
/// and digits, in parentheses one capital letter.
fn is_code(p: &str, bracketed: bool) -> bool {
    let max = if bracketed { 3 } else { 1 };
    (1..=max).contains(&p.chars().count())
        && p.starts_with(|c: char| c.is_ascii_uppercase())
        && p.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presenter_time_codes_and_references_after_a_title_are_notes() {
        let lex = Lexicons::for_tests();
        let cases = [
            ("Budget review (Hayes, 10 min) [D]", "Budget review"),
            ("Roof repairs – J. Hayes – 7:30 pm", "Roof repairs"),
            ("CONSENT CALENDAR (Items 1-14)", "CONSENT CALENDAR"),
            ("Check up on community bugs (standing item)", "Check up on community bugs"),
            (
                "Select a chair (next from https://example.org/members)",
                "Select a chair",
            ),
            (
                "Informe del Presidente de la Comisión (ALADI/CR/di 3349, ALADI/CR/PA 153 y ALADI/CR/PA 154)",
                "Informe del Presidente de la Comisión",
            ),
            (
                "Vorstellung des Vereins durch Bürgermeister Detlef Kaatz und Dr. Henning Zellmer",
                "Vorstellung des Vereins",
            ),
            ("Treasurer's report - Action", "Treasurer's report"),
        ];
        for (title, want) in cases {
            assert_eq!(without_notes(title, &lex), want, "{title}");
        }
    }

    #[test]
    fn a_parenthesis_or_segment_about_the_subject_stays() {
        let lex = Lexicons::for_tests();
        for title in [
            "Rapport moral (rétrospective 2015)",
            "Review Thematic (Main) session process",
            "Meeting of the Standing Committee (Oslo, 28 June 1984)",
            "Action Item Review (items marked with * are on this agenda)",
            "The Bridge Program – Summerland Secondary School",
            "Report by the Treasurer",
            "Plan (Draft)",
            "Action",
        ] {
            assert_eq!(without_notes(title, &lex), title);
        }
    }

    #[test]
    fn letters_that_lower_case_into_more_bytes_cut_no_title_apart() {
        let lex = Lexicons::for_tests();
        let title = "İİİ Bericht durch Bürgermeister Detlef Kaatz";
        assert_eq!(without_notes(title, &lex), "İİİ Bericht");
    }
}
