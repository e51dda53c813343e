//! From the policy as written ([`crate::raw`]) and the gateway's topology (its models, providers,
//! tenants and ceilings) to a [`Policy`] whose rules hold indices rather than names, so deciding
//! costs no lookups and no allocation beyond the candidate list.

use std::fmt;
use std::ops::Range;

use toml::Spanned;

use crate::decide::{MAX_FINDING_KINDS, Requested};
use crate::raw::{RawAction, RawPolicy, RawRule, RawRuleSet, RawTenantPolicy, RawWhen};
use crate::tier::{Sensitivity, Tier};

/// A model the gateway can route to, as the policy sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    pub name: String,
    pub tier: Tier,
    /// Index into [`Topology::providers`].
    pub provider: usize,
    /// The most sensitive prompt this model may receive (its provider's or its tier's ceiling).
    pub ceiling: Sensitivity,
    /// The model's own fallbacks (indices into [`Topology::models`]), for requests naming it.
    pub fallbacks: Vec<usize>,
}

/// What the gateway is made of, as far as the policy is concerned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Topology {
    /// Provider names.
    pub providers: Vec<String>,
    pub models: Vec<ModelInfo>,
    /// Each tier's chain (indices into `models`), indexed by `Tier as usize`.
    pub tiers: [Vec<usize>; 3],
    /// The chain of `strata/auto` when no rule fires.
    pub auto: Vec<usize>,
    /// Tenant names; [`crate::Signals::tenant`] indexes this.
    pub tenants: Vec<String>,
    /// Finding kind names; [`crate::Signals::findings`] is indexed the same way.
    pub finding_kinds: Vec<&'static str>,
}

impl Topology {
    pub fn tier_chain(&self, tier: Tier) -> &[usize] {
        &self.tiers[tier as usize]
    }
}

/// Where a rule may send a prompt, or what a health condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tier(Tier),
    Model(usize),
    Provider(usize),
}

/// A policy that failed validation: which field, where in the text (when known), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// Dotted path, e.g. `policy.rules[2].when.difficulty[0]`.
    pub field: String,
    /// Byte range in the configuration text, when the value came from it.
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for PolicyError {}

#[derive(Debug, Clone, Default)]
pub(crate) struct When {
    pub private: Option<bool>,
    /// Bit `k` set: a finding of kind `k` matches.
    pub findings: Option<u32>,
    pub privacy_at_least: Option<f32>,
    pub privacy_below: Option<f32>,
    /// Bit `tier as usize` set: that difficulty tier matches.
    pub difficulty: Option<u8>,
    pub p_community_at_least: Option<f32>,
    pub p_cloud_at_least: Option<f32>,
    pub tokens_at_least: Option<u64>,
    pub tokens_below: Option<u64>,
    pub model: Option<Vec<Requested>>,
    pub tenant: Option<Vec<usize>>,
    pub budget_exhausted: Option<bool>,
    pub budget_below: Option<f64>,
    pub healthy: Vec<Target>,
    pub unhealthy: Vec<Target>,
}

