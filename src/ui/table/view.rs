//! The data table every list in the product uses: sort, per-column filters, global search,
//! column chooser, paging, row click, CSV/JSON export, all of its state in the URL.

use super::export::{to_csv, to_json};
use super::state::{page_count, visible_rows, Cell, Dir, TableState, ALL, PAGE_SIZES};
use crate::ui::download::download_text;
use crate::ui::style::Scope;
use crate::url_state::Query;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::any::Any;
use std::sync::Arc;

/// Scoped styles of the table.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/table/table.css");
const _TRACK: &str = include_str!("table.css");

/// One column of a [`DataTable`].
pub struct Column<T> {
    /// Stable id, used in the URL (`<table>.sort=<id>:asc`, `<table>.f.<id>=...`).
    pub id: &'static str,
    /// Header text.
    pub label: &'static str,
    /// The value used to sort, filter and export.
    pub value: Arc<dyn Fn(&T) -> Cell + Send + Sync>,
    /// A custom cell view; the value's text when absent.
    #[allow(clippy::type_complexity)]
    pub render: Option<Arc<dyn Fn(&T) -> AnyView + Send + Sync>>,
    /// Right-aligned (numbers).
    pub numeric: bool,
    /// Hidden until chosen in the column chooser.
    pub hidden_by_default: bool,
    /// Offers a filter input (not for action columns).
    pub filterable: bool,
}

impl<T> Clone for Column<T> {
    fn clone(&self) -> Self {
        Column {
            id: self.id,
            label: self.label,
            value: self.value.clone(),
            render: self.render.clone(),
            numeric: self.numeric,
            hidden_by_default: self.hidden_by_default,
            filterable: self.filterable,
        }
    }
}

impl<T> Column<T> {
    /// A text column.
    pub fn text(
        id: &'static str,
        label: &'static str,
        f: impl Fn(&T) -> Cell + Send + Sync + 'static,
    ) -> Self {
        Column {
            id,
            label,
            value: Arc::new(f),
            render: None,
            numeric: false,
            hidden_by_default: false,
            filterable: true,
        }
    }

    /// A numeric, right-aligned column.
    pub fn num(
        id: &'static str,
        label: &'static str,
        f: impl Fn(&T) -> Cell + Send + Sync + 'static,
    ) -> Self {
        Column {
            numeric: true,
            ..Column::text(id, label, f)
        }
    }

    /// Renders cells with `r` instead of the value's text.
    pub fn render(mut self, r: impl Fn(&T) -> AnyView + Send + Sync + 'static) -> Self {
        self.render = Some(Arc::new(r));
        self
    }

    /// A column of controls (buttons, links): no filter, no sort value.
    pub fn actions(id: &'static str, r: impl Fn(&T) -> AnyView + Send + Sync + 'static) -> Self {
        Column {
            filterable: false,
            ..Column::text(id, "", |_| Cell::Empty).render(r)
        }
    }

    /// Starts hidden (the user can show it in the column chooser).
    pub fn hidden(mut self) -> Self {
        self.hidden_by_default = true;
        self
    }
}

/// Pages of more rows than this are windowed (only the rows in view are in the DOM).
const WINDOW_MIN: usize = 200;
/// Rows rendered beyond each edge of the view.
const OVERSCAN: usize = 20;
/// The window moves by this many rows at a time (fewer re-renders while scrolling).
const STEP: usize = 10;
/// A row's height until one is measured, in pixels.
const ROW_HEIGHT: f64 = 29.0;

/// Reads the current query string.
fn current_query() -> Query {
    Query::parse(&use_location().search.get())
}

/// A row whose type the table body does not know (see [`DataTable`]).
type ErasedRow = Arc<dyn Any + Send + Sync>;

