//! What extraction produces: concepts, their mentions, relations between them,
//! and diagnostics, together with the plan's metadata.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::extract::metadata::PlanMetadata;
use crate::span::Span;

/// The classes of the contract (`pk:Strategy`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum ConceptKind {
    /// A named strategy or strategic layout.
    Strategy,
    /// A goal or target the plan commits to.
    Goal,
    /// A programme, project or action, or an item of one.
    Project,
    /// A concrete task clause.
    Task,
    /// A place.
    District,
}

impl ConceptKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ConceptKind; 5] = [
        ConceptKind::Strategy,
        ConceptKind::Goal,
        ConceptKind::Project,
        ConceptKind::Task,
        ConceptKind::District,
    ];

    /// The class's local name in the ontology (`Strategy`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ConceptKind::Strategy => "Strategy",
            ConceptKind::Goal => "Goal",
            ConceptKind::Project => "Project",
            ConceptKind::Task => "Task",
            ConceptKind::District => "District",
        }
    }
}

/// Index of a concept in [`Extraction::concepts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ConceptId(pub usize);

/// A concept the plan names: a strategy, goal, project, task or place, or a member
/// of a numbered abbreviation that fits none of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Concept {
    /// The canonical label: quotes, leading verbs and modifiers removed.
    pub label: String,
    /// Its classes; empty for a bare member of an enumeration (a principle, say).
    pub kinds: BTreeSet<ConceptKind>,
    /// Other forms it appears in, as written (quotes removed).
    pub alt_labels: BTreeSet<String>,
    /// For a numbered abbreviation (数字略语), how many members its name declares.
    pub declared_count: Option<u32>,
    /// The year a goal is to be reached.
    pub target_year: Option<u16>,
    /// GB/T 2260 code, when the concept is an administrative division.
    pub division_code: Option<u32>,
}

/// One occurrence of a concept in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The concept named.
    pub concept: ConceptId,
    /// Characters of the document's normalised text.
    pub span: Span,
    /// Index into the document's sentences.
    pub sentence: usize,
}

/// The relations of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Predicate {
    /// Whole → member.
    HasPart,
    /// Lower → higher.
    Supports,
    /// Place → the place that contains it.
    LocatedIn,
}

impl Predicate {
    /// The property's local name in the ontology.
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::HasPart => "hasPart",
            Predicate::Supports => "supports",
            Predicate::LocatedIn => "locatedIn",
        }
    }
}

/// Where in the text a relation was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Evidence {
    /// Index into the document's sentences.
    pub sentence: usize,
    /// Characters of the normalised text that carry the relation.
    pub span: Span,
}

/// A relation between two concepts, with the rule that found it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Relation {
    /// The lower or containing end, as the predicate reads.
    pub subject: ConceptId,
    /// What the relation says.
    pub predicate: Predicate,
    /// The other end.
    pub object: ConceptId,
    /// Where it was read; `None` for relations from general knowledge (the gazetteer).
    pub evidence: Option<Evidence>,
    /// The rule that found it, e.g. `enumeration`, `section-goal`, `gazetteer`.
    pub method: &'static str,
}

/// Something extraction noticed that a reader should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Diagnostic {
    /// A numbered abbreviation lists a different number of members than its name declares.
    CountMismatch {
        /// The abbreviation.
        concept: ConceptId,
        /// The number in its name.
        declared: u32,
        /// The members found.
        listed: u32,
    },
}

/// Everything extraction found in one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    /// What the document says about itself.
    pub metadata: PlanMetadata,
    /// Concepts, each once.
    pub concepts: Vec<Concept>,
    /// Occurrences of concepts, in text order.
    pub mentions: Vec<Mention>,
    /// Relations, each once.
    pub relations: Vec<Relation>,
    /// Declared counts that differ from the members listed, and the like.
    pub diagnostics: Vec<Diagnostic>,
}

impl Extraction {
    /// The concept behind an id.
    pub fn concept(&self, id: ConceptId) -> &Concept {
        &self.concepts[id.0]
    }

    /// Number of concepts of one kind.
    pub fn count(&self, kind: ConceptKind) -> usize {
        self.concepts
            .iter()
            .filter(|c| c.kinds.contains(&kind))
            .count()
    }

    /// The members listed for a concept, in the order of its `hasPart` relations.
    pub fn members(&self, whole: ConceptId) -> impl Iterator<Item = ConceptId> + '_ {
        self.relations
            .iter()
            .filter(move |r| r.subject == whole && r.predicate == Predicate::HasPart)
            .map(|r| r.object)
    }
}

/// Concepts keyed by canonical label, so that every form of a concept lands on one entry.
#[derive(Debug, Default)]
pub(crate) struct ConceptTable {
    concepts: Vec<Concept>,
    by_label: HashMap<String, ConceptId>,
}

impl ConceptTable {
    /// The concept with this canonical label, created if new, with `kind` added.
    pub(crate) fn intern(&mut self, label: &str, kind: Option<ConceptKind>) -> ConceptId {
        let id = match self.by_label.get(label) {
            Some(&id) => id,
            None => {
                let id = ConceptId(self.concepts.len());
                self.concepts.push(Concept {
                    label: label.to_owned(),
                    kinds: BTreeSet::new(),
                    alt_labels: BTreeSet::new(),
                    declared_count: None,
                    target_year: None,
                    division_code: None,
                });
                self.by_label.insert(label.to_owned(), id);
                id
            }
        };
        if let Some(kind) = kind {
            self.concepts[id.0].kinds.insert(kind);
        }
        id
    }

    /// The concept with this canonical label, if any.
    pub(crate) fn find(&self, label: &str) -> Option<ConceptId> {
        self.by_label.get(label).copied()
    }

    pub(crate) fn get(&self, id: ConceptId) -> &Concept {
        &self.concepts[id.0]
    }

    pub(crate) fn get_mut(&mut self, id: ConceptId) -> &mut Concept {
        &mut self.concepts[id.0]
    }

    /// Records another written form of a concept (ignored when it equals the label).
    pub(crate) fn add_alt_label(&mut self, id: ConceptId, form: &str) {
        let concept = &mut self.concepts[id.0];
        if concept.label != form && !form.is_empty() {
            concept.alt_labels.insert(form.to_owned());
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (ConceptId, &Concept)> {
        self.concepts
            .iter()
            .enumerate()
            .map(|(i, c)| (ConceptId(i), c))
    }

    pub(crate) fn into_vec(self) -> Vec<Concept> {
        self.concepts
    }
}
