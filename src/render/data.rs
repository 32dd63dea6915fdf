//! Open data for re-use: `data/values.csv` (the input columns plus computed
//! network rows; withheld cells empty, flagged `suppressed`; an aggregate
//! short of some cities lists them in `partial`) and
//! `data/indicators.json` (the catalogue with every definition); and
//! `data/values.xlsx`, the same rows with real numbers.

use super::figures::csv_field;
use super::prose::partial_ids;
use super::xlsx::{self, Table, TableCell};
use crate::compute::{Cell, Computed, Missing};
use crate::format::plain;
use crate::model::{Catalog, LinkKind, Project};
use crate::write::Output;

pub(super) fn write(project: &Project, computed: &Computed, out: &mut Output) {
    let cat = &project.catalog;
    let rows = values(cat, computed);
    out.add("data/values.csv", values_csv(&rows));
    out.add("data/values.xlsx", values_xlsx(cat, computed, rows));
    out.add("data/indicators.json", indicators_json(cat));
}

/// The columns of values.csv and values.xlsx.
const COLUMNS: [&str; 14] = [
    "indicator",
    "city",
    "period",
    "numerator",
    "denominator",
    "value",
    "n",
    "flag",
    "note",
    "source",
    "published",
    "group",
    "previous",
    "partial",
];

/// The open data, typed, one row a cell: what values.csv and values.xlsx
/// both write, so they hold the same rows and numbers.
fn values(cat: &Catalog, computed: &Computed) -> Vec<Vec<TableCell>> {
    let text = |s: &str| {
        if s.is_empty() {
            TableCell::Empty
        } else {
            TableCell::text(s)
        }
    };
    let count = |v: Option<u64>| v.map_or(TableCell::Empty, |x| TableCell::number(x as f64, None));
    let number = |v: Option<f64>| v.map_or(TableCell::Empty, |x| TableCell::number(x, None));
    let mut rows = Vec::new();
    for (i, data) in computed.indicators.iter().enumerate() {
        let ind = &cat.indicators[i];
        for (&(group, place, period), cell) in data.cells() {
            let group = text(group.map_or("", |g| ind.groups[g].id.as_str()));
            let mut row = vec![
                text(&ind.id),
                text(cat.place_id(place)),
                text(&period.to_string()),
            ];
            match cell {
                Cell::Value(f) => row.extend([
                    count(f.numerator),
                    count(f.denominator),
                    number(Some(f.value)),
                    count(f.n),
                    text(f.flag.map_or("", |fl| fl.id())),
                    text(f.note.as_deref().unwrap_or("")),
                    text(f.source.as_deref().unwrap_or("")),
                    text(&f.published.map(|d| d.to_string()).unwrap_or_default()),
                    group,
                    number(f.previous),
                    text(&partial_ids(cat, f)),
                ]),
                Cell::Missing(m) => {
                    let flag = match m {
                        Missing::NotApplicable => "not-applicable",
                        _ if m.suppressed() => "suppressed",
                        _ => "not-reported",
                    };
                    row.extend([
                        TableCell::Empty,
                        TableCell::Empty,
                        TableCell::Empty,
                        TableCell::Empty,
                        text(flag),
                        TableCell::Empty,
                        TableCell::Empty,
                        TableCell::Empty,
                        group,
                        TableCell::Empty,
                        TableCell::Empty,
                    ]);
                }
            }
            rows.push(row);
        }
    }
    rows
}

fn values_csv(rows: &[Vec<TableCell>]) -> String {
    let mut s = COLUMNS.join(",");
    s.push('\n');
    for row in rows {
        for (k, cell) in row.iter().enumerate() {
            if k > 0 {
                s.push(',');
            }
            match cell {
                TableCell::Number { value, .. } => s.push_str(&plain(*value, 4)),
                TableCell::Text(t) => s.push_str(&csv_field(t)),
                TableCell::Missing(_) | TableCell::Empty => {}
            }
        }
        s.push('\n');
    }
    s
}

fn values_xlsx(cat: &Catalog, computed: &Computed, rows: Vec<Vec<TableCell>>) -> Vec<u8> {
    let mut notes = xlsx::notes(
        computed,
        cat.indicators.iter().flat_map(|i| i.sources.iter()),
    );
    notes.push("Samme kolonner og rækker som data/values.csv: én række pr. indikator, sted (kommune, network = netværket, national = hele landet, grupper og regioner), periode og gruppe. value er andele i pct. (8,2 = 8,2 pct.), ellers antal, rate eller gennemsnit; previous er værdien som først offentliggjort.".to_owned());
    notes.push("flag: suppressed = diskretioneret (intet tal), not-reported = ikke indberettet, not-applicable = kan ikke opgøres, provisional = foreløbigt, break = databrud, partial = ufuldstændig dækning. partial: de kommuner, et samlet tal mangler. Definitionerne står i data/indicators.json.".to_owned());
    let table = Table {
        title: None,
        head: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
        rows,
        notes,
        date: computed.data_as_of,
    };
    xlsx::workbook_named(&table, "values")
}

fn indicators_json(cat: &Catalog) -> String {
    let indicators: Vec<serde_json::Value> = cat
        .indicators
        .iter()
        .map(|ind| {
            let mut v = serde_json::to_value(ind).expect("indicator serialises");
            v["goals"] = ind.goals.iter().map(|g| cat.goals[*g].id.clone()).collect();
            // A breakdown's hierarchy and the indicators counting the same
            // people, by id: what a reader needs to add the tables up.
            for (k, g) in ind.groups.iter().enumerate() {
                if let Some(p) = g.parent {
                    v["groups"][k]["parent"] = ind.groups[p].id.clone().into();
                }
            }
            for link in &ind.links {
                let key = match link.kind {
                    LinkKind::NumeratorOf => "numerator_of",
                    LinkKind::SamePeople => "same_people_as",
                    LinkKind::ComplementOf => "complement_of",
                };
                let other = serde_json::Value::from(cat.indicators[link.other].id.clone());
                if link.kind == LinkKind::SamePeople {
                    // A list, as in the indicator file.
                    if !v[key].is_array() {
                        v[key] = serde_json::Value::Array(Vec::new());
                    }
                    v[key].as_array_mut().expect("an array").push(other);
                } else {
                    v[key] = other;
                }
            }
            v
        })
        .collect();
    let goals: Vec<serde_json::Value> = cat
        .goals
        .iter()
        .map(|g| {
            let mut v = serde_json::to_value(g).expect("goal serialises");
            v["area"] = cat.areas[g.area].id.clone().into();
            v
        })
        .collect();
    let doc = serde_json::json!({
        "network": cat.network_name,
        "cities": cat.cities,
        "areas": cat.areas,
        "goals": goals,
        "indicators": indicators,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("catalogue serialises");
    s.push('\n');
    s
}
