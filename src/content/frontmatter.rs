//! Splitting a Markdown file into its front matter (YAML between `---`, or
//! TOML between `+++` as Hugo and Zola write it) and body, and reading typed
//! fields out of it with errors that point at the right line.

use serde_yaml::{Mapping, Value};
use std::collections::HashMap;

/// Where a problem is, as a 1-based line in the original file, and what it is.
pub type FieldError = (Option<usize>, String);

/// A YAML syntax error: line and column in the file, and the message.
pub type YamlError = (Option<usize>, Option<usize>, String);

/// A parsed front matter. Lines are those of the whole file, so that messages
/// about a key point at the line an editor sees.
pub struct FrontMatter {
    pub map: Mapping,
    /// 1-based line of each top-level key.
    pub key_lines: HashMap<String, usize>,
    /// 1-based line of the opening `---`.
    pub start_line: usize,
}

/// A file split in two: the front matter (if any) and the Markdown body.
pub struct Split<'a> {
    pub front: Option<&'a str>,
    /// 1-based line of the first front-matter line (after the `---`).
    pub front_line: usize,
    pub body: &'a str,
    /// The front matter is TOML (`+++` fences), not YAML.
    pub toml: bool,
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end() == fence
}

/// Finds the front matter. `text` must already be free of BOM and CR.
pub fn split(text: &str) -> Result<Split<'_>, FieldError> {
    let first = text.lines().next().unwrap_or("");
    let toml = is_fence(first, "+++");
    if !is_fence(first, "---") && !toml {
        return Ok(Split {
            front: None,
            front_line: 1,
            body: text,
            toml: false,
        });
    }
    let (fence, close) = if toml { ("+++", "+++") } else { ("---", "...") };
    let start = first.len() + 1;
    let mut offset = start.min(text.len());
    for line in text[offset..].split_inclusive('\n') {
        let bare = line.strip_suffix('\n').unwrap_or(line);
        if is_fence(bare, fence) || is_fence(bare, close) {
            return Ok(Split {
                front: Some(&text[start.min(offset)..offset]),
                front_line: 2,
                body: &text[offset + line.len()..],
                toml,
            });
        }
        offset += line.len();
    }
    Err((
        Some(1),
        format!(
            "the front matter opened on line 1 is never closed: add a line `{fence}` after the last key"
        ),
    ))
}

/// Parses a split front matter, YAML or TOML.
pub fn parse_split(split: &Split) -> Result<FrontMatter, YamlError> {
    let text = split.front.unwrap_or("");
    if split.toml {
        parse_toml(text, split.front_line)
    } else {
        parse(text, split.front_line)
    }
}

/// Parses a TOML front matter into the same map a YAML one gives, so that
/// every field is read one way. TOML dates become the text they were written as.
pub fn parse_toml(text: &str, front_line: usize) -> Result<FrontMatter, YamlError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let (line, col) = match e.span() {
            Some(span) => {
                let (l, c) = crate::error::line_col(text, span.start);
                (Some(l + front_line - 1), Some(c))
            }
            None => (Some(front_line), None),
        };
        (
            line,
            col,
            format!("invalid TOML in front matter: {}", e.message().trim_end()),
        )
    })?;
    let Value::Mapping(map) = toml_to_yaml(toml::Value::Table(table)) else {
        unreachable!("a table converts to a mapping")
    };
    let mut key_lines = HashMap::new();
    let mut in_table = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if let Some(header) = t.strip_prefix('[') {
            // `[taxonomies]` is the line of the key `taxonomies`.
            let name = header.trim_start_matches('[');
            let name = name.split(['.', ']']).next().unwrap_or("").trim();
            let name = name.trim_matches('"');
            key_lines.entry(name.to_string()).or_insert(front_line + i);
            in_table = true;
            continue;
        }
        if in_table || t.starts_with('#') {
            continue;
        }
        if let Some(eq) = t.find('=') {
            let key = t[..eq].trim().trim_matches('"');
            let key = key.split('.').next().unwrap_or(key);
            if !key.is_empty() && !key.contains(char::is_whitespace) {
                key_lines.entry(key.to_string()).or_insert(front_line + i);
            }
        }
    }
    Ok(FrontMatter {
        map,
        key_lines,
        start_line: front_line - 1,
    })
}

