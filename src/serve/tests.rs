//! The endpoint driven in-process through its router (`oneshot`).

use super::*;
use crate::store::tests::sample_store;
use axum::body::{to_bytes, Bytes};
use axum::http::Request as HttpRequest;
use tower::ServiceExt;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SELECT: &str = "SELECT DISTINCT ?m WHERE { ?m a schema:Event } ORDER BY ?m";

fn app_with(
    config: ServeConfig,
) -> Result<(tempfile::TempDir, Router), Box<dyn std::error::Error>> {
    let (dir, store) = sample_store()?;
    Ok((dir, router(AppState::new(store, config))))
}

fn app() -> Result<(tempfile::TempDir, Router), Box<dyn std::error::Error>> {
    app_with(ServeConfig::default())
}

fn encode(s: &str) -> String {
    serde_urlencoded::to_string([("query", s)]).unwrap_or_default()
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

async fn send(
    app: &Router,
    request: HttpRequest<Body>,
) -> Result<Reply, Box<dyn std::error::Error>> {
    let response = app.clone().oneshot(request).await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX).await?;
    Ok(Reply {
        status,
        headers,
        body: String::from_utf8(body.to_vec())?,
    })
}

async fn get(app: &Router, query: &str, accept: &str) -> Result<Reply, Box<dyn std::error::Error>> {
    send(
        app,
        HttpRequest::get(format!("/query?{}", encode(query)))
            .header(header::ACCEPT, accept)
            .body(Body::empty())?,
    )
    .await
}

fn content_type(reply: &Reply) -> &str {
    reply
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn select_in_every_results_format() -> TestResult {
    let (_dir, app) = app()?;
    for (accept, media, needle) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            "application/json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        (
            "application/xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        ("text/csv", "text/csv", "m\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?m\n",
        ),
        ("*/*", "application/sparql-results+json", "\"bindings\""),
        (
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
    ] {
        let reply = get(&app, SELECT, accept).await?;
        assert_eq!(reply.status, StatusCode::OK, "{accept}: {}", reply.body);
        assert!(
            content_type(&reply).starts_with(media),
            "{accept}: {}",
            content_type(&reply)
        );
        assert!(reply.body.contains(needle), "{accept}: {}", reply.body);
        assert_eq!(
            reply.headers.get(header::VARY).map(|v| v.as_bytes()),
            Some(&b"Accept"[..])
        );
        // Two meetings, one per report graph, through the merged default graph.
        assert_eq!(
            reply
                .body
                .matches("https://w3id.org/meetkg/id/meeting/")
                .count(),
            2,
            "{accept}: {}",
            reply.body
        );
    }
    Ok(())
}

#[tokio::test]
async fn post_bodies_and_forms() -> TestResult {
    let (_dir, app) = app()?;
    let reply = send(
        &app,
        HttpRequest::post("/query")
            .header(header::CONTENT_TYPE, "application/sparql-query")
            .header(header::ACCEPT, "application/sparql-results+json")
            .body(Body::from(SELECT))?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains("\"bindings\""));

    // Unknown parameters (as SPARQLWrapper adds) are ignored; `/sparql` too.
    let reply = send(
        &app,
        HttpRequest::post("/sparql")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/csv")
            .body(Body::from(format!(
                "{}&format=csv&output=csv",
                encode(SELECT)
            )))?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.starts_with("m\r\n"), "{}", reply.body);
    Ok(())
}

#[tokio::test]
async fn ask_and_construct() -> TestResult {
    let (_dir, app) = app()?;
    let reply = get(
        &app,
        "ASK { ?m a schema:Event }",
        "application/sparql-results+json",
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("\"boolean\":true"), "{}", reply.body);

    let construct = "CONSTRUCT { ?m a schema:Event } WHERE { ?m a schema:Event }";
    let reply = get(&app, construct, "text/turtle").await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(content_type(&reply).starts_with("text/turtle"));
    assert!(reply.body.contains("schema:Event"), "{}", reply.body);

    let reply = get(&app, construct, "application/n-triples").await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(content_type(&reply).starts_with("application/n-triples"));
    assert_eq!(reply.body.lines().count(), 2, "{}", reply.body);

    for (accept, media) in [
        ("application/rdf+xml", "application/rdf+xml"),
        ("application/ld+json", "application/ld+json"),
        ("*/*", "text/turtle"),
    ] {
        let reply = get(&app, construct, accept).await?;
        assert_eq!(reply.status, StatusCode::OK, "{accept}: {}", reply.body);
        assert!(content_type(&reply).starts_with(media), "{accept}");
    }
    Ok(())
}

