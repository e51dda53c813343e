//! A scriptable mock upstream. Each request is recorded, then answered with the next [`Reply`] of
//! the script; the last reply repeats forever so a single-reply script serves any number of calls.
//!
//! The server runs as a task on the runtime that called [`MockUpstream::start`]; dropping the last
//! handle aborts it together with every connection it still holds, so a failing test never leaves
//! a listener behind.

// Test support: a mock that cannot bind its socket has no useful way to carry on.
#![allow(clippy::expect_used)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use futures::stream;
use http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Request, Response, StatusCode};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type MockBody = UnsyncBoxBody<Bytes, BoxError>;

/// How long [`MockUpstream::stop`] lets in-flight responses finish before cutting them.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// A scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    Json {
        status: u16,
        body: serde_json::Value,
        headers: Vec<(String, String)>,
    },
    /// Any bytes under any content type, e.g. a malformed JSON body or an HTML error page.
    Raw {
        status: u16,
        content_type: String,
        body: Bytes,
    },
    /// SSE body: each string is written as its own body frame exactly as given (so tests control
    /// "data: ...\n\n" framing), with `gap` between frames.
    Sse { frames: Vec<String>, gap: Duration },
    /// Like `Sse` but the connection is cut (the body errors / TCP reset, no terminating chunk)
    /// after the given frames.
    SseCut { frames: Vec<String>, gap: Duration },
    /// Wait before sending the inner reply's headers (slow first byte).
    Delay(Duration, Box<Reply>),
    /// Accept the request and never answer (until the client gives up).
    Hang,
}

impl Reply {
    /// A JSON reply without extra headers.
    pub fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply::Json {
            status,
            body,
            headers: Vec::new(),
        }
    }

    /// An SSE reply whose frames are written back to back.
    pub fn sse(frames: Vec<String>) -> Reply {
        Reply::Sse {
            frames,
            gap: Duration::ZERO,
        }
    }

    /// `self`, after `delay`.
    pub fn delayed(self, delay: Duration) -> Reply {
        Reply::Delay(delay, Box::new(self))
    }
}

/// One request as the mock received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path including the query string, e.g. `/v1beta/models/x:streamGenerateContent?alt=sse`.
    pub path: String,
    /// Lowercase names, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Recorded {
    /// The body as JSON; `Null` when it is not JSON, so assertions fail with a readable diff.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Default)]
struct Script {
    replies: Vec<Reply>,
    cursor: usize,
    requests: Vec<Recorded>,
}

#[derive(Debug, Default)]
struct Shared {
    script: Mutex<Script>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Script> {
        // A test that panicked while holding the lock must not hide its own failure behind a
        // cascade of poison errors.
        self.script.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, request: Recorded) -> Option<Reply> {
        let mut s = self.lock();
        s.requests.push(request);
        let last = s.replies.len().checked_sub(1)?;
        let reply = s.replies.get(s.cursor.min(last)).cloned();
        s.cursor = s.cursor.saturating_add(1);
        reply
    }
}

/// Stops the server when the last handle goes away.
#[derive(Debug)]
struct Guard {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
        let task = self
            .task
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(task) = task {
            // Aborting drops the connection set too, which aborts every connection task.
            task.abort();
        }
    }
}

/// Handle to a running mock upstream. Clones share the same server.
#[derive(Debug, Clone)]
pub struct MockUpstream {
    shared: Arc<Shared>,
    guard: Arc<Guard>,
}

impl MockUpstream {
    /// Binds `127.0.0.1:0` and serves `replies` in order; the last one repeats forever. With an
    /// empty script every request gets a 500 saying so.
    pub async fn start(replies: Vec<Reply>) -> MockUpstream {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener
            .local_addr()
            .expect("local address of a bound listener");
        let shared = Arc::new(Shared::default());
        shared.lock().replies = replies;
        let (shutdown, rx) = watch::channel(false);
        let task = tokio::spawn(serve(listener, Arc::clone(&shared), rx));
        let guard = Arc::new(Guard {
            addr,
            shutdown,
            task: Mutex::new(Some(task)),
        });
        MockUpstream { shared, guard }
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.guard.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.guard.addr
    }

