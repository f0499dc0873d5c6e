//! The transaction interface as a guided flow: begin, send data (as often as needed), prepare,
//! commit, or roll back, each a `POST|PUT /api/transaction/<op>` (307 to the transaction's BE,
//! followed by the proxy). After each step the answer and the label's state on the FE
//! (`get_load_state`) are shown, and only the steps that make sense next are offered.

use super::TablePicker;
use crate::net::FetchError;
use crate::shell::use_cluster;
use crate::systems::starrocks::api_data;
use crate::systems::starrocks::model_data::{text, LoadForm, LoadResult};
use crate::systems::starrocks::views::scope;
use crate::ui::format::{count, now_epoch_ms};
use crate::ui::kit::badge;
use crate::ui::{ErrorPanel, Tone};
use leptos::prelude::*;

/// Where a transaction stands, as far as the flow knows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Stage {
    /// Nothing sent yet.
    #[default]
    NotBegun,
    /// Begun (data may be sent).
    Begun,
    /// Prepared (pre-committed).
    Prepared,
    /// Committed: the rows are visible.
    Committed,
    /// Rolled back.
    RolledBack,
}

impl Stage {
    /// The steps offered at this stage.
    pub fn next_ops(self) -> &'static [&'static str] {
        match self {
            Stage::NotBegun => &["begin"],
            Stage::Begun => &["load", "prepare", "commit", "rollback"],
            Stage::Prepared => &["commit", "rollback"],
            Stage::Committed | Stage::RolledBack => &[],
        }
    }

    /// The stage after `op` answered; a failed step changes nothing.
    pub fn after(self, op: &str, ok: bool) -> Stage {
        match (ok, op) {
            (false, _) => self,
            (true, "begin") => Stage::Begun,
            (true, "prepare") => Stage::Prepared,
            (true, "commit") => Stage::Committed,
            (true, "rollback") => Stage::RolledBack,
            _ => self,
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Stage::NotBegun => "not begun",
            Stage::Begun => "begun: send data, then prepare or commit",
            Stage::Prepared => "prepared: commit or roll back",
            Stage::Committed => "committed",
            Stage::RolledBack => "rolled back",
        }
    }
}

#[derive(Clone)]
struct Step {
    op: &'static str,
    outcome: Result<LoadResult, FetchError>,
    fe_state: String,
}

#[derive(Clone, Default)]
struct Flow {
    stage: Stage,
    busy: bool,
    steps: Vec<Step>,
}

fn new_label() -> String {
    format!("txn_{}", now_epoch_ms())
}

fn step_view(st: Step) -> AnyView {
    let s = scope();
    let fe = st.fe_state.clone();
    match st.outcome {
        Ok(r) => {
            let tone = if r.ok() { Tone::Ok } else { Tone::Bad };
            let rows = r.rows.iter().map(|(k, n)| format!("{k} {}", count(*n))).collect::<Vec<_>>().join(" · ");
            view! {
                <li data-txn-step=st.op data-txn-status=r.status.clone()>
                    <strong>{st.op}</strong>" "{badge(tone, &r.status)}" "
                    <span>{r.message.clone()}</span>
                    {r.txn_id.map(|t| format!(" · transaction {t}"))}
                    {(!rows.is_empty()).then(|| format!(" · {rows}"))}
                    <span class="sb-dim" data-fe-state=fe.clone()>{format!(" · state on the FE: {fe}")}</span>
                </li>
            }
            .into_any()
        }
        Err(e) => view! {
            <li data-txn-step=st.op data-txn-status="error"><strong>{st.op}</strong><div class=s.cls("stack")><ErrorPanel error=e /></div></li>
        }
        .into_any(),
    }
}

/// The transaction flow.
#[component]
pub fn TransactionFlow() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let db = RwSignal::new(String::new());
    let table = RwSignal::new(String::new());
    let label = RwSignal::new(new_label());
    let sep = RwSignal::new(",".to_string());
    let data = RwSignal::new(String::new());
    let flow = RwSignal::new_local(Flow::default());
    let run = move |op: &'static str| {
        let form = LoadForm {
            db: db.get_untracked(),
            table: table.get_untracked(),
            label: label.get_untracked(),
            format: "csv".into(),
            column_separator: sep.get_untracked(),
            ..Default::default()
        };
        let c = cluster.get_untracked();
        let body = (op == "load").then(|| data.get_untracked());
        flow.update(|f| f.busy = true);
        leptos::task::spawn_local(async move {
            let outcome = api_data::transaction(&c, op, &form, body).await;
            let fe_state = match api_data::load_state(&c, &form.db, &form.label).await {
                Ok(v) => text(&v["state"]),
                Err(e) => e.error.to_string(),
            };
            let ok = outcome.as_ref().is_ok_and(LoadResult::ok);
            let _ = flow.try_update(|f| {
                f.busy = false;
                f.stage = f.stage.after(op, ok);
                f.steps.push(Step { op, outcome, fe_state });
            });
        });
    };
    let restart = move || {
        flow.set(Flow::default());
        label.set(new_label());
    };
    let begun = move || flow.with(|f| f.stage != Stage::NotBegun);
    view! {
        <div class=s.cls("panel") data-txn="">
            <h2>"Transaction"</h2>
            <div class=s.cls("form")>
                <TablePicker db=db table=table />
                <label>"label "<input data-txn-label="" prop:value=move || label.get() disabled=begun on:input=move |ev| label.set(event_target_value(&ev)) /></label>
                <label>"column_separator "<input prop:value=move || sep.get() on:input=move |ev| sep.set(event_target_value(&ev)) /></label>
            </div>
            <textarea rows="4" aria-label="Data to send (CSV)" data-txn-data="" placeholder="rows to send with “load”, one per line"
                prop:value=move || data.get() on:input=move |ev| data.set(event_target_value(&ev))></textarea>
            <div class="sb-row" data-txn-stage=move || format!("{:?}", flow.with(|f| f.stage))>
                <span>{move || format!("State: {}", flow.with(|f| f.stage.label()))}</span>
                {move || flow.with(|f| f.stage.next_ops()).iter().map(|op| {
                    let op = *op;
                    view! { <button class=if op == "rollback" { "sb-danger" } else { "sb-primary" } data-txn-op=op
                        disabled=move || flow.with(|f| f.busy) on:click=move |_| run(op)>{op}</button> }
                }).collect_view()}
                <Show when=begun><button on:click=move |_| restart()>"New transaction"</button></Show>
            </div>
            <ol data-txn-steps="">{move || flow.with(|f| f.steps.clone()).into_iter().map(step_view).collect_view()}</ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flow_offers_only_the_steps_that_make_sense() {
        let mut s = Stage::default();
        assert_eq!(s.next_ops(), ["begin"]);
        s = s.after("begin", false);
        assert_eq!(s, Stage::NotBegun);
        s = s.after("begin", true).after("load", true);
        assert_eq!(s, Stage::Begun);
        assert!(s.next_ops().contains(&"load"));
        s = s.after("prepare", true);
        assert_eq!(s.next_ops(), ["commit", "rollback"]);
        assert_eq!(s.after("commit", true).next_ops(), [] as [&str; 0]);
        assert_eq!(s.after("rollback", true), Stage::RolledBack);
    }
}
