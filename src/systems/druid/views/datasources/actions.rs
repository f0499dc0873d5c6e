//! The actions of a datasource: mark segments used or unused by interval or by ids, mark all
//! used, mark the datasource unused, kill an interval. Each goes through a confirm dialog; its
//! result (with the segment count before and after) is shown under the form, which keeps what
//! was typed when it fails.

use crate::shell::use_cluster;
use crate::systems::druid::api::{datasources as api, error_text};
use crate::systems::druid::model::datasources::{mark_payload, parse_interval};
use crate::ui::format::count;
use crate::ui::kit::toaster;
use crate::ui::{ConfirmButton, ToastKind};
use leptos::prelude::*;

/// What an action does, for its result line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Act {
    MarkUsed,
    MarkUnused,
    AllUsed,
    AllUnused,
    Kill,
}

impl Act {
    fn label(self) -> &'static str {
        match self {
            Act::MarkUsed => "Mark used",
            Act::MarkUnused => "Mark unused",
            Act::AllUsed => "Mark all used",
            Act::AllUnused => "Mark datasource unused",
            Act::Kill => "Kill interval",
        }
    }
}

/// The actions panel of datasource `ds`; `segment_count` is the count shown now (to report the
/// change), `on_done` reloads the page's data after an action.
#[component]
pub fn Actions(
    /// The datasource.
    ds: String,
    /// Segments served now, once known.
    #[prop(into)]
    segment_count: Signal<Option<i64>>,
    /// Called after every action that reached the server.
    on_done: Callback<()>,
) -> impl IntoView {
    let ds = StoredValue::new(ds);
    let cluster = use_cluster();
    let toast = toaster();
    let interval = RwSignal::new(String::new());
    let ids = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let deprecated_kill = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<String, String>>);
    let before = RwSignal::new(None::<i64>);
    let validation = Memo::new(move |_| mark_payload(&interval.get(), &ids.get()).err());
    let kill_invalid = Memo::new(move |_| parse_interval(interval.get().trim()).is_none());

    let run = move |act: Act| {
        let (c, d) = (cluster.get_untracked(), ds.get_value());
        let payload = mark_payload(&interval.get_untracked(), &ids.get_untracked());
        let iv = interval.get_untracked().trim().to_string();
        let old_kill = deprecated_kill.get_untracked();
        if matches!(act, Act::MarkUsed | Act::MarkUnused) {
            if let Err(e) = &payload {
                result.set(Some(Err(e.clone())));
                return;
            }
        }
        if act == Act::Kill && parse_interval(&iv).is_none() {
            result.set(Some(Err("Give the interval to kill, as start/end.".into())));
            return;
        }
        before.set(segment_count.get_untracked());
        busy.set(true);
        result.set(None);
        leptos::task::spawn_local(async move {
            let out = match (act, payload) {
                (Act::MarkUsed, Ok(p)) => api::mark_used(&c, &d, &p).await.map(|m| m.describe()),
                (Act::MarkUnused, Ok(p)) => {
                    api::mark_unused(&c, &d, &p).await.map(|m| m.describe())
                }
                (Act::AllUsed, _) => api::mark_all_used(&c, &d).await.map(|m| m.describe()),
                (Act::AllUnused, _) => api::mark_all_unused(&c, &d).await.map(|m| m.describe()),
                (Act::Kill, _) => if old_kill {
                    api::kill_interval_deprecated(&c, &d, &iv).await
                } else {
                    api::kill_interval(&c, &d, &iv).await
                }
                .map(|()| "kill task submitted (see Tasks)".to_string()),
                (_, Err(e)) => {
                    let _ = busy.try_set(false);
                    let _ = result.try_set(Some(Err(e)));
                    return;
                }
            };
            let _ = busy.try_set(false);
            match out {
                Ok(text) => {
                    toast(ToastKind::Success, format!("{}: {text}", act.label()));
                    let _ = result.try_set(Some(Ok(format!("{}: {text}", act.label()))));
                    on_done.run(());
                }
                Err(e) => {
                    let _ = result.try_set(Some(Err(format!("{} failed: {}", act.label(), error_text(&e)))));
                }
            }
        });
    };
    let change = move || {
        let (b, now) = (before.get(), segment_count.get());
        match (b, now, result.get()) {
            (Some(b), Some(n), Some(Ok(_))) => view! {
                <span data-count-change="" data-before=b.to_string() data-after=n.to_string()>
                    {format!(" Segments served: {} → {}", count(b), count(n))}
                </span>
            }
            .into_any(),
            _ => ().into_any(),
        }
    };
    let d = ds.get_value();
    view! {
        <section class="sb-card" data-ds-actions="">
            <h2>"Actions"</h2>
            <div class="sb-row">
                <label>"Interval "
                    <input type="text" name="interval" data-mark-interval="" size="52"
                        placeholder="start/end, e.g. 2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z"
                        prop:value=move || interval.get() on:input=move |ev| interval.set(event_target_value(&ev)) />
                </label>
            </div>
            <div class="sb-row">
                <label>"or segment ids "
                    <textarea name="segmentIds" data-mark-ids="" rows="2" cols="60" placeholder="one per line or comma-separated"
                        prop:value=move || ids.get() on:input=move |ev| ids.set(event_target_value(&ev))></textarea>
                </label>
            </div>
            <p class="sb-dim" data-mark-validation="">{move || validation.get().unwrap_or_else(|| "Ready: exactly one of interval and segment ids is given.".into())}</p>
            <div class="sb-row">
                <ConfirmButton label="Mark used" title=format!("Mark segments of {d} used?")
                    message="Marks used the segments completely inside the interval, or the segment ids given (overshadowed segments stay unused). Load rules decide whether historicals load them."
                    confirm_label="Mark used" disabled=Signal::derive(move || busy.get() || validation.get().is_some())
                    on_confirm=Callback::new(move |_| run(Act::MarkUsed)) />
                <ConfirmButton label="Mark unused" title=format!("Mark segments of {d} unused?")
                    message="Marks unused the segments completely inside the interval, or the segment ids given: historicals drop them and queries no longer see their data."
                    confirm_label="Mark unused" danger=true disabled=Signal::derive(move || busy.get() || validation.get().is_some())
                    on_confirm=Callback::new(move |_| run(Act::MarkUnused)) />
                <ConfirmButton label="Kill interval" title=format!("Kill the unused segments of {d} in the interval?")
                    message="Runs a kill task: the unused segments in the interval are deleted from deep storage and the metadata store, for good."
                    confirm_label="Kill" danger=true disabled=Signal::derive(move || busy.get() || kill_invalid.get())
                    on_confirm=Callback::new(move |_| run(Act::Kill)) />
                <label title="DELETE /datasources/{ds}?kill=true&interval=, for Druid versions without DELETE .../intervals/{interval}">
                    <input type="checkbox" prop:checked=move || deprecated_kill.get()
                        on:change=move |ev| deprecated_kill.set(event_target_checked(&ev)) />
                    " kill with the deprecated form"
                </label>
            </div>
            <div class="sb-row">
                <ConfirmButton label="Mark all segments used" title=format!("Mark every segment of {d} used?")
                    message="Marks used every segment of the datasource that is not overshadowed."
                    confirm_label="Mark all used" disabled=Signal::derive(move || busy.get())
                    on_confirm=Callback::new(move |_| run(Act::AllUsed)) />
                <ConfirmButton label="Mark datasource unused" title=format!("Mark every segment of {d} unused?")
                    message="Marks unused every segment of the datasource: it disappears from queries until marked used again."
                    confirm_label="Mark datasource unused" danger=true type_to_confirm=d.clone() disabled=Signal::derive(move || busy.get())
                    on_confirm=Callback::new(move |_| run(Act::AllUnused)) />
            </div>
            <p data-action-result="" role="status">
                {move || match result.get() {
                    None => ().into_any(),
                    Some(Ok(t)) => view! { <span data-ok="">{t}</span> }.into_any(),
                    Some(Err(e)) => view! { <span class="sb-field-error" role="alert">{e}</span> }.into_any(),
                }}
                {change}
            </p>
        </section>
    }
}
