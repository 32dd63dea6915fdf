//! The one door to the disk: a built site is a set of files in memory, written
//! to a temporary folder beside the target and swapped into place only when
//! everything was written. A failed build never leaves a half-written site.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as a site maalrapport wrote, so it may be replaced.
const MARKER: &str = ".maalrapport-site";

/// A built site: relative path → bytes, in path order (deterministic).
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl Output {
    /// Add a file. Panics on an absolute path or one with `..`: ids are
    /// validated at load time, so such a path is a bug, not a user error.
    pub fn add(&mut self, rel: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        let rel = rel.into();
        assert!(
            safe_relative(&rel),
            "refusing to write outside the site: {}",
            rel.display()
        );
        self.files.insert(rel, bytes.into());
    }

    pub fn get(&self, rel: &Path) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    pub fn contains(&self, rel: &Path) -> bool {
        self.files.contains_key(rel)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&PathBuf, &Vec<u8>)> {
        self.files.iter()
    }

    /// Write everything to `out`, replacing an earlier site there atomically
    /// (as far as the file system allows: two renames).
    pub fn write(&self, out: &Path) -> io::Result<()> {
        if out.exists() && !replaceable(out)? {
            return Err(io::Error::other(format!(
                "refusing to replace {}: it is not empty and was not written by maalrapport (no {MARKER} file)",
                out.display()
            )));
        }
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("site");
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let result = self.write_all(&tmp).and_then(|()| {
            if out.exists() {
                std::fs::rename(out, &old)?;
            }
            std::fs::rename(&tmp, out)
        });
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
            if old.exists() && !out.exists() {
                let _ = std::fs::rename(&old, out);
            }
        }
        let _ = std::fs::remove_dir_all(&old);
        result
    }

    /// Write every file below `dir`: each folder created once, the files in
    /// parallel (creating a file costs the kernel far more than writing it).
    fn write_all(&self, dir: &Path) -> io::Result<()> {
        use rayon::prelude::*;
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join(MARKER), "")?;
        let folders: std::collections::BTreeSet<&Path> =
            self.files.keys().filter_map(|rel| rel.parent()).collect();
        for folder in folders {
            std::fs::create_dir_all(dir.join(folder))?;
        }
        self.files
            .par_iter()
            .try_for_each(|(rel, bytes)| std::fs::write(dir.join(rel), bytes))
    }
}

fn replaceable(out: &Path) -> io::Result<bool> {
    Ok(out.join(MARKER).exists() || std::fs::read_dir(out)?.next().is_none())
}

/// Whether `rel` stays inside the folder it is joined to.
pub fn safe_relative(rel: &Path) -> bool {
    !rel.as_os_str().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escapes() {
        assert!(safe_relative(Path::new("a/b.html")));
        assert!(!safe_relative(Path::new("../a")));
        assert!(!safe_relative(Path::new("/etc/passwd")));
        assert!(!safe_relative(Path::new("a/../../b")));
        assert!(!safe_relative(Path::new("")));
    }

    #[test]
    fn replaces_only_its_own_sites() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut o = Output::default();
        o.add("index.html", "one");
        o.write(&out).unwrap();
        let mut o2 = Output::default();
        o2.add("index.html", "two");
        o2.write(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        let foreign = dir.path().join("home");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.docx"), "x").unwrap();
        assert!(o2.write(&foreign).is_err());
        assert!(foreign.join("thesis.docx").exists());
    }
}
