//! Every way a request can fail, and the one exhaustive mapping from a failure to an HTTP status
//! and an error body — OpenAI's shape on `/v1/chat/completions`, Anthropic's on `/v1/messages`.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use providers::breaker::Rejection;
use providers::{ErrorKind, Origin, ProviderError};
use serde_json::json;

/// A candidate that was skipped without a call, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub provider: String,
    pub reason: Rejection,
}

/// Every candidate was tried or skipped and none answered.
#[derive(Debug, Clone, Default)]
pub struct UpstreamFailure {
    pub attempts: u32,
    pub errors: Vec<ProviderError>,
    pub skipped: Vec<Skipped>,
    /// Why no further tier was tried (the policy's privacy ceiling), when that is the case.
    pub note: Option<String>,
}

#[derive(Debug)]
pub enum ApiError {
    /// The body is not JSON at all.
    InvalidJson(String),
    /// The JSON does not have the expected shape or values.
    InvalidRequest {
        message: String,
        param: Option<String>,
    },
    InvalidUtf8 {
        offset: usize,
    },
    UnsupportedMediaType(String),
    BodyTooLarge {
        limit: usize,
    },
    ModelNotFound(String),
    RouteNotFound(String),
    MethodNotAllowed,
    /// The model or alias exists but nothing is configured to serve it.
    NoProvider {
        model: String,
        hint: String,
    },
    /// The request has no valid API key.
    Unauthorized(String),
    /// A policy rule or the request controls refused the request.
    Forbidden {
        rule: String,
        message: String,
    },
    /// The prompt is private and no model allowed to see it is configured.
    NoAllowedTier(String),
    /// An upstream rejected the request as the client's mistake; not retried.
    UpstreamRejected(ProviderError),
    /// All candidates failed.
    Upstream(UpstreamFailure),
    /// The gateway's own request timeout fired.
    Timeout,
    Internal(String),
}

/// Which API's error shape to answer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    OpenAi,
    Anthropic,
}

struct Parts {
    status: StatusCode,
    kind: &'static str,
    code: &'static str,
    param: Option<String>,
    message: String,
    retry_after: Option<Duration>,
}

impl ApiError {
    fn parts(&self) -> Parts {
        let p = |status, kind, code, message: String| Parts {
            status,
            kind,
            code,
            param: None,
            message,
            retry_after: None,
        };
        match self {
            ApiError::InvalidJson(m) => p(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "invalid_json",
                m.clone(),
            ),
            ApiError::InvalidRequest { message, param } => Parts {
                param: param.clone(),
                ..p(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    "invalid_request",
                    message.clone(),
                )
            },
            ApiError::InvalidUtf8 { offset } => p(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "invalid_utf8",
                format!("the request body is not valid UTF-8 (first bad byte at offset {offset})"),
            ),
            ApiError::UnsupportedMediaType(ct) => p(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "invalid_request_error",
                "unsupported_media_type",
                format!("expected `content-type: application/json`, got `{ct}`"),
            ),
            ApiError::BodyTooLarge { limit } => p(
                StatusCode::PAYLOAD_TOO_LARGE,
                "invalid_request_error",
                "body_too_large",
                format!("the request body exceeds the gateway's limit of {limit} bytes"),
            ),
            ApiError::ModelNotFound(m) => Parts {
                param: Some("model".into()),
                ..p(
                    StatusCode::NOT_FOUND,
                    "invalid_request_error",
                    "model_not_found",
                    format!(
                        "the model `{m}` does not exist on this gateway; GET /v1/models lists the models and aliases it serves"
                    ),
                )
            },
            ApiError::RouteNotFound(path) => p(
                StatusCode::NOT_FOUND,
                "invalid_request_error",
                "not_found",
                format!("no route for `{path}`"),
            ),
            ApiError::MethodNotAllowed => p(
                StatusCode::METHOD_NOT_ALLOWED,
                "invalid_request_error",
                "method_not_allowed",
                "method not allowed on this route".into(),
            ),
            ApiError::NoProvider { model, hint } => p(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "no_provider",
                format!("no provider is configured to serve `{model}`: {hint}"),
            ),
            ApiError::Unauthorized(m) => p(
                StatusCode::UNAUTHORIZED,
                "authentication_error",
                "invalid_api_key",
                m.clone(),
            ),
            ApiError::Forbidden { rule, message } => p(
                StatusCode::FORBIDDEN,
                "permission_error",
                "policy_denied",
                format!("{message} (rule `{rule}`)"),
            ),
            ApiError::NoAllowedTier(m) => p(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "no_allowed_tier",
                m.clone(),
            ),
            ApiError::UpstreamRejected(e) => {
                let status = e
                    .status
                    .and_then(|s| StatusCode::from_u16(s).ok())
                    .filter(|s| s.is_client_error() && *s != StatusCode::TOO_MANY_REQUESTS)
                    .unwrap_or(StatusCode::BAD_REQUEST);
                p(
                    status,
                    "invalid_request_error",
                    "upstream_rejected",
                    e.to_string(),
                )
            }
            ApiError::Upstream(f) => upstream_parts(f),
            ApiError::Timeout => p(
                StatusCode::GATEWAY_TIMEOUT,
                "timeout_error",
                "gateway_timeout",
                "the request did not complete within the gateway's request timeout".into(),
            ),
            ApiError::Internal(m) => p(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "internal_error",
                m.clone(),
            ),
        }
    }

