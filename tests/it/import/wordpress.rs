//! `rotative import wordpress`: the export written by a real WordPress
//! (`tests/fixtures/import/wordpress/make-export.sh`) becomes a site; old
//! addresses lead to the new ones; `--download-images` fetches featured
//! images from a server on 127.0.0.1; damaged exports are errors with their
//! position and leave nothing behind.

use super::{assert_no_template_text, fresh};
use crate::harness::repo;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;

const EXPORT: &str = "src/export.xml";

fn wp_import(t: &crate::harness::SiteTest, extra: &[&str]) -> super::Run {
    let mut args = vec!["wordpress", EXPORT, "--into", "site"];
    args.extend_from_slice(extra);
    super::import_cmd(t.tmp.path(), &args)
}

#[test]
fn a_wordpress_export_becomes_a_site() {
    let t = fresh("wordpress");
    wp_import(&t, &[])
        .success()
        .assert_line("export.xml:144: warning: « La foire aux bestiaux retrouve la place du Marché »: `Agriculture` becomes the category; the other categories (Vie locale) become tags")
        .assert_line("export.xml:376: warning: the WordPress shortcode `[contact-form-7]` could not be converted; it was left out")
        .assert_line("export.xml:144: warning: the image https://lefil.example/wp-content/uploads/2024/03/vaches.jpg is kept as a remote URL (--download-images copies it)")
        .assert_line("Imported 4 articles (1 drafts, 1 scheduled), 1 page, 2 authors into site")
        .assert_line("Images: 0 copied, 0 downloaded, 0 missing, 1 kept as remote URLs")
        .assert_line("Template constructs: converted 1 [audio], 1 [caption], 1 [embed], 1 [gallery]; flagged 1 (see the warnings)");
    let t = t.build().assert_success();
    assert!(t.stdout.contains("(2 articles,"), "{}", t.stdout);
    let t = t
        .assert_page("2024/03/foire-aux-bestiaux/index.html", |p| {
            assert_eq!(
                p.text("h1"),
                "La foire aux bestiaux retrouve la place du Marché"
            );
            assert_eq!(
                p.text(".standfirst"),
                "Après deux éditions en périphérie, les éleveurs reviennent au centre du bourg."
            );
            // The featured image, with the caption and the IPTC credit WordPress read.
            assert_eq!(p.text(".credit"), "© Jules Aubert / Le Fil");
            assert_eq!(
                p.attr("meta[property='og:image']", "content"),
                "https://lefil.example/wp-content/uploads/2024/03/vaches.jpg"
            );
            assert!(
                p.texts("figcaption")
                    .iter()
                    .any(|c| c == "La place du Marché, vers 8 heures.")
            );
            assert_eq!(p.count(".galerie figure"), 2);
            assert_eq!(p.text("article strong"), "navette gratuite");
            assert_eq!(p.attr("meta[name=author]", "content"), "Claire Rouvière");
        })
        .assert_page("2024/04/festival-grange-billetterie/index.html", |p| {
            let hrefs = p.attrs("article a", "href");
            assert!(
                hrefs.contains(&"https://www.youtube.com/watch?v=ab12CD34ef5".to_string()),
                "{hrefs:?}"
            );
            assert_eq!(
                p.attr("audio", "src"),
                "https://lefil.example/wp-content/uploads/2024/04/repetition.mp3"
            );
        })
        .assert_page("categories/agriculture/index.html", |p| {
            assert_eq!(
                p.texts(".story-item-title"),
                ["La foire aux bestiaux retrouve la place du Marché"]
            );
        })
        .assert_page("tags/vie-locale/index.html", |p| {
            assert_eq!(
                p.texts(".story-item-title"),
                ["La foire aux bestiaux retrouve la place du Marché"]
            );
        })
        .assert_page("authors/jules/index.html", |p| {
            assert_eq!(p.text("h1"), "Jules Aubert")
        })
        .assert_page("qui-sommes-nous/index.html", |p| {
            assert_eq!(p.text("h1"), "Qui sommes-nous ?");
        })
        .assert_no_file("2031/06/moissons-precoces/index.html");
    // The draft is kept as a draft, the scheduled post with its date.
    let drafts = std::fs::read_to_string(
        t.root
            .join("content/vie-locale/2026-12-02-enquete-sur-les-dessertes-de-bus-du-dimanche.md"),
    )
    .unwrap();
    assert!(drafts.contains("\ndraft: true\n"), "{drafts}");
    let scheduled = std::fs::read_to_string(
        t.root
            .join("content/agriculture/2031-06-20-moissons-precoces.md"),
    )
    .unwrap();
    assert!(
        scheduled.contains("\ndate: 2031-06-20T06:00:00+02:00\n") && !scheduled.contains("draft"),
        "{scheduled}"
    );
    assert_no_template_text(&t.public());
}

