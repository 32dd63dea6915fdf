//! Fact sheets with breakdowns and theories of change, from the example.

use crate::harness::Project;

#[test]
fn the_aarhus_fact_sheet_shows_the_seed_numbers() {
    let p = Project::example();
    p.run(&["build"]).code(0);
    let page = p.read("site/cities/aarhus/faktablad/gns-maalopfyldelse/index.html");
    // Seed 003, FAKTABLAD: 2018 and 1. kv. 2019 side by side, with N.
    assert!(page.contains("<th scope=\"colgroup\" colspan=\"2\">2018</th><th scope=\"colgroup\" colspan=\"2\">1. kv. 2019</th>"), "{page}");
    let row = |title: &str| {
        let start = page
            .find(&format!("<th scope=\"row\">{title}</th>"))
            .unwrap_or_else(|| panic!("no row {title}"));
        let end = start + page[start..].find("</tr>").unwrap();
        page[start..end].to_owned()
    };
    for (title, cells) in [
        ("Læring og selvforsørgelse", ["58", "163", "58", "174"]),
        ("Netværk og medborgerskab", ["58", "87", "54", "100"]),
        ("Familieforhold", ["56", "46", "52", "48"]),
        ("Personlig udvikling", ["52", "239", "53", "253"]),
        ("Udvikling og adfærd", ["52", "231", "53", "243"]),
    ] {
        let r = row(title);
        let shown: Vec<&str> = r
            .split("<td class=\"num\">")
            .skip(1)
            .map(|c| &c[..c.find('<').unwrap()])
            .collect();
        assert_eq!(shown, cells, "{title}: {r}");
    }
    // Sub-groups are indented under their group.
    assert!(page.contains("<tr class=\"depth-2\">\n      <th scope=\"row\">Familieforhold</th>"));
    // The development marker says what it means.
    assert!(page.contains("<span class=\"visually-hidden\">dårligere</span>"));
    // The goal-type chart with the seed's shares, and the result text.
    assert!(
        page.contains("Progressionsmål: 12,0 pct. opfyldte, 43,0 pct. uopfyldte"),
        "chart description"
    );
    assert!(page.contains("Over halvdelen af børn og voksne når de mål"));
    assert!(p
        .path()
        .join("site/cities/aarhus/faktablad/gns-maalopfyldelse/maaltyper.svg")
        .is_file());
    // Linked from the city profile and the handout; no fact sheet for a city without the breakdown.
    assert!(p
        .read("site/cities/aarhus/index.html")
        .contains("faktablad/gns-maalopfyldelse/index.html"));
    assert!(p
        .read("site/seminars/udvalgsseminar-2019/aarhus/index.html")
        .contains("../../../cities/aarhus/faktablad/gns-maalopfyldelse/index.html"));
    assert!(!p.path().join("site/cities/odense/faktablad").exists());
}

#[test]
fn a_group_the_indicator_does_not_declare_is_an_error() {
    let p = Project::example();
    p.append(
        "data/values/aarhus-maalopfyldelse.csv",
        "gns-maalopfyldelse,aarhus,2019-Q2,,,50,60,,,,,boligforhold\n",
    );
    let lines = p
        .read("data/values/aarhus-maalopfyldelse.csv")
        .lines()
        .count();
    p.run(&["check"])
        .code(1)
        .error_line(&format!("data/values/aarhus-maalopfyldelse.csv:{lines}:"))
        .stderr_contains("unknown group `boligforhold` for indicator `gns-maalopfyldelse`");
}

#[test]
fn a_theory_of_change_renders_as_svg_with_a_text_version() {
    let p = Project::example();
    p.run(&["build"]).code(0);
    let page = p.read("site/seminars/udvalgsseminar-2019/index.html");
    let start = page
        .find("<figure class=\"chart chart-theory\" id=\"forandringsteori-6by-8-figure\">")
        .expect("theory figure");
    let figure = &page[start..start + page[start..].find("</figure>").unwrap()];
    assert!(figure.contains("role=\"img\""));
    for level in ["step-activity", "step-short", "step-medium", "step-long"] {
        assert!(figure.contains(level), "{level}");
    }
    for heading in ["Indsatser", "Kort sigt", "Mellemlang sigt", "Langt sigt"] {
        assert!(
            figure.contains(&format!("<li><strong>{heading}</strong>")),
            "text version lacks {heading}"
        );
    }
    assert!(
        figure.contains("i ønsket retning") || figure.contains("ikke i ønsket retning"),
        "a measured step says its direction"
    );
    assert!(p
        .path()
        .join("site/seminars/udvalgsseminar-2019/forandringsteori-6by-8.svg")
        .is_file());
}
