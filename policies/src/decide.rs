//! `decide`: signals in, decision out. First matching rule wins; `redact` is the one action that
//! does not end the evaluation. The privacy ceiling is applied last, to whatever the rules chose,
//! so no rule can send a prompt where it may not go.

use crate::compile::{Action, Policy, Rule, Target, When};
use crate::tier::{Sensitivity, Tier};

/// The alias under which clients let the policy choose.
pub const AUTO: &str = "strata/auto";

/// Finding kinds a [`Signals`] can carry.
pub const MAX_FINDING_KINDS: usize = 32;

/// What the client asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// `strata/auto`: the policy chooses.
    Auto,
    /// `strata/edge`, `strata/community` or `strata/cloud`.
    Tier(Tier),
    /// A configured model (index into the topology's models).
    Model(usize),
}

/// Everything a decision depends on. The gateway fills it from the classifier's assessment,
/// the tenant, its budget and the providers' health.
#[derive(Debug, Clone)]
pub struct Signals<'a> {
    /// P(the prompt needs more than the edge).
    pub p_community_or_cloud: f32,
    /// P(the prompt needs the cloud).
    pub p_cloud: f32,
    /// P(the prompt is private).
    pub privacy: f32,
    /// The privacy score of the prompt with its findings replaced by placeholders; `None` when
    /// there is nothing to redact. It decides whether redaction makes a private prompt
    /// shareable.
    pub privacy_redacted: Option<f32>,
    /// Highest confidence per finding kind (indexed like the topology's `finding_kinds`);
    /// 0 where there is none.
    pub findings: [f32; MAX_FINDING_KINDS],
    /// Estimated input tokens.
    pub tokens: u32,
    pub requested: Requested,
    /// Index into the topology's tenants; `None` for an anonymous request.
    pub tenant: Option<usize>,
    /// Dollars left in the tenant's budget; `None` when it has no budget.
    pub budget_remaining: Option<f64>,
    /// Whether each provider (indexed like the topology's providers) can take requests.
    pub provider_up: &'a [bool],
}

impl Signals<'_> {
    /// Signals of an empty, public, easy prompt for `strata/auto`, with every provider up.
    pub fn new(provider_up: &[bool]) -> Signals<'_> {
        Signals {
            p_community_or_cloud: 0.0,
            p_cloud: 0.0,
            privacy: 0.0,
            privacy_redacted: None,
            findings: [0.0; MAX_FINDING_KINDS],
            tokens: 0,
            requested: Requested::Auto,
            tenant: None,
            budget_remaining: None,
            provider_up,
        }
    }
}

/// Which rule decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRef {
    /// One of the tenant's own rules.
    Tenant { tenant: usize, index: usize },
    /// One of the gateway's rules (the operator's, then the defaults).
    Gateway(usize),
    /// No rule ended the evaluation: the chain of the model the client asked for.
    Requested,
    /// The client asked for a tier or a model, which its tenant may not.
    Controls,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Try the candidates in order. An empty list means nothing allowed to see the prompt is
    /// configured: the client gets a 503 that says so.
    Route,
    /// A `deny` rule fired.
    Deny(String),
    /// The request asked for something its tenant may not choose.
    Forbidden(String),
}

/// A routing decision. Pure data: [`Policy::explain`] turns it into words.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub rule: RuleRef,
    /// The `redact` rule that fired before `rule`, if any.
    pub redact_rule: Option<RuleRef>,
    pub outcome: Outcome,
    /// Replace the findings with placeholders before sending (and restore them in the answer):
    /// set when a `redact` rule fired and redaction made the prompt shareable.
    pub redact: bool,
    /// Whether the prompt as written is private.
    pub private: bool,
    /// How sensitive what leaves the gateway is; every candidate's ceiling admits it.
    pub sent: Sensitivity,
    /// The tier the difficulty scores call for.
    pub difficulty: Tier,
    /// Models to try, in order (indices into the topology's models).
    pub candidates: Vec<usize>,
    /// Models the rule named but the ceiling ruled out.
    pub excluded: Vec<usize>,
}

/// `x ≥ t`, where an unknown (NaN) score counts as reaching the threshold: for privacy, unsure
/// means private.
fn at_least(x: f32, t: f32) -> bool {
    x >= t || x.is_nan()
}

/// Evaluation state that rules can change (only `redact` does).
#[derive(Debug, Clone, Copy)]
struct State {
    /// Private as written.
    written: bool,
    /// Private now (a redaction can clear it).
    private: bool,
    sent: Sensitivity,
    redact_rule: Option<RuleRef>,
}

