//! Client for any OpenAI-compatible `/chat/completions` endpoint (OpenAI, vLLM, Ollama,
//! llama.cpp server, LM Studio, Groq, Together, OpenRouter, community nodes, ...). The canonical
//! types *are* this wire format, so the request goes out exactly as the client sent it, with only
//! `model` (and, for streams, `stream_options.include_usage`) rewritten.

use futures::StreamExt;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::http::{self, Timeouts};
use crate::sse::SseEvent;
use crate::types::{ChatChunk, ChatRequest, ChatResponse, StreamOptions};
use crate::{CallCx, ChatStream, ErrorKind, Provider, ProviderError, Secret};

#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    pub name: String,
    /// Base URL up to and including the version segment, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    pub api_key: Option<Secret>,
    /// Extra headers sent with every request (e.g. OpenRouter's `HTTP-Referer`).
    pub headers: Vec<(String, String)>,
    pub timeouts: Timeouts,
}

#[derive(Debug, Clone)]
pub struct OpenAiClient {
    name: String,
    url: String,
    headers: HeaderMap,
    http: reqwest::Client,
    timeouts: Timeouts,
}

impl OpenAiClient {
    pub fn new(cfg: OpenAiConfig, http: reqwest::Client) -> Result<Self, String> {
        let mut headers = HeaderMap::new();
        if let Some(key) = &cfg.api_key {
            let mut v =
                HeaderValue::from_str(&format!("Bearer {}", key.expose())).map_err(|_| {
                    "the API key contains characters not allowed in a header".to_owned()
                })?;
            v.set_sensitive(true);
            headers.insert(reqwest::header::AUTHORIZATION, v);
        }
        for (k, v) in &cfg.headers {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| format!("invalid header name `{k}`"))?;
            let value =
                HeaderValue::from_str(v).map_err(|_| format!("invalid value for header `{k}`"))?;
            headers.insert(name, value);
        }
        let url = format!("{}/chat/completions", cfg.base_url.trim_end_matches('/'));
        Ok(Self {
            name: cfg.name,
            url,
            headers,
            http,
            timeouts: cfg.timeouts,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    fn request(&self, body: &ChatRequest, cx: &CallCx) -> reqwest::RequestBuilder {
        self.http
            .post(&self.url)
            .headers(self.headers.clone())
            .header("x-request-id", &cx.request_id)
            .json(body)
    }
}

impl Provider for OpenAiClient {
    async fn chat(&self, req: &ChatRequest, cx: &CallCx) -> Result<ChatResponse, ProviderError> {
        let deadline = http::deadline(cx, &self.timeouts);
        // Most requests carry neither field: send them as they are, without a copy.
        let builder = if req.stream.is_none() && req.stream_options.is_none() {
            self.request(req, cx)
        } else {
            let mut body = req.clone();
            body.stream = None;
            body.stream_options = None;
            self.request(&body, cx)
        };
        let resp = http::send(&self.name, builder, &self.timeouts, deadline).await?;
        http::read_json(&self.name, resp, &self.timeouts, deadline).await
    }

    async fn chat_stream(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> Result<ChatStream, ProviderError> {
        let deadline = http::deadline(cx, &self.timeouts);
        let mut body = req.clone();
        body.stream = Some(true);
        // Always ask for usage: the gateway needs it for the ledger and drops the usage chunk
        // again when the client did not ask for it.
        let mut opts = body.stream_options.take().unwrap_or(StreamOptions {
            include_usage: None,
            extra: Default::default(),
        });
        opts.include_usage = Some(true);
        body.stream_options = Some(opts);
        let resp = http::send(
            &self.name,
            self.request(&body, cx),
            &self.timeouts,
            deadline,
        )
        .await?;
        http::expect_event_stream(&self.name, &resp)?;
        let events = http::sse_events(self.name.clone(), resp, self.timeouts, deadline);
        Ok(chunks(self.name.clone(), events))
    }
}

/// Decodes OpenAI-style `data:` events into chunks. `[DONE]` ends the stream; an input that ends
/// without it is a cut stream; an `{"error":...}` event is a stream error.
pub fn chunks(
    provider: String,
    events: impl futures::Stream<Item = Result<SseEvent, ProviderError>> + Send + 'static,
) -> ChatStream {
    let events = Box::pin(events);
    Box::pin(futures::stream::unfold(
        (events, provider, false),
        |(mut events, provider, finished)| async move {
            if finished {
                return None;
            }
            loop {
                match events.next().await {
                    None => {
                        let err = ProviderError::new(
                            ErrorKind::StreamCut,
                            provider.clone(),
                            "the stream ended without [DONE]",
                        );
                        return Some((Err(err), (events, provider, true)));
                    }
                    Some(Err(e)) => return Some((Err(e), (events, provider, true))),
                    Some(Ok(ev)) => {
                        let data = ev.data.trim();
                        if data == "[DONE]" {
                            return None;
                        }
                        if data.is_empty() {
                            continue;
                        }
                        let item = decode_chunk(&provider, data);
                        let finished = item.is_err();
                        return Some((item, (events, provider, finished)));
                    }
                }
            }
        },
    ))
}

fn decode_chunk(provider: &str, data: &str) -> Result<ChatChunk, ProviderError> {
    let value: serde_json::Value = serde_json::from_str(data).map_err(|e| {
        ProviderError::new(
            ErrorKind::Decode,
            provider,
            format!("malformed stream chunk: {e}"),
        )
    })?;
    if let Some(err) = value.get("error") {
        let msg = err
            .get("message")
            .and_then(|m| m.as_str())
            .unwrap_or("unknown error");
        return Err(ProviderError::new(
            ErrorKind::StreamError,
            provider,
            format!("upstream sent an error event: {msg}"),
        ));
    }
    serde_json::from_value(value).map_err(|e| {
        ProviderError::new(
            ErrorKind::Decode,
            provider,
            format!("malformed stream chunk: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(data: &str) -> Result<SseEvent, ProviderError> {
        Ok(SseEvent {
            event: None,
            data: data.into(),
        })
    }

    async fn collect(
        items: Vec<Result<SseEvent, ProviderError>>,
    ) -> Vec<Result<ChatChunk, ProviderError>> {
        chunks("p".into(), futures::stream::iter(items))
            .collect()
            .await
    }

    #[tokio::test]
    async fn decodes_until_done() {
        let out = collect(vec![
            ev(r#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}"#),
            ev(r#"{"id":"c","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#),
            ev("[DONE]"),
            ev("ignored"),
        ])
        .await;
        assert_eq!(out.len(), 2);
        let first = out[0].as_ref().unwrap();
        assert_eq!(first.choices[0].delta.content.as_deref(), Some("Hi"));
        assert_eq!(
            out[1]
                .as_ref()
                .unwrap()
                .usage
                .as_ref()
                .unwrap()
                .total_tokens,
            4
        );
    }

    #[tokio::test]
    async fn missing_done_is_a_cut_stream() {
        let out = collect(vec![ev(r#"{"id":"c","model":"m","choices":[]}"#)]).await;
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].as_ref().unwrap_err().kind, ErrorKind::StreamCut);
    }

    #[tokio::test]
    async fn error_event_and_malformed_chunk() {
        let out = collect(vec![ev(r#"{"error":{"message":"overloaded"}}"#)]).await;
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().unwrap_err();
        assert_eq!(e.kind, ErrorKind::StreamError);
        assert!(e.retryable);
        let out = collect(vec![ev("{not json")]).await;
        assert_eq!(out[0].as_ref().unwrap_err().kind, ErrorKind::Decode);
    }
}
