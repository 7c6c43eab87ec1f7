//! The plain text a structured reader writes: the shape of a Markdown report.
//!
//! Rationale: the extraction already reads reports converted from Word to
//! Markdown: "## Agenda" headings, "1." and "-" list items, "| a | b |" table
//! rows, paragraphs between blank lines. So DOCX, ODT and HTML readers write
//! exactly that, and nothing downstream learns a new format. Each block is one
//! line (a line break inside a paragraph stays one); runs of blocks of one kind
//! (list items, table rows, and paragraphs typed line by line: fields such as
//! "Date: …" and rows aligned in columns) sit on consecutive lines, as a text
//! has them; other blocks, and two lists one after the other, are separated
//! by a blank line.

/// One block of a document, as a reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph,
    /// A paragraph all in bold: written "**text**", as Markdown saved from
    /// Word has it, which the extraction takes as a hint of a heading.
    Bold,
    /// A heading of level 1 (the title) to 6.
    Heading(usize),
    /// A list item `depth` lists deep (0 for a top-level list), with its
    /// marker: "-" for a bullet, "1." or "a)" when the list is numbered.
    Item {
        depth: usize,
        marker: String,
    },
}

/// The table being read: its rows, the row and the cell open.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    /// The blocks of the open cell, already on one line each.
    cell: Option<Vec<String>>,
}

/// Plain text written block by block.
#[derive(Debug, Default)]
pub struct Layout {
    out: String,
    /// Whether the last line written was a list item or a table row (the
    /// next of the same kind follows without a blank line).
    last: Option<Kind>,
    /// Tables open, innermost last: a table inside a cell becomes that cell's text.
    tables: Vec<Table>,
    /// Lines written so far (blank ones too).
    lines: usize,
    /// A new list has started: its first item is set apart from the items
    /// of a list just before it.
    new_list: bool,
    /// The number of the last top-level item written, while items follow.
    last_number: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Item,
    Row,
    /// A paragraph that is one row of a block typed line by line: a line in
    /// columns (a roll aligned with tabs or spaces, the rows of a table
    /// typed without one) or a field ("Chair: Ana Silva", a mail's "From:").
    Line,
}

