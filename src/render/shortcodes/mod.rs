//! Expanding the shortcodes of articles: each call is checked against the
//! theme's component of that name (`templates/shortcodes/NAME.html`), the
//! built-ins get what rotative knows of them (the embed, the photo, the
//! linked article), and the component's HTML replaces the placeholder.

mod args;
mod builtins;

use super::context::Ctx;
use super::theme::Theme;
use crate::error::Diagnostic;
use crate::model::shortcode::{self, Shortcode};
use crate::model::{Article, Page};
use args::{check_args, check_body, value};
use rayon::prelude::*;
use std::path::Path;
use tera::{Context, Value};

/// Says why an article path names no published article: a draft, a
/// scheduled article, or nothing (`None`).
pub type Absent<'a> = dyn Fn(&Path) -> Option<String> + Sync + 'a;

/// The articles and pages of a model, expanded, by index.
#[derive(Default)]
pub struct Expanded {
    pub articles: Vec<(usize, Article)>,
    pub pages: Vec<(usize, Page)>,
}

/// The articles and pages of `ctx.model` that have shortcodes, expanded; and
/// every problem met. One with a problem is left out: the build stops
/// before rendering.
pub fn expand_all(ctx: &Ctx, theme: &Theme, absent: &Absent) -> (Vec<Diagnostic>, Expanded) {
    let m = ctx.model;
    let doc = |source, title, url, shortcodes| Expander {
        ctx,
        theme,
        absent,
        source,
        title,
        url,
        shortcodes,
    };
    let articles: Vec<(usize, Result<Article, Vec<Diagnostic>>)> = m
        .articles
        .par_iter()
        .enumerate()
        .filter(|(_, a)| !a.shortcodes.is_empty())
        .map(|(i, a)| {
            let url = m.links[i].url.clone();
            let e = doc(&a.source, &a.title, url, &a.shortcodes);
            (i, e.run().map(|html| expanded_article(a, &html)))
        })
        .collect();
    let pages: Vec<(usize, Result<Page, Vec<Diagnostic>>)> = m
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.shortcodes.is_empty())
        .map(|(i, p)| {
            let e = doc(&p.source, &p.title, p.url(), &p.shortcodes);
            (i, e.run().map(|html| expanded_page(p, &html)))
        })
        .collect();
    let mut diags = Vec::new();
    let mut done = Expanded::default();
    for (i, r) in articles {
        match r {
            Ok(a) => done.articles.push((i, a)),
            Err(d) => diags.extend(d),
        }
    }
    for (i, r) in pages {
        match r {
            Ok(p) => done.pages.push((i, p)),
            Err(d) => diags.extend(d),
        }
    }
    (diags, done)
}

fn expanded_article(a: &Article, html: &[String]) -> Article {
    let (content, free_len) = fill(&a.content, html, a.free_len);
    let mut out = a.clone();
    if a.summary.contains(shortcode::OPEN) {
        out.summary = summary_text(&a.summary, &a.shortcodes, html);
        let mut h = crate::fingerprint::hasher();
        h.update(&a.summary_fingerprint.to_le_bytes());
        h.update(out.summary.as_bytes());
        out.summary_fingerprint = h.digest();
    }
    // The page depends on what the shortcodes show (a linked article's
    // title, a component's markup), not only on the source file.
    out.fingerprint = {
        let mut h = crate::fingerprint::hasher();
        h.update(&a.fingerprint.to_le_bytes());
        h.update(content.as_bytes());
        h.digest()
    };
    out.content = content;
    out.free_len = free_len;
    out
}

/// A page's signature hashes its content: nothing else to follow. It keeps
/// its shortcodes, whose photos the photo step copies; a page is expanded
/// once, right after it is assembled.
fn expanded_page(p: &Page, html: &[String]) -> Page {
    let mut out = p.clone();
    out.content = fill(&p.content, html, None).0;
    if p.summary.contains(shortcode::OPEN) {
        out.summary = summary_text(&p.summary, &p.shortcodes, html);
    }
    out
}

/// The shortcodes of one article or page.
struct Expander<'a> {
    ctx: &'a Ctx<'a>,
    theme: &'a Theme,
    absent: &'a Absent<'a>,
    source: &'a Path,
    title: &'a str,
    url: String,
    shortcodes: &'a [Shortcode],
}

/// A problem with one call: where, and what.
type Problem = (usize, usize, String);

