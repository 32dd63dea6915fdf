//! Small multiples of an indicator (`{{ chart(…, kind="small-multiples") }}`):
//! one small trend panel per place on one value scale, each over the
//! network's line (not for a count: a network total dwarfs a city's), with
//! the table and CSV of exactly the figures drawn. The figures are the
//! computed, disclosure-controlled cells every chart draws.

use super::charts::{self, Dash, Emphasis, Marker, MultiplesChart, Panel, Style};
use super::figures::{
    describe, drawn_periods, place_series, span_label, target_marks, trend_table, ChartView, Scope,
};
use super::xlsx::shown_rows;
use crate::model::{Measure, Period, Place};

/// Each panel's own line.
fn own_style() -> (Style, Emphasis) {
    let style = Style {
        color: "#0072b2".into(),
        dash: Dash::Solid,
        marker: Marker::Circle,
    };
    (style, Emphasis::Strong)
}

/// The reference line in every panel.
fn reference_style() -> (Style, Emphasis) {
    let style = Style {
        color: "#777777".into(),
        dash: Dash::Solid,
        marker: Marker::None,
    };
    (style, Emphasis::Normal)
}

/// Small multiples of `places` over `periods` (oldest first). Files
/// `<name>-paneler.svg/.csv`.
pub fn small_multiples(scope: &Scope, places: &[Place], periods: &[Period]) -> ChartView {
    let ind = &scope.catalog.indicators[scope.indicator];
    let reference = (ind.measure != Measure::Count).then_some(Place::Network);
    // Every place drawn: the panels' and the reference.
    let mut drawn = places.to_vec();
    if let Some(r) = reference.filter(|r| !drawn.contains(r)) {
        drawn.push(r);
    }
    let periods = drawn_periods(scope, &drawn, periods);
    let panels = places
        .iter()
        .map(|&place| {
            let mut series = vec![place_series(
                scope,
                place,
                &periods,
                &periods,
                own_style(),
                false,
            )];
            if let Some(r) = reference.filter(|r| *r != place) {
                series.push(place_series(
                    scope,
                    r,
                    &periods,
                    &periods,
                    reference_style(),
                    false,
                ));
            }
            Panel {
                label: scope.catalog.place_name(place).to_owned(),
                series,
            }
        })
        .collect();
    let all_cities = places.iter().all(|p| matches!(p, Place::City(_)));
    let title = format!("{}: udvikling {}", ind.title, span_label(&periods));
    let id = format!("chart-{}-multiples", scope.name);
    let desc = format!(
        "{} Én lille figur for hvert sted, alle med samme skala.",
        describe(scope, periods.last().copied(), places)
    );
    let (target, _) = target_marks(scope, &[], None);
    let svg = charts::multiples(&MultiplesChart {
        id: id.clone(),
        title: title.clone(),
        desc,
        x_labels: periods.iter().map(|p| p.label_da()).collect(),
        x_positions: periods.iter().map(|p| p.midpoint()).collect(),
        unit: scope.unit(),
        axis_caption: scope.axis_caption(),
        panels,
        target,
        own_label: if all_cities {
            "Feltets kommune".into()
        } else {
            "Feltets sted".into()
        },
        partial_label: "Åben markør: ikke alle kommuner med (se tabellen)".into(),
    });
    let (head, table, csv) = trend_table(scope, &title, &drawn, &periods);
    ChartView {
        credit: scope.credit(),
        svg_file: format!("{}-paneler.svg", scope.name),
        csv_file: format!("{}-paneler.csv", scope.name),
        xlsx_file: format!("{}-paneler.xlsx", scope.name),
        rows: shown_rows(&table.rows),
        table,
        id,
        kind: "small-multiples",
        title,
        svg,
        head,
        csv,
    }
}
