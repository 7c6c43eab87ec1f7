//! The cleaned reading view of a report: lines without markup, and sentences
//! joined across PDF line breaks, each char mapped back to the decoded file.
//!
//! Rationale: reports arrive as PDF extractions (hard line breaks, hyphenation,
//! page headers, form feeds), Markdown converted from Word (bold, escapes, link
//! syntax) or plain text. Extraction wants one clean view of all three, and
//! provenance wants offsets in the file the user has. So every cleaned string is a
//! [`Span`]: its text plus, for each char, the char offset it came from.
//! This module does not interpret anything: no names, dates or sections.

mod diff_margin;

use crate::words::SentenceWords;
use regex::Regex;
use std::sync::LazyLock;

/// The Unicode bidirectional formatting characters, which reorder what a
/// person reads around them ("Trojan Source"): what meetkg shows people (the
/// exports, the query table) leaves them out.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Chars between two marks of [`Span`]'s char index.
const MARK_EVERY: usize = 64;

/// A char offset in the decoded report as a [`Span`] holds it: four bytes
/// a char, not eight. A report is at most
/// [`MAX_REPORT_BYTES`](crate::ingest::MAX_REPORT_BYTES) (16 MiB), so its
/// char offsets are far below `u32::MAX`. Each line and each sentence holds
/// one for each of its chars, so a list flattened onto a line of 16 MiB held
/// 128 MiB of them a copy, and writing and reading them was much of the
/// page faults and cache misses of extracting it (issue 25).
type Origin = u32;

/// `at` as a span holds it (see [`Origin`]); an offset past `u32::MAX`,
/// which no report within the bound has, is held as the last one.
fn to_origin(at: usize) -> Origin {
    Origin::try_from(at).unwrap_or(Origin::MAX)
}

/// Cleaned text with, for each char, its char offset in the decoded report.
///
/// The text is read through [`Span::text`] and changed only by this module,
/// so that the char index kept beside it stays true.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    text: String,
    offsets: Vec<Origin>,
    /// The byte position in `text` of every [`MARK_EVERY`]-th char (chars 0,
    /// 64, 128, ...). Finding a char from its byte position counted the chars
    /// from the span's start, so every name of a list flattened onto one line
    /// of megabytes cost the whole line (issue 25); from the nearest mark it
    /// costs a binary search and at most 63 chars. One mark per 64 chars is
    /// an eighth of a byte per char beside the offsets' four.
    marks: Vec<usize>,
}

impl Span {
    /// The cleaned text.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn push(&mut self, c: char, at: usize) {
        if self.offsets.len().is_multiple_of(MARK_EVERY) {
            self.marks.push(self.text.len());
        }
        self.text.push(c);
        self.offsets.push(to_origin(at));
    }

    /// The report char offsets of the chars from char `first` on.
    fn origins_from(&self, first: usize) -> impl Iterator<Item = usize> + '_ {
        let rest = self.offsets.get(first..).unwrap_or_default();
        rest.iter().map(|&o| o as usize)
    }

    /// Removes the last char, if any.
    fn pop(&mut self) {
        if self.text.pop().is_some() {
            self.offsets.pop();
            self.marks.truncate(self.offsets.len().div_ceil(MARK_EVERY));
        }
    }

    /// Removes the first `n` chars (a block quote's "> ").
    fn drop_front(&mut self, n: usize) {
        let bytes = self.byte_of_char(n.min(self.offsets.len()));
        let rest: Vec<(char, usize)> = self.text[bytes..]
            .chars()
            .zip(self.origins_from(n))
            .collect();
        *self = Self::default();
        for (c, at) in rest {
            self.push(c, at);
        }
    }

    /// Inserts `s` before char `n`, its chars standing where char `n` stands
    /// in the source (they were not there).
    fn insert_before(&mut self, n: usize, s: &str) {
        let n = n.min(self.offsets.len());
        let at = self
            .offsets
            .get(n)
            .or(self.offsets.last())
            .map_or(0, |&o| o as usize);
        let old = std::mem::take(self);
        let mut chars = old.text.chars().zip(old.origins_from(0));
        for (c, o) in chars.by_ref().take(n) {
            self.push(c, o);
        }
        for c in s.chars() {
            self.push(c, at);
        }
        for (c, o) in chars {
            self.push(c, o);
        }
    }

    /// The number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.offsets.len()
    }

    /// Whether every char is one byte, so a char's index is its byte's: the
    /// text holds as many bytes as chars. Most reports are ASCII, and in a
    /// list of names flattened onto a line of megabytes the marks' binary
    /// search for each name's evidence was a cache miss each time, about a
    /// twentieth of extracting it (issue 25).
    fn is_ascii(&self) -> bool {
        self.text.len() == self.offsets.len()
    }

    /// The index of the char that starts at byte `byte` of the text (the
    /// number of chars before it); the char count for `byte` past the end. A
    /// byte inside a char counts that char as before it. Cost: a binary
    /// search and at most 64 chars (the marks' spacing), however long the span;
    /// none for a span of ASCII.
    pub fn char_at_byte(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.is_ascii() {
            return byte;
        }
        let k = self.marks.partition_point(|&m| m <= byte).saturating_sub(1);
        let Some(&mark) = self.marks.get(k) else {
            return 0;
        };
        // A char starts at every byte that is no UTF-8 continuation byte.
        let starts = self.text.as_bytes()[mark..byte]
            .iter()
            .filter(|&&b| !(0x80..0xc0).contains(&b))
            .count();
        k * MARK_EVERY + starts
    }

    /// The byte position in the text of char `index`; the text's length for
    /// an index past the end. Cost: at most 64 chars (the marks' spacing);
    /// none for a span of ASCII.
    pub fn byte_of_char(&self, index: usize) -> usize {
        if self.is_ascii() {
            return index.min(self.text.len());
        }
        let Some(&mark) = self.marks.get(index / MARK_EVERY) else {
            return self.text.len();
        };
        self.text[mark..]
            .char_indices()
            .nth(index % MARK_EVERY)
            .map_or(self.text.len(), |(b, _)| mark + b)
    }

    /// Char offset in the report where this span starts.
    pub fn start(&self) -> usize {
        self.offsets.first().map_or(0, |&o| o as usize)
    }

    /// Char offset in the report one past this span's last char.
    pub fn end(&self) -> usize {
        self.offsets.last().map_or(0, |&o| o as usize + 1)
    }

    /// Report char offsets of the byte range `range` of [`Span::text`].
    /// Cost: two binary searches, however long the span.
    pub fn origin(&self, range: std::ops::Range<usize>) -> (usize, usize) {
        let first = self.char_at_byte(range.start);
        let n = self.char_at_byte(range.end).saturating_sub(first);
        self.origin_of_chars(first, n)
    }

    /// Report char offsets of the `n` chars from char `first`.
    pub fn origin_of_chars(&self, first: usize, n: usize) -> (usize, usize) {
        let start = self
            .offsets
            .get(first)
            .map_or_else(|| self.end(), |&o| o as usize);
        let end = if n == 0 {
            start
        } else {
            self.offsets
                .get(first + n - 1)
                .map_or_else(|| self.end(), |&o| o as usize + 1)
        };
        (start, end)
    }

    fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.pop();
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// One line of the report after markup is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Zero-based line number in the report.
    pub number: usize,
    /// Leading white space of the raw line, in chars (tabs count 4).
    pub indent: usize,
    /// The raw line was a Markdown heading or entirely bold: a hint, not a rule.
    pub emphasised: bool,
    pub span: Span,
    /// Byte positions in the text of spaces that stand for a gap of two
    /// spaces or more (a tab counts three): the column breaks of an aligned
    /// table.
    gaps: Vec<usize>,
    /// One of the gaps is three spaces or more: a table row, surely.
    wide_gap: bool,
}

