//! Word documents (DOCX, WordprocessingML): the body's text, with headings,
//! numbered and bulleted list items and table rows kept as lines.
//!
//! Rationale: minutes are written in Word more than anywhere else, and their
//! structure (a heading "Agenda", a numbered list under it, a table of those
//! present) is what the extraction reads. Headings come from the paragraph's
//! style ("heading 1" ... in `styles.xml`, whatever the style's id in the
//! user's language) or its outline level; a list item's list is the
//! paragraph's own or its style's ("List Number"), and its number is counted
//! from `numbering.xml` the way Word shows it for the common formats (1., a),
//! iv.); bullets become "-". Left out: page headers and footers, footnotes,
//! comments, deleted text of tracked changes, field codes, and the fallback
//! copy of a text box (its text is read once).

use super::layout::{Block, Layout};
use super::package::Package;
use super::xml::{attr, walk, Step};
use super::IngestError;
use std::collections::HashMap;

const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
const NUMBERING: &str = "word/numbering.xml";

/// Elements whose content is never the document's text: the fallback copy of
/// a drawing (Word writes text boxes twice) and the properties a tracked
/// change replaced.
const SKIPPED: &[&[u8]] = &[b"Fallback", b"pPrChange", b"rPrChange"];

/// The text of the DOCX `package`.
///
/// # Errors
/// [`IngestError::Xml`], [`IngestError::BadZip`] or
/// [`IngestError::UnpackedTooLarge`] for its parts.
pub fn text(package: &mut Package<'_>) -> Result<String, IngestError> {
    let styles = match package.optional_part(STYLES)? {
        Some(xml) => Styles::read(package, &xml)?,
        None => Styles::default(),
    };
    let numbering = match package.optional_part(NUMBERING)? {
        Some(xml) => Numbering::read(package, &xml)?,
        None => Numbering::default(),
    };
    let xml = package.part(DOCUMENT)?;
    let mut body = Body {
        styles: &styles,
        numbering: &numbering,
        counters: HashMap::new(),
        list: None,
        layout: Layout::default(),
        paragraphs: Vec::new(),
        in_properties: false,
        in_run_properties: false,
        bold: false,
        in_text: false,
        skip: 0,
    };
    walk(package, DOCUMENT, &xml, |step| body.step(step))?;
    Ok(body.layout.finish())
}

/// What the paragraph styles say, by style id.
#[derive(Debug, Default)]
struct Styles {
    /// The heading level of each style that is a heading.
    headings: HashMap<String, usize>,
    /// The list (`w:numId`) and level of each style that numbers its
    /// paragraphs ("List Number", "List Bullet"): Word's own list styles.
    lists: HashMap<String, (String, usize)>,
}

impl Styles {
    fn read(package: &Package<'_>, xml: &[u8]) -> Result<Self, IngestError> {
        let mut styles = Self::default();
        let mut id: Option<String> = None;
        walk(package, STYLES, xml, |step| match step {
            Step::Start(e) => {
                if e.local_name().as_ref() == b"style" {
                    id = attr(e, b"styleId");
                } else if let Some(id) = &id {
                    styles.property(id, e.local_name().as_ref(), attr(e, b"val"));
                }
            }
            Step::End(b"style") => id = None,
            _ => {}
        })?;
        Ok(styles)
    }

    fn property(&mut self, id: &str, name: &[u8], val: Option<String>) {
        let Some(val) = val else {
            return;
        };
        match name {
            b"name" => {
                let name = val.to_lowercase();
                let level = match name.strip_prefix("heading ") {
                    Some(n) => n.trim().parse().ok(),
                    None => (name == "title").then_some(1),
                };
                if let Some(level) = level {
                    self.headings.insert(id.to_owned(), level);
                }
            }
            b"outlineLvl" => {
                if let Some(level) = val.parse::<usize>().ok().filter(|l| *l < 9) {
                    self.headings.entry(id.to_owned()).or_insert(level + 1);
                }
            }
            b"numId" => self.lists.entry(id.to_owned()).or_default().0 = val,
            b"ilvl" => self.lists.entry(id.to_owned()).or_default().1 = val.parse().unwrap_or(0),
            _ => {}
        }
    }
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    /// `bullet`, `decimal`, `lowerLetter`, `upperRoman`, `none`, ...
    format: String,
    /// How Word writes the number: "%1." or "%1.%2)" (levels' numbers in place of %n).
    text: String,
    start: u32,
}

