//! A read-only SPARQL 1.1 Protocol endpoint over the store, for tools that speak
//! HTTP (SPARQLWrapper, YASGUI, rdflib, a browser).
//!
//! Rationale: researchers who do not want a command line still want SPARQL, and
//! the standard protocol lets any client library reach the graph. The endpoint
//! is an axum [`Router`] built by [`router`], so tests drive it in-process and
//! `meetkg serve` only binds it to a socket.
//!
//! - `GET /query?query=...`, `POST` form (`query=`) or `application/sparql-query`
//!   (also at `/sparql`); `default-graph-uri` / `named-graph-uri` set the
//!   dataset. Without them the default graph is the store's, which already is
//!   the merge of the report graphs (see [`crate::store`]): no union flag here.
//! - Results negotiated on `Accept` (q-values honoured), `Vary: Accept`.
//! - Read-only: updates get 403, other methods 405.
//! - Limits: a per-query timeout (503), a maximum query size (413, at once
//!   when the declared `Content-Length` is over it), a body read timeout (408),
//!   and a semaphore capping concurrent evaluations (503 when no permit comes
//!   in time). Connections (their number, idle and header timeouts) are
//!   [`listen`]'s. With a [`WorkerPool`] (what `meetkg serve` uses) each query runs in
//!   a worker process that the timeout kills; in-process, oxigraph's
//!   [`CancellationToken`] stops a query only at its next read of the store.
//! - Descriptions (service description, VoID) name the URL clients use:
//!   [`ServeConfig::public_url`], else the proxy's `Forwarded` /
//!   `X-Forwarded-*` headers, else `Host`.
//!
//! This module does not bind sockets nor print; it logs one line per request
//! through `log`. [`listen::serve`] runs the router on a listener it is given.

use crate::dataset::{endpoint_void, Stats};
use crate::query::EXAMPLE_QUERIES;
use crate::store::Store;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use oxigraph::io::RdfFormat;
use oxigraph::model::{IriParseError, NamedNode};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, SparqlSyntaxError};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{OnceCell, Semaphore};
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

/// The endpoint's path; `/sparql` is an alias, as many clients guess it.
pub const ENDPOINT_PATH: &str = "/query";

mod evaluate;
pub mod listen;
pub mod snapshot;
pub mod worker;

pub use evaluate::{evaluate, Answer, QueryRequest};
pub use listen::ListenConfig;
pub use worker::{run_worker, WorkerPool, WORKER_SUBCOMMAND};

const INDEX_HTML: &str = include_str!("serve/index.html");
/// YASGUI, the SPARQL editor researchers know, from the npm registry
/// (`@zazuko/yasgui`, see `src/serve/assets/README.md`), compiled into the
/// binary so the page works offline and needs no Node at build time.
const YASGUI_JS: &str = include_str!("serve/assets/yasgui.min.js");
const YASGUI_CSS: &str = include_str!("serve/assets/yasgui.min.css");

/// The limits and policies of an endpoint.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// How long a query may wait for a permit and run, together.
    pub timeout: Duration,
    /// Largest accepted query (body or parameter), in bytes. A `GET`'s URL
    /// cannot be longer than 65,534 bytes in any case: hyper answers 414
    /// before the router sees it, a limit of the `http` crate's `Uri`.
    pub max_query_bytes: usize,
    /// How long a request's body may take to arrive once its head is in.
    pub body_timeout: Duration,
    /// How many queries evaluate at once; others wait.
    pub max_concurrent: usize,
    /// Largest result served, in bytes once serialised; larger ones get 500
    /// with a hint to page with LIMIT/OFFSET. Bounds the memory a query costs.
    pub max_result_bytes: usize,
    /// Origins allowed by CORS; empty means any origin (`*`).
    pub cors_origins: Vec<HeaderValue>,
    /// The endpoint's URL as clients see it (behind a proxy); `None` derives
    /// it from each request's headers.
    pub public_url: Option<String>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_query_bytes: 256 * 1024,
            body_timeout: Duration::from_secs(30),
            max_concurrent: std::thread::available_parallelism().map_or(4, |n| n.get()),
            max_result_bytes: 256 * 1024 * 1024,
            cors_origins: Vec::new(),
            public_url: None,
        }
    }
}

