//! Mail archives (mbox): one report per message.
//!
//! Rationale: working groups keep their notes in mailing lists, and a list's
//! archive is an mbox, each message after a `From sender date` line. A
//! message is what someone wrote on one day about one subject, so each is a
//! report of its own, read by the one reader of a message (`mail.rs`): its
//! sender, date and subject as header lines, its own words without what it
//! quotes. `mail-parser`'s iterator splits the archive and undoes the
//! `>From ` escaping. Each message keeps the hash of its own bytes, so a
//! message added to an archive re-extracts that message only. A message that
//! cannot be read is named with its number, and the others are read all the
//! same: one broken message must not cost the archive. Threads are not joined:
//! a reply's own words are its report, which keeps the messages it answers
//! (`In-Reply-To:`, `References:`) for its report to link to theirs.

use super::{mail, IngestError};
use mail_parser::mailbox::mbox::MessageIterator;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// One message of an archive, read or not.
#[derive(Debug)]
pub struct Message {
    /// Its place in the archive, from 1.
    pub number: usize,
    /// How errors name it: the archive's path and the message's number.
    pub name: PathBuf,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
    /// Its text as `mail::text` reads a message, or why it cannot be read.
    pub text: Result<String, IngestError>,
    /// Its Message-ID, without angle brackets, when it is read and has one.
    pub message_id: Option<String>,
    /// The messages it answers, when it is read.
    pub replies: mail::Replies,
}

/// The messages of the mbox `bytes`, in the archive's order.
///
/// Cost: linear in the archive; each message is held once more while read.
pub fn messages(bytes: &[u8], path: &Path) -> Vec<Message> {
    MessageIterator::new(bytes)
        .enumerate()
        .map(|(i, message)| {
            let number = i + 1;
            let name = message_name(path, number);
            let (sha256, read) = match message {
                Ok(m) => {
                    let bytes = own_bytes(m.contents());
                    (hex::encode(Sha256::digest(bytes)), mail::text(bytes, &name))
                }
                Err(source) => (
                    String::new(),
                    Err(IngestError::Io {
                        path: name.clone(),
                        source,
                    }),
                ),
            };
            let (text, message_id, replies) = match read {
                Ok(m) => (Ok(m.text), m.id, m.replies),
                Err(e) => (Err(e), None, mail::Replies::default()),
            };
            Message {
                number,
                name,
                sha256,
                text,
                message_id,
                replies,
            }
        })
        .collect()
}

/// A message's bytes without the blank line that the archive puts before
/// the next `From ` line: it belongs to the archive, not to the message.
fn own_bytes(contents: &[u8]) -> &[u8] {
    if let Some(rest) = contents.strip_suffix(b"\r\n\r\n") {
        &contents[..rest.len() + 2]
    } else if let Some(rest) = contents.strip_suffix(b"\n\n") {
        &contents[..rest.len() + 1]
    } else {
        contents
    }
}

/// "list.mbox, message 3": how a message is named in errors, as a path since
/// every [`IngestError`] names one.
pub fn message_name(path: &Path, number: usize) -> PathBuf {
    PathBuf::from(format!("{}, message {number}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "From ines@example.org Tue May 14 10:00:00 2024\n\
        From: Ines Moreau <ines@example.org>\n\
        Date: Tue, 14 May 2024 10:00:00 +0200\n\
        Subject: Outreach minutes\n\
        Message-ID: <1@example.org>\n\
        \n\
        Present: Ines Moreau, Tomas Berg\n\
        >From the chair: the budget was approved.\n\
        \n\
        From tomas@example.org Wed May 15 09:00:00 2024\n\
        From: Tomas Berg <tomas@example.org>\n\
        Date: Wed, 15 May 2024 09:00:00 +0200\n\
        Subject: Re: Outreach minutes\n\
        \n\
        On Tue, Ines Moreau wrote:\n\
        > Present: Ines Moreau, Tomas Berg\n\
        \n\
        Thanks, approved.\n";

    #[test]
    fn each_message_is_read_with_its_header_and_without_its_quotes() -> Result<(), IngestError> {
        let read = messages(ARCHIVE.as_bytes(), Path::new("list.mbox"));
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].number, 1);
        assert_eq!(
            read[0].text.as_deref().map_err(|e| e.to_string()),
            Ok("From: Ines Moreau <ines@example.org>\n\
                Date: Tue, 14 May 2024 10:00:00 +0200\n\
                Subject: Outreach minutes\n\n\
                Present: Ines Moreau, Tomas Berg\n\
                From the chair: the budget was approved.\n")
        );
        let second = read[1].text.as_deref().map_err(|e| e.to_string());
        assert_eq!(
            second,
            Ok("From: Tomas Berg <tomas@example.org>\n\
                Date: Wed, 15 May 2024 09:00:00 +0200\n\
                Subject: Re: Outreach minutes\n\n\
                Thanks, approved.\n")
        );
        assert_ne!(read[0].sha256, read[1].sha256);
        Ok(())
    }

    #[test]
    fn a_broken_message_is_named_and_the_others_are_read() {
        let archive = format!(
            "{ARCHIVE}From x@example.org Thu May 16 09:00:00 2024\n\
             From: x@example.org\nContent-Type: application/pdf\n\nJVBERi0=\n"
        );
        let read = messages(archive.as_bytes(), Path::new("list.mbox"));
        assert_eq!(read.len(), 3);
        assert!(read[0].text.is_ok() && read[1].text.is_ok());
        let err = read[2].text.as_ref().err().map(ToString::to_string);
        assert_eq!(
            err.as_deref(),
            Some("list.mbox, message 3 is an e-mail message without a text body")
        );
    }
}
