//! The login session the console holds for a cluster whose proxy holds no login (or in direct
//! mode): kept in the tab's sessionStorage only (`net::auth` sends it on every request), never
//! in a URL or the request log. A request refused with 401 opens the login form over the view;
//! a login bumps an epoch that every CockroachDB load tracks, so what failed runs again while the
//! view, its URL and its inputs stay as they were.

use crate::cluster::Cluster;
use crate::net::auth::{console_logs_in, session_key, tab_storage};
use crate::net::{FetchError, NetError};
use crate::ui::kit::load;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;

/// The login state shared by every CockroachDB view of the tab.
#[derive(Clone)]
pub struct LoginState {
    /// The cluster whose request was refused and the server's words: the login form shows.
    pub refused: ArcRwSignal<Option<(String, String)>>,
    /// Bumped by each login; every load reads it, so they all run again.
    pub epoch: ArcRwSignal<u32>,
}

thread_local! {
    static STATE: LoginState = LoginState {
        refused: ArcRwSignal::new(None),
        epoch: ArcRwSignal::new(0),
    };
}

/// The tab's login state.
pub fn state() -> LoginState {
    STATE.with(Clone::clone)
}

/// The sessionStorage key of the user name of the session the console holds for `cluster`.
fn user_key(cluster: &str) -> String {
    format!("{}.user", session_key(cluster))
}

/// The user the console is logged in as on `cluster`, when it holds a session.
pub fn logged_in_user(cluster: &str) -> Option<String> {
    let s = tab_storage()?;
    s.get_item(&session_key(cluster)).ok().flatten()?;
    s.get_item(&user_key(cluster)).ok().flatten()
}

/// Keeps `session` of `user` for `cluster` (sessionStorage only), closes the login form and runs
/// every load again.
pub fn keep(cluster: &str, user: &str, session: &str) {
    if let Some(s) = tab_storage() {
        let _ = s.set_item(&session_key(cluster), session);
        let _ = s.set_item(&user_key(cluster), user);
    }
    let st = state();
    st.refused.set(None);
    st.epoch.update(|n| *n += 1);
}

/// Forgets the session held for `cluster` and shows the login form with `why`.
pub fn forget(cluster: &str, why: &str) {
    if let Some(s) = tab_storage() {
        let _ = s.remove_item(&session_key(cluster));
        let _ = s.remove_item(&user_key(cluster));
    }
    state().refused.set(Some((cluster.to_string(), why.to_string())));
}

/// Whether `e` is a refused or missing session (HTTP 401).
pub fn is_unauthenticated(e: &FetchError) -> bool {
    matches!(e.error, NetError::AuthRequired { status: 401, .. })
}

/// Opens the login form when `e` is a 401 on a cluster the console logs in to itself.
fn notice(c: &Cluster, e: &FetchError) {
    if is_unauthenticated(e) && console_logs_in(c) {
        let words = match &e.error {
            NetError::AuthRequired { body, .. } => body.trim().to_string(),
            _ => String::new(),
        };
        state().refused.set(Some((c.name.clone(), words)));
    }
}

/// [`load`] for CockroachDB views: a 401 opens the login form, and a login runs it again.
pub fn cload<T, Fut>(f: impl Fn(Cluster) -> Fut + 'static) -> Loaded<T>
where
    T: Any + Send + Sync,
    Fut: Future<Output = Result<T, FetchError>> + 'static,
{
    let epoch = state().epoch;
    load(move |c| {
        epoch.track();
        let fut = f(c.clone());
        async move {
            let r = fut.await;
            if let Err(e) = &r {
                notice(&c, e);
            }
            r
        }
    })
}
