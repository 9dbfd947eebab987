//! Lead photos: finding an article's photo under `content/`, and the resized
//! copies (WebP and the original format) that pages offer in `srcset`. The
//! copies are kept in a cache folder keyed by the photo's content, so a
//! rebuild with unchanged photos does no image work.

mod encode;

pub use encode::{Format, ImageError};

use encode::Sniffed;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// Folder of the cache, relative to the site root.
pub const CACHE_DIR: &str = ".rotative-cache/images";

/// Bumped when resizing or encoding changes, so that old cached files are not reused.
const PIPELINE: u32 = 1;

/// One resized copy of a photo.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Site URL of the copy, e.g. `/images/pont-480.1a2b3c4d.webp`.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// The file in the cache that is copied to `url`.
    pub file: PathBuf,
}

/// A photo found under `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalImage {
    pub file: PathBuf,
    /// Size as displayed (after the EXIF orientation); unknown for SVG.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `None` for images copied as they are (GIF, SVG).
    pub format: Option<Format>,
    /// WebP copies by width, then copies in the original format by width.
    pub variants: Vec<Variant>,
    /// Hash of the content and settings: changes whenever any copy would.
    pub key: u64,
    /// How the original must be turned to stand upright (EXIF).
    pub orientation: image::metadata::Orientation,
    /// The encoding quality of the lossy copies.
    pub quality: u8,
}

/// Where a photo's `src` leads.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Site URL of the original (`src` itself for remote photos).
    pub url: String,
    pub image: Option<Arc<LocalImage>>,
}

/// How many copies a build encoded, and how many it found already made
/// (in the cache, or the original itself when it is the full-size copy).
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub encoded: usize,
    pub cached: usize,
}

/// Why an article's photo cannot be used; reported on its `photo` line.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("photo `{0}` points outside the content folder")]
    Outside(String),
    #[error("photo `{0}` names no file")]
    NoFile(String),
    #[error("photo `{src}` not found: there is no file content/{rel}")]
    NotFound { src: String, rel: String },
    #[error("cannot read photo content/{rel}: {source}")]
    Read { rel: String, source: std::io::Error },
    #[error("cannot use photo content/{rel}: {source}")]
    Unusable {
        rel: String,
        source: Arc<ImageError>,
    },
    #[error("the photo cache is unusable after a crash of another thread")]
    Poisoned,
}

type Memo = Mutex<HashMap<(u128, String), Arc<OnceLock<Result<Arc<LocalImage>, Arc<ImageError>>>>>>;

/// The photo processor of one site, shared by the parallel parsers.
pub struct Images {
    content: PathBuf,
    cache: PathBuf,
    pub widths: Vec<u32>,
    pub quality: u8,
    /// One result per photo content and place: two articles with one photo
    /// wait for a single encoding rather than racing each other.
    memo: Memo,
}

impl std::fmt::Debug for Images {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Images")
            .field("widths", &self.widths)
            .field("quality", &self.quality)
            .finish()
    }
}

/// `http://`, `https://`, `//host/…` and `data:` photos are used as they are.
pub fn is_remote(src: &str) -> bool {
    src.starts_with("//") || src.starts_with("data:") || src.contains("://")
}

impl Images {
    pub fn new(root: &Path, settings: &crate::config::Images) -> Images {
        Images {
            content: root.join("content"),
            cache: root.join(CACHE_DIR),
            widths: settings.widths.clone(),
            quality: settings.quality,
            memo: Mutex::default(),
        }
    }

