//! Prompt assessment: for a chat request, a difficulty score, a privacy score, the findings of
//! deterministic PII and secret detectors, and the exact token count — on CPU, with no network.
//! This crate must never perform I/O at classification time nor depend on another workspace
//! crate; the gateway turns its [`Assessment`] into the policy engine's signals.

pub mod detect;
pub mod redact;

use serde::Serialize;

pub use detect::{Category, Detector, Finding, FindingKind};
pub use redact::{Redaction, StreamRestorer, redact, restore};

/// What the classifier says about one prompt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// P(the prompt needs more than the edge tier), in [0, 1].
    pub difficulty: f32,
    /// P(the prompt carries data that may not leave the device), in [0, 1].
    pub privacy: f32,
    /// The detectors' findings.
    pub findings: Vec<Finding>,
    /// Input tokens (o200k).
    pub tokens: u32,
}
