//! `maalrapport build` on the shipped example: every page kind with real
//! content, links that resolve, well-formed charts, overrides, atomic and
//! deterministic output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::Project;

/// Every file of a built site: relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn text(site: &BTreeMap<PathBuf, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(
        site.get(Path::new(rel))
            .unwrap_or_else(|| panic!("{rel} missing"))
            .clone(),
    )
    .unwrap()
}

/// Build the example once into `<project>/site` and return the project and tree.
fn built() -> (Project, BTreeMap<PathBuf, Vec<u8>>) {
    let p = Project::example();
    p.run(&["build"]).code(0).stdout_contains("build: ");
    let site = tree(&p.path().join("site"));
    (p, site)
}

/// The values of `attr="…"` in `html`.
fn attrs<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn every_page_kind_has_real_content() {
    let (_p, site) = built();
    let index = text(&site, "index.html");
    assert!(index.contains("Fælles udvalgsseminar, 5. maj 2015, Aarhus"));
    assert!(index.contains("href=\"cities/aarhus/index.html\""));
    assert!(index.contains("Færre udsatte unge begår kriminalitet"));
    // Newest seminar first.
    assert!(
        index.find("udvalgsseminar-2019").unwrap() < index.find("udvalgsseminar-2015").unwrap()
    );

    let seminar = text(&site, "seminars/udvalgsseminar-2015/index.html");
    assert!(seminar.contains("<h1>Fælles udvalgsseminar, 5. maj 2015, Aarhus</h1>"));
    assert!(seminar.contains("Udsatte børn og unge"));
    assert!(seminar.contains("Ændring siden 2013"));
    assert!(seminar.contains("procentpoint"));
    assert!(seminar.contains(" pct."), "Danish percentages");
    assert!(
        seminar.contains("Endnu ikke operationaliseret"),
        "pending goals are listed"
    );
    assert!(seminar.contains("badge-symbol"), "status has a symbol");

    // The short handout: the overview chart, then one panel per goal; the
    // full handout beside it has every city's table.
    let handout = text(&site, "seminars/udvalgsseminar-2015/aarhus/index.html");
    assert!(handout.contains("<h1>Aarhus: Fælles udvalgsseminar, 5. maj 2015, Aarhus</h1>"));
    assert!(handout.contains("Overblik for Aarhus"));
    assert!(handout.contains("class=\"chart chart-overview\""));
    assert!(handout.contains("class=\"panel"));
    assert!(handout.contains("href=\"fuld/index.html\""));
    assert!(!handout.contains("row-highlight"));
    let full = text(&site, "seminars/udvalgsseminar-2015/aarhus/fuld/index.html");
    assert!(full.contains("fuld udgave</h1>"));
    assert!(full.contains("row-highlight"));
    assert!(full.contains("Overblik for Aarhus"));
    // The report opens with its contents, the status matrix and an overview per city.
    assert!(seminar.contains("<nav class=\"toc\""));
    assert!(seminar.contains("class=\"figures status-matrix\""));
    assert_eq!(
        seminar
            .matches("<figure class=\"chart chart-overview\"")
            .count(),
        6
    );
    assert!(index.contains("class=\"figures status-matrix\""));
    assert!(text(&site, "cities/odense/index.html").contains("class=\"chart chart-overview\""));

    let city = text(&site, "cities/odense/index.html");
    assert!(city.contains("Kommunekode 461"));

    let ind = text(&site, "indicators/ung-kriminalitet/index.html");
    for needle in [
        "Tæller",
        "Nævner",
        "Målgruppe",
        "Kilder",
        "bopælskommune",
        "Mål 2020: højst 9,0 pct.",
    ] {
        assert!(ind.contains(needle), "indicator page lacks {needle}");
    }
}

