//! Documents made inside the tests: a report's text turned into DOCX, ODT,
//! HTML and e-mail the way Word, LibreOffice, a web site and a mail client
//! write them (real list numbering, tables, headings), so that no third-party
//! file is committed and every case is as small as it needs to be.

use regex::Regex;
use std::io::Write;
use std::sync::LazyLock;

/// A meeting record in our own words: a roll as a table, a numbered agenda
/// (the record every format is written from).
pub const MINUTES: &str = "# Harbour Cooperative Board - Minutes

Date: 12 March 2024

Present:

| Name | Organisation |
| --- | --- |
| Ines Moreau | Open Data Council |
| Tomas Berg | Harbour Institute |
| Aiko Tanaka | Port Users Association |

Agenda:

1. Welcome and apologies
2. Harbour maintenance budget
3. Outreach plan
4. Any other business

Ines Moreau opened the meeting and welcomed the members.

Tomas Berg presented the harbour maintenance budget. Aiko Tanaka asked about the dredging costs.

The next meeting will be held on 9 April 2024.
";

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blk {
    Heading(usize, String),
    Para(String),
    /// A list item; `number` when the list is numbered (the item's number).
    Item {
        depth: usize,
        number: Option<u32>,
        text: String,
    },
    Table(Vec<Vec<String>>),
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.*)$").unwrap());
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)(\d{1,2})[.)]\s+(.*)$").unwrap());
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\s*)[-*+•◦▪]\s+(.*)$").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());

/// Markdown inline syntax as a word processor shows it: link text, no
/// emphasis marks, no escapes.
pub fn inline(s: &str) -> String {
    let s = LINK.replace_all(s, "$1");
    s.replace("**", "")
        .replace("\\", "")
        .trim_matches('*')
        .trim()
        .to_owned()
}

/// The blocks of a Markdown or plain report: headings, list items (numbered
/// or not, "•" bullets as a word processor makes a list of them), pipe
/// tables (with or without their outer pipes), and paragraphs: one a line,
/// but for prose wrapped over lines, which is one paragraph.
pub fn blocks_of_markdown(md: &str) -> Vec<Blk> {
    let lines: Vec<&str> = md.lines().map(str::trim_end).collect();
    let width = wrap_width(&lines);
    let mut blocks = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush = |blocks: &mut Vec<Blk>, para: &mut Vec<String>, table: &mut Vec<Vec<String>>| {
        if !para.is_empty() {
            blocks.push(Blk::Para(para.join(" ")));
            para.clear();
        }
        if !table.is_empty() {
            blocks.push(Blk::Table(std::mem::take(table)));
        }
    };
    for (i, &line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or("");
        if line.trim().is_empty() {
            flush(&mut blocks, &mut para, &mut table);
        } else if line.trim_start().starts_with('|')
            || (line.contains('|') && (!table.is_empty() || is_delimiter_row(next)))
        {
            if !para.is_empty() {
                flush(&mut blocks, &mut para, &mut table);
            }
            if !is_delimiter_row(line) {
                table.push(
                    line.trim()
                        .trim_matches('|')
                        .split('|')
                        .map(inline)
                        .collect(),
                );
            }
        } else if let Some(c) = HEADING.captures(line) {
            flush(&mut blocks, &mut para, &mut table);
            blocks.push(Blk::Heading(c[1].len(), inline(&c[2])));
        } else if let Some(c) = NUMBERED.captures(line) {
            flush(&mut blocks, &mut para, &mut table);
            blocks.push(Blk::Item {
                depth: usize::from(!c[1].is_empty()),
                number: c[2].parse().ok(),
                text: inline(&c[3]),
            });
        } else if let Some(c) = BULLET.captures(line) {
            flush(&mut blocks, &mut para, &mut table);
            blocks.push(Blk::Item {
                depth: usize::from(!c[1].is_empty()),
                number: None,
                text: inline(&c[2]),
            });
        } else {
            let wrapped = i > 0 && !para.is_empty() && wraps_onto(lines[i - 1], line, width);
            if !wrapped {
                flush(&mut blocks, &mut para, &mut table);
            }
            para.push(inline(line));
        }
    }
    flush(&mut blocks, &mut para, &mut table);
    blocks
}

/// A pipe table's row of dashes under its header ("--- | :---:").
fn is_delimiter_row(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| "-:| ".contains(c))
}

