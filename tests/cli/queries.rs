//! Every shipped query runs on the examples and finds a row it must find.

use std::sync::OnceLock;

use crate::util::{TestStore, ingested_store, root};

/// One store with every example (and a plan whose list is shorter than its
/// declared count), shared by the tests of this file.
fn store() -> &'static TestStore {
    static STORE: OnceLock<TestStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = ingested_store(&[
            &root().join("examples"),
            &root().join("tests/data/count_mismatch.txt"),
        ]);
        // The comparison queries read the alignments of a compared pair.
        store
            .cmd("compare")
            .args([
                "zhuzhou_2020_plenum",
                "hunan_gwr_2026",
                "--diagram",
                "dot",
                "--out",
            ])
            .arg(store.dir.path().join("comparison"))
            .assert()
            .success();
        store
    })
}

/// Runs `queries/NAME.rq` and asserts that some row has every `(column, value)`.
#[track_caller]
fn check(name: &str, expected: &[(&str, &str)]) {
    let file = root().join("queries").join(format!("{name}.rq"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# question:"),
        "{name}.rq has no question header"
    );
    assert!(
        text.contains("# columns:"),
        "{name}.rq has no columns header"
    );
    let rows = store().select(&text);
    let found = rows.iter().any(|row| {
        expected
            .iter()
            .all(|(k, v)| row.get(*k).map(String::as_str) == Some(*v))
    });
    assert!(
        found,
        "{name}: no row with {expected:?} among {} rows: {rows:?}",
        rows.len()
    );
}

#[test]
fn strategies_and_support() {
    check(
        "strategies-and-support",
        &[
            ("plan", "zhuzhou_2020_plenum"),
            ("strategy", "乡村振兴战略"),
            ("supporter", "农业农村现代化"),
        ],
    );
}

#[test]
fn programmes_and_items() {
    check(
        "programmes-and-items",
        &[
            ("programme", "制造强市七大工程"),
            ("declared", "7"),
            ("item", "产业基础再造"),
        ],
    );
}

#[test]
fn numbered_abbreviations() {
    check(
        "numbered-abbreviations",
        &[
            ("abbreviation", "一谷三区"),
            ("declared", "4"),
            ("listed", "4"),
            ("member", "中国动力谷"),
        ],
    );
}

#[test]
fn abbreviation_count_mismatch() {
    check(
        "abbreviation-count-mismatch",
        &[
            ("plan", "count_mismatch"),
            ("abbreviation", "四大工程"),
            ("declared", "4"),
            ("listed", "3"),
        ],
    );
}

#[test]
fn tasks_per_goal() {
    check(
        "tasks-per-goal",
        &[
            ("plan", "zhuzhou_2020_plenum"),
            ("goal", "科技创新引领区"),
            ("tasks", "5"),
        ],
    );
}

#[test]
fn goals_without_support() {
    check(
        "goals-without-support",
        &[
            ("plan", "zhuzhou_2020_plenum"),
            ("goal", "经济强市"),
            ("target_year", "2035"),
        ],
    );
}

#[test]
fn districts_by_level() {
    check(
        "districts-by-level",
        &[
            ("district", "株洲市"),
            ("level", "City"),
            ("code", "430200"),
            ("located_in", "湖南省"),
        ],
    );
}

#[test]
fn shared_concepts() {
    check(
        "shared-concepts",
        &[("concept", "乡村振兴战略"), ("class", "Strategy")],
    );
}

#[test]
fn mentions_of_concept() {
    check(
        "mentions-of-concept",
        &[
            ("plan", "zhuzhou_2020_plenum"),
            ("surface", "更具实力的中国动力谷"),
        ],
    );
}

#[test]
fn plans() {
    check(
        "plans",
        &[
            ("plan", "zhuzhou_2020_plenum"),
            ("issuer", "中共株洲市委"),
            ("level", "City"),
            ("period_start", "2021"),
        ],
    );
}

#[test]
fn goals_serving_higher_goals() {
    check(
        "goals-serving-higher-goals",
        &[("goal", "中国动力谷"), ("serves", "国家重要先进制造业高地")],
    );
}

#[test]
fn plan_alignments() {
    check(
        "plan-alignments",
        &[
            ("a_concept", "制造强市"),
            ("b_concept", "制造强省"),
            ("method", "lexical"),
        ],
    );
}

#[test]
fn plan_gaps() {
    check("plan-gaps", &[("b_concept", "美丽湖南"), ("class", "Goal")]);
}

#[test]
fn every_shipped_query_is_tested() {
    let source = include_str!("queries.rs");
    for entry in std::fs::read_dir(root().join("queries")).unwrap() {
        let name = entry
            .unwrap()
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rq")
            .to_owned();
        assert!(
            source.contains(&format!("\"{name}\"")),
            "queries/{name}.rq has no test"
        );
    }
}