/// What the handlers share: the store, the limits, the evaluation permits and
/// where queries run.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    config: Arc<ServeConfig>,
    permits: Arc<Semaphore>,
    workers: Option<Arc<WorkerPool>>,
    void_stats: Arc<OnceCell<Arc<Stats>>>,
    /// When serving began: the `dcterms:modified` of the served snapshot.
    started: NaiveDate,
}

impl AppState {
    /// An endpoint over `store` with `config`'s limits, evaluating queries on
    /// threads of this process: a timed-out query gets its 503 on time, but
    /// oxigraph only stops it at its next read of the store. For embedding and
    /// tests; `meetkg serve` uses [`AppState::with_workers`].
    pub fn new(store: Store, config: ServeConfig) -> Self {
        let permits = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        Self {
            store,
            config: Arc::new(config),
            permits,
            workers: None,
            void_stats: Arc::new(OnceCell::new()),
            started: chrono::Local::now().date_naive(),
        }
    }

    /// Computes the VoID statistics now, rather than on the first request to
    /// `/.well-known/void`: a server calls it before it listens, so no request
    /// waits for (or, by going away, restarts) a full scan of the store.
    ///
    /// # Errors
    /// The store cannot be read.
    pub async fn describe_now(&self) -> Result<(), ServeError> {
        void_stats(self).await.map(|_| ())
    }

    /// Evaluates queries in `workers`' processes instead, so a timeout kills
    /// the evaluation. The pool should hold `max_concurrent` workers.
    #[must_use]
    pub fn with_workers(mut self, workers: WorkerPool) -> Self {
        self.workers = Some(Arc::new(workers));
        self
    }
}

/// Why a request failed; each variant maps to one HTTP status in
/// [`IntoResponse`], the only place statuses are chosen.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The query does not parse (400).
    #[error("invalid SPARQL query: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    /// The request is not a SPARQL protocol request (400).
    #[error("{0}")]
    BadRequest(String),
    /// A dataset IRI is not an IRI (400).
    #[error("invalid graph IRI {iri:?}: {source}")]
    GraphIri {
        iri: String,
        #[source]
        source: IriParseError,
    },
    /// SPARQL Update was asked of a read-only endpoint (403).
    #[error("this endpoint is read-only: SPARQL Update is not allowed")]
    UpdateForbidden,
    /// The body's media type is not one the protocol defines (415).
    #[error("unsupported content type {0:?}: use application/sparql-query or application/x-www-form-urlencoded")]
    UnsupportedMediaType(String),
    /// No acceptable media type for this kind of result (406).
    #[error("none of the accepted media types ({0}) can represent this result")]
    NotAcceptable(String),
    /// The query is larger than the limit (413).
    #[error("the query is larger than {0} bytes")]
    TooLarge(usize),
    /// The request's body did not arrive in time (408).
    #[error("the request body did not arrive within {0:?}")]
    BodyTimeout(Duration),
    /// The query did not finish in time (503); it was cancelled.
    #[error("the query did not finish within {0:?} and was cancelled")]
    Timeout(Duration),
    /// The query waited too long for an evaluation slot (503).
    #[error("the server is busy: no evaluation slot within {0:?}")]
    Busy(Duration),
    /// The query failed while running (500).
    #[error("query evaluation failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    /// Serialising the results failed (500).
    #[error("cannot serialise the results: {0}")]
    Serialize(#[from] std::io::Error),
    /// Reading the store failed (500).
    #[error("storage error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// The evaluation task panicked or was aborted (500).
    #[error("the evaluation task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// A query worker failed to start or died, or the dataset could not be
    /// described (500).
    #[error("{0}")]
    Internal(String),
    /// The result is larger than the limit (500).
    #[error(
        "the result is {len} bytes, more than the limit of {limit}: page it with LIMIT and OFFSET"
    )]
    ResultTooLarge { len: usize, limit: usize },
    /// A query worker answered with this error (its status, its message).
    #[error("{message}")]
    Reported { status: StatusCode, message: String },
}

