//! PDFs of the printed pages, made by headless Chromium from the built site:
//! the site is staged in a temporary folder (the printed pages' links to
//! other pages turned into plain text — a `file:///tmp/…` link in a mailed
//! PDF leads nowhere), Chromium prints each page with the print stylesheet,
//! and the PDFs join the [`Output`] so that `write` puts HTML and PDFs in
//! place together, or nothing at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::links::{self, Action, Target};
use crate::render::PrintJob;
use crate::write::Output;

/// Names Chromium goes by on PATH, tried in order.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome-stable",
    "google-chrome",
];

/// A page that takes longer than this is a hung browser.
const TIMEOUT: Duration = Duration::from_secs(120);

/// How many browsers print at the same time.
pub const PARALLEL: usize = 2;

/// The browser that prints.
#[derive(Debug, Clone)]
pub struct Chromium {
    pub path: PathBuf,
}

impl Chromium {
    /// `explicit` (`--browser`), else `$CHROMIUM`, else the first of
    /// [`NAMES`] on PATH.
    pub fn find(explicit: Option<&Path>) -> Result<Chromium, String> {
        const HOW: &str =
            "install it (Debian/Ubuntu: apt-get install chromium) or name it with --browser PATH";
        if let Some(p) = explicit {
            return if is_executable(p) {
                Ok(Chromium {
                    path: p.to_path_buf(),
                })
            } else {
                Err(format!("no browser at {} (--browser): {HOW}", p.display()))
            };
        }
        if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
            let p = PathBuf::from(p);
            return if is_executable(&p) {
                Ok(Chromium { path: p })
            } else {
                Err(format!("no browser at {} ($CHROMIUM): {HOW}", p.display()))
            };
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        for name in NAMES {
            if let Some(p) = std::env::split_paths(&path)
                .map(|d| d.join(name))
                .find(|p| is_executable(p))
            {
                return Ok(Chromium { path: p });
            }
        }
        Err(format!(
            "Chromium not found on PATH (looked for {}): {HOW}",
            NAMES.join(", ")
        ))
    }
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// One finished PDF, for progress reports.
#[derive(Debug)]
pub struct Printed<'a> {
    pub job: &'a PrintJob,
    /// How many have finished, this one included, and of how many.
    pub done: usize,
    pub total: usize,
    pub pages: usize,
    pub bytes: usize,
    pub seconds: f64,
}

/// A path `cleanup` removes on a stop signal, until this is dropped.
struct Registered(std::path::PathBuf);

impl Registered {
    fn new(path: &Path) -> Self {
        crate::cleanup::register(path);
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        crate::cleanup::forget(&self.0);
    }
}

/// Print every job of `output` with `chromium`, [`PARALLEL`] at a time, and
/// add the PDFs to `output`. `progress` hears of each PDF as it is done.
pub fn print_into(
    output: &mut Output,
    jobs: &[PrintJob],
    chromium: &Chromium,
    progress: &(dyn Fn(&Printed) + Sync),
) -> Result<(), String> {
    let stage = tempfile::Builder::new()
        .prefix("maalrapport-pdf-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    // Removed on drop, and by a stop signal (see `cleanup`).
    let _registered = Registered::new(stage.path());
    let site = stage.path().join("site");
    output
        .write(&site)
        .map_err(|e| format!("cannot stage the site in {}: {e}", site.display()))?;
    for job in jobs {
        let html = output
            .get(Path::new(&job.page))
            .ok_or_else(|| format!("{} was not built", job.page))?;
        let html = std::str::from_utf8(html).map_err(|e| format!("{}: {e}", job.page))?;
        std::fs::write(site.join(&job.page), for_print(&job.page, html))
            .map_err(|e| format!("cannot stage {}: {e}", job.page))?;
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    // One slot per job: the PDF or why not, `None` when never started.
    type Slot = Option<Result<Vec<u8>, String>>;
    let results: Mutex<Vec<Slot>> = Mutex::new(jobs.iter().map(|_| None).collect());
    std::thread::scope(|s| {
        for worker in 0..PARALLEL.min(jobs.len()) {
            let (next, done, results, site, stage) = (&next, &done, &results, &site, stage.path());
            s.spawn(move || {
                let profile = stage.join(format!("profile-{worker}"));
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(job) = jobs.get(i) else { break };
                    let start = Instant::now();
                    let (page, pdf) = (site.join(&job.page), site.join(&job.pdf));
                    let mut result = print_one(chromium, &page, &pdf, &profile);
                    // A table of contents gets its page numbers from a first print.
                    if let Ok(first) = &result {
                        let staged = std::fs::read_to_string(&page).unwrap_or_default();
                        if crate::pdf_toc::has_toc(&staged) {
                            let numbered =
                                crate::pdf_toc::fill(&staged, &crate::pdf_toc::destinations(first));
                            result = std::fs::write(&page, numbered)
                                .map_err(|e| format!("cannot stage {}: {e}", job.page))
                                .and_then(|()| print_one(chromium, &page, &pdf, &profile));
                        }
                    }
                    if let Ok(pdf) = &result {
                        progress(&Printed {
                            job,
                            done: done.fetch_add(1, Ordering::SeqCst) + 1,
                            total: jobs.len(),
                            pages: count_pages(pdf),
                            bytes: pdf.len(),
                            seconds: start.elapsed().as_secs_f64(),
                        });
                    } else {
                        // Stop handing out work: the build fails anyway.
                        next.store(jobs.len(), Ordering::SeqCst);
                    }
                    results.lock().expect("no worker panics holding the lock")[i] = Some(result);
                }
            });
        }
    });
    let results = results.into_inner().expect("workers finished");
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Some(Ok(pdf)) => output.add(&job.pdf, pdf),
            Some(Err(e)) => return Err(format!("cannot print {}: {e}", job.page)),
            None => return Err(format!("{} was not printed", job.page)),
        }
    }
    Ok(())
}

