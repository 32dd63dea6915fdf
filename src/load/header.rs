//! Header names: the tool's own column names and their Danish equivalents
//! (`Indikator`, `Kommune`, `Tæller` …), matched case-insensitively, and the
//! recognition of a title row standing above the real header.

use super::table::{Cell, Table};
use crate::diag::Pos;

/// Danish header names (lower case) and the field each stands for.
const DANISH: [(&str, &str); 16] = [
    ("indikator", "indicator"),
    ("kommune", "city"),
    ("periode", "period"),
    ("tæller", "numerator"),
    ("taeller", "numerator"),
    ("nævner", "denominator"),
    ("naevner", "denominator"),
    ("værdi", "value"),
    ("vaerdi", "value"),
    ("kilde", "source"),
    ("offentliggjort", "published"),
    ("gruppe", "group"),
    ("forrige", "previous"),
    ("note", "note"),
    ("flag", "flag"),
    ("n", "n"),
];

/// The field a header cell names: one of [`super::values::COLUMNS`] in any
/// case, or its Danish name.
pub fn canonical(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    super::values::COLUMNS
        .iter()
        .copied()
        .find(|c| *c == lower)
        .or_else(|| DANISH.iter().find(|(da, _)| *da == lower).map(|(_, f)| *f))
}

/// When the header does not name the required columns but a later row does,
/// the header is most likely a title (or notes) above the real header: the
/// position of that row, for a message that says so.
pub fn title_above(table: &Table) -> Option<Pos> {
    let names_fields = |row: &[Cell]| {
        let fields: Vec<&str> = row.iter().filter_map(|c| canonical(&c.text)).collect();
        ["indicator", "city", "period"]
            .iter()
            .filter(|f| fields.contains(f))
            .count()
            >= 2
    };
    if names_fields(&table.header) {
        return None;
    }
    table
        .rows
        .iter()
        .take(20)
        .find(|r| names_fields(r))
        .and_then(|r| r.first())
        .map(|c| c.pos.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_english_names_any_case() {
        assert_eq!(canonical("Indikator"), Some("indicator"));
        assert_eq!(canonical("KOMMUNE"), Some("city"));
        assert_eq!(canonical("Tæller"), Some("numerator"));
        assert_eq!(canonical("TÆLLER"), Some("numerator"));
        assert_eq!(canonical("Nævner"), Some("denominator"));
        assert_eq!(canonical("Værdi"), Some("value"));
        assert_eq!(canonical("Offentliggjort"), Some("published"));
        assert_eq!(canonical("City"), Some("city"));
        assert_eq!(canonical(" period "), Some("period"));
        assert_eq!(canonical("by"), None);
    }
}
