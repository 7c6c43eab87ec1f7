//! The writer of a record sent as an e-mail: named only in the signature, and
//! otherwise present as "I" ("I presented the draft") and "myself" ("...
//! and myself" closing the participants line).

use crate::text::Text;
use crate::words::names::is_name_word;
use crate::words::Lexicons;

/// The writer: their name, the line it is on, and the sentence where they
/// speak, if any (an index into [`Text::sentences`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub line: usize,
    pub spoke_in: Option<usize>,
}

/// The signature under the last closing line of the record, when there is
/// one: the first line below it that is a name of two to four words.
pub fn find(text: &Text, lex: &Lexicons) -> Option<Author> {
    let closing = text
        .lines
        .iter()
        .rposition(|l| lex.prose.closing.is_match(l.text().trim()))?;
    let line = text.lines[closing + 1..]
        .iter()
        .filter(|l| !l.is_blank())
        .take(2)
        .find(|l| {
            let words: Vec<&str> = l.text().split_whitespace().collect();
            (2..=4).contains(&words.len())
                && words
                    .iter()
                    .all(|w| is_name_word(w) || lex.particles.iter().any(|p| p == w))
                && !words.iter().any(|w| lex.not_names.contains(*w))
        })?;
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
        name: line.text().trim().to_owned(),
        line: line.number,
        spoke_in,
    })
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
}
