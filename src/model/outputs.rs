//! Where the site's outputs go, and every rule about two of them meeting: the
//! URL segments and file names the site keeps for itself, sources sharing a
//! URL, aliases taking another page's place, copied files overwriting
//! generated pages. The checks work on plain paths.

use super::{Alias, Model};
use crate::config::Config;
use crate::error::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The URL segment of a listing's later pages: `/page/2/`.
pub const PAGINATION: &str = "page";

/// Files at the root of the output that the site writes itself.
pub const SITE_FILES: &[&str] = &[
    "atom.xml",
    "rss.xml",
    "sitemap.xml",
    "robots.txt",
    "404.html",
    "news-sitemap.xml",
    "_redirects",
    QUERY_REDIRECTS,
];

/// Old addresses with a query and where they lead, read by the home page.
pub const QUERY_REDIRECTS: &str = "query-redirects.json";

/// One output path the renderer plans, and the alias it redirects from, if
/// it is a redirect page.
#[derive(Debug, Clone, Copy)]
pub struct Output<'a> {
    pub path: &'a str,
    pub alias: Option<usize>,
}

/// Two sources with one URL would silently overwrite each other, and a page
/// named like a listing folder would hide it: both are errors naming the files.
pub fn url_collisions(model: &Model, config: &Config) -> Vec<Diagnostic> {
    let mut reserved = vec![
        PAGINATION,
        config.paths.authors.as_str(),
        config.paths.tags.as_str(),
        config.paths.categories.as_str(),
    ];
    reserved.extend(SITE_FILES);
    let search = config.search.enabled.then_some(config.search.path.as_str());
    let mut seen: HashMap<String, &PathBuf> = HashMap::new();
    let mut diags = Vec::new();
    let pages = model.pages.iter().map(|p| (p.url(), &p.source));
    let articles = model
        .articles
        .iter()
        .zip(&model.links)
        .map(|(a, l)| (l.url.clone(), &a.source));
    // The date archives' first pages (`/2025/`, `/2025/03/`), when at the root.
    let archive_base = if config.archives.path.is_empty() {
        "/".to_string()
    } else {
        format!("/{}/", config.archives.path)
    };
    let archives: HashSet<String> = model
        .archives
        .iter()
        .flat_map(|y| {
            let year = format!("{archive_base}{:04}/", y.year);
            let months: Vec<String> = y
                .months
                .iter()
                .map(|m| format!("{year}{:02}/", m.month))
                .collect();
            std::iter::once(year).chain(months)
        })
        .collect();
    for (url, source) in pages.chain(articles) {
        if archives.contains(&url.to_lowercase()) {
            diags.push(Diagnostic::error(
                source,
                None,
                format!("its URL `{url}` is a date archive's page; choose another `slug`"),
            ));
            continue;
        }
        let first = url.trim_start_matches('/').split('/').next().unwrap_or("");
        if url == "/" || reserved.contains(&first) || search == Some(first) {
            diags.push(Diagnostic::error(
                source,
                None,
                format!(
                    "its URL `{url}` is reserved for the site's own pages; choose another `slug`"
                ),
            ));
            continue;
        }
        match seen.get(&url.to_lowercase()) {
            Some(other) => {
                let (first, second) = if *other < source {
                    (*other, source)
                } else {
                    (source, *other)
                };
                diags.push(Diagnostic::error(
                    second,
                    None,
                    format!(
                        "{} and {} both map to `{url}`; give one of them another `slug`",
                        first.display(),
                        second.display()
                    ),
                ))
            }
            None => {
                seen.insert(url.to_lowercase(), source);
            }
        }
    }
    diags.extend(alias_collisions(&model.aliases, &seen));
    diags
}

/// An alias that is the URL of an article or a page, or the alias of another
/// file, would overwrite it: an error on the alias's line naming both files.
/// `seen` maps the lowercased URL of every article and page to its file
/// (lowercased because some file systems do not tell `A/` from `a/`).
fn alias_collisions(aliases: &[Alias], seen: &HashMap<String, &PathBuf>) -> Vec<Diagnostic> {
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
fn redirect_collisions(aliases: &[Alias], outputs: &[Output], assets: &[&str]) -> Vec<Diagnostic> {
    if aliases.is_empty() {
        return Vec::new();
    }
    // Lowercased, since some file systems do not tell `A` from `a`.
    let files: HashMap<String, &str> = outputs
        .iter()
        .filter(|o| o.alias.is_none())
        .map(|o| o.path)
        .chain(assets.iter().copied())
        .map(|p| (p.to_lowercase(), p))
        .collect();
    // A file cannot be written where the site has a folder, nor inside a
    // path the site writes as a file.
    let folders: HashMap<String, &str> = files
        .values()
        .flat_map(|f| ancestors(f))
        .map(|d| (d.to_lowercase(), d))
        .collect();
    let mut diags = Vec::new();
    for o in outputs {
        let Some(k) = o.alias else { continue };
        let lower = o.path.to_lowercase();
        let clash = files
            .get(&lower)
            .or_else(|| folders.get(&lower))
            .or_else(|| ancestors(&lower).find_map(|a| files.get(a)));
        if let Some(clash) = clash {
            let a = &aliases[k];
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

/// Every way two outputs of a rendered site would overwrite each other: a
/// redirect page on another output or copied file, a copied file (from
/// `content/` or the theme) where a page is generated. Copied files are
/// output path → source; `embedded` are the built-in theme's static files.
pub fn file_collisions(
    root: &Path,
    theme: &str,
    model: &Model,
    outputs: &[Output],
    assets: &BTreeMap<String, PathBuf>,
    embedded: &[&str],
) -> Vec<Diagnostic> {
    let asset_paths: Vec<&str> = assets.keys().map(String::as_str).collect();
    let mut diags = redirect_collisions(&model.aliases, outputs, &asset_paths);
    // Redirect pages were checked on their own, to blame the alias.
    let generated: HashSet<&str> = outputs
        .iter()
        .filter(|o| o.alias.is_none())
        .map(|o| o.path)
        .collect();
    for (rel, src) in assets {
        if generated.contains(rel.as_str()) {
            let shown = src.strip_prefix(root).unwrap_or(src);
            diags.push(Diagnostic::error(
                shown,
                None,
                format!("this file would overwrite the generated page `{rel}`; rename or move it"),
            ));
        }
    }
    for rel in embedded {
        if generated.contains(rel) {
            diags.push(Diagnostic::error(
                format!("themes/{theme}/static/{rel}"),
                None,
                format!("this file of the built-in theme would overwrite the generated page `{rel}`; rename the page"),
            ));
        }
    }
    diags
}
