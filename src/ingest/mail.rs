//! One e-mail message (`.eml`, RFC 5322 with MIME): its sender, date and
//! subject, then its own words.
//!
//! Rationale: working groups send their minutes as mail, and the message's
//! header says who wrote them, when and about what. Those come first, as the
//! lines of a mail pasted into a text file ("From: …", "Date: Tue, 14 May
//! 2024 10:00:00 +0200", "Subject: …"), which the extraction already reads as
//! a mail's header: the date there is when the mail was sent, not the meeting. The body is the
//! text/plain part when the message has one, else its HTML part read as a web
//! page; `mail-parser` undoes quoted-printable, base64 and the charset. What
//! the sender quoted ("> …" lines, with the "On … wrote:" line before them)
//! is left out: someone else's words, not new facts. The signature stays, as
//! the extraction finds the writer there. An mbox is read one message at a
//! time by the same function (`mbox.rs`), and an archive page's message shares
//! its header lines and its handling of quotes (`pipermail.rs`).

use super::{html, IngestError};
use mail_parser::{HeaderValue, MessageParser, PartType};
use std::path::Path;

/// A message read: its text, its Message-ID when its header has one, and
/// the messages it answers.
#[derive(Debug)]
pub struct Message {
    /// Header lines, a blank line, the body.
    pub text: String,
    /// The Message-ID, without its angle brackets.
    pub id: Option<String>,
    /// Its place in a thread.
    pub replies: Replies,
}

/// The messages a message answers, as its header names them (RFC 5322
/// §3.6.4), each id without its angle brackets: the thread a list's
/// archive shows, kept so that a reply's report links to its parent's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replies {
    /// `In-Reply-To:`: the message (rarely several) it replies to.
    pub in_reply_to: Vec<String>,
    /// `References:`: the thread's messages before it, oldest first.
    pub references: Vec<String>,
}

/// The message `bytes`: its text (header lines, a blank line, the body) and
/// its Message-ID, the name a list's archive and every mail program know it
/// by, which each fact's evidence keeps.
///
/// # Errors
/// [`IngestError::MailWithoutBody`] when it has no text or HTML body, or
/// nothing in it but quotes; [`IngestError::HtmlTooDeep`] for an HTML body
/// nested past reading.
pub fn text(bytes: &[u8], path: &Path) -> Result<Message, IngestError> {
    let no_body = || IngestError::MailWithoutBody {
        path: path.to_owned(),
    };
    let message = MessageParser::default().parse(bytes).ok_or_else(no_body)?;
    let body = match message.text_part(0).map(|part| &part.body) {
        Some(PartType::Text(text)) => own_words(text),
        Some(PartType::Html(page)) => own_words(&html::read(page, path)?),
        _ => return Err(no_body()),
    };
    if body.trim().is_empty() {
        return Err(no_body());
    }
    let from =
        message
            .from()
            .and_then(|f| f.first())
            .map(|from| match (from.name(), from.address()) {
                (Some(name), Some(address)) => format!("{name} <{address}>"),
                (name, address) => name.or(address).unwrap_or_default().to_owned(),
            });
    let header = Header {
        from,
        date: message.date().map(|d| d.to_rfc822()),
        subject: message.subject().map(|s| s.trim().to_owned()),
    };
    let id = message.message_id().and_then(msg_id);
    let replies = Replies {
        in_reply_to: msg_ids(message.in_reply_to()),
        references: msg_ids(message.references()),
    };
    Ok(Message {
        text: header.with_body(&body),
        id,
        replies,
    })
}

/// A Message-ID as a header gives it (`mail-parser` takes off the angle
/// brackets), or `None`: an id with white space or brackets in it is no
/// `msg-id` (RFC 5322) but a damaged header, which names no message.
fn msg_id(id: &str) -> Option<String> {
    let id = id.trim();
    let valid = !id.is_empty() && !id.contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    valid.then(|| id.to_owned())
}

/// The Message-IDs of an `In-Reply-To:` or `References:` field, in its
/// order, the damaged ones left out.
fn msg_ids(field: &HeaderValue<'_>) -> Vec<String> {
    field
        .as_text_list()
        .unwrap_or_default()
        .iter()
        .filter_map(|id| msg_id(id))
        .collect()
}

/// What a message's header says of it, as the lines the text opens with.
/// One shape for every container of mail (`.eml`, mbox, archive pages), so
/// the extraction reads them alike.
#[derive(Debug, Default)]
pub(super) struct Header {
    pub from: Option<String>,
    pub date: Option<String>,
    pub subject: Option<String>,
}

impl Header {
    /// "From: …", "Date: …" and "Subject: …" lines (those known), a blank
    /// line, then `body` without its leading blank lines.
    pub fn with_body(&self, body: &str) -> String {
        let mut text = String::new();
        for (name, value) in [
            ("From", &self.from),
            ("Date", &self.date),
            ("Subject", &self.subject),
        ] {
            if let Some(value) = value {
                text.push_str(&format!("{name}: {value}\n"));
            }
        }
        text.push('\n');
        text.push_str(body.trim_start_matches(['\n', '\r']));
        text
    }
}

