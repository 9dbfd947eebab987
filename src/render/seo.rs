//! The Google News sitemap (`news-sitemap.xml`), written directly rather than
//! through the theme.

use super::escape::xml_escape;
use crate::config::Config;
use crate::model::{Model, Urls};
use std::fmt::Write;

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
