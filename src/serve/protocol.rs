//! The SPARQL 1.1 Protocol (`/query`, `/sparql`, `/update`) and the Graph Store
//! HTTP Protocol (`/store`), as Oxigraph's server lays them out.
//!
//! - Queries come by GET (`?query=`) or POST (`application/sparql-query`, or a
//!   form with `query=`); `default-graph-uri` and `named-graph-uri` choose the
//!   dataset, which is otherwise the union of every graph as default graph.
//! - SELECT and ASK results are negotiated by `Accept`: JSON (the default), XML,
//!   CSV, TSV; CONSTRUCT and DESCRIBE: Turtle (the default), N-Triples, JSON-LD,
//!   RDF/XML.
//! - Updates (POST `/update`; `update=` forms and `application/sparql-update`
//!   on `/sparql` too) and Graph Store writes are refused with 403 unless the
//!   server is writable; then each runs in one transaction, one at a time.
//! - A syntax error is 400 with the parser's message, a body over the limit 413,
//!   a timeout 503; more rows than the limit are cut off and the response carries
//!   `X-SPARQL-MaxRows`.

use std::io::Read;

use oxhttp::model::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Triple};
use oxigraph::sparql::results::QueryResultsFormat;

use super::{Rows, State, bytes, form_pairs, text, url_params};
use crate::query::{ResultFormat, write_results, write_triples};
use crate::store::{QueryOptions, QueryOutput, QueryScope, StoreError};

/// Media types for SELECT and ASK results, the first the default.
const SOLUTION_TYPES: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
];

/// Media types for graphs (CONSTRUCT, DESCRIBE, Graph Store reads), the first
/// the default.
const GRAPH_TYPES: &[(&str, GraphFormat)] = &[
    ("text/turtle", GraphFormat::Turtle),
    ("application/n-triples", GraphFormat::NTriples),
    ("text/plain", GraphFormat::NTriples),
    ("application/ld+json", GraphFormat::JsonLd),
    ("application/rdf+xml", GraphFormat::RdfXml),
];

