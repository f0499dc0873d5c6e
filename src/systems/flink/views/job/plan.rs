//! The job's plan (`GET /jobs/:jobid/plan`): each node with its description and inputs, the
//! raw JSON, and the plan as a graph (also used by the jar plan preview).

use super::use_job;
use crate::systems::flink::api;
use crate::systems::flink::model::{PlanGraph, PlanNode};
use crate::ui::kit::{load_once, status};
use crate::ui::any_row::{any_rows, col};
use crate::ui::dag::{Dag, DagEdge, DagNode};
use crate::ui::{DataTable, Tone};
use leptos::prelude::*;

/// A plan node's name: its description's first line, else its operator, else its id.
pub fn node_title(n: &PlanNode) -> String {
    let lines = n.description_lines();
    lines
        .first()
        .cloned()
        .filter(|l| !l.is_empty())
        .or_else(|| Some(n.operator.clone()).filter(|o| !o.is_empty()))
        .unwrap_or_else(|| n.id.clone())
}

/// The plan as graph nodes and edges.
pub fn plan_dag(p: &PlanGraph) -> (Vec<DagNode>, Vec<DagEdge>) {
    let nodes = p
        .nodes
        .iter()
        .map(|n| {
            let mut lines = vec![format!("Parallelism {}", n.parallelism)];
            if !n.operator_strategy.is_empty() {
                lines.push(n.operator_strategy.clone());
            }
            DagNode {
                id: n.id.clone(),
                title: node_title(n).replace("<br/>", " "),
                lines,
                tone: Tone::Unknown,
                meters: Vec::new(),
                heat: None,
            }
        })
        .collect();
    let edges = p
        .edges()
        .into_iter()
        .map(|(f, t, i)| DagEdge {
            from: f.into(),
            to: t.into(),
            label: i.ship_strategy.clone(),
        })
        .collect();
    (nodes, edges)
}

/// "HASH from <name>, FORWARD from <name>".
pub fn inputs_text(p: &PlanGraph, n: &PlanNode) -> String {
    n.inputs
        .iter()
        .map(|i| {
            let from = p
                .nodes
                .iter()
                .find(|x| x.id == i.id)
                .map(node_title)
                .unwrap_or_else(|| i.id.clone());
            format!("{} from {from}", i.ship_strategy)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plan drawn as a graph with its nodes listed below.
#[component]
pub fn PlanView(
    /// The plan.
    #[prop(into)]
    plan: Signal<Option<PlanGraph>>,
) -> impl IntoView {
    let dag = Memo::new(move |_| plan.with(|p| p.as_ref().map(plan_dag).unwrap_or_default()));
    let rows = Signal::derive(move || {
        plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    any_rows(
                        p.nodes
                            .iter()
                            .map(|n| (n.clone(), inputs_text(p, n)))
                            .collect::<Vec<_>>(),
                    )
                })
                .unwrap_or_default()
        })
    });
    let columns = vec![
        col::text("name", "Node", |r: &(PlanNode, String)| {
            node_title(&r.0).into()
        }),
        col::num("parallelism", "Parallelism", |r: &(PlanNode, String)| {
            r.0.parallelism.into()
        }),
        col::text("inputs", "Inputs", |r: &(PlanNode, String)| {
            r.1.as_str().into()
        }),
        col::text("description", "Description", |r: &(PlanNode, String)| {
            r.0.description_lines().join(" | ").into()
        }),
        col::text("operator", "Operator", |r: &(PlanNode, String)| {
            r.0.operator.as_str().into()
        })
        .hidden(),
        col::text("id", "Id", |r: &(PlanNode, String)| r.0.id.as_str().into()).hidden(),
    ];
    view! {
        <Dag nodes=Signal::derive(move || dag.with(|d| d.0.clone())) edges=Signal::derive(move || dag.with(|d| d.1.clone())) height=320.0 />
        <DataTable id="plannodes" columns rows export_name="plan" />
    }
}

/// The plan tab: the graph, the nodes, and the answer as Flink sent it.
#[component]
pub fn PlanTab() -> impl IntoView {
    let job = use_job();
    let r = load_once(move |c| {
        let j = job.jid.get();
        async move { api::job_plan_raw(&c, &j).await }
    });
    let data = r;
    let plan = Signal::derive(move || data.with(|d| d.map(|(p, _)| p.plan.clone())));
    view! {
        {status(r, "plan")}
        <PlanView plan />
        <details><summary>"Plan as JSON"</summary>
            {move || data.with(|d| d.map(|(_, v)| v.clone())).map(|v| view! { <crate::ui::JsonView value=v /> })}
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::systems::flink::model::JobPlan;

    #[test]
    fn plans_of_both_versions_become_graphs() {
        for v in ["1.12", "2.3"] {
            let p: JobPlan = serde_json::from_str(
                &std::fs::read_to_string(format!("src/systems/flink/fixtures/{v}/job-plan.json"))
                    .unwrap(),
            )
            .unwrap();
            let (nodes, edges) = plan_dag(&p.plan);
            assert_eq!(nodes.len(), p.plan.nodes.len());
            assert_eq!(edges.len(), p.plan.edges().len());
            assert!(
                nodes
                    .iter()
                    .all(|n| !n.title.is_empty() && !n.title.contains('<')),
                "{v}"
            );
        }
        let p: JobPlan =
            serde_json::from_str(include_str!("../../fixtures/2.3/job-plan.json")).unwrap();
        let sink = p.plan.nodes.iter().find(|n| !n.inputs.is_empty()).unwrap();
        assert!(inputs_text(&p.plan, sink).contains(" from "));
    }
}
