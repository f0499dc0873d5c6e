//! Databend meta against the simulated three-node cluster (`demo-meta`): the leader is shown,
//! leadership moves and every node agrees on the new leader, a node that stops answering is
//! marked unreachable while the others keep updating, a counter is charted as a rate, and a
//! snapshot is triggered after a confirmation.

use switchboard_e2e::app::confirm_dialog;
use switchboard_e2e::http::request;
use switchboard_e2e::{e2e, eventually, Browser, Setup};

const CLUSTER: &str = "/databend-meta/demo-meta";

/// A fault limited to one port of the meta simulator, cleared when dropped.
struct PortFault {
    url: String,
}

impl PortFault {
    fn refuse(setup: &Setup, port: u16) -> PortFault {
        let url = format!("{}/_sim/faults/databend-meta", setup.sim_admin_url);
        let body = serde_json::json!({ "mode": "refuse", "port": port }).to_string();
        match request("PUT", &url, Some(&body)) {
            Ok(a) if a.status == 200 => PortFault { url },
            Ok(a) => panic!("PUT {url} {body} answered {}: {}", a.status, a.body),
            Err(e) => panic!("{e}"),
        }
    }
}

impl Drop for PortFault {
    fn drop(&mut self) {
        let _ = request("DELETE", &self.url, None);
    }
}

/// The admin port of meta node `id` (1..=3).
fn admin_port(setup: &Setup, id: u64) -> u16 {
    setup.sim_port(100 + id as u16)
}

/// The leader id as node 1's own status says it (asked of the simulator directly).
fn leader_now(setup: &Setup) -> u64 {
    for id in 1..=3 {
        let url = format!(
            "http://127.0.0.1:{}/v1/cluster/status",
            admin_port(setup, id)
        );
        if let Ok(a) = request("GET", &url, None) {
            let v: serde_json::Value = serde_json::from_str(&a.body).unwrap_or_default();
            if let Some(l) = v["leader"]["name"].as_str().and_then(|n| n.parse().ok()) {
                return l;
            }
        }
    }
    panic!("no meta node says who leads");
}

/// `(node id, seen leader, state, last log)` of every row of the nodes table.
async fn rows(b: &Browser) -> Vec<(String, String, String, String)> {
    let v = b
        .js(
            "return [...document.querySelectorAll('tr[data-node]')].map(r => [r.dataset.node, r.dataset.seenLeader, r.dataset.state, r.dataset.lastLog]);",
            vec![],
        )
        .await;
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            let r = r.as_array()?;
            let s = |i: usize| r.get(i).and_then(|x| x.as_str()).unwrap_or("").to_string();
            Some((s(0), s(1), s(2), s(3)))
        })
        .collect()
}