/// Media types for the whole dataset (`GET /store`), the first the default.
const DATASET_TYPES: &[(&str, GraphFormat)] = &[
    ("application/n-quads", GraphFormat::NQuads),
    ("application/trig", GraphFormat::TriG),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GraphFormat {
    Turtle,
    NTriples,
    JsonLd,
    RdfXml,
    NQuads,
    TriG,
}

impl GraphFormat {
    fn rdf(self) -> RdfFormat {
        match self {
            GraphFormat::Turtle => RdfFormat::Turtle,
            GraphFormat::NTriples => RdfFormat::NTriples,
            GraphFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            GraphFormat::RdfXml => RdfFormat::RdfXml,
            GraphFormat::NQuads => RdfFormat::NQuads,
            GraphFormat::TriG => RdfFormat::TriG,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            GraphFormat::Turtle => "text/turtle; charset=utf-8",
            GraphFormat::NTriples => "application/n-triples",
            GraphFormat::JsonLd => "application/ld+json",
            GraphFormat::RdfXml => "application/rdf+xml",
            GraphFormat::NQuads => "application/n-quads",
            GraphFormat::TriG => "application/trig",
        }
    }
}

/// A SPARQL request, read off the HTTP request.
#[derive(Debug, PartialEq)]
enum Operation {
    Query {
        query: String,
        default_graphs: Vec<NamedNode>,
        named_graphs: Vec<NamedNode>,
    },
    Update(String),
}

/// `/query` and `/sparql`.
pub(crate) fn query(state: &State, request: &mut Request<Body>) -> Response<Body> {
    let operation = match read_operation(state, request) {
        Ok(operation) => operation,
        Err(refusal) => return refusal.response(),
    };
    match operation {
        Operation::Update(update) => run_update(state, &update),
        Operation::Query {
            query,
            default_graphs,
            named_graphs,
        } => {
            let scope = QueryScope {
                default_graphs: (!default_graphs.is_empty()).then_some(default_graphs),
                named_graphs: (!named_graphs.is_empty()).then_some(named_graphs),
                max_rows: Some(state.options.max_rows),
            };
            let accept = header(request, ACCEPT);
            run_query(state, &query, &scope, accept.as_deref())
        }
    }
}

/// `/update`.
pub(crate) fn update(state: &State, request: &mut Request<Body>) -> Response<Body> {
    if request.method() != Method::POST {
        return text(
            StatusCode::METHOD_NOT_ALLOWED,
            "/update takes POST with an application/sparql-update body or an update= form",
        );
    }
    if !state.options.writable {
        return read_only();
    }
    match read_operation(state, request) {
        Ok(Operation::Update(update)) => run_update(state, &update),
        Ok(Operation::Query { .. }) => text(
            StatusCode::BAD_REQUEST,
            "/update takes updates; send queries to /query",
        ),
        Err(refusal) => refusal.response(),
    }
}

fn read_operation(state: &State, request: &mut Request<Body>) -> Result<Operation, Refusal> {
    let url = url_params(request);
    let (query, update, params) = match *request.method() {
        Method::GET | Method::HEAD => {
            let query = single(&url, "query")?;
            if single(&url, "update")?.is_some() {
                return Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "updates go by POST: an application/sparql-update body or an update= form",
                ));
            }
            (query, None, url)
        }
        Method::POST => {
            const TYPES: [&str; 3] = [
                "application/sparql-query",
                "application/sparql-update",
                "application/x-www-form-urlencoded",
            ];
            // The type first: a body of the wrong type is not read.
            let media = media_type(request).unwrap_or_default();
            if !TYPES.contains(&media.as_str()) {
                return Err(Refusal::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    &format!(
                        "cannot take a body of type {:?}: send application/sparql-query, application/sparql-update or an application/x-www-form-urlencoded form",
                        media
                    ),
                ));
            }
            let body = read_body(request, state.options.max_body_bytes)?;
            if media == TYPES[0] {
                (Some(utf8(body)?), None, url)
            } else if media == TYPES[1] {
                (None, Some(utf8(body)?), url)
            } else {
                let mut params = form_pairs(&body);
                let query = single(&params, "query")?;
                let update = single(&params, "update")?;
                params.extend(url);
                (query, update, params)
            }
        }
        _ => {
            return Err(Refusal::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "SPARQL queries come by GET or POST",
            ));
        }
    };
    match (query, update) {
        (Some(query), None) => Ok(Operation::Query {
            query,
            default_graphs: iris(&params, "default-graph-uri")?,
            named_graphs: iris(&params, "named-graph-uri")?,
        }),
        (None, Some(update)) => {
            if params
                .iter()
                .any(|(k, _)| k == "using-graph-uri" || k == "using-named-graph-uri")
            {
                return Err(Refusal::new(
                    StatusCode::BAD_REQUEST,
                    "using-graph-uri and using-named-graph-uri are not supported: write USING in the update",
                ));
            }
            Ok(Operation::Update(update))
        }
        (Some(_), Some(_)) => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "a request holds a query or an update, not both",
        )),
        (None, None) => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "no query: pass ?query=…, or POST an application/sparql-query body or a query= form",
        )),
    }
}

fn run_query(
    state: &State,
    query: &str,
    scope: &QueryScope,
    accept: Option<&str>,
) -> Response<Body> {
    let options = QueryOptions {
        timeout: state.options.timeout,
    };
    let scoped = match state.store.query_scoped(query, &options, scope) {
        Ok(scoped) => scoped,
        Err(e) => return store_error(&e),
    };
    let mut out = Vec::new();
    let (content_type, rows) = match &scoped.output {
        QueryOutput::Graph(triples) => {
            let Some(format) = negotiate(accept, GRAPH_TYPES) else {
                return not_acceptable(GRAPH_TYPES);
            };
            if let Err(e) = write_triples(triples, format.rdf(), &mut out) {
                return internal(&e);
            }
            (format.content_type(), triples.len())
        }
        output => {
            let Some(format) = negotiate(accept, SOLUTION_TYPES) else {
                return not_acceptable(SOLUTION_TYPES);
            };
            let (result_format, content_type) = match format {
                QueryResultsFormat::Xml => (ResultFormat::Xml, "application/sparql-results+xml"),
                QueryResultsFormat::Csv => (ResultFormat::Csv, "text/csv; charset=utf-8"),
                QueryResultsFormat::Tsv => (
                    ResultFormat::Tsv,
                    "text/tab-separated-values; charset=utf-8",
                ),
                _ => (ResultFormat::Json, "application/sparql-results+json"),
            };
            if let Err(e) = write_results(output, result_format, &mut out) {
                return internal(&e);
            }
            let rows = match output {
                QueryOutput::Solutions { rows, .. } => rows.len(),
                _ => 1,
            };
            (content_type, rows)
        }
    };
    let mut response = bytes(StatusCode::OK, content_type, out);
    if scoped.truncated {
        response.headers_mut().insert(
            "x-sparql-maxrows",
            HeaderValue::from(state.options.max_rows),
        );
    }
    response.extensions_mut().insert(Rows(rows));
    response
}

