//! The preview's site: built once into memory through the same pipeline as
//! `build`, then kept up to date. A batch of file changes re-parses only the
//! files that changed and re-renders only the pages whose inputs changed
//! (`signature`). The pages always equal what a full `rotative build` of the
//! same files would write.

mod change;
mod dependents;
mod signature;

pub use change::ChangeSet;

use crate::config::Config;
use crate::content::ParseOptions;
use crate::content::sources::{Parsed, Sources};
use crate::error::{BuildError, Diagnostic};
use crate::model::Article;
use crate::output::Memory;
use crate::render::{Job, Theme};
use crate::site::{Inputs, LoadOptions, Site, parse_options};
use crate::timing::step as timing;
use dependents::{Dependents, Lookup};
use signature::Fingerprints;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    parse: ParseOptions,
    sources: Sources,
    site: Site,
    /// Each output's signature at the last render, by path.
    signatures: HashMap<String, u64>,
    /// What the last render planned and signed with, reused while the site
    /// keeps its shape. Taken by a render, put back when it succeeds.
    last: Option<Signed>,
    /// The last change failed: the files on disk are not the site in memory,
    /// so the next change must assemble everything again.
    failed: bool,
    pages: HashMap<String, Arc<Vec<u8>>>,
    search_cache: crate::render::search::EntryCache,
    /// Articles by source and card targets of `site`'s model.
    lookup: Lookup,
}

/// A render's jobs and what signed them: an in-place swap updates the
/// swapped articles' fingerprints and re-signs only the jobs that read them.
struct Signed {
    plan: Vec<(Job, String)>,
    /// The signatures in the order of `plan`, compared by position.
    sigs: Vec<u64>,
    fp: Fingerprints,
    deps: Dependents,
}

/// Articles swapped in place, for the render that follows.
struct Swap {
    /// Swapped, or whose « En direct » state moved with the time.
    articles: Vec<usize>,
    /// An update date moved, so the sitemap may have.
    sitemap_moved: bool,
}

