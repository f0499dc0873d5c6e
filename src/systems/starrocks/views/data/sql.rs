//! A small query box on the SQL API (`POST /api/v2/{catalog}/{db}/sql`, NDJSON). The query,
//! catalog and database live in the URL (`q=`, `catalog=`, `db=`) so a link reruns it; a failure,
//! even one sent with HTTP 200, is an error with the server's message, never a result.

use super::DB;
use crate::systems::starrocks::api_data;
use crate::systems::starrocks::model_data::SqlResult;
use crate::systems::starrocks::views::scope;
use crate::ui::kit::{load_once, query, set_query, status};
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// The query text.
pub const Q: QueryKey = QueryKey::new("q");
/// The catalog (`default_catalog` when absent).
pub const CATALOG: QueryKey = QueryKey::new("catalog");

/// The SQL page.
#[component]
pub fn SqlPage() -> impl IntoView {
    let s = scope();
    let (q, catalog, db) = (query(Q), query(CATALOG), query(DB));
    let set = set_query();
    let text = RwSignal::new(q.get_untracked().unwrap_or_else(|| "show databases".into()));
    let cat = RwSignal::new(catalog.get_untracked().unwrap_or_else(|| "default_catalog".into()));
    let dbv = RwSignal::new(db.get_untracked().unwrap_or_default());
    let result = load_once(move |c| {
        let (q, cat, d) = (q.get(), catalog.get().unwrap_or_else(|| "default_catalog".into()), db.get().unwrap_or_default());
        async move {
            match q {
                Some(q) => api_data::sql(&c, &cat, &d, &q).await.map(Some),
                None => Ok(None::<SqlResult>),
            }
        }
    });
    let run = move || {
        set(&[(Q, text.get_untracked()), (CATALOG, cat.get_untracked()), (DB, dbv.get_untracked())]);
        result.refetch();
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"SQL"</h1>
            <form class=s.cls("panel") on:submit=move |ev| { ev.prevent_default(); run(); }>
                <div class=s.cls("form")>
                    <label>"Catalog "<input prop:value=move || cat.get() on:input=move |ev| cat.set(event_target_value(&ev)) /></label>
                    <label>"Database "<input data-sql-db="" prop:value=move || dbv.get() on:input=move |ev| dbv.set(event_target_value(&ev)) /></label>
                </div>
                <textarea rows="4" aria-label="SQL" data-sql="" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <div><button class="sb-primary" type="submit">"Run"</button></div>
            </form>
            {move || result.get().flatten().filter(|_| result.error().is_none()).map(|r| view! {
                <div class=s.cls("panel") data-sql-result=r.rows.len().to_string()>
                    <span class="sb-dim">{format!("{} rows{}", r.rows.len(), r.statistics.iter().map(|(k, v)| format!(" · {k} {v}")).collect::<String>())}</span>
                    <table class=s.cls("table")>
                        <thead><tr>{r.columns.iter().map(|c| view! { <th>{c.clone()}</th> }).collect_view()}</tr></thead>
                        <tbody>{r.rows.iter().map(|row| view! { <tr>{row.iter().map(|v| view! { <td>{v.clone()}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                    </table>
                </div>
            })}
            {status(result, "query")}
        </div>
    }
}
