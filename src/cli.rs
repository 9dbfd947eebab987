//! The command line: argument parsing, and printing results and problems.

use crate::error::{BuildError, Diagnostic};
use crate::site::{self, BuildOptions, LoadOptions};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

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

fn print_diagnostics(ds: &[Diagnostic]) {
    for d in ds {
        eprintln!("{d}");
    }
}

pub fn run() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            future,
            base_url,
            force,
            strict,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let opts = BuildOptions {
                root,
                output,
                load: LoadOptions {
                    drafts,
                    base_url,
                    future,
                    now: None,
                },
                force,
                progress: std::io::stderr().is_terminal(),
                strict,
            };
            build(&opts)
        }
        Command::Serve {
            root,
            bind,
            port,
            drafts,
            future,
            open,
        } => {
            let opts = crate::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                future,
                open,
            };
            match crate::serve::run(opts) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    1
                }
            }
        }
        Command::Check {
            root,
            strict,
            drafts,
        } => crate::check::command(&crate::check::CheckOptions {
            root,
            drafts,
            strict,
        }),
        Command::New {
            title,
            authors,
            category,
            root,
        } => crate::authoring::new::command(&crate::authoring::new::NewOptions {
            root,
            title,
            authors,
            category,
        }),
        Command::Init { dir, theme } => {
            crate::authoring::init::command(&crate::authoring::init::InitOptions { dir, theme })
        }
        Command::Import(args) => crate::import::command(&args),
    }
}

fn build(opts: &BuildOptions) -> i32 {
    match site::build(opts) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            let kinds: Vec<String> = report
                .stats
                .by_kind
                .iter()
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            let w = report.warnings.len();
            let img = report.stats.images;
            // Shows that a rebuild with unchanged photos did no image work.
            let photos = if img.encoded + img.cached > 0 {
                format!(
                    ", {} photo copies encoded ({} reused)",
                    img.encoded, img.cached
                )
            } else {
                String::new()
            };
            println!(
                "Built {} pages ({}), copied {} files{photos}, {} warning{}, in {:.2} s → {}",
                report.stats.pages(),
                kinds.join(", "),
                report.stats.assets,
                w,
                if w == 1 { "" } else { "s" },
                report.elapsed.as_secs_f64(),
                report.output.display()
            );
            if let Some(line) = &report.scheduled {
                println!("{line}");
            }
            0
        }
        Err((err, warnings)) => {
            print_diagnostics(&warnings);
            match err {
                BuildError::Content(ds) => {
                    print_diagnostics(&ds.warnings().cloned().collect::<Vec<_>>());
                    eprintln!("{}", BuildError::Content(ds));
                }
                BuildError::Fatal(msg) => {
                    let msg = if msg.starts_with("error:") {
                        msg
                    } else {
                        format!("error: {msg}")
                    };
                    eprintln!("{msg}\nbuild failed; the previous output was left untouched");
                }
            }
            1
        }
    }
}
