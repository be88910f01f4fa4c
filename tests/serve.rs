//! End to end: `stele serve` on a fixture site — loopback only, edits reach the browser
//! through the reload stream, a broken edit keeps the last good site with the problem shown,
//! no path leaves the output, and the server survives many clients and rude ones.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::*;

/// A running `stele serve`, stopped when dropped.
struct Server {
    child: Child,
    address: SocketAddr,
    _site: tempfile::TempDir,
    site_path: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let site = mini_site();
    let site_path = site.path().to_path_buf();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("stele"))
        .args(["serve", "--port", "0", "--site"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("stele serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("the server says where it listens");
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let address: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("an address");
    Server {
        child,
        address,
        _site: site,
        site_path,
    }
}

/// A raw HTTP/1.1 GET, so paths reach the server exactly as written.
fn get(address: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, response)
}

fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_every_locale_on_loopback_only() {
    let server = start();
    assert!(server.address.ip().is_loopback());
    let (status, page) = get(server.address, "/nl/releases/widget-1/");
    assert_eq!(status, 200);
    assert!(page.contains("eindigt in april 2023"), "{page}");
    assert!(
        page.contains("tower-livereload"),
        "no reload script:\n{page}"
    );
    let (status, page) = get(server.address, "/en/releases/widget-1/index.html");
    assert_eq!(status, 200);
    assert!(page.contains("April 2023"));
    let (status, css) = get(server.address, "/static/site.css");
    assert_eq!(status, 200);
    assert!(css.contains("text/css"));
    assert_eq!(get(server.address, "/nowhere/").0, 404);
}

#[test]
fn no_path_leaves_the_output() {
    let server = start();
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2e%2e%2f%2e%2e%2fcontent%2fsite.yaml",
        "/..%5c..%5cCargo.toml",
        "/content/site.yaml",
    ] {
        let (status, body) = get(server.address, path);
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("root:"), "{path}");
        assert!(!body.contains("source_locale"), "{path}");
    }
}

