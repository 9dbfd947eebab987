//! What rotative knows of each built-in shortcode, given to its component
//! as implicit arguments: a video's provider and player, a post's network
//! and handle, a photo's copies, a map's frame, the article a card shows.

use super::{Expander, Problem};
use crate::model::shortcode::{self, Arg, Shortcode};
use crate::render::embeds::{self, Embed, Kind};
use tera::{Context, Value};

impl Expander<'_> {
    /// What rotative knows of a built-in, into its implicit arguments; a
    /// value that makes no sense is a problem on that argument.
    pub(super) fn builtin(
        &self,
        n: usize,
        s: &Shortcode,
        implicit: &mut Context,
    ) -> Result<(), Vec<Problem>> {
        let bad = |arg: &str, msg: String| {
            let (l, c) = s.place_of(arg);
            Err(vec![(l, c, format!("`{}`: {msg}", s.name))])
        };
        let photo = |p: &crate::model::Photo| self.ctx.photo_value(p);
        match s.name.as_str() {
            "video" => {
                let url = s.str_arg("url").unwrap_or_default();
                let embed = match &s.local {
                    Some(local) => embeds::local(local, Kind::Video),
                    None => match embeds::video(url) {
                        Some(e) => e,
                        None => {
                            return bad(
                                "url",
                                format!(
                                    "`url` must be the address of a video page (https://…) or a .{} file of the site, not `{url}`",
                                    shortcode::VIDEO_EXTENSIONS.join(" or .")
                                ),
                            );
                        }
                    },
                };
                let mut embed = embed;
                if let Some(Arg::Int(t)) = s.arg("start").filter(|_| embed.kind == Kind::Iframe) {
                    if *t < 0 {
                        return bad(
                            "start",
                            format!("`start` is a number of seconds from the start, not {t}"),
                        );
                    }
                    embed.player = embeds::starting_at(&embed, *t as u64);
                }
                let poster = s.photo.as_ref().map_or(Value::none(), photo);
                implicit.insert_value("embed", embed_value(&embed, poster));
            }
            "audio" => {
                let src = s.str_arg("src").unwrap_or_default();
                let embed = match &s.local {
                    Some(local) => embeds::local(local, Kind::Audio),
                    None => match embeds::remote_audio(src) {
                        Some(e) => e,
                        None => {
                            return bad(
                                "src",
                                format!(
                                    "`src` must be a sound file of the site (.{}) or its address (https://…), not `{src}`",
                                    shortcode::AUDIO_EXTENSIONS.join(", .")
                                ),
                            );
                        }
                    },
                };
                implicit.insert_value("embed", embed_value(&embed, Value::none()));
            }
            "map" => {
                let lat = s.arg("lat").and_then(Arg::as_f64).unwrap_or(0.0);
                let lon = s.arg("lon").and_then(Arg::as_f64).unwrap_or(0.0);
                let zoom = match s.arg("zoom") {
                    Some(Arg::Int(z)) => *z,
                    _ => 15,
                };
                if !(-90.0..=90.0).contains(&lat) {
                    return bad(
                        "lat",
                        format!("`lat` is a latitude, from -90 to 90, not {lat}"),
                    );
                }
                if !(-180.0..=180.0).contains(&lon) {
                    return bad(
                        "lon",
                        format!("`lon` is a longitude, from -180 to 180, not {lon}"),
                    );
                }
                if !(1..=19).contains(&zoom) {
                    return bad(
                        "zoom",
                        format!("`zoom` goes from 1 (the world) to 19 (a street), not {zoom}"),
                    );
                }
                implicit.insert_value(
                    "embed",
                    embed_value(&embeds::map(lat, lon, zoom), Value::none()),
                );
            }
            "social" => {
                let url = s.str_arg("url").unwrap_or_default();
                let Some(post) = embeds::post(url) else {
                    return bad(
                        "url",
                        format!("`url` must be the address of the post (https://…), not `{url}`"),
                    );
                };
                let date = s.str_arg("date").unwrap_or_default();
                let (rfc, display) = match date.trim() {
                    "" => (String::new(), String::new()),
                    d => match post_date(d, self.ctx.config.tz) {
                        Some(t) => (
                            t.to_rfc3339(),
                            crate::i18n::long_date(&t, self.ctx.config.language.as_str()),
                        ),
                        None => {
                            return bad(
                                "date",
                                format!(
                                    "cannot read `date=\"{d}\"`; write 2025-03-14 or 2025-03-14 09:30"
                                ),
                            );
                        }
                    },
                };
                implicit.insert_value(
                    "post",
                    crate::render::to_value(&serde_json::json!({
                        "network": post.network,
                        "handle": post.handle,
                        "profile_url": post.profile_url,
                        "url": post.url,
                        "date": rfc,
                        "date_display": display,
                    })),
                );
            }
            "photo" => {
                if let Some(p) = &s.photo {
                    implicit.insert_value("photo", photo(p));
                }
            }
            "gallery" => {
                let kids: Vec<&Shortcode> = self.shortcodes[..n]
                    .iter()
                    .filter(|c| c.parent == Some(n))
                    .collect();
                if let Some(other) = kids.iter().find(|c| c.name != "photo") {
                    return Err(vec![(
                        other.line,
                        other.column,
                        format!(
                            "`gallery` holds `photo(…)` shortcodes only, not `{}`",
                            other.name
                        ),
                    )]);
                }
                if kids.is_empty() {
                    return bad(
                        "",
                        "a gallery needs photos: one `{{ photo(src=\"…\", alt=\"…\") }}` line each"
                            .into(),
                    );
                }
                implicit.insert_value("count", Value::from(kids.len()));
            }
            "article" => {
                let path = s.str_arg("path").unwrap_or_default();
                let rel = shortcode::card_source(path);
                let found = self.ctx.model.articles.iter().position(|a| a.source == rel);
                match found {
                    Some(j) => implicit.insert_value("card", self.ctx.summary(j, None)),
                    None => {
                        let why = (self.absent)(&rel)
                            .unwrap_or_else(|| format!("there is no article {}", rel.display()));
                        return bad(
                            "path",
                            format!("`path=\"{path}\"` names no published article: {why}"),
                        );
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn post_date(s: &str, tz: chrono_tz::Tz) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    use chrono::{NaiveDate, NaiveDateTime, TimeZone};
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })?;
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.fixed_offset())
}

fn embed_value(e: &Embed, poster: Value) -> Value {
    let v = crate::render::to_value(&serde_json::json!({
        "provider": e.provider,
        "kind": e.kind.name(),
        "url": e.url,
        "player": e.player,
        "host": e.host,
        "mime": e.mime,
    }));
    crate::render::with(v, "poster", poster)
}
