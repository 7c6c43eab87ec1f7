//! Reading report files: bytes in, plain text out, or a reason why not.
//!
//! Rationale: every later stage works on `str`; this is the one place that decides
//! whether a file is a report at all and how to read it. The reader is chosen by
//! the file's content, not its name (`sniff.rs`): plain text, a Word (DOCX) or
//! OpenDocument (ODT) document, an HTML page (a mailing list's archive page
//! read as the message it holds, `pipermail.rs`), one e-mail message, a mail
//! archive or a PDF. Each
//! structured reader writes the plain text a Markdown report would have
//! (`layout.rs`): headings, list items and table rows on lines of their own, which
//! is the structure the extraction leans on; the PDF reader rebuilds them from
//! where its glyphs stand (`pdf_layout.rs`) and keeps the page of each line. It
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
mod layout;
mod mail;
mod mbox;
mod odt;
mod office;
mod package;
mod pdf;
mod pdf_layout;
mod pdf_spans;
mod pipermail;
mod plain;
mod sniff;
mod xml;

pub use plain::decode;
pub use sniff::Format;

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

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
    let text = text_of(&bytes, path)?;
    Ok(Document {
        source,
        path: path.to_owned(),
        sha256: hex::encode(Sha256::digest(&bytes)),
        text,
    })
}

/// One report read out of a file: the file itself, or one message of a mail
/// archive.
#[derive(Debug)]
pub struct Part {
    /// What follows the file's identity in the report's: nothing for the
    /// whole file, `/3` for the third message of an mbox, so that each
    /// message has a graph of its own (`list.mbox/3` → `graph/list-mbox/3`)
    /// that stays its own as messages are added to the archive.
    pub suffix: String,
    /// The report, or why it cannot be read.
    pub document: Result<Document, IngestError>,
}

/// Reads the reports of one file: one for most formats, one a message for a
/// mail archive (mbox), each with the hash of its own bytes so that the cache
/// and incremental builds work message by message.
///
/// Cost: as [`read`]; an archive is held in memory while its messages are read.
///
/// # Errors
/// The file as a whole cannot be read (see [`read`]); a message that cannot
/// be read is a [`Part`] holding its error, named by the archive and its number.
pub fn read_parts(path: &Path) -> Result<Vec<Part>, IngestError> {
    let (bytes, source) = load(path)?;
    if sniff::format(&bytes) != Format::Mbox {
        let text = text_of(&bytes, path)?;
        let document = Document {
            source,
            path: path.to_owned(),
            sha256: hex::encode(Sha256::digest(&bytes)),
            text,
        };
        return Ok(vec![Part {
            suffix: String::new(),
            document: Ok(document),
        }]);
    }
    let parts = mbox::messages(&bytes, path).into_iter().map(|m| {
        let suffix = format!("/{}", m.number);
        let document = m
            .text
            .and_then(|t| checked(t, &m.name))
            .map(|text| Document {
                source: format!("{source}{suffix}"),
                path: path.to_owned(),
                text,
                sha256: m.sha256,
            });
        Part { suffix, document }
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
}

/// The plain text of a report's bytes, by the reader their [`Format`] calls for.
///
/// # Errors
/// See [`IngestError`].
pub fn text_of(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    text_and_pages(bytes, path).map(|t| t.text)
}

/// The plain text of a report's bytes and, for a PDF, the page of each line.
///
/// # Errors
/// See [`IngestError`].
pub fn text_and_pages(bytes: &[u8], path: &Path) -> Result<Text, IngestError> {
    let mut pages = None;
    let text = match sniff::format(bytes) {
        Format::Pdf => {
            let pdf = pdf::read(bytes, path)?;
            pages = Some(pdf.pages);
            pdf.text
        }
        Format::LegacyOffice => {
            return Err(IngestError::LegacyOffice {
                path: path.to_owned(),
            })
        }
        Format::Text => {
            return decode(bytes, path).map(|text| Text { text, pages: None });
        }
        Format::Zip => office::text(bytes, path)?,
        Format::Html => {
            let page = decode(bytes, path)?;
            match pipermail::message(&page, path)? {
                Some(text) => text,
                None => html::read(&page, path)?,
            }
        }
        Format::Mail => mail::text(bytes, path)?,
        Format::Mbox => joined(bytes, path)?,
    };
    checked(text, path).map(|text| Text { text, pages })
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
/// message at a time, [`read_parts`]): its messages one after the other.
///
/// # Errors
/// The first message that cannot be read.
fn joined(bytes: &[u8], path: &Path) -> Result<String, IngestError> {
    let texts = mbox::messages(bytes, path)
        .into_iter()
        .map(|m| m.text)
        .collect::<Result<Vec<_>, _>>()?;
    if texts.is_empty() {
        return Err(IngestError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(texts.join("\n"))
}
