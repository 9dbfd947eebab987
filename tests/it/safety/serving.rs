//! Cases 8 and 14–19: the preview server never serves what is not the site,
//! never dies on a bad save, and rebuilds once per editor save.

use crate::browser::{Browser, chromium};
use crate::harness::SiteTest;
use crate::serve::{ARTICLE, SOURCE, h1};
use crate::server::{Server, expect_event};
use serde_json::json;
use std::fs;
use std::process::Command;
use std::time::Duration;

#[test]
fn case_08_a_deleted_source_disappears_while_serving() {
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
fn case_14_traversal_and_links_out_of_the_site_are_404() {
    let t = SiteTest::fixture("basic");
    let outside = t.tmp.path().join("secret.txt");
    fs::write(&outside, "secret").unwrap();
    // A folder whose name starts like the site's: containment is by path
    // component, so `site-leak` is not inside `site`.
    fs::create_dir_all(t.tmp.path().join("site-leak")).unwrap();
    fs::write(t.tmp.path().join("site-leak/secret.txt"), "secret").unwrap();
    // Links in the content and in the theme's static files, pointing out.
    std::os::unix::fs::symlink(&outside, t.root.join("content/images/fuite.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, t.root.join("themes/default/static/fuite.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", t.root.join("content/images/etc")).unwrap();
    let s = Server::start(&t.root);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/.%2e/secret.txt",
        "//etc/passwd",
        "/%00",
        "/index.html%00",
        "/..",
        "/../site-leak/secret.txt",
        "/content/actualite/",
        "/images/fuite.txt",
        "/fuite.txt",
        "/images/etc/passwd",
        "/site.toml",
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("secret"), "{path}");
        assert!(!r.body.contains("root:"), "{path}");
    }
    assert_eq!(s.get("/").status, 200, "the server is still up");
}

#[test]
fn case_15_other_hosts_and_origins_are_refused() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1.evil.example",
        "",
    ] {
        let r = s.request("GET", "/", &[("Host", host)]);
        assert_eq!(r.status, 403, "Host: {host}");
    }
    for host in ["localhost", &format!("127.0.0.1:{}", s.port), "[::1]"] {
        assert_eq!(
            s.request("GET", "/", &[("Host", host)]).status,
            200,
            "{host}"
        );
    }
    for origin in [
        "http://evil.example",
        "null",
        &format!("http://evil.example:{}", s.port),
    ] {
        let r = s.request("GET", "/__rotative/events", &[("Origin", origin)]);
        assert_eq!(r.status, 403, "Origin: {origin}");
    }
    for path in [
        "/",
        "/__rotative/live.js",
        "/css/style.css",
        "/n-existe-pas/",
    ] {
        assert!(
            s.get(path).header("access-control-allow-origin").is_none(),
            "{path}"
        );
    }
}

#[test]
fn case_16_the_error_overlay_shows_markup_as_text() {
    let Some(binary) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let mut b = Browser::open(&binary, &format!("{}{ARTICLE}", s.url));
    b.wait_until(
        "the live-reload script",
        "!!document.querySelector('script[src=\"/__rotative/live.js\"]')",
        &json!(true),
    );
    std::thread::sleep(Duration::from_millis(500));
    let p = t.root.join(SOURCE);
    let good = fs::read_to_string(&p).unwrap();
    let payload = "<img src=x onerror=\"window.__pwned=1\"><b id=injecte>gras</b>";
    fs::write(
        &p,
        good.replace("date: 2025-07-04 08:30", &format!("date: '{payload}'")),
    )
    .unwrap();
    b.wait_until(
        "the overlay",
        "!!document.getElementById('rotative-build-error')",
        &json!(true),
    );
    let text = b.eval("document.querySelector('#rotative-build-error pre').textContent");
    assert!(
        text.as_str().unwrap().contains(&format!(
            "content/actualite/2025-03-04-electricite-ete.md:3: error: cannot read `date: {payload}`"
        )),
        "{text}"
    );
    // Shown as text: none of it became elements, nothing ran.
    assert_eq!(
        b.eval("document.querySelectorAll('#rotative-build-error img, #injecte').length"),
        json!(0)
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(b.eval("typeof window.__pwned"), json!("undefined"));
    // A good save takes the overlay away (the page reloads).
    fs::write(&p, &good).unwrap();
    b.wait_until(
        "the overlay to go",
        "!document.getElementById('rotative-build-error') && document.readyState === 'complete'",
        &json!(true),
    );
}

#[test]
fn case_17_other_methods_are_405_and_missing_pages_the_theme_404() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let r = s.request(method, "/", &[]);
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{method}");
    }
    let head = s.request("HEAD", ARTICLE, &[]);
    assert_eq!(head.status, 200);
    let r = s.get("/n-existe-pas/");
    assert_eq!(r.status, 404);
    let doc = scraper::Html::parse_document(&r.body);
    let sel = scraper::Selector::parse("title").unwrap();
    let title: String = doc
        .select(&sel)
        .next()
        .expect("a full page")
        .text()
        .collect();
    assert!(
        title.contains("La Gazette d'essai"),
        "the theme's 404 page: {title}"
    );
}

