//! Identity resolution: the same real person is one identity, with one canonical
//! name, in every report.
//!
//! Full names cluster when both given name and surname agree up to case, accents,
//! a small typo, a nickname, or one part of a double surname ("Grau" in
//! "Nemiguentcheva-Grau"). A first name, a surname or "Ms. Suto" resolves against
//! the report's own people first and then the reports of its body (those that
//! share people with it, see `bodies`), and only when exactly one
//! identity fits; otherwise it stays a person of its own and goes on the review
//! list. Curated rules from `ontology/person-aliases.ttl` come before all of it.
//! Canonical names take the fullest surname and the most frequent spelling of
//! each part, so one misspelling never becomes the name.

use crate::extract::{Extraction, PersonMention};
use crate::model::{FactKind, Mention, Person, Report, Resolution, Score};
use crate::ontology::Ontology;
use crate::words::fold::{fold, parts};
use crate::words::names::{typo_equal, NameParts};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Hash maps of names keyed by foldhash, seeded per process as std's are:
/// resolution hashes every typo key of every name (forty-six for a name of
/// nine letters), and SipHash was a tenth of it. Seeded, so a list crafted
/// to collide in one run does not collide in the next.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

mod bodies;
mod bound;
mod typo_key;

use bodies::Bodies;
use typo_key::{Key, TypoKeys, MAX_TYPO_WORD};

/// The result of resolving a corpus: the reports with canonical people, and the registry.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub reports: Vec<Report>,
    pub registry: Registry,
}

/// Every identity, how its aliases were resolved, and what a curator should check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Registry {
    pub people: Vec<Identity>,
    pub review: Vec<Review>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Identity {
    pub name: String,
    pub aliases: Vec<Mention>,
    pub reports: Vec<String>,
}

/// A decision a curator should look at.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Review {
    pub mention: String,
    pub report: String,
    pub reason: String,
    pub candidates: Vec<String>,
}

/// A mention's place: (report index, mention index).
type At = (usize, usize);

/// Where a curated canonical name was added (no mention of its own).
const CURATED: At = (usize::MAX, usize::MAX);

/// One distinct spelling of a cluster's full name, parsed and folded once.
struct Variant {
    /// Bare name (honorifics removed), as written.
    text: String,
    folded: String,
    parts: NameParts,
    /// How many full-name mentions had this spelling.
    count: usize,
    /// The first mention with it.
    first: At,
}

struct Cluster {
    /// Distinct spellings of its full-name mentions, in the order first seen.
    variants: Vec<Variant>,
    nicknames: BTreeSet<String>,
}

impl Cluster {
    fn first_name(&self) -> &str {
        self.variants.first().map_or("", |v| v.text.as_str())
    }
}

/// The lexicon's honorifics, without their full stops, hashed: `bare` takes
/// them off every mention, four times in a run, and read the whole list for
/// each word.
struct Honorifics(HashSet<String>);

impl Honorifics {
    fn new(list: &[String]) -> Self {
        Self(
            list.iter()
                .map(|h| h.trim_end_matches('.').to_owned())
                .collect(),
        )
    }

    /// [`is_honorific`](crate::words::names::is_honorific), by a hash lookup.
    fn contains(&self, word: &str) -> bool {
        self.0.contains(word.trim_end_matches('.'))
    }
}

/// A name without the honorifics before it ("Ms. Ana Lee" is "Ana Lee"), and
/// whether it had one. A one-letter title is an initial, as the extraction
/// read it, before a lone surname ("M. Binder" stays) or before another
/// initial ("M. J. McDill", "M. J.-F. Delmas": a list of initials).
fn bare<'a>(text: &'a str, honorifics: &Honorifics) -> (&'a str, bool) {
    let mut rest = text;
    let mut honorific = false;
    while let Some((first, after)) = rest.split_once(' ') {
        let last_two = !after.contains(' ');
        let initials = is_initial(first) && after.split(' ').next().is_some_and(is_initial);
        if !honorifics.contains(first) || (is_initial(first) && last_two) || initials {
            break;
        }
        rest = after;
        honorific = true;
    }
    (rest, honorific)
}

/// An initial or initials of a name: "M.", "J.-F.", "J", one letter each
/// part.
fn is_initial(word: &str) -> bool {
    let mut parts = word.split(['.', '-']).filter(|p| !p.is_empty()).peekable();
    parts.peek().is_some()
        && parts.all(|p| {
            let mut chars = p.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        })
}

/// Blocking keys → clusters: how a name finds the few identities it could be
/// without looking at the others. Every lookup returns a superset of the
/// clusters the matching rules accept; the rules then decide, as before.
#[derive(Default)]
struct Index {
    /// The distinct surnames of variants, with their typo keys.
    surnames: Words,
    /// The distinct given names of variants, with their typo keys.
    givens: Words,
    /// (given name, surname) of a variant, as ids of `givens` and `surnames`
    /// → clusters: a full name's block is the few pairs both parts may fit,
    /// not every cluster of a common surname or given name.
    pair: HashMap<(usize, usize), Ids>,
    /// Folded word prefixes (two words at least, not the whole) of a variant.
    prefix: HashMap<String, Ids>,
    /// Folded variant → clusters holding it.
    exact: HashMap<String, Ids>,
    /// A cluster's nicknames.
    nickname: HashMap<String, Ids>,
    /// The last folded word of a variant: what "do Rosário" ends.
    last_word: HashMap<String, Ids>,
    /// Clusters any given name may fit (sorted): a variant's given name is one
    /// of the cluster's nicknames, or too long for typo keys.
    any_given: Vec<usize>,
}

/// Adds cluster `ci` under `key`. Each list is kept sorted (every reader
/// takes a list as a set), so finding `ci` there is a binary search: a key
/// that thousands of identities share, a common given name, costs no more.
/// The key is copied only when it is new: most keys a name brings (a common
/// given name, its typo keys) are there already.
fn push_key(map: &mut HashMap<String, Ids>, key: &str, ci: usize) {
    match map.get_mut(key) {
        Some(v) => v.insert(ci),
        None => {
            map.insert(key.to_owned(), Ids::One(ci));
        }
    }
}

/// Adds spelling `id` under the typo key `key`.
fn push_typo_key(map: &mut HashMap<Key, Ids>, key: Key, id: usize) {
    push_id(map.entry(key), id);
}

/// Adds `id` to the list of an entry of the index, a new one if it is new.
fn push_id<K>(entry: std::collections::hash_map::Entry<'_, K, Ids>, id: usize) {
    entry
        .and_modify(|ids| ids.insert(id))
        .or_insert(Ids::One(id));
}

/// A sorted list of ids, under a key of the index. Most keys of a long list
/// of names hold one (a spelling's own typo keys, a full name, a pair of
/// spellings): held in place, not in a list of its own, which for a list of
/// 600,000 names was millions of allocations to make, hold and free. A
/// longer list is boxed, so an entry is two words, not four: the typo keys
/// of a long list's surnames are millions of entries, and their size was
/// much of the memory of resolution and of its cache misses (issue 25).
#[derive(Debug)]
enum Ids {
    One(usize),
    #[expect(clippy::box_collection, reason = "an entry of two words, not four")]
    Many(Box<Vec<usize>>),
}

impl Ids {
    fn as_slice(&self) -> &[usize] {
        match self {
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(ids) => ids,
        }
    }

    fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.as_slice().iter()
    }

    /// Adds `id` unless it is there, keeping the list sorted.
    fn insert(&mut self, id: usize) {
        match self {
            Ids::One(one) if *one == id => {}
            Ids::One(one) => {
                let mut ids = vec![*one];
                insert_sorted(&mut ids, id);
                *self = Ids::Many(Box::new(ids));
            }
            Ids::Many(ids) => insert_sorted(ids, id),
        }
    }
}

