//! The site configuration, `site.toml`: parsing, defaults and validation.

mod life;
mod sections;

pub use life::{Archives, FeedContent, Feeds, Listings, Paywall, PaywallMode, Sitemap, Sort};
pub use sections::{
    Comments, Images, Markdown, News, Newsletter, Paths, Related, Search, Share, Typography,
};

use crate::error::ConfigError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// Keys allowed at the top level and in each known table. Anything else is a
/// typo until proven otherwise, so it is an error (with a suggestion), except
/// under `[extra]`, which belongs to themes.
const TOP_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "timezone",
    "description",
    "theme",
    "permalink",
    "per_page",
    "feed_limit",
    "logo",
    "paths",
    "newsletter",
    "social",
    "share",
    "strict",
    "news",
    "images",
    "typography",
    "markdown",
    "comments",
    "related",
    "search",
    "listings",
    "feeds",
    "sitemap",
    "archives",
    "paywall",
    "extra",
];
const PATHS_KEYS: &[&str] = &["authors", "tags", "categories"];
const NEWSLETTER_KEYS: &[&str] = &["action", "title", "text"];
const SHARE_KEYS: &[&str] = &["networks"];
const NEWS_KEYS: &[&str] = &["sitemap", "name"];
const IMAGES_KEYS: &[&str] = &["widths", "quality"];
const TYPOGRAPHY_KEYS: &[&str] = &["french"];
const MARKDOWN_KEYS: &[&str] = &["raw_html"];
const COMMENTS_KEYS: &[&str] = &["provider", "url", "script", "site_id"];
const RELATED_KEYS: &[&str] = &["count"];
const SEARCH_KEYS: &[&str] = &["enabled", "path", "body"];
pub const SHARE_NETWORKS: &[&str] = &["x", "facebook", "linkedin", "email", "copy"];

pub const COMMENT_PROVIDERS: &[&str] = &["isso", "remark42"];

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_timezone")]
    pub timezone: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_permalink")]
    pub permalink: String,
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    #[serde(default = "default_per_page")]
    pub feed_limit: usize,
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub paths: Paths,
    #[serde(default)]
    pub newsletter: Option<Newsletter>,
    #[serde(default)]
    pub social: BTreeMap<String, String>,
    #[serde(default)]
    pub share: Share,
    /// Editorial checks (`rotative check`) are errors, and `build` fails on them.
    #[serde(default)]
    pub strict: bool,
    #[serde(default)]
    pub news: News,
    #[serde(default)]
    pub images: Images,
    #[serde(default)]
    pub typography: Typography,
    #[serde(default)]
    pub markdown: Markdown,
    #[serde(default)]
    pub comments: Option<Comments>,
    #[serde(default)]
    pub related: Related,
    #[serde(default)]
    pub search: Search,
    #[serde(default)]
    pub listings: Listings,
    #[serde(default)]
    pub feeds: Feeds,
    #[serde(default)]
    pub sitemap: Sitemap,
    #[serde(default)]
    pub archives: Archives,
    #[serde(default)]
    pub paywall: Paywall,
    #[serde(default)]
    pub extra: toml::Table,
    /// Parsed from `timezone`; not part of the file.
    #[serde(skip, default = "default_tz")]
    pub tz: chrono_tz::Tz,
}

