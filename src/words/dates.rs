//! Dates and clock times as people write them in meeting reports.
//!
//! "3rd March 2022", "March 3, 2022", "Thursday, 17 October 2024", "17.10.2024",
//! "2022-03-03", "26th of October"; "1 p.m. UTC", "13h UTC", "19:00 UTC",
//! "14:00 CET". Numeric dates are read day first, as in the UN and European
//! usage of these records, unless the first number cannot be a month... day.
//! A date without a year is returned without one: only the caller knows which
//! year the context implies ([`PartialDate::in_context`]).

use super::fold::fold;
use super::header_patterns::{alternation, alternation_of, pattern};
use super::lexicon::Sections;
use super::utc_offset::UtcOffset;
use chrono::{Datelike, NaiveDate, NaiveTime};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A date as written, possibly without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl PartialDate {
    /// The full date, taking the year from `reference` when none was written,
    /// and moving it a year on when it would otherwise fall before `reference`
    /// ("next meeting on 13 January", written in December).
    pub fn in_context(self, reference: Option<NaiveDate>, after: bool) -> Option<NaiveDate> {
        use chrono::Datelike;
        match (self.year, reference) {
            (Some(y), _) => NaiveDate::from_ymd_opt(y, self.month, self.day),
            (None, Some(r)) => {
                let d = NaiveDate::from_ymd_opt(r.year(), self.month, self.day)?;
                if after && d < r {
                    NaiveDate::from_ymd_opt(r.year() + 1, self.month, self.day)
                } else {
                    Some(d)
                }
            }
            (None, None) => None,
        }
    }
}

/// A date found in a string, with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub range: Range<usize>,
    pub date: PartialDate,
}

/// A clock time found in a string: the time as written, and its zone's offset
/// from UTC where the string names the zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMatch {
    pub range: Range<usize>,
    /// The time on the clock of the place the string speaks of.
    pub local: NaiveTime,
    /// Minutes east of UTC, where a zone, an offset or a place's time is
    /// written; `None` for a bare local time, whose zone is unknown (never UTC
    /// by default: that would be a false fact), nor for an offset beyond
    /// ±14:00 ("UTC+25"), which no zone has.
    pub offset: Option<UtcOffset>,
}

impl TimeMatch {
    /// The time in UTC, where the zone is known.
    pub fn utc(&self) -> Option<NaiveTime> {
        self.offset
            .and_then(|o| utc(minutes(self.local), o.minutes()))
    }
}

/// Minutes since midnight.
fn minutes(t: NaiveTime) -> i32 {
    use chrono::Timelike;
    i32::try_from(t.hour() * 60 + t.minute()).unwrap_or(0)
}

/// The words dates and times are written with, compiled from the lexicon
/// (`[months]`, `[time-zones]`, `[regional-time-zones]`): the month names and
/// abbreviations, and the zones a time may name with their offsets.
#[derive(Debug, Clone, Default)]
pub struct DateRules {
    /// Month names and abbreviations, lower case, with their numbers.
    months: Vec<(String, u32)>,
    day_month: Option<Regex>,
    month_day: Option<Regex>,
    /// Zone abbreviations and their offsets from UTC.
    zones: Vec<(String, UtcOffset)>,
    /// Zones named by a place or region: (pattern, standard offset, rule).
    regional: Vec<(Regex, UtcOffset, Dst)>,
    time: Option<Regex>,
    military: Option<Regex>,
    /// "24-" before a date: the first day of a range (group 1).
    range_before: Option<Regex>,
    /// "-25, 2024" after a date: the last day of a range, and its year
    /// (group 1).
    range_after: Option<Regex>,
    /// The words of the rules, as [`DateWords`] reads them.
    words: DateWords,
}

/// The words of the date and time rules besides month and zone names, from
/// the lexicon: the grammar of each rule stays in code, its words are data,
/// so a record of another language needs no change of code.
#[derive(Debug, Clone, Default)]
pub struct DateWords {
    /// `[ordinal-suffixes]`: "rd" of "3rd March".
    pub ordinal_suffixes: Vec<String>,
    /// `[day-month-links]`: "of" of "26th of October".
    pub day_month_links: Vec<String>,
    /// `[date-connectors]`: "de" of "24 de abril de 2003", lower case.
    pub date_connectors: Vec<String>,
    /// `[offset-zones]`: "UTC" of "UTC+2", as written.
    pub offset_zones: Vec<String>,
    /// `[zone-time-words]`: "time" of "Geneva time".
    pub zone_time_words: Vec<String>,
    /// `[time-introducers]`, lower case: "at" of "at 1400 UTC", the word
    /// that makes four digits a military time.
    pub time_introducers: Vec<String>,
    /// `[time-range-links]`, as written: "to" of "14:00 to 15:30 UTC".
    pub time_range_links: Vec<String>,
    /// `[date-range-links]`, lower case: "to" of "from 28 to 30 May 1984".
    pub date_range_links: Vec<String>,
    /// `[morning-marks]`: "a. m." of "10 a.m.", each dot and space optional.
    pub morning_marks: Vec<String>,
    /// `[evening-marks]`: "p. m." of "7:00 p.m.", read alike.
    pub evening_marks: Vec<String>,
    /// `[hour-marks]`: "h" of "13h UTC" and "14h30".
    pub hour_marks: Vec<String>,
}

impl DateWords {
    /// The sections of a lexicon the date rules read.
    pub(super) fn read(l: &Sections) -> Self {
        let lower = |s: &'static str| l.list(s).iter().map(|w| w.to_lowercase()).collect();
        Self {
            ordinal_suffixes: l.list("ordinal-suffixes").to_vec(),
            day_month_links: l.list("day-month-links").to_vec(),
            date_connectors: lower("date-connectors"),
            offset_zones: l.list("offset-zones").to_vec(),
            zone_time_words: l.list("zone-time-words").to_vec(),
            time_introducers: lower("time-introducers"),
            time_range_links: l.list("time-range-links").to_vec(),
            date_range_links: lower("date-range-links"),
            morning_marks: l.list("morning-marks").to_vec(),
            evening_marks: l.list("evening-marks").to_vec(),
            hour_marks: l.list("hour-marks").to_vec(),
        }
    }
}

