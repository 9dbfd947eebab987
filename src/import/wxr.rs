//! Reading a WordPress export (WXR, the RSS file of Tools → Export) with
//! `quick-xml`: the channel, its authors and every item with its terms and
//! meta. Bad bytes, malformed or truncated XML are errors naming the line
//! and column.

use super::ImportError;
use crate::error::line_col;
use quick_xml::events::Event;

#[derive(Debug, Default, Clone)]
pub struct WpAuthor {
    pub login: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Default, Clone)]
pub struct Item {
    /// Line of `<item>` in the export, for messages.
    pub line: usize,
    pub title: String,
    pub link: String,
    pub creator: String,
    pub content: String,
    /// Line where `content:encoded` starts.
    pub content_line: usize,
    pub excerpt: String,
    pub post_id: String,
    pub post_date: String,
    pub post_date_gmt: String,
    pub modified_gmt: String,
    pub post_name: String,
    pub status: String,
    pub post_type: String,
    pub post_parent: String,
    pub attachment_url: String,
    /// `(domain, nicename, name)` of each `<category>`, in export order.
    pub terms: Vec<(String, String, String)>,
    pub meta: Vec<(String, String)>,
}

impl Item {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
pub struct Export {
    pub title: String,
    pub link: String,
    pub description: String,
    pub language: String,
    pub base_blog_url: String,
    pub authors: Vec<WpAuthor>,
    pub items: Vec<Item>,
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Lines of offsets met in increasing order, counted once: an export of
/// thousands of posts has hundreds of thousands of elements.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, pos: usize) -> usize {
        let pos = pos.min(self.text.len());
        if pos < self.offset {
            return line_col(self.text, pos).0;
        }
        self.line += self.text.as_bytes()[self.offset..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = pos;
        self.line
    }
}

pub fn parse(bytes: &[u8], origin: &str) -> Result<Export, ImportError> {
    let at = |text: &str, pos: usize, message: String| {
        let (line, column) = line_col(text, pos);
        ImportError::Source {
            path: origin.to_string(),
            line: Some(line),
            column: Some(column),
            message,
        }
    };
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
        let (line, column) = line_col(valid, valid.len());
        ImportError::Source {
            path: origin.to_string(),
            line: Some(line),
            column: Some(column),
            message: "the export is not valid UTF-8 here; WordPress writes UTF-8 exports, so the file was re-encoded or damaged".into(),
        }
    })?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut ex = Export::default();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut buf = String::new();
    let mut item: Option<Item> = None;
    let mut author: Option<WpAuthor> = None;
    let mut term: Option<(String, String)> = None;
    let mut meta: (String, String) = Default::default();
    let mut saw_rss = false;
    let mut lines = Lines {
        text,
        offset: 0,
        line: 1,
    };
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            at(
                text,
                reader.error_position() as usize,
                format!("malformed XML: {e}"),
            )
        })?;
        match ev {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                let line = lines.at(pos);
                match name.as_str() {
                    "rss" => saw_rss = true,
                    "item" => {
                        item = Some(Item {
                            line,
                            ..Item::default()
                        })
                    }
                    "wp:author" if item.is_none() => author = Some(WpAuthor::default()),
                    "category" if item.is_some() => {
                        let mut domain = String::new();
                        let mut nicename = String::new();
                        for a in e.attributes().flatten() {
                            let v = a
                                .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_default();
                            match a.key.as_ref() {
                                "domain" => domain = v,
                                "nicename" => nicename = v,
                                _ => {}
                            }
                        }
                        term = Some((domain, nicename));
                    }
                    "content:encoded" => {
                        if let Some(it) = item.as_mut() {
                            it.content_line = line;
                        }
                    }
                    _ => {}
                }
                stack.push((name, line));
                buf.clear();
            }
            Event::Empty(_)
            | Event::Comment(_)
            | Event::Decl(_)
            | Event::PI(_)
            | Event::DocType(_) => {}
            Event::Text(t) => buf.push_str(&t.xml10_content()),
            Event::CData(c) => buf.push_str(&c.into_inner()),
            Event::GeneralRef(r) => {
                let name = r.as_ref().to_string();
                match r
                    .resolve_char_ref()
                    .ok()
                    .flatten()
                    .or_else(|| entity(&name))
                {
                    Some(c) => buf.push(c),
                    None => {
                        return Err(at(text, pos, format!("unknown entity `&{name};`")));
                    }
                }
            }
            Event::End(_) => {
                let (name, _) = stack.pop().unwrap_or_default();
                let value = std::mem::take(&mut buf);
                let in_item = item.is_some();
                if let Some(it) = item.as_mut() {
                    let v = value.clone();
                    match name.as_str() {
                        "title" => it.title = v,
                        "link" => it.link = v.trim().to_string(),
                        "dc:creator" => it.creator = v,
                        "content:encoded" => it.content = v,
                        "excerpt:encoded" => it.excerpt = v,
                        "wp:post_id" => it.post_id = v.trim().to_string(),
                        "wp:post_date" => it.post_date = v.trim().to_string(),
                        "wp:post_date_gmt" => it.post_date_gmt = v.trim().to_string(),
                        "wp:post_modified_gmt" => it.modified_gmt = v.trim().to_string(),
                        "wp:post_name" => it.post_name = v.trim().to_string(),
                        "wp:status" => it.status = v.trim().to_string(),
                        "wp:post_type" => it.post_type = v.trim().to_string(),
                        "wp:post_parent" => it.post_parent = v.trim().to_string(),
                        "wp:attachment_url" => it.attachment_url = v.trim().to_string(),
                        "wp:meta_key" => meta.0 = v,
                        "wp:meta_value" => meta.1 = v,
                        "wp:postmeta" => it.meta.push(std::mem::take(&mut meta)),
                        "category" => {
                            if let Some((domain, nicename)) = term.take() {
                                it.terms.push((domain, nicename, v));
                            }
                        }
                        "item" => {}
                        _ => {}
                    }
                    if name == "item" {
                        ex.items.extend(item.take());
                    }
                } else if let Some(a) = author.as_mut() {
                    match name.as_str() {
                        "wp:author_login" => a.login = value,
                        "wp:author_display_name" => a.display_name = value,
                        "wp:author_first_name" => a.first_name = value,
                        "wp:author_last_name" => a.last_name = value,
                        "wp:author" => ex.authors.extend(author.take()),
                        _ => {}
                    }
                } else if !in_item && stack.last().is_some_and(|(n, _)| n == "channel") {
                    match name.as_str() {
                        "title" => ex.title = value,
                        "link" => ex.link = value.trim().to_string(),
                        "description" => ex.description = value,
                        "language" => ex.language = value.trim().to_string(),
                        "wp:base_blog_url" => ex.base_blog_url = value.trim().to_string(),
                        _ => {}
                    }
                }
            }
            Event::Eof => break,
        }
    }
    if let Some((name, line)) = stack.last() {
        return Err(ImportError::Source {
            path: origin.to_string(),
            line: Some(line_col(text, text.len()).0),
            column: None,
            message: format!(
                "the export ends inside `<{name}>` opened on line {line}: the file is truncated"
            ),
        });
    }
    if !saw_rss {
        return Err(ImportError::source(
            origin,
            Some(1),
            "not a WordPress export: no `<rss>` element (make one with Tools → Export in WordPress)",
        ));
    }
    Ok(ex)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>Le Fil</title>\n";

    #[test]
    fn reads_items_and_refs() {
        let x = format!(
            "{HEAD}<item>\n<title>A &amp; B &#233;</title>\n<content:encoded><![CDATA[<p>x</p>]]></content:encoded>\n\
             <category domain=\"category\" nicename=\"ville\"><![CDATA[Ville]]></category>\n</item>\n</channel>\n</rss>\n"
        );
        let ex = parse(x.as_bytes(), "e.xml").unwrap();
        assert_eq!(ex.title, "Le Fil");
        assert_eq!(ex.items[0].title, "A & B é");
        assert_eq!(ex.items[0].line, 5);
        assert_eq!(ex.items[0].content_line, 7);
        assert_eq!(
            ex.items[0].terms,
            [("category".into(), "ville".into(), "Ville".into())]
        );
    }

    #[test]
    fn errors_name_the_position() {
        let truncated = format!("{HEAD}<item>\n<title>A</title>\n");
        let e = parse(truncated.as_bytes(), "e.xml")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "e.xml:7: error: the export ends inside `<item>` opened on line 5: the file is truncated"
        );
        let bad = format!("{HEAD}<item>\n<title>A</titre>\n</item></channel></rss>");
        let e = parse(bad.as_bytes(), "e.xml").unwrap_err().to_string();
        assert!(e.starts_with("e.xml:6:"), "{e}");
        let mut latin1 = format!("{HEAD}<item>\n<title>").into_bytes();
        latin1.extend_from_slice(b"caf\xe9</title></item></channel></rss>");
        let e = parse(&latin1, "e.xml").unwrap_err().to_string();
        assert!(
            e.starts_with("e.xml:6:11: error: the export is not valid UTF-8 here"),
            "{e}"
        );
    }
}
