//! What shortcodes become outside their page: feed entries carry the
//! preview and a plain link, never an iframe; the search index holds the
//! text of quotes and boxes but not the buttons' labels; `rotative check`
//! warns about embeds of no known provider and body photos without `alt`
//! or credit, on their lines.

use crate::harness::{SiteTest, repo, rotative};

const SOURCE: &str = "content/actualite/2025-08-01-quais.md";

const ARTICLE: &str = r#"---
title: Les quais changent de visage
date: 2025-08-01 09:00
author: Alice Durand
category: Actualité
---

Les quais de la Saône seront rénovés.

{{ video(url="https://www.youtube.com/watch?v=Q3vR7mXk2Lc", title="La séance") }}

{% quote(author="Une riveraine") %}
Nous attendions ces arbres depuis dix ans.
{% end %}

{% box(title="Repères") %}
- **260 arbres** plantés.
{% end %}

{{ map(lat=45.7578, lon=4.8320, title="Place Bellecour") }}

Fin de l'article.
"#;

fn site_toml(extra: &str) -> String {
    let base = std::fs::read_to_string(repo().join("tests/fixtures/basic/site.toml")).unwrap();
    format!("{base}\n{extra}\n")
}

#[test]
fn feeds_get_a_link_for_each_embed_and_never_an_iframe() {
    let t = SiteTest::fixture("basic")
        .file(SOURCE, ARTICLE)
        .build()
        .assert_success();
    for feed in ["atom.xml", "rss.xml"] {
        let xml = t.read(feed);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let body = doc
            .descendants()
            .filter(|n| matches!(n.tag_name().name(), "content" | "encoded"))
            .filter_map(|n| n.text())
            .find(|t| t.contains("Les quais de la Saône"))
            .unwrap_or_else(|| panic!("{feed} has the article's text"));
        let html = scraper::Html::parse_fragment(body);
        let sel = |s: &str| scraper::Selector::parse(s).unwrap();
        assert_eq!(
            html.select(&sel("iframe, script")).count(),
            0,
            "{feed}: {body}"
        );
        let links: Vec<&str> = html
            .select(&sel("a[href]"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            links.contains(&"https://www.youtube.com/watch?v=Q3vR7mXk2Lc"),
            "{feed}: {links:?}"
        );
        assert!(
            links.iter().any(|l| l.starts_with("https://www.openstreetmap.org/?mlat=45.75780&mlon=4.83200")),
            "{feed}: {links:?}"
        );
        assert!(
            body.contains("Nous attendions ces arbres depuis dix ans."),
            "{feed}"
        );
    }
}

#[test]
fn the_search_index_holds_quotes_and_boxes_but_not_button_labels() {
    let t = SiteTest::fixture("basic")
        .file("site.toml", site_toml("[search]\nbody = true"))
        .file(SOURCE, ARTICLE)
        .build()
        .assert_success();
    let entry = super::index_entry(&t, "Les quais changent de visage");
    let text = entry["text"].as_str().unwrap();
    assert!(
        text.contains("Nous attendions ces arbres depuis dix ans."),
        "{text}"
    );
    assert!(text.contains("Repères 260 arbres plantés."), "{text}");
    assert!(text.contains("La séance"), "{text}");
    for label in ["Lire la vidéo", "Afficher la carte", "vous acceptez"] {
        assert!(!text.contains(label), "{label:?} in {text}");
    }
    assert!(!text.contains(['\u{e000}', '\u{e001}']), "{text}");
}

#[test]
fn check_warns_about_unknown_providers_and_body_photos_without_alt_or_credit_in_articles_and_pages()
{
    let body = "---\ntitle: Des liens d'ailleurs\ndate: 2025-08-02 09:00\nauthor: Alice Durand\ncategory: Actualité\n---\n\nUn texte.\n\n{{ video(url=\"https://videos.exemple.fr/ma-video\") }}\n\n{{ social(url=\"https://forum.exemple.fr/sujet/12\", text=\"Bonjour\") }}\n\n{{ photo(src=\"/images/pylone.png\") }}\n\n{{ photo(src=\"/images/pylone.png\", alt=\"Un pylône\", credit=\"A. D.\") }}\n";
    let t = SiteTest::fixture("basic")
        .file("content/actualite/2025-08-02-liens.md", body)
        .file(
            "content/pages/galerie.md",
            "---\ntitle: Galerie\n---\nNos photos.\n\n{{ photo(src=\"/images/pylone.png\", alt=\"Un pylône\") }}\n",
        );
    let run = rotative(&t.root, &["check", "--root", t.root.to_str().unwrap()]);
    let src = "content/actualite/2025-08-02-liens.md";
    for line in [
        format!(
            "{src}:10:10: warning: `video`: no known provider plays `https://videos.exemple.fr/ma-video` (YouTube, Vimeo, Dailymotion, PeerTube): readers get a plain link, not a player"
        ),
        format!(
            "{src}:12:11: warning: `social`: `https://forum.exemple.fr/sujet/12` is no post of a known network (Mastodon, Bluesky, X): the card shows no handle"
        ),
        format!(
            "{src}:14:10: warning: the photo has no `alt`: describe it for readers who cannot see it"
        ),
        format!("{src}:14:10: warning: the photo has no `credit`: name its photographer or agency"),
    ] {
        assert!(
            run.has(&line),
            "missing {line:?} in:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
    assert!(
        run.has("content/pages/galerie.md:6:10: warning: the photo has no `credit`: name its photographer or agency"),
        "pages are checked too:\n{}\n{}",
        run.stdout,
        run.stderr
    );
    let on_16 = format!("{src}:16:");
    assert!(
        !run.stdout.contains(&on_16) && !run.stderr.contains(&on_16),
        "the photo with alt and credit is fine"
    );
    // The build itself only warns about nothing here: these are editorial checks.
    t.build().assert_success();
}

#[test]
fn two_boxes_with_one_title_get_two_ids() {
    let body = "---\ntitle: Deux encadrés\ndate: 2025-08-03 09:00\nauthor: Alice Durand\ncategory: Actualité\n---\n\nUn texte.\n\n{% box() %}\nUn.\n{% end %}\n\n{% box() %}\nDeux.\n{% end %}\n";
    SiteTest::fixture("basic")
        .file("content/actualite/2025-08-03-deux.md", body)
        .build()
        .assert_success()
        .assert_page("2025/08/deux/index.html", |p| {
            assert_eq!(
                p.attrs("aside.box", "aria-labelledby"),
                ["encadre-reperes", "encadre-reperes-2"]
            );
            assert_eq!(
                p.attrs(".box-title", "id"),
                ["encadre-reperes", "encadre-reperes-2"]
            );
        });
}

#[test]
fn standalone_pages_expand_shortcodes_too() {
    let page = "---\ntitle: Nous trouver\n---\nLa rédaction est place Bellecour.\n\n{{ map(lat=45.7578, lon=4.8320, zoom=17, title=\"La rédaction\") }}\n\n{{ photo(src=\"/images/pylone.png\", alt=\"Le pylône devant la rédaction\", credit=\"A. D.\") }}\n";
    let t = SiteTest::fixture("basic")
        .file("content/pages/nous-trouver.md", page)
        .build()
        .assert_success()
        .assert_page("nous-trouver/index.html", |p| {
            assert_eq!(p.count("figure.embed--map a.embed-load"), 1);
            assert!(
                p.attr("figure.embed--map a.embed-load", "data-embed-src")
                    .contains("marker=45.75780%2C4.83200")
            );
            assert_eq!(
                p.attr("figure.body-photo img", "alt"),
                "Le pylône devant la rédaction"
            );
            assert_eq!(p.text("figure.body-photo .credit"), "© A. D.");
        });
    // The body photo's resized copies are written like an article's.
    let img = t.html("nous-trouver/index.html");
    let sel = scraper::Selector::parse("figure.body-photo img").unwrap();
    let src = img
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    assert!(
        t.public().join(src.trim_start_matches('/')).is_file(),
        "{src}"
    );

    SiteTest::fixture("basic")
        .file("content/pages/nous-trouver.md", page.replace("zoom=17", "zoom=17, zom=3"))
        .build()
        .assert_errors(&[
            "content/pages/nous-trouver.md:6:42: error: unknown argument `zom` of `map`; `map` takes lat (number), lon (number), title (string, optional), zoom (integer, optional)",
        ]);
}
