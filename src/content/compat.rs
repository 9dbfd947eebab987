//! Other generators' front matter (Jekyll, Hugo, Zola, Eleventy) read as it
//! is: their keys and value forms are translated into rotative's before the
//! fields are read, so an archive builds without being edited by hand.

use super::frontmatter::{FieldError, FrontMatter, scalar};
use crate::error::{Diagnostic, Diagnostics};
use serde_yaml::Value;
use std::collections::BTreeMap;

/// What the file is, since pages take fewer keys than articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Article,
    Page,
}

/// Ends every warning about a translated key; `once_per_site` keeps one of each.
const ONCE: &str = "(said once for the site";

const EXPIRES: &str = "articles do not expire in rotative; the article stays published";
const ONE_LANGUAGE: &str = "a rotative site has one language, `language` in site.toml";

/// Keys with a meaning rotative has no field for: kept in `extra` and reported,
/// so that nothing is lost without a word.
#[rustfmt::skip]
const UNMAPPED: &[(&str, &str)] = &[
    ("expiryDate", EXPIRES), ("expirydate", EXPIRES), ("unpublishdate", EXPIRES),
    ("lang", ONE_LANGUAGE), ("language", ONE_LANGUAGE),
    ("redirect_to", "rotative sends old addresses to articles (`aliases`), not articles elsewhere"),
    ("series", "rotative has no series; use a tag"),
    ("keywords", "rotative has no keywords; use `tags`"),
];

/// Image keys of other generators, in the order one is preferred to another.
#[rustfmt::skip]
const IMAGE_KEYS: &[&str] = &[
    "image", "cover", "featured_image", "featuredImage", "feature_image", "thumbnail", "images",
];
struct Tx<'a> {
    fm: &'a mut FrontMatter,
    notes: Vec<FieldError>,
    jekyll: bool,
}

/// Rewrites other generators' keys into rotative's, in place, and returns the
/// warnings: one naming the rotative key for each translated key, and one with
/// the line for each key that has no equivalent.
pub fn translate(fm: &mut FrontMatter, content_rel: &str, target: Target) -> Vec<FieldError> {
    // Jekyll splits string tags on spaces; other generators on commas.
    let jekyll = content_rel.split('/').any(|s| s == "_posts") || fm.get("layout").is_some();
    let mut tx = Tx {
        fm,
        notes: Vec::new(),
        jekyll,
    };
    tx.summary();
    tx.aliases();
    if target == Target::Article {
        tx.published();
        tx.dates();
        tx.authors();
        tx.taxonomies();
        tx.photo();
        tx.bundle_slug(content_rel);
    }
    for (key, why) in UNMAPPED {
        if tx.fm.get(key).is_some() {
            let line = tx.fm.line(key);
            tx.notes.push((
                line,
                format!("`{key}` has no equivalent: {why} (kept in `extra`)"),
            ));
        }
    }
    tx.notes
}