fn default_language() -> String {
    "fr".into()
}
fn default_timezone() -> String {
    "Europe/Paris".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_permalink() -> String {
    "/{year}/{month}/{slug}/".into()
}
fn default_per_page() -> usize {
    20
}
fn default_tz() -> chrono_tz::Tz {
    chrono_tz::Europe::Paris
}

/// Returns the closest candidate to `key` if it is plausibly a misspelling.
pub fn closest<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(key, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn unknown_key_message(key: &str, table: Option<&str>, allowed: &[&str]) -> String {
    let place = match table {
        Some(t) => format!("[{t}]"),
        None => "the top level".into(),
    };
    let full = match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    };
    match closest(key, allowed) {
        Some(c) => format!("unknown key `{full}` in {place}; did you mean `{c}`?"),
        None => format!(
            "unknown key `{full}` in {place}; valid keys are: {}",
            allowed.join(", ")
        ),
    }
}

/// A wrong value of `site.toml`, with the key whose line it is reported on.
struct Bad {
    key: String,
    message: String,
}

fn bad(key: &str, message: String) -> Bad {
    Bad {
        key: key.to_string(),
        message,
    }
}

fn check_keys(table: &toml::Table) -> Result<(), Bad> {
    for (key, value) in table {
        if !TOP_KEYS.contains(&key.as_str()) {
            return Err(bad(key, unknown_key_message(key, None, TOP_KEYS)));
        }
        let allowed = match key.as_str() {
            "paths" => PATHS_KEYS,
            "newsletter" => NEWSLETTER_KEYS,
            "share" => SHARE_KEYS,
            "news" => NEWS_KEYS,
            "images" => IMAGES_KEYS,
            "typography" => TYPOGRAPHY_KEYS,
            "markdown" => MARKDOWN_KEYS,
            "comments" => COMMENTS_KEYS,
            "related" => RELATED_KEYS,
            "search" => SEARCH_KEYS,
            "listings" => life::LISTINGS_KEYS,
            "feeds" => life::FEEDS_KEYS,
            "sitemap" => life::SITEMAP_KEYS,
            "archives" => life::ARCHIVES_KEYS,
            "paywall" => life::PAYWALL_KEYS,
            _ => continue,
        };
        if let Some(sub) = value.as_table() {
            for k in sub.keys() {
                if !allowed.contains(&k.as_str()) {
                    return Err(bad(k, unknown_key_message(k, Some(key), allowed)));
                }
            }
        }
    }
    Ok(())
}

/// Finds the 1-based line of `key = ` in the file, for messages about values
/// whose type was right but whose content is not.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

impl Config {
    /// Reads and validates the `site.toml` of the site at `root`; errors
    /// name it `site.toml`, with the line where known.
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let shown = Path::new("site.toml");
        let text =
            std::fs::read_to_string(root.join(shown)).map_err(|source| ConfigError::Read {
                path: shown.to_path_buf(),
                source,
            })?;
        Config::parse(&text, shown)
    }

    /// Validates the text of a configuration file that errors call `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let at = |line: Option<usize>, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column: None,
            message,
        };
        let placed = |b: Bad| {
            let last = b.key.rsplit('.').next().unwrap_or(&b.key).to_string();
            at(key_line(text, &last), b.message)
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        check_keys(&table).map_err(placed)?;
        let mut cfg: Config = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        cfg.tz = cfg.timezone.parse().map_err(|_| {
            at(
                key_line(text, "timezone"),
                format!(
                    "unknown time zone `{}` (expected an IANA name such as `Europe/Paris`)",
                    cfg.timezone
                ),
            )
        })?;
        cfg.base_url = cfg.base_url.trim_end_matches('/').to_string();
        if !(cfg.base_url.starts_with("http://") || cfg.base_url.starts_with("https://")) {
            return Err(at(
                key_line(text, "base_url"),
                format!(
                    "`base_url` must be an absolute http(s) URL, found `{}`",
                    cfg.base_url
                ),
            ));
        }
        if cfg.per_page == 0 {
            return Err(at(
                key_line(text, "per_page"),
                "`per_page` must be at least 1".into(),
            ));
        }
        if !cfg.permalink.contains("{slug}") {
            return Err(at(
                key_line(text, "permalink"),
                format!(
                    "`permalink` must contain `{{slug}}`, found `{}`",
                    cfg.permalink
                ),
            ));
        }
        for n in &cfg.share.networks {
            if !SHARE_NETWORKS.contains(&n.as_str()) {
                return Err(at(
                    key_line(text, "networks"),
                    format!(
                        "unknown share network `{n}`; valid ones are: {}",
                        SHARE_NETWORKS.join(", ")
                    ),
                ));
            }
        }
        check_media(&mut cfg).map_err(placed)?;
        for (name, seg) in [
            ("authors", &cfg.paths.authors),
            ("tags", &cfg.paths.tags),
            ("categories", &cfg.paths.categories),
        ] {
            if crate::slug::slugify(seg) != *seg {
                return Err(at(
                    key_line(text, name),
                    format!(
                        "`paths.{name}` must be a plain URL segment such as `{}`, found `{seg}`",
                        crate::slug::slugify(seg)
                    ),
                ));
            }
        }
        check_search_path(&cfg).map_err(placed)?;
        life::check_archives(&cfg.archives, &cfg.paths, &cfg.search)
            .map_err(|m| at(key_line(text, "path"), m))?;
        Ok(cfg)
    }
}

