//! `build --fetch-embeds` against a local oEmbed server: without the flag a
//! build asks nothing; with it, the title of a PeerTube video and the author
//! of a Mastodon post come from the instance's endpoint, once (the answers
//! are cached); an endpoint that does not answer is a warning on the
//! shortcode's line and the page keeps what the article says.

use crate::harness::SiteTest;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// A tiny oEmbed server on loopback: PeerTube's and Mastodon's endpoints.
/// Returns its origin and the request lines it received.
fn oembed_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let origin = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            log.lock().unwrap().push(first.trim().to_string());
            let body = if first.contains("/services/oembed?") {
                r#"{"type":"video","version":"1.0","title":"La séance filmée en entier","author_name":"Ville de Lyon","html":"<iframe src=\"x\"></iframe>"}"#
            } else if first.contains("/api/oembed?") {
                r#"{"type":"rich","version":"1.0","author_name":"Mairie de Lyon","html":"<iframe src=\"x\"></iframe>"}"#
            } else {
                ""
            };
            let status = if body.is_empty() {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let mut s = stream;
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (origin, seen)
}

fn article(origin: &str) -> String {
    format!(
        "---\ntitle: Le conseil en vidéo\ndate: 2025-07-02 09:00\nauthor: Alice Durand\ncategory: Actualité\n---\n\nLe conseil s'est réuni.\n\n{{{{ video(url=\"{origin}/w/kT3pWq9vXc2R\") }}}}\n\n{{{{ social(url=\"{origin}/@mairie/11561209\", text=\"Séance ce soir.\") }}}}\n"
    )
}

const PAGE: &str = "2025/07/conseil-video/index.html";
const SOURCE: &str = "content/actualite/2025-07-02-conseil-video.md";

#[test]
fn fetch_embeds_fills_what_the_article_leaves_out_once() {
    let (origin, seen) = oembed_server();
    let t = SiteTest::fixture("basic")
        .file(SOURCE, article(&origin))
        .build()
        .assert_success()
        .assert_page(PAGE, |p| {
            assert_eq!(p.count(".embed-title"), 0, "no title was given");
            assert_eq!(p.count(".social-author"), 0, "no author was given");
        });
    assert!(
        seen.lock().unwrap().is_empty(),
        "a plain build asks nothing: {:?}",
        seen.lock().unwrap()
    );

    let t = t
        .build_with(&["--fetch-embeds"])
        .assert_success()
        .assert_page(PAGE, |p| {
            assert_eq!(
                p.text(".embed--video .embed-title"),
                "La séance filmée en entier"
            );
            assert_eq!(p.text(".social-author"), "Mairie de Lyon");
            assert_eq!(
                p.text(".social-text"),
                "Séance ce soir.",
                "what the article says stays"
            );
        });
    let asked = seen.lock().unwrap().clone();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(
        asked[0].starts_with("GET /services/oembed?format=json&url=http%3A%2F%2F127%2E0%2E0%2E1")
            || asked[1]
                .starts_with("GET /services/oembed?format=json&url=http%3A%2F%2F127%2E0%2E0%2E1"),
        "{asked:?}"
    );
    let cached = std::fs::read_dir(t.root.join(".rotative-cache/oembed"))
        .unwrap()
        .count();
    assert_eq!(cached, 2);

    t.build_with(&["--fetch-embeds"])
        .assert_success()
        .assert_page(PAGE, |p| {
            assert_eq!(p.text(".social-author"), "Mairie de Lyon")
        });
    assert_eq!(
        seen.lock().unwrap().len(),
        2,
        "the second build reads the cache"
    );
}

#[test]
fn an_endpoint_that_does_not_answer_is_a_warning_on_the_line() {
    // A port nothing listens on: bound, then released.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let origin = format!("http://127.0.0.1:{port}");
    let t = SiteTest::fixture("basic")
        .file(SOURCE, article(&origin))
        .build_with(&["--fetch-embeds"])
        .assert_success();
    let warnings: Vec<&str> = t
        .stderr
        .lines()
        .filter(|l| l.contains("could not ask"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", t.stderr);
    let prefix = format!(
        "{SOURCE}:10:1: warning: `video`: could not ask {origin}/services/oembed?format=json&url=http%3A%2F%2F127%2E0%2E0%2E1%3A{port}%2Fw%2FkT3pWq9vXc2R: "
    );
    assert!(
        warnings[0].starts_with(&prefix)
            && warnings[0].ends_with("; the shortcode keeps what the article says"),
        "{}",
        warnings[0]
    );
    assert!(warnings[1].starts_with(&format!(
        "{SOURCE}:12:1: warning: `social`: could not ask {origin}/api/oembed?"
    )));
    t.assert_page(PAGE, |p| {
        assert_eq!(p.text(".social-text"), "Séance ce soir.")
    });
}
