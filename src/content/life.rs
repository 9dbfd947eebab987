//! Front matter of an article's life after publication: `corrections:`, a
//! list of `{date, text}` notices, read with errors on the key's line.

use super::dates;
use super::frontmatter::{FieldError, FrontMatter, describe, scalar};
use crate::model::Correction;
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
