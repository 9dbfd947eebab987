//! `--fetch-embeds`: the fields an author left out of a `video` or `social`
//! shortcode (a title, an author, the text of a post), asked of the
//! provider's oEmbed endpoint. Off by default — a build then reaches no
//! other site. Answers are kept in `.rotative-cache/oembed/`, so that a site
//! built several times an hour asks once per embed; a failed request is a
//! warning and the shortcode keeps what the article says.

use crate::error::Diagnostic;
use crate::model::shortcode::{Arg, NamedArg, Shortcode};
use crate::model::{Article, Model};
use crate::render::embeds;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const CACHE_DIR: &str = ".rotative-cache/oembed";

/// What an oEmbed answer says that a shortcode can use.
#[derive(Debug, Default, PartialEq)]
struct Answer {
    title: Option<String>,
    author: Option<String>,
    /// The post's text, from the quotation in `html` (X and Bluesky send
    /// one; Mastodon sends an iframe, which holds no text).
    text: Option<String>,
}

/// The provider's oEmbed address for `url`, for the shortcodes we fill.
fn endpoint(name: &str, url: &str) -> Option<String> {
    let q = |base: &str| format!("{base}?format=json&url={}", encode(url));
    match name {
        "video" => {
            let e = embeds::video(url)?;
            let origin = url::Url::parse(url).ok()?.origin().ascii_serialization();
            Some(match e.provider {
                "YouTube" => q("https://www.youtube.com/oembed"),
                "Vimeo" => q("https://vimeo.com/api/oembed.json"),
                "Dailymotion" => q("https://www.dailymotion.com/services/oembed"),
                "PeerTube" => q(&format!("{origin}/services/oembed")),
                _ => return None,
            })
        }
        "social" => {
            let p = embeds::post(url)?;
            let origin = url::Url::parse(url).ok()?.origin().ascii_serialization();
            Some(match p.network {
                "Mastodon" => q(&format!("{origin}/api/oembed")),
                "Bluesky" => q("https://embed.bsky.app/oembed"),
                "X" => q("https://publish.twitter.com/oembed"),
                _ => return None,
            })
        }
        _ => None,
    }
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The arguments `s` lacks that oEmbed may give.
fn wanted(s: &Shortcode) -> &'static [&'static str] {
    let missing = |k: &str| s.str_arg(k).is_none_or(|v| v.trim().is_empty());
    match s.name.as_str() {
        "video" if missing("title") => &["title"],
        "social" if missing("author") || missing("text") => &["author", "text"],
        _ => &[],
    }
}

/// Fills what the shortcodes of `model`'s articles lack, where a provider
/// answers; the warnings name the article and the shortcode's line.
/// `french`: the site's typography, which the body's text arguments got.
pub fn fill(model: &mut Model, root: &Path, french: bool) -> Vec<Diagnostic> {
    let cache = root.join(CACHE_DIR);
    let results: Vec<(usize, Option<Article>, Vec<Diagnostic>)> = model
        .articles
        .par_iter()
        .enumerate()
        .filter(|(_, a)| a.shortcodes.iter().any(|s| !wanted(s).is_empty()))
        .map(|(i, a)| {
            let mut out = (**a).clone();
            let mut diags = Vec::new();
            let mut changed = false;
            for s in &mut out.shortcodes {
                let want = wanted(s);
                let Some(url) = s.str_arg("url") else {
                    continue;
                };
                let Some(end) = (!want.is_empty()).then(|| endpoint(&s.name, url)).flatten() else {
                    continue;
                };
                match ask(&cache, &end) {
                    Ok(answer) => changed |= apply(s, want, &answer, french),
                    Err(e) => diags.push(
                        Diagnostic::warning(
                            &a.source,
                            Some(s.line),
                            format!("`{}`: could not ask {end}: {e}; the shortcode keeps what the article says", s.name),
                        )
                        .with_column(Some(s.column)),
                    ),
                }
            }
            (i, changed.then_some(out), diags)
        })
        .collect();
    let mut diags = Vec::new();
    for (i, a, d) in results {
        if let Some(a) = a {
            model.articles[i] = Arc::new(a);
        }
        diags.extend(d);
    }
    diags
}

