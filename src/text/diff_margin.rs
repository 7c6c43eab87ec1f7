//! The margin of a diff view: a wiki's "Differences" page or a unified diff
//! shows each added line of a record behind a "+" (" +" in DokuWiki's view
//! copied as text).
//!
//! Rationale: kept, the margin hides the record's layout: its blank lines are
//! no longer blank (the record reads as one paragraph), a heading or a roll's
//! label no longer opens its line, and a roll of handles under "Présents :"
//! is text after a "+". Removed from the lines of a run of them, the record
//! reads as it was written. It will not read the removed side ("-" lines) or
//! merge the two revisions: the added side is the page as it stands.

/// Fewest margin lines for a run to be a diff's added side rather than a few
/// lines that open with a plus ("+44 20 7946 0000").
const FEWEST_LINES: usize = 3;

/// The width of the diff margin of each of `lines` (0 where it has none): a
/// "+" (after at most one space) opening each line of a run of them, blank
/// lines between, where one line at least is the margin alone (an added
/// blank line) and every margin of the run is as wide. A Markdown list
/// bulleted with "+" has no blank items, so it keeps its markers. Cost: one
/// pass, three bytes a line.
pub(super) fn widths<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let shapes: Vec<Shape> = lines.map(Shape::of).collect();
    let mut out = vec![0; shapes.len()];
    let mut i = 0;
    while i < shapes.len() {
        let Some(width) = shapes[i].margin else {
            i += 1;
            continue;
        };
        let run = shapes[i..]
            .iter()
            .take_while(|s| s.margin == Some(width) || s.margin.is_none() && s.blank)
            .count();
        let margins = || (i..i + run).filter(|&k| shapes[k].margin.is_some());
        let bare = margins().any(|k| shapes[k].blank);
        if margins().count() >= FEWEST_LINES && bare {
            for k in margins() {
                out[k] = width;
            }
        }
        i += run.max(1);
    }
    out
}

/// What [`widths`] needs to know of a line.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// The width of the margin it opens with, "+" or " +".
    margin: Option<u8>,
    /// Nothing but white space after its margin, if any.
    blank: bool,
}

impl Shape {
    fn of(line: &str) -> Self {
        let lead = u8::from(line.starts_with(' '));
        let margin = line[usize::from(lead)..]
            .starts_with('+')
            .then_some(lead + 1);
        let body = &line[margin.map_or(0, usize::from)..];
        Self {
            margin,
            blank: body.trim().is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wiki_diff_views_added_lines_lose_their_plus_margin() {
        let lines = [
            "Ligne 1: Ligne 1:",
            " +====== Réunion ======",
            " +",
            " +Présents :",
            " +huats, Ju, kagou",
            "  ",
            " +=== Bilan ===",
        ];
        assert_eq!(widths(lines.into_iter()), [0, 2, 2, 2, 2, 0, 2]);
    }

    #[test]
    fn a_list_bulleted_with_plus_signs_or_phone_numbers_keep_them() {
        let list = ["+ Budget", "+ Minutes", "+ Reports", "+ Other business"];
        assert_eq!(widths(list.into_iter()), [0; 4]);
        let phones = ["+44 20 7946 0000", "+33 1 23 45 67 89", "+1 555 0100"];
        assert_eq!(widths(phones.into_iter()), [0; 3]);
        // Margins of two widths are no one margin.
        let mixed = ["+a", " +", "+b"];
        assert_eq!(widths(mixed.into_iter()), [0; 3]);
    }
}
