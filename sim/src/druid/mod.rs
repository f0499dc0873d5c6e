//! Apache Druid: router, coordinator, overlord, broker, historical, middle manager and its peons
//! (one port per peon; a running task's `location` names its peon). They share one cluster
//! state; the router also serves the coordinator, overlord and broker paths, as the real router
//! does with its management proxy.
//!
//! Odd parts kept: `?simple`/`?full` only need to be present, intervals in URLs use `_` for `/`,
//! `/status/health` is a bare `true`, leader endpoints return a plain-text URL, POSTs to rules and
//! configs return an empty 200, and errors come both as `{"error": ...}` and as DruidException
//! `{error, errorCode, persona, category, errorMessage, context}`.

mod broker;
mod common;
mod coordinator;
mod gen;
mod lifecycle;
mod overlord;
mod rows;
mod sql;
mod state;
mod worker;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;

use crate::http_util::lock;
use crate::runtime::Shared;
pub use state::DruidState;

/// Audit helpers shared by coordinator and overlord.
pub(crate) use coordinator::rules_audit as coordinator_rules;

/// Task JSON, shared with SQL.
pub(crate) use overlord::task_json as overlord_task_json;

/// A task's log text, shared by the overlord and the middle manager.
pub(crate) use overlord::task_log as overlord_log;

/// Full segment JSON, shared with the overlord and SQL.
pub(crate) use coordinator::segment_json as coordinator_segment_json;

/// Which Druid service a port plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    /// Router (serves everything).
    Router,
    /// Coordinator.
    Coordinator,
    /// Overlord.
    Overlord,
    /// Broker.
    Broker,
    /// Historical.
    Historical,
    /// Middle manager.
    MiddleManager,
    /// A peon: the process running one task, on a port of its own.
    Peon,
}

impl Service {
    /// `druid.service` name.
    pub fn service_name(self) -> &'static str {
        match self {
            Service::Router => "druid/router",
            Service::Coordinator => "druid/coordinator",
            Service::Overlord => "druid/overlord",
            Service::Broker => "druid/broker",
            Service::Historical => "druid/historical",
            Service::MiddleManager => "druid/middleManager",
            Service::Peon => "druid/peon",
        }
    }

    /// Role in the port plan.
    pub fn role(self) -> &'static str {
        match self {
            Service::Router => "router",
            Service::Coordinator => "coordinator",
            Service::Overlord => "overlord",
            Service::Broker => "broker",
            Service::Historical => "historical",
            Service::MiddleManager => "middlemanager",
            Service::Peon => "peon",
        }
    }
}

/// Handler state.
#[derive(Clone)]
pub struct DruidCtx {
    /// Shared cluster state.
    pub state: Arc<Mutex<DruidState>>,
    /// Clock, ports, seed.
    pub shared: Shared,
    /// The service answering on this port.
    pub service: Service,
    /// The port.
    pub port: u16,
}

impl DruidCtx {
    /// Locks the state after applying time-driven changes; also returns "now".
    pub fn state(&self) -> (MutexGuard<'_, DruidState>, i64) {
        let now = self.shared.clock.now_ms();
        let mut s = lock(&self.state);
        s.tick(now);
        (s, now)
    }
}

/// One router per Druid service.
pub fn routers(shared: &Shared) -> Vec<(&'static str, Router)> {
    let state = Arc::new(Mutex::new(gen::generate(shared)));
    let ctx = |service: Service| DruidCtx {
        state: state.clone(),
        shared: shared.clone(),
        service,
        port: shared
            .plan
            .must(crate::config::System::Druid, service.role()),
    };
    let with_common = |r: Router<DruidCtx>| common::routes().merge(r).fallback(common::not_found);
    let mut routers = vec![
        (
            "router",
            with_common(
                coordinator::routes()
                    .merge(overlord::routes())
                    .merge(broker::routes())
                    .merge(common::router_only_routes())
                    .nest("/proxy/coordinator", coordinator::routes())
                    .nest("/proxy/overlord", overlord::routes()),
            )
            .with_state(ctx(Service::Router)),
        ),
        (
            "coordinator",
            with_common(coordinator::routes()).with_state(ctx(Service::Coordinator)),
        ),
        (
            "overlord",
            with_common(overlord::routes()).with_state(ctx(Service::Overlord)),
        ),
        (
            "broker",
            with_common(broker::routes()).with_state(ctx(Service::Broker)),
        ),
        (
            "historical",
            with_common(worker::historical_routes()).with_state(ctx(Service::Historical)),
        ),
        (
            "middlemanager",
            with_common(worker::middle_manager_routes()).with_state(ctx(Service::MiddleManager)),
        ),
    ];
    for role in crate::config::PEON_ROLES {
        let peon = DruidCtx {
            port: shared.plan.must(crate::config::System::Druid, role),
            ..ctx(Service::Peon)
        };
        routers.push((role, with_common(worker::peon_routes()).with_state(peon)));
    }
    routers
}
