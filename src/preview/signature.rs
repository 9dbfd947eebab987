//! Fingerprints of what each output depends on. A preview rebuild re-renders
//! a page only when its fingerprint changed, so an edit costs the pages that
//! show the edited article, not the whole site; and since every input of a
//! page's context goes into its fingerprint, the result equals a full build.

use crate::fingerprint::{self, Hasher as FpHasher};
use crate::model::{Article, Author, Term};
use crate::render::{Feed, Job, Renderer};
use std::hash::{Hash, Hasher};

fn finish(h: FpHasher) -> u64 {
    h.finish()
}

fn hash_term(t: &Term, h: &mut FpHasher) {
    (&t.name, &t.slug, t.articles.len()).hash(h);
}

/// Per-item fingerprints of a rendered site, computed once per render.
pub struct Fingerprints {
    summary: Vec<u64>,
    full: Vec<u64>,
    author: Vec<u64>,
    page: Vec<u64>,
    global: u64,
    sitemap: u64,
    news: u64,
}

impl Fingerprints {
    pub fn compute(r: &Renderer) -> Fingerprints {
        use rayon::prelude::*;
        let m = r.ctx().model;
        let author: Vec<u64> = m.authors.iter().map(|a| Self::author(r, a)).collect();
        let summary: Vec<u64> = (0..m.articles.len())
            .into_par_iter()
            .map(|i| Self::summary_of(r, i))
            .collect();
        let full = (0..m.articles.len())
            .into_par_iter()
            .map(|i| {
                let mut h = fingerprint::hasher();
                (summary[i], m.articles[i].fingerprint).hash(&mut h);
                for &x in &m.links[i].authors {
                    author[x].hash(&mut h);
                }
                finish(h)
            })
            .collect();
        let page = m
            .pages
            .iter()
            .map(|p| {
                let mut h = fingerprint::hasher();
                (
                    &p.title,
                    &p.slug,
                    &p.summary,
                    &p.content,
                    &p.source,
                    p.summary_in_body,
                )
                    .hash(&mut h);
                serde_json::to_string(&p.extra)
                    .unwrap_or_default()
                    .hash(&mut h);
                finish(h)
            })
            .collect();
        let mut h = fingerprint::hasher();
        serde_json::to_string(r.ctx().config)
            .unwrap_or_default()
            .hash(&mut h);
        r.site_value().to_string().hash(&mut h);
        r.ctx().urls.base.hash(&mut h);
        // In every article's JSON-LD (publisher logo).
        m.logo_size.hash(&mut h);
        let global = finish(h);
        let mut h = fingerprint::hasher();
        // What the sitemap lists, hashed without building its strings.
        for (a, l) in m.articles.iter().zip(&m.links) {
            (&l.url, a.modified()).hash(&mut h);
        }
        m.pages.iter().for_each(|p| p.slug.hash(&mut h));
        m.authors.iter().for_each(|a| a.slug.hash(&mut h));
        m.categories.iter().for_each(|t| t.slug.hash(&mut h));
        m.tags.iter().for_each(|t| t.slug.hash(&mut h));
        let sitemap = finish(h);
        let mut h = fingerprint::hasher();
        // The news sitemap moves with the build time: what is in it, not the time.
        for &i in &m.news {
            let a = &m.articles[i];
            (&m.links[i].url, &a.title, a.date).hash(&mut h);
        }
        let news = finish(h);
        Fingerprints {
            summary,
            full,
            author,
            page,
            global,
            sitemap,
            news,
        }
    }

    fn summary_of(r: &Renderer, i: usize) -> u64 {
        let m = r.ctx().model;
        let a: &Article = &m.articles[i];
        let l = &m.links[i];
        let mut h = fingerprint::hasher();
        a.summary_fingerprint.hash(&mut h);
        l.url.hash(&mut h);
        l.photo_size.hash(&mut h);
        l.live_now.hash(&mut h);
        for &x in &l.authors {
            (&m.authors[x].name, &m.authors[x].slug).hash(&mut h);
        }
        if let Some(c) = l.category {
            (&m.categories[c].name, &m.categories[c].slug).hash(&mut h);
        }
        for &t in &l.tags {
            (&m.tags[t].name, &m.tags[t].slug).hash(&mut h);
        }
        finish(h)
    }