impl Tx<'_> {
    fn take(&mut self, key: &str) -> Option<(Value, Option<usize>)> {
        let line = self.fm.line(key);
        let v = self.fm.map.remove(key)?;
        (!v.is_null()).then_some((v, line))
    }

    fn put(&mut self, key: &str, v: Value, line: Option<usize>) {
        self.fm.map.insert(Value::String(key.into()), v);
        if let Some(l) = line {
            self.fm.key_lines.insert(key.into(), l);
        }
    }

    fn has(&self, key: &str) -> bool {
        self.fm.get(key).is_some()
    }

    /// The warning for a translated key; the same text for every file, so
    /// that one is kept per site.
    fn mapped(&mut self, line: Option<usize>, what: &str, to: &str) {
        self.notes.push((
            line,
            format!("{what} is read as {to}; write that instead {ONCE})"),
        ));
    }

    fn unmapped(&mut self, line: Option<usize>, key: &str, why: &str) {
        self.notes
            .push((line, format!("`{key}` {why} (kept in `extra`)")));
    }

    /// Puts a taken value back under its own name, where `extra` keeps it.
    fn keep(&mut self, key: &str, v: Value, line: Option<usize>) {
        self.put(key, v, line);
    }

    fn summary(&mut self) {
        for key in ["excerpt", "description"] {
            let Some((v, line)) = self.take(key) else {
                continue;
            };
            if self.has("summary") || scalar(&v).is_none() {
                self.keep(key, v, line);
                self.unmapped(line, key, "is not used: the file already has a summary");
                continue;
            }
            self.mapped(line, &format!("`{key}`"), "`summary`");
            self.put("summary", v, line);
        }
    }

    fn aliases(&mut self) {
        let mut extra: Vec<(String, Option<usize>)> = Vec::new();
        if let Some((v, line)) = self.take("redirect_from") {
            self.mapped(line, "`redirect_from`", "`aliases`");
            extra.extend(strings(&v).into_iter().map(|s| (s, line)));
        }
        for key in ["permalink", "url", "path"] {
            let Some((v, line)) = self.take(key) else {
                continue;
            };
            match scalar(&v) {
                Some(s) if s.starts_with('/') && !s.contains([':', '{', '?']) => {
                    self.mapped(
                        line,
                        &format!("`{key}` (the old address)"),
                        "an entry of `aliases`, the address coming from `permalink` in site.toml",
                    );
                    extra.push((s, line));
                }
                _ => {
                    self.keep(key, v, line);
                    self.unmapped(
                        line,
                        key,
                        "is not a plain path (`/old/address/`), so it cannot become an alias",
                    );
                }
            }
        }
        if extra.is_empty() {
            return;
        }
        let line = self.fm.key_lines.get("aliases").copied().or(extra[0].1);
        let mut all = self
            .take("aliases")
            .map(|(v, _)| strings(&v))
            .unwrap_or_default();
        for (s, _) in extra {
            if !all.contains(&s) {
                all.push(s);
            }
        }
        self.put("aliases", seq(all), line);
    }

    fn published(&mut self) {
        let Some((v, line)) = self.take("published") else {
            return;
        };
        match v {
            Value::Bool(false) if !self.has("draft") => {
                self.mapped(line, "`published: false`", "`draft: true`");
                self.put("draft", Value::Bool(true), line);
            }
            Value::Bool(true) => self.mapped(line, "`published: true`", "no `draft`"),
            other => {
                self.keep("published", other, line);
                self.unmapped(line, "published", "is not used beside `draft`");
            }
        }
    }

    fn dates(&mut self) {
        for key in ["publishDate", "publishdate", "pubdate"] {
            let Some((v, line)) = self.take(key) else {
                continue;
            };
            if let Some((old, old_line)) = self.take("date") {
                self.put("created", old, old_line);
            }
            self.mapped(
                line,
                &format!("`{key}`"),
                "`date` (the publication date; a `date` beside it is kept in `extra` as `created`)",
            );
            self.put("date", v, line);
        }
        for key in ["lastmod", "last_modified_at"] {
            let Some((v, line)) = self.take(key) else {
                continue;
            };
            if self.has("updated") || self.has("modified") {
                self.keep(key, v, line);
                self.unmapped(line, key, "is not used: the file already has `updated`");
                continue;
            }
            self.mapped(line, &format!("`{key}`"), "`updated`");
            self.put("updated", v, line);
        }
    }

    fn is_seq(&self, key: &str) -> bool {
        matches!(self.fm.get(key), Some(Value::Sequence(_)))
    }

    fn is_str(&self, key: &str) -> bool {
        matches!(self.fm.get(key), Some(Value::String(_)))
    }

    fn authors(&mut self) {
        if self.is_seq("author") {
            let (v, line) = self.take("author").expect("checked");
            self.mapped(line, "`author` as a list", "`authors`");
            let mut all = strings(&v);
            if let Some((v, _)) = self.take("authors") {
                all.extend(strings(&v));
            }
            self.put("authors", seq(all), line);
        }
        if self.is_str("authors") {
            let (v, line) = self.take("authors").expect("checked");
            let s = scalar(&v).unwrap_or_default();
            self.mapped(
                line,
                "`authors` as a string",
                "`authors: [a, b]` (split on commas)",
            );
            self.put("authors", seq(split_list(&s, false)), line);
        }
    }

    fn taxonomies(&mut self) {
        // Zola: `[taxonomies] tags = [...]`, `categories = [...]`, `authors = [...]`.
        if let Some(Value::Mapping(m)) = self.fm.get("taxonomies").cloned() {
            let line = self.fm.line("taxonomies");
            self.fm.map.remove("taxonomies");
            self.mapped(line, "`taxonomies`", "`tags`, `category` and `authors`");
            for (k, v) in m {
                let Some(k) = scalar(&k) else { continue };
                let key = if k == "author" { "authors".into() } else { k };
                if !self.has(&key) {
                    self.put(&key, v, line);
                }
            }
        }
        let mut extra_tags: Vec<String> = Vec::new();
        if self.is_str("tags") {
            let (v, line) = self.take("tags").expect("checked");
            let s = scalar(&v).unwrap_or_default();
            let how = if self.jekyll {
                "split on spaces, as Jekyll does"
            } else {
                "split on commas"
            };
            self.mapped(
                line,
                "`tags` as a string",
                &format!("the list `tags: [a, b]` ({how})"),
            );
            self.put("tags", seq(split_list(&s, self.jekyll)), line);
        }
        let mut line_of_category = None;
        let mut names: Vec<String> = Vec::new();
        if let Some((v, line)) = self.take("categories") {
            self.mapped(
                line,
                "`categories`",
                "`category` (the first) and `tags` (the others)",
            );
            names.extend(match &v {
                Value::String(s) => split_list(s, self.jekyll),
                other => strings(other),
            });
            line_of_category = line;
        }
        if let Some((v, line)) = self.take("category") {
            match v {
                Value::Sequence(_) => {
                    self.mapped(
                        line,
                        "`category` as a list",
                        "`category` (the first) and `tags` (the others)",
                    );
                    let mut list = strings(&v);
                    list.append(&mut names);
                    names = list;
                    line_of_category = line;
                }
                other => {
                    // A plain category is rotative's own and comes first.
                    self.put("category", other, line);
                }
            }
        }
        if !names.is_empty() {
            names.retain(|n| !n.trim().is_empty());
            let mut rest = names.into_iter();
            let first = if self.has("category") {
                None
            } else {
                rest.next()
            };
            if let Some(first) = first {
                self.put("category", Value::String(first), line_of_category);
            }
            extra_tags.extend(rest);
        }
        if !extra_tags.is_empty() {
            let line = self.fm.key_lines.get("tags").copied().or(line_of_category);
            let mut tags = self
                .take("tags")
                .map(|(v, _)| strings(&v))
                .unwrap_or_default();
            for t in extra_tags {
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            self.put("tags", seq(tags), line);
        }
    }

    fn photo(&mut self) {
        for key in IMAGE_KEYS {
            let Some((v, line)) = self.take(key) else {
                continue;
            };
            let photo = if self.has("photo") {
                None
            } else {
                photo_of(&v)
            };
            match photo {
                Some(p) => {
                    self.mapped(
                        line,
                        &format!("`{key}`"),
                        "`photo` (`src`, `alt`, `caption`, `credit`)",
                    );
                    self.put("photo", p, line);
                }
                None => {
                    self.keep(key, v, line);
                    let why = if self.has("photo") {
                        "is not used: the article already has a lead photo"
                    } else {
                        "names no image path, so it cannot become `photo`"
                    };
                    self.unmapped(line, key, why);
                }
            }
        }
    }

    /// A Hugo page bundle (`post/mon-article/index.md`) is named by its folder.
    fn bundle_slug(&mut self, content_rel: &str) {
        let mut parts = content_rel.rsplit('/');
        let (Some(name), Some(folder)) = (parts.next(), parts.next()) else {
            return;
        };
        if self.has("slug") || !matches!(name, "index.md" | "index.markdown") {
            return;
        }
        let line = self.fm.line("title");
        self.notes.push((
            line,
            format!(
                "an article named `index.md` (a Hugo page bundle) takes its folder's name as slug; set `slug:` to choose another {ONCE})"
            ),
        ));
        self.put("slug", Value::String(folder.into()), None);
    }
}

