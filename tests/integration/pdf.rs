//! `maalrapport pdf` without a browser: a clear message, exit 2, nothing
//! written. (Printing itself is tested with a real Chromium by
//! tests/browser/site.sh.)

use crate::harness::Project;

#[test]
fn no_browser_says_how_to_install_one() {
    let p = Project::example();
    let out = p.path().join("site");
    p.run(&[
        "pdf",
        "--browser",
        "/nonexistent/chromium",
        "--out",
        out.to_str().unwrap(),
    ])
    .code(2)
    .stderr_contains("apt-get install chromium");
    assert!(!out.exists());
}

/// A stand-in for Chromium that writes a one-page PDF wherever it is told to.
fn fake_chromium(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("fake-chromium");
    std::fs::write(
        &path,
        "#!/bin/sh\nfor a in \"$@\"; do case $a in --print-to-pdf=*) out=${a#--print-to-pdf=};; esac; done\nprintf '%%PDF-1.4\\n1 0 obj\\n<</Type /Catalog /Pages 2 0 R>>\\nendobj\\n2 0 obj\\n<</Type /Pages /Kids [3 0 R]>>\\nendobj\\n3 0 obj\\n<</Type /Page>>\\nendobj\\n' > \"$out\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[cfg(unix)]
#[test]
fn full_handouts_print_with_full_and_a_later_build_says_which_pdfs_it_removed() {
    let p = Project::example();
    let bin = tempfile::tempdir().unwrap();
    let chromium = fake_chromium(bin.path());
    let chromium = chromium.to_str().unwrap();
    let args = ["pdf", "--quiet", "--seminar", "udvalgsseminar-2015"];
    p.run(&[&args[..], &["--browser", chromium, "--full"]].concat())
        .code(0);
    let dir = "site/seminars/udvalgsseminar-2015";
    for pdf in [
        "udvalgsseminar-2015.pdf",
        "aarhus/udvalgsseminar-2015-aarhus.pdf",
        "aarhus/fuld/udvalgsseminar-2015-aarhus-fuld.pdf",
    ] {
        assert!(p.path().join(dir).join(pdf).is_file(), "{pdf}");
    }
    let short = p.read(&format!("{dir}/aarhus/index.html"));
    let (short_pdf, full_pdf) = (
        "seminars/udvalgsseminar-2015/aarhus/udvalgsseminar-2015-aarhus.pdf\"",
        "seminars/udvalgsseminar-2015/aarhus/fuld/udvalgsseminar-2015-aarhus-fuld.pdf\"",
    );
    assert!(short.contains(short_pdf) && short.contains(full_pdf));
    assert!(p
        .read(&format!("{dir}/aarhus/fuld/index.html"))
        .contains(full_pdf));
    // A plain build writes no PDFs, and says so.
    p.run(&["build", "--quiet"])
        .code(0)
        .stderr_contains("build: removed 13 PDFs made earlier by `maalrapport pdf`")
        .stderr_contains(
            "seminars/udvalgsseminar-2015/aarhus/fuld/udvalgsseminar-2015-aarhus-fuld.pdf",
        )
        .stderr_contains("run `maalrapport pdf --full` to make them again");
    assert!(!p.path().join(dir).join("udvalgsseminar-2015.pdf").exists());
    // Without --full, only the short handouts.
    p.run(&[&args[..], &["--browser", chromium]].concat())
        .code(0);
    assert!(p
        .path()
        .join(dir)
        .join("aarhus/udvalgsseminar-2015-aarhus.pdf")
        .is_file());
    assert!(!p
        .path()
        .join(dir)
        .join("aarhus/fuld/udvalgsseminar-2015-aarhus-fuld.pdf")
        .exists());
}
