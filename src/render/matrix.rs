//! The status matrix of a seminar: cities × indicators, each cell with the
//! city's value, its comparison with the rest of the network and its target
//! status, as symbols *and* words (never colour alone). The statuses come
//! from `compute`; nothing is judged here.

use serde::Serialize;

use super::prose::cell_text;
use super::views::Badge;
use crate::compute::{self, Computed, TargetStatus};
use crate::model::{Catalog, Measure, Period, Place};

#[derive(Serialize)]
pub struct MatrixCity {
    pub name: String,
    /// The city's handout for this seminar, relative to the page.
    pub url: String,
}

#[derive(Serialize)]
pub struct MatrixCell {
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
    /// Counts of each status over all cells, for the summary line.
    pub summary: String,
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
    let rows = indicators
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
                    MatrixCell {
                        value: cell_text(ind, cell),
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
    Matrix {
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
    }
}
