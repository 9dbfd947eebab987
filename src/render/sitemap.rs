//! For crawlers: `sitemap.xml` (split into parts past the protocol's limit)
//! and `robots.txt`, which points at it.

use super::escape::xml_escape;
use crate::model::{Model, Urls};
use std::fmt::Write;

/// A sitemap file holds at most this many URLs (sitemaps.org protocol).
pub const SITEMAP_LIMIT: usize = 50_000;

/// The URLs a sitemap lists: first pages of listings, articles and pages.
pub fn urls(model: &Model, urls: &Urls) -> Vec<(String, Option<String>)> {
    let newest = model
        .articles
        .first()
        .map(|a| a.updated.unwrap_or(a.date).to_rfc3339());
    let mut out = vec![("/".to_string(), newest)];
    for (a, l) in model.articles.iter().zip(&model.links) {
        out.push((
            l.url.clone(),
            Some(a.updated.unwrap_or(a.date).to_rfc3339()),
        ));
    }
    for p in &model.pages {
        out.push((p.url(), None));
    }
    out.push((urls.authors.clone(), None));
    out.extend(model.authors.iter().map(|a| (urls.author(&a.slug), None)));
    out.push((urls.categories.clone(), None));
    out.extend(
        model
            .categories
            .iter()
            .map(|t| (urls.category(&t.slug), None)),
    );
    out.push((urls.tags.clone(), None));
    out.extend(model.tags.iter().map(|t| (urls.tag(&t.slug), None)));
    out
}

/// How many URLs `urls` lists, without building them.
pub fn len(model: &Model) -> usize {
    4 + model.articles.len()
        + model.pages.len()
        + model.authors.len()
        + model.categories.len()
        + model.tags.len()
}

/// Part 0 is `sitemap.xml`: the whole list, or an index of parts 1.. when the
/// site has more URLs than one sitemap may hold.
pub fn sitemap(all: &[(String, Option<String>)], urls: &Urls, part: usize) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let parts = all.len().div_ceil(SITEMAP_LIMIT);
    if part == 0 && parts > 1 {
        x.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for k in 1..=parts {
            let _ = writeln!(
                x,
                "  <sitemap><loc>{}</loc></sitemap>",
                xml_escape(&urls.absolute(&format!("/sitemap-{k}.xml")))
            );
        }
        x.push_str("</sitemapindex>\n");
        return x;
    }
    let chunk = if part == 0 {
        all
    } else {
        all.chunks(SITEMAP_LIMIT).nth(part - 1).unwrap_or(&[])
    };
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (url, lastmod) in chunk {
        let _ = write!(x, "  <url><loc>{}</loc>", xml_escape(&urls.absolute(url)));
        if let Some(l) = lastmod {
            let _ = write!(x, "<lastmod>{l}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

pub fn parts(count: usize) -> usize {
    let parts = count.div_ceil(SITEMAP_LIMIT);
    if parts > 1 { parts } else { 0 }
}

pub fn robots(urls: &Urls, news_sitemap: bool) -> String {
    let mut x = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        urls.absolute("/sitemap.xml")
    );
    if news_sitemap {
        let _ = writeln!(x, "Sitemap: {}", urls.absolute("/news-sitemap.xml"));
    }
    x
}