fn run_update(state: &State, update: &str) -> Response<Body> {
    if !state.options.writable {
        return read_only();
    }
    let options = QueryOptions {
        timeout: state.options.timeout,
    };
    let _one_writer = state.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    match state.store.update(update, &options) {
        Ok(()) => no_content(),
        Err(e) => store_error(&e),
    }
}

/// What a Graph Store request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// No `graph` or `default` parameter: the whole store.
    Dataset,
    /// `?default`: for reads the union of every graph (as queries see it), for
    /// writes the store's own default graph.
    Default,
    /// `?graph=IRI`.
    Named(NamedNode),
}

/// `/store`.
pub(crate) fn graph_store(state: &State, request: &mut Request<Body>) -> Response<Body> {
    let target = match target(&url_params(request)) {
        Ok(target) => target,
        Err(refusal) => return refusal.response(),
    };
    let method = request.method().clone();
    match method {
        Method::GET | Method::HEAD => read_graph(state, &target, header(request, ACCEPT)),
        Method::PUT | Method::POST | Method::DELETE if !state.options.writable => read_only(),
        Method::DELETE => delete_graph(state, &target),
        Method::PUT | Method::POST => write_graph(state, request, &target, method == Method::PUT),
        _ => text(
            StatusCode::METHOD_NOT_ALLOWED,
            "the Graph Store takes GET, HEAD, PUT, POST and DELETE",
        ),
    }
}

fn target(params: &[(String, String)]) -> Result<Target, Refusal> {
    let graph = single(params, "graph")?;
    let default = params.iter().any(|(k, _)| k == "default");
    match (graph, default) {
        (Some(_), true) => Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            "give ?graph=IRI or ?default, not both",
        )),
        (Some(iri), false) => NamedNode::new(&iri).map(Target::Named).map_err(|e| {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                &format!("graph {iri:?} is not an absolute IRI: {e}"),
            )
        }),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::Dataset),
    }
}

fn read_graph(state: &State, target: &Target, accept: Option<String>) -> Response<Body> {
    let offers = if *target == Target::Dataset {
        DATASET_TYPES
    } else {
        GRAPH_TYPES
    };
    let Some(format) = negotiate(accept.as_deref(), offers) else {
        return not_acceptable(offers);
    };
    let graph = match target {
        Target::Named(graph) => match state.store.has_graph(graph) {
            Ok(true) => Some(graph),
            Ok(false) => return text(StatusCode::NOT_FOUND, &format!("no graph {graph}")),
            Err(e) => return store_error(&e),
        },
        Target::Default | Target::Dataset => None,
    };
    let mut out = Vec::new();
    match state.store.export(format.rdf(), graph, &mut out) {
        Ok(()) => bytes(StatusCode::OK, format.content_type(), out),
        Err(e) => store_error(&e),
    }
}

