//! Hostile and careless input (issue 18): one fixture folder per case under
//! `tests/hostile/<case>/`, laid over a copy of the shipped example. Each test
//! asserts the message (with its `path:line:col`) or the guarantee; each
//! failed before its fix.

use crate::harness::{copy_dir, repo, Project};

/// The shipped example with `tests/hostile/<case>/` laid over it.
fn case(name: &str) -> Project {
    let p = Project::example();
    let dir = repo().join("tests/hostile").join(name);
    assert!(dir.is_dir(), "no fixture folder {}", dir.display());
    copy_dir(&dir, p.path());
    p
}

// --- CSV quoting --------------------------------------------------------------

#[test]
fn a_stray_quote_in_a_note_is_an_error_where_it_opened() {
    let p = case("csv-stray-quote");
    p.run(&["check"]).code(1).errors(&[
        "data/values/zz-stray.csv:2:29: error: the quote `\"` opened here is never closed",
    ]);
    p.run(&["build"]).code(1);
    assert!(!p.path().join("site").exists());
}

#[test]
fn a_quoted_number_over_a_line_end_is_an_error() {
    case("csv-quote-in-value").run(&["check"]).code(1).errors(&[
        "data/values/zz-value.csv:2:25: error: the quoted field opened here runs over 1 line end(s), which column `value` does not allow",
    ]);
}

#[test]
fn a_note_may_run_over_lines_when_it_swallows_no_rows() {
    let p = case("csv-multiline-note");
    p.run(&["check"]).code(0);
    // A note that swallows lines with a full row's fields changes the row count.
    p.write(
        "data/values/zz-note.csv",
        "indicator,city,period,numerator,denominator,value,n,flag,note,source,published,group\n\
         hjemloese,aarhus,2021,,,3,,,\"Tælleuge,,,\n\
         hjemloese,odense,2021,,,5,,,,,,\n\
         slut\",,,\n",
    );
    p.run(&["check"]).code(1).errors(&[
        "data/values/zz-note.csv:2:29: error: the quoted `note` opened here swallows 1 line(s) that look like rows of their own",
    ]);
}

// --- numbers that are not numbers --------------------------------------------

#[test]
fn nan_and_inf_are_errors_in_every_toml_file() {
    let p = Project::example();
    p.append("maalrapport.toml", "\n[compare]\nlevel = nan\n");
    p.replace(
        "data/indicators/hjemloese.toml",
        "level = 4000.0",
        "level = inf",
    );
    p.replace(
        "content/seminars/udvalgsseminar-2015/index.md",
        "baseline = \"2013\"\n",
        "baseline = \"2013\"\nscale = -inf\n",
    );
    let lines = p.read("maalrapport.toml").lines().count();
    let config = format!("maalrapport.toml:{lines}:9: error: `level = nan` is not a finite number");
    p.run(&["check"]).code(1).errors(&[
        "content/seminars/udvalgsseminar-2015/index.md:8:9: error: `scale = -inf` is not a finite number",
        "data/indicators/hjemloese.toml:16:9: error: `level = inf` is not a finite number",
        &config,
    ]);
}

#[test]
fn a_rate_per_zero_inhabitants_is_an_error() {
    case("rate-per-zero").run(&["check"]).code(1).errors(&[
        "data/indicators/rate-nul.toml:5:7: error: `per = 0`: a rate is per a number of inhabitants",
    ]);
}

// --- templates ------------------------------------------------------------------

#[test]
fn check_reports_a_template_syntax_error_at_its_place() {
    let p = case("template-syntax");
    p.run(&["check"])
        .code(1)
        .errors(&["templates/base.html:3:23: error: cannot parse the template"]);
    p.run(&["build"])
        .code(1)
        .error_line("templates/base.html:3:23: error:");
}

#[test]
fn a_template_that_extends_itself_is_an_error_not_a_stack_overflow() {
    let p = case("template-extends-itself");
    p.run(&["check"]).code(1).errors(&[
        "templates/base.html:1:4: error: template cycle base.html → base.html: a template may not extend or include itself",
    ]);
    p.run(&["build"]).code(1);
}

#[test]
fn a_recursive_macro_is_an_error_not_a_stack_overflow() {
    let p = case("template-recursive-macro");
    let lines = p.read("templates/macros.html").lines().count();
    let at = format!("templates/macros.html:{lines}:26: error: template cycle macros.html: macro forever → macros.html: macro forever: a macro may not call itself");
    p.run(&["check"]).code(1).errors(&[&at]);
    p.run(&["build"]).code(1);
}

// --- nothing left behind ------------------------------------------------------