/// The error of a `[regional-time-zones]` or `[time-zones]` entry.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RuleError(pub String);

impl DateRules {
    /// Compiles the rules from the entries of `[months]` ("march = 3"),
    /// `[time-zones]` ("CEST = 120") and `[regional-time-zones]` ("geneva|bern
    /// = 60 europe": a pattern, the standard offset in minutes and the
    /// daylight-saving rule, `europe`, `north-america` or `none`), with the
    /// other words of the rules (`words`).
    ///
    /// # Errors
    /// An entry without its number or rule, or a pattern that does not compile.
    pub fn new(
        months: &[(String, String)],
        zones: &[(String, String)],
        regional: &[(String, String)],
        words: DateWords,
    ) -> Result<Self, RuleError> {
        let bad = |what: &str, e: &dyn std::fmt::Display| RuleError(format!("{what}: {e}"));
        let months = month_numbers(months)?;
        let zones = zone_offsets(zones)?;
        let regions = regional
            .iter()
            .map(|(pattern, value)| regional_zone(pattern, value))
            .collect::<Result<Vec<_>, _>>()?;
        let names = |words: Vec<String>| {
            let mut w: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
            w.sort_by_key(|w| std::cmp::Reverse(w.len()));
            w.join("|")
        };
        let month_words = names(months.iter().map(|(n, _)| n.clone()).collect());
        let zone_words = names(
            zones
                .iter()
                .map(|(n, _)| n.clone())
                .filter(|n| n.len() > 1)
                .collect(),
        );
        let w = |words: &[String]| alternation(words, r"\s+");
        let (ordinal, of) = (w(&words.ordinal_suffixes), w(&words.day_month_links));
        let links = w(&words.date_range_links);
        let zone = format!(
            r"(?:({})\s*([+-]\s*\d{{1,2}}(?::?\d{{2}})?)|\b({zone_words})\b)",
            w(&words.offset_zones)
        );
        let places = regions
            .iter()
            .map(|(_, p, _, _)| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let regional_pattern = format!(
            r"(?i:((?:{places})\b(?:\s+(?:{}))?))",
            w(&words.zone_time_words)
        );
        let (morning, evening) = (loose(&words.morning_marks), loose(&words.evening_marks));
        let hour_marks = w(&words.hour_marks);
        let compile = |p: String| Regex::new(&p).map_err(|e| bad("date pattern", &e));
        let (day_month, month_day) = if months.is_empty() {
            (None, None)
        } else {
            (
                Some(compile(format!(
                    r"(?i)\b(\d{{1,2}})(?:{ordinal})?(?:\s+(?:{of}))?[\s-]+({month_words})\b\.?(?:,?[\s-]+(\d{{4}})\b)?"
                ))?),
                Some(compile(format!(
                    r"(?i)\b({month_words})\b\.?\s+(\d{{1,2}})(?:{ordinal})?\b(?:,?\s+(\d{{4}})\b)?"
                ))?),
            )
        };
        let (time, military) = if zones.is_empty() || regions.is_empty() {
            (None, None)
        } else {
            (
                Some(compile(format!(
                    r"(?i:\b(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d{{2}})(?::[0-5]\d(?:\s+(?:19|20)\d{{2}}\b)?)?|(?P<hmark>{hour_marks})(?P<hminute>\d{{2}})?)?\s*(?:(?P<morning>{morning})|(?P<evening>{evening})|(?:{hour_marks})\b)?)\s*(?:\(?\s*(?:{zone}|{regional_pattern})\s*\)?)?"
                ))?),
                Some(compile(format!(
                    r"\b([01]\d|2[0-3])([0-5]\d)\s*(?:(?i:{hour_marks})\b)?\s*\(?\s*(?:{zone}|{regional_pattern})"
                ))?),
            )
        };
        Ok(Self {
            months,
            day_month,
            month_day,
            zones,
            regional: regions.into_iter().map(|(r, _, o, d)| (r, o, d)).collect(),
            time,
            military,
            range_before: Some(pattern(&format!(
                r"\b(\d{{1,2}})(?:{ordinal})?\.?(?:\s*[-–]|\s+(?i:{links}))\s*$"
            ))),
            range_after: Some(pattern(&format!(
                r"^(?:\s*[-–]|\s+(?i:{links}))\s*(\d{{1,2}})(?:{ordinal})?\b,?(?:\s+(\d{{4}})\b)?"
            ))),
            words,
        })
    }

    /// Compared folded: a heading in capitals drops its accents ("FEVRIER").
    fn month_number(&self, name: &str) -> Option<u32> {
        let n = fold(name.trim_end_matches('.'));
        self.months.iter().find(|(m, _)| *m == n).map(|(_, m)| *m)
    }

    /// (standard offset, rule) of a regional zone name.
    fn regional(&self, name: &str) -> (UtcOffset, Dst) {
        self.regional
            .iter()
            .find(|(r, _, _)| r.is_match(name))
            .map_or((UtcOffset::UTC, Dst::None), |(_, o, d)| (*o, *d))
    }
}

/// A regex of the code itself: one that does not compile is a bug, found by the tests.
pub(crate) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex {pattern}: {e}"))
}

/// "2024-03-03", "2024/03/03", and in file names "minutes_2024_03_03".
static ISO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\b|_)(\d{4})([-/._])(\d{1,2})[-/._](\d{1,2})(?:\b|_)"));
/// "20240303", as file names write a date: a year of this century or the last.
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:\b|_)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\b|_)"));
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{1,2})([./])(\d{1,2})[./](\d{4})\b"));
/// "10/17/23": a date with a two-digit year, slashes only and not inside a
/// longer run of slashes or digits ("1/10/17/23", "10/17/234").
static SHORT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|[^/\d])(\d{1,2})/(\d{1,2})/(\d{2})(?:$|[^/\d])"));