    /// Low-cardinality label for metrics and logs.
    pub fn metric_label(&self) -> &'static str {
        self.parts().code
    }

    pub fn status(&self) -> StatusCode {
        self.parts().status
    }

    /// The error as a JSON body of the given API's shape (also used for in-stream error events).
    pub fn body(&self, front: Front) -> serde_json::Value {
        let parts = self.parts();
        body_json(&parts, front)
    }

    pub fn into_response_for(self, front: Front) -> Response {
        let parts = self.parts();
        if parts.status.is_server_error() {
            tracing::warn!(
                status = parts.status.as_u16(),
                code = parts.code,
                "{}",
                parts.message
            );
        } else {
            tracing::info!(
                status = parts.status.as_u16(),
                code = parts.code,
                "{}",
                parts.message
            );
        }
        let body = body_json(&parts, front);
        let mut resp = (parts.status, axum::Json(body)).into_response();
        if let Some(wait) = parts.retry_after {
            let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            if let Ok(v) = HeaderValue::from_str(&secs.max(1).to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}

fn body_json(parts: &Parts, front: Front) -> serde_json::Value {
    match front {
        Front::OpenAi => json!({"error": {
            "message": parts.message,
            "type": parts.kind,
            "param": parts.param,
            "code": parts.code,
        }}),
        Front::Anthropic => {
            let kind = match parts.status.as_u16() {
                400 | 415 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                413 => "request_too_large",
                429 => "rate_limit_error",
                503 | 529 => "overloaded_error",
                504 => "timeout_error",
                _ => "api_error",
            };
            json!({"type": "error", "error": {"type": kind, "message": parts.message}})
        }
    }
}

fn upstream_parts(f: &UpstreamFailure) -> Parts {
    let mut reasons: Vec<String> = f.errors.iter().map(ToString::to_string).collect();
    for s in &f.skipped {
        let why = match s.reason {
            Rejection::Open { retry_in } => {
                format!(
                    "circuit breaker open (retry in {}s)",
                    retry_in.as_secs().max(1)
                )
            }
            Rejection::ProbeInFlight => "circuit breaker half-open, probe in flight".to_owned(),
            Rejection::RetryAfter { retry_in } => {
                format!(
                    "asked us to wait {}s (Retry-After)",
                    retry_in.as_secs().max(1)
                )
            }
        };
        reasons.push(format!("provider `{}`: skipped: {why}", s.provider));
    }
    let mut message = if reasons.is_empty() {
        "no candidate could be tried".to_owned()
    } else {
        format!("{} attempt(s) failed; {}", f.attempts, reasons.join("; "))
    };
    if let Some(note) = &f.note {
        message.push_str("; ");
        message.push_str(note);
    }
    let retry_after = f
        .errors
        .iter()
        .filter_map(|e| e.retry_after)
        .chain(f.skipped.iter().filter_map(|s| match s.reason {
            Rejection::Open { retry_in } | Rejection::RetryAfter { retry_in } => Some(retry_in),
            Rejection::ProbeInFlight => None,
        }))
        .min();
    let (status, kind, code) = match f.errors.last().map(|e| e.kind) {
        Some(ErrorKind::FirstByteTimeout | ErrorKind::IdleTimeout | ErrorKind::TotalTimeout) => (
            StatusCode::GATEWAY_TIMEOUT,
            "timeout_error",
            "upstream_timeout",
        ),
        // A full local queue is backpressure: the client should slow down and come back.
        Some(ErrorKind::Overloaded) => (
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_error",
            "overloaded",
        ),
        Some(ErrorKind::Connect | ErrorKind::RateLimited | ErrorKind::Unavailable) | None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
            "upstream_unavailable",
        ),
        Some(
            ErrorKind::Server
            | ErrorKind::Auth
            | ErrorKind::InvalidRequest
            | ErrorKind::Decode
            | ErrorKind::StreamError
            | ErrorKind::StreamCut
            | ErrorKind::Internal,
        ) => (StatusCode::BAD_GATEWAY, "upstream_error", "upstream_error"),
    };
    Parts {
        status,
        kind,
        code,
        param: None,
        message,
        retry_after,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.into_response_for(Front::OpenAi)
    }
}

impl From<ProviderError> for ApiError {
    fn from(e: ProviderError) -> Self {
        match e.origin {
            Origin::Client => ApiError::UpstreamRejected(e),
            Origin::Upstream | Origin::Internal => ApiError::Upstream(UpstreamFailure {
                attempts: 1,
                errors: vec![e],
                skipped: vec![],
                note: None,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_failures_map_to_5xx_by_last_error() {
        let f = |kinds: &[ErrorKind]| {
            ApiError::Upstream(UpstreamFailure {
                attempts: kinds.len() as u32,
                errors: kinds
                    .iter()
                    .map(|k| ProviderError::new(*k, "p", "x"))
                    .collect(),
                skipped: vec![],
                note: None,
            })
            .status()
        };
        assert_eq!(
            f(&[ErrorKind::Server, ErrorKind::IdleTimeout]),
            StatusCode::GATEWAY_TIMEOUT
        );
        assert_eq!(f(&[ErrorKind::Connect]), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            f(&[ErrorKind::RateLimited, ErrorKind::Server]),
            StatusCode::BAD_GATEWAY
        );
        assert_eq!(f(&[]), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(f(&[ErrorKind::Overloaded]), StatusCode::TOO_MANY_REQUESTS);
    }

    #[test]
    fn bodies_have_each_fronts_shape() {
        let e = ApiError::ModelNotFound("gpt-9".into());
        let b = e.body(Front::OpenAi);
        assert_eq!(b["error"]["code"], "model_not_found");
        assert_eq!(b["error"]["param"], "model");
        assert!(b["error"]["message"].as_str().unwrap().contains("gpt-9"));
        let b = e.body(Front::Anthropic);
        assert_eq!(b["type"], "error");
        assert_eq!(b["error"]["type"], "not_found_error");
    }

    #[test]
    fn retry_after_is_propagated() {
        let e = ApiError::Upstream(UpstreamFailure {
            attempts: 1,
            errors: vec![
                ProviderError::new(ErrorKind::RateLimited, "p", "slow down")
                    .with_retry_after(Some(Duration::from_millis(1500))),
            ],
            skipped: vec![],
            note: None,
        });
        let r = e.into_response();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(r.headers()[header::RETRY_AFTER], "2");
    }

    #[test]
    fn upstream_client_errors_keep_their_4xx() {
        let e: ApiError = ProviderError::from_status("p", 422, None, "bad schema").into();
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let e: ApiError = ProviderError::from_status("p", 404, None, "no such model").into();
        assert_eq!(e.status(), StatusCode::BAD_GATEWAY);
    }
}
