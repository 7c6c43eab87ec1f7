//! Connections: how `meetkg serve` accepts them, times them out and sheds them.
//!
//! Rationale: the router bounds what a request may cost once it is in, but not
//! what an open connection costs. Each holds a file descriptor; a few hundred
//! clients that connect and say nothing (or send their headers a byte at a
//! time) would otherwise exhaust the descriptors, and then `accept` fails and
//! no query gets in. So each connection is in one of three phases:
//!
//! - idle, waiting for a request: closed after [`ListenConfig::idle_timeout`]
//!   without a byte (a response still being written counts as activity);
//! - reading a request's head: closed when the head is not complete
//!   [`ListenConfig::header_timeout`] after its first byte;
//! - answering: never closed here (the router's body and query timeouts bound it).
//!
//! At most [`ListenConfig::max_connections`] are open. When a new client comes
//! and all slots are taken, the connection that has waited longest without a
//! request in progress is closed to admit it, as nginx reuses its idle
//! keep-alive connections: a flood of idle or slow clients cannot lock out a
//! real one. When every slot is answering a request, the server accepts nothing
//! until one is free; clients wait in the kernel's backlog. An `accept` that
//! fails (out of descriptors, say) sheds an idle connection and backs off
//! rather than spinning, and its warning is logged at most once a minute.
//!
//! HTTP itself is hyper's (HTTP/1.1, as `axum::serve` spoke before); this module
//! only watches the socket. Hyper's own `header_read_timeout` is not used: it
//! counts from the end of the previous response, idle time included, and from
//! when a response is queued rather than sent. It does not bind: the caller hands it a listener.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::Router;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper_util::rt::TokioIo;
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::time::Instant;
use tower::ServiceExt;

/// The limits on connections (the router has those on requests).
#[derive(Debug, Clone)]
pub struct ListenConfig {
    /// Connections open at once; more are admitted by closing idle ones.
    pub max_connections: usize,
    /// How long a request's head may take to arrive, from its first byte.
    pub header_timeout: Duration,
    /// How long a connection may stay open with no request and no traffic.
    pub idle_timeout: Duration,
}

impl Default for ListenConfig {
    fn default() -> Self {
        Self {
            max_connections: DEFAULT_MAX_CONNECTIONS,
            header_timeout: Duration::from_secs(10),
            // Longer than the 60 s idle timeout of common proxies and load
            // balancers, so they never reuse a connection we are closing.
            idle_timeout: Duration::from_secs(75),
        }
    }
}

/// The connection cap when the open-file limit leaves room for it.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// Where a connection is in its life; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// No byte of a request since `since` (opened, or last response ended or
    /// last written to).
    Idle { since: Instant },
    /// A request's head has begun, its first byte read at `since`.
    Head { since: Instant },
    /// A request is being answered.
    Busy,
    /// Chosen to be closed; nothing may change that.
    Closing,
}

impl Phase {
    /// When the connection is to be closed if nothing happens; `None` while a
    /// request is answered.
    fn deadline(self, config: &ListenConfig) -> Option<Instant> {
        match self {
            Self::Idle { since } => Some(since + config.idle_timeout),
            Self::Head { since } => Some(since + config.header_timeout),
            Self::Busy | Self::Closing => None,
        }
    }

    /// Since when it has been waiting for a request (idle or mid-head): the
    /// oldest is shed first. `None` when it must not be shed.
    fn waiting_since(self) -> Option<Instant> {
        match self {
            Self::Idle { since } | Self::Head { since } => Some(since),
            Self::Busy | Self::Closing => None,
        }
    }

    /// Bytes arrived: an idle connection has begun a request's head.
    fn read(&mut self, now: Instant) {
        if let Self::Idle { .. } = self {
            *self = Self::Head { since: now };
        }
    }

    /// Bytes left: the end of a response still draining counts as activity.
    fn wrote(&mut self, now: Instant) {
        if let Self::Idle { since } = self {
            *since = now;
        }
    }

    /// The head is complete and the request goes to the router; false when
    /// the connection was chosen to be closed meanwhile.
    fn begin_request(&mut self) -> bool {
        if *self == Self::Closing {
            return false;
        }
        *self = Self::Busy;
        true
    }

    /// The response has been handed to the socket.
    fn end_request(&mut self, now: Instant) {
        if *self == Self::Busy {
            *self = Self::Idle { since: now };
        }
    }

