//! Inputs for the decoders: arbitrary text, and recorded answers mutated byte by byte or value by
//! value (a value of the JSON tree replaced by one of another kind, an extreme number, a long or
//! right-to-left string, a deep nest).

use proptest::prelude::*;
use serde_json::{json, Value};

/// How many cases each property runs: `FUZZ_CASES` (the `make fuzz` budget) or a small default
/// that keeps `make test` quick.
pub fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64)
}

/// The property-test settings of every fuzz property.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Values that break careless code: extremes, wrong kinds, odd strings.
pub fn nasty_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!("")),
        Just(json!("NaN")),
        Just(json!("-Infinity")),
        Just(json!("9999999999999999999999")),
        Just(json!("\u{202e}gnp.exe\u{202c} é🙂 ∑")),
        Just(json!("x".repeat(10_000))),
        Just(json!("<img src=x onerror=alert(1)>")),
        Just(json!("2020-13-45T25:61:61.000Z/2019-01-01")),
        Just(json!("/../../..//")),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z_]{0,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// How many values a JSON tree holds.
fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The `n`-th value of a JSON tree, depth first (0 is the root).
fn nth(v: &mut Value, n: usize) -> Option<&mut Value> {
    if n == 0 {
        return Some(v);
    }
    let mut n = n - 1;
    let children: Vec<&mut Value> = match v {
        Value::Array(a) => a.iter_mut().collect(),
        Value::Object(o) => o.values_mut().collect(),
        _ => return None,
    };
    for c in children {
        let size = count(c);
        if n < size {
            return nth(c, n);
        }
        n -= size;
    }
    None
}

/// One change to a JSON tree: the node at `at` (modulo the node count) becomes `with`, or is
/// removed from its parent (`with` is None).
#[derive(Clone, Debug)]
pub struct Edit {
    at: usize,
    with: Option<Value>,
}

fn edit() -> impl Strategy<Value = Edit> {
    (any::<usize>(), prop::option::weighted(0.85, nasty_value()))
        .prop_map(|(at, with)| Edit { at, with })
}

/// Up to `n` edits.
pub fn edits(n: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..=n)
}

/// Applies edits to a copy of a recorded answer.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(text) else {
        return text.to_string();
    };
    for e in edits {
        let at = e.at % count(&v);
        let Some(node) = nth(&mut v, at) else {
            continue;
        };
        match (&e.with, node) {
            (Some(with), node) => *node = with.clone(),
            // Remove one child of a container.
            (None, Value::Array(a)) if !a.is_empty() => {
                a.remove(e.at % a.len());
            }
            (None, Value::Object(o)) if !o.is_empty() => {
                let key = o.keys().nth(e.at % o.len()).cloned().unwrap_or_default();
                o.remove(&key);
            }
            _ => {}
        }
    }
    v.to_string()
}

/// One byte-level change: overwrite, insert, delete or cut at a position (modulo the length).
#[derive(Clone, Debug)]
pub enum ByteEdit {
    /// Overwrite a byte.
    Set(usize, u8),
    /// Insert bytes.
    Insert(usize, Vec<u8>),
    /// Delete a range.
    Delete(usize, usize),
    /// Keep only the start.
    Cut(usize),
}

/// Up to `n` byte edits, biased to JSON and text punctuation.
pub fn byte_edits(n: usize) -> impl Strategy<Value = Vec<ByteEdit>> {
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"{}[]\":,.-+eE0123456789 \n\t\\#{}=\"<>/".to_vec()),
    ];
    let e = prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| ByteEdit::Set(i, b)),
        (any::<usize>(), prop::collection::vec(byte, 1..8))
            .prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| ByteEdit::Delete(i, n)),
        any::<usize>().prop_map(ByteEdit::Cut),
    ];
    prop::collection::vec(e, 1..=n)
}

/// Applies byte edits to a copy of a text (invalid UTF-8 is replaced, as a browser's decoder does).
pub fn apply_bytes(text: &str, edits: &[ByteEdit]) -> String {
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        let len = b.len().max(1);
        match e {
            ByteEdit::Set(i, v) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    b[i] = *v;
                }
            }
            ByteEdit::Insert(i, v) => {
                let i = i % (b.len() + 1);
                b.splice(i..i, v.iter().copied());
            }
            ByteEdit::Delete(i, n) => {
                let i = i % len;
                let end = (i + n).min(b.len());
                if i < end {
                    b.drain(i..end);
                }
            }
            ByteEdit::Cut(i) => b.truncate(i % len),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}
