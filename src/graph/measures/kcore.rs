//! Core numbers (k-cores), unweighted, as networkx's `core_number` and
//! igraph's `coreness`: the largest k such that the node belongs to a subgraph
//! where every node has k neighbours at least. petgraph has none.
//!
//! Batagelj and Zaveršnik's bucket algorithm: O(V + E) time and memory.

use super::adjacency::Adjacency;

/// The core number of every node, by node index.
pub fn core_numbers(graph: &Adjacency) -> Vec<usize> {
    let n = graph.node_count();
    let mut degree: Vec<usize> = (0..n).map(|v| graph.degree(v)).collect();
    let max = degree.iter().copied().max().unwrap_or(0);
    // Nodes sorted by degree, with where each degree's bucket starts.
    let mut start = vec![0usize; max + 2];
    for &d in &degree {
        start[d + 1] += 1;
    }
    for d in 0..=max {
        start[d + 1] += start[d];
    }
    let mut order = vec![0usize; n];
    let mut position = vec![0usize; n];
    let mut fill = start.clone();
    for v in 0..n {
        position[v] = fill[degree[v]];
        order[position[v]] = v;
        fill[degree[v]] += 1;
    }
    for i in 0..n {
        let v = order[i];
        for &w in graph.neighbours(v) {
            let w = w as usize;
            if degree[w] > degree[v] {
                // Move w to the front of its bucket, then shrink its degree.
                let dw = degree[w];
                let first = start[dw].max(i + 1);
                let u = order[first];
                if u != w {
                    order.swap(position[w], first);
                    position[u] = position[w];
                    position[w] = first;
                }
                start[dw] = first + 1;
                degree[w] -= 1;
            }
        }
    }
    degree
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A triangle with a tail and an isolated node: 2, 2, 2, 1, 0.
    #[test]
    fn a_triangle_with_a_tail() {
        let g = Adjacency::from_edges(5, &[(0, 1, 1), (1, 2, 1), (2, 0, 1), (2, 3, 1)]);
        assert_eq!(core_numbers(&g), [2, 2, 2, 1, 0]);
    }

    /// K4 plus a node joined to two of its nodes: 3, 3, 3, 3, 2.
    #[test]
    fn a_clique_and_a_hanger() {
        let mut edges = Vec::new();
        for a in 0..4 {
            for b in a + 1..4 {
                edges.push((a, b, 1));
            }
        }
        edges.extend([(4, 0, 1), (4, 1, 1)]);
        let g = Adjacency::from_edges(5, &edges);
        assert_eq!(core_numbers(&g), [3, 3, 3, 3, 2]);
    }
}
