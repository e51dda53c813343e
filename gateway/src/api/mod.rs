//! The HTTP front: handlers for the OpenAI and Anthropic APIs, model listing and health. Each
//! handler runs the request's phases — parse → route → dispatch → respond — and turns any
//! failure into the error shape of the API it serves.

pub mod body;
pub mod chat;
pub mod health;
pub mod messages;
pub mod models;

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;
use providers::CallCx;

use crate::dispatch::Served;
use crate::state::AppState;

pub const X_REQUEST_ID: &str = "x-request-id";

pub fn request_id(headers: &HeaderMap) -> String {
    headers
        .get(X_REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .unwrap_or_default()
}

pub fn call_cx(state: &AppState, headers: &HeaderMap) -> CallCx {
    CallCx::new(request_id(headers))
        .with_deadline(tokio::time::Instant::now() + state.config.server.request_timeout)
}

/// Adds the `x-strata-*` headers that say who answered.
pub fn served_headers(resp: &mut Response, served: &Served) {
    let h = resp.headers_mut();
    let mut put = |name: &'static str, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(HeaderName::from_static(name), v);
        }
    };
    put("x-strata-tier", served.tier.as_str());
    put("x-strata-provider", &served.provider);
    put("x-strata-model", &served.upstream_model);
    put("x-strata-attempts", &served.attempts.to_string());
}

/// Headers of every SSE response.
pub fn sse_headers(resp: &mut Response) {
    let h = resp.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    h.insert(
        axum::http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    h.insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
}