/// Checks `[images]` and `[comments]`, and fills the comment script's default.
fn check_media(cfg: &mut Config) -> Result<(), Bad> {
    let img = &mut cfg.images;
    if img.widths.is_empty() || img.widths.iter().any(|w| !(16..=8192).contains(w)) {
        return Err(bad(
            "widths",
            format!(
                "`images.widths` must list widths in pixels between 16 and 8192, found {:?}",
                img.widths
            ),
        ));
    }
    img.widths.sort_unstable();
    img.widths.dedup();
    if !(1..=100).contains(&img.quality) {
        return Err(bad(
            "quality",
            format!(
                "`images.quality` must be between 1 and 100, found {}",
                img.quality
            ),
        ));
    }
    let Some(c) = cfg.comments.as_mut() else {
        return Ok(());
    };
    if !COMMENT_PROVIDERS.contains(&c.provider.as_str()) {
        return Err(bad(
            "provider",
            format!(
                "unknown comment provider `{}`; valid ones are: {}",
                c.provider,
                COMMENT_PROVIDERS.join(", ")
            ),
        ));
    }
    c.url = c.url.trim_end_matches('/').to_string();
    let absolute = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    if !absolute(&c.url) {
        return Err(bad(
            "url",
            format!(
                "`comments.url` must be the absolute http(s) URL of the comment server, found `{}`",
                c.url
            ),
        ));
    }
    if let Some(s) = c.script.as_deref().filter(|s| !absolute(s)) {
        return Err(bad(
            "script",
            format!("`comments.script` must be an absolute http(s) URL, found `{s}`"),
        ));
    }
    if c.provider == "isso" && c.site_id.is_some() {
        return Err(bad(
            "site_id",
            "`comments.site_id` is a Remark42 setting; an Isso server has one site per address"
                .into(),
        ));
    }
    // The usual places of each provider's embed script.
    let default_script = match c.provider.as_str() {
        "isso" => format!("{}/js/embed.min.js", c.url),
        _ => format!("{}/web/embed.js", c.url),
    };
    c.script.get_or_insert(default_script);
    if c.provider == "remark42" {
        c.site_id.get_or_insert_with(|| "remark".into());
    }
    Ok(())
}

impl Config {
    /// Whether French typography applies: `[typography] french`, by default
    /// on for a site whose language is French (`fr`, `fr-CA`…).
    pub fn french_typography(&self) -> bool {
        self.typography
            .french
            .unwrap_or_else(|| crate::i18n::is_french(&self.language))
    }
}

/// The search page owns one URL segment, which must be plain and must not be
/// one the taxonomies or the pagination already use.
fn check_search_path(cfg: &Config) -> Result<(), Bad> {
    let seg = &cfg.search.path;
    if !cfg.search.enabled {
        return Ok(());
    }
    if seg.is_empty() || crate::slug::slugify(seg) != *seg {
        return Err(bad(
            "path",
            format!("`search.path` must be a plain URL segment such as `recherche`, found `{seg}`"),
        ));
    }
    let p = &cfg.paths;
    let taken = [
        p.authors.as_str(),
        p.tags.as_str(),
        p.categories.as_str(),
        "page",
    ];
    if taken.contains(&seg.as_str()) {
        return Err(bad(
            "path",
            format!(
                "`search.path` is `{seg}`, a segment the site already uses for its listings; choose another"
            ),
        ));
    }
    Ok(())
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> ConfigError {
    let (line, column) = match e.span() {
        Some(span) => {
            let (l, c) = crate::error::line_col(text, span.start);
            (Some(l), Some(c))
        }
        None => (None, None),
    };
    ConfigError::Invalid {
        path: path.to_path_buf(),
        line,
        column,
        message: e.message().trim_end().to_string(),
    }
}
