//! What a Tera 2 template depends on, read from the sources: Tera 2 keeps
//! parents, includes and component calls in private fields (no public API
//! lists them), so the preview's dependency tracking has to scan.
//!
//! A template depends on what it extends or includes, the partials it
//! renders with `fragment(name="…")`, and the template defining each
//! component it calls (`{{<name … />}}` or `{% <name …> %}`).

use std::collections::{BTreeMap, BTreeSet};

/// The string literal at the start of `s`, if any.
fn leading_literal(s: &str) -> Option<String> {
    let q = s.chars().next().filter(|c| matches!(c, '"' | '\'' | '`'))?;
    s[1..].find(q).map(|end| s[1..1 + end].to_string())
}

/// `src` with every `{# … #}` comment blanked: a comment may show a call.
fn strip_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(i) = rest.find("{#") {
        out.push_str(&rest[..i]);
        match rest[i..].find("#}") {
            Some(j) => rest = &rest[i + j + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The inside of each `{{ … }}` and `{% … %}`, whitespace control removed.
fn tags(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = src[i..].find('{') {
        let start = i + p;
        let close = match src.as_bytes().get(start + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                i = start + 1;
                continue;
            }
        };
        let body_start = start + 2;
        let end = src[body_start..]
            .find(close)
            .map_or(src.len(), |e| body_start + e);
        out.push(src[body_start..end].trim_matches('-').trim());
        i = end.min(src.len());
        if i == src.len() {
            break;
        }
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Component name → the template defining it.
pub fn definitions(sources: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut defs = BTreeMap::new();
    for (name, src) in sources {
        for tag in tags(&strip_comments(src)) {
            if let Some(rest) = tag.strip_prefix("component ") {
                defs.insert(ident_at(rest.trim_start()).to_string(), name.clone());
            }
        }
    }
    defs
}

/// The templates `src` pulls in directly.
pub fn direct(src: &str, defs: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for tag in tags(&strip_comments(src)) {
        for kw in ["extends", "include"] {
            if let Some(rest) = tag.strip_prefix(kw) {
                out.extend(leading_literal(rest.trim_start()));
            }
        }
        for (i, _) in tag.match_indices("fragment(") {
            let args = &tag[i + 9..];
            if let Some(n) = args.find("name") {
                let v = args[n + 4..].trim_start().strip_prefix('=').unwrap_or("");
                out.extend(leading_literal(v.trim_start()));
            }
        }
        for (i, _) in tag.match_indices('<') {
            let name = ident_at(&tag[i + 1..]);
            let after = tag[i + 1 + name.len()..].chars().next();
            if let Some(def) = defs.get(name)
                && matches!(after, None | Some(' ' | '\t' | '\n' | '/' | '>'))
            {
                out.insert(def.clone());
            }
        }
    }
    out
}

/// Each template with everything it depends on, transitively.
pub fn closures(sources: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let defs = definitions(sources);
    let mut out = BTreeMap::new();
    for name in sources.keys() {
        let mut seen = BTreeSet::new();
        let mut todo = vec![name.clone()];
        while let Some(t) = todo.pop() {
            // A missing template is an input too: creating it changes the page.
            if seen.insert(t.clone())
                && let Some(src) = sources.get(&t)
            {
                todo.extend(direct(src, &defs));
            }
        }
        seen.remove(name);
        out.insert(name.clone(), seen);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_fragments_and_includes() {
        let s = |n: &str, t: &str| (n.to_string(), t.to_string());
        let sources: BTreeMap<String, String> = [
            s(
                "c.html",
                "{% component kicker(category) %}<a>{% endcomponent kicker %}",
            ),
            s(
                "card.html",
                "{# {{<ghost />}} #}<picture>{{<kicker category={item.category} />}}</picture>",
            ),
            s(
                "base.html",
                "{{ fragment(name=\"card.html\") }}{% if a < b %}{% endif %}",
            ),
            s(
                "page.html",
                "{% extends \"base.html\" %}{%- include 'x.html' -%}",
            ),
        ]
        .into();
        let c = closures(&sources);
        let list = |n: &str| c[n].iter().cloned().collect::<Vec<_>>();
        assert_eq!(list("card.html"), ["c.html"]);
        assert_eq!(
            list("page.html"),
            ["base.html", "c.html", "card.html", "x.html"]
        );
        assert!(list("c.html").is_empty());
    }
}
