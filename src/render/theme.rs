//! A theme on disk: its Tera templates (with rotative's escaping and the
//! `fragment` function), its static folder, and what each template depends on.

use super::{embedded, escape::escape_html, fragments};
use crate::error::ThemeError;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

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
    pub tera: Tera,
    /// For each template, a hash of its source and of every template it
    /// extends, includes or imports: what a page made with it depends on.
    pub closures: HashMap<String, u64>,
    /// Rendered fragments, kept while the templates stay the same.
    pub fragments: Arc<fragments::Cache>,
    /// Static files of the theme compiled into the binary, by output path;
    /// empty for a theme on disk, whose files are in `dir/static`.
    pub embedded: BTreeMap<String, &'static [u8]>,
}

/// The string literal at the start of `s`, if any.
fn leading_literal(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    s[1..].find(q).map(|end| s[1..1 + end].to_string())
}

/// Names of the templates a template pulls in: extends, include, import, and
/// `fragment(name="…")` calls.
fn template_deps(source: &str) -> Vec<String> {
    let mut deps = Vec::new();
    for (i, _) in source.match_indices("{%") {
        let tag = source[i + 2..].trim_start_matches('-').trim_start();
        if let Some(rest) = ["extends", "include", "import"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
        {
            deps.extend(leading_literal(rest.trim_start()));
        }
    }
    for (i, _) in source.match_indices("fragment(") {
        let args = &source[i + 9..];
        let args = &args[..args.find(')').unwrap_or(args.len())];
        if let Some(n) = args.find("name") {
            let value = args[n + 4..]
                .trim_start()
                .strip_prefix('=')
                .unwrap_or("")
                .trim_start();
            deps.extend(leading_literal(value));
        }
    }
    deps
}

/// Every template source under `dir`, by name relative to it.
fn read_sources(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((name, std::fs::read_to_string(e.path()).ok()?))
        })
        .collect()
}

fn closure_hashes(sources: &BTreeMap<String, String>) -> HashMap<String, u64> {
    use std::hash::{Hash, Hasher};
    let mut out = HashMap::new();
    for name in sources.keys() {
        let mut seen = BTreeSet::new();
        let mut todo = vec![name.clone()];
        while let Some(t) = todo.pop() {
            if let Some(src) = sources.get(&t)
                && seen.insert(t.clone())
            {
                todo.extend(template_deps(src));
            }
        }
        let mut h = crate::fingerprint::hasher();
        for t in &seen {
            (t, &sources[t]).hash(&mut h);
        }
        out.insert(name.clone(), h.finish());
    }
    out
}

impl Theme {
    /// Loads `themes/<name>` from the site; the default theme falls back to
    /// the copy compiled into the binary when the site has no such folder.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let dir = root.join("themes").join(name);
        let templates = dir.join("templates");
        if !templates.is_dir() {
            if name == embedded::NAME && !dir.exists() {
                return Theme::embedded(dir);
            }
            return Err(ThemeError::NotFound {
                name: name.to_string(),
                templates,
            });
        }
        let glob = format!("{}/**/*.html", templates.display());
        let tera = Tera::new(&glob).map_err(|source| ThemeError::Template {
            name: name.to_string(),
            embedded: false,
            source,
        })?;
        let sources = read_sources(&templates);
        Theme::finish(name, dir, tera, &sources, BTreeMap::new())
    }

    /// The default theme as compiled into the binary. `dir` is where it would
    /// be on disk: it does not exist, so no static file is read from there.
    fn embedded(dir: PathBuf) -> Result<Theme, ThemeError> {
        let name = embedded::NAME;
        let fail = |source| ThemeError::Template {
            name: name.to_string(),
            embedded: true,
            source,
        };
        let templates = embedded::templates()?;
        let mut tera = Tera::default();
        tera.add_raw_templates(templates.iter().copied())
            .map_err(fail)?;
        let sources = templates
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        let statics = embedded::statics()
            .map(|(rel, bytes)| (rel.to_string(), bytes))
            .collect();
        Theme::finish(name, dir, tera, &sources, statics)
    }

    /// Adds rotative's escaping and filters, and checks that every template a
    /// site needs is there. (`fragment` is added per render: `Renderer::new`.)
    fn finish(
        name: &str,
        dir: PathBuf,
        mut tera: Tera,
        sources: &BTreeMap<String, String>,
        embedded: BTreeMap<String, &'static [u8]>,
    ) -> Result<Theme, ThemeError> {
        tera.set_escape_fn(escape_html);
        tera.register_filter("truncate", truncate);
        let names: Vec<&str> = tera.get_template_names().collect();
        let missing: Vec<String> = TEMPLATES
            .iter()
            .filter(|t| !names.contains(t))
            .map(|t| t.to_string())
            .collect();
        if !missing.is_empty() {
            return Err(ThemeError::Missing {
                name: name.to_string(),
                missing,
                templates: dir.join("templates"),
            });
        }
        Ok(Theme {
            dir,
            tera,
            closures: closure_hashes(sources),
            fragments: Arc::default(),
            embedded,
        })
    }
}

