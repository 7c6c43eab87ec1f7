//! What a PDF's fonts say that `pdf-extract` does not read right or at all:
//! the widths of a composite font's glyphs given as ranges, and whether a
//! font is bold.
//!
//! Rationale: a composite (Type0) font lists its glyphs' widths in `/W` in
//! two forms, `c [w1 w2 …]` and `c_first c_last w` (one width for a run of
//! glyphs). `pdf-extract` 0.12 reads the second form as no width at all, so
//! those glyphs get the font's default width: Chromium writes the capitals
//! of a bold face that way, and "Harbour" came out "H arbour" (the `H`
//! 0.5 em wide instead of 0.78, the gap after it a word space). The ranges
//! are written out in the first form before `pdf-extract` reads the
//! document. Bold is a font's property the glyph callback does not carry;
//! [`super::pdf_spans`] asks [`is_bold`] of the font each glyph is shown in,
//! and the layout writes a paragraph all in bold as the other readers do.
//!
//! It will not tell bold painted by stroking a regular face (text render
//! mode 2), nor widths of fonts whose encoding is not the one `/W` indexes.

use pdf_extract::{Dictionary, Document, Object};

/// A range of `/W` longer than this is damage, not a font (CIDs are 16 bits):
/// it is left as it is rather than written out.
const MAX_RANGE: i64 = 0xFFFF;

/// Rewrites the `/W` array of every composite font's descendant (a
/// `CIDFontType0` or `CIDFontType2` dictionary) with its ranges
/// (`c_first c_last w`) written out as arrays (`c_first [w w …]`), the form
/// `pdf-extract` reads.
///
/// Cost: one pass over the document's objects, and each font's widths once.
pub fn widths_as_arrays(doc: &mut Document) {
    let fonts: Vec<_> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(is_cid_font))
        .map(|(id, _)| *id)
        .collect();
    for id in fonts {
        let widths = doc
            .objects
            .get(&id)
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get_deref(b"W", doc).ok())
            .and_then(|w| w.as_array().ok())
            .and_then(|w| written_out(w));
        if let (Some(widths), Some(Object::Dictionary(font))) = (widths, doc.objects.get_mut(&id)) {
            font.set("W", Object::Array(widths));
        }
    }
}

/// A descendant font of a composite font.
fn is_cid_font(dict: &Dictionary) -> bool {
    dict.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"CIDFontType0" || s == b"CIDFontType2")
}

/// `/W` with each range written out; `None` when it has no range or is not
/// made of the two forms (a damaged array is left to `pdf-extract`).
fn written_out(w: &[Object]) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(w.len());
    let mut ranges = false;
    let mut i = 0;
    while i < w.len() {
        let first = w[i].as_i64().ok()?;
        match w.get(i + 1)? {
            Object::Array(widths) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(widths.clone()));
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = w.get(i + 2)?.as_float().ok()?;
                if last < first || last - first > MAX_RANGE {
                    return None;
                }
                let count = usize::try_from(last - first + 1).ok()?;
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![Object::Real(width); count]));
                ranges = true;
                i += 3;
            }
        }
    }
    ranges.then_some(out)
}

/// Whether a font (a simple font, or a composite one through its
/// descendant) is bold: its descriptor's weight is 600 or more, or it has
/// the ForceBold flag, or its PostScript name says a bold weight ("Arial-BoldMT",
/// "AAAAAA+LiberationSerif-Bold", "Inter-SemiBold", "Futura-Heavy").
pub fn is_bold(doc: &Document, font: &Dictionary) -> bool {
    [Some(font), descendant(doc, font)]
        .into_iter()
        .flatten()
        .any(|f| bold_name(f, doc) || bold_descriptor(f, doc))
}

/// Whether a font is fixed-pitch (a typewriter's, as `<pre>`, a code
/// editor and a text file printed are set in): its descriptor has the
/// FixedPitch flag (bit 1 of `/Flags`, which producers copy from the font's
/// own tables), or it is one of the standard Courier faces, which carry no
/// descriptor. Text in it was typed: its blanks are counted, not stretched.
pub fn is_fixed_pitch(doc: &Document, font: &Dictionary) -> bool {
    [Some(font), descendant(doc, font)]
        .into_iter()
        .flatten()
        .any(|f| {
            let flags = f
                .get_deref(b"FontDescriptor", doc)
                .and_then(Object::as_dict)
                .and_then(|d| d.get_deref(b"Flags", doc))
                .and_then(Object::as_i64);
            let courier = f
                .get_deref(b"BaseFont", doc)
                .and_then(Object::as_name)
                .is_ok_and(|n| n.starts_with(b"Courier"));
            flags.is_ok_and(|f| f & 1 != 0) || courier
        })
}

