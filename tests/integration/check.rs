//! `maalrapport check`: every problem in the user's files with its exact
//! `file:line:col`, exit 1; a one-line summary and exit 0 when all is well.
//!
//! Each test makes the smallest change to the shipped example and asserts the
//! complete list of errors, so a problem that cascades into noise shows up too.

use crate::harness::{Project, Run};

/// An extra values file; it sorts after the example's own files, so a
/// duplicate of an example row is reported here, not there.
const VALUES: &str = "data/values/test.csv";
const HEADER: &str =
    "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group";
const UNG: &str = "data/indicators/ung-kriminalitet.toml";
const GOALS: &str = "data/goals.toml";
const SEMINAR_2015: &str = "content/seminars/udvalgsseminar-2015/index.md";

/// The example plus [`VALUES`] with `rows` under the full header: the first
/// row is on line 2.
fn with_rows(rows: &[&str]) -> Project {
    let p = Project::example();
    p.write(VALUES, &format!("{HEADER}\n{}\n", rows.join("\n")));
    p
}

fn check(p: &Project) -> Run {
    p.run(&["check"])
}

/// `check` fails with exactly these errors (each a prefix of its line).
fn fails_with(p: &Project, errors: &[&str]) {
    check(p).code(1).errors(errors);
}

/// `check` fails with exactly one error on `row` in [`VALUES`].
fn row_fails_with(row: &str, error: &str) {
    fails_with(&with_rows(&[row]), &[error]);
}

/// The shipped example's own warnings, each real (see the README's
/// "Warnings"): three indicators only Aarhus reports; the homelessness count
/// is made every other year, so the even-year seminars show the year before;
/// the non-ordinary labour-market indicators start in 2016, after the 2015
/// seminar; and the national drug deaths come from later publications than
/// the seminars that show them.
const EXAMPLE_WARNINGS: &[&str] = &[
    "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `hjemloese` has no figures for 2014: the report shows 2013 instead",
    "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `hjerneskade-beskaeftigelse-ikke-ordinaer` has no figures for 2014 or before (its first are for 2016): the report shows none for it",
    "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `psykiske-vanskeligheder-beskaeftigelse` has no figures for 2014 or before (its first are for 2016)",
    "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `sindslidelse-beskaeftigelse-ikke-ordinaer` has no figures for 2014 or before (its first are for 2016)",
    "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `udviklingshaemning-beskaeftigelse-ikke-ordinaer` has no figures for 2014 or before (its first are for 2016)",
    "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `unge-hjemloese-18-24` has no figures for 2014: the report shows 2013 instead",
    "content/seminars/udvalgsseminar-2019/index.md:6:10: warning: `hjemloese` has no figures for 2018: the report shows 2017 instead",
    "content/seminars/udvalgsseminar-2019/index.md:6:10: warning: `unge-hjemloese-18-24` has no figures for 2018: the report shows 2017 instead",
    "data/indicators/andel-opfyldte-maal.toml:1:1: warning: no data for indicator",
    "data/indicators/andel-uopfyldte-maal.toml:1:1: warning: no data for indicator",
    "data/indicators/gns-maalopfyldelse.toml:1:1: warning: no data for indicator",
    "data/values/real.csv:20:1: warning: `narkorelaterede-doedsfald` for national 2012 was published 2016-11-17, after the seminar `udvalgsseminar-2015` (2015-05-05), whose report shows it",
    "data/values/real.csv:21:1: warning: `narkorelaterede-doedsfald` for national 2013 was published 2016-11-17, after the seminar `udvalgsseminar-2015`",
    "data/values/real.csv:22:1: warning: `narkorelaterede-doedsfald` for national 2014 was published 2016-11-17, after the seminar `udvalgsseminar-2015`",
    "data/values/real.csv:24:1: warning: `narkorelaterede-doedsfald` for national 2016 was published 2020-09-29, after the seminar `udvalgsseminar-2019` (2019-05-09)",
    "data/values/real.csv:25:1: warning: `narkorelaterede-doedsfald` for national 2017 was published 2020-09-29, after the seminar `udvalgsseminar-2019`",
    "data/values/real.csv:26:1: warning: `narkorelaterede-doedsfald` for national 2018 was published 2020-09-29, after the seminar `udvalgsseminar-2019`",
];