fn apply(s: &mut Shortcode, want: &[&str], answer: &Answer, french: bool) -> bool {
    let mut changed = false;
    for &key in want {
        let value = match key {
            "title" => &answer.title,
            "author" => &answer.author,
            _ => &answer.text,
        };
        let Some(v) = value.as_ref().filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        if s.str_arg(key).is_some_and(|x| !x.trim().is_empty()) {
            continue;
        }
        s.args.retain(|a| a.name != key);
        s.args.push(NamedArg {
            name: key.to_string(),
            value: Arg::Str(if french {
                crate::content::typography::french(v)
            } else {
                v.clone()
            }),
            line: s.line,
            column: s.column,
        });
        changed = true;
    }
    changed
}

fn cache_file(cache: &Path, endpoint: &str) -> PathBuf {
    cache.join(format!(
        "{:016x}.json",
        crate::fingerprint::bytes64(endpoint.as_bytes())
    ))
}

/// The answer for `endpoint`, from the cache or asked once and kept.
fn ask(cache: &Path, endpoint: &str) -> Result<Answer, String> {
    let file = cache_file(cache, endpoint);
    let body = match std::fs::read_to_string(&file) {
        Ok(b) => b,
        Err(_) => {
            let b = get(endpoint)?;
            parse(&b)?;
            // A cache that cannot be written only means asking again next time.
            let _ = std::fs::create_dir_all(cache).and_then(|()| std::fs::write(&file, &b));
            b
        }
    };
    parse(&body)
}

fn get(url: &str) -> Result<String, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .build()
        .into();
    let mut resp = agent.get(url).call().map_err(|e| e.to_string())?;
    resp.body_mut()
        .with_config()
        .limit(1024 * 1024)
        .read_to_string()
        .map_err(|e| e.to_string())
}

fn parse(body: &str) -> Result<Answer, String> {
    let v: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("the answer is not oEmbed JSON ({e})"))?;
    let field = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .map(|s| crate::html::decode_entities(s).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Ok(Answer {
        title: field("title"),
        author: field("author_name"),
        text: v.get("html").and_then(|h| h.as_str()).and_then(quoted_text),
    })
}

/// The text of the first paragraph of the quotation in an oEmbed `html`.
fn quoted_text(html: &str) -> Option<String> {
    let q = &html[html.find("<blockquote")?..];
    let p = &q[q.find("<p")?..];
    let p = &p[p.find('>')? + 1..];
    let end = p.find("</p>")?;
    let text = crate::render::search::html_to_text(&p[..end]);
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_give_titles_authors_and_quoted_text() {
        let a = parse(r#"{"type":"rich","author_name":"Préfet du Rhône","html":"<blockquote class=\"twitter-tweet\"><p lang=\"fr\">Vigilance orange &amp; crues <a href=\"x\">#Rhône</a></p>&mdash; Préfet (@prefet) <a href=\"y\">3 mars 2025</a></blockquote>"}"#).unwrap();
        assert_eq!(a.author.as_deref(), Some("Préfet du Rhône"));
        assert_eq!(a.text.as_deref(), Some("Vigilance orange & crues #Rhône"));
        let v = parse(
            r#"{"type":"video","title":"Séance du conseil","html":"<iframe src=\"x\"></iframe>"}"#,
        )
        .unwrap();
        assert_eq!(
            (v.title.as_deref(), v.text),
            (Some("Séance du conseil"), None)
        );
        assert!(
            parse("<html>")
                .unwrap_err()
                .starts_with("the answer is not oEmbed JSON")
        );
    }

    #[test]
    fn each_provider_has_its_endpoint() {
        assert_eq!(
            endpoint("video", "https://youtu.be/abc").as_deref(),
            Some("https://www.youtube.com/oembed?format=json&url=https%3A%2F%2Fyoutu%2Ebe%2Fabc")
        );
        assert!(
            endpoint("social", "https://piaille.fr/@a/12")
                .unwrap()
                .starts_with("https://piaille.fr/api/oembed?")
        );
        assert!(endpoint("video", "https://exemple.fr/page").is_none());
    }
}