impl<'a> IntoIterator for &'a Ids {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Adds `ci` to the sorted list `v` unless it is there (the last one added
/// is checked first: clusters are added in order).
fn insert_sorted(v: &mut Vec<usize>, ci: usize) {
    if v.last() == Some(&ci) {
        return;
    }
    if let Err(at) = v.binary_search(&ci) {
        v.insert(at, ci);
    }
}

/// The ids of `v` sorted, each once: the set of what a name's lookups
/// found, gathered in a list. A name's typo keys find the same spelling
/// many times over, and a tree's node for each id found was a tenth of
/// resolving a long list (issue 25).
fn set_of(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Adds to `out` what `map` holds under each of `keys`.
fn look_up(map: &HashMap<Key, Ids>, keys: &[Key], out: &mut Vec<usize>) {
    for k in keys {
        if let Some(v) = map.get(k) {
            out.extend(v.iter().copied());
        }
    }
}

/// `word` with its spaces removed, copied only when it has one.
fn without_spaces(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains(' ') {
        word.replace(' ', "").into()
    } else {
        word.into()
    }
}

/// The distinct spellings of one part of names (given names, or surnames)
/// and their typo keys. There are far fewer spellings than clusters, so a key
/// lists each spelling once however many people share it, and a spelling's
/// keys are made once, when it is first seen.
#[derive(Default)]
struct Words {
    ids: HashMap<String, usize>,
    /// How the typo keys of this part of names are hashed.
    typo: TypoKeys,
    /// Typo keys of a spelling with its spaces removed → spellings.
    key: HashMap<Key, Ids>,
    /// Typo keys of each part of a two-part surname → spellings (the
    /// double-surname rule; empty for given names).
    part: HashMap<Key, Ids>,
    /// Typo keys of a spelling with a space, spaces kept, and (for surnames)
    /// each of its words as it is → spellings: with `key` for the spellings
    /// without one, what a lone word ("Mark", "Carvell", "Ms. Grau") may be.
    spaced: HashMap<Key, Ids>,
    /// Whether each spelling has a space (its `key` entries then are not a
    /// lone word's).
    has_space: Vec<bool>,
    /// Each spelling, by id.
    spellings: Vec<String>,
    /// Clusters with a variant of each spelling (sorted).
    clusters: Vec<Vec<usize>>,
}

impl Words {
    /// Notes that cluster `ci` has a variant spelt `word`; returns its id.
    /// `surname`: index the parts of a two-part spelling too.
    fn add(&mut self, word: &str, ci: usize, surname: bool) -> usize {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => self.new_word(word, surname),
        };
        insert_sorted(&mut self.clusters[id], ci);
        id
    }

    fn new_word(&mut self, word: &str, surname: bool) -> usize {
        let id = self.clusters.len();
        self.ids.insert(word.to_owned(), id);
        self.clusters.push(Vec::new());
        let typo = &self.typo;
        typo.each(&without_spaces(word), |k| {
            push_typo_key(&mut self.key, k, id)
        });
        let parts: Vec<&str> = word.split(' ').filter(|p| !p.is_empty()).collect();
        if surname && parts.len() == 2 {
            for part in &parts {
                typo.each(part, |k| push_typo_key(&mut self.part, k, id));
            }
        }
        let spaced = word.contains(' ');
        self.has_space.push(spaced);
        self.spellings.push(word.to_owned());
        if spaced {
            typo.each(word, |k| push_typo_key(&mut self.spaced, k, id));
            for part in parts.iter().filter(|_| surname) {
                push_typo_key(&mut self.spaced, typo.word(part), id);
            }
        }
        id
    }

    /// Adds to `out` the clusters of every spelling the lone word `word` may
    /// be, by its typo keys: one key of a spelling's own (spaces kept), or one of a
    /// surname's words as it is. Looked up by spellings, so a key that
    /// thousands of people share through one given name costs one entry,
    /// not one per person, and a name's keys are made once per spelling.
    fn lone_word(&self, word: &str, out: &mut BTreeSet<usize>) {
        for id in self.lone_spellings(word) {
            out.extend(self.clusters[id].iter().copied());
        }
    }

    /// The spellings the lone word `word` may be (see [`Words::lone_word`]).
    fn lone_spellings(&self, word: &str) -> Vec<usize> {
        let mut spellings = Vec::new();
        self.typo.each(word, |k| {
            if let Some(ids) = self.key.get(&k) {
                spellings.extend(ids.iter().copied().filter(|&id| !self.has_space[id]));
            }
            if let Some(ids) = self.spaced.get(&k) {
                spellings.extend(ids.iter().copied());
            }
        });
        set_of(spellings)
    }
}

impl Index {
    fn add_variant(&mut self, ci: usize, v: &Variant) {
        let np = &v.parts;
        let surname = self.surnames.add(&np.surname, ci, true);
        let given = self.givens.add(&np.given, ci, false);
        push_id(self.pair.entry((given, surname)), ci);
        // Its first words, two or more but not all: the name up to each
        // space after the first, borrowed, not joined anew.
        for (space, _) in v.folded.match_indices(' ').skip(1) {
            push_key(&mut self.prefix, &v.folded[..space], ci);
        }
        push_key(&mut self.exact, &v.folded, ci);
        if let Some(last) = v.folded.rsplit(' ').next() {
            push_key(&mut self.last_word, last, ci);
        }
    }

    fn add_nicknames<'a>(&mut self, ci: usize, nicks: impl IntoIterator<Item = &'a String>) {
        for n in nicks {
            push_key(&mut self.nickname, n, ci);
        }
    }

    /// Adds to `out` what `map` holds under each typo key of `word`, hashed
    /// by `typo` (an id as often as its keys hold it: see [`set_of`]).
    fn collect(typo: &TypoKeys, map: &HashMap<Key, Ids>, word: &str, out: &mut Vec<usize>) {
        typo.each(word, |k| {
            if let Some(v) = map.get(&k) {
                out.extend(v.iter().copied());
            }
        });
    }

    /// Marks cluster `ci` as one that any given name may fit.
    fn fits_any_given(&mut self, ci: usize) {
        insert_sorted(&mut self.any_given, ci);
    }

    /// Clusters a full name could join: a full name it is or begins, and the
    /// clusters with a variant whose given name it may fit and whose surname
    /// is within a typo of its own (whole, or one part of a double surname
    /// either way), the two rules the given-name-and-surname rule needs
    /// together. Looked up by pairs of spellings (`pair`), so the cost is
    /// the few spellings near each part, not the clusters that share a
    /// common surname ("Kim", "Nguyen") or a common given name: taking the
    /// smaller of those two blocks still grew with the list, and a list of
    /// 626,000 names on one line took minutes.
    /// `givens` are the other given names the name's given name fits by a
    /// nickname rule, or None when any given name may fit it (then every
    /// cluster of a near surname is a candidate).
    /// The clusters come sorted, each once.
    fn full_name_block(
        &self,
        folded: &str,
        np: &NameParts,
        givens: Option<&[String]>,
    ) -> Vec<usize> {
        let surnames = self.surname_ids(np);
        let by_surname = || {
            surnames
                .iter()
                .flat_map(|&s| self.surnames.clusters[s].iter().copied())
        };
        let mut out: Vec<usize> = match givens {
            None => by_surname().collect(),
            Some(g) => {
                let mut out = Vec::new();
                for given in self.given_ids(np, g) {
                    for &surname in &surnames {
                        if let Some(v) = self.pair.get(&(given, surname)) {
                            out.extend(v.iter().copied());
                        }
                    }
                }
                // Clusters whose nicknames hold the given name or one of
                // their given names: their given name need not be near, so
                // they are candidates as they are, or (when there are more of
                // them than clusters of a near surname, as in a hostile list)
                // through their surname.
                let nicked = self.nickname.get(&np.given).map_or(&[][..], Ids::as_slice);
                let others = nicked.len() + self.any_given.len();
                if others
                    <= surnames
                        .iter()
                        .map(|&s| self.surnames.clusters[s].len())
                        .sum()
                {
                    out.extend(nicked.iter().chain(&self.any_given).copied());
                } else {
                    out.extend(by_surname());
                }
                out
            }
        };
        if let Some(v) = self.prefix.get(folded) {
            out.extend(v.iter().copied());
        }
        if let Some(v) = self.exact.get(folded) {
            out.extend(v.iter().copied());
        }
        set_of(out)
    }

    /// The surnames (ids of `surnames`) within a typo of `np`'s: whole, or
    /// one part of a double surname either way. Sorted, each once.
    /// A surname's typo keys are made once and each looked up once: a word
    /// with letters that repeat has many keys twice over, and each lookup in
    /// the keys of a long list's surnames is a cache miss.
    fn surname_ids(&self, np: &NameParts) -> Vec<usize> {
        let mut ids = Vec::new();
        let (typo, whole) = (&self.surnames.typo, &self.surnames.key);
        let surname = without_spaces(&np.surname);
        let keys = typo.distinct(&surname);
        look_up(whole, &keys, &mut ids);
        let parts: Vec<&str> = np.surname.split(' ').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            // No two-part surname yet: no part to look up.
            [one] if one.len() >= 3 && !self.surnames.part.is_empty() => {
                if *one == surname {
                    look_up(&self.surnames.part, &keys, &mut ids);
                } else {
                    Self::collect(typo, &self.surnames.part, one, &mut ids);
                }
            }
            [a, b] => {
                for p in [a, b] {
                    if p.len() >= 3 {
                        Self::collect(typo, whole, p, &mut ids);
                    }
                }
            }
            _ => {}
        }
        set_of(ids)
    }

    /// The given names (ids of `givens`) that `np`'s may fit: within a typo,
    /// or one of `givens`. Sorted, each once.
    fn given_ids(&self, np: &NameParts, givens: &[String]) -> Vec<usize> {
        let mut ids = Vec::new();
        let typo = &self.givens.typo;
        Self::collect(typo, &self.givens.key, &np.given, &mut ids);
        for given in givens {
            if let Some(v) = self.givens.key.get(&typo.word(given)) {
                ids.extend(v.iter().copied());
            }
        }
        set_of(ids)
    }

    /// Clusters a single word could name: as given name, surname, surname part
    /// or nickname, exactly or within a typo.
    fn word_block(&self, w: &str) -> BTreeSet<usize> {
        let mut out = BTreeSet::new();
        self.givens.lone_word(w, &mut out);
        self.surnames.lone_word(w, &mut out);
        if let Some(v) = self.nickname.get(w) {
            out.extend(v.iter().copied());
        }
        out
    }

    /// Clusters with a variant whose last folded word is `w`.
    fn ending_with(&self, w: &str) -> &[usize] {
        self.last_word.get(w).map_or(&[], Ids::as_slice)
    }
}

struct Resolver<'a> {
    ontology: &'a Ontology,
    /// The lexicon's honorifics, which `bare` takes off names.
    honorifics: Honorifics,
    clusters: Vec<Cluster>,
    index: Index,
    /// Resolution of each mention: cluster index (or None for own/dropped), how, score.
    decisions: Decisions,
    review: BTreeSet<Review>,
    /// Folded full name → nicknames a report gave beside it ("Concettina Cassa (Titti)").
    nick_map: HashMap<String, BTreeSet<String>>,
    /// Curated "not the same person" pairs, folded, both ways round.
    not_same: HashSet<(String, String)>,
    /// The ontology's nicknames the other way round: a given name → the
    /// names that list it as a nickname.
    nickname_of: HashMap<String, Vec<String>>,
}

