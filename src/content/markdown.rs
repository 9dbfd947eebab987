//! Markdown to HTML, with the by-products listings need: a plain-text summary
//! and a word count, gathered in the same pass over the events.

use crate::model::shortcode;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream, html};

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

/// Renders `body`; `french` applies French typography to its text (see
/// `typography`); without `raw_html`, HTML in the Markdown is printed as text.
pub fn render(body: &str, french: bool, raw_html: bool) -> Rendered {
    let mut first_paragraph = String::new();
    let mut before_more: Option<String> = None;
    let mut text_so_far = String::new();
    let mut word_count = 0;
    // 0: before the first paragraph, 1: inside it, 2: after it.
    let mut para_state = 0u8;
    let mut in_dropped_link = 0usize;
    let mut typography = french.then(super::typography::FrenchEvents::default);
    // The text before a `<!-- more -->` marker is kept only for a body that
    // could have one: the others would copy their whole text for nothing.
    let may_have_marker = body.contains("<!--");

    // Merged, so that typography sees « mot ! » whole rather than split at `!` or `[`.
    let events = TextMergeStream::new(Parser::new_ext(body, options())).filter_map(|event| {
        // Counted before typography, whose no-break spaces are whitespace too.
        if let Event::Text(t) | Event::Code(t) = &event {
            word_count += count_words(t);
        }
        let event = match typography.as_mut() {
            Some(t) => t.event(event),
            None => event,
        };
        match &event {
            Event::Start(Tag::Paragraph) if para_state == 0 => para_state = 1,
            Event::End(TagEnd::Paragraph) => {
                if para_state == 1 {
                    // A paragraph that was only a shortcode (a video, a
                    // photo) is no summary: the next one may be.
                    if shortcode::strip_placeholders(&first_paragraph)
                        .trim()
                        .is_empty()
                    {
                        first_paragraph.clear();
                        para_state = 0;
                    } else {
                        para_state = 2;
                    }
                }
                if may_have_marker {
                    text_so_far.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if para_state == 1 {
                    first_paragraph.push_str(t);
                }
                if may_have_marker && before_more.is_none() {
                    text_so_far.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if para_state == 1 {
                    first_paragraph.push(' ');
                }
                if may_have_marker {
                    text_so_far.push(' ');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if before_more.is_none() && is_more_marker(h) => {
                before_more = Some(collapse(&text_so_far));
            }
            _ => {}
        }
        match event {
            // The `<!-- more -->` marker is an instruction, never text.
            Event::Html(h) | Event::InlineHtml(h) if !raw_html => {
                (!is_more_marker(&h)).then_some(Event::Text(h))
            }
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

/// ASCII bytes that `char::is_whitespace` accepts: tab to carriage return, space.
const ASCII_SPACE: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0x09;
    while b <= 0x0D {
        table[b] = true;
        b += 1;
    }
    table[b' ' as usize] = true;
    table
};

/// `text.split_whitespace().count()`, several times faster: 16 bytes at a
/// time are classed at once while none of them can begin a Unicode space
/// outside ASCII (those all begin with byte C2, E1, E2 or E3); a chunk that
/// has such a byte is decoded character by character. Counting was 5 % of a
/// build's instructions.
pub fn count_words(text: &str) -> usize {
    let mut count = WordCount {
        words: 0,
        after_space: true,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= bytes.len() {
        // `i + 16 <= bytes.len()` keeps the 16 bytes inside the slice: ASCII
        // white space, and the lead bytes of the other white space.
        let p = unsafe { bytes.as_ptr().add(i) };
        let spaces = unsafe { crate::bytescan::mask16(p, b" ", &[(0x09, 4)]) };
        let leads = unsafe { crate::bytescan::mask16(p, &[0xC2], &[(0xE1, 2)]) };
        if leads == 0 {
            let before = (spaces << 1) | u32::from(count.after_space);
            count.words += (!spaces & before & 0xFFFF).count_ones() as usize;
            count.after_space = spaces & 0x8000 != 0;
            i += 16;
        } else {
            i = count.scalar(text, i, i + 16);
        }
    }
    count.scalar(text, i, bytes.len());
    count.words
}

struct WordCount {
    words: usize,
    after_space: bool,
}

impl WordCount {
    /// Counts from `i` (a char boundary) to at least `end`, and returns where
    /// it stopped: past `end` when a character straddles it.
    fn scalar(&mut self, text: &str, mut i: usize, end: usize) -> usize {
        let bytes = text.as_bytes();
        let end = end.min(bytes.len());
        while i < end {
            let b = bytes[i];
            let space = if b < 0x80 {
                i += 1;
                ASCII_SPACE[b as usize]
            } else if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
                // `i` is on a lead byte, so on a char boundary.
                let c = text[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                c.is_whitespace()
            } else {
                // Other lead bytes and all continuation bytes are inside a word.
                i += 1;
                false
            };
            self.words += usize::from(!space && self.after_space);
            self.after_space = space;
        }
        i
    }
}

/// Collapses runs of whitespace and trims, for one-line summaries. No-break
/// spaces are kept: they are typography, not layout.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let words = s
        .split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}'))
        .filter(|w| !w.is_empty());
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_plain(body: &str) -> Rendered {
        render(body, false, true)
    }

    #[test]
    fn french_text_but_not_code_or_links() {
        let r = render(
            "Il dit \"oui\" : `a'b` et [l'été](https://x.example/?a='1') <https://y.example/?b=2>\n\n```\nx = \"y\"\n```\n\n<kbd>Ctrl'C</kbd> ! ![l'alt](p.jpg)\n",
            true,
            true,
        );
        let h = &r.html;
        assert!(
            h.contains("Il dit «\u{202f}oui\u{202f}»\u{a0}: <code>a'b</code>"),
            "{h}"
        );
        assert!(
            h.contains(">l’été</a>") && h.contains("href=\"https://x.example/?a=&#x27;1&#x27;\""),
            "{h}"
        );
        assert!(h.contains(">https://y.example/?b=2</a>"), "{h}");
        assert!(h.contains("<code>x = \"y\"\n</code>"), "{h}");
        assert!(h.contains("<kbd>Ctrl'C</kbd>\u{202f}!"), "{h}");
        assert!(h.contains("alt=\"l&#39;alt\""), "{h}");
        assert_eq!(
            r.first_paragraph
                .chars()
                .filter(|&c| c == '\u{202f}')
                .count(),
            2
        );
    }

    #[test]
    fn summary_sources() {
        let r = render_plain("Premier *paragraphe*\nsur deux lignes.\n\nSecond.\n");
        assert_eq!(r.first_paragraph, "Premier paragraphe sur deux lignes.");
        assert_eq!(r.word_count, 6);
        assert!(r.before_more.is_none());
        let r = render_plain("Intro.\n\nSuite.\n\n<!-- more -->\n\nReste.\n");
        assert_eq!(r.before_more.as_deref(), Some("Intro. Suite."));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            "  ",
            "un",
            " deux  mots ",
            "l’été\u{a0}: «\u{202f}oui\u{202f}»",
            "a\u{85}b\u{1680}c\u{2000}d\u{200a}e\u{2028}f\u{2029}g\u{205f}h\u{3000}i",
            "\u{200b}zéro\u{2060}largeur\u{feff}",
            "\tx\u{b}y\u{c}z\r\n",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn word_count_matches_split_whitespace(text in "(\\PC|[ \t\n\u{a0}\u{202f}\u{2009}\u{3000}’«»é])*") {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }

        /// Long runs of ASCII, where whole chunks are counted at once, with
        /// Unicode spaces across chunk borders.
        #[test]
        fn word_count_of_long_mostly_ascii_text(text in "([a-zé]{0,7}[ \t\n]{0,3}){0,40}(\u{a0}|\u{3000}|\u{2029}|’)?([a-z]{0,9} ?){0,30}") {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn script_links_are_dropped_but_text_kept() {
        let r = render_plain("[clic](javascript:alert(1)) et [ok](https://a.example)");
        assert!(!r.html.contains("javascript"), "{}", r.html);
        assert!(r.html.contains("clic"));
        assert!(r.html.contains("href=\"https://a.example\""));
        let r = render_plain("[x]( JaVaScRiPt:alert(1))");
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
    }
}
