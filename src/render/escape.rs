//! HTML and XML escaping, looking at 16 bytes at a time (`bytescan`) for
//! the few that need a replacement: every string a template prints goes
//! through here.

/// The bytes an escaper replaces: up to five ASCII signs, and optionally
/// every control character (below U+0020).
pub struct Specials {
    pub signs: [u8; 5],
    pub controls: bool,
}

/// Copies `s`, replacing each byte `map` knows. Only the bytes `specials`
/// names are shown to `map`; runs of other bytes are copied whole.
pub fn escape_with(
    s: &str,
    specials: &Specials,
    map: impl Fn(u8) -> Option<&'static str>,
) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = next_special(bytes, from, specials) {
        from = i + 1;
        if let Some(rep) = map(bytes[i]) {
            out.push_str(&s[start..i]);
            out.push_str(rep);
            start = i + 1;
        }
    }
    out.push_str(&s[start..]);
    out
}

/// HTML escaping written straight to `out` (Tera 2's escape function):
/// no copy of a string that needs no replacement, which is most of them.
pub fn escape_html_to(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = next_special(bytes, from, &HTML) {
        from = i + 1;
        if let Some(rep) = sign_entity(bytes[i], "&#39;") {
            out.write_all(&bytes[start..i])?;
            out.write_all(rep.as_bytes())?;
            start = i + 1;
        }
    }
    out.write_all(&bytes[start..])
}

fn is_special(b: u8, specials: &Specials) -> bool {
    specials.signs.contains(&b) || (specials.controls && b < 0x20)
}

/// The index of the first byte at or after `from` that `specials` names.
fn next_special(bytes: &[u8], from: usize, specials: &Specials) -> Option<usize> {
    let controls: &[(u8, u8)] = if specials.controls { &[(0, 0x1F)] } else { &[] };
    let i = crate::bytescan::find(bytes, from, &specials.signs, controls, |b| {
        is_special(b, specials)
    });
    (i < bytes.len()).then_some(i)
}

/// The five signs both escapers replace; only the apostrophe's entity differs.
const SIGNS: [u8; 5] = *b"&<>\"'";

fn sign_entity(b: u8, apostrophe: &'static str) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some(apostrophe),
        _ => None,
    }
}

const HTML: Specials = Specials {
    signs: SIGNS,
    controls: false,
};

/// Escapes what HTML needs escaped in text and quoted attributes. Tera's
/// default also escapes `/`, which bloats every URL for no safety gain.
pub fn escape_html(s: &str) -> String {
    escape_with(s, &HTML, |b| sign_entity(b, "&#39;"))
}

const XML: Specials = Specials {
    signs: SIGNS,
    controls: true,
};

/// Escapes text for XML element content and attribute values.
pub fn xml_escape(s: &str) -> String {
    xml_escape_with_signs(s, true)
}

/// Drops the control characters XML 1.0 forbids (all but tab and newlines)
/// and, if `signs`, replaces the five signs by their entities.
fn xml_escape_with_signs(s: &str, signs: bool) -> String {
    escape_with(s, &XML, |b| match b {
        b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => Some(""),
        b if signs => sign_entity(b, "&apos;"),
        _ => None,
    })
}

/// `]` (for `]]>`) and the control characters, which `xml_cdata` looks at.
/// `]` fills all five slots: a fixed-size set is what lets the scan's
/// compares be unrolled (a slice of signs cost 5 % more instructions).
const CDATA: Specials = Specials {
    signs: [b']'; 5],
    controls: true,
};