impl Resolver<'_> {
    fn given_matches(&self, a: &str, b: &str, cluster_nicks: &BTreeSet<String>) -> bool {
        a == b
            || typo_equal(a, b)
            || cluster_nicks.contains(a)
            || cluster_nicks.contains(b)
            || self
                .ontology
                .nicknames
                .get(a)
                .is_some_and(|g| g.iter().any(|x| x == b))
            || self
                .ontology
                .nicknames
                .get(b)
                .is_some_and(|g| g.iter().any(|x| x == a))
    }

    fn surname_matches(a: &str, b: &str) -> bool {
        if a.is_empty() || b.is_empty() {
            return false;
        }
        if a == b || typo_equal(&without_spaces(a), &without_spaces(b)) {
            return true;
        }
        // One part of a double-barrelled surname: "grau" and "nemiguentcheva grau".
        let pa: Vec<&str> = a.split(' ').collect();
        let pb: Vec<&str> = b.split(' ').collect();
        let (short, long) = if pa.len() <= pb.len() {
            (&pa, &pb)
        } else {
            (&pb, &pa)
        };
        // Two parts at most: "José García-López" after "María" is a second
        // given name and a double surname, too far from "López" alone.
        short.len() == 1
            && long.len() == 2
            && short[0].len() >= 3
            && long
                .iter()
                .any(|p| *p == short[0] || typo_equal(p, short[0]))
    }

    /// The given names other than its own that `name`'s given name fits by a
    /// nickname rule of [`Self::given_matches`] (the report's, the
    /// ontology's either way), or None when it may fit any given name: it is
    /// too long for typo keys, or one of its own nicknames.
    fn given_alternatives(&self, name: &Parsed) -> Option<Vec<String>> {
        let given = &name.parts.given;
        let own = self.nick_map.get(&name.folded);
        if given.chars().count() > MAX_TYPO_WORD || own.is_some_and(|n| n.contains(given)) {
            return None;
        }
        let mut givens: Vec<String> = own.into_iter().flatten().cloned().collect();
        givens.extend(
            self.ontology
                .nicknames
                .get(given)
                .into_iter()
                .flatten()
                .cloned(),
        );
        givens.extend(self.nickname_of.get(given).into_iter().flatten().cloned());
        Some(givens)
    }

    fn is_not_same(&self, a: &str, b: &str) -> bool {
        !self.not_same.is_empty() && self.not_same.contains(&(a.to_owned(), b.to_owned()))
    }

    /// Does a full name fit a cluster? Returns the resolution and a score.
    fn fits(&self, name: &Parsed, c: &Cluster) -> Option<(Resolution, f64)> {
        let key = &name.folded;
        let np = &name.parts;
        let mut nicks = c.nicknames.clone();
        nicks.extend(self.nick_map.get(key).into_iter().flatten().cloned());
        let words = key.split(' ').count();
        let mut best: Option<(Resolution, f64)> = None;
        for v in &c.variants {
            if self.is_not_same(key, &v.folded) {
                return None;
            }
            let folded = &v.folded;
            if folded == key {
                return Some((Resolution::Exact, 1.0));
            }
            // "María José" for "María José García-López", "Mei Lin" for "Mei
            // Lin Tan": the first words of the full name, two at least.
            if words >= 2
                && folded.split(' ').count() > words
                && folded.starts_with(key.as_str())
                && folded[key.len()..].starts_with(' ')
            {
                let score = crate::words::names::similarity(key, folded);
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((Resolution::Fuzzy, score));
                }
                continue;
            }
            let vp = &v.parts;
            if !np.is_single()
                && !vp.is_single()
                && self.given_matches(&np.given, &vp.given, &nicks)
                && Self::surname_matches(&np.surname, &vp.surname)
            {
                let nick = np.given != vp.given && !typo_equal(&np.given, &vp.given);
                let score = crate::words::names::similarity(key, folded);
                let r = if nick {
                    Resolution::Nickname
                } else {
                    Resolution::Fuzzy
                };
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((r, score));
                }
            }
        }
        best
    }

    /// The clusters among `among` that `name` fits, in cluster order.
    fn fitting(
        &self,
        name: &Parsed,
        among: impl IntoIterator<Item = usize>,
    ) -> Vec<(usize, Resolution, f64)> {
        among
            .into_iter()
            .filter_map(|ci| {
                self.fits(name, &self.clusters[ci])
                    .map(|(res, s)| (ci, res, s))
            })
            .collect()
    }

    /// The people that `keep` admits whose given name, surname or nickname
    /// is the single folded word `w` (else, up to a typo: the bool), or with
    /// none of either, for a surname after an honorific, whose given name it
    /// is. Decided once for each spelling near `w`, whose people are then
    /// taken whole: checking each person's spellings, for "Dr. Kebalo" and
    /// each near miss of it, read the thousands who share a common surname
    /// again for each (issue 25). A word too long for its typo keys to reach
    /// every near spelling is checked person by person.
    fn single_candidates(
        &self,
        w: &str,
        surname_only: bool,
        keep: &dyn Fn(usize) -> bool,
    ) -> (Vec<usize>, bool) {
        // A spelling within two edits of `w` has at most two chars more; up
        // to MAX_TYPO_WORD, the typo keys of both find it.
        if w.chars().count() + 2 > MAX_TYPO_WORD {
            let among = self.index.word_block(w).into_iter().filter(|&ci| keep(ci));
            return self.single_candidates_among(w, surname_only, &among.collect());
        }
        let (givens, surnames) = (&self.index.givens, &self.index.surnames);
        let near_givens = givens.lone_spellings(w);
        let near_surnames = surnames.lone_spellings(w);
        // Gathered in lists, made sets (sorted, each once) when returned.
        let people = |words: &Words, ids: &[usize], fits: &dyn Fn(&str) -> bool| {
            ids.iter()
                .filter(|&&id| fits(&words.spellings[id]))
                .flat_map(|&id| words.clusters[id].iter().copied())
                .filter(|&ci| keep(ci))
                .collect::<Vec<usize>>()
        };
        let by_surname = |s: &str| s == w || (w.len() >= 3 && s.split(' ').any(|p| p == w));
        let mut exact = people(surnames, &near_surnames, &by_surname);
        if !surname_only {
            exact.extend(people(givens, &near_givens, &|g| g == w));
            let nicknamed = self.index.nickname.get(w).into_iter().flatten();
            exact.extend(nicknamed.copied().filter(|&ci| keep(ci)));
        }
        if !exact.is_empty() {
            return (set_of(exact), false);
        }
        let near = |x: &str| typo_equal(x, w);
        let mut fuzzy = people(surnames, &near_surnames, &near);
        if !surname_only {
            fuzzy.extend(people(givens, &near_givens, &near));
        }
        if !fuzzy.is_empty() || !surname_only {
            return (set_of(fuzzy), true);
        }
        // "Dr. Zhang" for "Zhang Wei", "Mr. Kim" for "Kim Min-jun": with
        // nobody of that surname, the family name may come first.
        let family_first = set_of(people(givens, &near_givens, &|g| g == w))
            .into_iter()
            .filter(|&ci| self.family_name_first(ci, w))
            .collect();
        (family_first, false)
    }

    /// Does person `ci` have a full name whose first word (read as the
    /// given name) is `w`: a family name written first ("Zhang Wei")?
    fn family_name_first(&self, ci: usize, w: &str) -> bool {
        self.clusters[ci]
            .variants
            .iter()
            .any(|v| v.parts.given == w && v.text.contains(' '))
    }

    /// [`Self::single_candidates`] among `among`, the index's candidates for
    /// `w` that the caller admits, person by person.
    fn single_candidates_among(
        &self,
        w: &str,
        surname_only: bool,
        among: &BTreeSet<usize>,
    ) -> (Vec<usize>, bool) {
        let mut exact = BTreeSet::new();
        let mut fuzzy = BTreeSet::new();
        for &ci in among {
            let c = &self.clusters[ci];
            for v in &c.variants {
                let vp = &v.parts;
                let by_surname =
                    vp.surname == w || (w.len() >= 3 && vp.surname.split(' ').any(|p| p == w));
                let by_given = !surname_only && (vp.given == w || c.nicknames.contains(w));
                if by_surname || by_given {
                    exact.insert(ci);
                } else if (!surname_only && typo_equal(&vp.given, w)) || typo_equal(&vp.surname, w)
                {
                    fuzzy.insert(ci);
                }
            }
        }
        if exact.is_empty() && fuzzy.is_empty() && surname_only {
            // "Dr. Zhang" for "Zhang Wei", "Mr. Kim" for "Kim Min-jun": with
            // nobody of that surname, the family name may come first.
            let family_first = among
                .iter()
                .copied()
                .filter(|&ci| self.family_name_first(ci, w))
                .collect();
            return (family_first, false);
        }
        if exact.is_empty() {
            (fuzzy.into_iter().collect(), true)
        } else {
            (exact.into_iter().collect(), false)
        }
    }

    /// Adds a full-name spelling to a cluster, and to the index; the name
    /// parsed once is the variant, not copied.
    fn add_variant(&mut self, ci: usize, name: Parsed, at: At) {
        let c = &mut self.clusters[ci];
        if let Some(v) = c.variants.iter_mut().find(|v| v.text == name.text) {
            v.count += 1;
            return;
        }
        let v = Variant {
            text: name.text,
            folded: name.folded,
            parts: name.parts,
            count: 1,
            first: at,
        };
        self.index.add_variant(ci, &v);
        if v.parts.given.chars().count() > MAX_TYPO_WORD || c.nicknames.contains(&v.parts.given) {
            self.index.fits_any_given(ci);
        }
        push_sparing(&mut c.variants, v);
    }

    fn new_cluster(&mut self, nicknames: BTreeSet<String>) -> usize {
        let ci = self.clusters.len();
        self.index.add_nicknames(ci, &nicknames);
        self.clusters.push(Cluster {
            variants: Vec::new(),
            nicknames,
        });
        ci
    }

    fn add_nicknames(&mut self, ci: usize, nicks: &BTreeSet<String>) {
        self.index.add_nicknames(ci, nicks);
        if self.clusters[ci]
            .variants
            .iter()
            .any(|v| nicks.contains(&v.parts.given))
        {
            self.index.fits_any_given(ci);
        }
        self.clusters[ci].nicknames.extend(nicks.iter().cloned());
    }

    /// The cluster holding the curated canonical `name`, added if none does.
    fn find_or_add(&mut self, name: &str) -> usize {
        let parsed = Parsed::new(name.to_owned());
        if let Some(&ci) = self
            .index
            .exact
            .get(&parsed.folded)
            .and_then(|v| v.iter().min())
        {
            return ci;
        }
        let ci = self.new_cluster(BTreeSet::new());
        self.add_variant(ci, parsed, CURATED);
        ci
    }
}