/// The columns of `T` as columns of [`ErasedRow`]s holding a `T`.
fn erase_columns<T: Send + Sync + 'static>(columns: Vec<Column<T>>) -> Vec<Column<ErasedRow>> {
    let mut columns = Some(columns);
    // Tables whose rows are already erased (`DataTable<AnyRow>`) keep their columns as they are.
    if let Some(same) =
        (&mut columns as &mut dyn Any).downcast_mut::<Option<Vec<Column<ErasedRow>>>>()
    {
        return same.take().unwrap_or_default();
    }
    columns
        .unwrap_or_default()
        .into_iter()
        .map(|c| {
            let value = c.value;
            Column {
                id: c.id,
                label: c.label,
                value: Arc::new(move |r: &ErasedRow| {
                    r.downcast_ref::<T>()
                        .map(|t| value(t))
                        .unwrap_or(Cell::Empty)
                }),
                render: c.render.map(|render| {
                    Arc::new(move |r: &ErasedRow| {
                        r.downcast_ref::<T>()
                            .map(|t| render(t))
                            .unwrap_or_else(|| ().into_any())
                    }) as Arc<dyn Fn(&ErasedRow) -> AnyView + Send + Sync>
                }),
                numeric: c.numeric,
                hidden_by_default: c.hidden_by_default,
                filterable: c.filterable,
            }
        })
        .collect()
}

/// `rows` as [`ErasedRow`]s.
fn erase_rows<T: Clone + Send + Sync + 'static>(rows: &[T]) -> Vec<ErasedRow> {
    rows.iter()
        .map(|r| Arc::new(r.clone()) as ErasedRow)
        .collect()
}

/// A sortable, filterable, paged table of `rows`, with its state in the URL under `id.`.
///
/// Generic only in this thin wrapper: it erases the row type and hands over to one non-generic
/// table, so each row type adds a few small closures to the bundle instead of a copy of the table.
#[component]
pub fn DataTable<T>(
    /// Prefix of this table's URL keys; unique within a view.
    id: &'static str,
    /// The columns.
    columns: Vec<Column<T>>,
    /// The rows.
    #[prop(into)]
    rows: Signal<Vec<T>>,
    /// Called with the row clicked.
    #[prop(optional, into)]
    on_row_click: Option<Callback<T>>,
    /// File name (without extension) of exports.
    #[prop(optional, into)]
    export_name: Option<String>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    // Rows that are already erased (`DataTable<AnyRow>`) are used as they are.
    // Erased once per new answer (a memo that is always "changed": rows have no equality).
    let erased_rows = match (&rows as &dyn Any).downcast_ref::<Signal<Vec<ErasedRow>>>() {
        Some(same) => *same,
        None => Memo::new_with_compare(move |_| rows.with(|r| erase_rows(r)), |_, _| true).into(),
    };
    let on_row_click = on_row_click.map(|cb| {
        Callback::new(move |r: ErasedRow| {
            if let Some(t) = r.downcast_ref::<T>() {
                cb.run(t.clone())
            } else if let Some(t) = (&r as &dyn Any).downcast_ref::<T>() {
                cb.run(t.clone())
            }
        })
    });
    erased_table(
        id,
        erase_columns(columns),
        erased_rows,
        on_row_click,
        export_name,
    )
}

