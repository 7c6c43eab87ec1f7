//! The archive cut into periods, as science-mapping tools cut a literature
//! (SciMAT's periods, CiteSpace's time slices): what the topic evolution
//! compares from one period to the next.
//!
//! Rationale: a period is a calendar unit (year, quarter, month) or, with
//! [`Period::Auto`], a run of whole months holding at least
//! [`AUTO_MIN_MEETINGS`] meetings, so a sparse stretch of the archive does
//! not make periods of one meeting whose themes mean nothing. Every period
//! says its bounds (first and last day, both included), so an analyst reading
//! one export row knows the dates it covers.
//!
//! What it will not do: place a meeting without an ISO `YYYY-MM-DD` date; such
//! a meeting is in no period (the static graphs still count it). Calendar
//! periods without a dated meeting are left out, so two consecutive periods
//! may have a gap between them; automatic periods tile the months from the
//! first dated meeting to the last.

use chrono::{Datelike, Months, NaiveDate};

/// How the archive is cut into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// Calendar years.
    Year,
    /// Calendar quarters (January–March is `Q1`).
    Quarter,
    /// Calendar months.
    Month,
    /// Runs of whole months holding at least [`AUTO_MIN_MEETINGS`] meetings.
    Auto,
}

/// The fewest dated meetings a period of [`Period::Auto`] holds: consecutive
/// months are merged until they hold this many, and a last run with fewer
/// joins the period before it. Ten meetings give a co-occurrence network of a
/// few dozen topics in a typical body's records, enough for themes; an archive
/// with fewer dated meetings is one period.
pub const AUTO_MIN_MEETINGS: usize = 10;

impl Period {
    /// Every kind, in the order of the docs.
    pub const ALL: [Self; 4] = [Self::Year, Self::Quarter, Self::Month, Self::Auto];

