//! The responsive part of a photo as templates see it: its size, its resized
//! copies, and `srcset` strings ready to print, so that a theme's
//! `<picture>` needs no loops.

use crate::media::{Format, LocalImage};
use crate::model::Photo;
use serde::Serialize;

#[derive(Serialize)]
struct VariantCtx<'a> {
    url: &'a str,
    width: u32,
    height: u32,
    format: &'static str,
}

/// Flattened into the photo's context.
#[derive(Serialize)]
pub struct Sizes<'a> {
    width: Option<u32>,
    height: Option<u32>,
    /// MIME type of the original (`image/jpeg`), for `<source type>`.
    #[serde(rename = "type")]
    mime: Option<&'static str>,
    srcset: Vec<VariantCtx<'a>>,
    srcset_webp: Option<String>,
    srcset_original: Option<String>,
    /// What `<img src>` should load: the largest copy in the original format,
    /// or the original itself when it is not resized.
    img_url: &'a str,
}

fn srcset(image: &LocalImage, format: Format) -> Option<String> {
    let parts: Vec<String> = image
        .variants
        .iter()
        .filter(|v| v.format == format)
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

impl<'a> Sizes<'a> {
    pub fn of(p: &'a Photo) -> Sizes<'a> {
        let Some(image) = p.image.as_deref() else {
            return Sizes {
                width: None,
                height: None,
                mime: None,
                srcset: Vec::new(),
                srcset_webp: None,
                srcset_original: None,
                img_url: &p.url,
            };
        };
        let original = image.format;
        Sizes {
            width: image.width,
            height: image.height,
            mime: original.map(Format::mime),
            srcset: image
                .variants
                .iter()
                .map(|v| VariantCtx {
                    url: &v.url,
                    width: v.width,
                    height: v.height,
                    format: v.format.name(),
                })
                .collect(),
            srcset_webp: srcset(image, Format::Webp),
            srcset_original: original.and_then(|f| srcset(image, f)),
            img_url: original
                .and_then(|f| image.variants.iter().rfind(|v| v.format == f))
                .map_or(&p.url, |v| &v.url),
        }
    }
}
