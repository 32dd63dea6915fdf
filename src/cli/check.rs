//! `maalrapport check`: validate everything, report every problem.

use super::RootArgs;
use crate::diag::Severity;

pub fn run(args: &RootArgs) -> u8 {
    let (project, diags) = crate::load::load(&args.root);
    let errors = diags.count(Severity::Error);
    let warnings = diags.count(Severity::Warning);
    for d in diags.sorted() {
        eprintln!("{}", d.render(&args.root));
    }
    if errors > 0 || project.is_none() {
        eprintln!("check: {errors} error(s), {warnings} warning(s)");
        return 1;
    }
    let p = project.expect("checked above");
    println!(
        "check: ok — {} cities, {} goals, {} indicators, {} observations, {} seminars; {warnings} warning(s)",
        p.catalog.cities.len(),
        p.catalog.goals.len(),
        p.catalog.indicators.len(),
        p.observations.len(),
        p.content.seminars.len(),
    );
    0
}
