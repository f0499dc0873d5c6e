//! The cluster (`GET /v1/cluster/nodes` of any node, then `GET /v1/cluster/status` of every node
//! in parallel, each with its own error, every two seconds while the page is open): a row per
//! node (state, term, log and applied indexes, lag, snapshot keys, raft log sizes), voters and
//! non-voters, who leads as each node sees it with disagreement highlighted, the leader's
//! replication progress, a live picture, and "make leader" (`trigger_transfer_leader?to=`).
//!
//! The node list gives raft endpoints, not admin addresses: a node's admin address is the
//! configured address whose status answered with its id (remembered while the page is open, so
//! a node that stops answering keeps its row).

use super::{api, scope};
use crate::shell::use_cluster;
use crate::systems::databend::model::{MetaNode, MetaStatus};
use crate::ui::chart::sample_every;
use crate::ui::format::{bytes, count, NONE};
use crate::ui::kit::{badge, toaster};
use crate::net::FetchError;
use crate::ui::{ConfirmButton, ErrorPanel, ToastKind, Tone};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// The latest answer of one admin address.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Probe {
    /// The latest status that arrived (kept when a later call fails).
    pub status: Option<MetaStatus>,
    /// Why the latest call failed (`None` when it answered).
    pub error: Option<String>,
}

/// One node as the page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeRow {
    /// Node id, when known.
    pub id: Option<u64>,
    /// The admin address asked, when known.
    pub admin: Option<String>,
    /// The raft endpoint it is listed with.
    pub endpoint: String,
    /// A voter (else a non-voter).
    pub voter: bool,
    /// Its latest status (stale when `error` is set).
    pub status: Option<MetaStatus>,
    /// Why it does not answer now.
    pub error: Option<String>,
    /// Who leads as it sees it.
    pub seen_leader: Option<u64>,
    /// Entries its applied index is behind the leader's last log index.
    pub lag: Option<i64>,
    /// It names another leader than most nodes do.
    pub disagrees: bool,
}

/// The cluster as the page shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterModel {
    /// One row per node, by id.
    pub rows: Vec<NodeRow>,
    /// The leader most answering nodes name.
    pub leader: Option<u64>,
    /// Distinct leaders named by answering nodes (more than one: a split view).
    pub leaders_seen: Vec<u64>,
    /// Matched index and lag per node id, as the leader reports them.
    pub replication: Vec<(String, i64, i64)>,
}

