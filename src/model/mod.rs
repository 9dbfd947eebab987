//! The publication in memory: articles, authors, pages, and the taxonomies
//! (authors, tags, categories) that index them. The model knows nothing of
//! rendering, output or serving: it depends only on the configuration.

pub mod aliases;
pub mod archives;
mod assemble;
pub mod outputs;
pub mod related;
pub mod shortcode;
pub mod urls;

pub use aliases::{Alias, Target};
pub use assemble::missing_profile;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
pub use urls::{Urls, permalink};

/// A link or image of a source's body, as written (after reference resolution).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    pub dest: String,
    pub line: usize,
    pub image: bool,
}

/// Where things are in a Markdown source, for the editorial checks (kept
/// only when parsing was asked to: see `content::ParseOptions::outline`).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Outline {
    pub links: Vec<SourceLink>,
    /// 1-based line of each top-level front-matter key.
    pub key_lines: HashMap<String, usize>,
    /// Line where the body's first paragraph starts, where a summary taken
    /// from the body comes from.
    pub first_paragraph: Option<usize>,
}

impl Outline {
    pub fn line(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Photo {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// Site URL of the original: `src` resolved against the article's folder.
    pub url: String,
    /// The file under `content/` and its resized copies; `None` for remote photos.
    pub image: Option<Arc<crate::media::LocalImage>>,
    /// Line of the `photo` key, for problems found once the model is known.
    pub line: Option<usize>,
}

/// A dated correction notice (`corrections:` in front matter).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Correction {
    pub date: DateTime<FixedOffset>,
    /// Plain text, typeset.
    pub text: String,
}

/// One entry of a live article: a `## 14 h 05 — Titre` heading and the
/// text under it, until the next such heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LiveEntry {
    pub time: chrono::DateTime<chrono::FixedOffset>,
    pub title: String,
    /// `direct-1405`: the anchor of its heading.
    pub anchor: String,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub source: PathBuf,
    pub title: String,
    pub slug: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Oldest first, as written; each one counts as an update.
    pub corrections: Vec<Correction>,
    /// False when the date was a bare day, so templates do not print « 00 h 00 ».
    pub has_time: bool,
    /// Author slugs or names as written in the front matter.
    pub author_refs: Vec<String>,
    /// Line of the `author`/`authors` key, for warnings about missing profiles.
    pub author_line: Option<usize>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// Slugs of `author_refs`, `category` and `tags`, computed while parsing
    /// (in parallel, once) rather than each time the site is assembled.
    pub author_slugs: Vec<String>,
    pub category_slug: Option<String>,
    pub tag_slugs: Vec<String>,
    /// Hash of the source file (path and text): equal fingerprints, equal article.
    pub fingerprint: u64,
    /// Hash of the fields a listing shows (title, date, summary, photo…), so
    /// that a body-only edit leaves the listings alone.
    pub summary_fingerprint: u64,
    pub photo: Option<Photo>,
    pub summary: String,
    /// The summary was taken from the body (no `summary:`), so themes need
    /// not print it twice.
    pub summary_in_body: bool,
    pub content: String,
    pub word_count: usize,
    pub reading_time: usize,
    pub draft: bool,
    /// Old URLs redirecting here, as site paths (`/ancien/chemin/`).
    pub aliases: Vec<String>,
    pub aliases_line: Option<usize>,
    /// `comments: false` turns the comment section off for this article.
    pub comments: bool,
    /// `access: subscribers`: the text past the first paragraphs is for subscribers.
    pub subscribers: bool,
    /// `live: true`: live coverage, its entries newest first, until `live_until`.
    pub live: bool,
    pub live_until: Option<DateTime<FixedOffset>>,
    pub live_entries: Vec<LiveEntry>,
    /// For subscriber-only articles, where the free part of `content` ends.
    pub free_len: Option<usize>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub outline: Option<Arc<Outline>>,
    /// The shortcodes of the body, whose placeholders `content` holds until
    /// they are expanded; bodies list their shortcodes before themselves.
    pub shortcodes: Vec<shortcode::Shortcode>,
}

