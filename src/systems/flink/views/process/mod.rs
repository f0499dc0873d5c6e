//! Views shared by the job manager and the task managers: logs (list and viewer), stdout,
//! thread dump, JVM metric charts and the profiler.

pub mod jvm;
pub mod logs;
pub mod profiler;
pub mod profiling;
pub mod threads;
