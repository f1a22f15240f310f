//! plankg turns Chinese government development plans into an RDF knowledge graph.
//!
//! Data flows one way through one module per stage:
//! [`intake`] (a file → a normalised [`intake::Document`]) →
//! [`extract`] (a document → an [`extract::Extraction`] of concepts, mentions and
//! relations) → [`rdf`] (an extraction → the quads of one named graph per plan) →
//! [`store`] (Oxigraph on disk). [`ingest`] runs the pure stages for one file;
//! [`query`] formats results and [`catalog`] describes the store for people.
//! [`views`] reads a part of the store as a petgraph graph and analyses it;
//! [`render`] draws a view (DOT, SVG, PNG, PDF) or writes it as CSV or GraphML.
//! [`serve`] answers the SPARQL protocols and serves a web page over the store;
//! [`remote`] publishes plans into other SPARQL stores and queries them.
//! A stage may use the types of an earlier stage, never those of a later one.

pub mod catalog;
pub mod compare;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod intake;
pub mod query;
pub mod rdf;
pub mod remote;
pub mod render;
pub mod serve;
pub mod span;
pub mod store;
pub mod views;
pub mod vocab;

pub use error::Error;
