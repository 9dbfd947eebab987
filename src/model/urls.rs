//! Every URL of the site in one place: the listing folders, a page of a
//! listing, a page's output file, and absolute URLs on the base URL.

use super::Article;
use super::outputs::PAGINATION;
use crate::config::Config;
use chrono::Datelike;

/// The URLs that depend on the site configuration, computed once.
pub struct Urls {
    pub base: String,
    pub authors: String,
    pub tags: String,
    pub categories: String,
    /// The search page; its index is `index.json` beside it.
    pub search: String,
    /// Where the date archives start: `/`, or `/<archives.path>/`.
    pub archives: String,
}

impl Urls {
    pub fn new(config: &Config, base_url: &str) -> Urls {
        Urls {
            base: base_url.trim_end_matches('/').to_string(),
            authors: format!("/{}/", config.paths.authors),
            tags: format!("/{}/", config.paths.tags),
            categories: format!("/{}/", config.paths.categories),
            search: format!("/{}/", config.search.path),
            archives: if config.archives.path.is_empty() {
                "/".into()
            } else {
                format!("/{}/", config.archives.path)
            },
        }
    }
    pub fn absolute(&self, url: &str) -> String {
        if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//") {
            url.to_string()
        } else {
            format!("{}{}", self.base, url)
        }
    }
    pub fn author(&self, slug: &str) -> String {
        format!("{}{slug}/", self.authors)
    }
    pub fn tag(&self, slug: &str) -> String {
        format!("{}{slug}/", self.tags)
    }
    pub fn category(&self, slug: &str) -> String {
        format!("{}{slug}/", self.categories)
    }
    /// `/2025/`.
    pub fn year(&self, year: i32) -> String {
        format!("{}{year:04}/", self.archives)
    }
    /// `/2025/03/`.
    pub fn month(&self, year: i32, month: u32) -> String {
        format!("{}{year:04}/{month:02}/", self.archives)
    }
}

/// URL of page `n` (1-based) of a listing whose first page is at `base`.
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}{PAGINATION}/{n}/")
    }
}

pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// Maps a site URL to a file path inside the output folder.
pub fn url_to_file(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Expands the permalink pattern for one article. Only slugs are substituted,
/// so the result cannot contain `..` or backslashes.
pub fn permalink(pattern: &str, a: &Article, category_slug: Option<&str>) -> String {
    let mut url = pattern
        .replace("{year}", &format!("{:04}", a.date.year()))
        .replace("{month}", &format!("{:02}", a.date.month()))
        .replace("{day}", &format!("{:02}", a.date.day()))
        .replace("{category}", category_slug.unwrap_or("non-classe"))
        .replace("{slug}", &a.slug);
    if !url.starts_with('/') {
        url.insert(0, '/');
    }
    let last = url.rsplit('/').next().unwrap_or("");
    if !last.is_empty() && !last.contains('.') {
        url.push('/');
    }
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    url
}
