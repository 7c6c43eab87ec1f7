//! Bursts of a topic: periods in which it was discussed at markedly more of
//! the meetings than usual, found by Kleinberg's two-state automaton over
//! counts per period (Kleinberg 2002, "Bursty and hierarchical structure in
//! streams", §4 on batched arrivals), as CiteSpace does for its keywords.
//!
//! In period t, `r_t` of the `d_t` meetings discussed the topic. The base
//! state expects a share `p0 = Σr / Σd`, the burst state `p1 = s · p0`
//! ([`SCALE`] = 2, capped just below 1). Staying in a state costs the
//! negative log-likelihood of `r_t` given its share; entering the burst state
//! costs `γ · ln n` ([`GAMMA`] = 1, n the number of periods), leaving it costs
//! nothing. The cheapest state sequence (Viterbi) is the answer; each run of
//! burst states is a burst, whose strength is the cost saved by the burst
//! state over the run (Σ base cost − burst cost), as in the reference
//! implementation of the `burst_detection` Python package.
//!
//! What it will not do: find bursts within a period (the period is the
//! resolution), or nest bursts (two states only).

/// How much likelier the burst state expects the topic than the base state.
pub const SCALE: f64 = 2.0;
/// The cost of entering the burst state, in units of `ln n`.
pub const GAMMA: f64 = 1.0;
/// The burst share is capped below 1, where its likelihood would vanish.
const MAX_SHARE: f64 = 0.9999;

/// One burst: periods `first..=last` (positions in the counts), and its strength.
#[derive(Debug, Clone, PartialEq)]
pub struct Burst {
    pub first: usize,
    pub last: usize,
    /// Negative log-likelihood saved by the burst state over the run; > 0.
    pub strength: f64,
}

/// The bursts of a topic discussed at `r[t]` of the `d[t]` meetings of each
/// period `t`, in time order. None when the topic was never discussed, or at
/// every meeting (then no period stands out).
///
/// Cost: O(n) for n periods.
pub fn bursts(r: &[u32], d: &[u32]) -> Vec<Burst> {
    let n = r.len().min(d.len());
    let (total_r, total_d): (f64, f64) = (0..n).fold((0.0, 0.0), |(a, b), t| {
        (a + f64::from(r[t]), b + f64::from(d[t]))
    });
    if n == 0 || total_r == 0.0 || total_r >= total_d {
        return Vec::new();
    }
    let p0 = total_r / total_d;
    let p1 = (SCALE * p0).min(MAX_SHARE);
    if p1 <= p0 {
        return Vec::new();
    }
    let fit = |p: f64, t: usize| {
        let (r, d) = (f64::from(r[t]), f64::from(d[t]));
        -(r * p.ln() + (d - r) * (1.0 - p).ln())
    };
    let enter = GAMMA * (n as f64).ln();
    let states = viterbi(n, |t| [fit(p0, t), fit(p1, t)], enter);
    runs(&states)
        .into_iter()
        .map(|(first, last)| Burst {
            first,
            last,
            strength: (first..=last).map(|t| fit(p0, t) - fit(p1, t)).sum(),
        })
        .collect()
}

/// The cheapest sequence of states (0 base, 1 burst) for `n` periods, given
/// each period's cost per state and the cost of entering state 1; the
/// automaton starts in state 0. Ties keep the base state.
fn viterbi(n: usize, cost: impl Fn(usize) -> [f64; 2], enter: f64) -> Vec<u8> {
    if n == 0 {
        return Vec::new();
    }
    // best[q]: the cheapest sequence so far ending in q; from[t][q]: the
    // state before q at t. Before the first period the automaton is in 0.
    let first = cost(0);
    let mut best = [first[0], enter + first[1]];
    let mut from: Vec<[u8; 2]> = vec![[0, 0]];
    for t in 1..n {
        let c = cost(t);
        let (to0, via0) = if best[1] < best[0] {
            (best[1], 1)
        } else {
            (best[0], 0)
        };
        let (to1, via1) = if best[1] <= best[0] + enter {
            (best[1], 1)
        } else {
            (best[0] + enter, 0)
        };
        best = [to0 + c[0], to1 + c[1]];
        from.push([via0, via1]);
    }
    let mut state = u8::from(best[1] < best[0]);
    let mut states = vec![0u8; n];
    for t in (0..n).rev() {
        states[t] = state;
        state = from[t][usize::from(state)];
    }
    states
}

/// The maximal runs of state 1, as (first, last) positions.
fn runs(states: &[u8]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (t, &s) in states.iter().enumerate() {
        if s != 1 {
            continue;
        }
        match out.last_mut() {
            Some(run) if run.1 + 1 == t => run.1 = t,
            _ => out.push((t, t)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Five periods of four meetings; the topic at 0, 1, 4, 1, 0 of them:
    /// p0 = 6/20, p1 = 0.6. Only the third period pays for entering the
    /// burst state (ln 5): it saves 4·ln(0.6/0.3) = 2.77 > 1.61, while a
    /// period with one meeting of four is likelier in the base state.
    #[test]
    fn a_surge_is_one_burst_of_known_strength() {
        let b = bursts(&[0, 1, 4, 1, 0], &[4; 5]);
        assert_eq!(b.len(), 1, "{b:?}");
        assert_eq!((b[0].first, b[0].last), (2, 2));
        let expected = 4.0 * (0.6f64 / 0.3).ln();
        assert!(
            (b[0].strength - expected).abs() < 1e-12,
            "{}",
            b[0].strength
        );
    }

    #[test]
    fn steady_topics_do_not_burst() {
        assert!(bursts(&[2, 2, 2, 2], &[4; 4]).is_empty());
        assert!(bursts(&[0, 0, 0], &[4; 3]).is_empty());
        assert!(bursts(&[4, 4], &[4, 4]).is_empty());
        assert!(bursts(&[], &[]).is_empty());
    }

    /// Two surges apart are two bursts; two adjacent surging periods one.
    #[test]
    fn runs_of_surging_periods_are_bursts() {
        let b = bursts(&[0, 5, 5, 0, 0, 0, 5, 0, 0, 0], &[10; 10]);
        let spans: Vec<_> = b.iter().map(|b| (b.first, b.last)).collect();
        assert_eq!(spans, [(1, 2), (6, 6)]);
        assert!(b.iter().all(|b| b.strength > 0.0));
    }

    /// The Viterbi path is the cheapest of all 2^n sequences (brute force).
    #[test]
    fn viterbi_finds_the_cheapest_sequence() {
        let costs = [[1.0, 3.0], [5.0, 1.0], [4.0, 1.5], [1.0, 2.0], [3.0, 0.5]];
        let enter = 1.7;
        let total = |seq: &[u8]| {
            let mut prev = 0u8;
            let mut sum = 0.0;
            for (t, &q) in seq.iter().enumerate() {
                if q > prev {
                    sum += enter;
                }
                sum += costs[t][usize::from(q)];
                prev = q;
            }
            sum
        };
        let best = (0..1u32 << costs.len())
            .map(|bits| {
                (0..costs.len())
                    .map(|t| u8::from(bits >> t & 1 == 1))
                    .collect::<Vec<_>>()
            })
            .map(|seq| total(&seq))
            .fold(f64::INFINITY, f64::min);
        let path = viterbi(costs.len(), |t| costs[t], enter);
        assert!((total(&path) - best).abs() < 1e-12, "{path:?}");
    }
}
