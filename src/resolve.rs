//! Identity resolution: the same real person is one identity, with one canonical
//! name, in every report.
//!
//! Full names cluster when both given name and surname agree up to case, accents,
//! a small typo, a nickname, or one part of a double surname ("Grau" in
//! "Nemiguentcheva-Grau"). A first name, a surname or "Ms. Suto" resolves against
//! the report's own people first and then the corpus, and only when exactly one
//! identity fits; otherwise it stays a person of its own and goes on the review
//! list. Curated rules from `ontology/person-aliases.ttl` come before all of it.
//! Canonical names take the fullest surname and the most frequent spelling of
//! each part, so one misspelling never becomes the name.

use crate::extract::names::{fold, parts, typo_equal, NameParts};
use crate::extract::{Extraction, Lexicons, PersonMention};
use crate::model::{FactKind, Mention, Person, Report, Resolution};
use crate::ontology::Ontology;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

struct Cluster {
    /// Bare names (honorifics removed) of its full-name mentions, with where they occur.
    variants: Vec<(String, At)>,
    nicknames: BTreeSet<String>,
}

fn bare(text: &str, lex: &Lexicons) -> (String, bool) {
    let mut words: Vec<&str> = text.split(' ').collect();
    let mut honorific = false;
    while words.len() > 1 && lex.is_honorific(words[0]) {
        words.remove(0);
        honorific = true;
    }
    (words.join(" "), honorific)
}

