//! Assembling the model from parsed sources: order, taxonomies, URLs, aliases,
//! « À lire aussi », and the news window of the build time.

use super::urls::permalink;
use super::{
    Article, Author, AuthorProfile, Links, Model, NEWS_LIMIT, NEWS_WINDOW_HOURS, Page, Term,
};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::slug::slugify;
use chrono::{DateTime, FixedOffset};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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
        // Newest first, by publication or, with `[listings] sort = "updated"`,
        // by the last update.
        let by_update = config.listings.sort == crate::config::Sort::Updated;
        let key = |a: &Article| if by_update { a.modified() } else { a.date };
        articles.sort_by(|a, b| {
            key(b)
                .cmp(&key(a))
                .then_with(|| b.date.cmp(&a.date))
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
                    live_now: false,
                }
            })
            .collect();
        let aliases = super::aliases::gather(&articles, &pages);
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
        model.related = super::related::compute(&model, config.related.count);
        if config.archives.enabled {
            model.archives = super::archives::gather(&model.articles);
        }
        diags.extend(super::outputs::url_collisions(&model, config));
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

    /// Chooses the articles of the news sitemap for the build time `now`.
    /// Newest published first. Listings sorted by update are not in
    /// publication order, so every article is looked at (a comparison each).
    /// Returns the articles whose « En direct » state changed.
    pub fn set_news_window(&mut self, now: DateTime<FixedOffset>) -> Vec<usize> {
        let mut flipped = Vec::new();
        // Live coverage is live until its `live_until`, if any.
        for (i, (l, a)) in self.links.iter_mut().zip(&self.articles).enumerate() {
            let live = a.live && a.live_until.is_none_or(|u| now < u);
            if live != l.live_now {
                flipped.push(i);
            }
            l.live_now = live;
        }
        let since = now - chrono::Duration::hours(NEWS_WINDOW_HOURS);
        let mut news: Vec<usize> = self
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.date <= now && a.date >= since)
            .map(|(i, _)| i)
            .collect();
        // Stable: equal dates keep the model's order.
        news.sort_by(|&x, &y| self.articles[y].date.cmp(&self.articles[x].date));
        news.truncate(NEWS_LIMIT);
        self.news = news;
        flipped
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
