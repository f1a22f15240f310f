//! Comparison of two plans: what one plan takes up of another (usually a city's
//! plan and its province's or the nation's), what it serves, what it leaves out
//! and what it adds.
//!
//! The entry point is [`compare`]. Concepts of the two plans are aligned by four
//! methods, strongest first: the same concept IRI (same canonical label); an
//! explicit reference (a goal the lower plan serves, `在湖南打造X中`, that the other
//! plan names); membership of a numbered abbreviation (三个高地 is the 三高 of
//! 三高四新); and lexical similarity of the labels (TF-IDF cosine over character bigrams). [`Comparison::to_quads`] writes the alignments into a graph of
//! their own, which is recomputed whenever either plan is ingested again.

mod report;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use oxigraph::model::{Literal, NamedNode, Quad, Term};
use serde::Serialize;

use petgraph::graph::DiGraph;

use crate::extract::gazetteer::Gazetteer;
use crate::rdf::iri;
use crate::store::{PlanStore, StoreError, lexical};
use crate::views::{Edge, Kind, Node, PlanSource, Relation, View, ViewKind, ViewSpec};
use crate::vocab::{pk, rdf, rdfs, xsd};

pub use report::write_report;

/// Settings of [`compare`].
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Lowest cosine similarity of two labels that counts as an alignment.
    pub similarity_threshold: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            similarity_threshold: 0.6,
        }
    }
}

/// Why two plans could not be compared.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CompareError {
    /// The store failed or lacks a plan.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Both ids name the same plan.
    #[error("cannot compare plan {id:?} with itself")]
    SamePlan { id: String },
    /// No plan of the store governs a region that contains this plan's region.
    #[error(
        "plan {id:?} has no counterpart in the store (no plan of a region that contains {region})"
    )]
    NoCounterpart { id: String, region: String },
}

impl CompareError {
    /// What the user can do about it.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            CompareError::Store(e) => e.hint(),
            CompareError::SamePlan { .. } => {
                Some("name two different plans: plankg compare CITY_PLAN PROVINCE_PLAN")
            }
            CompareError::NoCounterpart { .. } => {
                Some("ingest the province's or the nation's plan, or name the plan to compare with")
            }
        }
    }
}

/// One concept of a plan, as the comparison sees it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ConceptInfo {
    pub iri: String,
    pub label: String,
    /// `Strategy`, `Goal`, `Project`, `Task`, `District`.
    pub classes: BTreeSet<String>,
    /// IRIs of what it supports in this plan.
    pub supports: BTreeSet<String>,
    /// Whether this plan names it as a goal set above that it serves (在…打造X中).
    pub served_from_below: bool,
    /// For a numbered abbreviation, its declared count.
    pub declared_count: Option<u32>,
}

/// One plan and its concepts.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlanSide {
    pub id: String,
    pub title: String,
    pub region: String,
    pub level: String,
    pub concepts: BTreeMap<String, ConceptInfo>,
}

/// Why two concepts were aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The same concept IRI in both plans.
    SameConcept,
    /// A goal the first plan names as one it serves, set by the second.
    ExplicitReference,
    /// A numbered abbreviation and an element of another (三个高地 / 三高四新).
    AbbreviationMember,
    /// Similar labels.
    Lexical,
}

impl Method {
    /// The name written in the graph and the reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::SameConcept => "same-concept",
            Method::ExplicitReference => "explicit-reference",
            Method::AbbreviationMember => "abbreviation-member",
            Method::Lexical => "lexical",
        }
    }
}

/// A concept of plan A and its counterpart in plan B.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Alignment {
    /// IRI of A's concept.
    pub a: String,
    /// IRI of B's concept.
    pub b: String,
    pub method: Method,
    /// 1 for the same concept; the cosine for lexical alignments.
    pub score: f64,
}

/// A goal of A that serves a goal or strategy of B.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Service {
    /// A's goal.
    pub goal: String,
    /// B's goal or strategy served.
    pub serves: String,
    /// What A's goal supports in A, aligned with B's concept (or the goal itself).
    pub via: String,
}

/// Classes whose coverage and gaps a comparison reports.
pub const COMPARED_CLASSES: [&str; 4] = ["Strategy", "Goal", "Project", "District"];

