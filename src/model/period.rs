//! Reporting periods (year, half-year, quarter, month) and calendar dates.
//!
//! Periods are parsed from the project's own codes (`2014`, `2018-Q4`, `2019-03`,
//! `2018-H1`) and from Statistikbanken's (`2018K4`, `2019M03`, `2018H1`), are totally
//! ordered, and are shown the Danish way ("4. kv. 2018", "marts 2019").

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// One reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Half(i32, u8),
    Quarter(i32, u8),
    Month(i32, u8),
}

/// How long a period is; series of one indicator are drawn per granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Year,
    Half,
    Quarter,
    Month,
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Half(y, _) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    pub fn granularity(self) -> Granularity {
        match self {
            Period::Year(_) => Granularity::Year,
            Period::Half(..) => Granularity::Half,
            Period::Quarter(..) => Granularity::Quarter,
            Period::Month(..) => Granularity::Month,
        }
    }

    /// First month (1-12) the period covers.
    fn first_month(self) -> u8 {
        match self {
            Period::Year(_) => 1,
            Period::Half(_, h) => (h - 1) * 6 + 1,
            Period::Quarter(_, q) => (q - 1) * 3 + 1,
            Period::Month(_, m) => m,
        }
    }

    /// Month index (year * 12 + month - 1) of the first month; used for spacing.
    fn month_index(self) -> i64 {
        i64::from(self.year()) * 12 + i64::from(self.first_month()) - 1
    }

    /// The next period of the same granularity.
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Half(y, 2) => Period::Half(y + 1, 1),
            Period::Half(y, h) => Period::Half(y, h + 1),
            Period::Quarter(y, 4) => Period::Quarter(y + 1, 1),
            Period::Quarter(y, q) => Period::Quarter(y, q + 1),
            Period::Month(y, 12) => Period::Month(y + 1, 1),
            Period::Month(y, m) => Period::Month(y, m + 1),
        }
    }

    /// How many periods of this granularity lie from `self` to `later`
    /// (negative when `later` is earlier). Only meaningful for equal granularity.
    pub fn steps_to(self, later: Period) -> i64 {
        (later.month_index() - self.month_index()) / self.months()
    }

    /// The period's midpoint in months since year 0, to place periods of any
    /// granularity on one time axis (targets' trajectories).
    pub fn midpoint(self) -> f64 {
        self.month_index() as f64 + self.months() as f64 / 2.0
    }

    fn months(self) -> i64 {
        match self.granularity() {
            Granularity::Year => 12,
            Granularity::Half => 6,
            Granularity::Quarter => 3,
            Granularity::Month => 1,
        }
    }

    /// Whether `self` lies within `outer` (a year contains its quarters, …).
    pub fn within(self, outer: Period) -> bool {
        let end = |p: Period| p.month_index() + p.months();
        self.month_index() >= outer.month_index() && end(self) <= end(outer)
    }

    /// Danish display: "2014", "1. halvår 2018", "4. kv. 2018", "marts 2019".
    pub fn label_da(self) -> String {
        match self {
            Period::Year(y) => y.to_string(),
            Period::Half(y, h) => format!("{h}. halvår {y}"),
            Period::Quarter(y, q) => format!("{q}. kv. {y}"),
            Period::Month(y, m) => format!("{} {y}", crate::format::month_name(u32::from(m))),
        }
    }

    /// The canonical code used in files and URLs: "2014", "2018-Q4", "2019-03", "2018-H1".
    pub fn code(self) -> String {
        self.to_string()
    }
}

