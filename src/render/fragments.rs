//! `fragment(name="partials/x.html", …)`: a template function (and filter)
//! that renders a partial once per distinct set of arguments and reuses the HTML.
//!
//! A news site repeats the same pieces everywhere: each article's card appears
//! on the home page, its tag, category and author pages and in « À lire
//! aussi » boxes; the masthead and footer are on every page. Rendering them once
//! each is what keeps a 10,000-article build fast. A fragment sees only its
//! arguments and `site`, so its output is a pure function of them; the cache key
//! is a hash of the template name, the arguments and the site values.

use super::pool::Copies;
use serde_json::Value;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, RwLock};
use tera::Tera;
use xxhash_rust::xxh3::Xxh3;

/// A preview server runs for hours; past this many entries the cache starts over.
const MAX_ENTRIES: usize = 500_000;

pub struct Fragments {
    /// The theme's templates, without the `fragment` function itself:
    /// fragments do not nest.
    tera: Tera,
    /// 128-bit keys: a collision would put one article's card on another's place.
    cache: Mutex<HashMap<u128, Arc<str>>>,
    /// The hash of `site`, and copies of it for fragment contexts.
    site: RwLock<(u128, Arc<Copies>)>,
}

/// The field of an article summary that holds a fingerprint of the rest of it
/// (set by `pool::Pool::lend`): hashing it stands for hashing the whole summary,
/// which every card and list item would otherwise do on every page.
pub const KEY_FIELD: &str = "fragment_key";

/// The fingerprint `KEY_FIELD` holds: 128 bits of xxh3 over the value.
pub fn fingerprint(v: &Value) -> String {
    let mut h = Xxh3::new();
    hash_value(v, &mut h);
    format!("{:032x}", h.digest128())
}

pub fn hash_value(v: &Value, h: &mut Xxh3) {
    match v {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => (2u8, n.as_i64(), n.as_u64(), n.as_f64().map(f64::to_bits)).hash(h),
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(a) => {
            (4u8, a.len()).hash(h);
            a.iter().for_each(|x| hash_value(x, h));
        }
        Value::Object(o) => {
            if let Some(Value::String(key)) = o.get(KEY_FIELD) {
                return (6u8, key).hash(h);
            }
            (5u8, o.len()).hash(h);
            for (k, x) in o {
                k.hash(h);
                hash_value(x, h);
            }
        }
    }
}

impl Fragments {
    pub fn new(tera: Tera) -> Fragments {
        Fragments {
            tera,
            cache: Mutex::new(HashMap::new()),
            site: RwLock::new((0, Arc::new(Copies::new(Value::Null)))),
        }
    }

    /// Sets the `site` value fragments see; called once per render. Returns
    /// its copies, which the pages of that render share with the fragments:
    /// one stack of spare copies, and no second copy of `site` to keep.
    pub fn set_site(&self, site: Value) -> Arc<Copies> {
        let mut h = Xxh3::new();
        hash_value(&site, &mut h);
        let copies = Arc::new(Copies::new(site));
        if let Ok(mut s) = self.site.write() {
            *s = (h.digest128(), Arc::clone(&copies));
        }
        copies
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
        let (site_hash, site) = {
            let s = self
                .site
                .read()
                .map_err(|_| tera::Error::msg("fragment cache poisoned"))?;
            (s.0, Arc::clone(&s.1))
        };
        let mut vars: Vec<(&str, &Value)> = args.iter().map(|(k, v)| (k.as_str(), v)).collect();
        vars.extend(item.map(|v| ("item", v)));
        vars.sort_by_key(|(k, _)| *k);
        let mut h = Xxh3::new();
        site_hash.hash(&mut h);
        for (k, v) in &vars {
            k.hash(&mut h);
            hash_value(v, &mut h);
        }
        let key = h.digest128();
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(Value::String(hit.to_string()));
        }
        let html = self.render_miss(name, &vars, &site)?;
        if let Ok(mut c) = self.cache.lock() {
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
