//! `maalrapport serve` as a child process on a copy of the example: pages over
//! HTTP (a hand-written HTTP/1.1 client on loopback, no client dependency),
//! rebuild on change, the last good site on a broken build, refused escapes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::Project;

/// The first build of the example in a debug binary takes a second or two;
/// a loaded machine running the other tests may take much longer.
const START_WITHIN: Duration = Duration::from_secs(60);
/// A change is typically served after ~1 s; the bound only matters on failure.
const CHANGE_WITHIN: Duration = Duration::from_secs(20);

const BANNER: &str = "id=\"maalrapport-fejl\"";
const WARNINGS: &str = "id=\"maalrapport-advarsler\"";
const SCRIPT: &str = "/__maalrapport/reload";

/// A running `maalrapport serve`, killed when dropped (also on a panic).
struct Serve {
    child: Child,
    addr: SocketAddr,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// One HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

fn drain(from: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            let mut s = sink.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
    text
}

impl Serve {
    fn start(project: &Project, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_maalrapport"))
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .arg("--root")
            .arg(project.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = drain(child.stdout.take().unwrap());
        let stderr = drain(child.stderr.take().unwrap());
        let mut serve = Serve {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stdout,
            stderr,
        };
        let start = Instant::now();
        loop {
            if let Some(addr) = serve.url_addr() {
                serve.addr = addr;
                return serve;
            }
            if let Some(status) = serve.child.try_wait().unwrap() {
                panic!(
                    "serve exited with {status} before printing its URL\n{}",
                    serve.output()
                );
            }
            assert!(
                start.elapsed() < START_WITHIN,
                "no URL on stdout\n{}",
                serve.output()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The address in the `http://127.0.0.1:PORT/` line of stdout.
    fn url_addr(&self) -> Option<SocketAddr> {
        let out = self.stdout.lock().unwrap();
        let rest = &out[out.find("http://")? + "http://".len()..];
        let host_port = rest.split('/').next()?;
        let addr: SocketAddr = host_port.parse().ok()?;
        assert!(addr.ip().is_loopback(), "serves on {addr}, not loopback");
        Some(addr)
    }

    fn output(&self) -> String {
        format!(
            "stdout:\n{}\nstderr:\n{}",
            self.stdout.lock().unwrap(),
            self.stderr.lock().unwrap()
        )
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target, &format!("{}", self.addr))
    }

    /// A raw HTTP/1.1 request: the target is sent exactly as given.
    fn request(&self, method: &str, target: &str, host: &str) -> Reply {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(40)))
            .unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {raw:?}"));
        Reply {
            status,
            head: head.to_owned(),
            body: body.to_owned(),
        }
    }

    /// GET `target` until `ok` holds, within [`CHANGE_WITHIN`].
    fn wait_for(&self, target: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let reply = self.get(target);
            if ok(&reply) {
                return reply;
            }
            assert!(
                start.elapsed() < CHANGE_WITHIN,
                "{what}: not seen at {target} within {CHANGE_WITHIN:?}\nlast body:\n{}\n{}",
                reply.body,
                self.output()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const SEMINAR: &str = "/seminars/udvalgsseminar-2015/";
const SEMINAR_FILE: &str = "content/seminars/udvalgsseminar-2015/index.md";

#[test]
fn serves_the_site_from_memory() {
    let p = Project::example();
    p.run(&["build", "--quiet"]).code(0);
    let serve = Serve::start(&p, &[]);

    let front = serve.get("/");
    assert_eq!(front.status, 200, "{front:?}");
    assert_eq!(
        front.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        front.body.contains(SCRIPT),
        "no reload script in served HTML"
    );
    let page = serve.get(SEMINAR);
    assert_eq!(page.status, 200);
    let script_at = page.body.rfind(SCRIPT).unwrap();
    assert!(
        script_at < page.body.rfind("</body>").unwrap(),
        "script after </body>"
    );

    let moved = serve.get("/seminars/udvalgsseminar-2015");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("Location"), Some(SEMINAR));

    let csv = serve.get("/data/values.csv");
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("Content-Type"), Some("text/csv; charset=utf-8"));
    assert!(!csv.body.contains(SCRIPT));
    assert_eq!(
        serve.get("/data/indicators.json").header("Content-Type"),
        Some("application/json")
    );
    let svg = walkdir::WalkDir::new(p.path().join("site"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .find(|f| f.extension().is_some_and(|e| e == "svg"))
        .expect("the example has charts");
    let svg_url = format!(
        "/{}",
        svg.strip_prefix(p.path().join("site"))
            .unwrap()
            .to_str()
            .unwrap()
    );
    let chart = serve.get(&svg_url);
    assert_eq!(chart.status, 200, "{svg_url}");
    assert_eq!(chart.header("Content-Type"), Some("image/svg+xml"));
    assert_eq!(chart.body.as_bytes(), std::fs::read(&svg).unwrap());

    let head = serve.request("HEAD", "/", &serve.addr.to_string());
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        serve.request("POST", "/", &serve.addr.to_string()).status,
        405
    );
    assert_eq!(serve.request("GET", "/", "evil.example").status, 403);

    let missing = serve.get("/findes-ikke/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Siden findes ikke"));
    assert!(missing.body.contains(SCRIPT));
    assert_eq!(serve.get("/%C3%A6%C3%B8%C3%A5/").status, 404);

    // The build output on disk never carries the reload script or banner.
    for entry in walkdir::WalkDir::new(p.path().join("site")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("__maalrapport") && !text.contains("maalrapport-fejl"),
                "{} carries serve's script",
                entry.path().display()
            );
        }
    }
}

#[test]
fn refuses_paths_outside_the_site() {
    let p = Project::example();
    let serve = Serve::start(&p, &[]);
    for target in [
        "/../Cargo.toml",
        "/../maalrapport.toml",
        "/%2e%2e/maalrapport.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/assets/..%2f..%2fmaalrapport.toml",
        "/..%5cmaalrapport.toml",
        "/assets\\..\\..\\maalrapport.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/%00",
        "/%ff",
        "/%",
        "/maalrapport.toml",
        "/content/seminars/udvalgsseminar-2015/index.md",
    ] {
        let reply = serve.get(target);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{target}: {reply:?}"
        );
        assert!(
            !reply.body.contains("min_cell") && !reply.body.contains("root:"),
            "{target} leaked a file"
        );
    }
    // Still serving after all that.
    assert_eq!(serve.get("/").status, 200);
}

