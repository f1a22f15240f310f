//! RDF mapping: an [`Extraction`] of a [`Document`] becomes the quads of the
//! plan's named graph. Pure: no I/O, no store.
//!
//! The entry point is [`to_quads`]. The graph holds the `pk:Plan` node with its
//! metadata (Dublin Core terms where they fit) and the PROV record of the ingest,
//! every concept with its classes and labels, every relation both as a triple and
//! as a `pk:Assertion` carrying its evidence, and every mention and cited sentence
//! with its character offsets into the original file (NIF).

pub mod iri;

use std::collections::BTreeSet;

use rustc_hash::FxHashSet;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

use crate::extract::gazetteer::{AdminLevel, Gazetteer};
use crate::extract::{ConceptKind, Extraction, Predicate};
use crate::intake::Document;
use crate::vocab::{dcterms, nif, pk, prov, rdf, rdfs, skos, xsd};

/// Facts about one ingest that the document itself does not hold.
#[derive(Debug, Clone)]
pub struct IngestRecord {
    /// When the ingest ran, RFC 3339 (`2026-11-26T07:31:48Z`).
    pub time: String,
    /// The version of plankg that ran it.
    pub tool_version: String,
}

impl IngestRecord {
    /// A record of an ingest happening now, by this version of plankg.
    pub fn now() -> IngestRecord {
        IngestRecord {
            time: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }
}

/// The class IRI of a concept kind.
pub fn class_of(kind: ConceptKind) -> NamedNodeRef<'static> {
    match kind {
        ConceptKind::Strategy => pk::STRATEGY,
        ConceptKind::Goal => pk::GOAL,
        ConceptKind::Project => pk::PROJECT,
        ConceptKind::Task => pk::TASK,
        ConceptKind::District => pk::DISTRICT,
    }
}

/// The property IRI of a predicate.
pub fn property_of(predicate: Predicate) -> NamedNodeRef<'static> {
    match predicate {
        Predicate::HasPart => pk::HAS_PART,
        Predicate::Supports => pk::SUPPORTS,
        Predicate::LocatedIn => pk::LOCATED_IN,
    }
}

/// The individual IRI of a level of government.
pub fn level_of(level: AdminLevel) -> NamedNodeRef<'static> {
    match level {
        AdminLevel::Nation => pk::NATION,
        AdminLevel::Province => pk::PROVINCE,
        AdminLevel::City => pk::CITY,
        AdminLevel::County => pk::COUNTY,
    }
}

/// Collects the quads of one graph.
struct GraphWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphWriter {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s, p.into_owned(), o, self.graph.clone()));
    }

    fn zh(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, text: &str) {
        let literal = Literal::new_language_tagged_literal_unchecked(text, "zh");
        self.add(s.clone(), p, literal);
    }

    fn string(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, text: &str) {
        self.add(s.clone(), p, Literal::new_simple_literal(text));
    }

    fn integer(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, value: impl Into<i64>) {
        let literal = Literal::new_typed_literal(value.into().to_string(), xsd::INTEGER);
        self.add(s.clone(), p, literal);
    }
}

