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
    assert!(
        open.contains("ung-kriminalitet,aarhus,2016,,,0.073,"),
        "{open}"
    );
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
        p.append(
            "maalrapport.toml",
            &format!("[check]\njump_factor = {bad}\n"),
        );
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

// --- shortcodes that show no figure ------------------------------------------

const NOTE: &str = "content/indicators/ung-kriminalitet.md";

/// A standing commentary quoting Aarhus (withheld: 3 persons), the network's
/// mean where no city gives its N (cannot be computed), Esbjerg (not
/// reported) and a change to a withheld year.
fn quoting_missing_figures() -> Project {
    let p = with_rows(&[
        "ung-kriminalitet,aarhus,2019,3,140,,,,,,,",
        "gns-maalopfyldelse,odense,2017-Q1,,,50,,,,,,",
    ]);
    p.write(
        NOTE,
        "+++\ntitle = \"Prøve\"\n+++\n\
         Aarhus 2019: {{ value(indicator=\"ung-kriminalitet\", city=\"aarhus\", period=\"2019\") }}.\n\
         Netværket: {{ value(indicator=\"gns-maalopfyldelse\", city=\"network\", period=\"2017-Q1\") }}.\n\
         Esbjerg 2019: {{ value(indicator=\"ung-kriminalitet\", city=\"esbjerg\", period=\"2019\") }}.\n\
         Ændring: {{ change(indicator=\"ung-kriminalitet\", city=\"aarhus\", from=\"2018\", to=\"2019\") }}.\n\
         Udvikling: {{ change(indicator=\"ung-kriminalitet\", city=\"aarhus\", from=\"2013\", to=\"2018\") }}.\n",
    );
    p
}

const MISSING_FIGURES: &[&str] = &[
    "content/indicators/ung-kriminalitet.md:4:14: warning: value(indicator=\"ung-kriminalitet\", city=\"aarhus\", period=\"2019\") has no figure: withheld by disclosure control (dis.) (the page shows \"dis.\" in its place)",
    "content/indicators/ung-kriminalitet.md:5:12: warning: value(indicator=\"gns-maalopfyldelse\", city=\"network\", period=\"2017-Q1\") has no figure: cannot be computed (.): the cities' figures cannot be added up (rates, means without N, shares in pct. only) (the page shows \".\" in its place)",
    "content/indicators/ung-kriminalitet.md:6:15: warning: value(indicator=\"ung-kriminalitet\", city=\"esbjerg\", period=\"2019\") has no figure: not reported (–) (the page shows \"–\" in its place)",
    "content/indicators/ung-kriminalitet.md:7:10: warning: change(indicator=\"ung-kriminalitet\", city=\"aarhus\", from=\"2018\", to=\"2019\") has no figure: 2019 is withheld by disclosure control (dis.)",
];

#[test]
fn check_says_why_a_shortcode_shows_no_figure() {
    let p = quoting_missing_figures();
    let run = p.run(&["check"]);
    let found = warnings_in(&run, NOTE);
    assert_eq!(found.len(), MISSING_FIGURES.len(), "{}", run.stderr);
    for (f, e) in found.iter().zip(MISSING_FIGURES) {
        assert!(f.starts_with(e), "{f}\nexpected {e}");
    }
    // Never the withheld number: not in a message, nor in a quoted line.
    assert!(
        !run.stderr.contains("3,140") && !run.stderr.contains(" 3 "),
        "{}",
        run.stderr
    );
}

#[test]
fn build_prints_the_same_warnings_and_still_builds() {
    let p = quoting_missing_figures();
    let run = p.run(&["build"]);
    let found = warnings_in(&run, NOTE);
    assert_eq!(found.len(), MISSING_FIGURES.len(), "{}", run.stderr);
    for (f, e) in found.iter().zip(MISSING_FIGURES) {
        assert!(f.starts_with(e), "{f}\nexpected {e}");
    }
    run.stdout_contains("build: ");
    let page = p.read("site/indicators/ung-kriminalitet/index.html");
    assert!(page.contains("Aarhus 2019: <span class=\"missing missing-suppressed\">dis.</span>"));
}

#[test]
fn a_value_without_period_on_a_seminar_page_names_the_period_it_shows() {
    let p = Project::example();
    p.replace(
        ILLUSTRATIVE,
        "ung-kriminalitet,esbjerg,2018,",
        "ung-kriminalitet,esbjerg,2011,",
    );
    let note = "content/seminars/udvalgsseminar-2019/ung-kriminalitet.md";
    p.write(
        note,
        "+++\ntitle = \"Kriminalitet\"\n+++\nEsbjerg: {{ value(indicator=\"ung-kriminalitet\", city=\"esbjerg\") }}.\n",
    );
    warns_in(
        &p,
        note,
        &["content/seminars/udvalgsseminar-2019/ung-kriminalitet.md:4:10: warning: value(indicator=\"ung-kriminalitet\", city=\"esbjerg\") has no figure for 2018: not reported (–)"],
    );
}

