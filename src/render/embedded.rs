//! The default theme compiled into the binary (listed by `build.rs`): used when
//! a site has no `themes/default` folder, and copied out by `rotative init --theme`.

use crate::error::ThemeError;
use std::io;
use std::path::Path;

mod files {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// The only theme that is embedded.
pub const NAME: &str = "default";

/// Every file of the theme: path relative to the theme folder, and bytes.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    files::FILES
}

/// The templates, by name relative to `templates/` (as Tera names them).
/// A template that is not UTF-8 is an error naming it.
pub fn templates() -> Result<Vec<(&'static str, &'static str)>, ThemeError> {
    files()
        .iter()
        .filter_map(|(rel, bytes)| Some((rel.strip_prefix("templates/")?, *bytes)))
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| {
            std::str::from_utf8(bytes)
                .map(|s| (name, s))
                .map_err(|_| ThemeError::NotUtf8(name.to_string()))
        })
        .collect()
}

/// The static files, by output path (`css/style.css`).
pub fn statics() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    files()
        .iter()
        .filter_map(|(rel, bytes)| Some((rel.strip_prefix("static/")?, *bytes)))
}

/// Writes the whole theme under `dir` (which becomes `themes/default`).
pub fn write_to(dir: &Path) -> io::Result<usize> {
    for (rel, bytes) in files() {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(files().len())
}
