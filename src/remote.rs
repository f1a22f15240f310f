//! Other SPARQL stores (an Oxigraph server, Fuseki, GraphDB, Virtuoso):
//! [`publish_plan`] puts one plan's graph into a remote store through the Graph
//! Store HTTP Protocol, [`query_remote`] runs a query through the SPARQL 1.1
//! Protocol and reads the results back into a [`QueryOutput`]. The entry point
//! is [`Endpoint`]. The only module that knows the HTTP client (ureq).
//!
//! Publishing is `PUT BASE+STORE_PATH?graph=PLAN_IRI` with the plan's graph as
//! N-Triples, so publishing again replaces the graph: it is safe to repeat.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Triple};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

use crate::catalog::require_plan;
use crate::store::{PlanStore, QueryOutput, StoreError};

/// The Graph Store path of Oxigraph's server (and of `plankg serve`).
pub const DEFAULT_STORE_PATH: &str = "/store";

/// How to authenticate with a remote store.
#[derive(Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer TOKEN`.
    Bearer(String),
    /// `Authorization: Basic …` (user and password).
    Basic { user: String, password: String },
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Secrets stay out of logs and error reports.
        match self {
            Auth::Bearer(_) => f.write_str("Bearer(…)"),
            Auth::Basic { user, .. } => write!(f, "Basic({user}, …)"),
        }
    }
}

impl Auth {
    fn header(&self) -> String {
        match self {
            Auth::Bearer(token) => format!("Bearer {token}"),
            Auth::Basic { user, password } => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ),
        }
    }
}

/// Why talking to a remote store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoteError {
    /// The store answered with an error status.
    #[error("{}: HTTP {status}{}{}", place(.plan, .url), reason(*.status), message_suffix(.message))]
    Http {
        status: u16,
        /// The plan being published, if any.
        plan: Option<String>,
        url: String,
        /// The start of the store's own message.
        message: String,
    },
    /// The store could not be reached, or the connection failed.
    #[error("{}: cannot reach the store", place(.plan, .url))]
    Unreachable {
        plan: Option<String>,
        url: String,
        #[source]
        source: ureq::Error,
    },
    /// The endpoint is not an http(s) URL.
    #[error("{url:?} is not an http:// or https:// URL")]
    BadEndpoint { url: String },
    /// The store's answer is in a format plankg does not read, or malformed.
    #[error("{url}: cannot read the answer ({content_type}): {message}")]
    BadAnswer {
        url: String,
        content_type: String,
        message: String,
    },
    /// The local store failed (or has no such plan).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What was being done where: `publishing plan ID to URL`, or the URL.
fn place(plan: &Option<String>, url: &str) -> String {
    match plan {
        Some(plan) => format!("publishing plan {plan} to {url}"),
        None => url.to_owned(),
    }
}

fn reason(status: u16) -> String {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

fn message_suffix(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!(": {message}")
    }
}

impl RemoteError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            RemoteError::Http {
                status: 401 | 403, ..
            } => Some(
                "give credentials in the environment: PLANKG_ENDPOINT_TOKEN (bearer), or PLANKG_ENDPOINT_USER and PLANKG_ENDPOINT_PASSWORD (basic); the store must also accept writes",
            ),
            RemoteError::Http {
                status: 404 | 405,
                plan: Some(_),
                ..
            } => Some(
                "check --endpoint and --store-path: Oxigraph serves the Graph Store at BASE/store (the default), Fuseki at BASE/DATASET/data (--store-path /data with --endpoint http://host:3030/DATASET)",
            ),
            RemoteError::Http {
                status: 404 | 405,
                plan: None,
                ..
            } => Some(
                "give the query endpoint itself: http://host:7878/query for Oxigraph, http://host:3030/DATASET/sparql for Fuseki",
            ),
            RemoteError::Http { status: 413, .. } => {
                Some("the store refuses bodies that large: raise its request size limit")
            }
            RemoteError::Unreachable { .. } => {
                Some("is the store running? check the host and port of --endpoint")
            }
            RemoteError::Store(e) => e.hint(),
            _ => None,
        }
    }
}

/// A remote store and how to talk to it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    url: String,
    auth: Option<Auth>,
    agent: ureq::Agent,
}

impl Endpoint {
    /// An endpoint at `url` (an `http://` or `https://` URL; a trailing `/` is
    /// dropped), giving up on a request after `timeout`.
    pub fn new(url: &str, auth: Option<Auth>, timeout: Duration) -> Result<Endpoint, RemoteError> {
        let url = url.trim().trim_end_matches('/').to_owned();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(RemoteError::BadEndpoint { url });
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .user_agent(concat!("plankg/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Endpoint { url, auth, agent })
    }

    /// The URL, as given without a trailing `/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn authorization(&self) -> Option<String> {
        self.auth.as_ref().map(Auth::header)
    }
}

/// A plan put into a remote store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub plan: String,
    /// The named graph it went into (the plan's IRI).
    pub graph: NamedNode,
    pub triples: usize,
    pub bytes: usize,
    /// Whether the store said it created the graph (201) rather than replaced it.
    pub created: bool,
}

