//! RSS 2.0 feeds beside the Atom ones (`rss.xml` of the site, each category
//! and each author), for aggregators and RSS-to-email tools: the lead photo
//! as `<enclosure>` and `media:content`, `dc:creator` per author, a
//! `<category>` for the section and each tag.

use super::escape::{xml_cdata, xml_escape};
use super::feeds::FeedSpec;
use crate::config::FeedContent;
use crate::model::{Model, Urls};
use std::fmt::Write;

pub fn rss(model: &Model, urls: &Urls, spec: &FeedSpec) -> String {
    let entries: Vec<usize> = spec.articles.iter().take(spec.limit).copied().collect();
    let mut x = String::with_capacity(2048 + entries.len() * 4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n",
    );
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(&spec.title));
    let _ = writeln!(
        x,
        "  <link>{}</link>",
        xml_escape(&urls.absolute(&spec.html_url))
    );
    // Required, and empty would do; the title says more than nothing.
    let description = if spec.subtitle.is_empty() {
        spec.title.as_str()
    } else {
        spec.subtitle
    };
    let _ = writeln!(
        x,
        "  <description>{}</description>",
        xml_escape(description)
    );
    let _ = writeln!(
        x,
        "  <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"{}\"/>",
        xml_escape(&urls.absolute(&spec.feed_url))
    );
    let _ = writeln!(x, "  <language>{}</language>", xml_escape(spec.language));
    // The newest change among the entries, never the clock (see `feeds`).
    if let Some(d) = entries.iter().map(|&i| model.articles[i].modified()).max() {
        let _ = writeln!(x, "  <lastBuildDate>{}</lastBuildDate>", d.to_rfc2822());
    }
    x.push_str("  <generator>rotative</generator>\n");
    for i in entries {
        item(&mut x, model, urls, i, spec.content);
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn item(x: &mut String, model: &Model, urls: &Urls, i: usize, content: FeedContent) {
    let a = &model.articles[i];
    let l = &model.links[i];
    let link = xml_escape(&urls.absolute(&l.url));
    x.push_str("  <item>\n");
    let _ = writeln!(x, "    <title>{}</title>", xml_escape(&a.title));
    let _ = writeln!(x, "    <link>{link}</link>");
    let _ = writeln!(x, "    <guid isPermaLink=\"true\">{link}</guid>");
    let _ = writeln!(x, "    <pubDate>{}</pubDate>", a.date.to_rfc2822());
    if let Some(u) = a.last_update() {
        let _ = writeln!(x, "    <atom:updated>{}</atom:updated>", u.to_rfc3339());
    }
    for &au in &l.authors {
        let _ = writeln!(
            x,
            "    <dc:creator>{}</dc:creator>",
            xml_escape(&model.authors[au].name)
        );
    }
    let names = l
        .category
        .map(|c| &model.categories[c].name)
        .into_iter()
        .chain(l.tags.iter().map(|&t| &model.tags[t].name));
    for name in names {
        let _ = writeln!(x, "    <category>{}</category>", xml_escape(name));
    }
    let _ = writeln!(
        x,
        "    <description>{}</description>",
        xml_escape(&a.summary)
    );
    if content == FeedContent::Full {
        let _ = writeln!(
            x,
            "    <content:encoded>{}</content:encoded>",
            xml_cdata(super::paywall::public(a))
        );
    }
    if let Some(p) = &a.photo {
        let url = xml_escape(&urls.absolute(&p.url));
        let image = p.image.as_deref();
        let mime = image.and_then(|im| im.format).map(|f| f.mime());
        // An enclosure must give its length: only for files under `content/`.
        if let (Some(im), Some(mime)) = (image, mime) {
            let length = std::fs::metadata(&im.file).map_or(0, |m| m.len());
            let _ = writeln!(
                x,
                "    <enclosure url=\"{url}\" length=\"{length}\" type=\"{mime}\"/>"
            );
        }
        let _ = write!(x, "    <media:content url=\"{url}\" medium=\"image\"");
        if let Some(mime) = mime {
            let _ = write!(x, " type=\"{mime}\"");
        }
        if let Some((w, h)) = image.and_then(|im| Some((im.width?, im.height?))) {
            let _ = write!(x, " width=\"{w}\" height=\"{h}\"");
        }
        x.push_str(">\n");
        if !p.alt.is_empty() || !p.caption.is_empty() {
            let text = if p.caption.is_empty() {
                &p.alt
            } else {
                &p.caption
            };
            let _ = writeln!(
                x,
                "      <media:description type=\"plain\">{}</media:description>",
                xml_escape(text)
            );
        }
        if !p.credit.is_empty() {
            let _ = writeln!(
                x,
                "      <media:credit>{}</media:credit>",
                xml_escape(&p.credit)
            );
        }
        x.push_str("    </media:content>\n");
    }
    x.push_str("  </item>\n");
}
