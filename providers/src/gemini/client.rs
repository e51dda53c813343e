use reqwest::header::{HeaderMap, HeaderValue};

use super::request::to_gemini_request;
use super::response::to_chat_response;
use super::stream::chunks;
use super::types::{GenerateContentRequest, GenerateContentResponse};
use crate::http::{self, Timeouts};
use crate::types::{ChatRequest, ChatResponse};
use crate::{CallCx, ChatStream, ErrorKind, Provider, ProviderError, Secret};

pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com/v1beta";

#[derive(Debug, Clone)]
pub struct GeminiConfig {
    pub name: String,
    /// Base URL up to and including the version segment; [`DEFAULT_BASE_URL`] when empty.
    pub base_url: String,
    pub api_key: Option<Secret>,
    pub timeouts: Timeouts,
}

impl GeminiConfig {
    /// A config for Google's public endpoint with default timeouts and no key.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            timeouts: Timeouts::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct GeminiClient {
    name: String,
    base_url: String,
    pub(super) headers: HeaderMap,
    http: reqwest::Client,
    timeouts: Timeouts,
}

impl GeminiClient {
    pub fn new(cfg: GeminiConfig, http: reqwest::Client) -> Result<Self, String> {
        let mut headers = HeaderMap::new();
        if let Some(key) = &cfg.api_key {
            // In a header rather than `?key=`, so that it never appears in a URL that reqwest
            // puts into its error messages.
            let mut v = HeaderValue::from_str(key.expose()).map_err(|_| {
                "the API key contains characters not allowed in a header".to_owned()
            })?;
            v.set_sensitive(true);
            headers.insert("x-goog-api-key", v);
        }
        let base_url = match cfg.base_url.trim().trim_end_matches('/') {
            "" => DEFAULT_BASE_URL.to_owned(),
            url => url.to_owned(),
        };
        Ok(Self {
            name: cfg.name,
            base_url,
            headers,
            http,
            timeouts: cfg.timeouts,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The model name is spliced into the path unencoded, so anything that would change which
    /// resource the URL names is refused.
    fn url(&self, model: &str, method: &str) -> Result<String, ProviderError> {
        if model.is_empty() || model.contains(['/', '?', '#']) {
            return Err(ProviderError::new(
                ErrorKind::InvalidRequest,
                self.name.as_str(),
                "the model name must be non-empty and contain no '/', '?' or '#'",
            ));
        }
        Ok(format!("{}/models/{model}:{method}", self.base_url))
    }

    fn request(
        &self,
        url: String,
        body: &GenerateContentRequest,
        cx: &CallCx,
    ) -> reqwest::RequestBuilder {
        self.http
            .post(url)
            .headers(self.headers.clone())
            .header("x-request-id", &cx.request_id)
            .json(body)
    }
}

impl Provider for GeminiClient {
    async fn chat(&self, req: &ChatRequest, cx: &CallCx) -> Result<ChatResponse, ProviderError> {
        let url = self.url(&req.model, "generateContent")?;
        let body = to_gemini_request(&self.name, req)?;
        let deadline = http::deadline(cx, &self.timeouts);
        let resp = http::send(
            &self.name,
            self.request(url, &body, cx),
            &self.timeouts,
            deadline,
        )
        .await?;
        let resp: GenerateContentResponse =
            http::read_json(&self.name, resp, &self.timeouts, deadline).await?;
        to_chat_response(&self.name, resp, &req.model)
    }

    async fn chat_stream(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> Result<ChatStream, ProviderError> {
        let url = self.url(&req.model, "streamGenerateContent?alt=sse")?;
        let body = to_gemini_request(&self.name, req)?;
        let deadline = http::deadline(cx, &self.timeouts);
        let resp = http::send(
            &self.name,
            self.request(url, &body, cx),
            &self.timeouts,
            deadline,
        )
        .await?;
        http::expect_event_stream(&self.name, &resp)?;
        let events = http::sse_events(self.name.clone(), resp, self.timeouts, deadline);
        Ok(chunks(self.name.clone(), req.model.clone(), events))
    }
}