/// A line laid out in columns: a tab, or a gap of two spaces or more
/// between words, as rolls typed in plain text align their columns.
pub fn is_column_line(line: &str) -> bool {
    let t = line.trim();
    t.contains('\t') || t.contains("  ")
}

/// The column a text was wrapped at, if it was: the longest line that is
/// surely cut short, as it goes on in the next line with a small letter (a
/// web address, which is no word to wrap at, left out).
fn wrap_width(lines: &[&str]) -> Option<usize> {
    lines
        .windows(2)
        .filter(|w| {
            !is_column_line(w[0])
                && !w[0].contains("://")
                && w[1].trim_start().starts_with(|c: char| c.is_lowercase())
        })
        .map(|w| w[0].chars().count())
        .max()
}

/// Whether `line` goes on with the paragraph `prev` ends, as a text wrapped
/// at `width` has it: `prev` is long, ends mid-sentence, and either ends
/// with a comma or hyphen, or is followed by a small letter, or is full (the
/// next word would not have fitted, within a tenth: text taken out of a PDF
/// set in a proportional font fills its lines unevenly). Lines in columns
/// are never wrapped; a roll's entries, one a line, are not full.
fn wraps_onto(prev: &str, line: &str, width: Option<usize>) -> bool {
    let prev_len = prev.chars().count();
    if prev_len < 60 || is_column_line(prev) || is_column_line(line) {
        return false;
    }
    if prev.ends_with(['.', ':', '!', '?']) {
        return false;
    }
    let first = line.split_whitespace().next().unwrap_or("");
    prev.ends_with([',', '-'])
        || first.starts_with(|c: char| c.is_lowercase())
        || width.is_some_and(|w| 10 * (prev_len + 1 + first.chars().count()) > 9 * w)
}

/// For each block, the list it belongs to (numbered from 1), as a word
/// processor would have made them: a list ends at any other block, where
/// numbered items follow bullets or the reverse, and where the numbering
/// starts again ("1." after "5.").
pub fn list_ids(blocks: &[Blk]) -> Vec<Option<usize>> {
    let mut ids = Vec::new();
    let mut list = 0;
    let mut top: Option<(bool, Option<u32>)> = None;
    for b in blocks {
        let Blk::Item { depth, number, .. } = b else {
            top = None;
            ids.push(None);
            continue;
        };
        if *depth == 0 {
            let continues = top.is_some_and(|(numbered, last)| {
                numbered == number.is_some()
                    && match (last, number) {
                        (Some(l), Some(n)) => *n == l + 1,
                        _ => true,
                    }
            });
            if !continues {
                list += 1;
            }
            top = Some((number.is_some(), *number));
        } else if top.is_none() {
            list += 1;
            top = Some((false, None));
        }
        ids.push(Some(list));
    }
    ids
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A zip package of `parts`, deflated, `first` stored first and uncompressed
/// (as ODT's `mimetype` must be).
pub fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, body)) in parts.iter().enumerate() {
        let method = if i == 0 && *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        out.start_file(*name, options).expect("zip entry");
        out.write_all(body.as_bytes()).expect("zip write");
    }
    out.finish().expect("zip finish").into_inner()
}

