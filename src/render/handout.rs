//! A seminar's short city handout: what a committee member reads. Page one
//! is the overview (the spine chart and its table); then one compact panel
//! per goal with each indicator's key figure, change, comparison and target
//! status, a small trend of the city against the network and the country,
//! and the seminar's commentary. Definitions, every city's table and the
//! benchmark bars stay in the full handout (`fuld/`), the seminar report
//! and the indicator pages.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::commentary::{untitled, PageScope};
use super::figures::{self, chart_files, ChartView, Scope};
use super::overview::{overview, OverviewScope};
use super::views::{self, Badge, Frame};
use super::{PageOut, Renderer};
use crate::model::{GoalStatus, Period, Seminar};

/// One indicator in a goal's panel.
#[derive(Serialize)]
struct Panel {
    id: String,
    title: String,
    /// The indicator's page and its section in the full handout.
    url: String,
    detail: String,
    has_data: bool,
    period: Option<String>,
    baseline: Option<String>,
    value: String,
    ci: String,
    network: String,
    national: Option<String>,
    network_name: String,
    /// Change since the baseline (else since the period before), and since when.
    change: String,
    change_since: Option<String>,
    compared: bool,
    comparison: Option<Badge>,
    target: Option<String>,
    status: Option<Badge>,
    /// Footnotes of the city's figure ("dis.: …").
    notes: Vec<String>,
    chart: Option<String>,
    commentary: Option<String>,
    /// The city's fact sheet for the indicator, if it has one.
    factsheet: Option<String>,
}

#[derive(Serialize)]
struct GoalPanel {
    id: String,
    label: String,
    text: String,
    origin: &'static str,
    pending: bool,
    expected: Option<String>,
    panels: Vec<Panel>,
    /// Indicators shown under an earlier goal: (title, anchor).
    shown_above: Vec<(String, String)>,
}

#[derive(Serialize)]
struct AreaPanels {
    id: String,
    title: String,
    goals: Vec<GoalPanel>,
}

/// The indicators of a seminar in report order, each once.
pub(super) fn seminar_indicators(r: &Renderer, s: &Seminar) -> Vec<usize> {
    let cat = &r.project.catalog;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for &a in &s.areas {
        for (gi, _) in cat.goals_in_area(a) {
            for (ii, _) in cat.indicators_of_goal(gi) {
                if seen.insert(ii) {
                    out.push(ii);
                }
            }
        }
    }
    out
}