#[tokio::test]
async fn protocol_dataset_restricts_the_default_graph() -> TestResult {
    let (_dir, app) = app()?;
    let graph = crate::rdf::graph_iri("001_second.txt")?;
    let uri = format!(
        "/query?{}&{}",
        encode(SELECT),
        serde_urlencoded::to_string([("default-graph-uri", graph.as_str())])?
    );
    let reply = send(
        &app,
        HttpRequest::get(uri)
            .header(header::ACCEPT, "text/csv")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.body.lines().count(), 2, "{}", reply.body);
    Ok(())
}

#[tokio::test]
async fn errors_have_their_status() -> TestResult {
    let (_dir, app) = app()?;
    let reply = get(&app, "SELECT nonsense", "*/*").await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("invalid SPARQL query"),
        "{}",
        reply.body
    );

    let reply = get(&app, SELECT, "image/png").await?;
    assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE);
    let reply = get(&app, "CONSTRUCT WHERE { ?s ?p ?o }", "text/csv").await?;
    assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE);

    let reply = send(
        &app,
        HttpRequest::post("/query")
            .header(header::CONTENT_TYPE, "application/sparql-update")
            .body(Body::from("INSERT DATA { <a:a> <a:a> <a:a> }"))?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains("read-only"));
    let reply = send(
        &app,
        HttpRequest::post("/query")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("update=CLEAR%20ALL"))?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    for method in [Method::PUT, Method::DELETE, Method::PATCH] {
        let reply = send(
            &app,
            HttpRequest::builder()
                .method(method.clone())
                .uri("/query")
                .body(Body::empty())?,
        )
        .await?;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
    }
    Ok(())
}

#[tokio::test]
async fn large_queries_get_413() -> TestResult {
    let (_dir, app) = app_with(ServeConfig {
        max_query_bytes: 100,
        ..ServeConfig::default()
    })?;
    let big = format!("{SELECT} #{}", "x".repeat(200));
    let reply = get(&app, &big, "*/*").await?;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let reply = send(
        &app,
        HttpRequest::post("/query")
            .header(header::CONTENT_TYPE, "application/sparql-query")
            .body(Body::from(format!("{big}{}", "y".repeat(1000))))?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    Ok(())
}

/// A cross join of the store with itself, with an `EXISTS` per row so the
/// evaluation keeps reading the store (where oxigraph checks its cancellation
/// token), never ends in time: the timeout must answer 503 and cancel it (else
/// the test runtime would wait for the evaluation thread when it shuts down).
#[tokio::test]
async fn slow_queries_time_out() -> TestResult {
    let (_dir, app) = app_with(ServeConfig {
        timeout: Duration::from_millis(50),
        max_concurrent: 1,
        ..ServeConfig::default()
    })?;
    let heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER EXISTS { ?g ?h ?i . ?a ?b ?c } }";
    let start = Instant::now();
    let reply = get(&app, heavy, "*/*").await?;
    assert_eq!(
        reply.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        reply.body
    );
    assert!(reply.body.contains("cancelled"), "{}", reply.body);
    assert!(start.elapsed() < Duration::from_secs(5));
    // The permit comes back once the cancelled evaluation stops.
    let mut ok = false;
    for _ in 0..50 {
        let reply = get(&app, "ASK {}", "*/*").await?;
        if reply.status == StatusCode::OK {
            ok = true;
            break;
        }
    }
    assert!(ok, "the evaluation slot never came back");
    Ok(())
}

