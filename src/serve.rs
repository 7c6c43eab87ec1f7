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
//! - Limits: a per-query timeout that cancels evaluation (oxigraph's
//!   [`CancellationToken`]), a maximum query size (413), and a semaphore
//!   capping concurrent evaluations (503 when no permit comes in time).
//!
//! Results are serialised in full before the response is sent, so an error or
//! a timeout mid-way gives a clean status code instead of a truncated body; the
//! cost is memory proportional to the result.
//!
//! This module does not bind sockets nor print; it logs one line per request
//! through `log`.

use crate::query::EXAMPLE_QUERIES;
use crate::store::Store;
use crate::vocab::PREFIXES;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, IriParseError, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError,
};
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

/// The endpoint's path; `/sparql` is an alias, as many clients guess it.
pub const ENDPOINT_PATH: &str = "/query";

const INDEX_HTML: &str = include_str!("serve/index.html");

/// The limits and policies of an endpoint.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// How long a query may wait for a permit and run, together.
    pub timeout: Duration,
    /// Largest accepted query (body or parameter), in bytes.
    pub max_query_bytes: usize,
    /// How many queries evaluate at once; others wait.
    pub max_concurrent: usize,
    /// Origins allowed by CORS; empty means any origin (`*`).
    pub cors_origins: Vec<HeaderValue>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_query_bytes: 256 * 1024,
            max_concurrent: std::thread::available_parallelism().map_or(4, |n| n.get()),
            cors_origins: Vec::new(),
        }
    }
}

/// What the handlers share: the store, the limits and the evaluation permits.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    config: Arc<ServeConfig>,
    permits: Arc<Semaphore>,
}

