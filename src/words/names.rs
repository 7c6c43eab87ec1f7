//! Personal names: splitting into given name and surname, telling a name from
//! the other capitalised words of a sentence, and comparing names up to a typo.

use super::fold::{name_word, parts};

/// A person's name split into the words that matter for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    /// Folded given name (first word).
    pub given: String,
    /// Folded surname (the remaining words, joined by spaces); empty for one-word names.
    pub surname: String,
}

impl NameParts {
    pub fn new(name: &str) -> Self {
        // The given name is the first word as a whole ("Anne-Marie"); the surname
        // splits at hyphens too ("Nemiguentcheva-Grau" has the part "grau").
        let mut words = name.split_whitespace();
        let given = words.next().map(name_word).unwrap_or_default();
        // The parts of the words after it, word by word: the parts of the
        // words joined by spaces, without joining them first.
        let surname: Vec<String> = words.flat_map(parts).collect();
        Self {
            given,
            surname: surname.join(" "),
        }
    }

    pub fn is_single(&self) -> bool {
        self.surname.is_empty()
    }
}

/// True when `word` is written like part of a name: a capital then letters,
/// hyphens or apostrophes ("Anriette", "Nemiguentcheva-Grau", "O'Brien", "GRAU").
pub fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
        && !word.ends_with('-')
}

/// `"Duke"`, `“Duke”`: one capitalised word in quotes, as a name holds a
/// nickname between its given name and its surname.
pub fn quoted_nickname(raw: &str) -> Option<&str> {
    let inner = raw
        .strip_prefix(['"', '“', '\''])?
        .strip_suffix(['"', '”', '\''])?;
    (is_name_word(inner) && !inner.contains('.')).then_some(inner)
}

/// `(Hannes)`: one capitalised word in parentheses, not in capitals, as a
/// name holds a nickname right after its given name ("Johannes (Hannes)
/// Swoboda", "William (Bill) Smith"); "(ICANN)" is a body's acronym.
pub fn parenthesised_nickname(raw: &str) -> Option<&str> {
    let inner = raw.strip_prefix('(')?.strip_suffix(')')?;
    let lower = inner.chars().skip(1).any(char::is_lowercase);
    (lower && is_name_word(inner) && !inner.contains('.')).then_some(inner)
}

/// The nickname a word of a name holds, the `index`th word of it: quoted
/// anywhere after the first ([`quoted_nickname`]), in parentheses right after
/// the given name ([`parenthesised_nickname`]).
pub fn inner_nickname(raw: &str, index: usize) -> Option<&str> {
    match index {
        0 => None,
        1 => quoted_nickname(raw).or_else(|| parenthesised_nickname(raw)),
        _ => quoted_nickname(raw),
    }
}

/// The text with a capital first, as a name or a sentence opens ("kyle" →
/// "Kyle"); the rest as written.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Writes an all-capitals name in title case ("CHENGETAI MASANGO" → "Chengetai
/// Masango"), leaving mixed-case names and short acronyms as written.
pub fn title_case(name: &str) -> String {
    // Most names have no word in capitals: they are as written, with no
    // string made for each word (a list of a million names).
    if !name.split(' ').any(is_in_capitals) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            if is_in_capitals(w) {
                let mut out = String::new();
                let mut start = true;
                for c in w.chars() {
                    if start {
                        out.extend(c.to_uppercase());
                    } else {
                        out.extend(c.to_lowercase());
                    }
                    start = c == '-' || c == '\'';
                }
                out
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word [`title_case`] rewrites: two letters or more, all capitals, and
/// no initials ("K.A." stays as written: initials, not a word in capitals).
pub fn is_in_capitals(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    let mut count = 0;
    letters.all(|c| {
        count += 1;
        c.is_uppercase()
    }) && count > 1
        && !is_initials(w, false)
}

/// "R", "R.", "K.A.", "J.-M.": one or more initials, each a capital letter
/// (any letter when `any_case`), dotted between them.
pub fn is_initials(w: &str, any_case: bool) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    let mut parts = w.split('.').map(|p| p.trim_start_matches('-'));
    parts.clone().next().is_some()
        && parts.all(|p| {
            let mut c = p.chars();
            matches!((c.next(), c.next()), (Some(l), None) if l.is_alphabetic() && (any_case || l.is_uppercase()))
        })
}

/// `w` is one of `honorifics`, with or without its full stop ("Mr", "Mr.",
/// "H.E.").
pub fn is_honorific(w: &str, honorifics: &[String]) -> bool {
    let w = w.trim_end_matches('.');
    honorifics.iter().any(|h| h.trim_end_matches('.') == w)
}

/// Similarity of two folded strings, 0..=1 (normalised Damerau-Levenshtein).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_damerau_levenshtein(a, b)
}

/// True when two folded words are the same word up to a small typo: one edit for
/// words of 6 to 8 letters, two for 9 or more, never for shorter words (so "Paula"
/// and "Paulo" stay apart). The first letter must agree unless the edit is a letter
/// added in front ("Esterhuysen", "Hesterhuysen").
pub fn typo_equal(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    let limit = match n {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    };
    let distance = strsim::damerau_levenshtein(a, b);
    limit > 0
        && distance <= limit
        && (a.chars().next() == b.chars().next()
            || (distance == 1 && (a.ends_with(b) || b.ends_with(a))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words() {
        assert!(is_name_word("Nemiguentcheva-Grau"));
        assert!(is_name_word("O'Brien"));
        assert!(!is_name_word("the"));
        assert!(!is_name_word("P"));
        assert!(!is_name_word("IGF2021"));
    }

    #[test]
    fn typos() {
        assert!(typo_equal("carvell", "cavell"));
        assert!(typo_equal("esterhuysen", "hesterhuysen"));
        assert!(typo_equal("velimira", "velmira"));
        assert!(typo_equal("mitchel", "mitchell"));
        assert!(!typo_equal("mark", "mary"));
        assert!(!typo_equal("paula", "paulo"));
        assert!(!typo_equal("jason", "mason"));
    }

    #[test]
    fn title_casing() {
        assert_eq!(title_case("CHENGETAI MASANGO"), "Chengetai Masango");
        assert_eq!(title_case("Velimira GRAU"), "Velimira Grau");
        assert_eq!(title_case("Herman P"), "Herman P");
    }

    #[test]
    fn initials_dotted_or_not() {
        for w in ["R", "R.", "K.A.", "H.G", "J.-M."] {
            assert!(is_initials(w, false), "{w}");
        }
        for w in ["Rt", "r.", "KA", "", "."] {
            assert!(!is_initials(w, false), "{w}");
        }
    }
}
