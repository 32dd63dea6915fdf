//! The map of an indicator (issue 16): every municipality of the chart's
//! scope coloured by how it compares with the whole country, or — where
//! there is nothing to compare (no national figure, target groups that
//! differ between cities) — by five value classes (quintiles of the
//! published figures), with the table and CSV behind it like every chart.
//! Counts get no map: a count grows with a municipality's size.

use super::charts::{self, MapArea, MapChart, MapClass, Pattern};
use super::figures::{ci_fields, csv_field, ChartView, Scope};
use super::prose::{interval_text, value_text};
use super::xlsx::{self, shown_rows, TableCell};
use crate::compute::{self, Cell, Comparison};
use crate::model::{Measure, Period, Place};

const SOURCE: &str = "Kilde: Geodatastyrelsen og Danske Kommuner (DAGI)";

/// Sequential blues, light to dark: darker is a higher value.
const BLUES: [&str; 5] = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

fn class(id: &str, label: String, color: &str, pattern: Pattern) -> MapClass {
    MapClass {
        id: id.to_owned(),
        label,
        color: color.to_owned(),
        pattern,
    }
}

/// Whether the indicator's cities are compared with the country at `period`.
fn by_comparison(scope: &Scope, period: Period) -> bool {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    ind.comparable && data.cell(None, Place::National, period).value().is_some()
}

/// The map for `period`, or None for a count or when no city of the scope
/// has a municipality on the map (a kommunekode of the 98).
pub fn map(scope: &Scope, period: Period) -> Option<ChartView> {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    if ind.measure == Measure::Count {
        return None;
    }
    let known = charts::municipalities();
    let cities: Vec<usize> = scope
        .cities
        .iter()
        .copied()
        .filter(|&c| known.iter().any(|m| m.code == scope.catalog.cities[c].code))
        .collect();
    if cities.is_empty() {
        return None;
    }
    let cell = |c: usize| data.cell(None, Place::City(c), period);
    let compared = by_comparison(scope, period);
    let (classes, class_of, method) = if compared {
        by_country(scope, &cities, period)
    } else {
        by_value(scope, &cities, period)
    };
    let comparison_word = |k: usize| classes[k].label.to_lowercase();
    let areas: Vec<MapArea> = cities
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let city = &scope.catalog.cities[c];
            let k = class_of[i];
            MapArea {
                code: city.code,
                class: k,
                title: format!(
                    "{}: {}",
                    city.name,
                    figure_words(scope, cell(c), &comparison_word(k))
                ),
            }
        })
        .collect();
    let title = format!("{}: kort, {}", ind.title, period.label_da());
    let id = format!("chart-{}-map", scope.name);
    let counts: Vec<String> = classes
        .iter()
        .enumerate()
        .map(|(k, cl)| (cl, areas.iter().filter(|a| a.class == k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(cl, n)| format!("{}: {n}", cl.label))
        .collect();
    let desc = format!(
        "Kort over {} kommuner, {}. {}.",
        areas.len(),
        period.label_da(),
        counts.join("; ")
    );
    let svg = charts::map(&MapChart {
        id: id.clone(),
        title: title.clone(),
        desc,
        classes: classes.clone(),
        areas: areas.clone(),
        other_label: if scope.cities.len() < known.len() {
            format!("Ikke i {}", scope.catalog.network_name)
        } else {
            "Ikke med".into()
        },
        method: method.clone(),
        source: SOURCE.into(),
    });
    let head = vec![
        "Kommune".to_owned(),
        period.label_da(),
        if compared {
            "Sammenlignet med hele landet".to_owned()
        } else {
            "Klasse".to_owned()
        },
    ];
    let mut cells = Vec::new();
    let mut csv = String::from("code,city,period,value,lower,upper,class\n");
    for (a, &c) in areas.iter().zip(&cities) {
        let city = &scope.catalog.cities[c];
        let cl = &classes[a.class];
        cells.push(vec![
            TableCell::text(&city.name),
            TableCell::figure(ind, cell(c)),
            TableCell::text(&cl.label),
        ]);
        let (value, (lo, hi)) = match cell(c).figure() {
            Some(f) => (crate::format::plain(f.value, 4), ci_fields(scope, f)),
            None => Default::default(),
        };
        csv.push_str(&format!(
            "{},{},{period},{value},{lo},{hi},{}\n",
            city.code,
            csv_field(&city.name),
            cl.id
        ));
    }
    let mut xlsx_head = head.clone();
    xlsx_head[1] = xlsx::with_unit(&head[1], ind);
    let table = scope.table(&title, xlsx_head, cells, vec![method, format!("{SOURCE}.")]);
    Some(ChartView {
        credit: scope.credit(),
        svg_file: format!("{}-map.svg", scope.name),
        csv_file: format!("{}-map.csv", scope.name),
        xlsx_file: format!("{}-map.xlsx", scope.name),
        rows: shown_rows(&table.rows),
        table,
        id,
        kind: "map",
        title,
        svg,
        head,
        csv,
    })
}

/// The classes of a map, each city's class (parallel to the cities) and
/// the line saying how the classes were made.
type Classes = (Vec<MapClass>, Vec<usize>, String);

/// Bedre / på niveau / dårligere than the whole country, or not compared.
fn by_country(scope: &Scope, cities: &[usize], period: Period) -> Classes {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    let classes = vec![
        class(
            "better",
            "Bedre end hele landet".into(),
            "#08519c",
            Pattern::Solid,
        ),
        class(
            "similar",
            "På niveau med hele landet".into(),
            "#9ecae1",
            Pattern::Solid,
        ),
        class(
            "worse",
            "Dårligere end hele landet".into(),
            "#e6550d",
            Pattern::Hatch,
        ),
        class("none", "Ikke sammenlignet".into(), "#ffffff", Pattern::Dots),
    ];
    let of = cities
        .iter()
        .map(|&c| {
            let comparison = compute::compare_with(
                scope.catalog,
                ind,
                data,
                Place::City(c),
                Place::National,
                period,
                scope.computed.confidence,
            );
            match comparison {
                Comparison::Better => 0,
                Comparison::Similar => 1,
                Comparison::Worse => 2,
                Comparison::NotComparable => 3,
            }
        })
        .collect();
    (classes, of, String::new())
}

/// Up to five classes of value (quintiles of the published figures), and
/// one for the cities without a figure.
fn by_value(scope: &Scope, cities: &[usize], period: Period) -> Classes {
    let ind = &scope.catalog.indicators[scope.indicator];
    let data = &scope.computed.indicators[scope.indicator];
    let value = |c: usize| data.cell(None, Place::City(c), period).value();
    let values: Vec<f64> = cities.iter().filter_map(|&c| value(c)).collect();
    let breaks = quintile_breaks(&values);
    let mut classes: Vec<MapClass> = breaks
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let label = format!("{} – {}", value_text(ind, w[0]), value_text(ind, w[1]));
            let shade = BLUES[(i * (BLUES.len() - 1)) / (breaks.len() - 2).max(1)];
            class(&format!("q{}", i + 1), label, shade, Pattern::Solid)
        })
        .collect();
    let none = classes.len();
    classes.push(class(
        "none",
        "Intet offentliggjort tal".into(),
        "#ffffff",
        Pattern::Dots,
    ));
    let of = cities
        .iter()
        .map(|&c| match value(c) {
            // The last limit is the largest value: it belongs to the last class.
            Some(v) => (1..breaks.len() - 1)
                .filter(|&k| v >= breaks[k])
                .count()
                .min(none - 1),
            None => none,
        })
        .collect();
    let method = "Klasser: kvintiler af kommunernes tal".to_owned();
    (classes, of, method)
}

