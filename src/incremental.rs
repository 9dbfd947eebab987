//! In-memory builds kept up to date while previewing: a batch of file changes
//! re-parses only the files that changed and re-renders only the pages whose
//! inputs changed (see `render::signature`). The pages always equal what a
//! full `rotative build` of the same files would write.

use crate::config::Config;
use crate::content::is_ignored_name;
use crate::error::{BuildError, Diagnostic};
use crate::render::signature::Fingerprints;
use crate::render::{Renderer, Theme};
use crate::site::{LoadOptions, Site, load_config};
use crate::sources::Sources;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a batch of file events touched, which decides what gets rebuilt.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub config: bool,
    pub templates: bool,
    /// Theme static files: served from disk, so nothing to render.
    pub statics: Vec<PathBuf>,
    /// Files under `content/` (absolute paths), including deleted ones.
    pub content: HashSet<PathBuf>,
}

impl ChangeSet {
    /// Sorts changed paths by what they affect. Editors' temporary and backup
    /// files (`.x.swp`, `x~`, `4913`, `.#x`…) are not part of the site and are dropped.
    pub fn classify(
        root: &Path,
        theme: &str,
        paths: impl IntoIterator<Item = PathBuf>,
    ) -> ChangeSet {
        let mut c = ChangeSet::default();
        let theme_dir = root.join("themes").join(theme);
        for p in paths {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if is_ignored_name(&name) {
                continue;
            }
            if p == root.join("site.toml") {
                c.config = true;
            } else if p.starts_with(theme_dir.join("templates")) {
                c.templates = true;
            } else if p.starts_with(theme_dir.join("static")) {
                if !c.statics.contains(&p) {
                    c.statics.push(p);
                }
            } else if p.starts_with(root.join("content")) {
                c.content.insert(p);
            }
        }
        c.statics.sort();
        c
    }

    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && self.statics.is_empty() && self.content.is_empty()
    }

    /// Only stylesheets changed: the browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.config
            && !self.templates
            && self.content.is_empty()
            && !self.statics.is_empty()
            && self
                .statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"))
    }

    /// A short description for the rebuild line: `content/a.md`, `3 files`…
    pub fn describe(&self, root: &Path) -> String {
        let mut parts = Vec::new();
        if self.config {
            parts.push("site.toml".to_string());
        }
        if self.templates {
            parts.push("templates".to_string());
        }
        // Editors' temporary files are gone by now; name only real files.
        let files: Vec<&PathBuf> = self
            .content
            .iter()
            .filter(|p| p.exists() || p.extension().is_some_and(|e| e == "md" || e == "markdown"))
            .chain(&self.statics)
            .collect();
        match files.as_slice() {
            [] => {}
            [one] => parts.push(one.strip_prefix(root).unwrap_or(one).display().to_string()),
            many => parts.push(format!("{} files", many.len())),
        }
        parts.join(", ")
    }
}

/// The outcome of one rebuild, for the one line printed per rebuild.
#[derive(Debug)]
pub struct Rebuild {
    pub rendered: usize,
    pub removed: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

pub struct Incremental {
    root: PathBuf,
    opts: LoadOptions,
    config: Arc<Config>,
    theme: Arc<Theme>,
    sources: Sources,
    site: Site,
    signatures: HashMap<String, u64>,
    /// Serialized article summaries by fingerprint, reused across rebuilds.
    summaries: HashMap<u64, Value>,
    pages: HashMap<String, Arc<Vec<u8>>>,
}

impl Incremental {
    /// A full build into memory.
    pub fn new(root: &Path, opts: LoadOptions) -> Result<(Incremental, Rebuild), BuildError> {
        let start = Instant::now();
        let config = Arc::new(load_config(root)?);
        let theme = Arc::new(Theme::load(root, &config.theme).map_err(BuildError::Fatal)?);
        let sources = Sources::scan(root, config.tz);
        let site = Site::assemble(root, config.clone(), theme.clone(), &sources, &opts)?;
        let mut inc = Incremental {
            root: root.to_path_buf(),
            opts,
            config,
            theme,
            sources,
            site,
            signatures: HashMap::new(),
            summaries: HashMap::new(),
            pages: HashMap::new(),
        };
        let (rendered, removed) = inc.render(None)?;
        let warnings = inc.site.diagnostics.warnings().cloned().collect();
        Ok((
            inc,
            Rebuild {
                rendered,
                removed,
                elapsed: start.elapsed(),
                warnings,
            },
        ))
    }

    pub fn theme_name(&self) -> String {
        self.config.theme.clone()
    }

