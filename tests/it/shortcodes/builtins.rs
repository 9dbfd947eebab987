//! The built-ins that embed something from elsewhere or a file: videos of
//! each provider and local, posts, sounds, the map; nothing third-party is
//! loaded before a click.

use super::{PAGE, body_html, every_builtin, pieces};
use crate::harness::{Page, SiteTest};
use std::fs;

fn built() -> (SiteTest, Page) {
    let t = every_builtin().build().assert_success();
    let p = Page(t.html(PAGE));
    (t, p)
}

/// The link a click-to-load player hides behind, found by the page it links to.
fn load_link(p: &Page, href: &str) -> (String, String, String) {
    let css = format!("a.embed-load[href=\"{href}\"]");
    assert_eq!(p.count(&css), 1, "no single {css} in:\n{}", body_html(p));
    (
        p.attr(&css, "data-embed-src"),
        p.attr(&css, "data-embed-kind"),
        p.attr(&css, "data-embed-title"),
    )
}

#[test]
fn videos_of_each_provider_are_links_to_their_page_until_clicked() {
    let (_, p) = built();
    let cases = [
        (
            "https://www.youtube.com/watch?v=aB3_x-9",
            "https://www.youtube-nocookie.com/embed/aB3_x-9?autoplay=1&start=75",
            "La séance du conseil",
        ),
        (
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=90s",
            "Vidéo Vimeo",
        ),
        (
            "https://www.dailymotion.com/video/x8abc",
            "https://www.dailymotion.com/embed/video/x8abc?autoplay=1",
            "Vidéo Dailymotion",
        ),
        (
            "https://tube.exemple.fr/w/9c9de5e8-0a1e",
            "https://tube.exemple.fr/videos/embed/9c9de5e8-0a1e?autoplay=1&start=30s",
            "Sur PeerTube",
        ),
    ];
    for (page, player, title) in cases {
        assert_eq!(
            load_link(&p, page),
            (player.to_string(), "iframe".to_string(), title.to_string()),
            "{page}"
        );
    }
    let videos = pieces(&p, "figure.embed--video");
    assert_eq!(videos.len(), 4);
    let providers: Vec<String> = videos.iter().map(|v| v.text(".embed-provider")).collect();
    assert_eq!(providers, ["YouTube", "Vimeo", "Dailymotion", "PeerTube"]);
    let hosts: Vec<String> = videos.iter().map(|v| v.text(".embed-host")).collect();
    assert_eq!(
        hosts,
        [
            "www.youtube-nocookie.com",
            "player.vimeo.com",
            "www.dailymotion.com",
            "tube.exemple.fr"
        ]
    );
    // The reader is told which site a click contacts; the label is not indexed.
    assert_eq!(
        videos[0].text("[data-embed-note]"),
        "En cliquant sur « Lire la vidéo », vous acceptez le chargement du lecteur de YouTube depuis www.youtube-nocookie.com."
    );
    assert_eq!(videos[0].text(".embed-title"), "La séance du conseil");
    assert_eq!(videos[0].count("a.embed-load span[data-nosearch]"), 1);
}

/// Nothing on the page is fetched from another site before a click: no
/// iframe, and every `src`, `srcset` and `poster` is the site's own.
#[test]
fn no_third_party_is_contacted_before_a_click() {
    let (t, p) = built();
    assert_eq!(p.count("iframe"), 0);
    assert!(!t.read(PAGE).contains("<iframe"));
    for attr in ["src", "srcset", "poster"] {
        for v in p.attrs(&format!("[{attr}]"), attr) {
            for url in v.split(", ") {
                assert!(url.starts_with('/'), "{attr}=\"{v}\" is not on the site");
            }
        }
    }
    // The click-to-load script is the site's own and deferred.
    assert_eq!(p.attr("script[src='/js/embeds.js']", "defer"), "");
    t.assert_file("js/embeds.js");
}

