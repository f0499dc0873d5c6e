//! `switchboard-sim`: serves simulated Druid, CockroachDB, StarRocks and Databend meta clusters.

use switchboard_sim::config::{SimConfig, PORT_SLOTS};

#[tokio::main]
async fn main() {
    let config = match SimConfig::from_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let sim = match switchboard_sim::start(config.clone()).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("switchboard-sim: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "switchboard-sim listening on {} (seed {})",
        sim.plan.host_str(),
        config.seed
    );
    println!(
        "  druid: {} datasources, {} used segments",
        config.druid.datasources, config.druid.segments
    );
    for slot in PORT_SLOTS {
        let system = slot.system.map(|s| s.name()).unwrap_or("simulator");
        println!(
            "  {:<14} {:<14} {}",
            system,
            slot.role,
            sim.plan.base + slot.offset
        );
    }
    wait_for_signal().await;
    sim.shutdown().await;
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
