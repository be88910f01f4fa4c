//! The `serve` command: the built site kept in memory and served on 127.0.0.1 only. Edits
//! to content, locales or themes rebuild it; open pages reload by themselves (server-sent
//! events, reconnecting). A broken edit keeps the last good site and shows its diagnostics
//! over every page until it is fixed.
//!
//! Files are answered from the in-memory map of the build, never from disk, so no request
//! path (encoded `..`, symlinks) can reach a file outside the site's output.
//!
//! Only `GET` and `HEAD` are answered, only for a loopback `Host` (a web page elsewhere
//! cannot reach the server through a DNS name that resolves to 127.0.0.1), every response
//! says `X-Content-Type-Options: nosniff`, and a client that does not send its request
//! headers within a few seconds is dropped.

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode, Uri, header};
use axum::middleware::Next;
use notify_debouncer_full::notify::RecursiveMode;
use tower_livereload::LiveReloadLayer;

use crate::diagnostics::{self, Diagnostic, Style};
use crate::load::config::Overrides;
use crate::load::discover::{LOCALES_DIR, THEMES_DIR};
use crate::output::escape;
use crate::pipeline::live::{Live, Update};
use crate::pipeline::{Assembled, add_search, assemble_into};
use crate::render::OutputFile;

/// What the server answers with: the last good build, and the problems of the latest edit.
#[derive(Default)]
pub(crate) struct Served {
    files: HashMap<String, Arc<[u8]>>,
    problems: Option<String>,
    /// The last good build; an edit renders only the pages whose inputs it touched.
    live: Option<Live>,
}

impl Served {
    /// Replaces the files with a new build's; files it carried over keep their bytes.
    fn replace(&mut self, files: Vec<OutputFile>) {
        let mut old = std::mem::take(&mut self.files);
        self.files = files
            .into_iter()
            .filter_map(|file| {
                let bytes = match file.content.into_bytes() {
                    Some(bytes) => Arc::from(bytes),
                    None => old.remove(&file.path)?,
                };
                Some((file.path, bytes))
            })
            .collect();
        self.problems = None;
    }

    /// Takes in the files an edit changed.
    fn update(&mut self, update: Update) {
        for file in update.files {
            if let Some(bytes) = file.content.into_bytes() {
                self.files.insert(file.path, Arc::from(bytes));
            }
        }
        self.problems = None;
    }

    /// The answer for a request path, as (status, content type, body).
    pub(crate) fn answer(&self, raw_path: &str) -> (StatusCode, String, Vec<u8>) {
        let Some(path) = clean_path(raw_path) else {
            return self.not_found();
        };
        let candidates = if path.is_empty() || path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![path.clone(), format!("{path}/index.html")]
        };
        for candidate in candidates {
            if let Some(bytes) = self.files.get(&candidate) {
                let mime = mime_guess::from_path(&candidate)
                    .first_or_octet_stream()
                    .to_string();
                let mime = if mime.starts_with("text/") {
                    format!("{mime}; charset=utf-8")
                } else {
                    mime
                };
                return (StatusCode::OK, mime.clone(), self.decorate(&mime, bytes));
            }
        }
        self.not_found()
    }

    fn not_found(&self) -> (StatusCode, String, Vec<u8>) {
        let mime = "text/html; charset=utf-8".to_string();
        let body = match self.files.get("404.html") {
            Some(bytes) => self.decorate(&mime, bytes),
            None => self.decorate(&mime, b"<!DOCTYPE html><title>404</title><h1>404</h1>"),
        };
        (StatusCode::NOT_FOUND, mime, body)
    }

    /// HTML gets the current problems laid over it, so a broken edit is seen at once.
    fn decorate(&self, mime: &str, bytes: &[u8]) -> Vec<u8> {
        let Some(problems) = &self.problems else {
            return bytes.to_vec();
        };
        if !mime.starts_with("text/html") {
            return bytes.to_vec();
        }
        let overlay = format!(
            "<div id=\"stele-problems\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;\
             overflow:auto;z-index:2147483647;margin:0;padding:1rem;background:#1e1e1e;\
             color:#f5f5f5;border-top:4px solid #e5484d;font:13px/1.4 ui-monospace,monospace\">\
             <strong>stele: the last edit does not build; showing the last good site.</strong>\
             <pre style=\"white-space:pre-wrap\">{}</pre></div>",
            escape(problems)
        );
        let text = String::from_utf8_lossy(bytes);
        let decorated = match text.rfind("</body>") {
            Some(index) => format!("{}{overlay}{}", &text[..index], &text[index..]),
            None => format!("{text}{overlay}"),
        };
        decorated.into_bytes()
    }
}

