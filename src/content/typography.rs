//! French typography, applied to text and never to markup: « » quotes from
//! straight ones, ’ for the apostrophe, a narrow no-break space (U+202F)
//! before ; ! ? and inside « », a no-break space (U+00A0) before : (as the
//! Imprimerie nationale sets them) and between a number and its unit. Code,
//! URLs, image descriptions and raw HTML are left as they are. One pass per
//! text run, and already-correct text comes out unchanged.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

pub const NNBSP: char = '\u{202F}';
pub const NBSP: char = '\u{A0}';

/// Units that stay on the line of their number (after a space), when
/// followed by something other than a letter or digit.
const UNITS: &[&str] = &[
    "%",
    "‰",
    "€",
    "$",
    "£",
    "°C",
    "°",
    "km/h",
    "km²",
    "km",
    "m²",
    "m³",
    "m",
    "cm",
    "mm",
    "kg",
    "mg",
    "g",
    "h",
    "min",
    "kWh",
    "MWh",
    "GWh",
    "TWh",
    "kW",
    "MW",
    "GW",
    "ha",
    "euros",
    "dollars",
    "millions",
    "milliards",
];

/// The state carried from one text run to the next within a block: the last
/// character written, quote depth, and the length of the digit run before.
#[derive(Debug, Default, Clone)]
pub struct French {
    prev: Option<char>,
    depth: u8,
    digits: usize,
}

/// Applies the rules to a whole string (titles, summaries, captions).
pub fn french(text: &str) -> String {
    French::default().apply(text)
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn is_nb_space(c: char) -> bool {
    c == NNBSP || c == NBSP
}

/// The bytes a rule looks at: quotes, apostrophes, high punctuation, digits
/// (for units and thousands) and the first byte of « » (U+00AB, U+00BB).
fn special(b: u8) -> bool {
    matches!(
        b,
        b'\'' | b'"' | b';' | b'!' | b'?' | b':' | b'0'..=b'9' | 0xC2
    )
}

/// The index of the first byte at or after `from` that `special` accepts, or
/// the length: 16 bytes at a time, as most of a text is plain letters.
fn next_special(bytes: &[u8], from: usize) -> usize {
    crate::bytescan::find(bytes, from, b"'\";!?:\xC2", &[(b'0', 9)], special)
}

/// Whether `out` ends with a URL scheme (`https`, `mailto`…) that a `:` continues.
fn url_scheme_before(out: &str) -> bool {
    ["https", "http", "ftp", "mailto"].iter().any(|scheme| {
        out.strip_suffix(scheme)
            .is_some_and(|before| !before.ends_with(char::is_alphanumeric))
    })
}

/// Whether a straight double quote after `prev` opens a quotation.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => is_space(c) || "([{—–-/«“‘’'".contains(c),
    }
}

