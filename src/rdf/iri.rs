//! Deterministic IRIs for what plankg writes: concepts by canonical label (so two
//! plans naming one concept share its IRI), plans by id, and a plan's mentions,
//! sentences, assertions and ingest under the plan's IRI.

use oxigraph::model::NamedNode;
use sha2::{Digest, Sha256};

/// Base of every IRI plankg mints.
pub const BASE: &str = "https://w3id.org/plankg/";

/// Percent-encodes what an IRI path segment may not hold; CJK text stays readable.
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let allowed = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || ('\u{A0}'..='\u{D7FF}').contains(&c)
            || ('\u{F900}'..='\u{FDCF}').contains(&c)
            || ('\u{FDF0}'..='\u{FFEF}').contains(&c)
            || ('\u{10000}'..='\u{EFFFD}').contains(&c) && (c as u32 & 0xFFFE) != 0xFFFE;
        if allowed && !c.is_whitespace() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn node(iri: String) -> NamedNode {
    NamedNode::new(iri).expect("minted IRIs are valid")
}

/// The IRI of a concept with this canonical label.
pub fn concept(label: &str) -> NamedNode {
    node(format!("{BASE}concept/{}", segment(label)))
}

/// The IRI of a plan; also the name of its graph.
pub fn plan(id: &str) -> NamedNode {
    node(format!("{BASE}plan/{}", segment(id)))
}

/// A mention of `concept` at original characters `start..end` of plan `id`.
pub fn mention(id: &str, start: usize, end: usize, concept_label: &str) -> NamedNode {
    node(format!(
        "{BASE}plan/{}/mention/{start}-{end}-{}",
        segment(id),
        short_hash(concept_label)
    ))
}

/// Sentence `index` of plan `id`.
pub fn sentence(id: &str, index: usize) -> NamedNode {
    node(format!("{BASE}plan/{}/sentence/{index}", segment(id)))
}

/// The reified relation `subject predicate object` of plan `id`.
pub fn assertion(id: &str, subject: &str, predicate: &str, object: &str) -> NamedNode {
    let key = format!("{subject}\u{1f}{predicate}\u{1f}{object}");
    node(format!(
        "{BASE}plan/{}/assertion/{}",
        segment(id),
        short_hash(&key)
    ))
}

/// The ingest activity that produced plan `id`'s graph.
pub fn ingest(id: &str) -> NamedNode {
    node(format!("{BASE}plan/{}/ingest", segment(id)))
}

/// plankg as a PROV software agent.
pub fn software() -> NamedNode {
    node(format!("{BASE}software/plankg"))
}

/// The graph holding the alignments of plan `a`'s concepts with plan `b`'s.
pub fn alignment(a: &str, b: &str) -> NamedNode {
    node(format!("{BASE}alignment/{}/{}", segment(a), segment(b)))
}

/// The two plan ids an alignment graph's IRI carries, if it is one.
pub fn alignment_plans(iri: &str) -> Option<(String, String)> {
    let rest = iri.strip_prefix(BASE)?.strip_prefix("alignment/")?;
    let (a, b) = rest.split_once('/')?;
    (!b.contains('/')).then(|| (decode(a), decode(b)))
}

/// An alignment of concept `a` of one plan with concept `b` of another.
pub fn alignment_of(plans: (&str, &str), a: &str, b: &str) -> NamedNode {
    let key = format!("{a}\u{1f}{b}");
    node(format!(
        "{BASE}alignment/{}/{}/{}",
        segment(plans.0),
        segment(plans.1),
        short_hash(&key)
    ))
}

/// The plan id a plan IRI carries, if it is one.
pub fn plan_id_of(iri: &str) -> Option<String> {
    let rest = iri.strip_prefix(BASE)?.strip_prefix("plan/")?;
    (!rest.contains('/')).then(|| decode(rest))
}

fn decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&segment[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// First 8 bytes of a SHA-256, hex: short, stable, collision-free in practice.
fn short_hash(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(16);
    for b in &Sha256::digest(text.as_bytes())[..8] {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0xf)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_iris_are_readable_and_deterministic() {
        assert_eq!(
            concept("中国动力谷").as_str(),
            "https://w3id.org/plankg/concept/中国动力谷"
        );
        assert_eq!(
            concept("a b/c#d").as_str(),
            "https://w3id.org/plankg/concept/a%20b%2Fc%23d"
        );
        assert_eq!(concept("三高四新战略"), concept("三高四新战略"));
    }

    #[test]
    fn plan_ids_round_trip() {
        let iri = plan("株洲 plan");
        assert_eq!(plan_id_of(iri.as_str()).as_deref(), Some("株洲 plan"));
        assert_eq!(plan_id_of(sentence("x", 3).as_str()), None);
    }
}