fn toml_to_yaml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(toml_to_yaml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), toml_to_yaml(v)))
                .collect(),
        ),
    }
}

/// Parses the YAML text of a front matter, mapping parser positions back to
/// lines of the file.
pub fn parse(yaml: &str, front_line: usize) -> Result<FrontMatter, YamlError> {
    let value: Value = if yaml.trim().is_empty() {
        Value::Mapping(Mapping::new())
    } else {
        serde_yaml::from_str(yaml).map_err(|e| {
            let loc = e.location();
            let line = loc.as_ref().map(|l| l.line() + front_line - 1);
            let msg = shift_lines(&e.to_string(), front_line - 1);
            (
                line,
                loc.map(|l| l.column()),
                format!("invalid YAML in front matter: {msg}"),
            )
        })?
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        other => {
            return Err((
                Some(front_line),
                None,
                format!(
                    "the front matter must be a map of `key: value` lines, found {}",
                    describe(&other)
                ),
            ));
        }
    };
    let mut key_lines = HashMap::new();
    for (i, line) in yaml.lines().enumerate() {
        if let Some(key) = top_level_key(line) {
            key_lines.entry(key.to_string()).or_insert(front_line + i);
        }
    }
    Ok(FrontMatter {
        map,
        key_lines,
        start_line: front_line - 1,
    })
}

/// serde_yaml counts lines from the start of the YAML text; editors count from
/// the start of the file. Rewrites every "line N" in a message accordingly.
fn shift_lines(msg: &str, by: usize) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find("line ") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + by).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '-' | '#' | '\'' | '"' | '?' | '{' | '[') {
        return None;
    }
    let colon = line.find(':')?;
    Some(line[..colon].trim_end())
}

/// Names a YAML value's kind for messages: "a number", "a list"...
pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
    }
}

impl FrontMatter {
    pub fn line(&self, key: &str) -> Option<usize> {
        self.key_lines.get(key).copied().or(Some(self.start_line))
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong(&self, key: &str, expected: &str, v: &Value) -> FieldError {
        (
            self.line(key),
            format!("`{key}` must be {expected}, found {}", describe(v)),
        )
    }

    /// A scalar read as text: numbers and booleans are accepted as written,
    /// because `title: 1984` is a title, not a type error.
    pub fn string(&self, key: &str) -> Result<Option<String>, FieldError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => scalar(v)
                .map(Some)
                .ok_or_else(|| self.wrong(key, "a string", v)),
        }
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, FieldError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.wrong(key, "true or false", v)),
        }
    }

    pub fn string_list(&self, key: &str) -> Result<Vec<String>, FieldError> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Sequence(items)) => items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| {
                    scalar(v).ok_or_else(|| {
                        (
                            self.line(key),
                            format!(
                                "`{key}` must be a list of strings, found {} in it",
                                describe(v)
                            ),
                        )
                    })
                })
                .collect(),
            Some(v) => Err(self.wrong(
                key,
                &format!("a list of strings such as `{key}: [a, b]`"),
                v,
            )),
        }
    }

    /// One string or a list of them (`author: a` as well as `authors: [a, b]`).
    pub fn string_or_list(&self, key: &str) -> Result<Vec<String>, FieldError> {
        match self.get(key) {
            Some(Value::Sequence(_)) | None => self.string_list(key),
            Some(_) => Ok(self.string(key)?.into_iter().collect()),
        }
    }

    /// A map of string → string (e.g. an author's `links`), in file order.
    pub fn string_map(&self, key: &str) -> Result<Vec<(String, String)>, FieldError> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Mapping(m)) => m
                .iter()
                .map(|(k, v)| match (scalar(k), scalar(v)) {
                    (Some(k), Some(v)) => Ok((k, v)),
                    _ => Err(self.wrong(key, "a map of label: URL", v)),
                })
                .collect(),
            Some(v) => Err(self.wrong(key, "a map of label: URL", v)),
        }
    }
}

