//! Which reader a file needs, told from its first bytes.
//!
//! Rationale: people's folders hold `minutes.doc` that is really HTML saved by
//! a web mail, `.txt` files that are e-mail, and files with no extension at
//! all; the name is a hint at best. The content says: a zip's local header, a
//! PDF's `%PDF-`, HTML's `<!DOCTYPE html>` or `<html`, the header block of an
//! RFC 5322 message. Anything else is read as plain text, as before. Which
//! kind of zip (DOCX or ODT) is the package reader's question, since it has to
//! open the archive to answer it.

/// How a file is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown.
    Text,
    /// A PDF: its text layer read, page by page (`pdf.rs`).
    Pdf,
    /// A legacy Office file (OLE2 compound file: `.doc`, `.xls`, `.ppt`):
    /// refused with the advice to save it as DOCX.
    LegacyOffice,
    /// A zip archive: a DOCX or ODT document, or refused.
    Zip,
    /// An HTML (or XHTML) page.
    Html,
    /// One e-mail message (RFC 5322, `.eml`).
    Mail,
    /// A mail archive (mbox): messages each after a `From ` line.
    Mbox,
}

/// The signature of an OLE2 compound file, the container of Word 97-2003.
const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// How much of a file [`format`] looks at: the header block of a message.
pub const HEAD_BYTES: u64 = 64 * 1024;

/// How far into a file the signs of HTML are looked for.
const HTML_HEAD: usize = 1024;

/// The format of a file whose bytes start with `bytes`.
pub fn format(bytes: &[u8]) -> Format {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.starts_with(b"%PDF-") {
        Format::Pdf
    } else if body.starts_with(OLE2) {
        Format::LegacyOffice
    } else if body.starts_with(b"PK\x03\x04") || body.starts_with(b"PK\x05\x06") {
        Format::Zip
    } else if is_html(body) {
        Format::Html
    } else if is_mail(body) {
        Format::Mail
    } else if is_mbox(body) {
        Format::Mbox
    } else {
        Format::Text
    }
}

/// Starts (past white space, an XML declaration and comments) with a doctype
/// or an element of an HTML page: Markdown and plain reports never do.
fn is_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HTML_HEAD)]).to_ascii_lowercase();
    let mut rest = head.trim_start();
    loop {
        let skipped = if rest.starts_with("<?xml") {
            rest.find("?>").map(|i| &rest[i + 2..])
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|i| &rest[i + 3..])
        } else {
            None
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => break,
        }
    }
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|sign| rest.starts_with(sign))
}

/// Header fields that only a message has: a memo typed with "From:",
/// "Date:" and "Subject:" lines has none of them.
const TRANSPORT_FIELDS: &[&str] = &[
    "message-id",
    "mime-version",
    "received",
    "return-path",
    "content-type",
    "delivered-to",
    "x-mailer",
    "user-agent",
    "in-reply-to",
    "references",
];

/// Starts with an RFC 5322 header block: every line up to the first blank one
/// a field ("Name: value") or the folded continuation of one, a "From:" with
/// an address in it, and at least one field only a message has.
fn is_mail(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD_BYTES as usize)]);
    let mut from = false;
    let mut transport = false;
    let mut fields = 0;
    for line in head.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) && fields > 0 {
            continue;
        }
        let Some((name, value)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return false;
        }
        let name = name.to_ascii_lowercase();
        from |= name == "from" && value.contains('@');
        transport |= TRANSPORT_FIELDS.contains(&name.as_str());
        fields += 1;
    }
    from && transport
}

/// Opens with an mbox's separator line ("From sender date", the date with a
/// time of day in it, as `asctime` writes it) followed by a header block with
/// a sender or a date: a report that starts "From the Secretary" has neither.
fn is_mbox(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(HEAD_BYTES as usize)]);
    let mut lines = head.lines();
    let Some(separator) = lines.next().and_then(|l| l.strip_prefix("From ")) else {
        return false;
    };
    let has_time = separator.as_bytes().windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    if !has_time {
        return false;
    }
    let mut known = false;
    for line in lines {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        match line.split_once(':') {
            Some((name, _)) if !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()) => {
                let name = name.to_ascii_lowercase();
                known |= matches!(name.as_str(), "from" | "date" | "message-id");
            }
            _ => return false,
        }
    }
    known
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_told_by_its_first_bytes() {
        assert_eq!(format(b"%PDF-1.7\n"), Format::Pdf);
        assert_eq!(format(b"PK\x03\x04\x14\x00"), Format::Zip);
        assert_eq!(
            format(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"),
            Format::LegacyOffice
        );
        assert_eq!(format(b"\n<!DOCTYPE html>\n<html>"), Format::Html);
        assert_eq!(
            format(b"<?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns=\"x\">"),
            Format::Html
        );
        assert_eq!(
            format(b"From: Ana Silva <ana@example.org>\r\nSubject: Minutes\r\nMessage-ID: <1@x>\r\n\r\nHi"),
            Format::Mail
        );
        assert_eq!(
            format(b"Minutes of the meeting\nPresent: Ana"),
            Format::Text
        );
    }

    #[test]
    fn an_mbox_is_told_by_its_separator_and_a_header_block() {
        assert_eq!(
            format(b"From ana@example.org Tue May 14 10:00:00 2024\nFrom: Ana <ana@example.org>\nSubject: Minutes\n\nHi\n"),
            Format::Mbox
        );
        assert_eq!(
            format(b"From the Secretary, 14 May 2024 at 10:00\nPresent: Ana\n\nMinutes"),
            Format::Text
        );
        assert_eq!(
            format(b"From Ana to the group 2024\nthe minutes follow\n"),
            Format::Text
        );
    }

    #[test]
    fn a_memo_with_header_lines_is_text_not_mail() {
        assert_eq!(
            format(b"From: the Secretary\nDate: 14 May 2024\nSubject: Minutes\n\nPresent: Ana"),
            Format::Text
        );
        assert_eq!(
            format(b"From: ana@example.org\nDate: 14 May 2024\n\nPresent: Ana"),
            Format::Text
        );
    }

    #[test]
    fn markdown_that_mentions_html_is_text() {
        assert_eq!(format(b"# Minutes\n\n<html> was discussed"), Format::Text);
    }
}