/// A bare name, folded and parsed once.
struct Parsed {
    text: String,
    folded: String,
    parts: NameParts,
}

impl Parsed {
    fn new(text: String) -> Self {
        Self {
            folded: fold(&text),
            parts: NameParts::new(&text),
            text,
        }
    }
}

/// What identity resolution reads of one report: the names of its person
/// mentions, and how each was stated. A few bytes a mention, so a whole archive
/// is resolved without holding its extractions in memory. Kept in the build
/// cache beside its extraction (without its source, which is not the
/// content's), so a build reads these few bytes of an unchanged report.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Names {
    #[serde(skip)]
    pub source: String,
    /// The meeting series the report states, folded (empty when none): reports
    /// of one series are of one body.
    pub series: String,
    /// The mentions whose names are within the bound of the model.
    pub mentions: Vec<NameMention>,
    /// A warning for each name over the bound, which `mentions` leaves out.
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct NameMention {
    pub text: String,
    pub fact: FactKind,
    pub definite: bool,
    pub nickname: Option<String>,
}

impl Names {
    pub fn of(extraction: &Extraction) -> Self {
        let mut mentions: Vec<NameMention> = (extraction.mentions.iter())
            .filter(|m| bound::person_kept(m))
            .map(|m| NameMention {
                text: m.text.clone(),
                fact: m.fact,
                definite: m.definite,
                nickname: m.nickname.clone(),
            })
            .collect();
        // Held through resolution: without the room its growth left.
        mentions.shrink_to_fit();
        Self {
            source: extraction.source.clone(),
            series: fold(&extraction.meeting.series),
            mentions,
            left_out: bound::warnings(extraction),
        }
    }
}

/// The names of the organisations the report of `ex` keeps (those within
/// the bound, as [`Identities::report`] leaves the others out), in order.
pub fn organisations_kept(ex: &Extraction) -> impl Iterator<Item = &str> {
    ex.organisations
        .iter()
        .map(|o| o.name.as_str())
        .filter(|n| bound::organisation_name_kept(n))
}

/// Each identity's canonical name → its mentions and the reports it is in,
/// as `add_to_registry` gathers them (sorted and made distinct by
/// [`resolve`]). Hashed, and lists rather than sets: a list of 600,000 names
/// looked each name up in a tree of them, and two one-element sets took
/// a kilobyte a person.
pub type RegistryMap = HashMap<String, (Vec<Mention>, Vec<String>)>;

/// The identities of a corpus: for each mention of each report, the person it
/// names. Apply to each report's extraction with [`Identities::report`].
pub struct Identities {
    /// The lexicon's honorifics, which `bare` takes off names.
    honorifics: Honorifics,
    /// Canonical name of each identity.
    names: Vec<String>,
    decisions: Decisions,
    review: Vec<Review>,
}

/// Resolves people across all `extractions`.
///
/// The reports are taken in the order of their source names, whatever order they
/// come in, so the result depends on the corpus alone. Cost: linear in the
/// number of mentions; each name is compared only with the identities that share
/// a blocking key with it (an index of names), so the work grows with how many people
/// share a surname or given name, not with the size of the corpus.
pub fn resolve(extractions: Vec<Extraction>, ontology: &Ontology) -> Resolved {
    resolve_with(extractions, ontology, true)
}

/// [`resolve`], with an empty registry unless `registry`: `meetkg extract`
/// prints the reports alone, and gathering every mention of a list of a
/// million names into the registry was a sixth of the memory it took
/// (issue 25). The reports are the same either way.
pub fn resolve_with(
    mut extractions: Vec<Extraction>,
    ontology: &Ontology,
    registry: bool,
) -> Resolved {
    extractions.sort_by(|a, b| a.source.cmp(&b.source));
    for ex in &mut extractions {
        // The room a list's growth left: up to as much again, held
        // through resolution.
        ex.mentions.shrink_to_fit();
    }
    let identities = {
        let names: Vec<Names> = extractions.iter().map(Names::of).collect();
        decide(&names, ontology)
    };
    let mut map = RegistryMap::default();
    let reports = extractions
        .into_iter()
        .enumerate()
        .map(|(ri, ex)| identities.report(ri, ex, registry.then_some(&mut map)))
        .collect();
    let mut registry: Vec<_> = map.into_iter().collect();
    registry.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let people = registry
        .into_iter()
        .map(|(name, (aliases, reports))| Identity {
            name,
            aliases: distinct(aliases),
            reports: distinct(reports),
        })
        .collect();
    Resolved {
        reports,
        registry: Registry {
            people,
            review: identities.review,
        },
    }
}

/// `v` sorted, each element once, and no larger than that.
fn distinct<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v.shrink_to_fit();
    v
}

/// Decides who each mention of `reports` names. `reports` must be sorted by
/// source (as [`resolve`] does), and [`Identities::report`] takes the same
/// indices. The names each report left out for their length are named on the
/// log (a warning, with the report's source), once a run.
pub fn decide(reports: &[Names], ontology: &Ontology) -> Identities {
    for names in reports {
        for warning in &names.left_out {
            log::warn!("{}: {warning}", names.source);
        }
    }
    let mut r = Resolver::new(ontology, reports);
    r.collect_nicknames(reports);
    // 1. Full names from definite mentions form the identities.
    for at in full_names(reports, &r.honorifics) {
        let (name, _) = bare(&reports[at.0].mentions[at.1].text, &r.honorifics);
        r.resolve_full_name(at, Parsed::new(name.to_owned()), &reports[at.0].source);
    }
    // 2. Everything else: single words, honorific + surname, tentative full names.
    r.resolve_others(reports);
    r.into_identities(reports)
}

/// The full names of definite mentions, in the order they form identities:
/// listed names first (participant lists are the most careful spelling),
/// then by report and mention. "do Rosário", "van der Berg": a surname alone
/// is no full name. Only their places: each is parsed when its turn comes,
/// as a list of a million names held every parsed name at once (issue 25).
fn full_names(reports: &[Names], honorifics: &Honorifics) -> Vec<At> {
    let mut order: Vec<At> = Vec::new();
    for (ri, ex) in reports.iter().enumerate() {
        for (mi, m) in ex.mentions.iter().enumerate() {
            let (name, _) = bare(&m.text, honorifics);
            let surname_only = name.starts_with(char::is_lowercase);
            if m.definite && name.contains(' ') && !surname_only {
                order.push((ri, mi));
            }
        }
    }
    order.sort_by_key(|&(ri, mi)| (reports[ri].mentions[mi].fact != FactKind::Listed, ri, mi));
    order
}

/// Each name of the lists of `map` → the keys whose list holds it.
fn inverse(map: &std::collections::HashMap<String, Vec<String>>) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::default();
    for (key, names) in map {
        for n in names {
            out.entry(n.clone()).or_default().push(key.clone());
        }
    }
    out
}

/// How a mention was resolved: the identity it names (none: a person of
/// its own), how, and the score of a fuzzy match.
type Decision = (Option<usize>, Resolution, Option<f64>);

/// The decision on each mention, by report and mention: a list a report,
/// where a hash of (report, mention) pairs was looked up and hashed again for
/// each of the 600,000 mentions of a long list. A mention without a decision
/// is left out of its report.
struct Decisions(Vec<Vec<Option<Decision>>>);

impl Decisions {
    /// No decision yet on any mention of `reports`.
    fn new(reports: &[Names]) -> Self {
        Self(
            reports
                .iter()
                .map(|r| vec![None; r.mentions.len()])
                .collect(),
        )
    }

    /// Decides on the mention at `at`, a mention of the reports given to
    /// [`Decisions::new`] (no other place is one).
    fn insert(&mut self, (ri, mi): At, decision: Decision) {
        if let Some(slot) = self.0.get_mut(ri).and_then(|r| r.get_mut(mi)) {
            *slot = Some(decision);
        }
    }

    fn get(&self, (ri, mi): At) -> Option<&Decision> {
        self.0.get(ri)?.get(mi)?.as_ref()
    }

    /// Each decision with its place, by report and mention.
    fn iter(&self) -> impl Iterator<Item = (At, &Decision)> + '_ {
        self.0.iter().enumerate().flat_map(|(ri, r)| {
            r.iter()
                .enumerate()
                .filter_map(move |(mi, d)| d.as_ref().map(|d| ((ri, mi), d)))
        })
    }
}

/// What a word can name in the corpus, worked out once per word and
/// honorific: (identities, matched only up to a typo).
type WordCache = HashMap<(String, bool), Named>;

/// What a word names: (identities, matched only up to a typo).
type Named = (Vec<usize>, bool);

impl<'o> Resolver<'o> {
    fn new(ontology: &'o Ontology, reports: &[Names]) -> Self {
        let not_same = ontology
            .curation
            .not_same_as
            .iter()
            .flat_map(|(x, y)| [(x.clone(), y.clone()), (y.clone(), x.clone())])
            .collect();
        Self {
            ontology,
            honorifics: Honorifics::new(&ontology.lexicons.honorifics),
            clusters: Vec::new(),
            index: Index::default(),
            decisions: Decisions::new(reports),
            review: BTreeSet::new(),
            nick_map: HashMap::default(),
            not_same,
            nickname_of: inverse(&ontology.nicknames),
        }
    }

    /// Nicknames a report gives in parentheses belong to the full name beside
    /// them, wherever that name occurs: collected before clustering.
    fn collect_nicknames(&mut self, reports: &[Names]) {
        for ex in reports {
            for m in &ex.mentions {
                if let Some(n) = &m.nickname {
                    self.nick_map
                        .entry(fold(bare(&m.text, &self.honorifics).0))
                        .or_default()
                        .insert(fold(n));
                }
            }
        }
    }

