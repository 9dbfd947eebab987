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
pub fn redirects_file(model: &Model) -> String {
    let mut x = String::with_capacity(model.aliases.len() * 64);
    for a in &model.aliases {
        let (to, _) = target(model, a.target);
        let _ = writeln!(x, "{} {to} 301", a.url);
    }
    x
}
