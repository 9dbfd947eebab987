//! The outline of one Markdown source for the editorial checks: the links
//! and images of its body with their lines, and the lines of its front-matter
//! keys. Rendered HTML loses lines, so parsing keeps this when asked
//! (`ParseOptions::outline`).

use super::markdown;
use crate::html;
use crate::model::{Outline, SourceLink};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashMap;

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

/// The outline of a file whose front matter is parsed (`key_lines`) and
/// whose `body` is a slice of `text`.
pub fn outline(text: &str, body: &str, key_lines: &HashMap<String, usize>) -> Outline {
    let body_start = body.as_ptr() as usize - text.as_ptr() as usize;
    let lines = Lines::new(body, 1 + text[..body_start].matches('\n').count());
    let mut out = Outline {
        key_lines: key_lines.clone(),
        ..Outline::default()
    };
    let push = |dest: &str, offset: usize, image: bool, links: &mut Vec<SourceLink>| {
        links.push(SourceLink {
            dest: dest.to_string(),
            line: lines.at(offset),
            image,
        })
    };
    let events = Parser::new_ext(body, markdown::options()).into_offset_iter();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                push(&dest_url, range.start, false, &mut out.links)
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                push(&dest_url, range.start, true, &mut out.links)
            }
            Event::Start(Tag::Paragraph) if out.first_paragraph.is_none() => {
                out.first_paragraph = Some(lines.at(range.start));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                html::for_each_attr(&h, |tag, attr, value, at| {
                    if attr == "href" || attr == "src" {
                        push(&value, range.start + at, tag == "img", &mut out.links);
                    }
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_with_their_lines() {
        let text = "---\ntitle: T\nphoto:\n  src: /p.jpg\n---\nIntro [a](/a/) et\n\n\
                    ![img](/i.png)\n\nVoir [ref][r] <a href=\"#suite\">ici</a>.\n\n[r]: /r/\n";
        let split = crate::content::frontmatter::split(text).unwrap();
        let fm =
            crate::content::frontmatter::parse(split.front.unwrap(), split.front_line).unwrap();
        let s = outline(text, split.body, &fm.key_lines);
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
