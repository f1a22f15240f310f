//! `plankg publish` and `plankg query --endpoint`: plans into another store over
//! the Graph Store Protocol and queries back over the SPARQL Protocol. The
//! store is a `plankg serve --writable`, and a real Oxigraph server when
//! `PLANKG_TEST_OXIGRAPH` names its `oxigraph` binary (`.ci/run` sets it).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::http::Served;
use crate::util::{TestStore, ingested_store, plankg, root, rows, seed, stdout_of};

const PER_GRAPH: &str =
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";

/// `plankg query --endpoint URL --format json QUERY`, as rows.
#[track_caller]
fn remote_select(endpoint: &str, args: &[&str]) -> Vec<BTreeMap<String, String>> {
    rows(&stdout_of(
        plankg()
            .args(["query", "--endpoint", endpoint, "--format", "json"])
            .args(args),
    ))
}

/// Publishes `store` to `base` (with `extra` arguments) and returns stdout.
#[track_caller]
fn publish(store: &TestStore, base: &str, extra: &[&str]) -> String {
    stdout_of(store.cmd("publish").args(["--endpoint", base]).args(extra))
}

/// Publishes every example to the store at `base` (Graph Store at
/// `base/store`, queries at `base/query`), queries it back, spoils one graph,
/// publishes again and finds the local counts again.
#[track_caller]
fn check_round_trip(base: &str, default_graph_is_union: bool) {
    let local = ingested_store(&[&root().join("examples")]);
    let out = publish(&local, base, &[]);
    assert_eq!(out.lines().count(), 5, "{out}");
    assert!(out.contains("published zhuzhou_2020_plenum: "), "{out}");
    let query = format!("{base}/query");
    let expected = local.select(PER_GRAPH);
    assert_eq!(remote_select(&query, &[PER_GRAPH]), expected);
    // A shipped query that reads the default graph, by file, reads the same
    // rows there as here.
    let file = root().join("queries/mentions-of-concept.rq");
    let file = file.to_str().unwrap();
    let mut args = vec!["--file", file];
    let graphs: Vec<String> = expected.iter().map(|r| r["g"].clone()).collect();
    if !default_graph_is_union {
        for g in &graphs {
            args.extend(["--default-graph", g]);
        }
    }
    let text = std::fs::read_to_string(file).unwrap();
    let mentions = local.select(&text);
    assert!(!mentions.is_empty());
    assert_eq!(remote_select(&query, &args), mentions);
    // Spoil one graph there; publishing again puts it back as it was.
    let seed_graph = "https://w3id.org/plankg/plan/zhuzhou_2020_plenum";
    let update = format!(
        "INSERT DATA {{ GRAPH <{seed_graph}> {{ <https://example.org/x> <https://example.org/y> \"stale\" }} }}"
    );
    let response = ureq::post(format!("{base}/update"))
        .header("Content-Type", "application/sparql-update")
        .send(&update)
        .unwrap();
    assert!(response.status().is_success());
    assert_ne!(remote_select(&query, &[PER_GRAPH]), expected);
    let out = publish(&local, base, &["--plan", "zhuzhou_2020_plenum"]);
    assert!(out.contains("(replaced)"), "{out}");
    assert_eq!(remote_select(&query, &[PER_GRAPH]), expected);
    let out = publish(&local, base, &[]);
    assert_eq!(out.matches("(replaced)").count(), 5, "{out}");
    assert_eq!(remote_select(&query, &[PER_GRAPH]), expected);
}

#[test]
fn plans_go_into_a_writable_plankg_and_come_back() {
    // A writable server creates a missing store.
    let remote = TestStore::new();
    let served = Served::start(&remote, &["--writable"]);
    check_round_trip(&served.base, true);
    assert!(served.log().contains("PUT /store 201 "));
}

