//! Size checks before calamine reads an .ods or .xls workbook, which it does
//! whole. In .ods, `table:number-rows-repeated` and
//! `table:number-columns-repeated` let a file of a few hundred bytes declare
//! billions of filled cells; in .xls, calamine reserves memory for the cells
//! a sheet's DIMENSIONS record declares (a forged record asked for 44 TB and
//! aborted the process). Both are counted first, and a file beyond
//! [`super::sheet::MAX_CELLS`] is refused before anything is allocated.

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

/// The most bytes of an .xls file read for the check.
const MAX_XLS: u64 = 256 * 1024 * 1024;

/// Err with a message when a sheet of the .xls workbook declares more than
/// [`MAX_CELLS`] cells (or an impossible range), or the file is no
/// compound document with a workbook stream.
pub fn check_xls(path: &Path) -> Result<(), String> {
    let len = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if len > MAX_XLS {
        return Err(format!(
            "the file is larger than {} MB: a table of indicator data is far smaller",
            MAX_XLS / 1024 / 1024
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let stream = Cfb::new(&bytes)
        .and_then(|c| c.workbook())
        .ok_or("not an Excel 97-2003 workbook (no readable Workbook stream)")?;
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let size = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data = stream.get(at + 4..at + 4 + size).unwrap_or(&[]);
        if typ == 0x0200 {
            let (r0, r1, c0, c1) = match data.len() {
                14.. => (le32(data, 0), le32(data, 4), le16(data, 8), le16(data, 10)),
                10.. => (le16(data, 0), le16(data, 2), le16(data, 4), le16(data, 6)),
                _ => return Err("a sheet's DIMENSIONS record is damaged".to_owned()),
            };
            // Rows and columns given as first and one-past-last.
            let cells = u64::from(r1.saturating_sub(r0)) * u64::from(c1.saturating_sub(c0));
            if r1 < r0 || c1 < c0 || cells > MAX_CELLS {
                return Err(format!(
                    "a sheet declares rows {r0}-{r1} and columns {c0}-{c1} ({cells} cells), more than {MAX_CELLS}: open it in Excel or LibreOffice, delete stray cells far from the table and save it as .xlsx"
                ));
            }
        }
        at += 4 + size;
    }
    Ok(())
}

fn le16(b: &[u8], at: usize) -> u32 {
    u32::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Just enough of the compound file format ([MS-CFB]) to find one stream.
struct Cfb<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

impl<'a> Cfb<'a> {
    fn new(bytes: &'a [u8]) -> Option<Cfb<'a>> {
        if bytes.get(..8)? != b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" || bytes.len() < 512 {
            return None;
        }
        let shift = le16(bytes, 0x1E);
        if !(7..=16).contains(&shift) {
            return None;
        }
        let mut cfb = Cfb {
            bytes,
            shift,
            fat: Vec::new(),
        };
        // The FAT's own sectors (as many as the header says, never more than
        // the file has): 109 in the header, the rest in the DIFAT chain.
        let sectors = bytes.len() >> shift;
        let wanted = le32(bytes, 0x2C) as usize;
        if wanted > sectors {
            return None;
        }
        let mut fat_sectors: Vec<u32> = (0..109.min(wanted))
            .map(|i| le32(bytes, 0x4C + 4 * i))
            .collect();
        let per = (1usize << shift) / 4;
        let mut difat = le32(bytes, 0x44);
        let mut steps = 0;
        while fat_sectors.len() < wanted {
            steps += 1;
            if steps > sectors {
                return None;
            }
            let sector = cfb.sector(difat)?;
            let room = wanted - fat_sectors.len();
            fat_sectors.extend((0..(per - 1).min(room)).map(|i| le32(sector, 4 * i)));
            difat = le32(sector, 4 * (per - 1));
        }
        let mut fat = Vec::new();
        for s in fat_sectors {
            let sector = cfb.sector(s)?;
            fat.extend((0..per).map(|i| le32(sector, 4 * i)));
        }
        cfb.fat = fat;
        Some(cfb)
    }

    fn sectors(&self) -> usize {
        self.bytes.len() >> self.shift
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let size = 1usize << self.shift;
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The bytes of a chain of sectors from `start`, through the FAT.
    fn chain<'b>(
        &self,
        start: u32,
        fat: &[u32],
        read: impl Fn(u32) -> Option<&'b [u8]>,
        limit: usize,
    ) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0;
        while s != END_OF_CHAIN {
            out.extend_from_slice(read(s)?);
            s = *fat.get(s as usize)?;
            steps += 1;
            if steps > limit {
                return None; // a loop: no chain is longer than the sectors there are
            }
        }
        Some(out)
    }

    /// The `Workbook` (BIFF8) or `Book` (BIFF5) stream.
    fn workbook(&self) -> Option<Vec<u8>> {
        let dir = self.chain(
            le32(self.bytes, 0x30),
            &self.fat,
            |s| self.sector(s),
            self.sectors(),
        )?;
        let entry = |i: usize| dir.get(i * 128..(i + 1) * 128);
        let root = entry(0)?;
        let name_of = |e: &[u8]| {
            let len = (le16(e, 64) as usize).min(64).saturating_sub(2);
            let units: Vec<u16> = e[..len]
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        };
        let found = (0..dir.len() / 128)
            .filter_map(entry)
            .find(|e| e[66] == 2 && matches!(name_of(e).as_str(), "Workbook" | "Book"))?;
        let (start, size) = (le32(found, 116), le32(found, 120) as usize);
        let mut data = if size < le32(self.bytes, 0x38) as usize {
            // A small stream lies in the mini stream, in 64-byte mini sectors.
            let mini_stream = self.chain(
                le32(root, 116),
                &self.fat,
                |s| self.sector(s),
                self.sectors(),
            )?;
            let minifat_bytes = self.chain(
                le32(self.bytes, 0x3C),
                &self.fat,
                |s| self.sector(s),
                self.sectors(),
            )?;
            let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
                .map(|i| le32(&minifat_bytes, 4 * i))
                .collect();
            let mini = 1usize << le16(self.bytes, 0x20).min(16);
            let minis = mini_stream.len() / mini;
            self.chain(
                start,
                &minifat,
                |s| {
                    let at = (s as usize).checked_mul(mini)?;
                    mini_stream.get(at..at.checked_add(mini)?)
                },
                minis,
            )?
        } else {
            self.chain(start, &self.fat, |s| self.sector(s), self.sectors())?
        };
        data.truncate(size);
        Some(data)
    }
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

    proptest::proptest! {
        /// Whatever a forged compound file holds, the check ends without panic.
        #[test]
        fn forged_compound_files_end(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 512..4096), fat in 0u32..4, dir in 0u32..8) {
            let mut b = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
            b.resize(512, 0);
            b[0x1E] = 9;
            b[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes());
            b[0x30..0x34].copy_from_slice(&dir.to_le_bytes());
            b[0x44..0x48].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
            b[0x4C..0x50].copy_from_slice(&fat.to_le_bytes());
            b.extend(body);
            let _ = Cfb::new(&b).and_then(|c| c.workbook());
        }
    }

    #[test]
    fn not_a_compound_file() {
        assert!(Cfb::new(b"PK\x03\x04").is_none());
        let mut header = vec![0u8; 1024];
        header[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        header[0x1E] = 9;
        header[0x2C] = 1;
        // A FAT sector pointing past the end, a directory loop: no stream, no panic.
        header[0x4C..0x50].copy_from_slice(&7u32.to_le_bytes());
        assert!(Cfb::new(&header).is_none());
        header[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes());
        header[512..516].copy_from_slice(&0u32.to_le_bytes());
        assert!(Cfb::new(&header).and_then(|c| c.workbook()).is_none());
    }

    #[test]
    fn repeats_are_counted_without_expanding_them() {
        let small = br#"<table:table><table:table-row><table:table-cell office:value-type="float"/><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16379"/></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#;
        assert_eq!(cells_in_largest_sheet(small), 5);
        let huge = br#"<table:table><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert!(cells_in_largest_sheet(huge) > MAX_CELLS);
    }
}