#[test]
fn rebuilds_on_change_and_keeps_the_last_good_site_on_error() {
    let p = Project::example();
    let serve = Serve::start(&p, &[]);
    assert_eq!(serve.get(SEMINAR).status, 200);
    let generation = serve.get(SCRIPT).body;

    // A page waiting in a long poll hears about the next build.
    let poll = {
        let (addr, target) = (serve.addr, format!("{SCRIPT}?since={generation}"));
        std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
            write!(
                s,
                "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut raw = String::new();
            s.read_to_string(&mut raw).unwrap();
            raw
        })
    };
    std::thread::sleep(Duration::from_millis(200));

    let sentence = "Kommentaren er ændret under serve 5f0c2e.";
    p.append(SEMINAR_FILE, &format!("\n{sentence}\n"));
    serve.wait_for(SEMINAR, "the edited commentary", |r| {
        r.body.contains(sentence)
    });
    let answer = poll.join().unwrap();
    let new_generation = answer.rsplit("\r\n\r\n").next().unwrap().trim();
    assert_ne!(new_generation, generation.trim(), "{answer}");

    // A broken config: the error on every page, the last good site still there.
    let config = p.read("maalrapport.toml");
    p.write(
        "maalrapport.toml",
        &format!("{config}\nthis is = = not toml\n"),
    );
    let broken = serve.wait_for(SEMINAR, "the error banner", |r| r.body.contains(BANNER));
    assert_eq!(broken.status, 200);
    assert!(
        broken.body.contains(sentence),
        "the last good content is gone"
    );
    assert!(
        broken.body.contains("maalrapport.toml:"),
        "no file:line:col in the banner:\n{}",
        broken.body
    );
    let missing = serve.get("/findes-ikke/");
    assert!(missing.status == 404 && missing.body.contains(BANNER));
    assert!(serve.stderr.lock().unwrap().contains("maalrapport.toml:"));

    // Fixed again: the banner goes away.
    p.write("maalrapport.toml", &config);
    serve.wait_for(SEMINAR, "the banner gone", |r| {
        !r.body.contains(BANNER) && r.body.contains(sentence)
    });
}