/// Assembles the page's model from the member list (if it answered), the configured admin
/// addresses, their latest probes, and the remembered id → address map.
pub fn assemble(
    members: Option<&[MetaNode]>,
    configured: &[String],
    probes: &BTreeMap<String, Probe>,
    remembered: &BTreeMap<u64, String>,
) -> ClusterModel {
    // Members: the list, then voters/non-voters any status names.
    let mut voters: BTreeMap<u64, String> = BTreeMap::new();
    let mut non_voters: BTreeSet<u64> = BTreeSet::new();
    for n in members.unwrap_or_default() {
        if let Some(id) = n.id() {
            voters.insert(id, n.endpoint_text());
        }
    }
    for p in probes.values() {
        if let Some(s) = &p.status {
            for n in &s.voters {
                if let Some(id) = n.id() {
                    voters.entry(id).or_insert_with(|| n.endpoint_text());
                }
            }
            for n in &s.non_voters {
                if let Some(id) = n.id() {
                    non_voters.insert(id);
                    voters.entry(id).or_insert_with(|| n.endpoint_text());
                }
            }
        }
    }
    // Admin address per id: who answered with that id now, else remembered.
    let mut admin: BTreeMap<u64, String> = remembered.clone();
    for (addr, p) in probes {
        if let Some(id) = p.status.as_ref().and_then(|s| u64::try_from(s.id).ok()) {
            admin.insert(id, addr.clone());
        }
    }
    let used: BTreeSet<String> = admin.values().cloned().collect();
    let mut spare = configured.iter().filter(|a| !used.contains(*a));
    let ids: Vec<u64> = voters.keys().copied().collect();
    for id in &ids {
        if !admin.contains_key(id) {
            if let Some(a) = spare.next() {
                admin.insert(*id, a.clone());
            }
        }
    }
    let mut rows: Vec<NodeRow> = ids
        .iter()
        .map(|id| {
            let addr = admin.get(id).cloned();
            let probe = addr.as_ref().and_then(|a| probes.get(a));
            NodeRow {
                id: Some(*id),
                endpoint: voters.get(id).cloned().unwrap_or_default(),
                voter: !non_voters.contains(id),
                status: probe.and_then(|p| p.status.clone()),
                error: match (addr.as_ref(), probe) {
                    (None, _) => Some("its admin address is not in the cluster's configuration".into()),
                    (Some(_), Some(p)) => p.error.clone(),
                    (Some(_), None) => None,
                },
                admin: addr,
                ..NodeRow::default()
            }
        })
        .collect();
    // Configured addresses no member matched.
    let placed: BTreeSet<String> = rows.iter().filter_map(|r| r.admin.clone()).collect();
    for a in configured.iter().filter(|a| !placed.contains(*a)) {
        let p = probes.get(a).cloned().unwrap_or_default();
        rows.push(NodeRow {
            id: p.status.as_ref().and_then(|s| u64::try_from(s.id).ok()),
            admin: Some(a.clone()),
            endpoint: p.status.as_ref().map(|s| s.endpoint.clone()).unwrap_or_default(),
            voter: true,
            status: p.status,
            error: p.error,
            ..NodeRow::default()
        });
    }
    // Leaders as seen by the nodes that answer now.
    let mut votes: BTreeMap<u64, usize> = BTreeMap::new();
    for r in rows.iter_mut() {
        r.seen_leader = r.status.as_ref().and_then(MetaStatus::leader_id);
        if r.error.is_none() {
            if let Some(l) = r.seen_leader {
                *votes.entry(l).or_default() += 1;
            }
        }
    }
    let leader = votes
        .iter()
        .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
        .map(|(id, _)| *id);
    let leader_status = rows
        .iter()
        .find(|r| r.error.is_none() && r.id == leader && r.id.is_some())
        .and_then(|r| r.status.clone());
    let top = leader_status.as_ref().map(|s| s.last_log_index);
    for r in rows.iter_mut() {
        r.disagrees = r.error.is_none() && r.seen_leader.is_some() && r.seen_leader != leader;
        r.lag = match (&r.status, top) {
            (Some(s), Some(top)) if r.error.is_none() && s.applied_index() >= 0 => {
                Some((top - s.applied_index()).max(0))
            }
            _ => None,
        };
    }
    let replication = leader_status
        .map(|s| {
            s.replication
                .iter()
                .map(|(id, l)| {
                    let m = l.as_ref().map(|l| l.index).unwrap_or(-1);
                    (id.clone(), m, (s.last_log_index - m).max(0))
                })
                .collect()
        })
        .unwrap_or_default();
    ClusterModel {
        rows,
        leader,
        leaders_seen: votes.keys().copied().collect(),
        replication,
    }
}

/// Lag (entries) from which a follower is highlighted.
pub const LAG_WARN: i64 = 100;

