//! The host names the proxy answers to (`allowed_hosts`). A request for any other Host is answered
//! 421 before anything else happens, so a page on a name an attacker controls (DNS rebinding) can
//! neither load the console nor use the proxy's credentials.

use http::{header, HeaderMap, Uri};
use std::net::{IpAddr, SocketAddr};

/// The allowed host a request was sent to, put in the request's extensions by the server.
#[derive(Debug, Clone)]
pub struct RequestedHost(pub String);

/// One allowed name, with a port or for any port.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HostEntry {
    /// Lower-case host name, IPv4 address or bracketed IPv6 address (`[::1]`).
    name: String,
    /// The only port allowed, or `None` for any.
    port: Option<u16>,
}

/// The names the proxy answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    entries: Vec<HostEntry>,
    /// Whether the config listed them (otherwise they follow the listen address).
    explicit: bool,
}

/// The names allowed when the config lists none: loopback only, with any port.
const DEFAULT_HOSTS: &[&str] = &["localhost", "127.0.0.1", "[::1]"];

impl AllowedHosts {
    /// Reads `allowed_hosts` from the config; without it, the loopback names plus the `listen`
    /// address itself when that is one specific address.
    pub fn from_config(list: Option<&[String]>, listen: SocketAddr) -> Result<Self, String> {
        let mut entries = Vec::new();
        match list {
            Some(list) => {
                if list.is_empty() {
                    return Err("allowed_hosts: list at least one host name".into());
                }
                for text in list {
                    let entry = parse_entry(text).ok_or_else(|| {
                        format!("allowed_hosts: '{text}' is not a host or host:port like console.example.com or 10.0.0.5:8080")
                    })?;
                    entries.push(entry);
                }
            }
            None => {
                for name in DEFAULT_HOSTS {
                    entries.extend(parse_entry(name));
                }
                let ip = listen.ip();
                if !ip.is_unspecified() && !ip.is_loopback() {
                    entries.push(HostEntry {
                        name: ip_name(ip),
                        port: None,
                    });
                }
            }
        }
        Ok(AllowedHosts {
            entries,
            explicit: list.is_some(),
        })
    }

    /// The same names for the address actually listened on (`--listen`, `PORT`): the defaults
    /// follow it, a configured list stays as it is.
    pub fn for_listen(self, listen: SocketAddr) -> Self {
        if self.explicit {
            return self;
        }
        AllowedHosts::from_config(None, listen).unwrap_or(self)
    }

    /// Whether `authority` (`host` or `host:port`, as in a Host header) is allowed.
    pub fn allows(&self, authority: &str) -> bool {
        let Some(asked) = parse_entry(authority) else {
            return false;
        };
        self.entries
            .iter()
            .any(|e| e.name == asked.name && (e.port.is_none() || e.port == asked.port))
    }

    /// The names, as the config would list them (for messages).
    pub fn describe(&self) -> String {
        let names: Vec<String> = self
            .entries
            .iter()
            .map(|e| match e.port {
                Some(port) => format!("{}:{port}", e.name),
                None => e.name.clone(),
            })
            .collect();
        names.join(", ")
    }
}

