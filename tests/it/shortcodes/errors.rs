//! Shortcode errors, each as the exact line printed (`file:line:col:
//! error: …`), all of them in one build, and the last output left as it was.

use super::{SOURCE, article, site};
use crate::harness::{SiteTest, tree};
use crate::seo::build_at;

const OTHER: &str = "content/actualite/autre.md";

/// Every shortcode of the default theme, as the unknown-shortcode error lists them.
const THEME_HAS: &str = "the theme has `article`, `audio`, `box`, `gallery`, `map`, `photo`, `quote`, `social`, `video`";
const VIDEO_TAKES: &str = "`video` takes url (string), poster (string, optional), start (integer, optional), title (string, optional)";
const MAP_TAKES: &str =
    "`map` takes lat (number), lon (number), title (string, optional), zoom (integer, optional)";

/// Errors found while expanding (line 7 on): the theme's components judge them.
const EXPANSION: &str = r#"Texte.

{% box(title="Repères") %}
- un
- {{ diaporama(src="x") }}
{% end %}

{{ video(url="https://youtu.be/aB3", titre="La séance") }}

{{ map(lon=4.8) }}

{{ map(lat=45.7, lon=4.8, zoom="x") }}

{{ map(lat=200, lon=4.8) }}

{{ video(url="pas une adresse") }}

{% video(url="https://youtu.be/aB3") %}
Un corps.
{% end %}

{{ box(title="Sans corps") }}

{{ quote(author="Anonyme") }}

{{ article(path="actualite/absent.md") }}

{{ article(path="actualite/brouillon.md") }}

Du texte, puis {{ video(url="https://youtu.be/aB3", embed="x") }}.
"#;

/// Errors found while reading the file (line 7 on): syntax and missing files.
const READING: &str = r#"{{ photo(src="/images/absente.jpg", alt="Une photo") }}

{{ audio(src="absent.mp3") }}

{{ video(url="https://youtu.be/aB3" title="y") }}

{% end %}

{% box(title="Jamais fermé") %}
Le texte continue jusqu'au bout.
"#;

#[test]
fn all_errors_of_two_files_are_reported_together_and_the_last_output_stays() {
    let t = site("Une version sans erreur.\n\n{{ video(url=\"https://vimeo.com/1\") }}\n")
        .build()
        .assert_success();
    let before = tree(&t.public());
    assert!(before.contains_key("2025/06/tout/index.html"));
    let t = t
        .file(SOURCE, article("Tout en un", EXPANSION))
        .file(OTHER, article("Autre", READING))
        .build();
    let f = "content/actualite/tout.md";
    let o = "content/actualite/autre.md";
    let want = [
        format!(
            "{o}:7:10: error: `photo`: photo `/images/absente.jpg` not found: there is no file content/images/absente.jpg"
        ),
        format!(
            "{o}:9:10: error: `audio`: file `absent.mp3` not found: there is no file content/actualite/absent.mp3"
        ),
        format!("{o}:11:37: error: in `video(…)`: expected `,` or `)` between arguments"),
        format!(
            "{o}:13:1: error: `{{% end %}}` closes no shortcode: a body shortcode opens with `{{% name(…) %}}`"
        ),
        format!(
            "{o}:15:1: error: `{{% box(…) %}}` is never closed: end its body with a line `{{% end %}}`"
        ),
        format!("{f}:11:3: error: unknown shortcode `diaporama`; {THEME_HAS}"),
        format!("{f}:14:38: error: unknown argument `titre` of `video`; {VIDEO_TAKES}"),
        format!("{f}:16:1: error: `map` needs `lat`; {MAP_TAKES}"),
        format!("{f}:18:27: error: argument `zoom` of `map` must be an integer, not a string"),
        format!("{f}:20:8: error: `map`: `lat` is a latitude, from -90 to 90, not 200"),
        format!(
            "{f}:22:10: error: `video`: `url` must be the address of a video page (https://…) or a .mp4 or .webm file of the site, not `pas une adresse`"
        ),
        format!("{f}:24:1: error: `video` takes no body: write `{{{{ video(…) }}}}` alone"),
        format!(
            "{f}:28:1: error: `box` has a body: write `{{% box(…) %}}`, the text, then `{{% end %}}`"
        ),
        format!(
            "{f}:30:1: error: `quote` has a body: write `{{% quote(…) %}}`, the text, then `{{% end %}}`"
        ),
        format!(
            "{f}:32:12: error: `article`: `path=\"actualite/absent.md\"` names no published article: there is no article content/actualite/absent.md"
        ),
        format!(
            "{f}:34:12: error: `article`: `path=\"actualite/brouillon.md\"` names no published article: content/actualite/brouillon.md is a draft"
        ),
        format!(
            "{f}:36:53: error: `embed` of `video` is set by rotative, not in the article; {VIDEO_TAKES}"
        ),
        "build failed: 17 errors".to_string(),
    ];
    let lines: Vec<&str> = want.iter().map(String::as_str).collect();
    let t = t.assert_errors(&lines);
    // Nothing else, files in the order of their paths, lines in order.
    let errors: Vec<&str> = t
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    assert_eq!(errors, lines[..lines.len() - 1], "{}", t.stderr);
    // The failed build wrote nothing: the last good site is still there.
    assert_eq!(tree(&t.public()), before);
}

