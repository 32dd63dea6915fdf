//! A bounded mutation fuzzer for the files people edit by hand: the values
//! CSV, the TOML files and Markdown front matter of the `init` project are
//! mutated at random (bytes flipped, hostile tokens inserted — stray quotes,
//! bare CRs, `nan`, deep `>` nesting, `+++` — lines cut and doubled) and
//! loaded in-process, then built when they load cleanly. Each target runs for
//! a fixed time (`MAALRAPPORT_FUZZ_SECS`, default 2 s) with a fixed seed
//! sequence, so `cargo test` stays short and a failure names the seed that
//! reproduces it. The property: never a panic, and every problem points
//! into a file of the project at a line that exists.

use std::path::Path;
use std::time::{Duration, Instant};

use maalrapport::diag::Severity;
use maalrapport::site::{build, BuildOptions};

use crate::harness::{copy_dir, repo, Project};

/// xorshift64*: small, fast and deterministic; no crate needed.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that broke (or could break) readers before.
const HOSTILE: &[&str] = &[
    "\"",
    "\"\"",
    "\r",
    "\r\n",
    "\n",
    ",",
    ";",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "=",
    "+++",
    "\u{feff}",
    "\u{0}",
    "é",
    "Ø",
    "{{",
    "}}",
    "{{ value(indicator=\"x\") }}",
    "[",
    "]",
    "'",
    "\\",
    "-1",
    "99999999999999999999",
    "2099-99-99",
    "javascript:x",
    "<img src=//x>",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] = (rng.next() & 0xff) as u8;
            }
            1 | 2 => {
                let token = HOSTILE[rng.below(HOSTILE.len())];
                bytes.splice(at..at, token.bytes());
            }
            3 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let depth = 1 + rng.below(3000);
                bytes.splice(at..at, std::iter::repeat_n(b'>', depth));
            }
            _ => {
                // Double a line.
                let start = bytes[..at]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = bytes[at..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |i| at + i + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
        }
    }
    bytes
}

/// Seconds per fuzz target: `MAALRAPPORT_FUZZ_SECS`, default 2.
fn budget() -> f64 {
    std::env::var("MAALRAPPORT_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0)
}

/// A copy of the project `maalrapport init` writes.
fn init_project() -> Project {
    let p = Project::empty();
    copy_dir(&repo().join("src/cli/init"), p.path());
    p
}

/// Mutate `rel` of the init project again and again for the time budget.
fn fuzz(rel: &str) {
    let (secs, p) = (budget(), init_project());
    let seed = std::fs::read(p.path().join(rel)).unwrap();
    let start = Instant::now();
    let mut cases = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (cases + 1).wrapping_mul(0x1000_0000_01B3));
        let bytes = mutate(&mut rng, &seed);
        std::fs::write(p.path().join(rel), &bytes).unwrap();
        let outcome = std::panic::catch_unwind(|| check_case(p.path(), true));
        if let Err(e) = outcome {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!(
                "{rel}: case {cases} failed: {msg}\ninput:\n{}",
                String::from_utf8_lossy(&bytes)
            );
        }
        cases += 1;
    }
    assert!(cases > 0);
    eprintln!("fuzz {rel}: {cases} cases in {secs} s, no crash");
}

/// Load (and, when clean and asked, build) the project; every problem must
/// have a place.
fn check_case(root: &Path, and_build: bool) {
    let (project, diags) = maalrapport::load::load(root);
    let failed = diags.has_errors();
    for d in diags.sorted() {
        let file = root.join(&d.pos.path);
        if d.severity == Severity::Error && file.is_file() {
            let lines = std::fs::read(&file)
                .map(|b| b.iter().filter(|c| **c == b'\n').count() + 1)
                .unwrap_or(1);
            assert!(
                d.pos.line >= 1 && d.pos.line <= lines + 1 && d.pos.col >= 1,
                "{d} points outside {} ({lines} lines)",
                d.pos.path.display()
            );
        }
    }
    if and_build && project.is_some() && !failed {
        let opts = BuildOptions {
            drafts: true,
            ..BuildOptions::default()
        };
        let _ = build(root, &opts);
    }
}

