//! Views, diagrams, analyses and paths on the seed (and two small plans beside
//! it, so that views span several plans).

use std::path::Path;
use std::sync::OnceLock;

use crate::util::{TestStore, example, seed};

const SEED: &str = "zhuzhou_2020_plenum";
const CHAIN: &str = "产业基础再造 → 制造强市七大工程 → 中国动力谷 → 国家重要先进制造业高地";

/// One store with the seed and two partial plans, shared by the tests here.
fn store() -> &'static TestStore {
    static STORE: OnceLock<TestStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = TestStore::new();
        store.ingest(&[
            &seed(),
            &example("zhuzhou_14fyp_outline_partial.txt"),
            &example("hunan_prov_2020_proposals_partial.txt"),
        ]);
        store
    })
}

/// Runs `plankg SUBCOMMAND --store … ARGS` with `env`; returns (exit code,
/// stdout bytes, stderr).
fn run(subcommand: &str, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<u8>, String) {
    let mut cmd = store().cmd(subcommand);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs a command that must succeed and returns its stdout as text.
#[track_caller]
fn check_ok(subcommand: &str, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(subcommand, args, &[]);
    assert_eq!(code, 0, "stderr: {stderr}");
    String::from_utf8(stdout).unwrap()
}

/// Runs a command that must fail: exit 1, nothing on stdout, a first line naming
/// `names` and a hint line.
#[track_caller]
fn check_refused(subcommand: &str, args: &[&str], env: &[(&str, &str)], names: &str) {
    let (code, stdout, stderr) = run(subcommand, args, env);
    assert_eq!(code, 1, "stderr: {stderr}");
    assert!(
        stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "stderr: {stderr}");
    assert!(lines[0].starts_with("plankg: "), "stderr: {stderr}");
    assert!(lines[0].contains(names), "{names:?} not in: {stderr}");
    assert!(lines[1].starts_with("hint: "), "stderr: {stderr}");
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::TempDir::new().unwrap()
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn dependency_dot_parses_back_with_the_seed_chain() {
    let dot = check_ok("view", &["dependency", "--plan", SEED]);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        dot.contains("fontname=\"WenQuanYi Micro Hei"),
        "no CJK font"
    );
    assert!(
        dot.contains("中国共产党株洲市第十二届委员会第十四次全体会议公报"),
        "no caption"
    );
    let edges = check_ok("view", &["dependency", "--plan", SEED, "--format", "csv"]);
    for edge in [
        ",产业基础再造,itemOf,制造强市七大工程,",
        ",制造强市七大工程,supports,中国动力谷,",
        ",中国动力谷,supports,国家重要先进制造业高地,",
    ] {
        assert!(edges.contains(edge), "{edge} not in\n{edges}");
    }
}

#[test]
fn path_prints_the_support_chain() {
    let out = check_ok("path", &["产业基础再造", "国家重要先进制造业高地"]);
    assert_eq!(out.lines().next(), Some(CHAIN), "{out}");
    assert!(out.contains("产业基础再造 (Project) itemOf 制造强市七大工程 (Project)"));
    // Alternative labels find the concept too.
    let out = check_ok(
        "path",
        &["产业基础再造", "更具实力的中国动力谷", "--plan", SEED],
    );
    assert!(
        out.starts_with("产业基础再造 → 制造强市七大工程 → 中国动力谷\n"),
        "{out}"
    );
}

#[test]
fn no_path_is_a_clear_failure() {
    check_refused(
        "path",
        &["国家重要先进制造业高地", "产业基础再造"],
        &[],
        "no path from \"国家重要先进制造业高地\" to \"产业基础再造\"",
    );
}

#[test]
fn png_pdf_and_svg_render_with_chinese_labels() {
    let dir = temp_dir();
    for (name, magic) in [("dep.png", &b"\x89PNG"[..]), ("dep.pdf", b"%PDF")] {
        let path = dir.path().join(name);
        check_ok(
            "view",
            &["dependency", "--plan", SEED, "-o", path.to_str().unwrap()],
        );
        assert!(read(&path).starts_with(magic), "{name}");
    }
    let svg_path = dir.path().join("out/dep.svg");
    let out = check_ok(
        "view",
        &[
            "dependency",
            "--plan",
            SEED,
            "-o",
            svg_path.to_str().unwrap(),
        ],
    );
    let svg = String::from_utf8(read(&svg_path)).unwrap();
    assert!(svg.contains("<svg"));
    assert!(svg.contains("中国动力谷"));
    assert!(svg.contains("WenQuanYi Micro Hei"));
    // The DOT and the tables come with every diagram.
    for companion in ["dep.dot", "dep.nodes.csv", "dep.edges.csv"] {
        let path = dir.path().join("out").join(companion);
        assert!(out.contains(&path.display().to_string()), "{out}");
        assert!(!read(&path).is_empty());
    }
    let nodes = String::from_utf8(read(&dir.path().join("out/dep.nodes.csv"))).unwrap();
    assert!(nodes.starts_with("id,label,kind,"), "{nodes}");
}

#[test]
fn the_same_store_gives_byte_identical_dot() {
    for args in [
        &["dependency"][..],
        &["plan", SEED],
        &["places", "--cluster", "level"],
        &["concept", "中国动力谷", "--depth", "2"],
        &["dependency", "--reduce", "--isolated"],
    ] {
        let (a, b) = (check_ok("view", args), check_ok("view", args));
        assert!(!a.is_empty());
        assert_eq!(a, b, "view {args:?}");
    }
}

#[test]
fn unknown_concept_and_plan_are_named() {
    check_refused(
        "view",
        &["concept", "不存在的概念"],
        &[],
        "no concept named \"不存在的概念\"",
    );
    check_refused(
        "view",
        &["dependency", "--plan", "no_such_plan"],
        &[],
        "no plan \"no_such_plan\"",
    );
    check_refused("view", &["plan", "no_such_plan"], &[], "no_such_plan");
    check_refused("path", &["不存在的概念", "中国动力谷"], &[], "不存在的概念");
}

#[test]
fn without_dot_svg_falls_back_and_png_writes_nothing() {
    let dir = temp_dir();
    let missing = [("PLANKG_DOT", "/nonexistent")];
    let svg = dir.path().join("dep.svg");
    let (code, _, stderr) = run(
        "view",
        &["dependency", "--plan", SEED, "-o", svg.to_str().unwrap()],
        &missing,
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("plankg: note: ") && stderr.contains("Graphviz gives PNG, PDF"),
        "{stderr}"
    );
    let text = String::from_utf8(read(&svg)).unwrap();
    assert!(text.contains("<svg") && text.contains("中国动力谷"));
    assert!(
        dir.path().join("dep.dot").exists(),
        "the DOT is still written"
    );

    let out = dir.path().join("png");
    for name in ["dep.png", "dep.pdf"] {
        let target = out.join(name);
        check_refused(
            "view",
            &["dependency", "-o", target.to_str().unwrap()],
            &missing,
            "Graphviz program \"/nonexistent\" not found",
        );
    }
    assert!(!out.exists(), "something was written");
}

#[test]
fn graphml_is_well_formed() {
    let xml = check_ok("view", &["plan", SEED, "--format", "graphml"]);
    let edges = check_ok("view", &["plan", SEED, "--format", "csv"]);
    let edge_rows = edges.lines().count() - 1;
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
    assert!(xml.trim_end().ends_with("</graphml>"));
    assert_eq!(xml.matches("<edge ").count(), edge_rows);
    assert_eq!(
        xml.matches("<node ").count(),
        xml.matches("</node>").count()
    );
    assert_eq!(
        xml.matches("<data ").count(),
        xml.matches("</data>").count()
    );
    assert!(xml.contains("<data key=\"label\">中国动力谷</data>"));
    // Text holds no raw markup: every `<` opens a tag.
    for piece in xml.split('<').skip(1) {
        let first = piece.chars().next().unwrap();
        assert!(
            first.is_ascii_alphabetic() || matches!(first, '/' | '?'),
            "{piece}"
        );
    }
}

#[test]
fn analyses_print_tables() {
    let unsupported = check_ok(
        "analyze",
        &["unsupported", "--plan", SEED, "--format", "csv"],
    );
    assert!(
        unsupported.starts_with("label,kind,level,plans\r\n"),
        "{unsupported}"
    );
    assert!(unsupported.lines().count() > 1, "{unsupported}");
    let layers = check_ok("analyze", &["layers", "--plan", SEED, "--format", "csv"]);
    assert!(layers.contains("0,产业基础再造,Project"), "{layers}");
    assert!(layers.contains("2,中国动力谷,Goal"), "{layers}");
    let cycles = check_ok("analyze", &["cycles", "--plan", SEED, "--format", "table"]);
    assert_eq!(cycles.trim(), "none");
    let centrality = check_ok("analyze", &["centrality", "--plan", SEED, "--top", "3"]);
    assert_eq!(centrality.lines().count(), 4, "{centrality}");
    assert!(centrality.starts_with("rank,label,kind,in_degree,out_degree,betweenness"));
    let summary = check_ok(
        "analyze",
        &["summary", "--view", "places", "--format", "csv"],
    );
    assert!(summary.contains("District,"), "{summary}");
}
