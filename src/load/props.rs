//! Property tests for the CSV number parser (private to `load`, so tested
//! here rather than from `tests/`): any text is safe, and numbers written the
//! way Danish and English spreadsheets write them come back unchanged.

use proptest::prelude::*;

use super::table::{parse_number, Decimal};

/// Everything a number cell may contain besides digits.
const NUMBER_CHARS: &str = ".,-+ \u{a0}";

/// The three conventions, by number.
fn convention(n: u8) -> Decimal {
    match n {
        0 => Decimal::Point,
        1 => Decimal::Comma,
        _ => Decimal::Either,
    }
}

proptest! {
    #[test]
    fn any_text_is_a_finite_number_or_none(s in ".*", decimal in 0u8..3) {
        if let Some(v) = parse_number(&s, convention(decimal)) {
            prop_assert!(v.is_finite());
            prop_assert!(s.chars().all(|c| c.is_ascii_digit() || NUMBER_CHARS.contains(c)), "{s:?} gave {v}");
        }
    }

    #[test]
    fn number_like_text_never_panics(s in "[-+ 0-9.,\u{a0}]{0,24}", decimal in 0u8..3) {
        let _ = parse_number(&s, convention(decimal));
    }

    #[test]
    fn decimals_round_trip_in_both_conventions(v in -1e12f64..1e12) {
        let point = v.to_string();
        prop_assert_eq!(parse_number(&point, Decimal::Point), Some(v));
        prop_assert_eq!(parse_number(&point.replace('.', ","), Decimal::Comma), Some(v));
    }

    #[test]
    fn thousands_separators_are_understood(n in 0i64..1_000_000_000_000) {
        let danish = crate::format::integer(n);
        prop_assert_eq!(parse_number(&danish, Decimal::Comma), Some(n as f64), "{}", danish);
        prop_assert_eq!(parse_number(&danish.replace('.', ","), Decimal::Point), Some(n as f64));
        prop_assert_eq!(parse_number(&danish.replace('.', " "), Decimal::Point), Some(n as f64));
    }

    #[test]
    fn danish_report_numbers_read_back(v in -1e9f64..1e9) {
        // What the report itself shows, e.g. "-1.234,57", pasted back into a `;` file.
        let shown = crate::format::decimal(v, 2);
        let back = parse_number(&shown, Decimal::Comma).unwrap_or_else(|| panic!("{shown} unreadable"));
        prop_assert!((back - v).abs() <= 0.005 + 1e-6, "{} -> {}", shown, back);
    }
}
