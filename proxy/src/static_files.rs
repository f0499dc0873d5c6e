//! Serves the built console from `dist/`: compressed when the browser accepts it, hashed assets
//! cached for a year, `index.html` for the console's own routes, and a clear page when not built.

use crate::answers;
use crate::state::AppState;
use axum::body::Body;
use http::{header, HeaderValue, Method, Request, Response, StatusCode, Uri};
use std::path::Path;
use tower::ServiceExt;
use tower_http::compression::Compression;
use tower_http::services::{ServeDir, ServeFile};

/// `Cache-Control` for files whose names carry a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` for everything else (revalidated on each use).
pub const NO_CACHE: &str = "no-cache";

/// Serves `rest` (the raw path after the base path) from the dist folder.
pub async fn serve(state: &AppState, request: Request<Body>, rest: &str) -> Response<Body> {
    let dist = &state.config.dist;
    let index = dist.join("index.html");
    if !index.is_file() {
        return not_built(dist);
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut response = answers::text(
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD are served here.\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let navigation = is_navigation(&request, rest);
    let hashed = is_hashed_asset(rest);
    let (mut parts, body) = request.into_parts();
    let Ok(uri) = format!("/{rest}").parse::<Uri>() else {
        return answers::text(StatusCode::BAD_REQUEST, "Bad path.\n");
    };
    parts.uri = uri;
    let fallback_request = Request::from_parts(parts.clone(), Body::empty());
    let files = Compression::new(
        ServeDir::new(dist)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(false),
    );
    let mut response = if rest.is_empty() {
        serve_index(&index, fallback_request).await
    } else {
        match files.oneshot(Request::from_parts(parts, body)).await {
            Ok(r) if r.status() == StatusCode::NOT_FOUND && navigation && !hashed => {
                serve_index(&index, fallback_request).await
            }
            Ok(r) => r.map(Body::new),
            Err(never) => match never {},
        }
    };
    let cache = if hashed && response.status().is_success() {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

async fn serve_index(index: &Path, request: Request<Body>) -> Response<Body> {
    let file = Compression::new(ServeFile::new(index));
    match file.oneshot(request).await {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    }
}

/// Whether the browser is loading a page of the console (so `index.html` answers a missing path).
fn is_navigation(request: &Request<Body>, rest: &str) -> bool {
    let headers = request.headers();
    let accepts_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let navigates = headers
        .get("sec-fetch-mode")
        .is_some_and(|v| v == "navigate");
    let last = rest.rsplit('/').next().unwrap_or("");
    accepts_html || navigates || !last.contains('.')
}

/// Whether a path names a file with a content hash in its name (`app-1a2b3c4d5e6f7a8b_bg.wasm`)
/// or in a folder name (`snippets/app-1a2b3c4d5e6f7a8b/inline0.js`).
pub fn is_hashed_asset(rest: &str) -> bool {
    rest.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or("");
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        stem.rsplit_once('-').is_some_and(|(name, hash)| {
            !name.is_empty()
                && (12..=64).contains(&hash.len())
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
        })
    })
}

fn not_built(dist: &Path) -> Response<Body> {
    let shown = answers::escape_html(&dist.display().to_string());
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Switchboard: console not built</title></head>\n\
         <body style=\"font-family: sans-serif; max-width: 40em; margin: 4em auto\">\n\
         <h1>The console has not been built</h1>\n\
         <p>The proxy is running, but there is no <code>index.html</code> in <code>{shown}</code>.</p>\n\
         <p>Build the console (<code>make build</code>, or <code>trunk build --release</code>) or point <code>dist</code> in the proxy's config at the built files, then reload this page.</p>\n\
         <p>The proxy itself (<code>proxy/…</code> and <code>clusters.json</code>) works meanwhile.</p>\n\
         </body></html>\n"
    );
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        assert!(is_hashed_asset("switchboard-7d1f0a3c9b2e4f56_bg.wasm"));
        assert!(is_hashed_asset("theme-a1b2c3d4e5f6a7b8.css"));
        assert!(is_hashed_asset(
            "snippets/leptos-0123456789abcdef/inline0.js"
        ));
        assert!(!is_hashed_asset("favicon.svg"));
        assert!(!is_hashed_asset("index.html"));
        assert!(!is_hashed_asset("flink/my-cluster/jobs"));
        assert!(!is_hashed_asset("druid/prod-east-1/datasources"));
    }
}
