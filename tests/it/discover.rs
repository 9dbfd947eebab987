//! Discovery features (issue 6, items 1 and 5): « À lire aussi » ranked by
//! shared rare tags, category and authors; the JSON search index, the search
//! page and its script in a real browser; and both kept exact by preview rebuilds.

use crate::browser::{Browser, chromium};
use crate::harness::{SiteTest, repo};
use crate::incremental::{Lcg, articles, edit, set_key};
use crate::server::Server;
use rotative::preview::{ChangeSet, Incremental};
use rotative::site::LoadOptions;
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};

fn basic_toml() -> String {
    fs::read_to_string(repo().join("tests/fixtures/basic/site.toml")).unwrap()
}

fn json_of(t: &SiteTest, rel: &str) -> Value {
    let text = t.read(rel);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel} is not JSON ({e}):\n{text}"))
}

fn article(title: &str, date: &str, category: &str, tags: &str, author: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\ncategory: {category}\ntags: {tags}\nauthor: {author}\n---\nTexte de {title}.\n"
    )
}

/// Nine articles whose relations to `cible` are known: `rare` is on two
/// articles, `courant` on five; `meme-rubrique` shares only the category,
/// `meme-auteur` only the author, `sans-lien` nothing.
fn related_site(extra_toml: &str) -> SiteTest {
    let a = "content/actualite";
    SiteTest::fixture("basic")
        .remove(a)
        .file("site.toml", format!("{}\n{extra_toml}", basic_toml()))
        .file(
            &format!("{a}/cible.md"),
            article(
                "Cible",
                "2025-05-10 10:00",
                "Économie",
                "[rare, courant]",
                "alice-durand",
            ),
        )
        .file(
            &format!("{a}/rare-seul.md"),
            article("Rare seul", "2025-01-05 10:00", "Sport", "[Rare]", "Zoé Z"),
        )
        .file(
            &format!("{a}/courant-a.md"),
            article(
                "Courant A",
                "2025-04-01 10:00",
                "Culture",
                "[courant]",
                "Yves Y",
            ),
        )
        .file(
            &format!("{a}/courant-b.md"),
            article(
                "Courant B",
                "2025-04-02 10:00",
                "Culture",
                "[courant]",
                "Yves Y",
            ),
        )
        .file(
            &format!("{a}/courant-d.md"),
            article(
                "Courant D",
                "2025-04-03 10:00",
                "Culture",
                "[courant]",
                "Yves Y",
            ),
        )
        .file(
            &format!("{a}/courant-c.md"),
            article(
                "Courant C",
                "2025-04-03 10:00",
                "Culture",
                "[courant]",
                "Yves Y",
            ),
        )
        .file(
            &format!("{a}/meme-rubrique.md"),
            article(
                "Même rubrique",
                "2025-03-01 10:00",
                "Économie",
                "[]",
                "bruno-petit",
            ),
        )
        .file(
            &format!("{a}/meme-auteur.md"),
            article(
                "Même auteur",
                "2025-02-01 10:00",
                "Société",
                "[]",
                "alice-durand",
            ),
        )
        .file(
            &format!("{a}/sans-lien.md"),
            article(
                "Sans lien",
                "2025-06-01 10:00",
                "Opinion",
                "[autre]",
                "bruno-petit",
            ),
        )
}

