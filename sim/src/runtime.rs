//! Starts every simulated system on its ports and hands back a handle to stop them.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::Router;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::admin::{self, AdminState};
use crate::clock::SimClock;
use crate::config::{PortPlan, SimConfig, System};
use crate::fault::{self, FaultCtx, Faults};
use crate::server::{self, PortApp};
use crate::{cockroach, druid, meta, starrocks};

/// What every simulator gets at construction.
#[derive(Clone)]
pub struct Shared {
    /// Port layout (for URLs the simulators advertise).
    pub plan: PortPlan,
    /// Simulated clock.
    pub clock: Arc<SimClock>,
    /// Data seed.
    pub seed: u64,
    /// Size of the simulated Druid cluster.
    pub druid: crate::config::DruidSize,
    /// Bodies read as a stream (stream load): counters and reading rate.
    pub uploads: Arc<crate::uploads::Uploads>,
}

/// A running simulator; dropping it (or calling [`RunningSim::shutdown`]) stops every listener.
pub struct RunningSim {
    /// Port layout in use.
    pub plan: PortPlan,
    /// Fault table (the admin API edits the same one).
    pub faults: Arc<Faults>,
    /// Simulated clock.
    pub clock: Arc<SimClock>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningSim {
    /// `http://host:port` of a role of a system.
    pub fn url(&self, system: System, role: &str) -> String {
        self.plan.url(system, role)
    }

    /// `http://host:port` of the admin API.
    pub fn admin_url(&self) -> String {
        format!("http://{}:{}", self.plan.host_str(), self.plan.base)
    }

    /// Stops every listener and waits for them to finish.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// Binds every port of the plan and starts serving. Fails if any port cannot be bound.
pub async fn start(config: SimConfig) -> io::Result<RunningSim> {
    config
        .druid
        .check()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let plan = PortPlan {
        base: config.port_base,
        host: config.bind,
    };
    let clock = Arc::new(SimClock::new(config.epoch_ms));
    let faults = Faults::new();
    let plants = crate::plant::Plants::new();
    for (system, fault) in &config.faults {
        faults.set(*system, fault.clone());
    }
    let shared = Shared {
        plan,
        clock: clock.clone(),
        seed: config.seed,
        druid: config.druid,
        uploads: crate::uploads::Uploads::new(),
    };

    let crdb = cockroach::cluster(&shared);
    let mut apps: Vec<PortApp> = Vec::new();
    apps.push(PortApp {
        system: None,
        port: plan.base,
        router: admin::router(AdminState {
            faults: faults.clone(),
            clock: clock.clone(),
            plan,
            crdb: crdb.clone(),
            plants: plants.clone(),
            uploads: shared.uploads.clone(),
        }),
        strip_trailing_slash: false,
    });
    type SystemRouters = (System, Vec<(&'static str, Router)>, bool);
    let systems: [SystemRouters; 4] = [
        (System::Druid, druid::routers(&shared), true),
        (System::Cockroach, cockroach::routers(&shared, &crdb), false),
        (System::StarRocks, starrocks::routers(&shared), false),
        (System::Meta, meta::routers(&shared), false),
    ];
    for (system, routers, strip) in systems {
        for (role, router) in routers {
            let port = plan.must(system, role);
            let ctx = FaultCtx {
                system,
                port,
                faults: faults.clone(),
            };
            let planted = crate::plant::PlantCtx {
                system,
                plants: plants.clone(),
            };
            apps.push(PortApp {
                system: Some(system),
                port,
                router: router
                    .layer(from_fn_with_state(ctx, fault::apply))
                    .layer(from_fn_with_state(planted, crate::plant::apply)),
                strip_trailing_slash: strip,
            });
        }
    }

    let mut listeners = Vec::with_capacity(apps.len());
    for app in &apps {
        listeners.push(server::bind(SocketAddr::new(config.bind, app.port)).await?);
    }
    let (shutdown, rx) = watch::channel(false);
    let tasks = listeners
        .into_iter()
        .zip(apps)
        .map(|(l, app)| tokio::spawn(server::run(l, app, faults.clone(), rx.clone())))
        .collect();
    Ok(RunningSim {
        plan,
        faults,
        clock,
        shutdown,
        tasks,
    })
}
