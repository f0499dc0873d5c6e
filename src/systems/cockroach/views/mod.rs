//! The CockroachDB views: nodes (with each node's health) and a node's metrics, a node's ranges
//! and one range as every node sees it, hot ranges, SQL sessions, databases and their tables,
//! users and events; the login form and session line on every page.

pub mod databases;
pub mod events;
pub mod hot;
pub mod login;
pub mod nodes;
pub mod ranges;
pub mod sessions;

use super::api;
use crate::ui::format::number;
use leptos::prelude::*;

/// A number with a bar whose length is its share of `max`.
pub fn bar(value: f64, max: f64) -> AnyView {
    let pct = if max > 0.0 {
        (value / max * 100.0).clamp(0.0, 100.0)
    } else {
        0.0
    };
    view! {
        <span style="display:inline-flex;align-items:center;gap:.4em" data-bar="">
            <span style=format!("display:inline-block;height:.6em;width:{:.0}px;background:var(--sb-accent, #4a7bd0)", pct * 0.8) />
            {number(value, 1)}
        </span>
    }
    .into_any()
}

/// Nanoseconds since the epoch as local time.
pub fn nanos_time(ns: i64) -> String {
    if ns <= 0 {
        return crate::ui::format::NONE.to_string();
    }
    crate::ui::format::local_time(ns / 1_000_000)
}

/// The nodes that did not answer a fan-out request, as a warning list (nothing when all did).
pub fn node_errors(errors: &[crate::systems::cockroach::model::NodeError]) -> Option<AnyView> {
    (!errors.is_empty()).then(|| {
        view! {
            <ul data-node-errors="" class="sb-dim">
                {errors.iter().map(|e| view! { <li>{format!("n{}: {}", e.node_id, e.message)}</li> }).collect_view()}
            </ul>
        }
        .into_any()
    })
}
