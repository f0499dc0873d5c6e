//! The six response shapes of StarRocks and its authentication.
//!
//! 1. v1 `{"status","code","msg","message"}` with `code` as a string (sent as text/html);
//! 2. flat maps (`show_meta_info`, `_get_ddl`, `_set_config`);
//! 3. raw arrays whose every value is a string (`show_proc`);
//! 4. Jackson maps with an integer `status` (`_count`, `_schema`, `_query_plan`), HTTP 200 even on error;
//! 5. plain text (`show_data`, BE tools);
//! 6. v2 `{"code","message","result"}`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{json, Value};

use super::SrCtx;
use crate::http_util::{basic_auth, json_as, lock, raw, with_header, Params};

/// Content type of FE answers that do not set one (`BaseResponse` defaults to text/html).
pub const FE_DEFAULT_CT: &str = "text/html";
/// What libevent adds to BE answers without a content type.
pub const BE_DEFAULT_CT: &str = "text/html; charset=ISO-8859-1";

/// `{"status":"OK","code":"0","msg":"Success","message":"OK"}`.
pub fn v1_ok() -> Response {
    v1_ok_with(json!({}))
}

/// A successful v1 result with extra fields.
pub fn v1_ok_with(extra: Value) -> Response {
    let mut v = json!({"status": "OK", "code": "0", "msg": "Success", "message": "OK"});
    if let (Some(obj), Some(more)) = (v.as_object_mut(), extra.as_object()) {
        for (k, val) in more {
            obj.insert(k.clone(), val.clone());
        }
    }
    json_as(StatusCode::OK, FE_DEFAULT_CT, &v)
}

/// The v1 failure body.
pub fn v1_failed_body(msg: &str) -> Value {
    json!({"status": "FAILED", "code": "1", "msg": msg, "message": msg})
}

/// A v1 failure sent with HTTP 200 (what a `DdlException` becomes).
pub fn v1_failed(msg: &str) -> Response {
    json_as(StatusCode::OK, FE_DEFAULT_CT, &v1_failed_body(msg))
}

/// A v1 failure with another HTTP status.
pub fn v1_failed_status(status: StatusCode, msg: &str) -> Response {
    json_as(status, FE_DEFAULT_CT, &v1_failed_body(msg))
}

/// A flat map or any JSON sent the FE way (text/html).
pub fn fe_json<T: Serialize + ?Sized>(value: &T) -> Response {
    json_as(StatusCode::OK, FE_DEFAULT_CT, value)
}

/// `sendResultByJson`: Jackson output with application/json.
pub fn jackson<T: Serialize + ?Sized>(value: &T) -> Response {
    json_as(StatusCode::OK, "application/json", value)
}

/// v2 success: `{"code":"0","message":"OK","result":...}`.
pub fn v2_ok(result: Value) -> Response {
    fe_json(&json!({"code": "0", "message": "OK", "result": result}))
}

/// v2 failure: `{"code":"<n>","message":...}` (HTTP 200).
pub fn v2_err(code: u16, msg: &str) -> Response {
    fe_json(&json!({"code": code.to_string(), "message": msg}))
}

/// BE JSON (text/html from libevent).
pub fn be_json<T: Serialize + ?Sized>(value: &T) -> Response {
    json_as(StatusCode::OK, BE_DEFAULT_CT, value)
}

/// BE plain text.
pub fn be_text(body: impl Into<String>) -> Response {
    raw(StatusCode::OK, BE_DEFAULT_CT, body.into())
}

/// The client address extractor every FE handler takes.
pub type Client = ConnectInfo<SocketAddr>;

/// Remote IP of the request, for "Access denied for root@IP" messages.
pub fn remote_ip(ci: &Client) -> String {
    ci.0.ip().to_string()
}

fn denied(msg: &str) -> Response {
    with_header(
        json_as(
            StatusCode::UNAUTHORIZED,
            FE_DEFAULT_CT,
            &v1_failed_body(msg),
        ),
        "www-authenticate",
        "Basic realm=\"\"",
    )
}

/// An authenticated caller.
#[derive(Clone, Debug)]
pub struct Caller {
    /// User name.
    pub user: String,
    /// Holds the admin role.
    pub admin: bool,
}

/// Checks HTTP Basic credentials like `RestBaseAction.execute`; failures are 401 with a v1 body.
pub fn fe_auth(
    ctx: &SrCtx,
    headers: &HeaderMap,
    ci: &Client,
    admin_required: bool,
) -> Result<Caller, Response> {
    let ip = remote_ip(ci);
    let Some((user, password)) = basic_auth(headers) else {
        return Err(denied("Need auth information."));
    };
    let admin = lock(&ctx.cluster).authenticate(&user, &password);
    match admin {
        None => Err(denied(&format!("Access denied for {user}@{ip}"))),
        Some(false) if admin_required => Err(denied(
            "Access denied; you need (at least one of) the SYSTEM privilege(s) on SYSTEM for this operation. Please ask the admin to grant permission(s) or try activating existing roles using <set [default] role>. Current role(s): NONE. Inactivated role(s): NONE.",
        )),
        Some(admin) => Ok(Caller { user, admin }),
    }
}

/// An FE request that passed [`fe_auth`], with its query parameters parsed.
///
/// Taken by FE handlers as an extractor: a failed login answers 401 with a v1 body before the
/// handler runs. `ADMIN` says whether the endpoint needs the admin role; use [`FeUser`] or
/// [`FeAdmin`].
pub struct FeRequest<const ADMIN: bool> {
    /// Handler state (cluster, clock, node).
    pub ctx: SrCtx,
    /// The authenticated caller.
    pub caller: Caller,
    /// The query string's parameters.
    pub params: Params,
}

/// An FE request from any authenticated user.
pub type FeUser = FeRequest<false>;
/// An FE request from a user with the admin role.
pub type FeAdmin = FeRequest<true>;

impl<const ADMIN: bool> FromRequestParts<SrCtx> for FeRequest<ADMIN> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, ctx: &SrCtx) -> Result<Self, Response> {
        let ci = Client::from_request_parts(parts, ctx)
            .await
            .map_err(IntoResponse::into_response)?;
        let caller = fe_auth(ctx, &parts.headers, &ci, ADMIN)?;
        Ok(FeRequest {
            ctx: ctx.clone(),
            caller,
            params: Params::from_uri(&parts.uri),
        })
    }
}