/// "8,2 pct. (7,1–9,4), på niveau med hele landet", or the missing marker in words.
fn figure_words(scope: &Scope, cell: &Cell, class: &str) -> String {
    let ind = &scope.catalog.indicators[scope.indicator];
    match cell {
        Cell::Value(f) => {
            let ci = interval_text(ind, f)
                .filter(|_| scope.computed.intervals)
                .map(|i| format!(" ({i})"))
                .unwrap_or_default();
            format!("{}{ci}, {class}", value_text(ind, f.value))
        }
        Cell::Missing(m) => format!("{} ({})", m.marker(), m.label_da()),
    }
}

/// The class limits of up to five quantile classes: the smallest value,
/// the 20th, 40th, 60th and 80th percentiles, the largest — duplicates
/// merged, so few distinct values give fewer classes.
fn quintile_breaks(values: &[f64]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return vec![0.0, 0.0];
    }
    let at = |q: f64| {
        let pos = q * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    let mut breaks: Vec<f64> = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        .iter()
        .map(|&q| at(q))
        .collect();
    breaks.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
    if breaks.len() == 1 {
        breaks.push(breaks[0]);
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::quintile_breaks;

    #[test]
    fn quintiles_of_ten_values() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let b = quintile_breaks(&v);
        let expected = [1.0, 2.8, 4.6, 6.4, 8.2, 10.0];
        assert!(
            b.iter().zip(expected).all(|(a, e)| (a - e).abs() < 1e-9) && b.len() == 6,
            "{b:?}"
        );
        assert_eq!(quintile_breaks(&[5.0, 5.0, 5.0]), vec![5.0, 5.0]);
        assert_eq!(quintile_breaks(&[1.0, 2.0]).len(), 6);
    }
}
