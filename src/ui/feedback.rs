//! Feedback pieces every view uses: the error panel, loading line, status badge, key-value panel
//! and toasts.

use super::style::Scope;
use crate::net::FetchError;
use leptos::prelude::*;

/// Scoped styles of the feedback pieces.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/feedback.css");
const _TRACK: &str = include_str!("feedback.css");
fn scope() -> Scope {
    Scope::of(STYLE)
}

/// Shows a failed request: what failed, the status, the server's message (as text), the request,
/// and a retry button.
#[component]
pub fn ErrorPanel(
    /// The failure.
    error: FetchError,
    /// Called by the retry button.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let s = scope();
    let e = &error.error;
    let status = e.status().map(|s| format!("HTTP {s}"));
    let detail = e.to_string();
    let message = e.server_message().map(str::to_string);
    let request = format!(
        "{} {}",
        error.method,
        crate::net::request::absolute_url(&error.url)
    );
    let retry = on_retry.filter(|_| e.retryable());
    view! {
        <div class=s.cls("error") role="alert" data-error-kind=e.title()>
            <div class=s.cls("error-title")>{e.title()}{status.map(|s| format!(" · {s}"))}</div>
            <div>{detail}</div>
            {message.map(|m| view! { <pre class=s.cls("error-body") data-server-message="">{m}</pre> })}
            <div class="sb-dim sb-mono" data-request="">{request}</div>
            {retry.map(|r| view! { <div><button class="sb-primary" on:click=move |_| r.run(())>"Retry"</button></div> })}
        </div>
    }
}

/// The line shown while something loads.
#[component]
pub fn Loading(
    /// What is loading.
    #[prop(optional, into)]
    what: Option<String>,
) -> impl IntoView {
    view! { <div class=scope().cls("loading") aria-busy="true">{format!("Loading {}…", what.unwrap_or_default())}</div> }
}

/// The tone of a badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Healthy, finished well.
    Ok,
    /// Degraded, in progress.
    Warn,
    /// Failed, down.
    Bad,
    /// Not known (yet).
    Unknown,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Ok => "badge ok",
            Tone::Warn => "badge warn",
            Tone::Bad => "badge bad",
            Tone::Unknown => "badge unknown",
        }
    }
}

/// A small coloured label (states, health).
#[component]
pub fn Badge(
    /// The colour.
    #[prop(into)]
    tone: Signal<Tone>,
    /// The text.
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let s = scope();
    view! { <span class=move || s.cls(tone.get().class()) data-tone=move || format!("{:?}", tone.get())>{move || text.get()}</span> }
}

/// A list of labelled values.
#[component]
pub fn KeyValue(
    /// `(label, value)` pairs, shown in order.
    #[prop(into)]
    items: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let s = scope();
    view! {
        <dl class=s.cls("kv")>
            {move || items.get().into_iter().map(|(k, v)| view! {
                <dt class=s.cls("kv-key")>{k}</dt><dd class=s.cls("kv-value")>{v}</dd>
            }).collect_view()}
        </dl>
    }
}

/// A notification's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    /// Something worked.
    Success,
    /// Something failed.
    Error,
    /// For information.
    Info,
}

#[derive(Clone, Debug, PartialEq)]
struct ToastItem {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// The toasts shown at the bottom right; provided as context by the app.
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<ToastItem>>,
    next: StoredValue<u64>,
}

impl Toasts {
    /// Creates the toast list and provides it as context.
    pub fn provide() -> Toasts {
        let t = Toasts {
            items: RwSignal::new(Vec::new()),
            next: StoredValue::new(1),
        };
        provide_context(t);
        t
    }

    /// Shows a toast for a few seconds (errors stay until closed).
    pub fn show(self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.items.update(|v| {
            v.push(ToastItem {
                id,
                kind,
                text: text.into(),
            })
        });
        if kind != ToastKind::Error {
            set_timeout(
                move || self.items.update(|v| v.retain(|t| t.id != id)),
                std::time::Duration::from_secs(5),
            );
        }
    }
}

/// Shows a toast through the app's [`Toasts`] (does nothing outside the app).
pub fn toast(kind: ToastKind, text: impl Into<String>) {
    if let Some(t) = use_context::<Toasts>() {
        t.show(kind, text);
    }
}

/// Renders the toasts.
#[component]
pub fn ToastHost() -> impl IntoView {
    let t = use_context::<Toasts>().unwrap_or_else(Toasts::provide);
    let s = scope();
    view! {
        <div class=s.cls("toasts") aria-live="polite">
            <For each=move || t.items.get() key=|i| i.id let:item>
                {
                    let id = item.id;
                    let class = match item.kind {
                        ToastKind::Error => "toast toast-bad",
                        ToastKind::Success => "toast toast-ok",
                        ToastKind::Info => "toast",
                    };
                    view! {
                        <div class=s.cls(class) role="status">
                            <span>{item.text.clone()}</span>
                            <button aria-label="Dismiss" on:click=move |_| t.items.update(|v| v.retain(|x| x.id != id))>"×"</button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
