//! Intake: decoding, markup, normalisation and splitting never panic, and every
//! span they produce lies inside the text and maps back into the original.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(doc) = plankg_fuzz::document(data) {
        plankg_fuzz::check_document(&doc);
    }
});
