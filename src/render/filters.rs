//! rotative's own filters for Tera 2, and the escape function: what the
//! default theme needs that Tera 2's core lacks or does differently.
//!
//! Theme usage (grep of themes/default/templates): filters capitalize, last,
//! length, replace, safe, split, trim_end(pat), trim_start(pat), truncate,
//! upper, fragment; tests defined, starting_with(pat); function fragment.
//! Tera 2 core has all of them but `fragment` (src/fragments.rs); `truncate`
//! is replaced by ours (below). `date`, `slugify` and `json_encode` are not in
//! Tera 2 core (they moved to tera-contrib); the default theme uses none of
//! them, but `json_encode` is what the context-dumping theme needs and the two
//! others are what a Zola-trained theme author reaches for.

use crate::i18n;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use std::io::Write;
use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

/// Registers every filter of this module. Tera 2 checks at load time that
/// each filter, test and function a template names exists, so this runs
/// before any template is added.
pub fn register(tera: &mut Tera) {
    tera.set_escape_fn(escape_html);
    tera.register_filter("truncate", truncate);
    tera.register_filter("date", date);
    tera.register_filter("slugify", slugify);
    tera.register_filter("json_encode", json_encode);
}

/// rotative's HTML escaping (`escape::escape_html`): `& < > " '`, not `/`.
pub fn escape_html(s: &str, out: &mut dyn Write) -> std::io::Result<()> {
    super::escape::escape_html_to(s, out)
}

