//! Commentary: Markdown with its shortcodes expanded into figures, changes and
//! charts drawn from the computed data, for the page it appears on.

use super::figures::{self, chart_files, ChartView, Scope};
use super::markdown::Markdown;
use super::prose;
use super::Renderer;
use crate::compute::{self, Cell};
use crate::diag::Diagnostics;
use crate::model::shortcode::{self, ChartKind, Shortcode};
use crate::model::{Page, Period, Place};

/// Where shortcodes of one page draw from, and the charts they add.
pub(super) struct PageScope<'a> {
    pub cities: &'a [usize],
    pub focus: Option<usize>,
    pub until: Option<Period>,
    pub charts: Vec<ChartView>,
}

/// Commentary shown for one city outside the pages above (fact sheets): its
/// HTML and the files of the charts its shortcodes drew, under `dir`. Its
/// title is an h2 under the sheet's h1, its own headings below that.
pub(super) fn city_commentary(
    r: &Renderer,
    page: &Page,
    city: usize,
    dir: &str,
) -> (String, Vec<(String, Vec<u8>)>) {
    let cities = [city];
    let mut scope = PageScope {
        cities: &cities,
        focus: Some(city),
        until: None,
        charts: Vec::new(),
    };
    let html = commentary(r, page, "resultat-", 1, &mut scope);
    (html, chart_files(dir, scope.charts.iter()))
}

/// Markdown commentary with its shortcodes expanded, under its `title` (from
/// the front matter) as a heading one level below the page's heading it
/// stands under (`h{demote + 1}`); the body's own headings go below the
/// title, or take its level when there is none. Shortcode problems were
/// reported by `check`; one that still fails to resolve renders as nothing.
pub(super) fn commentary(
    r: &Renderer,
    page: &Page,
    prefix: &str,
    demote: u8,
    scope: &mut PageScope,
) -> String {
    titled(r, page, page.title.as_deref(), prefix, demote, scope)
}

/// [`commentary`] without its title, for a text whose page's own heading
/// says it (the front page's is the site's title).
pub(super) fn untitled(
    r: &Renderer,
    page: &Page,
    prefix: &str,
    demote: u8,
    scope: &mut PageScope,
) -> String {
    titled(r, page, None, prefix, demote, scope)
}

fn titled(
    r: &Renderer,
    page: &Page,
    title: Option<&str>,
    prefix: &str,
    demote: u8,
    scope: &mut PageScope,
) -> String {
    let mut ignored = Diagnostics::default();
    let segments = shortcode::parse(&page.body, &page.body_pos, &r.project.catalog, &mut ignored);
    let level = (demote + 1).min(6);
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    let md = Markdown {
        prefix,
        top: if title.is_some() {
            (level + 1).min(6)
        } else {
            level
        },
    };
    let body = md.render(&segments, |code| expand(r, code, prefix, scope));
    let html = match title {
        Some(t) => format!(
            "<h{level} class=\"commentary-title\">{}</h{level}>\n{body}",
            super::markdown::escape(t)
        ),
        None => body,
    };
    if page.draft {
        format!("<div class=\"draft-note\"><p class=\"draft-label\">UDKAST – ikke offentliggjort</p>\n{html}</div>")
    } else {
        html
    }
}

