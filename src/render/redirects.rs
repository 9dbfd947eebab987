//! Old URLs that keep working: a redirect page at each alias of an article
//! or a page, and the `_redirects` file (Netlify, Cloudflare Pages) listing them.

use super::escape_html;
use crate::config::Config;
use crate::i18n::Labels;
use crate::model::aliases::target;
use crate::model::{Alias, Model, Urls};
use std::fmt::Write;

/// The page left at an old URL: an immediate refresh to the new one, the new
/// one as canonical (so search engines move their entry), `noindex`, and a
/// link for readers whose browser does not follow the refresh.
pub fn redirect_page(model: &Model, urls: &Urls, config: &Config, alias: &Alias) -> String {
    let (url, title) = target(model, alias.target);
    let to = escape_html(&urls.absolute(&url));
    let title = escape_html(title);
    let labels = Labels::of(&config.language);
    let (moved, text) = (labels.page_moved, labels.has_moved);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{moved} — {site}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>{text} <a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n",
        lang = escape_html(&config.language),
        site = escape_html(&config.title),
    )
}

/// `_redirects` (Netlify, Cloudflare Pages): one `old new 301` line per
/// alias, in the order of `model.aliases` (sorted by old URL).
/// An alias with a query is written the way Netlify matches one:
/// `/ p=123 /new/ 301`.
pub fn redirects_file(model: &Model) -> String {
    let mut x = String::with_capacity(model.aliases.len() * 64);
    for a in &model.aliases {
        let (to, _) = target(model, a.target);
        match a.url.split_once('?') {
            Some((path, query)) => {
                let _ = writeln!(x, "{path} {query} {to} 301");
            }
            None => {
                let _ = writeln!(x, "{} {to} 301", a.url);
            }
        }
    }
    x
}

/// `query-redirects.json`: each alias with a query (`?p=123`, as
/// `location.search` gives it) and the site path it leads to. The home page
/// reads it when it is opened with a query, for hosts without query rules.
pub fn query_redirects(model: &Model) -> String {
    let map: serde_json::Map<String, serde_json::Value> = model
        .aliases
        .iter()
        .filter_map(|a| {
            let (path, query) = a.url.split_once('?')?;
            // Only the home page carries the script.
            (path == "/").then(|| (format!("?{query}"), target(model, a.target).0.into()))
        })
        .collect();
    format!("{}\n", serde_json::Value::Object(map))
}
