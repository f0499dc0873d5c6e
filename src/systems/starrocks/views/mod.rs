//! The StarRocks views: the cluster (health, FE/BE/CN tables, HA state, runtime info, database
//! sizes), the proc browser and metrics. `ProcGrid` shows any proc table with its columns
//! typed (sizes sort as sizes, numbers as numbers, JSON kept in strings shown as fields).

pub mod cluster;
pub mod metrics;
pub mod proc;
// Databases, tables and loads.
pub mod data;
// Queries, config, nodes.
pub mod admin;
pub mod config;
pub mod fe_node;
pub mod metrics_across;
pub mod node;
pub mod ops;
pub mod profile;
pub mod queries;

use super::model::{is_size_column, json_in_string, parse_number, parse_size, ProcRow, ProcTable};
use crate::ui::style::Scope;
use crate::ui::table::Cell;
use crate::ui::{Column, DataTable};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Mutex;

/// Scoped styles of the StarRocks views.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/systems/starrocks/views/starrocks.css");
const _TRACK: &str = include_str!("starrocks.css");

/// The scope of the StarRocks views' styles.
pub fn scope() -> Scope {
    Scope::of(STYLE)
}

/// Column names as `'static` text (the table keys its URL state by them); each distinct name
/// is kept once for the life of the page.
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let Ok(mut names) = NAMES.lock() else {
        return "column";
    };
    if let Some(n) = names.get(name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

/// How a proc column is read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// Sizes ("1.234 MB"), sorted in bytes.
    Size,
    /// Numbers and percentages.
    Number,
    /// JSON inside the string.
    Json,
    /// Anything else (booleans stay text).
    Text,
}

/// The kind of the column `name` of `t`.
pub fn kind_of(t: &ProcTable, name: &str) -> Kind {
    let values: Vec<&str> = t.rows.iter().map(|r| r.get(name)).collect();
    let filled: Vec<&str> = values.iter().copied().filter(|v| !v.trim().is_empty()).collect();
    if filled.is_empty() {
        Kind::Text
    } else if is_size_column(&filled) {
        Kind::Size
    } else if filled.iter().all(|v| parse_number(v).is_some()) {
        Kind::Number
    } else if filled.iter().all(|v| v.trim_start().starts_with('{') && json_in_string(v).is_some()) {
        Kind::Json
    } else {
        Kind::Text
    }
}

/// The sort/filter value of a cell of kind `k`.
pub fn cell(k: Kind, v: &str) -> Cell {
    let n = match k {
        Kind::Size => parse_size(v),
        Kind::Number => parse_number(v),
        _ => None,
    };
    match n {
        Some(n) => Cell::Num(n),
        None if v.is_empty() => Cell::Empty,
        None => Cell::Text(v.to_string()),
    }
}

/// The link a proc row opens, if any.
pub type OpenRow = std::sync::Arc<dyn Fn(&ProcRow) -> Option<String> + Send + Sync>;

/// Any proc table as a data table; `open` gives a row's link (the first column becomes a link).
#[component]
pub fn ProcGrid(
    /// Prefix of the table's URL keys.
    id: &'static str,
    /// The table.
    table: ProcTable,
    /// The link a row opens, if any.
    #[prop(optional)]
    open: Option<OpenRow>,
) -> impl IntoView {
    let columns: Vec<Column<ProcRow>> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let k = kind_of(&table, name);
            let key = intern(name);
            let value = move |r: &ProcRow| cell(k, r.get(key));
            let col = if matches!(k, Kind::Size | Kind::Number) {
                Column::num(key, key, value)
            } else {
                Column::text(key, key, value)
            };
            match (k, i, open.clone()) {
                (_, 0, Some(open)) => col.render(move |r: &ProcRow| {
                    let text = r.get(key).to_string();
                    match open(r) {
                        Some(href) => view! { <a href=href data-proc-child=text.clone()>{text.clone()}</a> }.into_any(),
                        None => view! { <span>{text}</span> }.into_any(),
                    }
                }),
                (Kind::Json, _, _) => col.render(move |r: &ProcRow| {
                    let text = json_in_string(r.get(key))
                        .map(|f| f.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", "))
                        .unwrap_or_else(|| r.get(key).to_string());
                    view! { <span data-json-cell="">{text}</span> }.into_any()
                }),
                _ => col,
            }
        })
        .collect();
    let rows = table.rows.clone();
    view! { <DataTable id=id columns=columns rows=Signal::derive(move || rows.clone()) export_name=id /> }
}
