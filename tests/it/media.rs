//! Responsive lead photos (resized copies, cache, errors, serve), and the
//! comment section. French typography is in `media/typography.rs`.

mod typography;

use crate::harness::{Page, SiteTest};
use crate::server::Server;
use std::fs;
use std::path::Path;

const PONT: &str = "content/actualite/pont.md";
const PONT_PAGE: &str = "2025/08/pont/index.html";

/// An article whose `photo:` key is on line 6.
fn article(src: &str) -> String {
    format!(
        "---\ntitle: Le pont\ndate: 2025-08-01 10:00\nauthor: alice-durand\ncategory: Économie\nphoto:\n  src: {src}\n  alt: Le pont au matin\n  caption: Le pont, vu du quai.\n  credit: Jean Photo\n---\nTexte.\n"
    )
}

/// A `w`×`h` image with some detail, in the format its extension names.
fn image_file(path: &Path, w: u32, h: u32, shade: u8) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, shade])
    })
    .save(path)
    .unwrap();
}

/// The URLs and widths of a `srcset` attribute.
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|part| {
            let (url, w) = part.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

/// Decodes an output file and returns its format and size.
fn decoded(t: &SiteTest, url: &str) -> (image::ImageFormat, u32, u32) {
    let bytes = fs::read(t.public().join(url.trim_start_matches('/'))).unwrap();
    let format = image::guess_format(&bytes).unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    (format, img.width(), img.height())
}

#[test]
fn photo_is_offered_in_webp_and_its_own_format_at_each_width() {
    // pylone.png is 800×500: 480 and 800 (the original) instead of 960 and 1600.
    let t = SiteTest::fixture("basic").build().assert_success();
    let page = Page(t.html("2025/07/electricite-ete/index.html"));
    let source = "figure.story-photo picture > source[type='image/webp']";
    let img = "figure.story-photo picture > img";
    let webp = srcset(&page.attr(source, "srcset"));
    let png = srcset(&page.attr(img, "srcset"));
    assert_eq!(webp.iter().map(|v| v.1).collect::<Vec<_>>(), [480, 800]);
    assert_eq!(png.iter().map(|v| v.1).collect::<Vec<_>>(), [480, 800]);
    for (url, w) in &webp {
        assert!(
            url.starts_with("/images/pylone-") && url.ends_with(".webp"),
            "{url}"
        );
        let h = w * 5 / 8;
        assert_eq!(decoded(&t, url), (image::ImageFormat::WebP, *w, h));
    }
    for (url, w) in &png {
        assert!(url.ends_with(".png"), "{url}");
        assert_eq!(decoded(&t, url), (image::ImageFormat::Png, *w, w * 5 / 8));
    }
    assert_eq!(page.attr(img, "src"), png[1].0);
    assert_eq!(page.attr(img, "width"), "800");
    assert_eq!(page.attr(img, "height"), "500");
    assert_eq!(
        page.attr(img, "alt"),
        "Un pylône électrique au coucher du soleil"
    );
    assert_eq!(page.attr(img, "loading"), "eager");
    assert!(!page.attr(img, "sizes").is_empty());
    assert_eq!(page.attr(source, "sizes"), page.attr(img, "sizes"));
    assert_eq!(
        page.text("figure.story-photo .caption"),
        "Un pylône près de Lyon."
    );
    assert_eq!(
        page.text("figure.story-photo .credit"),
        "© Jean Photo / La Gazette"
    );
    // The original is still published, for social cards.
    t.assert_file("images/pylone.png");
}

#[test]
fn small_photo_beside_its_article_is_not_upscaled() {
    let t = SiteTest::fixture("basic").file(PONT, article("petit.jpg"));
    image_file(&t.root.join("content/actualite/petit.jpg"), 300, 200, 10);
    let t = t.build().assert_success();
    let page = Page(t.html(PONT_PAGE));
    let jpeg = srcset(&page.attr("figure.story-photo img", "srcset"));
    assert_eq!(jpeg.len(), 1);
    assert!(jpeg[0].0.starts_with("/actualite/petit-300."), "{jpeg:?}");
    assert_eq!(
        decoded(&t, &jpeg[0].0),
        (image::ImageFormat::Jpeg, 300, 200)
    );
    let webp = srcset(&page.attr("figure.story-photo source", "srcset"));
    assert_eq!(
        decoded(&t, &webp[0].0),
        (image::ImageFormat::WebP, 300, 200)
    );
    assert_eq!(page.attr("figure.story-photo img", "width"), "300");
}

#[test]
fn configured_widths_are_used() {
    let t = SiteTest::fixture("basic").file(PONT, article("/images/grand.jpg"));
    image_file(&t.root.join("content/images/grand.jpg"), 1000, 500, 90);
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    let t = t
        .file(
            "site.toml",
            format!("{toml}\n[images]\nwidths = [600, 200]\nquality = 70\n"),
        )
        .build()
        .assert_success();
    let page = Page(t.html(PONT_PAGE));
    let webp = srcset(&page.attr("figure.story-photo source", "srcset"));
    assert_eq!(webp.iter().map(|v| v.1).collect::<Vec<_>>(), [200, 600]);
    assert_eq!(
        decoded(&t, &webp[1].0),
        (image::ImageFormat::WebP, 600, 300)
    );
}

/// Output line of `rotative build` with the photo counters.
fn counts(t: &SiteTest) -> String {
    let line = t.stdout.lines().find(|l| l.starts_with("Built ")).unwrap();
    let start = line.find(", ").unwrap();
    line[start..]
        .split(", ")
        .find(|p| p.contains("photo copies"))
        .unwrap_or("none")
        .to_string()
}

fn cache_files(root: &Path) -> Vec<(String, std::time::SystemTime)> {
    let mut v: Vec<_> = fs::read_dir(root.join(".rotative-cache/images"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, e.metadata().unwrap().modified().unwrap())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_rebuild_with_unchanged_photos_encodes_nothing() {
    let t = SiteTest::fixture("basic").build().assert_success();
    // WebP 480 and 800, PNG 480; the 800-pixel PNG is the original itself.
    assert_eq!(counts(&t), "3 photo copies encoded (1 reused)");
    let before = cache_files(&t.root);
    assert_eq!(before.len(), 3, "{before:?}");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let t = t.build().assert_success();
    assert_eq!(counts(&t), "0 photo copies encoded (4 reused)");
    assert_eq!(cache_files(&t.root), before);
    let first = Page(t.html("2025/07/electricite-ete/index.html")).attr("source", "srcset");
    // A new photo under the same name: new copies, under new URLs.
    image_file(&t.root.join("content/images/pylone.png"), 640, 400, 200);
    let t = t.build().assert_success();
    assert_eq!(counts(&t), "3 photo copies encoded (1 reused)");
    let second = Page(t.html("2025/07/electricite-ete/index.html")).attr("source", "srcset");
    assert_ne!(first, second);
    assert_eq!(srcset(&second)[1].1, 640);
}

#[test]
fn remote_photos_are_used_as_they_are() {
    let url = "https://cdn.example/photos/pont.jpg";
    let t = SiteTest::fixture("basic")
        .file(PONT, article(url))
        .build()
        .assert_success();
    let page = Page(t.html(PONT_PAGE));
    assert_eq!(page.count("figure.story-photo picture"), 0);
    assert_eq!(page.attr("figure.story-photo img", "src"), url);
    assert!(page.attrs("figure.story-photo img", "width").is_empty());
    assert_eq!(page.attr("meta[property='og:image']", "content"), url);
}

#[test]
fn missing_photo_names_the_article_line_and_path() {
    SiteTest::fixture("basic")
        .file(PONT, article("/images/absent.jpg"))
        .build()
        .assert_errors(&[
            "content/actualite/pont.md:6: error: photo `/images/absent.jpg` not found: there is no file content/images/absent.jpg",
        ]);
}

#[test]
fn undecodable_photos_are_errors() {
    SiteTest::fixture("basic")
        .file(PONT, article("faux.jpg"))
        .file("content/actualite/faux.jpg", "pas une image")
        .build()
        .assert_errors(&[
            "content/actualite/pont.md:6: error: cannot use photo content/actualite/faux.jpg: not a JPEG, PNG, WebP, GIF or SVG image",
        ]);
    let mut png =
        fs::read(super::harness::repo().join("tests/fixtures/basic/content/images/pylone.png"))
            .unwrap();
    png.truncate(200);
    let t = SiteTest::fixture("basic")
        .file("content/images/pylone.png", png)
        .build();
    assert_eq!(t.status, Some(1), "{}", t.stderr);
    let prefix = "content/actualite/2025-03-04-electricite-ete.md:7: error: cannot use photo content/images/pylone.png: ";
    assert!(
        t.stderr.lines().any(|l| l.starts_with(prefix)),
        "{}",
        t.stderr
    );
}

#[test]
fn photo_outside_the_content_folder_is_refused() {
    SiteTest::fixture("basic")
        .file(PONT, article("../../site.toml"))
        .build()
        .assert_errors(&[
            "content/actualite/pont.md:6: error: photo `../../site.toml` points outside the content folder",
        ]);
}

#[test]
fn photo_fields_in_the_template_context() {
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .build()
        .assert_success();
    let c: serde_json::Value =
        serde_json::from_str(&t.read("2025/07/electricite-ete/index.html")).unwrap();
    let p = &c["article"]["photo"];
    assert_eq!(p["width"], 800);
    assert_eq!(p["height"], 500);
    assert_eq!(p["type"], "image/png");
    assert_eq!(p["url"], "/images/pylone.png");
    let list = p["srcset"].as_array().unwrap();
    let shape: Vec<(String, u64, u64)> = list
        .iter()
        .map(|v| {
            (
                v["format"].as_str().unwrap().to_string(),
                v["width"].as_u64().unwrap(),
                v["height"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("webp", 480, 300),
        ("webp", 800, 500),
        ("png", 480, 300),
        ("png", 800, 500),
    ];
    assert_eq!(
        shape,
        expected.map(|(f, w, h)| (f.to_string(), w, h)).to_vec()
    );
    let url = |i: usize| list[i]["url"].as_str().unwrap().to_string();
    assert_eq!(
        p["srcset_webp"],
        format!("{} 480w, {} 800w", url(0), url(1))
    );
    assert_eq!(
        p["srcset_original"],
        format!("{} 480w, {} 800w", url(2), url(3))
    );
    assert_eq!(p["img_url"], url(3));
    // Listings carry the same fields.
    let home: serde_json::Value = serde_json::from_str(&t.read("index.html")).unwrap();
    let item = &home["paginator"]["items"][0];
    assert_eq!(item["photo"]["srcset_webp"], p["srcset_webp"]);
}

#[test]
fn serve_answers_with_the_photo_copies() {
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let page = s.get("/2025/07/electricite-ete/");
    assert_eq!(page.status, 200);
    let doc = Page(scraper::Html::parse_document(&page.body));
    let webp = srcset(&doc.attr("figure.story-photo source", "srcset"));
    for (url, _) in &webp {
        let r = s.get(url);
        assert_eq!(r.status, 200, "{url}");
        assert_eq!(r.header("content-type"), Some("image/webp"));
    }
    let img = srcset(&doc.attr("figure.story-photo img", "srcset"));
    assert_eq!(s.get(&img[0].0).header("content-type"), Some("image/png"));
}

fn with_comments(t: SiteTest, table: &str) -> SiteTest {
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    t.file("site.toml", format!("{toml}\n[comments]\n{table}\n"))
}

const ARTICLE: &str = "2025/07/electricite-ete/index.html";

#[test]
fn isso_comments_load_when_scrolled_to() {
    let t = with_comments(
        SiteTest::fixture("basic"),
        "provider = \"isso\"\nurl = \"https://commentaires.gazette.example/\"",
    )
    .build()
    .assert_success();
    let page = Page(t.html(ARTICLE));
    let s = "section#commentaires";
    assert_eq!(page.attr(s, "data-provider"), "isso");
    assert_eq!(
        page.attr(s, "data-server"),
        "https://commentaires.gazette.example"
    );
    assert_eq!(
        page.attr(s, "data-script"),
        "https://commentaires.gazette.example/js/embed.min.js"
    );
    assert_eq!(
        page.attr("#isso-thread", "data-isso-id"),
        "/2025/07/electricite-ete/"
    );
    assert_eq!(
        page.attr("#isso-thread", "data-title"),
        "L'électricité de l'été : les prix baissent"
    );
    assert!(
        page.text("section#commentaires noscript")
            .contains("JavaScript")
    );
    // Loaded by the observer, not by a script tag of the page.
    assert!(
        page.attrs("script[src]", "src")
            .iter()
            .all(|s| !s.contains("commentaires"))
    );
    let scripts = page.texts("script").join("\n");
    assert!(scripts.contains("IntersectionObserver"), "{scripts}");
}

#[test]
fn remark42_comments_with_their_site_id() {
    let t = with_comments(
        SiteTest::fixture("basic"),
        "provider = \"remark42\"\nurl = \"https://remark.gazette.example\"\nsite_id = \"gazette\"",
    )
    .build()
    .assert_success();
    let page = Page(t.html(ARTICLE));
    let s = "section#commentaires";
    assert_eq!(page.attr(s, "data-provider"), "remark42");
    assert_eq!(page.attr(s, "data-site-id"), "gazette");
    assert_eq!(
        page.attr(s, "data-script"),
        "https://remark.gazette.example/web/embed.js"
    );
    assert_eq!(
        page.attr(s, "data-page-url"),
        "https://gazette.example/2025/07/electricite-ete/"
    );
    assert_eq!(page.count("#remark42"), 1);
    assert_eq!(page.count("#isso-thread"), 0);
}

#[test]
fn no_comments_when_unset_or_turned_off_by_the_article() {
    let t = SiteTest::fixture("basic").build().assert_success();
    assert_eq!(Page(t.html(ARTICLE)).count("#commentaires"), 0);
    assert!(!t.read(ARTICLE).contains("IntersectionObserver"));
    let text = fs::read_to_string(t.root.join("content/actualite/conseil-municipal.md")).unwrap();
    let t = with_comments(
        t,
        "provider = \"remark42\"\nurl = \"https://remark.gazette.example\"",
    )
    .file(
        "content/actualite/conseil-municipal.md",
        text.replacen("---\n", "---\ncomments: false\n", 1),
    )
    .build()
    .assert_success();
    assert_eq!(
        Page(t.html("2025/03/conseil-municipal/index.html")).count("#commentaires"),
        0
    );
    let page = Page(t.html(ARTICLE));
    assert_eq!(page.attr("section#commentaires", "data-site-id"), "remark");
}

#[test]
fn comment_settings_are_checked() {
    with_comments(
        SiteTest::fixture("basic"),
        "provider = \"disqus\"\nurl = \"https://x.example\"",
    )
    .build()
    .assert_errors(&[
        "error: site.toml:28: unknown comment provider `disqus`; valid ones are: isso, remark42",
    ]);
    with_comments(SiteTest::fixture("basic"), "provider = \"isso\"\nurl = \"commentaires\"")
        .build()
        .assert_errors(&["error: site.toml:29: `comments.url` must be the absolute http(s) URL of the comment server, found `commentaires`"]);
}

/// One random edit of what this module adds, for the random-edit test of
/// `incremental.rs`: the photo file, an article's photo, typography and
/// comment settings. Returns the paths it touched.
pub fn random_edit(
    kind: usize,
    pick: usize,
    root: &Path,
    article: &Path,
    step: usize,
) -> Vec<std::path::PathBuf> {
    let text = fs::read_to_string(article).unwrap_or_default();
    let toml_path = root.join("site.toml");
    let toml = fs::read_to_string(&toml_path).unwrap();
    match kind {
        0 => {
            let p = root.join("content/images/pylone.png");
            image_file(&p, [300, 500, 800, 1200][pick], 200, step as u8);
            return vec![p];
        }
        1 => {
            let src = [
                "/images/pylone.png",
                "../images/pylone.png",
                "https://cdn.example/p.jpg",
                "/images/absente.png",
            ][pick];
            fs::write(article, with_photo(&text, src)).unwrap();
        }
        2 => {
            let (a, b) = ("french = false", "french = true");
            let t = if toml.contains(a) {
                toml.replace(a, b)
            } else {
                toml.replace(b, a)
            };
            fs::write(&toml_path, t).unwrap();
            return vec![toml_path];
        }
        3 => {
            let t = match text.strip_prefix("---\ncomments: false\n") {
                Some(rest) => format!("---\n{rest}"),
                None => text.replacen("---\n", "---\ncomments: false\n", 1),
            };
            fs::write(article, t).unwrap();
        }
        _ => {
            let table = "\n[comments]\nprovider = \"isso\"\nurl = \"https://c.example\"\n";
            let t = match toml.strip_suffix(table) {
                Some(rest) => rest.to_string(),
                None => format!("{toml}{table}"),
            };
            fs::write(&toml_path, t).unwrap();
            return vec![toml_path];
        }
    }
    vec![article.to_path_buf()]
}

/// `text` with its `photo:` (one line or a block) replaced by one with `src`.
fn with_photo(text: &str, src: &str) -> String {
    let mut out = String::new();
    let mut in_photo = false;
    for (i, line) in text.lines().enumerate() {
        if in_photo && line.starts_with("  ") {
            continue;
        }
        in_photo = line.starts_with("photo:");
        if !in_photo {
            out.push_str(line);
            out.push('\n');
        }
        if i == 0 {
            out.push_str(&format!("photo: {{src: \"{src}\", alt: Photo}}\n"));
        }
    }
    out
}
