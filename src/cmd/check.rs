//! `rotative check`: loads the site and renders it into memory (nothing is
//! written, not even photo copies), runs the editorial checks, and prints
//! `path:line: severity: message` lines and one summary line; with
//! `--a11y`, then serves the site on loopback and audits it in Chromium.

use super::{Error, Outcome};
use crate::a11y::{self, AuditError};
use crate::devtools::DevtoolsError;
use crate::error::Diagnostics;
use crate::output::Memory;
use crate::site::{LoadOptions, Site};
use crate::{check, report, timing};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

pub struct Options {
    pub root: PathBuf,
    pub drafts: bool,
    pub strict: bool,
    pub a11y: Option<A11y>,
}

/// `--a11y`, and where axe-core is if given.
pub struct A11y {
    pub axe: Option<PathBuf>,
}

pub fn run(opts: &Options) -> Result<Outcome, Error> {
    let (root, drafts) = (opts.root.as_path(), opts.drafts);
    // Before the build: a missing tool is said at once, not after a minute.
    let tools = match &opts.a11y {
        Some(a) => Some((
            crate::devtools::find_chromium()
                .ok_or(DevtoolsError::NotInstalled)
                .map_err(AuditError::from)?,
            a11y::locate_axe(root, a.axe.as_deref())?,
        )),
        None => None,
    };
    let start = Instant::now();
    let load = LoadOptions {
        drafts,
        skip_photo_copies: true,
        outline: true,
        ..LoadOptions::default()
    };
    let site = Site::load(root, &load).map_err(|e| Error::NotBuilt(Box::new(e)))?;
    let memory = Memory::default();
    let rendered = site
        .render_to(&memory, |_| Ok(()), &indicatif::ProgressBar::hidden())
        .map_err(|e| Error::NotBuilt(Box::new(e)))?;
    let pages: HashMap<String, Vec<u8>> = memory.into_pages().into_iter().collect();
    let built = start.elapsed();
    let strict = opts.strict || site.config.strict;
    let html_of = |rel: &str| pages.get(rel).cloned();
    let found = check::check_site(&site, &rendered.plan, &html_of, strict);
    timing::line(&[
        ("build in memory", built.as_secs_f64()),
        ("checks", (start.elapsed() - built).as_secs_f64()),
    ]);
    let mut shown = Diagnostics::default();
    shown.extend(check::not_repeated(site.diagnostics.all(), &found.findings));
    shown.extend(found.findings.iter().cloned());
    shown.sort();
    report::checked(
        &shown,
        &report::Checked {
            articles: found.articles,
            pages: found.pages,
            profiles: found.profiles,
            links: found.links,
            anchors: found.anchors,
            strict,
            elapsed: start.elapsed(),
        },
    );
    let mut failed = shown.has_errors();
    if let Some((chromium, axe)) = tools {
        let start = Instant::now();
        let samples = a11y::samples(&site.model, &rendered.plan);
        drop(pages);
        let served = crate::serve::Snapshot::start(root, drafts)?;
        let found = a11y::run(&chromium, &axe, &served.url, &samples, &|s| {
            report::auditing(s)
        })?;
        report::audited(&found, start.elapsed());
        failed |= !found.violations.is_empty();
    }
    Ok(if failed {
        Outcome::Errors
    } else {
        Outcome::Done
    })
}
