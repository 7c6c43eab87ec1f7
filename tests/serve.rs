//! `meetkg serve` end to end: the seed reports built into a temporary store,
//! the real binary serving it on a free loopback port, checked over a socket
//! with hand-written HTTP/1.1, then by SPARQLWrapper through
//! `tests/interop/check_sparqlwrapper.py`, and the query page in headless
//! Chromium.
//!
//! SPARQLWrapper and Chromium are installed by the test command (`tests/run.sh`), which sets
//! `MEETKG_REQUIRE_INTEROP=1`: then a missing Python, SPARQLWrapper or Chromium
//! fails the test; otherwise that check says plainly that it skips.

mod common;

use common::{meetkg, root};

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

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

/// Builds the seed reports into `<dir>/store`.
fn build(dir: &std::path::Path) -> Result {
    build_from(dir, std::path::Path::new("reports"))
}

/// Builds the reports at `reports` into `dir/store` and `dir/exports`.
fn build_from(dir: &std::path::Path, reports: &std::path::Path) -> Result {
    let status = meetkg()
        .arg("build")
        .arg(reports)
        .args(["--quiet", "--store"])
        .arg(dir.join("store"))
        .arg("--out")
        .arg(dir.join("exports"))
        .status()?;
    assert!(status.success(), "build failed");
    Ok(())
}

/// Builds the seed reports and serves them on a free loopback port; returns
/// once the server answers.
fn serve() -> Result<(tempfile::TempDir, Server)> {
    serve_with(&["--timeout", "5"])
}

/// [`serve`] with these options.
fn serve_with(options: &[&str]) -> Result<(tempfile::TempDir, Server)> {
    serve_limited(options, None)
}

/// [`serve_with`], the server's open-file limit set to `files` (as `prlimit
/// --nofile=files:files` would) when given; its stderr goes to
/// `<dir>/serve.log`.
fn serve_limited(options: &[&str], files: Option<u64>) -> Result<(tempfile::TempDir, Server)> {
    let dir = tempfile::tempdir()?;
    build(dir.path())?;
    start(dir, options, files)
}

/// Serves the store already built in `dir`.
fn start(
    dir: tempfile::TempDir,
    options: &[&str],
    files: Option<u64>,
) -> Result<(tempfile::TempDir, Server)> {
    let addr = TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let mut command = meetkg();
    command
        .arg("serve")
        .args(options)
        .arg("--store")
        .arg(dir.path().join("store"))
        .arg("--bind")
        .arg(addr.to_string())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.path().join("serve.log"))?);
    if let Some(files) = files {
        limit_open_files(&mut command, files);
    }
    let child = command.spawn()?;
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

