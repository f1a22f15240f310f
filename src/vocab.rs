//! The IRIs of the vocabularies plankg writes, as typed constants.
//!
//! `pk` mirrors `ontology/plankg.ttl` term for term (a unit test holds the two
//! together); the other modules hold the few terms taken from W3C and DCMI
//! vocabularies. Concept, plan and mention IRIs are built in `rdf::iri`, nowhere else.

macro_rules! terms {
    ($ns:literal; $($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
        /// The namespace IRI.
        pub const NAMESPACE: &str = $ns;
        $(
            $(#[$doc])*
            pub const $name: oxigraph::model::NamedNodeRef<'static> =
                oxigraph::model::NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
        /// Every term of this namespace, as `(local name, IRI)`.
        #[allow(dead_code)]
        pub const ALL: &[(&str, oxigraph::model::NamedNodeRef<'static>)] = &[$(($local, $name)),*];
    };
}

/// The plankg ontology, `https://w3id.org/plankg/ontology#`.
pub mod pk {
    terms! { "https://w3id.org/plankg/ontology#";
        /// Class: one ingested plan document.
        PLAN = "Plan";
        /// Class: a named strategy or strategic layout.
        STRATEGY = "Strategy";
        /// Class: a goal or target the plan commits to.
        GOAL = "Goal";
        /// Class: a programme, project or action, or an enumerated item of one.
        PROJECT = "Project";
        /// Class: a concrete task clause.
        TASK = "Task";
        /// Class: a place (administrative division, region, zone, park).
        DISTRICT = "District";
        /// Class: a numbered abbreviation (数字略语) such as 一谷三区 or 三个高地.
        NUMBERED_ABBREVIATION = "NumberedAbbreviation";
        /// Class: one occurrence of a concept in a plan, with its character span.
        MENTION = "Mention";
        /// Class: a sentence of a plan, with its character span.
        SENTENCE = "Sentence";
        /// Class: a reified relation with its evidence.
        ASSERTION = "Assertion";
        /// Class: the level of government of a plan or a division.
        ADMIN_LEVEL = "AdminLevel";
        /// Individual: the national level.
        NATION = "Nation";
        /// Individual: the provincial level.
        PROVINCE = "Province";
        /// Individual: the prefecture (city) level.
        CITY = "City";
        /// Individual: the county level.
        COUNTY = "County";
        /// Property: whole → member.
        HAS_PART = "hasPart";
        /// Property: lower → higher (task → goal, goal → strategy, …).
        SUPPORTS = "supports";
        /// Property: district → the district that contains it.
        LOCATED_IN = "locatedIn";
        /// Property: how many members a numbered abbreviation declares (一谷三区 → 4).
        DECLARED_COUNT = "declaredCount";
        /// Property: how many members the plan lists for it.
        LISTED_COUNT = "listedCount";
        /// Property: the year a goal is to be reached.
        TARGET_YEAR = "targetYear";
        /// Property: the GB/T 2260 code of an administrative division.
        DIVISION_CODE = "divisionCode";
        /// Property: level of government (plan or division) → `pk:AdminLevel`.
        ADMIN_LEVEL_OF = "adminLevel";
        /// Property: a plan's short stable identifier, derived from its file name.
        PLAN_ID = "planId";
        /// Property: the region a plan governs → `pk:District`.
        REGION = "region";
        /// Property: the plan's issuing body, as the text names it.
        ISSUER = "issuer";
        /// Property: the number of the issuing party committee (第十二届 → 12).
        COMMITTEE_NUMBER = "committeeNumber";
        /// Property: the number of the plenary session (第十四次全体会议 → 14).
        PLENARY_NUMBER = "plenaryNumber";
        /// Property: the plan period as written (十四五).
        PERIOD_LABEL = "periodLabel";
        /// Property: first year of the plan period.
        PERIOD_START = "periodStart";
        /// Property: last year of the plan period.
        PERIOD_END = "periodEnd";
        /// Property: the long-range horizon year (2035).
        HORIZON_YEAR = "horizonYear";
        /// Property: the kind of document (公报, 建议, 纲要, 政府工作报告).
        DOCUMENT_TYPE = "documentType";
        /// Property: the file name the plan was read from.
        SOURCE_FILE = "sourceFile";
        /// Property: SHA-256 of the source file, lowercase hex.
        SHA256 = "sha256";
        /// Property: the encoding the source file was decoded with.
        SOURCE_ENCODING = "sourceEncoding";
        /// Property: the version of plankg that ingested the plan.
        TOOL_VERSION = "toolVersion";
        /// Property: mention → the concept it names.
        MENTION_OF = "mentionOf";
        /// Property: mention, sentence or assertion → the plan it belongs to.
        IN_PLAN = "inPlan";
        /// Property: mention or assertion → the sentence it comes from.
        IN_SENTENCE = "inSentence";
        /// Property: sentence → its position in the plan (0-based).
        SENTENCE_INDEX = "sentenceIndex";
        /// Property: sentence → the heading of its section.
        SECTION_HEADING = "sectionHeading";
        /// Property: assertion or alignment → the rule that found it.
        METHOD = "method";
        /// Class: a reified alignment of two plans' concepts, with method and score.
        ALIGNMENT = "Alignment";
        /// Property: a concept of one plan → its counterpart in another plan.
        ALIGNS_WITH = "alignsWith";
        /// Property: alignment → how strong it is, from 0 to 1.
        SCORE = "score";
        /// Property: alignment → the plan whose concept is its subject.
        FROM_PLAN = "fromPlan";
        /// Property: alignment → the plan whose concept is its object.
        TO_PLAN = "toPlan";
    }
}

/// XML Schema datatypes, `http://www.w3.org/2001/XMLSchema#`.
pub mod xsd {
    terms! { "http://www.w3.org/2001/XMLSchema#";
        /// `xsd:integer`.
        INTEGER = "integer";
        /// `xsd:decimal`.
        DECIMAL = "decimal";
        /// `xsd:date`.
        DATE = "date";
        /// `xsd:gYearMonth`.
        G_YEAR_MONTH = "gYearMonth";
        /// `xsd:dateTime`.
        DATE_TIME = "dateTime";
    }
}

/// RDF, `http://www.w3.org/1999/02/22-rdf-syntax-ns#`.
pub mod rdf {
    terms! { "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        /// `rdf:type`.
        TYPE = "type";
        /// `rdf:subject` of a reified statement.
        SUBJECT = "subject";
        /// `rdf:predicate` of a reified statement.
        PREDICATE = "predicate";
        /// `rdf:object` of a reified statement.
        OBJECT = "object";
    }
}

/// RDF Schema, `http://www.w3.org/2000/01/rdf-schema#`.
pub mod rdfs {
    terms! { "http://www.w3.org/2000/01/rdf-schema#";
        /// `rdfs:label`: the canonical label of a concept.
        LABEL = "label";
        /// `rdfs:comment`.
        COMMENT = "comment";
    }
}

/// SKOS, `http://www.w3.org/2004/02/skos/core#`.
pub mod skos {
    terms! { "http://www.w3.org/2004/02/skos/core#";
        /// `skos:prefLabel`: the canonical label again, for SKOS tools.
        PREF_LABEL = "prefLabel";
        /// `skos:altLabel`: another form the concept appears in.
        ALT_LABEL = "altLabel";
        /// `skos:Concept`: every concept a plan names.
        CONCEPT = "Concept";
    }
}

/// DCMI terms, `http://purl.org/dc/terms/`.
pub mod dcterms {
    terms! { "http://purl.org/dc/terms/";
        /// `dcterms:title`.
        TITLE = "title";
        /// `dcterms:creator`: the issuing body.
        CREATOR = "creator";
        /// `dcterms:date`: date of adoption or delivery.
        DATE = "date";
        /// `dcterms:type`: kind of document.
        TYPE = "type";
        /// `dcterms:spatial`: the region the plan governs.
        SPATIAL = "spatial";
        /// `dcterms:identifier`: the plan id.
        IDENTIFIER = "identifier";
        /// `dcterms:temporal`: the plan period.
        TEMPORAL = "temporal";
        /// `dcterms:source`: the source file.
        SOURCE = "source";
    }
}

/// PROV-O, `http://www.w3.org/ns/prov#`.
pub mod prov {
    terms! { "http://www.w3.org/ns/prov#";
        /// `prov:Activity`: one ingest.
        ACTIVITY = "Activity";
        /// `prov:wasGeneratedBy`: plan → its ingest.
        WAS_GENERATED_BY = "wasGeneratedBy";
        /// `prov:endedAtTime`: when the ingest finished.
        ENDED_AT_TIME = "endedAtTime";
        /// `prov:wasAssociatedWith`: ingest → the software agent.
        WAS_ASSOCIATED_WITH = "wasAssociatedWith";
        /// `prov:SoftwareAgent`.
        SOFTWARE_AGENT = "SoftwareAgent";
    }
}

/// NIF 2.0 core, `http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#`:
/// character offsets and the exact text of a span.
pub mod nif {
    terms! { "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        /// `nif:beginIndex`: first character, 0-based, into the original file.
        BEGIN_INDEX = "beginIndex";
        /// `nif:endIndex`: one past the last character.
        END_INDEX = "endIndex";
        /// `nif:anchorOf`: the exact characters of the original file in that span.
        ANCHOR_OF = "anchorOf";
    }
}

/// GraphML, the XML graph format of Gephi, Cytoscape and yEd (`render` writes it).
pub mod graphml {
    /// The GraphML namespace.
    pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};

    use super::{pk, rdf, rdfs};

    /// The ontology this module mirrors.
    const ONTOLOGY_TTL: &str = include_str!("../ontology/plankg.ttl");
    /// The IRI of the ontology itself (the `owl:Ontology` header).
    const ONTOLOGY_IRI: &str = "https://w3id.org/plankg/ontology";
    const OWL_CLASS: &str = "http://www.w3.org/2002/07/owl#Class";
    const OWL_NAMED_INDIVIDUAL: &str = "http://www.w3.org/2002/07/owl#NamedIndividual";
    const OWL_OBJECT_PROPERTY: &str = "http://www.w3.org/2002/07/owl#ObjectProperty";
    const OWL_DATATYPE_PROPERTY: &str = "http://www.w3.org/2002/07/owl#DatatypeProperty";

    fn ontology() -> Vec<Quad> {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ONTOLOGY_TTL)
            .collect::<Result<_, _>>()
            .expect("ontology/plankg.ttl is valid Turtle")
    }

    /// The objects of `subject predicate ?o` in the ontology.
    fn objects<'a>(
        quads: &'a [Quad],
        subject: NamedNodeRef<'a>,
        predicate: NamedNodeRef<'a>,
    ) -> impl Iterator<Item = &'a Term> {
        quads
            .iter()
            .filter(move |q| {
                matches!(&q.subject, NamedOrBlankNode::NamedNode(s) if *s == subject)
                    && q.predicate == predicate
            })
            .map(|q| &q.object)
    }

    /// The language tags of the literal objects of `subject predicate ?o`.
    fn languages(
        quads: &[Quad],
        subject: NamedNodeRef<'_>,
        predicate: NamedNodeRef<'_>,
    ) -> BTreeSet<String> {
        objects(quads, subject, predicate)
            .filter_map(|o| match o {
                Term::Literal(l) => l.language().map(str::to_owned),
                _ => None,
            })
            .collect()
    }

    /// Asserts that the ontology declares `term` with the right kind of type and a
    /// label and a comment in both Chinese and English.
    #[track_caller]
    fn check_declared(quads: &[Quad], local: &str, term: NamedNodeRef<'_>) {
        let types: Vec<&str> = objects(quads, term, rdf::TYPE)
            .filter_map(|o| match o {
                Term::NamedNode(n) => Some(n.as_str()),
                _ => None,
            })
            .collect();
        let expected: &[&str] = if local.starts_with(char::is_lowercase) {
            &[OWL_OBJECT_PROPERTY, OWL_DATATYPE_PROPERTY]
        } else if types.contains(&OWL_NAMED_INDIVIDUAL) {
            &[OWL_NAMED_INDIVIDUAL]
        } else {
            &[OWL_CLASS]
        };
        assert!(
            types.iter().any(|t| expected.contains(t)),
            "pk:{local} is not declared as one of {expected:?} (types: {types:?})"
        );
        let both: BTreeSet<String> = ["en", "zh"].map(str::to_owned).into();
        assert_eq!(
            languages(quads, term, rdfs::LABEL),
            both,
            "rdfs:label of pk:{local}"
        );
        assert_eq!(
            languages(quads, term, rdfs::COMMENT),
            both,
            "rdfs:comment of pk:{local}"
        );
    }

    #[test]
    fn every_term_is_declared_in_the_ontology() {
        let quads = ontology();
        for &(local, term) in pk::ALL {
            assert_eq!(term.as_str(), format!("{}{local}", pk::NAMESPACE));
            check_declared(&quads, local, term);
        }
    }

    #[test]
    fn the_ontology_uses_no_other_pk_term() {
        let known: BTreeSet<&str> = pk::ALL.iter().map(|(_, term)| term.as_str()).collect();
        let quads = ontology();
        let mut used: BTreeSet<&NamedNode> = BTreeSet::new();
        for q in &quads {
            if let NamedOrBlankNode::NamedNode(s) = &q.subject {
                used.insert(s);
            }
            used.insert(&q.predicate);
            if let Term::NamedNode(o) = &q.object {
                used.insert(o);
            }
        }
        let unknown: Vec<&str> = used
            .iter()
            .map(|n| n.as_str())
            .filter(|iri| iri.starts_with(pk::NAMESPACE) && !known.contains(iri))
            .collect();
        assert!(
            unknown.is_empty(),
            "pk terms missing from vocab.rs: {unknown:?}"
        );
        let header = NamedNodeRef::new_unchecked(ONTOLOGY_IRI);
        assert!(
            objects(&quads, header, rdf::TYPE).next().is_some(),
            "no ontology header"
        );
    }
}
