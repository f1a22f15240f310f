//! One plan through the pure stages: intake → extraction → RDF mapping, ready for
//! the store. The entry point is [`prepare`]; [`crate::store::PlanStore::ingest`]
//! writes the result.

use std::path::{Path, PathBuf};

use oxigraph::model::{NamedNode, Quad};

use crate::error::Error;
use crate::extract::metadata::{PlanMetadata, read_metadata};
use crate::extract::{ConceptKind, Diagnostic, Extraction, Extractor};
use crate::intake::{IntakeOptions, read_document};
use crate::rdf::{IngestRecord, iri, to_quads};
use crate::store::{PlanStore, StoreError};

/// Settings of [`prepare`].
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// How to read the file.
    pub intake: IntakeOptions,
    /// Metadata that overrides what the text says (from the command line).
    pub metadata: PlanMetadata,
}

/// A plan ready to be written: its metadata, its graph, and what was found.
#[derive(Debug, Clone)]
pub struct PreparedPlan {
    /// The file it came from.
    pub path: PathBuf,
    /// The extraction (metadata, concepts, relations, diagnostics).
    pub extraction: Extraction,
    /// Name of the plan's graph.
    pub graph: NamedNode,
    /// The graph's quads.
    pub quads: Vec<Quad>,
}

impl PreparedPlan {
    /// One line per count and per diagnostic, for the terminal.
    pub fn summary(&self) -> Vec<String> {
        let e = &self.extraction;
        let counts: Vec<String> = ConceptKind::ALL
            .iter()
            .map(|&k| format!("{} {}", e.count(k), k.as_str().to_lowercase()))
            .collect();
        let mut lines = vec![format!(
            "{}, {} relations",
            counts.join(", "),
            e.relations.len()
        )];
        for d in &e.diagnostics {
            match d {
                Diagnostic::CountMismatch {
                    concept,
                    declared,
                    listed,
                } => lines.push(format!(
                    "{} declares {declared} members, the text lists {listed}",
                    e.concept(*concept).label
                )),
            }
        }
        lines
    }
}

/// The sidecar file that completes a plan's metadata: `FILE.meta.json` beside it.
pub fn sidecar_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".meta.json");
    path.with_file_name(name)
}

/// Reads, extracts and maps one file. Metadata: the text's, then the sidecar's,
/// then `options.metadata`, each overriding the one before.
pub fn prepare(
    path: &Path,
    extractor: &Extractor,
    options: &IngestOptions,
    record: &IngestRecord,
) -> Result<PreparedPlan, Error> {
    let doc = read_document(path, &options.intake)?;
    let mut metadata = read_metadata(&doc);
    let sidecar = sidecar_path(path);
    if sidecar.exists() {
        let text = std::fs::read_to_string(&sidecar).map_err(|source| Error::Sidecar {
            path: sidecar.clone(),
            message: source.to_string(),
        })?;
        let overrides: PlanMetadata = serde_json::from_str(&text).map_err(|e| Error::Sidecar {
            path: sidecar.clone(),
            message: e.to_string(),
        })?;
        metadata.apply(&overrides);
    }
    metadata.apply(&options.metadata);
    let extraction = extractor.extract_with(&doc, metadata);
    let graph = iri::plan(&extraction.metadata.id);
    let quads = to_quads(&doc, &extraction, record);
    Ok(PreparedPlan {
        path: path.to_owned(),
        extraction,
        graph,
        quads,
    })
}

impl PlanStore {
    /// Writes a prepared plan, replacing its graph if it was ingested before.
    pub fn ingest(&self, plan: &PreparedPlan) -> Result<(), StoreError> {
        self.replace_graph(&plan.graph, &plan.quads)
    }

    /// Writes several prepared plans: those new to the store in one bulk load
    /// (atomic: all of them or none), the others each replacing its graph in a
    /// transaction of its own. The quads move into the store: each plan's `quads`
    /// is empty afterwards (a batch's quads are not held twice).
    pub fn ingest_all(&self, plans: &mut [PreparedPlan]) -> Result<(), StoreError> {
        let mut new = Vec::new();
        for plan in plans.iter_mut() {
            if self.has_graph(&plan.graph)? {
                self.ingest(plan)?;
                plan.quads = Vec::new();
            } else {
                new.push(std::mem::take(&mut plan.quads));
            }
        }
        self.load_new_graphs(new.into_iter().flatten())
    }
}
