//! The admin API on the port base: fault modes, the simulated clock and readiness.
//!
//! - `GET /_sim/health` - readiness
//! - `GET /_sim/faults`, `PUT /_sim/faults/{system}` (JSON `{"mode": ...}`), `DELETE /_sim/faults/{system}`
//! - `GET /_sim/clock`, `POST /_sim/clock/advance` (JSON `{"ms": N}` or `?ms=N`)
//! - `GET /_sim/ports` - every role and its port
//! - `PUT /_sim/plant/{system}` (JSON `{"word": "text", ...}`): every answer of the system has
//!   each word replaced by its text (see [`crate::plant`]); `GET`/`DELETE /_sim/plant[/{system}]`
//! - `GET /_sim/uploads` - streamed uploads (stream load) started, completed, aborted, bytes;
//!   `POST /_sim/uploads` (JSON `{"bytes_per_sec": N, "reset": true}`) sets the reading rate
//!   (0: unlimited) and clears the counters
//! - `POST /_sim/cockroach/sessions/expire` (JSON `{"user": NAME}` or `?user=NAME`; none: every
//!   user) - CockroachDB login sessions expire: their next request is a 401

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::{json, Value};

use crate::clock::SimClock;
use crate::config::{PortPlan, System, PORT_SLOTS};
use crate::fault::{Fault, Faults};
use crate::http_util::{json, ok_json, Params};

/// State of the admin API.
#[derive(Clone)]
pub struct AdminState {
    /// Shared fault table.
    pub faults: Arc<Faults>,
    /// Shared clock.
    pub clock: Arc<SimClock>,
    /// Port layout.
    pub plan: PortPlan,
    /// The simulated CockroachDB cluster (its login sessions).
    pub crdb: Arc<std::sync::Mutex<crate::cockroach::CrdbCluster>>,
    /// Texts planted in the systems' answers.
    pub plants: Arc<crate::plant::Plants>,
    /// Streamed uploads (stream load): counters and reading rate.
    pub uploads: Arc<crate::uploads::Uploads>,
}

/// Routes of the admin API.
pub fn router(state: AdminState) -> Router {
    Router::new()
        .route("/_sim/health", get(health))
        .route("/_sim/faults", get(list_faults).delete(clear_all))
        .route(
            "/_sim/faults/{system}",
            put(set_fault)
                .post(set_fault)
                .delete(clear_fault)
                .get(get_fault),
        )
        .route("/_sim/clock", get(clock))
        .route("/_sim/clock/advance", post(advance))
        .route("/_sim/ports", get(ports))
        .route("/_sim/cockroach/sessions/expire", post(expire_sessions))
        .route("/_sim/plant", get(list_plants).delete(clear_plants))
        .route(
            "/_sim/plant/{system}",
            put(set_plants).post(set_plants).delete(clear_plants_of),
        )
        .route("/_sim/uploads", get(uploads).post(set_uploads))
        .fallback(|| async {
            json(
                StatusCode::NOT_FOUND,
                &json!({"error": "no such admin endpoint"}),
            )
        })
        .with_state(state)
}

async fn health(State(s): State<AdminState>) -> Response {
    ok_json(
        &json!({"status": "ok", "systems": System::ALL.map(System::name), "now_ms": s.clock.now_ms()}),
    )
}

async fn list_faults(State(s): State<AdminState>) -> Response {
    ok_json(&s.faults.snapshot())
}

fn system_or_404(name: &str) -> Result<System, Response> {
    System::parse(name).ok_or_else(|| {
        json(
            StatusCode::NOT_FOUND,
            &json!({"error": format!("unknown system: {name}")}),
        )
    })
}

async fn get_fault(State(s): State<AdminState>, Path(name): Path<String>) -> Response {
    match system_or_404(&name) {
        Ok(sys) => ok_json(
            &s.faults
                .get(sys)
                .map(|f| f.to_json())
                .unwrap_or(json!({"mode": "none"})),
        ),
        Err(r) => r,
    }
}

