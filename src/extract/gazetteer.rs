//! Finding the labels of a vocabulary (organisations, topics, roles) in text.
//!
//! Labels match as whole words, longest first, with white space and hyphens
//! written either way ("multi-stakeholder" = "multistakeholder" = "multi
//! stakeholder"). Acronyms (no lower-case letter) match only as written, so "ICC"
//! never fires on "icc"; other labels ignore case. Long labels also match with a
//! typo ("Office of the Enjoy on Technology"), which real reports have.

use crate::ontology::{Entry, LabelKind, Vocabulary};
use crate::words::{fold, key};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;
use std::ops::Range;

/// `r` lies inside the longer `o`: a label's hit inside a longer name's
/// ("Internet Governance" in "Internet Governance Forum") is no hit of its own.
pub(super) fn inside(r: &Range<usize>, o: &Range<usize>) -> bool {
    o.start <= r.start && r.end <= o.end && o.len() > r.len()
}

/// A label found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the entry in the vocabulary.
    pub entry: usize,
    /// Byte range in the searched string.
    pub range: Range<usize>,
    /// The text as written.
    pub surface: String,
    /// Matched with a typo.
    pub fuzzy: bool,
}

/// A compiled matcher over one vocabulary.
#[derive(Debug, Clone)]
pub struct Matcher {
    entries: Vec<Entry>,
    insensitive: Option<Regex>,
    sensitive: Option<Regex>,
    by_key: HashMap<String, usize>,
    /// Folded first word → (entry, folded label, word count) for typo matching.
    long_labels: HashMap<String, Vec<(usize, String, usize)>>,
}

/// The most words of an acronym a roster's column holds ("RIPE NCC").
const MAX_ACRONYM_WORDS: usize = 2;

impl Matcher {
    /// Compiles the labels of `vocabulary`. With `single_words_as_written`,
    /// one-word labels ("Google", "Youth") also match only with their capitals.
    pub fn new(vocabulary: &Vocabulary, single_words_as_written: bool) -> Self {
        let mut by_key = HashMap::new();
        let mut sensitive = Vec::new();
        let mut insensitive = Vec::new();
        let mut long_labels: HashMap<String, Vec<(usize, String, usize)>> = HashMap::new();
        for (i, entry) in vocabulary.entries.iter().enumerate() {
            for (label, kind) in &entry.labels {
                let label = label.trim();
                let k = key(label);
                if k.is_empty() {
                    continue;
                }
                by_key.entry(k).or_insert(i);
                let acronym = !label.chars().any(char::is_lowercase);
                let single = !label.contains([' ', '-']);
                if acronym || (single_words_as_written && single) {
                    sensitive.push(label.to_owned());
                } else {
                    insensitive.push(label.to_owned());
                }
                let words = fold(label).split(' ').count();
                if *kind != LabelKind::Hidden && words >= 3 && label.len() >= 18 {
                    let folded = fold(label);
                    let first = folded.split(' ').next().unwrap_or_default().to_owned();
                    long_labels
                        .entry(first)
                        .or_default()
                        .push((i, folded, words));
                }
            }
        }
        Self {
            entries: vocabulary.entries.clone(),
            insensitive: alternation(insensitive, true),
            sensitive: alternation(sensitive, false),
            by_key,
            long_labels,
        }
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// The entry a name stands for, when it is one of its labels.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.lookup_key(&key(name))
    }

    /// Where the acronym that `name` ends with starts, when this gazetteer
    /// knows it and two words come before it: "Ernesto Majo LACNIC", "Paul
    /// Rendek RIPE NCC". A word of capitals reads as a name's word (names
    /// are printed in capitals too); a known acronym after a name is a
    /// roster's next column, written with no separator but the space.
    pub fn trailing_acronym(&self, name: &str) -> Option<usize> {
        let starts: Vec<usize> = name.match_indices(' ').map(|(i, _)| i + 1).collect();
        let first = starts.len().saturating_sub(MAX_ACRONYM_WORDS).max(1);
        starts
            .get(first..)?
            .iter()
            .copied()
            .find(|&start| self.is_known_acronym(&name[start..]))
    }

