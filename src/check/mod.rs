//! Editorial checks on a site built in memory: broken internal links (to
//! pages, anchors and files), photos without `alt` or `credit`, authors
//! without a profile, articles without a category, summaries too long for
//! social cards, duplicate titles. `rotative check` reports them as warnings
//! (errors in strict mode); `rotative build` runs the same code in strict mode.

pub mod editorial;
pub mod html;
pub mod links;
pub mod scan;

use crate::error::{BuildError, Diagnostic, Diagnostics, Severity};
use crate::incremental::Incremental;
use crate::model::Model;
use crate::render::Job;
use crate::site::{LoadOptions, Site};
use links::{Resolved, Resolver};
use rayon::prelude::*;
use scan::{Link, Scan};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    let urls = crate::render::context::Urls::new(&site.config, &site.base_url);
    let articles = m.articles.iter().zip(&m.links).enumerate();
    let articles = articles.map(|(i, (a, l))| Doc {
        source: &a.source,
        url: l.url.clone(),
        kind: Kind::Article(i),
    });
    let pages = m.pages.iter().enumerate().map(|(i, p)| Doc {
        source: &p.source,
        url: format!("/{}/", p.slug),
        kind: Kind::Page(i),
    });
    let profiles = m.profiles.iter().enumerate().map(|(i, p)| Doc {
        source: &p.source,
        url: urls.author(&p.slug),
        kind: Kind::Profile(i),
    });
    articles.chain(pages).chain(profiles).collect()
}

fn read_scan(root: &Path, source: &Path) -> Scan {
    std::fs::read(root.join(source))
        .ok()
        .and_then(|bytes| crate::content::decode(&bytes).ok())
        .map(|text| scan::scan(&text))
        .unwrap_or_default()
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
    let pages = pages.map(|p| (under(&p.source), format!("/{}/", p.slug)));
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
    let own_page = crate::render::url_to_file(&doc.url);
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
    scans: &[Scan],
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
    scans: &[Scan],
    report: &mut Report,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    for (d, s) in docs.iter().zip(scans) {
        match d.kind {
            Kind::Article(i) => {
                report.articles += 1;
                findings.extend(editorial::article(&m.articles[i], s));
            }
            Kind::Page(i) => {
                report.pages += 1;
                let p = &m.pages[i];
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
    let article_scans: Vec<&Scan> = scans.iter().take(m.articles.len()).collect();
    findings.extend(editorial::duplicate_titles(m, &article_scans));
    findings
}

/// Runs every check on a loaded and rendered site. `html_of` gives the
/// rendered pages, read only for the anchors links ask for.
pub fn check_site(site: &Site, html_of: PageBytes, strict: bool) -> Result<Report, BuildError> {
    let plan = site.plan(&site.renderer())?;
    let resolver = Resolver::new(
        outputs(site, &plan),
        &site.config.base_url,
        source_urls(site),
    );
    let docs = documents(site);
    let scans: Vec<Scan> = docs
        .par_iter()
        .map(|d| read_scan(&site.root, d.source))
        .collect();
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
    Ok(report)
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

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub strict: bool,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Prints why the site could not even be built; returns the exit code.
fn not_built(err: BuildError) -> i32 {
    match err {
        BuildError::Content(ds) => {
            for d in ds.all() {
                eprintln!("{d}");
            }
            println!(
                "Check failed: the site does not build ({}, {})",
                plural(ds.errors().count(), "error"),
                plural(ds.warnings().count(), "warning")
            );
        }
        BuildError::Fatal(msg) => {
            let msg = if msg.starts_with("error:") {
                msg
            } else {
                format!("error: {msg}")
            };
            eprintln!("{msg}");
            println!("Check failed: the site does not build");
        }
    }
    1
}

/// `rotative check`: builds the site in memory (as `serve` does; nothing is
/// written), runs the checks, prints `path:line: severity: message` lines and
/// one summary line. Returns the exit code: 1 when anything is an error.
pub fn command(opts: &CheckOptions) -> i32 {
    let start = Instant::now();
    let load = LoadOptions {
        drafts: opts.drafts,
        ..LoadOptions::default()
    };
    let inc = match Incremental::new(&opts.root, load) {
        Ok((inc, _)) => inc,
        Err(e) => return not_built(e),
    };
    let built = start.elapsed();
    let site = inc.site();
    let strict = opts.strict || site.config.strict;
    let html_of = |rel: &str| inc.page(rel).map(|b| b.to_vec());
    let report = match check_site(site, &html_of, strict) {
        Ok(r) => r,
        Err(e) => return not_built(e),
    };
    if std::env::var_os("ROTATIVE_TIMINGS").is_some() {
        eprintln!(
            "timings: build in memory {:.3} s, checks {:.3} s",
            built.as_secs_f64(),
            (start.elapsed() - built).as_secs_f64()
        );
    }
    let mut shown = Diagnostics::default();
    shown.extend(not_repeated(site.diagnostics.all(), &report.findings));
    shown.extend(report.findings.iter().cloned());
    shown.sort();
    for d in shown.all() {
        eprintln!("{d}");
    }
    let errors = shown.errors().count();
    println!(
        "Checked {}, {} and {} ({} to the site, {}){}: {}, {} in {:.2} s",
        plural(report.articles, "article"),
        plural(report.pages, "page"),
        plural(report.profiles, "author profile"),
        plural(report.links, "link"),
        plural(report.anchors, "anchor"),
        if strict { " in strict mode" } else { "" },
        plural(errors, "error"),
        plural(shown.warnings().count(), "warning"),
        start.elapsed().as_secs_f64()
    );
    i32::from(errors > 0)
}
