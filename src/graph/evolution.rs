//! Topic evolution, as SciMAT, CiteSpace and BERTopic's `topics_over_time`
//! show it: the archive cut into periods ([`super::periods`]); in each, the
//! co-occurrence network of topics (topics discussed at the same meeting)
//! clustered into themes on a strategic diagram ([`super::themes`]); links
//! between the themes of consecutive periods; and per topic its frequency per
//! period and its bursts ([`super::bursts`]).
//!
//! Evolution links (SciMAT's evolution map) join a theme of one period to a
//! theme of the next period that shares a topic with it, weighted by the
//! inclusion index `|A ∩ B| / min(|A|, |B|)` (1 when one theme's topics are
//! all in the other: a split or a merge keeps 1), with the Jaccard index
//! `|A ∩ B| / |A ∪ B|` beside it (1 only when the theme is unchanged).
//! "Consecutive" means the next period that holds a dated meeting.
//!
//! A topic's frequency in a period is the number of the period's meetings
//! that discussed it; bursts compare it with all the period's dated meetings,
//! including those that discussed no topic.
//!
//! What it will not do: use meetings without an ISO date (they are in no
//! period), or link themes across a period in between.

use super::bursts::{bursts, Burst};
use super::facts::DiscussionFacts;
use super::periods::{day, slice_of, slices, Period, Slice};
use super::themes::{themes, Network, Themes};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The topic evolution of an archive.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicEvolution {
    /// How the archive was cut.
    pub period: Period,
    /// Every topic discussed at a dated meeting, in IRI order.
    pub topics: Vec<TopicSeries>,
    /// The periods holding a dated meeting, in time order.
    pub periods: Vec<PeriodThemes>,
    /// Between themes of consecutive periods, by (from, to).
    pub links: Vec<EvolutionLink>,
}

/// One topic over time.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicSeries {
    pub iri: String,
    /// `skos:prefLabel`, or the IRI when the store has none.
    pub label: String,
    /// Meetings that discussed it, per period.
    pub frequency: Vec<u32>,
    /// Its bursts, periods as positions in [`TopicEvolution::periods`].
    pub bursts: Vec<Burst>,
}

/// One period: its bounds, meetings, topic network and themes.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodThemes {
    pub slice: Slice,
    /// Its dated meetings, with topics or without.
    pub meetings: u32,
    /// The topics of its network, as positions in [`TopicEvolution::topics`],
    /// ascending; `network` and `themes` number topics by position here.
    pub topics: Vec<usize>,
    pub network: Network,
    pub themes: Themes,
}

impl PeriodThemes {
    /// A theme's topics as positions in [`TopicEvolution::topics`].
    pub fn theme_topics(&self, theme: usize) -> impl Iterator<Item = usize> + '_ {
        self.themes.themes[theme]
            .topics
            .iter()
            .map(|&t| self.topics[t])
    }
}

/// A theme, by period and number in its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ThemeRef {
    pub period: usize,
    pub theme: usize,
}

/// A theme of one period continued by a theme of the next.
#[derive(Debug, Clone, PartialEq)]
pub struct EvolutionLink {
    pub from: ThemeRef,
    pub to: ThemeRef,
    /// The topics both hold, as positions in [`TopicEvolution::topics`].
    pub shared: Vec<usize>,
    pub inclusion: f64,
    pub jaccard: f64,
}