async fn set_fault(State(s): State<AdminState>, Path(name): Path<String>, body: Bytes) -> Response {
    let sys = match system_or_404(&name) {
        Ok(sys) => sys,
        Err(r) => return r,
    };
    let parsed: Result<Value, _> = serde_json::from_slice(&body);
    let fault = match parsed
        .map_err(|e| e.to_string())
        .and_then(|v| Fault::from_json(&v))
    {
        Ok(f) => f,
        Err(e) => return json(StatusCode::BAD_REQUEST, &json!({"error": e})),
    };
    if fault.mode == crate::fault::FaultMode::Refuse {
        if let Some(p) = fault.port {
            if !PORT_SLOTS
                .iter()
                .any(|slot| slot.system == Some(sys) && s.plan.base + slot.offset == p)
            {
                return json(
                    StatusCode::BAD_REQUEST,
                    &json!({"error": format!("port {p} is not a {} port", sys.name())}),
                );
            }
        }
    }
    let out = fault.to_json();
    s.faults.set(sys, fault);
    ok_json(&json!({"system": sys.name(), "fault": out}))
}

async fn clear_fault(State(s): State<AdminState>, Path(name): Path<String>) -> Response {
    match system_or_404(&name) {
        Ok(sys) => {
            s.faults.clear(sys);
            ok_json(&json!({"system": sys.name(), "fault": {"mode": "none"}}))
        }
        Err(r) => r,
    }
}

async fn clear_all(State(s): State<AdminState>) -> Response {
    for sys in System::ALL {
        s.faults.clear(sys);
    }
    ok_json(&s.faults.snapshot())
}

async fn clock(State(s): State<AdminState>) -> Response {
    ok_json(&json!({"now_ms": s.clock.now_ms(), "start_ms": s.clock.start_ms()}))
}

async fn advance(State(s): State<AdminState>, RawQuery(q): RawQuery, body: Bytes) -> Response {
    let from_body = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("ms").and_then(Value::as_i64));
    let ms = from_body.or_else(|| Params::parse(q.as_deref()).int("ms"));
    match ms {
        Some(ms) if ms >= 0 => {
            s.clock.advance(ms);
            ok_json(&json!({"now_ms": s.clock.now_ms()}))
        }
        _ => json(
            StatusCode::BAD_REQUEST,
            &json!({"error": "want {\"ms\": N} with N >= 0"}),
        ),
    }
}

async fn expire_sessions(
    State(s): State<AdminState>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let from_body = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("user").and_then(Value::as_str).map(str::to_string));
    let user = from_body.or_else(|| {
        Params::parse(q.as_deref())
            .get_nonempty("user")
            .map(str::to_string)
    });
    let n = crate::cockroach::expire_sessions(&s.crdb, user.as_deref());
    ok_json(&json!({"expired": n}))
}

async fn ports(State(s): State<AdminState>) -> Response {
    let mut out = serde_json::Map::new();
    for slot in PORT_SLOTS {
        let key = match slot.system {
            Some(sys) => format!("{}.{}", sys.name(), slot.role),
            None => slot.role.to_string(),
        };
        out.insert(key, json!(s.plan.base + slot.offset));
    }
    ok_json(&Value::Object(out))
}

async fn list_plants(State(s): State<AdminState>) -> Response {
    ok_json(&s.plants.to_json())
}

async fn set_plants(
    State(s): State<AdminState>,
    Path(name): Path<String>,
    body: Bytes,
) -> Response {
    let sys = match system_or_404(&name) {
        Ok(sys) => sys,
        Err(r) => return r,
    };
    let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(&body) else {
        return json(
            StatusCode::BAD_REQUEST,
            &json!({"error": "want {\"word\": \"text\", ...}"}),
        );
    };
    for (word, text) in &m {
        match text.as_str() {
            Some(t) => s.plants.plant(sys, word, t),
            None => {
                return json(
                    StatusCode::BAD_REQUEST,
                    &json!({"error": format!("the text for {word} is not a string")}),
                )
            }
        }
    }
    ok_json(&s.plants.to_json())
}

async fn clear_plants(State(s): State<AdminState>) -> Response {
    s.plants.clear(None);
    ok_json(&s.plants.to_json())
}

async fn clear_plants_of(State(s): State<AdminState>, Path(name): Path<String>) -> Response {
    match system_or_404(&name) {
        Ok(sys) => {
            s.plants.clear(Some(sys));
            ok_json(&s.plants.to_json())
        }
        Err(r) => r,
    }
}

async fn uploads(State(s): State<AdminState>) -> Response {
    ok_json(&s.uploads.to_json())
}

async fn set_uploads(State(s): State<AdminState>, body: Bytes) -> Response {
    let v = serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null);
    if let Some(rate) = v.get("bytes_per_sec").and_then(Value::as_u64) {
        s.uploads.set_rate(rate);
    }
    if v.get("reset").and_then(Value::as_bool).unwrap_or(false) {
        s.uploads.reset();
    }
    ok_json(&s.uploads.to_json())
}
