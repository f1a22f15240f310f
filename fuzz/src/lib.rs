//! What the fuzz targets check: intake refuses or reads any bytes, and every span of
//! the document and of its extraction lies inside the text, on character boundaries,
//! and maps back inside the original. An input the fuzzer finds becomes a unit test
//! in `src/intake/` or `src/extract/`, named after what it fixes.
//!
//! An input's first byte picks the file format (and, for some values, forces an
//! encoding); the rest are the file's bytes.

use plankg::extract::Extraction;
use plankg::intake::{Document, IntakeOptions, SourceFormat};
use plankg::span::{Span, slice_chars};

/// Reads a fuzz input as a file; `None` when intake refuses it (empty, binary,
/// undecodable), which is a fine answer.
pub fn document(data: &[u8]) -> Option<Document> {
    let (&selector, bytes) = data.split_first()?;
    let format = match selector % 3 {
        0 => SourceFormat::Text,
        1 => SourceFormat::Markdown,
        _ => SourceFormat::Html,
    };
    let encoding = match selector / 3 % 8 {
        1 => Some("gb18030".to_owned()),
        2 => Some("utf-16le".to_owned()),
        3 => Some("big5".to_owned()),
        _ => None,
    };
    let options = IntakeOptions {
        encoding,
        ..IntakeOptions::default()
    };
    Document::from_bytes("fuzz.txt", format, bytes, &options).ok()
}

/// Checks a span of the normalised text: inside it, and mapping to a span inside
/// the original that slices on character boundaries.
#[track_caller]
fn check_span(doc: &Document, span: Span, what: &str) {
    let text_len = doc.offsets.len();
    assert!(
        span.char_start <= span.char_end && span.char_end <= text_len,
        "{what} {span:?} outside the text ({text_len} characters)"
    );
    assert_eq!(Some(doc.text_of(span)), slice_chars(&doc.text, span), "{what} {span:?}");
    let original = doc.original_span(span);
    let original_len = doc.offsets.original_len();
    assert!(
        original.char_start <= original.char_end && original.char_end <= original_len,
        "{what} {span:?} maps to {original:?}, outside the original ({original_len} characters)"
    );
    assert_eq!(
        Some(doc.original_of(original)),
        slice_chars(&doc.original, original),
        "{what} {span:?} → {original:?}"
    );
}

/// The document's invariants: lengths agree, every paragraph, sentence and section
/// lies inside the text, in order, and maps back into the original.
pub fn check_document(doc: &Document) {
    assert_eq!(doc.offsets.len(), doc.text.chars().count());
    assert_eq!(doc.offsets.original_len(), doc.original.chars().count());
    let mut last = 0;
    for p in &doc.paragraphs {
        check_span(doc, p.span, "paragraph");
        assert!(p.span.char_start >= last, "paragraphs out of order");
        last = p.span.char_end;
        assert!(p.section < doc.sections.len());
    }
    for s in &doc.sentences {
        check_span(doc, s.span, "sentence");
        assert!(doc.paragraphs[s.paragraph].span.contains(s.span));
    }
    for s in &doc.sections {
        check_span(doc, s.span, "section");
        if let Some(h) = s.heading {
            assert!(h < doc.paragraphs.len());
        }
    }
}

/// The extraction's invariants: every mention and every piece of evidence lies in
/// the text, in its sentence, and maps back into the original; ids are in range.
pub fn check_extraction(doc: &Document, extraction: &Extraction) {
    for m in &extraction.mentions {
        assert!(m.concept.0 < extraction.concepts.len());
        check_span(doc, m.span, "mention");
        assert!(m.sentence < doc.sentences.len(), "mention's sentence");
    }
    for r in &extraction.relations {
        assert!(r.subject.0 < extraction.concepts.len());
        assert!(r.object.0 < extraction.concepts.len());
        if let Some(e) = r.evidence {
            check_span(doc, e.span, "evidence");
            assert!(e.sentence < doc.sentences.len(), "evidence's sentence");
        }
    }
}
