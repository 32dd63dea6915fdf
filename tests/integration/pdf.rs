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