impl Incremental {
    /// A full build into memory.
    pub fn new(root: &Path, opts: LoadOptions) -> Result<(Incremental, Rebuild), BuildError> {
        let start = Instant::now();
        let Inputs {
            config,
            theme,
            parse,
            sources,
            now: _,
        } = Inputs::read(root, &opts)?;
        let site = Site::assemble(root, &config, &theme, &sources, &opts)?;
        let lookup = Lookup::of(&site.model);
        let mut inc = Incremental {
            root: root.to_path_buf(),
            opts,
            config,
            theme,
            parse,
            sources,
            site,
            signatures: HashMap::new(),
            last: None,
            failed: false,
            pages: HashMap::new(),
            search_cache: Default::default(),
            lookup,
        };
        let (rendered, removed) = inc.render(None, None)?;
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

    /// What scheduling held back at the last rebuild, as one line (see `Schedule::describe`).
    pub fn scheduled(&self) -> Option<String> {
        self.site.schedule.describe(self.config.tz)
    }

    pub fn theme_name(&self) -> String {
        self.config.theme.clone()
    }

    /// Applies a batch of changes. On error the previous pages stay as they
    /// were, so the preview keeps serving the last good site.
    pub fn apply(&mut self, change: &ChangeSet) -> Result<Rebuild, BuildError> {
        let result = self.apply_inner(change);
        self.failed = result.is_err();
        result
    }

    fn apply_inner(&mut self, change: &ChangeSet) -> Result<Rebuild, BuildError> {
        let start = Instant::now();
        // The parse cache follows the disk even if the rest fails below, so
        // that fixing one file later does not lose another file's change.
        self.sources
            .refresh(&self.root, &self.parse, Some(&change.content));
        timing("reading and parsing", start);
        let mut config = self.config.clone();
        let mut theme = self.theme.clone();
        // After a failure, an earlier change to site.toml or the templates
        // may not have reached `self.config`/`self.theme`: read them again.
        let reload = change.config || self.failed;
        if reload {
            config = Arc::new(Config::load(&self.root)?);
            let parse = parse_options(&self.root, &config, &self.opts);
            if !parse.same_as(&self.parse) {
                // Dates without an offset depend on the zone, text on the
                // typography, photos on their widths: parse all again.
                self.sources.refresh(&self.root, &parse, None);
            }
            self.parse = parse;
        }
        if reload || change.templates {
            theme = Arc::new(Theme::load(&self.root, &config.theme)?);
        }
        // Each rebuild decides with the time it runs at: a scheduled article
        // appears with the first rebuild after its date.
        let now = self.opts.build_time(&config)?;
        if !self.site.schedule.due_at(now)
            && let Some(swaps) = self.same_shape_swaps(change, &config, &theme)
        {
            self.site.schedule.now = now;
            let flipped = self.site.model.set_news_window(now);
            return self.apply_in_place(change, swaps, flipped, start);
        }
        let opts = LoadOptions {
            now: Some(now),
            ..self.opts.clone()
        };
        let site = Site::assemble(&self.root, &config, &theme, &self.sources, &opts)?;
        let lookup = Lookup::of(&site.model);
        let previous = std::mem::replace(&mut self.site, site);
        match self.render(Some(change), None) {
            Ok((rendered, removed)) => {
                self.config = config;
                self.theme = theme;
                self.lookup = lookup;
                Ok(self.rebuilt(change, rendered, removed, start))
            }
            Err(e) => {
                self.site = previous;
                Err(e)
            }
        }
    }

    /// Articles whose edit left the site's shape alone — same date, slug,
    /// draft state, authors, category and tags, so the same URLs, order and
    /// listings — paired with their place in the model. Such edits (the usual
    /// ones: a title, a sentence) swap the article in place instead of
    /// assembling the whole site again. `None` when any change is of another kind.
    fn same_shape_swaps(
        &self,
        change: &ChangeSet,
        config: &Arc<Config>,
        theme: &Arc<Theme>,
    ) -> Option<Vec<(usize, Arc<Article>)>> {
        if self.failed
            || !Arc::ptr_eq(config, &self.config)
            || !Arc::ptr_eq(theme, &self.theme)
            || !change.statics.is_empty()
        {
            return None;
        }
        let model = &self.site.model;
        let mut swaps = Vec::new();
        for path in &change.content {
            let rel = path.strip_prefix(&self.root).unwrap_or(path);
            let position = self.lookup.article(rel);
            match (self.sources.get(rel), position) {
                (Some(Parsed::Article(new)), Some(i)) => {
                    let old = &model.articles[i];
                    let by_update = config.listings.sort == crate::config::Sort::Updated;
                    let same = old.date == new.date
                        && (!by_update || old.modified() == new.modified())
                        && old.slug == new.slug
                        && old.draft == new.draft
                        && old.live == new.live
                        && old.live_until == new.live_until
                        && old.aliases == new.aliases
                        && old.author_refs == new.author_refs
                        && old.category == new.category
                        && old.tags == new.tags
                        // Photo copies are copied files: the file list changes with them.
                        && old.photo.as_ref().map(|p| &p.image)
                            == new.photo.as_ref().map(|p| &p.image);
                    // Shortcodes are expanded while assembling, and an
                    // article card (in an article or a page) shows another
                    // article: assemble again.
                    if !same
                        || !old.shortcodes.is_empty()
                        || !new.shortcodes.is_empty()
                        || self.lookup.carded(rel)
                        // Kept despite an error: the full path reports it.
                        || self.sources.diagnostics_of(rel).iter().any(Diagnostic::is_error)
                    {
                        return None;
                    }
                    if !Arc::ptr_eq(old, new) {
                        swaps.push((i, new.clone()));
                    }
                }
                // An editor's temporary file that came and went.
                (None, None) if !path.exists() && !self.knows(rel, path) => {}
                _ => return None,
            }
        }
        Some(swaps)
    }

    /// Whether a path was part of the site as a page, profile or copied file.
    fn knows(&self, rel: &Path, path: &Path) -> bool {
        let m = &self.site.model;
        m.pages.iter().any(|p| p.source == rel)
            || m.profiles.iter().any(|p| p.source == rel)
            || self.site.assets.values().any(|a| a == path)
    }

    fn apply_in_place(
        &mut self,
        change: &ChangeSet,
        swaps: Vec<(usize, Arc<Article>)>,
        flipped: Vec<usize>,
        start: Instant,
    ) -> Result<Rebuild, BuildError> {
        timing("until the in-place swap", start);
        let mut undo = Vec::with_capacity(swaps.len());
        let mut swap = Swap {
            articles: flipped,
            sitemap_moved: false,
        };
        for (i, a) in swaps {
            swap.articles.push(i);
            swap.sitemap_moved |= self.site.model.articles[i].modified() != a.modified();
            // The photo may have changed: measure it as a full assemble would.
            let size = a
                .photo
                .as_ref()
                .and_then(|p| self.sources.image_size(&p.url));
            let model = &mut self.site.model;
            let old_size = std::mem::replace(&mut model.links[i].photo_size, size);
            undo.push((i, std::mem::replace(&mut model.articles[i], a), old_size));
        }
        match self.render(Some(change), Some(swap)) {
            Ok((rendered, removed)) => {
                let rels: Vec<PathBuf> = change
                    .content
                    .iter()
                    .map(|p| p.strip_prefix(&self.root).unwrap_or(p).to_path_buf())
                    .collect();
                let diags = &mut self.site.diagnostics;
                diags.retain(|d| !rels.contains(&d.path));
                diags.extend(
                    rels.iter()
                        .flat_map(|r| self.sources.diagnostics_of(r))
                        .cloned(),
                );
                diags.sort();
                Ok(self.rebuilt(change, rendered, removed, start))
            }
            Err(e) => {
                for (i, a, size) in undo {
                    self.site.model.articles[i] = a;
                    self.site.model.links[i].photo_size = size;
                }
                Err(e)
            }
        }
    }

    /// What a successful rebuild reports, with the changed files' warnings.
    fn rebuilt(
        &self,
        change: &ChangeSet,
        rendered: usize,
        removed: usize,
        start: Instant,
    ) -> Rebuild {
        Rebuild {
            rendered,
            removed,
            elapsed: start.elapsed(),
            warnings: self.warnings_for(change),
        }
    }

    /// The warnings about the changed files, printed with the rebuild line.
    fn warnings_for(&self, change: &ChangeSet) -> Vec<Diagnostic> {
        self.site
            .diagnostics
            .warnings()
            .filter(|d| change.content.contains(&self.root.join(&d.path)))
            .cloned()
            .collect()
    }

    /// Renders the pages of `self.site` whose fingerprint changed.
    /// `swap`: articles were swapped in place, so the model's structure, the
    /// list of jobs and their paths are as at the last render.
    fn render(
        &mut self,
        change: Option<&ChangeSet>,
        swap: Option<Swap>,
    ) -> Result<(usize, usize), BuildError> {
        let t_all = Instant::now();
        let site = &self.site;
        let renderer = site.renderer().with_search_cache(&self.search_cache);
        let closures = &site.theme.closures;
        // Taken, not cloned: an error leaves none, and the next render plans,
        // fingerprints and signs everything again.
        let (signed, changed, reused) = match (swap, self.last.take()) {
            (Some(swap), Some(mut last)) => {
                timing("renderer and plan", t_all);
                let changed = last
                    .fp
                    .update(&renderer, &swap.articles, swap.sitemap_moved);
                let positions = last.deps.of(&changed);
                let old: Vec<u64> = positions.iter().map(|&p| last.sigs[p]).collect();
                Dependents::resign(
                    &last.fp,
                    &renderer,
                    &last.plan,
                    closures,
                    &positions,
                    &mut last.sigs,
                );
                let moved: Vec<usize> = positions
                    .iter()
                    .zip(old)
                    .filter(|&(&p, o)| last.sigs[p] != o)
                    .map(|(&p, _)| p)
                    .collect();
                timing(&format!("signatures of {} jobs", positions.len()), t_all);
                (last, moved, true)
            }
            _ => {
                let plan = site.plan(&renderer)?;
                timing("renderer and plan", t_all);
                let fp = Fingerprints::compute(&renderer);
                timing("fingerprints", t_all);
                let (sigs, deps) = Dependents::sign(&fp, &renderer, &plan, closures);
                timing("signatures", t_all);
                let changed = (0..plan.len())
                    .filter(|&i| {
                        change.is_none() || self.signatures.get(&plan[i].1) != Some(&sigs[i])
                    })
                    .collect();
                let signed = Signed {
                    plan,
                    sigs,
                    fp,
                    deps,
                };
                (signed, changed, false)
            }
        };
        let (plan, sigs) = (&signed.plan, &signed.sigs);
        let todo: Vec<_> = changed.iter().map(|&i| plan[i].clone()).collect();
        let memory = Memory::default();
        let t1 = Instant::now();
        site.render_jobs(&renderer, &todo, &memory, &indicatif::ProgressBar::hidden())?;
        timing(&format!("rendering {} pages", todo.len()), t1);
        let mut removed = 0;
        if reused {
            // Same jobs, same paths: only the re-rendered signatures move.
            for &i in &changed {
                self.signatures.insert(plan[i].1.clone(), sigs[i]);
            }
        } else {
            self.signatures = plan
                .iter()
                .map(|(_, p)| p.clone())
                .zip(sigs.iter().copied())
                .collect();
            let before = self.pages.len();
            self.pages.retain(|p, _| self.signatures.contains_key(p));
            removed = before - self.pages.len();
        }
        let out = memory.into_pages();
        let rendered = out.len();
        for (path, bytes) in out {
            self.pages.insert(path, Arc::new(bytes));
        }
        self.last = Some(signed);
        timing("render step in all", t_all);
        Ok((rendered, removed))
    }

    /// A generated page by output path (`2025/03/x/index.html`), or a static
    /// file of a theme compiled into the binary (nothing on disk to serve).
    pub fn page(&self, rel: &str) -> Option<Arc<Vec<u8>>> {
        self.pages.get(rel).cloned().or_else(|| {
            self.site
                .embedded_files()
                .find(|(r, _)| *r == rel)
                .map(|(_, bytes)| Arc::new(bytes.to_vec()))
        })
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
        for (rel, bytes) in self.site.embedded_files() {
            all.insert(rel.to_string(), bytes.to_vec());
        }
        all
    }
}