impl Line {
    pub fn text(&self) -> &str {
        &self.span.text
    }

    pub fn is_blank(&self) -> bool {
        self.span.text.is_empty()
    }

    /// The space at byte `at` of the text stands for a gap of two spaces or
    /// more in the raw line ("1   Attendance": a number set off as a heading's).
    pub fn gap_at(&self, at: usize) -> bool {
        self.gaps.contains(&at)
    }
}

/// A sentence of running text (never a heading or list marker), joined across lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the report line the sentence starts on.
    pub line: usize,
    pub span: Span,
}

impl Sentence {
    pub fn text(&self) -> &str {
        &self.span.text
    }
}

/// The cleaned report: its lines and its sentences.
#[derive(Debug, Clone)]
pub struct Text {
    pub lines: Vec<Line>,
    pub sentences: Vec<Sentence>,
}

static URL_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:<?https?://\S+>?\s*)+$").unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
/// A "Label: value" line, the label one to three words: "Date:", "Co-chairs:".
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}\s*:\s+\S")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-*•‣◦▪–]\s+|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.)]\s+)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

impl Text {
    /// Cleans `raw` (the decoded report) with the sentence words of the
    /// lexicon shipped in `ontology/`. Cost: linear in the report's size.
    pub fn new(raw: &str) -> Self {
        Self::with_words(raw, SentenceWords::shipped())
    }

    /// Cleans `raw` (the decoded report), telling sentences and headings
    /// apart by `words`. Cost: linear in the report's size.
    pub fn with_words(raw: &str, words: &SentenceWords) -> Self {
        let margins = diff_margin::widths(RawLines::new(raw).map(|(line, _)| line));
        let mut lines = Vec::new();
        let mut number = 0;
        for ((line, offset), margin) in RawLines::new(raw).zip(margins) {
            // The margin is ASCII: as many chars as bytes.
            let margin = usize::from(margin);
            let line = &line[margin..];
            for (at, piece) in chat_turns(line) {
                let chars_before = margin + line[..at].chars().count();
                lines.push(clean_line(piece, offset + chars_before, number));
                number += 1;
            }
        }
        drop_furniture(&mut lines, words);
        pipe_aligned_tables(&mut lines);
        rows_of_flattened_tables(&mut lines, words);
        glued_labels_set_apart(&mut lines, words);
        let sentences = sentences(&lines, words);
        Self { lines, sentences }
    }
}

/// The raw lines of a report with the char offset each starts at: "\r\n",
/// "\r", "\n" and form feeds all end a line.
struct RawLines<'a> {
    rest: &'a str,
    offset: usize,
}

impl<'a> RawLines<'a> {
    fn new(raw: &'a str) -> Self {
        Self {
            rest: raw,
            offset: 0,
        }
    }
}

impl<'a> Iterator for RawLines<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let cut = self
            .rest
            .find(['\n', '\r', '\u{c}'])
            .unwrap_or(self.rest.len());
        let (line, tail) = self.rest.split_at(cut);
        let at = self.offset;
        self.offset += line.chars().count();
        match tail.chars().next() {
            Some('\r') if tail.starts_with("\r\n") => {
                self.offset += 2;
                self.rest = &tail[2..];
            }
            Some(c) => {
                self.offset += 1;
                self.rest = &tail[c.len_utf8()..];
            }
            None => self.rest = tail,
        }
        Some((line, at))
    }
}

/// A time stamp that opens a turn of a chat log: "20:01 <@nick>",
/// "20:01:05 * nick waves", "[20:02] -!- Topic ...".
static CHAT_TURN_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+(?:<[@+%&~]?[A-Za-z][^\s<>]{0,40}>|\*\s+[A-Za-z]\S*|-!-|-->|<--)\s)")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Fewest turns on one line for it to be a chat log flattened to one line.
const FLATTENED_TURNS: usize = 3;

/// The pieces of a raw line with their byte offsets: the line itself, or,
/// where it holds a chat log flattened to one line (a log copied from a web
/// page keeps its time stamps but loses its line breaks), each turn from its
/// time stamp on. A line that opens with one time stamp is one turn already.
fn chat_turns(line: &str) -> Vec<(usize, &str)> {
    let starts: Vec<usize> = CHAT_TURN_START
        .captures_iter(line)
        .filter_map(|c| c.get(1).map(|m| m.start()))
        .collect();
    if starts.len() < FLATTENED_TURNS {
        return vec![(0, line)];
    }
    let mut cuts = starts;
    if cuts.first() != Some(&0) {
        cuts.insert(0, 0);
    }
    let ends = cuts.iter().skip(1).copied().chain([line.len()]);
    cuts.iter()
        .zip(ends)
        .map(|(&a, b)| (a, line[a..b].trim_end()))
        .collect()
}

/// Whether a line is a turn of a chat log from its time stamp on: each turn
/// is an utterance of its own, never the tail of the line above.
fn opens_a_chat_turn(t: &str) -> bool {
    CHAT_TURN_START
        .captures(t)
        .and_then(|c| c.get(1))
        .is_some_and(|m| m.start() == 0)
}

