//! A theme's own shortcodes, a theme overriding a built-in, a file under
//! `shortcodes/` that is no shortcode, a theme without any, and the default
//! theme built into the binary.

use super::{PAGE, SOURCE, article, every_builtin, site};
use crate::harness::Page;

const DIR: &str = "themes/default/templates/shortcodes";

const ENCADRE: &str = r#"{#- Un encadré coloré : `{% encadre(tone="alerte") %} … {% end %}`, ou vide. -#}
{%- component encadre(tone: string = "info") {"body": "optional"} -%}
<div class="encadre encadre--{{ tone }}">
{%- if body %}{{ body }}{% else %}<p>Rien à signaler.</p>{% endif -%}
</div>
{%- endcomponent encadre -%}
"#;

#[test]
fn a_theme_adds_its_own_shortcode() {
    let t = site(
        "{% encadre(tone=\"alerte\") %}\n**Attention** : la route est *coupée*.\n{% end %}\n\n{{ encadre() }}\n",
    )
    .file(&format!("{DIR}/encadre.html"), ENCADRE)
    .build()
    .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(
        p.attrs("div.article-body > div", "class"),
        ["encadre encadre--alerte", "encadre encadre--info"]
    );
    assert_eq!(
        p.texts("div.article-body > div > p"),
        ["Attention : la route est coupée.", "Rien à signaler."]
    );
    assert_eq!(p.text("div.encadre--alerte p strong"), "Attention");
}

#[test]
fn a_theme_shortcode_has_its_arguments_checked_and_is_listed() {
    let f = "content/actualite/tout.md";
    site("{{ encadre(ton=\"alerte\") }}\n\n{{ encadre(tone=3) }}\n\n{{ diaporama() }}\n")
        .file(&format!("{DIR}/encadre.html"), ENCADRE)
        .build()
        .assert_errors(&[
            &format!(
                "{f}:7:12: error: unknown argument `ton` of `encadre`; `encadre` takes tone (string, optional)"
            ),
            &format!("{f}:9:12: error: argument `tone` of `encadre` must be a string, not an integer"),
            &format!(
                "{f}:11:1: error: unknown shortcode `diaporama`; the theme has `article`, `audio`, `box`, `encadre`, `gallery`, `map`, `photo`, `quote`, `social`, `video`"
            ),
            "build failed: 3 errors",
        ]);
}

/// A theme's `video.html` replaces the built-in's markup; rotative still
/// gives it the embed, and the new signature is the one checked.
#[test]
fn a_theme_overrides_a_built_in() {
    let video = r#"{%- component video(url: string, legende: string = "", @embed) -%}
<p class="ma-video"><a href="{{ embed.url }}" data-player="{{ embed.player }}">{{ legende }}</a> ({{ embed.provider }})</p>
{%- endcomponent video -%}
"#;
    let t = site("{{ video(url=\"https://youtu.be/aB3\", legende=\"La séance\") }}\n")
        .file(&format!("{DIR}/video.html"), video)
        .build()
        .assert_success();
    let p = Page(t.html(PAGE));
    assert_eq!(p.count("figure"), 0);
    assert_eq!(
        p.text("div.article-body > p.ma-video"),
        "La séance (YouTube)"
    );
    assert_eq!(
        p.attr("p.ma-video a", "data-player"),
        "https://www.youtube-nocookie.com/embed/aB3?autoplay=1"
    );
    assert_eq!(p.attr("p.ma-video a", "href"), "https://youtu.be/aB3");
    // The built-in's `title` is no argument of the theme's video.
    t.file(SOURCE, article("Tout en un", "{{ video(url=\"https://youtu.be/aB3\", title=\"x\") }}\n"))
        .build()
        .assert_errors(&[
            "content/actualite/tout.md:7:38: error: unknown argument `title` of `video`; `video` takes url (string), legende (string, optional)",
        ]);
}

#[test]
fn a_shortcode_file_without_its_component_is_an_error_naming_it() {
    let t = site("Texte.\n")
        .file(
            &format!("{DIR}/cadre.html"),
            "{%- component encart(tone: string = \"info\") -%}\n<div>{{ tone }}</div>\n{%- endcomponent encart -%}\n",
        )
        .file(&format!("{DIR}/vide.html"), "<p>Rien.</p>\n")
        .build()
        .assert_errors(&[
            "themes/default/templates/shortcodes/cadre.html:1: error: this shortcode's template must define the component `cadre`: `{% component cadre(…) %} … {% endcomponent cadre %}`",
            "themes/default/templates/shortcodes/vide.html:1: error: this shortcode's template must define the component `vide`: `{% component vide(…) %} … {% endcomponent vide %}`",
            "build failed: 2 errors",
        ]);
    assert!(!t.public().exists());
}

/// Files starting with `_` and files in subfolders are the shortcodes' own
/// helpers, not shortcodes.
#[test]
fn helper_files_under_shortcodes_are_not_shortcodes() {
    site("Texte.\n")
        .file(
            &format!("{DIR}/_commun.html"),
            "{% component pastille(texte: string) %}<b>{{ texte }}</b>{% endcomponent pastille %}\n",
        )
        .file(&format!("{DIR}/parties/aide.html"), "<p>Aide.</p>\n")
        .build()
        .assert_success();
}

#[test]
fn a_theme_without_shortcodes_says_it_has_none() {
    site("{{ video(url=\"https://youtu.be/aB3\") }}\n")
        .theme("dump")
        .build()
        .assert_errors(&[
            "content/actualite/tout.md:7:1: error: unknown shortcode `video`; the theme has none (no shortcodes/ folder under themes/default/templates/)",
        ]);
}

/// The built-ins ship inside the binary with the rest of the default theme:
/// a site without a `themes/` folder gets the same pages.
#[test]
fn the_built_in_theme_has_the_built_in_shortcodes() {
    let on_disk = every_builtin().build().assert_success();
    let embedded = every_builtin().remove("themes").build().assert_success();
    assert!(!embedded.root.join("themes").exists());
    super::assert_same_tree(&on_disk.public(), &embedded.public(), "embedded theme");
}