#[derive(Debug, Clone)]
pub(crate) enum Action {
    /// The expanded candidate list (indices into the topology's models), before ceilings.
    Route(Vec<usize>),
    Redact,
    KeepLocal,
    Deny(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub name: String,
    pub when: When,
    pub action: Action,
    /// `to` as written, resolved, for explanations.
    pub targets: Vec<Target>,
}

/// Where a list of rules came from, for error paths and explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Gateway,
    Defaults,
    Tenant(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct TenantPolicy {
    pub allow_tier_requests: bool,
    pub allow_model_requests: bool,
    pub rules: Vec<Rule>,
}

/// A validated policy, ready to [`decide`](Policy::decide).
#[derive(Debug, Clone)]
pub struct Policy {
    pub(crate) topology: Topology,
    pub(crate) private_threshold: f32,
    pub(crate) finding_confidence: f32,
    pub(crate) community_threshold: f32,
    pub(crate) cloud_threshold: f32,
    /// The prelude (the `redact-private` rule, with `redact_private = true`), then the
    /// operator's rules, then the default rules (when on).
    pub(crate) rules: Vec<Rule>,
    /// How many of `rules` form the prelude, evaluated before everything else, tenant rules
    /// included.
    pub(crate) prelude: usize,
    /// How many of `rules` the operator wrote (after the prelude); the rest are the defaults.
    pub(crate) own_rules: usize,
    pub(crate) tenants: Vec<TenantPolicy>,
}

impl Policy {
    /// Validates `raw` (and each tenant's part, in the order of `topology.tenants`) against the
    /// topology. Errors name the rule and field.
    pub fn compile(
        raw: &RawPolicy,
        tenants: &[RawTenantPolicy],
        topology: Topology,
    ) -> Result<Policy, PolicyError> {
        if topology.finding_kinds.len() > MAX_FINDING_KINDS {
            return Err(PolicyError {
                field: "policy".into(),
                span: None,
                message: format!("at most {MAX_FINDING_KINDS} finding kinds are supported"),
            });
        }
        let c = Compiler { topo: &topology };
        let private_threshold =
            c.probability(&raw.private_threshold, "policy.private_threshold")?;
        let finding_confidence =
            c.probability(&raw.finding_confidence, "policy.finding_confidence")?;
        let community_threshold =
            c.probability(&raw.community_threshold, "policy.community_threshold")?;
        let cloud_threshold = c.probability(&raw.cloud_threshold, "policy.cloud_threshold")?;

        // Redaction goes first so that every later rule, the tenant's included, sees whether
        // it made the prompt shareable.
        let mut rules = if raw.redact_private {
            c.rules(&embedded(crate::REDACT_RULE)?, Origin::Defaults, &[])?
        } else {
            Vec::new()
        };
        let prelude = rules.len();
        let taken: Vec<String> = rules.iter().map(|r| r.name.clone()).collect();
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        rules.extend(c.rules(&raw.rules, Origin::Gateway, &taken)?);
        let own_rules = rules.len() - prelude;
        if raw.default_rules {
            let taken: Vec<String> = rules.iter().map(|r| r.name.clone()).collect();
            let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
            let compiled = c.rules(&embedded(crate::DEFAULT_RULES)?, Origin::Defaults, &taken)?;
            rules.extend(compiled);
        }

        if tenants.len() != topology.tenants.len() {
            return Err(PolicyError {
                field: "tenants".into(),
                span: None,
                message: format!(
                    "{} tenant policies for {} tenants",
                    tenants.len(),
                    topology.tenants.len()
                ),
            });
        }
        let mut compiled_tenants = Vec::with_capacity(tenants.len());
        for (t, tp) in tenants.iter().enumerate() {
            compiled_tenants.push(TenantPolicy {
                allow_tier_requests: tp.allow_tier_requests.unwrap_or(raw.allow_tier_requests),
                allow_model_requests: tp.allow_model_requests.unwrap_or(raw.allow_model_requests),
                rules: c.rules(&tp.rules, Origin::Tenant(t), &[])?,
            });
        }
        // The gateway-wide switches for requests without a tenant.
        compiled_tenants.push(TenantPolicy {
            allow_tier_requests: raw.allow_tier_requests,
            allow_model_requests: raw.allow_model_requests,
            rules: Vec::new(),
        });

        Ok(Policy {
            topology,
            private_threshold,
            finding_confidence,
            community_threshold,
            cloud_threshold,
            rules,
            prelude,
            own_rules,
            tenants: compiled_tenants,
        })
    }

    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    /// Findings below this confidence neither make a prompt private nor get redacted.
    pub fn finding_confidence(&self) -> f32 {
        self.finding_confidence
    }

    pub fn private_threshold(&self) -> f32 {
        self.private_threshold
    }

    /// Number of rules a request without a tenant goes through (the operator's and the
    /// defaults).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Whether any rule can redact: only then is a redacted prompt worth scoring.
    pub fn has_redact_rule(&self) -> bool {
        self.rules
            .iter()
            .chain(self.tenants.iter().flat_map(|t| &t.rules))
            .any(|r| matches!(r.action, Action::Redact))
    }

    /// The names of the rules, in evaluation order, for a request of `tenant`.
    pub fn rule_names(&self, tenant: Option<usize>) -> Vec<&str> {
        let own = tenant
            .and_then(|t| self.tenants.get(t))
            .map(|t| t.rules.as_slice())
            .unwrap_or_default();
        let (prelude, rest) = self.rules.split_at(self.prelude.min(self.rules.len()));
        prelude
            .iter()
            .chain(own)
            .chain(rest)
            .map(|r| r.name.as_str())
            .collect()
    }
}

fn embedded(text: &str) -> Result<Vec<RawRule>, PolicyError> {
    toml::from_str::<RawRuleSet>(text)
        .map(|s| s.rules)
        .map_err(|e| PolicyError {
            field: "policy (embedded default rules)".into(),
            span: None,
            message: e.message().to_owned(),
        })
}

struct Compiler<'a> {
    topo: &'a Topology,
}

fn err(
    field: impl Into<String>,
    span: Option<Range<usize>>,
    message: impl Into<String>,
) -> PolicyError {
    PolicyError {
        field: field.into(),
        // A zero-width span is a default value with no place in the text.
        span: span.filter(|s| !s.is_empty()),
        message: message.into(),
    }
}

impl Compiler<'_> {
    fn probability(&self, v: &Spanned<f64>, field: &str) -> Result<f32, PolicyError> {
        let x = *v.get_ref();
        if (0.0..=1.0).contains(&x) {
            #[allow(clippy::cast_possible_truncation)]
            Ok(x as f32)
        } else {
            Err(err(
                field,
                Some(v.span()),
                format!("{x} is not a probability in [0, 1]"),
            ))
        }
    }

