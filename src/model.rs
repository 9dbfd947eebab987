//! The publication in memory: articles, authors, pages, and the taxonomies
//! (authors, tags, categories) that index them.

pub use crate::aliases::{Alias, Target};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::slug::slugify;
use chrono::{DateTime, Datelike, FixedOffset};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

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
}

#[derive(Debug, Clone)]
pub struct Article {
    pub source: PathBuf,
    pub title: String,
    pub slug: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
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
    pub extra: serde_json::Map<String, serde_json::Value>,
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
}

/// How far back the news sitemap goes (Google News takes the last two days).
pub const NEWS_WINDOW_HOURS: i64 = 48;
/// Google News reads at most this many articles from one news sitemap.
pub const NEWS_LIMIT: usize = 1000;

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

/// The warning for an author credited without a profile, on the first
/// article crediting them; `rotative check` reports this same one.
pub fn missing_profile(a: &Article, slug: &str, count: usize) -> Diagnostic {
    Diagnostic::warning(
        &a.source,
        a.author_line,
        format!(
            "author `{}` has no profile (content/authors/{slug}.md); {count} article{} credit them",
            a.author_refs
                .iter()
                .zip(&a.author_slugs)
                .find(|(_, s)| *s == slug)
                .map_or(slug, |(r, _)| r.as_str()),
            if count == 1 { "" } else { "s" }
        ),
    )
}

/// Groups names by slug; the first spelling met (in article order) names the term.
fn index_terms<'a>(
    names: impl Iterator<Item = (usize, &'a str, &'a str)>,
) -> (Vec<Term>, HashMap<String, usize>) {
    let mut by_slug: BTreeMap<&str, Term> = BTreeMap::new();
    for (i, name, slug) in names {
        if slug.is_empty() {
            continue;
        }
        let t = by_slug.entry(slug).or_insert_with(|| Term {
            name: name.to_string(),
            slug: slug.to_string(),
            articles: Vec::new(),
        });
        if t.articles.last() != Some(&i) {
            t.articles.push(i);
        }
    }
    let terms: Vec<Term> = by_slug.into_values().collect();
    let ids = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    (terms, ids)
}