/// An editor's name and how it saves a new text.
type Save<'a> = (&'a str, &'a dyn Fn(&str));

#[test]
fn case_18_editor_save_patterns_rebuild_once_each() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let dir = t.root.join("content/actualite");
    let target = t.root.join(SOURCE);
    let text = fs::read_to_string(&target).unwrap();
    let saves: [Save; 5] = [
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
        // kate: swap file beside the file while editing.
        ("kate", &|s: &str| {
            let swap = dir.join(".2025-03-04-electricite-ete.md.kate-swp");
            fs::write(&swap, "swap").unwrap();
            fs::write(&target, s).unwrap();
            fs::remove_file(&swap).unwrap();
        }),
        // Tools that keep a `~` backup: copy the old text aside, write the new.
        ("backup", &|s: &str| {
            fs::write(
                dir.join("2025-03-04-electricite-ete.md~"),
                fs::read(&target).unwrap(),
            )
            .unwrap();
            fs::write(&target, s).unwrap();
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
fn case_18_a_burst_of_writes_is_debounced() {
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

#[test]
fn case_19_a_broken_page_then_fixed_recovers() {
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
fn case_19_port_in_use_is_a_clear_error() {
    let t = SiteTest::fixture("basic");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let err = Server::start_with(&t.root, &["--port", &port])
        .err()
        .expect("must fail");
    assert!(err.contains(&format!("error: port {port} is already in use on 127.0.0.1; choose another with --port, or --port 0 for any free port")), "{err}");
}

#[test]
fn case_19_deleting_a_broken_file_or_a_good_page_recovers() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let events = s.events();
    let broken = t.root.join("content/actualite/casse.md");
    fs::write(
        &broken,
        "---\ntitle: [pas fermé\ndate: 2025-05-01\n---\nTexte.\n",
    )
    .unwrap();
    let e = expect_event(&events, "build-error");
    assert!(
        e.contains("content/actualite/casse.md:3:5: error: invalid YAML in front matter"),
        "{e}"
    );
    assert_eq!(s.get(ARTICLE).status, 200, "the last good site is served");
    fs::remove_file(&broken).unwrap();
    expect_event(&events, "reload");
    fs::remove_file(t.root.join("content/pages/a-propos.md")).unwrap();
    s.wait_for("/a-propos/", "the deleted page to go", |r| r.status == 404);
    assert_eq!(s.get(ARTICLE).status, 200);
    let log = s.log_text();
    assert!(!log.contains("panicked"), "{log}");
}

/// Starts the server in a user namespace of its own whose inotify limit is
/// `limit` (`/proc/sys/user/*` limits are per user namespace), or `None` when
/// this machine cannot make user namespaces.
fn serve_with_inotify_limit(
    t: &SiteTest,
    file: &str,
    limit: u32,
) -> Option<Result<Server, String>> {
    let probe = Command::new("unshare")
        .args(["-Ur", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !probe {
        eprintln!("skipped: cannot create a user namespace (unshare -Ur)");
        return None;
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["-Ur", "sh", "-c"])
        .arg(format!(
            "echo {limit} > /proc/sys/user/{file} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_rotative"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&t.root);
    Some(Server::spawn(cmd))
}

#[test]
fn case_19_watch_limit_reached_is_a_clear_warning() {
    // The server still serves what it built; it only cannot see saves.
    let t = SiteTest::fixture("basic");
    for (file, limit, message) in [
        (
            "max_inotify_watches",
            2,
            ": the system's limit of inotify watches is reached; raise it with `sysctl fs.inotify.max_user_watches=524288`; pages will not rebuild on save",
        ),
        (
            "max_inotify_instances",
            0,
            "warning: cannot watch files: the system's limit of inotify instances is reached; raise it with `sysctl fs.inotify.max_user_instances=1024`; pages will not rebuild on save",
        ),
    ] {
        let Some(r) = serve_with_inotify_limit(&t, file, limit) else {
            return;
        };
        let s = r.expect("the server starts without watching");
        // Printed on stderr, which may reach us after the "Serving at" line.
        let found = |log: &str| {
            log.lines()
                .any(|l| l.starts_with("warning: cannot watch") && l.ends_with(message))
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !found(&s.log_text()) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let log = s.log_text();
        assert!(found(&log), "{file}: {log}");
        assert_eq!(s.get(ARTICLE).status, 200);
        assert!(!log.contains("panicked"), "{log}");
    }
}
