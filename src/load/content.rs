//! Markdown files under `content/` with their `+++` TOML front matter.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::catalog::{stem, valid_id, ID_RULE};
use super::{de_date, de_opt_date, Files, Source, Sp};
use crate::diag::{did_you_mean, Diagnostics, Pos};
use crate::model::{Catalog, Content, Date, HandoutKind, Page, Period, Seminar, SeminarKind};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: Option<String>,
    #[serde(default)]
    draft: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeminarFront {
    title: String,
    #[serde(deserialize_with = "de_date")]
    date: Date,
    place: Option<String>,
    #[serde(default = "seminar_kind")]
    kind: SeminarKind,
    #[serde(default)]
    handout: HandoutKind,
    period: Sp<String>,
    baseline: Option<Sp<String>>,
    description: Option<String>,
    cities: Option<Vec<Sp<String>>>,
    areas: Option<Vec<Sp<String>>>,
    #[serde(default, deserialize_with = "de_opt_date")]
    publish: Option<Date>,
    #[serde(default)]
    draft: bool,
}

fn seminar_kind() -> SeminarKind {
    SeminarKind::Seminar
}

/// Split a Markdown file into its front matter (without the `+++` lines) and body.
/// Returns (front matter, body, number of lines before the body); no front
/// matter gives an empty one.
pub fn split_front_matter(text: &str) -> Result<(&str, &str, usize), String> {
    let Some(rest) = text
        .strip_prefix("+++")
        .filter(|r| r.starts_with('\n') || r.starts_with("\r\n"))
    else {
        return Ok(("", text, 0));
    };
    let rest = rest
        .trim_start_matches('\r')
        .strip_prefix('\n')
        .unwrap_or(rest);
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((front, body, front.lines().count() + 2));
        }
        offset += line.len();
    }
    Err("front matter starts with `+++` but has no closing `+++` line".to_owned())
}

