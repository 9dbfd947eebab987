//! The parse cache: every file under `content/`, parsed once and re-parsed
//! only when it changes, so a preview rebuild costs one parse, not thousands.

use crate::content::{self, Kind, ParseOptions, SourceFile};
use crate::error::Diagnostic;
use crate::model::shortcode::Shortcode;
use crate::model::{Article, AuthorProfile, Page, Photo};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

#[derive(Clone)]
pub enum Parsed {
    Article(Arc<Article>),
    Author(Arc<AuthorProfile>),
    Page(Arc<Page>),
}

#[derive(Clone)]
struct Entry {
    file: SourceFile,
    parsed: Option<Parsed>,
    diags: Vec<Diagnostic>,
    /// An image's width and height, read on first use and kept until the file changes.
    size: OnceLock<Option<(u32, u32)>>,
}

/// Width and height from an image file's header (JPEG, PNG, GIF, WebP, AVIF);
/// `None` when the file is not an image it can read.
fn image_size(path: &Path) -> Option<(u32, u32)> {
    let s = imagesize::size(path).ok()?;
    Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?))
}

#[derive(Clone, Default)]
pub struct Sources {
    /// By path relative to the site root; sorted, so every walk over it is stable.
    entries: BTreeMap<PathBuf, Entry>,
    walk_diags: Vec<Diagnostic>,
}

fn parse(file: &SourceFile, opts: &ParseOptions) -> (Option<Parsed>, Vec<Diagnostic>) {
    if file.kind == Kind::Asset {
        return (None, Vec::new());
    }
    let text = match content::read_text(file) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    match file.kind {
        Kind::Author => {
            let (a, d) = content::parse_author(file, &text, opts);
            (a.map(|a| Parsed::Author(Arc::new(a))), d)
        }
        Kind::Page => {
            let (p, d) = content::parse_page(file, &text, opts);
            (p.map(|p| Parsed::Page(Arc::new(p))), d)
        }
        _ => {
            let (a, d) = content::parse_article(file, &text, opts);
            (a.map(|a| Parsed::Article(Arc::new(a))), d)
        }
    }
}

impl Sources {
    /// Walks `content/` and parses every Markdown file, in parallel.
    pub fn scan(root: &Path, opts: &ParseOptions) -> Sources {
        let mut s = Sources::default();
        s.refresh(root, opts, None);
        s
    }

    /// Walks `content/` again and re-parses the files in `changed` (absolute
    /// paths) and any file not seen before; files gone from disk are dropped.
    /// `None` re-parses everything. Returns the relative paths that were parsed
    /// or dropped.
    pub fn refresh(
        &mut self,
        root: &Path,
        opts: &ParseOptions,
        changed: Option<&HashSet<PathBuf>>,
    ) -> Vec<PathBuf> {
        let with_dependents = changed.map(|c| self.with_dependents(c));
        let changed = with_dependents.as_ref();
        if let Some(changed) = changed
            && let Some(touched) = self.refresh_files(root, opts, changed)
        {
            return touched;
        }
        let (files, walk_diags) = content::walk(root);
        self.walk_diags = walk_diags;
        let mut old = std::mem::take(&mut self.entries);
        let mut touched = Vec::new();
        let to_parse: Vec<SourceFile> = files
            .into_iter()
            .filter_map(|f| match old.remove(&f.rel) {
                Some(e)
                    if changed.is_some_and(|c| !c.contains(&f.path)) && e.file.kind == f.kind =>
                {
                    self.entries.insert(f.rel.clone(), e);
                    None
                }
                _ => Some(f),
            })
            .collect();
        touched.extend(old.into_keys());
        self.parse_into(to_parse, opts, &mut touched);
        touched
    }

    /// `changed` plus the articles and pages that use a changed file as a
    /// photo (lead or body) or play it (a video, a sound), and, when any
    /// non-Markdown file changed, those that failed (a file they lacked may
    /// have just arrived).
    fn with_dependents(&self, changed: &HashSet<PathBuf>) -> HashSet<PathBuf> {
        let mut all = changed.clone();
        let is_md = |p: &PathBuf| p.extension().is_some_and(|e| e == "md" || e == "markdown");
        if changed.iter().all(is_md) {
            return all;
        }
        let shows = |p: &Photo| p.image.as_ref().is_some_and(|i| changed.contains(&i.file));
        // A video or sound of the site, named by its URL.
        let plays = |calls: &[Shortcode]| {
            calls.iter().filter_map(|s| s.local.as_deref()).any(|url| {
                let rel = Path::new("content").join(url.trim_start_matches('/'));
                changed.iter().any(|c| c.ends_with(&rel))
            })
        };
        for e in self.entries.values() {
            let depends = match &e.parsed {
                // Kept despite an error (a body photo it lacks).
                Some(Parsed::Article(_) | Parsed::Page(_))
                    if e.diags.iter().any(Diagnostic::is_error) =>
                {
                    true
                }
                Some(Parsed::Article(a)) => a.photos().any(shows) || plays(&a.shortcodes),
                Some(Parsed::Page(p)) => p.photos().any(shows) || plays(&p.shortcodes),
                None => e.file.kind == Kind::Article,
                _ => false,
            };
            if depends {
                all.insert(e.file.path.clone());
            }
        }
        all
    }

