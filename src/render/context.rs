//! The values templates see: the site, article summaries, full articles,
//! authors, terms and paginators, serialized once where they are shared.

use crate::config::Config;
use crate::i18n;
use crate::model::urls::{page_count, page_url};
use crate::model::{Article, Model, Page, Photo, Term, Urls};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(Serialize)]
struct NameRef<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
}

#[derive(Serialize)]
struct PhotoCtx<'a> {
    src: &'a str,
    url: &'a str,
    permalink: String,
    alt: &'a str,
    caption: &'a str,
    credit: &'a str,
    #[serde(flatten)]
    sizes: super::photos::Sizes<'a>,
}

fn photo<'a>(p: &'a Photo, urls: &Urls) -> PhotoCtx<'a> {
    PhotoCtx {
        src: &p.src,
        url: &p.url,
        permalink: urls.absolute(&p.url),
        alt: &p.alt,
        caption: &p.caption,
        credit: &p.credit,
        sizes: super::photos::Sizes::of(p),
    }
}

/// Fields shared by summaries and full articles.
#[derive(Serialize)]
struct SummaryCtx<'a> {
    title: &'a str,
    slug: &'a str,
    url: &'a str,
    permalink: String,
    date: String,
    date_display: String,
    date_short: String,
    time_display: Option<String>,
    photo: Option<PhotoCtx<'a>>,
    summary: &'a str,
    reading_time: usize,
    word_count: usize,
    /// The archive of the article's month, or null without date archives.
    month_url: Option<String>,
    /// Live coverage going on at the build time (« En direct »).
    live: bool,
    /// The authors' names (`Names`); none for a full article, which has
    /// their profiles instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<tera::Value>,
    category: tera::Value,
    tags: tera::Value,
    /// A fingerprint of the rest, for fragments (`Renderer::summary`).
    #[serde(rename = "fragment_key", skip_serializing_if = "Option::is_none")]
    fragment_key: Option<String>,
}

/// The full article: the summary's fields, and what only its page shows.
#[derive(Serialize)]
struct ArticleCtx<'a> {
    #[serde(flatten)]
    summary: SummaryCtx<'a>,
    content: std::borrow::Cow<'a, str>,
    updated: Option<String>,
    modified: String,
    updated_display: Option<String>,
    /// « 14 h 20 », or null when the update is at midnight (a bare day).
    updated_time_display: Option<String>,
    /// Oldest first: `date`, `date_display`, `time_display`, `text`.
    corrections: Vec<Value>,
    /// `free` or `subscribers`.
    access: &'static str,
    /// The entries of live coverage, newest first: `time`, `time_display`, `title`, `anchor`.
    live_entries: Vec<Value>,
    live_until: Option<String>,
    /// Replaces the summary's short list: the full profiles.
    authors: Vec<Value>,
    extra: &'a serde_json::Map<String, Value>,
    source: String,
    draft: bool,
    summary_in_body: bool,
    comments: bool,
    json_ld: String,
    /// The « À lire aussi » summaries.
    related: tera::Value,
}

pub struct Ctx<'a> {
    pub model: &'a Model,
    pub config: &'a Config,
    pub urls: Urls,
    /// The site has date archives: they are on and the theme has `archive.html`.
    pub archives: bool,
    names: Names,
}

/// Authors, categories and tags as summaries name them (`name`, `slug`,
/// `url`), each built once and shared by every summary that shows it: a
/// copy per summary was 18 MiB of 10,000 articles' summaries. A template
/// value inside a serialized struct is shared, not copied, by
/// `tera::Value::from_serializable`.
struct Names {
    authors: Vec<tera::Value>,
    categories: Vec<tera::Value>,
    tags: Vec<tera::Value>,
}

impl Names {
    fn new(m: &Model, urls: &Urls) -> Names {
        let name = |name: &str, slug: &str, url: String| {
            tera::Value::from_serializable(&NameRef { name, slug, url })
        };
        Names {
            authors: m
                .authors
                .iter()
                .map(|a| name(&a.name, &a.slug, urls.author(&a.slug)))
                .collect(),
            categories: m
                .categories
                .iter()
                .map(|t| name(&t.name, &t.slug, urls.category(&t.slug)))
                .collect(),
            tags: m
                .tags
                .iter()
                .map(|t| name(&t.name, &t.slug, urls.tag(&t.slug)))
                .collect(),
        }
    }
}