impl ServeError {
    fn status(&self) -> StatusCode {
        match self {
            Self::Syntax(_) | Self::BadRequest(_) | Self::GraphIri { .. } => {
                StatusCode::BAD_REQUEST
            }
            Self::UpdateForbidden => StatusCode::FORBIDDEN,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::NotAcceptable(_) => StatusCode::NOT_ACCEPTABLE,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::Timeout(_) | Self::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Evaluation(QueryEvaluationError::Cancelled) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Evaluation(_)
            | Self::Serialize(_)
            | Self::Storage(_)
            | Self::Task(_)
            | Self::Internal(_)
            | Self::ResultTooLarge { .. } => StatusCode::INTERNAL_SERVER_ERROR,
            Self::Reported { status, .. } => *status,
        }
    }
}

impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status(),
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::VARY, "Accept"),
            ],
            format!("{self}\n"),
        )
            .into_response();
        if self.status() == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

/// The endpoint: `/query` and `/sparql` (SPARQL protocol, service
/// description), `/` (a query editor), `/.well-known/void` (VoID), with CORS
/// and one log line per request.
pub fn router(state: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT])
        .max_age(Duration::from_secs(86400));
    let cors = if state.config.cors_origins.is_empty() {
        cors.allow_origin(Any)
    } else {
        cors.allow_origin(AllowOrigin::list(state.config.cors_origins.clone()))
    };
    Router::new()
        .route("/", get(index))
        .route("/assets/yasgui.min.js", get(yasgui_js))
        .route("/assets/yasgui.min.css", get(yasgui_css))
        .route(ENDPOINT_PATH, get(sparql).post(sparql))
        .route("/sparql", get(sparql).post(sparql))
        .route("/.well-known/void", get(void))
        .with_state(state)
        .layer(cors)
        .layer(middleware::from_fn(log_request))
}

/// One line per request: method, path, status, duration.
async fn log_request(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    log::info!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}

async fn index() -> impl IntoResponse {
    let examples = serde_json::to_string(EXAMPLE_QUERIES)
        .unwrap_or_else(|_| "[]".to_owned())
        // A query containing `</script>` must not close the script element.
        .replace("</", "<\\/");
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        INDEX_HTML.replace("/*EXAMPLES*/[]", &examples),
    )
}

async fn yasgui_js() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", YASGUI_JS)
}

async fn yasgui_css() -> impl IntoResponse {
    asset("text/css; charset=utf-8", YASGUI_CSS)
}

/// A compiled-in file: it changes only with the binary, so a day's caching is safe.
fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
}

/// The parameters of a protocol request, from the URL and the form body.
#[derive(Debug, Default)]
struct Params {
    query: Option<String>,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

impl Params {
    fn add(&mut self, pairs: Vec<(String, String)>) -> Result<(), ServeError> {
        for (key, value) in pairs {
            match key.as_str() {
                "query" if self.query.is_some() => {
                    return Err(ServeError::BadRequest(
                        "more than one query parameter".into(),
                    ));
                }
                "query" => self.query = Some(value),
                "update" | "using-graph-uri" | "using-named-graph-uri" => self.update = true,
                "default-graph-uri" => self.default_graphs.push(value),
                "named-graph-uri" => self.named_graphs.push(value),
                // SPARQLWrapper and others add `format`, `output`, `results`...
                _ => {}
            }
        }
        Ok(())
    }
}

/// The `name=value` pairs of a URL query or a form body, `+` and `%XX`
/// decoded as `application/x-www-form-urlencoded` says (a `%` not followed by
/// two hex digits stays as it is).
///
/// # Errors
/// A name or value that is not UTF-8 once decoded is refused (400), as an
/// `application/sparql-query` body is: replacing its bytes would run a query
/// the client did not send.
fn parse_pairs(bytes: &[u8]) -> Result<Vec<(String, String)>, ServeError> {
    bytes
        .split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|&b| b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &[][..]),
            };
            let name = utf8(percent_decode(name), None)?;
            let value = utf8(percent_decode(value), Some(&name))?;
            Ok((name, value))
        })
        .collect()
}

/// `+` as a space and `%XX` as its byte; other bytes as they are.
fn percent_decode(component: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::with_capacity(component.len());
    let mut i = 0;
    while i < component.len() {
        let byte = match component[i] {
            b'+' => b' ',
            b'%' => match component.get(i + 1..i + 3).and_then(hex_byte) {
                Some(byte) => {
                    i += 2;
                    byte
                }
                None => b'%',
            },
            other => other,
        };
        decoded.push(byte);
        i += 1;
    }
    decoded
}