/// The example's warnings with `extra` ones, in the order `check` prints
/// them (by file, line, column, then message).
fn example_warnings_and<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let key = |w: &&str| {
        let mut parts = w.splitn(4, ':');
        let path = parts.next().unwrap_or_default().to_owned();
        let mut number = || parts.next().and_then(|n| n.parse::<usize>().ok());
        let (line, col) = (number(), number());
        (path, line, col, w.to_string())
    };
    let mut all: Vec<&str> = EXAMPLE_WARNINGS
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect();
    all.sort_by_key(key);
    all
}

// --- the clean example ---------------------------------------------------

#[test]
fn example_is_clean_with_a_one_line_summary() {
    let run = check(&Project::example());
    run.code(0).errors(&[]).warnings(EXAMPLE_WARNINGS);
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        ["check: ok — 6 cities, 22 goals, 21 indicators, 636 observations, 2 seminars; 17 warning(s)"]
    );
}

#[test]
fn valid_extra_rows_are_counted() {
    let p = with_rows(&["ung-kriminalitet,aarhus,2019,30,480,6.25,,provisional,,,2020-09-01,"]);
    check(&p)
        .code(0)
        .errors(&[])
        .stdout_contains("637 observations");
}

#[test]
fn danish_excel_csv_is_read() {
    let p = Project::example();
    p.write(
        VALUES,
        "indicator;city;period;value\nhjemloese;national;2024;5.789\nhjemloese;randers;2022;41\n",
    );
    check(&p)
        .code(0)
        .errors(&[])
        .stdout_contains("638 observations");
}

// --- malformed TOML ------------------------------------------------------
//
// A broken indicator file is one error: its rows, notes and shortcodes are
// not reported again as naming an unknown indicator.

#[test]
fn toml_syntax_error() {
    let p = Project::example();
    p.replace(UNG, "direction = \"lower\"", "direction = lower");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:4:13: error: string values must be quoted"],
    );
}

#[test]
fn unknown_toml_key_is_an_error_not_ignored() {
    let p = Project::example();
    p.replace(UNG, "direction = \"lower\"", "diretion = \"lower\"");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:4:1: error: unknown field `diretion`"],
    );
}

#[test]
fn a_confidence_level_outside_0_and_1_is_an_error_where_it_stands() {
    for (level, shown) in [
        ("95.0", "95"),
        ("1.0", "1"),
        ("0.0", "0"),
        ("-0.95", "-0.95"),
    ] {
        let p = Project::example();
        p.append(
            "maalrapport.toml",
            &format!("\n[compare]\nlevel = {level}\n"),
        );
        let line = p.read("maalrapport.toml").lines().count();
        fails_with(
            &p,
            &[&format!("maalrapport.toml:{line}:9: error: `[compare] level = {shown}` must lie strictly between 0 and 1")],
        );
    }
    let p = Project::example();
    p.append("maalrapport.toml", "\n[compare]\nlevel = 0.998\n");
    check(&p).code(0);
}

#[test]
fn unknown_measure() {
    let p = Project::example();
    p.replace(UNG, "measure = \"share\"", "measure = \"shares\"");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:3:11: error: unknown variant `shares`"],
    );
}

#[test]
fn front_matter_error_counts_the_opening_line() {
    let p = Project::example();
    p.replace(SEMINAR_2015, "period = \"2014\"", "period = 2014");
    fails_with(&p, &["content/seminars/udvalgsseminar-2015/index.md:6:10: error: invalid type: integer `2014`, expected a string"]);
}

#[test]
fn unknown_front_matter_key_in_a_note() {
    let p = Project::example();
    p.replace("content/cities/aarhus.md", "title = ", "titel = ");
    fails_with(&p, &["content/cities/aarhus.md:2:1: error: unknown field `titel`, expected `title` or `draft`"]);
}

#[test]
fn unclosed_front_matter() {
    let p = Project::example();
    p.replace(SEMINAR_2015, "]\n+++\n", "]\n");
    fails_with(
        &p,
        &["content/seminars/udvalgsseminar-2015/index.md:1:1: error: front matter starts with `+++` but has no closing `+++` line"],
    );
}

#[test]
fn broken_network_file_is_reported_and_stops_the_load() {
    let p = Project::example();
    p.replace("data/network.toml", "code = 751", "code = 751x");
    fails_with(
        &p,
        &["data/network.toml:11:8: error: string values must be quoted"],
    );
}

// --- malformed CSV -------------------------------------------------------