    /// A definite full name joins the identity curated for it, the identity
    /// that holds it already, the closest that fits, or a new one.
    fn resolve_full_name(&mut self, at: At, name: Parsed, source: &str) {
        if let Some(canonical) = self.ontology.curation.same_as.get(&name.folded) {
            let ci = self.find_or_add(&canonical.clone());
            self.add_variant(ci, name, at);
            self.decisions
                .insert(at, (Some(ci), Resolution::Curated, None));
            return;
        }
        let ci = match self.exact_holder(&name) {
            Some(ci) => {
                self.decisions
                    .insert(at, (Some(ci), Resolution::Exact, None));
                ci
            }
            None => self.closest_or_new(at, &name, source),
        };
        if let Some(nicks) = self.nick_map.get(&name.folded).cloned() {
            self.add_nicknames(ci, &nicks);
        }
        self.add_variant(ci, name, at);
    }

    /// The same full name again (most mentions are): the identity that holds
    /// it is the one, with no need to look further.
    fn exact_holder(&self, name: &Parsed) -> Option<usize> {
        // Sorted, as every list of the index.
        let holders = self.index.exact.get(&name.folded)?;
        holders.iter().copied().find(|&ci| {
            self.fits(name, &self.clusters[ci])
                .is_some_and(|(res, _)| res == Resolution::Exact)
        })
    }

    /// The identity a full name fits best (an exact fit first, then the
    /// highest score; a curator reviews a choice among several), or a new one.
    fn closest_or_new(&mut self, at: At, name: &Parsed, source: &str) -> usize {
        let givens = self.given_alternatives(name);
        let block = self
            .index
            .full_name_block(&name.folded, &name.parts, givens.as_deref());
        let fits = self.fitting(name, block);
        let chosen = fits
            .iter()
            .find(|(_, res, _)| *res == Resolution::Exact)
            .or_else(|| fits.iter().max_by(|a, b| a.2.total_cmp(&b.2)))
            .copied();
        let Some((ci, res, score)) = chosen else {
            let nicks = self.nick_map.get(&name.folded).cloned().unwrap_or_default();
            let ci = self.new_cluster(nicks);
            self.decisions
                .insert(at, (Some(ci), Resolution::Exact, None));
            return ci;
        };
        let score = (res != Resolution::Exact).then_some(score);
        self.decisions.insert(at, (Some(ci), res, score));
        if fits.len() > 1 && res != Resolution::Exact {
            let candidates = fits.iter().map(|(c, _, _)| *c).collect::<Vec<_>>();
            self.ask_review(
                &name.text,
                source,
                "several identities fit this full name; the closest was taken",
                &candidates,
            );
        }
        ci
    }

    fn ask_review(&mut self, mention: &str, report: &str, reason: &str, candidates: &[usize]) {
        let candidates = candidates
            .iter()
            .map(|&c| self.clusters[c].first_name().to_owned())
            .collect();
        self.review.insert(Review {
            mention: mention.to_owned(),
            report: report.to_owned(),
            reason: reason.into(),
            candidates,
        });
    }

    /// Every mention step 1 left: resolved against the identities step 1
    /// made (those added from here on, curated names, are not candidates).
    fn resolve_others(&mut self, reports: &[Names]) {
        let identities = self.clusters.len();
        let occurrences: Vec<(usize, usize)> = self
            .decisions
            .iter()
            .filter_map(|((ri, _), (ci, _, _))| ci.map(|ci| (ri, ci)))
            .filter(|&(ri, _)| ri < reports.len())
            .collect();
        let series = reports.iter().map(|names| names.series.as_str());
        let bodies = Bodies::of(reports.len(), occurrences.iter().copied(), series);
        let mut corpus = InCorpus {
            bodies: bodies.of_identities(identities, occurrences.iter().copied()),
            words: HashMap::default(),
        };
        let mut in_reports: Vec<HashSet<usize>> = vec![HashSet::default(); reports.len()];
        for &(ri, ci) in &occurrences {
            in_reports[ri].insert(ci);
        }
        for (ri, ex) in reports.iter().enumerate() {
            let mut scope = InReport {
                people: std::mem::take(&mut in_reports[ri]),
                words: WordCache::default(),
                reviewed: HashSet::default(),
            };
            for (mi, m) in ex.mentions.iter().enumerate() {
                let at = (ri, mi);
                if self.decisions.get(at).is_some() {
                    continue;
                }
                let (name, honorific) = bare(&m.text, &self.honorifics);
                let folded = fold(name);
                if let Some(canonical) = self.ontology.curation.same_as.get(&folded) {
                    let ci = self.find_or_add(&canonical.clone());
                    self.decisions
                        .insert(at, (Some(ci), Resolution::Curated, None));
                } else if name.starts_with(char::is_lowercase) {
                    self.surname_with_particle(at, &folded, m.definite, &scope.people);
                } else if name.contains(' ') {
                    self.tentative_full_name(at, name.to_owned(), m.definite);
                } else {
                    let word = Word {
                        given: NameParts::new(name).given,
                        honorific,
                        identities,
                        body: (!scope.people.is_empty() || !ex.series.is_empty())
                            .then(|| bodies.of_report(ri)),
                    };
                    self.single_word(at, m, &ex.source, &word, &mut scope, &mut corpus);
                }
            }
        }
    }

    /// "do Rosário": someone of this report whose full name ends with it,
    /// among the identities whose name ends with its last word.
    fn surname_with_particle(
        &mut self,
        at: At,
        folded: &str,
        definite: bool,
        in_report: &HashSet<usize>,
    ) {
        let tail = format!(" {folded}");
        let last = folded.rsplit(' ').next().unwrap_or(folded);
        let owners: Vec<usize> = self
            .index
            .ending_with(last)
            .iter()
            .copied()
            .filter(|ci| in_report.contains(ci))
            .filter(|&ci| {
                self.clusters[ci]
                    .variants
                    .iter()
                    .any(|v| v.folded.ends_with(&tail))
            })
            .collect();
        let decision = match owners.as_slice() {
            [ci] => (Some(*ci), Resolution::Roster, None),
            _ => (None, Resolution::Unresolved, None),
        };
        if decision.0.is_some() || definite {
            self.decisions.insert(at, decision);
        }
    }

    /// A tentative full name counts only if it is a known person.
    fn tentative_full_name(&mut self, at: At, name: String, definite: bool) {
        let parsed = Parsed::new(name);
        let givens = self.given_alternatives(&parsed);
        let block = self
            .index
            .full_name_block(&parsed.folded, &parsed.parts, givens.as_deref());
        let fit = self
            .fitting(&parsed, block)
            .into_iter()
            .max_by(|a, b| a.2.total_cmp(&b.2));
        match fit {
            Some((ci, res, s)) => {
                let score = (res != Resolution::Exact).then_some(s);
                self.decisions.insert(at, (Some(ci), res, score));
            }
            None if definite => {
                self.decisions
                    .insert(at, (None, Resolution::Unresolved, None));
            }
            None => {}
        }
    }

    /// A single word ("Anriette", "Mr Carvell"): the one person of this report
    /// it can name, else the one person of the corpus; several are a person of
    /// its own, for a curator to review.
    fn single_word(
        &mut self,
        at: At,
        m: &NameMention,
        source: &str,
        word: &Word,
        scope: &mut InReport,
        corpus: &mut InCorpus,
    ) {
        let (local, local_fuzzy) = self.in_report(word, scope);
        if local.len() == 1 {
            let res = if local_fuzzy {
                Resolution::Fuzzy
            } else {
                Resolution::Roster
            };
            self.decisions.insert(at, (Some(local[0]), res, None));
            return;
        }
        let (global, global_fuzzy) = self.in_corpus(word, corpus);
        if local.len() > 1 || global.len() > 1 {
            let candidates = if local.len() > 1 { &local } else { &global };
            if scope.reviewed.insert(m.text.clone()) {
                self.ask_review(
                    &m.text,
                    source,
                    "ambiguous: several people have this name; kept as a person of its own",
                    candidates,
                );
            }
            // A known first name of several people is still a person.
            self.decisions
                .insert(at, (None, Resolution::Unresolved, None));
        } else if global.len() == 1 && !global_fuzzy && (m.definite || !self.common_word(word)) {
            self.decisions
                .insert(at, (Some(global[0]), Resolution::Corpus, None));
        } else if m.definite {
            self.decisions
                .insert(at, (None, Resolution::Unresolved, None));
        }
    }

    /// A tentative "Minutes" or "Page" is a word of the language, not the one
    /// person of the corpus with that name: only a definite mention (a
    /// speaker, a roll's entry) may be resolved that far from its report.
    fn common_word(&self, word: &Word) -> bool {
        self.ontology.lexicons.common_words.contains(&word.given)
    }

    /// The people of this report a word can name: the index's candidates for
    /// the word that are in the report, not every person of it (a list of
    /// thousands of participants was read again for each "Mr. X"); worked out
    /// once per word and report.
    fn in_report(&self, word: &Word, scope: &mut InReport) -> (Vec<usize>, bool) {
        let key = (word.given.clone(), word.honorific);
        if let Some(found) = scope.words.get(&key) {
            return found.clone();
        }
        let people = &scope.people;
        let found = self.single_candidates(&word.given, word.honorific, &|ci| people.contains(&ci));
        scope.words.insert(key, found.clone());
        found
    }

    /// The identities of step 1 a word can name in the rest of the corpus:
    /// those of the word's body ([`bodies`]). The identities are fixed in
    /// step 2, so this is worked out once per word and body.
    fn in_corpus(&self, word: &Word, corpus: &mut InCorpus) -> (Vec<usize>, bool) {
        let key = (word.given.clone(), word.honorific, word.body);
        if let Some(found) = corpus.words.get(&key) {
            return found.clone();
        }
        let bodies = &corpus.bodies;
        let keep = |ci: usize| {
            ci < word.identities && word.body.is_none_or(|body| bodies[ci].contains(&body))
        };
        let found = self.single_candidates(&word.given, word.honorific, &keep);
        corpus.words.insert(key, found.clone());
        found
    }

