//! Subscriber-only articles: the text each output may carry (the page, the
//! feeds, the search index). Where the free part ends is found while parsing
//! (`content::life::free_part`).

use crate::config::{Config, PaywallMode};
use crate::model::Article;
use std::borrow::Cow;

/// The CSS selector of the gated part, for `hasPart` in the JSON-LD.
pub const GATED_CLASS: &str = "paywall-gated";

/// The text of `a` that outputs other than its page may carry: the free part
/// of a subscriber-only article, the whole text of another.
pub fn public(a: &Article) -> &str {
    a.content
        .get(..a.free_len.unwrap_or(a.content.len()))
        .unwrap_or(&a.content)
}

/// The body its page shows: the free part, then (in `mark` mode) the gated
/// part inside an element search engines are told about.
pub fn page_body<'a>(a: &'a Article, config: &Config) -> Cow<'a, str> {
    if !a.subscribers {
        return Cow::Borrowed(&a.content);
    }
    let free = public(a);
    let gated = &a.content[free.len()..];
    match config.paywall.mode {
        PaywallMode::Truncate => Cow::Borrowed(free),
        PaywallMode::Mark if gated.is_empty() => Cow::Borrowed(free),
        PaywallMode::Mark => Cow::Owned(format!(
            "{free}<div class=\"{GATED_CLASS}\">\n{gated}</div>\n"
        )),
    }
}
