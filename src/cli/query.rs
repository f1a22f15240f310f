//! `plankg query`: SPARQL over the union of all plans, or at a remote endpoint.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::Args;

use plankg::query::{ResultFormat, write_results};
use plankg::remote::{Endpoint, query_remote};
use plankg::store::{PlanStore, QueryOptions};

#[derive(Debug, Args)]
pub(crate) struct QueryArgs {
    /// The SPARQL query (or use --file).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    query: Option<String>,
    /// Read the query from this file (e.g. one of queries/*.rq).
    #[arg(long, short, value_name = "Q.rq")]
    file: Option<PathBuf>,
    /// table (default on a terminal), csv (default otherwise), tsv, json, xml;
    /// turtle or ntriples for CONSTRUCT and DESCRIBE.
    #[arg(long)]
    format: Option<ResultFormat>,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    timeout: f64,
    /// Run the query at this SPARQL endpoint instead of the local store: the
    /// query URL itself (http://host:7878/query for Oxigraph and plankg serve,
    /// http://host:3030/DATASET/sparql for Fuseki). Credentials as for publish.
    /// The shipped queries expect the union of the plan graphs as default graph:
    /// start Oxigraph with --union-default-graph, or name the graphs with
    /// --default-graph.
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
    /// With --endpoint: a graph of the default graph (the protocol's
    /// default-graph-uri); repeat it for several.
    #[arg(long = "default-graph", value_name = "IRI", requires = "endpoint")]
    default_graphs: Vec<String>,
}

pub(crate) fn run(store_dir: &Path, args: QueryArgs) -> anyhow::Result<ExitCode> {
    let (query, source) = match (&args.query, &args.file) {
        (_, Some(file)) => (
            std::fs::read_to_string(file)
                .with_context(|| format!("{}: cannot read", file.display()))?,
            Some(file.display().to_string()),
        ),
        (Some(query), None) => (query.clone(), None),
        (None, None) => unreachable!("clap requires a query or --file"),
    };
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let output = match &args.endpoint {
        Some(url) => {
            let endpoint = Endpoint::new(
                url,
                super::publish::auth_from_env()?,
                Duration::from_secs_f64(args.timeout),
            )?;
            query_remote(&endpoint, &query, &args.default_graphs).map_err(|e| match &source {
                Some(file) => anyhow::Error::new(e).context(file.clone()),
                None => e.into(),
            })?
        }
        None => {
            let store = PlanStore::open_read_only(store_dir)?;
            let options = QueryOptions {
                timeout: Duration::from_secs_f64(args.timeout),
            };
            store.query(&query, &options).map_err(|e| match &source {
                Some(file) => anyhow::Error::new(e).context(file.clone()),
                None => e.into(),
            })?
        }
    };
    let format = args.format.unwrap_or(if super::stdout_is_terminal() {
        ResultFormat::Table
    } else {
        ResultFormat::Csv
    });
    write_results(&output, format, std::io::stdout().lock())?;
    Ok(ExitCode::SUCCESS)
}
