//! When a node or an edge of a graph was active: the days of its meetings, what
//! Gephi's Timeline plays (the spells of a dynamic GEXF).
//!
//! Rationale: a meeting is one day, so a spell is one day too (`start` = `end`
//! = the meeting's date), and two meetings on the same day make one spell that
//! counts both. Merging days into longer intervals would say a person was
//! active between meetings, which no record says. A meeting without a date (or
//! whose date is not an ISO `YYYY-MM-DD` day, which no reader of the GEXF's
//! `timeformat="date"` could place) gives no spell; the element's static
//! weight still counts it.

/// One day on which a node or an edge had meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spell {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Meetings of the element on that day: the edge's weight in this spell.
    pub meetings: u32,
}

/// What the dynamic export needs of a node or an edge.
pub trait Timed {
    /// One spell per day with meetings, days ascending.
    fn spells(&self) -> Vec<Spell>;

    /// Calls `f` with each spell's day and meetings, as [`Timed::spells`]
    /// gives them; the edges' own way takes no `Vec` nor `String` (a dynamic
    /// GEXF visits the spells of millions of edges, twice each).
    fn for_each_spell(&self, f: &mut dyn FnMut(&str, u32)) {
        for spell in self.spells() {
            f(&spell.date, spell.meetings);
        }
    }
}

/// The spells of these meeting dates, one per distinct ISO day, ascending;
/// other dates are left out. The dates may come in any order.
///
/// Cost: a sort of the dates.
pub(crate) fn spells_of<'a>(dates: impl IntoIterator<Item = &'a str>) -> Vec<Spell> {
    let mut days: Vec<&str> = dates.into_iter().filter(|d| is_day(d)).collect();
    days.sort_unstable();
    let mut spells: Vec<Spell> = Vec::new();
    for day in days {
        match spells.last_mut() {
            Some(last) if last.date == day => last.meetings += 1,
            _ => spells.push(Spell {
                date: day.to_owned(),
                meetings: 1,
            }),
        }
    }
    spells
}

/// Whether `date` is a calendar day written `YYYY-MM-DD`, as `xsd:date` without
/// a time zone and as Gephi parses a `date` time format.
pub(super) fn is_day(date: &str) -> bool {
    super::periods::day(date).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(date: &str, meetings: u32) -> Spell {
        Spell {
            date: date.to_owned(),
            meetings,
        }
    }

    #[test]
    fn one_spell_per_day_counting_its_meetings() {
        let spells = spells_of(["2022-11-03", "2021-10-28", "2022-11-03"]);
        assert_eq!(
            spells,
            [spell("2021-10-28", 1), spell("2022-11-03", 2)].to_vec()
        );
    }

    #[test]
    fn dates_that_are_no_day_give_no_spell() {
        let spells = spells_of(["2022-13-01", "2022", "2022-10-20Z", "", "2022-02-29", "x"]);
        assert!(spells.is_empty(), "{spells:?}");
        assert_eq!(spells_of(["2024-02-29"]), [spell("2024-02-29", 1)].to_vec());
    }
}
