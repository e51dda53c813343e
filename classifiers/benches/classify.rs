//! The whole `Classifier::classify` (prompt text, features, model, detectors, token count) on
//! realistic mixed prompts of about 50, 500 and 8,000 o200k tokens, plus its parts, so a
//! regression can be traced to one of them.

use std::hint::black_box;

use classifiers::features::{self, FeatureBuffers};
use classifiers::{Classifier, ClassifierConfig, Detector, PromptMessage};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "is",
    "for",
    "that",
    "with",
    "on",
    "as",
    "we",
    "it",
    "be",
    "this",
    "are",
    "by",
    "from",
    "or",
    "not",
    "but",
    "can",
    "which",
    "should",
    "would",
    "service",
    "request",
    "latency",
    "database",
    "customer",
    "invoice",
    "contract",
    "renewal",
    "quarter",
    "revenue",
    "margin",
    "forecast",
    "budget",
    "team",
    "release",
    "deadline",
    "migration",
    "schema",
    "index",
    "query",
    "cache",
    "timeout",
    "retry",
    "queue",
    "worker",
    "deploy",
    "rollback",
    "incident",
    "outage",
    "postmortem",
    "metric",
    "dashboard",
    "alert",
    "threshold",
    "patient",
    "dosage",
    "symptom",
    "diagnosis",
    "treatment",
    "clinic",
    "lawyer",
    "clause",
    "liability",
    "tenant",
    "lease",
    "agreement",
    "proof",
    "theorem",
    "lemma",
    "integral",
    "matrix",
    "vector",
    "probability",
    "estimate",
    "variance",
    "sample",
    "model",
    "training",
    "dataset",
    "feature",
    "accuracy",
    "explain",
    "summarise",
    "compare",
    "design",
    "implement",
    "refactor",
    "review",
    "optimise",
    "translate",
    "rewrite",
    "draft",
    "check",
    "carefully",
    "quickly",
    "roughly",
    "exactly",
    "because",
    "although",
    "however",
    "therefore",
    "meanwhile",
    "instead",
    "before",
    "after",
    "during",
    "until",
    "unless",
    "whether",
    "every",
    "several",
    "various",
    "important",
    "recent",
    "previous",
    "internal",
    "external",
    "secure",
    "distributed",
    "concurrent",
    "consistent",
    "available",
    "partition",
    "replica",
    "leader",
    "follower",
    "consensus",
    "snapshot",
    "journal",
    "checksum",
    "buffer",
    "stream",
    "parser",
    "Berlin",
    "Tokyo",
    "Lisbon",
    "Nairobi",
    "Monday",
    "Friday",
    "March",
    "October",
];

const FOREIGN: &[&str] = &[
    "Bitte fasse den folgenden Absatz in zwei Sätzen zusammen.",
    "Pouvez-vous vérifier les chiffres du dernier trimestre ?",
    "¿Podrías explicar la diferencia entre ambos enfoques?",
    "東京の天気は明日どうなりますか？週末に旅行を計画しています。",
    "Ответь коротко: какой из вариантов надёжнее?",
];

/// Deterministic xorshift, so every run benchmarks the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

