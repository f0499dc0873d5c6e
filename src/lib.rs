//! Switchboard: one browser console for Apache Flink, Apache Druid, CockroachDB, StarRocks and the
//! Databend meta service.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "bench")]
pub mod bench_dag;
pub mod cluster;
pub mod net;
pub mod shell;
pub mod systems;
pub mod ui;
pub mod url_state;

#[cfg(test)]
mod fuzz;

pub use app::mount;
