//! Which addresses a node the cluster reported (or redirected to) may have before the proxy sends
//! it anything, credentials included.
//!
//! Always refused, whatever `allowed_networks` says: link-local addresses (169.254.0.0/16,
//! fe80::/10, which hold the cloud metadata services), the metadata addresses themselves
//! (169.254.169.254, fd00:ec2::254, 100.100.100.200), unspecified, broadcast and multicast
//! addresses. Loopback only when an allowed network is itself a loopback network.
//!
//! Otherwise a node must be on an allowed network: the cluster's `allowed_networks`, or by default
//! the literal addresses of its configured upstreams (each as a /32 or /128). A host name is
//! allowed as it is when it is the host of a configured upstream; any other name is resolved (only
//! when `allowed_networks` is set) and every address it resolves to must be allowed.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

/// The addresses of cloud metadata services (AWS, GCP, Azure, Alibaba, AWS over IPv6).
const METADATA: [IpAddr; 3] = [
    IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
    IpAddr::V4(Ipv4Addr::new(100, 100, 100, 200)),
    IpAddr::V6(Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254)),
];

/// How long resolving a reported host name may take.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(2);

/// The networks a cluster's reported nodes must be on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePolicy {
    networks: Vec<IpNet>,
    configured_names: Vec<String>,
    explicit: bool,
}

impl NodePolicy {
    /// The policy for a cluster whose configured upstreams have `hosts`; `allowed_networks` is the
    /// cluster's setting (`None`: the configured upstreams' own addresses).
    pub fn new<'a>(
        hosts: impl IntoIterator<Item = &'a str>,
        allowed_networks: Option<&[IpNet]>,
    ) -> Self {
        let mut networks = Vec::new();
        let mut configured_names = Vec::new();
        for host in hosts {
            match literal_ip(host) {
                Some(ip) => networks.push(IpNet::from(ip)),
                None => configured_names.push(host.to_ascii_lowercase()),
            }
        }
        let explicit = allowed_networks.is_some();
        if let Some(list) = allowed_networks {
            networks = list.to_vec();
        }
        NodePolicy {
            networks,
            configured_names,
            explicit,
        }
    }

    /// `Ok` if a node on `host` (as in a URL: lower-case, IPv6 in brackets) may be reached;
    /// otherwise a sentence naming the address and why it is refused.
    pub async fn check(&self, host: &str) -> Result<(), String> {
        if let Some(ip) = literal_ip(host) {
            return self.check_ip(ip);
        }
        if self.configured_names.iter().any(|n| n == host) {
            return Ok(());
        }
        if !self.explicit {
            return Err(format!(
                "{host} is not the address of a configured upstream (set allowed_networks to allow more)"
            ));
        }
        let lookup = tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((host, 0)));
        let addresses: Vec<IpAddr> = match lookup.await {
            Ok(Ok(found)) => found.map(|a| a.ip()).collect(),
            Ok(Err(e)) => return Err(format!("{host} cannot be resolved: {e}")),
            Err(_) => return Err(format!("{host} could not be resolved in time")),
        };
        if addresses.is_empty() {
            return Err(format!("{host} resolves to no address"));
        }
        for ip in addresses {
            self.check_ip(ip)
                .map_err(|why| format!("{host} resolves to {why}"))?;
        }
        Ok(())
    }

    fn check_ip(&self, ip: IpAddr) -> Result<(), String> {
        let ip = ip.to_canonical();
        if let Some(why) = never_reached(ip) {
            return Err(format!("{ip}, {why}, which is never reached"));
        }
        let allowed = self
            .networks
            .iter()
            .any(|net| net.contains(&ip) && (!ip.is_loopback() || net.network().is_loopback()));
        if allowed {
            return Ok(());
        }
        Err(if self.explicit {
            format!("{ip}, which is not in allowed_networks")
        } else {
            format!("{ip}, which is not the address of a configured upstream (set allowed_networks to allow more)")
        })
    }
}

/// The address in `host` if it is an IP literal (`10.0.0.1`, `[::1]`).
fn literal_ip(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// Why an address is refused whatever the configuration says, if it is.
fn never_reached(ip: IpAddr) -> Option<&'static str> {
    if METADATA.contains(&ip) {
        return Some("a cloud metadata address");
    }
    if ip.is_unspecified() {
        return Some("an unspecified address");
    }
    if ip.is_multicast() {
        return Some("a multicast address");
    }
    match ip {
        IpAddr::V4(v4) if v4.is_link_local() => Some("a link-local address"),
        IpAddr::V4(v4) if v4.is_broadcast() => Some("the broadcast address"),
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => Some("a link-local address"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[tokio::test]
    async fn by_default_only_the_configured_addresses_are_allowed() {
        let policy = NodePolicy::new(["127.0.0.1", "fe.internal", "[::1]"], None);
        assert_eq!(policy.check("127.0.0.1").await, Ok(()));
        assert_eq!(policy.check("[::1]").await, Ok(()));
        assert_eq!(policy.check("fe.internal").await, Ok(()));
        let err = policy.check("127.0.0.2").await.unwrap_err();
        assert!(
            err.contains("127.0.0.2") && err.contains("configured"),
            "{err}"
        );
        assert!(policy.check("localhost").await.is_err());
        assert!(policy.check("10.0.0.1").await.is_err());
    }

    #[tokio::test]
    async fn some_addresses_are_never_reached_whatever_the_list_says() {
        let everything = nets(&["0.0.0.0/0", "::/0"]);
        let policy = NodePolicy::new([], Some(&everything));
        assert_eq!(policy.check("10.1.2.3").await, Ok(()));
        for (host, why) in [
            ("169.254.169.254", "metadata"),
            ("100.100.100.200", "metadata"),
            ("[fd00:ec2::254]", "metadata"),
            ("169.254.10.1", "link-local"),
            ("[fe80::1]", "link-local"),
            ("[::ffff:169.254.169.254]", "metadata"),
            ("0.0.0.0", "unspecified"),
            ("255.255.255.255", "broadcast"),
            ("224.0.0.1", "multicast"),
            ("127.0.0.1", "not in allowed_networks"),
        ] {
            let err = policy.check(host).await.unwrap_err();
            assert!(err.contains(why), "{host}: {err}");
        }
    }

    #[tokio::test]
    async fn listed_networks_replace_the_default_and_names_are_resolved() {
        let policy = NodePolicy::new(["127.0.0.1"], Some(&nets(&["10.0.0.0/8", "127.0.0.0/8"])));
        assert_eq!(policy.check("10.200.0.1").await, Ok(()));
        assert_eq!(policy.check("127.0.0.5").await, Ok(()));
        assert!(policy.check("192.168.0.1").await.is_err());
        let localhost = policy.check("localhost").await;
        assert!(
            localhost.as_ref().is_ok_and(|_| true)
                || localhost.as_ref().unwrap_err().contains("::1"),
            "{localhost:?}"
        );
    }
}
