//! Views shared by the job manager and the task managers: logs (list and viewer), stdout,
//! thread dump and JVM metric charts.

pub mod jvm;
pub mod logs;
pub mod threads;
