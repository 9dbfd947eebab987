//! `fragment(name="partials/x.html", …)` and `item | fragment(name=…)` for
//! Tera 2: render a partial once per distinct arguments and reuse its HTML.
//!
//! A fragment sees its arguments and the global context (where `site` is),
//! so its output is a pure function of the template, the arguments and
//! `site`; the cache key is a 128-bit xxh3 hash of the three. Values are
//! hashed natively on `tera::Value`; a map holding a `fragment_key` string
//! is hashed by that string alone (rotative puts one in each article summary,
//! a fingerprint of the rest of it).

use crate::fingerprint::{self, KeyMap, hash_value};
use std::hash::Hash;
use std::sync::{Arc, OnceLock, RwLock, Weak};
use tera::{Context, Error, Filter, Kwargs, State, Tera, TeraResult, Value};

/// A preview server runs for hours; past this many entries the cache starts over.
const MAX_ENTRIES: usize = 500_000;

/// Rendered fragments by key. Kept across renders of the same templates
/// (the key covers `site` and the arguments, so an entry is never stale);
/// dropped when the templates change.
#[derive(Default)]
pub struct Cache(RwLock<KeyMap<Value>>);

/// The fragments of one theme's Tera instance.
pub struct Fragments {
    /// The instance the function is registered in: known only once it is
    /// built, and weak so that it does not keep itself alive.
    tera: OnceLock<Weak<Tera>>,
    cache: Arc<Cache>,
}

impl Fragments {
    /// Registers `fragment` (function and filter) into `tera`. Call before
    /// adding templates: Tera 2 rejects a template naming an unknown function.
    pub fn register(tera: &mut Tera, cache: Arc<Cache>) -> Arc<Fragments> {
        let me = Arc::new(Fragments {
            tera: OnceLock::new(),
            cache,
        });
        let f = Arc::clone(&me);
        tera.register_function("fragment", move |kwargs: Kwargs, state: &State| {
            f.render(&kwargs, None, state)
        });
        tera.register_filter("fragment", FragmentFilter(Arc::clone(&me)));
        me
    }

    /// Gives the fragments the finished instance (templates loaded), once,
    /// when the theme is built.
    pub fn bind(&self, tera: &Arc<Tera>) {
        let _ = self.tera.set(Arc::downgrade(tera));
    }

    /// Renders `name` with the arguments (and `item`, the filtered value of
    /// the filter form) and the page's `site`, or returns the HTML of an
    /// earlier call with the same ones.
    fn render(&self, kwargs: &Kwargs, item: Option<&Value>, state: &State) -> TeraResult<Value> {
        let name = match kwargs.get::<&str>("name") {
            Ok(Some(n)) => n,
            _ => {
                return Err(Error::message(
                    "fragment() needs `name`, the partial's template name",
                ));
            }
        };
        let mut vars: Vec<(&str, &Value)> = kwargs
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
            .collect();
        if item.is_some() && vars.iter().any(|(k, _)| *k == "item") {
            return Err(Error::message(
                "the fragment filter passes the value it filters as `item`; give no `item` argument",
            ));
        }
        vars.extend(item.map(|v| ("item", v)));
        vars.sort_by_key(|(k, _)| *k);
        // `site` carries a fingerprint of itself (`KEY_FIELD`): hashing it
        // costs one short string per call.
        let site = state.get::<Value>("site")?.unwrap_or_else(Value::none);
        let mut h = fingerprint::hasher();
        hash_value(&site, &mut h);
        for (k, v) in &vars {
            k.hash(&mut h);
            hash_value(v, &mut h);
        }
        let key = h.digest128();
        // Most calls are hits: they share the lock for reading.
        if let Some(hit) = self.cache.0.read().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(hit);
        }
        let tera = self
            .tera
            .get()
            .and_then(Weak::upgrade)
            .ok_or_else(|| Error::message("fragment() called before Fragments::bind"))?;
        let mut ctx = Context::new();
        for (k, v) in vars.iter().filter(|(k, _)| *k != "name") {
            ctx.insert_value(k.to_string(), (*v).clone());
        }
        ctx.insert_value("site", site);
        // The lock is not held while rendering: a fragment may call another.
        let mut out = Vec::with_capacity(2048);
        tera.render_to(name, &ctx, &mut out)?;
        let html = String::from_utf8(out).map_err(Error::message)?;
        let value = Value::safe_string(&html);
        if let Ok(mut c) = self.cache.0.write() {
            if c.len() >= MAX_ENTRIES {
                c.clear();
            }
            c.insert(key, value.clone());
        }
        Ok(value)
    }
}

/// The filter form: the filtered value is passed as `item`. Values are
/// `Arc`-shared in Tera 2, so the function form costs no deep copy either;
/// the filter form stays because themes use it.
struct FragmentFilter(Arc<Fragments>);

impl<'v> Filter<&'v Value, TeraResult<Value>> for FragmentFilter {
    fn call(&self, value: &'v Value, kwargs: Kwargs, state: &State) -> TeraResult<Value> {
        self.0.render(&kwargs, Some(value), state)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::KEY_FIELD;

    fn theme() -> (Arc<Tera>, Arc<Fragments>) {
        let mut tera = Tera::default();
        crate::render::filters::register(&mut tera);
        let frags = Fragments::register(&mut tera, Arc::default());
        tera.add_raw_templates([
            ("card.html", "<b>{{ item.title }}</b> {{ site.title }}{% if compact is defined %} c{% endif %}"),
            ("page.html", "{% for i in items %}{{ i | fragment(name=\"card.html\") }}|{% endfor %}{{ fragment(name=\"card.html\", item=items[0], compact=true) }}"),
        ])
        .unwrap();
        let tera = Arc::new(tera);
        frags.bind(&tera);
        (tera, frags)
    }

    #[test]
    fn renders_once_per_distinct_arguments() {
        let (tera, frags) = theme();
        let items = serde_json::json!([{"title": "A<"}, {"title": "B"}, {"title": "A<"}]);
        let mut ctx = Context::new();
        ctx.insert("items", &items);
        ctx.insert("site", &serde_json::json!({"title": "L'Écho"}));
        let out = tera.render("page.html", &ctx).unwrap();
        assert_eq!(
            out,
            "<b>A&lt;</b> L&#39;Écho|<b>B</b> L&#39;Écho|<b>A&lt;</b> L&#39;Écho|<b>A&lt;</b> L&#39;Écho c"
        );
        // A, B, and A with compact: three entries, the repeated A was a hit.
        assert_eq!(frags.cache.0.read().unwrap().len(), 3);
    }

    #[test]
    fn fragment_key_stands_for_the_map() {
        let v =
            |t: &str| Value::from_serializable(&serde_json::json!({"title": t, KEY_FIELD: "k1"}));
        let hash = |x: &Value| {
            let mut h = fingerprint::hasher();
            hash_value(x, &mut h);
            h.digest128()
        };
        assert_eq!(hash(&v("a")), hash(&v("b")));
        let plain = |t: &str| Value::from_serializable(&serde_json::json!({"title": t}));
        assert_ne!(hash(&plain("a")), hash(&plain("b")));
        assert_ne!(hash(&Value::from("x")), hash(&Value::safe_string("x")));
    }
}
