//! Danish number and date formatting.
//!
//! This module owns every user-visible rendering of numbers and dates, so
//! that all outputs (terminal, HTML, Markdown) agree on separators, rounding
//! and signs. Danish conventions: `.` as thousands separator, `,` as decimal
//! comma. The `plain` function is the single exception: it produces the
//! machine form used in CSV and JSON.

/// Shown instead of a number when the value is NaN or infinite.
const MISSING: &str = "–";

/// Danish month names, lower case as Danish orthography requires.
const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];

/// A number rounded to a fixed number of decimals, split into its parts.
///
/// Rounding once here and rendering from the parts guarantees that the sign
/// decision ("is it zero after rounding?") and the digits always agree.
struct Rounded {
    negative: bool,
    int_digits: String,
    frac_digits: String,
}

impl Rounded {
    fn is_zero(&self) -> bool {
        self.int_digits.bytes().all(|b| b == b'0') && self.frac_digits.bytes().all(|b| b == b'0')
    }
}

/// Rounds half away from zero on the *decimal* representation.
///
/// Binary floating point stores e.g. 8.25 exactly but 1.005 as
/// 1.00499999..., so a tiny nudge away from zero makes the visible result
/// match what a reader computing by hand expects. Returns `None` for NaN or
/// infinity.
fn round_parts(x: f64, decimals: usize) -> Option<Rounded> {
    if !x.is_finite() {
        return None;
    }
    // Beyond ~300 decimals f64 scaling overflows; no report needs that many.
    let decimals = decimals.min(300);
    let scaled = x.abs() * 10f64.powi(decimals as i32);
    if !scaled.is_finite() {
        return None;
    }
    let rounded = (scaled + 1e-9).round();
    // An integer type prints fast; beyond it `{:.0}` prints the exact integer
    // digits of an integral f64 without overflowing.
    let mut digits = if rounded < 1e18 {
        (rounded as u64).to_string()
    } else {
        format!("{rounded:.0}")
    };
    if digits.len() < decimals + 1 {
        digits = format!("{}{digits}", "0".repeat(decimals + 1 - digits.len()));
    }
    let split = digits.len() - decimals;
    let rounded = Rounded {
        negative: x < 0.0,
        int_digits: digits[..split].to_string(),
        frac_digits: digits[split..].to_string(),
    };
    Some(Rounded {
        // A value that rounds to zero must never be shown as "-0,0".
        negative: rounded.negative && !rounded.is_zero(),
        ..rounded
    })
}

/// Inserts `.` between groups of three digits, counted from the right.
fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Renders rounded parts in Danish form, optionally with an explicit `+`.
fn render_da(r: &Rounded, explicit_plus: bool) -> String {
    let sign = if r.negative {
        "-"
    } else if explicit_plus && !r.is_zero() {
        "+"
    } else {
        ""
    };
    let int = group_thousands(&r.int_digits);
    if r.frac_digits.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int},{}", r.frac_digits)
    }
}

/// Formats `x` with `decimals` decimals in Danish form, e.g. `1.234,5`.
///
/// Rounds half away from zero; never returns a negative zero. NaN and
/// infinity become `–`.
pub fn decimal(x: f64, decimals: usize) -> String {
    match round_parts(x, decimals) {
        Some(r) => render_da(&r, false),
        None => MISSING.to_string(),
    }
}

