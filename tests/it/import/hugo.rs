//! `rotative import hugo`: TOML and YAML front matter, a page bundle with its
//! images, shortcodes, `permalinks` and `aliases`, a draft and a scheduled post.

use super::{assert_no_template_text, fresh, import};

#[test]
fn a_hugo_site_becomes_a_site_that_keeps_its_archive() {
    let t = fresh("hugo");
    import(&t, "hugo", &[])
        .success()
        .assert_line("content/posts/maree-noire/index.md:27: warning: the Hugo shortcode `{{< encart >}}` has no equivalent; it was left out (the text inside it is kept)")
        .assert_line("content/_index.md: warning: a section's `_index.md` is not imported (rotative makes its category pages itself)")
        .assert_line("Imported 4 articles (1 drafts, 1 scheduled), 1 page, 1 author into site")
        .assert_line("Images: 2 copied, 0 downloaded, 0 missing, 0 kept as remote URLs")
        .assert_line("Template constructs: converted 1 {{< figure >}}, 1 {{< highlight >}}, 1 {{< ref >}}, 1 {{< youtube >}}; flagged 1 (see the warnings)");
    let t = t.build().assert_success();
    assert!(
        t.stdout.lines().any(|l| l == "Held back 1 scheduled article; the next is due on 2031-03-01 at 08:00 (Europe/Paris); use --future to include them"),
        "{}",
        t.stdout
    );
    let t = t
        .assert_page("2024/11/maree-noire/index.html", |p| {
            assert_eq!(p.text("h1"), "Une nappe de fioul au large de la pointe");
            assert_eq!(
                p.text(".standfirst"),
                "Les pêcheurs ont signalé la nappe à l’aube."
            );
            assert_eq!(p.text(".credit"), "© Inès Carvalho");
            // The bundle's image is copied and both the photo and the figure use it.
            assert!(
                p.attr("article figure img", "src")
                    .starts_with("/images/maree-noire/")
            );
            assert!(
                p.texts("figcaption")
                    .contains(&"Les bénévoles, samedi — Inès Carvalho".to_string()),
                "{:?}",
                p.texts("figcaption")
            );
            // `{{< youtube >}}` became a `video` shortcode: a player behind a click.
            assert_eq!(
                p.attr(".embed--video a.embed-load", "data-embed-src"),
                "https://www.youtube-nocookie.com/embed/aBcD1234xyz?autoplay=1"
            );
            let hrefs = p.attrs("article a", "href");
            assert!(
                hrefs.contains(&"https://www.youtube.com/watch?v=aBcD1234xyz".to_string()),
                "{hrefs:?}"
            );
            assert!(
                hrefs.contains(&"/2023/11/tempete-ciaran/".to_string()),
                "{hrefs:?}"
            );
            assert!(
                p.texts("p")
                    .iter()
                    .any(|x| x == "Les plages restent ouvertes.")
            );
        })
        .assert_file("images/maree-noire/plage.png")
        .assert_page("categories/mer/index.html", |p| {
            assert_eq!(
                p.texts(".story-item-title"),
                ["La tempête Ciarán frappe le port"]
            );
        })
        .assert_page("tags/mer/index.html", |p| {
            assert_eq!(
                p.texts(".story-item-title"),
                ["Une nappe de fioul au large de la pointe"]
            );
        })
        .assert_page("authors/ines/index.html", |p| {
            assert_eq!(p.text("h1"), "Inès Carvalho");
        })
        .assert_page("2023/11/tempete-ciaran/index.html", |p| {
            assert_eq!(p.text("pre code"), "Rafale max : 150 km/h");
            assert_eq!(
                p.attr("time[datetime]", "datetime"),
                "2023-11-02T06:00:00+01:00"
            );
        })
        .assert_page("contact/index.html", |p| {
            assert_eq!(p.text("h1"), "Contact")
        })
        .assert_no_file("2025/01/brouillon/index.html")
        .assert_no_file("2031/03/saison-2031/index.html");
    for (old, new) in [
        ("breves/nappe-fioul/index.html", "/2024/11/maree-noire/"),
        (
            "2024/11/une-nappe-de-fioul-au-large-de-la-pointe/index.html",
            "/2024/11/maree-noire/",
        ),
    ] {
        assert!(
            t.read(old)
                .contains(&format!("url=https://echo-des-greves.example{new}")),
            "{old}"
        );
    }
    assert_no_template_text(&t.public());
}
