//! Bar and fulfilment chart tests.

use super::*;

/// `n` bars with values rising 0,5 pct. per bar; bar 2 is highlighted and
/// bar 4 (when present) is missing.
pub(super) fn sample(n: usize) -> BarChart {
    let bars = (0..n)
        .map(|i| Bar {
            label: format!("Kommune {i}"),
            value: (i != 4).then_some(5.0 + i as f64 * 0.5),
            missing: "ikke indberettet".into(),
            style: palette_style(0),
            highlight: i == 2,
            interval: (i == 1).then_some((4.0, 7.5)),
        })
        .collect();
    BarChart {
        id: "chart-test-bars".into(),
        title: "Udsatte unge, der begår kriminalitet, 2016".into(),
        desc: "Andel i pct. pr. kommune".into(),
        unit: Unit::Pct,
        axis_caption: Some("pct.".into()),
        bars,
        reference: Some(TargetLine {
            value: 8.2,
            label: "6-byerne: 8,2 pct.".into(),
        }),
        target: Some(TargetLine {
            value: 9.0,
            label: "Mål 2020: højst 9 pct.".into(),
        }),
    }
}

/// The fact-sheet numbers of seed 003.
pub(super) fn fulfilment_sample() -> FulfilmentChart {
    let row = |label: &str, a, b| FulfilmentRow {
        label: label.into(),
        fulfilled: a,
        unfulfilled: b,
    };
    FulfilmentChart {
        id: "chart-test-fulfilment".into(),
        title: "Andel opfyldte / uopfyldte mål 1. kv. 2018 – 4. kv. 2018".into(),
        desc: "Andel opfyldte og uopfyldte mål pr. måltype".into(),
        rows: vec![
            row("Mål om tilbagegang", Some(5.0), Some(0.0)),
            row("Progressionsmål", Some(12.0), Some(43.0)),
            row("Vedligeholdelsesmål", Some(37.0), None),
        ],
        fulfilled_label: "Andel opfyldte mål".into(),
        unfulfilled_label: "Andel uopfyldte mål".into(),
        missing: "dis.".into(),
    }
}

fn bar_rects(els: &[El]) -> Vec<&El> {
    els.iter()
        .filter(|e| {
            e.name == "rect"
                && e.group_class
                    .as_deref()
                    .is_some_and(|c| c.starts_with("bar"))
        })
        .collect()
}