/// The comparison of plan A with plan B.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Comparison {
    pub a: PlanSide,
    pub b: PlanSide,
    pub alignments: Vec<Alignment>,
}

impl Comparison {
    /// Concepts both plans name (the same IRI).
    pub fn shared(&self) -> Vec<&ConceptInfo> {
        self.alignments
            .iter()
            .filter(|al| al.a == al.b)
            .filter_map(|al| self.a.concepts.get(&al.a))
            .collect()
    }

    /// A's goals that serve B's goals or strategies: directly (the goal is aligned
    /// with one of B's) or through what they support in A.
    pub fn services(&self) -> Vec<Service> {
        let aligned: HashMap<&str, Vec<&str>> =
            self.alignments.iter().fold(HashMap::new(), |mut map, al| {
                map.entry(al.a.as_str()).or_default().push(al.b.as_str());
                map
            });
        let higher = |b: &str| {
            self.b
                .concepts
                .get(b)
                .is_some_and(|c| c.classes.contains("Goal") || c.classes.contains("Strategy"))
        };
        let mut services = Vec::new();
        for goal in self
            .a
            .concepts
            .values()
            .filter(|c| c.classes.contains("Goal"))
        {
            let targets =
                std::iter::once(goal.iri.as_str()).chain(goal.supports.iter().map(String::as_str));
            for via in targets {
                for b in aligned.get(via).into_iter().flatten().filter(|b| higher(b)) {
                    services.push(Service {
                        goal: goal.label.clone(),
                        serves: self.b.concepts[*b].label.clone(),
                        via: self
                            .a
                            .concepts
                            .get(via)
                            .map_or_else(String::new, |c| c.label.clone()),
                    });
                }
            }
        }
        services.sort_by(|x, y| (&x.goal, &x.serves, &x.via).cmp(&(&y.goal, &y.serves, &y.via)));
        services.dedup();
        services
    }

    /// B's strategies and goals that A does not take up.
    pub fn gaps(&self) -> Vec<&ConceptInfo> {
        let aligned: BTreeSet<&str> = self.alignments.iter().map(|al| al.b.as_str()).collect();
        self.b
            .concepts
            .values()
            .filter(|c| c.classes.contains("Strategy") || c.classes.contains("Goal"))
            .filter(|c| !aligned.contains(c.iri.as_str()))
            .collect()
    }

    /// A's own strategies, goals and programmes: aligned with nothing of B's.
    pub fn additions(&self) -> Vec<&ConceptInfo> {
        let aligned: BTreeSet<&str> = self.alignments.iter().map(|al| al.a.as_str()).collect();
        self.a
            .concepts
            .values()
            .filter(|c| {
                ["Strategy", "Goal", "Project"]
                    .iter()
                    .any(|k| c.classes.contains(*k))
            })
            .filter(|c| !aligned.contains(c.iri.as_str()))
            .collect()
    }

    /// For each compared class: how many of B's concepts A takes up, of how many.
    pub fn coverage(&self) -> Vec<(&'static str, usize, usize)> {
        let aligned: BTreeSet<&str> = self.alignments.iter().map(|al| al.b.as_str()).collect();
        COMPARED_CLASSES
            .iter()
            .map(|&class| {
                let of_class: Vec<&ConceptInfo> = self
                    .b
                    .concepts
                    .values()
                    .filter(|c| c.classes.contains(class))
                    .collect();
                let taken = of_class
                    .iter()
                    .filter(|c| aligned.contains(c.iri.as_str()))
                    .count();
                (class, taken, of_class.len())
            })
            .collect()
    }

    /// The name of the graph holding this comparison's alignments.
    pub fn graph(&self) -> NamedNode {
        iri::alignment(&self.a.id, &self.b.id)
    }