impl AppState {
    /// An endpoint over `store` with `config`'s limits.
    pub fn new(store: Store, config: ServeConfig) -> Self {
        let permits = Arc::new(Semaphore::new(config.max_concurrent.max(1)));
        Self {
            store,
            config: Arc::new(config),
            permits,
        }
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
            Self::Timeout(_) | Self::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Evaluation(QueryEvaluationError::Cancelled) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Evaluation(_) | Self::Serialize(_) | Self::Storage(_) | Self::Task(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
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
        if matches!(self, Self::Timeout(_) | Self::Busy(_)) {
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

fn parse_pairs(bytes: &[u8]) -> Result<Vec<(String, String)>, ServeError> {
    serde_urlencoded::from_bytes(bytes)
        .map_err(|e| ServeError::BadRequest(format!("malformed URL-encoded parameters: {e}")))
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
        let body = read_body(body, max.saturating_mul(3)).await?;
        match content_type.as_str() {
            "application/sparql-update" => return Err(ServeError::UpdateForbidden),
            "application/sparql-query" => {
                let text = String::from_utf8(body.to_vec())
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
            return Ok(service_description(&parts.headers));
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
    evaluate(&state, query, params, accept).await
}

async fn read_body(body: Body, limit: usize) -> Result<Bytes, ServeError> {
    to_bytes(body, limit)
        .await
        .map_err(|_| ServeError::TooLarge(limit))
}

/// Runs the query on a blocking thread under a permit and the timeout; on
/// timeout the cancellation token stops the evaluation at its next read.
async fn evaluate(
    state: &AppState,
    query: String,
    params: Params,
    accept: String,
) -> Result<Response, ServeError> {
    let timeout = state.config.timeout;
    let deadline = tokio::time::Instant::now() + timeout;
    let permit = tokio::time::timeout_at(deadline, state.permits.clone().acquire_owned())
        .await
        .map_err(|_| ServeError::Busy(timeout))?
        .map_err(|_| ServeError::Busy(timeout))?;
    let token = CancellationToken::new();
    let store = state.store.clone();
    let task_token = token.clone();
    let task = tokio::task::spawn_blocking(move || {
        // Held until the evaluation really stops, cancelled or not.
        let _permit = permit;
        run_query(&store, &query, &params, &accept, task_token)
    });
    match tokio::time::timeout_at(deadline, task).await {
        Ok(result) => result?,
        Err(_) => {
            token.cancel();
            Err(ServeError::Timeout(timeout))
        }
    }
}

/// Parses, evaluates and serialises one query in the negotiated format.
fn run_query(
    store: &Store,
    query: &str,
    params: &Params,
    accept: &str,
    token: CancellationToken,
) -> Result<Response, ServeError> {
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    for &(prefix, iri) in PREFIXES {
        evaluator = evaluator
            .with_prefix(prefix, iri)
            .map_err(|source| ServeError::GraphIri {
                iri: iri.to_owned(),
                source,
            })?;
    }
    let mut prepared = evaluator.parse_query(query)?;
    if !params.default_graphs.is_empty() || !params.named_graphs.is_empty() {
        // The protocol's dataset replaces the query's FROM / FROM NAMED, and an
        // absent half of it is empty.
        let iris = |list: &[String]| {
            list.iter()
                .map(|iri| {
                    NamedNode::new(iri).map_err(|source| ServeError::GraphIri {
                        iri: iri.clone(),
                        source,
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        };
        let default = iris(&params.default_graphs)?;
        let named = iris(&params.named_graphs)?;
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(default.into_iter().map(GraphName::from).collect());
        dataset.set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::from).collect());
    }
    let results = prepared.on_store(store.oxigraph()).execute()?;
    let mut out = Vec::new();
    let media_type = match results {
        QueryResults::Solutions(solutions) => {
            let format = negotiate_results(accept)?;
            let mut writer = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
            for solution in solutions {
                writer.serialize(&solution?)?;
            }
            writer.finish()?;
            format.media_type()
        }
        QueryResults::Boolean(value) => {
            let format = negotiate_results(accept)?;
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(&mut out, value)?;
            format.media_type()
        }
        QueryResults::Graph(triples) => {
            let format = negotiate_graph(accept)?;
            let mut serializer = RdfSerializer::from_format(format);
            if matches!(format, RdfFormat::Turtle) {
                for &(prefix, iri) in PREFIXES {
                    serializer = serializer.with_prefix(prefix, iri).map_err(|source| {
                        ServeError::GraphIri {
                            iri: iri.to_owned(),
                            source,
                        }
                    })?;
                }
            }
            let mut writer = serializer.for_writer(&mut out);
            for triple in triples {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
            format.media_type()
        }
    };
    out.flush()?;
    Ok((
        [(header::CONTENT_TYPE, media_type), (header::VARY, "Accept")],
        out,
    )
        .into_response())
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

/// The SPARQL 1.1 Service Description of the endpoint, in Turtle.
fn service_description(headers: &HeaderMap) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let endpoint = format!("http://{host}{ENDPOINT_PATH}");
    let body = format!(
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
         @prefix void: <http://rdfs.org/ns/void#> .\n\
         \n\
         [] a sd:Service ;\n\
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
         \x20   sd:defaultDataset [ a sd:Dataset ; void:sparqlEndpoint <{endpoint}> ] .\n"
    );
    (
        [
            (header::CONTENT_TYPE, "text/turtle"),
            (header::VARY, "Accept"),
        ],
        body,
    )
        .into_response()
}

/// A minimal VoID description: the triple count of the merged graph and the
/// endpoint.
async fn void(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let store = state.store.clone();
    let count = tokio::task::spawn_blocking(move || {
        store
            .oxigraph()
            .quads_for_pattern(
                None,
                None,
                None,
                Some(oxigraph::model::GraphNameRef::DefaultGraph),
            )
            .try_fold(0usize, |n, q| q.map(|_| n + 1))
    })
    .await;
    let triples = match count {
        Ok(Ok(n)) => n,
        Ok(Err(e)) => {
            return ServeError::Storage(e).into_response();
        }
        Err(e) => return ServeError::Task(e).into_response(),
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".:-[]".contains(c))
        })
        .unwrap_or("localhost");
    let body = format!(
        "@prefix void: <http://rdfs.org/ns/void#> .\n\
         @prefix dcterms: <http://purl.org/dc/terms/> .\n\
         \n\
         <> a void:Dataset ;\n\
         \x20   dcterms:title \"meetkg knowledge graph\" ;\n\
         \x20   void:triples {triples} ;\n\
         \x20   void:sparqlEndpoint <http://{host}{ENDPOINT_PATH}> .\n"
    );
    ([(header::CONTENT_TYPE, "text/turtle")], body).into_response()
}

#[cfg(test)]
mod tests;
