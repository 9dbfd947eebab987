//! `rotative check` and `build --strict`: every kind of finding, with its
//! file and line, as warnings or errors.

use super::check;
use crate::harness::{Page, SiteTest, tree};
use std::fs;

const CLAIRE: &str = "content/actualite/2025-02-20-lettre-des-lecteurs.md:3: warning: author `Claire Invitée` has no profile (content/authors/claire-invitee.md); 1 article credit them";

/// An article with every kind of link, good and broken; line numbers matter.
const LINKS: &str = "---
title: Des liens dans tous les sens
date: 2025-03-15 10:00
author: alice-durand
category: Économie
summary: Des liens, des images et des ancres.
photo:
  src: /images/pylone.png
  alt: \"\"
---
Voir [la page](/a-propos/), [rien](/nulle-part/) et [l'encadré](/2025/07/electricite-ete/#a-lire-aussi).

Puis [l'équipe](/a-propos/#equipe), [la suite](#pourquoi) et [absent](#absent).

## Pourquoi {#pourquoi}

![carte](/images/absente.png) et [le fichier](2025-03-04-electricite-ete.md).
<a href=\"/rubriques/nope/\">x</a> [ext](https://example.org/x) [mail](mailto:a@b.example)
[absolu](https://gazette.example/a-propos/) et [relatif](../../../images/pylone.png).
";

#[test]
fn check_reports_broken_links_anchors_and_files_with_their_lines() {
    let t = SiteTest::fixture("basic").file("content/actualite/liens.md", LINKS);
    let before = tree(&t.root);
    let r = check(&t, &[]);
    assert_eq!(r.status, Some(0), "warnings only: {}", r.stderr);
    let l = "content/actualite/liens.md";
    let expected = [
        CLAIRE.to_string(),
        format!(
            "{l}:7: warning: the photo has no `alt`: describe it for readers who cannot see it"
        ),
        format!("{l}:7: warning: the photo has no `credit`: name its photographer or agency"),
        format!("{l}:11: warning: broken link to `/nulle-part/`: no such page or file in the site"),
        format!(
            "{l}:13: warning: broken link to `#absent`: this page has no element with id `absent`"
        ),
        format!(
            "{l}:13: warning: broken link to `/a-propos/#equipe`: the page /a-propos/ has no element with id `equipe`"
        ),
        format!("{l}:17: warning: broken image `/images/absente.png`: no such file in the site"),
        format!(
            "{l}:17: warning: broken link to `2025-03-04-electricite-ete.md`: it names a Markdown file; link to its page `/2025/07/electricite-ete/` instead"
        ),
        format!(
            "{l}:18: warning: broken link to `/rubriques/nope/`: no such page or file in the site"
        ),
    ];
    assert_eq!(r.lines(), expected, "stderr:\n{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "Checked 5 articles, 1 page and 2 author profiles (14 links to the site, 4 anchors): 0 errors, 9 warnings in "
        ),
        "{}",
        r.stdout
    );
    // Built in memory: nothing written, not even an output folder; only the
    // photo cache (which a build would fill the same way) may appear.
    let mut after = tree(&t.root);
    after.retain(|k, _| !k.starts_with(".rotative-cache/"));
    assert_eq!(after, before);
    assert!(!t.public().exists());
}

#[test]
fn check_reports_editorial_problems() {
    let long = "Une phrase qui se répète pour dépasser la limite. ".repeat(5);
    let t = SiteTest::fixture("basic")
        .file(
            "content/authors/claire-invitee.md",
            "---\nname: Claire Invitée\n---\n",
        )
        .file(
            "content/actualite/sans-rubrique.md",
            "---\ntitle: le Marché du  samedi change de place\ndate: 2025-03-02\nauthor: alice-durand\n---\nCourt.\n",
        )
        .file(
            "content/actualite/long.md",
            format!("---\ntitle: Long\ndate: 2025-03-03\nauthor: alice-durand\ncategory: Économie\nsummary: \"{long}\"\n---\nCourt.\n"),
        )
        .file(
            "content/actualite/long-texte.md",
            format!("---\ntitle: Long texte\ndate: 2025-03-05\nauthor: alice-durand\ncategory: Économie\n---\n\n## Intertitre\n\n{long}\n"),
        )
        .file(
            "content/pages/charte.md",
            format!("---\ntitle: Charte\nsummary: \"{long}\"\n---\nTexte.\n"),
        );
    let r = check(&t, &[]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let n = long.trim().chars().count();
    assert_eq!(
        r.lines(),
        [
            format!("content/actualite/long-texte.md:10: warning: the summary, taken from the start of the text, is {n} characters long; social cards show about 200: add a shorter `summary`"),
            format!("content/actualite/long.md:6: warning: the summary is {} characters long; social cards show about 200: shorten `summary`", long.chars().count()),
            "content/actualite/sans-rubrique.md:1: warning: no `category`: the article is in no section of the site".to_string(),
            "content/actualite/sans-rubrique.md:2: warning: the title « le Marché du  samedi change de place » is also used by content/actualite/marche-du-samedi.md".to_string(),
            format!("content/pages/charte.md:3: warning: the summary is {} characters long; social cards show about 200: shorten `summary`", long.chars().count()),
        ],
        "stderr:\n{}",
        r.stderr
    );
}

#[test]
fn strict_mode_turns_findings_into_errors() {
    let t = SiteTest::fixture("basic");
    let r = check(&t, &["--strict"]);
    assert_eq!(r.status, Some(1));
    // The author warning the build gives is reported once, as an error.
    assert_eq!(r.lines(), [CLAIRE.replace("warning:", "error:")]);
    assert!(
        r.stdout
            .contains(" in strict mode: 1 error, 0 warnings in "),
        "{}",
        r.stdout
    );
    // `strict = true` in site.toml does the same.
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    let t = t.file("site.toml", format!("strict = true\n{toml}"));
    let r = check(&t, &[]);
    assert_eq!(r.status, Some(1));
    assert_eq!(r.lines(), [CLAIRE.replace("warning:", "error:")]);
}

#[test]
fn drafts_are_checked_only_with_drafts() {
    let draft = "---\ntitle: Brouillon cassé\ndate: 2025-03-12\nauthor: bruno-petit\ncategory: Politique\ndraft: true\n---\nVoir [ici](/ailleurs/).\n";
    let t = SiteTest::fixture("basic")
        .file(
            "content/authors/claire-invitee.md",
            "---\nname: Claire Invitée\n---\n",
        )
        .file("content/actualite/brouillon.md", draft);
    let r = check(&t, &[]);
    assert_eq!((r.status, r.lines().len()), (Some(0), 0), "{}", r.stderr);
    let r = check(&t, &["--drafts"]);
    assert_eq!(
        r.lines(),
        [
            "content/actualite/brouillon.md:8: warning: broken link to `/ailleurs/`: no such page or file in the site"
        ]
    );
}

#[test]
fn check_of_a_site_that_does_not_build_fails() {
    let t = SiteTest::fixture("basic").file("content/actualite/casse.md", "---\ntitle: [\n---\n");
    let r = check(&t, &[]);
    assert_eq!(r.status, Some(1));
    assert!(
        r.lines()
            .iter()
            .any(|l| l.starts_with("content/actualite/casse.md:")
                && l.contains(": error: invalid YAML in front matter")),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout
            .starts_with("Check failed: the site does not build (1 error, "),
        "{}",
        r.stdout
    );
}

#[test]
fn strict_build_fails_on_findings_and_keeps_the_previous_output() {
    let t = SiteTest::fixture("basic")
        .file(
            "content/authors/claire-invitee.md",
            "---\nname: Claire Invitée\n---\n",
        )
        .build_with(&["--strict"])
        .assert_success();
    let before = tree(&t.public());
    let t = t
        .file(
            "content/actualite/liens.md",
            "---\ntitle: Liens\ndate: 2025-03-15\nauthor: alice-durand\ncategory: Économie\n---\nVoir [rien](/nulle-part/).\n",
        )
        .build_with(&["--strict"])
        .assert_errors(&[
            "content/actualite/liens.md:7: error: broken link to `/nulle-part/`: no such page or file in the site",
            "build failed: 1 error",
        ]);
    assert_eq!(tree(&t.public()), before, "a failed build changes nothing");
    // Without strict mode the build does not run the checks.
    let t = t.build().assert_success();
    assert!(!t.stderr.contains("nulle-part"), "{}", t.stderr);
    assert!(t.public().join("2025/03/liens/index.html").is_file());
}

#[test]
fn heading_ids_are_anchors() {
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/ancres.md",
            "---\ntitle: Ancres\ndate: 2025-03-15\nauthor: alice-durand\ncategory: Économie\n---\n[Plus bas](#suite)\n\n## La suite {#suite}\n",
        )
        .build()
        .assert_success()
        .assert_page("2025/03/ancres/index.html", |p: &Page| {
            assert_eq!(p.text("h2#suite"), "La suite");
        });
    let r = check(&t, &[]);
    assert_eq!(r.lines(), [CLAIRE], "{}", r.stderr);
}

/// A template error stops `check` as it stops `build`: with its place.
#[test]
fn check_reports_template_errors_with_their_place() {
    let t = SiteTest::fixture("basic").file(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n{{ page.title | uppr }}{% endblock %}\n",
    );
    let r = check(&t, &[]);
    assert_eq!(r.status, Some(1), "{}", r.stderr);
    assert!(
        r.lines()
            .contains(&"themes/default/templates/page.html:2:17: error: Unknown filter `uppr`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stdout
            .starts_with("Check failed: the site does not build (1 error, "),
        "{}",
        r.stdout
    );
}