/// `s` as an XML CDATA section, for the HTML body of a feed entry: its markup
/// is copied in runs instead of having every `<` and `"` replaced (that was
/// 4 % of a build's instructions), and the feed reader reads the same text.
/// A `]]>` inside, which would end the section, is split across two
/// sections; control characters XML forbids are dropped, as `xml_escape` does.
pub fn xml_cdata(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 12);
    out.push_str("<![CDATA[");
    let (mut start, mut from) = (0, 0);
    while let Some(i) = next_special(bytes, from, &CDATA) {
        from = i + 1;
        if bytes[i] == b']' {
            if bytes[i..].starts_with(b"]]>") {
                out.push_str(&s[start..i + 2]);
                out.push_str("]]><![CDATA[");
                start = i + 2;
                from = i + 2;
            }
        } else if !matches!(bytes[i], b'\t' | b'\n' | b'\r') {
            // Rare; dropped first, so that what is left is what `]]>` is
            // looked for in (`]]\u{1}>` must not become `]]>`).
            return xml_cdata(&xml_escape_with_signs(s, false));
        }
    }
    out.push_str(&s[start..]);
    out.push_str("]]>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition, one character at a time.
    fn reference(s: &str, xml: bool) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' if xml => out.push_str("&apos;"),
                '\'' => out.push_str("&#39;"),
                '\t' | '\n' | '\r' => out.push(c),
                c if xml && (c as u32) < 0x20 => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn known_strings() {
        assert_eq!(
            escape_html("L'été <b>\"chaud\"</b> & sec"),
            "L&#39;été &lt;b&gt;&quot;chaud&quot;&lt;/b&gt; &amp; sec"
        );
        assert_eq!(xml_escape("a\u{1}b\tc\n'"), "ab\tc\n&apos;");
        // Signs on both sides of a 16-byte boundary, and in the scalar tail.
        let long = format!("{}&{}<{}", "é".repeat(7), "x".repeat(15), "y".repeat(3));
        assert_eq!(escape_html(&long), reference(&long, false));
    }

    /// What an XML parser reads back from `xml_cdata(s)` inside an element.
    fn read_back(s: &str) -> String {
        let doc = format!("<e>{}</e>", xml_cdata(s));
        let doc = roxmltree::Document::parse(&doc).unwrap();
        doc.root_element()
            .children()
            .filter_map(|n| n.text())
            .collect()
    }

    #[test]
    fn cdata_sections() {
        assert_eq!(xml_cdata("<p>a</p>"), "<![CDATA[<p>a</p>]]>");
        assert_eq!(xml_cdata("x]]>y"), "<![CDATA[x]]]]><![CDATA[>y]]>");
        assert_eq!(xml_cdata("a\u{1}b]]"), "<![CDATA[ab]]]]>");
        assert_eq!(read_back("]]>]]]>]"), "]]>]]]>]");
        assert_eq!(xml_cdata("]]\u{1}>"), "<![CDATA[]]]]><![CDATA[>]]>");
    }

    proptest! {
        #[test]
        fn cdata_reads_back_as_the_text(
            s in proptest::collection::vec(
                prop_oneof![
                    Just(']'), Just('>'), Just('<'), Just('&'), Just('\u{1}'),
                    Just('\t'), Just('\r'), Just('é'), Just('a'),
                ],
                0..60,
            ).prop_map(|cs| cs.into_iter().collect::<String>())
        ) {
            // XML parsers turn CR and CRLF into LF; the feed's readers do too.
            let expected: String = reference(&s, true)
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("\r\n", "\n").replace('\r', "\n");
            prop_assert_eq!(read_back(&s).replace("\r\n", "\n"), expected);
        }

        #[test]
        fn same_as_the_plain_definition(
            s in proptest::collection::vec(
                prop_oneof![
                    Just('&'), Just('<'), Just('>'), Just('"'), Just('\''),
                    Just('\u{1}'), Just('\t'), Just('\n'), Just('é'), Just('«'),
                    Just('\u{202f}'), Just('\u{1f4f0}'), Just(' '), Just('a'), Just('\u{7f}'),
                ],
                0..80,
            ).prop_map(|cs| cs.into_iter().collect::<String>())
        ) {
            prop_assert_eq!(escape_html(&s), reference(&s, false));
            prop_assert_eq!(xml_escape(&s), reference(&s, true));
            let mut written = Vec::new();
            escape_html_to(&s, &mut written).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), reference(&s, false));
        }
    }
}
