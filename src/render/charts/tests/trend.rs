//! Trend chart tests.

use super::*;

/// `n` city series over 2010–2016 (one value each year) with the given
/// emphasis, plus a strong network series.
pub(super) fn sample(n: usize, emphasis: Emphasis) -> TrendChart {
    let mut series: Vec<Series> = (0..n)
        .map(|i| Series {
            label: format!("By {i}"),
            style: palette_style(i),
            emphasis,
            points: (0..7)
                .map(|t| Some(8.0 + ((i * 3 + t * 7) % 5) as f64))
                .collect(),
            partial: Vec::new(),
            intervals: Vec::new(),
            breaks: Vec::new(),
        })
        .collect();
    series.push(Series {
        label: "6-byerne".into(),
        style: palette_style(n),
        emphasis: Emphasis::Strong,
        points: vec![Some(10.0); 7],
        partial: Vec::new(),
        intervals: vec![Some((9.0, 11.0)); 7],
        breaks: Vec::new(),
    });
    TrendChart {
        id: "chart-test-trend".into(),
        title: "Udsatte unge, der begår kriminalitet".into(),
        desc: "Andel i pct.".into(),
        x_labels: (2010..=2016).map(|y| y.to_string()).collect(),
        x_positions: (2010..=2016).map(f64::from).collect(),
        unit: Unit::Pct,
        axis_caption: Some("pct.".into()),
        series,
        target: Some(TargetLine {
            value: 9.0,
            label: "Mål 2020: højst 9 pct.".into(),
        }),
        trajectory: None,
        context_label: "Øvrige kommuner".into(),
        partial_label: "Åben markør: ikke alle kommuner med".into(),
    }
}

fn in_series<'a>(els: &'a [El], label: &str, name: &str) -> Vec<&'a El> {
    els.iter()
        .filter(|e| e.group.as_deref() == Some(label) && e.name == name)
        .collect()
}

fn points_of(els: &[El], label: &str) -> usize {
    els.iter()
        .filter(|e| e.group.as_deref() == Some(label) && e.has_class("pt"))
        .count()
}

fn polyline_len(e: &El) -> usize {
    e.attr("points").split(' ').count()
}

#[test]
fn each_series_is_a_group_with_one_line_and_a_marker_per_point() {
    let chart = sample(6, Emphasis::Normal);
    let els = parse(&trend(&chart));
    let groups: Vec<&El> = els
        .iter()
        .filter(|e| e.name == "g" && e.attrs.contains_key("data-series"))
        .collect();
    assert_eq!(groups.len(), 7);
    for s in &chart.series {
        let lines = in_series(&els, &s.label, "polyline");
        assert_eq!(lines.len(), 1, "{}", s.label);
        assert_eq!(polyline_len(lines[0]), 7);
        assert_eq!(points_of(&els, &s.label), 7);
    }
    assert_eq!(
        in_series(&els, "6-byerne", "path")
            .iter()
            .filter(|e| e.has_class("interval"))
            .count(),
        7
    );
    // Every series is in the legend, the strong one in bold.
    let legend: Vec<&El> = texts(&els)
        .into_iter()
        .filter(|t| t.group_class.as_deref() == Some("legend"))
        .collect();
    assert_eq!(legend.len(), 7);
    assert!(legend
        .iter()
        .any(|t| t.text == "6-byerne" && t.attr("font-weight") == "bold"));
}

#[test]
fn a_gap_splits_the_line_and_isolated_points_keep_a_marker() {
    let mut chart = sample(2, Emphasis::Normal);
    chart.series[0].points = vec![
        Some(1.0),
        Some(2.0),
        None,
        Some(4.0),
        Some(5.0),
        None,
        Some(7.0),
    ];
    chart.series[1].points = vec![Some(1.0), None, Some(3.0), None, Some(5.0), None, None];
    chart.series[1].style.marker = Marker::None;
    let els = parse(&trend(&chart));
    let lines = in_series(&els, "By 0", "polyline");
    assert_eq!(
        lines.iter().map(|l| polyline_len(l)).collect::<Vec<_>>(),
        vec![2, 2]
    );
    assert_eq!(points_of(&els, "By 0"), 5);
    assert!(in_series(&els, "By 1", "polyline").is_empty());
    assert_eq!(
        points_of(&els, "By 1"),
        3,
        "isolated points are drawn as dots"
    );
    // The gap is not bridged: the second run starts right of the first's end.
    let x_end = |l: &El, first: bool| {
        let pts: Vec<&str> = l.attr("points").split(' ').collect();
        let p = if first { pts[0] } else { pts[pts.len() - 1] };
        p.split(',').next().unwrap().parse::<f64>().unwrap()
    };
    assert!(x_end(lines[1], true) > x_end(lines[0], false));
}

