//! The links of generated HTML: where an `href` leads, and rewriting the
//! `<a>` elements of a page for another medium — a PDF (links to other pages
//! of the site mean nothing on paper or in a mailed PDF) or a bundle of a few
//! pages (links to pages left out are marked, never broken).
//!
//! Only for the HTML maalrapport writes itself: attributes in double quotes,
//! `<a>` never nested, `>` escaped in attribute values (Tera and ammonia both
//! guarantee it). Not a general HTML parser.

/// Where an `href` (or `src`) leads from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another site or scheme: `https://…`, `mailto:…`, `//host/…`.
    External,
    /// A place on the same page: `#…` (or nothing).
    SamePage,
    /// A file of the site: its path relative to the site root.
    Local(String),
    /// A path that leaves the site (`/abs`, too many `..`).
    Outside,
}

/// Resolve `href` as found on the page at `page` (relative to the site root).
pub fn resolve(page: &str, href: &str) -> Target {
    let href = unescape(href);
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return Target::SamePage;
    }
    if href.starts_with("//") || has_scheme(href) {
        return Target::External;
    }
    if href.starts_with('/') {
        return Target::Outside;
    }
    let path = href.split(['#', '?']).next().unwrap_or_default();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    if path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") {
        parts.push("index.html");
    }
    Target::Local(parts.join("/"))
}

fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let scheme = &href[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// The HTML entities our own output may use in an attribute value.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What to do with one `<a href>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Keep,
    /// Keep the link text, drop the link.
    Unlink,
    /// Keep the text, drop the link and say "(ikke med i pakken)".
    NotInBundle,
    /// Keep the link, pointing at this (relative) URL instead.
    Redirect(String),
}

/// Rewrite every `<a href="…">…</a>` of `html` as `decide(href)` says.
/// `<a>` without `href` is kept as it is.
pub fn rewrite(html: &str, mut decide: impl FnMut(&str) -> Action) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_tag(rest, "a") {
        let Some(tag_len) = rest[start..].find('>').map(|i| i + 1) else {
            break;
        };
        let tag = &rest[start..start + tag_len];
        let Some(close) = rest[start + tag_len..]
            .find("</a>")
            .map(|i| start + tag_len + i)
        else {
            break;
        };
        let action = attribute(tag, "href").map_or(Action::Keep, &mut decide);
        out.push_str(&rest[..start]);
        let inner = &rest[start + tag_len..close];
        match action {
            Action::Keep => out.push_str(&rest[start..close + 4]),
            Action::Unlink => out.push_str(inner),
            Action::Redirect(url) => {
                let old = attribute(tag, "href").unwrap_or_default();
                let tag = tag.replacen(&format!("href=\"{old}\""), &format!("href=\"{url}\""), 1);
                out.push_str(&tag);
                out.push_str(inner);
                out.push_str("</a>");
            }
            Action::NotInBundle => {
                out.push_str("<span class=\"not-in-bundle\">");
                out.push_str(inner);
                out.push_str(" <small>(ikke med i pakken)</small></span>");
            }
        }
        rest = &rest[close + 4..];
    }
    out.push_str(rest);
    out
}