    /// Marks it for closing if it is waiting for a request and either `force`
    /// (shed) or its deadline has passed; returns whether it did.
    fn close(&mut self, now: Instant, force: bool, config: &ListenConfig) -> bool {
        let expired = self.deadline(config).is_some_and(|d| d <= now);
        if self.waiting_since().is_some() && (force || expired) {
            *self = Self::Closing;
            return true;
        }
        false
    }
}

/// One connection as the accept loop and its own task see it.
struct Connection {
    phase: Mutex<Phase>,
    /// Told once the phase is [`Phase::Closing`] by someone else.
    closed: Notify,
    /// Told when the phase's deadline moved earlier (a head began while the
    /// task slept towards the idle deadline), so the task sleeps anew.
    rearm: Notify,
    server: Arc<Shared>,
}

impl Connection {
    fn with_phase<T>(&self, f: impl FnOnce(&mut Phase) -> T) -> T {
        f(&mut self.phase.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// What [`Shared::admit`] did for a new connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Admission {
    /// A slot was free.
    Free,
    /// The longest idle connection was told to close to give its slot.
    Shed,
    /// Every slot is answering a request or closing: wait.
    Wait,
}

/// What the accept loop and the connection tasks share.
struct Shared {
    config: ListenConfig,
    connections: Mutex<HashMap<u64, Arc<Connection>>>,
    /// Told when a connection ends or its request does: room may have come.
    changed: Notify,
}

impl Shared {
    fn connections(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Connection>>> {
        self.connections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether a new connection can be admitted: a slot is free, or one can be
    /// shed once it comes. Connections told to close count until their
    /// socket is closed: they still hold a descriptor.
    fn has_room(&self) -> bool {
        let connections = self.connections();
        if connections.len() < self.config.max_connections {
            return true;
        }
        let phases: Vec<Phase> = connections.values().map(|c| c.with_phase(|p| *p)).collect();
        !phases.contains(&Phase::Closing) && phases.iter().any(|p| p.waiting_since().is_some())
    }

    /// Makes room for a connection just accepted: a free slot, else the
    /// connection that has waited longest for a request is closed.
    fn admit(&self) -> Admission {
        let connections = self.connections();
        if connections.len() < self.config.max_connections {
            return Admission::Free;
        }
        let mut candidates = Vec::new();
        for connection in connections.values() {
            match connection.with_phase(|p| *p) {
                // It is about to give its slot back.
                Phase::Closing => return Admission::Wait,
                phase => candidates.extend(phase.waiting_since().map(|s| (s, connection))),
            }
        }
        candidates.sort_by_key(|(since, _)| *since);
        let now = Instant::now();
        for (_, connection) in candidates {
            // It may have begun a request since it was looked at.
            if connection.with_phase(|p| p.close(now, true, &self.config)) {
                connection.closed.notify_one();
                return Admission::Shed;
            }
        }
        Admission::Wait
    }

    /// Closes the connection that has waited longest for a request, to give
    /// its descriptor back; false when every connection is answering one.
    fn shed_one(&self) -> bool {
        let connections = self.connections();
        let now = Instant::now();
        let mut candidates: Vec<(Instant, &Arc<Connection>)> = connections
            .values()
            .filter_map(|c| Some((c.with_phase(|p| p.waiting_since())?, c)))
            .collect();
        candidates.sort_by_key(|(since, _)| *since);
        candidates.into_iter().any(|(_, connection)| {
            let closed = connection.with_phase(|p| p.close(now, true, &self.config));
            if closed {
                connection.closed.notify_one();
            }
            closed
        })
    }

    fn is_empty(&self) -> bool {
        self.connections().is_empty()
    }
}

/// Serves `app` on `listener` under `config`'s limits until `shutdown`
/// resolves; then stops accepting, lets requests in progress finish and
/// returns when every connection is closed (idle ones close at once, a
/// half-sent head within the header timeout). Accept errors are logged and
/// retried; nothing here fails.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    config: ListenConfig,
    shutdown: impl Future<Output = ()>,
) {
    let shared = Arc::new(Shared {
        config,
        connections: Mutex::new(HashMap::new()),
        changed: Notify::new(),
    });
    let (stopping, stop) = watch::channel(false);
    tokio::select! {
        () = shutdown => {}
        never = accept_loop(&listener, &app, &shared, &stop) => match never {},
    }
    drop(listener);
    let _ = stopping.send(true);
    loop {
        let changed = shared.changed.notified();
        if shared.is_empty() {
            return;
        }
        changed.await;
    }
}

async fn accept_loop(
    listener: &TcpListener,
    app: &Router,
    shared: &Arc<Shared>,
    stop: &watch::Receiver<bool>,
) -> Infallible {
    let mut next_id: u64 = 0;
    let mut delay = Backoff::default();
    let mut accept_warning = Throttle::new(Duration::from_secs(60));
    let mut full_warning = Throttle::new(Duration::from_secs(60));
    loop {
        // Without room, wait (not accept) until a request ends or a
        // connection closes: no busy loop, the backlog holds the clients. At
        // most one connection over the cap is open, the one being shed.
        loop {
            let changed = shared.changed.notified();
            if shared.has_room() {
                break;
            }
            changed.await;
        }
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                delay.reset();
                stream
            }
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                // Out of descriptors: an idle connection gives one back.
                let shed = is_out_of_files(&e) && shared.shed_one();
                let pause = delay.next();
                if let Some(suppressed) = accept_warning.ready(Instant::now()) {
                    log::warn!(
                        "accept error: {e}; {}retrying in {pause:?}{}",
                        if shed {
                            "closed an idle connection, "
                        } else {
                            ""
                        },
                        repeated(suppressed),
                    );
                }
                tokio::time::sleep(pause).await;
                continue;
            }
        };
        // Room may have gone while `accept` waited: make it, or hold this
        // one client (a descriptor over the cap, no more) until there is.
        loop {
            let changed = shared.changed.notified();
            match shared.admit() {
                Admission::Free => break,
                Admission::Shed => {
                    if let Some(suppressed) = full_warning.ready(Instant::now()) {
                        log::warn!(
                            "{} connections open, the limit (--max-connections): closing the longest idle to admit new ones{}",
                            shared.config.max_connections,
                            repeated(suppressed),
                        );
                    }
                    break;
                }
                Admission::Wait => changed.await,
            }
        }
        let connection = Arc::new(Connection {
            phase: Mutex::new(Phase::Idle {
                since: Instant::now(),
            }),
            closed: Notify::new(),
            rearm: Notify::new(),
            server: shared.clone(),
        });
        let id = next_id;
        next_id += 1;
        shared.connections().insert(id, connection.clone());
        let app = app.clone();
        let stop = stop.clone();
        let shared = shared.clone();
        tokio::spawn(async move {
            run_connection(stream, connection, app, stop).await;
            shared.connections().remove(&id);
            shared.changed.notify_one();
        });
    }
}

