//! Themes of one period: its topic co-occurrence network cut into clusters,
//! each placed on SciMAT's strategic diagram by Callon's centrality and
//! density (Cobo et al. 2011, "An approach for detecting, quantifying, and
//! visualizing the evolution of a research field").
//!
//! - Clusters: Louvain ([`super::measures::louvain`]) on the co-occurrence
//!   counts, the community detection the co-participation measures use:
//!   deterministic, topics visited in IRI order. (SciMAT clusters with the
//!   simple centers algorithm; Louvain is what Gephi and igraph offer, so an
//!   analyst can redo it.) A topic that co-occurs with none is a theme alone.
//! - Links are weighted by the equivalence index `e_ij = c_ij² / (c_i · c_j)`,
//!   `c_ij` the meetings discussing both topics, `c_i` those discussing `i`.
//! - Centrality = 10 · Σ e_ij over links from a topic of the theme to a topic
//!   outside it: how strongly the theme ties into the rest.
//! - Density = 100 · Σ e_ij over links inside the theme / its number of
//!   topics: how strongly it holds together.
//! - Quadrant, split at the period's medians: above the median in both,
//!   *motor*; central only, *basic* (basic and transversal); dense only,
//!   *niche* (highly developed and isolated); neither,
//!   *emerging-or-declining*. "Above" is strict, so themes at the median
//!   (many themes of one topic have density 0) count as low.
//! - Label: the theme's most central topic, the one with the most
//!   co-occurrences inside the theme (ties: more meetings, then IRI order).

use super::measures::{adjacency::Adjacency, louvain::louvain};

/// The co-occurrence network of one period's topics, topics `0..n` in IRI order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Network {
    /// For each topic, the meetings of the period that discussed it (any
    /// numbering, ascending).
    pub meetings: Vec<Vec<u32>>,
    /// `(i, j, c_ij)`, `i < j`, for every pair discussed at the same meeting.
    pub edges: Vec<(usize, usize, u32)>,
}

/// Where a theme sits on the strategic diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quadrant {
    Motor,
    Basic,
    EmergingOrDeclining,
    Niche,
}

impl Quadrant {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Motor => "motor",
            Self::Basic => "basic",
            Self::EmergingOrDeclining => "emerging-or-declining",
            Self::Niche => "niche",
        }
    }

    fn of(central: bool, dense: bool) -> Self {
        match (central, dense) {
            (true, true) => Self::Motor,
            (true, false) => Self::Basic,
            (false, true) => Self::Niche,
            (false, false) => Self::EmergingOrDeclining,
        }
    }
}

/// One theme of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Its topics, ascending (positions in the period's network).
    pub topics: Vec<usize>,
    /// Its most central topic, which names it.
    pub label: usize,
    /// Meetings of the period that discussed one of its topics at least.
    pub meetings: u32,
    pub centrality: f64,
    pub density: f64,
    pub quadrant: Quadrant,
}

/// A period's themes, numbered as Louvain's communities (0 the largest, ties
/// by the first topic in IRI order), and the medians that split the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Themes {
    pub themes: Vec<Theme>,
    /// The theme of each topic.
    pub membership: Vec<usize>,
    pub centrality_median: f64,
    pub density_median: f64,
}

/// Clusters `network` into themes and measures them.
///
/// Cost: Louvain's (O(E) per pass), then O(E + Σ meetings) for the measures.
pub fn themes(network: &Network) -> Themes {
    let n = network.meetings.len();
    let membership = louvain(&Adjacency::from_edges(n, &network.edges)).membership;
    let count = membership.iter().max().map_or(0, |c| c + 1);
    let mut topics: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (t, &c) in membership.iter().enumerate() {
        topics[c].push(t);
    }
    let occurrences: Vec<f64> = network.meetings.iter().map(|m| m.len() as f64).collect();
    let mut external = vec![0.0; count];
    let mut internal = vec![0.0; count];
    let mut inside_count = vec![0u64; n];
    for &(i, j, c) in &network.edges {
        let e = f64::from(c).powi(2) / (occurrences[i] * occurrences[j]);
        let (a, b) = (membership[i], membership[j]);
        if a == b {
            internal[a] += e;
            inside_count[i] += u64::from(c);
            inside_count[j] += u64::from(c);
        } else {
            external[a] += e;
            external[b] += e;
        }
    }
    let centrality: Vec<f64> = external.iter().map(|x| 10.0 * x).collect();
    let density: Vec<f64> = (0..count)
        .map(|c| 100.0 * internal[c] / topics[c].len() as f64)
        .collect();
    let centrality_median = median(&centrality);
    let density_median = median(&density);
    let themes = topics
        .into_iter()
        .enumerate()
        .map(|(c, members)| Theme {
            label: most_central(&members, &inside_count, &network.meetings),
            meetings: meetings_of(&members, &network.meetings),
            centrality: centrality[c],
            density: density[c],
            quadrant: Quadrant::of(
                centrality[c] > centrality_median,
                density[c] > density_median,
            ),
            topics: members,
        })
        .collect();
    Themes {
        themes,
        membership,
        centrality_median,
        density_median,
    }
}

