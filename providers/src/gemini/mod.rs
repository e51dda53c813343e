//! Gemini generateContent / streamGenerateContent client.
//!
//! The canonical request is translated into Gemini's own shape (system instruction, user/model
//! turns of parts, function declarations, generation config) and the answer back into the
//! OpenAI shape. Fields Gemini has no counterpart for are dropped; input it cannot express at all
//! is refused as the client's mistake before anything is sent.

mod client;
mod request;
mod response;
mod stream;
pub mod types;

pub use client::{DEFAULT_BASE_URL, GeminiClient, GeminiConfig};
pub use request::{clean_schema, to_gemini_request};
pub use response::to_chat_response;
pub use stream::chunks;

#[cfg(test)]
mod tests;
