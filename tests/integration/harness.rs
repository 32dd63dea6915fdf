//! A small fluent harness: a project in a temp dir, built from the shipped
//! example or from scratch, and the `maalrapport` binary run on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A project folder in a temporary directory.
pub struct Project {
    dir: tempfile::TempDir,
}

/// The repository root (where the shipped example lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copy a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl Project {
    /// An empty folder.
    pub fn empty() -> Self {
        Project {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A copy of the shipped example (`maalrapport.toml`, `data/`, `content/`).
    pub fn example() -> Self {
        let p = Project::empty();
        std::fs::copy(
            repo().join("maalrapport.toml"),
            p.path().join("maalrapport.toml"),
        )
        .unwrap();
        copy_dir(&repo().join("data"), &p.path().join("data"));
        copy_dir(&repo().join("content"), &p.path().join("content"));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write (or overwrite) a file, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Append to a file.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let mut s = self.read(rel);
        s.push_str(text);
        self.write(rel, &s)
    }

    /// Write raw bytes (e.g. a file that is not UTF-8), creating folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Replace `from` by `to` in a file. `from` must occur exactly once, so a
    /// test can never silently edit nothing (or the wrong place).
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{rel} should contain {from:?} exactly once"
        );
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.path().join(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
        self
    }

    /// Run `maalrapport <args…> --root <this project>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_maalrapport"))
            .args(args)
            .arg("--root")
            .arg(self.path())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The result of one run of the binary.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Assert the exit code, showing the output when it differs.
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Assert that stderr has a line starting with `prefix` (e.g. "data/x.csv:3:5: error: unknown city").
    pub fn error_line(&self, prefix: &str) -> &Self {
        assert!(
            self.stderr.lines().any(|l| l.starts_with(prefix)),
            "no stderr line starting with {prefix:?}\nstderr:\n{}",
            self.stderr
        );
        self
    }

    /// The one-line diagnostics of one severity (`"error"`, `"warning"`) on
    /// stderr: lines of the form `path:line:col: <severity>: message`.
    pub fn diagnostics(&self, severity: &str) -> Vec<&str> {
        let marker = format!(": {severity}: ");
        self.stderr
            .lines()
            .filter(|l| l.find(&marker).is_some_and(|at| is_place(&l[..at])))
            .collect()
    }

    /// Assert that the errors are exactly these, in this order: each line of
    /// `expected` is a prefix of the corresponding error line.
    pub fn errors(&self, expected: &[&str]) -> &Self {
        self.assert_diagnostics("error", expected)
    }

    /// Like [`Run::errors`], for warnings.
    pub fn warnings(&self, expected: &[&str]) -> &Self {
        self.assert_diagnostics("warning", expected)
    }

    fn assert_diagnostics(&self, severity: &str, expected: &[&str]) -> &Self {
        let found = self.diagnostics(severity);
        let matches = found.len() == expected.len()
            && found.iter().zip(expected).all(|(f, e)| f.starts_with(e));
        assert!(
            matches,
            "expected {severity}s (as prefixes):\n{}\n\nfound:\n{}\n\nstderr:\n{}",
            expected.join("\n"),
            found.join("\n"),
            self.stderr
        );
        self
    }

    pub fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }
}

/// Whether `s` is `path:line:col`: a path without spaces, a numeric line and column.
fn is_place(s: &str) -> bool {
    let mut parts = s.rsplitn(3, ':');
    let mut number = || {
        parts
            .next()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let (col, line) = (number(), number());
    let path = parts.next().unwrap_or_default();
    col && line && !path.is_empty() && !path.contains(' ')
}
