//! Front matter of an article's life after publication: `corrections:`, a
//! list of `{date, text}` notices, read with errors on the key's line.

use super::dates;
use super::frontmatter::{FieldError, FrontMatter, describe, scalar};
use crate::model::{Correction, LiveEntry};
use chrono_tz::Tz;
use serde_yaml::Value;

/// `corrections: [{date: 2025-03-05 14:20, text: "…"}, …]`, in the order
/// written. Every bad entry is reported; the good ones are kept.
pub fn corrections(
    fm: &FrontMatter,
    tz: Tz,
    typeset: &dyn Fn(String) -> String,
) -> (Vec<Correction>, Vec<FieldError>) {
    let line = fm.line("corrections");
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let items = match fm.get("corrections") {
        None => return (out, errors),
        Some(Value::Sequence(items)) => items,
        Some(v) => {
            errors.push((
                line,
                format!(
                    "`corrections` must be a list of `{{date, text}}` entries, found {}",
                    describe(v)
                ),
            ));
            return (out, errors);
        }
    };
    for (k, item) in items.iter().enumerate() {
        let n = k + 1;
        let Value::Mapping(m) = item else {
            errors.push((
                line,
                format!(
                    "correction {n} must be a map with `date` and `text`, found {}",
                    describe(item)
                ),
            ));
            continue;
        };
        for key in m.keys() {
            let key = scalar(key).unwrap_or_default();
            if key != "date" && key != "text" {
                errors.push((
                    line,
                    format!(
                        "correction {n} has an unknown key `{key}`; it takes `date` and `text`"
                    ),
                ));
            }
        }
        let field = |key: &str| m.get(key).filter(|v| !v.is_null()).and_then(scalar);
        let date = match field("date") {
            None => {
                errors.push((line, format!("correction {n} has no `date`")));
                None
            }
            Some(s) => {
                let d = dates::parse(&s, tz);
                if d.is_none() {
                    errors.push((
                        line,
                        format!(
                            "correction {n}: cannot read `date: {s}`; accepted forms: {}",
                            dates::ACCEPTED
                        ),
                    ));
                }
                d
            }
        };
        let text = field("text")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        if text.is_none() {
            errors.push((line, format!("correction {n} has no `text`")));
        }
        if let (Some(date), Some(text)) = (date, text) {
            out.push(Correction {
                date,
                text: typeset(text),
            });
        }
    }
    (out, errors)
}

/// `access: free` (the default) or `access: subscribers`.
pub fn access(fm: &FrontMatter) -> Result<bool, FieldError> {
    match fm.string("access")?.as_deref().map(str::trim) {
        None | Some("free") => Ok(false),
        Some("subscribers") => Ok(true),
        Some(other) => Err((
            fm.line("access"),
            format!("`access` must be `free` or `subscribers`, found `{other}`"),
        )),
    }
}

/// The rendered body cut after its first `n` top-level paragraphs: (free,
/// gated). Markdown's HTML puts each block on lines of its own, so a line
/// scan with a depth count for containers (quotes, lists, tables) finds them.
pub fn free_part(html: &str, n: usize) -> (&str, &str) {
    let mut depth: i32 = 0;
    let mut seen = 0;
    let mut in_p = false;
    let mut offset = 0;
    for line in html.split_inclusive('\n') {
        offset += line.len();
        let t = line.trim();
        if !in_p {
            for open in [
                "<blockquote",
                "<ul",
                "<ol",
                "<table",
                "<div",
                "<figure",
                "<pre",
            ] {
                if t.starts_with(open) {
                    depth += 1;
                }
            }
            if depth == 0 && t.starts_with("<p") {
                in_p = true;
            }
        }
        for close in [
            "</blockquote>",
            "</ul>",
            "</ol>",
            "</table>",
            "</div>",
            "</figure>",
            "</pre>",
        ] {
            if t.ends_with(close) {
                depth -= 1;
            }
        }
        if in_p && t.ends_with("</p>") {
            in_p = false;
            seen += 1;
            if seen == n {
                return html.split_at(offset);
            }
        }
    }
    (html, "")
}

