//! Theory-of-change chart tests.
use super::*;
use crate::render::charts::text::text_width;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::BTreeMap;

/// One parsed element with its attributes, text and enclosing step box.
#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    /// Index (in document order) of the enclosing `g.step`, if any.
    step: Option<usize>,
}

impl El {
    fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map_or("", String::as_str)
    }

    fn num(&self, name: &str) -> f64 {
        self.attr(name).parse().expect("numeric attribute")
    }
}

fn element(e: &BytesStart, step: Option<usize>) -> El {
    let attrs = crate::render::charts::tests::attributes(e);
    El {
        name: e.name().as_ref().to_string(),
        attrs,
        text: String::new(),
        step,
    }
}

/// Parses the SVG into its elements in document order; panics when it
/// is not well-formed XML.
fn parse(svg: &str) -> Vec<El> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let (mut done, mut stack) = (Vec::<El>::new(), Vec::<usize>::new());
    let step_of = |done: &[El], stack: &[usize]| {
        stack.iter().rev().find_map(|&i| {
            let el: &El = &done[i];
            el.attr("class").starts_with("step ").then_some(i)
        })
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                done.push(element(&e, step_of(&done, &stack)));
                stack.push(done.len() - 1);
            }
            Event::Empty(e) => done.push(element(&e, step_of(&done, &stack))),
            Event::End(_) => {
                stack.pop().expect("balanced tags");
            }
            Event::Text(t) => {
                let text = t.xml_content(XmlVersion::Implicit1_0);
                done[*stack.last().expect("inside root")]
                    .text
                    .push_str(&text);
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().expect("valid reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .expect("known entity")
                        .to_string(),
                };
                done[*stack.last().expect("inside root")]
                    .text
                    .push_str(&text);
            }
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    done
}

fn step(level: Level, text: &str, status: Option<(&str, Option<bool>)>) -> Step {
    Step {
        level,
        text: text.into(),
        status: status.map(|(value, good)| StepStatus {
            value: value.into(),
            good,
        }),
    }
}

/// Goal 6by-8 "Færre unge hjemløse" from the seed data, with a status
/// on one medium-term step and on the goal.
fn sample() -> TheoryChart {
    use Level::*;
    TheoryChart {
        id: "chart-test-theory".into(),
        title: "Forandringsteori: Færre unge hjemløse".into(),
        desc: "Fra indsatser over kort og mellemlang sigt til målet".into(),
        steps: vec![
            step(Activity, "Tidlig opsporing af unge i risiko for hjemløshed i samarbejde med ungdomsuddannelser, jobcenter, efterværn og herberger", None),
            step(Activity, "Bostøtte efter Housing First-principperne (CTI og ICM) til unge, der flytter i egen bolig", None),
            step(Short, "Unge i risiko for hjemløshed har en koordineret plan og en fast kontaktperson inden det 18. år", None),
            step(Short, "Unge, der bliver hjemløse, får hurtigt anvist en billig bolig eller en ungeboligplads", None),
            step(Medium, "Unge, der har været hjemløse, fastholder deres bolig i mindst et år efter indflytning", None),
            step(Medium, "Flere udsatte unge er i gang med eller har gennemført en ungdomsuddannelse", Some(("52,4 pct. (2018)", Some(true)))),
            step(Long, "Der er færre unge hjemløse i 6-byerne", Some(("1.102 personer (2017)", Some(false)))),
        ],
        level_labels: [
            "Indsatser".into(),
            "Kort sigt".into(),
            "Mellemlang sigt".into(),
            "Langt sigt".into(),
        ],
    }
}

fn view_box(els: &[El]) -> (f64, f64) {
    let v: Vec<f64> = els[0]
        .attr("viewBox")
        .split(' ')
        .map(|n| n.parse().expect("number"))
        .collect();
    assert_eq!(&v[..2], &[0.0, 0.0]);
    (v[2], v[3])
}

