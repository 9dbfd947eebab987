//! The kinds of page a site produces (`Job`), in one table: the theme
//! template each renders with, the `page_kind` templates see, its group in
//! the build summary — and, beside it, the output path of each page.

use crate::model::Model;
use crate::model::urls::{Urls, page_count, page_url, url_to_file};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feed {
    Site,
    Category(usize),
    Author(usize),
}

impl Feed {
    /// The page a feed mirrors: its feeds sit in its folder.
    pub fn page_url(self, m: &Model, u: &Urls) -> String {
        match self {
            Feed::Site => "/".into(),
            Feed::Author(i) => u.author(&m.authors[i].slug),
            Feed::Category(i) => u.category(&m.categories[i].slug),
        }
    }
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
    /// Page `n` of the archive of `model.archives[y]`.
    Year(usize, usize),
    /// Page `n` of the archive of month `m` of `model.archives[y]`.
    Month(usize, usize, usize),
    NotFound,
    /// The Atom feed.
    Feed(Feed),
    /// The RSS 2.0 feed beside it.
    Rss(Feed),
    Sitemap(usize),
    Robots,
    /// `news-sitemap.xml`.
    NewsSitemap,
    /// The redirect page at `model.aliases[k]`.
    Redirect(usize),
    /// `_redirects`.
    Redirects,
    /// `query-redirects.json`: the aliases with a query, for the home page.
    QueryRedirects,
    /// The search page (when the theme has `search.html`) and its JSON index.
    Search,
    SearchIndex,
}

/// What one kind of page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The theme template it renders with; `None` for outputs written
    /// directly (feeds, sitemaps, redirects…).
    pub template: Option<&'static str>,
    /// `page_kind` in the template context.
    pub page_kind: &'static str,
    /// Its group in the build summary.
    pub summary: &'static str,
}

const fn themed(template: &'static str, page_kind: &'static str, summary: &'static str) -> Spec {
    Spec {
        template: Some(template),
        page_kind,
        summary,
    }
}

const fn direct(summary: &'static str) -> Spec {
    Spec {
        template: None,
        page_kind: "",
        summary,
    }
}

impl Job {
    /// The table of page kinds.
    pub fn spec(self) -> Spec {
        match self {
            Job::Article(_) => themed("article.html", "article", "articles"),
            Job::Page(_) => themed("page.html", "page", "pages"),
            Job::Index(_) => themed("index.html", "index", "listings"),
            Job::Author(..) => themed("author.html", "author", "listings"),
            Job::Authors => themed("authors.html", "authors", "listings"),
            Job::Tag(..) => themed("tag.html", "tag", "listings"),
            Job::Tags => themed("tags.html", "tags", "listings"),
            Job::Category(..) => themed("category.html", "category", "listings"),
            Job::Categories => themed("categories.html", "categories", "listings"),
            Job::Year(..) => themed("archive.html", "year", "listings"),
            Job::Month(..) => themed("archive.html", "month", "listings"),
            Job::NotFound => themed("404.html", "404", "pages"),
            Job::Search => themed("search.html", "search", "pages"),
            Job::Feed(_) | Job::Rss(_) => direct("feeds"),
            Job::Redirect(_) => direct("redirects"),
            Job::Sitemap(_)
            | Job::Robots
            | Job::NewsSitemap
            | Job::Redirects
            | Job::QueryRedirects
            | Job::SearchIndex => direct("other"),
        }
    }

