//! `sitemap.xml` becomes an index of parts past the protocol's limits; the
//! limits are lowered through the hidden `[sitemap]` settings.

use super::{children, text_of, with_settings};
use crate::harness::{SiteTest, tree};

const SM: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn locs(xml: &str, entry: &str) -> Vec<(String, Option<String>)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    children(doc.root_element(), SM, entry)
        .into_iter()
        .map(|u| {
            let lastmod = children(u, SM, "lastmod")
                .first()
                .and_then(|l| l.text())
                .map(String::from);
            (text_of(u, SM, "loc"), lastmod)
        })
        .collect()
}

#[test]
fn small_site_has_one_sitemap() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let xml = t.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    assert!(!tree(&t.public()).keys().any(|k| k.starts_with("sitemap-")));
}

#[test]
fn past_the_url_limit_sitemap_is_an_index_of_parts_with_lastmod() {
    let whole = SiteTest::fixture("basic").build().assert_success();
    let all = locs(&whole.read("sitemap.xml"), "url");
    let t = with_settings(SiteTest::fixture("basic"), "[sitemap]\nmax_urls = 5")
        .build()
        .assert_success();
    let index = t.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&index).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
    let parts = locs(&index, "sitemap");
    assert_eq!(parts.len(), all.len().div_ceil(5));
    let mut again = Vec::new();
    for (k, (loc, lastmod)) in parts.iter().enumerate() {
        assert_eq!(
            loc,
            &format!("https://gazette.example/sitemap-{}.xml", k + 1)
        );
        let part = locs(&t.read(&format!("sitemap-{}.xml", k + 1)), "url");
        assert!(part.len() <= 5);
        // The part's lastmod is the newest of its URLs' (none when they have none).
        let newest = part
            .iter()
            .filter_map(|(_, l)| l.as_deref())
            .max_by_key(|l| chrono::DateTime::parse_from_rfc3339(l).unwrap());
        assert_eq!(lastmod.as_deref(), newest);
        again.extend(part);
    }
    // The parts together are the whole list, in order.
    assert_eq!(again, all);
    assert!(parts[0].1.is_some());
}

#[test]
fn past_the_byte_limit_each_part_stays_under_it() {
    let t = with_settings(SiteTest::fixture("basic"), "[sitemap]\nmax_bytes = 600")
        .build()
        .assert_success();
    let files = tree(&t.public());
    let parts: Vec<_> = files.keys().filter(|k| k.starts_with("sitemap-")).collect();
    assert!(parts.len() > 2, "{parts:?}");
    for p in parts {
        assert!(files[p].len() <= 600, "{p}: {} bytes", files[p].len());
        roxmltree::Document::parse(std::str::from_utf8(&files[p]).unwrap()).unwrap();
    }
    // robots.txt still points at the index.
    assert!(
        t.read("robots.txt")
            .contains("Sitemap: https://gazette.example/sitemap.xml\n")
    );
}