/// The cluster page.
#[component]
pub fn ClusterPage() -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let members = RwSignal::new(None::<Result<Vec<MetaNode>, FetchError>>);
    let probes = RwSignal::new(BTreeMap::<String, Probe>::new());
    let remembered = RwSignal::new(BTreeMap::<u64, String>::new());
    let busy = StoredValue::new(BTreeSet::<String>::new());
    let hold = crate::ui::refresh::RefreshHold::get();
    let poll = move || {
        // A confirm dialog is open: keep the page still.
        if hold.is_some_and(|h| h.held()) {
            return;
        }
        let c = cluster.get_untracked();
        let c1 = c.clone();
        leptos::task::spawn_local(async move {
            let r = api::nodes(&c1).await;
            members.try_set(Some(r));
        });
        let configured = api::configured_nodes(&c);
        for addr in configured {
            if busy.try_with_value(|b| b.contains(&addr)).unwrap_or(true) {
                continue;
            }
            busy.try_update_value(|b| b.insert(addr.clone()));
            let c = c.clone();
            leptos::task::spawn_local(async move {
                let r = api::status(&c, &api::node(&addr)).await;
                busy.try_update_value(|b| b.remove(&addr));
                probes.try_update(|m| {
                    let p = m.entry(addr.clone()).or_default();
                    match r {
                        Ok(st) => {
                            if let Ok(id) = u64::try_from(st.id) {
                                remembered.try_update(|r| r.insert(id, addr.clone()));
                            }
                            p.status = Some(st);
                            p.error = None;
                        }
                        Err(e) => p.error = Some(api::error_text(&e)),
                    }
                });
            });
        }
    };
    sample_every(Duration::from_secs(2), poll);
    let model = Memo::new(move |_| {
        let configured = cluster.with(api::configured_nodes);
        members.with(|m| {
            let list = m.as_ref().and_then(|r| r.as_ref().ok()).map(Vec::as_slice);
            probes.with(|p| remembered.with(|r| assemble(list, &configured, p, r)))
        })
    });
    let members_error = move || {
        members.with(|m| match m {
            Some(Err(e)) => Some(view! { <div data-members-error=""><ErrorPanel error=e.clone() on_retry=Callback::new(move |_| poll()) /></div> }),
            _ => None,
        })
    };
    view! {
        <div class=s.cls("stack")>
            <h1>"Meta cluster"</h1>
            {members_error}
            <Summary model=model />
            <div class=s.cls("row")>
                <div class=s.cls("panel")>
                    <h2>"Picture"</h2>
                    <Picture model=model />
                </div>
                <div class=s.cls("panel")>
                    <h2>"Replication (as the leader reports it)"</h2>
                    <Replication model=model />
                </div>
            </div>
            <div class=s.cls("panel")>
                <h2>"Nodes"</h2>
                <Nodes model=model />
            </div>
        </div>
    }
}

#[component]
fn Summary(model: Memo<ClusterModel>) -> impl IntoView {
    let s = scope();
    move || {
        let m = model.get();
        let down: Vec<String> = m
            .rows
            .iter()
            .filter(|r| r.error.is_some())
            .map(|r| r.id.map(|i| format!("node {i}")).or(r.admin.clone()).unwrap_or_default())
            .collect();
        let lagging: Vec<String> = m
            .rows
            .iter()
            .filter(|r| r.lag.is_some_and(|l| l >= LAG_WARN))
            .map(|r| format!("node {} lags by {} entries", r.id.unwrap_or_default(), r.lag.unwrap_or_default()))
            .collect();
        let leader = match m.leader {
            Some(l) => format!("Leader: node {l}"),
            None if m.rows.is_empty() => "Asking the nodes…".to_string(),
            None => "No leader known".to_string(),
        };
        view! {
            <div class=s.cls("row")>
                <strong data-leader=m.leader.map(|l| l.to_string()).unwrap_or_default()>{leader}</strong>
                <span class="sb-dim">{format!("{} nodes, {} answering", m.rows.len(), m.rows.len() - down.len())}</span>
            </div>
            {(m.leaders_seen.len() > 1).then(|| view! {
                <div class=s.cls("alert badline") data-split="">{format!(
                    "Split view: the nodes name different leaders ({})",
                    m.leaders_seen.iter().map(|l| format!("node {l}")).collect::<Vec<_>>().join(", ")
                )}</div>
            })}
            {(!down.is_empty()).then(|| view! {
                <div class=s.cls("alert badline") data-unreachable="">{format!("Not answering: {}", down.join(", "))}</div>
            })}
            {(!lagging.is_empty()).then(|| view! { <div class=s.cls("alert")>{lagging.join("; ")}</div> })}
        }
    }
}

fn opt(v: Option<i64>) -> String {
    v.map(count).unwrap_or_else(|| NONE.into())
}

