//! Users (`GET /api/v2/users/`, every page) and the event log (`GET /api/v2/events/`, one page at
//! a time, newest first; the page's offset and the event type filter are in the URL).

use super::api;
use crate::shell::use_cluster;
use crate::systems::cockroach::login::cload;
use crate::systems::cockroach::schema::{Event, User};
use crate::ui::any_row::{any_rows, col};
use crate::ui::kit::{link_with, query, set_query, status};
use crate::ui::DataTable;
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// `?type=`: only events of this type.
pub const TYPE: QueryKey = QueryKey::new("type");
/// `?offset=`: where the page starts.
pub const OFFSET: QueryKey = QueryKey::new("offset");

/// Events per page.
pub const EVENTS_PAGE: i64 = 50;

/// The users page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let r = cload(move |c| async move { api::users(&c).await });
    let rows = Signal::derive(move || r.with(|d| any_rows(d.cloned().unwrap_or_default())));
    let columns = vec![col::text("user", "User", |u: &User| {
        u.username.as_str().into()
    })];
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <h1>"Users"</h1>
            {status(r, "users")}
            <div data-users=""><DataTable id="users" columns rows export_name="users" /></div>
        </div>
    }
}

/// The offset of `?offset=` (0 when absent or not a non-negative number).
pub fn offset_of(text: Option<&str>) -> i64 {
    text.and_then(|t| t.parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .unwrap_or(0)
}

/// The events page.
#[component]
pub fn EventsPage() -> impl IntoView {
    let cluster = use_cluster();
    let kind = query(TYPE);
    let offset = query(OFFSET);
    let set = set_query();
    let r = cload(move |c| {
        let kind = kind.get();
        let offset = offset_of(offset.get().as_deref());
        async move { api::events(&c, kind.as_deref(), EVENTS_PAGE, offset).await }
    });
    let rows = Signal::derive(move || {
        r.with(|d| any_rows(d.map(|p| p.events.clone()).unwrap_or_default()))
    });
    let columns = vec![
        col::text("time", "Time", |e: &Event| e.timestamp.as_str().into()),
        col::text("type", "Type", |e: &Event| e.event_type.as_str().into()),
        col::num("target", "Target id", |e: &Event| (e.target_id as f64).into()),
        col::num("node", "Reported by", |e: &Event| (e.reporting_id as f64).into()),
        col::text("info", "Details", |e: &Event| e.info.as_str().into()),
    ];
    let pager = move || {
        let c = cluster.get();
        let at = offset_of(offset.get().as_deref());
        let next = r.with(|d| {
            d.and_then(|p| {
                crate::systems::cockroach::api::next_offset(at, p.events.len(), p.next)
            })
        });
        let prev = (at > 0).then(|| (at - EVENTS_PAGE).max(0));
        view! {
            <nav data-pager="" style="display:flex;gap:1em">
                {prev.map(|p| view! { <a data-prev-page="" href=link_with(&c, "events", &[TYPE], &[(OFFSET, p.to_string())])>"Previous page"</a> })}
                {next.map(|n| view! { <a data-next-page="" href=link_with(&c, "events", &[TYPE], &[(OFFSET, n.to_string())])>"Next page"</a> })}
            </nav>
        }
    };
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <h1>"Events"</h1>
            <label>
                "Type "
                <input data-event-type="" placeholder="all types, e.g. create_table" prop:value=move || kind.get().unwrap_or_default()
                    on:change=move |ev| set(&[(TYPE, event_target_value(&ev)), (OFFSET, String::new())]) />
            </label>
            {status(r, "events")}
            <div data-events=""><DataTable id="events" columns rows export_name="events" /></div>
            {pager}
        </div>
    }
}
