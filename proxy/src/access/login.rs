//! Token mode's login page: `GET <base>login` shows a form, `POST <base>login` with `token=...`
//! sets the `switchboard_token` cookie (HttpOnly, SameSite=Strict) and goes to the console. The
//! token never travels in a URL. Plain HTML, no script.

use super::tokens_match;
use crate::answers::escape_html;
use crate::proxy::cors::{self, Caller};
use crate::secret::Secret;
use axum::body::Body;
use http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Limited};
use std::time::Duration;

/// Name of the cookie that carries the token.
pub const COOKIE: &str = "switchboard_token";
/// Largest login form accepted.
const MAX_FORM_BYTES: usize = 4096;
/// Pause after a wrong token, so guessing is slow.
const WRONG_TOKEN_PAUSE: Duration = Duration::from_millis(500);

/// Answers `<base>login` in token mode. `host` is the allowed host the request was sent to.
pub async fn handle(
    token: &Secret,
    request: Request<Body>,
    base: &str,
    host: &str,
    secure: bool,
) -> Response<Body> {
    match *request.method() {
        Method::GET | Method::HEAD => return page(StatusCode::OK, base, None),
        Method::POST => {}
        _ => {
            let mut response = page(StatusCode::METHOD_NOT_ALLOWED, base, None);
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST"));
            return response;
        }
    }
    // Only the login page itself may post here (no login forced on a visitor by another site).
    if cors::classify(request.headers(), host, &[]) != Caller::SameOrigin {
        return page(
            StatusCode::FORBIDDEN,
            base,
            Some("This form must be sent from the proxy's own login page."),
        );
    }
    let form = match Limited::new(request.into_body(), MAX_FORM_BYTES)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return page(
                StatusCode::PAYLOAD_TOO_LARGE,
                base,
                Some("The form is too large."),
            )
        }
    };
    let given = form_urlencoded::parse(&form)
        .find(|(key, _)| key == "token")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    if !tokens_match(token, &given) {
        tokio::time::sleep(WRONG_TOKEN_PAUSE).await;
        return page(
            StatusCode::UNAUTHORIZED,
            base,
            Some("That is not the access token."),
        );
    }
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::SEE_OTHER;
    let headers = response.headers_mut();
    headers.insert(
        header::LOCATION,
        HeaderValue::from_str(base).unwrap_or(HeaderValue::from_static("/")),
    );
    let cookie = format!(
        "{COOKIE}={}; Path={base}; HttpOnly; SameSite=Strict{}",
        token.expose(),
        if secure { "; Secure" } else { "" }
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        headers.insert(header::SET_COOKIE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The token from the `switchboard_token` cookie, if the request has one.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// The login page with `status`, and a message above the form when there is one.
pub fn page(status: StatusCode, base: &str, message: Option<&str>) -> Response<Body> {
    let note = message
        .map(|m| {
            format!(
                "<p role=\"alert\"><strong>{}</strong></p>\n",
                escape_html(m)
            )
        })
        .unwrap_or_default();
    let action = escape_html(&format!("{base}login"));
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Switchboard: log in</title></head>\n<body>\n<main>\n<h1>Switchboard</h1>\n{note}\
         <form method=\"post\" action=\"{action}\">\n\
         <p><label for=\"token\">Access token</label><br>\n\
         <input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus></p>\n\
         <p><button type=\"submit\">Log in</button></p>\n</form>\n\
         <p>Ask whoever runs this proxy for the token.</p>\n</main>\n</body></html>\n"
    );
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; switchboard_token=abc=; x=1"),
        );
        assert_eq!(cookie_token(&headers).as_deref(), Some("abc="));
        assert_eq!(cookie_token(&HeaderMap::new()), None);
    }
}