#[test]
fn unknown_column_with_a_hint() {
    let p = Project::example();
    p.write(
        VALUES,
        "indicator,city,period,valu\nhjemloese,randers,2022,41\n",
    );
    fails_with(&p, &["data/values/test.csv:1:23: error: unknown column `valu`: expected the header `indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group,previous,embargo` (or the Danish names indikator, kommune, periode, tæller, nævner, værdi …), or a source description beside the file that maps its columns (did you mean `value`?)"]);
}

#[test]
fn missing_and_duplicate_columns() {
    let p = Project::example();
    p.write(
        VALUES,
        "indicator,period,value,value\nhjemloese,2022,41,41\n",
    );
    fails_with(
        &p,
        &[
            "data/values/test.csv:1:1: error: missing column `city`",
            "data/values/test.csv:1:24: error: duplicate column `value`",
        ],
    );
}

#[test]
fn invalid_number() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,4l,500",
        "data/values/test.csv:2:30: error: invalid number `4l` in column `numerator`: expected e.g. `8.2`",
    );
}

#[test]
fn invalid_number_in_a_semicolon_file_suggests_a_decimal_comma() {
    let p = Project::example();
    p.write(
        VALUES,
        "indicator;city;period;value\nhjemloese;randers;2022;4.1\n",
    );
    fails_with(
        &p,
        &["data/values/test.csv:2:24: error: invalid number `4.1` in column `value`: expected e.g. `8,2`"],
    );
}

#[test]
fn row_with_more_fields_than_the_header() {
    // A decimal comma in a comma-separated file shifts every later column:
    // `4,1` would silently become value 4 and n 1.
    let p = Project::example();
    p.write(
        VALUES,
        "indicator,city,period,value,n\nhjemloese,randers,2022,4,1,7\n",
    );
    fails_with(
        &p,
        &["data/values/test.csv:2:28: error: this row has 6 fields but the header has 5: a decimal comma in a `,`-separated file?"],
    );
}

#[test]
fn row_shifted_into_an_empty_trailing_field() {
    let p = with_rows(&["hjemloese,randers,2030,,,4,1,,,,,,"]);
    fails_with(
        &p,
        &["data/values/test.csv:2:35: error: this row has 13 fields but the header has 12"],
    );
}

#[test]
fn position_after_a_quoted_field_spanning_lines() {
    let p = Project::example();
    p.write(
        VALUES,
        "indicator,note,city,period,value\nhjemloese,\"line one\nline two\",arhus,2030,5\n",
    );
    fails_with(
        &p,
        &["data/values/test.csv:3:11: error: unknown city `arhus`"],
    );
}

#[test]
fn file_that_is_not_utf8() {
    // CSV may be Windows-1252 (detected); TOML and Markdown must be UTF-8.
    let p = Project::example();
    p.write_bytes("content/cities/odense.md", b"Byen K\xf8ge.\n");
    fails_with(
        &p,
        &["content/cities/odense.md:1:7: error: file is not valid UTF-8"],
    );
}

#[test]
fn empty_csv_file() {
    let p = Project::example();
    p.write(VALUES, "\n");
    fails_with(
        &p,
        &["data/values/test.csv:1:1: error: empty CSV file: expected a header row"],
    );
}

// --- rows: ids, periods, duplicates ---------------------------------------

#[test]
fn unknown_indicator_in_a_row() {
    row_fails_with(
        "ung-kriminalitt,aarhus,2030,41,500",
        "data/values/test.csv:2:1: error: unknown indicator `ung-kriminalitt` (did you mean `ung-kriminalitet`?)",
    );
}

#[test]
fn unknown_city_in_a_row() {
    row_fails_with(
        "ung-kriminalitet,arhus,2030,41,500",
        "data/values/test.csv:2:18: error: unknown city `arhus`: expected a city's id, kommunekode or name from data/network.toml (or `national`/\"Hele landet\"); add another spelling to the city's `aliases`, or skip places outside the network with `other_places = \"skip\"` in a source description (did you mean `aarhus`?)",
    );
}

#[test]
fn reserved_network_is_not_a_city_in_the_data() {
    row_fails_with(
        "ung-kriminalitet,network,2030,41,500",
        "data/values/test.csv:2:18: error: unknown city `network`",
    );
}

#[test]
fn bad_period() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2014-Q5,41,500",
        "data/values/test.csv:2:25: error: invalid period `2014-Q5`: expected a period such as `2014`",
    );
}

