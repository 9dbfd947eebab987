//! `rotative import jekyll SITE`: `_config.yml`, `_posts/` and `_drafts/`,
//! pages, `_data/authors.yml` or an `_authors` collection, images, and the
//! old addresses given by Jekyll's `permalink` setting.

use super::ImportError;
use super::files::{self, Doc};
use super::liquid::{self, Scope};
use super::post::{Author, Post, Sink};
use crate::content::compat::Target;
use crate::content::frontmatter::scalar;
use chrono::{Datelike, Timelike};
use serde_yaml::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const IMAGE_EXTS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"];

/// Jekyll's named permalink styles; `date` is the default.
fn permalink_style(p: &str) -> &str {
    match p {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
}

/// The address Jekyll gave a post, from the `permalink` pattern.
fn old_url(pattern: &str, p: &Post, categories: &[String], title: &str) -> String {
    let d = p.date.expect("posts have a date");
    let cats = categories
        .iter()
        .map(|c| c.to_lowercase())
        .collect::<Vec<_>>()
        .join("/");
    let url = pattern
        .replace(":categories", &cats)
        .replace(":year", &format!("{:04}", d.year()))
        .replace(":short_year", &format!("{:02}", d.year() % 100))
        .replace(":i_month", &d.month().to_string())
        .replace(":month", &format!("{:02}", d.month()))
        .replace(":i_day", &d.day().to_string())
        .replace(":y_day", &format!("{:03}", d.ordinal()))
        .replace(":day", &format!("{:02}", d.day()))
        .replace(":hour", &format!("{:02}", d.hour()))
        .replace(":minute", &format!("{:02}", d.minute()))
        .replace(":second", &format!("{:02}", d.second()))
        .replace(":title", title)
        .replace(":slug", title)
        .replace(":name", title)
        .replace(":output_ext", ".html");
    let mut out = String::new();
    for seg in url.split('/').filter(|s| !s.is_empty()) {
        out.push('/');
        out.push_str(seg);
    }
    if url.ends_with('/') {
        out.push('/');
    }
    out
}

fn yaml_file(path: &Path, origin: &str) -> Result<Option<Value>, ImportError> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    serde_yaml::from_str(&text).map(Some).map_err(|e| {
        let loc = e.location();
        ImportError::Source {
            path: origin.to_string(),
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message: format!("invalid YAML: {e}"),
        }
    })
}

fn s(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(scalar).filter(|s| !s.trim().is_empty())
}

/// Files with one of `exts` under `dir`, sorted, skipping hidden ones.
pub fn list(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| exts.contains(&x.to_string_lossy().to_lowercase().as_str()))
        })
        .collect();
    out.sort();
    out
}

pub fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

struct Read {
    post: Post,
    line: usize,
}

pub fn import(sink: &mut Sink) -> Result<(), ImportError> {
    let root = sink.args.input.clone();
    if !root.join("_config.yml").is_file() && !root.join("_posts").is_dir() {
        return Err(ImportError::Usage(format!(
            "{} is not a Jekyll site: it has neither _config.yml nor _posts/",
            root.display()
        )));
    }
    let config = yaml_file(&root.join("_config.yml"), "_config.yml")?.unwrap_or(Value::Null);
    let base = s(&config, "url").map(|u| u + &s(&config, "baseurl").unwrap_or_default());
    sink.describe_site(
        s(&config, "title"),
        base,
        s(&config, "lang"),
        s(&config, "description"),
        s(&config, "timezone"),
    );
    let tz: chrono_tz::Tz = s(&config, "timezone")
        .and_then(|z| z.parse().ok())
        .unwrap_or(sink.target.tz);
    let pattern =
        permalink_style(&s(&config, "permalink").unwrap_or_else(|| "date".into())).to_string();
    let site_title = s(&config, "title").unwrap_or_default();
    authors(sink, &root)?;

    let mut read: Vec<Read> = Vec::new();
    for (folder, draft) in [("_posts", false), ("_drafts", true)] {
        for path in list(&root.join(folder), &["md", "markdown", "html"]) {
            let origin = rel(&root, &path);
            let Some(doc) =
                files::read_doc(&path, &origin, &origin, Target::Article, &mut sink.report)?
            else {
                continue;
            };
            read.push(post_of(sink, doc, &path, draft, &pattern, tz)?);
        }
    }
    let newest = read.iter().filter_map(|r| r.post.date).max();
    for r in &mut read {
        if r.post.date.is_none() {
            r.post.date = newest.or(Some(crate::content::dates::day_start(
                chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"),
                tz,
            )));
            sink.report.warn(
                &r.post.origin,
                None,
                "a draft without a date is dated like the newest post; set its `date`",
            );
        }
    }
    for path in list(&root, &["md", "markdown", "html"]) {
        let origin = rel(&root, &path);
        let skip = origin.contains('/')
            || ["index", "readme", "404", "changelog", "license"]
                .contains(&stem(&path).to_lowercase().as_str());
        let in_folder = origin.contains('/')
            && !origin.starts_with('_')
            && !origin.ends_with(".html")
            && !origin
                .split('/')
                .any(|s| s.starts_with('_') || s == "node_modules" || s == "vendor");
        if in_folder {
            sink.report.warn(
                &origin,
                None,
                "a page in a folder is not imported; move it to the site's top level to import it",
            );
        }
        if skip {
            continue;
        }
        let Some(doc) = files::read_doc(&path, &origin, &origin, Target::Page, &mut sink.report)?
        else {
            continue;
        };
        let mut post = files::post(&doc, &stem(&path), true, tz)?;
        if doc.fm.get("aliases").is_none() {
            let pretty = pattern.ends_with('/');
            post.aliases.push(if pretty {
                format!("/{}/", stem(&path))
            } else {
                format!("/{}.html", stem(&path))
            });
        }
        read.push(Read {
            post,
            line: doc.body_line,
        });
    }
    let mut links = HashMap::new();
    for r in &read {
        let url = sink.new_url(&r.post);
        links.insert(r.post.origin.clone(), url.clone());
        links.insert(
            r.post
                .origin
                .rsplit('/')
                .next()
                .unwrap_or("")
                .rsplit_once('.')
                .map_or(String::new(), |(s, _)| s.to_string()),
            url,
        );
    }
    for path in list(&root, IMAGE_EXTS) {
        let r = rel(&root, &path);
        if !r
            .split('/')
            .any(|s| s.starts_with('_') || s == "node_modules" || s == "vendor")
        {
            sink.copy_file(&r, &path);
        }
    }
    for mut r in read {
        let scope = Scope {
            links: &links,
            site_title: &site_title,
            page_title: &r.post.title,
        };
        r.post.body = liquid::convert(
            &r.post.body,
            &r.post.origin,
            r.line,
            &scope,
            &mut sink.report,
        );
        r.post.summary = r
            .post
            .summary
            .map(|s| liquid::convert(&s, &r.post.origin, r.line, &scope, &mut sink.report));
        sink.add_post(r.post);
    }
    Ok(())
}