/// Formats an integer with Danish thousands separators, e.g. `-1.234`.
pub fn integer(x: i64) -> String {
    // `unsigned_abs` avoids overflow for `i64::MIN`.
    let grouped = group_thousands(&x.unsigned_abs().to_string());
    if x < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Formats a value that is already in percent, e.g. `8,2 pct.`.
pub fn pct(x: f64, decimals: usize) -> String {
    with_unit(decimal(x, decimals), "pct.")
}

/// Formats a value with an explicit sign, e.g. `+1,3` or `-1,3`.
///
/// A value that rounds to zero is shown without sign (`0,0`).
pub fn signed(x: f64, decimals: usize) -> String {
    match round_parts(x, decimals) {
        Some(r) => render_da(&r, true),
        None => MISSING.to_string(),
    }
}

/// Formats a difference between two shares, e.g. `-1,3 procentpoint`.
pub fn pp(x: f64, decimals: usize) -> String {
    with_unit(signed(x, decimals), "procentpoint")
}

/// Formats a relative change in percent with sign, e.g. `-25,0 pct.`.
pub fn signed_pct(x: f64, decimals: usize) -> String {
    with_unit(signed(x, decimals), "pct.")
}

/// Formats a confidence interval with an en dash, e.g. `7,1–9,4`.
pub fn interval(lo: f64, hi: f64, decimals: usize) -> String {
    format!("{}–{}", decimal(lo, decimals), decimal(hi, decimals))
}

/// Formats `x` for machine consumption (CSV/JSON): decimal point, no
/// thousands separator, trailing zeros trimmed, e.g. `8.2`, `4000`.
///
/// Uses the same rounding as [`decimal`] so files and reports agree. NaN and
/// infinity give an empty string, which CSV readers treat as missing.
pub fn plain(x: f64, decimals: usize) -> String {
    let Some(r) = round_parts(x, decimals) else {
        return String::new();
    };
    let sign = if r.negative { "-" } else { "" };
    let frac = r.frac_digits.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", r.int_digits)
    } else {
        format!("{sign}{}.{frac}", r.int_digits)
    }
}

/// Formats a date in Danish long form, e.g. `5. maj 2015`.
pub fn date_da(year: i32, month: u32, day: u32) -> String {
    format!("{day}. {} {year}", month_name(month))
}

