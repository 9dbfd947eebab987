//! What an import did, printed at its end: counts, converted and flagged
//! template constructs, and every warning with its file and line.

use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub pages: usize,
    pub drafts: usize,
    pub scheduled: usize,
    pub authors: usize,
    pub images_copied: usize,
    pub images_downloaded: usize,
    pub images_missing: usize,
    pub images_remote: usize,
    pub aliases: usize,
    /// Template constructs turned into Markdown or HTML, by name (`{% highlight %}`).
    pub converted: BTreeMap<String, usize>,
    /// Constructs left out of the text, each with a warning.
    pub flagged: usize,
    /// `(file, line, message)`, sorted when printed.
    pub warnings: Vec<(String, Option<usize>, String)>,
    pub written: usize,
    pub unchanged: usize,
    pub into: String,
}

impl Report {
    pub fn warn(&mut self, file: &str, line: Option<usize>, message: impl Into<String>) {
        self.warnings.push((file.to_string(), line, message.into()));
    }

    pub fn convert(&mut self, what: &str) {
        *self.converted.entry(what.to_string()).or_default() += 1;
    }

    /// A construct that could not be converted: left out, and said where.
    pub fn flag(&mut self, file: &str, line: usize, message: impl Into<String>) {
        self.flagged += 1;
        self.warn(file, Some(line), message);
    }

    /// The warnings, one `file:line: warning: message` line each.
    pub fn warning_lines(&self) -> Vec<String> {
        let mut w = self.warnings.clone();
        w.sort();
        w.dedup();
        w.into_iter()
            .map(|(f, l, m)| match l {
                Some(l) => format!("{f}:{l}: warning: {m}"),
                None => format!("{f}: warning: {m}"),
            })
            .collect()
    }

    /// The closing summary.
    pub fn summary(&self) -> String {
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let converted = if self.converted.is_empty() {
            "none".to_string()
        } else {
            self.converted
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "Imported {} ({} drafts, {} scheduled), {}, {} into {}\n\
             Images: {} copied, {} downloaded, {} missing, {} kept as remote URLs\n\
             Aliases: {} old URLs lead to the imported pages\n\
             Template constructs: converted {converted}; flagged {} (see the warnings)\n\
             Files: {} written, {} unchanged; {}\n",
            n(self.articles, "article", "articles"),
            self.drafts,
            self.scheduled,
            n(self.pages, "page", "pages"),
            n(self.authors, "author", "authors"),
            self.into,
            self.images_copied,
            self.images_downloaded,
            self.images_missing,
            self.images_remote,
            self.aliases,
            self.flagged,
            self.written,
            self.unchanged,
            n(self.warnings.len(), "warning", "warnings"),
        )
    }
}
