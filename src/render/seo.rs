//! Outputs for search engines and hosts, written directly rather than through
//! the theme: the Google News sitemap, redirect pages at the old URLs of
//! articles and pages, and the `_redirects` file that lists them.

use super::context::Urls;
use super::escape::xml_escape;
use super::escape_html;
use crate::config::Config;
use crate::model::{Alias, Model, Target};
use std::fmt::Write;

/// The site path and title an alias leads to.
pub fn target(model: &Model, t: Target) -> (String, &str) {
    match t {
        Target::Article(i) => (model.links[i].url.clone(), &model.articles[i].title),
        Target::Page(i) => (format!("/{}/", model.pages[i].slug), &model.pages[i].title),
    }
}

/// The language code Google News expects: ISO 639 (`fr`, `en`), except
/// Chinese, which it wants as `zh-cn` or `zh-tw`.
fn news_language(lang: &str) -> String {
    let lang = lang.to_ascii_lowercase().replace('_', "-");
    if lang == "zh-cn" || lang == "zh-tw" {
        return lang;
    }
    lang.split('-').next().unwrap_or("").to_string()
}

/// `news-sitemap.xml`: the articles of `model.news` (the last 48 hours before
/// the build time) in the Google News sitemap format.
pub fn news_sitemap(model: &Model, urls: &Urls, config: &Config) -> String {
    let name = xml_escape(config.news.name.as_deref().unwrap_or(&config.title));
    let language = xml_escape(&news_language(&config.language));
    let mut x = String::with_capacity(512 + model.news.len() * 512);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n");
    for &i in &model.news {
        let a = &model.articles[i];
        let _ = write!(
            x,
            "  <url>\n    <loc>{}</loc>\n    <news:news>\n      <news:publication>\n        <news:name>{name}</news:name>\n        <news:language>{language}</news:language>\n      </news:publication>\n      <news:publication_date>{}</news:publication_date>\n      <news:title>{}</news:title>\n    </news:news>\n  </url>\n",
            xml_escape(&urls.absolute(&model.links[i].url)),
            a.date.to_rfc3339(),
            xml_escape(&a.title),
        );
    }
    x.push_str("</urlset>\n");
    x
}

/// The page left at an old URL: an immediate refresh to the new one, the new
/// one as canonical (so search engines move their entry), `noindex`, and a
/// link for readers whose browser does not follow the refresh.
pub fn redirect_page(model: &Model, urls: &Urls, config: &Config, alias: &Alias) -> String {
    let (url, title) = target(model, alias.target);
    let to = escape_html(&urls.absolute(&url));
    let title = escape_html(title);
    let fr = config.language.starts_with("fr");
    let (moved, text) = if fr {
        ("Page déplacée", "Cette page a changé d'adresse\u{a0}:")
    } else {
        ("Page moved", "This page has moved:")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{moved} — {site}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>{text} <a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n",
        lang = escape_html(&config.language),
        site = escape_html(&config.title),
    )
}

/// `_redirects` (Netlify, Cloudflare Pages): one `old new 301` line per
/// alias, in the order of `model.aliases` (sorted by old URL).
pub fn redirects_file(model: &Model) -> String {
    let mut x = String::with_capacity(model.aliases.len() * 64);
    for a in &model.aliases {
        let (to, _) = target(model, a.target);
        let _ = writeln!(x, "{} {to} 301", a.url);
    }
    x
}
