//! Tests of the chart module. Charts are parsed back with quick-xml and
//! checked structurally: well-formed, accessible, the right series, points
//! and bars, lines at the mapped coordinates, and no text outside the
//! viewBox.

mod bars;
mod multiples;
mod trend;

use super::text::text_width;
use super::*;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::BTreeMap;

/// One parsed element with its attributes, text and enclosing groups.
#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    /// `data-series` or `data-bar` of the nearest enclosing group.
    group: Option<String>,
    /// Class of the nearest enclosing group that has one.
    group_class: Option<String>,
}

impl El {
    fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map_or("", String::as_str)
    }

    fn num(&self, name: &str) -> f64 {
        self.attr(name)
            .parse()
            .unwrap_or_else(|_| panic!("{} has no numeric {name}", self.name))
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class").split(' ').any(|c| c == class)
    }
}

/// An element's attributes, unescaped; panics on malformed ones.
pub(super) fn attributes(e: &BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .expect("valid escapes");
            (a.key.as_ref().to_string(), value.into_owned())
        })
        .collect()
}

fn element(e: &BytesStart, stack: &[El]) -> El {
    let attrs = attributes(e);
    let parent = stack.last();
    let own_group = attrs.get("data-series").or(attrs.get("data-bar")).cloned();
    let own_class = if e.name().as_ref() == "g" {
        attrs.get("class").cloned()
    } else {
        None
    };
    El {
        name: e.name().as_ref().to_string(),
        group: own_group.or_else(|| parent.and_then(|p| p.group.clone())),
        group_class: own_class.or_else(|| parent.and_then(|p| p.group_class.clone())),
        attrs,
        text: String::new(),
    }
}

/// Parses an SVG string into its elements in document order; panics when it
/// is not well-formed XML.
fn parse(svg: &str) -> Vec<El> {
    let mut reader = Reader::from_str(svg);
    reader.config_mut().check_end_names = true;
    let (mut done, mut stack): (Vec<El>, Vec<(usize, El)>) = (Vec::new(), Vec::new());
    let parents = |stack: &[(usize, El)]| stack.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let el = element(&e, &parents(&stack));
                done.push(el.clone());
                stack.push((done.len() - 1, el));
            }
            Event::Empty(e) => done.push(element(&e, &parents(&stack))),
            Event::End(_) => {
                stack.pop().expect("balanced tags");
            }
            Event::Text(t) => append(&mut done, &stack, &t.xml_content(XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().expect("valid reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .expect("known entity")
                        .to_string(),
                };
                append(&mut done, &stack, &text);
            }
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(stack.is_empty(), "unclosed elements");
    done
}

fn append(done: &mut [El], stack: &[(usize, El)], text: &str) {
    if let Some((i, _)) = stack.last() {
        done[*i].text.push_str(text);
    }
}

/// Width and height from the root's viewBox.
fn view_box(els: &[El]) -> (f64, f64) {
    let v: Vec<f64> = els[0]
        .attr("viewBox")
        .split(' ')
        .map(|n| n.parse().expect("number"))
        .collect();
    assert_eq!(&v[..2], &[0.0, 0.0]);
    (v[2], v[3])
}

fn texts(els: &[El]) -> Vec<&El> {
    els.iter().filter(|e| e.name == "text").collect()
}

/// Checks the accessibility contract shared by every chart kind.
pub(super) fn assert_accessible(svg: &str, id: &str, title: &str) {
    let els = parse(svg);
    let root = &els[0];
    assert_eq!(root.name, "svg");
    assert_eq!(root.attr("role"), "img");
    assert_eq!(
        root.attr("aria-labelledby"),
        format!("{id}-title {id}-desc")
    );
    assert!(
        !root.attrs.contains_key("width") && !root.attrs.contains_key("height"),
        "must scale"
    );
    assert!(view_box(&els).0 > 0.0);
    assert_eq!(
        (els[1].name.as_str(), els[1].attr("id")),
        ("title", format!("{id}-title").as_str())
    );
    assert_eq!(
        (els[2].name.as_str(), els[2].attr("id")),
        ("desc", format!("{id}-desc").as_str())
    );
    assert_eq!(els[1].text, title);
    assert!(!els[2].text.is_empty());
}

/// Every text's estimated extent lies inside the viewBox.
pub(super) fn assert_text_inside(svg: &str) {
    let els = parse(svg);
    let (w, h) = view_box(&els);
    for t in texts(&els) {
        let (x, y, size) = (t.num("x"), t.num("y"), t.num("font-size"));
        let width = text_width(t.text.trim(), size);
        let (left, right) = match t.attr("text-anchor") {
            "middle" => (x - width / 2.0, x + width / 2.0),
            "end" => (x - width, x),
            _ => (x, x + width),
        };
        assert!(
            left >= 0.0 && right <= w,
            "text {:?} spans x {left}..{right} of {w}",
            t.text
        );
        assert!(
            y - size >= 0.0 && y <= h,
            "text {:?} at y {y} of {h}",
            t.text
        );
    }
}

#[test]
fn palette_gives_distinct_styles_without_yellow_or_black() {
    let styles: Vec<Style> = (0..30).map(palette_style).collect();
    for (i, a) in styles.iter().enumerate() {
        assert!(a.color.starts_with('#') && a.color.len() == 7);
        assert!(a.color != "#f0e442" && a.color != "#000000");
        assert!(styles[..i].iter().all(|b| b != a), "style {i} repeats");
        let grey = |s: &Style| (s.dash, s.marker);
        assert!(
            i >= 15 || styles[..i].iter().all(|b| grey(b) != grey(a)),
            "style {i} repeats in greyscale"
        );
        assert!(a.marker != Marker::None);
    }
    // Neighbours differ in all three channels, so they read in greyscale.
    for pair in styles[..12].windows(2) {
        assert!(
            pair[0].color != pair[1].color
                && pair[0].dash != pair[1].dash
                && pair[0].marker != pair[1].marker
        );
    }
}

#[test]
fn every_chart_kind_is_accessible_escaped_and_deterministic() {
    let title = "Unge & <kriminalitet> i Århus, Køge og Næstved";
    let mut t = trend::sample(3, Emphasis::Normal);
    t.title = title.into();
    let mut b = bars::sample(6);
    b.title = title.into();
    let mut f = bars::fulfilment_sample();
    f.title = title.into();
    for (svg, id) in [
        (trend(&t), &t.id),
        (super::bars(&b), &b.id),
        (fulfilment(&f), &f.id),
    ] {
        assert_accessible(&svg, id, title);
        assert!(svg.contains("Unge &amp; &lt;kriminalitet&gt; i Århus, Køge og Næstved"));
        assert_text_inside(&svg);
    }
    assert_eq!(trend(&t), trend(&t.clone()));
    assert_eq!(super::bars(&b), super::bars(&b.clone()));
    assert_eq!(fulfilment(&f), fulfilment(&f.clone()));
}
