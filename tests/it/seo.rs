//! News SEO (OpenGraph, JSON-LD, the Google News sitemap), the build time
//! (`ROTATIVE_NOW`), scheduling (`--future`) and aliases (redirect pages,
//! `_redirects`), checked on the files a build writes.

use crate::harness::{Page, SiteTest, tree};
use serde_json::Value;
use std::process::Command;

const ARTICLE: &str = "2025/07/electricite-ete/index.html";
const ELEC: &str = "content/actualite/2025-03-04-electricite-ete.md";
/// A day and a bit after the fixture's newest article (2025-07-04 08:30).
const NOW: &str = "2025-07-05T10:00:00+02:00";

/// `rotative build` with `ROTATIVE_NOW` set (the harness's `build_with`
/// inherits the test's environment, which must not be changed: tests run in
/// parallel threads).
fn build_at(mut t: SiteTest, now: &str, args: &[&str]) -> SiteTest {
    let out = Command::new(env!("CARGO_BIN_EXE_rotative"))
        .arg("build")
        .arg("--root")
        .arg(&t.root)
        .args(args)
        .env("ROTATIVE_NOW", now)
        .current_dir(t.tmp.path())
        .output()
        .unwrap();
    t.status = out.status.code();
    t.stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    t.stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    t
}

/// The start of a PNG file: enough for anything that reads its size.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    v.extend(width.to_be_bytes());
    v.extend(height.to_be_bytes());
    v.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    v
}

fn json_ld(p: &Page) -> Value {
    serde_json::from_str(&p.text("script[type='application/ld+json']")).unwrap()
}

fn site_toml() -> String {
    std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml")).unwrap()
}

/// The fixture's site.toml with `line` added at the top level.
fn with_config(t: SiteTest, line: &str) -> SiteTest {
    t.file("site.toml", format!("{line}\n{}", site_toml()))
}

fn article(title: &str, date: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nauthor: alice-durand\ncategory: Économie\ntags: [énergie]\n{extra}---\nTexte de {title}.\n"
    )
}

// ---- News SEO ------------------------------------------------------------

#[test]
fn article_head_carries_opengraph_with_image_size() {
    let t = with_config(SiteTest::fixture("basic"), "logo = \"/images/logo.png\"")
        .file("content/images/pylone.png", png(1200, 630))
        .file("content/images/logo.png", png(600, 60))
        .build()
        .assert_success();
    let p = Page(t.html(ARTICLE));
    let meta = |prop: &str| p.attrs(&format!("meta[property='{prop}']"), "content");
    assert_eq!(meta("og:type"), ["article"]);
    assert_eq!(
        meta("og:image"),
        ["https://gazette.example/images/pylone.png"]
    );
    assert_eq!(meta("og:image:width"), ["1200"]);
    assert_eq!(meta("og:image:height"), ["630"]);
    assert_eq!(
        meta("article:published_time"),
        ["2025-07-04T08:30:00+02:00"]
    );
    // No `updated`: modified is the publication date.
    assert_eq!(meta("article:modified_time"), ["2025-07-04T08:30:00+02:00"]);
    assert_eq!(
        meta("article:author"),
        ["https://gazette.example/auteurs/alice-durand/"]
    );
    assert_eq!(meta("article:section"), ["Économie"]);
    assert_eq!(meta("article:tag"), ["énergie", "Prix"]);
    assert_eq!(
        p.attrs("meta[name='twitter:card']", "content"),
        ["summary_large_image"]
    );
    assert_eq!(
        p.attr("link[rel=canonical]", "href"),
        "https://gazette.example/2025/07/electricite-ete/"
    );

    let ld = json_ld(&p);
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["image"],
        serde_json::json!([{"@type": "ImageObject", "url": "https://gazette.example/images/pylone.png", "width": 1200, "height": 630}])
    );
    assert_eq!(
        ld["author"],
        serde_json::json!([{"@type": "Person", "name": "Alice Durand", "url": "https://gazette.example/auteurs/alice-durand/"}])
    );
    let publisher = &ld["publisher"];
    assert_eq!(publisher["name"], "La Gazette d'essai");
    assert_eq!(
        publisher["logo"],
        serde_json::json!({"@type": "ImageObject", "url": "https://gazette.example/images/logo.png", "width": 600, "height": 60})
    );

    // Two authors: one article:author each, one Person each.
    let p = Page(t.html("2025/03/marche-du-samedi/index.html"));
    assert_eq!(
        p.attrs("meta[property='article:author']", "content"),
        [
            "https://gazette.example/auteurs/alice-durand/",
            "https://gazette.example/auteurs/bruno-petit/"
        ]
    );
    let ld = json_ld(&p);
    assert_eq!(ld["author"].as_array().unwrap().len(), 2);
    assert_eq!(ld["author"][1]["@type"], "Person");
    assert_eq!(
        ld["author"][1]["url"],
        "https://gazette.example/auteurs/bruno-petit/"
    );
}

