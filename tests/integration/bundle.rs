//! `maalrapport bundle`: one seminar as a zip that works unpacked anywhere —
//! every link and source inside the zip resolves to a file inside it — and
//! the same project makes the same zip, byte for byte.

use std::path::{Component, Path, PathBuf};

use crate::harness::Project;

const SEMINAR: &str = "udvalgsseminar-2019";
/// The one link that may leave the bundle: the organisation's accessibility statement.
const STATEMENT: &str = "https://www.was.digst.dk/app/a/6-byerne";

fn example_with_statement() -> Project {
    let p = Project::example();
    p.append(
        "maalrapport.toml",
        &format!("accessibility_statement = \"{STATEMENT}\"\n"),
    );
    p
}

fn bundle(p: &Project, zip: &Path) {
    p.run(&[
        "bundle",
        "--seminar",
        SEMINAR,
        "--quiet",
        "--out",
        zip.to_str().unwrap(),
    ])
    .code(0);
}

/// Every `href="…"` and `src="…"` value in `html` (attributes follow whitespace).
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for key in [" href=\"", " src=\"", "\nhref=\"", "\nsrc=\""] {
        for (at, _) in html.match_indices(key) {
            let start = at + key.len();
            let end = html[start..].find('"').expect("closing quote") + start;
            out.push(
                html[start..end]
                    .replace("&#x2F;", "/")
                    .replace("&amp;", "&"),
            );
        }
    }
    out
}

/// `base/rel` with `.` and `..` folded, without touching the disk.
fn join(base: &Path, rel: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for c in base.join(rel).components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn every_link_in_the_bundle_resolves_inside_it_and_the_zip_is_reproducible() {
    let p = example_with_statement();
    let tmp = tempfile::tempdir().unwrap();
    let (first, second) = (tmp.path().join("first.zip"), tmp.path().join("second.zip"));
    bundle(&p, &first);
    bundle(&p, &second);
    let bytes = std::fs::read(&first).unwrap();
    assert!(
        bytes == std::fs::read(&second).unwrap(),
        "the same project made two different zips"
    );

    let dir = tmp.path().join("unpacked");
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .extract(&dir)
        .unwrap();
    let root = dir.join(SEMINAR);
    for must in [
        "index.html",
        "assets/style.css",
        "seminars/udvalgsseminar-2019/index.html",
        "seminars/udvalgsseminar-2019/aarhus/index.html",
    ] {
        assert!(root.join(must).is_file(), "{must} is not in the bundle");
    }
    assert!(
        !root.join("cities/aarhus/index.html").exists(),
        "city profiles are not part of a seminar's bundle"
    );
    assert!(
        root.join("cities/aarhus/faktablad/gns-maalopfyldelse/index.html")
            .is_file(),
        "the fact sheets a handout links to are"
    );

    let (mut pages, mut checked, mut statements) = (0, 0, 0);
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let page = entry
            .path()
            .strip_prefix(&dir)
            .unwrap()
            .display()
            .to_string();
        for url in references(&html) {
            checked += 1;
            if url.starts_with('#') {
                continue;
            }
            if url == STATEMENT {
                statements += 1;
                continue;
            }
            if url.contains(':') || url.starts_with('/') {
                broken.push(format!("{page}: {url} (leaves the bundle)"));
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap();
            let target = join(entry.path().parent().unwrap(), path);
            if !target.starts_with(&root) || !target.is_file() {
                broken.push(format!("{page}: {url}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} of {checked} references in {pages} pages do not resolve inside the bundle:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(
        pages >= 8 && checked > 500,
        "too little checked: {pages} pages, {checked} references"
    );
    assert_eq!(
        statements, pages,
        "every page's footer links to the accessibility statement"
    );

    let handout =
        std::fs::read_to_string(root.join("seminars/udvalgsseminar-2019/aarhus/index.html"))
            .unwrap();
    assert!(
        handout.contains("tal over tid <small>(ikke med i pakken)</small>"),
        "the link to the city page (not in the bundle) is marked"
    );
}

#[test]
fn an_unknown_seminar_is_an_error() {
    let p = Project::example();
    let zip = p.path().join("x.zip");
    p.run(&[
        "bundle",
        "--seminar",
        "findes-ikke",
        "--out",
        zip.to_str().unwrap(),
    ])
    .code(1)
    .stderr_contains("no seminar `findes-ikke`");
    assert!(!zip.exists());
}
