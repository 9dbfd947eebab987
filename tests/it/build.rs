//! `rotative build` on the fixture site with the default theme: which files
//! exist, and the structure of the pages readers see.

use crate::harness::{Page, SiteTest, tree};

const ARTICLE: &str = "2025/07/electricite-ete/index.html";

#[test]
fn writes_every_kind_of_page() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let expected = [
        ARTICLE,
        "2025/03/conseil-municipal/index.html",
        "2025/03/marche-du-samedi/index.html",
        "2025/02/lettre-des-lecteurs/index.html",
        "index.html",
        "page/2/index.html",
        "a-propos/index.html",
        "404.html",
        "auteurs/index.html",
        "auteurs/alice-durand/index.html",
        "auteurs/bruno-petit/index.html",
        "auteurs/claire-invitee/index.html",
        "auteurs/alice-durand/atom.xml",
        "mots-cles/index.html",
        "mots-cles/energie/index.html",
        "mots-cles/prix/index.html",
        "rubriques/index.html",
        "rubriques/economie/index.html",
        "rubriques/economie/atom.xml",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "css/style.css",
        "images/pylone.png",
        ".rotative-output",
    ];
    let files = tree(&t.public());
    for f in expected {
        assert!(files.contains_key(f), "missing {f}");
    }
    // The draft is left out, and nothing else is written than what was listed
    // plus the theme's other static files.
    assert!(!files.keys().any(|k| k.contains("brouillon")));
    assert!(!files.keys().any(|k| k.starts_with("page/3")));
    assert_eq!(
        files["images/pylone.png"],
        std::fs::read(t.root.join("content/images/pylone.png")).unwrap()
    );
    assert!(t.stdout.starts_with("Built "), "{}", t.stdout);
}

#[test]
fn drafts_are_built_with_the_flag() {
    SiteTest::fixture("basic")
        .build_with(&["--drafts"])
        .assert_success()
        .assert_file("2025/03/brouillon/index.html");
}

#[test]
fn article_page_reads_like_a_news_article() {
    SiteTest::fixture("basic")
        .build()
        .assert_success()
        .assert_page(ARTICLE, |p: &Page| {
            assert_eq!(p.attr("html", "lang"), "fr");
            assert_eq!(p.text("h1"), "L'électricité de l'été : les prix baissent");
            assert_eq!(p.count("h1"), 1);
            // Kicker, byline, date.
            assert!(
                p.attrs("a", "href")
                    .contains(&"/rubriques/economie/".to_string())
            );
            let byline: Vec<String> = p.attrs("a[rel=author]", "href");
            assert!(
                byline.contains(&"/auteurs/alice-durand/".to_string()),
                "{byline:?}"
            );
            assert_eq!(p.attr("time", "datetime"), "2025-07-04T08:30:00+02:00");
            assert!(
                p.text("time").contains("vendredi 4 juillet 2025"),
                "{}",
                p.text("time")
            );
            // Lead photo with caption and credit.
            assert_eq!(
                p.attr("figure img", "alt"),
                "Un pylône électrique au coucher du soleil"
            );
            let caption = p.text("figure figcaption");
            assert!(caption.contains("Un pylône près de Lyon."), "{caption}");
            assert!(
                caption.contains("© Jean Photo / La Gazette")
                    || caption.contains("©\u{a0}Jean Photo / La Gazette"),
                "{caption}"
            );
            // Body, tags, share links, author box, newsletter.
            assert_eq!(p.text("article h2:not([class])"), "Pourquoi");
            let tags = p.texts("a[rel=tag]");
            assert_eq!(tags, ["énergie", "Prix"]);
            let share = p.attrs("a[href^='https://www.facebook.com/sharer']", "href");
            assert_eq!(share.len(), 1);
            assert!(
                p.texts("*")
                    .iter()
                    .any(|t| t.contains("Alice couvre l'économie régionale"))
            );
            assert_eq!(
                p.attr("form[method=post]", "action"),
                "https://lettre.gazette.example/inscription"
            );
            // Social meta tags.
            assert_eq!(p.attr("meta[property='og:type']", "content"), "article");
            assert_eq!(
                p.attr("meta[property='og:image']", "content"),
                "https://gazette.example/images/pylone.png"
            );
            assert_eq!(
                p.attr("meta[name='twitter:card']", "content"),
                "summary_large_image"
            );
            assert_eq!(
                p.attr("link[rel=canonical]", "href"),
                "https://gazette.example/2025/07/electricite-ete/"
            );
            // Every image has an alt attribute.
            assert_eq!(p.count("img"), p.count("img[alt]"));
        });
}

#[test]
fn home_page_lists_newest_first_with_pagination() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let home = Page(t.html("index.html"));
    let links: Vec<String> = home.attrs("main a[href^='/2025/']", "href");
    let first_seen: Vec<&String> = links.iter().fold(Vec::new(), |mut v, l| {
        if !v.contains(&l) {
            v.push(l)
        }
        v
    });
    assert_eq!(first_seen[0], "/2025/07/electricite-ete/");
    assert!(first_seen.contains(&&"/2025/03/conseil-municipal/".to_string()));
    assert!(!first_seen.contains(&&"/2025/03/marche-du-samedi/".to_string()));
    assert!(home.attrs("a", "href").contains(&"/page/2/".to_string()));
    let p2 = Page(t.html("page/2/index.html"));
    assert!(
        p2.attrs("a", "href")
            .contains(&"/2025/03/marche-du-samedi/".to_string())
    );
}