#[test]
fn implausible_year() {
    row_fails_with(
        "ung-kriminalitet,aarhus,1014,41,500",
        "data/values/test.csv:2:25: error: period `1014` has an implausible year",
    );
}

#[test]
fn duplicate_of_a_row_in_another_file() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2014,41,500",
        "data/values/test.csv:2:1: error: duplicate observation: the same indicator, city, period and group is already given at data/values/illustrative.csv:9:1",
    );
}

#[test]
fn duplicate_within_one_file_with_another_period_spelling() {
    let p = with_rows(&[
        "hjemloese,randers,2030-Q1,,,40",
        "hjemloese,randers,2030K1,,,41",
    ]);
    fails_with(
        &p,
        &["data/values/test.csv:3:1: error: duplicate observation: the same indicator, city, period and group is already given at data/values/test.csv:2:1"],
    );
}

#[test]
fn same_city_and_period_in_another_group_is_no_duplicate() {
    let p = with_rows(&[
        "gns-maalopfyldelse,odense,2018-Q1,,,50,30,,,,,",
        "gns-maalopfyldelse,odense,2018-Q1,,,52,20,,,,,familieforhold",
    ]);
    check(&p).code(0).errors(&[]);
}

#[test]
fn unknown_group() {
    row_fails_with(
        "gns-maalopfyldelse,odense,2018-Q1,,,50,30,,,,,familie",
        "data/values/test.csv:2:47: error: unknown group `familie` for indicator `gns-maalopfyldelse`: expected one of ",
    );
}

#[test]
fn unknown_flag() {
    row_fails_with(
        "hjemloese,randers,2030,,,40,,foreloebig",
        "data/values/test.csv:2:30: error: unknown flag `foreloebig`: expected `provisional`, `break` or `partial`",
    );
}

// --- rows: numbers --------------------------------------------------------

#[test]
fn numerator_above_denominator() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,501,500",
        "data/values/test.csv:2:30: error: numerator 501 is larger than denominator 500",
    );
}

#[test]
fn negative_counts() {
    let p = with_rows(&[
        "ung-kriminalitet,aarhus,2030,-1,500",
        "ung-kriminalitet,aarhus,2031,1,-500",
        "hjemloese,aarhus,2030,,,-3",
        "gns-maalopfyldelse,aarhus,2030,,,50,-4",
    ]);
    fails_with(
        &p,
        &[
            "data/values/test.csv:2:30: error: negative count -1 in column `numerator`: counts cannot be below 0",
            "data/values/test.csv:3:32: error: negative count -500 in column `denominator`: counts cannot be below 0",
            "data/values/test.csv:4:25: error: negative count -3: expected 0 or more",
            "data/values/test.csv:5:37: error: negative count -4 in column `n`: counts cannot be below 0",
        ],
    );
}

#[test]
fn implausibly_large_counts() {
    // Such numbers are typos; they would also overflow the network's sums
    // and stall the exact Poisson interval for minutes.
    let p = with_rows(&[
        "ung-kriminalitet,aarhus,2030,41,18446744073709551616",
        "hjemloese,aarhus,2030,,,100000000000",
    ]);
    fails_with(
        &p,
        &[
            "data/values/test.csv:2:33: error: implausible count 18446744073709552000 in column `denominator`: expected at most 1000000000",
            "data/values/test.csv:3:25: error: implausible count 100000000000: expected at most 1000000000",
        ],
    );
}

#[test]
fn fractional_counts() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,4.5,500",
        "data/values/test.csv:2:30: error: `numerator` must be a whole number of persons, found 4.5",
    );
}

#[test]
fn share_without_denominator() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,41,",
        "data/values/test.csv:2:33: error: share indicator `ung-kriminalitet` needs a denominator next to the numerator",
    );
}

#[test]
fn share_without_numerator() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,,500",
        "data/values/test.csv:2:30: error: share indicator `ung-kriminalitet` needs a numerator next to the denominator",
    );
}

#[test]
fn row_without_a_figure() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,,,",
        "data/values/test.csv:2:32: error: no figure: share indicator `ung-kriminalitet` needs numerator and denominator, or value (pct.)",
    );
}

#[test]
fn value_contradicting_numerator_and_denominator() {
    row_fails_with(
        "ung-kriminalitet,aarhus,2030,41,500,9.5",
        "data/values/test.csv:2:37: error: value 9.5 contradicts numerator/denominator 41/500 = 8.20 pct.",
    );
}

