//! Command line: `switchboard-proxy CONFIG [--listen ADDR] [--without CLUSTER]... [--check]`.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The usage text.
pub const USAGE: &str =
    "usage: switchboard-proxy CONFIG.toml [--listen ADDR] [--without CLUSTER]... [--check]

  CONFIG.toml         the proxy's config (see proxy/README.md)
  --listen ADDR       listen on ADDR (e.g. 0.0.0.0:8080) instead of the config's `listen`
  --without CLUSTER   leave out the named cluster (repeatable), e.g. a Flink that is not running
  --check             check the config, print clusters.json and exit
environment:
  PORT                replaces the port of the config's `listen` (not of --listen)
";

/// Parsed arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Path of the config file.
    pub config: PathBuf,
    /// `--listen`.
    pub listen: Option<SocketAddr>,
    /// `--without`, in order.
    pub without: Vec<String>,
    /// `--check`.
    pub check: bool,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run (or check) with these arguments.
    Run(Args),
    /// Print the usage.
    Help,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut config = None;
    let mut listen = None;
    let mut without = Vec::new();
    let mut check = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--check" => check = true,
            "--listen" => {
                let value = args.next().ok_or("--listen needs an address")?;
                listen = Some(value.parse().map_err(|_| {
                    format!("--listen: '{value}' is not an address like 127.0.0.1:8080")
                })?);
            }
            "--without" => without.push(args.next().ok_or("--without needs a cluster name")?),
            flag if flag.starts_with("--listen=") => {
                let value = &flag["--listen=".len()..];
                listen = Some(value.parse().map_err(|_| {
                    format!("--listen: '{value}' is not an address like 127.0.0.1:8080")
                })?);
            }
            flag if flag.starts_with("--without=") => {
                without.push(flag["--without=".len()..].to_string())
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            path if config.is_none() => config = Some(PathBuf::from(path)),
            extra => return Err(format!("unexpected argument {extra}")),
        }
    }
    let config = config.ok_or("the config file is missing")?;
    Ok(Command::Run(Args {
        config,
        listen,
        without,
        check,
    }))
}

/// The address to listen on: `--listen`, else the config's with `PORT` as its port if set.
pub fn listen_address(
    configured: SocketAddr,
    flag: Option<SocketAddr>,
    port_env: Option<&str>,
) -> Result<SocketAddr, String> {
    if let Some(addr) = flag {
        return Ok(addr);
    }
    match port_env.map(str::trim).filter(|p| !p.is_empty()) {
        Some(port) => {
            let port: u16 = port
                .parse()
                .map_err(|_| format!("PORT: '{port}' is not a port number"))?;
            Ok(SocketAddr::new(configured.ip(), port))
        }
        None => Ok(configured),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn parses_flags() {
        let Ok(Command::Run(a)) = run(&[
            "demo/proxy.toml",
            "--without",
            "demo-flink",
            "--listen",
            "0.0.0.0:9000",
        ]) else {
            panic!()
        };
        assert_eq!(a.config, PathBuf::from("demo/proxy.toml"));
        assert_eq!(a.without, vec!["demo-flink"]);
        assert_eq!(a.listen, Some("0.0.0.0:9000".parse().unwrap()));
        assert!(run(&[]).is_err());
        assert!(run(&["a", "--bogus"]).is_err());
        assert_eq!(run(&["--help"]), Ok(Command::Help));
    }

    #[test]
    fn port_env_replaces_the_configured_port_only() {
        let configured: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(
            listen_address(configured, None, Some("9999"))
                .unwrap()
                .to_string(),
            "127.0.0.1:9999"
        );
        let flag = Some("0.0.0.0:7000".parse().unwrap());
        assert_eq!(
            listen_address(configured, flag, Some("9999"))
                .unwrap()
                .to_string(),
            "0.0.0.0:7000"
        );
        assert!(listen_address(configured, None, Some("http")).is_err());
    }
}