    /// The alignments as RDF: `a pk:alignsWith b`, and each reified as a
    /// `pk:Alignment` with method, score and the two plans.
    pub fn to_quads(&self) -> Vec<Quad> {
        let graph = self.graph();
        let mut quads = Vec::new();
        let mut add = |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, o: Term| {
            quads.push(Quad::new(s.clone(), p.into_owned(), o, graph.clone()));
        };
        let plan_a = iri::plan(&self.a.id);
        let plan_b = iri::plan(&self.b.id);
        for al in &self.alignments {
            let a = NamedNode::new_unchecked(&al.a);
            let b = NamedNode::new_unchecked(&al.b);
            add(&a, pk::ALIGNS_WITH, b.clone().into());
            let node = iri::alignment_of((&self.a.id, &self.b.id), &al.a, &al.b);
            add(&node, rdf::TYPE, pk::ALIGNMENT.into_owned().into());
            add(&node, rdf::SUBJECT, a.into());
            add(&node, rdf::PREDICATE, pk::ALIGNS_WITH.into_owned().into());
            add(&node, rdf::OBJECT, b.into());
            add(
                &node,
                pk::METHOD,
                Literal::new_simple_literal(al.method.as_str()).into(),
            );
            add(
                &node,
                pk::SCORE,
                Literal::new_typed_literal(format!("{:.3}", al.score), xsd::DECIMAL).into(),
            );
            add(&node, pk::FROM_PLAN, plan_a.clone().into());
            add(&node, pk::TO_PLAN, plan_b.clone().into());
        }
        quads
    }
}

/// Recomputes the stored alignment graphs that involve any of `plans` (after they
/// were ingested again); returns how many were recomputed.
pub fn refresh_alignments(
    store: &PlanStore,
    plans: &[String],
    options: &CompareOptions,
) -> Result<usize, CompareError> {
    let mut refreshed = 0;
    for (graph, (a, b)) in alignment_graphs(store)? {
        if !plans.contains(&a) && !plans.contains(&b) {
            continue;
        }
        match compare(store, &a, &b, options) {
            Ok(c) => store.replace_graph(&graph, &c.to_quads())?,
            // One of the plans is gone: so are its alignments.
            Err(CompareError::Store(StoreError::UnknownPlan { .. })) => {
                store.remove_graph(&graph)?;
            }
            Err(e) => return Err(e),
        }
        refreshed += 1;
    }
    Ok(refreshed)
}

/// Removes the stored alignment graphs that involve `plan`.
pub fn remove_alignments(store: &PlanStore, plan: &str) -> Result<(), StoreError> {
    for (graph, (a, b)) in alignment_graphs(store)? {
        if a == plan || b == plan {
            store.remove_graph(&graph)?;
        }
    }
    Ok(())
}

/// An alignment graph and the ids of the two plans it aligns.
type AlignmentGraph = (NamedNode, (String, String));

/// Every alignment graph of the store with its two plan ids.
fn alignment_graphs(store: &PlanStore) -> Result<Vec<AlignmentGraph>, StoreError> {
    Ok(store
        .graphs()?
        .into_iter()
        .filter_map(|g| {
            let plans = iri::alignment_plans(g.as_str())?;
            Some((g, plans))
        })
        .collect())
}

/// Compares plan `a` (usually the lower level) with plan `b`.
pub fn compare(
    store: &PlanStore,
    a: &str,
    b: &str,
    options: &CompareOptions,
) -> Result<Comparison, CompareError> {
    if a == b {
        return Err(CompareError::SamePlan { id: a.to_owned() });
    }
    let a = load_side(store, a)?;
    let b = load_side(store, b)?;
    let alignments = align(&a, &b, options);
    Ok(Comparison { a, b, alignments })
}

/// The plans of the store whose regions contain plan `id`'s region, nearest level
/// first (a city plan's province, then the nation).
pub fn counterparts(store: &PlanStore, id: &str) -> Result<Vec<String>, CompareError> {
    let plans = plan_regions(store)?;
    let Some((_, Some(code))) = plans.iter().find(|(p, _)| p == id).cloned() else {
        crate::catalog::require_plan(store, id)?;
        return Err(CompareError::NoCounterpart {
            id: id.to_owned(),
            region: "an unknown region".to_owned(),
        });
    };
    let gazetteer = Gazetteer::get();
    let mut found: Vec<(u32, String)> = plans
        .into_iter()
        .filter_map(|(p, c)| Some((p, c?)))
        .filter(|(p, c)| p != id && *c != code && gazetteer.contains(*c, code))
        .map(|(p, c)| (gazetteer.by_code(c).map_or(0, |d| d.level as u32), p))
        .collect();
    // Nearest level first: a province (1) before the nation (0).
    found.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    if found.is_empty() {
        let region = gazetteer
            .by_code(code)
            .map_or_else(|| code.to_string(), |d| d.name.clone());
        return Err(CompareError::NoCounterpart {
            id: id.to_owned(),
            region,
        });
    }
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// Every plan id with its region's division code.
fn plan_regions(store: &PlanStore) -> Result<Vec<(String, Option<u32>)>, StoreError> {
    let query = format!(
        "SELECT ?id ?code WHERE {{ GRAPH ?g {{ ?p a <{plan}> ; <{plan_id}> ?id .
           OPTIONAL {{ ?p <{region}> ?r . ?r <{code}> ?code }} }} }} ORDER BY ?id",
        plan = pk::PLAN.as_str(),
        plan_id = pk::PLAN_ID.as_str(),
        region = pk::REGION.as_str(),
        code = pk::DIVISION_CODE.as_str(),
    );
    Ok(store
        .select(&query)?
        .iter()
        .map(|r| {
            (
                lexical(&r[0]),
                r[1].as_ref().and_then(|_| lexical(&r[1]).parse().ok()),
            )
        })
        .collect())
}

