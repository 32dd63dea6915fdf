//! `maalrapport build`: check, then write the whole site or nothing.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::RootArgs;
use crate::model::Date;
use crate::site::{build, default_out, BuildError, BuildOptions};

#[derive(Args, Debug, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Output folder (default <root>/site).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Include drafts and embargoed seminars, marked "UDKAST".
    #[arg(long)]
    pub drafts: bool,
    /// Reference date for embargo, YYYY-MM-DD (default: the config's `as_of`).
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<Date>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let root = &args.root.root;
    let opts = BuildOptions {
        drafts: args.drafts,
        as_of: args.as_of,
        ..BuildOptions::default()
    };
    let built = match build(root, &opts) {
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
    let out = args.out.clone().unwrap_or_else(|| default_out(root));
    if let Err(e) = built.output.write(&out) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return 2;
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
