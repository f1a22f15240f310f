//! Views: the part of the store a picture or an analysis is about, as a petgraph
//! graph. The entry point is [`build_view`]; the analyses (layers, cycles, gaps,
//! centrality, paths, transitive reduction) are methods of [`View`] in
//! [`analysis`].
//!
//! A view covers one plan or every plan. Its nodes are concepts (one per IRI, so a
//! concept two plans name is one node carrying both plan ids) and its edges the
//! relations the plans state, merged over plans:
//!
//! - `dependency`: `pk:supports`, and `X pk:hasPart item` where `X` is a
//!   `pk:Project` read as `item` [`Relation::ItemOf`] `X` (the items of a
//!   programme feed it);
//! - `composition`: `pk:hasPart`;
//! - `places`: `pk:locatedIn`;
//! - `concept`: every relation within some steps of one concept;
//! - `all`: every relation (what one plan says, with `--plan`).
//!
//! Nodes and edges are added in a fixed order (nodes by label, then IRI; edges by
//! source, target and relation), so the same store gives the same graph, node
//! indices included.

pub mod analysis;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use oxigraph::model::Term;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::catalog::{list_plans, require_plan};
use crate::extract::gazetteer::AdminLevel;
use crate::rdf::{iri, level_of};
use crate::store::{PlanStore, StoreError, lexical};
use crate::vocab::{pk, rdf, rdfs, skos};

pub use analysis::{Centrality, Summary};

/// Which relations a view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViewKind {
    /// Supports chains: task → project → goal → higher goal → strategy.
    Dependency,
    /// Wholes and their members (`pk:hasPart`).
    Composition,
    /// Places and the places that contain them (`pk:locatedIn`).
    Places,
    /// The neighbourhood of one concept, by label or alternative label.
    Concept {
        /// The concept's label or any form it appears in.
        name: String,
        /// How many relations away from it.
        depth: usize,
    },
    /// Every relation.
    All,
    /// Two plans side by side with the alignments of their concepts (drawn by
    /// `compare`; built from the store it is the same as `All`).
    Comparison {
        /// The lower plan's id.
        a: String,
        /// The higher plan's id.
        b: String,
    },
}

/// What to build: a kind of view, over one plan or all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSpec {
    pub kind: ViewKind,
    /// Only this plan (its id); every plan when `None`.
    pub plan: Option<String>,
    /// Also the concepts of the view's classes that no relation of the view
    /// touches (goals nothing supports and that support nothing, …). Analyses want
    /// them; diagrams usually do not.
    pub include_isolated: bool,
}

impl ViewSpec {
    /// A view of `kind` over every plan, without isolated concepts.
    pub fn new(kind: ViewKind) -> ViewSpec {
        ViewSpec {
            kind,
            plan: None,
            include_isolated: false,
        }
    }
}

/// The class a concept is drawn as: its most specific plankg class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Strategy,
    Goal,
    Project,
    Task,
    District,
    /// A numbered abbreviation of no other class.
    Abbreviation,
    /// A concept of none of the classes above.
    Other,
}

impl Kind {
    /// Every kind, in the order legends list them.
    pub const ALL: [Kind; 7] = [
        Kind::Strategy,
        Kind::Goal,
        Kind::Project,
        Kind::Task,
        Kind::District,
        Kind::Abbreviation,
        Kind::Other,
    ];

    /// The class's local name (`Strategy`, …; `NumberedAbbreviation`, `Concept`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Strategy => "Strategy",
            Kind::Goal => "Goal",
            Kind::Project => "Project",
            Kind::Task => "Task",
            Kind::District => "District",
            Kind::Abbreviation => "NumberedAbbreviation",
            Kind::Other => "Concept",
        }
    }

    /// The Chinese name, as the ontology labels the class.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::Strategy => "战略",
            Kind::Goal => "目标",
            Kind::Project => "工程项目",
            Kind::Task => "任务",
            Kind::District => "地域",
            Kind::Abbreviation => "数字略语",
            Kind::Other => "概念",
        }
    }

    fn of_class(iri: &str) -> Option<Kind> {
        [
            (pk::STRATEGY, Kind::Strategy),
            (pk::GOAL, Kind::Goal),
            (pk::PROJECT, Kind::Project),
            (pk::TASK, Kind::Task),
            (pk::DISTRICT, Kind::District),
            (pk::NUMBERED_ABBREVIATION, Kind::Abbreviation),
            (skos::CONCEPT, Kind::Other),
        ]
        .into_iter()
        .find_map(|(class, kind)| (class.as_str() == iri).then_some(kind))
    }
}

