//! A row of tabs that are links, so the chosen tab lives in the URL and a copied link opens it.

use super::style::Scope;
use leptos::prelude::*;

/// Scoped styles of the tab bar.
pub const STYLE: (&str, &str) = stylers::style_sheet_str!("src/ui/tabs.css");
const _TRACK: &str = include_str!("tabs.css");

/// One tab: where it leads and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct TabLink {
    /// The link (already base-path aware, see `crate::shell::href`).
    pub href: String,
    /// The text.
    pub label: String,
    /// Whether it is the tab shown now.
    pub active: bool,
}

/// The tab bar; `small` for tabs nested in a panel.
#[component]
pub fn Tabs(
    /// The tabs, in order.
    #[prop(into)]
    tabs: Signal<Vec<TabLink>>,
    /// Smaller tabs (second level).
    #[prop(optional)]
    small: bool,
    /// Tabs that cannot be opened now, as `(label, reason)`: drawn disabled, the reason as tooltip.
    #[prop(optional, into)]
    disabled: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let s = Scope::of(STYLE);
    let class = s.cls(if small { "tab tab-small" } else { "tab" });
    let off = s.cls(if small {
        "tab tab-small tab-disabled"
    } else {
        "tab tab-disabled"
    });
    view! {
        <nav class=s.cls("tabs") role="tablist">
            {move || {
                let disabled = disabled.get();
                tabs.get().into_iter().map(|t| match disabled.iter().find(|(l, _)| *l == t.label) {
                    Some((_, reason)) => view! {
                        <span class=off.clone() role="tab" aria-disabled="true" title=reason.clone() data-disabled-reason=reason.clone()>{t.label}</span>
                    }.into_any(),
                    None => view! {
                        <a class=class.clone() role="tab" href=t.href aria-current=if t.active { "page" } else { "false" }
                            aria-selected=t.active.to_string()>{t.label}</a>
                    }.into_any(),
                }).collect_view()
            }}
        </nav>
    }
}