/// Sets the child's open-file limit, soft and hard, before it runs.
#[cfg(unix)]
fn limit_open_files(command: &mut Command, files: u64) {
    use std::os::unix::process::CommandExt;
    let limit = libc::rlimit {
        rlim_cur: files as libc::rlim_t,
        rlim_max: files as libc::rlim_t,
    };
    // SAFETY: between fork and exec only setrlimit runs, which is
    // async-signal-safe and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raw const limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_open_files(_: &mut Command, _: u64) {
    eprintln!("SKIPPED: no setrlimit, the server's open-file limit is not lowered");
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

/// The meetings as CSV: the five seed reports are five meetings, each once
/// despite the graphs.
fn five_meetings(addr: SocketAddr) -> Result<Reply> {
    let reply = http(
        addr,
        "GET",
        &format!("/query?query={}", encode(SELECT)),
        &[("Accept", "text/csv")],
        "",
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body.lines().count(), 6, "{}", reply.body);
    Ok(reply)
}

#[test]
fn serves_the_protocol_over_a_socket() -> Result {
    let (_dir, server) = serve()?;
    let addr = server.addr;

    let reply = five_meetings(addr)?;
    assert!(
        reply.head.contains("content-type: text/csv"),
        "{}",
        reply.head
    );
    assert!(reply.head.contains("vary: accept"), "{}", reply.head);

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
    assert!(reply.status == 200 && reply.body.contains("new Yasgui("));
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
    let available = Command::new(&python)
        .args(["-c", "import SPARQLWrapper"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        return common::interop::unavailable(&format!("{python} with SPARQLWrapper"));
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

/// The query page (YASGUI) in headless Chromium: `/?run=1&example=spoke` opens
/// the `spoke` example in a tab and runs it on load; the DOM Chromium dumps
/// must hold YASGUI's result table with the query's columns and people.
#[test]
fn query_page_runs_in_chromium() -> Result {
    let chromium = std::env::var("MEETKG_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    if Command::new(&chromium).arg("--version").output().is_err() {
        return common::interop::unavailable(&chromium);
    }
    let (dir, server) = serve()?;
    let output = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=15000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("chromium").display()
        ))
        .arg("--dump-dom")
        .arg(format!("http://{}/?run=1&example=spoke", server.addr))
        .stderr(Stdio::null())
        .output()?;
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(
        dom.contains("class=\"yasgui"),
        "YASGUI did not start: {dom}"
    );
    let table = dom
        .split_once("<table id=\"DataTables_Table_0\"")
        .map(|(_, rest)| rest.split_once("</table>").map_or(rest, |(t, _)| t))
        .ok_or("no YASGUI result table in the page")?;
    for column in ["meeting", "date", "person", "name", "sentences"] {
        assert!(
            table.contains(&format!(">{column}<")),
            "no column {column}: {table}"
        );
    }
    assert!(
        table.matches("https://w3id.org/meetkg/id/person/").count() > 2,
        "no result rows: {table}"
    );
    Ok(())
}

/// An organisation name holding U+202E (right-to-left override) would show
/// reversed, with what follows it, in the page's result table: the page shows
/// such controls as `<U+202E>`, never as themselves.
#[test]
fn bidi_controls_in_results_are_shown_not_obeyed_in_the_query_page() -> Result {
    let chromium = std::env::var("MEETKG_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    if Command::new(&chromium).arg("--version").output().is_err() {
        return common::interop::unavailable(&chromium);
    }
    let dir = tempfile::tempdir()?;
    let reports = dir.path().join("in");
    std::fs::create_dir(&reports)?;
    std::fs::write(
        reports.join("plenary.txt"),
        "Plenary of the Example Forum\n\nDate: 14 March 2024\n\nParticipants:\n\n\
         - Anna Karlos (Example \u{202E}Foundation)\n- Boris Lemaire (Example Institute)\n\n\
         Boris Lemaire opened the meeting.\n",
    )?;
    build_from(dir.path(), &reports)?;
    let (dir, server) = start(dir, &["--timeout", "5"], None)?;
    let output = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--virtual-time-budget=15000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("chromium").display()
        ))
        .arg("--dump-dom")
        .arg(format!(
            "http://{}/?run=1&example=affiliations",
            server.addr
        ))
        .stderr(Stdio::null())
        .output()?;
    let dom = String::from_utf8_lossy(&output.stdout);
    let table = dom
        .split_once("<table id=\"DataTables_Table_0\"")
        .map(|(_, rest)| rest.split_once("</table>").map_or(rest, |(t, _)| t))
        .ok_or("no YASGUI result table in the page")?;
    assert!(table.contains("Karlos"), "no result rows: {table}");
    assert!(
        table.contains("Example &lt;U+202E&gt;Foundation"),
        "the control is not shown: {table}"
    );
    assert!(!table.contains('\u{202E}'), "a raw U+202E: {table}");
    Ok(())
}

/// The worker processes of a server (its children), from `/proc`; `None`
/// where there is no `/proc`.
fn workers(server: u32) -> Option<Vec<u32>> {
    let tasks = std::fs::read_dir(format!("/proc/{server}/task")).ok()?;
    let mut pids = Vec::new();
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        pids.extend(
            children
                .split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok()),
        );
    }
    pids.sort_unstable();
    Some(pids)
}

/// A running process (not a zombie) with this pid.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z'))
    })
}

