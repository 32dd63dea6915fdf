//! Walk a project folder and read every file into validated model types,
//! collecting all problems (with file:line:col) instead of stopping at the first.

mod bounds;
mod catalog;
mod content;
mod describe;
mod encoding;
mod finite;
mod guard;
mod header;
mod jsonstat;
mod nesting;
mod places;
pub mod preview;
#[cfg(test)]
mod props;
mod quotes;
mod reshape;
mod sheet;
mod sources;
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
pub use encoding::decode as decode_data_file;
pub(crate) use guard::admit;
pub use nesting::too_deep;

/// Read and validate the project in `root`. Returns the project when nothing
/// fatal was found (it may still carry errors in `Diagnostics`, e.g. a bad CSV
/// row is skipped), plus every problem found.
pub fn load(root: &Path) -> (Option<Project>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let files = Files::new(root);
    let config = files.toml::<Config>("maalrapport.toml", &mut diags);
    let Some((catalog, aliases)) = catalog::load(&files, &mut diags) else {
        files.report_refused(&mut diags);
        return (None, diags);
    };
    let config = config.map(|(c, src)| {
        check_compare(&c, &src, &catalog, &mut diags);
        check_jump_factor(&c, &src, &mut diags);
        crate::check::config_urls(&c, &src, &mut diags);
        c
    });
    // Data and content do not depend on the config: check them even when it is broken.
    let places = places::Places::new(&catalog, &aliases);
    let observations = values::load(&files, &catalog, &places, &mut diags);
    let content = content::load(&files, &catalog, &mut diags);
    crate::render::check_templates(root, &mut diags);
    files.report_refused(&mut diags);
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
                let hint = crate::diag::did_you_mean(word, words);
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
    if crate::compute::Confidence::new(level).is_none() {
        diags.error(
            src.at(&config.compare.level),
            format!("`[compare] level = {level}` must lie strictly between 0 and 1: a proportion such as 0.95 (the default), or Fingertips' 0.998"),
        );
    }
}

/// `[check] jump_factor`: above 1, or 0 (off).
fn check_jump_factor(config: &Config, src: &Source, diags: &mut Diagnostics) {
    let factor = *config.check.jump_factor.get_ref();
    if factor != 0.0 && factor <= 1.0 {
        diags.error(
            src.at(&config.check.jump_factor),
            format!("`[check] jump_factor = {factor}` must be above 1 (e.g. 3: a figure more than three times its neighbours is warned about), or 0 to turn the rule off"),
        );
    }
}

/// Access to the project's files with paths relative to the root in messages.
/// Only files really inside the root are read (see [`guard`]).
pub(crate) struct Files<'a> {
    pub root: &'a Path,
    /// Files refused or skipped while listing, reported by [`Files::report_refused`].
    refused: std::cell::RefCell<Vec<(PathBuf, guard::Refusal)>>,
}

impl<'a> Files<'a> {
    pub fn new(root: &'a Path) -> Self {
        Files {
            root,
            refused: Default::default(),
        }
    }
}

/// A refused file as a problem: outside the project an error, else a warning.
fn report(diags: &mut Diagnostics, rel: &Path, refusal: &guard::Refusal) {
    let pos = Pos::new(rel, 1, 1);
    match refusal {
        guard::Refusal::Outside(m) => diags.error(pos, m.clone()),
        guard::Refusal::Skipped(m) => diags.warning(pos, m.clone()),
    }
}

impl Files<'_> {
    /// Read a file as UTF-8 text; a missing or unreadable file is an error at line 1.
    pub fn read(&self, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
        if let Err(refusal) = guard::admit(self.root, rel) {
            report(diags, rel, &refusal);
            return None;
        }
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

    /// Every file below `dir` (relative), sorted.
    pub fn list_all(&self, dir: &str) -> Vec<PathBuf> {
        let base = self.root.join(dir);
        let mut out: Vec<PathBuf> = walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| e.path().strip_prefix(self.root).ok().map(Path::to_path_buf))
            .collect();
        out.sort();
        out
    }

    /// Every file below `dir` (relative) with the given extension, sorted.
    /// Symlinks inside the project are followed; one leading outside, a
    /// broken one, a loop or a non-regular file is left out and reported.
    pub fn list(&self, dir: &str, ext: &str) -> Vec<PathBuf> {
        let base = self.root.join(dir);
        let rel = |p: &Path| p.strip_prefix(self.root).unwrap_or(p).to_path_buf();
        let wanted = |p: &Path| p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext));
        let mut out = Vec::new();
        let mut walk = walkdir::WalkDir::new(&base)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    // A broken link or a loop (the base folder may simply not exist).
                    if let Some(p) = e.path().filter(|p| *p != base) {
                        let why = e
                            .io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string);
                        let msg = format!("`{}` cannot be read ({why}): skipped", rel(p).display());
                        self.refuse(rel(p), guard::Refusal::Skipped(msg));
                    }
                    continue;
                }
            };
            let kind = entry.file_type();
            if entry.path_is_symlink() && (kind.is_dir() || wanted(entry.path())) {
                if let Err(refusal) = guard::admit(self.root, &rel(entry.path())) {
                    self.refuse(rel(entry.path()), refusal);
                    if kind.is_dir() {
                        walk.skip_current_dir();
                    }
                    continue;
                }
            }
            if kind.is_dir() || !wanted(entry.path()) {
                continue;
            }
            if kind.is_file() {
                out.push(rel(entry.path()));
            } else {
                let r = rel(entry.path());
                let msg = format!(
                    "`{}` is not a regular file (a pipe, socket or device): skipped",
                    r.display()
                );
                self.refuse(r, guard::Refusal::Skipped(msg));
            }
        }
        out.sort();
        out
    }

    fn refuse(&self, rel: PathBuf, refusal: guard::Refusal) {
        self.refused.borrow_mut().push((rel, refusal));
    }

    /// Report what [`Files::list`] left out.
    pub fn report_refused(&self, diags: &mut Diagnostics) {
        for (rel, refusal) in self.refused.borrow_mut().drain(..) {
            report(diags, &rel, &refusal);
        }
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