/// The staging folders (`.site.tmp-PID`, `.site.old-PID`) in the project folder.
#[cfg(unix)]
fn staging_folders(p: &Project) -> Vec<String> {
    std::fs::read_dir(p.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".site."))
        .collect()
}

/// Start `build`, wait until its staging folder exists, send `signal`, and
/// return the exit status.
#[cfg(unix)]
fn build_stopped_by(p: &Project, signal: &str) -> std::process::ExitStatus {
    use std::time::{Duration, Instant};
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_maalrapport"))
        .args(["build", "--quiet", "--root"])
        .arg(p.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while staging_folders(p).is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "build ended before a signal could be sent"
        );
        assert!(start.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(2));
    }
    // Let it write some pages first.
    std::thread::sleep(Duration::from_millis(150));
    let sent = std::process::Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    child.wait().unwrap()
}

#[cfg(unix)]
#[test]
fn a_stopped_build_leaves_no_staging_folder() {
    let p = Project::example();
    for signal in ["INT", "TERM", "HUP"] {
        let status = build_stopped_by(&p, signal);
        assert_eq!(status.code(), Some(130), "SIG{signal}: {status}");
        assert_eq!(
            staging_folders(&p),
            Vec::<String>::new(),
            "after SIG{signal}"
        );
    }
    // SIGKILL cannot be caught: the next build removes what it left.
    let status = build_stopped_by(&p, "KILL");
    assert!(!status.success());
    p.run(&["build", "--quiet"]).code(0);
    assert_eq!(staging_folders(&p), Vec::<String>::new());
}

#[test]
fn the_next_build_removes_stale_staging_folders() {
    let p = Project::example();
    // No process has a PID above the kernel's maximum (2^22).
    p.write(".site.tmp-4294967/.maalrapport-site", "");
    p.write(".site.tmp-4294967/index.html", "half");
    p.write(".site.old-4294968/index.html", "old");
    p.write(".sites.tmp-4294967/own.txt", "not ours");
    p.run(&["build", "--quiet"]).code(0);
    if cfg!(target_os = "linux") {
        assert!(!p.path().join(".site.tmp-4294967").exists());
        assert!(!p.path().join(".site.old-4294968").exists());
    }
    assert!(p.path().join(".sites.tmp-4294967/own.txt").exists());
}

// --- files from the project only ---------------------------------------------

