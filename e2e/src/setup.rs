//! Where the services under test are, as `scripts/e2e.sh` exports them.

use std::path::PathBuf;

/// The addresses and paths the tests need.
#[derive(Clone, Debug)]
pub struct Setup {
    /// The console served by the proxy at `/`, ending with `/` (`http://127.0.0.1:38600/`).
    pub app_url: String,
    /// The console served by a second proxy under `/console/`, ending with `/`.
    pub subpath_url: String,
    /// The console served by a third proxy whose only cluster, `login-cockroach`, has no
    /// credentials in its config (the console logs in itself), ending with `/`.
    pub login_url: String,
    /// Chromedriver's URL.
    pub webdriver_url: String,
    /// The Chromium binary.
    pub chromium: String,
    /// The simulators' admin API (`http://127.0.0.1:<port base>`).
    pub sim_admin_url: String,
    /// The simulators' port base.
    pub sim_port_base: u16,
    /// The real Flink cluster's REST URL (no trailing `/`).
    pub flink_url: String,
    /// Where screenshots are saved.
    pub screenshots: PathBuf,
    /// A scratch directory for browser profiles.
    pub tmp: PathBuf,
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!(
            "{name} is not set: the end-to-end tests run through scripts/e2e.sh (or make test-e2e)"
        )
    })
}

fn with_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

impl Setup {
    /// Reads the setup from the environment; panics with a hint when the tests were started
    /// without `scripts/e2e.sh`.
    pub fn from_env() -> Setup {
        let base = var("SWITCHBOARD_E2E_SIM_PORT_BASE");
        Setup {
            app_url: with_slash(var("SWITCHBOARD_E2E_URL")),
            subpath_url: with_slash(var("SWITCHBOARD_E2E_SUBPATH_URL")),
            login_url: with_slash(var("SWITCHBOARD_E2E_LOGIN_URL")),
            webdriver_url: var("SWITCHBOARD_E2E_WEBDRIVER"),
            chromium: std::env::var("SWITCHBOARD_E2E_CHROMIUM")
                .unwrap_or_else(|_| "/usr/bin/chromium".into()),
            sim_admin_url: var("SWITCHBOARD_E2E_SIM_ADMIN")
                .trim_end_matches('/')
                .to_string(),
            sim_port_base: base
                .parse()
                .unwrap_or_else(|_| panic!("bad SWITCHBOARD_E2E_SIM_PORT_BASE: {base}")),
            flink_url: var("SWITCHBOARD_E2E_FLINK")
                .trim_end_matches('/')
                .to_string(),
            screenshots: std::env::var_os("SWITCHBOARD_E2E_SCREENSHOTS")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/../target/e2e-screenshots"
                    ))
                }),
            tmp: std::env::var_os("SWITCHBOARD_E2E_TMP")
                .map(PathBuf::from)
                .unwrap_or_else(std::env::temp_dir),
        }
    }

    /// The console page at `path` (an app path such as `/clusters/new` or `/?x=1`).
    pub fn app(&self, path: &str) -> String {
        format!("{}{}", self.app_url, path.trim_start_matches('/'))
    }

    /// A simulator port: the port base plus the contract's offset.
    pub fn sim_port(&self, offset: u16) -> u16 {
        self.sim_port_base + offset
    }
}
