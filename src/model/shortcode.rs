//! Shortcodes as an article's source calls them: `{{ video(url="…") }}`
//! inline, `{% box(title="Repères") %} … {% end %}` with a Markdown body.
//! Parsing finds them (`content::shortcodes`); rendering validates them
//! against the theme's components and expands them (`render::shortcodes`).

use crate::model::Photo;

/// Where a placeholder starts and ends in parsed HTML: two characters of
/// Unicode's private use area, which no text of an article should hold
/// (parsing removes any it finds there first).
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';

/// The text that stands for shortcode `n` in HTML until it is expanded.
pub fn placeholder(n: usize) -> String {
    format!("{OPEN}{n}{CLOSE}")
}

/// The files `<video>` and `<audio>` play in every browser.
pub const VIDEO_EXTENSIONS: &[&str] = &["mp4", "webm"];
pub const AUDIO_EXTENSIONS: &[&str] = &["mp3", "m4a", "ogg", "oga", "opus", "wav"];

/// The built-ins that print a block (a figure, a card, an aside): even
/// written inside a sentence, they cut its paragraph rather than sit in it.
pub const BLOCK_BUILTINS: &[&str] = &[
    "video", "social", "audio", "photo", "gallery", "quote", "box", "article", "map",
];

/// The text without the placeholders it holds (most hold none).
pub fn strip_placeholders(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(OPEN) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            OPEN => inside = true,
            CLOSE => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A literal argument value, as Tera would read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(Vec<Arg>),
}

impl Arg {
    pub fn kind(&self) -> &'static str {
        match self {
            Arg::Str(_) => "a string",
            Arg::Int(_) => "an integer",
            Arg::Float(_) => "a float",
            Arg::Bool(_) => "a boolean",
            Arg::Array(_) => "an array",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Arg::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Arg::Int(i) => Some(*i as f64),
            Arg::Float(f) => Some(*f),
            _ => None,
        }
    }
}

impl std::hash::Hash for Arg {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            Arg::Str(s) => s.hash(h),
            Arg::Int(i) => i.hash(h),
            Arg::Float(f) => f.to_bits().hash(h),
            Arg::Bool(b) => b.hash(h),
            Arg::Array(a) => a.hash(h),
        }
    }
}

/// One named argument with the place of its name, for messages.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct NamedArg {
    pub name: String,
    pub value: Arg,
    pub line: usize,
    pub column: usize,
}

/// One call of a shortcode in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    pub name: String,
    pub args: Vec<NamedArg>,
    /// The Markdown body rendered to HTML (`{% … %} … {% end %}`), where the
    /// shortcodes it holds are placeholders; `None` for `{{ … }}`.
    pub body: Option<String>,
    /// Where `{{` or `{%` is in the source file (1-based).
    pub line: usize,
    pub column: usize,
    /// Alone on its lines: it stands for a block, not for words of a paragraph.
    pub block: bool,
    /// The shortcode whose body holds this one (an index into the same list,
    /// always greater: bodies list their shortcodes first).
    pub parent: Option<usize>,
    /// How many shortcodes its body holds directly.
    pub children: usize,
    /// The file of `photo(src=…)` or `video(poster=…)`, found and measured
    /// like a lead photo.
    pub photo: Option<Photo>,
    /// Site URL of a local `src` (a sound) or `url` (a video file).
    pub local: Option<String>,
    /// A file it names is missing or unreadable (an error already reported):
    /// its arguments are still checked, but it is not rendered.
    pub broken: bool,
}

impl Shortcode {
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.name == name).map(|a| &a.value)
    }

    pub fn str_arg(&self, name: &str) -> Option<&str> {
        self.arg(name).and_then(Arg::as_str)
    }

    /// The place of argument `name`, or of the shortcode itself.
    pub fn place_of(&self, name: &str) -> (usize, usize) {
        self.args
            .iter()
            .find(|a| a.name == name)
            .map_or((self.line, self.column), |a| (a.line, a.column))
    }

    /// The source of the article an `article(path=…)` card shows.
    pub fn card_target(&self) -> Option<std::path::PathBuf> {
        (self.name == "article")
            .then(|| self.str_arg("path").map(card_source))
            .flatten()
    }
}

/// `politique/x.md`, `/politique/x.md` or `content/politique/x.md`: the
/// source path of the article an `article(path=…)` card names.
pub fn card_source(path: &str) -> std::path::PathBuf {
    let p = path.trim().trim_start_matches('/');
    let p = p.strip_prefix("content/").unwrap_or(p);
    std::path::Path::new("content").join(p)
}
