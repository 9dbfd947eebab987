//! Rendering: the theme's Tera templates, the list of pages a site produces
//! (`Job`s) and the rendering of each job to bytes.

pub mod context;
pub mod embedded;
pub mod feeds;
pub mod fragments;
mod photos;
pub mod search;
pub mod seo;
pub mod signature;
mod theme;

pub use theme::{TEMPLATES, Theme, escape_html, escape_with};

use crate::config::Config;
use crate::error::chain;
use crate::model::Model;
use context::{Ctx, Urls, page_count, page_url, paginator};
use serde_json::{Value, json};
use std::sync::OnceLock;
use tera::Tera;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feed {
    Site,
    Category(usize),
    Author(usize),
}

/// One output file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Article(usize),
    Page(usize),
    Index(usize),
    Author(usize, usize),
    Authors,
    Tag(usize, usize),
    Tags,
    Category(usize, usize),
    Categories,
    NotFound,
    Feed(Feed),
    Sitemap(usize),
    Robots,
    /// `news-sitemap.xml`.
    NewsSitemap,
    /// The redirect page at `model.aliases[k]`.
    Redirect(usize),
    /// `_redirects`.
    Redirects,
    /// The search page (when the theme has `search.html`) and its JSON index.
    Search,
    SearchIndex,
}

impl Job {
    /// Short name of the kind of output, for the build summary.
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Article(_) => "articles",
            Job::Page(_) | Job::NotFound | Job::Search => "pages",
            Job::Index(_) | Job::Author(..) | Job::Authors | Job::Tag(..) | Job::Tags => "listings",
            Job::Category(..) | Job::Categories => "listings",
            Job::Feed(_) => "feeds",
            Job::Sitemap(_)
            | Job::Robots
            | Job::NewsSitemap
            | Job::Redirects
            | Job::SearchIndex => "other",
            Job::Redirect(_) => "redirects",
        }
    }
}

/// An object from values that are already JSON: `json!` would serialize
/// each of them again, a deep copy of every article summary on every page.
pub fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
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

