//! Answering requests from the in-memory site: GET and HEAD only, loopback
//! hosts only, HTML with the reload script, long polls on threads of their own.

use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::reload;
use super::route::{content_type, loopback_host, route, Route};
use super::state::{Shared, Snapshot};

/// How long a long poll waits before answering "no change" (browsers and
/// proxies give up on requests that hang much longer).
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

type Reply = Response<Cursor<Vec<u8>>>;

/// Answer one request. Long polls are answered on a thread of their own so a
/// waiting page never holds up the others.
pub fn handle(request: Request, shared: &Arc<Shared>) {
    if let Some(reply) = refuse(&request) {
        let _ = request.respond(reply);
        return;
    }
    match route(request.url()) {
        Route::Reload(since) => {
            let shared = Arc::clone(shared);
            let spawned = std::thread::Builder::new()
                .name("maalrapport-poll".into())
                .spawn(move || {
                    let generation = match since {
                        Some(since) => shared.wait_for_change(since, POLL_TIMEOUT),
                        None => shared.snapshot().generation,
                    };
                    let _ = request.respond(text(200, &generation.to_string()));
                });
            if let Err(e) = spawned {
                eprintln!("fejl: kan ikke starte en tråd: {e}");
            }
        }
        Route::Invalid => {
            let _ = request.respond(text(400, "Ugyldig sti\n"));
        }
        Route::File(rel) => {
            let reply = file(&shared.snapshot(), &rel, request.url());
            let _ = request.respond(reply);
        }
    }
}

/// Requests the server does not take: other methods, other hosts.
fn refuse(request: &Request) -> Option<Reply> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return Some(text(405, "Kun GET og HEAD\n").with_header(header("Allow", "GET, HEAD")));
    }
    let host = request.headers().iter().find(|h| h.field.equiv("Host"));
    if host.is_some_and(|h| !loopback_host(h.value.as_str())) {
        return Some(text(403, "Kun adgang fra denne computer\n"));
    }
    None
}

/// A file of the site, a redirect from `/dir` to `/dir/`, or the 404 page.
fn file(snapshot: &Snapshot, rel: &std::path::Path, url: &str) -> Reply {
    let generation = snapshot.generation;
    let error = snapshot.error.as_deref();
    let Some(site) = &snapshot.site else {
        return html(503, reload::no_site_page(generation, error));
    };
    if let Some(bytes) = site.get(rel) {
        let kind = content_type(rel);
        return if kind.starts_with("text/html") {
            html(200, reload::inject(bytes, generation, error))
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
        return text(301, "").with_header(header("Location", &ascii_only(&location)));
    }
    let path = url.split('?').next().unwrap_or_default();
    html(404, reload::not_found_page(path, generation, error))
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
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        // Always fresh: the point of a preview is to see the latest build.
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    // Every name and value here is printable ASCII (see `ascii_only`).
    Header::from_bytes(name, value).expect("ASCII header")
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
