//! The warnings an analyst needs (issue 14): figures implausible against
//! their own series, shortcodes that show no figure, seminar periods without
//! data, figures released after the seminar that shows them. Each at its
//! exact `file:line:col`, from `check`, `build` and `serve`; never a change
//! to the data, never a withheld number in the message.

use crate::harness::{Project, Run};

const VALUES: &str = "data/values/test.csv";
const HEADER: &str =
    "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group";
const ILLUSTRATIVE: &str = "data/values/illustrative.csv";

/// The example plus [`VALUES`] with `rows` under the full header: the first
/// row is on line 2.
fn with_rows(rows: &[&str]) -> Project {
    let p = Project::example();
    p.write(VALUES, &format!("{HEADER}\n{}\n", rows.join("\n")));
    p
}

/// The warnings of `check` that lie in `file` (the example has its own).
fn warnings_in<'a>(run: &'a Run, file: &str) -> Vec<&'a str> {
    run.code(0)
        .diagnostics("warning")
        .into_iter()
        .filter(|w| w.starts_with(&format!("{file}:")))
        .collect()
}

/// `check` succeeds, and its warnings in `file` begin with `expected`, in order.
fn warns_in(p: &Project, file: &str, expected: &[&str]) {
    let run = p.run(&["check"]);
    let found = warnings_in(&run, file);
    assert!(
        found.len() == expected.len() && found.iter().zip(expected).all(|(f, e)| f.starts_with(e)),
        "expected warnings in {file}:\n{}\n\nfound:\n{}\n\nstderr:\n{}",
        expected.join("\n"),
        found.join("\n"),
        run.stderr
    );
}

// --- implausible against the series ------------------------------------------

#[test]
fn a_share_typed_as_a_fraction_after_the_series() {
    let p = with_rows(&["ung-kriminalitet,aarhus,2019,,,0.085,,,,,,"]);
    warns_in(
        &p,
        VALUES,
        &["data/values/test.csv:2:1: warning: `ung-kriminalitet` for aarhus 2019 is 0.085 pct., while the figure before it is above 5 pct.: a fraction typed where pct. is expected? (a share's `value` is in pct.: 0.085 → 8,5)"],
    );
}

#[test]
fn a_share_typed_as_a_fraction_within_the_series() {
    let p = Project::example();
    p.replace(
        ILLUSTRATIVE,
        "ung-kriminalitet,aarhus,2016,36,492,,",
        "ung-kriminalitet,aarhus,2016,,,0.073,",
    );
    warns_in(
        &p,
        ILLUSTRATIVE,
        &["data/values/illustrative.csv:11:1: warning: `ung-kriminalitet` for aarhus 2016 is 0.073 pct., while the figures before and after it are above 5 pct."],
    );
    // A warning, not a change: the site publishes the figure as written.
    p.run(&["build"]).code(0);
    let open = p.read("site/data/values.csv");
    assert!(open.contains("ung-kriminalitet,aarhus,2016,,,0.073,"), "{open}");
}

#[test]
fn a_spike_against_both_neighbours() {
    let p = Project::example();
    p.replace(
        ILLUSTRATIVE,
        "narkorelaterede-doedsfald,aarhus,2015,,,19,",
        "narkorelaterede-doedsfald,aarhus,2015,,,190,",
    );
    warns_in(
        &p,
        ILLUSTRATIVE,
        &["data/values/illustrative.csv:435:1: warning: `narkorelaterede-doedsfald` for aarhus 2015 is more than 3 times higher than the figures before and after it: a typing or unit error?"],
    );
}

#[test]
fn a_drop_at_the_end_of_the_series_and_its_factor() {
    let p = with_rows(&["narkorelaterede-doedsfald,kobenhavn,2019,,,6,,,,,,"]);
    warns_in(
        &p,
        VALUES,
        &["data/values/test.csv:2:1: warning: `narkorelaterede-doedsfald` for kobenhavn 2019 is more than 3 times lower than the figure before it"],
    );
    // A larger factor lets it pass; 0 turns the rule off.
    p.append("maalrapport.toml", "\n[check]\njump_factor = 100\n");
    warns_in(&p, VALUES, &[]);
    p.replace("maalrapport.toml", "jump_factor = 100", "jump_factor = 0");
    warns_in(&p, VALUES, &[]);
}

#[test]
fn a_break_in_the_series_or_partial_coverage_is_no_jump() {
    let p = with_rows(&["narkorelaterede-doedsfald,kobenhavn,2019,,,6,,break,,,,"]);
    warns_in(&p, VALUES, &[]);
    let p = with_rows(&["narkorelaterede-doedsfald,kobenhavn,2019,,,6,,partial,,,,"]);
    warns_in(&p, VALUES, &[]);
}

#[test]
fn small_counts_may_jump() {
    // Quarters are a series of their own; 1 → 4 → 1 persons is noise,
    // 5 → 25 → 6 is not.
    let p = with_rows(&[
        "narkorelaterede-doedsfald,aarhus,2019-Q1,,,1,,,,,,",
        "narkorelaterede-doedsfald,aarhus,2019-Q2,,,4,,,,,,",
        "narkorelaterede-doedsfald,aarhus,2019-Q3,,,1,,,,,,",
        "narkorelaterede-doedsfald,odense,2019-Q1,,,5,,,,,,",
        "narkorelaterede-doedsfald,odense,2019-Q2,,,25,,,,,,",
        "narkorelaterede-doedsfald,odense,2019-Q3,,,6,,,,,,",
    ]);
    warns_in(
        &p,
        VALUES,
        &["data/values/test.csv:6:1: warning: `narkorelaterede-doedsfald` for odense 2019-Q2 is more than 3 times higher than the figures before and after it"],
    );
}

#[test]
fn jump_factor_must_be_above_one_or_zero() {
    for bad in ["1", "0.5", "-3"] {
        let p = Project::example();
        p.append("maalrapport.toml", &format!("[check]\njump_factor = {bad}\n"));
        p.run(&["check"]).code(1).errors(&[&format!(
            "maalrapport.toml:8:15: error: `[check] jump_factor = {}` must be above 1",
            bad.parse::<f64>().unwrap()
        )]);
    }
    let p = Project::example();
    p.append("maalrapport.toml", "[check]\njump_factor = 2.5\n");
    p.run(&["check"]).code(0).errors(&[]);
    p.append("maalrapport.toml", "factor = 2\n");
    p.run(&["check"])
        .code(1)
        .error_line("maalrapport.toml:9:1: error: unknown field `factor`, expected `jump_factor`");
}