/// One concept of a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    /// The canonical label.
    pub label: String,
    /// Every other form it appears in, sorted.
    pub alt_labels: Vec<String>,
    pub kind: Kind,
    /// Whether it is also a numbered abbreviation (一谷三区 is a goal and one).
    pub abbreviation: bool,
    /// Ids of the plans of the view that name it, sorted.
    pub plans: Vec<String>,
    /// A division's own level; for other concepts the highest level of the plans
    /// that name it.
    pub level: Option<AdminLevel>,
    /// GB/T 2260 code of a division.
    pub code: Option<String>,
}

/// What an edge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// `pk:supports`: lower → higher.
    Supports,
    /// Item → the programme that lists it: `programme pk:hasPart item` read
    /// upwards, where the programme is a `pk:Project` (dependency view only).
    ItemOf,
    /// `pk:hasPart`: whole → member.
    HasPart,
    /// `pk:locatedIn`: place → the place that contains it.
    LocatedIn,
    /// `pk:alignsWith`: a concept of one plan → its counterpart in another
    /// (comparison diagrams only).
    AlignsWith,
}

impl Relation {
    /// Every relation, in the order legends list them.
    pub const ALL: [Relation; 5] = [
        Relation::Supports,
        Relation::ItemOf,
        Relation::HasPart,
        Relation::LocatedIn,
        Relation::AlignsWith,
    ];

    /// The name in tables and files: the property's local name, or `itemOf`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::ItemOf => "itemOf",
            Relation::HasPart => "hasPart",
            Relation::LocatedIn => "locatedIn",
            Relation::AlignsWith => "alignsWith",
        }
    }

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            Relation::Supports => "支撑",
            Relation::ItemOf => "属于",
            Relation::HasPart => "包含",
            Relation::LocatedIn => "位于",
            Relation::AlignsWith => "对应",
        }
    }

    /// Whether the edge carries support upwards (supports, itemOf).
    pub fn is_dependency(self) -> bool {
        matches!(self, Relation::Supports | Relation::ItemOf)
    }
}

/// One relation of a view, merged over the plans that state it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub relation: Relation,
    /// Ids of the plans that state it, sorted.
    pub plans: Vec<String>,
}

/// A plan a view draws on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSource {
    pub id: String,
    pub title: String,
    pub level: Option<AdminLevel>,
}

/// A view: the graph and where it comes from.
#[derive(Debug, Clone)]
pub struct View {
    /// What was asked for.
    pub spec: ViewSpec,
    /// Concepts and relations; node indices follow label order.
    pub graph: DiGraph<Node, Edge>,
    /// The plans that contribute a node (and the one `spec.plan` names), sorted
    /// by id.
    pub plans: Vec<PlanSource>,
    /// Whether edges implied by longer chains were removed ([`View::reduced`]).
    pub reduced: bool,
}

impl View {
    /// The node whose label, or else whose alternative label, is `name`.
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        let nodes = || self.graph.node_indices();
        nodes()
            .find(|&n| self.graph[n].label == name)
            .or_else(|| nodes().find(|&n| self.graph[n].alt_labels.iter().any(|a| a == name)))
    }

    /// What the view shows, in Chinese and English: `依赖视图 dependency view`.
    pub fn name(&self) -> String {
        let mut name = match &self.spec.kind {
            ViewKind::Dependency => "依赖视图 dependency view".to_owned(),
            ViewKind::Composition => "构成视图 composition view".to_owned(),
            ViewKind::Places => "地域视图 places view".to_owned(),
            ViewKind::Concept { name, depth } => {
                format!("概念视图 concept view: {name} (depth {depth})")
            }
            ViewKind::All => "全部关系 all relations".to_owned(),
            ViewKind::Comparison { a, b } => format!("比较视图 comparison: {a} ↔ {b}"),
        };
        if self.reduced {
            name.push_str(", 传递约简 transitive reduction");
        }
        name
    }
}

