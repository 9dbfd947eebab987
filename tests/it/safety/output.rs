//! Cases 1–8: nothing written outside the output folder, nothing lost.

use super::paths;
use crate::harness::{SiteTest, tree};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs a build from `cwd` with `--output out` and checks that it was refused
/// before anything in the temp folder changed.
fn refused_from(t: SiteTest, cwd: &Path, out: &str) -> SiteTest {
    let before = tree(t.tmp.path());
    let t = t.build_in(cwd, &["--output", out]);
    assert_eq!(
        t.status,
        Some(1),
        "output {out:?} was accepted:\n{}",
        t.stderr
    );
    assert!(
        t.stderr.contains("refusing to use"),
        "{out:?}: {}",
        t.stderr
    );
    assert_eq!(
        before,
        tree(t.tmp.path()),
        "files changed although --output {out:?} was refused"
    );
    t
}

#[test]
fn case_01_output_folder_that_holds_the_site_is_refused() {
    let mut t = SiteTest::fixture("basic");
    let tmp = t.tmp.path().to_path_buf();
    let site = t.root.clone();
    // From the folder that holds the site.
    for out in [
        "site",
        "site/content",
        "site/content/images",
        "site/themes",
        "site/..",
        ".",
        "/",
    ] {
        t = refused_from(t, &tmp, out);
    }
    // From inside the site, as an editor would type them.
    for out in [
        ".",
        "..",
        "content",
        "themes",
        "./content/../themes",
        "../..",
    ] {
        t = refused_from(t, &site, out);
    }
    // `~` is the shell's to expand; rotative never takes it as a folder name.
    for out in ["~", "~/public"] {
        t = refused_from(t, &site, out);
    }
    // Ancestors given as absolute paths.
    for anc in site.ancestors().skip(1) {
        t = refused_from(t, &site, anc.to_str().unwrap());
    }
    // The empty name is refused by the argument parser, before rotative runs.
    let t = t.build_in(&site, &["--output", ""]);
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
fn case_02_foreign_folder_needs_force_and_own_output_is_replaced() {
    let t = SiteTest::fixture("basic").file("public/precious.txt", "ne pas effacer");
    let t = t.build();
    assert_eq!(t.status, Some(1));
    assert!(t.stderr.contains("refusing to replace ") && t.stderr.contains("it is not empty and was not written by rotative (no .rotative-output file in it); use --force to replace it"), "{}", t.stderr);
    assert_eq!(
        fs::read_to_string(t.public().join("precious.txt")).unwrap(),
        "ne pas effacer"
    );
    let t = t
        .build_with(&["--force"])
        .assert_success()
        .assert_file("index.html")
        .assert_file(".rotative-output");
    assert!(!t.public().join("precious.txt").exists());
    // With the marker, the next build replaces it without --force, stale pages gone.
    t.remove("content/actualite/conseil-municipal.md")
        .build()
        .assert_success()
        .assert_no_file("2025/03/conseil-municipal/index.html")
        .assert_no_file("mots-cles/mairie/index.html");
}

/// Builds `t` and checks that nothing appeared outside `site/public` (and
/// `.rotative-cache`, the site's own cache), whatever the front matter said.
fn build_contained(t: SiteTest) -> SiteTest {
    let skip = ["site/public", "site/.rotative-cache"];
    let before = paths(t.tmp.path(), &skip);
    let t = t.build();
    let after = paths(t.tmp.path(), &skip);
    assert_eq!(before, after, "files appeared outside the output folder");
    for p in paths(&t.public(), &[]) {
        assert!(
            !p.contains("..") && !p.contains('\\') && !p.contains('\0'),
            "odd output path {p}"
        );
    }
    t
}

#[test]
fn case_03_path_like_slugs_tags_categories_and_authors_stay_inside() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/evasion.md",
        "---\ntitle: Évasion\ndate: 2025-05-01\nslug: \"../../../../tmp/evasion\"\n\
         category: \"../../sortie\"\nauthor: \"/root/.ssh/id\"\n\
         tags: [\"../../etc\", \"a/b\", \"c\\\\d\", \"nul\\0octet\", \"/absolu\", \"C:\\\\Windows\"]\n---\nTexte.\n",
    );
    build_contained(t)
        .assert_success()
        .assert_file("2025/05/tmp-evasion/index.html")
        .assert_file("rubriques/sortie/index.html")
        .assert_file("auteurs/root-ssh-id/index.html")
        .assert_file("mots-cles/etc/index.html")
        .assert_file("mots-cles/a-b/index.html")
        .assert_file("mots-cles/c-d/index.html")
        .assert_file("mots-cles/nul-octet/index.html")
        .assert_file("mots-cles/absolu/index.html")
        .assert_file("mots-cles/c-windows/index.html")
        .assert_page("2025/05/tmp-evasion/index.html", |p| {
            assert_eq!(p.text("h1"), "Évasion");
        });
}

