//! Small-multiples tests.

use super::*;

/// `n` panels over 2013–2016, each its place's line over a reference line;
/// panel `i`'s values are `i + 1` times the first's, so the scales differ
/// if they are not shared.
fn sample(n: usize) -> MultiplesChart {
    let line = |label: &str, points: Vec<Option<f64>>, style: Style, emphasis| Series {
        label: label.into(),
        style,
        emphasis,
        points,
        partial: Vec::new(),
        intervals: Vec::new(),
        breaks: Vec::new(),
    };
    let reference = Style {
        color: "#777777".into(),
        dash: Dash::Solid,
        marker: Marker::None,
    };
    MultiplesChart {
        id: "chart-test-multiples".into(),
        title: "Udsatte unge & <kriminalitet>".into(),
        desc: "Én figur for hver by.".into(),
        x_labels: (2013..=2016).map(|y| y.to_string()).collect(),
        x_positions: (2013..=2016).map(f64::from).collect(),
        unit: Unit::Pct,
        axis_caption: Some("pct.".into()),
        panels: (0..n)
            .map(|i| Panel {
                label: format!("By {i} & Co"),
                series: vec![
                    line(
                        &format!("By {i}"),
                        (0..4)
                            .map(|t| Some((i + 1) as f64 * (4.0 + t as f64)))
                            .collect(),
                        palette_style(0),
                        Emphasis::Strong,
                    ),
                    line(
                        "Netværket",
                        vec![Some(10.0); 4],
                        reference.clone(),
                        Emphasis::Normal,
                    ),
                ],
            })
            .collect(),
        target: Some(TargetLine {
            value: 9.0,
            label: "Mål 2020: højst 9 pct.".into(),
        }),
        own_label: "Feltets kommune".into(),
        partial_label: "Åben markør".into(),
    }
}

#[test]
fn small_multiples_are_accessible_escaped_deterministic_and_inside() {
    let chart = sample(5);
    let svg = multiples(&chart);
    assert_accessible(&svg, &chart.id, &chart.title);
    assert_text_inside(&svg);
    assert!(svg.contains("data-panel=\"By 0 &amp; Co\""));
    assert_eq!(svg, multiples(&chart.clone()));
    let els = parse(&svg);
    let panels = els
        .iter()
        .filter(|e| e.attrs.contains_key("data-panel"))
        .count();
    assert_eq!(panels, 5);
    // One legend entry for every panel's own line, one for the reference.
    let legend: Vec<&str> = texts(&els)
        .into_iter()
        .filter(|t| t.group_class.as_deref() == Some("legend"))
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        legend,
        ["Feltets kommune", "Netværket", "Mål 2020: højst 9 pct."]
    );
}

#[test]
fn every_panel_has_the_same_value_scale() {
    let svg = multiples(&sample(3));
    let els = parse(&svg);
    // The reference line (10 in every panel) lies at one height in all panels
    // of a row, and the target line too.
    let heights = |class: &str| -> Vec<f64> {
        els.iter()
            .filter(|e| e.has_class(class))
            .map(|e| e.num("y1"))
            .collect()
    };
    let targets = heights("target");
    assert_eq!(targets.len(), 3);
    assert!(targets.windows(2).all(|w| w[0] == w[1]), "{targets:?}");
    let reference_ys: Vec<String> = els
        .iter()
        .filter(|e| e.name == "polyline" && e.group.as_deref() == Some("Netværket"))
        .map(|e| {
            e.attr("points")
                .split(' ')
                .next()
                .unwrap()
                .split(',')
                .nth(1)
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(reference_ys.len(), 3);
    assert!(
        reference_ys.windows(2).all(|w| w[0] == w[1]),
        "{reference_ys:?}"
    );
    // The largest value (3 × 7 = 21) sets every panel's axis: each panel
    // has the ticks 0, 10 and 20, also the first, whose values stay below 8.
    let ticks: Vec<&str> = texts(&els)
        .into_iter()
        .filter(|e| e.text.len() <= 2 && e.text.chars().all(|c| c.is_ascii_digit()))
        .map(|e| e.text.as_str())
        .collect();
    for tick in ["0", "10", "20"] {
        assert_eq!(ticks.iter().filter(|t| **t == tick).count(), 3, "{ticks:?}");
    }
}