    /// Short name of the kind of output, for the build summary.
    pub fn kind(&self) -> &'static str {
        self.spec().summary
    }

    /// The output path, relative to the output folder.
    pub fn path(self, m: &Model, u: &Urls) -> String {
        match self {
            Job::Article(i) => url_to_file(&m.links[i].url),
            Job::Page(i) => url_to_file(&m.pages[i].url()),
            Job::Index(n) => url_to_file(&page_url("/", n)),
            Job::Author(i, n) => url_to_file(&page_url(&u.author(&m.authors[i].slug), n)),
            Job::Authors => url_to_file(&u.authors),
            Job::Tag(i, n) => url_to_file(&page_url(&u.tag(&m.tags[i].slug), n)),
            Job::Tags => url_to_file(&u.tags),
            Job::Category(i, n) => url_to_file(&page_url(&u.category(&m.categories[i].slug), n)),
            Job::Categories => url_to_file(&u.categories),
            Job::Year(y, n) => url_to_file(&page_url(&u.year(m.archives[y].year), n)),
            Job::Month(y, k, n) => {
                let year = &m.archives[y];
                url_to_file(&page_url(&u.month(year.year, year.months[k].month), n))
            }
            Job::NotFound => "404.html".into(),
            Job::Feed(f) => url_to_file(&format!("{}atom.xml", f.page_url(m, u))),
            Job::Rss(f) => url_to_file(&format!("{}rss.xml", f.page_url(m, u))),
            Job::Sitemap(0) => "sitemap.xml".into(),
            Job::Sitemap(k) => format!("sitemap-{k}.xml"),
            Job::Robots => "robots.txt".into(),
            Job::NewsSitemap => "news-sitemap.xml".into(),
            Job::Redirect(k) => url_to_file(&m.aliases[k].url),
            Job::Redirects => "_redirects".into(),
            Job::QueryRedirects => crate::model::outputs::QUERY_REDIRECTS.into(),
            Job::Search => url_to_file(&u.search),
            Job::SearchIndex => format!("{}index.json", u.search.trim_start_matches('/')),
        }
    }
}

/// Every page of a site with these settings, in a fixed order.
pub fn jobs(
    m: &Model,
    config: &crate::config::Config,
    search_page: bool,
    archive_page: bool,
    sitemap_parts: usize,
) -> Vec<Job> {
    let per = config.per_page;
    let mut jobs: Vec<Job> = (0..m.articles.len()).map(Job::Article).collect();
    jobs.extend((0..m.pages.len()).map(Job::Page));
    jobs.extend((1..=page_count(m.articles.len(), per)).map(Job::Index));
    for (i, a) in m.authors.iter().enumerate() {
        jobs.extend((1..=page_count(a.articles.len(), per)).map(|n| Job::Author(i, n)));
        jobs.extend([Job::Feed(Feed::Author(i)), Job::Rss(Feed::Author(i))]);
    }
    for (i, t) in m.tags.iter().enumerate() {
        jobs.extend((1..=page_count(t.articles.len(), per)).map(|n| Job::Tag(i, n)));
    }
    for (i, t) in m.categories.iter().enumerate() {
        jobs.extend((1..=page_count(t.articles.len(), per)).map(|n| Job::Category(i, n)));
        jobs.extend([Job::Feed(Feed::Category(i)), Job::Rss(Feed::Category(i))]);
    }
    if archive_page {
        for (y, year) in m.archives.iter().enumerate() {
            jobs.extend((1..=page_count(year.articles.len(), per)).map(|n| Job::Year(y, n)));
            for (k, month) in year.months.iter().enumerate() {
                jobs.extend(
                    (1..=page_count(month.articles.len(), per)).map(|n| Job::Month(y, k, n)),
                );
            }
        }
    }
    jobs.extend([
        Job::Authors,
        Job::Tags,
        Job::Categories,
        Job::NotFound,
        Job::Feed(Feed::Site),
        Job::Rss(Feed::Site),
        Job::Robots,
        Job::Sitemap(0),
    ]);
    jobs.extend((1..=sitemap_parts).map(Job::Sitemap));
    if config.news.sitemap {
        jobs.push(Job::NewsSitemap);
    }
    jobs.extend(
        (0..m.aliases.len())
            .filter(|&k| !m.aliases[k].is_query())
            .map(Job::Redirect),
    );
    if !m.aliases.is_empty() {
        jobs.push(Job::Redirects);
    }
    if m.aliases.iter().any(|a| a.is_query()) {
        jobs.push(Job::QueryRedirects);
    }
    if config.search.enabled {
        jobs.push(Job::SearchIndex);
        if search_page {
            jobs.push(Job::Search);
        }
    }
    jobs
}
