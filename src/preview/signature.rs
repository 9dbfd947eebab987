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
            .map(|i| Self::full_of(r, i, summary[i], &author))
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
        Fingerprints {
            summary,
            full,
            author,
            page,
            global,
            sitemap: Self::sitemap_of(r),
            news: Self::news_of(r),
        }
    }

    /// After articles were swapped in place (same URLs, order, authors and
    /// terms, same config and theme): only their own entries, the news
    /// sitemap's, and the sitemap's when an update date moved, can differ.
    /// Returns the articles whose entries did change.
    pub fn update(&mut self, r: &Renderer, swapped: &[usize], sitemap_moved: bool) -> Changed {
        let mut changed = Changed::default();
        for &i in swapped {
            let summary = Self::summary_of(r, i);
            let full = Self::full_of(r, i, summary, &self.author);
            if (summary, full) != (self.summary[i], self.full[i]) {
                changed.articles.push(i);
            }
            (self.summary[i], self.full[i]) = (summary, full);
        }
        if sitemap_moved {
            let sitemap = Self::sitemap_of(r);
            changed.sitemap = sitemap != self.sitemap;
            self.sitemap = sitemap;
        }
        let news = Self::news_of(r);
        changed.news = news != self.news;
        self.news = news;
        changed
    }

    fn full_of(r: &Renderer, i: usize, summary: u64, author: &[u64]) -> u64 {
        let m = r.ctx().model;
        let mut h = fingerprint::hasher();
        (summary, m.articles[i].fingerprint).hash(&mut h);
        for &x in &m.links[i].authors {
            author[x].hash(&mut h);
        }
        finish(h)
    }

    /// What the sitemap lists, hashed without building its strings.
    fn sitemap_of(r: &Renderer) -> u64 {
        let m = r.ctx().model;
        let mut h = fingerprint::hasher();
        for (a, l) in m.articles.iter().zip(&m.links) {
            (&l.url, a.modified()).hash(&mut h);
        }
        m.pages.iter().for_each(|p| p.slug.hash(&mut h));
        m.authors.iter().for_each(|a| a.slug.hash(&mut h));
        m.categories.iter().for_each(|t| t.slug.hash(&mut h));
        m.tags.iter().for_each(|t| t.slug.hash(&mut h));
        finish(h)
    }

    /// The news sitemap moves with the build time: what is in it, not the time.
    fn news_of(r: &Renderer) -> u64 {
        let m = r.ctx().model;
        let mut h = fingerprint::hasher();
        for &i in &m.news {
            let a = &m.articles[i];
            (&m.links[i].url, &a.title, a.date).hash(&mut h);
        }
        finish(h)
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
        let mut w = Walk::new(self, None);
        self.walk(r, job, template_hash, &mut w);
        w.finish()
    }

    /// The same fingerprint, and what it read: the articles (pushed on
    /// `articles`) and whether the sitemap's or the news sitemap's entry.
    pub fn job_with_reads(
        &self,
        r: &Renderer,
        job: Job,
        template_hash: u64,
        articles: &mut Vec<u32>,
    ) -> (u64, Reads) {
        let mut w = Walk::new(self, Some(articles));
        self.walk(r, job, template_hash, &mut w);
        let reads = w.reads;
        (w.finish(), reads)
    }

    fn walk(&self, r: &Renderer, job: Job, template_hash: u64, w: &mut Walk) {
        let m = r.ctx().model;
        let per = r.ctx().config.per_page;
        w.value(&(job, self.global, template_hash));
        let page_items = |ids: &[usize], n: usize, w: &mut Walk| {
            w.value(&ids.len());
            for &i in ids.iter().skip((n - 1) * per).take(per) {
                w.summary(i);
            }
        };
        match job {
            Job::Article(i) => {
                w.full(i);
                // Whether there is a next and a previous article shows too.
                w.neighbour((i + 1 < m.articles.len()).then_some(i + 1));
                w.neighbour(i.checked_sub(1));
                for j in r.related_ids(i) {
                    w.summary(j);
                }
            }
            Job::Page(i) => w.value(&self.page[i]),
            Job::Index(n) => page_items(r.home_ids(), n, w),
            Job::Author(i, n) => {
                w.value(&self.author[i]);
                page_items(&m.authors[i].articles, n, w);
            }
            Job::Authors => w.value(&self.author),
            Job::Tag(i, n) => {
                w.term(&m.tags[i]);
                page_items(&m.tags[i].articles, n, w);
            }
            Job::Category(i, n) => {
                w.term(&m.categories[i]);
                page_items(&m.categories[i].articles, n, w);
            }
            Job::Year(y, n) | Job::Month(y, _, n) => {
                let years = &m.archives;
                let year = &years[y];
                let shape = |yy: &crate::model::archives::Year, w: &mut Walk| {
                    w.value(&(yy.year, yy.articles.len()));
                    for mo in &yy.months {
                        w.value(&(mo.month, mo.articles.len()));
                    }
                };
                // The period, its months and counts, and its neighbours.
                shape(year, w);
                if y > 0 {
                    shape(&years[y - 1], w);
                }
                if let Some(older) = years.get(y + 1) {
                    shape(older, w);
                }
                let ids = match job {
                    Job::Month(_, k, _) => &year.months[k].articles,
                    _ => &year.articles,
                };
                page_items(ids, n, w);
            }
            Job::Tags => m.tags.iter().for_each(|t| w.term(t)),
            Job::Categories => m.categories.iter().for_each(|t| w.term(t)),
            Job::NotFound | Job::Robots => {}
            Job::Feed(f) | Job::Rss(f) => {
                let (name, ids): (&str, &[usize]) = match f {
                    Feed::Site => ("", r.home_ids()),
                    Feed::Author(i) => (&m.authors[i].name, &m.authors[i].articles),
                    Feed::Category(i) => (&m.categories[i].name, &m.categories[i].articles),
                };
                w.value(name);
                for &i in ids.iter().take(r.ctx().config.feed_limit) {
                    w.full(i);
                }
            }
            Job::Sitemap(_) => {
                w.value(&self.sitemap);
                w.reads.sitemap = true;
            }
            Job::NewsSitemap => {
                w.value(&self.news);
                w.reads.news = true;
            }
            Job::Redirect(k) => {
                let t = m.aliases[k].target;
                w.target(t);
                let (url, title) = crate::model::aliases::target(m, t);
                w.value(&(&m.aliases[k].url, url, title));
            }
            Job::Redirects | Job::QueryRedirects => {
                for a in &m.aliases {
                    w.target(a.target);
                    w.value(&(&a.url, crate::model::aliases::target(m, a.target).0));
                }
            }
            // The page is its template and `site`; the index lists every
            // article's listing fields, and its text with `[search] body`.
            Job::Search => {}
            Job::SearchIndex => {
                let body = r.ctx().config.search.body;
                for i in 0..m.articles.len() {
                    w.summary(i);
                    if body {
                        w.value(&m.articles[i].fingerprint);
                    }
                }
            }
        }
    }
}

