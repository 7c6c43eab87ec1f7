//! Plain text: report bytes decoded as UTF-8 (with or without a byte-order
//! mark) or UTF-16 with one, and refused when they are not text.
//!
//! Rationale: HTML pages and e-mail are text too, so their readers decode
//! through here first and meet the same refusals (binary, Latin-1, UTF-16
//! without a mark) with the same advice.

use super::IngestError;
use std::path::Path;

/// Decodes report bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
///
/// # Errors
/// [`IngestError::Empty`], [`IngestError::Binary`],
/// [`IngestError::Utf16WithoutBom`] or [`IngestError::Encoding`].
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest, path, 3)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, path, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, path, u16::from_be_bytes)?
    } else if let Some(big_endian) = utf16_without_bom(bytes) {
        return Err(IngestError::Utf16WithoutBom {
            path: path.to_owned(),
            big_endian,
        });
    } else {
        utf8(bytes, path, 0)?
    };
    checked(text, path)
}

/// Text as every reader hands it on: Word's soft line break (a vertical tab)
/// made a line break, and refused when it holds control characters text never
/// has, or nothing but white space.
///
/// # Errors
/// [`IngestError::Binary`] or [`IngestError::Empty`].
pub(super) fn checked(text: String, path: &Path) -> Result<String, IngestError> {
    // Same width, so offsets into the text stay those of the file.
    let text = if text.contains('\u{b}') {
        text.replace('\u{b}', "\n")
    } else {
        text
    };
    let text = with_line_break_tags_as_breaks(text);
    if let Some((offset, c)) = text
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        return Err(IngestError::Binary {
            path: path.to_owned(),
            byte: u32::from(c).try_into().unwrap_or(u8::MAX),
            offset,
        });
    }
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(text)
}

/// "Library Board of Trustees <br />Meeting Minutes <br />January 11, 2018":
/// text copied out of a web page's source, or a document system's export,
/// keeps the page's line-break tags as literal text, and a record of a
/// hundred lines reads as one line. Each tag (`<br>`, `<br/>`, `<br />`, any
/// case) becomes spaces ending in a line break: the same width, so offsets
/// into the text stay those of the file.
fn with_line_break_tags_as_breaks(text: String) -> String {
    let bytes = text.as_bytes();
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find('<').map(|i| from + i) {
        from = at + 1;
        let Some(len) = line_break_tag_len(&bytes[at..]) else {
            continue;
        };
        tags.push(at..at + len);
        from = at + len;
    }
    if tags.is_empty() {
        return text;
    }
    let mut out = text.into_bytes();
    for tag in tags {
        let last = tag.end - 1;
        out[tag.start..last].fill(b' ');
        out[last] = b'\n';
    }
    // Only ASCII bytes of whole tags were replaced by ASCII bytes.
    String::from_utf8(out).unwrap_or_else(|e| unreachable!("ASCII for ASCII: {e}"))
}

/// The length in bytes of the line-break tag `s` begins with: `<br`, then
/// spaces, an optional `/`, and `>`.
fn line_break_tag_len(s: &[u8]) -> Option<usize> {
    if s.len() < 4 || !s[..3].eq_ignore_ascii_case(b"<br") {
        return None;
    }
    let mut i = 3;
    while s.get(i) == Some(&b' ') {
        i += 1;
    }
    if s.get(i) == Some(&b'/') {
        i += 1;
    }
    (s.get(i) == Some(&b'>')).then_some(i + 1)
}

/// Whether `bytes` look like UTF-16 without a byte-order mark, and if so
/// whether big-endian: in the first few kilobytes, NUL is the byte at one
/// parity of at least half the 16-bit units (the high byte of Latin text)
/// and never at the other. Binary formats have NULs at both parities.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    match (even, odd) {
        (0, n) if 2 * n >= units => Some(false),
        (n, 0) if 2 * n >= units => Some(true),
        _ => None,
    }
}

