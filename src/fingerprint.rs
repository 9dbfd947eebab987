//! Fingerprints: the one hash (xxh3) behind every "has this changed?" key of
//! a build — an article's source and summary, a template and what it pulls
//! in, a page's inputs in the preview, a fragment's arguments, a summary's
//! `fragment_key`. Equal fingerprints stand for equal values; none of them
//! is written into the output.

use serde_json::Value;
use std::hash::{Hash, Hasher as _};
use xxhash_rust::xxh3::Xxh3;

/// The hasher every fingerprint is made with.
pub type Hasher = Xxh3;

pub fn hasher() -> Hasher {
    Xxh3::new()
}

/// 64 bits of any hashable value.
pub fn of(value: impl Hash) -> u64 {
    let mut h = hasher();
    value.hash(&mut h);
    h.finish()
}

/// 64 and 128 bits of raw bytes.
pub fn bytes64(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

pub fn bytes128(b: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(b)
}

/// The field of an article summary that holds a fingerprint of the rest of it:
/// hashing it stands for hashing the whole summary, which every card and list
/// item would otherwise do on every page.
pub const KEY_FIELD: &str = "fragment_key";

/// The fingerprint `KEY_FIELD` holds: 128 bits over the value, as hex.
pub fn json_key(v: &Value) -> String {
    let mut h = hasher();
    hash_json(v, &mut h);
    format!("{:032x}", h.digest128())
}

/// Feeds a JSON value to `h`; an object with a `KEY_FIELD` string feeds
/// only that.
pub fn hash_json(v: &Value, h: &mut Hasher) {
    match v {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => (2u8, n.as_i64(), n.as_u64(), n.as_f64().map(f64::to_bits)).hash(h),
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(a) => {
            (4u8, a.len()).hash(h);
            a.iter().for_each(|x| hash_json(x, h));
        }
        Value::Object(o) => {
            if let Some(Value::String(key)) = o.get(KEY_FIELD) {
                return (6u8, key).hash(h);
            }
            (5u8, o.len()).hash(h);
            for (k, x) in o {
                k.hash(h);
                hash_json(x, h);
            }
        }
    }
}