fn write_graph(
    state: &State,
    request: &mut Request<Body>,
    target: &Target,
    replace: bool,
) -> Response<Body> {
    let Some(media) = media_type(request) else {
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "give the body's Content-Type (text/turtle, application/n-triples, …)",
        );
    };
    let Some(format) = RdfFormat::from_media_type(&media) else {
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("cannot read RDF of type {media}"),
        );
    };
    let graph = match target {
        Target::Named(graph) => GraphName::from(graph.clone()),
        Target::Default => GraphName::DefaultGraph,
        Target::Dataset if !replace && format.supports_datasets() => GraphName::DefaultGraph,
        Target::Dataset => {
            return text(
                StatusCode::BAD_REQUEST,
                "name the graph: ?graph=IRI or ?default (POST of N-Quads or TriG may leave it out)",
            );
        }
    };
    if *target != Target::Dataset && format.supports_datasets() {
        return text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!(
                "a graph takes a graph format (Turtle, N-Triples, RDF/XML, JSON-LD), not {media}"
            ),
        );
    }
    let body = match read_body(request, state.options.max_body_bytes) {
        Ok(body) => body,
        Err(refusal) => return refusal.response(),
    };
    let mut quads = Vec::new();
    for quad in RdfParser::from_format(format).for_slice(&body) {
        match quad {
            Ok(quad) => quads.push(quad),
            Err(e) => {
                return text(
                    StatusCode::BAD_REQUEST,
                    &format!("cannot read the body as {}: {e}", format.name()),
                );
            }
        }
    }
    let count = quads.len();
    let _one_writer = state.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    let result = if *target == Target::Dataset {
        state.store.add_quads(&quads).map(|()| true)
    } else {
        let triples = quads.into_iter().map(Triple::from).collect();
        state.store.write_graph(&graph, triples, replace)
    };
    let mut response = match result {
        Ok(true) => no_content(),
        Ok(false) => bytes(StatusCode::CREATED, "text/plain; charset=utf-8", Vec::new()),
        Err(e) => return store_error(&e),
    };
    response.extensions_mut().insert(Rows(count));
    response
}

fn delete_graph(state: &State, target: &Target) -> Response<Body> {
    let graph = match target {
        Target::Named(graph) => GraphName::from(graph.clone()),
        Target::Default => GraphName::DefaultGraph,
        Target::Dataset => {
            return text(
                StatusCode::BAD_REQUEST,
                "name the graph to delete: ?graph=IRI or ?default",
            );
        }
    };
    let _one_writer = state.write_lock.lock().unwrap_or_else(|e| e.into_inner());
    match state.store.delete_graph(&graph) {
        Ok(true) => no_content(),
        Ok(false) => text(StatusCode::NOT_FOUND, &format!("no graph {graph}")),
        Err(e) => store_error(&e),
    }
}

/// Picks the offer the `Accept` header likes best: each offer gets the quality of
/// the most specific range that matches it; ties go to the earlier offer. No
/// header means `*/*`.
fn negotiate<T: Copy>(accept: Option<&str>, offers: &[(&str, T)]) -> Option<T> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let ranges: Vec<(String, f32)> = accept
        .unwrap_or("*/*")
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((media, q))
        })
        .collect();
    let mut best: Option<(f32, T)> = None;
    for (offer, value) in offers {
        let (kind, _) = offer.split_once('/').expect("a media type");
        let mut quality = None;
        let mut specificity = 0;
        for (media, q) in &ranges {
            let s = if media == offer {
                3
            } else if media.strip_suffix("/*") == Some(kind) {
                2
            } else if media == "*/*" {
                1
            } else {
                continue;
            };
            if s > specificity {
                specificity = s;
                quality = Some(*q);
            }
        }
        if let Some(q) = quality.filter(|q| *q > 0.0)
            && best.is_none_or(|(b, _)| q > b)
        {
            best = Some((q, *value));
        }
    }
    best.map(|(_, value)| value)
}

/// Why a request is refused: a status and a message for the client.
#[derive(Debug)]
struct Refusal {
    status: StatusCode,
    message: String,
}

impl Refusal {
    fn new(status: StatusCode, message: &str) -> Refusal {
        Refusal {
            status,
            message: message.to_owned(),
        }
    }

    fn response(self) -> Response<Body> {
        text(self.status, &self.message)
    }
}

/// The one value of a parameter; 400 when it is given twice.
fn single(params: &[(String, String)], key: &str) -> Result<Option<String>, Refusal> {
    let mut values = params.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
    let first = values.next().cloned();
    if values.next().is_some() {
        return Err(Refusal::new(
            StatusCode::BAD_REQUEST,
            &format!("give the parameter {key} once"),
        ));
    }
    Ok(first)
}

fn iris(params: &[(String, String)], key: &str) -> Result<Vec<NamedNode>, Refusal> {
    params
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, iri)| {
            NamedNode::new(iri).map_err(|e| {
                Refusal::new(
                    StatusCode::BAD_REQUEST,
                    &format!("{key} {iri:?} is not an absolute IRI: {e}"),
                )
            })
        })
        .collect()
}

