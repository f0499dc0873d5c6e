//! The data table every list in the product uses: sort, per-column filters, global search,
//! column chooser, paging, row click, CSV/JSON export, all of its state in the URL.

use super::export::save_rows;
use super::state::{page_count, Cell, Dir, TableCache, TableState, ALL, PAGE_SIZES};
use crate::ui::style::Scope;
use crate::url_state::Query;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
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

/// What the table body knows of a column: everything but its closures over the row type.
#[derive(Clone)]
struct ColumnInfo {
    id: &'static str,
    label: &'static str,
    numeric: bool,
    hidden_by_default: bool,
    filterable: bool,
}

/// The rows of a [`DataTable`] seen without their type: the table body asks for all cells at
/// once, for one drawn cell, or for a click on one row, always by the row's index.
struct ErasedRows {
    /// Every row's cells (a tracked read of the rows).
    cells: Arc<dyn Fn() -> Vec<Vec<Cell>> + Send + Sync>,
    /// The custom view of row `r`, column `i`; `None` when the column has none (its text is shown).
    render: Arc<dyn Fn(usize, usize) -> Option<AnyView> + Send + Sync>,
    /// The row click, by index (the row as it is at the click).
    click: Option<Arc<dyn Fn(usize) + Send + Sync>>,
}

/// A sortable, filterable, paged table of `rows`, with its state in the URL under `id.`.
///
/// Generic only in this thin wrapper: it hands three small closures over the typed rows to one
/// non-generic table, so each row type adds a little code to the bundle instead of a copy of the
/// table, and the rows are never copied (a 100,000-row answer is read where it is).
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
    let info = columns
        .iter()
        .map(|c| ColumnInfo {
            id: c.id,
            label: c.label,
            numeric: c.numeric,
            hidden_by_default: c.hidden_by_default,
            filterable: c.filterable,
        })
        .collect();
    let columns = Arc::new(columns);
    // The rows that drawn cells and clicks read, taken once per change of the rows at their first
    // use: a derived `rows` would otherwise compute every row again for each cell drawn.
    let taken = StoredValue::new(None::<Arc<Vec<T>>>);
    let current = move || {
        if let Some(rows) = taken.try_get_value().flatten() {
            return Some(rows);
        }
        let now = Arc::new(rows.try_get_untracked()?);
        taken.try_set_value(Some(now.clone()));
        Some(now)
    };
    let cells = {
        let columns = columns.clone();
        Arc::new(move || {
            taken.try_set_value(None);
            rows.with(|rows| {
                rows.iter()
                    .map(|r| columns.iter().map(|c| (c.value)(r)).collect())
                    .collect()
            })
        })
    };
    let render = Arc::new(move |r: usize, i: usize| {
        let render = columns.get(i)?.render.as_ref()?;
        let row = current()?.get(r).map(|row| render(row));
        Some(row.unwrap_or_else(|| ().into_any()))
    });
    let click = on_row_click.map(|cb| {
        Arc::new(move |r: usize| {
            if let Some(row) = current().and_then(|rows| rows.get(r).cloned()) {
                cb.run(row)
            }
        }) as Arc<dyn Fn(usize) + Send + Sync>
    });
    erased_table(
        id,
        info,
        ErasedRows {
            cells,
            render,
            click,
        },
        export_name,
    )
}

