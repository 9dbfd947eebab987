//! Unit tests of `compat`: each generator's keys, and one warning per site.

use super::*;
use crate::content::frontmatter::parse;

fn tx(yaml: &str, rel: &str) -> (FrontMatter, Vec<FieldError>) {
    let mut fm = parse(yaml, 2).unwrap();
    let notes = translate(&mut fm, rel, Target::Article);
    (fm, notes)
}

#[test]
fn jekyll_keys() {
    let (fm, notes) = tx(
        "layout: post\ntitle: x\ntags: budget conseil\ncategories: [Politique, Ville]\n\
         excerpt: Court.\nimage:\n  path: /images/a.jpg\n  alt: Une place\n  credit: C. D.\n\
         published: false\nredirect_from: /vieux/\npermalink: /2019/x.html\n",
        "_posts/2019-05-01-x.md",
    );
    assert_eq!(
        fm.string_list("tags").unwrap(),
        ["budget", "conseil", "Ville"]
    );
    assert_eq!(fm.string("category").unwrap().as_deref(), Some("Politique"));
    assert_eq!(fm.line("category"), Some(5));
    assert_eq!(fm.string("summary").unwrap().as_deref(), Some("Court."));
    assert_eq!(fm.bool("draft").unwrap(), Some(true));
    assert_eq!(
        fm.string_list("aliases").unwrap(),
        ["/vieux/", "/2019/x.html"]
    );
    let photo = fm.get("photo").unwrap();
    assert_eq!(
        photo.get("src").and_then(scalar).as_deref(),
        Some("/images/a.jpg")
    );
    assert_eq!(
        photo.get("credit").and_then(scalar).as_deref(),
        Some("C. D.")
    );
    assert_eq!(notes.len(), 7, "{notes:?}");
    assert!(
        notes
            .iter()
            .all(|(_, m)| m.ends_with("(said once for the site)"))
    );
    assert_eq!(
        notes[0],
        (
            Some(6),
            "`excerpt` is read as `summary`; write that instead (said once for the site)"
                .to_string()
        )
    );
}

#[test]
fn hugo_keys_and_comma_tags() {
    let (fm, notes) = tx(
        "title: x\ntags: \"budget, conseil municipal\"\ncategory: [Ville]\nlastmod: 2025-03-05\n\
         publishDate: 2025-03-04\ndate: 2025-03-01\ncover: {image: a.jpg, caption: Vue}\n\
         expiryDate: 2026-01-01\nauthor: [a, b]\n",
        "post/x/index.md",
    );
    assert_eq!(
        fm.string_list("tags").unwrap(),
        ["budget", "conseil municipal"]
    );
    assert_eq!(fm.string("category").unwrap().as_deref(), Some("Ville"));
    assert_eq!(fm.string("updated").unwrap().as_deref(), Some("2025-03-05"));
    assert_eq!(fm.string("date").unwrap().as_deref(), Some("2025-03-04"));
    assert_eq!(fm.line("date"), Some(6));
    assert_eq!(fm.string_list("authors").unwrap(), ["a", "b"]);
    assert_eq!(fm.string("slug").unwrap().as_deref(), Some("x"));
    let unmapped: Vec<_> = notes.iter().filter(|(_, m)| !m.contains(ONCE)).collect();
    assert_eq!(
        unmapped,
        [&(
            Some(9),
            "`expiryDate` has no equivalent: articles do not expire in rotative; the article stays published (kept in `extra`)".to_string()
        )]
    );
}

#[test]
fn rotative_keys_win() {
    let (fm, notes) = tx(
        "title: x\nsummary: A\nexcerpt: B\nphoto: {src: a.jpg}\nimage: b.jpg\nurl: /:year/\n",
        "a.md",
    );
    assert_eq!(fm.string("summary").unwrap().as_deref(), Some("A"));
    assert!(fm.get("excerpt").is_some() && fm.get("image").is_some());
    assert_eq!(notes.len(), 3, "{notes:?}");
    assert_eq!((notes[1].0, notes[2].0), (Some(7), Some(6)));
}

#[test]
fn once_per_site_keeps_the_first() {
    let mut d = Diagnostics::default();
    let m = format!("`excerpt` is read as `summary`; write that instead {ONCE})");
    d.push(Diagnostic::warning("content/a.md", Some(3), &m));
    d.push(Diagnostic::warning("content/b.md", Some(4), &m));
    d.push(Diagnostic::warning("content/b.md", Some(5), "other"));
    let out = once_per_site(d);
    let lines: Vec<String> = out.all().iter().map(|d| d.to_string()).collect();
    assert_eq!(
        lines,
        [
            "content/a.md:3: warning: `excerpt` is read as `summary`; write that instead (said once for the site: 2 files use it)",
            "content/b.md:5: warning: other"
        ]
    );
}
