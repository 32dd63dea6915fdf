//! Markdown commentary to safe HTML: pulldown-cmark (tables, footnotes,
//! heading ids), raw HTML sanitised with ammonia (commentary is
//! trusted-but-careless input), and shortcodes replaced by figures and charts
//! that maalrapport itself produced.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::model::shortcode::{Segment, Shortcode};

/// Renders one Markdown body. `prefix` keeps footnote and heading ids unique
/// when several bodies share a page; `top` is the level the body's highest
/// headings get, so commentary nests under the page's own headings.
pub struct Markdown<'a> {
    pub prefix: &'a str,
    pub top: u8,
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"]);
        b.add_tags(["figure", "figcaption"]);
        // Links to the web, mail and the site itself only; `check` warns of the rest.
        b.url_schemes(["http", "https", "mailto"].into_iter().collect());
        // The site must work offline: an image from elsewhere loses its
        // source here and the image itself below (`drop_images_without_source`).
        b.attribute_filter(|element, attribute, value| {
            let external = element == "img"
                && matches!(attribute, "src" | "srcset")
                && !crate::links::offline_image(value);
            (!external).then(|| value.into())
        });
        b
    })
}

impl Markdown<'_> {
    /// Render `segments` (text and resolved shortcodes). `expand` turns a
    /// shortcode into HTML (trusted: it is inserted after sanitising); a
    /// shortcode that stands alone in a paragraph replaces the paragraph, so a
    /// chart's block markup is not nested in `<p>`.
    pub fn render(
        &self,
        segments: &[Segment],
        mut expand: impl FnMut(&Shortcode) -> String,
    ) -> String {
        let mut source = String::new();
        let mut codes = Vec::new();
        for seg in segments {
            match seg {
                Segment::Text(t) => source.push_str(t),
                Segment::Code(code, _) => {
                    source.push_str(&placeholder(codes.len()));
                    codes.push(code);
                }
            }
        }
        let mut html =
            drop_images_without_source(&sanitizer().clean(&self.to_html(&source)).to_string());
        for (i, code) in codes.into_iter().enumerate() {
            let ph = placeholder(i);
            let out = expand(code);
            let block = format!("<p>{ph}</p>");
            html = if html.contains(&block) {
                html.replacen(&block, &out, 1)
            } else {
                // "{{ value(…) }}." after a value ending in "pct.": one full stop.
                let period = format!("{ph}.");
                if ends_with_full_stop(&out) && html.contains(&period) {
                    html.replacen(&period, &out, 1)
                } else {
                    html.replacen(&ph, &out, 1)
                }
            };
        }
        html
    }

    fn to_html(&self, source: &str) -> String {
        let opts = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_SMART_PUNCTUATION;
        let events: Vec<Event> = Parser::new_ext(source, opts).collect();
        let mut out = Vec::with_capacity(events.len());
        let mut used = HashSet::new();
        let mut levels = heading_levels(&events, self.top).into_iter();
        let mut i = 0;
        while i < events.len() {
            match &events[i] {
                Event::Start(Tag::Heading { .. }) => {
                    let end = events[i..]
                        .iter()
                        .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                        .map_or(events.len(), |p| i + p);
                    let text: String = events[i + 1..end]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = unique(&mut used, &format!("{}{}", self.prefix, slugify(&text)));
                    let level = format!("h{}", levels.next().unwrap_or(self.top));
                    out.push(Event::Html(CowStr::from(format!("<{level} id=\"{id}\">"))));
                    out.extend(events[i + 1..end].iter().cloned());
                    out.push(Event::Html(CowStr::from(format!("</{level}>\n"))));
                    i = end + 1;
                    continue;
                }
                Event::FootnoteReference(name) => {
                    let id = format!("{}fn-{}", self.prefix, slugify(name));
                    out.push(Event::Html(CowStr::from(format!(
                        "<sup class=\"footnote-ref\"><a href=\"#{id}\">{}</a></sup>",
                        escape(name)
                    ))));
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let id = format!("{}fn-{}", self.prefix, slugify(name));
                    out.push(Event::Html(CowStr::from(format!(
                        "<div class=\"footnote\" id=\"{id}\"><span class=\"footnote-label\">{}</span>",
                        escape(name)
                    ))));
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    out.push(Event::Html(CowStr::from("</div>\n")))
                }
                e => out.push(e.clone()),
            }
            i += 1;
        }
        let mut html = String::with_capacity(source.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        html
    }
}

/// Remove the `<img>` elements that lost their source to the sanitiser
/// (external images). Their `alt` text goes too: attribute values are not
/// escaped for use as text.
fn drop_images_without_source(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        let Some(end) = rest[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        out.push_str(&rest[..at]);
        let tag = &rest[at..end];
        if crate::links::attribute(tag, "src").is_some() {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Whether the text of an HTML snippet (tags ignored) ends with ".".
fn ends_with_full_stop(html: &str) -> bool {
    let mut text = html.trim_end();
    while text.ends_with('>') {
        match text.rfind('<') {
            Some(open) => text = text[..open].trim_end(),
            None => break,
        }
    }
    text.ends_with('.')
}

fn placeholder(i: usize) -> String {
    format!("maalrapport-shortcode-{i}-end")
}

/// The level each heading of `events` gets, in order: the body's levels
/// ranked from `top` (a body of `##` and `###` starts at `top` as one of `#`
/// and `##` does), never more than one below the heading before (nor the
/// first below `top`), at most 6 — so no level is skipped.
fn heading_levels(events: &[Event], top: u8) -> Vec<u8> {
    let written: Vec<u8> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .collect();
    let mut distinct = written.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut previous = top.saturating_sub(1);
    written
        .into_iter()
        .map(|w| {
            let rank = distinct.iter().position(|d| *d == w).unwrap_or(0) as u8;
            let level = (top + rank).min(previous + 1).min(6);
            previous = level;
            level
        })
        .collect()
}

fn unique(used: &mut HashSet<String>, id: &str) -> String {
    let mut candidate = id.to_owned();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{id}-{n}");
    }
    candidate
}

/// A URL- and id-safe slug: "Hjemløse i 2019" → "hjemloese-i-2019".
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "afsnit".to_owned()
    } else {
        out
    }
}

