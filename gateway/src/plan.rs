//! The phases between parsing and dispatch — authenticate → classify → decide — and the record
//! phase after it. They turn a canonical request into the candidates the policy allows, redact
//! it when the policy says so, and leave the decision in response headers and the trace.

use std::sync::Arc;

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::Response;
use classifiers::{Assessment, FindingKind, PromptMessage};
use policies::{Decision, MAX_FINDING_KINDS, Outcome, Sensitivity, Signals};
use providers::types::{Role, Usage};
use providers::{ChatRequest, ChatStream};

use crate::dispatch::Served;
use crate::error::ApiError;
use crate::privacy::{self, Table};
use crate::routing::Candidate;
use crate::state::AppState;

/// Prompts longer than this are classified on the blocking pool rather than on the reactor.
const INLINE_CLASSIFY_BYTES: usize = 16 * 1024;

/// The decision as response headers: `x-strata-rule`, `x-strata-difficulty`,
/// `x-strata-privacy`. They carry scores and finding kinds, never prompt text or values.
#[derive(Debug, Clone)]
pub struct DecisionHeaders(Vec<(HeaderName, HeaderValue)>);

impl DecisionHeaders {
    pub fn apply(&self, resp: &mut Response) {
        for (k, v) in &self.0 {
            resp.headers_mut().insert(k.clone(), v.clone());
        }
    }
}

/// What dispatch needs from the earlier phases.
#[derive(Debug)]
pub struct Plan {
    pub tenant: Option<usize>,
    pub headers: DecisionHeaders,
    pub candidates: Vec<Candidate>,
    /// Set when the request was redacted: how to put the originals back.
    pub restore: Option<Table>,
    /// Why tiers beyond the candidates were not tried, for a 503's message.
    pub note: Option<String>,
}

/// A request the phases refused, with the decision's headers when there was one.
#[derive(Debug)]
pub struct Rejected {
    pub error: ApiError,
    pub headers: Option<DecisionHeaders>,
}

impl From<ApiError> for Rejected {
    fn from(error: ApiError) -> Self {
        Rejected {
            error,
            headers: None,
        }
    }
}

fn role(r: Role) -> &'static str {
    match r {
        Role::System => "system",
        Role::Developer => "developer",
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::Tool => "tool",
        Role::Function => "function",
    }
}

/// The text the classifier reads (system, developer, user and tool turns).
pub fn prompt_text(req: &ChatRequest) -> String {
    let texts: Vec<(Role, String)> = req
        .messages
        .iter()
        .filter_map(|m| m.content.as_ref().map(|c| (m.role, c.text())))
        .collect();
    let messages: Vec<PromptMessage<'_>> = texts
        .iter()
        .map(|(r, t)| PromptMessage::new(role(*r), t.as_str()))
        .collect();
    classifiers::features::prompt_text(&messages)
}

/// The tenant a request's key belongs to. With no tenants configured the gateway is open.
fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<usize>, ApiError> {
    if state.config.tenants.is_empty() {
        return Ok(None);
    }
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        });
    let key = bearer.or_else(|| headers.get("x-api-key").and_then(|v| v.to_str().ok()));
    match key.map(str::trim) {
        None | Some("") => Err(ApiError::Unauthorized(
            "this gateway needs an API key: send `Authorization: Bearer KEY` or `x-api-key: KEY`"
                .into(),
        )),
        Some(k) => state.tenant_keys.get(k).copied().map(Some).ok_or_else(|| {
            ApiError::Unauthorized("the API key is not valid for this gateway".into())
        }),
    }
}

async fn classify(state: &AppState, text: String) -> Result<Assessment, ApiError> {
    let run = |c: &classifiers::Classifier, t: &str| {
        c.classify_text(t)
            .map_err(|e| ApiError::Internal(format!("the prompt classifier failed: {e}")))
    };
    if text.len() <= INLINE_CLASSIFY_BYTES {
        return run(&state.classifier, &text);
    }
    let classifier = Arc::clone(&state.classifier);
    tokio::task::spawn_blocking(move || run(&classifier, &text))
        .await
        .map_err(|e| ApiError::Internal(format!("the prompt classifier stopped: {e}")))?
}

