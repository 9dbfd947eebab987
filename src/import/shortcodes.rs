//! Hugo shortcodes inside post bodies: `figure`, `youtube`, `vimeo`, `x` and
//! `tweet`, `gist`, `instagram`, `highlight`, `ref` and `relref` are turned
//! into Markdown, HTML or rotative's own shortcodes (`video`, `social`); any other one is left out (its inner text kept)
//! with a warning naming its line, so none is ever printed on a page.

use super::report::Report;
use std::collections::HashMap;

/// One `{{< … >}}` or `{{% … %}}`: its name, arguments, and whether it closes.
struct Call {
    name: String,
    closing: bool,
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Call {
    fn arg(&self, key: &str, pos: usize) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .or_else(|| self.positional.get(pos).map(String::as_str))
    }
}

/// Splits `figure src="a b.jpg" caption='x'` into words, keeping quoted ones whole.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '`' || c == '\'' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if !cur.is_empty() || any {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            None => cur.push(c),
        }
    }
    if !cur.is_empty() || any {
        out.push(cur);
    }
    out
}

fn parse_call(inner: &str) -> Call {
    let inner = inner.trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim()),
        None => (false, inner),
    };
    let inner = inner.trim_end_matches('/').trim();
    let mut w = words(inner).into_iter();
    let name = w.next().unwrap_or_default();
    let mut call = Call {
        name,
        closing,
        positional: Vec::new(),
        named: Vec::new(),
    };
    for word in w {
        match word.split_once('=') {
            Some((k, v)) if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                call.named.push((k.to_string(), v.to_string()))
            }
            _ => call.positional.push(word),
        }
    }
    call
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Finds the next shortcode at or after `from`: start, end, delimiter kind.
fn next_call(body: &str, from: usize) -> Option<(usize, usize, &'static str)> {
    let a = body[from..].find("{{<").map(|i| (from + i, ">}}"));
    let b = body[from..].find("{{%").map(|i| (from + i, "%}}"));
    let (start, close) = match (a, b) {
        (Some(x), Some(y)) => {
            if x.0 < y.0 {
                x
            } else {
                y
            }
        }
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => return None,
    };
    let end = start + 3 + body[start + 3..].find(close)? + 3;
    Some((start, end, close))
}

