//! `POST /v1/chat/completions`.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use providers::{ChatRequest, ChatStream};

use super::{Answer, answer_headers, body, sse_headers};
use crate::error::{ApiError, Front};
use crate::plan::Rejected;
use crate::state::AppState;

pub async fn completions(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match handle(&state, &headers, body).await {
        Ok(r) => r,
        Err(e) => super::rejected(e, Front::OpenAi),
    }
}

pub fn validate(req: &ChatRequest) -> Result<(), ApiError> {
    if req.model.trim().is_empty() {
        return Err(ApiError::InvalidRequest {
            message: "`model` must not be empty".into(),
            param: Some("model".into()),
        });
    }
    if req.messages.is_empty() {
        return Err(ApiError::InvalidRequest {
            message: "`messages` must contain at least one message".into(),
            param: Some("messages".into()),
        });
    }
    Ok(())
}

async fn handle(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, Rejected> {
    body::check_content_type(headers)?;
    let bytes = body::read(body, state.config.server.max_body_bytes).await?;
    let req: ChatRequest = body::parse_json(&bytes)?;
    validate(&req)?;
    let include_usage = req.include_usage();
    let (answer, served, plan) = super::execute(state, headers, req).await?;
    let mut resp = match answer {
        Answer::Stream(stream) => {
            let mut resp = Body::from_stream(encode_sse(stream, include_usage)).into_response();
            sse_headers(&mut resp);
            resp
        }
        Answer::Json(answer) => axum::Json(answer).into_response(),
    };
    answer_headers(&mut resp, &served, &plan);
    Ok(resp)
}

fn frame(json: &impl serde::Serialize) -> Bytes {
    let mut buf = Vec::with_capacity(256);
    buf.extend_from_slice(b"data: ");
    if serde_json::to_writer(&mut buf, json).is_err() {
        buf.truncate(6);
        buf.extend_from_slice(br#"{"error":{"message":"the gateway could not encode a chunk","type":"server_error","param":null,"code":"internal_error"}}"#);
    }
    buf.extend_from_slice(b"\n\n");
    Bytes::from(buf)
}

/// Re-encodes chunks as OpenAI SSE. The upstream is always asked for usage; it is passed on only
/// when the client asked for it. A mid-stream failure becomes a final `error` event with no
/// `[DONE]`, so no client mistakes a cut stream for a complete one.
pub fn encode_sse(
    stream: ChatStream,
    include_usage: bool,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send + 'static {
    futures::stream::unfold(Some(stream), move |state| async move {
        let mut stream = state?;
        loop {
            match stream.next().await {
                None => return Some((Ok(Bytes::from_static(b"data: [DONE]\n\n")), None)),
                Some(Ok(mut chunk)) => {
                    if !include_usage {
                        if chunk.choices.is_empty() && chunk.usage.is_some() {
                            continue;
                        }
                        chunk.usage = None;
                    }
                    return Some((Ok(frame(&chunk)), Some(stream)));
                }
                Some(Err(e)) => {
                    tracing::warn!(
                        provider = %e.provider,
                        kind = e.kind.metric_label(),
                        "stream failed after the first byte: {}", e.message
                    );
                    return Some((Ok(frame(&ApiError::from(e).body(Front::OpenAi))), None));
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::types::{ChatChunk, Delta, Usage};
    use providers::{ErrorKind, ProviderError};

    fn chunk(text: &str) -> ChatChunk {
        ChatChunk::delta(
            "c",
            1,
            "m",
            Delta {
                content: Some(text.into()),
                ..Default::default()
            },
            None,
        )
    }

    async fn render(items: Vec<Result<ChatChunk, ProviderError>>, usage: bool) -> String {
        let s: ChatStream = Box::pin(futures::stream::iter(items));
        let frames: Vec<_> = encode_sse(s, usage).collect().await;
        frames
            .into_iter()
            .map(|f| String::from_utf8(f.unwrap().to_vec()).unwrap())
            .collect()
    }

    #[tokio::test]
    async fn usage_only_when_asked_and_done_at_the_end() {
        let items = || {
            vec![
                Ok(chunk("a")),
                Ok(ChatChunk::usage_only("c", 1, "m", Usage::new(3, 1))),
            ]
        };
        let out = render(items(), false).await;
        assert_eq!(out.matches("data: ").count(), 2, "{out}");
        assert!(!out.contains("usage"));
        assert!(out.ends_with("data: [DONE]\n\n"));
        let out = render(items(), true).await;
        assert!(out.contains("\"total_tokens\":4"));
    }

    #[tokio::test]
    async fn a_mid_stream_error_is_a_final_error_event_without_done() {
        let out = render(
            vec![
                Ok(chunk("a")),
                Err(ProviderError::new(ErrorKind::StreamCut, "p", "cut")),
                Ok(chunk("b")),
            ],
            false,
        )
        .await;
        assert!(out.contains("\"error\""), "{out}");
        assert!(!out.contains("[DONE]"), "{out}");
        assert!(!out.contains("\"b\""), "{out}");
    }
}
