//! Bad input: a non-zero exit, a one-line message naming the input (and perhaps
//! a hint line), nothing on stdout, and the store as it was.

use std::path::Path;

use crate::util::{TestStore, ingested_store, seed};

/// Runs `args` against `store` and checks the four properties of a refusal.
#[track_caller]
fn check_refused(store: &TestStore, subcommand: &str, args: &[&str], names: &str) {
    let before = store.snapshot();
    let out = store.cmd(subcommand).args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(!lines.is_empty() && lines.len() <= 2, "stderr: {stderr}");
    assert!(lines[0].starts_with("plankg: "), "stderr: {stderr}");
    assert!(lines[0].contains(names), "{names:?} not in: {stderr}");
    if let Some(hint) = lines.get(1) {
        assert!(hint.starts_with("hint: "), "stderr: {stderr}");
    }
    assert_eq!(store.snapshot(), before, "the store changed");
}

fn fixture(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn empty_file_is_refused() {
    let store = ingested_store(&[&seed()]);
    let empty = fixture(store.dir.path(), "empty.txt", b"");
    check_refused(&store, "ingest", &[&empty], "empty.txt: the file is empty");
}

#[test]
fn binary_file_is_refused() {
    let store = ingested_store(&[&seed()]);
    let binary = fixture(
        store.dir.path(),
        "plan.txt",
        &[0x7f, b'E', b'L', b'F', 0, 1, 2, 0, 0xff, 0xfe, 3],
    );
    check_refused(&store, "ingest", &[&binary], "plan.txt: binary file");
}

#[test]
fn undecodable_file_is_refused() {
    let store = ingested_store(&[&seed()]);
    let bad = fixture(
        store.dir.path(),
        "bad.txt",
        b"\xd6\xd0\xb9\xfa\xff\xff\xff plan",
    );
    check_refused(
        &store,
        "ingest",
        &[&bad, "--encoding", "utf-8"],
        "bad.txt: not valid UTF-8",
    );
}

#[test]
fn directory_without_plans_is_refused() {
    let store = ingested_store(&[&seed()]);
    let dir = store.dir.path().join("nothing");
    std::fs::create_dir(&dir).unwrap();
    fixture(&dir, "notes.pdf", b"%PDF-1.4");
    check_refused(
        &store,
        "ingest",
        &[dir.to_str().unwrap()],
        "nothing: no .txt",
    );
}

#[test]
fn malformed_sparql_is_refused() {
    let store = ingested_store(&[&seed()]);
    check_refused(
        &store,
        "query",
        &["SELECT ?s WHERE { ?s ?p "],
        "SPARQL syntax error",
    );
    let file = fixture(store.dir.path(), "bad.rq", b"SELECT * WHERE {");
    check_refused(
        &store,
        "query",
        &["--file", &file],
        "bad.rq: SPARQL syntax error",
    );
}

#[test]
fn query_on_a_missing_store_is_refused() {
    let store = TestStore::new();
    check_refused(
        &store,
        "query",
        &["SELECT * WHERE { ?s ?p ?o }"],
        "no plankg store at",
    );
    assert!(!store.path().exists(), "a query must not create a store");
}

#[test]
fn unknown_plan_is_refused() {
    let store = ingested_store(&[&seed()]);
    check_refused(
        &store,
        "export",
        &["--plan", "nowhere"],
        "no plan \"nowhere\"",
    );
    check_refused(&store, "remove", &["nowhere"], "no plan \"nowhere\"");
}

#[test]
fn a_store_in_use_is_refused() {
    let store = ingested_store(&[&seed()]);
    // Hold the store open for writing in this process, as another ingest would.
    let held = plankg::store::PlanStore::open(&store.path()).unwrap();
    let out = store.cmd("ingest").arg(seed()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("is locked by another plankg process"),
        "{stderr}"
    );
    drop(held);
}

#[test]
fn a_directory_that_is_not_a_store_is_refused() {
    let store = TestStore::new();
    std::fs::create_dir_all(store.path()).unwrap();
    std::fs::write(store.path().join("thesis.docx"), b"mine").unwrap();
    let out = store.cmd("ingest").arg(seed()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("is not a plankg store")
    );
    assert_eq!(
        std::fs::read(store.path().join("thesis.docx")).unwrap(),
        b"mine"
    );
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let store = TestStore::new();
    let empty = fixture(store.dir.path(), "empty.txt", b"");
    let out = store
        .cmd("ingest")
        .arg(&empty)
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("zhuzhou_2020_plenum")
    );
    assert_eq!(
        store
            .select("SELECT ?id WHERE { ?p <https://w3id.org/plankg/ontology#planId> ?id }")
            .len(),
        1
    );
}
