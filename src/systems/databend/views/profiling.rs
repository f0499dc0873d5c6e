//! Profiling of one node, as downloads: a CPU profile (`/debug/pprof/profile?seconds=&frequency=`,
//! a call that blocks for the profiled seconds: a countdown and a Cancel button show while it
//! runs) and the memory profile (`/debug/jeprof/dump`, servers built with jemalloc profiling).
//! Profiles are binary (gzipped pprof), so they are fetched as bytes and saved as files.

use super::{api, scope, NodePicker, NODE};
use crate::shell::use_cluster;
use crate::url_state::QueryKey;
use crate::ui::kit::{query, set_query};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Profiled seconds.
pub const SECONDS: QueryKey = QueryKey::new("seconds");
/// Sampling frequency (Hz).
pub const FREQUENCY: QueryKey = QueryKey::new("frequency");

/// Reads a positive whole number within `1..=max`, else `default`.
pub fn bounded(text: Option<String>, default: u32, max: u32) -> u32 {
    text.and_then(|t| t.trim().parse::<u32>().ok())
        .filter(|v| (1..=max).contains(v))
        .unwrap_or(default)
}

/// `GET url` as bytes, cancelled by `signal`; a non-2xx answer is an error with its text.
async fn fetch_bytes(url: &str, signal: &web_sys::AbortSignal) -> Result<Vec<u8>, String> {
    let resp = gloo_net::http::Request::get(url)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|e| {
            if signal.aborted() {
                "Cancelled".to_string()
            } else {
                format!("No response: {e}")
            }
        })?;
    let status = resp.status();
    if !(200..300).contains(&status) {
        let body = resp.text().await.unwrap_or_default();
        return Err(format!("HTTP {status} {}: {}", resp.status_text(), body.trim()));
    }
    resp.binary().await.map_err(|e| e.to_string())
}

/// Offers `bytes` for download as `file_name`.
fn save_bytes(file_name: &str, bytes: &[u8]) {
    crate::ui::download::download_bytes(file_name, "application/octet-stream", bytes);
}

/// The profiling page.
#[component]
pub fn ProfilingPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let node = query(NODE);
    let seconds = query(SECONDS);
    let frequency = query(FREQUENCY);
    let set = set_query();
    let remaining = RwSignal::new(None::<u32>);
    let running = RwSignal::new(None::<&'static str>);
    let result = RwSignal::new(None::<Result<String, String>>);
    let controller = StoredValue::new(None::<SendWrapper<web_sys::AbortController>>);
    let ticker = StoredValue::new(None::<SendWrapper<leptos::prelude::IntervalHandle>>);
    let stop_ticker = move || {
        if let Some(Some(h)) = ticker.try_update_value(|t| t.take()) {
            h.clear();
        }
        remaining.try_set(None);
    };
    on_cleanup(move || {
        if let Some(Some(c)) = controller.try_update_value(|c| c.take()) {
            c.abort();
        }
        stop_ticker();
    });
    let start = move |what: &'static str| {
        if running.get_untracked().is_some() {
            return;
        }
        let Ok(ctl) = web_sys::AbortController::new() else {
            return;
        };
        let c = cluster.get_untracked();
        let picked = node.get_untracked().or_else(|| api::configured_nodes(&c).into_iter().next());
        let target = super::picked_target(picked.clone());
        let secs = bounded(seconds.get_untracked(), 5, 300);
        let freq = bounded(frequency.get_untracked(), 99, 1000);
        let (url, file) = if what == "cpu" {
            (
                api::cpu_profile_url(&c, &target, secs, freq),
                format!("meta-cpu-{}-{secs}s.pb.gz", picked.clone().unwrap_or_default().replace(':', "_")),
            )
        } else {
            (
                api::memory_profile_url(&c, &target),
                format!("meta-memory-{}.prof", picked.clone().unwrap_or_default().replace(':', "_")),
            )
        };
        let signal = ctl.signal();
        controller.set_value(Some(SendWrapper::new(ctl)));
        running.set(Some(what));
        result.set(None);
        if what == "cpu" {
            remaining.set(Some(secs));
            if let Ok(h) = set_interval_with_handle(
                move || {
                    remaining.try_update(|r| {
                        if let Some(v) = r {
                            *v = v.saturating_sub(1);
                        }
                    });
                },
                std::time::Duration::from_secs(1),
            ) {
                ticker.set_value(Some(SendWrapper::new(h)));
            }
        }
        leptos::task::spawn_local(async move {
            let r = fetch_bytes(&url, &signal).await;
            stop_ticker();
            controller.try_set_value(None);
            running.try_set(None);
            let r = r.map(|bytes| {
                save_bytes(&file, &bytes);
                format!("Saved {file} ({})", crate::ui::format::bytes(bytes.len() as i64))
            });
            result.try_set(Some(r));
        });
    };
    let cancel = move |_| {
        if let Some(Some(c)) = controller.try_update_value(|c| c.take()) {
            c.abort();
        }
    };
    let (set_s, set_f) = (set.clone(), set);
    view! {
        <div class=s.cls("stack")>
            <h1>"Profiling"</h1>
            <div class=s.cls("form")><NodePicker /></div>
            <div class=s.cls("panel") data-cpu-profile="">
                <h2>"CPU profile"</h2>
                <span class="sb-dim">"The node samples its threads for the given seconds, then answers with a pprof profile (open it with `go tool pprof` or a flame graph tool)."</span>
                <div class=s.cls("form")>
                    <label>"Seconds "<input type="number" min="1" max="300" data-seconds=""
                        prop:value=move || bounded(seconds.get(), 5, 300).to_string()
                        on:change=move |ev| set_s(&[(SECONDS, event_target_value(&ev))]) /></label>
                    <label>"Frequency (Hz) "<input type="number" min="1" max="1000"
                        prop:value=move || bounded(frequency.get(), 99, 1000).to_string()
                        on:change=move |ev| set_f(&[(FREQUENCY, event_target_value(&ev))]) /></label>
                    <button class="sb-primary" disabled=move || running.get().is_some() on:click=move |_| start("cpu")>"Record CPU profile"</button>
                </div>
            </div>
            <div class=s.cls("panel") data-memory-profile="">
                <h2>"Memory profile"</h2>
                <span class="sb-dim">"A jemalloc heap dump; servers built without memory profiling answer 404."</span>
                <div><button class="sb-primary" disabled=move || running.get().is_some() on:click=move |_| start("memory")>"Download memory profile"</button></div>
            </div>
            {move || running.get().map(|what| view! {
                <div class=s.cls("alert") data-profiling="">
                    {match (what, remaining.get()) {
                        ("cpu", Some(r)) if r > 0 => format!("Recording the CPU profile: {r} s left… "),
                        ("cpu", _) => "Waiting for the profile… ".to_string(),
                        _ => "Downloading the memory profile… ".to_string(),
                    }}
                    <button on:click=cancel>"Cancel"</button>
                </div>
            })}
            {move || result.get().map(|r| match r {
                Ok(t) => view! { <div data-result="ok">{t}</div> }.into_any(),
                Err(e) => view! { <pre class=s.cls("err") data-result="error">{e}</pre> }.into_any(),
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_from_the_url_are_bounded() {
        assert_eq!(bounded(Some("10".into()), 5, 300), 10);
        assert_eq!(bounded(Some("0".into()), 5, 300), 5);
        assert_eq!(bounded(Some("9999".into()), 5, 300), 5);
        assert_eq!(bounded(Some("x".into()), 5, 300), 5);
        assert_eq!(bounded(None, 99, 1000), 99);
    }
}
