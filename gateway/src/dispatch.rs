//! The dispatch phase: try the candidates in order until one answers. A retryable failure —
//! connect error, timeout, 429, 5xx, a stream whose first item is an error — moves on (after
//! the provider's own retries, honouring `Retry-After`); a failure that is the client's fault
//! stops at once. A stream counts as answered once its first chunk arrived: from then on nothing
//! is retried, because bytes may already be on their way to the client.

use std::time::Duration;

use futures::StreamExt;
use policies::Tier;
use providers::breaker::Outcome;
use providers::{CallCx, ChatRequest, ChatResponse, ChatStream, ErrorKind, Origin, ProviderError};
use tokio::time::Instant;

use crate::backend::ProviderHandle;
use crate::error::{ApiError, Skipped, UpstreamFailure};
use crate::routing::Candidate;

/// Who answered, for the response headers and the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// Index into the configuration's models.
    pub index: usize,
    pub tier: Tier,
    pub provider: String,
    pub model: String,
    pub upstream_model: String,
    pub attempts: u32,
}

fn outcome(e: &ProviderError) -> Outcome {
    match e.origin {
        Origin::Client => Outcome::Neutral,
        Origin::Upstream | Origin::Internal => Outcome::Failure,
    }
}

/// How long to wait before retrying the same provider, if at all.
fn retry_wait(
    p: &ProviderHandle,
    e: &ProviderError,
    retry: u32,
    deadline: Instant,
) -> Option<Duration> {
    let backoff = Duration::from_millis(100u64.saturating_mul(1 << retry.min(10)));
    let wait = e.retry_after.unwrap_or(backoff);
    (wait <= p.max_retry_wait && Instant::now() + wait < deadline).then_some(wait)
}

/// Runs `call` over the candidates with fallback. `call` is one attempt against one provider.
async fn run<'a, T, F, Fut>(
    providers: &'a [ProviderHandle],
    candidates: &[Candidate],
    req: &ChatRequest,
    cx: &CallCx,
    mut call: F,
) -> Result<(T, Served), ApiError>
where
    F: FnMut(&'a ProviderHandle, ChatRequest) -> Fut,
    Fut: std::future::Future<Output = Result<T, ProviderError>>,
{
    let deadline = cx
        .deadline
        .unwrap_or_else(|| Instant::now() + Duration::from_secs(600));
    let mut failure = UpstreamFailure::default();
    for cand in candidates {
        let Some(p) = providers.get(cand.provider) else {
            return Err(ApiError::Internal(format!(
                "candidate `{}` names no provider",
                cand.model
            )));
        };
        let mut retry = 0;
        loop {
            if let Err(reason) = p.breaker.try_acquire() {
                failure.skipped.push(Skipped {
                    provider: p.name.clone(),
                    reason,
                });
                break;
            }
            failure.attempts += 1;
            let mut attempt = req.clone();
            attempt.model.clone_from(&cand.upstream);
            match call(p, attempt).await {
                Ok(v) => {
                    p.breaker.record(Outcome::Success);
                    let served = Served {
                        index: cand.index,
                        tier: cand.tier,
                        provider: p.name.clone(),
                        model: cand.model.clone(),
                        upstream_model: cand.upstream.clone(),
                        attempts: failure.attempts,
                    };
                    return Ok((v, served));
                }
                Err(e) => {
                    p.breaker.record(outcome(&e));
                    tracing::info!(
                        provider = %p.name,
                        kind = e.kind.metric_label(),
                        retryable = e.retryable,
                        "attempt failed: {}", e.message
                    );
                    if !e.retryable {
                        return Err(match e.origin {
                            Origin::Client => ApiError::UpstreamRejected(e),
                            Origin::Upstream | Origin::Internal => {
                                failure.errors.push(e);
                                ApiError::Upstream(failure)
                            }
                        });
                    }
                    let wait = (retry < p.retries)
                        .then(|| retry_wait(p, &e, retry, deadline))
                        .flatten();
                    if let (None, Some(ra)) = (wait, e.retry_after) {
                        // Not waiting for it here: keep other requests off it for as long.
                        p.breaker.hold(ra);
                    }
                    failure.errors.push(e);
                    match wait {
                        Some(w) => {
                            retry += 1;
                            tokio::time::sleep(w).await;
                        }
                        None => break,
                    }
                }
            }
            if Instant::now() >= deadline {
                return Err(ApiError::Upstream(failure));
            }
        }
    }
    Err(ApiError::Upstream(failure))
}

pub async fn chat(
    providers: &[ProviderHandle],
    candidates: &[Candidate],
    req: &ChatRequest,
    cx: &CallCx,
) -> Result<(ChatResponse, Served), ApiError> {
    run(providers, candidates, req, cx, |p, attempt| async move {
        p.backend.chat(&attempt, cx).await
    })
    .await
}

/// Opens a stream and waits for its first chunk before calling the attempt a success, so that an
/// upstream that fails at once still falls back. The returned stream starts with that chunk.
pub async fn chat_stream(
    providers: &[ProviderHandle],
    candidates: &[Candidate],
    req: &ChatRequest,
    cx: &CallCx,
) -> Result<(ChatStream, Served), ApiError> {
    run(providers, candidates, req, cx, |p, attempt| async move {
        let mut stream = p.backend.chat_stream(&attempt, cx).await?;
        match stream.next().await {
            Some(Ok(first)) => {
                let s: ChatStream = Box::pin(futures::stream::iter([Ok(first)]).chain(stream));
                Ok(s)
            }
            Some(Err(e)) => Err(e),
            None => Err(ProviderError::new(
                ErrorKind::StreamCut,
                p.name.clone(),
                "the stream ended before its first chunk",
            )),
        }
    })
    .await
}