/// Why a view could not be built or searched.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ViewError {
    /// The store failed, or has no such plan ([`StoreError::UnknownPlan`]).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No concept has this label or alternative label.
    #[error("no concept named {name:?} in the store")]
    UnknownConcept { name: String },
    /// The concept exists but the view does not contain it.
    #[error("{name:?} is not in the {view}{}", plan_suffix(.plan))]
    NotInView {
        name: String,
        view: String,
        plan: Option<String>,
    },
    /// No chain of relations leads from one concept to the other.
    #[error("no path from {from:?} to {to:?} in the {view}{}", plan_suffix(.plan))]
    NoPath {
        from: String,
        to: String,
        view: String,
        plan: Option<String>,
    },
}

fn plan_suffix(plan: &Option<String>) -> String {
    plan.as_ref()
        .map(|p| format!(" of plan {p}"))
        .unwrap_or_default()
}

impl ViewError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ViewError::Store(e) => e.hint(),
            ViewError::UnknownConcept { .. } => Some(
                "names match a label or an alternative label exactly; `plankg query` finds labels, e.g. FILTER(CONTAINS(STR(?label), \"动力\"))",
            ),
            ViewError::NotInView { .. } => Some(
                "`plankg explain NAME` shows its classes and relations; another view or no --plan may contain it",
            ),
            ViewError::NoPath { .. } => Some(
                "support runs upwards, from a task or programme to a goal or strategy: try the names the other way round, or `plankg view concept NAME` to see the neighbours",
            ),
        }
    }
}

/// Builds the view `spec` asks for from the store.
pub fn build_view(store: &PlanStore, spec: &ViewSpec) -> Result<View, ViewError> {
    let plans = scope(store, spec.plan.as_deref())?;
    let graphs: Vec<String> = plans
        .iter()
        .map(|p| format!("<{}>", iri::plan(&p.id).as_str()))
        .collect();
    let facts = concept_facts(store, &graphs)?;
    let statements = statements(store, &graphs)?;

    let dependency_classes = [Kind::Strategy, Kind::Goal, Kind::Project, Kind::Task];
    let (edges, classes): (BTreeMap<EdgeKey, BTreeSet<String>>, &[Kind]) = match &spec.kind {
        ViewKind::Dependency => {
            let mut edges = BTreeMap::new();
            for (plan, s, p, o) in &statements {
                let edge = match p {
                    Relation::Supports => Some((s.clone(), o.clone(), Relation::Supports)),
                    Relation::HasPart if facts.is_project_in(s, plan) => {
                        Some((o.clone(), s.clone(), Relation::ItemOf))
                    }
                    _ => None,
                };
                if let Some(edge) = edge {
                    edges
                        .entry(edge)
                        .or_insert_with(BTreeSet::new)
                        .insert(plan.clone());
                }
            }
            (edges, &dependency_classes)
        }
        ViewKind::Composition => (
            merge(&statements, |r| r == Relation::HasPart),
            &[Kind::Abbreviation],
        ),
        ViewKind::Places => (
            merge(&statements, |r| r == Relation::LocatedIn),
            &[Kind::District],
        ),
        ViewKind::Concept { .. } | ViewKind::All | ViewKind::Comparison { .. } => {
            (merge(&statements, |_| true), &Kind::ALL)
        }
    };

    let mut members: BTreeSet<String> = BTreeSet::new();
    for (s, o, _) in edges.keys() {
        members.insert(s.clone());
        members.insert(o.clone());
    }
    if spec.include_isolated || matches!(spec.kind, ViewKind::Concept { .. }) {
        for (iri, fact) in &facts.concepts {
            if fact.kinds.iter().any(|k| classes.contains(k)) {
                members.insert(iri.clone());
            }
        }
    }

    if let ViewKind::Concept { name, depth } = &spec.kind {
        let center = concept_named(store, name)?
            .ok_or_else(|| ViewError::UnknownConcept { name: name.clone() })?;
        if !members.contains(&center) {
            return Err(ViewError::NotInView {
                name: name.clone(),
                view: "graph".to_owned(),
                plan: spec.plan.clone(),
            });
        }
        members = neighbourhood(&center, *depth, edges.keys());
    }

    let levels: BTreeMap<&str, Option<AdminLevel>> =
        plans.iter().map(|p| (p.id.as_str(), p.level)).collect();
    let mut nodes: Vec<Node> = members.iter().map(|iri| facts.node(iri, &levels)).collect();
    nodes.sort_by(|a, b| (&a.label, &a.iri).cmp(&(&b.label, &b.iri)));
    let mut graph = DiGraph::with_capacity(nodes.len(), edges.len());
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for node in nodes {
        index.insert(node.iri.clone(), NodeIndex::new(graph.node_count()));
        graph.add_node(node);
    }
    let mut kept: Vec<(NodeIndex, NodeIndex, Relation, Vec<String>)> = edges
        .into_iter()
        .filter_map(|((s, o, relation), plans)| {
            Some((
                *index.get(&s)?,
                *index.get(&o)?,
                relation,
                plans.into_iter().collect(),
            ))
        })
        .collect();
    kept.sort();
    for (s, o, relation, plans) in kept {
        graph.add_edge(s, o, Edge { relation, plans });
    }

    let used: BTreeSet<&str> = graph
        .node_weights()
        .flat_map(|n| n.plans.iter().map(String::as_str))
        .collect();
    // The plans that contribute a node; the plan asked for even if it adds none,
    // so that the caption names it.
    let plans = plans
        .iter()
        .filter(|p| used.contains(p.id.as_str()) || spec.plan.as_ref() == Some(&p.id))
        .cloned()
        .collect();
    Ok(View {
        spec: spec.clone(),
        graph,
        plans,
        reduced: false,
    })
}