impl Policy {
    /// The tier the difficulty scores call for: the edge cut first, then the cloud cut. An
    /// unknown (NaN) score counts as past its cut: unsure means the more capable tier.
    pub fn difficulty_tier(&self, p_community_or_cloud: f32, p_cloud: f32) -> Tier {
        if !at_least(p_community_or_cloud, self.community_threshold) {
            Tier::Edge
        } else if at_least(p_cloud, self.cloud_threshold) {
            Tier::Cloud
        } else {
            Tier::Community
        }
    }

    /// Kinds (as a bit mask) with a finding at or above the confidence threshold.
    pub(crate) fn finding_mask(&self, s: &Signals<'_>) -> u32 {
        let kinds = self.topology.finding_kinds.len().min(MAX_FINDING_KINDS);
        let mut mask = 0u32;
        for (k, &c) in s.findings.iter().enumerate().take(kinds) {
            // A NaN confidence counts as a finding: unsure means private.
            if c != 0.0 && at_least(c, self.finding_confidence) {
                mask |= 1 << k;
            }
        }
        mask
    }

    /// Whether the prompt as written is private: a finding, or a privacy score at or above the
    /// threshold (a NaN score counts as private).
    pub fn is_private(&self, s: &Signals<'_>) -> bool {
        self.finding_mask(s) != 0 || at_least(s.privacy, self.private_threshold)
    }

    /// The tenant's index when it has its own policy (the last entry is the anonymous one).
    fn known_tenant(&self, tenant: Option<usize>) -> Option<usize> {
        tenant.filter(|&t| t < self.tenants.len().saturating_sub(1))
    }

