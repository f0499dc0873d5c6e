//! The confirm dialog every destructive action passes through. For the worst ones the user must
//! type the resource's name. While it is open, auto-refresh holds.

use super::refresh::RefreshHold;
use super::style::Scope;
use leptos::prelude::*;

/// Scoped styles of dialogs.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/dialog.css");
const _TRACK: &str = include_str!("dialog.css");

/// A button that opens a confirm dialog and runs `on_confirm` only when the user confirms.
#[component]
pub fn ConfirmButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// The dialog's title.
    #[prop(into)]
    title: String,
    /// What will happen, in plain words.
    #[prop(into)]
    message: String,
    /// The confirm button's text.
    #[prop(into)]
    confirm_label: String,
    /// When set, the user must type this (e.g. the resource's name) to confirm.
    #[prop(optional, into)]
    type_to_confirm: Option<String>,
    /// Whether the action destroys something (red buttons).
    #[prop(optional)]
    danger: bool,
    /// Disables the opening button.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Runs after confirmation.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let s = Scope::of(STYLE);
    let hold = RefreshHold::get();
    let set_open = move |v: bool| {
        if v != open.get_untracked() {
            if let Some(h) = hold {
                if v {
                    h.acquire()
                } else {
                    h.release()
                }
            }
            open.set(v);
        }
        typed.set(String::new());
    };
    on_cleanup(move || {
        if open.get_untracked() {
            if let Some(h) = hold {
                h.release()
            }
        }
    });
    let needed = StoredValue::new(type_to_confirm.clone());
    let ok = move || needed.with_value(|n| n.as_deref().is_none_or(|n| typed.get() == n));
    let class = if danger { "sb-danger" } else { "sb-primary" };
    let (title, message, confirm_label, type_to_confirm) = (
        StoredValue::new(title),
        StoredValue::new(message),
        StoredValue::new(confirm_label),
        StoredValue::new(type_to_confirm),
    );
    view! {
        <button class=if danger { "sb-danger" } else { "" } disabled=move || disabled.get() on:click=move |_| set_open(true)>{label}</button>
        <Show when=move || open.get()>
            <div class=s.cls("backdrop") on:click=move |_| set_open(false)>
                <div class=s.cls("dialog") role="dialog" aria-modal="true" on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| if ev.key() == "Escape" { set_open(false) }>
                    <h2 class=s.cls("title")>{title.get_value()}</h2>
                    <p>{message.get_value()}</p>
                    {type_to_confirm.get_value().map(|n| view! {
                        <label>
                            "Type " <code>{n.clone()}</code> " to confirm"
                            <input class=s.cls("typed") aria-label="Type to confirm" autofocus
                                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                        </label>
                    })}
                    <div class=s.cls("actions")>
                        <button on:click=move |_| set_open(false)>"Keep it"</button>
                        <button class=class disabled=move || !ok()
                            on:click=move |_| { set_open(false); on_confirm.run(()); }>{confirm_label.get_value()}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
