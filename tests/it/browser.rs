//! End to end in a real browser: headless Chromium, driven through the
//! DevTools protocol, shows an article served by `rotative serve`; the test
//! rewrites the title in the Markdown file and the open page must show the
//! new title by itself (live reload), with no navigation from the test.

use crate::harness::SiteTest;
use crate::server::Server;
use serde_json::{Value, json};
use std::time::Duration;

use rotative::devtools::DevtoolsError;
pub use rotative::devtools::find_chromium as chromium;

/// The library's DevTools client, with the tests' way of failing: a broken
/// connection panics, a script that throws gives `null`.
pub struct Browser(pub rotative::devtools::Browser);

impl Browser {
    pub fn open(binary: &str, url: &str) -> Browser {
        Browser(rotative::devtools::Browser::launch(binary, url).expect("chromium starts"))
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expr: &str) -> Value {
        match self.0.eval(expr) {
            Ok(v) => v,
            Err(DevtoolsError::Script(_)) => Value::Null,
            Err(e) => panic!("{e}"),
        }
    }

    pub fn wait_until(&mut self, what: &str, expr: &str, want: &Value) {
        if let Err(e) = self.0.wait_for(what, expr, want) {
            panic!("{e}: {expr} is {}", self.eval(expr));
        }
    }
}

#[test]
fn browser_shows_an_edited_title_without_navigation() {
    let Some(binary) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let mut b = Browser::open(&binary, &format!("{}/2025/07/electricite-ete/", s.url));
    let title = "document.querySelector('h1') && document.querySelector('h1').textContent.trim()";
    b.wait_until(
        "the article",
        title,
        &json!("L'électricité de l'été : les prix baissent"),
    );
    // Wait for the live-reload connection, then mark this page instance: a
    // reload triggered by the page itself clears the mark.
    b.wait_until(
        "the live-reload script",
        "!!document.querySelector('script[src=\"/__rotative/live.js\"]')",
        &json!(true),
    );
    std::thread::sleep(Duration::from_millis(500));
    b.eval("window.__rotative_test_mark = 1");

    let src = t
        .root
        .join("content/actualite/2025-03-04-electricite-ete.md");
    let text = std::fs::read_to_string(&src).unwrap();
    std::fs::write(
        &src,
        text.replace(
            "L'électricité de l'été : les prix baissent",
            "Le titre a changé dans le navigateur",
        ),
    )
    .unwrap();

    b.wait_until(
        "the new title",
        title,
        &json!("Le titre a changé dans le navigateur"),
    );
    assert_eq!(
        b.eval("typeof window.__rotative_test_mark"),
        json!("undefined"),
        "the page reloaded itself"
    );
    b.wait_until(
        "the reload announced to screen readers",
        "Array.prototype.some.call(document.querySelectorAll('[role=status]'), function (n) { return n.textContent === \"Page mise à jour après l'enregistrement.\"; })",
        &json!(true),
    );
}
