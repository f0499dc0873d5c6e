//! One upstream base URL (`http(s)://host:port/optional/base`) and host:port matching.

use std::fmt;

/// A base URL the proxy may forward to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    /// Whether it speaks https.
    pub tls: bool,
    /// Host name or address, lower-case (IPv6 in brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Path prefix without a trailing slash ("" for none).
    pub base_path: String,
}

impl Upstream {
    /// Parses a configured URL: `http(s)://host[:port][/base]` without credentials or query.
    pub fn parse(text: &str) -> Result<Upstream, String> {
        let uri: http::Uri = text.parse().map_err(|_| format!("'{text}' is not a URL"))?;
        let tls = match uri.scheme_str() {
            Some("http") => false,
            Some("https") => true,
            _ => return Err(format!("'{text}' must start with http:// or https://")),
        };
        let authority = uri
            .authority()
            .ok_or_else(|| format!("'{text}' has no host"))?;
        if authority.as_str().contains('@') {
            return Err(format!(
                "'{}' must not contain a user name or password (use [clusters.auth])",
                redact_userinfo(text)
            ));
        }
        if uri.query().is_some() || text.contains('#') {
            return Err(format!("'{text}' must not have a query or fragment"));
        }
        let base_path = uri.path().trim_end_matches('/').to_string();
        Ok(Upstream {
            tls,
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(if tls { 443 } else { 80 }),
            base_path,
        })
    }

    /// An upstream for a node the cluster reported or redirected to: no base path.
    pub fn node(tls: bool, host: &str, port: u16) -> Upstream {
        Upstream {
            tls,
            host: host.to_ascii_lowercase(),
            port,
            base_path: String::new(),
        }
    }

    /// `host:port`, the key used to compare nodes.
    pub fn host_port(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// `http(s)://host:port`, used in error messages and `clusters.json`.
    pub fn origin(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}:{}", self.host, self.port)
    }

    /// The full URL for a path below the base; `path` starts with `/`, `query` is raw.
    pub fn url_for(&self, path: &str, query: Option<&str>) -> String {
        match query {
            Some(q) => format!("{}{}{}?{}", self.origin(), self.base_path, path, q),
            None => format!("{}{}{}", self.origin(), self.base_path, path),
        }
    }
}

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin(), self.base_path)
    }
}

fn redact_userinfo(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}***{}", &text[..s + 3], &text[at..]),
        _ => text.to_string(),
    }
}

/// Splits `host:port` (or `[v6]:port`) into a lower-case host and a port.
pub fn split_host_port(text: &str) -> Option<(String, u16)> {
    let (host, port) = text.rsplit_once(':')?;
    let port: u16 = port.parse().ok()?;
    let valid_host = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        !host.is_empty()
            && host.len() <= 253
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '_')
    };
    (valid_host && port != 0).then(|| (host.to_ascii_lowercase(), port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_base_urls() {
        let u = Upstream::parse("http://Flink.Local:8081/base/").unwrap();
        assert_eq!(u.host_port(), "flink.local:8081");
        assert_eq!(
            u.url_for("/jobs", Some("a=1")),
            "http://flink.local:8081/base/jobs?a=1"
        );
        assert_eq!(Upstream::parse("http://h").unwrap().port, 80);
    }

    #[test]
    fn refuses_credentials_and_hides_them() {
        let err = Upstream::parse("http://root:pw@h:1").unwrap_err();
        assert!(!err.contains("pw"), "{err}");
        assert!(Upstream::parse("ftp://h:1").is_err());
        let secure = Upstream::parse("https://crdb:8080").unwrap();
        assert_eq!(
            secure.url_for("/api/v2/nodes/", None),
            "https://crdb:8080/api/v2/nodes/"
        );
        assert_eq!(Upstream::parse("https://crdb").unwrap().port, 443);
        assert!(Upstream::parse("http://h:1/?x=1").is_err());
    }

    #[test]
    fn splits_host_port() {
        assert_eq!(
            split_host_port("127.0.0.1:8040"),
            Some(("127.0.0.1".into(), 8040))
        );
        assert_eq!(split_host_port("[::1]:80"), Some(("[::1]".into(), 80)));
        assert_eq!(split_host_port("evil.com/x:80"), None);
        assert_eq!(split_host_port("h:0"), None);
        assert_eq!(split_host_port("h"), None);
    }
}
