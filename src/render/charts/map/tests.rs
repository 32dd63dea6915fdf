//! Map chart tests: every municipality drawn once with its title, classes
//! and patterns as given, a legend entry per class, the source line.

use super::*;
use crate::render::charts::tests::{assert_accessible, assert_text_inside};

fn sample() -> MapChart {
    MapChart {
        id: "chart-test-map".into(),
        title: "Andel: kort, 2018".into(),
        desc: "Kort over 3 kommuner.".into(),
        classes: vec![
            MapClass {
                id: "better".into(),
                label: "Bedre end hele landet".into(),
                color: "#08519c".into(),
                pattern: Pattern::Solid,
            },
            MapClass {
                id: "worse".into(),
                label: "Dårligere end hele landet".into(),
                color: "#e6550d".into(),
                pattern: Pattern::Hatch,
            },
            MapClass {
                id: "none".into(),
                label: "Ikke sammenlignet".into(),
                color: "#ffffff".into(),
                pattern: Pattern::Dots,
            },
        ],
        areas: vec![
            MapArea {
                code: 751,
                class: 0,
                title: "Aarhus: 8,2 pct., bedre end hele landet".into(),
            },
            MapArea {
                code: 101,
                class: 1,
                title: "København: 12,0 pct., dårligere end hele landet".into(),
            },
            MapArea {
                code: 400,
                class: 2,
                title: "Bornholm: dis. (diskretioneret)".into(),
            },
        ],
        other_label: "Ikke i 6-byerne".into(),
        method: String::new(),
        source: "Kilde: Geodatastyrelsen og Danske Kommuner (DAGI)".into(),
    }
}

/// `(data-code, class attribute, data-class, fill, title)` of every area.
fn areas(svg: &str) -> Vec<(u16, String, String, String, String)> {
    svg.split("<path class=\"area")
        .skip(1)
        .map(|p| {
            let attr = |name: &str| {
                let start = p.find(&format!("{name}=\"")).map(|i| i + name.len() + 2);
                start.map_or(String::new(), |s| {
                    p[s..s + p[s..].find('"').unwrap()].to_owned()
                })
            };
            let class = p[..p.find('"').unwrap()].trim().to_owned();
            let title = &p[p.find("<title>").unwrap() + 7..p.find("</title>").unwrap()];
            (
                attr("data-code").parse().unwrap(),
                class,
                attr("data-class"),
                attr("fill"),
                title.to_owned(),
            )
        })
        .collect()
}

#[test]
fn all_98_municipalities_once_each() {
    let svg = map(&sample());
    assert_accessible(&svg, "chart-test-map", "Andel: kort, 2018");
    assert_text_inside(&svg);
    let mut codes: Vec<u16> = areas(&svg).iter().map(|a| a.0).collect();
    assert_eq!(codes.len(), 98);
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 98, "each once");
    assert!(codes.contains(&101) && codes.contains(&400) && !codes.contains(&411));
    assert_eq!(municipalities().len(), 98);
}

#[test]
fn classes_patterns_and_titles_as_given() {
    let svg = map(&sample());
    let all = areas(&svg);
    let of = |code: u16| all.iter().find(|a| a.0 == code).unwrap();
    assert_eq!(of(751).2, "better");
    assert_eq!(of(751).3, "#08519c");
    assert_eq!(of(101).2, "worse");
    assert_eq!(of(101).3, "url(#chart-test-map-fill-worse)");
    assert_eq!(of(400).3, "url(#chart-test-map-fill-none)");
    assert_eq!(of(751).4, "Aarhus: 8,2 pct., bedre end hele landet");
    // Every other municipality is grey, outside the chart, with its name.
    let odense = of(461);
    assert_eq!((odense.1.as_str(), odense.2.as_str()), ("", ""));
    assert_eq!(odense.4, "Odense: ikke i 6-byerne");
    assert_eq!(of(751).1, "in-chart");
    // Greyscale: the patterned classes have patterns with lines or dots.
    assert!(svg.contains(r#"<pattern id="chart-test-map-fill-worse""#));
    assert!(svg.contains(r#"<pattern id="chart-test-map-fill-none""#));
    assert!(!svg.contains(r#"<pattern id="chart-test-map-fill-better""#));
}

#[test]
fn legend_inset_and_source_line() {
    let svg = map(&sample());
    assert_eq!(
        svg.matches("class=\"map-key\"").count(),
        4,
        "three classes and the grey"
    );
    for label in [
        "Bedre end hele landet",
        "Dårligere end hele landet",
        "Ikke sammenlignet",
        "Ikke i 6-byerne",
    ] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    assert!(svg.contains("Kilde: Geodatastyrelsen og Danske Kommuner (DAGI)</text>"));
    assert_eq!(svg.matches("class=\"map-inset\"").count(), 1);
    assert_eq!(map(&sample()), svg, "deterministic");
}