    /// Finds the photo `src` of the article at `article_rel` (relative to
    /// `content/`): `/x.jpg` is `content/x.jpg`, `x.jpg` sits beside the
    /// article. A local photo is read and measured, and its copies planned;
    /// they are made by `make_copies`, once the site knows what it shows.
    pub fn resolve(&self, src: &str, article_rel: &str) -> Result<Resolved, PhotoError> {
        if is_remote(src) {
            return Ok(Resolved {
                url: src.to_string(),
                image: None,
            });
        }
        let rel = content_path(src, article_rel)?;
        let file = self.content.join(&rel);
        let bytes = std::fs::read(&file).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PhotoError::NotFound {
                src: src.to_string(),
                rel: rel.clone(),
            },
            _ => PhotoError::Read {
                rel: rel.clone(),
                source: e,
            },
        })?;
        let hash = crate::fingerprint::bytes128(&bytes);
        let cell = {
            let mut memo = self.memo.lock().map_err(|_| PhotoError::Poisoned)?;
            memo.entry((hash, rel.clone())).or_default().clone()
        };
        let result = cell
            .get_or_init(|| {
                self.process(&bytes, hash, &rel, file)
                    .map(Arc::new)
                    .map_err(Arc::new)
            })
            .clone();
        if result.is_err() {
            // A write error may not happen again: let the next parse retry.
            if let Ok(mut memo) = self.memo.lock() {
                memo.remove(&(hash, rel.clone()));
            }
        }
        let image = result.map_err(|source| PhotoError::Unusable {
            rel: rel.clone(),
            source,
        })?;
        Ok(Resolved {
            url: format!("/{rel}"),
            image: Some(image),
        })
    }

    /// The site URL of a file that is copied as it is (a video, a sound),
    /// found like a photo; an error when no such file exists.
    pub fn locate(&self, src: &str, article_rel: &str) -> Result<String, PhotoError> {
        let rel = content_path(src, article_rel)?;
        if !self.content.join(&rel).is_file() {
            return Err(PhotoError::NotFound {
                src: src.to_string(),
                rel,
            });
        }
        Ok(format!("/{rel}"))
    }

    fn process(
        &self,
        bytes: &[u8],
        hash: u128,
        rel: &str,
        file: PathBuf,
    ) -> Result<LocalImage, ImageError> {
        let settings = format!("{hash:032x}/{}/{:?}/{PIPELINE}", self.quality, self.widths);
        let key = crate::fingerprint::bytes64(settings.as_bytes());
        let as_is = |width, height| LocalImage {
            file: file.clone(),
            width,
            height,
            format: None,
            variants: Vec::new(),
            key,
            orientation: image::metadata::Orientation::NoTransforms,
            quality: self.quality,
        };
        let (format, w, h, orientation) = match encode::sniff(bytes)? {
            Sniffed::Raster(f, w, h, o) => (f, w, h, o),
            Sniffed::Gif(w, h) => return Ok(as_is(Some(w), Some(h))),
            Sniffed::Unknown if rel.to_ascii_lowercase().ends_with(".svg") => {
                return Ok(as_is(None, None));
            }
            Sniffed::Unknown => {
                return Err(ImageError::NotAnImage);
            }
        };
        let mut variants = self.plan(format, (w, h), hash, key, rel);
        // The full-size copy in the original format is the original itself:
        // encoding it again would only lose quality (and often grow it).
        // Not when an EXIF orientation must be applied: some viewers ignore it.
        if orientation == image::metadata::Orientation::NoTransforms {
            for v in variants
                .iter_mut()
                .filter(|v| v.format == format && v.width == w)
            {
                v.file = file.clone();
            }
        }
        Ok(LocalImage {
            file,
            width: Some(w),
            height: Some(h),
            format: Some(format),
            variants,
            key,
            orientation,
            quality: self.quality,
        })
    }

    /// The copies of a `w`×`h` photo: each configured width, never wider
    /// than the original (which takes the place of the widths beyond it).
    fn plan(
        &self,
        format: Format,
        size: (u32, u32),
        hash: u128,
        key: u64,
        rel: &str,
    ) -> Vec<Variant> {
        let (w, h) = size;
        let mut widths: Vec<u32> = self.widths.iter().map(|&x| x.min(w)).collect();
        widths.dedup();
        let (dir, stem) = match rel.rsplit_once('/') {
            Some((d, f)) => (format!("/{d}/"), f),
            None => ("/".to_string(), rel),
        };
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        // In the URL, so that browsers and CDNs never keep an outdated copy.
        let tag = format!("{:08x}", key as u32);
        let mut formats = vec![Format::Webp];
        if format != Format::Webp {
            formats.push(format);
        }
        let mut out = Vec::new();
        for f in formats {
            for &width in &widths {
                let quality = if f == Format::Png { 0 } else { self.quality };
                let name = format!(
                    "{hash:032x}-{width}-q{quality}-p{PIPELINE}.{}",
                    f.extension()
                );
                out.push(Variant {
                    url: format!("{dir}{stem}-{width}.{tag}.{}", f.extension()),
                    width,
                    height: encode::scaled_height(w, h, width),
                    format: f,
                    file: self.cache.join(name),
                });
            }
        }
        out
    }
}

