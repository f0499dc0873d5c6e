//! The Druid views, one file or folder per view; forms and actions live beside the view they
//! belong to.

pub mod config;
pub mod datasources;
pub mod home;
pub mod intervals;
pub mod query;
pub mod segments;
pub mod services;
pub mod supervisors;
pub mod tasks;

use crate::ui::any_row::AnyRow;
use leptos::prelude::*;

/// A table's rows, built by `f` once per change of what it reads. A derived signal would build
/// them again (cloning every row of the answer) each time the table reads them, that is on
/// every keystroke of a search and every sort, which at 5,000 rows is what a user feels.
pub fn rows_memo(f: impl Fn() -> Vec<AnyRow> + Send + Sync + 'static) -> Signal<Vec<AnyRow>> {
    Memo::new_with_compare(move |_| f(), |_, _| true).into()
}
