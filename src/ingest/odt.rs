//! OpenDocument text (ODT, LibreOffice's own format): the body's text, with
//! headings, list items and table rows kept as lines.
//!
//! Rationale: what [`super::docx`] does for Word, for the public bodies that
//! write in LibreOffice. Headings are `<text:h>` with their outline level;
//! lists are numbered as their list style says (number format, prefix and
//! suffix) or bulleted "-", counted per level as Writer shows them: a list
//! may go on with the numbers of an earlier one (`text:continue-list`, or
//! `text:continue-numbering`), as LibreOffice writes a list broken by a
//! sub-list of another style, and an item may set its number
//! (`text:start-value`). Left out: page headers and footers (in
//! `styles.xml`), footnotes, annotations and tracked changes.

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

/// A list open in the body: its style.
#[derive(Debug, Default)]
struct List {
    style: Option<String>,
}

/// The numbers of a list at the top of the body, nested lists with it: the
/// number of the last item at each level, 0 for none yet.
type Counts = Vec<u32>;

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
    /// The numbers of the list open at the top, and its `xml:id`.
    counts: Counts,
    top_id: Option<String>,
    /// The numbers of the lists at the top that ended, by `xml:id`, for a
    /// list that goes on with one; and of the last of them.
    ended: HashMap<String, Counts>,
    last_ended: Option<Counts>,
    /// A list at the top started that is not the one before it going on:
    /// its first item at the top starts a new list in the layout.
    new_list: bool,
    /// A list item opened whose first paragraph is still to come, and the
    /// number it sets, if it does.
    item_open: bool,
    item_start: Option<u32>,
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
                let style = attr(e, b"style-name")
                    .or_else(|| self.lists.last().and_then(|l| l.style.clone()));
                if self.lists.is_empty() {
                    self.top_list_start(e);
                }
                self.lists.push(List { style });
            }
            b"list-item" => {
                self.item_open = true;
                self.item_start = attr(e, b"start-value").and_then(|v| v.parse().ok());
            }
            b"table" => self.layout.table_start(),
            b"table-row" => self.layout.row_start(),
            b"table-cell" => self.layout.cell_start(),
            _ => {}
        }
    }

    /// A list at the top of the body starts, of list style `style`: its
    /// numbers are those of the list it goes on with, if it names one
    /// (`text:continue-list`, by `xml:id`) or continues the one before it
    /// (`text:continue-numbering`), else none yet.
    fn top_list_start(&mut self, e: &quick_xml::events::BytesStart<'_>) {
        let continued = match attr(e, b"continue-list") {
            Some(id) => self.ended.get(&id).cloned(),
            None if attr(e, b"continue-numbering").as_deref() == Some("true") => {
                self.last_ended.clone()
            }
            None => None,
        };
        self.new_list = continued.is_none();
        self.counts = continued.unwrap_or_default();
        self.top_id = attr(e, b"id");
    }

    /// The block of a list item's first paragraph: its marker counted.
    fn item(&mut self) -> Block {
        let depth = self.lists.len().saturating_sub(1);
        // A list that opens deeper than its top hangs under the item
        // before it, as the list it goes on with.
        if std::mem::take(&mut self.new_list) && depth == 0 {
            self.layout.list_start();
        }
        let Some(list) = self.lists.last() else {
            return Block::Paragraph;
        };
        let level = list
            .style
            .as_ref()
            .and_then(|s| self.list_styles.get(s))
            .and_then(|levels| levels.get(&(depth + 1)));
        let levels = &mut self.counts;
        if levels.len() <= depth {
            levels.resize(depth + 1, 0);
        }
        // A level restarts under each new item above it.
        levels.truncate(depth + 1);
        let set = self.item_start.take();
        let marker = match level {
            Some(Some(n)) if !n.format.is_empty() => {
                let count = &mut levels[depth];
                *count = match set {
                    Some(start) => start,
                    None if *count == 0 => n.start.max(1),
                    None => *count + 1,
                };
                let format = match n.format.as_str() {
                    "a" => "lowerLetter",
                    "A" => "upperLetter",
                    "i" => "lowerRoman",
                    "I" => "upperRoman",
                    _ => "decimal",
                };
                format!("{}{}{}", n.prefix, numeral(*count, format), n.suffix)
            }
            _ => "-".to_owned(),
        };
        Block::Item { depth, marker }
    }

    /// The list at the top ends: its numbers kept for a list that goes on
    /// with it.
    fn top_list_end(&mut self) {
        let counts = std::mem::take(&mut self.counts);
        if let Some(id) = self.top_id.take() {
            self.ended.insert(id, counts.clone());
        }
        self.last_ended = Some(counts);
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
                if self.lists.is_empty() {
                    self.top_list_end();
                }
            }
            b"list-item" => self.item_open = false,
            b"table-cell" => self.layout.cell_end(),
            b"table-row" => self.layout.row_end(),
            b"table" => self.layout.table_end(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::Path;

    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xml="http://www.w3.org/XML/1998/namespace""#;

    /// Two list styles as LibreOffice writes a Word file's: "N" numbers
    /// its first level "1." and its second "a."; "B" bullets both.
    const LIST_STYLES: &str = r#"<text:list-style style:name="N"><text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/><text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="a"/></text:list-style><text:list-style style:name="B"><text:list-level-style-bullet text:level="1" text:bullet-char="•"/><text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>"#;

    /// The text of an ODT whose body (`<office:text>`) is `body`, with
    /// [`LIST_STYLES`].
    fn text_of_body(body: &str) -> Result<String, IngestError> {
        let content = format!(
            r#"<office:document-content {NS}><office:automatic-styles>{LIST_STYLES}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let written = zip
            .start_file("mimetype", options)
            .and_then(|()| Ok(zip.write_all(b"application/vnd.oasis.opendocument.text")?))
            .and_then(|()| zip.start_file(CONTENT, options))
            .and_then(|()| Ok(zip.write_all(content.as_bytes())?))
            .and_then(|()| zip.finish());
        let bytes = written.map_err(|source| IngestError::BadZip {
            path: "t.odt".into(),
            source,
        })?;
        super::super::office::text(bytes.get_ref(), Path::new("t.odt"))
    }

    fn items(texts: &[&str]) -> String {
        texts
            .iter()
            .map(|t| format!("<text:list-item><text:p>{t}</text:p></text:list-item>"))
            .collect()
    }

    /// LibreOffice writes a numbered list with a sub-list of another style
    /// (a Word file's bullets under "1.") as three lists: the first items,
    /// the sub-list in a list of its own, and the rest, which names the
    /// first (`text:continue-list`) and goes on with its numbers.
    #[test]
    fn a_list_that_continues_an_earlier_one_goes_on_with_its_numbers() -> Result<(), IngestError> {
        let body = format!(
            r#"<text:h text:outline-level="2">Agenda</text:h><text:list xml:id="list1" text:style-name="N"><text:list-item text:start-value="1"><text:p>IGF involvement</text:p></text:list-item></text:list><text:list text:style-name="B"><text:list-item><text:list>{}</text:list></text:list-item></text:list><text:list xml:id="list2" text:continue-list="list1" text:style-name="N">{}</text:list><text:p>Notes</text:p><text:list text:continue-list="list2" text:style-name="N">{}</text:list>"#,
            items(&["Virtual meeting", "Follow up"]),
            items(&["WSIS+20 action plan", "AoB"]),
            items(&["Next meeting"]),
        );
        assert_eq!(
            text_of_body(&body)?,
            "## Agenda\n\n1. IGF involvement\n  - Virtual meeting\n  - Follow up\n2. WSIS+20 action plan\n3. AoB\n\nNotes\n\n4. Next meeting\n"
        );
        Ok(())
    }

    /// `text:continue-numbering` goes on with the list before; an item's
    /// `text:start-value` sets its number; a list of its own starts at 1.
    #[test]
    fn continued_numbering_and_an_items_start_value_number_as_writer_shows(
    ) -> Result<(), IngestError> {
        let body = format!(
            r#"<text:list text:style-name="N">{}</text:list><text:p>Then:</text:p><text:list text:continue-numbering="true" text:style-name="N">{}<text:list-item text:start-value="7"><text:p>Budget</text:p></text:list-item>{}</text:list><text:list text:style-name="N">{}</text:list>"#,
            items(&["Welcome"]),
            items(&["Minutes"]),
            items(&["Outreach"]),
            items(&["Again"]),
        );
        assert_eq!(
            text_of_body(&body)?,
            "1. Welcome\n\nThen:\n\n2. Minutes\n7. Budget\n8. Outreach\n\n1. Again\n"
        );
        Ok(())
    }
}