#[test]
fn modified_time_comes_from_updated_or_modified() {
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/modifie.md",
            article(
                "Modifié",
                "2025-06-01 12:00",
                "modified: 2025-06-02 08:00\n",
            ),
        )
        .build()
        .assert_success();
    for (page, published, modified) in [
        (
            "2025/03/conseil-municipal/index.html",
            "2025-03-10T19:00:00+01:00",
            "2025-03-11T09:15:00+01:00",
        ),
        (
            "2025/06/modifie/index.html",
            "2025-06-01T12:00:00+02:00",
            "2025-06-02T08:00:00+02:00",
        ),
    ] {
        let p = Page(t.html(page));
        assert_eq!(
            p.attr("meta[property='article:modified_time']", "content"),
            modified
        );
        let ld = json_ld(&p);
        assert_eq!(ld["datePublished"], published);
        assert_eq!(ld["dateModified"], modified);
    }
}

#[test]
fn updated_and_modified_together_is_an_error() {
    SiteTest::fixture("basic")
        .file(
            "content/actualite/deux.md",
            article("Deux", "2025-06-01", "updated: 2025-06-02\nmodified: 2025-06-03\n"),
        )
        .build()
        .assert_errors(&[
            "content/actualite/deux.md:8: error: `updated` and `modified` mean the same; keep only one",
        ]);
}

#[test]
fn remote_and_unreadable_photos_have_no_size() {
    let remote = "photo:\n  src: https://images.example/x.jpg\n  alt: Une photo\n";
    // The fixture's pylone.png is not an image: no size, and no error either.
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/distante.md",
            article("Distante", "2025-06-01", remote),
        )
        .build()
        .assert_success();
    for page in [ARTICLE, "2025/06/distante/index.html"] {
        let p = Page(t.html(page));
        assert_eq!(p.count("meta[property='og:image']"), 1, "{page}");
        assert_eq!(p.count("meta[property='og:image:width']"), 0, "{page}");
        let ld = json_ld(&p);
        assert_eq!(ld["image"][0]["@type"], "ImageObject");
        assert!(ld["image"][0].get("width").is_none(), "{page}");
    }
    let ld = json_ld(&Page(t.html("2025/06/distante/index.html")));
    assert_eq!(ld["image"][0]["url"], "https://images.example/x.jpg");
}

// ---- The news sitemap ----------------------------------------------------

#[test]
fn news_sitemap_lists_the_articles_of_the_last_48_hours() {
    let t = SiteTest::fixture("basic")
        // Exactly 48 hours before NOW: in; 48 h and one minute: out.
        .file(
            "content/actualite/limite.md",
            article("À la limite & au-delà", "2025-07-03T10:00:00+02:00", ""),
        )
        .file(
            "content/actualite/trop-vieux.md",
            article("Trop vieux", "2025-07-03 09:59", ""),
        )
        .file(
            "content/actualite/demain.md",
            article("Demain", "2025-07-06 09:00", ""),
        );
    let t = build_at(t, NOW, &[]).assert_success();
    let xml = t.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(SM));
    assert_eq!(root.tag_name().name(), "urlset");
    fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, ns: &str, name: &str) -> roxmltree::Node<'a, 'i> {
        n.children()
            .find(|c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no {name}"))
    }
    let urls: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let entries: Vec<(String, String, String, String, String)> = urls
        .iter()
        .map(|u| {
            assert_eq!(u.tag_name().name(), "url");
            let news = child(*u, NEWS, "news");
            let publication = child(news, NEWS, "publication");
            let text = |n: roxmltree::Node| n.text().unwrap_or("").to_string();
            (
                text(child(*u, SM, "loc")),
                text(child(publication, NEWS, "name")),
                text(child(publication, NEWS, "language")),
                text(child(news, NEWS, "publication_date")),
                text(child(news, NEWS, "title")),
            )
        })
        .collect();
    let e = |loc: &str, date: &str, title: &str| {
        (
            format!("https://gazette.example{loc}"),
            "La Gazette d'essai".to_string(),
            "fr".to_string(),
            date.to_string(),
            title.to_string(),
        )
    };
    assert_eq!(
        entries,
        [
            e(
                "/2025/07/electricite-ete/",
                "2025-07-04T08:30:00+02:00",
                "L'électricité de l'été : les prix baissent"
            ),
            e(
                "/2025/07/limite/",
                "2025-07-03T10:00:00+02:00",
                "À la limite & au-delà"
            ),
        ]
    );
    assert_eq!(
        t.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://gazette.example/sitemap.xml\nSitemap: https://gazette.example/news-sitemap.xml\n"
    );
}

