//! `plankg serve`: the SPARQL protocols, the Graph Store, the pages, limits,
//! locking and concurrency, over real HTTP on a loopback port.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::http::{Served, enc};
use crate::util::{TestStore, ingested_store, root, rows, seed};

/// One store with every example, shared (read-only) by the servers of this file.
fn examples() -> &'static TestStore {
    static STORE: OnceLock<TestStore> = OnceLock::new();
    STORE.get_or_init(|| ingested_store(&[&root().join("examples")]))
}

const STRATEGIES: &str = "SELECT ?l WHERE { ?s a <https://w3id.org/plankg/ontology#Strategy> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l";
const CONSTRUCT: &str = "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?s a <https://w3id.org/plankg/ontology#Strategy> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 3";
/// Runs until a timeout stops it.
const ENDLESS: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";

/// Asks `query` by GET with `accept`; asserts the status and that the content
/// type and body contain the given parts.
#[track_caller]
fn check(
    served: &Served,
    query: &str,
    accept: &str,
    status: u16,
    content_type: &str,
    body: &[&str],
) {
    let answer = served.get(&format!("/query?query={}", enc(query)), accept);
    assert_eq!(answer.status, status, "{accept}: {}", answer.body);
    assert!(
        answer.content_type.contains(content_type),
        "{accept}: content type {}",
        answer.content_type
    );
    for part in body {
        assert!(
            answer.body.contains(part),
            "{accept}: no {part:?} in {}",
            answer.body
        );
    }
}

#[test]
fn results_are_negotiated_by_accept() {
    let served = Served::start(examples(), &[]);
    let json = "application/sparql-results+json";
    check(
        &served,
        STRATEGIES,
        "",
        200,
        json,
        &["\"乡村振兴战略\"", "\"xml:lang\":\"zh\""],
    );
    check(&served, STRATEGIES, "*/*", 200, json, &["\"bindings\""]);
    check(
        &served,
        STRATEGIES,
        "application/json",
        200,
        json,
        &["\"bindings\""],
    );
    check(
        &served,
        STRATEGIES,
        "application/sparql-results+xml",
        200,
        "application/sparql-results+xml",
        &["<literal xml:lang=\"zh\">乡村振兴战略</literal>"],
    );
    check(
        &served,
        STRATEGIES,
        "text/csv",
        200,
        "text/csv; charset=utf-8",
        &["l\r\n", "乡村振兴战略\r\n"],
    );
    check(
        &served,
        STRATEGIES,
        "text/tab-separated-values",
        200,
        "text/tab-separated-values",
        &["?l\n", "\"乡村振兴战略\"@zh"],
    );
    check(
        &served,
        STRATEGIES,
        "text/turtle",
        406,
        "text/plain",
        &["application/sparql-results+json"],
    );
    check(
        &served,
        "ASK { ?s ?p ?o }",
        "",
        200,
        json,
        &["\"boolean\":true"],
    );
    check(
        &served,
        CONSTRUCT,
        "",
        200,
        "text/turtle",
        &["@prefix", "rdfs:label"],
    );
    check(
        &served,
        CONSTRUCT,
        "application/n-triples",
        200,
        "application/n-triples",
        &["<http://www.w3.org/2000/01/rdf-schema#label>"],
    );
    check(
        &served,
        CONSTRUCT,
        "application/ld+json",
        200,
        "application/ld+json",
        &["\"@id\""],
    );
    check(
        &served,
        CONSTRUCT,
        "application/sparql-results+json",
        406,
        "text/plain",
        &["text/turtle"],
    );
}

#[test]
fn queries_come_by_get_post_and_form_on_query_and_sparql() {
    let served = Served::start(examples(), &[]);
    let expected = served.select(STRATEGIES);
    assert!(expected.iter().any(|r| r["l"] == "乡村振兴战略"));
    for path in ["/query", "/sparql"] {
        let a = served.get(&format!("{path}?query={}", enc(STRATEGIES)), "");
        assert_eq!(rows(&a.body), expected, "GET {path}");
        let a = served.post(path, "application/sparql-query", "", STRATEGIES);
        assert_eq!(rows(&a.body), expected, "POST {path}");
        let form = format!("query={}", enc(STRATEGIES));
        let a = served.post(path, "application/x-www-form-urlencoded", "", &form);
        assert_eq!(rows(&a.body), expected, "form {path}");
    }
    let a = served.post("/query", "text/plain", "", STRATEGIES);
    assert_eq!(a.status, 415, "{}", a.body);
    let a = served.get("/query", "");
    assert_eq!(a.status, 400);
    assert!(a.body.contains("no query"), "{}", a.body);
}

