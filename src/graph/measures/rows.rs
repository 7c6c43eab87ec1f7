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
//! Exports must stay byte-identical, so the floating-point operations are the
//! list search's, in its order: a level's nodes are queued in the order the
//! list search finds them (which needs each neighbour list ascending, as
//! [`BitRows::of`] checks), path counts are added in queue order, and
//! dependencies are pushed to predecessors from the farthest node back, each
//! node's own sum in the same order. The test below compares the two bit for
//! bit.
//!
//! Memory: `V²/8` bytes, used only when that is no more than the adjacency
//! lists hold (8 bytes per edge end), so never worse than linear in the graph;
//! the same condition says a row of words is no longer than the average list.

use super::adjacency::Adjacency;
use super::tree::Tree;

/// The adjacency matrix as rows of bits.
pub struct BitRows {
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
        Some(Self { words, bits })
    }

    fn row(&self, v: usize) -> &[u64] {
        &self.bits[v * self.words..(v + 1) * self.words]
    }
}

/// Calls `f` with the index of every set bit of `words`, ascending.
#[inline]
fn each_bit(words: impl Iterator<Item = (usize, u64)>, mut f: impl FnMut(usize)) {
    for (k, mut word) in words {
        while word != 0 {
            f(k * 64 + word.trailing_zeros() as usize);
            word &= word - 1;
        }
    }
}

/// The buffers of the searches over bits, reused from source to source.
#[derive(Default)]
pub struct RowSearch {
    /// Nodes reached so far, as bits.
    visited: Vec<u64>,
    /// The nodes at each distance, one row of bits per distance.
    levels: Vec<u64>,
}

impl RowSearch {
    pub fn new(rows: &BitRows) -> Self {
        Self {
            visited: vec![0; rows.words],
            levels: Vec::new(),
        }
    }

    /// The list search's `breadth_first`: distances, path counts and the
    /// queue order from `source`, into a `tree` that holds none yet.
    pub fn breadth_first(&mut self, rows: &BitRows, source: usize, tree: &mut Tree) {
        let words = rows.words;
        let Tree {
            distance,
            paths,
            order,
            ..
        } = tree;
        self.levels.clear();
        self.levels.resize(words, 0);
        self.levels[source / 64] |= 1 << (source % 64);
        self.visited[source / 64] |= 1 << (source % 64);
        distance[source] = 0;
        paths[source] = 1.0;
        order.push(source as u32);
        let mut start = 0;
        let mut depth = 0;
        while start < order.len() {
            let end = order.len();
            let base = self.levels.len();
            self.levels.resize(base + words, 0);
            let next = &mut self.levels[base..];
            for i in start..end {
                let v = order[i] as usize;
                let flow = paths[v];
                for (k, &row) in rows.row(v).iter().enumerate() {
                    let new = row & !self.visited[k];
                    if new != 0 {
                        self.visited[k] |= new;
                        next[k] |= new;
                        each_bit(std::iter::once((k, new)), |w| {
                            distance[w] = depth + 1;
                            order.push(w as u32);
                        });
                    }
                    each_bit(std::iter::once((k, row & next[k])), |w| paths[w] += flow);
                }
            }
            start = end;
            depth += 1;
        }
    }

    /// The list search's `accumulate`: Brandes' dependencies pushed from each
    /// node, farthest first, to its neighbours one level nearer the source.
    pub fn accumulate(
        &self,
        rows: &BitRows,
        source: usize,
        tree: &mut Tree,
        dependency: &mut [f64],
    ) {
        let words = rows.words;
        let Tree {
            distance,
            paths,
            delta,
            order,
        } = tree;
        for &w in order.iter().rev() {
            let w = w as usize;
            let share = (1.0 + delta[w]) / paths[w];
            if let Ok(before) = usize::try_from(distance[w] - 1) {
                let nearer = &self.levels[before * words..(before + 1) * words];
                let preds = rows.row(w).iter().zip(nearer).map(|(a, b)| a & b);
                each_bit(preds.enumerate(), |v| delta[v] += paths[v] * share);
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