#[tokio::test]
async fn results_over_the_limit_are_refused() -> TestResult {
    let (_dir, app) = app_with(ServeConfig {
        max_result_bytes: 100,
        ..ServeConfig::default()
    })?;
    let reply = get(&app, "SELECT * WHERE { ?s ?p ?o }", "text/csv").await?;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(reply.body.contains("LIMIT and OFFSET"), "{}", reply.body);
    let reply = get(&app, "ASK {}", "*/*").await?;
    assert_eq!(reply.status, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn service_description_void_and_index() -> TestResult {
    let (_dir, app) = app()?;
    let reply = send(
        &app,
        HttpRequest::get("/query")
            .header(header::HOST, "example.org:7878")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(content_type(&reply).starts_with("text/turtle"));
    assert!(
        reply
            .body
            .contains("sd:endpoint <http://example.org:7878/query>"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("sd:SPARQL11Query"));

    let reply = send(
        &app,
        HttpRequest::get("/.well-known/void")
            .header(header::HOST, "example.org:7878")
            .body(Body::empty())?,
    )
    .await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("void:triples "), "{}", reply.body);
    assert!(!reply.body.contains("void:triples 0 "), "{}", reply.body);
    for needle in [
        "<http://example.org:7878/.well-known/void#dataset>",
        "void:sparqlEndpoint <http://example.org:7878/query>",
        "void:classPartition",
        "void:entities",
    ] {
        assert!(reply.body.contains(needle), "{needle}: {}", reply.body);
    }
    assert!(!reply.body.contains("void:dataDump"), "{}", reply.body);

    let reply = send(&app, HttpRequest::get("/").body(Body::empty())?).await?;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("new Yasgui("));
    assert!(
        reply.body.contains("\"spoke\""),
        "the examples are embedded"
    );
    for (path, media) in [
        ("/assets/yasgui.min.js", "text/javascript"),
        ("/assets/yasgui.min.css", "text/css"),
    ] {
        let reply = send(&app, HttpRequest::get(path).body(Body::empty())?).await?;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(content_type(&reply).starts_with(media), "{path}");
        assert!(reply.body.len() > 10_000, "{path}");
    }
    Ok(())
}

/// Behind a TLS proxy the descriptions name the URL clients use: from
/// `Forwarded`, from `X-Forwarded-*`, or from the configured public URL.
#[tokio::test]
async fn descriptions_follow_the_proxy() -> TestResult {
    let (_dir, app) = app()?;
    for (name, value, endpoint) in [
        (
            "forwarded",
            "for=192.0.2.1;proto=https;host=kg.example.org, for=10.0.0.1",
            "https://kg.example.org/query",
        ),
        ("x-forwarded-proto", "https", "https://local:1/query"),
        ("x-forwarded-proto", "gopher", "http://local:1/query"),
        ("forwarded", "host=\"bad host\"", "http://local:1/query"),
    ] {
        let reply = send(
            &app,
            HttpRequest::get("/query")
                .header(header::HOST, "local:1")
                .header(name, value)
                .body(Body::empty())?,
        )
        .await?;
        let needle = format!("sd:endpoint <{endpoint}>");
        assert!(
            reply.body.contains(&needle),
            "{name}: {value}: {}",
            reply.body
        );
    }

    let (_dir, app) = app_with(ServeConfig {
        public_url: Some("https://data.example.org/kg/sparql".into()),
        ..ServeConfig::default()
    })?;
    let reply = send(
        &app,
        HttpRequest::get("/.well-known/void")
            .header(header::HOST, "local:1")
            .body(Body::empty())?,
    )
    .await?;
    for needle in [
        "<https://data.example.org/kg/.well-known/void#dataset>",
        "void:sparqlEndpoint <https://data.example.org/kg/sparql>",
    ] {
        assert!(reply.body.contains(needle), "{needle}: {}", reply.body);
    }
    Ok(())
}

#[tokio::test]
async fn cors_preflight() -> TestResult {
    let (_dir, app) = app()?;
    let reply = send(
        &app,
        HttpRequest::builder()
            .method(Method::OPTIONS)
            .uri("/query")
            .header(header::ORIGIN, "https://yasgui.example")
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .body(Body::empty())?,
    )
    .await?;
    assert!(reply.status.is_success(), "{}", reply.status);
    assert_eq!(
        reply
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .map(|v| v.as_bytes()),
        Some(&b"*"[..])
    );

    let (_dir, app) = app_with(ServeConfig {
        cors_origins: vec![HeaderValue::from_static("https://ok.example")],
        ..ServeConfig::default()
    })?;
    let preflight = |origin: &'static str| {
        HttpRequest::builder()
            .method(Method::OPTIONS)
            .uri("/query")
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .body(Body::empty())
    };
    let reply = send(&app, preflight("https://ok.example")?).await?;
    assert_eq!(
        reply
            .headers
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .map(|v| v.as_bytes()),
        Some(&b"https://ok.example"[..])
    );
    let reply = send(&app, preflight("https://evil.example")?).await?;
    assert!(reply
        .headers
        .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
        .is_none());
    Ok(())
}

#[test]
fn accept_ranges_sort_by_q() {
    assert_eq!(
        accepted("text/csv;q=0.2, application/json, text/turtle;q=0, */*;q=0.1"),
        vec!["application/json", "text/csv", "*/*"]
    );
}

/// A request body whose bytes never come, as from a client that stopped
/// sending after its headers.
struct Stalled;

impl hyper::body::Body for Stalled {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

fn stalled_post(length: &str) -> Result<HttpRequest<Body>, axum::http::Error> {
    HttpRequest::post("/query")
        .header(header::CONTENT_TYPE, "application/sparql-query")
        .header(header::CONTENT_LENGTH, length)
        .body(Body::new(Stalled))
}

/// A body declared larger than the limit was read until the client gave up
/// (70 s); it gets 413 before a byte of it is read.
#[tokio::test]
async fn a_declared_length_over_the_limit_gets_413_without_reading_the_body() -> TestResult {
    let (_dir, app) = app()?;
    let reply = tokio::time::timeout(
        Duration::from_secs(10),
        send(&app, stalled_post("99999999999")?),
    )
    .await??;
    assert_eq!(
        reply.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        reply.body
    );
    Ok(())
}

/// A body that stops coming gets 408 after the body timeout, not a wait
/// for as long as the client keeps the connection.
#[tokio::test]
async fn a_body_that_stops_coming_gets_408_after_the_body_timeout() -> TestResult {
    let (_dir, app) = app_with(ServeConfig {
        body_timeout: Duration::from_millis(200),
        ..ServeConfig::default()
    })?;
    let reply =
        tokio::time::timeout(Duration::from_secs(10), send(&app, stalled_post("100")?)).await??;
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT, "{}", reply.body);
    assert!(reply.body.contains("did not arrive"), "{}", reply.body);
    Ok(())
}

/// `%FF` in a URL or form query was replaced by U+FFFD and the query ran;
/// the same bytes in an `application/sparql-query` body got 400. Now every
/// way of sending them gets 400 (issue 25).
#[tokio::test]
async fn percent_encoded_invalid_utf8_gets_400_in_the_url_and_in_a_form() -> TestResult {
    let (_dir, app) = app()?;
    let url = send(
        &app,
        HttpRequest::get("/query?query=ASK%20%7B%7D%20%23%FF").body(Body::empty())?,
    )
    .await?;
    let form = send(
        &app,
        HttpRequest::post("/query")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("query=ASK+%7B%7D+%23%C3"))?,
    )
    .await?;
    let name = send(
        &app,
        HttpRequest::get("/query?quer%FF=1").body(Body::empty())?,
    )
    .await?;
    for reply in [url, form, name] {
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
        assert!(reply.body.contains("not UTF-8"), "{}", reply.body);
    }
    Ok(())
}