#[test]
fn publishing_names_the_plan_and_the_status_when_refused() {
    let local = ingested_store(&[&root().join("examples")]);
    let read_only = Served::start(&local, &[]);
    let out = local
        .cmd("publish")
        .args(["--endpoint", &read_only.base])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("plankg: publishing plan hunan_gwr_2026 to ")
            && stderr.contains("/store: HTTP 403 Forbidden: this server is read-only"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: give credentials"), "{stderr}");
    // The same refusal for every plan: it stops after the first.
    assert_eq!(stderr.matches("HTTP 403").count(), 1, "{stderr}");
    // Nobody listening.
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let out = local
        .cmd("publish")
        .args([
            "--endpoint",
            &format!("http://127.0.0.1:{closed}"),
            "--plan",
            "zhuzhou_2020_plenum",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot reach the store") && stderr.contains("hint: is the store running?"),
        "{stderr}"
    );
    // An unknown plan.
    let out = local
        .cmd("publish")
        .args(["--endpoint", &read_only.base, "--plan", "nothing"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no plan \"nothing\""));
}

/// Answers one request with `status` and returns its head, lowercased.
fn one_request(status: &str) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let status = status.to_owned();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut stream: TcpStream = stream;
        write!(
            stream,
            "HTTP/1.1 {status}\r\ncontent-length: 6\r\nconnection: close\r\n\r\nsorry\n"
        )
        .unwrap();
        head
    });
    (base, handle)
}

#[test]
fn credentials_come_from_the_environment() {
    let local = ingested_store(&[&seed()]);
    for (vars, expected) in [
        (
            &[("PLANKG_ENDPOINT_TOKEN", "t0ken")][..],
            "authorization: Bearer t0ken",
        ),
        (
            &[
                ("PLANKG_ENDPOINT_USER", "ana"),
                ("PLANKG_ENDPOINT_PASSWORD", "s3cret"),
            ],
            "authorization: Basic YW5hOnMzY3JldA==",
        ),
    ] {
        let (base, request) = one_request("401 Unauthorized");
        let mut cmd = local.cmd("publish");
        cmd.args(["--endpoint", &base, "--store-path", "data"]);
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let head = request.join().unwrap();
        assert!(head.starts_with("PUT /data?graph=https%3A%2F%2Fw3id.org%2Fplankg%2Fplan%2Fzhuzhou_2020_plenum HTTP/1.1"), "{head}");
        assert!(
            head.contains("content-type: application/n-triples"),
            "{head}"
        );
        assert!(head.contains(expected), "{head}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("HTTP 401 Unauthorized: sorry"), "{stderr}");
        assert!(
            !stderr.contains("s3cret") && !stderr.contains("t0ken"),
            "{stderr}"
        );
    }
}

/// An `oxigraph serve` on a free loopback port, killed when dropped.
struct Oxigraph {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Oxigraph {
    fn start(binary: &Path, args: &[&str]) -> Oxigraph {
        let dir = tempfile::TempDir::new().unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let bind = format!("127.0.0.1:{port}");
        let child = Command::new(binary)
            .arg("serve")
            .arg("--location")
            .arg(dir.path())
            .args(["--bind", &bind])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("oxigraph starts");
        let started = Instant::now();
        while TcpStream::connect(&bind).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "oxigraph did not listen on {bind}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Oxigraph {
            child,
            base: format!("http://{bind}"),
            _dir: dir,
        }
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn plans_go_into_a_real_oxigraph_server_and_come_back() {
    let Some(binary) = std::env::var_os("PLANKG_TEST_OXIGRAPH") else {
        eprintln!(
            "note: PLANKG_TEST_OXIGRAPH is not set: skipping the test against a real Oxigraph server (.ci/run sets it)"
        );
        return;
    };
    // The default graph of the store is its own default graph: queries name the plans.
    let oxigraph = Oxigraph::start(Path::new(&binary), &[]);
    check_round_trip(&oxigraph.base, false);
    // With the union as default graph the shipped queries run as they are.
    let oxigraph = Oxigraph::start(Path::new(&binary), &["--union-default-graph"]);
    check_round_trip(&oxigraph.base, true);
}
