//! The store: Oxigraph's RocksDB-backed on-disk store in a directory, one named
//! graph per plan. The only module that touches `oxigraph::store`.
//!
//! The entry point is [`PlanStore`]. Writers ([`PlanStore::open`]) hold an
//! exclusive lock on the directory and readers ([`PlanStore::open_read_only`]) a
//! shared one, so a second process gets [`StoreError::Locked`] instead of a damaged
//! store. Replacing a plan's graph is one transaction: a failure leaves the store as
//! it was.

mod graphs;
mod query;

use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNodeRef, Quad, QuadRef};
use oxigraph::store::{StorageError, Store};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

pub use query::{QueryOptions, QueryOutput, QueryScope, ScopedOutput, lexical};

/// Version of the layout plankg writes; a store of a newer layout is refused.
pub const FORMAT_VERSION: u32 = 1;
const FORMAT_FILE: &str = "plankg-store.json";
const LOCK_FILE: &str = "plankg.lock";
const DATA_DIR: &str = "oxigraph";
/// Memory the bulk loader may use (its batches are about a thousand quads per
/// megabyte): bounds the peak of a large ingest.
const BULK_LOAD_MEGABYTES: usize = 100;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No store at that path.
    #[error("no plankg store at {}", .path.display())]
    Missing { path: PathBuf },
    /// The directory holds something that is not a plankg store.
    #[error("{} is not a plankg store", .path.display())]
    NotAStore { path: PathBuf },
    /// Another process is using the store.
    #[error("store {} is locked by another plankg process", .path.display())]
    Locked { path: PathBuf },
    /// The store's data is damaged.
    #[error("store {} is corrupt: {message}", .path.display())]
    Corrupt { path: PathBuf, message: String },
    /// The store was written by a newer plankg.
    #[error("store {} has format {found}, this plankg reads format {FORMAT_VERSION}", .path.display())]
    NewerFormat { path: PathBuf, found: u32 },
    /// Reading or writing the store's files failed.
    #[error("store {}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Oxigraph reported an error.
    #[error("store {}", .path.display())]
    Storage {
        path: PathBuf,
        #[source]
        source: StorageError,
    },
    /// No plan with that id is in the store.
    #[error("no plan {id:?} in the store")]
    UnknownPlan { id: String },
    /// The query could not be parsed.
    #[error("SPARQL syntax error: {message}")]
    QuerySyntax { message: String },
    /// The query failed while running.
    #[error("query failed: {message}")]
    QueryFailed { message: String },
    /// A SPARQL update failed while running (the store is as it was).
    #[error("update failed: {message}")]
    UpdateFailed { message: String },
    /// The query ran out of time.
    #[error("query timed out after {seconds} s")]
    Timeout { seconds: f64 },
    /// Writing results or an export failed.
    #[error("cannot write output")]
    Output(#[source] std::io::Error),
}

impl StoreError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            StoreError::Missing { .. } => {
                Some("ingest a plan first: plankg ingest --store DIR FILE")
            }
            StoreError::Locked { .. } => Some(
                "wait for that process to finish, then run the command again; a `plankg serve` on the store holds it until stopped (one started with --writable takes writes through /update and /store)",
            ),
            StoreError::Corrupt { .. } => {
                Some("re-create the store: move the directory away and ingest the plans again")
            }
            StoreError::NotAStore { .. } => Some("give --store an empty or new directory"),
            StoreError::NewerFormat { .. } => Some(
                "use a plankg at least as new as the one that wrote the store (plankg-store.json names it), or ingest the plans into a new store",
            ),
            StoreError::UnknownPlan { .. } => Some("`plankg plans` lists the plans in the store"),
            StoreError::Timeout { .. } => Some("raise --timeout or narrow the query"),
            _ => None,
        }
    }
}

/// The store's own description of itself, kept beside the data.
#[derive(Debug, Serialize, Deserialize)]
struct FormatRecord {
    format: u32,
    created_by: String,
}

/// A plan store in a directory.
pub struct PlanStore {
    store: Store,
    path: PathBuf,
    // Held for the store's lifetime: the lock is released when the file closes.
    _lock: File,
}