    /// The length of the acronym this gazetteer knows that `s` opens with
    /// ("LACNIC Chair", "RIPE NCC"): the column after a name that
    /// [`Matcher::trailing_acronym`] cuts off.
    pub fn leading_acronym(&self, s: &str) -> Option<usize> {
        let ends = s
            .match_indices(' ')
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()));
        ends.take(MAX_ACRONYM_WORDS)
            .find(|&end| self.is_known_acronym(&s[..end]))
    }

    /// Words of capitals (and digits) only, one of this gazetteer's labels.
    fn is_known_acronym(&self, words: &str) -> bool {
        words
            .split(' ')
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
            && self.lookup(words).is_some()
    }

    /// [`Matcher::lookup`] of a name's [`key`] made already: one key for the
    /// several gazetteers a name is looked up in.
    pub fn lookup_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// Every label in `s`, longest first, never overlapping, in order of position.
    /// Cost: linear in `s` for exact labels; typo matching compares only windows
    /// that start with a label's first word.
    pub fn find(&self, s: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        let mut candidates: Vec<Hit> = Vec::new();
        // Names interrupted by a short parenthesis ("Working Group (WG) on IGF
        // Strengthening") match too: the parenthesis is blanked, offsets kept.
        let blanked = blank_parentheticals(s);
        let texts: Vec<&str> = if blanked == s {
            vec![s]
        } else {
            vec![s, blanked.as_str()]
        };
        for text in texts {
            for re in self.insensitive.iter().chain(&self.sensitive) {
                for m in re.find_iter(text) {
                    if !on_word_bounds(text, m.range()) {
                        continue;
                    }
                    if let Some(&entry) = self.by_key.get(&key(m.as_str())) {
                        candidates.push(Hit {
                            entry,
                            range: m.range(),
                            surface: m.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
                            fuzzy: false,
                        });
                    }
                }
            }
        }
        candidates.extend(self.fuzzy(s));
        candidates.sort_by_key(|h| (std::cmp::Reverse(h.range.len()), h.range.start));
        for c in candidates {
            if !hits
                .iter()
                .any(|h| h.range.start < c.range.end && c.range.start < h.range.end)
            {
                hits.push(c);
            }
        }
        hits.sort_by_key(|h| h.range.start);
        hits
    }

    fn fuzzy(&self, s: &str) -> Vec<Hit> {
        let words: Vec<(usize, &str)> = s
            .split_word_bound_indices()
            .into_iter()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .collect();
        let mut out = Vec::new();
        for (w, &(start, word)) in words.iter().enumerate() {
            let Some(labels) = self.long_labels.get(&fold(word)) else {
                continue;
            };
            // Windows of the same number of words are folded once.
            let mut folded: HashMap<usize, (String, usize)> = HashMap::new();
            for (entry, label, n) in labels {
                let Some(&(last_start, last)) = words.get(w + n - 1) else {
                    continue;
                };
                let end = last_start + last.len();
                let (window, chars) = folded.entry(*n).or_insert_with(|| {
                    let window = fold(&s[start..end]);
                    let chars = window.chars().count();
                    (window, chars)
                });
                // The distance is at least the difference in length.
                if chars.abs_diff(label.chars().count()) > 2 {
                    continue;
                }
                let window = window.as_str();
                let distance = strsim::levenshtein(window, label);
                if distance > 0 && distance <= 2 && window.len() >= 18 {
                    out.push(Hit {
                        entry: *entry,
                        range: start..end,
                        surface: s[start..end].to_owned(),
                        fuzzy: true,
                    });
                }
            }
        }
        out
    }
}

/// Whether `range` of `text` begins and ends on Unicode word boundaries where
/// its text begins or ends with a letter or digit.
///
/// The label regexes test ASCII word boundaries (`(?-u:\b)`), which Rust's
/// lazy DFA runs; a Unicode `\b` sends every report with one accented letter
/// to the much slower PikeVM (a quarter of the extraction's time). This check
/// brings back the Unicode meaning on the few matches found.
fn on_word_bounds(text: &str, range: Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let starts = matched.starts_with(char::is_alphanumeric);
    let ends = matched.ends_with(char::is_alphanumeric);
    (!starts || !word(text[..range.start].chars().next_back()))
        && (!ends || !word(text[range.end..].chars().next()))
}