fn hex_byte(digits: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(digits).ok()?;
    u8::from_str_radix(text, 16).ok()
}

/// A decoded parameter name (`of` is `None`) or the value of parameter `of`,
/// as text.
fn utf8(decoded: Vec<u8>, of: Option<&str>) -> Result<String, ServeError> {
    String::from_utf8(decoded).map_err(|e| {
        let what = match of {
            Some(name) => format!("the {name:?} parameter"),
            None => "a parameter name".to_owned(),
        };
        let at = e.utf8_error().valid_up_to() + 1;
        ServeError::BadRequest(format!(
            "{what} is not UTF-8 once percent-decoded (byte {at} of it): \
             percent-encode the UTF-8 bytes of the text"
        ))
    })
}

async fn sparql(State(state): State<AppState>, request: Request) -> Response {
    match handle(state, request).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn handle(state: AppState, request: Request) -> Result<Response, ServeError> {
    let max = state.config.max_query_bytes;
    let (parts, body) = request.into_parts();
    let mut params = Params::default();
    if let Some(query_string) = parts.uri.query() {
        if query_string.len() > max.saturating_mul(3) {
            return Err(ServeError::TooLarge(max));
        }
        params.add(parse_pairs(query_string.as_bytes())?)?;
    }
    if parts.method == Method::POST {
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let body = read_body(
            &parts.headers,
            body,
            max.saturating_mul(3),
            state.config.body_timeout,
        )
        .await?;
        match content_type.as_str() {
            "application/sparql-update" => return Err(ServeError::UpdateForbidden),
            "application/sparql-query" => {
                let text = String::from_utf8(body)
                    .map_err(|_| ServeError::BadRequest("the query is not UTF-8".into()))?;
                if params.query.replace(text).is_some() {
                    return Err(ServeError::BadRequest(
                        "a query in both the URL and the body".into(),
                    ));
                }
            }
            "application/x-www-form-urlencoded" => params.add(parse_pairs(&body)?)?,
            other => return Err(ServeError::UnsupportedMediaType(other.to_owned())),
        }
    }
    if params.update {
        return Err(ServeError::UpdateForbidden);
    }
    let Some(query) = params.query.take() else {
        if parts.method == Method::GET {
            return Ok(service_description(&state.config, &parts.headers));
        }
        return Err(ServeError::BadRequest("no query parameter".into()));
    };
    if query.len() > max {
        return Err(ServeError::TooLarge(max));
    }
    let accept = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*")
        .to_owned();
    let request = QueryRequest {
        query,
        default_graphs: params.default_graphs,
        named_graphs: params.named_graphs,
        accept,
    };
    let answer = run(&state, request).await?;
    Ok((
        [
            (header::CONTENT_TYPE, answer.media_type),
            (header::VARY, "Accept".to_owned()),
        ],
        answer.body,
    )
        .into_response())
}

/// The body, refused before any of it is read when its declared length is
/// over `limit`, and given `timeout` to arrive.
///
/// # Errors
/// 413 over `limit`, 408 after `timeout`, 400 when the body ends before its
/// declared length or cannot be read (a client that closed its side early).
async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    timeout: Duration,
) -> Result<Vec<u8>, ServeError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(ServeError::TooLarge(limit));
    }
    tokio::time::timeout(timeout, collect_body(body, limit, declared))
        .await
        .map_err(|_| ServeError::BodyTimeout(timeout))?
}

