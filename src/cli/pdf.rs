//! `maalrapport pdf`: build the site with links to the PDFs, print each
//! seminar report and city handout with headless Chromium, then write HTML and
//! PDFs together (or nothing).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::Args;

use super::build::BuildArgs;
use crate::pdf::{self, Chromium, Printed};
use crate::render::PdfLinks;
use crate::site::{build, default_out, BuildError, BuildOptions, Built};

#[derive(Args, Debug, Clone)]
pub struct PdfArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Print only this seminar's report and handouts (its slug); the other
    /// seminars are written without PDFs.
    #[arg(long, value_name = "SLUG")]
    pub seminar: Option<String>,
    /// Also print each short city handout's full version (definitions, all
    /// cities' tables, benchmark bars) as `<city>/fuld/<slug>-<city>-fuld.pdf`.
    #[arg(long)]
    pub full: bool,
    /// The Chromium (or Chrome) to print with (default: $CHROMIUM, else
    /// `chromium` on PATH).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
}

pub fn run(args: &PdfArgs) -> u8 {
    crate::cleanup::on_stop_signal();
    let start = Instant::now();
    let root = &args.build.root.root;
    let quiet = args.build.quiet;
    let out = args.build.out.clone().unwrap_or_else(|| default_out(root));
    if let Err(e) = crate::outpath::check_site_out(root, &out) {
        eprintln!("error: {e}");
        return 2;
    }
    // Before building: no browser, no point.
    let chromium = match Chromium::find(args.browser.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let opts = BuildOptions {
        pdf: args
            .seminar
            .clone()
            .map_or(PdfLinks::All, PdfLinks::Seminar),
        full_pdf: args.full,
        png: args.build.charts.png,
        ..args.build.embargo.options()
    };
    let mut built = match build_or_report(root, &opts, quiet) {
        Ok(b) => b,
        Err(code) => return code,
    };
    if let Some(slug) = &args.seminar {
        if built.prints.is_empty() {
            eprintln!("error: no seminar `{slug}` (content/seminars/{slug}/index.md; drafts and embargoed seminars need --drafts)");
            return 1;
        }
    }
    if !quiet {
        println!(
            "pdf: printing {} PDFs with {}, {} at a time",
            built.prints.len(),
            chromium.path.display(),
            pdf::PARALLEL
        );
    }
    let pdf_pages = AtomicUsize::new(0);
    let report = |p: &Printed| {
        pdf_pages.fetch_add(p.pages, Ordering::Relaxed);
        if !quiet {
            let width = p.total.to_string().len();
            println!(
                "pdf: [{:>width$}/{}] {} ({} pages, {} kB, {:.1} s)",
                p.done,
                p.total,
                p.job.pdf,
                p.pages,
                p.bytes.div_ceil(1024),
                p.seconds
            );
        }
    };
    let prints = std::mem::take(&mut built.prints);
    if let Err(e) = pdf::print_into(&mut built.output, &prints, &chromium, &report) {
        eprintln!("error: {e}\npdf: nothing written");
        return 2;
    }
    if let Err(e) = built.output.write(&out) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return 2;
    }
    if !quiet {
        println!(
            "pdf: {} PDFs ({} pages), {} HTML pages, {} files in {} ({:.1} s)",
            prints.len(),
            pdf_pages.into_inner(),
            built.pages,
            built.output.len(),
            out.display(),
            start.elapsed().as_secs_f64()
        );
    }
    0
}

/// Build, printing problems and warnings the way `build` does; the exit code on failure.
pub(super) fn build_or_report(
    root: &std::path::Path,
    opts: &BuildOptions,
    quiet: bool,
) -> Result<Built, u8> {
    match build(root, opts) {
        Ok(b) => {
            if !quiet {
                for w in &b.warnings {
                    eprintln!("{}", w.render(root));
                }
            }
            Ok(b)
        }
        Err(BuildError::Problems(diags)) => {
            for d in &diags {
                eprintln!("{}", d.render(root));
            }
            eprintln!(
                "nothing written — fix the problems above (maalrapport check lists them all)"
            );
            Err(1)
        }
        Err(BuildError::Failed(msg)) => {
            eprintln!("error: {msg}");
            Err(2)
        }
    }
}
