//! SPARQL queries over the store: the union of all plan graphs is the default
//! graph, results are collected under a deadline. SPARQL Update, for a server
//! that was asked to accept writes, runs under the same deadline in one
//! transaction.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use oxigraph::model::{GraphName, NamedNode, Term, Triple};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator, Variable,
};

use super::{PlanStore, StoreError};

/// How long a timed-out evaluation is given to notice its cancellation before it
/// is left to finish in the background.
const CANCELLATION_GRACE: Duration = Duration::from_millis(500);

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

/// What a query sees and how much it may return: the knobs of the SPARQL
/// protocol (`default-graph-uri`, `named-graph-uri`) and a server's row limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryScope {
    /// The graphs whose union is the default graph; `None` keeps the query's own
    /// `FROM`, or else the union of every graph.
    pub default_graphs: Option<Vec<NamedNode>>,
    /// The graphs `GRAPH ?g` may reach; `None` keeps the query's own `FROM
    /// NAMED`, or else every graph.
    pub named_graphs: Option<Vec<NamedNode>>,
    /// Stop collecting solutions or triples after this many.
    pub max_rows: Option<usize>,
}

/// The results of a query under a [`QueryScope`].
#[derive(Debug, Clone, PartialEq)]
pub struct ScopedOutput {
    pub output: QueryOutput,
    /// Whether `max_rows` cut the results short.
    pub truncated: bool,
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
    /// Runs a SPARQL query with the union of all graphs as default graph (unless
    /// the query names its own with `FROM`).
    pub fn query(&self, query: &str, options: &QueryOptions) -> Result<QueryOutput, StoreError> {
        self.query_scoped(query, options, &QueryScope::default())
            .map(|scoped| scoped.output)
    }

    /// Runs a SPARQL query over the graphs `scope` names, collecting at most
    /// `scope.max_rows` solutions or triples.
    pub fn query_scoped(
        &self,
        query: &str,
        options: &QueryOptions,
        scope: &QueryScope,
    ) -> Result<ScopedOutput, StoreError> {
        let token = CancellationToken::new();
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .parse_query(query)
            .map_err(|e| StoreError::QuerySyntax {
                message: one_line(&e.to_string()),
            })?;
        let dataset = prepared.dataset_mut();
        match &scope.default_graphs {
            Some(graphs) => {
                dataset.set_default_graph(graphs.iter().cloned().map(GraphName::from).collect())
            }
            None if dataset.is_default_dataset() => dataset.set_default_graph_as_union(),
            None => {}
        }
        if let Some(graphs) = &scope.named_graphs {
            dataset.set_available_named_graphs(graphs.iter().cloned().map(Into::into).collect());
        }
        // The evaluation runs on its own thread so that the deadline holds even
        // when Oxigraph does not notice the cancellation: it checks the token
        // as it reads the store, and a long computation on results in memory
        // (a cross product, say) reads nothing. Such an evaluation goes on in
        // the background until it ends; its caller has had its answer.
        let store = self.store.clone();
        let max_rows = scope.max_rows;
        let (send, receive) = mpsc::sync_channel(1);
        let evaluation = thread::Builder::new()
            .name("plankg query".into())
            .spawn(move || {
                let _ = send.send(collect(prepared.on_store(&store).execute(), max_rows));
            })
            .map_err(|e| StoreError::QueryFailed {
                message: format!("cannot start the evaluation: {e}"),
            })?;
        let mut timed_out = false;
        let mut answer = receive.recv_timeout(options.timeout);
        if matches!(answer, Err(mpsc::RecvTimeoutError::Timeout)) {
            timed_out = true;
            token.cancel();
            // Most evaluations stop soon after the cancellation: wait a little so
            // that they end here rather than in the background.
            answer = receive.recv_timeout(CANCELLATION_GRACE);
        }
        // Once it has answered, the thread is joined: it holds a handle on the
        // store, and a thread that drops the last handle while the process exits
        // would close RocksDB after its static state is gone (it aborts with
        // "pthread lock: Invalid argument").
        if !matches!(answer, Err(mpsc::RecvTimeoutError::Timeout)) {
            let _ = evaluation.join();
        }
        let timeout = || StoreError::Timeout {
            seconds: options.timeout.as_secs_f64(),
        };
        match answer {
            _ if timed_out => Err(timeout()),
            Ok(Ok(scoped)) => Ok(scoped),
            Ok(Err(QueryEvaluationError::Cancelled)) => Err(timeout()),
            Ok(Err(e)) => Err(StoreError::QueryFailed {
                message: e.to_string(),
            }),
            Err(_) => Err(StoreError::QueryFailed {
                message: "the evaluation stopped unexpectedly".to_owned(),
            }),
        }
    }