fn unit_follows(rest: &str) -> bool {
    UNITS.iter().any(|u| {
        rest.strip_prefix(u)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// A group of exactly three digits, as in « 12 500 ».
fn thousands_follow(rest: &str) -> bool {
    let b = rest.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && !b.get(3).is_some_and(|c| c.is_ascii_digit())
}

impl French {
    /// A new block (paragraph, heading, list item…) starts.
    pub fn reset(&mut self) {
        *self = French::default();
    }

    /// Something that is not text but reads as a word (inline code) came by.
    pub fn note_word(&mut self) {
        self.prev = Some('x');
        self.digits = 0;
    }

    /// A line break came by.
    pub fn note_space(&mut self) {
        self.prev = Some(' ');
        self.digits = 0;
    }

    pub fn apply(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut i = 0;
        while i < text.len() {
            // Runs of bytes no rule looks at are copied whole.
            let end = next_special(text.as_bytes(), i);
            if end > i {
                let run = &text[i..end];
                out.push_str(run);
                self.prev = run.chars().next_back();
                self.digits = 0;
                i = end;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            i += self.sign(&mut out, c, &text[i..]);
            let last = out.chars().next_back();
            self.digits = match last {
                Some(d) if d.is_ascii_digit() => self.digits + 1,
                _ => 0,
            };
            self.prev = last;
        }
        out
    }

    /// Writes `c` (a byte `special` stops at) as French wants it; returns how
    /// many bytes of `rest` it consumed as well.
    fn sign(&mut self, out: &mut String, c: char, rest: &str) -> usize {
        match c {
            '\'' => out.push('’'),
            '"' if self.depth > 0 && !rest.starts_with(char::is_alphanumeric) => self.close(out),
            '"' if opens_after(self.prev) => return self.open(out, rest),
            '"' if self.depth > 0 => self.close(out),
            '«' => return self.open(out, rest),
            '»' => self.close(out),
            ';' | '!' | '?' => self.high(out, c, rest),
            ':' if url_scheme_before(out) => {
                // A bare URL: copied as it is up to the next space.
                let end = rest.find(is_space).unwrap_or(rest.len());
                out.push(':');
                out.push_str(&rest[..end]);
                return end;
            }
            ':' => {
                if out.ends_with(' ') {
                    out.pop();
                    out.push(NBSP);
                }
                out.push(':');
            }
            d if d.is_ascii_digit() => {
                out.push(d);
                let run = self.digits + 1;
                if let Some(after) = rest.strip_prefix(' ') {
                    if run <= 3 && thousands_follow(after) {
                        out.push(NNBSP);
                        return 1;
                    }
                    if unit_follows(after) {
                        out.push(NBSP);
                        return 1;
                    }
                }
            }
            c => out.push(c),
        }
        0
    }

    /// « or “ (inside a quotation), then the space inside « : an existing
    /// plain space becomes a narrow no-break one, none is added twice.
    fn open(&mut self, out: &mut String, rest: &str) -> usize {
        self.depth = self.depth.saturating_add(1);
        if self.depth > 1 {
            out.push('“');
            return 0;
        }
        out.push('«');
        match rest.chars().next() {
            Some(' ') => {
                out.push(NNBSP);
                1
            }
            Some(c) if is_nb_space(c) => 0,
            _ => {
                out.push(NNBSP);
                0
            }
        }
    }

    fn close(&mut self, out: &mut String) {
        self.depth = self.depth.saturating_sub(1);
        if self.depth > 0 {
            out.push('”');
            return;
        }
        self.space_before(out, NNBSP, true);
        out.push('»');
    }

    /// ; ! ? take a narrow no-break space: an existing space is replaced; one
    /// is added after a word only when the sign ends it (not in `?a=1`).
    fn high(&mut self, out: &mut String, c: char, rest: &str) {
        let ends = match rest.chars().next() {
            None => true,
            Some(n) => is_space(n) || "!?.…)]»\"”'’".contains(n),
        };
        if ends {
            let after_word = self
                .prev
                .is_some_and(|p| p.is_alphanumeric() || "»)]”".contains(p));
            self.space_before(out, NNBSP, after_word);
        }
        out.push(c);
    }

    /// Puts `space` before the sign about to be written: replaces a plain
    /// space, keeps a no-break one, and adds one if `add`.
    fn space_before(&self, out: &mut String, space: char, add: bool) {
        if out.ends_with(' ') {
            out.pop();
            out.push(space);
        } else if self.prev.is_some_and(is_nb_space) {
        } else if add {
            out.push(space);
        }
    }
}

/// Applies French typography to the text events of a Markdown document,
/// leaving code, autolinks, image descriptions and raw HTML alone.
#[derive(Default)]
pub struct FrenchEvents {
    fr: French,
    code_block: usize,
    image: usize,
    autolink: bool,
    /// Open raw `<code>`, `<pre>`, `<kbd>`, `<script>`, `<style>`… tags.
    raw: usize,
}

/// Raw HTML elements whose text is not prose.
const VERBATIM: &[&str] = &["code", "pre", "kbd", "samp", "var", "script", "style", "tt"];

/// +1 for an opening verbatim tag, -1 for a closing one, 0 otherwise.
fn verbatim_tag(html: &str) -> isize {
    let t = html.trim_start();
    let Some(inner) = t.strip_prefix('<') else {
        return 0;
    };
    let (closing, name) = match inner.strip_prefix('/') {
        Some(n) => (true, n),
        None => (false, inner),
    };
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = name[..end].to_ascii_lowercase();
    match (VERBATIM.contains(&name.as_str()), closing) {
        (false, _) => 0,
        (true, true) => -1,
        (true, false) if t.trim_end().ends_with("/>") => 0,
        (true, false) => 1,
    }
}

impl FrenchEvents {
    pub fn event<'a>(&mut self, event: Event<'a>) -> Event<'a> {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => self.code_block += 1,
            Event::End(TagEnd::CodeBlock) => self.code_block = self.code_block.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => self.image += 1,
            Event::End(TagEnd::Image) => self.image = self.image.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                self.autolink = matches!(link_type, LinkType::Autolink | LinkType::Email)
            }
            Event::End(TagEnd::Link) => self.autolink = false,
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_),
            ) => self.fr.reset(),
            Event::Html(h) | Event::InlineHtml(h) => {
                self.raw = self.raw.saturating_add_signed(verbatim_tag(h));
            }
            Event::Code(_) => self.fr.note_word(),
            Event::SoftBreak | Event::HardBreak => self.fr.note_space(),
            Event::Text(t) if self.is_prose() => {
                return Event::Text(CowStr::from(self.fr.apply(t)));
            }
            _ => {}
        }
        event
    }

    fn is_prose(&self) -> bool {
        self.code_block == 0 && self.image == 0 && !self.autolink && self.raw == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        french(s).replace(NNBSP, "_").replace(NBSP, "~")
    }

    #[test]
    fn quotes_and_apostrophes() {
        assert_eq!(f(r#"Il a dit "non" à l'été"#), "Il a dit «_non_» à l’été");
        assert_eq!(f(r#""Le "grand" soir""#), "«_Le “grand” soir_»");
        assert_eq!(f("« déjà »"), "«_déjà_»");
        assert_eq!(f(r#"" espacé ""#), "«_espacé_»");
        assert_eq!(f("«serré»"), "«_serré_»");
    }

    #[test]
    fn punctuation_and_units() {
        assert_eq!(
            f("Vraiment ? Oui ! Et ; enfin : fin"),
            "Vraiment_? Oui_! Et_; enfin~: fin"
        );
        assert_eq!(f("Vraiment?! Non."), "Vraiment_?! Non.");
        assert_eq!(f("voir ?a=1 et 10:30"), "voir ?a=1 et 10:30");
        assert_eq!(
            f("50 % et 12 € à 8 h 30, 3 km."),
            "50~% et 12~€ à 8~h 30, 3~km."
        );
        assert_eq!(
            f("12 500 habitants, en 1998 200 fois"),
            "12_500 habitants, en 1998 200 fois"
        );
        assert_eq!(f("les 3 mots"), "les 3 mots");
    }

    #[test]
    fn urls_are_left_alone() {
        assert_eq!(
            f("Lire https://a.example/?q=1&r='x' : oui"),
            "Lire https://a.example/?q=1&r='x'~: oui"
        );
    }

    #[test]
    fn idempotent() {
        for s in [
            r#"Il a dit "non" à l'été : 50 % ? 12 500 € !"#,
            "« déjà » ; fin",
            "Vraiment?",
        ] {
            let once = french(s);
            assert_eq!(french(&once), once, "{s}");
        }
    }

    #[test]
    fn verbatim_tags() {
        assert_eq!(verbatim_tag("<code>"), 1);
        assert_eq!(verbatim_tag("</KBD>"), -1);
        assert_eq!(verbatim_tag("<span class=x>"), 0);
        assert_eq!(verbatim_tag("<codex>"), 0);
    }

    proptest::proptest! {
        /// The 16-byte scan stops where the byte-by-byte one does.
        #[test]
        fn next_special_is_the_first_special_byte(
            text in "([a-zé ]{0,20}|[0-9'\";!?:«»\u{a0}’]){0,12}",
            from in 0usize..8,
        ) {
            let b = text.as_bytes();
            let from = from.min(b.len());
            let expected = b[from..].iter().position(|&c| special(c)).map_or(b.len(), |p| from + p);
            proptest::prop_assert_eq!(next_special(b, from), expected);
        }
    }
}
