//! Forms that change a Flink cluster and the polling of the asynchronous operations they start.
//! Every destructive action goes through the confirm dialog; what the user typed stays in the
//! form when the action fails.

pub mod args;
pub mod cluster_actions;
pub mod job_actions;
pub mod poll;
pub mod rescale;
pub mod run;
