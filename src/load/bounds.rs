//! A size check before calamine reads an .ods workbook, which it does whole:
//! `table:number-rows-repeated` and `table:number-columns-repeated` let a
//! file of a few hundred bytes declare billions of filled cells. The cells
//! the sheets would hold are counted from `content.xml` first, and a file
//! beyond [`super::sheet::MAX_CELLS`] is refused before anything is allocated.

use std::io::Read;
use std::path::Path;

use super::sheet::MAX_CELLS;

/// The most bytes of `content.xml` read for the count (uncompressed).
const MAX_CONTENT: u64 = 256 * 1024 * 1024;

/// Err with a message when the workbook would hold more than
/// [`MAX_CELLS`] non-empty cells in one sheet, or cannot be opened as a zip.
pub fn check_ods(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| format!("not an OpenDocument file: {e}"))?;
    let entry = zip
        .by_name("content.xml")
        .map_err(|_| "not an OpenDocument spreadsheet: it has no content.xml".to_owned())?;
    let mut xml = Vec::new();
    entry
        .take(MAX_CONTENT + 1)
        .read_to_end(&mut xml)
        .map_err(|e| e.to_string())?;
    if xml.len() as u64 > MAX_CONTENT {
        return Err(format!(
            "the workbook's content is larger than {} MB: a table of indicator data is far smaller",
            MAX_CONTENT / 1024 / 1024
        ));
    }
    match cells_in_largest_sheet(&xml) {
        n if n > MAX_CELLS => Err(format!(
            "a sheet declares {n} filled cells (through repeated rows or columns), more than {MAX_CELLS}: delete the repeated cells far from the table, or save only the table"
        )),
        _ => Ok(()),
    }
}

/// The filled cells of the largest sheet, counting repeats; empty cells
/// count only when a filled cell follows them in the row (as calamine keeps them).
fn cells_in_largest_sheet(xml: &[u8]) -> u64 {
    let (mut sheet, mut largest) = (0u64, 0u64);
    let (mut row_repeat, mut row_cells, mut pending_empty) = (1u64, 0u64, 0u64);
    let mut at = 0;
    while let Some(open) = memchr(b'<', &xml[at..]) {
        let start = at + open;
        let Some(close) = memchr(b'>', &xml[start..]) else {
            break;
        };
        let tag = &xml[start + 1..start + close];
        at = start + close + 1;
        // The name ends at a space or the `/` of `<x/>`; a closing tag starts with `/`.
        let name_end = tag
            .iter()
            .skip(1)
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .map_or(tag.len(), |i| i + 1);
        match &tag[..name_end] {
            b"table:table" => sheet = 0,
            b"/table:table" => largest = largest.max(sheet),
            b"table:table-row" => {
                row_repeat = attr(tag, b"table:number-rows-repeated").unwrap_or(1);
                row_cells = 0;
                pending_empty = 0;
                if tag.ends_with(b"/") {
                    row_repeat = 1;
                }
            }
            b"/table:table-row" => {
                sheet = sheet.saturating_add(row_repeat.saturating_mul(row_cells));
                if sheet > MAX_CELLS {
                    return sheet;
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeat = attr(tag, b"table:number-columns-repeated").unwrap_or(1);
                let empty = tag.ends_with(b"/") && !contains(tag, b"office:value-type");
                if empty {
                    pending_empty = pending_empty.saturating_add(repeat);
                } else {
                    row_cells = row_cells
                        .saturating_add(pending_empty)
                        .saturating_add(repeat);
                    pending_empty = 0;
                }
            }
            _ => {}
        }
    }
    largest.max(sheet)
}

fn memchr(b: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|x| *x == b)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The number in `name="123"` within a tag.
fn attr(tag: &[u8], name: &[u8]) -> Option<u64> {
    let i = tag.windows(name.len()).position(|w| w == name)?;
    let rest = &tag[i + name.len()..];
    let rest = rest
        .strip_prefix(b"=\"")
        .or_else(|| rest.strip_prefix(b"='"))?;
    let digits: Vec<u8> = rest
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_counted_without_expanding_them() {
        let small = br#"<table:table><table:table-row><table:table-cell office:value-type="float"/><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16379"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
        assert_eq!(cells_in_largest_sheet(small), 5);
        let huge = br#"<table:table><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert!(cells_in_largest_sheet(huge) > MAX_CELLS);
    }
}
