//! The built-ins that show the site's own words and photos: a body photo,
//! a gallery, a pull quote, a box, an article card; French typography in
//! their arguments; their text in the search index, without the labels.

use super::{PAGE, every_builtin, pieces, raw_text};
use crate::harness::{Page, SiteTest};
use std::fs;

fn built() -> (SiteTest, Page) {
    let t = every_builtin().build().assert_success();
    let p = Page(t.html(PAGE));
    (t, p)
}

/// The URLs and widths of a `srcset`.
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|part| {
            let (url, w) = part.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

#[test]
fn body_photo_goes_through_the_responsive_pipeline_with_its_credit() {
    let (t, p) = built();
    let photo = &pieces(&p, "div.article-body > figure.body-photo")[0];
    let webp = srcset(&photo.attr("picture source[type='image/webp']", "srcset"));
    let png = srcset(&photo.attr("picture img", "srcset"));
    assert_eq!(
        webp.iter().map(|v| v.1).collect::<Vec<_>>(),
        [480, 960, 1000]
    );
    assert_eq!(
        png.iter().map(|v| v.1).collect::<Vec<_>>(),
        [480, 960, 1000]
    );
    // Every copy is written, at its width and in its format.
    for ((url, w), format) in webp
        .iter()
        .map(|v| (v, image::ImageFormat::WebP))
        .chain(png.iter().map(|v| (v, image::ImageFormat::Png)))
        .map(|((u, w), f)| ((u.clone(), *w), f))
    {
        assert!(url.starts_with("/images/marche-"), "{url}");
        let bytes = fs::read(t.public().join(url.trim_start_matches('/')))
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), format, "{url}");
        assert_eq!((img.width(), img.height()), (w, w * 3 / 5), "{url}");
    }
    assert_eq!(photo.attr("img", "width"), "1000");
    assert_eq!(photo.attr("img", "height"), "600");
    assert_eq!(photo.attr("img", "alt"), "Les étals du marché");
    assert_eq!(photo.attr("img", "loading"), "lazy");
    assert_eq!(
        photo.text("figcaption .caption"),
        "Le marché, samedi matin."
    );
    assert_eq!(photo.text("figcaption .credit"), "© Jean Photo");
    assert_eq!(
        photo.text("figcaption"),
        "Le marché, samedi matin. © Jean Photo"
    );
}

#[test]
fn gallery_is_a_named_list_of_its_photos() {
    let (_, p) = built();
    let g = &pieces(&p, "figure.gallery")[0];
    assert_eq!(g.count("ul > li"), 3);
    assert_eq!(g.count("ul > li > figure img"), 3);
    assert_eq!(
        g.attrs("ul > li img", "alt"),
        ["Premier étal", "Deuxième étal", "Le pylône"]
    );
    assert_eq!(
        g.texts("ul > li .credit"),
        ["© A. Durand", "© B. Petit", "© C. Martin"]
    );
    assert_eq!(
        g.attr("ul", "aria-label"),
        "Galerie « Le marché », 3 photos"
    );
    assert_eq!(g.text(".gallery-count"), "3 photos");
    assert_eq!(g.text(".gallery-title"), "Le marché");
    // Scrollable by keyboard, without any script.
    assert_eq!(g.attr("ul", "tabindex"), "0");
    assert_eq!(g.count("script"), 0);
    // The gallery's photos are not also body photos of their own.
    assert_eq!(p.count("div.article-body > figure.body-photo"), 1);
}

#[test]
fn quote_and_box_hold_their_markdown_body() {
    let (_, p) = built();
    let q = &pieces(&p, "figure.pullquote")[0];
    assert_eq!(
        q.text("blockquote > p"),
        "Rien dans la vie n'est à craindre, tout est à comprendre."
    );
    assert_eq!(q.text(".pullquote-author"), "Marie Curie");
    assert_eq!(q.text(".pullquote-role"), "physicienne");

    let b = &pieces(&p, "aside.box")[0];
    assert_eq!(b.text("h2"), "Repères");
    let id = b.attr("h2", "id");
    assert_eq!(b.attr("aside", "aria-labelledby"), id);
    assert_eq!(
        b.texts("ul > li"),
        ["1re séance : mars 2025 ;", "budget : 12 millions d'euros."]
    );
    assert_eq!(b.text("ul > li em"), "mars 2025");
}

