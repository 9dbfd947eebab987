//! Rendering: the theme's Tera templates, the pages a site produces (`Job`s,
//! `pages`) and the rendering of each job to bytes. Reads the model; knows
//! nothing of where the bytes go (`output::Sink`).

mod archives;
pub mod context;
mod deps;
pub mod embedded;
pub mod embeds;
pub mod escape;
pub mod feeds;
pub mod filters;
pub mod fragments;
mod jsonld;
mod pages;
pub mod paywall;
mod photos;
pub mod redirects;
pub mod rss;
pub mod search;
pub mod seo;
pub mod shortcodes;
pub mod sitemap;
mod theme;

pub use escape::{escape_html, xml_escape};
pub use pages::{Feed, Job, Spec};
pub use theme::{TEMPLATES, Theme};

use crate::config::Config;
use crate::fingerprint::{KEY_FIELD, value_key};
use crate::model::Model;
use context::{Ctx, paginator};
use std::sync::OnceLock;
use tera::Value;
use tera::value::Key;

/// Why one page could not be rendered; pages failing alike are reported once.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// On the template's file, line and column, with the line and a caret.
    #[error("{0:?}")]
    Template(crate::error::Diagnostics),
}

/// A template value from one built with `serde_json` (`json!`), which is
/// easier to write: every value is converted once, shared ones once per build.
pub fn to_value(v: &serde_json::Value) -> Value {
    Value::from_serializable(v)
}

/// `v` (a map) with `key` set to `value`.
pub fn with(v: Value, key: &'static str, value: Value) -> Value {
    let mut map = v.into_map().unwrap_or_default();
    map.insert(Key::Str(key), value);
    Value::from(map)
}

