//! Checks that need more than one file: series gaps, cities without data,
//! targets and shortcodes that refer to periods without data, figures
//! implausible against their own series (`plausible`); and, once the
//! figures are computed, what the pages will show (`figures`).

mod figures;
mod plausible;
mod urls;

use std::collections::BTreeSet;

use crate::diag::Diagnostics;
use crate::model::shortcode::{self, Segment, Shortcode};
use crate::model::{GoalStatus, LinkKind, Measure, Observation, Page, Period, Place, Project};

pub use figures::{figures, Observed};
pub(crate) use urls::config as config_urls;

/// Run every cross-file check, adding problems to `diags`.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    // Once per indicator, not once per shortcode: at national scale an
    // indicator has tens of thousands of observations and pages name it often.
    let periods: Vec<BTreeSet<Period>> = (0..project.catalog.indicators.len())
        .map(|i| periods_of(project, i))
        .collect();
    series(project, &periods, diags);
    disclosure_coverage(project, diags);
    links_hold(project, diags);
    crate::embargo::check(project, diags);
    plausible::check(project, diags);
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
            Shortcode::Chart {
                indicator,
                from,
                to,
                ..
            } => {
                chart_periods(project, &periods[indicator], indicator, [from, to], diags);
                continue;
            }
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

/// A chart's `from` and `to` name a period with data for its indicator: one
/// of its periods, or one holding some (`from="2019"` of a quarterly series).
/// Reported where the argument is written.
fn chart_periods(
    project: &Project,
    known: &BTreeSet<Period>,
    indicator: usize,
    asked: [Option<(Period, crate::diag::Pos)>; 2],
    diags: &mut Diagnostics,
) {
    for (p, pos) in asked.into_iter().flatten() {
        if !known.iter().any(|k| *k == p || k.within(p)) {
            let id = &project.catalog.indicators[indicator].id;
            diags.error(
                pos,
                format!("shortcode asks for `{id}` in period {p}, which has no data"),
            );
        }
    }
}

/// Figures the disclosure rule cannot see: a share given only in pct., a
/// mean without N, a rate without its count, a count that is not a whole
/// number. One problem per such row (the remedy at the first): a warning,
/// or an error with `strict_disclosure`; none where the indicator declares
/// `unchecked = "…"` (why its figures are not about few persons).
fn disclosure_coverage(project: &Project, diags: &mut Diagnostics) {
    if project.config.min_cell == 0 {
        return;
    }
    for (i, ind) in project.catalog.indicators.iter().enumerate() {
        if ind.unchecked.is_some() {
            continue;
        }
        let (what, needed) = match ind.measure {
            Measure::Share => ("a share in pct.", "numerator and denominator"),
            Measure::Count => (
                "a count that is not a whole number",
                "the number of persons",
            ),
            Measure::Mean => ("a mean", "N (the persons behind it)"),
            Measure::Rate => ("a rate", "its count (numerator or n)"),
        };
        let blind = project.observations.of_indicator(i).filter(|(_, o)| {
            o.value.is_some()
                && match ind.measure {
                    Measure::Share => o.numerator.is_none() || o.denominator.is_none(),
                    Measure::Count => o.value.is_some_and(|v| v.fract() != 0.0 || v < 0.0),
                    Measure::Mean => o.n.is_none(),
                    Measure::Rate => o.numerator.is_none() && o.n.is_none(),
                }
        });
        let file = ind
            .pos
            .path
            .strip_prefix(&project.root)
            .unwrap_or(&ind.pos.path);
        for (k, (_, o)) in blind.enumerate() {
            let message = format!(
                "`{}` gives {what} without {needed}: disclosure control cannot check this figure for small numbers",
                ind.id
            );
            // The remedy is said once per indicator, at its first figure.
            let hint = (k == 0).then(|| format!(
                "give {needed}; or, if these figures cannot reveal few persons, say why in {} with `unchecked = \"…\"`",
                file.display()
            ));
            if project.config.strict_disclosure {
                diags.error_hint(o.pos.clone(), message, hint);
            } else {
                diags.warning_hint(o.pos.clone(), message, hint);
            }
        }
    }
}

/// The people an observation counts (a share's numerator, a count, N).
fn people(measure: Measure, o: &Observation) -> Option<u64> {
    match measure {
        Measure::Share => o.numerator,
        Measure::Rate => o.numerator.or(o.n),
        Measure::Count => o
            .value
            .filter(|v| v.fract() == 0.0 && *v >= 0.0)
            .map(|v| v as u64),
        Measure::Mean => o.n,
    }
}

/// Declared links (`numerator_of`, `same_people_as`, `complement_of`) that
/// the data contradicts: disclosure control uses a link only where it holds,
/// so a link that does not hold protects nothing there; say so once per link.
fn links_hold(project: &Project, diags: &mut Diagnostics) {
    let cat = &project.catalog;
    for (a, ind) in cat.indicators.iter().enumerate() {
        for link in &ind.links {
            let other = &cat.indicators[link.other];
            let (mut both, mut differ, mut first) = (0, 0, None);
            for (&(_, g, place, period), o) in project.observations.of_indicator(a) {
                let group = match g {
                    None => None,
                    Some(g) => match other.groups.iter().position(|x| x.id == ind.groups[g].id) {
                        Some(h) => Some(h),
                        None => continue,
                    },
                };
                let Some(p) = project
                    .observations
                    .get(&(link.other, group, place, period))
                else {
                    continue;
                };
                let holds = match link.kind {
                    LinkKind::NumeratorOf | LinkKind::SamePeople => {
                        match (people(ind.measure, o), people(other.measure, p)) {
                            (Some(x), Some(y)) => Some(x == y),
                            _ => None,
                        }
                    }
                    LinkKind::ComplementOf => {
                        match (o.numerator, o.denominator, p.numerator, p.denominator) {
                            (Some(n1), Some(d1), Some(n2), Some(d2)) => {
                                Some(d1 == d2 && n1 + n2 <= d1)
                            }
                            _ => None,
                        }
                    }
                };
                let Some(holds) = holds else { continue };
                both += 1;
                if !holds {
                    differ += 1;
                    first.get_or_insert_with(|| o.pos.clone());
                }
            }
            let Some(pos) = first else { continue };
            let what = match link.kind {
                LinkKind::NumeratorOf => format!("`numerator_of = \"{}\"`", other.id),
                LinkKind::SamePeople => format!("`same_people_as` `{}`", other.id),
                LinkKind::ComplementOf => format!("`complement_of = \"{}\"`", other.id),
            };
            let expected = match link.kind {
                LinkKind::ComplementOf => {
                    "the same denominator, and numerators that add up to at most it"
                }
                _ => "the same number of persons",
            };
            diags.warning_hint(
                pos,
                format!(
                    "`{}` is declared {what}, but {differ} of {both} cells with figures in both do not have {expected} (first here); disclosure control uses the link only where it holds",
                    ind.id
                ),
                Some("correct the figures, or remove the declaration if the indicators do not count the same people".into()),
            );
        }
    }
}
