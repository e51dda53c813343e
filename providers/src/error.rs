use std::fmt;
use std::time::Duration;

/// What went wrong, in a closed set the gateway maps to HTTP statuses and metric labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Could not open a connection (refused, DNS, TLS).
    Connect,
    /// No response headers within the first-byte timeout.
    FirstByteTimeout,
    /// The stream went quiet for longer than the idle timeout.
    IdleTimeout,
    /// The request's total deadline passed.
    TotalTimeout,
    /// The upstream said 429.
    RateLimited,
    /// The upstream answered 5xx (or 529, Anthropic's "overloaded").
    Server,
    /// The upstream rejected our credentials (401/403): an operator problem, not the client's.
    Auth,
    /// The upstream rejected the request itself (400, 404, 413, 422): the client's mistake.
    InvalidRequest,
    /// The upstream's answer could not be decoded.
    Decode,
    /// The upstream sent an error inside an otherwise healthy stream.
    StreamError,
    /// The stream ended without its terminal event.
    StreamCut,
    /// The provider's circuit breaker is open, or it asked us to wait (`Retry-After`).
    Unavailable,
    /// A local provider's queue is full.
    Overloaded,
    /// A bug or a broken invariant inside the gateway.
    Internal,
}

impl ErrorKind {
    /// Low-cardinality label for metrics and logs.
    pub fn metric_label(self) -> &'static str {
        match self {
            ErrorKind::Connect => "connect",
            ErrorKind::FirstByteTimeout => "first_byte_timeout",
            ErrorKind::IdleTimeout => "idle_timeout",
            ErrorKind::TotalTimeout => "total_timeout",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Auth => "auth",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::Decode => "decode",
            ErrorKind::StreamError => "stream_error",
            ErrorKind::StreamCut => "stream_cut",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Overloaded => "overloaded",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Who caused the failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The upstream or the network to it.
    Upstream,
    /// The client's request (the upstream said so).
    Client,
    /// The gateway itself.
    Internal,
}

/// A failed provider call: what happened, who caused it, and whether trying another candidate
/// (or the same one later) can help. Fallback reads `retryable`, never `message`.
#[derive(Debug, Clone)]
pub struct ProviderError {
    pub kind: ErrorKind,
    pub origin: Origin,
    pub retryable: bool,
    /// The provider's configured name.
    pub provider: String,
    /// The upstream's HTTP status, when there was one.
    pub status: Option<u16>,
    /// The upstream's `Retry-After`, when it sent one.
    pub retry_after: Option<Duration>,
    /// Human-readable detail; never contains prompt text or credentials.
    pub message: String,
}

impl ProviderError {
    pub fn new(kind: ErrorKind, provider: impl Into<String>, message: impl Into<String>) -> Self {
        let (origin, retryable) = match kind {
            ErrorKind::Connect
            | ErrorKind::FirstByteTimeout
            | ErrorKind::IdleTimeout
            | ErrorKind::RateLimited
            | ErrorKind::Server
            | ErrorKind::StreamError
            | ErrorKind::StreamCut
            | ErrorKind::Unavailable
            | ErrorKind::Overloaded => (Origin::Upstream, true),
            // The deadline is spent for every candidate; a bad key or an undecodable answer is
            // a configuration matter — the next candidate may well succeed, so they stay
            // retryable below, but the request's own mistakes never are.
            ErrorKind::TotalTimeout => (Origin::Upstream, false),
            ErrorKind::Auth | ErrorKind::Decode => (Origin::Upstream, true),
            ErrorKind::InvalidRequest => (Origin::Client, false),
            ErrorKind::Internal => (Origin::Internal, false),
        };
        Self {
            kind,
            origin,
            retryable,
            provider: provider.into(),
            status: None,
            retry_after: None,
            message: message.into(),
        }
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }

    /// Classifies an upstream HTTP error status.
    pub fn from_status(
        provider: &str,
        status: u16,
        retry_after: Option<Duration>,
        detail: &str,
    ) -> Self {
        let kind = match status {
            429 => ErrorKind::RateLimited,
            401 | 403 => ErrorKind::Auth,
            408 => ErrorKind::FirstByteTimeout,
            // A 404 for a configured model or base URL is the operator's misconfiguration, not
            // the client's mistake: another candidate may well serve the request.
            404 => ErrorKind::Server,
            400..=499 => ErrorKind::InvalidRequest,
            // "Unavailable" and "overloaded" say the upstream is down for now, not broken.
            503 | 529 => ErrorKind::Unavailable,
            _ => ErrorKind::Server,
        };
        let message = if detail.is_empty() {
            format!("upstream answered HTTP {status}")
        } else {
            format!("upstream answered HTTP {status}: {detail}")
        };
        Self::new(kind, provider, message)
            .with_status(status)
            .with_retry_after(retry_after)
    }
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "provider `{}`: {}", self.provider, self.message)
    }
}

impl std::error::Error for ProviderError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_classification() {
        let e = ProviderError::from_status("p", 429, Some(Duration::from_secs(2)), "slow down");
        assert_eq!(e.kind, ErrorKind::RateLimited);
        assert!(e.retryable);
        assert_eq!(e.retry_after, Some(Duration::from_secs(2)));
        let e = ProviderError::from_status("p", 400, None, "bad tool schema");
        assert_eq!(e.origin, Origin::Client);
        assert!(!e.retryable);
        let e = ProviderError::from_status("p", 500, None, "");
        assert_eq!(e.kind, ErrorKind::Server);
        assert!(e.retryable);
        // 503 and 529 say "down for now", which the client hears as 503, not 502.
        let e = ProviderError::from_status("p", 503, None, "");
        assert_eq!(e.kind, ErrorKind::Unavailable);
        assert!(e.retryable);
        assert_eq!(e.to_string(), "provider `p`: upstream answered HTTP 503");
        let e = ProviderError::from_status("p", 529, None, "overloaded");
        assert_eq!(e.kind, ErrorKind::Unavailable);
    }
}
