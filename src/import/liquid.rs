//! Jekyll's Liquid inside post bodies: the tags with a Markdown meaning are
//! converted (`{% highlight %}`, `{% raw %}`, `{% link %}`, `{% post_url %}`,
//! `{{ site.baseurl }}`), every other one is left out with a warning naming
//! its line, so that no Liquid is ever printed on a page.

use super::report::Report;
use std::collections::HashMap;

/// What Liquid expressions can refer to.
pub struct Scope<'a> {
    /// New URL of each post and page, by source path (`_posts/2019-05-01-x.md`)
    /// and by file stem (`2019-05-01-x`, as `post_url` names them).
    pub links: &'a HashMap<String, String>,
    pub site_title: &'a str,
    pub page_title: &'a str,
}

fn line_of(body: &str, pos: usize, first_line: usize) -> usize {
    first_line + body[..pos].matches('\n').count()
}

/// The inside of `{% … %}` or `{{ … }}`, without whitespace control dashes.
fn inner(s: &str) -> &str {
    s.trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim()
}

/// Finds the end tag `{% name %}` after `from`; start and end of the tag.
fn find_tag(body: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(i) = body[at..].find("{%") {
        let start = at + i;
        let end = start + body[start..].find("%}")? + 2;
        if inner(&body[start + 2..end - 2]) == name {
            return Some((start, end));
        }
        at = end;
    }
    None
}

pub fn convert(
    body: &str,
    file: &str,
    first_line: usize,
    scope: &Scope,
    report: &mut Report,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    loop {
        let next = [body[at..].find("{%"), body[at..].find("{{")]
            .into_iter()
            .flatten()
            .min();
        let Some(i) = next else {
            out.push_str(&body[at..]);
            break;
        };
        let start = at + i;
        out.push_str(&body[at..start]);
        let line = line_of(body, start, first_line);
        let is_tag = body[start..].starts_with("{%");
        let close = if is_tag { "%}" } else { "}}" };
        let Some(len) = body[start + 2..].find(close) else {
            report.flag(
                file,
                line,
                format!(
                    "an unclosed Liquid `{}` was left out with the rest of its line",
                    &body[start..start + 2]
                ),
            );
            at = body[start..].find('\n').map_or(body.len(), |n| start + n);
            continue;
        };
        let end = start + 2 + len + 2;
        let text = inner(&body[start + 2..end - 2]);
        at = end;
        if !is_tag {
            out.push_str(&expression(text, file, line, scope, report));
            continue;
        }
        let (name, args) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let args = args.trim();
        match name {
            "raw" | "comment" | "highlight" => {
                let end_name = format!("end{name}");
                let Some((s, e)) = find_tag(body, end, &end_name) else {
                    report.flag(file, line, format!("`{{% {name} %}}` is never closed by `{{% {end_name} %}}`; the tag was left out"));
                    continue;
                };
                let content = &body[end..s];
                match name {
                    "raw" => out.push_str(content),
                    "highlight" => {
                        let lang = args.split_whitespace().next().unwrap_or("");
                        out.push_str(&format!("```{lang}\n{}\n```", content.trim_matches('\n')));
                    }
                    _ => {}
                }
                report.convert(&format!("{{% {name} %}}"));
                at = e;
            }
            "link" | "post_url" => {
                let key = args.trim_matches(|c| c == '"' || c == '\'');
                let key = key.trim_start_matches('/');
                let found = scope.links.get(key).or_else(|| {
                    let stem = key.rsplit('/').next().unwrap_or(key);
                    scope
                        .links
                        .get(stem.trim_end_matches(".md").trim_end_matches(".markdown"))
                });
                match found {
                    Some(url) => {
                        out.push_str(url);
                        report.convert(&format!("{{% {name} %}}"));
                    }
                    None => report.flag(
                        file,
                        line,
                        format!("`{{% {name} {args} %}}` names no imported post or page; the link was left out"),
                    ),
                }
            }
            "include" => report.flag(
                file,
                line,
                format!(
                    "`{{% include {args} %}}` (a Jekyll include) has no equivalent; it was left out"
                ),
            ),
            _ => report.flag(
                file,
                line,
                format!("the Liquid tag `{{% {text} %}}` has no equivalent; it was left out"),
            ),
        }
    }
    out
}

/// `{{ … }}`: the site's own addresses become site-relative, titles are put
/// in, anything else is left out.
fn expression(text: &str, file: &str, line: usize, scope: &Scope, report: &mut Report) -> String {
    let mut parts = text.split('|').map(str::trim);
    let head = parts.next().unwrap_or("");
    let filters: Vec<&str> = parts.collect();
    let literal = head
        .strip_prefix('"')
        .and_then(|h| h.strip_suffix('"'))
        .or_else(|| head.strip_prefix('\'').and_then(|h| h.strip_suffix('\'')));
    let value = match (head, literal) {
        ("site.baseurl" | "site.url", _) => Some(String::new()),
        ("site.title", _) => Some(scope.site_title.to_string()),
        ("page.title", _) => Some(scope.page_title.to_string()),
        (_, Some(lit))
            if filters.iter().all(|f| {
                matches!(
                    *f,
                    "relative_url" | "absolute_url" | "prepend: site.baseurl"
                )
            }) =>
        {
            Some(lit.to_string())
        }
        _ => None,
    };
    match value {
        Some(v) => {
            report.convert(&format!("{{{{ {head} }}}}"));
            v
        }
        None => {
            report.flag(
                file,
                line,
                format!(
                    "the Liquid expression `{{{{ {text} }}}}` has no equivalent; it was left out"
                ),
            );
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_flags() {
        let mut links = HashMap::new();
        links.insert(
            "2019-05-01-budget".to_string(),
            "/2019/05/budget/".to_string(),
        );
        let scope = Scope {
            links: &links,
            site_title: "Le Rotatif",
            page_title: "Budget",
        };
        let mut r = Report::default();
        let body = "Voir [le budget]({{ site.baseurl }}{% post_url 2019-05-01-budget %}).\n\
                    {% highlight ruby linenos %}\nputs 1\n{% endhighlight %}\n\
                    {% raw %}{{ page.x }}{% endraw %}\n{% include pub.html %}\n{{ page.auteur }}\n";
        let out = convert(body, "_posts/x.md", 5, &scope, &mut r);
        assert_eq!(
            out,
            "Voir [le budget](/2019/05/budget/).\n```ruby\nputs 1\n```\n{{ page.x }}\n\n\n"
        );
        assert_eq!(
            r.warning_lines(),
            [
                "_posts/x.md:10: warning: `{% include pub.html %}` (a Jekyll include) has no equivalent; it was left out",
                "_posts/x.md:11: warning: the Liquid expression `{{ page.auteur }}` has no equivalent; it was left out",
            ]
        );
        assert_eq!(r.flagged, 2);
        assert_eq!(r.converted["{% highlight %}"], 1);
    }
}
