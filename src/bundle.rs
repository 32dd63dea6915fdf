//! A seminar as one zip to mail before the meeting: its report and city
//! handouts (with their PDFs when built), the indicator pages and city fact
//! sheets they link to, the chart files, the front page, the stylesheet and
//! the open data (Excel only for the open data and the status matrix) —
//! the site's own files and folders, so every relative link works when the zip is
//! unpacked anywhere or opened from a file share. Links to pages left out
//! become text marked "(ikke med i pakken)": nothing in a bundle is broken.
//!
//! The zip is deterministic: entries in path order, one fixed time stamp,
//! fixed permissions. PDFs in it carry Chromium's creation date.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Write};

use crate::links::{self, Action, Target};
use crate::write::Output;

/// The files of one seminar's bundle, paths relative to the site root.
#[derive(Debug, Default)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Every page and file of the site that seminar `slug` needs, its links
/// rewritten for what is left out. `None` when the site has no such seminar.
pub fn select(output: &Output, slug: &str) -> Option<Bundle> {
    let dir = format!("seminars/{slug}/");
    let paths: Vec<String> = output
        .iter()
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect();
    if !paths.contains(&format!("{dir}index.html")) {
        return None;
    }
    let base = |p: &str| {
        p == "index.html"
            || p.starts_with("assets/")
            || p.starts_with("data/")
            || p.starts_with(&dir)
    };
    let mut keep: BTreeSet<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| base(p))
        .collect();
    // The pages about one indicator that the seminar's pages link to, each
    // with the files beside it (its charts).
    let mut along = BTreeSet::new();
    for page in keep
        .iter()
        .filter(|p| p.starts_with(&dir) && p.ends_with(".html"))
    {
        let html = String::from_utf8_lossy(output.get(page.as_ref()).unwrap_or_default());
        for href in links::urls(&html) {
            if let Target::Local(target) = links::resolve(page, href) {
                if takes_along(&target) {
                    if let Some((folder, _)) = target.rsplit_once('/') {
                        along.insert(format!("{folder}/"));
                    }
                }
            }
        }
    }
    keep.extend(paths.iter().map(String::as_str).filter(|p| {
        along
            .iter()
            .any(|d| p.strip_prefix(d.as_str()).is_some_and(|f| !f.contains('/')))
    }));
    // Excel copies of every table would more than double a mailed bundle
    // (≈ 6 KB of workbook frame each, hundreds of tables): it takes the open
    // data and the status matrix; the other tables' links say "(ikke med i
    // pakken)", and their CSV files are there.
    let matrix = format!("{dir}status.xlsx");
    keep.retain(|p| !p.ends_with(".xlsx") || *p == "data/values.xlsx" || *p == matrix);
    let mut bundle = Bundle::default();
    for path in &keep {
        let bytes = output.get(path.as_ref()).unwrap_or_default();
        let bytes = if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            links::rewrite(&html, |href| match links::resolve(path, href) {
                Target::SamePage | Target::External => Action::Keep,
                Target::Local(t) if keep.contains(t.as_str()) => Action::Keep,
                // A city the bundle has a handout for: its handout, not "(ikke med i pakken)".
                Target::Local(t) => match handout_for(&t, &dir) {
                    Some(h) if keep.contains(h.as_str()) && h != *path => {
                        Action::Redirect(format!("{}{h}", "../".repeat(path.matches('/').count())))
                    }
                    _ => Action::NotInBundle,
                },
                Target::Outside => Action::NotInBundle,
            })
            .into_bytes()
        } else {
            bytes.to_vec()
        };
        bundle.files.insert((*path).to_owned(), bytes);
    }
    Some(bundle)
}

/// The seminar's handout for a city profile `cities/<id>/index.html`
/// (`dir` is the seminar's folder), which stands in for it in a bundle.
fn handout_for(page: &str, dir: &str) -> Option<String> {
    let id = page.strip_prefix("cities/")?.strip_suffix("/index.html")?;
    (!id.contains('/')).then(|| format!("{dir}{id}/index.html"))
}

/// Whether a bundle takes `page` along when the seminar links to it: pages
/// about one indicator — its page, a city's fact sheet — but not the city
/// profiles (every indicator over all periods) or other seminars.
fn takes_along(page: &str) -> bool {
    let depth = page.matches('/').count();
    page.ends_with(".html")
        && (page.starts_with("indicators/") || (page.starts_with("cities/") && depth > 2))
}

impl Bundle {
    /// References (`href`, `src`) of the bundle's HTML that lead to no file
    /// in it, as "page: url" — empty for a good bundle.
    pub fn dangling(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (page, bytes) in self.files.iter().filter(|(p, _)| p.ends_with(".html")) {
            let html = String::from_utf8_lossy(bytes);
            for url in links::urls(&html) {
                match links::resolve(page, url) {
                    Target::Local(t) if self.files.contains_key(&t) => {}
                    Target::SamePage | Target::External => {}
                    _ => out.push(format!("{page}: {url}")),
                }
            }
        }
        out
    }

