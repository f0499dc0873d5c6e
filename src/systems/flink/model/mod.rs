//! Serde models of the Apache Flink REST API as the console uses it.
//!
//! One set of types decodes both Flink 1.x (the 1.12 reference in `../shared/api-docs`) and
//! Flink 2.x (recorded from a real 2.3 cluster) answers: fields that come and go between
//! versions are `Option`s or defaulted, unknown fields are ignored, numbers are accepted as
//! floats or strings where Flink is inconsistent (see [`crate::net::lenient`]), and every enum has an
//! `Unknown` variant for values a newer Flink may add. Timestamps are epoch milliseconds
//! (`i64`, -1 meaning "none", as Flink writes it).
//!
//! `ENDPOINTS.md` next to this module maps every endpoint to its type. Endpoints answering a
//! bare JSON array decode as `Vec<T>`: metrics and watermarks as `Vec<MetricValue>`,
//! aggregated metrics as `Vec<AggregatedMetric>`, configuration as `Vec<ConfigEntry>`, the
//! rescale history as `Vec<Rescale>`. Log files and stdout are plain text.


mod application;
mod checkpoints;
mod cluster;
mod common;
mod exceptions;
mod flamegraph;
mod jars;
mod job;
mod jobmanager;
mod jobs;
mod metrics;
mod operations;
mod rescales;
mod states;
mod taskmanager;
mod vertex;

pub use application::*;
pub use checkpoints::*;
pub use cluster::*;
pub use common::*;
pub use exceptions::*;
pub use flamegraph::*;
pub use jars::*;
pub use job::*;
pub use jobmanager::*;
pub use jobs::*;
pub use metrics::*;
pub use operations::*;
pub use rescales::*;
pub use states::*;
pub use taskmanager::*;
pub use vertex::*;

#[cfg(test)]
mod tests;
