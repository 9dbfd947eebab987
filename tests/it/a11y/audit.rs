//! `rotative check --a11y`: zero violations on every page kind of the demo
//! site; a broken page reported with its rule, address, width and element.

use super::axe;
use crate::harness::{SiteTest, rotative};

#[test]
fn every_page_kind_of_the_demo_site_passes_axe_and_reflow() {
    let Some(axe) = axe() else { return };
    let t = SiteTest::demo();
    let run = rotative(&t.root, &["check", "--a11y", "--axe", &axe]).success();
    let mut labels: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("  auditing "))
        .filter_map(|l| {
            l.split_once(" (")
                .map(|(_, label)| label.trim_end_matches(')'))
        })
        .collect();
    labels.sort_unstable();
    assert_eq!(
        labels,
        [
            "404",
            "article with a photo",
            "article with shortcodes",
            "article without a photo",
            "author",
            "authors",
            "categories",
            "category",
            "corrected article",
            "home",
            "home, page 2",
            "live article",
            "month archive",
            "page",
            "search, with results",
            "subscriber-only article",
            "tag",
            "tags",
            "year archive",
        ]
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("  auditing /recherche/?q=")
                && l.ends_with(" (search, with results)")),
        "{}",
        run.stderr
    );
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("Audited 19 pages with axe-core 4.")
            && summary.contains(
                "(WCAG 2.1 A and AA at 1280 and 390 px; reflow at 320 and 640 px): no violations in "
            ),
        "{summary}"
    );
}

#[test]
fn a_broken_page_is_reported_with_its_rule_address_width_and_element() {
    let Some(axe) = axe() else { return };
    let t = SiteTest::fixture("basic").file(
        "content/pages/a-propos.md",
        "---\ntitle: À propos\n---\nUne photo sans texte :\n\n<img src=\"/images/pylone.png\" width=\"40\" height=\"40\">\n\n<div class=\"large\" style=\"width: 700px\">Un encadré trop large.</div>\n\n<p style=\"color: #c8c8c8\">Un texte trop pâle.</p>\n",
    );
    let run = rotative(&t.root, &["check", "--a11y", "--axe", &axe]);
    assert_eq!(run.status, Some(1), "{}\n{}", run.stdout, run.stderr);
    for width in [1280, 390] {
        for line in [
            format!(
                "/a-propos/ at {width} px: error: image-alt (critical): Images must have alternative text"
            ),
            format!(
                "/a-propos/ at {width} px: error: color-contrast (serious): Elements must meet minimum color contrast ratio thresholds"
            ),
        ] {
            assert!(run.has(&line), "missing {line:?} in\n{}", run.stderr);
        }
    }
    let lines: Vec<&str> = run.stderr.lines().collect();
    let contrast = lines
        .iter()
        .position(|l| l.starts_with("/a-propos/ at 1280 px: error: color-contrast"))
        .unwrap();
    assert!(
        lines[contrast + 1].starts_with("    p:nth-child(4): Fix any of the following: Element has insufficient color contrast of 1.57 (foreground color: #c8c8c8, background color: #faf8f3"),
        "{}",
        lines[contrast + 1]
    );
    // The gutters grow with the width (3vw, at least 1rem).
    for (width, wide) in [(320, 716), (640, 719)] {
        let at = lines
            .iter()
            .position(|l| {
                *l == format!("/a-propos/ at {width} px: error: reflow (serious): Content must fit {width} px without scrolling sideways (WCAG 1.4.10)")
            })
            .unwrap_or_else(|| panic!("no reflow error at {width} px in\n{}", run.stderr));
        assert!(
            lines[at + 1]
                == format!(
                    "    article.story.story--page > div.article-body.article-body--lede > div.large: the page is {wide} px wide"
                ),
            "{}",
            lines[at + 1]
        );
    }
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(summary.contains("): 6 violations in "), "{summary}");
}

#[test]
fn without_axe_core_the_check_says_where_it_looked_and_what_to_do() {
    let t = SiteTest::fixture("basic");
    let run = rotative(&t.root, &["check", "--a11y"]);
    assert_eq!(run.status, Some(1));
    if crate::browser::chromium().is_some() {
        run.assert_line(
            "error: axe-core was not found at ./node_modules/axe-core/axe.min.js: install it with `npm install axe-core` in the site folder, or give its axe.min.js with --axe PATH",
        );
    }
}