/// Tera 1's `truncate` (grapheme clusters, `end` defaulting to "…", `length`
/// to 255), with a shortcut: a string with no more characters than `length`
/// is returned as it is, without splitting it into clusters. Tera 2's own
/// collects every cluster into a Vec on each call and requires `length`.
pub fn truncate(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<Value> {
    use unicode_segmentation::UnicodeSegmentation;
    let Some(s) = value.as_str() else {
        return Err(Error::message(format!(
            "Filter `truncate` was called on an incorrect value: got a {} but expected a string",
            value.name()
        )));
    };
    let length = kwargs.get::<usize>("length")?.unwrap_or(255);
    let end = kwargs.get::<&str>("end")?.unwrap_or("…");
    if s.chars().count() <= length {
        return Ok(value.clone());
    }
    Ok(match s.grapheme_indices(true).nth(length) {
        Some((cut, _)) => Value::from(format!("{}{end}", &s[..cut])),
        None => value.clone(),
    })
}

/// The date a `date` filter was given: an RFC 3339 string (what rotative puts
/// in `article.date`), a plain `YYYY-MM-DD`, or a Unix timestamp.
fn parse_date(value: &Value) -> TeraResult<DateTime<FixedOffset>> {
    let utc = FixedOffset::east_opt(0).expect("zero offset");
    if let Some(s) = value.as_str() {
        if let Ok(d) = DateTime::parse_from_rfc3339(s) {
            return Ok(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists");
            return Ok(utc.from_utc_datetime(&midnight));
        }
        return Err(Error::message(format!(
            "Filter `date`: `{s}` is neither an RFC 3339 date (2025-03-04T08:30:00+01:00) nor YYYY-MM-DD"
        )));
    }
    if let Some(ts) = value.as_i64() {
        return DateTime::from_timestamp(ts, 0)
            .map(|d| d.with_timezone(&utc))
            .ok_or_else(|| {
                Error::message(format!("Filter `date`: timestamp {ts} is out of range"))
            });
    }
    Err(Error::message(format!(
        "Filter `date` was called on a {}: it takes a date string or a timestamp",
        value.name()
    )))
}

/// `date(format=…, timezone=…, locale=…)`. `format` is a strftime pattern
/// (default `%Y-%m-%d`), or `"long"`, `"short"`, `"time"` for exactly the
/// text rotative puts in `date_display`, `date_short` and `time_display`.
/// With a French `locale` (`fr`, `fr_FR`, `fr-CA`…), `%A %a %B %b` are
/// French names and `%e` on the first of the month is « 1er ».
pub fn date(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let mut d = parse_date(value)?;
    if let Some(tz) = kwargs.get::<&str>("timezone")? {
        let zone: chrono_tz::Tz = tz.parse().map_err(|_| {
            Error::message(format!(
                "Filter `date`: `{tz}` is not a time zone name (Europe/Paris, UTC…)"
            ))
        })?;
        d = d.with_timezone(&zone).fixed_offset();
    }
    let format = kwargs.get::<&str>("format")?.unwrap_or("%Y-%m-%d");
    let lang = kwargs.get::<&str>("locale")?.unwrap_or("en");
    let fr = i18n::is_french(lang);
    match format {
        "long" => return Ok(i18n::long_date(&d, lang)),
        "short" => return Ok(i18n::short_date(&d, lang)),
        "time" => return Ok(i18n::time(&d, lang)),
        _ => {}
    }
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(spec) = chars.next() else {
            return Err(Error::message(
                "Filter `date`: the format ends with a lone `%`",
            ));
        };
        match spec {
            'A' | 'a' | 'B' | 'b' | 'e' if fr => out.push_str(&i18n::french_name(&d, spec)),
            _ => {
                let pattern = format!("%{spec}");
                // chrono panics on Display of an invalid specifier: check first.
                let items: Vec<_> = chrono::format::StrftimeItems::new(&pattern).collect();
                if items
                    .iter()
                    .any(|i| matches!(i, chrono::format::Item::Error))
                {
                    return Err(Error::message(format!(
                        "Filter `date`: `%{spec}` is not a strftime specifier"
                    )));
                }
                out.push_str(&d.format_with_items(items.into_iter()).to_string());
            }
        }
    }
    Ok(out)
}

/// rotative's own slug rule (`crate::slug`), so that a theme's links match
/// the site's URLs.
pub fn slugify(s: &str, _: Kwargs, _: &State) -> String {
    crate::slug::slugify(s)
}

/// `json_encode(pretty=false, sort_keys=false)`: the value as JSON.
/// `sort_keys` makes the output deterministic whatever order maps were built
/// in: `__tera_context` is assembled from a HashMap, so its top-level keys
/// come in a different order on every run.
pub fn json_encode(value: &Value, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let pretty = kwargs.get::<bool>("pretty")?.unwrap_or(false);
    let sort = kwargs.get::<bool>("sort_keys")?.unwrap_or(false);
    let mut json = serde_json::to_value(value).map_err(Error::message)?;
    if sort {
        sort_keys(&mut json);
    }
    let text = if pretty {
        serde_json::to_string_pretty(&json)
    } else {
        serde_json::to_string(&json)
    };
    text.map_err(Error::message)
}

fn sort_keys(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Array(a) => a.iter_mut().for_each(sort_keys),
        serde_json::Value::Object(o) => {
            let mut entries: Vec<_> = std::mem::take(o).into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, mut x) in entries {
                sort_keys(&mut x);
                o.insert(k, x);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Context;

    fn render(src: &str, ctx: &Context) -> TeraResult<String> {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t.html", src)?;
        tera.render("t.html", ctx)
    }

    #[test]
    fn truncate_keeps_clusters_and_defaults() {
        let mut ctx = Context::new();
        ctx.insert("s", "e\u{301}e\u{301}e\u{301}");
        ctx.insert("short", "court");
        let out = render(
            "{{ s | truncate(length=2) }}|{{ short | truncate(length=5) }}|{{ short | truncate }}",
            &ctx,
        )
        .unwrap();
        assert_eq!(out, "e\u{301}e\u{301}…|court|court");
        ctx.insert("n", &3);
        let err = render("{{ n | truncate(length=1) }}", &ctx).unwrap_err();
        assert!(format!("{err:?}").contains("Filter `truncate` was called on an incorrect value"));
    }

    #[test]
    fn french_dates_match_rotatives_text() {
        let mut ctx = Context::new();
        ctx.insert("d", "2025-08-01T08:30:00+02:00");
        let out = render(
            r#"{{ d | date(format="long", locale="fr") }}|{{ d | date(format="short", locale="fr") }}|{{ d | date(format="time", locale="fr") }}|{{ d | date(format="%A %e %B %Y à %H:%M", locale="fr_FR", timezone="UTC") }}|{{ d | date(format="long") }}"#,
            &ctx,
        )
        .unwrap();
        assert_eq!(
            out,
            "vendredi 1er août 2025|1er août 2025|08\u{a0}h\u{a0}30|vendredi 1er août 2025 à 06:30|Friday, August 1, 2025"
        );
        let err = render(r#"{{ d | date(format="%Q") }}"#, &ctx).unwrap_err();
        assert!(
            format!("{err:?}").contains("`%Q` is not a strftime specifier"),
            "{err:?}"
        );
    }

    #[test]
    fn slugify_is_rotatives() {
        let ctx = Context::new();
        assert_eq!(
            render(
                r#"{{ "Économie sociale & solidaire" | slugify }}|{{ "CON" | slugify }}"#,
                &ctx
            )
            .unwrap(),
            "economie-sociale-solidaire|con-_"
        );
    }
}
