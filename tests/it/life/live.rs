//! Live coverage: entries newest first with their anchors, the « En direct »
//! badge while live (by the build time), LiveBlogPosting JSON-LD, errors.

use crate::harness::{Page, SiteTest};
use crate::seo::build_at;
use serde_json::Value;

const A: &str = "content/actualite/direct.md";
const PAGE: &str = "2025/05/direct/index.html";

fn site() -> SiteTest {
    SiteTest::fixture("basic").file(
        A,
        "---\ntitle: Le conseil en direct\ndate: 2025-05-02 09:30\nlive: true\nlive_until: 2025-05-03 01:00\nauthor: alice-durand\ncategory: Politique\n---\nIntroduction du direct.\n\n## 09 h 40 — Ouverture\n\nLa séance commence.\n\n## 14h10 - Reprise\n\nLes débats reprennent.\n\n## 00 h 15 — Fin de nuit\n\nLa séance est levée.\n",
    )
}

fn json_ld(p: &Page) -> Value {
    serde_json::from_str(&p.text("script[type='application/ld+json']")).unwrap()
}

#[test]
fn entries_newest_first_with_anchors_and_live_blog_json_ld() {
    let t = build_at(site(), "2025-05-02T15:00:00+02:00", &[]).assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(
        p.texts(".article-body h2"),
        [
            "00 h 15 — Fin de nuit",
            "14 h 10 — Reprise",
            "09 h 40 — Ouverture"
        ]
    );
    assert_eq!(
        p.attrs(".article-body h2", "id"),
        ["direct-0015", "direct-1410", "direct-0940"]
    );
    assert_eq!(p.text(".article-body > p"), "Introduction du direct.");
    assert_eq!(p.text(".story-live .live-badge"), "En direct");
    let ld = json_ld(&p);
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["coverageStartTime"], "2025-05-02T09:30:00+02:00");
    assert_eq!(ld["coverageEndTime"], "2025-05-03T01:00:00+02:00");
    let updates = ld["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 3);
    // After midnight: the next day.
    assert_eq!(updates[0]["datePublished"], "2025-05-03T00:15:00+02:00");
    assert_eq!(updates[0]["headline"], "Fin de nuit");
    assert_eq!(updates[0]["@type"], "BlogPosting");
    assert_eq!(
        updates[0]["url"],
        "https://gazette.example/2025/05/direct/#direct-0015"
    );
    assert_eq!(updates[2]["datePublished"], "2025-05-02T09:40:00+02:00");
    // The badge on listings while live.
    let home = Page(t.html("index.html"));
    assert_eq!(home.texts(".live-badge"), ["En direct"]);
    let cat = Page(t.html("rubriques/politique/index.html"));
    assert_eq!(cat.count(".story-item .live-badge"), 1);
}

#[test]
fn no_badge_once_the_coverage_has_ended() {
    let t = build_at(site(), "2025-05-04T10:00:00+02:00", &[]).assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.count(".live-badge"), 0);
    assert_eq!(Page(t.html("index.html")).count(".live-badge"), 0);
    // Still a live blog for search engines, with its end.
    assert_eq!(json_ld(&p)["@type"], "LiveBlogPosting");
}

#[test]
fn a_heading_that_is_not_an_entry_is_an_error_with_its_line() {
    SiteTest::fixture("basic")
        .file(A, "---\ntitle: Direct\ndate: 2025-05-02 09:30\nlive: true\n---\nIntro.\n\n## 09 h 40 — Bon\n\nTexte.\n\n## Sans heure\n\nTexte.\n")
        .build()
        .assert_errors(&["content/actualite/direct.md:12: error: a live article's `## ` headings are its entries, written `## 14 h 05 — Title`; found `## Sans heure`"]);
}

/// The « En direct » badge goes when `live_until` passes, at the next preview
/// rebuild, even one caused by an unrelated edit that only swaps that other
/// article in place; the preview then equals a full build.
#[test]
fn the_live_badge_goes_at_the_first_preview_rebuild_after_live_until() {
    use rotative::preview::Incremental;
    use rotative::site::LoadOptions;
    let until = chrono::Utc::now() + chrono::Duration::seconds(3);
    let t = SiteTest::fixture("basic").file(
        A,
        format!(
            "---\ntitle: Le conseil en direct\ndate: 2025-05-02 09:30\nlive: true\nlive_until: {}\nauthor: alice-durand\ncategory: Politique\n---\nIntroduction du direct.\n",
            until.to_rfc3339()
        ),
    );
    let badges = |inc: &Incremental| {
        let home = inc.page("index.html").unwrap();
        Page(scraper::Html::parse_document(&String::from_utf8_lossy(
            &home,
        )))
        .count(".live-badge")
    };
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    assert_eq!(badges(&inc), 1, "live before live_until");
    crate::incremental::edit_another_article_after(&mut inc, &t.root, until);
    assert_eq!(badges(&inc), 0, "still live after live_until");
    let fresh = Incremental::new(&t.root, LoadOptions::default()).unwrap().0;
    assert!(
        inc.snapshot() == fresh.snapshot(),
        "differs from a full build"
    );
}
