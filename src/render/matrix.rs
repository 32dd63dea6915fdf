//! The status matrix of a seminar: cities × indicators, each cell with the
//! city's value, its comparison with the rest of the network and its target
//! status, as symbols *and* words (never colour alone). The statuses come
//! from `compute`; nothing is judged here.

use serde::Serialize;

use super::views::Badge;
use super::xlsx::{self, Table, TableCell};
use crate::compute::{self, Computed, TargetStatus};
use crate::model::{Catalog, Measure, Period, Place};

#[derive(Serialize)]
pub struct MatrixCity {
    pub name: String,
    /// The city's handout for this seminar, relative to the page.
    pub url: String,
}

#[derive(Serialize)]
pub struct CityRow {
    pub name: String,
    pub url: String,
    pub cells: Vec<MatrixCell>,
}

#[derive(Clone, Serialize)]
pub struct MatrixCell {
    /// The city's figure, typed: `value` is its text.
    #[serde(skip)]
    pub figure: TableCell,
    pub value: String,
    pub missing: bool,
    /// Whether the indicator compares cities at all (not for counts).
    pub compared: bool,
    pub comparison: Badge,
    /// Whether the indicator has a target.
    pub targeted: bool,
    pub status: Badge,
}

#[derive(Serialize)]
pub struct MatrixRow {
    pub id: String,
    pub title: String,
    /// The indicator's section on the page, or its page.
    pub url: String,
    pub period: String,
    pub cells: Vec<MatrixCell>,
}

#[derive(Serialize)]
pub struct Matrix {
    pub cities: Vec<MatrixCity>,
    pub rows: Vec<MatrixRow>,
    /// A large network: one row per city, one numbered column per indicator,
    /// symbols only in the cells (the words are read out, and keyed below).
    pub by_city: bool,
    /// For `by_city`: each city's cells, in the order of `rows` (whose own
    /// cells are then empty).
    pub city_rows: Vec<CityRow>,
    /// Counts of each status over all cells, for the summary line.
    pub summary: String,
    /// The matrix as Excel, one row per indicator and city.
    #[serde(skip)]
    pub table: Table,
    /// Where the page links the Excel file (set by the page that writes it).
    pub xlsx_file: Option<String>,
}

/// The matrix of `cities` over `indicators` up to `until`; `url(i)` links each
/// indicator, `city_url(c)` each city.
pub fn matrix(
    catalog: &Catalog,
    computed: &Computed,
    indicators: &[usize],
    cities: &[usize],
    until: Period,
    url: &dyn Fn(usize) -> String,
    city_url: &dyn Fn(usize) -> String,
) -> Matrix {
    let mut met = 0;
    let mut on_track = 0;
    let mut behind = 0;
    let rows: Vec<MatrixRow> = indicators
        .iter()
        .filter(|&&i| computed.indicators[i].has_data())
        .filter_map(|&i| {
            let ind = &catalog.indicators[i];
            let data = &computed.indicators[i];
            let period = data.report_period(until)?;
            let compared = ind.comparable && ind.measure != Measure::Count;
            let cells = cities
                .iter()
                .map(|&c| {
                    let place = Place::City(c);
                    let cell = data.cell(None, place, period);
                    let status = compute::target_status(ind, data, place, period);
                    match status {
                        TargetStatus::Met => met += 1,
                        TargetStatus::OnTrack => on_track += 1,
                        TargetStatus::NotOnTrack | TargetStatus::NotMet => behind += 1,
                        _ => {}
                    }
                    let figure = TableCell::figure(ind, cell);
                    MatrixCell {
                        value: figure.shown(),
                        figure,
                        missing: cell.value().is_none(),
                        compared,
                        comparison: compute::compare_with(
                            catalog,
                            ind,
                            data,
                            place,
                            Place::Network,
                            period,
                            computed.confidence,
                        )
                        .into(),
                        targeted: ind.target.is_some(),
                        status: status.into(),
                    }
                })
                .collect();
            Some(MatrixRow {
                id: ind.id.clone(),
                title: ind.title.clone(),
                url: url(i),
                period: period.label_da(),
                cells,
            })
        })
        .collect();
    let mut rows: Vec<MatrixRow> = rows;
    let table = table(catalog, computed, indicators, cities, &rows);
    let by_city = cities.len() > super::figures::MAX_FULL_SERIES;
    let city_rows = if by_city {
        let rows_by_city = cities
            .iter()
            .enumerate()
            .map(|(k, &c)| CityRow {
                name: catalog.cities[c].name.clone(),
                url: city_url(c),
                cells: rows.iter().map(|r| r.cells[k].clone()).collect(),
            })
            .collect();
        for r in &mut rows {
            r.cells.clear();
        }
        rows_by_city
    } else {
        Vec::new()
    };
    Matrix {
        by_city,
        city_rows,
        cities: cities
            .iter()
            .map(|&c| MatrixCity {
                name: catalog.cities[c].name.clone(),
                url: city_url(c),
            })
            .collect(),
        rows,
        summary: format!(
            "Målet er nået i {met} tilfælde, på vej i {on_track} og ikke på vej eller ikke nået i {behind}."
        ),
        table,
        xlsx_file: None,
    }
}

/// The matrix in long form for Excel (a row per indicator and city, so it
/// can be filtered and each row has its unit): the same cells as the page.
fn table(
    catalog: &Catalog,
    computed: &Computed,
    indicators: &[usize],
    cities: &[usize],
    rows: &[MatrixRow],
) -> Table {
    let shown: Vec<usize> = rows
        .iter()
        .filter_map(|r| {
            indicators
                .iter()
                .copied()
                .find(|&i| catalog.indicators[i].id == r.id)
        })
        .collect();
    let mut body = Vec::new();
    for (row, &i) in rows.iter().zip(&shown) {
        let ind = &catalog.indicators[i];
        for (cell, &c) in row.cells.iter().zip(cities) {
            body.push(vec![
                TableCell::text(&row.title),
                TableCell::text(&row.period),
                TableCell::text(&catalog.cities[c].name),
                cell.figure.clone(),
                TableCell::text(xlsx::unit_label(ind)),
                TableCell::text(if cell.compared {
                    cell.comparison.label
                } else {
                    ""
                }),
                TableCell::text(if cell.targeted { cell.status.label } else { "" }),
            ]);
        }
    }
    let sources = shown
        .iter()
        .flat_map(|&i| catalog.indicators[i].sources.iter());
    let mut notes = xlsx::table_notes(computed, sources);
    notes.push("Sammenlignet med resten af netværket: kommunen mod de øvrige kommuner i netværket tilsammen; antal sammenlignes ikke. Målstatus vurderes ud fra det viste tal alene.".to_owned());
    Table {
        title: Some("Status pr. kommune og indikator".to_owned()),
        head: [
            "Indikator",
            "Periode",
            "Kommune",
            "Værdi",
            "Enhed",
            "Sammenlignet med resten af netværket",
            "Målstatus",
        ]
        .iter()
        .map(|h| (*h).to_owned())
        .collect(),
        rows: body,
        notes,
        date: computed.data_as_of,
    }
}