#[test]
fn bars_keep_the_given_order_and_explain_missing_values() {
    let chart = sample(6);
    let els = parse(&bars(&chart));
    let order: Vec<&str> = els
        .iter()
        .filter(|e| e.name == "g" && e.attrs.contains_key("data-bar"))
        .map(|e| e.attr("data-bar"))
        .collect();
    assert_eq!(
        order,
        vec![
            "Kommune 0",
            "Kommune 1",
            "Kommune 2",
            "Kommune 3",
            "Kommune 4",
            "Kommune 5"
        ]
    );
    let rects = bar_rects(&els);
    assert_eq!(rects.len(), 5, "no bar for the missing value");
    assert!(
        rects.windows(2).all(|w| w[0].num("y") < w[1].num("y")),
        "top to bottom in order"
    );
    assert!(
        rects
            .windows(2)
            .all(|w| w[0].num("width") < w[1].num("width")),
        "longer bars for larger values"
    );
    let text = |class: &str| {
        texts(&els)
            .into_iter()
            .filter(|t| t.has_class(class))
            .map(|t| t.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(text("bar-value"), vec!["5,0", "5,5", "6,0", "6,5", "7,5"]);
    assert_eq!(text("bar-missing"), vec!["ikke indberettet"]);
    assert_eq!(
        els.iter()
            .filter(|e| e.group.as_deref() == Some("Kommune 1") && e.has_class("interval"))
            .count(),
        1
    );
}

#[test]
fn the_highlighted_bar_stands_out_without_colour() {
    let els = parse(&bars(&sample(6)));
    let rects = bar_rects(&els);
    let own = rects
        .iter()
        .find(|r| r.group.as_deref() == Some("Kommune 2"))
        .unwrap();
    assert!(own.attrs.contains_key("stroke") && !own.attrs.contains_key("fill-opacity"));
    assert!(rects
        .iter()
        .filter(|r| r.group.as_deref() != Some("Kommune 2"))
        .all(|r| r.attrs.contains_key("fill-opacity")));
    let label = texts(&els)
        .into_iter()
        .find(|t| t.text == "Kommune 2")
        .unwrap();
    assert_eq!(label.attr("font-weight"), "bold");
}

#[test]
fn reference_and_target_lines_are_labelled_at_their_values() {
    let els = parse(&bars(&sample(6)));
    let tick_x = |label: &str| {
        texts(&els)
            .into_iter()
            .find(|t| t.text.trim() == label && t.attr("text-anchor") == "middle")
            .unwrap()
            .num("x")
    };
    let (x0, x10) = (tick_x("0"), tick_x("10"));
    for (class, value, label) in [
        ("reference", 8.2, "6-byerne: 8,2 pct."),
        ("target", 9.0, "Mål 2020: højst 9 pct."),
    ] {
        let line = els
            .iter()
            .find(|e| e.name == "line" && e.has_class(class))
            .unwrap();
        assert!(
            (line.num("x1") - (x0 + (x10 - x0) * value / 10.0)).abs() <= 1.0,
            "{class}"
        );
        assert!(texts(&els)
            .iter()
            .any(|t| t.has_class(&format!("{class}-label")) && t.text == label));
    }
}

#[test]
fn height_grows_with_the_number_of_bars_and_long_labels_are_shortened() {
    let mut chart = sample(98);
    chart.bars[7].label =
        "Kommune med et overordentlig langt navn, der aldrig kan stå fuldt ud".repeat(2);
    let svg = bars(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    assert!(view_box(&els).1 > 3.0 * view_box(&parse(&bars(&sample(6)))).1);
    assert_eq!(bar_rects(&els).len(), 97);
    assert!(texts(&els)
        .iter()
        .any(|t| t.text.starts_with("Kommune med") && t.text.ends_with('…')));
}

#[test]
fn negative_values_and_no_lines_fit_too() {
    let mut chart = sample(3);
    chart.bars[0].value = Some(-4.0);
    chart.reference = None;
    chart.target = None;
    chart.unit = Unit::Number { decimals: 1 };
    let svg = bars(&chart);
    assert_text_inside(&svg);
    assert!(parse(&svg).iter().any(|t| t.text == "-4,0"));
}

#[test]
fn fulfilment_pairs_bars_per_goal_type_with_a_legend() {
    let chart = fulfilment_sample();
    let svg = fulfilment(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    for row in &chart.rows {
        let rects = els
            .iter()
            .filter(|e| e.group.as_deref() == Some(row.label.as_str()) && e.name == "rect")
            .count();
        assert_eq!(
            rects,
            usize::from(row.fulfilled.is_some()) + usize::from(row.unfulfilled.is_some())
        );
    }
    let values: Vec<&str> = texts(&els)
        .into_iter()
        .filter(|t| t.has_class("bar-value"))
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(values, vec!["5", "0", "12", "43", "37"]);
    assert!(texts(&els)
        .iter()
        .any(|t| t.has_class("bar-missing") && t.text == "dis."));
    let legend: Vec<&str> = texts(&els)
        .into_iter()
        .filter(|t| t.group_class.as_deref() == Some("legend"))
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(legend, vec!["Andel opfyldte mål", "Andel uopfyldte mål"]);
    let hatch = format!("url(#{}-hatch)", chart.id);
    assert!(els
        .iter()
        .any(|e| e.attr("id") == format!("{}-hatch", chart.id)));
    assert!(els
        .iter()
        .filter(|e| e.has_class("unfulfilled"))
        .all(|e| e.attr("fill") == hatch));
}

#[test]
fn non_finite_values_are_shown_as_missing_not_drawn() {
    let mut chart = sample(3);
    chart.bars[0].value = Some(f64::NAN);
    chart.bars[1].interval = Some((f64::NEG_INFINITY, 9.0));
    chart.target = Some(TargetLine {
        value: f64::INFINITY,
        label: "Mål".into(),
    });
    let svg = bars(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    assert_eq!(bar_rects(&els).len(), 2);
    assert!(!els
        .iter()
        .any(|e| e.has_class("interval") || e.has_class("target")));
    assert!(texts(&els)
        .iter()
        .any(|t| t.has_class("bar-missing") && t.text == "ikke indberettet"));
}