/// A page's own variables, moved into its context one by one.
type Vars = Vec<(&'static str, Value)>;

fn obj<const N: usize>(pairs: [(&'static str, Value); N]) -> Vars {
    pairs.into()
}

/// Renders jobs of one loaded site. Values pages share (`site`, the
/// summaries) are built once and shared: cloning a template value only
/// counts a reference.
pub struct Renderer<'a> {
    ctx: Ctx<'a>,
    theme: &'a Theme,
    site: Value,
    /// Each article's summary, made on first use: a preview rebuild needs
    /// only the few it shows.
    summaries: Vec<OnceLock<Value>>,
    /// Built on first use: a preview rebuild rarely needs it.
    sitemap: OnceLock<Vec<(String, Option<String>)>>,
    /// The sitemap's parts, by entry: one range when one file holds it.
    sitemap_parts: OnceLock<Vec<std::ops::Range<usize>>>,
    /// 0..n, the home page's article list, built once rather than per page.
    all: Vec<usize>,
    /// The theme has a `search.html`: themes older than the search page
    /// still build, with the index alone.
    search_page: bool,
    /// The theme has an `archive.html`: without one, no date archives.
    archive_page: bool,
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
        let archive_page = theme.tera.contains_template("archive.html");
        let ctx = Ctx::new(model, config, theme, base_url);
        let site = to_value(&ctx.site());
        // Fragments hash `site` by this key rather than the whole value.
        let key = value_key(&site);
        let site = with(site, KEY_FIELD, Value::from(key));
        let sitemap = OnceLock::new();
        let all = (0..model.articles.len()).collect();
        let search_page = theme.tera.contains_template("search.html");
        Renderer {
            ctx,
            theme,
            site,
            summaries: (0..model.articles.len()).map(|_| OnceLock::new()).collect(),
            sitemap,
            sitemap_parts: OnceLock::new(),
            all,
            search_page,
            archive_page,
            search_cache: None,
        }
    }

    /// Reuses the search index entries of earlier renders (preview rebuilds).
    pub fn with_search_cache(mut self, cache: &'a search::EntryCache) -> Renderer<'a> {
        self.search_cache = Some(cache);
        self
    }

    /// Summary `i`, with a `fragment_key` fingerprint of the rest of it.
    fn summary(&self, i: usize) -> Value {
        self.summaries[i]
            .get_or_init(|| {
                let key = self.summary_key(i);
                self.ctx.summary(i, Some(key))
            })
            .clone()
    }

    /// A fingerprint of everything summary `i` shows, from what it is made
    /// of rather than from the value (hashing the value was 6 % of a build):
    /// the article's listing fingerprint (title, dates, summary, counts,
    /// photo and its copies), its URL, the site's base URL, listing folders
    /// and language, and the names and slugs of its authors, category and tags.
    fn summary_key(&self, i: usize) -> String {
        use std::hash::Hash;
        let m = self.ctx.model;
        let (a, l, u) = (&m.articles[i], &m.links[i], &self.ctx.urls);
        let mut h = crate::fingerprint::hasher();
        (
            a.summary_fingerprint,
            &l.url,
            &u.base,
            &u.authors,
            &u.tags,
            &u.categories,
        )
            .hash(&mut h);
        // The listing fingerprint hashes the date as an instant; the summary
        // prints it with its offset.
        (&self.ctx.config.language, a.date.offset().local_minus_utc()).hash(&mut h);
        // The month archive link, and the « En direct » badge.
        (self.ctx.archives, &u.archives, l.live_now).hash(&mut h);
        for &x in &l.authors {
            (&m.authors[x].name, &m.authors[x].slug).hash(&mut h);
        }
        l.category
            .map(|c| (&m.categories[c].name, &m.categories[c].slug))
            .hash(&mut h);
        for &t in &l.tags {
            (&m.tags[t].name, &m.tags[t].slug).hash(&mut h);
        }
        format!("{:032x}", h.digest128())
    }

    pub fn jobs(&self) -> Vec<Job> {
        let parts = sitemap::part_jobs(self.sitemap_parts());
        pages::jobs(
            self.ctx.model,
            self.ctx.config,
            self.search_page,
            self.archive_page,
            parts,
        )
    }

    fn sitemap_parts(&self) -> &[std::ops::Range<usize>] {
        self.sitemap_parts.get_or_init(|| {
            let c = &self.ctx;
            sitemap::split(&sitemap::entry_sizes(c.model, &c.urls), &c.config.sitemap)
        })
    }

    /// The output path of a job, relative to the output folder.
    pub fn path(&self, job: Job) -> String {
        job.path(self.ctx.model, &self.ctx.urls)
    }

    /// The theme template a job renders with, if any.
    pub fn template(job: Job) -> Option<&'static str> {
        job.spec().template
    }

    /// What fingerprints and the preview read of this render.
    pub fn ctx(&self) -> &Ctx<'a> {
        &self.ctx
    }

    /// The `site` value every page sees.
    pub fn site_value(&self) -> &Value {
        &self.site
    }

    /// 0..n: the articles of the home page's listing.
    pub fn home_ids(&self) -> &[usize] {
        &self.all
    }

    /// Renders one job. A template error is Tera's report of it.
    pub fn render(&self, job: Job) -> Result<Vec<u8>, RenderError> {
        let spec = job.spec();
        let (Some(template), Some(vars)) = (spec.template, self.html_vars(job)) else {
            return Ok(self.render_fixed(job).into_bytes());
        };
        let path = self.path(job);
        let current = format!("/{}", path.strip_suffix("index.html").unwrap_or(&path));
        let mut context = tera::Context::new();
        for (k, v) in vars {
            context.insert_value(k, v);
        }
        context.insert_value("site", self.site.clone());
        context.insert_value("page_kind", Value::from(spec.page_kind));
        context.insert_value("current_url", Value::from(self.ctx.urls.absolute(&current)));
        context.insert_value("current_path", Value::from(current));
        let mut out = Vec::with_capacity(32 * 1024);
        self.theme
            .tera
            .render_to(template, &context, &mut out)
            .map_err(|e| RenderError::Template(theme::diagnostics(&self.theme.shown, &e)))?;
        Ok(out)
    }

    /// The variables of a themed page, besides those every page has.
    fn html_vars(&self, job: Job) -> Option<Vars> {
        let c = &self.ctx;
        let m = c.model;
        let per = c.config.per_page;
        let s = |i: usize| self.summary(i);
        Some(match job {
            Job::Article(i) => {
                // Inside `article` only: a second copy at the top level would
                // clone four summaries more on every article page.
                let related: Vec<Value> = self.related_ids(i).map(s).collect();
                let article = c.article(i, related);
                let prev = if i + 1 < m.articles.len() {
                    s(i + 1)
                } else {
                    Value::none()
                };
                let next = i.checked_sub(1).map(s).unwrap_or_else(Value::none);
                obj([
                    ("article", article),
                    ("previous", prev),
                    ("next", next),
                    ("share", to_value(&c.share(i))),
                ])
            }
            Job::Page(i) => obj([("page", to_value(&c.page(&m.pages[i])))]),
            Job::Index(n) => obj([("paginator", paginator("/", &self.all, n, per, &s))]),
            Job::Author(i, n) => {
                let base = c.urls.author(&m.authors[i].slug);
                let pager = paginator(&base, &m.authors[i].articles, n, per, &s);
                obj([
                    ("author", to_value(&c.author(i, true))),
                    ("paginator", pager),
                ])
            }
            Job::Authors => {
                let all: Vec<Value> = (0..m.authors.len())
                    .map(|i| to_value(&c.author(i, false)))
                    .collect();
                obj([("authors", Value::from(all))])
            }
            Job::Tag(i, n) => {
                let t = &m.tags[i];
                let base = c.urls.tag(&t.slug);
                let pager = paginator(&base, &t.articles, n, per, &s);
                obj([("tag", to_value(&c.term(t, base))), ("paginator", pager)])
            }
            Job::Tags => {
                let all: Vec<Value> = m
                    .tags
                    .iter()
                    .map(|t| to_value(&c.term(t, c.urls.tag(&t.slug))))
                    .collect();
                obj([("tags", Value::from(all))])
            }
            Job::Category(i, n) => {
                let t = &m.categories[i];
                let base = c.urls.category(&t.slug);
                let pager = paginator(&base, &t.articles, n, per, &s);
                obj([("category", to_value(&c.category(t))), ("paginator", pager)])
            }
            Job::Categories => {
                let all: Vec<Value> = m
                    .categories
                    .iter()
                    .map(|t| to_value(&c.category(t)))
                    .collect();
                obj([("categories", Value::from(all))])
            }
            Job::Year(..) | Job::Month(..) => return archives::vars(c, job, &s),
            Job::NotFound | Job::Search => obj([]),
            Job::Feed(_) | Job::Rss(_) | Job::Sitemap(_) | Job::Robots | Job::SearchIndex => {
                return None;
            }
            Job::NewsSitemap | Job::Redirect(_) | Job::Redirects | Job::QueryRedirects => {
                return None;
            }
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
        let feed = |f: Feed, rss: bool| {
            let (title, articles): (String, &[usize]) = match f {
                Feed::Site => (cfg.title.clone(), &self.all),
                Feed::Author(i) => (
                    format!("{} — {}", cfg.title, m.authors[i].name),
                    &m.authors[i].articles,
                ),
                Feed::Category(i) => (
                    format!("{} — {}", cfg.title, m.categories[i].name),
                    &m.categories[i].articles,
                ),
            };
            let html_url = f.page_url(m, &c.urls);
            let spec = feeds::FeedSpec {
                title,
                subtitle: &cfg.description,
                feed_url: format!("{html_url}{}", if rss { "rss.xml" } else { "atom.xml" }),
                html_url,
                articles,
                limit: cfg.feed_limit,
                language: &cfg.language,
                content: cfg.feeds.content,
            };
            if rss {
                rss::rss(m, &c.urls, &spec)
            } else {
                feeds::atom(m, &c.urls, &spec)
            }
        };
        match job {
            Job::Feed(f) => feed(f, false),
            Job::Rss(f) => feed(f, true),
            Job::Sitemap(k) => {
                let all = self.sitemap.get_or_init(|| sitemap::urls(m, &c.urls));
                sitemap::sitemap(all, self.sitemap_parts(), &c.urls, k)
            }
            Job::NewsSitemap => seo::news_sitemap(m, &c.urls, cfg),
            Job::Redirect(k) => redirects::redirect_page(m, &c.urls, cfg, &m.aliases[k]),
            Job::Redirects => redirects::redirects_file(m),
            Job::QueryRedirects => redirects::query_redirects(m),
            Job::SearchIndex => search::index(m, cfg, self.search_cache),
            _ => sitemap::robots(&c.urls, cfg.news.sitemap),
        }
    }
}
