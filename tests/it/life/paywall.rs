//! Subscriber-only articles: JSON-LD for search engines, the subscribe box,
//! and `[paywall] mode = "truncate"`, after which the gated text appears
//! nowhere in the output tree (pages, feeds, search index).

use super::with_settings;
use crate::harness::{Page, SiteTest, tree};
use serde_json::Value;

const A: &str = "content/actualite/reserve.md";
const PAGE: &str = "2025/05/reserve/index.html";
const SECRET: &str = "Le rapport confidentiel chiffre le déficit";

fn site(settings: &str) -> SiteTest {
    let body = format!(
        "---\ntitle: Enquête réservée\ndate: 2025-05-02 08:00\nauthor: alice-durand\ncategory: Économie\naccess: subscribers\nsummary: Le chapô de l'enquête.\n---\nPremier paragraphe libre.\n\n> Une citation libre.\n\nDeuxième paragraphe libre.\n\n## La suite\n\n{SECRET} à trois millions.\n\nEncore un paragraphe réservé.\n"
    );
    with_settings(
        SiteTest::fixture("basic"),
        &format!("{settings}\n[search]\nbody = true"),
    )
    .file(A, body)
}

fn json_ld(p: &Page) -> Value {
    serde_json::from_str(&p.text("script[type='application/ld+json']")).unwrap()
}

#[test]
fn marked_mode_tells_search_engines_where_the_gated_part_is() {
    let t = site("[paywall]\nurl = \"https://abonnement.gazette.example/\"")
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    let ld = json_ld(&p);
    assert_eq!(ld["isAccessibleForFree"], false);
    assert_eq!(
        ld["hasPart"],
        serde_json::json!({"@type": "WebPageElement", "isAccessibleForFree": false, "cssSelector": ".paywall-gated"})
    );
    // The selector names the gated part, which holds what follows the free paragraphs.
    assert_eq!(p.count(".paywall-gated"), 1);
    assert_eq!(
        p.texts(".article-body > p"),
        ["Premier paragraphe libre.", "Deuxième paragraphe libre."]
    );
    assert!(p.text(".paywall-gated").starts_with("La suite"));
    assert_eq!(p.text(".standfirst"), "Le chapô de l'enquête.");
    assert_eq!(
        p.attr(".paywall-box a", "href"),
        "https://abonnement.gazette.example/"
    );
    // Feeds and the search index carry the free part only, in either mode.
    for f in ["atom.xml", "rss.xml", "recherche/index.json"] {
        let text = t.read(f);
        assert!(text.contains("Deuxième paragraphe libre."), "{f}");
        assert!(!text.contains(SECRET), "{f}");
    }
    // A free article says nothing of access.
    let free = json_ld(&Page(t.html("2025/07/electricite-ete/index.html")));
    assert!(free.get("isAccessibleForFree").is_none());
}

#[test]
fn truncate_mode_leaves_the_gated_text_out_of_the_whole_output() {
    let t = site("[paywall]\nmode = \"truncate\"\nurl = \"https://abonnement.gazette.example/\"")
        .build()
        .assert_success();
    let files = tree(&t.public());
    let mut looked = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(SECRET), "{path} holds the gated text");
        assert!(!text.contains("Encore un paragraphe réservé"), "{path}");
        looked += 1;
    }
    assert!(looked > 30);
    let p = Page(t.html(PAGE));
    assert_eq!(p.count(".paywall-gated"), 0);
    assert_eq!(p.count(".paywall-box"), 1);
    let ld = json_ld(&p);
    assert_eq!(ld["isAccessibleForFree"], false);
    assert!(ld.get("hasPart").is_none());
    // The free part is still everywhere it was.
    assert!(t.read("rss.xml").contains("Premier paragraphe libre."));
}

#[test]
fn bad_access_and_paywall_mode_are_errors() {
    SiteTest::fixture("basic")
        .file(A, "---\ntitle: X\ndate: 2025-05-02\naccess: abonnés\n---\nTexte.\n")
        .build()
        .assert_errors(&["content/actualite/reserve.md:4: error: `access` must be `free` or `subscribers`, found `abonnés`"]);
    with_settings(SiteTest::fixture("basic"), "[paywall]\nmode = \"cacher\"")
        .build()
        .assert_errors(&[
            "error: site.toml:28:8: unknown variant `cacher`, expected `mark` or `truncate`",
        ]);
}