/// The month and day of "10/17/23" or "17/10/23", only when the reading is
/// unambiguous: one number cannot be a month (above 12), the other can. The
/// two-digit year is 20yy up to 69 and 19yy from 70, the POSIX `%y` rule.
fn short_year_date(a: u32, b: u32, yy: u32) -> Option<(i32, u32, u32)> {
    let yy = i32::try_from(yy).ok().filter(|y| *y < 100)?;
    let year = if yy < 70 { 2000 + yy } else { 1900 + yy };
    match (a > 12, b > 12) {
        (true, false) => Some((year, b, a)),
        (false, true) => Some((year, a, b)),
        _ => None,
    }
}
impl DateRules {
    /// A date of a range of days ("24-25 June 2024", "May 4-8, 2015"): the
    /// first day (written before the dash), with the year written after the
    /// range. `None` when `m` is no range.
    pub fn range_start(&self, s: &str, m: &DateMatch) -> Option<PartialDate> {
        self.range_days(s, m).map(|(first, _)| first)
    }

    /// The first and the last day of a range of days ("24-25 June 2024", "May
    /// 4-8, 2015"), each with the year written after the range. `None` when
    /// `m` is no range.
    pub fn range_days(&self, s: &str, m: &DateMatch) -> Option<(PartialDate, PartialDate)> {
        let (before, after) = (self.range_before.as_ref()?, self.range_after.as_ref()?);
        if let Some(c) = before.captures(&s[..m.range.start]) {
            let day = c.get(1)?.as_str().parse().ok()?;
            let d = PartialDate { day, ..m.date };
            return valid(d.year, d.month, d.day).then_some((d, m.date));
        }
        let c = after.captures(&s[m.range.end..])?;
        let year = c
            .get(2)
            .and_then(|y| y.as_str().parse().ok())
            .or(m.date.year);
        let first = PartialDate { year, ..m.date };
        let last = c
            .get(1)
            .and_then(|d| d.as_str().parse().ok())
            .map(|day| PartialDate { day, ..first })
            .filter(|l| valid(l.year, l.month, l.day))
            .unwrap_or(first);
        Some((first, last))
    }

    /// Dates written with the month names of `[month-names]` ("24 de abril
    /// de 2003", "3. März 2021"): a day, an optional connector of
    /// `[date-connectors]`, the month, and optionally a connector and the year.
    /// Month names are compared folded ([`fold`]): a heading in capitals writes
    /// "13 FEVRIER 2016" for "13 février 2016". A name of `[months]` written
    /// with a capital counts too: German shares "September" with English
    /// ("09. September 2019"), and a capital keeps "3. may" a verb.
    pub fn find_named_dates(&self, s: &str, months: &[(String, u32)]) -> Vec<DateMatch> {
        let month = |word: &str| {
            let folded = fold(word.trim_end_matches('.'));
            let named = months.iter().find(|(n, _)| fold(n) == folded);
            named.map(|(_, m)| *m).or_else(|| {
                word.starts_with(|c: char| c.is_uppercase())
                    .then(|| self.month_number(word))
                    .flatten()
            })
        };
        find_named_dates(s, month, &self.words.date_connectors)
    }
}

