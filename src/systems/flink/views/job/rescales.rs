//! The job's rescales (`/jobs/:jobid/rescales`, Flink 2.3+, adaptive scheduler): the scheduler's
//! rescale settings (`/rescales/config`), counts and durations (`/rescales/overview`,
//! `/rescales/summary`), the history (`/rescales/history`) and, with `?rescale=<id>` in the URL,
//! one rescale in detail (`/rescales/details/:id`).

use crate::systems::flink::views::keys;
use super::rescale_views::{RescaleDetails, RescaleHistory};
use super::use_job;
use crate::systems::flink::api;
use crate::systems::flink::model::{
    Rescale, RescalesConfig, RescalesOverview, RescalesSummary, StatsSummary,
};
use crate::ui::kit::{load, query, set_query, status};
use crate::systems::flink::views::gate::gated;
use crate::systems::flink::views::scope;
use crate::ui::format::{duration_ms, local_time, NONE};
use crate::ui::KeyValue;
use leptos::prelude::*;

/// Everything the tab shows but the details, loaded together.
#[derive(Clone, Debug, Default)]
pub struct RescalesData {
    /// `/rescales/config`.
    pub config: RescalesConfig,
    /// `/rescales/overview`.
    pub overview: RescalesOverview,
    /// `/rescales/summary`.
    pub summary: RescalesSummary,
    /// `/rescales/history`, newest first.
    pub history: Vec<Rescale>,
}

fn ms(v: Option<i64>) -> String {
    v.map(duration_ms).unwrap_or_else(|| NONE.into())
}

/// The adaptive scheduler's rescale settings, durations formatted.
pub fn config_facts(c: &RescalesConfig) -> Vec<(String, String)> {
    let history = if c.rescale_history_max > 0 {
        format!("{} rescales", c.rescale_history_max)
    } else {
        "off (web.adaptive-scheduler.rescale-history.size: 0)".into()
    };
    vec![
        ("History kept".to_string(), history),
        (
            "Execution mode".into(),
            c.scheduler_execution_mode
                .clone()
                .unwrap_or_else(|| "default".into()),
        ),
        (
            "Wait for resources at submission".into(),
            ms(c.submission_resource_wait_timeout),
        ),
        (
            "Resource stabilization at submission".into(),
            ms(c.submission_resource_stabilization_timeout),
        ),
        (
            "Resource stabilization while running".into(),
            ms(c.executing_resource_stabilization_timeout),
        ),
        (
            "Cooldown between rescales".into(),
            ms(c.executing_cooldown_timeout),
        ),
        (
            "Longest delay before a rescale".into(),
            ms(c.maximum_delay_for_triggering_rescale),
        ),
        ("Slot idle timeout".into(), ms(c.slot_idle_timeout)),
        (
            "Rescale after failed checkpoints".into(),
            c.rescale_on_failed_checkpoint_count
                .map(|n| n.to_string())
                .unwrap_or_else(|| NONE.into()),
        ),
    ]
}

/// Duration statistics as "min 185 ms · median 2s · avg 1s · max 2s" ("none" without samples).
pub fn stats_text(s: &StatsSummary, count: i64) -> String {
    if count <= 0 {
        return "none".into();
    }
    let p50 = s
        .p50
        .filter(|p| p.is_finite())
        .map(|p| format!(" · median {}", duration_ms(p as i64)))
        .unwrap_or_default();
    format!(
        "min {}{p50} · avg {} · max {}",
        duration_ms(s.min),
        duration_ms(s.avg as i64),
        duration_ms(s.max)
    )
}

fn latest(r: &Option<Rescale>) -> Option<String> {
    r.as_ref().map(|r| {
        format!(
            "{} ({})",
            r.start_timestamp
                .map(local_time)
                .unwrap_or_else(|| NONE.into()),
            r.trigger_cause.as_deref().unwrap_or("no cause given")
        )
    })
}

/// Counts, durations by outcome and the latest rescale of each outcome.
pub fn summary_facts(s: &RescalesSummary, o: &RescalesOverview) -> Vec<(String, String)> {
    let c = &s.rescales_counts;
    let mut v = vec![
        ("Completed".to_string(), c.completed.to_string()),
        ("In progress".into(), c.in_progress.to_string()),
        ("Failed".into(), c.failed.to_string()),
        ("Ignored".into(), c.ignored.to_string()),
        (
            "Duration, all".into(),
            stats_text(&s.all, c.completed + c.failed + c.ignored),
        ),
        (
            "Duration, completed".into(),
            stats_text(&s.completed, c.completed),
        ),
        ("Duration, failed".into(), stats_text(&s.failed, c.failed)),
        (
            "Duration, ignored".into(),
            stats_text(&s.ignored, c.ignored),
        ),
    ];
    for (label, r) in [
        ("Latest completed", &o.latest.completed),
        ("Latest failed", &o.latest.failed),
        ("Latest ignored", &o.latest.ignored),
    ] {
        if let Some(t) = latest(r) {
            v.push((label.to_string(), t));
        }
    }
    v
}

