//! Bad input: each case is one broken file added to the good fixture, and the
//! build must fail with a message naming the file and the line.

use crate::harness::{SiteTest, tree};

fn broken(rel: &str, contents: &[u8]) -> SiteTest {
    SiteTest::fixture("basic").file(rel, contents).build()
}

const A: &str = "content/actualite/casse.md";

#[test]
fn no_front_matter() {
    broken(A, b"# Juste du Markdown\n").assert_errors(&[
        "content/actualite/casse.md:1: error: missing front matter: an article must start with a line `---`, then `key: value` lines, then `---`",
    ]);
}

#[test]
fn front_matter_is_a_list() {
    broken(A, b"---\n- title\n- date\n---\n").assert_errors(&[
        "content/actualite/casse.md:2: error: the front matter must be a map of `key: value` lines, found a list",
    ]);
}

#[test]
fn yaml_syntax_error_points_at_the_file_line() {
    broken(A, b"---\ntitle: Bon\ndate: 2025-01-01\ntags: [a, b\ncategory: X\n---\n").assert_errors(&[
        "content/actualite/casse.md:5:9: error: invalid YAML in front matter: did not find expected ',' or ']' at line 5 column 9, while parsing a flow sequence at line 4 column 7",
    ]);
}

#[test]
fn wrong_type_for_tags() {
    broken(A, b"---\ntitle: Bon\ndate: 2025-01-01\ntags: 3\n---\n").assert_errors(&[
        "content/actualite/casse.md:4: error: `tags` must be a list of strings such as `tags: [a, b]`, found a number",
    ]);
}

#[test]
fn missing_title_and_date() {
    broken(A, b"---\ncategory: X\n---\nTexte.\n").assert_errors(&[
        "content/actualite/casse.md:1: error: missing `title`: every article needs a non-empty title",
        "content/actualite/casse.md:1: error: missing `date` (or a file name starting with YYYY-MM-DD-)",
    ]);
}

#[test]
fn photo_without_src() {
    broken(A, b"---\ntitle: Bon\ndate: 2025-01-01\nphoto:\n  alt: rien\n---\n").assert_errors(&[
        "content/actualite/casse.md:4: error: `photo` needs a `src` (the image path, e.g. /images/photo.jpg)",
    ]);
}

#[test]
fn draft_must_be_a_boolean() {
    broken(
        A,
        b"---\ntitle: Bon\ndate: 2025-01-01\ndraft: peut-etre\n---\n",
    )
    .assert_errors(&[
        "content/actualite/casse.md:4: error: `draft` must be true or false, found a string",
    ]);
}

#[test]
fn author_profile_without_name() {
    broken("content/authors/sans-nom.md", b"---\nrole: Stagiaire\n---\nBio.\n").assert_errors(&[
        "content/authors/sans-nom.md:1: error: missing `name`: an author profile needs the author's name",
    ]);
}

#[test]
fn all_errors_are_reported_in_one_build() {
    let t = SiteTest::fixture("basic")
        .file("content/a.md", "---\ntitle: A\ndate: hier\n---\n")
        .file("content/b.md", "---\ntitle: B\ndate: 2025-01-01\ntags: 3\n---\n")
        .file("content/pages/c.md", "---\n---\n")
        .build()
        .assert_errors(&[
            "content/a.md:3: error: cannot read `date: hier`; accepted forms: 2025-03-04, 2025-03-04 08:30, 2025-03-04T08:30:00+01:00, 2025-03-04 08:30:00 +0100 (a zone name such as CET or Europe/Paris may follow), Tue, 04 Mar 2025 08:30:00 +0100, 4 March 2025 or March 4, 2025",
            "content/b.md:4: error: `tags` must be a list of strings such as `tags: [a, b]`, found a number",
            "content/pages/c.md:1: error: missing `title`: every page needs a non-empty title",
            "build failed: 3 errors",
        ]);
    assert!(
        !t.public().exists(),
        "a failed build must not create the output"
    );
}

#[test]
fn unknown_config_key_suggests_the_valid_one() {
    let toml =
        std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml"))
            .unwrap();
    SiteTest::fixture("basic")
        .file("site.toml", toml.replace("per_page = 2", "per_pgae = 2"))
        .build()
        .assert_errors(&[
            "error: site.toml:6: unknown key `per_pgae` in the top level; did you mean `per_page`?",
        ]);
}

#[test]
fn config_type_error_names_line() {
    let toml =
        std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml"))
            .unwrap();
    SiteTest::fixture("basic")
        .file(
            "site.toml",
            toml.replace("per_page = 2", "per_page = \"deux\""),
        )
        .build()
        .assert_errors(&["error: site.toml:6:12: invalid type: string \"deux\", expected usize"]);
}

