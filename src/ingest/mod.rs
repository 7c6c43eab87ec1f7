//! Reading report files: bytes in, plain text out, or a reason why not.
//!
//! Rationale: every later stage works on `str`; this is the one place that decides
//! whether a file is a report at all and how to read it. The reader is chosen by
//! the file's content, not its name (`sniff.rs`): plain text, a Word (DOCX) or
//! OpenDocument (ODT) document, an HTML page (a mailing list's archive page
//! read as the message it holds, `pipermail.rs` for Mailman 2's,
//! `hyperkitty.rs` for Mailman 3's), one e-mail message, a mail
//! archive or a PDF. Each
//! structured reader writes the plain text a Markdown report would have
//! (`layout.rs`): headings, list items and table rows on lines of their own, which
//! is the structure the extraction leans on; the PDF reader rebuilds them from
//! where its glyphs stand (`pdf_layout.rs`) and keeps the page of each line,
//! and a mail reader the message's Message-ID, which the document carries as
//! the [`Places`] of its text, for the evidence to keep. It
//! refuses rather than guesses: an empty, binary, oversized, damaged or non-UTF-8
//! file, a scanned or password-protected PDF, is an error naming the file and the
//! reason, so a bad input never reaches the store. A mail archive (mbox) is
//! several reports, one a message ([`read_parts`]); a message that cannot be
//! read is refused alone, the others read.
//! It does not clean the text (line breaks, markup, page furniture): that is
//! [`crate::text`]'s job, which keeps offsets into the text made here, so evidence
//! points into the file itself for text, and into the text its reader made for
//! the other formats.

mod docx;
mod html;
mod hyperkitty;
mod layout;
mod mail;
mod mbox;
mod odt;
mod office;
mod package;
mod pdf;
mod pdf_fonts;
mod pdf_layout;
mod pdf_spans;
mod pipermail;
mod plain;
mod sniff;
mod xml;

pub use mail::Replies;
pub use pdf::{catches_panics, keep_log};
pub use plain::decode;
pub use sniff::Format;

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reports larger than this are refused: real summary reports are a few kilobytes,
/// and a transcript of a full day is well under a megabyte.
pub const MAX_REPORT_BYTES: u64 = 16 * 1024 * 1024;

/// DOCX, ODT, e-mail, mbox and PDF files larger than this are refused. They are allowed
/// more than text because pictures and attachments, which are not read, make
/// up most of their size; their text is held to [`MAX_REPORT_BYTES`] all the same.
pub const MAX_DOCUMENT_BYTES: u64 = 8 * MAX_REPORT_BYTES;

/// Unpacked XML larger than this is refused: a document's markup is a few
/// times its text, and a zip whose member inflates past this is a zip bomb,
/// not minutes.
pub const MAX_UNPACKED_BYTES: u64 = 8 * MAX_REPORT_BYTES;

/// A report file, decoded.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file name without directories: the report's identity in the outputs.
    pub source: String,
    pub path: PathBuf,
    pub text: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Where the stretches of `text` stand in the file: the page of a PDF,
    /// the message of a mail. Empty for the formats that know no more than
    /// the file (text, Word, web pages).
    pub places: Places,
}

/// Where each stretch of a report's text came from inside its file, for the
/// formats that know more than the file: the page of a PDF, the message
/// (its Message-ID) of a mail.
///
/// Rationale: evidence is a range of the text a reader made, and a person
/// checking it opens the file at a page, or looks a message up by its id:
/// the reader is the one stage that knows where its text came from, so it
/// says so here, by offsets into that text, and the extraction gives each
/// quote the place of its first char.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The char offset in the text where each stretch starts, and its place;
    /// by offset, each stretch running to the next one's start.
    starts: Vec<(usize, Place)>,
}

/// The place of a stretch of text in its file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The page of a PDF, from 1.
    pub page: Option<u32>,
    /// The Message-ID of a mail, without its angle brackets (as `mid:` URLs
    /// and mail indexers write it): shared by every quote of the message.
    pub message_id: Option<Arc<str>>,
}

