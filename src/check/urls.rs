//! Links and images a person wrote: in the config (`accessibility_statement`)
//! only http(s), mailto and relative links are accepted; in commentary a link
//! with another scheme and an image from elsewhere are left out by the
//! renderer (the site must work offline), and said so here, at their place.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::config::Config;
use crate::diag::{Diagnostics, Pos};
use crate::links::{allowed_link, offline_image};
use crate::load::Source;
use crate::model::Page;

/// `accessibility_statement` (the one URL of the config) must be a web,
/// mail or relative link: it becomes a link on every page.
pub(crate) fn config(config: &Config, src: &Source, diags: &mut Diagnostics) {
    let Some(url) = &config.accessibility_statement else {
        return;
    };
    if !allowed_link(url) {
        let at = src.text.find("accessibility_statement").unwrap_or(0);
        diags.error(
            src.pos(at),
            format!(
                "`accessibility_statement = \"{}\"` is not a web address: expected an http(s), mailto or relative link, e.g. \"https://www.kommune.dk/tilgaengelighed\"",
                url.escape_debug()
            ),
        );
    }
}

/// Warn of every link and image in a page's Markdown that the site leaves out.
pub(super) fn page(page: &Page, diags: &mut Diagnostics) {
    if crate::load::too_deep(&page.body) {
        return; // Reported as an error by `load`; parsing it would take long.
    }
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(&page.body, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => link(page, range.start, &dest_url, diags),
            Event::Start(Tag::Image { dest_url, .. }) => image(page, range.start, &dest_url, diags),
            Event::Html(html) | Event::InlineHtml(html) => {
                for (at, tag, attr, value) in html_urls(&html) {
                    let (tag, attr) = (tag.to_ascii_lowercase(), attr.to_ascii_lowercase());
                    match (tag.as_str(), attr.as_str()) {
                        ("img", "src" | "srcset") => image(page, range.start + at, value, diags),
                        (_, "href" | "src") => link(page, range.start + at, value, diags),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

fn pos(page: &Page, at: usize) -> Pos {
    let mut pos = Pos::at_offset(&page.body_pos.path, &page.body, at);
    pos.line += page.body_pos.line - 1;
    pos
}

fn link(page: &Page, at: usize, url: &str, diags: &mut Diagnostics) {
    if !allowed_link(url) {
        diags.warning(
            pos(page, at),
            format!(
                "the link `{}` is left out: only http(s), mailto and relative links are published",
                url.escape_debug()
            ),
        );
    }
}

fn image(page: &Page, at: usize, url: &str, diags: &mut Diagnostics) {
    if !offline_image(url) {
        diags.warning(
            pos(page, at),
            format!(
                "the image `{}` is left out: it comes from elsewhere, and the site must work without a network (describe it in text, or use a chart shortcode)",
                url.escape_debug()
            ),
        );
    }
}

/// `(offset, tag, attribute, value)` of every attribute of the start tags
/// in raw HTML, with double, single or no quotes. Not a full HTML parser: it
/// only has to find what a browser (and the sanitiser) would see as a URL.
/// Positions only stop at ASCII bytes, so every slice is on a char boundary.
fn html_urls(html: &str) -> Vec<(usize, &str, &str, &str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = html[i..].find('<') {
        let start = i + lt + 1;
        let end = html[start..].find('>').map_or(html.len(), |e| start + e);
        let inner = &html[start..end];
        let b = inner.as_bytes();
        let space = |j: usize| b[j].is_ascii_whitespace();
        let tag_len = inner
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let tag = &inner[..tag_len];
        let mut j = tag_len;
        loop {
            while j < b.len() && (space(j) || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() {
                break;
            }
            let name_start = j;
            while j < b.len() && !space(j) && b[j] != b'=' && b[j] != b'/' {
                j += 1;
            }
            let attr = &inner[name_start..j];
            while j < b.len() && space(j) {
                j += 1;
            }
            if j >= b.len() || b[j] != b'=' {
                continue;
            }
            j += 1;
            while j < b.len() && space(j) {
                j += 1;
            }
            let (from, to, next) = match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let from = j + 1;
                    let to = inner[from..]
                        .find(char::from(q))
                        .map_or(b.len(), |e| from + e);
                    (from, to, (to + 1).min(b.len()))
                }
                _ => {
                    let to = inner[j..]
                        .find(|c: char| c.is_ascii_whitespace())
                        .map_or(b.len(), |e| j + e);
                    (j, to, to)
                }
            };
            out.push((start + from, tag, attr, &inner[from..to]));
            j = next;
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_in_raw_html() {
        let found: Vec<(usize, &str, &str, &str)> =
            html_urls("<img src=//x.png alt='a b'> <a href=\"javascript:y\">");
        assert_eq!(
            found,
            vec![
                (9, "img", "src", "//x.png"),
                (22, "img", "alt", "a b"),
                (37, "a", "href", "javascript:y")
            ]
        );
    }
}
