//! `plankg compare`: a city's plan against its province's and the nation's.

use std::sync::OnceLock;

use crate::util::{TestStore, ingested_store, root, stdout_of};

/// `compare` writes its alignments, so it holds the store alone: the tests that
/// share the store take turns.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    TURN.lock().unwrap_or_else(|e| e.into_inner())
}

/// One store with every example, shared by the tests of this file.
fn store() -> &'static TestStore {
    static STORE: OnceLock<TestStore> = OnceLock::new();
    STORE.get_or_init(|| ingested_store(&[&root().join("examples")]))
}

/// Runs `compare A B` into a fresh folder; returns the report's JSON.
fn compare(store: &TestStore, a: &str, b: &str) -> serde_json::Value {
    let out = tempfile::TempDir::new().unwrap();
    stdout_of(
        store
            .cmd("compare")
            .args([a, b, "--diagram", "dot", "--out"])
            .arg(out.path()),
    );
    let dir = out.path().join(format!("{a}--{b}"));
    for file in [
        "comparison.md",
        "alignments.csv",
        "gaps.csv",
        "additions.csv",
        "coverage.csv",
        "diagram.dot",
    ] {
        assert!(dir.join(file).exists(), "{file} missing");
    }
    serde_json::from_slice(&std::fs::read(dir.join("comparison.json")).unwrap()).unwrap()
}

fn shared(report: &serde_json::Value) -> Vec<String> {
    report["shared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_seed_shares_strategies_with_the_nation() {
    let _turn = turn();
    let report = compare(
        store(),
        "zhuzhou_2020_plenum",
        "national_14fyp_proposals_2020",
    );
    let shared = shared(&report);
    assert!(shared.contains(&"乡村振兴战略".to_owned()), "{shared:?}");
    assert!(shared.contains(&"新发展格局".to_owned()), "{shared:?}");
    assert!(report["gaps"].as_array().unwrap().len() > 50);
}

#[test]
fn the_seed_takes_up_its_provinces_blueprint() {
    let _turn = turn();
    let report = compare(store(), "zhuzhou_2020_plenum", "hunan_gwr_2026");
    let shared = shared(&report);
    assert!(shared.contains(&"三高四新".to_owned()), "{shared:?}");
    // 三个高地 is named by both, and the city's goals serve the province's.
    let services = report["services"].as_array().unwrap();
    assert!(
        services
            .iter()
            .any(|s| s["goal"] == "中国动力谷" && s["serves"] == "国家重要先进制造业高地"),
        "{services:?}"
    );
}

#[test]
fn counterparts_are_found_by_region() {
    let _turn = turn();
    let stdout = stdout_of(
        store()
            .cmd("compare")
            .arg("zhuzhou_2020_plenum")
            .arg("--out")
            .arg(store().dir.path().join("cmp"))
            .args(["--diagram", "dot"]),
    );
    // The province's plans first, then the nation's.
    let hunan = stdout.find("compared with hunan_gwr_2026").unwrap();
    let nation = stdout
        .find("compared with national_14fyp_proposals_2020")
        .unwrap();
    assert!(hunan < nation, "{stdout}");
}

#[test]
fn a_plan_is_not_compared_with_itself_or_with_nothing() {
    let _turn = turn();
    for (args, message) in [
        (
            ["zhuzhou_2020_plenum", "zhuzhou_2020_plenum"],
            "with itself",
        ),
        (["zhuzhou_2020_plenum", "nowhere"], "no plan \"nowhere\""),
    ] {
        let out = store()
            .cmd("compare")
            .args(args)
            .arg("--out")
            .arg(store().dir.path().join("x"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("plankg: ") && stderr.contains(message),
            "{stderr}"
        );
    }
}

#[test]
fn reingesting_replaces_the_alignment_graph() {
    let store = TestStore::new();
    store.ingest(&[
        &root().join("examples/zhuzhou_2020_plenum.txt"),
        &root().join("examples/hunan_gwr_2026.txt"),
    ]);
    let count = |store: &TestStore| {
        store.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <https://w3id.org/plankg/ontology#alignsWith> ?o } }",
        )[0]["n"]
            .clone()
    };
    compare(&store, "zhuzhou_2020_plenum", "hunan_gwr_2026");
    let before = count(&store);
    assert!(before.parse::<usize>().unwrap() > 5, "{before}");
    let out = store
        .cmd("ingest")
        .arg(root().join("examples/zhuzhou_2020_plenum.txt"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("recomputed 1 comparison")
    );
    assert_eq!(count(&store), before);
    store.cmd("remove").arg("hunan_gwr_2026").assert().success();
    assert_eq!(count(&store), "0");
}
