//! Bringing an archive in: other generators' front matter read as it is
//! (`frontmatter`), and `rotative import` from Jekyll, Hugo and WordPress:
//! each test imports a fixture of `tests/fixtures/import/`, builds the result
//! with the real binary and asserts on the pages.

mod frontmatter;
mod hugo;
mod jekyll;
mod wordpress;

use crate::harness::{SiteTest, copy_dir, repo};
use scraper::{Html, Node};
use std::path::Path;

pub use crate::harness::Run;

/// Runs `rotative import ARGS…` from `cwd`.
pub fn import_cmd(cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    crate::harness::rotative(cwd, &all)
}

/// A copy of `tests/fixtures/import/<source>` as `src/` in a fresh folder,
/// and a `SiteTest` whose site (`site/`) does not exist yet.
pub fn fresh(source: &str) -> SiteTest {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/import").join(source),
        &tmp.path().join("src"),
    );
    let root = tmp.path().join("site");
    SiteTest {
        tmp,
        root,
        status: None,
        stdout: String::new(),
        stderr: String::new(),
    }
}

/// `rotative import <source> src --into site` in the test's folder.
pub fn import(t: &SiteTest, source: &str, extra: &[&str]) -> Run {
    let mut args = vec![source, "src", "--into", "site"];
    args.extend_from_slice(extra);
    import_cmd(t.tmp.path(), &args)
}

/// Text and attribute values of every HTML page of the output, outside
/// `<code>` and `<pre>`, must hold no template construct of any generator.
pub fn assert_no_template_text(public: &Path) {
    const MARKS: &[&str] = &[
        "{%",
        "{{",
        "%}",
        "}}",
        "[caption",
        "[/caption]",
        "[embed",
        "[gallery",
        "[audio",
        "[video",
    ];
    let mut pages = 0;
    for e in walkdir::WalkDir::new(public) {
        let e = e.unwrap();
        let p = e.path();
        if p.extension().is_none_or(|x| x != "html") {
            continue;
        }
        pages += 1;
        let text = std::fs::read_to_string(p).unwrap();
        let doc = Html::parse_document(&text);
        for node in doc.tree.nodes() {
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|el| matches!(el.name(), "code" | "pre" | "script" | "style"))
            });
            if in_code {
                continue;
            }
            let values: Vec<String> = match node.value() {
                Node::Text(t) => vec![t.to_string()],
                Node::Element(el) => el.attrs().map(|(_, v)| v.to_string()).collect(),
                _ => continue,
            };
            for v in values {
                for m in MARKS {
                    assert!(!v.contains(m), "{} shows {m:?} in {v:?}", p.display());
                }
            }
        }
    }
    assert!(pages > 5, "no pages under {}", public.display());
}