/// Decodes and normalises a request path; `None` for anything that tries to climb.
fn clean_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let trailing = decoded.ends_with('/');
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if trailing && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

/// Options of `stele serve`.
pub struct ServeOptions {
    pub site: PathBuf,
    pub port: u16,
    pub open: bool,
    /// `--base-url`, `--drafts`.
    pub overrides: Overrides,
}

/// Runs the server until interrupted.
pub fn serve(options: ServeOptions) -> Result<(), String> {
    let state = Arc::new(RwLock::new(Served::default()));
    let root = options.site.clone();
    let overrides = Arc::new(options.overrides.clone());
    rebuild(&root, &state, &[], &overrides);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the server: {error}"))?;
    runtime.block_on(async move {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
        let listener = listen(address)
            .map_err(|error| format!("cannot listen on {address}: {error}; try --port"))?;
        let bound = listener
            .local_addr()
            .map_err(|error| format!("cannot read the server address: {error}"))?;
        let livereload =
            LiveReloadLayer::new().request_predicate(|request: &axum::http::Request<_>| {
                // The health page and assets need no reload script.
                !request.uri().path().starts_with("/static/")
            });
        let reloader = livereload.reloader();
        let watcher_state = state.clone();
        let watch_root = root.clone();
        let _watcher = watch(&root, move |changed| {
            eprintln!("{} changed; rebuilding…", describe(&changed));
            // Success or not, open pages reload: to the new site, or to the last good one
            // with the problems laid over it.
            rebuild(&watch_root, &watcher_state, &changed, &overrides);
            reloader.reload();
        })?;
        let app_state = state.clone();
        let app = Router::new()
            .fallback(move |uri: Uri| {
                let state = app_state.clone();
                async move { respond(&state, &uri) }
            })
            .layer(livereload)
            .layer(axum::middleware::from_fn_with_state(bound.port(), guard));
        let url = format!("http://{bound}/");
        println!("Serving {} at {url} (press Ctrl+C to stop)", root.display());
        if options.open {
            open_browser(&url);
        }
        accept(listener, app).await;
        Ok(())
    })
}

/// How long a client may take to send its request headers (each request's, on a kept-alive
/// connection too) before the connection is closed.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(3);

/// Serves connections until Ctrl+C, each as HTTP/1.1 with [`HEADER_TIMEOUT`].
async fn accept(listener: tokio::net::TcpListener, app: Router) {
    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or a connection reset before it was accepted:
                // the listener itself is fine, so wait a moment and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            // A client that goes away or times out ends only its own connection.
            let _ = builder
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Refuses what a local dev server has no business answering, and marks every response
/// `nosniff` (with a content type on each).
async fn guard(State(port): State<u16>, request: Request, next: Next) -> Response<Body> {
    let mut response = if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        response
    } else if !loopback_host(request.headers(), request.uri(), port) {
        plain(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only requests for localhost, 127.0.0.1 or [::1]\n",
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if !headers.contains_key(header::CONTENT_TYPE) {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/octet-stream"),
        );
    }
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Whether a request names this server by a loopback name or address, on its own port:
/// `localhost`, a `.localhost` name, `127.x.y.z` or `[::1]`. The `Host` header is required
/// (HTTP/1.1), once (RFC 9112 answers two with 400: a proxy may read the other one); an
/// absolute request URI must agree with it.
fn loopback_host(headers: &HeaderMap, uri: &Uri, port: u16) -> bool {
    let mut hosts = headers.get_all(header::HOST).iter();
    let (Some(host), None) = (hosts.next(), hosts.next()) else {
        return false;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    if let Some(authority) = uri.authority()
        && !authority.as_str().eq_ignore_ascii_case(host)
    {
        return false;
    }
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, digits)) if !name.is_empty() && !digits.contains(']') => (name, Some(digits)),
        _ => (host, None),
    };
    if let Some(digits) = given_port
        && digits.parse::<u16>().ok() != Some(port)
    {
        return false;
    }
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") || name == "[::1]" {
        return true;
    }
    name.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// A listener with a deep accept queue: a page load fans out into many requests, and the
