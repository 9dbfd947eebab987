//! What every importer produces — articles, pages, author profiles, images —
//! and how they become rotative files: front matter written in rotative's own
//! keys, old addresses checked as aliases, images copied or downloaded.

use super::report::Report;
use super::writer::Plan;
use super::{ImportArgs, ImportError};
use crate::slug::{alias_path, slugify};
use chrono::{DateTime, Datelike, FixedOffset};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// The rotative site written into: its settings when it exists already.
pub struct Target {
    pub has_config: bool,
    pub permalink: String,
    pub tz: chrono_tz::Tz,
    /// For a new site.toml: taken from the source.
    pub title: String,
    pub base_url: String,
    pub language: String,
    pub description: String,
}

impl Target {
    pub fn open(into: &Path) -> Result<Target, ImportError> {
        if into.exists() && !into.is_dir() {
            return Err(ImportError::Usage(format!(
                "--into {}: is a file, not a folder",
                into.display()
            )));
        }
        let config = into.join("site.toml");
        let mut t = Target {
            has_config: false,
            permalink: "/{year}/{month}/{slug}/".into(),
            tz: chrono_tz::Europe::Paris,
            title: "Archives".into(),
            base_url: "https://journal.example".into(),
            language: "fr".into(),
            description: String::new(),
        };
        if config.is_file() {
            let c = crate::config::Config::load(into).map_err(|source| ImportError::Config {
                into: into.to_path_buf(),
                source,
            })?;
            t.has_config = true;
            t.permalink = c.permalink.clone();
            t.tz = c.tz;
        }
        Ok(t)
    }

    /// The configuration of a new site, with what the source says of itself.
    pub fn site_toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        format!(
            "# Made by `rotative import`; every key is described in the README of\n\
             # rotative (\"Configuration: site.toml\").\n\
             title = {}\nbase_url = {}\nlanguage = {}\ntimezone = {}\ndescription = {}\n\
             permalink = {}\n",
            q(&self.title),
            q(&self.base_url),
            q(&self.language),
            q(self.tz.name()),
            q(&self.description),
            q(&self.permalink),
        )
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Photo {
    pub src: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub alt: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub caption: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub credit: String,
}

/// An article or a page as the importer read it.
#[derive(Debug, Clone, Default)]
pub struct Post {
    /// Where it came from, for messages (`_posts/2019-05-01-x.md`, `export.xml:120`).
    pub origin: String,
    pub page: bool,
    pub title: String,
    pub date: Option<DateTime<FixedOffset>>,
    pub has_time: bool,
    pub updated: Option<DateTime<FixedOffset>>,
    pub authors: Vec<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub photo: Option<Photo>,
    pub summary: Option<String>,
    pub slug: String,
    pub aliases: Vec<String>,
    pub draft: bool,
    pub body: String,
}

#[derive(Serialize)]
struct ArticleFront<'a> {
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    photo: Option<&'a Photo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    slug: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
}

#[derive(Serialize)]
struct PageFront<'a> {
    title: &'a str,
    slug: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
}

/// An author profile (`content/authors/<slug>.md`).
#[derive(Debug, Clone, Default)]
pub struct Author {
    pub slug: String,
    pub name: String,
    pub role: Option<String>,
    pub avatar: Option<String>,
    pub email: Option<String>,
    pub links: Vec<(String, String)>,
    pub bio: String,
}

/// Collects what an import makes, checking it as it goes.
pub struct Sink<'a> {
    pub args: &'a ImportArgs,
    pub target: Target,
    pub plan: Plan,
    pub report: Report,
    urls: BTreeSet<String>,
    authors: BTreeSet<String>,
}

