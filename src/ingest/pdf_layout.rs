//! The lines a person reads on PDF pages, rebuilt from where the glyphs stand.
//!
//! Rationale: a PDF paints glyphs; it says nothing of lines, columns or
//! paragraphs, and it paints the running header, the footer and the page
//! number on every page as if they were text. Each rule below is one thing a
//! reader's eye does, in the order it does it:
//!
//! 1. [`segments`]: glyphs on one baseline make a line; a gap wider than
//!    [`SPLIT_GAP`] ems splits it (a column's gutter, a table's cells),
//!    unless the line's other word gaps are as wide (justified text); a
//!    line all in a fixed-pitch font is typed text ([`typed_line`]), kept
//!    whole with its blanks.
//! 2. [`furniture`]: a line in the top or bottom margin that comes back at
//!    the same place on most pages (digits aside), or a lone page number
//!    there, is page furniture, not the record.
//! 3. [`gutter`] and [`rows_in_order`]: a page whose lines fall either side
//!    of one empty vertical band reads as two columns, left one first, with
//!    lines that span the band (a title, a full-width paragraph) read where
//!    they stand.
//! 4. [`Flow`]: lines join into paragraphs until a wider gap, a change of
//!    size, a short line before, or a list marker; words hyphenated at a
//!    line's end are joined, ligatures and soft hyphens undone; a larger size
//!    than the body's makes a heading, a paragraph all in bold is written
//!    `**…**` as the Word and HTML readers write it (unless bold is the
//!    body's face). Blocks are written as every other
//!    reader writes them ([`super::layout`]), so the extraction sees what it
//!    sees in text.
//!
//! It will not find tables drawn without gaps, three columns, or text in
//! reading orders other than left to right: those come out in page order.

use super::layout::{Block, Layout};
use std::collections::{HashMap, HashSet};

/// A glyph on a page: its left edge and baseline (from the page's top, in
/// points), its advance width and its size, and whether its font is bold
/// and whether it is fixed-pitch.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
    pub bold: bool,
    pub fixed: bool,
}

/// One page's glyphs, as painted.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's number, from 1.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    /// List bullets painted as shapes.
    pub bullets: Vec<Bullet>,
}

/// A list's bullet painted as a shape: its left edge, the `y` of its centre
/// (from the page's top) and its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bullet {
    pub x: f64,
    pub y: f64,
    pub size: f64,
}

impl Bullet {
    /// The bullet a filled shape through `points` is: small (1 to 8 points)
    /// and about as high as wide. Rules, boxes and underlines are not.
    pub fn around(points: &[(f64, f64)]) -> Option<Self> {
        let xs = points.iter().map(|p| p.0);
        let ys = points.iter().map(|p| p.1);
        let (x0, x1) = (
            xs.clone().fold(f64::INFINITY, f64::min),
            xs.fold(f64::NEG_INFINITY, f64::max),
        );
        let (y0, y1) = (
            ys.clone().fold(f64::INFINITY, f64::min),
            ys.fold(f64::NEG_INFINITY, f64::max),
        );
        let (w, h) = (x1 - x0, y1 - y0);
        let small = (1.0..=8.0).contains(&w) && (1.0..=8.0).contains(&h);
        (small && w / h >= 0.6 && w / h <= 1.6).then_some(Self {
            x: x0,
            y: (y0 + y1) / 2.0,
            size: w,
        })
    }
}

/// A gap between two glyphs on a line wider than this many ems splits the
/// line: no word space is so wide, a gutter or a table's cell gap is; but
/// see [`JUSTIFIED_GAPS`].
const SPLIT_GAP: f64 = 0.8;

/// Justified text stretches every word gap of a short line alike, past
/// [`SPLIT_GAP`] in a narrow column: a gap under [`JUSTIFIED_MAX`] ems that
/// this many gaps of its line match (within [`JUSTIFIED_MATCH`], itself
/// counted) is a word space. A gutter or a cell's gap stands out from them.
const JUSTIFIED_GAPS: usize = 3;

/// No justified word gap is this many ems wide.
const JUSTIFIED_MAX: f64 = 2.0;

/// Gaps of one justified line differ by less than this share.
const JUSTIFIED_MATCH: f64 = 0.1;

/// A gap wider than this many ems with no space glyph in it is a word space
/// all the same (producers that position words instead of painting spaces).
const WORD_GAP: f64 = 0.15;

/// Glyphs whose baselines differ by less than this many ems are on one line.
const SAME_LINE: f64 = 0.3;

/// The share of the page's height, at the top and at the bottom, where
/// running headers, footers and page numbers stand.
const MARGIN_BAND: f64 = 0.12;

/// A line at the same place (within this many points) on pages is the same
/// line of furniture.
const SAME_PLACE: f64 = 3.0;

/// Margin lines of at most this many words are compared with their digits
/// folded.
const FOLDED_WORDS: usize = 8;

/// Cells of one table column start within this many points of each other.
const CELL_ALIGN: f64 = 1.0;

/// Baselines further apart than this many ems end a paragraph (a blank line).
const PARAGRAPH_GAP: f64 = 1.6;

/// A line this much larger than the body's size is a heading.
const HEADING_RATIO: f64 = 1.15;

/// When more than this share of the text's characters is bold, bold is the
/// body's face and marks nothing.
const BOLD_BODY_SHARE: f64 = 0.5;

/// A run of glyphs on one baseline with no wide gap in it.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
    /// Where each word starts: its byte offset in `text` and its `x`.
    words: Vec<(usize, f64)>,
    /// Every glyph of it (spaces aside) is bold.
    bold: bool,
    /// A line of typed text ([`typed_line`]): its blanks are in `text`.
    typed: bool,
}

impl Segment {
    /// The segment cut before the words at byte offsets `cuts` (ascending,
    /// each a word's start), as the cells of a table's row.
    fn cut(self, cuts: &[usize]) -> Vec<Segment> {
        let mut bounds: Vec<usize> = vec![0];
        bounds.extend(
            cuts.iter()
                .copied()
                .filter(|c| *c > 0 && *c < self.text.len()),
        );
        bounds.push(self.text.len());
        let x_at = |offset: usize| {
            self.words
                .iter()
                .find(|(o, _)| *o == offset)
                .map_or(self.x1, |(_, x)| *x)
        };
        bounds
            .windows(2)
            .map(|w| Segment {
                x0: x_at(w[0]),
                x1: if w[1] == self.text.len() {
                    self.x1
                } else {
                    x_at(w[1])
                },
                y: self.y,
                size: self.size,
                text: self.text[w[0]..w[1]].trim().to_owned(),
                words: self
                    .words
                    .iter()
                    .filter(|(o, _)| *o >= w[0] && *o < w[1])
                    .map(|(o, x)| (o - w[0], *x))
                    .collect(),
                bold: self.bold,
                typed: self.typed,
            })
            .filter(|s| !s.text.is_empty())
            .collect()
    }

