//! Parsing and resolving shortcodes: positions, did-you-mean, lists and
//! the chart's argument combinations.

use super::*;
use crate::model::{City, CityGroup, Direction, Indicator, Measure};

fn catalog() -> Catalog {
    let city = |id: &str, name: &str, code| City {
        id: id.into(),
        code,
        name: name.into(),
        color: None,
        region: None,
    };
    let mut share = Indicator::bare(Measure::Share, Direction::Lower);
    share.id = "andel".into();
    let mut count = Indicator::bare(Measure::Count, Direction::Lower);
    count.id = "antal".into();
    Catalog {
        network_name: "3-byerne".into(),
        cities: vec![
            city("aarhus", "Aarhus", 751),
            city("odense", "Odense", 461),
            city("aalborg", "Aalborg", 851),
        ],
        city_groups: vec![CityGroup {
            id: "store".into(),
            name: "De store".into(),
            cities: vec![0, 1],
        }],
        areas: vec![],
        goals: vec![],
        indicators: vec![share, count],
        broken_indicators: vec![],
    }
}

/// Parses `body` as the body of `k.md` starting on line 3; the shortcodes
/// and every problem as `line:col: message (hint)`.
fn run(body: &str) -> (Vec<Shortcode>, Vec<String>) {
    let cat = catalog();
    let mut diags = Diagnostics::default();
    let codes = parse(body, &Pos::new("k.md", 3, 1), &cat, &mut diags)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Code(c, _) => Some(c),
            Segment::Text(_) => None,
        })
        .collect();
    let problems = diags
        .sorted()
        .into_iter()
        .map(|d| {
            let hint = d.hint.map(|h| format!(" ({h})")).unwrap_or_default();
            format!("{}:{}: {}{hint}", d.pos.line, d.pos.col, d.message)
        })
        .collect();
    (codes, problems)
}

fn chart(body: &str) -> Shortcode {
    let (codes, problems) = run(body);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(codes.len(), 1);
    codes.into_iter().next().unwrap()
}

fn problems(body: &str) -> Vec<String> {
    let (codes, problems) = run(body);
    assert!(codes.is_empty(), "a bad shortcode is left out: {codes:?}");
    problems
}

