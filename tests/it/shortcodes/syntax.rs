//! Where shortcodes are expanded and where they are text: code, the literal
//! form `{{/* … */}}`, braces that call nothing; blocks and paragraphs;
//! summaries without placeholders.

use super::{PAGE, article, body_html, files_with_placeholders, site};
use crate::harness::Page;

const YOUTUBE: &str = "{{ video(url=\"https://www.youtube.com/watch?v=aB3\") }}";

/// A theme shortcode that stands for a word: `{{ sigle(court=…, long=…) }}`.
const SIGLE: (&str, &str) = (
    "themes/default/templates/shortcodes/sigle.html",
    "{%- component sigle(court: string, long: string) -%}\n<abbr title=\"{{ long }}\">{{ court }}</abbr>\n{%- endcomponent sigle -%}\n",
);

#[test]
fn code_spans_and_code_blocks_keep_shortcodes_as_text() {
    let body = format!(
        "En ligne : `{YOUTUBE}` et ``{{% box() %}}``.\n\n```markdown\n{YOUTUBE}\n{{% box(title=\"Repères\") %}}\nTexte\n{{% end %}}\n```\n\n~~~\n{{{{ map(lat=45, lon=4) }}}}\n~~~\n\n    {{{{ photo(src=\"/images/absente.jpg\") }}}}\n\nFin.\n"
    );
    let t = site(&body).build().assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.texts("div.article-body p code"), [YOUTUBE, "{% box() %}"]);
    let blocks: Vec<String> = {
        let sel = scraper::Selector::parse("div.article-body pre code").unwrap();
        p.0.select(&sel).map(|e| e.text().collect()).collect()
    };
    assert_eq!(
        blocks,
        [
            format!("{YOUTUBE}\n{{% box(title=\"Repères\") %}}\nTexte\n{{% end %}}\n"),
            "{{ map(lat=45, lon=4) }}\n".to_string(),
            "{{ photo(src=\"/images/absente.jpg\") }}\n".to_string(),
        ]
    );
    // Nothing was expanded, and the photo in code was not looked for.
    assert_eq!(p.count("figure, aside, a.embed-load"), 0);
}

const LITERALS: &str = "Écrire {{/* video(url=\"x\") */}} affiche l'appel.\n\nEt {%/* box(title=\"Repères\") */%} aussi.\n\nCeci : {{ pas un appel }}, {{ video }}, {% end ici %}, {{ et {% seuls.\n";

const LITERAL_TEXTS: [&str; 3] = [
    "Écrire {{ video(url=\"x\") }} affiche l'appel.",
    "Et {% box(title=\"Repères\") %} aussi.",
    "Ceci : {{ pas un appel }}, {{ video }}, {% end ici %}, {{ et {% seuls.",
];

#[test]
fn literal_braces_and_braces_that_call_nothing_stay_text() {
    let t = site(&format!("{LITERALS}\n{YOUTUBE}\n"))
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.texts("div.article-body > p"), LITERAL_TEXTS);
    // Only the real call was expanded.
    assert_eq!(p.count("a.embed-load"), 1);
    assert_eq!(p.count("aside"), 0);
}

/// `{{/* … */}}` is the documented way to write `{{ … }}`: it must not
/// depend on the article calling a shortcode somewhere else.
#[test]
fn literal_braces_in_an_article_without_shortcodes() {
    let t = site(LITERALS).build().assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.texts("div.article-body > p"), LITERAL_TEXTS);
}

#[test]
fn a_shortcode_alone_on_its_line_is_a_block_not_a_paragraph() {
    let t = site(&format!(
        "Avant.\n\n{YOUTUBE}\n\nUne ligne du paragraphe,\n  {YOUTUBE}  \net la suite du même paragraphe.\n\n{{% box() %}}\nDedans.\n{{% end %}}\nAprès.\n"
    ))
    .build()
    .assert_success();
    // As written, before an HTML parser would mend it.
    let raw = t.read(PAGE);
    for glued in [
        "<p><figure",
        "<p>\n<figure",
        "<p><aside",
        "<p>\n<aside",
        "</figure></p>",
        "</aside></p>",
    ] {
        assert!(!raw.contains(glued), "{glued} in:\n{raw}");
    }
    let p = Page(t.html(PAGE));
    let html = body_html(&p);
    // A paragraph around a block is cut in two, none is left empty.
    assert_eq!(
        p.texts("div.article-body > p"),
        [
            "Avant.",
            "Une ligne du paragraphe,",
            "et la suite du même paragraphe.",
            "Après."
        ]
    );
    assert_eq!(p.count("div.article-body > figure.embed"), 2);
    assert_eq!(p.count("div.article-body > aside.box"), 1);
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} not in {html}"));
    assert!(at("embed--video") < at("Une ligne"));
    let second = html.rfind("embed--video").unwrap();
    assert!(at("Une ligne") < second && second < at("et la suite"));
}

