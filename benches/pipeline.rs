//! The pipeline's stages, timed one by one: intake (decode, normalise, split),
//! extraction, RDF mapping and the store (bulk load of new plans, re-ingest of
//! plans already there). `cargo bench --bench pipeline`; `-- intake` runs one
//! group. Each stage runs on the seed and on the national corpus
//! (`../shared/corpus/national-gwr/`, 72 reports, 1.1 M characters); a corpus that
//! is not there is skipped with a notice. Whole `plankg ingest` runs are timed by
//! `scripts/bench`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use oxigraph::model::Quad;

use plankg::extract::{Extraction, Extractor};
use plankg::intake::{Document, IntakeOptions, SourceFormat};
use plankg::rdf::{IngestRecord, iri, to_quads};
use plankg::store::PlanStore;

/// A set of files read into memory once.
struct Corpus {
    name: &'static str,
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Corpus {
    fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, b)| b.len() as u64).sum()
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed, and the national corpus when `../shared/corpus` holds it.
fn corpora() -> Vec<Corpus> {
    let mut corpora = vec![Corpus {
        name: "seed",
        files: vec![read(&root().join("examples/zhuzhou_2020_plenum.txt"))],
    }];
    let national = root().join("../shared/corpus/national-gwr");
    match std::fs::read_dir(&national) {
        Ok(entries) => {
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| SourceFormat::from_path(p).is_some())
                .collect();
            paths.sort();
            corpora.push(Corpus {
                name: "national-gwr",
                files: paths.iter().map(|p| read(p)).collect(),
            });
        }
        Err(_) => eprintln!(
            "notice: {} not found; benchmarking the seed only",
            national.display()
        ),
    }
    corpora
}

fn read(path: &Path) -> (PathBuf, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path.to_owned(), bytes)
}

fn documents(corpus: &Corpus) -> Vec<Document> {
    corpus
        .files
        .iter()
        .map(|(path, bytes)| {
            Document::from_bytes(path, SourceFormat::Text, bytes, &IntakeOptions::default())
                .expect("corpus files are readable")
        })
        .collect()
}

fn record() -> IngestRecord {
    IngestRecord {
        time: "2026-01-01T00:00:00Z".into(),
        tool_version: "bench".into(),
    }
}

/// Each plan's graph and quads.
fn graphs(
    docs: &[Document],
    extractions: &[Extraction],
) -> Vec<(oxigraph::model::NamedNode, Vec<Quad>)> {
    docs.iter()
        .zip(extractions)
        .map(|(doc, e)| (iri::plan(&e.metadata.id), to_quads(doc, e, &record())))
        .collect()
}

fn stages(c: &mut Criterion) {
    let extractor = Extractor::new();
    for corpus in corpora() {
        let docs = documents(&corpus);
        let extractions: Vec<Extraction> = docs.iter().map(|d| extractor.extract(d)).collect();
        let graphs = graphs(&docs, &extractions);
        let quads: usize = graphs.iter().map(|(_, q)| q.len()).sum();
        eprintln!(
            "{}: {} files, {} bytes, {} quads",
            corpus.name,
            corpus.files.len(),
            corpus.bytes(),
            quads
        );

        let mut group = c.benchmark_group(corpus.name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(10))
            .throughput(Throughput::Bytes(corpus.bytes()));

        group.bench_function("intake", |b| b.iter(|| documents(&corpus)));
        group.bench_function("extract", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.extract(d))
                    .collect::<Vec<_>>()
            })
        });
        group.bench_function("rdf", |b| b.iter(|| graphs_of(&docs, &extractions)));
        group.bench_function("store-new", |b| {
            b.iter_batched(
                || {
                    (
                        tempfile::TempDir::new().expect("temp dir"),
                        all_quads(&graphs),
                    )
                },
                |(dir, quads)| {
                    let store = PlanStore::open(&dir.path().join("kg")).expect("store");
                    store.load_new_graphs(quads).expect("load");
                    drop(store);
                    dir
                },
                BatchSize::PerIteration,
            )
        });
        // Re-ingest: every graph replaced by itself with a new ingest record.
        let again = {
            let mut r = record();
            r.time = "2026-01-02T00:00:00Z".into();
            docs.iter()
                .zip(&extractions)
                .map(|(doc, e)| (iri::plan(&e.metadata.id), to_quads(doc, e, &r)))
                .collect::<Vec<_>>()
        };
        group.bench_function("store-replace", |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::TempDir::new().expect("temp dir");
                    let store = PlanStore::open(&dir.path().join("kg")).expect("store");
                    store.load_new_graphs(all_quads(&graphs)).expect("load");
                    (dir, store)
                },
                |(dir, store)| {
                    for (graph, quads) in &again {
                        store.replace_graph(graph, quads).expect("replace");
                    }
                    drop(store);
                    dir
                },
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }
}

fn graphs_of(docs: &[Document], extractions: &[Extraction]) -> Vec<Vec<Quad>> {
    docs.iter()
        .zip(extractions)
        .map(|(doc, e)| to_quads(doc, e, &record()))
        .collect()
}

fn all_quads(graphs: &[(oxigraph::model::NamedNode, Vec<Quad>)]) -> Vec<Quad> {
    graphs.iter().flat_map(|(_, q)| q.iter().cloned()).collect()
}

criterion_group!(benches, stages);
criterion_main!(benches);