#[test]
fn news_sitemap_name_and_switch() {
    let t = SiteTest::fixture("basic").file(
        "site.toml",
        format!("{}\n[news]\nname = \"La Gazette\"\n", site_toml()),
    );
    let t = build_at(t, NOW, &[]).assert_success();
    let xml = t.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let names: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "name")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(names, ["La Gazette"]);

    let t = t.file(
        "site.toml",
        format!("{}\n[news]\nsitemap = false\n", site_toml()),
    );
    let t = build_at(t, NOW, &[])
        .assert_success()
        .assert_no_file("news-sitemap.xml");
    assert_eq!(
        t.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://gazette.example/sitemap.xml\n"
    );
}

#[test]
fn news_sitemap_without_recent_articles_is_empty_and_valid() {
    let t = build_at(SiteTest::fixture("basic"), "2026-01-01T00:00:00Z", &[]).assert_success();
    let xml = t.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        doc.root_element()
            .children()
            .filter(|n| n.is_element())
            .count(),
        0
    );
}

#[test]
fn a_bad_build_time_is_an_error() {
    build_at(SiteTest::fixture("basic"), "demain matin", &[]).assert_errors(&[
        "error: ROTATIVE_NOW: cannot read `demain matin` as a date; write it as 2026-11-25T10:00:00+01:00",
    ]);
}

// ---- Scheduling ----------------------------------------------------------

/// Every output file that mentions `needle`.
fn files_mentioning(t: &SiteTest, needle: &str) -> Vec<String> {
    tree(&t.public())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn articles_dated_after_the_build_time_are_held_back() {
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/programme.md",
            article(
                "Article programmé",
                "2025-07-06 09:00",
                "aliases: [programme-ancien/]\n",
            ),
        )
        .file(
            "content/actualite/plus-tard.md",
            article("Encore plus tard", "2025-08-01T07:00:00Z", ""),
        );
    let t = build_at(t, NOW, &[]).assert_success();
    assert!(
        t.stdout.lines().any(|l| l
            == "Held back 2 scheduled articles; the next is due on 2025-07-06 at 09:00 (Europe/Paris); use --future to include them"),
        "{}",
        t.stdout
    );
    // Not rendered, and in no listing, feed, sitemap or « À lire aussi ».
    let t = t
        .assert_no_file("2025/07/programme/index.html")
        .assert_no_file("2025/08/plus-tard/index.html")
        .assert_no_file("programme-ancien/index.html")
        .assert_no_file("_redirects");
    assert_eq!(files_mentioning(&t, "programm"), Vec::<String>::new());
    assert_eq!(files_mentioning(&t, "plus-tard"), Vec::<String>::new());
    assert!(t.stdout.starts_with("Built "));

    // --future publishes them everywhere.
    let t = build_at(t, NOW, &["--future"]).assert_success();
    assert!(
        t.stdout.lines().any(|l| l
            == "Included 2 articles dated in the future (--future); the earliest is dated 2025-07-06 at 09:00 (Europe/Paris)"),
        "{}",
        t.stdout
    );
    let t = t
        .assert_file("2025/07/programme/index.html")
        .assert_file("2025/08/plus-tard/index.html")
        .assert_file("programme-ancien/index.html");
    for f in [
        "index.html",
        "atom.xml",
        "sitemap.xml",
        "mots-cles/energie/index.html",
        "rubriques/economie/index.html",
    ] {
        assert!(t.read(f).contains("/2025/07/programme/"), "{f}");
    }
    let related = Page(t.html(ARTICLE)).attrs(".related a", "href");
    assert!(
        related.iter().any(|h| h == "/2025/07/programme/"),
        "{related:?}"
    );
    // Still not news: it is not published yet.
    assert!(!t.read("news-sitemap.xml").contains("programme"));
}

#[test]
fn nothing_scheduled_prints_no_line() {
    let t = build_at(SiteTest::fixture("basic"), NOW, &[]).assert_success();
    assert_eq!(t.stdout.lines().count(), 1, "{}", t.stdout);
}