/// A parsed Markdown file: its front matter as `T` and the page.
fn read_page<T: DeserializeOwned + Default>(
    files: &Files,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Option<(T, Page, Source)> {
    let text = files.read(rel, diags)?;
    let (front, body, body_line) = split_front_matter(&text)
        .map_err(|e| diags.error(Pos::new(rel, 1, 1), e))
        .ok()?;
    super::nesting::check(body, &Pos::new(rel, body_line + 1, 1), diags);
    let src = Source {
        rel: rel.to_path_buf(),
        text: front.to_owned(),
        line_offset: 1,
    };
    let meta: T = if front.trim().is_empty() {
        T::default()
    } else {
        src.parse(diags)?
    };
    let page = Page {
        title: None,
        draft: false,
        body: body.to_owned(),
        body_pos: Pos::new(rel, body_line + 1, 1),
    };
    Some((meta, page, src))
}

fn read_note(files: &Files, rel: &Path, diags: &mut Diagnostics) -> Option<Page> {
    let (front, mut page, _) = read_page::<PageFront>(files, rel, diags)?;
    page.title = front.title;
    page.draft = front.draft;
    Some(page)
}

pub(super) fn load(files: &Files, catalog: &Catalog, diags: &mut Diagnostics) -> Content {
    let mut content = Content::default();
    let mut seminar_files: BTreeMap<String, Vec<(String, &Path)>> = BTreeMap::new();
    let paths = files.list("content", "md");
    let city_ids: Vec<&str> = catalog.cities.iter().map(|c| c.id.as_str()).collect();
    let indicator_ids: Vec<&str> = catalog.indicators.iter().map(|i| i.id.as_str()).collect();
    for rel in &paths {
        let parts: Vec<&str> = rel
            .components()
            .skip(1)
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        let id = stem(rel);
        match parts.as_slice() {
            ["_index.md"] => content.front = read_note(files, rel, diags),
            ["cities", _] => {
                if let Some(i) = lookup(rel, &id, &city_ids, "city", diags) {
                    if let Some(p) = read_note(files, rel, diags) {
                        content.city_notes.insert(i, p);
                    }
                }
            }
            ["indicators", _] if catalog.is_broken_indicator(&id) => {}
            ["indicators", _] => {
                if let Some(i) = lookup(rel, &id, &indicator_ids, "indicator", diags) {
                    if let Some(p) = read_note(files, rel, diags) {
                        content.indicator_notes.insert(i, p);
                    }
                }
            }
            ["seminars", slug, rest @ ..] if !rest.is_empty() => {
                seminar_files.entry((*slug).to_owned()).or_default().push((rest.join("/"), rel.as_path()));
            }
            _ => diags.error(
                Pos::new(rel, 1, 1),
                "unexpected content file: expected content/_index.md, content/seminars/<slug>/…, content/cities/<city>.md or content/indicators/<indicator>.md",
            ),
        }
    }
    for (slug, files_of) in seminar_files {
        if let Some(s) = seminar(files, catalog, &slug, &files_of, diags) {
            content.seminars.push(s);
        }
    }
    content
        .seminars
        .sort_by(|a, b| (b.date, &a.slug).cmp(&(a.date, &b.slug)));
    content
}

/// Resolve the id a file name stands for, reporting an unknown one.
fn lookup(
    rel: &Path,
    id: &str,
    ids: &[&str],
    what: &str,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let found = ids.iter().position(|i| *i == id);
    if found.is_none() {
        let hint = did_you_mean(id, ids.iter().copied());
        diags.error_hint(
            Pos::new(rel, 1, 1),
            format!("file name names unknown {what} `{id}`"),
            hint,
        );
    }
    found
}

fn seminar(
    files: &Files,
    catalog: &Catalog,
    slug: &str,
    parts: &[(String, &Path)],
    diags: &mut Diagnostics,
) -> Option<Seminar> {
    let Some((_, index)) = parts.iter().find(|(p, _)| p == "index.md") else {
        let rel = parts[0].1;
        diags.error(
            Pos::new(rel, 1, 1),
            format!("seminar folder `{slug}` has no index.md with the seminar's front matter"),
        );
        return None;
    };
    if !valid_id(slug) {
        diags.error(
            Pos::new(index, 1, 1),
            format!("invalid seminar slug `{slug}` (the folder name): {ID_RULE}"),
        );
        return None;
    }
    let (front, mut intro, src) = read_page::<Option<SeminarFront>>(files, index, diags)?;
    let Some(front) = front else {
        diags.error(Pos::new(index, 1, 1), "a seminar's index.md needs front matter (+++ … +++) with at least title, date and period");
        return None;
    };
    intro.draft = front.draft;
    let period = |p: &Sp<String>, diags: &mut Diagnostics| {
        p.get_ref()
            .parse::<Period>()
            .map_err(|e| diags.error(src.at(p), e))
            .ok()
    };
    let resolve_all = |list: &Option<Vec<Sp<String>>>,
                       ids: Vec<&str>,
                       what: &str,
                       diags: &mut Diagnostics|
     -> Vec<usize> {
        match list {
            None => (0..ids.len()).collect(),
            Some(list) => list
                .iter()
                .filter_map(|r| {
                    let found = ids.iter().position(|i| *i == r.get_ref());
                    if found.is_none() {
                        diags.error_hint(
                            src.at(r),
                            format!("unknown {what} `{}`", r.get_ref()),
                            did_you_mean(r.get_ref(), ids.iter().copied()),
                        );
                    }
                    found
                })
                .collect(),
        }
    };
    let cities = resolve_all(
        &front.cities,
        catalog.cities.iter().map(|c| c.id.as_str()).collect(),
        "city",
        diags,
    );
    let areas = resolve_all(
        &front.areas,
        catalog.areas.iter().map(|a| a.id.as_str()).collect(),
        "area",
        diags,
    );
    let report_period = period(&front.period, diags);
    let baseline = front.baseline.as_ref().and_then(|b| period(b, diags));
    if let (Some(b), Some(p)) = (baseline, report_period) {
        if b >= p {
            diags.error(
                src.at(front.baseline.as_ref()?),
                "the baseline must lie before the seminar's period",
            );
        }
    }
    let mut seminar = Seminar {
        slug: slug.to_owned(),
        title: front.title,
        date: front.date,
        place: front.place,
        kind: front.kind,
        handout: front.handout,
        period: report_period?,
        period_pos: src.at(&front.period),
        baseline,
        description: front.description,
        cities,
        areas,
        publish: front.publish,
        draft: front.draft,
        intro,
        indicator_notes: BTreeMap::new(),
        city_notes: BTreeMap::new(),
    };
    let city_ids: Vec<&str> = catalog.cities.iter().map(|c| c.id.as_str()).collect();
    let indicator_ids: Vec<&str> = catalog.indicators.iter().map(|i| i.id.as_str()).collect();
    for (part, rel) in parts {
        let id = stem(rel);
        let target = if part == "index.md" {
            continue;
        } else if part.starts_with("cities/") && part.matches('/').count() == 1 {
            lookup(rel, &id, &city_ids, "city", diags).map(|i| (&mut seminar.city_notes, i))
        } else if !part.contains('/') && catalog.is_broken_indicator(&id) {
            None
        } else if !part.contains('/') {
            lookup(rel, &id, &indicator_ids, "indicator", diags)
                .map(|i| (&mut seminar.indicator_notes, i))
        } else {
            diags.error(Pos::new(*rel, 1, 1), "unexpected file in a seminar folder: expected <indicator-id>.md or cities/<city-id>.md");
            None
        };
        if let (Some((map, i)), Some(page)) = (target, read_note(files, rel, diags)) {
            map.insert(i, page);
        }
    }
    Some(seminar)
}