    fn width(&self) -> f64 {
        self.x1 - self.x0
    }
}

/// The text of `pages` as a Markdown report has it, and the page of each of
/// its lines.
///
/// Cost: a sort of each page's glyphs, and for each page with many lines a
/// scan of its lines at each point of its middle (a few thousand steps).
pub fn text(pages: &[Page]) -> (String, Vec<u32>) {
    let mut segs: Vec<Vec<Segment>> = pages.iter().map(segments).collect();
    for (page, segs) in pages.iter().zip(segs.iter_mut()) {
        bullets(page, segs);
    }
    furniture(pages, &mut segs);
    let words = vocabulary(&segs);
    let body = body_size(&segs);
    let mut flow = Flow::new(body, heading_sizes(&segs, body), words.clone());
    flow.bold_marks = bold_share(&segs) <= BOLD_BODY_SHARE;
    for (page, segs) in pages.iter().zip(segs) {
        let mut rows = rows_in_order(segs);
        table_cells(&mut rows);
        for row in wrapped_cells(rows, &words) {
            flow.row(page.number, row);
        }
    }
    flow.finish()
}

/// Rule 1: the page's glyphs as segments, top to bottom, left to right.
fn segments(page: &Page) -> Vec<Segment> {
    let mut glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= SAME_LINE * line[0].size.max(g.size) => {
                line.push(g)
            }
            _ => lines.push(vec![g]),
        }
    }
    // A producer that paints its spaces as glyphs paints every one.
    let paints_spaces = page.glyphs.iter().any(|g| g.text == " ");
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        match typed_line(&line, paints_spaces) {
            Some(typed) => out.push(typed),
            None => split_line(&line, &mut out),
        }
    }
    out
}

/// A glyph of typed text stands within this share of the pitch of a
/// column's place.
const OFF_GRID: f64 = 0.2;

/// Typewriter columns between tab stops, as every renderer of typed text
/// (a browser's `<pre>`, a terminal, a text editor) sets them by default.
const TAB_STOP: usize = 8;

/// Rule 1c: a line all in a fixed-pitch font is typed text (a `<pre>`, a
/// text file printed): one segment, its blanks written back as they were
/// typed, counted in the font's pitch, rather than cut as a table's cells
/// or squeezed to one space. A blank the producer painted is a space; where
/// it paints its spaces (`paints_spaces`), a blank it left unpainted is a
/// tab, one for each tab stop it crosses ("Name\tOrganization"), which the
/// extraction reads as the text's columns. `None` for any other line, and
/// for a line in the font whose glyphs stand off its pitch's grid (prose
/// justified in it).
fn typed_line(line: &[&Glyph], paints_spaces: bool) -> Option<Segment> {
    let glyphs: Vec<&&Glyph> = line
        .iter()
        .filter(|g| !g.text.chars().all(char::is_control))
        .collect();
    let first = glyphs.first()?;
    if !glyphs.iter().all(|g| g.fixed) || glyphs.iter().all(|g| g.text.trim().is_empty()) {
        return None;
    }
    let mut widths: Vec<f64> = glyphs.iter().map(|g| g.width).collect();
    widths.sort_by(f64::total_cmp);
    let pitch = widths[widths.len() / 2];
    if pitch.is_nan() || pitch <= 0.0 {
        return None;
    }
    // Typed text stands on the pitch's grid; a line set in the font but
    // stretched (justified prose) does not, and is read as prose.
    let off_grid = |g: &&&Glyph| {
        let at = (g.x - first.x) / pitch;
        (at - at.round()).abs() > OFF_GRID
    };
    if glyphs.iter().any(off_grid) {
        return None;
    }
    let column = |g: &Glyph| ((g.x - first.x) / pitch).round().max(0.0) as usize;
    let mut seg = Segment {
        x0: f64::INFINITY,
        x1: first.x,
        y: first.y,
        size: first.size,
        text: String::new(),
        words: Vec::new(),
        bold: true,
        typed: true,
    };
    let mut next = 0;
    for g in glyphs {
        let at = column(g);
        seg.text.push_str(&blank(next, at, paints_spaces));
        let text = unligature(&g.text);
        if !text.trim().is_empty() {
            if seg.text.is_empty() || seg.text.ends_with([' ', '\t']) {
                seg.words.push((seg.text.len(), g.x));
            }
            seg.x0 = seg.x0.min(g.x);
            seg.x1 = g.x + g.width;
            seg.bold &= g.bold;
        }
        seg.text.push_str(&text);
        seg.size = seg.size.max(g.size);
        next = at + text.chars().count().max(1);
    }
    let text = seg.text.trim_end().len();
    seg.text.truncate(text);
    Some(seg)
}

/// Rule 1b: a bullet painted as a shape just left of a line, its centre a
/// little above the line's baseline, starts that line as a "•" would.
fn bullets(page: &Page, segs: &mut [Segment]) {
    for b in &page.bullets {
        let line = segs
            .iter_mut()
            .filter(|s| {
                let (dx, dy) = (s.x0 - b.x, s.y - b.y);
                dx > 0.0 && dx < 2.5 * s.size && dy >= 0.0 && dy < 0.7 * s.size
            })
            .min_by(|a, b| a.x0.total_cmp(&b.x0));
        if let Some(s) = line {
            if !starts_with_bullet(&s.text) {
                let prefix = "• ";
                s.text = format!("{prefix}{}", s.text);
                s.words = std::iter::once((0, b.x))
                    .chain(s.words.iter().map(|(o, x)| (o + prefix.len(), *x)))
                    .collect();
                s.x0 = b.x;
            }
        }
    }
}

/// Whether a line starts with a bullet glyph ("•", "-"): a bullet shape
/// beside it is the same bullet painted twice. A line that starts "a)" or
/// "1." beside a bullet shape is an item of a bulleted list whose text
/// starts so, as a Markdown "- a) …" is printed.
fn starts_with_bullet(text: &str) -> bool {
    marker(text).is_some_and(|m| !m.ends_with(['.', ')']))
}

