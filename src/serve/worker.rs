//! Query evaluation in child processes, so that a timeout really stops a query.
//!
//! Rationale: oxigraph checks its cancellation token only when it reads the
//! store, so a query that loops over data it already holds (a cross join under
//! `COUNT`, a big sort, a long string function) cannot be stopped in-process:
//! its thread runs on and keeps a core. A process can be killed. `meetkg serve`
//! therefore keeps a pool of `meetkg serve-worker` processes, one per
//! evaluation slot, each with the store open read-only; a query that outlives
//! its deadline has its worker killed, and the next query that needs a worker
//! starts a fresh one.
//!
//! Protocol, one exchange at a time over the worker's stdin and stdout: the
//! server writes a [`QueryRequest`] as one JSON line; the worker answers a
//! reply as one JSON line (`{"reply":"answer","media_type":…,"len":…}` or
//! `{"reply":"error","status":…,"message":…}`), followed on success by `len`
//! bytes of body. Once its store is open the worker says `{"reply":"ready"}`
//! (or an error, and exits). End of file on stdin means the server is gone or
//! has dropped the worker: the worker exits at once, even mid-query.

use super::evaluate::{evaluate, Answer, QueryRequest};
use super::ServeError;
use crate::store::{Store, StoreError};
use axum::http::StatusCode;
use oxigraph::sparql::CancellationToken;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::time::Instant;

/// The subcommand that runs a worker; hidden from `meetkg --help`.
pub const WORKER_SUBCOMMAND: &str = "serve-worker";

/// How long a new worker may take to open the store.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A worker's line to the server.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
enum Reply {
    /// The store is open; requests are welcome.
    Ready,
    /// The query succeeded; `len` bytes of body follow.
    Answer { media_type: String, len: usize },
    /// The query (or the start) failed with this status and message.
    Error { status: u16, message: String },
}

/// Runs a worker on this process's stdin and stdout until the server closes
/// stdin.
///
/// # Errors
/// The store cannot be opened (also reported to the server), or stdout is
/// closed.
pub fn run_worker(store_dir: &Path) -> Result<(), WorkerError> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let store = match Store::open_read_only(store_dir) {
        Ok(store) => store,
        Err(e) => {
            let message = crate::error_chain(&e);
            // The server reads this line; if it is gone, the error below still
            // reaches stderr.
            let _ = write_reply(
                &mut out,
                &Reply::Error {
                    status: 500,
                    message,
                },
                &[],
            );
            return Err(WorkerError::Open(e));
        }
    };
    write_reply(&mut out, &Reply::Ready, &[])?;
    let (sender, requests) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                return;
            }
        }
        // The server closed our stdin: it is gone, or it gave up on this query
        // and kill is on its way. Either way nobody wants the answer. `_exit`,
        // not `exit`: the main thread may be inside RocksDB, whose exit-time
        // destructors must not run under it.
        // SAFETY: `_exit` ends the process at once; it touches no Rust state.
        unsafe { libc::_exit(0) }
    });
    for line in requests {
        let result = serde_json::from_str::<QueryRequest>(&line)
            .map_err(|e| ServeError::BadRequest(format!("malformed worker request: {e}")))
            .and_then(|request| evaluate(&store, &request, CancellationToken::new()));
        match result {
            Ok(answer) => write_reply(
                &mut out,
                &Reply::Answer {
                    media_type: answer.media_type,
                    len: answer.body.len(),
                },
                &answer.body,
            )?,
            Err(e) => write_reply(
                &mut out,
                &Reply::Error {
                    status: e.status().as_u16(),
                    message: e.to_string(),
                },
                &[],
            )?,
        }
    }
    Ok(())
}

fn write_reply(out: &mut impl Write, reply: &Reply, body: &[u8]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, reply)?;
    out.write_all(b"\n")?;
    out.write_all(body)?;
    out.flush()
}

