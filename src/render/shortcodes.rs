//! Expanding the shortcodes of articles: each call is checked against the
//! theme's component of that name (`templates/shortcodes/NAME.html`), the
//! built-ins get what rotative knows of them (the embed, the photo, the
//! linked article), and the component's HTML replaces the placeholder.

use super::context::Ctx;
use super::embeds::{self, Embed, Kind};
use super::theme::Theme;
use crate::error::Diagnostic;
use crate::model::Article;
use crate::model::shortcode::{self, Arg, Shortcode};
use rayon::prelude::*;
use std::path::Path;
use tera::{ComponentArgType, ComponentInfo, Context, Value};

/// Says why an article path names no published article: a draft, a
/// scheduled article, or nothing (`None`).
pub type Absent<'a> = dyn Fn(&Path) -> Option<String> + Sync + 'a;

/// The articles of `ctx.model` that have shortcodes, expanded, by index;
/// and every problem met. An article with a problem is left out: the build
/// stops before rendering.
pub fn expand_all(
    ctx: &Ctx,
    theme: &Theme,
    absent: &Absent,
) -> (Vec<Diagnostic>, Vec<(usize, Article)>) {
    let results: Vec<(usize, Result<Article, Vec<Diagnostic>>)> = ctx
        .model
        .articles
        .par_iter()
        .enumerate()
        .filter(|(_, a)| !a.shortcodes.is_empty() && !a.expanded)
        .map(|(i, a)| {
            (
                i,
                Expander {
                    ctx,
                    theme,
                    absent,
                    article: a,
                    index: i,
                }
                .run(),
            )
        })
        .collect();
    let mut diags = Vec::new();
    let mut done = Vec::new();
    for (i, r) in results {
        match r {
            Ok(a) => done.push((i, a)),
            Err(d) => diags.extend(d),
        }
    }
    (diags, done)
}

struct Expander<'a> {
    ctx: &'a Ctx<'a>,
    theme: &'a Theme,
    absent: &'a Absent<'a>,
    article: &'a Article,
    index: usize,
}

/// A problem with one call: where, and what.
type Problem = (usize, usize, String);