/// The quads of a plan's graph. The graph is named by the plan's IRI.
pub fn to_quads(doc: &Document, extraction: &Extraction, record: &IngestRecord) -> Vec<Quad> {
    let meta = &extraction.metadata;
    let plan = iri::plan(&meta.id);
    let mut w = GraphWriter {
        graph: GraphName::NamedNode(plan.clone()),
        quads: Vec::new(),
    };
    plan_node(&mut w, doc, extraction, record, &plan);
    let concept_iris: Vec<NamedNode> = extraction
        .concepts
        .iter()
        .map(|c| iri::concept(&c.label))
        .collect();
    let mut cited_sentences = BTreeSet::new();
    // Sentence IRIs, minted once each: many mentions and relations cite one sentence.
    let mut sentence_iris: Vec<Option<NamedNode>> = vec![None; doc.sentences.len()];
    let mut sentence_iri = |index: usize| -> NamedNode {
        sentence_iris[index]
            .get_or_insert_with(|| iri::sentence(&meta.id, index))
            .clone()
    };

    for (i, concept) in extraction.concepts.iter().enumerate() {
        let c = &concept_iris[i];
        w.add(c.clone(), rdf::TYPE, skos::CONCEPT);
        for &kind in &concept.kinds {
            w.add(c.clone(), rdf::TYPE, class_of(kind));
        }
        w.zh(c, rdfs::LABEL, &concept.label);
        w.zh(c, skos::PREF_LABEL, &concept.label);
        for alt in &concept.alt_labels {
            w.zh(c, skos::ALT_LABEL, alt);
        }
        if let Some(declared) = concept.declared_count {
            w.add(c.clone(), rdf::TYPE, pk::NUMBERED_ABBREVIATION);
            w.integer(c, pk::DECLARED_COUNT, declared);
            let listed = extraction.members(crate::extract::ConceptId(i)).count();
            if listed > 0 {
                w.integer(c, pk::LISTED_COUNT, listed as i64);
            }
        }
        if let Some(year) = concept.target_year {
            w.integer(c, pk::TARGET_YEAR, year);
        }
        if let Some(code) = concept.division_code {
            w.string(c, pk::DIVISION_CODE, &Gazetteer::code_string(code));
            if let Some(division) = Gazetteer::get().by_code(code) {
                w.add(c.clone(), pk::ADMIN_LEVEL_OF, level_of(division.level));
            }
        }
    }

    for relation in &extraction.relations {
        let s = &concept_iris[relation.subject.0];
        let o = &concept_iris[relation.object.0];
        let p = property_of(relation.predicate);
        w.add(s.clone(), p, o.clone());
        let a = iri::assertion(
            &meta.id,
            &extraction.concept(relation.subject).label,
            relation.predicate.as_str(),
            &extraction.concept(relation.object).label,
        );
        w.add(a.clone(), rdf::TYPE, pk::ASSERTION);
        w.add(a.clone(), rdf::SUBJECT, s.clone());
        w.add(a.clone(), rdf::PREDICATE, p.into_owned());
        w.add(a.clone(), rdf::OBJECT, o.clone());
        w.string(&a, pk::METHOD, relation.method);
        w.add(a.clone(), pk::IN_PLAN, plan.clone());
        if let Some(evidence) = relation.evidence {
            let original = doc.original_span(evidence.span);
            w.add(a.clone(), pk::IN_SENTENCE, sentence_iri(evidence.sentence));
            w.integer(&a, nif::BEGIN_INDEX, original.char_start as i64);
            w.integer(&a, nif::END_INDEX, original.char_end as i64);
            cited_sentences.insert(evidence.sentence);
        }
    }

    for mention in &extraction.mentions {
        let concept = extraction.concept(mention.concept);
        let original = doc.original_span(mention.span);
        let m = iri::mention(
            &meta.id,
            original.char_start,
            original.char_end,
            &concept.label,
        );
        w.add(m.clone(), rdf::TYPE, pk::MENTION);
        w.add(
            m.clone(),
            pk::MENTION_OF,
            concept_iris[mention.concept.0].clone(),
        );
        w.add(m.clone(), pk::IN_PLAN, plan.clone());
        w.add(m.clone(), pk::IN_SENTENCE, sentence_iri(mention.sentence));
        w.integer(&m, nif::BEGIN_INDEX, original.char_start as i64);
        w.integer(&m, nif::END_INDEX, original.char_end as i64);
        w.string(&m, nif::ANCHOR_OF, doc.original_of(original));
        cited_sentences.insert(mention.sentence);
    }

    for index in cited_sentences {
        let sentence = &doc.sentences[index];
        let s = sentence_iri(index);
        let original = doc.original_span(sentence.span);
        w.add(s.clone(), rdf::TYPE, pk::SENTENCE);
        w.add(s.clone(), pk::IN_PLAN, plan.clone());
        w.integer(&s, pk::SENTENCE_INDEX, index as i64);
        w.integer(&s, nif::BEGIN_INDEX, original.char_start as i64);
        w.integer(&s, nif::END_INDEX, original.char_end as i64);
        w.string(&s, nif::ANCHOR_OF, doc.original_of(original));
        w.zh(&s, rdfs::LABEL, doc.text_of(sentence.span));
        let section = &doc.sections[doc.paragraphs[sentence.paragraph].section];
        if let Some(heading) = section.heading {
            w.zh(
                &s,
                pk::SECTION_HEADING,
                doc.text_of(doc.paragraphs[heading].span),
            );
        }
    }
    // Duplicates can only come from concepts sharing an IRI; keep one of each
    // (marked first, through references: cloning every quad into a set cost more
    // than building them).
    let first: Vec<bool> = {
        let mut seen = FxHashSet::default();
        w.quads.iter().map(|q| seen.insert(q.as_ref())).collect()
    };
    let mut first = first.into_iter();
    w.quads.retain(|_| first.next().unwrap_or(false));
    w.quads
}