/// Why a worker process stopped.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// The store could not be opened.
    #[error("the worker cannot open the store")]
    Open(#[source] StoreError),
    /// The server's end of the pipe is gone.
    #[error("cannot answer the server")]
    Io(#[from] io::Error),
}

/// One live worker process and its pipes.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    /// Starts a worker and waits until it has opened the store.
    async fn start(program: &Path, store_dir: &Path) -> Result<Self, ServeError> {
        let failed = |what: &str, e: io::Error| {
            ServeError::Internal(format!("{what} {}: {e}", program.display()))
        };
        // One argument, so a path that starts with "-" stays a path.
        let mut store_arg = std::ffi::OsString::from("--store=");
        store_arg.push(store_dir);
        let mut command = Command::new(program);
        command
            .arg(WORKER_SUBCOMMAND)
            .arg(store_arg)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        // Out of the terminal's process group, so Ctrl-C reaches the server
        // alone and queries in flight can finish during its graceful shutdown.
        #[cfg(unix)]
        command.process_group(0);
        let mut child = command.spawn().map_err(|e| failed("cannot start", e))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(ServeError::Internal(
                "the worker's pipes are missing".into(),
            ));
        };
        let mut worker = Self {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        };
        let reply = tokio::time::timeout(START_TIMEOUT, worker.read_reply())
            .await
            .map_err(|_| {
                ServeError::Internal(format!(
                    "the worker did not open the store within {START_TIMEOUT:?}"
                ))
            })?
            .map_err(|e| failed("no answer from", e))?;
        match reply {
            Reply::Ready => Ok(worker),
            Reply::Error { message, .. } => Err(ServeError::Internal(message)),
            Reply::Answer { .. } => Err(ServeError::Internal(
                "the worker answered before it was asked".into(),
            )),
        }
    }

    async fn read_reply(&mut self) -> io::Result<Reply> {
        let mut line = String::new();
        if self.stdout.read_line(&mut line).await? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the worker exited",
            ));
        }
        serde_json::from_str(&line).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Whether the process is still running (an idle worker may have been
    /// killed by the OOM killer or by hand).
    fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends one request and reads its reply. The outer error means the worker
    /// is unusable; the inner one is the query's own failure. A body longer
    /// than `max_body` is refused before it is read.
    async fn exchange(
        &mut self,
        request: &QueryRequest,
        max_body: usize,
    ) -> Result<Result<Answer, ServeError>, Failure> {
        let mut line = serde_json::to_vec(request).map_err(|e| Failure::Unasked(e.into()))?;
        line.push(b'\n');
        self.stdin
            .write_all(&line)
            .await
            .map_err(Failure::Unasked)?;
        self.stdin.flush().await.map_err(Failure::Unasked)?;
        let reply = self.read_reply().await.map_err(|e| {
            // Nothing at all came back: the worker died before it read the query.
            if e.kind() == io::ErrorKind::UnexpectedEof {
                Failure::Unasked(e)
            } else {
                Failure::Broken(e)
            }
        })?;
        match reply {
            Reply::Answer { len, .. } if len > max_body => Err(Failure::TooLarge(len)),
            Reply::Answer { media_type, len } => {
                let mut body = vec![0; len];
                self.stdout
                    .read_exact(&mut body)
                    .await
                    .map_err(Failure::Broken)?;
                Ok(Ok(Answer { media_type, body }))
            }
            Reply::Error { status, message } => Ok(Err(ServeError::Reported {
                status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
                message,
            })),
            Reply::Ready => Err(Failure::Broken(io::Error::new(
                io::ErrorKind::InvalidData,
                "the worker said ready in the middle of a query",
            ))),
        }
    }

    /// Kills the process now and reaps it in the background.
    fn kill(mut self) {
        let pid = self.child.id();
        if let Err(e) = self.child.start_kill() {
            log::warn!("cannot kill query worker {pid:?}: {e}");
            return;
        }
        log::info!("query worker {} killed", pid.unwrap_or_default());
        tokio::spawn(async move {
            let _ = self.child.wait().await;
        });
    }
}

