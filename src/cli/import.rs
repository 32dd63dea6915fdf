//! `maalrapport import FILE`: how one data file would be read — its first
//! observations as the tool sees them and every problem — so a source
//! description can be written by trial. Writes nothing.

use std::path::PathBuf;

use clap::Args;

use super::RootArgs;
use crate::diag::Severity;

#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The data file (.csv, .xlsx, .xls, .ods or JSON-stat .json); a source
    /// description `<name>.toml` beside it is used.
    file: PathBuf,
    /// How many observations to show.
    #[arg(long, default_value_t = 20)]
    rows: usize,
    #[command(flatten)]
    root: RootArgs,
}

pub fn run(args: &ImportArgs) -> u8 {
    let preview = crate::load::preview::preview(&args.root.root, &args.file);
    let shown = preview.rows.len().min(args.rows);
    println!(
        "{:<28} {:<24} {:<10} {:<9} {:>7} {:>7} {:>9} {:>5} flag",
        "sted", "indikator", "by", "periode", "tæller", "nævner", "værdi", "n"
    );
    let num = |v: Option<u64>| v.map_or("–".to_owned(), |v| v.to_string());
    for r in &preview.rows[..shown] {
        let o = &r.observation;
        let indicator = match &r.group {
            Some(g) => format!("{}/{g}", r.indicator),
            None => r.indicator.clone(),
        };
        println!(
            "{:<28} {:<24} {:<10} {:<9} {:>7} {:>7} {:>9} {:>5} {}",
            r.pos.to_string(),
            indicator,
            r.city,
            r.period,
            num(o.numerator),
            num(o.denominator),
            o.value
                .map_or("–".to_owned(), |v| v.to_string().replace('.', ",")),
            num(o.n),
            o.flag
                .map_or("–".to_owned(), |f| format!("{f:?}").to_lowercase()),
        );
    }
    let errors = preview.diags.count(Severity::Error);
    let warnings = preview.diags.count(Severity::Warning);
    for d in preview.diags.sorted() {
        eprintln!("{}", d.render(&preview.base));
    }
    println!(
        "import: {} observation(s) read{}; {errors} error(s), {warnings} warning(s)",
        preview.rows.len(),
        if shown < preview.rows.len() {
            format!(", the first {shown} shown (--rows)")
        } else {
            String::new()
        }
    );
    u8::from(errors > 0)
}