fn header(request: &Request<Body>, name: oxhttp::model::HeaderName) -> Option<String> {
    request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// The media type of the body, without parameters, lowercase.
fn media_type(request: &Request<Body>) -> Option<String> {
    let value = header(request, CONTENT_TYPE)?;
    let media = value.split(';').next()?.trim().to_ascii_lowercase();
    (!media.is_empty()).then_some(media)
}

/// The body, or 413 when it is larger than `limit` bytes.
fn read_body(request: &mut Request<Body>, limit: u64) -> Result<Vec<u8>, Refusal> {
    let too_large = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "the request body is larger than the server's limit of {limit} bytes (--max-body)"
            ),
        )
    };
    let declared = header(request, CONTENT_LENGTH).and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    Read::by_ref(request.body_mut())
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|e| {
            Refusal::new(
                StatusCode::BAD_REQUEST,
                &format!("cannot read the request body: {e}"),
            )
        })?;
    if body.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(body)
}

fn utf8(body: Vec<u8>) -> Result<String, Refusal> {
    String::from_utf8(body)
        .map_err(|_| Refusal::new(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
}

fn store_error(e: &StoreError) -> Response<Body> {
    let status = match e {
        StoreError::QuerySyntax { .. } => StatusCode::BAD_REQUEST,
        StoreError::Timeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let mut message = e.to_string();
    if let StoreError::Timeout { .. } = e {
        message.push_str(" (the server's --timeout): narrow the query or add a LIMIT");
    }
    text(status, &message)
}

fn read_only() -> Response<Body> {
    text(
        StatusCode::FORBIDDEN,
        "this server is read-only: start it with `plankg serve --writable` to accept updates and Graph Store writes",
    )
}

fn not_acceptable<T>(offers: &[(&str, T)]) -> Response<Body> {
    let types: Vec<&str> = offers.iter().map(|(t, _)| *t).collect();
    text(
        StatusCode::NOT_ACCEPTABLE,
        &format!(
            "no format the Accept header allows; available: {}",
            types.join(", ")
        ),
    )
}

fn no_content() -> Response<Body> {
    Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Body::empty())
        .expect("valid response")
}

fn internal(e: &std::io::Error) -> Response<Body> {
    text(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("cannot write the results: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(accept: Option<&str>, expected: Option<QueryResultsFormat>) {
        assert_eq!(negotiate(accept, SOLUTION_TYPES), expected, "{accept:?}");
    }

    #[test]
    fn accept_headers_pick_formats() {
        use QueryResultsFormat::*;
        check(None, Some(Json));
        check(Some(""), Some(Json));
        check(Some("*/*"), Some(Json));
        check(Some("text/csv"), Some(Csv));
        check(Some("text/*"), Some(Xml));
        check(Some("text/tab-separated-values, text/csv;q=0.5"), Some(Tsv));
        check(Some("text/csv;q=0.5, text/tab-separated-values"), Some(Tsv));
        check(
            Some("application/sparql-results+xml;q=0.9, */*;q=0.1"),
            Some(Xml),
        );
        check(Some("application/json, text/turtle;q=0.9"), Some(Json));
        check(
            Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            Some(Xml),
        );
        check(Some("text/turtle"), None);
        check(Some("text/csv;q=0"), None);
    }

    #[test]
    fn graph_targets_come_from_the_parameters() {
        let params = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        assert_eq!(target(&params(&[])).unwrap(), Target::Dataset);
        assert_eq!(
            target(&params(&[("default", "")])).unwrap(),
            Target::Default
        );
        assert_eq!(
            target(&params(&[("graph", "http://example.org/g")])).unwrap(),
            Target::Named(NamedNode::new_unchecked("http://example.org/g"))
        );
        for bad in [
            &[("graph", "not an iri")][..],
            &[("graph", "http://a.org/"), ("default", "")],
            &[("graph", "http://a.org/"), ("graph", "http://b.org/")],
        ] {
            assert_eq!(
                target(&params(bad)).unwrap_err().status,
                StatusCode::BAD_REQUEST
            );
        }
    }
}
