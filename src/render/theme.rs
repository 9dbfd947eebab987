//! A theme: its Tera 2 templates (with rotative's escaping, filters and the
//! `fragment` function), its static folder, and what each template depends
//! on. Template errors come out as diagnostics with the template's path,
//! line and column, the offending line and a caret — all of them in one load.

use super::{deps, embedded, filters, fragments};
use crate::error::{Diagnostic, Diagnostics, ThemeError};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::{ErrorKind, Tera};

pub const TEMPLATES: &[&str] = &[
    "base.html",
    "article.html",
    "index.html",
    "author.html",
    "authors.html",
    "tag.html",
    "tags.html",
    "category.html",
    "categories.html",
    "page.html",
    "404.html",
];

/// A theme folder: templates and static files.
pub struct Theme {
    pub dir: PathBuf,
    pub tera: Arc<Tera>,
    /// Where the templates are, as messages name them: `themes/default/templates/`.
    pub shown: String,
    /// For each template, a hash of its source and of every template it
    /// extends, includes, renders as a fragment or takes a component from:
    /// what a page made with it depends on.
    pub closures: HashMap<String, u64>,
    /// Static files of the theme compiled into the binary, by output path;
    /// empty for a theme on disk, whose files are in `dir/static`.
    pub embedded: BTreeMap<String, &'static [u8]>,
    /// The shortcodes articles may call: each `shortcodes/NAME.html`, which
    /// defines the component `NAME`.
    pub shortcodes: std::collections::BTreeSet<String>,
}

/// Where a theme's shortcodes are, under `templates/`.
pub const SHORTCODES: &str = "shortcodes/";

/// Every template source under `dir`, by name relative to it. A template
/// that cannot be read is an error naming it.
fn read_sources(dir: &Path, shown: &str) -> Result<BTreeMap<String, String>, ThemeError> {
    let mut out = BTreeMap::new();
    let mut errors = Diagnostics::default();
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = e.path().strip_prefix(dir) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".html") {
            continue;
        }
        match std::fs::read_to_string(e.path()) {
            Ok(src) => {
                out.insert(name, src);
            }
            Err(err) => errors.push(Diagnostic::error(
                format!("{shown}{name}"),
                None,
                format!("cannot read the template: {err}"),
            )),
        }
    }
    if errors.has_errors() {
        return Err(ThemeError::Templates(errors));
    }
    Ok(out)
}

fn closure_hashes(sources: &BTreeMap<String, String>) -> HashMap<String, u64> {
    let mut out = HashMap::new();
    for (name, deps) in deps::closures(sources) {
        let mut h = crate::fingerprint::hasher();
        (&name, &sources[&name]).hash(&mut h);
        for t in &deps {
            (t, sources.get(t)).hash(&mut h);
        }
        out.insert(name, h.finish());
    }
    out
}

/// A Tera instance with rotative's escaping, filters and `fragment`, and no
/// template yet: Tera 2 checks at load that every filter, test, function and
/// component a template names exists.
fn engine(cache: &Arc<fragments::Cache>) -> (Tera, Arc<fragments::Fragments>) {
    let mut tera = Tera::default();
    filters::register(&mut tera);
    let f = fragments::Fragments::register(&mut tera, cache.clone());
    (tera, f)
}

/// Turns one of Tera's reports (`error: …`, ` --> name:line:col`, the line
/// and a caret) into a diagnostic on the template's file.
fn report_to_diagnostic(shown: &str, report: &str) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    // What follows is ` |`, `N | source line`, ` | ^^^` (and notes).
    let excerpt: Vec<&str> = lines.skip(1).collect();
    let message = format!("{message}\n{}", excerpt.join("\n"));
    Some(Diagnostic::error(format!("{shown}{name}"), Some(line), message).with_column(Some(col)))
}

/// Every problem a Tera error holds, each on its template's file and line.
pub fn diagnostics(shown: &str, err: &tera::Error) -> Diagnostics {
    let mut out = Diagnostics::default();
    let text = match err.kind() {
        ErrorKind::SyntaxError(_) | ErrorKind::RenderingError(_) | ErrorKind::Msg(_) => {
            err.to_string()
        }
        _ => String::new(),
    };
    for report in text.split("\n\n").filter(|r| r.starts_with("error: ")) {
        match report_to_diagnostic(shown, report) {
            Some(d) => out.push(d),
            None => out.push(Diagnostic::error(shown.trim_end_matches('/'), None, report)),
        }
    }
    if out.all().is_empty() {
        let mut msg = err.to_string();
        let mut cur = std::error::Error::source(err);
        while let Some(e) = cur {
            msg.push_str(&format!("\n  caused by: {e}"));
            cur = e.source();
        }
        out.push(Diagnostic::error(shown.trim_end_matches('/'), None, msg));
    }
    out
}