pub fn convert(
    body: &str,
    file: &str,
    first_line: usize,
    links: &HashMap<String, String>,
    report: &mut Report,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    while let Some((start, end, close)) = next_call(body, at) {
        out.push_str(&body[at..start]);
        let line = first_line + body[..start].matches('\n').count();
        let inner = &body[start + 3..end - 3];
        at = end;
        // `{{</* figure */>}}` is how Hugo writes a shortcode to be shown as text.
        if let Some(shown) = inner.trim().strip_prefix("/*") {
            let shown = shown.trim_end().trim_end_matches("*/").trim();
            let open = if close == ">}}" { "{{<" } else { "{{%" };
            out.push_str(&format!("{open} {shown} {close}"));
            report.convert("{{</* */>}}");
            continue;
        }
        let call = parse_call(inner);
        if call.closing {
            // The end of a paired shortcode already reported at its start.
            continue;
        }
        let shown = format!("{{{{< {} >}}}}", call.name);
        match call.name.as_str() {
            "figure" => {
                let src = call.arg("src", 0).unwrap_or("");
                let alt = call.arg("alt", 99).or(call.arg("title", 99)).unwrap_or("");
                let mut caption = call.arg("caption", 99).unwrap_or("").to_string();
                if let Some(attr) = call.arg("attr", 99) {
                    if !caption.is_empty() {
                        caption.push_str(" — ");
                    }
                    caption.push_str(attr);
                }
                let fig = if caption.is_empty() {
                    String::new()
                } else {
                    format!("<figcaption>{}</figcaption>", esc(&caption))
                };
                out.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"{}\">{fig}</figure>",
                    esc(src),
                    esc(alt)
                ));
                report.convert(&shown);
            }
            "youtube" | "vimeo" | "x" | "tweet" | "twitter" | "gist" | "instagram" => {
                let url = match call.name.as_str() {
                    "youtube" => call
                        .arg("id", 0)
                        .map(|id| ("YouTube", format!("https://www.youtube.com/watch?v={id}"))),
                    "vimeo" => call
                        .arg("id", 0)
                        .map(|id| ("Vimeo", format!("https://vimeo.com/{id}"))),
                    "gist" => call
                        .arg("user", 0)
                        .zip(call.arg("id", 1))
                        .map(|(u, id)| ("GitHub", format!("https://gist.github.com/{u}/{id}"))),
                    "instagram" => call
                        .arg("id", 0)
                        .map(|id| ("Instagram", format!("https://www.instagram.com/p/{id}/"))),
                    _ => call
                        .arg("user", 0)
                        .zip(call.arg("id", 1))
                        .map(|(u, id)| ("X", format!("https://x.com/{u}/status/{id}"))),
                };
                match url {
                    // rotative's own shortcodes, which load nothing from the
                    // provider before the reader asks.
                    Some(("YouTube" | "Vimeo", url)) => {
                        out.push_str(&format!("{{{{ video(url=\"{url}\") }}}}"));
                        report.convert(&shown);
                    }
                    Some(("X", url)) => {
                        out.push_str(&format!("{{{{ social(url=\"{url}\") }}}}"));
                        report.convert(&shown);
                    }
                    Some((site, url)) => {
                        out.push_str(&format!("[Voir sur {site}]({url})"));
                        report.convert(&shown);
                    }
                    None => report.flag(
                        file,
                        line,
                        format!("`{shown}` lacks its id; it was left out"),
                    ),
                }
            }
            "highlight" => {
                let lang = call.arg("lang", 0).unwrap_or("");
                let end_tag = find_close(body, at, "highlight");
                match end_tag {
                    Some((s, e)) => {
                        out.push_str(&format!(
                            "```{lang}\n{}\n```",
                            body[at..s].trim_matches('\n')
                        ));
                        at = e;
                        report.convert(&shown);
                    }
                    None => report.flag(
                        file,
                        line,
                        "`{{< highlight >}}` is never closed; the tag was left out".to_string(),
                    ),
                }
            }
            "ref" | "relref" => {
                let key = call.arg("path", 0).unwrap_or("");
                let key = key.trim_start_matches('/');
                let found = links.get(key).or_else(|| {
                    let name = key.rsplit('/').next().unwrap_or(key);
                    links.get(name.trim_end_matches(".md"))
                });
                match found {
                    Some(url) => {
                        out.push_str(url);
                        report.convert(&shown);
                    }
                    None => report.flag(
                        file,
                        line,
                        format!("`{{{{< {} \"{key}\" >}}}}` names no imported post or page; the link was left out", call.name),
                    ),
                }
            }
            _ => {
                let paired = find_close(body, at, &call.name).is_some();
                let what = if paired {
                    "left out (the text inside it is kept)"
                } else {
                    "left out"
                };
                report.flag(
                    file,
                    line,
                    format!("the Hugo shortcode `{shown}` has no equivalent; it was {what}"),
                );
            }
        }
    }
    out.push_str(&body[at..]);
    out
}

/// The closing `{{< /name >}}` after `from`.
fn find_close(body: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some((s, e, _)) = next_call(body, at) {
        let c = parse_call(&body[s + 3..e - 3]);
        if c.closing && c.name == name {
            return Some((s, e));
        }
        at = e;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_flags() {
        let mut links = HashMap::new();
        links.insert(
            "posts/budget.md".to_string(),
            "/2025/03/budget/".to_string(),
        );
        let mut r = Report::default();
        let body = "{{< figure src=\"/images/a.jpg\" alt=\"Le quai\" caption=\"Au matin\" attr=\"S. B.\" >}}\n\
                    {{< youtube dQw4w9WgXcQ >}}\n{{< x user=\"prefet\" id=\"17\" >}}\n[Budget]({{< ref \"posts/budget.md\" >}})\n\
                    {{< notice info >}}Attention{{< /notice >}}\n{{% highlight go %}}\nx := 1\n{{% /highlight %}}\n";
        let out = convert(body, "content/posts/x.md", 3, &links, &mut r);
        assert_eq!(
            out,
            "<figure><img src=\"/images/a.jpg\" alt=\"Le quai\"><figcaption>Au matin — S. B.</figcaption></figure>\n\
             {{ video(url=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\") }}\n{{ social(url=\"https://x.com/prefet/status/17\") }}\n[Budget](/2025/03/budget/)\n\
             Attention\n```go\nx := 1\n```\n"
        );
        assert_eq!(
            r.warning_lines(),
            [
                "content/posts/x.md:7: warning: the Hugo shortcode `{{< notice >}}` has no equivalent; it was left out (the text inside it is kept)"
            ]
        );
    }
}