fn related_slugs(c: &Value) -> Vec<String> {
    c["article"]["related"]
        .as_array()
        .unwrap_or_else(|| panic!("no article.related in {c}"))
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn related_articles_rank_rare_tags_then_category_then_author() {
    let t = related_site("[related]\ncount = 8\n")
        .theme("dump")
        .build()
        .assert_success();
    let c = json_of(&t, "2025/05/cible/index.html");
    // rare (df 2) > courant (df 5), newest first among equals and, on the
    // same date, by URL (c before d); then the category, then the author.
    assert_eq!(
        related_slugs(&c),
        [
            "rare-seul",
            "courant-c",
            "courant-d",
            "courant-b",
            "courant-a",
            "meme-rubrique",
            "meme-auteur"
        ]
    );
    // Related entries are the listings' summaries, under `article` only.
    let first = &c["article"]["related"][0];
    assert_eq!(first["url"], "/2025/01/rare-seul/");
    assert_eq!(first["date_short"], "5 janvier 2025");
    assert_eq!(c["related"], Value::Null);
    // Sharing nothing is not a relation: only the shared author remains.
    let c = json_of(&t, "2025/06/sans-lien/index.html");
    assert_eq!(related_slugs(&c), ["meme-rubrique"]);
}

#[test]
fn the_default_theme_shows_four_related_articles() {
    let t = related_site("").build().assert_success();
    t.assert_page("2025/05/cible/index.html", |p| {
        assert_eq!(p.text(".related h2"), "À lire aussi");
        assert_eq!(
            p.attrs(".related .card-title a", "href"),
            [
                "/2025/01/rare-seul/",
                "/2025/04/courant-c/",
                "/2025/04/courant-d/",
                "/2025/04/courant-b/"
            ]
        );
    });
}

#[test]
fn related_count_zero_turns_the_list_off() {
    let t = related_site("[related]\ncount = 0\n")
        .build()
        .assert_success();
    t.assert_page("2025/05/cible/index.html", |p| {
        assert_eq!(p.count(".related"), 0);
        assert_eq!(p.count("#a-lire-aussi"), 0);
    });
    let t = related_site("[related]\ncount = 0\n")
        .theme("dump")
        .build()
        .assert_success();
    assert_eq!(
        json_of(&t, "2025/05/cible/index.html")["article"]["related"],
        json!([])
    );
}

#[test]
fn a_misspelt_related_key_is_an_error() {
    SiteTest::fixture("basic")
        .file(
            "site.toml",
            format!("{}\n[related]\ncout = 3\n", basic_toml()),
        )
        .build()
        .assert_errors(&[
            "error: site.toml:28: unknown key `related.cout` in [related]; did you mean `count`?",
        ]);
}

#[test]
fn search_index_lists_published_articles_newest_first() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let index = json_of(&t, "recherche/index.json");
    let entries = index["articles"].as_array().unwrap();
    let urls: Vec<&str> = entries.iter().map(|e| e["url"].as_str().unwrap()).collect();
    // The draft is left out, as everywhere else.
    assert_eq!(
        urls,
        [
            "/2025/07/electricite-ete/",
            "/2025/03/conseil-municipal/",
            "/2025/03/marche-du-samedi/",
            "/2025/02/lettre-des-lecteurs/"
        ]
    );
    assert_eq!(
        entries[0],
        json!({
            "title": "L'électricité de l'été : les prix baissent",
            "url": "/2025/07/electricite-ete/",
            "date": "2025-07-04T08:30:00+02:00",
            "date_display": "4 juillet 2025",
            "summary": "Les tarifs de l'électricité baissent cet été, une première depuis trois ans.",
            "category": "Économie",
            "authors": ["Alice Durand"],
            "tags": ["énergie", "Prix"],
        })
    );
    assert_eq!(entries[3]["authors"], json!(["Claire Invitée"]));
}

#[test]
fn search_index_can_carry_the_body_text() {
    let t = SiteTest::fixture("basic")
        .file(
            "site.toml",
            format!("{}\n[search]\nbody = true\n", basic_toml()),
        )
        .build()
        .assert_success();
    let index = json_of(&t, "recherche/index.json");
    assert_eq!(
        index["articles"][0]["text"],
        "Les tarifs de l'électricité baissent cet été, une première depuis trois ans. Pourquoi La production solaire a fortement augmenté."
    );
}