fn rfc3339_or_day(d: &DateTime<FixedOffset>, has_time: bool) -> String {
    if has_time {
        d.to_rfc3339()
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

impl<'a> Sink<'a> {
    pub fn new(args: &'a ImportArgs, target: Target) -> Sink<'a> {
        Sink {
            args,
            target,
            plan: Plan::default(),
            report: Report::default(),
            urls: BTreeSet::new(),
            authors: BTreeSet::new(),
        }
    }

    /// The address a post gets in the rotative site.
    /// Takes the source's own settings for a site.toml made by the import.
    pub fn describe_site(
        &mut self,
        title: Option<String>,
        base_url: Option<String>,
        language: Option<String>,
        description: Option<String>,
        tz: Option<String>,
    ) {
        if self.target.has_config {
            return;
        }
        let t = &mut self.target;
        let keep = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        if let Some(v) = keep(title) {
            t.title = v;
        }
        if let Some(v) = keep(base_url).filter(|u| u.starts_with("http")) {
            t.base_url = v.trim_end_matches('/').to_string();
        }
        if let Some(v) = keep(language) {
            t.language = v.replace('_', "-");
        }
        if let Some(v) = keep(description) {
            t.description = v;
        }
        if let Some(z) = keep(tz).and_then(|z| z.parse().ok()) {
            t.tz = z;
        }
    }

    pub fn new_url(&self, p: &Post) -> String {
        if p.page {
            return format!("/{}/", p.slug);
        }
        let Some(d) = p.date else {
            return format!("/{}/", p.slug);
        };
        let cat = p.category.as_deref().map(slugify);
        let mut url = self
            .target
            .permalink
            .replace("{year}", &format!("{:04}", d.year()))
            .replace("{month}", &format!("{:02}", d.month()))
            .replace("{day}", &format!("{:02}", d.day()))
            .replace("{category}", cat.as_deref().unwrap_or("non-classe"))
            .replace("{slug}", &p.slug);
        if !url.starts_with('/') {
            url.insert(0, '/');
        }
        if !url.rsplit('/').next().unwrap_or("").contains('.') && !url.ends_with('/') {
            url.push('/');
        }
        url
    }

    /// Writes an article or page. Old addresses that are not plain site
    /// paths, or that are the new address itself, are reported and left out.
    pub fn add_post(&mut self, mut p: Post) {
        p.slug = slugify(&p.slug);
        if p.slug.is_empty() {
            p.slug = slugify(&p.title);
        }
        if p.slug.is_empty() {
            p.slug = "sans-titre".into();
        }
        let folder = if p.page {
            "pages".to_string()
        } else {
            p.category
                .as_deref()
                .map(slugify)
                .filter(|s| !s.is_empty() && s != "authors" && s != "pages")
                .unwrap_or_else(|| "articles".into())
        };
        // Two posts with one address: the later one gets `-2`, `-3`…
        let base = p.slug.clone();
        let mut n = 1;
        let rel = loop {
            if n > 1 {
                p.slug = format!("{base}-{n}");
            }
            let stem = match p.date.filter(|_| !p.page) {
                Some(d) => format!("{}-{}", d.format("%Y-%m-%d"), p.slug),
                None => p.slug.clone(),
            };
            let rel = format!("content/{folder}/{stem}.md");
            if !self.plan.contains(&rel) && !self.urls.contains(&self.new_url(&p)) {
                break rel;
            }
            n += 1;
        };
        if n > 1 {
            self.report.warn(
                &p.origin,
                None,
                format!(
                    "another imported post has the slug `{base}`; this one is `{}`",
                    p.slug
                ),
            );
        }
        let new_url = self.new_url(&p);
        let mut aliases = Vec::new();
        for a in std::mem::take(&mut p.aliases) {
            match alias_path(&a) {
                Ok(url) if url == new_url || aliases.contains(&url) => {}
                Ok(url) if self.urls.contains(&url) => self.report.warn(
                    &p.origin,
                    None,
                    format!("the old address {url} is also another imported post's; left out"),
                ),
                Ok(url) => aliases.push(url),
                Err(msg) => self.report.warn(
                    &p.origin,
                    None,
                    format!("the old address `{a}` cannot be kept as an alias: {msg}"),
                ),
            }
        }
        self.urls.extend(aliases.iter().cloned());
        self.urls.insert(new_url);
        self.report.aliases += aliases.len();
        let front = if p.page {
            self.report.pages += 1;
            serde_yaml::to_string(&PageFront {
                title: &p.title,
                slug: &p.slug,
                summary: p.summary.as_deref(),
                aliases: &aliases,
            })
        } else {
            self.report.articles += 1;
            if p.draft {
                self.report.drafts += 1;
            }
            if p.date.is_some_and(|d| d > chrono::Utc::now()) {
                self.report.scheduled += 1;
            }
            serde_yaml::to_string(&ArticleFront {
                title: &p.title,
                date: p
                    .date
                    .map(|d| rfc3339_or_day(&d, p.has_time))
                    .unwrap_or_default(),
                updated: p.updated.map(|d| d.to_rfc3339()),
                authors: &p.authors,
                category: p.category.as_deref(),
                tags: &p.tags,
                photo: p.photo.as_ref(),
                summary: p.summary.as_deref(),
                slug: &p.slug,
                aliases: &aliases,
                draft: p.draft,
            })
        }
        .expect("front matter of plain strings serializes");
        let body = p.body.trim();
        let text = format!("---\n{front}---\n{body}\n");
        self.plan.add(&rel, text.into_bytes());
    }

    pub fn add_author(&mut self, a: Author) {
        let slug = slugify(&a.slug);
        if slug.is_empty() || !self.authors.insert(slug.clone()) {
            return;
        }
        let mut m = serde_yaml::Mapping::new();
        m.insert("name".into(), a.name.clone().into());
        for (k, v) in [
            ("role", &a.role),
            ("avatar", &a.avatar),
            ("email", &a.email),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !v.trim().is_empty()) {
                m.insert(k.into(), v.clone().into());
            }
        }
        if !a.links.is_empty() {
            let mut links = serde_yaml::Mapping::new();
            for (k, v) in &a.links {
                links.insert(k.clone().into(), v.clone().into());
            }
            m.insert("links".into(), links.into());
        }
        let front = serde_yaml::to_string(&m).expect("strings serialize");
        let text = format!("---\n{front}---\n{}\n", a.bio.trim());
        self.plan
            .add(&format!("content/authors/{slug}.md"), text.into_bytes());
        self.report.authors += 1;
    }

    /// Copies a local file of the source to `content/<rel>`, once.
    pub fn copy_file(&mut self, rel: &str, from: &Path) {
        let dest = format!("content/{}", rel.trim_start_matches('/'));
        if !self.plan.contains(&dest) {
            self.plan.copy(&dest, from);
            self.report.images_copied += 1;
        }
    }

    /// A lead image at a remote URL: downloaded under `content/images/` with
    /// `--download-images` when it answers, otherwise kept as the URL.
    pub fn remote_image(&mut self, origin: &str, url: &str) -> String {
        if !self.args.download_images {
            self.report.images_remote += 1;
            self.report.warn(
                origin,
                None,
                format!("the image {url} is kept as a remote URL (--download-images copies it)"),
            );
            return url.to_string();
        }
        match download(url) {
            Ok(bytes) => {
                let name = url
                    .split(['?', '#'])
                    .next()
                    .unwrap_or(url)
                    .rsplit('/')
                    .next()
                    .unwrap_or("image");
                let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "jpg"));
                let hash = xxhash_rust::xxh3::xxh3_64(url.as_bytes());
                let file = format!(
                    "images/importees/{}-{:08x}.{}",
                    slugify(stem),
                    hash as u32,
                    slugify(ext)
                );
                let rel = format!("content/{file}");
                if !self.plan.contains(&rel) {
                    self.plan.add(&rel, bytes);
                    self.report.images_downloaded += 1;
                }
                format!("/{file}")
            }
            Err(e) => {
                self.report.images_remote += 1;
                self.report.warn(
                    origin,
                    None,
                    format!("cannot download the image {url} ({e}); kept as a remote URL"),
                );
                url.to_string()
            }
        }
    }

    pub fn missing_image(&mut self, origin: &str, line: Option<usize>, src: &str) {
        self.report.images_missing += 1;
        self.report.warn(
            origin,
            line,
            format!("the image {src} is not in the source; the article is imported without it"),
        );
    }
}

