//! The search index, `/<search.path>/index.json`: one entry per published
//! article (newest first) with what the search page shows and matches on.
//! The matching itself happens in the reader's browser (the theme's
//! `js/search.js`), so the site stays static.

use crate::i18n;
use crate::model::Model;
use rayon::prelude::*;
use serde::Serialize;

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
        text: body.then(|| html_to_text(&a.content)),
    }
}

/// The whole index, one article per line. Entries are serialized in
/// parallel: at 50,000 articles this is one of the larger outputs.
pub fn index(m: &Model, lang: &str, body: bool) -> String {
    let lines: Vec<String> = (0..m.articles.len())
        .into_par_iter()
        .map(|i| serde_json::to_string(&entry(m, lang, body, i)).expect("entries serialize"))
        .collect();
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
        } else if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities a Markdown renderer writes (`&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, numeric ones) and `&nbsp;`; others stay as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Byte search: `;` is ASCII, so its position is a character boundary.
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            return char::from_u32(code);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

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