/// Reads `body` to its end, at most `limit` bytes. Not `axum::body::to_bytes`:
/// it reports a body that ended early as one over the limit.
async fn collect_body(
    mut body: Body,
    limit: usize,
    declared: Option<u64>,
) -> Result<Vec<u8>, ServeError> {
    use hyper::body::Body as _;
    let mut bytes = Vec::new();
    while let Some(frame) =
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await
    {
        let frame = frame.map_err(|e| body_ended_early(bytes.len(), declared, &e))?;
        if let Ok(data) = frame.into_data() {
            if data.len() > limit - bytes.len() {
                return Err(ServeError::TooLarge(limit));
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

fn body_ended_early(read: usize, declared: Option<u64>, e: &axum::Error) -> ServeError {
    ServeError::BadRequest(match declared {
        Some(declared) => format!(
            "the request body ended after {read} of the {declared} bytes its Content-Length declares"
        ),
        None => format!("the request body ended early or is malformed after {read} bytes: {e}"),
    })
}

/// Runs the query under a permit and the timeout (waiting for the permit
/// counts), in a worker process when the state has them, else on a blocking
/// thread.
async fn run(state: &AppState, request: QueryRequest) -> Result<Answer, ServeError> {
    let timeout = state.config.timeout;
    let deadline = tokio::time::Instant::now() + timeout;
    let permit = tokio::time::timeout_at(deadline, state.permits.clone().acquire_owned())
        .await
        .map_err(|_| ServeError::Busy(timeout))?
        .map_err(|_| ServeError::Busy(timeout))?;
    if let Some(workers) = &state.workers {
        // The worker is killed on timeout, so the permit is free again at once.
        let _permit = permit;
        let limit = state.config.max_result_bytes;
        return workers.evaluate(&request, deadline, timeout, limit).await;
    }
    let token = CancellationToken::new();
    let store = state.store.clone();
    let task_token = token.clone();
    let task = tokio::task::spawn_blocking(move || {
        // Held until the evaluation really stops, cancelled or not.
        let _permit = permit;
        evaluate(&store, &request, task_token)
    });
    let limit = state.config.max_result_bytes;
    match tokio::time::timeout_at(deadline, task).await {
        Ok(result) => match result? {
            Ok(answer) if answer.body.len() > limit => Err(ServeError::ResultTooLarge {
                len: answer.body.len(),
                limit,
            }),
            other => other,
        },
        Err(_) => {
            token.cancel();
            Err(ServeError::Timeout(timeout))
        }
    }
}

/// The media ranges of an `Accept` header, best first (stable for equal q).
fn accepted(accept: &str) -> Vec<String> {
    let mut ranges: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim().to_ascii_lowercase();
            if range.is_empty() {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, range))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, r)| r).collect()
}

/// The results format for SELECT/ASK: JSON for wildcards.
fn negotiate_results(accept: &str) -> Result<QueryResultsFormat, ServeError> {
    accepted(accept)
        .iter()
        .find_map(|range| match range.as_str() {
            "*/*" | "application/*" => Some(QueryResultsFormat::Json),
            "text/*" => Some(QueryResultsFormat::Csv),
            "application/xml" | "text/xml" => Some(QueryResultsFormat::Xml),
            other => QueryResultsFormat::from_media_type(other),
        })
        .ok_or_else(|| ServeError::NotAcceptable(accept.to_owned()))
}

/// The RDF format for CONSTRUCT/DESCRIBE: Turtle for wildcards, N-Triples for
/// `text/plain` (its historical media type).
fn negotiate_graph(accept: &str) -> Result<RdfFormat, ServeError> {
    accepted(accept)
        .iter()
        .find_map(|range| match range.as_str() {
            "*/*" | "text/*" => Some(RdfFormat::Turtle),
            "application/*" => Some(RdfFormat::NTriples),
            "text/plain" => Some(RdfFormat::NTriples),
            other => RdfFormat::from_media_type(other)
                .filter(|f| !f.supports_datasets() || matches!(f, RdfFormat::JsonLd { .. })),
        })
        .ok_or_else(|| ServeError::NotAcceptable(accept.to_owned()))
}

/// The statistics of the served store, computed once (it is frozen).
async fn void_stats(state: &AppState) -> Result<&Arc<Stats>, ServeError> {
    let store = state.store.clone();
    state
        .void_stats
        .get_or_try_init(|| async move {
            tokio::task::spawn_blocking(move || crate::dump::union_stats(&store))
                .await?
                .map(Arc::new)
                .map_err(|e| ServeError::Internal(crate::error_chain(&e)))
        })
        .await
}

/// The `Vary` of a response that depends on where the client reached us.
const VARY_LOCATION: &str = "Accept, Host, Forwarded, X-Forwarded-Host, X-Forwarded-Proto";

/// Where clients reach the endpoint: `--public-url` when given, else the
/// scheme and host a proxy forwards (`Forwarded`, `X-Forwarded-Proto` and
/// `-Host`), else `http://` and the `Host` header. Returns the endpoint's URL
/// and the base its other paths hang from (ending in `/`).
fn public_urls(config: &ServeConfig, headers: &HeaderMap) -> (String, String) {
    if let Some(url) = &config.public_url {
        let base = match url.find("://").map(|i| i + 3) {
            Some(authority) => match url[authority..].rfind('/') {
                Some(slash) => url[..authority + slash + 1].to_owned(),
                None => format!("{url}/"),
            },
            None => format!("{url}/"),
        };
        return (url.clone(), base);
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    // RFC 7239: the first element is the proxy nearest the client.
    let forwarded = |key: &str| {
        header("forwarded").and_then(|f| {
            f.split(',').next()?.split(';').find_map(|pair| {
                let (k, v) = pair.split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case(key)
                    .then(|| v.trim().trim_matches('"').to_owned())
            })
        })
    };
    let first = |value: &str| value.split(',').next().unwrap_or("").trim().to_owned();
    let scheme = forwarded("proto")
        .or_else(|| header("x-forwarded-proto").map(first))
        .map(|s| s.to_ascii_lowercase())
        .filter(|s| s == "http" || s == "https")
        .unwrap_or_else(|| "http".to_owned());
    let valid_host = |h: &String| {
        !h.is_empty()
            && h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
    };
    let host = forwarded("host")
        .or_else(|| header("x-forwarded-host").map(first))
        .filter(valid_host)
        .or_else(|| header("host").map(str::to_owned).filter(valid_host))
        .unwrap_or_else(|| "localhost".to_owned());
    (
        format!("{scheme}://{host}{ENDPOINT_PATH}"),
        format!("{scheme}://{host}/"),
    )
}

/// The SPARQL 1.1 Service Description of the endpoint, in Turtle.
fn service_description(config: &ServeConfig, headers: &HeaderMap) -> Response {
    let (endpoint, base) = public_urls(config, headers);
    let body = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix void: <http://rdfs.org/ns/void#> .\n\
         \n\
         <{endpoint}#service> a sd:Service ;\n\
         \x20   sd:endpoint <{endpoint}> ;\n\
         \x20   sd:supportedLanguage sd:SPARQL11Query ;\n\
         \x20   sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>,\n\
         \x20       <http://www.w3.org/ns/formats/SPARQL_Results_XML>,\n\
         \x20       <http://www.w3.org/ns/formats/SPARQL_Results_CSV>,\n\
         \x20       <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,\n\
         \x20       <http://www.w3.org/ns/formats/Turtle>,\n\
         \x20       <http://www.w3.org/ns/formats/N-Triples>,\n\
         \x20       <http://www.w3.org/ns/formats/RDF_XML>,\n\
         \x20       <http://www.w3.org/ns/formats/JSON-LD> ;\n\
         \x20   sd:feature sd:UnionDefaultGraph ;\n\
         \x20   sd:defaultDataset <{base}.well-known/void#dataset> .\n\
         \n\
         <{base}.well-known/void#dataset> a sd:Dataset, void:Dataset ;\n\
         \x20   void:sparqlEndpoint <{endpoint}> .\n"
    );
    (
        [
            (header::CONTENT_TYPE, "text/turtle"),
            (header::VARY, VARY_LOCATION),
        ],
        body,
    )
        .into_response()
}

/// The VoID/DCAT description of the served data, as complete as a dump's
/// (counts, class partitions, vocabularies), with the endpoint. The
/// statistics are computed on the first request: the served store is frozen.
async fn void(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let stats = match void_stats(&state).await {
        Ok(stats) => stats,
        Err(e) => return e.into_response(),
    };
    let (endpoint, base) = public_urls(&state.config, &headers);
    let iri =
        |iri: String| NamedNode::new(&iri).map_err(|source| ServeError::GraphIri { iri, source });
    let described = iri(format!("{base}.well-known/void")).and_then(|void_iri| {
        let endpoint = iri(endpoint)?;
        endpoint_void(stats, &void_iri, &endpoint, state.started)
            .map_err(|e| ServeError::Internal(crate::error_chain(&e)))
    });
    match described {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/turtle"),
                (header::VARY, VARY_LOCATION),
            ],
            body,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

#[cfg(test)]
mod tests;