/// Why an exchange with a worker failed; the worker is unusable in each case.
enum Failure {
    /// It died before answering anything: the query can go to a fresh worker.
    Unasked(io::Error),
    /// It failed mid-answer.
    Broken(io::Error),
    /// Its answer is longer than the limit (bytes).
    TooLarge(usize),
}

/// The worker processes of an endpoint: idle ones wait here between queries.
///
/// The pool does not limit concurrency itself: the endpoint's semaphore does,
/// so there are never more workers than evaluation slots.
pub struct WorkerPool {
    program: PathBuf,
    store_dir: PathBuf,
    idle: Mutex<Vec<Worker>>,
}

impl WorkerPool {
    /// Starts `size` workers running `program serve-worker --store store_dir`,
    /// so a store that cannot be opened fails the server's start, not its
    /// first query.
    ///
    /// # Errors
    /// A worker cannot be started or cannot open the store.
    pub async fn start(
        program: impl Into<PathBuf>,
        store_dir: impl Into<PathBuf>,
        size: usize,
    ) -> Result<Self, ServeError> {
        let pool = Self {
            program: program.into(),
            store_dir: store_dir.into(),
            idle: Mutex::new(Vec::new()),
        };
        for _ in 0..size.max(1) {
            let worker = Worker::start(&pool.program, &pool.store_dir).await?;
            pool.give_back(worker);
        }
        Ok(pool)
    }

    /// The process ids of the idle workers (for tests and diagnostics).
    pub fn idle_pids(&self) -> Vec<u32> {
        self.lock().iter().filter_map(|w| w.child.id()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        // A panic elsewhere cannot leave the list half-changed: push and pop.
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn give_back(&self, worker: Worker) {
        self.lock().push(worker);
    }

    /// Evaluates `request` on an idle worker (or a new one), or kills the
    /// worker when `deadline` passes first. An answer longer than `max_body`
    /// bytes is refused (the worker is killed rather than read).
    ///
    /// If the future is dropped mid-way (the client went away), the worker is
    /// dropped with it, which kills it: a worker is never reused in an unknown
    /// state. A worker that died while idle is replaced, and the query goes to
    /// the new one.
    pub async fn evaluate(
        &self,
        request: &QueryRequest,
        deadline: Instant,
        timeout: Duration,
        max_body: usize,
    ) -> Result<Answer, ServeError> {
        let mut retried = false;
        loop {
            let idle = self.lock().pop();
            let idle = idle.and_then(|mut w| w.is_alive().then_some(w));
            let (mut worker, fresh) = match idle {
                Some(worker) => (worker, false),
                None => (
                    tokio::time::timeout_at(
                        deadline,
                        Worker::start(&self.program, &self.store_dir),
                    )
                    .await
                    .map_err(|_| ServeError::Timeout(timeout))??,
                    true,
                ),
            };
            let exchange = worker.exchange(request, max_body);
            match tokio::time::timeout_at(deadline, exchange).await {
                Ok(Ok(result)) => {
                    self.give_back(worker);
                    return result;
                }
                Ok(Err(Failure::Unasked(_))) if !fresh && !retried => {
                    // It died between queries: once more, on a fresh worker.
                    worker.kill();
                    retried = true;
                }
                Ok(Err(Failure::Unasked(e) | Failure::Broken(e))) => {
                    worker.kill();
                    return Err(ServeError::Internal(format!(
                        "the query worker failed: {e}"
                    )));
                }
                Ok(Err(Failure::TooLarge(len))) => {
                    worker.kill();
                    return Err(ServeError::ResultTooLarge {
                        len,
                        limit: max_body,
                    });
                }
                Err(_) => {
                    worker.kill();
                    return Err(ServeError::Timeout(timeout));
                }
            }
        }
    }
}