#[test]
fn fuzz_values_csv() {
    fuzz("data/values/eksempel.csv");
}

#[test]
fn fuzz_indicator_toml() {
    fuzz("data/indicators/ung-kriminalitet.toml");
}

#[test]
fn fuzz_config_toml() {
    fuzz("maalrapport.toml");
}

#[test]
fn fuzz_front_matter() {
    fuzz("content/seminars/udvalgsseminar-2016/index.md");
}

/// Random workbooks: a header that is partly right, cells of every type
/// (numbers huge and tiny, hostile text, dates, booleans, formulas) at random
/// places up to the sheet's last cell XFD1048576, one to three sheets; and
/// the bytes of such a workbook damaged. Loading must never abort, whatever
/// the sheet's declared dimensions (loaded only: the CSV target builds).
#[test]
fn fuzz_values_xlsx() {
    use rust_xlsxwriter::{ExcelDateTime, Workbook};
    let (secs, p) = (budget(), init_project());
    let file = p.path().join("data/values/fuzz.xlsx");
    const HEADER: &[&str] = &[
        "indicator",
        "city",
        "period",
        "numerator",
        "denominator",
        "value",
        "n",
        "flag",
        "note",
        "indikator",
        "kommune",
        "periode",
        "værdi",
        "x",
    ];
    let start = Instant::now();
    let mut cases = 0u64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03 ^ (cases + 1).wrapping_mul(0x1000_0000_01B3));
        let mut book = Workbook::new();
        for _ in 0..1 + rng.below(3) {
            let sheet = book.add_worksheet();
            for c in 0..1 + rng.below(8) {
                let _ = sheet.write_string(0, c as u16, HEADER[rng.below(HEADER.len())]);
            }
            // At most one far cell per sheet: writing one is slow.
            let mut far = rng.below(4) == 0;
            for _ in 0..rng.below(30) {
                let (row, col) = if std::mem::take(&mut far) {
                    (
                        1_048_575 - rng.below(3) as u32,
                        16_383 - rng.below(3) as u16,
                    )
                } else {
                    (1 + rng.below(20) as u32, rng.below(10) as u16)
                };
                let _ = match rng.below(6) {
                    0 => sheet.write_number(row, col, (rng.next() % 2000) as f64 - 50.0),
                    1 => sheet.write_number(row, col, f64::from_bits(rng.next())),
                    2 => sheet.write_string(row, col, HOSTILE[rng.below(HOSTILE.len())]),
                    3 => sheet.write_string(
                        row,
                        col,
                        ["ung-kriminalitet", "aarhus", "2014", "2014K2"][rng.below(4)],
                    ),
                    4 => {
                        sheet.write_datetime(row, col, ExcelDateTime::from_ymd(2014, 1, 1).unwrap())
                    }
                    _ => sheet.write_boolean(row, col, rng.below(2) == 0),
                };
            }
        }
        let mut bytes = book.save_to_buffer().unwrap();
        if rng.below(3) == 0 {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] = (rng.next() & 0xff) as u8;
            }
        }
        std::fs::write(&file, &bytes).unwrap();
        if std::panic::catch_unwind(|| check_case(p.path(), false)).is_err() {
            let keep = std::env::temp_dir().join(format!("maalrapport-fuzz-{cases}.xlsx"));
            let _ = std::fs::write(&keep, &bytes);
            panic!(
                "fuzz.xlsx: case {cases} failed; the workbook is kept at {}",
                keep.display()
            );
        }
        cases += 1;
    }
    assert!(cases > 0);
    eprintln!("fuzz xlsx: {cases} cases in {secs} s, no crash");
}