impl Layout {
    /// Writes one block; its text is trimmed, and left out when empty.
    pub fn block(&mut self, block: &Block, text: &str) {
        let lines: Vec<&str> = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            cell.push(lines.join(" "));
            return;
        }
        match block {
            Block::Paragraph if lines.iter().all(|l| is_typed_row(l)) => {
                self.write(Kind::Line, &lines.join("\n"))
            }
            Block::Paragraph => self.write(Kind::Paragraph, &lines.join("\n")),
            Block::Bold => self.write(Kind::Paragraph, &format!("**{}**", lines.join(" "))),
            Block::Heading(level) => {
                let marks = "#".repeat((*level).clamp(1, 6));
                self.write(Kind::Paragraph, &format!("{marks} {}", lines.join(" ")));
            }
            Block::Item { depth, marker } => {
                // Numbering that starts again ("1." after "4.") starts a new
                // list, whatever the document says of its lists (a PDF
                // says nothing).
                let number = marker.strip_suffix(['.', ')']).and_then(|n| n.parse().ok());
                if *depth == 0 {
                    if number.is_some_and(|n: u32| self.last_number.is_some_and(|m| n <= m)) {
                        self.new_list = true;
                    }
                    self.last_number = number;
                }
                let indent = "  ".repeat(*depth);
                self.write(Kind::Item, &format!("{indent}{marker} {}", lines.join(" ")));
            }
        }
    }

    /// A list starts: a blank line parts it from a list that ends just
    /// before it, as two lists are parted in a text ("1." again after "4.").
    pub fn list_start(&mut self) {
        self.new_list = true;
    }

    fn write(&mut self, kind: Kind, line: &str) {
        let new_list = std::mem::take(&mut self.new_list) && kind == Kind::Item;
        if kind != Kind::Item {
            self.last_number = None;
        }
        if self.last.is_some() && (self.last != Some(kind) || kind == Kind::Paragraph || new_list) {
            self.out.push('\n');
            self.lines += 1;
        }
        self.out.push_str(line);
        self.out.push('\n');
        self.lines += line.matches('\n').count() + 1;
        self.last = Some(kind);
    }

    /// A table starts (inside the open cell, if one is).
    pub fn table_start(&mut self) {
        self.tables.push(Table::default());
    }

    /// A row of the open table starts.
    pub fn row_start(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.row.clear();
        }
    }

    /// A cell of the open row starts: blocks go into it until it ends.
    pub fn cell_start(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.cell = Some(Vec::new());
        }
    }

    /// The open cell ends: its blocks, joined, are its text.
    pub fn cell_end(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            if let Some(blocks) = t.cell.take() {
                t.row.push(cell_text(&blocks));
            }
        }
    }

    /// The open row ends.
    pub fn row_end(&mut self) {
        self.cell_end();
        if let Some(t) = self.tables.last_mut() {
            let row = std::mem::take(&mut t.row);
            if row.iter().any(|c| !c.is_empty()) {
                t.rows.push(row);
            }
        }
    }

    /// The open table ends and is written: one "| a | b |" line a row, or,
    /// for a table of one column (a frame around text, as Word and web
    /// pages use them for layout), its cells as paragraphs.
    pub fn table_end(&mut self) {
        self.row_end();
        let Some(table) = self.tables.pop() else {
            return;
        };
        let one_column = table
            .rows
            .iter()
            .all(|r| r.iter().filter(|c| !c.is_empty()).count() <= 1);
        for row in table.rows {
            if one_column {
                for cell in row.iter().filter(|c| !c.is_empty()) {
                    self.block(&Block::Paragraph, cell);
                }
            } else if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.push(row.join(" "));
            } else {
                let cells: Vec<String> = row.iter().map(|c| c.replace('|', "/")).collect();
                self.write(Kind::Row, &format!("| {} |", cells.join(" | ")));
            }
        }
    }

    /// How many lines are written so far, blank ones too (a reader that
    /// knows where each block came from, the PDF's page, counts on it).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// The text written, tables left open written too.
    pub fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.table_end();
        }
        self.out
    }
}

/// Whether a paragraph's line is a row of a block typed line by line, which
/// a text has on consecutive lines: laid out in columns (a tab, or a gap of
/// two spaces or more between words, but after a full stop, where some
/// typists put two), or a field: a label of a few words, a colon, a value
/// ("Date: 12 March 2024", "Attendees (6): …", a mail's "From: …").
fn is_typed_row(line: &str) -> bool {
    let columns = line.contains('\t')
        || line
            .match_indices("  ")
            .any(|(i, _)| !line[..i].ends_with(['.', '!', '?']));
    let field = line.split_once(": ").is_some_and(|(label, value)| {
        label.starts_with(|c: char| c.is_uppercase())
            && label.split_whitespace().count() <= MAX_LABEL_WORDS
            && !label.contains(['.', ',', ';', ':'])
            && !value.trim().is_empty()
    });
    columns || field
}

/// The most words a field's label has ("Date", "Next meeting date").
const MAX_LABEL_WORDS: usize = 4;

