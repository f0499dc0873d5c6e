//! The request log panel ("API inspector"): every call with method, URL, status, duration, size and
//! a copyable curl command (credentials masked).

use super::scope;
use crate::net::log::{clear, entries, LogEntry};
use crate::ui::download::copy_text;
use leptos::prelude::*;

fn size_text(n: usize) -> String {
    match n {
        n if n < 1024 => format!("{n} B"),
        n if n < 1024 * 1024 => format!("{:.1} KB", n as f64 / 1024.0),
        n => format!("{:.1} MB", n as f64 / 1048576.0),
    }
}

/// The request log panel. It is closed when the console starts, so in the release bundle its
/// code is a chunk of its own (`request_log`), fetched the first time the panel opens; the calls
/// are recorded from the start either way (`net::log`).
#[component]
pub fn RequestLog() -> impl IntoView {
    Suspend::new(async move {
        #[cfg(wasm_split)]
        let panel = render_panel().await;
        #[cfg(not(wasm_split))]
        let panel = render_panel();
        panel.unwrap_or_else(|_| crate::systems::chunk::failed("request log", "request_log"))
    })
}

/// The panel, from its chunk.
#[cfg_attr(
    wasm_split,
    leptos::wasm_split::wasm_split(request_log, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn render_panel() -> Result<AnyView, crate::systems::chunk::ChunkError> {
    Ok(view! { <Panel /> }.into_any())
}

/// The panel listing the calls, newest first.
#[component]
fn Panel() -> impl IntoView {
    let s = scope();
    let log = entries();
    let list = {
        let log = log.clone();
        move || {
            let mut v: Vec<LogEntry> = log.get();
            v.reverse();
            v
        }
    };
    let count = move || log.with(Vec::len);
    view! {
        <aside class=s.cls("log") aria-label="Request log">
            <div class="sb-row"><strong>"Requests"</strong><span class="sb-dim">{count}</span><span style="flex:1"></span><button on:click=move |_| clear()>"Clear"</button></div>
            <For each=list key=|e| (e.id, e.pending) let:e>
                {
                    let status = match (e.pending, e.status) {
                        (true, _) => "…".to_string(),
                        (false, Some(s)) => s.to_string(),
                        (false, None) => "failed".to_string(),
                    };
                    let curl = e.curl.clone();
                    view! {
                        <div class=s.cls("log-entry") data-log-entry="">
                            <div class=s.cls("log-url")><strong>{e.method.clone()}</strong>" "{e.url.clone()}</div>
                            <div class=s.cls("log-meta")>
                                <span data-status="">{status}</span>
                                <span>{format!("{:.0} ms", e.duration_ms)}</span>
                                <span>{e.size.map(size_text).unwrap_or_default()}</span>
                                {e.error.clone().map(|x| view! { <span style="color:var(--sb-bad)">{x}</span> })}
                            </div>
                            <div class="sb-row">
                                <code class=s.cls("log-curl")>{e.curl.clone()}</code>
                                <button title="Copy as curl" on:click=move |_| copy_text(&curl)>"Copy curl"</button>
                            </div>
                        </div>
                    }
                }
            </For>
        </aside>
    }
}
