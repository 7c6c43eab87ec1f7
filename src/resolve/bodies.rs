//! Which reports are of one body, as far as the corpus shows it: two reports
//! that name the same person by full name, or state the same series, are
//! joined, and so is every report joined to either of them (connected
//! components of the reports, with a union–find).
//!
//! Rationale: a lone word ("Tierney", "Mr. Baker") names the one person of the
//! corpus who carries it only when that person is of the same body: in a
//! folder holding the minutes of a county board and those of a charity, the
//! board's "Tierney" is not the charity's "Janet Tierney". The series a record
//! states is not enough alone to tell bodies apart (many records state none,
//! and "Annual General Meeting" or "Conseil municipal" are the series of
//! thousands of bodies), whereas the members a body's records share are what
//! every archive of one body carries; the series joins the records that name
//! their members by surname only ("Councillor Tierney") to the rest of their
//! body. An archive of one body is one component, so resolution there is as
//! before; people who sit on two bodies join them.
//!
//! Cost: linear in the decisions of step 1 (near-constant per union–find step).

use std::collections::{BTreeSet, HashMap};

/// The body of each report: reports with equal ids share people.
pub(super) struct Bodies {
    parent: Vec<usize>,
}

impl Bodies {
    /// Joins the reports in which each identity occurs, and those of each
    /// series. `occurrences` gives (report index, identity index) pairs, in any
    /// order, each report index below `reports`; `series` the folded series of
    /// each report in order, empty where a report states none.
    pub(super) fn of<'s>(
        reports: usize,
        occurrences: impl IntoIterator<Item = (usize, usize)>,
        series: impl IntoIterator<Item = &'s str>,
    ) -> Self {
        let mut bodies = Self {
            parent: (0..reports).collect(),
        };
        let mut first_report: HashMap<usize, usize> = HashMap::new();
        for (ri, ci) in occurrences {
            let first = *first_report.entry(ci).or_insert(ri);
            bodies.join(first, ri);
        }
        let mut first_of_series: HashMap<&str, usize> = HashMap::new();
        for (ri, name) in series.into_iter().enumerate().take(reports) {
            if !name.is_empty() {
                let first = *first_of_series.entry(name).or_insert(ri);
                bodies.join(first, ri);
            }
        }
        bodies
    }

    /// The body of report `ri`: equal for reports of one body.
    pub(super) fn of_report(&self, ri: usize) -> usize {
        let mut at = ri;
        while self.parent[at] != at {
            at = self.parent[at];
        }
        at
    }

    fn root(&mut self, ri: usize) -> usize {
        let root = self.of_report(ri);
        let mut at = ri;
        while self.parent[at] != root {
            let next = self.parent[at];
            self.parent[at] = root;
            at = next;
        }
        root
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        // The smaller index stays the root: the ids do not depend on the order
        // of the joins.
        match ra.cmp(&rb) {
            std::cmp::Ordering::Less => self.parent[rb] = ra,
            std::cmp::Ordering::Greater => self.parent[ra] = rb,
            std::cmp::Ordering::Equal => {}
        }
    }

    /// The bodies each identity occurs in, from the same pairs as [`Bodies::of`].
    pub(super) fn of_identities(
        &self,
        identities: usize,
        occurrences: impl IntoIterator<Item = (usize, usize)>,
    ) -> Vec<BTreeSet<usize>> {
        let mut found = vec![BTreeSet::new(); identities];
        for (ri, ci) in occurrences {
            if let Some(set) = found.get_mut(ci) {
                set.insert(self.of_report(ri));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_sharing_a_person_are_one_body_and_the_rest_are_apart() {
        // Reports 0 and 2 share identity 7, 2 and 3 share identity 9; 1 and 4
        // share nobody.
        let pairs = [(0, 7), (1, 5), (2, 7), (2, 9), (3, 9), (4, 6)];
        let bodies = Bodies::of(5, pairs, ["", "", "", "", ""]);
        let ids: Vec<usize> = (0..5).map(|r| bodies.of_report(r)).collect();
        assert_eq!(ids[0], ids[2]);
        assert_eq!(ids[2], ids[3]);
        assert_ne!(ids[0], ids[1]);
        assert_ne!(ids[0], ids[4]);
        assert_ne!(ids[1], ids[4]);
        let per_identity = bodies.of_identities(10, pairs);
        assert_eq!(per_identity[9], BTreeSet::from([ids[0]]));
        assert_eq!(per_identity[5], BTreeSet::from([ids[1]]));
    }

    #[test]
    fn reports_of_one_series_are_one_body_though_they_share_nobody() {
        let bodies = Bodies::of(4, [(0, 1), (1, 2)], ["board", "", "board", "council"]);
        let ids: Vec<usize> = (0..4).map(|r| bodies.of_report(r)).collect();
        assert_eq!(ids[0], ids[2]);
        assert_ne!(ids[0], ids[1]);
        assert_ne!(ids[0], ids[3]);
        assert_ne!(ids[1], ids[3]);
    }

    #[test]
    fn the_bodies_do_not_depend_on_the_order_of_the_reports_facts() {
        let pairs = [(3, 1), (0, 2), (3, 2), (1, 4), (2, 4), (2, 1)];
        let mut reversed = pairs;
        reversed.reverse();
        let a = Bodies::of(4, pairs, []);
        let b = Bodies::of(4, reversed, []);
        let ids = |bodies: &Bodies| (0..4).map(|r| bodies.of_report(r)).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(ids(&a), vec![0, 0, 0, 0]);
    }
}