#[test]
fn form_decoding_keeps_a_stray_percent_and_reads_plus_as_space() -> TestResult {
    let pairs = parse_pairs(b"query=a+b%20c%2&&x&y=%e2%82%ac%zz")?;
    assert_eq!(
        pairs,
        [
            ("query".to_owned(), "a b c%2".to_owned()),
            ("x".to_owned(), String::new()),
            ("y".to_owned(), "\u{20ac}%zz".to_owned()),
        ]
    );
    Ok(())
}

/// A body that sends a few bytes, then fails as hyper's does when the
/// client closes before its declared length.
struct Truncated(bool);

impl hyper::body::Body for Truncated {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, Self::Error>>> {
        let first = !std::mem::replace(&mut self.0, true);
        std::task::Poll::Ready(Some(if first {
            Ok(hyper::body::Frame::data(Bytes::from_static(
                b"ASK { ?s ?p ?o }\r\n",
            )))
        } else {
            Err(std::io::ErrorKind::UnexpectedEof.into())
        }))
    }
}

/// `Content-Length: 1000` with an 18-byte body and then the end got 413
/// "larger than 786432 bytes"; it is 400, saying the body ended early.
#[tokio::test]
async fn a_body_ending_before_its_declared_length_gets_400_not_413() -> TestResult {
    let (_dir, app) = app()?;
    let request = HttpRequest::post("/query")
        .header(header::CONTENT_TYPE, "application/sparql-query")
        .header(header::CONTENT_LENGTH, "1000")
        .body(Body::new(Truncated(false)))?;
    let reply = send(&app, request).await?;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(
        reply.body.contains("ended after 18 of the 1000 bytes"),
        "{}",
        reply.body
    );
    Ok(())
}