struct Resolver<'a> {
    ontology: &'a Ontology,
    lex: Lexicons,
    clusters: Vec<Cluster>,
    /// Resolution of each mention: cluster index (or None for own/dropped), how, score.
    decisions: HashMap<At, (Option<usize>, Resolution, Option<f64>)>,
    review: BTreeSet<Review>,
    /// Folded full name → nicknames a report gave beside it ("Concettina Cassa (Titti)").
    nick_map: HashMap<String, BTreeSet<String>>,
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
        if a == b || typo_equal(&a.replace(' ', ""), &b.replace(' ', "")) {
            return true;
        }
        // One part of a double-barrelled surname: "grau" and "nemiguentcheva grau".
        let pa = parts(a);
        let pb = parts(b);
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
                .any(|p| p == &short[0] || typo_equal(p, &short[0]))
    }

    fn not_same(&self, a: &str, b: &str) -> bool {
        let (a, b) = (fold(a), fold(b));
        self.ontology
            .curation
            .not_same_as
            .iter()
            .any(|(x, y)| (*x == a && *y == b) || (*x == b && *y == a))
    }

    /// Does a full name fit a cluster? Returns the resolution and a score.
    fn fits(&self, name: &str, c: &Cluster) -> Option<(Resolution, f64)> {
        let key = fold(name);
        let np = NameParts::new(name);
        let mut best: Option<(Resolution, f64)> = None;
        for (v, _) in &c.variants {
            if self.not_same(name, v) {
                return None;
            }
            let folded = fold(v);
            if folded == key {
                return Some((Resolution::Exact, 1.0));
            }
            // "María José" for "María José García-López", "Mei Lin" for "Mei
            // Lin Tan": the first words of the full name, two at least.
            let words = key.split(' ').count();
            if words >= 2
                && folded.split(' ').count() > words
                && folded.starts_with(&key)
                && folded[key.len()..].starts_with(' ')
            {
                let score = crate::extract::names::similarity(&key, &folded);
                if best.is_none_or(|(_, s)| score > s) {
                    best = Some((Resolution::Fuzzy, score));
                }
                continue;
            }
            let vp = NameParts::new(v);
            let mut nicks = c.nicknames.clone();
            nicks.extend(self.nick_map.get(&key).into_iter().flatten().cloned());
            if !np.is_single()
                && !vp.is_single()
                && self.given_matches(&np.given, &vp.given, &nicks)
                && Self::surname_matches(&np.surname, &vp.surname)
            {
                let nick = np.given != vp.given && !typo_equal(&np.given, &vp.given);
                let score = crate::extract::names::similarity(&key, &fold(v));
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

    /// Clusters whose given name, surname or nickname is the single word `w`.
    fn single_candidates(
        &self,
        w: &str,
        surname_only: bool,
        among: impl Iterator<Item = usize> + Clone,
    ) -> (Vec<usize>, bool) {
        let w = fold(w);
        let mut exact = BTreeSet::new();
        let mut fuzzy = BTreeSet::new();
        let among_again = among.clone();
        for ci in among {
            let c = &self.clusters[ci];
            for (v, _) in &c.variants {
                let vp = NameParts::new(v);
                let surname_parts = parts(&vp.surname);
                let by_surname = vp.surname == w || (w.len() >= 3 && surname_parts.contains(&w));
                let by_given = !surname_only && (vp.given == w || c.nicknames.contains(&w));
                if by_surname || by_given {
                    exact.insert(ci);
                } else if (!surname_only && typo_equal(&vp.given, &w))
                    || typo_equal(&vp.surname, &w)
                {
                    fuzzy.insert(ci);
                }
            }
        }
        if exact.is_empty() && fuzzy.is_empty() && surname_only {
            // "Dr. Zhang" for "Zhang Wei", "Mr. Kim" for "Kim Min-jun": with
            // nobody of that surname, the family name may come first.
            let family_first: BTreeSet<usize> = among_again
                .filter(|&ci| {
                    self.clusters[ci]
                        .variants
                        .iter()
                        .any(|(v, _)| NameParts::new(v).given == w && v.contains(' '))
                })
                .collect();
            return (family_first.into_iter().collect(), false);
        }
        if exact.is_empty() {
            (fuzzy.into_iter().collect(), true)
        } else {
            (exact.into_iter().collect(), false)
        }
    }
}

/// Resolves people across all `extractions` (in the given order, which must be
/// stable: sort by source for reproducible output). Cost: quadratic in the number
/// of distinct full names within a block of the same surname, linear otherwise.
pub fn resolve(extractions: Vec<Extraction>, ontology: &Ontology) -> Resolved {
    let lex = Lexicons::new(&ontology.lexicon);
    let mut r = Resolver {
        ontology,
        lex,
        clusters: Vec::new(),
        decisions: HashMap::new(),
        review: BTreeSet::new(),
        nick_map: HashMap::new(),
    };

    // Nicknames a report gives in parentheses belong to the full name beside them,
    // wherever that name occurs: collect them before clustering.
    for ex in &extractions {
        for m in &ex.mentions {
            if let Some(n) = &m.nickname {
                r.nick_map
                    .entry(fold(&bare(&m.text, &r.lex).0))
                    .or_default()
                    .insert(fold(n));
            }
        }
    }

    // 1. Full names from definite mentions form the identities.
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut order: Vec<(At, String)> = Vec::new();
    for (ri, ex) in extractions.iter().enumerate() {
        for (mi, m) in ex.mentions.iter().enumerate() {
            let (name, _) = bare(&m.text, &r.lex);
            // "do Rosário", "van der Berg": a surname alone, for step 2.
            let surname_only = name.starts_with(char::is_lowercase);
            if m.definite && name.contains(' ') && !surname_only {
                order.push(((ri, mi), name));
            }
        }
    }
    // Listed names first: participant lists are the most careful spelling.
    order.sort_by_key(|((ri, mi), _)| {
        (
            extractions[*ri].mentions[*mi].fact != FactKind::Listed,
            *ri,
            *mi,
        )
    });
    for (at, name) in order {
        let (ri, _) = at;
        if let Some(canonical) = ontology.curation.same_as.get(&fold(&name)) {
            let target = canonical.clone();
            let ci = find_or_add(&mut r, &target, &mut by_surname);
            r.clusters[ci].variants.push((name, at));
            r.decisions
                .insert(at, (Some(ci), Resolution::Curated, None));
            continue;
        }
        let np = NameParts::new(&name);
        // Candidates: the same surname, or a full name this one begins
        // ("María José" → "María José García-López").
        let prefix = format!("{} ", fold(&name));
        let begun = r.clusters.iter().enumerate().filter_map(|(ci, c)| {
            c.variants
                .iter()
                .any(|(v, _)| fold(v).starts_with(&prefix))
                .then_some(ci)
        });
        let block: Vec<usize> = by_surname
            .iter()
            .filter(|(s, _)| Resolver::surname_matches(s, &np.surname))
            .flat_map(|(_, v)| v.iter().copied())
            .chain(begun)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let fits: Vec<(usize, Resolution, f64)> = block
            .iter()
            .filter_map(|&ci| r.fits(&name, &r.clusters[ci]).map(|(res, s)| (ci, res, s)))
            .collect();
        let chosen = fits
            .iter()
            .find(|(_, res, _)| *res == Resolution::Exact)
            .or_else(|| fits.iter().max_by(|a, b| a.2.total_cmp(&b.2)))
            .copied();
        let ci = match chosen {
            Some((ci, res, score)) => {
                r.decisions.insert(
                    at,
                    (Some(ci), res, (res != Resolution::Exact).then_some(score)),
                );
                if fits.len() > 1 && res != Resolution::Exact {
                    r.review.insert(Review {
                        mention: name.clone(),
                        report: extractions[ri].source.clone(),
                        reason: "several identities fit this full name; the closest was taken"
                            .into(),
                        candidates: fits
                            .iter()
                            .map(|(c, _, _)| r.clusters[*c].variants[0].0.clone())
                            .collect(),
                    });
                }
                ci
            }
            None => {
                r.clusters.push(Cluster {
                    variants: Vec::new(),
                    nicknames: r.nick_map.get(&fold(&name)).cloned().unwrap_or_default(),
                });
                let ci = r.clusters.len() - 1;
                by_surname.entry(np.surname.clone()).or_default().push(ci);
                r.decisions.insert(at, (Some(ci), Resolution::Exact, None));
                ci
            }
        };
        if let Some(nicks) = r.nick_map.get(&fold(&name)).cloned() {
            r.clusters[ci].nicknames.extend(nicks);
        }
        r.clusters[ci].variants.push((name, at));
        let key = np.surname.clone();
        let entry = by_surname.entry(key).or_default();
        if !entry.contains(&ci) {
            entry.push(ci);
        }
    }

    // 2. Everything else: single words, honorific + surname, tentative full names.
    let all_clusters = 0..r.clusters.len();
    for (ri, ex) in extractions.iter().enumerate() {
        let in_report: BTreeSet<usize> = r
            .decisions
            .iter()
            .filter(|((rj, _), _)| *rj == ri)
            .filter_map(|(_, (ci, _, _))| *ci)
            .collect();
        for (mi, m) in ex.mentions.iter().enumerate() {
            let at = (ri, mi);
            if r.decisions.contains_key(&at) {
                continue;
            }
            let (name, honorific) = bare(&m.text, &r.lex);
            if let Some(canonical) = ontology.curation.same_as.get(&fold(&name)) {
                let ci = find_or_add(&mut r, &canonical.clone(), &mut by_surname);
                r.decisions
                    .insert(at, (Some(ci), Resolution::Curated, None));
                continue;
            }
            if name.starts_with(char::is_lowercase) {
                // A surname with its particle: someone of this report whose
                // full name ends with it.
                let tail = format!(" {}", fold(&name));
                let owners: Vec<usize> = in_report
                    .iter()
                    .copied()
                    .filter(|&ci| {
                        r.clusters[ci]
                            .variants
                            .iter()
                            .any(|(v, _)| fold(v).ends_with(&tail))
                    })
                    .collect();
                let decision = match owners.as_slice() {
                    [ci] => (Some(*ci), Resolution::Roster, None),
                    _ => (None, Resolution::Unresolved, None),
                };
                if decision.0.is_some() || m.definite {
                    r.decisions.insert(at, decision);
                }
                continue;
            }
            if name.contains(' ') {
                // A tentative full name counts only if it is a known person.
                let fit = (0..r.clusters.len())
                    .filter_map(|ci| r.fits(&name, &r.clusters[ci]).map(|f| (ci, f)))
                    .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1));
                match fit {
                    Some((ci, (res, s))) => {
                        r.decisions
                            .insert(at, (Some(ci), res, (res != Resolution::Exact).then_some(s)));
                    }
                    None if m.definite => {
                        r.decisions.insert(at, (None, Resolution::Unresolved, None));
                    }
                    None => {}
                }
                continue;
            }
            let (local, local_fuzzy) =
                r.single_candidates(&name, honorific, in_report.iter().copied());
            if local.len() == 1 {
                let res = if local_fuzzy {
                    Resolution::Fuzzy
                } else {
                    Resolution::Roster
                };
                r.decisions.insert(at, (Some(local[0]), res, None));
                continue;
            }
            let (global, global_fuzzy) =
                r.single_candidates(&name, honorific, all_clusters.clone());
            if local.len() > 1 || global.len() > 1 {
                let cands = if local.len() > 1 { &local } else { &global };
                r.review.insert(Review {
                    mention: m.text.clone(),
                    report: ex.source.clone(),
                    reason: "ambiguous: several people have this name; kept as a person of its own"
                        .into(),
                    candidates: cands
                        .iter()
                        .map(|&c| r.clusters[c].variants[0].0.clone())
                        .collect(),
                });
                // A known first name of several people is still a person.
                r.decisions.insert(at, (None, Resolution::Unresolved, None));
                continue;
            }
            if global.len() == 1 && !global_fuzzy {
                r.decisions
                    .insert(at, (Some(global[0]), Resolution::Corpus, None));
                continue;
            }
            if m.definite {
                r.decisions.insert(at, (None, Resolution::Unresolved, None));
            }
        }
    }

    build(extractions, &r)
}

