//! The safety catalogue of issue 5: one test per numbered case, named
//! `case_NN_…`, so that each guarantee in the README's "Safety" section has a
//! test that fails if it is broken.
//!
//! - `output`: cases 1–8 (where the output may go, what is written, what is kept);
//! - `input`: cases 9–13 (odd files, dates, HTML, pathological Markdown);
//! - `serving`: cases 14–19 (the preview server);
//! - `fuzz`: case 20 (arbitrary bytes as an article file).

mod fuzz;
mod input;
mod output;
mod serving;

use std::collections::BTreeSet;
use std::path::Path;

/// Every path under `dir` (files, folders, links), relative, except those
/// under `skip` (a relative path such as `site/public`).
pub fn paths(dir: &Path, skip: &[&str]) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| {
            !skip
                .iter()
                .any(|s| p == s || p.starts_with(&format!("{s}/")))
        })
        .collect()
}
