//! Figures in words, the Danish way: a value with its unit ("8,2 pct.",
//! "1 person"), a table cell or its missing-value marker, a target, the
//! footnotes for flags and missing values, and what an aggregate short of
//! some cities lacks. Every page, chart and commentary writes numbers
//! through here, so they read the same everywhere.

use crate::compute::{Cell, Figure, Missing};
use crate::format;
use crate::model::{Catalog, Flag, Indicator, Measure};

/// A shown value without unit words: "8,2 pct.", "4.000", "2,5 pr. 1.000".
pub fn value_text(ind: &Indicator, v: f64) -> String {
    // A figure above 0 that one decimal would show as 0,0 ("0,0 pct." for
    // 1 in 100.000) is shown as below the smallest step instead, and a share
    // short of 100 that would round to 100,0 as above the largest.
    let tiny = v > 0.0 && format::decimal(v, 1) == "0,0";
    match ind.measure {
        Measure::Share if tiny => "under 0,1 pct.".to_owned(),
        Measure::Share if v < 100.0 && format::decimal(v, 1) == "100,0" => {
            "over 99,9 pct.".to_owned()
        }
        Measure::Share => format::pct(v, 1),
        Measure::Count => format::decimal(v, 0),
        Measure::Rate => {
            let shown = if tiny {
                "under 0,1".to_owned()
            } else {
                format::decimal(v, 1)
            };
            let per = format::integer(i64::from(ind.per.unwrap_or(1)));
            format!("{shown} pr. {per}")
        }
        Measure::Mean => format::decimal(v, if v.fract() == 0.0 { 0 } else { 1 }),
    }
}

/// A value as prose: with the indicator's unit for counts and means.
pub fn value_prose(ind: &Indicator, v: f64) -> String {
    match (&ind.unit, ind.measure) {
        (Some(unit), Measure::Count | Measure::Mean) => {
            let unit = if v == 1.0 { singular(unit) } else { unit };
            format!("{} {unit}", value_text(ind, v))
        }
        _ => value_text(ind, v),
    }
}

/// "1 person", not "1 personer": the singular of the common plural units
/// (others are left as they are, e.g. "dødsfald").
fn singular(unit: &str) -> &str {
    const PLURALS: &[(&str, &str)] = &[
        ("personer", "person"),
        ("borgere", "borger"),
        ("børn", "barn"),
        ("unge", "ung"),
        ("sager", "sag"),
        ("anbringelser", "anbringelse"),
        ("pladser", "plads"),
        ("ydelser", "ydelse"),
    ];
    PLURALS
        .iter()
        .find(|(plural, _)| *plural == unit)
        .map_or(unit, |(_, one)| one)
}

/// A figure's confidence interval as text, "7,1–9,4" (counts without decimals).
pub fn interval_text(ind: &Indicator, f: &Figure) -> Option<String> {
    let d = if ind.measure == Measure::Share { 1 } else { 0 };
    f.ci.map(|i| format::interval(i.lo, i.hi, d))
}

/// A table cell's text: the value or the missing-value marker.
pub fn cell_text(ind: &Indicator, cell: &Cell) -> String {
    match cell {
        Cell::Value(f) => value_text(ind, f.value),
        Cell::Missing(m) => m.marker().to_owned(),
    }
}

/// "højst" for lower-is-better, "mindst" otherwise.
pub fn bound_word(ind: &Indicator) -> &'static str {
    match ind.direction {
        crate::model::Direction::Lower => "højst",
        crate::model::Direction::Higher => "mindst",
    }
}

/// "Mål 2020: højst 9,0 pct.; fald på mindst 25 pct. fra 2013".
pub fn target_text(ind: &Indicator) -> Option<String> {
    let t = ind.target.as_ref()?;
    let mut parts = Vec::new();
    if let Some(level) = t.level {
        let scope = if ind.measure == Measure::Count {
            " i hele landet"
        } else {
            ""
        };
        parts.push(format!(
            "{} {}{scope}",
            bound_word(ind),
            value_prose(ind, level)
        ));
    }
    if let (Some(change), Some(b)) = (t.change, t.baseline) {
        let word = if change < 0.0 { "fald" } else { "stigning" };
        parts.push(format!(
            "{word} på mindst {} pct. fra {}",
            format::decimal(change.abs(), 0),
            b.label_da()
        ));
    }
    Some(format!(
        "Mål {}: {}",
        t.deadline.label_da(),
        parts.join("; ")
    ))
}

pub fn flag_note(flag: Flag) -> String {
    match flag {
        Flag::Provisional => "Foreløbigt tal; kan blive revideret.".into(),
        Flag::Break => {
            "Databrud: tallet kan ikke sammenlignes direkte med tidligere perioder.".into()
        }
        Flag::Partial => {
            "Ufuldstændig dækning: ikke alle kvartaler eller ydelser er indberettet.".into()
        }
    }
}

pub fn missing_note(m: Missing, min_cell: u64) -> String {
    match m {
        Missing::NotReported => "–: ikke indberettet.".into(),
        Missing::NotApplicable => ".: kan ikke opgøres (fx nævner 0).".into(),
        Missing::Suppressed => format!("dis.: Tallet er diskretioneret: færre end {min_cell} personer, eller nødvendigt for at beskytte et andet lille tal."),
    }
}

/// Whether an aggregate lacks some of its cities (a partial figure).
pub fn is_partial(f: &Figure) -> bool {
    !f.missing_cities.is_empty()
}

/// The names of the cities an aggregate lacks: "Odense og Randers".
pub fn missing_names(catalog: &Catalog, f: &Figure) -> String {
    let names: Vec<&str> = f
        .missing_cities
        .iter()
        .map(|c| catalog.cities[*c].name.as_str())
        .collect();
    crate::format::list_da(&names)
}

/// The ids of the cities an aggregate lacks, space-separated (the `partial`
/// column of the CSV files; empty for a complete figure).
pub fn partial_ids(catalog: &Catalog, f: &Figure) -> String {
    let ids: Vec<&str> = f
        .missing_cities
        .iter()
        .map(|c| catalog.cities[*c].id.as_str())
        .collect();
    ids.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    #[test]
    fn one_person_is_a_person() {
        let mut ind = Indicator::bare(Measure::Count, Direction::Lower);
        ind.unit = Some("personer".into());
        assert_eq!(value_prose(&ind, 1.0), "1 person");
        assert_eq!(value_prose(&ind, 2.0), "2 personer");
        assert_eq!(value_prose(&ind, 0.0), "0 personer");
        ind.unit = Some("dødsfald".into());
        assert_eq!(value_prose(&ind, 1.0), "1 dødsfald");
    }

    #[test]
    fn a_tiny_share_is_not_shown_as_zero() {
        let ind = Indicator::bare(Measure::Share, Direction::Lower);
        assert_eq!(value_text(&ind, 0.001), "under 0,1 pct.");
        assert_eq!(value_text(&ind, 0.0), "0,0 pct.");
        assert_eq!(value_text(&ind, 0.05), "0,1 pct.");
        assert_eq!(value_text(&ind, 99.999), "over 99,9 pct.");
        assert_eq!(value_text(&ind, 99.94), "99,9 pct.");
        assert_eq!(value_text(&ind, 100.0), "100,0 pct.");
        let mut rate = Indicator::bare(Measure::Rate, Direction::Lower);
        rate.per = Some(1000);
        assert_eq!(value_text(&rate, 0.01), "under 0,1 pr. 1.000");
        assert_eq!(value_text(&rate, 2.5), "2,5 pr. 1.000");
    }
}