/// One line of glyphs (sorted by `x`) cut at its wide gaps into segments.
///
/// A glyph with no text (its font maps it to no character) that ends a line
/// is the hyphen a producer added where it broke a word at a soft hyphen
/// (Chromium leaves it out of the font's map, since the source text has no
/// hyphen there): it ends the segment with a soft hyphen, which the join
/// removes.
fn split_line(line: &[&Glyph], out: &mut Vec<Segment>) {
    let gaps = word_gaps(line);
    let mut seg: Option<Segment> = None;
    // Where the last space glyph since the last letter stands.
    let mut space: Option<f64> = None;
    let mut unmapped_tail = false;
    let close = |seg: &mut Option<Segment>, tail: bool, out: &mut Vec<Segment>| {
        if let Some(mut s) = seg.take() {
            if tail {
                s.text.push('\u{00AD}');
            }
            out.push(s);
        }
    };
    for g in line {
        if g.text.chars().all(char::is_control) {
            unmapped_tail = seg.is_some();
            continue;
        }
        let text = unligature(&g.text);
        if text.trim().is_empty() {
            space = Some(g.x);
            unmapped_tail = false;
            continue;
        }
        if let Some(s) = seg.as_mut() {
            let gap = g.x - s.x1;
            let em = s.size.max(g.size);
            if splits(gap / em, &gaps) {
                close(&mut seg, unmapped_tail, out);
            } else {
                // A space glyph the next letter stands on is no word space
                // (Chromium paints a soft hyphen not broken at so).
                let spaced = space.is_some_and(|x| g.x - x > WORD_GAP * em);
                if (spaced || gap > WORD_GAP * em) && !s.text.ends_with(' ') {
                    s.text.push(' ');
                    s.words.push((s.text.len(), g.x));
                }
                s.text.push_str(&text);
                s.x1 = s.x1.max(g.x + g.width);
                s.size = s.size.max(g.size);
                s.bold &= g.bold;
                space = None;
                unmapped_tail = false;
                continue;
            }
        }
        seg = Some(Segment {
            x0: g.x,
            x1: g.x + g.width,
            y: g.y,
            size: g.size,
            text,
            words: vec![(0, g.x)],
            bold: g.bold,
            typed: false,
        });
        space = None;
        unmapped_tail = false;
    }
    close(&mut seg, unmapped_tail, out);
}

/// The gaps between the letters of `line` (sorted by `x`) wider than a
/// word space's least, in ems.
fn word_gaps(line: &[&Glyph]) -> Vec<f64> {
    let letters: Vec<&&Glyph> = line
        .iter()
        .filter(|g| !g.text.trim().is_empty() && !g.text.chars().all(char::is_control))
        .collect();
    letters
        .windows(2)
        .map(|w| (w[1].x - (w[0].x + w[0].width)) / w[0].size.max(w[1].size))
        .filter(|gap| *gap > WORD_GAP)
        .collect()
}

/// Whether a gap of `gap` ems on a line with word gaps `gaps` splits it.
fn splits(gap: f64, gaps: &[f64]) -> bool {
    if gap <= SPLIT_GAP {
        return false;
    }
    let alike = gaps
        .iter()
        .filter(|g| (*g - gap).abs() <= JUSTIFIED_MATCH * gap)
        .count();
    gap >= JUSTIFIED_MAX || alike < JUSTIFIED_GAPS
}

/// A glyph's text with typographic ligatures spelt out, no-break spaces
/// made spaces and control characters left out.
fn unligature(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => out.push(' '),
            // A font's map to Unicode gone wrong, never text.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The blank typed between column `from` (where the last glyph ended) and
/// column `to` (where the next starts), unpainted: tabs when the producer
/// paints its spaces and `to` is a tab stop, one for each stop crossed;
/// else a space for each column.
fn blank(from: usize, to: usize, paints_spaces: bool) -> String {
    if to <= from {
        return String::new();
    }
    let stops = (from + 1..=to)
        .filter(|c| c.is_multiple_of(TAB_STOP))
        .count();
    if paints_spaces && stops > 0 && to.is_multiple_of(TAB_STOP) {
        "\t".repeat(stops)
    } else {
        " ".repeat(to - from)
    }
}

/// Rule 2: removes running headers and footers and page numbers.
///
/// A line counts as repeated by its text, or, when it is short (a header's
/// title and date, "Page 3 of 12"), by its shape with the digits folded:
/// body lines that differ only in a number ("Item 3 …", "Item 4 …") can fall
/// at the same place on two pages.
fn furniture(pages: &[Page], segs: &mut [Vec<Segment>]) {
    let in_band = |page: &Page, s: &Segment| {
        s.y < MARGIN_BAND * page.height || s.y > (1.0 - MARGIN_BAND) * page.height
    };
    let key = |s: &Segment| {
        if s.text.split_whitespace().count() <= FOLDED_WORDS {
            shape(&s.text)
        } else {
            s.text.clone()
        }
    };
    // Where each margin line stands, by page.
    let mut places: HashMap<String, Vec<(usize, f64)>> = HashMap::new();
    for (i, (page, segs)) in pages.iter().zip(segs.iter()).enumerate() {
        for s in segs.iter().filter(|s| in_band(page, s)) {
            places.entry(key(s)).or_default().push((i, s.y));
        }
    }
    let most = (pages.len() / 2 + 1).max(2);
    for (page, segs) in pages.iter().zip(segs.iter_mut()) {
        segs.retain(|s| {
            if !in_band(page, s) {
                return true;
            }
            let seen: HashSet<usize> = places
                .get(&key(s))
                .into_iter()
                .flatten()
                .filter(|(_, y)| (y - s.y).abs() <= SAME_PLACE)
                .map(|(i, _)| *i)
                .collect();
            seen.len() < most && !is_page_number(&s.text)
        });
    }
}

/// A margin line's shape: its text in lower case with every run of digits
/// one `#`, so "Page 3 of 12" on one page is "Page 4 of 12" on the next.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// "3", "- 3 -", "Page 3", "page 3 of 12", "3/12", "iv": a page number alone.
fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| "-–—|·. ".contains(c));
    let t = t.to_lowercase();
    let t = t.strip_prefix("page").map_or(t.as_str(), str::trim);
    let mut parts = t
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of");
    let number = |p: &str| {
        p.chars().all(|c| c.is_ascii_digit())
            || (p.len() <= 6 && p.chars().all(|c| "ivxlc".contains(c)))
    };
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), None, None) => number(a),
        (Some(a), Some(b), None) => number(a) && number(b),
        _ => false,
    }
}

