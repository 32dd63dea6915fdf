//! Checks that need more than one file: series gaps, cities without data,
//! targets and shortcodes that refer to periods without data.

mod urls;

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::model::shortcode::{self, Segment, Shortcode};
use crate::model::{GoalStatus, Page, Period, Place, Project};

pub(crate) use urls::config as config_urls;

/// Run every cross-file check, adding problems to `diags`.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    // Once per indicator, not once per shortcode: at national scale an
    // indicator has tens of thousands of observations and pages name it often.
    let periods: Vec<BTreeSet<Period>> = (0..project.catalog.indicators.len())
        .map(|i| periods_of(project, i))
        .collect();
    series(project, &periods, diags);
    crate::embargo::check(project, diags);
    for page in pages(project) {
        shortcodes(project, &periods, page, diags);
        urls::page(page, diags);
    }
}

/// Every Markdown page of the project (drafts included: they are checked too).
fn pages(project: &Project) -> impl Iterator<Item = &Page> {
    let c = &project.content;
    c.front
        .iter()
        .chain(c.city_notes.values())
        .chain(c.indicator_notes.values())
        .chain(c.seminars.iter().flat_map(|s| {
            std::iter::once(&s.intro)
                .chain(s.indicator_notes.values())
                .chain(s.city_notes.values())
        }))
}

fn periods_of(project: &Project, indicator: usize) -> BTreeSet<Period> {
    project
        .observations
        .of_indicator(indicator)
        .map(|(k, _)| k.3)
        .collect()
}

/// `periods[i]`: every period with data for indicator `i`.
fn series(project: &Project, periods: &[BTreeSet<Period>], diags: &mut Diagnostics) {
    let cat = &project.catalog;
    for (i, ind) in cat.indicators.iter().enumerate() {
        let all = &periods[i];
        if let Some(t) = &ind.target {
            if let Some(b) = t.baseline.filter(|b| !all.contains(b)) {
                diags.error(
                    t.pos.clone(),
                    format!(
                        "target baseline {b} of `{}` is a period with no data for this indicator",
                        ind.id
                    ),
                );
            }
        }
        let pending = ind
            .goals
            .iter()
            .all(|g| cat.goals[*g].status == GoalStatus::Pending);
        if all.is_empty() {
            if !pending {
                diags.warning(
                    ind.pos.clone(),
                    format!("indicator `{}` has no data", ind.id),
                );
            }
            continue;
        }
        let mut without = Vec::new();
        for (c, city) in cat.cities.iter().enumerate() {
            let mut own: Vec<Period> = project
                .observations
                .series(i, None, Place::City(c))
                .map(|(p, _)| p)
                .collect();
            let in_groups = || {
                project
                    .observations
                    .of_indicator(i)
                    .any(|(k, _)| k.2 == Place::City(c))
            };
            if own.is_empty() && !in_groups() {
                without.push(city.id.as_str());
                continue;
            }
            // Gaps: a period of the same granularity between two reported ones.
            // Grouped by granularity first, so quarterly figures between two
            // years do not hide a missing year.
            own.sort_by_key(|p| (p.granularity(), *p));
            for w in own.windows(2) {
                let (a, b) = (w[0], w[1]);
                if a.granularity() == b.granularity()
                    && a.steps_to(b) > 1
                    && all.contains(&a.next())
                {
                    diags.warning(
                        project
                            .observations
                            .get(&(i, None, Place::City(c), b))
                            .map_or(ind.pos.clone(), |o| o.pos.clone()),
                        format!(
                            "{} has no `{}` figure for {} (gap in the series)",
                            city.id,
                            ind.id,
                            a.next()
                        ),
                    );
                }
            }
        }
        if !without.is_empty() {
            diags.warning(
                ind.pos.clone(),
                format!(
                    "no data for indicator `{}` from {}",
                    ind.id,
                    without.join(", ")
                ),
            );
        }
    }
}

fn shortcodes(
    project: &Project,
    periods: &[BTreeSet<Period>],
    page: &Page,
    diags: &mut Diagnostics,
) {
    for seg in shortcode::parse(&page.body, &page.body_pos, &project.catalog, diags) {
        let Segment::Code(code, pos) = seg else {
            continue;
        };
        let (indicator, asked) = match code {
            Shortcode::Value {
                indicator, period, ..
            } => (indicator, period.into_iter().collect::<Vec<_>>()),
            Shortcode::Change {
                indicator,
                from,
                to,
                ..
            } => (indicator, vec![from, to]),
            Shortcode::Chart { .. } => continue,
        };
        let known = &periods[indicator];
        for p in asked.into_iter().filter(|p| !known.contains(p)) {
            let id = &project.catalog.indicators[indicator].id;
            diags.error(
                pos.clone(),
                format!("shortcode asks for `{id}` in period {p}, which has no data"),
            );
        }
    }
}