/// Puts plan `id`'s graph into the store at `endpoint` (its base URL) by a Graph
/// Store `PUT` to `endpoint + store_path` (e.g. `/store`), replacing what that
/// graph held.
pub fn publish_plan(
    store: &PlanStore,
    endpoint: &Endpoint,
    store_path: &str,
    id: &str,
) -> Result<Published, RemoteError> {
    let graph = require_plan(store, id)?;
    let mut body = Vec::new();
    store.export(RdfFormat::NTriples, Some(&graph), &mut body)?;
    let triples = body.iter().filter(|b| **b == b'\n').count();
    let path = if store_path.is_empty() || store_path.starts_with('/') {
        store_path.to_owned()
    } else {
        format!("/{store_path}")
    };
    let url = format!("{}{path}", endpoint.url);
    let mut request = endpoint
        .agent
        .put(&url)
        .query("graph", graph.as_str())
        .header("Content-Type", "application/n-triples");
    if let Some(authorization) = endpoint.authorization() {
        request = request.header("Authorization", authorization);
    }
    let plan = Some(id.to_owned());
    let mut response = request
        .send(&body)
        .map_err(|source| RemoteError::Unreachable {
            plan: plan.clone(),
            url: url.clone(),
            source,
        })?;
    let status = response.status().as_u16();
    if !(200..300).contains(&status) {
        return Err(RemoteError::Http {
            status,
            plan,
            url,
            message: excerpt(&response.body_mut().read_to_string().unwrap_or_default()),
        });
    }
    Ok(Published {
        plan: id.to_owned(),
        graph,
        triples,
        bytes: body.len(),
        created: status == 201,
    })
}

/// Runs `query` at the SPARQL query endpoint `endpoint` (POST
/// `application/sparql-query`), with `default_graphs` as `default-graph-uri`
/// when given, and reads SELECT/ASK results (JSON or XML) or a graph (N-Triples
/// or Turtle) back.
pub fn query_remote(
    endpoint: &Endpoint,
    query: &str,
    default_graphs: &[String],
) -> Result<QueryOutput, RemoteError> {
    let url = endpoint.url.clone();
    let mut request = endpoint
        .agent
        .post(&url)
        .header("Content-Type", "application/sparql-query")
        .header(
            "Accept",
            "application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.8, text/turtle;q=0.7",
        );
    for graph in default_graphs {
        request = request.query("default-graph-uri", graph);
    }
    if let Some(authorization) = endpoint.authorization() {
        request = request.header("Authorization", authorization);
    }
    let mut response = request
        .send(query)
        .map_err(|source| RemoteError::Unreachable {
            plan: None,
            url: url.clone(),
            source,
        })?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("Content-Type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_vec()
        .map_err(|source| RemoteError::Unreachable {
            plan: None,
            url: url.clone(),
            source,
        })?;
    if !(200..300).contains(&status) {
        return Err(RemoteError::Http {
            status,
            plan: None,
            url,
            message: excerpt(&String::from_utf8_lossy(&body)),
        });
    }
    read_answer(&body, &content_type).map_err(|message| RemoteError::BadAnswer {
        url,
        content_type,
        message,
    })
}

/// Reads a query's answer by its media type.
fn read_answer(body: &[u8], content_type: &str) -> Result<QueryOutput, String> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if let Some(format) = QueryResultsFormat::from_media_type(&media)
        && matches!(format, QueryResultsFormat::Json | QueryResultsFormat::Xml)
    {
        let parsed = QueryResultsParser::from_format(format)
            .for_slice(body)
            .map_err(|e| e.to_string())?;
        return match parsed {
            SliceQueryResultsParserOutput::Boolean(value) => Ok(QueryOutput::Boolean(value)),
            SliceQueryResultsParserOutput::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let mut rows = Vec::new();
                for solution in solutions {
                    let solution = solution.map_err(|e| e.to_string())?;
                    rows.push(variables.iter().map(|v| solution.get(v).cloned()).collect());
                }
                Ok(QueryOutput::Solutions { variables, rows })
            }
        };
    }
    if let Some(format) = RdfFormat::from_media_type(&media)
        && !format.supports_datasets()
    {
        let triples = RdfParser::from_format(format)
            .for_slice(body)
            .map(|quad| quad.map(Triple::from).map_err(|e| e.to_string()))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(QueryOutput::Graph(triples));
    }
    Err("expected SPARQL JSON or XML results, N-Triples or Turtle".to_owned())
}

/// The start of a store's message, on one line.
fn excerpt(message: &str) -> String {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(300) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(body: &str, content_type: &str, expected: &str) {
        let output = read_answer(body.as_bytes(), content_type).unwrap();
        let mut out = Vec::new();
        crate::query::write_results(&output, crate::query::ResultFormat::Csv, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn answers_are_read_by_media_type() {
        check(
            r#"{"head":{"vars":["l"]},"results":{"bindings":[{"l":{"type":"literal","value":"中国动力谷","xml:lang":"zh"}}]}}"#,
            "application/sparql-results+json; charset=utf-8",
            "l\r\n中国动力谷\r\n",
        );
        check(r#"{"head":{},"boolean":true}"#, "application/json", "true");
        check(
            "<http://example.org/s> <http://example.org/p> \"o\" .\n",
            "application/n-triples",
            "<http://example.org/s> <http://example.org/p> \"o\" .\n",
        );
        assert!(read_answer(b"<html></html>", "text/html").is_err());
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let auth = Auth::Basic {
            user: "ana".into(),
            password: "s3cret".into(),
        };
        assert_eq!(format!("{auth:?}"), "Basic(ana, …)");
        assert_eq!(auth.header(), "Basic YW5hOnMzY3JldA==");
        assert_eq!(format!("{:?}", Auth::Bearer("t0ken".into())), "Bearer(…)");
    }

    #[test]
    fn endpoints_are_http_urls() {
        let endpoint = Endpoint::new("http://127.0.0.1:7878/", None, Duration::from_secs(1));
        assert_eq!(endpoint.unwrap().url(), "http://127.0.0.1:7878");
        assert!(matches!(
            Endpoint::new("127.0.0.1:7878", None, Duration::from_secs(1)),
            Err(RemoteError::BadEndpoint { .. })
        ));
    }
}
