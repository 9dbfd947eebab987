//! `rotative import jekyll`: the fixture blog becomes a site that builds,
//! with its categories, photos, summaries, authors and old URLs; importing
//! again changes nothing; nothing is overwritten without `--force`.

use super::{assert_no_template_text, fresh, import};
use crate::harness::tree;

#[test]
fn a_jekyll_blog_becomes_a_site_that_keeps_its_archive() {
    let t = fresh("jekyll");
    let run = import(&t, "jekyll", &[])
        .success()
        .assert_line("_posts/2019-05-14-tramway-ligne-3.md:24: warning: `{% include pub.html %}` (a Jekyll include) has no equivalent; it was left out")
        .assert_line("_posts/2019-04-02-conseil-vote-budget.markdown:17: warning: the Liquid expression `{{ page.auteur_inconnu }}` has no equivalent; it was left out")
        .assert_line("_posts/2019-05-14-tramway-ligne-3.md:5: warning: `Transports` becomes the category; the other categories (Urbanisme) become tags")
        .assert_line("Imported 4 articles (1 drafts, 0 scheduled), 1 page, 2 authors into site")
        .assert_line("Images: 2 copied, 0 downloaded, 0 missing, 0 kept as remote URLs")
        .assert_line("Aliases: 4 old URLs lead to the imported pages")
        .assert_line("Template constructs: converted 1 {% highlight %}, 1 {% link %}, 1 {% post_url %}, 1 {% raw %}, 1 {{ site.baseurl }}; flagged 2 (see the warnings)");
    assert!(
        run.stdout.contains("Files: 10 written, 0 unchanged"),
        "{}",
        run.stdout
    );
    let t = t.build().assert_success();
    assert!(t.stdout.contains("(3 articles,"), "{}", t.stdout);
    let t = t
        .assert_page("2019/05/tramway-ligne-3/index.html", |p| {
            assert_eq!(p.text("h1"), "Le tramway de la ligne 3 arrive sur le quai");
            assert_eq!(
                p.text(".standfirst"),
                "Huit mois de travaux et une station de plus devant la criée."
            );
            assert_eq!(p.text(".credit"), "© Samir Benali");
            assert_eq!(
                p.attr("figure img", "alt"),
                "Une rame de tramway devant la criée"
            );
            // `{% link %}` and `{% post_url %}` lead to the new addresses.
            let hrefs = p.attrs("article a", "href");
            assert!(hrefs.contains(&"/a-propos/".to_string()), "{hrefs:?}");
            assert!(
                hrefs.contains(&"/2019/04/conseil-vote-budget/".to_string()),
                "{hrefs:?}"
            );
            assert!(p.text("pre code").contains("stations = [\"Criée\""));
        })
        .assert_page("categories/transports/index.html", |p| {
            assert_eq!(
                p.texts(".story-item-title"),
                ["Le tramway de la ligne 3 arrive sur le quai"]
            );
        })
        .assert_page("tags/urbanisme/index.html", |p| {
            assert_eq!(
                p.texts(".story-item-title"),
                ["Le tramway de la ligne 3 arrive sur le quai"]
            );
        })
        .assert_page("authors/margot/index.html", |p| {
            assert_eq!(p.text("h1"), "Margot Lefèvre");
        })
        .assert_page("2019/04/conseil-vote-budget/index.html", |p| {
            // What `{% raw %}` protected is shown as written, in code.
            assert_eq!(p.text("article code"), "{{ page.title }}");
            assert_eq!(
                p.attr("meta[name=author]", "content"),
                "Margot Lefèvre, Samir Benali"
            );
        })
        .assert_no_file("2019/06/marche-nocturne/index.html");
    // Jekyll's default permalink, `redirect_from` and a post's own permalink.
    for (old, new) in [
        (
            // A post's own `permalink:` pattern.
            "transports/urbanisme/tramway-ligne-3/index.html",
            "/2019/05/tramway-ligne-3/",
        ),
        (
            "politique/2019/04/02/conseil-vote-budget.html",
            "/2019/04/conseil-vote-budget/",
        ),
        (
            "ancien-blog/budget-2019/index.html",
            "/2019/04/conseil-vote-budget/",
        ),
        ("fete-du-port-2019.html", "/2019/06/fete-du-port/"),
    ] {
        let page = t.html(old);
        let refresh = scraper::Selector::parse("meta[http-equiv=refresh]").unwrap();
        let content = page
            .select(&refresh)
            .next()
            .unwrap()
            .value()
            .attr("content")
            .unwrap();
        assert_eq!(
            content,
            format!("0; url=https://vigie.example{new}"),
            "{old}"
        );
    }
    assert_no_template_text(&t.public());
}

#[test]
fn importing_twice_changes_nothing_and_nothing_is_replaced_without_force() {
    let t = fresh("jekyll");
    import(&t, "jekyll", &[]).success();
    let first = tree(&t.root);
    let again = import(&t, "jekyll", &[]).success();
    assert!(
        again.stdout.contains("Files: 0 written, 9 unchanged"),
        "{}",
        again.stdout
    );
    assert_eq!(tree(&t.root), first);

    let edited = "content/culture/2019-06-01-fete-du-port.md";
    std::fs::write(
        t.root.join(edited),
        "---\ntitle: Modifié à la main\ndate: 2019-06-01\n---\n",
    )
    .unwrap();
    let refused = import(&t, "jekyll", &[]);
    assert_eq!(refused.status, Some(1));
    assert!(
        refused.has("error: 1 file of site already exists with other content: content/culture/2019-06-01-fete-du-port.md; nothing was written (use --force to replace them)"),
        "{}",
        refused.stderr
    );
    assert!(
        std::fs::read_to_string(t.root.join(edited))
            .unwrap()
            .contains("Modifié à la main")
    );
    import(&t, "jekyll", &["--force"]).success();
    assert_eq!(tree(&t.root), first);
}

#[test]
fn a_broken_post_stops_the_import_before_anything_is_written() {
    let t = fresh("jekyll");
    std::fs::write(
        t.tmp.path().join("src/_posts/2020-01-01-casse.md"),
        "---\ntitle: Cassé\ndate: le premier janvier\n---\nTexte.\n",
    )
    .unwrap();
    let run = import(&t, "jekyll", &[]);
    assert_eq!(run.status, Some(1));
    assert!(run.has("_posts/2020-01-01-casse.md:3: error: cannot read `date: le premier janvier`; accepted forms: 2025-03-04, 2025-03-04 08:30, 2025-03-04T08:30:00+01:00, 2025-03-04 08:30:00 +0100 (a zone name such as CET or Europe/Paris may follow), Tue, 04 Mar 2025 08:30:00 +0100, 4 March 2025 or March 4, 2025"), "{}", run.stderr);
    assert!(
        run.has("import failed; nothing was written into site"),
        "{}",
        run.stderr
    );
    assert!(!t.root.exists());
    let leftovers: Vec<_> = std::fs::read_dir(t.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["src"]);
}

#[test]
fn the_result_may_not_go_inside_the_source() {
    let t = fresh("jekyll");
    let run = super::import_cmd(t.tmp.path(), &["jekyll", "src", "--into", "src/rotative"]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.has("error: --into src/rotative is inside the site being imported (src); choose a folder outside it"),
        "{}",
        run.stderr
    );
    assert!(!t.tmp.path().join("src/rotative").exists());
}
