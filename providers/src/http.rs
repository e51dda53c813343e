//! HTTP plumbing shared by every remote client: pooled reqwest clients, the four timeouts
//! (connect, first byte, idle between chunks, total), status classification, bounded body reads
//! and SSE streams that time out when an upstream goes quiet.

use std::time::Duration;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use crate::sse::{SseEvent, SseStream, SseStreamError};
use crate::{CallCx, ErrorKind, ProviderError};

/// Largest non-streaming upstream body we accept.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;
/// Largest SSE line or event we accept from an upstream.
pub const MAX_SSE_EVENT_BYTES: usize = 8 * 1024 * 1024;
/// How much of an upstream error body we quote in our own error message.
const MAX_ERROR_DETAIL: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub connect: Duration,
    pub first_byte: Duration,
    pub idle: Duration,
    pub total: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(5),
            first_byte: Duration::from_secs(60),
            idle: Duration::from_secs(30),
            total: Duration::from_secs(600),
        }
    }
}

/// A pooled client with the connect timeout set; the other timeouts are applied per call so that
/// they can run on tokio's clock.
pub fn build_client(timeouts: &Timeouts) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(timeouts.connect)
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(256)
        .tcp_nodelay(true)
        .user_agent(concat!("strata/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot build HTTP client: {e}"))
}

/// The instant by which the call must finish: the earlier of the request's deadline and the
/// provider's total timeout.
pub fn deadline(cx: &CallCx, timeouts: &Timeouts) -> Instant {
    let own = Instant::now() + timeouts.total;
    match cx.deadline {
        Some(d) if d < own => d,
        _ => own,
    }
}

fn transport_error(provider: &str, e: &reqwest::Error) -> ProviderError {
    let kind = if e.is_connect() {
        ErrorKind::Connect
    } else if e.is_timeout() {
        ErrorKind::FirstByteTimeout
    } else if e.is_body() || e.is_decode() {
        ErrorKind::Decode
    } else {
        ErrorKind::Connect
    };
    // reqwest's Display includes the URL, which carries no secret (keys travel in headers).
    ProviderError::new(
        kind,
        provider,
        format!("request failed: {}", error_chain(e)),
    )
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// Parses `Retry-After` (seconds, or an HTTP date we treat as unknown) and the `retry-after-ms`
/// variant some vendors send.
pub fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let ms = headers.get("retry-after-ms").and_then(|v| v.to_str().ok());
    if let Some(ms) = ms.and_then(|v| v.trim().parse::<f64>().ok())
        && ms.is_finite()
        && ms >= 0.0
    {
        return Some(Duration::from_millis(ms as u64));
    }
    let v = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    let secs = v.trim().parse::<f64>().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_millis((secs * 1000.0) as u64))
}

/// Sends the request, waiting at most `first_byte` (and never past `deadline`) for the response
/// headers. A non-2xx answer becomes a classified [`ProviderError`].
pub async fn send(
    provider: &str,
    builder: reqwest::RequestBuilder,
    timeouts: &Timeouts,
    deadline: Instant,
) -> Result<reqwest::Response, ProviderError> {
    let first_byte = Instant::now() + timeouts.first_byte;
    let (limit, kind) = if deadline < first_byte {
        (deadline, ErrorKind::TotalTimeout)
    } else {
        (first_byte, ErrorKind::FirstByteTimeout)
    };
    let resp = match tokio::time::timeout_at(limit, builder.send()).await {
        Err(_) => {
            let message = match kind {
                ErrorKind::FirstByteTimeout => {
                    format!("no response headers within {:?}", timeouts.first_byte)
                }
                _ => "the request's deadline passed before the response headers arrived".into(),
            };
            return Err(ProviderError::new(kind, provider, message));
        }
        Ok(Err(e)) => return Err(transport_error(provider, &e)),
        Ok(Ok(r)) => r,
    };
    let status = resp.status();
    if status.is_success() {
        return Ok(resp);
    }
    let wait = retry_after(resp.headers());
    let detail = error_detail(provider, resp, timeouts, deadline).await;
    Err(ProviderError::from_status(
        provider,
        status.as_u16(),
        wait,
        &detail,
    ))
}

/// Reads (a bounded prefix of) an error body and pulls out the upstream's own message.
async fn error_detail(
    provider: &str,
    resp: reqwest::Response,
    timeouts: &Timeouts,
    deadline: Instant,
) -> String {
    let bytes = match read_bounded(provider, resp, 64 * 1024, timeouts, deadline).await {
        Ok(b) => b,
        Err(_) => return String::new(),
    };
    let text = String::from_utf8_lossy(&bytes);
    let msg = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| {
            let e = v.get("error").unwrap_or(&v);
            e.get("message")
                .and_then(|m| m.as_str())
                .map(str::to_owned)
                .or_else(|| {
                    // Gemini wraps errors as a list.
                    v.as_array()?
                        .first()?
                        .get("error")?
                        .get("message")?
                        .as_str()
                        .map(str::to_owned)
                })
        })
        .unwrap_or_else(|| text.trim().to_owned());
    truncate(&msg, MAX_ERROR_DETAIL)
}

fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

async fn read_bounded(
    provider: &str,
    resp: reqwest::Response,
    max: usize,
    timeouts: &Timeouts,
    deadline: Instant,
) -> Result<Vec<u8>, ProviderError> {
    let mut body = Vec::new();
    let mut stream = resp.bytes_stream();
    loop {
        let idle_limit = (Instant::now() + timeouts.idle).min(deadline);
        match tokio::time::timeout_at(idle_limit, stream.next()).await {
            Err(_) => {
                return Err(ProviderError::new(
                    ErrorKind::IdleTimeout,
                    provider,
                    "body stalled",
                ));
            }
            Ok(None) => return Ok(body),
            Ok(Some(Err(e))) => return Err(transport_error(provider, &e)),
            Ok(Some(Ok(chunk))) => {
                if body.len() + chunk.len() > max {
                    return Err(ProviderError::new(
                        ErrorKind::Decode,
                        provider,
                        format!("upstream body exceeded {max} bytes"),
                    ));
                }
                body.extend_from_slice(&chunk);
            }
        }
    }
}

/// Reads a whole JSON body (bounded, idle-timed) and decodes it.
pub async fn read_json<T: DeserializeOwned>(
    provider: &str,
    resp: reqwest::Response,
    timeouts: &Timeouts,
    deadline: Instant,
) -> Result<T, ProviderError> {
    let bytes = read_bounded(provider, resp, MAX_BODY_BYTES, timeouts, deadline).await?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ProviderError::new(
            ErrorKind::Decode,
            provider,
            format!("cannot decode upstream JSON: {e}"),
        )
    })
}

/// Turns a streaming response into SSE events, failing with `IdleTimeout` when no bytes arrive
/// for `timeouts.idle` and with `TotalTimeout` at the deadline.
pub fn sse_events(
    provider: String,
    resp: reqwest::Response,
    timeouts: Timeouts,
    deadline: Instant,
) -> impl Stream<Item = Result<SseEvent, ProviderError>> + Send + 'static {
    let events = SseStream::new(resp.bytes_stream(), MAX_SSE_EVENT_BYTES);
    futures::stream::unfold(
        (Box::pin(events), provider, false),
        move |(mut events, provider, done)| async move {
            if done {
                return None;
            }
            let idle_limit = Instant::now() + timeouts.idle;
            let (limit, kind) = if deadline < idle_limit {
                (deadline, ErrorKind::TotalTimeout)
            } else {
                (idle_limit, ErrorKind::IdleTimeout)
            };
            let item = match tokio::time::timeout_at(limit, events.next()).await {
                Err(_) => Some(Err(ProviderError::new(
                    kind,
                    provider.clone(),
                    "the stream went quiet past its timeout",
                ))),
                Ok(None) => None,
                Ok(Some(Ok(ev))) => Some(Ok(ev)),
                Ok(Some(Err(SseStreamError::Transport(e)))) => Some(Err(ProviderError::new(
                    ErrorKind::StreamCut,
                    provider.clone(),
                    format!("the stream broke: {}", error_chain(&e)),
                ))),
                Ok(Some(Err(SseStreamError::Decode(e)))) => Some(Err(ProviderError::new(
                    ErrorKind::Decode,
                    provider.clone(),
                    e.to_string(),
                ))),
            };
            let done = matches!(item, Some(Err(_)));
            item.map(|it| (it, (events, provider, done)))
        },
    )
}

/// Checks a streaming response's content type: an upstream that answers JSON to a streaming
/// request is a decode error, not an empty stream.
pub fn expect_event_stream(provider: &str, resp: &reqwest::Response) -> Result<(), ProviderError> {
    let ct = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.starts_with("text/event-stream") || ct.is_empty() {
        Ok(())
    } else {
        Err(ProviderError::new(
            ErrorKind::Decode,
            provider,
            format!("expected an event stream, got content type `{ct}`"),
        ))
    }
}

/// Bytes type re-exported for clients that build bodies by hand.
pub type Body = Bytes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let mut h = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert("retry-after", "2".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after-ms", "150".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_millis(150)));
        let mut h = reqwest::header::HeaderMap::new();
        h.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate("héllo", 2), "h…");
        assert_eq!(truncate("abc", 5), "abc");
    }
}
