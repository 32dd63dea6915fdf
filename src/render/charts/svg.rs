//! Low-level SVG writing: escaping, number formatting, text measurement and
//! the document wrapper that turns plotters' fixed-size output into a
//! scalable, accessible `<svg>`.

use super::text::truncate;
use std::fmt::Write;

/// Width of every chart in SVG user units; CSS scales it to the page.
pub(super) const WIDTH: u32 = 640;
/// Font size of axis tick labels, in user units.
pub(super) const FONT_TICK: f64 = 12.0;
/// Font size of legend entries, bar labels and line labels.
pub(super) const FONT_LABEL: f64 = 12.5;
/// Font size of the visible chart title.
pub(super) const FONT_TITLE: f64 = 15.0;
/// Bold text is estimated this much wider than regular text.
pub(super) const BOLD: f64 = 1.08;

pub(super) use crate::render::markdown::escape;

/// Formats a coordinate with at most one decimal and no trailing `.0`, so
/// output is compact and byte-identical across runs.
pub(super) fn num(v: f64) -> String {
    let tenths = (v * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{}", (tenths / 10.0) as i64)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

/// Horizontal alignment of a text anchor.
#[derive(Debug, Clone, Copy)]
pub(super) enum Anchor {
    /// `x` is the left end of the text.
    Start,
    /// `x` is the centre of the text.
    Middle,
    /// `x` is the right end of the text.
    End,
}

/// A `<text>` element to be written, built up with the methods below.
pub(super) struct Text<'a> {
    x: f64,
    /// The baseline.
    y: f64,
    text: &'a str,
    size: f64,
    anchor: Anchor,
    bold: bool,
    halo: bool,
    class: &'a str,
    italic: bool,
}

impl<'a> Text<'a> {
    /// Regular, start-anchored text with its baseline at `y`.
    pub(super) fn new(x: f64, y: f64, text: &'a str, size: f64) -> Self {
        Text {
            x,
            y,
            text,
            size,
            anchor: Anchor::Start,
            bold: false,
            halo: false,
            class: "",
            italic: false,
        }
    }

    pub(super) fn anchor(self, anchor: Anchor) -> Self {
        Text { anchor, ..self }
    }

    pub(super) fn bold(self, bold: bool) -> Self {
        Text { bold, ..self }
    }

    pub(super) fn italic(self) -> Self {
        Text {
            italic: true,
            ..self
        }
    }

    /// A white outline behind the glyphs, for text that may cross lines.
    pub(super) fn halo(self) -> Self {
        Text { halo: true, ..self }
    }

    pub(super) fn class(self, class: &'a str) -> Self {
        Text { class, ..self }
    }

    /// Appends the element to `out`.
    pub(super) fn write(&self, out: &mut String) {
        let anchor = match self.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}""#,
            num(self.x),
            num(self.y),
            num(self.size)
        );
        if !self.class.is_empty() {
            let _ = write!(out, r#" class="{}""#, self.class);
        }
        let _ = write!(out, r#" text-anchor="{anchor}""#);
        if self.bold {
            out.push_str(r#" font-weight="bold""#);
        }
        if self.italic {
            out.push_str(r#" font-style="italic""#);
        }
        if self.halo {
            out.push_str(r##" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke""##);
        }
        let _ = write!(out, ">{}</text>", escape(self.text));
    }
}

/// Appends a straight `<line>` with the given class and stroke attributes.
pub(super) fn line(out: &mut String, class: &str, from: (f64, f64), to: (f64, f64), stroke: &str) {
    let _ = write!(
        out,
        r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}"{stroke}/>"#,
        num(from.0),
        num(from.1),
        num(to.0),
        num(to.1)
    );
}

/// Identity and size of a finished chart.
pub(super) struct Doc<'a> {
    /// Prefix for element ids, unique on the page.
    pub id: &'a str,
    /// Chart kind, added as CSS class `chart-<kind>`.
    pub kind: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub width: u32,
    pub height: u32,
}

/// Writes the scalable root element, the accessible name and description
/// (first children), a white background and the visible title.
pub(super) fn open(doc: &Doc) -> String {
    let id = escape(doc.id);
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" class="chart chart-{kind}" font-family="sans-serif" fill="{ink}">"#,
        w = doc.width,
        h = doc.height,
        kind = doc.kind,
        ink = super::style::INK,
    );
    let _ = write!(
        out,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(doc.title),
        escape(doc.desc)
    );
    let _ = write!(
        out,
        r##"<rect width="{}" height="{}" fill="#ffffff"/>"##,
        doc.width, doc.height
    );
    // The title is bold: measured as regular text of a larger size.
    let title = truncate(
        doc.title,
        FONT_TITLE * BOLD,
        f64::from(doc.width) - 2.0 * MARGIN,
    );
    Text::new(MARGIN, 20.0, &title, FONT_TITLE)
        .bold(true)
        .class("chart-title")
        .write(&mut out);
    out
}

/// Like [`open`], without the visible title (small charts, where the page
/// says what they show; the accessible name is kept).
pub(super) fn open_untitled(doc: &Doc) -> String {
    let mut out = open(doc);
    if let Some(start) = out.find("<text ") {
        if let Some(len) = out[start..].find("</text>") {
            out.replace_range(start..start + len + "</text>".len(), "");
        }
    }
    out
}

/// Outer margin between the viewBox edge and any text.
pub(super) const MARGIN: f64 = 8.0;

/// Height taken by the visible title at the top.
pub(super) const TITLE_HEIGHT: f64 = 30.0;

/// Strips plotters' own `<svg ...>` and `</svg>` lines and its text padding,
/// keeping only the drawn elements.
pub(super) fn plotters_body(raw: &str) -> String {
    let start = raw.find('>').map_or(0, |i| i + 1);
    let end = raw.rfind("</svg>").unwrap_or(raw.len());
    // plotters writes text content on its own line; the newlines would end
    // up as spaces inside the labels.
    raw[start..end]
        .replace(">\n", ">")
        .replace("\n<", "<")
        .trim()
        .to_string()
}
