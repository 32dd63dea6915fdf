//! Fact sheets (faktablade), as Aarhus makes them: for an indicator with a
//! breakdown, one page per city with the value and N per group for the latest
//! year and the latest quarter side by side, sub-groups indented, development
//! markers, the fulfilled/unfulfilled chart by goal type and the result text.

use serde::Serialize;
use tera::Context;

use super::charts::{self, FulfilmentChart, FulfilmentRow};
use super::markdown::escape;
use super::prose::value_text;
use super::xlsx::{self, Table, TableCell};
use super::{PageOut, Renderer};
use crate::compute::{Cell, IndicatorData};
use crate::model::period::Granularity;
use crate::model::{Indicator, Period, Place};

#[derive(Serialize)]
struct Row {
    title: String,
    depth: usize,
    cells: Vec<String>,
    /// The cells typed (value and N per period): `cells` is their text.
    #[serde(skip)]
    typed: Vec<TableCell>,
    /// "+", "−", "=" or "" against the previous period of the last column.
    marker: &'static str,
}

/// The columns: the latest year and the latest quarter (or month/half) with data.
fn columns(data: &IndicatorData, place: Place) -> Vec<Period> {
    let mut latest: Vec<Period> = Vec::new();
    for (k, _) in data.cells().filter(|(k, _)| k.1 == place) {
        match latest
            .iter_mut()
            .find(|p| p.granularity() == k.2.granularity())
        {
            Some(p) if *p < k.2 => *p = k.2,
            Some(_) => {}
            None => latest.push(k.2),
        }
    }
    latest.sort_by_key(|p| (p.granularity() != Granularity::Year, *p));
    latest.truncate(2);
    latest
}

/// "+" when `now` is better than the period before, "−" when worse.
fn marker(
    ind: &Indicator,
    data: &IndicatorData,
    group: Option<usize>,
    place: Place,
    now: Period,
) -> &'static str {
    let before = data
        .cells()
        .filter(|(k, c)| {
            k.0 == group
                && k.1 == place
                && k.2 < now
                && k.2.granularity() == now.granularity()
                && c.value().is_some()
        })
        .map(|(k, _)| k.2)
        .max();
    match (
        before.and_then(|b| data.cell(group, place, b).value()),
        data.cell(group, place, now).value(),
    ) {
        (Some(a), Some(b)) if a == b => "=",
        (Some(a), Some(b)) if ind.direction.better(b, a) => "+",
        (Some(_), Some(_)) => "−",
        _ => "",
    }
}

fn rows(ind: &Indicator, data: &IndicatorData, place: Place, cols: &[Period]) -> Vec<Row> {
    let depth = |mut g: usize| {
        let mut d = 1;
        while let Some(p) = ind.groups[g].parent {
            d += 1;
            g = p;
        }
        d
    };
    let groups = std::iter::once(None).chain((0..ind.groups.len()).map(Some));
    groups
        .filter(|g| {
            cols.iter().any(|p| {
                !matches!(
                    data.cell(*g, place, *p),
                    Cell::Missing(crate::compute::Missing::NotReported)
                )
            })
        })
        .map(|g| {
            let typed: Vec<TableCell> = cols
                .iter()
                .flat_map(|p| {
                    let cell = data.cell(g, place, *p);
                    let n = match cell {
                        Cell::Value(f) => {
                            f.n.map_or(TableCell::Empty, |n| TableCell::number(n as f64, Some(0)))
                        }
                        Cell::Missing(m) => TableCell::Missing(*m),
                    };
                    [TableCell::figure(ind, cell), n]
                })
                .collect();
            Row {
                title: g.map_or_else(|| "I alt".to_owned(), |g| ind.groups[g].title.clone()),
                depth: g.map_or(0, depth),
                cells: typed.iter().map(TableCell::shown).collect(),
                typed,
                marker: cols
                    .last()
                    .map_or("", |now| marker(ind, data, g, place, *now)),
            }
        })
        .collect()
}

/// The fact sheet's table as Excel: a group a row (sub-groups indented),
/// value and N per period, and the development in words.
fn table(r: &Renderer, ind: &Indicator, city: &str, cols: &[Period], rows: &[Row]) -> Table {
    let mut head = vec!["Gruppe".to_owned()];
    for p in cols {
        head.push(format!(
            "{} værdi ({})",
            p.label_da(),
            xlsx::unit_label(ind)
        ));
        head.push(format!("{} N", p.label_da()));
    }
    head.push("Udvikling".to_owned());
    let body = rows
        .iter()
        .map(|row| {
            let title = format!("{}{}", "  ".repeat(row.depth), row.title);
            std::iter::once(TableCell::text(title))
                .chain(row.typed.iter().cloned())
                .chain(std::iter::once(TableCell::text(match row.marker {
                    "+" => "bedre",
                    "=" => "uændret",
                    "−" => "dårligere",
                    _ => "",
                })))
                .collect()
        })
        .collect();
    let mut notes = xlsx::table_notes(r.computed, &ind.sources);
    if !ind.target_group.is_empty() {
        notes.push(format!("Målgruppe: {}", ind.target_group));
    }
    if let Some(last) = cols.last() {
        notes.push(format!(
            "Udvikling: bedre, dårligere eller uændret i {} end i perioden før ({}). N er antal personer bag tallet. Undergrupper er rykket ind under deres gruppe.",
            last.label_da(),
            ind.direction.label_da()
        ));
    }
    notes.extend(ind.caveats.iter().cloned());
    Table {
        title: Some(format!("{} for {city}, fordelt på grupper", ind.title)),
        head,
        rows: body,
        notes,
        date: r.computed.data_as_of,
    }
}