#[test]
fn warnings_are_shown_as_warnings_not_errors() {
    let p = Project::example();
    let serve = Serve::start(&p, &[]);
    // The example's own warnings (a seminar period without data, …): the
    // site is served, with a folded warnings bar and no error banner.
    let page = serve.get(SEMINAR);
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(WARNINGS) && !page.body.contains(BANNER),
        "{}",
        page.body
    );
    assert!(page.body.contains("17 advarsler"), "the example's warnings");
    assert!(page.body.contains(
        "content/seminars/udvalgsseminar-2015/index.md:6:10: warning: `hjemloese` has no figures for 2014"
    ));
    // A shortcode whose figure is not reported: said on the next build.
    let note = "content/seminars/udvalgsseminar-2015/ung-kriminalitet.md";
    p.append(
        note,
        "\nEsbjerg: {{ value(indicator=\"hjemloese\", city=\"esbjerg\", period=\"2022\") }}.\n",
    );
    let page = serve.wait_for(SEMINAR, "the new warning", |r| {
        r.body.contains("18 advarsler")
    });
    assert!(
        page.body.contains("has no figure: not reported (–)"),
        "{}",
        page.body
    );
    // Broken: the errors in the red banner, the warnings still apart from them.
    let config = p.read("maalrapport.toml");
    p.write(
        "maalrapport.toml",
        &format!("{config}\n[check]\njump_factor = 1\n"),
    );
    let broken = serve.wait_for(SEMINAR, "the error banner", |r| r.body.contains(BANNER));
    let banner = &broken.body[broken.body.find(BANNER).unwrap()..];
    let (errors, warnings) =
        banner.split_at(banner.find(WARNINGS).expect("warnings in the banner"));
    assert!(
        errors.contains("error: `[check] jump_factor = 1`"),
        "{banner}"
    );
    assert!(
        !errors.contains("warning:") && warnings.contains("warning:"),
        "{banner}"
    );
}

#[test]
fn a_broken_project_is_served_as_an_error_page_until_fixed() {
    let p = Project::example();
    let config = p.read("maalrapport.toml");
    p.write("maalrapport.toml", "title = \n");
    let serve = Serve::start(&p, &[]);
    let page = serve.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains(BANNER) && page.body.contains("maalrapport.toml:1:"));
    assert!(page.body.contains(SCRIPT));
    p.write("maalrapport.toml", &config);
    serve.wait_for("/", "the site after the fix", |r| {
        r.status == 200 && !r.body.contains(BANNER)
    });
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let p = Project::example();
    let mut serve = Serve::start(&p, &[]);
    let sent = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = serve.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running after SIGINT"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "{}", serve.output());
    std::thread::sleep(Duration::from_millis(100));
    assert!(serve.stdout.lock().unwrap().contains("Stoppet."));
}

#[test]
fn a_template_cycle_is_shown_and_does_not_take_serve_down() {
    let p = Project::example();
    let serve = Serve::start(&p, &[]);
    assert_eq!(serve.get("/").status, 200);
    p.write("templates/base.html", "{% extends \"base.html\" %}\n");
    serve.wait_for("/", "the cycle in the banner", |r| {
        r.body.contains(BANNER) && r.body.contains("templates/base.html:1:4")
    });
    p.remove("templates");
    serve.wait_for("/", "the site after the fix", |r| {
        r.status == 200 && !r.body.contains(BANNER)
    });
}

#[test]
fn idle_and_half_open_clients_block_no_one() {
    let p = Project::example();
    let serve = Serve::start(&p, &[]);
    // Twenty clients that connect and never finish (or never start) a request,
    // and twenty that ask for a page and never read the answer.
    let mut idle = Vec::new();
    for i in 0..20 {
        let mut s = TcpStream::connect(serve.addr).unwrap();
        if i % 2 == 0 {
            s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .unwrap();
        }
        idle.push(s);
    }
    for _ in 0..20 {
        let mut s = TcpStream::connect(serve.addr).unwrap();
        write!(s, "GET {SEMINAR} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        idle.push(s);
    }
    let start = Instant::now();
    for _ in 0..5 {
        assert_eq!(serve.get("/").status, 200);
    }
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    // The half-open ones are answered "408 Request Timeout" and closed.
    let mut stalled = idle.swap_remove(0);
    stalled
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = String::new();
    stalled.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
}
