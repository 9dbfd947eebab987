//! The content folder: walking it, sorting files into articles, author
//! profiles, pages and assets, and parsing each into the model.

pub mod compat;
pub mod dates;
mod embeds;
pub mod frontmatter;
mod lead_photo;
mod life;
pub mod markdown;
pub mod outline;
mod page;
mod parse;
pub mod shortcodes;
pub mod sources;
pub mod typography;

pub use page::parse_page;
pub use parse::{parse_article, parse_author};

use crate::error::Diagnostic;
use frontmatter::FieldError;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What parsing a file depends on besides the file: the site's time zone,
/// its typography, and how lead photos are processed.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    pub tz: chrono_tz::Tz,
    pub french: bool,
    /// `[markdown] raw_html`: HTML in Markdown is kept, or printed as text.
    pub raw_html: bool,
    pub images: Arc<crate::media::Images>,
    /// Keep each source's outline (links and key lines) for the editorial
    /// checks; off for a plain build, which never reads it.
    pub outline: bool,
    /// `[paywall] paragraphs`: the free part of subscriber-only articles.
    pub paywall_paragraphs: usize,
}

impl ParseOptions {
    pub fn new(root: &Path, config: &crate::config::Config) -> ParseOptions {
        ParseOptions {
            tz: config.tz,
            french: config.french_typography(),
            raw_html: config.markdown.raw_html,
            images: Arc::new(crate::media::Images::new(root, &config.images)),
            outline: config.strict,
            paywall_paragraphs: config.paywall.paragraphs,
        }
    }

    /// Whether a file parses the same with both: if not, parse everything again.
    pub fn same_as(&self, other: &ParseOptions) -> bool {
        self.tz == other.tz
            && self.french == other.french
            && self.raw_html == other.raw_html
            && self.images.widths == other.images.widths
            && self.images.quality == other.images.quality
            && self.outline == other.outline
    }
}

/// What a file under `content/` is, decided by where it sits and its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Article,
    Author,
    Page,
    Asset,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// Path relative to the site root, as shown in messages (`content/x.md`).
    pub rel: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub content_rel: String,
    pub kind: Kind,
}

/// Files editors' tools leave beside the real ones: never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with("-swp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
}

fn kind_of(content_rel: &str) -> Kind {
    let is_md = content_rel.ends_with(".md") || content_rel.ends_with(".markdown");
    if !is_md {
        return Kind::Asset;
    }
    let mut parts = content_rel.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("authors"), Some(_), None) => Kind::Author,
        (Some("pages"), Some(_), None) => Kind::Page,
        _ => Kind::Article,
    }
}

/// Says why a symbolic link under `content/` was left out. Links are never
/// followed: one to a folder can loop, one out of the site would publish
/// whatever it points at, and the watcher would not see edits to its target.
fn link_warning(root: &Path, link: &Path) -> String {
    match std::fs::canonicalize(link) {
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
            "is a loop of symbolic links; it was left out".into()
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "is a symbolic link to a missing file; it was left out".into()
        }
        Err(e) => format!("is a symbolic link that cannot be resolved ({e}); it was left out"),
        Ok(target) => {
            let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            match target.strip_prefix(&site) {
                Ok(inside) => format!(
                    "is a symbolic link to {}; rotative does not follow links, so it was left out (copy the file instead)",
                    inside.display()
                ),
                Err(_) => format!(
                    "is a symbolic link to {}, outside the site; rotative never follows links out of the site, so it was left out",
                    target.display()
                ),
            }
        }
    }
}

/// Lists the files of `content/` in a stable order. Problems (unreadable
/// folders, links) are reported, never silently skipped.
pub fn walk(root: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content = root.join("content");
    let mut files = Vec::new();
    let mut diags = Vec::new();
    if !content.is_dir() {
        diags.push(Diagnostic::error(
            "content",
            None,
            format!("no content folder: expected {}", content.display()),
        ));
        return (files, diags);
    }
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel_to(root, p))
                    .unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::error(path, None, format!("cannot read: {e}")));
                continue;
            }
        };
        let rel = rel_to(root, entry.path());
        if entry.path_is_symlink() {
            diags.push(Diagnostic::warning(
                &rel,
                None,
                link_warning(root, entry.path()),
            ));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let content_rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.push(SourceFile {
            path: entry.path().to_path_buf(),
            rel,
            kind: kind_of(&content_rel),
            content_rel,
        });
    }
    (files, diags)
}

/// The source file at `path` (absolute, under `root/content`), as the walk
/// would list it; `None` for folders, links, missing files and editors'
/// temporary files, or anything inside an ignored folder.
pub fn source_file(root: &Path, path: &Path) -> Option<SourceFile> {
    let content = root.join("content");
    let inner = path.strip_prefix(&content).ok()?;
    let parts: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() || parts.iter().any(|p| is_ignored_name(p)) {
        return None;
    }
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    let content_rel = parts.join("/");
    Some(SourceFile {
        path: path.to_path_buf(),
        rel: rel_to(root, path),
        kind: kind_of(&content_rel),
        content_rel,
    })
}

fn rel_to(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// Reads a text file as UTF-8, dropping a BOM and CR line endings.
pub fn read_text(file: &SourceFile) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(&file.path)
        .map_err(|e| Diagnostic::error(&file.rel, None, format!("cannot read: {e}")))?;
    decode_owned(bytes).map_err(|(line, msg)| Diagnostic::error(&file.rel, line, msg))
}

/// `decode`, keeping the buffer of a file that is already plain UTF-8 with
/// Unix line ends (nearly all of them) instead of copying it.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, FieldError> {
    let plain = !bytes.starts_with(&[0xEF, 0xBB, 0xBF]) && !bytes.contains(&b'\r');
    // simdutf8 checks 16 or 32 bytes at a time, where `String::from_utf8`
    // goes byte by byte: at 10,000 articles (80 MB) that is 100 ms of CPU.
    // An invalid file goes on to `decode`, which finds the line to report.
    if plain && simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that the bytes are UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    decode(&bytes)
}

pub fn decode(bytes: &[u8]) -> Result<String, FieldError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((Some(1), "the file is UTF-16; save it as UTF-8".into()));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col_bytes(bytes, e.valid_up_to());
        (
            Some(line),
            format!("the file is not valid UTF-8 (column {col}); save it as UTF-8"),
        )
    })?;
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n"))
    } else {
        Ok(text.to_string())
    }
}

fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = offset
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, col)
}
