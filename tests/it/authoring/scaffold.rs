//! `rotative new`, `rotative init` and the default theme built into the binary.

use super::rotative;
use crate::harness::{Page, SiteTest, repo, tree};
use crate::server::Server;
use std::fs;
use std::path::Path;

fn front_matter(path: &Path) -> serde_yaml::Mapping {
    let text = fs::read_to_string(path).unwrap();
    let yaml = text
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    serde_yaml::from_str(yaml).unwrap()
}

#[test]
fn new_writes_a_draft_in_its_category_folder() {
    let t = SiteTest::fixture("basic");
    let root = t.root.to_str().unwrap();
    let r = rotative(
        t.tmp.path(),
        &[
            "new",
            "L'été \"brûlant\" des marchés",
            "--author",
            "alice-durand",
            "--category",
            "economie",
            "--root",
            root,
        ],
    );
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let printed = Path::new(r.stdout.trim());
    let name = printed.file_name().unwrap().to_str().unwrap();
    assert_eq!(printed.parent().unwrap(), t.root.join("content/economie"));
    assert!(name.ends_with("-l-ete-brulant-des-marches.md"), "{name}");
    let fm = front_matter(printed);
    let get = |k: &str| fm.get(k).unwrap_or_else(|| panic!("no {k} in {fm:?}"));
    assert_eq!(get("title").as_str(), Some("L'été \"brûlant\" des marchés"));
    assert_eq!(get("author").as_str(), Some("alice-durand"));
    // The category as the site already spells it.
    assert_eq!(get("category").as_str(), Some("Économie"));
    assert_eq!(get("tags").as_sequence().map(Vec::len), Some(0));
    assert_eq!(get("draft").as_bool(), Some(true));
    // Now, in the site's zone, with its offset; the file name carries the day.
    let date = chrono::DateTime::parse_from_rfc3339(get("date").as_str().unwrap()).unwrap();
    let paris = date.with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!(date.to_rfc3339(), paris.fixed_offset().to_rfc3339());
    assert!((chrono::Utc::now() - date.to_utc()).num_seconds().abs() < 120);
    assert!(name.starts_with(&date.format("%Y-%m-%d-").to_string()));
    // A draft: published with --drafts only.
    let url = date
        .format("%Y/%m/l-ete-brulant-des-marches/index.html")
        .to_string();
    let t = t.build().assert_success().assert_no_file(&url);
    t.build_with(&["--drafts"])
        .assert_success()
        .assert_page(&url, |p| {
            assert_eq!(p.text("h1"), "L'été \"brûlant\" des marchés")
        });
}

#[test]
fn new_never_replaces_a_file() {
    let t = SiteTest::fixture("basic");
    let root = t.root.to_str().unwrap();
    let args = [
        "new",
        "Deux fois",
        "--author",
        "bruno-petit",
        "--category",
        "Politique",
        "--root",
        root,
    ];
    let first = rotative(t.tmp.path(), &args);
    assert_eq!(first.status, Some(0), "{}", first.stderr);
    let path = Path::new(first.stdout.trim()).to_path_buf();
    fs::write(&path, "déjà modifié").unwrap();
    let second = rotative(t.tmp.path(), &args);
    assert_eq!(second.status, Some(1));
    let rel = path.strip_prefix(&t.root).unwrap().display().to_string();
    assert_eq!(
        second.lines(),
        [format!(
            "error: {rel} already exists; rotative new never replaces a file: edit it, or choose another title"
        )]
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "déjà modifié");
}

#[test]
fn new_refuses_an_unknown_author_and_warns_about_a_new_category() {
    let t = SiteTest::fixture("basic");
    let root = t.root.to_str().unwrap();
    let before = tree(&t.root);
    let r = rotative(
        t.tmp.path(),
        &["new", "Titre", "--author", "alise-durand", "--root", root],
    );
    assert_eq!(r.status, Some(1));
    assert_eq!(
        r.lines(),
        [
            "error: unknown author `alise-durand`: there is no profile content/authors/alise-durand.md; did you mean `alice-durand`? (create the profile first to credit a new author)"
        ]
    );
    assert_eq!(tree(&t.root), before, "nothing written");
    // A byline name is accepted, as in front matter; a new category is a warning.
    let r = rotative(
        t.tmp.path(),
        &[
            "new",
            "Titre",
            "--author",
            "Bruno Petit",
            "--author",
            "alice-durand",
            "--category",
            "Sport",
            "--root",
            root,
        ],
    );
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert_eq!(
        r.lines(),
        ["warning: no article uses the category « Sport » yet; it will be a new section"]
    );
    let fm = front_matter(Path::new(r.stdout.trim()));
    let authors: Vec<&str> = fm["authors"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(authors, ["bruno-petit", "alice-durand"]);
    assert!(r.stdout.trim().contains("/content/sport/"), "{}", r.stdout);
}

/// `rotative init` into a fresh folder of a temporary directory.
fn init(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let mut all = vec!["init", "le-petit-journal"];
    all.extend(args);
    let r = rotative(tmp.path(), &all);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Created a new publication in le-petit-journal:")
    );
    let root = tmp.path().join("le-petit-journal");
    (tmp, root)
}

