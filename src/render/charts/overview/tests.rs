use super::*;

fn row(label: &str, place: f64, verdict: Verdict, higher: bool) -> OverviewRow {
    OverviewRow {
        label: label.into(),
        href: Some("#ind-x".into()),
        value: "8,2 pct.".into(),
        network_value: "9,0 pct.".into(),
        place: Some(place),
        network: Some(9.0),
        national: Some(10.0),
        range: Some((4.0, 14.0)),
        target: Some(7.0),
        higher_is_better: higher,
        verdict,
        comparison_symbol: "+".into(),
        status_symbol: "✔".into(),
    }
}

fn chart(rows: Vec<OverviewRow>) -> OverviewChart {
    let l = |s: &str| s.to_string();
    OverviewChart {
        id: "ov".into(),
        title: "Overblik".into(),
        desc: "Alle indikatorer".into(),
        place_head: "Aarhus".into(),
        network_head: "6-byerne".into(),
        rows,
        legend: OverviewLegend {
            better: l("bedre"),
            similar: l("på niveau"),
            worse: l("dårligere"),
            not_compared: l("ikke sammenlignet"),
            network: l("netværket"),
            national: l("hele landet"),
            range: l("spændet"),
            target: l("mål"),
        },
    }
}

#[test]
fn one_row_per_indicator_with_shape_by_verdict_and_a_link() {
    let svg = overview(&chart(vec![
        row("Færre unge begår kriminalitet", 5.0, Verdict::Better, false),
        row("Flere i job", 5.0, Verdict::Worse, true),
        row("Hjemløse", 5.0, Verdict::NotCompared, false),
    ]));
    assert_eq!(svg.matches(r#"<g class="row">"#).count(), 3);
    assert_eq!(svg.matches("class=\"place better\"").count(), 1);
    assert_eq!(svg.matches("class=\"place worse\"").count(), 1);
    assert_eq!(svg.matches("class=\"place none\"").count(), 1);
    assert_eq!(svg.matches(r##"<a href="#ind-x">"##).count(), 3);
    assert!(svg.contains("role=\"graphics-document\""));
    assert_eq!(
        svg,
        overview(&chart(vec![
            row("Færre unge begår kriminalitet", 5.0, Verdict::Better, false),
            row("Flere i job", 5.0, Verdict::Worse, true),
            row("Hjemløse", 5.0, Verdict::NotCompared, false),
        ]))
    );
}

#[test]
fn better_is_to_the_right_whatever_the_direction() {
    let scale = (0.0, 10.0);
    assert!(strip_x(8.0, scale, true) > strip_x(2.0, scale, true));
    assert!(strip_x(2.0, scale, false) > strip_x(8.0, scale, false));
}

#[test]
fn the_range_is_one_band_however_many_cities() {
    let rows: Vec<OverviewRow> = (0..20)
        .map(|i| row(&format!("Indikator {i}"), 6.0, Verdict::Similar, true))
        .collect();
    let svg = overview(&chart(rows));
    assert_eq!(svg.matches("class=\"range\"").count(), 20);
    assert_eq!(svg.matches("class=\"place similar\"").count(), 20);
}

#[test]
fn a_row_without_figures_draws_no_marks() {
    let mut r = row("Ingen tal", 0.0, Verdict::NotCompared, true);
    (r.place, r.network, r.national, r.range, r.target) = (None, None, None, None, None);
    r.value = "dis.".into();
    let svg = overview(&chart(vec![r]));
    assert!(!svg.contains("class=\"place"));
    assert!(!svg.contains("class=\"range\""));
    assert!(svg.contains(">dis.</text>"));
}
