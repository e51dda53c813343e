//! The Anthropic Messages client.

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};

use super::request::to_anthropic;
use super::types::MessagesResponse;
use super::{response, stream};
use crate::http::{self, Timeouts};
use crate::types::{ChatRequest, ChatResponse};
use crate::{CallCx, ChatStream, Provider, ProviderError, Secret};

/// The `anthropic-version` sent when the configuration leaves it empty.
pub const DEFAULT_VERSION: &str = "2023-06-01";

#[derive(Debug, Clone)]
pub struct AnthropicConfig {
    pub name: String,
    /// Base URL without the version segment, e.g. `https://api.anthropic.com`; requests go to
    /// `{base_url}/v1/messages`.
    pub base_url: String,
    pub api_key: Option<Secret>,
    /// The `anthropic-version` header; empty means [`DEFAULT_VERSION`].
    pub version: String,
    pub timeouts: Timeouts,
}

impl AnthropicConfig {
    /// A configuration with the default API version and timeouts and no key.
    pub fn new(name: impl Into<String>, base_url: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            base_url: base_url.into(),
            api_key: None,
            version: DEFAULT_VERSION.into(),
            timeouts: Timeouts::default(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AnthropicClient {
    name: String,
    url: String,
    headers: HeaderMap,
    http: reqwest::Client,
    timeouts: Timeouts,
}

impl AnthropicClient {
    pub fn new(cfg: AnthropicConfig, http: reqwest::Client) -> Result<Self, String> {
        let mut headers = HeaderMap::new();
        if let Some(key) = &cfg.api_key {
            let mut v = HeaderValue::from_str(key.expose()).map_err(|_| {
                "the API key contains characters not allowed in a header".to_owned()
            })?;
            v.set_sensitive(true);
            headers.insert("x-api-key", v);
        }
        let version = if cfg.version.is_empty() {
            DEFAULT_VERSION
        } else {
            cfg.version.as_str()
        };
        let version = HeaderValue::from_str(version)
            .map_err(|_| format!("invalid anthropic-version `{version}`"))?;
        headers.insert("anthropic-version", version);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let url = format!("{}/v1/messages", cfg.base_url.trim_end_matches('/'));
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

    fn request(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
        stream: bool,
    ) -> Result<reqwest::RequestBuilder, ProviderError> {
        let body = to_anthropic(req, &self.name, stream)?;
        Ok(self
            .http
            .post(&self.url)
            .headers(self.headers.clone())
            .header("x-request-id", &cx.request_id)
            .json(&body))
    }
}

impl Provider for AnthropicClient {
    async fn chat(&self, req: &ChatRequest, cx: &CallCx) -> Result<ChatResponse, ProviderError> {
        let deadline = http::deadline(cx, &self.timeouts);
        let builder = self.request(req, cx, false)?;
        let resp = http::send(&self.name, builder, &self.timeouts, deadline).await?;
        let body: MessagesResponse =
            http::read_json(&self.name, resp, &self.timeouts, deadline).await?;
        Ok(response::to_canonical(body))
    }

    async fn chat_stream(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> Result<ChatStream, ProviderError> {
        let deadline = http::deadline(cx, &self.timeouts);
        let builder = self.request(req, cx, true)?;
        let resp = http::send(&self.name, builder, &self.timeouts, deadline).await?;
        http::expect_event_stream(&self.name, &resp)?;
        let events = http::sse_events(self.name.clone(), resp, self.timeouts, deadline);
        Ok(stream::chunks(self.name.clone(), events))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use futures::StreamExt;
    use serde_json::{Value, json};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// What the fake upstream saw.
    struct Seen {
        head: String,
        body: Value,
    }

    /// Serves exactly one HTTP/1.1 exchange with a canned answer.
    async fn one_shot_server(
        status: &'static str,
        content_type: &'static str,
        body: String,
    ) -> (String, tokio::task::JoinHandle<Seen>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}/", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let (mut sock, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            let mut tmp = [0u8; 4096];
            let (head, request_body) = loop {
                let n = sock.read(&mut tmp).await.unwrap();
                assert!(n > 0, "client closed early");
                buf.extend_from_slice(&tmp[..n]);
                if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8(buf[..pos].to_vec()).unwrap();
                    let len: usize = head
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse().unwrap())
                        })
                        .unwrap();
                    while buf.len() < pos + 4 + len {
                        let n = sock.read(&mut tmp).await.unwrap();
                        buf.extend_from_slice(&tmp[..n]);
                    }
                    break (
                        head,
                        serde_json::from_slice::<Value>(&buf[pos + 4..pos + 4 + len]).unwrap(),
                    );
                }
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            sock.write_all(resp.as_bytes()).await.unwrap();
            sock.shutdown().await.unwrap();
            Seen {
                head,
                body: request_body,
            }
        });
        (base, task)
    }

