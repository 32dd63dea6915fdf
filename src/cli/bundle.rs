//! `maalrapport bundle --seminar SLUG`: one seminar as a self-contained zip.
//! PDFs go in when `--pdf` prints them now, or when `maalrapport pdf` wrote
//! them to the site folder from exactly the pages the bundle has.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use super::pdf::build_or_report;
use super::RootArgs;
use crate::bundle;
use crate::pdf::{self, Chromium, Printed};
use crate::render::{PdfLinks, PrintJob};
use crate::site::{default_out, BuildOptions, Built};

#[derive(Args, Debug, Clone)]
pub struct BundleArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// The seminar (its slug: the folder name under content/seminars/).
    #[arg(long, value_name = "SLUG")]
    pub seminar: String,
    /// The zip to write (default <root>/<SLUG>.zip).
    #[arg(long, value_name = "FILE.zip")]
    pub out: Option<PathBuf>,
    /// Print the PDFs now with Chromium (else they are taken from --site when
    /// `maalrapport pdf` made them from the same pages, or left out).
    #[arg(long)]
    pub pdf: bool,
    /// The Chromium to print with, for --pdf (default: $CHROMIUM, else `chromium` on PATH).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// The site folder `maalrapport pdf` wrote (default <root>/site).
    #[arg(long, value_name = "DIR")]
    pub site: Option<PathBuf>,
    #[command(flatten)]
    pub embargo: super::EmbargoArgs,
    #[command(flatten)]
    pub charts: super::ChartArgs,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &BundleArgs) -> u8 {
    crate::cleanup::on_stop_signal();
    let start = Instant::now();
    let root = &args.root.root;
    let slug = &args.seminar;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join(format!("{slug}.zip")));
    if let Err(e) = crate::outpath::check_bundle_out(root, &out) {
        eprintln!("error: {e}");
        return 2;
    }
    let chromium = match args
        .pdf
        .then(|| Chromium::find(args.browser.as_deref()))
        .transpose()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // --drafts previews this seminar alone: no other draft or embargoed
    // seminar, title or figure goes into the zip.
    let mut opts = BuildOptions {
        pdf: PdfLinks::Seminar(slug.clone()),
        drafts: false,
        seminar_drafts: args.embargo.drafts.then(|| slug.clone()),
        png: args.charts.png,
        ..args.embargo.options()
    };
    let mut built = match build_or_report(root, &opts, args.quiet) {
        Ok(b) => b,
        Err(code) => return code,
    };
    if built.prints.is_empty() {
        eprintln!("error: no seminar `{slug}` (content/seminars/{slug}/index.md; drafts and embargoed seminars need --drafts)");
        return 1;
    }
    let jobs = std::mem::take(&mut built.prints);
    let pdfs = if let Some(chromium) = &chromium {
        let report = |p: &Printed| {
            if !args.quiet {
                println!(
                    "bundle: [{}/{}] {} ({} pages, {:.1} s)",
                    p.done, p.total, p.job.pdf, p.pages, p.seconds
                );
            }
        };
        if let Err(e) = pdf::print_into(&mut built.output, &jobs, chromium, &report) {
            eprintln!("error: {e}\nbundle: nothing written");
            return 2;
        }
        "printed"
    } else {
        let site = args.site.clone().unwrap_or_else(|| default_out(root));
        match current_pdfs(&built, &jobs, &site) {
            Some(files) => {
                for (path, bytes) in files {
                    built.output.add(path, bytes);
                }
                "from the site folder"
            }
            None => {
                // Without PDFs the pages must not link to them.
                opts.pdf = PdfLinks::None;
                built = match build_or_report(root, &opts, true) {
                    Ok(b) => b,
                    Err(code) => return code,
                };
                if !args.quiet {
                    eprintln!(
                        "bundle: no PDFs — none made from these pages in {} (run `maalrapport pdf` first, or add --pdf)",
                        site.display()
                    );
                }
                "none"
            }
        }
    };
    let Some(bundle) = bundle::select(&built.output, slug) else {
        eprintln!("error: no seminar `{slug}` in the built site");
        return 2;
    };
    let dangling = bundle.dangling();
    if !dangling.is_empty() {
        eprintln!(
            "error: the bundle would have broken links (a bug):\n  {}",
            dangling.join("\n  ")
        );
        return 2;
    }
    let zip = match bundle.zip(slug) {
        Ok(z) => z,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if let Err(e) = write_atomically(&out, &zip) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return 2;
    }
    if !args.quiet {
        let pages = bundle.files.keys().filter(|p| p.ends_with(".html")).count();
        println!(
            "bundle: {pages} pages, {} files, PDFs {pdfs}, {} kB in {} ({:.1} s)",
            bundle.files.len(),
            zip.len().div_ceil(1024),
            out.display(),
            start.elapsed().as_secs_f64()
        );
    }
    0
}

/// The PDFs `maalrapport pdf` left in `site`, if it printed them from exactly
/// the pages built now (same HTML, same stylesheet: it writes HTML and PDFs
/// in one go, so equal pages mean current PDFs).
fn current_pdfs(built: &Built, jobs: &[PrintJob], site: &Path) -> Option<Vec<(String, Vec<u8>)>> {
    let same = |rel: &str| {
        built
            .output
            .get(Path::new(rel))
            .is_some_and(|now| std::fs::read(site.join(rel)).is_ok_and(|disk| disk == now))
    };
    let assets: Vec<String> = built
        .output
        .iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| p.starts_with("assets/"))
        .collect();
    if !assets.iter().all(|a| same(a)) {
        return None;
    }
    jobs.iter()
        .map(|j| {
            let pdf = std::fs::read(site.join(&j.pdf)).ok()?;
            same(&j.page).then(|| (j.pdf.clone(), pdf))
        })
        .collect()
}

/// Write `bytes` to `path` through a temporary file beside it.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    if let Some(dir) = tmp.parent() {
        crate::cleanup::remove_stale(dir, &name);
    }
    crate::cleanup::register(&tmp);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    crate::cleanup::forget(&tmp);
    written
}
