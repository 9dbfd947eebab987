//! `rotative serve` over real HTTP: pages, live reload, rebuilds on edits,
//! errors while serving, and the server's refusals.

use crate::harness::SiteTest;
use crate::server::{Server, expect_event};
use std::fs;
use std::time::Duration;

const ARTICLE: &str = "/2025/07/electricite-ete/";
const SOURCE: &str = "content/actualite/2025-03-04-electricite-ete.md";

fn h1(body: &str) -> String {
    let doc = scraper::Html::parse_document(body);
    let sel = scraper::Selector::parse("h1").unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

fn retitle(t: &SiteTest, title: &str) {
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

#[test]
fn deleted_article_becomes_404_and_leaves_listings() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    assert_eq!(s.get(ARTICLE).status, 200);
    assert!(s.get("/").body.contains(ARTICLE));
    fs::remove_file(t.root.join(SOURCE)).unwrap();
    s.wait_for(ARTICLE, "a 404", |r| r.status == 404);
    let home = s.get("/");
    assert!(!home.body.contains(ARTICLE));
    assert!(!s.get("/mots-cles/energie/").body.contains(ARTICLE));
}

#[test]
fn bad_edit_keeps_the_last_good_site_then_recovers() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    let p = t.root.join(SOURCE);
    let good = fs::read_to_string(&p).unwrap();
    fs::write(
        &p,
        good.replace(
            "date: 2025-07-04 08:30",
            "date: <img src=x onerror=alert(1)>",
        ),
    )
    .unwrap();
    let e = expect_event(&events, "build-error");
    assert!(e.contains("content/actualite/2025-03-04-electricite-ete.md:3: error: cannot read `date: <img src=x onerror=alert(1)>`"), "{e}");
    // Still serving the last good page, and a new connection learns of the error at once.
    let r = s.get(ARTICLE);
    assert_eq!(r.status, 200);
    assert_eq!(h1(&r.body), "L'électricité de l'été : les prix baissent");
    let late = s.events();
    expect_event(&late, "build-error");
    // The overlay script shows the message with textContent, never as HTML.
    let js = s.get("/__rotative/live.js").body;
    assert!(js.contains(".textContent = message") && !js.contains("innerHTML ="));
    // Fix it: the next good save recovers without a restart.
    fs::write(
        &p,
        good.replace("L'électricité de l'été : les prix baissent", "Réparé"),
    )
    .unwrap();
    expect_event(&events, "reload");
    s.wait_for(ARTICLE, "the fixed page", |r| h1(&r.body) == "Réparé");
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
fn refuses_what_is_not_this_site() {
    let t = SiteTest::fixture("basic");
    let outside = t.tmp.path().join("secret.txt");
    fs::write(&outside, "secret").unwrap();
    let s = Server::start(&t.root);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/%00",
        "/..",
        "/content/actualite/",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.body.contains("secret") || r.body.contains("<html"),
            "{path}"
        );
    }
    let r = s.get("/n-existe-pas/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("<html"), "the theme's 404 page is served");
    assert_eq!(
        s.request("GET", "/", &[("Host", "evil.example")]).status,
        403
    );
    assert_eq!(s.request("GET", "/", &[("Host", "localhost")]).status, 200);
    let post = s.request("POST", "/", &[]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));
    assert_eq!(
        s.request(
            "GET",
            "/__rotative/events",
            &[("Origin", "http://evil.example")]
        )
        .status,
        403
    );
    assert!(s.get("/").header("access-control-allow-origin").is_none());
    assert_eq!(s.get("/").status, 200, "the server is still up");
}

#[test]
fn port_in_use_is_a_clear_error() {
    let t = SiteTest::fixture("basic");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let err = Server::start_with(&t.root, &["--port", &port])
        .err()
        .expect("must fail");
    assert!(err.contains(&format!("error: port {port} is already in use on 127.0.0.1; choose another with --port, or --port 0 for any free port")), "{err}");
}

/// An editor's name and how it saves a new text.
type Save<'a> = (&'a str, &'a dyn Fn(&str));

#[test]
fn editor_save_patterns_rebuild_once_each() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let dir = t.root.join("content/actualite");
    let target = t.root.join(SOURCE);
    let text = fs::read_to_string(&target).unwrap();
    let saves: [Save; 3] = [
        // vim: probe file 4913, swap file, write to a backup then rename.
        ("vim", &|s: &str| {
            fs::write(dir.join("4913"), "").unwrap();
            fs::remove_file(dir.join("4913")).unwrap();
            fs::write(dir.join(".2025-03-04-electricite-ete.md.swp"), "swap").unwrap();
            fs::write(dir.join("2025-03-04-electricite-ete.md~"), &text).unwrap();
            fs::write(&target, s).unwrap();
            fs::remove_file(dir.join(".2025-03-04-electricite-ete.md.swp")).unwrap();
        }),
        // JetBrains: write a temp file, then rename it over the original.
        ("jetbrains", &|s: &str| {
            let tmp = dir.join("2025-03-04-electricite-ete.md___jb_tmp___");
            fs::write(&tmp, s).unwrap();
            fs::rename(&tmp, &target).unwrap();
        }),
        // emacs: lock file and autosave file beside the real write.
        ("emacs", &|s: &str| {
            fs::write(dir.join(".#2025-03-04-electricite-ete.md"), "lock").unwrap();
            fs::write(dir.join("#2025-03-04-electricite-ete.md#"), s).unwrap();
            fs::write(&target, s).unwrap();
            fs::remove_file(dir.join("#2025-03-04-electricite-ete.md#")).unwrap();
            fs::remove_file(dir.join(".#2025-03-04-electricite-ete.md")).unwrap();
        }),
    ];
    for (i, (editor, save)) in saves.iter().enumerate() {
        let before = s.rebuilds();
        let title = format!("Sauvé par {editor}");
        save(&text.replace("L'électricité de l'été : les prix baissent", &title));
        s.wait_for(ARTICLE, &title, |r| h1(&r.body) == title);
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(
            s.rebuilds() - before,
            1,
            "save #{i} by {editor}:\n{}",
            s.log_text()
        );
    }
    // Temp files were never rendered.
    assert_eq!(s.get("/2025/03/4913/").status, 404);
}

#[test]
fn a_burst_of_writes_is_debounced() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let target = t.root.join(SOURCE);
    let text = fs::read_to_string(&target).unwrap();
    for i in 0..100 {
        fs::write(
            &target,
            text.replace(
                "L'électricité de l'été : les prix baissent",
                &format!("Version {i}"),
            ),
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(10));
    }
    s.wait_for(ARTICLE, "the last version", |r| h1(&r.body) == "Version 99");
    std::thread::sleep(Duration::from_millis(600));
    let n = s.rebuilds();
    assert!(
        (1..=10).contains(&n),
        "{n} rebuilds for 100 writes:\n{}",
        s.log_text()
    );
}
