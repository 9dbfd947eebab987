//! Editorial checks (`rotative check`, `build --strict`), starting an article
//! (`rotative new`), starting a publication (`rotative init`) and the default
//! theme built into the binary.

use crate::harness::{Page, SiteTest, repo, tree};
use crate::server::Server;
use std::fs;
use std::path::Path;
use std::process::Command;

/// The outcome of one run of the real binary.
struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// The diagnostic lines, in the order printed.
    fn lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

fn rotative(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_rotative"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    Run {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn check(t: &SiteTest, extra: &[&str]) -> Run {
    let root = t.root.to_str().unwrap();
    let mut args = vec!["check", "--root", root];
    args.extend(extra);
    rotative(t.tmp.path(), &args)
}

const CLAIRE: &str = "content/actualite/2025-02-20-lettre-des-lecteurs.md:3: warning: author `Claire Invitée` has no profile (content/authors/claire-invitee.md); 1 article credit them";

/// An article with every kind of link, good and broken; line numbers matter.
const LINKS: &str = "---
title: Des liens dans tous les sens
date: 2025-03-15 10:00
author: alice-durand
category: Économie
summary: Des liens, des images et des ancres.
photo:
  src: /images/manque.jpg
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
        format!("{l}:7: warning: broken image `/images/manque.jpg`: no such file in the site"),
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
            "Checked 5 articles, 1 page and 2 author profiles (14 links to the site, 4 anchors): 0 errors, 10 warnings in "
        ),
        "{}",
        r.stdout
    );
    // Built in memory: nothing written, not even an output folder.
    assert_eq!(tree(&t.root), before);
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
    // Only `default` is built in; another missing theme is still an error.
    let t = SiteTest::fixture("basic").remove("themes");
    let toml = fs::read_to_string(t.root.join("site.toml")).unwrap();
    let r = t
        .file("site.toml", format!("theme = \"maison\"\n{toml}"))
        .build();
    assert_eq!(r.status, Some(1));
    assert!(
        r.stderr
            .contains("error: theme `maison` not found: no folder"),
        "{}",
        r.stderr
    );
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