/// Reads one plan's concepts and relations from its graph.
fn load_side(store: &PlanStore, id: &str) -> Result<PlanSide, StoreError> {
    let graph = crate::catalog::require_plan(store, id)?;
    let g = graph.as_str();
    let meta = store.select(&format!(
        "SELECT ?title ?region ?level WHERE {{ GRAPH <{g}> {{ ?p a <{plan}> .
               OPTIONAL {{ ?p <{title}> ?title }}
               OPTIONAL {{ ?p <{region}> ?r . ?r <{label}> ?region }}
               OPTIONAL {{ ?p <{level}> ?level }} }} }} LIMIT 1",
        plan = pk::PLAN.as_str(),
        title = crate::vocab::dcterms::TITLE.as_str(),
        region = pk::REGION.as_str(),
        label = rdfs::LABEL.as_str(),
        level = pk::ADMIN_LEVEL_OF.as_str(),
    ))?;
    let meta = meta.first().cloned().unwrap_or_default();
    let mut concepts: BTreeMap<String, ConceptInfo> = BTreeMap::new();
    let classes = format!(
        "SELECT ?c ?label ?class ?declared WHERE {{ GRAPH <{g}> {{ ?c a ?class ; <{label}> ?label .
           OPTIONAL {{ ?c <{declared}> ?declared }}
           VALUES ?class {{ <{}> <{}> <{}> <{}> <{}> }} }} }}",
        pk::STRATEGY.as_str(),
        pk::GOAL.as_str(),
        pk::PROJECT.as_str(),
        pk::TASK.as_str(),
        pk::DISTRICT.as_str(),
        label = rdfs::LABEL.as_str(),
        declared = pk::DECLARED_COUNT.as_str(),
    );
    for r in store.select(&classes)? {
        let iri = lexical(&r[0]);
        let entry = concepts.entry(iri.clone()).or_insert_with(|| ConceptInfo {
            iri,
            label: lexical(&r[1]),
            classes: BTreeSet::new(),
            supports: BTreeSet::new(),
            served_from_below: false,
            declared_count: r[3].as_ref().and_then(|_| lexical(&r[3]).parse().ok()),
        });
        entry.classes.insert(
            lexical(&r[2])
                .rsplit('#')
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    let supports = format!(
        "SELECT ?s ?o WHERE {{ GRAPH <{g}> {{ ?s <{}> ?o }} }}",
        pk::SUPPORTS.as_str()
    );
    for r in store.select(&supports)? {
        if let Some(c) = concepts.get_mut(&lexical(&r[0])) {
            c.supports.insert(lexical(&r[1]));
        }
    }
    let served = format!(
        "SELECT DISTINCT ?o WHERE {{ GRAPH <{g}> {{ ?a a <{}> ; <{}> ?o ; <{}> \"serves-higher-goal\" }} }}",
        pk::ASSERTION.as_str(),
        rdf::OBJECT.as_str(),
        pk::METHOD.as_str(),
    );
    for r in store.select(&served)? {
        if let Some(c) = concepts.get_mut(&lexical(&r[0])) {
            c.served_from_below = true;
        }
    }
    Ok(PlanSide {
        id: id.to_owned(),
        title: lexical(&meta.first().cloned().flatten()),
        region: lexical(&meta.get(1).cloned().flatten()),
        level: lexical(&meta.get(2).cloned().flatten())
            .rsplit('#')
            .next()
            .unwrap_or_default()
            .to_lowercase(),
        concepts,
    })
}

/// Aligns the concepts of A with those of B; each pair once, by its strongest method.
fn align(a: &PlanSide, b: &PlanSide, options: &CompareOptions) -> Vec<Alignment> {
    let mut best: BTreeMap<(String, String), Alignment> = BTreeMap::new();
    // Methods are offered strongest first; a pair keeps the first.
    let mut offer = |al: Alignment| {
        best.entry((al.a.clone(), al.b.clone())).or_insert(al);
    };
    // The same concept IRI: a goal A serves from below is an explicit reference.
    for (iri, concept) in &a.concepts {
        if b.concepts.contains_key(iri) && concept.classes.iter().any(|c| c != "Task") {
            let method = if concept.served_from_below {
                Method::ExplicitReference
            } else {
                Method::SameConcept
            };
            offer(Alignment {
                a: iri.clone(),
                b: iri.clone(),
                method,
                score: 1.0,
            });
        }
    }
    // Numbered abbreviations: 三个高地 is the 三高 of 三高四新, and the reverse.
    for (x, y, swap) in [(a, b, false), (b, a, true)] {
        for cx in x.concepts.values().filter(|c| c.declared_count.is_some()) {
            for cy in y.concepts.values().filter(|c| c.declared_count.is_some()) {
                if counted_is_element(&cx.label, &cy.label) {
                    let (ia, ib) = if swap {
                        (&cy.iri, &cx.iri)
                    } else {
                        (&cx.iri, &cy.iri)
                    };
                    offer(Alignment {
                        a: ia.clone(),
                        b: ib.clone(),
                        method: Method::AbbreviationMember,
                        score: 1.0,
                    });
                }
            }
        }
    }
    // Similar labels, within a class.
    for lexical in similar(a, b, options.similarity_threshold) {
        offer(lexical);
    }
    best.into_values().collect()
}

/// Whether `counted` (三个高地: 3 × 高地) is an element of `elements` (三高四新: 三高 + 四新).
fn counted_is_element(counted: &str, elements: &str) -> bool {
    use crate::extract::numerals::{is_numeral, parse};
    let Some((number, head)) = counted.split_once(['个', '大', '项']) else {
        return false;
    };
    let (Some(n), Some(first)) = (parse(number), head.chars().next()) else {
        return false;
    };
    let chars: Vec<char> = elements.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..].iter().take_while(|c| is_numeral(**c)).count();
        if digits > 0 && i + digits < chars.len() {
            let value: String = chars[i..i + digits].iter().collect();
            if parse(&value) == Some(n) && chars[i + digits] == first && counted != elements {
                return true;
            }
            i += digits + 1;
        } else {
            i += 1;
        }
    }
    false
}