/// Renders jobs of one loaded site. Shared values are serialized once here and
/// cloned into each page's context.
pub struct Renderer<'a> {
    ctx: Ctx<'a>,
    tera: &'a Tera,
    site: Value,
    /// Filled on first use: a preview rebuild needs only the few it shows.
    summaries: Vec<OnceLock<Value>>,
    /// Built on first use: a preview rebuild rarely needs it.
    sitemap: OnceLock<Vec<(String, Option<String>)>>,
    /// 0..n, the home page's article list, built once rather than per page.
    all: Vec<usize>,
    /// The theme has a `search.html`: themes older than the search page
    /// still build, with the index alone.
    search_page: bool,
    /// Index entries kept between preview rebuilds (`with_search_cache`).
    search_cache: Option<&'a search::EntryCache>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        model: &'a Model,
        config: &'a Config,
        theme: &'a Theme,
        base_url: &str,
    ) -> Renderer<'a> {
        let ctx = Ctx {
            model,
            config,
            urls: Urls::new(config, base_url),
        };
        let site = ctx.site();
        theme.fragments.set_site(&site);
        let summaries = (0..model.articles.len()).map(|_| OnceLock::new()).collect();
        let sitemap = OnceLock::new();
        let all = (0..model.articles.len()).collect();
        let search_page = theme.tera.get_template("search.html").is_ok();
        Renderer {
            ctx,
            tera: &theme.tera,
            site,
            summaries,
            sitemap,
            all,
            search_page,
            search_cache: None,
        }
    }

    /// Reuses the search index entries of earlier renders (preview rebuilds).
    pub fn with_search_cache(mut self, cache: &'a search::EntryCache) -> Renderer<'a> {
        self.search_cache = Some(cache);
        self
    }

    /// The summary of article `i`, serialized once and cloned into each page showing it.
    pub fn summary(&self, i: usize) -> Value {
        self.summaries[i]
            .get_or_init(|| self.ctx.summary(i))
            .clone()
    }

    pub fn jobs(&self) -> Vec<Job> {
        let m = self.ctx.model;
        let per = self.ctx.config.per_page;
        let mut jobs: Vec<Job> = (0..m.articles.len()).map(Job::Article).collect();
        jobs.extend((0..m.pages.len()).map(Job::Page));
        jobs.extend((1..=page_count(m.articles.len(), per)).map(Job::Index));
        for (i, a) in m.authors.iter().enumerate() {
            jobs.extend((1..=page_count(a.articles.len(), per)).map(|n| Job::Author(i, n)));
            jobs.push(Job::Feed(Feed::Author(i)));
        }
        for (i, t) in m.tags.iter().enumerate() {
            jobs.extend((1..=page_count(t.articles.len(), per)).map(|n| Job::Tag(i, n)));
        }
        for (i, t) in m.categories.iter().enumerate() {
            jobs.extend((1..=page_count(t.articles.len(), per)).map(|n| Job::Category(i, n)));
            jobs.push(Job::Feed(Feed::Category(i)));
        }
        jobs.extend([
            Job::Authors,
            Job::Tags,
            Job::Categories,
            Job::NotFound,
            Job::Feed(Feed::Site),
            Job::Robots,
            Job::Sitemap(0),
        ]);
        jobs.extend((1..=feeds::sitemap_parts(feeds::sitemap_len(m))).map(Job::Sitemap));
        if self.ctx.config.news.sitemap {
            jobs.push(Job::NewsSitemap);
        }
        jobs.extend((0..m.aliases.len()).map(Job::Redirect));
        if !m.aliases.is_empty() {
            jobs.push(Job::Redirects);
        }
        if self.ctx.config.search.enabled {
            jobs.push(Job::SearchIndex);
            if self.search_page {
                jobs.push(Job::Search);
            }
        }
        jobs
    }

    /// The output path of a job, relative to the output folder.
    pub fn path(&self, job: Job) -> String {
        let m = self.ctx.model;
        let u = &self.ctx.urls;
        match job {
            Job::Article(i) => url_to_file(&m.links[i].url),
            Job::Page(i) => url_to_file(&format!("/{}/", m.pages[i].slug)),
            Job::Index(n) => url_to_file(&page_url("/", n)),
            Job::Author(i, n) => url_to_file(&page_url(&u.author(&m.authors[i].slug), n)),
            Job::Authors => url_to_file(&u.authors),
            Job::Tag(i, n) => url_to_file(&page_url(&u.tag(&m.tags[i].slug), n)),
            Job::Tags => url_to_file(&u.tags),
            Job::Category(i, n) => url_to_file(&page_url(&u.category(&m.categories[i].slug), n)),
            Job::Categories => url_to_file(&u.categories),
            Job::NotFound => "404.html".into(),
            Job::Feed(Feed::Site) => "atom.xml".into(),
            Job::Feed(Feed::Author(i)) => {
                url_to_file(&format!("{}atom.xml", u.author(&m.authors[i].slug)))
            }
            Job::Feed(Feed::Category(i)) => {
                url_to_file(&format!("{}atom.xml", u.category(&m.categories[i].slug)))
            }
            Job::Sitemap(0) => "sitemap.xml".into(),
            Job::Sitemap(k) => format!("sitemap-{k}.xml"),
            Job::Robots => "robots.txt".into(),
            Job::NewsSitemap => "news-sitemap.xml".into(),
            Job::Redirect(k) => url_to_file(&m.aliases[k].url),
            Job::Redirects => "_redirects".into(),
            Job::Search => url_to_file(&u.search),
            Job::SearchIndex => format!("{}index.json", u.search.trim_start_matches('/')),
        }
    }

    /// Renders one job. The error names the template and carries Tera's whole cause chain.
    pub fn render(&self, job: Job) -> Result<Vec<u8>, String> {
        let (template, kind, vars) = match self.html_vars(job) {
            Some(x) => x,
            None => return Ok(self.render_fixed(job).into_bytes()),
        };
        let mut v = match vars {
            Value::Object(m) => m,
            _ => serde_json::Map::new(),
        };
        let path = self.path(job);
        let current = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        v.insert("site".into(), self.site.clone());
        v.insert("page_kind".into(), json!(kind));
        v.insert(
            "current_url".into(),
            json!(self.ctx.urls.absolute(&current)),
        );
        v.insert("current_path".into(), json!(current));
        let context = tera::Context::from_value(Value::Object(v)).map_err(|e| chain(&e))?;
        self.tera
            .render(template, &context)
            .map(String::into_bytes)
            .map_err(|e| format!("template {template}: {}", chain(&e)))
    }

    /// The theme template a job renders with, if any.
    pub fn template(job: Job) -> Option<&'static str> {
        Some(match job {
            Job::Article(_) => "article.html",
            Job::Page(_) => "page.html",
            Job::Index(_) => "index.html",
            Job::Author(..) => "author.html",
            Job::Authors => "authors.html",
            Job::Tag(..) => "tag.html",
            Job::Tags => "tags.html",
            Job::Category(..) => "category.html",
            Job::Categories => "categories.html",
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::Feed(_) | Job::Sitemap(_) | Job::Robots | Job::SearchIndex => return None,
            Job::NewsSitemap | Job::Redirect(_) | Job::Redirects => return None,
        })
    }

    fn html_vars(&self, job: Job) -> Option<(&'static str, &'static str, Value)> {
        let c = &self.ctx;
        let m = c.model;
        let per = c.config.per_page;
        let s = |i: usize| self.summary(i);
        Some(match job {
            Job::Article(i) => {
                // Inside `article` only: a second copy at the top level would
                // clone four summaries more on every article page.
                let mut article = c.article(i);
                article["related"] = Value::Array(self.related(i));
                let prev = if i + 1 < m.articles.len() {
                    s(i + 1)
                } else {
                    Value::Null
                };
                let next = i.checked_sub(1).map(s).unwrap_or(Value::Null);
                let vars = obj([
                    ("article", article),
                    ("previous", prev),
                    ("next", next),
                    ("share", c.share(i)),
                ]);
                ("article.html", "article", vars)
            }
            Job::Page(i) => ("page.html", "page", obj([("page", c.page(&m.pages[i]))])),
            Job::Index(n) => (
                "index.html",
                "index",
                obj([("paginator", paginator("/", &self.all, n, per, &s))]),
            ),
            Job::Author(i, n) => {
                let base = c.urls.author(&m.authors[i].slug);
                let pager = paginator(&base, &m.authors[i].articles, n, per, &s);
                (
                    "author.html",
                    "author",
                    obj([("author", c.author(i, true)), ("paginator", pager)]),
                )
            }
            Job::Authors => {
                let all = (0..m.authors.len()).map(|i| c.author(i, false)).collect();
                (
                    "authors.html",
                    "authors",
                    obj([("authors", Value::Array(all))]),
                )
            }
            Job::Tag(i, n) => {
                let t = &m.tags[i];
                let base = c.urls.tag(&t.slug);
                let pager = paginator(&base, &t.articles, n, per, &s);
                (
                    "tag.html",
                    "tag",
                    obj([("tag", c.term(t, base)), ("paginator", pager)]),
                )
            }
            Job::Tags => {
                let all = m
                    .tags
                    .iter()
                    .map(|t| c.term(t, c.urls.tag(&t.slug)))
                    .collect();
                ("tags.html", "tags", obj([("tags", Value::Array(all))]))
            }
            Job::Category(i, n) => {
                let t = &m.categories[i];
                let base = c.urls.category(&t.slug);
                let pager = paginator(&base, &t.articles, n, per, &s);
                (
                    "category.html",
                    "category",
                    obj([("category", c.category(t)), ("paginator", pager)]),
                )
            }
            Job::Categories => {
                let all = m.categories.iter().map(|t| c.category(t)).collect();
                (
                    "categories.html",
                    "categories",
                    obj([("categories", Value::Array(all))]),
                )
            }
            Job::NotFound => ("404.html", "404", obj([])),
            Job::Search => ("search.html", "search", obj([])),
            Job::Feed(_) | Job::Sitemap(_) | Job::Robots | Job::SearchIndex => return None,
            Job::NewsSitemap | Job::Redirect(_) | Job::Redirects => return None,
        })
    }

    /// "À lire aussi": computed once per build with the model (`related.rs`).
    pub fn related_ids(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let m = self.ctx.model;
        m.related.get(i).into_iter().flatten().map(|&j| j as usize)
    }

    fn related(&self, i: usize) -> Vec<Value> {
        self.related_ids(i).map(|j| self.summary(j)).collect()
    }

    fn render_fixed(&self, job: Job) -> String {
        let c = &self.ctx;
        let m = c.model;
        let cfg = c.config;
        let feed = |title: String, html_url: String, articles: &[usize]| {
            let spec = feeds::FeedSpec {
                title,
                subtitle: &cfg.description,
                feed_url: format!("{html_url}atom.xml"),
                html_url,
                articles,
                limit: cfg.feed_limit,
                language: &cfg.language,
            };
            feeds::atom(m, &c.urls, &spec)
        };
        match job {
            Job::Feed(Feed::Site) => feed(cfg.title.clone(), "/".into(), &self.all),
            Job::Feed(Feed::Author(i)) => {
                let a = &m.authors[i];
                feed(
                    format!("{} — {}", cfg.title, a.name),
                    c.urls.author(&a.slug),
                    &a.articles,
                )
            }
            Job::Feed(Feed::Category(i)) => {
                let t = &m.categories[i];
                feed(
                    format!("{} — {}", cfg.title, t.name),
                    c.urls.category(&t.slug),
                    &t.articles,
                )
            }
            Job::Sitemap(k) => {
                let all = self.sitemap.get_or_init(|| feeds::sitemap_urls(m, &c.urls));
                feeds::sitemap(all, &c.urls, k)
            }
            Job::NewsSitemap => seo::news_sitemap(m, &c.urls, cfg),
            Job::Redirect(k) => seo::redirect_page(m, &c.urls, cfg, &m.aliases[k]),
            Job::Redirects => seo::redirects_file(m),
            Job::SearchIndex => search::index(m, cfg, self.search_cache),
            _ => feeds::robots(&c.urls, cfg.news.sitemap),
        }
    }
}
