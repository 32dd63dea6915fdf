//! Disclosure control and embargo, end to end: build, then scan every output
//! file for what must not be published.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::build::tree;
use crate::harness::Project;
use crate::xlsx::readable;

const CITIES: [(&str, u16, &str); 6] = [
    ("kobenhavn", 101, "København"),
    ("aarhus", 751, "Aarhus"),
    ("odense", 461, "Odense"),
    ("aalborg", 851, "Aalborg"),
    ("esbjerg", 561, "Esbjerg"),
    ("randers", 730, "Randers"),
];

/// A project's skeleton: config, network of `cities`, one area and one goal `g`.
pub(crate) fn skeleton(min_cell: u64, network: &str, cities: &[(&str, u16, &str)]) -> Project {
    let p = Project::empty();
    p.write(
        "maalrapport.toml",
        &format!("title = \"Test\"\nmin_cell = {min_cell}\n"),
    );
    let mut net = format!("name = \"{network}\"\n");
    for (id, code, name) in cities {
        net.push_str(&format!(
            "[[city]]\nid = \"{id}\"\ncode = {code}\nname = \"{name}\"\n"
        ));
    }
    p.write("data/network.toml", &net);
    p.write(
        "data/areas.toml",
        "[[area]]\nid = \"a\"\ntitle = \"Hjemløse\"\n",
    );
    p.write("data/goals.toml", "[[goal]]\nid = \"g\"\nnumber = 1\narea = \"a\"\ntext = \"Færre hjemløse\"\norigin = \"6-by\"\n");
    p
}

/// A minimal project: six cities, one goal, a count and a share indicator.
fn project(min_cell: u64) -> Project {
    let p = skeleton(min_cell, "6-byerne", &CITIES);
    p.write(
        "data/indicators/antal.toml",
        "title = \"Antal\"\ngoals = [\"g\"]\nmeasure = \"count\"\ndirection = \"lower\"\n",
    );
    p.write(
        "data/indicators/andel.toml",
        "title = \"Andel\"\ngoals = [\"g\"]\nmeasure = \"share\"\ndirection = \"lower\"\n",
    );
    p.write(
        "content/seminars/s/index.md",
        "+++\ntitle = \"Seminar\"\ndate = 2019-05-01\nperiod = \"2019\"\n+++\nIndledning.\n",
    );
    p
}

/// Values for one period: `counts[i]` for city i (count indicator), and the
/// same as numerators over `dens` (share indicator).
fn values(counts: [u64; 6], dens: [u64; 6]) -> String {
    let mut s = String::from("indicator,city,period,numerator,denominator,value\n");
    for (i, (id, _, _)) in CITIES.iter().enumerate() {
        s.push_str(&format!("antal,{id},2018,,,{}\n", counts[i] + 10_000));
        s.push_str(&format!("antal,{id},2019,,,{}\n", counts[i]));
        s.push_str(&format!("andel,{id},2019,{},{},\n", counts[i], dens[i]));
    }
    s
}

/// The attributes that place and size SVG shapes: their numbers are
/// drawing coordinates (a map's outlines hold thousands of them), not figures.
const GEOMETRY: &[&str] = &[
    "d",
    "points",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "width",
    "height",
    "transform",
    "viewBox",
    "stroke-width",
    "stroke-dasharray",
    "font-size",
];

/// `text` without the values of SVG geometry attributes (` d="…"`).
pub(crate) fn without_geometry(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(eq) = rest.find("=\"") {
        let name_start = rest[..eq]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |i| i + 1);
        let name = &rest[name_start..eq];
        let boundary = rest[..name_start].ends_with(' ');
        if boundary && GEOMETRY.contains(&name) {
            if let Some(close) = rest[eq + 2..].find('"') {
                out.push_str(&rest[..eq + 2]);
                rest = &rest[eq + 2 + close..];
                continue 'scan;
            }
        }
        out.push_str(&rest[..eq + 2]);
        rest = &rest[eq + 2..];
    }
    out.push_str(rest);
    out
}

/// Every number-like token in every output file (SVG geometry left out,
/// an .xlsx read cell by cell), with the first file it is in.
pub(crate) fn tokens(site: &BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    for (path, bytes) in site {
        let text = without_geometry(&readable(path, bytes));
        for tok in text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')) {
            // A run like "2019,,,17062" (CSV) also counts as its comma-separated pieces.
            let pieces = std::iter::once(tok).chain(tok.split(','));
            for piece in pieces
                .map(|t| t.trim_matches(|c| c == '.' || c == ','))
                .filter(|t| !t.is_empty())
            {
                out.entry(piece.to_owned()).or_insert_with(|| path.clone());
            }
        }
    }
    out
}

