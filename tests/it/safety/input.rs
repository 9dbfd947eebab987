//! Cases 9–13: odd files in `content/`, dates, raw HTML and pathological
//! Markdown give a clear message naming the file, or build.

use crate::harness::SiteTest;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};

fn broken(rel: &str, contents: &[u8]) -> SiteTest {
    SiteTest::fixture("basic").file(rel, contents).build()
}

const A: &str = "content/actualite/casse.md";
const ARTICLE: &str = "2025/07/electricite-ete/index.html";

#[test]
fn case_09_links_in_content_are_reported_and_never_followed() {
    let t = SiteTest::fixture("basic");
    let outside = t.tmp.path().join("dehors.md");
    fs::write(
        &outside,
        "---\ntitle: Fuite\ndate: 2025-05-01\n---\nSecret.\n",
    )
    .unwrap();
    let c = t.root.join("content");
    symlink(&outside, c.join("actualite/dehors.md")).unwrap();
    symlink("../../site.toml", c.join("actualite/dedans.md")).unwrap();
    symlink("manquant.md", c.join("actualite/casse.md")).unwrap();
    symlink("boucle-b", c.join("actualite/boucle-a")).unwrap();
    symlink("boucle-a", c.join("actualite/boucle-b")).unwrap();
    // A folder linked to its own parent: walking it would never end.
    symlink("..", c.join("actualite/remonte")).unwrap();
    let t = t
        .build()
        .assert_success()
        .assert_stderr_has(&format!(
            "content/actualite/dehors.md: warning: is a symbolic link to {}, outside the site; rotative never follows links out of the site, so it was left out",
            fs::canonicalize(&outside).unwrap().display()
        ))
        .assert_stderr_has("content/actualite/dedans.md: warning: is a symbolic link to site.toml; rotative does not follow links, so it was left out (copy the file instead)")
        .assert_stderr_has("content/actualite/casse.md: warning: is a symbolic link to a missing file; it was left out")
        .assert_stderr_has("content/actualite/boucle-a: warning: is a loop of symbolic links; it was left out")
        .assert_stderr_has("content/actualite/boucle-b: warning: is a loop of symbolic links; it was left out")
        .assert_stderr_has("content/actualite/remonte: warning: is a symbolic link to content; rotative does not follow links, so it was left out (copy the file instead)")
        .assert_no_file("2025/05/dehors/index.html");
    let all = crate::harness::tree(&t.public());
    assert!(
        all.values()
            .all(|b| !String::from_utf8_lossy(b).contains("Secret."))
    );
}

/// Runs the build as an unprivileged user when the tests run as root (root
/// reads files whatever their mode), so that `chmod 000` means unreadable.
fn build_unprivileged(t: SiteTest) -> SiteTest {
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return t.build();
    }
    for e in walkdir::WalkDir::new(t.tmp.path()) {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().is_symlink() || p.ends_with("illisible.md") {
            continue;
        }
        let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
        fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
    }
    let out = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_rotative"))
        .arg("build")
        .arg("--root")
        .arg(&t.root)
        .current_dir(t.tmp.path())
        .output()
        .unwrap();
    SiteTest {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        ..t
    }
}