#[test]
fn commentary_shortcodes_pull_numbers_from_the_data() {
    let (p, site) = built();
    // The example's commentary on crime quotes Aarhus 2014 through a shortcode.
    let note = p.read("content/seminars/udvalgsseminar-2015/ung-kriminalitet.md");
    assert!(note.contains("{{ value("), "example uses shortcodes");
    let seminar = text(&site, "seminars/udvalgsseminar-2015/index.html");
    assert!(!seminar.contains("{{"), "no unexpanded shortcode");
    assert!(seminar.contains("<span class=\"figure\">8,2 pct.</span>"));
}

#[test]
fn pages_are_accessible_danish_documents() {
    let (_p, site) = built();
    for (path, bytes) in site
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
    {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let name = path.display();
        assert!(html.contains("<html lang=\"da\">"), "{name}: lang");
        assert_eq!(html.matches("<h1").count(), 1, "{name}: one h1");
        assert!(
            html.contains("class=\"skip-link\" href=\"#indhold\""),
            "{name}: skip link"
        );
        assert!(
            html.contains("<main id=\"indhold\">"),
            "{name}: main landmark"
        );
        assert!(
            html.contains("<meta property=\"og:title\""),
            "{name}: preview"
        );
        assert!(
            html.contains("Eksempeldata"),
            "{name}: example data is said"
        );
        for src in attrs(&html, "src") {
            assert!(!src.contains("//"), "{name}: external resource {src}");
        }
    }
}

#[test]
fn every_link_and_asset_resolves() {
    let (_p, site) = built();
    let mut checked = 0;
    for (path, bytes) in site
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
    {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let dir = path.parent().unwrap();
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (file, fragment) = link.split_once('#').unwrap_or((link, ""));
            let target = if file.is_empty() {
                path.clone()
            } else {
                normalise(&dir.join(file))
            };
            assert!(
                site.contains_key(&target),
                "{}: broken link {link}",
                path.display()
            );
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let page = String::from_utf8(site[&target].clone()).unwrap();
                assert!(
                    page.contains(&format!("id=\"{fragment}\"")),
                    "{}: missing anchor {link}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "link leaves the site: {}", p.display())
            }
            std::path::Component::Normal(s) => out.push(s),
            _ => {}
        }
    }
    out
}

