//! Extraction: never panics, and every mention and piece of evidence lies inside
//! the text, on character boundaries, and maps back into the original.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plankg::extract::Extractor;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let extractor = EXTRACTOR.get_or_init(Extractor::new);
    if let Some(doc) = plankg_fuzz::document(data) {
        let extraction = extractor.extract(&doc);
        plankg_fuzz::check_extraction(&doc, &extraction);
    }
});