#[test]
fn search_page_script_and_masthead_box() {
    let mut t = SiteTest::fixture("basic")
        .build()
        .assert_success()
        .assert_file("js/search.js");
    t = t.assert_page("recherche/index.html", |p| {
        assert_eq!(p.text("h1"), "Rechercher");
        assert_eq!(p.attr("#recherche", "data-index"), "/recherche/index.json");
        assert_eq!(p.attr(".search-form", "action"), "/recherche/");
        assert_eq!(p.attr(".search-form input[type=search]", "name"), "q");
        assert_eq!(p.attr("script[src]", "src"), "/js/search.js");
        assert_eq!(p.attr("meta[name=robots]", "content"), "noindex");
        assert_eq!(p.text("title"), "Rechercher — La Gazette d'essai");
    });
    for page in [
        "index.html",
        "2025/07/electricite-ete/index.html",
        "404.html",
    ] {
        t = t.assert_page(page, |p| {
            assert_eq!(p.attr("form.topbar-search", "action"), "/recherche/");
            assert_eq!(p.attr("form.topbar-search input", "name"), "q");
        });
    }
    // The search page is not a page to index: it is not in the sitemap.
    assert!(!t.read("sitemap.xml").contains("/recherche/"));
}

#[test]
fn search_path_is_configurable_and_search_can_be_off() {
    let toml = format!("{}\n[search]\npath = \"chercher\"\n", basic_toml());
    let t = SiteTest::fixture("basic")
        .file("site.toml", toml)
        .build()
        .assert_success()
        .assert_file("chercher/index.json")
        .assert_no_file("recherche/index.html");
    let t = t.assert_page("chercher/index.html", |p| {
        assert_eq!(p.attr("#recherche", "data-index"), "/chercher/index.json");
    });
    t.assert_page("index.html", |p| {
        assert_eq!(p.attr("form.topbar-search", "action"), "/chercher/");
    });

    let toml = format!("{}\n[search]\nenabled = false\n", basic_toml());
    let t = SiteTest::fixture("basic")
        .file("site.toml", toml)
        .build()
        .assert_success()
        .assert_no_file("recherche/index.json")
        .assert_no_file("recherche/index.html");
    t.assert_page("index.html", |p| {
        assert_eq!(p.count("form.topbar-search"), 0)
    });
}

#[test]
fn search_context_and_themes_without_a_search_page() {
    // The dump theme has no search.html: the index is written, not the page.
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .build()
        .assert_success()
        .assert_file("recherche/index.json")
        .assert_no_file("recherche/index.html");
    let c = json_of(&t, "index.html");
    assert_eq!(
        c["site"]["search"],
        json!({"url": "/recherche/", "index_url": "/recherche/index.json"})
    );
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .file(
            "themes/default/templates/search.html",
            "{{ __tera_context | json_encode(sort_keys=true) | safe }}",
        )
        .build()
        .assert_success();
    let c = json_of(&t, "recherche/index.html");
    assert_eq!(c["page_kind"], "search");
    assert_eq!(c["current_path"], "/recherche/");
    let t = SiteTest::fixture("basic")
        .theme("dump")
        .file(
            "site.toml",
            format!("{}\n[search]\nenabled = false\n", basic_toml()),
        )
        .build()
        .assert_success();
    assert_eq!(json_of(&t, "index.html")["site"]["search"], Value::Null);
}

#[test]
fn search_path_errors_name_the_line() {
    let bad = |extra: &str, line: &str| {
        SiteTest::fixture("basic")
            .file("site.toml", format!("{}\n{extra}", basic_toml()))
            .build()
            .assert_errors(&[line]);
    };
    bad(
        "[search]\npath = \"Mes recherches\"\n",
        "error: site.toml:28: `search.path` must be a plain URL segment such as `recherche`, found `Mes recherches`",
    );
    bad(
        "[search]\npath = \"mots-cles\"\n",
        "error: site.toml:28: `search.path` is `mots-cles`, a segment the site already uses for its listings; choose another",
    );
    bad(
        "[search]\nbodyy = true\n",
        "error: site.toml:28: unknown key `search.bodyy` in [search]; did you mean `body`?",
    );
    // A page may not take the search page's place.
    SiteTest::fixture("basic")
        .file("content/pages/recherche.md", "---\ntitle: Recherche\n---\nTexte.\n")
        .build()
        .assert_errors(&[
            "content/pages/recherche.md: error: its URL `/recherche/` is reserved for the site's own pages; choose another `slug`",
        ]);
}