fn expand(r: &Renderer, code: &Shortcode, prefix: &str, scope: &mut PageScope) -> String {
    let cat = &r.project.catalog;
    let missing = |cell: &Cell| match cell {
        Cell::Missing(m) => format!(
            "<span class=\"missing missing-{}\">{}</span>",
            m.id(),
            m.marker()
        ),
        Cell::Value(_) => String::new(),
    };
    match *code {
        Shortcode::Value {
            indicator,
            place,
            period,
        } => {
            let data = &r.computed.indicators[indicator];
            let Some(p) =
                period.or_else(|| scope.until.map_or(data.latest(), |u| data.report_period(u)))
            else {
                return missing(&Cell::Missing(compute::Missing::NotReported));
            };
            let cell = data.cell(None, place, p);
            match cell.figure() {
                Some(f) => {
                    let text = prose::value_prose(&cat.indicators[indicator], f.value);
                    // An aggregate short of some cities says so where it stands.
                    let partial = if prose::is_partial(f) {
                        format!(" (uden {})", prose::missing_names(cat, f))
                    } else {
                        String::new()
                    };
                    format!(
                        "<span class=\"figure\">{}</span>{}",
                        super::markdown::escape(&text),
                        super::markdown::escape(&partial)
                    )
                }
                None => missing(cell),
            }
        }
        Shortcode::Change {
            indicator,
            place,
            from,
            to,
        } => {
            let data = &r.computed.indicators[indicator];
            let ind = &cat.indicators[indicator];
            match compute::change(ind, data, place, from, to, r.computed.confidence) {
                Some(c) => format!(
                    "<span class=\"figure\">{}</span>",
                    super::markdown::escape(&c.label_da())
                ),
                None => {
                    let bad = [from, to]
                        .into_iter()
                        .map(|p| data.cell(None, place, p))
                        .find(|c| c.value().is_none());
                    missing(bad.unwrap_or(&Cell::Missing(compute::Missing::NotApplicable)))
                }
            }
        }
        Shortcode::Chart {
            indicator,
            kind,
            place,
            ref places,
            ref from,
            ref to,
        } => {
            let data = &r.computed.indicators[indicator];
            // `cities`: the chosen cities are the chart's, all drawn alike
            // unless `city` names the one that stands out (the page's own
            // city would make the others faint context).
            let chosen: Vec<usize> = places
                .iter()
                .filter_map(|p| match p {
                    Place::City(c) => Some(*c),
                    _ => None,
                })
                .collect();
            let cities = if places.is_empty() {
                scope.cities
            } else {
                &chosen
            };
            let focus = match place {
                Some(Place::City(c)) => Some(c),
                _ if places.is_empty() => scope.focus,
                _ => None,
            };
            let name = format!(
                "{prefix}{}-{}",
                scope.charts.len() + 1,
                cat.indicators[indicator].id
            );
            let chart_scope = Scope {
                catalog: cat,
                computed: r.computed,
                indicator,
                cities,
                focus,
                name: &name,
            };
            // `to` ends the chart; else the page's period, else the latest.
            let until = match to {
                Some((t, _)) => Some(*t),
                None => scope
                    .until
                    .and_then(|u| data.report_period(u))
                    .or(data.latest()),
            };
            let Some(until) = until else {
                return String::new();
            };
            let periods = || -> Vec<Period> {
                data.main_periods()
                    .into_iter()
                    .filter(|p| *p <= until || p.within(until))
                    .filter(|p| from.as_ref().is_none_or(|(f, _)| *p >= *f || p.within(*f)))
                    .collect()
            };
            let chart = match kind {
                ChartKind::Trend => {
                    let chosen = Some(places.as_slice()).filter(|p| !p.is_empty());
                    figures::trend_of(&chart_scope, chosen, &periods(), to.is_none())
                }
                ChartKind::Bars if places.is_empty() => figures::bars(&chart_scope, until),
                ChartKind::Bars => {
                    figures::bars_of(&chart_scope, until, places.contains(&Place::Network))
                }
                ChartKind::SmallMultiples => {
                    let shown: Vec<Place> = if places.is_empty() {
                        cities.iter().map(|c| Place::City(*c)).collect()
                    } else {
                        places.clone()
                    };
                    super::multiples::small_multiples(&chart_scope, &shown, &periods())
                }
                ChartKind::Map => match super::map::map(&chart_scope, until) {
                    Some(chart) => chart,
                    None => return String::new(),
                },
            };
            let html = chart.html(r.png);
            scope.charts.push(chart);
            html
        }
    }
}
