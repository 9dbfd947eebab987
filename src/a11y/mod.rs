//! The accessibility audit of `rotative check --a11y`: which pages stand for
//! each kind of page the site has, and what axe-core and the reflow checks
//! find on them in a real Chromium (`audit.rs` drives the browser).

mod audit;

pub use audit::{AuditError, run};

use crate::model::Model;
use crate::render::Job;
use std::path::{Path, PathBuf};

/// The widths each page is audited at: a desktop window and a phone.
pub const WIDTHS: [u32; 2] = [1280, 390];

/// The widths at which no page may scroll sideways: 320 CSS pixels is WCAG
/// 1.4.10's reflow width (a 1280 px window at 400 %), 640 is 200 % zoom.
pub const REFLOW_WIDTHS: [u32; 2] = [320, 640];

/// The axe-core rule tags audited: WCAG 2.0 and 2.1, levels A and AA.
pub const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One page that stands for its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// What the page is, in the report: "home", "article with a photo"…
    pub label: &'static str,
    /// Its address on the site, from `/`, with a query for the search page.
    pub url: String,
}

/// One rule broken on one page at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub url: String,
    pub width: u32,
    /// `light` or `dark`.
    pub scheme: &'static str,
    pub rule: String,
    pub impact: String,
    pub help: String,
    /// Each offending element's CSS selector and what is wrong with it.
    pub nodes: Vec<(String, String)>,
}

/// What the audit looked at and what it found.
#[derive(Debug, Default)]
pub struct Findings {
    pub axe_version: String,
    pub pages: Vec<Sample>,
    pub schemes: Vec<&'static str>,
    pub violations: Vec<Violation>,
}

/// Where axe-core is: `--axe PATH`, else `ROTATIVE_AXE`, else the site's
/// own `node_modules/axe-core/axe.min.js` (`npm install axe-core`).
pub fn locate_axe(root: &Path, given: Option<&Path>) -> Result<PathBuf, AuditError> {
    let candidate = match (given, std::env::var_os("ROTATIVE_AXE")) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(p)) if !p.is_empty() => PathBuf::from(p),
        _ => root.join("node_modules/axe-core/axe.min.js"),
    };
    if candidate.is_file() {
        Ok(candidate)
    } else {
        Err(AuditError::NoAxe { looked: candidate })
    }
}

fn url_of(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    }
}

/// The pages that stand for each kind: the home page and its second page,
/// an article with a lead photo, one without, a corrected one, a live one
/// and a subscriber-only one, one with shortcodes (embeds, a gallery, a
/// box), a year and a month archive, the first author,
/// tag and category, their indexes, the first standalone page, the search
/// page with results shown, and the 404 page.
pub fn samples(model: &Model, plan: &[(Job, String)]) -> Vec<Sample> {
    type Is = fn(&crate::model::Article) -> bool;
    let article = |j: Job, is: Is| matches!(j, Job::Article(i) if model.articles.get(i).is_some_and(|a| is(a)));
    let picks: [(&'static str, &dyn Fn(Job) -> bool); 19] = [
        ("home", &|j| j == Job::Index(1)),
        ("home, page 2", &|j| j == Job::Index(2)),
        ("article with a photo", &|j| {
            article(j, |a| a.photo.is_some())
        }),
        ("article without a photo", &|j| {
            article(j, |a| a.photo.is_none())
        }),
        ("corrected article", &|j| {
            article(j, |a| !a.corrections.is_empty())
        }),
        ("live article", &|j| article(j, |a| a.live)),
        ("subscriber-only article", &|j| {
            article(j, |a| a.subscribers)
        }),
        ("article with shortcodes", &|j| {
            article(j, |a| !a.shortcodes.is_empty())
        }),
        ("year archive", &|j| matches!(j, Job::Year(_, 1))),
        ("month archive", &|j| matches!(j, Job::Month(_, _, 1))),
        ("author", &|j| matches!(j, Job::Author(_, 1))),
        ("authors", &|j| j == Job::Authors),
        ("category", &|j| matches!(j, Job::Category(_, 1))),
        ("categories", &|j| j == Job::Categories),
        ("tag", &|j| matches!(j, Job::Tag(_, 1))),
        ("tags", &|j| j == Job::Tags),
        ("page", &|j| matches!(j, Job::Page(_))),
        ("search, with results", &|j| j == Job::Search),
        ("404", &|j| j == Job::NotFound),
    ];
    let mut out = Vec::new();
    for (label, wanted) in picks {
        let Some((job, file)) = plan.iter().find(|(j, _)| wanted(*j)) else {
            continue;
        };
        let mut url = url_of(file);
        if *job == Job::Search
            && let Some(word) = search_word(model)
        {
            url = format!("{url}?q={word}");
        }
        out.push(Sample { label, url });
    }
    out
}

/// A word of the newest article's title, so the search page shows results.
fn search_word(model: &Model) -> Option<String> {
    let title = &model.articles.first()?.title;
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .max_by_key(|w| w.chars().count())
        .map(|w| {
            percent_encoding::utf8_percent_encode(
                &w.to_lowercase(),
                percent_encoding::NON_ALPHANUMERIC,
            )
            .to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_files_become_addresses() {
        assert_eq!(url_of("index.html"), "/");
        assert_eq!(url_of("page/2/index.html"), "/page/2/");
        assert_eq!(url_of("404.html"), "/404.html");
    }
}
