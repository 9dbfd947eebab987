//! The search index, `/<search.path>/index.json`: one entry per published
//! article (newest first) with what the search page shows and matches on.
//! The matching itself happens in the reader's browser (the theme's
//! `js/search.js`), so the site stays static.

use crate::config::Config;
use crate::fingerprint::{KeyMap, bytes64, bytes128};
use crate::html::decode_entities;
use crate::i18n;
use crate::model::Model;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::{Arc, Mutex};

#[derive(Serialize)]
struct Entry<'a> {
    title: &'a str,
    url: &'a str,
    date: String,
    date_display: String,
    summary: &'a str,
    category: Option<&'a str>,
    authors: Vec<&'a str>,
    tags: Vec<&'a str>,
    /// The article's plain text, only with `[search] body = true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

fn entry<'a>(m: &'a Model, lang: &str, body: bool, i: usize) -> Entry<'a> {
    let a = &m.articles[i];
    let l = &m.links[i];
    Entry {
        title: &a.title,
        url: &l.url,
        date: a.date.to_rfc3339(),
        date_display: i18n::short_date(&a.date, lang),
        summary: &a.summary,
        category: l.category.map(|c| m.categories[c].name.as_str()),
        authors: l
            .authors
            .iter()
            .map(|&x| m.authors[x].name.as_str())
            .collect(),
        tags: l.tags.iter().map(|&t| m.tags[t].name.as_str()).collect(),
        text: body.then(|| html_to_text(super::paywall::public(a))),
    }
}

/// Serialized index entries by a hash of everything they show, kept between
/// preview rebuilds: a title edit then serializes one entry, not the 10,000
/// of the site, which would cost more than the rest of the rebuild.
#[derive(Default)]
pub struct EntryCache(Mutex<KeyMap<Arc<str>>>);

/// Hashes of what index entries share: the settings, and each category's,
/// author's and tag's name, computed once per render.
struct KeyParts {
    global: u64,
    categories: Vec<u64>,
    authors: Vec<u64>,
    tags: Vec<u64>,
}

impl KeyParts {
    fn new(m: &Model, lang: &str, body: bool, permalink: &str) -> KeyParts {
        let text = |parts: &[&str]| bytes64(parts.join("\u{0}").as_bytes());
        KeyParts {
            global: text(&[lang, permalink, if body { "body" } else { "" }]),
            categories: m
                .categories
                .iter()
                .map(|c| text(&[&c.name, &c.slug]))
                .collect(),
            authors: m.authors.iter().map(|a| text(&[&a.name])).collect(),
            tags: m.tags.iter().map(|t| text(&[&t.name])).collect(),
        }
    }
}

/// A hash of what article `i`'s entry is made of, from hashes computed
/// before: reading every title and summary again would cost more than the
/// entries it saves. The article's listing fingerprint covers its title,
/// slug, date and summary (so its URL, with the category's slug), its file
/// fingerprint the body.
fn entry_key(m: &Model, parts: &KeyParts, body: bool, i: usize, buf: &mut Vec<u8>) -> u128 {
    let a = &m.articles[i];
    let l = &m.links[i];
    buf.clear();
    let mut word = |x: u64| buf.extend_from_slice(&x.to_le_bytes());
    word(parts.global);
    word(a.summary_fingerprint);
    word(if body { a.fingerprint } else { 0 });
    word(l.category.map_or(0, |c| parts.categories[c]));
    word(l.authors.len() as u64);
    l.authors.iter().for_each(|&x| word(parts.authors[x]));
    word(l.tags.len() as u64);
    l.tags.iter().for_each(|&t| word(parts.tags[t]));
    bytes128(buf)
}

fn serialize(m: &Model, lang: &str, body: bool, i: usize) -> Arc<str> {
    Arc::from(serde_json::to_string(&entry(m, lang, body, i)).expect("entries serialize"))
}