/// The list definitions of `numbering.xml`.
#[derive(Debug, Default)]
struct Numbering {
    /// A list's id (`w:numId`) to its definition's (`w:abstractNumId`).
    lists: HashMap<String, String>,
    /// A definition's levels, by level (`w:ilvl`).
    definitions: HashMap<String, HashMap<usize, Level>>,
    /// The number a list starts a level at in place of its definition's
    /// (`w:lvlOverride`/`w:startOverride`, by list and level): Word's
    /// "Restart numbering" and "Set numbering value" make a list of their
    /// own over the same definition, its start overridden.
    starts: HashMap<(String, usize), u32>,
    /// A level a list defines in place of its definition's (a `w:lvl`
    /// inside `w:lvlOverride`, by list and level): LibreOffice writes each
    /// list of other markers over one definition so, a bulleted sub-list
    /// over a numbered definition.
    levels: HashMap<(String, usize), Level>,
}

impl Numbering {
    fn read(package: &Package<'_>, xml: &[u8]) -> Result<Self, IngestError> {
        let mut n = Self::default();
        let (mut definition, mut level, mut list) = (None::<String>, None::<usize>, None);
        let mut overridden = None::<usize>;
        walk(package, NUMBERING, xml, |step| match step {
            Step::Start(e) => {
                let val = || attr(e, b"val");
                match e.local_name().as_ref() {
                    b"abstractNum" => definition = attr(e, b"abstractNumId"),
                    b"lvl" => level = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
                    b"num" => list = attr(e, b"numId"),
                    b"abstractNumId" => {
                        if let (Some(list), Some(d)) = (&list, val()) {
                            n.lists.insert(list.clone(), d);
                        }
                    }
                    b"lvlOverride" => overridden = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
                    b"startOverride" => {
                        let start = val().and_then(|v| v.parse().ok());
                        if let (Some(list), Some(l), Some(start)) = (&list, overridden, start) {
                            n.starts.insert((list.clone(), l), start);
                        }
                    }
                    name @ (b"start" | b"numFmt" | b"lvlText") => {
                        let entry = match (&definition, &list, level) {
                            (Some(d), _, Some(l)) => n
                                .definitions
                                .entry(d.clone())
                                .or_default()
                                .entry(l)
                                .or_default(),
                            (None, Some(list), Some(l)) => {
                                n.levels.entry((list.clone(), l)).or_default()
                            }
                            _ => return,
                        };
                        let v = val().unwrap_or_default();
                        match name {
                            b"start" => entry.start = v.parse().unwrap_or(1),
                            b"numFmt" => entry.format = v,
                            _ => entry.text = v,
                        }
                    }
                    _ => {}
                }
            }
            Step::End(b"abstractNum") => definition = None,
            Step::End(b"lvl") => level = None,
            Step::End(b"num") => list = None,
            Step::End(b"lvlOverride") => overridden = None,
            _ => {}
        })?;
        Ok(n)
    }