/// The short handout of `city` for seminar `s`, at `dir` (root `root`);
/// `full` is the full handout's URL relative to this page, if there is one.
pub(super) fn page(
    r: &Renderer,
    s: &Seminar,
    c: usize,
    dir: &str,
    root: &str,
    full: Option<&str>,
) -> Result<PageOut, String> {
    let cat = &r.project.catalog;
    let city = &cat.cities[c];
    let only = [c];
    let mut scope = PageScope {
        cities: &s.cities,
        focus: Some(c),
        until: Some(s.period),
        charts: Vec::new(),
    };
    let city_page = s.city_notes.get(&c);
    // Compact: no commentary titles here — the page (the city) and each
    // panel (the indicator) already have a heading that says it.
    let city_note = city_page.map(|p| untitled(r, p, "by-", 1, &mut scope));
    let mut draft = s.draft || city_page.is_some_and(|p| p.draft);
    let mut notes: Vec<Option<String>> = vec![None; cat.indicators.len()];
    for (i, p) in &s.indicator_notes {
        draft |= p.draft;
        notes[*i] = Some(untitled(
            r,
            p,
            &format!("{}-", cat.indicators[*i].id),
            4,
            &mut scope,
        ));
    }
    let indicators = seminar_indicators(r, s);
    let anchor = |i: usize| format!("#ind-{}", cat.indicators[i].id);
    let name = format!("overblik-{}", city.id);
    let over = overview(&OverviewScope {
        catalog: cat,
        computed: r.computed,
        indicators: &indicators,
        until: Some(s.period),
        cities: &s.cities,
        city: c,
        name: &name,
        href: &anchor,
        png: r.png,
    });
    let mut charts: Vec<ChartView> = Vec::new();
    let mut seen = BTreeSet::new();
    let dates = super::pages::seminar_dates(r, s);
    let areas: Vec<AreaPanels> = s
        .areas
        .iter()
        .map(|&a| AreaPanels {
            id: cat.areas[a].id.clone(),
            title: cat.areas[a].title.clone(),
            goals: cat
                .goals_in_area(a)
                .map(|(gi, g)| {
                    let mut panels = Vec::new();
                    let mut shown_above = Vec::new();
                    for (ii, ind) in cat.indicators_of_goal(gi) {
                        if !seen.insert(ii) {
                            shown_above.push((ind.title.clone(), anchor(ii)));
                            continue;
                        }
                        let frame = Frame {
                            cities: &s.cities,
                            focus: Some(c),
                            until: Some(s.period),
                            baseline: s.baseline,
                            root,
                            name: &ind.id,
                            trend: false,
                            bars: false,
                            map: false,
                            seminar: Some(dates),
                            png: r.png,
                        };
                        let view = views::indicator(cat, r.computed, ii, &frame, None);
                        let small = small_chart(r, ii, &only, c, s.period);
                        let panel = panel(
                            view,
                            small.as_ref().map(|c| c.html(r.png)),
                            notes[ii].take(),
                            full,
                            cat.network_name.clone(),
                        );
                        charts.extend(small);
                        panels.push(panel);
                    }
                    GoalPanel {
                        id: g.id.clone(),
                        label: g.label_da(),
                        text: g.text.clone(),
                        origin: g.origin.label_da(),
                        pending: g.status == GoalStatus::Pending,
                        expected: g.expected.clone(),
                        panels,
                        shown_above,
                    }
                })
                .collect(),
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert(
        "page",
        &serde_json::json!({
            "title": format!("{} – {}", s.title, city.name),
            "description": format!("{} {}: {} overblik og status på de fælles sociale mål", s.kind.label_da(), s.date.label_da(), crate::format::genitive(&city.name)),
            "root": root, "kind": "handout", "draft": draft,
        }),
    );
    let pdf = |full: bool| {
        r.pdf.covers(&s.slug).then(|| {
            let path = super::print::pdf_path(&s.slug, Some(&city.id));
            if full {
                format!("{root}{}", super::print::full_pdf_path(&s.slug, &city.id))
            } else {
                format!("{root}{path}")
            }
        })
    };
    ctx.insert("seminar", &super::pages::seminar_view(r, s, root));
    ctx.insert(
        "city",
        &serde_json::json!({
            "id": city.id, "name": city.name,
            "url": format!("{root}cities/{}/index.html", city.id),
            "pdf": pdf(false),
            "full_url": full,
            "full_pdf": pdf(true).filter(|_| r.full_pdf && full.is_some()),
        }),
    );
    ctx.insert("city_commentary", &city_note);
    ctx.insert("overview", &over.as_ref().map(|(_, html)| html));
    ctx.insert("areas", &areas);
    let html = r.page("handout.html", ctx)?;
    let mut files = chart_files(dir, charts.iter().chain(&scope.charts));
    if let Some((view, _)) = &over {
        files.extend(view.files(dir));
    }
    Ok(PageOut {
        path: format!("{dir}index.html"),
        html,
        files,
    })
}

/// The small trend of one indicator: the city, the network and the country.
fn small_chart(
    r: &Renderer,
    i: usize,
    only: &[usize],
    c: usize,
    until: Period,
) -> Option<ChartView> {
    let data = &r.computed.indicators[i];
    let p = data.report_period(until)?;
    let periods: Vec<Period> = data
        .main_periods()
        .into_iter()
        .filter(|x| *x <= p)
        .collect();
    (periods.len() > 1).then(|| {
        let scope = Scope {
            catalog: &r.project.catalog,
            computed: r.computed,
            indicator: i,
            cities: only,
            focus: Some(c),
            name: &r.project.catalog.indicators[i].id,
        };
        figures::small_trend(&scope, &periods)
    })
}

fn panel(
    view: views::IndicatorView,
    chart: Option<String>,
    commentary: Option<String>,
    full: Option<&str>,
    network_name: String,
) -> Panel {
    let city = view.rows.iter().find(|row| row.highlight);
    let network = view.rows.iter().find(|row| row.kind == "network");
    let national = view.rows.iter().find(|row| row.kind == "national");
    let (change, change_since) = match city {
        Some(row) if !row.change.is_empty() => (row.change.clone(), view.baseline.clone()),
        Some(row) if !row.change_previous.is_empty() => {
            (row.change_previous.clone(), view.previous.clone())
        }
        _ => (String::new(), None),
    };
    let notes = city
        .map(|row| {
            row.notes
                .iter()
                .filter_map(|n| view.notes.get(*n))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Panel {
        detail: full.map_or_else(
            || format!("#ind-{}", view.id),
            |f| format!("{f}#ind-{}", view.id),
        ),
        id: view.id.clone(),
        title: view.title.clone(),
        url: view.url.clone(),
        has_data: view.has_data && city.is_some(),
        period: view.period.clone(),
        baseline: view.baseline.clone(),
        value: city.map(|row| row.value.clone()).unwrap_or_default(),
        ci: city.map(|row| row.ci.clone()).unwrap_or_default(),
        network: network.map(|row| row.value.clone()).unwrap_or_default(),
        national: national.map(|row| row.value.clone()),
        network_name,
        change,
        change_since,
        compared: view.compared,
        comparison: city.filter(|_| view.compared).map(|row| Badge {
            ..clone_badge(&row.comparison)
        }),
        target: view.target.clone(),
        status: city
            .filter(|_| view.target.is_some())
            .map(|row| clone_badge(&row.status)),
        notes,
        chart,
        commentary,
        factsheet: view.factsheet.clone(),
    }
}

fn clone_badge(b: &Badge) -> Badge {
    Badge {
        id: b.id,
        label: b.label,
        symbol: b.symbol,
    }
}
