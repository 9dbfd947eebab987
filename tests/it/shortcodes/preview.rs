//! The preview (`Incremental`, what `serve` runs) follows what shortcodes
//! show: an article card changes with the article it links to, a body photo
//! with its file; after any edit the preview equals a full build. And two
//! builds of the same site are byte for byte the same.

use super::{PAGE, SOURCE, article, every_builtin, png, site};
use crate::harness::{Page, tree};
use crate::incremental::{Lcg, set_key};
use crate::server::{Server, expect_event};
use rotative::preview::{ChangeSet, Incremental};
use rotative::site::LoadOptions;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const TARGET: &str = "content/actualite/conseil-municipal.md";
const CARD: &str = "{{ article(path=\"actualite/conseil-municipal.md\") }}";

fn full(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    Incremental::new(root, LoadOptions::default())
        .map(|(inc, _)| inc.snapshot())
        .map_err(|e| format!("{e:?}"))
}

fn card_title(html: &[u8]) -> String {
    let p = Page(scraper::Html::parse_document(&String::from_utf8_lossy(
        html,
    )));
    p.text(".inline-card .card-title")
}

/// Applies an edit of `paths` and checks the preview against a full build;
/// `true` when both succeeded (`false` when both failed).
fn apply_and_compare(inc: &mut Incremental, root: &Path, paths: Vec<PathBuf>, what: &str) -> bool {
    let applied = inc.apply(&ChangeSet::classify(root, "default", paths));
    match (applied, full(root)) {
        (Ok(_), Ok(want)) => {
            let got = inc.snapshot();
            let differ: Vec<&String> = want
                .keys()
                .chain(got.keys())
                .filter(|k| got.get(*k) != want.get(*k))
                .collect();
            assert!(
                differ.is_empty(),
                "{what}: differ from a full build: {differ:?}"
            );
            true
        }
        (Err(_), Err(_)) => false,
        (a, b) => panic!(
            "{what}: the preview {} but a full build {}",
            if a.is_ok() { "succeeded" } else { "failed" },
            b.map_or_else(|e| format!("failed: {e}"), |_| "succeeded".into())
        ),
    }
}

/// Builds `t` into the preview, retitles the card's target, and checks that
/// the card on `page` shows the new title and the preview equals a full build.
fn card_follows_its_retitled_article(t: &crate::harness::SiteTest, page: &str) {
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    assert_eq!(
        card_title(&inc.page(page).unwrap()),
        "Conseil municipal houleux"
    );
    let target = t.root.join(TARGET);
    let text = fs::read_to_string(&target).unwrap();
    fs::write(&target, set_key(&text, "title", "Le budget est voté")).unwrap();
    assert!(apply_and_compare(
        &mut inc,
        &t.root,
        vec![target],
        "retitled"
    ));
    assert_eq!(card_title(&inc.page(page).unwrap()), "Le budget est voté");
}

#[test]
fn a_card_follows_the_title_of_its_article_in_the_preview() {
    let t = site(&format!("Voir aussi :\n\n{CARD}\n"));
    card_follows_its_retitled_article(&t, PAGE);
}

/// A standalone page's card follows its article too: an edit of the
/// article that keeps the site's shape must not leave the page's card behind.
#[test]
fn a_card_in_a_standalone_page_follows_its_article_in_the_preview() {
    let t = site("Rien de spécial.\n").file(
        "content/pages/selection.md",
        format!("---\ntitle: Notre sélection\n---\nÀ lire :\n\n{CARD}\n"),
    );
    card_follows_its_retitled_article(&t, "selection/index.html");
}

#[test]
fn a_card_follows_the_title_of_its_article_while_serving() {
    let t = site(&format!("Voir aussi :\n\n{CARD}\n"));
    let s = Server::start(&t.root);
    let url = "/2025/06/tout/";
    assert_eq!(
        card_title(s.get(url).body.as_bytes()),
        "Conseil municipal houleux"
    );
    let target = t.root.join(TARGET);
    let text = fs::read_to_string(&target).unwrap();
    fs::write(&target, set_key(&text, "title", "Le budget est voté")).unwrap();
    s.wait_for(url, "the new title in the card", |r| {
        card_title(r.body.as_bytes()) == "Le budget est voté"
    });
}

