//! One breadth-first search's buffers and Brandes' steps over an adjacency
//! list: what [`super::paths`] runs per source, and what the bit-row search
//! of [`super::rows`] fills in the same shape.

use super::adjacency::Adjacency;

/// What one breadth-first search finds, in buffers reused from source to
/// source (only the nodes reached are reset).
pub(super) struct Tree {
    /// From the source; −1 for a node not reached.
    pub(super) distance: Vec<i64>,
    /// Shortest paths from the source.
    pub(super) paths: Vec<f64>,
    /// Brandes' dependency of the source on each node.
    pub(super) delta: Vec<f64>,
    /// The nodes reached, in the order the search queued them.
    pub(super) order: Vec<u32>,
}

impl Tree {
    /// Distances and shortest-path counts from `source`; `order` is the
    /// queue, so it ends in non-decreasing distance.
    #[inline(always)]
    pub(super) fn breadth_first(&mut self, graph: &Adjacency, source: usize) {
        self.distance[source] = 0;
        self.paths[source] = 1.0;
        self.order.push(source as u32);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let v = v as usize;
            let next = self.distance[v] + 1;
            for &w in graph.neighbours(v) {
                let w = w as usize;
                if self.distance[w] < 0 {
                    self.distance[w] = next;
                    self.order.push(w as u32);
                }
                if self.distance[w] == next {
                    self.paths[w] += self.paths[v];
                }
            }
        }
    }

    /// Brandes' dependency accumulation, farthest nodes first; predecessors
    /// are found again by distance instead of being stored.
    #[inline(always)]
    pub(super) fn accumulate(&mut self, graph: &Adjacency, source: usize, dependency: &mut [f64]) {
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let share = (1.0 + self.delta[w]) / self.paths[w];
            let before = self.distance[w] - 1;
            for &v in graph.neighbours(w) {
                let v = v as usize;
                if self.distance[v] == before {
                    self.delta[v] += self.paths[v] * share;
                }
            }
            if w != source {
                dependency[w] += self.delta[w];
            }
        }
    }
}
