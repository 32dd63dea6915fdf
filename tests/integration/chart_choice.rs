//! The chart shortcode's choice of places and periods (`cities`, `from`,
//! `to`, `kind="small-multiples"`): what `check` says of bad ones, and
//! snapshot (golden-file) tests of the charts drawn. The fixture project
//! `tests/fixtures/shortcode-charts` is built once, and each chart's SVG
//! and CSV are compared byte for byte with `tests/snapshots/shortcode/`.
//!
//! After an intended change to the charts, rewrite the golden files with
//! `UPDATE_SNAPSHOTS=1 cargo test --test integration chart_choice`, look at
//! them (the SVGs open in a browser) and commit them with the change.

use crate::harness::{copy_dir, repo, Project};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The fixture's site, built once for every test here.
fn site() -> &'static (Project, PathBuf) {
    static SITE: OnceLock<(Project, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let p = Project::empty();
        copy_dir(&repo().join("tests/fixtures/shortcode-charts"), p.path());
        let out = p.path().join("site");
        let run = p.run(&["build", "--out", out.to_str().unwrap()]);
        run.code(0);
        (p, out)
    })
}

/// The seminar page's file `name`.
fn seminar_file(name: &str) -> String {
    let path = site().1.join("seminars/udvalgsseminar-2016").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compares `actual` with the golden file `name`, or writes it when
/// `UPDATE_SNAPSHOTS` is set.
fn assert_snapshot(name: &str, actual: &str) {
    let path = repo().join("tests/snapshots/shortcode").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}: run with UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    if expected != actual {
        // The first line that differs (an SVG is one long line: its first
        // 160 characters from where it differs).
        let (line, (e, a)) = expected
            .lines()
            .chain(std::iter::repeat(""))
            .zip(actual.lines().chain(std::iter::repeat("")))
            .take(expected.lines().count().max(actual.lines().count()))
            .enumerate()
            .find(|(_, (e, a))| e != a)
            .unwrap_or((0, ("(only line ends differ)", "")));
        let from = e
            .chars()
            .zip(a.chars())
            .take_while(|(x, y)| x == y)
            .count()
            .saturating_sub(40);
        let part = |s: &str| s.chars().skip(from).take(160).collect::<String>();
        panic!(
            "{name} differs from its golden file on line {} (UPDATE_SNAPSHOTS=1 rewrites it):\nexpected: …{}…\n  actual: …{}…",
            line + 1,
            part(e),
            part(a)
        );
    }
}

/// The SVG and CSV of the seminar page's `n`-th shortcode chart.
fn chart_snapshot(n: usize, file: &str, golden: &str) {
    let svg = seminar_file(&format!("ung-kriminalitet-{n}-ung-kriminalitet-{file}.svg"));
    let csv = seminar_file(&format!("ung-kriminalitet-{n}-ung-kriminalitet-{file}.csv"));
    assert_snapshot(&format!("{golden}.svg"), &svg);
    assert_snapshot(&format!("{golden}.csv"), &csv);
}

