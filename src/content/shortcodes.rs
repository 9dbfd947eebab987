//! Finding the shortcodes of an article's Markdown: `{{ name(arg=…) }}` and
//! `{% name(arg=…) %} body {% end %}`, never inside code, with `{{/* … */}}`
//! for a literal `{{ … }}`. Each becomes a placeholder that Markdown leaves
//! alone; rendering expands it later (`render::shortcodes`).

use crate::error::line_col;
use crate::model::shortcode::{self, Arg, NamedArg, Shortcode};
use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;

/// What scanning a body found.
#[derive(Debug, Default)]
pub struct Scanned {
    /// The body with each outermost shortcode replaced by its placeholder,
    /// followed by as many line breaks as it spanned, so that lines after it
    /// keep their numbers.
    pub text: String,
    pub shortcodes: Vec<Shortcode>,
    /// Syntax errors: line, column, message.
    pub errors: Vec<(usize, usize, String)>,
    /// Words of the bodies, which the article's own count does not see.
    pub body_words: usize,
}

/// Markdown to HTML and its word count, for the bodies of shortcodes.
pub type RenderBody<'a> = dyn Fn(&str) -> (String, usize) + 'a;

/// Whether `body` may hold a shortcode at all: most bodies are passed over
/// without a second Markdown pass.
pub fn may_have(body: &str) -> bool {
    body.contains("{{") || body.contains("{%")
}

/// Byte ranges of code spans and code blocks, where nothing is expanded.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, super::markdown::options())
        .into_offset_iter()
        .filter_map(|(e, r)| match e {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(r),
            _ => None,
        })
        .collect()
}

struct Frame {
    /// Index in `body` where the opener starts, its end, and the call.
    start: usize,
    call: Option<Call>,
    text: String,
    children: Vec<usize>,
}

struct Call {
    name: String,
    args: Vec<NamedArg>,
    line: usize,
    column: usize,
    block: bool,
}

/// Scans `body`, whose first line is line `first_line` of its file.
pub fn scan(body: &str, first_line: usize, render: &RenderBody) -> Scanned {
    let mut out = Scanned::default();
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let place = |at: usize| {
        let (l, c) = line_col(body, at);
        (l + first_line - 1, c)
    };
    let mut stack = vec![Frame {
        start: 0,
        call: None,
        text: String::with_capacity(body.len()),
        children: Vec::new(),
    }];
    let bytes = body.as_bytes();
    let (mut i, mut copied) = (0, 0);
    while i + 1 < bytes.len() {
        let two = &bytes[i..i + 2];
        if (two != b"{{" && two != b"{%") || in_code(i) {
            i += 1;
            continue;
        }
        let Some(token) = token(body, i) else {
            i += 2;
            continue;
        };
        let frame = stack.last_mut().expect("the root frame stays");
        push_text(&mut frame.text, &body[copied..i]);
        copied = token.end;
        let (line, column) = place(i);
        match token.kind {
            TokenKind::Literal(text) => frame.text.push_str(&text),
            TokenKind::Bad(at, msg) => {
                let (l, c) = place(at);
                out.errors.push((l, c, msg));
                frame.text.push_str(&body[i..token.end]);
            }
            TokenKind::Call {
                name,
                args,
                body: has_body,
            } => {
                let block = alone_on_line(body, i, token.end)
                    || shortcode::BLOCK_BUILTINS.contains(&name.as_str());
                let args = args
                    .into_iter()
                    .map(|(name, value, at)| {
                        let (line, column) = place(at);
                        NamedArg {
                            name,
                            value,
                            line,
                            column,
                        }
                    })
                    .collect();
                let call = Call {
                    name,
                    args,
                    line,
                    column,
                    block,
                };
                if has_body {
                    stack.push(Frame {
                        start: i,
                        call: Some(call),
                        text: String::new(),
                        children: Vec::new(),
                    });
                } else {
                    let n = out.shortcodes.len();
                    out.shortcodes.push(finish(call, None, 0));
                    frame.children.push(n);
                    frame.text.push_str(&shortcode::placeholder(n));
                    let breaks = body[i..token.end].matches('\n').count();
                    frame.text.extend(std::iter::repeat_n('\n', breaks));
                }
            }
            TokenKind::End => {
                if stack.len() == 1 {
                    out.errors.push((
                        line,
                        column,
                        "`{% end %}` closes no shortcode: a body shortcode opens with `{% name(…) %}`"
                            .into(),
                    ));
                } else {
                    let done = stack.pop().expect("checked above");
                    let call = done.call.expect("only the root has no call");
                    let (html, words) = render(&done.text);
                    out.body_words += words;
                    let html = unwrap_blocks(html, &out.shortcodes, !call.block);
                    let n = out.shortcodes.len();
                    for &c in &done.children {
                        out.shortcodes[c].parent = Some(n);
                    }
                    out.shortcodes
                        .push(finish(call, Some(html), done.children.len()));
                    let parent = stack.last_mut().expect("the root frame stays");
                    parent.children.push(n);
                    parent.text.push_str(&shortcode::placeholder(n));
                    let breaks = body[done.start..token.end].matches('\n').count();
                    parent.text.extend(std::iter::repeat_n('\n', breaks));
                }
            }
        }
        i = token.end;
    }
    for open in stack.drain(1..).rev() {
        let call = open.call.expect("only the root has no call");
        out.errors.push((
            call.line,
            call.column,
            format!(
                "`{{% {}(…) %}}` is never closed: end its body with a line `{{% end %}}`",
                call.name
            ),
        ));
    }
    let root = stack.pop().expect("the root frame stays");
    out.text = root.text;
    push_text(&mut out.text, &body[copied..]);
    out
}