/// The serve overlay gets the shortcode errors with their places, and the
/// last good page stays served.
#[test]
fn shortcode_errors_reach_the_overlay_while_serving() {
    let t = site(&format!("Voir aussi :\n\n{CARD}\n"));
    let s = Server::start(&t.root);
    let events = s.events();
    fs::write(
        t.root.join(SOURCE),
        article(
            "Tout en un",
            "{{ diaporama() }}\n\n{{ map(lat=200, lon=4) }}\n",
        ),
    )
    .unwrap();
    let e = expect_event(&events, "build-error");
    let data = e.split_once(' ').map_or("", |(_, d)| d);
    let message: serde_json::Value = serde_json::from_str(data).unwrap();
    let message = message["message"].as_str().unwrap();
    for line in [
        "content/actualite/tout.md:7:1: error: unknown shortcode `diaporama`; the theme has `article`, `audio`, `box`, `gallery`, `map`, `photo`, `quote`, `social`, `video`",
        "content/actualite/tout.md:9:8: error: `map`: `lat` is a latitude, from -90 to 90, not 200",
    ] {
        assert!(
            message.lines().any(|l| l == line),
            "{line:?} not in:\n{message}"
        );
    }
    assert_eq!(
        card_title(s.get("/2025/06/tout/").body.as_bytes()),
        "Conseil municipal houleux"
    );
}

