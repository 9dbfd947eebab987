//! URL slugs: lowercase ASCII segments that are safe as folder names everywhere.

/// Names Windows refuses as file names, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Folds accents (`é` → `e`, `œ` → `oe`), lowercases, and joins runs of anything
/// that is not a letter or digit into one `-`. The result never contains `/`, `\`,
/// `.` or NUL, so it cannot climb out of the output folder.
pub fn slugify(s: &str) -> String {
    let folded = deunicode::deunicode(s);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if RESERVED.contains(&out.as_str()) {
        out.push('-');
        out.push('_');
    }
    out
}

/// Checks an old URL given as an alias (`ancien/chemin/`, `/2019/05/x.html`)
/// and returns it as a site path: a leading `/`, and a trailing `/` unless the
/// last segment names a file. Only plain segments (letters, digits, `-`, `_`,
/// `.`, `~`) are accepted, so the path stays inside the output folder on every
/// system; anything else is refused with a message saying what to write.
/// Why an alias is not a usable site path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error("`{0}` contains a backslash; separate folders with `/`")]
    Backslash(String),
    #[error("the alias contains a control character (NUL, tab…)")]
    Control,
    #[error("`{0}` is not a path on this site; write the old URL's path, such as `ancien/chemin/`")]
    OtherSite(String),
    #[error("an alias cannot be the home page `/`")]
    Home,
    #[error("`{0}` is not allowed in an alias: it would leave the site's folder")]
    Dots(String),
    #[error("`{0}`: a segment of an alias cannot start with `.` (hidden file)")]
    Hidden(String),
    #[error("`{segment}` is not a plain URL segment; write it as `{suggestion}`")]
    NotPlain { segment: String, suggestion: String },
    #[error(
        "`{0}`: an old address with a query is one `key=value` of letters, digits, `-` and `_`, such as `/?p=123`"
    )]
    Query(String),
}

/// Letters, digits, `-` and `_`: what a query key or value of an alias may hold.
fn plain_query_part(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Also takes an old address with a query, as WordPress's `/?p=123`: a path
/// (often just `/`) and one `key=value`. No file can stand at such an
/// address; the site redirects it from `_redirects` and from its home page.
pub fn alias_path(s: &str) -> Result<String, AliasError> {
    let s = s.trim();
    if let Some((path, query)) = s.split_once('?') {
        let ok = query
            .split_once('=')
            .is_some_and(|(k, v)| plain_query_part(k) && plain_query_part(v));
        if !ok {
            return Err(AliasError::Query(s.to_string()));
        }
        let path = match path.trim_matches('/') {
            "" => "/".to_string(),
            _ => plain_path(path)?,
        };
        return Ok(format!("{path}?{query}"));
    }
    plain_path(s)
}

/// An alias without a query.
fn plain_path(s: &str) -> Result<String, AliasError> {
    if s.contains('\\') {
        return Err(AliasError::Backslash(s.to_string()));
    }
    if s.chars().any(|c| c.is_control()) {
        return Err(AliasError::Control);
    }
    if s.contains("://") || s.starts_with("//") || s.as_bytes().get(1) == Some(&b':') {
        return Err(AliasError::OtherSite(s.to_string()));
    }
    let segments: Vec<&str> = s.split('/').filter(|p| !p.is_empty()).collect();
    if segments.is_empty() {
        return Err(AliasError::Home);
    }
    for seg in &segments {
        check_segment(seg)?;
    }
    let mut url = format!("/{}", segments.join("/"));
    if !segments[segments.len() - 1].contains('.') {
        url.push('/');
    }
    Ok(url)
}

fn check_segment(seg: &str) -> Result<(), AliasError> {
    if seg.chars().all(|c| c == '.') {
        return Err(AliasError::Dots(seg.to_string()));
    }
    if seg.starts_with('.') {
        return Err(AliasError::Hidden(seg.to_string()));
    }
    let plain = seg
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~'));
    let stem = seg.split('.').next().unwrap_or(seg).to_ascii_lowercase();
    if !plain || seg.ends_with('.') || RESERVED.contains(&stem.as_str()) {
        return Err(AliasError::NotPlain {
            segment: seg.to_string(),
            suggestion: slugify(seg),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{alias_path, slugify};

    #[test]
    fn aliases_with_a_query() {
        assert_eq!(alias_path("/?p=123").unwrap(), "/?p=123");
        assert_eq!(alias_path("?p=123").unwrap(), "/?p=123");
        assert_eq!(
            alias_path("archives/?page_id=7").unwrap(),
            "/archives/?page_id=7"
        );
        for bad in ["/?p=1&x=2", "/?p", "/?=3", "/?p=<b>", "/?p=1=2"] {
            assert_eq!(
                alias_path(bad),
                Err(super::AliasError::Query(bad.to_string())),
                "{bad}"
            );
        }
        assert!(alias_path("../x/?p=1").is_err());
    }

    #[test]
    fn aliases_are_site_paths() {
        assert_eq!(alias_path("ancien/chemin").unwrap(), "/ancien/chemin/");
        assert_eq!(
            alias_path("/2019/05/Vieux_Article.html").unwrap(),
            "/2019/05/Vieux_Article.html"
        );
        assert_eq!(alias_path("a//b/").unwrap(), "/a/b/");
        for bad in [
            "../x",
            "a/../../b",
            "a\\b",
            "a\0b",
            "https://x.example/a",
            "//x/a",
            "C:/x",
            "/",
            "été/",
            "a b",
            "con/x",
            "x.",
            ".htaccess",
        ] {
            assert!(alias_path(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn folds_accents_and_punctuation() {
        assert_eq!(
            slugify("Électricité : l'été à Lyon !"),
            "electricite-l-ete-a-lyon"
        );
        assert_eq!(slugify("  Cœur   d'œuvre "), "coeur-d-oeuvre");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("Métropole de Lyon"), "metropole-de-lyon");
    }

    #[test]
    fn reserved_names_are_changed() {
        assert_eq!(slugify("CON"), "con-_");
        assert_ne!(slugify("nul"), "nul");
    }

    #[test]
    fn nfc_and_nfd_give_the_same_slug() {
        assert_eq!(slugify("e\u{301}te\u{301}"), slugify("\u{e9}t\u{e9}"));
    }
}
