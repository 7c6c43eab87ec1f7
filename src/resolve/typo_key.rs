//! Typo keys: the forms of a word with up to two characters deleted, by
//! which the index finds the spellings within a typo of a name (symmetric
//! deletion, as in SymSpell) through hash lookups instead of a comparison
//! with every name.
//!
//! A key is a hash of its form, not the form: a list of 600,000 names made
//! every form of every name as a string, to hash it and (for a new spelling)
//! to keep it, which was the larger part of identity resolution's time and
//! memory (issue 25). A form's hash is computed from the word's prefix hashes
//! in a few multiplications, without writing the form. Two forms may share a
//! hash; that only adds a candidate, which the matching rules then turn down
//! as they turn down a near spelling that does not fit: the index finds a
//! superset of the spellings, as before.

use std::hash::{BuildHasher, Hasher};

/// Words longer than this are indexed as they are, without their typo keys.
///
/// A word of `L` characters has about `L²/2` forms with two deletions, of `L`
/// characters each: a 5,000-character "name" in a hostile report took 22 GB
/// and the machine's memory. No surname, even a double one with its spaces
/// removed, comes near 40 characters; such a word still matches itself.
pub(super) const MAX_TYPO_WORD: usize = 40;

/// The most bytes of a word with typo keys: [`MAX_TYPO_WORD`] characters of
/// four bytes.
const MAX_TYPO_BYTES: usize = 4 * MAX_TYPO_WORD;

/// The modulus of the hashes, the Mersenne prime 2⁶¹ − 1: a polynomial hash
/// modulo a prime, with a base drawn at random, makes two distinct forms
/// collide with a chance of their length in 2⁶¹, whatever the forms.
const MODULUS: u64 = (1 << 61) - 1;

/// A typo key: the hash of one form of a word and of its length.
pub(super) type Key = u64;

/// How many deletions [`TypoKeys::each`] takes from a word: the edits
/// [`typo_equal`](crate::words::names::typo_equal) allows for a word of that
/// length, none beyond [`MAX_TYPO_WORD`].
fn typo_depth(word: &str) -> usize {
    match word.chars().count() {
        0..=5 => 0,
        6..=8 => 1,
        9..=MAX_TYPO_WORD => 2,
        _ => 0,
    }
}

fn mul(a: u64, b: u64) -> u64 {
    let x = u128::from(a) * u128::from(b);
    // x < 2¹²²: its low 61 bits and the rest add up below 2⁶², two
    // subtractions at most.
    let low = (x as u64) & MODULUS;
    let high = (x >> 61) as u64;
    reduce(reduce(low + high))
}

fn add(a: u64, b: u64) -> u64 {
    reduce(a + b)
}

fn sub(a: u64, b: u64) -> u64 {
    reduce(a + MODULUS - b)
}

fn reduce(x: u64) -> u64 {
    if x >= MODULUS {
        x - MODULUS
    } else {
        x
    }
}

/// Hashes the forms of words: its base, drawn once for each index (a list
/// crafted to collide in one run does not in the next), and its powers.
pub(super) struct TypoKeys {
    base: u64,
    /// `base` to the power of each length up to [`MAX_TYPO_BYTES`].
    powers: Vec<u64>,
}

impl Default for TypoKeys {
    fn default() -> Self {
        let seed = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Self::with_base(seed)
    }
}

/// The prefix hashes of a word's bytes, on the stack.
struct Prefixes {
    hash: [u64; MAX_TYPO_BYTES + 1],
}

impl TypoKeys {
    fn with_base(seed: u64) -> Self {
        // At least 256: every byte value (plus one) is a digit below it.
        let base = 256 + seed % (MODULUS - 512);
        let mut powers = Vec::with_capacity(MAX_TYPO_BYTES + 1);
        let mut p = 1;
        for _ in 0..=MAX_TYPO_BYTES {
            powers.push(p);
            p = mul(p, base);
        }
        Self { base, powers }
    }

    /// The key of a form of `len` bytes whose polynomial hash is `hash`.
    fn key(hash: u64, len: usize) -> Key {
        // The hash is below 2⁶¹: the length takes the three bits above it,
        // and the rest of it is added in, so "a" and "\0a" differ too.
        hash ^ ((len as u64 & 7) << 61) ^ (len as u64 >> 3)
    }

    /// The key of `word` as it is (its first typo key).
    pub(super) fn word(&self, word: &str) -> Key {
        let hash = word
            .bytes()
            .fold(0, |h, b| add(mul(h, self.base), u64::from(b) + 1));
        Self::key(hash, word.len())
    }

    fn prefixes(&self, word: &str) -> Prefixes {
        let mut hash = [0; MAX_TYPO_BYTES + 1];
        for (i, b) in word.bytes().enumerate() {
            hash[i + 1] = add(mul(hash[i], self.base), u64::from(b) + 1);
        }
        Prefixes { hash }
    }