/// Text of a scalar; `None` for lists, maps and null.
pub fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Converts the YAML keys no one asked for into JSON for templates' `extra`.
pub fn extra(map: &Mapping, known: &[&str]) -> serde_json::Map<String, serde_json::Value> {
    let mut out = serde_json::Map::new();
    for (k, v) in map {
        let Some(k) = scalar(k) else { continue };
        if known.contains(&k.as_str()) {
            continue;
        }
        if let Ok(j) = serde_json::to_value(v) {
            out.insert(k, j);
        }
    }
    out
}

/// Warnings for keys that look like misspelt known keys (`tittle`, `auther`).
pub fn typo_warnings(fm: &FrontMatter, known: &[&str]) -> Vec<FieldError> {
    let mut out = Vec::new();
    for k in fm.map.keys().filter_map(scalar) {
        if known.contains(&k.as_str()) {
            continue;
        }
        let best = known
            .iter()
            .map(|c| (strsim::damerau_levenshtein(&k, c), *c))
            .filter(|(d, _)| *d <= 2)
            .min();
        if let Some((_, c)) = best {
            out.push((
                fm.line(&k),
                format!("unknown key `{k}` (kept in `extra`); did you mean `{c}`?"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_both_fences() {
        let s = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.front, Some("title: x\n"));
        assert_eq!(s.body, "body\n");
        let s = split("---\ntitle: x\n...\nbody").unwrap();
        assert_eq!(s.front, Some("title: x\n"));
        let s = split("no front matter").unwrap();
        assert!(s.front.is_none());
    }

    #[test]
    fn toml_front_matter() {
        let s = split("+++\ntitle = \"x\"\n+++\nbody\n").unwrap();
        assert!(s.toml);
        assert_eq!(s.body, "body\n");
        let fm = parse_split(&s).unwrap();
        assert_eq!(fm.string("title").unwrap().as_deref(), Some("x"));
        let fm = parse_toml(
            "title = \"x\"\ndate = 2025-03-04T08:30:00+01:00\n\n[taxonomies]\ntags = [\"a\"]\n",
            2,
        )
        .unwrap();
        assert_eq!(
            fm.string("date").unwrap().as_deref(),
            Some("2025-03-04T08:30:00+01:00")
        );
        assert_eq!(fm.line("date"), Some(3));
        assert_eq!(fm.line("taxonomies"), Some(5));
        let err = parse_toml("title = \"x\"\ntags = [a\n", 2).err().unwrap();
        assert_eq!(err.0, Some(3));
        assert!(
            err.2.starts_with("invalid TOML in front matter: "),
            "{err:?}"
        );
        assert!(split("+++\ntitle = 1\n").err().unwrap().1.contains("`+++`"));
    }

    #[test]
    fn unterminated_is_an_error() {
        assert!(split("---\ntitle: x\n").is_err());
        assert!(split("---").is_err());
        assert!(split("---\n").is_err());
    }

    #[test]
    fn yaml_errors_point_at_file_lines() {
        let err = parse("title: x\ntags: [a, b\n", 2).err().unwrap();
        assert!(err.0.unwrap() >= 3, "{err:?}");
        let err = parse("- a\n- b\n", 2).err().unwrap();
        assert_eq!(err.0, Some(2));
        assert!(err.2.contains("found a list"));
    }

    #[test]
    fn key_lines_are_file_lines() {
        let fm = parse("title: x\n# comment\ntags:\n  - a\n", 2).unwrap();
        assert_eq!(fm.line("title"), Some(2));
        assert_eq!(fm.line("tags"), Some(4));
    }
}
