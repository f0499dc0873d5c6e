//! SQL sessions (`GET /api/v2/sessions/`, optionally one user's with `username=`), one page at a
//! time: the page's opaque `start` token and its size are in the URL, so a link opens the same
//! page. User, application, client address, start, the active queries' SQL (as text), the last
//! statement, and the nodes that did not answer.

use super::{api, node_errors};
use crate::shell::use_cluster;
use crate::systems::cockroach::login::cload;
use crate::systems::cockroach::model::Session;
use crate::ui::any_row::{any_rows, col};
use crate::ui::kit::{link_with, query, set_query, status};
use crate::ui::DataTable;
use crate::url_state::QueryKey;
use leptos::prelude::*;

/// `?user=`: only this user's sessions.
pub const USER: QueryKey = QueryKey::new("user");
/// `?start=`: the opaque token of the page shown (none: the first page).
pub const START: QueryKey = QueryKey::new("start");
/// `?size=`: sessions per page.
pub const SIZE: QueryKey = QueryKey::new("size");

/// Sessions per page unless the URL says otherwise.
pub const DEFAULT_SIZE: i64 = 25;

/// The page size of `?size=`: 1 to 1000, else the default.
pub fn page_size(text: Option<&str>) -> i64 {
    text.and_then(|t| t.parse::<i64>().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(DEFAULT_SIZE)
}

/// The token of the page after one that held `got` of `size` sessions and answered `next`:
/// none when the page was not full or `next` is empty or does not move.
pub fn next_start(start: Option<&str>, got: usize, size: i64, next: &str) -> Option<String> {
    (got as i64 >= size && !next.is_empty() && Some(next) != start).then(|| next.to_string())
}

/// The sessions page.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let cluster = use_cluster();
    let user = query(USER);
    let start = query(START);
    let size = query(SIZE);
    let set = set_query();
    // What is typed stays typed until "Show": a reload (a refresh, a login) does not reset it.
    let draft_user = RwSignal::new(String::new());
    let draft_size = RwSignal::new(String::new());
    Effect::new(move |_| draft_user.set(user.get().unwrap_or_default()));
    Effect::new(move |_| draft_size.set(page_size(size.get().as_deref()).to_string()));
    let r = cload(move |c| {
        let user = user.get();
        let start = start.get();
        let size = page_size(size.get().as_deref());
        async move { api::sessions(&c, user.as_deref(), size, start.as_deref()).await }
    });
    let rows = Signal::derive(move || {
        r.with(|d| any_rows(d.map(|p| p.sessions.clone()).unwrap_or_default()))
    });
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
    let pager = move || {
        let c = cluster.get();
        let here = start.get();
        let next = r.with(|d| {
            d.and_then(|p| {
                next_start(
                    here.as_deref(),
                    p.sessions.len(),
                    page_size(size.get().as_deref()),
                    &p.next,
                )
            })
        });
        let keep = [USER, SIZE];
        view! {
            <nav data-pager="" style="display:flex;gap:1em;align-items:center">
                {here.is_some().then(|| view! { <a data-first-page="" href=link_with(&c, "sessions", &keep, &[])>"First page"</a> })}
                {next.map(|n| view! { <a data-next-page="" href=link_with(&c, "sessions", &keep, &[(START, n)])>"Next page"</a> })}
            </nav>
        }
    };
    let errors = move || r.with(|d| d.map(|p| node_errors(&p.errors)));
    view! {
        <div class="sb-stack">
            <super::login::Login />
            <h1>"Sessions"</h1>
            <form data-session-filter="" style="display:flex;gap:1em;align-items:center"
                on:submit=move |ev| {
                    ev.prevent_default();
                    set(&[(USER, draft_user.get_untracked()), (SIZE, draft_size.get_untracked()), (START, String::new())]);
                }>
                <label>
                    "User "
                    <input data-session-user="" placeholder="all users" prop:value=move || draft_user.get()
                        on:input=move |ev| draft_user.set(event_target_value(&ev)) />
                </label>
                <label>
                    "Per page "
                    <input data-session-size="" type="number" min="1" max="1000" style="width:6em"
                        prop:value=move || draft_size.get()
                        on:input=move |ev| draft_size.set(event_target_value(&ev)) />
                </label>
                <button type="submit">"Show"</button>
            </form>
            {status(r, "sessions")}
            {errors}
            <div data-sessions="">
                <DataTable id="sessions" columns rows export_name="sessions" />
            </div>
            {pager}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_next_only_when_it_moves() {
        assert_eq!(page_size(None), DEFAULT_SIZE);
        assert_eq!(page_size(Some("5")), 5);
        assert_eq!(page_size(Some("0")), DEFAULT_SIZE);
        assert_eq!(page_size(Some("x")), DEFAULT_SIZE);
        assert_eq!(next_start(None, 5, 5, "tok"), Some("tok".into()));
        assert_eq!(next_start(Some("tok"), 5, 5, "tok"), None);
        assert_eq!(next_start(None, 3, 5, "tok"), None);
        assert_eq!(next_start(None, 5, 5, ""), None);
    }
}