#[component]
fn RescalesBody() -> impl IntoView {
    let s = scope();
    let job = use_job();
    let selected = query(keys::RESCALE);
    let setq = set_query();
    let r = load(move |c| {
        let j = job.jid.get();
        async move {
            Ok(RescalesData {
                config: api::rescales_config(&c, &j).await?,
                overview: api::rescales_overview(&c, &j).await?,
                summary: api::rescales_summary(&c, &j).await?,
                history: api::rescale_history(&c, &j).await?,
            })
        }
    });
    let details = load(move |c| {
        let (j, id) = (job.jid.get(), selected.get());
        async move {
            match id {
                Some(id) => api::rescale_details(&c, &j, &id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let open = {
        let setq = setq.clone();
        Callback::new(move |id: String| setq(&[(keys::RESCALE, id)]))
    };
    let close = Callback::new(move |_| setq(&[(keys::RESCALE, String::new())]));
    let shown = move || {
        details
            .with(|d| d.and_then(|d| d.clone()))
            .filter(|d| selected.get().as_deref() == Some(d.rescale_uuid.as_str()))
    };
    view! {
        {status(r, "rescales")}
        <div class=s.cls("stack")>
            <Show when=move || selected.get().is_some()>
                {status(details, "rescale")}
                {move || shown().map(|d| view! { <RescaleDetails rescale=d on_close=close /> })}
            </Show>
            <section>
                <h2>"History"</h2>
                <RescaleHistory rescales=Signal::derive(move || r.with(|d| d.map(|d| d.history.clone()).unwrap_or_default())) on_open=open />
            </section>
            <section>
                <h2>"Summary"</h2>
                <KeyValue items=Signal::derive(move || r.with(|d| d.map(|d| summary_facts(&d.summary, &d.overview)).unwrap_or_default())) />
            </section>
            <section>
                <h2>"Adaptive scheduler settings"</h2>
                <KeyValue items=Signal::derive(move || r.with(|d| d.map(|d| config_facts(&d.config)).unwrap_or_default())) />
            </section>
        </div>
    }
}

/// The rescales tab: the reason instead when the cluster or the job has no rescale history.
#[component]
pub fn RescalesTab() -> impl IntoView {
    let job = use_job();
    gated(
        move |caps| job.details.with(|d| d.map(|d| caps.rescales_of(d))),
        || view! { <RescalesBody /> }.into_any(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture<T: serde::de::DeserializeOwned>(name: &str) -> T {
        serde_json::from_str(
            &std::fs::read_to_string(format!("src/systems/flink/fixtures/2.3/{name}.json"))
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn settings_are_durations() {
        let f = config_facts(&fixture("job-rescales-config"));
        assert_eq!(f[0].1, "20 rescales");
        assert_eq!(f[1].1, "default");
        assert!(
            f.contains(&("Cooldown between rescales".to_string(), "30s".to_string())),
            "{f:?}"
        );
        assert!(
            f.contains(&(
                "Wait for resources at submission".to_string(),
                "5m 0s".to_string()
            )),
            "{f:?}"
        );
        assert_eq!(
            config_facts(&RescalesConfig::default())[0].1,
            "off (web.adaptive-scheduler.rescale-history.size: 0)"
        );
    }

    #[test]
    fn summary_reads_counts_durations_and_latest() {
        let f = summary_facts(
            &fixture("job-rescales-summary"),
            &fixture("job-rescales-overview"),
        );
        assert_eq!(f[0], ("Completed".to_string(), "4".to_string()));
        assert_eq!(f[5].1, "min 185 ms · median 2s · avg 1s · max 2s");
        assert_eq!(
            f[6].1, "none",
            "no failed rescales: NaN percentiles are not shown"
        );
        assert!(f
            .iter()
            .any(|(k, v)| k == "Latest completed" && v.contains("UPDATE_REQUIREMENT")));
        assert!(!f.iter().any(|(k, _)| k == "Latest failed"));
    }
}
