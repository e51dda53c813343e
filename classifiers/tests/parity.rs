//! Holds the Rust features and model run to the training pipeline's: for every chat request of
//! `tests/fixtures/parity.jsonl` (written by `classifiers/train/make_parity_fixture.py`), the
//! prompt text (before truncation), the sparse and dense features (after it), the windows and
//! the rows built from them, and the model's scores must match what Python computed.

#![allow(clippy::expect_used)]

use std::borrow::Cow;

use classifiers::features::{self, FeatureBuffers};
use classifiers::{Classifier, ClassifierConfig, PromptMessage};
use serde_json::Value;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parity.jsonl");

/// The text of one message's `content`: a string, or the `text` parts of a list.
fn content_text(content: &Value) -> Cow<'_, str> {
    match content {
        Value::String(s) => Cow::Borrowed(s.as_str()),
        Value::Array(parts) => Cow::Owned(
            parts
                .iter()
                .filter(|p| p["type"] == "text")
                .filter_map(|p| p["text"].as_str())
                .collect::<String>(),
        ),
        _ => Cow::Borrowed(""),
    }
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

#[test]
fn rust_features_and_scores_match_the_training_pipeline() {
    let fixture = std::fs::read_to_string(FIXTURE).expect("read the parity fixture");
    let classifier = Classifier::new(ClassifierConfig::default()).expect("classifier");
    let mut buffers = FeatureBuffers::new();
    let mut cases = 0;
    for (line_no, line) in fixture
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Value = serde_json::from_str(line).expect("a JSON line");
        let at = format!(
            "{FIXTURE}:{} ({})",
            line_no + 1,
            case["id"].as_str().unwrap_or("?")
        );
        let messages: Vec<PromptMessage<'_>> = case["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .map(|m| PromptMessage {
                role: m["role"].as_str().expect("role"),
                text: content_text(&m["content"]),
            })
            .collect();

        let text = features::prompt_text(&messages);
        assert!(
            text == case["text"].as_str().expect("text"),
            "prompt text at {at}"
        );
        let truncated = features::truncate(&text);

        let f = buffers.extract(&truncated);
        let idx: Vec<i64> = case["idx"]
            .as_array()
            .expect("idx")
            .iter()
            .map(|x| x.as_i64().expect("int"))
            .collect();
        assert_eq!(f.idx, idx, "idx at {at}");
        let val = floats(&case["val"]);
        assert_eq!(f.val.len(), val.len(), "val length at {at}");
        for (i, (&got, &want)) in f.val.iter().zip(&val).enumerate() {
            assert!(
                (f64::from(got) - want).abs() <= 1e-6,
                "val[{i}] {got} != {want} at {at}"
            );
        }
        let dense = floats(&case["dense"]);
        assert_eq!(dense.len(), features::DENSE_DIM, "dense length at {at}");
        for (i, (&got, &want)) in f.dense.iter().zip(&dense).enumerate() {
            assert!(
                (f64::from(got) - want).abs() <= 1e-6,
                "dense[{i}] {got} != {want} at {at}"
            );
        }

        // The windows and the rows built from them (FEATURES.md §6, §7).
        let want_windows: Vec<(usize, usize)> = case["windows"]
            .as_array()
            .expect("windows")
            .iter()
            .map(|w| {
                let span = floats(w);
                (span[0] as usize, span[1] as usize)
            })
            .collect();
        let char_offset = |cp: usize| {
            truncated
                .char_indices()
                .nth(cp)
                .map_or(truncated.len(), |(offset, _)| offset)
        };
        let got_windows: Vec<(usize, usize)> =
            features::window_ranges(&truncated, &mut Vec::new()).collect();
        let want_bytes: Vec<(usize, usize)> = want_windows
            .iter()
            .map(|&(s, e)| (char_offset(s), char_offset(e)))
            .collect();
        assert_eq!(got_windows, want_bytes, "windows at {at}");
        let rows = buffers.extract_rows(&truncated);
        let row_nnz: Vec<usize> = case["row_nnz"]
            .as_array()
            .expect("row_nnz")
            .iter()
            .map(|x| x.as_u64().expect("int") as usize)
            .collect();
        assert_eq!(rows.rows(), row_nnz.len(), "rows at {at}");
        assert_eq!(rows.rows(), want_windows.len() + 1, "rows at {at}");
        for (r, &nnz) in row_nnz.iter().enumerate() {
            let got = rows.entries(r).count();
            assert_eq!(got, nnz, "entries of row {r} at {at}");
        }
        for (r, dense) in case["row_dense"]
            .as_array()
            .expect("row_dense")
            .iter()
            .enumerate()
        {
            for (k, want) in floats(dense).into_iter().enumerate() {
                let got = rows.dense(r)[k];
                assert!(
                    (f64::from(got) - want).abs() <= 1e-6,
                    "dense[{r}][{k}] {got} != {want} at {at}"
                );
            }
        }

        let scores = classifier.scores(&text).expect("scores");
        let got = [
            scores.p_community_or_cloud,
            scores.p_cloud,
            scores.p_private,
        ];
        let want = floats(&case["scores"]);
        assert_eq!(want.len(), 3, "scores length at {at}");
        for (i, (&got, &want)) in got.iter().zip(&want).enumerate() {
            assert!(
                (f64::from(got) - want).abs() <= 1e-4,
                "scores[{i}] {got} != {want} at {at}"
            );
        }
        let assessment = classifier.classify(&messages).expect("classify");
        assert_eq!(
            [
                assessment.p_community_or_cloud,
                assessment.p_cloud,
                assessment.privacy
            ],
            got
        );
        cases += 1;
    }
    assert!(cases >= 200, "{FIXTURE} has only {cases} cases");
}