impl Places {
    /// No place known: the text is the file's own.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The place of the char at `offset` of the text (an offset past the
    /// end is in the last stretch); `None` when no place is known.
    /// Cost: a binary search of the stretches.
    pub fn at(&self, offset: usize) -> Option<&Place> {
        let after = self.starts.partition_point(|(start, _)| *start <= offset);
        self.starts
            .get(after.checked_sub(1)?)
            .map(|(_, place)| place)
    }

    /// The pages of a PDF's text, given the page of each of its lines (blank
    /// lines too): one stretch per run of lines on one page.
    fn of_lines(text: &str, pages: &[u32]) -> Self {
        let mut starts: Vec<(usize, Place)> = Vec::new();
        let mut offset = 0;
        for (line, page) in text.split('\n').zip(pages) {
            if starts.last().and_then(|(_, p)| p.page) != Some(*page) {
                let place = Place {
                    page: Some(*page),
                    message_id: None,
                };
                starts.push((offset, place));
            }
            offset += line.chars().count() + 1;
        }
        Self { starts }
    }

    /// One message's text, whole: its Message-ID, when it has one.
    fn of_message(message_id: Option<&str>) -> Self {
        Self::of_messages([(0, message_id)])
    }

    /// Messages one after the other: each one's first char and its
    /// Message-ID. A message without one has no place, rather than its
    /// neighbour's.
    fn of_messages<'a>(messages: impl IntoIterator<Item = (usize, Option<&'a str>)>) -> Self {
        let starts: Vec<(usize, Place)> = messages
            .into_iter()
            .map(|(start, id)| {
                let place = Place {
                    page: None,
                    message_id: id.map(Arc::from),
                };
                (start, place)
            })
            .collect();
        if starts.iter().all(|(_, p)| p.message_id.is_none()) {
            return Self::default();
        }
        Self { starts }
    }
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
    /// A document whose text, read out, is larger than [`MAX_REPORT_BYTES`].
    #[error("{} holds too much text ({size} bytes read out of it; the limit is {limit})", path.display())]
    TextTooLarge {
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
    /// A PDF that cannot be parsed: cut short, or not a PDF past its first bytes.
    #[error("{} is a damaged PDF ({reason}): truncated? save or download it again", path.display())]
    PdfDamaged { path: PathBuf, reason: String },
    /// A PDF that needs a password to be opened.
    #[error("{} is an encrypted PDF that needs a password: decrypt it first, e.g. with `qpdf --password=PASSWORD --decrypt in.pdf out.pdf` (Debian package qpdf), and build from the decrypted file", path.display())]
    PdfEncrypted { path: PathBuf },
    /// A PDF without a text layer: pictures of pages, as a scanner makes them.
    #[error("{} is a PDF without text ({pages} pages of images: a scan?): give it a text layer with an OCR tool, e.g. `ocrmypdf in.pdf out.pdf` (Debian package ocrmypdf), and build from its output", path.display())]
    PdfNoText { path: PathBuf, pages: usize },
    /// A PDF whose pages could not be interpreted (a font or a content
    /// stream the reader does not understand).
    #[error("{} is a PDF whose text could not be read ({reason}): print it to a new PDF, or take its text out with `pdftotext -layout` (Debian package poppler-utils) and build from the .txt", path.display())]
    PdfUnreadable { path: PathBuf, reason: String },
    /// A Word 97-2003 `.doc` (or another legacy Office file): its text must
    /// be saved as DOCX first.
    #[error("{} is a legacy Office document (Word 97-2003 .doc, or .xls/.ppt), not text: save it as .docx, e.g. with `libreoffice --headless --convert-to docx` (Debian package libreoffice-writer)", path.display())]
    LegacyOffice { path: PathBuf },
    /// A zip file that cannot be read: cut short in a copy or a download, or damaged.
    #[error("{} is a damaged zip package ({source}): truncated? save or download it again", path.display())]
    BadZip {
        path: PathBuf,
        #[source]
        source: zip::result::ZipError,
    },
    /// A zip file that is neither a Word (DOCX) nor an OpenDocument text (ODT) document.
    #[error("{} is a zip archive but not a Word (.docx) or OpenDocument text (.odt) document", path.display())]
    NotADocument { path: PathBuf },
    /// A part of a document package that inflates past [`MAX_UNPACKED_BYTES`].
    #[error("{} is refused: its part {member} unpacks to more than {limit} bytes", path.display())]
    UnpackedTooLarge {
        path: PathBuf,
        member: String,
        limit: u64,
    },
    /// A document part that is not well-formed XML.
    #[error("{} has malformed XML in {member} at byte {position}: {source}", path.display())]
    Xml {
        path: PathBuf,
        member: String,
        position: u64,
        #[source]
        source: quick_xml::Error,
    },
    /// An HTML page whose elements nest so deep that parsing it would take
    /// minutes (the depths of its elements add up to more than 200 million,
    /// `html.rs`): no report is written so.
    #[error("{} is an HTML page nested too deeply to read (its elements' depths add up to over {limit})", path.display())]
    HtmlTooDeep { path: PathBuf, limit: u64 },
    /// An e-mail message with no text or HTML body (only attachments, or nothing).
    #[error("{} is an e-mail message without a text body", path.display())]
    MailWithoutBody { path: PathBuf },
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
            | Self::TextTooLarge { path, .. }
            | Self::Binary { path, .. }
            | Self::PdfDamaged { path, .. }
            | Self::PdfEncrypted { path }
            | Self::PdfNoText { path, .. }
            | Self::PdfUnreadable { path, .. }
            | Self::LegacyOffice { path }
            | Self::BadZip { path, .. }
            | Self::NotADocument { path }
            | Self::UnpackedTooLarge { path, .. }
            | Self::Xml { path, .. }
            | Self::HtmlTooDeep { path, .. }
            | Self::MailWithoutBody { path }
            | Self::Utf16WithoutBom { path, .. }
            | Self::Encoding { path, .. } => path,
        }
    }
}

