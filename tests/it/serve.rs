//! `rotative serve` over real HTTP: pages, live reload, rebuilds on edits,
//! errors while serving, and the server's refusals.

use crate::harness::SiteTest;
use crate::server::{Server, expect_event};
use std::fs;

pub const ARTICLE: &str = "/2025/07/electricite-ete/";
pub const SOURCE: &str = "content/actualite/2025-03-04-electricite-ete.md";

pub fn h1(body: &str) -> String {
    let doc = scraper::Html::parse_document(body);
    let sel = scraper::Selector::parse("h1").unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

pub fn retitle(t: &SiteTest, title: &str) {
    let p = t.root.join(SOURCE);
    let text = fs::read_to_string(&p).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    fs::write(&p, text.replace(&line, &format!("title: \"{title}\""))).unwrap();
}

#[test]
fn serves_pages_with_the_live_reload_script_and_local_links() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let r = s.get(ARTICLE);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(
        r.body
            .contains("<script src=\"/__rotative/live.js\"></script></body>"),
        "script not injected"
    );
    // base_url is replaced by the server's own address.
    let doc = scraper::Html::parse_document(&r.body);
    let canonical = doc
        .select(&scraper::Selector::parse("link[rel=canonical]").unwrap())
        .next()
        .unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some(format!("{}{ARTICLE}", s.url).as_str())
    );
    assert_eq!(
        s.get("/css/style.css").header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        s.get("/atom.xml").header("content-type"),
        Some("application/atom+xml; charset=utf-8")
    );
    assert_eq!(
        s.get("/sitemap.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(
        s.get("/images/pylone.png").header("content-type"),
        Some("image/png")
    );
    assert_eq!(s.get("/__rotative/live.js").status, 200);
    // The script is never part of `rotative build` output.
    let built = t.build().assert_success();
    assert!(
        !built
            .read("2025/07/electricite-ete/index.html")
            .contains("__rotative")
    );
}

#[test]
fn editing_an_article_rebuilds_and_signals_a_reload() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    retitle(&t, "Un titre tout neuf");
    expect_event(&events, "reload");
    let r = s.wait_for(ARTICLE, "the new title", |r| {
        h1(&r.body) == "Un titre tout neuf"
    });
    assert_eq!(r.status, 200);
    // The home page lists it under its new title too.
    s.wait_for("/", "the new title on the home page", |r| {
        r.body.contains("Un titre tout neuf")
    });
    let log = s.log_text();
    assert!(
        log.lines()
            .any(|l| l
                .starts_with("Rebuilt after content/actualite/2025-03-04-electricite-ete.md: ")),
        "{log}"
    );
}

#[test]
fn template_edit_rerenders_pages() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    let p = t.root.join("themes/default/templates/404.html");
    let text = fs::read_to_string(&p).unwrap().replacen(
        "{% block content %}",
        "{% block content %}<p id=\"marque\">Gabarit modifié</p>",
        1,
    );
    fs::write(&p, text).unwrap();
    expect_event(&events, "reload");
    let r = s.wait_for("/nulle-part/", "the edited 404 template", |r| {
        r.body.contains("Gabarit modifié")
    });
    assert_eq!(r.status, 404);
}

/// A template error while serving reaches open pages with its place, the
/// line and the caret, and the last good pages stay served.
#[test]
fn template_error_is_shown_with_its_line_while_serving() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    let p = t.root.join("themes/default/templates/404.html");
    fs::write(
        &p,
        "{% extends \"base.html\" %}{% block content %}\n{{ page_kind | uppr }}{% endblock %}\n",
    )
    .unwrap();
    let e = expect_event(&events, "build-error");
    let data = e.split_once(' ').map_or("", |(_, d)| d);
    let message: serde_json::Value = serde_json::from_str(data).unwrap();
    let message = message["message"].as_str().unwrap();
    assert!(
        message.contains(
            "themes/default/templates/404.html:2:16: error: Unknown filter `uppr`\n2 | {{ page_kind | uppr }}{% endblock %}\n  |                ^^^^"
        ),
        "{message}"
    );
    assert_eq!(s.get("/nulle-part/").status, 404);
}

#[test]
fn css_change_swaps_stylesheets() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    let p = t.root.join("themes/default/static/css/style.css");
    let css = fs::read_to_string(&p).unwrap();
    fs::write(&p, format!("{css}\n.nouveau {{ color: red; }}\n")).unwrap();
    expect_event(&events, "css");
    assert!(s.get("/css/style.css").body.contains(".nouveau"));
}

#[test]
fn a_bad_shortcode_is_shown_in_the_overlay_and_the_last_good_page_stays() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    let p = t
        .root
        .join("content/actualite/2025-03-04-electricite-ete.md");
    let text = fs::read_to_string(&p).unwrap();
    let before = s.get("/2025/03/electricite-ete/").body;
    // The shortcode goes on the line after the front matter's end.
    let at = text.find("\n---\n").unwrap() + 5;
    let line = text[..at].matches('\n').count() + 1;
    fs::write(
        &p,
        format!(
            "{}{{{{ video(url=\"https://youtu.be/abc\", titre=\"x\") }}}}\n{}",
            &text[..at],
            &text[at..]
        ),
    )
    .unwrap();
    let e = expect_event(&events, "build-error");
    let data = e.split_once(' ').map_or("", |(_, d)| d);
    let message: serde_json::Value = serde_json::from_str(data).unwrap();
    let message = message["message"].as_str().unwrap();
    let want = format!(
        "content/actualite/2025-03-04-electricite-ete.md:{line}:38: error: unknown argument `titre` of `video`; `video` takes url (string), poster (string, optional), start (integer, optional), title (string, optional)"
    );
    assert!(message.contains(&want), "{message}");
    assert_eq!(s.get("/2025/03/electricite-ete/").body, before);
}
