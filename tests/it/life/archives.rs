//! Date archives: year and month pages, newest first, paginated, with
//! neighbours and counts; the article's date links to its month; the path
//! setting and turning them off.

use super::{article, with_settings};
use crate::harness::{Page, SiteTest, tree};

/// The fixture (2025-02-20 … 2025-07-04) and two articles of 2024.
fn site() -> SiteTest {
    SiteTest::fixture("basic")
        .file(
            "content/actualite/vieux-a.md",
            article("Vieux A", "2024-11-05 08:00", ""),
        )
        .file(
            "content/actualite/vieux-b.md",
            article("Vieux B", "2024-11-20 08:00", ""),
        )
}

fn titles(p: &Page) -> Vec<String> {
    p.texts(".story-list h2 a, .story-list h3 a")
}

#[test]
fn year_page_lists_its_months_with_counts_and_its_articles() {
    let t = site().build().assert_success();
    let p = Page(t.html("2025/index.html"));
    assert_eq!(p.text("h1"), "2025");
    assert_eq!(
        p.texts(".archive-months li"),
        ["Juillet 1 article", "Mars 2 articles", "Février 1 article"]
    );
    assert_eq!(
        p.attrs(".archive-months a", "href"),
        ["/2025/07/", "/2025/03/", "/2025/02/"]
    );
    // per_page = 2: newest first, paginated like other listings.
    assert_eq!(
        titles(&p),
        [
            "L'électricité de l'été : les prix baissent",
            "Conseil municipal houleux"
        ]
    );
    assert_eq!(p.attr(".pagination a[rel='next']", "href"), "/2025/page/2/");
    let p2 = Page(t.html("2025/page/2/index.html"));
    assert_eq!(
        titles(&p2),
        [
            "Le marché du samedi change de place",
            "Courrier des lecteurs"
        ]
    );
    assert!(!t.public().join("2025/page/3/index.html").exists());
    // Neighbouring years.
    assert_eq!(p.attr(".archive-nav a[rel='prev']", "href"), "/2024/");
    assert_eq!(p.count(".archive-nav a[rel='next']"), 0);
    let y = Page(t.html("2024/index.html"));
    assert_eq!(y.attr(".archive-nav a[rel='next']", "href"), "/2025/");
    assert_eq!(titles(&y), ["Vieux B", "Vieux A"]);
}

#[test]
fn month_pages_link_their_neighbours_across_years() {
    let t = site().build().assert_success();
    let p = Page(t.html("2025/03/index.html"));
    assert_eq!(p.text("h1"), "Mars 2025");
    assert_eq!(p.text(".listing-meta"), "2 articles");
    assert_eq!(
        titles(&p),
        [
            "Conseil municipal houleux",
            "Le marché du samedi change de place"
        ]
    );
    let nav = |p: &Page, rel: &str| {
        (
            p.attr(&format!(".archive-nav a[rel='{rel}']"), "href"),
            p.text(&format!(".archive-nav a[rel='{rel}']")),
        )
    };
    assert_eq!(
        nav(&p, "prev"),
        ("/2025/02/".into(), "← février 2025".into())
    );
    assert_eq!(
        nav(&p, "next"),
        ("/2025/07/".into(), "juillet 2025 →".into())
    );
    let feb = Page(t.html("2025/02/index.html"));
    assert_eq!(
        nav(&feb, "prev"),
        ("/2024/11/".into(), "← novembre 2024".into())
    );
    let nov = Page(t.html("2024/11/index.html"));
    assert_eq!(nov.count(".archive-nav a[rel='prev']"), 0);
    assert_eq!(nov.attr(".listing-kicker a", "href"), "/2024/");
    // No page for a month without articles.
    assert!(!t.public().join("2025/04/index.html").exists());
}

#[test]
fn an_articles_date_links_to_its_month() {
    let t = site().build().assert_success();
    let p = Page(t.html("2025/07/electricite-ete/index.html"));
    assert_eq!(p.attr(".story-dates time a", "href"), "/2025/07/");
}

#[test]
fn archive_path_is_configurable_and_archives_can_be_turned_off() {
    let t = with_settings(site(), "[archives]\npath = \"archives\"")
        .build()
        .assert_success();
    let p = Page(t.html("archives/2025/03/index.html"));
    assert_eq!(p.text("h1"), "Mars 2025");
    assert!(!t.public().join("2025/index.html").exists());
    let a = Page(t.html("2025/07/electricite-ete/index.html"));
    assert_eq!(a.attr(".story-dates time a", "href"), "/archives/2025/07/");

    let t = with_settings(site(), "[archives]\nenabled = false")
        .build()
        .assert_success();
    let files = tree(&t.public());
    assert!(!files.contains_key("2025/index.html"));
    assert!(!files.contains_key("2025/03/index.html"));
    let a = Page(t.html("2025/07/electricite-ete/index.html"));
    assert_eq!(a.count(".story-dates time a"), 0);
}

#[test]
fn archive_path_taken_by_a_listing_is_an_error() {
    with_settings(SiteTest::fixture("basic"), "[archives]\npath = \"rubriques\"")
        .build()
        .assert_errors(&["error: site.toml:28: `archives.path` is `rubriques`, a segment the site already uses; choose another"]);
}

#[test]
fn a_page_at_an_archives_address_is_an_error() {
    site()
        .file("content/pages/annee.md", "---\ntitle: Notre année\nslug: \"2024\"\n---\nTexte.\n")
        .build()
        .assert_errors(&["content/pages/annee.md: error: its URL `/2024/` is a date archive's page; choose another `slug`"]);
}