/// The words of the document, in lower case, to tell "co-chair" broken at
/// its hyphen from "meet-ing" hyphenated by the typesetter.
fn vocabulary(segs: &[Vec<Segment>]) -> HashSet<String> {
    segs.iter()
        .flatten()
        .flat_map(|s| s.text.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The size most of the text is set in (weighted by characters).
fn body_size(segs: &[Vec<Segment>]) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for s in segs.iter().flatten() {
        *counts.entry((s.size * 10.0).round() as i64).or_default() += s.text.len();
    }
    counts
        .into_iter()
        .max_by_key(|(size, n)| (*n, -size))
        .map_or(10.0, |(size, _)| size as f64 / 10.0)
}

/// The share of the text's characters set in bold.
fn bold_share(segs: &[Vec<Segment>]) -> f64 {
    let (bold, all) = segs.iter().flatten().fold((0, 0), |(b, a), s| {
        let n = s.text.len();
        (b + if s.bold { n } else { 0 }, a + n)
    });
    if all == 0 {
        0.0
    } else {
        bold as f64 / all as f64
    }
}

/// The sizes of headings, largest first: the first is level 1.
fn heading_sizes(segs: &[Vec<Segment>], body: f64) -> Vec<i64> {
    let mut sizes: Vec<i64> = segs
        .iter()
        .flatten()
        .filter(|s| s.size >= HEADING_RATIO * body)
        .map(|s| (s.size * 10.0).round() as i64)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

/// A line of the page in reading order: its segments (more than one for a
/// table's row) and the bounds of the column it stands in.
#[derive(Debug, Clone)]
struct Row {
    segs: Vec<Segment>,
    left: f64,
    right: f64,
}

/// Rule 3: the page's segments as rows in reading order, a column at a time
/// where the page has two.
fn rows_in_order(segs: Vec<Segment>) -> Vec<Row> {
    if segs.is_empty() {
        return Vec::new();
    }
    let left = segs.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let right = segs.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let Some(x) = gutter(&segs, left, right) else {
        return rows(segs, left, right);
    };
    let bounds = |side: &[Segment]| {
        (
            side.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min),
            side.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max),
        )
    };
    let mut segs = segs;
    segs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out = Vec::new();
    let (mut west, mut east) = (Vec::new(), Vec::new());
    for s in segs {
        if s.x1 <= x {
            west.push(s);
        } else if s.x0 >= x {
            east.push(s);
        } else {
            columns(&mut out, &mut west, &mut east, &bounds);
            out.extend(rows(vec![s], left, right));
        }
    }
    columns(&mut out, &mut west, &mut east, &bounds);
    out
}

/// Writes the left column's rows, then the right one's, and empties them.
fn columns(
    out: &mut Vec<Row>,
    west: &mut Vec<Segment>,
    east: &mut Vec<Segment>,
    bounds: &dyn Fn(&[Segment]) -> (f64, f64),
) {
    for side in [west, east] {
        if !side.is_empty() {
            let (l, r) = bounds(side);
            out.extend(rows(std::mem::take(side), l, r));
        }
    }
}

/// Segments grouped into rows by baseline, top to bottom, each row's
/// segments left to right.
fn rows(mut segs: Vec<Segment>, left: f64, right: f64) -> Vec<Row> {
    segs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Row> = Vec::new();
    for s in segs {
        match out.last_mut() {
            Some(row)
                if (s.y - row.segs[0].y).abs() <= SAME_LINE * s.size.max(row.segs[0].size) =>
            {
                row.segs.push(s);
                row.segs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            }
            _ => out.push(Row {
                segs: vec![s],
                left,
                right,
            }),
        }
    }
    out
}

/// Rule 3b: a table's cells set close together. Below a row whose cells
/// stand apart (a header row, or any row with a wide gap), a row with a
/// word starting where a cell of that row starts (within [`CELL_ALIGN`]
/// points: cells of a column start at one `x`) is cut there; so is a piece
/// of a row with wide gaps elsewhere (a long cell run close to the next:
/// "…Regulatory Authority, UAE MAG Chair" under "Role"). The table ends at
/// a row of one piece that cannot be cut so, or at a paragraph's gap.
fn table_cells(rows: &mut [Row]) {
    let mut starts: Vec<f64> = Vec::new();
    let mut last_y: Option<f64> = None;
    for row in rows.iter_mut() {
        let Some(first) = row.segs.first() else {
            continue;
        };
        let (y, size) = (first.y, first.size);
        if last_y.is_some_and(|last| y < last || y - last > PARAGRAPH_GAP * size) {
            starts.clear();
        }
        last_y = Some(y);
        if row.segs.len() > 1 {
            row.segs = std::mem::take(&mut row.segs)
                .into_iter()
                .flat_map(|seg| {
                    let cuts = cuts_at(&seg, &starts);
                    seg.cut(&cuts)
                })
                .collect();
            for x in row.segs[1..].iter().map(|s| s.x0) {
                if !starts.iter().any(|s| (s - x).abs() <= CELL_ALIGN) {
                    starts.push(x);
                }
            }
            continue;
        }
        if starts.is_empty() || first.typed {
            continue;
        }
        let cuts = cuts_at(first, &starts);
        if cuts.is_empty() {
            starts.clear();
            continue;
        }
        let seg = row.segs.remove(0);
        row.segs = seg.cut(&cuts);
    }
}

/// Where the words of `seg` (its first aside) start at a cell's start.
fn cuts_at(seg: &Segment, starts: &[f64]) -> Vec<usize> {
    if seg.typed {
        return Vec::new();
    }
    seg.words
        .iter()
        .filter(|(o, x)| *o > 0 && starts.iter().any(|s| (s - x).abs() <= CELL_ALIGN))
        .map(|(o, _)| *o)
        .collect()
}

/// A baseline less than this many ems below the one before is no next line
/// of text (lines stand about an em apart or more), but a line set between
/// two others: in a table, a cell centred beside a cell of two lines.
const HALF_LINE: f64 = 0.75;

