//! Type-erased table rows: every table of a system can use one `DataTable<AnyRow>` instead of one
//! `DataTable<T>` per row type. Each `DataTable<T>` is a whole copy of the table component in the
//! bundle; with these helpers only the small per-column closures are per type.
//!
//! ```ignore
//! let columns = vec![
//!     col::text("name", "Name", |j: &JobOverview| j.name.as_str().into()),
//!     col::num("tasks", "Tasks", |j: &JobOverview| j.tasks.total.into()),
//! ];
//! view! { <DataTable id="jobs" columns rows=Signal::derive(move || any_rows(jobs.get())) /> }
//! ```

use super::table::{Cell, Column};
use leptos::prelude::*;
use std::any::Any;
use std::sync::Arc;

/// A row of any type.
pub type AnyRow = Arc<dyn Any + Send + Sync>;

/// Wraps typed rows for a `DataTable<AnyRow>`.
pub fn any_rows<T: Any + Send + Sync>(rows: impl IntoIterator<Item = T>) -> Vec<AnyRow> {
    rows.into_iter().map(|r| Arc::new(r) as AnyRow).collect()
}

/// The typed row inside, if it is a `T`.
pub fn row_as<T: Any>(row: &AnyRow) -> Option<&T> {
    row.as_ref().downcast_ref::<T>()
}

/// A click handler on typed rows (rows of another type are ignored).
pub fn on_row<T: Any + Clone>(f: impl Fn(T) + Send + Sync + 'static) -> Callback<AnyRow> {
    Callback::new(move |r: AnyRow| {
        if let Some(t) = row_as::<T>(&r) {
            f(t.clone())
        }
    })
}

/// Columns over [`AnyRow`]s whose closures see the typed row.
pub mod col {
    use super::*;

    fn erase<T: Any>(
        f: impl Fn(&T) -> Cell + Send + Sync + 'static,
    ) -> impl Fn(&AnyRow) -> Cell + Send + Sync + 'static {
        move |r: &AnyRow| row_as::<T>(r).map(&f).unwrap_or(Cell::Empty)
    }

    /// A text column.
    pub fn text<T: Any>(
        id: &'static str,
        label: &'static str,
        f: impl Fn(&T) -> Cell + Send + Sync + 'static,
    ) -> Column<AnyRow> {
        Column::text(id, label, erase(f))
    }

    /// A numeric, right-aligned column.
    pub fn num<T: Any>(
        id: &'static str,
        label: &'static str,
        f: impl Fn(&T) -> Cell + Send + Sync + 'static,
    ) -> Column<AnyRow> {
        Column::num(id, label, erase(f))
    }

    /// A numeric column sorted by `value` and shown as `text` (durations, sizes).
    pub fn num_text<T: Any>(
        id: &'static str,
        label: &'static str,
        value: impl Fn(&T) -> Cell + Send + Sync + 'static,
        text: impl Fn(&T) -> String + Send + Sync + 'static,
    ) -> Column<AnyRow> {
        Column::num(id, label, erase(value))
            .render(move |r: &AnyRow| row_as::<T>(r).map(&text).unwrap_or_default().into_any())
    }

    /// A column whose cells are drawn by `view` (sorted and filtered by `value`).
    pub fn view<T: Any>(
        id: &'static str,
        label: &'static str,
        value: impl Fn(&T) -> Cell + Send + Sync + 'static,
        view: impl Fn(&T) -> AnyView + Send + Sync + 'static,
    ) -> Column<AnyRow> {
        Column::text(id, label, erase(value))
            .render(move |r: &AnyRow| row_as::<T>(r).map(&view).unwrap_or_else(|| ().into_any()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct Job {
        name: String,
        tasks: i64,
    }

    #[test]
    fn columns_read_the_typed_row_and_ignore_other_types() {
        let rows = any_rows(vec![Job {
            name: "a".into(),
            tasks: 3,
        }]);
        let name = col::text("name", "Name", |j: &Job| j.name.as_str().into());
        let tasks = col::num("tasks", "Tasks", |j: &Job| j.tasks.into());
        assert_eq!((name.value)(&rows[0]), Cell::Text("a".into()));
        assert_eq!((tasks.value)(&rows[0]), Cell::Num(3.0));
        assert!(tasks.numeric);
        let other: AnyRow = Arc::new(7_u8);
        assert_eq!((name.value)(&other), Cell::Empty);
    }
}