/// The table itself, over erased rows.
fn erased_table(
    id: &'static str,
    columns: Vec<Column<ErasedRow>>,
    rows: Signal<Vec<ErasedRow>>,
    on_row_click: Option<Callback<ErasedRow>>,
    export_name: Option<String>,
) -> AnyView {
    let scope = Scope::of(STYLE);
    let prefix = format!("{id}.");
    let location = use_location();
    let navigate = use_navigate();
    let columns = Arc::new(columns);

    let defaults_hidden: Vec<String> = columns
        .iter()
        .filter(|c| c.hidden_by_default)
        .map(|c| c.id.to_string())
        .collect();
    let has_default_hidden = !defaults_hidden.is_empty();
    let state = {
        let prefix = prefix.clone();
        Memo::new(move |_| {
            let q = Query::parse(&location.search.get());
            let mut s = TableState::from_query(&prefix, &q);
            if q.get(&format!("{prefix}hide")).is_none() {
                s.hidden = defaults_hidden.clone();
            }
            s
        })
    };
    let set_state = {
        let prefix = prefix.clone();
        let navigate = navigate.clone();
        move |s: TableState| {
            let mut q = current_query();
            s.write_query(&prefix, &mut q);
            if s.hidden.is_empty() && has_default_hidden {
                q.set(&format!("{prefix}hide"), "-");
            }
            let path = crate::url_state::app_path(&location.pathname.get_untracked());
            navigate(
                &q.with_path(&path),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let set_state = Arc::new(set_state);

    let ids: Arc<Vec<&'static str>> = Arc::new(columns.iter().map(|c| c.id).collect());
    let cells = {
        let columns = columns.clone();
        Memo::new(move |_| {
            rows.with(|rows| {
                rows.iter()
                    .map(|r| columns.iter().map(|c| (c.value)(r)).collect::<Vec<Cell>>())
                    .collect::<Vec<_>>()
            })
        })
    };
    let order = {
        let ids = ids.clone();
        Memo::new(move |_| {
            let s = state.get();
            cells.with(|c| visible_rows(&ids, c, &s))
        })
    };
    let shown_cols = {
        let columns = columns.clone();
        Memo::new(move |_| {
            let s = state.get();
            (0..columns.len())
                .filter(|i| s.is_visible(columns[*i].id))
                .collect::<Vec<usize>>()
        })
    };
    let total = move || order.with(Vec::len);
    let pages = move || page_count(total(), state.with(|s| s.page_size));
    let page = move || state.with(|s| s.page).min(pages() - 1);
    // The rows of the page, as a range of `order`.
    let page_range = Memo::new(move |_| {
        let (size, n) = (state.with(|s| s.page_size), total());
        let from = page().saturating_mul(size).min(n);
        (from, from.saturating_add(size).min(n))
    });
    // Windowed rendering: of a long page, only the rows in view (and a margin) are in the DOM,
    // between two spacer rows of the height of the rows left out.
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let row_h = RwSignal::new(ROW_HEIGHT);
    let window = Memo::new(move |_| {
        let (from, to) = page_range.get();
        if to - from <= WINDOW_MIN {
            return (from, to);
        }
        let (h, view_h) = (
            row_h.get(),
            scroller.get().map_or(800, |d| d.client_height()),
        );
        let first = ((scroll_top.get() / h) as usize).saturating_sub(OVERSCAN) / STEP * STEP;
        let n = (view_h.max(0) as f64 / h) as usize + 2 * OVERSCAN + STEP;
        ((from + first).min(to), (from + first + n).min(to))
    });

    let export = {
        let (columns, ids) = (columns.clone(), ids.clone());
        let name = export_name.unwrap_or_else(|| id.to_string());
        move |json: bool| {
            let cols = shown_cols.get_untracked();
            let o = order.get_untracked();
            cells.with_untracked(|c| {
                if json {
                    download_text(
                        &format!("{name}.json"),
                        "application/json",
                        &to_json(&ids, &cols, c, &o),
                    );
                } else {
                    let labels: Vec<&str> = columns.iter().map(|c| c.label).collect();
                    let labels: Vec<&str> = cols.iter().map(|&i| labels[i]).collect();
                    let remap: Vec<usize> = (0..cols.len()).collect();
                    let narrowed: Vec<Vec<Cell>> = o
                        .iter()
                        .map(|&r| cols.iter().map(|&i| c[r][i].clone()).collect())
                        .collect();
                    let idx: Vec<usize> = (0..narrowed.len()).collect();
                    download_text(
                        &format!("{name}.csv"),
                        "text/csv",
                        &to_csv(&labels, &remap, &narrowed, &idx),
                    );
                }
            });
        }
    };
    let export = Arc::new(export);

    let search_input = {
        let set_state = set_state.clone();
        move |ev| {
            let mut s = state.get_untracked();
            s.search = event_target_value(&ev);
            s.page = 0;
            set_state(s);
        }
    };

    let header = {
        let (columns, set_state) = (columns.clone(), set_state.clone());
        move || {
            shown_cols
                .get()
                .into_iter()
                .map(|i| {
                    let c = &columns[i];
                    let col = c.id;
                    let set_state = set_state.clone();
                    let arrow = move || match state.with(|s| s.sort.clone()) {
                        Some((s, Dir::Asc)) if s == col => " ▲",
                        Some((s, Dir::Desc)) if s == col => " ▼",
                        _ => "",
                    };
                    let aria = move || match state.with(|s| s.sort.clone()) {
                        Some((s, Dir::Asc)) if s == col => "ascending",
                        Some((s, Dir::Desc)) if s == col => "descending",
                        _ => "none",
                    };
                    view! {
                        <th class=scope.cls(if c.numeric { "head num" } else { "head" }) aria-sort=aria
                            data-col=col
                            on:click=move |_| { let mut s = state.get_untracked(); s.toggle_sort(col); set_state(s); }>
                            {c.label}{arrow}
                        </th>
                    }
                })
                .collect_view()
        }
    };
    let filters = {
        let (columns, set_state) = (columns.clone(), set_state.clone());
        move || {
            shown_cols
                .get()
                .into_iter()
                .map(|i| {
                    let c = &columns[i];
                    let col = c.id;
                    let set_state = set_state.clone();
                    let label = format!("Filter {}", c.label);
                    if !c.filterable {
                        return view! { <th class=scope.cls("filter-cell")></th> }.into_any();
                    }
                    view! {
                        <th class=scope.cls("filter-cell")>
                            <input class=scope.cls("filter") type="search" placeholder=if c.numeric { "> 10" } else { "filter" }
                                aria-label=label data-filter=col
                                prop:value=move || state.with(|s| s.filter(col).to_string())
                                on:input=move |ev| { let mut s = state.get_untracked(); s.set_filter(col, &event_target_value(&ev)); set_state(s); } />
                        </th>
                    }
                    .into_any()
                })
                .collect_view()
        }
    };
    // Re-runs when the cells, order, columns or window change, not on every answer: a poll that
    // returns the same rows leaves the DOM alone.
    let body = {
        let columns = columns.clone();
        move || {
            let cols = shown_cols.get();
            let ((from, to), (a, b)) = (page_range.get(), window.get());
            let slice: Vec<usize> = order.with(|o| o[a..b].to_vec());
            if slice.is_empty() {
                let n = cols.len().max(1);
                return view! { <tr><td class=scope.cls("empty") colspan=n>{move || if rows.with(Vec::is_empty) { "No rows." } else { "No rows match the filters." }}</td></tr> }.into_any();
            }
            let h = row_h.get();
            let spacer = move |n: usize| {
                (n > 0).then(|| view! { <tr aria-hidden="true" data-spacer="" style=format!("height:{}px", n as f64 * h)></tr> })
            };
            let (above, below) = (spacer(a - from), spacer(to - b));
            let all_rows = rows;
            let shown = rows.with_untracked(|rows| {
                cells.with(|cells| {
                    slice
                        .into_iter()
                        .filter_map(|r| rows.get(r).map(|row| (r, row.clone())))
                        .map(|(r, row)| {
                            let tds = cols
                                .iter()
                                .map(|&i| {
                                    let c = &columns[i];
                                    let class = scope.cls(if c.numeric { "cell num" } else { "cell" });
                                    match &c.render {
                                        Some(render) => view! { <td class=class>{render(&row)}</td> }.into_any(),
                                        None => {
                                            let text = cells[r][i].display();
                                            let title = text.clone();
                                            view! { <td class=class title=title>{text}</td> }.into_any()
                                        }
                                    }
                                })
                                .collect_view();
                            // The row as it is when clicked (a later answer may have replaced it).
                            let click = on_row_click.map(|cb| {
                                move |_| {
                                    if let Some(row) = all_rows.with_untracked(|rs| rs.get(r).cloned()) {
                                        cb.run(row)
                                    }
                                }
                            });
                            let class = scope.cls(if on_row_click.is_some() { "row clickable" } else { "row" });
                            view! { <tr class=class data-row="" on:click=move |ev| if let Some(c) = &click { c(ev) }>{tds}</tr> }.into_any()
                        })
                        .collect_view()
                })
            });
            view! { {above}{shown}{below} }.into_any()
        }
    };
    // The height of a row as drawn, for the spacers and the window.
    Effect::new(move |_| {
        window.track();
        let drawn = scroller
            .get()
            .and_then(|d| d.query_selector("tbody tr[data-row]").ok().flatten())
            .map(|tr| tr.get_bounding_client_rect().height());
        if let Some(h) = drawn.filter(|h| *h >= 8.0 && (h - row_h.get_untracked()).abs() > 0.5) {
            row_h.set(h);
        }
    });

    let chooser = {
        let (columns, set_state) = (columns.clone(), set_state.clone());
        let open = RwSignal::new(false);
        view! {
            <div class=scope.cls("chooser")>
                <button on:click=move |_| open.update(|o| *o = !*o) aria-expanded=move || open.get().to_string()>"Columns"</button>
                <Show when=move || open.get()>
                    <div class=scope.cls("chooser-list") role="menu">
                        {columns.iter().map(|c| {
                            let col = c.id;
                            let set_state = set_state.clone();
                            view! {
                                <label>
                                    <input type="checkbox" prop:checked=move || state.with(|s| s.is_visible(col))
                                        on:change=move |ev| {
                                            let mut s = state.get_untracked();
                                            s.hidden.retain(|h| h != col);
                                            if !event_target_checked(&ev) { s.hidden.push(col.to_string()); }
                                            set_state(s);
                                        } />
                                    " " {c.label}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </Show>
            </div>
        }
    };

    let go = {
        let set_state = set_state.clone();
        move |p: usize| {
            let mut s = state.get_untracked();
            s.page = p;
            set_state(s);
        }
    };
    // (A closure with `>` cannot sit unbraced in a view! attribute: the macro would end the tag there.)
    let at_last = move || page() + 1 >= pages();
    let go2 = go.clone();
    let go3 = go.clone();
    let go4 = go.clone();
    let set_size = set_state.clone();
    let (export_csv, export_json) = (export.clone(), export.clone());

    view! {
        <div class=scope.cls("wrap") data-table=id>
            <div class=scope.cls("tools")>
                <input class=scope.cls("search") type="search" placeholder="Search all columns" aria-label="Search"
                    prop:value=move || state.with(|s| s.search.clone()) on:input=search_input />
                {chooser}
                <button on:click=move |_| export_csv(false) title="Download the filtered rows as CSV">"CSV"</button>
                <button on:click=move |_| export_json(true) title="Download the filtered rows as JSON">"JSON"</button>
                <span class=scope.cls("count") data-count=move || total().to_string()>
                    {move || { let n = total(); let all = rows.with(Vec::len); if n == all { format!("{n} rows") } else { format!("{n} of {all} rows") } }}
                </span>
            </div>
            <div class=scope.cls("scroll") node_ref=scroller
                on:scroll=move |ev| scroll_top.set(event_target::<web_sys::Element>(&ev).scroll_top() as f64)>
                <table class=scope.cls("grid")>
                    <thead><tr>{header}</tr><tr>{filters}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class=scope.cls("pager")>
                <button disabled=move || page() == 0 on:click=move |_| go(0) aria-label="First page">"«"</button>
                <button disabled=move || page() == 0 on:click=move |_| go2(page().saturating_sub(1)) aria-label="Previous page">"‹"</button>
                <span data-page=move || (page() + 1).to_string()>{move || format!("Page {} of {}", page() + 1, pages())}</span>
                <button disabled=at_last on:click=move |_| go3(page() + 1) aria-label="Next page">"›"</button>
                <button disabled=at_last on:click=move |_| go4(pages() - 1) aria-label="Last page">"»"</button>
                <select aria-label="Rows per page" on:change=move |ev| {
                    let mut s = state.get_untracked();
                    let v = event_target_value(&ev);
                    s.page_size = if v == "all" { ALL } else { v.parse().unwrap_or(s.page_size) };
                    s.page = 0;
                    set_size(s);
                }>
                    {PAGE_SIZES.iter().map(|&n| view! {
                        <option value=if n == ALL { "all".to_string() } else { n.to_string() } selected=move || state.with(|s| s.page_size == n)>
                            {if n == ALL { "All rows".to_string() } else { format!("{n} / page") }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
    .into_any()
}
