//! What screen readers rely on, in every HTML page of the demo site: the
//! page's language, landmarks, one `h1`, headings in order, text for every
//! image, the skip link, the credit after the caption, passages in another
//! language marked.

use crate::harness::{SiteTest, tree};
use scraper::{ElementRef, Html, Selector};

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The problems of one page, as `what: detail` lines.
fn problems(html: &Html) -> Vec<String> {
    let mut found = Vec::new();
    let count = |css: &str| html.select(&sel(css)).count();
    let lang = html
        .select(&sel("html"))
        .next()
        .and_then(|h| h.value().attr("lang"))
        .unwrap_or("");
    if lang.is_empty() {
        found.push("no lang on <html>".to_string());
    }
    for (css, n) in [
        ("h1", 1),
        ("main#contenu", 1),
        ("body > header", 1),
        ("body > footer", 1),
    ] {
        if count(css) != n {
            found.push(format!("{} {css}, not {n}", count(css)));
        }
    }
    for nav in html.select(&sel("nav")) {
        let v = nav.value();
        if v.attr("aria-label").is_none() && v.attr("aria-labelledby").is_none() {
            found.push(format!(
                "a nav without a label: {}",
                nav.html().chars().take(80).collect::<String>()
            ));
        }
    }
    for img in html.select(&sel("img")) {
        if img.value().attr("alt").is_none() {
            found.push(format!("an img without alt: {:?}", img.value().attr("src")));
        }
    }
    // Going down, a heading is at most one level below the one before it.
    let mut last = 0;
    for h in html.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let level = h.value().name()[1..].parse::<usize>().unwrap();
        if level > last + 1 {
            found.push(format!(
                "h{level} after h{last}: {}",
                h.text().collect::<String>().trim()
            ));
        }
        last = level;
    }
    let first_link = html.select(&sel("body a[href]")).next();
    if first_link.and_then(|a| a.value().attr("href")) != Some("#contenu") {
        found.push("the first link is not the skip link to #contenu".into());
    }
    found
}

#[test]
fn every_page_has_lang_landmarks_one_h1_ordered_headings_and_image_text() {
    let t = SiteTest::demo().build().assert_success();
    let files = tree(&t.public());
    let mut checked = 0;
    let mut all = Vec::new();
    for (rel, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        // Redirect stubs of old addresses have no content of their own.
        if !rel.ends_with(".html") || text.contains("http-equiv=\"refresh\"") {
            continue;
        }
        checked += 1;
        all.extend(
            problems(&Html::parse_document(&text))
                .into_iter()
                .map(|p| format!("{rel}: {p}")),
        );
    }
    assert!(checked >= 45, "only {checked} pages");
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_credit_follows_the_caption_and_an_english_quote_is_marked() {
    let t = SiteTest::demo().build().assert_success();
    let html = t.html("2025/10/cantines-scolaires-tarifs/index.html");
    let caption: Vec<ElementRef> = html
        .select(&sel(".story-photo figcaption > span"))
        .collect();
    let classes: Vec<&str> = caption
        .iter()
        .map(|s| s.value().attr("class").unwrap())
        .collect();
    assert_eq!(classes, ["caption", "credit"]);
    assert_eq!(
        caption[1].text().collect::<String>(),
        "©\u{a0}Camille Durand / Le Rotatif"
    );
    let brief = t.html("2025/11/jumelage-birmingham-logement/index.html");
    let quote = brief
        .select(&sel(".article-body blockquote"))
        .next()
        .unwrap();
    assert_eq!(quote.value().attr("lang"), Some("en"));
    assert!(
        quote
            .text()
            .collect::<String>()
            .contains("Our two cities ask the same question")
    );
    // Read in words, not « 2 min ».
    let reading = brief
        .select(&sel(".story-reading .visually-hidden"))
        .next()
        .unwrap();
    assert_eq!(reading.text().collect::<String>(), "2 minutes");
}