/// [`DateRules::find_named_dates`] with its connectors.
fn find_named_dates(
    s: &str,
    month_of: impl Fn(&str) -> Option<u32>,
    connectors: &[String],
) -> Vec<DateMatch> {
    let mut out = Vec::new();
    // Words with their byte offsets (separators may be wider than a byte).
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (true, Some(b)) => {
                words.push((b, &s[b..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    // Connectors are lower case; a heading in capitals writes "20 DE SEPTIEMBRE".
    let connector = |w: &str| connectors.iter().any(|c| c.eq_ignore_ascii_case(w));
    for (i, &(at, w)) in words.iter().enumerate() {
        let Ok(day) = w.trim_end_matches(['.', 'º', 'o']).parse::<u32>() else {
            continue;
        };
        let mut j = i + 1;
        if words.get(j).is_some_and(|(_, w)| connector(w)) {
            j += 1;
        }
        let Some(&(m_at, m)) = words.get(j) else {
            continue;
        };
        let Some(month) = month_of(m) else {
            continue;
        };
        let mut end = m_at + m.len();
        let mut k = j + 1;
        if words.get(k).is_some_and(|(_, w)| connector(w)) {
            k += 1;
        }
        let year = words.get(k).and_then(|&(y_at, y)| {
            let y = y.trim_end_matches(['.', ';']);
            (y.len() == 4)
                .then(|| y.parse::<i32>().ok())
                .flatten()
                .inspect(|_| {
                    end = y_at + y.len();
                })
        });
        if valid(year, month, day) {
            out.push(DateMatch {
                range: at..end,
                date: PartialDate { year, month, day },
            });
        }
    }
    out
}

fn valid(y: Option<i32>, m: u32, d: u32) -> bool {
    NaiveDate::from_ymd_opt(y.unwrap_or(2000), m, d).is_some()
}

impl DateRules {
    /// Every date in `s`, in order of position, non-overlapping.
    pub fn find_dates(&self, s: &str) -> Vec<DateMatch> {
        self.find_dates_in(s, false)
    }

    /// [`Self::find_dates`] for a record that says its numeric dates put the month
    /// first ("03/06/2025" is 6 March), as US records do.
    pub fn find_dates_in(&self, s: &str, month_first: bool) -> Vec<DateMatch> {
        let mut found: Vec<DateMatch> = Vec::new();
        let mut add = |range: Range<usize>, y: Option<i32>, m: u32, d: u32| {
            if valid(y, m, d)
                && !found
                    .iter()
                    .any(|f| f.range.start < range.end && range.start < f.range.end)
            {
                found.push(DateMatch {
                    range,
                    date: PartialDate {
                        year: y,
                        month: m,
                        day: d,
                    },
                });
            }
        };
        for c in ISO.captures_iter(s) {
            let num = |i| group_number(&c, i);
            let y = c.get(1).and_then(|m| m.as_str().parse().ok());
            add(c.get(0).map_or(0..0, |m| m.range()), y, num(3), num(4));
        }
        for c in COMPACT.captures_iter(s) {
            let num = |i| group_number(&c, i);
            let y = c.get(1).and_then(|m| m.as_str().parse().ok());
            add(c.get(0).map_or(0..0, |m| m.range()), y, num(2), num(3));
        }
        for c in NUMERIC.captures_iter(s) {
            let num = |i| group_number(&c, i);
            let y = c.get(4).and_then(|m| m.as_str().parse().ok());
            let (a, b) = (num(1), num(3));
            let slash = c.get(2).is_some_and(|m| m.as_str() == "/");
            // Day first, unless that cannot be (13/05) — or a slash with a day in second place.
            let (d, m) = if month_first && a <= 12 {
                (b, a)
            } else if a > 12 || (slash && b > 12) {
                if a > 12 {
                    (a, b)
                } else {
                    (b, a)
                }
            } else {
                (a, b)
            };
            add(c.get(0).map_or(0..0, |m| m.range()), y, m, d);
        }
        for c in SHORT_YEAR.captures_iter(s) {
            let num = |i| group_number(&c, i);
            if let (Some((y, m, d)), Some(first), Some(last)) =
                (short_year_date(num(1), num(2), num(3)), c.get(1), c.get(3))
            {
                add(first.start()..last.end(), Some(y), m, d);
            }
        }
        let captures = |r: &Option<Regex>| {
            r.as_ref()
                .map(|r| r.captures_iter(s).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        for c in captures(&self.day_month) {
            let d = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            let m = c
                .get(2)
                .and_then(|m| self.month_number(m.as_str()))
                .unwrap_or(0);
            let y = c.get(3).and_then(|m| m.as_str().parse().ok());
            add(c.get(0).map_or(0..0, |m| m.range()), y, m, d);
        }
        for c in captures(&self.month_day) {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            let month = c.get(1).map_or("", |m| m.as_str());
            // "May" and "March" are also words; a capital letter says it is the month.
            if !month.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let m = self.month_number(month).unwrap_or(0);
            let d = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            let y = c.get(3).and_then(|m| m.as_str().parse().ok());
            // "2021 at 13" must not read as "at 13"; digits straight after are not a day.
            if s[whole.end..].starts_with(|c: char| {
                c == ':' || c == '.' && s[whole.end + 1..].starts_with(|c: char| c.is_ascii_digit())
            }) {
                continue;
            }
            add(whole, y, m, d);
        }
        found.sort_by_key(|f| f.range.start);
        found
    }
}

/// Daylight-saving rules of the regional zones.
#[derive(Debug, Clone, Copy)]
enum Dst {
    /// Last Sunday of March to last Sunday of October.
    Europe,
    /// Second Sunday of March to first Sunday of November.
    NorthAmerica,
    /// None.
    None,
}

/// Whether daylight saving time is in force on `date` under `rule` (by date
/// alone: the switch hour itself is not distinguished).
fn summer_time(date: NaiveDate, rule: Dst) -> bool {
    let sunday = |month: u32, nth: i32| -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(date.year(), month, 1)?;
        let to_sunday = (7 - first.weekday().num_days_from_sunday()) % 7;
        let first_sunday = first + chrono::Days::new(u64::from(to_sunday));
        if nth > 0 {
            first_sunday.checked_add_days(chrono::Days::new(7 * (nth as u64 - 1)))
        } else {
            // The last Sunday: the first of the next month, minus what it takes.
            let next = NaiveDate::from_ymd_opt(date.year(), month + 1, 1)?;
            let back = next.weekday().num_days_from_sunday();
            next.checked_sub_days(chrono::Days::new(u64::from(if back == 0 {
                7
            } else {
                back
            })))
        }
    };
    let (start, end) = match rule {
        Dst::Europe => (sunday(3, -1), sunday(10, -1)),
        Dst::NorthAmerica => (sunday(3, 2), sunday(11, 1)),
        Dst::None => return false,
    };
    matches!((start, end), (Some(s), Some(e)) if s <= date && date < e)
}

impl DateRules {
    /// Every clock time in `s` that is unmistakably a time: with minutes, a.m./p.m.,
    /// an `h`, or a time zone. Converted to UTC where the zone is known.
    pub fn find_times(&self, s: &str) -> Vec<TimeMatch> {
        self.find_times_on(s, None)
    }

    /// [`Self::find_times`] for a meeting on `date`, which decides daylight saving time
    /// for zones named by a place ("Geneva time"); without a date, standard time.
    pub fn find_times_on(&self, s: &str, date: Option<NaiveDate>) -> Vec<TimeMatch> {
        let mut out = Vec::new();
        // (local minutes, zone offset, p.m. when a.m./p.m. is written) of each
        // match, for ranges.
        let mut locals: Vec<Local> = Vec::new();
        let captures = |r: &Option<Regex>| {
            r.as_ref()
                .map(|r| r.captures_iter(s).collect::<Vec<_>>())
                .unwrap_or_default()
        };
        for c in captures(&self.time) {
            if let Some((time, local)) = self.clock_time(s, &c, date) {
                out.push(time);
                locals.push(local);
            }
        }
        for c in captures(&self.military) {
            let Some((time, local)) = self.military_time(s, &c, date) else {
                continue;
            };
            if out
                .iter()
                .any(|t| t.range.start < time.range.end && time.range.start < t.range.end)
            {
                continue;
            }
            let at = out.partition_point(|t| t.range.start < time.range.start);
            out.insert(at, time);
            locals.insert(at, local);
        }
        join_ranges(s, &mut out, &mut locals, &self.words.time_range_links);
        out
    }

    /// "1 p.m. UTC", "13h UTC", "19:00", "14:00 CET", "20:05:41 UTC", and
    /// "18:58:58 2020 UTC" as `date` prints it: a clock time, with a minute,
    /// an a.m./p.m., an "h" or a zone at least; never a year or a date part
    /// ("2021-10", "17.10.2024").
    fn clock_time(
        &self,
        s: &str,
        c: &regex::Captures<'_>,
        date: Option<NaiveDate>,
    ) -> Option<(TimeMatch, Local)> {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let hour: i32 = (c.name("hour").and_then(|m| m.as_str().parse().ok())).unwrap_or(99);
        let minutes = c.name("minute").or(c.name("hminute"));
        let minute: i32 = minutes.and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let h_suffix = c.name("hmark").is_some();
        let zone = self.zone_offset(c, date);
        let pm = match (c.name("morning"), c.name("evening")) {
            (Some(_), _) => Some(false),
            (_, Some(_)) => Some(true),
            _ => None,
        };
        if minutes.is_none() && pm.is_none() && !h_suffix && zone.is_none() {
            return None;
        }
        // "17:00:03 UTC 2024-07-23 17:01:27": a zone closes the time; a
        // figure after the space that follows it starts another one.
        let closed = zone.is_some() && s[..whole.end].ends_with(char::is_whitespace);
        if !closed
            && s[whole.end..].starts_with(|c: char| {
                c.is_ascii_digit()
                    || c == '.' && s[whole.end + 1..].starts_with(|c: char| c.is_ascii_digit())
            })
        {
            return None;
        }
        let hour = match pm {
            Some(pm) if hour == 12 => {
                if pm {
                    12
                } else {
                    0
                }
            }
            // "15:00 pm": a 24-hour time with a needless p.m.
            Some(true) if hour < 12 => hour + 12,
            _ => hour,
        };
        if !(0..24).contains(&hour) || !(0..60).contains(&minute) {
            return None;
        }
        matched(whole, hour * 60 + minute, zone, pm)
    }

    /// "1400 UTC": military time, only with its zone, and only where a time
    /// is introduced ("at 1400 UTC", not "IGF 2025 UTC+3").
    fn military_time(
        &self,
        s: &str,
        c: &regex::Captures<'_>,
        date: Option<NaiveDate>,
    ) -> Option<(TimeMatch, Local)> {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let before = s[..whole.start].trim_end().to_lowercase();
        let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let introduced = before.is_empty()
            || self.words.time_introducers.iter().any(|w| w == last_word)
            || before.ends_with([',', '-', '–', '@', '|']);
        if !introduced {
            return None;
        }
        let number = |i| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
        let (hour, minute) = (number(1)?, number(2)?);
        let offset = self.zone_offset(c, date)?;
        matched(whole, hour * 60 + minute, Some(offset), None)
    }
}

/// The capture groups a time pattern closes with: the offset zone word and
/// its offset ("UTC+2"), a zone abbreviation ("CET"), a regional zone
/// ("Geneva time").
const ZONE_GROUPS: usize = 4;

/// A time as written: local minutes, its zone's offset where written, and
/// p.m. when a.m. or p.m. is written.
type Local = (i32, Option<UtcOffset>, Option<bool>);

/// The time found at `range`, `minutes` after midnight, with the zone's
/// offset where written; and the same as written, for ranges.
fn matched(
    range: Range<usize>,
    minutes: i32,
    offset: Option<UtcOffset>,
    pm: Option<bool>,
) -> Option<(TimeMatch, Local)> {
    let time = TimeMatch {
        range,
        local: clock(minutes)?,
        offset,
    };
    Some((time, (minutes, offset, pm)))
}

/// "14:00–15:30 UTC", "3:00 to 4:00pm": the start of a range takes the zone,
/// and the p.m., written at its end; what stands between them is one of
/// `links` (`[time-range-links]`).
fn join_ranges(s: &str, out: &mut [TimeMatch], locals: &mut [Local], links: &[String]) {
    for i in 0..out.len().saturating_sub(1) {
        let between = s[out[i].range.end..out[i + 1].range.start].trim();
        if !links.iter().any(|l| l == between) {
            continue;
        }
        let (end, end_offset, end_pm) = locals[i + 1];
        let (start, offset, pm) = &mut locals[i];
        if pm.is_none() && end_pm == Some(true) && *start < 12 * 60 && *start + 12 * 60 <= end {
            *start += 12 * 60;
        }
        if offset.is_none() {
            *offset = end_offset;
        }
        if let Some(local) = clock(*start) {
            out[i].local = local;
        }
        out[i].offset = *offset;
    }
}

/// The alternation of `marks` ("a. m.") where each dot and each space may be
/// left out, as people write "a.m.", "am" and "a. m." alike.
fn loose(marks: &[String]) -> String {
    alternation_of(marks, |m| {
        regex::escape(m).replace(r"\.", r"\.?").replace(' ', r"\s?")
    })
}

/// `[months]` entries ("march = 3"): month names, folded, and numbers.
fn month_numbers(months: &[(String, String)]) -> Result<Vec<(String, u32)>, RuleError> {
    months
        .iter()
        .map(|(n, m)| {
            m.parse()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .map(|m| (fold(n), m))
                .ok_or_else(|| RuleError(format!("month '{n} = {m}': not a month number")))
        })
        .collect()
}

/// `[time-zones]` entries ("CEST = 120"): abbreviations, upper case, and
/// their offsets from UTC in minutes, within ±14:00.
fn zone_offsets(zones: &[(String, String)]) -> Result<Vec<(String, UtcOffset)>, RuleError> {
    zones
        .iter()
        .map(|(n, o)| {
            offset_entry(o)
                .map(|o| (n.to_uppercase(), o))
                .map_err(|e| RuleError(format!("time zone '{n} = {o}': {e}")))
        })
        .collect()
}

/// An offset in minutes as a lexicon entry writes it: a number within ±14:00.
fn offset_entry(minutes: &str) -> Result<UtcOffset, String> {
    let minutes: i32 = minutes.parse().map_err(|e| format!("{e}"))?;
    UtcOffset::try_from(minutes).map_err(|e| e.to_string())
}

/// A `[regional-time-zones]` entry ("geneva|bern = 60 europe"): the pattern
/// anchored, as written, its standard offset and its daylight-saving rule.
fn regional_zone(pattern: &str, value: &str) -> Result<(Regex, String, UtcOffset, Dst), RuleError> {
    let mut parts = value.split_whitespace();
    let offset = parts
        .next()
        .ok_or_else(|| "no offset in minutes".to_owned())
        .and_then(offset_entry)
        .map_err(|e| RuleError(format!("regional time zone '{pattern}': {e}")))?;
    let rule = match parts.next() {
        Some("europe") => Dst::Europe,
        Some("north-america") => Dst::NorthAmerica,
        Some("none") => Dst::None,
        other => {
            return Err(RuleError(format!(
                "regional time zone '{pattern}': daylight-saving rule {other:?} is none of europe, north-america, none"
            )))
        }
    };
    let anchored = Regex::new(&format!(r"(?i)^(?:{pattern})"))
        .map_err(|e| RuleError(format!("regional time zone pattern '{pattern}': {e}")))?;
    Ok((anchored, pattern.to_owned(), offset, rule))
}

/// Capture group `i` as a number; 0 when absent (no valid date has a 0).
fn group_number(c: &regex::Captures<'_>, i: usize) -> u32 {
    c.get(i)
        .and_then(|m| m.as_str().parse::<u32>().ok())
        .unwrap_or(0)
}

/// The UTC time of a local time in minutes at `offset` minutes from UTC.
fn utc(local: i32, offset: i32) -> Option<NaiveTime> {
    clock((local - offset).rem_euclid(24 * 60))
}

/// The time `minutes` after midnight, within one day.
fn clock(minutes: i32) -> Option<NaiveTime> {
    let m = u32::try_from(minutes).ok()?;
    NaiveTime::from_hms_opt(m / 60, m % 60, 0)
}

impl DateRules {
    /// The offset from UTC, in minutes, of the zone a time names in `c`: the
    /// groups of the zone abbreviations, then that of the regional zones, which
    /// are the last four groups of every time pattern. `None` when no zone is
    /// written.
    fn zone_offset(&self, c: &regex::Captures<'_>, date: Option<NaiveDate>) -> Option<UtcOffset> {
        let first = c.len().checked_sub(ZONE_GROUPS)?;
        if let Some(o) = c.get(first + 1) {
            return parse_offset(o.as_str());
        }
        if let Some(name) = c.get(first).or(c.get(first + 2)) {
            let name = name.as_str().to_ascii_uppercase();
            return Some(
                self.zones
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(UtcOffset::UTC, |(_, o)| *o),
            );
        }
        c.get(first + 3).and_then(|r| {
            let (standard, rule) = self.regional(r.as_str());
            let summer = if date.is_some_and(|d| summer_time(d, rule)) {
                60
            } else {
                0
            };
            UtcOffset::from_minutes(standard.minutes() + summer)
        })
    }
}

/// "+5:30", "-03", "+0100": the offset a time writes after "UTC" or "GMT";
/// none beyond ±14:00 or with 60 minutes or more ("UTC+25", "GMT+5:75"),
/// which no zone has.
fn parse_offset(o: &str) -> Option<UtcOffset> {
    let o: String = o.chars().filter(|c| !c.is_whitespace()).collect();
    let sign = if o.starts_with('-') { -1 } else { 1 };
    let digits: String = o.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        0..=2 => (digits.parse().unwrap_or(0), 0),
        3 => (
            digits[..1].parse().unwrap_or(0),
            digits[1..].parse().unwrap_or(0),
        ),
        _ => (
            digits[..2].parse().unwrap_or(0),
            digits[2..4].parse().unwrap_or(0),
        ),
    };
    if m >= 60 {
        return None;
    }
    UtcOffset::from_minutes(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    static RULES: LazyLock<DateRules> = LazyLock::new(|| crate::words::Lexicons::for_tests().dates);

    fn find_dates(s: &str) -> Vec<DateMatch> {
        RULES.find_dates(s)
    }

    fn find_dates_in(s: &str, month_first: bool) -> Vec<DateMatch> {
        RULES.find_dates_in(s, month_first)
    }

    fn find_times(s: &str) -> Vec<TimeMatch> {
        RULES.find_times(s)
    }

    fn find_times_on(s: &str, date: Option<NaiveDate>) -> Vec<TimeMatch> {
        RULES.find_times_on(s, date)
    }

    fn one(s: &str) -> Option<(Option<i32>, u32, u32)> {
        find_dates(s)
            .first()
            .map(|d| (d.date.year, d.date.month, d.date.day))
    }

    /// The first day of the range that holds the date `s` writes last, found
    /// with the month names of every language of the lexicon.
    fn range_first_day(s: &str) -> Option<(Option<i32>, u32, u32)> {
        let lex = crate::words::Lexicons::for_tests();
        let mut dates = find_dates(s);
        dates.extend(RULES.find_named_dates(s, &lex.month_names));
        let last = dates.into_iter().max_by_key(|d| d.range.start)?;
        let d = RULES.range_start(s, &last)?;
        Some((d.year, d.month, d.day))
    }

    #[test]
    fn a_range_of_days_joined_by_a_word_starts_on_its_first_day() {
        let first = range_first_day;
        assert_eq!(
            first("held from 28 to 30 May 1984"),
            Some((Some(1984), 5, 28))
        );
        assert_eq!(
            first("HELD FROM 14 TO 22 JUNE 1984"),
            Some((Some(1984), 6, 14))
        );
        assert_eq!(first("du 12 au 15 janvier 2016"), Some((Some(2016), 1, 12)));
        assert_eq!(first("24-25 June 2024"), Some((Some(2024), 6, 24)));
        // A day alone is no range.
        assert_eq!(first("held on 30 May 1984"), None);
    }

    #[test]
    fn a_month_in_capitals_without_its_accent_is_read() {
        let lex = crate::words::Lexicons::for_tests();
        let named = RULES.find_named_dates("SEANCE DU 13 FEVRIER 2016", &lex.month_names);
        assert_eq!(
            named
                .first()
                .map(|d| (d.date.year, d.date.month, d.date.day)),
            Some((Some(2016), 2, 13))
        );
        assert_eq!(
            RULES
                .find_named_dates("le 3 DÉCEMBRE 2015", &lex.month_names)
                .first()
                .map(|d| d.date.month),
            Some(12)
        );
    }

    #[test]
    fn a_day_with_a_period_before_a_month_shared_with_english_is_read() {
        let lex = crate::words::Lexicons::for_tests();
        let named =
            RULES.find_named_dates("Montag, 09. September 2019 , 18:00 Uhr", &lex.month_names);
        assert_eq!(
            named
                .first()
                .map(|d| (d.date.year, d.date.month, d.date.day)),
            Some((Some(2019), 9, 9))
        );
        // In lower case an English month name is a word: "3. may" is no date.
        assert!(RULES
            .find_named_dates("point 3. may be", &lex.month_names)
            .is_empty());
    }

    #[test]
    fn a_two_digit_year_is_read_only_where_the_day_and_month_are_unambiguous() {
        assert_eq!(
            one("Trustee Meeting -10/17/23 in person"),
            Some((Some(2023), 10, 17))
        );
        assert_eq!(one("held 17/10/98"), Some((Some(1998), 10, 17)));
        // Both numbers could be a month: no reading is sure.
        assert_eq!(one("held 10/11/23"), None);
        // Not a date's shape: a longer run of slashes or dots.
        assert_eq!(one("see 1/10/17/23"), None);
        assert_eq!(one("v 10.17.23"), None);
    }

    #[test]
    fn a_date_in_capitals_keeps_its_connectors() {
        let lex = crate::words::Lexicons::for_tests();
        let named = RULES.find_named_dates(
            "CELEBRADA EL DÍA 20 DE SEPTIEMBRE DE 2012",
            &lex.month_names,
        );
        assert_eq!(
            named
                .first()
                .map(|d| (d.date.year, d.date.month, d.date.day)),
            Some((Some(2012), 9, 20))
        );
    }

    #[test]
    fn written_dates() {
        assert_eq!(one("on 3rd March 2022 at"), Some((Some(2022), 3, 3)));
        assert_eq!(one("March 3, 2022"), Some((Some(2022), 3, 3)));
        assert_eq!(one("meeting IV, 2025/05/20"), Some((Some(2025), 5, 20)));
        let us = find_dates_in("Call 5 | 03/06/2025", true);
        assert_eq!(us.first().map(|d| (d.date.month, d.date.day)), Some((3, 6)));
        assert_eq!(one("Thursday, 17 October 2024"), Some((Some(2024), 10, 17)));
        assert_eq!(one("17.10.2024"), Some((Some(2024), 10, 17)));
        assert_eq!(one("2022-03-03"), Some((Some(2022), 3, 3)));
        assert_eq!(
            one("Wednesday, November 17th, 2021, at 1pm"),
            Some((Some(2021), 11, 17))
        );
        assert_eq!(one("the 26th of October, there was"), Some((None, 10, 26)));
        assert_eq!(one("held on 26 September 14:00 UTC"), Some((None, 9, 26)));
        assert_eq!(one("Next meeting: November 11th"), Some((None, 11, 11)));
        assert_eq!(one("3 March 14 UTC"), Some((None, 3, 3)));
        assert_eq!(one("we may meet"), None);
        assert_eq!(one("05/13/2023"), Some((Some(2023), 5, 13)));
        assert_eq!(one("minutes_2024_03_07.txt"), Some((Some(2024), 3, 7)));
        assert_eq!(one("board-20240307.pdf"), Some((Some(2024), 3, 7)));
        assert_eq!(one("call 12345678 ext"), None);
    }

    #[test]
    fn year_from_context() {
        let dec = NaiveDate::from_ymd_opt(2021, 12, 9);
        let jan = PartialDate {
            year: None,
            month: 1,
            day: 13,
        };
        assert_eq!(
            jan.in_context(dec, true),
            NaiveDate::from_ymd_opt(2022, 1, 13)
        );
    }

    fn utc(s: &str) -> Option<String> {
        find_times(s)
            .first()
            .and_then(TimeMatch::utc)
            .map(|t| t.format("%H:%M").to_string())
    }

    #[test]
    fn written_times() {
        assert_eq!(utc("at 1 p.m. UTC"), Some("13:00".into()));
        assert_eq!(utc("13h UTC"), Some("13:00".into()));
        assert_eq!(utc("19:00 UTC"), Some("19:00".into()));
        assert_eq!(utc("14:00 CET"), Some("13:00".into()));
        assert_eq!(utc("3 March 14 UTC"), Some("14:00".into()));
        assert_eq!(utc("at 1pm UTC"), Some("13:00".into()));
        assert_eq!(utc("15:30 UTC+2"), Some("13:30".into()));
        assert_eq!(utc("12 p.m. GMT"), Some("12:00".into()));
        assert_eq!(utc("in 2021 there were 16 nominations"), None);
        assert_eq!(utc("17.10.2024"), None);
        assert_eq!(utc("June 14, 2022, 14:00–15:30 UTC"), Some("14:00".into()));
        assert_eq!(utc("9:00 - 10:30 CET"), Some("08:00".into()));
        // A place's time follows daylight saving time on the meeting's date.
        let on = |s: &str, d: (i32, u32, u32)| {
            find_times_on(s, NaiveDate::from_ymd_opt(d.0, d.1, d.2))
                .first()
                .and_then(TimeMatch::utc)
                .map(|t| t.format("%H:%M").to_string())
        };
        assert_eq!(
            on("9:00-10:30 (Geneva time)", (2025, 3, 14)),
            Some("08:00".into())
        );
        assert_eq!(
            on("9:00-10:30 (Geneva time)", (2025, 3, 31)),
            Some("07:00".into())
        );
        assert_eq!(
            on("10 a.m. Eastern Time", (2025, 3, 5)),
            Some("15:00".into())
        );
        assert_eq!(
            on("10 a.m. Eastern Time", (2025, 3, 10)),
            Some("14:00".into())
        );
        assert_eq!(on("15:00 London time", (2025, 7, 1)), Some("14:00".into()));
        assert_eq!(
            utc("9:00 Geneva time"),
            Some("08:00".into()),
            "standard time without a date"
        );
        assert_eq!(
            on("2 p.m. Geneva (90 minutes)", (2025, 4, 9)),
            Some("12:00".into())
        );
        assert_eq!(utc("held on Tue 4 Feb at 1400 UTC"), Some("14:00".into()));
        assert_eq!(utc("in 2025 UTC"), None, "a year is no time");
        assert_eq!(utc("3:00 – 4:00pm (UTC+01:00)"), Some("14:00".into()));
        assert_eq!(utc("9:00 – 11:00am CET"), Some("08:00".into()));
        assert_eq!(
            on("13:00 (Brasília time)", (2025, 2, 11)),
            Some("16:00".into())
        );
        assert_eq!(on("09:00 US Eastern", (2025, 3, 6)), Some("14:00".into()));
    }

    #[test]
    fn a_bare_time_keeps_its_clock_and_no_zone() {
        let times = find_times("called to order at 7:00 p.m.");
        let t = times.first().expect("a time");
        assert_eq!(Some(t.local), NaiveTime::from_hms_opt(19, 0, 0));
        assert_eq!(t.offset, None);
        assert_eq!(t.utc(), None);
    }

    #[test]
    fn an_offset_beyond_fourteen_hours_or_sixty_minutes_is_no_zone() {
        let offset = |s: &str| find_times(s).first().map(|t| (t.offset, t.utc()));
        // Written as a zone, the time keeps its clock but its zone is unknown.
        assert_eq!(offset("at 10:00 UTC+25"), Some((None, None)));
        assert_eq!(offset("at 10:00 GMT+5:75"), Some((None, None)));
        assert_eq!(offset("at 10:00 UTC-14:30"), Some((None, None)));
        // The farthest zones are offsets still.
        assert_eq!(
            offset("at 10:00 UTC+14"),
            Some((
                UtcOffset::from_minutes(840),
                NaiveTime::from_hms_opt(20, 0, 0)
            ))
        );
        // Military time needs its zone: without a valid one it is no time.
        assert_eq!(utc("at 1400 UTC+1500"), None);
    }

    #[test]
    fn a_time_zone_entry_beyond_fourteen_hours_is_refused() {
        let zone = |value: &str| {
            let zones = [("XST".to_owned(), value.to_owned())];
            DateRules::new(&[], &zones, &[], DateWords::default()).map(|_| ())
        };
        assert!(zone("840").is_ok());
        assert!(zone("-9000").is_err());
        let regional = |value: &str| {
            let regions = [("atlantis".to_owned(), value.to_owned())];
            DateRules::new(&[], &[], &regions, DateWords::default()).map(|_| ())
        };
        assert!(regional("-600 none").is_ok());
        assert!(regional("900 europe").is_err());
        assert!(regional("").is_err());
    }

    #[test]
    fn a_range_and_an_ordinal_of_another_language_need_no_change_of_code() -> Result<(), RuleError>
    {
        let words = DateWords {
            ordinal_suffixes: vec!["er".to_owned()],
            time_range_links: vec!["bis".to_owned()],
            ..DateWords::default()
        };
        let rules = DateRules::new(
            &[("juin".to_owned(), "6".to_owned())],
            &[("CET".to_owned(), "60".to_owned())],
            &[("paris".to_owned(), "60 europe".to_owned())],
            words,
        )?;
        let s = "du 1er-3 juin 2024";
        let first = rules
            .find_dates(s)
            .first()
            .and_then(|d| rules.range_start(s, d));
        assert_eq!(
            first.map(|d| (d.year, d.month, d.day)),
            Some((Some(2024), 6, 1))
        );
        let times = rules.find_times("14:00 bis 15:30 CET");
        assert_eq!(
            times.first().and_then(TimeMatch::utc),
            NaiveTime::from_hms_opt(13, 0, 0)
        );
        // Without the link the first time keeps no zone.
        let times = rules.find_times("14:00 und 15:30 CET");
        assert_eq!(times.first().and_then(TimeMatch::utc), None);
        Ok(())
    }

    #[test]
    fn the_marks_of_an_hour_are_the_lexicon_s_words() -> Result<(), RuleError> {
        let words = DateWords {
            morning_marks: vec!["vorm.".to_owned()],
            evening_marks: vec!["nachm.".to_owned()],
            hour_marks: vec!["uhr".to_owned()],
            time_introducers: vec!["um".to_owned()],
            ..DateWords::default()
        };
        let rules = DateRules::new(
            &[],
            &[("CET".to_owned(), "60".to_owned())],
            &[("paris".to_owned(), "60 europe".to_owned())],
            words,
        )?;
        let local = |s: &str| {
            rules
                .find_times(s)
                .first()
                .map(|t| t.local.format("%H:%M").to_string())
        };
        assert_eq!(local("um 7 nachm."), Some("19:00".into()));
        assert_eq!(local("um 7 nachm"), Some("19:00".into()));
        assert_eq!(local("um 9 Vorm."), Some("09:00".into()));
        assert_eq!(
            local("um 14 Uhr"),
            None,
            "a mark after a space is no time alone"
        );
        assert_eq!(local("um 14Uhr30"), Some("14:30".into()));
        // The English marks are the lexicon's, not the code's.
        assert_eq!(local("at 7 p.m."), None);
        let utc = |s: &str| rules.find_times(s).first().and_then(TimeMatch::utc);
        assert_eq!(utc("um 1400 uhr CET"), NaiveTime::from_hms_opt(13, 0, 0));
        Ok(())
    }

    #[test]
    fn seconds_a_printed_year_and_a_needless_pm() {
        assert_eq!(
            utc("Meeting started by ab at 20:05:41 UTC"),
            Some("20:05".into())
        );
        assert_eq!(
            utc("Meeting started Wed Jun 17 18:58:58 2020 UTC."),
            Some("18:58".into())
        );
        assert_eq!(
            utc("on 6 September 2016 at 15:00 pm UTC"),
            Some("15:00".into())
        );
        assert_eq!(
            utc("at 08:15 am PT"),
            Some("16:15".into()),
            "standard time without a date"
        );
        assert_eq!(utc("9:00 a.m. (Central)"), Some("15:00".into()));
        assert_eq!(
            utc("9 heures et 10 minutes"),
            None,
            "French \"et\" is no zone"
        );
        assert_eq!(utc("de 9:00 et 10:00"), None);
    }
}
