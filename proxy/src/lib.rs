//! Switchboard's proxy: serves the built console and forwards
//! `<base>proxy/<cluster>/<target>/<path>` to the upstreams named in its config, adding the
//! credentials it holds. See `proxy/README.md` for the config format.

pub mod access;
pub mod access_log;
pub mod answers;
pub mod auth;
pub mod cli;
pub mod client;
pub mod clusters_json;
pub mod config;
pub mod connections;
pub mod discovery;
pub mod health;
pub mod hosts;
pub mod node_policy;
pub mod proxy;
pub mod secret;
pub mod security_headers;
pub mod server;
pub mod state;
pub mod static_files;
pub mod upstream;

pub use config::Config;
pub use state::AppState;
