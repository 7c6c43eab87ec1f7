//! `meetkg serve`: the SPARQL endpoint on a socket, until Ctrl-C.

use super::ExitStatus;
use crate::args::ServeArgs;
use crate::serve::listen::{self, ListenConfig, DEFAULT_MAX_CONNECTIONS};
use crate::serve::snapshot::Snapshot;
use crate::serve::{router, AppState, ServeConfig, WorkerPool};
use crate::store::Store;
use anyhow::Context;
use axum::http::HeaderValue;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitStatus> {
    let store_dir = &args.store.store;
    check_public_url(args.public_url.as_deref())?;
    // Opened first for its clear message when there is no store.
    drop(super::open_existing_store(store_dir)?);
    let snapshot = if args.no_snapshot {
        None
    } else {
        Some(Snapshot::create(store_dir).with_context(|| {
            format!(
                "snapshotting {} to serve it (is a build running? or say --no-snapshot for a store on read-only media)",
                store_dir.display()
            )
        })?)
    };
    let served = snapshot
        .as_ref()
        .map_or(store_dir.as_path(), Snapshot::path);
    let store = Store::open_read_only(served)
        .with_context(|| format!("opening the store {}", served.display()))?;
    let config = serve_config(args)?;
    // The running binary itself, even if the file was replaced since (an
    // upgrade): a new worker must speak this server's protocol.
    let program = if Path::new("/proc/self/exe").exists() {
        PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe().context("finding the meetkg executable")?
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(args, store, served, program, config))?;
    // The workers died with the router; the snapshot goes now.
    drop(snapshot);
    Ok(ExitStatus::Success)
}

/// `--public-url` must be an absolute http(s) URL.
fn check_public_url(url: Option<&str>) -> anyhow::Result<()> {
    if let Some(url) = url {
        let valid = (url.starts_with("http://") || url.starts_with("https://"))
            && oxigraph::model::NamedNode::new(url).is_ok();
        if !valid {
            anyhow::bail!("--public-url {url:?} is not an absolute http(s) URL");
        }
    }
    Ok(())
}

/// The endpoint's limits from the command line.
fn serve_config(args: &ServeArgs) -> anyhow::Result<ServeConfig> {
    let mut config = ServeConfig {
        timeout: Duration::from_secs(args.timeout),
        max_query_bytes: args.max_query_bytes,
        body_timeout: Duration::from_secs(args.body_timeout),
        max_result_bytes: args.max_result_bytes,
        public_url: args.public_url.clone(),
        ..ServeConfig::default()
    };
    if let Some(n) = args.max_concurrent {
        config.max_concurrent = n as usize;
    }
    config.cors_origins = args
        .cors_origin
        .iter()
        .map(|o| HeaderValue::from_str(o).with_context(|| format!("invalid --cors-origin {o:?}")))
        .collect::<anyhow::Result<_>>()?;
    Ok(config)
}

/// Starts the query workers, computes the VoID statistics, binds the socket
/// and serves until a signal, then waits for the requests in flight at most
/// a query's timeout and a few seconds more.
async fn serve(
    args: &ServeArgs,
    store: Store,
    served: &Path,
    program: PathBuf,
    config: ServeConfig,
) -> anyhow::Result<()> {
    let workers = WorkerPool::start(program, served, config.max_concurrent)
        .await
        .context("starting the query workers")?;
    let grace = config.timeout + Duration::from_secs(5);
    let worker_count = config.max_concurrent;
    let state = AppState::new(store, config).with_workers(workers);
    state
        .describe_now()
        .await
        .context("computing the VoID statistics of the store")?;
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("binding {}", args.bind))?;
    let local = listener.local_addr().context("reading the bound address")?;
    // Measured now that the store, the workers and the socket are open.
    let connections = max_connections(args.max_connections, listen::connection_room(worker_count));
    let limits = ListenConfig {
        max_connections: connections,
        header_timeout: Duration::from_secs(args.header_timeout),
        idle_timeout: Duration::from_secs(args.idle_timeout),
    };
    // The one line a script waits for: where to send queries.
    eprintln!("meetkg: SPARQL endpoint at http://{local}/query (Ctrl-C to stop)");
    let (stopping, stop) = tokio::sync::watch::channel(false);
    let serving = listen::serve(listener, app, limits, async move {
        shutdown().await;
        let _ = stopping.send(true);
    });
    let deadline = async move {
        let mut stop = stop;
        if stop.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        () = serving => {}
        () = deadline => {
            log::warn!("requests still open {grace:?} after the signal: stopping anyway");
        }
    }
    Ok(())
}

/// The connection cap: `--max-connections` or the default, lowered to what
/// the open-file limit leaves room for (`room`, when known), with a warning
/// when that overrides the user's number.
fn max_connections(asked: Option<u32>, room: Option<usize>) -> usize {
    let wanted = asked.map_or(DEFAULT_MAX_CONNECTIONS, |n| n as usize);
    let Some(room) = room else {
        return wanted;
    };
    if room < wanted {
        let message = format!(
            "the open-file limit leaves room for {room} connections, not {wanted}: serving at most {}; raise it (ulimit -n, LimitNOFILE=) for more",
            room.max(1)
        );
        if asked.is_some() || room < 16 {
            log::warn!("{message}");
        } else {
            log::info!("{message}");
        }
        return room.max(1);
    }
    wanted
}

/// Resolves on Ctrl-C, or on SIGTERM (how systemd and `kill` stop a service),
/// so both end with a graceful shutdown that removes the snapshot. A signal
/// whose handler cannot be installed is never awaited.
async fn shutdown() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
