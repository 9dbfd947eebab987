//! Accessibility: axe-core through `rotative check --a11y` on every page kind
//! of the demo site and on broken pages (`audit`), the structure screen
//! readers rely on in every page built (`structure`), and keyboard use and
//! reduced motion in Chromium (`keyboard`).

mod audit;
mod keyboard;
mod structure;

use crate::browser::chromium;
use crate::harness::repo;
use std::path::PathBuf;

/// axe-core as `.ci/run` installs it (`npm ci --prefix tests/a11y`), when
/// Chromium is there too. Outside CI a machine without them skips; in CI
/// their absence is a failure, not a silent skip.
pub fn axe() -> Option<String> {
    let p: PathBuf = repo().join("tests/a11y/node_modules/axe-core/axe.min.js");
    if p.is_file() && chromium().is_some() {
        return Some(p.to_string_lossy().into_owned());
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have Chromium and axe-core ({} is missing; .ci/run installs it)",
        p.display()
    );
    eprintln!("skipped: Chromium or axe-core is not installed (npm ci --prefix tests/a11y)");
    None
}