/// The descendant of a composite font, which holds its descriptor.
fn descendant<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    font.get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok())
}

/// The font's `/BaseFont` (without its subset tag) names a bold weight.
fn bold_name(font: &Dictionary, doc: &Document) -> bool {
    let Ok(name) = font.get_deref(b"BaseFont", doc).and_then(Object::as_name) else {
        return false;
    };
    let name = String::from_utf8_lossy(name).to_lowercase();
    let name = name.split_once('+').map_or(name.as_str(), |(_, n)| n);
    // The style follows the family after a hyphen or a comma ("Arial,Bold").
    let style = name.rsplit(['-', ',']).next().unwrap_or(name);
    style != name
        && ["bold", "black", "heavy", "demi"]
            .iter()
            .any(|w| style.contains(w))
}

/// The font's descriptor says bold: `/FontWeight` of 600 or more, or the
/// ForceBold flag (bit 19 of `/Flags`).
fn bold_descriptor(font: &Dictionary, doc: &Document) -> bool {
    let Ok(descriptor) = font
        .get_deref(b"FontDescriptor", doc)
        .and_then(Object::as_dict)
    else {
        return false;
    };
    let weight = descriptor
        .get_deref(b"FontWeight", doc)
        .and_then(Object::as_float)
        .is_ok_and(|w| w >= 600.0);
    let force = descriptor
        .get_deref(b"Flags", doc)
        .and_then(Object::as_i64)
        .is_ok_and(|f| f & (1 << 18) != 0);
    weight || force
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::dictionary;

    #[test]
    fn a_range_of_widths_is_written_out_as_an_array() {
        let w = vec![
            Object::Integer(0),
            Object::Array(vec![Object::Real(365.2), Object::Integer(250)]),
            Object::Integer(43),
            Object::Integer(45),
            Object::Real(777.8),
        ];
        let out = written_out(&w).expect("a range");
        assert_eq!(out.len(), 4);
        assert_eq!(out[2], Object::Integer(43));
        assert_eq!(out[3], Object::Array(vec![Object::Real(777.8); 3]));
        // Arrays alone, or a damaged array, are left as they are.
        assert_eq!(written_out(&w[..2]), None);
        assert_eq!(written_out(&w[..4]), None);
        let backwards = [Object::Integer(9), Object::Integer(3), Object::Integer(500)];
        assert_eq!(written_out(&backwards), None);
    }

    #[test]
    fn bold_fonts_are_told_by_name_weight_or_flag() {
        let doc = Document::with_version("1.5");
        let named = |name: &str| dictionary! { "Type" => "Font", "BaseFont" => name };
        for name in [
            "AAAAAA+LiberationSerif-Bold",
            "Arial-BoldMT",
            "Arial,Bold",
            "Inter-SemiBold",
            "Futura-Heavy",
        ] {
            assert!(is_bold(&doc, &named(name)), "{name}");
        }
        for name in ["BAAAAA+LiberationSerif", "Helvetica", "Boldini", "ArialMT"] {
            assert!(!is_bold(&doc, &named(name)), "{name}");
        }
        let weighted = dictionary! {
            "BaseFont" => "F1",
            "FontDescriptor" => dictionary! { "FontWeight" => 700 },
        };
        assert!(is_bold(&doc, &weighted));
        let composite = dictionary! {
            "Subtype" => "Type0",
            "BaseFont" => "F2",
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "FontDescriptor" => dictionary! { "Flags" => 262_178 },
            })],
        };
        assert!(is_bold(&doc, &composite));
    }

    #[test]
    fn fixed_pitch_fonts_are_told_by_flag_or_courier() {
        let doc = Document::with_version("1.5");
        let flagged = |flags: i64| {
            dictionary! {
                "Subtype" => "Type0",
                "BaseFont" => "CAAAAA+DejaVuSansMono",
                "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                    "FontDescriptor" => dictionary! { "Flags" => flags },
                })],
            }
        };
        // Chromium's `<pre>` face: FixedPitch and Symbolic.
        assert!(is_fixed_pitch(&doc, &flagged(5)));
        // Its serif body face: Serif and Symbolic.
        assert!(!is_fixed_pitch(&doc, &flagged(6)));
        let named = |name: &str| dictionary! { "Type" => "Font", "BaseFont" => name };
        assert!(is_fixed_pitch(&doc, &named("Courier-Bold")));
        assert!(!is_fixed_pitch(&doc, &named("Helvetica")));
    }
}