#[test]
fn meta_leader_transfer_and_a_node_that_stops_answering() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(CLUSTER)).await;
        let leader = eventually("every node naming the same leader", async |last| {
            let r = rows(&b).await;
            *last = format!("{r:?}");
            let first = r.first()?.1.clone();
            (r.len() == 3
                && !first.is_empty()
                && r.iter().all(|x| x.1 == first && x.2 != "unreachable"))
            .then_some(first)
        })
        .await;
        assert_eq!(
            b.attr("[data-leader]", "data-leader").await.as_deref(),
            Some(leader.as_str())
        );
        assert_eq!(b.count("[data-picture-node][data-role=leader]").await, 1);

        // Transfer leadership to another node; every node agrees on it.
        let to: u64 = if leader == "2" { 3 } else { 2 };
        b.click_xpath(&format!("//*[@data-make-leader='{to}']//button"))
            .await;
        confirm_dialog(&b, "Transfer leadership").await;
        eventually("every node naming the new leader", async |last| {
            let r = rows(&b).await;
            *last = format!("{r:?}");
            (r.len() == 3 && r.iter().all(|x| x.1 == to.to_string())).then_some(())
        })
        .await;
        b.wait_text("[data-leader]", &format!("node {to}")).await;
        assert_eq!(leader_now(&lab.setup), to);

        // Stop a follower: it is marked unreachable, the others keep updating.
        let down: u64 = if to == 1 { 3 } else { 1 };
        let fault = PortFault::refuse(&lab.setup, admin_port(&lab.setup, down));
        let before = eventually("the stopped node marked unreachable", async |last| {
            let r = rows(&b).await;
            *last = format!("{r:?}");
            let row = r.iter().find(|x| x.0 == down.to_string())?;
            (row.2 == "unreachable").then_some(r)
        })
        .await;
        b.wait_for("[data-unreachable]").await;
        b.wait_for(&format!("[data-picture-node='{down}'][data-role=down]"))
            .await;
        let log_of = |r: &[(String, String, String, String)], id: u64| {
            r.iter()
                .find(|x| x.0 == id.to_string())
                .map(|x| x.3.clone())
                .unwrap_or_default()
        };
        let was = log_of(&before, to);
        eventually("the leader's log index moving on", async |last| {
            let r = rows(&b).await;
            *last = format!("{r:?}");
            let now = log_of(&r, to);
            let still_down = r
                .iter()
                .any(|x| x.0 == down.to_string() && x.2 == "unreachable");
            (still_down && !now.is_empty() && now != was).then_some(())
        })
        .await;
        drop(fault);
        eventually("the node answering again", async |last| {
            let r = rows(&b).await;
            *last = format!("{r:?}");
            r.iter().all(|x| x.2 != "unreachable").then_some(())
        })
        .await;
    });
}

#[test]
fn meta_metrics_chart_a_counter_as_a_rate() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(
            &lab.setup
                .app(&format!("{CLUSTER}/metrics?find=proposals_applied")),
        )
        .await;
        b.wait_for("[data-key-panel]").await;
        assert_eq!(b.count("[data-key-panel] figure").await, 7);
        b.click_xpath(
            "//tr[@data-series='metasrv_server_proposals_applied']//button[normalize-space(.)='Chart rate']",
        )
        .await;
        b.wait_url("the pick in the address", |u| u.contains("series=rate"))
            .await;
        let chart = "[data-pick='metasrv_server_proposals_applied'][data-rate='true']";
        eventually("a rate drawn from a few scrapes", async |last| {
            let lines = b.count(&format!("{chart} svg path")).await;
            let text = b.texts(chart).await.join(" ");
            *last = format!("{lines} lines: {text}");
            (lines >= 1 && text.contains("per second:")).then_some(())
        })
        .await;
        let scrapes = b.texts("[data-scrapes]").await.join(" ");
        assert!(scrapes.contains("samples"), "{scrapes}");
    });
}

#[test]
fn meta_snapshot_after_confirmation_and_a_follower_explains_a_refusal() {
    e2e(|lab| async move {
        let b = lab.browser().await;
        b.open(&lab.setup.app(&format!("{CLUSTER}/actions"))).await;
        b.wait_text("[data-health]", "pass").await;
        b.click_button("Trigger snapshot").await;
        confirm_dialog(&b, "Trigger").await;
        b.wait_text("[data-snapshot] [data-result]", "Snapshot triggered")
            .await;

        // Ask a follower to transfer leadership: its 404 text is shown as it is.
        let leader = leader_now(&lab.setup);
        let follower = if leader == 1 { 2 } else { 1 };
        let addr = format!("127.0.0.1:{}", admin_port(&lab.setup, follower));
        b.open(&lab.setup.app(&format!("{CLUSTER}/actions?node={addr}")))
            .await;
        b.wait_text("[data-health]", "pass").await;
        b.click_button("Transfer").await;
        confirm_dialog(&b, "Transfer leadership").await;
        let text = b
            .wait_text("[data-transfer] [data-result]", "not leader")
            .await;
        assert!(text.contains("404"), "{text}");
        assert_eq!(leader_now(&lab.setup), leader);
    });
}
