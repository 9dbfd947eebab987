//! Rendering: the theme's Tera templates, the list of pages a site produces
//! (`Job`s) and the rendering of each job to bytes.

pub mod context;
pub mod embedded;
pub mod escape;
pub mod feeds;
pub mod fragments;
mod photos;
pub(crate) mod pool;
pub mod search;
pub mod seo;
pub mod signature;
mod theme;

pub use escape::{escape_html, xml_escape};
pub use theme::{TEMPLATES, Theme};

use crate::config::Config;
use crate::error::chain;
use crate::model::Model;
use context::{Ctx, Urls, page_count, page_url, paginator};
use pool::{Loans, Pool};
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
/// lent to each page's context (`pool`).
pub struct Renderer<'a> {
    ctx: Ctx<'a>,
    tera: &'a Tera,
    /// `site` and the summaries, each made on first use: a preview rebuild
    /// needs only the few it shows.
    pool: Pool,
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
        let pool = Pool::new(model.articles.len(), theme.fragments.set_site(site));
        let sitemap = OnceLock::new();
        let all = (0..model.articles.len()).collect();
        let search_page = theme.tera.get_template("search.html").is_ok();
        Renderer {
            ctx,
            tera: &theme.tera,
            pool,
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

    fn lend(&self, i: usize, loans: &Loans) -> Value {
        self.pool.lend(i, || self.ctx.summary(i), loans)
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
        let loans = Loans::default();
        let (template, kind, vars) = match self.html_vars(job, &loans) {
            Some(x) => x,
            None => return Ok(self.render_fixed(job).into_bytes()),
        };
        let mut v = match vars {
            Value::Object(m) => m,
            _ => serde_json::Map::new(),
        };
        let path = self.path(job);
        let current = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        v.insert("site".into(), self.pool.lend_site());
        v.insert("page_kind".into(), json!(kind));
        v.insert(
            "current_url".into(),
            json!(self.ctx.urls.absolute(&current)),
        );
        v.insert("current_path".into(), json!(current));
        let context = tera::Context::from_value(Value::Object(v)).map_err(|e| chain(&e))?;
        // Straight into bytes: `Tera::render` would check the whole page is UTF-8 again.
        let mut out = Vec::with_capacity(32 * 1024);
        let result = self
            .tera
            .render_to(template, &context, &mut out)
            .map_err(|e| format!("template {template}: {}", chain(&e)));
        self.take_back(job, loans, context.into_json());
        result.map(|()| out)
    }

    /// Moves the summaries and `site` a page was lent back into the pool.
    fn take_back(&self, job: Job, loans: Loans, context: Value) {
        let Value::Object(mut v) = context else {
            return;
        };
        let take = |v: &mut Value, key: &str| v.get_mut(key).map(Value::take);
        let mut found = Vec::new();
        match job {
            Job::Article(_) => {
                if let Some(Value::Array(related)) =
                    v.get_mut("article").and_then(|a| take(a, "related"))
                {
                    found.extend(related);
                }
                for key in ["previous", "next"] {
                    found.extend(v.remove(key).filter(|x| !x.is_null()));
                }
            }
            Job::Index(_) | Job::Author(..) | Job::Tag(..) | Job::Category(..) => {
                if let Some(Value::Array(items)) =
                    v.get_mut("paginator").and_then(|p| take(p, "items"))
                {
                    found = items;
                }
            }
            _ => {}
        }
        let site = v.remove("site").unwrap_or(Value::Null);
        self.pool.give_back(loans, found, site);
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

    fn html_vars(&self, job: Job, loans: &Loans) -> Option<(&'static str, &'static str, Value)> {
        let c = &self.ctx;
        let m = c.model;
        let per = c.config.per_page;
        let s = |i: usize| self.lend(i, loans);
        Some(match job {
            Job::Article(i) => {
                // Inside `article` only: a second copy at the top level would
                // clone four summaries more on every article page.
                let mut article = c.article(i);
                article["related"] = self.related_ids(i).map(s).collect();
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