#[test]
fn case_03_names_with_nothing_left_are_reported() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/vide.md",
        "---\ntitle: Vide\ndate: 2025-05-01\nslug: \"../..\"\n---\nTexte.\n",
    );
    build_contained(t).assert_errors(&[
        "content/actualite/vide.md:4: error: the slug is empty once reduced to letters and digits; set `slug:`",
    ]);
    let t = SiteTest::fixture("basic").file(
        "content/actualite/vide.md",
        "---\ntitle: Vide\ndate: 2025-05-01\ncategory: \"/\"\nauthor: \"..\"\ntags: [\"..\", ok]\n---\nTexte.\n",
    );
    build_contained(t)
        .assert_success()
        .assert_stderr_has("content/actualite/vide.md:4: warning: category `/` has no letter or digit to make a URL of; the article is left without a category")
        .assert_stderr_has("content/actualite/vide.md:5: warning: author `..` has no letter or digit to make a URL of; it was left out")
        .assert_stderr_has("content/actualite/vide.md:6: warning: tag `..` has no letter or digit to make a URL of; it was left out")
        .assert_file("mots-cles/ok/index.html");
}

#[test]
fn case_04_reserved_and_odd_names_are_sanitized() {
    let t = SiteTest::fixture("basic")
        .file("content/actualite/CON.md", "---\ntitle: Con\ndate: 2025-05-01\ntags: [nul, \"AUX\", \"fin. \", \"a:b?\", \"lpt1 \"]\ncategory: \"com1.\"\n---\nTexte.\n")
        .file("content/actualite/aux.md", "---\ntitle: Aux\ndate: 2025-05-02\n---\nTexte.\n")
        .file("content/actualite/Été à Lyon .md", "---\ntitle: Été\ndate: 2025-05-03\n---\nTexte.\n");
    let t = build_contained(t).assert_success();
    let t = t
        .assert_file("2025/05/con-_/index.html")
        .assert_file("2025/05/aux-_/index.html")
        .assert_file("2025/05/ete-a-lyon/index.html")
        .assert_file("mots-cles/nul-_/index.html")
        .assert_file("mots-cles/aux-_/index.html")
        .assert_file("mots-cles/fin/index.html")
        .assert_file("mots-cles/a-b/index.html")
        .assert_file("mots-cles/lpt1-_/index.html")
        .assert_file("rubriques/com1-_/index.html");
    // The same name in NFD (as macOS writes it) gives the same URL.
    let nfc = t.root.join("content/actualite/Été à Lyon .md");
    let nfd = t
        .root
        .join("content/actualite/E\u{301}te\u{301} a\u{300} Lyon .md");
    fs::rename(&nfc, &nfd).unwrap();
    let t = t
        .build()
        .assert_success()
        .assert_file("2025/05/ete-a-lyon/index.html");
    // Both forms at once are two sources for one URL.
    fs::write(&nfc, "---\ntitle: Été bis\ndate: 2025-05-04\n---\nTexte.\n").unwrap();
    let t = t.build();
    assert_eq!(t.status, Some(1));
    assert!(t.stderr.contains("/2025/05/ete-a-lyon/"), "{}", t.stderr);
}

#[test]
fn case_05_two_sources_for_one_url_are_both_named() {
    SiteTest::fixture("basic")
        .file("content/x/doublon.md", "---\ntitle: Un\ndate: 2025-04-01\n---\n")
        .file("content/y/doublon.md", "---\ntitle: Deux\ndate: 2025-04-02\n---\n")
        .build()
        .assert_errors(&[
            "content/y/doublon.md: error: content/x/doublon.md and content/y/doublon.md both map to `/2025/04/doublon/`; give one of them another `slug`",
        ]);
}

#[test]
fn case_05_case_only_difference_is_a_collision() {
    SiteTest::fixture("basic")
        .file("content/x/Foo.md", "---\ntitle: Un\ndate: 2025-04-01\n---\n")
        .file("content/x/foo.md", "---\ntitle: Deux\ndate: 2025-04-01\n---\n")
        .build()
        .assert_errors(&[
            "content/x/foo.md: error: content/x/Foo.md and content/x/foo.md both map to `/2025/04/foo/`; give one of them another `slug`",
        ]);
}

/// A site big enough that a debug build takes a while, so that kills and
/// races land in the middle of one.
fn big_site(n: usize) -> SiteTest {
    let mut t = SiteTest::fixture("basic");
    let para =
        "Un paragraphe pour donner du poids à la page, avec un [lien](/a-propos/). ".repeat(30);
    for i in 0..n {
        t = t.file(
            &format!("content/masse/article-{i:04}.md"),
            format!(
                "---\ntitle: Article numéro {i}\ndate: 2025-01-{:02}\nauthor: alice-durand\ncategory: Masse\ntags: [t{}, u{}]\n---\n{para}\n\n{para}\n",
                1 + i % 28,
                i % 17,
                i % 5
            ),
        );
    }
    t
}

/// A small xorshift generator: the tests print their seed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let seed = std::env::var("ROTATIVE_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("seed: ROTATIVE_TEST_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn build_command(t: &SiteTest, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rotative"));
    c.arg("build")
        .arg("--root")
        .arg(&t.root)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    c
}

fn leftovers(root: &Path) -> Vec<String> {
    fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("rotative-") && n != ".rotative-cache")
        .collect()
}