/// Returns the lower-case Danish name of `month` (1–12).
///
/// An out-of-range month gives `?` rather than a panic, since a malformed
/// date in input data should not abort a whole report.
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// Appends a unit, but leaves the missing-value marker bare ("–", not "– pct.").
fn with_unit(number: String, unit: &str) -> String {
    if number == MISSING {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// Danish genitive of a name: "Odenses", "Aarhus'", "Esbjergs".
pub fn genitive(name: &str) -> String {
    if name.ends_with(['s', 'x', 'z']) {
        format!("{name}'")
    } else {
        format!("{name}s")
    }
}

/// A Danish list: "Odense", "Odense og Randers", "Aarhus, Odense og Randers".
pub fn list_da(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_lists() {
        assert_eq!(list_da(&[]), "");
        assert_eq!(list_da(&["Odense"]), "Odense");
        assert_eq!(
            list_da(&["Aarhus", "Odense", "Randers"]),
            "Aarhus, Odense og Randers"
        );
    }

    #[test]
    fn decimal_basic() {
        assert_eq!(decimal(1234.5, 1), "1.234,5");
        assert_eq!(decimal(4000.0, 0), "4.000");
        assert_eq!(decimal(8.2, 1), "8,2");
        assert_eq!(decimal(0.0, 2), "0,00");
        assert_eq!(decimal(12.0, 0), "12");
        assert_eq!(decimal(0.5, 3), "0,500");
    }

    #[test]
    fn decimal_negative_zero_has_no_sign() {
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(-0.0, 0), "0");
        assert_eq!(decimal(-0.4, 0), "0");
    }

    #[test]
    fn decimal_negative_with_thousands() {
        assert_eq!(decimal(-1234.56, 1), "-1.234,6");
        assert_eq!(decimal(-1234567.0, 0), "-1.234.567");
        assert_eq!(decimal(-999.0, 0), "-999");
    }

    #[test]
    fn decimal_rounds_half_away_from_zero() {
        assert_eq!(decimal(8.25, 1), "8,3");
        assert_eq!(decimal(-8.25, 1), "-8,3");
        assert_eq!(decimal(0.05, 1), "0,1");
        assert_eq!(decimal(2.5, 0), "3");
        assert_eq!(decimal(999.95, 1), "1.000,0");
        assert_eq!(decimal(999.5, 0), "1.000");
    }

    #[test]
    fn decimal_binary_artefacts_do_not_panic() {
        let s = decimal(1.005, 2);
        assert!(s == "1,01" || s == "1,00", "{s}");
        assert_eq!(decimal(0.1 + 0.2, 1), "0,3");
    }

    #[test]
    fn decimal_large_numbers() {
        assert_eq!(decimal(1e12, 0), "1.000.000.000.000");
        assert_eq!(decimal(123456789.125, 2), "123.456.789,13");
        assert!(decimal(1e300, 2).starts_with("1.000"));
        assert!(decimal(f64::MAX, 0).len() > 300);
    }

    #[test]
    fn decimal_not_finite() {
        assert_eq!(decimal(f64::NAN, 1), "–");
        assert_eq!(decimal(f64::INFINITY, 1), "–");
        assert_eq!(decimal(f64::NEG_INFINITY, 0), "–");
    }

    #[test]
    fn integer_cases() {
        assert_eq!(integer(4000), "4.000");
        assert_eq!(integer(-1234), "-1.234");
        assert_eq!(integer(12), "12");
        assert_eq!(integer(0), "0");
        assert_eq!(integer(100), "100");
        assert_eq!(integer(1_000_000), "1.000.000");
        assert_eq!(integer(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn pct_cases() {
        assert_eq!(pct(8.2, 1), "8,2 pct.");
        assert_eq!(pct(-0.01, 1), "0,0 pct.");
        assert_eq!(pct(f64::NAN, 1), "–");
    }

    #[test]
    fn signed_cases() {
        assert_eq!(signed(1.3, 1), "+1,3");
        assert_eq!(signed(-1.3, 1), "-1,3");
        assert_eq!(signed(0.0, 1), "0,0");
        assert_eq!(signed(0.04, 1), "0,0");
        assert_eq!(signed(-0.04, 1), "0,0");
        assert_eq!(signed(1234.0, 0), "+1.234");
        assert_eq!(signed(f64::NAN, 1), "–");
    }

    #[test]
    fn pp_cases() {
        assert_eq!(pp(-1.3, 1), "-1,3 procentpoint");
        assert_eq!(pp(0.4, 1), "+0,4 procentpoint");
        assert_eq!(pp(0.0, 1), "0,0 procentpoint");
    }

    #[test]
    fn signed_pct_cases() {
        assert_eq!(signed_pct(-25.0, 1), "-25,0 pct.");
        assert_eq!(signed_pct(12.34, 1), "+12,3 pct.");
        assert_eq!(signed_pct(f64::INFINITY, 1), "–");
    }

    #[test]
    fn interval_cases() {
        assert_eq!(interval(7.1, 9.4, 1), "7,1–9,4");
        assert_eq!(interval(-0.01, 1234.0, 1), "0,0–1.234,0");
        assert_eq!(interval(f64::NAN, 2.0, 0), "––2");
    }

    #[test]
    fn plain_cases() {
        assert_eq!(plain(8.2, 1), "8.2");
        assert_eq!(plain(4000.0, 1), "4000");
        assert_eq!(plain(0.5, 2), "0.5");
        assert_eq!(plain(-0.04, 1), "0");
        assert_eq!(plain(-1234.56, 1), "-1234.6");
        assert_eq!(plain(8.25, 1), "8.3");
        assert_eq!(plain(0.0, 0), "0");
        assert_eq!(plain(f64::NAN, 1), "");
    }

    #[test]
    fn dates() {
        assert_eq!(date_da(2015, 5, 5), "5. maj 2015");
        assert_eq!(date_da(2024, 12, 31), "31. december 2024");
        assert_eq!(date_da(2020, 1, 1), "1. januar 2020");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1), "januar");
        assert_eq!(month_name(3), "marts");
        assert_eq!(month_name(12), "december");
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
    }
}