fn plan_node(
    w: &mut GraphWriter,
    doc: &Document,
    extraction: &Extraction,
    record: &IngestRecord,
    plan: &NamedNode,
) {
    let meta = &extraction.metadata;
    w.add(plan.clone(), rdf::TYPE, pk::PLAN);
    w.string(plan, pk::PLAN_ID, &meta.id);
    w.string(plan, dcterms::IDENTIFIER, &meta.id);
    if let Some(title) = &meta.title {
        w.zh(plan, dcterms::TITLE, title);
    }
    if let Some(issuer) = &meta.issuer {
        w.zh(plan, pk::ISSUER, issuer);
        w.zh(plan, dcterms::CREATOR, issuer);
    }
    if let Some(region) = &meta.region {
        let node = iri::concept(region);
        w.add(plan.clone(), pk::REGION, node.clone());
        w.add(plan.clone(), dcterms::SPATIAL, node);
        // The divisions the region lies in cover the plan too (a city's plan is
        // within its province): dcterms:spatial, not pk:locatedIn between
        // concepts, since the text need not name them.
        let gazetteer = Gazetteer::get();
        if let Some(division) = meta.region_code.and_then(|c| gazetteer.by_code(c)) {
            for above in gazetteer.ancestors(division) {
                let node = iri::concept(&above.name);
                w.add(plan.clone(), dcterms::SPATIAL, node.clone());
                w.zh(&node, rdfs::LABEL, &above.name);
            }
        }
    }
    if let Some(level) = meta.level {
        w.add(plan.clone(), pk::ADMIN_LEVEL_OF, level_of(level));
    }
    if let Some(n) = meta.committee {
        w.integer(plan, pk::COMMITTEE_NUMBER, n);
    }
    if let Some(n) = meta.plenary {
        w.integer(plan, pk::PLENARY_NUMBER, n);
    }
    if let Some(period) = &meta.period {
        w.zh(plan, pk::PERIOD_LABEL, period);
    }
    if let (Some(start), Some(end)) = (meta.period_start, meta.period_end) {
        w.integer(plan, pk::PERIOD_START, start);
        w.integer(plan, pk::PERIOD_END, end);
        w.string(plan, dcterms::TEMPORAL, &format!("{start}/{end}"));
    }
    if let Some(year) = meta.horizon {
        w.integer(plan, pk::HORIZON_YEAR, year);
    }
    if let Some(date) = &meta.date {
        let datatype = if date.len() == 10 {
            xsd::DATE
        } else {
            xsd::G_YEAR_MONTH
        };
        w.add(
            plan.clone(),
            dcterms::DATE,
            Literal::new_typed_literal(date, datatype),
        );
    }
    if let Some(kind) = &meta.document_type {
        w.zh(plan, pk::DOCUMENT_TYPE, kind);
        w.zh(plan, dcterms::TYPE, kind);
    }
    let file_name = doc
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    w.string(plan, pk::SOURCE_FILE, &file_name);
    w.string(plan, dcterms::SOURCE, &file_name);
    w.string(plan, pk::SHA256, &doc.sha256);
    w.string(plan, pk::SOURCE_ENCODING, doc.encoding);
    let ingest = iri::ingest(&meta.id);
    let agent = iri::software();
    w.add(plan.clone(), prov::WAS_GENERATED_BY, ingest.clone());
    w.add(ingest.clone(), rdf::TYPE, prov::ACTIVITY);
    w.add(
        ingest.clone(),
        prov::ENDED_AT_TIME,
        Literal::new_typed_literal(&record.time, xsd::DATE_TIME),
    );
    w.add(ingest.clone(), prov::WAS_ASSOCIATED_WITH, agent.clone());
    w.string(&ingest, pk::TOOL_VERSION, &record.tool_version);
    w.add(agent.clone(), rdf::TYPE, prov::SOFTWARE_AGENT);
    w.add(agent, rdfs::LABEL, Literal::new_simple_literal("plankg"));
}
