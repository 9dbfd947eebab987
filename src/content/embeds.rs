//! The shortcodes of one article as parsing leaves them: found in the body
//! (`shortcodes`), their bodies rendered, and the files they name — a body
//! photo, a video's poster, a local video or sound — found and measured like
//! a lead photo, so that a missing file is an error on its line.

use super::markdown;
use super::shortcodes::{self, Scanned};
use super::typography::french;
use super::{ParseOptions, SourceFile};
use crate::error::Diagnostic;
use crate::media::is_remote;
use crate::model::Photo;
use crate::model::shortcode::{AUDIO_EXTENSIONS, Arg, Shortcode, VIDEO_EXTENSIONS};

/// Text arguments that readers see, and that get French typography like the
/// body; URLs, paths and names do not.
const TYPESET: &[&str] = &["title", "caption", "text", "author", "role", "credit"];

/// An article's or page's body with its shortcodes found: the text Markdown
/// is to read, then (`finish`) the shortcodes of the rendered HTML.
pub(super) struct Body<'t> {
    body: &'t str,
    scanned: Option<Scanned>,
    /// Problems of the shortcodes: they do not stop the file, whose other
    /// shortcodes are then checked against the theme, every error in one build.
    pub errors: Vec<Diagnostic>,
}

impl<'t> Body<'t> {
    /// The body of the file `text`, scanned.
    pub fn scan(text: &str, body: &'t str, file: &SourceFile, opts: &ParseOptions) -> Body<'t> {
        let first_line = text[..text.len() - body.len()].matches('\n').count() + 1;
        let mut errors = Vec::new();
        let scanned = scan(&mut errors, body, first_line, file, opts);
        Body {
            body,
            scanned,
            errors,
        }
    }

    /// The text for Markdown: the body with placeholders.
    pub fn source(&self) -> &str {
        self.scanned.as_ref().map_or(self.body, |s| s.text.as_str())
    }

    /// The shortcodes, once `md` is rendered from `source`: their blocks
    /// take their paragraphs' place and their bodies' words count.
    pub fn finish(&mut self, md: &mut markdown::Rendered) -> Vec<Shortcode> {
        let Some(scanned) = self.scanned.take() else {
            return Vec::new();
        };
        if !scanned.shortcodes.is_empty() {
            md.html =
                shortcodes::unwrap_blocks(std::mem::take(&mut md.html), &scanned.shortcodes, false);
            md.word_count += scanned.body_words;
        }
        scanned.shortcodes
    }
}

/// Scans `body` (starting on line `first_line`) when it may hold shortcodes;
/// its problems go to `errs`.
fn scan(
    errs: &mut Vec<Diagnostic>,
    body: &str,
    first_line: usize,
    file: &SourceFile,
    opts: &ParseOptions,
) -> Option<Scanned> {
    if !shortcodes::may_have(body) {
        return None;
    }
    let render = |md: &str| {
        let m = markdown::render(md, opts.french, opts.raw_html);
        (m.html, m.word_count)
    };
    let mut scanned = shortcodes::scan(body, first_line, &render);
    // `{{/* … */}}` alone still changes the text.
    if scanned.shortcodes.is_empty() && scanned.errors.is_empty() && scanned.text == body {
        return None;
    }
    for (line, column, msg) in std::mem::take(&mut scanned.errors) {
        errs.push(Diagnostic::error(&file.rel, Some(line), msg).with_column(Some(column)));
    }
    for s in &mut scanned.shortcodes {
        if opts.french {
            for a in s
                .args
                .iter_mut()
                .filter(|a| TYPESET.contains(&a.name.as_str()))
            {
                if let Arg::Str(t) = &mut a.value {
                    *t = french(t);
                }
            }
        }
        find_files(errs, s, file, opts);
    }
    Some(scanned)
}

/// The files a built-in shortcode names. Which argument is a file depends
/// on the built-in; a theme's own shortcodes name none that rotative knows.
fn find_files(
    errs: &mut Vec<Diagnostic>,
    s: &mut Shortcode,
    file: &SourceFile,
    opts: &ParseOptions,
) {
    let (photo_arg, local_arg, media) = match s.name.as_str() {
        "photo" => ("src", None, false),
        "video" => ("poster", Some("url"), true),
        "audio" => ("", Some("src"), true),
        _ => return,
    };
    if let Some(src) = s
        .str_arg(photo_arg)
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        let (line, column) = s.place_of(photo_arg);
        match opts.images.resolve(src, &file.content_rel) {
            Ok(found) => {
                s.photo = Some(Photo {
                    src: src.to_string(),
                    alt: s.str_arg("alt").unwrap_or_default().to_string(),
                    caption: s.str_arg("caption").unwrap_or_default().to_string(),
                    credit: s.str_arg("credit").unwrap_or_default().to_string(),
                    url: found.url,
                    image: found.image,
                    line: Some(line),
                });
            }
            Err(e) => {
                s.broken = true;
                errs.push(
                    Diagnostic::error(&file.rel, Some(line), format!("`{}`: {e}", s.name))
                        .with_column(Some(column)),
                )
            }
        }
    }
    let Some(arg) = local_arg else { return };
    let Some(src) = s.str_arg(arg).map(str::trim).filter(|v| !v.is_empty()) else {
        return;
    };
    // A page URL (a video on its site) or a file elsewhere is not ours to find.
    if media && (is_remote(src) || !has_media_extension(src)) {
        return;
    }
    let (line, column) = s.place_of(arg);
    match opts.images.locate(src, &file.content_rel) {
        Ok(url) => s.local = Some(url),
        Err(e) => {
            s.broken = true;
            let msg = format!(
                "`{}`: {}",
                s.name,
                e.to_string().replacen("photo", "file", 1)
            );
            errs.push(Diagnostic::error(&file.rel, Some(line), msg).with_column(Some(column)));
        }
    }
}

fn has_media_extension(src: &str) -> bool {
    let ext = src.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    VIDEO_EXTENSIONS.contains(&ext.as_str()) || AUDIO_EXTENSIONS.contains(&ext.as_str())
}

/// Hash of the files the shortcodes name, which are inputs of the page too.
pub(super) fn files_key(shortcodes: &[Shortcode]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::fingerprint::hasher();
    for s in shortcodes {
        s.photo
            .as_ref()
            .and_then(|p| p.image.as_ref().map(|i| i.key))
            .hash(&mut h);
        s.local.hash(&mut h);
    }
    h.finish()
}