/// The table itself, over rows it knows only by index.
fn erased_table(
    id: &'static str,
    columns: Vec<ColumnInfo>,
    rows: ErasedRows,
    export_name: Option<String>,
) -> AnyView {
    let scope = Scope::of(STYLE);
    let prefix = format!("{id}.");
    let location = use_location();
    let navigate = use_navigate();
    let columns = Arc::new(columns);
    let ErasedRows {
        cells: read_cells,
        render,
        click,
    } = rows;

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
    // Compared by value: a poll that answers the same rows changes nothing below.
    let cells = Memo::new(move |_| read_cells());
    let row_count = move || cells.with(Vec::len);
    let shown_cols = {
        let columns = columns.clone();
        Memo::new(move |_| {
            let s = state.get();
            (0..columns.len())
                .filter(|i| s.is_visible(columns[*i].id))
                .collect::<Vec<usize>>()
        })
    };
    // Counts changes of the cells and of the columns shown: rows drawn before a change are
    // drawn again, rows drawn since are reused as the window moves.
    let epoch = Memo::new(move |n: Option<&u64>| {
        cells.track();
        shown_cols.track();
        n.map_or(0, |n| n.wrapping_add(1))
    });
    // The search text and the rows shown a keystroke ago, kept for the same rows and columns:
    // the search text is built in a task of its own soon after the rows are drawn (or at the
    // first search, if that comes first), so that a search is only a scan.
    let cache = StoredValue::new(TableCache::default());
    let order = {
        let ids = ids.clone();
        Memo::new(move |_| {
            let (s, at, searched) = (state.get(), epoch.get(), shown_cols.get());
            cells
                .with(|c| cache.try_update_value(|k| k.order(at, &ids, c, &searched, &s)))
                .unwrap_or_default()
        })
    };
    Effect::new(move |_| {
        let at = epoch.get();
        set_timeout(
            // The table may be gone by then: every read is a `try_` one (a read of a disposed
            // signal would stop the whole app).
            move || {
                let Some(searched) = shown_cols.try_get_untracked() else {
                    return;
                };
                cells.try_with_untracked(|c| {
                    cache.try_update_value(|k| {
                        k.prepare(at, c, &searched);
                    })
                });
            },
            std::time::Duration::from_millis(50),
        );
    });
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
    let view_h = RwSignal::new(800.0f64);
    let window = Memo::new(move |_| {
        let (from, to) = page_range.get();
        if to - from <= WINDOW_MIN {
            return (from, to);
        }
        let (h, view_h) = (row_h.get(), view_h.get());
        let first = ((scroll_top.get() / h) as usize).saturating_sub(OVERSCAN) / STEP * STEP;
        let n = (view_h.max(0.0) / h) as usize + 2 * OVERSCAN + STEP;
        ((from + first).min(to), (from + first + n).min(to))
    });

    let export = {
        let columns = columns.clone();
        let name = export_name.unwrap_or_else(|| id.to_string());
        move |json: bool| {
            let cols = shown_cols.get_untracked();
            let o = order.get_untracked();
            let rows: Vec<Vec<Cell>> = cells.with_untracked(|c| {
                o.iter()
                    .filter_map(|&r| c.get(r))
                    .map(|row| {
                        cols.iter()
                            .map(|&i| row.get(i).cloned().unwrap_or(Cell::Empty))
                            .collect()
                    })
                    .collect()
            });
            let ids = cols.iter().map(|&i| columns[i].id).collect();
            let labels = cols.iter().map(|&i| columns[i].label).collect();
            save_rows(json, name.clone(), ids, labels, rows);
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
    // The rows in the window, keyed by row and epoch: as the window moves, the rows that stay
    // keep their elements and only the rows coming into view are built; a change of the cells or
    // columns draws all of them again.
    let keyed = move || {
        let ((a, b), at) = (window.get(), epoch.get());
        order.with(|o| {
            o.get(a..b)
                .unwrap_or_default()
                .iter()
                .map(|&r| (r, at))
                .collect::<Vec<(usize, u64)>>()
        })
    };
    let draw_row = {
        let columns = columns.clone();
        move |(r, _): (usize, u64)| {
            let tds = shown_cols
                .try_get_untracked()
                .unwrap_or_default()
                .into_iter()
                .map(|i| {
                    let class = scope.cls(if columns[i].numeric {
                        "cell num"
                    } else {
                        "cell"
                    });
                    match render(r, i) {
                        Some(v) => view! { <td class=class>{v}</td> }.into_any(),
                        None => {
                            let text = cells
                                .try_with_untracked(|c| {
                                    c.get(r).and_then(|row| row.get(i)).map(Cell::display)
                                })
                                .flatten()
                                .unwrap_or_default();
                            let title = text.clone();
                            view! { <td class=class title=title>{text}</td> }.into_any()
                        }
                    }
                })
                .collect_view();
            let click = click.clone();
            let class = scope.cls(if click.is_some() {
                "row clickable"
            } else {
                "row"
            });
            view! { <tr class=class data-row="" on:click=move |_| if let Some(c) = &click { c(r) }>{tds}</tr> }.into_any()
        }
    };
    let spacer = move |rows: Box<dyn Fn() -> usize + Send + Sync>| {
        move || {
            let n = rows();
            (n > 0).then(|| view! { <tr aria-hidden="true" data-spacer="" style=format!("height:{}px", n as f64 * row_h.get())></tr> })
        }
    };
    let above = spacer(Box::new(move || window.get().0 - page_range.get().0));
    let below = spacer(Box::new(move || page_range.get().1 - window.get().1));
    let empty = move || {
        let n = shown_cols.with(Vec::len).max(1);
        order.with(Vec::is_empty).then(|| view! { <tr><td class=scope.cls("empty") colspan=n>{move || if row_count() == 0 { "No rows." } else { "No rows match the filters." }}</td></tr> })
    };
    let body = view! { {above}<For each=keyed key=|k| *k children=draw_row />{below}{empty} };
    // The height of a row as drawn, for the spacers and the window: measured when rows are
    // drawn anew, not at every move of the window (a measure forces the browser to lay out).
    Effect::new(move |_| {
        epoch.track();
        page_range.track();
        let Some(d) = scroller.get() else { return };
        let seen = d.client_height().max(0) as f64;
        if (seen - view_h.get_untracked()).abs() > 0.5 {
            view_h.set(seen);
        }
        let drawn = d
            .query_selector("tbody tr[data-row]")
            .ok()
            .flatten()
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
                    {move || { let n = total(); let all = row_count(); if n == all { format!("{n} rows") } else { format!("{n} of {all} rows") } }}
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
