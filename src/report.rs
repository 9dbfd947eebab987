//! The one place that prints: every command's diagnostics, summaries and
//! errors go through here, to stderr (problems) or stdout (results), in the
//! forms the README documents.

use crate::error::{BuildError, Diagnostic, Diagnostics};
use crate::preview::Rebuild;
use crate::site::Stats;
use std::path::Path;
use std::time::Duration;

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `path:line: severity: message`, one a line.
pub fn diagnostics<'a>(ds: impl IntoIterator<Item = &'a Diagnostic>) {
    for d in ds {
        eprintln!("{d}");
    }
}

/// A problem that stops a command, printed as `error: …`.
pub fn error(e: &dyn std::fmt::Display) {
    eprintln!("error: {e}");
}

/// A problem a command goes on despite.
pub fn warning(e: &dyn std::fmt::Display) {
    eprintln!("warning: {e}");
}

/// What `rotative build` did, on one line, and what scheduling held back.
pub fn built(
    stats: &Stats,
    warnings: usize,
    elapsed: Duration,
    output: &Path,
    scheduled: Option<&str>,
) {
    let kinds: Vec<String> = stats
        .by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let img = stats.images;
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
        "Built {} pages ({}), copied {} files{photos}, {}, in {:.2} s → {}",
        stats.pages(),
        kinds.join(", "),
        stats.assets,
        plural(warnings, "warning"),
        elapsed.as_secs_f64(),
        output.display()
    );
    if let Some(line) = scheduled {
        println!("{line}");
    }
}

/// Why `rotative build` wrote nothing; the previous output is intact.
pub fn build_failed(err: &BuildError, warnings: &[Diagnostic]) {
    diagnostics(warnings);
    match err {
        BuildError::Content(ds) => {
            diagnostics(ds.warnings());
            eprintln!("{err}");
        }
        other => eprintln!(
            "{}\nbuild failed; the previous output was left untouched",
            other.lines().join("\n")
        ),
    }
}

/// Why `rotative check` could not even build the site.
pub fn check_not_built(err: &BuildError) {
    match err {
        BuildError::Content(ds) => {
            diagnostics(ds.all());
            println!(
                "Check failed: the site does not build ({}, {})",
                plural(ds.errors().count(), "error"),
                plural(ds.warnings().count(), "warning")
            );
        }
        other => {
            eprintln!("{}", other.lines().join("\n"));
            println!("Check failed: the site does not build");
        }
    }
}

/// What `rotative check` looked at and found.
pub struct Checked {
    pub articles: usize,
    pub pages: usize,
    pub profiles: usize,
    pub links: usize,
    pub anchors: usize,
    pub strict: bool,
    pub elapsed: Duration,
}

pub fn checked(shown: &Diagnostics, c: &Checked) {
    diagnostics(shown.all());
    println!(
        "Checked {}, {} and {} ({} to the site, {}){}: {}, {} in {:.2} s",
        plural(c.articles, "article"),
        plural(c.pages, "page"),
        plural(c.profiles, "author profile"),
        plural(c.links, "link"),
        plural(c.anchors, "anchor"),
        if c.strict { " in strict mode" } else { "" },
        plural(shown.errors().count(), "error"),
        plural(shown.warnings().count(), "warning"),
        c.elapsed.as_secs_f64()
    );
}

/// `rotative new`: the path of the new article, after its warnings.
pub fn created(warnings: &[String], path: &Path) {
    for w in warnings {
        eprintln!("{w}");
    }
    println!("{}", path.display());
}

/// `rotative init`: what was made and what to do next.
pub fn initialized(dir: &Path, files: &[String]) {
    println!("Created a new publication in {}:", dir.display());
    for f in files {
        println!("  {f}");
    }
    println!(
        "Next: `cd {}`, then `rotative serve` to preview it and `rotative new \"Titre de l'article\"` to start an article.",
        dir.display()
    );
}

/// The preview's first build.
pub fn served_first(r: &Rebuild, elapsed: Duration, scheduled: Option<&str>) {
    diagnostics(&r.warnings);
    println!(
        "Built {} pages in {:.0} ms",
        r.rendered,
        elapsed.as_secs_f64() * 1000.0
    );
    if let Some(line) = scheduled {
        println!("{line}");
    }
}

/// The preview's first build failed; it serves anyway.
pub fn serve_start_failed(message: &str) {
    eprintln!("{message}\nthe server starts anyway and rebuilds on the next change");
}

pub fn serving(url: &str) {
    println!("Serving at {url}/ (press Ctrl+C to stop)");
}

/// One line per preview rebuild.
pub fn rebuilt(what: &str, r: &Rebuild) {
    diagnostics(&r.warnings);
    println!(
        "Rebuilt after {what}: {} page{} rendered, {} removed, in {:.0} ms",
        r.rendered,
        if r.rendered == 1 { "" } else { "s" },
        r.removed,
        r.elapsed.as_secs_f64() * 1000.0
    );
}

pub fn rebuild_failed(what: &str, message: &str) {
    eprintln!("Rebuild after {what} failed; still serving the last good version:\n{message}");
}

/// A debugging line of the watcher (`ROTATIVE_DEBUG_WATCH`).
pub fn watch_debug(paths: &[std::path::PathBuf]) {
    eprintln!("watch: {paths:?}");
}

/// `rotative import`: every warning with its file, then the counts.
pub fn imported(report: &crate::import::Report) {
    for l in report.warning_lines() {
        eprintln!("{l}");
    }
    print!("{}", report.summary());
}

/// Why `rotative import` wrote nothing. A problem in the source already
/// reads `path:line: error: …`.
pub fn import_failed(err: &crate::import::ImportError, into: &Path) {
    match err {
        crate::import::ImportError::Source { .. } => eprintln!("{err}"),
        other => error(other),
    }
    eprintln!("import failed; nothing was written into {}", into.display());
}

/// `check --a11y`: the page about to be audited, as progress.
pub fn auditing(s: &crate::a11y::Sample) {
    eprintln!("  auditing {} ({})", s.url, s.label);
}

/// `check --a11y`: each violation, its elements, and one summary line.
pub fn audited(f: &crate::a11y::Findings, elapsed: Duration) {
    for v in &f.violations {
        let scheme = if v.scheme == "light" { "" } else { ", dark" };
        eprintln!(
            "{} at {} px{scheme}: error: {} ({}): {}",
            v.url, v.width, v.rule, v.impact, v.help
        );
        for (element, what) in &v.nodes {
            eprintln!("    {element}: {what}");
        }
    }
    let widths = |w: &[u32]| {
        w.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" and ")
    };
    println!(
        "Audited {} with axe-core {} (WCAG 2.1 A and AA at {} px{}; reflow at {} px): {} in {:.1} s",
        plural(f.pages.len(), "page"),
        f.axe_version,
        widths(&crate::a11y::WIDTHS),
        if f.schemes.len() > 1 {
            ", light and dark"
        } else {
            ""
        },
        widths(&crate::a11y::REFLOW_WIDTHS),
        if f.violations.is_empty() {
            "no violations".to_string()
        } else {
            plural(f.violations.len(), "violation")
        },
        elapsed.as_secs_f64()
    );
}