impl<'a> Ctx<'a> {
    pub fn new(
        model: &'a Model,
        config: &'a Config,
        theme: &super::Theme,
        base_url: &str,
    ) -> Ctx<'a> {
        let urls = Urls::new(config, base_url);
        Ctx {
            model,
            config,
            names: Names::new(model, &urls),
            urls,
            archives: theme.tera.contains_template("archive.html") && config.archives.enabled,
        }
    }

    /// Summary `i`'s fields; the authors' names unless `names` is false.
    fn summary_ctx(&self, i: usize, names: bool, fragment_key: Option<String>) -> SummaryCtx<'a> {
        let m = self.model;
        let a: &'a Article = &m.articles[i];
        let l = &m.links[i];
        let n = &self.names;
        let lang = self.config.language.as_str();
        let list = |ids: &[usize], values: &[tera::Value]| {
            tera::Value::from(ids.iter().map(|&x| values[x].clone()).collect::<Vec<_>>())
        };
        SummaryCtx {
            authors: names.then(|| list(&l.authors, &n.authors)),
            category: l
                .category
                .map_or_else(tera::Value::none, |c| n.categories[c].clone()),
            tags: list(&l.tags, &n.tags),
            fragment_key,
            title: &a.title,
            slug: &a.slug,
            url: &l.url,
            permalink: self.urls.absolute(&l.url),
            date: a.date.to_rfc3339(),
            date_display: i18n::long_date(&a.date, lang),
            date_short: i18n::short_date(&a.date, lang),
            time_display: a.has_time.then(|| i18n::time(&a.date, lang)),
            photo: a.photo.as_ref().map(|p| photo(p, &self.urls)),
            summary: &a.summary,
            reading_time: a.reading_time,
            word_count: a.word_count,
            live: l.live_now,
            month_url: self.archives.then(|| {
                use chrono::Datelike;
                self.urls.month(a.date.year(), a.date.month())
            }),
        }
    }

    /// A photo as templates see it: a lead photo's fields, or a body photo's.
    pub fn photo_value(&self, p: &Photo) -> tera::Value {
        tera::Value::from_serializable(&photo(p, &self.urls))
    }

    /// The summary of article `i`, as listings, `related`, `previous`,
    /// `next` and cards show it; `fragment_key` fingerprints it for fragments.
    pub fn summary(&self, i: usize, fragment_key: Option<String>) -> tera::Value {
        tera::Value::from_serializable(&self.summary_ctx(i, true, fragment_key))
    }

    /// An author as profile pages and author boxes show them; `with_bio` is
    /// false for the authors index, which has no room for biographies.
    pub fn author(&self, id: usize, with_bio: bool) -> Value {
        let au = &self.model.authors[id];
        let p = au.profile.map(|p| &self.model.profiles[p]);
        let url = self.urls.author(&au.slug);
        let mut v = json!({
            "name": au.name,
            "slug": au.slug,
            "url": url,
            "permalink": self.urls.absolute(&url),
            "role": p.and_then(|p| p.role.as_deref()),
            "avatar": p.and_then(|p| p.avatar.as_deref()),
            "email": p.and_then(|p| p.email.as_deref()),
            "links": p.map(|p| p.links.iter().map(|(l, u)| json!({"label": l, "url": u})).collect::<Vec<_>>()).unwrap_or_default(),
            "has_profile": p.is_some(),
            "count": au.articles.len(),
            "feed_url": format!("{url}atom.xml"),
            "rss_url": format!("{url}rss.xml"),
        });
        if with_bio {
            v["bio"] = json!(p.map_or("", |p| p.bio.as_str()));
        }
        v
    }

    pub fn term(&self, t: &Term, url: String) -> Value {
        json!({
            "name": t.name,
            "slug": t.slug,
            "permalink": self.urls.absolute(&url),
            "url": url,
            "count": t.articles.len(),
        })
    }

    /// A category: a term that also has a feed.
    pub fn category(&self, t: &Term) -> Value {
        let url = self.urls.category(&t.slug);
        let mut v = self.term(t, url.clone());
        v["feed_url"] = json!(format!("{url}atom.xml"));
        v["rss_url"] = json!(format!("{url}rss.xml"));
        v
    }

    pub fn site(&self) -> Value {
        let c = self.config;
        let m = self.model;
        json!({
            "title": c.title,
            "base_url": self.urls.base,
            "language": c.language,
            "description": c.description,
            "logo": c.logo,
            "timezone": c.timezone,
            "paths": c.paths,
            "newsletter": c.newsletter,
            "social": c.social,
            "share_networks": c.share.networks,
            "comments": c.comments,
            "extra": c.extra,
            "feed_url": "/atom.xml",
            "rss_url": "/rss.xml",
            "paywall": {"url": c.paywall.url, "mode": c.paywall.mode},
            "labels": i18n::ThemeLabels::of(&c.language),
            "authors_url": self.urls.authors,
            "tags_url": self.urls.tags,
            "categories_url": self.urls.categories,
            // Old addresses with a query (`/?p=123`) that the home page redirects.
            "query_redirects_url": m.aliases.iter().any(|a| a.is_query() && a.url.starts_with("/?"))
                .then(|| format!("/{}", crate::model::outputs::QUERY_REDIRECTS)),
            "search": c.search.enabled.then(|| json!({
                "url": self.urls.search,
                "index_url": format!("{}index.json", self.urls.search),
            })),
            // No counts here: they change with every new article, and every
            // page would then have to be re-rendered while previewing.
            "categories": m
                .categories
                .iter()
                .map(|t| {
                    let mut v = self.category(t);
                    v.as_object_mut().map(|o| o.remove("count"));
                    v
                })
                .collect::<Vec<_>>(),
        })
    }

    /// The full article for `article.html`, with its `related` summaries.
    pub fn article(&self, i: usize, related: Vec<tera::Value>) -> tera::Value {
        let a = &self.model.articles[i];
        let lang = self.config.language.as_str();
        tera::Value::from_serializable(&ArticleCtx {
            summary: self.summary_ctx(i, false, None),
            related: tera::Value::from(related),
            content: super::paywall::page_body(a, self.config),
            access: if a.subscribers { "subscribers" } else { "free" },
            live_entries: a
                .live_entries
                .iter()
                .map(|e| {
                    json!({
                        "time": e.time.to_rfc3339(),
                        "time_display": i18n::time(&e.time, lang),
                        "title": e.title,
                        "anchor": e.anchor,
                    })
                })
                .collect(),
            live_until: a.live_until.map(|d| d.to_rfc3339()),
            updated: a.last_update().map(|d| d.to_rfc3339()),
            modified: a.modified().to_rfc3339(),
            updated_display: a.last_update().map(|d| i18n::long_date(&d, lang)),
            updated_time_display: a.last_update().and_then(|d| time_of(&d, lang)),
            corrections: a
                .corrections
                .iter()
                .map(|c| {
                    json!({
                        "date": c.date.to_rfc3339(),
                        "date_display": i18n::long_date(&c.date, lang),
                        "time_display": time_of(&c.date, lang),
                        "text": c.text,
                    })
                })
                .collect(),
            authors: self.model.links[i]
                .authors
                .iter()
                .map(|&x| self.author(x, true))
                .collect(),
            extra: &a.extra,
            source: a.source.to_string_lossy().replace('\\', "/"),
            draft: a.draft,
            summary_in_body: a.summary_in_body,
            comments: a.comments && self.config.comments.is_some(),
            json_ld: super::jsonld::json_ld(self, i),
        })
    }

    pub fn share(&self, i: usize) -> Value {
        use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
        let a = &self.model.articles[i];
        let link = self.urls.absolute(&self.model.links[i].url);
        let u = utf8_percent_encode(&link, NON_ALPHANUMERIC).to_string();
        let t = utf8_percent_encode(&a.title, NON_ALPHANUMERIC).to_string();
        let labels = i18n::Labels::of(&self.config.language);
        self.config
            .share
            .networks
            .iter()
            .map(|n| {
                let (label, url) = match n.as_str() {
                    "x" => ("X", format!("https://x.com/intent/post?url={u}&text={t}")),
                    "facebook" => (
                        "Facebook",
                        format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
                    ),
                    "linkedin" => (
                        "LinkedIn",
                        format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
                    ),
                    "email" => (labels.email, format!("mailto:?subject={t}&body={u}")),
                    _ => (labels.copy_link, link.clone()),
                };
                json!({"network": n, "label": label, "url": url})
            })
            .collect()
    }

    pub fn page(&self, p: &Page) -> Value {
        let url = p.url();
        json!({
            "title": p.title,
            "slug": p.slug,
            "permalink": self.urls.absolute(&url),
            "url": url,
            "content": p.content,
            "summary": p.summary,
            "summary_in_body": p.summary_in_body,
            "extra": p.extra,
        })
    }
}