#[cfg(unix)]
#[test]
fn a_symlink_leading_outside_the_project_is_refused_by_name() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(&secret, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let p = Project::example();
    std::fs::create_dir_all(p.path().join("templates/assets")).unwrap();
    symlink(&secret, p.path().join("templates/assets/style.css")).unwrap();
    p.remove("content/cities/aarhus.md");
    symlink(&secret, p.path().join("content/cities/aarhus.md")).unwrap();
    symlink(&secret, p.path().join("data/values/zz-passwd.csv")).unwrap();
    symlink(outside.path(), p.path().join("data/values/ud")).unwrap();
    std::fs::write(outside.path().join("mere.csv"), "indicator,city,period\n").unwrap();
    let real = secret.canonicalize().unwrap();
    let run = p.run(&["check"]);
    run.code(1).errors(&[
        "content/cities/aarhus.md:1:1: error: `content/cities/aarhus.md` is a symbolic link to",
        "data/values/ud:1:1: error: `data/values/ud` is a symbolic link to",
        "data/values/zz-passwd.csv:1:1: error: `data/values/zz-passwd.csv` is a symbolic link to",
        "templates/assets/style.css:1:1: error: `templates/assets/style.css` is a symbolic link to",
    ]);
    run.stderr_contains(&format!(
        "{}, outside the project folder: refused",
        real.display()
    ));
    assert!(
        !run.stderr.contains("root:x"),
        "the file outside is never quoted"
    );
    p.run(&["build"]).code(1);
    assert!(!p.path().join("site").exists());
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_project_are_followed_and_broken_ones_reported() {
    use std::os::unix::fs::symlink;
    let p = Project::example();
    let before = p.run(&["check"]).code(0).stdout.clone();
    // The data kept elsewhere in the project, linked into data/values.
    std::fs::create_dir_all(p.path().join("arkiv")).unwrap();
    std::fs::rename(
        p.path().join("data/values/real.csv"),
        p.path().join("arkiv/real.csv"),
    )
    .unwrap();
    symlink(
        "../../arkiv/real.csv",
        p.path().join("data/values/real.csv"),
    )
    .unwrap();
    let run = p.run(&["check"]);
    assert_eq!(run.stdout, before, "the linked file is read as before");
    symlink("findes-ikke.md", p.path().join("content/cities/odense.md")).unwrap();
    let run = p.run(&["check"]);
    run.code(0);
    run.stderr_contains(
        "content/cities/odense.md:1:1: warning: `content/cities/odense.md` cannot be read",
    );
    p.run(&["build"]).code(0).stderr_contains("odense.md");
    // A named pipe would block every read: skipped and said so.
    let made = std::process::Command::new("mkfifo")
        .arg(p.path().join("data/values/ror.csv"))
        .status();
    if made.is_ok_and(|s| s.success()) {
        p.run(&["check"]).code(0).stderr_contains(
            "data/values/ror.csv:1:1: warning: `data/values/ror.csv` is not a regular file",
        );
    }
}

// --- output never overwrites the project -------------------------------------

#[test]
fn out_may_not_point_into_the_project_files_or_at_a_foreign_file() {
    let p = Project::example();
    let at = |rel: &str| p.path().join(rel).to_string_lossy().into_owned();
    let network = p.read("data/network.toml");
    let seminar = ["bundle", "--seminar", "udvalgsseminar-2015", "--out"];
    p.run(&[&seminar[..], &[at("data/network.toml").as_str()]].concat())
        .code(2)
        .stderr_contains("lies inside data/, the project's own files");
    assert_eq!(p.read("data/network.toml"), network);
    p.run(&["build", "--out", &at("data/values/site")])
        .code(2)
        .stderr_contains("lies inside data/");
    assert!(!p.path().join("data/values/site").exists());
    p.run(&["build", "--out", &at("templates/x")]).code(2);
    p.run(&["build", "--out", &at("content/../content")])
        .code(2);
    p.run(&["build", "--out", &at("maalrapport.toml")])
        .code(2)
        .stderr_contains("is an existing file");
    p.run(&["build", "--out", p.path().to_str().unwrap()])
        .code(2)
        .stderr_contains("is the project folder");
    p.write("referat.zip", "mine");
    p.run(&[&seminar[..], &[at("referat.zip").as_str()]].concat())
        .code(2)
        .stderr_contains("is not a bundle maalrapport wrote");
    assert_eq!(p.read("referat.zip"), "mine");
    // A bundle it wrote before is replaced.
    let zip = at("pakke.zip");
    p.run(&[&seminar[..], &[zip.as_str(), "--quiet"]].concat())
        .code(0);
    p.run(&[&seminar[..], &[zip.as_str(), "--quiet"]].concat())
        .code(0);
    // The project is intact after all of it.
    p.run(&["check"]).code(0);
}

// --- nothing runs in a spreadsheet --------------------------------------------

#[test]
fn values_csv_neutralises_formulas_and_quotes_line_breaks() {
    let p = case("csv-formulas");
    p.run(&["build", "--quiet"]).code(0);
    let csv = p.read("site/data/values.csv");
    for expected in [
        "hjemloese,aarhus,2021,,,600,,,\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",'@SUM(A1),,,",
        "hjemloese,odense,2021,,,700,,,\"linje et\rlinje to\",'+45 12345678,,,",
        "hjemloese,aalborg,2021,,,800,,,'-3 siden sidst,Kilde,,,",
    ] {
        assert!(csv.contains(expected), "{expected:?} not in values.csv");
    }
    // Every row still has the header's 14 fields: no line break split one.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    for record in reader.records() {
        assert_eq!(record.unwrap().len(), 14);
    }
}

// --- links and images ----------------------------------------------------------

#[test]
fn a_javascript_accessibility_statement_is_an_error() {
    let p = Project::example();
    p.append(
        "maalrapport.toml",
        "accessibility_statement = \"javascript:alert(1)\"\n",
    );
    let line = p.read("maalrapport.toml").lines().count();
    p.run(&["check"]).code(1).errors(&[&format!(
        "maalrapport.toml:{line}:1: error: `accessibility_statement = \"javascript:alert(1)\"` is not a web address"
    )]);
}