/// Lexical alignments: TF-IDF cosine over the character bigrams of the labels of
/// concepts that share a class (tasks excluded), at least `threshold`.
///
/// Bigrams, not jieba's words: labels are short compounds, and jieba keeps 强市,
/// 强省 and 强国 whole, so 制造强市 and 制造强省 shared one word of two and fell below
/// the threshold, while 社会主义现代化 and 社会主义政治 shared the heavy word 社会主义
/// and rose above it. Measured on the seed against its province and nation:
/// bigrams gave 8 lexical alignments, all right; jieba's search-mode words gave 15,
/// several wrong, and missed the 强市 ~ 强省/强国 pairs.
fn similar(a: &PlanSide, b: &PlanSide, threshold: f64) -> Vec<Alignment> {
    let (xs, ys) = (candidates(a), candidates(b));
    let mut df: HashMap<&str, f64> = HashMap::new();
    for (_, f) in xs.iter().chain(&ys) {
        for t in f.iter().collect::<BTreeSet<_>>() {
            *df.entry(t.as_str()).or_default() += 1.0;
        }
    }
    let n = (xs.len() + ys.len()) as f64;
    let vys: Vec<HashMap<&str, f64>> = ys.iter().map(|(_, f)| tfidf(f, &df, n)).collect();
    let mut out = Vec::new();
    for (cx, fx) in &xs {
        let vx = tfidf(fx, &df, n);
        for ((cy, _), vy) in ys.iter().zip(&vys) {
            if cx.iri == cy.iri || cx.classes.is_disjoint(&cy.classes) {
                continue;
            }
            let cosine: f64 = vx
                .iter()
                .filter_map(|(t, w)| vy.get(t).map(|u| w * u))
                .sum();
            if cosine >= threshold {
                out.push(Alignment {
                    a: cx.iri.clone(),
                    b: cy.iri.clone(),
                    method: Method::Lexical,
                    score: cosine,
                });
            }
        }
    }
    out
}