    /// The name on the command line and in the exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Quarter => "quarter",
            Self::Month => "month",
            Self::Auto => "auto",
        }
    }

    /// What the kind is, for the command line's help.
    pub fn help(self) -> &'static str {
        match self {
            Self::Year => "calendar years",
            Self::Quarter => "calendar quarters",
            Self::Month => "calendar months",
            Self::Auto => {
                "runs of whole months holding at least 10 meetings each (sparse months merged)"
            }
        }
    }

    /// Months in one calendar unit; [`Period::Auto`] is built of months.
    fn months(self) -> u32 {
        match self {
            Self::Year => 12,
            Self::Quarter => 3,
            Self::Month | Self::Auto => 1,
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One period: its name and its bounds, both days included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// `2022`, `2022-Q3`, `2022-07`, or for automatic periods the first and
    /// last month, `2022-01..2022-06` (one month alone: `2022-07`). An XML
    /// name token, so it can go into node ids.
    pub id: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Slice {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// The day of an ISO `YYYY-MM-DD` date, `None` for anything else.
pub fn day(date: &str) -> Option<NaiveDate> {
    (date.len() == 10)
        .then(|| NaiveDate::parse_from_str(date, crate::model::iso::DATE).ok())
        .flatten()
}

/// The periods of meetings held on `days` (any order, repeats counted as
/// meetings), in time order; only periods holding one meeting at least.
///
/// Cost: a sort of the days.
pub fn slices(days: &[NaiveDate], period: Period) -> Vec<Slice> {
    let mut days = days.to_vec();
    days.sort_unstable();
    match period {
        Period::Auto => auto_slices(&days),
        _ => calendar_slices(&days, period),
    }
}

/// The position in `slices` of the period holding `day`.
///
/// Cost: a binary search.
pub fn slice_of(slices: &[Slice], day: NaiveDate) -> Option<usize> {
    let i = slices.partition_point(|s| s.end < day);
    slices.get(i).filter(|s| s.contains(day)).map(|_| i)
}

/// The first day of the calendar unit of `period` that holds `day`.
fn unit_start(day: NaiveDate, period: Period) -> NaiveDate {
    let step = period.months();
    let month0 = (day.month0() / step) * step;
    NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1).unwrap_or(day)
}

/// The last day of the unit of `months` months starting on `start`.
fn unit_end(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .and_then(|next| next.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

fn calendar_id(start: NaiveDate, period: Period) -> String {
    match period {
        Period::Year => format!("{}", start.year()),
        Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        Period::Month | Period::Auto => start.format("%Y-%m").to_string(),
    }
}

fn calendar_slices(days: &[NaiveDate], period: Period) -> Vec<Slice> {
    let mut out: Vec<Slice> = Vec::new();
    for &d in days {
        if out.last().is_some_and(|s| s.contains(d)) {
            continue;
        }
        let start = unit_start(d, period);
        out.push(Slice {
            id: calendar_id(start, period),
            start,
            end: unit_end(start, period.months()),
        });
    }
    out
}

/// Months merged from the first meeting's month on until they hold
/// [`AUTO_MIN_MEETINGS`]; a short last run joins the period before it.
fn auto_slices(days: &[NaiveDate]) -> Vec<Slice> {
    let Some(&first) = days.first() else {
        return Vec::new();
    };
    let mut bounds: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut start = unit_start(first, Period::Month);
    let mut held = 0;
    for (i, &d) in days.iter().enumerate() {
        held += 1;
        let month_end = unit_end(unit_start(d, Period::Month), 1);
        let month_done = days.get(i + 1).is_none_or(|next| *next > month_end);
        if month_done && held >= AUTO_MIN_MEETINGS {
            bounds.push((start, month_end));
            start = month_end.succ_opt().unwrap_or(month_end);
            held = 0;
        }
    }
    if held > 0 {
        let last_month = days.last().map_or(start, |&d| unit_start(d, Period::Month));
        let end = unit_end(last_month, 1);
        match bounds.last_mut() {
            Some(previous) => previous.1 = end,
            None => bounds.push((start, end)),
        }
    }
    bounds
        .into_iter()
        .map(|(start, end)| Slice {
            id: auto_id(start, end),
            start,
            end,
        })
        .collect()
}

fn auto_id(start: NaiveDate, end: NaiveDate) -> String {
    let (a, b) = (start.format("%Y-%m"), end.format("%Y-%m"));
    if (start.year(), start.month()) == (end.year(), end.month()) {
        a.to_string()
    } else {
        format!("{a}..{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        day(text).unwrap_or(NaiveDate::MIN)
    }

    fn ids(slices: &[Slice]) -> Vec<(String, String, String)> {
        slices
            .iter()
            .map(|s| (s.id.clone(), s.start.to_string(), s.end.to_string()))
            .collect()
    }

    fn row(id: &str, start: &str, end: &str) -> (String, String, String) {
        (id.into(), start.into(), end.into())
    }

    #[test]
    fn calendar_periods_hold_their_meetings_and_skip_empty_ones() {
        let days = [
            d("2022-11-03"),
            d("2021-10-28"),
            d("2024-02-29"),
            d("2022-02-10"),
        ];
        assert_eq!(
            ids(&slices(&days, Period::Year)),
            [
                row("2021", "2021-01-01", "2021-12-31"),
                row("2022", "2022-01-01", "2022-12-31"),
                row("2024", "2024-01-01", "2024-12-31"),
            ]
        );
        assert_eq!(
            ids(&slices(&days, Period::Quarter)),
            [
                row("2021-Q4", "2021-10-01", "2021-12-31"),
                row("2022-Q1", "2022-01-01", "2022-03-31"),
                row("2022-Q4", "2022-10-01", "2022-12-31"),
                row("2024-Q1", "2024-01-01", "2024-03-31"),
            ]
        );
        let months = slices(&days, Period::Month);
        assert_eq!(months[3], {
            Slice {
                id: "2024-02".into(),
                start: d("2024-02-01"),
                end: d("2024-02-29"),
            }
        });
        for day in days {
            let i = slice_of(&months, day).map(|i| months[i].contains(day));
            assert_eq!(i, Some(true), "{day}");
        }
        assert_eq!(slice_of(&months, d("2023-01-01")), None);
    }

    /// Twelve meetings in January, three in March, nine in May, two in
    /// December: January alone holds ten or more; February to May hold
    /// twelve; December's two are too few and join that second period.
    #[test]
    fn auto_periods_hold_the_minimum_and_merge_sparse_months() {
        let mut days = vec![d("2023-01-15"); 12];
        days.extend([d("2023-03-01"); 3]);
        days.extend([d("2023-05-20"); 9]);
        days.extend([d("2023-12-31"); 2]);
        let cut = slices(&days, Period::Auto);
        assert_eq!(
            ids(&cut),
            [
                row("2023-01", "2023-01-01", "2023-01-31"),
                row("2023-02..2023-12", "2023-02-01", "2023-12-31"),
            ]
        );
        assert!(cut
            .iter()
            .all(|s| days.iter().filter(|&&x| s.contains(x)).count() >= AUTO_MIN_MEETINGS));
        // Fewer meetings than the minimum: one period, whole months.
        let few = slices(&[d("2021-10-28"), d("2022-02-10")], Period::Auto);
        assert_eq!(
            ids(&few),
            [row("2021-10..2022-02", "2021-10-01", "2022-02-28")]
        );
        assert!(slices(&[], Period::Auto).is_empty());
    }

    #[test]
    fn the_help_says_the_minimum() {
        let said = format!("at least {AUTO_MIN_MEETINGS} meetings");
        assert!(Period::Auto.help().contains(&said));
    }

    #[test]
    fn only_iso_days_are_days() {
        assert_eq!(day("2022-10-20"), NaiveDate::from_ymd_opt(2022, 10, 20));
        for bad in ["2022", "2022-13-01", "2022-10-20Z", "", "2022-02-29"] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }
}
