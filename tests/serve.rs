//! `meetkg serve` end to end: the seed reports built into a temporary store,
//! the real binary serving it on a free loopback port, checked over a socket
//! with hand-written HTTP/1.1, then by SPARQLWrapper through
//! `tests/interop/check_sparqlwrapper.py`, and the query page in headless
//! Chromium.
//!
//! SPARQLWrapper and Chromium are installed by the test command (`tests/run.sh`), which sets
//! `MEETKG_REQUIRE_INTEROP=1`: then a missing Python, SPARQLWrapper or Chromium
//! fails the test; otherwise that check says plainly that it skips.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn meetkg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_meetkg"));
    cmd.current_dir(root())
        .env_remove("MEETKG_STORE")
        .env_remove("MEETKG_ONTOLOGY");
    cmd
}

/// Kills the server when the test ends, passed or failed.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds the seed reports and serves them on a free loopback port; returns
/// once the server answers.
fn serve() -> Result<(tempfile::TempDir, Server)> {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let status = meetkg()
        .args(["build", "reports", "--quiet", "--store"])
        .arg(&store)
        .arg("--out")
        .arg(dir.path().join("exports"))
        .status()?;
    assert!(status.success(), "build failed");
    let addr = TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let child = meetkg()
        .args(["serve", "--timeout", "5", "--store"])
        .arg(&store)
        .arg("--bind")
        .arg(addr.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let server = Server { child, addr };
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        if start.elapsed() > Duration::from_secs(30) {
            return Err("the server did not start listening within 30 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((dir, server))
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 request by hand, `Connection: close`, read to the end.
fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<Reply> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes())?;
    let mut raw = String::new();
    stream.read_to_string(&mut raw)?;
    let (head, body) = raw.split_once("\r\n\r\n").ok_or("no end of headers")?;
    let status = head.split(' ').nth(1).ok_or("no status")?.parse()?;
    Ok(Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_owned(),
    })
}

fn encode(query: &str) -> String {
    query
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const SELECT: &str = "SELECT DISTINCT ?m WHERE { ?m a schema:Event } ORDER BY ?m";

#[test]
fn serves_the_protocol_over_a_socket() -> Result {
    let (_dir, server) = serve()?;
    let addr = server.addr;

    let reply = http(
        addr,
        "GET",
        &format!("/query?query={}", encode(SELECT)),
        &[("Accept", "text/csv")],
        "",
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply.head.contains("content-type: text/csv"),
        "{}",
        reply.head
    );
    assert!(reply.head.contains("vary: accept"), "{}", reply.head);
    // The five seed reports are five meetings, each once despite the graphs.
    assert_eq!(reply.body.lines().count(), 6, "{}", reply.body);

    let reply = http(
        addr,
        "POST",
        "/sparql",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "application/sparql-results+json"),
        ],
        SELECT,
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("\"bindings\""));

    let reply = http(
        addr,
        "POST",
        "/query",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/turtle"),
        ],
        &format!("query={}", encode("CONSTRUCT WHERE { ?m a schema:Event }")),
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.head.contains("content-type: text/turtle"));

    for (method, target, headers, body, status) in [
        (
            "GET",
            "/query?query=SELECT%20nonsense".to_owned(),
            vec![],
            "",
            400,
        ),
        (
            "POST",
            "/query".to_owned(),
            vec![("Content-Type", "application/sparql-update")],
            "CLEAR ALL",
            403,
        ),
        ("PUT", "/query".to_owned(), vec![], "", 405),
        (
            "GET",
            format!("/query?query={}", encode(SELECT)),
            vec![("Accept", "image/png")],
            "",
            406,
        ),
    ] {
        let reply = http(addr, method, &target, &headers, body)?;
        assert_eq!(reply.status, status, "{method} {target}: {}", reply.body);
    }

    let reply = http(addr, "GET", "/query", &[], "")?;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("sd:SPARQL11Query"), "{}", reply.body);
    let reply = http(addr, "GET", "/", &[], "")?;
    assert!(reply.status == 200 && reply.body.contains("id=\"results\""));
    let reply = http(
        addr,
        "OPTIONS",
        "/query",
        &[
            ("Origin", "https://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    )?;
    assert!(
        reply.head.contains("access-control-allow-origin: *"),
        "{}",
        reply.head
    );

    sparqlwrapper(addr)
}

fn sparqlwrapper(addr: SocketAddr) -> Result {
    let python = std::env::var("MEETKG_PYTHON").unwrap_or_else(|_| "python3".into());
    let required = std::env::var("MEETKG_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    let available = Command::new(&python)
        .args(["-c", "import SPARQLWrapper"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        if required {
            return Err(format!(
                "{python} with SPARQLWrapper is not available, and MEETKG_REQUIRE_INTEROP=1"
            )
            .into());
        }
        eprintln!(
            "SKIPPED: {python} with SPARQLWrapper is not available (tests/run.sh installs it)"
        );
        return Ok(());
    }
    let output = Command::new(&python)
        .arg(root().join("tests/interop/check_sparqlwrapper.py"))
        .arg(format!("http://{addr}/query"))
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "SPARQLWrapper checks failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
    assert!(!stdout.starts_with("0 passed"), "{stdout}");
    Ok(())
}

/// The query page in headless Chromium: `/?run=1` runs the first example query
/// on load, and the DOM Chromium dumps must hold its result table with rows.
#[test]
fn query_page_runs_in_chromium() -> Result {
    let required = std::env::var("MEETKG_REQUIRE_INTEROP").is_ok_and(|v| v == "1");
    let chromium = std::env::var("MEETKG_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    if Command::new(&chromium).arg("--version").output().is_err() {
        if required {
            return Err(
                format!("{chromium} is not available, and MEETKG_REQUIRE_INTEROP=1").into(),
            );
        }
        eprintln!("SKIPPED: {chromium} is not available (tests/run.sh installs it)");
        return Ok(());
    }
    let (dir, server) = serve()?;
    let output = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=10000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("chromium").display()
        ))
        .arg("--dump-dom")
        .arg(format!("http://{}/?run=1", server.addr))
        .stderr(Stdio::null())
        .output()?;
    let dom = String::from_utf8_lossy(&output.stdout);
    let table = dom
        .split_once("<table id=\"results\">")
        .map(|(_, rest)| rest.split_once("</table>").map_or(rest, |(t, _)| t))
        .ok_or("no result table in the page")?;
    assert!(table.contains("<th>"), "no header row: {table}");
    assert!(table.matches("<tr>").count() > 2, "no result rows: {table}");
    Ok(())
}
