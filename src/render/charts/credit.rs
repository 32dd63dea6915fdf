//! The provenance footer of a chart that leaves the page: the downloadable
//! SVG (and the PNG made from it) carries its source, data date and, for an
//! illustrative project, "Eksempeldata", so a figure pasted into slides or
//! an agenda still says where its numbers come from. The page itself says
//! all this in the HTML around the inline chart, so inline charts stay as
//! they are.

use super::svg::{num, Text, MARGIN};
use super::text::wrap;

/// Font size of the footer lines, in user units.
const FONT_CREDIT: f64 = 11.0;
/// Distance between footer baselines.
const LINE: f64 = 14.0;
/// A long source list is cut with "…" after this many lines.
const MAX_SOURCE_LINES: usize = 3;

/// What a chart's footer says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credit {
    /// The indicators' sources, in order, without repeats.
    pub sources: Vec<String>,
    /// "Data pr." date, e.g. "1. marts 2024".
    pub stamp: Option<String>,
    /// The numbers are illustrative.
    pub example: bool,
}

impl Credit {
    /// The footer's lines before wrapping.
    fn lines(&self) -> Vec<(String, usize)> {
        let mut lines = Vec::new();
        if !self.sources.is_empty() {
            lines.push((
                format!("Kilde: {}", self.sources.join("; ")),
                MAX_SOURCE_LINES,
            ));
        }
        let mut last = Vec::new();
        if let Some(d) = &self.stamp {
            last.push(format!("Data pr. {d}"));
        }
        if self.example {
            last.push("Eksempeldata – tallene er delvis illustrative".to_owned());
        }
        if !last.is_empty() {
            lines.push((last.join(" · "), 2));
        }
        lines
    }
}

/// `svg` (a chart from this module) with `credit` as a footer below it:
/// the viewBox and the white background grow by the footer's height and
/// the footer's lines are appended as `<text class="chart-credit">`.
/// An SVG whose root this module did not write is returned unchanged.
pub fn with_credit(svg: &str, credit: &Credit) -> String {
    let Some((width, height)) = view_box(svg) else {
        return svg.to_owned();
    };
    let max = width - 2.0 * MARGIN;
    let lines: Vec<String> = credit
        .lines()
        .into_iter()
        .flat_map(|(text, max_lines)| wrap(&text, FONT_CREDIT, max, max_lines))
        .collect();
    let Some(end) = svg.rfind("</svg>") else {
        return svg.to_owned();
    };
    if lines.is_empty() {
        return svg.to_owned();
    }
    let grown = height + 10.0 + LINE * lines.len() as f64;
    let (old_box, new_box) = (
        format!(r#"viewBox="0 0 {} {}""#, num(width), num(height)),
        format!(r#"viewBox="0 0 {} {}""#, num(width), num(grown)),
    );
    let (old_bg, new_bg) = (
        format!(
            r##"<rect width="{}" height="{}" fill="#ffffff"/>"##,
            num(width),
            num(height)
        ),
        format!(
            r##"<rect width="{}" height="{}" fill="#ffffff"/>"##,
            num(width),
            num(grown)
        ),
    );
    let mut out = svg[..end]
        .replacen(&old_box, &new_box, 1)
        .replacen(&old_bg, &new_bg, 1);
    out.push_str(r#"<g class="chart-credit">"#);
    for (k, line) in lines.iter().enumerate() {
        let y = height + 6.0 + LINE * (k as f64 + 1.0) - 3.0;
        Text::new(MARGIN, y, line, FONT_CREDIT).write(&mut out);
    }
    out.push_str("</g>");
    out.push_str(&svg[end..]);
    out
}

/// Width and height of the root element's `viewBox="0 0 W H"`.
fn view_box(svg: &str) -> Option<(f64, f64)> {
    let root = &svg[..svg.find('>')?];
    let start = root.find(r#"viewBox=""#)? + r#"viewBox=""#.len();
    let len = root[start..].find('"')?;
    let parts: Vec<f64> = root[start..start + len]
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match parts[..] {
        [0.0, 0.0, w, h] => Some((w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300" role="img"><title>T</title><rect width="640" height="300" fill="#ffffff"/><text>x</text></svg>"##;

    fn credit() -> Credit {
        Credit {
            sources: vec!["Danmarks Statistik".into(), "Ankestyrelsen".into()],
            stamp: Some("1. marts 2024".into()),
            example: true,
        }
    }

    #[test]
    fn the_footer_grows_the_chart_and_says_source_date_and_example() {
        let out = with_credit(SVG, &credit());
        assert!(out.contains(r#"viewBox="0 0 640 338""#), "{out}");
        assert!(out.contains(r##"<rect width="640" height="338" fill="#ffffff"/>"##));
        assert!(out.contains(">Kilde: Danmarks Statistik; Ankestyrelsen</text>"));
        assert!(out.contains(
            ">Data pr. 1. marts 2024 · Eksempeldata – tallene er delvis illustrative</text>"
        ));
        assert!(out.ends_with("</g></svg>"));
        // The original drawing is kept as it was.
        assert!(out.contains("<title>T</title>") && out.contains("<text>x</text>"));
    }

    #[test]
    fn footer_lines_fit_the_width_and_long_source_lists_are_cut() {
        let many = Credit {
            sources: (1..40)
                .map(|k| format!("Registeret over sociale ydelser nr. {k}"))
                .collect(),
            ..Credit::default()
        };
        let out = with_credit(SVG, &many);
        let texts: Vec<&str> = out.split("<text ").skip(1).collect();
        assert_eq!(texts.len(), MAX_SOURCE_LINES, "{out}");
        assert!(texts[MAX_SOURCE_LINES - 1].contains('…'));
        for t in texts {
            let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            assert!(super::super::text::text_width(body, FONT_CREDIT) <= 640.0 - 2.0 * MARGIN);
        }
    }

    #[test]
    fn nothing_to_say_or_a_foreign_svg_leaves_it_unchanged() {
        assert_eq!(with_credit(SVG, &Credit::default()), SVG);
        let foreign = r#"<svg width="10" height="10"></svg>"#;
        assert_eq!(with_credit(foreign, &credit()), foreign);
    }
}