/// `(source IRI, target IRI, relation)`.
type EdgeKey = (String, String, Relation);
/// `(plan id, subject IRI, relation, object IRI)`.
type Statement = (String, String, Relation, String);

fn merge(
    statements: &BTreeSet<Statement>,
    keep: impl Fn(Relation) -> bool,
) -> BTreeMap<EdgeKey, BTreeSet<String>> {
    let mut edges: BTreeMap<EdgeKey, BTreeSet<String>> = BTreeMap::new();
    for (plan, s, p, o) in statements {
        if keep(*p) {
            edges
                .entry((s.clone(), o.clone(), *p))
                .or_default()
                .insert(plan.clone());
        }
    }
    edges
}

/// The concepts within `depth` relations of `center`, in either direction.
fn neighbourhood<'a>(
    center: &str,
    depth: usize,
    edges: impl Iterator<Item = &'a EdgeKey>,
) -> BTreeSet<String> {
    let mut adjacent: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (s, o, _) in edges {
        adjacent.entry(s).or_default().insert(o);
        adjacent.entry(o).or_default().insert(s);
    }
    let mut seen: BTreeSet<String> = BTreeSet::from([center.to_owned()]);
    let mut queue = VecDeque::from([(center, 0)]);
    while let Some((iri, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for &next in adjacent.get(iri).into_iter().flatten() {
            if seen.insert(next.to_owned()) {
                queue.push_back((next, d + 1));
            }
        }
    }
    seen
}

/// The plans in scope: one (checked) or all.
fn scope(store: &PlanStore, plan: Option<&str>) -> Result<Vec<PlanSource>, StoreError> {
    if let Some(id) = plan {
        require_plan(store, id)?;
    }
    Ok(list_plans(store)?
        .into_iter()
        .filter(|p| plan.is_none_or(|id| p.id == id))
        .map(|p| PlanSource {
            level: p.level.parse().ok(),
            id: p.id,
            title: p.title,
        })
        .collect())
}

fn plan_of(graph: &Option<Term>) -> String {
    iri::plan_id_of(&lexical(graph)).unwrap_or_default()
}

/// `VALUES ?g { … }` over the graphs in scope.
fn values_g(graphs: &[String]) -> String {
    format!("VALUES ?g {{ {} }}", graphs.join(" "))
}

/// Every relation stated in the graphs in scope.
fn statements(store: &PlanStore, graphs: &[String]) -> Result<BTreeSet<Statement>, StoreError> {
    let query = format!(
        "SELECT DISTINCT ?g ?s ?p ?o WHERE {{
           {values}
           GRAPH ?g {{ ?s ?p ?o }}
           VALUES ?p {{ <{supports}> <{has_part}> <{located}> }}
         }}",
        values = values_g(graphs),
        supports = pk::SUPPORTS.as_str(),
        has_part = pk::HAS_PART.as_str(),
        located = pk::LOCATED_IN.as_str(),
    );
    let mut statements = BTreeSet::new();
    for row in store.select(&query)? {
        let relation = match lexical(&row[2]) {
            p if p == pk::SUPPORTS.as_str() => Relation::Supports,
            p if p == pk::HAS_PART.as_str() => Relation::HasPart,
            _ => Relation::LocatedIn,
        };
        statements.insert((
            plan_of(&row[0]),
            lexical(&row[1]),
            relation,
            lexical(&row[3]),
        ));
    }
    Ok(statements)
}

