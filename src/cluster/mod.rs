//! The cluster registry: what a cluster is, where its requests go, how entries are checked,
//! stored, imported and exported, and how links carry them.

pub mod endpoint;
pub mod link;
pub mod model;
pub mod portable;
pub mod store;
pub mod validate;

pub use model::{About, AuthKind, Cluster, Credentials, Mode, Source, System};
pub use store::Registry;