fn find_or_add(
    r: &mut Resolver<'_>,
    name: &str,
    by_surname: &mut HashMap<String, Vec<usize>>,
) -> usize {
    let key = fold(name);
    if let Some(ci) = r
        .clusters
        .iter()
        .position(|c| c.variants.iter().any(|(v, _)| fold(v) == key))
    {
        return ci;
    }
    r.clusters.push(Cluster {
        variants: vec![(name.to_owned(), (usize::MAX, usize::MAX))],
        nicknames: BTreeSet::new(),
    });
    let ci = r.clusters.len() - 1;
    by_surname
        .entry(NameParts::new(name).surname)
        .or_default()
        .push(ci);
    ci
}

/// The canonical name of a cluster: the fullest surname, the most frequent
/// spelling of the given name (nicknames aside), accents and mixed case preferred.
fn canonical(c: &Cluster, singles: &[String], r: &Resolver<'_>) -> String {
    if let Some(curated) = c.variants.iter().find(|(_, at)| at.0 == usize::MAX) {
        return curated.0.clone();
    }
    if let Some(p) = c
        .variants
        .iter()
        .find_map(|(v, _)| r.ontology.curation.preferred.get(&fold(v)))
    {
        return p.clone();
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
    for (i, (v, _)) in c.variants.iter().enumerate() {
        let words: Vec<&str> = v.split(' ').collect();
        let (given, surname) = (words[0], words[1..].join(" "));
        let se = surnames.entry(fold(&surname)).or_insert((
            parts(&surname).len(),
            0,
            std::cmp::Reverse(i),
            surname.clone(),
        ));
        se.1 += 1;
        if quality(&surname) > quality(&se.3) {
            se.3 = surname.clone();
        }
        let ge = givens
            .entry(fold(given))
            .or_insert((0, std::cmp::Reverse(i), given.to_owned()));
        ge.0 += 1;
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

fn build(extractions: Vec<Extraction>, r: &Resolver<'_>) -> Resolved {
    // Canonical names, counting the single-word mentions that resolved to each cluster.
    let mut singles: Vec<Vec<String>> = vec![Vec::new(); r.clusters.len()];
    for (&(ri, mi), (ci, _, _)) in &r.decisions {
        if let (Some(ci), Some(m)) = (ci, extractions.get(ri).and_then(|e| e.mentions.get(mi))) {
            let (name, _) = bare(&m.text, &r.lex);
            if !name.contains(' ') {
                singles[*ci].push(name);
            }
        }
    }
    let names: Vec<String> = r
        .clusters
        .iter()
        .enumerate()
        .map(|(i, c)| canonical(c, &singles[i], r))
        .collect();

    let mut registry: BTreeMap<String, (BTreeSet<Mention>, BTreeSet<String>)> = BTreeMap::new();
    let mut reports = Vec::new();
    for (ri, ex) in extractions.into_iter().enumerate() {
        let mut people: Vec<Person> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut canon_of_text: HashMap<String, String> = HashMap::new();
        for (mi, m) in ex.mentions.iter().enumerate() {
            let Some((ci, res, score)) = r.decisions.get(&(ri, mi)) else {
                continue;
            };
            let (bare_name, _) = bare(&m.text, &r.lex);
            let name = ci.map_or_else(|| bare_name.clone(), |ci| names[ci].clone());
            canon_of_text.insert(fold(&m.text), name.clone());
            let key = fold(&name);
            let pi = *index.entry(key).or_insert_with(|| {
                people.push(Person {
                    name: name.clone(),
                    ..Person::default()
                });
                people.len() - 1
            });
            let p = &mut people[pi];
            match m.fact {
                FactKind::Spoke => p.spoke = true,
                FactKind::Listed => p.listed = true,
                _ => {}
            }
            for role in &m.roles {
                if !p.roles.iter().any(|x| x.eq_ignore_ascii_case(role)) {
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
            let surface = bare_name;
            if fold(&surface) != fold(&name) && !p.aliases.iter().any(|a| fold(a) == fold(&surface))
            {
                p.aliases.push(surface.clone());
            }
            let mention = Mention {
                text: m.text.clone(),
                resolution: *res,
                score: score.map(|s| format!("{s:.2}")),
            };
            if !p.mentions.contains(&mention) {
                p.mentions.push(mention.clone());
            }
            if p.evidence.len() < 32 && !p.evidence.contains(&m.evidence) {
                p.evidence.push(m.evidence.clone());
            }
            let entry = registry.entry(name.clone()).or_default();
            entry.0.insert(mention);
            entry.1.insert(ex.source.clone());
        }
        for p in &mut people {
            if let Some(n) = add_nick(p, &ex.mentions) {
                p.aliases.push(n);
            }
            p.mentions.sort();
        }
        let canon = |n: &String| {
            canon_of_text
                .get(&fold(n))
                .cloned()
                .unwrap_or_else(|| n.clone())
        };
        let mut meeting = ex.meeting.clone();
        meeting.moderators = meeting.moderators.iter().map(canon).collect();
        meeting.hosts = meeting.hosts.iter().map(canon).collect();
        reports.push(Report {
            source: ex.source,
            meeting,
            agenda: ex.agenda,
            people,
            organisations: ex.organisations,
            topics: ex.topics,
            sha256: ex.sha256,
            warnings: ex.warnings,
        });
    }
    let people = registry
        .into_iter()
        .map(|(name, (aliases, reports))| Identity {
            name,
            aliases: aliases.into_iter().collect(),
            reports: reports.into_iter().collect(),
        })
        .collect();
    Resolved {
        reports,
        registry: Registry {
            people,
            review: r.review.iter().cloned().collect(),
        },
    }
}

/// A nickname the report gave in parentheses is an alias too.
fn add_nick(p: &Person, mentions: &[PersonMention]) -> Option<String> {
    mentions
        .iter()
        .filter_map(|m| m.nickname.as_ref())
        .find(|n| {
            p.mentions.iter().any(|pm| {
                mentions
                    .iter()
                    .any(|m| m.text == pm.text && m.nickname.as_deref() == Some(n.as_str()))
            }) && !p.aliases.iter().any(|a| fold(a) == fold(n))
        })
        .cloned()
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
}
