//! What a batch of file events changed, sorted by what it makes the preview
//! rebuild: the configuration (everything), templates (the pages made with
//! them), theme static files (nothing: served from disk), content files.

use crate::content::is_ignored_name;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a batch of file events touched, which decides what gets rebuilt.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub config: bool,
    pub templates: bool,
    /// Theme static files: served from disk, so nothing to render.
    pub statics: Vec<PathBuf>,
    /// Files under `content/` (absolute paths), including deleted ones.
    pub content: HashSet<PathBuf>,
}

impl ChangeSet {
    /// Sorts changed paths by what they affect. Editors' temporary and backup
    /// files (`.x.swp`, `x~`, `4913`, `.#x`…) are not part of the site and are dropped.
    pub fn classify(
        root: &Path,
        theme: &str,
        paths: impl IntoIterator<Item = PathBuf>,
    ) -> ChangeSet {
        let mut c = ChangeSet::default();
        let theme_dir = root.join("themes").join(theme);
        for p in paths {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if is_ignored_name(&name) {
                continue;
            }
            if p == root.join("site.toml") {
                c.config = true;
            } else if p.starts_with(theme_dir.join("templates")) {
                c.templates = true;
            } else if p.starts_with(theme_dir.join("static")) {
                if !c.statics.contains(&p) {
                    c.statics.push(p);
                }
            } else if p.starts_with(root.join("content")) {
                c.content.insert(p);
            }
        }
        c.statics.sort();
        c
    }

    pub fn is_empty(&self) -> bool {
        !self.config && !self.templates && self.statics.is_empty() && self.content.is_empty()
    }

    /// Only stylesheets changed: the browser can swap them without reloading.
    pub fn css_only(&self) -> bool {
        !self.config
            && !self.templates
            && self.content.is_empty()
            && !self.statics.is_empty()
            && self
                .statics
                .iter()
                .all(|p| p.extension().is_some_and(|e| e == "css"))
    }

    /// A short description for the rebuild line: `content/a.md`, `3 files`…
    pub fn describe(&self, root: &Path) -> String {
        let mut parts = Vec::new();
        if self.config {
            parts.push("site.toml".to_string());
        }
        if self.templates {
            parts.push("templates".to_string());
        }
        // Editors' temporary files are gone by now; name only real files.
        let files: Vec<&PathBuf> = self
            .content
            .iter()
            .filter(|p| p.exists() || p.extension().is_some_and(|e| e == "md" || e == "markdown"))
            .chain(&self.statics)
            .collect();
        match files.as_slice() {
            [] => {}
            [one] => parts.push(one.strip_prefix(root).unwrap_or(one).display().to_string()),
            many => parts.push(format!("{} files", many.len())),
        }
        parts.join(", ")
    }
}
