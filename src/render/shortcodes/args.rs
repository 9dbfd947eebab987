//! A call's arguments against its component's signature: unknown, missing,
//! of the wrong type, set by rotative, a body given or lacking; and the
//! values handed to Tera.

use super::Problem;
use crate::model::shortcode::{Arg, Shortcode};
use tera::{ComponentArgType, ComponentInfo, Value};

/// The argument as the component's declared type wants it: an integer
/// where a float is declared is that float.
pub(super) fn value(a: &Arg, typ: Option<ComponentArgType>) -> Value {
    match (a, typ) {
        (Arg::Str(s), _) => Value::from(s.as_str()),
        (Arg::Int(i), Some(ComponentArgType::Float)) => Value::from(*i as f64),
        (Arg::Int(i), _) => Value::from(*i),
        (Arg::Float(f), _) => Value::from(*f),
        (Arg::Bool(b), _) => Value::from(*b),
        (Arg::Array(items), _) => {
            Value::from(items.iter().map(|i| value(i, None)).collect::<Vec<_>>())
        }
    }
}

fn fits(a: &Arg, typ: ComponentArgType) -> bool {
    matches!(
        (a, typ),
        (Arg::Str(_), ComponentArgType::String)
            | (Arg::Bool(_), ComponentArgType::Bool)
            | (
                Arg::Int(_),
                ComponentArgType::Integer | ComponentArgType::Float | ComponentArgType::Number
            )
            | (
                Arg::Float(_),
                ComponentArgType::Float | ComponentArgType::Number
            )
            | (Arg::Array(_), ComponentArgType::Array)
    )
}

/// `url (string), title (string, optional)`: what a shortcode takes.
pub fn signature(info: &ComponentInfo) -> String {
    // Required first: what an author must write comes before what may be.
    let mut args: Vec<_> = info.args().iter().filter(|a| !a.is_implicit()).collect();
    args.sort_by_key(|a| !a.is_required());
    let parts: Vec<String> = args
        .into_iter()
        .map(|a| {
            let mut bits: Vec<&str> = a.arg_type().map(|t| t.as_str()).into_iter().collect();
            if !a.is_required() {
                bits.push("optional");
            }
            if bits.is_empty() {
                a.name().to_string()
            } else {
                format!("{} ({})", a.name(), bits.join(", "))
            }
        })
        .collect();
    if parts.is_empty() {
        "no arguments".into()
    } else {
        parts.join(", ")
    }
}

pub(super) fn check_args(s: &Shortcode, info: &ComponentInfo) -> Vec<Problem> {
    let mut out = Vec::new();
    let takes = || format!("`{}` takes {}", s.name, signature(info));
    for a in &s.args {
        match info.args().iter().find(|x| x.name() == a.name) {
            None if info.rest_param().is_some() => {}
            None => out.push((
                a.line,
                a.column,
                format!("unknown argument `{}` of `{}`; {}", a.name, s.name, takes()),
            )),
            Some(x) if x.is_implicit() => out.push((
                a.line,
                a.column,
                format!(
                    "`{}` of `{}` is set by rotative, not in the article; {}",
                    a.name,
                    s.name,
                    takes()
                ),
            )),
            Some(x) => {
                if let Some(t) = x.arg_type().filter(|t| !fits(&a.value, *t)) {
                    out.push((
                        a.line,
                        a.column,
                        format!(
                            "argument `{}` of `{}` must be {} {t}, not {}",
                            a.name,
                            s.name,
                            article_of(t),
                            a.value.kind()
                        ),
                    ));
                }
            }
        }
    }
    for x in info.args().iter().filter(|x| x.is_required()) {
        if s.arg(x.name()).is_none() {
            out.push((
                s.line,
                s.column,
                format!("`{}` needs `{}`; {}", s.name, x.name(), takes()),
            ));
        }
    }
    out
}

fn article_of(t: ComponentArgType) -> &'static str {
    match t {
        ComponentArgType::Integer | ComponentArgType::Array => "an",
        _ => "a",
    }
}

/// `{body: "required"}`, `"optional"`, or no body (the default).
pub(super) fn check_body(s: &Shortcode, info: &ComponentInfo) -> Vec<Problem> {
    let wants = info
        .metadata()
        .get("body")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "none".into());
    let (l, c) = (s.line, s.column);
    match (wants.as_str(), &s.body) {
        ("required", None) => vec![(
            l,
            c,
            format!(
                "`{}` has a body: write `{{% {}(…) %}}`, the text, then `{{% end %}}`",
                s.name, s.name
            ),
        )],
        ("none", Some(_)) => vec![(
            l,
            c,
            format!(
                "`{}` takes no body: write `{{{{ {}(…) }}}}` alone",
                s.name, s.name
            ),
        )],
        _ => Vec::new(),
    }
}
