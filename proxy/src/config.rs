//! The proxy's configuration: a TOML file (see `proxy/README.md`), checked and resolved at start.

use crate::access::config::{AccessConfig, RawAccess};
use crate::hosts::AllowedHosts;
use crate::secret::Secret;
use crate::upstream::Upstream;
use ipnet::IpNet;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The whole configuration, resolved: paths are absolute, secrets are loaded.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address the server listens on (before `--listen` / `PORT` overrides).
    pub listen: SocketAddr,
    /// Directory of the built console.
    pub dist: PathBuf,
    /// URL prefix everything is served under; starts and ends with `/`.
    pub base_path: String,
    /// Origins other than the proxy's own that may call `proxy/` (CORS); empty in most deployments.
    pub cors_origins: Vec<String>,
    /// Time-outs and size limits.
    pub limits: Limits,
    /// The clusters, in the order of the file.
    pub clusters: Vec<ClusterConfig>,
    /// Host names (Host header) the proxy answers to; others get 421.
    pub allowed_hosts: AllowedHosts,
    /// How the proxy's own users are authenticated (`[access]`).
    pub access: AccessConfig,
    /// Origins the console may call directly besides its own (the policy's `connect-src`).
    pub csp_connect_src: Vec<String>,
}

/// Time-outs and size limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time to open a TCP connection to an upstream.
    pub connect_timeout: Duration,
    /// Time an upstream may take to answer once the request body is sent (and the longest pause
    /// allowed while the body is being sent).
    pub request_timeout: Duration,
    /// Largest request body accepted.
    pub max_body_bytes: u64,
    /// Request bodies up to this size are kept in memory so they can be re-sent (redirect, failover,
    /// new login); larger ones stream and are re-sent only if the upstream answered before reading them.
    pub replay_buffer_bytes: u64,
    /// How long to wait for `100 Continue` before sending a body anyway (as curl does).
    pub expect_continue_timeout: Duration,
    /// How long a list of nodes reported by a cluster is trusted.
    pub discovery_ttl: Duration,
    /// How often `optional` clusters are checked.
    pub health_interval: Duration,
    /// Longest pause while reading a client's request headers or body (408 for a body).
    pub request_body_timeout: Duration,
    /// Longest pause in an upstream's response body once its headers came; then the response is cut.
    pub upstream_idle_timeout: Duration,
    /// Largest body the proxy holds in memory: node lists, login answers, the replay buffer.
    pub max_buffered_bytes: u64,
    /// Connections served at once; more wait until one closes.
    pub max_connections: usize,
    /// After SIGTERM / Ctrl-C, how long open connections may finish before they are dropped.
    pub shutdown_grace: Duration,
    /// A cluster's node lists are fetched at most this often (a fresh list lacking a node, or a
    /// failed fetch, waits this long before the next one).
    pub discovery_min_refetch: Duration,
}

/// A system the console and the proxy know: its entry of the shared catalog (id, roles, auth).
pub type System = &'static switchboard_catalog::SystemMeta;

/// Credentials the proxy adds to every request it forwards to a cluster.
#[derive(Debug, Clone)]
pub enum Auth {
    /// Nothing is added; an `Authorization` header from the browser passes through.
    None,
    /// HTTP Basic.
    Basic {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// CockroachDB: log in at `/api/v2/login/` and send `X-Cockroach-API-Session`.
    CockroachLogin {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
}

impl Auth {
    /// The word `clusters.json` uses for it.
    pub fn kind(&self) -> &'static str {
        match self {
            Auth::None => "none",
            Auth::Basic { .. } => "basic",
            Auth::CockroachLogin { .. } => "session",
        }
    }
}

/// One cluster of the config.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Name used in URLs.
    pub name: String,
    /// Its system.
    pub system: System,
    /// Whether nodes the cluster reports (but the config does not list) may be reached.
    pub discovery: bool,
    /// Whether the cluster is left out of `clusters.json` while it does not answer.
    pub optional: bool,
    /// Upstreams per role (`router`, `node`, `fe`, `be`, ...), in the order of the file.
    pub roles: BTreeMap<String, Vec<Upstream>>,
    /// Credentials added by the proxy.
    pub auth: Auth,
    /// Extra certificate authorities trusted for this cluster's https upstreams (`ca_file`).
    pub ca_certs: Vec<CertificateDer<'static>>,
    /// Networks reported nodes must be on (`allowed_networks`); `None`: the addresses of the
    /// configured upstreams.
    pub allowed_networks: Option<Vec<IpNet>>,
    /// A short tag the console shows beside the name (`simulated`, `production`, ...).
    pub tag: Option<String>,
    /// One line the console shows under the name: what this cluster is.
    pub description: Option<String>,
}

