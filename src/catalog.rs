//! What the store holds, for people: the plans with their metadata and counts,
//! one concept explained with every mention, and store statistics. Built on
//! SPARQL over [`PlanStore`].

use std::collections::BTreeMap;

use serde::Serialize;

use crate::rdf::iri;
use crate::store::{PlanStore, StoreError, lexical};
use crate::vocab::{dcterms, nif, pk, rdf, rdfs, skos};

/// A plan in the store, as `plankg plans` lists it.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct PlanSummary {
    pub id: String,
    pub title: String,
    pub issuer: String,
    pub region: String,
    pub level: String,
    pub period: String,
    pub horizon: String,
    pub date: String,
    pub document_type: String,
    /// Concepts per class (`Strategy` → 9, …).
    pub counts: BTreeMap<String, usize>,
    /// Number of relations.
    pub relations: usize,
}

/// Every plan in the store, sorted by id.
pub fn list_plans(store: &PlanStore) -> Result<Vec<PlanSummary>, StoreError> {
    let query = format!(
        "SELECT ?g ?id ?title ?issuer ?region ?level ?period ?horizon ?date ?type WHERE {{
           GRAPH ?g {{ ?plan a <{plan}> ; <{plan_id}> ?id .
             OPTIONAL {{ ?plan <{title}> ?title }}
             OPTIONAL {{ ?plan <{issuer}> ?issuer }}
             OPTIONAL {{ ?plan <{region}> ?r . ?r <{label}> ?region }}
             OPTIONAL {{ ?plan <{level}> ?level }}
             OPTIONAL {{ ?plan <{period}> ?period }}
             OPTIONAL {{ ?plan <{horizon}> ?horizon }}
             OPTIONAL {{ ?plan <{date}> ?date }}
             OPTIONAL {{ ?plan <{kind}> ?type }} }}
         }} ORDER BY ?id",
        plan = pk::PLAN.as_str(),
        plan_id = pk::PLAN_ID.as_str(),
        title = dcterms::TITLE.as_str(),
        issuer = pk::ISSUER.as_str(),
        region = pk::REGION.as_str(),
        label = rdfs::LABEL.as_str(),
        level = pk::ADMIN_LEVEL_OF.as_str(),
        period = pk::PERIOD_LABEL.as_str(),
        horizon = pk::HORIZON_YEAR.as_str(),
        date = dcterms::DATE.as_str(),
        kind = pk::DOCUMENT_TYPE.as_str(),
    );
    let mut plans = Vec::new();
    for row in store.select(&query)? {
        let level = lexical(&row[5]);
        plans.push(PlanSummary {
            id: lexical(&row[1]),
            title: lexical(&row[2]),
            issuer: lexical(&row[3]),
            region: lexical(&row[4]),
            level: level.rsplit('#').next().unwrap_or_default().to_lowercase(),
            period: lexical(&row[6]),
            horizon: lexical(&row[7]),
            date: lexical(&row[8]),
            document_type: lexical(&row[9]),
            ..PlanSummary::default()
        });
    }
    let counts = format!(
        "SELECT ?g ?class (COUNT(DISTINCT ?c) AS ?n) WHERE {{
           GRAPH ?g {{ ?c a ?class }}
           VALUES ?class {{ <{}> <{}> <{}> <{}> <{}> }}
         }} GROUP BY ?g ?class",
        pk::STRATEGY.as_str(),
        pk::GOAL.as_str(),
        pk::PROJECT.as_str(),
        pk::TASK.as_str(),
        pk::DISTRICT.as_str()
    );
    for row in store.select(&counts)? {
        let id = iri::plan_id_of(&lexical(&row[0])).unwrap_or_default();
        let class = lexical(&row[1])
            .rsplit('#')
            .next()
            .unwrap_or_default()
            .to_owned();
        let n = lexical(&row[2]).parse().unwrap_or(0);
        if let Some(plan) = plans.iter_mut().find(|p| p.id == id) {
            plan.counts.insert(class, n);
        }
    }
    let relations = format!(
        "SELECT ?g (COUNT(?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a <{}> }} }} GROUP BY ?g",
        pk::ASSERTION.as_str()
    );
    for row in store.select(&relations)? {
        let id = iri::plan_id_of(&lexical(&row[0])).unwrap_or_default();
        if let Some(plan) = plans.iter_mut().find(|p| p.id == id) {
            plan.relations = lexical(&row[1]).parse().unwrap_or(0);
        }
    }
    Ok(plans)
}

