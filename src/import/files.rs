//! Reading the Markdown files of a Jekyll or Hugo site: front matter (YAML or
//! TOML) translated by `content::compat`, then the fields of a post.

use super::ImportError;
use super::post::{Photo, Post};
use super::report::Report;
use crate::content::compat::{self, Target};
use crate::content::frontmatter::{self, FrontMatter, scalar};
use crate::content::{dates, decode};
use chrono_tz::Tz;
use std::path::Path;

/// One Markdown file of the source.
pub struct Doc {
    pub origin: String,
    pub fm: FrontMatter,
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// `categories` (then `category`) as written, before translation: Jekyll
    /// puts all of them in URLs.
    pub categories: Vec<String>,
    /// The file gave its own address (`permalink:` or `url:`).
    pub own_address: bool,
    /// A `permalink:` with placeholders (`/:categories/:title/`), which the
    /// Jekyll importer expands.
    pub permalink_pattern: Option<String>,
}

fn err(origin: &str, line: Option<usize>, msg: impl Into<String>) -> ImportError {
    ImportError::source(origin, line, msg)
}

/// Reads a file; `None` when it has no front matter (Jekyll copies those as
/// they are). `compat_rel` is the path `compat` sees, which tells it the dialect.
pub fn read_doc(
    path: &Path,
    origin: &str,
    compat_rel: &str,
    kind: Target,
    report: &mut Report,
) -> Result<Option<Doc>, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: origin.to_string(),
        source,
    })?;
    let text = decode(&bytes).map_err(|(line, msg)| err(origin, line, msg))?;
    let split = frontmatter::split(&text).map_err(|(line, msg)| err(origin, line, msg))?;
    if split.front.is_none() {
        return Ok(None);
    }
    let mut fm = frontmatter::parse_split(&split).map_err(|(line, column, message)| {
        ImportError::Source {
            path: origin.to_string(),
            line,
            column,
            message,
        }
    })?;
    let body_line = text[..text.len() - split.body.len()].matches('\n').count() + 1;
    let body = split.body.to_string();
    let mut categories = Vec::new();
    for key in ["categories", "category"] {
        match fm.get(key) {
            Some(serde_yaml::Value::Sequence(items)) => {
                categories.extend(items.iter().filter_map(scalar))
            }
            Some(serde_yaml::Value::String(s)) if key == "categories" => {
                categories.extend(s.split_whitespace().map(String::from))
            }
            Some(v) => categories.extend(scalar(v)),
            None => {}
        }
    }
    if categories.len() > 1 && kind == Target::Article {
        report.warn(
            origin,
            fm.line("categories").or(fm.line("category")),
            format!(
                "`{}` becomes the category; the other categories ({}) become tags",
                categories[0],
                categories[1..].join(", ")
            ),
        );
    }
    let own_address = fm.get("permalink").is_some() || fm.get("url").is_some();
    let permalink_pattern = fm
        .string("permalink")
        .ok()
        .flatten()
        .filter(|p| p.contains(':'));
    for (line, msg) in compat::translate(&mut fm, compat_rel, kind) {
        // The import writes rotative's keys: only what has no equivalent matters.
        let expanded = permalink_pattern.is_some() && msg.starts_with("`permalink` ");
        if !compat::is_once(&msg) && !expanded {
            report.warn(origin, line, msg);
        }
    }
    Ok(Some(Doc {
        origin: origin.to_string(),
        fm,
        body,
        body_line,
        categories,
        own_address,
        permalink_pattern,
    }))
}

fn field<T>(doc: &Doc, r: Result<T, frontmatter::FieldError>) -> Result<T, ImportError> {
    r.map_err(|(line, msg)| err(&doc.origin, line, msg))
}

/// A date of the front matter, read in the source's zone.
pub fn date(
    doc: &Doc,
    key: &str,
    tz: Tz,
) -> Result<Option<(chrono::DateTime<chrono::FixedOffset>, bool)>, ImportError> {
    let Some(s) = field(doc, doc.fm.string(key))? else {
        return Ok(None);
    };
    match dates::parse(&s, tz) {
        Some(d) => Ok(Some((d, s.contains(':')))),
        None => Err(err(
            &doc.origin,
            doc.fm.line(key),
            format!(
                "cannot read `{key}: {s}`; accepted forms: {}",
                dates::ACCEPTED
            ),
        )),
    }
}

/// The fields every post has, from a translated front matter. `stem` is the
/// file name without extension, which gives Jekyll's date and the slug.
pub fn post(doc: &Doc, stem: &str, page: bool, tz: Tz) -> Result<Post, ImportError> {
    let fm = &doc.fm;
    let name_date = dates::from_file_name(stem);
    let name_slug = name_date.map_or(stem, |(_, rest)| rest);
    let mut p = Post {
        origin: doc.origin.clone(),
        page,
        body: doc.body.clone(),
        ..Post::default()
    };
    p.title = field(doc, fm.string("title"))?
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| name_slug.replace('-', " "));
    match date(doc, "date", tz)? {
        Some((d, has_time)) => {
            p.date = Some(d);
            p.has_time = has_time;
        }
        None => p.date = name_date.map(|(d, _)| dates::day_start(d, tz)),
    }
    let updated_key = if fm.get("updated").is_some() {
        "updated"
    } else {
        "modified"
    };
    p.updated = date(doc, updated_key, tz)?.map(|(d, _)| d);
    let mut authors = field(doc, fm.string_or_list("author"))?;
    authors.extend(field(doc, fm.string_or_list("authors"))?);
    authors.retain(|a| !a.trim().is_empty());
    p.authors = authors;
    p.category = field(doc, fm.string("category"))?.filter(|c| !c.trim().is_empty());
    p.tags = field(doc, fm.string_list("tags"))?;
    p.summary = field(doc, fm.string("summary"))?.filter(|s| !s.trim().is_empty());
    p.slug = field(doc, fm.string("slug"))?.unwrap_or_else(|| name_slug.to_string());
    p.draft = field(doc, fm.bool("draft"))?.unwrap_or(false);
    p.aliases = field(doc, fm.string_or_list("aliases"))?;
    if let Some(serde_yaml::Value::Mapping(m)) = fm.get("photo") {
        let get = |k: &str| m.get(k).and_then(scalar).unwrap_or_default();
        let src = get("src");
        if !src.trim().is_empty() {
            p.photo = Some(Photo {
                src,
                alt: get("alt"),
                caption: get("caption"),
                credit: get("credit"),
            });
        }
    }
    Ok(p)
}
