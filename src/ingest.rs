//! Reading report files: bytes in, decoded text out, or a reason why not.
//!
//! Rationale: every later stage works on `str`; this is the one place that decides
//! whether a file is a text report at all. It refuses rather than guesses: an empty,
//! binary, oversized or non-UTF-8 file is an error naming the file and the reason,
//! so a bad input never reaches the store. It does not clean the text (line breaks,
//! markup, page furniture): that is [`crate::text`]'s job, which keeps offsets into
//! the text decoded here so provenance points at the file the user has.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Reports larger than this are refused: real summary reports are a few kilobytes,
/// and a transcript of a full day is well under a megabyte.
pub const MAX_REPORT_BYTES: u64 = 16 * 1024 * 1024;

/// A report file, decoded.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name without directories: the report's identity in the outputs.
    pub source: String,
    pub path: PathBuf,
    pub text: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
}

/// Why a file could not be read as a report.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file has no bytes, or only white space.
    #[error("{} is empty", path.display())]
    Empty { path: PathBuf },
    /// The file is larger than [`MAX_REPORT_BYTES`].
    #[error("{} is too large ({size} bytes; the limit is {limit})", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The file holds NUL or other control bytes that text never has.
    #[error("{} is not a text file (binary byte 0x{byte:02x} at offset {offset})", path.display())]
    Binary {
        path: PathBuf,
        byte: u8,
        offset: usize,
    },
    /// A PDF document: its text must be taken out first.
    #[error("{} is a PDF document, not text: extract its text first, e.g. with `pdftotext -layout` (Debian package poppler-utils), and build from the .txt", path.display())]
    Pdf { path: PathBuf },
    /// UTF-16 text without the byte-order mark that would say so: every
    /// other byte of it is NUL. Refused, not guessed, as any other encoding;
    /// the reason says how to convert it.
    #[error("{} is UTF-16 text ({}) without a byte-order mark, not UTF-8; convert it with `iconv -f {} -t UTF-8`", path.display(), if *big_endian { "big-endian" } else { "little-endian" }, if *big_endian { "UTF-16BE" } else { "UTF-16LE" })]
    Utf16WithoutBom { path: PathBuf, big_endian: bool },
    /// The bytes are not UTF-8 (nor UTF-16 with a byte-order mark).
    #[error("{} is not valid UTF-8 (invalid byte at offset {offset}{}); convert it with `iconv -t UTF-8`", path.display(), if *truncated { ", the file ends inside a character: truncated?" } else { "" })]
    Encoding {
        path: PathBuf,
        offset: usize,
        truncated: bool,
    },
}

impl IngestError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::Empty { path }
            | Self::TooLarge { path, .. }
            | Self::Binary { path, .. }
            | Self::Pdf { path }
            | Self::Utf16WithoutBom { path, .. }
            | Self::Encoding { path, .. } => path,
        }
    }
}

/// Reads and decodes one report file.
///
/// # Errors
/// See [`IngestError`]; a refused file is never partly returned.
pub fn read(path: &Path) -> Result<Document, IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_REPORT_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_REPORT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let text = decode(&bytes, path)?;
    Ok(Document {
        source,
        path: path.to_owned(),
        sha256: hex::encode(Sha256::digest(&bytes)),
        text,
    })
}

/// Decodes report bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM.
///
/// # Errors
/// [`IngestError::Empty`], [`IngestError::Binary`], [`IngestError::Pdf`],
/// [`IngestError::Utf16WithoutBom`] or [`IngestError::Encoding`].
pub fn decode(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    if bytes.starts_with(b"%PDF-") {
        return Err(IngestError::Pdf {
            path: path.to_owned(),
        });
    }
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
    // Word's soft line break (a vertical tab) is a line break; same width, so
    // offsets into the text stay those of the file.
    let text = if text.contains('\u{b}') {
        text.replace('\u{b}', "\n")
    } else {
        text
    };
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
    fn a_vertical_tab_is_a_line_break() -> Result<(), IngestError> {
        assert_eq!(
            decode(b"Minutes\x0bPresent: Ana", p())?,
            "Minutes\nPresent: Ana"
        );
        Ok(())
    }

    #[test]
    fn a_pdf_is_told_how_to_get_its_text() {
        let e = decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", p());
        assert!(matches!(e, Err(IngestError::Pdf { .. })));
        assert!(e.is_err_and(|e| e.to_string().contains("pdftotext")));
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