/// The "Andel opfyldte / uopfyldte mål" chart, when the indicator names its
/// two indicators: the figure's HTML, its SVG file (with the provenance
/// under it) and its CSV.
fn fulfilment(r: &Renderer, ind: &Indicator, place: Place) -> Option<(String, String, String)> {
    let f = ind.fulfilment?;
    let cat = &r.project.catalog;
    let (fi, ui) = (&cat.indicators[f.fulfilled], &cat.indicators[f.unfulfilled]);
    let (fd, ud) = (
        &r.computed.indicators[f.fulfilled],
        &r.computed.indicators[f.unfulfilled],
    );
    let period = *columns(fd, place).first()?;
    let rows: Vec<FulfilmentRow> = fi
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| FulfilmentRow {
            label: group.title.clone(),
            fulfilled: fd.cell(Some(g), place, period).value(),
            unfulfilled: ui
                .groups
                .iter()
                .position(|u| u.id == group.id)
                .and_then(|u| ud.cell(Some(u), place, period).value()),
        })
        .collect();
    let rows_csv: Vec<(&str, Option<f64>, Option<f64>)> = fi
        .groups
        .iter()
        .zip(&rows)
        .map(|(g, r)| (g.id.as_str(), r.fulfilled, r.unfulfilled))
        .collect();
    let title = format!(
        "Andel opfyldte og uopfyldte mål efter måltype, {}",
        period.label_da()
    );
    let desc = rows
        .iter()
        .map(|row| {
            let v = |x: Option<f64>| x.map_or("dis.".to_owned(), |x| value_text(fi, x));
            format!(
                "{}: {} opfyldte, {} uopfyldte",
                row.label,
                v(row.fulfilled),
                v(row.unfulfilled)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let svg = charts::fulfilment(&FulfilmentChart {
        id: "chart-maaltyper".into(),
        title: title.clone(),
        desc,
        rows,
        fulfilled_label: "Andel opfyldte mål".into(),
        unfulfilled_label: "Andel uopfyldte mål".into(),
        missing: "dis.".into(),
    });
    let html = format!(
        "<figure class=\"chart chart-fulfilment\">\n<figcaption>{}</figcaption>\n{svg}\n{}\n</figure>\n",
        escape(&title),
        super::figures::chart_links(None, "maaltyper.svg", r.png, Some("maaltyper.csv"), None)
    );
    let plain = |x: Option<f64>| x.map(|v| crate::format::plain(v, 4)).unwrap_or_default();
    let csv = std::iter::once("goal_type,period,fulfilled,unfulfilled".to_owned())
        .chain(
            rows_csv
                .iter()
                .map(|(id, f, u)| format!("{id},{period},{},{}", plain(*f), plain(*u))),
        )
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let sources = [fi.sources.clone(), ui.sources.clone()].concat();
    let svg = charts::with_credit(&svg, &super::figures::credit(r.computed, &sources));
    Some((html, svg, csv))
}

/// City `c`'s fact sheet for indicator `i`.
pub(super) fn page(r: &Renderer, i: usize, c: usize) -> Result<PageOut, String> {
    let cat = &r.project.catalog;
    let ind = &cat.indicators[i];
    let data = &r.computed.indicators[i];
    let place = Place::City(c);
    let cols = columns(data, place);
    let root = "../../../../";
    let dir = format!("cities/{}/faktablad/{}/", cat.cities[c].id, ind.id);
    let mut ctx = Context::new();
    let title = format!("Faktablad: {} – {}", ind.title, cat.cities[c].name);
    ctx.insert(
        "page",
        &serde_json::json!({ "title": title, "description": format!("{} for {} fordelt på grupper", ind.title, cat.cities[c].name),
            "root": root, "kind": "factsheet", "draft": false }),
    );
    let goals: Vec<&str> = ind
        .goals
        .iter()
        .map(|g| cat.goals[*g].text.as_str())
        .collect();
    ctx.insert("goals", &goals);
    ctx.insert("indicator", &serde_json::json!({ "id": ind.id, "title": ind.title, "unit": ind.unit,
        "direction": ind.direction.label_da(), "target_group": ind.target_group, "caveats": ind.caveats,
        "url": format!("{root}indicators/{}/index.html", ind.id) }));
    ctx.insert("city", &serde_json::json!({ "name": cat.cities[c].name, "url": format!("{root}cities/{}/index.html", cat.cities[c].id) }));
    ctx.insert(
        "periods",
        &cols.iter().map(|p| p.label_da()).collect::<Vec<_>>(),
    );
    ctx.insert("previous_word", &cols.last().map(|p| p.label_da()));
    let rows = rows(ind, data, place, &cols);
    let table = table(r, ind, &cat.cities[c].name, &cols, &rows);
    ctx.insert("rows", &rows);
    ctx.insert("xlsx_file", "faktablad.xlsx");
    let chart = fulfilment(r, ind, place);
    ctx.insert("chart", &chart.as_ref().map(|(h, _, _)| h));
    let (result, mut files) = match r.project.content.indicator_notes.get(&i) {
        Some(p) => {
            let (html, files) = super::commentary::city_commentary(r, p, c, &dir);
            (Some(html), files)
        }
        None => (None, Vec::new()),
    };
    ctx.insert("result", &result);
    let html = r.page("factsheet.html", ctx)?;
    files.push((format!("{dir}faktablad.xlsx"), xlsx::workbook(&table)));
    if let Some((_, svg, csv)) = chart {
        files.push((format!("{dir}maaltyper.svg"), svg.into_bytes()));
        files.push((format!("{dir}maaltyper.csv"), csv.into_bytes()));
    }
    Ok(PageOut {
        path: format!("{dir}index.html"),
        html,
        files,
    })
}