impl Model {
    pub fn assemble(
        config: &Config,
        mut articles: Vec<Arc<Article>>,
        mut profiles: Vec<Arc<AuthorProfile>>,
        mut pages: Vec<Arc<Page>>,
    ) -> (Model, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        articles.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.slug.cmp(&b.slug))
                .then_with(|| a.source.cmp(&b.source))
        });
        profiles.sort_by(|a, b| a.slug.cmp(&b.slug));
        pages.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.source.cmp(&b.source)));

        let (categories, cat_ids) =
            index_terms(articles.iter().enumerate().filter_map(|(i, a)| {
                Some((i, a.category.as_deref()?, a.category_slug.as_deref()?))
            }));
        let (tags, tag_ids) = index_terms(articles.iter().enumerate().flat_map(|(i, a)| {
            a.tags
                .iter()
                .zip(&a.tag_slugs)
                .map(move |(t, s)| (i, t.as_str(), s.as_str()))
        }));
        let (authors, author_links) = Self::index_authors(&articles, &profiles, &mut diags);

        let links = articles
            .iter()
            .zip(author_links)
            .map(|(a, authors)| {
                let category = a
                    .category_slug
                    .as_ref()
                    .and_then(|c| cat_ids.get(c).copied());
                let mut tag_list: Vec<usize> = a
                    .tag_slugs
                    .iter()
                    .filter_map(|t| tag_ids.get(t).copied())
                    .collect();
                tag_list.dedup();
                Links {
                    url: permalink(
                        &config.permalink,
                        a,
                        category.map(|c| categories[c].slug.as_str()),
                    ),
                    authors,
                    category,
                    tags: tag_list,
                    photo_size: None,
                }
            })
            .collect();
        let aliases = crate::aliases::gather(&articles, &pages);
        let mut model = Model {
            articles,
            links,
            profiles,
            authors,
            tags,
            categories,
            pages,
            aliases,
            related: Vec::new(),
            ..Model::default()
        };
        let start = std::time::Instant::now();
        model.related = crate::related::compute(&model, config.related.count);
        if std::env::var_os("ROTATIVE_TIMINGS").is_some() {
            eprintln!(
                "timings: related articles {:.3} s",
                start.elapsed().as_secs_f64()
            );
        }
        diags.extend(model.url_collisions(config));
        (model, diags)
    }

    fn index_authors(
        articles: &[Arc<Article>],
        profiles: &[Arc<AuthorProfile>],
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<Author>, Vec<Vec<usize>>) {
        let mut by_slug: BTreeMap<String, Author> = profiles
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    p.slug.clone(),
                    Author {
                        slug: p.slug.clone(),
                        name: p.name.clone(),
                        profile: Some(i),
                        articles: Vec::new(),
                    },
                )
            })
            .collect();
        // A byline may give the name rather than the slug: "Jeanne Martin".
        let by_name: HashMap<String, String> = profiles
            .iter()
            .map(|p| (slugify(&p.name), p.slug.clone()))
            .collect();
        let mut first_use: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut per_article = Vec::with_capacity(articles.len());
        for (i, a) in articles.iter().enumerate() {
            let mut slugs = Vec::new();
            for (r, s) in a.author_refs.iter().zip(&a.author_slugs) {
                let s = s.clone();
                if s.is_empty() {
                    continue;
                }
                let s = if by_slug.contains_key(&s) {
                    s
                } else {
                    by_name.get(&s).cloned().unwrap_or(s)
                };
                let entry = by_slug.entry(s.clone()).or_insert_with(|| Author {
                    slug: s.clone(),
                    name: r.clone(),
                    profile: None,
                    articles: Vec::new(),
                });
                if entry.profile.is_none() {
                    first_use.entry(s.clone()).or_insert((i, 0)).1 += 1;
                }
                if entry.articles.last() != Some(&i) {
                    entry.articles.push(i);
                }
                if !slugs.contains(&s) {
                    slugs.push(s);
                }
            }
            per_article.push(slugs);
        }
        for (slug, (i, count)) in first_use {
            diags.push(missing_profile(&articles[i], &slug, count));
        }
        let mut authors: Vec<Author> = by_slug.into_values().collect();
        authors.sort_by_cached_key(|a| (slugify(&a.name), a.slug.clone()));
        let ids: HashMap<&str, usize> = authors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.as_str(), i))
            .collect();
        let links = per_article
            .into_iter()
            .map(|slugs| slugs.iter().map(|s| ids[s.as_str()]).collect())
            .collect();
        (authors, links)
    }

    /// Two sources with one URL would silently overwrite each other, and a page
    /// named like a listing folder would hide it: both are errors naming the files.
    fn url_collisions(&self, config: &Config) -> Vec<Diagnostic> {
        let reserved = [
            "page",
            config.paths.authors.as_str(),
            config.paths.tags.as_str(),
            config.paths.categories.as_str(),
            "atom.xml",
            "sitemap.xml",
            "robots.txt",
            "404.html",
            "news-sitemap.xml",
            "_redirects",
        ];
        let search = config.search.enabled.then_some(config.search.path.as_str());
        let mut seen: HashMap<String, &PathBuf> = HashMap::new();
        let mut diags = Vec::new();
        let pages = self
            .pages
            .iter()
            .map(|p| (format!("/{}/", p.slug), &p.source));
        let articles = self
            .articles
            .iter()
            .zip(&self.links)
            .map(|(a, l)| (l.url.clone(), &a.source));
        for (url, source) in pages.chain(articles) {
            let first = url.trim_start_matches('/').split('/').next().unwrap_or("");
            if url == "/" || reserved.contains(&first) || search == Some(first) {
                diags.push(Diagnostic::error(
                    source,
                    None,
                    format!("its URL `{url}` is reserved for the site's own pages; choose another `slug`"),
                ));
                continue;
            }
            match seen.get(&url.to_lowercase()) {
                Some(other) => {
                    let (first, second) = if *other < source {
                        (*other, source)
                    } else {
                        (source, *other)
                    };
                    diags.push(Diagnostic::error(
                        second,
                        None,
                        format!(
                            "{} and {} both map to `{url}`; give one of them another `slug`",
                            first.display(),
                            second.display()
                        ),
                    ))
                }
                None => {
                    seen.insert(url.to_lowercase(), source);
                }
            }
        }
        diags.extend(crate::aliases::collisions(&self.aliases, &seen));
        diags
    }

    /// Chooses the articles of the news sitemap for the build time `now`.
    /// Articles are newest first, so this reads only the window and the
    /// (`--future`) articles dated after `now`.
    pub fn set_news_window(&mut self, now: DateTime<FixedOffset>) {
        let since = now - chrono::Duration::hours(NEWS_WINDOW_HOURS);
        self.news = self
            .articles
            .iter()
            .enumerate()
            .skip_while(|(_, a)| a.date > now)
            .take_while(|(_, a)| a.date >= since)
            .take(NEWS_LIMIT)
            .map(|(i, _)| i)
            .collect();
    }

    /// Reads the width and height of the lead photos and of the logo that
    /// are files under `content/` (`size` maps a site path to them), for
    /// `og:image:width` and the JSON-LD. Remote images are left unmeasured.
    pub fn measure_images(
        &mut self,
        logo: Option<&str>,
        size: impl Fn(&str) -> Option<(u32, u32)> + Sync,
    ) {
        use rayon::prelude::*;
        self.links
            .par_iter_mut()
            .zip(&self.articles)
            .for_each(|(l, a)| l.photo_size = a.photo.as_ref().and_then(|p| size(&p.url)));
        self.logo_size = logo.and_then(&size);
    }
}