/// Tera's `truncate`, with the same arguments and result, but a string with
/// no more characters than `length` is returned without splitting it into
/// grapheme clusters: it has no more clusters than characters either, and
/// base.html truncates three descriptions on every page.
fn truncate(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    use unicode_segmentation::UnicodeSegmentation;
    let wrong = |what: &str, got: &Value, want: &str| {
        tera::Error::msg(format!(
            "Filter `truncate` {what}: got `{got}` but expected a {want}"
        ))
    };
    let Value::String(s) = value else {
        return Err(wrong("was called on an incorrect value", value, "String"));
    };
    let length = match args.get("length") {
        Some(l) => l
            .as_u64()
            .ok_or_else(|| wrong("received an incorrect type for arg `length`", l, "usize"))?
            as usize,
        None => 255,
    };
    let end = match args.get("end") {
        Some(e) => e
            .as_str()
            .ok_or_else(|| wrong("received an incorrect type for arg `end`", e, "String"))?,
        None => "…",
    };
    if s.chars().count() <= length {
        return Ok(value.clone());
    }
    Ok(match s.grapheme_indices(true).nth(length) {
        Some((cut, _)) => Value::String(format!("{}{end}", &s[..cut])),
        None => value.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our `truncate` against Tera's own, on the cases where they could part.
    #[test]
    fn truncate_gives_what_teras_filter_gives() {
        let strings = [
            "",
            "court",
            "exactement dix",
            "Une phrase un peu plus longue que la limite",
            "e\u{301}e\u{301}e\u{301}e\u{301}", // four clusters of two characters
            "🇫🇷🇫🇷🇫🇷",                           // flags: two characters each
            "noël à l'école",
        ];
        let calls = [
            "length=3",
            "length=4",
            "length=8",
            "length=14",
            "length=0",
            "length=5, end=\"\"",
            "length=2, end=\" [...]\"",
        ];
        let mut ours = Tera::default();
        ours.register_filter("truncate", truncate);
        for s in strings {
            for call in calls {
                let template = format!("{{{{ s | truncate({call}) }}}}");
                let mut ctx = tera::Context::new();
                ctx.insert("s", s);
                let theirs = Tera::one_off(&template, &ctx, false).unwrap();
                let mine = ours.render_str(&template, &ctx).unwrap();
                assert_eq!(mine, theirs, "{s:?} with {call}");
            }
        }
        let mut ctx = tera::Context::new();
        ctx.insert("n", &3);
        let err = ours
            .render_str("{{ n | truncate(length=1) }}", &ctx)
            .unwrap_err();
        let chain = crate::error::chain(&err);
        assert!(
            chain.contains(
                "Filter `truncate` was called on an incorrect value: got `3` but expected a String"
            ),
            "{chain}"
        );
    }
}
