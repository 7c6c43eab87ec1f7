//! The text a PDF says its glyphs stand for, where the font cannot say it
//! (marked-content spans with `/ActualText`), and whether each glyph's font
//! is bold.
//!
//! Rationale: a ligature glyph ("ﬁ") or the hyphen painted where a word
//! broke at a soft hyphen has no character of its own in the font's map to
//! Unicode; producers that care (Chromium, Word) wrap such glyphs in a span
//! `/Span <</ActualText (fi)>> BDC … EMC` that gives the text. `pdf-extract`
//! does not read spans, so this module walks each page's content stream
//! beside it and tells, for the `n`th glyph the page paints, the span text it
//! stands in, if any. It counts glyphs as `pdf-extract` does (two bytes a
//! code in a composite font, one in a simple font); when the counts of a page
//! disagree (a form XObject, a font with a variable-width encoding) the page
//! keeps the font's text: [`super::pdf`] checks the count. The same walk
//! follows the font each glyph is shown in (`Tf`, saved and restored with
//! the graphics state by `q` and `Q`), for [`super::pdf_fonts::is_bold`]
//! and [`super::pdf_fonts::is_fixed_pitch`].

use super::pdf_fonts;
use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// For each glyph a page paints, in order, the span it is in (an index into
/// `texts`), if it is in one with an `/ActualText`, and whether its font is
/// bold, and fixed-pitch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Spans {
    pub of_glyph: Vec<Option<usize>>,
    pub texts: Vec<String>,
    pub bold: Vec<bool>,
    pub fixed: Vec<bool>,
}

/// What the walk needs of the font in use: bytes a code, bold, fixed pitch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct FontUse {
    bytes_per_code: usize,
    bold: bool,
    fixed: bool,
}

/// The spans of the page `page_id`, or `None` when its content cannot be read
/// (the glyphs then keep the font's text).
pub fn of_page(doc: &Document, page_id: ObjectId) -> Option<Spans> {
    let content = Content::decode(&doc.get_page_content(page_id).ok()?).ok()?;
    let fonts = doc.get_page_fonts(page_id).ok()?;
    let mut spans = Spans::default();
    // Marked content open, innermost last: the span text of each, if any.
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut known: HashMap<&[u8], FontUse> = HashMap::new();
    let mut font = FontUse {
        bytes_per_code: 1,
        ..FontUse::default()
    };
    // The font of each graphics state saved by `q`.
    let mut saved: Vec<FontUse> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let text = op.operands.get(1).and_then(|o| actual_text(doc, o));
                open.push(text.map(|t| {
                    spans.texts.push(t);
                    spans.texts.len() - 1
                }));
            }
            "BMC" => open.push(None),
            "EMC" => {
                open.pop();
            }
            "q" => saved.push(font),
            "Q" => font = saved.pop().unwrap_or(font),
            "Tf" => {
                let name = op.operands.first().and_then(|n| n.as_name().ok());
                font = match name.and_then(|n| Some((n, fonts.get(n)?))) {
                    Some((name, dict)) => *known.entry(name).or_insert_with(|| FontUse {
                        bytes_per_code: if is_composite(dict) { 2 } else { 1 },
                        bold: pdf_fonts::is_bold(doc, dict),
                        fixed: pdf_fonts::is_fixed_pitch(doc, dict),
                    }),
                    None => FontUse {
                        bytes_per_code: 1,
                        ..FontUse::default()
                    },
                };
            }
            "Tj" | "'" | "\"" | "TJ" => {
                let codes: usize = op
                    .operands
                    .iter()
                    .map(|o| codes_in(o, font.bytes_per_code))
                    .sum();
                let span = open.iter().rev().find_map(|s| *s);
                spans.of_glyph.extend(std::iter::repeat_n(span, codes));
                spans.bold.extend(std::iter::repeat_n(font.bold, codes));
                spans.fixed.extend(std::iter::repeat_n(font.fixed, codes));
            }
            _ => {}
        }
    }
    Some(spans)
}

/// Whether a font is composite (Type0): its codes are two bytes (Identity-H,
/// as every producer that subsets fonts writes them).
fn is_composite(font: &Dictionary) -> bool {
    font.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Type0")
}

/// How many codes a text operand (a string, or `TJ`'s array) shows.
fn codes_in(operand: &Object, bytes_per_code: usize) -> usize {
    match operand {
        Object::String(bytes, _) => bytes.len() / bytes_per_code,
        Object::Array(items) => items.iter().map(|o| codes_in(o, bytes_per_code)).sum(),
        _ => 0,
    }
}

/// The `/ActualText` of a marked-content property list written inline.
fn actual_text(doc: &Document, properties: &Object) -> Option<String> {
    let dict = match properties {
        Object::Dictionary(d) => d,
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        _ => return None,
    };
    let Object::String(bytes, _) = dict.get(b"ActualText").ok()? else {
        return None;
    };
    Some(text_string(bytes))
}

/// A PDF text string: UTF-16BE after its byte-order mark, else (PDFDocEncoding,
/// which is Latin-1 for the characters spans carry) one byte a character.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xFE\xFF") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|b| char::from(*b)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_texts_are_utf16_or_one_byte_a_character() {
        assert_eq!(text_string(b"\xFE\xFF\xFB\x01"), "\u{FB01}");
        assert_eq!(text_string(b"\xFE\xFF\x00\xAD"), "\u{00AD}");
        assert_eq!(text_string(b"fi"), "fi");
    }

    #[test]
    fn codes_are_counted_as_the_font_reads_them() {
        let tj = Object::Array(vec![
            Object::String(vec![0, 1, 0, 2], pdf_extract::StringFormat::Hexadecimal),
            Object::Integer(-250),
            Object::String(vec![0, 3], pdf_extract::StringFormat::Hexadecimal),
        ]);
        assert_eq!(codes_in(&tj, 2), 3);
        assert_eq!(codes_in(&tj, 1), 6);
    }
}
