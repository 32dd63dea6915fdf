//! `maalrapport diff --since REF|DIR`: what changed in the data since an
//! earlier edition. Raw figures on the analyst's terminal; never published.

use std::path::Path;

use clap::{Args, ValueEnum};

use super::RootArgs;
use crate::diag::Severity;
use crate::model::Project;

#[derive(Args, Debug, Clone)]
pub struct DiffArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// The earlier edition: another project folder, or a commit, branch or tag
    /// of the git repository the project is in (a folder of that name wins).
    #[arg(long, value_name = "REF|DIR")]
    pub since: String,
    /// `text` for people (Danish numbers), `csv` for tools (summary on stderr).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
}

/// Exit 0 with the differences (a difference is no error), 1 when an edition
/// has errors in its data, 2 when the earlier edition cannot be found.
pub fn run(args: &DiffArgs) -> u8 {
    let root = &args.root.root;
    let edition = match crate::diff::edition::open(root, &args.since) {
        Ok(e) => e,
        Err(msg) => {
            eprintln!("error: {msg}");
            return 2;
        }
    };
    let earlier_name = format!("the earlier edition `{}`", args.since);
    let Some(earlier) = load(&edition.root, &edition.prefix, &earlier_name) else {
        return 1;
    };
    let Some(current) = load(root, "", "the current project") else {
        return 1;
    };
    let diff = crate::diff::compare(&earlier, &current);
    match args.format {
        Format::Text => {
            print!("{}", diff.text());
            println!("{}", diff.summary());
        }
        Format::Csv => {
            print!("{}", diff.csv());
            eprintln!("{}", diff.summary());
        }
    }
    0
}

/// Load one edition. Errors in its data stop the comparison (a row that
/// could not be read would show as removed or added); content plays no part.
fn load(root: &Path, prefix: &str, name: &str) -> Option<Project> {
    let (project, diags) = crate::load::load(root);
    let errors: Vec<_> = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error && !d.pos.path.starts_with("content"))
        .collect();
    for d in &errors {
        eprintln!("{prefix}{}", d.render(root));
    }
    if errors.is_empty() && project.is_some() {
        return project;
    }
    eprintln!(
        "diff: nothing compared — {name} has {} error(s) in its data",
        errors.len()
    );
    None
}
