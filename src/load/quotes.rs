//! Quotes that change what a CSV file says. A stray `"` at the start of a
//! field opens a quoted field that the csv reader happily runs on to the next
//! `"` — or to the end of the file — swallowing every row in between into one
//! cell. Only free-text columns (`note`, `source`) may hold a line break, and
//! even there a quoted field must not swallow lines that are rows of their
//! own. Each such quote is an error at the line where it opened.

use std::path::Path;

use super::table::Cell;
use crate::diag::{Diagnostics, Pos};

/// Columns whose quoted text may run over a line end.
const MULTILINE: [&str; 2] = ["note", "source"];

/// A quoted field that runs over at least one line end.
#[derive(Debug, PartialEq, Eq)]
struct Span {
    /// 1-based line and character column of the opening quote (in `body`).
    line: usize,
    col: usize,
    /// The field's index in its record.
    field: usize,
    /// The lines the field ran over after its first, as text.
    swallowed: Vec<String>,
    /// False when the file ended before the closing quote.
    closed: bool,
}

/// Check the quoting of a CSV body (CRLF already turned into LF), whose
/// header row is `header`. `skipped` lines came before the body (a `sep=`
/// line). Returns false when a quote made the file unreadable.
pub(super) fn check(
    body: &str,
    delim: u8,
    header: &[Cell],
    rel: &Path,
    skipped: usize,
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    let fields = header.len();
    for span in spans(body, delim) {
        let pos = Pos::new(rel, span.line + skipped, span.col);
        let column = header
            .get(span.field)
            .map(|c| c.text.to_ascii_lowercase())
            .unwrap_or_default();
        let rows_inside = span
            .swallowed
            .iter()
            .filter(|l| fields > 1 && delimiters(l, delim) + 1 >= fields)
            .count();
        // The header row itself: only its own line may count.
        let in_header = header.first().is_some_and(|c| c.pos.line == pos.line);
        if !span.closed {
            diags.error_hint(
                pos,
                format!(
                    "the quote `\"` opened here is never closed: the rest of the file ({} line(s)) would be read as one field",
                    span.swallowed.len()
                ),
                Some("close the quote, or write a literal quote as `\"\"` inside a quoted field".into()),
            );
            ok = false;
        } else if in_header || !MULTILINE.contains(&column.as_str()) {
            let what = if column.is_empty() {
                format!("field {}", span.field + 1)
            } else {
                format!("column `{column}`")
            };
            diags.error_hint(
                pos,
                format!(
                    "the quoted field opened here runs over {} line end(s), which {what} does not allow: only `note` and `source` may hold line breaks",
                    span.swallowed.len()
                ),
                Some("close the quote on the same line, or remove the stray `\"`".into()),
            );
            ok = false;
        } else if rows_inside > 0 {
            diags.error_hint(
                pos,
                format!(
                    "the quoted `{column}` opened here swallows {rows_inside} line(s) that look like rows of their own (with {fields} fields): the quote changes the number of rows"
                ),
                Some("close the quote where the note ends, or write a literal quote as `\"\"`".into()),
            );
            ok = false;
        }
    }
    ok
}

/// How many `delim` characters outside quotes a line has.
fn delimiters(line: &str, delim: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b if b == delim && !quoted => n += 1,
            _ => {}
        }
    }
    n
}

/// Every quoted field that runs over a line end (or is never closed), read
/// the way the csv crate reads it: a `"` opens a quoted field only at the
/// start of a field, `""` inside one is a literal quote, and text after the
/// closing quote continues the field unquoted. A bare CR ends a line as LF does.
fn spans(body: &str, delim: u8) -> Vec<Span> {
    let mut out = Vec::new();
    let (mut line, mut col) = (1usize, 0usize);
    let mut field = 0;
    let mut at_start = true;
    let mut open: Option<Span> = None;
    let mut chars = body.chars().peekable();
    while let Some(ch) = chars.next() {
        col += 1;
        let newline = ch == '\n' || ch == '\r';
        if newline {
            line += 1;
            col = 0;
        }
        if let Some(span) = open.as_mut() {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    col += 1;
                }
                '"' => {
                    let span = open.take().expect("open span");
                    if !span.swallowed.is_empty() {
                        out.push(span);
                    }
                    at_start = false;
                }
                _ if newline => span.swallowed.push(String::new()),
                c => {
                    if let Some(last) = span.swallowed.last_mut() {
                        last.push(c);
                    }
                }
            }
            continue;
        }
        match ch {
            '"' if at_start => {
                open = Some(Span {
                    line,
                    col,
                    field,
                    swallowed: Vec::new(),
                    closed: true,
                });
            }
            _ if newline => {
                field = 0;
                at_start = true;
            }
            c if c as u32 == u32::from(delim) => {
                field += 1;
                at_start = true;
            }
            _ => at_start = false,
        }
    }
    if let Some(mut span) = open {
        span.closed = false;
        out.push(span);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_over_line_ends() {
        let s = spans("a,\"b\nc\",d\n\"x\",\"y\"\"\"\n", b',');
        assert_eq!(
            s,
            vec![Span {
                line: 1,
                col: 3,
                field: 1,
                swallowed: vec!["c".into()],
                closed: true
            }]
        );
        let s = spans("a;b\n1;\"x;2\n3;4\n", b';');
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].line, s[0].col, s[0].field, s[0].closed),
            (2, 3, 1, false)
        );
        assert_eq!(s[0].swallowed, vec!["3;4".to_string(), String::new()]);
        // A quote inside an unquoted field is text.
        assert!(spans("a,b\"c\nd,e\n", b',').is_empty());
    }

    #[test]
    fn counts_delimiters_outside_quotes() {
        assert_eq!(delimiters("a,\"b,c\",d", b','), 2);
    }
}
