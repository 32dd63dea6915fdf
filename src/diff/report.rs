//! A [`Diff`] as text for people (Danish words and numbers) or as CSV for
//! tools (one line per changed field, machine numbers).

use super::{Change, Datum, Diff, Entry, Field, Kind};
use crate::format;
use crate::model::Flag;

/// The CSV header of [`Diff::csv`].
pub const CSV_HEADER: &str = "change,indicator,city,period,group,field,old,new";

impl Diff {
    /// One line per indicator or city in one edition only, then one per
    /// changed observation: "revideret narkorelaterede-doedsfald national
    /// 2019: værdi 265 → 268, flag foreløbig → –".
    pub fn text(&self) -> String {
        let mut out = String::new();
        for c in &self.catalog {
            let what = match c.entry {
                Entry::Indicator => "indikator",
                Entry::City => "by",
            };
            out.push_str(&format!("{:<9} {what} {}\n", kind_da(c.kind), c.id));
        }
        for c in &self.changes {
            out.push_str(&format!(
                "{:<9} {}: {}\n",
                kind_da(c.kind),
                place(c),
                fields_da(c)
            ));
        }
        out
    }

    /// `change,indicator,city,period,group,field,old,new`: an indicator or
    /// city in one edition only is `indicator-added`, `city-removed` and so
    /// on, with its id; an observation gives one line per field that differs.
    pub fn csv(&self) -> String {
        let mut out = format!("{CSV_HEADER}\n");
        for c in &self.catalog {
            let (entry, ind, city) = match c.entry {
                Entry::Indicator => ("indicator", c.id.as_str(), ""),
                Entry::City => ("city", "", c.id.as_str()),
            };
            out.push_str(&format!("{entry}-{},{ind},{city},,,,,\n", kind_id(c.kind)));
        }
        // Ids, periods, flag ids and plain numbers hold no `,` or `"`: no quoting needed.
        for c in &self.changes {
            let k = &c.key;
            let group = k.group.as_deref().unwrap_or("");
            for f in &c.fields {
                out.push_str(&format!(
                    "{},{},{},{},{group},{},{},{}\n",
                    kind_id(c.kind),
                    k.indicator,
                    k.city,
                    k.period,
                    field_id(f.field),
                    f.old.map(plain).unwrap_or_default(),
                    f.new.map(plain).unwrap_or_default(),
                ));
            }
        }
        out
    }

    /// "diff: 1 added, 1 removed, 1 revised" (observations).
    pub fn summary(&self) -> String {
        format!(
            "diff: {} added, {} removed, {} revised",
            self.count(Kind::Added),
            self.count(Kind::Removed),
            self.count(Kind::Revised)
        )
    }
}

fn kind_da(kind: Kind) -> &'static str {
    match kind {
        Kind::Added => "tilføjet",
        Kind::Removed => "fjernet",
        Kind::Revised => "revideret",
    }
}

fn kind_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Added => "added",
        Kind::Removed => "removed",
        Kind::Revised => "revised",
    }
}

/// "narkorelaterede-doedsfald national 2019", with " gruppe <id>" for a group.
fn place(c: &Change) -> String {
    let k = &c.key;
    let mut s = format!("{} {} {}", k.indicator, k.city, k.period);
    if let Some(g) = &k.group {
        s.push_str(&format!(" gruppe {g}"));
    }
    s
}

/// "værdi 265 → 268, flag foreløbig → –" for a revision; "tæller 41, nævner
/// 500" for an added or removed observation.
fn fields_da(c: &Change) -> String {
    let shown = |d: Option<Datum>| d.map_or_else(|| "–".to_owned(), datum_da);
    let parts: Vec<String> = c
        .fields
        .iter()
        .map(|f| {
            let name = field_da(f.field);
            match c.kind {
                Kind::Added => format!("{name} {}", shown(f.new)),
                Kind::Removed => format!("{name} {}", shown(f.old)),
                Kind::Revised => format!("{name} {} → {}", shown(f.old), shown(f.new)),
            }
        })
        .collect();
    parts.join(", ")
}

fn field_da(field: Field) -> &'static str {
    match field {
        Field::Numerator => "tæller",
        Field::Denominator => "nævner",
        Field::Value => "værdi",
        Field::N => "n",
        Field::Flag => "flag",
    }
}

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Numerator => "numerator",
        Field::Denominator => "denominator",
        Field::Value => "value",
        Field::N => "n",
        Field::Flag => "flag",
    }
}

/// Danish: "1.234", "8,25", "foreløbig". A number keeps the decimals it has.
fn datum_da(d: Datum) -> String {
    match d {
        Datum::Count(c) => format::integer(i64::try_from(c).unwrap_or(i64::MAX)),
        Datum::Number(v) => {
            let decimals = plain_number(v).split('.').nth(1).map_or(0, str::len);
            format::decimal(v, decimals)
        }
        Datum::Flag(f) => flag_da(f).to_owned(),
    }
}

fn flag_da(flag: Flag) -> &'static str {
    match flag {
        Flag::Provisional => "foreløbig",
        Flag::Break => "databrud",
        Flag::Partial => "ufuldstændig",
    }
}

/// Machine form for CSV: "8.25", "4000", "provisional".
fn plain(d: Datum) -> String {
    match d {
        Datum::Count(c) => c.to_string(),
        Datum::Number(v) => plain_number(v),
        Datum::Flag(f) => f.id().to_owned(),
    }
}

/// Up to six decimals, trailing zeros trimmed.
fn plain_number(v: f64) -> String {
    format::plain(v, 6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{CatalogChange, FieldChange, Key};
    use crate::model::Period;

    fn diff() -> Diff {
        let key = |city: &str, group: Option<&str>| Key {
            indicator: "x".into(),
            city: city.into(),
            period: Period::Year(2019),
            group: group.map(Into::into),
        };
        let change = |field, old, new| FieldChange { field, old, new };
        Diff {
            catalog: vec![CatalogChange {
                entry: Entry::City,
                kind: Kind::Removed,
                id: "randers".into(),
            }],
            changes: vec![
                Change {
                    kind: Kind::Revised,
                    key: key("national", None),
                    fields: vec![
                        change(
                            Field::Value,
                            Some(Datum::Number(1265.5)),
                            Some(Datum::Number(1268.0)),
                        ),
                        change(Field::Flag, Some(Datum::Flag(Flag::Provisional)), None),
                    ],
                },
                Change {
                    kind: Kind::Added,
                    key: key("aarhus", Some("g")),
                    fields: vec![change(Field::N, None, Some(Datum::Count(4000)))],
                },
            ],
        }
    }

    #[test]
    fn text_is_danish() {
        assert_eq!(
            diff().text(),
            "fjernet   by randers\n\
             revideret x national 2019: værdi 1.265,5 → 1.268, flag foreløbig → –\n\
             tilføjet  x aarhus 2019 gruppe g: n 4.000\n"
        );
        assert_eq!(diff().summary(), "diff: 1 added, 0 removed, 1 revised");
    }

    #[test]
    fn csv_has_one_line_per_field() {
        assert_eq!(
            diff().csv(),
            "change,indicator,city,period,group,field,old,new\n\
             city-removed,,randers,,,,,\n\
             revised,x,national,2019,,value,1265.5,1268\n\
             revised,x,national,2019,,flag,provisional,\n\
             added,x,aarhus,2019,g,n,,4000\n"
        );
    }
}