/// The topic evolution of `facts`, cut by `period`.
///
/// Cost: O(P log P) for P the (topic, meeting) facts, plus O(Σ k²) over
/// meetings of k topics for the networks, Louvain per period, and O(T · n)
/// for the bursts of T topics over n periods.
pub(crate) fn build_evolution(facts: &DiscussionFacts, period: Period) -> TopicEvolution {
    let dated: BTreeMap<&str, chrono::NaiveDate> = facts
        .meetings
        .iter()
        .filter_map(|(m, info)| Some((m.as_str(), day(info.date.as_deref()?)?)))
        .collect();
    let cut = slices(&dated.values().copied().collect::<Vec<_>>(), period);
    // Each dated meeting: its number and its period.
    let placed: HashMap<&str, (u32, usize)> = dated
        .iter()
        .zip(0u32..)
        .filter_map(|((m, d), n)| Some((*m, (n, slice_of(&cut, *d)?))))
        .collect();
    let mut held = vec![0u32; cut.len()];
    for &(_, p) in placed.values() {
        held[p] += 1;
    }
    // topic → (period, meeting) of its dated discussions.
    let mut discussed: BTreeMap<&str, BTreeSet<(usize, u32)>> = BTreeMap::new();
    for (topic, meeting) in &facts.discussed {
        if let Some(&(n, p)) = placed.get(meeting.as_str()) {
            discussed.entry(topic).or_default().insert((p, n));
        }
    }
    let topics: Vec<TopicSeries> = discussed
        .iter()
        .map(|(iri, seen)| series(iri, seen, facts, &held))
        .collect();
    let periods: Vec<PeriodThemes> = cut
        .into_iter()
        .zip(&held)
        .enumerate()
        .map(|(p, (slice, &meetings))| period_themes(p, slice, meetings, &discussed))
        .collect();
    let links = (1..periods.len())
        .flat_map(|p| links_between(p - 1, &periods[p - 1], &periods[p]))
        .collect();
    TopicEvolution {
        period,
        topics,
        periods,
        links,
    }
}

/// A topic's frequency per period and its bursts.
fn series(
    iri: &str,
    seen: &BTreeSet<(usize, u32)>,
    facts: &DiscussionFacts,
    held: &[u32],
) -> TopicSeries {
    let mut frequency = vec![0u32; held.len()];
    for &(p, _) in seen {
        frequency[p] += 1;
    }
    TopicSeries {
        iri: iri.to_owned(),
        label: facts
            .labels
            .get(iri)
            .cloned()
            .unwrap_or_else(|| iri.to_owned()),
        bursts: bursts(&frequency, held),
        frequency,
    }
}

/// The network and themes of period `p`.
fn period_themes(
    p: usize,
    slice: Slice,
    meetings: u32,
    discussed: &BTreeMap<&str, BTreeSet<(usize, u32)>>,
) -> PeriodThemes {
    let mut topics = Vec::new();
    let mut network = Network::default();
    let mut at: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (global, seen) in discussed.values().enumerate() {
        let here: Vec<u32> = seen
            .range((p, 0)..=(p, u32::MAX))
            .map(|&(_, m)| m)
            .collect();
        if here.is_empty() {
            continue;
        }
        let local = topics.len();
        for &m in &here {
            at.entry(m).or_default().push(local);
        }
        topics.push(global);
        network.meetings.push(here);
    }
    let mut pairs: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for members in at.values() {
        for (k, &i) in members.iter().enumerate() {
            for &j in &members[k + 1..] {
                *pairs.entry((i, j)).or_default() += 1;
            }
        }
    }
    network.edges = pairs.into_iter().map(|((i, j), c)| (i, j, c)).collect();
    let themes = themes(&network);
    PeriodThemes {
        slice,
        meetings,
        topics,
        network,
        themes,
    }
}