#[test]
fn value_agreeing_to_the_rounding_is_fine() {
    // 41/500 = 8.2 pct.; a published figure rounded to one decimal agrees.
    let p = with_rows(&[
        "ung-kriminalitet,aarhus,2030,41,500,8.2",
        "ung-kriminalitet,aarhus,2031,1,3,33.3",
    ]);
    check(&p).code(0).errors(&[]);
}

#[test]
fn share_value_outside_0_to_100() {
    row_fails_with(
        "ung-kriminalitet,national,2030,,,108",
        "data/values/test.csv:2:34: error: a share is given in pct. and must lie between 0 and 100, found 108",
    );
}

#[test]
fn count_given_as_numerator_and_denominator() {
    // Both are true: the figure is in the wrong columns, and `value` is empty
    // (the short row ends at the denominator, so that is where it points).
    let p = with_rows(&["hjemloese,randers,2030,4,10"]);
    fails_with(
        &p,
        &[
            "data/values/test.csv:2:24: error: `hjemloese` is a count indicator: give its figure in `value`, not numerator/denominator",
            "data/values/test.csv:2:26: error: no figure: `hjemloese` needs a `value`",
        ],
    );
}

#[test]
fn zero_denominator_is_only_a_warning() {
    let p = with_rows(&["ung-kriminalitet,aarhus,2030,0,0"]);
    check(&p).code(0).errors(&[]).warnings(&example_warnings_and(&[
        "data/values/test.csv:2:32: warning: zero denominator: no share can be computed for this row",
    ]));
}

// --- catalog references ---------------------------------------------------

#[test]
fn indicator_serving_an_unknown_goal() {
    let p = Project::example();
    p.replace(UNG, "\"sm-6\"", "\"sm-66\"");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:2:19: error: unknown goal `sm-66` (did you mean `sm-6`?)"],
    );
}

#[test]
fn goal_in_an_unknown_area() {
    let p = Project::example();
    p.replace(
        GOALS,
        "id = \"6by-1\"\nnumber = 1\narea = \"boern-unge\"",
        "id = \"6by-1\"\nnumber = 1\narea = \"boern-ung\"",
    );
    fails_with(
        &p,
        &["data/goals.toml:12:8: error: unknown area `boern-ung` (did you mean `boern-unge`?)"],
    );
}

#[test]
fn target_with_an_invalid_period() {
    let p = Project::example();
    p.replace(UNG, "deadline = \"2020\"", "deadline = \"2020-Q5\"");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:20:12: error: invalid period `2020-Q5`"],
    );
}

#[test]
fn target_baseline_without_data() {
    // The example's figures for ung-kriminalitet start in 2013.
    let p = Project::example();
    p.replace(UNG, "baseline = \"2013\"", "baseline = \"2012\"");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:19:12: error: target baseline 2012 of `ung-kriminalitet` is a period with no data for this indicator"],
    );
}

#[test]
fn target_baseline_after_the_deadline() {
    let p = Project::example();
    p.replace(UNG, "deadline = \"2020\"", "deadline = \"2012\"");
    fails_with(
        &p,
        &["data/indicators/ung-kriminalitet.toml:19:12: error: the target's baseline must lie before its deadline"],
    );
}

#[test]
fn target_trajectory_is_true_or_false() {
    let herberg = "data/indicators/herberg-tilbagevenden.toml";
    let p = Project::example();
    p.replace(
        herberg,
        "deadline = \"2020\"\n",
        "deadline = \"2020\"\ntrajectory = \"nej\"\n",
    );
    fails_with(
        &p,
        &["data/indicators/herberg-tilbagevenden.toml:19:14: error: invalid type: string \"nej\", expected a boolean"],
    );
    p.replace(herberg, "trajectory = \"nej\"", "trajectory = false");
    check(&p).code(0).errors(&[]);
}

// --- warnings do not fail ---------------------------------------------------

#[test]
fn missing_period_in_a_series_is_a_warning() {
    let p = Project::example();
    p.replace(
        "data/values/illustrative.csv",
        "ung-kriminalitet,aarhus,2015,38,500,,,,,,,\n",
        "",
    );
    check(&p).code(0).errors(&[]).warnings(&example_warnings_and(&[
        "data/values/illustrative.csv:10:1: warning: aarhus has no `ung-kriminalitet` figure for 2015 (gap in the series)",
    ]));
}