/// A query that loops in memory for hours: a timeout must kill its worker,
/// which frees the only evaluation slot at once. Meanwhile a build may write
/// the store, since the server reads its own snapshot; SIGTERM (as from systemd) stops the server
/// and removes the snapshot.
#[test]
fn timeouts_kill_the_query_and_builds_go_on() -> Result {
    let (dir, mut server) = serve_with(&[
        "--timeout",
        "2",
        "--max-concurrent",
        "1",
        "--max-query-bytes",
        "4096",
    ])?;
    let addr = server.addr;
    let pid = server.child.id();
    let before = workers(pid);

    let heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let start = Instant::now();
    let reply = http(
        addr,
        "GET",
        &format!("/query?query={}", encode(heavy)),
        &[],
        "",
    )?;
    let took = start.elapsed();
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(reply.body.contains("cancelled"), "{}", reply.body);
    assert!(reply.head.contains("retry-after:"), "{}", reply.head);
    assert!(took < Duration::from_secs(6), "the timeout took {took:?}");

    // The killed worker is gone, not left computing.
    if let Some(before) = before {
        assert_eq!(before.len(), 1, "one worker per slot: {before:?}");
        let start = Instant::now();
        while alive(before[0]) {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "worker {} still runs",
                before[0]
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    } else {
        eprintln!("SKIPPED: no /proc, the worker's end is not checked");
    }
    // The only slot is free at once: a light query gets a fresh worker.
    let reply = http(
        addr,
        "GET",
        &format!("/query?query={}", encode("ASK { ?s ?p ?o }")),
        &[("Accept", "application/sparql-results+json")],
        "",
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains("true"), "{}", reply.body);

    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(5000));
    let reply = http(
        addr,
        "POST",
        "/query",
        &[("Content-Type", "application/sparql-query")],
        &big,
    )?;
    assert_eq!(reply.status, 413, "{}", reply.body);

    // A build while serving: the store is not held by the server.
    build(dir.path())?;
    five_meetings(addr)?;

    let snapshots = || -> std::io::Result<Vec<String>> {
        Ok(std::fs::read_dir(dir.path())?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("store.serve-"))
            .collect())
    };
    let mine = snapshots()?;
    assert_eq!(mine.len(), 2, "the snapshot and its lock: {mine:?}");
    assert!(
        mine.iter()
            .all(|n| n.starts_with(&format!("store.serve-{pid}-"))),
        "{mine:?}"
    );
    if Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .is_ok_and(|s| s.success())
    {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = server.child.try_wait()? {
                break status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no graceful shutdown"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "{status}");
        assert!(snapshots()?.is_empty(), "{:?}", snapshots());
    }
    Ok(())
}

/// `--no-snapshot` serves the store in place: no copy beside it.
#[test]
fn serves_in_place_without_a_snapshot() -> Result {
    let (dir, server) = serve_with(&["--no-snapshot"])?;
    five_meetings(server.addr)?;
    let copies: Vec<_> = std::fs::read_dir(dir.path())?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".serve-"))
        .collect();
    assert!(copies.is_empty(), "{copies:?}");
    Ok(())
}

/// A worker killed while idle (by the OOM killer, say) is replaced and the
/// query still answered; a result over `--max-result-bytes` is refused with a
/// hint, and the slot survives it.
#[test]
fn dead_workers_are_replaced_and_big_results_refused() -> Result {
    let (_dir, server) = serve_with(&["--max-concurrent", "1", "--max-result-bytes", "20000"])?;
    let addr = server.addr;
    if let Some(before) = workers(server.child.id()) {
        let status = Command::new("kill")
            .args(["-KILL", &before[0].to_string()])
            .status()?;
        assert!(status.success());
        let start = Instant::now();
        while alive(before[0]) {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "the worker survived SIGKILL"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    } else {
        eprintln!("SKIPPED: no /proc, no worker to kill");
    }
    five_meetings(addr)?;
    let everything = format!("/query?query={}", encode("SELECT * WHERE { ?s ?p ?o }"));
    let reply = http(addr, "GET", &everything, &[("Accept", "text/csv")], "")?;
    assert_eq!(reply.status, 500, "{}", reply.body);
    assert!(reply.body.contains("LIMIT"), "{}", reply.body);
    five_meetings(addr)?;
    Ok(())
}

/// Reads one response (head, then `Content-Length` bytes of body) from a
/// connection that may stay open; a close after the head ends it too.
fn read_response(stream: &mut TcpStream) -> Result<String> {
    let mut raw = Vec::new();
    let mut chunk = [0; 4096];
    loop {
        let text = String::from_utf8_lossy(&raw).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if body.len() >= length {
                return Ok(text);
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(String::from_utf8_lossy(&raw).into_owned()),
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) if raw.is_empty() => return Err(e.into()),
            // Closed with a reset after the answer: what came is the reply.
            Err(_) => return Ok(String::from_utf8_lossy(&raw).into_owned()),
        }
    }
}

