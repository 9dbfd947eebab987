//! Preview rebuilds: after any sequence of edits, the in-memory site must equal
//! a full build of the same files, and an edit must re-render only a few pages.

use crate::harness::{SiteTest, tree};
use rotative::preview::{ChangeSet, Incremental};
use rotative::site::LoadOptions;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A small deterministic generator, so a failure can be replayed from its seed.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn pick<T: Clone>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())].clone()
    }
}

/// Waits until `when` has passed, then edits a sentence of the fixture's
/// `conseil-municipal` article (an edit that keeps the site's shape, so it
/// is swapped in place) and applies it: what the clock moved in between
/// must reach the preview all the same.
pub(crate) fn edit_another_article_after(
    inc: &mut Incremental,
    root: &Path,
    when: chrono::DateTime<chrono::Utc>,
) {
    let wait = when - chrono::Utc::now() + chrono::Duration::milliseconds(200);
    std::thread::sleep(wait.to_std().unwrap_or_default());
    let other = root.join("content/actualite/conseil-municipal.md");
    let text = fs::read_to_string(&other).unwrap();
    fs::write(&other, text.replace("quatre heures", "cinq heures")).unwrap();
    inc.apply(&ChangeSet::classify(root, "default", [other]))
        .unwrap();
}

fn full(root: &Path) -> BTreeMap<String, Vec<u8>> {
    Incremental::new(root, LoadOptions::default())
        .expect("full build")
        .0
        .snapshot()
}