#[test]
fn feeds_sitemap_and_robots() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let atom = t.read("atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    // feed_limit = 3 in the fixture.
    assert_eq!(entries.len(), 3);
    let first_title = entries[0]
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap()
        .text();
    assert_eq!(
        first_title,
        Some("L'électricité de l'été : les prix baissent")
    );
    let updated = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("updated"))
        .unwrap()
        .text();
    assert_eq!(updated, Some("2025-07-04T08:30:00+02:00"));

    let cat = t.read("rubriques/politique/atom.xml");
    let doc = roxmltree::Document::parse(&cat).unwrap();
    let ids: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("id"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        ids,
        [
            "https://gazette.example/rubriques/politique/",
            "https://gazette.example/2025/03/conseil-municipal/"
        ]
    );

    let sitemap = t.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&"https://gazette.example/2025/07/electricite-ete/"));
    assert!(locs.contains(&"https://gazette.example/a-propos/"));
    assert!(!locs.iter().any(|l| l.contains("brouillon")));
    assert_eq!(
        t.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://gazette.example/sitemap.xml\nSitemap: https://gazette.example/news-sitemap.xml\n"
    );
}

#[test]
fn base_url_can_be_overridden() {
    let t = SiteTest::fixture("basic")
        .build_with(&["--base-url", "https://preprod.example"])
        .assert_success();
    assert!(
        t.read("robots.txt")
            .contains("https://preprod.example/sitemap.xml")
    );
    let p = Page(t.html(ARTICLE));
    assert_eq!(
        p.attr("link[rel=canonical]", "href"),
        "https://preprod.example/2025/07/electricite-ete/"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let a = SiteTest::fixture("basic").build().assert_success();
    let first = tree(&a.public());
    let b = a.build().assert_success();
    assert_eq!(first, tree(&b.public()));
}

#[test]
fn bom_and_crlf_files_build() {
    let text = "\u{feff}---\r\ntitle: Fichier Windows\r\ndate: 2025-01-02\r\ncategory: Société\r\n---\r\nUn texte\r\nsur deux lignes.\r\n";
    SiteTest::fixture("basic")
        .file("content/actualite/windows.md", text)
        .build()
        .assert_success()
        .assert_page("2025/01/windows/index.html", |p| {
            assert_eq!(p.text("h1"), "Fichier Windows");
            assert!(
                p.text(".article-body")
                    .contains("Un texte sur deux lignes.")
            );
        });
}

#[test]
fn slugs_fold_accents_and_drop_the_date_prefix() {
    SiteTest::fixture("basic")
        .file(
            "content/actualite/2025-05-06-Été à la Croix-Rousse.md",
            "---\ntitle: Été\n---\nTexte.\n",
        )
        .build()
        .assert_success()
        .assert_file("2025/05/ete-a-la-croix-rousse/index.html");
}

#[test]
fn author_without_profile_gets_a_page_and_a_warning() {
    SiteTest::fixture("basic")
        .build()
        .assert_success()
        .assert_stderr_has(
            "content/actualite/2025-02-20-lettre-des-lecteurs.md:3: warning: author `Claire Invitée` has no profile (content/authors/claire-invitee.md); 1 article credit them",
        )
        .assert_page("auteurs/claire-invitee/index.html", |p| {
            assert!(p.text("h1").contains("Claire Invitée"));
        });
}

#[test]
fn misspelt_keys_warn_with_the_intended_key() {
    SiteTest::fixture("basic")
        .file("content/actualite/typo.md", "---\ntitle: Faute de frappe\ndate: 2025-01-01\ntagz: [a]\nauther: bruno-petit\n---\nTexte.\n")
        .build()
        .assert_success()
        .assert_stderr_has("content/actualite/typo.md:4: warning: unknown key `tagz` (kept in `extra`); did you mean `tags`?")
        .assert_stderr_has("content/actualite/typo.md:5: warning: unknown key `auther` (kept in `extra`); did you mean `author`?");
}

#[test]
fn article_json_ld_is_a_valid_news_article() {
    let t = SiteTest::fixture("basic")
        .file(
            "content/actualite/script.md",
            "---\ntitle: \"Fin de </script><b>balise\"\ndate: 2025-06-01 12:00\nauthor: alice-durand\n---\nTexte.\n",
        )
        .build()
        .assert_success();
    let page = Page(t.html(ARTICLE));
    let ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type='application/ld+json']")).unwrap();
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "L'électricité de l'été : les prix baissent");
    assert_eq!(ld["datePublished"], "2025-07-04T08:30:00+02:00");
    assert_eq!(ld["dateModified"], "2025-07-04T08:30:00+02:00");
    assert_eq!(
        ld["image"][0]["url"],
        "https://gazette.example/images/pylone.png"
    );
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(
        ld["author"][0]["url"],
        "https://gazette.example/auteurs/alice-durand/"
    );
    assert_eq!(ld["publisher"]["name"], "La Gazette d'essai");
    assert_eq!(ld["articleSection"], "Économie");
    assert_eq!(ld["keywords"], serde_json::json!(["énergie", "Prix"]));
    // A title cannot close the script element early.
    let raw = t.read("2025/06/script/index.html");
    assert_eq!(
        raw.matches("</script>").count(),
        raw.matches("<script").count()
    );
    let page = Page(t.html("2025/06/script/index.html"));
    let ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type='application/ld+json']")).unwrap();
    assert_eq!(ld["headline"], "Fin de </script><b>balise");
}

#[test]
fn output_elsewhere_is_fine() {
    let t = SiteTest::fixture("basic");
    let out = t.tmp.path().join("deploy/www");
    let t = t
        .build_with(&["--output", out.to_str().unwrap()])
        .assert_success();
    assert!(out.join("index.html").is_file());
    assert!(!t.public().exists());
}
