//! Planted text: the admin API can replace a word of a system's answers with any text (a script
//! or markup payload, a very long or right-to-left string), so a test can see how the console
//! shows hostile server strings in every view without teaching each endpoint a new value.
//!
//! Every answer of the system (JSON: each string and key; anything else: the text) has each
//! planted word replaced (a word in double quotes, `"1"`, only a JSON string that is exactly it);
//! a request whose path or query carries a planted text gets the word back, so links built from
//! a planted name still reach the thing it names. Answers without a known length or over 16 MB
//! (the streaming fault modes) are left alone.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;
use http_body::Body as _;
use serde_json::Value;

use crate::config::System;

/// Answers larger than this are never rewritten.
const MAX_REWRITE: u64 = 16 << 20;

/// The planted texts of every system: (system, word, text).
#[derive(Default)]
pub struct Plants {
    list: Mutex<Vec<(System, String, String)>>,
}

impl Plants {
    /// No plants.
    pub fn new() -> Arc<Plants> {
        Arc::new(Plants::default())
    }

    /// Replaces `word` with `text` in the answers of `system` (a word planted again takes the
    /// new text). An empty word is ignored.
    pub fn plant(&self, system: System, word: &str, text: &str) {
        if word.is_empty() {
            return;
        }
        let mut l = self.list.lock().unwrap_or_else(|p| p.into_inner());
        l.retain(|(s, w, _)| !(*s == system && w == word));
        l.push((system, word.to_string(), text.to_string()));
    }

    /// Removes the plants of `system`, or of every system.
    pub fn clear(&self, system: Option<System>) {
        let mut l = self.list.lock().unwrap_or_else(|p| p.into_inner());
        l.retain(|(s, _, _)| system.is_some_and(|sys| sys != *s));
    }

    /// The (word, text) pairs of `system`.
    pub fn of(&self, system: System) -> Vec<(String, String)> {
        let l = self.list.lock().unwrap_or_else(|p| p.into_inner());
        l.iter()
            .filter(|(s, _, _)| *s == system)
            .map(|(_, w, t)| (w.clone(), t.clone()))
            .collect()
    }

    /// Every plant as JSON: `{"druid": {"word": "text"}, ...}`.
    pub fn to_json(&self) -> Value {
        let mut out = serde_json::Map::new();
        for sys in System::ALL {
            let m: serde_json::Map<String, Value> = self
                .of(sys)
                .into_iter()
                .map(|(w, t)| (w, Value::String(t)))
                .collect();
            out.insert(sys.name().to_string(), Value::Object(m));
        }
        Value::Object(out)
    }
}

/// The middleware's state: which system a port serves and the shared plants.
#[derive(Clone)]
pub struct PlantCtx {
    /// The port's system.
    pub system: System,
    /// The shared plants.
    pub plants: Arc<Plants>,
}

/// Middleware: maps planted texts in the request back to their words and plants them in the answer.
pub async fn apply(State(ctx): State<PlantCtx>, mut req: Request, next: Next) -> Response {
    let pairs = ctx.plants.of(ctx.system);
    if pairs.is_empty() {
        return next.run(req).await;
    }
    if let Some(uri) = unplant_uri(req.uri(), &pairs) {
        *req.uri_mut() = uri;
    }
    let resp = next.run(req).await;
    let size = resp.body().size_hint().exact();
    if size.is_none_or(|n| n > MAX_REWRITE) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_REWRITE as usize).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let out = rewrite(&bytes, &pairs);
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(v) = HeaderValue::from_str(&out.len().to_string()) {
        parts.headers.insert(header::CONTENT_LENGTH, v);
    }
    Response::from_parts(parts, Body::from(out))
}

