//! SPARQL queries over the store: the union of all plan graphs is the default
//! graph, results are collected under a deadline.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use oxigraph::model::{Term, Triple};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, Variable,
};

use super::{PlanStore, StoreError};

/// Settings of [`PlanStore::query`].
#[derive(Debug, Clone)]
pub struct QueryOptions {
    /// Give up after this long.
    pub timeout: Duration,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            timeout: Duration::from_secs(60),
        }
    }
}

/// The results of a query, collected.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryOutput {
    /// SELECT: the variables and one row per solution.
    Solutions {
        variables: Vec<Variable>,
        rows: Vec<Vec<Option<Term>>>,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE.
    Graph(Vec<Triple>),
}

impl PlanStore {
    /// Runs a SPARQL query with the union of all graphs as default graph.
    pub fn query(&self, query: &str, options: &QueryOptions) -> Result<QueryOutput, StoreError> {
        let token = CancellationToken::new();
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .parse_query(query)
            .map_err(|e| StoreError::QuerySyntax {
                message: one_line(&e.to_string()),
            })?;
        prepared.dataset_mut().set_default_graph_as_union();
        // A watchdog cancels the evaluation when the deadline passes.
        let (done, finished) = mpsc::channel::<()>();
        let timeout = options.timeout;
        let watchdog = {
            let token = token.clone();
            thread::spawn(move || {
                if finished.recv_timeout(timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
                    token.cancel();
                }
            })
        };
        let result = collect(prepared.on_store(&self.store).execute());
        let _ = done.send(());
        let _ = watchdog.join();
        result.map_err(|e| match e {
            QueryEvaluationError::Cancelled => StoreError::Timeout {
                seconds: timeout.as_secs_f64(),
            },
            e => StoreError::QueryFailed {
                message: e.to_string(),
            },
        })
    }
}

fn collect(
    results: Result<QueryResults<'_>, QueryEvaluationError>,
) -> Result<QueryOutput, QueryEvaluationError> {
    Ok(match results? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            QueryOutput::Solutions { variables, rows }
        }
        QueryResults::Boolean(value) => QueryOutput::Boolean(value),
        QueryResults::Graph(triples) => QueryOutput::Graph(triples.collect::<Result<_, _>>()?),
    })
}

/// A parser message on one line, its list of expected tokens cut short.
fn one_line(message: &str) -> String {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}
