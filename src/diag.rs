//! Problems found in a project's files, each with the place it was found.
//!
//! Loading and checking collect every problem instead of stopping at the first;
//! the command decides what to do with them. The one-line form
//! `path:line:col: error: message` is for tools and tests; [`Diagnostic::render`]
//! adds the offending line with a caret for people.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Pos {
            path: path.into(),
            line,
            col,
        }
    }

    /// The position of byte `offset` in `text` (a file's whole content).
    pub fn at_offset(path: &Path, text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Pos::new(path, line, col)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

/// One problem in a user's file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
    /// A suggestion such as "did you mean `aarhus`?".
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.pos, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The one-line form followed by the offending source line and a caret,
    /// rustc style. `root` is where `pos.path` is relative to.
    pub fn render(&self, root: &Path) -> String {
        let mut out = self.to_string();
        // Never quote a file from outside the project, nor open a pipe.
        let readable =
            crate::load::admit(root, &self.pos.path).is_ok() && root.join(&self.pos.path).is_file();
        let text = readable
            .then(|| std::fs::read(root.join(&self.pos.path)).ok())
            .flatten()
            .map(|b| crate::load::decode_data_file(&b))
            .unwrap_or_default();
        if let Some(line) = text.lines().nth(self.pos.line.saturating_sub(1)) {
            let num = self.pos.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = line
                .chars()
                .take(self.pos.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("\n{pad} |\n{num} | {line}\n{pad} | {caret_pad}^"));
        }
        out
    }
}

/// The problems collected while loading and checking a project.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, Severity::Error, message.into(), None);
    }

    pub fn error_hint(&mut self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        self.push(pos, Severity::Error, message.into(), hint);
    }

    pub fn warning(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, Severity::Warning, message.into(), None);
    }

    pub fn warning_hint(&mut self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        self.push(pos, Severity::Warning, message.into(), hint);
    }

    fn push(&mut self, pos: Pos, severity: Severity, message: String, hint: Option<String>) {
        self.items.push(Diagnostic {
            pos,
            severity,
            message,
            hint,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// All problems, sorted by file and position so output is stable.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
}

/// "did you mean `x`?" for the closest of `candidates` to `word`, if any is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "a = 1\nbø = 2\n";
        let p = Pos::at_offset(Path::new("f.toml"), text, 10);
        assert_eq!((p.line, p.col), (2, 4));
        assert_eq!(Pos::at_offset(Path::new("f"), text, 0).line, 1);
        assert_eq!(Pos::at_offset(Path::new("f"), text, 999).line, 3);
    }

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["aarhus", "odense", "aalborg"];
        assert_eq!(
            did_you_mean("arhus", ids),
            Some("did you mean `aarhus`?".into())
        );
        assert_eq!(did_you_mean("kolding", ids), None);
    }
}
