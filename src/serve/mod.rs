//! `plankg serve`: the store over HTTP, for YASGUI, Python, R and the browser.
//!
//! The entry point is [`Server`] ([`Server::open`], then [`Server::spawn`] or
//! [`serve`] to block). It serves
//!
//! - the SPARQL 1.1 Protocol at `/query` (alias `/sparql`) and `/update`, and
//!   the Graph Store Protocol at `/store`, laid out as Oxigraph's own server
//!   does ([`protocol`]);
//! - a web page at `/` to run the shipped queries and one's own, with pages for
//!   the plans and for each concept ([`pages`], assets embedded in the binary).
//!
//! The store is opened once and shared by every connection: read-only (a shared
//! lock, so `plankg ingest` into it fails with "locked") unless
//! [`ServeOptions::writable`] (the exclusive lock; SPARQL Update and Graph Store
//! writes then go through the server, one at a time, each in one transaction).
//! Queries run on snapshots, so readers never wait for each other or for a
//! writer. The only module that knows the HTTP server (oxhttp).

mod pages;
mod protocol;

use std::ffi::OsString;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use oxhttp::model::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    ACCESS_CONTROL_MAX_AGE, ALLOW, CONTENT_TYPE,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};

use crate::store::{PlanStore, StoreError};

/// Settings of [`Server`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The store's directory.
    pub store: PathBuf,
    /// Where to listen; port 0 picks a free port.
    pub bind: SocketAddr,
    /// Accept SPARQL Update and Graph Store writes (the store is then opened
    /// for writing, which locks other writers out).
    pub writable: bool,
    /// Allow a non-loopback `bind` address.
    pub public: bool,
    /// Answer cross-origin requests (`Access-Control-Allow-Origin: *`), for
    /// YASGUI and other pages served elsewhere.
    pub cors: bool,
    /// Give up on a query or update after this long (503).
    pub timeout: Duration,
    /// Return at most this many solutions or triples per query; more are cut off
    /// and the response says so in `X-SPARQL-MaxRows`.
    pub max_rows: usize,
    /// Refuse request bodies larger than this (413).
    pub max_body_bytes: u64,
    /// Serve at most this many connections at once (one thread each).
    pub max_connections: usize,
    /// The Graphviz program for the diagrams of the pages.
    pub dot_program: OsString,
    /// Print one line per request on standard error.
    pub log: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            store: PathBuf::from("plankg-store"),
            bind: SocketAddr::from(([127, 0, 0, 1], DEFAULT_PORT)),
            writable: false,
            public: false,
            cors: false,
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_body_bytes: 16 << 20,
            max_connections: 64,
            dot_program: "dot".into(),
            log: true,
        }
    }
}

/// The port `plankg serve` listens on by default (Oxigraph's is 7878).
pub const DEFAULT_PORT: u16 = 7879;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The store could not be opened (missing, locked by an ingest, …).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The address is not a loopback address and `--public` was not given.
    #[error("{addr} is reachable from other machines")]
    NotLoopback { addr: SocketAddr },
    /// Listening on the address failed.
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

impl ServeError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ServeError::Store(e) => e.hint(),
            ServeError::NotLoopback { .. } => Some(
                "bind 127.0.0.1 (the default), or add --public to serve other machines on purpose",
            ),
            ServeError::Bind { .. } => {
                Some("another program may use the port: pick another with --bind 127.0.0.1:PORT")
            }
        }
    }
}

/// The state every request handler shares.
pub(crate) struct State {
    pub(crate) store: PlanStore,
    pub(crate) options: ServeOptions,
    /// Writes go one at a time; reads never take it.
    pub(crate) write_lock: Mutex<()>,
}

/// A server over one store, ready to listen.
pub struct Server {
    state: Arc<State>,
}

/// A server listening in background threads.
pub struct Running {
    addr: SocketAddr,
    listening: oxhttp::ListeningServer,
}

impl Running {
    /// The address it listens on (with the port chosen when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks for as long as the server runs.
    pub fn join(self) -> std::io::Result<()> {
        self.listening.join()
    }
}

impl Server {
    /// Checks the options and opens the store: read-only (a shared lock) or,
    /// with `writable`, for writing (the exclusive lock).
    pub fn open(options: &ServeOptions) -> Result<Server, ServeError> {
        if !options.bind.ip().is_loopback() && !options.public {
            return Err(ServeError::NotLoopback { addr: options.bind });
        }
        let store = if options.writable {
            PlanStore::open(&options.store)?
        } else {
            PlanStore::open_read_only(&options.store)?
        };
        Ok(Server {
            state: Arc::new(State {
                store,
                options: options.clone(),
                write_lock: Mutex::new(()),
            }),
        })
    }

    /// Answers one request, as the listening threads do (no network involved).
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        handle(&self.state, request)
    }

    /// Starts listening in background threads.
    pub fn spawn(self) -> Result<Running, ServeError> {
        let options = &self.state.options;
        let addr = resolve_port(options.bind)?;
        let state = Arc::clone(&self.state);
        let listening = oxhttp::Server::new(move |request| handle(&state, request))
            .bind(addr)
            .with_server_name(concat!("plankg/", env!("CARGO_PKG_VERSION")))
            .expect("a valid header value")
            // Reading or writing a socket that long means the peer is gone.
            .with_global_timeout(options.timeout.max(Duration::from_secs(60)))
            .with_max_concurrent_connections(options.max_connections)
            .spawn()
            .map_err(|source| ServeError::Bind { addr, source })?;
        Ok(Running { addr, listening })
    }
}

