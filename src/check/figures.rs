//! Checks of what the pages will show, made after `compute` (they need the
//! published figures, disclosure control included): shortcodes that resolve
//! to no figure, seminar periods an indicator has no figures for, and figures
//! released after the seminar that shows them. `build` and `serve` run them
//! on what they publish; `check` on everything, drafts included.
//!
//! A withheld number is never written into a message: a shortcode's warning
//! says that its figure is withheld, not what it would have been.

use std::collections::BTreeSet;

use crate::compute::{self, Cell, Computed, IndicatorData, Missing};
use crate::diag::{Diagnostics, Pos};
use crate::model::shortcode::{self, Segment, Shortcode};
use crate::model::{Catalog, Date, ObsKey, Page, Period, Place, Project, Seminar};

/// What these checks need to know of the observations: taken before the
/// embargo removes some of them and before `compute` consumes the rest.
#[derive(Debug, Default)]
pub struct Observed {
    /// Observations in the files that this build does not publish.
    held: BTreeSet<ObsKey>,
    /// Published observations with a release date (and no `previous`: a
    /// revision says itself that it came later), with where they stand.
    released: Vec<(ObsKey, Date, Pos)>,
}

impl Observed {
    /// `before`: every observation's key before the embargo was applied to
    /// `project`.
    pub fn new(before: BTreeSet<ObsKey>, project: &Project) -> Self {
        let obs = &project.observations;
        Observed {
            held: before
                .into_iter()
                .filter(|k| obs.get(k).is_none())
                .collect(),
            released: obs
                .iter()
                .filter(|(_, o)| o.previous.is_none())
                .filter_map(|(k, o)| o.published.map(|d| (*k, d, o.pos.clone())))
                .collect(),
        }
    }
}

/// Every check that needs the computed figures.
pub fn figures(
    project: &Project,
    computed: &Computed,
    observed: &Observed,
    diags: &mut Diagnostics,
) {
    let c = &project.content;
    let standing = c
        .front
        .iter()
        .chain(c.city_notes.values())
        .chain(c.indicator_notes.values())
        .map(|p| (p, None));
    let seminars = c.seminars.iter().flat_map(|s| {
        std::iter::once(&s.intro)
            .chain(s.indicator_notes.values())
            .chain(s.city_notes.values())
            .map(|p| (p, Some(s.period)))
    });
    for (page, until) in standing.chain(seminars) {
        shortcodes(project, computed, observed, page, until, diags);
    }
    for s in &c.seminars {
        seminar(project, computed, observed, s, diags);
    }
}

/// The indicators a seminar reports, in report order, each once.
fn reported(catalog: &Catalog, s: &Seminar) -> Vec<usize> {
    let mut seen = BTreeSet::new();
    s.areas
        .iter()
        .flat_map(|&a| catalog.goals_in_area(a))
        .flat_map(|(g, _)| catalog.indicators_of_goal(g))
        .map(|(i, _)| i)
        .filter(|i| seen.insert(*i))
        .collect()
}

/// A seminar period an indicator has no figures for (the report shows an
/// earlier one), and figures the report shows that were released after the
/// seminar was held.
fn seminar(
    project: &Project,
    computed: &Computed,
    observed: &Observed,
    s: &Seminar,
    diags: &mut Diagnostics,
) {
    let cat = &project.catalog;
    for i in reported(cat, s) {
        let data = &computed.indicators[i];
        let id = &cat.indicators[i].id;
        if !data.has_data() {
            continue; // said once for the indicator ("has no data")
        }
        let Some(shown) = data.report_period(s.period) else {
            let first = data
                .periods
                .first()
                .map_or(String::new(), |p| format!(" (its first are for {p})"));
            diags.warning(
                s.period_pos.clone(),
                format!(
                    "`{id}` has no figures for {} or before{first}: the report shows none for it",
                    s.period
                ),
            );
            continue;
        };
        if shown != s.period && !shown.within(s.period) {
            diags.warning_hint(
                s.period_pos.clone(),
                format!(
                    "`{id}` has no figures for {}: the report shows {shown} instead",
                    s.period
                ),
                Some(format!(
                    "the page says \"Tal for {}\" at the indicator",
                    shown.label_da()
                )),
            );
        }
        late(project, data, observed, s, i, shown, diags);
    }
}