/// default queue of 1,024 connections drops clients when hundreds arrive at once.
fn listen(address: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(4096)
}

fn respond(state: &RwLock<Served>, uri: &Uri) -> Response<Body> {
    let served = state.read().unwrap_or_else(|e| e.into_inner());
    let (status, mime, body) = served.answer(uri.path());
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(&mime) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Builds the site in memory; on success replaces what is served, on failure keeps it and
/// records the problems. `changed` are the files edited since the last build (empty for
/// the first): an edit of data values alone takes the shortcut of [`Live`]. Returns whether
/// the build succeeded.
pub(crate) fn rebuild(
    root: &Path,
    state: &RwLock<Served>,
    changed: &[PathBuf],
    overrides: &Overrides,
) -> bool {
    // A bug that panics must not stop the server: the last good site stays served, the
    // panic is shown over it, and the next edit rebuilds from scratch.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rebuild_once(root, state, changed, overrides)
    })) {
        Ok(built) => built,
        Err(_) => {
            let problem = Diagnostic::error(
                crate::diagnostics::Code::IoError,
                crate::load::discover::CONFIG_FILE,
                "internal error while rebuilding (a bug in Stele; see the terminal)",
            )
            .help("the last good site is still served; the next edit rebuilds everything");
            show_problems(root, state, vec![problem], None);
            false
        }
    }
}

fn rebuild_once(
    root: &Path,
    state: &RwLock<Served>,
    changed: &[PathBuf],
    overrides: &Overrides,
) -> bool {
    let started = Instant::now();
    let first = changed.is_empty();
    // The last build lives in the state, but the lock must not be held while building, or
    // requests would wait for the whole rebuild.
    let mut live = {
        let mut served = state.write().unwrap_or_else(|e| e.into_inner());
        served.live.take()
    };
    if let Some(current) = &mut live {
        match current.apply_data_edit(changed) {
            Some(Ok(update)) => {
                let rendered = update.rendered;
                let files = update.files.len();
                let mut served = state.write().unwrap_or_else(|e| e.into_inner());
                served.update(update);
                served.live = live;
                eprintln!(
                    "Rebuilt {rendered} pages ({files} files changed) in {} ms",
                    started.elapsed().as_millis()
                );
                return true;
            }
            Some(Err(problems)) => {
                show_problems(root, state, problems, live);
                return false;
            }
            None => {}
        }
    }
    let record = live.as_ref().map(|live| &live.record);
    let assembled =
        assemble_into(root, false, false, record, None, overrides).and_then(|mut assembled| {
            let served = state.read().unwrap_or_else(|e| e.into_inner());
            add_search(&mut assembled, record, |file| {
                served
                    .files
                    .get(&file.path)
                    .map(|bytes| bytes.to_vec())
                    .ok_or_else(|| std::io::Error::other("not in the last build"))
            })?;
            Ok(assembled)
        });
    match assembled {
        Ok(assembled) => {
            let Assembled {
                files,
                pages,
                locales,
                rendered,
                check_warnings,
                record,
                site,
                ..
            } = assembled;
            let count = files.len();
            let next = Live::new(site, record, check_warnings, &files);
            let mut served = state.write().unwrap_or_else(|e| e.into_inner());
            served.replace(files);
            served.live = Some(next);
            eprintln!(
                "{} {pages} pages × {locales} locales ({count} files, {rendered} rendered) in {} ms",
                if first { "Built" } else { "Rebuilt" },
                started.elapsed().as_millis()
            );
            true
        }
        Err(problems) => {
            show_problems(root, state, problems, live);
            false
        }
    }
}

/// Lays the problems of a broken edit over the last good site, which stays served.
fn show_problems(
    root: &Path,
    state: &RwLock<Served>,
    mut problems: Vec<Diagnostic>,
    live: Option<Live>,
) {
    diagnostics::sort(&mut problems);
    let text = render_problems(&problems, root);
    eprintln!("{text}");
    let mut served = state.write().unwrap_or_else(|e| e.into_inner());
    served.live = live;
    served.problems = Some(text);
}

