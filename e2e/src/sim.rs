//! The simulators' fault API (`/_sim/faults/<system>` on the port base).

use crate::http::request;
use crate::setup::Setup;

/// A fault switched on for one simulated system; switched off again when dropped, so a failing
/// test does not leave it behind for the next one.
pub struct Fault {
    url: String,
}

impl Fault {
    /// Makes every answer of `system` (`druid`, `cockroach`, `starrocks`, `databend-meta`) follow
    /// `mode` (`status500_text`, `refuse`, `delay:MS`, ...).
    /// `mode:N` passes N as the mode's argument (milliseconds of `delay` and `slow_body`, megabytes
    /// of `huge_body`).
    pub fn set(setup: &Setup, system: &str, mode: &str) -> Fault {
        let url = format!("{}/_sim/faults/{system}", setup.sim_admin_url);
        let body = match mode.split_once(':').map(|(m, n)| (m, n.parse::<u64>())) {
            Some((m, Ok(n))) => serde_json::json!({ "mode": m, "ms": n }),
            _ => serde_json::json!({ "mode": mode }),
        }
        .to_string();
        match request("PUT", &url, Some(&body)) {
            Ok(a) if a.status == 200 => Fault { url },
            Ok(a) => panic!("PUT {url} {body} answered {}: {}", a.status, a.body),
            Err(e) => panic!("{e}"),
        }
    }

    /// Switches the fault off now.
    pub fn clear(self) {
        // Drop does it.
    }
}

impl Drop for Fault {
    fn drop(&mut self) {
        match request("DELETE", &self.url, None) {
            Ok(a) if a.status == 200 => {}
            Ok(a) => eprintln!("DELETE {} answered {}: {}", self.url, a.status, a.body),
            Err(e) => eprintln!("{e}"),
        }
    }
}
