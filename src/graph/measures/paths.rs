//! Betweenness and closeness centrality from breadth-first searches (Brandes
//! 2001), unweighted as networkx computes them by default: an edge weight here
//! counts shared meetings, a strength, not a length, so it must not stretch a
//! path.
//!
//! Exact up to [`EXACT_MAX_NODES`] nodes: one search per node, O(V·E) time and
//! O(V + E) memory. Above, the searches start from [`PIVOTS`] pivot nodes drawn
//! with a fixed seed (Brandes and Pich 2007, as networkx's `k`): betweenness is
//! scaled by V / pivots, and closeness is estimated from the pivots' distances
//! (Eppstein and Wang 2004). The summary says which was done.
//!
//! Sources are split into a fixed number of chunks, searched in parallel, and
//! the chunks' sums are added in chunk order: the same floating-point result
//! on any number of threads, so exports stay byte-identical.
//!
//! On a dense graph (the co-participation graph, a union of meeting cliques)
//! each search runs over rows of bits instead of the neighbour lists
//! (`rows.rs`), with the same result to the bit, several times faster.

use super::adjacency::Adjacency;
use super::rows::{BitRows, RowSearch};
use super::tree::Tree;
use rayon::prelude::*;

/// Above this many nodes, betweenness and closeness are sampled. Measured:
/// 1,000 reports of the benchmark's generator give 2,335 people and 533,181
/// edges, whose exact pass (with the other measures) takes 13 s on two cores;
/// the cost grows as people × edges, so 3,000 people (about 1,300 reports)
/// take some 25 s, and the 22,000 people of 10,000 reports would take an
/// hour. A pass from [`PIVOTS`] sources costs what 500 people cost.
pub const EXACT_MAX_NODES: usize = 3_000;
/// Sources of a sampled pass.
pub const PIVOTS: usize = 500;
/// Seed of the pivot draw (xorshift64*): the same pivots in every export.
pub const PIVOT_SEED: u64 = 0x6d65_6574_6b67_0022;
/// Chunks of sources summed in a fixed order.
const CHUNKS: usize = 64;

/// Betweenness and closeness of every node, and how they were computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// Normalised as networkx does for undirected graphs: divided by
    /// (V−1)(V−2), the number of ordered pairs of other nodes.
    pub betweenness: Vec<f64>,
    /// networkx's default (Wasserman and Faust for disconnected graphs):
    /// (r−1)/Σd · (r−1)/(V−1), r the nodes reachable from the node, itself
    /// included; 0 for an isolated node. `None` where a sampled pass reached
    /// no pivot from the node.
    pub closeness: Vec<Option<f64>>,
    /// Sources searched: V when exact.
    pub sources: usize,
}

impl Paths {
    pub fn exact(&self) -> bool {
        self.sources == self.betweenness.len()
    }
}

/// Exact below [`EXACT_MAX_NODES`], sampled from [`PIVOTS`] above.
pub fn paths(graph: &Adjacency) -> Paths {
    let n = graph.node_count();
    if n <= EXACT_MAX_NODES {
        exact(graph)
    } else {
        sampled(graph, &pivots(n, PIVOTS, PIVOT_SEED))
    }
}

/// One search from every node.
pub fn exact(graph: &Adjacency) -> Paths {
    let n = graph.node_count();
    let sources: Vec<usize> = (0..n).collect();
    let sums = search_all(graph, &sources);
    let closeness = (0..n)
        .map(|v| {
            let (reached, total) = sums.reach[v];
            Some(wasserman_faust(reached, total, n))
        })
        .collect();
    Paths {
        betweenness: normalise(sums.dependency, n, n),
        closeness,
        sources: n,
    }
}

/// Searches from `sources` only (distinct node indices): betweenness scaled
/// by V / |sources|, closeness from the mean distance to the sources reached.
pub fn sampled(graph: &Adjacency, sources: &[usize]) -> Paths {
    let n = graph.node_count();
    let sums = search_all(graph, sources);
    let sizes = component_sizes(graph);
    let closeness = (0..n)
        .map(|v| {
            let (pivots, distance) = sums.to_pivots[v];
            if sizes[v] <= 1 {
                return Some(0.0);
            }
            (pivots > 0).then(|| {
                let mean = distance / pivots as f64;
                (sizes[v] - 1) as f64 / (n - 1) as f64 / mean
            })
        })
        .collect();
    Paths {
        betweenness: normalise(sums.dependency, n, sources.len()),
        closeness,
        sources: sources.len(),
    }
}

