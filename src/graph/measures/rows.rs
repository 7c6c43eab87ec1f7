//! The breadth-first searches of [`super::paths`] over rows of bits, for dense
//! graphs: the co-participation graph is a union of meeting cliques, where a
//! person has hundreds of neighbours and most edges join two people at the same
//! distance from the source, which the list search visits twice per source for
//! nothing.
//!
//! Rationale: with the neighbours of each node as a row of `V` bits, a level of
//! the search is found a word (64 nodes) at a time, and only the edges between
//! consecutive levels (the shortest-path DAG: a third of the edges of 1,000
//! generated reports) are visited one by one: O(V²/64 + DAG) per source
//! instead of O(E), so O(V·E) or better overall.
//!
//! - A level is found from the level before while that is smaller than the
//!   nodes not reached yet, else from those nodes (Beamer's direction-optimising
//!   search): the last level of a graph whose people are two steps apart is
//!   found from the few people left instead of from everyone.
//! - Path counts are pulled by each node from its predecessors' row of bits;
//!   from a level of counts 1 (the source's neighbours) a count is the number
//!   of bits, with no edge visited one by one. When the level's neighbour
//!   lists are shorter than the rows of the next level (the source's few
//!   neighbours, and the many people past them), counts are pushed along
//!   the lists instead.
//! - Dependencies are pushed edge by edge: the set bits of a node's
//!   predecessors are written to a list first ([`flatten`]), without the
//!   mispredicted branch a word of a few bits costs when its bits are visited
//!   in a loop.
//!   The predecessors of the second level are read from short rows of the
//!   first level alone when it is small ([`FirstLevel`]): at 10,000
//!   generated reports most people are two steps from a source, and reading
//!   their full rows (58 MB, once per source) was most of the search's time.
//!
//! Exports must stay byte-identical, so every sum that can round is the list
//! search's, in its order: a level's nodes are queued in the order the list
//! search finds them (which needs each neighbour list ascending, as
//! [`BitRows::of`] checks), and dependencies are pushed to predecessors from
//! the farthest node back, each node's own sum in the same order. Path counts
//! are whole numbers, exact in any order below 2^53; above, they are added
//! again in queue order. The test of `paths.rs` compares the two searches bit
//! for bit.
//!
//! Memory: `V²/8` bytes, used only when that is no more than the adjacency
//! lists hold (8 bytes per edge end), so never worse than linear in the graph;
//! the same condition says a row of words is no longer than the average list.

use super::adjacency::Adjacency;
use super::tree::Tree;
use std::ops::Range;

/// The adjacency matrix as rows of bits.
pub struct BitRows {
    nodes: usize,
    /// Words per row.
    words: usize,
    bits: Vec<u64>,
}

impl BitRows {
    /// The rows of `graph`, or `None` when it is too sparse for them to pay
    /// (see the module docs) or a neighbour list is not strictly ascending
    /// (the queue order would differ from the list search's).
    pub fn of(graph: &Adjacency) -> Option<Self> {
        let n = graph.node_count();
        let words = n.div_ceil(64);
        let ends = 2 * graph.edge_count();
        if n == 0 || n.checked_mul(words)? > ends {
            return None;
        }
        let ascending = (0..n).all(|v| graph.neighbours(v).windows(2).all(|p| p[0] < p[1]));
        if !ascending {
            return None;
        }
        let mut bits = vec![0u64; n * words];
        for (v, row) in bits.chunks_exact_mut(words).enumerate() {
            for &w in graph.neighbours(v) {
                row[w as usize / 64] |= 1 << (w % 64);
            }
        }
        Some(Self {
            nodes: n,
            words,
            bits,
        })
    }

    fn row(&self, v: usize) -> &[u64] {
        &self.bits[v * self.words..(v + 1) * self.words]
    }

    /// The bits of word `k` that stand for a node (the last word's high bits
    /// stand for none).
    fn nodes_in(&self, k: usize) -> u64 {
        match self.nodes - 64 * k {
            64.. => u64::MAX,
            bits => (1 << bits) - 1,
        }
    }
}

/// Calls `f` with the index of every set bit of `words`, ascending.
#[inline(always)]
fn each_bit(words: impl Iterator<Item = (usize, u64)>, mut f: impl FnMut(usize)) {
    for (k, mut word) in words {
        while word != 0 {
            f(k * 64 + word.trailing_zeros() as usize);
            word &= word - 1;
        }
    }
}

/// Bits of a word that [`flatten`] writes without testing whether they are
/// there: a row of predecessors has two or three per word (1,000 generated
/// reports), rarely more than six.
const UNTESTED: usize = 6;