/// The path under `content/` that `src` names, with `.` and `..` resolved;
/// an error if it leaves `content/`.
fn content_path(src: &str, article_rel: &str) -> Result<String, PhotoError> {
    let mut parts: Vec<&str> = Vec::new();
    if !src.starts_with('/') {
        // Beside the article: start from its folder.
        parts.extend(article_rel.split('/'));
        parts.pop();
    }
    for seg in src.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(PhotoError::Outside(src.to_string()));
                }
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return Err(PhotoError::NoFile(src.to_string()));
    }
    Ok(parts.join("/"))
}

/// Makes the copies of `images` that the cache lacks (each distinct image
/// once, in parallel). Returns the counts, and the images whose copies could
/// not be made with why.
pub fn make_copies<'a>(
    images: impl IntoIterator<Item = &'a LocalImage>,
) -> (Stats, Vec<(&'a LocalImage, ImageError)>) {
    use rayon::prelude::*;
    let distinct: std::collections::BTreeMap<(&Path, u64), &LocalImage> = images
        .into_iter()
        .map(|i| ((i.file.as_path(), i.key), i))
        .collect();
    // Per image: copies found in the cache, copies made, or why none could be.
    type Made<'a> = (usize, usize, Option<(&'a LocalImage, ImageError)>);
    let results: Vec<Made> = distinct
        .into_values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|image| {
            let missing: Vec<&Variant> = image
                .variants
                .iter()
                .filter(|v| !v.file.is_file())
                .collect();
            let cached = image.variants.len() - missing.len();
            match encode_missing(image, &missing) {
                Ok(()) => (cached, missing.len(), None),
                Err(e) => (cached, 0, Some((image, e))),
            }
        })
        .collect();
    let mut stats = Stats::default();
    let mut failed = Vec::new();
    for (cached, encoded, failure) in results {
        stats.cached += cached;
        stats.encoded += encoded;
        failed.extend(failure);
    }
    (stats, failed)
}

fn encode_missing(image: &LocalImage, missing: &[&Variant]) -> Result<(), ImageError> {
    if missing.is_empty() {
        return Ok(());
    }
    let bytes = std::fs::read(&image.file)?;
    let pixels = encode::decode(&bytes, image.orientation)?;
    for v in missing {
        let resized = encode::resize(&pixels, v.width)?;
        let data = encode::encode(&resized, v.format, image.quality)?;
        write_atomic(&v.file, &data).map_err(|source| ImageError::Write {
            path: v.file.clone(),
            source,
        })?;
    }
    Ok(())
}

/// Writes through a temporary file and a rename, so that a build that is
/// interrupted, or another build running at the same time, never leaves a
/// truncated file in the cache.
fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&tmp, data)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_resolved_inside_content() {
        let p = |s, a| content_path(s, a);
        assert_eq!(p("/images/a.jpg", "x/y.md").unwrap(), "images/a.jpg");
        assert_eq!(p("a.jpg", "x/y.md").unwrap(), "x/a.jpg");
        assert_eq!(p("../images/a.jpg", "x/y.md").unwrap(), "images/a.jpg");
        assert_eq!(p("./a.jpg", "y.md").unwrap(), "a.jpg");
        assert!(p("../../a.jpg", "x/y.md").is_err());
        assert!(p("/../a.jpg", "x/y.md").is_err());
    }

    #[test]
    fn remote_photos_are_recognised() {
        assert!(is_remote("https://cdn.example/a.jpg"));
        assert!(is_remote("//cdn.example/a.jpg"));
        assert!(!is_remote("/images/a.jpg"));
        assert!(!is_remote("a.jpg"));
    }
}