/// How long until the server closes `stream` (end of file or reset), counted
/// from `since`; an error if it is still open after `bound`.
fn closed_within(stream: &mut TcpStream, since: Instant, bound: Duration) -> Result<Duration> {
    stream.set_read_timeout(Some(bound))?;
    let mut byte = [0; 1];
    loop {
        match stream.read(&mut byte) {
            Ok(0) => return Ok(since.elapsed()),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return Err(format!("still open {:?} later", since.elapsed()).into());
            }
            Err(_) => return Ok(since.elapsed()),
        }
    }
}

/// A request announcing `Content-Length: 99999999999` with 5 bytes of body
/// waited 70 s with no answer: it gets 413 at once, before the body is read.
#[test]
fn a_huge_declared_content_length_gets_413_at_once() -> Result {
    // A body timeout longer than the read timeout below: only the declared
    // length can answer in time.
    let (_dir, server) = serve_with(&["--body-timeout", "60"])?;
    let mut stream = TcpStream::connect(server.addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let start = Instant::now();
    stream.write_all(
        b"POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n\
          Content-Length: 99999999999\r\n\r\nASK {",
    )?;
    let reply = read_response(&mut stream)?;
    let took = start.elapsed();
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    assert!(took < Duration::from_secs(10), "the 413 took {took:?}");
    eprintln!("413 after {took:?}");
    Ok(())
}

/// Connections were never closed: one that says nothing, one kept alive after
/// its answer and one sending its head a byte at a time stayed open for as
/// long as the client liked. They are closed after `--idle-timeout` (no
/// request) and `--header-timeout` (from a head's first byte).
#[test]
fn idle_and_slow_header_connections_are_closed_after_their_timeouts() -> Result {
    let (_dir, server) = serve_with(&["--idle-timeout", "1", "--header-timeout", "2"])?;
    let addr = server.addr;
    let bound = Duration::from_secs(20);

    let slow = std::thread::spawn(move || -> std::result::Result<Duration, String> {
        let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
        let start = Instant::now();
        let head = format!(
            "GET /query HTTP/1.1\r\nHost: {addr}\r\nX-Slow: {}",
            "a".repeat(500)
        );
        for byte in head.bytes() {
            if stream.write_all(&[byte]).is_err() {
                return Ok(start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(20) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "a head sent a byte at a time was still read after {:?}",
            start.elapsed()
        ))
    });

    let start = Instant::now();
    let mut silent = TcpStream::connect(addr)?;
    let took = closed_within(&mut silent, start, bound)?;
    assert!(took >= Duration::from_millis(900), "closed after {took:?}");
    eprintln!("a silent connection closed after {took:?}");

    let mut kept = TcpStream::connect(addr)?;
    kept.set_read_timeout(Some(bound))?;
    kept.write_all(
        format!(
            "GET /query?query={} HTTP/1.1\r\nHost: {addr}\r\n\r\n",
            encode("ASK {}")
        )
        .as_bytes(),
    )?;
    let reply = read_response(&mut kept)?;
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let answered = Instant::now();
    let took = closed_within(&mut kept, answered, bound)?;
    assert!(took >= Duration::from_millis(900), "closed after {took:?}");
    eprintln!("a kept-alive connection closed {took:?} after its answer");

    let took = slow.join().map_err(|_| "the slow client panicked")??;
    // Bytes kept coming, faster than the idle timeout: only the header
    // timeout closes it.
    assert!(took >= Duration::from_millis(1500), "closed after {took:?}");
    eprintln!("a slow head closed after {took:?}");

    // Nothing of this hurt the server.
    five_meetings(addr)?;
    Ok(())
}

/// Raises this process's soft open-file limit to at least `files`.
#[cfg(unix)]
fn raise_own_file_limit(files: libc::rlim_t) -> Result {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write this struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &raw mut limit) != 0 {
            return Err(std::io::Error::last_os_error().into());
        }
        if limit.rlim_cur < files {
            if limit.rlim_max < files {
                return Err(format!(
                    "this test needs {files} open files; the hard limit is {}",
                    limit.rlim_max
                )
                .into());
            }
            limit.rlim_cur = files;
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raw const limit) != 0 {
                return Err(std::io::Error::last_os_error().into());
            }
        }
    }
    Ok(())
}