/// The member with the most co-occurrences inside the theme, then the most
/// meetings, then the first in IRI order.
fn most_central(members: &[usize], inside: &[u64], meetings: &[Vec<u32>]) -> usize {
    members
        .iter()
        .copied()
        .min_by_key(|&t| {
            (
                std::cmp::Reverse(inside[t]),
                std::cmp::Reverse(meetings[t].len()),
                t,
            )
        })
        .unwrap_or_default()
}

/// The number of distinct meetings among the members'.
fn meetings_of(members: &[usize], meetings: &[Vec<u32>]) -> u32 {
    let mut all: Vec<u32> = members
        .iter()
        .flat_map(|&t| &meetings[t])
        .copied()
        .collect();
    all.sort_unstable();
    all.dedup();
    u32::try_from(all.len()).unwrap_or(u32::MAX)
}

/// The median (mean of the two middle values for an even count); 0 for none.
fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Meetings 0–2 discuss a, b, c together; meeting 3 discusses c and d;
    /// meetings 4–5 discuss d and e; meeting 6 discusses f alone.
    fn network() -> Network {
        Network {
            meetings: vec![
                vec![0, 1, 2],
                vec![0, 1, 2],
                vec![0, 1, 2, 3],
                vec![3, 4, 5],
                vec![4, 5],
                vec![6],
            ],
            edges: vec![(0, 1, 3), (0, 2, 3), (1, 2, 3), (2, 3, 1), (3, 4, 2)],
        }
    }

    /// Themes {a, b, c}, {d, e}, {f}, with Callon's figures worked by hand.
    #[test]
    fn callon_centrality_and_density_by_hand() {
        let t = themes(&network());
        let members: Vec<_> = t.themes.iter().map(|t| t.topics.clone()).collect();
        assert_eq!(members, [vec![0, 1, 2], vec![3, 4], vec![5]]);
        // The link c–d: e = 1² / (4 · 3).
        let cd = 1.0 / 12.0;
        // Inside {a,b,c}: e_ab = 9/9, e_ac = e_bc = 9/12.
        let abc = 1.0 + 2.0 * 0.75;
        // Inside {d,e}: e_de = 4 / (3 · 2).
        let de = 4.0 / 6.0;
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        let [x, y, z] = [&t.themes[0], &t.themes[1], &t.themes[2]];
        assert!(close(x.centrality, 10.0 * cd) && close(y.centrality, 10.0 * cd));
        assert!(close(x.density, 100.0 * abc / 3.0), "{}", x.density);
        assert!(close(y.density, 100.0 * de / 2.0), "{}", y.density);
        assert_eq!((z.centrality, z.density), (0.0, 0.0));
        assert!(close(t.centrality_median, 10.0 * cd));
        assert!(close(t.density_median, 100.0 * de / 2.0));
        // Centralities tie at the median: none is "above"; {a,b,c} is denser.
        let quadrants: Vec<_> = t.themes.iter().map(|t| t.quadrant).collect();
        assert_eq!(
            quadrants,
            [
                Quadrant::Niche,
                Quadrant::EmergingOrDeclining,
                Quadrant::EmergingOrDeclining
            ]
        );
        // c co-occurs most inside {a,b,c} (6, as a and b) and has more meetings.
        assert_eq!((x.label, y.label, z.label), (2, 3, 5));
        assert_eq!((x.meetings, y.meetings, z.meetings), (4, 3, 1));
    }

    #[test]
    fn medians_of_odd_even_and_none() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
    }
}
