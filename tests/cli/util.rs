//! Helpers: a temporary store, the binary, queries with JSON results.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of `examples/`.
pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

/// The seed document.
pub fn seed() -> PathBuf {
    example("zhuzhou_2020_plenum.txt")
}

/// The binary, with no store in the environment.
pub fn plankg() -> Command {
    let mut cmd = Command::cargo_bin("plankg").expect("binary built");
    cmd.env_remove("PLANKG_STORE");
    cmd
}

/// Runs `cmd`, asserts that it succeeded (showing its stderr when not) and
/// returns its standard output.
#[track_caller]
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A store in a temporary directory.
pub struct TestStore {
    pub dir: TempDir,
}

impl TestStore {
    pub fn new() -> TestStore {
        TestStore {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    /// The store's directory (inside the temporary directory, not yet created).
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("kg")
    }

    /// `plankg SUBCOMMAND --store DIR ARGS…`.
    pub fn cmd(&self, subcommand: &str) -> Command {
        let mut cmd = plankg();
        cmd.arg(subcommand).arg("--store").arg(self.path());
        cmd
    }

    /// Ingests files and asserts success; returns what `ingest` printed.
    pub fn ingest(&self, files: &[&Path]) -> String {
        stdout_of(self.cmd("ingest").args(files))
    }

    /// Runs a SELECT query; each row maps variable → value (lexical form or IRI).
    pub fn select(&self, query: &str) -> Vec<BTreeMap<String, String>> {
        rows(&stdout_of(
            self.cmd("query").args(["--format", "json", query]),
        ))
    }

    /// Every quad of the store as sorted N-Quads lines: a snapshot to compare.
    pub fn snapshot(&self) -> Vec<String> {
        if !self.path().exists() {
            return Vec::new();
        }
        let mut lines: Vec<String> = stdout_of(self.cmd("export").args(["--format", "nquads"]))
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    }
}

/// A store holding the given files.
pub fn ingested_store(files: &[&Path]) -> TestStore {
    let store = TestStore::new();
    store.ingest(files);
    store
}

/// Labels of every concept of a class, sorted.
pub fn labels_of(store: &TestStore, class: &str) -> Vec<String> {
    let query = format!(
        "SELECT DISTINCT ?l WHERE {{ ?c a <https://w3id.org/plankg/ontology#{class}> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} ORDER BY ?l"
    );
    store
        .select(&query)
        .into_iter()
        .map(|r| r["l"].clone())
        .collect()
}

/// The rows of SPARQL JSON results; each maps variable → value (lexical form or IRI).
pub fn rows(json: &str) -> Vec<BTreeMap<String, String>> {
    let json: serde_json::Value = serde_json::from_str(json).expect("JSON results");
    json["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|row| {
            row.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect()
}
