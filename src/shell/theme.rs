//! Light and dark theme: follows `prefers-color-scheme` until the user picks one, which is kept.

use leptos::prelude::*;

const KEY: &str = "switchboard.theme";

/// The user's theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system setting.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    fn id(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn from_id(s: &str) -> Theme {
        match s {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
    /// The next choice of the toggle: auto → light → dark → auto.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }
}

fn apply(t: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match t {
            Theme::Auto => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", other.id()),
        };
    }
}

/// The theme toggle of the top bar.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let initial = storage
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|s| Theme::from_id(&s))
        .unwrap_or(Theme::Auto);
    let theme = RwSignal::new(initial);
    Effect::new(move |_| {
        let t = theme.get();
        apply(t);
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item(KEY, t.id());
        }
    });
    let label = move || match theme.get() {
        Theme::Auto => "◐ Auto",
        Theme::Light => "☀ Light",
        Theme::Dark => "☾ Dark",
    };
    view! {
        <button title="Theme: auto, light or dark" aria-label="Theme" data-theme-choice=move || theme.get().id()
            on:click=move |_| theme.update(|t| *t = t.next())>{label}</button>
    }
}