#[test]
fn the_union_of_plans_is_the_default_graph_unless_the_request_names_graphs() {
    let served = Served::start(examples(), &[]);
    let count =
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <https://w3id.org/plankg/ontology#Plan> }";
    assert_eq!(served.select(count)[0]["n"], "5");
    let seed_graph = "https://w3id.org/plankg/plan/zhuzhou_2020_plenum";
    let a = served.get(
        &format!(
            "/query?query={}&default-graph-uri={}",
            enc(count),
            enc(seed_graph)
        ),
        "",
    );
    assert_eq!(rows(&a.body)[0]["n"], "1", "{}", a.body);
    let a = served.get(
        &format!("/query?query={}&default-graph-uri=nonsense", enc(count)),
        "",
    );
    assert_eq!(a.status, 400);
}

#[test]
fn every_shipped_query_answers_over_http_as_it_does_locally() {
    let served = Served::start(examples(), &[]);
    for entry in std::fs::read_dir(root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let local = examples().select(&text);
        let remote = served.select(&text);
        assert_eq!(remote, local, "{}", path.display());
    }
}

#[test]
fn bad_requests_get_clear_statuses() {
    let served = Served::start(
        examples(),
        &["--max-body", "1K", "--timeout", "1", "--max-rows", "5"],
    );
    // A syntax error: 400 with the parser's message.
    let a = served.get(
        &format!("/query?query={}", enc("SELECT ?s WHERE { ?s ?p }")),
        "",
    );
    assert_eq!(a.status, 400);
    assert!(
        a.body.contains("SPARQL syntax error") && a.body.contains("1:"),
        "{}",
        a.body
    );
    // A body over --max-body: 413.
    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(2000));
    let a = served.post("/query", "application/sparql-query", "", &big);
    assert_eq!(a.status, 413, "{}", a.body);
    assert!(a.body.contains("1024 bytes"), "{}", a.body);
    // A query over --timeout: 503, after about the timeout.
    let started = Instant::now();
    let a = served.get(&format!("/query?query={}", enc(ENDLESS)), "");
    assert_eq!(a.status, 503, "{}", a.body);
    assert!(a.body.contains("timed out"), "{}", a.body);
    assert!(started.elapsed() < Duration::from_secs(10));
    // More rows than --max-rows: cut, and said so.
    let a = served.get(&format!("/query?query={}", enc(STRATEGIES)), "");
    assert_eq!(a.status, 200);
    assert_eq!(rows(&a.body).len(), 5);
    assert_eq!(a.header("x-sparql-maxrows"), Some("5"));
    // Updates on a read-only server: 403.
    let a = served.post("/update", "application/sparql-update", "", "CLEAR ALL");
    assert_eq!(a.status, 403);
    assert!(a.body.contains("--writable"), "{}", a.body);
    let a = served.post(
        "/sparql",
        "application/x-www-form-urlencoded",
        "",
        "update=CLEAR%20ALL",
    );
    assert_eq!(a.status, 403);
    let a = served.send(
        "PUT",
        "/store?default",
        "text/turtle",
        "",
        "<a:s> <a:p> <a:o> .",
    );
    assert_eq!(a.status, 403);
    assert_eq!(
        served
            .delete("/store?graph=https://w3id.org/plankg/plan/zhuzhou_2020_plenum")
            .status,
        403
    );
    // Unknown paths and methods.
    assert_eq!(served.get("/nothing-here", "").status, 404);
    assert_eq!(served.post("/plans", "text/plain", "", "").status, 405);
    // One log line per request: method, path, status, milliseconds, rows.
    let log = served.log();
    assert!(log.contains("GET /query 400 "), "{log}");
    assert!(log.contains("POST /query 413 "), "{log}");
    assert!(log.contains("GET /query 503 "), "{log}");
    assert!(log.contains("ms 5 rows (cut at --max-rows)"), "{log}");
    assert!(log.contains("POST /update 403 "), "{log}");
}