#[test]
fn old_wordpress_addresses_lead_to_the_new_ones() {
    // An existing site with other URLs: each post's `<link>` becomes an alias.
    let t = fresh("wordpress");
    std::fs::create_dir_all(&t.root).unwrap();
    std::fs::write(
        t.root.join("site.toml"),
        "title = \"Le Fil\"\nbase_url = \"https://nouveau.example\"\npermalink = \"/{category}/{slug}/\"\n",
    )
    .unwrap();
    // Two `<link>`s, and `/?p=ID` (`/?page_id=ID`) for the two published
    // posts, the scheduled one and the page.
    wp_import(&t, &[])
        .success()
        .assert_line("Aliases: 6 old URLs lead to the imported pages");
    let t = t.build().assert_success();
    for (old, new) in [
        (
            "2024/03/foire-aux-bestiaux/index.html",
            "/agriculture/foire-aux-bestiaux/",
        ),
        (
            "2024/04/festival-grange-billetterie/index.html",
            "/culture/festival-grange-billetterie/",
        ),
    ] {
        assert!(
            t.read(old)
                .contains(&format!("url=https://nouveau.example{new}")),
            "{old}"
        );
    }
    let redirects = t.read("_redirects");
    assert!(
        redirects.contains("/2024/03/foire-aux-bestiaux/ /agriculture/foire-aux-bestiaux/ 301")
    );
    // WordPress's short links: a `_redirects` rule and the home page's map.
    assert!(
        redirects
            .lines()
            .any(|l| l == "/ p=4 /agriculture/foire-aux-bestiaux/ 301"),
        "{redirects}"
    );
    let map: serde_json::Value = serde_json::from_str(&t.read("query-redirects.json")).unwrap();
    assert_eq!(map["?p=4"], "/agriculture/foire-aux-bestiaux/");
    assert_eq!(map["?page_id=11"], "/qui-sommes-nous/");
    // The scheduled post's short link waits for the post.
    assert_eq!(map.get("?p=10"), None, "{map}");
}

/// Serves the files of `dir` over HTTP on 127.0.0.1; the port.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut line).unwrap_or(0);
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = line.split(' ').nth(1).unwrap_or("/");
            let file = path.strip_prefix("/wp-content/").map(|p| dir.join(p));
            let reply = match file.and_then(|f| std::fs::read(f).ok()) {
                Some(body) => {
                    let mut r = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend(body);
                    r
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&reply);
        }
    });
    port
}

#[test]
fn download_images_fetches_featured_images() {
    let t = fresh("wordpress");
    let port = serve(repo().join("tests/fixtures/import/wordpress"));
    let export = t.tmp.path().join(EXPORT);
    let text = std::fs::read_to_string(&export).unwrap();
    std::fs::write(
        &export,
        text.replace(
            "https://lefil.example/wp-content/",
            &format!("http://127.0.0.1:{port}/wp-content/"),
        ),
    )
    .unwrap();
    let run = wp_import(&t, &["--download-images"])
        .success()
        .assert_line("Images: 0 copied, 1 downloaded, 0 missing, 0 kept as remote URLs");
    let images: Vec<_> = std::fs::read_dir(t.root.join("content/images/importees"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(images.len(), 1, "{images:?}\n{}", run.stdout);
    assert_eq!(
        std::fs::read(&images[0]).unwrap(),
        std::fs::read(repo().join("tests/fixtures/import/wordpress/uploads/2024/03/vaches.jpg"))
            .unwrap()
    );
    let name = images[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("vaches-") && name.ends_with(".jpg"),
        "{name}"
    );
    t.build()
        .assert_success()
        .assert_page("2024/03/foire-aux-bestiaux/index.html", |p| {
            // A local photo now: resized copies in a srcset, and its credit.
            assert!(
                p.attr("figure img", "srcset")
                    .contains("/images/importees/vaches-")
            );
            assert_eq!(p.text(".credit"), "© Jules Aubert / Le Fil");
        });
}

#[test]
fn a_truncated_or_re_encoded_export_is_an_error_with_its_position() {
    let t = fresh("wordpress");
    let export = t.tmp.path().join(EXPORT);
    let text = std::fs::read_to_string(&export).unwrap();
    let truncated: String = text.lines().take(150).map(|l| format!("{l}\n")).collect();
    std::fs::write(&export, truncated).unwrap();
    let run = wp_import(&t, &[]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.has("export.xml:151: error: the export ends inside `<item>` opened on line 144: the file is truncated"),
        "{}",
        run.stderr
    );
    assert!(run.has("import failed; nothing was written into site"));
    assert!(!t.root.exists());

    // The same export saved as Latin-1 by some editor.
    let first = text.char_indices().find(|(_, c)| !c.is_ascii()).unwrap().0;
    let line = text[..first].matches('\n').count() + 1;
    let column = first - text[..first].rfind('\n').map_or(0, |i| i + 1) + 1;
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
        .collect();
    std::fs::write(&export, latin1).unwrap();
    let run = wp_import(&t, &[]);
    assert!(
        run.has(&format!("export.xml:{line}:{column}: error: the export is not valid UTF-8 here; WordPress writes UTF-8 exports, so the file was re-encoded or damaged")),
        "{}",
        run.stderr
    );
    assert!(!t.root.exists());
    let leftovers: Vec<_> = std::fs::read_dir(t.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["src"]);
}
