//! French typography on built pages: text, titles and summaries follow it;
//! code, URLs, attributes and raw verbatim HTML do not; correct text is left
//! as it is; other languages and the setting turn it off.

use crate::harness::{Page, SiteTest};
use scraper::Selector;
use std::fs;

const NN: char = '\u{202f}';
const NB: char = '\u{a0}';
const SOURCE: &str = "content/actualite/ete.md";
const PAGE: &str = "2025/08/ete/index.html";

const BODY: &str = "Il a dit \"non\" à l'adjoint : la hausse atteint 12 % et 1 500 € par an, à 8 h 30 ! Pourquoi ? Voir [l'article](https://ex.example/page?a=1&b='x') ou <https://ex.example/?q=1>.

Le `code 'ici' ?` reste tel quel, comme <kbd>Ctrl'C</kbd> !

```
let s = \"texte\" ; // rien ne change : ici
```
";

fn source(title: &str, summary: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: 2025-08-02 09:00\nauthor: alice-durand\ncategory: Économie\nsummary: \"{summary}\"\n---\n{body}"
    )
}

/// The fixture with its `[typography]` table removed, and `language` set.
fn site(language: &str) -> SiteTest {
    let t = SiteTest::fixture("basic");
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    let toml = toml
        .replace("[typography]\nfrench = false\n", "")
        .replace("language = \"fr\"", &format!("language = \"{language}\""));
    t.file("site.toml", toml)
}

/// Text of the first match, whitespace kept exactly (no-break spaces matter here).
fn raw(p: &Page, css: &str) -> String {
    let sel = Selector::parse(css).unwrap();
    let el =
        p.0.select(&sel)
            .next()
            .unwrap_or_else(|| panic!("no {css}"));
    el.text().collect::<String>().trim().to_string()
}

fn article(t: SiteTest, title: &str, summary: &str, body: &str) -> (SiteTest, Page) {
    let t = t
        .file(SOURCE, source(title, summary, body))
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    (t, p)
}

#[test]
fn french_text_titles_and_summaries() {
    let (t, p) = article(
        site("fr"),
        "L'été \\\"chaud\\\" : 35 % de plus ?",
        "Un résumé \\\"cité\\\" ; vraiment !",
        BODY,
    );
    let title = format!("L’été «{NN}chaud{NN}»{NB}: 35{NB}% de plus{NN}?");
    assert_eq!(raw(&p, "h1"), title);
    assert_eq!(raw(&p, "title"), format!("{title} — La Gazette d'essai"));
    assert_eq!(p.attr("meta[property='og:title']", "content"), title);
    assert_eq!(
        raw(&p, ".standfirst"),
        format!("Un résumé «{NN}cité{NN}»{NN}; vraiment{NN}!")
    );
    assert_eq!(
        raw(&p, ".article-body p"),
        format!(
            "Il a dit «{NN}non{NN}» à l’adjoint{NB}: la hausse atteint 12{NB}% et 1{NN}500{NB}€ par an, à 8{NB}h 30{NN}! Pourquoi{NN}? Voir l’article ou https://ex.example/?q=1."
        )
    );
    // Code, URLs, attributes and verbatim HTML are left alone.
    assert_eq!(
        p.attr(".article-body a", "href"),
        "https://ex.example/page?a=1&b='x'"
    );
    assert_eq!(
        raw(&p, ".article-body a[href^='https://ex.example/?']"),
        "https://ex.example/?q=1"
    );
    assert_eq!(raw(&p, ".article-body p code"), "code 'ici' ?");
    assert_eq!(raw(&p, ".article-body kbd"), "Ctrl'C");
    assert_eq!(
        raw(&p, ".article-body pre code"),
        "let s = \"texte\" ; // rien ne change : ici"
    );
    // Feeds carry the same title.
    let feed = t.read("atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert!(titles.contains(&title.as_str()), "{titles:?}");
}

#[test]
fn correct_french_text_is_left_as_it_is() {
    let title = format!("L’été «{NN}chaud{NN}»{NB}: 35{NB}% de plus{NN}?");
    let para = format!("Il a dit «{NN}non{NN}»{NN}; enfin{NN}! 1{NN}500{NB}€ «{NB}très{NB}» bien.");
    let (_, p) = article(site("fr"), &title, "Résumé", &format!("{para}\n"));
    assert_eq!(raw(&p, "h1"), title);
    assert_eq!(raw(&p, ".article-body p"), para);
}

#[test]
fn other_languages_and_the_setting_turn_it_off() {
    let body = "He said \"no\" : 12 % ?\n";
    let (_, p) = article(site("en"), "It's \\\"here\\\" ?", "Summary", body);
    assert_eq!(raw(&p, "h1"), "It's \"here\" ?");
    assert_eq!(raw(&p, ".article-body p"), "He said \"no\" : 12 % ?");
    // The fixture sets `french = false` for a French site.
    let (_, p) = article(SiteTest::fixture("basic"), "L'été ?", "Résumé", body);
    assert_eq!(raw(&p, "h1"), "L'été ?");
    // And `french = true` turns it on whatever the language.
    let t = site("en");
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    let t = t.file(
        "site.toml",
        format!("{toml}\n[typography]\nfrench = true\n"),
    );
    let (_, p) = article(t, "L'été ?", "Résumé", body);
    assert_eq!(raw(&p, "h1"), format!("L’été{NN}?"));
}

#[test]
fn photo_caption_and_author_bio_follow_it_too() {
    let t = site("fr")
        .file(
            SOURCE,
            "---\ntitle: Été\ndate: 2025-08-02 09:00\nauthor: alice-durand\nphoto:\n  src: /images/pylone.png\n  alt: L'alt reste tel quel\n  caption: \"L'entrée du pont : vue nord\"\n  credit: Jean Photo\n---\nTexte.\n",
        )
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(
        raw(&p, ".story-photo .caption"),
        format!("L’entrée du pont{NB}: vue nord")
    );
    assert_eq!(p.attr(".story-photo img", "alt"), "L'alt reste tel quel");
    assert_eq!(
        raw(&p, ".author-box-bio"),
        "Alice couvre l’économie régionale depuis dix ans."
    );
}