/// Copies text, less any placeholder character a source might hold.
fn push_text(into: &mut String, text: &str) {
    if text.contains([shortcode::OPEN, shortcode::CLOSE]) {
        into.extend(
            text.chars()
                .filter(|&c| c != shortcode::OPEN && c != shortcode::CLOSE),
        );
    } else {
        into.push_str(text);
    }
}

fn finish(call: Call, body: Option<String>, children: usize) -> Shortcode {
    Shortcode {
        name: call.name,
        args: call.args,
        body,
        line: call.line,
        column: call.column,
        block: call.block,
        parent: None,
        children,
        photo: None,
        local: None,
        broken: false,
    }
}

/// Nothing but spaces between the start of the line and `start`, and
/// between `end` and the end of its line.
fn alone_on_line(body: &str, start: usize, end: usize) -> bool {
    let before = body[..start].rsplit('\n').next().unwrap_or("");
    let after = body[end..].split('\n').next().unwrap_or("");
    before.trim().is_empty() && after.trim().is_empty()
}

/// A block shortcode's placeholder takes the place of its paragraph: Markdown
/// wrapped it in `<p>` as it would any text. A paragraph that holds words
/// besides is split around it. `inline`: the body of an inline shortcode,
/// which loses the `<p>` of its one paragraph.
pub fn unwrap_blocks(html: String, shortcodes: &[Shortcode], inline: bool) -> String {
    let html = if inline {
        let t = html.trim();
        match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
            Some(inner) if !inner.contains("<p>") => inner.to_string(),
            _ => html,
        }
    } else {
        html
    };
    if !html.contains(shortcode::OPEN) {
        return html;
    }
    let is_block = |n: usize| shortcodes.get(n).is_some_and(|s| s.block);
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(open) = rest.find("<p>") {
        let Some(close) = rest[open..].find("</p>").map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let inner = &rest[open + 3..close];
        let mut after = &rest[close + 4..];
        let pieces = split_at_blocks(inner, &is_block);
        if !pieces.iter().any(|(_, block)| *block) {
            out.push_str(&rest[open..close + 4]);
        } else {
            after = after.strip_prefix('\n').unwrap_or(after);
            for (piece, block) in pieces {
                let piece = piece.trim();
                if block {
                    out.push_str(piece);
                    out.push('\n');
                } else if !piece.is_empty() {
                    out.push_str("<p>");
                    out.push_str(piece);
                    out.push_str("</p>\n");
                }
            }
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The paragraph's text cut around its block placeholders: (text, is a block).
fn split_at_blocks<'a>(inner: &'a str, is_block: &dyn Fn(usize) -> bool) -> Vec<(&'a str, bool)> {
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(o) = inner[search..].find(shortcode::OPEN).map(|o| o + search) {
        let digits_at = o + shortcode::OPEN.len_utf8();
        let Some(c) = inner[digits_at..]
            .find(shortcode::CLOSE)
            .map(|c| c + digits_at)
        else {
            break;
        };
        let end = c + shortcode::CLOSE.len_utf8();
        if inner[digits_at..c].parse().is_ok_and(is_block) {
            pieces.push((&inner[from..o], false));
            pieces.push((&inner[o..end], true));
            from = end;
        }
        search = end;
    }
    pieces.push((&inner[from..], false));
    pieces
}

#[derive(Debug)]
struct Token {
    end: usize,
    kind: TokenKind,
}

#[derive(Debug)]
enum TokenKind {
    /// `{{/* x */}}`: the text `{{ x }}`.
    Literal(String),
    Call {
        name: String,
        args: Vec<(String, Arg, usize)>,
        body: bool,
    },
    End,
    /// Looked like a shortcode but is not one: where, and why.
    Bad(usize, String),
}

/// The token at `at` (`{{` or `{%`), or `None` when the braces are text.
fn token(body: &str, at: usize) -> Option<Token> {
    let with_body = body.as_bytes()[at + 1] == b'%';
    let close = if with_body { "%}" } else { "}}" };
    let mut p = Cursor {
        s: body,
        at: at + 2,
    };
    if p.rest().starts_with("/*") {
        let inner_end = p.rest().find(&format!("*/{close}"))?;
        let inner = &p.rest()[2..inner_end];
        let open = if with_body { "{%" } else { "{{" };
        return Some(Token {
            end: p.at + inner_end + 4,
            kind: TokenKind::Literal(format!("{open}{inner}{close}")),
        });
    }
    p.spaces();
    let name = p.ident()?;
    p.spaces();
    if with_body && name == "end" && p.rest().starts_with(close) {
        return Some(Token {
            end: p.at + 2,
            kind: TokenKind::End,
        });
    }
    if !p.eat("(") {
        return None;
    }
    let bad = |at: usize, msg: String| {
        let end = body[at..]
            .find(close)
            .map_or(body.len(), |e| at + e + close.len());
        Some(Token {
            end,
            kind: TokenKind::Bad(at, msg),
        })
    };
    let mut args: Vec<(String, Arg, usize)> = Vec::new();
    loop {
        p.spaces();
        if p.eat(")") {
            break;
        }
        if !args.is_empty() && !p.eat(",") {
            return bad(
                p.at,
                format!("in `{name}(…)`: expected `,` or `)` between arguments"),
            );
        }
        p.spaces();
        if p.eat(")") {
            break;
        }
        let arg_at = p.at;
        let Some(arg) = p.ident() else {
            return bad(
                p.at,
                format!("in `{name}(…)`: expected an argument name (`{name}(title=\"…\")`)"),
            );
        };
        p.spaces();
        if !p.eat("=") {
            return bad(
                p.at,
                format!("in `{name}(…)`: argument `{arg}` needs a value: `{arg}=\"…\"`"),
            );
        }
        p.spaces();
        let value_at = p.at;
        let Some(value) = p.value() else {
            return bad(
                value_at,
                format!(
                    "in `{name}(…)`: the value of `{arg}` must be a quoted string, a number, true, false or a list `[…]`"
                ),
            );
        };
        if args.iter().any(|(a, _, _)| a == arg) {
            return bad(
                arg_at,
                format!("in `{name}(…)`: argument `{arg}` is given twice"),
            );
        }
        args.push((arg.to_string(), value, arg_at));
    }
    p.spaces();
    if !p.eat(close) {
        return bad(p.at, format!("`{name}(…)` must be followed by `{close}`"));
    }
    Some(Token {
        end: p.at,
        kind: TokenKind::Call {
            name: name.to_string(),
            args,
            body: with_body,
        },
    })
}

struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.at..]
    }

    fn spaces(&mut self) {
        let r = self.rest();
        self.at += r.len() - r.trim_start().len();
    }

    fn eat(&mut self, what: &str) -> bool {
        let ok = self.rest().starts_with(what);
        if ok {
            self.at += what.len();
        }
        ok
    }

    fn ident(&mut self) -> Option<&'a str> {
        let r = self.rest();
        let len = r
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(r.len());
        let id = &r[..len];
        if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.at += len;
        Some(id)
    }

    fn value(&mut self) -> Option<Arg> {
        let r = self.rest();
        let first = r.chars().next()?;
        match first {
            '"' | '\'' | '`' => {
                let end = r[1..].find(first)?;
                self.at += end + 2;
                Some(Arg::Str(r[1..end + 1].to_string()))
            }
            '[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.spaces();
                    if self.eat("]") {
                        return Some(Arg::Array(items));
                    }
                    if !items.is_empty() {
                        if !self.eat(",") {
                            return None;
                        }
                        self.spaces();
                        if self.eat("]") {
                            return Some(Arg::Array(items));
                        }
                    }
                    items.push(self.value()?);
                }
            }
            _ => {
                let len = r
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
                    .unwrap_or(r.len());
                let word = &r[..len];
                let v = match word {
                    "true" | "True" => Arg::Bool(true),
                    "false" | "False" => Arg::Bool(false),
                    _ if word.contains('.') => Arg::Float(word.parse().ok()?),
                    _ => Arg::Int(word.parse().ok()?),
                };
                self.at += len;
                Some(v)
            }
        }
    }
}