/// Whether the server still holds this connection open.
fn held(stream: &TcpStream) -> bool {
    let mut byte = [0; 1];
    stream.set_nonblocking(true).is_ok()
        && matches!(stream.peek(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

/// With 128 files (`prlimit --nofile=128:128`), 150 idle connections made
/// `accept` fail with "Too many open files", logged in a loop, and every
/// query timed out until they closed. Now, with 256 files, 500 idle
/// connections and slow-header clients that reconnect when dropped leave a
/// query answered within its 10 s timeout (the longest idle connections are
/// shed to admit it), the warnings are not repeated in a loop, and the
/// server serves on once they go.
#[cfg(unix)]
#[test]
fn idle_and_slow_header_floods_do_not_lock_out_queries() -> Result {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    const IDLE: usize = 500;
    const SLOW: usize = 20;
    raise_own_file_limit((IDLE + SLOW + 200) as libc::rlim_t)?;
    let (dir, server) = serve_limited(&["--timeout", "10"], Some(256))?;
    let addr = server.addr;

    let stop = Arc::new(AtomicBool::new(false));
    let slowloris = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let head = b"GET /query HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".repeat(50);
            let mut clients: Vec<(Option<TcpStream>, usize)> =
                (0..SLOW).map(|_| (None, 0)).collect();
            let mut reconnects = 0;
            while !stop.load(Ordering::Relaxed) {
                for (stream, sent) in &mut clients {
                    if stream.is_none() {
                        *stream = TcpStream::connect(addr).ok();
                        *sent = 0;
                        reconnects += 1;
                    }
                    let alive = stream
                        .as_mut()
                        .is_some_and(|s| s.write_all(&head[*sent % head.len()..][..1]).is_ok());
                    *sent += 1;
                    if !alive {
                        *stream = None;
                    }
                }
                std::thread::sleep(Duration::from_millis(250));
            }
            reconnects - SLOW
        })
    };
    std::thread::sleep(Duration::from_millis(500));
    let idle = (0..IDLE)
        .map(|_| TcpStream::connect(addr))
        .collect::<std::io::Result<Vec<_>>>()?;

    for _ in 0..3 {
        let start = Instant::now();
        let reply = http(
            addr,
            "GET",
            &format!("/query?query={}", encode(SELECT)),
            &[("Accept", "text/csv")],
            "",
        )?;
        let took = start.elapsed();
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(reply.body.lines().count(), 6, "{}", reply.body);
        assert!(
            took < Duration::from_secs(10),
            "answered after {took:?}, beyond its timeout"
        );
        let open = idle.iter().filter(|s| held(s)).count();
        eprintln!("answered in {took:?} with {open} of the {IDLE} idle connections held open");
    }
    stop.store(true, Ordering::Relaxed);
    let reconnects = slowloris.join().map_err(|_| "the slow clients panicked")?;
    eprintln!("the slow clients were dropped and reconnected {reconnects} times");
    drop(idle);

    five_meetings(addr)?;
    let mut server = server;
    assert!(server.child.try_wait()?.is_none(), "the server stopped");
    let log = std::fs::read_to_string(dir.path().join("serve.log"))?;
    let warnings = log
        .lines()
        .filter(|l| l.contains("accept error") || l.contains("connections open"))
        .count();
    assert!(
        warnings <= 2,
        "{warnings} warnings about connections: {log}"
    );
    Ok(())
}