#[test]
fn charts_are_well_formed_accessible_svg_files_with_their_data() {
    let (_p, site) = built();
    let svgs: Vec<_> = site
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    assert!(svgs.len() > 100);
    for (path, bytes) in &svgs {
        let svg = std::str::from_utf8(bytes).unwrap();
        let mut reader = quick_xml::Reader::from_str(svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{}: not well-formed: {e}", path.display()),
            }
        }
        // The overview links its rows, so it is a graphics document, not an image.
        assert!(
            svg.contains("role=\"img\"")
                || svg.contains("role=\"graphics-document\" aria-labelledby="),
            "{}",
            path.display()
        );
        assert!(
            svg.contains("<title id=") && svg.contains("<desc id="),
            "{}",
            path.display()
        );
        // A chart of numbers has its CSV beside it (a theory of change has no numbers).
        let csv = path.with_extension("csv");
        let name = path.file_name().unwrap().to_string_lossy();
        let theory = name.starts_with("forandringsteori-");
        assert!(
            theory || site.contains_key(&csv),
            "{}: no CSV beside it",
            path.display()
        );
    }
    assert!(text(&site, "data/values.csv")
        .starts_with("indicator,city,period,numerator,denominator,value,n,flag,note"));
    assert!(text(&site, "data/values.csv").contains("\nung-kriminalitet,network,2014,"));
    let catalogue: serde_json::Value =
        serde_json::from_str(&text(&site, "data/indicators.json")).unwrap();
    assert_eq!(catalogue["cities"].as_array().unwrap().len(), 6);
    // "9,6 pct." ends a sentence without a second full stop, in chart
    // descriptions and after a shortcode in commentary.
    for (path, bytes) in &site {
        let text = crate::xlsx::readable(path, bytes);
        for twice in ["pct..", "pct.</span>."] {
            assert!(!text.contains(twice), "{}: {twice:?}", path.display());
        }
    }
    // Breakdowns keep their hierarchy and linked indicators their link.
    let ind = |id: &str| {
        catalogue["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let mean = ind("gns-maalopfyldelse");
    let groups = mean["groups"].as_array().unwrap();
    assert!(groups
        .iter()
        .any(|g| g["id"] == "familieforhold" && g["parent"] == "netvaerk-medborgerskab"));
    assert!(groups
        .iter()
        .any(|g| g["id"] == "netvaerk-medborgerskab" && g.get("parent").is_none()));
}

#[test]
fn a_template_in_the_project_overrides_the_default() {
    let p = Project::example();
    p.write(
        "templates/indicator.html",
        "{% extends \"base.html\" %}{% block content %}<h1>EGEN SKABELON {{ indicator.title }}</h1>{% endblock content %}",
    );
    p.run(&["build"]).code(0);
    let page = p.read("site/indicators/hjemloese/index.html");
    assert!(page.contains("EGEN SKABELON"), "{page}");
    assert!(
        p.read("site/index.html").contains("Rapporter"),
        "other templates keep the default"
    );
}

#[test]
fn a_template_error_names_the_template() {
    let p = Project::example();
    p.write(
        "templates/city.html",
        "{% extends \"base.html\" %}{% block content %}{{ city.name {% endblock content %}",
    );
    // Parsed by `check` first: a problem in the user's file (exit 1), at its place.
    p.run(&["build"])
        .code(1)
        .error_line("templates/city.html:1:");
}

#[test]
fn a_failed_build_leaves_the_earlier_site_untouched() {
    let (p, before) = built();
    p.append(
        "data/values/illustrative.csv",
        "ung-kriminalitet,aarhus,2099-Q9,1,2,,,,,,,\n",
    );
    p.run(&["build"])
        .code(1)
        .error_line("data/values/illustrative.csv:");
    assert_eq!(tree(&p.path().join("site")), before);
}

#[test]
fn builds_are_byte_identical() {
    let p = Project::example();
    let out_a = p.path().join("a");
    let out_b = p.path().join("b");
    p.run(&["build", "--out", out_a.to_str().unwrap()]).code(0);
    p.run(&["build", "--out", out_b.to_str().unwrap()]).code(0);
    let (a, b) = (tree(&out_a), tree(&out_b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b[k] == *v, "{} differs", k.display());
    }
}

#[test]
fn build_refuses_to_replace_a_foreign_folder() {
    let p = Project::example();
    p.write("mine/notes.txt", "vigtigt");
    let out = p.path().join("mine");
    p.run(&["build", "--out", out.to_str().unwrap()])
        .code(2)
        .stderr_contains("refusing to replace");
    assert_eq!(p.read("mine/notes.txt"), "vigtigt");
}

#[test]
fn a_network_figure_short_of_cities_is_marked_wherever_it_appears() {
    // Only København, Aarhus and Odense have counted the homeless in 2022.
    let p = Project::example();
    p.write(
        "content/indicators/hjemloese.md",
        "+++\n+++\nI 2022 talte netværket {{ value(indicator=\"hjemloese\", city=\"network\", period=\"2022\") }}.\n",
    );
    p.run(&["build"]).code(0);
    let site = tree(&p.path().join("site"));
    let missing = "aalborg esbjerg randers";
    assert!(text(&site, "data/values.csv").contains(&format!(
        "\nhjemloese,network,2022,,,1994,,,,,,,,{missing}\n"
    )));
    assert!(text(&site, "data/values.csv").contains("\nhjemloese,network,2019,,,2843,,,,,,,,\n"));
    let csv = text(&site, "indicators/hjemloese/hjemloese-trend.csv");
    assert!(csv.starts_with("series,period,value,lower,upper,partial\n"));
    assert!(csv.contains(&format!(",{missing}\n")), "{csv}");
    let page = text(&site, "indicators/hjemloese/index.html");
    assert!(page.contains(
        "<span class=\"figure\">1.994 personer</span> (uden Aalborg, Esbjerg og Randers)"
    ));
    assert!(
        page.contains("1.994 (uden Aalborg, Esbjerg og Randers)"),
        "chart table"
    );
    let svg = text(&site, "indicators/hjemloese/hjemloese-trend.svg");
    let network = svg.split("data-series=\"6-byerne\"").nth(1).unwrap();
    let network = &network[..network.find("</g>").unwrap()];
    assert_eq!(network.matches("pt partial").count(), 1, "{network}");
    assert!(svg.contains("Åben markør: ikke alle kommuner med"));
}

#[test]
fn indicator_pages_and_seminar_reports_have_a_map_of_the_network() {
    let (_, site) = built();
    let svg = text(
        &site,
        "indicators/ung-kriminalitet/ung-kriminalitet-map.svg",
    );
    assert_eq!(svg.matches("<path class=\"area").count(), 98);
    assert_eq!(svg.matches("class=\"area in-chart\"").count(), 6);
    assert!(svg.contains("Kilde: Geodatastyrelsen og Danske Kommuner (DAGI)"));
    assert!(
        svg.contains("<title>Odense: "),
        "Odense's figure in its title"
    );
    assert!(svg.contains("Ikke i 6-byerne"));
    let csv = text(
        &site,
        "indicators/ung-kriminalitet/ung-kriminalitet-map.csv",
    );
    assert!(csv.starts_with("code,city,period,value,lower,upper,class\n"));
    assert_eq!(csv.lines().count(), 7);
    let page = text(&site, "indicators/ung-kriminalitet/index.html");
    assert!(
        page.contains("chart-ung-kriminalitet-map"),
        "inline on the page"
    );
    assert!(page.contains("ung-kriminalitet-map.svg"));
    // The seminar report has one per indicator it shows, the handouts none.
    let report = text(&site, "seminars/udvalgsseminar-2019/index.html");
    assert!(report.contains("-map-figure"));
    let handout = text(&site, "seminars/udvalgsseminar-2019/aarhus/index.html");
    assert!(!handout.contains("-map-figure"));
    // A count grows with a municipality's size: no map.
    assert!(!site.contains_key(Path::new("indicators/hjemloese/hjemloese-map.svg")));
}

#[test]
fn a_map_shortcode_draws_the_map_and_a_count_has_none() {
    let p = Project::example();
    p.write(
        "content/indicators/ung-kriminalitet.md",
        "+++\n+++\nSådan ser landet ud:\n\n{{ chart(indicator=\"ung-kriminalitet\", kind=\"map\") }}\n",
    );
    p.run(&["build"]).code(0);
    let page = p.read("site/indicators/ung-kriminalitet/index.html");
    assert_eq!(
        page.matches("-map-figure\"").count(),
        2,
        "the page's and the shortcode's"
    );
    p.write(
        "content/indicators/hjemloese.md",
        "+++\n+++\n{{ chart(indicator=\"hjemloese\", kind=\"map\") }}\n",
    );
    p.run(&["check"])
        .code(1)
        .errors(&["content/indicators/hjemloese.md:3:38"])
        .stderr_contains("a count has no map");
}

/// The heading levels of `html` in order (`<h1>` … `<h6>`).
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let rest = &html.as_bytes()[i + 2..];
            match (rest.first(), rest.get(1)) {
                (Some(d @ b'1'..=b'6'), Some(b' ' | b'>')) => Some(d - b'0'),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn commentary_titles_are_headings_and_no_page_skips_a_level() {
    let (_p, site) = built();
    // A seminar's commentary on an indicator: below the indicator's h4.
    let seminar = text(&site, "seminars/udvalgsseminar-2015/index.html");
    let at = seminar.find("id=\"ind-ung-kriminalitet-title\"").unwrap();
    let section = &seminar[at..at + seminar[at..].find("</section>").unwrap()];
    assert!(section.contains(
        "<div class=\"commentary\"><h5 class=\"commentary-title\">Kriminalitet blandt udsatte unge</h5>"
    ), "{section}");
    // A full handout's city commentary and the standing commentary: below the h1
    // (the short handout's compact panels leave titles out).
    let handout = text(&site, "seminars/udvalgsseminar-2015/aarhus/fuld/index.html");
    assert!(handout.contains("<h2 class=\"commentary-title\">Aarhus</h2>"));
    let indicator = text(&site, "indicators/hjemloese/index.html");
    assert!(indicator.contains("<h2 class=\"commentary-title\">Om hjemløsetællingen</h2>"));
    // The body's own headings go below the title ("## Resultat" → h3).
    let sheet = text(
        &site,
        "cities/aarhus/faktablad/gns-maalopfyldelse/index.html",
    );
    assert!(sheet.contains("<h2 class=\"commentary-title\">Resultat: Borgerne bliver bedre til at mestre eget liv</h2>"));
    assert!(
        sheet.contains("<h3 id=\"resultat-resultat\">Resultat</h3>"),
        "{sheet}"
    );
    // The front page's heading is the site's title, not repeated.
    assert!(!text(&site, "index.html").contains("commentary-title"));
    for (path, bytes) in site
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
    {
        let levels = heading_levels(std::str::from_utf8(bytes).unwrap());
        assert_eq!(
            levels.first(),
            Some(&1),
            "{}: starts with h1",
            path.display()
        );
        for w in levels.windows(2) {
            assert!(
                w[1] <= w[0] + 1,
                "{}: h{} after h{} ({levels:?})",
                path.display(),
                w[1],
                w[0]
            );
        }
    }
}

#[test]
fn cities_are_compared_with_the_rest_of_each_group_they_are_in() {
    let p = Project::example();
    p.append(
        "data/network.toml",
        "\n[[group]]\nid = \"jylland\"\nname = \"de jyske byer\"\ncities = [\"aarhus\", \"aalborg\", \"randers\", \"esbjerg\"]\n",
    );
    p.run(&["build"]).code(0);
    let page = p.read("site/indicators/ung-kriminalitet/index.html");
    let table = &page[page.find("<table class=\"figures\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let heads: Vec<&str> = table
        .match_indices("<th scope=\"col\">")
        .map(|(i, _)| {
            let rest = &table[i + 16..];
            &rest[..rest.find("</th>").unwrap()]
        })
        .collect();
    let at = |h: &str| {
        heads
            .iter()
            .position(|x| *x == h)
            .unwrap_or_else(|| panic!("{h} in {heads:?}"))
    };
    assert!(
        at("Sammenlignet med resten af netværket") < at("Sammenlignet med resten af de jyske byer")
    );
    assert!(at("Sammenlignet med resten af de jyske byer") < at("Sammenlignet med hele landet"));
    // Each city row: a badge per comparator, København none in the group's column.
    let row = |city: &str| {
        let start = table
            .find(&format!("<th scope=\"row\">{city}</th>"))
            .unwrap();
        let row = &table[start..];
        row[..row.find("</tr>").unwrap()].to_owned()
    };
    let group_col = at("Sammenlignet med resten af de jyske byer") - 1; // cells after the row header
    let cells = |r: &str| {
        r.split("<td")
            .skip(1)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(
        cells(&row("Aarhus"))[group_col].contains("badge"),
        "{}",
        row("Aarhus")
    );
    assert!(
        !cells(&row("København"))[group_col].contains("badge"),
        "{}",
        row("København")
    );
    // The group's own figure is published like the network's.
    assert!(p
        .read("site/data/values.csv")
        .contains("\nung-kriminalitet,jylland,2018,"));
}
