//! `rotative init DIR`: a new publication that builds and serves at once —
//! `site.toml` with comments, one example article, its author's profile, and
//! the « À propos » and « Mentions légales » pages the default theme links to.
//! The theme is the one built into the binary; with `--theme` it is copied to
//! `themes/default` for customizing.

use super::{AuthoringError, front_matter_date, now_in};
use crate::render::embedded;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct InitOptions {
    pub dir: PathBuf,
    pub theme: bool,
}

const SITE: &str = include_str!("skeleton/site.toml");
const ARTICLE: &str = include_str!("skeleton/article.md");
const AUTHOR: &str = include_str!("skeleton/author.md");
const PAGE: &str = include_str!("skeleton/page.md");
const LEGAL: &str = include_str!("skeleton/mentions-legales.md");

/// A title from the folder name (`le-petit-journal` → « Le petit journal »),
/// kept to characters that need no quoting in TOML, YAML or Markdown.
fn title_from(dir: &Path) -> String {
    let name = dir
        .canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: String = name
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '\'')
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Mon journal".into(),
    }
}

/// Refuses anything but a missing or empty folder.
fn check_empty(dir: &Path) -> Result<(), AuthoringError> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(AuthoringError::NotAFolder(dir.to_path_buf()));
    }
    let mut entries = std::fs::read_dir(dir)
        .map_err(AuthoringError::io(format!("cannot read {}", dir.display())))?;
    if entries.next().is_some() {
        return Err(AuthoringError::NotEmpty(dir.to_path_buf()));
    }
    Ok(())
}

/// The files of a new publication, relative to its folder, with their text.
fn skeleton(title: &str) -> Vec<(String, String)> {
    let now = now_in(chrono_tz::Europe::Paris);
    let fill = |s: &str| {
        s.replace("{{title}}", title)
            .replace("{{date}}", &front_matter_date(&now))
    };
    vec![
        ("site.toml".into(), fill(SITE)),
        (".gitignore".into(), "/public/\n".into()),
        ("content/authors/redaction.md".into(), fill(AUTHOR)),
        // The default theme links to both pages from its footer.
        ("content/pages/a-propos.md".into(), fill(PAGE)),
        ("content/pages/mentions-legales.md".into(), fill(LEGAL)),
        (
            format!("content/actualite/{}-bienvenue.md", now.format("%Y-%m-%d")),
            fill(ARTICLE),
        ),
    ]
}

/// Creates the publication; returns the files written, relative to `dir`.
pub fn create(opts: &InitOptions) -> Result<Vec<String>, AuthoringError> {
    check_empty(&opts.dir)?;
    let mut written = Vec::new();
    for (rel, text) in skeleton(&title_from(&opts.dir)) {
        let path = opts.dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(AuthoringError::io(format!(
                "cannot create {}",
                parent.display()
            )))?;
        }
        std::fs::write(&path, text).map_err(AuthoringError::io(format!(
            "cannot write {}",
            path.display()
        )))?;
        written.push(rel);
    }
    if opts.theme {
        let theme = opts.dir.join("themes").join(embedded::NAME);
        embedded::write_to(&theme).map_err(AuthoringError::io(format!(
            "cannot copy the theme to {}",
            theme.display()
        )))?;
        written.push(format!(
            "themes/{}/ ({} files)",
            embedded::NAME,
            embedded::files().len()
        ));
    }
    Ok(written)
}