/// `k` distinct nodes of `0..n`, drawn by a partial Fisher–Yates shuffle with
/// a fixed seed, in ascending order.
pub fn pivots(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    let k = k.min(n);
    for i in 0..k {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D);
        let j = i + (r % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    let mut chosen = all[..k].to_vec();
    chosen.sort_unstable();
    chosen
}

/// The size of each node's connected component.
fn component_sizes(graph: &Adjacency) -> Vec<usize> {
    let n = graph.node_count();
    let mut label = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    let mut stack = Vec::new();
    for start in 0..n {
        if label[start] != usize::MAX {
            continue;
        }
        let id = sizes.len();
        let mut size = 0;
        label[start] = id;
        stack.push(start);
        while let Some(v) = stack.pop() {
            size += 1;
            for &w in graph.neighbours(v) {
                if label[w as usize] == usize::MAX {
                    label[w as usize] = id;
                    stack.push(w as usize);
                }
            }
        }
        sizes.push(size);
    }
    label.into_iter().map(|l| sizes[l]).collect()
}

fn wasserman_faust(reached: usize, total: f64, n: usize) -> f64 {
    if total <= 0.0 || n <= 1 {
        return 0.0;
    }
    let r = (reached - 1) as f64;
    r / total * r / (n - 1) as f64
}

/// networkx's `_rescale` for an undirected graph, normalised, without
/// endpoints, from `k` of `n` sources.
fn normalise(mut raw: Vec<f64>, n: usize, k: usize) -> Vec<f64> {
    if n > 2 && k > 0 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64) * n as f64 / k as f64;
        raw.iter_mut().for_each(|b| *b *= scale);
    }
    raw
}

/// What the searches add up.
struct Sums {
    /// Σ over sources of each node's dependency.
    dependency: Vec<f64>,
    /// Per source: nodes reached (itself included) and Σ distances.
    reach: Vec<(usize, f64)>,
    /// Per node: sources other than itself that reached it, Σ their distances.
    to_pivots: Vec<(usize, f64)>,
}

/// The searches from `sources`, over rows of bits when the graph is dense
/// enough for them ([`BitRows::of`]).
fn search_all(graph: &Adjacency, sources: &[usize]) -> Sums {
    search_with(graph, sources, BitRows::of(graph).as_ref())
}

/// The searches from `sources`, over `rows` when given, else over the lists.
fn search_with(graph: &Adjacency, sources: &[usize], rows: Option<&BitRows>) -> Sums {
    let n = graph.node_count();
    let chunk = sources.len().div_ceil(CHUNKS).max(1);
    let parts: Vec<Sums> = sources
        .par_chunks(chunk)
        .map(|part| search_part(graph, part, rows))
        .collect();
    let mut total = Sums {
        dependency: vec![0.0; n],
        reach: vec![(1, 0.0); n],
        to_pivots: vec![(0, 0.0); n],
    };
    for (part, sources) in parts.into_iter().zip(sources.chunks(chunk)) {
        for v in 0..n {
            total.dependency[v] += part.dependency[v];
            total.to_pivots[v].0 += part.to_pivots[v].0;
            total.to_pivots[v].1 += part.to_pivots[v].1;
        }
        for (&s, reach) in sources.iter().zip(part.reach) {
            total.reach[s] = reach;
        }
    }
    total
}

/// The sums of the searches from `part`, compiled for the processor's bit
/// instructions when it has them ([`search_part_x86`]).
fn search_part(graph: &Adjacency, part: &[usize], rows: Option<&BitRows>) -> Sums {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("popcnt") && std::arch::is_x86_feature_detected!("bmi1")
    {
        // SAFETY: the processor has the features `search_part_x86` is
        // compiled for, just detected.
        return unsafe { search_part_x86(graph, part, rows) };
    }
    search_part_portable(graph, part, rows)
}