#[test]
fn cities_is_a_list_of_places_in_the_order_written() {
    let code = chart(
        r#"{{ chart(indicator="andel", cities=["odense", "network", "national", "store", "region-midtjylland"]) }}"#,
    );
    let Shortcode::Chart { places, kind, .. } = code else {
        panic!("a chart");
    };
    assert_eq!(kind, ChartKind::Trend);
    assert_eq!(
        places,
        vec![
            Place::City(1),
            Place::Network,
            Place::National,
            Place::CityGroup(0),
            Place::Region(Region::Midtjylland)
        ]
    );
    // `[compare] with` spells a group `group:<id>`; so may a shortcode.
    let code = chart(r#"{{ chart(indicator="andel", cities=[ "group:store","aarhus" ] ) }}"#);
    let Shortcode::Chart { places, .. } = code else {
        panic!("a chart");
    };
    assert_eq!(places, vec![Place::CityGroup(0), Place::City(0)]);
}

#[test]
fn from_to_and_small_multiples_parse() {
    let code = chart(
        "{{ chart(indicator=\"andel\", kind=\"small-multiples\", from=\"2019-Q1\", to=\"2023\") }}",
    );
    let Shortcode::Chart {
        kind,
        from,
        to,
        places,
        ..
    } = code
    else {
        panic!("a chart");
    };
    assert_eq!(kind, ChartKind::SmallMultiples);
    assert!(places.is_empty());
    assert_eq!(from.map(|f| f.0), Some(Period::Quarter(2019, 1)));
    assert_eq!(to.as_ref().map(|t| t.0), Some(Period::Year(2023)));
    // Where `to` is written, for `check`: line 3, after `to=`.
    let to = to.unwrap().1;
    assert_eq!((to.line, to.col), (3, 72));
    // A quarter of the year `to` names is not "after" it.
    chart("{{ chart(indicator=\"andel\", from=\"2019-Q3\", to=\"2019\") }}");
}

#[test]
fn an_unknown_city_in_the_list_is_reported_at_its_place_with_a_hint() {
    let body = "Tekst.\n\n{{ chart(indicator=\"andel\",\n  cities=[\"aarhus\", \"odnse\"]) }}";
    assert_eq!(
        problems(body),
        ["6:21: unknown city `odnse` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`) (did you mean `odense`?)"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=[\"netwrok\"]) }}")[0],
        "3:37: unknown city `netwrok` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`) (did you mean `network`?)"
    );
    // The single `city` too, for every shortcode.
    assert_eq!(
        problems("{{ value(indicator=\"andel\", city=\"arhus\") }}"),
        ["3:34: unknown city `arhus` in shortcode: expected a city's id, `network`, `national`, a comparison group or a region (`region-…`) (did you mean `aarhus`?)"]
    );
}

#[test]
fn malformed_lists_say_what_was_expected() {
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=[\"aarhus\" \"odense\"]) }}"),
        ["3:46: argument `cities`: expected `,` or `]` after a list item"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=[aarhus]) }}"),
        ["3:37: argument `cities`: expected a quoted value or `]` in the list, such as `cities=[\"aarhus\", \"network\"]`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=[\"aarhus\",) }}"),
        ["3:36: argument `cities`: missing `]` at the end of the list"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=\"aarhus\") }}"),
        ["3:36: argument `cities`: expected a list of quoted ids such as `cities=[\"aarhus\", \"network\", \"national\"]`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=[]) }}"),
        ["3:36: argument `cities`: the list is empty; expected ids such as `cities=[\"aarhus\", \"network\"]`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=[\"andel\"]) }}"),
        ["3:20: argument `indicator`: expected one quoted value such as `indicator=\"…\"`, not a list"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cites=[\"aarhus\"]) }}"),
        ["3:29: unknown argument `cites` for `chart`: expected indicator, kind, city, cities, from, to (did you mean `cities`?)"]
    );
}

#[test]
fn combinations_that_make_no_sense_are_errors_at_the_argument() {
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", from=\"2020\", to=\"2018\") }}"),
        ["3:34: `from=\"2020\"` comes after `to=\"2018\"`: expected `from` to be the earlier period"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", kind=\"bars\", to=\"2018\") }}"),
        ["3:45: argument `to`: a `bars` chart shows one period (the page's); `from` and `to` are for `trend` and `small-multiples`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", kind=\"map\", from=\"2018\") }}"),
        ["3:46: argument `from`: a `map` chart shows one period (the page's); `from` and `to` are for `trend` and `small-multiples`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", kind=\"map\", cities=[\"aarhus\"]) }}"),
        ["3:48: argument `cities`: a map shows every city of the page; `cities` is for `trend`, `bars` and `small-multiples`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", kind=\"bars\", cities=[\"aarhus\", \"national\"]) }}"),
        ["3:60: `national` in `cities`: a bar chart draws cities and the network's line; expected a city's id or `network` (a trend can show `national`)"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", kind=\"bars\", cities=[\"network\"]) }}"),
        ["3:49: argument `cities`: a bar chart needs at least one city's id in `cities`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", city=\"aalborg\", cities=[\"aarhus\"]) }}"),
        ["3:34: argument `city`: the city that stands out must be one of `cities`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", cities=[\"aarhus\", \"aarhus\"]) }}"),
        ["3:47: `aarhus` is named twice in `cities`"]
    );
    assert_eq!(
        problems("{{ chart(indicator=\"andel\", kind=\"small-multiple\") }}"),
        ["3:34: unknown chart kind `small-multiple`: expected `trend`, `bars`, `map` or `small-multiples` (did you mean `small-multiples`?)"]
    );
    // Bars for chosen cities, with the network's line, are fine.
    chart("{{ chart(indicator=\"andel\", kind=\"bars\", cities=[\"odense\", \"network\"]) }}");
}
