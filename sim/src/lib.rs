//! Stateful HTTP simulators of Apache Druid, CockroachDB, StarRocks and Databend meta.
//!
//! One process serves every simulated node on its own port (see [`config::PortPlan`]), plus an
//! admin API that switches fault modes and advances the simulated clock. The data is generated
//! from a seed so tests see the same clusters every run.

// Handlers return the error *response* itself as `Err`; boxing it would only add noise.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod admin;
pub mod clock;
pub mod cockroach;
pub mod config;
pub mod druid;
pub mod fault;
pub mod http_util;
pub mod meta;
pub mod plant;
pub mod rng;
pub mod runtime;
pub mod server;
pub mod sqlmini;
pub mod starrocks;
pub mod timefmt;
pub mod uploads;

pub use config::{PortPlan, SimConfig, System};
pub use runtime::{start, RunningSim};