#[test]
fn cors_is_off_unless_asked_for() {
    let served = Served::start(examples(), &[]);
    let a = served.get(&format!("/query?query={}", enc("ASK {}")), "");
    assert_eq!(a.header("access-control-allow-origin"), None);
    let served = Served::start(examples(), &["--cors"]);
    let a = served.get(&format!("/query?query={}", enc("ASK {}")), "");
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    let a = served.options("/query");
    assert_eq!(a.status, 204);
    assert_eq!(a.header("access-control-allow-origin"), Some("*"));
    assert!(a.header("allow").unwrap().contains("POST"));
    assert!(
        a.header("access-control-allow-headers")
            .unwrap()
            .contains("Content-Type")
    );
}

#[test]
fn the_graph_store_reads_one_plan_the_union_or_everything() {
    let served = Served::start(examples(), &[]);
    let seed_graph = enc("https://w3id.org/plankg/plan/zhuzhou_2020_plenum");
    let a = served.get(&format!("/store?graph={seed_graph}"), "");
    assert_eq!(a.status, 200);
    assert!(a.content_type.starts_with("text/turtle"));
    assert!(a.body.contains("中国动力谷"));
    let a = served.get(
        &format!("/store?graph={seed_graph}"),
        "application/n-triples",
    );
    let seed_triples = a.body.lines().count();
    assert!(seed_triples > 1000, "{seed_triples}");
    let a = served.get("/store?default", "application/n-triples");
    assert!(a.body.lines().count() > seed_triples);
    let a = served.get("/store", "");
    assert_eq!(a.content_type, "application/n-quads");
    assert!(
        a.body
            .contains("<https://w3id.org/plankg/plan/hunan_gwr_2026> .")
    );
    let a = served.get(
        &format!("/store?graph={}", enc("https://example.org/none")),
        "",
    );
    assert_eq!(a.status, 404);
}

#[test]
fn a_writable_server_takes_updates_and_graph_store_writes() {
    let store = ingested_store(&[&seed()]);
    let served = Served::start(&store, &["--writable"]);
    let graph = "https://example.org/notes";
    let count = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}");
    let a = served.post(
        "/update",
        "application/sparql-update",
        "",
        &format!("INSERT DATA {{ GRAPH <{graph}> {{ <https://example.org/a> <https://example.org/says> \"株洲\" }} }}"),
    );
    assert_eq!(a.status, 204, "{}", a.body);
    assert_eq!(served.select(&count)[0]["n"], "1");
    // A failing update changes nothing.
    let a = served.post(
        "/update",
        "application/sparql-update",
        "",
        "INSERT DATA { <a> <b> }",
    );
    assert_eq!(a.status, 400, "{}", a.body);
    // PUT creates (201), PUT again replaces (204), POST adds.
    let path = format!("/store?graph={}", enc(graph));
    let turtle = "<https://example.org/b> <https://example.org/says> \"长沙\", \"湘潭\" .";
    assert_eq!(
        served.send("PUT", &path, "text/turtle", "", turtle).status,
        204
    );
    assert_eq!(served.select(&count)[0]["n"], "2");
    let other = format!("/store?graph={}", enc("https://example.org/other"));
    assert_eq!(
        served.send("PUT", &other, "text/turtle", "", turtle).status,
        201
    );
    let nt = "<https://example.org/c> <https://example.org/says> \"衡阳\" .\n";
    assert_eq!(
        served.post(&path, "application/n-triples", "", nt).status,
        204
    );
    assert_eq!(served.select(&count)[0]["n"], "3");
    let a = served.send("PUT", &path, "text/turtle", "", "<broken");
    assert_eq!(a.status, 400, "{}", a.body);
    assert_eq!(served.select(&count)[0]["n"], "3");
    // DELETE removes the graph, once.
    assert_eq!(served.delete(&path).status, 204);
    assert_eq!(served.delete(&path).status, 404);
    assert_eq!(served.select(&count)[0]["n"], "0");
    // The server holds the store: an ingest is refused, and the store survives.
    let out = store.cmd("ingest").arg(seed()).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("locked"));
    drop(served);
    assert!(store.select(&count.replace("notes", "other"))[0]["n"] == "2");
}