fn header(name: &'static str, value: &str) -> Option<(HeaderName, HeaderValue)> {
    Some((
        HeaderName::from_static(name),
        HeaderValue::from_str(value).ok()?,
    ))
}

fn decision_headers(
    state: &AppState,
    d: &Decision,
    s: &Signals<'_>,
    kinds: &[&'static str],
) -> DecisionHeaders {
    let policy = &state.config.policy;
    let difficulty = format!(
        "{}; p_community={:.3}; p_cloud={:.3}",
        d.difficulty, s.p_community_or_cloud, s.p_cloud
    );
    let findings = if kinds.is_empty() {
        "none".to_owned()
    } else {
        kinds.join(",")
    };
    let privacy = format!(
        "{}; score={:.3}; findings={findings}; sent={}",
        if d.private { "private" } else { "public" },
        s.privacy,
        d.sent
    );
    DecisionHeaders(
        [
            header("x-strata-rule", policy.rule_name(d.rule)),
            header("x-strata-difficulty", &difficulty),
            header("x-strata-privacy", &privacy),
        ]
        .into_iter()
        .flatten()
        .collect(),
    )
}

/// The findings as the policy sees them.
#[derive(Debug, Clone)]
pub struct FindingSignals {
    /// Highest confidence per kind, indexed like `FindingKind::ALL`.
    pub max: [f32; MAX_FINDING_KINDS],
    /// Kinds at or above the policy's confidence threshold, in order of appearance.
    pub kinds: Vec<&'static str>,
    /// The findings at or above that threshold: the ones that count and get redacted.
    pub counted: Vec<classifiers::Finding>,
}

impl FindingSignals {
    pub fn new(policy: &policies::Policy, a: &Assessment) -> FindingSignals {
        let mut max = [0.0f32; MAX_FINDING_KINDS];
        for f in &a.findings {
            if let Some(k) = FindingKind::ALL.iter().position(|&k| k == f.kind)
                && k < MAX_FINDING_KINDS
            {
                max[k] = max[k].max(f.confidence);
            }
        }
        let counted: Vec<classifiers::Finding> = a
            .findings
            .iter()
            .filter(|f| f.confidence >= policy.finding_confidence())
            .cloned()
            .collect();
        let mut kinds: Vec<&'static str> = Vec::new();
        for f in &counted {
            if !kinds.contains(&f.kind.as_str()) {
                kinds.push(f.kind.as_str());
            }
        }
        FindingSignals {
            max,
            kinds,
            counted,
        }
    }
}

/// The redaction of `text` and its privacy score, when a rule could use them: there is
/// something to redact, all of it can be (`FindingKind::redactable`), and the policy has a
/// `redact` rule.
pub fn redact_and_score(
    classifier: &classifiers::Classifier,
    policy: &policies::Policy,
    text: &str,
    found: &FindingSignals,
) -> Result<(Option<classifiers::redact::Redaction>, Option<f32>), ApiError> {
    // A confidentiality marking cannot be redacted away: such a prompt stays private.
    if found.counted.is_empty()
        || !policy.has_redact_rule()
        || found.counted.iter().any(|f| !f.kind.redactable())
    {
        return Ok((None, None));
    }
    let redaction = classifiers::redact::redact(text, &found.counted);
    let score = classifier
        .scores(&redaction.text)
        .map_err(|e| ApiError::Internal(format!("the prompt classifier failed: {e}")))?
        .p_private;
    Ok((Some(redaction), Some(score)))
}

/// authenticate → classify → decide, and the redaction the decision asks for.
pub async fn plan(
    state: &AppState,
    headers: &HeaderMap,
    req: &mut ChatRequest,
) -> Result<Plan, Rejected> {
    let tenant = authenticate(state, headers)?;
    let requested = state.routes.requested(&req.model)?;
    let policy = &state.config.policy;

    let text = prompt_text(req);
    let assessment = classify(state, text.clone()).await?;

    let found = FindingSignals::new(policy, &assessment);
    let (redaction, privacy_redacted) = redact_and_score(&state.classifier, policy, &text, &found)?;
    let kinds = found.kinds.clone();
    let findings = found.max;

    let provider_up: Vec<bool> = state.providers.iter().map(|p| p.is_ready()).collect();
    let signals = Signals {
        p_community_or_cloud: assessment.p_community_or_cloud,
        p_cloud: assessment.p_cloud,
        privacy: assessment.privacy,
        privacy_redacted,
        findings,
        tokens: assessment.tokens,
        requested,
        tenant,
        budget_remaining: state.budgets.remaining(tenant),
        provider_up: &provider_up,
    };
    let d = policy.decide(&signals);
    let dh = decision_headers(state, &d, &signals, &kinds);
    let rule = policy.rule_name(d.rule);
    tracing::info!(
        rule,
        difficulty = d.difficulty.as_str(),
        private = d.private,
        sent = d.sent.as_str(),
        findings = kinds.join(","),
        tokens = assessment.tokens,
        candidates = d.candidates.len(),
        "decided"
    );
    let reject = |error: ApiError| Rejected {
        error,
        headers: Some(dh.clone()),
    };
    match &d.outcome {
        Outcome::Route => {}
        Outcome::Deny(message) | Outcome::Forbidden(message) => {
            return Err(reject(ApiError::Forbidden {
                rule: rule.to_owned(),
                message: message.clone(),
            }));
        }
    }
    let why_private = if kinds.is_empty() {
        format!("its privacy score is {:.3}", assessment.privacy)
    } else {
        format!("it contains {}", kinds.join(", "))
    };
    if d.candidates.is_empty() {
        if d.sent == Sensitivity::Public && d.excluded.is_empty() {
            return Err(reject(state.routes.no_provider(&req.model)));
        }
        // Every model that may not see what would be sent, whether or not the rule named it.
        let excluded: Vec<String> = state
            .config
            .models
            .iter()
            .filter(|m| m.ceiling < d.sent)
            .map(|m| format!("{} ({}, ceiling {})", m.name, m.tier, m.ceiling))
            .collect();
        let mut message = format!(
            "the prompt is private ({why_private}) and no configured model that may see it is available (rule `{rule}`)"
        );
        if !excluded.is_empty() {
            message.push_str(&format!("; not allowed to see it: {}", excluded.join(", ")));
        }
        return Err(reject(ApiError::NoAllowedTier(message)));
    }
    let note = (d.sent != Sensitivity::Public).then(|| {
        format!(
            "the prompt is private ({why_private}), so only models allowed to see it were tried (rule `{rule}`)"
        )
    });

    let restore = match redaction {
        Some(r) if d.redact && !r.replacements.is_empty() => {
            privacy::redact_request(req, &r.replacements);
            Some(Arc::new(r.replacements))
        }
        _ => None,
    };
    Ok(Plan {
        tenant,
        headers: dh,
        candidates: state.routes.candidates(&d.candidates),
        restore,
        note,
    })
}

/// The record phase: charges the tenant for what the answer used.
pub fn record(state: &AppState, tenant: Option<usize>, served: &Served, usage: Option<&Usage>) {
    let (Some(t), Some(u)) = (tenant, usage) else {
        return;
    };
    if let Some(model) = state.config.models.get(served.index) {
        state.budgets.charge(
            Some(t),
            model.price.cost(u.prompt_tokens, u.completion_tokens),
        );
    }
}

/// Wraps an answer stream: restores redacted values and charges the tenant once the usage
/// arrives (or the stream ends without it).
pub fn finish_stream(
    state: Arc<AppState>,
    plan: &Plan,
    served: &Served,
    stream: ChatStream,
) -> ChatStream {
    let stream = match &plan.restore {
        Some(table) => privacy::restore_stream(stream, Arc::clone(table)),
        None => stream,
    };
    let Some(tenant) = plan.tenant else {
        return stream;
    };
    let served = served.clone();
    use futures::StreamExt;
    Box::pin(stream.inspect(move |item| {
        if let Ok(chunk) = item
            && let Some(usage) = &chunk.usage
        {
            record(&state, Some(tenant), &served, Some(usage));
        }
    }))
}
