//! `rotative new "Titre"`: starts an article as `content/<category>/<date>-<slug>.md`
//! (the layout of the demo site, whose file names give the slug) with a
//! filled front matter and `draft: true`, and prints its path.
//!
//! An author without a profile is an error (a misspelt slug would otherwise
//! create a ghost author page); a category no article uses yet is a warning,
//! since the first article of a new section is a normal thing to write.

use super::{AuthoringError, front_matter_date, now_in, quoted};
use crate::config::Config;
use crate::config::closest;
use crate::content::{self, Kind, SourceFile, frontmatter};
use crate::slug::slugify;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct NewOptions {
    pub root: PathBuf,
    pub title: String,
    pub authors: Vec<String>,
    pub category: Option<String>,
}

/// The file written, relative to the site root, and the warnings to print.
#[derive(Debug)]
pub struct Created {
    pub rel: PathBuf,
    pub warnings: Vec<String>,
}

/// Author profiles and categories the site already has, by slug.
#[derive(Default)]
struct Known {
    /// Slug → name.
    authors: BTreeMap<String, String>,
    /// Slug → the spelling of the first article (by path) that uses it.
    categories: BTreeMap<String, String>,
}

enum Found {
    Author(String, String),
    Category(String),
}

fn stem(content_rel: &str) -> &str {
    let name = content_rel.rsplit('/').next().unwrap_or(content_rel);
    name.strip_suffix(".markdown")
        .or_else(|| name.strip_suffix(".md"))
        .unwrap_or(name)
}

/// Reads only front matters (no Markdown), in parallel.
fn read_one(f: &SourceFile) -> Option<Found> {
    let text = content::read_text(f).ok()?;
    let split = frontmatter::split(&text).ok()?;
    let fm = frontmatter::parse(split.front?, split.front_line).ok()?;
    match f.kind {
        Kind::Author => {
            let name = fm.string("name").ok().flatten().unwrap_or_default();
            Some(Found::Author(slugify(stem(&f.content_rel)), name))
        }
        Kind::Article => fm.string("category").ok().flatten().map(Found::Category),
        _ => None,
    }
}

impl Known {
    fn scan(root: &Path) -> Known {
        let (files, _) = content::walk(root);
        let found: Vec<Found> = files
            .par_iter()
            .filter(|f| matches!(f.kind, Kind::Author | Kind::Article))
            .filter_map(read_one)
            .collect();
        let mut known = Known::default();
        for f in found {
            match f {
                Found::Author(slug, name) => {
                    known.authors.insert(slug, name);
                }
                Found::Category(name) => {
                    let name = name.trim().to_string();
                    known.categories.entry(slugify(&name)).or_insert(name);
                }
            }
        }
        known
    }

    /// The profile slug for a slug or a name, as bylines accept both.
    fn author(&self, given: &str) -> Result<String, AuthoringError> {
        let slug = slugify(given);
        if self.authors.contains_key(&slug) {
            return Ok(slug);
        }
        if let Some((s, _)) = self.authors.iter().find(|(_, n)| slugify(n) == slug) {
            return Ok(s.clone());
        }
        let slugs: Vec<&str> = self.authors.keys().map(String::as_str).collect();
        let hint = match closest(&slug, &slugs) {
            Some(c) => format!("did you mean `{c}`?"),
            None if slugs.is_empty() => "the site has no author profile yet".into(),
            None => format!("known authors: {}", slugs.join(", ")),
        };
        Err(AuthoringError::UnknownAuthor {
            given: given.to_string(),
            slug,
            hint,
        })
    }

    /// The category as the site spells it; a new one comes with a warning.
    fn category(&self, given: &str) -> (String, Option<String>) {
        let slug = slugify(given);
        if let Some(name) = self.categories.get(&slug) {
            return (name.clone(), None);
        }
        let slugs: Vec<&str> = self.categories.keys().map(String::as_str).collect();
        let hint = match closest(&slug, &slugs) {
            Some(c) => format!("; did you mean « {} »?", self.categories[c]),
            None => String::new(),
        };
        let warning = format!(
            "warning: no article uses the category « {given} » yet; it will be a new section{hint}"
        );
        (given.trim().to_string(), Some(warning))
    }
}

/// The new file's text: front matter, then a line to replace.
fn article_text(
    title: &str,
    date: &str,
    authors: &[String],
    category: Option<&str>,
    known: &Known,
) -> String {
    let mut s = format!("---\ntitle: {}\ndate: {date}\n", quoted(title));
    match authors {
        [] => {
            let slugs: Vec<&str> = known.authors.keys().map(String::as_str).collect();
            s.push_str("# author: slug-de-l-auteur");
            if !slugs.is_empty() {
                s.push_str(&format!("   # fiches : {}", slugs.join(", ")));
            }
            s.push('\n');
        }
        [one] => s.push_str(&format!("author: {one}\n")),
        many => s.push_str(&format!("authors: [{}]\n", many.join(", "))),
    }
    match category {
        Some(c) => s.push_str(&format!("category: {}\n", quoted(c))),
        None => {
            let names: Vec<&str> = known.categories.values().map(String::as_str).collect();
            s.push_str("# category: Rubrique");
            if !names.is_empty() {
                s.push_str(&format!("   # rubriques : {}", names.join(", ")));
            }
            s.push('\n');
        }
    }
    s.push_str(concat!(
        "tags: []\n",
        "# summary: \"Une ou deux phrases pour les listes et les réseaux sociaux (200 caractères au plus).\"\n",
        "# photo:\n",
        "#   src: /images/photo.jpg\n",
        "#   alt: \"Ce que montre la photo\"\n",
        "#   caption: \"La légende\"\n",
        "#   credit: \"Prénom Nom / Agence\"\n",
        "draft: true\n",
        "---\n",
        "Le texte de l'article commence ici.\n",
    ));
    s
}

/// Creates the article; never replaces an existing file.
pub fn create(opts: &NewOptions) -> Result<Created, AuthoringError> {
    let config = Config::load(&opts.root)?;
    let title = opts.title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(AuthoringError::NoSlug(title.to_string()));
    }
    let known = Known::scan(&opts.root);
    let authors = opts
        .authors
        .iter()
        .map(|a| known.author(a))
        .collect::<Result<Vec<_>, _>>()?;
    let mut warnings = Vec::new();
    let category = opts
        .category
        .as_deref()
        .filter(|c| !slugify(c).is_empty())
        .map(|c| {
            let (name, warning) = known.category(c);
            warnings.extend(warning);
            name
        });
    let now = now_in(config.tz);
    let day = now.format("%Y-%m-%d");
    let rel = match &category {
        Some(c) => PathBuf::from(format!("content/{}/{day}-{slug}.md", slugify(c))),
        None => {
            warnings.push("warning: no --category given; the article is written directly under content/ and has no section until you set `category`".into());
            PathBuf::from(format!("content/{day}-{slug}.md"))
        }
    };
    let text = article_text(
        title,
        &front_matter_date(&now),
        &authors,
        category.as_deref(),
        &known,
    );
    write_new(&opts.root.join(&rel), &rel, &text)?;
    Ok(Created { rel, warnings })
}

fn write_new(path: &Path, rel: &Path, text: &str) -> Result<(), AuthoringError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(AuthoringError::io(format!(
            "cannot create {}",
            dir.display()
        )))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => AuthoringError::Exists(rel.to_path_buf()),
            _ => AuthoringError::io(format!("cannot create {}", rel.display()))(e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(AuthoringError::io(format!(
            "cannot write {}",
            rel.display()
        )))
}
