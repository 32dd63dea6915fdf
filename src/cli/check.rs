//! `maalrapport check`: validate everything, report every problem; with
//! `--disclosure`, also print the disclosure audit (for the analyst only).

use clap::Args;

use super::{EmbargoArgs, RootArgs};
use crate::compute::disclosure::{Disclosure, Reason};
use crate::diag::Severity;
use crate::model::Catalog;

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Also print the disclosure audit: every withheld cell, why, and the
    /// range an attacker can work out for it from the published figures.
    /// For the analyst's eyes only: the ranges narrow down withheld numbers.
    #[arg(long)]
    pub disclosure: bool,
    #[command(flatten)]
    pub embargo: EmbargoArgs,
}

pub fn run(args: &CheckArgs) -> u8 {
    let root = &args.root.root;
    let (project, diags) = crate::load::load(root);
    let errors = diags.count(Severity::Error);
    let all = diags.sorted();
    let project = match project {
        Some(p) if errors == 0 => p,
        _ => {
            let warnings = all
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count();
            for d in &all {
                eprintln!("{}", d.render(root));
            }
            eprintln!("check: {errors} error(s), {warnings} warning(s)");
            return 1;
        }
    };
    let summary = format!(
        "{} cities, {} goals, {} indicators, {} observations, {} seminars",
        project.catalog.cities.len(),
        project.catalog.goals.len(),
        project.catalog.indicators.len(),
        project.observations.len(),
        project.content.seminars.len(),
    );
    // What the pages would show, drafts and held-back figures included: the
    // analyst checks what is being prepared, not only what is published.
    let preview = crate::site::BuildOptions {
        drafts: true,
        as_of: args.embargo.as_of,
        ..Default::default()
    };
    let warnings = match crate::site::prepare_loaded(project, all, &preview) {
        Ok(prepared) => prepared.warnings,
        Err(crate::site::BuildError::Problems(problems)) => problems,
        Err(crate::site::BuildError::Failed(e)) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    for d in &warnings {
        eprintln!("{}", d.render(root));
    }
    let errors = warnings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        eprintln!(
            "check: {errors} error(s), {} warning(s)",
            warnings.len() - errors
        );
        return 1;
    }
    println!("check: ok — {summary}; {} warning(s)", warnings.len());
    if !args.disclosure {
        return 0;
    }
    let opts = crate::site::BuildOptions {
        exact_audit: true,
        ..args.embargo.options()
    };
    let prepared = match crate::site::prepare(root, &opts) {
        Ok(p) => p,
        Err(_) => return 1,
    };
    print!(
        "{}",
        report(&prepared.project.catalog, &prepared.disclosure)
    );
    let failures = prepared.disclosure.diagnostics(&prepared.project.catalog);
    for d in &failures {
        eprintln!("{}", d.render(root));
    }
    u8::from(!failures.is_empty())
}

/// The audit as text: a summary, then one line per withheld cell.
pub fn report(catalog: &Catalog, d: &Disclosure) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    if d.min_cell == 0 {
        s.push_str("disclosure: off (min_cell = 0): every figure is published\n");
        return s;
    }
    let primary = d
        .withheld
        .iter()
        .filter(|w| matches!(w.reason, Reason::Primary(_)))
        .count();
    let _ = writeln!(
        s,
        "disclosure: min_cell = {}; {} of {} checked cells withheld ({:.1} %): {primary} primary, {} secondary; {} audit failure(s)",
        d.min_cell,
        d.withheld.len(),
        d.checked,
        d.share_withheld() * 100.0,
        d.withheld.len() - primary,
        d.failures.len(),
    );
    let name = |(i, g, place, t): crate::compute::disclosure::model::Key| {
        let ind = &catalog.indicators[i];
        let group = g
            .map(|g| format!(" [{}]", ind.groups[g].id))
            .unwrap_or_default();
        format!("{}{group} {} {t}", ind.id, catalog.place_id(place))
    };
    for w in &d.withheld {
        let why = match &w.reason {
            Reason::Primary(what) => format!("primary: {what} below {}", d.min_cell),
            Reason::Secondary(k) => format!("secondary: protects {}", name(*k)),
        };
        let ranges: Vec<String> = w
            .ranges
            .iter()
            .filter_map(|(label, r)| {
                let r = r.as_ref()?;
                let hi = r.hi.map_or("∞".to_owned(), |h| h.to_string());
                Some(format!("{label} {}–{hi}", r.lo))
            })
            .collect();
        let _ = writeln!(
            s,
            "  {}: {why}; an attacker can tell: {}",
            name(w.key),
            ranges.join(", ")
        );
    }
    s
}
