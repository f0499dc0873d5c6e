//! Auto-refresh: a per-view interval kept in the URL (`refresh=5s`), paused while the tab is hidden
//! and while a form or dialog holds it; views re-fetch when the clock ticks.

use crate::url_state::{Query, REFRESH};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::time::Duration;

/// The intervals offered, as written in the URL.
pub const INTERVALS: [&str; 8] = ["off", "1s", "2s", "5s", "10s", "15s", "30s", "1m"];

/// Parses an interval as written in the URL (`5s`, `1m`, `off`); unknown text is off. The bench
/// build (`--features bench`) also takes milliseconds (`100ms`), for the time-compressed polling
/// soak of `make bench`; the release bundle does not.
pub fn parse_interval(text: &str) -> Option<Duration> {
    let t = text.trim();
    let (n, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = n.parse().ok().filter(|n| *n > 0)?;
    match unit {
        "s" => Some(Duration::from_secs(n)),
        "m" => Some(Duration::from_secs(n * 60)),
        #[cfg(feature = "bench")]
        "ms" => Some(Duration::from_millis(n)),
        _ => None,
    }
}

/// Holds auto-refresh while a form is being edited or a dialog is open (a counter of holders).
#[derive(Clone, Copy)]
pub struct RefreshHold(RwSignal<u32>);

impl RefreshHold {
    /// The app's hold, if inside the app.
    pub fn get() -> Option<RefreshHold> {
        use_context::<RefreshHold>()
    }
    /// Adds a holder.
    pub fn acquire(self) {
        self.0.update(|n| *n += 1);
    }
    /// Removes a holder.
    pub fn release(self) {
        self.0.update(|n| *n = n.saturating_sub(1));
    }
    /// Whether anything holds.
    pub fn held(self) -> bool {
        self.0.get() > 0
    }
}

/// The refresh clock; views that track [`RefreshClock::tick`] re-fetch on each tick.
#[derive(Clone, Copy)]
pub struct RefreshClock {
    /// Increases on every refresh (timed or "refresh now").
    pub tick: RwSignal<u64>,
    /// Whether the tab is visible (follows the document's `visibilitychange`).
    pub visible: RwSignal<bool>,
}

impl RefreshClock {
    /// Creates the clock and the hold, provides both, and starts ticking at the URL's interval.
    pub fn provide() -> RefreshClock {
        let clock = RefreshClock {
            tick: RwSignal::new(0),
            visible: RwSignal::new(!tab_hidden()),
        };
        // A tick that falls while the tab is hidden is skipped, and made up for when it shows again.
        let missed = StoredValue::new(false);
        watch_visibility(move |visible| {
            clock.visible.set(visible);
            if visible && missed.get_value() {
                missed.set_value(false);
                clock.bump();
            }
        });
        let hold = RefreshHold(RwSignal::new(0));
        provide_context(clock);
        provide_context(hold);
        let location = use_location();
        let interval = Memo::new(move |_| {
            Query::parse(&location.search.get())
                .get(REFRESH.name())
                .and_then(parse_interval)
        });
        Effect::new(move |prev: Option<Option<IntervalHandle>>| {
            if let Some(Some(h)) = prev {
                h.clear();
            }
            interval.get().and_then(|every| {
                set_interval_with_handle(
                    move || {
                        if tab_hidden() {
                            missed.set_value(true);
                        } else if !hold.0.get_untracked().gt(&0) {
                            clock.tick.update(|t| *t += 1);
                        }
                    },
                    every,
                )
                .ok()
            })
        });
        clock
    }

    /// The app's clock, if inside the app.
    pub fn get() -> Option<RefreshClock> {
        use_context::<RefreshClock>()
    }

    /// Refreshes now.
    pub fn bump(self) {
        self.tick.update(|t| *t += 1);
    }
}

/// Runs `f` now, whenever the signals it reads change, and on every refresh tick. For work that
/// fans out by itself (one health check per cluster); a view that loads data uses
/// [`crate::ui::kit::load`], which follows the same clock.
pub fn on_refresh(f: impl Fn() + 'static) {
    let clock = RefreshClock::get();
    Effect::new(move |_| {
        if let Some(c) = clock {
            c.tick.track();
        }
        f();
    });
}

/// Calls `f` with the tab's visibility whenever it changes (for the life of the page).
fn watch_visibility(f: impl Fn(bool) + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let cb = Closure::<dyn Fn()>::new(move || f(!tab_hidden()));
        let _ = d.add_event_listener_with_callback("visibilitychange", cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

/// Whether the tab is hidden (another tab in front, the window minimised).
pub fn tab_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Holds auto-refresh for as long as the calling component lives (use in forms).
pub fn hold_while_mounted() {
    if let Some(h) = RefreshHold::get() {
        h.acquire();
        on_cleanup(move || h.release());
    }
}

/// The refresh control of the top bar: the interval (kept in the URL) and "refresh now".
#[component]
pub fn RefreshControl() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let clock = RefreshClock::get();
    let hold = RefreshHold::get();
    let current = move || {
        Query::parse(&location.search.get())
            .get(REFRESH.name())
            .unwrap_or("off")
            .to_string()
    };
    let change = move |ev| {
        let mut q = Query::parse(&location.search.get_untracked());
        let v = event_target_value(&ev);
        q.set(REFRESH.name(), if v == "off" { String::new() } else { v });
        navigate(
            &q.with_path(&crate::url_state::app_path(
                &location.pathname.get_untracked(),
            )),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let paused = move || hold.is_some_and(|h| h.held()) && current() != "off";
    view! {
        <span class="sb-row">
            <button title="Refresh now" aria-label="Refresh now" on:click=move |_| if let Some(c) = clock { c.bump() }>"⟳"</button>
            <select aria-label="Auto-refresh" on:change=change>
                {INTERVALS.iter().map(|&i| view! {
                    <option value=i selected=move || current() == i>{if i == "off" { "Auto-refresh off".to_string() } else { format!("Every {i}") }}</option>
                }).collect_view()}
            </select>
            <Show when=paused><span class="sb-dim" title="Paused while a form or dialog is open">"paused"</span></Show>
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_offered_intervals() {
        assert_eq!(parse_interval("off"), None);
        assert_eq!(parse_interval("1s"), Some(Duration::from_secs(1)));
        assert_eq!(parse_interval("1m"), Some(Duration::from_secs(60)));
        for i in &INTERVALS[1..] {
            assert!(parse_interval(i).is_some(), "{i}");
        }
    }

    #[test]
    fn rejects_nonsense() {
        for bad in ["", "0s", "5", "5h", "s", "-1s", "1.5s"] {
            assert_eq!(parse_interval(bad), None, "{bad}");
        }
    }
}
