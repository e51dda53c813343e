//! Runs the deterministic detectors over JSONL: reads `{"id": ..., "text": ...}` lines on stdin
//! and writes `{"id": ..., "findings": [...]}` lines on stdout, one per input line, in order.
//! Each finding is serialized as the crate defines it (`kind`, `start`, `end`, `confidence`,
//! `detail`). The training pipeline (`classifiers/train/run.sh`) uses it to evaluate the
//! combined privacy decision of detectors and model.
//!
//! ```text
//! cargo run --release --example findings_jsonl -p classifiers < in.jsonl > out.jsonl
//! ```

use std::error::Error;
use std::io::{self, BufRead, BufWriter, Write};

use classifiers::{Detector, Finding};
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a Value,
    findings: Vec<Finding>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let detector = Detector::new();
    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let row: Value =
            serde_json::from_str(&line).map_err(|e| format!("line {}: not JSON: {e}", n + 1))?;
        let text = row
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("line {}: no string field \"text\"", n + 1))?;
        let id = row.get("id").unwrap_or(&Value::Null);
        let findings = detector.detect(text);
        serde_json::to_writer(&mut out, &Line { id, findings })?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
