//! What a video, post, sound or map URL leads to: the provider, the page to
//! link to and the player to load once the reader asks for it. Nothing here
//! fetches anything; third-party players are only ever loaded on a click.

use url::Url;

/// How a shortcode shows an embed (`kind` in its `@embed` value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A third party's player, loaded in an iframe on click.
    Iframe,
    /// A file of the site played by `<video>`.
    Video,
    /// A file of the site played by `<audio>`.
    Audio,
    /// A sound on another site, loaded on click.
    RemoteAudio,
    /// No provider we know: a plain link.
    Link,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Iframe => "iframe",
            Kind::Video => "video",
            Kind::Audio => "audio",
            Kind::RemoteAudio => "remote-audio",
            Kind::Link => "link",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Embed {
    pub provider: &'static str,
    pub kind: Kind,
    /// The page (or file) a plain link goes to.
    pub url: String,
    /// What is loaded on click, or played from the site.
    pub player: String,
    /// The third party's host the player comes from; empty for the site's own files.
    pub host: String,
    pub mime: &'static str,
}

fn https(s: &str) -> Option<Url> {
    Url::parse(s.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some())
}

/// `youtube.com` for `www.youtube.com`: providers answer on both.
fn bare_host(u: &Url) -> String {
    u.host_str()
        .unwrap_or("")
        .trim_start_matches("www.")
        .to_ascii_lowercase()
}

fn segments(u: &Url) -> Vec<&str> {
    u.path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).collect())
        .unwrap_or_default()
}

/// An id of letters, digits, `-` and `_` only: safe in a player's URL.
fn id(s: &str) -> Option<&str> {
    (!s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then_some(s)
}

fn iframe(provider: &'static str, page: &Url, player: String) -> Embed {
    let host = Url::parse(&player)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    Embed {
        provider,
        kind: Kind::Iframe,
        url: page.to_string(),
        player,
        host,
        mime: "",
    }
}

/// The video at `url`: a page of a known provider, another page (a link),
/// or `None` when it is no web address at all.
pub fn video(url: &str) -> Option<Embed> {
    let u = https(url)?;
    let host = bare_host(&u);
    let seg = segments(&u);
    let query = |k: &str| {
        u.query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
    };
    let youtube = |vid: &str| {
        id(vid).map(|v| {
            iframe(
                "YouTube",
                &u,
                format!("https://www.youtube-nocookie.com/embed/{v}?autoplay=1"),
            )
        })
    };
    let found = match (host.as_str(), seg.as_slice()) {
        ("youtube.com" | "m.youtube.com", ["watch"]) => query("v").and_then(|v| youtube(&v)),
        ("youtube.com" | "m.youtube.com", ["embed" | "shorts" | "live", v]) => youtube(v),
        ("youtu.be", [v]) => youtube(v),
        ("vimeo.com", [v]) if v.chars().all(|c| c.is_ascii_digit()) => Some(iframe(
            "Vimeo",
            &u,
            format!("https://player.vimeo.com/video/{v}?dnt=1&autoplay=1"),
        )),
        ("player.vimeo.com", ["video", v]) => id(v).map(|v| {
            iframe(
                "Vimeo",
                &u,
                format!("https://player.vimeo.com/video/{v}?dnt=1&autoplay=1"),
            )
        }),
        ("dailymotion.com", ["video", v]) | ("dai.ly", [v]) => id(v).map(|v| {
            iframe(
                "Dailymotion",
                &u,
                format!("https://www.dailymotion.com/embed/video/{v}?autoplay=1"),
            )
        }),
        // PeerTube, on any instance: `/w/ID` or `/videos/watch/ID`.
        (_, ["w", v]) | (_, ["videos", "watch" | "embed", v]) => id(v).map(|v| {
            let origin = u.origin().ascii_serialization();
            iframe(
                "PeerTube",
                &u,
                format!("{origin}/videos/embed/{v}?autoplay=1"),
            )
        }),
        _ => None,
    };
    Some(found.unwrap_or_else(|| link(&u)))
}

/// The player of `e`, starting `seconds` into the video.
pub fn starting_at(e: &Embed, seconds: u64) -> String {
    match e.provider {
        _ if seconds == 0 => e.player.clone(),
        "Vimeo" => format!("{}#t={seconds}s", e.player),
        "PeerTube" => format!("{}&start={seconds}s", e.player),
        _ => format!("{}&start={seconds}", e.player),
    }
}

fn link(u: &Url) -> Embed {
    Embed {
        provider: "",
        kind: Kind::Link,
        url: u.to_string(),
        player: String::new(),
        host: u.host_str().unwrap_or("").to_string(),
        mime: "",
    }
}

pub fn mime_of(file: &str) -> &'static str {
    match file
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "ogg" | "oga" => "audio/ogg",
        "opus" => "audio/ogg; codecs=opus",
        "wav" => "audio/wav",
        _ => "",
    }
}

/// A file of the site, played as it is.
pub fn local(url: &str, kind: Kind) -> Embed {
    Embed {
        provider: "",
        kind,
        url: url.to_string(),
        player: url.to_string(),
        host: String::new(),
        mime: mime_of(url),
    }
}