/// Writes the index of every set bit of `words` (word `k` holds the bits
/// `64k..64k + 64`), ascending, to the front of `out`; returns how many.
/// The first [`UNTESTED`] places of a word are written whether its bits are
/// there or not, and only the count says which are, so a word of a few bits
/// costs no mispredicted branch; `out` must hold [`UNTESTED`] entries more
/// than there can be bits.
#[inline(always)]
fn flatten(words: impl Iterator<Item = u64>, out: &mut [u32]) -> usize {
    let mut len = 0;
    for (k, mut word) in words.enumerate() {
        let count = word.count_ones() as usize;
        let base = (k * 64) as u32;
        for slot in &mut out[len..len + UNTESTED] {
            *slot = base + word.trailing_zeros();
            word &= word.wrapping_sub(1);
        }
        let mut at = len + UNTESTED;
        while word != 0 {
            out[at] = base + word.trailing_zeros();
            word &= word - 1;
            at += 1;
        }
        len += count;
    }
    len
}

/// Path counts below this are exact in an `f64`, and so are their sums
/// while they stay below it, whatever their order.
const EXACT_COUNTS: f64 = 9_007_199_254_740_992.0;

/// The buffers of the searches over bits, reused from source to source.
#[derive(Default)]
pub struct RowSearch {
    /// Nodes reached so far, as bits.
    visited: Vec<u64>,
    /// The nodes at each distance, one row of bits per distance.
    levels: Vec<u64>,
    /// Each node's place in the queue (for the nodes queued).
    rank: Vec<u32>,
    /// The set bits of one row, by [`flatten`].
    found: Vec<u32>,
    /// The nodes a search from the nodes not reached found: (the queue place
    /// of the first predecessor, node).
    queued: Vec<(u32, u32)>,
    /// The short rows of [`FirstLevel`].
    short: Vec<u64>,
}

impl RowSearch {
    pub fn new(rows: &BitRows) -> Self {
        Self {
            visited: vec![0; rows.words],
            levels: Vec::new(),
            rank: vec![0; rows.nodes],
            found: vec![0; rows.words * 64 + UNTESTED],
            queued: Vec::new(),
            short: Vec::new(),
        }
    }

    /// The list search's `breadth_first`: distances, path counts and the
    /// queue order from `source`, into a `tree` that holds none yet.
    #[inline(always)]
    pub fn breadth_first(
        &mut self,
        graph: &Adjacency,
        rows: &BitRows,
        source: usize,
        tree: &mut Tree,
    ) {
        let words = rows.words;
        self.levels.clear();
        self.levels.resize(words, 0);
        self.levels[source / 64] |= 1 << (source % 64);
        self.visited[source / 64] |= 1 << (source % 64);
        tree.distance[source] = 0;
        tree.paths[source] = 1.0;
        self.rank[source] = 0;
        tree.order.push(source as u32);
        let mut start = 0;
        let mut depth = 0;
        let mut exact = true;
        while start < tree.order.len() {
            let end = tree.order.len();
            self.levels.resize(self.levels.len() + words, 0);
            if rows.nodes - end < end - start {
                self.bottom_up(rows, tree, depth + 1);
            } else {
                self.top_down(rows, tree, start..end, depth + 1);
            }
            exact &= self.count_paths(graph, rows, tree, start..end);
            start = end;
            depth += 1;
        }
        if !exact {
            self.paths_in_queue_order(rows, tree);
        }
    }

    /// Queues the nodes one step past `level` (a range of the queue) at
    /// `depth`, as the list search finds them: from each node of the level in
    /// queue order, its new neighbours in index order. Cost: a row per node
    /// of the level.
    #[inline(always)]
    fn top_down(&mut self, rows: &BitRows, tree: &mut Tree, level: Range<usize>, depth: i64) {
        let Self {
            visited,
            levels,
            rank,
            ..
        } = self;
        let last = levels.len() - rows.words;
        let next = &mut levels[last..];
        let Tree {
            distance, order, ..
        } = tree;
        for i in level {
            let v = order[i] as usize;
            for (k, (&row, seen)) in rows.row(v).iter().zip(visited.iter_mut()).enumerate() {
                let new = row & !*seen;
                if new != 0 {
                    *seen |= new;
                    next[k] |= new;
                    each_bit(std::iter::once((k, new)), |w| {
                        distance[w] = depth;
                        rank[w] = order.len() as u32;
                        order.push(w as u32);
                    });
                }
            }
        }
    }