impl ClusterConfig {
    /// Every configured upstream of the cluster.
    pub fn all_upstreams(&self) -> impl Iterator<Item = &Upstream> {
        self.roles.values().flatten()
    }

    /// Whether nodes addressed as `<prefix>:<host>:<port>` speak https: as the configured
    /// upstreams of those roles do (node lists first), else as the cluster's primary upstream does.
    pub fn node_tls(&self, prefix: &str) -> bool {
        let of_prefix = |list: bool| {
            self.system
                .roles_with_prefix(prefix)
                .filter(|r| r.list == list)
                .filter_map(|r| self.roles.get(r.name))
                .flatten()
                .next()
        };
        let primary = || {
            self.system
                .primary_roles()
                .filter_map(|r| self.roles.get(r.name))
                .flatten()
                .next()
        };
        of_prefix(true)
            .or_else(|| of_prefix(false))
            .or_else(primary)
            .or_else(|| self.all_upstreams().next())
            .is_some_and(|u| u.tls)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    listen: Option<String>,
    dist: Option<String>,
    base_path: Option<String>,
    #[serde(default)]
    cors_origins: Vec<String>,
    #[serde(default)]
    limits: RawLimits,
    #[serde(default)]
    clusters: Vec<RawCluster>,
    allowed_hosts: Option<Vec<String>>,
    access: Option<RawAccess>,
    #[serde(default)]
    csp_connect_src: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
struct RawLimits {
    connect_timeout_ms: u64,
    request_timeout_ms: u64,
    max_body_bytes: u64,
    replay_buffer_bytes: u64,
    expect_continue_timeout_ms: u64,
    discovery_ttl_ms: u64,
    health_interval_ms: u64,
    request_body_timeout_ms: u64,
    upstream_idle_timeout_ms: u64,
    max_buffered_bytes: u64,
    max_connections: usize,
    shutdown_grace_ms: u64,
    discovery_min_refetch_ms: u64,
}

impl Default for RawLimits {
    fn default() -> Self {
        RawLimits {
            connect_timeout_ms: 3_000,
            request_timeout_ms: 60_000,
            max_body_bytes: 1 << 30,
            replay_buffer_bytes: 64 * 1024,
            expect_continue_timeout_ms: 1_000,
            discovery_ttl_ms: 30_000,
            health_interval_ms: 30_000,
            request_body_timeout_ms: 30_000,
            upstream_idle_timeout_ms: 60_000,
            max_buffered_bytes: 8 * 1024 * 1024,
            max_connections: 512,
            shutdown_grace_ms: 10_000,
            discovery_min_refetch_ms: 5_000,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCluster {
    name: String,
    system: String,
    #[serde(default)]
    discovery: bool,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    targets: BTreeMap<String, OneOrMany>,
    auth: Option<RawAuth>,
    ca_file: Option<String>,
    allowed_networks: Option<Vec<String>>,
    tag: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum RawAuth {
    Basic(RawCredentials),
    CockroachLogin(RawCredentials),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredentials {
    username: String,
    password_env: Option<String>,
    password_file: Option<String>,
}

impl Config {
    /// Reads and checks a config file; relative paths in it are relative to the file's folder.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        Config::parse(&text, &dir).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parses config text; relative paths in it are taken relative to `dir`.
    pub fn parse(text: &str, dir: &Path) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| e.to_string())?;
        let listen_text = raw.listen.as_deref().unwrap_or("127.0.0.1:8080");
        let listen = listen_text.parse().map_err(|_| {
            format!("listen: '{listen_text}' is not an address like 127.0.0.1:8080")
        })?;
        let dist = dir.join(raw.dist.as_deref().unwrap_or("dist"));
        let base_path = normalise_base_path(raw.base_path.as_deref().unwrap_or("/"))?;
        let l = raw.limits;
        let limits = Limits {
            connect_timeout: Duration::from_millis(l.connect_timeout_ms),
            request_timeout: Duration::from_millis(l.request_timeout_ms),
            max_body_bytes: l.max_body_bytes,
            replay_buffer_bytes: l.replay_buffer_bytes.min(l.max_buffered_bytes),
            expect_continue_timeout: Duration::from_millis(l.expect_continue_timeout_ms),
            discovery_ttl: Duration::from_millis(l.discovery_ttl_ms),
            health_interval: Duration::from_millis(l.health_interval_ms.max(1_000)),
            request_body_timeout: Duration::from_millis(l.request_body_timeout_ms.max(1)),
            upstream_idle_timeout: Duration::from_millis(l.upstream_idle_timeout_ms.max(1)),
            max_buffered_bytes: l.max_buffered_bytes,
            max_connections: l.max_connections.max(1),
            shutdown_grace: Duration::from_millis(l.shutdown_grace_ms),
            discovery_min_refetch: Duration::from_millis(l.discovery_min_refetch_ms),
        };
        let mut clusters: Vec<ClusterConfig> = Vec::new();
        for raw_cluster in raw.clusters {
            let name = raw_cluster.name.clone();
            let cluster =
                resolve_cluster(raw_cluster, dir).map_err(|e| format!("cluster '{name}': {e}"))?;
            if clusters.iter().any(|c| c.name == cluster.name) {
                return Err(format!("cluster '{}' is named twice", cluster.name));
            }
            clusters.push(cluster);
        }
        for origin in &raw.cors_origins {
            if !(origin.starts_with("http://") || origin.starts_with("https://"))
                || origin.ends_with('/')
            {
                return Err(format!(
                    "cors_origins: '{origin}' is not an origin like https://console.example.com"
                ));
            }
        }
        let allowed_hosts = AllowedHosts::from_config(raw.allowed_hosts.as_deref(), listen)?;
        let access = AccessConfig::from_raw(raw.access, dir)?;
        crate::security_headers::check_connect_src(&raw.csp_connect_src)?;
        Ok(Config {
            listen,
            dist,
            base_path,
            cors_origins: raw.cors_origins,
            limits,
            clusters,
            allowed_hosts,
            access,
            csp_connect_src: raw.csp_connect_src,
        })
    }
}

fn normalise_base_path(text: &str) -> Result<String, String> {
    let mut base = text.trim().to_string();
    if !base.starts_with('/') {
        base.insert(0, '/');
    }
    if !base.ends_with('/') {
        base.push('/');
    }
    let ok = base.split('/').all(|seg| {
        seg != "."
            && seg != ".."
            && seg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    });
    if !ok || base.contains("//") {
        return Err(format!(
            "base_path: '{text}' must be a plain path like /console/"
        ));
    }
    Ok(base)
}

/// Whether a cluster name can be used in a URL segment as it is.
pub fn is_valid_cluster_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && name != "."
        && name != ".."
}

fn resolve_cluster(raw: RawCluster, dir: &Path) -> Result<ClusterConfig, String> {
    if !is_valid_cluster_name(&raw.name) {
        return Err("the name may contain only letters, digits, '-', '_' and '.'".into());
    }
    let system = switchboard_catalog::find(&raw.system).ok_or_else(|| {
        let known: Vec<&str> = switchboard_catalog::ALL.iter().map(|s| s.id).collect();
        format!("unknown system '{}' ({})", raw.system, known.join(", "))
    })?;
    let mut roles = BTreeMap::new();
    for (role, urls) in raw.targets {
        if system.role(&role).is_none() {
            let known: Vec<&str> = system.roles.iter().map(|r| r.name).collect();
            return Err(format!(
                "unknown target '{role}' for {} (known: {})",
                system.id,
                known.join(", ")
            ));
        }
        let urls = match urls {
            OneOrMany::One(u) => vec![u],
            OneOrMany::Many(list) => list,
        };
        let parsed = urls
            .iter()
            .map(|u| Upstream::parse(u).map_err(|e| format!("targets.{role}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        if !parsed.is_empty() {
            roles.insert(role, parsed);
        }
    }
    let primary: Vec<&str> = system.primary_roles().map(|r| r.name).collect();
    if !primary.iter().any(|r| roles.contains_key(*r)) {
        return Err(match primary.as_slice() {
            [one] => format!("targets.{one} is required"),
            many => format!("at least one of targets.{} is required", many.join(", ")),
        });
    }
    let auth = match raw.auth {
        None => Auth::None,
        Some(RawAuth::Basic(c)) => {
            let password = load_password(&c, dir)?;
            Auth::Basic {
                username: c.username,
                password,
            }
        }
        Some(RawAuth::CockroachLogin(c)) => {
            if system.auth != switchboard_catalog::AuthKind::Session {
                let session: Vec<&str> = switchboard_catalog::ALL
                    .iter()
                    .filter(|s| s.auth == switchboard_catalog::AuthKind::Session)
                    .map(|s| s.id)
                    .collect();
                return Err(format!(
                    "auth.cockroach_login is only for system = \"{}\"",
                    session.join("\" or \"")
                ));
            }
            let password = load_password(&c, dir)?;
            Auth::CockroachLogin {
                username: c.username,
                password,
            }
        }
    };
    let ca_certs = match &raw.ca_file {
        Some(file) => load_ca_file(&dir.join(file))?,
        None => Vec::new(),
    };
    let allowed_networks = raw
        .allowed_networks
        .map(|list| list.iter().map(|n| parse_network(n)).collect())
        .transpose()?;
    let tag = shown_text(&raw.name, "tag", raw.tag, 24)?;
    let description = shown_text(&raw.name, "description", raw.description, 200)?;
    Ok(ClusterConfig {
        name: raw.name,
        system,
        discovery: raw.discovery,
        optional: raw.optional,
        roles,
        auth,
        ca_certs,
        allowed_networks,
        tag,
        description,
    })
}

/// A text the console shows as it is (`tag`, `description`): one line of at most `max` characters;
/// empty is the same as absent.
fn shown_text(
    cluster: &str,
    field: &str,
    text: Option<String>,
    max: usize,
) -> Result<Option<String>, String> {
    let Some(text) = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().any(char::is_control) {
        return Err(format!(
            "cluster '{cluster}': {field} must be one line without control characters"
        ));
    }
    if text.chars().count() > max {
        return Err(format!(
            "cluster '{cluster}': {field} is longer than {max} characters"
        ));
    }
    Ok(Some(text))
}

/// A CIDR network (`10.0.0.0/8`, `fd00::/8`) or a single address (taken as /32 or /128).
fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("allowed_networks: '{text}' is not a network like 10.0.0.0/8"))
}

fn load_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let shown = path.display();
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| format!("ca_file: cannot read {shown}: {e}"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("ca_file: {shown} is not PEM: {e}"))?;
    if certs.is_empty() {
        return Err(format!("ca_file: {shown} holds no certificate"));
    }
    Ok(certs)
}

fn load_password(c: &RawCredentials, dir: &Path) -> Result<Secret, String> {
    if c.username.contains(':') {
        return Err("auth: the user name must not contain ':'".into());
    }
    match (&c.password_env, &c.password_file) {
        (Some(_), Some(_)) => Err("auth: give password_env or password_file, not both".into()),
        (Some(var), None) => Secret::from_env(var)
            .map_err(|e| format!("auth: {e} (password of user '{}')", c.username)),
        (None, Some(file)) => Secret::from_file(&dir.join(file)).map_err(|e| format!("auth: {e}")),
        (None, None) => Ok(Secret::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("/etc/sb"))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("").unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base_path, "/");
        assert_eq!(c.dist, Path::new("/etc/sb/dist"));
        assert_eq!(c.limits.max_body_bytes, 1 << 30);
    }

    #[test]
    fn reads_clusters_targets_and_auth() {
        std::env::set_var("SB_CONFIG_TEST_PW", "s3cret");
        let c = parse(
            r#"
            base_path = "console"
            [[clusters]]
            name = "sr"
            system = "starrocks"
            discovery = true
            [clusters.targets]
            fe = "http://127.0.0.1:8030"
            be = ["http://127.0.0.1:8040", "http://127.0.0.1:8041/"]
            [clusters.auth]
            basic = { username = "root", password_env = "SB_CONFIG_TEST_PW" }
            "#,
        )
        .unwrap();
        assert_eq!(c.base_path, "/console/");
        let sr = &c.clusters[0];
        assert!(sr.discovery);
        assert_eq!(sr.roles["be"].len(), 2);
        match &sr.auth {
            Auth::Basic { username, password } => {
                assert_eq!(username, "root");
                assert_eq!(password.expose(), "s3cret");
            }
            other => panic!("unexpected auth {other:?}"),
        }
    }

    #[test]
    fn rejects_mistakes_with_a_clear_message() {
        let err = parse("[[clusters]]\nname='x'\nsystem='flink'\n").unwrap_err();
        assert!(err.contains("targets.jobmanager is required"), "{err}");
        let err =
            parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://u:p@h:1'}")
                .unwrap_err();
        assert!(err.contains("user name or password"), "{err}");
        let err = parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://h:1', broker='http://h:2'}")
            .unwrap_err();
        assert!(err.contains("unknown target 'broker'"), "{err}");
        let err = parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://h:1'}\nauth={basic={username='u', password_env='SB_SURELY_UNSET_VAR'}}").unwrap_err();
        assert!(err.contains("SB_SURELY_UNSET_VAR is not set"), "{err}");
        let err = parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://h:1'}\nallowed_networks=['10.0.0.0/33']").unwrap_err();
        assert!(err.contains("allowed_networks: '10.0.0.0/33'"), "{err}");
        let err = parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://h:1'}\ndescription=\"a\\nb\"").unwrap_err();
        assert!(err.contains("description must be one line"), "{err}");
        let err = parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://h:1'}\ntag='a very long tag that goes on and on'").unwrap_err();
        assert!(err.contains("tag is longer than 24"), "{err}");
        let ok = parse("[[clusters]]\nname='x'\nsystem='flink'\ntargets={jobmanager='http://h:1'}\ntag=' real '\ndescription=''").unwrap();
        assert_eq!(ok.clusters[0].tag.as_deref(), Some("real"));
        assert_eq!(ok.clusters[0].description, None);
        let err = parse("colour = 'blue'").unwrap_err();
        assert!(err.contains("colour"), "{err}");
        let err = parse("base_path = '/a/../b/'").unwrap_err();
        assert!(err.contains("base_path"), "{err}");
    }
}