#[test]
fn target_line_sits_where_the_axis_maps_its_value() {
    let chart = sample(3, Emphasis::Normal);
    let els = parse(&trend(&chart));
    let tick_y = |label: &str| {
        let t = texts(&els)
            .into_iter()
            .find(|t| t.text.trim() == label && t.attr("text-anchor") == "end")
            .expect("tick label");
        t.num("y")
    };
    let (y0, y10) = (tick_y("0"), tick_y("10"));
    let target = els
        .iter()
        .find(|e| e.has_class("target"))
        .expect("target line");
    assert_eq!(target.num("y1"), target.num("y2"));
    assert!((target.num("y1") - (y0 + (y10 - y0) * 0.9)).abs() <= 1.0);
    let label = texts(&els)
        .into_iter()
        .find(|t| t.has_class("target-label"))
        .expect("target label");
    assert_eq!(label.text, "Mål 2020: højst 9 pct.");
    assert!(els
        .iter()
        .any(|e| e.has_class("axis-caption") && e.text == "pct."));
}

#[test]
fn many_cities_become_faint_context_under_the_strong_lines() {
    let mut chart = sample(98, Emphasis::Faint);
    chart.series[0].emphasis = Emphasis::Strong;
    chart.series[0].label = "Aarhus".into();
    let els = parse(&trend(&chart));
    let legend: Vec<&El> = texts(&els)
        .into_iter()
        .filter(|t| t.group_class.as_deref() == Some("legend"))
        .collect();
    let labels: Vec<&str> = legend.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(labels, vec!["Aarhus", "6-byerne", "Øvrige kommuner"]);
    let faint: Vec<&El> = els
        .iter()
        .filter(|e| e.name == "g" && e.has_class("faint"))
        .collect();
    assert_eq!(faint.len(), 97);
    assert_eq!(points_of(&els, "By 5"), 0, "faint lines have no markers");
    assert!(in_series(&els, "By 5", "polyline")[0].attr("stroke") == style::FAINT_COLOR);
    let position = |label: &str| {
        els.iter()
            .position(|e| e.attr("data-series") == label)
            .unwrap()
    };
    assert!(
        position("Aarhus") > position("By 97"),
        "strong lines are drawn on top"
    );
}