    fn author(r: &Renderer, a: &Author) -> u64 {
        let mut h = fingerprint::hasher();
        (&a.slug, &a.name, a.articles.len()).hash(&mut h);
        if let Some(p) = a.profile.map(|p| &r.ctx().model.profiles[p]) {
            (&p.role, &p.avatar, &p.email, &p.links, &p.bio).hash(&mut h);
        }
        finish(h)
    }

    /// The fingerprint of one output: its template, the site-wide values, and
    /// the fingerprints of every item its context shows.
    pub fn job(&self, r: &Renderer, job: Job, template_hash: u64) -> u64 {
        let m = r.ctx().model;
        let per = r.ctx().config.per_page;
        let mut h = fingerprint::hasher();
        (job, self.global, template_hash).hash(&mut h);
        let page_items = |ids: &[usize], n: usize, h: &mut FpHasher| {
            ids.len().hash(h);
            for &i in ids.iter().skip((n - 1) * per).take(per) {
                self.summary[i].hash(h);
            }
        };
        match job {
            Job::Article(i) => {
                self.full[i].hash(&mut h);
                m.articles
                    .get(i + 1)
                    .map(|_| self.summary[i + 1])
                    .hash(&mut h);
                i.checked_sub(1).map(|j| self.summary[j]).hash(&mut h);
                for j in r.related_ids(i) {
                    self.summary[j].hash(&mut h);
                }
            }
            Job::Page(i) => self.page[i].hash(&mut h),
            Job::Index(n) => page_items(r.home_ids(), n, &mut h),
            Job::Author(i, n) => {
                self.author[i].hash(&mut h);
                page_items(&m.authors[i].articles, n, &mut h);
            }
            Job::Authors => self.author.hash(&mut h),
            Job::Tag(i, n) => {
                hash_term(&m.tags[i], &mut h);
                page_items(&m.tags[i].articles, n, &mut h);
            }
            Job::Category(i, n) => {
                hash_term(&m.categories[i], &mut h);
                page_items(&m.categories[i].articles, n, &mut h);
            }
            Job::Year(y, n) | Job::Month(y, _, n) => {
                let years = &m.archives;
                let year = &years[y];
                let shape = |yy: &crate::model::archives::Year, h: &mut FpHasher| {
                    (yy.year, yy.articles.len()).hash(h);
                    for mo in &yy.months {
                        (mo.month, mo.articles.len()).hash(h);
                    }
                };
                // The period, its months and counts, and its neighbours.
                shape(year, &mut h);
                if y > 0 {
                    shape(&years[y - 1], &mut h);
                }
                if let Some(older) = years.get(y + 1) {
                    shape(older, &mut h);
                }
                let ids = match job {
                    Job::Month(_, k, _) => &year.months[k].articles,
                    _ => &year.articles,
                };
                page_items(ids, n, &mut h);
            }
            Job::Tags => m.tags.iter().for_each(|t| hash_term(t, &mut h)),
            Job::Categories => m.categories.iter().for_each(|t| hash_term(t, &mut h)),
            Job::NotFound | Job::Robots => {}
            Job::Feed(f) | Job::Rss(f) => {
                let (name, ids): (&str, &[usize]) = match f {
                    Feed::Site => ("", r.home_ids()),
                    Feed::Author(i) => (&m.authors[i].name, &m.authors[i].articles),
                    Feed::Category(i) => (&m.categories[i].name, &m.categories[i].articles),
                };
                name.hash(&mut h);
                for &i in ids.iter().take(r.ctx().config.feed_limit) {
                    self.full[i].hash(&mut h);
                }
            }
            Job::Sitemap(_) => self.sitemap.hash(&mut h),
            Job::NewsSitemap => self.news.hash(&mut h),
            Job::Redirect(k) => {
                let (url, title) = crate::model::aliases::target(m, m.aliases[k].target);
                (&m.aliases[k].url, url, title).hash(&mut h);
            }
            Job::Redirects | Job::QueryRedirects => {
                for a in &m.aliases {
                    (&a.url, crate::model::aliases::target(m, a.target).0).hash(&mut h);
                }
            }
            // The page is its template and `site`; the index lists every
            // article's listing fields, and its text with `[search] body`.
            Job::Search => {}
            Job::SearchIndex => {
                let body = r.ctx().config.search.body;
                for i in 0..m.articles.len() {
                    self.summary[i].hash(&mut h);
                    if body {
                        m.articles[i].fingerprint.hash(&mut h);
                    }
                }
            }
        }
        finish(h)
    }
}
