//! Aliases: redirect pages at old URLs, the `_redirects` file, and the
//! errors for unsafe or clashing aliases.

use super::ELEC;
use crate::harness::{Page, SiteTest};

// ---- Aliases -------------------------------------------------------------

fn with_aliases(t: SiteTest, file: &str, aliases: &str) -> SiteTest {
    let p = t.root.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    let text = text.replacen("---\n", &format!("---\naliases: {aliases}\n"), 1);
    t.file(file, text)
}

#[test]
fn aliases_leave_redirect_pages_and_a_redirects_file() {
    let t = SiteTest::fixture("basic");
    let t = with_aliases(t, ELEC, "[ancien/chemin/, /2019/05/Vieux_Article.html]");
    let t = with_aliases(t, "content/pages/a-propos.md", "qui-sommes-nous")
        .build()
        .assert_success();
    let target = "https://gazette.example/2025/07/electricite-ete/";
    for rel in ["ancien/chemin/index.html", "2019/05/Vieux_Article.html"] {
        let p = Page(t.html(rel));
        assert_eq!(
            p.attr("meta[http-equiv=refresh]", "content"),
            format!("0; url={target}"),
            "{rel}"
        );
        assert_eq!(p.attr("link[rel=canonical]", "href"), target);
        assert_eq!(p.attr("meta[name=robots]", "content"), "noindex");
        assert_eq!(p.attr("body a", "href"), target);
        assert_eq!(
            p.text("body a"),
            "L'électricité de l'été : les prix baissent"
        );
        assert_eq!(p.attr("html", "lang"), "fr");
    }
    let p = Page(t.html("qui-sommes-nous/index.html"));
    assert_eq!(
        p.attr("link[rel=canonical]", "href"),
        "https://gazette.example/a-propos/"
    );
    assert_eq!(
        t.read("_redirects"),
        "/2019/05/Vieux_Article.html /2025/07/electricite-ete/ 301\n\
         /ancien/chemin/ /2025/07/electricite-ete/ 301\n\
         /qui-sommes-nous/ /a-propos/ 301\n"
    );
    // Old URLs are not pages of the site: not in the sitemap.
    assert!(!t.read("sitemap.xml").contains("chemin"));
    assert!(t.stdout.contains("3 redirects"), "{}", t.stdout);
}

/// An old address with a query (WordPress's `/?p=123`) has no file of its
/// own: `_redirects` carries it the way Netlify matches queries, and the home
/// page, opened with that query, goes to the article.
#[test]
fn query_aliases_are_redirected_by_redirects_and_the_home_page() {
    let t = SiteTest::fixture("basic");
    let t = with_aliases(t, ELEC, "[\"/?p=42\", ancien/chemin/]")
        .build()
        .assert_success()
        .assert_no_file("index.html?p=42");
    let redirects = t.read("_redirects");
    assert!(
        redirects
            .lines()
            .any(|l| l == "/ p=42 /2025/07/electricite-ete/ 301"),
        "{redirects}"
    );
    assert!(
        redirects
            .lines()
            .any(|l| l == "/ancien/chemin/ /2025/07/electricite-ete/ 301"),
        "{redirects}"
    );
    let map: serde_json::Value = serde_json::from_str(&t.read("query-redirects.json")).unwrap();
    assert_eq!(
        map,
        serde_json::json!({"?p=42": "/2025/07/electricite-ete/"})
    );
    let home = t.read("index.html");
    assert!(home.contains("fetch(\"/query-redirects.json\")"), "{home}");
    // Only the home page carries the script.
    assert!(!t.read("a-propos/index.html").contains("query-redirects"));

    let Some(binary) = crate::browser::chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let s = crate::server::Server::start(&t.root);
    let mut b = crate::browser::Browser::open(&binary, &format!("{}/?p=42", s.url));
    b.wait_until(
        "the home page opened with ?p=42 to go to the article",
        "location.pathname",
        &serde_json::json!("/2025/07/electricite-ete/"),
    );
}

/// A query alias must be one `key=value` of plain characters.
#[test]
fn a_query_alias_that_is_not_plain_is_an_error_on_its_line() {
    let t = SiteTest::fixture("basic");
    with_aliases(t, ELEC, "[\"/?p=<b>\"]").build().assert_errors(&[
        "content/actualite/2025-03-04-electricite-ete.md:2: error: `aliases`: `/?p=<b>`: an old address with a query is one `key=value` of letters, digits, `-` and `_`, such as `/?p=123`",
    ]);
}

