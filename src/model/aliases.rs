//! Aliases: the old URLs of articles and pages (`aliases:` in front matter),
//! gathered from the model (`outputs` checks them against the other URLs).

use super::{Article, Model, Page};
use std::path::PathBuf;
use std::sync::Arc;

/// What an alias leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Article(usize),
    Page(usize),
}

/// One old URL, and where it was written (for messages).
#[derive(Debug, Clone)]
pub struct Alias {
    /// A site path: `/ancien/chemin/` or `/vieux.html`.
    pub url: String,
    pub target: Target,
    pub source: PathBuf,
    pub line: Option<usize>,
}

impl Alias {
    /// An old address with a query (`/?p=123`): no file can be written
    /// there, so it is redirected by `_redirects` and the home page.
    pub fn is_query(&self) -> bool {
        self.url.contains('?')
    }
}

/// Every alias of the published articles and of the pages, sorted by URL
/// (then file), so that redirect pages and `_redirects` come out in one order.
pub fn gather(articles: &[Arc<Article>], pages: &[Arc<Page>]) -> Vec<Alias> {
    let of_articles = articles.iter().enumerate().flat_map(|(i, a)| {
        a.aliases
            .iter()
            .map(move |u| (u, Target::Article(i), &a.source, a.aliases_line))
    });
    let of_pages = pages.iter().enumerate().flat_map(|(i, p)| {
        p.aliases
            .iter()
            .map(move |u| (u, Target::Page(i), &p.source, p.aliases_line))
    });
    let mut all: Vec<Alias> = of_articles
        .chain(of_pages)
        .map(|(url, target, source, line)| Alias {
            url: url.clone(),
            target,
            source: source.clone(),
            line,
        })
        .collect();
    all.sort_by(|a, b| a.url.cmp(&b.url).then_with(|| a.source.cmp(&b.source)));
    all
}

/// The site path and title an alias leads to.
pub fn target(model: &Model, t: Target) -> (String, &str) {
    match t {
        Target::Article(i) => (model.links[i].url.clone(), &model.articles[i].title),
        Target::Page(i) => (model.pages[i].url(), &model.pages[i].title),
    }
}
