//! The closed set of backends, dispatched with exhaustive matches, and the per-provider state
//! the gateway keeps around each one (breaker, retry settings).

use std::time::Duration;

use providers::anthropic::{AnthropicClient, AnthropicConfig};
use providers::breaker::Breaker;
use providers::gemini::{GeminiClient, GeminiConfig};
use providers::openai::{OpenAiClient, OpenAiConfig};
use providers::{CallCx, ChatRequest, ChatResponse, ChatStream, Provider, ProviderError};

use crate::config::{ProviderConfig, ProviderKind};

#[derive(Debug)]
pub enum Backend {
    OpenAi(OpenAiClient),
    Anthropic(AnthropicClient),
    Gemini(GeminiClient),
}

impl Backend {
    pub fn build(cfg: &ProviderConfig) -> Result<Self, String> {
        let http = providers::http::build_client(&cfg.timeouts)?;
        let name = cfg.name.clone();
        let err = |e: String| format!("provider `{}`: {e}", cfg.name);
        Ok(match cfg.kind {
            ProviderKind::Openai => Backend::OpenAi(
                OpenAiClient::new(
                    OpenAiConfig {
                        name,
                        base_url: cfg.base_url.clone(),
                        api_key: cfg.api_key.clone(),
                        headers: cfg.headers.clone(),
                        timeouts: cfg.timeouts,
                    },
                    http,
                )
                .map_err(err)?,
            ),
            ProviderKind::Anthropic => Backend::Anthropic(
                AnthropicClient::new(
                    AnthropicConfig {
                        name,
                        base_url: cfg.base_url.clone(),
                        api_key: cfg.api_key.clone(),
                        version: cfg.anthropic_version.clone(),
                        timeouts: cfg.timeouts,
                    },
                    http,
                )
                .map_err(err)?,
            ),
            ProviderKind::Gemini => Backend::Gemini(
                GeminiClient::new(
                    GeminiConfig {
                        name,
                        base_url: cfg.base_url.clone(),
                        api_key: cfg.api_key.clone(),
                        timeouts: cfg.timeouts,
                    },
                    http,
                )
                .map_err(err)?,
            ),
        })
    }

    pub async fn chat(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> Result<ChatResponse, ProviderError> {
        match self {
            Backend::OpenAi(p) => p.chat(req, cx).await,
            Backend::Anthropic(p) => p.chat(req, cx).await,
            Backend::Gemini(p) => p.chat(req, cx).await,
        }
    }

    pub async fn chat_stream(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> Result<ChatStream, ProviderError> {
        match self {
            Backend::OpenAi(p) => p.chat_stream(req, cx).await,
            Backend::Anthropic(p) => p.chat_stream(req, cx).await,
            Backend::Gemini(p) => p.chat_stream(req, cx).await,
        }
    }
}

/// A configured provider as the dispatcher sees it.
#[derive(Debug)]
pub struct ProviderHandle {
    pub name: String,
    pub kind: ProviderKind,
    pub backend: Backend,
    pub breaker: Breaker,
    pub retries: u32,
    pub max_retry_wait: Duration,
}

impl ProviderHandle {
    pub fn build(cfg: &ProviderConfig) -> Result<Self, String> {
        Ok(Self {
            name: cfg.name.clone(),
            kind: cfg.kind,
            backend: Backend::build(cfg)?,
            breaker: Breaker::new(cfg.breaker),
            retries: cfg.retries,
            max_retry_wait: cfg.max_retry_wait,
        })
    }
}
