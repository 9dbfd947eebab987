//! Reading one Markdown file into an article, an author profile or a page,
//! collecting every problem it has with the line it is on.

use super::compat::{self, Target};
use super::dates;
use super::frontmatter::{self, FieldError, FrontMatter, YamlError};
use super::lead_photo::{photo, resolve_photo};
use super::markdown;
use super::outline;
use super::typography::french;
use super::{ParseOptions, SourceFile};
use crate::error::Diagnostic;
use crate::model::{Article, AuthorProfile, Outline, Photo};
use crate::slug::slugify;
use chrono_tz::Tz;
use std::path::Path;
use std::sync::Arc;

/// Collects a file's problems so that one build reports all of them.
pub(super) struct Report<'a> {
    pub(super) rel: &'a Path,
    pub(super) diags: Vec<Diagnostic>,
}

impl Report<'_> {
    pub(super) fn error(&mut self, (line, msg): FieldError) {
        self.diags.push(Diagnostic::error(self.rel, line, msg));
    }
    pub(super) fn error_at(&mut self, (line, column, msg): YamlError) {
        self.diags
            .push(Diagnostic::error(self.rel, line, msg).with_column(column));
    }
    pub(super) fn warning(&mut self, (line, msg): FieldError) {
        self.diags.push(Diagnostic::warning(self.rel, line, msg));
    }
    pub(super) fn ok<T: Default>(&mut self, r: Result<T, FieldError>) -> T {
        r.unwrap_or_else(|e| {
            self.error(e);
            T::default()
        })
    }
}

/// Keeps a name that makes a URL segment, and warns about one that does not
/// (`tags: [".."]`): it would otherwise vanish from the site without a word.
fn sluggable(r: &mut Report, line: Option<usize>, what: &str, name: &str, then: &str) -> bool {
    if !slugify(name).is_empty() {
        return true;
    }
    r.warning((
        line,
        format!("{what} `{name}` has no letter or digit to make a URL of; {then}"),
    ));
    false
}

/// Front-matter text as readers see it: French typography when it is on.
pub(super) fn typeset(opts: &ParseOptions, s: String) -> String {
    if opts.french { french(&s) } else { s }
}

/// The required `title`, typeset; an error when it is missing or blank.
pub(super) fn title(r: &mut Report, fm: &FrontMatter, opts: &ParseOptions, what: &str) -> String {
    let title = typeset(opts, r.ok(fm.string("title")).unwrap_or_default());
    if title.trim().is_empty() {
        r.error((
            fm.line("title"),
            format!("missing `title`: every {what} needs a non-empty title"),
        ));
    }
    title
}

/// Splits and parses the front matter; a file without one is an error for
/// every kind of Markdown file, since each needs at least a title or a name.
fn front_matter<'t>(text: &'t str, what: &str) -> Result<(FrontMatter, &'t str), YamlError> {
    if text.trim().is_empty() {
        return Err((
            Some(1),
            None,
            format!("the file is empty; {what} needs a front matter"),
        ));
    }
    let split = frontmatter::split(text).map_err(|(l, m)| (l, None, m))?;
    if split.front.is_none() {
        return Err((
            Some(1),
            None,
            format!(
                "missing front matter: {what} must start with a line `---`, then `key: value` lines, then `---`"
            ),
        ));
    }
    Ok((frontmatter::parse_split(&split)?, split.body))
}

/// Starts reading one Markdown file: its front matter, its body, and a report
/// already holding the warnings for misspelt keys. `Err` holds the problem
/// that stops the reading (no front matter, bad YAML).
pub(super) fn open<'a, 't>(
    file: &'a SourceFile,
    text: &'t str,
    what: &str,
    known: &[&str],
    target: Option<Target>,
) -> Result<(Report<'a>, FrontMatter, &'t str), Vec<Diagnostic>> {
    let mut r = Report {
        rel: &file.rel,
        diags: Vec::new(),
    };
    match front_matter(text, what) {
        Ok((mut fm, body)) => {
            if let Some(target) = target {
                for w in compat::translate(&mut fm, &file.content_rel, target) {
                    r.warning(w);
                }
            }
            for w in frontmatter::typo_warnings(&fm, known) {
                r.warning(w);
            }
            Ok((r, fm, body))
        }
        Err(e) => {
            r.error_at(e);
            Err(r.diags)
        }
    }
}

const ARTICLE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "modified",
    "author",
    "authors",
    "category",
    "tags",
    "photo",
    "summary",
    "slug",
    "draft",
    "aliases",
    "comments",
    "corrections",
    "access",
    "live",
    "live_until",
];

