//! The `curl` command equivalent of a request, for the request log (credentials masked).

/// Headers whose values are secrets and are always masked.
const SECRET_HEADERS: [&str; 4] = [
    "authorization",
    "x-cockroach-api-session",
    "cookie",
    "proxy-authorization",
];

/// Quotes a shell word in single quotes.
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A form-encoded body with the value of its `password` field shown as `***`.
fn mask_password(body: &str) -> String {
    body.split('&')
        .map(|p| match p.split_once('=') {
            Some(("password", _)) => "password=***",
            _ => p,
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Builds `curl -X METHOD 'url' -H '...' --data-raw '...'`. Secret headers show `***`; bodies
/// that are not text are described, not inlined.
pub fn curl_command(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> String {
    let mut parts = vec!["curl".to_string()];
    if method != "GET" || body.is_some() {
        parts.push(format!("-X {method}"));
    }
    parts.push(sh(url));
    for (k, v) in headers {
        let v = if SECRET_HEADERS.contains(&k.to_ascii_lowercase().as_str()) {
            "***"
        } else {
            v.as_str()
        };
        parts.push(format!("-H {}", sh(&format!("{k}: {v}"))));
    }
    if let Some(b) = body {
        let form = headers.iter().any(|(k, v)| {
            k.eq_ignore_ascii_case("content-type")
                && v.starts_with("application/x-www-form-urlencoded")
        });
        let b = if form {
            mask_password(b)
        } else {
            b.to_string()
        };
        parts.push(format!("--data-raw {}", sh(&b)));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secrets_and_quotes_for_the_shell() {
        let h = vec![
            (
                "Authorization".to_string(),
                "Basic cm9vdDpodW50ZXIy".to_string(),
            ),
            ("X-Cockroach-API-Session".to_string(), "abc".to_string()),
            ("Content-Type".to_string(), "application/json".to_string()),
        ];
        let c = curl_command("POST", "http://h/x?a=1&b=2", &h, Some(r#"{"q":"it's"}"#));
        assert_eq!(
            c,
            "curl -X POST 'http://h/x?a=1&b=2' -H 'Authorization: ***' -H 'X-Cockroach-API-Session: ***' \
             -H 'Content-Type: application/json' --data-raw '{\"q\":\"it'\\''s\"}'"
        );
        assert!(!c.contains("cm9vdD"));
    }

    #[test]
    fn masks_the_password_of_a_login_form() {
        let h = vec![(
            "Content-Type".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        )];
        let c = curl_command(
            "POST",
            "http://h/login/",
            &h,
            Some("username=root&password=s3cret"),
        );
        assert!(
            c.ends_with("--data-raw 'username=root&password=***'"),
            "{c}"
        );
        assert!(!c.contains("s3cret"));
    }

    #[test]
    fn plain_get_is_short() {
        assert_eq!(
            curl_command("GET", "http://h/overview", &[], None),
            "curl 'http://h/overview'"
        );
    }
}
