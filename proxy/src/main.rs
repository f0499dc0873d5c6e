//! `switchboard-proxy CONFIG.toml [--listen ADDR] [--without CLUSTER]... [--check]`

use switchboard_proxy::cli::{self, Command};
use switchboard_proxy::{clusters_json, health, server, AppState, Config};

#[tokio::main]
async fn main() {
    if let Err(message) = run().await {
        eprintln!("switchboard-proxy: {message}");
        std::process::exit(2);
    }
}

async fn run() -> Result<(), String> {
    let args =
        match cli::parse(std::env::args().skip(1)).map_err(|e| format!("{e}\n{}", cli::USAGE))? {
            Command::Help => {
                print!("{}", cli::USAGE);
                return Ok(());
            }
            Command::Run(args) => args,
        };
    let mut config = Config::load(&args.config)?;
    for name in &args.without {
        if !config.clusters.iter().any(|c| &c.name == name) {
            return Err(format!(
                "--without {name}: no such cluster in {}",
                args.config.display()
            ));
        }
        config.clusters.retain(|c| &c.name != name);
    }
    let listen = cli::listen_address(
        config.listen,
        args.listen,
        std::env::var("PORT").ok().as_deref(),
    )?;
    config.allowed_hosts = config.allowed_hosts.for_listen(listen);
    if let Some(warning) = config.access.check_listen(listen)? {
        eprintln!("switchboard-proxy: {warning}");
    }
    let state = AppState::new(config)?;
    if args.check {
        let text = serde_json::to_string_pretty(&clusters_json::build(&state))
            .map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    health::check_optional_clusters(&state).await;
    // The handlers are in place before the "listening" line: a SIGTERM sent as soon as a
    // supervisor sees that line stops the server cleanly instead of killing it.
    let stop = stop_signal()?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let bound = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    eprintln!(
        "switchboard-proxy listening on http://{bound}{} ({} clusters, access mode {})",
        state.config.base_path,
        state.clusters.len(),
        state.config.access.mode.name()
    );
    let dist = &state.config.dist;
    if !dist.join("index.html").is_file() {
        eprintln!(
            "note: {} has no index.html yet; the console pages answer 503 until it is built",
            dist.display()
        );
    }
    server::serve(state, listener, stop)
        .await
        .map_err(|e| format!("server failed: {e}"))
}

/// A future that completes on Ctrl-C (SIGINT) or SIGTERM; both handlers are installed when this
/// returns, before the future is first polled.
fn stop_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    #[cfg(unix)]
    let (mut interrupt, mut terminate) = {
        use tokio::signal::unix::{signal, SignalKind};
        let listen = |kind| signal(kind).map_err(|e| format!("cannot handle signals: {e}"));
        (
            listen(SignalKind::interrupt())?,
            listen(SignalKind::terminate())?,
        )
    };
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("switchboard-proxy: stopping");
    })
}
