//! WordPress bodies: shortcodes (`[caption]`, `[embed]`, `[gallery]`,
//! `[audio]`, `[video]`) turned into HTML or flagged, paragraphs restored
//! where the classic editor left only blank lines, then HTML converted to
//! Markdown with `htmd`, keeping as HTML what Markdown cannot express.

use super::report::Report;
use std::collections::HashMap;

/// An image of the export, for galleries: URL and alternative text.
pub struct Media {
    pub url: String,
    pub alt: String,
    pub caption: String,
}

/// What a body's shortcodes can refer to.
pub struct Context<'a> {
    pub media: &'a HashMap<String, Media>,
    /// Images attached to this post, for a `[gallery]` without `ids`.
    pub attached: Vec<&'a Media>,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `key="value"` pairs of a shortcode's opening tag.
fn attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .trim()
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .to_string();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(end) => (&after[1..1 + end], &after[end + 2..]),
                None => (&after[1..], ""),
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((key, value.to_string()));
        rest = next;
    }
    out
}

fn attr<'a>(a: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .find_map(|k| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str()))
}

/// A shortcode name: lowercase letters, digits, `_` and `-`.
fn name_at(s: &str) -> Option<&str> {
    let end = s
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
        .unwrap_or(s.len());
    (end > 0).then(|| &s[..end])
}

/// Replaces the shortcodes of a body. `first_line` is the line of the body's
/// start in the export, for the warnings.
pub fn shortcodes(
    body: &str,
    file: &str,
    first_line: usize,
    ctx: &Context,
    report: &mut Report,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    while let Some(i) = body[at..].find('[') {
        let start = at + i;
        out.push_str(&body[at..start]);
        at = start + 1;
        let Some(name) = name_at(&body[start + 1..]) else {
            out.push('[');
            continue;
        };
        let Some(close) = body[start..].find(']').map(|c| start + c) else {
            out.push('[');
            continue;
        };
        let head = &body[start + 1 + name.len()..close];
        if !(head.is_empty() || head.starts_with(' ') || head == "/") {
            out.push('[');
            continue;
        }
        let end_tag = format!("[/{name}]");
        let paired = body[close..].find(&end_tag).map(|e| close + e);
        let a = attrs(head);
        // Text in brackets (`[sic]`) is no shortcode: one has attributes or an end tag.
        if a.is_empty() && paired.is_none() && !matches!(name, "gallery" | "embed") {
            out.push('[');
            continue;
        }
        let inner = paired.map_or("", |e| &body[close + 1..e]);
        let after = paired.map_or(close + 1, |e| e + end_tag.len());
        let line = first_line + body[..start].matches('\n').count();
        let shown = format!("[{name}]");
        let html = match name {
            "caption" | "wp_caption" => {
                // The image (maybe in a link), then the caption text.
                let split = inner.rfind('>').map_or(0, |g| g + 1);
                let (img, text) = inner.split_at(split);
                let text = attr(&a, &["caption"]).unwrap_or(text.trim());
                Some(format!(
                    "<figure>{}<figcaption>{}</figcaption></figure>",
                    img.trim(),
                    text.trim()
                ))
            }
            "embed" => {
                let url = attr(&a, &["src"]).unwrap_or(inner).trim().to_string();
                (!url.is_empty()).then(|| format!("<p><a href=\"{0}\">{0}</a></p>", esc(&url)))
            }
            "audio" | "video" => {
                let keys: &[&str] = if name == "audio" {
                    &["src", "mp3", "ogg", "m4a", "wav"]
                } else {
                    &["src", "mp4", "webm", "ogv", "m4v"]
                };
                attr(&a, keys).map(|src| format!("<{name} controls src=\"{}\"></{name}>", esc(src)))
            }
            "gallery" => {
                let images: Vec<&Media> = match attr(&a, &["ids", "include"]) {
                    Some(ids) => ids
                        .split(',')
                        .filter_map(|id| ctx.media.get(id.trim()))
                        .collect(),
                    None => ctx.attached.clone(),
                };
                (!images.is_empty()).then(|| {
                    let figs: String = images
                        .iter()
                        .map(|m| {
                            let cap = if m.caption.is_empty() {
                                String::new()
                            } else {
                                format!("<figcaption>{}</figcaption>", esc(&m.caption))
                            };
                            format!(
                                "<figure><img src=\"{}\" alt=\"{}\">{cap}</figure>",
                                esc(&m.url),
                                esc(&m.alt)
                            )
                        })
                        .collect();
                    format!("<div class=\"galerie\">{figs}</div>")
                })
            }
            _ => None,
        };
        match html {
            Some(h) => {
                out.push_str(&h);
                report.convert(&shown);
            }
            None => {
                let kept = if inner.trim().is_empty() {
                    "left out"
                } else {
                    "left out (the text inside it is kept)"
                };
                report.flag(
                    file,
                    line,
                    format!(
                        "the WordPress shortcode `{shown}` could not be converted; it was {kept}"
                    ),
                );
                if !matches!(name, "caption" | "gallery" | "embed" | "audio" | "video") {
                    out.push_str(inner);
                }
            }
        }
        at = after;
    }
    out.push_str(&body[at..]);
    out
}

