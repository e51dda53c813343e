//! `POST /v1/messages`: the Anthropic Messages API in front, so Anthropic SDK users can point at
//! the gateway too. The request is translated into the canonical one, routed and dispatched like
//! any other, and the answer translated back — JSON or Anthropic's SSE event sequence.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use providers::ChatStream;
use providers::anthropic::front::{self, MessagesRequest, SseOut, StreamTranslator};

use super::{Answer, answer_headers, body, sse_headers};
use crate::error::{ApiError, Front};
use crate::plan::Rejected;
use crate::state::AppState;

pub async fn create(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match handle(&state, &headers, body).await {
        Ok(r) => r,
        Err(e) => super::rejected(e, Front::Anthropic),
    }
}

async fn handle(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, Rejected> {
    body::check_content_type(headers)?;
    let bytes = body::read(body, state.config.server.max_body_bytes).await?;
    let req: MessagesRequest = body::parse_json(&bytes)?;
    let requested = req.model.clone();
    let canonical = front::to_canonical(req).map_err(|e| ApiError::InvalidRequest {
        message: e.message,
        param: e.param,
    })?;
    super::chat::validate(&canonical)?;
    let (answer, served, plan) = super::execute(state, headers, canonical).await?;
    let mut resp = match answer {
        Answer::Stream(stream) => {
            let mut resp = Body::from_stream(encode_sse(stream, &requested)).into_response();
            sse_headers(&mut resp);
            resp
        }
        Answer::Json(answer) => {
            axum::Json(front::from_canonical(&answer, &requested)).into_response()
        }
    };
    answer_headers(&mut resp, &served, &plan);
    Ok(resp)
}

fn frame(out: &SseOut) -> Bytes {
    let mut buf = Vec::with_capacity(256);
    buf.extend_from_slice(b"event: ");
    buf.extend_from_slice(out.event.as_bytes());
    buf.extend_from_slice(b"\ndata: ");
    // `data` is already JSON text on one line.
    buf.extend_from_slice(out.data.as_bytes());
    buf.extend_from_slice(b"\n\n");
    Bytes::from(buf)
}

fn frames(outs: Vec<SseOut>) -> Bytes {
    let mut buf = Vec::new();
    for o in &outs {
        buf.extend_from_slice(&frame(o));
    }
    Bytes::from(buf)
}

/// Canonical chunks → Anthropic's event sequence. A mid-stream failure ends with an `error`
/// event and no `message_stop`.
fn encode_sse(
    stream: ChatStream,
    model: &str,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send + 'static {
    let translator = StreamTranslator::new(model);
    futures::stream::unfold(Some((stream, translator)), |state| async move {
        let (mut stream, mut tr) = state?;
        loop {
            match stream.next().await {
                None => return Some((Ok(frames(tr.finish())), None)),
                Some(Ok(chunk)) => {
                    let out = tr.push(&chunk);
                    if out.is_empty() {
                        continue;
                    }
                    return Some((Ok(frames(out)), Some((stream, tr))));
                }
                Some(Err(e)) => {
                    tracing::warn!(
                        provider = %e.provider,
                        kind = e.kind.metric_label(),
                        "stream failed after the first byte: {}", e.message
                    );
                    return Some((Ok(frame(&front::error_event(&e.to_string()))), None));
                }
            }
        }
    })
}