    /// The marker of the next item of list `list` at `depth`: "-" for a
    /// bullet, the number as Word shows it, or `None` for a list without
    /// markers. `counters` keeps each list's count at each depth.
    fn marker(
        &self,
        list: &str,
        depth: usize,
        counters: &mut HashMap<String, [u32; 9]>,
    ) -> Option<String> {
        let levels = self.lists.get(list).and_then(|d| self.definitions.get(d));
        // The list's own level, else its definition's.
        let level_of = |i: usize| {
            self.levels
                .get(&(list.to_owned(), i))
                .or_else(|| levels.and_then(|l| l.get(&i)))
        };
        let Some(level) = level_of(depth) else {
            return Some("-".to_owned());
        };
        match level.format.as_str() {
            "bullet" => return Some("-".to_owned()),
            "none" => return None,
            _ => {}
        }
        let count = counters.entry(list.to_owned()).or_insert([0; 9]);
        let depth = depth.min(8);
        let start = self.starts.get(&(list.to_owned(), depth));
        count[depth] = if count[depth] == 0 {
            start.copied().unwrap_or(level.start).max(1)
        } else {
            count[depth] + 1
        };
        count[depth + 1..].fill(0);
        let mut text = level.text.clone();
        for (i, n) in count.iter().enumerate().take(depth + 1).rev() {
            let format = level_of(i).map_or("decimal", |l| l.format.as_str());
            text = text.replace(&format!("%{}", i + 1), &numeral(*n.max(&1), format));
        }
        let text = text.trim();
        Some(if text.is_empty() {
            format!("{}.", count[depth])
        } else {
            text.to_owned()
        })
    }
}

/// `n` written in one of Word's number formats (decimal for the rest).
pub(super) fn numeral(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" | "upperLetter" => {
            let letter = char::from(b'a' + u8::try_from((n - 1) % 26).unwrap_or(0));
            let s = letter.to_string().repeat(((n - 1) / 26 + 1) as usize);
            if format == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            s.push_str(numeral);
            n -= value;
        }
    }
    s
}

/// A paragraph being read.
#[derive(Debug)]
struct Paragraph {
    text: String,
    style: Option<String>,
    /// Its list (`w:numId`, "0" for none) and level, when it says them.
    list: Option<String>,
    depth: Option<usize>,
    outline: Option<usize>,
    /// Whether some of its text is bold, and whether all of it is.
    some_bold: bool,
    all_bold: bool,
}

impl Default for Paragraph {
    fn default() -> Self {
        Self {
            text: String::new(),
            style: None,
            list: None,
            depth: None,
            outline: None,
            some_bold: false,
            all_bold: true,
        }
    }
}

/// The walk of the document body.
struct Body<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: HashMap<String, [u32; 9]>,
    /// The list (`w:numId`) of the last top-level item written: an item of
    /// another list starts a new one, as Word numbers a restarted list anew.
    list: Option<String>,
    layout: Layout,
    /// Paragraphs open: a text box's paragraphs sit inside another's.
    paragraphs: Vec<Paragraph>,
    in_properties: bool,
    /// Inside a run's properties (`w:rPr` of a `w:r`).
    in_run_properties: bool,
    /// Whether the run being read is bold.
    bold: bool,
    in_text: bool,
    /// Depth inside a [`SKIPPED`] element (0 outside).
    skip: usize,
}

