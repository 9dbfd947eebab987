//! Scheduling: articles dated after the build time (`ROTATIVE_NOW` here) are
//! held back from every output unless `--future`, and previews decide again
//! at each rebuild.

use super::{ARTICLE, ELEC, NOW, article, build_at, png, site_toml, with_config};
use crate::harness::{Page, SiteTest, tree};

// ---- Scheduling ----------------------------------------------------------

/// Every output file that mentions `needle`.
fn files_mentioning(t: &SiteTest, needle: &str) -> Vec<String> {
    tree(&t.public())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn articles_dated_after_the_build_time_are_held_back() {
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/programme.md",
            article(
                "Article programmé",
                "2025-07-06 09:00",
                "aliases: [programme-ancien/]\n",
            ),
        )
        .file(
            "content/actualite/plus-tard.md",
            article("Encore plus tard", "2025-08-01T07:00:00Z", ""),
        );
    let t = build_at(t, NOW, &[]).assert_success();
    assert!(
        t.stdout.lines().any(|l| l
            == "Held back 2 scheduled articles; the next is due on 2025-07-06 at 09:00 (Europe/Paris); use --future to include them"),
        "{}",
        t.stdout
    );
    // Not rendered, and in no listing, feed, sitemap or « À lire aussi ».
    let t = t
        .assert_no_file("2025/07/programme/index.html")
        .assert_no_file("2025/08/plus-tard/index.html")
        .assert_no_file("programme-ancien/index.html")
        .assert_no_file("_redirects");
    assert_eq!(files_mentioning(&t, "programm"), Vec::<String>::new());
    assert_eq!(files_mentioning(&t, "plus-tard"), Vec::<String>::new());
    assert!(t.stdout.starts_with("Built "));

    // --future publishes them everywhere.
    let t = build_at(t, NOW, &["--future"]).assert_success();
    assert!(
        t.stdout.lines().any(|l| l
            == "Included 2 articles dated in the future (--future); the earliest is dated 2025-07-06 at 09:00 (Europe/Paris)"),
        "{}",
        t.stdout
    );
    let t = t
        .assert_file("2025/07/programme/index.html")
        .assert_file("2025/08/plus-tard/index.html")
        .assert_file("programme-ancien/index.html");
    for f in [
        "index.html",
        "atom.xml",
        "sitemap.xml",
        "mots-cles/energie/index.html",
        "rubriques/economie/index.html",
    ] {
        assert!(t.read(f).contains("/2025/07/programme/"), "{f}");
    }
    let related = Page(t.html(ARTICLE)).attrs(".related a", "href");
    assert!(
        related.iter().any(|h| h == "/2025/07/programme/"),
        "{related:?}"
    );
    // Still not news: it is not published yet.
    assert!(!t.read("news-sitemap.xml").contains("programme"));
}

#[test]
fn nothing_scheduled_prints_no_line() {
    let t = build_at(SiteTest::fixture("basic"), NOW, &[]).assert_success();
    assert_eq!(t.stdout.lines().count(), 1, "{}", t.stdout);
}

/// Whether the article `file` (dated `date` in the front matter) is published
/// by a build at `now` on a site in `zone`.
fn published(zone: &str, date: &str, now: &str) -> bool {
    let t = SiteTest::fixture("basic")
        .file("site.toml", site_toml().replace("Europe/Paris", zone))
        .file(
            "content/actualite/jour-j.md",
            format!("---\ntitle: Jour J\n{date}---\nTexte.\n"),
        );
    let t = build_at(t, now, &[]).assert_success();
    let on_disk = t.public().join("2025/11/jour-j/index.html").is_file();
    assert_eq!(on_disk, !t.stdout.contains("Held back"), "{}", t.stdout);
    on_disk
}

#[test]
fn an_article_dated_today_is_published_from_local_midnight() {
    let day = "date: 2025-11-25\n";
    // Just after midnight in Paris, written with the Paris offset, in UTC,
    // and without an offset (the site zone).
    assert!(published("Europe/Paris", day, "2025-11-25T00:05:00+01:00"));
    assert!(published("Europe/Paris", day, "2025-11-24T23:05:00Z"));
    assert!(published("Europe/Paris", day, "2025-11-25 00:00"));
    assert!(!published("Europe/Paris", day, "2025-11-24T23:55:00+01:00"));
    // A date in the file name, without `date:`, is the same day at midnight.
    let t = SiteTest::fixture("basic").file(
        "content/actualite/2025-11-25-jour-j.md",
        "---\ntitle: Jour J\n---\nTexte.\n",
    );
    build_at(t, "2025-11-24T23:05:00Z", &[])
        .assert_success()
        .assert_file("2025/11/jour-j/index.html");
    // In New York, the same day starts six hours later.
    assert!(published(
        "America/New_York",
        day,
        "2025-11-25T00:05:00-05:00"
    ));
    assert!(!published(
        "America/New_York",
        day,
        "2025-11-25T05:55:00+01:00"
    ));
    // A time with its own offset is an instant, whatever the site zone.
    let at = "date: 2025-11-25T09:00:00-05:00\n";
    assert!(!published("Europe/Paris", at, "2025-11-25T14:59:00+01:00"));
    assert!(published("Europe/Paris", at, "2025-11-25T15:00:00+01:00"));
}