    /// Canonical names, counting the single-word mentions that resolved to
    /// each identity.
    fn into_identities(self, reports: &[Names]) -> Identities {
        let mut singles: Vec<Vec<String>> = vec![Vec::new(); self.clusters.len()];
        for ((ri, mi), (ci, _, _)) in self.decisions.iter() {
            // A cluster of one spelling has its name whatever single words
            // name it (see `canonical`).
            let ci = ci.filter(|&ci| self.clusters[ci].variants.len() > 1);
            if let (Some(ci), Some(m)) = (ci, reports.get(ri).and_then(|e| e.mentions.get(mi))) {
                let (name, _) = bare(&m.text, &self.honorifics);
                if !name.contains(' ') {
                    singles[ci].push(name.to_owned());
                }
            }
        }
        let names: Vec<String> = self
            .clusters
            .iter()
            .enumerate()
            .map(|(i, c)| canonical(c, &singles[i], &self))
            .collect();
        Identities {
            names,
            decisions: self.decisions,
            review: self.review.into_iter().collect(),
            honorifics: self.honorifics,
        }
    }
}

/// One report's people (the identities its definite full names formed or
/// joined in step 1), and what each single word names among them. Hashed:
/// a word's candidates (thousands for a common surname) are each looked up
/// in the report's people, which a tree made a search of cache misses.
struct InReport {
    people: HashSet<usize>,
    words: WordCache,
    /// Mentions already put on the review list as ambiguous: the same text
    /// in the same report has the same candidates, and naming them (thousands
    /// for "Dr. Kim" in a long list) for each of its mentions made the list's
    /// review quadratic.
    reviewed: HashSet<String>,
}

/// The corpus beyond a report: the bodies each identity of step 1 occurs in,
/// and what each single word names there, worked out once per word and body.
struct InCorpus {
    bodies: Vec<BTreeSet<usize>>,
    words: HashMap<(String, bool, Option<usize>), Named>,
}

/// A single word to resolve: its given-name key, whether an honorific came
/// before it, how many identities step 1 made, and the body of its report
/// (none when the report names nobody in full and states no series: nothing
/// tells its body, and the whole corpus is its scope).
struct Word {
    given: String,
    honorific: bool,
    identities: usize,
    body: Option<usize>,
}

/// The canonical name of a cluster: the fullest surname, the most frequent
/// spelling of the given name (nicknames aside), accents and mixed case
/// preferred. A cluster of one spelling (most of a long list) is named by it,
/// the single words that name it aside: there is one given name and one
/// surname to choose from.
fn canonical(c: &Cluster, singles: &[String], r: &Resolver<'_>) -> String {
    if let Some(curated) = c.variants.iter().find(|v| v.first == CURATED) {
        return curated.text.clone();
    }
    if let Some(p) = c
        .variants
        .iter()
        .find_map(|v| r.ontology.curation.preferred.get(&v.folded))
    {
        return p.clone();
    }
    if let [only] = c.variants.as_slice() {
        return only.text.trim().to_owned();
    }
    let quality = |s: &str| {
        let accents = s.chars().filter(|c| !c.is_ascii()).count();
        let caps = s
            .split(' ')
            .filter(|w| w.len() > 2 && w.chars().all(|c| !c.is_lowercase()))
            .count();
        (accents, std::cmp::Reverse(caps))
    };
    // Surname: most parts, then most frequent spelling, then the earliest seen
    // (participant lists come first); accents and mixed case win among equals.
    let mut surnames: BTreeMap<String, (usize, usize, std::cmp::Reverse<usize>, String)> =
        BTreeMap::new();
    let mut givens: BTreeMap<String, (usize, std::cmp::Reverse<usize>, String)> = BTreeMap::new();
    for (i, variant) in c.variants.iter().enumerate() {
        let words: Vec<&str> = variant.text.split(' ').collect();
        let (given, surname) = (words[0], words[1..].join(" "));
        let se = surnames.entry(fold(&surname)).or_insert((
            parts(&surname).len(),
            0,
            std::cmp::Reverse(i),
            surname.clone(),
        ));
        se.1 += variant.count;
        if quality(&surname) > quality(&se.3) {
            se.3 = surname.clone();
        }
        let ge = givens
            .entry(fold(given))
            .or_insert((0, std::cmp::Reverse(i), given.to_owned()));
        ge.0 += variant.count;
        if quality(given) > quality(&ge.2) {
            ge.2 = given.to_owned();
        }
    }
    for s in singles {
        if let Some(ge) = givens.get_mut(&fold(s)) {
            ge.0 += 1;
        }
    }
    let surname = surnames
        .values()
        .max_by_key(|s| (s.0, s.1, s.2))
        .map(|s| s.3.clone())
        .unwrap_or_default();
    let is_nick = |g: &str| {
        let f = fold(g);
        c.nicknames.contains(&f)
            || r.ontology.nicknames.contains_key(&f)
                && givens
                    .keys()
                    .any(|k| r.ontology.nicknames.get(&f).is_some_and(|v| v.contains(k)))
    };
    let formal: Vec<&(usize, std::cmp::Reverse<usize>, String)> =
        givens.values().filter(|g| !is_nick(&g.2)).collect();
    let pool: Vec<&(usize, std::cmp::Reverse<usize>, String)> = if formal.is_empty() {
        givens.values().collect()
    } else {
        formal
    };
    let given = pool
        .iter()
        .max_by_key(|g| (g.0, g.1))
        .map(|g| g.2.clone())
        .unwrap_or_default();
    format!("{given} {surname}").trim().to_owned()
}

impl Identities {
    /// Feeds `out` with everything the `ri`-th report takes from resolution:
    /// each of its mentions' decision, the canonical name it names included.
    /// With the report's extraction, this is all [`Identities::report`]
    /// reads, so a build tells which graphs changed without reading one
    /// extraction back: another report's change that renames a person here
    /// changes these bytes.
    pub fn feed_decisions(&self, ri: usize, out: &mut dyn FnMut(&[u8])) {
        let Some(mentions) = self.decisions.0.get(ri) else {
            return;
        };
        out(&(mentions.len() as u64).to_le_bytes());
        for decision in mentions {
            let Some((ci, res, score)) = decision else {
                out(b"-");
                continue;
            };
            match ci.and_then(|ci| self.names.get(ci)) {
                Some(name) => {
                    out(b"=");
                    out(&(name.len() as u64).to_le_bytes());
                    out(name.as_bytes());
                }
                None => out(b"+"),
            }
            out(format!("{res:?}").as_bytes());
            out(&score.map_or(u64::MAX, f64::to_bits).to_le_bytes());
        }
    }

    /// The names of the `ri`-th report's people, as [`Identities::report`]
    /// names them (one per folded name, the first), from the `names`
    /// resolution read of it: what a build's summary counts, without the
    /// report's extraction.
    pub fn people_names(&self, ri: usize, names: &Names) -> Vec<String> {
        let mut seen: HashSet<String> = HashSet::default();
        let mut people = Vec::new();
        for (mi, m) in names.mentions.iter().enumerate() {
            let Some(&(ci, _, _)) = self.decisions.get((ri, mi)) else {
                continue;
            };
            let (bare_name, _) = bare(&m.text, &self.honorifics);
            let name = ci.map_or_else(|| bare_name.to_owned(), |ci| self.names[ci].clone());
            if seen.insert(fold(&name)) {
                people.push(name);
            }
        }
        people
    }

    /// The report of extraction `ex`, the `ri`-th of the corpus given to
    /// [`decide`], with its people resolved; adds its people to `registry`.
    /// Names over the model's bound are left out, as [`Names::of`] left them
    /// out of resolution, and named in the report's warnings.
    pub fn report(
        &self,
        ri: usize,
        mut ex: Extraction,
        mut registry: Option<&mut RegistryMap>,
    ) -> Report {
        let left_out = bound::warnings(&ex);
        bound::leave_out(&mut ex);
        let mut people: Vec<Person> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::default();
        // The canonical name of each moderator and host, by the last mention
        // of their text: only those texts are looked for.
        let mut canon_of_text: HashMap<String, Option<String>> = (ex.meeting.moderators.iter())
            .chain(&ex.meeting.hosts)
            .map(|n| (fold(n), None))
            .collect();
        for (mi, m) in ex.mentions.iter_mut().enumerate() {
            let Some(&(ci, res, score)) = self.decisions.get((ri, mi)) else {
                continue;
            };
            let (bare_name, _) = bare(&m.text, &self.honorifics);
            let name = ci.map_or_else(|| bare_name.to_owned(), |ci| self.names[ci].clone());
            if !canon_of_text.is_empty() {
                if let Some(canon) = canon_of_text.get_mut(&fold(&m.text)) {
                    *canon = Some(name.clone());
                }
            }
            let key = fold(&name);
            // The same text folds the same: most mentions are their name.
            let surface =
                (bare_name != name && fold(bare_name) != key).then(|| bare_name.to_owned());
            let pi = match index.get(&key) {
                Some(&pi) => pi,
                None => {
                    people.push(Person {
                        name: name.clone(),
                        ..Person::default()
                    });
                    index.insert(key, people.len() - 1);
                    people.len() - 1
                }
            };
            let mention = Mention {
                text: m.text.clone(),
                resolution: res,
                score: score.and_then(Score::new),
            };
            // Copied only for the registry, which `extract` does without.
            if let Some(registry) = registry.as_deref_mut() {
                add_mention(&mut people[pi], m, surface, mention.clone());
                add_to_registry(registry, name, mention, &ex.source);
            } else {
                add_mention(&mut people[pi], m, surface, mention);
            }
        }
        let nicknames = Nicknames::new(&ex.mentions);
        for p in &mut people {
            if let Some(n) = nicknames.alias_for(p) {
                p.aliases.push(n);
            }
            p.mentions.sort();
            // Most people of a long list have one mention: room for four
            // of each was a quarter of the memory of a 16 MiB list.
            p.mentions.shrink_to_fit();
            p.evidence.shrink_to_fit();
        }
        let canon = |n: &String| {
            canon_of_text
                .get(&fold(n))
                .cloned()
                .flatten()
                .unwrap_or_else(|| n.clone())
        };
        let mut meeting = ex.meeting.clone();
        meeting.moderators = meeting.moderators.iter().map(canon).collect();
        meeting.hosts = meeting.hosts.iter().map(canon).collect();
        Report {
            source: ex.source,
            meeting,
            agenda: ex.agenda,
            people,
            organisations: ex.organisations,
            topics: ex.topics,
            sha256: ex.sha256,
            warnings: ex.warnings.into_iter().chain(left_out).collect(),
            thread: crate::model::Thread::default(),
        }
    }
}

