//! The proc browser: `GET /api/show_proc?path=<path>` as a tree. The path lives in the URL
//! (`path=`); rows of directories link to their child (the value of the column that names it,
//! `model::child_column`, appended to the path, that column shown first); breadcrumbs go back
//! up. An empty list (what the FE answers for an unknown path) and a reported failure are shown
//! as such.

use super::{scope, OpenRow, ProcGrid};
use crate::shell::use_cluster;
use crate::systems::starrocks::api;
use crate::systems::starrocks::model::{breadcrumbs, child_column, child_path, normalize, ProcRow};
use crate::ui::kit::{link, load, query, status};
use crate::url_state::{encode, QueryKey};
use leptos::prelude::*;
use std::sync::Arc;

/// The proc path shown (`/` when absent).
pub const PATH: QueryKey = QueryKey::new("path");

/// The proc browser page.
#[component]
pub fn ProcPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let path = query(PATH);
    let current = Memo::new(move |_| normalize(&path.get().unwrap_or_default()));
    let r = load(move |c| {
        let p = current.get();
        async move { api::show_proc(&c, &p).await.map(|t| (p, t)) }
    });
    let base = Memo::new(move |_| cluster.with(|c| link(c, "proc")));
    let href = move |p: &str| format!("{}?{}={}", base.get_untracked(), PATH.name(), encode(p));
    let crumbs = move || {
        breadcrumbs(&current.get())
            .into_iter()
            .map(|(label, p)| view! { <span>"›"</span><a href=href(&p) data-crumb=p.clone()>{label}</a> })
            .collect_view()
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"Proc browser"</h1>
            <nav class=s.cls("crumbs") data-crumbs="">{crumbs}</nav>
            {move || r.get().filter(|(p, _)| *p == current.get()).map(|(p, mut t)| {
                // The column that names each row's child comes first and carries the link.
                if let Some(i) = child_column(&p).and_then(|c| t.columns.iter().position(|x| x == c)) {
                    let c = t.columns.remove(i);
                    t.columns.insert(0, c);
                }
                if t.rows.is_empty() {
                    return view! {
                        <div class=s.cls("alert badline") data-proc-empty="">
                            {format!("show_proc?path={p} returned an empty list: the path does not exist (or it has no rows).")}
                        </div>
                    }.into_any();
                }
                let at = p.clone();
                let open: OpenRow =
                    Arc::new(move |row: &ProcRow| child_path(&at, row).map(|c| href(&c)));
                view! {
                    <span class="sb-dim" data-proc-path=p.clone()>{format!("{p}: {} rows", t.rows.len())}</span>
                    <ProcGrid id="proc" table=t open=open />
                }.into_any()
            })}
            {status(r, "proc")}
        </div>
    }
}
