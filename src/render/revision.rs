//! Revised figures in tables: the footnote that gives a figure's first
//! published value (the `previous` column), worded from the report's date so
//! a committee sees what was "revideret siden sidste seminar".

use super::prose::value_prose;
use crate::model::{Date, Indicator};

/// A seminar's date and the date of the seminar before it, so a revised
/// figure can say whether it was revised since the last seminar.
#[derive(Debug, Clone, Copy)]
pub struct SeminarDates {
    pub date: Date,
    pub previous: Option<Date>,
}

/// "Revideret siden sidste seminar (9. juni 2021): først offentliggjort som
/// 265 dødsfald." Seen from a seminar, a revision came after it, since the
/// seminar before it, or earlier; elsewhere it is simply dated.
pub fn revision_note(
    ind: &Indicator,
    previous: f64,
    revised: Date,
    seminar: Option<SeminarDates>,
) -> String {
    let on = revised.label_da();
    let when = match seminar {
        Some(s) if revised > s.date => format!("Revideret efter seminaret ({on})"),
        Some(s) if s.previous.is_some_and(|p| revised > p) => {
            format!("Revideret siden sidste seminar ({on})")
        }
        _ => format!("Revideret {on}"),
    };
    format!(
        "{when}: først offentliggjort som {}.",
        value_prose(ind, previous)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Measure};

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn deaths() -> Indicator {
        Indicator {
            unit: Some("dødsfald".into()),
            ..Indicator::bare(Measure::Count, Direction::Lower)
        }
    }

    fn note(seminar: Option<(&str, Option<&str>)>) -> String {
        let seminar = seminar.map(|(d, p)| SeminarDates {
            date: date(d),
            previous: p.map(date),
        });
        revision_note(&deaths(), 265.0, date("2021-06-09"), seminar)
    }

    #[test]
    fn worded_from_the_seminar() {
        let first = ": først offentliggjort som 265 dødsfald.";
        let since = "Revideret siden sidste seminar (9. juni 2021)";
        assert_eq!(
            note(Some(("2021-09-30", Some("2019-05-09")))),
            format!("{since}{first}")
        );
        assert_eq!(
            note(Some(("2021-06-09", Some("2021-06-08")))),
            format!("{since}{first}")
        );
        // Revised before the last seminar: no longer news, but still dated.
        assert_eq!(
            note(Some(("2023-05-01", Some("2022-05-01")))),
            format!("Revideret 9. juni 2021{first}")
        );
        // The first seminar has no last one.
        assert_eq!(
            note(Some(("2021-09-30", None))),
            format!("Revideret 9. juni 2021{first}")
        );
        assert_eq!(
            note(Some(("2020-11-01", Some("2019-05-09")))),
            format!("Revideret efter seminaret (9. juni 2021){first}")
        );
        assert_eq!(note(None), format!("Revideret 9. juni 2021{first}"));
    }
}
