//! SQL sessions (`GET /api/v2/sessions/`, every page, optionally one user's with `username=`):
//! user, application, client address, start, the active queries' SQL (as text) and the last
//! statement.

use super::api;
use crate::systems::cockroach::model::Session;
use crate::ui::any_row::{any_rows, col};
use crate::ui::kit::{load, query, set_query, status};
use crate::ui::DataTable;
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// `?user=`: only this user's sessions.
pub const USER: QueryKey = QueryKey::new("user");

/// The sessions page.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let user = query(USER);
    let set = set_query();
    let r = load(move |c| {
        let user = user.get().filter(|u| !u.is_empty());
        async move { api::sessions(&c, user.as_deref()).await }
    });
    let rows = Signal::derive(move || r.with(|d| any_rows(d.cloned().unwrap_or_default())));
    let columns = vec![
        col::num("node", "Node", |s: &Session| (s.node_id as f64).into()),
        col::text("user", "User", |s: &Session| s.username.as_str().into()),
        col::text("app", "Application", |s: &Session| {
            s.application_name.as_str().into()
        }),
        col::text("client", "Client", |s: &Session| s.client_address.as_str().into()),
        col::text("start", "Started", |s: &Session| s.start.as_str().into()),
        col::text("active", "Active queries", |s: &Session| {
            s.active_queries
                .iter()
                .map(|q| q.sql.as_str())
                .collect::<Vec<_>>()
                .join("; ")
                .into()
        }),
        col::text("last", "Last statement", |s: &Session| {
            s.last_active_query.as_str().into()
        }),
    ];
    view! {
        <div class="sb-stack">
            <h1>"Sessions"</h1>
            <label>
                "User "
                <input data-session-user="" placeholder="all users" prop:value=move || user.get().unwrap_or_default()
                    on:change=move |ev| set(&[(USER, event_target_value(&ev))]) />
            </label>
            {status(r, "sessions")}
            <div data-sessions="">
                <DataTable id="sessions" columns rows export_name="sessions" />
            </div>
        </div>
    }
}