/// `package` (a DOCX or ODT) with a picture of `size` bytes added, stored
/// as pictures are (JPEG does not deflate), made of bytes that do not repeat.
pub fn with_picture(package: Vec<u8>, size: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new_append(std::io::Cursor::new(package)).expect("zip append");
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("word/media/image1.jpeg", options)
        .expect("zip entry");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut picture = Vec::with_capacity(size);
    while picture.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        picture.extend_from_slice(&state.to_le_bytes());
    }
    picture.truncate(size);
    zip.write_all(&picture).expect("zip write");
    zip.finish().expect("zip finish").into_inner()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A DOCX of `blocks` as Word writes one: headings by style (with the
/// style's id in another language, as a German Word names them), numbered
/// lists numbered by `numbering.xml`, not typed, tables as tables.
pub fn docx(blocks: &[Blk]) -> Vec<u8> {
    let mut body = String::new();
    let mut numbering = String::new();
    let ids = list_ids(blocks);
    let mut lists = 0;
    for (b, id) in blocks.iter().zip(&ids) {
        if id.is_some_and(|id| id > lists) {
            // A new list: its own definition, starting at its first number.
            lists += 1;
            let start = match b {
                Blk::Item {
                    number: Some(n), ..
                } => Some(*n),
                _ => None,
            };
            let level0 = match start {
                Some(n) => format!(
                    r#"<w:lvl w:ilvl="0"><w:start w:val="{n}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>"#
                ),
                None => {
                    r#"<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>"#
                        .to_owned()
                }
            };
            numbering.push_str(&format!(
                r#"<w:abstractNum w:abstractNumId="{lists}">{level0}<w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>"#
            ));
        }
        match b {
            Blk::Heading(level, text) => body.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="berschrift{level}"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>"#,
                esc(text)
            )),
            Blk::Para(text) => body.push_str(&docx_paragraph(text, "")),
            Blk::Item { depth, text, .. } => body.push_str(&docx_paragraph(
                text,
                &format!(
                    r#"<w:pPr><w:numPr><w:ilvl w:val="{depth}"/><w:numId w:val="{lists}"/></w:numPr></w:pPr>"#
                ),
            )),
            Blk::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr/>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for cell in row {
                        body.push_str(&format!("<w:tc>{}</w:tc>", docx_paragraph(cell, "")));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let nums: String = (1..=lists)
        .map(|i| format!(r#"<w:num w:numId="{i}"><w:abstractNumId w:val="{i}"/></w:num>"#))
        .collect();
    let styles: String = (1..=6)
        .map(|l| {
            format!(
                r#"<w:style w:type="paragraph" w:styleId="berschrift{l}"><w:name w:val="heading {l}"/></w:style>"#
            )
        })
        .collect();
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", RELS.to_owned()),
        (
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
        (
            "word/styles.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">{styles}</w:styles>"#
            ),
        ),
        (
            "word/numbering.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{numbering}{nums}</w:numbering>"#
            ),
        ),
    ])
}

/// A Word paragraph; its text split into runs at spaces, as editing leaves
/// it, and a tab as Word keeps one (`<w:tab/>`, not a character).
fn docx_paragraph(text: &str, properties: &str) -> String {
    let runs: Vec<String> = text
        .split('\t')
        .map(|cell| {
            cell.split_inclusive(' ')
                .map(|w| format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#, esc(w)))
                .collect()
        })
        .collect();
    format!(
        "<w:p>{properties}{}</w:p>",
        runs.join("<w:r><w:tab/></w:r>")
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// An HTML page of `blocks` inside a site's furniture (menu, banner, footer,
/// script) that the reader must leave out.
pub fn html(blocks: &[Blk]) -> String {
    let mut body = String::new();
    let mut open: Vec<&str> = Vec::new();
    let mut list = None;
    for (i, (b, id)) in blocks.iter().zip(list_ids(blocks)).enumerate() {
        let (depth, number) = match b {
            Blk::Item { depth, number, .. } => (Some(*depth), *number),
            _ => (None, None),
        };
        if id != list {
            while let Some(tag) = open.pop() {
                body.push_str(&format!("</{tag}>"));
            }
            list = id;
        }
        let want = depth.map_or(0, |d| d + 1);
        while open.len() > want {
            body.push_str(&format!("</{}>", open.pop().unwrap_or("ul")));
        }
        while open.len() < want {
            let tag = if number.is_some() { "ol" } else { "ul" };
            match number {
                Some(n) => body.push_str(&format!(r#"<ol start="{n}">"#)),
                None => body.push_str("<ul>"),
            }
            open.push(tag);
        }
        match b {
            Blk::Heading(level, text) => {
                body.push_str(&format!("<h{level}>{}</h{level}>\n", esc(text)))
            }
            // Lines typed in columns, as a page shows them: one `<pre>`.
            Blk::Para(text) if is_column_line(text) => {
                let column = |b: Option<&Blk>| matches!(b, Some(Blk::Para(t)) if is_column_line(t));
                let open = if i > 0 && column(blocks.get(i - 1)) {
                    "\n"
                } else {
                    "<pre>"
                };
                let close = if column(blocks.get(i + 1)) {
                    ""
                } else {
                    "</pre>\n"
                };
                body.push_str(&format!("{open}{}{close}", esc(text)));
            }
            Blk::Para(text) => body.push_str(&format!("<p>{}\n", esc(text))),
            Blk::Item { text, .. } => body.push_str(&format!("<li>{}</li>\n", esc(text))),
            Blk::Table(rows) => {
                body.push_str("<table>");
                for row in rows {
                    let cells: String =
                        row.iter().map(|c| format!("<td>{}</td>", esc(c))).collect();
                    body.push_str(&format!("<tr>{cells}</tr>\n"));
                }
                body.push_str("</table>\n");
            }
        }
    }
    while let Some(tag) = open.pop() {
        body.push_str(&format!("</{tag}>"));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Minutes | The Forum</title>\
         <style>body {{ font-family: sans-serif }}</style></head>\n<body>\
         <header><a href=\"/\">The Forum</a> &middot; <a href=\"/news\">News</a></header>\n\
         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/about\">About us</a></li></ul></nav>\n\
         <main>\n{body}</main>\n\
         <footer>&copy; 2024 The Forum &middot; Contact: Jane Webmaster</footer>\
         <script>var menu = \"Meeting of the Board\";</script></body></html>\n"
    )
}

const ODT_NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.3""#;

/// An ODT of `blocks` as LibreOffice writes one: `<text:h>` headings, lists
/// numbered by their automatic list style, tables as tables.
pub fn odt(blocks: &[Blk]) -> Vec<u8> {
    let mut body = String::new();
    let mut styles = String::new();
    let ids = list_ids(blocks);
    let mut lists = 0;
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            Blk::Heading(level, text) => body.push_str(&format!(
                r#"<text:h text:outline-level="{level}">{}</text:h>"#,
                esc(text)
            )),
            Blk::Para(text) => body.push_str(&format!("<text:p>{}</text:p>", odt_text(text))),
            Blk::Table(rows) => {
                body.push_str("<table:table>");
                for row in rows {
                    body.push_str("<table:table-row>");
                    for cell in row {
                        body.push_str(&format!(
                            "<table:table-cell><text:p>{}</text:p></table:table-cell>",
                            odt_text(cell)
                        ));
                    }
                    body.push_str("</table:table-row>");
                }
                body.push_str("</table:table>");
            }
            Blk::Item { number, .. } => {
                lists += 1;
                let level1 = match number {
                    Some(n) => format!(
                        r#"<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="." text:start-value="{n}"/>"#
                    ),
                    None => {
                        r#"<text:list-level-style-bullet text:level="1" text:bullet-char="•"/>"#
                            .to_owned()
                    }
                };
                styles.push_str(&format!(
                    r#"<text:list-style style:name="L{lists}">{level1}<text:list-level-style-bullet text:level="2" text:bullet-char="◦"/></text:list-style>"#
                ));
                body.push_str(&format!(r#"<text:list text:style-name="L{lists}">"#));
                // A nested list open, and a top-level item open (a list that
                // starts nested opens an item holding only its nested list).
                let (mut nested, mut top) = (false, false);
                let id = ids[i];
                while let (Some(Blk::Item { depth, text, .. }), true) =
                    (blocks.get(i), ids.get(i) == Some(&id))
                {
                    if *depth == 0 {
                        if nested {
                            body.push_str("</text:list>");
                            nested = false;
                        }
                        if top {
                            body.push_str("</text:list-item>");
                        }
                        body.push_str(&format!(
                            "<text:list-item><text:p>{}</text:p>",
                            odt_text(text)
                        ));
                        top = true;
                    } else {
                        if !nested {
                            if !top {
                                body.push_str("<text:list-item>");
                                top = true;
                            }
                            body.push_str("<text:list>");
                            nested = true;
                        }
                        body.push_str(&format!(
                            "<text:list-item><text:p>{}</text:p></text:list-item>",
                            odt_text(text)
                        ));
                    }
                    i += 1;
                }
                if nested {
                    body.push_str("</text:list>");
                }
                if top {
                    body.push_str("</text:list-item>");
                }
                body.push_str("</text:list>");
                continue;
            }
        }
        i += 1;
    }
    zip(&[
        (
            "mimetype",
            "application/vnd.oasis.opendocument.text".to_owned(),
        ),
        (
            "content.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
            ),
        ),
        (
            "styles.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODT_NS}><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Page furniture: The Forum</text:p></style:header></style:master-page></office:master-styles></office:document-styles>"#
            ),
        ),
    ])
}

/// ODT paragraph text: runs of spaces as `<text:s>` and tabs as
/// `<text:tab/>`, as LibreOffice saves them.
fn odt_text(text: &str) -> String {
    esc(text)
        .replace("  ", " <text:s/>")
        .replace('\t', "<text:tab/>")
}

/// An e-mail carrying `body` as quoted-printable text/plain, with a quoted
/// earlier message that the reader must leave out, and a signature.
pub fn eml(subject: &str, body: &str) -> Vec<u8> {
    eml_with_id("minutes-1@forum.example", subject, body)
}

/// [`eml`] with the Message-ID `id`: messages of one folder are told apart
/// by theirs, each a report of its own.
pub fn eml_with_id(id: &str, subject: &str, body: &str) -> Vec<u8> {
    let headers = format!(
        "From: Forum Secretary <secretary@forum.example>\r\n\
         To: members@lists.forum.example\r\n\
         Date: Mon, 2 Dec 2024 09:30:00 +0100\r\n\
         Subject: {subject}\r\n"
    );
    message(id, &headers, body)
}

static MAIL_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(From|To|Cc|Date|Sent|Subject): \S").unwrap());

/// A record as the mail it is: a record that is a mail already (its header
/// lines, "From:", "Date:" and the like, at its head, after at most a title
/// line as an archive page shows the subject) is sent with those headers and
/// the rest as its body; any other record is [`eml_with_id`]'s body.
pub fn eml_of_record(id: &str, subject: &str, text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let head = lines.iter().take(4).position(|l| MAIL_HEADER.is_match(l));
    let Some(start) = head else {
        return eml_with_id(id, subject, text);
    };
    let count = lines[start..]
        .iter()
        .take_while(|l| MAIL_HEADER.is_match(l))
        .count();
    let fields = &lines[start..start + count];
    let has = |name: &str| fields.iter().any(|l| l.starts_with(name));
    if !has("From: ") || !(has("Date: ") || has("Sent: ")) {
        return eml_with_id(id, subject, text);
    }
    let headers: String = fields
        .iter()
        .map(|l| {
            let (name, value) = l.split_once(": ").unwrap_or((l, ""));
            let name = if name == "Sent" { "Date" } else { name };
            format!("{name}: {}\r\n", encoded_words(value))
        })
        .collect();
    let body = lines[start + count..].join("\n");
    message(id, &headers, body.trim_start_matches('\n'))
}

/// A header's value as a mail client sends it: words outside ASCII (a
/// name before its `<address>`) as an RFC 2047 encoded word.
fn encoded_words(value: &str) -> String {
    if value.is_ascii() {
        return value.to_owned();
    }
    let (text, address) = match value.find('<') {
        Some(i) => (value[..i].trim(), &value[i..]),
        None => (value, ""),
    };
    let q: String = text
        .bytes()
        .map(|b| match b {
            b' ' => "_".to_owned(),
            b'!'..=b'~' if !b"=?_\"".contains(&b) => char::from(b).to_string(),
            _ => format!("={b:02X}"),
        })
        .collect();
    let space = if address.is_empty() { "" } else { " " };
    format!("=?utf-8?q?{q}?={space}{address}")
}

/// A message of `headers` (each line ending "\r\n") carrying `body` as
/// quoted-printable text/plain, with a quoted earlier message that the
/// reader must leave out, and a signature.
fn message(id: &str, headers: &str, body: &str) -> Vec<u8> {
    let mut qp = String::new();
    for line in body.lines() {
        let mut out = String::new();
        let mut width = 0;
        for b in line.bytes() {
            let piece = if b == b'=' || !(32..127).contains(&b) {
                format!("={b:02X}")
            } else {
                char::from(b).to_string()
            };
            if width + piece.len() > 72 {
                out.push_str("=\r\n");
                width = 0;
            }
            width += piece.len();
            out.push_str(&piece);
        }
        qp.push_str(&out);
        qp.push_str("\r\n");
    }
    format!(
        "Return-Path: <secretary@forum.example>\r\n\
         {headers}\
         Message-ID: <{id}>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         \r\n\
         {qp}\r\n\
         On Fri, 29 Nov 2024, Robin Quoteman wrote:\r\n\
         > Robin Quoteman and Kim Replysmith will send their comments.\r\n\
         \r\n\
         -- \r\n\
         Forum Secretariat\r\n"
    )
    .into_bytes()
}