/// What the graphs in scope say about each concept.
#[derive(Debug, Default)]
struct ConceptFacts {
    concepts: BTreeMap<String, ConceptFact>,
    /// `(plan id, IRI)` of every concept typed `pk:Project` in that plan.
    projects: BTreeSet<(String, String)>,
}

#[derive(Debug, Default)]
struct ConceptFact {
    kinds: BTreeSet<Kind>,
    plans: BTreeSet<String>,
    label: Option<String>,
    alt_labels: BTreeSet<String>,
    code: Option<String>,
    level: Option<AdminLevel>,
}

impl ConceptFacts {
    fn is_project_in(&self, iri: &str, plan: &str) -> bool {
        self.projects.contains(&(plan.to_owned(), iri.to_owned()))
    }

    fn node(&self, iri: &str, plan_levels: &BTreeMap<&str, Option<AdminLevel>>) -> Node {
        let empty = ConceptFact::default();
        let fact = self.concepts.get(iri).unwrap_or(&empty);
        let kind = fact
            .kinds
            .iter()
            .copied()
            .find(|k| !matches!(k, Kind::Abbreviation | Kind::Other))
            .or_else(|| fact.kinds.first().copied())
            .unwrap_or(Kind::Other);
        let level = if kind == Kind::District {
            fact.level
        } else {
            fact.plans
                .iter()
                .filter_map(|p| plan_levels.get(p.as_str()).copied().flatten())
                .min()
        };
        Node {
            iri: iri.to_owned(),
            label: fact.label.clone().unwrap_or_else(|| local_name(iri)),
            alt_labels: fact.alt_labels.iter().cloned().collect(),
            kind,
            abbreviation: kind != Kind::Abbreviation && fact.kinds.contains(&Kind::Abbreviation),
            plans: fact.plans.iter().cloned().collect(),
            level,
            code: fact.code.clone(),
        }
    }
}

/// The last path segment of an IRI, for a concept without a label.
fn local_name(iri: &str) -> String {
    iri.rsplit('/').next().unwrap_or(iri).to_owned()
}

