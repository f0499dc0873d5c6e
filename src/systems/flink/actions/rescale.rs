//! Rescaling a running job. Flink 1.18+ with the adaptive scheduler: new parallelism bounds per
//! vertex (`PUT /jobs/:jobid/resource-requirements`), then the job is watched until it runs at
//! the new parallelism. Older clusters: `PATCH /jobs/:jobid/rescaling` with its trigger polled
//! (Flink disabled that endpoint in 1.9; the cluster's refusal is shown as it comes).

use super::poll::run_operation;
use crate::shell::use_cluster;
use crate::systems::flink::api::{self, error_text};
use crate::systems::flink::capabilities::RescaleApi;
use crate::systems::flink::context::use_flink;
use crate::systems::flink::model::{
    JobDetails, ParallelismBounds, ResourceRequirements, VertexResourceRequirements,
};
use crate::systems::flink::views::job::use_job;
use crate::systems::flink::views::scope;
use crate::ui::format::now_epoch_ms;
use crate::ui::operation::{sleep_ms, OpState};
use crate::ui::refresh::hold_while_mounted;
use crate::ui::ConfirmButton;
use leptos::prelude::*;

/// One editable row: vertex id, name, current parallelism, lower and upper bound as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundsRow {
    /// Vertex id.
    pub id: String,
    /// Vertex name.
    pub name: String,
    /// Parallelism now.
    pub current: i64,
    /// Lower bound as typed.
    pub lower: String,
    /// Upper bound as typed.
    pub upper: String,
}

/// Rows for the form from the current requirements and the job's vertices (in job order).
pub fn rows_from(req: &ResourceRequirements, job: &JobDetails) -> Vec<BoundsRow> {
    job.vertices
        .iter()
        .map(|v| {
            let b = req
                .get(&v.id)
                .map(|r| r.parallelism.clone())
                .unwrap_or(ParallelismBounds {
                    lower_bound: 1,
                    upper_bound: v.parallelism,
                });
            BoundsRow {
                id: v.id.clone(),
                name: v.name.clone(),
                current: v.parallelism,
                lower: b.lower_bound.to_string(),
                upper: b.upper_bound.to_string(),
            }
        })
        .collect()
}

/// The requirements to send, or what is wrong with the input.
pub fn build_requirements(rows: &[BoundsRow]) -> Result<ResourceRequirements, String> {
    let mut out = ResourceRequirements::new();
    for r in rows {
        let parse = |t: &str, what: &str| {
            t.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    format!(
                        "{}: the {what} bound must be a whole number of at least 1.",
                        r.name
                    )
                })
        };
        let (lower, upper) = (parse(&r.lower, "lower")?, parse(&r.upper, "upper")?);
        if lower > upper {
            return Err(format!(
                "{}: the lower bound ({lower}) is above the upper bound ({upper}).",
                r.name
            ));
        }
        out.insert(
            r.id.clone(),
            VertexResourceRequirements {
                parallelism: ParallelismBounds {
                    lower_bound: lower,
                    upper_bound: upper,
                },
            },
        );
    }
    Ok(out)
}

/// Whether every vertex of `job` runs at the upper bound asked for.
pub fn reached(job: &JobDetails, req: &ResourceRequirements) -> bool {
    req.iter().all(|(id, r)| {
        job.vertex(id)
            .is_some_and(|v| v.parallelism == r.parallelism.upper_bound)
    })
}

