//! The command line: clap types (their doc comments are `--help`), one file per
//! verb, and the mapping of errors to messages and exit codes. Only this module
//! knows clap, terminals and exit codes.

mod analyze;
mod compare;
mod explain;
mod export;
mod ingest;
mod path;
mod plans;
mod publish;
mod query;
mod serve;
mod view;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  plankg ingest --store kg examples/                 # every .txt/.md/.html plan in a folder
  plankg plans --store kg                             # what is in the store
  plankg query --store kg --file queries/strategies-and-support.rq
  plankg query --store kg --format csv 'SELECT ?s WHERE { ?s a <https://w3id.org/plankg/ontology#Strategy> }'
  plankg explain --store kg 中国动力谷                 # a concept, its relations and mentions
  plankg export --store kg --format trig -o kg.trig
  plankg view dependency --store kg --plan zhuzhou_2020_plenum -o out/dep.svg   # also out/dep.dot, .nodes.csv, .edges.csv
  plankg view concept 中国动力谷 --depth 2 --store kg -o out/valley.png
  plankg view plan zhuzhou_2020_plenum --store kg --format graphml -o out/plan.graphml
  plankg view places --store kg --cluster level --format pdf -o out/places.pdf
  plankg path 产业基础再造 国家重要先进制造业高地 --store kg   # the support chain between two concepts
  plankg analyze unsupported --store kg --plan zhuzhou_2020_plenum   # goals nothing supports
  plankg analyze centrality --store kg --format csv
  plankg serve --store kg                             # SPARQL at http://127.0.0.1:7879/query, a web page at /
  plankg publish --store kg --endpoint http://localhost:7878   # every plan into an Oxigraph server
  plankg query --endpoint http://localhost:7878/query --file queries/plans.rq

The store defaults to ./plankg-store, or $PLANKG_STORE.";

/// Turn Chinese development plans into an RDF knowledge graph and query it.
#[derive(Debug, Parser)]
#[command(name = "plankg", version, after_help = EXAMPLES)]
pub struct Args {
    /// The store: a directory holding the graph (created by `ingest` if missing).
    #[arg(
        long,
        global = true,
        env = "PLANKG_STORE",
        default_value = "plankg-store",
        value_name = "DIR"
    )]
    store: PathBuf,
    #[command(subcommand)]
    command: Command,
}

/// The Graphviz program, shared by the verbs that draw (`view`, `compare`, `serve`).
#[derive(Debug, clap::Args)]
struct GraphvizArg {
    /// The Graphviz program that lays out diagrams (svg, png, pdf). `serve` draws
    /// with a built-in layout when it is missing; the other verbs say so and stop.
    #[arg(
        long = "dot",
        global = true,
        env = "PLANKG_DOT",
        default_value = "dot",
        value_name = "PROGRAM"
    )]
    program: std::ffi::OsString,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read plans and store their graphs; re-ingesting a file replaces its graph.
    Ingest(ingest::IngestArgs),
    /// Run a SPARQL query over all plans (their union is the default graph).
    Query(query::QueryArgs),
    /// Write the graph of one plan or of all plans as RDF.
    Export(export::ExportArgs),
    /// List the plans in the store with their metadata and counts.
    Plans(plans::PlansArgs),
    /// Remove plans from the store.
    Remove(plans::RemoveArgs),
    /// Count what the store holds.
    Stats,
    /// Show a concept: classes, relations and every mention, ready to cite.
    Explain(explain::ExplainArgs),
    /// Draw a view of the graph (DOT, SVG, PNG, PDF) or write it as CSV or GraphML.
    View(view::ViewArgs),
    /// Analyse a view: layers, cycles, gaps, centrality, redundant edges.
    Analyze(analyze::AnalyzeArgs),
    /// Print the support chain from one concept up to another (shortest path).
    Path(path::PathArgs),
    /// Compare a plan with its province's and the nation's: alignments, services,
    /// gaps, additions, coverage; a report in Markdown, CSV and JSON, and a diagram.
    Compare(compare::CompareArgs),
    /// Serve the store over HTTP: SPARQL 1.1 Protocol at /query and /update,
    /// Graph Store Protocol at /store, and a web page at / to query and browse
    /// the plans and concepts. Read-only unless --writable; loopback only unless
    /// --public.
    Serve(serve::ServeArgs),
    /// Put plans into another SPARQL store (Oxigraph, Fuseki, GraphDB, Virtuoso)
    /// through the Graph Store Protocol, one named graph per plan; publishing
    /// again replaces them. Credentials come from PLANKG_ENDPOINT_TOKEN (bearer)
    /// or PLANKG_ENDPOINT_USER and PLANKG_ENDPOINT_PASSWORD (basic).
    Publish(publish::PublishArgs),
}

/// Parses the command line, runs it, and maps the outcome to an exit code:
/// 0 success, 1 failure, 2 usage error (clap's own).
pub fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Ingest(a) => ingest::run(&args.store, a),
        Command::Query(a) => query::run(&args.store, a),
        Command::Export(a) => export::run(&args.store, a),
        Command::Plans(a) => plans::run_plans(&args.store, a),
        Command::Remove(a) => plans::run_remove(&args.store, a),
        Command::Stats => plans::run_stats(&args.store),
        Command::Explain(a) => explain::run(&args.store, a),
        Command::View(a) => view::run(&args.store, a),
        Command::Analyze(a) => analyze::run(&args.store, a),
        Command::Path(a) => path::run(&args.store, a),
        Command::Compare(a) => compare::run(&args.store, a),
        Command::Serve(a) => serve::run(&args.store, a),
        Command::Publish(a) => publish::run(&args.store, a),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::FAILURE
        }
    }
}

/// Prints `plankg: error: cause…` and a hint line when one applies.
pub(crate) fn report(err: &anyhow::Error) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "plankg: {err:#}");
    if let Some(hint) = hint(err) {
        let _ = writeln!(stderr, "hint: {hint}");
    }
}

fn hint(err: &anyhow::Error) -> Option<&'static str> {
    err.chain().find_map(|cause| {
        if let Some(e) = cause.downcast_ref::<plankg::Error>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::store::StoreError>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::intake::IntakeError>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::views::ViewError>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::render::RenderError>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::compare::CompareError>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::serve::ServeError>() {
            e.hint()
        } else if let Some(e) = cause.downcast_ref::<plankg::remote::RemoteError>() {
            e.hint()
        } else {
            None
        }
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether stdout goes to a terminal (tables) or elsewhere (machine formats).
pub(crate) fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