fn post_of(
    sink: &mut Sink,
    doc: Doc,
    path: &Path,
    draft: bool,
    pattern: &str,
    tz: chrono_tz::Tz,
) -> Result<Read, ImportError> {
    let name = stem(path);
    let mut post = files::post(&doc, &name, false, tz)?;
    post.draft |= draft;
    let own_pattern = doc.permalink_pattern.as_deref().map(permalink_style);
    if (!doc.own_address || own_pattern.is_some()) && post.date.is_some() && !post.draft {
        let pattern = own_pattern.unwrap_or(pattern);
        let title = crate::content::dates::from_file_name(&name).map_or(name.as_str(), |(_, r)| r);
        let title = doc
            .fm
            .string("slug")
            .ok()
            .flatten()
            .unwrap_or_else(|| title.to_string());
        post.aliases
            .push(old_url(pattern, &post, &doc.categories, &title));
    }
    if let Some(photo) = post.photo.take() {
        post.photo = image(sink, &doc, photo, path);
    }
    Ok(Read {
        post,
        line: doc.body_line,
    })
}

/// A lead image: copied when it is a file of the site, downloaded or kept
/// when remote, reported when missing.
fn image(
    sink: &mut Sink,
    doc: &Doc,
    mut photo: super::post::Photo,
    _path: &Path,
) -> Option<super::post::Photo> {
    let src = photo
        .src
        .replace("{{ site.baseurl }}", "")
        .replace("{{site.baseurl}}", "");
    if src.starts_with("http://") || src.starts_with("https://") {
        photo.src = sink.remote_image(&doc.origin, &src);
        return Some(photo);
    }
    let rel = src.trim_start_matches('/').to_string();
    let file = sink.args.input.join(&rel);
    if rel.contains("..") || !file.is_file() {
        sink.missing_image(&doc.origin, doc.fm.line("photo"), &src);
        return None;
    }
    sink.copy_file(&rel, &file);
    photo.src = format!("/{rel}");
    Some(photo)
}

/// `_data/authors.yml` (a map of slug → name, bio, avatar…) or an `_authors`
/// collection of Markdown files.
fn authors(sink: &mut Sink, root: &Path) -> Result<(), ImportError> {
    for name in ["_data/authors.yml", "_data/authors.yaml"] {
        let Some(Value::Mapping(m)) = yaml_file(&root.join(name), name)? else {
            continue;
        };
        for (k, v) in m {
            let Some(slug) = scalar(&k) else { continue };
            let mut a = Author {
                slug: slug.clone(),
                name: s(&v, "name").unwrap_or(slug),
                role: s(&v, "role").or_else(|| s(&v, "title")),
                email: s(&v, "email"),
                bio: s(&v, "bio").unwrap_or_default(),
                ..Author::default()
            };
            if let Some(av) = s(&v, "avatar").or_else(|| s(&v, "picture")) {
                a.avatar = Some(avatar(sink, root, &av));
            }
            for key in ["twitter", "mastodon", "github", "web", "website", "url"] {
                if let Some(u) = s(&v, key) {
                    a.links.push((key.to_string(), u));
                }
            }
            sink.add_author(a);
        }
    }
    for path in list(&root.join("_authors"), &["md", "markdown"]) {
        let origin = rel(root, &path);
        let Some(doc) = files::read_doc(&path, &origin, &origin, Target::Page, &mut sink.report)?
        else {
            continue;
        };
        let get = |k: &str| doc.fm.string(k).ok().flatten();
        let slug = get("short_name").unwrap_or_else(|| stem(&path));
        let a = Author {
            name: get("name")
                .or_else(|| get("title"))
                .unwrap_or_else(|| slug.clone()),
            slug,
            role: get("role"),
            email: get("email"),
            avatar: get("avatar").map(|av| avatar(sink, root, &av)),
            bio: doc.body.clone(),
            ..Author::default()
        };
        sink.add_author(a);
    }
    Ok(())
}

fn avatar(sink: &mut Sink, root: &Path, src: &str) -> String {
    if src.starts_with("http") {
        return src.to_string();
    }
    let rel = src.trim_start_matches('/');
    let file = root.join(rel);
    if !rel.contains("..") && file.is_file() {
        sink.copy_file(rel, &file);
    }
    format!("/{rel}")
}
