//! `POST /api/v2/login/`, `POST /api/v2/logout/` and the session check every other endpoint does.

use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::NodeCtx;
use crate::http_util::{b64, go_error, header_str, lock, ok_json, unb64, Params};

/// The header carrying the API session.
pub const SESSION_HEADER: &str = "x-cockroach-api-session";

/// What Cockroach writes for an unexpected server-side failure.
pub const INTERNAL_ERROR: &str =
    "An internal server error has occurred. Please check your CockroachDB logs for more details.";

/// Encodes a `serverpb.SessionCookie{ID, Secret}` protobuf, base64'd (the session string).
pub fn encode_session(id: i64, secret: &[u8]) -> String {
    let mut buf = vec![0x08];
    let mut v = id as u64;
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            buf.push(byte);
            break;
        }
        buf.push(byte | 0x80);
    }
    buf.push(0x12);
    buf.push(secret.len() as u8);
    buf.extend_from_slice(secret);
    b64(&buf)
}

/// Decodes the protobuf of a session string into `(id, secret)`.
pub fn decode_session(bytes: &[u8]) -> Option<(i64, Vec<u8>)> {
    let mut i = 0;
    let mut id: Option<u64> = None;
    let mut secret = None;
    while i < bytes.len() {
        let tag = bytes[i];
        i += 1;
        match tag {
            0x08 => {
                let mut v: u64 = 0;
                let mut shift = 0;
                loop {
                    let b = *bytes.get(i)?;
                    i += 1;
                    v |= ((b & 0x7f) as u64) << shift;
                    if b & 0x80 == 0 {
                        break;
                    }
                    shift += 7;
                    if shift > 63 {
                        return None;
                    }
                }
                id = Some(v);
            }
            0x12 => {
                let len = *bytes.get(i)? as usize;
                i += 1;
                secret = Some(bytes.get(i..i + len)?.to_vec());
                i += len;
            }
            _ => return None,
        }
    }
    Some((id? as i64, secret.unwrap_or_default()))
}

/// Checks the session header; returns the user, or the error response Cockroach would send.
/// `admin_only` endpoints answer 403 to users without the admin role.
pub fn require(ctx: &NodeCtx, headers: &HeaderMap, admin_only: bool) -> Result<String, Response> {
    let raw = header_str(headers, SESSION_HEADER).unwrap_or_default();
    if raw.is_empty() {
        return Err(go_error(StatusCode::UNAUTHORIZED, "invalid session header"));
    }
    let Some(decoded) = unb64(raw) else {
        return Err(go_error(
            StatusCode::BAD_REQUEST,
            "illegal base64 data at input byte 0",
        ));
    };
    let Some((id, secret)) = decode_session(&decoded) else {
        return Err(go_error(StatusCode::BAD_REQUEST, "invalid session header"));
    };
    let cluster = lock(&ctx.cluster);
    let user = match cluster.web_sessions.get(&id) {
        Some(s) if !s.revoked && s.secret == secret => s.user.clone(),
        _ => {
            return Err(go_error(
                StatusCode::UNAUTHORIZED,
                "the provided authentication session could not be validated",
            ))
        }
    };
    if admin_only && !cluster.user(&user).is_some_and(|u| u.admin) {
        return Err(go_error(
            StatusCode::FORBIDDEN,
            "user not allowed to access this endpoint",
        ));
    }
    Ok(user)
}

/// A request whose API session passed [`require`], with its query parameters parsed.
///
/// Taken by handlers as an extractor: a missing, malformed or unknown session (or, when `ADMIN`,
/// a user without the admin role) gets Cockroach's error answer before the handler runs. Use
/// [`CrdbUser`] or [`CrdbAdmin`].
pub struct CrdbRequest<const ADMIN: bool> {
    /// Handler state (node, cluster, clock).
    pub ctx: NodeCtx,
    /// The session's user.
    pub user: String,
    /// The query string's parameters.
    pub params: Params,
}

/// A request from any logged-in user.
pub type CrdbUser = CrdbRequest<false>;
/// A request from a logged-in user with the admin role.
pub type CrdbAdmin = CrdbRequest<true>;

impl<const ADMIN: bool> FromRequestParts<NodeCtx> for CrdbRequest<ADMIN> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, ctx: &NodeCtx) -> Result<Self, Response> {
        let user = require(ctx, &parts.headers, ADMIN)?;
        Ok(CrdbRequest {
            ctx: ctx.clone(),
            user,
            params: Params::from_uri(&parts.uri),
        })
    }
}

/// `POST /api/v2/login/` with a form-encoded `username` and `password`.
pub async fn login(State(ctx): State<NodeCtx>, method: Method, body: Bytes) -> Response {
    // Go's handler writes "not found" for other methods but does not return, so the rest of the
    // checks append to the same 404 body.
    let wrong_method = method != Method::POST;
    let form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let field = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let username = field("username").to_lowercase();
    let password = field("password");
    if username.is_empty() {
        return if wrong_method {
            go_error(StatusCode::NOT_FOUND, "not found\nusername not specified")
        } else {
            go_error(StatusCode::BAD_REQUEST, "username not specified")
        };
    }
    let mut cluster = lock(&ctx.cluster);
    let ok = cluster
        .user(&username)
        .and_then(|u| u.password.clone())
        .is_some_and(|p| p == password);
    if !ok {
        let status = if wrong_method {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::UNAUTHORIZED
        };
        let msg = "the provided credentials did not match any account on the server";
        return go_error(
            status,
            &if wrong_method {
                format!("not found\n{msg}")
            } else {
                msg.to_string()
            },
        );
    }
    let id = cluster.next_web_session;
    cluster.next_web_session += 1 + cluster.rng.below(1000) as i64;
    let secret = cluster.rng.bytes(16);
    cluster.web_sessions.insert(
        id,
        super::state::WebSession {
            user: username,
            secret: secret.clone(),
            revoked: false,
        },
    );
    ok_json(&json!({"session": encode_session(id, &secret)}))
}

/// `POST /api/v2/logout/` with the session header; revokes the session.
pub async fn logout(State(ctx): State<NodeCtx>, headers: HeaderMap) -> Response {
    let raw = header_str(&headers, SESSION_HEADER).unwrap_or_default();
    if raw.is_empty() {
        return go_error(StatusCode::BAD_REQUEST, "invalid or unspecified session");
    }
    let Some((id, _)) = unb64(raw).and_then(|b| decode_session(&b)) else {
        return go_error(StatusCode::INTERNAL_SERVER_ERROR, INTERNAL_ERROR);
    };
    let mut cluster = lock(&ctx.cluster);
    match cluster.web_sessions.get_mut(&id) {
        Some(s) if !s.revoked => {
            s.revoked = true;
            ok_json(&json!({"logged_out": true}))
        }
        _ => go_error(StatusCode::BAD_REQUEST, "invalid session"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_strings_round_trip_like_the_sample() {
        // The sample session from ../shared/api-samples/cockroachdb/login.json decodes.
        let sample = unb64("CIGAgICAgICAAhIQjkzQ1e1OP8SkUKamtlKDqA==").unwrap_or_default();
        let (id, secret) = decode_session(&sample).unwrap_or((0, vec![]));
        assert!(id > 0);
        assert_eq!(secret.len(), 16);
        assert_eq!(
            encode_session(id, &secret),
            "CIGAgICAgICAAhIQjkzQ1e1OP8SkUKamtlKDqA=="
        );
    }
}