#[test]
fn geometry_is_not_read_as_figures() {
    let svg = r#"<path class="area" d="M12 47l3 4z" fill="white"><title>Randers: 47</title></path><rect x="47" width="9"/>"#;
    assert_eq!(
        without_geometry(svg),
        r#"<path class="area" d="" fill="white"><title>Randers: 47</title></path><rect x="" width=""/>"#
    );
}

/// Randers has 47 (< 50); the next smallest, 1201, must go too, or
/// total − others would reveal 47.
pub(crate) fn small_cell_project() -> Project {
    let p = project(50);
    let counts = [1201, 2302, 3403, 4504, 5605, 47];
    let dens = [90_001, 90_002, 90_003, 90_004, 90_005, 8_803];
    p.write("data/values/v.csv", &values(counts, dens));
    p
}

#[test]
fn a_small_cell_and_its_complement_appear_nowhere() {
    let p = small_cell_project();
    p.run(&["build"]).code(0);
    let site = tree(&p.path().join("site"));
    let found = tokens(&site);
    // The suppressed count, the secondary one, and the share from 47/8803 (0.53 pct.).
    for secret in ["47", "1201", "1.201", "0,5", "0.5339", "8803"] {
        assert!(
            !found.contains_key(secret),
            "{secret} published in {:?}",
            found.get(secret)
        );
    }
    // The network total is published (it cannot be split into 47 and 1201).
    let csv = p.read("site/data/values.csv");
    assert!(
        found.contains_key("17062"),
        "network total in values.csv: {csv}"
    );
    assert!(csv.contains("antal,randers,2019,,,,,suppressed,"), "{csv}");
    assert!(
        csv.contains("antal,kobenhavn,2019,,,,,suppressed,"),
        "{csv}"
    );
    // Changes from a suppressed value are not published: 10047 → 47 would be -99,5 pct.
    assert!(!found.contains_key("99,5"));
    let page = p.read("site/indicators/antal/index.html");
    assert!(page.contains("dis."), "the marker");
    assert!(
        page.contains("færre end 50 personer"),
        "the footnote explains the rule"
    );
}

#[test]
fn two_small_cells_need_no_third() {
    let p = project(5);
    p.write(
        "data/values/v.csv",
        &values([1201, 2302, 3403, 4504, 4, 3], [9000; 6]),
    );
    p.run(&["build"]).code(0);
    let csv = p.read("site/data/values.csv");
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("antal,")).count(),
        14,
        "12 city rows and 2 network rows: {csv}"
    );
    assert!(
        csv.contains("antal,kobenhavn,2019,,,1201,"),
        "no secondary suppression needed: {csv}"
    );
    assert_eq!(
        csv.matches(",suppressed,").count(),
        4,
        "two count cells and two share cells: {csv}"
    );
}

#[test]
fn shortcodes_asking_for_a_suppressed_value_get_the_marker() {
    let p = project(50);
    p.write(
        "data/values/v.csv",
        &values([1201, 2302, 3403, 4504, 5605, 47], [90_000; 6]),
    );
    p.write(
        "content/seminars/s/antal.md",
        "Randers: {{ value(indicator=\"antal\", city=\"randers\", period=\"2019\") }}; ændring {{ change(indicator=\"antal\", city=\"randers\", from=\"2018\", to=\"2019\") }}.\n",
    );
    p.run(&["build"]).code(0);
    let page = p.read("site/seminars/s/index.html");
    assert!(
        page.contains("Randers: <span class=\"missing missing-suppressed\">dis.</span>"),
        "{page}"
    );
    assert!(!page.contains(">47<"));
}

#[test]
fn min_cell_zero_turns_it_off() {
    let p = project(0);
    p.write(
        "data/values/v.csv",
        &values([1201, 2302, 3403, 4504, 5605, 47], [90_000; 6]),
    );
    p.run(&["build"]).code(0);
    assert!(p
        .read("site/data/values.csv")
        .contains("antal,randers,2019,,,47,"));
}

pub(crate) fn drafts_project() -> Project {
    let p = project(5);
    p.write(
        "data/values/v.csv",
        &values([1201, 2302, 3403, 4504, 5605, 470], [90_000; 6]),
    );
    p.write("content/seminars/hemmelig/index.md", "+++\ntitle = \"Hemmeligt Zyxwv-seminar\"\ndate = 2019-06-01\nperiod = \"2019\"\ndraft = true\n+++\nTekst.\n");
    p.write(
        "content/seminars/senere/index.md",
        "+++\ntitle = \"Fremtidigt Plokij-seminar\"\ndate = 2030-06-01\nperiod = \"2019\"\npublish = 2030-05-01\n+++\nTekst.\n",
    );
    p.write(
        "content/seminars/s/antal.md",
        "+++\ndraft = true\n+++\nFortroligt Qwerty-udkast.\n",
    );
    p.write(
        "content/cities/aarhus.md",
        "+++\ndraft = true\n+++\nByens Asdfg-noter.\n",
    );
    p
}

