//! The command line: parse, dispatch, turn errors into a message and an exit
//! code (0 ok, 1 problems in the user's files, 2 internal or environment failure).

mod build;
mod bundle;
mod check;
mod diff;
mod import;
mod init;
mod new;
mod pdf;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::model::Date;

#[derive(Parser, Debug)]
#[command(
    name = "maalrapport",
    version,
    about = "Rapporter om sociale mål: seminarrapporter, byhandouts og indikatorsider som statisk site"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build the site into --out (default <root>/site).
    Build(build::BuildArgs),
    /// Validate every data and content file; report every problem.
    Check(check::CheckArgs),
    /// List what changed in the data since an earlier edition (a git ref or a folder).
    ///
    /// Shows raw figures as they stand in the data files, before disclosure
    /// control: counts the site withholds appear here too. The output is for
    /// the analyst's own use; do not publish it.
    Diff(diff::DiffArgs),
    /// Show how a data file would be read: its first observations and every problem.
    Import(import::ImportArgs),
    /// Create a new project with a small working example in DIR.
    Init(init::InitArgs),
    /// Create a seminar or a commentary file with the right front matter.
    New(new::NewArgs),
    /// Preview the site on 127.0.0.1, rebuilt and reloaded on every change.
    Serve(serve::ServeArgs),
    /// Build the site and print each seminar report and city handout to PDF with headless Chromium.
    Pdf(pdf::PdfArgs),
    /// Pack one seminar (report, handouts, PDFs, indicator pages) into a self-contained zip.
    Bundle(bundle::BundleArgs),
}

/// `--root DIR`, shared by every subcommand.
#[derive(Args, Debug, Clone)]
pub struct RootArgs {
    /// The project folder.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// `--drafts` and `--as-of`: what may be published, shared by every command that builds.
#[derive(Args, Debug, Clone)]
pub struct EmbargoArgs {
    /// Include drafts and embargoed seminars, marked "UDKAST".
    #[arg(long)]
    pub drafts: bool,
    /// Reference date for embargo, YYYY-MM-DD (default: the config's `as_of`).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
}

impl EmbargoArgs {
    /// Build options with these settings.
    pub fn options(&self) -> crate::site::BuildOptions {
        crate::site::BuildOptions {
            drafts: self.drafts,
            as_of: self.as_of,
            ..Default::default()
        }
    }
}

/// `--png`: what else the charts come as, shared by every command that writes a site.
#[derive(Args, Debug, Clone)]
pub struct ChartArgs {
    /// Also write every chart as a PNG (2×, for slides) beside its SVG
    /// (as `[charts] png = true` in maalrapport.toml).
    #[arg(long)]
    pub png: bool,
}

/// Parse a `--as-of` date.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
}

/// Run the command line and return the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Init(args) => init::run(&args),
        Command::New(args) => new::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Pdf(args) => pdf::run(&args),
        Command::Bundle(args) => bundle::run(&args),
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