#[test]
fn gap_in_a_yearly_series_next_to_quarterly_figures() {
    let p = Project::example();
    p.replace(
        "data/values/illustrative.csv",
        "ung-kriminalitet,aarhus,2015,38,500,,,,,,,\n",
        "",
    );
    p.write(
        VALUES,
        &format!("{HEADER}\nung-kriminalitet,aarhus,2015-Q2,9,120,,,,,,,\n"),
    );
    check(&p).code(0).errors(&[]).warnings(&example_warnings_and(&[
        "data/values/illustrative.csv:10:1: warning: aarhus has no `ung-kriminalitet` figure for 2015 (gap in the series)",
    ]));
}

#[test]
fn city_without_data_for_an_indicator_is_a_warning() {
    let p = Project::example();
    let values = p.read("data/values/illustrative.csv");
    let kept: Vec<&str> = values
        .lines()
        .filter(|l| !l.starts_with("ung-kriminalitet,odense,"))
        .collect();
    p.write("data/values/illustrative.csv", &(kept.join("\n") + "\n"));
    // And the commentary that quotes Odense's figures says it shows none.
    check(&p).code(0).errors(&[]).warnings(&example_warnings_and(&[
        "content/seminars/udvalgsseminar-2015/cities/odense.md:9:2: warning: change(indicator=\"ung-kriminalitet\", city=\"odense\", from=\"2013\", to=\"2014\") has no figure: 2013 is not reported (–) (the page shows \"–\" in its place)",
        "content/seminars/udvalgsseminar-2019/cities/odense.md:9:1: warning: value(indicator=\"ung-kriminalitet\", city=\"odense\", period=\"2018\") has no figure: not reported (–)",
        "data/indicators/ung-kriminalitet.toml:1:1: warning: no data for indicator `ung-kriminalitet` from odense",
    ]));
}

// --- every problem, not just the first --------------------------------------

#[test]
fn every_problem_in_every_file_is_reported() {
    let p = with_rows(&[
        "ung-kriminalitet,arhus,2030,41,500",
        "ung-kriminalitet,aarhus,2031,501,500",
        "ung-kriminalitet,aarhus,2032-Q5,41,500",
    ]);
    p.replace(UNG, "\"sm-6\"", "\"sm-66\"");
    p.replace(SEMINAR_2015, "period = \"2014\"", "period = 2014");
    p.replace(
        "content/seminars/udvalgsseminar-2019/ung-kriminalitet.md",
        "from=\"2013\", to=\"2018\"",
        "from=\"2012\", to=\"2018\"",
    );
    let run = check(&p);
    run.code(1).errors(&[
        "content/seminars/udvalgsseminar-2015/index.md:6:10: error: invalid type",
        "content/seminars/udvalgsseminar-2019/ung-kriminalitet.md:7:2: error: shortcode asks for `ung-kriminalitet` in period 2012, which has no data",
        "data/indicators/ung-kriminalitet.toml:2:19: error: unknown goal `sm-66`",
        "data/values/test.csv:2:18: error: unknown city `arhus`",
        "data/values/test.csv:3:30: error: numerator 501 is larger than denominator 500",
        "data/values/test.csv:4:25: error: invalid period `2032-Q5`",
    ]);
    assert!(
        run.stderr
            .lines()
            .any(|l| l == "check: 6 error(s), 3 warning(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "no summary on stdout when check fails: {}",
        run.stdout
    );
}

#[test]
fn several_problems_in_one_row_are_all_reported() {
    let p = with_rows(&["ung-kriminalitt,arhus,2030-Q9,x,-1,,,maybe"]);
    fails_with(
        &p,
        &[
            "data/values/test.csv:2:1: error: unknown indicator `ung-kriminalitt`",
            "data/values/test.csv:2:17: error: unknown city `arhus`",
            "data/values/test.csv:2:23: error: invalid period `2030-Q9`",
            "data/values/test.csv:2:31: error: invalid number `x` in column `numerator`",
            "data/values/test.csv:2:33: error: negative count -1 in column `denominator`",
            "data/values/test.csv:2:38: error: unknown flag `maybe`",
        ],
    );
}

#[test]
fn broken_config_does_not_hide_data_errors() {
    let p = with_rows(&["ung-kriminalitet,arhus,2030,41,500"]);
    p.replace("maalrapport.toml", "min_cell = 5", "min_cel = 5");
    fails_with(
        &p,
        &[
            "data/values/test.csv:2:18: error: unknown city `arhus`",
            "maalrapport.toml:5:1: error: unknown field `min_cel`",
        ],
    );
}