/// `14 h 05 — Titre`, `14h05 - Titre` or `14:05 – Titre`: hours, minutes, title.
fn entry_heading(h: &str) -> Option<(u32, u32, &str)> {
    let (time, title) = h
        .split_once(" — ")
        .or_else(|| h.split_once(" – "))
        .or_else(|| h.split_once(" - "))?;
    let time: String = time.chars().filter(|c| !c.is_whitespace()).collect();
    let (hh, mm) = time.split_once('h').or_else(|| time.split_once(':'))?;
    let (hh, mm): (u32, u32) = (hh.parse().ok()?, mm.parse().ok()?);
    (hh < 24 && mm < 60 && !title.trim().is_empty()).then_some((hh, mm, title.trim()))
}

/// The body of a live article rewritten newest entry first, each heading
/// given its anchor, and the entries (newest first). Text before the first
/// entry stays first. An entry's time is on the article's day, or the next
/// day when it is earlier than the entry before it. A `## ` heading of
/// another form is an error with its line (`first_line`: the body's).
pub fn live_body(
    body: &str,
    date: chrono::DateTime<chrono::FixedOffset>,
    first_line: usize,
) -> (String, Vec<LiveEntry>, Vec<FieldError>) {
    use chrono::{Duration, Timelike};
    let mut preamble = String::new();
    let mut blocks: Vec<(LiveEntry, String)> = Vec::new();
    let mut errors = Vec::new();
    let mut day = date
        .with_hour(0)
        .and_then(|d| d.with_minute(0))
        .and_then(|d| d.with_second(0));
    let mut last: Option<chrono::DateTime<chrono::FixedOffset>> = None;
    let mut fence = false;
    for (k, line) in body.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
        }
        let heading = (!fence).then(|| line.strip_prefix("## ")).flatten();
        if let Some(h) = heading {
            match (entry_heading(h.trim()), day) {
                (Some((hh, mm, title)), Some(d0)) => {
                    let mut time = d0 + Duration::hours(hh.into()) + Duration::minutes(mm.into());
                    if last.is_some_and(|l| time < l) {
                        time += Duration::days(1);
                        day = day.map(|d| d + Duration::days(1));
                    }
                    last = Some(time);
                    let mut anchor = format!("direct-{hh:02}{mm:02}");
                    let same = blocks.iter().filter(|(e, _)| e.anchor.starts_with(&anchor)).count();
                    if same > 0 {
                        anchor = format!("{anchor}-{}", same + 1);
                    }
                    let text = format!("## {hh:02} h {mm:02} — {title} {{#{anchor}}}\n");
                    blocks.push((
                        LiveEntry {
                            time,
                            title: title.to_string(),
                            anchor,
                        },
                        text,
                    ));
                    continue;
                }
                _ => errors.push((
                    Some(first_line + k),
                    format!(
                        "a live article's `## ` headings are its entries, written `## 14 h 05 — Title`; found `## {}`",
                        h.trim()
                    ),
                )),
            }
        }
        match blocks.last_mut() {
            Some((_, text)) => text.push_str(line),
            None => preamble.push_str(line),
        }
    }
    let mut out = preamble;
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    let mut entries = Vec::new();
    for (e, text) in blocks.into_iter().rev() {
        out.push_str(&text);
        if !text.ends_with("\n\n") {
            out.push('\n');
        }
        entries.push(e);
    }
    (out, entries, errors)
}

#[cfg(test)]
mod tests {
    use super::free_part as split;

    #[test]
    fn cuts_after_top_level_paragraphs_only() {
        let html = "<p>Un</p>\n<blockquote>\n<p>Cité</p>\n</blockquote>\n<p>Deux\nsuite</p>\n<h2>Titre</h2>\n<p>Trois</p>\n";
        assert_eq!(
            split(html, 2),
            (
                "<p>Un</p>\n<blockquote>\n<p>Cité</p>\n</blockquote>\n<p>Deux\nsuite</p>\n",
                "<h2>Titre</h2>\n<p>Trois</p>\n"
            )
        );
        assert_eq!(split(html, 9), (html, ""));
        assert_eq!(
            split("<ul>\n<li><p>a</p>\n</li>\n</ul>\n<p>b</p>\n", 1).1,
            ""
        );
    }
}
