//! The image work itself: reading a photo's header, decoding it, resizing it
//! and encoding the result as WebP, JPEG or PNG. Every failure is a message,
//! never a panic: photos come from editors and may be anything.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use std::io::Cursor;

/// The formats rotative resizes; other images are copied as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    /// The name templates see, also the file extension (but `jpg`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            other => other.name(),
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// What the first bytes of a file say, without decoding its pixels.
pub enum Sniffed {
    /// A format rotative resizes, with the size as displayed (after the
    /// EXIF orientation) and the orientation to apply when decoding.
    Raster(Format, u32, u32, Orientation),
    /// A GIF (perhaps animated): copied as it is; its size is in its header.
    Gif(u32, u32),
    /// Anything else.
    Unknown,
}

/// Why an image could not be read, resized or encoded.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("the image is empty (0 pixels wide or high)")]
    Empty,
    #[error("not a JPEG, PNG, WebP, GIF or SVG image")]
    NotAnImage,
    #[error(transparent)]
    Image(#[from] image::ImageError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Buffer(#[from] fast_image_resize::ImageBufferError),
    #[error(transparent)]
    Resize(#[from] fast_image_resize::ResizeError),
    #[error("WebP encoding failed: {0}")]
    Webp(String),
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Reads the format, size and orientation from a file's header.
pub fn sniff(bytes: &[u8]) -> Result<Sniffed, ImageError> {
    let format = match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => Format::Jpeg,
        Ok(ImageFormat::Png) => Format::Png,
        Ok(ImageFormat::WebP) => Format::Webp,
        Ok(ImageFormat::Gif) if bytes.len() >= 10 => {
            let w = u16::from_le_bytes([bytes[6], bytes[7]]);
            let h = u16::from_le_bytes([bytes[8], bytes[9]]);
            return Ok(Sniffed::Gif(w.into(), h.into()));
        }
        _ => return Ok(Sniffed::Unknown),
    };
    let mut decoder = reader(bytes)?.into_decoder()?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (w, h) = if turns(orientation) { (h, w) } else { (w, h) };
    if w == 0 || h == 0 {
        return Err(ImageError::Empty);
    }
    Ok(Sniffed::Raster(format, w, h, orientation))
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, ImageError> {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(ImageError::from)
}

/// Orientations that swap width and height.
fn turns(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Decoded pixels, 8 bits per channel, RGB or RGBA.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

impl Pixels {
    fn pixel_type(&self) -> PixelType {
        if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        }
    }
}

/// Decodes the whole image, upright. The decoder's memory limits turn a
/// decompression bomb into an error rather than an exhausted machine.
pub fn decode(bytes: &[u8], orientation: Orientation) -> Result<Pixels, ImageError> {
    let decoder = reader(bytes)?.into_decoder()?;
    let mut img = DynamicImage::from_decoder(decoder)?;
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());
    let alpha = img.color().has_alpha();
    let data = if alpha {
        img.into_rgba8().into_raw()
    } else {
        img.into_rgb8().into_raw()
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        data,
    })
}

/// Resizes to `width`, keeping the aspect ratio (Lanczos3, as photo editors do).
pub fn resize(src: &Pixels, width: u32) -> Result<Pixels, ImageError> {
    let height = scaled_height(src.width, src.height, width);
    if width == src.width {
        return Ok(Pixels {
            width,
            height,
            alpha: src.alpha,
            data: src.data.clone(),
        });
    }
    let view = ImageRef::new(src.width, src.height, &src.data, src.pixel_type())?;
    let mut dst = Image::new(width, height, src.pixel_type());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&view, &mut dst, &options)?;
    Ok(Pixels {
        width,
        height,
        alpha: src.alpha,
        data: dst.into_vec(),
    })
}

/// The height that keeps the aspect ratio at `width`, rounded, at least 1.
pub fn scaled_height(src_w: u32, src_h: u32, width: u32) -> u32 {
    let h = (u64::from(src_h) * u64::from(width) * 2 + u64::from(src_w)) / (u64::from(src_w) * 2);
    (h as u32).max(1)
}

/// Encodes pixels. WebP is lossy (libwebp), JPEG at `quality`, PNG lossless.
pub fn encode(p: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, ImageError> {
    match format {
        Format::Webp => {
            let enc = if p.alpha {
                webp::Encoder::from_rgba(&p.data, p.width, p.height)
            } else {
                webp::Encoder::from_rgb(&p.data, p.width, p.height)
            };
            enc.encode_simple(false, f32::from(quality))
                .map(|m| m.to_vec())
                .map_err(|e| ImageError::Webp(format!("{e:?}")))
        }
        Format::Jpeg => {
            let rgb;
            let data = if p.alpha {
                rgb = drop_alpha(&p.data);
                &rgb
            } else {
                &p.data
            };
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode(
                data,
                p.width,
                p.height,
                image::ExtendedColorType::Rgb8,
            )?;
            Ok(out)
        }
        Format::Png => {
            use image::ImageEncoder;
            let color = if p.alpha {
                image::ExtendedColorType::Rgba8
            } else {
                image::ExtendedColorType::Rgb8
            };
            let mut out = Vec::new();
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(&p.data, p.width, p.height, color)?;
            Ok(out)
        }
    }
}

fn drop_alpha(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_ratio() {
        assert_eq!(scaled_height(1600, 1000, 480), 300);
        assert_eq!(scaled_height(1000, 667, 480), 320);
        assert_eq!(scaled_height(4000, 1, 16), 1);
    }

    #[test]
    fn round_trip_each_format() {
        let p = Pixels {
            width: 40,
            height: 20,
            alpha: false,
            data: (0..40 * 20 * 3).map(|i| (i % 251) as u8).collect(),
        };
        let small = resize(&p, 20).unwrap();
        assert_eq!((small.width, small.height), (20, 10));
        for f in [Format::Webp, Format::Jpeg, Format::Png] {
            let bytes = encode(&small, f, 80).unwrap();
            match sniff(&bytes).unwrap() {
                Sniffed::Raster(g, w, h, _) => assert_eq!((g, w, h), (f, 20, 10)),
                _ => panic!("{f:?} not recognised"),
            }
        }
        assert!(matches!(sniff(b"not an image").unwrap(), Sniffed::Unknown));
    }
}
