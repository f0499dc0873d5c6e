//! The URL is the state: helpers to read and write a view's query string, so that a copied link
//! opens the same view.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are in query keys and values (the rest is percent-encoded).
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b':')
    .remove(b',')
    .remove(b'/');

/// Characters left as they are in one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a query key or value.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, QUERY).to_string()
}

/// Percent-encodes one path segment (a cluster name, a job id, ...).
pub fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Decodes a percent-encoded component (`+` is a space, as in forms).
pub fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_decode_str(&s).decode_utf8_lossy().into_owned()
}

/// A key of the query string that a view keeps part of its state in (`vertex=`, `tab=`, ...).
/// Each view declares its keys once, as constants beside it, and reads and writes them only
/// through `ui::kit::{query, set_query, link_with}`, so a key is spelled in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QueryKey(&'static str);

impl QueryKey {
    /// The key written as `name` in the URL.
    pub const fn new(name: &'static str) -> QueryKey {
        QueryKey(name)
    }

    /// Its name in the URL.
    pub const fn name(self) -> &'static str {
        self.0
    }
}

/// The auto-refresh interval every view keeps (`refresh=5s`).
pub const REFRESH: QueryKey = QueryKey::new("refresh");

/// An ordered list of query parameters with helpers to read and change them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    /// Parses `a=1&b=x%20y` (with or without a leading `?`).
    pub fn parse(s: &str) -> Query {
        let s = s.strip_prefix('?').unwrap_or(s);
        Query(
            s.split('&')
                .filter(|p| !p.is_empty())
                .map(|p| match p.split_once('=') {
                    Some((k, v)) => (decode(k), decode(v)),
                    None => (decode(p), String::new()),
                })
                .collect(),
        )
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` to `value`, or removes it when `value` is empty.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        if value.is_empty() {
            self.remove(key);
        } else if let Some(slot) = self.0.iter_mut().find(|(k, _)| k == key) {
            slot.1 = value;
        } else {
            self.0.push((key.to_string(), value));
        }
    }

    /// Removes `key`.
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| k != key);
    }

    /// Removes every key that starts with `prefix`.
    pub fn remove_prefix(&mut self, prefix: &str) {
        self.0.retain(|(k, _)| !k.starts_with(prefix));
    }

    /// Serialises to `a=1&b=x%20y` (no leading `?`; empty when there are no parameters).
    pub fn to_query_string(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// `path?query`, or just `path` when there is no query.
    pub fn with_path(&self, path: &str) -> String {
        let q = self.to_query_string();
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }
}

/// The app's own path (`/flink/x`) of a browser path (`/console/flink/x`), without the
/// deployment's base path: what routes and `navigate` expect.
pub fn app_path(pathname: &str) -> String {
    strip_base(pathname, &crate::cluster::endpoint::base_path())
}

/// `pathname` without `base` (`/console/`), when it starts with it.
pub fn strip_base(pathname: &str, base: &str) -> String {
    let base = base.trim_end_matches('/');
    match pathname.strip_prefix(base) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            if rest.is_empty() {
                "/".into()
            } else {
                rest.to_string()
            }
        }
        _ => pathname.to_string(),
    }
}

/// `raw` when it is a path of this app that is safe to navigate to: it starts with one `/`, and
/// has no second `/` or `\\` after it, no scheme, no whitespace and no control characters (browsers
/// drop tabs and newlines from URLs, so `/\t/host` would become `//host`). Everything else (an
/// absolute URL, `javascript:` in any spelling, `//host`, `/\\host`, `data:`) is `None`: a value
/// read from a link is never a navigation target unless it stays on our origin.
pub fn safe_app_path(raw: &str) -> Option<&str> {
    let rest = raw.strip_prefix('/')?;
    let bad = |c: char| c.is_control() || c.is_whitespace() || c == '\\';
    if rest.starts_with('/') || raw.chars().any(bad) {
        return None;
    }
    Some(raw)
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_the_base_path_only_at_a_segment_boundary() {
        assert_eq!(
            super::strip_base("/console/flink/x", "/console/"),
            "/flink/x"
        );
        assert_eq!(super::strip_base("/console", "/console/"), "/");
        assert_eq!(super::strip_base("/consoles/x", "/console/"), "/consoles/x");
        assert_eq!(super::strip_base("/flink/x", "/"), "/flink/x");
    }

    use super::*;

    #[test]
    fn round_trips_awkward_values() {
        let mut q = Query::default();
        q.set("t.f.name", "a&b=c d/é");
        q.set("sort", "name:desc");
        let s = q.to_query_string();
        assert!(!s.contains(' ') && !s.contains("&b="), "{s}");
        assert_eq!(Query::parse(&format!("?{s}")), q);
    }

    #[test]
    fn empty_value_removes_the_key() {
        let mut q = Query::parse("a=1&b=2");
        q.set("a", "");
        assert_eq!(q.to_query_string(), "b=2");
        assert_eq!(q.with_path("/x"), "/x?b=2");
        q.remove("b");
        assert_eq!(q.with_path("/x"), "/x");
    }

    #[test]
    fn plus_decodes_to_space_and_flags_have_empty_values() {
        let q = Query::parse("q=a+b&simple");
        assert_eq!(q.get("q"), Some("a b"));
        assert_eq!(q.get("simple"), Some(""));
    }

    #[test]
    fn segments_encode_slashes() {
        assert_eq!(encode_segment("a/b c"), "a%2Fb%20c");
    }

    #[test]
    fn only_same_origin_app_paths_are_navigation_targets() {
        for ok in [
            "/",
            "/flink/demo/jobs/1?tab=x&refresh=5s",
            "/clusters/new",
            "/a:b/javascript:x",
        ] {
            assert_eq!(safe_app_path(ok), Some(ok), "{ok}");
        }
        let hostile = [
            "javascript://%0aalert(1)",
            "javascript://\nalert(document.domain)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\tjavascript:alert(1)",
            "java\tscript:alert(1)",
            "%6A%61vascript:alert(1)",
            "//evil.example/x",
            "///evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "/x\u{0}y",
            "/x\u{7f}",
            "https://evil.example/",
            "http:evil.example",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "",
            "flink/demo",
            "?return=/x",
            "#/x",
        ];
        for bad in hostile {
            assert_eq!(safe_app_path(bad), None, "{bad:?}");
        }
    }
}