/// Escape text for HTML and SVG (content and double- or single-quoted
/// attributes). Control characters, which XML forbids, become spaces;
/// non-ASCII letters (æøå) stay as they are.
pub fn escape(s: &str) -> String {
    let special = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && c != '\n' && c != '\t')
    };
    if !s.contains(special) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        Markdown {
            prefix: "x-",
            top: 3,
        }
        .render(&[Segment::Text(s)], |_| String::new())
    }

    #[test]
    fn one_full_stop_after_a_value_ending_in_one() {
        let code = Shortcode::Value {
            indicator: 0,
            place: crate::model::Place::Network,
            period: None,
        };
        let segments = [
            Segment::Text("Andelen var "),
            Segment::Code(code.clone(), Default::default()),
            Segment::Text(". Antallet var "),
            Segment::Code(code, Default::default()),
            Segment::Text(". Slut."),
        ];
        let mut outs = ["<span class=\"figure\">8,2 pct.</span>", "<span>12</span>"].into_iter();
        let html =
            Markdown { prefix: "", top: 1 }.render(&segments, |_| outs.next().unwrap().to_owned());
        assert!(
            html.contains("Andelen var <span class=\"figure\">8,2 pct.</span> Antallet var <span>12</span>. Slut."),
            "{html}"
        );
    }

    #[test]
    fn headings_get_ids_and_are_demoted() {
        let html = md("# Hjemløse i 2019\n\n# Hjemløse i 2019\n");
        assert!(
            html.contains("<h3 id=\"x-hjemloese-i-2019\">Hjemløse i 2019</h3>"),
            "{html}"
        );
        assert!(html.contains("id=\"x-hjemloese-i-2019-2\""), "{html}");
    }

    #[test]
    fn headings_never_skip_a_level() {
        let levels = |s: &str| -> Vec<String> {
            md(s)
                .match_indices("<h")
                .map(|(i, _)| md(s)[i + 2..i + 3].to_owned())
                .collect()
        };
        // A body that starts at `##` starts at the top level all the same.
        assert_eq!(levels("## A\n\n### B\n\n## C\n"), ["3", "4", "3"]);
        // A skip within the body is closed up; the first never lies below the top.
        assert_eq!(levels("# A\n\n### B\n"), ["3", "4"]);
        assert_eq!(levels("### A\n\n# B\n\n## C\n"), ["3", "3", "4"]);
        // Deep bodies stop at h6.
        assert_eq!(
            levels("# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n"),
            ["3", "4", "5", "6", "6"]
        );
    }

    #[test]
    fn tables_and_footnotes() {
        let html = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nTekst[^1].\n\n[^1]: Kilde.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("href=\"#x-fn-1\""), "{html}");
        assert!(html.contains("id=\"x-fn-1\""), "{html}");
    }

    #[test]
    fn dangerous_html_is_removed() {
        let html = md("<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">klik</a>\n\n<iframe src=\"https://example.com\"></iframe><img src=x onerror=\"y()\">");
        for bad in ["<script", "javascript:", "onclick", "<iframe", "onerror"] {
            assert!(!html.contains(bad), "{bad} survived: {html}");
        }
        assert!(html.contains("klik"));
    }

    #[test]
    fn only_offline_images_and_safe_links_survive() {
        let html = md("![kort](https://example.com/x.png) ![lokal](kort.png)\n\n<img src=\"//cdn.example/y.png\" alt=\"<b>\"> [a](vbscript:x) [b](data:text/html,x) [c](https://a.dk) [d](mailto:a@b.dk)");
        assert!(!html.contains("example"), "{html}");
        assert!(html.contains("src=\"kort.png\""), "{html}");
        assert!(
            !html.contains("vbscript") && !html.contains("data:"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://a.dk\"") && html.contains("mailto:a@b.dk"),
            "{html}"
        );
    }

    #[test]
    fn shortcodes_are_expanded_after_sanitising() {
        let code = Shortcode::Value {
            indicator: 0,
            place: crate::model::Place::Network,
            period: None,
        };
        let segs = [
            Segment::Text("Andelen er "),
            Segment::Code(code.clone(), Default::default()),
            Segment::Text(".\n\n"),
            Segment::Code(code, Default::default()),
        ];
        let mut n = 0;
        let html = Markdown { prefix: "", top: 1 }.render(&segs, |_| {
            n += 1;
            if n == 1 {
                "<b>8,2 pct.</b>".into()
            } else {
                "<figure>chart</figure>".into()
            }
        });
        assert!(html.contains("<p>Andelen er <b>8,2 pct.</b></p>"), "{html}");
        assert!(
            html.contains("<figure>chart</figure>") && !html.contains("<p><figure>"),
            "{html}"
        );
    }
}
