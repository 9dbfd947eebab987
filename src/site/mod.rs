//! The pipeline, one path for every command: read a site's inputs
//! (configuration, theme, parsed sources), assemble the model, make the photo
//! copies it shows, then render every page and copied file into a `Sink` —
//! a staging folder for `build`, memory for `serve` and `check`.

mod steps;

use crate::config::Config;
use crate::content::sources::{Parsed, Sources};
use crate::content::{self, ParseOptions};
use crate::error::{BuildError, ClockError, Diagnostic, Diagnostics, Failure};
use crate::model::Model;
use crate::model::outputs::{self, Output};
use crate::output::Sink;
use crate::render::{Job, RenderError, Renderer, Theme};

/// Why one page of a render failed.
enum Failed {
    Template(Diagnostics),
    Write(String),
}
use crate::schedule::{self, Schedule};
use crate::timing;
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use std::collections::BTreeMap;
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
    /// Leave the resized photo copies unmade (`check`, which writes nothing).
    pub skip_photo_copies: bool,
    /// Keep each source's outline for the editorial checks (`check`,
    /// strict builds); `strict = true` in site.toml turns it on as well.
    pub outline: bool,
    /// Ask providers' oEmbed endpoints for what embeds leave out (`--fetch-embeds`).
    pub fetch_embeds: bool,
}

impl LoadOptions {
    /// `now` if given, else the clock or `ROTATIVE_NOW` at this moment.
    pub fn build_time(&self, config: &Config) -> Result<DateTime<FixedOffset>, ClockError> {
        match self.now {
            Some(n) => Ok(n),
            None => schedule::now(config.tz),
        }
    }
}

/// What a site is made from, as read from disk. The preview keeps it between
/// rebuilds and refreshes the sources that change.
pub struct Inputs {
    pub config: Arc<Config>,
    pub theme: Arc<Theme>,
    pub parse: ParseOptions,
    pub sources: Sources,
    /// The build time, read right after the configuration: every output of
    /// a build agrees on it, however long parsing takes.
    pub now: DateTime<FixedOffset>,
}

impl Inputs {
    pub fn read(root: &Path, opts: &LoadOptions) -> Result<Inputs, BuildError> {
        let config = Arc::new(Config::load(root)?);
        let now = opts.build_time(&config)?;
        let t0 = Instant::now();
        let theme = Arc::new(Theme::load(root, &config.theme)?);
        let t1 = Instant::now();
        let parse = parse_options(root, &config, opts);
        let sources = Sources::scan(root, &parse);
        timing::line(&[
            ("theme", (t1 - t0).as_secs_f64()),
            ("walk+read+parse", t1.elapsed().as_secs_f64()),
        ]);
        Ok(Inputs {
            config,
            theme,
            parse,
            sources,
            now,
        })
    }
}

/// How sources are parsed for `config` and these options.
pub fn parse_options(root: &Path, config: &Config, opts: &LoadOptions) -> ParseOptions {
    let mut parse = ParseOptions::new(root, config);
    parse.outline |= opts.outline;
    parse
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
    /// Resized photo copies made and reused (for the summary).
    pub images: crate::media::Stats,
}

/// What a render produced: each page with its output path, and the counts.
#[derive(Debug, Default)]
pub struct Rendered {
    pub plan: Vec<(Job, String)>,
    pub stats: Stats,
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

impl Site {
    /// Reads and assembles a site: what `build` and `check` start with.
    pub fn load(root: &Path, opts: &LoadOptions) -> Result<Site, BuildError> {
        let inputs = Inputs::read(root, opts)?;
        let opts = LoadOptions {
            now: Some(inputs.now),
            ..opts.clone()
        };
        Site::assemble(root, &inputs.config, &inputs.theme, &inputs.sources, &opts)
    }