#[test]
fn drafts_and_embargoed_seminars_appear_nowhere() {
    let p = drafts_project();
    p.run(&["build", "--as-of", "2026-11-26"]).code(0);
    let site = tree(&p.path().join("site"));
    for (path, bytes) in &site {
        let text = readable(path, bytes);
        for secret in [
            "Zyxwv", "hemmelig", "Plokij", "senere", "Qwerty", "Asdfg", "UDKAST",
        ] {
            assert!(
                !text.contains(secret),
                "{secret} leaked into {}",
                path.display()
            );
        }
        assert!(
            !path.to_string_lossy().contains("hemmelig")
                && !path.to_string_lossy().contains("senere")
        );
    }
    assert!(site.contains_key(&PathBuf::from("seminars/s/index.html")));
}

#[test]
fn with_drafts_every_such_page_says_udkast() {
    let p = drafts_project();
    p.run(&["build", "--drafts", "--as-of", "2026-11-26"])
        .code(0);
    for page in [
        "site/seminars/hemmelig/index.html",
        "site/seminars/senere/index.html",
        "site/seminars/s/index.html",
        "site/cities/aarhus/index.html",
    ] {
        assert!(
            p.read(page).contains("banner-draft"),
            "{page} lacks the UDKAST banner"
        );
    }
    assert!(p.read("site/seminars/s/index.html").contains("Qwerty"));
}

#[test]
fn ids_that_could_escape_the_site_are_rejected() {
    let p = project(5);
    p.write("data/values/v.csv", &values([100; 6], [900; 6]));
    p.write(
        "content/seminars/Ærø seminar/index.md",
        "+++\ntitle = \"x\"\ndate = 2019-01-01\nperiod = \"2019\"\n+++\n",
    );
    p.write(
        "data/indicators/Bad.Name.toml",
        "title = \"x\"\ngoals = [\"g\"]\nmeasure = \"count\"\ndirection = \"lower\"\n",
    );
    p.run(&["check"])
        .code(1)
        .stderr_contains("invalid seminar slug `Ærø seminar`")
        .stderr_contains("invalid indicator id `Bad.Name`");
}

/// The overview's band is the range of the cities' *published* values: a
/// withheld figure (here Randers' 4 deaths, the lowest) never shapes it, and
/// the overview's CSV carries the page's mark for it.
#[test]
fn the_overview_band_never_shows_a_withheld_value() {
    let p = Project::example();
    p.replace(
        "data/values/illustrative.csv",
        "narkorelaterede-doedsfald,randers,2018,,,5,,provisional,Foreløbigt tal,,,",
        "narkorelaterede-doedsfald,randers,2018,,,4,,provisional,Foreløbigt tal,,,",
    );
    p.run(&["build"]).code(0);
    let dir = "site/seminars/udvalgsseminar-2019";
    let row = |csv: &str| -> Vec<String> {
        csv.lines()
            .find(|l| l.starts_with("narkorelaterede-doedsfald,"))
            .expect("a row for the indicator")
            .split(',')
            .map(str::to_owned)
            .collect()
    };
    let header = p.read(&format!("{dir}/randers/overblik-randers.csv"));
    let cols: Vec<&str> = header.lines().next().unwrap().split(',').collect();
    let col = |name: &str| cols.iter().position(|c| *c == name).unwrap();
    let own = row(&header);
    assert_eq!(own[col("value")], "");
    assert_eq!(own[col("value_mark")], "dis.");
    for city in ["randers", "aarhus"] {
        let r = row(&p.read(&format!("{dir}/{city}/overblik-{city}.csv")));
        let lowest: f64 = r[col("lowest")].parse().unwrap();
        assert!(lowest >= 5.0, "{city}: lowest {lowest}");
        assert_ne!(
            r[col("cities")],
            "6",
            "{city}: the withheld city is not counted"
        );
    }
    let page = p.read(&format!("{dir}/randers/index.html"));
    let start = page
        .find("class=\"chart chart-overview\" font-family")
        .unwrap();
    let svg = &page[start..start + page[start..].find("</svg>").unwrap()];
    assert!(!svg.contains(">4</text>") && svg.contains(">dis.</text>"));
}