/// [`search_part_portable`] compiled with the x86-64 instructions that count
/// bits (`popcnt`), find the lowest set bit and clear it (`tzcnt`, `blsr`),
/// which the build's baseline target lacks: each is one instruction instead
/// of a dozen, in the loops over words of bits (`rows.rs`) that take most of
/// the time. Integer instructions only: the floating-point sums are the same
/// to the bit.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt,bmi1")]
fn search_part_x86(graph: &Adjacency, part: &[usize], rows: Option<&BitRows>) -> Sums {
    search_part_portable(graph, part, rows)
}

/// The searches from `part`, their sums; inlined (with the searches) into
/// each caller, so [`search_part_x86`] compiles them for its features.
#[inline(always)]
fn search_part_portable(graph: &Adjacency, part: &[usize], rows: Option<&BitRows>) -> Sums {
    let n = graph.node_count();
    let mut search = Search::new(n, rows);
    let mut sums = Sums {
        dependency: vec![0.0; n],
        reach: Vec::new(),
        to_pivots: vec![(0, 0.0); n],
    };
    for &s in part {
        search.run(graph, s, &mut sums);
    }
    sums
}

/// A search's buffers, and the rows of bits to search over when the graph is
/// dense.
struct Search<'a> {
    tree: Tree,
    rows: Option<(&'a BitRows, RowSearch)>,
}

impl<'a> Search<'a> {
    fn new(n: usize, rows: Option<&'a BitRows>) -> Self {
        Self {
            tree: Tree {
                distance: vec![-1; n],
                paths: vec![0.0; n],
                delta: vec![0.0; n],
                order: Vec::with_capacity(n),
            },
            rows: rows.map(|r| (r, RowSearch::new(r))),
        }
    }

