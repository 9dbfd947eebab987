//! Authoring commands: `rotative new` (start an article) and `rotative init`
//! (start a publication).

pub mod init;
pub mod new;

use crate::error::ConfigError;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::PathBuf;

/// Why `new` or `init` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum AuthoringError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("the title `{0}` has no letter or digit to make a file name from")]
    NoSlug(String),
    #[error(
        "unknown author `{given}`: there is no profile content/authors/{slug}.md; {hint} (create the profile first to credit a new author)"
    )]
    UnknownAuthor {
        given: String,
        slug: String,
        hint: String,
    },
    #[error("{} already exists; rotative new never replaces a file: edit it, or choose another title", .0.display())]
    Exists(PathBuf),
    #[error("{} exists and is not a folder", .0.display())]
    NotAFolder(PathBuf),
    #[error("refusing to create a publication in {}: the folder is not empty", .0.display())]
    NotEmpty(PathBuf),
    /// A file step failed: `what` says which (`cannot write x`).
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
}

impl AuthoringError {
    pub(crate) fn io(what: String) -> impl FnOnce(std::io::Error) -> AuthoringError {
        move |source| AuthoringError::Io { what, source }
    }
}

/// A YAML (and TOML) double-quoted string: both read `\\` and `\"` the same way.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars().filter(|c| !c.is_control()) {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Now in the site's zone, with its offset, as front matter dates are written.
pub fn now_in(tz: Tz) -> DateTime<Tz> {
    Utc::now().with_timezone(&tz)
}

/// `2025-03-04T08:30:00+01:00`: RFC 3339, which the front matter accepts.
pub fn front_matter_date(d: &DateTime<Tz>) -> String {
    d.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_yaml() {
        let s = "L'été \"chaud\" \\ fin";
        let parsed: String = serde_yaml::from_str(&quoted(s)).unwrap();
        assert_eq!(parsed, s);
    }

    #[test]
    fn dates_read_back_with_their_offset() {
        let d = now_in(chrono_tz::Europe::Paris);
        let text = front_matter_date(&d);
        let back = crate::content::dates::parse(&text, chrono_tz::UTC).unwrap();
        assert_eq!(back.timestamp(), d.timestamp());
        assert_eq!(back.offset().local_minus_utc(), {
            use chrono::Offset;
            d.offset().fix().local_minus_utc()
        });
    }
}