#[test]
fn long_period_lists_get_thinned_labels_that_never_overlap() {
    let mut chart = sample(1, Emphasis::Normal);
    chart.x_labels = (0..40)
        .map(|q| format!("{}. kv. {}", q % 4 + 1, 2010 + q / 4))
        .collect();
    chart.x_positions = (0..40).map(|q| f64::from(q) * 3.0).collect();
    for s in &mut chart.series {
        s.points = vec![Some(5.0); 40];
        s.intervals.clear();
    }
    let svg = trend(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    let mut spans: Vec<(f64, f64)> = texts(&els)
        .into_iter()
        .filter(|t| t.text.contains("kv."))
        .map(|t| {
            (
                t.num("x") - text_width(t.text.trim(), 12.0) / 2.0,
                t.num("x") + text_width(t.text.trim(), 12.0) / 2.0,
            )
        })
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(spans.len() >= 4);
    assert!(
        spans.windows(2).all(|w| w[0].1 < w[1].0),
        "labels overlap: {spans:?}"
    );
    assert!(
        texts(&els).iter().any(|t| t.text.trim() == "4. kv. 2019"),
        "the latest period is labelled"
    );
}

#[test]
fn trajectory_extends_the_axis_and_joins_the_legend() {
    let mut chart = sample(2, Emphasis::Normal);
    chart.x_labels.extend((2017..=2020).map(|y| y.to_string()));
    chart.x_positions.extend((2017..=2020).map(f64::from));
    chart.trajectory = Some(Trajectory {
        from: (3, 12.0),
        to: (10, 9.0),
        label: "Fald på 25 pct. fra 2013".into(),
    });
    let svg = trend(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    let line = els
        .iter()
        .find(|e| e.has_class("trajectory"))
        .expect("trajectory");
    assert!(line.num("x2") > line.num("x1") && line.num("y2") > line.num("y1"));
    assert!(texts(&els)
        .iter()
        .any(|t| t.text == "Fald på 25 pct. fra 2013"));
}

#[test]
fn empty_and_degenerate_charts_still_render() {
    let mut chart = sample(0, Emphasis::Normal);
    chart.series.clear();
    chart.x_labels.clear();
    chart.x_positions.clear();
    chart.target = None;
    let svg = trend(&chart);
    assert_text_inside(&svg);
    assert_accessible(&svg, &chart.id, &chart.title);
}

/// The x of each labelled period, from the tick labels' positions.
fn tick_x(els: &[El], label: &str) -> f64 {
    texts(els)
        .iter()
        .find(|t| t.text.trim() == label)
        .unwrap_or_else(|| panic!("no tick {label}"))
        .num("x")
}

#[test]
fn uneven_years_stand_to_scale() {
    // Hjemløsetællingen: 2013, 2015, 2017, 2019 and then 2022.
    let years = [2013, 2015, 2017, 2019, 2022];
    let mut chart = sample(1, Emphasis::Normal);
    chart.x_labels = years.iter().map(|y| y.to_string()).collect();
    chart.x_positions = years.iter().map(|&y| f64::from(y)).collect();
    chart.target = None;
    for s in &mut chart.series {
        s.points = vec![Some(5.0), Some(6.0), Some(7.0), Some(6.0), Some(8.0)];
        s.intervals.clear();
    }
    let svg = trend(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    let two = tick_x(&els, "2019") - tick_x(&els, "2017");
    let three = tick_x(&els, "2022") - tick_x(&els, "2019");
    assert!(
        (three / two - 1.5).abs() < 0.02,
        "2019→2022 is 1,5 × 2017→2019: {two} {three}"
    );
    let t = tick_x(&els, "2015") - tick_x(&els, "2013");
    assert!((t - two).abs() < 1.5, "{t} {two}");
    // Three years in a two-yearly series is still one line.
    let lines = in_series(&els, "By 0", "polyline");
    assert_eq!(lines.len(), 1);
    assert_eq!(polyline_len(lines[0]), 5);
    // The points lie at the ticks.
    let xs: Vec<f64> = lines[0]
        .attr("points")
        .split(' ')
        .map(|p| p.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert!((xs[4] - tick_x(&els, "2022")).abs() < 0.5);
}

#[test]
fn a_gap_in_time_is_a_gap_in_the_line() {
    // A yearly series with 2011 and 2012 missing (anbringelser-sammenbrud).
    let years = [2010, 2013, 2014, 2015, 2016];
    let mut chart = sample(1, Emphasis::Normal);
    chart.x_labels = years.iter().map(|y| y.to_string()).collect();
    chart.x_positions = years.iter().map(|&y| f64::from(y)).collect();
    for s in &mut chart.series {
        s.points = vec![Some(5.0); 5];
        s.intervals.clear();
    }
    let els = parse(&trend(&chart));
    let lines = in_series(&els, "By 0", "polyline");
    assert_eq!(lines.len(), 1, "2010 stands alone");
    assert_eq!(polyline_len(lines[0]), 4);
    let step = tick_x(&els, "2014") - tick_x(&els, "2013");
    let t = tick_x(&els, "2013") - tick_x(&els, "2010");
    assert!((t - 3.0 * step).abs() < 4.0, "{t} {step}");
}

#[test]
fn mixed_frequencies_stand_at_their_middle() {
    // A year (middle: 1 July) among quarters (middles at 1.5, 4.5, … months).
    let mut chart = sample(1, Emphasis::Normal);
    chart.x_labels = vec![
        "2017".into(),
        "1. kv. 2018".into(),
        "2. kv. 2018".into(),
        "3. kv. 2018".into(),
    ];
    chart.x_positions = vec![
        2017.0 * 12.0 + 6.0,
        2018.0 * 12.0 + 1.5,
        2018.0 * 12.0 + 4.5,
        2018.0 * 12.0 + 7.5,
    ];
    chart.target = None;
    for s in &mut chart.series {
        s.points = vec![Some(5.0); 4];
        s.intervals.clear();
    }
    let els = parse(&trend(&chart));
    let quarter = tick_x(&els, "3. kv. 2018") - tick_x(&els, "2. kv. 2018");
    let year_to_q1 = tick_x(&els, "1. kv. 2018") - tick_x(&els, "2017");
    assert!(
        (year_to_q1 / quarter - 2.5).abs() < 0.02,
        "{year_to_q1} {quarter}"
    );
}

#[test]
fn a_partial_point_is_hollow_alone_and_without_an_error_bar() {
    let mut chart = sample(2, Emphasis::Normal);
    let network = chart.series.last_mut().unwrap();
    network.partial = vec![3];
    let svg = trend(&chart);
    assert_text_inside(&svg);
    let els = parse(&svg);
    let hollow: Vec<&El> = els
        .iter()
        .filter(|e| e.group.as_deref() == Some("6-byerne") && e.has_class("partial"))
        .collect();
    assert_eq!(hollow.len(), 1);
    assert_eq!(hollow[0].attr("fill"), "#ffffff");
    // The line stops before it and starts after it: 2010–2012 and 2014–2016.
    let lines = in_series(&els, "6-byerne", "polyline");
    assert_eq!(
        lines.iter().map(|l| polyline_len(l)).collect::<Vec<_>>(),
        [3, 3]
    );
    assert_eq!(
        in_series(&els, "6-byerne", "path")
            .iter()
            .filter(|e| e.has_class("interval"))
            .count(),
        6
    );
    assert!(texts(&els)
        .iter()
        .any(|t| t.text == "Åben markør: ikke alle kommuner med"));
    // Without partial points there is no such legend entry.
    let els = parse(&trend(&sample(2, Emphasis::Normal)));
    assert!(!texts(&els).iter().any(|t| t.text.contains("Åben markør")));
}
