//! `maalrapport diff`: two editions of the example data, from a folder and
//! from git, compared line by line.

use std::path::Path;
use std::process::Command;

use crate::harness::{copy_dir, repo, Project, Run};

const REAL: &str = "data/values/real.csv";
const ILLUSTRATIVE: &str = "data/values/illustrative.csv";
const ODENSE_2022: &str = "hjemloese,odense,2022,,,117,,,84 opholder sig i Odense,\"Odense Kommune, Hjemløsetælling 2022 – Odensetal\",,\n";

/// The example with one row added, one removed and one revised.
fn edited(p: &Project) {
    p.append(
        REAL,
        "narkorelaterede-doedsfald,national,2020,,,256,,,,,,\n",
    )
    .replace(REAL, ODENSE_2022, "")
    .replace(
        ILLUSTRATIVE,
        "ung-kriminalitet,kobenhavn,2014,141,1159,,,,,,,",
        "ung-kriminalitet,kobenhavn,2014,143,1159,,,provisional,,,,",
    );
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

#[test]
fn two_folders_added_removed_revised() {
    let earlier = Project::example();
    let current = Project::example();
    edited(&current);
    let since = earlier.path().to_str().unwrap();
    let run = current.run(&["diff", "--since", since]);
    run.code(0);
    assert_eq!(
        lines(&run.stdout),
        [
            "fjernet   hjemloese odense 2022: værdi 117",
            "tilføjet  narkorelaterede-doedsfald national 2020: værdi 256",
            "revideret ung-kriminalitet kobenhavn 2014: tæller 141 → 143, flag – → foreløbig",
            "diff: 1 added, 1 removed, 1 revised",
        ],
        "{}",
        run.stderr
    );
    let csv = current.run(&["diff", "--since", since, "--format", "csv"]);
    csv.code(0);
    assert_eq!(
        lines(&csv.stdout),
        [
            "change,indicator,city,period,group,field,old,new",
            "removed,hjemloese,odense,2022,,value,117,",
            "added,narkorelaterede-doedsfald,national,2020,,value,,256",
            "revised,ung-kriminalitet,kobenhavn,2014,,numerator,141,143",
            "revised,ung-kriminalitet,kobenhavn,2014,,flag,,provisional",
        ]
    );
    assert_eq!(csv.stderr.trim(), "diff: 1 added, 1 removed, 1 revised");
}

#[test]
fn the_same_data_has_no_differences() {
    let earlier = Project::example();
    Project::example()
        .run(&["diff", "--since", earlier.path().to_str().unwrap()])
        .code(0)
        .stdout_contains("diff: 0 added, 0 removed, 0 revised");
}

#[test]
fn cities_and_indicators_in_one_edition_only_are_named() {
    let earlier = Project::example();
    let current = Project::example();
    current.append(
        "data/network.toml",
        "\n[[city]]\nid = \"silkeborg\"\ncode = 740\nname = \"Silkeborg\"\n",
    );
    current.append(
        ILLUSTRATIVE,
        "ung-kriminalitet,silkeborg,2014,12,300,,,,,,,\n",
    );
    earlier.write(
        "data/indicators/gammel.toml",
        "title = \"Gammel\"\ngoals = [\"6by-6\"]\nmeasure = \"count\"\ndirection = \"lower\"\n",
    );
    earlier.append(REAL, "gammel,national,2013,,,7,,,,,,\n");
    let run = current.run(&["diff", "--since", earlier.path().to_str().unwrap()]);
    run.code(0);
    assert_eq!(
        lines(&run.stdout),
        [
            "fjernet   indikator gammel",
            "tilføjet  by silkeborg",
            "fjernet   gammel national 2013: værdi 7",
            "tilføjet  ung-kriminalitet silkeborg 2014: tæller 12, nævner 300",
            "diff: 1 added, 1 removed, 0 revised",
        ]
    );
}

/// Run git in `dir`, asserting success.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

fn commit_all(dir: &Path) {
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "Første udgave"]);
}

#[test]
fn since_head_in_a_git_repository() {
    let p = Project::example();
    commit_all(p.path());
    edited(&p);
    let run = p.run(&["diff", "--since", "HEAD"]);
    run.code(0);
    assert_eq!(
        lines(&run.stdout).last(),
        Some(&"diff: 1 added, 1 removed, 1 revised"),
        "{}",
        run.stdout
    );
    assert!(lines(&run.stdout).contains(
        &"revideret ung-kriminalitet kobenhavn 2014: tæller 141 → 143, flag – → foreløbig"
    ));
    // Nothing in the repository was touched: the work tree still has the edits.
    assert!(p.read(REAL).contains("national,2020,,,256"));
}

#[test]
fn a_ref_that_does_not_exist_is_exit_2() {
    let p = Project::example();
    commit_all(p.path());
    p.run(&["diff", "--since", "udgave-der-ikke-findes"])
        .code(2)
        .stderr_contains(
            "`udgave-der-ikke-findes` is neither a folder nor a commit, branch or tag",
        );
}

#[test]
fn a_project_in_a_sub_folder_of_the_repository() {
    let top = Project::empty();
    let proj = top.path().join("rapport");
    std::fs::create_dir_all(&proj).unwrap();
    std::fs::copy(
        repo().join("maalrapport.toml"),
        proj.join("maalrapport.toml"),
    )
    .unwrap();
    copy_dir(&repo().join("data"), &proj.join("data"));
    commit_all(top.path());
    top.replace(
        "rapport/data/values/illustrative.csv",
        "ung-kriminalitet,kobenhavn,2014,141,1159,",
        "ung-kriminalitet,kobenhavn,2014,141,1160,",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_maalrapport"))
        .args(["diff", "--since", "HEAD~0", "--root"])
        .arg(&proj)
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    run.code(0);
    assert_eq!(
        lines(&run.stdout),
        [
            "revideret ung-kriminalitet kobenhavn 2014: nævner 1.159 → 1.160",
            "diff: 0 added, 0 removed, 1 revised",
        ]
    );
}

#[test]
fn errors_in_the_earlier_edition_stop_the_comparison() {
    let earlier = Project::example();
    earlier.append(REAL, "hjemloese,aarhuus,2023,,,1,,,,,,\n");
    let run = Project::example().run(&["diff", "--since", earlier.path().to_str().unwrap()]);
    run.code(1)
        .stderr_contains("data/values/real.csv:32:11: error: unknown city `aarhuus`")
        .stderr_contains("diff: nothing compared — the earlier edition");
    assert!(run.stdout.is_empty());
}