/// Figures released after the seminar's date among those its report shows
/// for indicator `i` (the table's period and the trend before it, for the
/// seminar's cities and the whole country).
fn late(
    project: &Project,
    data: &IndicatorData,
    observed: &Observed,
    s: &Seminar,
    i: usize,
    shown: Period,
    diags: &mut Diagnostics,
) {
    let cat = &project.catalog;
    let trend: BTreeSet<Period> = data
        .main_periods()
        .into_iter()
        .filter(|p| *p <= shown)
        .chain([shown])
        .collect();
    let places: Vec<Place> = s
        .cities
        .iter()
        .map(|&c| Place::City(c))
        .chain([Place::National])
        .collect();
    for ((ind, group, place, period), released, pos) in &observed.released {
        if *ind != i || group.is_some() || !places.contains(place) || !trend.contains(period) {
            continue;
        }
        if *released <= s.date {
            continue;
        }
        diags.warning_hint(
            pos.clone(),
            format!(
                "`{}` for {} {period} was published {released}, after the seminar `{}` ({}), whose report shows it: the seminar could not have shown this figure",
                cat.indicators[i].id,
                cat.place_id(*place),
                s.slug,
                s.date
            ),
            Some("if it revises a figure shown at the seminar, give the value as first published in `previous`; else check `published` and the seminar's `period`".into()),
        );
    }
}

