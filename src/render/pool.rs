//! Shared values lent to page contexts and taken back after each render.
//!
//! Tera's contexts own their values, so every page that shows an article's
//! summary (20 per listing page, 6 per article page) or the `site` value would
//! otherwise get a deep copy of it, and drop it again: at 10,000 articles that
//! was the largest single cost of a build after Tera itself. Instead a page's
//! context takes the one copy out of the pool, and gives it back once the page
//! is rendered. A summary that is out (on the other thread's page, or twice on
//! one page) is made again for the page that asks; memory stays at one copy.

use super::copies::Copies;
use crate::fingerprint::{KEY_FIELD, json_key};
use serde_json::Value;
use std::sync::{Arc, Mutex, OnceLock};

/// The summaries lent to one page, in the order the page's context is
/// searched for them afterwards.
pub type Loans = std::cell::RefCell<Vec<usize>>;

pub struct Pool {
    /// Summary `i`, or null while it is lent out or not yet made.
    summaries: Vec<Mutex<Value>>,
    /// Each summary's `fragment_key`, computed once.
    keys: Vec<OnceLock<String>>,
    /// Shared with the fragments of the same render (`Fragments::site`).
    site: Arc<Copies>,
}

impl Pool {
    pub fn new(articles: usize, site: Arc<Copies>) -> Pool {
        Pool {
            summaries: (0..articles).map(|_| Mutex::new(Value::Null)).collect(),
            keys: (0..articles).map(|_| OnceLock::new()).collect(),
            site,
        }
    }

    pub fn site(&self) -> &Value {
        self.site.value()
    }

    /// Summary `i` to move into a page's context; `make` serializes it when
    /// the pool's copy is out. Records the loan in `loans`.
    pub fn lend(&self, i: usize, make: impl FnOnce() -> Value, loans: &Loans) -> Value {
        loans.borrow_mut().push(i);
        let held = self.summaries[i].lock().map(|mut v| v.take());
        match held {
            Ok(v) if !v.is_null() => v,
            _ => {
                let mut v = make();
                let key = self.keys[i].get_or_init(|| json_key(&v)).clone();
                if let Value::Object(o) = &mut v {
                    o.insert(KEY_FIELD.into(), Value::String(key));
                }
                v
            }
        }
    }

    pub fn lend_site(&self) -> Value {
        self.site.take()
    }

    /// Takes back what a rendered page's context held. `summaries` are the
    /// values found where `loans` says they went, in the same order; one that
    /// is not the summary it should be (a bug) is dropped, never kept.
    pub fn give_back(&self, loans: Loans, summaries: Vec<Value>, site: Value) {
        for (i, v) in loans.into_inner().into_iter().zip(summaries) {
            let expected = self.keys[i].get().map(|k| k.as_str());
            if expected.is_some()
                && expected == v.get(KEY_FIELD).and_then(Value::as_str)
                && let Ok(mut slot) = self.summaries[i].lock()
            {
                *slot = v;
            }
        }
        self.site.put(site);
    }
}