/// The entries of every article, from `cache` where it has them.
fn entries(
    m: &Model,
    lang: &str,
    body: bool,
    permalink: &str,
    cache: Option<&EntryCache>,
) -> Vec<Arc<str>> {
    let n = m.articles.len();
    let Some(cache) = cache else {
        return (0..n)
            .into_par_iter()
            .map(|i| serialize(m, lang, body, i))
            .collect();
    };
    let parts = KeyParts::new(m, lang, body, permalink);
    let keys: Vec<u128> = (0..n)
        .into_par_iter()
        .map_init(Vec::new, |buf, i| entry_key(m, &parts, body, i, buf))
        .collect();
    let known: Vec<Option<Arc<str>>> = match cache.0.lock() {
        Ok(c) => keys.iter().map(|k| c.get(k).cloned()).collect(),
        Err(_) => vec![None; n],
    };
    let lines: Vec<Arc<str>> = known
        .into_par_iter()
        .enumerate()
        .map(|(i, hit)| hit.unwrap_or_else(|| serialize(m, lang, body, i)))
        .collect();
    if let Ok(mut c) = cache.0.lock() {
        // A long preview session must not keep every past version.
        if c.len() > 2 * n + 1024 {
            c.clear();
        }
        for (k, line) in keys.into_iter().zip(&lines) {
            c.entry(k).or_insert_with(|| line.clone());
        }
    }
    lines
}

/// The whole index, one article per line. Entries are serialized in
/// parallel: at 50,000 articles this is one of the larger outputs.
pub fn index(m: &Model, config: &Config, cache: Option<&EntryCache>) -> String {
    let (lang, body) = (config.language.as_str(), config.search.body);
    let lines = entries(m, lang, body, &config.permalink, cache);
    let size = lines.iter().map(|l| l.len() + 2).sum::<usize>();
    let mut out = String::with_capacity(size + 32);
    out.push_str("{\"articles\":[");
    for (k, line) in lines.iter().enumerate() {
        out.push_str(if k == 0 { "\n" } else { ",\n" });
        out.push_str(line);
    }
    out.push_str("\n]}\n");
    out
}

/// Inline elements: their tags do not separate words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

/// The text of an HTML fragment (a rendered Markdown body): tags dropped,
/// `script` and `style` contents dropped, entities decoded, spaces collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let (tag, tag_end) = match rest[lt..].find('>') {
            Some(e) => (&rest[lt + 1..lt + e], lt + e + 1),
            None => (&rest[lt + 1..], rest.len()),
        };
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &rest[tag_end..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let close = format!("</{name}");
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
        } else if !tag.starts_with('/') && is_nosearch(tag) {
            rest = &rest[element_end(rest, &name)..];
            out.push(' ');
        } else if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `<span data-nosearch>`: a button's label, a note on a third party, which
/// are words of the page but not of the article.
fn is_nosearch(tag: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '/')
        .any(|attr| attr == "data-nosearch" || attr.starts_with("data-nosearch="))
}

/// Where the element whose opening tag `rest` follows ends: after its
/// closing tag, elements of the same name inside it counted.
fn element_end(rest: &str, name: &str) -> usize {
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let mut depth = 1;
    let mut at = 0;
    while let Some(lt) = rest[at..].find('<').map(|i| at + i) {
        let tag_end = rest[lt..].find('>').map_or(rest.len(), |e| lt + e + 1);
        let tag = &rest[lt..tag_end];
        let named = |prefix: &str| {
            tag.starts_with(prefix)
                && !tag[prefix.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        };
        if named(&close) {
            depth -= 1;
            if depth == 0 {
                return tag_end;
            }
        } else if named(&open) && !tag.ends_with("/>") {
            depth += 1;
        }
        at = tag_end;
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn labels_marked_nosearch_are_not_text() {
        assert_eq!(
            html_to_text(
                "<p>Avant</p><a href=x><span data-nosearch>Lire <span>la</span> vidéo</span></a><span class=t>Titre</span>"
            ),
            "Avant Titre"
        );
    }

    #[test]
    fn text_of_html() {
        assert_eq!(
            html_to_text(
                "<h2>Prix</h2>\n<p>L&#39;électri<em>cité</em> &amp; le gaz&nbsp;!</p><p>Fin</p>"
            ),
            "Prix L'électricité & le gaz ! Fin"
        );
        assert_eq!(
            html_to_text("<p>a</p><script>var x = '<p>';</script><style>p{}</style>b &bogus; c"),
            "a b &bogus; c"
        );
        assert_eq!(html_to_text("texte <non fermé"), "texte");
    }
}
