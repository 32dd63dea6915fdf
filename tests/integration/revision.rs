//! Revised figures (`previous`): the footnote on seminar reports, handouts and
//! profiles, worded from the seminar's date, and never where the cell (or its
//! first value) is withheld.

use crate::build::tree;
use crate::harness::Project;

const ILLUSTRATIVE: &str = "data/values/illustrative.csv";
const HEADER: &str =
    "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group";

/// Give `city`'s 2018 drug-related deaths a new `value` and a `previous` one,
/// revised on `on`.
fn revise(p: &Project, city: &str, old: &str, value: &str, previous: &str, on: &str) {
    p.replace(
        ILLUSTRATIVE,
        &format!("narkorelaterede-doedsfald,{city},2018,,,{old},,provisional,Foreløbigt tal,,,\n"),
        &format!("narkorelaterede-doedsfald,{city},2018,,,{value},,,,,{on},,{previous}\n"),
    );
}

fn example_with_revisions() -> Project {
    let p = Project::example();
    p.replace(ILLUSTRATIVE, HEADER, &format!("{HEADER},previous"));
    // Published, revised between the 2015 and the 2019 seminar.
    revise(&p, "kobenhavn", "57", "57", "55", "2019-01-15");
    // Withheld now (4 < 5), first published as 6.
    revise(&p, "randers", "5", "4", "6", "2019-01-15");
    // Published (11), but first published as 3: that would reveal a small count.
    revise(&p, "aalborg", "11", "11", "3", "2019-01-15");
    p
}

#[test]
fn a_revised_figure_is_marked_since_the_last_seminar() {
    let p = example_with_revisions();
    p.run(&["build"]).code(0);
    let since =
        "Revideret siden sidste seminar (15. januar 2019): først offentliggjort som 55 dødsfald.";
    for page in [
        "site/seminars/udvalgsseminar-2019/index.html",
        // Every city's figures are in the full handout; the short one notes its own.
        "site/seminars/udvalgsseminar-2019/aarhus/fuld/index.html",
        "site/seminars/udvalgsseminar-2019/kobenhavn/index.html",
    ] {
        assert!(
            p.read(page).contains(since),
            "{page} lacks the revision note"
        );
    }
    // Outside a seminar the revision is simply dated.
    let dated = "Revideret 15. januar 2019: først offentliggjort som 55 dødsfald.";
    assert!(p.read("site/cities/kobenhavn/index.html").contains(dated));
    assert!(p
        .read("site/indicators/narkorelaterede-doedsfald/index.html")
        .contains(dated));
    // The 2015 seminar does not show 2018.
    assert!(!p
        .read("site/seminars/udvalgsseminar-2015/index.html")
        .contains("først offentliggjort"));
}

#[test]
fn no_first_value_where_the_cell_or_that_value_is_withheld() {
    let p = example_with_revisions();
    p.run(&["build"]).code(0);
    for (path, bytes) in tree(&p.path().join("site")) {
        let text = crate::xlsx::readable(&path, &bytes);
        for secret in ["offentliggjort som 6 ", "offentliggjort som 3 "] {
            assert!(!text.contains(secret), "{secret} in {}", path.display());
        }
    }
    let csv = p.read("site/data/values.csv");
    assert!(
        csv.contains("\nnarkorelaterede-doedsfald,kobenhavn,2018,,,57,,,,,2019-01-15,,55,\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nnarkorelaterede-doedsfald,randers,2018,,,,,suppressed,,,,,,\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nnarkorelaterede-doedsfald,aalborg,2018,,,11,,,,,2019-01-15,,,\n"),
        "{csv}"
    );
}

#[test]
fn the_example_carries_the_real_revision_of_2019() {
    let p = Project::example();
    // A later seminar that reports 2019, after the revision of 9 June 2021.
    p.write(
        "content/seminars/udvalgsseminar-2021/index.md",
        "+++\ntitle = \"Udvalgsseminar 2021\"\ndate = 2021-09-30\nperiod = \"2019\"\nareas = [\"misbrug\"]\n+++\nTekst.\n",
    );
    p.run(&["build"]).code(0);
    let note =
        "Revideret siden sidste seminar (9. juni 2021): først offentliggjort som 265 dødsfald.";
    assert!(p
        .read("site/seminars/udvalgsseminar-2021/index.html")
        .contains(note));
    assert!(p
        .read("site/seminars/udvalgsseminar-2021/odense/fuld/index.html")
        .contains(note));
    assert!(p.read("site/data/values.csv").contains(
        "\nnarkorelaterede-doedsfald,national,2019,,,268,,,,\"Sundhedsstyrelsen, Narkotikasituationen i Danmark, delrapport 4 (2020), jun. 2021\",2021-06-09,,265,\n"
    ));
}

#[test]
fn previous_needs_the_date_of_the_revision() {
    let p = Project::example();
    p.write(
        "data/values/test.csv",
        &format!("{HEADER},previous\nnarkorelaterede-doedsfald,national,2020,,,250,,,,,,,240\nnarkorelaterede-doedsfald,national,2021,,,250,,,,,2022-01-01,,250\n"),
    );
    p.run(&["check"])
        .code(1)
        .errors(&["data/values/test.csv:2:53: error: `previous` (the value as first published) needs the date of the revision in `published`"])
        .stderr_contains("data/values/test.csv:3:63: warning: `previous` 250 equals the figure itself");
}
