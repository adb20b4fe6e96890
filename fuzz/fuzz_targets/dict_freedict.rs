#![no_main]

// The body lives in the library (tarjama::fuzzing) so tests/fuzz_corpus.rs replays the corpus
// through the same code on stable.
libfuzzer_sys::fuzz_target!(|data: &[u8]| tarjama::fuzzing::dict_freedict(data));
