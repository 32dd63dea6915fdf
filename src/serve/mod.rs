//! `maalrapport serve`: the site built in memory and served on 127.0.0.1, rebuilt
//! when a file in `content/`, `data/`, `templates/` or `maalrapport.toml`
//! changes; open pages reload themselves. A failed build keeps the last good
//! site and shows the problems on every page and in the terminal.
//!
//! Nothing is written to disk: requests are answered from the in-memory
//! [`Output`](crate::write::Output), so no URL can reach a file outside the site.

mod http;
mod reload;
mod route;
mod server;
mod state;
mod watch;

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostic, Severity};
use crate::site::{build, BuildError, BuildOptions};
use state::Shared;

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub build: BuildOptions,
    /// Port on 127.0.0.1; 0 lets the system pick a free one.
    pub port: u16,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    NoProject(PathBuf),
    Bind(u16, std::io::Error),
    Setup(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::NoProject(root) => write!(f, "mappen {} findes ikke", root.display()),
            ServeError::Bind(port, e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                write!(f, "port {port} er optaget — vælg en anden med --port, eller --port 0 for en ledig")
            }
            ServeError::Bind(port, e) => write!(f, "kan ikke lytte på port {port}: {e}"),
            ServeError::Setup(msg) => f.write_str(msg),
        }
    }
}

/// Build, serve and watch until Ctrl-C.
pub fn run(opts: &ServeOptions) -> Result<(), ServeError> {
    if !opts.root.is_dir() {
        return Err(ServeError::NoProject(opts.root.clone()));
    }
    // Loopback only: a preview may hold drafts and embargoed numbers.
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, opts.port))
        .map_err(|e| ServeError::Bind(opts.port, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Bind(opts.port, e))?;
    let server = Arc::new(http::Server::new(listener).map_err(|e| ServeError::Bind(opts.port, e))?);
    let shared = Arc::new(Shared::default());

    let mut builder = Builder::new(&opts.root, &opts.build, Arc::clone(&shared));
    builder.rebuild();
    watch::spawn(&opts.root, move |changed| {
        for path in changed {
            println!("Ændret: {}", path.display());
        }
        builder.rebuild();
    })
    .map_err(|e| {
        ServeError::Setup(format!(
            "kan ikke holde øje med filerne i {}: {e}",
            opts.root.display()
        ))
    })?;

    {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        ctrlc::set_handler(move || {
            shared.stop();
            server.stop();
        })
        .map_err(|e| ServeError::Setup(format!("kan ikke fange Ctrl-C: {e}")))?;
    }

    println!("Forhåndsvisning på {}", url(addr));
    println!("Siden opdateres, når du gemmer en fil. Stop med Ctrl-C.");
    if !opts.build.drafts {
        println!("Udkast (draft = true) vises ikke; start med --drafts for at se dem.");
    }
    let handler = Arc::clone(&shared);
    server.run(Arc::new(move |request: &http::Request| {
        server::handle(request, &handler)
    }));
    println!("Stoppet.");
    Ok(())
}

fn url(addr: SocketAddr) -> String {
    format!("http://{}:{}/", addr.ip(), addr.port())
}

/// Runs builds and publishes their result.
struct Builder {
    root: PathBuf,
    opts: BuildOptions,
    shared: Arc<Shared>,
    /// Warnings already printed, so a rebuild only prints new ones.
    warnings: Vec<Diagnostic>,
}

impl Builder {
    fn new(root: &Path, opts: &BuildOptions, shared: Arc<Shared>) -> Self {
        Builder {
            root: root.to_path_buf(),
            opts: opts.clone(),
            shared,
            warnings: Vec::new(),
        }
    }

    fn rebuild(&mut self) {
        let start = Instant::now();
        let render = |ds: &[&Diagnostic]| -> Vec<String> {
            ds.iter().map(|d| d.render(&self.root)).collect()
        };
        match build(&self.root, &self.opts) {
            Ok(built) => {
                if built.warnings != self.warnings {
                    for w in &built.warnings {
                        eprintln!("{}", w.render(&self.root));
                    }
                    self.warnings = built.warnings.clone();
                }
                println!(
                    "Bygget: {} sider, {} grafer, {} filer på {} ms",
                    built.pages,
                    built.charts,
                    built.output.len(),
                    start.elapsed().as_millis()
                );
                let warnings = render(&built.warnings.iter().collect::<Vec<_>>());
                self.shared.publish_site(built.output, warnings);
            }
            Err(error) => {
                let (text, warnings) = match error {
                    BuildError::Problems(diags) => {
                        let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
                            diags.iter().partition(|d| d.severity == Severity::Error);
                        // A build refused for warnings alone cannot happen;
                        // should it, they are the reason and shown as such.
                        let reasons = if errors.is_empty() {
                            &warnings
                        } else {
                            &errors
                        };
                        let warnings = if errors.is_empty() {
                            Vec::new()
                        } else {
                            render(&warnings)
                        };
                        (render(reasons).join("\n"), warnings)
                    }
                    BuildError::Failed(msg) => (format!("fejl: {msg}"), Vec::new()),
                };
                eprintln!("{text}");
                for w in &warnings {
                    eprintln!("{w}");
                }
                eprintln!("Sitet kunne ikke bygges — ret fejlen, og gem filen. Indtil da vises den seneste udgave, der virkede.");
                self.shared.publish_error(text, warnings);
            }
        }
    }
}