/// Running headers and footers: page numbers, and short lines repeated on many pages.
fn drop_furniture(lines: &mut [Line], words: &SentenceWords) {
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for l in lines.iter().filter(|l| !l.is_blank()) {
        *counts.entry(digitless(l.text())).or_default() += 1;
    }
    for l in lines.iter_mut() {
        let t = l.text();
        let repeated = counts.get(&digitless(t)).copied().unwrap_or(0) >= 3
            && t.chars().any(|c| c.is_ascii_digit());
        if is_page_number(t, words) || (repeated && t.len() > 12) || URL_ONLY.is_match(t) {
            l.span = Span::default();
        }
    }
}

/// A page's number ("Page 3 of 12", "- 3 -", "12"): a short line, or one
/// whose number says it is a page's ("Page 3", "3 of 12"), lest a longer
/// line ending in a number ("Agenda item 12", "Minutes of ABC Meeting 143")
/// be taken for one.
fn is_page_number(t: &str, words: &SentenceWords) -> bool {
    words.page_number.is_match(t) && (t.len() <= 6 || words.page_marked.is_match(t))
}

fn digitless(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Removes Markdown from one raw line, keeping the origin of every kept char.
fn clean_line(raw: &str, offset: usize, number: usize) -> Line {
    let chars: Vec<char> = raw.chars().collect();
    let (indent, i) = indentation(&chars);
    let (emphasised, i) = heading_marker(&chars, i);
    let span = unmarked(&chars, i, offset);
    let (mut out, gaps, wide_gap) = collapse_spaces(&span);
    if out.text.starts_with("> ") {
        // A Markdown block quote marker, not a transcript's ">>" turn marker.
        out.drop_front(2);
    } else if out.text == ">" {
        // A quoted blank line (a mail quoting minutes): blank, so a list
        // quoted with its blank lines stays one list.
        out.drop_front(1);
    }
    Line {
        number,
        indent,
        emphasised,
        span: out,
        gaps,
        wide_gap,
    }
}

/// The leading white space's width (a tab counts 4) and where the text starts.
fn indentation(chars: &[char]) -> (usize, usize) {
    let mut i = 0;
    let mut indent = 0;
    while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t' || chars[i] == '\u{a0}') {
        indent += if chars[i] == '\t' { 4 } else { 1 };
        i += 1;
    }
    (indent, i)
}

/// A Markdown heading ("## Title") or an entirely bold line ("**Title**")
/// is emphasised; returns that and where the text starts after a heading's
/// marker.
fn heading_marker(chars: &[char], from: usize) -> (bool, usize) {
    let mut i = from;
    while i < chars.len() && chars[i] == '#' {
        i += 1;
    }
    let heading = i > from && i < chars.len() && chars[i] == ' ';
    let i = if heading { i } else { from };
    let body: String = chars[i..].iter().collect();
    let stripped = body.trim();
    let bold = stripped.len() > 4 && stripped.starts_with("**") && stripped.ends_with("**");
    (heading || bold, i)
}

/// The text from `i` without Markdown markup (escapes, emphasis, links, a
/// text browser's link numbers) and with typographic spaces and quotes made
/// plain; each char keeps its offset in the report.
fn unmarked(chars: &[char], mut i: usize, offset: usize) -> Span {
    let mut span = Span::default();
    while i < chars.len() {
        let c = chars[i];
        let at = offset + i;
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                span.push(chars[i + 1], offset + i + 1);
                i += 2;
                continue;
            }
            '*' | '_' if is_emphasis(chars, i) => {}
            // "[3]IGF Secretariat": a text browser's link number, dropped.
            '[' if link_number(&chars[i..]).is_some() => {
                i += link_number(&chars[i..]).unwrap_or(1);
                continue;
            }
            '[' => {
                if let Some(next) = link_text(chars, i, offset, &mut span) {
                    i = next;
                    continue;
                }
            }
            // A tab is a column break, as wide as three spaces.
            '\t' => {
                for _ in 0..3 {
                    span.push(' ', at);
                }
            }
            '.' if is_glued_initial(chars, i) => {
                span.push('.', at);
                span.push(' ', at);
            }
            '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => span.push(' ', at),
            '\u{200b}' | '\u{feff}' | '\u{ad}' => {}
            '\u{2018}' | '\u{2019}' | '\u{2032}' => span.push('\'', at),
            '\u{201c}' | '\u{201d}' => span.push('"', at),
            _ => span.push(c, at),
        }
        i += 1;
    }
    span
}

/// The full stop at `i` ends an initial glued to the surname after it
/// ("L.Thiele", "A.Harvey", as PDF text layers and hurried typists write
/// them): one capital letter standing alone before it, a capital and a small
/// letter after it. A space is put in, so the initial and the surname are two
/// words, as in "L. Thiele". "U.S.A." and "J.R.R." have no small letter after.
fn is_glued_initial(chars: &[char], i: usize) -> bool {
    let alone = |k: usize| k == 0 || !chars[k - 1].is_alphanumeric();
    i >= 1
        && chars[i - 1].is_uppercase()
        && alone(i - 1)
        && chars.get(i + 1).is_some_and(|c| c.is_uppercase())
        && chars.get(i + 2).is_some_and(|c| c.is_lowercase())
}

