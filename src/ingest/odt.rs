//! OpenDocument text (ODT, LibreOffice's own format): the body's text, with
//! headings, list items and table rows kept as lines.
//!
//! Rationale: what [`super::docx`] does for Word, for the public bodies that
//! write in LibreOffice. Headings are `<text:h>` with their outline level;
//! lists are numbered as their list style says (number format, prefix and
//! suffix, counted per list) or bulleted "-". Left out: page headers and
//! footers (in `styles.xml`), footnotes, annotations and tracked changes.

use super::docx::numeral;
use super::layout::{Block, Layout};
use super::package::Package;
use super::xml::{attr, walk, Step};
use super::IngestError;
use std::collections::HashMap;

const CONTENT: &str = "content.xml";
const STYLES: &str = "styles.xml";

/// Elements whose content is not the document's text.
const SKIPPED: &[&[u8]] = &[
    b"tracked-changes",
    b"annotation",
    b"note",
    b"title",
    b"desc",
];

/// The text of the ODT `package`.
///
/// # Errors
/// [`IngestError::Xml`], [`IngestError::BadZip`] or
/// [`IngestError::UnpackedTooLarge`] for its parts.
pub fn text(package: &mut Package<'_>) -> Result<String, IngestError> {
    let mut body = Body::default();
    if let Some(xml) = package.optional_part(STYLES)? {
        walk(package, STYLES, &xml, |step| body.styles_step(&step))?;
    }
    let xml = package.part(CONTENT)?;
    walk(package, CONTENT, &xml, |step| body.step(step))?;
    Ok(body.layout.finish())
}

/// How one level of a list style numbers its items; `None` for bullets.
#[derive(Debug, Clone, Default)]
struct Numbered {
    format: String,
    prefix: String,
    suffix: String,
    start: u32,
}

/// A list open in the body: its style and the number of its last item.
#[derive(Debug, Default)]
struct List {
    style: Option<String>,
    count: u32,
}

/// A paragraph or heading being read.
#[derive(Debug)]
struct Paragraph {
    block: Block,
    text: String,
}

#[derive(Debug, Default)]
struct Body {
    /// List styles by name, then level (1-based).
    list_styles: HashMap<String, HashMap<usize, Option<Numbered>>>,
    /// The list style being read.
    style: Option<String>,
    layout: Layout,
    paragraphs: Vec<Paragraph>,
    lists: Vec<List>,
    /// A list item opened whose first paragraph is still to come.
    item_open: bool,
    /// Inside `<office:text>`, the body.
    in_body: bool,
    skip: usize,
}

impl Body {
    /// Reads the list styles (of `styles.xml`, and those at the head of
    /// `content.xml`).
    fn styles_step(&mut self, step: &Step<'_, '_>) {
        match step {
            Step::Start(e) => match e.local_name().as_ref() {
                b"list-style" => self.style = attr(e, b"name"),
                name @ (b"list-level-style-number" | b"list-level-style-bullet") => {
                    let Some(style) = &self.style else {
                        return;
                    };
                    let level = attr(e, b"level").and_then(|l| l.parse().ok()).unwrap_or(1);
                    let numbered = (name == b"list-level-style-number").then(|| Numbered {
                        format: attr(e, b"num-format").unwrap_or_default(),
                        prefix: attr(e, b"num-prefix").unwrap_or_default(),
                        suffix: attr(e, b"num-suffix").unwrap_or_default(),
                        start: attr(e, b"start-value")
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(1),
                    });
                    self.list_styles
                        .entry(style.clone())
                        .or_default()
                        .insert(level, numbered);
                }
                _ => {}
            },
            Step::End(b"list-style") => self.style = None,
            _ => {}
        }
    }

    fn step(&mut self, step: Step<'_, '_>) {
        if !self.in_body {
            self.styles_step(&step);
        }
        match step {
            Step::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if self.skip > 0 || (self.in_body && SKIPPED.contains(&name)) {
                    self.skip += 1;
                } else {
                    self.start(name, e);
                }
            }
            Step::End(name) => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else {
                    self.end(name);
                }
            }
            Step::Text(t) => {
                if self.skip == 0 {
                    self.push(&t);
                }
            }
        }
    }

    fn push(&mut self, s: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            p.text.push_str(s);
        }
    }

    fn start(&mut self, name: &[u8], e: &quick_xml::events::BytesStart<'_>) {
        if name == b"text" {
            self.in_body = true;
        }
        if !self.in_body {
            return;
        }
        match name {
            b"p" | b"h" => {
                let block = if name == b"h" {
                    let level = attr(e, b"outline-level").and_then(|l| l.parse().ok());
                    Block::Heading(level.unwrap_or(1))
                } else if std::mem::take(&mut self.item_open) {
                    self.item()
                } else {
                    Block::Paragraph
                };
                self.paragraphs.push(Paragraph {
                    block,
                    text: String::new(),
                });
            }
            b"s" => {
                let n = attr(e, b"c").and_then(|c| c.parse().ok()).unwrap_or(1);
                self.push(&" ".repeat(n));
            }
            b"tab" => self.push("\t"),
            b"line-break" => self.push("\n"),
            b"list" => {
                if self.lists.is_empty() {
                    self.layout.list_start();
                }
                let style = attr(e, b"style-name")
                    .or_else(|| self.lists.last().and_then(|l| l.style.clone()));
                self.lists.push(List { style, count: 0 });
            }
            b"list-item" => self.item_open = true,
            b"table" => self.layout.table_start(),
            b"table-row" => self.layout.row_start(),
            b"table-cell" => self.layout.cell_start(),
            _ => {}
        }
    }

    /// The block of a list item's first paragraph: its marker counted.
    fn item(&mut self) -> Block {
        let depth = self.lists.len().saturating_sub(1);
        let Some(list) = self.lists.last_mut() else {
            return Block::Paragraph;
        };
        let level = list
            .style
            .as_ref()
            .and_then(|s| self.list_styles.get(s))
            .and_then(|levels| levels.get(&(depth + 1)));
        let marker = match level {
            Some(Some(n)) if !n.format.is_empty() => {
                list.count = if list.count == 0 {
                    n.start.max(1)
                } else {
                    list.count + 1
                };
                let format = match n.format.as_str() {
                    "a" => "lowerLetter",
                    "A" => "upperLetter",
                    "i" => "lowerRoman",
                    "I" => "upperRoman",
                    _ => "decimal",
                };
                format!("{}{}{}", n.prefix, numeral(list.count, format), n.suffix)
            }
            _ => "-".to_owned(),
        };
        Block::Item { depth, marker }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"text" => self.in_body = false,
            b"p" | b"h" => {
                if let Some(p) = self.paragraphs.pop() {
                    self.layout.block(&p.block, &p.text);
                }
            }
            b"list" => {
                self.lists.pop();
            }
            b"list-item" => self.item_open = false,
            b"table-cell" => self.layout.cell_end(),
            b"table-row" => self.layout.row_end(),
            b"table" => self.layout.table_end(),
            _ => {}
        }
    }
}