impl Expander<'_> {
    fn run(&self) -> Result<Article, Vec<Diagnostic>> {
        let a = self.article;
        let mut html: Vec<String> = Vec::with_capacity(a.shortcodes.len());
        let mut diags = Vec::new();
        let mut failed = false;
        for (n, s) in a.shortcodes.iter().enumerate() {
            match self.one(n, s, &html) {
                Ok(h) => html.push(h),
                Err(problems) => {
                    failed = true;
                    html.push(String::new());
                    for (line, col, msg) in problems {
                        diags.push(
                            Diagnostic::error(&a.source, Some(line), msg).with_column(Some(col)),
                        );
                    }
                }
            }
        }
        if failed {
            return Err(diags);
        }
        let (content, free_len) = fill(&a.content, &html, a.free_len);
        let mut out = a.clone();
        if a.summary.contains(shortcode::OPEN) {
            out.summary = summary_text(&a.summary, &a.shortcodes, &html);
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
        out.expanded = true;
        Ok(out)
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
        let parent = s
            .parent
            .map_or("", |p| self.article.shortcodes[p].name.as_str());
        implicit.insert_value("parent", Value::from(parent));
        // The second box of an article is `index` 2: ids stay unique.
        let index = self.article.shortcodes[..=n]
            .iter()
            .filter(|x| x.name == s.name)
            .count();
        implicit.insert_value("index", Value::from(index));
        implicit.insert_value(
            "page",
            super::to_value(&serde_json::json!({
                "url": self.ctx.model.links[self.index].url,
                "title": self.article.title,
            })),
        );
        let body = s.body.as_ref().map(|b| fill(b, done, None).0);
        self.theme
            .tera
            .render_component_with_implicits(&s.name, &args, &implicit, body.as_deref(), true)
            .map(|h| h.trim().to_string())
            .map_err(|e| {
                super::theme::diagnostics(&self.theme.shown, &e)
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

    /// What rotative knows of a built-in, into its implicit arguments; a
    /// value that makes no sense is a problem on that argument.
    fn builtin(&self, n: usize, s: &Shortcode, implicit: &mut Context) -> Result<(), Vec<Problem>> {
        let bad = |arg: &str, msg: String| {
            let (l, c) = s.place_of(arg);
            Err(vec![(l, c, format!("`{}`: {msg}", s.name))])
        };
        let photo = |p: &crate::model::Photo| self.ctx.photo_value(p);
        match s.name.as_str() {
            "video" => {
                let url = s.str_arg("url").unwrap_or_default();
                let embed = match &s.local {
                    Some(local) => embeds::local(local, Kind::Video),
                    None => match embeds::video(url) {
                        Some(e) => e,
                        None => {
                            return bad(
                                "url",
                                format!(
                                    "`url` must be the address of a video page (https://…) or a .{} file of the site, not `{url}`",
                                    shortcode::VIDEO_EXTENSIONS.join(" or .")
                                ),
                            );
                        }
                    },
                };
                let mut embed = embed;
                if let Some(Arg::Int(t)) = s.arg("start").filter(|_| embed.kind == Kind::Iframe) {
                    if *t < 0 {
                        return bad(
                            "start",
                            format!("`start` is a number of seconds from the start, not {t}"),
                        );
                    }
                    embed.player = embeds::starting_at(&embed, *t as u64);
                }
                let poster = s.photo.as_ref().map_or(Value::none(), photo);
                implicit.insert_value("embed", embed_value(&embed, poster));
            }
            "audio" => {
                let src = s.str_arg("src").unwrap_or_default();
                let embed = match &s.local {
                    Some(local) => embeds::local(local, Kind::Audio),
                    None => match embeds::remote_audio(src) {
                        Some(e) => e,
                        None => {
                            return bad(
                                "src",
                                format!(
                                    "`src` must be a sound file of the site (.{}) or its address (https://…), not `{src}`",
                                    shortcode::AUDIO_EXTENSIONS.join(", .")
                                ),
                            );
                        }
                    },
                };
                implicit.insert_value("embed", embed_value(&embed, Value::none()));
            }
            "map" => {
                let lat = s.arg("lat").and_then(Arg::as_f64).unwrap_or(0.0);
                let lon = s.arg("lon").and_then(Arg::as_f64).unwrap_or(0.0);
                let zoom = match s.arg("zoom") {
                    Some(Arg::Int(z)) => *z,
                    _ => 15,
                };
                if !(-90.0..=90.0).contains(&lat) {
                    return bad(
                        "lat",
                        format!("`lat` is a latitude, from -90 to 90, not {lat}"),
                    );
                }
                if !(-180.0..=180.0).contains(&lon) {
                    return bad(
                        "lon",
                        format!("`lon` is a longitude, from -180 to 180, not {lon}"),
                    );
                }
                if !(1..=19).contains(&zoom) {
                    return bad(
                        "zoom",
                        format!("`zoom` goes from 1 (the world) to 19 (a street), not {zoom}"),
                    );
                }
                implicit.insert_value(
                    "embed",
                    embed_value(&embeds::map(lat, lon, zoom), Value::none()),
                );
            }
            "social" => {
                let url = s.str_arg("url").unwrap_or_default();
                let Some(post) = embeds::post(url) else {
                    return bad(
                        "url",
                        format!("`url` must be the address of the post (https://…), not `{url}`"),
                    );
                };
                let date = s.str_arg("date").unwrap_or_default();
                let (rfc, display) = match date.trim() {
                    "" => (String::new(), String::new()),
                    d => match post_date(d, self.ctx.config.tz) {
                        Some(t) => (
                            t.to_rfc3339(),
                            crate::i18n::long_date(&t, self.ctx.config.language.as_str()),
                        ),
                        None => {
                            return bad(
                                "date",
                                format!(
                                    "cannot read `date=\"{d}\"`; write 2025-03-14 or 2025-03-14 09:30"
                                ),
                            );
                        }
                    },
                };
                implicit.insert_value(
                    "post",
                    super::to_value(&serde_json::json!({
                        "network": post.network,
                        "handle": post.handle,
                        "profile_url": post.profile_url,
                        "url": post.url,
                        "date": rfc,
                        "date_display": display,
                    })),
                );
            }
            "photo" => {
                if let Some(p) = &s.photo {
                    implicit.insert_value("photo", photo(p));
                }
            }
            "gallery" => {
                let kids: Vec<&Shortcode> = self.article.shortcodes[..n]
                    .iter()
                    .filter(|c| c.parent == Some(n))
                    .collect();
                if let Some(other) = kids.iter().find(|c| c.name != "photo") {
                    return Err(vec![(
                        other.line,
                        other.column,
                        format!(
                            "`gallery` holds `photo(…)` shortcodes only, not `{}`",
                            other.name
                        ),
                    )]);
                }
                if kids.is_empty() {
                    return bad(
                        "",
                        "a gallery needs photos: one `{{ photo(src=\"…\", alt=\"…\") }}` line each"
                            .into(),
                    );
                }
                implicit.insert_value("count", Value::from(kids.len()));
            }
            "article" => {
                let path = s.str_arg("path").unwrap_or_default();
                let rel = shortcode::card_source(path);
                let found = self.ctx.model.articles.iter().position(|a| a.source == rel);
                match found {
                    Some(j) => implicit.insert_value("card", self.ctx.summary(j)),
                    None => {
                        let why = (self.absent)(&rel)
                            .unwrap_or_else(|| format!("there is no article {}", rel.display()));
                        return bad(
                            "path",
                            format!("`path=\"{path}\"` names no published article: {why}"),
                        );
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn post_date(s: &str, tz: chrono_tz::Tz) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    use chrono::{NaiveDate, NaiveDateTime, TimeZone};
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
}

fn embed_value(e: &Embed, poster: Value) -> Value {
    let v = super::to_value(&serde_json::json!({
        "provider": e.provider,
        "kind": e.kind.name(),
        "url": e.url,
        "player": e.player,
        "host": e.host,
        "mime": e.mime,
    }));
    super::with(v, "poster", poster)
}

/// The argument as the component's declared type wants it: an integer
/// where a float is declared is that float.
fn value(a: &Arg, typ: Option<ComponentArgType>) -> Value {
    match (a, typ) {
        (Arg::Str(s), _) => Value::from(s.as_str()),
        (Arg::Int(i), Some(ComponentArgType::Float)) => Value::from(*i as f64),
        (Arg::Int(i), _) => Value::from(*i),
        (Arg::Float(f), _) => Value::from(*f),
        (Arg::Bool(b), _) => Value::from(*b),
        (Arg::Array(items), _) => {
            Value::from(items.iter().map(|i| value(i, None)).collect::<Vec<_>>())
        }
    }
}

fn fits(a: &Arg, typ: ComponentArgType) -> bool {
    matches!(
        (a, typ),
        (Arg::Str(_), ComponentArgType::String)
            | (Arg::Bool(_), ComponentArgType::Bool)
            | (
                Arg::Int(_),
                ComponentArgType::Integer | ComponentArgType::Float | ComponentArgType::Number
            )
            | (
                Arg::Float(_),
                ComponentArgType::Float | ComponentArgType::Number
            )
            | (Arg::Array(_), ComponentArgType::Array)
    )
}

/// `url (string), title (string, optional)`: what a shortcode takes.
pub fn signature(info: &ComponentInfo) -> String {
    // Required first: what an author must write comes before what may be.
    let mut args: Vec<_> = info.args().iter().filter(|a| !a.is_implicit()).collect();
    args.sort_by_key(|a| !a.is_required());
    let parts: Vec<String> = args
        .into_iter()
        .map(|a| {
            let mut bits: Vec<&str> = a.arg_type().map(|t| t.as_str()).into_iter().collect();
            if !a.is_required() {
                bits.push("optional");
            }
            if bits.is_empty() {
                a.name().to_string()
            } else {
                format!("{} ({})", a.name(), bits.join(", "))
            }
        })
        .collect();
    if parts.is_empty() {
        "no arguments".into()
    } else {
        parts.join(", ")
    }
}

fn check_args(s: &Shortcode, info: &ComponentInfo) -> Vec<Problem> {
    let mut out = Vec::new();
    let takes = || format!("`{}` takes {}", s.name, signature(info));
    for a in &s.args {
        match info.args().iter().find(|x| x.name() == a.name) {
            None if info.rest_param().is_some() => {}
            None => out.push((
                a.line,
                a.column,
                format!("unknown argument `{}` of `{}`; {}", a.name, s.name, takes()),
            )),
            Some(x) if x.is_implicit() => out.push((
                a.line,
                a.column,
                format!(
                    "`{}` of `{}` is set by rotative, not in the article; {}",
                    a.name,
                    s.name,
                    takes()
                ),
            )),
            Some(x) => {
                if let Some(t) = x.arg_type().filter(|t| !fits(&a.value, *t)) {
                    out.push((
                        a.line,
                        a.column,
                        format!(
                            "argument `{}` of `{}` must be {} {t}, not {}",
                            a.name,
                            s.name,
                            article_of(t),
                            a.value.kind()
                        ),
                    ));
                }
            }
        }
    }
    for x in info.args().iter().filter(|x| x.is_required()) {
        if s.arg(x.name()).is_none() {
            out.push((
                s.line,
                s.column,
                format!("`{}` needs `{}`; {}", s.name, x.name(), takes()),
            ));
        }
    }
    out
}

fn article_of(t: ComponentArgType) -> &'static str {
    match t {
        ComponentArgType::Integer | ComponentArgType::Array => "an",
        _ => "a",
    }
}

/// `{body: "required"}`, `"optional"`, or no body (the default).
fn check_body(s: &Shortcode, info: &ComponentInfo) -> Vec<Problem> {
    let wants = info
        .metadata()
        .get("body")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "none".into());
    let (l, c) = (s.line, s.column);
    match (wants.as_str(), &s.body) {
        ("required", None) => vec![(
            l,
            c,
            format!(
                "`{}` has a body: write `{{% {}(…) %}}`, the text, then `{{% end %}}`",
                s.name, s.name
            ),
        )],
        ("none", Some(_)) => vec![(
            l,
            c,
            format!(
                "`{}` takes no body: write `{{{{ {}(…) }}}}` alone",
                s.name, s.name
            ),
        )],
        _ => Vec::new(),
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
                super::search::html_to_text(h)
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