#[test]
fn the_next_date_is_given_in_the_site_zone() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/new-york.md",
        "---\ntitle: New York\ndate: 2025-11-25T09:00:00-05:00\n---\nTexte.\n",
    );
    let t = build_at(t, "2025-11-25T10:00:00+01:00", &[]).assert_success();
    assert!(
        t.stdout
            .contains("the next is due on 2025-11-25 at 15:00 (Europe/Paris)"),
        "{}",
        t.stdout
    );
}

// ---- Previews ------------------------------------------------------------

/// A preview decides with the time of each rebuild: an article scheduled four
/// seconds ahead is held back, then published by the first rebuild after its
/// time, even one caused by an unrelated edit that would otherwise only swap
/// that article in place.
#[test]
fn a_preview_rebuild_publishes_what_has_become_due() {
    use rotative::preview::Incremental;
    use rotative::site::LoadOptions;
    let due = chrono::Utc::now() + chrono::Duration::seconds(4);
    let t = SiteTest::fixture("basic").file(
        "content/actualite/bientot.md",
        article("Bientôt", &due.to_rfc3339(), ""),
    );
    let page = format!("{}/bientot/index.html", due.format("%Y/%m"));
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    assert!(inc.page(&page).is_none(), "published before its time");
    crate::incremental::edit_another_article_after(&mut inc, &t.root, due);
    assert!(inc.page(&page).is_some(), "not published after its time");
    let fresh = Incremental::new(&t.root, LoadOptions::default()).unwrap().0;
    assert!(
        inc.snapshot() == fresh.snapshot(),
        "differs from a full build"
    );
}

#[test]
fn serve_takes_future() {
    let t = SiteTest::fixture("basic").file(
        "content/actualite/lointain.md",
        article("Lointain", "2099-01-01 08:00", ""),
    );
    let s = crate::server::Server::start(&t.root);
    assert_eq!(s.get("/2099/01/lointain/").status, 404);
    drop(s);
    let s = crate::server::Server::start_with(&t.root, &["--future"]).unwrap();
    assert_eq!(s.get("/2099/01/lointain/").status, 200);
}

/// Preview rebuilds after the edits this feature adds inputs for (aliases,
/// scheduled dates, photo and logo files) equal a full build, step by step.
#[test]
fn preview_rebuilds_follow_aliases_schedules_and_image_sizes() {
    use rotative::preview::{ChangeSet, Incremental};
    use rotative::site::LoadOptions;
    let t = with_config(SiteTest::fixture("basic"), "logo = \"/images/logo.png\"")
        .file("content/images/pylone.png", png(1200, 630))
        .file("content/images/logo.png", png(600, 60));
    let root = t.root.clone();
    let (mut inc, _) = Incremental::new(&root, LoadOptions::default()).unwrap();
    let elec = root.join(ELEC);
    let page = root.join("content/pages/a-propos.md");
    let original = std::fs::read_to_string(&elec).unwrap();
    let edits: Vec<(&str, std::path::PathBuf, Vec<u8>)> = vec![
        (
            "alias added",
            elec.clone(),
            original
                .replacen("---\n", "---\naliases: [ancien/]\n", 1)
                .into(),
        ),
        (
            "alias changed",
            elec.clone(),
            original
                .replacen("---\n", "---\naliases: [autre/, b.html]\n", 1)
                .into(),
        ),
        (
            "target retitled",
            elec.clone(),
            original
                .replacen("---\n", "---\naliases: [autre/, b.html]\n", 1)
                .replace("title: \"L'", "title: \"Nouveau titre : l'")
                .into(),
        ),
        (
            "page alias",
            page.clone(),
            std::fs::read_to_string(&page)
                .unwrap()
                .replacen("---\n", "---\naliases: [equipe/]\n", 1)
                .into(),
        ),
        (
            "scheduled",
            elec.clone(),
            original
                .replace("date: 2025-07-04 08:30", "date: 2099-07-04 08:30")
                .into(),
        ),
        ("unscheduled", elec.clone(), original.clone().into()),
        (
            "photo resized",
            root.join("content/images/pylone.png"),
            png(800, 450),
        ),
        (
            "logo resized",
            root.join("content/images/logo.png"),
            png(300, 30),
        ),
        (
            "photo moved",
            elec.clone(),
            original
                .replace("src: /images/pylone.png", "src: /images/logo.png")
                .into(),
        ),
    ];
    for (what, path, bytes) in edits {
        std::fs::write(&path, bytes).unwrap();
        inc.apply(&ChangeSet::classify(&root, "default", [path]))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        let fresh = Incremental::new(&root, LoadOptions::default()).unwrap().0;
        let (got, want) = (inc.snapshot(), fresh.snapshot());
        let differ: Vec<&String> = want
            .keys()
            .chain(got.keys())
            .filter(|k| got.get(*k) != want.get(*k))
            .collect();
        assert!(differ.is_empty(), "after {what}: {differ:?}");
    }
    let p = inc.page("2025/07/electricite-ete/index.html").unwrap();
    let p = Page(scraper::Html::parse_document(&String::from_utf8_lossy(&p)));
    assert_eq!(p.attr("meta[property='og:image:width']", "content"), "300");
    assert!(inc.page("b.html").is_none() && inc.page("equipe/index.html").is_some());
}