    /// Runs a SPARQL 1.1 Update in one transaction: a failure or a timeout
    /// leaves the store as it was. Without `GRAPH`, updates address the store's
    /// own default graph (plans live in named graphs).
    pub fn update(&self, update: &str, options: &QueryOptions) -> Result<(), StoreError> {
        let token = CancellationToken::new();
        let prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .parse_update(update)
            .map_err(|e| StoreError::QuerySyntax {
                message: one_line(&e.to_string()),
            })?;
        // Unlike a query, an update is never left running in the background:
        // it could commit after its caller was told it timed out. The watchdog
        // only cancels it; the transaction then rolls back here, before we return.
        let watchdog = Watchdog::start(token, options.timeout);
        let result = prepared.on_store(&self.store).execute();
        let fired = watchdog.stop();
        result.map_err(|e| {
            if fired {
                StoreError::Timeout {
                    seconds: options.timeout.as_secs_f64(),
                }
            } else {
                StoreError::UpdateFailed {
                    message: e.to_string(),
                }
            }
        })
    }
}

/// Cancels an evaluation when its deadline passes.
struct Watchdog {
    done: mpsc::Sender<()>,
    thread: thread::JoinHandle<()>,
    fired: Arc<AtomicBool>,
}

impl Watchdog {
    fn start(token: CancellationToken, timeout: Duration) -> Watchdog {
        let (done, finished) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let thread = {
            let fired = Arc::clone(&fired);
            thread::spawn(move || {
                if finished.recv_timeout(timeout) == Err(mpsc::RecvTimeoutError::Timeout) {
                    fired.store(true, Ordering::SeqCst);
                    token.cancel();
                }
            })
        };
        Watchdog {
            done,
            thread,
            fired,
        }
    }

    /// Stops watching; whether the deadline had passed.
    fn stop(self) -> bool {
        let _ = self.done.send(());
        let _ = self.thread.join();
        self.fired.load(Ordering::SeqCst)
    }
}

fn collect(
    results: Result<QueryResults<'_>, QueryEvaluationError>,
    max_rows: Option<usize>,
) -> Result<ScopedOutput, QueryEvaluationError> {
    let limit = max_rows.unwrap_or(usize::MAX);
    let mut truncated = false;
    let output = match results? {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            for solution in solutions {
                let solution = solution?;
                if rows.len() == limit {
                    truncated = true;
                    break;
                }
                rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
            }
            QueryOutput::Solutions { variables, rows }
        }
        QueryResults::Boolean(value) => QueryOutput::Boolean(value),
        QueryResults::Graph(triples) => {
            let mut collected = Vec::new();
            for triple in triples {
                let triple = triple?;
                if collected.len() == limit {
                    truncated = true;
                    break;
                }
                collected.push(triple);
            }
            QueryOutput::Graph(collected)
        }
    };
    Ok(ScopedOutput { output, truncated })
}

/// A parser message on one line, its list of expected tokens cut short.
fn one_line(message: &str) -> String {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(160) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

impl PlanStore {
    /// Runs a SELECT query that plankg itself builds and returns its rows.
    pub fn select(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        match self.query(query, &QueryOptions::default())? {
            QueryOutput::Solutions { rows, .. } => Ok(rows),
            _ => Err(StoreError::QueryFailed {
                message: "expected a SELECT query".to_owned(),
            }),
        }
    }
}

/// A bound term as text: a literal's lexical form, an IRI without brackets, the
/// empty string when unbound.
pub fn lexical(term: &Option<Term>) -> String {
    match term {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// `n` values, for queries that multiply them.
    fn values(n: usize) -> String {
        (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(" ")
    }

    /// Runs `query` with `timeout` and `max_rows` on an empty store.
    #[track_caller]
    fn check(
        query: &str,
        timeout: Duration,
        max_rows: Option<usize>,
    ) -> Result<ScopedOutput, StoreError> {
        let dir = tempfile::TempDir::new().unwrap();
        let store = PlanStore::open(&dir.path().join("kg")).unwrap();
        let scope = QueryScope {
            max_rows,
            ..QueryScope::default()
        };
        store.query_scoped(query, &QueryOptions { timeout }, &scope)
    }

    #[test]
    fn the_deadline_holds_even_where_oxigraph_does_not_look_at_the_token() {
        // A cross product in memory: Oxigraph reads no quad, so it never sees
        // the cancellation; the caller still gets its answer on time.
        // 100⁴ rows: far longer than the deadline if it did not hold.
        let v = values(100);
        let query = format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {v} }} VALUES ?b {{ {v} }} VALUES ?c {{ {v} }} VALUES ?d {{ {v} }} }}"
        );
        let started = Instant::now();
        let result = check(&query, Duration::from_millis(200), None);
        assert!(
            matches!(result, Err(StoreError::Timeout { .. })),
            "{result:?}"
        );
        // The deadline, the grace a cancelled evaluation gets, and a margin.
        assert!(
            started.elapsed()
                < Duration::from_millis(200) + CANCELLATION_GRACE + Duration::from_millis(1500),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn rows_beyond_the_limit_are_cut_and_flagged() {
        let query = format!("SELECT ?a WHERE {{ VALUES ?a {{ {} }} }}", values(10));
        let cut = check(&query, Duration::from_secs(10), Some(4)).unwrap();
        assert!(cut.truncated);
        assert!(matches!(cut.output, QueryOutput::Solutions { ref rows, .. } if rows.len() == 4));
        let whole = check(&query, Duration::from_secs(10), Some(10)).unwrap();
        assert!(!whole.truncated);
        let syntax = check("SELECT ?a WHERE {", Duration::from_secs(10), None);
        assert!(matches!(syntax, Err(StoreError::QuerySyntax { .. })));
    }
}