/// The time of a date, unless it is midnight (a date given as a bare day).
fn time_of(d: &chrono::DateTime<chrono::FixedOffset>, lang: &str) -> Option<String> {
    use chrono::Timelike;
    (d.hour() != 0 || d.minute() != 0).then(|| i18n::time(d, lang))
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
}

#[derive(Serialize)]
struct PaginatorCtx {
    current: usize,
    total_pages: usize,
    total_items: usize,
    per_page: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
    /// The shared summaries.
    items: tera::Value,
}

/// The paginator of page `n` of a listing; `items` are the shared summaries.
pub fn paginator(
    base: &str,
    ids: &[usize],
    n: usize,
    per_page: usize,
    summary: &dyn Fn(usize) -> tera::Value,
) -> tera::Value {
    let total = page_count(ids.len(), per_page);
    let start = (n - 1) * per_page;
    let items: Vec<tera::Value> = ids
        .iter()
        .skip(start)
        .take(per_page)
        .map(|&i| summary(i))
        .collect();
    tera::Value::from_serializable(&PaginatorCtx {
        current: n,
        total_pages: total,
        total_items: ids.len(),
        per_page,
        first: page_url(base, 1),
        last: page_url(base, total),
        previous: (n > 1).then(|| page_url(base, n - 1)),
        next: (n < total).then(|| page_url(base, n + 1)),
        pages: page_window(n, total)
            .map(|k| PageLink {
                number: k,
                url: page_url(base, k),
            })
            .collect(),
        items: tera::Value::from(items),
    })
}

/// Page numbers worth linking from page `n`: the first, the last and three on
/// either side. Listing every page would make pagination quadratic.
fn page_window(n: usize, total: usize) -> impl Iterator<Item = usize> {
    (1..=total).filter(move |&k| k == 1 || k == total || k.abs_diff(n) <= 3)
}
