//! The query-string keys of the Flink views: every part of a view's state that a copied link
//! carries, spelled once.

use crate::url_state::QueryKey;

/// The open vertex of the job graph (its id).
pub const VERTEX: QueryKey = QueryKey::new("vertex");
/// The open tab of that vertex (see `job::vertex::VertexTab`).
pub const VERTEX_TAB: QueryKey = QueryKey::new("vtab");
/// The open subtask of that vertex (its index).
pub const SUBTASK: QueryKey = QueryKey::new("subtask");
/// The open attempt of that subtask.
pub const ATTEMPT: QueryKey = QueryKey::new("attempt");
/// The flame graph's type (on-CPU, off-CPU, mixed).
pub const FLAME_TYPE: QueryKey = QueryKey::new("fgtype");
/// The flame graph's subtask (absent: all of them).
pub const FLAME_SUBTASK: QueryKey = QueryKey::new("fgsub");
/// The vertex metrics being charted (comma-separated ids).
pub const VERTEX_METRICS: QueryKey = QueryKey::new("vm");
/// The open checkpoint of the history (its id).
pub const CHECKPOINT: QueryKey = QueryKey::new("checkpoint");
/// The open vertex of that checkpoint.
pub const CHECKPOINT_VERTEX: QueryKey = QueryKey::new("cpvertex");
/// The scope of the job's metric charts (a vertex id, or the job).
pub const METRIC_SCOPE: QueryKey = QueryKey::new("mscope");
/// The job metrics being charted (comma-separated ids).
pub const METRICS: QueryKey = QueryKey::new("m");
/// How many exceptions of the history to show.
pub const MAX_EXCEPTIONS: QueryKey = QueryKey::new("max");
/// The open rescale of the history (its id).
pub const RESCALE: QueryKey = QueryKey::new("rescale");
/// The open log file of a process (its name; absent: the main log).
pub const LOG: QueryKey = QueryKey::new("log");
/// The chosen jar of the submit page (its id).
pub const JAR: QueryKey = QueryKey::new("jar");