#[component]
fn Nodes(model: Memo<ClusterModel>) -> impl IntoView {
    let s = scope();
    let cluster = use_cluster();
    let toast = toaster();
    let transfer = move |to: u64| {
        let c = cluster.get_untracked();
        let leader_addr = model.with_untracked(|m| {
            m.rows
                .iter()
                .find(|r| r.id == m.leader && r.error.is_none())
                .and_then(|r| r.admin.clone())
        });
        leptos::task::spawn_local(async move {
            let target = leader_addr.map(|a| api::node(&a)).unwrap_or_else(|| api::ANY.into());
            match api::transfer_leader(&c, &target, Some(to)).await {
                Ok(t) => toast(ToastKind::Success, format!("Leadership transferred from node {} to node {}", t.from, t.to)),
                Err(e) => toast(ToastKind::Error, format!("Transfer refused: {}", api::error_text(&e))),
            }
        });
    };
    // Candidates change only when the leader or the answering nodes do, so the confirm dialogs
    // are not re-created by every poll.
    let candidates = Memo::new(move |_| {
        model.with(|m| {
            m.rows
                .iter()
                .filter(|r| r.error.is_none() && r.status.is_some() && r.voter && m.leader.is_some() && r.id != m.leader)
                .filter_map(|r| r.id)
                .collect::<Vec<u64>>()
        })
    });
    let make_leader = move || {
        candidates
            .get()
            .into_iter()
            .map(|to| {
                view! {
                    <span data-make-leader=to.to_string()>
                        <ConfirmButton label=format!("Make node {to} leader") title=format!("Make node {to} the leader?")
                            message=format!("The current leader hands leadership to node {to}; the term increases and clients reconnect.")
                            confirm_label="Transfer leadership"
                            on_confirm=Callback::new(move |_| transfer(to)) />
                    </span>
                }
            })
            .collect_view()
    };
    let rows = move || {
        let m = model.get();
        m.rows
            .into_iter()
            .map(|r| {
                let st = r.status.clone().unwrap_or_default();
                let has = r.status.is_some();
                let row_cls = if r.error.is_some() {
                    "down bad"
                } else if r.disagrees || r.lag.is_some_and(|l| l >= LAG_WARN) {
                    "warn"
                } else {
                    ""
                };
                let state = match (&r.error, has) {
                    (Some(_), _) => badge(Tone::Bad, "unreachable"),
                    (None, false) => badge(Tone::Unknown, "asking…"),
                    (None, true) if st.is_leader => badge(Tone::Ok, &st.state),
                    (None, true) => badge(Tone::Unknown, &st.state),
                };
                let seen = match (r.seen_leader, r.disagrees) {
                    (Some(l), true) => view! { <span data-disagrees="">{badge(Tone::Warn, &format!("node {l} (differs)"))}</span> }.into_any(),
                    (Some(l), false) => view! { <span>{format!("node {l}")}</span> }.into_any(),
                    (None, _) => view! { <span>{NONE}</span> }.into_any(),
                };
                let log = st.raft_log.clone().unwrap_or_default();
                let sizes = if st.raft_log.is_some() {
                    format!(
                        "WAL {} · cache {} ({} items)",
                        log.wal_total_size.map(bytes).unwrap_or_else(|| NONE.into()),
                        log.cache_used_size.map(bytes).unwrap_or_else(|| NONE.into()),
                        opt(log.cache_items),
                    )
                } else if let Some(db) = st.db_size {
                    format!("db {}", bytes(db))
                } else {
                    NONE.to_string()
                };
                let keys = st.snapshot_key_count.or(st.key_num);
                let lag = match r.lag {
                    Some(0) => "in sync".to_string(),
                    Some(l) => format!("{l} behind"),
                    None => NONE.to_string(),
                };
                let id = r.id;
                let term = if has { count(st.current_term) } else { NONE.into() };
                view! {
                    <tr class=s.cls(row_cls) data-node=id.map(|i| i.to_string()).unwrap_or_default()
                        data-state=if r.error.is_some() { "unreachable".to_string() } else { st.state.clone() }
                        data-seen-leader=r.seen_leader.map(|l| l.to_string()).unwrap_or_default()
                        data-last-log=if has { st.last_log_index.to_string() } else { String::new() }>
                        <td>{id.map(|i| i.to_string()).unwrap_or_else(|| "?".into())}</td>
                        <td class="sb-mono">{r.admin.clone().unwrap_or_else(|| NONE.into())}</td>
                        <td class="sb-mono">{if r.endpoint.is_empty() { NONE.to_string() } else { r.endpoint.clone() }}</td>
                        <td>{if r.voter { "voter" } else { "non-voter" }}</td>
                        <td>{state}</td>
                        <td>{seen}</td>
                        <td class=s.cls("num")>{term}</td>
                        <td class=s.cls("num")>{if has { count(st.last_log_index) } else { NONE.into() }}</td>
                        <td class=s.cls("num")>{st.last_applied.as_ref().map(|l| count(l.index)).unwrap_or_else(|| NONE.into())}</td>
                        <td class=s.cls("num") data-lag="">{lag}</td>
                        <td class=s.cls("num")>{opt(st.last_seq)}</td>
                        <td class=s.cls("num")>{opt(keys)}</td>
                        <td>{sizes}</td>
                    </tr>
                    {r.error.map(|e| view! {
                        <tr class=s.cls("down")><td></td><td colspan="12" class=s.cls("err") data-node-error="">{e}</td></tr>
                    })}
                }
            })
            .collect_view()
    };
    view! {
        <div style="overflow:auto">
            <table class=s.cls("table") data-nodes="">
                <thead><tr>
                    <th>"Id"</th><th>"Admin address"</th><th>"Raft endpoint"</th><th>"Role"</th><th>"State"</th>
                    <th>"Leader (as it sees it)"</th><th class=s.cls("num")>"Term"</th><th class=s.cls("num")>"Last log"</th>
                    <th class=s.cls("num")>"Applied"</th><th class=s.cls("num")>"Lag"</th><th class=s.cls("num")>"Last seq"</th>
                    <th class=s.cls("num")>"Snapshot keys"</th><th>"Raft log"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <div class=s.cls("form")>{make_leader}</div>
    }
}