    /// The hash of `word[from..to]`, from its prefix hashes.
    fn slice(&self, p: &Prefixes, from: usize, to: usize) -> u64 {
        sub(p.hash[to], mul(p.hash[from], self.powers[to - from]))
    }

    /// The keys [`TypoKeys::each`] gives `word`, sorted, each once.
    pub(super) fn distinct(&self, word: &str) -> Vec<Key> {
        let mut keys = Vec::new();
        self.each(word, |k| keys.push(k));
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Calls `f` with the key of the word and of every form of it with up to
    /// [`typo_depth`] characters deleted (a key may come more than once).
    /// Two words within Damerau-Levenshtein distance `d` share a key when
    /// both are expanded to depth `d` (a substitution or a transposition is
    /// one deletion on each side, an insertion one on the other).
    pub(super) fn each(&self, word: &str, mut f: impl FnMut(Key)) {
        let depth = typo_depth(word);
        if depth == 0 {
            f(self.word(word));
            return;
        }
        // depth > 0: at most MAX_TYPO_WORD chars, MAX_TYPO_BYTES bytes.
        let n = word.len();
        let p = self.prefixes(word);
        f(Self::key(p.hash[n], n));
        // (start, end) in bytes of each char.
        let mut bounds = [(0, 0); MAX_TYPO_WORD];
        let mut len = 0;
        for ((at, c), slot) in word.char_indices().zip(&mut bounds) {
            *slot = (at, at + c.len_utf8());
            len += 1;
        }
        let chars = &bounds[..len];
        for (i, &(a1, b1)) in chars.iter().enumerate() {
            // word[..a1] + word[b1..]
            let head = p.hash[a1];
            let one = add(mul(head, self.powers[n - b1]), self.slice(&p, b1, n));
            f(Self::key(one, n - (b1 - a1)));
            if depth < 2 {
                continue;
            }
            for &(a2, b2) in &chars[i + 1..] {
                // word[..a1] + word[b1..a2] + word[b2..]
                let mid = add(mul(head, self.powers[a2 - b1]), self.slice(&p, b1, a2));
                let two = add(mul(mid, self.powers[n - b2]), self.slice(&p, b2, n));
                f(Self::key(two, n - (b1 - a1) - (b2 - a2)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The forms whose hashes [`TypoKeys::each`] gives, as strings: the
    /// word and every form with up to [`typo_depth`] characters deleted.
    fn forms(word: &str) -> BTreeSet<String> {
        let chars: Vec<(usize, usize)> = word
            .char_indices()
            .map(|(at, c)| (at, at + c.len_utf8()))
            .collect();
        let depth = typo_depth(word);
        let mut out = BTreeSet::from([word.to_owned()]);
        for (i, &(a1, b1)) in chars.iter().enumerate().filter(|_| depth > 0) {
            out.insert(format!("{}{}", &word[..a1], &word[b1..]));
            for &(a2, b2) in chars[i + 1..].iter().filter(|_| depth > 1) {
                out.insert(format!("{}{}{}", &word[..a1], &word[b1..a2], &word[b2..]));
            }
        }
        out
    }

    fn keys(k: &TypoKeys, word: &str) -> BTreeSet<Key> {
        let mut out = BTreeSet::new();
        k.each(word, |key| {
            out.insert(key);
        });
        out
    }

    #[test]
    fn a_form_hashed_from_the_prefixes_is_the_form_hashed_as_written() {
        for seed in [0, 1, 77, u64::MAX] {
            let k = TypoKeys::with_base(seed);
            for word in [
                "hesterhuysen",
                "lolozape",
                "núñez",
                "zhangwei",
                "çağlayanöz",
                "ab",
            ] {
                let written: BTreeSet<Key> = forms(word).iter().map(|f| k.word(f)).collect();
                assert_eq!(keys(&k, word), written, "{word}");
            }
        }
    }

    #[test]
    fn a_word_too_long_for_typo_keys_has_one_key() {
        let k = TypoKeys::default();
        assert_eq!(keys(&k, &"abcdefghij".repeat(500)).len(), 1);
        assert_eq!(keys(&k, &"abcdefghij".repeat(18)).len(), 1);
        assert!(forms("hesterhuysen").contains("esterhysen"));
    }

    #[test]
    fn words_a_typo_apart_share_a_key_and_words_further_apart_do_not() {
        let k = TypoKeys::default();
        let shared = |a: &str, b: &str| !keys(&k, a).is_disjoint(&keys(&k, b));
        assert!(shared("lolozape", "lolozapa"));
        assert!(shared("hesterhuysen", "esterhuysan"));
        assert!(!shared("lolozape", "kinale"));
        assert!(!shared("a", "\0a"));
    }
}