/// The links from the themes of `before` (period `p`) to those of `after`.
fn links_between(p: usize, before: &PeriodThemes, after: &PeriodThemes) -> Vec<EvolutionLink> {
    let theme_after: HashMap<usize, usize> = after
        .topics
        .iter()
        .zip(&after.themes.membership)
        .map(|(&global, &theme)| (global, theme))
        .collect();
    let mut shared: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for a in 0..before.themes.themes.len() {
        for topic in before.theme_topics(a) {
            if let Some(&b) = theme_after.get(&topic) {
                shared.entry((a, b)).or_default().push(topic);
            }
        }
    }
    shared
        .into_iter()
        .map(|((a, b), topics)| {
            let both = topics.len() as f64;
            let size_a = before.themes.themes[a].topics.len() as f64;
            let size_b = after.themes.themes[b].topics.len() as f64;
            EvolutionLink {
                from: ThemeRef {
                    period: p,
                    theme: a,
                },
                to: ThemeRef {
                    period: p + 1,
                    theme: b,
                },
                inclusion: both / size_a.min(size_b),
                jaccard: both / (size_a + size_b - both),
                shared: topics,
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::MeetingInfo;
    use crate::vocab::ID_BASE;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn topic(name: &str) -> String {
        format!("{ID_BASE}topic/{name}")
    }

    /// An archive built so the answer is known: in 2020, theme A (a1–a4,
    /// twice together), B (b1, b2), C (c1, c2) and x alone, among ten
    /// meetings; in 2021 A splits (a1 a2 / a3 a4), B and C merge, D (d1,
    /// d2) appears, and x is discussed alone at four of eight meetings; 2022
    /// repeats 2021 but x is back to one meeting of ten.
    pub(crate) fn archive() -> DiscussionFacts {
        let a = ["a1", "a2", "a3", "a4"];
        let year_2020: Vec<Vec<&str>> = vec![
            a.to_vec(),
            a.to_vec(),
            vec!["b1", "b2"],
            vec!["c1", "c2"],
            vec!["x"],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
        ];
        let later = |x_meetings: usize, empty: usize| {
            let mut year: Vec<Vec<&str>> = vec![
                vec!["a1", "a2"],
                vec!["a3", "a4"],
                vec!["b1", "b2", "c1", "c2"],
                vec!["d1", "d2"],
            ];
            year.extend(std::iter::repeat_n(vec!["x"], x_meetings));
            year.extend(std::iter::repeat_n(vec![], empty));
            year
        };
        let mut facts = DiscussionFacts::default();
        for (year, meetings) in [(2020, year_2020), (2021, later(4, 0)), (2022, later(1, 5))] {
            for (i, topics) in meetings.into_iter().enumerate() {
                let m = format!("m:{year}-{i:02}");
                let date = format!("{year}-03-{:02}", i + 1);
                let info = MeetingInfo {
                    label: m.clone(),
                    date: Some(date),
                };
                facts.meetings.insert(m.clone(), info);
                for t in topics {
                    facts.discussed.insert((topic(t), m.clone()));
                }
            }
        }
        // An undated meeting is in no period.
        facts
            .meetings
            .insert("m:undated".into(), MeetingInfo::default());
        facts.discussed.insert((topic("a1"), "m:undated".into()));
        facts
    }

    /// Each theme of each period by its label, with its topics' names.
    fn themes_by_period(e: &TopicEvolution) -> Vec<Vec<String>> {
        e.periods
            .iter()
            .map(|p| {
                (0..p.themes.themes.len())
                    .map(|t| {
                        let names: Vec<_> = p
                            .theme_topics(t)
                            .map(|g| e.topics[g].label.rsplit('/').next().unwrap_or_default())
                            .collect();
                        names.join(" ")
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_theme_splits_two_merge_one_appears_and_a_topic_bursts() -> TestResult {
        let e = build_evolution(&archive(), Period::Year);
        let bounds: Vec<_> = e
            .periods
            .iter()
            .map(|p| (p.slice.id.as_str(), p.slice.start.to_string(), p.meetings))
            .collect();
        assert_eq!(
            bounds,
            [
                ("2020", "2020-01-01".to_owned(), 10),
                ("2021", "2021-01-01".to_owned(), 8),
                ("2022", "2022-01-01".to_owned(), 10)
            ]
        );
        assert_eq!(
            themes_by_period(&e),
            [
                vec!["a1 a2 a3 a4", "b1 b2", "c1 c2", "x"],
                vec!["b1 b2 c1 c2", "a1 a2", "a3 a4", "d1 d2", "x"],
                vec!["b1 b2 c1 c2", "a1 a2", "a3 a4", "d1 d2", "x"],
            ]
        );
        let named = |r: ThemeRef| themes_by_period(&e)[r.period][r.theme].clone();
        let links: Vec<_> = e
            .links
            .iter()
            .filter(|l| l.from.period == 0)
            .map(|l| (named(l.from), named(l.to), l.inclusion, l.jaccard))
            .collect();
        let link = |a: &str, b: &str, i: f64, j: f64| (a.to_owned(), b.to_owned(), i, j);
        assert_eq!(
            links,
            [
                // A splits: each half is wholly included in A.
                link("a1 a2 a3 a4", "a1 a2", 1.0, 0.5),
                link("a1 a2 a3 a4", "a3 a4", 1.0, 0.5),
                // B and C merge.
                link("b1 b2", "b1 b2 c1 c2", 1.0, 0.5),
                link("c1 c2", "b1 b2 c1 c2", 1.0, 0.5),
                link("x", "x", 1.0, 1.0),
            ]
        );
        // D appears in 2021: no link leads to it; from 2021 to 2022 every
        // theme goes on unchanged.
        let d = ThemeRef {
            period: 1,
            theme: 3,
        };
        assert_eq!(named(d), "d1 d2");
        assert!(e.links.iter().all(|l| l.to != d));
        let later: Vec<_> = e.links.iter().filter(|l| l.from.period == 1).collect();
        assert_eq!(later.len(), 5);
        assert!(later
            .iter()
            .all(|l| l.from.theme == l.to.theme && l.jaccard == 1.0));
        // x: 1, 4 and 1 meetings; a burst in 2021 alone, of the strength
        // worked out from p0 = 6/28 and p1 = 2 p0 (see bursts.rs).
        let x = e
            .topics
            .iter()
            .find(|t| t.iri == topic("x"))
            .ok_or("no x")?;
        assert_eq!(x.frequency, [1, 4, 1]);
        let (p0, p1): (f64, f64) = (6.0 / 28.0, 12.0 / 28.0);
        let strength = 4.0 * (p1 / p0).ln() + 4.0 * ((1.0 - p1) / (1.0 - p0)).ln();
        assert_eq!(x.bursts.len(), 1, "{:?}", x.bursts);
        assert_eq!((x.bursts[0].first, x.bursts[0].last), (1, 1));
        assert!((x.bursts[0].strength - strength).abs() < 1e-9);
        // Steady topics do not burst; the undated meeting counts nowhere.
        let a1 = e.topics.first().ok_or("no topic")?;
        assert_eq!(
            (a1.frequency.as_slice(), a1.bursts.len()),
            (&[2, 1, 1][..], 0)
        );
        Ok(())
    }

    #[test]
    fn the_map_has_a_node_per_theme_and_an_edge_per_link() -> TestResult {
        let e = build_evolution(&archive(), Period::Year);
        let map = e.map();
        assert_eq!(map.node_count(), 4 + 5 + 5);
        assert_eq!(map.edge_count(), e.links.len());
        let d = map
            .node_weights()
            .find(|n| n.period == "2021" && n.label.ends_with("d1"))
            .ok_or("no theme d1 in 2021")?;
        assert_eq!(d.iri, format!("{ID_BASE}theme/2021/d1"));
        assert_eq!(crate::export::node_id(&d.iri), "theme:2021:d1");
        assert_eq!(
            (d.start.as_str(), d.end.as_str()),
            ("2021-01-01", "2021-12-31")
        );
        assert_eq!(d.topic_count, 2);
        // Every period's quadrants come from its own medians.
        assert!(map.node_weights().all(|n| !n.quadrant.is_empty()));
        Ok(())
    }

    /// The same facts give the same evolution, whatever the period kind.
    #[test]
    fn every_period_kind_is_deterministic() {
        let facts = archive();
        for period in Period::ALL {
            assert_eq!(
                build_evolution(&facts, period),
                build_evolution(&facts, period)
            );
        }
        let auto = build_evolution(&facts, Period::Auto);
        let ids: Vec<_> = auto.periods.iter().map(|p| p.slice.id.as_str()).collect();
        // Ten meetings in March 2020, eight in March 2021 (joined by the
        // months up to March 2022, which holds ten): two periods.
        assert_eq!(ids, ["2020-03", "2020-04..2022-03"]);
    }
}
