//! Hostile and careless input (issue 18): one fixture folder per case under
//! `tests/hostile/<case>/`, laid over a copy of the shipped example. Each test
//! asserts the message (with its `path:line:col`) or the guarantee; each
//! failed before its fix.

use crate::harness::{copy_dir, repo, Project};

/// The shipped example with `tests/hostile/<case>/` laid over it.
fn case(name: &str) -> Project {
    let p = Project::example();
    let dir = repo().join("tests/hostile").join(name);
    assert!(dir.is_dir(), "no fixture folder {}", dir.display());
    copy_dir(&dir, p.path());
    p
}

// --- CSV quoting --------------------------------------------------------------

#[test]
fn a_stray_quote_in_a_note_is_an_error_where_it_opened() {
    let p = case("csv-stray-quote");
    p.run(&["check"]).code(1).errors(&[
        "data/values/zz-stray.csv:2:29: error: the quote `\"` opened here is never closed",
    ]);
    p.run(&["build"]).code(1);
    assert!(!p.path().join("site").exists());
}

#[test]
fn a_quoted_number_over_a_line_end_is_an_error() {
    case("csv-quote-in-value").run(&["check"]).code(1).errors(&[
        "data/values/zz-value.csv:2:25: error: the quoted field opened here runs over 1 line end(s), which column `value` does not allow",
    ]);
}

#[test]
fn a_note_may_run_over_lines_when_it_swallows_no_rows() {
    let p = case("csv-multiline-note");
    p.run(&["check"]).code(0);
    // A note that swallows lines with a full row's fields changes the row count.
    p.write(
        "data/values/zz-note.csv",
        "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group\n\
         hjemloese,aarhus,2021,,,3,,,\"Tælleuge,,,\n\
         hjemloese,odense,2021,,,5,,,,,,\n\
         slut\",,,\n",
    );
    p.run(&["check"]).code(1).errors(&[
        "data/values/zz-note.csv:2:29: error: the quoted `note` opened here swallows 1 line(s) that look like rows of their own",
    ]);
}

// --- numbers that are not numbers --------------------------------------------

#[test]
fn nan_and_inf_are_errors_in_every_toml_file() {
    let p = Project::example();
    p.append("maalrapport.toml", "\n[compare]\nlevel = nan\n");
    p.replace(
        "data/indicators/hjemloese.toml",
        "level = 4000.0",
        "level = inf",
    );
    p.replace(
        "content/seminars/udvalgsseminar-2015/index.md",
        "baseline = \"2013\"\n",
        "baseline = \"2013\"\nscale = -inf\n",
    );
    let lines = p.read("maalrapport.toml").lines().count();
    let config = format!("maalrapport.toml:{lines}:9: error: `level = nan` is not a finite number");
    p.run(&["check"]).code(1).errors(&[
        "content/seminars/udvalgsseminar-2015/index.md:8:9: error: `scale = -inf` is not a finite number",
        "data/indicators/hjemloese.toml:16:9: error: `level = inf` is not a finite number",
        &config,
    ]);
}

#[test]
fn a_rate_per_zero_inhabitants_is_an_error() {
    case("rate-per-zero").run(&["check"]).code(1).errors(&[
        "data/indicators/rate-nul.toml:5:7: error: `per = 0`: a rate is per a number of inhabitants",
    ]);
}

// --- templates ------------------------------------------------------------------

#[test]
fn check_reports_a_template_syntax_error_at_its_place() {
    let p = case("template-syntax");
    p.run(&["check"])
        .code(1)
        .errors(&["templates/base.html:3:23: error: cannot parse the template"]);
    p.run(&["build"])
        .code(1)
        .error_line("templates/base.html:3:23: error:");
}

#[test]
fn a_template_that_extends_itself_is_an_error_not_a_stack_overflow() {
    let p = case("template-extends-itself");
    p.run(&["check"]).code(1).errors(&[
        "templates/base.html:1:4: error: template cycle base.html → base.html: a template may not extend or include itself",
    ]);
    p.run(&["build"]).code(1);
}

#[test]
fn a_recursive_macro_is_an_error_not_a_stack_overflow() {
    let p = case("template-recursive-macro");
    let lines = p.read("templates/macros.html").lines().count();
    let at = format!("templates/macros.html:{lines}:26: error: template cycle macros.html: macro forever → macros.html: macro forever: a macro may not call itself");
    p.run(&["check"]).code(1).errors(&[&at]);
    p.run(&["build"]).code(1);
}