fn utf8(bytes: &[u8], path: &Path, shift: usize) -> Result<String, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let offset = e.valid_up_to();
            // A NUL anywhere, even in the valid part before the first bad
            // byte (an ELF header is valid ASCII), says binary, not
            // "another encoding": telling the user to run iconv would mislead.
            if let Some(at) = bytes.iter().position(|&b| b == 0) {
                return Err(IngestError::Binary {
                    path: path.to_owned(),
                    byte: 0,
                    offset: at + shift,
                });
            }
            Err(IngestError::Encoding {
                path: path.to_owned(),
                offset: offset + shift,
                truncated: e.error_len().is_none(),
            })
        }
    }
}

fn utf16(bytes: &[u8], path: &Path, word: fn([u8; 2]) -> u16) -> Result<String, IngestError> {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => Ok(word([*a, *b])),
        _ => Err(()),
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, unit) in char::decode_utf16(units.map_while(Result::ok)).enumerate() {
        match unit {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(IngestError::Encoding {
                    path: path.to_owned(),
                    offset: 2 + 2 * i,
                    truncated: false,
                })
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(IngestError::Encoding {
            path: path.to_owned(),
            offset: 1 + bytes.len(),
            truncated: true,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("r.txt")
    }

    #[test]
    fn utf8_with_and_without_bom() -> Result<(), IngestError> {
        assert_eq!(decode("Café".as_bytes(), p())?, "Café");
        assert_eq!(decode(b"\xEF\xBB\xBFhi", p())?, "hi");
        Ok(())
    }

    #[test]
    fn utf16_with_bom() -> Result<(), IngestError> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Hé".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes, p())?, "Hé");
        Ok(())
    }

    #[test]
    fn literal_line_break_tags_are_line_breaks_of_the_same_width() -> Result<(), IngestError> {
        let raw = "Board of Trustees <br />Minutes<BR>May 5<br/>x <brother> <br";
        let text = decode(raw.as_bytes(), p())?;
        assert_eq!(text.len(), raw.len());
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        assert_eq!(
            lines,
            ["Board of Trustees", "Minutes", "May 5", "x <brother> <br"]
        );
        Ok(())
    }

    #[test]
    fn a_vertical_tab_is_a_line_break() -> Result<(), IngestError> {
        assert_eq!(
            decode(b"Minutes\x0bPresent: Ana", p())?,
            "Minutes\nPresent: Ana"
        );
        Ok(())
    }

    #[test]
    fn refuses_empty_binary_latin1_truncated() {
        assert!(matches!(
            decode(b"  \n", p()),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            decode(b"%PDF\x00\x01", p()),
            Err(IngestError::Binary { .. })
        ));
        assert!(matches!(
            decode(b"caf\xe9 au lait", p()),
            Err(IngestError::Encoding {
                truncated: false,
                ..
            })
        ));
        assert!(matches!(
            decode(b"caf\xc3", p()),
            Err(IngestError::Encoding {
                truncated: true,
                ..
            })
        ));
    }

    #[test]
    fn a_binary_file_with_a_valid_ascii_head_is_binary_not_another_encoding() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert!(matches!(
            decode(&bytes, p()),
            Err(IngestError::Binary {
                byte: 0,
                offset: 0,
                ..
            })
        ));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\xff\xfe", p()),
            Err(IngestError::Binary { offset: 7, .. })
        ));
    }

    #[test]
    fn utf16_without_bom_is_named_as_such_with_the_iconv_to_run() {
        let text = "Minutes of the meeting\nPresent: Ana Silva";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let e = decode(&le, p());
        assert!(matches!(
            e,
            Err(IngestError::Utf16WithoutBom {
                big_endian: false,
                ..
            })
        ));
        assert!(e.is_err_and(|e| e.to_string().contains("iconv -f UTF-16LE -t UTF-8")));
        assert!(matches!(
            decode(&be, p()),
            Err(IngestError::Utf16WithoutBom {
                big_endian: true,
                ..
            })
        ));
        // NULs at both parities are binary, not UTF-16.
        assert!(matches!(
            decode(b"ab\x00\x00cd\x00\x00", p()),
            Err(IngestError::Binary { .. })
        ));
    }

    #[test]
    fn error_names_the_file() {
        let e = decode(b"", Path::new("reports/x.txt")).err();
        assert!(e.is_some_and(|e| e.to_string().contains("reports/x.txt")));
    }
}