pub fn parse_article(
    file: &SourceFile,
    text: &str,
    opts: &ParseOptions,
) -> (Option<Article>, Vec<Diagnostic>) {
    let tz = opts.tz;
    let (mut r, fm, body) = match open(
        file,
        text,
        "an article",
        ARTICLE_KEYS,
        Some(Target::Article),
    ) {
        Ok(x) => x,
        Err(diags) => return (None, diags),
    };
    let title = title(&mut r, &fm, opts, "article");
    let stem = file_stem(&file.content_rel);
    let name_date = dates::from_file_name(stem);
    let date_text = r.ok(fm.string("date"));
    let has_time = date_text.as_ref().is_some_and(|d| d.contains(':'));
    let date = match date_text {
        Some(s) => parse_date(&mut r, &fm, "date", &s, tz),
        None => match name_date {
            Some((d, _)) => Some(dates::day_start(d, tz)),
            None => {
                r.error((
                    fm.line("title"),
                    "missing `date` (or a file name starting with YYYY-MM-DD-)".into(),
                ));
                None
            }
        },
    };
    let updated = updated(&mut r, &fm, tz);
    let (corrections, bad) = super::life::corrections(&fm, tz, &|s| typeset(opts, s));
    bad.into_iter().for_each(|e| r.error(e));
    let mut authors = r.ok(fm.string_or_list("author"));
    authors.extend(r.ok(fm.string_or_list("authors")));
    authors.retain(|a| !a.trim().is_empty());
    authors.iter_mut().for_each(|a| *a = a.trim().to_string());
    let author_line = fm.line("author").or(fm.line("authors"));
    authors.retain(|a| sluggable(&mut r, author_line, "author", a, "it was left out"));
    let slug = match r.ok(fm.string("slug")) {
        Some(s) => slugify(&s),
        None => slugify(name_date.map_or(stem, |(_, rest)| rest)),
    };
    if slug.is_empty() {
        r.error((
            fm.line("slug"),
            "the slug is empty once reduced to letters and digits; set `slug:`".into(),
        ));
    }
    let photo = photo(&mut r, &fm, opts).and_then(|p| resolve_photo(&mut r, &fm, p, file, opts));
    let category = r.ok(fm.string("category")).filter(|c| {
        !c.trim().is_empty()
            && sluggable(
                &mut r,
                fm.line("category"),
                "category",
                c,
                "the article is left without a category",
            )
    });
    let tags: Vec<String> = r
        .ok(fm.string_list("tags"))
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .filter(|t| sluggable(&mut r, fm.line("tags"), "tag", t, "it was left out"))
        .collect();
    let summary = r.ok(fm.string("summary")).map(|s| typeset(opts, s));
    let draft = r.ok(fm.bool("draft")).unwrap_or(false);
    let aliases = aliases(&mut r, &fm);
    let comments = r.ok(fm.bool("comments")).unwrap_or(true);
    let subscribers = match super::life::access(&fm) {
        Ok(s) => s,
        Err(e) => {
            r.error(e);
            false
        }
    };
    let live = r.ok(fm.bool("live")).unwrap_or(false);
    let live_until = r
        .ok(fm.string("live_until"))
        .and_then(|s| parse_date(&mut r, &fm, "live_until", &s, tz));
    let extra = frontmatter::extra(&fm.map, ARTICLE_KEYS);
    let mut scanned = super::embeds::Body::scan(text, body, file, opts);
    let source = scanned.source();
    let (live_text, live_entries) = match (live, date) {
        (true, Some(d)) => {
            let first_line = text[..text.len() - body.len()].matches('\n').count() + 1;
            let (t, entries, bad) = super::life::live_body(source, d, first_line);
            bad.into_iter().for_each(|e| r.error(e));
            (Some(t), entries)
        }
        _ => (None, Vec::new()),
    };
    if r.diags.iter().any(Diagnostic::is_error) {
        r.diags.append(&mut scanned.errors);
        return (None, r.diags);
    }
    let mut md = markdown::render(
        live_text.as_deref().unwrap_or(source),
        opts.french,
        opts.raw_html,
    );
    let shortcodes = scanned.finish(&mut md);
    let summary_in_body = summary.is_none();
    let summary = summary.or(md.before_more).unwrap_or(md.first_paragraph);
    let summary_fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut h = crate::fingerprint::hasher();
        (
            title.trim(),
            &slug,
            &date,
            has_time,
            &summary,
            md.word_count,
        )
            .hash(&mut h);
        // Listings sorted by update, and their « Mis à jour » dates.
        (&updated, &corrections, subscribers, live, &live_until).hash(&mut h);
        photo
            .as_ref()
            .map(|p| (&p.src, &p.url, &p.alt, &p.caption, &p.credit, photo_key(p)))
            .hash(&mut h);
        h.finish()
    };
    let free_len = subscribers.then(|| {
        super::life::free_part(&md.html, opts.paywall_paragraphs)
            .0
            .len()
    });
    let article = Article {
        source: file.rel.clone(),
        title: title.trim().to_string(),
        slug,
        date: date.expect("checked above"),
        updated,
        corrections,
        has_time,
        author_slugs: authors.iter().map(|a| slugify(a)).collect(),
        author_refs: authors,
        author_line: fm
            .line("author")
            .filter(|_| fm.get("author").is_some())
            .or(fm.line("authors")),
        category_slug: category.as_deref().map(slugify),
        category: category.map(|c| c.trim().to_string()),
        tag_slugs: tags.iter().map(|t| slugify(t)).collect(),
        tags,
        summary_fingerprint,
        fingerprint: {
            let mut h = crate::fingerprint::hasher();
            h.update(file.rel.to_string_lossy().as_bytes());
            h.update(&[0]);
            h.update(text.as_bytes());
            // Where a subscriber-only article's free part ends.
            h.update(&(subscribers as usize * opts.paywall_paragraphs).to_le_bytes());
            // The photo's content and copies are an input of the page too.
            h.update(
                &photo
                    .as_ref()
                    .and_then(photo_key)
                    .unwrap_or(0)
                    .to_le_bytes(),
            );
            if !shortcodes.is_empty() {
                h.update(&super::embeds::files_key(&shortcodes).to_le_bytes());
            }
            h.digest()
        },
        photo,
        summary,
        summary_in_body,
        reading_time: md.word_count.div_ceil(230).max(1),
        word_count: md.word_count,
        content: md.html,
        draft,
        aliases,
        aliases_line: fm.line("aliases"),
        comments,
        live,
        live_until,
        live_entries,
        free_len,
        subscribers,
        extra,
        outline: outline_of(opts, text, body, &fm),
        shortcodes,
    };
    r.diags.append(&mut scanned.errors);
    (Some(article), r.diags)
}

