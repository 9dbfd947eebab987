//! The checks that need no rendering: photos without `alt` or `credit`,
//! authors without a profile, articles without a category, summaries too long
//! for social cards, and titles used twice.

use crate::error::Diagnostic;
use crate::model::Outline as Scan;
use crate::model::{self, Article, Model};
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Social cards (OpenGraph, X) show about this many characters of a description.
pub const SUMMARY_MAX: usize = 200;

/// Photo, category and summary of one article.
pub fn article(a: &Article, scan: &Scan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(p) = &a.photo {
        let line = scan.line("photo");
        if p.alt.trim().is_empty() {
            out.push(Diagnostic::warning(
                &a.source,
                line,
                "the photo has no `alt`: describe it for readers who cannot see it",
            ));
        }
        if p.credit.trim().is_empty() {
            out.push(Diagnostic::warning(
                &a.source,
                line,
                "the photo has no `credit`: name its photographer or agency",
            ));
        }
    }
    if a.category.is_none() {
        out.push(Diagnostic::warning(
            &a.source,
            Some(1),
            "no `category`: the article is in no section of the site",
        ));
    }
    out.extend(summary(&a.source, &a.summary, !a.summary_in_body, scan));
    out
}

/// A summary over `SUMMARY_MAX` characters, given as `summary:` or taken from the body.
pub fn summary(source: &Path, summary: &str, given: bool, scan: &Scan) -> Option<Diagnostic> {
    let n = summary.chars().count();
    if n <= SUMMARY_MAX {
        return None;
    }
    Some(if given {
        Diagnostic::warning(
            source,
            scan.line("summary"),
            format!(
                "the summary is {n} characters long; social cards show about {SUMMARY_MAX}: shorten `summary`"
            ),
        )
    } else {
        Diagnostic::warning(
            source,
            scan.first_paragraph.or(Some(1)),
            format!(
                "the summary, taken from the start of the text, is {n} characters long; social cards show about {SUMMARY_MAX}: add a shorter `summary`"
            ),
        )
    })
}

/// The same warning the build gives for each author without a profile.
pub fn missing_profiles(m: &Model) -> Vec<Diagnostic> {
    m.authors
        .iter()
        .filter(|a| a.profile.is_none())
        .filter_map(|author| {
            let first = *author.articles.first()?;
            let count = author
                .articles
                .iter()
                .map(|&i| {
                    let slugs = &m.articles[i].author_slugs;
                    slugs.iter().filter(|s| **s == author.slug).count()
                })
                .sum();
            Some(model::missing_profile(
                &m.articles[first],
                &author.slug,
                count,
            ))
        })
        .collect()
}

/// Titles compare without regard to case, spacing or Unicode composition.
fn title_key(title: &str) -> String {
    let composed: String = title.nfc().collect::<String>().to_lowercase();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each article whose title an earlier file (by path) already uses, naming the others.
pub fn duplicate_titles(m: &Model, scans: &[&Scan]) -> Vec<Diagnostic> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, a) in m.articles.iter().enumerate() {
        groups.entry(title_key(&a.title)).or_default().push(i);
    }
    let mut out = Vec::new();
    for mut group in groups.into_values().filter(|g| g.len() > 1) {
        group.sort_by(|&x, &y| m.articles[x].source.cmp(&m.articles[y].source));
        for &i in &group[1..] {
            let a = &m.articles[i];
            let others: Vec<String> = group
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| m.articles[j].source.display().to_string())
                .collect();
            out.push(Diagnostic::warning(
                &a.source,
                scans[i].line("title"),
                format!(
                    "the title « {} » is also used by {}",
                    a.title,
                    others.join(", ")
                ),
            ));
        }
    }
    out
}
