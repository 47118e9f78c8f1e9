//! Fuzzes the markup parser: any text must parse (with or without diagnostics) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let (doc, _) = huibao::markup::parse(text);
        let _ = huibao::text::render(&doc);
    }
});