    /// Requests received so far, on any path.
    pub fn calls(&self) -> usize {
        self.shared.lock().requests.len()
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// The most recent request.
    pub fn last_request(&self) -> Option<Recorded> {
        self.shared.lock().requests.last().cloned()
    }

    /// Replaces the script; the next request gets the first of `replies`. Recorded requests are
    /// kept.
    pub fn set_replies(&self, replies: Vec<Reply>) {
        let mut s = self.shared.lock();
        s.replies = replies;
        s.cursor = 0;
    }

    /// Stops accepting, lets in-flight responses finish for a short grace period, then cuts
    /// whatever is left and waits for the server task to end. Other clones stop working too.
    pub async fn stop(self) {
        self.guard.shutdown.send_replace(true);
        let task = self
            .guard
            .task
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(task) = task {
            // A cancelled or panicked server task is stopped all the same.
            let _ = task.await;
        }
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, mut shutdown: watch::Receiver<bool>) {
    let graceful = GracefulShutdown::new();
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        // Out of file descriptors and the like: back off instead of spinning.
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    }
                };
                // SSE frames must reach the client one by one, not when Nagle decides.
                let _ = stream.set_nodelay(true);
                let shared = Arc::clone(&shared);
                let service = service_fn(move |req| handle(Arc::clone(&shared), req));
                let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                let conn = graceful.watch(conn);
                conns.spawn(async move {
                    // Client resets and cut bodies end up here; they are part of the script.
                    let _ = conn.await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
            // Also fires when every handle is gone.
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, graceful.shutdown()).await;
    conns.shutdown().await;
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<MockBody>, Infallible> {
    let (parts, body) = req.into_parts();
    // A body that fails mid-way is still recorded with what arrived, which is nothing useful
    // beyond the fact that the request was made.
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let recorded = Recorded {
        method: parts.method.as_str().to_owned(),
        path,
        headers,
        body,
    };
    let reply = match shared.record(recorded) {
        Some(reply) => reply,
        None => {
            return Ok(text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "mock upstream: empty script",
            ));
        }
    };
    Ok(render(reply).await)
}

async fn render(mut reply: Reply) -> Response<MockBody> {
    loop {
        match reply {
            Reply::Delay(wait, inner) => {
                tokio::time::sleep(wait).await;
                reply = *inner;
            }
            Reply::Hang => std::future::pending::<()>().await,
            Reply::Json {
                status,
                body,
                headers,
            } => return json_response(status, &body, &headers),
            Reply::Raw {
                status,
                content_type,
                body,
            } => {
                let mut resp = Response::new(full(body));
                *resp.status_mut() = status_code(status);
                match HeaderValue::from_str(&content_type) {
                    Ok(v) => resp.headers_mut().insert(CONTENT_TYPE, v),
                    Err(_) => return bad_script(&format!("invalid content type `{content_type}`")),
                };
                return resp;
            }
            Reply::Sse { frames, gap } => return sse_response(frames, gap, false),
            Reply::SseCut { frames, gap } => return sse_response(frames, gap, true),
        }
    }
}

fn json_response(
    status: u16,
    body: &serde_json::Value,
    headers: &[(String, String)],
) -> Response<MockBody> {
    let bytes = match serde_json::to_vec(body) {
        Ok(b) => b,
        Err(e) => return bad_script(&format!("body does not serialize: {e}")),
    };
    let mut resp = Response::new(full(Bytes::from(bytes)));
    *resp.status_mut() = status_code(status);
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    for (k, v) in headers {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) else {
            return bad_script(&format!("invalid header `{k}: {v}`"));
        };
        // `insert` for the first occurrence so a scripted content type replaces the default,
        // `append` afterwards so repeated names (set-cookie, ...) all go out.
        if resp.headers().contains_key(&name) && name != CONTENT_TYPE {
            resp.headers_mut().append(name, value);
        } else {
            resp.headers_mut().insert(name, value);
        }
    }
    resp
}

