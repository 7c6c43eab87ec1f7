//! People listed under an organisation's heading: a witness list by
//! department and division, a list of participants by delegation.
//!
//! ```text
//! Department of Infrastructure        <- a parent: another heading follows
//!
//! Corporate Services Division         <- a group: people follow
//! Mr Carl Murphy, Chief Operating Officer
//! Ms Justine Potter, Chief Financial Officer
//!
//! AUSTRIA                             <- a delegation: its government
//! Mr. H. Knitel
//! ```
//!
//! Rationale: committees, councils and intergovernmental bodies list their
//! witnesses, staff and delegations grouped under the name of what each group
//! belongs to, and write that name once, above the group, not beside each
//! person. The heading is an organisation only when it is one by itself: a
//! name the gazetteer knows, a country (its government), or a name shaped
//! like an organisation's over the whole line. A heading over another heading
//! ("Department", then "Executive", then people) is the parent of every group
//! below it until a sentence or another parent comes.

use super::extractor::Extractor;
use super::{orgnames, roster};
use crate::text::{list_marker, Line};
use crate::words::fold;
use std::collections::HashMap;

/// A person on a list line, and the organisations of the headings above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped {
    pub line: usize,
    pub name: String,
    /// (canonical, as written), the parent's first.
    pub organisations: Vec<(String, String)>,
}

/// A heading line above a group can be this many words long.
const HEADING_WORDS: usize = 12;

/// The people of `people` (line, name; list lines only) with the
/// organisations of the headings they are listed under. Cost: one pass over
/// the lines.
pub fn under_headings(
    lines: &[Line],
    people: &[(usize, String)],
    series: &str,
    ex: &Extractor,
) -> Vec<Grouped> {
    let mut by_line: HashMap<usize, Vec<&str>> = HashMap::new();
    for (line, name) in people {
        by_line.entry(*line).or_default().push(name);
    }
    let series = fold(series);
    let mut out = Vec::new();
    let mut parent: Option<(String, String)> = None;
    let mut group: Option<(String, String)> = None;
    // Headings of no organisation since the last person.
    let mut plain_headings = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() {
            continue;
        }
        if let Some(names) = by_line.get(&i) {
            plain_headings = 0;
            let organisations: Vec<_> = parent.iter().chain(&group).cloned().collect();
            if !organisations.is_empty() {
                out.extend(names.iter().map(|n| Grouped {
                    line: i,
                    name: (*n).to_owned(),
                    organisations: organisations.clone(),
                }));
            }
            continue;
        }
        let t = line.text().trim();
        if !is_heading(t) {
            // Running text ends every group.
            (parent, group) = (None, None);
            continue;
        }
        let people_follow = lines[i + 1..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| by_line.contains_key(&l.number));
        // The body holding the meeting is no group of it ("Executive
        // Council:" in the minutes of the NRO Executive Council).
        let org = heading_organisation(t, ex).filter(|(_, surface)| !is_series(surface, &series));
        match org {
            Some(org) if people_follow => group = Some(org),
            Some(org) => (parent, group) = (Some(org), None),
            None => {
                group = None;
                plain_headings += 1;
                // "Executive" over people is a part of the parent; a name of
                // several capitalised words over people is a body of its own
                // the rules do not know, and a second heading in a row ends
                // the parent's list.
                if plain_headings > 1 || people_follow && names_a_body(t) {
                    parent = None;
                }
            }
        }
    }
    out
}

/// Does the heading name the body holding the meeting, as its series (folded)
/// does, or more fully ("IGF Best Practice Forum on Cybersecurity" over the
/// series "Best Practice Forum on Cybersecurity")?
pub(crate) fn is_series(surface: &str, series: &str) -> bool {
    let surface = fold(surface);
    !series.is_empty() && (series.contains(&surface) || surface.contains(series))
}

/// "Infrastructure Australia": two capitalised words or more, a name of
/// something, where "Executive" or "Staff" names a part.
fn names_a_body(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// A short line with no sentence in it: "Corporate Services Division",
/// "FEDERAL REPUBLIC OF GERMANY", "Bruce Power:".
fn is_heading(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=HEADING_WORDS).contains(&words) && !t.ends_with(['.', ',', ';']) && !t.contains(". ")
}

/// The organisation a heading line names by itself, (canonical, as written).
fn heading_organisation(t: &str, ex: &Extractor) -> Option<(String, String)> {
    let t = t[list_marker(t).unwrap_or(0)..]
        .trim()
        .trim_end_matches(':')
        .trim();
    if t.is_empty() || !t.starts_with(char::is_uppercase) {
        return None;
    }
    if let Some(government) = roster::government_of(t, ex) {
        return Some(government);
    }
    if let Some(i) = ex.orgs.lookup(t) {
        return Some((ex.orgs.entry(i).pref.clone(), t.to_owned()));
    }
    // A name shaped like an organisation's, over the whole line.
    orgnames::find(t, &ex.lex)
        .first()
        .filter(|r| r.start == 0 && r.end == t.len())
        .map(|_| (t.to_owned(), t.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;
    use crate::text::Text;

    fn grouped(text: &str, people: &[(usize, &str)], series: &str) -> Vec<(String, Vec<String>)> {
        let ex = Extractor::new(&Ontology::embedded().expect("the embedded ontology loads"));
        let text = Text::new(text);
        let people: Vec<(usize, String)> =
            people.iter().map(|(l, n)| (*l, (*n).to_owned())).collect();
        under_headings(&text.lines, &people, series, &ex)
            .into_iter()
            .map(|g| {
                (
                    g.name,
                    g.organisations.into_iter().map(|(c, _)| c).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_division_under_its_department_and_a_part_of_no_organisation() {
        let text = "Department of Transport\n\nExecutive\n\nMr Ana Ruiz, Secretary\n\n\
                    Corporate Services Division\n\nMs Eva Lind, Chief Financial Officer\n";
        let got = grouped(text, &[(4, "Ana Ruiz"), (8, "Eva Lind")], "");
        assert_eq!(
            got,
            [
                (
                    "Ana Ruiz".to_owned(),
                    vec!["Department of Transport".to_owned()]
                ),
                (
                    "Eva Lind".to_owned(),
                    vec![
                        "Department of Transport".to_owned(),
                        "Corporate Services Division".to_owned()
                    ]
                ),
            ]
        );
    }

    #[test]
    fn a_country_heading_is_its_delegation() {
        let got = grouped(
            "AUSTRIA\nMr. H. Knitel\nMr. N. Scherk\n",
            &[(1, "H. Knitel"), (2, "N. Scherk")],
            "",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, ["Government of Austria"]);
    }

    #[test]
    fn headings_of_the_record_and_of_the_body_itself_group_nobody() {
        // A letterhead, then the record's own headings: no parent of the roll.
        let text =
            "World Wide Web Consortium\n\n- DRAFT -\n\nTeleconference\n\nPresent\nAna Ruiz\n";
        assert!(grouped(text, &[(7, "Ana Ruiz")], "").is_empty());
        let text = "Executive Council:\n\nAna Ruiz (AR) Chair\n";
        assert!(grouped(
            text,
            &[(2, "Ana Ruiz")],
            "Meeting of the NRO Executive Council"
        )
        .is_empty());
        // A body the rules cannot confirm ends the parent above it.
        let text = "Department of Transport\n\nExecutive\n\nAna Ruiz\n\nInfrastructure Australia\n\nEva Lind\n";
        let got = grouped(text, &[(4, "Ana Ruiz"), (8, "Eva Lind")], "");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Ana Ruiz");
    }
}