    fn rules(
        &self,
        raw: &[RawRule],
        origin: Origin,
        taken: &[&str],
    ) -> Result<Vec<Rule>, PolicyError> {
        let prefix = match origin {
            Origin::Gateway => "policy.rules".to_owned(),
            Origin::Defaults => "policy (embedded default rules).rules".to_owned(),
            Origin::Tenant(t) => format!(
                "tenants.{}.rules",
                self.topo.tenants.get(t).map_or("?", String::as_str)
            ),
        };
        let mut out: Vec<Rule> = Vec::with_capacity(raw.len());
        for (i, r) in raw.iter().enumerate() {
            let at = format!("{prefix}[{i}]");
            let name = r.name.get_ref().trim();
            if name.is_empty() || name.len() > 64 || !name.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(err(
                    format!("{at}.name"),
                    Some(r.name.span()),
                    "a rule name must be 1-64 visible ASCII characters, without spaces",
                ));
            }
            if out.iter().any(|o| o.name == name) || taken.contains(&name) {
                return Err(err(
                    format!("{at}.name"),
                    Some(r.name.span()),
                    format!("rule `{name}` is defined twice"),
                ));
            }
            let rule_field = |f: &str| format!("{at}.{f} (rule `{name}`)");
            let when = self.when(&r.when, &rule_field)?;
            let targets =
                r.to.iter()
                    .enumerate()
                    .map(|(j, t)| self.target(t, &rule_field(&format!("to[{j}]"))))
                    .collect::<Result<Vec<_>, _>>()?;
            if r.action != RawAction::Route && !r.to.is_empty() {
                return Err(err(
                    rule_field("to"),
                    r.to.first().map(Spanned::span),
                    "`to` applies to action = \"route\" only",
                ));
            }
            if r.action != RawAction::Deny && r.message.is_some() {
                return Err(err(
                    rule_field("message"),
                    None,
                    "`message` applies to action = \"deny\" only",
                ));
            }
            let action = match r.action {
                RawAction::Route => {
                    if targets.is_empty() {
                        return Err(err(
                            rule_field("to"),
                            Some(r.name.span()),
                            "a route rule needs `to`: tiers, models or providers, in order",
                        ));
                    }
                    Action::Route(self.expand(&targets))
                }
                RawAction::Redact => Action::Redact,
                RawAction::KeepLocal => Action::KeepLocal,
                RawAction::Deny => Action::Deny(
                    r.message
                        .clone()
                        .filter(|m| !m.trim().is_empty())
                        .unwrap_or_else(|| format!("this request is not allowed (rule `{name}`)")),
                ),
            };
            out.push(Rule {
                name: name.to_owned(),
                when,
                action,
                targets,
            });
        }
        Ok(out)
    }

    /// Tier names first, then model names, then provider names.
    fn target(&self, s: &Spanned<String>, field: &str) -> Result<Target, PolicyError> {
        let name = s.get_ref().as_str();
        if let Ok(t) = name.parse::<Tier>() {
            return Ok(Target::Tier(t));
        }
        if let Some(m) = self.topo.models.iter().position(|m| m.name == name) {
            return Ok(Target::Model(m));
        }
        if let Some(p) = self.topo.providers.iter().position(|p| p == name) {
            return Ok(Target::Provider(p));
        }
        Err(err(
            field,
            Some(s.span()),
            format!(
                "`{name}` is neither a tier (edge, community, cloud) nor a configured model or provider"
            ),
        ))
    }

    /// Targets → models, in order, each once.
    fn expand(&self, targets: &[Target]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut push = |m: usize| {
            if !out.contains(&m) {
                out.push(m);
            }
        };
        for t in targets {
            match *t {
                Target::Tier(tier) => self
                    .topo
                    .tier_chain(tier)
                    .iter()
                    .copied()
                    .for_each(&mut push),
                Target::Model(m) => push(m),
                Target::Provider(p) => self
                    .topo
                    .models
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.provider == p)
                    .for_each(|(i, _)| push(i)),
            }
        }
        out
    }

    fn when(&self, w: &RawWhen, field: &dyn Fn(&str) -> String) -> Result<When, PolicyError> {
        let prob = |v: &Option<Spanned<f64>>, f: &str| -> Result<Option<f32>, PolicyError> {
            v.as_ref()
                .map(|v| self.probability(v, &field(&format!("when.{f}"))))
                .transpose()
        };
        let findings = match &w.findings {
            None => None,
            Some(list) => {
                let mut mask = 0u32;
                for (j, k) in list.iter().enumerate() {
                    let name = k.get_ref().as_str();
                    if name == "any" {
                        mask = u32::MAX;
                    } else if let Some(i) = self.topo.finding_kinds.iter().position(|&n| n == name)
                    {
                        mask |= 1 << i;
                    } else {
                        return Err(err(
                            field(&format!("when.findings[{j}]")),
                            Some(k.span()),
                            format!(
                                "unknown finding kind `{name}` (expected any, {})",
                                self.topo.finding_kinds.join(", ")
                            ),
                        ));
                    }
                }
                if list.is_empty() {
                    return Err(err(
                        field("when.findings"),
                        None,
                        "list at least one kind, or `any`",
                    ));
                }
                Some(mask)
            }
        };
        let difficulty = match &w.difficulty {
            None => None,
            Some(list) => {
                let mut mask = 0u8;
                for (j, t) in list.iter().enumerate() {
                    let tier = t.get_ref().parse::<Tier>().map_err(|e| {
                        err(
                            field(&format!("when.difficulty[{j}]")),
                            Some(t.span()),
                            e.to_string(),
                        )
                    })?;
                    mask |= 1 << tier as u8;
                }
                if list.is_empty() {
                    return Err(err(
                        field("when.difficulty"),
                        None,
                        "list at least one tier",
                    ));
                }
                Some(mask)
            }
        };
        let model = match &w.model {
            None => None,
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(j, m)| self.requested(m, &field(&format!("when.model[{j}]"))))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let tenant = match &w.tenant {
            None => None,
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(j, t)| {
                        self.topo
                            .tenants
                            .iter()
                            .position(|n| n == t.get_ref())
                            .ok_or_else(|| {
                                err(
                                    field(&format!("when.tenant[{j}]")),
                                    Some(t.span()),
                                    format!("no tenant named `{}` is configured", t.get_ref()),
                                )
                            })
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let health =
            |list: &Option<Vec<Spanned<String>>>, f: &str| -> Result<Vec<Target>, PolicyError> {
                list.iter()
                    .flatten()
                    .enumerate()
                    .map(
                        |(j, t)| match self.target(t, &field(&format!("when.{f}[{j}]")))? {
                            Target::Model(m) => Ok(Target::Provider(self.topo.models[m].provider)),
                            other => Ok(other),
                        },
                    )
                    .collect()
            };
        if let (Some(a), Some(b)) = (w.tokens_at_least, w.tokens_below)
            && a >= b
        {
            return Err(err(
                field("when.tokens_below"),
                None,
                "tokens_at_least must be smaller than tokens_below, or the rule never matches",
            ));
        }
        let budget_below = match &w.budget_below {
            Some(v) if !(*v.get_ref() >= 0.0 && v.get_ref().is_finite()) => {
                return Err(err(
                    field("when.budget_below"),
                    Some(v.span()),
                    "must be a non-negative number of dollars",
                ));
            }
            other => other.as_ref().map(|v| *v.get_ref()),
        };
        Ok(When {
            private: w.private,
            findings,
            privacy_at_least: prob(&w.privacy_at_least, "privacy_at_least")?,
            privacy_below: prob(&w.privacy_below, "privacy_below")?,
            difficulty,
            p_community_at_least: prob(&w.p_community_at_least, "p_community_at_least")?,
            p_cloud_at_least: prob(&w.p_cloud_at_least, "p_cloud_at_least")?,
            tokens_at_least: w.tokens_at_least,
            tokens_below: w.tokens_below,
            model,
            tenant,
            budget_exhausted: w.budget_exhausted,
            budget_below,
            healthy: health(&w.healthy, "healthy")?,
            unhealthy: health(&w.unhealthy, "unhealthy")?,
        })
    }

    fn requested(&self, s: &Spanned<String>, field: &str) -> Result<Requested, PolicyError> {
        let name = s.get_ref().as_str();
        if name == crate::decide::AUTO {
            return Ok(Requested::Auto);
        }
        if let Some(t) = crate::Tier::ALL.into_iter().find(|t| t.alias() == name) {
            return Ok(Requested::Tier(t));
        }
        if let Some(m) = self.topo.models.iter().position(|m| m.name == name) {
            return Ok(Requested::Model(m));
        }
        Err(err(
            field,
            Some(s.span()),
            format!("`{name}` is neither strata/auto, a tier alias nor a configured model"),
        ))
    }
}