fn sse_response(frames: Vec<String>, gap: Duration, cut: bool) -> Response<MockBody> {
    let frames = frames
        .into_iter()
        .map(Bytes::from)
        .collect::<Vec<_>>()
        .into_iter();
    let body = stream::unfold(
        (frames, true, cut),
        move |(mut frames, first, cut)| async move {
            match frames.next() {
                Some(frame) => {
                    if !first && !gap.is_zero() {
                        tokio::time::sleep(gap).await;
                    }
                    Some((Ok(Frame::data(frame)), (frames, false, cut)))
                }
                None if cut => {
                    // Give hyper a pending poll so the frames already written are flushed to the
                    // socket before the error tears the connection down.
                    tokio::time::sleep(gap.max(Duration::from_millis(10))).await;
                    let err: BoxError = "mock upstream: connection cut".into();
                    Some((Err(err), (frames, false, false)))
                }
                None => None,
            }
        },
    );
    let mut resp = Response::new(StreamBody::new(body).boxed_unsync());
    let headers = resp.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

fn full(body: Bytes) -> MockBody {
    Full::new(body)
        .map_err(|never| match never {})
        .boxed_unsync()
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn text(status: StatusCode, message: &str) -> Response<MockBody> {
    let mut resp = Response::new(full(Bytes::from(message.to_owned())));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    resp
}

/// A script mistake surfaces as a 500 whose body names it, rather than a panic inside a
/// connection task that the test would never see.
fn bad_script(message: &str) -> Response<MockBody> {
    text(
        StatusCode::INTERNAL_SERVER_ERROR,
        &format!("mock upstream: {message}"),
    )
}

/// Recorded-style wire bodies of the three upstream APIs. Usage is 9 prompt and 12 completion
/// tokens throughout, so tests can assert on accounting without counting pieces.
pub mod fixtures {
    use serde_json::{Value, json};

    use super::Reply;

    pub const PROMPT_TOKENS: u64 = 9;
    pub const COMPLETION_TOKENS: u64 = 12;

    pub const OPENAI_MODEL: &str = "gpt-4o-mini-2024-07-18";
    pub const OPENAI_ID: &str = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";
    pub const ANTHROPIC_MODEL: &str = "claude-sonnet-4-20250514";
    pub const ANTHROPIC_ID: &str = "msg_01XFDUDYJgAACzvnptvVoYEL";
    pub const GEMINI_MODEL: &str = "gemini-2.0-flash";
    pub const GEMINI_RESPONSE_ID: &str = "kVrGZ_2nLc6Tz7IPs5ui-Qc";

    const CREATED: u64 = 1_741_569_952;
    const FINGERPRINT: &str = "fp_06737a9306";

    fn openai_usage() -> Value {
        json!({
            "prompt_tokens": PROMPT_TOKENS,
            "completion_tokens": COMPLETION_TOKENS,
            "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0
            }
        })
    }

    fn openai_envelope(message: Value, finish_reason: &str) -> Value {
        json!({
            "id": OPENAI_ID,
            "object": "chat.completion",
            "created": CREATED,
            "model": OPENAI_MODEL,
            "choices": [{
                "index": 0,
                "message": message,
                "logprobs": null,
                "finish_reason": finish_reason
            }],
            "usage": openai_usage(),
            "service_tier": "default",
            "system_fingerprint": FINGERPRINT
        })
    }

    /// An OpenAI `chat.completion` with `content` as the assistant's text.
    pub fn openai_completion(content: &str) -> Value {
        openai_envelope(
            json!({"role": "assistant", "content": content, "refusal": null, "annotations": []}),
            "stop",
        )
    }

    /// An OpenAI `chat.completion` whose assistant turn is a single function call.
    pub fn openai_tool_call_completion(name: &str, arguments: &str) -> Value {
        openai_envelope(
            json!({
                "role": "assistant",
                "content": null,
                "tool_calls": [{
                    "id": "call_Dn2RJJSxzDm1EAnRBqUcs9a4",
                    "type": "function",
                    "function": {"name": name, "arguments": arguments}
                }],
                "refusal": null,
                "annotations": []
            }),
            "tool_calls",
        )
    }

    fn openai_chunk(choices: Value, usage: Value) -> String {
        let chunk = json!({
            "id": OPENAI_ID,
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": OPENAI_MODEL,
            "service_tier": "default",
            "system_fingerprint": FINGERPRINT,
            "choices": choices,
            "usage": usage
        });
        format!("data: {chunk}\n\n")
    }

    /// OpenAI SSE frames as sent with `stream_options.include_usage`: a role chunk, one content
    /// chunk per piece, a finish chunk (`stop`), a usage-only chunk and `data: [DONE]`.
    pub fn openai_stream(pieces: &[&str]) -> Vec<String> {
        let choice = |delta: Value, finish: Value| json!([{"index": 0, "delta": delta, "logprobs": null, "finish_reason": finish}]);
        let mut frames = Vec::with_capacity(pieces.len() + 4);
        frames.push(openai_chunk(
            choice(
                json!({"role": "assistant", "content": "", "refusal": null}),
                Value::Null,
            ),
            Value::Null,
        ));
        for piece in pieces {
            frames.push(openai_chunk(
                choice(json!({"content": piece}), Value::Null),
                Value::Null,
            ));
        }
        frames.push(openai_chunk(choice(json!({}), json!("stop")), Value::Null));
        frames.push(openai_chunk(json!([]), openai_usage()));
        frames.push("data: [DONE]\n\n".to_owned());
        frames
    }

    /// An OpenAI error body with the `type` and `code` OpenAI uses for that status.
    pub fn openai_error(status: u16, message: &str) -> Reply {
        let (kind, code) = match status {
            400 => ("invalid_request_error", Value::Null),
            401 => ("invalid_request_error", json!("invalid_api_key")),
            403 => (
                "invalid_request_error",
                json!("unsupported_country_region_territory"),
            ),
            404 => ("invalid_request_error", json!("model_not_found")),
            429 => ("requests", json!("rate_limit_exceeded")),
            _ if status >= 500 => ("server_error", Value::Null),
            _ => ("invalid_request_error", Value::Null),
        };
        Reply::json(
            status,
            json!({"error": {"message": message, "type": kind, "param": null, "code": code}}),
        )
    }

    /// An Anthropic Messages response with one text block.
    pub fn anthropic_message(text: &str) -> Value {
        json!({
            "id": ANTHROPIC_ID,
            "type": "message",
            "role": "assistant",
            "model": ANTHROPIC_MODEL,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": null,
            "usage": {
                "input_tokens": PROMPT_TOKENS,
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": 0,
                "output_tokens": COMPLETION_TOKENS,
                "service_tier": "standard"
            }
        })
    }

    fn anthropic_event(event: &str, data: &Value) -> String {
        format!("event: {event}\ndata: {data}\n\n")
    }

    /// Anthropic Messages SSE frames: `message_start`, `content_block_start`, one
    /// `content_block_delta` per piece, `content_block_stop`, `message_delta`, `message_stop`.
    pub fn anthropic_stream(pieces: &[&str]) -> Vec<String> {
        let mut frames = Vec::with_capacity(pieces.len() + 5);
        frames.push(anthropic_event(
            "message_start",
            &json!({"type": "message_start", "message": {
                "id": ANTHROPIC_ID,
                "type": "message",
                "role": "assistant",
                "model": ANTHROPIC_MODEL,
                "content": [],
                "stop_reason": null,
                "stop_sequence": null,
                "usage": {
                    "input_tokens": PROMPT_TOKENS,
                    "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0,
                    "output_tokens": 1,
                    "service_tier": "standard"
                }
            }}),
        ));
        frames.push(anthropic_event(
            "content_block_start",
            &json!({"type": "content_block_start", "index": 0,
                    "content_block": {"type": "text", "text": ""}}),
        ));
        for piece in pieces {
            frames.push(anthropic_event(
                "content_block_delta",
                &json!({"type": "content_block_delta", "index": 0,
                        "delta": {"type": "text_delta", "text": piece}}),
            ));
        }
        frames.push(anthropic_event(
            "content_block_stop",
            &json!({"type": "content_block_stop", "index": 0}),
        ));
        frames.push(anthropic_event(
            "message_delta",
            &json!({"type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": null},
                    "usage": {"output_tokens": COMPLETION_TOKENS}}),
        ));
        frames.push(anthropic_event(
            "message_stop",
            &json!({"type": "message_stop"}),
        ));
        frames
    }

    fn gemini_usage() -> Value {
        json!({
            "promptTokenCount": PROMPT_TOKENS,
            "candidatesTokenCount": COMPLETION_TOKENS,
            "totalTokenCount": PROMPT_TOKENS + COMPLETION_TOKENS,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": PROMPT_TOKENS}],
            "candidatesTokensDetails": [{"modality": "TEXT", "tokenCount": COMPLETION_TOKENS}]
        })
    }

    /// A Gemini `generateContent` response with one text part.
    pub fn gemini_response(text: &str) -> Value {
        json!({
            "candidates": [{
                "content": {"parts": [{"text": text}], "role": "model"},
                "finishReason": "STOP",
                "avgLogprobs": -0.0123
            }],
            "usageMetadata": gemini_usage(),
            "modelVersion": GEMINI_MODEL,
            "responseId": GEMINI_RESPONSE_ID
        })
    }

    /// Gemini `streamGenerateContent?alt=sse` frames, one per piece. As Gemini does, the last
    /// piece travels together with `finishReason: STOP` and `usageMetadata`; with no pieces there
    /// is a single frame with an empty text part.
    pub fn gemini_stream(pieces: &[&str]) -> Vec<String> {
        let pieces: Vec<&str> = if pieces.is_empty() {
            vec![""]
        } else {
            pieces.to_vec()
        };
        let last = pieces.len() - 1;
        pieces
            .iter()
            .enumerate()
            .map(|(i, piece)| {
                let mut candidate =
                    json!({"content": {"parts": [{"text": piece}], "role": "model"}});
                let mut chunk = json!({
                    "candidates": [],
                    "modelVersion": GEMINI_MODEL,
                    "responseId": GEMINI_RESPONSE_ID
                });
                if i == last {
                    candidate["finishReason"] = json!("STOP");
                    chunk["usageMetadata"] = gemini_usage();
                }
                chunk["candidates"] = json!([candidate]);
                format!("data: {chunk}\n\n")
            })
            .collect()
    }
}