/// An article scheduled after the build time cannot be linked to yet; from
/// its date on, the card shows it.
#[test]
fn a_card_to_a_scheduled_article_is_an_error_until_its_date() {
    let t = site("{{ article(path=\"/actualite/futur.md\") }}\n").file(
        "content/actualite/futur.md",
        article("Le futur", "Bientôt.\n").replace("2025-06-01 10:00", "2025-08-01 10:00"),
    );
    let t = build_at(t, crate::seo::NOW, &[]).assert_errors(&[
        "content/actualite/tout.md:7:12: error: `article`: `path=\"/actualite/futur.md\"` names no published article: content/actualite/futur.md is scheduled for 2025-08-01 10:00",
    ]);
    let t = build_at(t, "2025-08-01T10:00:00+02:00", &[]).assert_success();
    let p = crate::harness::Page(t.html(super::PAGE));
    assert_eq!(p.text(".inline-card .card-title"), "Le futur");
    assert_eq!(
        p.attr(".inline-card .card-title a", "href"),
        "/2025/08/futur/"
    );
}

/// Values each built-in judges itself, beyond the argument's type.
#[test]
fn bad_values_name_the_argument_and_what_it_takes() {
    let f = "content/actualite/tout.md";
    site(
        r#"{{ video(url="https://youtu.be/x", start=-3) }}

{{ video(url="https://youtu.be/x", start=1.5) }}

{{ social(url="https://x.com/a/status/1", date="hier") }}

{{ social(url="pas une adresse") }}

{{ audio(src="ftp:/son") }}

{{ map(lat=45, lon=-200) }}

{{ map(lat=45, lon=4, zoom=25) }}

{{ photo(src="/images/pylone.png", alt=["une", "liste"]) }}

{% gallery(title="Vide") %}
Pas de photo ici.
{% end %}

{% gallery() %}
{{ photo(src="/images/pylone.png", alt="Le pylône") }}
{{ video(url="https://vimeo.com/1") }}
{% end %}
"#,
    )
    .build()
    .assert_errors(&[
        &format!("{f}:7:36: error: `video`: `start` is a number of seconds from the start, not -3"),
        &format!("{f}:9:36: error: argument `start` of `video` must be an integer, not a float"),
        &format!(
            "{f}:11:43: error: `social`: cannot read `date=\"hier\"`; write 2025-03-14 or 2025-03-14 09:30"
        ),
        &format!(
            "{f}:13:11: error: `social`: `url` must be the address of the post (https://…), not `pas une adresse`"
        ),
        &format!(
            "{f}:15:10: error: `audio`: `src` must be a sound file of the site (.mp3, .m4a, .ogg, .oga, .opus, .wav) or its address (https://…), not `ftp:/son`"
        ),
        &format!("{f}:17:16: error: `map`: `lon` is a longitude, from -180 to 180, not -200"),
        &format!("{f}:19:23: error: `map`: `zoom` goes from 1 (the world) to 19 (a street), not 25"),
        &format!("{f}:21:36: error: argument `alt` of `photo` must be a string, not an array"),
        &format!(
            "{f}:23:1: error: `gallery`: a gallery needs photos: one `{{{{ photo(src=\"…\", alt=\"…\") }}}}` line each"
        ),
        &format!("{f}:29:1: error: `gallery` holds `photo(…)` shortcodes only, not `video`"),
        "build failed: 10 errors",
    ]);
}