fn render_problems(problems: &[Diagnostic], root: &Path) -> String {
    problems
        .iter()
        .map(|problem| diagnostics::render_human(problem, root, Style::Plain))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Watches the site's sources and calls `changed` with the paths of each settled burst of
/// edits. The returned debouncer must be kept alive.
fn watch(
    root: &Path,
    changed: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    String,
> {
    let (sender, receiver) = std::sync::mpsc::channel();
    // Editors save in a burst of events within a few milliseconds; waiting longer than that
    // only delays the page reload.
    let mut debouncer =
        notify_debouncer_full::new_debouncer(Duration::from_millis(20), None, sender)
            .map_err(|error| format!("cannot watch the site for changes: {error}"))?;
    for folder in ["content", LOCALES_DIR, THEMES_DIR] {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|error| format!("cannot watch {}: {error}", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        for result in receiver {
            let Ok(events) = result else { continue };
            // Reading files during a rebuild raises access events; only real edits count.
            let mut paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|event| is_edit(&event.event.kind))
                .flat_map(|event| event.event.paths)
                .collect();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                changed(paths);
            }
        }
    });
    Ok(debouncer)
}

fn is_edit(kind: &notify_debouncer_full::notify::EventKind) -> bool {
    use notify_debouncer_full::notify::EventKind;
    use notify_debouncer_full::notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

fn describe(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
        [] => "nothing".to_string(),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; visit {url}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn served() -> Served {
        let mut served = Served::default();
        served.replace(vec![
            OutputFile::new(
                "index.html".into(),
                b"<html><body>home</body></html>".to_vec(),
            ),
            OutputFile::new(
                "nl/roadmap/index.html".into(),
                b"<html><body>nl</body></html>".to_vec(),
            ),
            OutputFile::new("static/style.css".into(), b"body{}".to_vec()),
        ]);
        served
    }

    #[test]
    fn paths_resolve_to_files_and_folders() {
        let served = served();
        assert_eq!(served.answer("/").0, StatusCode::OK);
        assert_eq!(
            served.answer("/nl/roadmap/").2,
            b"<html><body>nl</body></html>"
        );
        assert_eq!(served.answer("/nl/roadmap").0, StatusCode::OK);
        let (status, mime, _) = served.answer("/static/style.css");
        assert_eq!(status, StatusCode::OK);
        assert_eq!(mime, "text/css; charset=utf-8");
        assert_eq!(served.answer("/nope").0, StatusCode::NOT_FOUND);
    }

    #[test]
    fn climbing_paths_are_not_found() {
        let served = served();
        for path in [
            "/../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/static/..%2f..%2fCargo.toml",
            "/nl/%00",
            "/..\\..\\x",
        ] {
            assert_eq!(served.answer(path).0, StatusCode::NOT_FOUND, "{path}");
        }
    }

    #[test]
    fn only_loopback_hosts_on_this_port() {
        let uri: Uri = "/".parse().unwrap();
        let host = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_str(value).unwrap());
            loopback_host(&headers, &uri, 4000)
        };
        for good in [
            "localhost",
            "localhost:4000",
            "LOCALHOST:4000",
            "localhost.",
            "app.localhost:4000",
            "127.0.0.1",
            "127.0.0.1:4000",
            "127.1.2.3:4000",
            "[::1]",
            "[::1]:4000",
        ] {
            assert!(host(good), "{good}");
        }
        for bad in [
            "attacker.example",
            "attacker.example:4000",
            "localhost.attacker.example",
            "127.0.0.1.nip.io:4000",
            "localhost:4001",
            "127.0.0.1:80",
            "10.0.0.1:4000",
            "0.0.0.0:4000",
            "[::2]:4000",
            "[::ffff:7f00:1]:4000",
            "",
            ":4000",
        ] {
            assert!(!host(bad), "{bad}");
        }
        assert!(!loopback_host(&HeaderMap::new(), &uri, 4000), "no Host");
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("localhost:4000"));
        let absolute: Uri = "http://attacker.example:4000/".parse().unwrap();
        assert!(!loopback_host(&headers, &absolute, 4000));
        headers.append(header::HOST, HeaderValue::from_static("attacker.example"));
        assert!(!loopback_host(&headers, &uri, 4000), "two Host headers");
    }

    #[test]
    fn problems_are_laid_over_html_only() {
        let mut served = served();
        served.problems = Some("error[syntax-error]: <bad>".into());
        let page = String::from_utf8(served.answer("/").2).unwrap();
        assert!(page.contains("stele-problems"));
        assert!(page.contains("&lt;bad&gt;"));
        assert!(page.ends_with("</body></html>"));
        assert_eq!(served.answer("/static/style.css").2, b"body{}");
    }
}
