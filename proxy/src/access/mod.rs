//! Who may use the proxy at all (`[access]`): a shared token, HTTP Basic users, or a user named by
//! a trusted reverse proxy. Checked for every path after the host check, before anything is
//! served; the credentials the browser sent for the proxy are removed before a request is
//! forwarded.

pub mod config;
pub mod login;
pub mod users;

use crate::secret::Secret;
use axum::body::Body;
use base64::Engine;
use config::{AccessConfig, AccessMode};
use http::{header, HeaderMap, HeaderValue, Request, Response, StatusCode};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use subtle::ConstantTimeEq;

/// Whether `given` is the token, compared in constant time (over digests, so lengths leak nothing).
pub fn tokens_match(token: &Secret, given: &str) -> bool {
    let expected = Sha256::digest(token.expose().as_bytes());
    let given = Sha256::digest(given.as_bytes());
    bool::from(expected.ct_eq(&given))
}

/// Lets the request through (after removing the credentials meant for the proxy) or answers it.
/// `base` is the base path, `wants_page` whether the browser is loading a page.
pub async fn authorize(
    access: &AccessConfig,
    request: &mut Request<Body>,
    peer: Option<IpAddr>,
    base: &str,
) -> Result<(), Response<Body>> {
    let wants_page = wants_page(request.headers());
    match &access.mode {
        AccessMode::None => Ok(()),
        AccessMode::Token(token) => {
            let headers = request.headers_mut();
            let bearer = authorization(headers, "Bearer ");
            let ok = match bearer {
                Some(given) => tokens_match(token, &given),
                None => login::cookie_token(headers).is_some_and(|t| tokens_match(token, &t)),
            };
            if ok {
                headers.remove(header::AUTHORIZATION);
                return Ok(());
            }
            if wants_page {
                return Err(login::page(StatusCode::UNAUTHORIZED, base, None));
            }
            let mut response = text(
                StatusCode::UNAUTHORIZED,
                format!("Authentication required: log in at {base}login, or send Authorization: Bearer <token>.\n"),
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"Switchboard\""),
            );
            Err(response)
        }
        AccessMode::Basic(users) => {
            let headers = request.headers_mut();
            let credentials = authorization(headers, "Basic ").and_then(|b64| {
                let raw = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .ok()?;
                let text = String::from_utf8(raw).ok()?;
                let (user, password) = text.split_once(':')?;
                Some((user.to_string(), password.to_string()))
            });
            if let Some((user, password)) = credentials {
                if users.verify(&user, &password).await {
                    headers.remove(header::AUTHORIZATION);
                    return Ok(());
                }
            }
            let mut response = text(
                StatusCode::UNAUTHORIZED,
                "Authentication required: log in with your Switchboard user name and password.\n"
                    .into(),
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Switchboard\", charset=\"UTF-8\""),
            );
            Err(response)
        }
        AccessMode::TrustedHeader(name) => {
            if peer.is_none() || peer != access.trusted_proxy {
                return Err(text(
                    StatusCode::FORBIDDEN,
                    "Forbidden: this proxy is used through its single sign-on front end only.\n"
                        .into(),
                ));
            }
            let headers = request.headers_mut();
            let named = headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| !v.trim().is_empty());
            if !named {
                return Err(text(
                    StatusCode::UNAUTHORIZED,
                    format!("Authentication required: the front end sent no {name} header.\n"),
                ));
            }
            headers.remove(name);
            Ok(())
        }
    }
}

/// The value after `scheme` of the `Authorization` header (scheme matched without case).
fn authorization(headers: &HeaderMap, scheme: &str) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (head, rest) = value.split_at_checked(scheme.len())?;
    head.eq_ignore_ascii_case(scheme).then(|| rest.to_string())
}

fn wants_page(headers: &HeaderMap) -> bool {
    let html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    html || headers
        .get("sec-fetch-mode")
        .is_some_and(|v| v == "navigate")
}

fn text(status: StatusCode, body: String) -> Response<Body> {
    crate::answers::no_store(crate::answers::text(status, body))
}
