//! Groups of a roll written one after another, each after its label and a
//! colon: "Civil Society: A (SMEX); B", and, flattened from a column into
//! one line, "Ontario Power Generation: B. Duncan and R. MacEacheron Bruce
//! Power: F. Saunders Hydro-Québec : C. Gélinas".
//!
//! Rationale: rolls of councils, regulators and intergovernmental bodies
//! group the people who came by the body they came for. Written as a column,
//! each group is a line ("Bruce Power: F. Saunders"); flattened, a label
//! follows the last name of the group before it with nothing between. Where
//! that name is initialled, its end is known: an initialled name is its
//! initials and one surname. Elsewhere no cut can be told, and the text is
//! left as it was. This module cuts the text only; what a label names (an
//! organisation, a role, the absent) is the reader's business.

use crate::words::names::{is_initials, is_name_word};
use std::ops::Range;

/// A group of a roll: the label it is written under (none for the names
/// before the first label) and its names, as byte ranges of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub label: Option<Range<usize>>,
    pub names: Range<usize>,
}

/// The groups of `s` in order; `None` when `s` has no label, or where a
/// label and the names before it cannot be told apart ("Ann Lee, Bo Park
/// ISOC: ...").
pub fn segments(s: &str) -> Option<Vec<Segment>> {
    let colons = label_colons(s);
    if colons.is_empty() {
        return dash_label(s).map(|segment| vec![segment]);
    }
    let mut out = Vec::new();
    let mut label = None;
    let mut from = 0;
    for until in colons.into_iter().map(Some).chain([None]) {
        let piece = &s[from..until.unwrap_or(s.len())];
        let names_end = match until {
            Some(_) => label_start(piece)?,
            None => piece.len(),
        };
        out.push(Segment {
            label: label.take(),
            names: from..from + names_end,
        });
        let Some(until) = until else { break };
        label = Some(from + names_end..until);
        from = until + 1;
    }
    Some(out)
}

/// "Board deputies - Mike Saunders, Osvaldo Gervasi": a wiki's roll writes
/// each group as a list item, its label and a dash before the names. The
/// label is one to four words opening with a capital, nothing but words;
/// whether it heads a group and its names are people is the reader's call
/// ("Ann Lee - ICANN" is a person and her body).
fn dash_label(s: &str) -> Option<Segment> {
    let (at, dash) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| Some((s.find(d)?, d.len())))
        .min()?;
    let label = s[..at].trim_start();
    let words = label.split(' ').count();
    let plain = label
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    // A group is named in words, not as a person or an acronym is: "Team",
    // "Board deputies"; not "Greg Ruth - ISCPC", "NCA - Non Voting".
    let worded = match label.split_once(' ') {
        None => label.chars().skip(1).any(char::is_lowercase),
        Some((_, rest)) => rest.split(' ').any(|w| w.starts_with(char::is_lowercase)),
    };
    let start = at - label.len();
    let shaped = label.starts_with(char::is_uppercase) && (1..=4).contains(&words);
    (shaped && plain && worded).then(|| Segment {
        label: Some(start..at),
        names: at + dash..s.len(),
    })
}

/// Where colons end labels in `s`: followed by a space or the end ("10:30"
/// holds none), outside parentheses.
fn label_colons(s: &str) -> Vec<usize> {
    let mut depth = 0i32;
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth <= 0 && s[i + 1..].chars().next().is_none_or(char::is_whitespace) => {
                out.push(i)
            }
            _ => {}
        }
    }
    out
}

/// Where the label before a colon starts in the text since the last one:
/// after the names of the group before it where they are initialled
/// ("F. Saunders Hydro-Québec"), else at the start of a text that holds no
/// list ("Ontario Power Generation"). `None` where names and label cannot
/// be told apart ("Ann Lee, Bo Park ISOC").
fn label_start(piece: &str) -> Option<usize> {
    let trimmed = piece.trim_start();
    let lead = piece.len() - trimmed.len();
    if let Some(at) = initialled_names_end(trimmed) {
        return Some(lead + at);
    }
    if let Some(at) = capitals_run_start(trimmed) {
        return Some(lead + at);
    }
    let opens_with_initial = trimmed.split(' ').next().is_some_and(is_initial_token);
    (!trimmed.contains(',') && !opens_with_initial).then_some(0)
}