/// A plan's id as given, checked against the store.
pub fn require_plan(store: &PlanStore, id: &str) -> Result<oxigraph::model::NamedNode, StoreError> {
    let graph = iri::plan(id);
    if store.has_graph(&graph)? {
        Ok(graph)
    } else {
        Err(StoreError::UnknownPlan { id: id.to_owned() })
    }
}

/// One mention of a concept, ready to cite.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CitedMention {
    pub plan: String,
    pub source_file: String,
    /// The exact characters in the file.
    pub surface: String,
    pub char_start: u64,
    pub char_end: u64,
    /// The sentence, normalised.
    pub sentence: String,
    pub section: String,
}

/// A concept with everything the store says about it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Explanation {
    pub iri: String,
    pub label: String,
    pub alt_labels: Vec<String>,
    pub classes: Vec<String>,
    /// (direction, predicate, other concept's label): `→ supports 中国动力谷`.
    pub relations: Vec<(String, String, String)>,
    pub mentions: Vec<CitedMention>,
}

/// Explains the concept whose label or alternative label is `name`.
pub fn explain(store: &PlanStore, name: &str) -> Result<Option<Explanation>, StoreError> {
    let literal = serde_json::to_string(name).expect("strings serialise");
    let find = format!(
        "SELECT DISTINCT ?c ?label WHERE {{
           {{ ?c <{label}> ?l }} UNION {{ ?c <{alt}> ?l }}
           FILTER(STR(?l) = {literal}) ?c <{label}> ?label
         }} ORDER BY ?c LIMIT 1",
        label = rdfs::LABEL.as_str(),
        alt = skos::ALT_LABEL.as_str(),
    );
    let Some(row) = store.select(&find)?.into_iter().next() else {
        return Ok(None);
    };
    let iri = lexical(&row[0]);
    let label = lexical(&row[1]);
    let column = |query: String| -> Result<Vec<String>, StoreError> {
        let mut values: Vec<String> = store
            .select(&query)?
            .iter()
            .map(|r| lexical(&r[0]))
            .collect();
        values.sort();
        values.dedup();
        Ok(values)
    };
    let alt_labels = column(format!(
        "SELECT ?l WHERE {{ <{iri}> <{}> ?l }}",
        skos::ALT_LABEL.as_str()
    ))?;
    let classes = column(format!(
        "SELECT ?t WHERE {{ <{iri}> <{}> ?t }}",
        rdf::TYPE.as_str()
    ))?
    .into_iter()
    .filter_map(|t| t.strip_prefix(pk::NAMESPACE).map(str::to_owned))
    .collect();
    let relation_query = format!(
        "SELECT DISTINCT ?dir ?p ?label WHERE {{
           VALUES ?p {{ <{has_part}> <{supports}> <{located}> }}
           {{ <{iri}> ?p ?o . ?o <{l}> ?label BIND(\"→\" AS ?dir) }}
           UNION {{ ?s ?p <{iri}> . ?s <{l}> ?label BIND(\"←\" AS ?dir) }}
         }} ORDER BY ?dir ?p ?label",
        has_part = pk::HAS_PART.as_str(),
        supports = pk::SUPPORTS.as_str(),
        located = pk::LOCATED_IN.as_str(),
        l = rdfs::LABEL.as_str(),
    );
    let relations = store
        .select(&relation_query)?
        .iter()
        .map(|r| {
            let p = lexical(&r[1]);
            (
                lexical(&r[0]),
                p.rsplit('#').next().unwrap_or_default().to_owned(),
                lexical(&r[2]),
            )
        })
        .collect();
    let mention_query = format!(
        "SELECT ?id ?file ?surface ?start ?end ?sentence ?section WHERE {{
           ?m <{mention_of}> <{iri}> ; <{in_plan}> ?plan ; <{anchor}> ?surface ;
              <{begin}> ?start ; <{end}> ?end ; <{in_sentence}> ?s .
           ?plan <{plan_id}> ?id ; <{source}> ?file .
           ?s <{label}> ?sentence .
           OPTIONAL {{ ?s <{heading}> ?section }}
         }} ORDER BY ?id ?start",
        mention_of = pk::MENTION_OF.as_str(),
        in_plan = pk::IN_PLAN.as_str(),
        anchor = nif::ANCHOR_OF.as_str(),
        begin = nif::BEGIN_INDEX.as_str(),
        end = nif::END_INDEX.as_str(),
        in_sentence = pk::IN_SENTENCE.as_str(),
        plan_id = pk::PLAN_ID.as_str(),
        source = pk::SOURCE_FILE.as_str(),
        label = rdfs::LABEL.as_str(),
        heading = pk::SECTION_HEADING.as_str(),
    );
    let mentions = store
        .select(&mention_query)?
        .iter()
        .map(|r| CitedMention {
            plan: lexical(&r[0]),
            source_file: lexical(&r[1]),
            surface: lexical(&r[2]),
            char_start: lexical(&r[3]).parse().unwrap_or(0),
            char_end: lexical(&r[4]).parse().unwrap_or(0),
            sentence: lexical(&r[5]),
            section: lexical(&r[6]),
        })
        .collect();
    Ok(Some(Explanation {
        iri,
        label,
        alt_labels,
        classes,
        relations,
        mentions,
    }))
}

/// The classes a concept list shows, in the order pages list them.
const CONCEPT_CLASSES: [&str; 5] = ["Strategy", "Goal", "Project", "Task", "District"];

fn class_values() -> String {
    CONCEPT_CLASSES
        .iter()
        .map(|c| format!("<{}{c}>", pk::NAMESPACE))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The concepts plan `id` names: (class local name, label), by class (strategies
/// first) and label.
pub fn plan_concepts(store: &PlanStore, id: &str) -> Result<Vec<(String, String)>, StoreError> {
    let graph = require_plan(store, id)?;
    let query = format!(
        "SELECT DISTINCT ?class ?label WHERE {{
           GRAPH <{graph}> {{ ?c a ?class ; <{label}> ?label }}
           VALUES ?class {{ {classes} }}
         }}",
        graph = graph.as_str(),
        label = rdfs::LABEL.as_str(),
        classes = class_values(),
    );
    let mut concepts: Vec<(String, String)> = store
        .select(&query)?
        .iter()
        .map(|r| {
            let class = lexical(&r[0]);
            let class = class.rsplit('#').next().unwrap_or_default().to_owned();
            (class, lexical(&r[1]))
        })
        .collect();
    let rank = |class: &str| CONCEPT_CLASSES.iter().position(|c| *c == class);
    concepts.sort_by(|a, b| (rank(&a.0), &a.1).cmp(&(rank(&b.0), &b.1)));
    Ok(concepts)
}

/// Labels of the concepts whose label or any other written form contains
/// `text`, shortest first, at most `limit`.
pub fn find_concepts(
    store: &PlanStore,
    text: &str,
    limit: usize,
) -> Result<Vec<String>, StoreError> {
    let literal = serde_json::to_string(text).expect("strings serialise");
    let query = format!(
        "SELECT DISTINCT ?label WHERE {{
           {{ ?c <{label}> ?l }} UNION {{ ?c <{alt}> ?l }}
           FILTER(CONTAINS(STR(?l), {literal}))
           ?c <{label}> ?label ; a ?class .
           VALUES ?class {{ {classes} }}
         }} ORDER BY STRLEN(STR(?label)) ?label LIMIT {limit}",
        label = rdfs::LABEL.as_str(),
        alt = skos::ALT_LABEL.as_str(),
        classes = class_values(),
    );
    Ok(store
        .select(&query)?
        .iter()
        .map(|r| lexical(&r[0]))
        .collect())
}
