//! `rotative import wordpress EXPORT.xml`: posts and pages with their
//! status (drafts stay drafts, scheduled posts stay scheduled), `wp:author`
//! profiles, categories and tags, featured images through `_thumbnail_id`,
//! and each post's old address (`<link>`) as an alias.

use super::ImportError;
use super::html::{self, Context, Media};
use super::post::{Author, Photo, Post, Sink};
use super::wxr::{self, Item};
use crate::slug::slugify;
use chrono::{NaiveDateTime, TimeZone};
use std::collections::HashMap;

/// The IPTC credit WordPress keeps in an attachment's serialized metadata
/// (`s:6:"credit";s:12:"Jeanne Petit";`).
fn php_string(serialized: &str, key: &str) -> Option<String> {
    let marker = format!("s:{}:\"{key}\";s:", key.len());
    let rest = &serialized[serialized.find(&marker)? + marker.len()..];
    let (len, rest) = rest.split_once(':')?;
    let len: usize = len.parse().ok()?;
    let value = rest.strip_prefix('"')?.get(..len)?;
    (!value.trim().is_empty()).then(|| value.to_string())
}

/// A WordPress date: the GMT one when set (drafts have zeros), else the
/// local one in the site's zone.
fn date(it: &Item, tz: chrono_tz::Tz) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let read = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok();
    if let Some(gmt) = read(&it.post_date_gmt).filter(|_| !it.post_date_gmt.starts_with("0000")) {
        return Some(
            chrono::Utc
                .from_utc_datetime(&gmt)
                .with_timezone(&tz)
                .fixed_offset(),
        );
    }
    crate::content::dates::parse(&it.post_date, tz)
}

/// The path of a URL on the blog (`https://blog/2024/05/x/` → `/2024/05/x/`);
/// `None` for another host and for `?p=12`-style addresses.
fn path_of(link: &str, base: &str) -> Option<String> {
    let base = base.trim_end_matches('/');
    let rest = link.strip_prefix(base)?;
    if rest.contains('?') || rest.trim_matches('/').is_empty() {
        return None;
    }
    Some(if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    })
}

