//! Decisions in words: which rule fired, the conditions that matched with the values that
//! matched them, what would be sent, and where. Used by `strata route --explain`, response
//! headers and traces; it never contains prompt text or finding values.

use std::fmt;

use serde::Serialize;

use crate::compile::{Action, Policy, Target, When};
use crate::decide::{Decision, Outcome, Requested, RuleRef, Signals};
use crate::tier::{Sensitivity, Tier};

/// One condition of the rule that fired, with the value that satisfied it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matched {
    pub condition: &'static str,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifficultyView {
    pub tier: Tier,
    pub p_community_or_cloud: f32,
    pub p_cloud: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrivacyView {
    pub private: bool,
    pub score: f32,
    /// The redacted text's score, when there was something to redact.
    pub score_redacted: Option<f32>,
    /// Kinds of the findings at or above the confidence threshold.
    pub findings: Vec<&'static str>,
    /// What leaves the gateway.
    pub sent: Sensitivity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateView {
    pub model: String,
    pub tier: Tier,
    pub provider: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcludedView {
    pub model: String,
    pub tier: Tier,
    pub ceiling: Sensitivity,
}

/// A decision in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub rule: String,
    /// route, keep_local, deny, forbidden, or requested (no rule: the chain the client asked
    /// for).
    pub action: &'static str,
    pub matched: Vec<Matched>,
    /// The rule's `to`, as written (tiers, models, providers).
    pub to: Vec<String>,
    pub redacted_by: Option<String>,
    pub redact: bool,
    pub difficulty: DifficultyView,
    pub privacy: PrivacyView,
    pub tokens: u32,
    pub candidates: Vec<CandidateView>,
    pub excluded: Vec<ExcludedView>,
    pub message: Option<String>,
}

fn score(x: f32) -> String {
    format!("{x:.3}")
}

impl Policy {
    /// The name that goes in `x-strata-rule`.
    pub fn rule_name(&self, r: RuleRef) -> &str {
        match r {
            RuleRef::Requested => "requested",
            RuleRef::Controls => "request-controls",
            RuleRef::Tenant { .. } | RuleRef::Gateway(_) => {
                self.rule(r).map_or("unknown", |rule| rule.name.as_str())
            }
        }
    }

    /// Whether the rule is one of the embedded defaults.
    pub fn is_default_rule(&self, r: RuleRef) -> bool {
        matches!(r, RuleRef::Gateway(i) if i < self.prelude || i >= self.prelude + self.own_rules)
    }

    fn finding_names(&self, mask: u32) -> Vec<&'static str> {
        self.topology
            .finding_kinds
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, &n)| n)
            .collect()
    }

    fn target_name(&self, t: Target) -> String {
        match t {
            Target::Tier(t) => t.as_str().to_owned(),
            Target::Model(m) => self
                .topology
                .models
                .get(m)
                .map_or_else(String::new, |m| m.name.clone()),
            Target::Provider(p) => self.topology.providers.get(p).cloned().unwrap_or_default(),
        }
    }

    fn requested_name(&self, r: Requested) -> String {
        match r {
            Requested::Auto => crate::decide::AUTO.to_owned(),
            Requested::Tier(t) => t.alias().to_owned(),
            Requested::Model(m) => self
                .topology
                .models
                .get(m)
                .map_or_else(String::new, |m| m.name.clone()),
        }
    }

    fn matched(&self, w: &When, s: &Signals<'_>, d: &Decision, mask: u32) -> Vec<Matched> {
        let mut out = Vec::new();
        let mut put =
            |condition: &'static str, value: String| out.push(Matched { condition, value });
        let private_now = d.sent == Sensitivity::Private;
        if w.private.is_some() {
            let why = if private_now {
                let kinds = self.finding_names(mask);
                if kinds.is_empty() {
                    format!(
                        "true (privacy {} ≥ {})",
                        score(s.privacy),
                        score(self.private_threshold)
                    )
                } else {
                    format!("true (findings: {})", kinds.join(", "))
                }
            } else if d.sent == Sensitivity::Redacted {
                "false (redacted)".to_owned()
            } else {
                format!("false (privacy {}, no findings)", score(s.privacy))
            };
            put("private", why);
        }
        if let Some(m) = w.findings {
            put("findings", self.finding_names(m & mask).join(", "));
        }
        if let Some(t) = w.privacy_at_least {
            put(
                "privacy_at_least",
                format!("{} ≥ {}", score(s.privacy), score(t)),
            );
        }
        if let Some(t) = w.privacy_below {
            put(
                "privacy_below",
                format!("{} < {}", score(s.privacy), score(t)),
            );
        }
        if w.difficulty.is_some() {
            put(
                "difficulty",
                format!(
                    "{} (p_community_or_cloud {}, p_cloud {})",
                    d.difficulty,
                    score(s.p_community_or_cloud),
                    score(s.p_cloud)
                ),
            );
        }
        if let Some(t) = w.p_community_at_least {
            put(
                "p_community_at_least",
                format!("{} ≥ {}", score(s.p_community_or_cloud), score(t)),
            );
        }
        if let Some(t) = w.p_cloud_at_least {
            put(
                "p_cloud_at_least",
                format!("{} ≥ {}", score(s.p_cloud), score(t)),
            );
        }
        if let Some(t) = w.tokens_at_least {
            put("tokens_at_least", format!("{} ≥ {t}", s.tokens));
        }
        if let Some(t) = w.tokens_below {
            put("tokens_below", format!("{} < {t}", s.tokens));
        }
        if w.model.is_some() {
            put("model", self.requested_name(s.requested));
        }
        if w.tenant.is_some() {
            let name = s.tenant.and_then(|t| self.topology.tenants.get(t));
            put("tenant", name.cloned().unwrap_or_default());
        }
        if let Some(b) = w.budget_exhausted {
            let left = s
                .budget_remaining
                .map_or("no budget".to_owned(), |r| format!("${r:.4} left"));
            put("budget_exhausted", format!("{b} ({left})"));
        }
        if let Some(b) = w.budget_below {
            let left = s
                .budget_remaining
                .map_or(String::new(), |r| format!("${r:.4}"));
            put("budget_below", format!("{left} < ${b}"));
        }
        if !w.healthy.is_empty() {
            let names: Vec<String> = w.healthy.iter().map(|&t| self.target_name(t)).collect();
            put("healthy", names.join(", "));
        }
        if !w.unhealthy.is_empty() {
            let names: Vec<String> = w.unhealthy.iter().map(|&t| self.target_name(t)).collect();
            put("unhealthy", names.join(", "));
        }
        out
    }

    /// The decision in words. `s` must be the signals it was made from.
    pub fn explain(&self, d: &Decision, s: &Signals<'_>) -> Explanation {
        let mask = self.finding_mask(s);
        let rule = self.rule(d.rule);
        let action = match (&d.outcome, rule.map(|r| &r.action)) {
            (Outcome::Forbidden(_), _) => "forbidden",
            (Outcome::Deny(_), _) => "deny",
            (Outcome::Route, Some(Action::KeepLocal)) => "keep_local",
            (Outcome::Route, Some(_)) => "route",
            (Outcome::Route, None) => "requested",
        };
        let matched = rule
            .map(|r| self.matched(&r.when, s, d, mask))
            .unwrap_or_default();
        let view = |m: usize| {
            self.topology.models.get(m).map(|info| CandidateView {
                model: info.name.clone(),
                tier: info.tier,
                provider: self
                    .topology
                    .providers
                    .get(info.provider)
                    .cloned()
                    .unwrap_or_default(),
            })
        };
        Explanation {
            rule: self.rule_name(d.rule).to_owned(),
            action,
            matched,
            to: rule
                .map(|r| r.targets.iter().map(|&t| self.target_name(t)).collect())
                .unwrap_or_default(),
            redacted_by: d.redact_rule.map(|r| self.rule_name(r).to_owned()),
            redact: d.redact,
            difficulty: DifficultyView {
                tier: d.difficulty,
                p_community_or_cloud: s.p_community_or_cloud,
                p_cloud: s.p_cloud,
            },
            privacy: PrivacyView {
                private: d.private,
                score: s.privacy,
                score_redacted: s.privacy_redacted,
                findings: self.finding_names(mask),
                sent: d.sent,
            },
            tokens: s.tokens,
            candidates: d.candidates.iter().filter_map(|&m| view(m)).collect(),
            excluded: d
                .excluded
                .iter()
                .filter_map(|&m| {
                    self.topology.models.get(m).map(|info| ExcludedView {
                        model: info.name.clone(),
                        tier: info.tier,
                        ceiling: info.ceiling,
                    })
                })
                .collect(),
            message: match &d.outcome {
                Outcome::Route => None,
                Outcome::Deny(m) | Outcome::Forbidden(m) => Some(m.clone()),
            },
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "difficulty  {} (p_community_or_cloud {}, p_cloud {})",
            self.difficulty.tier,
            score(self.difficulty.p_community_or_cloud),
            score(self.difficulty.p_cloud)
        )?;
        let findings = if self.privacy.findings.is_empty() {
            "none".to_owned()
        } else {
            self.privacy.findings.join(", ")
        };
        writeln!(
            f,
            "privacy     {} (score {}, findings: {findings}); sent as {}",
            if self.privacy.private {
                "private"
            } else {
                "public"
            },
            score(self.privacy.score),
            self.privacy.sent
        )?;
        writeln!(f, "tokens      {}", self.tokens)?;
        if let Some(r) = &self.redacted_by {
            writeln!(f, "redacted    by rule `{r}`")?;
        }
        write!(f, "rule        {} ({}", self.rule, self.action)?;
        if !self.to.is_empty() {
            write!(f, " to {}", self.to.join(", "))?;
        }
        writeln!(f, ")")?;
        for m in &self.matched {
            writeln!(f, "  when      {} = {}", m.condition, m.value)?;
        }
        if let Some(m) = &self.message {
            writeln!(f, "message     {m}")?;
        }
        if self.candidates.is_empty() {
            writeln!(f, "candidates  none")?;
        }
        for (i, c) in self.candidates.iter().enumerate() {
            let label = if i == 0 { "candidates" } else { "" };
            writeln!(
                f,
                "{label:<11} {}. {} ({}, {})",
                i + 1,
                c.model,
                c.tier,
                c.provider
            )?;
        }
        for x in &self.excluded {
            writeln!(
                f,
                "excluded    {} ({}): its ceiling is {}, the prompt is {}",
                x.model, x.tier, x.ceiling, self.privacy.sent
            )?;
        }
        Ok(())
    }
}
