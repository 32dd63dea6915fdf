//! What `serve` adds to the HTML it serves, and only there (never to `build`
//! output): a small script that long-polls [`ENDPOINT`] and reloads the page
//! when the build generation changes, and a banner with the problems of the
//! last build when it failed. Also the two pages `serve` writes itself.

use crate::render::markdown::escape;

/// The long-polling endpoint; answers with the current generation.
pub const ENDPOINT: &str = "/__maalrapport/reload";

/// The `id` of the error banner (tests look for it).
pub const BANNER_ID: &str = "maalrapport-fejl";

/// `html` with the reload script, and the error banner if any, put before
/// the last `</body>` (or at the end when there is none).
pub fn inject(html: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let snippet = snippet(generation, error);
    let at = rfind_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The page for a path the site does not have.
pub fn not_found_page(path: &str, generation: u64, error: Option<&str>) -> Vec<u8> {
    let body = format!(
        "<h1>Siden findes ikke</h1>\n<p>Der er ingen side på <code>{}</code> i det byggede site.</p>\n\
         <p><a href=\"/\">Gå til forsiden</a></p>",
        escape(path)
    );
    inject(
        page("Siden findes ikke", &body).as_bytes(),
        generation,
        error,
    )
}

/// The page served for every path while no build has succeeded yet.
pub fn no_site_page(generation: u64, error: Option<&str>) -> Vec<u8> {
    let body = "<h1>Sitet kunne ikke bygges</h1>\n<p>Ret fejlene nedenfor og gem filen; \
                siden genindlæses af sig selv.</p>";
    inject(
        page("Sitet kunne ikke bygges", body).as_bytes(),
        generation,
        error,
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

fn snippet(generation: u64, error: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(error) = error {
        out.push_str(&banner(error));
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

fn banner(error: &str) -> String {
    format!(
        r#"<div id="{BANNER_ID}" role="alert" lang="da" style="position: fixed; inset: auto 0 0 0; z-index: 2147483647; max-height: 60vh; overflow: auto; margin: 0; padding: 1rem 1.5rem; background: #fff4f4; color: #5c0000; border-top: 4px solid #b00020; box-shadow: 0 -2px 12px rgba(0,0,0,.25); font: 15px/1.4 system-ui, sans-serif;">
<button type="button" onclick="this.parentNode.remove()" style="float: right; font: inherit;">Skjul</button>
<p style="margin: 0 0 .5rem; font-weight: bold;">Sitet kunne ikke bygges. Her vises den seneste udgave, der virkede. Ret fejlen nedenfor, og gem filen.</p>
<pre style="margin: 0; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; color: #222;">{}</pre>
</div>
"#,
        escape(error)
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
        let html = text(inject(b"<html><body><p>x</p></BODY></html>", 3, None));
        assert!(html.ends_with("</script>\n</BODY></html>"), "{html}");
        assert!(html.contains("var generation = 3;"));
        assert!(!html.contains(BANNER_ID));
        assert!(text(inject(b"<p>no body", 1, None)).starts_with("<p>no body<script>"));
    }

    #[test]
    fn errors_are_escaped_into_a_banner() {
        let html = text(inject(
            b"<body></body>",
            1,
            Some("a.md:1:2: error: <b> & \"x\""),
        ));
        assert!(html.contains(BANNER_ID));
        assert!(html.contains("a.md:1:2: error: &lt;b&gt; &amp; &quot;x&quot;"));
    }

    #[test]
    fn own_pages_escape_the_path() {
        let html = text(not_found_page("/<x>", 1, None));
        assert!(html.contains("/&lt;x&gt;") && html.contains("Siden findes ikke"));
    }
}
