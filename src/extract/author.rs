//! The writer of a record sent as an e-mail: named in the signature or, where
//! there is none, as the sender at the top ("From: Ana Ruiz <ana@…>", an
//! archive page's "Ana Ruiz ana at example.org"), and otherwise present as
//! "I" ("I presented the draft") and "myself" ("... and myself" closing the
//! participants line).

use crate::text::Text;
use crate::words::names::{is_name_word, title_case};
use crate::words::Lexicons;
use regex::Regex;
use std::sync::LazyLock;

/// A sender's line: "From: Ana Ruiz <ana@example.org>", "\"Ruiz, Ana\"
/// <…>", "Ana Ruiz ana at example.org" (a list archive hides the address
/// so), "ana@example.org (Ana Ruiz)": the name in group `name`.
static SENDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)^(?:from:\s*)?(?:"?(?P<name>[^<>"@():]+?)"?\s*(?:<[^<>\s@]+@[^<>\s]+>|\(?[\w.+\-]+ at [\w\-]+(?:\.[\w\-]+)+\)?)|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\s+\((?P<quoted>[^()]+)\))\s*$"#,
    )
    .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// How many of a record's first lines can hold its sender.
const SENDER_LINES: usize = 6;

/// The writer: their name, the line it is on, and the sentence where they
/// speak, if any (an index into [`Text::sentences`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub line: usize,
    pub spoke_in: Option<usize>,
    /// Named by the mail's sender line, not by a signature: any mail has a
    /// sender, so it is no sign that the mail records a meeting.
    pub from_sender: bool,
}

/// The writer: the signature under the last closing line of the record,
/// else the sender its first lines name.
pub fn find(text: &Text, lex: &Lexicons) -> Option<Author> {
    let (name, line, from_sender) = match signature(text, lex) {
        Some((name, line)) => (name, line, false),
        None => {
            let (name, line) = sender(text, lex)?;
            (name, line, true)
        }
    };
    let spoke_in = text.sentences.iter().position(|s| {
        lex.prose
            .first_person_speech
            .captures_iter(s.text())
            .any(|c| {
                c.get(1)
                    .is_some_and(|v| lex.speech_verbs.contains(v.as_str()))
            })
    });
    Some(Author {
        name,
        line,
        spoke_in,
        from_sender,
    })
}

/// The signature under the last closing line of the record, when there is
/// one: the first line below it that is a name of two to four words.
fn signature(text: &Text, lex: &Lexicons) -> Option<(String, usize)> {
    let closing = text
        .lines
        .iter()
        .rposition(|l| lex.prose.closing.is_match(l.text().trim()))?;
    let line = text.lines[closing + 1..]
        .iter()
        .filter(|l| !l.is_blank())
        .take(2)
        .find(|l| is_written_name(l.text(), lex))?;
    Some((line.text().trim().to_owned(), line.number))
}

/// The sender a line among the record's first names with an address
/// ([`SENDER`]); a family name in capitals first ("OYELOWO Adebimpe") is put
/// after the given name, as the record's own lists write it.
fn sender(text: &Text, lex: &Lexicons) -> Option<(String, usize)> {
    text.lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(SENDER_LINES)
        .find_map(|l| {
            let c = SENDER.captures(l.text().trim())?;
            let name = c.name("name").or_else(|| c.name("quoted"))?.as_str().trim();
            let name = given_name_first(name);
            is_written_name(&name, lex).then(|| (title_case(&name), l.number))
        })
}

/// "OYELOWO Adebimpe" -> "Adebimpe OYELOWO"; "Ruiz, Ana" -> "Ana Ruiz";
/// any other name as written.
fn given_name_first(name: &str) -> String {
    if let Some((family, given)) = name.split_once(", ") {
        return format!("{given} {family}");
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitals = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    match words.split_first() {
        Some((family, given)) if capitals(family) && given.iter().all(|w| !capitals(w)) => {
            format!("{} {family}", given.join(" "))
        }
        _ => name.to_owned(),
    }
}

/// Two to four words written as a name's, none of them a word no name is,
/// nor an office or a body ("Forum Secretary", "Board Office" send mail too).
fn is_written_name(t: &str, lex: &Lexicons) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let office_or_body = |w: &str| {
        let l = w.to_lowercase();
        lex.role_words.contains(&l)
            || lex.body_words.contains(&l)
            || lex.non_name_nouns.contains(&l)
    };
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| is_name_word(w) || lex.particles.iter().any(|p| p == w))
        && !words
            .iter()
            .any(|w| lex.not_names.contains(*w) || office_or_body(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_and_the_first_person() {
        let lex = Lexicons::for_tests();
        let text = Text::new(
            "Dear colleagues,\n\nAna opened the call. I presented the draft call.\n\nBest regards / Saludos cordiales,\n\nMartín Ferreyra\nSecretario técnico, IGF Uruguay\n",
        );
        let author = find(&text, &lex).expect("an author");
        assert_eq!(author.name, "Martín Ferreyra");
        let spoke = author.spoke_in.map(|i| text.sentences[i].text().to_owned());
        assert_eq!(spoke.as_deref(), Some("I presented the draft call."));
        // No closing, no author.
        assert!(find(&Text::new("Ana opened the call.\n\nAna Silva\n"), &lex).is_none());
    }

    #[test]
    fn without_a_signature_the_sender_at_the_top_is_the_writer() {
        let lex = Lexicons::for_tests();
        for (top, name) in [
            ("From: Lena Hahn <lena@example.org>", "Lena Hahn"),
            ("From: \"Hahn, Lena\" <lena@example.org>", "Lena Hahn"),
            ("From: HAHN Lena <lena@example.org>", "Lena Hahn"),
            ("Lena Hahn lena at example.org", "Lena Hahn"),
            ("lena@example.org (Lena Hahn)", "Lena Hahn"),
        ] {
            let text = Text::new(&format!(
                "[wg] Summary of the call\n\n{top}\nThu Aug 9 17:38:34 EDT 2018\n\nDear all,\n\nI presented the draft.\n"
            ));
            let author = find(&text, &lex).unwrap_or_else(|| panic!("no author: {top}"));
            assert_eq!(author.name, name, "{top}");
            assert_eq!(author.line, 2, "{top}");
            assert!(author.spoke_in.is_some(), "{top}");
        }
        // An address alone, an office's, or one deep in the body, names no
        // writer.
        for raw in [
            "Summary\n\nFrom: lena@example.org\n\nThe group met.\n",
            "Summary\n\nFrom: Forum Secretary <sec@example.org>\n\nThe group met.\n",
            "Summary\n\n1. a\n2. b\n3. c\n4. d\n5. e\n6. f\nWrite to Lena Hahn <lena@example.org>\n",
        ] {
            assert!(find(&Text::new(raw), &lex).is_none(), "{raw}");
        }
    }
}
