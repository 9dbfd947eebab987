//! `rotative check`: loads the site and renders it into memory (nothing is
//! written, not even photo copies), runs the editorial checks, and prints
//! `path:line: severity: message` lines and one summary line.

use super::{Error, Outcome};
use crate::error::Diagnostics;
use crate::output::Memory;
use crate::site::{LoadOptions, Site};
use crate::{check, report, timing};
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

pub fn run(root: &Path, drafts: bool, strict: bool) -> Result<Outcome, Error> {
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
    let strict = strict || site.config.strict;
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
    Ok(if shown.has_errors() {
        Outcome::Errors
    } else {
        Outcome::Done
    })
}
