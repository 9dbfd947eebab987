//! Markdown to HTML, with the by-products listings need: a plain-text summary
//! and a word count, gathered in the same pass over the events.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// What one Markdown body turns into.
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    /// Plain text before a `<!-- more -->` marker, if the body has one.
    pub before_more: Option<String>,
    pub word_count: usize,
}

/// The Markdown extensions articles may use; `rotative check` reads links
/// with the same ones. Heading attributes (`## Titre {#ancre}`) give headings
/// an `id` that links can point at.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// `javascript:` (and `vbscript:`/`data:text/html`) URLs run code when clicked;
/// editors are trusted with HTML, but a pasted link must not become a script.
fn is_script_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || cleaned.starts_with("data:text/html")
}

fn is_more_marker(html: &str) -> bool {
    let t = html.trim();
    t.strip_prefix("<!--")
        .and_then(|r| r.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}

pub fn render(body: &str) -> Rendered {
    let mut first_paragraph = String::new();
    let mut before_more: Option<String> = None;
    let mut text_so_far = String::new();
    let mut word_count = 0;
    // 0: before the first paragraph, 1: inside it, 2: after it.
    let mut para_state = 0u8;
    let mut in_dropped_link = 0usize;

    let events = Parser::new_ext(body, options()).filter_map(|event| {
        match &event {
            Event::Start(Tag::Paragraph) if para_state == 0 => para_state = 1,
            Event::End(TagEnd::Paragraph) => {
                if para_state == 1 {
                    para_state = 2;
                }
                text_so_far.push(' ');
            }
            Event::Text(t) | Event::Code(t) => {
                word_count += t.split_whitespace().count();
                if para_state == 1 {
                    first_paragraph.push_str(t);
                }
                if before_more.is_none() {
                    text_so_far.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if para_state == 1 {
                    first_paragraph.push(' ');
                }
                text_so_far.push(' ');
            }
            Event::Html(h) | Event::InlineHtml(h) if before_more.is_none() && is_more_marker(h) => {
                before_more = Some(collapse(&text_so_far));
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if is_script_url(&dest_url) => {
                in_dropped_link += 1;
                None
            }
            Event::End(TagEnd::Link) if in_dropped_link > 0 => {
                in_dropped_link -= 1;
                None
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if is_script_url(&dest_url) => Some(Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::Borrowed(""),
                title,
                id,
            })),
            e => Some(e),
        }
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    Rendered {
        html: out,
        first_paragraph: collapse(&first_paragraph),
        before_more,
        word_count,
    }
}

/// Collapses runs of whitespace and trims, for one-line summaries.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_sources() {
        let r = render("Premier *paragraphe*\nsur deux lignes.\n\nSecond.\n");
        assert_eq!(r.first_paragraph, "Premier paragraphe sur deux lignes.");
        assert_eq!(r.word_count, 6);
        assert!(r.before_more.is_none());
        let r = render("Intro.\n\nSuite.\n\n<!-- more -->\n\nReste.\n");
        assert_eq!(r.before_more.as_deref(), Some("Intro. Suite."));
    }

    #[test]
    fn script_links_are_dropped_but_text_kept() {
        let r = render("[clic](javascript:alert(1)) et [ok](https://a.example)");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("clic"));
        assert!(r.html.contains("href=\"https://a.example\""));
        let r = render("[x]( JaVaScRiPt:alert(1))");
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
    }
}