#[test]
fn case_09_an_unreadable_file_is_an_error() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/illisible.md",
        "---\ntitle: Illisible\ndate: 2025-05-01\n---\nTexte.\n",
    );
    fs::set_permissions(
        t.root.join("content/actualite/illisible.md"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let t = build_unprivileged(t).assert_errors(&[
        "content/actualite/illisible.md: error: cannot read: Permission denied (os error 13)",
    ]);
    assert!(!t.public().exists());
}

#[test]
fn case_10_front_matter_closed_with_dots_builds() {
    SiteTest::fixture("basic")
        .file(
            A,
            "---\ntitle: Trois points\ndate: 2025-05-01\n...\nTexte.\n",
        )
        .build()
        .assert_success()
        .assert_page("2025/05/casse/index.html", |p| {
            assert_eq!(p.text("h1"), "Trois points");
            assert_eq!(p.text(".article-body p"), "Texte.");
        });
}

#[test]
fn case_10_a_latin1_file_names_the_first_bad_byte() {
    broken(A, b"---\ntitle: Bon\ndate: 2025-01-01\n---\nL'\xe9t\xe9 \xe0 Lyon.\n").assert_errors(&[
        "content/actualite/casse.md:5: error: the file is not valid UTF-8 (column 3); save it as UTF-8",
    ]);
}

#[test]
fn case_10_a_50_mb_article_and_a_1_mb_line_build() {
    let para = "Le conseil a voté le budget après un long débat sur les transports. ";
    let mut big = String::from("---\ntitle: Très long\ndate: 2025-05-01\n---\n");
    while big.len() < 50 << 20 {
        big.push_str(&para.repeat(12));
        big.push_str("\n\n");
    }
    big.push_str("Dernier paragraphe.\n");
    let line = format!(
        "---\ntitle: Une ligne\ndate: 2025-05-02\n---\n{}fin\n",
        "mot ".repeat(1 << 18)
    );
    let t = SiteTest::fixture("basic")
        .file("content/actualite/long.md", &big)
        .file("content/actualite/ligne.md", &line)
        .build()
        .assert_success();
    let page = t.read("2025/05/long/index.html");
    assert!(page.len() > 50 << 20);
    assert!(page.contains("<p>Dernier paragraphe.</p>"));
    let page = t.read("2025/05/ligne/index.html");
    assert!(page.contains(" mot fin</p>"));
}

#[test]
fn case_13_pathological_markdown_builds() {
    // Indented lists grow as depth² bytes, so those stay at 1,000 levels; a
    // line of `- - - …` nests as deep in linear size.
    let lists: String = (0..1_000)
        .map(|i| format!("{}- a\n", "  ".repeat(i)))
        .chain(std::iter::once(format!("\n{}b\n", "- ".repeat(20_000))))
        .collect();
    let quotes = format!("{} citation\n", ">".repeat(20_000));
    let brackets = "[".repeat(50_000);
    let emphasis = "*a **b ".repeat(20_000);
    let links = "[a](".repeat(20_000);
    let t = SiteTest::fixture("basic")
        .file(
            "content/x/listes.md",
            format!("---\ntitle: Listes\ndate: 2025-05-01\n---\n{lists}\nFIN\n"),
        )
        .file(
            "content/x/citations.md",
            format!("---\ntitle: Citations\ndate: 2025-05-01\n---\n{quotes}\nFIN\n"),
        )
        .file(
            "content/x/crochets.md",
            format!("---\ntitle: Crochets\ndate: 2025-05-01\n---\n{brackets}\n\nFIN\n"),
        )
        .file(
            "content/x/emphase.md",
            format!("---\ntitle: Emphase\ndate: 2025-05-01\n---\n{emphasis}\n\nFIN\n"),
        )
        .file(
            "content/x/liens.md",
            format!("---\ntitle: Liens\ndate: 2025-05-01\n---\n{links}\n\nFIN\n"),
        )
        .build()
        .assert_success();
    for slug in ["listes", "citations", "crochets", "emphase", "liens"] {
        let page = t.read(&format!("2025/05/{slug}/index.html"));
        assert!(page.contains("FIN"), "{slug}");
        assert!(page.contains("</html>"), "{slug}");
    }
    let brackets_page = t.read("2025/05/crochets/index.html");
    assert!(brackets_page.contains(&"[".repeat(50_000)));
}
#[test]
fn case_10_invalid_utf8() {
    broken(A, b"---\ntitle: caf\xe9\n---\n").assert_errors(&[
        "content/actualite/casse.md:2: error: the file is not valid UTF-8 (column 11); save it as UTF-8",
    ]);
}

#[test]
fn case_10_utf16_file() {
    broken(A, b"\xff\xfe-\0-\0-\0").assert_errors(&[
        "content/actualite/casse.md:1: error: the file is UTF-16; save it as UTF-8",
    ]);
}

#[test]
fn case_10_empty_file() {
    broken(A, b"").assert_errors(&[
        "content/actualite/casse.md:1: error: the file is empty; an article needs a front matter",
    ]);
}

#[test]
fn case_10_only_dashes() {
    broken(A, b"---\n").assert_errors(&[
        "content/actualite/casse.md:1: error: the front matter opened on line 1 is never closed: add a line `---` after the last key",
    ]);
}

#[test]
fn case_10_unterminated_front_matter() {
    broken(A, b"---\ntitle: Sans fin\ndate: 2025-01-01\n\nLe texte commence.\n").assert_errors(&[
        "content/actualite/casse.md:1: error: the front matter opened on line 1 is never closed: add a line `---` after the last key",
    ]);
}

#[test]
fn case_11_unparseable_date_names_file_and_line() {
    broken(A, b"---\ntitle: Bon\ndate: 4 mars 2025\n---\n").assert_errors(&[
        "content/actualite/casse.md:3: error: cannot read `date: 4 mars 2025`; accepted forms: 2025-03-04, 2025-03-04 08:30, 2025-03-04T08:30:00+01:00, 2025-03-04 08:30:00 +0100 (a zone name such as CET or Europe/Paris may follow), Tue, 04 Mar 2025 08:30:00 +0100, 4 March 2025 or March 4, 2025",
    ]);
}

#[test]
fn case_11_date_without_offset_is_in_the_site_timezone() {
    SiteTest::fixture("basic")
        .file(
            "site.toml",
            std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml"))
                .unwrap()
                .replace("Europe/Paris", "America/New_York"),
        )
        .build()
        .assert_success()
        .assert_page(ARTICLE, |p| {
            assert_eq!(p.attr("time", "datetime"), "2025-07-04T08:30:00-04:00")
        });
}

#[test]
fn case_11_an_article_dated_today_is_never_hidden_around_midnight() {
    use crate::seo::build_at;
    let today = |now: &str| {
        let t = SiteTest::fixture("basic").file(
            "content/actualite/minuit.md",
            "---\ntitle: Minuit\ndate: 2025-11-25\n---\nTexte.\n",
        );
        build_at(t, now, &[]).assert_success()
    };
    // Five minutes after midnight in Paris, whichever way the clock is written.
    for now in [
        "2025-11-25T00:05:00+01:00",
        "2025-11-24T23:05:00Z",
        "2025-11-25 00:05",
    ] {
        today(now).assert_file("2025/11/minuit/index.html");
    }
    // Five minutes before, it is tomorrow's article: held back, and said so.
    let t = today("2025-11-24T23:55:00+01:00").assert_no_file("2025/11/minuit/index.html");
    assert!(
        t.stdout.contains(
            "Held back 1 scheduled article; the next is due on 2025-11-25 at 00:00 (Europe/Paris)"
        ),
        "{}",
        t.stdout
    );
}

const HTML_BODY: &str = "---\ntitle: HTML\ndate: 2025-05-01\n---\nAvant <mark>important</mark> après.\n\n<!-- more -->\n\n<aside class=\"encadre\">Encadré</aside>\n\n<script>window.x = 1</script>\n";

fn with_raw_html(t: SiteTest, on: bool) -> SiteTest {
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    let toml = match toml.split_once("\n[markdown]\n") {
        Some((before, _)) => before.to_string(),
        None => toml,
    };
    t.file(
        "site.toml",
        format!("{toml}\n[markdown]\nraw_html = {on}\n"),
    )
}

#[test]
fn case_12_raw_html_is_kept_by_default() {
    SiteTest::fixture("basic")
        .file("content/x/html.md", HTML_BODY)
        .build()
        .assert_success()
        .assert_page("2025/05/html/index.html", |p| {
            assert_eq!(p.text(".article-body mark"), "important");
            assert_eq!(p.text(".article-body aside.encadre"), "Encadré");
            assert_eq!(p.count(".article-body script"), 1);
        });
}

#[test]
fn case_12_raw_html_is_printed_as_text_with_the_switch() {
    let t = with_raw_html(SiteTest::fixture("basic"), false)
        .file("content/x/html.md", HTML_BODY)
        .build()
        .assert_success()
        .assert_page("2025/05/html/index.html", |p| {
            assert_eq!(
                p.count(".article-body mark, .article-body aside, .article-body script"),
                0
            );
            let body = p.text(".article-body");
            assert!(
                body.contains("Avant <mark>important</mark> après."),
                "{body}"
            );
            assert!(
                body.contains("<aside class=\"encadre\">Encadré</aside>"),
                "{body}"
            );
            assert!(body.contains("<script>window.x = 1</script>"), "{body}");
            assert!(!body.contains("more"), "the marker is not text: {body}");
        });
    // Explicitly on is the default.
    with_raw_html(t, true)
        .build()
        .assert_success()
        .assert_page("2025/05/html/index.html", |p| {
            assert_eq!(p.count(".article-body aside.encadre"), 1);
        });
}

#[test]
fn case_12_script_urls_in_links_are_always_dropped() {
    let body = "---\ntitle: Liens\ndate: 2025-05-01\n---\n[un](javascript:alert(1)) [deux]( JaVaScRiPt:alert(1)) [trois](vbscript:x) [quatre](data:text/html,x) [bon](https://exemple.org/) ![img](javascript:alert(1))\n";
    for on in [true, false] {
        with_raw_html(SiteTest::fixture("basic"), on)
            .file("content/x/liens.md", body)
            .build()
            .assert_success()
            .assert_page("2025/05/liens/index.html", |p| {
                let hrefs = p.attrs(".article-body a", "href");
                assert_eq!(hrefs, ["https://exemple.org/"], "raw_html = {on}");
                assert_eq!(p.attrs(".article-body img", "src"), [""], "raw_html = {on}");
                let text = p.text(".article-body");
                for word in ["un", "deux", "trois", "quatre", "bon"] {
                    assert!(text.contains(word), "{word} kept as text: {text}");
                }
            });
    }
}
