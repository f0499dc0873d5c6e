//! Long-running operations a user starts (savepoints, uploads processed on the server, deletions):
//! their state, a status panel, and the timer helpers that poll them.

use super::download::copy_text;
use super::style::Scope;
use leptos::prelude::*;

/// Scoped styles of the operation panel.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/operation.css");
const _TRACK: &str = include_str!("operation.css");

/// Where an operation stands.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum OpState {
    /// Not started.
    #[default]
    Idle,
    /// Started and not finished.
    Running {
        /// What is happening, e.g. "Savepoint in progress".
        what: String,
        /// When it started (epoch ms).
        since: i64,
        /// How many times its status was asked.
        polls: u32,
        /// The operation's id on the server, once known (trigger id).
        id: Option<String>,
    },
    /// Finished well.
    Succeeded {
        /// What happened.
        message: String,
        /// A result to show and copy (e.g. the savepoint location).
        result: Option<String>,
    },
    /// Finished with an error.
    Failed {
        /// What failed.
        message: String,
        /// The server's text (e.g. a stack trace).
        detail: Option<String>,
    },
}

impl OpState {
    /// Whether it is running.
    pub fn is_running(&self) -> bool {
        matches!(self, OpState::Running { .. })
    }
}

pub use crate::net::request::sleep_ms;

/// The poll interval after `polls` polls: quick at first, then every few seconds.
pub fn poll_delay_ms(polls: u32) -> i32 {
    match polls {
        0..=4 => 500,
        5..=19 => 1000,
        _ => 3000,
    }
}

/// Shows an operation's state: a spinner with elapsed time while it runs, the result (copyable)
/// when done, the error text when it failed. Nothing while idle.
#[component]
pub fn OperationStatus(
    /// The state.
    #[prop(into)]
    state: Signal<OpState>,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    move || {
        match state.get() {
        OpState::Idle => ().into_any(),
        OpState::Running { what, since, polls, id } => {
            let secs = ((super::format::now_epoch_ms() - since) / 1000).max(0);
            view! {
                <div class=s.cls("op running") role="status" data-op="running">
                    <div class=s.cls("head")>"⏳ "{what}</div>
                    <div class="sb-dim">{format!("{secs}s so far · status checked {polls} times")}{id.map(|i| format!(" · id {i}"))}</div>
                </div>
            }.into_any()
        }
        OpState::Succeeded { message, result } => view! {
            <div class=s.cls("op ok") role="status" data-op="succeeded">
                <div class=s.cls("head")>{message}</div>
                {result.map(|r| { let c = r.clone(); view! {
                    <div class="sb-row"><code data-op-result="">{r}</code><button on:click=move |_| copy_text(&c)>"Copy"</button></div>
                }})}
            </div>
        }.into_any(),
        OpState::Failed { message, detail } => view! {
            <div class=s.cls("op bad") role="alert" data-op="failed">
                <div class=s.cls("head")>{message}</div>
                {detail.map(|d| view! { <pre class=s.cls("detail")>{d}</pre> })}
            </div>
        }.into_any(),
    }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_quickly_first_then_back_off() {
        assert_eq!(poll_delay_ms(0), 500);
        assert_eq!(poll_delay_ms(10), 1000);
        assert_eq!(poll_delay_ms(100), 3000);
        assert!(OpState::Running {
            what: String::new(),
            since: 0,
            polls: 0,
            id: None
        }
        .is_running());
        assert!(!OpState::Idle.is_running());
    }
}
