//! The `photo:` field of an article's front matter: its keys, and the
//! image file it names, found and measured.

use super::ParseOptions;
use super::SourceFile;
use super::frontmatter::{self, FrontMatter};
use super::parse::Report;
use super::typography::french;
use crate::model::Photo;

pub(super) fn photo(r: &mut Report, fm: &FrontMatter, opts: &ParseOptions) -> Option<Photo> {
    let v = fm.get("photo")?;
    let line = fm.line("photo");
    let serde_yaml::Value::Mapping(m) = v else {
        r.error((
            line,
            format!(
                "`photo` must be a map with `src`, `alt`, `caption` and `credit`, found {}",
                frontmatter::describe(v)
            ),
        ));
        return None;
    };
    let mut field = |k: &str| match m.get(k).filter(|v| !v.is_null()) {
        None => None,
        Some(v) => match frontmatter::scalar(v) {
            Some(s) => Some(s),
            None => {
                r.error((
                    line,
                    format!(
                        "`photo.{k}` must be a string, found {}",
                        frontmatter::describe(v)
                    ),
                ));
                None
            }
        },
    };
    let src = field("src");
    let alt = field("alt").unwrap_or_default();
    let caption = field("caption").unwrap_or_default();
    let caption = if opts.french {
        french(&caption)
    } else {
        caption
    };
    let credit = field("credit").unwrap_or_default();
    match src.filter(|s| !s.trim().is_empty()) {
        Some(src) => Some(Photo {
            src: src.trim().to_string(),
            alt,
            caption,
            credit,
            ..Photo::default()
        }),
        None => {
            r.error((
                line,
                "`photo` needs a `src` (the image path, e.g. /images/photo.jpg)".into(),
            ));
            None
        }
    }
}

/// Finds the photo's file and makes its resized copies; a missing or
/// unreadable photo is an error on the `photo` line.
pub(super) fn resolve_photo(
    r: &mut Report,
    fm: &FrontMatter,
    mut p: Photo,
    file: &SourceFile,
    opts: &ParseOptions,
) -> Option<Photo> {
    match opts.images.resolve(&p.src, &file.content_rel) {
        Ok(found) => {
            p.url = found.url;
            p.image = found.image;
            p.line = fm.line("photo");
            Some(p)
        }
        Err(e) => {
            r.error((fm.line("photo"), e.to_string()));
            None
        }
    }
}
