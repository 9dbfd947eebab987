//! The settings of an article's life after publication: how listings are
//! ordered (`[listings]`), what feeds carry (`[feeds]`) and how large one
//! sitemap file may grow (`[sitemap]`, a hidden setting for tests).

use serde::{Deserialize, Serialize};

pub const LISTINGS_KEYS: &[&str] = &["sort"];
pub const FEEDS_KEYS: &[&str] = &["content"];
pub const ARCHIVES_KEYS: &[&str] = &["enabled", "path"];
pub const SITEMAP_KEYS: &[&str] = &["max_urls", "max_bytes"];

/// The order of listings and feeds: by publication (the default) or by the
/// last update (`updated:`, or the newest correction).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Published,
    Updated,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Listings {
    pub sort: Sort,
}

/// Whether feed entries carry the article's whole text or its summary only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    #[default]
    Full,
    Summary,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Feeds {
    pub content: FeedContent,
}

/// A sitemap file holds at most 50,000 URLs and 50 MB (sitemaps.org).
pub const SITEMAP_MAX_URLS: usize = 50_000;
pub const SITEMAP_MAX_BYTES: usize = 50 * 1024 * 1024;

/// Not documented: tests lower the protocol's limits to see a sitemap index
/// without building 50,000 pages.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Sitemap {
    pub max_urls: usize,
    pub max_bytes: usize,
}

impl Default for Sitemap {
    fn default() -> Self {
        Sitemap {
            max_urls: SITEMAP_MAX_URLS,
            max_bytes: SITEMAP_MAX_BYTES,
        }
    }
}

/// `[archives]`: year and month pages, `/2025/` and `/2025/03/` (under
/// `/<path>/` when `path` is set).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Archives {
    pub enabled: bool,
    pub path: String,
}

impl Default for Archives {
    fn default() -> Self {
        Archives {
            enabled: true,
            path: String::new(),
        }
    }
}

/// The archive path is empty (years at the root) or a plain segment that
/// no listing uses.
pub fn check_archives(
    a: &Archives,
    paths: &super::Paths,
    search: &super::Search,
) -> Result<(), String> {
    let seg = a.path.as_str();
    if seg.is_empty() || !a.enabled {
        return Ok(());
    }
    if crate::slug::slugify(seg) != seg {
        return Err(format!(
            "`archives.path` must be empty or a plain URL segment such as `archives`, found `{seg}`"
        ));
    }
    let taken = [
        paths.authors.as_str(),
        paths.tags.as_str(),
        paths.categories.as_str(),
        search.path.as_str(),
        "page",
    ];
    if taken.contains(&seg) {
        return Err(format!(
            "`archives.path` is `{seg}`, a segment the site already uses; choose another"
        ));
    }
    Ok(())
}

pub const PAYWALL_KEYS: &[&str] = &["url", "mode", "paragraphs"];

/// What the public page of a subscriber-only article holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PaywallMode {
    /// The whole text, its gated part marked for search engines and hidden
    /// by the theme behind the subscribe box.
    #[default]
    Mark,
    /// Only the free part: the gated text is written nowhere.
    Truncate,
}

/// `[paywall]`: subscriber-only articles (`access: subscribers`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct Paywall {
    /// Where the subscribe box leads.
    pub url: Option<String>,
    pub mode: PaywallMode,
    /// Paragraphs of the body shown before the subscribe box.
    pub paragraphs: usize,
}

impl Default for Paywall {
    fn default() -> Self {
        Paywall {
            url: None,
            mode: PaywallMode::Mark,
            paragraphs: 2,
        }
    }
}
