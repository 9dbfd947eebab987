//! `rotative import hugo SITE`: the site configuration (`hugo.toml`,
//! `config.toml` or YAML), `content/` sections, page bundles and their images,
//! `static/`, authors from `data/authors` or `content/authors/*/_index.md`,
//! and the old addresses given by Hugo's `permalinks` and `aliases`.

use super::ImportError;
use super::files;
use super::jekyll::{IMAGE_EXTS, list, rel};
use super::post::{Author, Photo, Post, Sink};
use super::shortcodes;
use crate::content::compat::Target;
use crate::content::frontmatter::{self, scalar};
use crate::slug::slugify;
use chrono::Datelike;
use serde_yaml::Value;
use std::collections::HashMap;
use std::path::Path;

const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "config.toml",
    "hugo.yaml",
    "config.yaml",
    "hugo.yml",
    "config.yml",
    "config/_default/hugo.toml",
    "config/_default/config.toml",
];

/// Reads a TOML or YAML data file into one kind of map.
fn data_file(path: &Path, origin: &str) -> Result<Option<Value>, ImportError> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    let located = |(line, column, message): frontmatter::YamlError| ImportError::Source {
        path: origin.to_string(),
        line,
        column,
        message,
    };
    if origin.ends_with(".toml") {
        let fm = frontmatter::parse_toml(&text, 1).map_err(located)?;
        return Ok(Some(Value::Mapping(fm.map)));
    }
    let fm = frontmatter::parse(&text, 1).map_err(located)?;
    Ok(Some(Value::Mapping(fm.map)))
}

fn get(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| v.get(*k).and_then(scalar))
        .filter(|s| !s.trim().is_empty())
}

/// The address Hugo gave a post: its section's `permalinks` pattern, or
/// `/<section>/<slug or file name>/`.
fn old_url(
    pattern: Option<&str>,
    p: &Post,
    section: &str,
    file_slug: &str,
    has_slug: bool,
) -> String {
    let slug = if has_slug {
        p.slug.clone()
    } else {
        file_slug.to_string()
    };
    let Some(pattern) = pattern else {
        return format!("/{section}/{}/", slug.to_lowercase());
    };
    let d = p.date.expect("articles have a date");
    let url = pattern
        .replace(":year", &format!("{:04}", d.year()))
        .replace(":monthname", &d.format("%B").to_string().to_lowercase())
        .replace(":month", &format!("{:02}", d.month()))
        .replace(":day", &format!("{:02}", d.day()))
        .replace(":yearday", &d.ordinal().to_string())
        .replace(":sections", section)
        .replace(":section", section)
        .replace(":slugorcontentbasename", &slug)
        .replace(":slugorfilename", &slug)
        .replace(
            ":slug",
            &if has_slug {
                p.slug.clone()
            } else {
                slugify(&p.title)
            },
        )
        .replace(":title", &slugify(&p.title))
        .replace(":contentbasename", file_slug)
        .replace(":filename", file_slug);
    let mut out: String = url
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| format!("/{}", s.to_lowercase()))
        .collect();
    if url.ends_with('/') || !out.rsplit('/').next().unwrap_or("").contains('.') {
        out.push('/');
    }
    out
}

struct Read {
    post: Post,
    line: usize,
    /// Files of a page bundle: name in the bundle → new site path.
    resources: Vec<(String, String)>,
}