#[test]
fn local_video_plays_in_a_video_element_with_its_poster() {
    let (t, p) = built();
    let v = &pieces(&p, "figure.embed--local-video")[0];
    assert_eq!(v.attr("video source", "src"), "/actualite/seance.mp4");
    assert_eq!(v.attr("video source", "type"), "video/mp4");
    assert!(v.0.html().contains("controls"));
    // The poster is a copy of the local photo, and the file is published.
    let poster = v.attr("video", "poster");
    assert!(
        poster.starts_with("/images/marche-") && poster.ends_with(".png"),
        "{poster}"
    );
    let t = t.assert_file(poster.trim_start_matches('/'));
    assert_eq!(
        fs::read(t.public().join("actualite/seance.mp4")).unwrap(),
        b"pas vraiment une vid\xc3\xa9o"
    );
    assert_eq!(v.text(".embed-title"), "Le vote");
    assert_eq!(v.attr("video a", "href"), "/actualite/seance.mp4");
}

#[test]
fn posts_are_static_quote_cards_with_handle_network_date_and_link() {
    let (_, p) = built();
    let posts = pieces(&p, "figure.social-post");
    let seen: Vec<[String; 6]> = posts
        .iter()
        .map(|s| {
            [
                s.text(".social-author"),
                s.text(".social-handle"),
                s.text(".social-network"),
                s.attr("time", "datetime"),
                s.text("blockquote"),
                s.attr("a.social-link", "href"),
            ]
        })
        .collect();
    let want = [
        [
            "La mairie",
            "@mairie@mastodon.social",
            "Mastodon",
            "2025-03-14T09:30:00+01:00",
            "Séance ce soir à 19 h.",
            "https://mastodon.social/@mairie/113456",
        ],
        [
            "Ville de Lyon",
            "@lyon.bsky.social",
            "Bluesky",
            "2025-03-14T00:00:00+01:00",
            "Le budget est voté.",
            "https://bsky.app/profile/lyon.bsky.social/post/3kx",
        ],
        [
            "Le préfet",
            "@prefet69",
            "X",
            "2025-03-15T00:00:00+01:00",
            "Vigilance orange.",
            "https://x.com/prefet69/status/17",
        ],
    ];
    assert_eq!(seen, want.map(|r| r.map(String::from)));
    assert_eq!(posts[0].text("time"), "vendredi 14 mars 2025");
    assert_eq!(
        posts[0].attr(".social-author a", "href"),
        "https://mastodon.social/@mairie"
    );
    assert_eq!(
        posts[2].attr(".social-author a", "href"),
        "https://x.com/prefet69"
    );
    assert_eq!(
        posts[1].text("a.social-link"),
        "Voir le message sur Bluesky"
    );
    // A static card: no image, script or frame from the network.
    assert_eq!(
        p.count("figure.social-post img, figure.social-post script"),
        0
    );
}

#[test]
fn local_sound_plays_at_once_and_a_remote_one_only_on_click() {
    let (t, p) = built();
    let sounds = pieces(&p, "figure.embed--audio");
    assert_eq!(sounds.len(), 2);
    let local = &sounds[0];
    assert_eq!(local.text(".audio-title"), "Épisode 1");
    assert_eq!(local.attr("audio source", "src"), "/actualite/episode.mp3");
    assert_eq!(local.attr("audio source", "type"), "audio/mpeg");
    assert_eq!(
        local.attr(".audio-file a", "href"),
        "/actualite/episode.mp3"
    );
    t.assert_file("actualite/episode.mp3");

    let remote = &sounds[1];
    assert_eq!(remote.count("audio"), 0);
    let file = "https://podcasts.exemple.fr/ep2.mp3";
    assert_eq!(
        load_link(remote, file),
        (
            file.to_string(),
            "audio".to_string(),
            "Épisode 2".to_string()
        )
    );
    assert_eq!(remote.text(".embed-host"), "podcasts.exemple.fr");
}

#[test]
fn map_is_a_link_to_openstreetmap_until_clicked() {
    let (_, p) = built();
    let m = &pieces(&p, "figure.embed--map")[0];
    let href = "https://www.openstreetmap.org/?mlat=45.75970&mlon=4.84220#map=16/45.75970/4.84220";
    let (player, kind, title) = load_link(m, href);
    assert!(
        player.starts_with("https://www.openstreetmap.org/export/embed.html?bbox="),
        "{player}"
    );
    assert!(player.ends_with("&marker=45.75970%2C4.84220"), "{player}");
    assert_eq!(kind, "iframe");
    assert_eq!(title, "Place Bellecour, carte OpenStreetMap");
    assert_eq!(m.text(".map-coords"), "45,7597° N, 4,8422° E");
    assert_eq!(m.text(".embed-host"), "www.openstreetmap.org");
}
