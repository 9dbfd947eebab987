//! The life of an article (issue 16): updates and corrections (`updates`),
//! RSS 2.0 beside Atom (`rss`), the sitemap index (`sitemap`). Feeds and
//! sitemaps are parsed with roxmltree, pages with scraper, JSON-LD with serde_json.

mod archives;
mod live;
mod paywall;
mod rss;
mod sitemap;
mod updates;

use crate::harness::SiteTest;

pub const SITE: &str = "site.toml";

/// The fixture's site.toml with `text` added at its end (tables allowed).
pub fn with_settings(t: SiteTest, text: &str) -> SiteTest {
    let base =
        std::fs::read_to_string(crate::harness::repo().join("tests/fixtures/basic/site.toml"))
            .unwrap();
    t.file(SITE, format!("{base}\n{text}\n"))
}

/// An article of the fixture's author, with extra front-matter lines.
pub fn article(title: &str, date: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nauthor: alice-durand\ncategory: Économie\ntags: [énergie]\n{extra}---\nTexte de {title}.\n"
    )
}

/// The children of `node` named `name` (in any namespace given by `ns`).
pub fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    node.children()
        .filter(|c| {
            c.is_element()
                && c.tag_name().name() == name
                && c.tag_name().namespace().unwrap_or("") == ns
        })
        .collect()
}

pub fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> roxmltree::Node<'a, 'i> {
    children(node, ns, name)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

pub fn text_of(node: roxmltree::Node, ns: &str, name: &str) -> String {
    child(node, ns, name).text().unwrap_or("").to_string()
}
