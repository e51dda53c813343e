//! Detector tests. Values are synthetic but valid: check digits were computed independently of
//! this crate (and are recomputed here where the test builds its own), so a test that passes
//! exercises the real check, not a copy of it.

mod address;
mod assignments;
mod bank;
mod checksums;
mod contact;
mod dates;
mod facts;
mod general;
mod ids;
mod marking;
mod numbers;
mod patient;
mod salary;
mod secrets;
mod table;
mod taxids;

use std::sync::OnceLock;

use super::{Detector, Finding, FindingKind};

pub(super) fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(Detector::new)
}

/// `(kind, matched text)` for every finding.
pub(super) fn found(text: &str) -> Vec<(FindingKind, &str)> {
    detector()
        .detect(text)
        .iter()
        .map(|f| (f.kind, &text[f.start..f.end]))
        .collect()
}

/// Asserts a finding of `kind` spanning exactly `value` and returns it.
#[track_caller]
pub(super) fn finds(text: &str, kind: FindingKind, value: &str) -> Finding {
    let all = detector().detect(text);
    match all.iter().find(|f| &text[f.start..f.end] == value) {
        Some(f) if f.kind == kind => f.clone(),
        _ => panic!(
            "expected {kind:?} {value:?} in {text:?}, got {:?}",
            found(text)
        ),
    }
}

/// Asserts a finding of `kind` spanning `value` with the given sub-format label.
#[track_caller]
pub(super) fn finds_detail(text: &str, kind: FindingKind, value: &str, detail: &str) -> Finding {
    let f = finds(text, kind, value);
    assert_eq!(f.detail, detail, "detail of {value:?} in {text:?}");
    f
}

/// [`finds_detail`] for every `(text, value)`, each at exactly `confidence`.
#[track_caller]
pub(super) fn finds_each_at(
    cases: &[(&str, &str)],
    kind: FindingKind,
    detail: &str,
    confidence: f32,
) {
    for &(text, value) in cases {
        let f = finds_detail(text, kind, value, detail);
        assert!(
            (f.confidence - confidence).abs() < f32::EPSILON,
            "{text}: {f:?}"
        );
    }
}

/// [`finds`] for every `(text, value)`, each with a confidence of at least `line`.
#[track_caller]
pub(super) fn finds_each_at_least(cases: &[(&str, &str)], kind: FindingKind, line: f32) {
    for &(text, value) in cases {
        let f = finds(text, kind, value);
        assert!(f.confidence >= line, "{text}: {f:?}");
    }
}

/// [`finds`] for every `(text, value)`, each with a confidence below `line`.
#[track_caller]
pub(super) fn finds_each_below(cases: &[(&str, &str)], kind: FindingKind, line: f32) {
    for &(text, value) in cases {
        let f = finds(text, kind, value);
        assert!(f.confidence < line, "{text}: {f:?}");
    }
}

#[track_caller]
pub(super) fn clean(text: &str) {
    let f = found(text);
    assert!(f.is_empty(), "expected no finding in {text:?}, got {f:?}");
}

#[track_caller]
pub(super) fn lacks(text: &str, kind: FindingKind) {
    let f = found(text);
    assert!(
        f.iter().all(|(k, _)| *k != kind),
        "expected no {kind:?} in {text:?}, got {f:?}"
    );
}

/// Deterministic pseudo-random strings for property-style loops.
pub(super) struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub fn string(&mut self, alphabet: &str, len: usize) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        (0..len)
            .map(|_| chars[self.below(chars.len() as u64) as usize])
            .collect()
    }
}

/// Appends the Luhn check digit.
pub(super) fn with_luhn(body: &str) -> String {
    (0..10)
        .map(|c| format!("{body}{c}"))
        .find(|s| {
            let d: Vec<u8> = s.bytes().map(|c| c - b'0').collect();
            super::checksum::luhn(&d)
        })
        .unwrap()
}
