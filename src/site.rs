//! One site: loaded from disk (configuration, theme, content), then rendered
//! into a sink, then — for `build` — swapped into the output folder.

use crate::config::Config;
use crate::content;
use crate::error::{BuildError, Diagnostic, Diagnostics};
use crate::model::Model;
use crate::output::{self, Sink, Staging};
use crate::render::{Job, Renderer, Theme};
use crate::schedule::{self, Schedule};
use crate::sources::{Parsed, Sources};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Publish articles dated after the build time too (`--future`).
    pub future: bool,
    /// The build time; `None` reads it (`schedule::now`) when the site is assembled.
    pub now: Option<DateTime<FixedOffset>>,
}

impl LoadOptions {
    /// `now` if given, else the clock or `ROTATIVE_NOW` at this moment.
    pub fn build_time(&self, config: &Config) -> Result<DateTime<FixedOffset>, BuildError> {
        match self.now {
            Some(n) => Ok(n),
            None => schedule::now(config.tz).map_err(BuildError::Fatal),
        }
    }
}

pub struct Site {
    pub root: PathBuf,
    pub config: Arc<Config>,
    pub theme: Arc<Theme>,
    pub model: Model,
    /// Files copied as they are: output path → source. Content assets take
    /// precedence over theme static files of the same name.
    pub assets: BTreeMap<String, PathBuf>,
    pub diagnostics: Diagnostics,
    pub base_url: String,
    /// The build time and the articles it held back.
    pub schedule: Schedule,
    /// Resized photo copies made and reused while loading (for the summary).
    pub images: crate::media::Stats,
}

/// What a render produced, for the summary line.
#[derive(Debug, Default)]
pub struct Stats {
    pub by_kind: BTreeMap<&'static str, usize>,
    pub assets: usize,
    pub images: crate::media::Stats,
}

impl Stats {
    pub fn pages(&self) -> usize {
        self.by_kind.values().sum()
    }
}

fn static_files(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file() && !content::is_ignored_name(&e.file_name().to_string_lossy())
        })
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?;
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

/// Adds the resized copies of the articles' photos to the copied files. A
/// content file already at a copy's URL would be overwritten: an error.
fn photo_copies(model: &Model, assets: &mut BTreeMap<String, PathBuf>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for a in &model.articles {
        let image = a.photo.as_ref().and_then(|p| p.image.as_ref());
        for v in image.iter().flat_map(|i| &i.variants) {
            let rel = v.url.trim_start_matches('/').to_string();
            match assets.get(&rel) {
                Some(existing) if *existing != v.file => diags.push(Diagnostic::error(
                    &a.source,
                    None,
                    format!(
                        "the resized photo `{}` would overwrite the file content/{rel}; rename that file",
                        v.url
                    ),
                )),
                _ => {
                    assets.insert(rel, v.file.clone());
                }
            }
        }
    }
    diags
}

/// Reads `site.toml`; messages name it relative to the site root.
pub fn load_config(root: &Path) -> Result<Config, BuildError> {
    let config_path = root.join("site.toml");
    Config::load(&config_path)
        .map_err(|e| BuildError::Fatal(e.replace(&config_path.display().to_string(), "site.toml")))
}

impl Site {
    pub fn load(root: &Path, opts: &LoadOptions) -> Result<Site, BuildError> {
        let config = Arc::new(load_config(root)?);
        // Taken once, before the slow part: every output agrees on it.
        let opts = &LoadOptions {
            now: Some(opts.build_time(&config)?),
            ..opts.clone()
        };
        let t0 = Instant::now();
        let theme = Arc::new(Theme::load(root, &config.theme).map_err(BuildError::Fatal)?);
        let t1 = Instant::now();
        let parse = content::ParseOptions::new(root, &config);
        let sources = Sources::scan(root, &parse);
        let t2 = Instant::now();
        let mut site = Site::assemble(root, config, theme, &sources, opts)?;
        if std::env::var_os("ROTATIVE_TIMINGS").is_some() {
            eprintln!(
                "timings: theme {:.3} s, walk+read+parse {:.3} s, model {:.3} s",
                (t1 - t0).as_secs_f64(),
                (t2 - t1).as_secs_f64(),
                t2.elapsed().as_secs_f64()
            );
        }
        site.images = parse.images.stats();
        Ok(site)
    }