/// Which site-wide entries a job's fingerprint read.
#[derive(Clone, Copy, Default)]
pub struct Reads {
    pub sitemap: bool,
    pub news: bool,
}

/// What `Fingerprints::update` found different.
#[derive(Default)]
pub struct Changed {
    pub articles: Vec<usize>,
    pub sitemap: bool,
    pub news: bool,
}

/// One walk over what a job shows: it hashes each item's fingerprint and,
/// when asked, notes which articles it read. Signatures and the dependents
/// index come from this one walk, so they cannot disagree.
struct Walk<'f, 'v> {
    h: FpHasher,
    fp: &'f Fingerprints,
    articles: Option<&'v mut Vec<u32>>,
    reads: Reads,
}

impl<'f, 'v> Walk<'f, 'v> {
    fn new(fp: &'f Fingerprints, articles: Option<&'v mut Vec<u32>>) -> Self {
        Walk {
            h: fingerprint::hasher(),
            fp,
            articles,
            reads: Reads::default(),
        }
    }

    fn value<T: Hash + ?Sized>(&mut self, v: &T) {
        v.hash(&mut self.h);
    }

    fn read(&mut self, i: usize) {
        if let Some(a) = self.articles.as_deref_mut() {
            a.push(i as u32);
        }
    }

    fn summary(&mut self, i: usize) {
        self.fp.summary[i].hash(&mut self.h);
        self.read(i);
    }

    fn neighbour(&mut self, i: Option<usize>) {
        i.map(|i| self.fp.summary[i]).hash(&mut self.h);
        i.into_iter().for_each(|i| self.read(i));
    }

    fn full(&mut self, i: usize) {
        self.fp.full[i].hash(&mut self.h);
        self.read(i);
    }

    /// A redirect prints its target's title, read from the model.
    fn target(&mut self, t: crate::model::aliases::Target) {
        if let crate::model::aliases::Target::Article(i) = t {
            self.read(i);
        }
    }

    fn term(&mut self, t: &Term) {
        (&t.name, &t.slug, t.articles.len()).hash(&mut self.h);
    }

    fn finish(self) -> u64 {
        self.h.finish()
    }
}
