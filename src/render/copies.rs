//! Spare copies of one shared context value (`site`), for Tera 1 contexts,
//! which own their values: each page and fragment miss takes one and gives it
//! back, instead of a deep copy per render.

use serde_json::Value;
use std::sync::Mutex;

/// A value and the copies of it not lent out at the moment: `take` hands out
/// a spare copy (or a new one), `put` takes it back. Pages and fragment misses
/// use it for `site`, which each context owns a copy of.
pub struct Copies {
    value: Value,
    spare: Mutex<Vec<Value>>,
}

impl Copies {
    pub fn new(value: Value) -> Copies {
        Copies {
            value,
            spare: Mutex::new(Vec::new()),
        }
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    pub fn take(&self) -> Value {
        let spare = self.spare.lock().ok().and_then(|mut s| s.pop());
        spare.unwrap_or_else(|| self.value.clone())
    }

    /// Keeps `copy` for the next `take`; null (nothing came back) is dropped.
    pub fn put(&self, copy: Value) {
        if !copy.is_null()
            && let Ok(mut spare) = self.spare.lock()
        {
            spare.push(copy);
        }
    }
}
