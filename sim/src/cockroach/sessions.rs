//! `GET /api/v2/sessions/` (admin; RPC pagination with an opaque `start` token).

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Value};

use super::auth::CrdbAdmin;
use super::pagination::{rpc_paginate, PaginationState};
use super::state::SqlSession;
use crate::http_util::{b64, go_error, lock, ok_json};
use crate::timefmt::rfc3339_nanos;

fn fingerprint(sql: &str) -> String {
    let mut out = String::new();
    let mut in_str = false;
    for c in sql.chars() {
        if c == '\'' {
            if !in_str {
                out.push('_');
            }
            in_str = !in_str;
        } else if !in_str {
            out.push(c);
        }
    }
    out.split(' ')
        .map(|w| {
            if w.starts_with('$') || w.parse::<f64>().is_ok() {
                "_"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn session_json(s: &SqlSession, seed_bytes: &[u8]) -> Value {
    let active: Vec<Value> = s
        .active_query
        .iter()
        .map(|(sql, start)| {
            json!({
                "id": format!("{:032x}", u128::from_be_bytes(seed_bytes.try_into().unwrap_or([0u8; 16]))),
                "txn_id": format!("{:08x}-4f5b-4a1e-9c2d-{:012x}", start.rem_euclid(0xffff_ffff), s.alloc_bytes),
                "start": rfc3339_nanos(*start),
                "sql": sql,
                "sql_no_constants": fingerprint(sql),
                "sql_summary": sql.split(" WHERE ").next().unwrap_or(sql),
                "is_distributed": sql.starts_with("SELECT count"),
                "phase": 1,
                "progress": 0,
            })
        })
        .collect();
    let txn = if s.in_txn {
        json!({
            "id": format!("0d3c6a2e-4f5b-4a1e-9c2d-{:012x}", s.start_ns.rem_euclid(0xffff_ffff_ffff)),
            "start": rfc3339_nanos(s.start_ns + 1_000_000),
            "txn_description": "\"sql txn\" meta={id=0d3c6a2e}",
            "num_statements_executed": 2,
            "num_retries": 0,
            "num_auto_retries": 0,
            "deadline": rfc3339_nanos(s.start_ns + 301_000_000_000),
            "implicit": false,
            "alloc_bytes": s.alloc_bytes / 2,
            "max_alloc_bytes": s.alloc_bytes,
            "read_only": false,
            "is_historical": false,
            "priority": "normal",
            "quality_of_service": "regular",
        })
    } else {
        Value::Null
    };
    json!({
        "node_id": s.node_id,
        "username": s.username,
        "client_address": s.client_address,
        "application_name": s.application_name,
        "active_queries": active,
        "start": rfc3339_nanos(s.start_ns),
        "id": b64(&s.id),
        "last_active_query": s.last_query,
        "alloc_bytes": s.alloc_bytes,
        "max_alloc_bytes": s.alloc_bytes * 2,
        "active_txn": txn,
        "last_active_query_no_constants": fingerprint(&s.last_query),
        "status": if s.active_query.is_some() { 0 } else { 1 },
        "num_txns_executed": 3 + s.alloc_bytes % 97,
        "authentication_method": "password",
    })
}

/// `GET /api/v2/sessions/?username=..&limit=..&start=..`.
pub async fn list_sessions(CrdbAdmin { ctx, params, .. }: CrdbAdmin) -> Response {
    let limit = params.int("limit").filter(|v| *v > 0).unwrap_or(0) as usize;
    let start = match params.get_nonempty("start") {
        Some(tok) => match PaginationState::unmarshal(tok) {
            Some(s) => Some(s),
            None => return go_error(StatusCode::BAD_REQUEST, "invalid pagination state"),
        },
        None => None,
    };
    let username = params.get_nonempty("username").map(str::to_string);
    let c = lock(&ctx.cluster);
    let by_node: Vec<(i64, Vec<Value>)> = c
        .nodes
        .iter()
        .map(|n| {
            let items = c
                .sessions
                .iter()
                .filter(|s| {
                    s.node_id == n.id && username.as_deref().is_none_or(|u| s.username == u)
                })
                .map(|s| session_json(s, &s.id))
                .collect();
            (n.id, items)
        })
        .collect();
    let (page, state) = rpc_paginate(&by_node, limit, start);
    ok_json(&json!({
        "sessions": page,
        "errors": [],
        "internal_app_name_prefix": "$ internal",
        "next": state.marshal(),
    }))
}
