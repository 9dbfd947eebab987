//! RSS 2.0 feeds (site, categories, authors), parsed strictly; `[feeds]
//! content`; both formats linked from every page's head.

use super::{child, children, text_of, with_settings};
use crate::harness::{Page, SiteTest, tree};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const MEDIA: &str = "http://search.yahoo.com/mrss/";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";

fn built() -> SiteTest {
    SiteTest::fixture("basic")
        .file("content/images/pylone.png", crate::seo::png(1200, 630))
        .build()
        .assert_success()
}

#[test]
fn site_feed_is_rss_2_with_photo_authors_and_tags() {
    let t = built();
    let xml = t.read("rss.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = child(rss, "", "channel");
    assert_eq!(text_of(channel, "", "title"), "La Gazette d'essai");
    assert_eq!(text_of(channel, "", "link"), "https://gazette.example/");
    assert_eq!(
        text_of(channel, "", "description"),
        "Un journal pour les tests."
    );
    assert_eq!(text_of(channel, "", "language"), "fr");
    let me = child(channel, ATOM, "link");
    assert_eq!(me.attribute("rel"), Some("self"));
    assert_eq!(
        me.attribute("href"),
        Some("https://gazette.example/rss.xml")
    );
    // Every date is RFC 822 (2822), as RSS 2.0 requires.
    let last = text_of(channel, "", "lastBuildDate");
    assert!(
        chrono::DateTime::parse_from_rfc2822(&last).is_ok(),
        "{last}"
    );

    let items = children(channel, "", "item");
    assert_eq!(items.len(), 3, "feed_limit = 3");
    let first = items[0];
    assert_eq!(
        text_of(first, "", "title"),
        "L'électricité de l'été : les prix baissent"
    );
    let link = "https://gazette.example/2025/07/electricite-ete/";
    assert_eq!(text_of(first, "", "link"), link);
    let guid = child(first, "", "guid");
    assert_eq!(guid.text(), Some(link));
    assert_eq!(guid.attribute("isPermaLink"), Some("true"));
    assert_eq!(
        text_of(first, "", "pubDate"),
        "Fri, 4 Jul 2025 08:30:00 +0200"
    );
    let creators: Vec<_> = children(first, DC, "creator")
        .iter()
        .map(|c| c.text().unwrap().to_string())
        .collect();
    assert_eq!(creators, ["Alice Durand"]);
    let cats: Vec<_> = children(first, "", "category")
        .iter()
        .map(|c| c.text().unwrap().to_string())
        .collect();
    assert_eq!(cats, ["Économie", "énergie", "Prix"]);
    assert_eq!(
        text_of(first, "", "description"),
        "Les tarifs de l'électricité baissent cet été, une première depuis trois ans."
    );
    let html = text_of(first, CONTENT, "encoded");
    assert!(html.contains("<h2>Pourquoi</h2>"), "{html}");

    let photo = "https://gazette.example/images/pylone.png";
    let enc = child(first, "", "enclosure");
    assert_eq!(enc.attribute("url"), Some(photo));
    assert_eq!(enc.attribute("type"), Some("image/png"));
    let size = std::fs::metadata(t.root.join("content/images/pylone.png"))
        .unwrap()
        .len();
    assert_eq!(enc.attribute("length"), Some(size.to_string().as_str()));
    let media = child(first, MEDIA, "content");
    assert_eq!(media.attribute("url"), Some(photo));
    assert_eq!(media.attribute("medium"), Some("image"));
    assert_eq!(media.attribute("width"), Some("1200"));
    assert_eq!(media.attribute("height"), Some("630"));
    assert_eq!(text_of(media, MEDIA, "credit"), "Jean Photo / La Gazette");
    assert_eq!(
        text_of(media, MEDIA, "description"),
        "Un pylône près de Lyon."
    );
    // An article without photo has neither.
    assert!(
        items[1..]
            .iter()
            .all(|i| children(*i, "", "enclosure").is_empty())
    );
}

#[test]
fn every_category_and_author_has_an_rss_feed_beside_atom() {
    let t = built();
    let files = tree(&t.public());
    for dir in [
        "rubriques/economie/",
        "rubriques/politique/",
        "auteurs/alice-durand/",
        "auteurs/bruno-petit/",
    ] {
        let xml = String::from_utf8(files[&format!("{dir}rss.xml")].clone()).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let channel = child(doc.root_element(), "", "channel");
        assert_eq!(
            text_of(channel, "", "link"),
            format!("https://gazette.example/{dir}")
        );
        assert!(files.contains_key(&format!("{dir}atom.xml")));
        assert!(!children(channel, "", "item").is_empty());
    }
    let xml = t.read("auteurs/bruno-petit/rss.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let channel = child(doc.root_element(), "", "channel");
    assert_eq!(
        text_of(channel, "", "title"),
        "La Gazette d'essai — Bruno Petit"
    );
    for item in children(channel, "", "item") {
        let creators: Vec<_> = children(item, DC, "creator")
            .iter()
            .filter_map(|c| c.text())
            .collect();
        assert!(creators.contains(&"Bruno Petit"), "{creators:?}");
    }
}

#[test]
fn summary_mode_leaves_the_text_out_of_both_formats() {
    let t = with_settings(SiteTest::fixture("basic"), "[feeds]\ncontent = \"summary\"")
        .build()
        .assert_success();
    let xml = t.read("rss.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let channel = child(doc.root_element(), "", "channel");
    for item in children(channel, "", "item") {
        assert!(children(item, CONTENT, "encoded").is_empty());
        assert!(!text_of(item, "", "description").is_empty());
    }
    let atom = t.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    for e in children(doc.root_element(), ATOM, "entry") {
        assert!(children(e, ATOM, "content").is_empty());
        assert!(!text_of(e, ATOM, "summary").is_empty());
    }
    assert!(!xml.contains("La production solaire"));
    assert!(!atom.contains("La production solaire"));
}

#[test]
fn every_page_links_both_feeds_in_its_head() {
    let t = built();
    for (path, html) in tree(&t.public()) {
        if !path.ends_with(".html") || path.contains("ancien") {
            continue;
        }
        let html = String::from_utf8(html).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // the redirect pages of aliases
        }
        let p = Page(scraper::Html::parse_document(&html));
        let links = |t: &str| p.attrs(&format!("head link[rel='alternate'][type='{t}']"), "href");
        assert!(
            links("application/atom+xml").contains(&"/atom.xml".to_string()),
            "{path}"
        );
        assert!(
            links("application/rss+xml").contains(&"/rss.xml".to_string()),
            "{path}"
        );
    }
    let p = Page(t.html("rubriques/economie/index.html"));
    assert_eq!(
        p.attrs("head link[type='application/rss+xml']", "href"),
        ["/rss.xml", "/rubriques/economie/rss.xml"]
    );
}

/// Feed bodies are CDATA sections: a body holding `]]>` (in raw HTML, as
/// editors may write it) reads back whole through a strict XML parser.
#[test]
fn a_body_with_the_cdata_end_reads_back_whole_in_both_formats() {
    let body = "Le filtre <span title=\"a]]>b\">écrit</span> des crochets.\n\n```\nif x[y[0]]>1 { }\n```\n";
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/cdata.md",
            format!("---\ntitle: Les crochets\ndate: 2025-08-01 09:00\nauthor: alice-durand\n---\n{body}"),
        )
        .build()
        .assert_success()
        .assert_page("2025/08/cdata/index.html", |p| {
            assert_eq!(p.attr(".article-body span", "title"), "a]]>b");
            assert_eq!(p.text(".article-body pre code"), "if x[y[0]]>1 { }");
        });
    let text =
        |node: roxmltree::Node| -> String { node.children().filter_map(|c| c.text()).collect() };
    let rss = t.read("rss.xml");
    assert!(rss.contains("a]]]]><![CDATA[>b"), "{rss}");
    let doc = roxmltree::Document::parse(&rss).unwrap();
    let item = child(child(doc.root_element(), "", "channel"), "", "item");
    assert_eq!(text_of(item, "", "title"), "Les crochets");
    let html = text(child(item, CONTENT, "encoded"));
    let body = Page(scraper::Html::parse_fragment(&html));
    assert_eq!(body.attr("span", "title"), "a]]>b");
    assert_eq!(body.text("span"), "écrit");
    assert_eq!(body.text("pre code"), "if x[y[0]]>1 { }");
    let atom = t.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let content = child(child(doc.root_element(), ATOM, "entry"), ATOM, "content");
    assert_eq!(content.attribute("type"), Some("html"));
    assert_eq!(text(content), html);
}