pub fn import(sink: &mut Sink) -> Result<(), ImportError> {
    let root = sink.args.input.clone();
    let config_name = CONFIG_FILES.iter().find(|n| root.join(n).is_file());
    let Some(config_name) = config_name else {
        return Err(ImportError::Usage(format!(
            "{} is not a Hugo site: it has no hugo.toml, config.toml or hugo.yaml",
            root.display()
        )));
    };
    let config = data_file(&root.join(config_name), config_name)?.unwrap_or(Value::Null);
    let params = config.get("params").cloned().unwrap_or(Value::Null);
    sink.describe_site(
        get(&config, &["title"]),
        get(&config, &["baseURL", "baseurl"]),
        get(&config, &["languageCode", "defaultContentLanguage"]),
        get(&params, &["description"]),
        get(&config, &["timeZone", "timezone"]),
    );
    let tz: chrono_tz::Tz = get(&config, &["timeZone", "timezone"])
        .and_then(|z| z.parse().ok())
        .unwrap_or(sink.target.tz);
    let mut permalinks: HashMap<String, String> = HashMap::new();
    if let Some(Value::Mapping(m)) = config.get("permalinks") {
        for (k, v) in m {
            // Newer Hugo nests them by kind: `[permalinks.page] posts = …`.
            if let Value::Mapping(inner) = v {
                if scalar(k).as_deref() == Some("page") {
                    for (k, v) in inner {
                        if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                            permalinks.insert(k, v);
                        }
                    }
                }
            } else if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                permalinks.insert(k, v);
            }
        }
    }
    authors(sink, &root)?;
    let content = root.join("content");
    let mut read = Vec::new();
    for path in list(&content, &["md", "markdown"]) {
        let crel = rel(&content, &path);
        let origin = format!("content/{crel}");
        let parts: Vec<&str> = crel.split('/').collect();
        let name = parts[parts.len() - 1];
        if name.starts_with("_index.") {
            if parts[0] != "authors" {
                sink.report.warn(&origin, None, "a section's `_index.md` is not imported (rotative makes its category pages itself)");
            }
            continue;
        }
        if parts[0] == "authors" {
            continue;
        }
        let bundle = name.starts_with("index.");
        let depth = parts.len() - usize::from(bundle);
        let page = depth == 1;
        let kind = if page { Target::Page } else { Target::Article };
        let Some(doc) = files::read_doc(&path, &origin, &crel, kind, &mut sink.report)? else {
            sink.report
                .warn(&origin, None, "has no front matter; not imported");
            continue;
        };
        let file_slug = if bundle {
            parts[parts.len() - 2]
        } else {
            name.rsplit_once('.').map_or(name, |(s, _)| s)
        };
        let mut post = files::post(&doc, file_slug, page, tz)?;
        let section = parts[0];
        if page {
            if !doc.own_address && doc.fm.get("aliases").is_none() {
                post.aliases.push(format!("/{}/", file_slug.to_lowercase()));
            }
        } else {
            if post.date.is_none() {
                return Err(ImportError::source(
                    &origin,
                    doc.fm.line("title"),
                    "missing `date`: Hugo would not date this post either; set `date`",
                ));
            }
            if !doc.own_address {
                let has_slug = doc.fm.get("slug").is_some() && !bundle;
                post.aliases.push(old_url(
                    permalinks.get(section).map(String::as_str),
                    &post,
                    section,
                    file_slug,
                    has_slug,
                ));
            }
        }
        let mut resources = Vec::new();
        if bundle {
            let dir = path.parent().expect("a bundle has a folder");
            for f in list(dir, IMAGE_EXTS) {
                let inside = rel(dir, &f);
                let to = format!("images/{}/{inside}", slugify(file_slug));
                sink.copy_file(&to, &f);
                resources.push((inside, format!("/{to}")));
            }
        }
        if let Some(photo) = post.photo.take() {
            post.photo = image(sink, &doc, photo, &resources);
        }
        read.push(Read {
            post,
            line: doc.body_line,
            resources,
        });
    }
    let static_dir = root.join("static");
    for f in list(&static_dir, IMAGE_EXTS) {
        sink.copy_file(&rel(&static_dir, &f), &f);
    }
    let mut links = HashMap::new();
    for r in &read {
        let url = sink.new_url(&r.post);
        let crel = r.post.origin.trim_start_matches("content/").to_string();
        let name = crel
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md")
            .to_string();
        links.insert(crel, url.clone());
        links.insert(name, url);
    }
    for mut r in read {
        let mut body = shortcodes::convert(
            &r.post.body,
            &r.post.origin,
            r.line,
            &links,
            &mut sink.report,
        );
        for (name, to) in &r.resources {
            body = body
                .replace(&format!("]({name})"), &format!("]({to})"))
                .replace(&format!("src=\"{name}\""), &format!("src=\"{to}\""));
        }
        // Hugo's summary divider, written as rotative reads it.
        r.post.body = body.replace("<!--more-->", "<!-- more -->");
        sink.add_post(r.post);
    }
    Ok(())
}

fn image(
    sink: &mut Sink,
    doc: &files::Doc,
    mut photo: Photo,
    resources: &[(String, String)],
) -> Option<Photo> {
    if photo.src.starts_with("http://") || photo.src.starts_with("https://") {
        photo.src = sink.remote_image(&doc.origin, &photo.src);
        return Some(photo);
    }
    if let Some((_, to)) = resources.iter().find(|(n, _)| *n == photo.src) {
        photo.src = to.clone();
        return Some(photo);
    }
    let rel = photo.src.trim_start_matches('/').to_string();
    let file = sink.args.input.join("static").join(&rel);
    if rel.contains("..") || !file.is_file() {
        sink.missing_image(&doc.origin, doc.fm.line("photo"), &photo.src);
        return None;
    }
    photo.src = format!("/{rel}");
    Some(photo)
}

/// `data/authors/<slug>.toml|yaml`, `data/authors.toml|yaml` (a map by slug),
/// and taxonomy pages `content/authors/<slug>/_index.md`.
fn authors(sink: &mut Sink, root: &Path) -> Result<(), ImportError> {
    let mut found: Vec<(String, Value)> = Vec::new();
    for f in list(&root.join("data/authors"), &["toml", "yaml", "yml"]) {
        let origin = format!("data/authors/{}", rel(&root.join("data/authors"), &f));
        if let Some(v) = data_file(&f, &origin)? {
            let slug = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            found.push((slug, v));
        }
    }
    for name in ["data/authors.toml", "data/authors.yaml", "data/authors.yml"] {
        if let Some(Value::Mapping(m)) = data_file(&root.join(name), name)? {
            found.extend(
                m.into_iter()
                    .filter_map(|(k, v)| scalar(&k).map(|k| (k, v))),
            );
        }
    }
    for (slug, v) in found {
        let a = Author {
            name: get(&v, &["name", "title"]).unwrap_or_else(|| slug.clone()),
            role: get(&v, &["role"]),
            email: get(&v, &["email"]),
            avatar: get(&v, &["avatar", "image", "photo"]),
            bio: get(&v, &["bio", "description"]).unwrap_or_default(),
            links: ["website", "mastodon", "twitter", "github"]
                .iter()
                .filter_map(|k| get(&v, &[k]).map(|u| (k.to_string(), u)))
                .collect(),
            slug,
        };
        sink.add_author(a);
    }
    let dir = root.join("content/authors");
    for f in list(&dir, &["md"]) {
        let r = rel(&dir, &f);
        let Some((slug, "_index.md")) = r.split_once('/') else {
            continue;
        };
        let origin = format!("content/authors/{r}");
        let Some(doc) = files::read_doc(&f, &origin, &origin, Target::Page, &mut sink.report)?
        else {
            continue;
        };
        let s = |k: &str| doc.fm.string(k).ok().flatten();
        let a = Author {
            slug: slug.to_string(),
            name: s("name")
                .or_else(|| s("title"))
                .unwrap_or_else(|| slug.to_string()),
            role: s("role"),
            bio: doc.body.clone(),
            ..Author::default()
        };
        sink.add_author(a);
    }
    Ok(())
}