/// A sound on another site, loaded only when the reader plays it.
pub fn remote_audio(src: &str) -> Option<Embed> {
    let u = https(src)?;
    Some(Embed {
        provider: "",
        kind: Kind::RemoteAudio,
        url: u.to_string(),
        player: u.to_string(),
        host: u.host_str().unwrap_or("").to_string(),
        mime: mime_of(u.path()),
    })
}

/// The OpenStreetMap page and embeddable map around a point.
pub fn map(lat: f64, lon: f64, zoom: i64) -> Embed {
    // The map's box: at zoom z a 256-pixel tile spans 360 / 2^z degrees of
    // longitude; a box of about three tiles wide shows the neighbourhood.
    let span = 360.0 / 2f64.powi(zoom as i32) * 1.5;
    let (w, e) = (lon - span, lon + span);
    let (s, n) = (lat - span / 2.0, lat + span / 2.0);
    let player = format!(
        "https://www.openstreetmap.org/export/embed.html?bbox={w:.5}%2C{s:.5}%2C{e:.5}%2C{n:.5}&layer=mapnik&marker={lat:.5}%2C{lon:.5}"
    );
    Embed {
        provider: "OpenStreetMap",
        kind: Kind::Iframe,
        url: format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map={zoom}/{lat:.5}/{lon:.5}"
        ),
        player,
        host: "www.openstreetmap.org".into(),
        mime: "",
    }
}

/// A post on a social network, as its quote card names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    /// "Mastodon", "Bluesky", "X", or empty when we do not know the network.
    pub network: &'static str,
    /// `@nom@instance.social`, `@nom.bsky.social`, `@nom`.
    pub handle: String,
    pub profile_url: String,
    pub url: String,
}

/// The post at `url`, or `None` when it is no web address.
pub fn post(url: &str) -> Option<Post> {
    let u = https(url)?;
    let host = bare_host(&u);
    let seg = segments(&u);
    let origin = u.origin().ascii_serialization();
    let (network, handle, profile_url) = match (host.as_str(), seg.as_slice()) {
        ("bsky.app", ["profile", who, "post", _]) => (
            "Bluesky",
            format!("@{who}"),
            format!("https://bsky.app/profile/{who}"),
        ),
        ("x.com" | "twitter.com" | "mobile.twitter.com", [who, "status", _]) => {
            ("X", format!("@{who}"), format!("https://x.com/{who}"))
        }
        // Mastodon and the rest of the fediverse: `/@name/ID` on any instance.
        (_, [who, post]) if who.starts_with('@') && post.chars().all(|c| c.is_ascii_digit()) => (
            "Mastodon",
            format!("{who}@{host}"),
            format!("{origin}/{who}"),
        ),
        _ => ("", String::new(), String::new()),
    };
    Some(Post {
        network,
        handle,
        profile_url,
        url: u.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn videos_of_each_provider_play_from_their_privacy_friendly_player() {
        let cases = [
            (
                "https://www.youtube.com/watch?v=aB3_x-9",
                "YouTube",
                "https://www.youtube-nocookie.com/embed/aB3_x-9?autoplay=1",
            ),
            (
                "https://youtu.be/aB3",
                "YouTube",
                "https://www.youtube-nocookie.com/embed/aB3?autoplay=1",
            ),
            (
                "https://vimeo.com/76979871",
                "Vimeo",
                "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1",
            ),
            (
                "https://www.dailymotion.com/video/x8abc",
                "Dailymotion",
                "https://www.dailymotion.com/embed/video/x8abc?autoplay=1",
            ),
            (
                "https://tube.exemple.fr/w/9c9de5e8-0a1e",
                "PeerTube",
                "https://tube.exemple.fr/videos/embed/9c9de5e8-0a1e?autoplay=1",
            ),
        ];
        for (url, provider, player) in cases {
            let e = video(url).unwrap();
            assert_eq!(
                (e.provider, e.kind, e.player.as_str()),
                (provider, Kind::Iframe, player),
                "{url}"
            );
        }
        assert_eq!(video("https://exemple.fr/page").unwrap().kind, Kind::Link);
        assert_eq!(video("pas une adresse"), None);
        // An id that would break out of the player's URL is no id.
        assert_eq!(video("https://youtu.be/a%22b").unwrap().kind, Kind::Link);
    }

    #[test]
    fn posts_name_their_network_and_handle() {
        let p = post("https://mastodon.social/@mairie/113456").unwrap();
        assert_eq!(
            (p.network, p.handle.as_str()),
            ("Mastodon", "@mairie@mastodon.social")
        );
        let p = post("https://bsky.app/profile/lyon.bsky.social/post/3kx").unwrap();
        assert_eq!(
            (p.network, p.handle.as_str()),
            ("Bluesky", "@lyon.bsky.social")
        );
        let p = post("https://x.com/prefet69/status/17").unwrap();
        assert_eq!(
            (p.network, p.profile_url.as_str()),
            ("X", "https://x.com/prefet69")
        );
        assert_eq!(post("https://exemple.fr/billet").unwrap().network, "");
    }

    #[test]
    fn maps_center_on_their_point() {
        let m = map(45.76, 4.83, 15);
        assert!(
            m.player.contains("marker=45.76000%2C4.83000"),
            "{}",
            m.player
        );
        assert!(m.url.contains("#map=15/45.76000/4.83000"), "{}", m.url);
    }
}