fn concept_facts(store: &PlanStore, graphs: &[String]) -> Result<ConceptFacts, StoreError> {
    let classes = [
        pk::STRATEGY,
        pk::GOAL,
        pk::PROJECT,
        pk::TASK,
        pk::DISTRICT,
        pk::NUMBERED_ABBREVIATION,
        skos::CONCEPT,
    ]
    .map(|c| format!("<{}>", c.as_str()))
    .join(" ");
    let types = format!(
        "SELECT DISTINCT ?g ?c ?t WHERE {{
           {values}
           GRAPH ?g {{ ?c <{a}> ?t }}
           VALUES ?t {{ {classes} }}
         }}",
        values = values_g(graphs),
        a = rdf::TYPE.as_str(),
    );
    let mut facts = ConceptFacts::default();
    for row in store.select(&types)? {
        let plan = plan_of(&row[0]);
        let iri = lexical(&row[1]);
        let Some(kind) = Kind::of_class(&lexical(&row[2])) else {
            continue;
        };
        if kind == Kind::Project {
            facts.projects.insert((plan.clone(), iri.clone()));
        }
        let fact = facts.concepts.entry(iri).or_default();
        fact.kinds.insert(kind);
        fact.plans.insert(plan);
    }
    let properties = format!(
        "SELECT DISTINCT ?c ?p ?v WHERE {{
           {values}
           GRAPH ?g {{ ?c ?p ?v . ?c <{a}> ?t }}
           VALUES ?t {{ {classes} }}
           VALUES ?p {{ <{label}> <{alt}> <{code}> <{level}> }}
         }}",
        values = values_g(graphs),
        a = rdf::TYPE.as_str(),
        label = rdfs::LABEL.as_str(),
        alt = skos::ALT_LABEL.as_str(),
        code = pk::DIVISION_CODE.as_str(),
        level = pk::ADMIN_LEVEL_OF.as_str(),
    );
    for row in store.select(&properties)? {
        let Some(fact) = facts.concepts.get_mut(&lexical(&row[0])) else {
            continue;
        };
        let property = lexical(&row[1]);
        let value = lexical(&row[2]);
        if property == rdfs::LABEL.as_str() {
            // Labels are canonical, so every plan gives the same one; keep the
            // smallest to stay deterministic all the same.
            if fact.label.as_ref().is_none_or(|l| value < *l) {
                fact.label = Some(value);
            }
        } else if property == skos::ALT_LABEL.as_str() {
            fact.alt_labels.insert(value);
        } else if property == pk::DIVISION_CODE.as_str() {
            fact.code = Some(value);
        } else {
            fact.level = AdminLevel::ALL
                .into_iter()
                .find(|&l| level_of(l).as_str() == value);
        }
    }
    Ok(facts)
}

/// The IRI of the concept labelled (or else alternatively labelled) `name`.
fn concept_named(store: &PlanStore, name: &str) -> Result<Option<String>, StoreError> {
    let literal = serde_json::to_string(name).expect("strings serialise");
    let query = format!(
        "SELECT ?c ?rank WHERE {{
           {{ ?c <{label}> ?l BIND(0 AS ?rank) }} UNION {{ ?c <{alt}> ?l BIND(1 AS ?rank) }}
           FILTER(STR(?l) = {literal})
         }} ORDER BY ?rank ?c LIMIT 1",
        label = rdfs::LABEL.as_str(),
        alt = skos::ALT_LABEL.as_str(),
    );
    Ok(store.select(&query)?.first().map(|row| lexical(&row[0])))
}