/// The rescale form for the cluster's way of rescaling.
#[component]
pub fn RescaleForm(
    /// Where the operation reports.
    op: RwSignal<OpState>,
) -> impl IntoView {
    hold_while_mounted();
    let s = scope();
    let flink = use_flink();
    let job = use_job();
    let kind = Memo::new(move |_| job.details.with(|d| d.map(|d| flink.caps().rescale_job(d))));
    view! {
        <div class=s.cls("panel") data-form="rescale">
            <strong>"Rescale"</strong>
            {move || match kind.get() {
                None => ().into_any(),
                Some(Err(reason)) => view! { <div class=s.cls("forbidden")>{reason}</div> }.into_any(),
                Some(Ok(RescaleApi::ResourceRequirements)) => view! { <RequirementsForm op /> }.into_any(),
                Some(Ok(RescaleApi::Legacy)) => view! { <LegacyForm op /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn RequirementsForm(op: RwSignal<OpState>) -> impl IntoView {
    let s = scope();
    let job = use_job();
    let cluster = use_cluster();
    let rows = RwSignal::new(Vec::<BoundsRow>::new());
    let load_error = RwSignal::new(None::<String>);
    let all = RwSignal::new(String::new());
    {
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        leptos::task::spawn_local(async move {
            match api::resource_requirements(&c, &jid).await {
                Ok(req) => {
                    let r = job
                        .details
                        .with_untracked(|d| d.map(|d| rows_from(&req, d)).unwrap_or_default());
                    let _ = rows.try_set(r);
                }
                Err(e) => {
                    let _ = load_error.try_set(Some(error_text(&e)));
                }
            }
        });
    }
    let invalid = Memo::new(move |_| rows.with(|r| build_requirements(r).err()));
    let set_all = move |_| {
        let n = all.get_untracked();
        rows.update(|rs| {
            rs.iter_mut().for_each(|r| {
                r.upper = n.trim().to_string();
                if r.lower.trim().parse::<i64>().ok() > n.trim().parse::<i64>().ok() {
                    r.lower = "1".into();
                }
            })
        });
    };
    let apply = Callback::new(move |_| {
        let Ok(req) = rows.with_untracked(|r| build_requirements(r)) else {
            return;
        };
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        let since = now_epoch_ms();
        op.set(OpState::Running {
            what: "Updating resource requirements".into(),
            since,
            polls: 0,
            id: None,
        });
        leptos::task::spawn_local(async move {
            if let Err(e) = api::set_resource_requirements(&c, &jid, &req).await {
                let _ = op.try_set(OpState::Failed {
                    message: "Rescale refused".into(),
                    detail: Some(error_text(&e)),
                });
                return;
            }
            for polls in 1..=60u32 {
                sleep_ms(1000).await;
                if let Ok(d) = api::job(&c, &jid).await {
                    if reached(&d, &req) {
                        job.resource.refetch();
                        let _ = op.try_set(OpState::Succeeded {
                            message: "Rescaled: the job runs at the new parallelism.".into(),
                            result: None,
                        });
                        return;
                    }
                }
                let running = OpState::Running {
                    what: "Waiting for the job to run at the new parallelism".into(),
                    since,
                    polls,
                    id: None,
                };
                if op.try_set(running).is_some() {
                    return;
                }
            }
            job.resource.refetch();
            let _ = op.try_set(OpState::Succeeded {
                message: "Requirements accepted. The adaptive scheduler moves to the upper bounds as slots become free.".into(),
                result: None,
            });
        });
    });
    view! {
        {move || load_error.get().map(|e| view! { <div class=s.cls("forbidden")>{format!("Current requirements could not be read: {e}")}</div> })}
        <div class="sb-row">
            <label>"Set every upper bound to " <input type="number" min="1" style="width:90px" prop:value=move || all.get()
                on:input=move |ev| all.set(event_target_value(&ev)) /></label>
            <button on:click=set_all>"Apply to all"</button>
        </div>
        <table class="sb-card">
            <thead><tr><th>"Vertex"</th><th>"Now"</th><th>"Lower bound"</th><th>"Upper bound"</th></tr></thead>
            <tbody>
                {move || rows.get().into_iter().enumerate().map(|(i, r)| view! {
                    <tr>
                        <td>{r.name.clone()}</td>
                        <td>{r.current}</td>
                        <td><input type="number" min="1" style="width:80px" aria-label=format!("Lower bound of {}", r.name) prop:value=r.lower.clone()
                            on:change=move |ev| rows.update(|rs| if let Some(x) = rs.get_mut(i) { x.lower = event_target_value(&ev) }) /></td>
                        <td><input type="number" min="1" style="width:80px" aria-label=format!("Upper bound of {}", r.name) prop:value=r.upper.clone()
                            on:change=move |ev| rows.update(|rs| if let Some(x) = rs.get_mut(i) { x.upper = event_target_value(&ev) }) /></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {move || invalid.get().map(|e| view! { <div class="sb-field-error">{e}</div> })}
        <div class="sb-row">
            <ConfirmButton label="Apply new parallelism" title="Rescale this job?"
                message="The adaptive scheduler restarts the job's tasks at the new parallelism, restoring from the latest checkpoint."
                confirm_label="Rescale" disabled=Signal::derive(move || invalid.with(Option::is_some) || rows.with(Vec::is_empty) || op.with(OpState::is_running))
                on_confirm=apply />
        </div>
    }
}

#[component]
fn LegacyForm(op: RwSignal<OpState>) -> impl IntoView {
    let job = use_job();
    let cluster = use_cluster();
    let p = RwSignal::new(String::new());
    let parsed = move || p.with(|t| t.trim().parse::<u32>().ok().filter(|n| *n >= 1));
    let apply = Callback::new(move |_| {
        let Some(n) = parsed() else { return };
        let (c, jid) = (cluster.get_untracked(), job.jid.get_untracked());
        let (c2, jid2) = (c.clone(), jid.clone());
        run_operation(
            op,
            "Rescaling".into(),
            async move { api::rescale_legacy(&c, &jid, n).await },
            move |id| {
                let (c, jid) = (c2.clone(), jid2.clone());
                async move { api::rescale_legacy_status(&c, &jid, &id).await }
            },
        );
    });
    view! {
        <div class="sb-dim">"This cluster predates resource requirements: rescaling uses PATCH /jobs/:jobid/rescaling, which Flink has disabled since 1.9 (the cluster will likely refuse it)."</div>
        <div class="sb-row">
            <label>"New parallelism " <input type="number" min="1" style="width:90px" prop:value=move || p.get() on:input=move |ev| p.set(event_target_value(&ev)) /></label>
            <ConfirmButton label="Rescale" title="Rescale this job?" message="Flink takes a savepoint and restarts the job at the new parallelism."
                confirm_label="Rescale" disabled=Signal::derive(move || parsed().is_none() || op.with(OpState::is_running)) on_confirm=apply />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> JobDetails {
        serde_json::from_str(include_str!("../fixtures/2.3/job-detail.json")).unwrap()
    }

    #[test]
    fn rows_follow_the_job_and_fall_back_to_the_current_parallelism() {
        let j = job();
        let req: ResourceRequirements = serde_json::from_str(include_str!(
            "../fixtures/2.3/job-resource-requirements.json"
        ))
        .unwrap();
        let rows = rows_from(&req, &j);
        assert_eq!(rows.len(), j.vertices.len());
        assert_eq!(rows[0].name, j.vertices[0].name);
        let none = rows_from(&ResourceRequirements::new(), &j);
        assert_eq!(none[0].upper, j.vertices[0].parallelism.to_string());
        assert_eq!(none[0].lower, "1");
    }

    #[test]
    fn requirements_are_validated_before_sending() {
        let row = |lower: &str, upper: &str| BoundsRow {
            id: "v".into(),
            name: "Map".into(),
            current: 1,
            lower: lower.into(),
            upper: upper.into(),
        };
        let ok = build_requirements(&[row("1", "3")]).unwrap();
        assert_eq!(
            ok["v"].parallelism,
            ParallelismBounds {
                lower_bound: 1,
                upper_bound: 3
            }
        );
        assert!(build_requirements(&[row("4", "3")])
            .unwrap_err()
            .contains("above"));
        assert!(build_requirements(&[row("0", "3")])
            .unwrap_err()
            .contains("at least 1"));
        assert!(build_requirements(&[row("1", "x")])
            .unwrap_err()
            .contains("upper"));
        let body = serde_json::to_value(&ok).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"v": {"parallelism": {"lowerBound": 1, "upperBound": 3}}})
        );
    }

    #[test]
    fn reached_compares_the_running_parallelism_with_the_upper_bounds() {
        let j = job();
        let mut req = ResourceRequirements::new();
        for v in &j.vertices {
            req.insert(
                v.id.clone(),
                VertexResourceRequirements {
                    parallelism: ParallelismBounds {
                        lower_bound: 1,
                        upper_bound: v.parallelism,
                    },
                },
            );
        }
        assert!(reached(&j, &req));
        if let Some(first) = j.vertices.first() {
            req.insert(
                first.id.clone(),
                VertexResourceRequirements {
                    parallelism: ParallelismBounds {
                        lower_bound: 1,
                        upper_bound: first.parallelism + 1,
                    },
                },
            );
        }
        assert!(!reached(&j, &req));
    }
}
