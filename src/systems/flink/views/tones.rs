//! The colours of Flink's job, vertex and checkpoint states.

use crate::systems::flink::model::{CheckpointStatus, ExecutionState, JobState};
use crate::ui::Tone;

/// The colour of a job state.
pub fn job_tone(s: JobState) -> Tone {
    match s {
        JobState::Running | JobState::Finished => Tone::Ok,
        JobState::Failed => Tone::Bad,
        JobState::Unknown | JobState::Canceled => Tone::Unknown,
        _ => Tone::Warn,
    }
}

/// The colour of a vertex/subtask state.
pub fn exec_tone(s: ExecutionState) -> Tone {
    match s {
        ExecutionState::Running | ExecutionState::Finished => Tone::Ok,
        ExecutionState::Failed => Tone::Bad,
        ExecutionState::Canceled | ExecutionState::Unknown => Tone::Unknown,
        _ => Tone::Warn,
    }
}

/// The colour of a checkpoint state.
pub fn checkpoint_tone(s: CheckpointStatus) -> Tone {
    match s {
        CheckpointStatus::Completed => Tone::Ok,
        CheckpointStatus::Failed => Tone::Bad,
        CheckpointStatus::InProgress => Tone::Warn,
        CheckpointStatus::Unknown => Tone::Unknown,
    }
}