/// Random edits of the articles cards link to, of the articles holding
/// shortcodes and of the card's template: the preview equals a full build
/// after each.
#[test]
fn random_edits_around_shortcodes_match_a_full_build() {
    let seed: u64 = std::env::var("ROTATIVE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    println!("seed {seed} (ROTATIVE_TEST_SEED replays it)");
    let t = every_builtin().file(
        "content/actualite/marche-du-samedi.md",
        fs::read_to_string(
            crate::harness::repo()
                .join("tests/fixtures/basic/content/actualite/marche-du-samedi.md"),
        )
        .unwrap()
            + &format!("\n{CARD}\n"),
    );
    let root = t.root.clone();
    let (mut inc, _) = Incremental::new(&root, LoadOptions::default()).unwrap();
    let mut rng = Lcg(seed);
    let target = root.join(TARGET);
    let elec = root.join("content/actualite/2025-03-04-electricite-ete.md");
    let marche = root.join("content/actualite/marche-du-samedi.md");
    let source = root.join(SOURCE);
    let template = root.join("themes/default/templates/shortcodes/article.html");
    let original_target = fs::read_to_string(&target).unwrap();
    let (mut built, mut broken) = (0, false);
    for step in 0..30 {
        // A card to a draft or a missing article fails the build; the next
        // step mends it, so that the preview recovers from a failure too.
        let kind = if broken { 9 } else { rng.below(9) };
        let edit = |p: &Path, f: &dyn Fn(&str) -> String| {
            let text = fs::read_to_string(p).unwrap();
            fs::write(p, f(&text)).unwrap();
        };
        let paths = match kind {
            0 => {
                let title = rng.pick(&[
                    "Conseil agité",
                    "Le budget voté",
                    "Conseil municipal houleux",
                ]);
                edit(&target, &|s| set_key(s, "title", title));
                vec![target.clone()]
            }
            1 => {
                let cat = rng.pick(&["Économie", "Politique", "Culture"]);
                edit(&elec, &|s| set_key(s, "category", cat));
                vec![elec.clone()]
            }
            2 => {
                let date = rng.pick(&[
                    "2025-03-10T19:00:00+01:00",
                    "2024-12-31 08:00",
                    "2025-05-02",
                ]);
                edit(&target, &|s| set_key(s, "date", date));
                vec![target.clone()]
            }
            3 => {
                edit(&target, &|s| set_key(s, "draft", "true"));
                broken = true;
                vec![target.clone()]
            }
            4 => {
                fs::remove_file(&target).unwrap();
                broken = true;
                vec![target.clone()]
            }
            5 => {
                let title = rng.pick(&["Le vote", "La séance", "Le débat"]);
                edit(&source, &|s| {
                    let at = s
                        .find("title=\"Le ")
                        .or_else(|| s.find("title=\"La "))
                        .unwrap();
                    let end = at + s[at + 7..].find('"').unwrap() + 8;
                    format!("{}title=\"{title}\"{}", &s[..at], &s[end..])
                });
                vec![source.clone()]
            }
            6 => {
                let with = rng.below(2) == 0;
                edit(&marche, &|s| {
                    let s = s.replace(&format!("\n{CARD}\n"), "");
                    if with { format!("{s}\n{CARD}\n") } else { s }
                });
                vec![marche.clone()]
            }
            7 => {
                let class = rng.pick(&["card card--inline", "card card--inline carte"]);
                edit(&template, &|s| {
                    s.replace(
                        "class=\"card card--inline carte",
                        "class=\"card card--inline",
                    )
                    .replace("class=\"card card--inline", &format!("class=\"{class}"))
                });
                vec![template.clone()]
            }
            9 => {
                fs::write(&target, &original_target).unwrap();
                broken = false;
                vec![target.clone()]
            }
            _ => {
                let text = rng.pick(&["Un texte.", "Un autre texte, plus long."]);
                edit(&elec, &|s| {
                    let (head, _) = s.rsplit_once("---\n").unwrap();
                    format!("{head}---\n{text}\n")
                });
                vec![elec.clone()]
            }
        };
        let what = format!("seed {seed} step {step} (edit {kind})");
        built += usize::from(apply_and_compare(&mut inc, &root, paths, &what));
    }
    // Only the steps leaving a card to a draft or a deleted article fail.
    assert!(built >= 15, "seed {seed}: only {built} of 30 steps built");
}

/// A body photo is an input of its article's page, like a lead photo: a
/// new file under the same name gives new copies in the preview too.
#[test]
fn replacing_a_body_photo_file_updates_the_preview() {
    let t = site("{{ photo(src=\"/images/corps.png\", alt=\"Le corps\") }}\n")
        .file("content/images/corps.png", png(1000, 600));
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    let photo = t.root.join("content/images/corps.png");
    fs::write(&photo, png(640, 400)).unwrap();
    assert!(apply_and_compare(
        &mut inc,
        &t.root,
        vec![photo],
        "photo replaced"
    ));
    let page = inc.page(PAGE).unwrap();
    let p = Page(scraper::Html::parse_document(&String::from_utf8_lossy(
        &page,
    )));
    assert_eq!(p.attr("figure.body-photo img", "width"), "640");
}

/// A local video removed from disk is an error of its article, in the
/// preview as in a full build.
#[test]
fn removing_a_local_video_is_an_error_in_the_preview_too() {
    let t = site("{{ video(url=\"seance.mp4\") }}\n").file("content/actualite/seance.mp4", "vidéo");
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    let file = t.root.join("content/actualite/seance.mp4");
    fs::remove_file(&file).unwrap();
    apply_and_compare(&mut inc, &t.root, vec![file], "video removed");
}

/// Two builds of a site using every built-in, in two folders, write the
/// same files byte for byte.
#[test]
fn two_builds_with_every_built_in_are_identical() {
    let a = every_builtin().build().assert_success();
    let b = every_builtin().build().assert_success();
    assert!(a.public().join(PAGE).is_file());
    super::assert_same_tree(&a.public(), &b.public(), "two folders");
    // And again in the same folder, over the first output and its cache.
    let first = tree(&a.public());
    let a = a.build().assert_success();
    assert_eq!(tree(&a.public()), first);
}