/// Rule 3c: a table's row whose cells wrap over lines is one row. A
/// browser centres a row's cells on the row's height: beside a cell of two
/// lines, a cell of one stands half a line down, between them, and its
/// lines and theirs are less than a line apart ([`HALF_LINE`]). Lines so
/// close, where one of them is a table's row, are one row; its pieces are
/// gathered into cells by the columns they stand in (pieces whose spans
/// across the page overlap), each cell's lines joined in order:
/// "Léo | Programme Management", "IGF Secretariat", "Marchand | Officer" is
/// "Léo Marchand | IGF Secretariat | Programme Management Officer".
///
/// It will not tell a row from rows of one line each where no cell stands
/// between lines: cells set at the row's top (a word processor's default)
/// or all wrapped to the same number of lines.
fn wrapped_cells(rows: Vec<Row>, words: &HashSet<String>) -> Vec<Row> {
    let mut out: Vec<(Row, bool)> = Vec::new();
    let mut last: Option<(f64, bool)> = None;
    for row in rows {
        let Some(first) = row.segs.first() else {
            continue;
        };
        let (y, size, table) = (first.y, first.size, row.segs.len() > 1);
        let typed = row.segs.iter().any(|s| s.typed);
        let joins = last.is_some_and(|(l, was_table)| {
            y > l && y - l < HALF_LINE * size && (table || was_table) && !typed
        });
        match out.last_mut() {
            Some((open, merged)) if joins && !open.segs.iter().any(|s| s.typed) => {
                open.segs.extend(row.segs);
                *merged = true;
                last = Some((y, true));
            }
            _ => {
                last = Some((y, table));
                out.push((row, false));
            }
        }
    }
    out.into_iter()
        .map(|(row, merged)| {
            if merged {
                cells_by_column(row, words)
            } else {
                row
            }
        })
        .collect()
}

/// A row gathered from several lines, its pieces made one cell for each
/// column they stand in, left to right.
fn cells_by_column(mut row: Row, words: &HashSet<String>) -> Row {
    row.segs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut columns: Vec<Vec<Segment>> = Vec::new();
    for s in row.segs.drain(..) {
        match columns.last_mut() {
            Some(column) if column.iter().any(|c| s.x0 < c.x1) => column.push(s),
            _ => columns.push(vec![s]),
        }
    }
    row.segs = columns
        .into_iter()
        .filter_map(|mut column| {
            column.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
            let mut pieces = column.into_iter();
            let mut cell = pieces.next()?;
            for piece in pieces {
                cell.text = join(&cell.text, &piece.text, words);
                cell.x0 = cell.x0.min(piece.x0);
                cell.x1 = cell.x1.max(piece.x1);
                cell.size = cell.size.max(piece.size);
                cell.bold &= piece.bold;
            }
            Some(cell)
        })
        .collect();
    row
}

/// The gutter of a two-column page: the `x` in the middle of the text that
/// the fewest lines cross, when few do (a title, a full-width paragraph),
/// and lines of prose (not a table's short cells) stand either side of it.
fn gutter(segs: &[Segment], left: f64, right: f64) -> Option<f64> {
    let width = right - left;
    if segs.len() < 6 || width <= 0.0 {
        return None;
    }
    let crossing = |x: f64| segs.iter().filter(|s| s.x0 < x && s.x1 > x).count();
    let steps = 80;
    let xs: Vec<f64> = (0..=steps)
        .map(|i| left + width * (0.3 + 0.4 * f64::from(i) / f64::from(steps)))
        .collect();
    let counts: Vec<usize> = xs.iter().map(|x| crossing(*x)).collect();
    let least = *counts.iter().min()?;
    // The middle of the longest run of the fewest crossings.
    let (mut best, mut run) = ((0, 0), None);
    for (i, c) in counts.iter().enumerate() {
        if *c == least {
            let start = run.unwrap_or(i);
            run = Some(start);
            if i - start >= best.1 - best.0 {
                best = (start, i);
            }
        } else {
            run = None;
        }
    }
    let x = xs[(best.0 + best.1) / 2];
    let west: Vec<f64> = segs
        .iter()
        .filter(|s| s.x1 <= x)
        .map(Segment::width)
        .collect();
    let east: Vec<f64> = segs
        .iter()
        .filter(|s| s.x0 >= x)
        .map(Segment::width)
        .collect();
    let prose = |side: &[f64]| side.len() >= 3 && median(side) >= 0.3 * width;
    (least * 4 <= segs.len() && prose(&west) && prose(&east)).then_some(x)
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The list marker a line starts with: "1.", "2)", "a.", "iv)", or a bullet.
fn marker(text: &str) -> Option<&str> {
    let first = text.split_whitespace().next()?;
    if first.len() == text.trim().len() {
        return None;
    }
    let bullet = matches!(
        first,
        "•" | "◦" | "▪" | "‣" | "–" | "-" | "*" | "·" | "○" | "■"
    );
    let numbered = first.len() <= 5
        && first.ends_with(['.', ')'])
        && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit())
        && first.len() > 1;
    let lettered = first.len() <= 5
        && first.ends_with(['.', ')'])
        && first.len() > 1
        && first[..first.len() - 1]
            .chars()
            .all(|c| c.is_ascii_lowercase())
        && (first.len() == 2 || first[..first.len() - 1].chars().all(|c| "ivx".contains(c)));
    (bullet || numbered || lettered).then_some(first)
}

/// The block being gathered: its kind, text, and the last line read into it.
#[derive(Debug)]
struct Open {
    block: Block,
    text: String,
    page: u32,
    last: Segment,
    left: f64,
    right: f64,
    /// Every line of it is bold.
    bold: bool,
}

/// Rule 4: rows joined into blocks and written as a Markdown report.
struct Flow {
    body: f64,
    /// Whether a paragraph all in bold is told apart (bold is not the body's face).
    bold_marks: bool,
    headings: Vec<i64>,
    words: HashSet<String>,
    layout: Layout,
    pages: Vec<u32>,
    open: Option<Open>,
    /// The page of the table being written, when one is.
    table: Option<u32>,
}

impl Flow {
    fn new(body: f64, headings: Vec<i64>, words: HashSet<String>) -> Self {
        Self {
            body,
            bold_marks: true,
            headings,
            words,
            layout: Layout::default(),
            pages: Vec::new(),
            open: None,
            table: None,
        }
    }