impl Article {
    /// The last change after publication: `updated:` or the newest
    /// correction, whichever is later; `None` for an article never changed.
    pub fn last_update(&self) -> Option<DateTime<FixedOffset>> {
        self.corrections
            .iter()
            .map(|c| c.date)
            .chain(self.updated)
            .max()
    }

    /// The lead photo, then the photos of the body's shortcodes.
    pub fn photos(&self) -> impl Iterator<Item = &Photo> {
        self.photo
            .iter()
            .chain(self.shortcodes.iter().filter_map(|s| s.photo.as_ref()))
    }

    /// What `dateModified`, `<lastmod>` and feeds' update dates say.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.last_update().unwrap_or(self.date)
    }
}

#[derive(Debug, Clone)]
pub struct AuthorProfile {
    pub source: PathBuf,
    pub slug: String,
    pub name: String,
    pub role: Option<String>,
    pub avatar: Option<String>,
    pub email: Option<String>,
    pub links: Vec<(String, String)>,
    pub bio: String,
    pub outline: Option<Arc<Outline>>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: PathBuf,
    pub title: String,
    pub slug: String,
    pub summary: String,
    pub summary_in_body: bool,
    pub content: String,
    pub aliases: Vec<String>,
    pub aliases_line: Option<usize>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    pub outline: Option<Arc<Outline>>,
    /// As an article's: their placeholders are in `content` until expanded.
    pub shortcodes: Vec<shortcode::Shortcode>,
}

impl Page {
    /// The photos of the body's shortcodes.
    pub fn photos(&self) -> impl Iterator<Item = &Photo> {
        self.shortcodes.iter().filter_map(|s| s.photo.as_ref())
    }

    /// The page's site path: `/a-propos/`.
    pub fn url(&self) -> String {
        format!("/{}/", self.slug)
    }
}

/// A tag or a category, with its articles newest first.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Author {
    pub slug: String,
    pub name: String,
    pub profile: Option<usize>,
    pub articles: Vec<usize>,
}

/// An article's place in the taxonomies, parallel to `Model::articles`.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub url: String,
    pub authors: Vec<usize>,
    pub category: Option<usize>,
    pub tags: Vec<usize>,
    /// Width and height of the lead photo, when it is a readable file under `content/`.
    pub photo_size: Option<(u32, u32)>,
    /// Live coverage still going on at the build time (« En direct »).
    pub live_now: bool,
}

/// Everything a build renders, indexed. Articles are newest first; ties are
/// broken by slug and source path so that order never depends on parse order.
#[derive(Debug, Default)]
pub struct Model {
    pub articles: Vec<Arc<Article>>,
    pub links: Vec<Links>,
    pub profiles: Vec<Arc<AuthorProfile>>,
    pub authors: Vec<Author>,
    pub tags: Vec<Term>,
    pub categories: Vec<Term>,
    pub pages: Vec<Arc<Page>>,
    /// Old URLs of articles and pages, sorted by URL.
    pub aliases: Vec<Alias>,
    /// The articles of the news sitemap: published in the 48 hours before the build time.
    pub news: Vec<usize>,
    /// Width and height of the site logo, when it is a readable file under `content/`.
    pub logo_size: Option<(u32, u32)>,
    /// « À lire aussi » of each article, parallel to `articles` (`related.rs`).
    pub related: Vec<Vec<u32>>,
    /// Date archives, newest year first (`archives.rs`); empty when they are off.
    pub archives: Vec<archives::Year>,
}

impl Model {
    /// Every photo the site shows with the source that shows it: lead and
    /// body photos of articles, body photos of pages.
    pub fn photos(&self) -> impl Iterator<Item = (&std::path::Path, &Photo)> {
        let articles = self
            .articles
            .iter()
            .flat_map(|a| a.photos().map(move |p| (a.source.as_path(), p)));
        let pages = self
            .pages
            .iter()
            .flat_map(|pg| pg.photos().map(move |p| (pg.source.as_path(), p)));
        articles.chain(pages)
    }
}

/// How far back the news sitemap goes (Google News takes the last two days).
pub const NEWS_WINDOW_HOURS: i64 = 48;
/// Google News reads at most this many articles from one news sitemap.
pub const NEWS_LIMIT: usize = 1000;
