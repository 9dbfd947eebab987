//! Reading HTML without a document tree: entity decoding, and a small scanner
//! for the attributes of start tags — enough to find the `id`s a page defines
//! and the `href`/`src` of HTML written inside Markdown on a large site.

use std::borrow::Cow;
use std::collections::HashSet;

/// Decodes the entities a Markdown renderer and rotative's escaping write
/// (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`) and numeric ones;
/// others stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Byte search: `;` is ASCII, so its position is a character boundary.
        let semi = rest.bytes().take(12).position(|b| b == b';');
        match semi.and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1))) {
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
    Cow::Owned(out)
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

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Finds `needle` (ASCII, lowercase) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Calls `f(tag, attribute, value, offset of the value)` for each attribute
/// that has a value, in every start tag of `html`. Tag and attribute names
/// are lowercased. Comments, doctypes and the text of `script` and `style`
/// elements are skipped. Only ASCII bytes end a token, so every slice taken
/// falls on a character boundary.
pub fn for_each_attr(html: &str, mut f: impl FnMut(&str, &str, Cow<'_, str>, usize)) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(p) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += p + 1;
        if b[i..].starts_with(b"!--") {
            i = find_ci(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let tag = html[start..i].to_ascii_lowercase();
        i = attributes(html, i, &tag, &mut f);
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
        }
    }
}

/// Reads the attributes of one tag from `i`; returns the offset after `>`.
fn attributes(
    html: &str,
    mut i: usize,
    tag: &str,
    f: &mut impl FnMut(&str, &str, Cow<'_, str>, usize),
) -> usize {
    let b = html.as_bytes();
    loop {
        i = skip_ws(b, i);
        match b.get(i) {
            None => return i,
            Some(b'>') => return i + 1,
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/".contains(&b[i]) {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let name = html[start..i].to_ascii_lowercase();
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_ws(b, i + 1);
        let (value_start, value_end, next) = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = b[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |e| e + i + 1);
                (i + 1, end, (end + 1).min(b.len()))
            }
            _ => {
                let mut e = i;
                while e < b.len() && !b[e].is_ascii_whitespace() && b[e] != b'>' {
                    e += 1;
                }
                (i, e, e)
            }
        };
        f(
            tag,
            &name,
            decode_entities(&html[value_start..value_end]),
            value_start,
        );
        i = next;
    }
}

/// The fragment targets a page defines: every `id`, and `name` on `<a>`.
pub fn ids(html: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for_each_attr(html, |tag, attr, value, _| {
        if attr == "id" || (attr == "name" && tag == "a") {
            out.insert(value.into_owned());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_skips_comments_and_scripts() {
        let html = r#"<!doctype html><html><body id=haut>
            <!-- <p id="commentaire"> -->
            <h2 class="x" id="suite">Suite</h2><a name='ancre'>a</a>
            <script>var s = '<div id="script">';</script>
            <p data-id="non" id="l&#39;a&amp;b">x</p><div id = "espace"></div>"#;
        let got = ids(html);
        let mut got: Vec<&str> = got.iter().map(String::as_str).collect();
        got.sort();
        assert_eq!(got, ["ancre", "espace", "haut", "l'a&b", "suite"]);
    }

    #[test]
    fn reports_offsets_of_values() {
        let html = "<a href=\"/x/\">x</a> <img alt='' src=/i.png>";
        let mut seen = Vec::new();
        for_each_attr(html, |tag, attr, value, at| {
            seen.push((tag.to_string(), attr.to_string(), value.into_owned(), at))
        });
        assert_eq!(seen[0], ("a".into(), "href".into(), "/x/".into(), 9));
        assert_eq!(seen[2], ("img".into(), "src".into(), "/i.png".into(), 36));
        assert_eq!(&html[36..42], "/i.png");
    }

    #[test]
    fn tolerates_broken_markup() {
        for html in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "<!--",
            "<script>",
        ] {
            let _ = ids(html);
        }
    }
}