    #[inline(always)]
    fn run(&mut self, graph: &Adjacency, source: usize, sums: &mut Sums) {
        let tree = &mut self.tree;
        match &mut self.rows {
            Some((rows, search)) => search.breadth_first(graph, rows, source, tree),
            None => tree.breadth_first(graph, source),
        }
        let mut total = 0.0;
        for &v in &tree.order {
            let d = tree.distance[v as usize] as f64;
            total += d;
            if v as usize != source {
                sums.to_pivots[v as usize].0 += 1;
                sums.to_pivots[v as usize].1 += d;
            }
        }
        sums.reach.push((tree.order.len(), total));
        match &mut self.rows {
            Some((rows, search)) => {
                search.accumulate(graph, rows, source, tree, &mut sums.dependency);
                search.reset();
            }
            None => tree.accumulate(graph, source, &mut sums.dependency),
        }
        for &v in &tree.order {
            let v = v as usize;
            tree.distance[v] = -1;
            tree.paths[v] = 0.0;
            tree.delta[v] = 0.0;
        }
        tree.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// A path 0-1-2-3 and an isolated node 4: values worked out by hand
    /// (and as networkx gives them).
    #[test]
    fn a_path_has_the_textbook_values() {
        let g = Adjacency::from_edges(5, &[(0, 1, 1), (1, 2, 3), (2, 3, 1)]);
        let p = exact(&g);
        // Node 1 lies on 0-2 and 0-3: 2 pairs of (4-1)(4-2)/2 = ... over
        // n = 5: 2 pairs / ((5-1)(5-2)/2) = 2/6.
        let expected = [0.0, 2.0 / 6.0, 2.0 / 6.0, 0.0, 0.0];
        for (b, e) in p.betweenness.iter().zip(expected) {
            assert!(close(*b, e), "{:?}", p.betweenness);
        }
        // Node 0 reaches 3 others at distances 1+2+3 = 6: 3/6 · 3/4.
        assert!(close(p.closeness[0].unwrap_or(-1.0), 3.0 / 6.0 * 3.0 / 4.0));
        assert!(close(p.closeness[1].unwrap_or(-1.0), 3.0 / 4.0 * 3.0 / 4.0));
        assert_eq!(p.closeness[4], Some(0.0));
        assert!(p.exact());
    }

    /// Sampling every node is the exact computation: the scaling and the
    /// estimate of closeness reduce to the exact formulas.
    #[test]
    fn sampling_every_node_is_exact() {
        let edges = [
            (0, 1, 1),
            (1, 2, 1),
            (2, 0, 2),
            (2, 3, 1),
            (3, 4, 1),
            (5, 6, 1),
        ];
        let g = Adjacency::from_edges(7, &edges);
        let all: Vec<usize> = (0..7).collect();
        let (a, b) = (exact(&g), sampled(&g, &all));
        for v in 0..7 {
            assert!(close(a.betweenness[v], b.betweenness[v]));
            let (x, y) = (
                a.closeness[v].unwrap_or(-1.0),
                b.closeness[v].unwrap_or(-2.0),
            );
            assert!(close(x, y), "node {v}: {x} exact, {y} sampled");
        }
        assert_eq!(b.sources, 7);
    }

    /// On a graph shaped like an archive (meetings as cliques over people
    /// who come back), 300 pivots of 1,200 nodes find the brokers: the ten
    /// nodes of highest exact betweenness are among the thirty highest
    /// sampled, the estimate's total error is small, and no closeness is off
    /// by a tenth.
    /// The edges of one meeting: everyone who attended with everyone else.
    fn meeting_clique(
        mut people: Vec<usize>,
        edges: &mut std::collections::BTreeSet<(usize, usize, u32)>,
    ) {
        people.sort_unstable();
        people.dedup();
        for (i, &a) in people.iter().enumerate() {
            for &b in &people[i + 1..] {
                edges.insert((a, b, 1));
            }
        }
    }

    /// The searches from `sources` over lists and over `rows` give the same
    /// dependencies to the bit, and the same reach; the two searches.
    fn searches_agree(g: &Adjacency, sources: &[usize], rows: &BitRows) -> (Sums, Sums) {
        let (a, b) = (
            search_with(g, sources, None),
            search_with(g, sources, Some(rows)),
        );
        let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a.dependency), bits(&b.dependency));
        assert_eq!(a.reach, b.reach);
        (a, b)
    }

    /// xorshift64* from `seed`: a number below `k` at each call, so the
    /// random graphs of these tests are the same at every run.
    fn xorshift_below(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |k| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D) % k
        }
    }

    #[test]
    fn sampled_betweenness_finds_the_brokers() {
        let n = 1_200;
        let mut below = xorshift_below(7);
        let mut edges = std::collections::BTreeSet::new();
        for meeting in 0..400u64 {
            // Each body has its regulars; a few people go everywhere.
            let body = meeting % 8;
            let size = 5 + below(10) as usize;
            let people: Vec<usize> = (0..size)
                .map(|_| match below(20) {
                    0 => below(12) as usize,
                    _ => (body * 150 + below(150)) as usize,
                })
                .collect();
            meeting_clique(people, &mut edges);
        }
        let edges: Vec<_> = edges.into_iter().collect();
        let g = Adjacency::from_edges(n, &edges);
        let exact = exact(&g);
        let sampled = sampled(&g, &pivots(n, 300, PIVOT_SEED));
        let top = |b: &[f64], k: usize| {
            let mut order: Vec<usize> = (0..b.len()).collect();
            order.sort_by(|&x, &y| b[y].total_cmp(&b[x]));
            order.truncate(k);
            order
        };
        let wide = top(&sampled.betweenness, 30);
        let found = top(&exact.betweenness, 10)
            .into_iter()
            .filter(|v| wide.contains(v))
            .count();
        let error: f64 = exact
            .betweenness
            .iter()
            .zip(&sampled.betweenness)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
            / exact.betweenness.iter().sum::<f64>();
        let closeness_error = exact
            .closeness
            .iter()
            .zip(&sampled.closeness)
            .filter_map(|(a, b)| Some((a.as_ref()? - b.as_ref()?).abs() / a.as_ref()?))
            .fold(0.0, f64::max);
        eprintln!(
            "top 10 found {found}, relative L1 error {error:.3}, closeness at most {closeness_error:.3} off"
        );
        assert!(found >= 9, "top 10 found {found}");
        assert!(error < 0.25, "relative L1 error {error}");
        assert!(closeness_error < 0.1, "closeness {closeness_error} off");
        assert!(!sampled.exact());
    }

    /// The searches over rows of bits give the list searches' sums to the
    /// bit (the exports are compared byte for byte), on random graphs from
    /// sparse to complete, with several components, and on meeting cliques.
    #[test]
    fn bit_rows_give_the_list_search_bit_for_bit() {
        let mut below = xorshift_below(11);
        let mut searched = 0;
        for round in 0..120 {
            let n = 1 + below(150) as usize;
            let mut edges = std::collections::BTreeSet::new();
            if round % 2 == 0 {
                let p = 1 + below(100);
                for a in 0..n {
                    for b in a + 1..n {
                        if below(100) < p {
                            edges.insert((a, b, 1 + below(3) as u32));
                        }
                    }
                }
            } else {
                for _ in 0..below(40) {
                    let size = 2 + below(12) as usize;
                    let people = (0..size).map(|_| below(n as u64) as usize).collect();
                    meeting_clique(people, &mut edges);
                }
            }
            let edges: Vec<_> = edges.into_iter().collect();
            let g = Adjacency::from_edges(n, &edges);
            let Some(rows) = BitRows::of(&g) else {
                continue;
            };
            searched += 1;
            let sources: Vec<usize> = (0..n).collect();
            let (a, b) = (
                search_with(&g, &sources, None),
                search_with(&g, &sources, Some(&rows)),
            );
            let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a.dependency), bits(&b.dependency), "round {round}");
            assert_eq!(a.reach, b.reach, "round {round}");
            assert_eq!(a.to_pivots, b.to_pivots, "round {round}");
            // Compiled for the processor's bit instructions or not, the same.
            let (c, d) = (
                search_part(&g, &sources, Some(&rows)),
                search_part_portable(&g, &sources, Some(&rows)),
            );
            assert_eq!(bits(&c.dependency), bits(&d.dependency), "round {round}");
            assert_eq!(c.reach, d.reach, "round {round}");
        }
        assert!(searched > 60, "only {searched} graphs dense enough");
    }

    /// Past 2^53 shortest paths a count is no longer exact, and the order of
    /// its sum shows: on layers of 64 nodes, each linked to most of the next
    /// (counts near 10^19 at the far end), the bit rows still give the list
    /// searches' sums to the bit.
    #[test]
    fn bit_rows_give_the_list_search_past_exact_path_counts() -> Result<(), String> {
        let (layers, width) = (14, 64);
        let mut below = xorshift_below(5);
        let mut edges = Vec::new();
        for layer in 0..layers - 1 {
            for a in 0..width {
                for b in 0..width {
                    if below(10) < 7 {
                        edges.push((layer * width + a, (layer + 1) * width + b, 1));
                    }
                }
            }
        }
        let n = layers * width;
        let g = Adjacency::from_edges(n, &edges);
        let rows = BitRows::of(&g).ok_or("the layers are too sparse for bit rows")?;
        let sources = [0, 1, width, n / 2, n - 1];
        searches_agree(&g, &sources, &rows);
        Ok(())
    }

    /// Where most nodes are two steps from a source and its neighbours are
    /// few (people of an archive, each in a few meetings of a thousand), the
    /// counts pushed along the first level's lists and the dependencies read
    /// from its short rows give the list searches' sums to the bit.
    #[test]
    fn a_small_first_level_gives_the_list_search_bit_for_bit() -> Result<(), String> {
        let n = 1_500;
        let mut below = xorshift_below(3);
        let mut edges = std::collections::BTreeSet::new();
        for _ in 0..900 {
            let size = 4 + below(12) as usize;
            let people = (0..size).map(|_| below(n as u64) as usize).collect();
            meeting_clique(people, &mut edges);
        }
        let edges: Vec<_> = edges.into_iter().collect();
        let g = Adjacency::from_edges(n, &edges);
        let rows = BitRows::of(&g).ok_or("too sparse for bit rows")?;
        let sources: Vec<usize> = (0..n).step_by(7).collect();
        let (a, b) = searches_agree(&g, &sources, &rows);
        assert_eq!(a.to_pivots, b.to_pivots);
        Ok(())
    }

    #[test]
    fn pivots_are_distinct_sorted_and_fixed() {
        let p = pivots(1000, 50, PIVOT_SEED);
        assert_eq!(p.len(), 50);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(p, pivots(1000, 50, PIVOT_SEED));
        assert_eq!(pivots(3, 10, 1), vec![0, 1, 2]);
    }
}