    /// Builds the model from parsed sources and makes its photo copies. Cheap
    /// enough to run after every edit while serving: parsing is what costs,
    /// and `sources` caches it.
    pub fn assemble(
        root: &Path,
        config: &Arc<Config>,
        theme: &Arc<Theme>,
        sources: &Sources,
        opts: &LoadOptions,
    ) -> Result<Site, BuildError> {
        let t0 = Instant::now();
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
        let now = opts.build_time(config)?;
        let (articles, schedule) = Schedule::apply(articles, now, opts.future);
        let (mut model, model_diags) = Model::assemble(config, articles, profiles, pages);
        model.set_news_window(now);
        model.measure_images(config.logo.as_deref(), |src| sources.image_size(src));
        diagnostics.extend(model_diags);
        let base_url = opts
            .base_url
            .clone()
            .unwrap_or_else(|| config.base_url.clone());
        if opts.fetch_embeds {
            diagnostics.extend(crate::oembed::fill(
                &mut model,
                root,
                config.french_typography(),
            ));
        }
        diagnostics.extend(steps::expand_shortcodes(
            &mut model, config, theme, sources, &base_url, now,
        ));

        let mut assets: BTreeMap<String, PathBuf> = static_files(&theme.dir.join("static"))
            .into_iter()
            .collect();
        for (rel, path) in sources.assets() {
            assets.insert(rel.to_string(), path.to_path_buf());
        }
        diagnostics.extend(steps::photo_copies(&model, &mut assets));
        let mut images = crate::media::Stats::default();
        if !opts.skip_photo_copies && !diagnostics.has_errors() {
            let (stats, diags) = steps::make_photo_copies(&model);
            images = stats;
            diagnostics.extend(diags);
        }
        diagnostics.sort();
        // Another generator's key is explained once per site, not once per file.
        diagnostics = crate::content::compat::once_per_site(diagnostics);
        timing::line(&[("model", t0.elapsed().as_secs_f64())]);
        if diagnostics.has_errors() {
            return Err(BuildError::Content(diagnostics));
        }
        Ok(Site {
            root: root.to_path_buf(),
            config: config.clone(),
            theme: theme.clone(),
            model,
            assets,
            diagnostics,
            base_url,
            schedule,
            images,
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

    pub fn renderer(&self) -> Renderer<'_> {
        Renderer::new(&self.model, &self.config, &self.theme, &self.base_url)
    }

    /// Every job of the site with its output path, checked for collisions
    /// with one another and with copied files.
    pub fn plan(&self, renderer: &Renderer) -> Result<Vec<(Job, String)>, BuildError> {
        let plan: Vec<(Job, String)> = renderer
            .jobs()
            .into_iter()
            .map(|j| (j, renderer.path(j)))
            .collect();
        let planned: Vec<Output> = plan
            .iter()
            .map(|(job, path)| Output {
                path,
                alias: match job {
                    Job::Redirect(k) => Some(*k),
                    _ => None,
                },
            })
            .collect();
        let embedded: Vec<&str> = self.embedded_files().map(|(rel, _)| rel).collect();
        let diags = outputs::file_collisions(
            &self.root,
            &self.config.theme,
            &self.model,
            &planned,
            &self.assets,
            &embedded,
        );
        if diags.iter().any(Diagnostic::is_error) {
            let mut all = Diagnostics::default();
            all.extend(diags);
            return Err(BuildError::Content(all));
        }
        Ok(plan)
    }

    /// Renders the given jobs in parallel into `sink`. All failures are
    /// collected; each distinct one is reported once with a count.
    pub fn render_jobs(
        &self,
        renderer: &Renderer,
        jobs: &[(Job, String)],
        sink: &dyn Sink,
        progress: &indicatif::ProgressBar,
    ) -> Result<(), BuildError> {
        let failures: Vec<(Job, Failed)> = jobs
            .par_iter()
            .filter_map(|(job, path)| {
                let result = match renderer.render(*job) {
                    Ok(bytes) => sink
                        .write(path, bytes)
                        .map_err(|e| Failed::Write(format!("cannot write {path}: {e}"))),
                    Err(RenderError::Template(ds)) => Err(Failed::Template(ds)),
                };
                progress.inc(1);
                result.err().map(|e| (*job, e))
            })
            .collect();
        if failures.is_empty() {
            return Ok(());
        }
        let templates = self.template_failures(&failures);
        if templates.has_errors() {
            return Err(BuildError::Content(templates));
        }
        let writes: Vec<(Job, String)> = failures
            .into_iter()
            .filter_map(|(j, f)| match f {
                Failed::Write(m) => Some((j, m)),
                Failed::Template(_) => None,
            })
            .collect();
        Err(BuildError::Render(self.distinct_failures(&writes)))
    }

    /// Template errors met while rendering, each distinct one once, saying
    /// which source's page it stopped and how many pages it stopped.
    fn template_failures(&self, failures: &[(Job, Failed)]) -> Diagnostics {
        let mut distinct: BTreeMap<String, (usize, Job, &Diagnostic)> = BTreeMap::new();
        for (job, f) in failures {
            if let Failed::Template(ds) = f {
                for d in ds.all() {
                    distinct.entry(d.to_string()).or_insert((0, *job, d)).0 += 1;
                }
            }
        }
        let mut out = Diagnostics::default();
        for (_, (count, job, d)) in distinct {
            let mut d = d.clone();
            if let Some(source) = self.source_of(job) {
                d.message
                    .push_str(&format!("\n  (rendering {})", source.display()));
            }
            if count > 1 {
                d.message
                    .push_str(&format!(" [and {} more pages]", count - 1));
            }
            out.push(d);
        }
        out.sort();
        out
    }

    fn source_of(&self, job: Job) -> Option<&Path> {
        match job {
            Job::Article(i) => Some(&self.model.articles[i].source),
            Job::Page(i) => Some(&self.model.pages[i].source),
            _ => None,
        }
    }

    /// Renders every page and copies every asset into `sink`.
    /// `before_write` gets every output path first (to make the folders).
    pub fn render_to(
        &self,
        sink: &dyn Sink,
        before_write: impl FnOnce(&[String]) -> std::io::Result<()>,
        progress: &indicatif::ProgressBar,
    ) -> Result<Rendered, BuildError> {
        let renderer = self.renderer();
        let plan = self.plan(&renderer)?;
        let all: Vec<String> = plan
            .iter()
            .map(|(_, p)| p.clone())
            .chain(self.assets.keys().cloned())
            .chain(self.embedded_files().map(|(rel, _)| rel.to_string()))
            .collect();
        before_write(&all).map_err(crate::error::OutputError::io(
            "cannot create output folders",
        ))?;
        progress.set_length(all.len() as u64);
        self.render_jobs(&renderer, &plan, sink, progress)?;
        let mut failures: Vec<Failure> = self
            .assets
            .par_iter()
            .filter_map(|(rel, src)| {
                let r = sink.copy(src, rel).err().map(|e| Failure {
                    message: format!("cannot copy {}: {e}", src.display()),
                    source: None,
                    count: 1,
                });
                progress.inc(1);
                r
            })
            .collect();
        failures.extend(self.embedded_files().filter_map(|(rel, bytes)| {
            progress.inc(1);
            let r = sink.write(rel, bytes.to_vec()).err();
            r.map(|e| Failure {
                message: format!("cannot write {rel}: {e}"),
                source: None,
                count: 1,
            })
        }));
        if !failures.is_empty() {
            return Err(BuildError::Render(failures));
        }
        let mut stats = Stats {
            assets: self.assets.len() + self.embedded_files().count(),
            images: self.images,
            ..Stats::default()
        };
        for (j, _) in &plan {
            *stats.by_kind.entry(j.kind()).or_default() += 1;
        }
        Ok(Rendered { plan, stats })
    }

    /// Each distinct failure message once, with the source of its first page
    /// and how many pages it stopped.
    fn distinct_failures(&self, failures: &[(Job, String)]) -> Vec<Failure> {
        let mut distinct: BTreeMap<&str, (usize, Job)> = BTreeMap::new();
        for (job, msg) in failures {
            distinct.entry(msg.as_str()).or_insert((0, *job)).0 += 1;
        }
        distinct
            .into_iter()
            .map(|(msg, (count, job))| Failure {
                message: msg.to_string(),
                source: self.source_of(job).map(Path::to_path_buf),
                count,
            })
            .collect()
    }
}