#[test]
fn case_06_a_killed_build_leaves_the_previous_output_whole() {
    let t = big_site(300).build().assert_success();
    let old = tree(&t.public());
    // The next version of the site, built once elsewhere to know what it is.
    let t = t.file(
        "content/masse/article-0000.md",
        "---\ntitle: Nouvelle version\ndate: 2025-01-01\n---\nTexte.\n",
    );
    let elsewhere = t.tmp.path().join("attendu");
    let started = Instant::now();
    let t = t
        .build_with(&["--output", elsewhere.to_str().unwrap()])
        .assert_success();
    let duration = started.elapsed().as_millis() as u64;
    let new = tree(&elsewhere);
    assert_ne!(old, new);
    let mut rng = Rng::seeded();
    let mut killed = 0;
    for round in 0..6 {
        let mut child = build_command(&t, &[]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(duration + duration / 4)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed += 1;
        }
        let now = tree(&t.public());
        assert!(
            now == old || now == new,
            "round {round}: public/ is neither the previous nor the next build ({} files)",
            now.len()
        );
    }
    assert!(killed > 0, "no build was killed before it ended");
    let t = t.build().assert_success();
    assert_eq!(tree(&t.public()), new);
    assert_eq!(leftovers(&t.root), Vec::<String>::new());
}

#[test]
fn case_07_two_builds_at_once_never_mix() {
    let t = big_site(150);
    let mut trees = Vec::new();
    let mut t = t;
    for base in ["https://a.example/", "https://b.example/"] {
        let out = t.tmp.path().join(&base[8..9]);
        t = t
            .build_with(&["--base-url", base, "--output", out.to_str().unwrap()])
            .assert_success();
        trees.push(tree(&out));
    }
    for _ in 0..2 {
        let a = build_command(&t, &["--base-url", "https://a.example/"])
            .spawn()
            .unwrap();
        let b = build_command(&t, &["--base-url", "https://b.example/"])
            .spawn()
            .unwrap();
        let mut successes = 0;
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                successes += 1;
            } else {
                assert!(
                    stderr.contains("another rotative build is in progress for"),
                    "{stderr}"
                );
            }
        }
        assert!(successes >= 1);
        let now = tree(&t.public());
        assert!(
            now == trees[0] || now == trees[1],
            "public/ mixes two builds"
        );
    }
}

#[test]
fn case_07_a_held_lock_is_a_clear_error() {
    let t = SiteTest::fixture("basic");
    // What a running build holds: a lock on the folder that contains the output.
    let f = fs::File::open(&t.root).unwrap();
    f.lock().unwrap();
    let t = t.build();
    assert_eq!(t.status, Some(1));
    assert!(
        t.stderr.contains(&format!(
            "another rotative build is in progress for {} (lock held on {}); try again when it ends",
            t.public().display(),
            t.root.display()
        )),
        "{}",
        t.stderr
    );
    drop(f);
    t.build().assert_success();
}

#[test]
fn case_08_a_deleted_source_disappears_on_the_next_build() {
    let t = SiteTest::fixture("basic")
        .build()
        .assert_success()
        .assert_file("2025/03/conseil-municipal/index.html")
        .assert_page("index.html", |p| {
            assert!(
                p.attrs("a", "href")
                    .iter()
                    .any(|h| h.ends_with("/2025/03/conseil-municipal/"))
            );
        });
    t.remove("content/actualite/conseil-municipal.md")
        .build()
        .assert_success()
        .assert_no_file("2025/03/conseil-municipal/index.html")
        .assert_page("index.html", |p| {
            assert!(
                !p.attrs("a", "href")
                    .iter()
                    .any(|h| h.contains("conseil-municipal"))
            );
        });
}

#[test]
fn case_03_aliases_cannot_leave_the_output_folder() {
    for (alias, message) in [
        (
            "../../../evasion/",
            "`..` is not allowed in an alias: it would leave the site's folder",
        ),
        (
            "'C:\\evasion'",
            "`C:\\evasion` contains a backslash; separate folders with `/`",
        ),
        (
            "\"x\\0y/\"",
            "the alias contains a control character (NUL, tab…)",
        ),
        (
            "//autre.example/x/",
            "`//autre.example/x/` is not a path on this site; write the old URL's path, such as `ancien/chemin/`",
        ),
    ] {
        let t = SiteTest::fixture("basic").file(
            "content/actualite/alias.md",
            format!("---\ntitle: Alias\ndate: 2025-05-01\naliases: [{alias}]\n---\nTexte.\n"),
        );
        build_contained(t).assert_errors(&[&format!(
            "content/actualite/alias.md:4: error: `aliases`: {message}"
        )]);
    }
    // An absolute path is taken from the site's root, inside the output.
    let t = SiteTest::fixture("basic").file(
        "content/actualite/alias.md",
        "---\ntitle: Alias\ndate: 2025-05-01\naliases: [/etc/ancien/]\n---\nTexte.\n",
    );
    build_contained(t)
        .assert_success()
        .assert_file("etc/ancien/index.html");
}