/// The classic editor stores paragraphs as blank lines; WordPress adds the
/// `<p>` when it shows them (`wpautop`). Block-editor content has its own.
fn paragraphs(body: &str) -> String {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let block = [
                "<figure",
                "<div",
                "<ul",
                "<ol",
                "<h",
                "<blockquote",
                "<table",
                "<pre",
                "<audio",
                "<video",
                "<p",
            ];
            if block.iter().any(|b| p.starts_with(b)) {
                p.to_string()
            } else {
                format!("<p>{}</p>", p.replace('\n', "<br>"))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const MORE: &str = "ROTATIVEMOREMARKER";

/// Whether a body was written with the classic editor, without `<p>`.
pub fn needs_paragraphs(body: &str) -> bool {
    !(body.contains("<p>") || body.contains("<p ") || body.contains("<!-- wp:"))
}

/// HTML of a post to Markdown, with paragraphs restored first when `autop`.
/// `<!--more-->` becomes rotative's `<!-- more -->`.
pub fn to_markdown(html: &str, autop: bool) -> String {
    let html = if autop {
        paragraphs(html)
    } else {
        html.to_string()
    };
    let html = html.replace("<!--more-->", &format!("\n\n{MORE}\n\n"));
    let converter = htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            translation_mode: htmd::options::TranslationMode::Faithful,
            ..Default::default()
        })
        .skip_tags(vec!["script", "style"])
        .build();
    let md = converter.convert(&html).unwrap_or_else(|_| html.clone());
    md.lines()
        .map(|l| {
            if l.contains(MORE) {
                l.replace(MORE, "<!-- more -->").trim().to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_become_html_or_warnings() {
        let mut media = HashMap::new();
        media.insert(
            "7".to_string(),
            Media {
                url: "https://w.example/a.jpg".into(),
                alt: "Le port".into(),
                caption: String::new(),
            },
        );
        let ctx = Context {
            media: &media,
            attached: Vec::new(),
        };
        let mut r = Report::default();
        let body = "[caption id=\"attachment_7\" width=\"300\"]<img src=\"a.jpg\" alt=\"x\"> Le quai[/caption]\n\
                    [embed]https://video.example/v/1[/embed]\n[gallery ids=\"7,99\"]\n\
                    [audio mp3=\"https://w.example/s.mp3\"][/audio]\n[contact-form-7 id=\"3\"]\nUn [sic] ici.";
        let out = shortcodes(body, "export.xml", 40, &ctx, &mut r);
        assert_eq!(
            out,
            "<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>Le quai</figcaption></figure>\n\
             <p><a href=\"https://video.example/v/1\">https://video.example/v/1</a></p>\n\
             <div class=\"galerie\"><figure><img src=\"https://w.example/a.jpg\" alt=\"Le port\"></figure></div>\n\
             <audio controls src=\"https://w.example/s.mp3\"></audio>\n\
             \nUn [sic] ici."
        );
        assert_eq!(
            r.warning_lines(),
            [
                "export.xml:44: warning: the WordPress shortcode `[contact-form-7]` could not be converted; it was left out"
            ]
        );
    }

    #[test]
    fn classic_paragraphs_and_more() {
        let md = to_markdown(
            "Premier <strong>gras</strong>.\n\n<!--more-->\n\nSecond\nligne.",
            true,
        );
        assert_eq!(md, "Premier **gras**.\n\n<!-- more -->\n\nSecond  \nligne.");
    }
}