/// "[text](target)" at `i` keeps its text (without escapes and asterisks)
/// in `span`; returns where the link ends. `None` when `i` opens no link: the
/// bracket is dropped, and the text after it kept.
fn link_text(chars: &[char], i: usize, offset: usize, span: &mut Span) -> Option<usize> {
    let close = i + 1 + chars[i + 1..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = chars[close + 2..].iter().position(|&c| c == ')')?;
    let mut j = i + 1;
    while j < close {
        if chars[j] == '\\' && j + 1 < close {
            j += 1;
        }
        if !matches!(chars[j], '*') {
            span.push(chars[j], offset + j);
        }
        j += 1;
    }
    Some(close + 2 + end + 1)
}

/// White space collapsed to single spaces, with the positions of the wide
/// gaps inside the line (two spaces or more: columns), and whether one is
/// three spaces or more. Two spaces after a full stop are typing habit, not
/// a column.
fn collapse_spaces(span: &Span) -> (Span, Vec<usize>, bool) {
    let mut out = Span::default();
    let mut gaps = Vec::new();
    let mut wide_gap = false;
    let mut run = 0;
    for (c, at) in span.text.chars().zip(span.origins_from(0)) {
        if c == ' ' {
            run += 1;
            if run == 2 && !out.text.trim().is_empty() {
                gaps.push(out.text.len() - 1);
            }
            wide_gap |= run == 3 && !out.text.trim().is_empty();
            if out.text.is_empty() || out.text.ends_with(' ') {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(c, at);
    }
    out.trim_end();
    gaps.retain(|&g| g < out.text.len());
    gaps.retain(|&g| !out.text[..g].ends_with(['.', '?', '!', ':']) || wide_gap);
    wide_gap &= !gaps.is_empty();
    (out, gaps, wide_gap)
}

/// Rows of a table aligned with spaces or tabs written as pipe-table rows,
/// "| Name | Organisation |", which is how the participant list reads tables.
/// A table is a run of lines with gaps, two of them with a wide gap at least;
/// a lone line with a wide gap (a running header, say) is left as it is.
fn pipe_aligned_tables(lines: &mut [Line]) {
    let tabular = |l: &Line| !l.is_blank() && !l.gaps.is_empty() && !l.text().contains('|');
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && tabular(&lines[i]) {
            i += 1;
        }
        if lines[start..i].iter().filter(|l| l.wide_gap).count() >= 2 {
            for line in &mut lines[start..i] {
                line.span = piped(&line.span, &line.gaps);
                line.gaps.clear();
            }
        }
        if i == start {
            i += 1;
        }
    }
}

fn piped(span: &Span, gaps: &[usize]) -> Span {
    let mut out = Span::default();
    let first = span.start();
    out.push('|', first);
    out.push(' ', first);
    for ((i, c), at) in span.text.char_indices().zip(span.origins_from(0)) {
        if gaps.contains(&i) {
            for p in [' ', '|', ' '] {
                out.push(p, at);
            }
        } else {
            out.push(c, at);
        }
    }
    let last = span.end().saturating_sub(1);
    out.push(' ', last);
    out.push('|', last);
    out
}

/// The cell a line holds where a table was flattened one cell a line
/// ("Tim Barnes |", "|" for an empty cell): its text before the pipe.
fn lone_cell(line: &Line) -> Option<&str> {
    let cell = line.text().strip_suffix('|')?;
    (!cell.contains('|')).then_some(cell.trim_end())
}

/// Fewest rows under its header for cells a line to be read as a table.
const FLATTENED_ROWS: usize = 2;

/// "TitleMinutes of a meeting of Council", "Date6 October 1988",
/// "DescriptionPresent: ...": a catalogue record's fields (a definition list,
/// or a table of labels and values) flattened without the space or colon
/// between label and value. A line that opens with a label of
/// `[glued-field-labels]`, as the label is written, and goes straight on
/// with a capital or a digit gets its colon and space back, so that the value
/// is read as what it is: a title, a date, a roll.
fn glued_labels_set_apart(lines: &mut [Line], words: &SentenceWords) {
    for line in lines.iter_mut() {
        if let Some(n) = glued_label_len(line.text(), &words.glued_field_labels) {
            line.span.insert_before(n, ": ");
        }
    }
}

/// The length in chars of the label of `labels` that `text` opens with,
/// glued to a capital or a digit.
fn glued_label_len(text: &str, labels: &[String]) -> Option<usize> {
    labels.iter().find_map(|label| {
        let rest = text.strip_prefix(label.as_str())?;
        rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            .then(|| label.chars().count())
    })
}

/// Tables flattened one cell a line (a web page's table copied as text:
/// "Present |", "Director |", "Yes |", "Tim Barnes |", ...) written back as
/// pipe rows, each on the line of its first cell, the other lines left blank.
/// Rows are found by their presence column: each of its marks
/// (`[attendance-marks]`: "Yes", "No") opens a row, so a row that lost an
/// empty cell still ends where the next begins; the cells before the first
/// mark (two at least) are the header. A run of cells without that shape is
/// left alone.
fn rows_of_flattened_tables(lines: &mut [Line], words: &SentenceWords) {
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        while i < lines.len() && lone_cell(&lines[i]).is_some() {
            i += 1;
        }
        if let Some(rows) = flattened_rows(&lines[start..i], words) {
            for row in rows {
                let span = piped_cells(&lines[start + row.start..start + row.end]);
                for line in &mut lines[start + row.start + 1..start + row.end] {
                    line.span = Span::default();
                }
                lines[start + row.start].span = span;
            }
        }
        if i == start {
            i += 1;
        }
    }
}

/// The rows (ranges of `cells`, the header first) of a run of lone cells
/// whose rows each open with an attendance mark, or `None`.
fn flattened_rows(cells: &[Line], words: &SentenceWords) -> Option<Vec<std::ops::Range<usize>>> {
    let is_mark = |l: &Line| {
        lone_cell(l).is_some_and(|c| words.attendance_marks.contains(&c.trim().to_lowercase()))
    };
    // A header has two cells at least, and may name the presence column by
    // one of its marks ("Present").
    let header = 2 + cells.iter().skip(2).position(is_mark)?;
    let starts: Vec<usize> = (header..cells.len())
        .filter(|&k| is_mark(&cells[k]))
        .collect();
    let mut rows = Vec::with_capacity(starts.len() + 1);
    rows.push(0..header);
    rows.extend(
        starts
            .iter()
            .zip(starts.iter().skip(1).chain([&cells.len()]))
            .map(|(&a, &b)| a..b),
    );
    let fits = (2..=8).contains(&header)
        && starts.len() >= FLATTENED_ROWS
        && rows.iter().all(|r| r.len() <= header);
    fits.then_some(rows)
}

/// One pipe row of the lone cells of `lines`, each char keeping its origin.
fn piped_cells(lines: &[Line]) -> Span {
    let mut out = Span::default();
    for line in lines {
        let Some(cell) = lone_cell(line) else {
            continue;
        };
        let first = line.span.start();
        out.push('|', first);
        out.push(' ', first);
        for (c, at) in cell.chars().zip(line.span.origins_from(0)) {
            out.push(c, at);
        }
        out.push(' ', line.span.end().saturating_sub(1));
    }
    let last = lines.last().map_or(0, |l| l.span.end().saturating_sub(1));
    out.push('|', last);
    out
}

/// The length of a "[12]" at the start of `chars`, if that is what is there.
fn link_number(chars: &[char]) -> Option<usize> {
    let digits = chars
        .iter()
        .skip(1)
        .take_while(|c| c.is_ascii_digit())
        .count();
    (chars.first() == Some(&'[') && digits > 0 && chars.get(digits + 1) == Some(&']'))
        .then_some(digits + 2)
}

/// `*` and `_` are emphasis when they open or close a run, not inside a word.
fn is_emphasis(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    let prev = if i > 0 { chars[i - 1] } else { ' ' };
    let next = chars.get(i + 1).copied().unwrap_or(' ');
    if c == '_' && prev.is_alphanumeric() && next.is_alphanumeric() {
        return false;
    }
    if c == '*' && prev == ' ' && next == ' ' {
        return false;
    }
    if is_drawn_rule(chars, i) {
        return false;
    }
    if c == '_' && !is_paired_underscore(chars, i) {
        return false;
    }
    // A list bullet "* item" at the start of the line is handled as a marker.
    !(c == '*' && chars[..i].iter().all(|c| c.is_whitespace()) && next == ' ')
}

/// Farthest, in chars, that an underscore's partner is looked for: emphasis
/// marks a phrase, and a long line of lone underscores costs no more than
/// this each.
const EMPHASIS_REACH: usize = 200;

/// "_Enchained", "mr_pouit": an underscore opens emphasis only where one
/// closes it further on the line ("_note_"), and closes it only where one
/// opened it before; alone, it is a character of the text, as a chat
/// handle's leading underscore is, and Markdown keeps it so.
fn is_paired_underscore(chars: &[char], i: usize) -> bool {
    let opens = |k: usize| {
        let before = if k > 0 { chars[k - 1] } else { ' ' };
        let after = chars.get(k + 1).copied().unwrap_or(' ');
        chars[k] == '_' && !before.is_alphanumeric() && !after.is_whitespace()
    };
    let closes = |k: usize| {
        let before = if k > 0 { chars[k - 1] } else { ' ' };
        let after = chars.get(k + 1).copied().unwrap_or(' ');
        chars[k] == '_' && !before.is_whitespace() && !after.is_alphanumeric()
    };
    let end = chars.len().min(i + 1 + EMPHASIS_REACH);
    let start = i.saturating_sub(EMPHASIS_REACH);
    (opens(i) && (i + 1..end).any(closes)) || (closes(i) && (start..i).any(opens))
}

/// "________________": a run of four or more `*` or `_` is a rule or a
/// blank to fill in, not emphasis (which takes three at most); kept, it still
/// separates what stands on either side of it.
fn is_drawn_rule(chars: &[char], i: usize) -> bool {
    // Four on each side at most: a run of a million is no slower to judge.
    let c = chars[i];
    let before = chars[..i]
        .iter()
        .rev()
        .take(4)
        .take_while(|&&x| x == c)
        .count();
    let from_here = chars[i..].iter().take(4).take_while(|&&x| x == c).count();
    before + from_here >= 4
}

/// True for lines that open a list item ("- ", "1. ", "a) ", "(ii) ").
pub fn list_marker(s: &str) -> Option<usize> {
    LIST_MARKER.find(s).map(|m| m.end())
}

/// Joins running-text lines into paragraphs and splits them into sentences.
fn sentences(lines: &[Line], words: &SentenceWords) -> Vec<Sentence> {
    let mut paragraphs: Vec<(usize, Span)> = Vec::new();
    let mut current: Option<(usize, Span)> = None;
    let mut blank_before = true;
    let mut current_is_heading = false;
    // The current paragraph is one line that began after a blank line.
    let mut current_is_lone_line = false;
    // The current paragraph is one short "Label: value" line.
    let mut current_is_short_field = false;
    // The previous line ended a sentence (or there was none), and the
    // previous line was a title set between sentences.
    let mut sentence_ended = true;
    let mut after_title = false;
    for line in lines {
        if line.is_blank() {
            blank_before = true;
            continue;
        }
        let text = line.text();
        // "... as presented." / "Introduction of Director Saito" / "Lincoln
        // Saito welcomed ...": a title-case line between sentences is a
        // heading even without blank lines around it (a PDF's text), and is
        // no part of the sentence after it.
        let title = sentence_ended && is_title_line(text, words);
        let marker = list_marker(text);
        // A short numbered or emphasised heading line ends its paragraph, and
        // so does a short plain line set off above ("Notes", "Action items")
        // that does not stop mid-phrase the way a PDF line break does.
        let after_heading = current.as_ref().is_some_and(|(_, p)| {
            (current_is_heading
                && !p.text.ends_with(['.', ',', ';'])
                && p.text.split(' ').nth(10).is_none())
                || (current_is_lone_line && is_plain_heading(&p.text, words))
        }) && text.starts_with(char::is_uppercase);
        // "Co-chairs: A and B" then "Rapporteur: C": one field a line.
        let field = FIELD.is_match(text)
            && current
                .as_ref()
                .is_some_and(|(_, p)| !p.text.ends_with([',', ';']));
        let starts_new = after_heading
            || current_is_short_field && text.starts_with(char::is_uppercase)
            || title
            || after_title && text.starts_with(char::is_uppercase)
            || field
            || marker.is_some()
            || line.emphasised
            || text.starts_with(">>")
            || opens_a_chat_turn(text)
            || text.starts_with('|')
            || current.as_ref().is_none_or(|(_, p)| {
                let ends_sentence = p.text.ends_with(['.', ':', '!', '?', '"']);
                let lower = text.chars().next().is_some_and(char::is_lowercase);
                (blank_before && (!lower || ends_sentence))
                    || (ends_sentence && !lower && p.text.len() < 60)
            });
        if starts_new {
            if let Some(p) = current.take() {
                paragraphs.push(p);
            }
            let mut span = Span::default();
            let from = marker.unwrap_or(0);
            for (c, at) in text[from..]
                .chars()
                .zip(line.span.origins_from(line.span.char_at_byte(from)))
            {
                span.push(c, at);
            }
            current = Some((line.number, span));
            current_is_heading = marker.is_some() || line.emphasised;
            current_is_lone_line = blank_before;
            current_is_short_field = is_short_field(text, words);
        } else if let Some((_, p)) = current.as_mut() {
            join(p, &line.span, words);
            current_is_lone_line = false;
            current_is_short_field = false;
        }
        blank_before = false;
        after_title = title;
        sentence_ended = title || ends_a_sentence(text);
    }
    if let Some(p) = current.take() {
        paragraphs.push(p);
    }
    paragraphs
        .into_iter()
        .flat_map(|(line, p)| {
            split_sentences(&p, words)
                .into_iter()
                .map(move |span| Sentence { line, span })
        })
        .collect()
}

/// "Remote moderator: Ginger Paque": a "Label: value" line whose value is a
/// few words ending on a word that leads into nothing more is whole, so the
/// capitalised line under it ("Draft agenda of the meeting") is no part of
/// it; a value cut by a PDF line break ends on a comma or a linking word, or
/// fills a long line.
fn is_short_field(t: &str, lexicon: &SentenceWords) -> bool {
    let Some((_, value)) = t.split_once(':') else {
        return false;
    };
    let words: Vec<&str> = value.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    FIELD.is_match(t)
        && (1..=5).contains(&words.len())
        && t.len() <= 60
        && !t.ends_with([',', ';', '-', '–', '&', '/', '('])
        && !lexicon.leading_on.contains(&last)
}

/// A short line that can stand as a heading: capitalised, at most six words,
/// no closing punctuation, and not ending on a word that leads into more
/// ("It was agreed that", "moderated by"), which a PDF line break would.
fn is_plain_heading(t: &str, lexicon: &SentenceWords) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let last = words
        .last()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .unwrap_or_default();
    // A finite verb makes it a sentence: "The meeting was moderated by Chris".
    let verb = words
        .iter()
        .any(|w| lexicon.finite_verbs.contains(&w.to_lowercase()));
    !words.is_empty()
        && !verb
        && words.len() <= 6
        && t.len() <= 50
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', '-', '–', '('])
        && !lexicon.leading_on.contains(&last)
}

/// Whether a line leaves no sentence open: it ends with a sentence's or a
/// label's punctuation, or it is a short line of a list ("Brian D. Rogers"),
/// which ends no sentence either way (a wrapped line of prose is long).
pub(crate) fn ends_a_sentence(t: &str) -> bool {
    t.ends_with(['.', ':', '!', '?', '"', '”'])
        || t.split_whitespace().count() <= 5 && !t.ends_with([',', ';', '-'])
}

/// A heading in title case: up to ten words, each of four letters or more
/// capitalised ("Introduction of Director Saito and Campus Programs", "Public
/// Testimony – Kotzebue"), no closing punctuation, no finite verb, not
/// ending on a word that leads into more.
pub(crate) fn is_title_line(t: &str, lexicon: &SentenceWords) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let title_case = words.iter().all(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters < 4 || w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
    });
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    (1..=10).contains(&words.len())
        && title_case
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', ':', '-', '–', '(', ')'])
        && !words
            .iter()
            .any(|w| lexicon.finite_verbs.contains(&w.to_lowercase()))
        && !lexicon.leading_on.contains(&last)
}

