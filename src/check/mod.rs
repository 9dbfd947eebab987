//! Editorial checks on a site built in memory: broken internal links (to
//! pages, anchors and files), photos without `alt` or `credit`, authors
//! without a profile, articles without a category, summaries too long for
//! social cards, duplicate titles. They read the loaded site (with its
//! sources' outlines) and the pages of its render; `rotative check` reports
//! them as warnings (errors in strict mode), `rotative build --strict` as errors.

pub mod editorial;
pub mod embeds;
pub mod links;

use crate::error::{Diagnostic, Diagnostics, Severity};
use crate::html;
use crate::model::{Model, Outline as Scan, SourceLink as Link, Urls};
use crate::render::Job;
use crate::site::Site;
use links::{Resolved, Resolver};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The bytes of a generated page by output path, wherever the build put them.
pub type PageBytes<'a> = &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync);

/// What the checks found, and how much they looked at, for the summary line.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Diagnostic>,
    pub articles: usize,
    pub pages: usize,
    pub profiles: usize,
    pub links: usize,
    pub anchors: usize,
}

#[derive(Clone, Copy)]
enum Kind {
    Article(usize),
    Page(usize),
    Profile(usize),
}

/// A Markdown source whose links are checked, and the URL of its page.
struct Doc<'a> {
    source: &'a Path,
    url: String,
    kind: Kind,
}

/// A link that reached a page and asks for an anchor in it.
struct AnchorRequest<'a> {
    target: String,
    /// The link points into its own page (`#suite`).
    own: bool,
    fragment: String,
    source: &'a Path,
    line: usize,
    dest: String,
}

fn documents(site: &Site) -> Vec<Doc<'_>> {
    let m = &site.model;
    let urls = Urls::new(&site.config, &site.base_url);
    let articles = m.articles.iter().zip(&m.links).enumerate();
    let articles = articles.map(|(i, (a, l))| Doc {
        source: &a.source,
        url: l.url.clone(),
        kind: Kind::Article(i),
    });
    let pages = m.pages.iter().enumerate().map(|(i, p)| Doc {
        source: &p.source,
        url: p.url(),
        kind: Kind::Page(i),
    });
    let profiles = m.profiles.iter().enumerate().map(|(i, p)| Doc {
        source: &p.source,
        url: urls.author(&p.slug),
        kind: Kind::Profile(i),
    });
    articles.chain(pages).chain(profiles).collect()
}

/// The outline parsing kept of a document; empty if it kept none.
fn outline_of<'a>(site: &'a Site, doc: &Doc) -> &'a Scan {
    static EMPTY: std::sync::OnceLock<Scan> = std::sync::OnceLock::new();
    let m = &site.model;
    let kept = match doc.kind {
        Kind::Article(i) => m.articles[i].outline.as_deref(),
        Kind::Page(i) => m.pages[i].outline.as_deref(),
        Kind::Profile(i) => m.profiles[i].outline.as_deref(),
    };
    kept.unwrap_or_else(|| EMPTY.get_or_init(Scan::default))
}

/// Markdown sources by path under `content/`, to the URL of their page.
fn source_urls(site: &Site) -> HashMap<String, String> {
    let under = |p: &Path| {
        let p = p.strip_prefix("content").unwrap_or(p);
        let parts: Vec<String> = p
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    };
    let m = &site.model;
    let articles = m.articles.iter().zip(&m.links);
    let articles = articles.map(|(a, l)| (under(&a.source), l.url.clone()));
    let pages = m.pages.iter();
    let pages = pages.map(|p| (under(&p.source), p.url()));
    articles.chain(pages).collect()
}

/// The body's links, plus the lead photo or the avatar, which are files too.
fn links_of(site: &Site, doc: &Doc, scan: &Scan) -> Vec<Link> {
    let mut links = scan.links.clone();
    let m = &site.model;
    let (file, key) = match doc.kind {
        Kind::Article(i) => (m.articles[i].photo.as_ref().map(|p| p.src.clone()), "photo"),
        Kind::Profile(i) => (m.profiles[i].avatar.clone(), "avatar"),
        Kind::Page(_) => (None, ""),
    };
    if let Some(dest) = file {
        let line = scan.line(key).unwrap_or(1);
        links.push(Link {
            dest,
            line,
            image: true,
        });
    }
    links
}

/// Resolves one document's links: broken ones become findings, anchors are
/// returned to be looked up once every page they point at is known.
fn check_links<'a>(
    site: &Site,
    resolver: &Resolver,
    doc: &Doc<'a>,
    scan: &Scan,
) -> (Vec<Diagnostic>, Vec<AnchorRequest<'a>>, usize) {
    let dir = doc.source.parent().unwrap_or(Path::new(""));
    let dir = dir.strip_prefix("content").unwrap_or(dir).to_string_lossy();
    let own_page = crate::model::urls::url_to_file(&doc.url);
    let (mut broken, mut anchors, mut count) = (Vec::new(), Vec::new(), 0);
    for link in links_of(site, doc, scan) {
        match resolver.resolve(&link.dest, &doc.url, &dir) {
            Resolved::Outside => continue,
            Resolved::Broken(why) => broken.push(Diagnostic::warning(
                doc.source,
                Some(link.line),
                format!(
                    "broken {} `{}`: {}",
                    if link.image { "image" } else { "link to" },
                    link.dest,
                    why.describe(link.image)
                ),
            )),
            Resolved::Found {
                target,
                fragment: Some(fragment),
            } if target.ends_with(".html") => anchors.push(AnchorRequest {
                own: target == own_page,
                target,
                fragment,
                source: doc.source,
                line: link.line,
                dest: link.dest,
            }),
            Resolved::Found { .. } => {}
        }
        count += 1;
    }
    (broken, anchors, count)
}