/// An answer with every word replaced: JSON value by value (keys too), NDJSON line by line,
/// anything else as text.
pub fn rewrite(body: &[u8], pairs: &[(String, String)]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(body) else {
        return body.to_vec();
    };
    if !pairs
        .iter()
        .any(|(w, _)| text.contains(w.as_str()) || exact(w).is_some())
    {
        return body.to_vec();
    }
    if let Ok(mut v) = serde_json::from_str::<Value>(text) {
        plant_value(&mut v, pairs);
        return serde_json::to_vec(&v).unwrap_or_else(|_| body.to_vec());
    }
    let lines: Vec<&str> = text.lines().collect();
    let ndjson = lines.len() > 1
        && lines
            .iter()
            .all(|l| l.trim().is_empty() || serde_json::from_str::<Value>(l).is_ok());
    if ndjson {
        let mut out = String::with_capacity(text.len());
        for l in lines {
            match serde_json::from_str::<Value>(l) {
                Ok(mut v) => {
                    plant_value(&mut v, pairs);
                    out.push_str(&v.to_string());
                }
                Err(_) => out.push_str(l),
            }
            out.push('\n');
        }
        return out.into_bytes();
    }
    replace_all(text, pairs).into_bytes()
}

/// A word in double quotes (`"1"`) stands for a whole JSON string, not a part of any text.
fn exact(word: &str) -> Option<&str> {
    word.strip_prefix('"')?.strip_suffix('"')
}

fn replace_all(text: &str, pairs: &[(String, String)]) -> String {
    let mut s = text.to_string();
    for (w, t) in pairs {
        if exact(w).is_none() && s.contains(w.as_str()) {
            s = s.replace(w.as_str(), t);
        }
    }
    s
}

fn plant_value(v: &mut Value, pairs: &[(String, String)]) {
    match v {
        Value::String(s) => match pairs.iter().find(|(w, _)| exact(w) == Some(s.as_str())) {
            Some((_, t)) => *s = t.clone(),
            None => *s = replace_all(s, pairs),
        },
        Value::Array(a) => a.iter_mut().for_each(|x| plant_value(x, pairs)),
        Value::Object(m) => {
            let old = std::mem::take(m);
            for (k, mut x) in old {
                plant_value(&mut x, pairs);
                m.insert(replace_all(&k, pairs), x);
            }
        }
        _ => {}
    }
}

/// The request's URI with planted texts turned back into their words, if it carries any.
fn unplant_uri(uri: &Uri, pairs: &[(String, String)]) -> Option<Uri> {
    let pq = uri.path_and_query()?.as_str();
    let decoded = percent_decode(pq);
    if !pairs.iter().any(|(_, t)| decoded.contains(t.as_str())) {
        return None;
    }
    let mut back = decoded;
    for (w, t) in pairs {
        back = back.replace(t.as_str(), exact(w).unwrap_or(w));
    }
    percent_encode(&back).parse().ok()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/?&=+,:;@!$'()*".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(String, String)> {
        vec![("movr".into(), "<img src=x onerror=1>".into())]
    }

    #[test]
    fn json_strings_and_keys_are_planted_and_stay_json() {
        let out = rewrite(br#"{"movr":["db movr", 3]}"#, &pairs());
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["<img src=x onerror=1>"][0], "db <img src=x onerror=1>");
        assert_eq!(v["<img src=x onerror=1>"][1], 3);
    }

    #[test]
    fn a_quoted_word_replaces_only_a_whole_json_string() {
        let p = vec![("\"1\"".to_string(), "<b>".to_string())];
        let out = rewrite(br#"{"name":"1","id":1,"addr":"h:1"}"#, &p);
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"name": "<b>", "id": 1, "addr": "h:1"})
        );
        assert_eq!(rewrite(b"to=\"1\"\n", &p), b"to=\"1\"\n");
    }

    #[test]
    fn text_and_ndjson_are_planted() {
        assert_eq!(
            rewrite(b"name=movr\n", &pairs()),
            b"name=<img src=x onerror=1>\n"
        );
        let out = String::from_utf8(rewrite(b"{\"a\":\"movr\"}\n{\"b\":1}\n", &pairs())).unwrap();
        assert_eq!(out, "{\"a\":\"<img src=x onerror=1>\"}\n{\"b\":1}\n");
    }

    #[test]
    fn a_planted_text_in_a_path_goes_back_to_its_word() {
        let uri: Uri = "/api/v2/databases/%3Cimg%20src%3Dx%20onerror%3D1%3E/tables/?limit=5"
            .parse()
            .unwrap();
        assert_eq!(
            unplant_uri(&uri, &pairs()).unwrap(),
            "/api/v2/databases/movr/tables/?limit=5"
        );
        assert!(unplant_uri(&"/api/v2/nodes/".parse().unwrap(), &pairs()).is_none());
    }
}
