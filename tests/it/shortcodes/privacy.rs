//! Privacy first, in a real browser: an article with every kind of
//! third-party embed loads nothing from outside the preview server until the
//! reader clicks; a click inserts that embed's player, and only then does the
//! browser ask its host for it.

use crate::browser::{Browser, chromium};
use crate::harness::SiteTest;
use crate::server::Server;
use serde_json::{Value, json};
use std::time::Duration;

const ARTICLE: &str = r#"---
title: Tout ce qui se charge d'ailleurs
date: 2025-07-02 09:00
author: Alice Durand
category: Actualité
---

Un article qui montre tout ce qu'un site tiers pourrait fournir.

{{ video(url="https://www.youtube.com/watch?v=Q3vR7mXk2Lc", title="La séance") }}

{{ video(url="https://vimeo.com/76979871") }}

{{ video(url="https://www.dailymotion.com/video/x8abcde") }}

{{ video(url="https://tube.exemple.fr/w/kT3pWq9vXc2RyL8mN4bJ5h") }}

{{ audio(src="https://podcasts.exemple.fr/episodes/42.mp3", title="L'épisode") }}

{{ map(lat=45.7578, lon=4.8320, zoom=16, title="Place Bellecour") }}

{{ social(url="https://piaille.exemple/@mairie/1156120", author="La mairie", text="Séance ce soir.") }}

{{ social(url="https://bsky.app/profile/lyon.bsky.social/post/3m6k", text="Vote ce soir.") }}

{{ social(url="https://x.com/prefet/status/17", text="Communiqué.") }}

Fin de l'article.
"#;

/// Chromium, or `None` outside CI when it is not installed; in CI its
/// absence fails the test.
fn browser() -> Option<String> {
    let found = chromium();
    assert!(
        found.is_some() || std::env::var_os("CI").is_none(),
        "CI must have Chromium (.ci/run installs it)"
    );
    if found.is_none() {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
    }
    found
}

/// The URLs the page asked for since the last call.
fn requested(b: &mut Browser) -> Vec<String> {
    b.0.take_events()
        .into_iter()
        .filter(|e| e["method"] == "Network.requestWillBeSent")
        .filter_map(|e| e["params"]["request"]["url"].as_str().map(String::from))
        .collect()
}

fn is_local(url: &str) -> bool {
    url.starts_with("http://127.0.0.1:") || url.starts_with("data:") || url.starts_with("about:")
}

#[test]
fn no_request_leaves_for_a_third_party_before_a_click() {
    let Some(binary) = browser() else { return };
    let t = SiteTest::fixture("basic").file("content/actualite/2025-07-02-tiers.md", ARTICLE);
    let s = Server::start(&t.root);
    let mut b = Browser::open(&binary, "about:blank");
    b.0.call("Network.enable", json!({})).unwrap();
    b.0.navigate(&format!("{}/2025/07/tiers/", s.url)).unwrap();
    // Lazy loading and late scripts get their chance to ask for something.
    b.eval("window.scrollTo(0, document.body.scrollHeight)");
    std::thread::sleep(Duration::from_millis(1500));
    b.eval("document.title");
    let before = requested(&mut b);
    assert!(
        before.iter().any(|u| u.ends_with("/2025/07/tiers/")),
        "the page itself was recorded: {before:?}"
    );
    let outside: Vec<&String> = before.iter().filter(|u| !is_local(u)).collect();
    assert!(outside.is_empty(), "requests before any click: {outside:?}");
    let loaders = b.eval("document.querySelectorAll('a.embed-load').length");
    assert_eq!(
        loaders,
        json!(6),
        "four videos, a sound and a map wait for a click"
    );
    assert_eq!(
        b.eval("document.querySelectorAll('iframe, audio').length"),
        json!(0)
    );
    // Scripts make the links buttons; without them they stay links to the provider.
    assert_eq!(
        b.eval("[...document.querySelectorAll('a.embed-load')].every(a => a.getAttribute('role') === 'button')"),
        json!(true)
    );

    for (n, host, element) in [
        (0, "www.youtube-nocookie.com", "iframe"),
        (4, "podcasts.exemple.fr", "audio"),
        (5, "www.openstreetmap.org", "iframe"),
    ] {
        b.eval(&format!(
            "(l => {{ l.scrollIntoView(); l.click(); }})(document.querySelectorAll('a.embed-load')[{}])",
            // Each click replaces one link: the earlier ones are gone.
            n - [0, 4, 5].iter().filter(|&&m| m < n).count()
        ));
        let found = format!(
            "[...document.querySelectorAll('{element}')].some(e => new URL(e.src).host === '{host}')"
        );
        b.wait_until(
            &format!("the {element} from {host}"),
            &found,
            &Value::Bool(true),
        );
        std::thread::sleep(Duration::from_millis(300));
        b.eval("document.title");
        let after = requested(&mut b);
        let hosts: Vec<String> = after
            .iter()
            .filter(|u| !is_local(u))
            .filter_map(|u| url_host(u))
            .collect();
        assert!(
            hosts.iter().any(|h| h == host),
            "the click on embed {n} asked {host}: {after:?}"
        );
    }
    // The players that were not clicked are still waiting.
    assert_eq!(
        b.eval("document.querySelectorAll('a.embed-load').length"),
        json!(3)
    );
    assert_eq!(
        b.eval("document.querySelector('iframe').getAttribute('src')"),
        json!("https://www.youtube-nocookie.com/embed/Q3vR7mXk2Lc?autoplay=1")
    );
}

fn url_host(u: &str) -> Option<String> {
    let rest = u.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next()?.to_string())
}