#[test]
fn a_site_without_aliases_has_no_redirects_file() {
    SiteTest::fixture("basic")
        .build()
        .assert_success()
        .assert_no_file("_redirects");
}

#[test]
fn unsafe_aliases_are_errors_on_their_line() {
    let cases = [
        (
            "[../../hors-du-site/]",
            "`aliases`: `..` is not allowed in an alias: it would leave the site's folder",
        ),
        (
            "['ancien\\chemin']",
            "`aliases`: `ancien\\chemin` contains a backslash; separate folders with `/`",
        ),
        (
            "[\"nul\\0/x\"]",
            "`aliases`: the alias contains a control character (NUL, tab…)",
        ),
        (
            "[https://autre.example/x/]",
            "`aliases`: `https://autre.example/x/` is not a path on this site; write the old URL's path, such as `ancien/chemin/`",
        ),
        (
            "[//autre.example/x/]",
            "`aliases`: `//autre.example/x/` is not a path on this site; write the old URL's path, such as `ancien/chemin/`",
        ),
        (
            "[Été 2019/]",
            "`aliases`: `Été 2019` is not a plain URL segment; write it as `ete-2019`",
        ),
        ("[/]", "`aliases`: an alias cannot be the home page `/`"),
        (
            "[.well-known/x]",
            "`aliases`: `.well-known`: a segment of an alias cannot start with `.` (hidden file)",
        ),
    ];
    for (aliases, msg) in cases {
        let t = with_aliases(SiteTest::fixture("basic"), ELEC, aliases)
            .build()
            .assert_errors(&[&format!("{ELEC}:2: error: {msg}")]);
        assert!(!t.public().exists(), "{aliases}: nothing may be written");
        let outside: Vec<_> = std::fs::read_dir(t.tmp.path()).unwrap().collect();
        assert_eq!(outside.len(), 1, "{aliases}: files beside the site");
    }
}

#[test]
fn an_alias_on_a_real_page_is_an_error_naming_both_files() {
    with_aliases(SiteTest::fixture("basic"), ELEC, "[a-propos/]")
        .build()
        .assert_errors(&[&format!(
            "{ELEC}:2: error: alias `/a-propos/` is the URL of content/pages/a-propos.md; remove it from `aliases` or change that file's `slug`"
        )]);
    with_aliases(
        SiteTest::fixture("basic"),
        "content/pages/a-propos.md",
        "[2025/03/Conseil-Municipal/]",
    )
    .build()
    .assert_errors(&["content/pages/a-propos.md:2: error: alias `/2025/03/Conseil-Municipal/` is the URL of content/actualite/conseil-municipal.md; remove it from `aliases` or change that file's `slug`"]);
    with_aliases(SiteTest::fixture("basic"), ELEC, "[2025/07/electricite-ete]")
        .build()
        .assert_errors(&[&format!(
            "{ELEC}:2: error: alias `/2025/07/electricite-ete/` is the own URL of this file; remove it from `aliases`"
        )]);
}

#[test]
fn one_alias_in_two_files_is_an_error_naming_both() {
    let t = with_aliases(SiteTest::fixture("basic"), ELEC, "[ancien/]");
    with_aliases(t, "content/actualite/conseil-municipal.md", "[ancien/]")
        .build()
        .assert_errors(&["content/actualite/conseil-municipal.md:2: error: alias `/ancien/` is also an alias of content/actualite/2025-03-04-electricite-ete.md; keep it in one file only"]);
}

#[test]
fn an_alias_on_a_generated_page_or_a_file_is_an_error() {
    for (alias, url, path) in [
        (
            "rubriques/economie/",
            "/rubriques/economie/",
            "rubriques/economie/index.html",
        ),
        ("Sitemap.xml", "/Sitemap.xml", "sitemap.xml"),
        (
            "images/pylone.png",
            "/images/pylone.png",
            "images/pylone.png",
        ),
        ("page/2", "/page/2/", "page/2/index.html"),
        // A folder where a file is, and a file where a folder is.
        ("_redirects/", "/_redirects/", "_redirects"),
        ("atom.xml/x/", "/atom.xml/x/", "atom.xml"),
    ] {
        with_aliases(SiteTest::fixture("basic"), ELEC, &format!("[{alias}]"))
            .build()
            .assert_errors(&[&format!(
                "{ELEC}:2: error: alias `{url}` would replace `{path}`, which the site already has; remove it from `aliases`"
            )]);
    }
}