    /// Reads one row of page `page`.
    fn row(&mut self, page: u32, row: Row) {
        if row.segs.len() > 1 {
            self.close();
            self.table_row(page, &row);
            return;
        }
        self.end_table();
        let Some(seg) = row.segs.into_iter().next() else {
            return;
        };
        let block = self.kind(&seg, row.left);
        match self.open.as_mut() {
            Some(open) if continues(open, &block, &seg, self.body) => {
                open.text = if seg.typed {
                    format!("{}\n{}", open.text, seg.text)
                } else {
                    join(&open.text, &seg.text, &self.words)
                };
                open.bold &= seg.bold;
                open.last = seg;
                open.left = row.left;
                open.right = row.right;
            }
            _ => {
                self.close();
                let text = match &block {
                    Block::Item { .. } => seg
                        .text
                        .trim()
                        .split_once(char::is_whitespace)
                        .map_or("", |(_, rest)| rest)
                        .trim()
                        .to_owned(),
                    _ => seg.text.clone(),
                };
                self.open = Some(Open {
                    bold: seg.bold,
                    block,
                    text,
                    page,
                    last: seg,
                    left: row.left,
                    right: row.right,
                });
            }
        }
    }

    /// What block a line starts: a heading by its size, a list item by its
    /// marker (its depth by its indent), else a paragraph.
    fn kind(&self, seg: &Segment, left: f64) -> Block {
        let size = (seg.size * 10.0).round() as i64;
        if let Some(level) = self.headings.iter().position(|s| *s == size) {
            return Block::Heading((level + 1).min(6));
        }
        match marker(&seg.text) {
            Some(m) => Block::Item {
                depth: ((seg.x0 - left) / (2.5 * self.body)).floor().max(0.0) as usize,
                // A bullet is written "-", as Markdown has it.
                marker: if m.ends_with(['.', ')']) {
                    m.to_owned()
                } else {
                    "-".to_owned()
                },
            },
            None => Block::Paragraph,
        }
    }

    fn table_row(&mut self, page: u32, row: &Row) {
        if self.table.is_none() {
            self.layout.table_start();
            self.table = Some(page);
        }
        self.layout.row_start();
        for s in &row.segs {
            self.layout.cell_start();
            self.layout.block(&Block::Paragraph, &s.text);
            self.layout.cell_end();
        }
        self.layout.row_end();
    }

    fn end_table(&mut self) {
        if let Some(page) = self.table.take() {
            self.layout.table_end();
            self.mark(page);
        }
    }

    /// Writes the open block; a paragraph all in bold as [`Block::Bold`].
    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            let text = open.text.replace('\u{00AD}', "");
            let block = match open.block {
                Block::Paragraph if open.bold && self.bold_marks => Block::Bold,
                block => block,
            };
            self.layout.block(&block, &text);
            self.mark(open.page);
        }
    }

    /// The lines written since the last mark came from `page`.
    fn mark(&mut self, page: u32) {
        let lines = self.layout.lines();
        self.pages.resize(lines.max(self.pages.len()), page);
    }

    fn finish(mut self) -> (String, Vec<u32>) {
        self.close();
        self.end_table();
        (self.layout.finish(), self.pages)
    }
}

/// Whether the line `seg` (which would start `block`) goes on with the open
/// block: the same kind (an item's wrapped lines are paragraph-like), no
/// paragraph's gap above it, no list marker, and the line before it ran to
/// the column's end (a short line ends a paragraph); typed lines go on
/// with typed lines only, short or not. A line higher up than the last (the
/// next column, the next page) goes on on the same terms.
fn continues(open: &Open, block: &Block, seg: &Segment, body: f64) -> bool {
    let same_kind = match (&open.block, block) {
        (Block::Heading(a), Block::Heading(b)) => a == b,
        (Block::Heading(_), _) | (_, Block::Heading(_)) => false,
        (_, Block::Item { .. }) => false,
        _ => true,
    };
    let last = &open.last;
    let em = last.size.max(seg.size);
    let gap = seg.y - last.y;
    let short = open.right - last.x1 > (0.15 * (open.right - open.left)).max(4.0 * body);
    // Typed lines keep their breaks, as the typist made them: they go on
    // with typed lines only, short or not.
    let flows = if last.typed || seg.typed {
        last.typed && seg.typed
    } else {
        !short
    };
    same_kind && gap <= PARAGRAPH_GAP * em && flows
}

