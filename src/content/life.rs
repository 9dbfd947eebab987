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
                    format!("correction {n} has an unknown key `{key}`; it takes `date` and `text`"),
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
        let text = field("text").map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
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