    /// The decision for one request. Deterministic, allocation-light, never panics.
    pub fn decide(&self, s: &Signals<'_>) -> Decision {
        let difficulty = self.difficulty_tier(s.p_community_or_cloud, s.p_cloud);
        let mask = self.finding_mask(s);
        let private = self.is_private(s);
        let mut state = State {
            written: private,
            private,
            sent: if private {
                Sensitivity::Private
            } else {
                Sensitivity::Public
            },
            redact_rule: None,
        };
        let known = self.known_tenant(s.tenant);
        let anonymous = self.tenants.len().saturating_sub(1);
        let Some(tenant) = self.tenants.get(known.unwrap_or(anonymous)) else {
            return self.finish(
                RuleRef::Requested,
                state,
                difficulty,
                mask,
                Outcome::Route,
                &[],
            );
        };
        let forbidden = match s.requested {
            Requested::Tier(t) if !tenant.allow_tier_requests => Some(format!(
                "this gateway does not let clients choose a tier; use `{AUTO}` instead of `{}`",
                t.alias()
            )),
            Requested::Model(_) if !tenant.allow_model_requests => Some(format!(
                "this gateway does not let clients choose a model; use `{AUTO}`"
            )),
            _ => None,
        };
        if let Some(message) = forbidden {
            return self.finish(
                RuleRef::Controls,
                state,
                difficulty,
                mask,
                Outcome::Forbidden(message),
                &[],
            );
        }

        let tenant_rules = tenant.rules.iter().enumerate().map(|(i, r)| {
            (
                RuleRef::Tenant {
                    tenant: known.unwrap_or(anonymous),
                    index: i,
                },
                r,
            )
        });
        let gateway = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (RuleRef::Gateway(i), r));
        let prelude = self.prelude.min(self.rules.len());
        let ordered = gateway
            .clone()
            .take(prelude)
            .chain(tenant_rules)
            .chain(gateway.skip(prelude));
        for (at, rule) in ordered {
            if !self.matches(&rule.when, s, state.private, difficulty, mask) {
                continue;
            }
            match &rule.action {
                Action::Redact => {
                    if state.redact_rule.is_none() {
                        state.redact_rule = Some(at);
                        let cleared = mask != 0
                            && s.privacy_redacted
                                .is_some_and(|p| p < self.private_threshold);
                        if cleared && state.private {
                            state.private = false;
                            state.sent = Sensitivity::Redacted;
                        }
                    }
                }
                Action::Route(models) => {
                    return self.finish(at, state, difficulty, mask, Outcome::Route, models);
                }
                Action::KeepLocal => {
                    let edge = self.topology.tier_chain(Tier::Edge);
                    return self.finish(at, state, difficulty, mask, Outcome::Route, edge);
                }
                Action::Deny(message) => {
                    return self.finish(
                        at,
                        state,
                        difficulty,
                        mask,
                        Outcome::Deny(message.clone()),
                        &[],
                    );
                }
            }
        }
        let chain: &[usize] = match s.requested {
            Requested::Auto => &self.topology.auto,
            Requested::Tier(t) => self.topology.tier_chain(t),
            Requested::Model(m) => {
                let mut chain = vec![m];
                if let Some(info) = self.topology.models.get(m) {
                    chain.extend(info.fallbacks.iter().copied().filter(|&f| f != m));
                }
                return self.finish(
                    RuleRef::Requested,
                    state,
                    difficulty,
                    mask,
                    Outcome::Route,
                    &chain,
                );
            }
        };
        self.finish(
            RuleRef::Requested,
            state,
            difficulty,
            mask,
            Outcome::Route,
            chain,
        )
    }

    /// Applies the ceiling: what the rule chose, minus every model that may not see what would
    /// be sent.
    fn finish(
        &self,
        rule: RuleRef,
        state: State,
        difficulty: Tier,
        mask: u32,
        outcome: Outcome,
        chosen: &[usize],
    ) -> Decision {
        let mut candidates = Vec::with_capacity(chosen.len());
        let mut excluded = Vec::new();
        for &m in chosen {
            match self.topology.models.get(m) {
                Some(info) if state.sent <= info.ceiling && !candidates.contains(&m) => {
                    candidates.push(m);
                }
                Some(info) if state.sent <= info.ceiling => {}
                Some(_) if !excluded.contains(&m) => excluded.push(m),
                Some(_) => {}
                None => {}
            }
        }
        Decision {
            rule,
            redact_rule: state.redact_rule,
            outcome,
            // Only a redaction that cleared the prompt is applied: otherwise every candidate may see
            // the original values anyway, and placeholders would only make its answer worse.
            redact: state.redact_rule.is_some() && mask != 0 && state.sent == Sensitivity::Redacted,
            private: state.written,
            sent: state.sent,
            difficulty,
            candidates,
            excluded,
        }
    }

    pub(crate) fn rule(&self, r: RuleRef) -> Option<&Rule> {
        match r {
            RuleRef::Tenant { tenant, index } => self.tenants.get(tenant)?.rules.get(index),
            RuleRef::Gateway(i) => self.rules.get(i),
            RuleRef::Requested | RuleRef::Controls => None,
        }
    }

    fn up(&self, s: &Signals<'_>, target: Target) -> bool {
        let provider_up = |p: usize| s.provider_up.get(p).copied().unwrap_or(false);
        match target {
            Target::Provider(p) => provider_up(p),
            Target::Model(m) => self
                .topology
                .models
                .get(m)
                .is_some_and(|info| provider_up(info.provider)),
            Target::Tier(t) => self.topology.tier_chain(t).iter().any(|&m| {
                self.topology
                    .models
                    .get(m)
                    .is_some_and(|i| provider_up(i.provider))
            }),
        }
    }

    pub(crate) fn matches(
        &self,
        w: &When,
        s: &Signals<'_>,
        private: bool,
        difficulty: Tier,
        mask: u32,
    ) -> bool {
        w.private.is_none_or(|p| p == private)
            && w.findings.is_none_or(|m| m & mask != 0)
            && w.privacy_at_least.is_none_or(|t| at_least(s.privacy, t))
            && w.privacy_below.is_none_or(|t| s.privacy < t)
            && w.difficulty
                .is_none_or(|m| m & (1 << difficulty as u8) != 0)
            && w.p_community_at_least
                .is_none_or(|t| s.p_community_or_cloud >= t)
            && w.p_cloud_at_least.is_none_or(|t| s.p_cloud >= t)
            && w.tokens_at_least.is_none_or(|t| u64::from(s.tokens) >= t)
            && w.tokens_below.is_none_or(|t| u64::from(s.tokens) < t)
            && w.model
                .as_ref()
                .is_none_or(|list| list.contains(&s.requested))
            && w.tenant
                .as_ref()
                .is_none_or(|list| s.tenant.is_some_and(|t| list.contains(&t)))
            && w.budget_exhausted
                .is_none_or(|want| want == s.budget_remaining.is_some_and(|r| r <= 0.0))
            && w.budget_below
                .is_none_or(|b| s.budget_remaining.is_some_and(|r| r < b))
            && w.healthy.iter().all(|&t| self.up(s, t))
            && w.unhealthy.iter().all(|&t| !self.up(s, t))
    }
}
