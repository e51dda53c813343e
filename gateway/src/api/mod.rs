//! The HTTP front: handlers for the OpenAI and Anthropic APIs, model listing and health. Each
//! handler parses its API's request into the canonical one, runs the shared phases
//! ([`execute`]: authenticate → classify → decide → dispatch → record) and turns the answer, or
//! any failure, into its API's shape.

pub mod body;
pub mod chat;
pub mod health;
pub mod messages;
pub mod models;

use std::sync::Arc;

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;
use providers::{CallCx, ChatRequest, ChatResponse, ChatStream};

use crate::dispatch::{self, Served};
use crate::error::{ApiError, Front};
use crate::plan::{self, Plan, Rejected};
use crate::privacy;
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

/// What the phases produced. (A stream has no useful `Debug`.)
#[allow(missing_debug_implementations)]
pub enum Answer {
    Json(ChatResponse),
    Stream(ChatStream),
}

/// plan (authenticate → classify → decide → redact) → dispatch → restore and record. The
/// stream's usage is recorded as it passes.
pub async fn execute(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    mut req: ChatRequest,
) -> Result<(Answer, Served, Plan), Rejected> {
    let plan = plan::plan(state, headers, &mut req).await?;
    let cx = call_cx(state, headers);
    let failed = |error: ApiError| Rejected {
        error: match error {
            ApiError::Upstream(mut f) => {
                f.note.clone_from(&plan.note);
                ApiError::Upstream(f)
            }
            other => other,
        },
        headers: Some(plan.headers.clone()),
    };
    if req.is_stream() {
        let (stream, served) = dispatch::chat_stream(&state.providers, &plan.candidates, &req, &cx)
            .await
            .map_err(failed)?;
        let stream = plan::finish_stream(Arc::clone(state), &plan, &served, stream);
        Ok((Answer::Stream(stream), served, plan))
    } else {
        let (mut answer, served) = dispatch::chat(&state.providers, &plan.candidates, &req, &cx)
            .await
            .map_err(failed)?;
        if let Some(table) = &plan.restore {
            privacy::restore_response(&mut answer, table);
        }
        plan::record(state, plan.tenant, &served, answer.usage.as_ref());
        Ok((Answer::Json(answer), served, plan))
    }
}

/// A refused request in the front's error shape, with the decision's headers when there was one.
pub fn rejected(r: Rejected, front: Front) -> Response {
    let mut resp = r.error.into_response_for(front);
    if let Some(h) = r.headers {
        h.apply(&mut resp);
    }
    resp
}

/// The headers of a successful answer: who served it and why.
pub fn answer_headers(resp: &mut Response, served: &Served, plan: &Plan) {
    served_headers(resp, served);
    plan.headers.apply(resp);
}
