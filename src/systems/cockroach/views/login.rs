//! The session line of every CockroachDB page (who is logged in; log out) and the login form,
//! shown over the view when a request was refused with 401 (`POST /api/v2/login/`, form-encoded;
//! `POST /api/v2/logout/`). The view under the form stays as it was: its URL, its data and what
//! was typed into it; a login runs its failed loads again.

use super::api;
use crate::cluster::AuthKind;
use crate::net::auth::console_logs_in;
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::cockroach::login::{forget, keep, logged_in_user, state};
use crate::ui::ErrorPanel;
use leptos::prelude::*;
use leptos::task::spawn_local;

const BACKDROP: &str = "position:fixed;inset:0;z-index:50;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.35)";
const FORM: &str = "display:flex;flex-direction:column;gap:.6em;min-width:22em;max-width:36em;padding:1.2em;background:var(--sb-surface, #fff);color:var(--sb-text);border:1px solid var(--sb-border);border-radius:var(--sb-radius, 6px);box-shadow:var(--sb-shadow)";

/// Who is logged in to the current cluster (with a "Log out" button when the console holds the
/// session, or the proxy's login), and the login form over the view when it is needed.
#[component]
pub fn Login() -> impl IntoView {
    let cluster = use_cluster();
    let st = state();
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<FetchError>);
    let busy = RwSignal::new(false);
    let refused = st.refused.clone();
    let asked = move || {
        let name = cluster.with(|c| c.name.clone());
        refused.with(|r| r.as_ref().filter(|(n, _)| *n == name).map(|(_, w)| w.clone()))
    };
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        let (c, u, p) = (
            cluster.get_untracked(),
            user.get_untracked(),
            password.get_untracked(),
        );
        busy.set(true);
        spawn_local(async move {
            match api::login(&c, u.trim(), &p).await {
                Ok(session) => {
                    password.set(String::new());
                    failure.set(None);
                    keep(&c.name, u.trim(), &session);
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let logout = move |_| {
        let c = cluster.get_untracked();
        spawn_local(async move {
            let r = api::logout(&c).await;
            forget(&c.name, "Logged out.");
            failure.set(r.err());
        });
    };
    let (epoch, refused2) = (st.epoch.clone(), st.refused.clone());
    let line = move || {
        epoch.track();
        refused2.track();
        let c = cluster.get();
        if console_logs_in(&c) {
            logged_in_user(&c.name).map(|u| {
                let shown = u.clone();
                view! {
                    <span data-logged-in=u>"Logged in as "<b>{shown}</b>" "</span>
                    <button on:click=logout>"Log out"</button>
                }
                .into_any()
            })
        } else if c.auth == AuthKind::Session {
            let who = c.about.login.clone().unwrap_or_default();
            let text = if who.is_empty() {
                "Logged in by this deployment's proxy, which renews the session".to_string()
            } else {
                format!("Logged in as {who} by this deployment's proxy, which renews the session")
            };
            Some(view! { <span data-logged-in=who class="sb-dim">{text}</span> }.into_any())
        } else {
            None
        }
    };
    let form = move || {
        asked().map(|why| {
            view! {
                <div style=BACKDROP>
                    <form role="dialog" aria-label="Log in" data-login="" style=FORM
                        on:submit=move |ev| { ev.prevent_default(); submit(); }>
                        <h2 style="margin:0">"Log in to "{move || cluster.with(|c| c.name.clone())}</h2>
                        <p class="sb-dim" data-login-reason="">
                            {if why.is_empty() { "The cluster asks for a login.".to_string() } else { why }}
                        </p>
                        <label>"User name "<input id="crdb-user" name="username" autocomplete="username" required
                            prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev)) /></label>
                        <label>"Password "<input id="crdb-password" name="password" type="password" autocomplete="current-password"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) /></label>
                        <div><button type="submit" class="sb-primary" disabled=move || busy.get()>"Log in"</button></div>
                        {move || failure.get().map(|e| view! { <ErrorPanel error=e on_retry=Callback::new(move |_| submit()) /> })}
                    </form>
                </div>
            }
        })
    };
    view! {
        <div data-session-line="" style="display:flex;gap:.5em;align-items:center;justify-content:flex-end">{line}</div>
        {form}
    }
}