/// The concepts of a side that can align lexically, with their label's bigrams.
fn candidates(side: &PlanSide) -> Vec<(&ConceptInfo, Vec<String>)> {
    side.concepts
        .values()
        .filter(|c| !c.classes.contains("Task"))
        .map(|c| {
            let chars: Vec<char> = c.label.chars().collect();
            let mut features: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
            if chars.len() == 1 {
                features.push(c.label.clone());
            }
            (c, features)
        })
        .collect()
}

/// A unit TF-IDF vector of `features`, given document frequencies over `n` labels.
fn tfidf<'f>(features: &'f [String], df: &HashMap<&str, f64>, n: f64) -> HashMap<&'f str, f64> {
    let mut v: HashMap<&str, f64> = HashMap::new();
    for t in features {
        *v.entry(t.as_str()).or_default() += 1.0;
    }
    for (t, w) in v.iter_mut() {
        *w *= (n / df.get(t).copied().unwrap_or(1.0)).ln() + 1.0;
    }
    let norm = v
        .values()
        .map(|w| w * w)
        .sum::<f64>()
        .sqrt()
        .max(f64::MIN_POSITIVE);
    v.values_mut().for_each(|w| *w /= norm);
    v
}

/// The comparison as a view to draw: A's strategies and goals and the concepts
/// of B they align with, A's `supports` among them, and the alignments. A concept
/// both plans name is one node of both plans (drawn between their clusters).
pub fn diagram(c: &Comparison) -> View {
    let mut nodes: BTreeMap<&str, (&ConceptInfo, BTreeSet<String>)> = BTreeMap::new();
    let drawn = |x: &ConceptInfo| x.classes.contains("Strategy") || x.classes.contains("Goal");
    for x in c.a.concepts.values().filter(|x| drawn(x)) {
        nodes
            .entry(&x.iri)
            .or_insert((x, BTreeSet::new()))
            .1
            .insert(c.a.id.clone());
    }
    for al in &c.alignments {
        if nodes.contains_key(al.a.as_str()) {
            let y = &c.b.concepts[&al.b];
            nodes
                .entry(&y.iri)
                .or_insert((y, BTreeSet::new()))
                .1
                .insert(c.b.id.clone());
        }
    }
    // What no drawn relation touches stays out: the report lists it.
    let mut linked: BTreeSet<&str> = BTreeSet::new();
    for al in &c.alignments {
        linked.extend([al.a.as_str(), al.b.as_str()]);
    }
    for x in
        c.a.concepts
            .values()
            .filter(|x| nodes.contains_key(x.iri.as_str()))
    {
        for target in x.supports.iter().filter(|t| nodes.contains_key(t.as_str())) {
            linked.extend([x.iri.as_str(), target.as_str()]);
        }
    }
    nodes.retain(|iri, _| linked.contains(iri));
    let mut order: Vec<(&str, &ConceptInfo, BTreeSet<String>)> =
        nodes.into_iter().map(|(iri, (x, p))| (iri, x, p)).collect();
    order.sort_by(|x, y| (&x.1.label, x.0).cmp(&(&y.1.label, y.0)));
    let mut graph = DiGraph::new();
    let mut index = HashMap::new();
    for (iri, x, plans) in order {
        let kind = ["Strategy", "Goal", "Project", "Task", "District"]
            .iter()
            .zip([
                Kind::Strategy,
                Kind::Goal,
                Kind::Project,
                Kind::Task,
                Kind::District,
            ])
            .find(|(name, _)| x.classes.contains(**name))
            .map_or(Kind::Other, |(_, kind)| kind);
        let node = Node {
            iri: iri.to_owned(),
            label: x.label.clone(),
            alt_labels: Vec::new(),
            kind,
            abbreviation: x.declared_count.is_some(),
            plans: plans.into_iter().collect(),
            level: None,
            code: None,
        };
        index.insert(iri.to_owned(), graph.add_node(node));
    }
    let mut edges: BTreeSet<(String, String, Relation)> = BTreeSet::new();
    for x in c.a.concepts.values() {
        for target in &x.supports {
            if index.contains_key(&x.iri) && index.contains_key(target) {
                edges.insert((x.iri.clone(), target.clone(), Relation::Supports));
            }
        }
    }
    for al in c.alignments.iter().filter(|al| al.a != al.b) {
        if index.contains_key(&al.a) && index.contains_key(&al.b) {
            edges.insert((al.a.clone(), al.b.clone(), Relation::AlignsWith));
        }
    }
    for (s, o, relation) in edges {
        let plans = match relation {
            Relation::Supports => vec![c.a.id.clone()],
            _ => vec![c.a.id.clone(), c.b.id.clone()],
        };
        graph.add_edge(index[&s], index[&o], Edge { relation, plans });
    }
    let source = |side: &PlanSide| PlanSource {
        id: side.id.clone(),
        title: side.title.clone(),
        level: side.level.parse().ok(),
    };
    let mut plans = vec![source(&c.a), source(&c.b)];
    plans.sort_by(|x, y| x.id.cmp(&y.id));
    View {
        spec: ViewSpec::new(ViewKind::Comparison {
            a: c.a.id.clone(),
            b: c.b.id.clone(),
        }),
        graph,
        plans,
        reduced: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(id: &str, concepts: &[(&str, &str, Option<u32>)]) -> PlanSide {
        PlanSide {
            id: id.to_owned(),
            title: String::new(),
            region: String::new(),
            level: String::new(),
            concepts: concepts
                .iter()
                .map(|(label, class, declared)| {
                    let iri = iri::concept(label).as_str().to_owned();
                    let info = ConceptInfo {
                        iri: iri.clone(),
                        label: (*label).to_owned(),
                        classes: [class.to_string()].into(),
                        supports: BTreeSet::new(),
                        served_from_below: false,
                        declared_count: *declared,
                    };
                    (iri, info)
                })
                .collect(),
        }
    }

    #[test]
    fn elements_of_numbered_abbreviations() {
        assert!(counted_is_element("三个高地", "三高四新"));

        assert!(!counted_is_element("三个高地", "一谷三区"));
        assert!(!counted_is_element("两个中心", "三高四新"));
    }

    #[test]
    fn aligns_by_iri_abbreviation_and_similarity() {
        let a = side(
            "city",
            &[
                ("乡村振兴战略", "Strategy", None),
                ("三个高地", "Goal", Some(3)),
                ("科技创新引领区", "Goal", None),
                ("老城区", "District", None),
            ],
        );
        let b = side(
            "province",
            &[
                ("乡村振兴战略", "Strategy", None),
                ("三高四新", "Strategy", Some(7)),
                ("科技创新高地引领区", "Goal", None),
                ("数字政府", "Goal", None),
            ],
        );
        let c = Comparison {
            alignments: align(&a, &b, &CompareOptions::default()),
            a,
            b,
        };
        let methods: Vec<(&str, Method)> = c
            .alignments
            .iter()
            .map(|al| (c.a.concepts[&al.a].label.as_str(), al.method))
            .collect();
        assert!(
            methods.contains(&("乡村振兴战略", Method::SameConcept)),
            "{methods:?}"
        );
        assert!(
            methods.contains(&("三个高地", Method::AbbreviationMember)),
            "{methods:?}"
        );
        assert!(
            methods.contains(&("科技创新引领区", Method::Lexical)),
            "{methods:?}"
        );
        let gaps: Vec<&str> = c.gaps().iter().map(|g| g.label.as_str()).collect();
        assert_eq!(gaps, ["数字政府"]);
        let coverage = c.coverage();
        assert_eq!(coverage[0], ("Strategy", 2, 2));
        assert_eq!(coverage[1], ("Goal", 1, 2));
    }

    #[test]
    fn dissimilar_labels_do_not_align() {
        let a = side("a", &[("生态强市", "Goal", None)]);
        let b = side("b", &[("数字政府", "Goal", None)]);
        assert!(align(&a, &b, &CompareOptions::default()).is_empty());
    }
}
