//! Aliases: the old URLs of articles and pages (`aliases:` in front matter),
//! gathered from the model and checked against every other URL of the site.

use crate::error::Diagnostic;
use crate::model::{Article, Page};
use crate::render::Job;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// What an alias leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Article(usize),
    Page(usize),
}

/// One old URL, and where it was written (for messages).
#[derive(Debug, Clone)]
pub struct Alias {
    /// A site path: `/ancien/chemin/` or `/vieux.html`.
    pub url: String,
    pub target: Target,
    pub source: PathBuf,
    pub line: Option<usize>,
}

/// Every alias of the published articles and of the pages, sorted by URL
/// (then file), so that redirect pages and `_redirects` come out in one order.
pub fn gather(articles: &[Arc<Article>], pages: &[Arc<Page>]) -> Vec<Alias> {
    let of_articles = articles.iter().enumerate().flat_map(|(i, a)| {
        a.aliases
            .iter()
            .map(move |u| (u, Target::Article(i), &a.source, a.aliases_line))
    });
    let of_pages = pages.iter().enumerate().flat_map(|(i, p)| {
        p.aliases
            .iter()
            .map(move |u| (u, Target::Page(i), &p.source, p.aliases_line))
    });
    let mut all: Vec<Alias> = of_articles
        .chain(of_pages)
        .map(|(url, target, source, line)| Alias {
            url: url.clone(),
            target,
            source: source.clone(),
            line,
        })
        .collect();
    all.sort_by(|a, b| a.url.cmp(&b.url).then_with(|| a.source.cmp(&b.source)));
    all
}

/// An alias that is the URL of an article or a page, or the alias of another
/// file, would overwrite it: an error on the alias's line naming both files.
/// `seen` maps the lowercased URL of every article and page to its file
/// (lowercased because some file systems do not tell `A/` from `a/`).
pub fn collisions(aliases: &[Alias], seen: &HashMap<String, &PathBuf>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut taken: HashMap<String, &PathBuf> = HashMap::new();
    for a in aliases {
        let key = a.url.to_lowercase();
        let message = if let Some(owner) = seen.get(&key) {
            if **owner == a.source {
                format!(
                    "alias `{}` is the own URL of this file; remove it from `aliases`",
                    a.url
                )
            } else {
                format!(
                    "alias `{}` is the URL of {}; remove it from `aliases` or change that file's `slug`",
                    a.url,
                    owner.display()
                )
            }
        } else if let Some(other) = taken.get(&key) {
            if **other == a.source {
                continue;
            }
            format!(
                "alias `{}` is also an alias of {}; keep it in one file only",
                a.url,
                other.display()
            )
        } else {
            taken.insert(key, &a.source);
            continue;
        };
        diags.push(Diagnostic::error(&a.source, a.line, message));
    }
    diags
}

/// A redirect page where the site writes another page (a listing, a feed,
/// `sitemap.xml`…) or copies a file would replace it: an error on the alias's
/// line. (Articles and pages were checked in the model, naming their files.)
pub fn output_collisions<'a>(
    aliases: &[Alias],
    plan: &'a [(Job, String)],
    assets: impl Iterator<Item = &'a String>,
) -> Vec<Diagnostic> {
    if aliases.is_empty() {
        return Vec::new();
    }
    // Lowercased, since some file systems do not tell `A` from `a`.
    let files: HashMap<String, &str> = plan
        .iter()
        .filter(|(j, _)| !matches!(j, Job::Redirect(_)))
        .map(|(_, p)| p)
        .chain(assets)
        .map(|p| (p.to_lowercase(), p.as_str()))
        .collect();
    // A file cannot be written where the site has a folder, nor inside a
    // path the site writes as a file.
    let folders: HashMap<String, &str> = files
        .values()
        .flat_map(|f| ancestors(f))
        .map(|d| (d.to_lowercase(), d))
        .collect();
    let mut diags = Vec::new();
    for (job, path) in plan {
        let Job::Redirect(k) = job else { continue };
        let lower = path.to_lowercase();
        let clash = files
            .get(&lower)
            .or_else(|| folders.get(&lower))
            .or_else(|| ancestors(&lower).find_map(|a| files.get(a)));
        if let Some(clash) = clash {
            let a = &aliases[*k];
            diags.push(Diagnostic::error(
                &a.source,
                a.line,
                format!(
                    "alias `{}` would replace `{clash}`, which the site already has; remove it from `aliases`",
                    a.url
                ),
            ));
        }
    }
    diags
}

/// The folders a relative output path sits in: `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}
