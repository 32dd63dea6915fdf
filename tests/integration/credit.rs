//! Charts that leave the page keep their provenance: every downloadable SVG
//! says its source, data date and (for illustrative data) "Eksempeldata",
//! with the unit over the value axis.

use crate::harness::Project;
use std::path::Path;

/// Every chart file of a built site, with its path relative to the site.
fn chart_files(site: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(site)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
        .filter(|e| !e.path().starts_with(site.join("assets")))
        .map(|e| {
            let rel = e.path().strip_prefix(site).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The text of every `<text>` in the footer group.
fn credit_lines(svg: &str) -> Vec<String> {
    let Some(start) = svg.find(r#"<g class="chart-credit">"#) else {
        return Vec::new();
    };
    let group = &svg[start..start + svg[start..].find("</g>").unwrap()];
    group
        .split("<text ")
        .skip(1)
        .map(|t| t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()].to_owned())
        .collect()
}

#[test]
fn every_chart_file_says_source_date_and_example_mark() {
    let p = Project::example();
    p.run(&["build"]).code(0);
    let site = p.path().join("site");
    let files = chart_files(&site);
    assert!(files.len() > 100, "only {} chart files", files.len());
    let kinds = [
        "-trend.svg",
        "-bars.svg",
        "-map.svg",
        "maaltyper.svg",
        "forandringsteori-",
    ];
    for kind in kinds {
        assert!(
            files.iter().any(|(f, _)| f.contains(kind)),
            "no chart file like {kind}"
        );
    }
    for (file, svg) in &files {
        let lines = credit_lines(svg).join(" ");
        assert!(lines.contains("Data pr. "), "{file}: {lines}");
        assert!(lines.contains("Eksempeldata"), "{file}: {lines}");
        assert!(lines.contains("Kilde: "), "{file}: {lines}");
        // The footer lies inside the (grown) picture and its background.
        let root = &svg[..svg.find('>').unwrap()];
        let vb = &root[root.find("viewBox=\"0 0 ").unwrap() + 13..];
        let (w, h) = vb[..vb.find('"').unwrap()].split_once(' ').unwrap();
        assert!(
            svg.contains(&format!(
                r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##
            )),
            "{file}: the background does not cover the footer"
        );
        let last_y: f64 = {
            let tail = &svg[svg.rfind("<text x=\"8\" y=\"").unwrap() + 15..];
            tail[..tail.find('"').unwrap()].parse().unwrap()
        };
        assert!(
            last_y < h.parse::<f64>().unwrap(),
            "{file}: footer below the picture"
        );
        let mut reader = quick_xml::Reader::from_str(svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{file}: not well-formed: {e}"),
            }
        }
    }
    // The sources are the indicator's own.
    let (_, bars) = files
        .iter()
        .find(|(f, _)| {
            f.ends_with("indicators/anbringelser-sammenbrud/anbringelser-sammenbrud-bars.svg")
        })
        .expect("the bars of anbringelser-sammenbrud");
    assert!(credit_lines(bars)[0].starts_with("Kilde: Ankestyrelsens anbringelsesstatistik"));
    // Shares say "pct." on the value axis, counts their unit.
    assert!(bars.contains(r#"class="axis-caption" text-anchor="end">pct.</text>"#));
    let count =
        p.read("site/indicators/narkorelaterede-doedsfald/narkorelaterede-doedsfald-trend.svg");
    assert!(
        count.contains(r#"class="axis-caption" text-anchor="start">dødsfald"#),
        "{count}"
    );
    // On the page, the same facts are said in HTML around the inline chart,
    // which stays without the footer.
    let page = p.read("site/indicators/anbringelser-sammenbrud/index.html");
    assert!(page.contains("<svg ") && !page.contains("chart-credit"));
}

#[test]
fn real_data_has_no_example_mark_in_its_charts() {
    let p = Project::example();
    p.replace(
        "maalrapport.toml",
        "example_data = true",
        "example_data = false",
    );
    p.run(&["build"]).code(0);
    let files = chart_files(&p.path().join("site"));
    assert!(!files.is_empty());
    for (file, svg) in &files {
        assert!(!svg.contains("Eksempeldata"), "{file}");
        assert!(credit_lines(svg).join(" ").contains("Data pr. "), "{file}");
    }
}