#[test]
fn a_shortcode_inside_a_sentence_stays_in_its_paragraph() {
    let t = site(
        "La {{ sigle(court=\"SNCF\", long=\"Société nationale des chemins de fer français\") }} annonce des travaux.\n",
    )
    .file(SIGLE.0, SIGLE.1)
    .build()
    .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(
        p.texts("div.article-body > p"),
        ["La SNCF annonce des travaux."]
    );
    assert_eq!(
        p.attr("div.article-body > p > abbr", "title"),
        "Société nationale des chemins de fer français"
    );
}

/// Placeholder characters an author's text holds cannot stand for a shortcode.
#[test]
fn placeholder_characters_in_the_source_are_not_shortcodes() {
    let t = site(&format!(
        "Texte \u{E000}0\u{E001} et \u{E000}1\u{E001} ici.\n\n{YOUTUBE}\n\n{YOUTUBE}\n"
    ))
    .build()
    .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.texts("div.article-body > p"), ["Texte 0 et 1 ici."]);
    assert_eq!(p.count("a.embed-load"), 2);
    assert_eq!(files_with_placeholders(&t), Vec::<String>::new());
}

/// Summaries are plain text: a block shortcode is no part of them (a first
/// paragraph that is only one is skipped for the next one), an inline one
/// gives its words.
#[test]
fn summaries_hold_no_placeholders() {
    let t = site(
        "La {{ sigle(court=\"SNCF\", long=\"Société nationale\") }} annonce des travaux.\n\nSuite.\n",
    )
    .file(SIGLE.0, SIGLE.1)
    .file(
        "content/actualite/video-en-tete.md",
        article(
            "Vidéo en tête",
            &format!("{YOUTUBE}\n\nLe texte, après la vidéo.\n\nEncore.\n"),
        )
        .replace("2025-06-01", "2025-06-02"),
    )
    .file(
        "content/actualite/avec-suite.md",
        article(
            "Avec suite",
            &format!("Le début {{{{ sigle(court=\"RN7\", long=\"route\") }}}} avant.\n\n{YOUTUBE}\n\n<!-- more -->\n\nLa fin.\n"),
        )
        .replace("2025-06-01", "2025-06-03"),
    )
    .build()
    .assert_success();
    assert_eq!(files_with_placeholders(&t), Vec::<String>::new());
    let wanted = [
        ("Vidéo en tête", "Le texte, après la vidéo."),
        ("Avec suite", "Le début RN7 avant."),
    ];
    // The search index, the Atom and RSS feeds and the page's description.
    let index: serde_json::Value = serde_json::from_str(&t.read("recherche/index.json")).unwrap();
    let atom = t.read("atom.xml");
    let atom = roxmltree::Document::parse(&atom).unwrap();
    let rss = t.read("rss.xml");
    let rss = roxmltree::Document::parse(&rss).unwrap();
    for (title, summary) in wanted {
        let entry = index["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"] == title)
            .unwrap();
        assert_eq!(entry["summary"], summary, "{title} in the search index");
        let in_feed = |doc: &roxmltree::Document, item: &str, field: &str| {
            let it = doc
                .descendants()
                .find(|n| {
                    n.tag_name().name() == item
                        && n.children()
                            .any(|c| c.tag_name().name() == "title" && c.text() == Some(title))
                })
                .unwrap_or_else(|| panic!("no {item} {title}"));
            let f = it
                .children()
                .find(|c| c.tag_name().name() == field)
                .unwrap();
            f.text().unwrap_or("").to_string()
        };
        assert_eq!(
            in_feed(&atom, "entry", "summary"),
            summary,
            "{title} in Atom"
        );
        assert_eq!(
            in_feed(&rss, "item", "description"),
            summary,
            "{title} in RSS"
        );
    }
    let p = Page(t.html("2025/06/video-en-tete/index.html"));
    assert_eq!(
        p.attr("meta[name=description]", "content"),
        "Le texte, après la vidéo."
    );
}

/// An inline shortcode's words are part of the sentence; a summary that
/// drops them reads « La annonce des travaux. ».
#[test]
fn summaries_keep_the_words_of_an_inline_shortcode() {
    let t =
        site("La {{ sigle(court=\"SNCF\", long=\"Société nationale\") }} annonce des travaux.\n")
            .file(SIGLE.0, SIGLE.1)
            .build()
            .assert_success();
    let entry = super::index_entry(&t, "Tout en un");
    assert_eq!(entry["summary"], "La SNCF annonce des travaux.");
}

/// A built-in prints a block: written inside a sentence it cuts the
/// paragraph in two rather than putting a `<figure>` inside a `<p>`.
#[test]
fn a_block_builtin_inside_a_sentence_cuts_its_paragraph() {
    let t =
        site("Voici la séance {{ video(url=\"https://youtu.be/abc\") }} et la suite du texte.\n")
            .build()
            .assert_success();
    let html = body_html(&Page(t.html(PAGE)));
    let start = html
        .find("<p>Voici la séance</p>")
        .unwrap_or_else(|| panic!("{html}"));
    let figure = html
        .find("<figure class=\"embed embed--video\">")
        .unwrap_or_else(|| panic!("{html}"));
    let rest = html
        .find("<p>et la suite du texte.</p>")
        .unwrap_or_else(|| panic!("{html}"));
    assert!(start < figure && figure < rest, "{html}");
}
