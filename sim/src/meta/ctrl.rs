//! Control endpoints (all GET): snapshot, leader transfer, features, debug pages.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::state::FEATURES;
use super::NodeCtx;
use crate::http_util::{html, lock, ok_json, raw, text, Params};

/// `GET /v1/ctrl/trigger_snapshot` -> `null` (the handler returns `Json(())`).
pub async fn trigger_snapshot(State(ctx): State<NodeCtx>) -> Response {
    let now = ctx.shared.clock.now_ms();
    let mut c = lock(&ctx.cluster);
    let last = c.last_log_index(now);
    c.snapshot_index[(ctx.id - 1) as usize] = Some(last);
    ok_json(&serde_json::Value::Null)
}

fn not_leader(what: &str, id: u64, leader: u64, voters: Option<&[u64]>) -> Response {
    let mut msg =
        format!("This node is not leader, can not {what};\nid={id}\ncurrent_leader=Some({leader})");
    if let Some(v) = voters {
        msg.push_str(&format!("\nvoter_ids={v:?}"));
    }
    text(StatusCode::NOT_FOUND, msg)
}

/// `GET /v1/ctrl/trigger_transfer_leader[?to=N]`: leader only; others answer 404 with text.
pub async fn trigger_transfer_leader(
    State(ctx): State<NodeCtx>,
    RawQuery(q): RawQuery,
) -> Response {
    let params = Params::parse(q.as_deref());
    let mut c = lock(&ctx.cluster);
    let voters = c.voter_ids();
    // An unparsable query is ignored by the server (`serde_urlencoded::from_str(q).ok()`).
    let to = params.get("to").and_then(|v| v.parse::<u64>().ok());
    let to = to.unwrap_or_else(|| {
        let idx = voters.iter().position(|&v| v == ctx.id).unwrap_or(0);
        voters[(idx + 1) % voters.len()]
    });
    if c.leader != ctx.id {
        return not_leader("transfer leadership", ctx.id, c.leader, Some(&voters));
    }
    if !voters.contains(&to) {
        return text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("TransferLeader: target node {to} is not a voter"),
        );
    }
    let from = c.leader;
    if to != from {
        c.leader = to;
        c.term += 1;
        c.leader_changes += 1;
    }
    ok_json(&json!({"from": from, "to": to, "voter_ids": voters}))
}

fn features_json(enabled: &std::collections::BTreeSet<String>) -> serde_json::Value {
    json!({"features": FEATURES, "enabled": enabled.iter().collect::<Vec<_>>()})
}

/// `GET /v1/features/list`.
pub async fn features_list(State(ctx): State<NodeCtx>) -> Response {
    ok_json(&features_json(&lock(&ctx.cluster).enabled))
}

/// `GET /v1/features/set?feature=dummy&enable=true`: leader only.
pub async fn features_set(State(ctx): State<NodeCtx>, RawQuery(q): RawQuery) -> Response {
    let params = Params::parse(q.as_deref());
    let feature = params.get("feature").filter(|f| FEATURES.contains(f));
    let enable = params.get("enable").and_then(|v| v.parse::<bool>().ok());
    let (Some(feature), Some(enable)) = (feature, enable) else {
        return text(
            StatusCode::BAD_REQUEST,
            "'feature' and 'enable' query parameters are required",
        );
    };
    let mut c = lock(&ctx.cluster);
    if c.leader != ctx.id {
        return not_leader("set feature", ctx.id, c.leader, None);
    }
    if enable {
        c.enabled.insert(feature.to_string());
    } else {
        c.enabled.remove(feature);
    }
    ok_json(&features_json(&c.enabled))
}

/// `GET /debug/home`.
pub async fn debug_home() -> Response {
    html(
        StatusCode::OK,
        "<a href=\"/debug/pprof/profile?seconds=5\">pprof/profile</a>",
    )
}

/// `GET /debug/pprof/profile?seconds=N`: a (fake) gzipped profile, returned at once.
pub async fn pprof_profile(RawQuery(q): RawQuery) -> Response {
    let seconds = Params::parse(q.as_deref()).int("seconds").unwrap_or(5);
    if seconds <= 0 {
        return text(StatusCode::BAD_REQUEST, "seconds must be positive");
    }
    // gzip magic plus a few bytes: clients treat it as an opaque download.
    let body: Vec<u8> = vec![
        0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    raw(StatusCode::OK, "application/octet-stream", body)
}

/// `GET /debug/jeprof/dump`: a (fake) jemalloc heap profile, as text.
pub async fn jeprof_dump() -> Response {
    let body = b"heap_v2/524288\n  t*: 1024: 4194304 [0: 0]\nMAPPED_LIBRARIES:\n".to_vec();
    raw(StatusCode::OK, "application/octet-stream", body)
}