#[test]
fn malformed_calls_are_errors_at_the_faulty_character() {
    let f = "content/actualite/tout.md";
    site(
        "{{ video(url=x) }}\n\n{{ video(url=\"a\", url=\"b\") }}\n\n{{ video(=\"a\") }}\n\n{{ video(url) }}\n\n{{ video(url=\"a\" }}\n",
    )
    .build()
    .assert_errors(&[
        &format!(
            "{f}:7:14: error: in `video(…)`: the value of `url` must be a quoted string, a number, true, false or a list `[…]`"
        ),
        &format!("{f}:9:19: error: in `video(…)`: argument `url` is given twice"),
        &format!(
            "{f}:11:10: error: in `video(…)`: expected an argument name (`video(title=\"…\")`)"
        ),
        &format!("{f}:13:13: error: in `video(…)`: argument `url` needs a value: `url=\"…\"`"),
        &format!("{f}:15:18: error: in `video(…)`: expected `,` or `)` between arguments"),
        "build failed: 5 errors",
    ]);
}

/// A file's reading errors (a missing photo) must not hide the errors its
/// other shortcodes would give: « all of them in one build ».
#[test]
fn a_missing_photo_does_not_hide_the_other_errors_of_its_file() {
    let f = "content/actualite/tout.md";
    site("{{ photo(src=\"/images/absente.jpg\") }}\n\n{{ diaporama() }}\n")
        .build()
        .assert_errors(&[
            &format!(
                "{f}:7:10: error: `photo`: photo `/images/absente.jpg` not found: there is no file content/images/absente.jpg"
            ),
            &format!("{f}:9:1: error: unknown shortcode `diaporama`; {THEME_HAS}"),
            "build failed: 2 errors",
        ]);
}

/// A missing required argument is one error; the built-in should not also
/// judge the empty value (« not `` », « there is no article content/ »).
#[test]
fn a_missing_argument_is_one_error() {
    let f = "content/actualite/tout.md";
    let t = site(
        "{{ video(title=\"x\") }}\n\n{{ social(author=\"x\") }}\n\n{{ audio(title=\"x\") }}\n\n{{ article() }}\n",
    )
    .build()
    .assert_errors(&[
        &format!("{f}:7:1: error: `video` needs `url`; {VIDEO_TAKES}"),
        &format!(
            "{f}:9:1: error: `social` needs `url`; `social` takes url (string), author (string, optional), date (string, optional), text (string, optional)"
        ),
        &format!("{f}:11:1: error: `audio` needs `src`; `audio` takes src (string), title (string, optional)"),
        &format!("{f}:13:1: error: `article` needs `path`; `article` takes path (string)"),
    ]);
    let errors = t.stderr.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, 4, "{}", t.stderr);
}

#[test]
fn a_card_to_a_page_that_is_no_article_says_so() {
    SiteTest::fixture("basic")
        .file(SOURCE, article("Tout en un", "{{ article(path=\"pages/a-propos.md\") }}\n"))
        .build()
        .assert_errors(&[
            "content/actualite/tout.md:7:12: error: `article`: `path=\"pages/a-propos.md\"` names no published article: content/pages/a-propos.md is not an article",
        ]);
}