/// Looks each anchor up in the page it points at; each page is scanned once.
fn check_anchors(requests: Vec<AnchorRequest>, html_of: PageBytes) -> Vec<Diagnostic> {
    let mut by_target: BTreeMap<String, Vec<AnchorRequest>> = BTreeMap::new();
    for r in requests {
        by_target.entry(r.target.clone()).or_default().push(r);
    }
    let groups: Vec<(String, Vec<AnchorRequest>)> = by_target.into_iter().collect();
    groups
        .into_par_iter()
        .flat_map_iter(|(target, requests)| {
            let ids = html_of(&target)
                .map(|b| html::ids(&String::from_utf8_lossy(&b)))
                .unwrap_or_default();
            requests
                .into_iter()
                // `#top` scrolls to the top of any page.
                .filter(move |r| r.fragment != "top" && !ids.contains(&r.fragment))
                .map(|r| {
                    let page = if r.own {
                        "this page".to_string()
                    } else {
                        format!("the page /{}", r.target.trim_end_matches("index.html"))
                    };
                    Diagnostic::warning(
                        r.source,
                        Some(r.line),
                        format!(
                            "broken link to `{}`: {page} has no element with id `{}`",
                            r.dest, r.fragment
                        ),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every output path of the site: pages, copied files, built-in theme files.
fn outputs<'a>(site: &'a Site, plan: &'a [(Job, String)]) -> HashSet<&'a str> {
    plan.iter()
        .map(|(_, p)| p.as_str())
        .chain(site.assets.keys().map(String::as_str))
        .chain(site.embedded_files().map(|(rel, _)| rel))
        .collect()
}

/// Broken links, then anchors missing from the pages links reach.
fn link_findings(
    site: &Site,
    resolver: &Resolver,
    docs: &[Doc],
    scans: &[&Scan],
    html_of: PageBytes,
    report: &mut Report,
) -> Vec<Diagnostic> {
    let checked: Vec<_> = docs
        .par_iter()
        .zip(scans)
        .map(|(d, s)| check_links(site, resolver, d, s))
        .collect();
    let mut findings = Vec::new();
    let mut requests = Vec::new();
    for (broken, anchors, count) in checked {
        findings.extend(broken);
        report.anchors += anchors.len();
        report.links += count;
        requests.extend(anchors);
    }
    findings.extend(check_anchors(requests, html_of));
    findings
}

/// Photos, categories, summaries, profiles and titles.
fn editorial_findings(
    m: &Model,
    docs: &[Doc],
    scans: &[&Scan],
    report: &mut Report,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (d, s) in docs.iter().zip(scans) {
        match d.kind {
            Kind::Article(i) => {
                report.articles += 1;
                findings.extend(editorial::article(&m.articles[i], s));
                let a = &m.articles[i];
                findings.extend(embeds::shortcodes(&a.source, &a.shortcodes));
            }
            Kind::Page(i) => {
                report.pages += 1;
                let p = &m.pages[i];
                findings.extend(embeds::shortcodes(&p.source, &p.shortcodes));
                findings.extend(editorial::summary(
                    &p.source,
                    &p.summary,
                    !p.summary_in_body,
                    s,
                ));
            }
            Kind::Profile(_) => report.profiles += 1,
        }
    }
    findings.extend(editorial::missing_profiles(m));
    // Documents start with the articles, in model order.
    let article_scans: Vec<&Scan> = scans.iter().take(m.articles.len()).copied().collect();
    findings.extend(editorial::duplicate_titles(m, &article_scans));
    findings
}

/// Runs every check on a loaded site and its render (`plan`, the pages it
/// wrote). `html_of` gives the rendered pages, read only for the anchors
/// links ask for. The site must have been parsed with outlines
/// (`LoadOptions::outline`); without them only the model's own facts are checked.
pub fn check_site(site: &Site, plan: &[(Job, String)], html_of: PageBytes, strict: bool) -> Report {
    let resolver = Resolver::new(
        outputs(site, plan),
        &site.config.base_url,
        source_urls(site),
    );
    let docs = documents(site);
    let scans: Vec<&Scan> = docs.iter().map(|d| outline_of(site, d)).collect();
    let mut report = Report::default();
    let mut findings = Diagnostics::default();
    findings.extend(link_findings(
        site,
        &resolver,
        &docs,
        &scans,
        html_of,
        &mut report,
    ));
    findings.extend(editorial_findings(&site.model, &docs, &scans, &mut report));
    findings.sort();
    report.findings = findings.all().to_vec();
    if strict {
        for f in &mut report.findings {
            f.severity = Severity::Error;
        }
    }
    report
}

/// The site's own warnings that no finding repeats: the build already warns
/// about authors without a profile, and the check reports that same warning.
pub fn not_repeated(load: &[Diagnostic], findings: &[Diagnostic]) -> Vec<Diagnostic> {
    let seen: HashSet<(&Path, Option<usize>, &str)> = findings
        .iter()
        .map(|f| (f.path.as_path(), f.line, f.message.as_str()))
        .collect();
    load.iter()
        .filter(|d| !seen.contains(&(d.path.as_path(), d.line, d.message.as_str())))
        .cloned()
        .collect()
}