/// The body without what it quotes. The signature stays: it is where the
/// extraction finds who wrote the minutes.
///
/// A quote is a stretch of "> " lines (blank lines within it too) holding
/// at least one line quoted once: a reply quotes the message it answers at
/// the first level, and what that message quoted at the second. A stretch
/// of lines all marked twice or more is no reply's quote but the sender's
/// own text, as a caption transcript marks each speaker (">> NAME: …").
pub(super) fn own_words(body: &str) -> String {
    let lines: Vec<&str> = body.lines().collect();
    let quote = quoted_lines(&lines);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let attribution = line.trim_end().ends_with("wrote:")
            && (i + 1..lines.len())
                .find(|&j| !lines[j].trim().is_empty())
                .is_some_and(|j| quote[j]);
        if quote[i] || attribution {
            continue;
        }
        out.push_str(line.trim_end_matches('\r'));
        out.push('\n');
    }
    out
}

/// For each line, whether it belongs to a reply's quote (see [`own_words`]).
fn quoted_lines(lines: &[&str]) -> Vec<bool> {
    let depth = |l: &str| {
        l.chars()
            .filter(|c| !c.is_whitespace())
            .take_while(|&c| c == '>')
            .count()
    };
    let mut quote = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if depth(lines[i]) == 0 {
            i += 1;
            continue;
        }
        // The stretch: quoted lines, and blank lines between them.
        let mut end = i;
        let mut j = i;
        while j < lines.len() && (depth(lines[j]) > 0 || lines[j].trim().is_empty()) {
            if depth(lines[j]) > 0 {
                end = j;
            }
            j += 1;
        }
        let reply = lines[i..=end].iter().any(|l| depth(l) == 1);
        for (k, l) in lines.iter().enumerate().take(end + 1).skip(i) {
            quote[k] = reply && depth(l) > 0;
        }
        i = end + 1;
    }
    quote
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("m.eml")
    }

    #[test]
    fn header_lines_then_the_senders_own_words() -> Result<(), IngestError> {
        let eml = "From: Ines Moreau <ines@example.org>\r\n\
                   To: group@example.org\r\n\
                   Date: Tue, 14 May 2024 10:00:00 +0200\r\n\
                   Subject: Minutes of the outreach meeting\r\n\
                   Message-ID: <1@example.org>\r\n\
                   MIME-Version: 1.0\r\n\
                   Content-Type: text/plain; charset=utf-8\r\n\
                   Content-Transfer-Encoding: quoted-printable\r\n\
                   \r\n\
                   Present: Ines Moreau, Tomas Berg, Jos=C3=A9 Ruiz\r\n\
                   \r\n\
                   On Monday, Tomas Berg wrote:\r\n\
                   > Please add the budget.\r\n\
                   \r\n\
                   The budget was approved.\r\n\
                   -- \r\n\
                   Ines Moreau, Secretary\r\n";
        let read = text(eml.as_bytes(), p())?;
        assert_eq!(read.id.as_deref(), Some("1@example.org"));
        assert_eq!(read.replies, Replies::default());
        assert_eq!(
            read.text,
            "From: Ines Moreau <ines@example.org>\n\
             Date: Tue, 14 May 2024 10:00:00 +0200\n\
             Subject: Minutes of the outreach meeting\n\n\
             Present: Ines Moreau, Tomas Berg, José Ruiz\n\n\n\
             The budget was approved.\n--\nInes Moreau, Secretary\n"
        );
        Ok(())
    }

    #[test]
    fn caption_speaker_marks_are_no_quote_but_a_reply_quoted_twice_is() {
        let body = ">> LEONIE FAIRWEATHER: Welcome, everyone.\n\n\
                    >> TAWANDA CHIKWANHA: Thank you, Leonie.\n\n\
                    On Monday, Tomas Berg wrote:\n\
                    > I agree.\n\
                    >> Earlier words.\n\
                    Approved.\n";
        assert_eq!(
            own_words(body),
            ">> LEONIE FAIRWEATHER: Welcome, everyone.\n\n\
             >> TAWANDA CHIKWANHA: Thank you, Leonie.\n\nApproved.\n"
        );
    }

    #[test]
    fn a_reply_keeps_the_messages_it_answers() -> Result<(), IngestError> {
        let eml = "From: tomas@example.org\r\nMessage-ID: <3@example.org>\r\n\
                   In-Reply-To: <2@example.org>\r\n\
                   References: <1@example.org>\r\n <2@example.org> <bad id@x>\r\n\
                   Subject: Re: Minutes\r\n\r\nApproved.\r\n";
        let read = text(eml.as_bytes(), p())?;
        assert_eq!(read.replies.in_reply_to, ["2@example.org"]);
        assert_eq!(read.replies.references, ["1@example.org", "2@example.org"]);
        Ok(())
    }

    #[test]
    fn an_html_body_is_read_as_a_page() -> Result<(), IngestError> {
        let eml = "From: ines@example.org\r\nSubject: Minutes\r\nMIME-Version: 1.0\r\n\
                   Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\
                   PHA+UHJlc2VudDogSW5lcyBNb3JlYXU8L3A+PHVsPjxsaT5CdWRnZXQ8L2xpPjwvdWw+\r\n";
        let read = text(eml.as_bytes(), p())?;
        assert_eq!(read.id, None);
        assert_eq!(
            read.text,
            "From: ines@example.org\nSubject: Minutes\n\nPresent: Ines Moreau\n\n- Budget\n"
        );
        Ok(())
    }

    #[test]
    fn a_message_of_attachments_only_has_no_body() {
        let eml = "From: ines@example.org\r\nMIME-Version: 1.0\r\n\
                   Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n";
        assert!(matches!(
            text(eml.as_bytes(), p()),
            Err(IngestError::MailWithoutBody { .. })
        ));
    }
}
