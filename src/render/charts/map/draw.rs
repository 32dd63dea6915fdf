//! Drawing a laid-out map: the class patterns, every municipality with its
//! title, the Bornholm inset frame, the legend and the source line.

use super::*;

/// Grey for municipalities outside the chart.
pub(super) const OTHER: &str = "#e4e4e4";
const BORDER: &str = "#ffffff";
const PATTERN_INK: &str = "#222222";

/// One `<pattern>` per patterned class: its colour under lines or dots.
pub(super) fn patterns(out: &mut String, chart: &MapChart) {
    let patterned: Vec<usize> = (0..chart.classes.len())
        .filter(|&i| chart.classes[i].pattern != Pattern::Solid)
        .collect();
    if patterned.is_empty() {
        return;
    }
    out.push_str("<defs>");
    for i in patterned {
        let c = &chart.classes[i];
        let id = pattern_id(chart, i);
        let color = &c.color;
        let _ = match c.pattern {
            Pattern::Hatch => write!(
                out,
                r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="{color}"/><line x1="0" y1="0" x2="0" y2="5" stroke="{PATTERN_INK}" stroke-width="1.4"/></pattern>"#
            ),
            Pattern::Dots => write!(
                out,
                r#"<pattern id="{id}" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="{color}"/><circle cx="2.5" cy="2.5" r="0.9" fill="{PATTERN_INK}"/></pattern>"#
            ),
            Pattern::Solid => Ok(()),
        };
    }
    out.push_str("</defs>");
}

/// Every municipality: those of the chart in their class, the others grey.
pub(super) fn areas(out: &mut String, chart: &MapChart, lay: &Layout) {
    let _ = write!(
        out,
        r#"<g class="map" transform="translate({} {}) scale({})" stroke="{BORDER}" stroke-width="{}" fill-rule="evenodd">"#,
        num(lay.left),
        num(lay.top),
        lay.scale,
        num(0.8 / lay.scale)
    );
    for m in municipalities() {
        let area = chart.areas.iter().find(|a| a.code == m.code);
        let (class_attr, fill, title) = match area {
            Some(a) => (
                format!(
                    r#"area in-chart" data-class="{}"#,
                    escape(&chart.classes[a.class].id)
                ),
                super::layout::fill(chart, a.class),
                a.title.clone(),
            ),
            None => (
                "area".to_owned(),
                OTHER.to_owned(),
                format!("{}: {}", name(m), chart.other_label.to_lowercase()),
            ),
        };
        let _ = write!(
            out,
            r#"<path class="{class_attr}" data-code="{}" d="{}" fill="{fill}"><title>{}</title></path>"#,
            m.code,
            m.path,
            escape(&title)
        );
    }
    let (x, y, w, h) = lay.frame.inset;
    let _ = write!(
        out,
        r##"<rect class="map-inset" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#767676" stroke-width="{}"/>"##,
        num(x - 6.0),
        num(y - 6.0),
        num(w + 12.0),
        num(h + 12.0),
        num(1.0 / lay.scale)
    );
    out.push_str("</g>");
}

/// The name to show: the source spells Aarhus the old way.
pub(super) fn name(m: &Municipality) -> &str {
    if m.code == 751 {
        "Aarhus"
    } else {
        m.name
    }
}

/// The legend: a swatch and label per class, the grey "other" class, the
/// method line; then the source line under the map.
pub(super) fn legend(out: &mut String, chart: &MapChart, lay: &Layout) {
    out.push_str(r#"<g class="legend">"#);
    let fills: Vec<(String, &str)> = (0..chart.classes.len())
        .map(|i| {
            (
                super::layout::fill(chart, i),
                chart.classes[i].label.as_str(),
            )
        })
        .chain(std::iter::once((
            OTHER.to_owned(),
            chart.other_label.as_str(),
        )))
        .collect();
    let label_w = lay.key_width - 26.0;
    for (row, (fill, label)) in fills.iter().enumerate() {
        let y = lay.top + row as f64 * KEY_ROW;
        let _ = write!(
            out,
            r##"<rect class="map-key" x="{}" y="{}" width="18" height="14" fill="{fill}" stroke="#767676" stroke-width="0.8"/>"##,
            num(lay.key_left),
            num(y)
        );
        Text::new(
            lay.key_left + 26.0,
            y + 11.0,
            &truncate(label, FONT_LABEL, label_w),
            FONT_LABEL,
        )
        .write(out);
    }
    if !chart.method.is_empty() {
        let y = lay.top + fills.len() as f64 * KEY_ROW + 11.0;
        Text::new(
            lay.key_left,
            y,
            &truncate(&chart.method, FONT_TICK, lay.key_width),
            FONT_TICK,
        )
        .class("map-method")
        .write(out);
    }
    out.push_str("</g>");
    let source = truncate(&chart.source, FONT_TICK, f64::from(WIDTH) - 2.0 * MARGIN);
    debug_assert!(text_width(&source, FONT_TICK) <= f64::from(WIDTH));
    Text::new(MARGIN, lay.source_y, &source, FONT_TICK)
        .class("chart-source")
        .write(out);
}