/// Whether the article `file` (dated `date` in the front matter) is published
/// by a build at `now` on a site in `zone`.
fn published(zone: &str, date: &str, now: &str) -> bool {
    let t = SiteTest::fixture("basic")
        .file("site.toml", site_toml().replace("Europe/Paris", zone))
        .file(
            "content/actualite/jour-j.md",
            format!("---\ntitle: Jour J\n{date}---\nTexte.\n"),
        );
    let t = build_at(t, now, &[]).assert_success();
    let on_disk = t.public().join("2025/11/jour-j/index.html").is_file();
    assert_eq!(on_disk, !t.stdout.contains("Held back"), "{}", t.stdout);
    on_disk
}

#[test]
fn an_article_dated_today_is_published_from_local_midnight() {
    let day = "date: 2025-11-25\n";
    // Just after midnight in Paris, written with the Paris offset, in UTC,
    // and without an offset (the site zone).
    assert!(published("Europe/Paris", day, "2025-11-25T00:05:00+01:00"));
    assert!(published("Europe/Paris", day, "2025-11-24T23:05:00Z"));
    assert!(published("Europe/Paris", day, "2025-11-25 00:00"));
    assert!(!published("Europe/Paris", day, "2025-11-24T23:55:00+01:00"));
    // A date in the file name, without `date:`, is the same day at midnight.
    let t = SiteTest::fixture("basic").file(
        "content/actualite/2025-11-25-jour-j.md",
        "---\ntitle: Jour J\n---\nTexte.\n",
    );
    build_at(t, "2025-11-24T23:05:00Z", &[])
        .assert_success()
        .assert_file("2025/11/jour-j/index.html");
    // In New York, the same day starts six hours later.
    assert!(published(
        "America/New_York",
        day,
        "2025-11-25T00:05:00-05:00"
    ));
    assert!(!published(
        "America/New_York",
        day,
        "2025-11-25T05:55:00+01:00"
    ));
    // A time with its own offset is an instant, whatever the site zone.
    let at = "date: 2025-11-25T09:00:00-05:00\n";
    assert!(!published("Europe/Paris", at, "2025-11-25T14:59:00+01:00"));
    assert!(published("Europe/Paris", at, "2025-11-25T15:00:00+01:00"));
}

#[test]
fn the_next_date_is_given_in_the_site_zone() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/new-york.md",
        "---\ntitle: New York\ndate: 2025-11-25T09:00:00-05:00\n---\nTexte.\n",
    );
    let t = build_at(t, "2025-11-25T10:00:00+01:00", &[]).assert_success();
    assert!(
        t.stdout
            .contains("the next is due on 2025-11-25 at 15:00 (Europe/Paris)"),
        "{}",
        t.stdout
    );
}

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

// ---- Previews ------------------------------------------------------------

/// A preview decides with the time of each rebuild: an article scheduled four
/// seconds ahead is held back, then published by the first rebuild after its
/// time, even one caused by an unrelated edit that would otherwise only swap
/// that article in place.
#[test]
fn a_preview_rebuild_publishes_what_has_become_due() {
    use rotative::incremental::{ChangeSet, Incremental};
    use rotative::site::LoadOptions;
    let due = chrono::Utc::now() + chrono::Duration::seconds(4);
    let t = SiteTest::fixture("basic").file(
        "content/actualite/bientot.md",
        article("Bientôt", &due.to_rfc3339(), ""),
    );
    let page = format!("{}/bientot/index.html", due.format("%Y/%m"));
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    assert!(inc.page(&page).is_none(), "published before its time");
    let wait = due - chrono::Utc::now() + chrono::Duration::milliseconds(200);
    std::thread::sleep(wait.to_std().unwrap_or_default());
    let body = t.root.join("content/actualite/conseil-municipal.md");
    let text = std::fs::read_to_string(&body).unwrap();
    std::fs::write(&body, text.replace("quatre heures", "cinq heures")).unwrap();
    inc.apply(&ChangeSet::classify(&t.root, "default", [body]))
        .unwrap();
    assert!(inc.page(&page).is_some(), "not published after its time");
    let fresh = Incremental::new(&t.root, LoadOptions::default()).unwrap().0;
    assert!(
        inc.snapshot() == fresh.snapshot(),
        "differs from a full build"
    );
}

