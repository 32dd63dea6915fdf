//! The preview's own small HTTP/1.1 server: GET and HEAD without bodies,
//! one request per connection (`Connection: close`). Every connection gets a
//! thread of its own with a read and a write timeout, so a slow, idle or
//! half-open client holds up only itself: it cannot block the other
//! requests, and it is dropped after [`READ_TIMEOUT`]. (tiny_http answered
//! all requests from one loop and gave no access to its sockets' timeouts.)

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a client may take to send its request head.
pub const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a client may take to read its response.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest request head taken (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// Connections served at once; more are refused with 503 at once.
const MAX_CONNECTIONS: usize = 512;

/// A request: its method, target (as sent) and `Host` header.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub url: String,
    pub host: Option<String>,
}

/// A response: status, headers and body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Add a header. Names and values must be printable ASCII.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        debug_assert!(value.bytes().all(|b| (b' '..=b'~').contains(&b)));
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    fn write_to(&self, out: &mut impl Write, head_only: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (n, v) in &self.headers {
            head.push_str(&format!("{n}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// A listening server; [`Server::stop`] ends [`Server::run`].
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    stopping: AtomicBool,
    active: Arc<AtomicUsize>,
}

impl Server {
    pub fn new(listener: TcpListener) -> std::io::Result<Self> {
        Ok(Server {
            addr: listener.local_addr()?,
            listener,
            stopping: AtomicBool::new(false),
            active: Arc::new(AtomicUsize::new(0)),
        })
    }

    /// Accept connections until stopped, each answered on a thread of its
    /// own by `handle`.
    pub fn run(&self, handle: Arc<dyn Fn(&Request) -> Response + Send + Sync>) {
        for stream in self.listener.incoming() {
            if self.stopping.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
            let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
            if self.active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                let busy = Response::new(503, b"For mange forbindelser\n".to_vec());
                let _ = busy.write_to(&mut &stream, false);
                continue;
            }
            let active = Arc::clone(&self.active);
            active.fetch_add(1, Ordering::SeqCst);
            let handle = Arc::clone(&handle);
            let spawned = std::thread::Builder::new()
                .name("maalrapport-http".into())
                .spawn(move || {
                    serve_one(stream, &*handle);
                    active.fetch_sub(1, Ordering::SeqCst);
                });
            if let Err(e) = spawned {
                self.active.fetch_sub(1, Ordering::SeqCst);
                eprintln!("fejl: kan ikke starte en tråd: {e}");
            }
        }
    }

    /// Stop accepting: `run` returns (it is woken by a connection of our own).
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

fn serve_one(mut stream: TcpStream, handle: &(dyn Fn(&Request) -> Response + Sync)) {
    let reply = match read_request(&mut stream) {
        Ok(request) => {
            let head_only = request.method == "HEAD";
            let reply = handle(&request);
            let _ = reply.write_to(&mut stream, head_only);
            return;
        }
        Err(status) => Response::new(status, Vec::new()),
    };
    let _ = reply.write_to(&mut stream, false);
}

/// Read and parse a request head; the status to answer when it is bad, too
/// large or does not come in time.
fn read_request(stream: &mut impl Read) -> Result<Request, u16> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    let end = loop {
        if let Some(end) = find_end(&head) {
            break end;
        }
        if head.len() > MAX_HEAD {
            return Err(431);
        }
        match stream.read(&mut buf) {
            Ok(0) => return Err(400),
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(408)
            }
            Err(_) => return Err(400),
        }
    };
    if end > MAX_HEAD {
        return Err(431);
    }
    let text = std::str::from_utf8(&head[..end]).map_err(|_| 400u16)?;
    let mut lines = text.lines();
    let mut first = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(url), Some(version)) = (first.next(), first.next(), first.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() || url.is_empty() {
        return Err(400);
    }
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.trim().eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.trim().to_owned());
    Ok(Request {
        method: method.to_owned(),
        url: url.to_owned(),
        host,
    })
}

/// Where the request head ends (`\r\n\r\n`, or `\n\n` from lax clients).
fn find_end(head: &[u8]) -> Option<usize> {
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = head.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_request_heads() {
        let r = read_request(&mut &b"GET /a?b HTTP/1.1\r\nhost: 127.0.0.1:1\r\n\r\n"[..]).unwrap();
        assert_eq!((r.method.as_str(), r.url.as_str()), ("GET", "/a?b"));
        assert_eq!(r.host.as_deref(), Some("127.0.0.1:1"));
        assert_eq!(read_request(&mut &b"GET /\r\n\r\n"[..]).unwrap_err(), 400);
        assert_eq!(
            read_request(&mut &b"GET / HTTP/1.1\r\n"[..]).unwrap_err(),
            400
        );
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD + 10));
        assert_eq!(read_request(&mut big.as_bytes()).unwrap_err(), 431);
    }

    #[test]
    fn writes_responses() {
        let mut out = Vec::new();
        Response::new(404, b"nej".to_vec())
            .with_header("Content-Type", "text/plain")
            .write_to(&mut out, false)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nnej"
        );
    }
}
