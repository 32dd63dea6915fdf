//! Walk a project folder and read every file into validated model types,
//! collecting all problems (with file:line:col) instead of stopping at the first.

mod catalog;
mod content;
mod finite;
#[cfg(test)]
mod props;
mod quotes;
mod sheet;
mod table;
mod values;
mod wide;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::config::Config;
use crate::diag::{Diagnostics, Pos};
use crate::model::{Date, Project};

pub use catalog::valid_id;
pub(crate) use catalog::ID_RULE;
pub use content::split_front_matter;
pub use table::decode as decode_data_file;

/// Read and validate the project in `root`. Returns the project when nothing
/// fatal was found (it may still carry errors in `Diagnostics`, e.g. a bad CSV
/// row is skipped), plus every problem found.
pub fn load(root: &Path) -> (Option<Project>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let files = Files { root };
    let config = files.toml::<Config>("maalrapport.toml", &mut diags);
    let Some(catalog) = catalog::load(&files, &mut diags) else {
        return (None, diags);
    };
    let config = config.map(|(c, src)| {
        check_compare(&c, &src, &catalog, &mut diags);
        c
    });
    // Data and content do not depend on the config: check them even when it is broken.
    let observations = values::load(&files, &catalog, &mut diags);
    let content = content::load(&files, &catalog, &mut diags);
    crate::render::check_templates(root, &mut diags);
    let Some(config) = config else {
        return (None, diags);
    };
    let project = Project {
        root: root.to_path_buf(),
        config,
        catalog,
        observations,
        content,
    };
    crate::check::check(&project, &mut diags);
    (Some(project), diags)
}

/// `[compare] with`: known words and group ids.
fn check_compare(
    config: &Config,
    src: &Source,
    catalog: &crate::model::Catalog,
    diags: &mut Diagnostics,
) {
    for w in &config.compare.with {
        let word = w.get_ref().as_str();
        match word.strip_prefix("group:") {
            Some(id) if catalog.city_group_index(id).is_none() => {
                let ids = catalog.city_groups.iter().map(|g| g.id.as_str());
                let hint = crate::diag::did_you_mean(id, ids);
                diags.error_hint(
                    src.at(w),
                    format!("unknown group `{id}` in `[compare] with`: groups are declared with `[[group]]` in data/network.toml"),
                    hint,
                );
            }
            Some(_) => {}
            None if !matches!(word, "network" | "region" | "groups" | "national") => {
                let words = ["network", "region", "groups", "national"];
                let hint = crate::diag::did_you_mean(word, words.into_iter());
                diags.error_hint(
                    src.at(w),
                    format!("unknown comparison `{word}`: expected network, region, groups, group:<id> or national"),
                    hint,
                );
            }
            None => {}
        }
    }
    let level = config.compare.level();
    if !(level > 0.5 && level < 1.0) {
        diags.error(
            src.at(&config.compare.level),
            format!("`[compare] level = {level}` must lie between 0.5 and 1 (e.g. 0.95 or 0.998)"),
        );
    }
}

/// Access to the project's files with paths relative to the root in messages.
pub(crate) struct Files<'a> {
    pub root: &'a Path,
}

impl Files<'_> {
    /// Read a file as UTF-8 text; a missing or unreadable file is an error at line 1.
    pub fn read(&self, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
        match std::fs::read(self.root.join(rel)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Some(
                    text.strip_prefix('\u{feff}')
                        .map(str::to_owned)
                        .unwrap_or(text),
                ),
                Err(e) => {
                    let (line, col) = line_col(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
                    diags.error(Pos::new(rel, line, col), "file is not valid UTF-8");
                    None
                }
            },
            Err(e) => {
                diags.error(Pos::new(rel, 1, 1), format!("cannot read file: {e}"));
                None
            }
        }
    }

    /// Read and deserialize a TOML file; the [`Source`] turns spans into positions.
    pub fn toml<T: DeserializeOwned>(
        &self,
        rel: impl AsRef<Path>,
        diags: &mut Diagnostics,
    ) -> Option<(T, Source)> {
        let src = Source {
            rel: rel.as_ref().to_path_buf(),
            text: self.read(rel.as_ref(), diags)?,
            line_offset: 0,
        };
        let value = src.parse(diags)?;
        Some((value, src))
    }

    /// Every file below `dir` (relative) with the given extension, sorted.
    pub fn list(&self, dir: &str, ext: &str) -> Vec<PathBuf> {
        let base = self.root.join(dir);
        let mut out: Vec<PathBuf> = walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case(ext))
            })
            .filter_map(|e| e.path().strip_prefix(self.root).ok().map(Path::to_path_buf))
            .collect();
        out.sort();
        out
    }
}

fn line_col(before: &[u8]) -> (usize, usize) {
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (
        line,
        String::from_utf8_lossy(&before[start..]).chars().count() + 1,
    )
}

/// TOML text with the file it came from; `line_offset` is the number of lines
/// before it in the file (front matter starts after the `+++` line).
pub(crate) struct Source {
    pub rel: PathBuf,
    pub text: String,
    pub line_offset: usize,
}

impl Source {
    /// Deserialize, reporting a syntax or schema error at its place.
    /// `nan` and `inf` are refused wherever they stand.
    pub fn parse<T: DeserializeOwned>(&self, diags: &mut Diagnostics) -> Option<T> {
        if !finite::check(self, diags) {
            return None;
        }
        match toml::from_str::<T>(&self.text) {
            Ok(v) => Some(v),
            Err(e) => {
                let at = e.span().map_or(0, |s| s.start);
                let msg = e.message().trim().replace('\n', " ");
                diags.error(self.pos(at), msg);
                None
            }
        }
    }

    /// The position of byte `at` of the text.
    pub fn pos(&self, at: usize) -> Pos {
        let mut pos = Pos::at_offset(&self.rel, &self.text, at);
        pos.line += self.line_offset;
        pos
    }

    /// The position of a spanned value.
    pub fn at<T>(&self, v: &Spanned<T>) -> Pos {
        self.pos(v.span().start)
    }
}

/// A value with where it stood in its file.
pub(crate) type Sp<T> = Spanned<T>;

/// Deserialize an optional TOML date (`2015-05-05`) into a [`Date`].
pub(crate) fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let v = Option::<toml::value::Datetime>::deserialize(d)?;
    v.map(datetime_to_date)
        .transpose()
        .map_err(serde::de::Error::custom)
}

/// Deserialize a required TOML date.
pub(crate) fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let v = toml::value::Datetime::deserialize(d)?;
    datetime_to_date(v).map_err(serde::de::Error::custom)
}

fn datetime_to_date(v: toml::value::Datetime) -> Result<Date, String> {
    match (v.date, v.time) {
        (Some(d), None) => Ok(Date {
            year: i32::from(d.year),
            month: d.month,
            day: d.day,
        }),
        _ => Err(format!("expected a date such as 2015-05-05, found `{v}`")),
    }
}
