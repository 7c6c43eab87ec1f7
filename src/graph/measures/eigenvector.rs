//! Eigenvector centrality, unweighted, as networkx's `eigenvector_centrality`
//! computes it by default: power iteration on A + I (the identity keeps the
//! iteration from oscillating on bipartite graphs) from the uniform vector,
//! scaled to unit Euclidean norm.
//!
//! On a disconnected graph the components with the largest eigenvalue keep the
//! weight and the others tend to 0; the iteration, like networkx's, stops when
//! the vector moves less than the tolerance.

use super::adjacency::Adjacency;

/// The iteration stops when the vector moves less than this per node, in sum
/// (networkx's default is 1e-6).
const TOLERANCE: f64 = 1e-12;
/// At most this many iterations; [`Eigenvector::converged`] says whether the
/// tolerance was met first.
pub const MAX_ITERATIONS: usize = 1_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Eigenvector {
    /// By node index, unit Euclidean norm.
    pub centrality: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
}

/// Cost: O(E) per iteration.
pub fn eigenvector(graph: &Adjacency) -> Eigenvector {
    let n = graph.node_count();
    let mut x = vec![1.0 / n.max(1) as f64; n];
    let mut next = vec![0.0; n];
    for iteration in 1..=MAX_ITERATIONS {
        next.copy_from_slice(&x);
        for (v, &share) in x.iter().enumerate() {
            for &w in graph.neighbours(v) {
                next[w as usize] += share;
            }
        }
        let norm = next.iter().map(|a| a * a).sum::<f64>().sqrt();
        let norm = if norm > 0.0 { norm } else { 1.0 };
        next.iter_mut().for_each(|a| *a /= norm);
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * TOLERANCE {
            return Eigenvector {
                centrality: x,
                iterations: iteration,
                converged: true,
            };
        }
    }
    Eigenvector {
        centrality: x,
        iterations: MAX_ITERATIONS,
        converged: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A star K1,3: the centre's share is √(1/2), each leaf's √(1/6).
    #[test]
    fn a_star_has_the_textbook_vector() {
        let g = Adjacency::from_edges(4, &[(0, 1, 1), (0, 2, 7), (0, 3, 1)]);
        let e = eigenvector(&g);
        assert!(e.converged);
        assert!((e.centrality[0] - 0.5f64.sqrt()).abs() < 1e-9);
        assert!((e.centrality[2] - (1.0f64 / 6.0).sqrt()).abs() < 1e-9);
    }
}