/// Appends a continuation line, undoing hyphenation at the line break.
fn join(p: &mut Span, next: &Span, words: &SentenceWords) {
    let next_first = next.text.chars().next().unwrap_or(' ');
    if p.text.ends_with('-') && p.text[..p.text.len() - 1].ends_with(|c: char| c.is_alphabetic()) {
        // Past the last char that is no letter, however many bytes it takes.
        let head = &p.text[..p.text.len() - 1];
        let word_start = head
            .char_indices()
            .rfind(|(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = p.text[word_start..p.text.len() - 1].to_lowercase();
        if next_first.is_lowercase() && !words.hyphen_prefixes.contains(&word) {
            p.pop();
        }
    } else if !p.is_empty() {
        let at = p.end();
        p.push(' ', at);
    }
    for (c, at) in next.text.chars().zip(next.origins_from(0)) {
        p.push(c, at);
    }
}

/// Splits a paragraph at sentence ends, not at abbreviations or initials.
fn split_sentences(p: &Span, words: &SentenceWords) -> Vec<Span> {
    let chars: Vec<(usize, char)> = p.text.char_indices().collect();
    let mut out = Vec::new();
    let mut from = 0;
    for (k, &(byte, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        let after = chars.get(k + 2).map(|&(_, c)| c);
        if next != ' '
            || !after
                .is_some_and(|a| a.is_uppercase() || a.is_ascii_digit() || a == '"' || a == '(')
        {
            continue;
        }
        if c == '.' {
            let word_start = p.text[..byte].rfind([' ', '(']).map_or(0, |i| i + 1);
            let word = p.text[word_start..byte].to_lowercase();
            // "R. Doise", "K.A. Hampe": initials end no sentence.
            let initials = crate::words::names::is_initials(&word, true);
            if words.abbreviations.contains(&word) || initials {
                continue;
            }
        }
        out.push(sub(p, from, byte + c.len_utf8()));
        from = byte + c.len_utf8() + 1;
    }
    if from < p.text.len() {
        out.push(sub(p, from, p.text.len()));
    }
    out.retain(|s| !s.is_empty());
    out
}

fn sub(p: &Span, from: usize, to: usize) -> Span {
    let skip = p.char_at_byte(from);
    let mut s = Span::default();
    for (c, at) in p.text[from..to].chars().zip(p.origins_from(skip)) {
        s.push(c, at);
    }
    s.trim_end();
    s
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_title_ending_in_a_meeting_number_is_no_page_number() {
        let raw = "Draft Minutes of ABC Meeting 143\nSan Jose\n\nPage 3 of 12\nReport of the Board 4 of 12\nFooter text page 7\n12\n4. Calendar 2015/2016";
        let t = Text::new(raw);
        let lines: Vec<&str> = t.lines.iter().map(|l| l.text()).collect();
        assert_eq!(
            lines,
            [
                "Draft Minutes of ABC Meeting 143",
                "San Jose",
                "",
                "",
                "",
                "",
                "",
                "4. Calendar 2015/2016"
            ]
        );
    }

    #[test]
    fn a_quoted_blank_line_is_blank() {
        let t = Text::new("> Contents\n>\n> 1. Welcome\n>\n>> Ann: hello");
        let lines: Vec<&str> = t.lines.iter().map(|l| l.text()).collect();
        assert_eq!(lines, ["Contents", "", "1. Welcome", "", ">> Ann: hello"]);
    }

    #[test]
    fn a_catalogue_label_glued_to_its_value_is_set_apart() {
        let raw = "RefNoCMO/74/1\nTitleMinutes of a meeting of Council\nDate6 October 1988\n\
                   DescriptionPresent: Ann Lee\nTitles of works\nDated 5 May";
        let t = Text::new(raw);
        let lines: Vec<&str> = t.lines.iter().map(|l| l.text()).collect();
        assert_eq!(
            lines,
            [
                "RefNo: CMO/74/1",
                "Title: Minutes of a meeting of Council",
                "Date: 6 October 1988",
                "Description: Present: Ann Lee",
                "Titles of works",
                "Dated 5 May"
            ]
        );
        // The value still points at the file: "Minutes" is where it was.
        let title = &t.lines[1].span;
        let at = title.text().find("Minutes").unwrap_or_default();
        let (start, _) = title.origin(at..at + "Minutes".len());
        assert_eq!(&raw[start..start + 7], "Minutes");
    }

    use super::*;

    #[test]
    fn an_initial_glued_to_its_surname_is_set_apart() {
        let t = Text::new(
            "Present: L.Thiele, General Counsel; U.S.A. delegation; J.R.R. Tolkien; e.g.Smith",
        );
        assert_eq!(
            t.lines[0].text(),
            "Present: L. Thiele, General Counsel; U.S.A. delegation; J.R.R. Tolkien; e.g.Smith"
        );
        // The space put in stands where the full stop was.
        let at = t.lines[0].text().find("Thiele").expect("the surname");
        assert_eq!(t.lines[0].span.origin(at..at + 6), (11, 17));
    }

    #[test]
    fn markdown_is_removed_and_offsets_kept() {
        let raw = "## **Agenda**\n1. [WSIS+20 action plan](#)\nfile\\_name";
        let t = Text::new(raw);
        assert_eq!(t.lines[0].text(), "Agenda");
        assert!(t.lines[0].emphasised);
        assert_eq!(t.lines[1].text(), "1. WSIS+20 action plan");
        assert_eq!(t.lines[2].text(), "file_name");
        let chars: Vec<char> = raw.chars().collect();
        let s = &t.lines[1].span;
        let (a, b) = s.origin(3..7);
        assert_eq!(chars[a..b].iter().collect::<String>(), "WSIS");
    }

    #[test]
    fn a_handles_leading_underscore_is_kept_where_no_underscore_closes_it() {
        let t = Text::new("Présents : huats, mr_pouit, effraie, _Enchained\n_Note_ and _this_\n");
        assert_eq!(
            t.lines[0].text(),
            "Présents : huats, mr_pouit, effraie, _Enchained"
        );
        assert_eq!(t.lines[1].text(), "Note and this");
    }

    #[test]
    fn a_wiki_diff_views_plus_margin_is_no_part_of_the_record() {
        let raw = "Ligne 1: Ligne 1:\n +====== Réunion ======\n +\n +Présents :\n +huats, Ju\n  \n +=== Bilan ===\n";
        let t = Text::new(raw);
        let lines: Vec<&str> = t.lines.iter().map(Line::text).collect();
        assert_eq!(
            lines,
            [
                "Ligne 1: Ligne 1:",
                "====== Réunion ======",
                "",
                "Présents :",
                "huats, Ju",
                "",
                "=== Bilan ==="
            ]
        );
        // Offsets still point into the file, past the margin.
        let l = &t.lines[3];
        let (a, _) = l.span.origin(0..l.text().len());
        assert_eq!(raw.chars().skip(a).take(9).collect::<String>(), "Présents ");
    }

    #[test]
    fn a_drawn_rule_is_kept_and_emphasis_is_not() {
        let t = Text::new("Ana Silva ________ Memorandum\n__Notes__ and ***this***\nline");
        assert_eq!(t.lines[0].text(), "Ana Silva ________ Memorandum");
        assert_eq!(t.lines[1].text(), "Notes and this");
        // A run of a million underscores is judged in linear time.
        let long = format!("A {} B", "_".repeat(1_000_000));
        assert_eq!(Text::new(&long).lines[0].text().len(), long.len());
    }

    #[test]
    fn chat_log_flattened_to_one_line_gets_a_line_per_turn() {
        let raw = "Log: 20:00 <@solar> hi all 20:01 * ulm is here 20:02 -!- Topic set by x\nNext";
        let t = Text::new(raw);
        let texts: Vec<&str> = t.lines.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            [
                "Log:",
                "20:00 <@solar> hi all",
                "20:01 * ulm is here",
                "20:02 -!- Topic set by x",
                "Next"
            ]
        );
        assert!(t.lines.iter().enumerate().all(|(i, l)| l.number == i));
        let chars: Vec<char> = raw.chars().collect();
        let s = &t.lines[2].span;
        let at: String = chars[s.start()..s.end()].iter().collect();
        assert_eq!(at, "20:01 * ulm is here");
        // Two time stamps in prose are no log.
        assert_eq!(Text::new("From 10:00 <a> to 11:00 <b> x").lines.len(), 1);
    }

    #[test]
    fn pdf_lines_join_into_sentences() {
        let raw = "The meeting was moderated by Chris\nBuckridge. It was multi-\nstakeholder and well-\nattended by every-\none.\n\nPage 2 of 3\n\nMark said yes.";
        let t = Text::new(raw);
        let texts: Vec<&str> = t.sentences.iter().map(Sentence::text).collect();
        assert_eq!(
            texts,
            [
                "The meeting was moderated by Chris Buckridge.",
                "It was multi-stakeholder and well-attended by everyone.",
                "Mark said yes."
            ]
        );
        let s = &t.sentences[0].span;
        let chars: Vec<char> = raw.chars().collect();
        assert_eq!(
            chars[s.start()..s.end()].iter().collect::<String>(),
            "The meeting was moderated by Chris\nBuckridge."
        );
    }

    #[test]
    fn a_title_case_line_between_sentences_is_a_heading_without_blank_lines() {
        let t = Text::new(
            "The minutes were approved as presented.\nIntroduction of Director Saito and Campus Programs\n\
             Lincoln Saito, director of the campus, welcomed the Board of Regents to\n\
             Kotzebue And Nome For The Week\nof the meeting.",
        );
        let texts: Vec<&str> = t.sentences.iter().map(Sentence::text).collect();
        assert_eq!(
            texts,
            [
                "The minutes were approved as presented.",
                "Introduction of Director Saito and Campus Programs",
                // Mid-sentence, a title-case line is no heading.
                "Lincoln Saito, director of the campus, welcomed the Board of Regents to \
                 Kotzebue And Nome For The Week of the meeting.",
            ]
        );
    }

    #[test]
    fn a_title_case_line_after_a_short_list_line_is_a_heading() {
        let t = Text::new("Mary K. Hughes, Chair\nBrian D. Rogers\nCall to Order\nChair Hughes called the meeting to order.");
        let texts: Vec<&str> = t.sentences.iter().map(Sentence::text).collect();
        assert_eq!(
            texts.last().copied(),
            Some("Chair Hughes called the meeting to order.")
        );
    }

    #[test]
    fn a_plain_heading_is_not_joined_to_its_paragraph() {
        let t = Text::new("Notes\nAna welcomed everyone.\n\nAction items\n- Ana to write.\n\nIt was agreed that\nBen would chair.");
        let texts: Vec<&str> = t.sentences.iter().map(Sentence::text).collect();
        assert_eq!(
            texts,
            [
                "Notes",
                "Ana welcomed everyone.",
                "Action items",
                "Ana to write.",
                "It was agreed that Ben would chair."
            ]
        );
    }

    #[test]
    fn a_short_field_line_is_no_part_of_the_capitalised_line_under_it() {
        let raw = "Remote moderator: Lena Berg\nDraft agenda of the meeting\nPresent: Ana Silva, Ben Ode,\nCarla Diaz and Dan Ruiz\n";
        let t = Text::new(raw);
        let texts: Vec<&str> = t.sentences.iter().map(Sentence::text).collect();
        assert_eq!(
            texts,
            [
                "Remote moderator: Lena Berg",
                "Draft agenda of the meeting",
                // A value cut at a comma goes on.
                "Present: Ana Silva, Ben Ode, Carla Diaz and Dan Ruiz"
            ]
        );
    }

    #[test]
    fn aligned_tables_become_pipe_rows_and_fields_stay_apart() {
        let raw = "Co-chairs: Ana Silva and Ben Ode\nRapporteur: Carla Diaz\n\nAna Silva     ICANN      Co-chair\nBen Ode\tISOC\tCo-chair\nCarla Diaz  ITU\n\nSummary    of the call\n";
        let t = Text::new(raw);
        let lines: Vec<&str> = t.lines.iter().map(Line::text).collect();
        assert_eq!(lines[3], "| Ana Silva | ICANN | Co-chair |");
        assert_eq!(lines[4], "| Ben Ode | ISOC | Co-chair |");
        assert_eq!(lines[5], "| Carla Diaz | ITU |");
        // A lone line with a gap is no table.
        assert_eq!(lines[7], "Summary of the call");
        let texts: Vec<&str> = t.sentences.iter().map(Sentence::text).collect();
        assert_eq!(
            texts[..2],
            ["Co-chairs: Ana Silva and Ben Ode", "Rapporteur: Carla Diaz"]
        );
        // The pipes point back at the report.
        let row = &t.lines[3].span;
        assert_eq!(
            &raw[row.start()..row.end()],
            "Ana Silva     ICANN      Co-chair"
        );
    }

    #[test]
    fn tables_flattened_one_cell_a_line_become_rows_at_their_marks() {
        let raw = "Present were:\nPresent |\nDirector |\nOrganization |\nYes |\nAna Silva |\nICANN |\nNo |\nBen Ode |\nYes |\nCarla Diaz |\nITU |\n\nThe chair opened the call.\n";
        let t = Text::new(raw);
        let lines: Vec<&str> = t.lines.iter().map(Line::text).collect();
        assert_eq!(lines[1], "| Present | Director | Organization |");
        assert_eq!(lines[4], "| Yes | Ana Silva | ICANN |");
        // The row that lost its empty cell ends where the next row opens.
        assert_eq!(lines[7], "| No | Ben Ode |");
        assert_eq!(lines[9], "| Yes | Carla Diaz | ITU |");
        assert!(lines[5].is_empty() && lines[8].is_empty());
        // Each cell points back at the report.
        let row = &t.lines[4].span;
        let (a, b) = row.origin(8..17);
        assert_eq!(&raw[a..b], "Ana Silva");
        // Cells a line without a presence column are left as they are.
        let t = Text::new("Name |\nOrganization |\nAna Silva |\nICANN |\n");
        assert_eq!(t.lines[2].text(), "Ana Silva |");
    }

    #[test]
    fn link_numbers_of_text_browsers_go() {
        let t = Text::new("the [3]IGF Secretariat and the [6]Kenya IGF; see [12].");
        assert_eq!(
            t.lines[0].text(),
            "the IGF Secretariat and the Kenya IGF; see ."
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = Text::new("Mr. Masango met Herman P. Smith at 1 p.m. UTC. Then it ended.");
        assert_eq!(t.sentences.len(), 2);
    }

    #[test]
    fn blank_line_inside_sentence_is_joined() {
        let t = Text::new(
            "She said that the GDC focus on principles\n\nand that treaties would not help.",
        );
        assert_eq!(t.sentences.len(), 1);
    }

    /// `origin` counted a span's chars from its start on every call, so
    /// the names of a list flattened onto one line of megabytes each cost the
    /// line (issue 25); the char index must give what counting gave, across
    /// its marks and in multi-byte text.
    #[test]
    fn the_char_index_agrees_with_counting_chars() {
        let raw = "Ana Müller, Łukasz Żak, 陳大文 and Zoë Brontë; ".repeat(20);
        // ASCII (a char's index is its byte's) and not.
        for raw in [raw.as_str(), "Ana Lee, Bo Chen and Zoe Bronte; "] {
            let t = Text::new(&raw.repeat(20));
            let span = &t.lines[0].span;
            let text = span.text();
            assert!(span.char_len() > 3 * MARK_EVERY);
            for (byte, _) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                let counted = text[..byte].chars().count();
                assert_eq!(span.char_at_byte(byte), counted, "at byte {byte}");
                assert_eq!(span.byte_of_char(counted), byte);
            }
            assert_eq!(span.char_at_byte(text.len() + 5), span.char_len());
            assert_eq!(span.byte_of_char(span.char_len() + 5), text.len());
        }
        let t = Text::new(&raw);
        let span = &t.lines[0].span;
        let text = span.text();
        let chars: Vec<char> = raw.chars().collect();
        let at = text.rfind("Zoë").unwrap_or(0);
        let (a, b) = span.origin(at..at + "Zoë".len());
        assert_eq!(chars[a..b].iter().collect::<String>(), "Zoë");
    }

    /// The char index follows what cleaning takes off a span: a block
    /// quote's marker at the start, trailing spaces, a hyphen at a line break.
    #[test]
    fn the_char_index_follows_what_cleaning_removes() {
        let raw = format!(
            "> {}every-\none was there and well-\nattended.   ",
            "Überblick ".repeat(13)
        );
        let t = Text::new(&raw);
        for span in t
            .lines
            .iter()
            .map(|l| &l.span)
            .chain(t.sentences.iter().map(|s| &s.span))
        {
            let text = span.text();
            for (byte, _) in text.char_indices() {
                assert_eq!(span.char_at_byte(byte), text[..byte].chars().count());
            }
            assert_eq!(span.char_len(), text.chars().count());
        }
        assert!(t.sentences[0]
            .text()
            .ends_with("everyone was there and well-attended."));
    }

    #[test]
    fn crlf_and_form_feed_keep_offsets() {
        let raw = "A line.\r\n\u{c}Next line.";
        let t = Text::new(raw);
        let chars: Vec<char> = raw.chars().collect();
        let s = &t.sentences[1].span;
        assert_eq!(
            chars[s.start()..s.end()].iter().collect::<String>(),
            "Next line."
        );
    }
}
