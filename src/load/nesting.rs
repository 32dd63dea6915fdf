//! A limit on how deeply Markdown may nest block quotes and lists. Parsing
//! deeply nested containers takes time that grows with the square of the
//! depth (32,000 `>` took 30 s); no commentary needs more than a few levels,
//! so a line nesting more than [`MAX_DEPTH`] is an error at its place.

use crate::diag::{Diagnostics, Pos};

/// The deepest nesting of block quotes and list items a line may open.
pub const MAX_DEPTH: usize = 32;

/// How many block quotes (`>`) and list items (`-`, `*`, `+`, `1.`, `1)`)
/// a line opens before its text, and the byte offset of the first one past
/// [`MAX_DEPTH`] (0 when there is none).
fn depth(line: &str) -> (usize, usize) {
    let b = line.as_bytes();
    let (mut depth, mut at, mut i) = (0, 0, 0);
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let start = i;
        match b.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(b.get(i + 1), Some(b' ' | b'\t') | None) => i += 1,
            Some(c) if c.is_ascii_digit() => {
                while i < b.len() && b[i].is_ascii_digit() && i - start < 9 {
                    i += 1;
                }
                if matches!(b.get(i), Some(b'.' | b')'))
                    && matches!(b.get(i + 1), Some(b' ' | b'\t') | None)
                {
                    i += 1;
                } else {
                    return (depth, at);
                }
            }
            _ => return (depth, at),
        }
        depth += 1;
        if depth == MAX_DEPTH + 1 {
            at = start;
        }
    }
}

/// Whether any line of `body` nests deeper than [`MAX_DEPTH`].
pub fn too_deep(body: &str) -> bool {
    body.lines().any(|l| depth(l).0 > MAX_DEPTH)
}

/// Report the first line of `body` (which starts at `start`) that nests too deeply.
pub(super) fn check(body: &str, start: &Pos, diags: &mut Diagnostics) {
    for (n, line) in body.lines().enumerate() {
        let (d, at) = depth(line);
        if d > MAX_DEPTH {
            let col = line[..at].chars().count() + 1;
            diags.error(
                Pos::new(&start.path, start.line + n, col),
                format!(
                    "this line nests {d} block quotes and lists: at most {MAX_DEPTH} levels are allowed (deeper Markdown takes very long to render); use fewer `>` or list markers"
                ),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_quotes_and_list_markers() {
        assert_eq!(depth("tekst").0, 0);
        assert_eq!(depth("> > citat").0, 2);
        assert_eq!(depth(">>> - 1. punkt").0, 5);
        assert_eq!(depth("-5 grader").0, 0);
        assert_eq!(depth("2014. Et år").0, 1);
        assert_eq!(depth("2014 var").0, 0);
        assert!(too_deep(&">".repeat(33)));
        assert!(!too_deep(&">".repeat(32)));
    }

    #[test]
    fn deep_input_is_checked_fast() {
        let body = format!("tekst\n{}x\n", "> ".repeat(32_000));
        let start = std::time::Instant::now();
        let mut diags = Diagnostics::default();
        check(&body, &Pos::new("a.md", 5, 1), &mut diags);
        assert!(start.elapsed().as_secs_f64() < 1.0);
        let d = diags.sorted();
        assert_eq!(d.len(), 1);
        assert!(d[0].to_string().starts_with("a.md:6:"), "{}", d[0]);
    }
}