#[test]
fn external_images_and_odd_links_in_commentary_are_dropped_with_a_warning() {
    let p = case("commentary-external");
    let run = p.run(&["build"]);
    run.code(0);
    let warnings: Vec<&str> = run
        .diagnostics("warning")
        .into_iter()
        .filter(|w| w.starts_with("content/indicators/"))
        .collect();
    let expected = [
        "content/indicators/hjemloese.md:6:1: warning: the image `https://example.com/kort.png` is left out",
        "content/indicators/hjemloese.md:8:11: warning: the image `//cdn.example.com/spor.gif` is left out",
        "content/indicators/hjemloese.md:8:50: warning: the link `vbscript:msgbox` is left out",
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (w, e) in warnings.iter().zip(expected) {
        assert!(w.starts_with(e), "{w}\nexpected {e}");
    }
    let page = p.read("site/indicators/hjemloese/index.html");
    assert!(page.contains("Tallet er fra VIVE"));
    assert!(page.contains("href=\"https://www.vive.dk\""));
    for gone in ["example.com", "vbscript"] {
        assert!(!page.contains(gone), "{gone} is on the page");
    }
}

// --- slow inputs -------------------------------------------------------------------

#[test]
fn deeply_nested_markdown_is_a_quick_error() {
    let p = Project::example();
    p.write(
        "content/indicators/hjemloese.md",
        &format!(
            "+++\ntitle = \"Dybt\"\n+++\nTekst.\n{}x\n",
            ">".repeat(32_000)
        ),
    );
    let start = std::time::Instant::now();
    p.run(&["check"]).code(1).errors(&[
        "content/indicators/hjemloese.md:5:33: error: this line nests 32000 block quotes and lists: at most 32 levels",
    ]);
    p.run(&["build"]).code(1);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
}

// --- embargo -------------------------------------------------------------------

/// Every file of a built site (or zip) as text, with its name.
fn texts(dir: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (
                e.path().display().to_string(),
                crate::xlsx::readable(e.path(), &bytes),
            )
        })
        .collect()
}

fn zip_texts(path: &std::path::Path) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (
                f.name().to_owned(),
                crate::xlsx::readable(std::path::Path::new(f.name()), &bytes),
            )
        })
        .collect()
}

fn assert_absent(files: &[(String, String)], secrets: &[&str]) {
    for (name, text) in files {
        for secret in secrets {
            assert!(
                !text.contains(secret) && !name.contains(secret),
                "{secret} leaked into {name}"
            );
        }
    }
}

#[test]
fn a_future_publish_without_a_reference_date_is_an_error() {
    let p = case("embargo");
    p.run(&["build"]).code(1).errors(&[
        "content/seminars/plokij-senere/index.md:5:1: error: `publish = 2099-01-01` lies in the future, but no reference date is set",
    ]);
    p.run(&["build", "--as-of", "2026-01-01", "--quiet"])
        .code(0);
    assert_absent(&texts(&p.path().join("site")), &["Plokij", "plokij-senere"]);
    p.run(&["build", "--drafts", "--quiet"]).code(0);
    assert!(p
        .read("site/seminars/plokij-senere/index.html")
        .contains("banner-draft"));
}

#[test]
fn a_draft_bundle_holds_only_its_own_seminar() {
    let p = case("embargo");
    let zip = p.path().join("udkast.zip");
    p.run(&[
        "bundle",
        "--seminar",
        "udkast",
        "--drafts",
        "--as-of",
        "2026-01-01",
        "--quiet",
        "--out",
        zip.to_str().unwrap(),
    ])
    .code(0);
    let files = zip_texts(&zip);
    assert!(files
        .iter()
        .any(|(_, t)| t.contains("Udkast Mnbvc-seminar")));
    // Another embargoed seminar's title, a draft standing commentary and
    // figures held back for the other seminar stay out.
    assert_absent(
        &files,
        &["Plokij", "plokij-senere", "Asdfg", "98765", "98.765"],
    );
    // The figure held back for this seminar is in its own preview.
    assert!(files.iter().any(|(_, t)| t.contains("45678")));
}

#[test]
fn figures_held_back_for_a_seminar_or_released_later_appear_nowhere() {
    let p = case("embargo");
    p.run(&["build", "--as-of", "2026-01-01", "--quiet"])
        .code(0);
    let site = texts(&p.path().join("site"));
    assert_absent(
        &site,
        &["98765", "98.765", "45678", "45.678", "34567", "34.567"],
    );
    // Once the seminar is published, its figures are too.
    p.replace(
        "content/seminars/plokij-senere/index.md",
        "publish = 2099-01-01",
        "publish = 2025-01-01",
    );
    p.run(&["build", "--as-of", "2099-06-01", "--quiet"])
        .code(0);
    let values = p.read("site/data/values.csv");
    assert!(
        values.contains("98765") && values.contains("34567"),
        "{values}"
    );
    assert!(!values.contains("45678"), "the draft's figure stays out");
    // An embargo must name a seminar.
    p.replace(
        "data/values/zz-embargo.csv",
        "plokij-senere",
        "plokij-senre",
    );
    p.run(&["check"])
        .code(1)
        .stderr_contains("`embargo = plokij-senre` names no seminar")
        .stderr_contains("did you mean `plokij-senere`?");
}