/// Estimated horizontal extent of a text element.
fn extent(t: &El) -> (f64, f64) {
    let (x, size) = (t.num("x"), t.num("font-size"));
    // Bold step texts are wrapped with a wider estimate; the shared
    // title is truncated without one.
    let bold = t.attr("font-weight") == "bold" && t.attr("class") != "chart-title";
    let bold = if bold { BOLD } else { 1.0 };
    let w = text_width(&t.text, size) * bold;
    match t.attr("text-anchor") {
        "middle" => (x - w / 2.0, x + w / 2.0),
        "end" => (x - w, x),
        _ => (x, x + w),
    }
}

fn step_texts(els: &[El], step: usize) -> Vec<&El> {
    els.iter()
        .filter(|e| e.name == "text" && e.step == Some(step))
        .collect()
}

#[test]
fn is_well_formed_and_accessible() {
    let chart = sample();
    let svg = theory(&chart);
    let els = parse(&svg);
    let root = &els[0];
    assert_eq!(root.name, "svg");
    assert_eq!(root.attr("role"), "img");
    assert_eq!(root.attr("class"), "chart chart-theory");
    assert_eq!(
        root.attr("aria-labelledby"),
        "chart-test-theory-title chart-test-theory-desc"
    );
    assert!(!root.attrs.contains_key("width") && !root.attrs.contains_key("height"));
    assert_eq!(els[1].name, "title");
    assert_eq!(els[1].attr("id"), "chart-test-theory-title");
    assert_eq!(els[1].text, chart.title);
    assert_eq!(els[2].name, "desc");
    assert_eq!(els[2].text, chart.desc);
    // Danish letters are kept as UTF-8.
    assert!(svg.contains("Færre unge hjemløse") && svg.contains("ønsket"));
}

#[test]
fn renders_one_box_per_step_with_headings_and_status() {
    let els = parse(&theory(&sample()));
    for (level, n) in [("activity", 2), ("short", 2), ("medium", 2), ("long", 1)] {
        let class = format!("step step-{level}");
        let boxes = els.iter().filter(|e| e.attr("class") == class).count();
        assert_eq!(boxes, n, "{level}");
    }
    let labels: Vec<&str> = els
        .iter()
        .filter(|e| e.attr("class") == "level-label")
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        labels,
        ["Indsatser", "Kort sigt", "Mellemlang sigt", "Langt sigt"]
    );
    let status: Vec<&str> = els.iter().map(|e| e.attr("data-status")).collect();
    assert_eq!(status.iter().filter(|s| **s == "good").count(), 1);
    assert_eq!(status.iter().filter(|s| **s == "bad").count(), 1);
    let text_of = |class: &str| -> Vec<String> {
        els.iter()
            .filter(|e| e.attr("class") == class)
            .map(|e| e.text.clone())
            .collect()
    };
    let values = text_of("step-value").join(" ");
    assert_eq!(values, "52,4 pct. (2018) 1.102 personer (2017)");
    let marks = text_of("step-mark").join(" ");
    assert!(marks.contains("▲ i ønsket retning"), "{marks}");
    assert!(marks.contains("▼ ikke i ønsket"), "{marks}");
    assert!(els.iter().all(|e| e.attr("class") != "step-none"));
    // Three gaps, each with connectors and arrowheads.
    assert_eq!(
        els.iter()
            .filter(|e| e.attr("class") == "arrowhead")
            .count(),
        3
    );
}