#[test]
fn browser_search_is_accent_insensitive_and_follows_the_url() {
    let Some(binary) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let mut b = Browser::open(&binary, &format!("{}/recherche/?q=electricite", s.url));
    let titles = "Array.from(document.querySelectorAll('.search-results .search-result-title a')).map(a => a.textContent)";
    b.wait_until(
        "the results of ?q=electricite",
        titles,
        &json!(["L'électricité de l'été : les prix baissent"]),
    );
    assert_eq!(
        b.eval("document.querySelector('.search-results a').getAttribute('href')"),
        json!("/2025/07/electricite-ete/")
    );
    assert_eq!(
        b.eval("document.querySelector('.search-input').value"),
        json!("electricite")
    );
    // Typing: upper case and accents on the query side match too, every
    // word must be found, and the address follows.
    b.eval(
        "(() => { const i = document.querySelector('.search-input'); i.value = 'MARCHÉ samedi'; i.dispatchEvent(new Event('input')); })()",
    );
    b.wait_until(
        "the results of the typed query",
        titles,
        &json!(["Le marché du samedi change de place"]),
    );
    assert_eq!(
        b.eval("new URLSearchParams(location.search).get('q')"),
        json!("MARCHÉ samedi")
    );
    b.eval(
        "(() => { const i = document.querySelector('.search-input'); i.value = 'marché lundi'; i.dispatchEvent(new Event('input')); })()",
    );
    b.wait_until("no result", titles, &json!([]));
    assert_eq!(
        b.eval("document.querySelector('.search-status').textContent"),
        json!("Aucun article ne correspond à « marché lundi ».")
    );
}

/// List items are rendered once for all listings (one fragment each), so a
/// category page hides their kicker with CSS rather than leaving it out: a
/// reader sees no kicker there, but does on a tag page.
#[test]
fn browser_category_pages_hide_the_kicker_of_their_list_items() {
    let Some(binary) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    // [kicker shown, separator shown, date shown] for each list item.
    let shown = "Array.from(document.querySelectorAll('.story-item-top')).map(p => ['.kicker', '.meta-sep', 'time'].map(sel => { const e = p.querySelector(sel); return !!e && e.getClientRects().length > 0; }))";
    let mut b = Browser::open(&binary, &format!("{}/rubriques/economie/", s.url));
    // The style sheet must have loaded (`complete`), or nothing is hidden yet.
    let loaded =
        "document.readyState === 'complete' ? document.querySelectorAll('.story-item').length : -1";
    b.wait_until("the category page and its style sheet", loaded, &json!(1));
    assert_eq!(
        b.eval("document.querySelector('.story-item-top .kicker').textContent"),
        json!("Économie")
    );
    assert_eq!(b.eval(shown), json!([[false, false, true]]));
    let mut b = Browser::open(&binary, &format!("{}/mots-cles/energie/", s.url));
    b.wait_until("the tag page and its style sheet", loaded, &json!(2));
    assert_eq!(
        b.eval(shown),
        json!([[true, true, true], [true, true, true]])
    );
}