#[test]
fn an_edit_reloads_and_a_broken_edit_keeps_the_last_good_site() {
    let server = start();
    // A client listening for reloads, as the injected script does.
    let mut events = TcpStream::connect(server.address).expect("connect");
    write!(
        events,
        "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    events
        .set_read_timeout(Some(Duration::from_secs(15)))
        .expect("timeout");
    let mut first = [0u8; 256];
    let received = events.read(&mut first).expect("stream headers");
    assert!(String::from_utf8_lossy(&first[..received]).contains("200"));

    let data = server.site_path.join("content/data/products.yaml");
    write(&data, &read(&data).replace("\"2023-04\"", "\"2024-05\""));
    wait_until("the edit to show in every locale", || {
        get(server.address, "/nl/releases/widget-1/")
            .1
            .contains("mei 2024")
            && get(server.address, "/en/releases/widget-1/")
                .1
                .contains("May 2024")
    });
    let mut event = [0u8; 256];
    let read = events.read(&mut event).expect("a reload event");
    assert!(read > 0);

    write(&data, "releases: [\n");
    wait_until("the problem to show", || {
        get(server.address, "/nl/releases/widget-1/")
            .1
            .contains("stele-problems")
    });
    let (status, page) = get(server.address, "/nl/releases/widget-1/");
    assert_eq!(status, 200);
    assert!(page.contains("mei 2024"), "the last good site is gone");
    assert!(page.contains("content/data/products.yaml:1:"), "{page}");
}

#[test]
fn survives_a_thousand_concurrent_requests_and_rude_clients() {
    let server = start();
    let address = server.address;
    // Clients that leave mid-stream or mid-request.
    for _ in 0..20 {
        let mut rude = TcpStream::connect(address).expect("connect");
        let _ = write!(
            rude,
            "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: x\r\n\r\n"
        );
        drop(rude);
        let mut half = TcpStream::connect(address).expect("connect");
        let _ = write!(half, "GET /en/ HTT");
        drop(half);
    }
    let barrier = Arc::new(Barrier::new(1000));
    let clients: Vec<_> = (0..1000)
        .map(|index| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                let path = match index % 3 {
                    0 => "/en/",
                    1 => "/nl/guide/",
                    _ => "/static/site.css",
                };
                get(address, path).0
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .map(|client| client.join().expect("client thread"))
        .collect();
    assert!(statuses.iter().all(|status| *status == 200), "{statuses:?}");
    assert_eq!(get(address, "/en/").0, 200, "the server is still up");
}

/// Sends `request` as written and reads the whole answer (the server closes the connection).
fn raw(address: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn status_of(response: &str) -> u16 {
    response
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0)
}

/// The value of a response header, by name in any case.
fn header_of<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response
        .split("\r\n\r\n")
        .next()?
        .lines()
        .skip(1)
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
}

#[test]
fn only_get_and_head() {
    let server = start();
    let port = server.address.port();
    for method in [
        "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND",
    ] {
        let response = raw(
            server.address,
            &format!(
                "{method} /en/ HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(status_of(&response), 405, "{method}: {response}");
        assert_eq!(header_of(&response, "allow"), Some("GET, HEAD"), "{method}");
        assert_eq!(
            header_of(&response, "x-content-type-options"),
            Some("nosniff")
        );
    }
    let connect = raw(
        server.address,
        &format!("CONNECT localhost:{port} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"),
    );
    assert_ne!(status_of(&connect), 200, "{connect}");
    let head = raw(
        server.address,
        &format!("HEAD /en/ HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(status_of(&head), 200, "{head}");
    assert_eq!(
        header_of(&head, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(head.ends_with("\r\n\r\n"), "HEAD has no body: {head}");
}

#[test]
fn only_loopback_host_names() {
    let server = start();
    let port = server.address.port();
    for host in [
        "attacker.example".to_string(),
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("192.168.1.10:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        String::new(),
    ] {
        let response = raw(
            server.address,
            &format!("GET /en/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status_of(&response), 421, "{host:?}: {response}");
        assert!(
            !response.contains("<html"),
            "{host:?}: no page for a foreign host"
        );
        assert_eq!(
            header_of(&response, "x-content-type-options"),
            Some("nosniff")
        );
    }
    let no_host = raw(server.address, "GET /en/ HTTP/1.0\r\n\r\n");
    assert_eq!(status_of(&no_host), 421, "{no_host}");
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("127.0.0.2:{port}"),
        format!("[::1]:{port}"),
    ] {
        let response = raw(
            server.address,
            &format!("GET /en/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status_of(&response), 200, "{host}: {response}");
    }
}

#[test]
fn every_response_says_nosniff_and_its_type() {
    let server = start();
    let port = server.address.port();
    for (path, status, kind) in [
        ("/en/", 200, "text/html; charset=utf-8"),
        ("/static/site.css", 200, "text/css; charset=utf-8"),
        ("/sitemap.xml", 200, "text/xml; charset=utf-8"),
        ("/nope/", 404, "text/html; charset=utf-8"),
        ("/%2e%2e/Cargo.toml", 404, "text/html; charset=utf-8"),
    ] {
        let response = raw(
            server.address,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status_of(&response), status, "{path}: {response}");
        assert_eq!(header_of(&response, "content-type"), Some(kind), "{path}");
        assert_eq!(
            header_of(&response, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
    // The reload stream too.
    let mut stream = TcpStream::connect(server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET /_tower-livereload/event-stream HTTP/1.1\r\nHost: localhost:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let mut head = String::new();
    let mut reader = BufReader::new(stream);
    while reader.read_line(&mut head).is_ok_and(|read| read > 0) && !head.ends_with("\r\n\r\n") {}
    assert_eq!(header_of(&head, "x-content-type-options"), Some("nosniff"));
    assert!(
        header_of(&head, "content-type").is_some_and(|kind| kind.starts_with("text/event-stream")),
        "{head}"
    );
}

/// Whether the server closes a connection on which the client sent `sent` and then
/// stalled (the client waits far longer than the server's header timeout).
fn dropped_after(address: SocketAddr, sent: &str) -> bool {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    stream.write_all(sent.as_bytes()).expect("send");
    let mut buffer = [0u8; 512];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            // A 408 answer before closing is fine too.
            Ok(_) => continue,
            Err(error) => {
                return error.kind() == std::io::ErrorKind::ConnectionReset;
            }
        }
    }
}

#[test]
fn stalled_clients_are_dropped() {
    let server = start();
    let port = server.address.port();
    let stalls = [
        String::new(),
        "G".to_string(),
        "GET /en/ HTTP/1.1\r\n".to_string(),
        format!("GET /en/ HTTP/1.1\r\nHost: localhost:{port}\r\n"),
        format!("GET /en/ HTTP/1.1\r\nHost: localhost:{port}\r\nX-Slow: aaaa"),
        // A kept-alive connection that never sends its next request.
        format!("GET /en/ HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"),
    ];
    let clients: Vec<_> = stalls
        .into_iter()
        .map(|sent| {
            let address = server.address;
            std::thread::spawn(move || (dropped_after(address, &sent), sent))
        })
        .collect();
    for client in clients {
        let (dropped, sent) = client.join().expect("client thread");
        assert!(dropped, "a client that sent {sent:?} and stalled was kept");
    }
    assert_eq!(get(server.address, "/en/").0, 200, "the server is still up");
}
