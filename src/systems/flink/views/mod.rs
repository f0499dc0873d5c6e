//! The Flink views, one file per view or tab.

pub mod agg_metrics;
pub mod applications;
pub mod cluster;
pub mod tones;
pub mod config_table;
pub mod environment;
pub mod failures;
pub mod gate;
pub mod job;
pub mod jobmanager;
pub mod jobs_table;
pub mod keys;
pub mod live_metrics;
pub mod metric_pick;
pub mod overview;
pub mod process;
pub mod submit;
pub mod taskmanager;
pub mod taskmanagers;

use crate::ui::style::Scope;

/// Scoped styles shared by the Flink views.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/systems/flink/views/flink.css");
const _TRACK: &str = include_str!("flink.css");

/// The scope of [`STYLE`].
pub fn scope() -> Scope {
    Scope::of(STYLE)
}

/// A figure with its label (overview numbers).
pub fn stat(label: &str, value: String) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    let s = scope();
    view! {
        <div class=s.cls("stat") data-stat=label.to_string()>
            <span class=s.cls("stat-value")>{value}</span>
            <span class=s.cls("stat-label")>{label.to_string()}</span>
        </div>
    }
    .into_any()
}
