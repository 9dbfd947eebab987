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

#[cfg(test)]
mod tests {
    use super::slugify;

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