impl PlanStore {
    /// Opens the store at `dir` for writing, creating it if missing.
    pub fn open(dir: &Path) -> Result<PlanStore, StoreError> {
        let io = |source| StoreError::Io {
            path: dir.to_owned(),
            source,
        };
        let format_file = dir.join(FORMAT_FILE);
        if dir.exists() && !format_file.exists() && !is_unborn(dir).map_err(io)? {
            return Err(StoreError::NotAStore {
                path: dir.to_owned(),
            });
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let lock = lock(dir, true)?;
        if format_file.exists() {
            check_format(dir)?;
        } else {
            let record = FormatRecord {
                format: FORMAT_VERSION,
                created_by: format!("plankg {}", env!("CARGO_PKG_VERSION")),
            };
            let json = serde_json::to_string_pretty(&record).expect("serialisable");
            // Written whole or not at all: a process killed here leaves no half record.
            let temp = dir.join(format!("{FORMAT_FILE}.tmp"));
            std::fs::write(&temp, json).map_err(io)?;
            std::fs::rename(&temp, &format_file).map_err(io)?;
        }
        let store = open_store(&dir.join(DATA_DIR), false).map_err(|e| storage_error(dir, e))?;
        Ok(PlanStore {
            store,
            path: dir.to_owned(),
            _lock: lock,
        })
    }

    /// Opens an existing store for reading; other readers may use it at the same time.
    pub fn open_read_only(dir: &Path) -> Result<PlanStore, StoreError> {
        if !dir.join(FORMAT_FILE).exists() {
            return Err(if dir.exists() && !is_unborn(dir).unwrap_or(false) {
                StoreError::NotAStore {
                    path: dir.to_owned(),
                }
            } else {
                StoreError::Missing {
                    path: dir.to_owned(),
                }
            });
        }
        let lock = lock(dir, false)?;
        check_format(dir)?;
        let store = open_store(&dir.join(DATA_DIR), true).map_err(|e| storage_error(dir, e))?;
        Ok(PlanStore {
            store,
            path: dir.to_owned(),
            _lock: lock,
        })
    }

    /// The store's directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the graph `graph` with `quads`, in one transaction: the store holds
    /// either the old graph or the new one, never a part of either.
    ///
    /// Only the difference is written: quads of the old graph that the new one lacks
    /// are removed, quads the old one lacks are inserted, the rest stays. Re-ingesting
    /// a file that did not change rewrites a handful of quads (the ingest record), not
    /// the whole graph; a transaction that deleted and re-inserted every quad was
    /// what made re-ingesting slow and memory-hungry (every index entry twice in
    /// RocksDB's write batch and memtables).
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
        let old = transaction
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| self.error(e))?;
        let old_set: FxHashSet<QuadRef<'_>> = old.iter().map(Quad::as_ref).collect();
        let new_set: FxHashSet<QuadRef<'_>> = quads.iter().map(Quad::as_ref).collect();
        for quad in &old {
            if !new_set.contains(&quad.as_ref()) {
                transaction.remove(quad);
            }
        }
        transaction.insert_named_graph(graph);
        for quad in &new_set {
            if !old_set.contains(quad) {
                transaction.insert(*quad);
            }
        }
        transaction.commit().map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Loads the quads of graphs that are not in the store yet, all in one atomic
    /// bulk load: a failure or a crash leaves none of them (RocksDB ingests the
    /// load's files into every index in one step). Quads of graphs already in the
    /// store would be added to them, not replace them: use [`PlanStore::replace_graph`].
    pub fn load_new_graphs(&self, quads: impl IntoIterator<Item = Quad>) -> Result<(), StoreError> {
        let mut quads = quads.into_iter().peekable();
        if quads.peek().is_none() {
            return Ok(());
        }
        // One call for all graphs: the loader writes one set of sorted files per call
        // (below a million quads), so a call per graph made a set of small files per
        // plan and kept RocksDB compacting them.
        let mut loader = self
            .store
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(BULK_LOAD_MEGABYTES);
        loader.load_quads(quads).map_err(|e| self.error(e))?;
        loader.commit().map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Removes a graph; `false` if there was none.
    pub fn remove_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        let exists = self
            .store
            .contains_named_graph(graph)
            .map_err(|e| self.error(e))?;
        if exists {
            let mut transaction = self.store.start_transaction().map_err(|e| self.error(e))?;
            transaction
                .remove_named_graph(graph)
                .map_err(|e| self.error(e))?;
            transaction.commit().map_err(|e| self.error(e))?;
        }
        Ok(exists)
    }

    /// Whether a graph of that name exists.
    pub fn has_graph(&self, graph: &NamedNode) -> Result<bool, StoreError> {
        self.store
            .contains_named_graph(graph)
            .map_err(|e| self.error(e))
    }

