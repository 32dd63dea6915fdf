//! `maalrapport new seminar SLUG` and `maalrapport new commentary`: create a
//! content file with the right front matter, after checking the slug and
//! every id against the project. Never overwrites a file.

mod text;

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, Subcommand};

use super::init::write_new;
use super::RootArgs;
use crate::diag::did_you_mean;
use crate::load::{valid_id, ID_RULE};
use crate::model::{Date, Observations, Period, Project};

#[derive(Args, Debug, Clone)]
pub struct NewArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand, Debug, Clone)]
enum What {
    /// A seminar (or annual report): content/seminars/SLUG/index.md.
    Seminar(SeminarArgs),
    /// Commentary on an indicator, or for a city's handout, in a seminar
    /// (without --seminar: standing commentary in content/indicators/ or content/cities/).
    Commentary(CommentaryArgs),
    /// A starting source description `<name>.toml` beside a data file, from the header found in it.
    Source(SourceArgs),
}

#[derive(Args, Debug, Clone)]
struct SourceArgs {
    /// The data file (.csv, .xlsx, .xls, .ods or JSON-stat .json).
    file: PathBuf,
    #[command(flatten)]
    root: RootArgs,
}

#[derive(Args, Debug, Clone)]
struct SeminarArgs {
    /// The seminar's id and folder name, e.g. `udvalgsseminar-2017`.
    slug: String,
    /// Title (default: "Udvalgsseminar" and the date).
    #[arg(long)]
    title: Option<String>,
    /// The meeting's date, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = super::parse_date)]
    date: Option<Date>,
    /// The latest period the report shows, e.g. `2015` or `2018-Q4` (default: the newest period in the data).
    #[arg(long, value_parser = parse_period)]
    period: Option<Period>,
    #[command(flatten)]
    root: RootArgs,
}

#[derive(Args, Debug, Clone)]
#[command(group(ArgGroup::new("about").required(true).multiple(true).args(["indicator", "city"])))]
struct CommentaryArgs {
    /// The seminar's slug.
    #[arg(long)]
    seminar: Option<String>,
    /// The indicator commented on (`<seminar>/<indicator>.md`).
    #[arg(long)]
    indicator: Option<String>,
    /// The city whose handout the commentary is for (`<seminar>/cities/<city>.md`).
    #[arg(long)]
    city: Option<String>,
    #[command(flatten)]
    root: RootArgs,
}

fn parse_period(s: &str) -> Result<Period, String> {
    s.parse()
}

/// Why nothing was created: the exit code and the message.
struct Fail(u8, String);

fn fail<T>(msg: impl Into<String>) -> Result<T, Fail> {
    Err(Fail(1, msg.into()))
}

pub fn run(args: &NewArgs) -> u8 {
    let (root, result) = match &args.what {
        What::Seminar(a) => (&a.root.root, seminar(a)),
        What::Commentary(a) => (&a.root.root, commentary(a)),
        What::Source(a) => return source(a),
    };
    let (rel, text) = match result {
        Ok(v) => v,
        Err(Fail(code, msg)) => {
            eprintln!("error: {msg}");
            return code;
        }
    };
    let path = root.join(&rel);
    if path.exists() {
        eprintln!(
            "error: {} already exists: `new` never overwrites a file",
            rel.display()
        );
        return 1;
    }
    match write_new(&path, &text) {
        Ok(()) => {
            println!("new: created {}", rel.display());
            0
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            2
        }
    }
}

/// `new source FILE`: the description is written beside the file, wherever it lies.
fn source(a: &SourceArgs) -> u8 {
    let (path, text) = match crate::load::preview::starting_description(&a.root.root, &a.file) {
        Ok(v) => v,
        Err(msg) if msg.contains(": error: ") => {
            eprintln!("{msg}"); // the file's own diagnostics, with their positions
            return 1;
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            return 1;
        }
    };
    let shown = a.file.with_extension("toml");
    if path.exists() {
        eprintln!(
            "error: {} already exists: `new` never overwrites a file",
            shown.display()
        );
        return 1;
    }
    match write_new(&path, &text) {
        Ok(()) => {
            println!(
                "new: created {}; check it, then try `maalrapport import {}`",
                shown.display(),
                a.file.display()
            );
            0
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            2
        }
    }
}