fn download(url: &str) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(20)))
        .build()
        .into();
    let mut resp = agent.get(url).call().map_err(|e| e.to_string())?;
    resp.body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_vec()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_posts_with_one_address_and_aliases_checked() {
        let args = ImportArgs {
            source: super::super::Source::Jekyll,
            input: "src".into(),
            into: "/nonexistent/site".into(),
            force: false,
            download_images: false,
        };
        let mut sink = Sink::new(&args, Target::open(&args.into).unwrap());
        let d = chrono::DateTime::parse_from_rfc3339("2024-03-12T07:30:00+01:00").unwrap();
        let post = |cat: &str, aliases: &[&str]| Post {
            origin: "x".into(),
            title: "Foire".into(),
            date: Some(d),
            slug: "foire".into(),
            category: Some(cat.into()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Post::default()
        };
        sink.add_post(post("Ville", &["/2024/03/foire/", "/vieux/foire.html"]));
        sink.add_post(post("Culture", &["/vieux/foire.html", "/%C3%A9t%C3%A9/"]));
        assert!(sink.plan.contains("content/ville/2024-03-12-foire.md"));
        assert!(sink.plan.contains("content/culture/2024-03-12-foire-2.md"));
        assert_eq!(sink.report.aliases, 1);
        assert_eq!(
            sink.report.warning_lines(),
            [
                "x: warning: another imported post has the slug `foire`; this one is `foire-2`",
                "x: warning: the old address /vieux/foire.html is also another imported post's; left out",
                "x: warning: the old address `/%C3%A9t%C3%A9/` cannot be kept as an alias: `%C3%A9t%C3%A9` is not a plain URL segment; write it as `c3-a9t-c3-a9`",
            ]
        );
    }
}
