//! The provider layer: one [`Provider`] trait, one [`ChatStream`] type, the canonical chat types
//! (the OpenAI wire shape, with every field the gateway does not interpret kept verbatim), and
//! the clients that speak each upstream's wire format — OpenAI-compatible servers, Anthropic's
//! Messages API and Gemini's generateContent — plus circuit breakers and the SSE decoder.
//!
//! This crate owns *how to talk to an upstream*. It must never decide *where* a request goes
//! (that is the policy engine's job), never log prompt text or keys, and never depend on another
//! workspace crate.

pub mod anthropic;
pub mod breaker;
mod error;
pub mod gemini;
pub mod http;
pub mod openai;
mod secret;
pub mod sse;
pub mod types;

use std::future::Future;
use std::pin::Pin;

use futures::Stream;
use tokio::time::Instant;

pub use error::{ErrorKind, Origin, ProviderError};
pub use secret::Secret;
pub use types::{ChatChunk, ChatRequest, ChatResponse};

/// A stream of completion chunks. The first item decides whether an attempt succeeded: a
/// stream whose first item is an error is a failed attempt that may fall back.
pub type ChatStream = Pin<Box<dyn Stream<Item = Result<ChatChunk, ProviderError>> + Send>>;

/// Per-call context handed to a provider.
#[derive(Debug, Clone)]
pub struct CallCx {
    /// The gateway's request id, forwarded upstream where the wire format allows it.
    pub request_id: String,
    /// The request's overall deadline; a provider never waits past it.
    pub deadline: Option<Instant>,
}

impl CallCx {
    pub fn new(request_id: impl Into<String>) -> Self {
        Self {
            request_id: request_id.into(),
            deadline: None,
        }
    }

    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }
}

/// Every backend answers these two calls. `req.model` is already the upstream's model name.
pub trait Provider: Send + Sync {
    fn chat(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> impl Future<Output = Result<ChatResponse, ProviderError>> + Send;

    fn chat_stream(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> impl Future<Output = Result<ChatStream, ProviderError>> + Send;
}
