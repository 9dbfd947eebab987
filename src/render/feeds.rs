//! Machine-read outputs: Atom feeds, the sitemap and robots.txt. Written
//! directly rather than through theme templates, since their format is fixed.

use super::context::Urls;
use super::escape::xml_escape;
use crate::model::Model;
use std::fmt::Write;

pub struct FeedSpec<'a> {
    pub title: String,
    pub subtitle: &'a str,
    /// Site-relative URL of the HTML page the feed mirrors.
    pub html_url: String,
    pub feed_url: String,
    pub articles: &'a [usize],
    pub limit: usize,
    pub language: &'a str,
}

pub fn atom(model: &Model, urls: &Urls, spec: &FeedSpec) -> String {
    let entries: Vec<usize> = spec.articles.iter().take(spec.limit).copied().collect();
    // The newest change among the entries, not the build time: two builds of
    // the same content must give the same feed.
    let updated = entries
        .iter()
        .map(|&i| {
            let a = &model.articles[i];
            a.updated.unwrap_or(a.date).to_rfc3339()
        })
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00+00:00".into());
    let mut x = String::with_capacity(2048 + entries.len() * 4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        xml_escape(spec.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&spec.title));
    if !spec.subtitle.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", xml_escape(spec.subtitle));
    }
    let html = urls.absolute(&spec.html_url);
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&html)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&urls.absolute(&spec.feed_url))
    );
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&html));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(x, "  <generator>rotative</generator>");
    for i in entries {
        entry(&mut x, model, urls, i);
    }
    x.push_str("</feed>\n");
    x
}

fn entry(x: &mut String, model: &Model, urls: &Urls, i: usize) {
    let a = &model.articles[i];
    let l = &model.links[i];
    let link = xml_escape(&urls.absolute(&l.url));
    x.push_str("  <entry>\n");
    let _ = writeln!(x, "    <title>{}</title>", xml_escape(&a.title));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>"
    );
    let _ = writeln!(x, "    <id>{link}</id>");
    let _ = writeln!(x, "    <published>{}</published>", a.date.to_rfc3339());
    let _ = writeln!(
        x,
        "    <updated>{}</updated>",
        a.updated.unwrap_or(a.date).to_rfc3339()
    );
    for &au in &l.authors {
        let au = &model.authors[au];
        let _ = writeln!(
            x,
            "    <author><name>{}</name><uri>{}</uri></author>",
            xml_escape(&au.name),
            xml_escape(&urls.absolute(&urls.author(&au.slug)))
        );
    }
    if let Some(c) = l.category {
        let _ = writeln!(
            x,
            "    <category term=\"{}\"/>",
            xml_escape(&model.categories[c].name)
        );
    }
    for &t in &l.tags {
        let _ = writeln!(
            x,
            "    <category term=\"{}\"/>",
            xml_escape(&model.tags[t].name)
        );
    }
    let _ = writeln!(
        x,
        "    <summary type=\"text\">{}</summary>",
        xml_escape(&a.summary)
    );
    let _ = writeln!(
        x,
        "    <content type=\"html\">{}</content>",
        xml_escape(&a.content)
    );
    x.push_str("  </entry>\n");
}

/// A sitemap file holds at most this many URLs (sitemaps.org protocol).
pub const SITEMAP_LIMIT: usize = 50_000;

/// The URLs a sitemap lists: first pages of listings, articles and pages.
pub fn sitemap_urls(model: &Model, urls: &Urls) -> Vec<(String, Option<String>)> {
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
        out.push((format!("/{}/", p.slug), None));
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

/// How many URLs `sitemap_urls` lists, without building them.
pub fn sitemap_len(model: &Model) -> usize {
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

pub fn sitemap_parts(count: usize) -> usize {
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