/// Loads every template, reporting every error: each file's syntax alone
/// first (Tera stops at the first bad file), then the references between
/// them (unknown filters, functions, components, templates).
fn load_templates(
    shown: &str,
    sources: &BTreeMap<String, String>,
    cache: &Arc<fragments::Cache>,
) -> Result<Arc<Tera>, ThemeError> {
    let (mut tera, fragments) = engine(cache);
    let mut errors = Diagnostics::default();
    for (name, src) in sources {
        let (mut alone, _) = engine(cache);
        if let Err(e) = alone.add_raw_template(name, src)
            && matches!(e.kind(), ErrorKind::SyntaxError(_))
        {
            errors.extend(diagnostics(shown, &e).all().iter().cloned());
        }
    }
    if errors.all().is_empty()
        && let Err(e) = tera.add_raw_templates(sources.iter())
    {
        errors.extend(diagnostics(shown, &e).all().iter().cloned());
    }
    if !errors.all().is_empty() {
        errors.sort();
        return Err(ThemeError::Templates(errors));
    }
    let tera = Arc::new(tera);
    fragments.bind(&tera);
    Ok(tera)
}

impl Theme {
    /// Loads `themes/<name>` from the site; the default theme falls back to
    /// the copy compiled into the binary when the site has no such folder.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let dir = root.join("themes").join(name);
        let templates = dir.join("templates");
        let shown = format!("themes/{name}/templates/");
        if !templates.is_dir() {
            if name == embedded::NAME && !dir.exists() {
                return Theme::embedded(dir, shown);
            }
            return Err(ThemeError::NotFound {
                name: name.to_string(),
                templates,
            });
        }
        let sources = read_sources(&templates, &shown)?;
        Theme::finish(name, dir, shown, &sources, BTreeMap::new())
    }

    /// The default theme as compiled into the binary. `dir` is where it would
    /// be on disk: it does not exist, so no static file is read from there.
    fn embedded(dir: PathBuf, shown: String) -> Result<Theme, ThemeError> {
        let sources = embedded::templates()?
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let statics = embedded::statics()
            .map(|(rel, bytes)| (rel.to_string(), bytes))
            .collect();
        Theme::finish(embedded::NAME, dir, shown, &sources, statics)
    }

    /// Loads the templates and checks that every template a site needs is there.
    fn finish(
        name: &str,
        dir: PathBuf,
        shown: String,
        sources: &BTreeMap<String, String>,
        embedded: BTreeMap<String, &'static [u8]>,
    ) -> Result<Theme, ThemeError> {
        let missing: Vec<String> = TEMPLATES
            .iter()
            .filter(|t| !sources.contains_key(**t))
            .map(|t| t.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(ThemeError::Missing {
                name: name.to_string(),
                missing,
                templates: dir.join("templates"),
            });
        }
        let cache = Arc::new(fragments::Cache::default());
        let tera = load_templates(&shown, sources, &cache)?;
        let shortcodes = shortcode_names(&shown, sources, &tera)?;
        Ok(Theme {
            dir,
            tera,
            shown,
            closures: closure_hashes(sources),
            embedded,
            shortcodes,
        })
    }

    /// The component behind shortcode `name`, if the theme has that shortcode.
    pub fn shortcode(&self, name: &str) -> Option<tera::ComponentInfo> {
        self.shortcodes
            .contains(name)
            .then(|| self.tera.get_component_definition(name))
            .flatten()
    }

    /// `article, audio, box…`, or a sentence saying there are none.
    pub fn shortcode_names(&self) -> Vec<String> {
        if self.shortcodes.is_empty() {
            return vec![format!(
                "none (no {SHORTCODES} folder under {})",
                self.shown
            )];
        }
        self.shortcodes.iter().map(|n| format!("`{n}`")).collect()
    }
}

/// The shortcodes of a theme; a file under `shortcodes/` that does not define
/// the component of its name is an error on that file.
fn shortcode_names(
    shown: &str,
    sources: &BTreeMap<String, String>,
    tera: &Tera,
) -> Result<std::collections::BTreeSet<String>, ThemeError> {
    let mut names = std::collections::BTreeSet::new();
    let mut errors = Diagnostics::default();
    for name in sources.keys() {
        let Some(stem) = name
            .strip_prefix(SHORTCODES)
            .and_then(|n| n.strip_suffix(".html"))
        else {
            continue;
        };
        if stem.contains('/') || stem.starts_with('_') {
            continue;
        }
        if tera.contains_component(stem) {
            names.insert(stem.to_string());
        } else {
            errors.push(Diagnostic::error(
                format!("{shown}{name}"),
                Some(1),
                format!(
                    "this shortcode's template must define the component `{stem}`: `{{% component {stem}(…) %}} … {{% endcomponent {stem} %}}`"
                ),
            ));
        }
    }
    if errors.has_errors() {
        return Err(ThemeError::Templates(errors));
    }
    Ok(names)
}
