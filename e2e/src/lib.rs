//! End-to-end tests of the Switchboard console: a real headless Chromium, driven over WebDriver,
//! against the console served by the proxy, the simulators and a real Flink cluster.
//!
//! `scripts/e2e.sh` starts all of these and passes their addresses in the environment
//! ([`Setup`]); the tests live in `tests/console/`. Each test runs inside [`e2e`], which opens
//! browser sessions on demand ([`Lab::browser`]) and always closes them, saving a screenshot of
//! each one when the test fails.

pub mod app;
pub mod browser;
pub mod flink;
pub mod http;
pub mod image;
pub mod lab;
pub mod report;
pub mod setup;
pub mod sim;
pub mod wait;

pub use browser::Browser;
pub use lab::{e2e, Lab};
pub use setup::Setup;
pub use wait::eventually;
