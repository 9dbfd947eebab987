//! `updated:` and `corrections:`: the page's dates and notice, JSON-LD,
//! OpenGraph, sitemap and feeds; `[listings] sort = "updated"`; errors.

use super::{article, child, children, text_of, with_settings};
use crate::harness::{Page, SiteTest};
use serde_json::Value;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const A: &str = "content/actualite/vie.md";
const PAGE: &str = "2025/05/vie/index.html";

fn json_ld(p: &Page) -> Value {
    serde_json::from_str(&p.text("script[type='application/ld+json']")).unwrap()
}

/// `t` with an article updated the day after it was published.
fn updated(t: SiteTest) -> SiteTest {
    t.file(
        A,
        article(
            "Vie d'un article",
            "2025-05-02 08:00",
            "updated: 2025-05-03 14:20\n",
        ),
    )
}

fn corrected() -> SiteTest {
    SiteTest::fixture("basic").file(
        A,
        article(
            "Vie d'un article",
            "2025-05-02 08:00",
            "updated: 2025-05-03 14:20\ncorrections:\n  - date: 2025-05-04 09:05\n    text: Le montant était de 12 euros, non 21.\n  - date: 2025-05-02 18:00\n    text: Le nom du maire était mal orthographié.\n",
        ),
    )
}

#[test]
fn updated_article_shows_both_dates_and_tells_machines() {
    let t = updated(SiteTest::fixture("basic")).build().assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(
        p.text(".story-dates"),
        "Publié le vendredi 2 mai 2025 à 08 h 00 · Mis à jour le samedi 3 mai 2025 à 14 h 20"
    );
    assert_eq!(
        p.attr(".story-updated time", "datetime"),
        "2025-05-03T14:20:00+02:00"
    );
    assert_eq!(
        p.attr("meta[property='article:modified_time']", "content"),
        "2025-05-03T14:20:00+02:00"
    );
    let ld = json_ld(&p);
    assert_eq!(ld["datePublished"], "2025-05-02T08:00:00+02:00");
    assert_eq!(ld["dateModified"], "2025-05-03T14:20:00+02:00");
    assert!(ld.get("correction").is_none());

    let sitemap = t.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let entry = children(doc.root_element(), SM, "url")
        .into_iter()
        .find(|u| text_of(*u, SM, "loc") == "https://gazette.example/2025/05/vie/")
        .unwrap();
    assert_eq!(text_of(entry, SM, "lastmod"), "2025-05-03T14:20:00+02:00");

    let atom = t.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let entry = children(doc.root_element(), ATOM, "entry")
        .into_iter()
        .find(|e| text_of(*e, ATOM, "title") == "Vie d'un article")
        .unwrap();
    assert_eq!(
        text_of(entry, ATOM, "published"),
        "2025-05-02T08:00:00+02:00"
    );
    assert_eq!(text_of(entry, ATOM, "updated"), "2025-05-03T14:20:00+02:00");
}

#[test]
fn without_update_one_date_and_modified_is_the_date() {
    let t = SiteTest::fixture("basic")
        .file(A, article("Vie d'un article", "2025-05-02", ""))
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.text(".story-dates"), "Publié le vendredi 2 mai 2025");
    assert_eq!(p.count(".story-updated"), 0);
    assert_eq!(json_ld(&p)["dateModified"], "2025-05-02T00:00:00+02:00");
}

#[test]
fn corrections_give_a_dated_notice_and_correction_comments() {
    let t = corrected().build().assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.text(".story-corrections h2"), "Corrections");
    assert_eq!(
        p.texts(".story-corrections li"),
        [
            "dimanche 4 mai 2025 à 09 h 05 : Le montant était de 12 euros, non 21.",
            "vendredi 2 mai 2025 à 18 h 00 : Le nom du maire était mal orthographié.",
        ]
    );
    assert_eq!(
        p.attrs(".story-corrections time", "datetime"),
        ["2025-05-04T09:05:00+02:00", "2025-05-02T18:00:00+02:00"]
    );
    // A corrected article counts as updated: the newest of `updated` and the corrections.
    assert_eq!(
        p.text(".story-updated"),
        "Mis à jour le dimanche 4 mai 2025 à 09 h 05"
    );
    let ld = json_ld(&p);
    assert_eq!(ld["dateModified"], "2025-05-04T09:05:00+02:00");
    assert_eq!(
        ld["correction"],
        serde_json::json!([
            {"@type": "CorrectionComment", "text": "Le montant était de 12 euros, non 21.", "datePublished": "2025-05-04T09:05:00+02:00"},
            {"@type": "CorrectionComment", "text": "Le nom du maire était mal orthographié.", "datePublished": "2025-05-02T18:00:00+02:00"},
        ])
    );
    let rss = t.read("rss.xml");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let channel = child(doc.root_element(), "", "channel");
    let item = children(channel, "", "item")
        .into_iter()
        .find(|i| text_of(*i, "", "title") == "Vie d'un article")
        .unwrap();
    assert_eq!(text_of(item, ATOM, "updated"), "2025-05-04T09:05:00+02:00");
}

