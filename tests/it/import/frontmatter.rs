//! Jekyll, Hugo and Zola front matter dropped into `content/` builds as it is:
//! each translated key is said once for the site, keys without an equivalent
//! are reported with their line, and unreadable dates list the accepted forms.

use crate::harness::SiteTest;

const JEKYLL_POST: &str = "---
layout: post
title: Le budget primitif adopté de justesse
tags: budget conseil
categories: [Politique, Finances]
excerpt: Vingt-trois voix contre vingt-deux, après trois heures de débat.
image:
  path: /images/pylone.png
  alt: La salle du conseil
  credit: Lucie Marchand
redirect_from: /politique/2019/05/01/budget.html
lang: fr
---
Le conseil municipal a adopté son budget mardi soir.
";

const JEKYLL_POST_2: &str = "---
layout: post
title: La halle rouvre ses portes
date: 2019-05-02 18:15:00 +0200
categories: Ville
excerpt: Après deux ans de travaux, les commerçants reviennent.
---
La halle du marché rouvre samedi.
";

#[test]
fn jekyll_posts_build_as_they_are_with_one_warning_per_key() {
    let t = SiteTest::fixture("basic")
        .file("content/_posts/2019-05-01-budget-primitif.md", JEKYLL_POST)
        .file("content/_posts/2019-05-02-halle.md", JEKYLL_POST_2)
        .build()
        .assert_success()
        .assert_stderr_has("content/_posts/2019-05-01-budget-primitif.md:6: warning: `excerpt` is read as `summary`; write that instead (said once for the site: 2 files use it)")
        .assert_stderr_has("content/_posts/2019-05-01-budget-primitif.md:4: warning: `tags` as a string is read as the list `tags: [a, b]` (split on spaces, as Jekyll does); write that instead (said once for the site: 1 file uses it)")
        .assert_stderr_has("content/_posts/2019-05-01-budget-primitif.md:12: warning: `lang` has no equivalent: a rotative site has one language, `language` in site.toml (kept in `extra`)");
    assert_eq!(
        t.stderr.matches("`excerpt` is read as").count(),
        1,
        "{}",
        t.stderr
    );
    // The file name gives the date and the slug.
    let t = t.assert_page("2019/05/budget-primitif/index.html", |p| {
        assert_eq!(p.text("h1"), "Le budget primitif adopté de justesse");
        assert_eq!(
            p.text(".standfirst"),
            "Vingt-trois voix contre vingt-deux, après trois heures de débat."
        );
        assert_eq!(p.text(".credit"), "© Lucie Marchand");
        assert_eq!(p.attr("figure img", "alt"), "La salle du conseil");
        assert_eq!(
            p.attr("time[datetime]", "datetime"),
            "2019-05-01T00:00:00+02:00"
        );
    });
    // The first category is the category, the others are tags.
    let t = t.assert_page("rubriques/politique/index.html", |p| {
        assert!(
            p.texts("h2, h3")
                .iter()
                .any(|h| h == "Le budget primitif adopté de justesse")
        );
    });
    let t = t.assert_page("mots-cles/finances/index.html", |p| {
        assert!(
            p.texts("h2, h3")
                .iter()
                .any(|h| h == "Le budget primitif adopté de justesse")
        );
    });
    let t = t
        .assert_file("mots-cles/budget/index.html")
        .assert_file("mots-cles/conseil/index.html")
        .assert_file("rubriques/ville/index.html");
    // `redirect_from` is an old address that still leads to the article.
    let redirect = t.read("politique/2019/05/01/budget.html");
    assert!(
        redirect.contains("url=https://gazette.example/2019/05/budget-primitif/"),
        "{redirect}"
    );
    t.assert_page("2019/05/halle/index.html", |p| {
        assert_eq!(
            p.attr("time[datetime]", "datetime"),
            "2019-05-02T18:15:00+02:00"
        );
    });
}

const HUGO_TOML: &str = "+++
title = \"Les pistes cyclables du quai\"
date = 2025-03-01T09:00:00+01:00
publishDate = \"2025-03-04 08:30:00 -0700 MST\"
lastmod = 2025-03-05
tags = \"vélo, voirie\"
description = \"Trois kilomètres de plus le long du fleuve.\"
expiryDate = 2030-01-01
aliases = [\"/posts/pistes-cyclables/\"]

[cover]
image = \"/images/pylone.png\"
alt = \"Le quai\"
caption = \"Le quai au printemps.\"
+++
La métropole prolonge ses pistes cyclables.
";

#[test]
fn hugo_toml_front_matter_builds_and_reports_what_it_cannot_map() {
    SiteTest::fixture("basic")
        .file("content/posts/pistes-cyclables/index.md", HUGO_TOML)
        .build()
        .assert_success()
        .assert_stderr_has("content/posts/pistes-cyclables/index.md:8: warning: `expiryDate` has no equivalent: articles do not expire in rotative; the article stays published (kept in `extra`)")
        .assert_stderr_has("content/posts/pistes-cyclables/index.md:5: warning: `lastmod` is read as `updated`; write that instead (said once for the site: 1 file uses it)")
        .assert_page("2025/03/pistes-cyclables/index.html", |p| {
            assert_eq!(p.text("h1"), "Les pistes cyclables du quai");
            // publishDate is the publication date, in its own zone.
            assert_eq!(p.attr("time[datetime]", "datetime"), "2025-03-04T08:30:00-07:00");
            assert_eq!(
                p.text(".standfirst"),
                "Trois kilomètres de plus le long du fleuve."
            );
            assert_eq!(p.text("figcaption"), "Le quai au printemps.");
            assert_eq!(
                p.attr("meta[property='article:modified_time']", "content"),
                "2025-03-05T00:00:00+01:00"
            );
        })
        .assert_file("mots-cles/velo/index.html")
        .assert_file("mots-cles/voirie/index.html")
        .assert_file("posts/pistes-cyclables/index.html");
}

#[test]
fn zola_taxonomies_are_read() {
    SiteTest::fixture("basic")
        .file(
            "content/zola.md",
            "+++\ntitle = \"Zola\"\ndate = 2025-03-02\n\n[taxonomies]\ntags = [\"essai\"]\ncategories = [\"Culture\"]\n+++\nTexte.\n",
        )
        .build()
        .assert_success()
        .assert_file("mots-cles/essai/index.html")
        .assert_page("rubriques/culture/index.html", |p| {
            assert!(p.texts("h2, h3").iter().any(|h| h == "Zola"));
        });
}

#[test]
fn unreadable_dates_and_bad_toml_name_file_and_line() {
    SiteTest::fixture("basic")
        .file(
            "content/a.md",
            "+++\ntitle = \"A\"\ndate = \"le 4 mars\"\n+++\nTexte.\n",
        )
        .file(
            "content/b.md",
            "+++\ntitle = \"B\"\ntags = [\"a\"\n+++\nTexte.\n",
        )
        .file("content/c.md", "+++\ntitle = \"C\"\n")
        .build()
        .assert_errors(&[
            "content/a.md:3: error: cannot read `date: le 4 mars`; accepted forms: 2025-03-04, 2025-03-04 08:30, 2025-03-04T08:30:00+01:00, 2025-03-04 08:30:00 +0100 (a zone name such as CET or Europe/Paris may follow), Tue, 04 Mar 2025 08:30:00 +0100, 4 March 2025 or March 4, 2025",
            "content/c.md:1: error: the front matter opened on line 1 is never closed: add a line `+++` after the last key",
            "content/b.md:3:12: error: invalid TOML in front matter: unclosed array, expected `]`",
        ]);
}