    /// [`RowSearch::top_down`] from the nodes not reached yet: each with a
    /// neighbour in the last level is queued by its first such neighbour in
    /// queue order, then by index, the list search's order. Cost: a row per
    /// node not reached, chosen when they are fewer than the level's nodes.
    #[inline(always)]
    fn bottom_up(&mut self, rows: &BitRows, tree: &mut Tree, depth: i64) {
        let words = rows.words;
        let Self {
            visited,
            levels,
            rank,
            found,
            queued,
            ..
        } = self;
        let last = levels.len() - words;
        let (before, next) = levels.split_at_mut(last);
        let level = &before[last - words..];
        let unreached =
            (visited.iter().enumerate()).map(|(k, &seen)| (k, !seen & rows.nodes_in(k)));
        each_bit(unreached, |u| {
            let preds = rows.row(u).iter().zip(level).map(|(a, b)| a & b);
            let count = flatten(preds, found);
            if let Some(first) = found[..count].iter().map(|&v| rank[v as usize]).min() {
                queued.push((first, u as u32));
            }
        });
        queued.sort_unstable();
        let Tree {
            distance, order, ..
        } = tree;
        for &(_, u) in queued.iter() {
            let u = u as usize;
            visited[u / 64] |= 1 << (u % 64);
            next[u / 64] |= 1 << (u % 64);
            distance[u] = depth;
            rank[u] = order.len() as u32;
            order.push(u as u32);
        }
        queued.clear();
    }

    /// The path counts of the nodes queued after `level`, each the sum of its
    /// predecessors' in index order; from a level where every count is 1, the
    /// number of predecessors. Pushed from the level's neighbour lists instead
    /// when they are shorter than the rows the next level would read
    /// ([`PUSH_COST`]): the source's neighbours are few, the nodes past them
    /// most of the graph. Returns whether every count is below
    /// [`EXACT_COUNTS`], so that the sums equal the list search's (in any
    /// order).
    #[inline(always)]
    fn count_paths(
        &mut self,
        graph: &Adjacency,
        rows: &BitRows,
        tree: &mut Tree,
        level: Range<usize>,
    ) -> bool {
        let words = rows.words;
        let next = tree.order.len() - level.end;
        let pushed: usize = tree.order[level.clone()]
            .iter()
            .map(|&v| graph.degree(v as usize))
            .sum();
        if next > 0 && pushed * PUSH_COST < next * words {
            return push_paths(graph, tree, level);
        }
        let last = self.levels.len() - words;
        let previous = &self.levels[last - words..last];
        let Tree { paths, order, .. } = tree;
        let ones = order[level.clone()]
            .iter()
            .all(|&v| paths[v as usize] == 1.0);
        let mut exact = true;
        for &w in &order[level.end..] {
            let w = w as usize;
            let preds = rows.row(w).iter().zip(previous).map(|(a, b)| a & b);
            let count = if ones {
                f64::from(preds.map(u64::count_ones).sum::<u32>())
            } else {
                let found = flatten(preds, &mut self.found);
                let counts = self.found[..found].iter().map(|&v| paths[v as usize]);
                counts.sum()
            };
            exact &= count < EXACT_COUNTS;
            paths[w] = count;
        }
        exact
    }
}

/// The first level of a search (the source's neighbours), when it is small
/// enough that the second level's predecessors are better read from short
/// rows of bits, one bit per node of the first level, than from the full
/// rows: a second-level node's short row holds the bit of each first-level
/// node it neighbours, by queue place.
struct FirstLevel {
    /// The queue places of the first level start here...
    start: usize,
    /// ...and of the second level here.
    second_start: usize,
    /// Words per short row.
    words: usize,
}

impl FirstLevel {
    /// The short rows of the second level of `tree` in `short`, built from
    /// the first level's neighbour lists when they are shorter than the full
    /// rows the second level would read ([`PUSH_COST`]); `None` otherwise.
    #[inline(always)]
    fn of(
        graph: &Adjacency,
        rows: &BitRows,
        tree: &Tree,
        rank: &[u32],
        short: &mut Vec<u64>,
    ) -> Option<Self> {
        let Tree {
            distance, order, ..
        } = tree;
        let at = |d: i64| order.iter().position(|&v| distance[v as usize] == d);
        let second_start = at(2)?;
        let second = order[second_start..]
            .iter()
            .take_while(|&&v| distance[v as usize] == 2)
            .count();
        let first = &order[1..second_start];
        let pushed: usize = first.iter().map(|&v| graph.degree(v as usize)).sum();
        if pushed * PUSH_COST >= second * rows.words {
            return None;
        }
        let words = first.len().div_ceil(64);
        short.clear();
        short.resize(second * words, 0);
        for (j, &v) in first.iter().enumerate() {
            for &w in graph.neighbours(v as usize) {
                if distance[w as usize] == 2 {
                    let place = rank[w as usize] as usize - second_start;
                    short[place * words + j / 64] |= 1 << (j % 64);
                }
            }
        }
        Some(Self {
            start: 1,
            second_start,
            words,
        })
    }
}