#[test]
fn missing_theme() {
    // A missing `themes/default` falls back to the built-in theme; any other is an error.
    let t = SiteTest::fixture("basic").remove("themes");
    let toml = std::fs::read_to_string(t.root.join("site.toml")).unwrap();
    let t = t
        .file("site.toml", format!("theme = \"maison\"\n{toml}"))
        .build();
    assert_eq!(t.status, Some(1));
    let line = t.stderr.lines().next().unwrap();
    assert!(
        line.starts_with("error: theme `maison` not found: no folder "),
        "{line}"
    );
    assert!(
        line.ends_with("themes/maison/templates (set `theme` in site.toml)"),
        "{line}"
    );
}

#[test]
fn missing_template() {
    let t = SiteTest::fixture("basic")
        .remove("themes/default/templates/tags.html")
        .build();
    assert_eq!(t.status, Some(1));
    let line = t.stderr.lines().next().unwrap();
    assert!(
        line.starts_with("error: theme `default` is missing template tags.html (looked in "),
        "{line}"
    );
}

const PAGE_TEMPLATE: &str = "themes/default/templates/page.html";

/// Unknown names are found when the theme loads, every one of them, each on
/// its template's line and column with the line and a caret.
#[test]
fn template_errors_unknown_filter_function_and_component_in_one_run() {
    SiteTest::fixture("basic")
        .file(
            PAGE_TEMPLATE,
            "{% extends \"base.html\" %}{% block content %}\n<h1>{{ page.title | uppr }}</h1>\n{{ nofunc(x=1) }}\n{{<nocomp a={1} />}}\n{% endblock %}\n",
        )
        .build()
        .assert_errors(&[
            "themes/default/templates/page.html:2:21: error: Unknown filter `uppr`",
            "2 | <h1>{{ page.title | uppr }}</h1>",
            "  |                     ^^^^",
            "themes/default/templates/page.html:3:4: error: Unknown function `nofunc`",
            "3 | {{ nofunc(x=1) }}",
            "  |    ^^^^^^^^^^^",
            "themes/default/templates/page.html:4:3: error: Unknown component `nocomp`",
            "4 | {{<nocomp a={1} />}}",
            "  |   ^^^^^^^^^^^^^^^^",
            "build failed: 3 errors",
        ]);
}

/// A syntax error in each of two templates: both are reported.
#[test]
fn template_syntax_errors_of_two_files_in_one_run() {
    SiteTest::fixture("basic")
        .file(
            PAGE_TEMPLATE,
            "{% extends \"base.html\" %}{% block content %}\n<h1>{{ page.title </h1>\n{% endblock %}\n",
        )
        .file("themes/default/templates/tags.html", "{% if %}\n")
        .build()
        .assert_errors(&[
            "themes/default/templates/page.html:2:19: error: Found `</` but expected }}.",
            "2 | <h1>{{ page.title </h1>",
            "  |                   ^^",
            "themes/default/templates/tags.html:1:7: error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`",
            "1 | {% if %}",
            "  |       ^^",
            "build failed: 2 errors",
        ]);
}

/// What only rendering finds (a field the value lacks, a wrong argument)
/// names the template's line and the source whose page it stopped.
#[test]
fn template_error_while_rendering_names_line_and_source() {
    SiteTest::fixture("basic")
        .file(
            PAGE_TEMPLATE,
            "{% extends \"base.html\" %}{% block content %}\n<h1>{{ page.nope.deeper }}</h1>{% endblock %}\n",
        )
        .build()
        .assert_errors(&[
            "themes/default/templates/page.html:2:13: error: Field `nope` is not defined. Available fields: content, extra, permalink, slug, summary, summary_in_body, title, url",
            "2 | <h1>{{ page.nope.deeper }}</h1>{% endblock %}",
            "  |             ^^^^",
            "  (rendering content/pages/a-propos.md)",
            "build failed: 1 error",
        ]);
    SiteTest::fixture("basic")
        .file(
            PAGE_TEMPLATE,
            "{% extends \"base.html\" %}{% block content %}\n<h1>{{ page.title | truncate(length=\"x\") }}</h1>{% endblock %}\n",
        )
        .build()
        .assert_errors(&[
            "themes/default/templates/page.html:2:8: error: Invalid type for the value, expected `usize` but got `string`",
            "  (rendering content/pages/a-propos.md)",
        ]);
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let before = tree(&t.public());
    let t = t.file(A, "---\ntitle: casse\ndate: jamais\n---\n").build();
    assert_eq!(t.status, Some(1));
    assert_eq!(before, tree(&t.public()));
    let leftovers: Vec<_> = std::fs::read_dir(&t.root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("rotative-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