#[test]
fn a_read_only_server_locks_out_ingest_but_not_readers() {
    let store = ingested_store(&[&seed()]);
    let before = store.snapshot();
    let served = Served::start(&store, &[]);
    let out = store
        .cmd("ingest")
        .arg(root().join("examples/hunan_gwr_2026.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is locked by another plankg process"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint:") && stderr.contains("plankg serve"),
        "{stderr}"
    );
    // Other readers go on: the command line and a second server.
    assert_eq!(store.snapshot(), before);
    let second = Served::start(&store, &[]);
    assert_eq!(second.select(STRATEGIES), served.select(STRATEGIES));
    drop((served, second));
    store
        .cmd("ingest")
        .arg(root().join("examples/hunan_gwr_2026.txt"))
        .assert()
        .success();
}

#[test]
fn readers_do_not_wait_for_each_other() {
    let served = Served::start(examples(), &["--timeout", "4"]);
    let expected = served.select(STRATEGIES);
    std::thread::scope(|scope| {
        // A query that runs until the timeout…
        let slow = scope.spawn(|| {
            let answer = served.get(&format!("/query?query={}", enc(ENDLESS)), "");
            (answer, Instant::now())
        });
        std::thread::sleep(Duration::from_millis(300));
        // …while eight clients query at once: each is answered before it ends.
        let clients: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    for _ in 0..10 {
                        assert_eq!(served.select(STRATEGIES), expected);
                    }
                    Instant::now()
                })
            })
            .collect();
        let finished: Vec<Instant> = clients.into_iter().map(|c| c.join().unwrap()).collect();
        let (slow, slow_ended) = slow.join().unwrap();
        assert_eq!(slow.status, 503, "{}", slow.body);
        assert!(finished.iter().all(|f| *f < slow_ended));
    });
}

#[test]
fn the_pages_show_queries_plans_and_concepts() {
    let served = Served::start(examples(), &[]);
    let page = served.get("/", "text/html");
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert!(page.body.contains("<meta charset=\"utf-8\">"));
    assert!(page.body.contains("<textarea id=\"query\""));
    assert!(page.body.contains("/assets/app.js"));
    // Nothing is loaded from elsewhere.
    for external in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
        assert!(!page.body.contains(external), "{external}");
    }
    let js = served.get("/assets/app.js", "");
    assert!(
        js.content_type.starts_with("text/javascript") && js.body.contains("sparql-results+json")
    );
    assert!(
        served
            .get("/assets/style.css", "")
            .content_type
            .starts_with("text/css")
    );
    // The shipped queries, with their header comments.
    let queries: serde_json::Value =
        serde_json::from_str(&served.get("/queries.json", "").body).unwrap();
    let names: Vec<&str> = queries["queries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"strategies-and-support"), "{names:?}");
    assert!(
        queries["queries"][0]["question"]
            .as_str()
            .unwrap()
            .ends_with('?')
    );
    // The plans, one plan, one concept.
    let plans = served.get("/plans", "");
    assert!(
        plans
            .body
            .contains("<a href=\"/plan?id=zhuzhou_2020_plenum\">zhuzhou_2020_plenum</a>")
    );
    assert!(
        plans
            .body
            .contains("中国共产党株洲市第十二届委员会第十四次全体会议公报")
    );
    let plan = served.get("/plan?id=zhuzhou_2020_plenum", "");
    assert_eq!(plan.status, 200);
    assert!(plan.body.contains(">中国动力谷</a>") && plan.body.contains("<svg"));
    let concept = served.get(&format!("/concept?name={}", enc("中国动力谷")), "");
    assert_eq!(concept.status, 200);
    assert!(concept.body.contains("<h1>中国动力谷</h1>"));
    assert!(
        concept.body.contains("characters 991–1004"),
        "{}",
        concept.body
    );
    assert!(
        concept
            .body
            .contains("<mark>更具实力的株洲·中国动力谷</mark>")
    );
    assert!(concept.body.contains("<svg"));
    let missing = served.get(&format!("/concept?name={}", enc("动力")), "");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains(">中国动力谷</a>"));
    assert_eq!(served.get("/plan?id=nothing", "").status, 404);
    assert!(served.log().contains("GET /plans 200 "));
}

#[test]
fn the_server_refuses_other_machines_and_missing_stores() {
    let store = ingested_store(&[&seed()]);
    #[track_caller]
    fn refused(store: &TestStore, bind: &str, message: &[&str]) {
        let out = store.cmd("serve").args(["--bind", bind]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        for part in message {
            assert!(stderr.contains(part), "no {part:?} in {stderr}");
        }
    }
    refused(
        &store,
        "0.0.0.0:0",
        &[
            "0.0.0.0:0 is reachable from other machines",
            "hint:",
            "--public",
        ],
    );
    refused(&TestStore::new(), "127.0.0.1:0", &["no plankg store at"]);
}