/// What mention `m` tells of person `p`: its fact, roles, affiliations, its
/// text as an alias (`surface`, when it folds unlike the person's name), the
/// mention, and its evidence, moved rather than copied (the report's
/// mentions are dropped after): a 16 MiB list of names held every quote
/// twice.
fn add_mention(p: &mut Person, m: &mut PersonMention, surface: Option<String>, mention: Mention) {
    match m.fact {
        FactKind::Spoke => p.spoke = true,
        FactKind::Listed => p.listed = true,
        _ => {}
    }
    for role in &m.roles {
        if !p.roles.iter().any(|x| x.is_same(role)) {
            p.roles.push(role.clone());
        }
    }
    for a in &m.affiliations {
        if !p.affiliations.contains(a) {
            p.affiliations.push(a.clone());
        }
    }
    for ms in &m.memberships {
        if !p.memberships.contains(ms) {
            p.memberships.push(ms.clone());
        }
    }
    if let Some(surface) = surface {
        let folded = fold(&surface);
        if !p.aliases.iter().any(|a| fold(a) == folded) {
            p.aliases.push(surface);
        }
    }
    if !p.mentions.contains(&mention) {
        push_sparing(&mut p.mentions, mention);
    }
    if p.evidence.len() < 32 && !p.evidence.contains(&m.evidence) {
        push_sparing(&mut p.evidence, std::mem::take(&mut m.evidence));
    }
}

/// Pushes `x`, making room for it alone in an empty list: most people of a
/// long list have one mention, and the room for four that a first push
/// makes was a quarter of the memory of a 16 MiB list (issue 25). Later
/// pushes grow the list as usual.
fn push_sparing<T>(v: &mut Vec<T>, x: T) {
    if v.capacity() == 0 {
        v.reserve_exact(1);
    }
    v.push(x);
}

/// Adds a mention of the identity named `name`, in report `source`, to the
/// registry. A full list is made distinct before it grows, so a name
/// mentioned thousands of times holds its distinct mentions, at most twice
/// over; a report's mentions come together, so its source is added once.
fn add_to_registry(registry: &mut RegistryMap, name: String, mention: Mention, source: &str) {
    let (mentions, sources) = registry.entry(name).or_default();
    if mentions.len() == mentions.capacity() {
        mentions.sort_unstable();
        mentions.dedup();
    }
    push_sparing(mentions, mention);
    if sources.last().is_none_or(|s| s != source) {
        push_sparing(sources, source.to_owned());
    }
}

/// The nicknames a report gives in parentheses, by the text they stand beside,
/// each with where it first occurs: built once a report, so that finding a
/// person's nickname costs their own mentions, not the report's.
struct Nicknames<'a> {
    by_text: HashMap<&'a str, Vec<&'a str>>,
    first: HashMap<&'a str, usize>,
}

impl<'a> Nicknames<'a> {
    fn new(mentions: &'a [PersonMention]) -> Self {
        let mut by_text: HashMap<&str, Vec<&str>> = HashMap::default();
        let mut first = HashMap::default();
        for (i, m) in mentions.iter().enumerate() {
            if let Some(n) = &m.nickname {
                by_text.entry(m.text.as_str()).or_default().push(n.as_str());
                first.entry(n.as_str()).or_insert(i);
            }
        }
        Self { by_text, first }
    }

