//! `meetkg serve`: the SPARQL endpoint on a socket, until Ctrl-C.

use super::ExitStatus;
use crate::args::ServeArgs;
use crate::serve::{router, AppState, ServeConfig};
use anyhow::Context;
use axum::http::HeaderValue;
use std::time::Duration;

pub fn run(args: &ServeArgs) -> anyhow::Result<ExitStatus> {
    let store_dir = &args.store.store;
    let store = super::open_existing_store(store_dir)?;
    let mut config = ServeConfig {
        timeout: Duration::from_secs(args.timeout),
        max_query_bytes: args.max_query_bytes,
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
    let app = router(AppState::new(store, config));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.bind)
            .await
            .with_context(|| format!("binding {}", args.bind))?;
        let local = listener.local_addr().context("reading the bound address")?;
        // The one line a script waits for: where to send queries.
        eprintln!("meetkg: SPARQL endpoint at http://{local}/query (Ctrl-C to stop)");
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                // If the signal handler cannot be installed, serve until killed.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
            .context("serving HTTP")
    })?;
    Ok(ExitStatus::Success)
}
