//! The closed set of backends, dispatched with exhaustive matches, and the per-provider state
//! the gateway keeps around each one (breaker, retry settings).

use std::time::Duration;

use local_engine::{Engine, EngineConfig};
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
    /// The in-process edge engine.
    Local(Engine),
}

impl Backend {
    /// Builds the client, or loads the model of a `local` provider (blocking: it reads the whole
    /// file, so call it off the async runtime's threads).
    pub fn build(cfg: &ProviderConfig) -> Result<Self, String> {
        if let Some(local) = &cfg.local {
            let engine = Engine::load(EngineConfig {
                model_path: local.model_path.clone(),
                n_ctx: local.n_ctx,
                threads: local.threads,
                batch_threads: local.batch_threads,
                slots: local.slots,
                queue_depth: local.queue_depth,
                name: cfg.name.clone(),
            })
            .map_err(|e| format!("provider `{}`: {e}", cfg.name))?;
            return Ok(Backend::Local(engine));
        }
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
            ProviderKind::Local => {
                return Err(err("a local provider needs its engine settings".to_owned()));
            }
        })
    }

    /// Whether the backend can take requests now (a local model must be loaded and its worker
    /// alive; remote ones are judged by their breakers).
    pub fn is_ready(&self) -> bool {
        match self {
            Backend::OpenAi(_) | Backend::Anthropic(_) | Backend::Gemini(_) => true,
            Backend::Local(e) => e.is_ready(),
        }
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
            Backend::Local(p) => p.chat(req, cx).await,
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
            Backend::Local(p) => p.chat_stream(req, cx).await,
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
    pub fn is_ready(&self) -> bool {
        self.backend.is_ready() && self.breaker.state() != providers::breaker::BreakerState::Open
    }

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
