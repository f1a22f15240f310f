//! `plankg export`: the graph of one plan or all plans as RDF.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use oxigraph::io::{JsonLdProfileSet, RdfFormat};

use plankg::catalog::require_plan;
use plankg::store::PlanStore;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
    Rdfxml,
    Jsonld,
}

impl ExportFormat {
    fn rdf(self) -> RdfFormat {
        match self {
            ExportFormat::Turtle => RdfFormat::Turtle,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Ntriples => RdfFormat::NTriples,
            ExportFormat::Nquads => RdfFormat::NQuads,
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
            ExportFormat::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// RDF format. Turtle, N-Triples and RDF/XML have no graphs: with all plans
    /// they get the union of the plan graphs.
    #[arg(long, value_enum, default_value = "trig")]
    format: ExportFormat,
    /// Only this plan (its id, as `plankg plans` shows it).
    #[arg(long, value_name = "ID")]
    plan: Option<String>,
    /// Write to this file instead of standard output (written whole, or not at all).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(store_dir: &Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = PlanStore::open_read_only(store_dir)?;
    let graph = args
        .plan
        .as_deref()
        .map(|id| require_plan(&store, id))
        .transpose()?;
    let format = args.format.rdf();
    match &args.output {
        None => store.export(format, graph.as_ref(), std::io::stdout().lock())?,
        Some(path) => {
            // Write beside the target, then rename: a failure leaves no half file.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut temp =
                tempfile_in(dir).with_context(|| format!("{}: cannot write", path.display()))?;
            store.export(format, graph.as_ref(), &mut temp.1)?;
            temp.1.flush()?;
            std::fs::rename(&temp.0, path)
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A new file in `dir` with a name no other process picks.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let path = dir.join(format!(".plankg-export-{}.tmp", std::process::id()));
    let file = std::fs::File::create(&path)?;
    Ok((path, file))
}
