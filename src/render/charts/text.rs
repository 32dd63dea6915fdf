//! Measuring and fitting text without a font: estimated widths, truncation
//! with "…" and word wrapping (with Danish compounds broken where a reader
//! expects), shared by every chart kind.

use std::collections::VecDeque;

/// Estimated advance width of `text` at `size`, in user units.
///
/// No font is loaded (charts must build without system fonts), so this uses
/// coarse per-character widths of DejaVu Sans, the widest common sans-serif;
/// estimates therefore err on the wide side for Arial/Helvetica.
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | '/' => 0.38,
            'm' | 'w' | 'M' | 'W' | 'æ' | 'Æ' | '%' | '–' => 0.92,
            '0'..='9' => 0.64,
            c if c.is_uppercase() => 0.72,
            _ => 0.6,
        })
        .sum();
    em * size
}

/// Shortens `text` with a trailing "…" until it fits in `max_width`.
pub(super) fn truncate(text: &str, size: f64, max_width: f64) -> String {
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let budget = max_width - text_width("…", size);
    let mut width = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        width += text_width(c.encode_utf8(&mut [0; 4]), size);
        if width > budget {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// Word-wraps `text` into lines no wider than `max` at `size`. A word may
/// break after one of its hyphens to fill a line ("Housing First-|principperne");
/// a word wider than a line is split by [`split_word`]. After `max_lines`
/// lines the text is cut with "…".
pub(super) fn wrap(text: &str, size: f64, max: f64, max_lines: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut words: VecDeque<String> = text.split_whitespace().map(String::from).collect();
    while let Some(word) = words.pop_front() {
        if !line.is_empty() {
            let joined = format!("{line} {word}");
            if text_width(&joined, size) <= max {
                line = joined;
                continue;
            }
            if let Some((head, tail)) = hyphen_break(&line, &word, size, max) {
                lines.push(format!("{line} {head}"));
                line.clear();
                words.push_front(tail.to_string());
                continue;
            }
            lines.push(std::mem::take(&mut line));
        }
        let mut pieces = split_word(&word, size, max);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.pop().unwrap_or_default();
        lines.push(truncate(&format!("{last}…"), size, max));
    }
    lines
}

/// The longest part of `word` up to one of its hyphens that still fits
/// after `line`, and the rest. Both parts must be long enough to read
/// ("First-|principperne", not "6-|byerne").
fn hyphen_break<'w>(line: &str, word: &'w str, size: f64, max: f64) -> Option<(&'w str, &'w str)> {
    word.match_indices('-')
        .rev()
        .map(|(i, _)| word.split_at(i + 1))
        .find(|(head, tail)| {
            head.chars().count() > 4
                && tail.chars().count() >= 3
                && text_width(&format!("{line} {head}"), size) <= max
        })
}

/// Splits one word into pieces that each fit in `max`: first after its own
/// hyphens ("First-|principperne"), then anywhere, adding a hyphen.
fn split_word(word: &str, size: f64, max: f64) -> Vec<String> {
    if text_width(word, size) <= max {
        return vec![word.to_string()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for segment in word.split_inclusive('-') {
        let joined = format!("{current}{segment}");
        if text_width(&joined, size) <= max {
            current = joined;
            continue;
        }
        if !current.is_empty() {
            pieces.push(std::mem::take(&mut current));
        }
        let mut parts = hard_split(segment, size, max);
        current = parts.pop().unwrap_or_default();
        pieces.extend(parts);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Cuts a word into pieces that fit in `max`, each but the last ending in
/// "-". Every piece holds at least one character.
fn hard_split(word: &str, size: f64, max: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest: Vec<char> = word.chars().collect();
    while rest.len() > 1 && text_width(&rest.iter().collect::<String>(), size) > max {
        let head: String = rest.drain(..break_at(&rest, size, max)).collect();
        pieces.push(format!("{head}-"));
    }
    pieces.push(rest.into_iter().collect());
    pieces
}

/// Where to cut an over-long word (`chars.len() >= 2`): after the last
/// linking "s" of a Danish compound that fits ("beskæftigelses-|indsats"),
/// else as late as fits while leaving a few letters for the next line.
fn break_at(chars: &[char], size: f64, max: f64) -> usize {
    const MIN_PIECE: usize = 3;
    let fits = |k: usize| {
        let head: String = chars[..k].iter().collect();
        text_width(&format!("{head}-"), size) <= max
    };
    let fit = (1..chars.len())
        .take_while(|&k| fits(k))
        .last()
        .unwrap_or(1);
    let linking = (MIN_PIECE + 2..=fit).rev().find(|&k| {
        chars[k - 1] == 's'
            && chars[k - 2] != 's'
            && chars.len() - k > MIN_PIECE
            && chars[k].is_alphabetic()
            && chars[k] != 's'
    });
    linking.unwrap_or_else(|| fit.min(chars.len().saturating_sub(MIN_PIECE)).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: f64 = 12.0;

    #[test]
    fn wrap_keeps_every_word_and_fits_the_width() {
        let text = "Housing First-principperne og beskæftigelsesindsatsbekendtgørelsen \
                    gælder for alle";
        let max = 100.0;
        let lines = wrap(text, SIZE, max, 12);
        assert!(lines.len() >= 4, "{lines:?}");
        for line in &lines {
            assert!(text_width(line, SIZE) <= max, "{line:?}");
        }
        assert!(lines.iter().any(|l| l.ends_with("First-")), "{lines:?}");
        let joined: String = lines
            .iter()
            .map(|l| {
                l.strip_suffix('-')
                    .filter(|_| !l.ends_with("First-"))
                    .unwrap_or(l)
            })
            .map(|l| {
                if l.ends_with('-') {
                    l.to_string()
                } else {
                    format!("{l} ")
                }
            })
            .collect();
        let squeezed = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squeezed(&joined), squeezed(text));
        let many = wrap(&"ord ".repeat(500), SIZE, max, 12);
        assert_eq!(many.len(), 12);
        assert!(many[12 - 1].ends_with('…'));
        assert!(wrap("", SIZE, max, 12).is_empty());
        assert_eq!(wrap("x", SIZE, 1.0, 12), ["x"]);
    }
}