#[component]
fn Replication(model: Memo<ClusterModel>) -> impl IntoView {
    let s = scope();
    move || {
        let m = model.get();
        if m.replication.is_empty() {
            return view! { <p class="sb-dim">"The leader reports no replication progress (older servers do not)."</p> }.into_any();
        }
        let rows = m
            .replication
            .into_iter()
            .map(|(id, matched, lag)| {
                view! { <tr data-replication=id.clone()><td>{format!("node {id}")}</td><td class=s.cls("num")>{count(matched)}</td><td class=s.cls("num")>{if lag == 0 { "in sync".to_string() } else { format!("{lag} behind") }}</td></tr> }
            })
            .collect_view();
        view! {
            <table class=s.cls("table")>
                <thead><tr><th>"Node"</th><th class=s.cls("num")>"Matched index"</th><th class=s.cls("num")>"Lag"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    }
}

/// Positions of `n` nodes on a circle in a 320×220 box.
pub fn positions(n: usize) -> Vec<(f64, f64)> {
    (0..n)
        .map(|i| {
            let a = -std::f64::consts::FRAC_PI_2 + i as f64 * std::f64::consts::TAU / n.max(1) as f64;
            (160.0 + 75.0 * a.cos(), 110.0 + 75.0 * a.sin())
        })
        .collect()
}

#[component]
fn Picture(model: Memo<ClusterModel>) -> impl IntoView {
    let s = scope();
    let body = move || {
        let m = model.get();
        let pos = positions(m.rows.len());
        let leader_at = m.rows.iter().position(|r| r.id == m.leader && m.leader.is_some());
        let edges = m
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != leader_at)
            .filter_map(|(i, r)| {
                let l = leader_at?;
                let (a, b) = (pos.get(l)?, pos.get(i)?);
                let cls = if r.error.is_some() { "edge-down" } else { "edge" };
                let lag = match (&r.error, r.lag) {
                    (Some(_), _) => "unreachable".to_string(),
                    (None, Some(0)) => "in sync".to_string(),
                    (None, Some(n)) => format!("−{n}"),
                    (None, None) => String::new(),
                };
                Some(view! {
                    <line class=s.cls(cls) x1=a.0 y1=a.1 x2=b.0 y2=b.1 />
                    <text class=s.cls("lag") x=(a.0 + b.0) / 2.0 + 4.0 y=(a.1 + b.1) / 2.0 - 4.0>{lag}</text>
                })
            })
            .collect_view();
        let nodes = m
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let p = pos.get(i)?;
                let cls = if r.error.is_some() {
                    "node-down"
                } else if Some(i) == leader_at {
                    "node-leader"
                } else {
                    "node-ok"
                };
                let id = r.id.map(|i| i.to_string()).unwrap_or_else(|| "?".into());
                let caption = if r.error.is_some() {
                    "down"
                } else if Some(i) == leader_at {
                    "leader"
                } else {
                    ""
                };
                let key = id.clone();
                Some(view! {
                    <g data-picture-node=key data-role=caption>
                        <circle class=s.cls(cls) cx=p.0 cy=p.1 r="18" />
                        <text class=s.cls("inner") x=p.0 y=p.1 + 4.0 text-anchor="middle">{id}</text>
                        <text class=s.cls("label") x=p.0 y=p.1 + 32.0 text-anchor="middle">{caption}</text>
                    </g>
                })
            })
            .collect_view();
        view! { {edges}{nodes} }
    };
    view! { <svg class=s.cls("picture") viewBox="0 0 320 220" role="img" aria-label="cluster picture">{body}</svg> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(text: &str) -> MetaStatus {
        serde_json::from_str(text).unwrap()
    }

    fn sim_statuses() -> (MetaStatus, MetaStatus) {
        (
            st(include_str!("../fixtures/sim-status-leader.json")),
            st(include_str!("../fixtures/sim-status-follower.json")),
        )
    }

    #[test]
    fn maps_nodes_to_admin_addresses_and_measures_lag() {
        let (leader, follower) = sim_statuses();
        let configured = vec!["h:1".to_string(), "h:2".to_string(), "h:3".to_string()];
        let mut probes = BTreeMap::new();
        probes.insert("h:1".into(), Probe { status: Some(leader.clone()), error: None });
        probes.insert("h:2".into(), Probe { status: Some(follower.clone()), error: None });
        probes.insert("h:3".into(), Probe { status: None, error: Some("refused".into()) });
        let m = assemble(Some(&leader.voters), &configured, &probes, &BTreeMap::new());
        assert_eq!(m.leader, Some(1));
        assert_eq!(m.rows.len(), 3);
        assert_eq!(m.rows[0].admin.as_deref(), Some("h:1"));
        assert_eq!(m.rows[1].lag, Some(leader.last_log_index - follower.applied_index()));
        assert_eq!(m.rows[2].admin.as_deref(), Some("h:3"), "the spare address pairs with node 3");
        assert_eq!(m.rows[2].error.as_deref(), Some("refused"));
        assert_eq!(m.replication.len(), 3);
        assert!(m.rows.iter().all(|r| !r.disagrees));
    }

    #[test]
    fn a_split_view_is_flagged() {
        let (leader, mut follower) = sim_statuses();
        follower.leader = follower.voters.get(2).cloned();
        let mut probes = BTreeMap::new();
        probes.insert("h:1".into(), Probe { status: Some(leader.clone()), error: None });
        probes.insert("h:2".into(), Probe { status: Some(follower), error: None });
        let m = assemble(None, &["h:1".into(), "h:2".into()], &probes, &BTreeMap::new());
        assert_eq!(m.leaders_seen, vec![1, 3]);
        assert_eq!(m.leader, Some(1));
        assert!(m.rows.iter().any(|r| r.disagrees));
    }

    #[test]
    fn remembered_addresses_keep_a_silent_node_in_place() {
        let (leader, _) = sim_statuses();
        let mut probes = BTreeMap::new();
        probes.insert("h:1".into(), Probe { status: Some(leader.clone()), error: None });
        probes.insert("h:3".into(), Probe { status: None, error: Some("down".into()) });
        let remembered: BTreeMap<u64, String> = [(3, "h:3".to_string()), (2, "h:2".to_string())].into();
        let m = assemble(Some(&leader.voters), &["h:1".into(), "h:2".into(), "h:3".into()], &probes, &remembered);
        assert_eq!(m.rows[2].admin.as_deref(), Some("h:3"));
        assert!(m.rows[2].error.is_some());
        assert!(m.rows[1].error.is_none());
        assert_eq!(positions(3).len(), 3);
    }
}
