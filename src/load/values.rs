//! `data/values/`: observations, validated row by row. Every table (a CSV
//! file, a sheet, JSON-stat; long or wide; described or not) arrives here as a long
//! [`Table`]; this is the one place rows become observations.

use super::describe;
use super::places::{Places, Unresolved};
use super::sheet::shift_decimal;
use super::table::{parse_number, Cell, Decimal, Frequency, Rules, Table};
use super::Files;
use crate::diag::{did_you_mean, Diagnostics, Pos};
use crate::model::{
    Catalog, Date, Flag, Indicator, Measure, ObsKey, Observation, Observations, Period, Place,
};
use std::collections::BTreeMap;

/// The columns a values table may have, in the documented order.
pub const COLUMNS: [&str; 14] = [
    "indicator",
    "city",
    "period",
    "numerator",
    "denominator",
    "value",
    "n",
    "flag",
    "note",
    "source",
    "published",
    "group",
    "previous",
    "embargo",
];
const REQUIRED: [&str; 3] = ["indicator", "city", "period"];
/// A share's `value` may differ this much (pct.-points) from numerator/denominator.
const SHARE_TOLERANCE: f64 = 0.05;
/// No count of persons or events in municipal data comes near this. Larger
/// numbers are typos, and would overflow sums and stall the exact Poisson
/// interval (its cost grows with the square root of the count).
const MAX_COUNT: f64 = 1e9;

pub(super) fn load(
    files: &Files,
    catalog: &Catalog,
    places: &Places,
    diags: &mut Diagnostics,
) -> Observations {
    let mut obs = Observations::default();
    let paths = super::sources::data_files(files, diags);
    for table in super::sources::data_tables(files, &paths, diags) {
        read_table(&table, catalog, places, &mut obs, diags);
    }
    obs
}

/// Which column index holds which known column.
fn columns(table: &Table, diags: &mut Diagnostics) -> Option<BTreeMap<&'static str, usize>> {
    let mut map = BTreeMap::new();
    if describe::is_statistikbanken(&table.header)
        && super::header::canonical(&table.header[0].text).is_none()
    {
        diags.error(
            table.header[0].pos.clone(),
            format!(
                "this looks like a table from Statistikbanken (its header ends in `INDHOLD`): say which indicator it holds and which values to keep in a source description {} beside it; `maalrapport new source {}` writes a first one",
                table.rel.with_extension("toml").display(),
                table.rel.display()
            ),
        );
        return None;
    }
    if let Some(real) = super::header::title_above(table) {
        let first = table
            .header
            .iter()
            .find(|c| !c.text.is_empty())
            .unwrap_or(&table.header[0]);
        diags.error(
            first.pos.clone(),
            format!(
                "`{}` looks like a title above the header, which is at line {}: delete the rows above the header, or describe the file in a source description beside it (`header = {}`, see docs/input-formats.md)",
                first.text, real.line, real.line
            ),
        );
        return None;
    }
    let mut ok = true;
    for (i, cell) in table.header.iter().enumerate() {
        let name = cell.text.to_lowercase();
        match super::header::canonical(&name) {
            Some(c) if map.insert(c, i).is_some() => {
                diags.error(cell.pos.clone(), format!("duplicate column `{name}`"));
                ok = false;
            }
            Some(_) => {}
            None => {
                let hint = did_you_mean(&name, COLUMNS);
                diags.error_hint(
                    cell.pos.clone(),
                    format!(
                        "unknown column `{}`: expected the header `{}` (or the Danish names indikator, kommune, periode, tæller, nævner, værdi …), or a source description beside the file that maps its columns",
                        cell.text,
                        COLUMNS.join(",")
                    ),
                    hint,
                );
                ok = false;
            }
        }
    }
    for req in REQUIRED {
        if !map.contains_key(req) {
            let pos = table
                .header
                .first()
                .map_or(Pos::new(&table.rel, 1, 1), |c| c.pos.clone());
            diags.error(
                pos,
                format!(
                    "missing column `{req}`: expected the header `{}`, or a wide table: {}",
                    COLUMNS.join(","),
                    super::wide::WIDE_HEADER
                ),
            );
            ok = false;
        }
    }
    ok.then_some(map)
}

