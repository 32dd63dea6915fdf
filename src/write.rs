//! The one door to the disk. A site is written into a [`Staging`] folder
//! beside the target and swapped into place only when everything was written,
//! so a failed build never leaves a half-written site. [`Output`] is the set
//! of files: held in memory (for `serve`, `pdf`, `bundle`), or streamed into a
//! staging folder as pages are rendered (for `build`, so memory stays small).

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Marks a folder as a site maalrapport wrote, so it may be replaced.
const MARKER: &str = ".maalrapport-site";

/// A built site: relative path → bytes, in path order (deterministic). When
/// streaming, the bytes go to disk at once and only the paths are kept.
#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<PathBuf, Vec<u8>>,
    stream: Option<PathBuf>,
    /// The first error met while streaming.
    error: Option<String>,
}

impl Output {
    /// An output that writes each file below `dir` as it is added.
    pub fn streaming(dir: &Path) -> Self {
        Output {
            stream: Some(dir.to_path_buf()),
            ..Output::default()
        }
    }

    /// Add a file. Panics on an absolute path or one with `..`: ids are
    /// validated at load time, so such a path is a bug, not a user error.
    pub fn add(&mut self, rel: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) {
        let rel = rel.into();
        assert!(
            safe_relative(&rel),
            "refusing to write outside the site: {}",
            rel.display()
        );
        let bytes = bytes.into();
        match &self.stream {
            // Stopped by a signal: the staging folder is being removed.
            Some(_) if crate::cleanup::stopping() => {}
            Some(dir) => {
                let path = dir.join(&rel);
                let written = path
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&path, &bytes));
                if let (Err(e), None) = (written, &self.error) {
                    self.error = Some(format!("cannot write {}: {e}", path.display()));
                }
                self.files.insert(rel, Vec::new());
            }
            None => {
                self.files.insert(rel, bytes);
            }
        }
    }

    /// The first error met while streaming to disk, if any.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// A file's bytes (None when streamed to disk or absent).
    pub fn get(&self, rel: &Path) -> Option<&[u8]> {
        self.files
            .get(rel)
            .filter(|_| self.stream.is_none())
            .map(Vec::as_slice)
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

    /// Every file with its bytes (empty when streamed to disk).
    pub fn iter(&self) -> impl Iterator<Item = (&PathBuf, &Vec<u8>)> {
        self.files.iter()
    }

    /// Write an in-memory site to `out`, replacing an earlier site there.
    pub fn write(&self, out: &Path) -> io::Result<()> {
        let staging = Staging::new(out)?;
        self.write_all(staging.dir())?;
        staging.commit()
    }

    /// Write every file below `dir`: each folder created once, the files in
    /// parallel (creating a file costs the kernel far more than writing it).
    fn write_all(&self, dir: &Path) -> io::Result<()> {
        use rayon::prelude::*;
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

/// A temporary folder beside the target that becomes the site on
/// [`Staging::commit`] (two renames) and disappears if dropped before.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
}

impl Staging {
    /// Prepare to replace `out`, which must not exist, be empty, or be a site
    /// maalrapport wrote (never someone's own folder).
    pub fn new(out: &Path) -> io::Result<Staging> {
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
        let staging = Staging {
            out: out.to_path_buf(),
            tmp: parent.join(format!(".{name}.tmp-{}", std::process::id())),
            old: parent.join(format!(".{name}.old-{}", std::process::id())),
        };
        // What killed builds left beside the target (their PID is gone).
        crate::cleanup::remove_stale(parent, name);
        crate::cleanup::register(&staging.tmp);
        crate::cleanup::register(&staging.old);
        let _ = std::fs::remove_dir_all(&staging.tmp);
        std::fs::create_dir_all(&staging.tmp)?;
        std::fs::write(staging.tmp.join(MARKER), "")?;
        Ok(staging)
    }

    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// Swap the written folder into place of the earlier site.
    pub fn commit(self) -> io::Result<()> {
        let result = (|| {
            if self.out.exists() {
                std::fs::rename(&self.out, &self.old)?;
            }
            std::fs::rename(&self.tmp, &self.out)
        })();
        if result.is_err() && self.old.exists() && !self.out.exists() {
            let _ = std::fs::rename(&self.old, &self.out);
        }
        let _ = std::fs::remove_dir_all(&self.old);
        crate::cleanup::forget(&self.old);
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.tmp);
        crate::cleanup::forget(&self.tmp);
        crate::cleanup::forget(&self.old);
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