#[test]
fn article_card_shows_the_other_article() {
    let (_, p) = built();
    let c = &pieces(&p, ".inline-card")[0];
    let url = "/2025/07/electricite-ete/";
    assert_eq!(
        c.text(".card-title"),
        "L'électricité de l'été : les prix baissent"
    );
    assert_eq!(c.attr(".card-title a", "href"), url);
    assert_eq!(c.text("a.kicker"), "Économie");
    assert_eq!(c.attr("a.kicker", "href"), "/rubriques/economie/");
    assert_eq!(c.attr("time", "datetime"), "2025-07-04T08:30:00+02:00");
    // Its lead photo, as a small copy.
    assert_eq!(c.attr(".card-media", "href"), url);
    assert_eq!(
        c.attr("img", "alt"),
        "Un pylône électrique au coucher du soleil"
    );
    assert!(c.attr("img", "src").starts_with("/images/pylone-"));
}

/// With French typography on, the texts readers see get it, the addresses not.
#[test]
fn text_arguments_get_french_typography_and_addresses_do_not() {
    let toml = fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml"))
        .unwrap()
        .replace("french = false", "french = true");
    let t = super::site(
        "{% quote(author=\"Le maire\") %}\nNous tiendrons : c'est promis.\n{% end %}\n\n{{ video(url=\"https://vimeo.com/76979871\", title=\"Le vote : un moment\") }}\n",
    )
    .file("site.toml", toml)
    .build()
    .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(raw_text(&p, ".embed-title"), "Le vote\u{a0}: un moment");
    assert_eq!(
        raw_text(&p, "blockquote p"),
        "Nous tiendrons\u{a0}: c’est promis."
    );
    assert_eq!(
        p.attr("a.embed-load", "data-embed-src"),
        "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
    );
}

/// The text of the article in the body-text search index.
fn indexed_text(t: &SiteTest) -> String {
    let entry = super::index_entry(t, "Tout en un");
    entry["text"].as_str().unwrap().to_string()
}

fn with_body_index() -> SiteTest {
    let toml =
        fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml")).unwrap();
    every_builtin()
        .file("site.toml", format!("{toml}\n[search]\nbody = true\n"))
        .build()
        .assert_success()
}

/// The body-text search index holds what readers read in the shortcodes (a
/// quote, a box, a caption, a post) but not the buttons' labels and notes.
#[test]
fn search_index_holds_the_text_of_shortcodes_not_their_labels() {
    let text = indexed_text(&with_body_index());
    for words in [
        "Le conseil s'est réuni hier soir.",
        "Rien dans la vie n'est à craindre, tout est à comprendre.",
        "Repères",
        "budget : 12 millions d'euros.",
        "Le marché, samedi matin.",
        "Séance ce soir à 19 h.",
        "La séance du conseil",
        "La séance a duré quatre heures.",
    ] {
        assert!(text.contains(words), "{words:?} not in {text:?}");
    }
    for label in [
        "Lire la vidéo",
        "En cliquant",
        "Voir le message",
        "Afficher la carte",
        "Télécharger le fichier",
        "Écouter",
        "À lire aussi",
    ] {
        assert!(!text.contains(label), "{label:?} in {text:?}");
    }
}

/// The fallback link inside a local `<video>` is a label like the others.
#[test]
fn the_local_video_download_label_is_not_indexed() {
    let text = indexed_text(&with_body_index());
    assert!(!text.contains("Télécharger"), "{text:?}");
}
