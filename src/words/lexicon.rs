//! The lexicon's file format (`lexicon.txt`, `profiles/*.txt`): `[section]`
//! headers, then one entry a line, `#` comments; some sections hold
//! `name = value` pairs.
//!
//! Rationale: a user extends the lexicon without touching code, so a misspelt or
//! missing section must be an error that names the file, never a list silently
//! empty. The sections a file must have are not listed here: they are the ones
//! [`Sections`] is asked for when the word lists are indexed
//! ([`crate::words::Lexicons`]), so each section is named in one place only.

use std::cell::RefCell;
use std::collections::BTreeMap;

/// The lexicon shipped in `ontology/lexicon.txt`, compiled in.
pub const SHIPPED: &str = include_str!("../../ontology/lexicon.txt");

/// Why a lexicon file is refused.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A line the format does not allow.
    #[error("{file}, line {line}: {message}")]
    Line {
        file: String,
        line: usize,
        message: String,
    },
    /// A section is missing, unknown, or holds an entry of the wrong form.
    #[error("{file}: {message}")]
    Section { file: String, message: String },
}

/// The sections of a lexicon file as written, in file order within a section.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    sections: BTreeMap<String, Vec<String>>,
}

impl Lexicon {
    /// Parses a lexicon file; `file` names it in errors.
    ///
    /// # Errors
    /// [`LexiconError::Line`] for an entry before any `[section]` header.
    pub fn parse(file: &str, text: &str) -> Result<Self, LexiconError> {
        let mut sections = BTreeMap::<String, Vec<String>>::new();
        let mut current = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = Some(name.trim().to_owned());
                sections.entry(name.trim().to_owned()).or_default();
            } else if let Some(section) = &current {
                sections
                    .entry(section.clone())
                    .or_default()
                    .push(line.to_owned());
            } else {
                return Err(LexiconError::Line {
                    file: file.to_owned(),
                    line: i + 1,
                    message: "an entry before any [section] header".into(),
                });
            }
        }
        Ok(Self { sections })
    }

    /// The entries of a section, empty when the section is absent.
    pub fn list(&self, section: &str) -> &[String] {
        self.sections.get(section).map_or(&[], Vec::as_slice)
    }

    /// The `name = value` entries of a section, both sides trimmed; entries
    /// without `=` are left out (a checked file has none).
    pub fn pairs(&self, section: &str) -> Vec<(String, String)> {
        self.list(section)
            .iter()
            .filter_map(|e| {
                e.split_once('=')
                    .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
            })
            .collect()
    }

    /// True when the file has no section at all (an emptied profile).
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }
}

/// A lexicon read section by section, remembering which sections were asked
/// for and in which form: what was asked for is what the file must hold.
pub struct Sections<'a> {
    lexicon: &'a Lexicon,
    asked: RefCell<Vec<(&'static str, bool)>>,
}

impl<'a> Sections<'a> {
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Self {
            lexicon,
            asked: RefCell::new(Vec::new()),
        }
    }

    fn ask(&self, section: &'static str, pairs: bool) {
        let mut asked = self.asked.borrow_mut();
        if !asked.iter().any(|(s, p)| *s == section && *p == pairs) {
            asked.push((section, pairs));
        }
    }

    /// The entries of a section the file must have.
    pub fn list(&self, section: &'static str) -> &'a [String] {
        self.ask(section, false);
        self.lexicon.list(section)
    }

    /// The `name = value` entries of a section the file must have.
    pub fn pairs(&self, section: &'static str) -> Vec<(String, String)> {
        self.ask(section, true);
        self.lexicon.pairs(section)
    }

    /// Every section asked for is present, no other is, and the entries of
    /// pair sections are pairs.
    ///
    /// # Errors
    /// [`LexiconError::Section`] naming `file` and the section.
    pub fn check(&self, file: &str) -> Result<(), LexiconError> {
        let error = |message: String| LexiconError::Section {
            file: file.to_owned(),
            message,
        };
        let asked = self.asked.borrow();
        let mut known: Vec<&str> = Vec::new();
        for (section, _) in asked.iter() {
            if !known.contains(section) {
                known.push(section);
            }
        }
        if let Some(unknown) = self
            .lexicon
            .sections
            .keys()
            .find(|k| !known.contains(&k.as_str()))
        {
            return Err(error(format!(
                "unknown section [{unknown}] (misspelt? the sections are {})",
                known.join(", ")
            )));
        }
        if let Some(missing) = known
            .iter()
            .find(|s| !self.lexicon.sections.contains_key(**s))
        {
            return Err(error(format!("the section [{missing}] is missing")));
        }
        for (section, _) in asked.iter().filter(|(_, pairs)| *pairs) {
            if let Some(bad) = self.lexicon.list(section).iter().find(|e| !e.contains('=')) {
                return Err(error(format!(
                    "[{section}]: '{bad}' has no '= value' (entries are 'name = value')"
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_sections() -> Result<(), LexiconError> {
        let l = Lexicon::parse("x", "# c\n[a]\none\ntwo # note\n[b]\n")?;
        assert_eq!(l.list("a"), ["one", "two"]);
        assert!(l.list("b").is_empty());
        assert!(Lexicon::parse("x", "orphan").is_err());
        Ok(())
    }

    #[test]
    fn the_sections_asked_for_are_the_sections_a_file_must_have() -> Result<(), LexiconError> {
        let l = Lexicon::parse("f.txt", "[a]\none\n[b]\nx = 1\n")?;
        let s = Sections::new(&l);
        s.list("a");
        s.pairs("b");
        s.check("f.txt")?;
        s.list("c");
        let err = s
            .check("f.txt")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(err, "f.txt: the section [c] is missing");
        let only_a = Sections::new(&l);
        only_a.list("a");
        let err = only_a
            .check("f.txt")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown section [b]"), "{err}");
        let unpaired = Lexicon::parse("f.txt", "[b]\nx\n")?;
        let s = Sections::new(&unpaired);
        s.pairs("b");
        let err = s
            .check("f.txt")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("[b]: 'x' has no '= value'"), "{err}");
        Ok(())
    }
}
