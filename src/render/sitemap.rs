//! For crawlers: `sitemap.xml` (an index of parts `sitemap-1.xml`, … once the
//! site passes the protocol's 50,000 URLs or 50 MB in one file) and
//! `robots.txt`, which points at it.

use super::escape::xml_escape;
use crate::config::Sitemap as Limits;
use crate::model::{Model, Urls};
use std::fmt::Write;
use std::ops::Range;

/// The URLs a sitemap lists: first pages of listings, articles and pages.
pub fn urls(model: &Model, urls: &Urls) -> Vec<(String, Option<String>)> {
    let newest = model
        .articles
        .iter()
        .map(|a| a.modified())
        .max()
        .map(|d| d.to_rfc3339());
    let mut out = vec![("/".to_string(), newest)];
    for (a, l) in model.articles.iter().zip(&model.links) {
        out.push((l.url.clone(), Some(a.modified().to_rfc3339())));
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

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const TAIL: &str = "</urlset>\n";
/// `  <url><loc></loc></url>\n` around the address.
const ENTRY: usize = 25;
/// `<lastmod></lastmod>` around an RFC 3339 date with its offset (25
/// bytes), and room for fractional seconds: a part may come out a little
/// smaller than the limit, never larger.
const LASTMOD: usize = 19 + 35;

/// The size in bytes of each entry `urls` lists, in the same order, worked
/// out from the model without building the list (the plan of a preview
/// rebuild needs the number of parts, rarely the parts).
pub fn entry_sizes(model: &Model, urls: &Urls) -> Vec<usize> {
    let base = xml_escape(&urls.base).len();
    let loc = |path_len: usize| ENTRY + base + path_len;
    let mut out = Vec::with_capacity(len(model));
    out.push(
        loc(1)
            + if model.articles.is_empty() {
                0
            } else {
                LASTMOD
            },
    );
    out.extend(
        model
            .links
            .iter()
            .map(|l| loc(xml_escape(&l.url).len()) + LASTMOD),
    );
    out.extend(model.pages.iter().map(|p| loc(p.slug.len() + 2)));
    out.push(loc(urls.authors.len()));
    out.extend(
        model
            .authors
            .iter()
            .map(|a| loc(urls.authors.len() + a.slug.len() + 1)),
    );
    out.push(loc(urls.categories.len()));
    out.extend(
        model
            .categories
            .iter()
            .map(|t| loc(urls.categories.len() + t.slug.len() + 1)),
    );
    out.push(loc(urls.tags.len()));
    out.extend(
        model
            .tags
            .iter()
            .map(|t| loc(urls.tags.len() + t.slug.len() + 1)),
    );
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

/// Cuts the entries (given by their sizes) into consecutive parts of at most
/// `max_urls` entries and `max_bytes` bytes each, file head and tail
/// included. One range for a site that fits in one file.
pub fn split(sizes: &[usize], limits: &Limits) -> Vec<Range<usize>> {
    let max_urls = limits.max_urls.max(1);
    let room = limits.max_bytes.saturating_sub(HEAD.len() + TAIL.len());
    let mut parts = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, &s) in sizes.iter().enumerate() {
        // An entry larger than a whole file still gets a part of its own.
        if i > start && (i - start == max_urls || bytes + s > room) {
            parts.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += s;
    }
    parts.push(start..sizes.len());
    parts
}

/// Part 0 is `sitemap.xml`: the whole list, or the index of parts 1.. when
/// `parts` has more than one, each with the newest `<lastmod>` it holds.
pub fn sitemap(
    all: &[(String, Option<String>)],
    parts: &[Range<usize>],
    urls: &Urls,
    part: usize,
) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    if part == 0 && parts.len() > 1 {
        x.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (k, r) in parts.iter().enumerate() {
            let _ = write!(
                x,
                "  <sitemap><loc>{}</loc>",
                xml_escape(&urls.absolute(&format!("/sitemap-{}.xml", k + 1)))
            );
            // RFC 3339 strings compare as dates only in one offset: compare instants.
            let newest = all
                .get(r.clone())
                .unwrap_or(&[])
                .iter()
                .filter_map(|(_, l)| l.as_deref())
                .filter_map(|l| chrono::DateTime::parse_from_rfc3339(l).ok().map(|d| (d, l)))
                .max_by_key(|(d, _)| *d);
            if let Some((_, l)) = newest {
                let _ = write!(x, "<lastmod>{l}</lastmod>");
            }
            x.push_str("</sitemap>\n");
        }
        x.push_str("</sitemapindex>\n");
        return x;
    }
    let chunk = if part == 0 {
        all
    } else {
        parts
            .get(part - 1)
            .and_then(|r| all.get(r.clone()))
            .unwrap_or(&[])
    };
    x.clear();
    x.push_str(HEAD);
    for (url, lastmod) in chunk {
        let _ = write!(x, "  <url><loc>{}</loc>", xml_escape(&urls.absolute(url)));
        if let Some(l) = lastmod {
            let _ = write!(x, "<lastmod>{l}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str(TAIL);
    x
}

/// The numbers of the part files: none when one file holds the site.
pub fn part_jobs(parts: &[Range<usize>]) -> usize {
    if parts.len() > 1 { parts.len() } else { 0 }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_urls: usize, max_bytes: usize) -> Limits {
        Limits {
            max_urls,
            max_bytes,
        }
    }

    #[test]
    fn one_part_under_the_limits() {
        assert_eq!(split(&[100; 10], &limits(10, 10_000)), vec![0..10]);
        assert_eq!(split(&[], &limits(10, 10_000)), vec![0..0]);
    }

    #[test]
    fn parts_by_count() {
        assert_eq!(split(&[1; 7], &limits(3, 1 << 20)), vec![0..3, 3..6, 6..7]);
    }

    #[test]
    fn parts_by_size_count_the_file_head_and_tail() {
        let room = HEAD.len() + TAIL.len() + 250;
        assert_eq!(
            split(&[100; 5], &limits(50_000, room)),
            vec![0..2, 2..4, 4..5]
        );
        // An entry that fills a file alone is not dropped.
        assert_eq!(split(&[1000, 10], &limits(50_000, room)), vec![0..1, 1..2]);
    }

    #[test]
    fn the_protocol_limits_by_default() {
        let d = Limits::default();
        assert_eq!(split(&[80; 50_000], &d).len(), 1);
        assert_eq!(split(&[80; 50_001], &d), vec![0..50_000, 50_000..50_001]);
        // 50 MB of 2 KB entries: about 25,600 per file.
        let parts = split(&[2048; 30_000], &d);
        assert_eq!(parts.len(), 2);
        assert!(parts[0].len() * 2048 + HEAD.len() + TAIL.len() <= 50 * 1024 * 1024);
    }
}