/// Reads one report file with the reader its content calls for.
///
/// Cost: linear in the file, which is at most [`MAX_REPORT_BYTES`]
/// ([`MAX_DOCUMENT_BYTES`] for a document package or an e-mail); a package
/// inflates at most [`MAX_UNPACKED_BYTES`] of XML.
///
/// # Errors
/// See [`IngestError`]; a refused file is never partly returned.
pub fn read(path: &Path) -> Result<Document, IngestError> {
    let (bytes, source) = load(path)?;
    let read = text_and_pages(&bytes, path)?;
    Ok(Document {
        source,
        path: path.to_owned(),
        sha256: hex::encode(Sha256::digest(&bytes)),
        text: read.text,
        places: read.places,
    })
}

/// One report read out of a file: the file itself, or one message of a mail
/// archive.
#[derive(Debug)]
pub struct Part {
    /// What follows the file's identity in the report's when the part has
    /// no Message-ID to be known by: nothing for the whole file, `/3` for
    /// the third message of an mbox, so that each message has a graph of
    /// its own (`list.mbox/3` → `graph/list-mbox/3`).
    pub suffix: String,
    /// The Message-ID of a mail message (an `.eml`, or a message of an
    /// archive) that has one, without its angle brackets: the name the
    /// message is known by wherever it is filed.
    pub message_id: Option<String>,
    /// Where the part is, as errors and notes name it: the file, or the
    /// archive and the message's number (`list.mbox, message 3`).
    pub place: PathBuf,
    /// The messages a mail message answers; none for other formats.
    pub replies: Replies,
    /// The report, or why it cannot be read.
    pub document: Result<Document, IngestError>,
}