    /// Builds the model from parsed sources. Cheap enough to run after every
    /// edit while serving: parsing is what costs, and `sources` caches it.
    pub fn assemble(
        root: &Path,
        config: Arc<Config>,
        theme: Arc<Theme>,
        sources: &Sources,
        opts: &LoadOptions,
    ) -> Result<Site, BuildError> {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(sources.diagnostics().cloned());
        let (mut articles, mut profiles, mut pages) = (Vec::new(), Vec::new(), Vec::new());
        for p in sources.parsed() {
            match p {
                Parsed::Article(a) if opts.drafts || !a.draft => articles.push(a.clone()),
                Parsed::Author(a) => profiles.push(a.clone()),
                Parsed::Page(p) => pages.push(p.clone()),
                _ => {}
            }
        }
        let now = opts.build_time(&config)?;
        let (articles, schedule) = Schedule::apply(articles, now, opts.future);
        let (mut model, model_diags) = Model::assemble(&config, articles, profiles, pages);
        model.set_news_window(now);
        model.measure_images(config.logo.as_deref(), |src| sources.image_size(src));
        diagnostics.extend(model_diags);
        diagnostics.sort();
        diagnostics = crate::content::compat::once_per_site(diagnostics);

        let mut assets: BTreeMap<String, PathBuf> = static_files(&theme.dir.join("static"))
            .into_iter()
            .collect();
        for (rel, path) in sources.assets() {
            assets.insert(rel.to_string(), path.to_path_buf());
        }
        diagnostics.extend(photo_copies(&model, &mut assets));
        if diagnostics.has_errors() {
            return Err(BuildError::Content(diagnostics));
        }
        let base_url = opts
            .base_url
            .clone()
            .unwrap_or_else(|| config.base_url.clone());
        Ok(Site {
            root: root.to_path_buf(),
            config,
            theme,
            model,
            assets,
            diagnostics,
            base_url,
            schedule,
            images: Default::default(),
        })
    }

    /// The static files of a theme compiled into the binary, less those a
    /// content file of the same path replaces.
    pub fn embedded_files(&self) -> impl Iterator<Item = (&str, &'static [u8])> {
        self.theme
            .embedded
            .iter()
            .filter(|(rel, _)| !self.assets.contains_key(*rel))
            .map(|(rel, bytes)| (rel.as_str(), *bytes))
    }