/// Preview rebuilds equal a full build with related lists on every page and
/// the body text in the index, under edits that move articles between
/// related lists (tags, drafts) and changes of the two settings.
#[test]
fn random_edits_keep_related_lists_and_the_index_exact() {
    for seed in [7u64, 8] {
        let t = SiteTest::fixture("basic").file(
            "site.toml",
            format!(
                "{}\n[related]\ncount = 2\n\n[search]\nbody = true\n",
                basic_toml()
            ),
        );
        let root = t.root.clone();
        let (mut inc, _) = Incremental::new(&root, LoadOptions::default()).unwrap();
        let mut rng = Lcg(seed);
        for step in 0..20 {
            let paths = match rng.below(3) {
                0 => discover_edit(&mut rng, &root),
                _ => edit(&mut rng, &root, 100 + step),
            };
            let applied = inc.apply(&ChangeSet::classify(&root, "default", paths));
            let fresh = Incremental::new(&root, LoadOptions::default());
            match (applied, fresh) {
                (Ok(_), Ok((fresh, _))) => {
                    let (got, want) = (inc.snapshot(), fresh.snapshot());
                    let differ: Vec<&String> = want
                        .keys()
                        .chain(got.keys())
                        .filter(|k| got.get(*k) != want.get(*k))
                        .collect();
                    assert!(differ.is_empty(), "seed {seed} step {step}: {differ:?}");
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!(
                    "seed {seed} step {step}: {:?} vs {:?}",
                    a.is_ok(),
                    b.is_ok()
                ),
            }
        }
    }
}

/// Edits of what related lists and the index depend on, beyond those of
/// the incremental module: tags drawn to overlap, drafts, the settings.
fn discover_edit(rng: &mut Lcg, root: &Path) -> Vec<PathBuf> {
    let a = rng.pick(&articles(root));
    let text = fs::read_to_string(&a).unwrap_or_default();
    match rng.below(4) {
        0 => {
            let tags = rng.pick(&["[énergie, prix]", "[prix]", "[mairie, énergie]", "[rare]"]);
            fs::write(&a, set_key(&text, "tags", tags)).unwrap();
        }
        1 => {
            let draft = if text.contains("draft: true") {
                "false"
            } else {
                "true"
            };
            fs::write(&a, set_key(&text, "draft", draft)).unwrap();
        }
        2 => {
            let p = root.join("site.toml");
            let s = fs::read_to_string(&p).unwrap();
            let count = rng.pick(&["count = 0", "count = 1", "count = 3"]);
            let s: String = s
                .lines()
                .map(|l| if l.starts_with("count = ") { count } else { l })
                .collect::<Vec<_>>()
                .join("\n");
            fs::write(&p, s + "\n").unwrap();
            return vec![p];
        }
        _ => {
            // The last word changes, the word count does not: only the
            // index's body text (and the article) can tell.
            let body = text.trim_end();
            let cut = body.rfind(char::is_whitespace).map_or(0, |k| k + 1);
            fs::write(&a, format!("{}électricité{}.\n", &body[..cut], rng.next())).unwrap();
        }
    }
    vec![a]
}

#[test]
fn a_tag_edit_updates_another_articles_related_list_while_previewing() {
    let t = related_site("[related]\ncount = 1\n");
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    let page = "2025/06/sans-lien/index.html";
    let related = |inc: &Incremental| {
        let html = String::from_utf8(inc.page(page).unwrap().to_vec()).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse(".related .card-title a").unwrap();
        doc.select(&sel)
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(related(&inc), ["/2025/03/meme-rubrique/"]);
    // Courant A takes the tag only `sans-lien` had: it is now its best match.
    let p = t.root.join("content/actualite/courant-a.md");
    let text = fs::read_to_string(&p).unwrap();
    fs::write(&p, set_key(&text, "tags", "[autre]")).unwrap();
    inc.apply(&ChangeSet::classify(&t.root, "default", [p]))
        .unwrap();
    assert_eq!(related(&inc), ["/2025/04/courant-a/"]);
    let full = Incremental::new(&t.root, LoadOptions::default()).unwrap().0;
    assert_eq!(inc.snapshot(), full.snapshot());
}
