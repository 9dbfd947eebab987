//! `fragment(name="partials/x.html", …)`: a template function (and filter)
//! that renders a partial once per distinct set of arguments and reuses the HTML.
//!
//! A news site repeats the same pieces everywhere: each article's card appears
//! on the home page, its tag, category and author pages and in « À lire
//! aussi » boxes; the masthead and footer are on every page. Rendering them once
//! each is what keeps a 10,000-article build fast. A fragment sees only its
//! arguments and `site`, so its output is a pure function of them; the cache key
//! is a hash of the template name, the arguments and the site values.

use super::copies::Copies;
use crate::fingerprint::{self, hash_json};
use serde_json::Value;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use tera::Tera;

/// A preview server runs for hours; past this many entries the cache starts over.
const MAX_ENTRIES: usize = 500_000;

/// Rendered fragments by key, kept by the theme across preview rebuilds: a
/// key covers the template, the arguments and `site`, so an entry is never
/// stale. 128-bit keys: a collision would put one article's card on another's place.
#[derive(Default)]
pub struct Cache(Mutex<HashMap<u128, Arc<str>>>);

/// The fragments of one render: the theme's templates, its cache, and the
/// `site` value of that render.
pub struct Fragments {
    /// The theme's templates, without the `fragment` function itself:
    /// fragments do not nest.
    tera: Tera,
    cache: Arc<Cache>,
    site_hash: u128,
    site: Arc<Copies>,
}

impl Fragments {
    pub fn new(tera: &Tera, cache: Arc<Cache>, site: Value) -> Fragments {
        let mut h = fingerprint::hasher();
        hash_json(&site, &mut h);
        Fragments {
            tera: tera.clone(),
            cache,
            site_hash: h.digest128(),
            site: Arc::new(Copies::new(site)),
        }
    }

    /// The copies of `site`, which the pages of the same render share with
    /// the fragments: one stack of spare copies, and no second `site` to keep.
    pub fn site(&self) -> Arc<Copies> {
        Arc::clone(&self.site)
    }

    /// Renders `name` with `args` (and `item`, the filtered value of the
    /// filter form), or returns the HTML of an earlier call with the same ones.
    fn render(&self, args: &HashMap<String, Value>, item: Option<&Value>) -> tera::Result<Value> {
        let name = match args.get("name") {
            Some(Value::String(n)) => n.as_str(),
            _ => {
                return Err(tera::Error::msg(
                    "fragment() needs `name`, the partial's template name",
                ));
            }
        };
        if item.is_some() && args.contains_key("item") {
            return Err(tera::Error::msg(
                "the fragment filter passes the value it filters as `item`; give no `item` argument",
            ));
        }
        let mut vars: Vec<(&str, &Value)> = args.iter().map(|(k, v)| (k.as_str(), v)).collect();
        vars.extend(item.map(|v| ("item", v)));
        vars.sort_by_key(|(k, _)| *k);
        let mut h = fingerprint::hasher();
        self.site_hash.hash(&mut h);
        for (k, v) in &vars {
            k.hash(&mut h);
            hash_json(v, &mut h);
        }
        let key = h.digest128();
        if let Some(hit) = self.cache.0.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(Value::String(hit.to_string()));
        }
        let html = self.render_miss(name, &vars, &self.site)?;
        if let Ok(mut c) = self.cache.0.lock() {
            if c.len() >= MAX_ENTRIES {
                c.clear();
            }
            c.insert(key, Arc::from(html.as_str()));
        }
        Ok(Value::String(html))
    }

    /// Renders a partial that is not in the cache. `site` is a spare copy and
    /// goes back after the render: every distinct card, list item and author
    /// box is a miss, and a fresh copy of `site` for each was a cost of its own.
    fn render_miss(
        &self,
        name: &str,
        vars: &[(&str, &Value)],
        site: &Copies,
    ) -> tera::Result<String> {
        let copy = site.take();
        // Cloned rather than `Context::insert`ed: inserting serializes each
        // value again, a slower deep copy.
        let mut map: serde_json::Map<String, Value> = vars
            .iter()
            .filter(|(k, _)| *k != "name")
            .map(|(k, v)| (k.to_string(), (*v).clone()))
            .collect();
        map.insert("site".into(), copy);
        let ctx = tera::Context::from_value(Value::Object(map))?;
        let html = self.tera.render(name, &ctx);
        if let Some(copy) = ctx.into_json().get_mut("site").map(Value::take) {
            site.put(copy);
        }
        html
    }
}

/// The `fragment` function as Tera sees it: `fragment(name=…, item=…, …)`.
pub struct FragmentFn(pub Arc<Fragments>);

impl tera::Function for FragmentFn {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        self.0.render(args, None)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The filter form, `item | fragment(name=…, …)`: the same, with the filtered
/// value as `item`. Tera copies every argument of a function call, but not the
/// value a filter filters, so this form costs no copy of a large `item`.
pub struct FragmentFilter(pub Arc<Fragments>);

impl tera::Filter for FragmentFilter {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        self.0.render(args, Some(value))
    }

    fn is_safe(&self) -> bool {
        true
    }
}
