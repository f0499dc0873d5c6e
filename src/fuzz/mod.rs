//! Every decoder fed arbitrary text and mutated recorded answers must return (a value or an
//! error), never panic: each system's models and what the views derive from them, the Prometheus
//! parser, the flame graph, the JSON path named by decode errors, StarRocks' answer decoder and
//! proc tables, and the cluster import.
//!
//! `make test` runs a small number of cases; `make fuzz` runs many (`FUZZ_CASES`), and with
//! `FUZZ_SAMPLES=<dir>` also mutates every file of that folder (e.g. `../shared/api-samples`).

mod decoders;
mod mutate;

use decoders::{TEXT, TYPED};
use mutate::{apply_bytes, apply_edits, byte_edits, config, edits};
use proptest::prelude::*;

/// Recorded answers beyond the fixtures, from `FUZZ_SAMPLES` (every file below that folder).
fn extra_samples() -> Vec<String> {
    let Ok(dir) = std::env::var("FUZZ_SAMPLES") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut pending = vec![std::path::PathBuf::from(dir)];
    while let Some(p) = pending.pop() {
        if p.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                pending.extend(entries.flatten().map(|e| e.path()));
            }
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    out
}

/// Every seed: each decoder's own recorded answers, then the extra samples.
fn seeds() -> Vec<String> {
    let mut all: Vec<String> = TYPED.iter().map(|d| d.1.to_string()).collect();
    all.extend(TEXT.iter().flat_map(|d| d.1.iter().map(|s| s.to_string())));
    all.extend(extra_samples());
    all
}

/// Picks a seed: the decoder's own answer half of the time, any other the rest.
fn pick<'a>(own: &'a str, all: &'a [String], choice: usize) -> &'a str {
    if choice.is_multiple_of(2) || all.is_empty() {
        own
    } else {
        &all[(choice / 2) % all.len()]
    }
}

#[test]
fn every_recorded_answer_decodes_unchanged_without_panic() {
    for (name, text, decode) in TYPED {
        decode(text);
        let _ = name;
    }
    for (_, texts, decode) in TEXT {
        for t in *texts {
            decode(t);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Typed decoders on answers with values replaced by values of other kinds and extremes.
    #[test]
    fn typed_decoders_survive_value_edits(
        which in any::<usize>(),
        choice in any::<usize>(),
        e in edits(6),
    ) {
        let all = seeds();
        let (_, own, decode) = TYPED[which % TYPED.len()];
        decode(&apply_edits(pick(own, &all, choice), &e));
    }

    /// Typed decoders on answers mutated byte by byte (mostly invalid JSON: the decode error
    /// names a JSON path, which must not panic either).
    #[test]
    fn typed_decoders_survive_byte_edits(
        which in any::<usize>(),
        choice in any::<usize>(),
        e in byte_edits(8),
    ) {
        let all = seeds();
        let (_, own, decode) = TYPED[which % TYPED.len()];
        decode(&apply_bytes(pick(own, &all, choice), &e));
    }

    /// Text decoders (Prometheus, flame graph, StarRocks, import, query helpers) on mutated
    /// recorded text.
    #[test]
    fn text_decoders_survive_byte_edits(
        which in any::<usize>(),
        choice in any::<usize>(),
        e in byte_edits(8),
    ) {
        let all = seeds();
        let (_, own, decode) = TEXT[which % TEXT.len()];
        let own = own[choice % own.len()];
        decode(&apply_bytes(pick(own, &all, choice), &e));
    }

    /// Text decoders on arbitrary text.
    #[test]
    fn text_decoders_survive_arbitrary_text(which in any::<usize>(), text in ".{0,300}") {
        let (_, _, decode) = TEXT[which % TEXT.len()];
        decode(&text);
    }

    /// Typed decoders on arbitrary JSON-ish text.
    #[test]
    fn typed_decoders_survive_arbitrary_json(which in any::<usize>(), v in mutate::nasty_value()) {
        let (_, _, decode) = TYPED[which % TYPED.len()];
        decode(&v.to_string());
    }
}
