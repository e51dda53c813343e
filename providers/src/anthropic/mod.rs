//! Anthropic Messages API: the client (canonical → Anthropic → canonical) and the front-end
//! translation (an Anthropic request into the canonical one and the canonical answer back).

mod client;
pub mod front;
pub mod request;
pub mod response;
pub mod stream;
pub mod types;

pub use client::{AnthropicClient, AnthropicConfig, DEFAULT_VERSION};
