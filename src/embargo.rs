//! What a build may publish. Drafts, seminars whose `publish` date lies
//! after the reference date (`--as-of`, else the config's `as_of`), and
//! observations held back for a seminar (`embargo = "<slug>"` in the values)
//! or released later (`published` after the reference date) appear on no
//! page and in no file. A seminar with a future `publish` date and no
//! reference date is an error: without one the build cannot know it is
//! embargoed, and would publish it.
//!
//! `bundle --seminar S --drafts` previews S alone: S is kept (marked as a
//! draft when it is one, or embargoed), every other draft and embargoed
//! seminar stays out, so a bundle holds nothing its own build would not.

use crate::diag::{did_you_mean, Diagnostic, Diagnostics, Pos};
use crate::model::{Content, Date, Project, Seminar};
use crate::site::BuildOptions;

/// Remove from `project` everything this build must not publish; the
/// problems when the reference date is missing for a future `publish`.
pub fn apply(project: &mut Project, opts: &BuildOptions) -> Result<(), Vec<Diagnostic>> {
    let as_of = opts.as_of.or(project.config.as_of);
    let preview = opts.drafts || opts.seminar_drafts.is_some();
    let today = today();
    if as_of.is_none() && !preview {
        let problems = future_without_as_of(project, today);
        if !problems.is_empty() {
            return Err(problems);
        }
    }
    // Without a reference date nothing lies in the future (checked above),
    // except in a preview, where today decides what is marked a draft.
    let reference = as_of.unwrap_or(today);
    match &opts.seminar_drafts {
        Some(slug) => only_this_seminar(&mut project.content, reference, slug),
        None => project.content.embargo(Some(reference), opts.drafts),
    }
    withhold_observations(project, reference, opts.drafts);
    Ok(())
}

fn embargoed(s: &Seminar, reference: Date) -> bool {
    s.draft || s.publish.is_some_and(|p| p > reference)
}

/// Keep `slug` (as a draft when it is embargoed) and publish nothing else
/// that a build without `--drafts` would not.
fn only_this_seminar(content: &mut Content, reference: Date, slug: &str) {
    let keep = content
        .seminars
        .iter()
        .position(|s| s.slug == slug)
        .map(|i| content.seminars.remove(i));
    content.embargo(Some(reference), false);
    if let Some(mut s) = keep {
        s.draft = embargoed(&s, reference);
        content.seminars.push(s);
        content
            .seminars
            .sort_by(|a, b| (b.date, &a.slug).cmp(&(a.date, &b.slug)));
    }
}

/// Observations held back for a seminar that this build does not publish,
/// and (unless previewing drafts) those released after `reference`.
fn withhold_observations(project: &mut Project, reference: Date, drafts: bool) {
    let published: Vec<&str> = project
        .content
        .seminars
        .iter()
        .map(|s| s.slug.as_str())
        .collect();
    let held: Vec<_> = project
        .observations
        .embargoes()
        .filter(|(_, slug, _)| !published.contains(&slug.as_str()))
        .map(|(k, _, _)| *k)
        .collect();
    project
        .observations
        .retain(|k, o| !held.contains(k) && (drafts || o.published.is_none_or(|p| p <= reference)));
}

/// `check`: every `embargo` names a seminar.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    let slugs: Vec<&str> = project
        .content
        .seminars
        .iter()
        .map(|s| s.slug.as_str())
        .collect();
    for (_, slug, pos) in project.observations.embargoes() {
        if !slugs.contains(&slug.as_str()) {
            diags.error_hint(
                pos.clone(),
                format!("`embargo = {slug}` names no seminar: expected the folder name of one under content/seminars/"),
                did_you_mean(slug, slugs.iter().copied()),
            );
        }
    }
}

fn future_without_as_of(project: &Project, today: Date) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    for s in &project.content.seminars {
        let Some(publish) = s.publish.filter(|p| *p > today) else {
            continue;
        };
        let rel = s.intro.body_pos.path.clone();
        let line = std::fs::read_to_string(project.root.join(&rel))
            .ok()
            .and_then(|t| {
                t.lines()
                    .position(|l| l.trim_start().starts_with("publish"))
            })
            .map_or(1, |i| i + 1);
        diags.error(
            Pos::new(rel, line, 1),
            format!(
                "`publish = {publish}` lies in the future, but no reference date is set, so the seminar would be published now: set `as_of` in maalrapport.toml or build with --as-of YYYY-MM-DD (or --drafts for a preview marked UDKAST)"
            ),
        );
    }
    diags.sorted()
}

/// Today's date (UTC) from the system clock.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The calendar date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        let d = |y, m, d| Date {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(civil_from_days(0), d(1970, 1, 1));
        assert_eq!(civil_from_days(19_782), d(2024, 2, 29));
        assert_eq!(civil_from_days(20_425), d(2025, 12, 3));
        assert!(today() >= d(2025, 1, 1));
    }
}
