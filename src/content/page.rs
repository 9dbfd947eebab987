//! Reading a standalone page (`content/pages/…`): its title, slug,
//! summary and old URLs, and its body with the shortcodes it holds.

use super::ParseOptions;
use super::SourceFile;
use super::compat::Target;
use super::frontmatter;
use super::markdown;
use super::parse::{aliases, file_stem, open, outline_of, title, typeset};
use crate::error::Diagnostic;
use crate::model::Page;
use crate::slug::slugify;

const PAGE_KEYS: &[&str] = &["title", "slug", "summary", "aliases"];

pub fn parse_page(
    file: &SourceFile,
    text: &str,
    opts: &ParseOptions,
) -> (Option<Page>, Vec<Diagnostic>) {
    let (mut r, fm, body) = match open(file, text, "a page", PAGE_KEYS, Some(Target::Page)) {
        Ok(x) => x,
        Err(diags) => return (None, diags),
    };
    let title = title(&mut r, &fm, opts, "page");
    let slug = slugify(
        &r.ok(fm.string("slug"))
            .unwrap_or_else(|| file_stem(&file.content_rel).to_string()),
    );
    let summary = r.ok(fm.string("summary")).map(|s| typeset(opts, s));
    let aliases = aliases(&mut r, &fm);
    if slug.is_empty() {
        r.error((
            fm.line("slug"),
            "the slug is empty once reduced to letters and digits; set `slug:`".into(),
        ));
    }
    let mut scanned = super::embeds::Body::scan(text, body, file, opts);
    if r.diags.iter().any(Diagnostic::is_error) {
        r.diags.append(&mut scanned.errors);
        return (None, r.diags);
    }
    let mut md = markdown::render(scanned.source(), opts.french, opts.raw_html);
    let shortcodes = scanned.finish(&mut md);
    r.diags.append(&mut scanned.errors);
    let page = Page {
        source: file.rel.clone(),
        title: title.trim().to_string(),
        slug,
        summary_in_body: summary.is_none(),
        summary: summary.unwrap_or(md.first_paragraph),
        content: md.html,
        aliases,
        aliases_line: fm.line("aliases"),
        extra: frontmatter::extra(&fm.map, PAGE_KEYS),
        outline: outline_of(opts, text, body, &fm),
        shortcodes,
    };
    (Some(page), r.diags)
}
