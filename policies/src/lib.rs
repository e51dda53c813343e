//! The policy engine: from a prompt's signals (difficulty, privacy, findings, size), the tenant,
//! its budget and the health of each tier to an ordered list of candidates and the reason for
//! them. It owns the policy's TOML shape and its validation, the rule evaluation and the
//! explanations.
//!
//! Everything here is a pure function of its inputs — no tokio, no I/O, no clock, no globals —
//! so that the same inputs always give the same decision and property tests can hammer it. In
//! particular nothing here may ever return a candidate above its privacy ceiling.

mod compile;
mod decide;
mod explain;
pub mod raw;
mod tier;

pub use compile::{ModelInfo, Policy, PolicyError, Target, Topology};
pub use decide::{Decision, MAX_FINDING_KINDS, Outcome, Requested, RuleRef, Signals};
pub use explain::{Explanation, Matched};
pub use tier::{Sensitivity, Tier, UnknownTier, auto_order};

/// The default rules, shipped inside the binary (and as `examples/policy-default.toml`).
pub const DEFAULT_RULES: &str = include_str!("default-rules.toml");

/// The rule that `policy.redact_private = true` puts in front of every other rule.
pub const REDACT_RULE: &str = include_str!("redact-rule.toml");

#[cfg(test)]
mod tests;
