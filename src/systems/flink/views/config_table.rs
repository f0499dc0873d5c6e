//! A table of configuration entries (key, value), as `/jobmanager/config`,
//! `/jobs/:jobid/jobmanager/config` and a job's user configuration answer them.

use crate::systems::flink::model::ConfigEntry;
use crate::ui::any_row::{any_rows, col};
use crate::ui::DataTable;
use leptos::prelude::*;

/// Configuration entries, sortable and searchable.
#[component]
pub fn ConfigTable(
    /// Table id.
    id: &'static str,
    /// The entries.
    #[prop(into)]
    entries: Signal<Vec<ConfigEntry>>,
) -> impl IntoView {
    let columns = vec![
        col::text("key", "Key", |e: &ConfigEntry| e.key.as_str().into()),
        col::text("value", "Value", |e: &ConfigEntry| e.value.as_str().into()),
    ];
    view! { <DataTable id columns rows=Signal::derive(move || any_rows(entries.get())) export_name=id /> }
}
