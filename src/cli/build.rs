//! `maalrapport build`: check, then write the whole site or nothing.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::RootArgs;
use crate::site::{build_into, default_out, BuildError, BuildOptions};
use crate::write::{Output, Staging};

#[derive(Args, Debug, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Output folder (default <root>/site).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub embargo: super::EmbargoArgs,
    #[command(flatten)]
    pub charts: super::ChartArgs,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &BuildArgs) -> u8 {
    crate::cleanup::on_stop_signal();
    let start = Instant::now();
    let root = &args.root.root;
    let bar = progress_bar(args.quiet);
    let opts = BuildOptions {
        progress: bar.clone().map(|b| {
            let tick: crate::site::Progress = std::sync::Arc::new(move |total| {
                b.set_length(total as u64);
                b.inc(1);
            });
            tick
        }),
        png: args.charts.png,
        ..args.embargo.options()
    };
    // Pages go straight into a staging folder beside --out, which replaces the
    // earlier site only when the whole build succeeded.
    let out = args.out.clone().unwrap_or_else(|| default_out(root));
    if let Err(e) = crate::outpath::check_site_out(root, &out) {
        eprintln!("error: {e}");
        return 2;
    }
    let staging = match Staging::new(&out) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            return 2;
        }
    };
    let result = build_into(root, &opts, Output::streaming(staging.dir()));
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let built = match result {
        Ok(b) => b,
        Err(BuildError::Problems(diags)) => {
            for d in &diags {
                eprintln!("{}", d.render(root));
            }
            eprintln!("build: nothing written — fix the problems above (maalrapport check lists them all)");
            return 1;
        }
        Err(BuildError::Failed(msg)) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    if !args.quiet {
        for w in &built.warnings {
            eprintln!("{}", w.render(root));
        }
    }
    // A plain build writes no PDFs: say which ones `maalrapport pdf` made
    // there before are gone, and how to make them again (never silently).
    let old_pdfs = pdfs_in(&out);
    if let Err(e) = staging.commit() {
        eprintln!("error: cannot write {}: {e}", out.display());
        return 2;
    }
    if !old_pdfs.is_empty() {
        eprintln!(
            "build: removed {} PDF{} made earlier by `maalrapport pdf` (a plain build writes none):\n  {}\nbuild: run `maalrapport pdf{}` to make them again",
            old_pdfs.len(),
            if old_pdfs.len() == 1 { "" } else { "s" },
            old_pdfs.join("\n  "),
            if old_pdfs.iter().any(|p| p.ends_with("-fuld.pdf")) {
                " --full"
            } else {
                ""
            }
        );
    }
    if !args.quiet {
        println!(
            "build: {} pages, {} charts, {} files in {} ({:.2} s)",
            built.pages,
            built.charts,
            built.output.len(),
            out.display(),
            start.elapsed().as_secs_f64()
        );
    }
    0
}

/// The PDFs in an earlier site folder, relative to it, sorted.
fn pdfs_in(out: &std::path::Path) -> Vec<String> {
    let mut pdfs: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "pdf"))
        .filter_map(|e| {
            e.path()
                .strip_prefix(out)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    pdfs.sort();
    pdfs
}

/// A progress bar on a terminal; none when quiet or when stderr is not a terminal.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} sider")
        .expect("valid template");
    bar.set_style(style);
    Some(bar)
}
