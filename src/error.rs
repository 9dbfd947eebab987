//! Diagnostics and errors: problems tied to a file and line, collected across
//! a build, and the typed errors that stop one (path → line → cause).

use std::fmt;
use std::path::{Path, PathBuf};

/// Whether a diagnostic stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in one input file, printed as `path:line:column: severity: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line,
            column: None,
            message: message.into(),
        }
    }

    pub fn warning(
        path: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, message)
        }
    }

    pub fn with_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)
    }
}

/// The diagnostics of a build, kept sorted so that output is stable across runs
/// whatever order the parallel parsers finished in.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }

    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn all(&self) -> &[Diagnostic] {
        &self.0
    }
}

/// 1-based line and column of a byte offset of `text` (columns count characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// `path`, `path:line` or `path:line:col`, the way every message starts.
fn located(path: &Path, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", path.display()),
        (Some(l), None) => format!("{}:{l}", path.display()),
        _ => path.display().to_string(),
    }
}

/// `site.toml` could not be read or is not valid.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: cannot read the site configuration: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", located(.path, *.line, *.column))]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
}

/// The theme could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme `{name}` not found: no folder {} (set `theme` in site.toml)", .templates.display())]
    NotFound { name: String, templates: PathBuf },
    /// Errors in the templates, each on its file, line and column.
    #[error("{}", format_content_errors(.0))]
    Templates(Diagnostics),
    #[error("embedded theme: template {0} is not UTF-8")]
    NotUtf8(String),
    #[error("theme `{name}` is missing template{} {} (looked in {})", if .missing.len() == 1 { "" } else { "s" }, .missing.join(", "), .templates.display())]
    Missing {
        name: String,
        missing: Vec<String>,
        templates: PathBuf,
    },
}

/// The output folder cannot be used or replaced.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("the output folder is empty; give a folder such as `public`")]
    Empty,
    #[error("refusing to use {} as the output folder: `~` is not expanded by rotative; give the full path", .0.display())]
    Tilde(PathBuf),
    #[error("refusing to use {} as the output folder: {why}; rotative replaces its output folder on each build", .path.display())]
    Refused { path: PathBuf, why: String },
    #[error("the output path {} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("refusing to replace {}: it is not empty and was not written by rotative (no {marker} file in it); use --force to replace it", .path.display())]
    NotOurs { path: PathBuf, marker: &'static str },
    #[error("another rotative build is in progress for {} (lock held on {}); try again when it ends", .target.display(), .lock.display())]
    Locked { target: PathBuf, lock: PathBuf },
    #[error("the output folder has no parent")]
    NoParent,
    /// An I/O step failed: `what` says which (`cannot create /x`).
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
}

impl OutputError {
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> OutputError {
        let what = what.into();
        move |source| OutputError::Io { what, source }
    }
}

/// `ROTATIVE_NOW` holds something that is not a date.
#[derive(Debug, thiserror::Error)]
#[error("{var}: cannot read `{value}` as a date; write it as 2026-11-25T10:00:00+01:00")]
pub struct ClockError {
    pub var: &'static str,
    pub value: String,
}

/// One page or file that could not be rendered or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    /// The source the page was made from, where there is one.
    pub source: Option<PathBuf>,
    /// How many pages failed with this same message.
    pub count: usize,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(s) = &self.source {
            write!(f, " (rendering {})", s.display())?;
        }
        if self.count > 1 {
            write!(f, " [and {} more pages]", self.count - 1)?;
        }
        Ok(())
    }
}

/// A build that could not complete: content problems (all of them), or what
/// stopped it before or while writing.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{}", format_content_errors(.0))]
    Content(Diagnostics),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Theme(ThemeError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Clock(#[from] ClockError),
    /// Every distinct failure of the pages and files, once each.
    #[error("{}", failure_lines(.0).join("\n"))]
    Render(Vec<Failure>),
}

impl From<ThemeError> for BuildError {
    /// Template errors are content errors: reported with the rest, per file.
    fn from(e: ThemeError) -> BuildError {
        match e {
            ThemeError::Templates(ds) => BuildError::Content(ds),
            other => BuildError::Theme(other),
        }
    }
}

impl BuildError {
    /// The problems as printed, one `error: …` line (or diagnostic) each,
    /// without the closing count of a content failure.
    pub fn lines(&self) -> Vec<String> {
        match self {
            BuildError::Content(ds) => ds.errors().map(ToString::to_string).collect(),
            BuildError::Render(fs) => failure_lines(fs),
            other => vec![format!("error: {other}")],
        }
    }
}

fn failure_lines(fs: &[Failure]) -> Vec<String> {
    fs.iter().map(|f| format!("error: {f}")).collect()
}

fn format_content_errors(d: &Diagnostics) -> String {
    let n = d.errors().count();
    let mut s = String::new();
    for e in d.errors() {
        s.push_str(&e.to_string());
        s.push('\n');
    }
    s.push_str(&format!(
        "build failed: {n} error{}",
        if n == 1 { "" } else { "s" }
    ));
    s
}

/// Formats an error with its whole `source()` chain: Tera in particular keeps the
/// useful part ("variable `x` not found") several levels down.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut cur = err.source();
    while let Some(e) = cur {
        let msg = e.to_string();
        if !s.contains(&msg) {
            s.push_str("\n  caused by: ");
            s.push_str(&msg);
        }
        cur = e.source();
    }
    s
}
