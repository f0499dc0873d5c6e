//! A directed acyclic graph drawn as SVG: the pure layered layout ([`layout`]) and the component
//! with pan, zoom and node selection ([`view`]). Used for Flink job graphs and plans; any system
//! with a dataflow or dependency graph can reuse it.

pub mod layout;
mod paint;
pub mod view;

pub use view::{Dag, DagEdge, DagNode, Meter};
