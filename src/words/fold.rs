//! How names and words are compared and spelled in identifiers: one
//! normalisation (NFKD, accents dropped), one transliteration table, and the
//! three views built on them.
//!
//! - [`fold`]: the comparison key of a name or word, as the gold scorer folds
//!   ("Raúl  Echeberría" = "raul echeberria");
//! - [`key`]: a label's key in a vocabulary, [`fold`] without spaces
//!   ("multi-stakeholder" = "multistakeholder");
//! - [`slug`]: an IRI path segment, stable across rebuilds ("Łukasz Nowak" =
//!   `lukasz-nowak`).
//!
//! Rationale: the three were once written apart, with two transliteration
//! tables that disagreed; they differ on purpose only in what they keep of
//! punctuation, which this module says once.

use sha2::{Digest, Sha256};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The letters of `s` without their accents: NFKD with the combining marks
/// dropped.
fn unaccented(s: &str) -> impl Iterator<Item = char> + '_ {
    s.nfkd().filter(|c| !is_combining_mark(*c))
}

/// Lower case, accents removed, punctuation removed, white space collapsed: the
/// comparison key the gold scorer uses too, so "Raúl Echeberría" = "Raul Echeberria".
/// Letters without a decomposition are kept ("Łukasz" = "łukasz"): see [`parts`].
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        fold_ascii(s)
    } else {
        fold_any(s)
    }
}

/// [`fold`] of any string.
fn fold_any(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in unaccented(s) {
        if c.is_alphanumeric() || c == '_' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            space = true;
        }
    }
    out
}

/// [`fold`] of an ASCII string, which NFKD leaves as it is: byte by byte,
/// without the decomposition. Extraction and resolution fold every word and
/// name they compare, a seventh of their time on a list of a million names
/// (issue 25), and nearly all of them are ASCII.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() {
            space = true;
        }
    }
    out
}

/// The comparison key of a vocabulary label: folded, without spaces (taken
/// out in place, not copied again: a key is made for every entry of a list).
pub fn key(s: &str) -> String {
    let mut key = fold(s);
    key.retain(|c| c != ' ');
    key
}

/// Like [`fold`], but hyphens and apostrophes separate words ("Nemiguentcheva-Grau"
/// has the parts "nemiguentcheva" and "grau"), and letters without a decomposition
/// are transliterated ("Yıldız" = "Yildiz", "Łukasz" = "Lukasz"): for matching
/// names, not for display.
pub fn parts(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’')
        .map(name_word)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A word of a name as [`parts`] and [`NameParts`](super::names::NameParts)
/// compare it: folded, then [`transliterated`] where the fold left a letter
/// outside ASCII, the only letters it spells anew (nearly no name has one:
/// copying each word again was an allocation per word of a list of a
/// million names, issue 25).
pub fn name_word(p: &str) -> String {
    let folded = fold(p);
    if folded.is_ascii() {
        folded
    } else {
        transliterated(&folded)
    }
}

/// `s` with every letter of [`transliterate`] spelled in ASCII.
pub fn transliterated(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match transliterate(c) {
            Some(ascii) => out.push_str(ascii),
            None => out.push(c),
        }
    }
    out
}

/// Latin letters that NFKD does not decompose, spelled in ASCII (lower case).
pub fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        _ => return None,
    })
}

/// Turns a name into an IRI path segment that is stable across rebuilds.
///
/// NFKD, then combining marks (accents) dropped, the letters of
/// [`transliterate`] spelled in ASCII, lowercased; every run of characters that
/// are not letters or digits becomes one `-`, and leading and trailing `-` are
/// trimmed. Letters of other scripts are kept (IRIs allow them), so "Роман
/// Чуков" does not collapse to nothing and collide with other names. A name
/// with no letter or digit at all (`"!!!"`) gets `h-` and 16 hex digits of the
/// SHA-256 of its NFC form: still stable, never empty. Returns `None` for an
/// empty or whitespace-only name.
pub fn slug(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in unaccented(text) {
        let mapped: &str;
        let mut buf = [0u8; 4];
        if let Some(ascii) = transliterate(c) {
            mapped = ascii;
        } else if c.is_alphanumeric() {
            mapped = c.encode_utf8(&mut buf);
        } else {
            pending_dash = !out.is_empty();
            continue;
        }
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        out.extend(mapped.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() {
        let digest = Sha256::digest(text.nfc().collect::<String>().as_bytes());
        out = format!("h-{}", &hex::encode(digest)[..16]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII path skips the decomposition (issue 25): it must fold every
    /// ASCII char, controls and white space included, as the full path does.
    #[test]
    fn ascii_is_folded_as_any_text_is() {
        let all: String = (0u8..128).map(char::from).collect();
        let samples = [
            all.clone(),
            all.chars().rev().collect(),
            "  Ana\tLEE\x0b\x0cO'Neil-Smith_2 ,. ".to_owned(),
            String::new(),
        ];
        for s in samples {
            assert_eq!(fold_ascii(&s), fold_any(&s), "{s:?}");
        }
        for c in all.chars() {
            let s = format!("a{c}B{c}{c}9");
            assert_eq!(fold_ascii(&s), fold_any(&s), "{s:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Raúl  Echeberría"), "raul echeberria");
        assert_eq!(fold("Kleinwächter"), "kleinwachter");
        assert_eq!(fold("Adam's"), "adams");
        assert_eq!(fold("Velimira GRAU"), "velimira grau");
    }

    #[test]
    fn keys_ignore_spaces_and_hyphens() {
        assert_eq!(key("multi-stakeholder"), key("Multi stakeholder"));
        assert_eq!(key("multistakeholder"), key("multi-stakeholder"));
    }

    /// `name_word` skips the transliteration of an ASCII fold: it is the
    /// fold transliterated, whatever the word.
    #[test]
    fn a_name_word_is_its_fold_transliterated() {
        for w in [
            "Łukasz", "Yıldız", "Ħabib", "Straße", "Ørsted", "Raúl", "GRAU", "O'Brien", "",
        ] {
            assert_eq!(name_word(w), transliterated(&fold(w)), "{w:?}");
        }
    }

    #[test]
    fn one_transliteration_for_names_and_slugs() {
        assert_eq!(parts("Łukasz Ħabib-Yıldız"), ["lukasz", "habib", "yildiz"]);
        assert_eq!(
            slug("Łukasz Ħabib-Yıldız").as_deref(),
            Some("lukasz-habib-yildiz")
        );
    }
}
