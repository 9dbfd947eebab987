//! The checks of an article's shortcodes: a video or post whose address no
//! known provider serves (readers get a plain link), and a body photo
//! without `alt` or `credit`.

use crate::error::Diagnostic;
use crate::model::shortcode::Shortcode;
use crate::render::embeds::{self, Kind};
use std::path::Path;

/// The warnings about the shortcodes of the article or page at `source`.
pub fn shortcodes(source: &Path, calls: &[Shortcode]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |place: (usize, usize), msg: String| {
        out.push(Diagnostic::warning(source, Some(place.0), msg).with_column(Some(place.1)));
    };
    for s in calls {
        match s.name.as_str() {
            "video" if s.local.is_none() => {
                let url = s.str_arg("url").unwrap_or_default();
                if embeds::video(url).is_some_and(|e| e.kind == Kind::Link) {
                    warn(
                        s.place_of("url"),
                        format!(
                            "`video`: no known provider plays `{url}` (YouTube, Vimeo, Dailymotion, PeerTube): readers get a plain link, not a player"
                        ),
                    );
                }
            }
            "social" => {
                let url = s.str_arg("url").unwrap_or_default();
                if embeds::post(url).is_some_and(|p| p.network.is_empty()) {
                    warn(
                        s.place_of("url"),
                        format!(
                            "`social`: `{url}` is no post of a known network (Mastodon, Bluesky, X): the card shows no handle"
                        ),
                    );
                }
            }
            "photo" => {
                let place = s.place_of("src");
                if s.str_arg("alt").is_none_or(|t| t.trim().is_empty()) {
                    warn(
                        place,
                        "the photo has no `alt`: describe it for readers who cannot see it".into(),
                    );
                }
                if s.str_arg("credit").is_none_or(|t| t.trim().is_empty()) {
                    warn(
                        place,
                        "the photo has no `credit`: name its photographer or agency".into(),
                    );
                }
            }
            _ => {}
        }
    }
    out
}
