//! News SEO (OpenGraph, JSON-LD, the Google News sitemap), the build time
//! (`ROTATIVE_NOW`), scheduling (`--future`) and aliases (redirect pages,
//! `_redirects`), checked on the files a build writes. Scheduling and aliases
//! have their own files under `seo/`; the helpers shared by all are here.

mod aliases;
mod schedule;

use crate::harness::{Page, SiteTest};
use serde_json::Value;
use std::process::Command;

pub const ARTICLE: &str = "2025/07/electricite-ete/index.html";
pub const ELEC: &str = "content/actualite/2025-03-04-electricite-ete.md";
/// A day and a bit after the fixture's newest article (2025-07-04 08:30).
pub const NOW: &str = "2025-07-05T10:00:00+02:00";

/// `rotative build` with `ROTATIVE_NOW` set (the harness's `build_with`
/// inherits the test's environment, which must not be changed: tests run in
/// parallel threads).
pub fn build_at(mut t: SiteTest, now: &str, args: &[&str]) -> SiteTest {
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

/// A real PNG of `width`×`height` pixels (lead photos are decoded and resized).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub fn json_ld(p: &Page) -> Value {
    serde_json::from_str(&p.text("script[type='application/ld+json']")).unwrap()
}

pub fn site_toml() -> String {
    std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml")).unwrap()
}

/// The fixture's site.toml with `line` added at the top level.
pub fn with_config(t: SiteTest, line: &str) -> SiteTest {
    t.file("site.toml", format!("{line}\n{}", site_toml()))
}

pub fn article(title: &str, date: &str, extra: &str) -> String {
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
    // The logo is not an image (the fixture's alice.png is text): no size, no error.
    let t = with_config(SiteTest::fixture("basic"), "logo = \"/images/alice.png\"")
        .file(
            "content/actualite/distante.md",
            article("Distante", "2025-06-01", remote),
        )
        .build()
        .assert_success();
    let page = "2025/06/distante/index.html";
    let p = Page(t.html(page));
    assert_eq!(p.count("meta[property='og:image']"), 1, "{page}");
    assert_eq!(p.count("meta[property='og:image:width']"), 0, "{page}");
    let ld = json_ld(&p);
    assert_eq!(ld["image"][0]["@type"], "ImageObject");
    assert!(ld["image"][0].get("width").is_none(), "{page}");
    let ld = json_ld(&Page(t.html("2025/06/distante/index.html")));
    assert_eq!(ld["image"][0]["url"], "https://images.example/x.jpg");
    assert_eq!(ld["publisher"]["logo"]["@type"], "ImageObject");
    assert!(ld["publisher"]["logo"].get("width").is_none());
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
