//! The schema.org description of an article page, as JSON-LD: a
//! `NewsArticle`, or a `LiveBlogPosting` while it is covered live.

use super::context::Ctx;
use crate::config::PaywallMode;
use serde::Serialize;

// Fields are declared in the byte order of their JSON names, so that keys
// come out sorted, as they did when this was built as a `serde_json` map;
// serializing the structs directly is a third of the cost of that map.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    article_section: Option<&'a str>,
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<Correction<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage_end_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage_start_time: Option<String>,
    date_modified: String,
    date_published: String,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    has_part: Option<WebPageElement>,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[ImageObject; 1]>,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_accessible_for_free: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    live_blog_update: Option<Vec<BlogPosting<'a>>>,
    main_entity_of_page: &'a str,
    publisher: Publisher<'a>,
    url: &'a str,
    word_count: usize,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Correction<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: String,
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BlogPosting<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: String,
    headline: &'a str,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebPageElement {
    #[serde(rename = "@type")]
    kind: &'static str,
    css_selector: String,
    is_accessible_for_free: bool,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject>,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ImageObject {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
}

fn image_object(url: String, size: Option<(u32, u32)>) -> ImageObject {
    ImageObject {
        kind: "ImageObject",
        height: size.map(|s| s.1),
        url,
        width: size.map(|s| s.0),
    }
}

/// Article `i` as JSON for a `<script type="application/ld+json">`: built
/// here rather than in a template so that it is always valid JSON.
pub fn json_ld(ctx: &Ctx, i: usize) -> String {
    let (m, c, urls) = (ctx.model, ctx.config, &ctx.urls);
    let a = &m.articles[i];
    let l = &m.links[i];
    let permalink = urls.absolute(&l.url);
    let ld = Article {
        context: "https://schema.org",
        kind: if a.live {
            "LiveBlogPosting"
        } else {
            "NewsArticle"
        },
        article_section: l.category.map(|x| m.categories[x].name.as_str()),
        author: l
            .authors
            .iter()
            .map(|&x| Person {
                kind: "Person",
                name: &m.authors[x].name,
                url: urls.absolute(&urls.author(&m.authors[x].slug)),
            })
            .collect(),
        correction: a
            .corrections
            .iter()
            .map(|k| Correction {
                kind: "CorrectionComment",
                date_published: k.date.to_rfc3339(),
                text: &k.text,
            })
            .collect(),
        coverage_end_time: a
            .live
            .then_some(a.live_until)
            .flatten()
            .map(|u| u.to_rfc3339()),
        coverage_start_time: a.live.then(|| a.date.to_rfc3339()),
        date_modified: a.modified().to_rfc3339(),
        date_published: a.date.to_rfc3339(),
        description: &a.summary,
        has_part: (a.subscribers && c.paywall.mode == PaywallMode::Mark).then(|| WebPageElement {
            kind: "WebPageElement",
            css_selector: format!(".{}", super::paywall::GATED_CLASS),
            is_accessible_for_free: false,
        }),
        headline: &a.title,
        image: a
            .photo
            .as_ref()
            .map(|p| [image_object(urls.absolute(&p.url), l.photo_size)]),
        in_language: &c.language,
        is_accessible_for_free: a.subscribers.then_some(false),
        keywords: l.tags.iter().map(|&t| m.tags[t].name.as_str()).collect(),
        live_blog_update: a.live.then(|| {
            a.live_entries
                .iter()
                .map(|e| BlogPosting {
                    kind: "BlogPosting",
                    date_published: e.time.to_rfc3339(),
                    headline: &e.title,
                    url: format!("{permalink}#{}", e.anchor),
                })
                .collect()
        }),
        main_entity_of_page: &permalink,
        publisher: Publisher {
            kind: "NewsMediaOrganization",
            logo: c
                .logo
                .as_ref()
                .map(|logo| image_object(urls.absolute(logo), m.logo_size)),
            name: &c.title,
            url: urls.absolute("/"),
        },
        url: &permalink,
        word_count: a.word_count,
    };
    // `<` only occurs inside JSON strings, where \u003c means the same; the
    // script element then cannot be closed early by a title.
    let json = serde_json::to_string(&ld).unwrap_or_default();
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}