    fn client(base: &str) -> AnthropicClient {
        let mut cfg = AnthropicConfig::new("claude", base);
        cfg.api_key = Some(Secret::new("sk-ant-test"));
        AnthropicClient::new(cfg, reqwest::Client::new()).unwrap()
    }

    fn request() -> ChatRequest {
        serde_json::from_value(json!({
            "model": "claude-sonnet-4-5",
            "messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hi"}],
            "seed": 3
        }))
        .unwrap()
    }

    #[tokio::test]
    async fn chat_sends_anthropic_headers_and_body() {
        let answer = json!({
            "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
            "content": [{"type": "text", "text": "Hello!"}],
            "stop_reason": "end_turn", "stop_sequence": null,
            "usage": {"input_tokens": 9, "output_tokens": 2}
        });
        let (base, server) =
            one_shot_server("200 OK", "application/json", answer.to_string()).await;
        let resp = client(&base)
            .chat(&request(), &CallCx::new("req-7"))
            .await
            .unwrap();
        let seen = server.await.unwrap();

        let head = seen.head.to_ascii_lowercase();
        assert!(head.starts_with("post /v1/messages http/1.1"), "{head}");
        assert!(head.contains("x-api-key: sk-ant-test"));
        assert!(head.contains("anthropic-version: 2023-06-01"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains("x-request-id: req-7"));
        assert!(!head.contains("authorization"));
        assert_eq!(
            seen.body,
            json!({
                "model": "claude-sonnet-4-5",
                "system": "be brief",
                "max_tokens": 4096,
                "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]
            })
        );
        assert_eq!(resp.choices[0].message.text(), "Hello!");
        assert_eq!(resp.usage.unwrap().total_tokens, 11);
    }

    #[tokio::test]
    async fn chat_stream_end_to_end() {
        let sse = concat!(
            "event: message_start\n",
            "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n",
            "event: content_block_start\n",
            "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
            "event: content_block_delta\n",
            "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Yo\"}}\n\n",
            "event: content_block_stop\n",
            "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
            "event: message_delta\n",
            "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}}\n\n",
            "event: message_stop\n",
            "data: {\"type\":\"message_stop\"}\n\n",
        );
        let (base, server) = one_shot_server("200 OK", "text/event-stream", sse.to_owned()).await;
        let stream = client(&base)
            .chat_stream(&request(), &CallCx::new("r"))
            .await
            .unwrap();
        let out: Vec<_> = stream.collect().await;
        let seen = server.await.unwrap();
        assert_eq!(seen.body["stream"], json!(true));
        let out: Vec<_> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(out.len(), 4);
        assert_eq!(out[1].choices[0].delta.content.as_deref(), Some("Yo"));
        assert_eq!(out[3].usage.as_ref().unwrap().total_tokens, 8);
    }

    #[tokio::test]
    async fn upstream_errors_are_classified() {
        let body = json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}});
        let (base, server) =
            one_shot_server("529 Overloaded", "application/json", body.to_string()).await;
        let err = client(&base)
            .chat(&request(), &CallCx::new("r"))
            .await
            .unwrap_err();
        server.await.unwrap();
        assert_eq!(err.kind, ErrorKind::Unavailable);
        assert_eq!(err.status, Some(529));
        assert!(err.message.contains("Overloaded"));

        let (base, server) = one_shot_server("200 OK", "application/json", "{}".into()).await;
        let err = client(&base)
            .chat_stream(&request(), &CallCx::new("r"))
            .await
            .err()
            .unwrap();
        server.await.unwrap();
        assert_eq!(err.kind, ErrorKind::Decode);
    }

    #[tokio::test]
    async fn invalid_requests_fail_before_sending() {
        let req: ChatRequest = serde_json::from_value(json!({"model": "m", "messages": [
            {"role": "assistant", "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{"}}]}
        ]}))
        .unwrap();
        // Nothing listens on this port: reaching the network would be a Connect error.
        let err = client("http://127.0.0.1:9")
            .chat(&req, &CallCx::new("r"))
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidRequest);
    }

    #[test]
    fn config_validation_and_url() {
        let c = client("https://api.anthropic.com/");
        assert_eq!(c.url, "https://api.anthropic.com/v1/messages");
        assert_eq!(c.name(), "claude");
        assert!(c.headers.get("x-api-key").unwrap().is_sensitive());
        let mut cfg = AnthropicConfig::new("a", "https://x");
        cfg.version = String::new();
        let c = AnthropicClient::new(cfg, reqwest::Client::new()).unwrap();
        assert_eq!(c.headers["anthropic-version"], DEFAULT_VERSION);
        let mut cfg = AnthropicConfig::new("a", "https://x");
        cfg.api_key = Some(Secret::new("bad\nkey"));
        let err = AnthropicClient::new(cfg, reqwest::Client::new()).unwrap_err();
        assert!(!err.contains("bad"));
    }
}