/// The host the browser asked for: the request line's authority (absolute form) or the `Host`
/// header; `X-Forwarded-Host` only when the peer is the configured trusted proxy.
pub fn requested_host(
    uri: &Uri,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    trusted_proxy: Option<IpAddr>,
) -> Option<String> {
    let trusted = peer.is_some() && peer == trusted_proxy;
    if trusted {
        let forwarded = headers
            .get("x-forwarded-host")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(str::trim)
            .filter(|v| !v.is_empty());
        if let Some(host) = forwarded {
            return Some(host.to_string());
        }
    }
    if let Some(authority) = uri.authority() {
        return Some(authority.as_str().to_string());
    }
    headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The authority of an `Origin` (`http://host[:port]` or `https://host[:port]`); `None` for other
/// schemes, `null`, or anything malformed. Default ports are left out, as browsers do.
pub fn origin_authority(origin: &str) -> Option<String> {
    let (scheme, rest) = origin.split_once("://")?;
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let entry = parse_entry(rest)?;
    Some(match entry.port {
        Some(port) if port != default_port => format!("{}:{port}", entry.name),
        _ => entry.name,
    })
}

/// Whether two authorities name the same host and port (case-insensitive; a missing port equals
/// itself only).
pub fn same_authority(a: &str, b: &str) -> bool {
    match (parse_entry(a), parse_entry(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn ip_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

/// Parses `host`, `host:port`, `[v6]` or `[v6]:port`.
fn parse_entry(text: &str) -> Option<HostEntry> {
    let text = text.trim().to_ascii_lowercase();
    let (name, port) = if let Some(rest) = text.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        let ip: std::net::Ipv6Addr = inside.parse().ok()?;
        let port = match after {
            "" => None,
            p => Some(p.strip_prefix(':')?.parse::<u16>().ok()?),
        };
        (format!("[{ip}]"), port)
    } else {
        let (name, port) = match text.rsplit_once(':') {
            Some((name, port)) => (name.to_string(), Some(port.parse::<u16>().ok()?)),
            None => (text.clone(), None),
        };
        let name = name.strip_suffix('.').unwrap_or(&name).to_string();
        let valid = !name.is_empty()
            && name.len() <= 253
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !valid {
            return None;
        }
        (name, port)
    };
    Some(HostEntry { name, port })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listen() -> SocketAddr {
        "127.0.0.1:8080".parse().unwrap()
    }

    #[test]
    fn defaults_are_loopback_names_with_any_port() {
        let hosts = AllowedHosts::from_config(None, listen()).unwrap();
        for ok in [
            "localhost",
            "localhost:1",
            "127.0.0.1:8080",
            "[::1]:9",
            "[0:0::1]",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "127.0.0.2",
            "localhost.evil.example",
            "",
            "a b",
            "local host",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        let wide = AllowedHosts::from_config(None, "10.1.2.3:80".parse().unwrap()).unwrap();
        assert!(wide.allows("10.1.2.3:80"));
        let any = AllowedHosts::from_config(None, "0.0.0.0:80".parse().unwrap()).unwrap();
        assert!(!any.allows("0.0.0.0:80"));
    }

    #[test]
    fn configured_entries_may_pin_a_port() {
        let list = vec!["Console.Example.com".to_string(), "ops:8443".to_string()];
        let hosts = AllowedHosts::from_config(Some(&list), listen()).unwrap();
        assert!(hosts.allows("console.example.com:443") && hosts.allows("CONSOLE.example.com."));
        assert!(hosts.allows("ops:8443") && !hosts.allows("ops:8444") && !hosts.allows("ops"));
        assert!(!hosts.allows("localhost"));
        let bad = vec!["http://x".to_string()];
        assert!(AllowedHosts::from_config(Some(&bad), listen()).is_err());
        assert!(AllowedHosts::from_config(Some(&[]), listen()).is_err());
    }

    #[test]
    fn origins_keep_their_port_unless_it_is_the_default() {
        assert_eq!(
            origin_authority("https://a.example:443").as_deref(),
            Some("a.example")
        );
        assert_eq!(
            origin_authority("http://A.example:8080").as_deref(),
            Some("a.example:8080")
        );
        assert_eq!(origin_authority("ftp://a.example"), None);
        assert_eq!(origin_authority("null"), None);
    }

    #[test]
    fn forwarded_host_counts_only_from_the_trusted_peer() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        headers.insert("x-forwarded-host", "console.example.com".parse().unwrap());
        let uri: Uri = "/".parse().unwrap();
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        let host = |peer| requested_host(&uri, &headers, Some(peer), Some(proxy));
        assert_eq!(host(proxy).as_deref(), Some("console.example.com"));
        assert_eq!(host(other).as_deref(), Some("127.0.0.1:8080"));
        assert_eq!(
            requested_host(&uri, &headers, Some(other), None).as_deref(),
            Some("127.0.0.1:8080")
        );
    }
}