fn parse_date(
    r: &mut Report,
    fm: &FrontMatter,
    key: &str,
    s: &str,
    tz: Tz,
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let d = dates::parse(s, tz);
    if d.is_none() {
        r.error((
            fm.line(key),
            format!(
                "cannot read `{key}: {s}`; accepted forms: {}",
                dates::ACCEPTED
            ),
        ));
    }
    d
}

/// `updated:`, or `modified:` as other generators call it; not both.
fn updated(
    r: &mut Report,
    fm: &FrontMatter,
    tz: Tz,
) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let key = match (fm.get("updated"), fm.get("modified")) {
        (Some(_), Some(_)) => {
            r.error((
                fm.line("modified"),
                "`updated` and `modified` mean the same; keep only one".into(),
            ));
            return None;
        }
        (None, Some(_)) => "modified",
        _ => "updated",
    };
    r.ok(fm.string(key))
        .and_then(|s| parse_date(r, fm, key, &s, tz))
}

/// Old URLs that should lead here (`aliases: [ancien/chemin/]`), as site
/// paths; each bad one is an error on the `aliases` line.
pub(super) fn aliases(r: &mut Report, fm: &FrontMatter) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in r.ok(fm.string_or_list("aliases")) {
        match crate::slug::alias_path(&a) {
            Ok(url) if !out.contains(&url) => out.push(url),
            Ok(_) => {}
            Err(e) => r.error((fm.line("aliases"), format!("`aliases`: {e}"))),
        }
    }
    out
}

/// The outline the editorial checks read, when they will run.
pub(super) fn outline_of(
    opts: &ParseOptions,
    text: &str,
    body: &str,
    fm: &FrontMatter,
) -> Option<Arc<Outline>> {
    opts.outline
        .then(|| Arc::new(outline::outline(text, body, &fm.key_lines)))
}

fn photo_key(p: &Photo) -> Option<u64> {
    p.image.as_ref().map(|i| i.key)
}

pub(super) fn file_stem(content_rel: &str) -> &str {
    let name = content_rel.rsplit('/').next().unwrap_or(content_rel);
    name.strip_suffix(".markdown")
        .or_else(|| name.strip_suffix(".md"))
        .unwrap_or(name)
}

const AUTHOR_KEYS: &[&str] = &["name", "role", "avatar", "email", "links"];

pub fn parse_author(
    file: &SourceFile,
    text: &str,
    opts: &ParseOptions,
) -> (Option<AuthorProfile>, Vec<Diagnostic>) {
    let (mut r, fm, body) = match open(file, text, "an author profile", AUTHOR_KEYS, None) {
        Ok(x) => x,
        Err(diags) => return (None, diags),
    };
    let name = r.ok(fm.string("name")).unwrap_or_default();
    if name.trim().is_empty() {
        r.error((
            fm.line("name"),
            "missing `name`: an author profile needs the author's name".into(),
        ));
    }
    let role = r.ok(fm.string("role"));
    let avatar = r.ok(fm.string("avatar"));
    let email = r.ok(fm.string("email"));
    let links = r.ok(fm.string_map("links"));
    let slug = slugify(file_stem(&file.content_rel));
    if r.diags.iter().any(Diagnostic::is_error) {
        return (None, r.diags);
    }
    let author = AuthorProfile {
        source: file.rel.clone(),
        slug,
        name: name.trim().to_string(),
        role,
        avatar,
        email,
        links,
        bio: markdown::render(body, opts.french, opts.raw_html).html,
        outline: outline_of(opts, text, body, &fm),
    };
    (Some(author), r.diags)
}