impl Expander<'_> {
    /// The HTML of each shortcode, or every problem met.
    fn run(&self) -> Result<Vec<String>, Vec<Diagnostic>> {
        let mut html: Vec<String> = Vec::with_capacity(self.shortcodes.len());
        let mut diags = Vec::new();
        let mut failed = false;
        for (n, s) in self.shortcodes.iter().enumerate() {
            match self.one(n, s, &html) {
                Ok(h) => html.push(h),
                Err(problems) => {
                    failed = true;
                    html.push(String::new());
                    for (line, col, msg) in problems {
                        diags.push(
                            Diagnostic::error(self.source, Some(line), msg).with_column(Some(col)),
                        );
                    }
                }
            }
        }
        if failed { Err(diags) } else { Ok(html) }
    }

    /// The HTML of shortcode `n`, whose body's shortcodes are in `done`.
    fn one(&self, n: usize, s: &Shortcode, done: &[String]) -> Result<String, Vec<Problem>> {
        let here = (s.line, s.column);
        let Some(info) = self.theme.shortcode(&s.name) else {
            return Err(vec![(
                here.0,
                here.1,
                format!(
                    "unknown shortcode `{}`; the theme has {}",
                    s.name,
                    self.theme.shortcode_names().join(", ")
                ),
            )]);
        };
        let mut problems = check_args(s, &info);
        problems.extend(check_body(s, &info));
        // A file it names is missing (reported while parsing), or its
        // arguments are wrong: its values would only add confusing errors.
        if s.broken || !problems.is_empty() {
            return Err(problems);
        }
        let mut implicit = Context::new();
        self.builtin(n, s, &mut implicit)?;
        let mut args = Context::new();
        for a in &s.args {
            let typ = info
                .args()
                .iter()
                .find(|x| x.name() == a.name)
                .and_then(|x| x.arg_type());
            args.insert_value(a.name.clone(), value(&a.value, typ));
        }
        let parent = s.parent.map_or("", |p| self.shortcodes[p].name.as_str());
        implicit.insert_value("parent", Value::from(parent));
        // The second box of an article is `index` 2: ids stay unique.
        let index = self.shortcodes[..=n]
            .iter()
            .filter(|x| x.name == s.name)
            .count();
        implicit.insert_value("index", Value::from(index));
        implicit.insert_value(
            "page",
            crate::render::to_value(&serde_json::json!({
                "url": self.url,
                "title": self.title,
            })),
        );
        let body = s.body.as_ref().map(|b| fill(b, done, None).0);
        self.theme
            .tera
            .render_component_with_implicits(&s.name, &args, &implicit, body.as_deref(), true)
            .map(|h| h.trim().to_string())
            .map_err(|e| {
                crate::render::theme::diagnostics(&self.theme.shown, &e)
                    .all()
                    .iter()
                    .map(|d| {
                        (
                            here.0,
                            here.1,
                            format!(
                                "shortcode `{}`: {}:{}: {}",
                                s.name,
                                d.path.display(),
                                d.line.unwrap_or(0),
                                d.message
                            ),
                        )
                    })
                    .collect()
            })
    }
}

/// A summary taken from the body: the words of its inline shortcodes, and
/// nothing of a block one (a figure's caption is no summary).
fn summary_text(summary: &str, shortcodes: &[Shortcode], html: &[String]) -> String {
    let words: Vec<String> = shortcodes
        .iter()
        .zip(html)
        .map(|(s, h)| {
            if s.block {
                String::new()
            } else {
                crate::render::search::html_to_text(h)
            }
        })
        .collect();
    let text = fill(summary, &words, None).0;
    // Only ASCII spaces: no-break spaces are typography.
    text.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with each placeholder replaced by its HTML, and `mark` (an offset
/// in `text`) moved to where the same place is in the result.
fn fill(text: &str, html: &[String], mark: Option<usize>) -> (String, Option<usize>) {
    let mut out = String::with_capacity(text.len() + html.iter().map(String::len).sum::<usize>());
    let mut moved = mark;
    let mut rest = text;
    let mut at = 0;
    while let Some(o) = rest.find(shortcode::OPEN) {
        let digits = o + shortcode::OPEN.len_utf8();
        let Some(c) = rest[digits..].find(shortcode::CLOSE).map(|c| c + digits) else {
            break;
        };
        let end = c + shortcode::CLOSE.len_utf8();
        let Some(h) = rest[digits..c]
            .parse::<usize>()
            .ok()
            .and_then(|n| html.get(n))
        else {
            out.push_str(&rest[..end]);
            at += end;
            rest = &rest[end..];
            continue;
        };
        out.push_str(&rest[..o]);
        out.push_str(h);
        if let (Some(m), Some(orig)) = (moved.as_mut(), mark)
            && at + end <= orig
        {
            *m = *m + h.len() - (end - o);
        }
        at += end;
        rest = &rest[end..];
    }
    out.push_str(rest);
    (out, moved)
}
