//! What `serve` adds to the HTML it serves, and only there (never to `build`
//! output): a small script that long-polls [`ENDPOINT`] and reloads the page
//! when the build generation changes, a banner with the problems of the
//! last build when it failed, and its warnings (a folded, amber bar, so they
//! are never mistaken for errors). Also the two pages `serve` writes itself.

use crate::render::markdown::escape;

/// The long-polling endpoint; answers with the current generation.
pub const ENDPOINT: &str = "/__maalrapport/reload";

/// The `id` of the error banner (tests look for it).
pub const BANNER_ID: &str = "maalrapport-fejl";

/// The `id` of the warnings (tests look for it).
pub const WARNINGS_ID: &str = "maalrapport-advarsler";

/// What the banner shows: the errors of a failed build, and the warnings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Banner<'a> {
    pub error: Option<&'a str>,
    /// Each warning rendered (`path:line:col: warning: …` with its line).
    pub warnings: &'a [String],
}

/// `html` with the reload script, and the banner if there is anything to
/// show, put before the last `</body>` (or at the end when there is none).
pub fn inject(html: &[u8], generation: u64, banner: Banner) -> Vec<u8> {
    let snippet = snippet(generation, banner);
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page for a path the site does not have.
pub fn not_found_page(path: &str, generation: u64, banner: Banner) -> Vec<u8> {
    let body = format!(
        "<h1>Siden findes ikke</h1>\n<p>Der er ingen side på <code>{}</code> i det byggede site.</p>\n\
         <p><a href=\"/\">Gå til forsiden</a></p>",
        escape(path)
    );
    inject(
        page("Siden findes ikke", &body).as_bytes(),
        generation,
        banner,
    )
}

/// The page served for every path while no build has succeeded yet.
pub fn no_site_page(generation: u64, banner: Banner) -> Vec<u8> {
    let body = "<h1>Sitet kunne ikke bygges</h1>\n<p>Ret fejlene nedenfor og gem filen; \
                siden genindlæses af sig selv.</p>";
    inject(
        page("Sitet kunne ikke bygges", body).as_bytes(),
        generation,
        banner,
    )
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n</head>\n<body style=\"font-family: system-ui, sans-serif; margin: 2rem;\">\n\
         <main>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

fn snippet(generation: u64, banner: Banner) -> String {
    let mut out = String::new();
    match banner.error {
        Some(error) => out.push_str(&error_banner(error, banner.warnings)),
        None if !banner.warnings.is_empty() => out.push_str(&warnings_bar(banner.warnings)),
        None => {}
    }
    out.push_str(&format!(
        r#"<script>
(function () {{
  var generation = {generation};
  function poll() {{
    fetch("{ENDPOINT}?since=" + generation, {{ cache: "no-store" }})
      .then(function (r) {{ return r.text(); }})
      .then(function (t) {{
        if (t.trim() !== String(generation)) {{ location.reload(); }} else {{ poll(); }}
      }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  poll();
}})();
</script>
"#
    ));
    out
}

fn error_banner(error: &str, warnings: &[String]) -> String {
    format!(
        r#"<div id="{BANNER_ID}" role="alert" lang="da" style="position: fixed; inset: auto 0 0 0; z-index: 2147483647; max-height: 60vh; overflow: auto; margin: 0; padding: 1rem 1.5rem; background: #fff4f4; color: #5c0000; border-top: 4px solid #b00020; box-shadow: 0 -2px 12px rgba(0,0,0,.25); font: 15px/1.4 system-ui, sans-serif;">
<button type="button" onclick="this.parentNode.remove()" style="float: right; font: inherit;">Skjul</button>
<p style="margin: 0 0 .5rem; font-weight: bold;">Sitet kunne ikke bygges. Her vises den seneste udgave, der virkede. Ret fejlen nedenfor, og gem filen.</p>
<pre style="margin: 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; color: #222;">{}</pre>
{}</div>
"#,
        escape(error),
        warnings_list(warnings),
    )
}

/// The warnings alone: a folded amber bar at the foot of the page (the site
/// built; nothing is wrong enough to stop it, but the analyst should look).
fn warnings_bar(warnings: &[String]) -> String {
    format!(
        r#"<div role="status" lang="da" style="position: fixed; inset: auto 0 0 0; z-index: 2147483647; max-height: 60vh; overflow: auto; margin: 0; padding: .5rem 1.5rem; background: #fff8e1; color: #3d2a00; border-top: 4px solid #8a5a00; box-shadow: 0 -2px 12px rgba(0,0,0,.2); font: 15px/1.4 system-ui, sans-serif;">
{}</div>
"#,
        warnings_list(warnings)
    )
}

/// The warnings folded under a summary line ("3 advarsler …").
fn warnings_list(warnings: &[String]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let n = warnings.len();
    let what = if n == 1 { "advarsel" } else { "advarsler" };
    format!(
        r#"<details id="{WARNINGS_ID}" style="margin: .5rem 0 0;"><summary style="cursor: pointer; font-weight: bold; color: #3d2a00;"><span aria-hidden="true">⚠</span> {n} {what} — ikke fejl: sitet bygges, men tjek disse steder i filerne</summary>
<pre style="margin: .5rem 0 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; color: #222;">{}</pre></details>
"#,
        escape(&warnings.join("\n"))
    )
}

fn rfind_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: Vec<u8>) -> String {
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let none = Banner::default();
        let html = text(inject(b"<html><body><p>x</p></BODY></html>", 3, none));
        assert!(html.ends_with("</script>\n</BODY></html>"), "{html}");
        assert!(html.contains("var generation = 3;"));
        assert!(!html.contains(BANNER_ID) && !html.contains(WARNINGS_ID));
        assert!(text(inject(b"<p>no body", 1, none)).starts_with("<p>no body<script>"));
    }

    #[test]
    fn errors_are_escaped_into_a_banner() {
        let banner = Banner {
            error: Some("a.md:1:2: error: <b> & \"x\""),
            warnings: &[],
        };
        let html = text(inject(b"<body></body>", 1, banner));
        assert!(html.contains(BANNER_ID) && !html.contains(WARNINGS_ID));
        assert!(html.contains("a.md:1:2: error: &lt;b&gt; &amp; &quot;x&quot;"));
    }

    #[test]
    fn warnings_are_a_folded_bar_of_their_own() {
        let warnings = [
            "a.md:3:1: warning: <odd>".to_owned(),
            "b.csv:2:1: warning: x".to_owned(),
        ];
        let alone = Banner {
            error: None,
            warnings: &warnings,
        };
        let html = text(inject(b"<body></body>", 1, alone));
        assert!(
            !html.contains(BANNER_ID),
            "warnings are no error banner: {html}"
        );
        assert!(
            html.contains(&format!("<details id=\"{WARNINGS_ID}\"")),
            "{html}"
        );
        assert!(html.contains("2 advarsler") && html.contains("a.md:3:1: warning: &lt;odd&gt;"));
        assert!(html.contains("role=\"status\"") && !html.contains("role=\"alert\""));
        let with_error = Banner {
            error: Some("c.md:1:1: error: bad"),
            warnings: &warnings[..1],
        };
        let html = text(inject(b"<body></body>", 1, with_error));
        assert!(html.contains(BANNER_ID) && html.contains(WARNINGS_ID));
        assert!(html.contains("1 advarsel —"), "{html}");
    }

    #[test]
    fn own_pages_escape_the_path() {
        let html = text(not_found_page("/<x>", 1, Banner::default()));
        assert!(html.contains("/&lt;x&gt;") && html.contains("Siden findes ikke"));
    }
}
