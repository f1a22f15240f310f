//! Extraction: a [`Document`] becomes an [`Extraction`] of concepts, mentions and
//! relations, each with the exact span it came from.
//!
//! The entry point is [`Extractor`]: build it once (it loads jieba's dictionary and
//! the bundled lexicons), then call [`Extractor::extract`] for each document.
//! Extraction never fails: what it cannot settle (a numbered abbreviation whose
//! listed members differ from its declared count) becomes a [`Diagnostic`].
//!
//! Rules run in a fixed order, one family per file: places (`district`),
//! strategies (`strategy`), numbered abbreviations (`abbreviation`), programmes
//! (`project`), goals (`goal`), tasks (`task`), then the relations between what
//! they found (`relation`). Each rule records what it found together with the
//! role the text gives it (a section's goal, a task of a section, the object of
//! 实施…战略), and `relation` reads the relations off those roles.

mod abbreviation;
mod district;
pub mod gazetteer;
mod goal;
mod lexicon;
pub mod metadata;
mod model;
pub(crate) mod numerals;
mod phrase;
mod project;
mod relation;
mod segment;
mod strategy;
pub(crate) mod task;
mod text;

use std::collections::{HashMap, HashSet};

pub use model::{
    Concept, ConceptId, ConceptKind, Diagnostic, Evidence, Extraction, Mention, Predicate, Relation,
};

use crate::extract::gazetteer::Gazetteer;
use crate::extract::lexicon::Lexicon;
use crate::extract::metadata::PlanMetadata;
use crate::extract::model::ConceptTable;
use crate::extract::segment::Segmenter;
use crate::extract::text::Text;
use crate::intake::Document;
use crate::span::Span;

/// Runs the extraction rules; holds the segmenter and lexicons, built once.
pub struct Extractor {
    segmenter: Segmenter,
    lexicon: Lexicon,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// Loads jieba's dictionary with the genre's vocabulary and the names of
    /// China's administrative divisions added.
    pub fn new() -> Extractor {
        let lexicon = Lexicon::bundled();
        let gazetteer = Gazetteer::get();
        let segmenter = Segmenter::new(lexicon.words(), gazetteer.names().map(|(name, _)| name));
        Extractor { segmenter, lexicon }
    }

    /// Extracts the concepts, relations and metadata of one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let metadata = metadata::read_metadata(doc);
        self.extract_with(doc, metadata)
    }

    /// Like [`Extractor::extract`], with metadata already read (and perhaps completed
    /// from a sidecar file or the command line).
    pub fn extract_with(&self, doc: &Document, metadata: PlanMetadata) -> Extraction {
        let text = Text::new(doc, &self.segmenter, metadata.period.as_deref());
        let context = Context {
            text: &text,
            lexicon: &self.lexicon,
            gazetteer: Gazetteer::get(),
            metadata: &metadata,
        };
        let mut found = Findings::default();
        district::find(&context, &mut found);
        strategy::find(&context, &mut found);
        abbreviation::find(&context, &mut found);
        project::find(&context, &mut found);
        goal::find(&context, &mut found);
        task::find(&context, &mut found);
        abbreviation::link_members(&context, &mut found);
        relation::find(&context, &mut found);
        found.finish(metadata)
    }
}

/// What every rule reads.
pub(crate) struct Context<'a> {
    pub text: &'a Text<'a>,
    pub lexicon: &'a Lexicon,
    pub gazetteer: &'static Gazetteer,
    pub metadata: &'a PlanMetadata,
}

/// The role a mention plays in its sentence, for the relation rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Named, no more.
    Plain,
    /// The goal a paragraph or section sets out (`…，着力建设X。` opening it).
    SectionGoal,
    /// Object of a goal verb (建设X, 打造X).
    GoalObject,
    /// A goal the plan serves from outside, `在…打造X中/上`.
    ServedGoal,
    /// Object of a strategy verb (实施X战略, 落实X战略).
    StrategyObject,
    /// A strategy in a frame (在实施X战略中): carried out, but framing the clause.
    FramingStrategy,
    /// A task clause.
    Task,
    /// A programme: a numbered abbreviation of projects (七大工程).
    Programme,
}

/// One thing a rule found.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub concept: ConceptId,
    pub span: Span,
    /// Index into the document's sentences.
    pub sentence: usize,
    pub paragraph: usize,
    pub role: Role,
}

/// A list the text enumerates (A、B、C), as concepts in order.
#[derive(Debug, Clone)]
pub(crate) struct Enumeration {
    pub items: Vec<ConceptId>,
    pub sentence: usize,
}

