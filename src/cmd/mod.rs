//! The command line: arguments, and one thin module per command on top of
//! the library. `main` calls `run`, which returns what went wrong; printing
//! is `report`'s, the one place that prints.

mod build;
mod check;
mod import;
mod init;
mod new;
mod serve;

use crate::authoring::AuthoringError;
use crate::error::{BuildError, Diagnostic};
use crate::serve::ServeError;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "rotative",
    version,
    about = "A static site generator for news publications"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Render the site into the output folder.
    Build {
        /// The site folder (holding site.toml, content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated after the build time (scheduled ones).
        #[arg(long)]
        future: bool,
        /// Publish under this URL instead of `base_url` from site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Replace an existing output folder even if rotative did not create it.
        #[arg(long)]
        force: bool,
        /// Fail on any editorial check (as `rotative check --strict`).
        #[arg(long)]
        strict: bool,
        /// Ask video and social providers (oEmbed) for the titles, authors
        /// and texts embeds leave out; answers are cached.
        #[arg(long)]
        fetch_embeds: bool,
    },
    /// Preview the site: serve it locally, rebuild on save, reload open pages.
    Serve {
        /// The site folder (holding site.toml, content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on; anything but loopback exposes the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include articles dated after the time of each rebuild.
        #[arg(long)]
        future: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Check the site without writing anything: broken links and anchors,
    /// photos without credit or alt, authors without a profile…
    Check {
        /// The site folder (holding site.toml, content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Report findings as errors (as `strict = true` in site.toml).
        #[arg(long)]
        strict: bool,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also audit one page of each kind in headless Chromium: axe-core's
        /// WCAG 2.1 A and AA rules at 1280 and 390 px, and reflow at 320 and 640 px.
        #[arg(long)]
        a11y: bool,
        /// axe-core's `axe.min.js` [default: ROOT/node_modules/axe-core/axe.min.js].
        #[arg(long, value_name = "PATH", requires = "a11y")]
        axe: Option<PathBuf>,
    },
    /// Start an article: content/<category>/<date>-<slug>.md, as a draft.
    New {
        /// The article's title.
        title: String,
        /// An author's profile slug (content/authors/<slug>.md); repeat for several.
        #[arg(long = "author")]
        authors: Vec<String>,
        /// The article's category (section).
        #[arg(long)]
        category: Option<String>,
        /// The site folder (holding site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new publication in DIR (which must be missing or empty).
    Init {
        /// Where to create it.
        dir: PathBuf,
        /// Also copy the built-in theme to DIR/themes/default, for customizing.
        #[arg(long)]
        theme: bool,
    },
    /// Bring an archive in from WordPress (an export file), Jekyll or Hugo.
    Import(crate::import::ImportArgs),
}

/// What stopped a command; each is printed by `report` in its own form.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `build`: nothing was written; the warnings found before are printed too.
    #[error("{err}")]
    Build {
        err: Box<BuildError>,
        warnings: Vec<Diagnostic>,
    },
    /// `check`: the site does not build.
    #[error("{0}")]
    NotBuilt(Box<BuildError>),
    #[error(transparent)]
    Serve(#[from] ServeError),
    /// `check --a11y`: the audit could not run (no Chromium, no axe-core…).
    #[error(transparent)]
    Audit(#[from] crate::a11y::AuditError),
    #[error(transparent)]
    Authoring(#[from] AuthoringError),
    /// `import`: nothing was written into the target folder.
    #[error("{err}")]
    Import {
        err: Box<crate::import::ImportError>,
        into: PathBuf,
    },
}

/// How a command that ran to its end went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// `check` found errors: reported, and the exit status says so.
    Errors,
}

/// The program: parses the arguments, runs the command, prints what stopped it.
pub fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Errors) => ExitCode::FAILURE,
        Err(e) => {
            match &e {
                Error::Build { err, warnings } => crate::report::build_failed(err, warnings),
                Error::NotBuilt(err) => crate::report::check_not_built(err),
                Error::Serve(e) => crate::report::error(e),
                Error::Audit(e) => crate::report::error(e),
                Error::Authoring(e) => crate::report::error(e),
                Error::Import { err, into } => crate::report::import_failed(err, into),
            }
            ExitCode::FAILURE
        }
    }
}

pub fn run(command: Command) -> Result<Outcome, Error> {
    match command {
        Command::Build {
            root,
            output,
            drafts,
            future,
            base_url,
            force,
            strict,
            fetch_embeds,
        } => build::run(build::Options {
            output: output.unwrap_or_else(|| root.join("public")),
            root,
            drafts,
            future,
            base_url,
            force,
            strict,
            fetch_embeds,
        }),
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            future,
            open,
        } => serve::run(crate::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
            future,
            open,
        }),
        Command::Check {
            root,
            strict,
            drafts,
            a11y,
            axe,
        } => check::run(&check::Options {
            root,
            drafts,
            strict,
            a11y: a11y.then_some(check::A11y { axe }),
        }),
        Command::New {
            title,
            authors,
            category,
            root,
        } => new::run(crate::authoring::new::NewOptions {
            root,
            title,
            authors,
            category,
        }),
        Command::Init { dir, theme } => {
            init::run(crate::authoring::init::InitOptions { dir, theme })
        }
        Command::Import(args) => import::run(&args),
    }
}