pub fn import(sink: &mut Sink) -> Result<(), ImportError> {
    let input = sink.args.input.clone();
    let origin = input.file_name().map_or_else(
        || input.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(&input).map_err(|source| ImportError::Read {
        path: input.display().to_string(),
        source,
    })?;
    let ex = wxr::parse(&bytes, &origin)?;
    sink.describe_site(
        Some(ex.title.clone()),
        Some(ex.link.clone()),
        Some(ex.language.clone()),
        Some(ex.description.clone()),
        None,
    );
    let tz = sink.target.tz;
    let base = if ex.base_blog_url.is_empty() {
        ex.link.clone()
    } else {
        ex.base_blog_url.clone()
    };
    for a in &ex.authors {
        let full = format!("{} {}", a.first_name, a.last_name)
            .trim()
            .to_string();
        let name = [a.display_name.as_str(), full.as_str(), a.login.as_str()]
            .into_iter()
            .find(|n| !n.trim().is_empty())
            .unwrap_or("")
            .to_string();
        sink.add_author(Author {
            slug: a.login.clone(),
            name,
            ..Author::default()
        });
    }
    let mut media: HashMap<String, Media> = HashMap::new();
    let mut credits: HashMap<String, String> = HashMap::new();
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    for it in ex.items.iter().filter(|i| i.post_type == "attachment") {
        media.insert(
            it.post_id.clone(),
            Media {
                url: it.attachment_url.clone(),
                alt: it
                    .meta("_wp_attachment_image_alt")
                    .unwrap_or("")
                    .to_string(),
                caption: it.excerpt.trim().to_string(),
            },
        );
        if let Some(c) = it
            .meta("_wp_attachment_metadata")
            .and_then(|m| php_string(m, "credit"))
        {
            credits.insert(it.post_id.clone(), c);
        }
        children
            .entry(it.post_parent.clone())
            .or_default()
            .push(it.post_id.clone());
    }
    for it in &ex.items {
        let page = match it.post_type.as_str() {
            "post" => false,
            "page" => true,
            _ => continue,
        };
        let at = format!("{origin}:{}", it.line);
        let draft = match it.status.as_str() {
            "publish" | "future" | "" => false,
            "draft" | "pending" | "private" => true,
            "trash" | "auto-draft" | "inherit" => continue,
            other => {
                sink.report.warn(
                    &origin,
                    Some(it.line),
                    format!("unknown status `{other}`; imported as a draft"),
                );
                true
            }
        };
        let Some(date) = date(it, tz) else {
            return Err(ImportError::source(
                &origin,
                Some(it.line),
                format!(
                    "cannot read the date `{}` of « {} »",
                    it.post_date, it.title
                ),
            ));
        };
        let mut categories: Vec<(String, String)> = Vec::new();
        let mut tags = Vec::new();
        for (domain, nicename, name) in &it.terms {
            match domain.as_str() {
                "category" => categories.push((nicename.clone(), name.clone())),
                "post_tag" => tags.push(name.clone()),
                _ => {}
            }
        }
        // WordPress has no primary category: the first one exported is taken.
        let category = categories.first().map(|(_, n)| n.clone());
        if categories.len() > 1 {
            let others: Vec<&str> = categories[1..].iter().map(|(_, n)| n.as_str()).collect();
            sink.report.warn(
                &origin,
                Some(it.line),
                format!(
                    "« {} »: `{}` becomes the category; the other categories ({}) become tags",
                    it.title,
                    categories[0].1,
                    others.join(", ")
                ),
            );
            for o in others {
                if !tags.iter().any(|t| t == o) {
                    tags.push(o.to_string());
                }
            }
        }
        let mut photo = None;
        if let Some(id) = it.meta("_thumbnail_id") {
            match media.get(id) {
                Some(m) if !m.url.is_empty() => {
                    let src = sink.remote_image(&at, &m.url);
                    photo = Some(Photo {
                        src,
                        alt: m.alt.clone(),
                        caption: m.caption.clone(),
                        credit: credits.get(id).cloned().unwrap_or_default(),
                    });
                }
                _ => sink.missing_image(
                    &origin,
                    Some(it.line),
                    &format!("of attachment {id} (the featured image)"),
                ),
            }
        }
        let attached: Vec<&Media> = children
            .get(&it.post_id)
            .map(|ids| ids.iter().filter_map(|i| media.get(i)).collect())
            .unwrap_or_default();
        let ctx = Context {
            media: &media,
            attached,
        };
        let body = html::shortcodes(
            &it.content,
            &origin,
            it.content_line,
            &ctx,
            &mut sink.report,
        );
        let body = html::to_markdown(&body, html::needs_paragraphs(&it.content));
        let mut aliases = Vec::new();
        if !draft {
            aliases.extend(path_of(&it.link, &base));
            // WordPress answers `/?p=ID` (`/?page_id=ID` for a page) for
            // every post, whatever its permalinks: short links use it.
            if !it.post_id.is_empty() && it.post_id.bytes().all(|b| b.is_ascii_digit()) {
                let key = if page { "page_id" } else { "p" };
                aliases.push(format!("/?{key}={}", it.post_id));
            }
        }
        let summary = Some(it.excerpt.trim().to_string())
            .filter(|s| !s.is_empty())
            .map(|s| html::to_markdown(&s, false));
        let slug = if it.post_name.is_empty() {
            slugify(&it.title)
        } else {
            it.post_name.clone()
        };
        let post = Post {
            origin: at,
            page,
            title: it.title.trim().to_string(),
            date: Some(date),
            has_time: true,
            updated: date_gmt(&it.modified_gmt, tz).filter(|m| *m > date),
            authors: Some(it.creator.trim().to_string())
                .filter(|c| !c.is_empty())
                .into_iter()
                .collect(),
            category,
            tags,
            photo,
            summary,
            slug: percent_decode(&slug),
            aliases,
            draft,
            body,
        };
        sink.add_post(post);
    }
    Ok(())
}

fn date_gmt(s: &str, tz: chrono_tz::Tz) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let n = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok()?;
    Some(
        chrono::Utc
            .from_utc_datetime(&n)
            .with_timezone(&tz)
            .fixed_offset(),
    )
}

/// WordPress stores non-ASCII slugs percent-encoded (`%c3%a9t%c3%a9`).
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_from_serialized_metadata() {
        let m = r#"a:1:{s:10:"image_meta";a:2:{s:6:"credit";s:12:"Jeanne Petit";s:9:"copyright";s:0:"";}}"#;
        assert_eq!(php_string(m, "credit").as_deref(), Some("Jeanne Petit"));
        assert_eq!(php_string(m, "copyright"), None);
    }

    #[test]
    fn old_paths() {
        assert_eq!(
            path_of("https://b.example/2024/05/x/", "https://b.example").as_deref(),
            Some("/2024/05/x/")
        );
        assert_eq!(
            path_of("https://b.example/?p=12", "https://b.example/"),
            None
        );
        assert_eq!(
            path_of("https://autre.example/x/", "https://b.example"),
            None
        );
    }
}
