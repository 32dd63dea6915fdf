//! `maalrapport init DIR`: a new project folder holding a small working
//! example — three cities, one area, one goal, a share and a count, a values
//! CSV and a seminar with commentary — that `maalrapport build` turns into a
//! site at once. The files are embedded from `src/cli/init/`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::RootArgs;

/// The starter project: (path in the new folder, content).
pub const FILES: &[(&str, &str)] = &[
    ("maalrapport.toml", include_str!("init/maalrapport.toml")),
    ("README.md", include_str!("init/README.md")),
    (".gitignore", include_str!("init/gitignore")),
    ("data/network.toml", include_str!("init/data/network.toml")),
    ("data/areas.toml", include_str!("init/data/areas.toml")),
    ("data/goals.toml", include_str!("init/data/goals.toml")),
    (
        "data/indicators/ung-kriminalitet.toml",
        include_str!("init/data/indicators/ung-kriminalitet.toml"),
    ),
    (
        "data/indicators/ung-kriminalitet-antal.toml",
        include_str!("init/data/indicators/ung-kriminalitet-antal.toml"),
    ),
    (
        "data/values/eksempel.csv",
        include_str!("init/data/values/eksempel.csv"),
    ),
    ("content/_index.md", include_str!("init/content/_index.md")),
    (
        "content/seminars/udvalgsseminar-2016/index.md",
        include_str!("init/content/seminars/udvalgsseminar-2016/index.md"),
    ),
    (
        "content/seminars/udvalgsseminar-2016/ung-kriminalitet.md",
        include_str!("init/content/seminars/udvalgsseminar-2016/ung-kriminalitet.md"),
    ),
];

#[derive(Args, Debug, Clone)]
pub struct InitArgs {
    /// The folder to create; it must be new or empty (hidden entries such as
    /// `.git` are allowed). Default: --root.
    #[arg(value_name = "DIR", conflicts_with = "root")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub root: RootArgs,
}

pub fn run(args: &InitArgs) -> u8 {
    let dir = args.dir.as_ref().unwrap_or(&args.root.root);
    match occupant(dir) {
        Ok(None) => {}
        Ok(Some(name)) => {
            eprintln!(
                "error: {} is not empty (it holds `{name}`): init writes a new project only into an empty or new folder",
                dir.display()
            );
            return 1;
        }
        Err(e) => {
            eprintln!("error: cannot use {}: {e}", dir.display());
            return 1;
        }
    }
    for (rel, text) in FILES {
        if rel.starts_with('.') && dir.join(rel).exists() {
            continue; // a hidden file the folder already had (e.g. .gitignore) stays
        }
        if let Err(e) = write_new(&dir.join(rel), text) {
            eprintln!("error: cannot write {}: {e}", dir.join(rel).display());
            return 2;
        }
    }
    println!("init: a new project with example data in {}", dir.display());
    println!(
        "next: maalrapport build --root {}   (then open site/index.html)",
        dir.display()
    );
    0
}

/// The first visible entry of `dir`, if any; a missing folder is empty, a
/// file in its place is an error.
fn occupant(dir: &Path) -> std::io::Result<Option<String>> {
    if !dir.exists() {
        return Ok(None);
    }
    if !dir.is_dir() {
        return Err(std::io::Error::other("it is a file, not a folder"));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    Ok(names.into_iter().next())
}

/// Create a file that must not exist yet, with its folders.
pub(crate) fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}