pub(super) fn read_table(
    table: &Table,
    catalog: &Catalog,
    places: &Places,
    obs: &mut Observations,
    diags: &mut Diagnostics,
) {
    let Some(cols) = columns(table, diags) else {
        return;
    };
    let indicator_ids: Vec<&str> = catalog.indicators.iter().map(|i| i.id.as_str()).collect();
    for row in &table.rows {
        if too_many_fields(row, table.header.len(), diags) {
            continue;
        }
        let row = Row {
            cells: row,
            cols: &cols,
            decimal: table.decimal,
            rules: &table.rules,
            end: row
                .last()
                .map_or(Pos::new(&table.rel, 1, 1), |c| c.pos.clone()),
        };
        if row.is_missing() {
            continue; // `..`: not reported or confidential, no observation
        }
        let Some((key, o)) = row.parse(catalog, &indicator_ids, places, diags) else {
            continue;
        };
        let pos = o.pos.clone();
        if let Some(slug) = row.get("embargo") {
            if super::valid_id(&slug.text) {
                obs.embargo_for(key, slug.text.clone(), slug.pos.clone());
            } else {
                diags.error(
                    slug.pos.clone(),
                    format!(
                        "invalid `embargo` `{}`: expected a seminar's folder name ({})",
                        slug.text,
                        super::ID_RULE
                    ),
                );
                continue;
            }
        }
        if let Some(earlier) = obs.insert(key, o) {
            diags.error(pos, format!("duplicate observation: the same indicator, city, period and group is already given at {}", earlier.pos));
        }
    }
}

/// Extra fields mean the columns have shifted (typically a decimal comma in
/// a `,` file: `8,2` becomes value 8 and n 2); no cell of the row can be
/// trusted, so it is reported and skipped.
pub(super) fn too_many_fields(row: &[Cell], header_len: usize, diags: &mut Diagnostics) -> bool {
    let Some(extra) = row.get(header_len) else {
        return false;
    };
    diags.error(
        extra.pos.clone(),
        format!(
            "this row has {} fields but the header has {header_len}: a decimal comma in a `,`-separated file? Write the number with a decimal point (8.2), put it in quotes (\"8,2\"), or save the file `;`-separated",
            row.len(),
        ),
    );
    true
}

struct Row<'a> {
    cells: &'a [Cell],
    cols: &'a BTreeMap<&'static str, usize>,
    decimal: Decimal,
    rules: &'a Rules,
    end: Pos,
}

/// The figures of a row: a missing marker in any of them makes the row no observation.
const FIGURES: [&str; 4] = ["numerator", "denominator", "value", "n"];

