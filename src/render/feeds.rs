//! Atom feeds of the site, its categories and its authors. Written directly
//! rather than through theme templates, since their format is fixed.

use super::escape::{xml_cdata, xml_escape};
use crate::model::Model;
use crate::model::Urls;
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
    /// The whole text in each entry, or the summary only.
    pub content: crate::config::FeedContent,
}

pub fn atom(model: &Model, urls: &Urls, spec: &FeedSpec) -> String {
    let entries: Vec<usize> = spec.articles.iter().take(spec.limit).copied().collect();
    // The newest change among the entries, not the build time: two builds of
    // the same content must give the same feed.
    let updated = entries
        .iter()
        .map(|&i| {
            let a = &model.articles[i];
            a.modified().to_rfc3339()
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
        entry(&mut x, model, urls, i, spec.content);
    }
    x.push_str("</feed>\n");
    x
}

fn entry(
    x: &mut String,
    model: &Model,
    urls: &Urls,
    i: usize,
    content: crate::config::FeedContent,
) {
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
    let _ = writeln!(x, "    <updated>{}</updated>", a.modified().to_rfc3339());
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
    if content == crate::config::FeedContent::Full {
        let _ = writeln!(
            x,
            "    <content type=\"html\">{}</content>",
            xml_cdata(super::paywall::public(a))
        );
    }
    x.push_str("  </entry>\n");
}