/// A printed page's HTML: links to other pages of the site become text
/// (they would point into the temporary folder); links within the page
/// become links within the PDF, and links to the web stay.
fn for_print(page: &str, html: &str) -> String {
    links::rewrite(html, |href| match links::resolve(page, href) {
        Target::SamePage | Target::External => Action::Keep,
        Target::Local(p) if p == page => Action::Keep,
        Target::Local(_) | Target::Outside => Action::Unlink,
    })
}

/// Print one page to `pdf` and return its bytes.
fn print_one(
    chromium: &Chromium,
    page: &Path,
    pdf: &Path,
    profile: &Path,
) -> Result<Vec<u8>, String> {
    let log = profile.with_extension("log");
    let log_file =
        std::fs::File::create(&log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let mut child = Command::new(&chromium.path)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            // Nothing leaves the machine, whatever a page asks for.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            // Our print stylesheet draws the running header and footer.
            "--no-pdf-header-footer",
            // Bookmarks from the headings.
            "--generate-pdf-document-outline",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", chromium.path.display()))?;
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} did not finish within {} s",
                    chromium.path.display(),
                    TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for {}: {e}", chromium.path.display())),
        }
    };
    let bytes = std::fs::read(pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF-") {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(8).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "{} exited with {status} and wrote no PDF; its last words:\n  {}",
            chromium.path.display(),
            tail.join("\n  ")
        ));
    }
    Ok(bytes)
}

/// `file://` URL of an absolute path, percent-encoding what a URL cannot hold.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The number of pages of a PDF as Chromium (Skia) writes it: its `/Type /Page`
/// objects. Only for progress reports; 0 when unsure.
pub fn count_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphabetic())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/æ.html")),
            "file:///tmp/a%20b/%C3%A6.html"
        );
    }

    #[test]
    fn counts_pages_not_page_trees() {
        assert_eq!(
            count_pages(
                b"<< /Type /Pages /Kids [] >> << /Type /Page /Parent 1 0 R >> <</Type /Page>>"
            ),
            2
        );
    }

    #[test]
    fn printed_pages_keep_only_useful_links() {
        let html = r##"<a href="../../indicators/x/index.html">X</a> <a href="#ind-x">Y</a> <a href="https://a.dk">Z</a> <a href="x-trend.svg">S</a>"##;
        assert_eq!(
            for_print("seminars/s/index.html", html),
            r##"X <a href="#ind-x">Y</a> <a href="https://a.dk">Z</a> S"##
        );
    }

    #[test]
    fn a_missing_browser_says_how_to_install_it() {
        let e = Chromium::find(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(e.contains("apt-get install chromium"), "{e}");
    }
}