#[test]
fn cities_picks_the_lines_of_a_trend() {
    // cities=["aalborg", "aarhus", "network"]: those lines, in that order;
    // Odense and the country are not drawn.
    chart_snapshot(1, "trend", "cities-trend");
    let svg = seminar_file("ung-kriminalitet-1-ung-kriminalitet-trend.svg");
    let series: Vec<&str> = svg
        .split("data-series=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(series, ["Aalborg", "Aarhus", "3-byerne"]);
    // On Aarhus' handout the chosen cities are still drawn alike: none is
    // faint context behind the page's city.
    let handout = site().1.join(
        "seminars/udvalgsseminar-2016/aarhus/fuld/ung-kriminalitet-1-ung-kriminalitet-trend.svg",
    );
    let handout = std::fs::read_to_string(&handout).unwrap();
    assert!(handout.contains("data-series=\"Aalborg\""));
    assert!(!handout.contains("series faint"), "{handout}");
}

#[test]
fn cities_picks_the_bars_and_leaves_the_network_out_unless_named() {
    chart_snapshot(2, "bars", "cities-bars");
    let svg = seminar_file("ung-kriminalitet-2-ung-kriminalitet-bars.svg");
    assert!(svg.contains("data-bar=\"Aarhus\"") && svg.contains("data-bar=\"Aalborg\""));
    assert!(!svg.contains("data-bar=\"Odense\"") && !svg.contains("3-byerne"));
}

#[test]
fn from_starts_the_trend() {
    chart_snapshot(3, "trend", "from");
    let csv = seminar_file("ung-kriminalitet-3-ung-kriminalitet-trend.csv");
    assert!(!csv.contains(",2013,") && csv.contains(",2014,") && csv.contains(",2016,"));
}

#[test]
fn to_ends_the_trend_before_the_seminars_period_and_the_deadline() {
    chart_snapshot(4, "trend", "to");
    let csv = seminar_file("ung-kriminalitet-4-ung-kriminalitet-trend.csv");
    assert!(csv.contains(",2015,") && !csv.contains(",2016,"));
    // The axis stops at `to`: no run-on to the target's deadline (2020).
    let svg = seminar_file("ung-kriminalitet-4-ung-kriminalitet-trend.svg");
    assert!(!svg.contains(">2016<") && !svg.contains(">2020<"));
}

#[test]
fn small_multiples_draw_a_panel_per_city_on_one_scale() {
    chart_snapshot(5, "paneler", "small-multiples");
    chart_snapshot(6, "paneler", "small-multiples-cities");
    let svg = seminar_file("ung-kriminalitet-5-ung-kriminalitet-paneler.svg");
    let panels: Vec<&str> = svg
        .split("data-panel=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(panels, ["Aarhus", "Odense", "Aalborg"]);
    // One SVG, one title.
    assert_eq!(svg.matches("<svg").count(), 1);
    assert_eq!(svg.matches("class=\"chart-title\"").count(), 1);
}

#[test]
fn chosen_charts_stay_disclosure_controlled_and_drafts_stay_out() {
    // Aalborg's 2016 numerator is 4 (< min_cell 5): withheld, and Odense's
    // with it (the network's total would give Aalborg's away).
    for (n, file) in [(1, "trend"), (2, "bars"), (5, "paneler")] {
        let csv = seminar_file(&format!("ung-kriminalitet-{n}-ung-kriminalitet-{file}.csv"));
        for withheld in ["Aalborg,2016", "aalborg,2016", "Odense,2016", "odense,2016"] {
            assert!(!csv.contains(withheld), "{file}: {withheld} in\n{csv}");
        }
        // 4/40 = 10 pct.
        assert!(!csv.contains(",10,"), "{csv}");
    }
    let page = seminar_file("index.html");
    assert!(page.contains("dis."));
    // The draft commentary's chart is nowhere.
    let (p, out) = site();
    assert!(p
        .path()
        .join("content/seminars/udvalgsseminar-2016/ung-kriminalitet-antal.md")
        .exists());
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        assert!(!name.contains("antal-1-"), "draft chart {name}");
        if name.ends_with(".html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            assert!(!html.contains("A draft"), "draft text in {name}");
        }
    }
}

// --- what `check` says ------------------------------------------------------

const NOTE: &str = "content/seminars/udvalgsseminar-2016/ung-kriminalitet.md";

/// The fixture with its commentary replaced by `body`.
fn with_note(body: &str) -> Project {
    let p = Project::empty();
    copy_dir(&repo().join("tests/fixtures/shortcode-charts"), p.path());
    p.write(NOTE, &format!("+++\ntitle = \"T\"\n+++\n{body}\n"));
    p
}

#[test]
fn check_names_the_argument_and_suggests_a_city() {
    let p = with_note(
        "Tekst.\n\n{{ chart(indicator=\"ung-kriminalitet\", kind=\"small-multiples\",\n   cities=[\"aarhus\", \"odnse\", \"netværk\"]) }}",
    );
    p.run(&["check"])
        .code(1)
        .errors(&[
            &format!("{NOTE}:7:22: error: unknown city `odnse` in shortcode"),
            &format!("{NOTE}:7:31: error: unknown city `netværk` in shortcode"),
        ])
        .stderr_contains("did you mean `odense`?");
}

#[test]
fn check_refuses_periods_without_data_and_senseless_combinations() {
    let p = with_note(concat!(
        "{{ chart(indicator=\"ung-kriminalitet\", from=\"2010\", to=\"2015-Q2\") }}\n\n",
        "{{ chart(indicator=\"ung-kriminalitet\", from=\"2016\", to=\"2014\") }}\n\n",
        "{{ chart(indicator=\"ung-kriminalitet\", kind=\"bars\", from=\"2014\") }}",
    ));
    let run = p.run(&["check"]);
    run.code(1).errors(&[
        &format!("{NOTE}:4:45: error: shortcode asks for `ung-kriminalitet` in period 2010, which has no data"),
        &format!("{NOTE}:4:56: error: shortcode asks for `ung-kriminalitet` in period 2015-Q2, which has no data"),
        &format!("{NOTE}:6:45: error: `from=\"2016\"` comes after `to=\"2014\"`"),
        &format!("{NOTE}:8:58: error: argument `from`: a `bars` chart shows one period"),
    ]);
    // `build` refuses the same.
    p.run(&["build"]).code(1);
}

#[test]
fn periods_with_data_are_accepted() {
    let p = with_note("{{ chart(indicator=\"ung-kriminalitet\", from=\"2014\", to=\"2016\") }}");
    p.run(&["check"]).code(0).errors(&[]);
}

#[test]
fn a_from_after_the_seminars_period_is_warned_about() {
    let p = with_note("{{ chart(indicator=\"ung-kriminalitet\", from=\"2016\") }}");
    p.replace(
        "content/seminars/udvalgsseminar-2016/index.md",
        "period = \"2016\"",
        "period = \"2015\"",
    );
    let run = p.run(&["check"]);
    run.code(0);
    assert!(
        run.diagnostics("warning").iter().any(|w| w.starts_with(&format!(
            "{NOTE}:4:1: warning: chart(indicator=\"ung-kriminalitet\", kind=\"trend\", from=\"2016\") draws nothing: `ung-kriminalitet` has no figures from 2016 to 2015"
        ))),
        "{}",
        run.stderr
    );
}

#[test]
fn a_year_takes_in_its_quarters() {
    // A quarterly indicator: `from="2016"` starts at 1. kv. 2016, `to="2016"`
    // ends at 4. kv. 2016, and check finds data for both years.
    let p = with_note(concat!(
        "{{ chart(indicator=\"kvartal\", from=\"2016\") }}\n\n",
        "{{ chart(indicator=\"kvartal\", to=\"2015\") }}",
    ));
    let toml = p.read("data/indicators/ung-kriminalitet-antal.toml");
    p.write(
        "data/indicators/kvartal.toml",
        &toml.replace("numerator_of = \"ung-kriminalitet\"\n", ""),
    );
    let rows: String = [
        "2015-Q3", "2015-Q4", "2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4",
    ]
    .iter()
    .map(|q| format!("kvartal,aarhus,{q},,,20,,,,Danmarks Statistik,2017-03-01,\n"))
    .collect();
    p.append("data/values/eksempel.csv", &rows);
    p.run(&["build"]).code(0);
    let csv = |n: usize| {
        p.read(&format!(
            "site/seminars/udvalgsseminar-2016/ung-kriminalitet-{n}-kvartal-trend.csv"
        ))
    };
    let periods = |n: usize| -> Vec<String> {
        csv(n)
            .lines()
            .skip(1)
            .filter(|l| l.starts_with("Aarhus,"))
            .map(|l| l.split(',').nth(1).unwrap().to_owned())
            .collect()
    };
    assert_eq!(periods(1), ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"]);
    assert_eq!(periods(2), ["2015-Q3", "2015-Q4"]);
}
