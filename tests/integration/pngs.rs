//! PNG copies of the charts (`--png`, `[charts] png = true`): one beside
//! every chart SVG of every kind, twice its size, decodable, linked from the
//! figure, the same bytes on every build, none for pages a build leaves out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::build::tree;
use crate::harness::Project;

type Site = BTreeMap<PathBuf, Vec<u8>>;

fn build(p: &Project, out: &str, args: &[&str]) -> Site {
    let dir = p.path().join(out);
    let mut all = vec!["build", "--quiet", "--out", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    p.run(&all).code(0);
    tree(&dir)
}

fn with_ext<'a>(site: &'a Site, ext: &'a str) -> impl Iterator<Item = (&'a PathBuf, &'a Vec<u8>)> {
    site.iter()
        .filter(move |(p, _)| p.extension().is_some_and(|e| e == ext))
}

/// The value of `attr="…"` in the root `<svg …>` tag.
fn root_attr<'a>(svg: &'a str, attr: &str) -> &'a str {
    let tag = &svg[..svg.find('>').unwrap()];
    let pat = format!(" {attr}=\"");
    let rest = &tag[tag.find(&pat).unwrap_or_else(|| panic!("no {attr}")) + pat.len()..];
    &rest[..rest.find('"').unwrap()]
}

/// Width and height of a PNG, decoded in full (so a broken file fails).
fn decode(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert!(buf.iter().any(|&b| b != 255), "a blank white image");
    (info.width, info.height)
}

/// Every chart SVG has its PNG, twice its size and decodable, every chart
/// kind is among them, and every figure links its PNG (which resolves).
fn check_pngs(site: &Site) {
    let mut kinds = BTreeSet::new();
    let mut count = 0;
    for (svg_path, svg) in with_ext(site, "svg") {
        let svg = std::str::from_utf8(svg).unwrap();
        let png_path = svg_path.with_extension("png");
        let png = site
            .get(&png_path)
            .unwrap_or_else(|| panic!("no PNG beside {}", svg_path.display()));
        let view_box: Vec<f64> = root_attr(svg, "viewBox")
            .split(' ')
            .map(|n| n.parse().unwrap())
            .collect();
        let expected = (
            (view_box[2] * 2.0).ceil() as u32,
            (view_box[3] * 2.0).ceil() as u32,
        );
        assert_eq!(decode(png), expected, "{}", png_path.display());
        kinds.insert(root_attr(svg, "class").to_owned());
        count += 1;
    }
    assert_eq!(with_ext(site, "png").count(), count, "a PNG without an SVG");
    for kind in [
        "chart chart-trend",
        "chart chart-bars",
        "chart chart-map",
        "chart chart-overview",
        "chart chart-fulfilment",
        "chart chart-theory",
    ] {
        assert!(kinds.contains(kind), "no {kind} chart: {kinds:?}");
    }
    let mut links = 0;
    for (page, html) in with_ext(site, "html") {
        let html = std::str::from_utf8(html).unwrap();
        let dir = page.parent().unwrap();
        for (at, _) in html.match_indices(">Figuren som SVG</a>") {
            let before = &html[..at];
            let href = &before[before.rfind("href=\"").unwrap() + 6..before.len() - 1];
            let png = href.replace(".svg", ".png");
            let after = html[at..].split("</p>").next().unwrap();
            assert!(
                after.contains(&format!(" · <a href=\"{png}\">Figuren som PNG</a>")),
                "{}: no PNG link after {href}",
                page.display()
            );
            assert!(
                site.contains_key(&dir.join(&png)),
                "{}: {png}",
                page.display()
            );
            links += 1;
        }
    }
    assert!(links > 500, "only {links} PNG links");
}

#[test]
fn png_is_opt_in_covers_every_chart_and_is_the_same_on_every_build() {
    let p = Project::example();
    let plain = build(&p, "plain", &[]);
    assert_eq!(with_ext(&plain, "png").count(), 0);
    assert!(with_ext(&plain, "html")
        .all(|(_, h)| !String::from_utf8_lossy(h).contains("Figuren som PNG")));

    let flag = build(&p, "flag", &["--png"]);
    check_pngs(&flag);
    // A second build, asked for by the config instead of the flag: the
    // same bytes, PNGs included.
    p.append("maalrapport.toml", "\n[charts]\npng = true\n");
    let config = build(&p, "config", &[]);
    assert!(
        flag == config,
        "[charts] png = true builds what --png builds"
    );
    // Besides the PNGs and their links, the site is the one without them.
    let without_png: BTreeSet<&Path> = flag
        .keys()
        .filter(|k| k.extension().is_none_or(|e| e != "png"))
        .map(PathBuf::as_path)
        .collect();
    assert_eq!(without_png, plain.keys().map(PathBuf::as_path).collect());
}

#[test]
fn draft_pages_get_no_png_unless_drafts_are_built() {
    let p = crate::disclosure::drafts_project();
    p.run(&["build", "--png", "--as-of", "2026-11-26"]).code(0);
    let site = tree(&p.path().join("site"));
    assert!(with_ext(&site, "png").count() > 0);
    for path in site.keys() {
        let path = path.to_string_lossy();
        assert!(
            !path.contains("hemmelig") && !path.contains("senere"),
            "{path}"
        );
    }
    p.run(&["build", "--png", "--drafts", "--as-of", "2026-11-26"])
        .code(0);
    let drafts = tree(&p.path().join("site"));
    assert!(drafts
        .keys()
        .any(|k| k.starts_with("seminars/hemmelig") && k.extension().is_some_and(|e| e == "png")));
}

#[test]
fn a_bundle_with_png_carries_the_pngs() {
    let p = Project::example();
    let zip = p.path().join("s.zip");
    p.run(&[
        "bundle",
        "--seminar",
        "udvalgsseminar-2019",
        "--png",
        "--quiet",
        "--out",
        zip.to_str().unwrap(),
    ])
    .code(0);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let pngs: Vec<&String> = names.iter().filter(|n| n.ends_with(".png")).collect();
    assert!(pngs.len() > 10, "{} PNGs in the bundle", pngs.len());
    for name in &pngs {
        let svg = name.replace(".png", ".svg");
        assert!(names.contains(&svg), "{name} without its SVG");
    }
    let mut first = archive.by_name(pngs[0]).unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut first, &mut bytes).unwrap();
    decode(&bytes);
}
