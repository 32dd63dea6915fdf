//! From a request target to what it asks for, without touching anything: the
//! path is percent-decoded, checked segment by segment and becomes a key into
//! the in-memory site. There is no file system behind it, so no request can
//! read outside the site; the checks here only turn nonsense into a 400.

use std::path::{Path, PathBuf};

use super::reload;

/// What a request target asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// A file of the site; `index.html` is added for a folder (`/`, `/dir/`).
    File(PathBuf),
    /// The long poll: answer when the generation differs from this one.
    Reload(Option<u64>),
    /// Not a path inside the site (`..`, backslashes, bad escapes…): 400.
    Invalid,
}

/// Route a raw request target such as `/seminars/x/?a=b`.
pub fn route(target: &str) -> Route {
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or_default();
    if path == reload::ENDPOINT {
        return Route::Reload(query.and_then(since));
    }
    // Absolute-form targets (`http://host/…`) and `*` are not for a static site.
    if !path.starts_with('/') {
        return Route::Invalid;
    }
    let Some(decoded) = percent_decode(path).and_then(|b| String::from_utf8(b).ok()) else {
        return Route::Invalid;
    };
    let mut segments: Vec<&str> = decoded[1..].split('/').collect();
    let folder = segments.last().is_some_and(|s| s.is_empty());
    if folder {
        segments.pop();
    }
    let mut rel = PathBuf::new();
    for segment in segments {
        if !plain_segment(segment) {
            return Route::Invalid;
        }
        rel.push(segment);
    }
    if folder {
        rel.push("index.html");
    }
    Route::File(rel)
}

/// A path segment that can only name something inside its folder.
fn plain_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && !s.contains(['\\', '\0', ':'])
        && crate::write::safe_relative(Path::new(s))
}

/// `since=12` from a query string.
fn since(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since=")?.parse().ok())
}

/// Decode `%XX` escapes; `None` for a malformed escape.
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The Content-Type of a site file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// Whether a `Host` header names this machine's loopback interface, so a
/// web page elsewhere cannot reach the preview through DNS rebinding.
pub fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, _port)| name)
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "::1"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str) -> Route {
        Route::File(PathBuf::from(p))
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(route("/"), file("index.html"));
        assert_eq!(route("/seminars/s/"), file("seminars/s/index.html"));
        assert_eq!(route("/seminars/s"), file("seminars/s"));
        assert_eq!(route("/data/values.csv?x=1#top"), file("data/values.csv"));
        assert_eq!(
            route("/a%20b/%C3%A6%C3%B8%C3%A5.html"),
            file("a b/æøå.html")
        );
    }

    #[test]
    fn escapes_are_refused() {
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/maalrapport.toml",
            "/%2E%2E/maalrapport.toml",
            "/a/..%2f..%2fmaalrapport.toml",
            "/..%5cmaalrapport.toml",
            "/a\\..\\b",
            "//etc/passwd",
            "/./index.html",
            "/C:/Windows/win.ini",
            "/%00",
            "/%zz",
            "/%e",
            "/%ff%fe",
            "http://example.org/",
            "*",
            "",
        ] {
            assert_eq!(route(target), Route::Invalid, "{target}");
        }
    }

    #[test]
    fn reload_endpoint() {
        assert_eq!(
            route("/__maalrapport/reload?since=7"),
            Route::Reload(Some(7))
        );
        assert_eq!(route("/__maalrapport/reload"), Route::Reload(None));
        assert_eq!(route("/__maalrapport/reload?since=x"), Route::Reload(None));
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("c.svg")), "image/svg+xml");
        assert_eq!(
            content_type(Path::new("data/values.csv")),
            "text/csv; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.PDF")), "application/pdf");
        assert_eq!(
            content_type(Path::new("README")),
            "application/octet-stream"
        );
    }

    #[test]
    fn only_loopback_hosts() {
        for ok in [
            "127.0.0.1:1111",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:1111",
            "127.0.0.1",
        ] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "192.168.1.2:1111",
            "[::2]:1",
        ] {
            assert!(!loopback_host(bad), "{bad}");
        }
    }
}