#[test]
fn long_texts_wrap_and_stay_inside_their_box() {
    let mut chart = sample();
    chart.steps.push(step(
        Level::Short,
        "Borgere på kontanthjælp oplever en sammenhængende beskæftigelsesindsats \
         fra jobcenter, misbrugsbehandling og socialpsykiatri (Københavnsmodellen)",
        Some(("ukendt – ikke opgjort siden 2016", None)),
    ));
    let els = parse(&theory(&chart));
    let steps: Vec<usize> = (0..els.len())
        .filter(|&i| els[i].attr("class").starts_with("step "))
        .collect();
    assert_eq!(steps.len(), 8);
    for &s in &steps {
        let rect = els
            .iter()
            .find(|e| e.step == Some(s) && e.attr("class") == "step-box")
            .expect("a box per step");
        let (x, y) = (rect.num("x"), rect.num("y"));
        let (w, h) = (rect.num("width"), rect.num("height"));
        let texts = step_texts(&els, s);
        assert!(texts.len() >= 2, "step {s} is wrapped");
        for t in texts {
            let (left, right) = extent(t);
            let (top, base) = (t.num("y") - t.num("font-size"), t.num("y"));
            assert!(
                left >= x + 2.0 && right <= x + w - 2.0,
                "{:?} overflows",
                t.text
            );
            assert!(
                top >= y && base <= y + h - 2.0,
                "{:?} outside vertically",
                t.text
            );
        }
    }
    let lines = steps
        .iter()
        .map(|&s| step_texts(&els, s))
        .find(|t| t.iter().any(|e| e.text.contains("Københavns")))
        .expect("the added step");
    assert!(
        lines
            .iter()
            .filter(|t| t.attr("class") == "step-text")
            .count()
            >= 5
    );
    let marks: Vec<&str> = lines
        .iter()
        .filter(|t| t.attr("class") == "step-mark")
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(marks, ["? ukendt retning"]);
}

#[test]
fn every_text_lies_inside_the_view_box() {
    let mut chart = sample();
    chart.title = "En meget lang titel ".repeat(10);
    let els = parse(&theory(&chart));
    let (w, h) = view_box(&els);
    for t in els.iter().filter(|e| e.name == "text") {
        let (left, right) = extent(t);
        let (y, size) = (t.num("y"), t.num("font-size"));
        assert!(
            left >= 0.0 && right <= w,
            "{:?} spans {left}..{right}",
            t.text
        );
        assert!(y - size >= 0.0 && y <= h, "{:?} at y {y} of {h}", t.text);
    }
    for r in els.iter().filter(|e| e.name == "rect") {
        let at = |name| r.attr(name).parse().unwrap_or(0.0);
        let (x, y): (f64, f64) = (at("x"), at("y"));
        assert!(x + r.num("width") <= w && y + r.num("height") <= h);
    }
}

#[test]
fn empty_columns_keep_their_heading_and_show_a_dash() {
    let mut chart = sample();
    chart
        .steps
        .retain(|s| matches!(s.level, Level::Activity | Level::Long));
    let els = parse(&theory(&chart));
    let empty: Vec<&El> = els
        .iter()
        .filter(|e| e.name == "text" && e.attr("class") == "step-none-text")
        .collect();
    assert_eq!(empty.len(), 2);
    assert!(empty.iter().all(|e| e.text == "–"));
    assert_eq!(
        els.iter()
            .filter(|e| e.attr("class") == "level-label")
            .count(),
        4
    );
    let none = parse(&theory(&TheoryChart {
        steps: Vec::new(),
        ..sample()
    }));
    let dashes = none
        .iter()
        .filter(|e| e.attr("class") == "step-none")
        .count();
    assert_eq!(dashes, 4);
}

#[test]
fn text_is_escaped_and_output_is_deterministic() {
    let mut chart = sample();
    chart.steps[0].text = "Mål <b>\"A\" & 'B'</b>".into();
    chart.id = "a\"b".into();
    let svg = theory(&chart);
    let els = parse(&svg);
    let first = els
        .iter()
        .position(|e| e.attr("class").starts_with("step "))
        .expect("a step");
    let text: Vec<&str> = step_texts(&els, first)
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(text.join(" "), "Mål <b>\"A\" & 'B'</b>");
    assert_eq!(svg, theory(&chart.clone()));
    assert_eq!(theory(&sample()), theory(&sample()));
}