/// `--header-timeout` did nothing: with `--header-timeout 3 --idle-timeout
/// 20`, a request line then silence, half a request line and headers at a
/// byte a second were all closed at 20 s, as the connection's task slept
/// towards the idle deadline it saw before the head began. With a header
/// timeout of 1 s and an idle timeout of 60 s, each closes long before the
/// idle timeout.
#[test]
fn a_begun_head_closes_at_the_header_timeout_not_the_idle_one() -> Result {
    let (_dir, server) = serve_with(&["--header-timeout", "1", "--idle-timeout", "60"])?;
    let addr = server.addr;
    // Generous against a slow machine, far below the idle timeout.
    let bound = Duration::from_secs(30);
    let silent_after = |start: &[u8]| -> Result<Duration> {
        let mut stream = TcpStream::connect(addr)?;
        let since = Instant::now();
        stream.write_all(start)?;
        closed_within(&mut stream, since, bound)
    };
    let took = silent_after(b"GET /query HTTP/1.1\r\n")?;
    eprintln!("a request line then silence closed after {took:?}");
    let took = silent_after(b"GET /que")?;
    eprintln!("half a request line closed after {took:?}");

    let mut trickle = TcpStream::connect(addr)?;
    let since = Instant::now();
    let head = format!(
        "GET /query HTTP/1.1\r\nHost: {addr}\r\nX-Slow: {}",
        "a".repeat(200)
    );
    for byte in head.bytes() {
        if trickle.write_all(&[byte]).is_err() || since.elapsed() > bound {
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let took = closed_within(&mut trickle, since, Duration::from_secs(1))?;
    assert!(
        took < bound,
        "a trickled head was still read after {took:?}"
    );
    eprintln!("a head at four bytes a second closed after {took:?}");

    five_meetings(addr)?;
    Ok(())
}

/// `%FF` in a GET or form query was decoded to U+FFFD and the query ran
/// (here the byte sits in a comment, so the changed query still parses),
/// while the same bytes in an `application/sparql-query` body got 400. All
/// three get 400 saying the parameter is not UTF-8.
#[test]
fn percent_encoded_invalid_utf8_in_a_url_or_form_query_gets_400() -> Result {
    let (_dir, server) = serve()?;
    let addr = server.addr;
    let query = format!("{}%23%FF", encode("ASK {} "));
    let reply = http(addr, "GET", &format!("/query?query={query}"), &[], "")?;
    assert_eq!(reply.status, 400, "GET: {}", reply.body);
    assert!(reply.body.contains("not UTF-8"), "{}", reply.body);
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let reply = http(addr, "POST", "/query", &form, &format!("query={query}"))?;
    assert_eq!(reply.status, 400, "form: {}", reply.body);
    assert!(reply.body.contains("not UTF-8"), "{}", reply.body);
    let reply = http(
        addr,
        "GET",
        &format!(
            "/query?query={}&default-graph-uri=urn:x%FF",
            encode("ASK {}")
        ),
        &[],
        "",
    )?;
    assert_eq!(reply.status, 400, "graph IRI: {}", reply.body);
    // Valid percent-encoded UTF-8 still runs.
    let reply = http(
        addr,
        "GET",
        &format!("/query?query={}", encode("ASK {} #é")),
        &[],
        "",
    )?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    Ok(())
}

/// The longest request target hyper (through the `http` crate's `Uri`)
/// accepts; the README promised 256 KiB for a GET query and URLs over
/// about 64 KiB got 414. The limit is hyper's, not ours: the README now
/// states it, and this test holds the two together.
const LONGEST_URL: usize = 65_534;

#[test]
fn a_get_url_over_the_documented_limit_gets_414_and_one_within_it_is_answered() -> Result {
    let readme = std::fs::read_to_string(root().join("README.md"))?;
    assert!(
        readme.contains("65,534 bytes"),
        "the README does not state the GET URL limit of {LONGEST_URL} bytes"
    );
    let (_dir, server) = serve()?;
    let target = |len: usize| {
        let start = format!("/query?query={}", encode("ASK {} #"));
        format!("{start}{}", "x".repeat(len - start.len()))
    };
    let reply = http(server.addr, "GET", &target(LONGEST_URL), &[], "")?;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply = http(server.addr, "GET", &target(LONGEST_URL + 1), &[], "")?;
    assert_eq!(reply.status, 414, "{}", reply.body);
    Ok(())
}

/// `Content-Length: 1000` with an 18-byte body, then the end of the
/// stream, got 413 "larger than 786432 bytes": the body ended early, which
/// is 400 and says so.
#[test]
fn a_body_shorter_than_its_content_length_gets_400_not_413() -> Result {
    let (_dir, server) = serve()?;
    let mut stream = TcpStream::connect(server.addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(
        b"POST /query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\n\
          Content-Length: 1000\r\n\r\nASK { ?s ?p ?o }\r\n",
    )?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let reply = read_response(&mut stream)?;
    assert!(reply.starts_with("HTTP/1.1 400"), "{reply}");
    assert!(reply.contains("ended"), "{reply}");
    Ok(())
}
