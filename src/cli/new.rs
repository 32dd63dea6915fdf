//! `maalrapport new seminar SLUG` and `maalrapport new commentary`: create a
//! content file with the right front matter, after checking the slug and
//! every id against the project. Never overwrites a file.

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, Subcommand};

use super::init::write_new;
use super::RootArgs;
use crate::diag::did_you_mean;
use crate::load::{valid_id, ID_RULE};
use crate::model::{Date, Indicator, Measure, Observations, Period, Place, Project};

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
    let date = a.date.unwrap_or_else(today);
    let title = a
        .title
        .clone()
        .unwrap_or_else(|| format!("Udvalgsseminar {}", date.label_da()));
    let text = format!(
        "+++\n\
         title = {}\n\
         date = {date}\n\
         # place = \"Aarhus\"\n\
         kind = \"seminar\"    # eller \"annual\" for en årsrapport\n\
         period = \"{period}\"    # den seneste periode, rapporten viser\n\
         # baseline = \"{}\"    # udviklingen vises siden denne periode\n\
         draft = true        # sæt til false, når rapporten må offentliggøres\n\
         +++\n\
         Skriv seminarets indledning her.\n",
        toml_string(&title),
        period.year() - 2,
    );
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
        commentary_text(&project, indicator, city, period),
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

/// Front matter, the definition as an HTML comment (for the author, not the
/// reader), and where the data allow it, a number and a chart from the data.
fn commentary_text(
    project: &Project,
    indicator: Option<usize>,
    city: Option<usize>,
    period: Option<Period>,
) -> String {
    let cat = &project.catalog;
    let mut about = Vec::new();
    if let Some(c) = city {
        let c = &cat.cities[c];
        about.push(format!(
            "By: {} ({}). Kommentaren vises i byens udgave af rapporten.",
            c.name, c.id
        ));
    }
    if let Some(i) = indicator {
        about.extend(definition(&cat.indicators[i]));
    }
    let mut body = String::new();
    if let Some(i) = indicator {
        let id = &cat.indicators[i].id;
        let place = city.map_or(Place::Network, Place::City);
        let place_id = cat.place_id(place);
        let has = |p: Period| match place {
            Place::City(c) => project
                .observations
                .get(&(i, None, Place::City(c), p))
                .is_some(),
            _ => (0..cat.cities.len()).any(|c| {
                project
                    .observations
                    .get(&(i, None, Place::City(c), p))
                    .is_some()
            }),
        };
        if let Some(p) = period.filter(|p| has(*p)) {
            body.push_str(&format!(
                "{}, {}: {{{{ value(indicator=\"{id}\", city=\"{place_id}\", period=\"{p}\") }}}}.\n\n",
                cat.place_name(place),
                p.label_da()
            ));
        }
        if project.observations.of_indicator(i).next().is_some() {
            let city_arg = city
                .map(|_| format!(", city=\"{place_id}\""))
                .unwrap_or_default();
            body.push_str(&format!(
                "{{{{ chart(indicator=\"{id}\", kind=\"trend\"{city_arg}) }}}}\n\n"
            ));
        }
    }
    body.push_str("Skriv kommentaren her.\n");
    let comment: String = about.iter().map(|l| wrap(&comment_safe(l), 90)).collect();
    format!("+++\n# title = \"…\"   # valgfri overskrift\ndraft = false\n+++\n<!--\n{comment}-->\n\n{body}")
}

/// The indicator's definition, one line per part (empty parts left out).
fn definition(ind: &Indicator) -> Vec<String> {
    let measure = match ind.measure {
        Measure::Share => "andel i pct. (tæller/nævner)".to_owned(),
        Measure::Count => format!(
            "antal{}",
            ind.unit
                .as_ref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default()
        ),
        Measure::Rate => format!("pr. {} indbyggere", ind.per.unwrap_or(1000)),
        Measure::Mean => "gennemsnit".to_owned(),
    };
    let mut lines = vec![
        format!("Indikator: {} ({})", ind.title, ind.id),
        format!("Opgøres som: {measure}; {}", ind.direction.label_da()),
    ];
    let parts = [
        ("Målgruppe", ind.target_group.clone()),
        ("Tæller", ind.numerator.clone()),
        ("Nævner", ind.denominator.clone()),
        ("Kilder", ind.sources.join("; ")),
        ("Fordeling", ind.distribution.clone()),
    ];
    lines.extend(
        parts
            .into_iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(label, t)| format!("{label}: {}", t.trim())),
    );
    lines
}

/// Text that cannot end the HTML comment or start a shortcode.
fn comment_safe(s: &str) -> String {
    s.replace("--", "–").replace("{{", "{ {")
}

/// Word-wrap at `width` characters; continuation lines indented by two spaces.
fn wrap(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in line.split_whitespace() {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push_str("\n  ");
            len = 2;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out.push('\n');
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Today's date (UTC).
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The calendar date `days` after 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    Date {
        year: (yoe + era * 400 + i64::from(month <= 2)) as i32,
        month: month as u8,
        day: day as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_to_dates() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(16_570).to_string(), "2015-05-15");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn toml_strings_and_wrapping() {
        assert_eq!(toml_string(r#"Seminar "A" \ B"#), r#""Seminar \"A\" \\ B""#);
        assert_eq!(wrap("aa bb cc", 5), "aa bb\n  cc\n");
        assert_eq!(comment_safe("a --> b {{ c"), "a –> b { { c");
    }
}