/// Serves until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<(), ServeError> {
    let running = Server::open(options)?.spawn()?;
    let addr = running.addr();
    running
        .join()
        .map_err(|source| ServeError::Bind { addr, source })
}

/// Port 0 asks for a free port: find one, since the listener is bound later.
fn resolve_port(addr: SocketAddr) -> Result<SocketAddr, ServeError> {
    if addr.port() != 0 {
        return Ok(addr);
    }
    TcpListener::bind(addr)
        .and_then(|listener| listener.local_addr())
        .map_err(|source| ServeError::Bind { addr, source })
}

/// How many rows a response carried, for the log line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rows(pub(crate) usize);

fn handle(state: &State, request: &mut Request<Body>) -> Response<Body> {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| route(state, request)));
    let mut response = response.unwrap_or_else(|_| {
        text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error: the request made plankg fail; see the server's log",
        )
    });
    if state.options.cors {
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        headers.insert(
            ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("X-SPARQL-MaxRows"),
        );
    }
    if state.options.log {
        let rows = response
            .extensions()
            .get::<Rows>()
            .map(|r| format!(" {} rows", r.0))
            .unwrap_or_default();
        let cut = if response.headers().contains_key("x-sparql-maxrows") {
            " (cut at --max-rows)"
        } else {
            ""
        };
        let line = format!(
            "{} {method} {path} {} {}ms{rows}{cut}\n",
            humantime::format_rfc3339_seconds(SystemTime::now()),
            response.status().as_u16(),
            started.elapsed().as_millis(),
        );
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
    if method == Method::HEAD {
        *response.body_mut() = Body::empty();
    }
    response
}

fn route(state: &State, request: &mut Request<Body>) -> Response<Body> {
    let path = request.uri().path().to_owned();
    if request.method() == Method::OPTIONS {
        return preflight(state, &path);
    }
    match path.as_str() {
        "/query" | "/sparql" => protocol::query(state, request),
        "/update" => protocol::update(state, request),
        "/store" => protocol::graph_store(state, request),
        _ if !matches!(*request.method(), Method::GET | Method::HEAD) => text(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("{} only answers GET", path),
        ),
        _ => pages::page(state, request),
    }
}

/// `OPTIONS`: the methods a path takes, and CORS preflight answers when enabled.
fn preflight(state: &State, path: &str) -> Response<Body> {
    let methods = match path {
        "/query" | "/sparql" => "GET, HEAD, POST, OPTIONS",
        "/update" => "POST, OPTIONS",
        "/store" => "GET, HEAD, PUT, POST, DELETE, OPTIONS",
        _ => "GET, HEAD, OPTIONS",
    };
    let mut response = Response::builder()
        .status(StatusCode::NO_CONTENT)
        .header(ALLOW, methods);
    if state.options.cors {
        // No Access-Control-Allow-Methods: oxhttp 0.3 drops that header, so
        // browsers allow the CORS-safelisted GET, HEAD and POST only (queries,
        // and updates by POST), not cross-origin PUT or DELETE.
        response = response
            .header(
                ACCESS_CONTROL_ALLOW_HEADERS,
                "Accept, Authorization, Content-Type",
            )
            .header(ACCESS_CONTROL_MAX_AGE, "86400")
            // Chromium asks before a public page (YASGUI's) reaches a loopback server.
            .header("access-control-allow-private-network", "true");
    }
    response.body(Body::empty()).expect("valid response")
}

/// A plain-text response.
pub(crate) fn text(status: StatusCode, message: &str) -> Response<Body> {
    let mut body = message.to_owned();
    body.push('\n');
    bytes(status, "text/plain; charset=utf-8", body.into_bytes())
}

/// A response with a body of some type.
pub(crate) fn bytes(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("valid response")
}

/// The decoded `key=value` pairs of a URL's query string or a form body.
pub(crate) fn form_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded).into_owned().collect()
}

/// The request's query-string parameters.
pub(crate) fn url_params(request: &Request<Body>) -> Vec<(String, String)> {
    form_pairs(request.uri().query().unwrap_or_default().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(bind: &str, public: bool, refused: bool) {
        let options = ServeOptions {
            bind: bind.parse().unwrap(),
            public,
            store: PathBuf::from("/nonexistent/plankg-store"),
            ..ServeOptions::default()
        };
        let result = Server::open(&options);
        assert_eq!(
            matches!(result, Err(ServeError::NotLoopback { .. })),
            refused,
            "{bind} public={public}"
        );
    }

    #[test]
    fn only_loopback_without_public() {
        check("127.0.0.1:7879", false, false);
        check("[::1]:7879", false, false);
        check("0.0.0.0:7879", false, true);
        check("192.168.1.2:7879", false, true);
        check("0.0.0.0:7879", true, false);
    }
}
