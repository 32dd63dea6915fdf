//! The earlier edition `diff` compares with: another project folder, or the
//! project's `maalrapport.toml` and `data/` as committed at a git ref. A ref
//! is read with the git command line alone (`rev-parse`, `ls-tree`,
//! `cat-file`) into a temporary folder; the repository, its index and its
//! work tree are never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

/// An earlier edition ready to load.
#[derive(Debug)]
pub struct Edition {
    /// The project folder to load.
    pub root: PathBuf,
    /// Put before a file's project-relative path in messages: `HEAD:` (git's
    /// own `REF:PATH` notation) or `../sidste-aar/`.
    pub prefix: String,
    /// Removed (with the folder) when the edition is dropped.
    _temp: Option<tempfile::TempDir>,
}

/// `since` names a folder (when one exists at that path) or a git ref of the
/// repository `root` lies in. The error says why neither works.
pub fn open(root: &Path, since: &str) -> Result<Edition, String> {
    let folder = Path::new(since);
    if folder.is_dir() {
        return Ok(Edition {
            root: folder.to_path_buf(),
            prefix: format!("{}/", since.trim_end_matches('/')),
            _temp: None,
        });
    }
    let commit = resolve(root, since)?;
    let temp = tempfile::Builder::new()
        .prefix("maalrapport-diff-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    extract(root, &commit, temp.path())
        .map_err(|e| format!("cannot read `{since}` from git: {e}"))?;
    if !temp.path().join("maalrapport.toml").is_file() {
        return Err(format!(
            "`{since}` has no maalrapport.toml for this project: it predates the project, or the project lay elsewhere then"
        ));
    }
    Ok(Edition {
        root: temp.path().to_path_buf(),
        prefix: format!("{since}:"),
        _temp: Some(temp),
    })
}

/// Run git in `root`; its stdout, or its stderr as the error.
fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

/// The commit `since` names.
fn resolve(root: &Path, since: &str) -> Result<String, String> {
    let spec = format!("{since}^{{commit}}");
    let args = [
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &spec,
    ];
    match git(root, &args) {
        Ok(out) => Ok(String::from_utf8_lossy(&out).trim().to_owned()),
        Err(why) => {
            let mut msg = format!(
                "`{since}` is neither a folder nor a commit, branch or tag of the git repository at {}",
                root.display()
            );
            if !why.is_empty() {
                msg.push_str(&format!(" ({why})"));
            }
            Err(msg)
        }
    }
}

/// Write the project's `maalrapport.toml` and `data/` at `commit` into `to`.
/// The project may lie in a sub-folder of the repository.
fn extract(root: &Path, commit: &str, to: &Path) -> Result<(), String> {
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"])?)
        .trim_end_matches('\n')
        .to_owned();
    let (config, data) = (format!("{prefix}maalrapport.toml"), format!("{prefix}data"));
    let args = [
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        commit,
        "--",
        &config,
        &data,
    ];
    let listing = git(root, &args)?;
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        // "<mode> <type> <object>\t<path>"; submodules and symlinks are no data.
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let meta: Vec<&str> = meta.split(' ').collect();
        let [mode, "blob", object] = meta.as_slice() else {
            continue;
        };
        if *mode == "120000" {
            continue;
        }
        let rel = path.strip_prefix(prefix.as_str()).unwrap_or(path);
        let dest = to.join(rel);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        let bytes = git(root, &["cat-file", "blob", object])?;
        std::fs::write(&dest, bytes).map_err(|e| format!("{}: {e}", dest.display()))?;
    }
    Ok(())
}