impl Body<'_> {
    fn step(&mut self, step: Step<'_, '_>) {
        match step {
            Step::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if self.skip > 0 || SKIPPED.contains(&name) {
                    self.skip += 1;
                } else if self.in_properties {
                    self.property(name, attr(e, b"val"));
                } else if self.in_run_properties {
                    if name == b"b" {
                        // <w:b/>, or <w:b w:val="0"/> for not bold.
                        let val = attr(e, b"val");
                        self.bold = !matches!(val.as_deref(), Some("0" | "false" | "off"));
                    }
                } else {
                    self.start(name);
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
                if self.in_text && self.skip == 0 {
                    if let Some(p) = self.paragraphs.last_mut() {
                        if !t.trim().is_empty() {
                            p.some_bold |= self.bold;
                            p.all_bold &= self.bold;
                        }
                    }
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

    fn start(&mut self, name: &[u8]) {
        match name {
            b"p" => self.paragraphs.push(Paragraph::default()),
            b"pPr" => self.in_properties = true,
            b"r" => self.bold = false,
            b"rPr" => self.in_run_properties = true,
            b"t" => self.in_text = true,
            b"tab" => self.push("\t"),
            b"br" | b"cr" => self.push("\n"),
            b"noBreakHyphen" => self.push("-"),
            b"tbl" => self.layout.table_start(),
            b"tr" => self.layout.row_start(),
            b"tc" => self.layout.cell_start(),
            _ => {}
        }
    }

    /// A paragraph property: its style, list and outline level.
    fn property(&mut self, name: &[u8], val: Option<String>) {
        let Some(p) = self.paragraphs.last_mut() else {
            return;
        };
        match name {
            b"pStyle" => p.style = val,
            b"numId" => p.list = val,
            b"ilvl" => p.depth = val.and_then(|v| v.parse().ok()),
            b"outlineLvl" => p.outline = val.and_then(|v| v.parse::<usize>().ok()),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"pPr" => self.in_properties = false,
            b"rPr" => self.in_run_properties = false,
            b"t" => self.in_text = false,
            b"p" => {
                if let Some(p) = self.paragraphs.pop() {
                    self.paragraph(p);
                }
            }
            b"tc" => self.layout.cell_end(),
            b"tr" => self.layout.row_end(),
            b"tbl" => self.layout.table_end(),
            _ => {}
        }
    }

    /// Writes a paragraph read: a heading, a list item or a paragraph.
    fn paragraph(&mut self, p: Paragraph) {
        if p.text.trim().is_empty() {
            return;
        }
        let style = p.style.as_deref().unwrap_or_default();
        // The paragraph's own numbering, else its style's; a list 0 is none.
        let (list, depth) = match (p.list.as_deref(), self.styles.lists.get(style)) {
            (Some(list), _) => (list, p.depth.unwrap_or(0)),
            (None, Some((list, depth))) => (list.as_str(), p.depth.unwrap_or(*depth)),
            (None, None) => ("0", 0),
        };
        let marker = (list != "0")
            .then(|| self.numbering.marker(list, depth, &mut self.counters))
            .flatten();
        let heading = p
            .outline
            .filter(|l| *l < 9)
            .map(|l| l + 1)
            .or_else(|| self.styles.headings.get(style).copied());
        let (block, text) = match (heading, marker) {
            (Some(level), Some(m)) if m != "-" => {
                (Block::Heading(level), format!("{m} {}", p.text.trim()))
            }
            (Some(level), _) => (Block::Heading(level), p.text),
            (None, Some(marker)) => {
                if depth == 0 && self.list.as_deref() != Some(list) {
                    self.layout.list_start();
                    self.list = Some(list.to_owned());
                }
                (Block::Item { depth, marker }, p.text)
            }
            (None, None) if p.some_bold && p.all_bold => (Block::Bold, p.text),
            (None, None) => (Block::Paragraph, p.text),
        };
        self.layout.block(&block, &text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::Path;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    /// The text of a DOCX whose body is `body` (WordprocessingML).
    fn text_of_body(body: &str) -> Result<String, IngestError> {
        text_of_parts(body, "", "")
    }

    /// The text of a DOCX of `body`, and `styles` and `numbering` unless empty.
    fn text_of_parts(body: &str, styles: &str, numbering: &str) -> Result<String, IngestError> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let mut parts = vec![(
            DOCUMENT,
            format!(r#"<w:document {NS}><w:body>{body}</w:body></w:document>"#),
        )];
        if !styles.is_empty() {
            parts.push((STYLES, format!(r#"<w:styles {NS}>{styles}</w:styles>"#)));
        }
        if !numbering.is_empty() {
            parts.push((
                NUMBERING,
                format!(r#"<w:numbering {NS}>{numbering}</w:numbering>"#),
            ));
        }
        let mut written = Ok(());
        for (name, xml) in parts {
            written = written
                .and_then(|()| zip.start_file(name, zip::write::SimpleFileOptions::default()))
                .and_then(|()| Ok(zip.write_all(xml.as_bytes())?));
        }
        let written = written.and_then(|()| zip.finish());
        let bytes = written.map_err(|source| IngestError::BadZip {
            path: "t.docx".into(),
            source,
        })?;
        super::super::office::text(bytes.get_ref(), Path::new("t.docx"))
    }

    #[test]
    fn list_styles_number_their_paragraphs_and_heading_styles_are_named() -> Result<(), IngestError>
    {
        let styles = r#"<w:style w:styleId="Berschrift2"><w:name w:val="heading 2"/></w:style>
            <w:style w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#;
        let numbering = r#"<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
            <w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>"#;
        let item = |t: &str| {
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Berschrift2"/></w:pPr><w:r><w:t>Agenda</w:t></w:r></w:p>{}{}<w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>Unnumbered</w:t></w:r></w:p>"#,
            item("Welcome"),
            item("Budget")
        );
        assert_eq!(
            text_of_parts(&body, styles, numbering)?,
            "## Agenda\n\n1. Welcome\n2. Budget\n\nUnnumbered\n"
        );
        Ok(())
    }

    #[test]
    fn bold_paragraphs_tabs_breaks_and_text_boxes_once() -> Result<(), IngestError> {
        let body = r#"<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Present</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Ines Moreau</w:t></w:r><w:r><w:tab/><w:t>Chair</w:t><w:br/><w:t xml:space="preserve">Tomas </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Berg</w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>Draft</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Draft</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Minutes &amp; notes</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>"#;
        assert_eq!(
            text_of_body(body)?,
            "**Present**\n\nInes Moreau\tChair\nTomas Berg\n\nDraft\n\nMinutes & notes\n"
        );
        Ok(())
    }

    #[test]
    fn a_list_restarted_over_the_same_definition_starts_at_its_override() -> Result<(), IngestError>
    {
        let numbering = r#"<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="4"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="4"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#;
        let item = |list: u32, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{list}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            item(1, "Welcome"),
            item(1, "Budget"),
            "<w:p><w:r><w:t>Continued from the last meeting:</w:t></w:r></w:p>".to_owned(),
            item(2, "Outreach"),
            item(2, "Any other business"),
        ]
        .concat();
        assert_eq!(
            text_of_parts(&body, "", numbering)?,
            "1. Welcome\n2. Budget\n\nContinued from the last meeting:\n\n5. Outreach\n6. Any other business\n"
        );
        Ok(())
    }

    /// LibreOffice writes a bulleted sub-list under a numbered list as a
    /// list over the same definition whose levels it defines anew, in
    /// `w:lvlOverride` (an empty `w:lvlOverride` after each, as it does).
    #[test]
    fn a_level_a_list_defines_over_its_definition_is_marked_as_the_list_says(
    ) -> Result<(), IngestError> {
        let numbering = r#"<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:abstractNum>
            <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
            <w:num w:numId="10"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="◦"/></w:lvl></w:lvlOverride><w:lvlOverride w:ilvl="1"/></w:num>"#;
        let item = |list: u32, level: u32, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = [
            item(2, 0, "IGF 2021 taking stock:"),
            item(10, 1, "a) NRIs"),
            item(10, 1, "b) Youth"),
            item(2, 0, "Current issues"),
        ]
        .concat();
        assert_eq!(
            text_of_parts(&body, "", numbering)?,
            "1. IGF 2021 taking stock:\n  - a) NRIs\n  - b) Youth\n2. Current issues\n"
        );
        Ok(())
    }

    #[test]
    fn numbers_are_written_as_word_shows_them() {
        assert_eq!(numeral(3, "decimal"), "3");
        assert_eq!(numeral(2, "lowerLetter"), "b");
        assert_eq!(numeral(28, "upperLetter"), "BB");
        assert_eq!(numeral(14, "lowerRoman"), "xiv");
    }

    #[test]
    fn nested_numbers_restart_under_a_new_parent() {
        let mut n = Numbering::default();
        n.lists.insert("1".into(), "0".into());
        let level = |format: &str, text: &str| Level {
            format: format.into(),
            text: text.into(),
            start: 1,
        };
        n.definitions.insert(
            "0".into(),
            HashMap::from([
                (0, level("decimal", "%1.")),
                (1, level("lowerLetter", "%2)")),
            ]),
        );
        let mut c = HashMap::new();
        let got: Vec<Option<String>> = [0, 1, 1, 0, 1]
            .into_iter()
            .map(|d| n.marker("1", d, &mut c))
            .collect();
        let want = ["1.", "a)", "b)", "2.", "a)"].map(|m| Some(m.to_owned()));
        assert_eq!(got, want);
        assert_eq!(n.marker("9", 0, &mut c).as_deref(), Some("-"));
    }
}
