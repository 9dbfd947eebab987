//! Shortcodes (issue 15): `{{ name(…) }}` and `{% name(…) %} … {% end %}` in
//! an article's Markdown, expanded through the theme's components
//! (`templates/shortcodes/NAME.html`). Each built-in on the page (`builtins`
//! for embeds, `blocks` for photos, quotes, boxes and cards), where
//! shortcodes are and are not expanded (`syntax`), the errors line by line
//! (`errors`), a theme's own and overridden shortcodes (`themes`), the
//! preview and `serve` following what shortcodes show, and determinism
//! (`preview`), feeds, search and `check` (`outputs`), no third-party
//! request before a click in Chromium (`privacy`), and `--fetch-embeds`
//! against a local oEmbed server (`oembed`).

mod blocks;
mod builtins;
mod errors;
mod oembed;
mod outputs;
mod preview;
mod privacy;
mod syntax;
mod themes;

use crate::harness::{Page, SiteTest};
use scraper::{Html, Selector};

/// The article most tests write, and its page.
pub const SOURCE: &str = "content/actualite/tout.md";
pub const PAGE: &str = "2025/06/tout/index.html";

/// An article dated 2025-06-01 10:00 whose body (`body`) starts on line 7.
pub fn article(title: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2025-06-01 10:00\nauthor: alice-durand\ncategory: Économie\n---\n{body}"
    )
}

/// The fixture with the article `SOURCE` holding `body` (from line 7).
pub fn site(body: &str) -> SiteTest {
    SiteTest::fixture("basic").file(SOURCE, article("Tout en un", body))
}

/// A real PNG of `width`×`height` pixels, which photos need.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    crate::seo::png(width, height)
}

/// The body of an article using every built-in once (twice for `video`,
/// `social` and `audio`, whose providers differ), with the files they name:
/// a local video and sound (which only need to exist) and a 1000×600 photo
/// no lead photo uses.
pub const EVERY_BUILTIN: &str = r#"Le conseil s'est réuni hier soir.

{{ video(url="https://www.youtube.com/watch?v=aB3_x-9", title="La séance du conseil", start=75) }}

{{ video(url="https://vimeo.com/76979871", start=90) }}

{{ video(url="https://www.dailymotion.com/video/x8abc") }}

{{ video(url="https://tube.exemple.fr/w/9c9de5e8-0a1e", title="Sur PeerTube", start=30) }}

{{ video(url="seance.mp4", title="Le vote", poster="/images/marche.png") }}

{{ social(url="https://mastodon.social/@mairie/113456", author="La mairie", text="Séance ce soir à 19 h.", date="2025-03-14 09:30") }}

{{ social(url="https://bsky.app/profile/lyon.bsky.social/post/3kx", author="Ville de Lyon", text="Le budget est voté.", date="2025-03-14") }}

{{ social(url="https://x.com/prefet69/status/17", author="Le préfet", text="Vigilance orange.", date="2025-03-15") }}

{{ audio(src="episode.mp3", title="Épisode 1") }}

{{ audio(src="https://podcasts.exemple.fr/ep2.mp3", title="Épisode 2") }}

{{ photo(src="/images/marche.png", alt="Les étals du marché", caption="Le marché, samedi matin.", credit="Jean Photo") }}

{% gallery(title="Le marché") %}
{{ photo(src="/images/marche.png", alt="Premier étal", credit="A. Durand") }}
{{ photo(src="/images/marche.png", alt="Deuxième étal", credit="B. Petit") }}
{{ photo(src="/images/pylone.png", alt="Le pylône", credit="C. Martin") }}
{% end %}

{% quote(author="Marie Curie", role="physicienne") %}
Rien dans la vie n'est à craindre, tout est à comprendre.
{% end %}

{% box(title="Repères") %}
- 1re séance : *mars 2025* ;
- budget : 12 millions d'euros.
{% end %}

{{ article(path="actualite/2025-03-04-electricite-ete.md") }}

{{ map(lat=45.7597, lon=4.8422, zoom=16, title="Place Bellecour") }}

La séance a duré quatre heures.
"#;

/// The fixture with `EVERY_BUILTIN` in `SOURCE` and the files it names.
pub fn every_builtin() -> SiteTest {
    site(EVERY_BUILTIN)
        .file("content/actualite/seance.mp4", "pas vraiment une vidéo")
        .file("content/actualite/episode.mp3", "pas vraiment un son")
        .file("content/images/marche.png", png(1000, 600))
}

/// Each element matching `css`, as a page of its own (for selecting inside it).
pub fn pieces(p: &Page, css: &str) -> Vec<Page> {
    p.0.select(&Selector::parse(css).unwrap())
        .map(|e| Page(Html::parse_fragment(&e.html())))
        .collect()
}

/// The inner HTML of the article's body.
pub fn body_html(p: &Page) -> String {
    let sel = Selector::parse("div.article-body").unwrap();
    p.0.select(&sel)
        .next()
        .expect("an article body")
        .inner_html()
}

/// The output files holding a placeholder character (U+E000 or U+E001).
pub fn files_with_placeholders(t: &SiteTest) -> Vec<String> {
    crate::harness::tree(&t.public())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(['\u{E000}', '\u{E001}']))
        .map(|(rel, _)| rel)
        .collect()
}

/// The text of the first element matching `css`, spaces as they are
/// (`Page::text` folds the no-break spaces of French typography).
pub fn raw_text(p: &Page, css: &str) -> String {
    let sel = Selector::parse(css).unwrap();
    let e = p.0.select(&sel).next();
    e.unwrap_or_else(|| panic!("no element matches {css}"))
        .text()
        .collect()
}

/// Two output trees are the same, or the test fails naming the files that differ.
pub fn assert_same_tree(a: &std::path::Path, b: &std::path::Path, what: &str) {
    let (ta, tb) = (crate::harness::tree(a), crate::harness::tree(b));
    assert!(ta.len() > 10, "{what}: only {} files", ta.len());
    let differ: Vec<&String> = ta
        .keys()
        .chain(tb.keys().filter(|k| !ta.contains_key(*k)))
        .filter(|k| ta.get(*k) != tb.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: differ in {differ:?}");
}

/// The search index's entry for the article titled `title`.
pub fn index_entry(t: &SiteTest, title: &str) -> serde_json::Value {
    let index: serde_json::Value = serde_json::from_str(&t.read("recherche/index.json")).unwrap();
    index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("{title} is in the search index"))
        .clone()
}