/// `photo` from a string (the path) or a map with the path under one of the
/// names themes use.
fn photo_of(v: &Value) -> Option<Value> {
    let mut out = serde_yaml::Mapping::new();
    match v {
        Value::Sequence(items) => return items.first().and_then(photo_of),
        Value::Mapping(m) => {
            let get = |names: &[&str]| {
                names
                    .iter()
                    .find_map(|n| m.get(*n).and_then(scalar))
                    .filter(|s| !s.trim().is_empty())
            };
            let src = get(&["src", "path", "image", "url", "feature", "file", "filename"])?;
            out.insert("src".into(), src.into());
            for (to, names) in [
                ("alt", &["alt", "alt_text", "alternative"][..]),
                ("caption", &["caption", "title"][..]),
                (
                    "credit",
                    &["credit", "credits", "attribution", "author"][..],
                ),
            ] {
                if let Some(s) = get(names) {
                    out.insert(to.into(), s.into());
                }
            }
        }
        other => {
            let src = scalar(other).filter(|s| !s.trim().is_empty())?;
            out.insert("src".into(), src.into());
        }
    }
    Some(Value::Mapping(out))
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

fn seq(items: Vec<String>) -> Value {
    Value::Sequence(items.into_iter().map(Value::String).collect())
}

/// Splits `"a, b"` on commas; in Jekyll, a string without commas on spaces.
fn split_list(s: &str, jekyll: bool) -> Vec<String> {
    let parts: Vec<&str> = if s.contains(',') || !jekyll {
        s.split(',').collect()
    } else {
        s.split_whitespace().collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// Keeps, for each translated key, the warning of the first file (in path
/// order) and says how many files use it: an archive of 3,000 posts with
/// `excerpt:` gets one line, not 3,000.
pub fn once_per_site(diags: Diagnostics) -> Diagnostics {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in diags.all() {
        if let Some(k) = once_key(d) {
            *counts.entry(k.to_string()).or_default() += 1;
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Diagnostics::default();
    for d in diags.all() {
        match once_key(d) {
            None => out.push(d.clone()),
            Some(k) if seen.insert(k.to_string()) => {
                let n = counts[k];
                let mut d = d.clone();
                d.message = format!(
                    "{}{ONCE}: {n} file{} use{} it)",
                    d.message.trim_end_matches(&format!("{ONCE})")),
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" }
                );
                out.push(d);
            }
            Some(_) => {}
        }
    }
    out
}

/// Whether a warning of `translate` is about a translated key (and not about
/// a key without an equivalent).
pub fn is_once(message: &str) -> bool {
    message.ends_with(&format!("{ONCE})"))
}

fn once_key(d: &Diagnostic) -> Option<&str> {
    if d.is_error() || !is_once(&d.message) {
        return None;
    }
    Some(&d.message)
}

#[cfg(test)]
#[path = "compat_tests.rs"]
mod tests;