    /// Renders every page and copies every asset into `sink`. All template
    /// errors are collected; each distinct one is reported once with a count.
    pub fn renderer(&self) -> Renderer<'_> {
        Renderer::new(&self.model, &self.config, &self.theme, &self.base_url)
    }

    /// Every job of the site with its output path, checked for collisions
    /// with copied files.
    pub fn plan(&self, renderer: &Renderer) -> Result<Vec<(Job, String)>, BuildError> {
        let plan: Vec<(Job, String)> = renderer
            .jobs()
            .into_iter()
            .map(|j| (j, renderer.path(j)))
            .collect();
        self.check_collisions(&plan)?;
        Ok(plan)
    }

    /// Renders the given jobs in parallel and hands each page to `emit`. All
    /// failures are collected; each distinct one is reported once with a count.
    pub fn render_jobs(
        &self,
        renderer: &Renderer,
        jobs: &[(Job, String)],
        emit: impl Fn(&str, Vec<u8>) -> std::io::Result<()> + Sync,
        progress: &indicatif::ProgressBar,
    ) -> Result<(), BuildError> {
        let failures: Vec<(Job, String)> = jobs
            .par_iter()
            .filter_map(|(job, path)| {
                let result = renderer.render(*job).and_then(|bytes| {
                    emit(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))
                });
                progress.inc(1);
                result.err().map(|e| (*job, e))
            })
            .collect();
        if failures.is_empty() {
            Ok(())
        } else {
            Err(BuildError::Fatal(self.describe_failures(&failures, &[])))
        }
    }

    /// Renders every page and copies every asset into `sink`.
    pub fn render_to(
        &self,
        sink: &dyn Sink,
        before_write: impl FnOnce(&[String]) -> std::io::Result<()>,
        progress: &indicatif::ProgressBar,
    ) -> Result<Stats, BuildError> {
        let renderer = self.renderer();
        let plan = self.plan(&renderer)?;
        let all: Vec<String> = plan
            .iter()
            .map(|(_, p)| p.clone())
            .chain(self.assets.keys().cloned())
            .chain(self.embedded_files().map(|(rel, _)| rel.to_string()))
            .collect();
        before_write(&all)
            .map_err(|e| BuildError::Fatal(format!("cannot create output folders: {e}")))?;
        progress.set_length(all.len() as u64);
        self.render_jobs(
            &renderer,
            &plan,
            |path, bytes| sink.write(path, bytes),
            progress,
        )?;
        let mut copy_failures: Vec<String> = self
            .assets
            .par_iter()
            .filter_map(|(rel, src)| {
                let r = sink
                    .copy(src, rel)
                    .err()
                    .map(|e| format!("cannot copy {}: {e}", src.display()));
                progress.inc(1);
                r
            })
            .collect();
        copy_failures.extend(self.embedded_files().filter_map(|(rel, bytes)| {
            progress.inc(1);
            let r = sink.write(rel, bytes.to_vec()).err();
            r.map(|e| format!("cannot write {rel}: {e}"))
        }));
        if !copy_failures.is_empty() {
            return Err(BuildError::Fatal(
                self.describe_failures(&[], &copy_failures),
            ));
        }
        let mut stats = Stats {
            assets: self.assets.len() + self.embedded_files().count(),
            images: self.images,
            ..Stats::default()
        };
        for (j, _) in &plan {
            *stats.by_kind.entry(j.kind()).or_default() += 1;
        }
        Ok(stats)
    }

    fn describe_failures(&self, failures: &[(Job, String)], copies: &[String]) -> String {
        let mut distinct: BTreeMap<&str, (usize, Job)> = BTreeMap::new();
        for (job, msg) in failures {
            distinct.entry(msg.as_str()).or_insert((0, *job)).0 += 1;
        }
        let mut out: Vec<String> = distinct
            .into_iter()
            .map(|(msg, (n, job))| {
                let source = match job {
                    Job::Article(i) => {
                        format!(" (rendering {})", self.model.articles[i].source.display())
                    }
                    Job::Page(i) => {
                        format!(" (rendering {})", self.model.pages[i].source.display())
                    }
                    _ => String::new(),
                };
                let more = if n > 1 {
                    format!(" [and {} more pages]", n - 1)
                } else {
                    String::new()
                };
                format!("error: {msg}{source}{more}")
            })
            .collect();
        out.extend(copies.iter().map(|c| format!("error: {c}")));
        out.join("\n")
    }

    /// A generated page and a copied file at the same path would overwrite one another.
    fn check_collisions(&self, plan: &[(Job, String)]) -> Result<(), BuildError> {
        // Redirect pages are checked on their own, to blame the alias.
        let generated: HashSet<&str> = plan
            .iter()
            .filter(|(j, _)| !matches!(j, Job::Redirect(_)))
            .map(|(_, p)| p.as_str())
            .collect();
        let mut diags = Diagnostics::default();
        diags.extend(crate::aliases::output_collisions(
            &self.model.aliases,
            plan,
            self.assets.keys(),
        ));
        for (rel, src) in &self.assets {
            if generated.contains(rel.as_str()) {
                let shown = src.strip_prefix(&self.root).unwrap_or(src);
                diags.push(Diagnostic::error(
                    shown,
                    None,
                    format!(
                        "this file would overwrite the generated page `{rel}`; rename or move it"
                    ),
                ));
            }
        }
        for (rel, _) in self.embedded_files() {
            if generated.contains(rel) {
                diags.push(Diagnostic::error(
                    format!("themes/{}/static/{rel}", self.config.theme),
                    None,
                    format!("this file of the built-in theme would overwrite the generated page `{rel}`; rename the page"),
                ));
            }
        }
        if diags.has_errors() {
            Err(BuildError::Content(diags))
        } else {
            Ok(())
        }
    }
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub load: LoadOptions,
    pub force: bool,
    pub progress: bool,
    /// Run the editorial checks and fail on any finding (`--strict`; also
    /// `strict = true` in site.toml).
    pub strict: bool,
}

