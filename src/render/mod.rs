//! Rendering: the theme's Tera templates, the pages a site produces (`Job`s,
//! `pages`) and the rendering of each job to bytes. Reads the model; knows
//! nothing of where the bytes go (`output::Sink`).

pub mod context;
mod copies;
pub mod embedded;
pub mod escape;
pub mod feeds;
pub mod fragments;
mod pages;
mod photos;
pub(crate) mod pool;
pub mod redirects;
pub mod search;
pub mod seo;
pub mod sitemap;
mod theme;

pub use escape::{escape_html, xml_escape};
pub use pages::{Feed, Job, Spec};
pub use theme::{TEMPLATES, Theme};

use crate::config::Config;
use crate::error::chain;
use crate::model::{Model, Urls};
use context::{Ctx, paginator};
use fragments::{FragmentFilter, FragmentFn, Fragments};
use pool::{Loans, Pool};
use serde_json::{Value, json};
use std::sync::{Arc, OnceLock};
use tera::Tera;

/// Why one page could not be rendered; pages failing alike are reported once.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template {template}: {}", chain(.source))]
    Template {
        template: &'static str,
        source: tera::Error,
    },
    #[error("{}", chain(.0))]
    Context(tera::Error),
}

/// An object from values that are already JSON: `json!` would serialize
/// each of them again, a deep copy of every article summary on every page.
pub fn obj<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

/// Renders jobs of one loaded site. Shared values are serialized once here and
/// lent to each page's context (`pool`).
pub struct Renderer<'a> {
    ctx: Ctx<'a>,
    /// The theme's templates with this render's `fragment` function.
    tera: Tera,
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
        // Fragments see this render's `site`: the theme itself stays as it
        // was loaded, and only its cache of rendered fragments is shared.
        let fragments = Arc::new(Fragments::new(
            &theme.tera,
            theme.fragments.clone(),
            ctx.site(),
        ));
        let mut tera = theme.tera.clone();
        tera.register_function("fragment", FragmentFn(fragments.clone()));
        tera.register_filter("fragment", FragmentFilter(fragments.clone()));
        let pool = Pool::new(model.articles.len(), fragments.site());
        let sitemap = OnceLock::new();
        let all = (0..model.articles.len()).collect();
        let search_page = theme.tera.get_template("search.html").is_ok();
        Renderer {
            ctx,
            tera,
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
        pages::jobs(self.ctx.model, self.ctx.config, self.search_page)
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
        self.pool.site()
    }

    /// 0..n: the articles of the home page's listing.
    pub fn home_ids(&self) -> &[usize] {
        &self.all
    }

    /// Renders one job. The error names the template and carries Tera's whole cause chain.
    pub fn render(&self, job: Job) -> Result<Vec<u8>, RenderError> {
        let loans = Loans::default();
        let spec = job.spec();
        let (Some(template), Some(vars)) = (spec.template, self.html_vars(job, &loans)) else {
            return Ok(self.render_fixed(job).into_bytes());
        };
        let kind = spec.page_kind;
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
        let context = tera::Context::from_value(Value::Object(v)).map_err(RenderError::Context)?;
        // Straight into bytes: `Tera::render` would check the whole page is UTF-8 again.
        let mut out = Vec::with_capacity(32 * 1024);
        let result = self
            .tera
            .render_to(template, &context, &mut out)
            .map_err(|source| RenderError::Template { template, source });
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

    /// The variables of a themed page, besides those every page has.
    fn html_vars(&self, job: Job, loans: &Loans) -> Option<Value> {
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
                obj([
                    ("article", article),
                    ("previous", prev),
                    ("next", next),
                    ("share", c.share(i)),
                ])
            }
            Job::Page(i) => obj([("page", c.page(&m.pages[i]))]),
            Job::Index(n) => obj([("paginator", paginator("/", &self.all, n, per, &s))]),
            Job::Author(i, n) => {
                let base = c.urls.author(&m.authors[i].slug);
                let pager = paginator(&base, &m.authors[i].articles, n, per, &s);
                obj([("author", c.author(i, true)), ("paginator", pager)])
            }
            Job::Authors => {
                let all = (0..m.authors.len()).map(|i| c.author(i, false)).collect();
                obj([("authors", Value::Array(all))])
            }
            Job::Tag(i, n) => {
                let t = &m.tags[i];
                let base = c.urls.tag(&t.slug);
                let pager = paginator(&base, &t.articles, n, per, &s);
                obj([("tag", c.term(t, base)), ("paginator", pager)])
            }
            Job::Tags => {
                let all = m
                    .tags
                    .iter()
                    .map(|t| c.term(t, c.urls.tag(&t.slug)))
                    .collect();
                obj([("tags", Value::Array(all))])
            }
            Job::Category(i, n) => {
                let t = &m.categories[i];
                let base = c.urls.category(&t.slug);
                let pager = paginator(&base, &t.articles, n, per, &s);
                obj([("category", c.category(t)), ("paginator", pager)])
            }
            Job::Categories => {
                let all = m.categories.iter().map(|t| c.category(t)).collect();
                obj([("categories", Value::Array(all))])
            }
            Job::NotFound | Job::Search => obj([]),
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
                let all = self.sitemap.get_or_init(|| sitemap::urls(m, &c.urls));
                sitemap::sitemap(all, &c.urls, k)
            }
            Job::NewsSitemap => seo::news_sitemap(m, &c.urls, cfg),
            Job::Redirect(k) => redirects::redirect_page(m, &c.urls, cfg, &m.aliases[k]),
            Job::Redirects => redirects::redirects_file(m),
            Job::SearchIndex => search::index(m, cfg, self.search_cache),
            _ => sitemap::robots(&c.urls, cfg.news.sitemap),
        }
    }
}
