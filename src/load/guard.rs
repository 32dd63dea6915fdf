//! Files from the project only. Everything maalrapport reads — data,
//! content, templates, the stylesheet — must really lie inside the project
//! folder: a symbolic link is followed when its target is inside, and refused
//! (an error naming it) when it leads outside, so `templates/assets/style.css
//! -> /etc/passwd` cannot publish that file. Whatever is skipped (a broken
//! link, a link loop, a pipe or device) is reported, never dropped in silence.

use std::path::{Path, PathBuf};

/// Why a file is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Leads outside the project: an error.
    Outside(String),
    /// Cannot be read as a file (broken link, loop, not a regular file): skipped with a warning.
    Skipped(String),
}

impl Refusal {
    pub fn message(&self) -> &str {
        match self {
            Refusal::Outside(m) | Refusal::Skipped(m) => m,
        }
    }
}

/// The project root with symlinks resolved (the root itself may be one).
pub(crate) fn real_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// Whether `root/rel` may be read: its real location (every symlink on the
/// way resolved) is a regular file inside the real project root. A path
/// that does not exist is admitted: reading it reports that.
pub(crate) fn admit(root: &Path, rel: &Path) -> Result<(), Refusal> {
    let path = root.join(rel);
    let shown = rel.display();
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(());
    }
    let real = match std::fs::canonicalize(&path) {
        Ok(p) => p,
        Err(e) => {
            return Err(Refusal::Skipped(format!(
                "`{shown}` is a symbolic link that leads to no file ({e}): skipped; point it at a file in the project, or remove it"
            )))
        }
    };
    if !real.starts_with(real_root(root)) {
        return Err(Refusal::Outside(format!(
            "`{shown}` is a symbolic link to {}, outside the project folder: refused (maalrapport reads only files inside the project; copy the file in instead)",
            real.display()
        )));
    }
    match std::fs::metadata(&real) {
        Ok(m) if m.is_file() || m.is_dir() => Ok(()),
        Ok(_) => Err(Refusal::Skipped(format!(
            "`{shown}` is not a regular file (a pipe, socket or device): skipped"
        ))),
        Err(e) => Err(Refusal::Skipped(format!(
            "`{shown}` cannot be read ({e}): skipped"
        ))),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_are_followed_outside_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("data/a.csv"), "x").unwrap();
        std::fs::write(dir.path().join("secret"), "x").unwrap();
        symlink(root.join("data/a.csv"), root.join("data/b.csv")).unwrap();
        symlink(dir.path().join("secret"), root.join("data/c.csv")).unwrap();
        symlink(root.join("nowhere"), root.join("data/d.csv")).unwrap();
        symlink(dir.path(), root.join("up")).unwrap();
        assert_eq!(admit(&root, Path::new("data/a.csv")), Ok(()));
        assert_eq!(admit(&root, Path::new("data/b.csv")), Ok(()));
        assert_eq!(admit(&root, Path::new("missing.toml")), Ok(()));
        assert!(
            matches!(admit(&root, Path::new("data/c.csv")), Err(Refusal::Outside(m)) if m.contains("data/c.csv"))
        );
        assert!(matches!(
            admit(&root, Path::new("up/secret")),
            Err(Refusal::Outside(_))
        ));
        assert!(matches!(
            admit(&root, Path::new("data/d.csv")),
            Err(Refusal::Skipped(_))
        ));
    }
}
