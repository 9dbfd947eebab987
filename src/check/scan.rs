//! Reading one Markdown source again for the checks: the links and images
//! of its body with their lines, and the lines of its front-matter keys.
//! The model keeps only rendered HTML, where lines are lost.

use super::html;
use crate::content::{frontmatter, markdown};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashMap;

/// A link or image of a body, as written (after reference resolution).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub line: usize,
    pub image: bool,
}

#[derive(Debug, Default)]
pub struct Scan {
    pub links: Vec<Link>,
    /// 1-based line of each top-level front-matter key.
    pub key_lines: HashMap<String, usize>,
    /// Line where the body's first paragraph starts, where a summary taken
    /// from the body comes from.
    pub first_paragraph: Option<usize>,
}

impl Scan {
    pub fn line(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied()
    }
}

/// Maps byte offsets of the body to lines of the file.
struct Lines {
    newlines: Vec<usize>,
    first: usize,
}

impl Lines {
    fn new(body: &str, first: usize) -> Lines {
        let newlines = body.match_indices('\n').map(|(i, _)| i).collect();
        Lines { newlines, first }
    }
    fn at(&self, offset: usize) -> usize {
        self.first + self.newlines.partition_point(|&n| n < offset)
    }
}

/// Scans a decoded file (no BOM, no CR). A file whose front matter does not
/// parse gives what could be read: the build reports the error itself.
pub fn scan(text: &str) -> Scan {
    let Ok(split) = frontmatter::split(text) else {
        return Scan::default();
    };
    let key_lines = split
        .front
        .and_then(|yaml| frontmatter::parse(yaml, split.front_line).ok())
        .map(|fm| fm.key_lines)
        .unwrap_or_default();
    let body_start = split.body.as_ptr() as usize - text.as_ptr() as usize;
    let lines = Lines::new(split.body, 1 + text[..body_start].matches('\n').count());
    let mut scan = Scan {
        key_lines,
        ..Scan::default()
    };
    let push = |dest: &str, offset: usize, image: bool, links: &mut Vec<Link>| {
        links.push(Link {
            dest: dest.to_string(),
            line: lines.at(offset),
            image,
        })
    };
    let events = Parser::new_ext(split.body, markdown::options()).into_offset_iter();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                push(&dest_url, range.start, false, &mut scan.links)
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                push(&dest_url, range.start, true, &mut scan.links)
            }
            Event::Start(Tag::Paragraph) if scan.first_paragraph.is_none() => {
                scan.first_paragraph = Some(lines.at(range.start));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                html::for_each_attr(&h, |tag, attr, value, at| {
                    if attr == "href" || attr == "src" {
                        push(&value, range.start + at, tag == "img", &mut scan.links);
                    }
                });
            }
            _ => {}
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_their_lines() {
        let text = "---\ntitle: T\nphoto:\n  src: /p.jpg\n---\nIntro [a](/a/) et\n\n\
                    ![img](/i.png)\n\nVoir [ref][r] <a href=\"#suite\">ici</a>.\n\n[r]: /r/\n";
        let s = scan(text);
        assert_eq!(s.line("title"), Some(2));
        assert_eq!(s.line("photo"), Some(3));
        assert_eq!(s.first_paragraph, Some(6));
        let got: Vec<(&str, usize, bool)> = s
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.line, l.image))
            .collect();
        assert_eq!(
            got,
            [
                ("/a/", 6, false),
                ("/i.png", 8, true),
                ("/r/", 10, false),
                ("#suite", 10, false)
            ]
        );
    }
}