    /// Names of every graph.
    pub fn graphs(&self) -> Result<Vec<NamedNode>, StoreError> {
        let mut graphs = Vec::new();
        for graph in self.store.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(node) =
                graph.map_err(|e| self.error(e))?
            {
                graphs.push(node);
            }
        }
        graphs.sort();
        Ok(graphs)
    }

    /// Number of quads in one graph, or in the whole store.
    pub fn len(&self, graph: Option<&NamedNode>) -> Result<usize, StoreError> {
        match graph {
            None => self.store.len().map_err(|e| self.error(e)),
            Some(graph) => {
                let mut n = 0;
                for quad in self
                    .store
                    .quads_for_pattern(None, None, None, Some(graph.into()))
                {
                    quad.map_err(|e| self.error(e))?;
                    n += 1;
                }
                Ok(n)
            }
        }
    }

    /// Whether the store holds no quad.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.store.is_empty().map_err(|e| self.error(e))
    }

    /// Writes one graph or the whole store in `format`. Formats without graphs
    /// (Turtle, N-Triples, RDF/XML) get the union of the graphs asked for.
    pub fn export(
        &self,
        format: RdfFormat,
        graph: Option<&NamedNode>,
        out: impl Write,
    ) -> Result<(), StoreError> {
        let mut writer = serializer(format).for_writer(out);
        let pattern = graph.map(GraphNameRef::from);
        for quad in self.store.quads_for_pattern(None, None, None, pattern) {
            let quad = quad.map_err(|e| self.error(e))?;
            if format.supports_datasets() {
                writer.serialize_quad(&quad).map_err(StoreError::Output)?;
            } else {
                writer
                    .serialize_triple(quad.as_ref())
                    .map_err(StoreError::Output)?;
            }
        }
        writer.finish().map_err(StoreError::Output)?;
        Ok(())
    }

    /// Every quad, for tests and comparisons.
    pub fn quads(&self) -> Result<Vec<Quad>, StoreError> {
        self.store
            .iter()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))
    }

    fn error(&self, e: StorageError) -> StoreError {
        storage_error(&self.path, e)
    }

    /// Whether a graph name denotes a named graph of this store (not the default graph).
    pub fn contains_named(&self, graph: NamedOrBlankNodeRef<'_>) -> Result<bool, StoreError> {
        self.store
            .contains_named_graph(graph)
            .map_err(|e| self.error(e))
    }
}

/// Prefixes written in Turtle-like exports.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pk", crate::vocab::pk::NAMESPACE),
    ("rdf", crate::vocab::rdf::NAMESPACE),
    ("rdfs", crate::vocab::rdfs::NAMESPACE),
    ("skos", crate::vocab::skos::NAMESPACE),
    ("dcterms", crate::vocab::dcterms::NAMESPACE),
    ("prov", crate::vocab::prov::NAMESPACE),
    ("nif", crate::vocab::nif::NAMESPACE),
    ("xsd", crate::vocab::xsd::NAMESPACE),
    ("concept", "https://w3id.org/plankg/concept/"),
    ("plan", "https://w3id.org/plankg/plan/"),
];

/// A serializer for `format` that writes the ontology's prefixes (where the format
/// has prefixes).
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    PREFIXES.iter().fold(
        RdfSerializer::from_format(format),
        |serializer, (prefix, iri)| {
            serializer
                .with_prefix(*prefix, *iri)
                .expect("valid prefixes")
        },
    )
}

fn lock(dir: &Path, exclusive: bool) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = if exclusive {
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
    } else {
        File::open(&path).or_else(|_| {
            File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
        })
    }
    .map_err(|source| StoreError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let result = if exclusive {
        file.try_lock()
    } else {
        file.try_lock_shared()
    };
    match result {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(StoreError::Locked {
            path: dir.to_owned(),
        }),
        Err(TryLockError::Error(source)) => Err(StoreError::Io {
            path: dir.to_owned(),
            source,
        }),
    }
}

/// Oxigraph's on-disk store in `data`.
#[cfg(feature = "rocksdb")]
fn open_store(data: &Path, read_only: bool) -> Result<Store, StorageError> {
    if read_only {
        Store::open_read_only(data)
    } else {
        Store::open(data)
    }
}

/// Builds without the `rocksdb` feature (the fuzz targets) never keep a store: it
/// lives in memory and is gone when the process ends.
#[cfg(not(feature = "rocksdb"))]
fn open_store(_data: &Path, _read_only: bool) -> Result<Store, StorageError> {
    Store::new()
}

/// Whether `dir` holds nothing, or only what a store's creation leaves before its
/// format record is written (the lock file, the record's temporary file): a
/// process killed while creating the store leaves a directory a new store may use.
fn is_unborn(dir: &Path) -> std::io::Result<bool> {
    let temp = format!("{FORMAT_FILE}.tmp");
    for entry in dir.read_dir()? {
        let name = entry?.file_name();
        if name != LOCK_FILE && name.to_str() != Some(temp.as_str()) {
            return Ok(false);
        }
    }
    Ok(true)
}

fn check_format(dir: &Path) -> Result<(), StoreError> {
    let text = std::fs::read_to_string(dir.join(FORMAT_FILE)).map_err(|source| StoreError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let record: FormatRecord = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
        path: dir.to_owned(),
        message: format!("{FORMAT_FILE}: {e}"),
    })?;
    if record.format > FORMAT_VERSION {
        return Err(StoreError::NewerFormat {
            path: dir.to_owned(),
            found: record.format,
        });
    }
    Ok(())
}

fn storage_error(dir: &Path, e: StorageError) -> StoreError {
    let message = e.to_string();
    match e {
        StorageError::Corruption(_) => StoreError::Corrupt {
            path: dir.to_owned(),
            message,
        },
        _ if message.contains("Corruption") || message.contains("CURRENT") => StoreError::Corrupt {
            path: dir.to_owned(),
            message,
        },
        _ if message.contains("lock") => StoreError::Locked {
            path: dir.to_owned(),
        },
        e => StoreError::Storage {
            path: dir.to_owned(),
            source: e,
        },
    }
}