/// `s` with each parenthesis of up to 12 bytes turned into as many spaces.
fn blank_parentheticals(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = s.as_bytes().to_vec();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'(' {
            if let Some(len) = bytes[i + 1..].iter().take(13).position(|&b| b == b')') {
                if !bytes[i + 1..i + 1 + len].contains(&b'(') {
                    for b in &mut out[i..=i + 1 + len] {
                        *b = b' ';
                    }
                    i += len + 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    // Only ASCII bytes were replaced, and only whole parenthesised runs, so the
    // result is still UTF-8; fall back to the input if that ever fails.
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// One regex for many labels: longest first so the longest label wins at a position.
fn alternation(mut labels: Vec<String>, case_insensitive: bool) -> Option<Regex> {
    if labels.is_empty() {
        return None;
    }
    labels.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    labels.dedup();
    let pieces: Vec<String> = labels.iter().map(|l| label_pattern(l)).collect();
    RegexBuilder::new(&pieces.join("|"))
        .case_insensitive(case_insensitive)
        .size_limit(256 << 20)
        .dfa_size_limit(256 << 20)
        .build()
        .ok()
}

fn label_pattern(label: &str) -> String {
    let mut p = String::new();
    if label.starts_with(char::is_alphanumeric) {
        p.push_str(r"(?-u:\b)");
    }
    let mut chars = label.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => p.push_str(r"[\s\-]+"),
            '-' => p.push_str(r"[\s\-]?"),
            '\'' | '’' => p.push_str("['’]"),
            _ => p.push_str(&regex::escape(&c.to_string())),
        }
        if c == ' ' {
            while chars.peek() == Some(&' ') {
                chars.next();
            }
        }
    }
    if label.ends_with(char::is_alphanumeric) {
        p.push_str(r"(?-u:\b)");
    }
    format!("(?:{p})")
}

/// Word boundaries without another dependency: runs of alphanumerics, and single
/// other chars.
trait WordBounds {
    fn split_word_bound_indices(&self) -> Vec<(usize, &str)>;
}

impl WordBounds for str {
    fn split_word_bound_indices(&self) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in self.char_indices() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push((s, &self[s..i]));
            }
        }
        if let Some(s) = start {
            out.push((s, &self[s..]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        let e = |pref: &str, alts: &[&str]| Entry {
            iri: format!("x:{pref}"),
            pref: pref.into(),
            labels: std::iter::once((pref.to_owned(), LabelKind::Preferred))
                .chain(
                    alts.iter()
                        .map(|a| ((*a).to_owned(), LabelKind::Alternative)),
                )
                .collect(),
            broader: vec![],
        };
        Vocabulary {
            entries: vec![
                e("Internet Governance Forum", &["IGF"]),
                e("IGF Secretariat", &["Secretariat of the IGF"]),
                e(
                    "Office of the Envoy on Technology",
                    &["Office of the Tech Envoy"],
                ),
                e(
                    "Multistakeholder Internet governance",
                    &["multi-stakeholder model"],
                ),
            ],
        }
    }

    #[test]
    fn longest_label_wins_and_acronyms_keep_case() {
        let m = Matcher::new(&vocab(), false);
        let hits = m.find("The IGF Secretariat and the igf met; IGF2021 is not IGF.");
        let found: Vec<(&str, &str)> = hits
            .iter()
            .map(|h| (m.entry(h.entry).pref.as_str(), h.surface.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("IGF Secretariat", "IGF Secretariat"),
                ("Internet Governance Forum", "IGF")
            ]
        );
    }

    #[test]
    fn a_known_acronym_after_a_name_is_the_next_column() {
        let m = Matcher::new(&vocab(), false);
        let name = "Ana Maria Lima IGF";
        let cut = m.trailing_acronym(name).map(|i| name[..i].trim_end());
        assert_eq!(cut, Some("Ana Maria Lima"));
        // Two words of a name come first; an unknown or mixed-case word stays.
        assert_eq!(m.trailing_acronym("Lima IGF"), None);
        assert_eq!(m.trailing_acronym("Ana Lima ISOC"), None);
        assert_eq!(m.trailing_acronym("Ana Lima Igf"), None);
        assert_eq!(m.leading_acronym("IGF Chair"), Some(3));
        assert_eq!(m.leading_acronym("Igf Chair"), None);
    }

    #[test]
    fn a_short_parenthesis_inside_a_name() {
        let m = Matcher::new(&vocab(), false);
        let hits = m.find("the Office (OSET) of the Tech Envoy and the IGF (Forum) Secretariat");
        let found: Vec<&str> = hits
            .iter()
            .map(|h| m.entry(h.entry).pref.as_str())
            .collect();
        assert_eq!(
            found,
            ["Office of the Envoy on Technology", "IGF Secretariat"]
        );
        assert_eq!(hits[1].surface, "IGF Secretariat");
    }

    #[test]
    fn spacing_and_typos() {
        let m = Matcher::new(&vocab(), false);
        let hits = m.find("a multistakeholder model and the Office of the Enjoy on Technology");
        assert_eq!(hits.len(), 2);
        assert!(hits[1].fuzzy);
        assert_eq!(
            m.entry(hits[1].entry).pref,
            "Office of the Envoy on Technology"
        );
    }
}