/// One paragraph of the kinds of text prompts carry: prose, code, logs, data, other
/// languages, and the odd contact detail.
fn paragraph(rng: &mut Rng, out: &mut String) {
    match rng.next() % 8 {
        0 => {
            out.push_str("```python\n");
            for _ in 0..3 + rng.next() % 5 {
                let (a, b, m) = (rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS));
                let n = rng.next() % 1000;
                out.push_str(&format!("    {a}_{n} = {b}.{m}({a}, limit={n})  # {m}\n"));
            }
            out.push_str("```\n");
        }
        1 => {
            for _ in 0..2 + rng.next() % 4 {
                let (h, m, s) = (rng.next() % 24, rng.next() % 60, rng.next() % 60);
                let level = rng.pick(&["INFO", "WARN", "ERROR"]);
                let id = rng.next() % 0xFFFFFF;
                out.push_str(&format!(
                    "2024-05-14T{h:02}:{m:02}:{s:02}Z {level} worker-{} request_id={id:06x} {} {} after {}ms\n",
                    rng.next() % 16,
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                    rng.next() % 30_000
                ));
            }
        }
        2 => {
            out.push_str(rng.pick(FOREIGN));
            out.push('\n');
        }
        3 => {
            let name = rng.pick(&["maria.gomez", "j.okafor", "lena.schmidt", "t.nakamura"]);
            out.push_str(&format!(
                "Please reply to {name}@example.org or call +1 415 555 01{:02} before {}.\n",
                rng.next() % 100,
                rng.pick(WORDS)
            ));
        }
        _ => {
            for _ in 0..2 + rng.next() % 4 {
                let len = 8 + rng.next() % 14;
                let mut sentence = String::new();
                for i in 0..len {
                    let word = rng.pick(WORDS);
                    if i == 0 {
                        let mut chars = word.chars();
                        if let Some(first) = chars.next() {
                            sentence.extend(first.to_uppercase());
                            sentence.push_str(chars.as_str());
                        }
                    } else {
                        sentence.push(' ');
                        sentence.push_str(word);
                        if rng.next().is_multiple_of(9) {
                            sentence.push_str(&format!(" {}", rng.next() % 10_000));
                        }
                        if rng.next().is_multiple_of(11) {
                            sentence.push(',');
                        }
                    }
                }
                sentence.push_str(rng.pick(&[".", ".", ".", "?", "!"]));
                sentence.push(' ');
                out.push_str(&sentence);
            }
            out.push('\n');
        }
    }
}

/// A prompt of roughly `target` o200k tokens.
fn prompt(classifier: &Classifier, target: u32) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ u64::from(target));
    let mut text = String::new();
    while classifier.count_tokens(&text) < target {
        paragraph(&mut rng, &mut text);
    }
    text
}

fn bench(c: &mut Criterion) {
    let classifier = match Classifier::new(ClassifierConfig::default()) {
        Ok(classifier) => classifier,
        Err(e) => {
            eprintln!("cannot build the classifier: {e}");
            return;
        }
    };
    let detector = Detector::new();
    let sizes = [50u32, 500, 8_000];
    let prompts: Vec<(u32, String)> = sizes.iter().map(|&n| (n, prompt(&classifier, n))).collect();
    for (target, text) in &prompts {
        let truncated = features::truncate(text);
        eprintln!(
            "prompt ~{target}: {} tokens, {} bytes, {} code points, {} sparse features, {} rows",
            classifier.count_tokens(text),
            text.len(),
            text.chars().count(),
            features::features(&truncated).idx.len(),
            features::rows(&truncated).rows()
        );
    }

    let mut group = c.benchmark_group("classify");
    for (target, user) in &prompts {
        let messages = [
            PromptMessage::new("system", "You are a careful assistant."),
            PromptMessage::new("user", user.as_str()),
        ];
        group.bench_with_input(BenchmarkId::from_parameter(target), &messages, |b, m| {
            b.iter(|| classifier.classify(black_box(m)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parts");
    let mut buffers = FeatureBuffers::new();
    for (target, text) in &prompts {
        let truncated = features::truncate(text);
        group.bench_with_input(BenchmarkId::new("features", target), &truncated, |b, t| {
            b.iter(|| buffers.extract(black_box(t)).idx.len())
        });
        group.bench_with_input(BenchmarkId::new("rows", target), &truncated, |b, t| {
            b.iter(|| buffers.extract_rows(black_box(t)).val.len())
        });
        group.bench_with_input(BenchmarkId::new("features+model", target), text, |b, t| {
            b.iter(|| classifier.scores(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("detectors", target), text, |b, t| {
            b.iter(|| detector.detect(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("tokens", target), text, |b, t| {
            b.iter(|| classifier.count_tokens(black_box(t)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