#[test]
fn one_correction_is_titled_in_the_singular_and_an_english_site_in_english() {
    let one = "corrections:\n  - date: 2025-05-04\n    text: A typo.\n";
    let t = with_settings(SiteTest::fixture("basic"), "")
        .file(A, article("Vie d'un article", "2025-05-02 08:00", one))
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.text(".story-corrections h2"), "Correction");
    // A bare day: no time printed.
    assert_eq!(
        p.text(".story-corrections li"),
        "dimanche 4 mai 2025 : A typo."
    );

    let base =
        std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml"))
            .unwrap()
            .replace("language = \"fr\"", "language = \"en\"");
    let t = updated(SiteTest::fixture("basic").file("site.toml", base))
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(
        p.text(".story-dates"),
        "Published on Friday, May 2, 2025 at 08:00 · Updated on Saturday, May 3, 2025 at 14:20"
    );
}

#[test]
fn listings_sorted_by_update_when_asked() {
    let older_but_updated = article(
        "Ancien mis à jour",
        "2025-01-10 08:00",
        "updated: 2025-08-01 10:00\n",
    );
    let fresh = article("Récent", "2025-07-20 08:00", "");
    let build = |sort: &str| {
        with_settings(SiteTest::fixture("basic"), sort)
            .file("content/actualite/ancien.md", older_but_updated.clone())
            .file("content/actualite/recent.md", fresh.clone())
            .build()
            .assert_success()
    };
    let titles = |t: &SiteTest| {
        Page(t.html("index.html")).texts(".front-top h1 a, .front-top h2 a, .front-top h3 a")
    };
    let t = build("");
    assert_eq!(titles(&t)[0], "Récent");
    let t = build("[listings]\nsort = \"updated\"");
    assert_eq!(titles(&t)[..2], ["Ancien mis à jour", "Récent"]);
    // Feeds follow the listings.
    let atom = t.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let first = children(doc.root_element(), ATOM, "entry")[0];
    assert_eq!(text_of(first, ATOM, "title"), "Ancien mis à jour");
}

#[test]
fn bad_sort_value_is_a_config_error() {
    with_settings(SiteTest::fixture("basic"), "[listings]\nsort = \"modifie\"")
        .build()
        .assert_errors(&[
            "error: site.toml:28:8: unknown variant `modifie`, expected `published` or `updated`",
        ]);
}

#[test]
fn bad_corrections_are_errors_on_their_line_all_at_once() {
    let fm = "corrections:\n  - date: hier\n    text: x\n  - text: sans date\n  - date: 2025-05-04\n  - date: 2025-05-04\n    text: y\n    auteur: moi\n  - une phrase\n";
    SiteTest::fixture("basic")
        .file(A, article("Vie d'un article", "2025-05-02 08:00", fm))
        .file("content/actualite/b.md", article("B", "2025-05-02", "corrections: oui\n"))
        .build()
        .assert_errors(&[
            "content/actualite/vie.md:7: error: correction 1: cannot read `date: hier`; accepted forms: 2025-03-04, 2025-03-04 08:30, 2025-03-04T08:30:00+01:00, 2025-03-04 08:30:00 +0100 (a zone name such as CET or Europe/Paris may follow), Tue, 04 Mar 2025 08:30:00 +0100, 4 March 2025 or March 4, 2025",
            "content/actualite/vie.md:7: error: correction 2 has no `date`",
            "content/actualite/vie.md:7: error: correction 3 has no `text`",
            "content/actualite/vie.md:7: error: correction 4 has an unknown key `auteur`; it takes `date` and `text`",
            "content/actualite/vie.md:7: error: correction 5 must be a map with `date` and `text`, found a string",
            "content/actualite/b.md:7: error: `corrections` must be a list of `{date, text}` entries, found a string",
        ]);
}