/// "Committee Clerk OTHERS PRESENT": a label in capitals after words that
/// are not starts where the capitals do. The capitals are two words or
/// more, each of two letters or more and nothing else ("Bo Park ISOC" may
/// be a person and an organisation); where nothing before them has lower
/// case, no cut is told.
fn capitals_run_start(piece: &str) -> Option<usize> {
    // A word of letters only: "(CSG)", an acronym given after a name, is
    // part of that name.
    let in_capitals = |w: &str| {
        w.chars().count() >= 2
            && w.chars()
                .all(|c| c.is_alphabetic() && !c.is_lowercase() || c == '-')
    };
    let mut start = piece.len();
    let mut words = 0;
    for (at, w) in piece
        .rmatch_indices(' ')
        .map(|(i, _)| i + 1)
        .chain([0])
        .map(|at| {
            let end = piece[at..].find(' ').map_or(piece.len(), |e| at + e);
            (at, &piece[at..end])
        })
    {
        if !in_capitals(w) {
            break;
        }
        start = at;
        words += 1;
    }
    let before = &piece[..start];
    (words >= 2 && before.chars().any(char::is_lowercase)).then_some(start)
}

/// In "B. Duncan and R. MacEacheron Bruce Power", where the names end and the
/// next group's label starts: a name led by initials is its initials and one
/// surname, joined to the next by a comma or "and", so the words after the
/// last such name are no name. `None` where the names are not initialled:
/// then no cut can be told.
fn initialled_names_end(piece: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = piece
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut i = 0;
    loop {
        let initials = words[i..]
            .iter()
            .take_while(|(_, w)| is_initial_token(w))
            .count();
        let k = i + initials;
        let &(_, surname) = words.get(k)?;
        if initials == 0 || !is_name_word(surname.trim_end_matches(',')) {
            return None;
        }
        match words.get(k + 1) {
            Some((_, "and")) => i = k + 2,
            Some(_) if surname.ends_with(',') => i = k + 1,
            Some(&(at, _)) => return Some(at),
            None => return None,
        }
    }
}

/// "B.", "M.J.": a person's initials with their full stops (a bare capital
/// may be a word: "A", "I").
fn is_initial_token(w: &str) -> bool {
    w.ends_with('.') && is_initials(w, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Vec<(Option<&str>, &str)> {
        segments(s)
            .unwrap_or_default()
            .into_iter()
            .map(|g| (g.label.map(|l| s[l].trim()), s[g.names].trim()))
            .collect()
    }

    #[test]
    fn labels_flattened_after_initialled_names_are_cut_from_them() {
        assert_eq!(
            parts("A. Harvey Other contributors were: Acme Power: B. Duncan and R. Smith Hydro Services : C. Gelinas"),
            [
                (None, "A. Harvey"),
                (Some("Other contributors were"), ""),
                (Some("Acme Power"), "B. Duncan and R. Smith"),
                (Some("Hydro Services"), "C. Gelinas"),
            ]
        );
    }

    #[test]
    fn a_label_in_capitals_is_cut_from_the_field_before_it() {
        assert_eq!(
            parts("Committee Clerk OTHERS PRESENT: Peter Lang, Lobbyist"),
            [
                (None, "Committee Clerk"),
                (Some("OTHERS PRESENT"), "Peter Lang, Lobbyist"),
            ]
        );
        assert_eq!(
            parts("Commercial Stakeholder Group (CSG): Ann Lee"),
            [
                (None, ""),
                (Some("Commercial Stakeholder Group (CSG)"), "Ann Lee")
            ]
        );
        assert_eq!(
            parts("Acme Power: B. Duncan"),
            [(None, ""), (Some("Acme Power"), "B. Duncan")]
        );
    }

    #[test]
    fn full_names_before_a_label_leave_the_text_uncut() {
        assert_eq!(segments("Ann Lee, Bo Park ISOC: Cy Doe"), None);
        assert_eq!(segments("no label here, 10:30"), None);
    }
}