/// The position of the next `<name` start tag (not `<name…` of a longer name).
fn find_tag(html: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let at = from + i;
        let next = html[at + open.len()..].chars().next();
        if matches!(next, Some(c) if c.is_ascii_whitespace() || c == '>') {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// The scheme of a URL a person wrote (`javascript`, `https`), as browsers
/// read it: ASCII whitespace and control characters inside are ignored.
fn user_scheme(url: &str) -> Option<String> {
    let url: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let end = url.find([':', '/', '?', '#'])?;
    let scheme = &url[..end];
    let is_scheme = url[end..].starts_with(':')
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

/// Whether a link a person wrote (in the config or in commentary) may be
/// published: `http`, `https`, `mailto` or relative. Never `javascript:`,
/// `data:`, `file:` or anything else a browser would run or open.
pub fn allowed_link(url: &str) -> bool {
    user_scheme(url).is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"))
}

/// Whether an image source would need the network (or another scheme): the
/// site must work offline, so only relative images are kept.
pub fn offline_image(url: &str) -> bool {
    let trimmed = url.trim_start();
    user_scheme(url).is_none() && !trimmed.starts_with("//") && !trimmed.starts_with("\\\\")
}

/// Every `href="…"` and `src="…"` value of `html`, still HTML-escaped.
pub fn urls(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for key in ["href=\"", "src=\""] {
        let mut from = 0;
        while let Some(i) = html[from..].find(key) {
            let at = from + i;
            let start = at + key.len();
            from = start;
            if !html[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
                continue;
            }
            if let Some(end) = html[start..].find('"') {
                out.push(&html[start..start + end]);
            }
        }
    }
    out
}

/// The value of `name="…"` in a start tag, still HTML-escaped.
pub fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = tag[from..].find(&key) {
        let at = from + i;
        let start = at + key.len();
        // ` href="`, not `data-href="`.
        if tag[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
            let end = tag[start..].find('"')? + start;
            return Some(&tag[start..end]);
        }
        from = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_relative_links_are_allowed() {
        for ok in [
            "https://a.dk/x",
            "HTTP://a",
            "mailto:a@b.dk",
            "../x.html",
            "#top",
            "x:y/z".split('/').nth(1).unwrap(),
            "a/b:c",
        ] {
            assert!(allowed_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "vbscript:x",
        ] {
            assert!(!allowed_link(bad), "{bad}");
        }
        assert!(offline_image("billede.png") && offline_image("../a/b.svg"));
        for bad in [
            "https://a.dk/x.png",
            "//cdn/x.png",
            "data:image/png;base64,xx",
            "http:x",
        ] {
            assert!(!offline_image(bad), "{bad}");
        }
    }

    #[test]
    fn resolves_relative_links() {
        let page = "seminars/s/aarhus/index.html";
        assert_eq!(
            resolve(page, "../../../indicators/x/index.html#a"),
            Target::Local("indicators/x/index.html".into())
        );
        assert_eq!(
            resolve(page, "x-trend.svg"),
            Target::Local("seminars/s/aarhus/x-trend.svg".into())
        );
        assert_eq!(
            resolve(page, "../"),
            Target::Local("seminars/s/index.html".into())
        );
        assert_eq!(
            resolve(page, "./s-aarhus.pdf?v=1"),
            Target::Local("seminars/s/aarhus/s-aarhus.pdf".into())
        );
        assert_eq!(resolve(page, "#ind-x"), Target::SamePage);
        assert_eq!(resolve(page, "https://example.org/a"), Target::External);
        assert_eq!(resolve(page, "mailto:a@b.dk"), Target::External);
        assert_eq!(resolve(page, "//cdn.example/x.css"), Target::External);
        assert_eq!(resolve(page, "../../../../x.html"), Target::Outside);
        assert_eq!(resolve(page, "/x.html"), Target::Outside);
        assert_eq!(
            resolve("index.html", "cities/a/index.html"),
            Target::Local("cities/a/index.html".into())
        );
    }

    #[test]
    fn rewrites_only_what_it_is_told() {
        let html = "<p><a href=\"a.html\">A</a>, <abbr>x</abbr> <a href=\"#f\" class=\"k\">F</a> <a id=\"n\">N</a> <aside>s</aside></p>";
        let out = rewrite(html, |href| {
            if href == "a.html" {
                Action::NotInBundle
            } else {
                Action::Unlink
            }
        });
        assert_eq!(
            out,
            "<p><span class=\"not-in-bundle\">A <small>(ikke med i pakken)</small></span>, <abbr>x</abbr> F <a id=\"n\">N</a> <aside>s</aside></p>"
        );
        assert_eq!(rewrite(html, |_| Action::Keep), html);
    }

    #[test]
    fn reads_attributes() {
        assert_eq!(
            attribute("<a class=\"x\" href=\"y.html\">", "href"),
            Some("y.html")
        );
        assert_eq!(attribute("<a\nhref=\"y.html\">", "href"), Some("y.html"));
        assert_eq!(attribute("<a data-href=\"y\">", "href"), None);
        assert_eq!(attribute("<a>", "href"), None);
        assert_eq!(
            urls("<a href=\"a\"><img src=\"b\" data-src=\"c\"><use xlink:href=\"#d\">"),
            ["a", "b"]
        );
    }
}