/// Shortcodes on `page` that show no figure. `until`: the seminar's period
/// on a seminar's pages (a `value` without `period` shows the report's).
fn shortcodes(
    project: &Project,
    computed: &Computed,
    observed: &Observed,
    page: &Page,
    until: Option<Period>,
    diags: &mut Diagnostics,
) {
    let cat = &project.catalog;
    // Problems of the shortcodes themselves were reported when loading.
    let mut ignored = Diagnostics::default();
    for seg in shortcode::parse(&page.body, &page.body_pos, cat, &mut ignored) {
        let Segment::Code(code, pos) = seg else {
            continue;
        };
        let indicator = match code {
            Shortcode::Value { indicator, .. }
            | Shortcode::Change { indicator, .. }
            | Shortcode::Chart { indicator, .. } => indicator,
        };
        let data = &computed.indicators[indicator];
        let text = written(cat, &code);
        let no_data = || match until {
            Some(u) => format!(
                "`{}` has no figures for {u} or before",
                cat.indicators[indicator].id
            ),
            None => format!("`{}` has no figures", cat.indicators[indicator].id),
        };
        let why = |cell: &Cell, key: ObsKey| match cell {
            Cell::Missing(m) => Some((reason(*m, key, observed), m.marker())),
            Cell::Value(_) => None,
        };
        match code {
            Shortcode::Value { place, period, .. } => {
                let shown =
                    period.or_else(|| until.map_or(data.latest(), |u| data.report_period(u)));
                let Some(p) = shown else {
                    diags.warning(pos, format!("{text} has no figure: {}", no_data()));
                    continue;
                };
                let Some((reason, marker)) =
                    why(data.cell(None, place, p), (indicator, None, place, p))
                else {
                    continue;
                };
                let message = match period {
                    Some(_) => format!("{text} has no figure: {reason}"),
                    None => format!("{text} has no figure for {p}: {reason}"),
                };
                diags.warning_hint(pos, message, Some(shows(marker)));
            }
            Shortcode::Change {
                place, from, to, ..
            } => {
                let ind = &cat.indicators[indicator];
                if compute::change(ind, data, place, from, to, computed.confidence).is_some() {
                    continue;
                }
                let missing = [from, to].into_iter().find_map(|p| {
                    why(data.cell(None, place, p), (indicator, None, place, p)).map(|w| (p, w))
                });
                let (message, marker) = match missing {
                    Some((p, (reason, marker))) => {
                        (format!("{text} has no figure: {p} is {reason}"), marker)
                    }
                    None if from_is_zero(data, place, from) => (
                        format!("{text} has no figure: the figure for {from} is 0, so there is no change in pct."),
                        Missing::NotApplicable.marker(),
                    ),
                    None => (
                        format!("{text} has no figure: the figures for {from} and {to} cover different cities, so they are not compared"),
                        Missing::NotApplicable.marker(),
                    ),
                };
                diags.warning_hint(pos, message, Some(shows(marker)));
            }
            Shortcode::Chart {
                ref from, ref to, ..
            } => {
                let shown = match to {
                    Some((t, _)) => Some(*t),
                    None => until.and_then(|u| data.report_period(u)).or(data.latest()),
                };
                let Some(last) = shown else {
                    diags.warning(pos, format!("{text} draws nothing: {}", no_data()));
                    continue;
                };
                // `from` after the page's period: no period left to draw.
                if let Some((first, _)) = from {
                    let any = data.main_periods().iter().any(|p| {
                        (*p <= last || p.within(last)) && (p >= first || p.within(*first))
                    });
                    if !any {
                        diags.warning(
                            pos,
                            format!(
                                "{text} draws nothing: `{}` has no figures from {first} to {last}",
                                cat.indicators[indicator].id
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn shows(marker: &str) -> String {
    format!("the page shows \"{marker}\" in its place")
}

fn from_is_zero(data: &IndicatorData, place: Place, from: Period) -> bool {
    data.cell(None, place, from).value() == Some(0.0)
}

/// Why a cell has no figure, in words.
fn reason(m: Missing, key: ObsKey, observed: &Observed) -> String {
    let place = key.2;
    match m {
        Missing::NotReported if observed.held.contains(&key) => {
            "held back in this build (`embargo`, or `published` after the reference date), so not reported (–)".into()
        }
        Missing::NotReported => "not reported (–)".into(),
        Missing::NotApplicable if place.is_aggregate() => {
            "cannot be computed (.): the cities' figures cannot be added up (rates, means without N, shares in pct. only)".into()
        }
        Missing::NotApplicable => "cannot be computed (.): its denominator is 0".into(),
        Missing::Suppressed => "withheld by disclosure control (dis.)".into(),
    }
}

/// A shortcode as it would be written (ids and period codes).
fn written(cat: &Catalog, code: &Shortcode) -> String {
    let id = |i: usize| &cat.indicators[i].id;
    match *code {
        Shortcode::Value {
            indicator,
            place,
            period,
        } => {
            let period = period.map_or(String::new(), |p| format!(", period=\"{p}\""));
            format!(
                "value(indicator=\"{}\", city=\"{}\"{period})",
                id(indicator),
                cat.place_id(place)
            )
        }
        Shortcode::Change {
            indicator,
            place,
            from,
            to,
        } => format!(
            "change(indicator=\"{}\", city=\"{}\", from=\"{from}\", to=\"{to}\")",
            id(indicator),
            cat.place_id(place)
        ),
        Shortcode::Chart {
            indicator,
            kind,
            place,
            ref places,
            ref from,
            ref to,
        } => {
            let city = place.map_or(String::new(), |p| format!(", city=\"{}\"", cat.place_id(p)));
            let cities = if places.is_empty() {
                String::new()
            } else {
                let ids: Vec<String> = places
                    .iter()
                    .map(|p| format!("\"{}\"", cat.place_id(*p)))
                    .collect();
                format!(", cities=[{}]", ids.join(", "))
            };
            let period = |key: &str, p: &Option<(Period, Pos)>| {
                p.as_ref()
                    .map_or(String::new(), |(p, _)| format!(", {key}=\"{p}\""))
            };
            format!(
                "chart(indicator=\"{}\", kind=\"{}\"{city}{cities}{}{})",
                id(indicator),
                kind.id(),
                period("from", from),
                period("to", to)
            )
        }
    }
}
