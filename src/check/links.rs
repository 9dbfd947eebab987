//! Where a link written in a page leads: outside the site (not checked), to a
//! page or file the build produces (perhaps with an anchor), or nowhere.

use percent_encoding::percent_decode_str;
use std::collections::{HashMap, HashSet};

#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, `mailto:` and the like.
    Outside,
    /// An output path of the site, and the anchor asked for, if any.
    Found {
        target: String,
        fragment: Option<String>,
    },
    /// Nothing is there.
    Broken(Why),
}

#[derive(Debug, PartialEq, Eq)]
pub enum Why {
    Missing,
    AboveRoot,
    /// The link names a Markdown source whose page is at this URL.
    Source(String),
}

impl Why {
    pub fn describe(&self, image: bool) -> String {
        match self {
            Why::Missing if image => "no such file in the site".into(),
            Why::Missing => "no such page or file in the site".into(),
            Why::AboveRoot => "it goes above the root of the site".into(),
            Why::Source(url) => {
                format!("it names a Markdown file; link to its page `{url}` instead")
            }
        }
    }
}

/// Resolves links against the set of output paths, built once per check.
pub struct Resolver<'a> {
    outputs: HashSet<&'a str>,
    /// `base_url` without its trailing slash: links to it are internal.
    base_url: &'a str,
    /// Markdown sources by path under `content/` → URL of their page, to
    /// point an editor who linked the file at the page instead.
    sources: HashMap<String, String>,
}

fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else {
        return false;
    };
    let scheme = &s[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// Resolves `.` and `..` in an absolute path; `None` if it climbs above `/`.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." if i == last => out.push(""),
            "." => {}
            ".." => {
                out.pop()?;
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    Some(format!("/{}", out.join("/")))
}

/// The folder part of a URL path, ending with `/`.
fn folder(url: &str) -> &str {
    url.rfind('/').map_or("/", |i| &url[..=i])
}

impl<'a> Resolver<'a> {
    pub fn new(
        outputs: HashSet<&'a str>,
        base_url: &'a str,
        sources: HashMap<String, String>,
    ) -> Self {
        Resolver {
            outputs,
            base_url: base_url.trim_end_matches('/'),
            sources,
        }
    }

    /// Resolves `dest`, written in the source `content/<source_dir>/…` whose
    /// page is at `page_url`, the way a browser on that page would.
    pub fn resolve(&self, dest: &str, page_url: &str, source_dir: &str) -> Resolved {
        let mut d = dest.trim();
        if d.is_empty() {
            return Resolved::Outside;
        }
        if let Some(rest) = d.strip_prefix(self.base_url)
            && (rest.is_empty() || rest.starts_with(['/', '?', '#']))
        {
            d = if rest.is_empty() { "/" } else { rest };
        }
        if has_scheme(d) || d.starts_with("//") {
            return Resolved::Outside;
        }
        let (path, fragment) = match d.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (d, None),
        };
        let path = path.split('?').next().unwrap_or("");
        let fragment = fragment
            .map(|f| percent_decode_str(f).decode_utf8_lossy().into_owned())
            .filter(|f| !f.is_empty());
        let joined = match path {
            "" => page_url.to_string(),
            p if p.starts_with('/') => p.to_string(),
            p => format!("{}{p}", folder(page_url)),
        };
        let Some(clean) = normalize(&joined) else {
            return Resolved::Broken(Why::AboveRoot);
        };
        let decoded = percent_decode_str(&clean).decode_utf8_lossy();
        let rel = &decoded[1..];
        let candidates = if rel.is_empty() || rel.ends_with('/') {
            vec![format!("{rel}index.html")]
        } else {
            vec![rel.to_string(), format!("{rel}/index.html")]
        };
        match candidates
            .into_iter()
            .find(|c| self.outputs.contains(c.as_str()))
        {
            Some(target) => Resolved::Found { target, fragment },
            None => Resolved::Broken(self.why_missing(path, source_dir)),
        }
    }

    fn why_missing(&self, path: &str, source_dir: &str) -> Why {
        if path.ends_with(".md") || path.ends_with(".markdown") {
            let under_content = match path.strip_prefix('/') {
                Some(p) => normalize(&format!("/{p}")),
                None => normalize(&format!("/{source_dir}/{path}")),
            };
            let decoded =
                under_content.map(|p| percent_decode_str(&p[1..]).decode_utf8_lossy().into_owned());
            if let Some(url) = decoded.and_then(|p| self.sources.get(&p)) {
                return Why::Source(url.clone());
            }
        }
        Why::Missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver<'static> {
        let outputs = [
            "index.html",
            "a-propos/index.html",
            "2025/03/x/index.html",
            "2025/03/x/plan.pdf",
            "images/p.jpg",
        ]
        .into_iter()
        .collect();
        let sources = [("eco/y.md".to_string(), "/2025/04/y/".to_string())].into();
        Resolver::new(outputs, "https://j.example/", sources)
    }

    fn found(target: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Found {
            target: target.into(),
            fragment: fragment.map(String::from),
        }
    }

    #[test]
    fn resolves_like_a_browser() {
        let r = resolver();
        let page = "/2025/03/x/";
        let at = |d: &str| r.resolve(d, page, "eco");
        assert_eq!(at("https://ailleurs.example/"), Resolved::Outside);
        assert_eq!(at("mailto:a@b.example"), Resolved::Outside);
        assert_eq!(at("//cdn.example/x.js"), Resolved::Outside);
        assert_eq!(at("/a-propos/"), found("a-propos/index.html", None));
        assert_eq!(at("/a-propos"), found("a-propos/index.html", None));
        assert_eq!(
            at("https://j.example/a-propos/#equipe"),
            found("a-propos/index.html", Some("equipe"))
        );
        assert_eq!(at("https://j.example"), found("index.html", None));
        assert_eq!(at("#suite"), found("2025/03/x/index.html", Some("suite")));
        assert_eq!(at("plan.pdf?v=2"), found("2025/03/x/plan.pdf", None));
        assert_eq!(at("../../../images/p.jpg"), found("images/p.jpg", None));
        assert_eq!(at("./"), found("2025/03/x/index.html", None));
        assert_eq!(at("/%61-propos/"), found("a-propos/index.html", None));
        assert!(matches!(at("/nulle-part/"), Resolved::Broken(_)));
        assert_eq!(at("../../../../x"), Resolved::Broken(Why::AboveRoot));
        assert_eq!(
            at("y.md"),
            Resolved::Broken(Why::Source("/2025/04/y/".into()))
        );
        assert_eq!(
            at("/eco/y.md"),
            Resolved::Broken(Why::Source("/2025/04/y/".into()))
        );
    }
}
