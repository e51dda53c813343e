//! The Strata gateway: the `strata` binary's server and commands. It owns the HTTP front (an
//! OpenAI- and Anthropic-compatible API on hyper + tower), configuration, and the request phases
//! authenticate → classify → decide → dispatch → record. It is the only crate that knows about HTTP servers; it
//! must never log prompt text or credentials, never panic on input, and never answer a client's
//! mistake with a 5xx.
//!
//! ```text
//! client ──► tower stack (sensitive headers, request id, trace, catch-panic, timeout, body limit)
//!        ──► api::{chat, messages}: parse + validate
//!        ──► plan: authenticate (tenant) → classify (classifiers) → decide (policies) → redact
//!        ──► dispatch: try candidates in order (breakers, retries, fallback)
//!        ──► providers::{openai, anthropic, gemini} ──► JSON or SSE back, with x-strata-* headers
//! ```

pub mod api;
pub mod backend;
pub mod budget;
pub mod cli;
pub mod config;
pub mod dispatch;
pub mod error;
pub mod plan;
pub mod privacy;
pub mod routing;
pub mod server;
pub mod state;

pub use config::Config;
pub use server::{Running, start};