/// Reads the reports of one file: one for most formats, one a message for a
/// mail archive (mbox), each with the hash of its own bytes so that the cache
/// and incremental builds work message by message, and a message's
/// Message-ID, by which the corpus knows it wherever it is filed.
///
/// Cost: as [`read`]; an archive is held in memory while its messages are read.
///
/// # Errors
/// The file as a whole cannot be read (see [`read`]); a message that cannot
/// be read is a [`Part`] holding its error, named by the archive and its number.
pub fn read_parts(path: &Path) -> Result<Vec<Part>, IngestError> {
    let (bytes, source) = load(path)?;
    let format = sniff::format(&bytes);
    if format != Format::Mbox {
        let read = text_and_pages(&bytes, path)?;
        let message_id = (format == Format::Mail)
            .then(|| read.places.at(0).and_then(|p| p.message_id.as_deref()))
            .flatten()
            .map(str::to_owned);
        let replies = read.replies;
        let document = Document {
            source,
            path: path.to_owned(),
            sha256: hex::encode(Sha256::digest(&bytes)),
            text: read.text,
            places: read.places,
        };
        return Ok(vec![Part {
            suffix: String::new(),
            message_id,
            place: path.to_owned(),
            replies,
            document: Ok(document),
        }]);
    }
    let parts = mbox::messages(&bytes, path).into_iter().map(|m| {
        let suffix = format!("/{}", m.number);
        let places = Places::of_message(m.message_id.as_deref());
        let document = m
            .text
            .and_then(|t| checked(t, &m.name))
            .map(|text| Document {
                source: format!("{source}{suffix}"),
                path: path.to_owned(),
                text,
                sha256: m.sha256,
                places,
            });
        Part {
            suffix,
            message_id: m.message_id,
            place: m.name,
            replies: m.replies,
            document,
        }
    });
    Ok(parts.collect())
}

/// The bytes of the file at `path`, refused past its format's size limit,
/// and its name.
fn load(path: &Path) -> Result<(Vec<u8>, String), IngestError> {
    let io = |source| IngestError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    let limit = size_limit(path).map_err(io)?;
    if size > limit {
        return Err(IngestError::TooLarge {
            path: path.to_owned(),
            size,
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((bytes, source))
}

/// How large the file at `path` may be, by the format its first bytes tell.
fn size_limit(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)?
        .take(sniff::HEAD_BYTES)
        .read_to_end(&mut head)?;
    Ok(match sniff::format(&head) {
        Format::Zip | Format::Mail | Format::Mbox | Format::Pdf => MAX_DOCUMENT_BYTES,
        Format::Text | Format::Html | Format::LegacyOffice => MAX_REPORT_BYTES,
    })
}

/// A report's text, and where each of its lines stands in the file when the
/// format has pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    /// For a PDF, the page (from 1) of each line of `text`, blank lines
    /// too: the `n`th line came from page `pages[n]`. `None` for formats
    /// without pages.
    pub pages: Option<Vec<u32>>,
    /// Where the stretches of `text` stand in the file: its pages (PDF) or
    /// its messages (mail).
    pub places: Places,
    /// The messages a mail (one message) answers; none for other formats.
    pub replies: Replies,
}

/// The plain text of a report's bytes, by the reader their [`Format`] calls for.
///
/// # Errors
/// See [`IngestError`].
pub fn text_of(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    text_and_pages(bytes, path).map(|t| t.text)
}

/// The plain text of a report's bytes and, for a PDF, the page of each line;
/// for a mail, the message of each stretch.
///
/// # Errors
/// See [`IngestError`].
pub fn text_and_pages(bytes: &[u8], path: &Path) -> Result<Text, IngestError> {
    let mut pages = None;
    let mut places = Places::default();
    let mut replies = Replies::default();
    let text = match sniff::format(bytes) {
        Format::Pdf => {
            let pdf = pdf::read(bytes, path)?;
            places = Places::of_lines(&pdf.text, &pdf.pages);
            pages = Some(pdf.pages);
            pdf.text
        }
        Format::LegacyOffice => {
            return Err(IngestError::LegacyOffice {
                path: path.to_owned(),
            })
        }
        Format::Text => {
            return decode(bytes, path).map(|text| Text {
                text,
                pages: None,
                places,
                replies: Replies::default(),
            });
        }
        Format::Zip => office::text(bytes, path)?,
        Format::Html => {
            let page = decode(bytes, path)?;
            if let Some(text) = pipermail::message(&page, path)? {
                text
            } else if let Some(text) = hyperkitty::message(&page, path)? {
                text
            } else {
                html::read(&page, path)?
            }
        }
        Format::Mail => {
            let message = mail::text(bytes, path)?;
            places = Places::of_message(message.id.as_deref());
            replies = message.replies;
            message.text
        }
        Format::Mbox => {
            let (text, messages) = joined(bytes, path)?;
            places = messages;
            text
        }
    };
    checked(text, path).map(|text| Text {
        text,
        pages,
        places,
        replies,
    })
}

/// A reader's text, refused when larger than [`MAX_REPORT_BYTES`] or when it
/// holds what text never has.
fn checked(text: String, path: &Path) -> Result<String, IngestError> {
    let size = text.len() as u64;
    if size > MAX_REPORT_BYTES {
        return Err(IngestError::TextTooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_REPORT_BYTES,
        });
    }
    plain::checked(text, path)
}

