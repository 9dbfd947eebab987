//! Fingerprints: the one hash (xxh3) behind every "has this changed?" key of
//! a build — an article's source and summary, a template and what it pulls
//! in, a page's inputs in the preview, a fragment's arguments, a summary's
//! `fragment_key`. Equal fingerprints stand for equal values; none of them
//! is written into the output.

use std::hash::Hash;
use tera::Value;
use xxhash_rust::xxh3::Xxh3;

/// The hasher every fingerprint is made with.
pub type Hasher = Xxh3;

pub fn hasher() -> Hasher {
    Xxh3::new()
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
pub fn value_key(v: &Value) -> String {
    let mut h = hasher();
    hash_value(v, &mut h);
    format!("{:032x}", h.digest128())
}

/// Feeds a template value to `h`, kind by kind; a map with a `KEY_FIELD`
/// string feeds only that. Safe and plain strings differ: they print differently.
pub fn hash_value(v: &Value, h: &mut Hasher) {
    use tera::value::ValueKind as K;
    match v.kind() {
        K::Undefined => 0u8.hash(h),
        K::None => 1u8.hash(h),
        K::Bool => (2u8, v.as_bool()).hash(h),
        K::U64 | K::I64 | K::U128 | K::I128 => (3u8, v.as_i128(), v.as_u128()).hash(h),
        K::F64 => (4u8, v.as_f64().map(f64::to_bits)).hash(h),
        K::String => (5u8, v.is_safe(), v.as_str()).hash(h),
        K::Array => {
            let a = v.as_array().unwrap_or_default();
            (6u8, a.len()).hash(h);
            a.iter().for_each(|x| hash_value(x, h));
        }
        K::Map => {
            let Some(m) = v.as_map() else { return };
            // rotative puts the key last (summaries, `site`): looked at
            // there first, it costs no hashing of the field name.
            let last = m
                .last()
                .filter(|(k, _)| k.as_str() == Some(KEY_FIELD))
                .map(|(_, x)| x);
            let key = last.or_else(|| m.get(&tera::value::Key::Str(KEY_FIELD)));
            if let Some(key) = key.and_then(Value::as_str) {
                return (7u8, key).hash(h);
            }
            (8u8, m.len()).hash(h);
            for (k, x) in m {
                match k.as_str() {
                    Some(s) => s.hash(h),
                    None => k.as_value().as_i128().hash(h),
                }
                hash_value(x, h);
            }
        }
        K::Bytes => (9u8, v.as_bytes()).hash(h),
        // ValueKind is non-exhaustive: a kind added later still gets a tag.
        _ => 10u8.hash(h),
    }
}

/// A map keyed by 128-bit hashes (fragments, search entries): the keys are
/// already hashes, so the map uses their low bits as they are.
pub type KeyMap<V> = std::collections::HashMap<u128, V, std::hash::BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u128(&mut self, k: u128) {
        self.0 = k as u64;
    }
}
