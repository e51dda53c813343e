//! Redaction round trips and streamed restoration.

use super::{StreamRestorer, apply, redact, restore};
use crate::detect::{Detector, Finding, FindingKind};

fn f(kind: FindingKind, start: usize, end: usize) -> Finding {
    Finding::new(kind, start, end, 0.9, "test")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

const TEXTS: &[&str] = &[
    "Mail greta.lindqvist@posteo.de or call +49 30 48291736; card 4968 8719 3932 5243.",
    "DB_PASSWORD=Tr0ub4dor&3x\nGITHUB_TOKEN=ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1\n",
    "Greta (greta.lindqvist@posteo.de) wrote to kim.park@fastmail.com, then greta.lindqvist@posteo.de again.",
    "IBAN: DE56 2268 9678 1380 4220 53 — 電話番号は090-4821-7395です — Steuer-ID 51462190313",
    "postgres://app_user:Xk9#mQ2vLp@db.internal.acme.io:5432/orders [EMAIL_1] literal",
    "nothing private here, just [brackets] and [EMAIL_ without end",
];

#[test]
fn placeholders_number_per_kind_in_order_of_appearance() {
    let text = "a@x.io, b@y.io, 030 1234567, a@x.io";
    let findings = [
        f(FindingKind::Email, 0, 6),
        f(FindingKind::Email, 8, 14),
        f(FindingKind::Phone, 16, 27),
        f(FindingKind::Email, 29, 35),
    ];
    let r = redact(text, &findings);
    assert_eq!(r.text, "[EMAIL_1], [EMAIL_2], [PHONE_1], [EMAIL_1]");
    assert_eq!(
        r.replacements,
        pairs(&[
            ("[EMAIL_1]", "a@x.io"),
            ("[EMAIL_2]", "b@y.io"),
            ("[PHONE_1]", "030 1234567")
        ])
    );
}

#[test]
fn every_kind_has_its_tag() {
    let text = "abcdefghijklmnopqrstuvw";
    let findings: Vec<Finding> = FindingKind::ALL
        .iter()
        .enumerate()
        .map(|(i, &k)| f(k, i, i + 1))
        .collect();
    let r = redact(text, &findings);
    let expected: String = FindingKind::ALL
        .iter()
        .map(|k| format!("[{}_1]", k.placeholder_tag()))
        .collect();
    assert_eq!(r.text, expected);
    assert_eq!(restore(&r.text, &r.replacements), text);
}

#[test]
fn unsorted_overlapping_and_invalid_findings_are_tolerated() {
    let text = "Grüße an a@x.io";
    let findings = [
        f(FindingKind::Email, 11, 17),
        f(FindingKind::HighEntropySecret, 12, 14),
        f(FindingKind::Phone, 3, 5),
        f(FindingKind::Phone, 14, 99),
        f(FindingKind::Phone, 7, 7),
    ];
    let r = redact(text, &findings);
    assert_eq!(r.text, "Grüße an [EMAIL_1]");
    assert_eq!(restore(&r.text, &r.replacements), text);
}

#[test]
fn placeholders_already_in_the_text_are_skipped() {
    let text = "literal [EMAIL_1] and a@x.io";
    let r = redact(text, &[f(FindingKind::Email, 22, 28)]);
    assert_eq!(r.text, "literal [EMAIL_1] and [EMAIL_2]");
    assert_eq!(restore(&r.text, &r.replacements), text);
}

#[test]
fn round_trip_with_the_detectors() {
    let detector = Detector::new();
    for text in TEXTS {
        let findings = detector.detect(text);
        let r = redact(text, &findings);
        assert_eq!(restore(&r.text, &r.replacements), *text);
        for (placeholder, original) in &r.replacements {
            assert!(r.text.contains(placeholder.as_str()));
            assert!(
                !r.text.contains(original.as_str()),
                "{original:?} leaked into {:?}",
                r.text
            );
        }
    }
}

#[test]
fn repeated_values_share_a_placeholder() {
    let text = TEXTS[2];
    let r = redact(text, &Detector::new().detect(text));
    assert_eq!(
        r.text,
        "Greta ([EMAIL_1]) wrote to [EMAIL_2], then [EMAIL_1] again."
    );
}

#[test]
fn restore_handles_answers_that_move_and_repeat_placeholders() {
    let table = pairs(&[("[EMAIL_1]", "a@x.io"), ("[PHONE_1]", "030 1234567")]);
    assert_eq!(
        restore(
            "Call [PHONE_1]; mail [EMAIL_1] or [EMAIL_1]. [EMAIL_2] and [PHONE_] stay.",
            &table
        ),
        "Call 030 1234567; mail a@x.io or a@x.io. [EMAIL_2] and [PHONE_] stay."
    );
    assert_eq!(restore("no placeholders", &[]), "no placeholders");
}

#[test]
fn restored_values_are_not_restored_again() {
    // An original that happens to contain another placeholder's text stays as it was.
    let table = pairs(&[("[SECRET_1]", "[EMAIL_1]"), ("[EMAIL_1]", "a@x.io")]);
    assert_eq!(restore("[SECRET_1]", &table), "[EMAIL_1]");
}

#[test]
fn stream_holds_back_only_a_possible_placeholder() {
    let table = pairs(&[("[EMAIL_1]", "a@x.io")]);
    let mut s = StreamRestorer::new(&table);
    assert_eq!(s.push("Hello [EMA"), "Hello ");
    assert_eq!(s.push("IL_1] bye [x"), "a@x.io bye [x");
    assert_eq!(s.push(" [EMAIL_"), " ");
    assert_eq!(s.finish(), "[EMAIL_");
    assert_eq!(s.finish(), "");
}

/// Every way to cut `text` into two or three chunks gives the one-shot result.
fn assert_stream_equivalent(text: &str, table: &[(String, String)]) {
    let expected = restore(text, table);
    let cuts: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for &a in &cuts {
        for &b in cuts.iter().filter(|&&b| b >= a) {
            let mut s = StreamRestorer::new(table);
            let mut out = s.push(&text[..a]);
            out.push_str(&s.push(&text[a..b]));
            out.push_str(&s.push(&text[b..]));
            out.push_str(&s.finish());
            assert_eq!(out, expected, "cuts at {a} and {b} of {text:?}");
        }
    }
}

#[test]
fn streamed_restore_equals_one_shot_for_every_split() {
    let table = pairs(&[
        ("[EMAIL_1]", "greta.lindqvist@posteo.de"),
        ("[EMAIL_2]", "kim.park@fastmail.com"),
        ("[PHONE_1]", "+49 30 48291736"),
        ("[CARD_1]", "4968 8719 3932 5243"),
    ]);
    for answer in [
        "Sure: write to [EMAIL_1] and cc [EMAIL_2]; call [PHONE_1].",
        "[EMAIL_1][EMAIL_2][[PHONE_1]]",
        "Nested [EMAIL_[EMAIL_1]] and broken [EMAIL_3] [CARD_",
        "Unicode → [CARD_1] — 電話 [PHONE_1] ✓",
        "",
    ] {
        assert_stream_equivalent(answer, &table);
    }
}

#[test]
fn streamed_restore_with_keys_that_prefix_each_other() {
    let table = pairs(&[("ab", "1"), ("abc", "2"), ("b", "3"), ("é", "4")]);
    for text in ["abcab", "aabcbb", "ababab", "xaébc", "abc"] {
        assert_stream_equivalent(text, &table);
    }
    assert_eq!(restore("abcab", &table), "21");
}

#[test]
fn streamed_round_trip_over_redacted_detector_output() {
    let detector = Detector::new();
    for text in TEXTS {
        let r = redact(text, &detector.detect(text));
        let mut s = StreamRestorer::new(&r.replacements);
        let mut out = String::new();
        // Token-sized chunks of three characters.
        let chars: Vec<char> = r.text.chars().collect();
        for chunk in chars.chunks(3) {
            out.push_str(&s.push(&chunk.iter().collect::<String>()));
        }
        out.push_str(&s.finish());
        assert_eq!(out, *text);
    }
}

#[test]
fn apply_carries_the_table_to_other_texts() {
    let table = pairs(&[
        ("[EMAIL_1]", "ann@corp.io"),
        ("[EMAIL_2]", "ann@corp.io.uk"),
    ]);
    assert_eq!(
        apply("to ann@corp.io.uk, cc ann@corp.io and ann@corp.io", &table),
        "to [EMAIL_2], cc [EMAIL_1] and [EMAIL_1]"
    );
    assert_eq!(apply("nothing here", &table), "nothing here");
    assert_eq!(apply("x", &[]), "x");
    assert_eq!(
        restore(&apply("mail ann@corp.io", &table), &table),
        "mail ann@corp.io"
    );
}
