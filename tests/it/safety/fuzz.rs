//! Case 20: arbitrary bytes as an article file never make rotative panic.
//!
//! Inputs go through the whole preview pipeline in this process (front
//! matter, Markdown, the model, page rendering with the default theme), the
//! way a save reaches `rotative serve`. Two generators: raw bytes, and
//! sequences of the tokens that matter to the parsers (fences, keys, dates,
//! brackets, HTML, odd Unicode), which reach deeper than bytes alone.
//!
//! `ROTATIVE_FUZZ_SECS` sets the time budget (default 4 s, for CI); the long
//! run recorded in the README's Safety section used `ROTATIVE_FUZZ_SECS=600`.

use crate::harness::SiteTest;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rotative::preview::{ChangeSet, Incremental};
use rotative::site::LoadOptions;
use std::fs;
use std::time::{Duration, Instant};

const TOKENS: &[&str] = &[
    "---\n",
    "...\n",
    "\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    "title: ",
    "date: ",
    "updated: ",
    "author: ",
    "authors: ",
    "category: ",
    "tags: ",
    "photo:\n",
    "  src: ",
    "  alt: ",
    "  credit: ",
    "summary: ",
    "slug: ",
    "draft: ",
    "true",
    "null",
    "~",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    "\"",
    "'",
    "2025-07-04",
    "2025-07-04 08:30",
    "2025-13-45",
    "2025-02-29",
    "24:61",
    "+14:00",
    "T",
    "Z",
    "Le Titre",
    "Économie",
    "énergie",
    "../",
    "/",
    "\\",
    "\0",
    "\u{feff}",
    "\u{202e}",
    "\u{301}",
    "🗞",
    "&amp;",
    "&#0;",
    "<",
    ">",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- more -->",
    "<!--",
    "-->",
    "```",
    "~~~",
    "    ",
    "> ",
    "* ",
    "1. ",
    "# ",
    "###### ",
    "|a|b|\n|-|-|\n",
    "[^1]",
    "[^1]: note",
    "[lien](",
    ")",
    "](javascript:alert(1))",
    "<http://x>",
    "![img](",
    "*",
    "**",
    "_",
    "`",
    "\\*",
    "$",
    "{{ ",
    " }}",
    "{% ",
    " %}",
    "&",
    "%",
    "?",
    "!",
    ";",
    "«",
    "»",
    "’",
    "\u{a0}",
    "\u{202f}",
    "0",
    "9999999999999999999999",
    "-1",
    "1e400",
    "&nbsp;",
    "[[",
    "]]",
    "<div>",
    "</div>",
    "<pre>",
    "</pre>",
    "\u{2028}",
];

fn tokens() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
            1 => prop::collection::vec(any::<u8>(), 0..8),
            1 => "[a-zA-Zéà0-9 ]{0,12}".prop_map(String::into_bytes),
        ],
        0..120,
    )
    .prop_map(|parts| {
        let mut v = b"---\n".to_vec();
        v.extend(parts.concat());
        v
    })
}

fn inputs() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..600),
        3 => tokens(),
    ]
}

fn budget() -> Duration {
    let secs = std::env::var("ROTATIVE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    Duration::from_secs(secs)
}

/// Feeds one input to the preview pipeline as a new article file.
fn feed(t: &SiteTest, inc: &mut Incremental, bytes: &[u8]) {
    let path = t.root.join("content/actualite/fuzz.md");
    fs::write(&path, bytes).unwrap();
    let change = ChangeSet::classify(&t.root, "default", [path]);
    // Errors are fine (most inputs are not articles); panics are not.
    let _ = inc.apply(&change);
}

/// Runs `check` on generated inputs until the time budget is spent; returns
/// how many inputs it saw.
fn fuzz(mut check: impl FnMut(&[u8])) -> u64 {
    let check = std::cell::RefCell::new(&mut check);
    let executions = std::cell::Cell::new(0u64);
    let (start, budget) = (Instant::now(), budget());
    while start.elapsed() < budget {
        // A runner stops after `cases` successes in all, so each round takes
        // a fresh one (with a fresh random seed).
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&inputs(), |bytes| {
                executions.set(executions.get() + 1);
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    (check.borrow_mut())(&bytes)
                }))
                .map_err(|_| {
                    TestCaseError::fail(format!(
                        "panic on input {:?}",
                        String::from_utf8_lossy(&bytes)
                    ))
                })
            })
            .unwrap_or_else(|e| panic!("{e}"));
    }
    eprintln!(
        "fuzz: {} inputs in {:.1} s",
        executions.get(),
        start.elapsed().as_secs_f64()
    );
    executions.get()
}

#[test]
fn case_20_arbitrary_bytes_through_the_parsers_never_panic() {
    let t = SiteTest::fixture("basic");
    let config = rotative::config::Config::load(&t.root).unwrap();
    let opts = rotative::content::ParseOptions::new(&t.root, &config);
    let file = rotative::content::SourceFile {
        path: t.root.join("content/actualite/fuzz.md"),
        rel: "content/actualite/fuzz.md".into(),
        content_rel: "actualite/fuzz.md".into(),
        kind: rotative::content::Kind::Article,
    };
    fuzz(|bytes| {
        if let Ok(text) = rotative::content::decode(bytes) {
            let _ = rotative::content::parse_article(&file, &text, &opts);
            let _ = rotative::content::parse_page(&file, &text, &opts);
            let _ = rotative::content::parse_author(&file, &text, &opts);
        }
    });
}

#[test]
fn case_20_arbitrary_article_files_never_panic() {
    let t = SiteTest::fixture("basic");
    let (mut inc, _) = Incremental::new(&t.root, LoadOptions::default()).unwrap();
    fuzz(|bytes| feed(&t, &mut inc, bytes));
    // The site still builds after all that, without the last input.
    fs::remove_file(t.root.join("content/actualite/fuzz.md")).unwrap();
    let change = ChangeSet::classify(
        &t.root,
        "default",
        [t.root.join("content/actualite/fuzz.md")],
    );
    inc.apply(&change).expect("the site builds again");
}