pub(crate) fn articles(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/actualite"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

pub(crate) fn set_key(text: &str, key: &str, value: &str) -> String {
    let mut out = String::new();
    let mut done = false;
    for (i, line) in text.lines().enumerate() {
        if !done && line.starts_with(&format!("{key}:")) {
            out.push_str(&format!("{key}: {value}\n"));
            done = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
        if i == 0 && !text.contains(&format!("\n{key}:")) {
            out.push_str(&format!("{key}: {value}\n"));
            done = true;
        }
    }
    out
}

/// One random edit; returns the paths it touched.
pub(crate) fn edit(rng: &mut Lcg, root: &Path, step: usize) -> Vec<PathBuf> {
    let arts = articles(root);
    let a = rng.pick(&arts);
    let text = fs::read_to_string(&a).unwrap_or_default();
    let write = |p: &Path, s: &str| {
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, s).unwrap();
    };
    match rng.below(16) {
        0 => write(
            &a,
            &set_key(&text, "title", &format!("\"Titre modifié {step}\"")),
        ),
        1 => write(
            &a,
            &format!("{text}\nUn paragraphe ajouté à l'étape {step}.\n"),
        ),
        2 => write(
            &a,
            &set_key(
                &text,
                "date",
                // Across months and years: the date archives move too.
                &format!(
                    "202{}-0{}-1{} 10:00",
                    4 + rng.below(2),
                    1 + rng.below(8),
                    rng.below(9)
                ),
            ),
        ),
        3 => write(
            &a,
            &set_key(
                &text,
                "category",
                rng.pick(&["Économie", "Politique", "Culture", "Sport"]),
            ),
        ),
        4 => write(
            &a,
            &set_key(
                &text,
                "tags",
                rng.pick(&["[énergie]", "[prix, mairie]", "[nouveau, commerce]", "[]"]),
            ),
        ),
        5 => {
            let p = root.join(format!("content/actualite/nouveau-{step}.md"));
            write(
                &p,
                &format!(
                    "---\ntitle: Nouveau {step}\ndate: 2025-0{}-0{} 09:00\nauthor: bruno-petit\ncategory: Politique\ntags: [mairie]\n---\nTexte {step}.\n",
                    1 + rng.below(8),
                    1 + rng.below(8)
                ),
            );
            return vec![p];
        }
        6 if arts.len() > 2 => fs::remove_file(&a).unwrap(),
        7 => {
            let p = root.join("content/authors/alice-durand.md");
            let t = fs::read_to_string(&p).unwrap();
            write(&p, &format!("{t}Mise à jour {step}.\n"));
            return vec![p];
        }
        8 => {
            let t = rng.pick(&[
                "base.html",
                "article.html",
                "index.html",
                "partials/card.html",
                "partials/components.html",
            ]);
            let p = root.join("themes/default/templates").join(t);
            let s = fs::read_to_string(&p).unwrap();
            write(&p, &format!("{s}{{# édition {step} #}}\n"));
            return vec![p];
        }
        9 => {
            let p = root.join("site.toml");
            let s = fs::read_to_string(&p).unwrap();
            let per = if s.contains("per_page = 2") {
                "per_page = 3"
            } else {
                "per_page = 2"
            };
            write(
                &p,
                &s.replace("per_page = 2", "X")
                    .replace("per_page = 3", "X")
                    .replace("X", per),
            );
            return vec![p];
        }
        10 => {
            let to = a.with_file_name(format!("renomme-{step}.md"));
            fs::rename(&a, &to).unwrap();
            return vec![a, to];
        }
        // Updates and corrections, and listings sorted by them; live
        // coverage gaining an entry; subscriber-only articles.
        11 => match rng.below(5) {
            3 => {
                // Its other headings become entries too, or it would not build.
                let live: String = set_key(&text, "live", "true")
                    .lines()
                    .enumerate()
                    .map(|(i, l)| match l.strip_prefix("## ") {
                        Some(h) if !h.contains(" h ") => {
                            format!("## 09 h {:02} — {h}\n", i % 60)
                        }
                        _ => format!("{l}\n"),
                    })
                    .collect();
                write(
                    &a,
                    &format!(
                        "{live}\n## {} h 0{} — Entrée {step}\n\nLe point à l'étape {step}.\n",
                        10 + rng.below(9),
                        rng.below(9)
                    ),
                )
            }
            4 => write(
                &a,
                &set_key(&text, "access", rng.pick(&["subscribers", "free"])),
            ),
            0 => write(
                &a,
                &set_key(
                    &text,
                    "updated",
                    &format!("2025-09-0{} 10:00", 1 + rng.below(8)),
                ),
            ),
            1 => write(
                &a,
                &set_key(
                    &text,
                    "corrections",
                    &format!(
                        "[{{date: 2025-09-1{} 08:00, text: Erreur {step}}}]",
                        rng.below(9)
                    ),
                ),
            ),
            _ => {
                let p = root.join("site.toml");
                let s = fs::read_to_string(&p).unwrap();
                let table = "\n[listings]\nsort = \"updated\"\n";
                let s = match s.strip_suffix(table) {
                    Some(rest) => rest.to_string(),
                    None => format!("{s}{table}"),
                };
                write(&p, &s);
                return vec![p];
            }
        },
        // Scheduled: held back by every build until 2099.
        12 => write(
            &a,
            &set_key(
                &text,
                "date",
                &format!("2099-0{}-01 10:00", 1 + rng.below(8)),
            ),
        ),
        13 => write(
            &a,
            &set_key(
                &text,
                "aliases",
                rng.pick(&["[ancien/chemin/]", "[vieux/a/, vieux/b.html]", "[]"]),
            ),
        ),
        // Photos, typography and comments (tests/it/media.rs).
        14 | 15 => return crate::media::random_edit(rng.below(5), rng.below(4), root, &a, step),
        _ => write(
            &a,
            &set_key(
                &text,
                "author",
                rng.pick(&["alice-durand", "bruno-petit", "Zoé Nouvelle"]),
            ),
        ),
    }
    vec![a]
}

#[test]
fn random_edit_sequences_match_a_full_build() {
    for seed in [1u64, 2, 3] {
        let t = SiteTest::fixture("basic");
        let root = t.root.clone();
        let (mut inc, _) = Incremental::new(&root, LoadOptions::default()).unwrap();
        let mut rng = Lcg(seed);
        for step in 0..25 {
            let paths = edit(&mut rng, &root, step);
            let change = ChangeSet::classify(&root, "default", paths);
            let applied = inc.apply(&change);
            let expected = Incremental::new(&root, LoadOptions::default());
            match (applied, expected) {
                (Ok(_), Ok((fresh, _))) => {
                    let got = inc.snapshot();
                    let want = fresh.snapshot();
                    let differ: Vec<&String> = want
                        .keys()
                        .chain(got.keys())
                        .filter(|k| got.get(*k) != want.get(*k))
                        .collect();
                    assert!(
                        differ.is_empty(),
                        "seed {seed} step {step}: pages differ from a full build: {differ:?}"
                    );
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!(
                    "seed {seed} step {step}: incremental {:?} but full {:?}",
                    a.is_ok(),
                    b.is_ok()
                ),
            }
        }
    }
}

#[test]
fn in_memory_build_equals_the_disk_build() {
    let t = SiteTest::fixture("basic").build().assert_success();
    let mut disk = tree(&t.public());
    disk.remove(".rotative-output");
    assert_eq!(full(&t.root), disk);
}

#[test]
fn editing_one_article_rerenders_only_its_dependents() {
    let t = SiteTest::fixture("basic");
    let (mut inc, first) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    let total = first.rendered;
    let a = t.root.join("content/actualite/conseil-municipal.md");
    let text = fs::read_to_string(&a)
        .unwrap()
        .replace("a voté le budget", "a adopté le budget");
    fs::write(&a, text).unwrap();
    let r = inc
        .apply(&ChangeSet::classify(&t.root, "default", [a.clone()]))
        .unwrap();
    // Body only: its page and the feeds that carry its content (site,
    // category, author), each in Atom and RSS.
    assert_eq!(r.rendered, 7, "rendered {} of {total}", r.rendered);
    let text = fs::read_to_string(&a)
        .unwrap()
        .replace("title: Conseil municipal houleux", "title: Conseil agité");
    fs::write(&a, text).unwrap();
    let r = inc
        .apply(&ChangeSet::classify(&t.root, "default", [a]))
        .unwrap();
    assert!(
        r.rendered > 4 && r.rendered < total / 2,
        "rendered {} of {total}",
        r.rendered
    );
}

/// A component is an input of every page that uses it, wherever it is
/// defined: changing the kicker component re-renders the pages showing a
/// kicker, and the preview still equals a full build.
#[test]
fn editing_a_component_rerenders_the_pages_that_use_it() {
    let t = SiteTest::fixture("basic");
    let (mut inc, first) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    let p = t
        .root
        .join("themes/default/templates/partials/components.html");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("<a class=\"kicker\"", "<a class=\"kicker kicker--modifie\"");
    assert!(text.contains("kicker--modifie"));
    fs::write(&p, text).unwrap();
    let r = inc
        .apply(&ChangeSet::classify(&t.root, "default", [p]))
        .unwrap();
    assert!(
        r.rendered > 0 && r.rendered < first.rendered,
        "rendered {} of {}",
        r.rendered,
        first.rendered
    );
    let page = inc.page("2025/07/electricite-ete/index.html").unwrap();
    assert!(String::from_utf8_lossy(&page).contains("kicker kicker--modifie"));
    assert_eq!(inc.snapshot(), full(&t.root));
}

#[test]
fn editor_temp_files_are_not_changes() {
    let root = PathBuf::from("/site");
    let c = ChangeSet::classify(
        &root,
        "default",
        [
            "content/.a.md.swp",
            "content/a.md~",
            "content/4913",
            "content/.#a.md",
            "content/#a.md#",
            "content/a.md___jb_tmp___",
            "content/a.md-swp",
        ]
        .map(|p| root.join(p)),
    );
    assert!(c.is_empty(), "{c:?}");
    let c = ChangeSet::classify(
        &root,
        "default",
        [root.join("themes/default/static/css/style.css")],
    );
    assert!(c.css_only());
    let c = ChangeSet::classify(
        &root,
        "default",
        [root.join("site.toml"), root.join("content/a.md")],
    );
    assert!(c.config && !c.css_only());
}