/// What the rules have found so far.
#[derive(Default)]
pub(crate) struct Findings {
    table: ConceptTable,
    /// Every written form (quotes removed) → the concept it names.
    forms: HashMap<String, ConceptId>,
    pub findings: Vec<Finding>,
    pub enumerations: Vec<Enumeration>,
    pub abbreviations: Vec<abbreviation::Abbreviation>,
    relations: Vec<Relation>,
    relation_keys: HashSet<(ConceptId, Predicate, ConceptId)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Findings {
    /// Records a concept named at `span` of `sentence` as `form`, under its
    /// canonical `label`, with `kind` and `role`.
    pub(crate) fn add(
        &mut self,
        kind: Option<ConceptKind>,
        label: &str,
        form: &str,
        span: Span,
        sentence: &text::SentenceView,
        role: Role,
    ) -> ConceptId {
        // Another form of a known concept names it too, unless that would give it a
        // new class: the goal 人才强国 is not the strategy 人才强国战略.
        let by_form = self.forms.get(label).copied().filter(|&id| {
            kind.is_none_or(|k| {
                let c = self.table.get(id);
                c.kinds.is_empty() || c.kinds.contains(&k)
            })
        });
        let id = match self.table.find(label).or(by_form) {
            Some(id) => {
                if let Some(kind) = kind {
                    self.table.get_mut(id).kinds.insert(kind);
                }
                id
            }
            None => self.table.intern(label, kind),
        };
        self.table.add_alt_label(id, form);
        self.forms.entry(form.to_owned()).or_insert(id);
        self.forms.entry(label.to_owned()).or_insert(id);
        self.findings.push(Finding {
            concept: id,
            span,
            sentence: sentence.index,
            paragraph: sentence.paragraph,
            role,
        });
        id
    }

    /// A concept that no sentence names (a region's parent, say).
    pub(crate) fn add_unmentioned(&mut self, kind: ConceptKind, label: &str) -> ConceptId {
        let id = self.table.intern(label, Some(kind));
        self.forms.entry(label.to_owned()).or_insert(id);
        id
    }

    /// Whether a recorded mention of `id` covers `span`.
    pub(crate) fn is_mentioned(&self, id: ConceptId, span: Span) -> bool {
        self.findings
            .iter()
            .any(|f| f.concept == id && f.span.contains(span))
    }

    /// Whether a mention of a concept of `kind` already covers `span`.
    pub(crate) fn mentions_kind_at(&self, kind: ConceptKind, span: Span) -> bool {
        self.findings
            .iter()
            .any(|f| f.span.contains(span) && self.table.get(f.concept).kinds.contains(&kind))
    }

    /// Makes `form` name `id` from now on (unless it already names a concept).
    pub(crate) fn register_form(&mut self, form: &str, id: ConceptId) {
        self.forms.entry(form.to_owned()).or_insert(id);
    }

    /// The concept a written form names, if any rule has recorded it.
    pub(crate) fn by_form(&self, form: &str) -> Option<ConceptId> {
        self.forms.get(form).copied()
    }

    pub(crate) fn concept(&self, id: ConceptId) -> &Concept {
        self.table.get(id)
    }

    pub(crate) fn concept_mut(&mut self, id: ConceptId) -> &mut Concept {
        self.table.get_mut(id)
    }

    pub(crate) fn concepts(&self) -> impl Iterator<Item = (ConceptId, &Concept)> {
        self.table.iter()
    }

    /// Records a relation once; the first evidence found is kept.
    pub(crate) fn relate(
        &mut self,
        subject: ConceptId,
        predicate: Predicate,
        object: ConceptId,
        evidence: Option<Evidence>,
        method: &'static str,
    ) {
        if subject != object && self.relation_keys.insert((subject, predicate, object)) {
            self.relations.push(Relation {
                subject,
                predicate,
                object,
                evidence,
                method,
            });
        }
    }

    /// The objects of `subject`'s relations with `predicate`.
    pub(crate) fn relations_of(
        &self,
        subject: ConceptId,
        predicate: Predicate,
    ) -> impl Iterator<Item = ConceptId> + '_ {
        self.relations
            .iter()
            .filter(move |r| r.subject == subject && r.predicate == predicate)
            .map(|r| r.object)
    }

    fn finish(self, metadata: PlanMetadata) -> Extraction {
        let mut mentions: Vec<Mention> = Vec::new();
        let mut seen = HashSet::new();
        for f in &self.findings {
            if seen.insert((f.concept, f.span)) {
                mentions.push(Mention {
                    concept: f.concept,
                    span: f.span,
                    sentence: f.sentence,
                });
            }
        }
        mentions.sort_by_key(|m| (m.span, m.concept));
        Extraction {
            metadata,
            concepts: self.table.into_vec(),
            mentions,
            relations: self.relations,
            diagnostics: self.diagnostics,
        }
    }
}

/// Helpers for the rule families' tests: extraction of a short made-up text.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::OnceLock;

    use super::{ConceptKind, Extraction, Extractor, Predicate};
    use crate::intake::{Document, SourceFormat};

    /// Extracts `text` (one paragraph per line; the first line is the title).
    pub(crate) fn extract(text: &str) -> Extraction {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        let doc = Document::from_text("test.txt", SourceFormat::Text, text).expect("valid text");
        EXTRACTOR.get_or_init(Extractor::new).extract(&doc)
    }

    /// Labels of the concepts of `kind`, sorted.
    pub(crate) fn labels(e: &Extraction, kind: ConceptKind) -> Vec<&str> {
        let mut labels: Vec<&str> = e
            .concepts
            .iter()
            .filter(|c| c.kinds.contains(&kind))
            .map(|c| c.label.as_str())
            .collect();
        labels.sort();
        labels
    }

    /// Asserts that the concepts of `kind` are exactly `expected`.
    #[track_caller]
    pub(crate) fn check(text: &str, kind: ConceptKind, expected: &[&str]) {
        let e = extract(text);
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(labels(&e, kind), expected, "{kind:?} in {text}");
    }

    /// Whether `subject predicate object` was extracted (by canonical labels).
    pub(crate) fn related(
        e: &Extraction,
        subject: &str,
        predicate: Predicate,
        object: &str,
    ) -> bool {
        e.relations.iter().any(|r| {
            r.predicate == predicate
                && e.concept(r.subject).label == subject
                && e.concept(r.object).label == object
        })
    }
}