    /// A nickname given beside one of the person's mentions, and not yet an
    /// alias, is an alias too: the one the report gives first.
    fn alias_for(&self, p: &Person) -> Option<String> {
        if self.first.is_empty() {
            return None;
        }
        p.mentions
            .iter()
            .filter_map(|pm| self.by_text.get(pm.text.as_str()))
            .flatten()
            .filter(|n| !p.aliases.iter().any(|a| fold(a) == fold(n)))
            .min_by_key(|n| self.first.get(*n))
            .map(|n| (*n).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evidence;

    fn mention(text: &str, fact: FactKind, definite: bool) -> PersonMention {
        PersonMention {
            text: text.into(),
            fact,
            definite,
            nickname: None,
            roles: vec![],
            affiliations: vec![],
            memberships: vec![],
            evidence: Evidence::default(),
        }
    }

    fn report(source: &str, mentions: Vec<PersonMention>) -> Extraction {
        Extraction {
            source: source.into(),
            mentions,
            ..Extraction::default()
        }
    }

    fn names(r: &Report) -> Vec<&str> {
        let mut v: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
        v.sort_unstable();
        v
    }

    fn resolved(reports: Vec<Extraction>) -> Resolved {
        let ontology = Ontology::embedded().unwrap_or_default();
        resolve(reports, &ontology)
    }

    /// `meetkg extract` resolves without gathering the registry (issue 25):
    /// the reports, people, mentions and evidence, must be those of a run
    /// that gathers it.
    #[test]
    fn reports_resolved_without_the_registry_are_those_resolved_with_it() {
        use FactKind::*;
        let corpus = || {
            let mut first = mention("Ana Lima", Listed, true);
            first.evidence.text = "Present: Ana Lima, Ben Ode".into();
            vec![
                report(
                    "a.txt",
                    vec![
                        first,
                        mention("Ben Ode", Listed, true),
                        mention("Ana", Spoke, true),
                        mention("Ms. Lima", Mentioned, true),
                    ],
                ),
                report("b.txt", vec![mention("Ana Lyma", Listed, true)]),
            ]
        };
        let ontology = Ontology::embedded().unwrap_or_default();
        let with = resolve(corpus(), &ontology);
        let without = resolve_with(corpus(), &ontology, false);
        let json = |r: &[Report]| serde_json::to_string(r).unwrap_or_default();
        assert_eq!(json(&with.reports), json(&without.reports));
        assert!(with.reports[0].people[0].evidence[0].text == "Present: Ana Lima, Ben Ode");
        assert!(!with.registry.people.is_empty());
        assert!(without.registry.people.is_empty());
        assert_eq!(with.registry.review, without.registry.review);
    }

    /// The index's typo keys of a long list's surnames are millions of
    /// entries: a list of ids under one is two words, not four.
    #[test]
    fn an_index_list_is_two_words() {
        assert_eq!(std::mem::size_of::<Ids>(), 2 * std::mem::size_of::<usize>());
    }

    /// A name's candidates gathered in a list are a set: sorted, each once.
    #[test]
    fn a_set_of_ids_is_sorted_and_distinct() {
        assert_eq!(set_of(vec![5, 1, 5, 3, 1]), [1, 3, 5]);
        assert!(set_of(Vec::new()).is_empty());
    }

    /// A 5,000-character "name" in a hostile report had about 12 million
    /// typo keys of 5,000 characters each: 22 GB, and the build was killed.
    /// Such a name is over the bound now; a word over [`MAX_TYPO_WORD`] in
    /// a name within it is still indexed as it is.
    #[test]
    fn a_name_of_thousands_of_characters_is_indexed_without_its_typo_keys() {
        use FactKind::*;
        let long = format!("Maximiliana {}", "Abcdefghij".repeat(18));
        let r = resolved(vec![
            report("a.txt", vec![mention(&long, Listed, true)]),
            report("b.txt", vec![mention(&long, Listed, true)]),
        ]);
        assert_eq!(r.registry.people.len(), 1);
        assert_eq!(names(&r.reports[1]), [long.as_str()]);
    }

    /// A participant line of 16.77 million letters was one person, with a
    /// name and an IRI as long and 65 MB of exports (issue 25).
    #[test]
    fn a_name_over_the_bound_is_left_out_and_named_in_the_warnings() {
        use FactKind::*;
        let long = format!("Anna {}", "Abcdefghij".repeat(500));
        let r = resolved(vec![report(
            "a.txt",
            vec![
                mention(&long, Listed, true),
                mention("Ana Lee", Listed, true),
                mention(&long, Spoke, true),
            ],
        )]);
        assert_eq!(names(&r.reports[0]), ["Ana Lee"]);
        assert_eq!(r.registry.people.len(), 1);
        let warnings = &r.reports[0].warnings;
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("a person's name of 5005 characters is left out"));
        assert!(warnings[0].len() < 200);
    }

    /// A four-letter given name for each `i` below 17,576: so short that it
    /// matches only itself, so namesakes stay apart.
    fn short_given(i: usize) -> String {
        let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
        format!("Q{}{}{}", letter(i / 676), letter(i / 26), letter(i))
    }

    /// Among hundreds of people of one surname, a new full name is compared
    /// only with those whose given name it may fit (issue 25): a nickname of
    /// the ontology either way, one the report gives, and a typo still find
    /// their person.
    #[test]
    fn a_namesake_among_hundreds_of_one_surname_joins_by_nickname_or_typo() {
        use FactKind::*;
        let mut mentions: Vec<PersonMention> = (0..300)
            .map(|i| mention(&format!("{} Nguyen", short_given(i)), Listed, true))
            .collect();
        let mut host = mention("Concettina Nguyen", Host, true);
        host.nickname = Some("Titti".into());
        mentions.extend([
            mention("Robert Nguyen", Listed, true),
            mention("Velimira Nguyen", Listed, true),
            host,
            mention("Bob Nguyen", Spoke, true),
            mention("Velmira Nguyen", Spoke, true),
            mention("Titti Nguyen", Spoke, true),
        ]);
        let r = resolved(vec![
            report("a.txt", mentions),
            report("b.txt", vec![mention("Bobby Nguyen", Spoke, true)]),
        ]);
        let people = names(&r.reports[0]);
        assert_eq!(people.len(), 303);
        for name in ["Robert Nguyen", "Velimira Nguyen", "Concettina Nguyen"] {
            assert!(people.contains(&name), "{name} missing");
        }
        assert_eq!(names(&r.reports[1]), ["Robert Nguyen"]);
    }

    /// "Dr. Okafor" among thousands of listed people is looked for among
    /// the people that word can name, not the whole list (issue 25).
    #[test]
    fn a_surname_alone_is_resolved_among_its_namesakes_in_a_long_list() {
        use FactKind::*;
        let mut mentions: Vec<PersonMention> = (0..2_000)
            .map(|i| mention(&format!("{} Grau", short_given(i)), Listed, true))
            .collect();
        mentions.extend([
            mention("Chinwe Okafor", Listed, true),
            mention("Dr. Okafor", Spoke, true),
            mention("Ms. Grau", Spoke, true),
        ]);
        let r = resolved(vec![report("a.txt", mentions)]);
        let people = names(&r.reports[0]);
        assert_eq!(people.len(), 2_002, "Ms. Grau is a person of her own");
        assert!(people.contains(&"Chinwe Okafor"));
        assert!(people.contains(&"Grau"));
        assert!(!people.contains(&"Okafor"));
        assert!(r
            .registry
            .review
            .iter()
            .any(|x| x.mention == "Ms. Grau" && x.candidates.len() == 2_000));
    }

    #[test]
    fn first_names_resolve_in_the_report_then_the_corpus() {
        use FactKind::*;
        let r = resolved(vec![
            report(
                "a.txt",
                vec![
                    mention("Mark Carvell", Listed, true),
                    mention("Mark", Spoke, true),
                ],
            ),
            report(
                "b.txt",
                vec![mention("Mark", Spoke, true), mention("Justin", Spoke, true)],
            ),
        ]);
        assert_eq!(names(&r.reports[0]), ["Mark Carvell"]);
        assert_eq!(names(&r.reports[1]), ["Justin", "Mark Carvell"]);
        let mark = &r.reports[1]
            .people
            .iter()
            .find(|p| p.name == "Mark Carvell");
        assert!(mark.is_some_and(|p| p
            .mentions
            .iter()
            .any(|m| m.resolution == Resolution::Corpus)));
    }

    #[test]
    fn a_tentative_common_word_names_nobody_of_another_report() {
        use FactKind::*;
        let r = resolved(vec![
            report("a.txt", vec![mention("Minutes Proposed", Listed, true)]),
            report(
                "b.txt",
                vec![
                    mention("Minutes", Mentioned, false),
                    mention("Ana Lee", Spoke, true),
                ],
            ),
        ]);
        assert_eq!(names(&r.reports[1]), ["Ana Lee"]);
    }

    #[test]
    fn a_lone_surname_names_a_person_of_its_own_body_not_of_another() {
        use FactKind::*;
        let r = resolved(vec![
            report(
                "a-charity.txt",
                vec![
                    mention("Janet Tierney", Listed, true),
                    mention("Ann Okafor", Listed, true),
                ],
            ),
            report(
                "b-council.txt",
                vec![
                    mention("Tom Yeats", Listed, true),
                    mention("Tierney", Spoke, true),
                ],
            ),
            report(
                "c-charity.txt",
                vec![
                    mention("Ann Okafor", Listed, true),
                    mention("Tierney", Spoke, true),
                ],
            ),
        ]);
        assert_eq!(names(&r.reports[1]), ["Tierney", "Tom Yeats"]);
        assert_eq!(names(&r.reports[2]), ["Ann Okafor", "Janet Tierney"]);
    }

    #[test]
    fn a_surname_in_a_report_of_surnames_only_names_a_person_of_its_series() {
        use FactKind::*;
        let of_series = |source: &str, series: &str, mentions| {
            let mut r = report(source, mentions);
            r.meeting.series = series.into();
            r
        };
        let r = resolved(vec![
            of_series(
                "a.txt",
                "Harbour Board",
                vec![mention("Tom Yeats", Listed, true)],
            ),
            of_series(
                "b.txt",
                "harbour board",
                vec![mention("Yeats", Spoke, true)],
            ),
            of_series(
                "c.txt",
                "Library Trustees",
                vec![mention("Yeats", Spoke, true)],
            ),
        ]);
        assert_eq!(names(&r.reports[1]), ["Tom Yeats"]);
        assert_eq!(names(&r.reports[2]), ["Yeats"]);
    }

    #[test]
    fn a_shared_first_name_is_not_merged_without_evidence() {
        use FactKind::*;
        let r = resolved(vec![
            report(
                "a.txt",
                vec![
                    mention("Maria Lopez", Listed, true),
                    mention("Maria Schmidt", Listed, true),
                ],
            ),
            report("b.txt", vec![mention("Maria", Spoke, true)]),
        ]);
        assert_eq!(names(&r.reports[1]), ["Maria"]);
        assert!(r
            .registry
            .review
            .iter()
            .any(|x| x.mention == "Maria" && x.candidates.len() == 2));
        // A tentative mention of a name nobody has is dropped.
        let r = resolved(vec![report(
            "c.txt",
            vec![mention("Communique", Mentioned, false)],
        )]);
        assert!(r.reports[0].people.is_empty());
    }

    #[test]
    fn a_surname_with_its_particle() {
        use FactKind::*;
        let r = resolved(vec![report(
            "a.txt",
            vec![
                mention("Maria do Rosário", Listed, true),
                mention("Senator do Rosário", Spoke, true),
            ],
        )]);
        assert_eq!(names(&r.reports[0]), ["Maria do Rosário"]);
    }

    #[test]
    fn family_name_first() {
        use FactKind::*;
        let r = resolved(vec![report(
            "a.txt",
            vec![
                mention("Zhang Wei", Listed, true),
                mention("Dr. Zhang", Spoke, true),
            ],
        )]);
        assert_eq!(names(&r.reports[0]), ["Zhang Wei"]);
    }

    #[test]
    fn the_first_words_of_a_name_but_not_a_far_surname() {
        use FactKind::*;
        let r = resolved(vec![report(
            "a.txt",
            vec![
                mention("María José García-López", Listed, true),
                mention("María José", Spoke, true),
            ],
        )]);
        assert_eq!(names(&r.reports[0]), ["María José García-López"]);
        // "Maria Lopez" elsewhere is not her: "José García-López" is a
        // second given name and a double surname, not a surname ending "López".
        let r = resolved(vec![
            report(
                "a.txt",
                vec![mention("María José García-López", Listed, true)],
            ),
            report("b.txt", vec![mention("Maria Lopez", Listed, true)]),
        ]);
        assert_eq!(names(&r.reports[1]), ["Maria Lopez"]);
    }

    #[test]
    fn misspellings_accents_double_surnames_and_nicknames() {
        use FactKind::*;
        let mut host = mention("Concettina Cassa", Host, true);
        host.nickname = Some("Titti".into());
        let r = resolved(vec![
            report(
                "a.txt",
                vec![
                    mention("Velimira Grau", Listed, true),
                    mention("Raul Echeberria", Listed, true),
                    mention("Raúl Echeberría", Spoke, true),
                    host,
                    mention("Velimira", Spoke, true),
                ],
            ),
            report(
                "b.txt",
                vec![
                    mention("Velmira Nemiguentcheva-Grau", Listed, true),
                    mention("Titti Cassa", Listed, true),
                    mention("Mark Carvell", Listed, true),
                ],
            ),
            report(
                "c.txt",
                vec![
                    mention("Mark Cavell", Spoke, true),
                    mention("Titti", Spoke, true),
                ],
            ),
        ]);
        assert_eq!(
            names(&r.reports[0]),
            [
                "Concettina Cassa",
                "Raúl Echeberría",
                "Velimira Nemiguentcheva-Grau"
            ]
        );
        assert_eq!(
            names(&r.reports[1]),
            [
                "Concettina Cassa",
                "Mark Carvell",
                "Velimira Nemiguentcheva-Grau"
            ]
        );
        assert_eq!(names(&r.reports[2]), ["Concettina Cassa", "Mark Carvell"]);
    }

    #[test]
    fn curated_rules_override() {
        use FactKind::*;
        let mut ontology = Ontology::embedded().unwrap_or_default();
        ontology
            .curation
            .same_as
            .insert("doc".into(), "Doreen Bogdan-Martin".into());
        ontology
            .curation
            .not_same_as
            .push(("ana lindqvist".into(), "ana lindquist".into()));
        let r = resolve(
            vec![
                report(
                    "a.txt",
                    vec![
                        mention("Doc", Spoke, true),
                        mention("Ana Lindqvist", Listed, true),
                    ],
                ),
                report("b.txt", vec![mention("Ana Lindquist", Listed, true)]),
            ],
            &ontology,
        );
        assert_eq!(
            names(&r.reports[0]),
            ["Ana Lindqvist", "Doreen Bogdan-Martin"]
        );
        assert_eq!(names(&r.reports[1]), ["Ana Lindquist"]);
    }

    #[test]
    fn a_one_letter_title_before_a_lone_surname_stays_an_initial() {
        let honorifics = Honorifics::new(&["M".to_owned(), "Mr".to_owned()]);
        assert_eq!(bare("M. Binder", &honorifics).0, "M. Binder");
        assert_eq!(bare("M. Jean Binder", &honorifics).0, "Jean Binder");
        assert_eq!(bare("Mr. Binder", &honorifics).0, "Binder");
    }

    #[test]
    fn a_one_letter_title_before_another_initial_is_an_initial() {
        let honorifics = Honorifics::new(&["M".to_owned(), "Mr".to_owned()]);
        assert_eq!(bare("M. J. Esteban", &honorifics).0, "M. J. Esteban");
        assert_eq!(bare("M. J.-F. Delmas", &honorifics).0, "M. J.-F. Delmas");
        assert_eq!(bare("Mr. J. Esteban", &honorifics).0, "J. Esteban");
        assert!(is_initial("J.-F.") && is_initial("M") && !is_initial("Jo."));
    }
}