    /// The bundle as a zip with everything inside one folder, `folder/`.
    pub fn zip(&self, folder: &str) -> Result<Vec<u8>, String> {
        let fail = |e: zip::result::ZipError| format!("cannot write the zip: {e}");
        // 1980-01-01 00:00, the zip format's first day: a fixed time stamp
        // makes the same bundle byte for byte the same zip.
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        // Marks the zip as a bundle, which a later bundle may replace.
        zip.set_comment(crate::outpath::BUNDLE_COMMENT);
        for (path, bytes) in &self.files {
            zip.start_file(format!("{folder}/{path}"), options)
                .map_err(fail)?;
            zip.write_all(bytes)
                .map_err(|e| format!("cannot write the zip: {e}"))?;
        }
        Ok(zip.finish().map_err(fail)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Output {
        let mut o = Output::default();
        o.add("index.html", r#"<a href="seminars/s/index.html">S</a> <a href="seminars/t/index.html">T</a> <a href="cities/a/index.html">A</a> <a href="cities/b/index.html">B</a>"#);
        o.add("assets/style.css", "body{}");
        o.add("data/values.csv", "x");
        o.add(
            "seminars/s/index.html",
            r#"<link rel="stylesheet" href="../../assets/style.css"><a href="../../indicators/i/index.html">I</a> <a href="a/index.html">A</a> <a href="x.svg">X</a>"#,
        );
        o.add("seminars/s/x.svg", "<svg/>");
        o.add(
            "seminars/s/a/index.html",
            r#"<a href="../../../cities/a/index.html">A</a> <a href="../index.html#top">S</a> <a href="../../../cities/a/faktablad/i/index.html">F</a>"#,
        );
        o.add(
            "cities/a/faktablad/i/index.html",
            r#"<a href="../../index.html">A</a>"#,
        );
        o.add("cities/a/faktablad/i/g.svg", "<svg/>");
        o.add("seminars/t/index.html", "T");
        o.add(
            "indicators/i/index.html",
            r#"<a href="../../data/values.csv">CSV</a> <a href="../j/index.html">J</a>"#,
        );
        o.add("indicators/i/i-trend.svg", "<svg/>");
        o.add("indicators/j/index.html", "J");
        o.add("cities/a/index.html", "A");
        o
    }

    #[test]
    fn takes_the_seminar_and_what_it_links_to() {
        let b = select(&site(), "s").unwrap();
        let files: Vec<&str> = b.files.keys().map(String::as_str).collect();
        assert_eq!(
            files,
            [
                "assets/style.css",
                "cities/a/faktablad/i/g.svg",
                "cities/a/faktablad/i/index.html",
                "data/values.csv",
                "index.html",
                "indicators/i/i-trend.svg",
                "indicators/i/index.html",
                "seminars/s/a/index.html",
                "seminars/s/index.html",
                "seminars/s/x.svg"
            ]
        );
        assert!(b.dangling().is_empty(), "{:?}", b.dangling());
        let page = |p: &str| String::from_utf8(b.files[p].clone()).unwrap();
        assert!(page("index.html").contains(r#"<a href="seminars/s/index.html">S</a> <span class="not-in-bundle">T <small>(ikke med i pakken)</small></span>"#));
        assert!(page("seminars/s/a/index.html").contains(r#"<a href="../index.html#top">S</a>"#));
        // A city whose handout is in the bundle links to it; one without says so.
        assert!(page("index.html").contains(r#"<a href="seminars/s/a/index.html">A</a>"#));
        assert!(page("index.html").contains(r#"B <small>(ikke med i pakken)</small>"#));
        assert!(page("seminars/s/a/index.html").contains(r#"A <small>(ikke med i pakken)</small>"#));
        assert!(page("indicators/i/index.html")
            .contains(r#"<a href="../../data/values.csv">CSV</a> <span class="not-in-bundle">J"#));
        assert!(select(&site(), "nope").is_none());
    }

    #[test]
    fn excel_goes_along_for_the_open_data_and_the_matrix_only() {
        let mut o = site();
        o.add("data/values.xlsx", "PK");
        o.add("seminars/s/status.xlsx", "PK");
        o.add("seminars/s/x.xlsx", "PK");
        o.add(
            "seminars/s/a/index.html",
            r#"<a href="../status.xlsx">M</a> <a href="../x.xlsx">Tabellen som Excel</a>"#,
        );
        let b = select(&o, "s").unwrap();
        assert!(b.files.contains_key("data/values.xlsx"));
        assert!(b.files.contains_key("seminars/s/status.xlsx"));
        assert!(!b.files.contains_key("seminars/s/x.xlsx"));
        assert!(b.dangling().is_empty(), "{:?}", b.dangling());
        let page = String::from_utf8(b.files["seminars/s/a/index.html"].clone()).unwrap();
        assert!(page.contains(r#"<a href="../status.xlsx">M</a>"#), "{page}");
        assert!(
            page.contains("Tabellen som Excel <small>(ikke med i pakken)</small>"),
            "{page}"
        );
    }

    #[test]
    fn the_same_bundle_makes_the_same_zip() {
        let b = select(&site(), "s").unwrap();
        let one = b.zip("s").unwrap();
        assert_eq!(one, b.zip("s").unwrap());
        assert!(one.starts_with(b"PK\x03\x04"));
    }
}