/// A cell's blocks on one line: a block that ends a sentence or a clause is
/// followed by a space, any other (a name in a list of names, one a line) by
/// "; ", so the names stay apart.
fn cell_text(blocks: &[String]) -> String {
    let mut text = String::new();
    for b in blocks {
        if !text.is_empty() {
            text.push_str(if text.ends_with(['.', ':', ';', ',', '!', '?']) {
                " "
            } else {
                "; "
            });
        }
        text.push_str(b);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_written_as_a_markdown_report_has_them() {
        let mut l = Layout::default();
        l.block(&Block::Heading(1), "Minutes");
        l.block(&Block::Bold, "Present");
        l.block(&Block::Paragraph, "  Date: 14 May 2024 ");
        l.block(&Block::Paragraph, "");
        for (marker, text) in [("1.", "Welcome"), ("2.", "Budget")] {
            let item = Block::Item {
                depth: 0,
                marker: marker.to_owned(),
            };
            l.block(&item, text);
        }
        let sub = Block::Item {
            depth: 1,
            marker: "-".to_owned(),
        };
        l.block(&sub, "Accounts");
        l.table_start();
        for row in [
            ["Name", "Organisation"],
            ["Ana Silva", "Harbour | Institute"],
        ] {
            l.row_start();
            for cell in row {
                l.cell_start();
                l.block(&Block::Paragraph, cell);
                l.cell_end();
            }
            l.row_end();
        }
        l.table_end();
        assert_eq!(
            l.finish(),
            "# Minutes\n\n**Present**\n\nDate: 14 May 2024\n\n1. Welcome\n2. Budget\n  - Accounts\n\n\
             | Name | Organisation |\n| Ana Silva | Harbour / Institute |\n"
        );
    }

    #[test]
    fn paragraphs_typed_in_columns_stay_on_consecutive_lines() {
        let mut l = Layout::default();
        l.block(&Block::Paragraph, "Participants");
        for row in [
            "Elena Petrova\tCouncil of Europe\tCo-chair",
            "Hiroshi Sato        Keio University",
        ] {
            l.block(&Block::Paragraph, row);
        }
        l.block(&Block::Paragraph, "The chair opened the call.  All agreed.");
        assert_eq!(
            l.finish(),
            "Participants\n\nElena Petrova\tCouncil of Europe\tCo-chair\n\
             Hiroshi Sato        Keio University\n\n\
             The chair opened the call.  All agreed.\n"
        );
    }

    #[test]
    fn field_paragraphs_stay_on_consecutive_lines_as_a_header() {
        let mut l = Layout::default();
        for p in [
            "From: Ines Moreau <ines@example.org>",
            "Date: Wed, 5 Feb 2025 09:47:12 -0300",
            "Dear colleagues, this is the summary: short.",
            "Chair: Ana Silva",
            "Regrets: Tomas Berg",
        ] {
            l.block(&Block::Paragraph, p);
        }
        assert_eq!(
            l.finish(),
            "From: Ines Moreau <ines@example.org>\nDate: Wed, 5 Feb 2025 09:47:12 -0300\n\n\
             Dear colleagues, this is the summary: short.\n\nChair: Ana Silva\nRegrets: Tomas Berg\n"
        );
    }

    #[test]
    fn a_list_after_a_list_is_set_apart() {
        let mut l = Layout::default();
        let item = |n: &str| Block::Item {
            depth: 0,
            marker: format!("{n}."),
        };
        l.list_start();
        l.block(&item("1"), "Ines Moreau");
        l.block(&item("2"), "Tomas Berg");
        l.list_start();
        l.block(&item("1"), "Budget");
        assert_eq!(l.finish(), "1. Ines Moreau\n2. Tomas Berg\n\n1. Budget\n");
    }

    #[test]
    fn numbering_that_starts_again_is_a_new_list() {
        // A PDF says nothing of its lists: "1." after "2." is the next one.
        let mut l = Layout::default();
        for (n, text) in [
            ("1.", "Ines Moreau"),
            ("2.", "Tomas Berg"),
            ("1.", "Budget"),
        ] {
            let item = Block::Item {
                depth: 0,
                marker: n.to_owned(),
            };
            l.block(&item, text);
        }
        assert_eq!(l.finish(), "1. Ines Moreau\n2. Tomas Berg\n\n1. Budget\n");
    }

    #[test]
    fn a_one_column_table_is_paragraphs_and_a_cell_keeps_names_apart() {
        let mut l = Layout::default();
        l.table_start();
        l.row_start();
        l.cell_start();
        l.block(&Block::Paragraph, "Present:");
        l.block(&Block::Paragraph, "Ana Silva");
        l.block(&Block::Paragraph, "Tomas Berg");
        l.row_end();
        l.table_end();
        assert_eq!(l.finish(), "Present: Ana Silva; Tomas Berg\n");
    }
}