impl Row<'_> {
    /// Whether a figure is marked missing (`..`, or the description's `missing`).
    fn is_missing(&self) -> bool {
        FIGURES.iter().filter_map(|f| self.get(f)).any(|c| {
            if self.rules.missing.is_empty() {
                c.text == ".."
            } else {
                self.rules.missing.contains(&c.text)
            }
        })
    }

    /// The trimmed text of a column, None when absent or empty.
    fn get(&self, col: &str) -> Option<&Cell> {
        self.cols
            .get(col)
            .and_then(|&i| self.cells.get(i))
            .filter(|c| !c.text.is_empty())
    }

    /// Where the row stands: its indicator cell, or — when the indicator is a
    /// source description's constant — its first cell in the data file.
    fn row_pos(&self) -> Pos {
        let at = self.pos("indicator");
        if at.path.extension().is_some_and(|e| e == "toml") {
            let first = self
                .cells
                .iter()
                .filter(|c| c.pos.path != at.path)
                .min_by_key(|c| (c.pos.line, c.pos.col));
            if let Some(c) = first {
                return c.pos.clone();
            }
        }
        at
    }

    fn pos(&self, col: &str) -> Pos {
        self.cols
            .get(col)
            .and_then(|&i| self.cells.get(i))
            .map_or_else(|| self.end.clone(), |c| c.pos.clone())
    }

    fn number(&self, col: &str, diags: &mut Diagnostics) -> Result<Option<f64>, ()> {
        let Some(cell) = self.get(col) else {
            return Ok(None);
        };
        let percent = self.rules.percent.contains(&col) && !cell.text.ends_with('%');
        let text = cell.text.trim_end_matches('%').trim_end();
        match cell.number.or_else(|| parse_number(text, self.decimal)) {
            // A fraction (0,085) in a column declared `percent`: 8,5 pct., shifted exactly.
            Some(v) if percent => Ok(shift_decimal(&v.to_string(), 2).parse().ok()),
            Some(v) => Ok(Some(v)),
            None => {
                let example = self.decimal.example();
                diags.error(
                    cell.pos.clone(),
                    format!(
                        "invalid number `{}` in column `{col}`: expected e.g. {example}",
                        cell.text
                    ),
                );
                Err(())
            }
        }
    }

    /// A non-negative whole number (a count of persons).
    fn count(&self, col: &str, diags: &mut Diagnostics) -> Result<Option<u64>, ()> {
        let Some(v) = self.number(col, diags)? else {
            return Ok(None);
        };
        if v < 0.0 {
            diags.error(
                self.pos(col),
                format!("negative count {v} in column `{col}`: counts cannot be below 0"),
            );
            Err(())
        } else if v.fract() != 0.0 {
            diags.error(
                self.pos(col),
                format!("`{col}` must be a whole number of persons, found {v}"),
            );
            Err(())
        } else if v > MAX_COUNT {
            diags.error(
                self.pos(col),
                format!("implausible count {v} in column `{col}`: expected at most {MAX_COUNT}"),
            );
            Err(())
        } else {
            Ok(Some(v as u64))
        }
    }

    /// The row's place; Err(true) for a row of a place outside the network
    /// that the description says to skip (no message), Err(false) when reported.
    fn place(&self, places: &Places, diags: &mut Diagnostics) -> Result<Place, bool> {
        let Some(cell) = self.get("city") else {
            diags.error(self.pos("city"), "missing city in column `city`");
            return Err(false);
        };
        match places.resolve(&cell.text, self.rules.cities) {
            Ok(p) => Ok(p),
            Err(Unresolved::Unknown) if self.rules.skip_other_places => Err(true),
            Err(Unresolved::Unknown) => {
                let hint = did_you_mean(&cell.text, places.hint_ids.iter().map(String::as_str));
                diags.error_hint(
                    cell.pos.clone(),
                    format!(
                        "unknown city `{}`: expected a city's id, kommunekode or name from data/network.toml (or `national`/\"Hele landet\"); add another spelling to the city's `aliases`, or skip places outside the network with `other_places = \"skip\"` in a source description",
                        cell.text
                    ),
                    hint,
                );
                Err(false)
            }
            Err(Unresolved::Ambiguous(ids)) => {
                diags.error(
                    cell.pos.clone(),
                    format!(
                        "`{}` matches several cities: {}; write the city's id or kommunekode instead",
                        cell.text,
                        ids.join(", ")
                    ),
                );
                Err(false)
            }
        }
    }

    /// The row's period; a date (a date cell) by the described frequency.
    fn period(&self, diags: &mut Diagnostics) -> Option<Period> {
        let Some(c) = self.get("period") else {
            diags.error(self.pos("period"), "missing period in column `period`");
            return None;
        };
        let date = c.text.parse::<Date>().ok();
        match (date, self.rules.frequency) {
            (Some(d), Some(f)) => Some(date_period(d, f)),
            (Some(_), None) => {
                diags.error(
                    c.pos.clone(),
                    format!(
                        "the period `{}` is a date: say what it stands for with `frequency = \"year\"` (or \"half\", \"quarter\", \"month\") in a source description, or write the period as text (`2016`, `2016-Q1`)",
                        c.text
                    ),
                );
                None
            }
            (None, _) => c
                .text
                .parse::<Period>()
                .map_err(|e| diags.error(c.pos.clone(), e))
                .ok(),
        }
    }

    fn parse(
        &self,
        catalog: &Catalog,
        indicator_ids: &[&str],
        places: &Places,
        diags: &mut Diagnostics,
    ) -> Option<(ObsKey, Observation)> {
        // A row of an indicator whose file could not be read: that file's error says it all.
        if self
            .get("indicator")
            .is_some_and(|c| catalog.is_broken_indicator(&c.text))
        {
            return None;
        }
        let errors_before = diags.count(crate::diag::Severity::Error);
        let place = match self.place(places, diags) {
            Err(true) => return None,
            p => p.ok(),
        };
        let lookup =
            |col: &str, ids: &[&str], what: &str, diags: &mut Diagnostics| -> Option<usize> {
                let Some(cell) = self.get(col) else {
                    diags.error(self.pos(col), format!("missing {what} in column `{col}`"));
                    return None;
                };
                let found = ids.iter().position(|i| *i == cell.text);
                if found.is_none() {
                    let hint = did_you_mean(&cell.text, ids.iter().copied());
                    diags.error_hint(
                        cell.pos.clone(),
                        format!("unknown {what} `{}`", cell.text),
                        hint,
                    );
                }
                found
            };
        let indicator = lookup("indicator", indicator_ids, "indicator", diags);
        let period = self.period(diags);
        let ind = indicator.map(|i| &catalog.indicators[i]);
        let group = match (self.get("group"), ind) {
            (Some(cell), Some(ind)) => {
                let ids: Vec<&str> = ind.groups.iter().map(|g| g.id.as_str()).collect();
                let found = ids.iter().position(|g| *g == cell.text);
                if found.is_none() {
                    let msg = if ids.is_empty() {
                        format!(
                            "indicator `{}` declares no groups, but this row has group `{}`",
                            ind.id, cell.text
                        )
                    } else {
                        format!(
                            "unknown group `{}` for indicator `{}`: expected one of {}",
                            cell.text,
                            ind.id,
                            ids.join(", ")
                        )
                    };
                    diags.error_hint(
                        cell.pos.clone(),
                        msg,
                        did_you_mean(&cell.text, ids.iter().copied()),
                    );
                }
                found.map(Some)
            }
            _ => Some(None),
        };
        let obs = self.observation(diags).ok()?;
        if let Some(ind) = ind {
            self.validate(ind, &obs, diags);
            self.validate_previous(ind, &obs, diags);
        }
        if diags.count(crate::diag::Severity::Error) > errors_before {
            return None;
        }
        Some(((indicator?, group?, place?, period?), obs))
    }

    fn observation(&self, diags: &mut Diagnostics) -> Result<Observation, ()> {
        let numerator = self.count("numerator", diags);
        let denominator = self.count("denominator", diags);
        let value = self.number("value", diags);
        let n = self.count("n", diags);
        let flag = match self.get("flag") {
            None => Ok(None),
            Some(c) => Flag::parse(&c.text).map(Some).ok_or_else(|| {
                diags.error(
                    c.pos.clone(),
                    format!(
                        "unknown flag `{}`: expected `provisional`, `break` or `partial`",
                        c.text
                    ),
                );
            }),
        };
        let previous = self.number("previous", diags);
        let published = match self.get("published") {
            None => Ok(None),
            Some(c) => parse_published(&c.text)
                .map(Some)
                .map_err(|e| diags.error(c.pos.clone(), e)),
        };
        let text = |col| self.get(col).map(|c| c.text.clone());
        Ok(Observation {
            numerator: numerator?,
            denominator: denominator?,
            value: value?,
            n: n?,
            flag: flag?,
            note: text("note"),
            source: text("source"),
            published: published?,
            previous: previous?,
            pos: self.row_pos(),
        })
    }

    /// Measure-specific rules.
    fn validate(&self, ind: &Indicator, o: &Observation, diags: &mut Diagnostics) {
        let err = |col: &str, msg: String, diags: &mut Diagnostics| diags.error(self.pos(col), msg);
        match ind.measure {
            Measure::Share => match (o.numerator, o.denominator, o.value) {
                (Some(_), None, _) => err("denominator", format!("share indicator `{}` needs a denominator next to the numerator", ind.id), diags),
                (None, Some(_), _) => err("numerator", format!("share indicator `{}` needs a numerator next to the denominator", ind.id), diags),
                (Some(num), Some(den), v) => {
                    if num > den {
                        err("numerator", format!("numerator {num} is larger than denominator {den}"), diags);
                    } else if let (Some(v), true) = (v, den > 0) {
                        let computed = num as f64 / den as f64 * 100.0;
                        if (v - computed).abs() > SHARE_TOLERANCE {
                            err("value", format!("value {v} contradicts numerator/denominator {num}/{den} = {computed:.2} pct."), diags);
                        }
                    } else if den == 0 {
                        diags.warning(self.pos("denominator"), "zero denominator: no share can be computed for this row");
                    }
                }
                (None, None, Some(v)) if !(0.0..=100.0).contains(&v) => {
                    err("value", format!("a share is given in pct. and must lie between 0 and 100, found {v}"), diags)
                }
                (None, None, None) => err("value", format!("no figure: share indicator `{}` needs numerator and denominator, or value (pct.)", ind.id), diags),
                _ => {}
            },
            Measure::Count | Measure::Rate | Measure::Mean => {
                if o.numerator.is_some() || o.denominator.is_some() {
                    err("numerator", format!("`{}` is a {} indicator: give its figure in `value`, not numerator/denominator", ind.id, measure_name(ind.measure)), diags);
                }
                match o.value {
                    None => err("value", format!("no figure: `{}` needs a `value`", ind.id), diags),
                    Some(v) if v < 0.0 && ind.measure != Measure::Mean => {
                        err("value", format!("negative {} {v}: expected 0 or more", measure_name(ind.measure)), diags)
                    }
                    Some(v) if v > MAX_COUNT && ind.measure == Measure::Count => {
                        err("value", format!("implausible count {v}: expected at most {MAX_COUNT}"), diags)
                    }
                    _ => {}
                }
            }
        }
    }
}