/// An mbox read as one text, for a caller that wants one (a build reads it a
/// message at a time, [`read_parts`]): its messages one after the other, and
/// where each starts with its Message-ID.
///
/// # Errors
/// The first message that cannot be read.
fn joined(bytes: &[u8], path: &Path) -> Result<(String, Places), IngestError> {
    let messages = mbox::messages(bytes, path)
        .into_iter()
        .map(|m| m.text.map(|t| (t, m.message_id)))
        .collect::<Result<Vec<_>, _>>()?;
    if messages.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_owned(),
        });
    }
    let mut starts = Vec::with_capacity(messages.len());
    let mut offset = 0;
    for (text, id) in &messages {
        starts.push((offset, id.as_deref()));
        offset += text.chars().count() + 1;
    }
    let places = Places::of_messages(starts);
    let texts: Vec<&str> = messages.iter().map(|(t, _)| t.as_str()).collect();
    Ok((texts.join("\n"), places))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_char_offset_is_on_the_page_of_its_line() {
        // Lines 0-1 on page 1, lines 2-3 (a blank one) on page 2, line 4 on 3.
        let text = "Minutes\nPresent: Ana\n\nAna spoke é.\nEnd\n";
        let places = Places::of_lines(text, &[1, 1, 2, 2, 3]);
        let page = |offset| places.at(offset).and_then(|p| p.page);
        assert_eq!(page(0), Some(1));
        assert_eq!(page(20), Some(1), "the newline ending page 1's last line");
        assert_eq!(page(21), Some(2), "the blank line opening page 2");
        assert_eq!(page(22), Some(2));
        // Offsets count chars: "Ana spoke é.\n" is 13 chars, 14 bytes.
        assert_eq!(page(35), Some(3));
        assert_eq!(page(1000), Some(3), "past the end: the last page");
        assert_eq!(Places::default().at(0), None);
    }

    #[test]
    fn each_message_of_an_archive_read_whole_has_its_own_id() -> Result<(), IngestError> {
        let archive = "From a@example.org Tue May 14 10:00:00 2024\n\
            From: a@example.org\nMessage-ID: <one@example.org>\n\nFirst é.\n\n\
            From b@example.org Wed May 15 10:00:00 2024\n\
            From: b@example.org\n\nNo id.\n\n\
            From c@example.org Thu May 16 10:00:00 2024\n\
            From: c@example.org\nMessage-ID: <three@example.org>\n\nThird.\n";
        let read = text_and_pages(archive.as_bytes(), Path::new("list.mbox"))?;
        let id = |needle: &str| {
            let at = read
                .text
                .find(needle)
                .map(|b| read.text[..b].chars().count());
            at.and_then(|at| read.places.at(at))
                .and_then(|p| p.message_id.as_deref().map(str::to_owned))
        };
        assert_eq!(id("First").as_deref(), Some("one@example.org"));
        assert_eq!(id("No id"), None);
        assert_eq!(id("Third").as_deref(), Some("three@example.org"));
        assert_eq!(read.pages, None);
        Ok(())
    }
}