/// The node of `view` named `name`; if the view lacks it, says whether the store
/// knows the name at all.
pub fn resolve(store: &PlanStore, view: &View, name: &str) -> Result<NodeIndex, ViewError> {
    if let Some(node) = view.find(name) {
        return Ok(node);
    }
    match concept_named(store, name)? {
        None => Err(ViewError::UnknownConcept {
            name: name.to_owned(),
        }),
        Some(_) => Err(ViewError::NotInView {
            name: name.to_owned(),
            view: view.name(),
            plan: view.spec.plan.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use tempfile::TempDir;

    use super::*;
    use crate::extract::Extractor;
    use crate::ingest::{IngestOptions, prepare};
    use crate::rdf::IngestRecord;

    /// A store holding the seed, built once for the tests of this module.
    fn seed_store() -> &'static (TempDir, PlanStore) {
        static STORE: OnceLock<(TempDir, PlanStore)> = OnceLock::new();
        STORE.get_or_init(|| {
            let dir = TempDir::new().unwrap();
            let store = PlanStore::open(&dir.path().join("kg")).unwrap();
            let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/zhuzhou_2020_plenum.txt");
            let plan = prepare(
                &seed,
                &Extractor::new(),
                &IngestOptions::default(),
                &IngestRecord::now(),
            )
            .unwrap();
            store.ingest(&plan).unwrap();
            (dir, store)
        })
    }

    /// Builds `kind` over the seed and asserts that the chain of labels is a path
    /// of edges with the given relations.
    #[track_caller]
    fn check(kind: ViewKind, chain: &[&str], relations: &[Relation]) {
        let view = build_view(&seed_store().1, &ViewSpec::new(kind)).unwrap();
        for (pair, relation) in chain.windows(2).zip(relations) {
            let (a, b) = (view.find(pair[0]), view.find(pair[1]));
            let (Some(a), Some(b)) = (a, b) else {
                panic!("{pair:?} not both in the view");
            };
            assert!(
                view.graph
                    .edges_connecting(a, b)
                    .any(|e| e.weight().relation == *relation),
                "no {relation:?} edge {} → {}",
                pair[0],
                pair[1]
            );
        }
    }

    #[test]
    fn dependency_view_reads_programme_items_upwards() {
        check(
            ViewKind::Dependency,
            &[
                "产业基础再造",
                "制造强市七大工程",
                "中国动力谷",
                "国家重要先进制造业高地",
            ],
            &[Relation::ItemOf, Relation::Supports, Relation::Supports],
        );
    }

    #[test]
    fn composition_and_places_views() {
        check(
            ViewKind::Composition,
            &["一谷三区", "中国动力谷"],
            &[Relation::HasPart],
        );
        check(
            ViewKind::Places,
            &["株洲市", "湖南省", "中华人民共和国"],
            &[Relation::LocatedIn, Relation::LocatedIn],
        );
    }

    #[test]
    fn nodes_carry_kind_plan_level_and_code() {
        let store = &seed_store().1;
        let places = build_view(store, &ViewSpec::new(ViewKind::Places)).unwrap();
        let hunan = &places.graph[places.find("湖南省").unwrap()];
        assert_eq!(hunan.kind, Kind::District);
        assert_eq!(hunan.level, Some(AdminLevel::Province));
        assert_eq!(hunan.code.as_deref(), Some("430000"));
        assert_eq!(hunan.plans, ["zhuzhou_2020_plenum"]);
        let dependency = build_view(store, &ViewSpec::new(ViewKind::Dependency)).unwrap();
        let valley = &dependency.graph[dependency.find("中国动力谷").unwrap()];
        assert_eq!(valley.kind, Kind::Goal);
        assert_eq!(valley.level, Some(AdminLevel::City));
        assert_eq!(dependency.plans.len(), 1);
        assert!(dependency.plans[0].title.contains("株洲市"));
    }

    #[test]
    fn concept_view_is_a_neighbourhood() {
        let store = &seed_store().1;
        let spec = ViewSpec::new(ViewKind::Concept {
            name: "中国动力谷".to_owned(),
            depth: 1,
        });
        let view = build_view(store, &spec).unwrap();
        let center = view.find("中国动力谷").unwrap();
        for node in view.graph.node_indices().filter(|&n| n != center) {
            assert!(
                view.graph.contains_edge(center, node) || view.graph.contains_edge(node, center),
                "{} is not next to the centre",
                view.graph[node].label
            );
        }
        assert!(view.find("一谷三区").is_some());
    }

    #[test]
    fn unknown_names_are_errors() {
        let store = &seed_store().1;
        let spec = ViewSpec::new(ViewKind::Concept {
            name: "不存在的概念".to_owned(),
            depth: 1,
        });
        let err = build_view(store, &spec).unwrap_err();
        assert!(matches!(err, ViewError::UnknownConcept { .. }), "{err}");
        assert!(err.hint().is_some());
        let spec = ViewSpec {
            plan: Some("no_such_plan".to_owned()),
            ..ViewSpec::new(ViewKind::Dependency)
        };
        let err = build_view(store, &spec).unwrap_err();
        assert!(
            matches!(err, ViewError::Store(StoreError::UnknownPlan { .. })),
            "{err}"
        );
        assert_eq!(err.to_string(), "no plan \"no_such_plan\" in the store");
    }

    #[test]
    fn the_same_store_gives_the_same_view() {
        let store = &seed_store().1;
        let spec = ViewSpec::new(ViewKind::All);
        let (a, b) = (
            build_view(store, &spec).unwrap(),
            build_view(store, &spec).unwrap(),
        );
        let nodes = |v: &View| v.graph.node_weights().cloned().collect::<Vec<_>>();
        let edges = |v: &View| {
            v.graph
                .raw_edges()
                .iter()
                .map(|e| (e.source(), e.target(), e.weight.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(nodes(&a), nodes(&b));
        assert_eq!(edges(&a), edges(&b));
    }
}