/// Two lines of one paragraph joined: a word broken at a soft hyphen made
/// whole (U+00AD, or U+2010, the hyphen producers paint where they break a
/// word); at a hyphen-minus, made whole when the document has the whole word
/// elsewhere and not the hyphenated one ("meet-" "ing", not "co-" "chair"),
/// else kept; otherwise a space.
fn join(before: &str, after: &str, words: &HashSet<String>) -> String {
    let before = before.trim_end();
    let after = after.trim_start();
    let stem = before.trim_end_matches(['\u{00AD}', '\u{2010}']);
    if stem.len() < before.len() {
        return format!("{stem}{after}");
    }
    if let Some(stem) = before.strip_suffix('-') {
        let head = stem
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let tail: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let starts_lower = tail.chars().next().is_some_and(char::is_lowercase);
        if !head.is_empty() && starts_lower {
            let joined = format!("{head}{tail}").to_lowercase();
            let hyphenated = format!("{head}-{tail}").to_lowercase();
            if words.contains(&joined) && !words.contains(&hyphenated) {
                return format!("{stem}{after}");
            }
            return format!("{before}{after}");
        }
    }
    format!("{before} {after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of lines, each `(x, y, size, text)`, a glyph a character of
    /// width half the size.
    fn page(number: u32, lines: &[(f64, f64, f64, &str)]) -> Page {
        let mut glyphs = Vec::new();
        for (x, y, size, text) in lines {
            for (i, c) in text.chars().enumerate() {
                glyphs.push(Glyph {
                    x: x + i as f64 * size * 0.5,
                    y: *y,
                    width: size * 0.5,
                    size: *size,
                    text: c.to_string(),
                    bold: false,
                    fixed: false,
                });
            }
        }
        Page {
            number,
            width: 612.0,
            height: 792.0,
            glyphs,
            bullets: Vec::new(),
        }
    }

    #[test]
    fn two_columns_read_left_column_first_under_a_spanning_title() {
        let mut lines = vec![(50.0, 60.0, 20.0, "Minutes of the Harbour Board meeting")];
        let left = [
            "Alpha one goes on and on here ab",
            "alpha two goes on and on here ab",
            "alpha three goes on and on her.",
        ];
        let right = [
            "Beta one goes on and on here abc",
            "beta two goes on and on here abc",
            "beta three goes on and on here.",
        ];
        for (i, (l, r)) in left.iter().zip(right).enumerate() {
            let y = 120.0 + 14.0 * i as f64;
            lines.push((50.0, y, 10.0, l));
            lines.push((330.0, y, 10.0, r));
        }
        let (text, pages) = super::text(&[page(1, &lines)]);
        assert_eq!(
            text,
            "# Minutes of the Harbour Board meeting\n\n\
             Alpha one goes on and on here ab alpha two goes on and on here ab alpha three goes on and on her. \
             Beta one goes on and on here abc beta two goes on and on here abc beta three goes on and on here.\n"
        );
        assert_eq!(pages, vec![1, 1, 1]);
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_left_out() {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                let number = n.to_string();
                page(
                    n,
                    &[
                        (50.0, 30.0, 9.0, "Harbour Board - Minutes"),
                        (
                            50.0,
                            186.0,
                            10.0,
                            "A line of the body that runs to the end of the column",
                        ),
                        (
                            50.0,
                            200.0,
                            10.0,
                            if n == 1 {
                                "Ines Moreau opened."
                            } else {
                                "Body."
                            },
                        ),
                        (300.0, 770.0, 9.0, number.as_str()),
                    ],
                )
            })
            .collect();
        let (text, pages) = super::text(&pages);
        assert!(!text.contains("Harbour Board"), "{text}");
        assert!(!text.contains('2'), "{text}");
        assert!(
            text.starts_with(
                "A line of the body that runs to the end of the column Ines Moreau opened.\n"
            ),
            "{text}"
        );
        assert_eq!(pages, vec![1, 2, 2, 3, 3]);
    }

    #[test]
    fn hyphenated_words_ligatures_and_soft_hyphens_are_undone() {
        let words: HashSet<String> = ["co-chair".to_owned(), "meeting".to_owned()].into();
        assert_eq!(join("the meet-", "ing went", &words), "the meeting went");
        assert_eq!(join("the co-", "chair said", &words), "the co-chair said");
        assert_eq!(join("multi-", "stakeholder", &words), "multi-stakeholder");
        assert_eq!(
            join("the extra\u{00AD}", "ordinary", &words),
            "the extraordinary"
        );
        assert_eq!(join("com\u{00AD}\u{2010}", "munity", &words), "community");
        assert_eq!(join("Ana", "Silva", &words), "Ana Silva");
        assert_eq!(join("UN-", "Habitat", &words), "UN- Habitat");
        assert_eq!(unligature("e\u{FB03}cient \u{FB01}le"), "efficient file");
    }

    #[test]
    fn table_rows_are_cut_where_the_header_rows_cells_start() {
        let (text, _) = super::text(&[page(
            1,
            &[
                (50.0, 100.0, 10.0, "Name"),
                (110.0, 100.0, 10.0, "Organisation"),
                (50.0, 112.0, 10.0, "Ines Moreau Open Data Council"),
                (50.0, 124.0, 10.0, "Tomas Berg Harbour Institute"),
            ],
        )]);
        // "Ines Moreau " is 12 glyphs of 5 points: "Open" starts at 110,
        // under "Organisation"; no word of the last row does, which ends
        // the table.
        assert_eq!(
            text,
            "| Name | Organisation |\n| Ines Moreau | Open Data Council |\n\nTomas Berg Harbour Institute\n"
        );
    }

    #[test]
    fn a_cell_run_close_to_the_next_is_cut_where_the_header_has_a_cell() {
        // "Authority, UAE" ends a word space before "MAG Chair" (a browser's
        // cell padding): no wide gap, but "MAG" starts under "Role".
        let (text, _) = super::text(&[page(
            1,
            &[
                (50.0, 100.0, 10.0, "Name"),
                (150.0, 100.0, 10.0, "Organisation"),
                (280.0, 100.0, 10.0, "Role"),
                (50.0, 112.0, 10.0, "Noor Al-Hashimi"),
                (150.0, 112.0, 10.0, "Regulatory Authority, UAE MAG Chair"),
            ],
        )]);
        // Before: "| Noor Al-Hashimi | Regulatory Authority, UAE MAG Chair |".
        assert_eq!(
            text,
            "| Name | Organisation | Role |\n| Noor Al-Hashimi | Regulatory Authority, UAE | MAG Chair |\n"
        );
    }

    #[test]
    fn a_justified_lines_wide_word_gaps_do_not_split_it_a_gutter_does() {
        // Five words a line, each gap 1 em (a short line stretched across
        // a narrow column), then a gutter of 3 ems and the other column.
        let mut lines = Vec::new();
        let mut x = 50.0;
        for w in ["Alpha", "opened", "this", "paragraph", "today"] {
            lines.push((x, 100.0, 10.0, w));
            x += w.len() as f64 * 5.0 + 10.0;
        }
        let (text, _) = super::text(&[page(1, &lines)]);
        assert_eq!(text, "Alpha opened this paragraph today\n");
        lines.push((x + 20.0, 100.0, 10.0, "Beta"));
        let (text, _) = super::text(&[page(1, &lines)]);
        assert_eq!(text, "| Alpha opened this paragraph today | Beta |\n");
    }

    #[test]
    fn page_numbers_are_told_from_lines() {
        for n in ["3", "- 3 -", "Page 3", "page 3 of 12", "3/12", "iv"] {
            assert!(is_page_number(n), "{n}");
        }
        for n in ["Agenda", "3 May 2024", "Item 3", "1. Welcome"] {
            assert!(!is_page_number(n), "{n}");
        }
    }

    /// `page` with the glyphs of the lines at `ys` in bold.
    fn bold_at(mut page: Page, ys: &[f64]) -> Page {
        for g in &mut page.glyphs {
            g.bold = ys.contains(&g.y);
        }
        page
    }

    #[test]
    fn a_paragraph_all_in_bold_at_body_size_is_written_bold() {
        let lines = [
            (50.0, 60.0, 10.0, "Attendees"),
            (50.0, 74.0, 10.0, "Ines Moreau (Open Data Council)"),
            (50.0, 100.0, 10.0, "Agenda"),
            (60.0, 114.0, 10.0, "1. Welcome"),
        ];
        let (text, _) = super::text(&[bold_at(page(1, &lines), &[60.0, 100.0])]);
        assert_eq!(
            text,
            "**Attendees**\n\nInes Moreau (Open Data Council)\n\n**Agenda**\n\n1. Welcome\n"
        );
        // A document set in bold throughout: bold marks nothing.
        let all = [60.0, 74.0, 100.0, 114.0];
        let (text, _) = super::text(&[bold_at(page(1, &lines), &all)]);
        assert!(!text.contains("**"), "{text}");
    }

    #[test]
    fn list_markers_start_items_and_headings_go_by_size() {
        let (text, _) = super::text(&[page(
            1,
            &[
                (50.0, 60.0, 16.0, "Agenda"),
                (60.0, 90.0, 10.0, "1. Welcome"),
                (60.0, 102.0, 10.0, "2. Budget"),
                (50.0, 130.0, 10.0, "Ines Moreau opened the meeting."),
            ],
        )]);
        assert_eq!(
            text,
            "# Agenda\n\n1. Welcome\n2. Budget\n\nInes Moreau opened the meeting.\n"
        );
    }

    /// Glyphs of typed `lines` (`(y, text)`) in a fixed-pitch font of size
    /// 10 and pitch 6 from x = 50, each space painted, each tab a blank
    /// to the next stop left unpainted, as Chromium prints a `<pre>`.
    fn typed(lines: &[(f64, &str)]) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        for (y, text) in lines {
            let mut column = 0;
            for c in text.chars() {
                if c == '\t' {
                    column = (column / TAB_STOP + 1) * TAB_STOP;
                    continue;
                }
                glyphs.push(Glyph {
                    x: 50.0 + 6.0 * column as f64,
                    y: *y,
                    width: 6.0,
                    size: 10.0,
                    text: c.to_string(),
                    bold: false,
                    fixed: true,
                });
                column += 1;
            }
        }
        glyphs
    }

    #[test]
    fn typed_lines_keep_their_blanks_and_tabs() {
        let mut first = page(1, &[(50.0, 60.0, 10.0, "Agenda")]);
        first.glyphs.extend(typed(&[
            (
                80.0,
                "09:00-09:05  Welcome and adoption of the agenda (Chair)",
            ),
            (92.0, "09:55-10:00  AOB"),
            (120.0, "Name\tOrganization\tStakeholder group"),
            (132.0, "Lindiwe Mokoena\tResearch ICT Africa\tCivil Society"),
            (144.0, "Farai Dube\t\tCivil Society"),
        ]));
        let (text, _) = super::text(&[first]);
        // The blanks as typed (two spaces, a tab a stop) and each line on
        // its own (typed rows follow each other as the layout writes them
        // for every reader); before, a gap of two spaces cut a line into a
        // table's cells, and a tab of one column was a word space.
        assert_eq!(
            text,
            "Agenda\n\n09:00-09:05  Welcome and adoption of the agenda (Chair)\n\
             09:55-10:00  AOB\nName\tOrganization\tStakeholder group\n\
             Lindiwe Mokoena\tResearch ICT Africa\tCivil Society\n\
             Farai Dube\t\tCivil Society\n"
        );
        // A producer that paints no spaces leaves every blank unpainted:
        // they are spaces, counted.
        let mut unpainted = page(1, &[]);
        unpainted.glyphs = typed(&[(80.0, "Item  Owner")]);
        unpainted.glyphs.retain(|g| g.text != " ");
        assert_eq!(super::text(&[unpainted]).0, "Item  Owner\n");
        // Prose justified in the font, its word gaps stretched off the
        // grid, is read as prose.
        let mut justified = page(1, &[]);
        // Each word gap 1.5 points wider: the drift reaches half a column
        // at the third word, where a count of columns would add a blank.
        justified.glyphs = typed(&[(80.0, "The members agreed today")]);
        for g in &mut justified.glyphs {
            let column = (g.x - 50.0) / 6.0;
            let gaps = [4.0, 12.0, 19.0].iter().filter(|c| column >= **c).count();
            g.x += 1.5 * gaps as f64;
        }
        assert_eq!(super::text(&[justified]).0, "The members agreed today\n");
    }

    #[test]
    fn a_bullet_shape_before_a_lettered_line_keeps_both() {
        let mut tracks = page(
            1,
            &[
                (50.0, 60.0, 10.0, "The following tracks were proposed:"),
                (70.0, 80.0, 10.0, "a) Connecting all people"),
                (70.0, 92.0, 10.0, "b) Avoiding fragmentation"),
            ],
        );
        tracks.bullets = [80.0, 92.0]
            .iter()
            .map(|y| Bullet {
                x: 60.0,
                y: y - 3.0,
                size: 4.0,
            })
            .collect();
        let (text, _) = super::text(&[tracks]);
        // Before, the bullet was dropped as a second marker: "a) …" became
        // a lettered item of its own list.
        assert_eq!(
            text,
            "The following tracks were proposed:\n\n- a) Connecting all people\n- b) Avoiding fragmentation\n"
        );
    }

    #[test]
    fn a_tables_row_with_wrapped_cells_centred_beside_them_is_one_row() {
        // Columns at 50, 150 and 400; the second row's first and last
        // cells wrap to two lines 12 points apart, its middle cell is
        // centred between them, and the next row is 16 points down.
        let (text, _) = super::text(&[page(
            1,
            &[
                (50.0, 100.0, 10.0, "Name"),
                (150.0, 100.0, 10.0, "Organisation"),
                (400.0, 100.0, 10.0, "Role"),
                (50.0, 116.0, 10.0, "Léo"),
                (400.0, 116.0, 10.0, "Programme"),
                (150.0, 122.0, 10.0, "IGF Secretariat"),
                (50.0, 128.0, 10.0, "Marchand"),
                (400.0, 128.0, 10.0, "Officer"),
                (50.0, 144.0, 10.0, "Jonas Weber"),
                (150.0, 144.0, 10.0, "SAP"),
                (400.0, 144.0, 10.0, "Member"),
            ],
        )]);
        assert_eq!(
            text,
            "| Name | Organisation | Role |\n| Léo Marchand | IGF Secretariat | Programme Officer |\n\
             | Jonas Weber | SAP | Member |\n"
        );
    }
}
