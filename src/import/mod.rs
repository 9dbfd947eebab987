//! `rotative import`: makes a rotative site (or adds to one) from a Jekyll or
//! Hugo site folder or a WordPress export, keeping old URLs as aliases.

mod files;
mod html;
mod hugo;
mod jekyll;
mod liquid;
mod post;
mod report;
mod shortcodes;
mod wordpress;
mod writer;
mod wxr;

pub use report::Report;

use std::path::PathBuf;

/// Where the archive comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Source {
    Wordpress,
    Jekyll,
    Hugo,
}

/// `rotative import SOURCE INPUT --into DIR`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// What the archive is: `wordpress` (an export file), `jekyll` or `hugo` (a site folder).
    pub source: Source,
    /// The WordPress export (WXR, .xml), or the Jekyll or Hugo site folder.
    pub input: PathBuf,
    /// The rotative site to write (created if missing; added to if it exists).
    #[arg(long)]
    pub into: PathBuf,
    /// Replace files of DIR that the import would write with other content.
    #[arg(long)]
    pub force: bool,
    /// Download remote lead images into content/ (otherwise kept as URLs).
    #[arg(long)]
    pub download_images: bool,
}

/// Why an import stopped. Nothing has been written into `--into` then.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    /// A problem in the source at a known place.
    #[error("{}", at(.path, *.line, *.column, .message))]
    Source {
        path: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    #[error(
        "{} file{} of {into} already exist{} with other content: {}; nothing was written (use --force to replace them)",
        .files.len(),
        if .files.len() == 1 { "" } else { "s" },
        if .files.len() == 1 { "s" } else { "" },
        .files.join(", ")
    )]
    Conflict { into: String, files: Vec<String> },
    #[error("{0}")]
    Usage(String),
    /// The `site.toml` of the site imported into is not valid.
    #[error("in {}: {source}", .into.display())]
    Config {
        into: std::path::PathBuf,
        source: crate::error::ConfigError,
    },
}

fn at(path: &str, line: Option<usize>, column: Option<usize>, message: &str) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{path}:{l}:{c}: error: {message}"),
        (Some(l), None) => format!("{path}:{l}: error: {message}"),
        _ => format!("{path}: error: {message}"),
    }
}

impl ImportError {
    pub(crate) fn source(
        path: impl Into<String>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> ImportError {
        ImportError::Source {
            path: path.into(),
            line,
            column: None,
            message: message.into(),
        }
    }
}

/// Runs an import and prints its report; the exit code.
/// Reads the whole source, converts it, then writes it in one move.
pub fn run(args: &ImportArgs) -> Result<Report, ImportError> {
    if args.source != Source::Wordpress {
        // The result would be read back as part of the source next time.
        let abs = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        if abs(&args.into).starts_with(abs(&args.input)) {
            return Err(ImportError::Usage(format!(
                "--into {} is inside the site being imported ({}); choose a folder outside it",
                args.into.display(),
                args.input.display()
            )));
        }
    }
    let target = post::Target::open(&args.into)?;
    let mut sink = post::Sink::new(args, target);
    match args.source {
        Source::Jekyll => jekyll::import(&mut sink)?,
        Source::Hugo => hugo::import(&mut sink)?,
        Source::Wordpress => wordpress::import(&mut sink)?,
    }
    if !sink.target.has_config {
        let toml = sink.target.site_toml();
        sink.plan.add("site.toml", toml.into_bytes());
    }
    let outcome = writer::apply(&sink.plan, &args.into, args.force)?;
    let mut report = sink.report;
    report.written = outcome.written;
    report.unchanged = outcome.unchanged;
    report.into = args.into.display().to_string();
    Ok(report)
}
