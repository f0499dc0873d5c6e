//! Choosing metrics: the ids a scope offers, a filterable list of checkboxes, and the selection
//! kept in the URL as a comma-separated list (Flink's own `get=` format).

use leptos::prelude::*;

/// Names offered for a vertex: ids without their subtask prefix (`0.numRecordsIn` →
/// `numRecordsIn`), sorted, without repeats.
pub fn metric_names(ids: &[String]) -> Vec<String> {
    let mut names: Vec<String> = ids
        .iter()
        .map(|id| match id.split_once('.') {
            Some((i, rest)) if i.parse::<u32>().is_ok() => rest.to_string(),
            _ => id.clone(),
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The selection from its URL value.
pub fn parse_selection(v: Option<&str>) -> Vec<String> {
    v.map(|v| {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// The selection as its URL value.
pub fn selection_value(items: &[String]) -> String {
    items.join(",")
}

/// How many ids the picker lists at most (the filter narrows the rest).
pub const MAX_LISTED: usize = 300;

/// A filterable list of metric ids with checkboxes.
#[component]
pub fn MetricPicker(
    /// The ids to choose from.
    #[prop(into)]
    available: Signal<Vec<String>>,
    /// The chosen ids.
    #[prop(into)]
    selected: Signal<Vec<String>>,
    /// Called with the new selection.
    on_change: Callback<Vec<String>>,
) -> impl IntoView {
    let needle = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let n = needle.get().to_lowercase();
        available.with(|a| {
            a.iter()
                .filter(|id| id.to_lowercase().contains(&n))
                .take(MAX_LISTED)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let toggle = move |id: String, on: bool| {
        let mut s = selected.get_untracked();
        s.retain(|x| *x != id);
        if on {
            s.push(id);
        }
        on_change.run(s);
    };
    view! {
        <div class="sb-card" style="display:flex;flex-direction:column;gap:6px;padding:8px 10px" data-metric-picker="">
            <div class="sb-row">
                <input type="search" placeholder="Filter metrics" aria-label="Filter metrics" prop:value=move || needle.get()
                    on:input=move |ev| needle.set(event_target_value(&ev)) />
                <span class="sb-dim">{move || format!("{} of {} listed · {} chosen", shown.with(Vec::len), available.with(Vec::len), selected.with(Vec::len))}</span>
                <button disabled=move || selected.with(Vec::is_empty) on:click=move |_| on_change.run(Vec::new())>"Clear"</button>
            </div>
            <div style="max-height:180px;overflow:auto;display:flex;flex-direction:column;font-size:12.5px">
                {move || shown.get().into_iter().map(|id| {
                    let (a, b) = (id.clone(), id.clone());
                    view! {
                        <label class="sb-mono"><input type="checkbox" prop:checked=move || selected.with(|s| s.contains(&a))
                            on:change=move |ev| toggle(b.clone(), event_target_checked(&ev)) />" "{id}</label>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vertex_metric_names_drop_the_subtask_prefix() {
        let ids: Vec<String> = [
            "0.numRecordsIn",
            "1.numRecordsIn",
            "0.Source__Orders.numRecordsOut",
            "numRestarts",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            metric_names(&ids),
            vec![
                "Source__Orders.numRecordsOut",
                "numRecordsIn",
                "numRestarts"
            ]
        );
    }

    #[test]
    fn selection_round_trips_through_the_url() {
        let s = parse_selection(Some("a,b.c, ,d"));
        assert_eq!(s, vec!["a", "b.c", "d"]);
        assert_eq!(parse_selection(Some(&selection_value(&s))), s);
        assert!(parse_selection(None).is_empty());
    }
}
