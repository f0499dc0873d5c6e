//! Security headers on everything the proxy serves.
//!
//! The console and the proxy's own answers get a strict Content-Security-Policy (scripts only from
//! the origin, plus the inline loader trunk writes into `index.html`, allowed by its SHA-256) and
//! may not be framed. Upstream answers under `proxy/` get `Content-Security-Policy: sandbox`: an
//! upstream HTML or SVG page opened from the proxy runs in an opaque origin and cannot use the
//! console's origin (and with it the proxy's credentials).

use base64::Engine;
use http::{header, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Marks a response as an upstream's answer (put in its extensions by the server).
#[derive(Debug, Clone, Copy)]
pub struct UpstreamAnswer;

/// Checks `csp_connect_src` entries: origins the console may call directly besides its own.
pub fn check_connect_src(list: &[String]) -> Result<(), String> {
    for entry in list {
        let ok = ["http://", "https://", "ws://", "wss://"]
            .iter()
            .any(|scheme| entry.len() > scheme.len() && entry.starts_with(scheme))
            && !entry.ends_with('/')
            && entry
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b';' && b != b',' && b != b'\'');
        if !ok {
            return Err(format!(
                "csp_connect_src: '{entry}' is not an origin like https://flink.example.com:8081"
            ));
        }
    }
    Ok(())
}

/// The console's policy; `inline_hashes` are `'sha256-...'` sources of index.html's scripts.
pub fn console_policy(connect_src: &[String], inline_hashes: &[String]) -> String {
    let mut scripts = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    scripts.extend(inline_hashes.iter().cloned());
    let mut connect = vec!["'self'".to_string()];
    connect.extend(connect_src.iter().cloned());
    format!(
        "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src {}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
        scripts.join(" "),
        connect.join(" ")
    )
}

/// The `'sha256-...'` sources of the inline scripts (`<script>` without `src`) of an HTML text.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| at + i) {
        let Some(tag_end) = lower[start..].find('>').map(|i| start + i) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let tag = &lower[start..tag_end];
        if !tag.contains(" src=") && !tag.contains("\tsrc=") && !tag.contains("\nsrc=") {
            let digest = Sha256::digest(&html.as_bytes()[tag_end + 1..close]);
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            hashes.push(format!("'sha256-{encoded}'"));
        }
        at = close;
    }
    hashes
}

/// Adds the console's headers to one of the proxy's own responses. HTML documents, and answers
/// without a body type (a 304 revalidating a cached `index.html` replaces its stored headers), get
/// the hashes of the current `index.html`'s inline scripts (read now, so a rebuilt console needs
/// no restart).
pub async fn add_console_headers(headers: &mut HeaderMap, index: &Path, connect_src: &[String]) {
    let may_be_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/html"));
    let hashes = if may_be_page {
        match tokio::fs::read_to_string(index).await {
            Ok(html) => inline_script_hashes(&html),
            Err(_) => Vec::new(),
        }
    } else {
        Vec::new()
    };
    if let Ok(policy) = HeaderValue::from_str(&console_policy(connect_src, &hashes)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    add_common(headers);
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
}

/// Adds the headers of an upstream's answer. The sandbox is appended, so an upstream's own policy
/// can only add restrictions; it goes on every answer (a policy on a `fetch` response has no effect,
/// so the console is not hindered, and no content type has to be trusted to be inert).
pub fn add_upstream_headers(headers: &mut HeaderMap) {
    headers.append(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    add_common(headers);
}

fn add_common(headers: &mut HeaderMap) {
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts_exactly_as_written() {
        let html = "<head><SCRIPT type=\"module\">\nrun();\n</SCRIPT><script src=\"/a.js\"></script><script>x()</script></head>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2);
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"\nrun();\n"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
    }

    #[test]
    fn connect_sources_must_be_origins() {
        assert!(
            check_connect_src(&["http://127.0.0.1:8081".into(), "wss://x.example".into()]).is_ok()
        );
        for bad in [
            "*",
            "http://x/",
            "127.0.0.1:8081",
            "http://x; script-src *",
            "https://",
        ] {
            assert!(check_connect_src(&[bad.into()]).is_err(), "{bad}");
        }
    }
}