#[test]
fn serve_takes_future() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/lointain.md",
        article("Lointain", "2099-01-01 08:00", ""),
    );
    let s = crate::server::Server::start(&t.root);
    assert_eq!(s.get("/2099/01/lointain/").status, 404);
    drop(s);
    let s = crate::server::Server::start_with(&t.root, &["--future"]).unwrap();
    assert_eq!(s.get("/2099/01/lointain/").status, 200);
}

/// Preview rebuilds after the edits this feature adds inputs for (aliases,
/// scheduled dates, photo and logo files) equal a full build, step by step.
#[test]
fn preview_rebuilds_follow_aliases_schedules_and_image_sizes() {
    use rotative::incremental::{ChangeSet, Incremental};
    use rotative::site::LoadOptions;
    let t = with_config(SiteTest::fixture("basic"), "logo = \"/images/logo.png\"")
        .file("content/images/pylone.png", png(1200, 630))
        .file("content/images/logo.png", png(600, 60));
    let root = t.root.clone();
    let (mut inc, _) = Incremental::new(&root, LoadOptions::default()).unwrap();
    let elec = root.join(ELEC);
    let page = root.join("content/pages/a-propos.md");
    let original = std::fs::read_to_string(&elec).unwrap();
    let edits: Vec<(&str, std::path::PathBuf, Vec<u8>)> = vec![
        (
            "alias added",
            elec.clone(),
            original
                .replacen("---\n", "---\naliases: [ancien/]\n", 1)
                .into(),
        ),
        (
            "alias changed",
            elec.clone(),
            original
                .replacen("---\n", "---\naliases: [autre/, b.html]\n", 1)
                .into(),
        ),
        (
            "target retitled",
            elec.clone(),
            original
                .replacen("---\n", "---\naliases: [autre/, b.html]\n", 1)
                .replace("title: \"L'", "title: \"Nouveau titre : l'")
                .into(),
        ),
        (
            "page alias",
            page.clone(),
            std::fs::read_to_string(&page)
                .unwrap()
                .replacen("---\n", "---\naliases: [equipe/]\n", 1)
                .into(),
        ),
        (
            "scheduled",
            elec.clone(),
            original
                .replace("date: 2025-07-04 08:30", "date: 2099-07-04 08:30")
                .into(),
        ),
        ("unscheduled", elec.clone(), original.clone().into()),
        (
            "photo resized",
            root.join("content/images/pylone.png"),
            png(800, 450),
        ),
        (
            "logo resized",
            root.join("content/images/logo.png"),
            png(300, 30),
        ),
        (
            "photo moved",
            elec.clone(),
            original
                .replace("src: /images/pylone.png", "src: /images/logo.png")
                .into(),
        ),
    ];
    for (what, path, bytes) in edits {
        std::fs::write(&path, bytes).unwrap();
        inc.apply(&ChangeSet::classify(&root, "default", [path]))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let fresh = Incremental::new(&root, LoadOptions::default()).unwrap().0;
        let (got, want) = (inc.snapshot(), fresh.snapshot());
        let differ: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| got.get(*k) != want.get(*k))
            .collect();
        assert!(differ.is_empty(), "after {what}: {differ:?}");
    }
    let p = inc.page("2025/07/electricite-ete/index.html").unwrap();
    let p = Page(scraper::Html::parse_document(&String::from_utf8_lossy(&p)));
    assert_eq!(p.attr("meta[property='og:image:width']", "content"), "300");
    assert!(inc.page("b.html").is_none() && inc.page("equipe/index.html").is_some());
}

/// The template context gives themes what the default theme uses.
#[test]
fn context_has_photo_sizes_and_the_modified_date() {
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .file("content/images/pylone.png", png(1200, 630))
        .build()
        .assert_success();
    let c: Value = serde_json::from_str(&t.read(ARTICLE)).unwrap();
    let a = &c["article"];
    assert_eq!(a["photo"]["width"], 1200);
    assert_eq!(a["photo"]["height"], 630);
    assert_eq!(a["modified"], "2025-07-04T08:30:00+02:00");
    assert_eq!(a["updated"], Value::Null);
    // Summaries (here `next` of the older article) carry the size too.
    let c: Value = serde_json::from_str(&t.read("2025/03/conseil-municipal/index.html")).unwrap();
    assert_eq!(c["next"]["photo"]["width"], 1200);
    assert_eq!(c["article"]["modified"], "2025-03-11T09:15:00+01:00");
    let c: Value = serde_json::from_str(&t.read("2025/03/marche-du-samedi/index.html")).unwrap();
    assert_eq!(c["article"]["photo"], Value::Null);
}