/// Danish display of a range: "2. kv. 2018 – 1. kv. 2019".
pub fn range_da(from: Period, to: Period) -> String {
    if from == to {
        from.label_da()
    } else {
        format!("{} – {}", from.label_da(), to.label_da())
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.month_index(), self.granularity()).cmp(&(other.month_index(), other.granularity()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}-H{h}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Why a period code was rejected.
pub const PERIOD_EXPECTED: &str =
    "expected a period such as `2014`, `2018-Q4` (or `2018K4`), `2019-03` (or `2019M03`) or `2018-H1`";

impl FromStr for Period {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid period `{s}`: {PERIOD_EXPECTED}");
        let t = s.trim();
        if t.len() < 4 || !t.is_char_boundary(4) {
            return Err(bad());
        }
        let (y, rest) = t.split_at(4);
        if !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&year) {
            return Err(format!(
                "period `{s}` has an implausible year (expected 1900-2200)"
            ));
        }
        if rest.is_empty() {
            return Ok(Period::Year(year));
        }
        let rest = match rest.strip_prefix('-') {
            Some("") => return Err(bad()),
            Some(r) => r,
            None => rest,
        };
        if rest.is_empty() {
            return Err(bad());
        }
        let (kind, num) = match rest.as_bytes()[0] {
            b'Q' | b'q' | b'K' | b'k' => ('Q', &rest[1..]),
            b'H' | b'h' => ('H', &rest[1..]),
            b'M' | b'm' => ('M', &rest[1..]),
            b'0'..=b'9' if t.as_bytes()[4] == b'-' => ('M', rest),
            _ => return Err(bad()),
        };
        if num.is_empty() || num.len() > 2 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let n: u8 = num.parse().map_err(|_| bad())?;
        match kind {
            'Q' if (1..=4).contains(&n) && num.len() == 1 => Ok(Period::Quarter(year, n)),
            'H' if (1..=2).contains(&n) && num.len() == 1 => Ok(Period::Half(year, n)),
            'M' if (1..=12).contains(&n) && num.len() == 2 => Ok(Period::Month(year, n)),
            _ => Err(bad()),
        }
    }
}

/// A calendar date (for seminar dates, embargo and release dates). No time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// "5. maj 2015".
    pub fn label_da(self) -> String {
        crate::format::date_da(self.year, u32::from(self.month), u32::from(self.day))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid date `{s}`: expected YYYY-MM-DD");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let date = Date {
            year: y.parse().map_err(|_| bad())?,
            month: m.parse().map_err(|_| bad())?,
            day: d.parse().map_err(|_| bad())?,
        };
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0) => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if date.day == 0 || date.day > days {
            return Err(bad());
        }
        Ok(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_project_and_statistikbanken_codes() {
        assert_eq!(p("2014"), Period::Year(2014));
        assert_eq!(p("2018-Q4"), Period::Quarter(2018, 4));
        assert_eq!(p("2018K4"), Period::Quarter(2018, 4));
        assert_eq!(p("2018Q4"), Period::Quarter(2018, 4));
        assert_eq!(p("2019-03"), Period::Month(2019, 3));
        assert_eq!(p("2019M03"), Period::Month(2019, 3));
        assert_eq!(p("2018H1"), Period::Half(2018, 1));
        assert_eq!(p("2018-H2"), Period::Half(2018, 2));
        for bad in [
            "", "14", "2018-Q5", "2018K0", "2019-13", "2019-3", "2019M3", "abcd", "2018-", "20a8",
            "2018-Q12", "99999", "2019-03x", "ø018",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in ["2014", "2018-Q4", "2019-03", "2018-H1"] {
            assert_eq!(p(s).code(), s);
        }
    }

    #[test]
    fn orders_by_time_then_granularity() {
        let mut v = [
            p("2019-Q1"),
            p("2018"),
            p("2018-Q4"),
            p("2018-02"),
            p("2018-Q1"),
            p("2017"),
        ];
        v.sort();
        let codes: Vec<String> = v.iter().map(|x| x.code()).collect();
        assert_eq!(
            codes,
            ["2017", "2018", "2018-Q1", "2018-02", "2018-Q4", "2019-Q1"]
        );
    }

    #[test]
    fn danish_labels() {
        assert_eq!(p("2014").label_da(), "2014");
        assert_eq!(p("2018-Q4").label_da(), "4. kv. 2018");
        assert_eq!(p("2019-03").label_da(), "marts 2019");
        assert_eq!(p("2018-H1").label_da(), "1. halvår 2018");
        assert_eq!(
            range_da(p("2018-Q2"), p("2019-Q1")),
            "2. kv. 2018 – 1. kv. 2019"
        );
    }

    #[test]
    fn steps_and_next() {
        assert_eq!(p("2013").steps_to(p("2020")), 7);
        assert_eq!(p("2018-Q3").steps_to(p("2019-Q2")), 3);
        assert_eq!(p("2018-Q4").next(), p("2019-Q1"));
        assert_eq!(p("2019-12").next(), p("2020-01"));
        assert!(p("2018-Q2").within(p("2018")));
        assert!(!p("2018").within(p("2018-Q2")));
    }

    #[test]
    fn dates() {
        assert_eq!(
            "2015-05-05".parse::<Date>().unwrap().to_string(),
            "2015-05-05"
        );
        assert!("2015-02-29".parse::<Date>().is_err());
        assert!("2016-02-29".parse::<Date>().is_ok());
        assert!("2015-5-5".parse::<Date>().is_err());
    }
}