pub struct BuildReport {
    pub stats: Stats,
    /// What scheduling held back (or `--future` let in), as one line.
    pub scheduled: Option<String>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: std::time::Duration,
    pub output: PathBuf,
}

/// `rotative build`: checks where the output goes, loads, renders into a
/// staging folder and swaps it in. Nothing on disk changes unless all succeeded.
/// It leaves the loaded site allocated (see the end): call it once per process.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, (BuildError, Vec<Diagnostic>)> {
    let start = Instant::now();
    let target = output::check_location(&opts.root, &opts.output)
        .map_err(|e| (BuildError::Fatal(e), vec![]))?;
    let site = Site::load(&opts.root, &opts.load).map_err(|e| (e, vec![]))?;
    let loaded = start.elapsed();
    let warnings: Vec<Diagnostic> = site.diagnostics.warnings().cloned().collect();
    let fail = |e: BuildError| (e, warnings.clone());
    let staging = Staging::begin(&target, opts.force).map_err(|e| fail(BuildError::Fatal(e)))?;
    let bar = if opts.progress {
        progress_bar()
    } else {
        indicatif::ProgressBar::hidden()
    };
    let stats = site
        .render_to(
            &staging,
            |files| staging.create_dirs(files.iter().map(String::as_str)),
            &bar,
        )
        .map_err(fail)?;
    bar.finish_and_clear();
    let shown = if opts.strict || site.config.strict {
        strict_checks(&site, &staging, &warnings)?
    } else {
        warnings.clone()
    };
    let rendered = start.elapsed();
    staging.commit().map_err(|e| fail(BuildError::Fatal(e)))?;
    if std::env::var_os("ROTATIVE_TIMINGS").is_some() {
        // Where a build's time goes, for profiling (bench/RESULTS.md).
        eprintln!(
            "timings: load {:.3} s, render+write {:.3} s, swap+remove old {:.3} s",
            loaded.as_secs_f64(),
            (rendered - loaded).as_secs_f64(),
            (start.elapsed() - rendered).as_secs_f64()
        );
    }
    let report = BuildReport {
        stats,
        scheduled: site.schedule.describe(site.config.tz),
        warnings: shown,
        elapsed: start.elapsed(),
        output: opts.output.clone(),
    };
    // The process ends after a build: freeing the site value by value took
    // 0.12 s of the main thread at 50,000 articles, where the system takes
    // the memory back at once on exit. The site holds no file or lock that
    // needs closing (the staging folder is already committed).
    std::mem::forget(site);
    Ok(report)
}

/// Strict mode: the editorial checks of `rotative check`, on the pages just
/// written to the staging folder; any finding fails the build before the
/// output is swapped in. Returns the warnings left to print.
fn strict_checks(
    site: &Site,
    staging: &Staging,
    warnings: &[Diagnostic],
) -> Result<Vec<Diagnostic>, (BuildError, Vec<Diagnostic>)> {
    let html_of = |rel: &str| std::fs::read(staging.dir.join(rel)).ok();
    let report =
        crate::check::check_site(site, &html_of, true).map_err(|e| (e, warnings.to_vec()))?;
    let warnings = crate::check::not_repeated(warnings, &report.findings);
    if report.findings.is_empty() {
        return Ok(warnings);
    }
    let mut errors = Diagnostics::default();
    errors.extend(report.findings);
    Err((BuildError::Content(errors), warnings))
}

fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} rendering {pos}/{len} [{bar:30}] {elapsed}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}