/// Serves one connection until it ends, times out or is shed.
async fn run_connection(
    stream: TcpStream,
    connection: Arc<Connection>,
    app: Router,
    mut stop: watch::Receiver<bool>,
) {
    let config = connection.server.config.clone();
    let io = TokioIo::new(Watched {
        io: stream,
        connection: connection.clone(),
    });
    let service_connection = connection.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let app = app.clone();
        let connection = service_connection.clone();
        async move {
            if !connection.with_phase(Phase::begin_request) {
                return Ok::<_, Infallible>(shed_response());
            }
            let response = match app.oneshot(request.map(Body::new)).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            Ok(response.map(|body| Body::new(Answer { body, connection })))
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    // Not hyper's: it starts once a response is queued, not sent, so it
    // would cut a slow client's download of a large result; the watch below
    // counts bytes still leaving as activity.
    builder.header_read_timeout(None);
    let http = builder.serve_connection(io, service);
    tokio::pin!(http);
    let mut stopping = false;
    loop {
        let wake = connection
            .with_phase(|p| p.deadline(&config))
            .unwrap_or_else(|| Instant::now() + config.idle_timeout);
        tokio::select! {
            result = http.as_mut() => {
                if let Err(e) = result {
                    log::debug!("connection closed: {e}");
                }
                return;
            }
            () = tokio::time::sleep_until(wake) => {
                if connection.with_phase(|p| p.close(Instant::now(), false, &config)) {
                    log::debug!("connection closed: no complete request in time");
                    return;
                }
            }
            () = connection.closed.notified() => return,
            // A head began: its deadline is sooner than the one slept towards.
            () = connection.rearm.notified() => {}
            _ = stop.changed(), if !stopping => {
                stopping = true;
                // Closes it now if idle, else after the response.
                http.as_mut().graceful_shutdown();
            }
        }
    }
}

/// The answer to a request whose connection was shed as its head completed.
fn shed_response() -> Response<Body> {
    let mut response = Response::new(Body::from("the server has too many connections: retry\n"));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let headers = response.headers_mut();
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// A response body that marks its connection idle again once hyper is done
/// with it (dropped at its end, or with the connection).
struct Answer {
    body: Body,
    connection: Arc<Connection>,
}

impl hyper::body::Body for Answer {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Answer {
    fn drop(&mut self) {
        let now = Instant::now();
        self.connection.with_phase(|p| p.end_request(now));
        self.connection.server.changed.notify_one();
    }
}

/// The socket, noting each read and write in its connection's phase.
struct Watched {
    io: TcpStream,
    connection: Arc<Connection>,
}

impl Watched {
    /// Records traffic in the phase, and wakes the connection's task when
    /// that brought its deadline forward: the task sleeps until the deadline
    /// it saw last, and a head's header timeout is sooner than the idle one.
    fn note<T>(&self, poll: &Poll<io::Result<T>>, moved: bool, f: fn(&mut Phase, Instant)) {
        if moved && matches!(poll, Poll::Ready(Ok(_))) {
            let now = Instant::now();
            let config = &self.connection.server.config;
            let sooner = self.connection.with_phase(|p| {
                let before = p.deadline(config);
                f(p, now);
                deadline_moved_sooner(before, p.deadline(config))
            });
            if sooner {
                self.connection.rearm.notify_one();
            }
        }
    }
}

/// Whether a connection's deadline went from `before` to an earlier `after`
/// (no deadline counts as the latest).
fn deadline_moved_sooner(before: Option<Instant>, after: Option<Instant>) -> bool {
    match (before, after) {
        (Some(before), Some(after)) => after < before,
        (None, Some(_)) => true,
        (_, None) => false,
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.io).poll_read(cx, buf);
        self.note(&poll, buf.filled().len() > before, Phase::read);
        poll
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write(cx, buf);
        let moved = matches!(poll, Poll::Ready(Ok(n)) if n > 0);
        self.note(&poll, moved, Phase::wrote);
        poll
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        let moved = matches!(poll, Poll::Ready(Ok(n)) if n > 0);
        self.note(&poll, moved, Phase::wrote);
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// Errors of one pending connection (it went away before we took it), not of
/// the listener: accept the next at once.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

fn is_out_of_files(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// The pause after a failed `accept`: 10 ms, doubling up to 1 s, reset by a
/// success.
#[derive(Debug, Default)]
struct Backoff {
    failures: u32,
}

impl Backoff {
    fn next(&mut self) -> Duration {
        let pause = Duration::from_millis(10) * 2u32.pow(self.failures.min(7));
        self.failures = self.failures.saturating_add(1);
        pause.min(Duration::from_secs(1))
    }

    fn reset(&mut self) {
        self.failures = 0;
    }
}

/// A warning repeated at most once per `every`, saying how many it stood for.
#[derive(Debug)]
struct Throttle {
    every: Duration,
    last: Option<Instant>,
    suppressed: u64,
}

impl Throttle {
    fn new(every: Duration) -> Self {
        Self {
            every,
            last: None,
            suppressed: 0,
        }
    }

    /// `Some(n)` when the warning is to be logged now, `n` being how many
    /// were left out since the last one.
    fn ready(&mut self, now: Instant) -> Option<u64> {
        if self.last.is_some_and(|last| now < last + self.every) {
            self.suppressed += 1;
            return None;
        }
        self.last = Some(now);
        Some(std::mem::take(&mut self.suppressed))
    }
}

fn repeated(suppressed: u64) -> String {
    if suppressed == 0 {
        String::new()
    } else {
        format!(" ({suppressed} more since the last such warning)")
    }
}

/// Descriptors kept free for what else the server opens: the store's files
/// as it reads, workers' pipes when they are replaced, the listener.
const RESERVED_FILES: u64 = 32;
/// Descriptors per query worker: its pipes, and those of its replacement.
const FILES_PER_WORKER: u64 = 8;

/// How many connections fit in the open-file limit `limit` when `open`
/// descriptors are in use and `workers` query workers run; `None` where the
/// limit cannot be read (then only the cap applies).
pub fn connection_room(workers: usize) -> Option<usize> {
    let (limit, open) = open_files()?;
    Some(room(limit, open, workers))
}

fn room(limit: u64, open: u64, workers: usize) -> usize {
    let reserve = RESERVED_FILES + FILES_PER_WORKER * workers as u64;
    usize::try_from(limit.saturating_sub(open).saturating_sub(reserve)).unwrap_or(usize::MAX)
}

/// The soft open-file limit and the descriptors open now.
#[cfg(target_os = "linux")]
fn open_files() -> Option<(u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) } != 0 {
        return None;
    }
    let open = std::fs::read_dir("/proc/self/fd").ok()?.count() as u64;
    #[cfg_attr(target_pointer_width = "64", expect(clippy::useless_conversion))]
    Some((u64::from(limit.rlim_cur), open))
}

#[cfg(not(target_os = "linux"))]
fn open_files() -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ListenConfig {
        ListenConfig {
            max_connections: 4,
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
        }
    }

    #[test]
    fn a_silent_connection_closes_after_the_idle_timeout() {
        let config = config();
        let start = Instant::now();
        let mut phase = Phase::Idle { since: start };
        assert!(!phase.close(start + Duration::from_secs(59), false, &config));
        assert!(phase.close(start + Duration::from_secs(60), false, &config));
        assert_eq!(phase, Phase::Closing);
        assert!(
            !phase.begin_request(),
            "a closing connection takes no request"
        );
    }

    #[test]
    fn a_slow_head_closes_after_the_header_timeout_though_bytes_trickle_in() {
        let config = config();
        let start = Instant::now();
        let mut phase = Phase::Idle { since: start };
        for second in 1..=10 {
            phase.read(start + Duration::from_secs(second));
        }
        assert_eq!(
            phase.deadline(&config),
            Some(start + Duration::from_secs(11))
        );
        assert!(phase.close(start + Duration::from_secs(11), false, &config));
    }

    /// The connection's task sleeps towards the deadline it saw; a head
    /// beginning on an idle connection must wake it, or the header timeout
    /// waits for the idle one (issue 25).
    #[test]
    fn a_head_beginning_brings_the_deadline_forward_and_wakes_the_task() {
        let config = config();
        let start = Instant::now();
        let mut phase = Phase::Idle { since: start };
        let before = phase.deadline(&config);
        phase.read(start + Duration::from_secs(1));
        assert!(deadline_moved_sooner(before, phase.deadline(&config)));
        let before = phase.deadline(&config);
        phase.read(start + Duration::from_secs(2));
        assert!(!deadline_moved_sooner(before, phase.deadline(&config)));
        assert!(!deadline_moved_sooner(before, None));
    }

    #[test]
    fn a_request_in_progress_is_never_closed_nor_shed() {
        let config = config();
        let start = Instant::now();
        let mut phase = Phase::Idle { since: start };
        phase.read(start);
        assert!(phase.begin_request());
        let later = start + Duration::from_secs(3600);
        assert_eq!(phase.deadline(&config), None);
        assert!(!phase.close(later, false, &config));
        assert!(!phase.close(later, true, &config));
        phase.read(later);
        assert_eq!(phase, Phase::Busy, "a pipelined head waits for the answer");
        phase.end_request(later);
        assert_eq!(phase, Phase::Idle { since: later });
    }

    #[test]
    fn a_response_still_draining_keeps_the_connection_open() {
        let config = config();
        let start = Instant::now();
        let mut phase = Phase::Idle { since: start };
        phase.wrote(start + Duration::from_secs(50));
        assert!(!phase.close(start + Duration::from_secs(100), false, &config));
        assert!(phase.close(start + Duration::from_secs(110), false, &config));
    }

    #[test]
    fn failed_accepts_back_off_to_a_second() {
        let mut backoff = Backoff::default();
        let pauses: Vec<_> = (0..10).map(|_| backoff.next()).collect();
        assert_eq!(pauses[0], Duration::from_millis(10));
        assert_eq!(pauses[1], Duration::from_millis(20));
        assert_eq!(pauses[9], Duration::from_secs(1));
        backoff.reset();
        assert_eq!(backoff.next(), Duration::from_millis(10));
    }

    #[test]
    fn repeated_warnings_are_logged_once_a_period_with_a_count() {
        let mut throttle = Throttle::new(Duration::from_secs(60));
        let start = Instant::now();
        assert_eq!(throttle.ready(start), Some(0));
        for i in 1..=1000 {
            assert_eq!(throttle.ready(start + Duration::from_millis(i)), None);
        }
        assert_eq!(throttle.ready(start + Duration::from_secs(60)), Some(1000));
    }

    #[test]
    fn room_leaves_descriptors_for_the_store_and_workers() {
        assert_eq!(room(256, 40, 2), 256 - 40 - 32 - 16);
        assert_eq!(room(64, 60, 2), 0);
    }
}
