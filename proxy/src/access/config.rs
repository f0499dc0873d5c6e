//! The `[access]` section: how the proxy's own users prove who they are.

use super::users::Users;
use crate::secret::Secret;
use http::HeaderName;
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;

/// How a request to the proxy is authenticated.
#[derive(Debug, Clone)]
pub enum AccessMode {
    /// Everyone who can reach the listen address may use it.
    None,
    /// A shared token: `Authorization: Bearer <token>` or the `switchboard_token` cookie set by
    /// the login page.
    Token(Secret),
    /// HTTP Basic against a file of user names and Argon2 password hashes.
    Basic(Arc<Users>),
    /// A reverse proxy in front (SSO) names the user in this header; only from `trusted_proxy`.
    TrustedHeader(HeaderName),
}

impl AccessMode {
    /// The word the config and the start log use.
    pub fn name(&self) -> &'static str {
        match self {
            AccessMode::None => "none",
            AccessMode::Token(_) => "token",
            AccessMode::Basic(_) => "basic",
            AccessMode::TrustedHeader(_) => "trusted-header",
        }
    }
}

/// The resolved `[access]` section.
#[derive(Debug, Clone)]
pub struct AccessConfig {
    /// The mode.
    pub mode: AccessMode,
    /// Whether the config wrote the mode (a written `mode = "none"` may listen beyond loopback).
    pub explicit: bool,
    /// The one peer address whose `X-Forwarded-Host` (and, in trusted-header mode, user header) is
    /// believed.
    pub trusted_proxy: Option<IpAddr>,
}

impl Default for AccessConfig {
    fn default() -> Self {
        AccessConfig {
            mode: AccessMode::None,
            explicit: false,
            trusted_proxy: None,
        }
    }
}

/// `[access]` as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawAccess {
    mode: Option<String>,
    token_env: Option<String>,
    users_file: Option<String>,
    trusted_header: Option<String>,
    trusted_proxy: Option<String>,
}

/// Shortest token accepted: guessing must stay hopeless even without rate limits.
const MIN_TOKEN_LEN: usize = 16;
/// Where the token is read from when `token_env` is not given.
const DEFAULT_TOKEN_ENV: &str = "SWITCHBOARD_ACCESS_TOKEN";

impl AccessConfig {
    /// Checks and loads the section (`None` when the config has none); paths relative to `dir`.
    pub fn from_raw(raw: Option<RawAccess>, dir: &Path) -> Result<Self, String> {
        let Some(raw) = raw else {
            return Ok(AccessConfig::default());
        };
        let trusted_proxy = match &raw.trusted_proxy {
            Some(text) => Some(text.trim().parse::<IpAddr>().map_err(|_| {
                format!("access.trusted_proxy: '{text}' is not an IP address like 127.0.0.1")
            })?),
            None => None,
        };
        let mode_name = raw.mode.as_deref().ok_or(
            "access.mode is required: \"none\", \"token\", \"basic\" or \"trusted-header\"",
        )?;
        let unused = |key: &str, value: &Option<String>| match value {
            Some(_) => Err(format!(
                "access.{key} does not apply to mode = \"{mode_name}\""
            )),
            None => Ok(()),
        };
        let mode = match mode_name {
            "none" => {
                unused("token_env", &raw.token_env)?;
                unused("users_file", &raw.users_file)?;
                unused("trusted_header", &raw.trusted_header)?;
                AccessMode::None
            }
            "token" => {
                unused("users_file", &raw.users_file)?;
                unused("trusted_header", &raw.trusted_header)?;
                let var = raw.token_env.as_deref().unwrap_or(DEFAULT_TOKEN_ENV);
                AccessMode::Token(load_token(var)?)
            }
            "basic" => {
                unused("token_env", &raw.token_env)?;
                unused("trusted_header", &raw.trusted_header)?;
                let file = raw
                    .users_file
                    .as_deref()
                    .ok_or("access.users_file is required for mode = \"basic\"")?;
                let users =
                    Users::load(&dir.join(file)).map_err(|e| format!("access.users_file: {e}"))?;
                AccessMode::Basic(Arc::new(users))
            }
            "trusted-header" => {
                unused("token_env", &raw.token_env)?;
                unused("users_file", &raw.users_file)?;
                let text = raw.trusted_header.as_deref().unwrap_or("X-Forwarded-User");
                let header = HeaderName::from_bytes(text.as_bytes())
                    .map_err(|_| format!("access.trusted_header: '{text}' is not a header name"))?;
                if trusted_proxy.is_none() {
                    return Err("access.trusted_proxy is required for mode = \"trusted-header\": the address of the reverse proxy that sets the header".into());
                }
                AccessMode::TrustedHeader(header)
            }
            other => {
                return Err(format!(
                    "access.mode: unknown mode '{other}' (none, token, basic, trusted-header)"
                ))
            }
        };
        Ok(AccessConfig {
            mode,
            explicit: true,
            trusted_proxy,
        })
    }