    /// Applies a batch of changes. On error the previous pages stay as they
    /// were, so the preview keeps serving the last good site.
    pub fn apply(&mut self, change: &ChangeSet) -> Result<Rebuild, BuildError> {
        let start = Instant::now();
        // The parse cache follows the disk even if the rest fails below, so
        // that fixing one file later does not lose another file's change.
        self.sources
            .refresh(&self.root, self.config.tz, Some(&change.content));
        let mut config = self.config.clone();
        let mut theme = self.theme.clone();
        if change.config {
            config = Arc::new(load_config(&self.root)?);
            if config.tz != self.config.tz {
                // Dates without an offset depend on the zone: parse all again.
                self.sources.refresh(&self.root, config.tz, None);
            }
        }
        if change.config || change.templates {
            theme = Arc::new(Theme::load(&self.root, &config.theme).map_err(BuildError::Fatal)?);
        }
        let site = Site::assemble(
            &self.root,
            config.clone(),
            theme.clone(),
            &self.sources,
            &self.opts,
        )?;
        let previous = std::mem::replace(&mut self.site, site);
        match self.render(Some(change)) {
            Ok((rendered, removed)) => {
                self.config = config;
                self.theme = theme;
                let warnings = self
                    .site
                    .diagnostics
                    .warnings()
                    .filter(|d| change.content.contains(&self.root.join(&d.path)))
                    .cloned()
                    .collect();
                Ok(Rebuild {
                    rendered,
                    removed,
                    elapsed: start.elapsed(),
                    warnings,
                })
            }
            Err(e) => {
                self.site = previous;
                Err(e)
            }
        }
    }

    /// Renders the pages of `self.site` whose fingerprint changed.
    fn render(&mut self, change: Option<&ChangeSet>) -> Result<(usize, usize), BuildError> {
        let site = &self.site;
        let renderer = site.renderer();
        let plan = site.plan(&renderer)?;
        let fp = Fingerprints::compute(&renderer);
        let n = site.model.articles.len();
        for i in 0..n {
            if let Some(v) = self.summaries.get(&fp.summary(i)) {
                renderer.seed_summary(i, v.clone());
            }
        }
        let closures = &site.theme.closures;
        let signatures: HashMap<String, u64> = plan
            .iter()
            .map(|(job, path)| {
                let t = Renderer::template(*job)
                    .and_then(|t| closures.get(t))
                    .copied()
                    .unwrap_or(0);
                (path.clone(), fp.job(&renderer, *job, t))
            })
            .collect();
        let todo: Vec<_> = plan
            .iter()
            .filter(|(_, path)| {
                change.is_none() || self.signatures.get(path) != signatures.get(path)
            })
            .cloned()
            .collect();
        let out = Mutex::new(Vec::with_capacity(todo.len()));
        let emit = |path: &str, bytes: Vec<u8>| {
            out.lock()
                .expect("no panic while holding the lock")
                .push((path.to_string(), bytes));
            Ok(())
        };
        site.render_jobs(&renderer, &todo, emit, &indicatif::ProgressBar::hidden())?;

        let before = self.pages.len();
        self.pages.retain(|p, _| signatures.contains_key(p));
        let removed = before - self.pages.len();
        let out = out.into_inner().expect("no panic while holding the lock");
        let rendered = out.len();
        for (path, bytes) in out {
            self.pages.insert(path, Arc::new(bytes));
        }
        let mut cache = HashMap::with_capacity(n);
        for i in 0..n {
            let key = fp.summary(i);
            if let Some(v) = self.summaries.remove(&key) {
                cache.insert(key, v);
            }
        }
        for (i, v) in renderer.computed_summaries() {
            cache.entry(fp.summary(i)).or_insert_with(|| v.clone());
        }
        self.summaries = cache;
        self.signatures = signatures;
        Ok((rendered, removed))
    }

    /// A generated page by output path (`2025/03/x/index.html`).
    pub fn page(&self, rel: &str) -> Option<Arc<Vec<u8>>> {
        self.pages.get(rel).cloned()
    }

    /// A copied file by output path: its source on disk.
    pub fn asset(&self, rel: &str) -> Option<&Path> {
        self.site.assets.get(rel).map(PathBuf::as_path)
    }

    /// Every output path with its bytes (copied files read from disk), for
    /// comparing with a full build.
    pub fn snapshot(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut all: std::collections::BTreeMap<String, Vec<u8>> = self
            .pages
            .iter()
            .map(|(k, v)| (k.clone(), v.as_ref().clone()))
            .collect();
        for (rel, src) in &self.site.assets {
            all.insert(rel.clone(), std::fs::read(src).unwrap_or_default());
        }
        all
    }
}