#[test]
fn a_figure_held_back_by_the_build_is_said_to_be() {
    let p = with_rows(&["ung-kriminalitet,esbjerg,2019,40,500,,,,,,2030-01-01,"]);
    p.write(
        NOTE,
        "+++\n+++\nEsbjerg: {{ value(indicator=\"ung-kriminalitet\", city=\"esbjerg\", period=\"2019\") }}.\n",
    );
    // `check` looks at everything being prepared: the figure is there.
    warns_in(&p, NOTE, &[]);
    let run = p.run(&["build", "--as-of", "2025-01-01"]);
    let found = warnings_in(&run, NOTE);
    assert!(
        found.len() == 1
            && found[0].starts_with("content/indicators/ung-kriminalitet.md:3:10: warning: value(indicator=\"ung-kriminalitet\", city=\"esbjerg\", period=\"2019\") has no figure: held back in this build (`embargo`, or `published` after the reference date), so not reported (–)"),
        "{}",
        run.stderr
    );
}

// --- seminar periods without data --------------------------------------------

const SEMINAR_2019: &str = "content/seminars/udvalgsseminar-2019/index.md";

#[test]
fn a_seminar_period_without_data_says_which_period_is_shown() {
    let p = Project::example();
    p.replace(SEMINAR_2019, "period = \"2018\"", "period = \"2030\"");
    let run = p.run(&["check"]);
    let found = warnings_in(&run, SEMINAR_2019);
    for expected in [
        "content/seminars/udvalgsseminar-2019/index.md:6:10: warning: `ung-kriminalitet` has no figures for 2030: the report shows 2018 instead (the page says \"Tal for 2018\" at the indicator)",
        "content/seminars/udvalgsseminar-2019/index.md:6:10: warning: `hjemloese` has no figures for 2030: the report shows 2022 instead",
    ] {
        assert!(found.iter().any(|f| f.starts_with(expected)), "no {expected}\n{}", run.stderr);
    }
    assert!(
        found.iter().all(|f| f.contains("has no figures for 2030")),
        "{found:#?}"
    );
    // The page says it at the indicator, not only "Tallene gælder 2030" at the top.
    p.run(&["build"]).code(0);
    for page in [
        "site/seminars/udvalgsseminar-2019/index.html",
        // The full handout; the short one's panel shows the period by its figure.
        "site/seminars/udvalgsseminar-2019/aarhus/fuld/index.html",
    ] {
        let html = p.read(page);
        let at = html
            .find("id=\"ind-ung-kriminalitet-title\"")
            .expect("indicator");
        let block = &html[at..at + 600];
        assert!(
            block
                .contains("<p class=\"period-note\">Tal for 2018 – der er ingen tal for 2030.</p>"),
            "{page}: {block}"
        );
        assert!(html.contains("Tallene gælder 2030"));
    }
}

#[test]
fn the_seminars_own_period_or_a_quarter_within_it_is_no_warning() {
    let p = Project::example();
    // A year seminar showing quarterly figures within its year says nothing.
    let run = p.run(&["check"]);
    let found = warnings_in(&run, SEMINAR_2019);
    assert!(
        found
            .iter()
            .all(|f| f.contains("`hjemloese`") || f.contains("`unge-hjemloese-18-24`")),
        "{found:#?}"
    );
    p.run(&["build"]).code(0);
    let html = p.read("site/seminars/udvalgsseminar-2019/index.html");
    assert_eq!(
        html.matches("class=\"period-note\"").count(),
        2,
        "hjemløse and unge hjemløse"
    );
    assert!(html.contains("<p class=\"period-note\">Tal for 2017 – der er ingen tal for 2018.</p>"));
}

// --- figures released after the seminar -------------------------------------

#[test]
fn a_figure_released_after_the_seminar_that_shows_it() {
    let p = Project::example();
    p.replace(
        ILLUSTRATIVE,
        "ung-kriminalitet,aarhus,2018,30,480,,,,,,,\n",
        "",
    );
    let late = "ung-kriminalitet,aarhus,2018,30,480,,,,,,2019-06-01,,";
    let header = format!("{HEADER},previous");
    p.write(VALUES, &format!("{header}\n{late}\n"));
    warns_in(
        &p,
        VALUES,
        &["data/values/test.csv:2:1: warning: `ung-kriminalitet` for aarhus 2018 was published 2019-06-01, after the seminar `udvalgsseminar-2019` (2019-05-09), whose report shows it: the seminar could not have shown this figure"],
    );
    // Released before the seminar: fine. A revision (`previous`) says itself
    // that the seminar showed another figure: fine too.
    p.write(
        VALUES,
        &format!("{header}\n{}\n", late.replace("2019-06-01", "2019-05-01")),
    );
    warns_in(&p, VALUES, &[]);
    p.write(VALUES, &format!("{header}\n{late}6.5\n"));
    warns_in(&p, VALUES, &[]);
}
