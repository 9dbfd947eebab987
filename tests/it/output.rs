//! Where the output may go, and what happens to a folder already there.

use crate::harness::{SiteTest, tree};
use std::fs;

fn refused(out: &str) -> SiteTest {
    let t = SiteTest::fixture("basic");
    let before = tree(&t.root);
    let t = t.build_with(&["--output", out]);
    assert_eq!(
        t.status,
        Some(1),
        "output {out} was accepted:\n{}",
        t.stderr
    );
    assert!(t.stderr.contains("refusing to use"), "{}", t.stderr);
    assert_eq!(
        before,
        tree(&t.root),
        "the site changed although --output {out} was refused"
    );
    t
}

#[test]
fn output_cannot_be_the_site_or_its_folders() {
    // The harness runs the binary from the temp dir that holds `site/`.
    refused("site");
    refused("site/content");
    refused("site/content/images");
    refused("site/themes");
    refused("site/..");
    refused(".");
    refused("/");
}

#[test]
fn empty_output_is_refused() {
    // clap refuses it before rotative runs, with its usage exit code.
    let t = SiteTest::fixture("basic").build_with(&["--output", ""]);
    assert_eq!(t.status, Some(2));
    assert!(
        t.stderr
            .contains("a value is required for '--output <OUTPUT>'"),
        "{}",
        t.stderr
    );
    assert!(!t.public().exists());
}

#[test]
fn foreign_folder_needs_force() {
    let t = SiteTest::fixture("basic").file("public/precious.txt", "ne pas effacer");
    let t = t.build();
    assert_eq!(t.status, Some(1));
    assert!(t.stderr.contains("it is not empty and was not written by rotative (no .rotative-output file in it); use --force to replace it"), "{}", t.stderr);
    assert_eq!(
        fs::read_to_string(t.public().join("precious.txt")).unwrap(),
        "ne pas effacer"
    );
    let t = t
        .build_with(&["--force"])
        .assert_success()
        .assert_file("index.html");
    assert!(!t.public().join("precious.txt").exists());
}

#[test]
fn own_output_is_replaced_and_stale_files_go() {
    let t = SiteTest::fixture("basic")
        .build()
        .assert_success()
        .assert_file("2025/03/conseil-municipal/index.html");
    t.remove("content/actualite/conseil-municipal.md")
        .build()
        .assert_success()
        .assert_no_file("2025/03/conseil-municipal/index.html")
        .assert_no_file("mots-cles/mairie/index.html");
}

#[test]
fn output_elsewhere_is_fine() {
    let t = SiteTest::fixture("basic");
    let out = t.tmp.path().join("deploy/www");
    let t = t
        .build_with(&["--output", out.to_str().unwrap()])
        .assert_success();
    assert!(out.join("index.html").is_file());
    assert!(!t.public().exists());
}

#[test]
fn a_build_in_progress_blocks_a_second_one() {
    let t = SiteTest::fixture("basic");
    // What a running build holds: a lock on the folder that contains the output.
    let f = fs::File::open(&t.root).unwrap();
    f.lock().unwrap();
    let t = t.build();
    assert_eq!(t.status, Some(1));
    assert!(
        t.stderr
            .contains("another rotative build is in progress for"),
        "{}",
        t.stderr
    );
    drop(f);
    t.build().assert_success();
}