/// How many words of rows a neighbour pushed to costs (a load of its
/// distance, a test and maybe an add, where a word is an `and` and a count
/// of bits), for [`RowSearch::count_paths`] to choose.
const PUSH_COST: usize = 4;

/// The path counts of the nodes queued after `level`, pushed from each node
/// of the level along its neighbour list to the neighbours one step farther;
/// whether every count is below [`EXACT_COUNTS`]. The nodes past `level`
/// hold no count yet.
#[inline(always)]
fn push_paths(graph: &Adjacency, tree: &mut Tree, level: Range<usize>) -> bool {
    let Tree {
        distance,
        paths,
        order,
        ..
    } = tree;
    let depth = distance[order[level.start] as usize] + 1;
    for &v in &order[level.clone()] {
        let flow = paths[v as usize];
        for &w in graph.neighbours(v as usize) {
            if distance[w as usize] == depth {
                paths[w as usize] += flow;
            }
        }
    }
    order[level.end..]
        .iter()
        .all(|&w| paths[w as usize] < EXACT_COUNTS)
}

impl RowSearch {
    /// Path counts added as the list search adds them, each node's from its
    /// predecessors in queue order: the same sums when they are too large to
    /// be exact in every order.
    #[inline(always)]
    fn paths_in_queue_order(&self, rows: &BitRows, tree: &mut Tree) {
        let words = rows.words;
        let Tree {
            distance,
            paths,
            order,
            ..
        } = tree;
        for &w in &order[1..] {
            paths[w as usize] = 0.0;
        }
        for &v in order.iter() {
            let v = v as usize;
            let after = (distance[v] as usize + 1) * words;
            let Some(next) = self.levels.get(after..after + words) else {
                continue;
            };
            let flow = paths[v];
            let successors = rows.row(v).iter().zip(next).map(|(a, b)| a & b);
            each_bit(successors.enumerate(), |w| paths[w] += flow);
        }
    }

    /// The list search's `accumulate`: Brandes' dependencies pushed from each
    /// node, farthest first, to its neighbours one level nearer the source.
    /// Not to the source itself, whose dependency nothing reads. The
    /// predecessors of the second level are read from short rows of the
    /// first ([`FirstLevel`]) when it is small: most of the graph is two
    /// steps from a source, and its full rows are most of the memory read.
    #[inline(always)]
    pub fn accumulate(
        &mut self,
        graph: &Adjacency,
        rows: &BitRows,
        source: usize,
        tree: &mut Tree,
        dependency: &mut [f64],
    ) {
        let words = rows.words;
        let first = FirstLevel::of(graph, rows, tree, &self.rank, &mut self.short);
        let Tree {
            distance,
            paths,
            delta,
            order,
        } = tree;
        for &w in order.iter().rev() {
            let w = w as usize;
            if let Ok(before @ 1..) = usize::try_from(distance[w] - 1) {
                let share = (1.0 + delta[w]) / paths[w];
                let found = match &first {
                    Some(first) if before == 1 => {
                        let place = self.rank[w] as usize - first.second_start;
                        let row = &self.short[place * first.words..(place + 1) * first.words];
                        let found = flatten(row.iter().copied(), &mut self.found);
                        for v in &mut self.found[..found] {
                            *v = order[first.start + *v as usize];
                        }
                        found
                    }
                    _ => {
                        let nearer = &self.levels[before * words..(before + 1) * words];
                        let preds = rows.row(w).iter().zip(nearer).map(|(a, b)| a & b);
                        flatten(preds, &mut self.found)
                    }
                };
                for &v in &self.found[..found] {
                    let v = v as usize;
                    delta[v] += paths[v] * share;
                }
            }
            if w != source {
                dependency[w] += delta[w];
            }
        }
    }

    /// Unsets what [`RowSearch::breadth_first`] set in its own buffers.
    pub fn reset(&mut self) {
        self.visited.iter_mut().for_each(|w| *w = 0);
        self.levels.clear();
    }
}
