//! Where output may go. `build`/`pdf --out` and `bundle --out` never point
//! into the project's own files (`data/`, `content/`, `templates/`, the
//! project folder itself) and never at a file maalrapport did not write: a
//! site folder is replaced only when it carries the marker a build leaves
//! (see `write`), a zip only when it is a bundle written before.

use std::path::{Component, Path, PathBuf};

/// The project folders output may not go into.
const PROTECTED: [&str; 3] = ["data", "content", "templates"];

/// Every bundle carries this zip comment, so a later bundle may replace it.
pub const BUNDLE_COMMENT: &str = "maalrapport bundle";

/// `path` made absolute with symlinks resolved as far as it exists, and
/// `..` and `.` removed from the rest.
fn real(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(r) = std::fs::canonicalize(existing) {
            let mut out = r;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::Normal(n) => out.push(n),
                    _ => {}
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Whether `out` lies in the project's own files; the message says where.
fn inside_project(root: &Path, out: &Path, flag: &str) -> Result<(), String> {
    let (root_real, out_real) = (real(root), real(out));
    if root_real.starts_with(&out_real) {
        return Err(format!(
            "{flag} {} is the project folder or contains it: the output would replace your own files; choose a folder of its own, e.g. {}",
            out.display(),
            root.join("site").display()
        ));
    }
    for dir in PROTECTED {
        if out_real.starts_with(root_real.join(dir)) {
            return Err(format!(
                "{flag} {} lies inside {dir}/, the project's own files: choose a place outside data/, content/ and templates/",
                out.display()
            ));
        }
    }
    Ok(())
}

/// Check a site folder for `build`/`pdf --out`.
pub fn check_site_out(root: &Path, out: &Path) -> Result<(), String> {
    inside_project(root, out, "--out")?;
    if out.exists() && !out.is_dir() {
        return Err(format!(
            "--out {} is an existing file, not a folder: maalrapport never overwrites a file it did not write; choose a folder",
            out.display()
        ));
    }
    Ok(())
}

/// Check the zip of `bundle --out`: outside the project's files, and either
/// new or a bundle maalrapport wrote before.
pub fn check_bundle_out(root: &Path, out: &Path) -> Result<(), String> {
    inside_project(root, out, "--out")?;
    if out.is_dir() {
        return Err(format!(
            "--out {} is a folder: give the zip's file name, e.g. {}",
            out.display(),
            out.join("seminar.zip").display()
        ));
    }
    if out.exists() && !is_bundle(out) {
        return Err(format!(
            "--out {} exists and is not a bundle maalrapport wrote: it is never overwritten; choose another name or remove the file yourself",
            out.display()
        ));
    }
    Ok(())
}

/// Whether `path` is a zip that `bundle` wrote: its end-of-central-directory
/// comment, the last bytes of the file, is [`BUNDLE_COMMENT`].
fn is_bundle(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let n = BUNDLE_COMMENT.len() as i64;
    let mut tail = vec![0; BUNDLE_COMMENT.len()];
    f.seek(SeekFrom::End(-n)).is_ok()
        && f.read_exact(&mut tail).is_ok()
        && tail == BUNDLE_COMMENT.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_never_goes_into_the_project_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        std::fs::create_dir_all(root.join("data/values")).unwrap();
        std::fs::write(root.join("data/network.toml"), "x").unwrap();
        assert!(check_site_out(&root, &root.join("site")).is_ok());
        assert!(check_site_out(&root, &dir.path().join("elsewhere/site")).is_ok());
        assert!(check_site_out(&root, &root.join("data/values/site")).is_err());
        assert!(check_site_out(&root, &root.join("site/../content/x")).is_err());
        assert!(check_site_out(&root, &root).is_err());
        assert!(check_site_out(&root, dir.path()).is_err());
        assert!(check_bundle_out(&root, &root.join("data/network.toml")).is_err());
        assert!(check_bundle_out(&root, &root.join("s.zip")).is_ok());
        std::fs::write(root.join("thesis.docx"), "x").unwrap();
        assert!(check_bundle_out(&root, &root.join("thesis.docx")).is_err());
        assert!(check_site_out(&root, &root.join("thesis.docx")).is_err());
        std::fs::write(root.join("s.zip"), format!("PK...{BUNDLE_COMMENT}")).unwrap();
        assert!(check_bundle_out(&root, &root.join("s.zip")).is_ok());
    }
}