fn require_project_file(root: &Path) -> Result<(), Fail> {
    if root.join("maalrapport.toml").is_file() {
        Ok(())
    } else {
        fail(format!(
            "{} has no maalrapport.toml: run `maalrapport init` first, or pass --root",
            root.display()
        ))
    }
}

/// Load the project; its catalog must be readable (errors elsewhere, e.g. in a
/// data row, do not stop an author from adding content).
fn load(root: &Path) -> Result<Project, Fail> {
    let (project, diags) = crate::load::load(root);
    match project {
        Some(p) => Ok(p),
        None => {
            for d in diags.sorted() {
                eprintln!("{d}");
            }
            fail("cannot read the project's settings and catalog: fix the problems above (`maalrapport check` lists them all)")
        }
    }
}

fn seminar(a: &SeminarArgs) -> Result<(PathBuf, String), Fail> {
    let root = &a.root.root;
    require_project_file(root)?;
    if !valid_id(&a.slug) {
        return fail(format!("invalid seminar slug `{}`: {ID_RULE}", a.slug));
    }
    let period = match a.period {
        Some(p) => p,
        None => newest_period(&load(root)?.observations).ok_or_else(|| {
            Fail(
                1,
                "the project has no data yet: give the report's period with --period".into(),
            )
        })?,
    };
    let date = a.date.unwrap_or_else(text::today);
    let title = a
        .title
        .clone()
        .unwrap_or_else(|| format!("Udvalgsseminar {}", date.label_da()));
    let text = text::seminar(&title, date, period);
    Ok((
        PathBuf::from(format!("content/seminars/{}/index.md", a.slug)),
        text,
    ))
}

/// The newest period of any observation.
fn newest_period(obs: &Observations) -> Option<Period> {
    obs.iter().map(|(k, _)| k.3).max()
}

fn commentary(a: &CommentaryArgs) -> Result<(PathBuf, String), Fail> {
    let root = &a.root.root;
    require_project_file(root)?;
    let project = load(root)?;
    let cat = &project.catalog;
    if let Some(slug) = &a.seminar {
        let folder = root.join("content/seminars").join(slug);
        if !valid_id(slug) || !folder.join("index.md").is_file() {
            let known = seminar_slugs(root);
            return fail(unknown("seminar", slug, known.iter().map(String::as_str)));
        }
    }
    let indicator = match &a.indicator {
        None => None,
        Some(id) => Some(cat.indicator_index(id).ok_or_else(|| {
            Fail(
                1,
                unknown(
                    "indicator",
                    id,
                    cat.indicators.iter().map(|i| i.id.as_str()),
                ),
            )
        })?),
    };
    let city = match &a.city {
        None => None,
        Some(id) => Some(cat.city_index(id).ok_or_else(|| {
            Fail(
                1,
                unknown("city", id, cat.cities.iter().map(|c| c.id.as_str())),
            )
        })?),
    };
    let base = a
        .seminar
        .as_ref()
        .map_or("content".to_owned(), |s| format!("content/seminars/{s}"));
    let rel = match (city, indicator, a.seminar.is_some()) {
        (Some(c), ..) => format!("{base}/cities/{}.md", cat.cities[c].id),
        (None, Some(i), true) => format!("{base}/{}.md", cat.indicators[i].id),
        (None, Some(i), false) => format!("{base}/indicators/{}.md", cat.indicators[i].id),
        (None, None, _) => unreachable!("clap requires --indicator or --city"),
    };
    let period = a
        .seminar
        .as_ref()
        .and_then(|s| project.content.seminars.iter().find(|x| &x.slug == s))
        .map(|s| s.period);
    Ok((
        PathBuf::from(rel),
        text::commentary(&project, indicator, city, period),
    ))
}

fn unknown<'a>(what: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let hint = did_you_mean(id, known)
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!("unknown {what} `{id}`{hint}")
}

fn seminar_slugs(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join("content/seminars"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.path().join("index.md").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}
