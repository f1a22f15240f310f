//! plankg turns Chinese government development plans into an RDF knowledge graph.
//!
//! Data flows one way through one module per stage:
//! [`intake`] (a file → a normalised [`intake::Document`]) →
//! `extract` (a document → an `Extraction` of concepts, mentions and relations) →
//! `rdf` (an extraction → quads, one named graph per plan) →
//! `store` (Oxigraph on disk: ingest, query, export).
//! A stage may use the types of an earlier stage, never those of a later one.

pub mod intake;
pub mod span;
pub mod vocab;