impl Row<'_> {
    /// A revision (`previous`, the value as first published) needs the date
    /// it was made (`published`) and the same unit as the figure.
    fn validate_previous(&self, ind: &Indicator, o: &Observation, diags: &mut Diagnostics) {
        let Some(previous) = o.previous else {
            return;
        };
        let at = self.pos("previous");
        if o.published.is_none() {
            diags.error(at.clone(), "`previous` (the value as first published) needs the date of the revision in `published`");
        }
        if ind.measure == Measure::Share && !(0.0..=100.0).contains(&previous) {
            diags.error(at, format!("a share is given in pct.: `previous` must lie between 0 and 100, found {previous}"));
        } else if previous < 0.0 && ind.measure != Measure::Mean {
            diags.error(
                at,
                format!("negative `previous` {previous}: expected 0 or more"),
            );
        } else if current_value(ind, o).is_some_and(|v| (v - previous).abs() < 1e-9) {
            diags.warning(
                at,
                format!("`previous` {previous} equals the figure itself: nothing was revised"),
            );
        }
    }
}

/// The period a date falls in, at the given frequency.
pub(super) fn date_period(d: Date, f: Frequency) -> Period {
    let m = d.month;
    match f {
        Frequency::Year => Period::Year(d.year),
        Frequency::Half => Period::Half(d.year, if m <= 6 { 1 } else { 2 }),
        Frequency::Quarter => Period::Quarter(d.year, (m - 1) / 3 + 1),
        Frequency::Month => Period::Month(d.year, m),
    }
}

/// The figure a row gives, in the unit of `value` (pct. for shares).
fn current_value(ind: &Indicator, o: &Observation) -> Option<f64> {
    match (ind.measure, o.numerator, o.denominator) {
        (Measure::Share, Some(num), Some(den)) if den > 0 => Some(num as f64 / den as f64 * 100.0),
        _ => o.value,
    }
}

/// A release date: `2014-09-01`, or `01-09-2014` / `1.9.2014` as Danish Excel
/// writes dates into CSV.
fn parse_published(text: &str) -> Result<Date, String> {
    let bad = || format!("invalid date `{text}`: expected YYYY-MM-DD (or DD-MM-YYYY)");
    let parts: Vec<&str> = text.trim().split(['-', '.']).collect();
    let iso = match parts.as_slice() {
        [d, m, y] if y.len() == 4 && (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => text.to_owned(),
    };
    iso.parse::<Date>().map_err(|_| bad())
}

fn measure_name(m: Measure) -> &'static str {
    match m {
        Measure::Share => "share",
        Measure::Count => "count",
        Measure::Rate => "rate",
        Measure::Mean => "mean",
    }
}