fn html(path: &Path) -> Page {
    Page(scraper::Html::parse_document(
        &fs::read_to_string(path).unwrap(),
    ))
}

#[test]
fn init_makes_a_site_that_builds_and_passes_the_checks_at_once() {
    let (tmp, root) = init(&[]);
    assert!(!root.join("themes").exists(), "the theme is built in");
    let r = rotative(tmp.path(), &["build", "--root", "le-petit-journal"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "", "no warning");
    let public = root.join("public");
    let home = html(&public.join("index.html"));
    assert_eq!(home.attr("html", "lang"), "fr");
    let links = home.attrs("a", "href");
    let article = links
        .iter()
        .find(|h| h.ends_with("/bienvenue/"))
        .unwrap_or_else(|| panic!("no link to the article in {links:?}"));
    let page = html(
        &public
            .join(article.trim_start_matches('/'))
            .join("index.html"),
    );
    assert_eq!(page.text("h1"), "Bienvenue dans Le petit journal");
    assert!(page.text(".story-byline").contains("La rédaction"));
    assert_eq!(page.text("h2#ecrire"), "Écrire un article");
    // The built-in theme's static files are written out like any others.
    assert_eq!(
        fs::read(public.join("css/style.css")).unwrap(),
        fs::read(repo().join("themes/default/static/css/style.css")).unwrap()
    );
    assert!(public.join("a-propos/index.html").is_file());
    assert!(public.join("auteurs/redaction/index.html").is_file());
    // Not one link of the theme or the content leads nowhere.
    let files = tree(&public);
    for (rel, bytes) in files.iter().filter(|(r, _)| r.ends_with(".html")) {
        let doc = Page(scraper::Html::parse_document(&String::from_utf8_lossy(
            bytes,
        )));
        let links = doc.attrs("a[href], link[href]", "href");
        let links = links
            .into_iter()
            .chain(doc.attrs("img[src], script[src]", "src"));
        for link in links.filter(|l| l.starts_with('/') && !l.starts_with("//")) {
            let path = link
                .split(['#', '?'])
                .next()
                .unwrap()
                .trim_start_matches('/');
            let target = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            assert!(files.contains_key(&target), "{rel} links to missing {link}");
        }
    }
    let r = rotative(
        tmp.path(),
        &["check", "--root", "le-petit-journal", "--strict"],
    );
    assert_eq!((r.status, r.stderr.as_str()), (Some(0), ""));
    assert!(
        r.stdout.contains(": 0 errors, 0 warnings in "),
        "{}",
        r.stdout
    );
}

#[test]
fn init_makes_a_site_that_serves_at_once() {
    let (_tmp, root) = init(&[]);
    let s = Server::start(&root);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Bienvenue dans Le petit journal"));
    let css = s.get("/css/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        css.body,
        fs::read_to_string(repo().join("themes/default/static/css/style.css")).unwrap()
    );
    assert_eq!(s.get("/favicon.svg").status, 200);
    assert_eq!(s.get("/a-propos/").status, 200);
    assert_eq!(s.get("/nulle-part/").status, 404);
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("plein")).unwrap();
    fs::write(tmp.path().join("plein/notes.txt"), "à garder").unwrap();
    let r = rotative(tmp.path(), &["init", "plein"]);
    assert_eq!(r.status, Some(1));
    assert_eq!(
        r.lines(),
        ["error: refusing to create a publication in plein: the folder is not empty"]
    );
    assert_eq!(tree(&tmp.path().join("plein")).len(), 1);
}

#[test]
fn init_theme_copies_the_theme_out_and_the_copy_is_used() {
    let (tmp, root) = init(&["--theme"]);
    let copied = tree(&root.join("themes/default"));
    assert_eq!(copied, tree(&repo().join("themes/default")));
    // The copy keeps the accessibility promises and how to check them.
    let promises = String::from_utf8_lossy(&copied["ACCESSIBILITY.md"]).into_owned();
    assert!(promises.contains("rotative check --a11y"), "{promises}");
    let base = root.join("themes/default/templates/404.html");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        text.replace(
            "{% block content %}",
            "{% block content %}<p id=\"perso\">Thème personnalisé</p>",
        ),
    )
    .unwrap();
    let r = rotative(tmp.path(), &["build", "--root", "le-petit-journal"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert_eq!(
        html(&root.join("public/404.html")).text("#perso"),
        "Thème personnalisé"
    );
}

#[test]
fn the_built_in_theme_builds_the_same_site_as_the_theme_folder() {
    let with_folder = SiteTest::fixture("basic").build().assert_success();
    let built_in = SiteTest::fixture("basic")
        .remove("themes")
        .build()
        .assert_success();
    assert_eq!(
        with_folder.stdout.split(" in ").next(),
        built_in.stdout.split(" in ").next()
    );
    assert_eq!(tree(&with_folder.public()), tree(&built_in.public()));
}

#[test]
fn a_content_file_replaces_a_built_in_static_file() {
    let t = SiteTest::fixture("basic")
        .remove("themes")
        .file(
            "content/favicon.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .build()
        .assert_success();
    assert_eq!(
        t.read("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
}