    /// Applies changes to plain files without walking the whole folder: a
    /// save in a 10,000-article site then costs one parse. `None` when a change
    /// is a folder, a link or anything else the walk must judge.
    fn refresh_files(
        &mut self,
        root: &Path,
        opts: &ParseOptions,
        changed: &HashSet<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        let content = root.join("content");
        let mut updates = Vec::new();
        let mut removed = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            match std::fs::symlink_metadata(path) {
                Err(_) => removed.push(rel),
                Ok(m) if m.file_type().is_file() => match content::source_file(root, path) {
                    Some(f) => updates.push(f),
                    // An editor's temporary file: not content.
                    None if path.starts_with(&content) => {}
                    None => return None,
                },
                Ok(_) => return None,
            }
        }
        // A removed folder leaves entries under it: let the walk find them.
        // (Paths sort component by component, so a folder's files follow it.)
        let folder_gone = removed.iter().any(|r| {
            !self.entries.contains_key(r)
                && self
                    .entries
                    .range(r.clone()..)
                    .next()
                    .is_some_and(|(k, _)| k.starts_with(r))
        });
        if folder_gone {
            return None;
        }
        let mut touched: Vec<PathBuf> = removed
            .into_iter()
            .filter(|r| self.entries.remove(r).is_some())
            .collect();
        self.parse_into(updates, opts, &mut touched);
        Some(touched)
    }

    /// Parses `files` in parallel into the cache and adds them to `touched` (sorted).
    fn parse_into(
        &mut self,
        files: Vec<SourceFile>,
        opts: &ParseOptions,
        touched: &mut Vec<PathBuf>,
    ) {
        let parsed: Vec<Entry> = files
            .into_par_iter()
            .map(|file| {
                let (parsed, diags) = parse(&file, opts);
                Entry {
                    file,
                    parsed,
                    diags,
                    size: OnceLock::new(),
                }
            })
            .collect();
        touched.extend(parsed.iter().map(|e| e.file.rel.clone()));
        if self.entries.is_empty() {
            // A first parse: the map is built in bulk (one sort) rather than
            // by one search per file; comparing paths component by component
            // was 1 % of a build.
            self.entries = parsed
                .into_iter()
                .map(|e| (e.file.rel.clone(), e))
                .collect();
        } else {
            for e in parsed {
                self.entries.insert(e.file.rel.clone(), e);
            }
        }
        touched.sort();
    }

    /// The parse result of one file, by path relative to the site root.
    pub fn get(&self, rel: &Path) -> Option<&Parsed> {
        self.entries.get(rel).and_then(|e| e.parsed.as_ref())
    }

    /// The problems found in one file.
    pub fn diagnostics_of(&self, rel: &Path) -> &[Diagnostic] {
        self.entries.get(rel).map_or(&[], |e| e.diags.as_slice())
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.walk_diags
            .iter()
            .chain(self.entries.values().flat_map(|e| e.diags.iter()))
    }

    pub fn parsed(&self) -> impl Iterator<Item = &Parsed> {
        self.entries.values().filter_map(|e| e.parsed.as_ref())
    }

    /// Width and height of the image a site path (`/images/x.jpg`) serves,
    /// when it is a file under `content/`; remote URLs and other files give `None`.
    pub fn image_size(&self, src: &str) -> Option<(u32, u32)> {
        let path = src.split(['?', '#']).next()?;
        if !path.starts_with('/') || path.starts_with("//") {
            return None;
        }
        let path = percent_encoding::percent_decode_str(path)
            .decode_utf8()
            .ok()?;
        let e = self
            .entries
            .get(&Path::new("content").join(path.trim_start_matches('/')))?;
        if e.file.kind != Kind::Asset {
            return None;
        }
        *e.size.get_or_init(|| image_size(&e.file.path))
    }

    /// Files copied as they are: path relative to `content/` → absolute source.
    pub fn assets(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.entries
            .values()
            .filter(|e| e.file.kind == Kind::Asset)
            .map(|e| (e.file.content_rel.as_str(), e.file.path.as_path()))
    }
}
