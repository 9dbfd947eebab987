//! Two steps of assembling a site: expanding the shortcodes of articles and
//! pages, and the photo step (the resized copies the site shows, made where
//! the cache lacks them).

use crate::config::Config;
use crate::content::sources::{Parsed, Sources};
use crate::error::Diagnostic;
use crate::model::Model;
use crate::render::Theme;
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Adds the resized copies of the site's photos to the copied files. A
/// content file already at a copy's URL would be overwritten: an error.
pub(super) fn photo_copies(
    model: &Model,
    assets: &mut BTreeMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (source, p) in model.photos() {
        for v in p.image.iter().flat_map(|i| &i.variants) {
            let rel = v.url.trim_start_matches('/').to_string();
            match assets.get(&rel) {
                Some(existing) if *existing != v.file => diags.push(Diagnostic::error(
                    source,
                    None,
                    format!(
                        "the resized photo `{}` would overwrite the file content/{rel}; rename that file",
                        v.url
                    ),
                )),
                _ => {
                    assets.insert(rel, v.file.clone());
                }
            }
        }
    }
    diags
}

/// Makes the photo copies the model shows and the cache lacks; a
/// photo that cannot be resized is an error on the line of each source that shows it.
pub(super) fn make_photo_copies(model: &Model) -> (crate::media::Stats, Vec<Diagnostic>) {
    let images = model.photos().filter_map(|(_, p)| p.image.as_deref());
    let (stats, failed) = crate::media::make_copies(images);
    let mut diags = Vec::new();
    for (image, err) in failed {
        let err = Arc::new(err);
        for (source, p) in model
            .photos()
            .filter(|(_, p)| p.image.as_deref() == Some(image))
        {
            let e = crate::media::PhotoError::Unusable {
                rel: p.url.trim_start_matches('/').to_string(),
                source: err.clone(),
            };
            diags.push(Diagnostic::error(source, p.line, e.to_string()));
        }
    }
    (stats, diags)
}

/// Expands the shortcodes of articles and pages; an article card naming a draft or a
/// scheduled article says so.
pub(super) fn expand_shortcodes(
    model: &mut Model,
    config: &Config,
    theme: &Theme,
    sources: &Sources,
    base_url: &str,
    now: DateTime<FixedOffset>,
) -> Vec<Diagnostic> {
    if model.articles.iter().all(|a| a.shortcodes.is_empty())
        && model.pages.iter().all(|p| p.shortcodes.is_empty())
    {
        return Vec::new();
    }
    let absent = |rel: &Path| match sources.get(rel)? {
        Parsed::Article(a) if a.draft => Some(format!("{} is a draft", rel.display())),
        Parsed::Article(a) if a.date > now => Some(format!(
            "{} is scheduled for {}",
            rel.display(),
            a.date.format("%Y-%m-%d %H:%M")
        )),
        Parsed::Article(_) => None,
        _ => Some(format!("{} is not an article", rel.display())),
    };
    let ctx = crate::render::context::Ctx::new(model, config, theme, base_url);
    let (diags, done) = crate::render::shortcodes::expand_all(&ctx, theme, &absent);
    for (i, a) in done.articles {
        model.articles[i] = Arc::new(a);
    }
    for (i, p) in done.pages {
        model.pages[i] = Arc::new(p);
    }
    diags
}