    /// Whether the proxy may start listening on `listen`: with no authentication only on a
    /// loopback address, unless the config says `mode = "none"` itself. `Ok(Some(..))` is a
    /// warning to print.
    pub fn check_listen(&self, listen: SocketAddr) -> Result<Option<String>, String> {
        if !matches!(self.mode, AccessMode::None) || listen.ip().is_loopback() {
            return Ok(None);
        }
        if self.explicit {
            return Ok(Some(format!(
                "WARNING: access mode is \"none\" and the proxy listens on {listen}: everyone who can reach that address can use every cluster with the proxy's credentials"
            )));
        }
        Err(format!(
            "refusing to listen on {listen} without authentication: add an [access] section (mode = \"token\", \"basic\" or \"trusted-header\"), listen on a loopback address, or write mode = \"none\" to accept the risk"
        ))
    }
}

fn load_token(var: &str) -> Result<Secret, String> {
    let token = Secret::from_env(var).map_err(|e| format!("access.token_env: {e}"))?;
    let value = token.expose();
    if value.len() < MIN_TOKEN_LEN {
        return Err(format!(
            "access.token_env: the token in {var} must have at least {MIN_TOKEN_LEN} characters"
        ));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b))
    {
        return Err(format!(
            "access.token_env: the token in {var} may contain only letters, digits and - . _ ~ + / ="
        ));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<AccessConfig, String> {
        let raw: RawAccess = toml::from_str(text).map_err(|e| e.to_string())?;
        AccessConfig::from_raw(Some(raw), Path::new("/nonexistent"))
    }

    #[test]
    fn no_authentication_is_refused_beyond_loopback_unless_written() {
        let absent = AccessConfig::default();
        assert_eq!(
            absent.check_listen("127.0.0.1:8080".parse().unwrap()),
            Ok(None)
        );
        assert_eq!(absent.check_listen("[::1]:8080".parse().unwrap()), Ok(None));
        let err = absent
            .check_listen("0.0.0.0:8080".parse().unwrap())
            .unwrap_err();
        assert!(err.contains("refusing to listen on 0.0.0.0:8080"), "{err}");
        let written = parse("mode = 'none'").unwrap();
        let warning = written
            .check_listen("0.0.0.0:8080".parse().unwrap())
            .unwrap()
            .unwrap();
        assert!(warning.contains("WARNING"), "{warning}");
    }

    #[test]
    fn each_mode_checks_what_it_needs() {
        let err = parse("mode = 'trusted-header'").unwrap_err();
        assert!(err.contains("trusted_proxy is required"), "{err}");
        let err = parse("mode = 'token'\ntoken_env = 'SB_ACCESS_SURELY_UNSET'").unwrap_err();
        assert!(err.contains("SB_ACCESS_SURELY_UNSET is not set"), "{err}");
        std::env::set_var("SB_ACCESS_SHORT_TOKEN", "short");
        let err = parse("mode = 'token'\ntoken_env = 'SB_ACCESS_SHORT_TOKEN'").unwrap_err();
        assert!(err.contains("at least 16"), "{err}");
        let err = parse("mode = 'basic'").unwrap_err();
        assert!(err.contains("users_file is required"), "{err}");
        let err = parse("mode = 'token'\nusers_file = 'u'").unwrap_err();
        assert!(err.contains("does not apply"), "{err}");
        let err = parse("mode = 'open'").unwrap_err();
        assert!(err.contains("unknown mode 'open'"), "{err}");
        let err = parse("trusted_proxy = 'proxy.local'\nmode='none'").unwrap_err();
        assert!(err.contains("not an IP address"), "{err}");
        let ok = parse("mode = 'trusted-header'\ntrusted_proxy = '10.0.0.1'").unwrap();
        assert_eq!(ok.mode.name(), "trusted-header");
    }
}
