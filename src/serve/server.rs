//! Answering requests from the in-memory site: GET and HEAD only, loopback
//! hosts only, HTML with the reload script, long polls. Each request is
//! answered on its connection's own thread (see `http`).

use std::sync::Arc;
use std::time::Duration;

use super::http::{Request, Response};
use super::reload;
use super::route::{content_type, loopback_host, route, Route};
use super::state::{Shared, Snapshot};

/// How long a long poll waits before answering "no change" (browsers and
/// proxies give up on requests that hang much longer).
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

type Reply = Response;

/// Answer one request. A long poll waits on its connection's thread, so a
/// waiting page never holds up the others.
pub fn handle(request: &Request, shared: &Arc<Shared>) -> Reply {
    if let Some(reply) = refuse(request) {
        return reply;
    }
    match route(&request.url) {
        Route::Reload(since) => {
            let generation = match since {
                Some(since) => shared.wait_for_change(since, POLL_TIMEOUT),
                None => shared.snapshot().generation,
            };
            text(200, &generation.to_string())
        }
        Route::Invalid => text(400, "Ugyldig sti\n"),
        Route::File(rel) => file(&shared.snapshot(), &rel, &request.url),
    }
}

/// Requests the server does not take: other methods, other hosts.
fn refuse(request: &Request) -> Option<Reply> {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Some(text(405, "Kun GET og HEAD\n").with_header("Allow", "GET, HEAD"));
    }
    if request.host.as_deref().is_some_and(|h| !loopback_host(h)) {
        return Some(text(403, "Kun adgang fra denne computer\n"));
    }
    None
}

/// A file of the site, a redirect from `/dir` to `/dir/`, or the 404 page.
fn file(snapshot: &Snapshot, rel: &std::path::Path, url: &str) -> Reply {
    let generation = snapshot.generation;
    let banner = snapshot.banner();
    let Some(site) = &snapshot.site else {
        return html(503, reload::no_site_page(generation, banner));
    };
    if let Some(bytes) = site.get(rel) {
        let kind = content_type(rel);
        return if kind.starts_with("text/html") {
            html(200, reload::inject(bytes, generation, banner))
        } else {
            reply(200, bytes.to_vec(), kind)
        };
    }
    if site.contains(&rel.join("index.html")) {
        let (path, query) = url
            .split_once('?')
            .map_or((url, None), |(p, q)| (p, Some(q)));
        let location = match query {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        return text(301, "").with_header("Location", &ascii_only(&location));
    }
    let path = url.split('?').next().unwrap_or_default();
    html(404, reload::not_found_page(path, generation, banner))
}

fn html(status: u16, body: Vec<u8>) -> Reply {
    reply(status, body, "text/html; charset=utf-8")
}

fn text(status: u16, body: &str) -> Reply {
    reply(
        status,
        body.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

fn reply(status: u16, body: Vec<u8>, kind: &str) -> Reply {
    // Every header value here is printable ASCII (see `ascii_only`).
    Response::new(status, body)
        .with_header("Content-Type", kind)
        // Always fresh: the point of a preview is to see the latest build.
        .with_header("Cache-Control", "no-store")
}

/// A URL with every byte outside printable ASCII percent-encoded, fit for a header.
fn ascii_only(url: &str) -> String {
    url.bytes()
        .map(|b| match b {
            b'!'..=b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
