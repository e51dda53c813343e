use super::*;
use crate::raw::{RawPolicy, RawTenantPolicy};

const KINDS: [&str; 4] = ["email", "phone", "credit_card", "api_key"];
const CARD: usize = 2;

/// local (edge) · pool (community, strangers) · org-pool (community, own organisation) · openai.
pub(crate) fn topology() -> Topology {
    let model = |name: &str, tier, provider, ceiling| ModelInfo {
        name: name.into(),
        tier,
        provider,
        ceiling,
        fallbacks: Vec::new(),
    };
    Topology {
        providers: vec![
            "local".into(),
            "pool".into(),
            "org-pool".into(),
            "openai".into(),
        ],
        models: vec![
            model("small", Tier::Edge, 0, Sensitivity::Private),
            model("llama", Tier::Community, 1, Sensitivity::Redacted),
            model("org-llama", Tier::Community, 2, Sensitivity::Private),
            model("gpt", Tier::Cloud, 3, Sensitivity::Redacted),
        ],
        tiers: [vec![0], vec![1, 2], vec![3]],
        auto: vec![0, 1, 2, 3],
        tenants: vec!["acme".into(), "globex".into()],
        finding_kinds: KINDS.to_vec(),
    }
}

fn policy(text: &str) -> Policy {
    try_policy(text).unwrap()
}

fn try_policy(text: &str) -> Result<Policy, PolicyError> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        policy: Option<RawPolicy>,
        #[serde(default)]
        tenants: std::collections::BTreeMap<String, RawTenantPolicy>,
    }
    let file: File = toml::from_str(text).unwrap();
    let topo = topology();
    let tenants: Vec<RawTenantPolicy> = topo
        .tenants
        .iter()
        .map(|t| file.tenants.get(t).cloned().unwrap_or_default())
        .collect();
    Policy::compile(&file.policy.unwrap_or_default(), &tenants, topo)
}

const UP: [bool; 4] = [true; 4];

fn names(p: &Policy, d: &Decision) -> Vec<String> {
    d.candidates
        .iter()
        .map(|&m| p.topology().models[m].name.clone())
        .collect()
}

fn scored(p_coc: f32, p_cloud: f32) -> Signals<'static> {
    Signals {
        p_community_or_cloud: p_coc,
        p_cloud,
        ..Signals::new(&UP)
    }
}

fn with_card(mut s: Signals<'_>) -> Signals<'_> {
    s.findings[CARD] = 0.99;
    s
}

#[test]
fn default_rules_route_by_difficulty() {
    let p = policy("");
    let easy = p.decide(&scored(0.1, 0.0));
    assert_eq!(p.rule_name(easy.rule), "easy-to-edge");
    assert_eq!(names(&p, &easy), ["small", "llama", "org-llama", "gpt"]);
    let medium = p.decide(&scored(0.8, 0.2));
    assert_eq!(p.rule_name(medium.rule), "medium-to-community");
    assert_eq!(names(&p, &medium), ["llama", "org-llama", "gpt", "small"]);
    let hard = p.decide(&scored(0.9, 0.9));
    assert_eq!(p.rule_name(hard.rule), "hard-to-cloud");
    assert_eq!(names(&p, &hard), ["gpt", "llama", "org-llama", "small"]);
    assert_eq!(hard.sent, Sensitivity::Public);
    assert!(!hard.redact && p.is_default_rule(hard.rule));
}

#[test]
fn a_card_number_keeps_a_hard_prompt_on_the_edge() {
    let p = policy("");
    let s = with_card(scored(0.9, 0.9));
    let d = p.decide(&s);
    assert_eq!(p.rule_name(d.rule), "private-stays-on-edge");
    assert_eq!(names(&p, &d), ["small"]);
    assert!(d.private && d.sent == Sensitivity::Private && !d.redact);
    let e = p.explain(&d, &s);
    assert_eq!(e.action, "keep_local");
    assert_eq!(e.privacy.findings, ["credit_card"]);
    assert_eq!(e.matched[0].condition, "private");
    assert!(e.matched[0].value.contains("credit_card"), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("private-stays-on-edge"), "{text}");

    // Asking for the cloud by name changes nothing.
    let explicit = Signals {
        requested: Requested::Model(3),
        ..with_card(scored(0.9, 0.9))
    };
    assert_eq!(names(&p, &p.decide(&explicit)), ["small"]);
    // Nor does the edge being down: keep_local never escalates.
    let down = [false, true, true, true];
    let d = p.decide(&Signals {
        provider_up: &down,
        ..with_card(scored(0.9, 0.9))
    });
    assert_eq!(names(&p, &d), ["small"]);
}

#[test]
fn a_high_privacy_score_alone_is_private_and_nan_is_private_too() {
    let p = policy("");
    let s = Signals {
        privacy: 0.7,
        ..scored(0.9, 0.9)
    };
    assert_eq!(names(&p, &p.decide(&s)), ["small"]);
    let s = Signals {
        privacy: f32::NAN,
        ..scored(0.9, 0.9)
    };
    assert_eq!(names(&p, &p.decide(&s)), ["small"]);
    // A finding below the confidence threshold does not count.
    let mut s = scored(0.9, 0.9);
    s.findings[0] = 0.3;
    assert_eq!(names(&p, &p.decide(&s))[0], "gpt");
}

#[test]
fn redaction_lets_a_cleared_prompt_go_further_and_only_then() {
    let p = policy("[policy]\nredact_private = true\n");
    let cleared = Signals {
        privacy: 0.9,
        privacy_redacted: Some(0.1),
        ..with_card(scored(0.9, 0.9))
    };
    let d = p.decide(&cleared);
    assert_eq!(p.rule_name(d.rule), "hard-to-cloud");
    assert_eq!(
        d.redact_rule.map(|r| p.rule_name(r)),
        Some("redact-private")
    );
    assert!(d.redact && d.private && d.sent == Sensitivity::Redacted);
    assert_eq!(names(&p, &d), ["gpt", "llama", "org-llama", "small"]);

    // The redacted text still reads as private (a diagnosis, say): it stays on the edge.
    let still = Signals {
        privacy_redacted: Some(0.8),
        ..cleared.clone()
    };
    let d = p.decide(&still);
    assert_eq!(p.rule_name(d.rule), "private-stays-on-edge");
    assert_eq!(names(&p, &d), ["small"]);
    // Nothing to redact (private by score alone): same.
    let score_only = Signals {
        privacy: 0.9,
        ..scored(0.9, 0.9)
    };
    let d = p.decide(&score_only);
    assert!(!d.redact);
    assert_eq!(names(&p, &d), ["small"]);
}

#[test]
fn the_ceiling_overrides_any_rule() {
    let p = policy(
        r#"
[[policy.rules]]
name = "private-to-pools"
when = { private = true }
to = ["cloud", "community"]
"#,
    );
    let s = with_card(scored(0.5, 0.5));
    let d = p.decide(&s);
    assert_eq!(p.rule_name(d.rule), "private-to-pools");
    assert!(!p.is_default_rule(d.rule));
    assert_eq!(names(&p, &d), ["org-llama"]);
    let e = p.explain(&d, &s);
    let excluded: Vec<_> = e.excluded.iter().map(|x| x.model.as_str()).collect();
    assert_eq!(excluded, ["gpt", "llama"]);
    assert!(e.to_string().contains("its ceiling is redacted"), "{e}");
}

#[test]
fn budgets_degrade_and_explicit_requests_follow_their_chain() {
    let p = policy("");
    let spent = Signals {
        budget_remaining: Some(0.0),
        tenant: Some(0),
        ..scored(0.9, 0.9)
    };
    let d = p.decide(&spent);
    assert_eq!(p.rule_name(d.rule), "budget-spent");
    assert_eq!(names(&p, &d), ["small", "llama", "org-llama"]);
    let left = Signals {
        budget_remaining: Some(3.0),
        ..spent.clone()
    };
    assert_eq!(p.rule_name(p.decide(&left).rule), "hard-to-cloud");

    let tier = Signals {
        requested: Requested::Tier(Tier::Community),
        ..scored(0.0, 0.0)
    };
    let d = p.decide(&tier);
    assert_eq!(d.rule, RuleRef::Requested);
    assert_eq!(names(&p, &d), ["llama", "org-llama"]);
}

#[test]
fn tenants_rules_controls_and_denials() {
    let p = policy(
        r#"
[policy]
allow_tier_requests = false

[[policy.rules]]
name = "no-huge-prompts"
when = { tokens_at_least = 100000 }
action = "deny"
message = "prompts over 100k tokens are not accepted"

[tenants.acme]
allow_tier_requests = true
[[tenants.acme.rules]]
name = "acme-cloud-only"
when = { tenant = ["acme"] }
to = ["openai"]
"#,
    );
    let acme = Signals {
        tenant: Some(0),
        ..scored(0.0, 0.0)
    };
    let d = p.decide(&acme);
    assert_eq!(
        d.rule,
        RuleRef::Tenant {
            tenant: 0,
            index: 0
        }
    );
    assert_eq!(p.rule_name(d.rule), "acme-cloud-only");
    assert_eq!(names(&p, &d), ["gpt"]);

    let globex_tier = Signals {
        tenant: Some(1),
        requested: Requested::Tier(Tier::Cloud),
        ..scored(0.0, 0.0)
    };
    let d = p.decide(&globex_tier);
    assert!(matches!(d.outcome, Outcome::Forbidden(_)), "{d:?}");
    assert_eq!(p.rule_name(d.rule), "request-controls");
    assert!(d.candidates.is_empty());
    let acme_tier = Signals {
        tenant: Some(0),
        ..globex_tier.clone()
    };
    assert_eq!(p.decide(&acme_tier).outcome, Outcome::Route);

    let huge = Signals {
        tokens: 200_000,
        ..scored(0.0, 0.0)
    };
    let d = p.decide(&huge);
    assert_eq!(
        d.outcome,
        Outcome::Deny("prompts over 100k tokens are not accepted".into())
    );
}

#[test]
fn health_conditions() {
    let p = policy(
        r#"
[[policy.rules]]
name = "cloud-down"
when = { unhealthy = ["cloud"], difficulty = ["cloud"] }
to = ["org-pool", "edge"]
"#,
    );
    let down = [true, true, true, false];
    let s = Signals {
        provider_up: &down,
        ..scored(0.9, 0.9)
    };
    let d = p.decide(&s);
    assert_eq!(p.rule_name(d.rule), "cloud-down");
    assert_eq!(names(&p, &d), ["org-llama", "small"]);
    let e = p.explain(&d, &s);
    let conditions: Vec<_> = e.matched.iter().map(|m| m.condition).collect();
    assert_eq!(conditions, ["difficulty", "unhealthy"]);
    assert_eq!(
        p.rule_name(p.decide(&scored(0.9, 0.9)).rule),
        "hard-to-cloud"
    );
}

#[test]
fn the_explanation_serializes_without_prompt_text() {
    let p = policy("");
    let s = Signals {
        tokens: 42,
        ..with_card(scored(0.2, 0.1))
    };
    let json = serde_json::to_value(p.explain(&p.decide(&s), &s)).unwrap();
    assert_eq!(json["rule"], "private-stays-on-edge");
    assert_eq!(json["privacy"]["sent"], "private");
    assert_eq!(json["candidates"][0]["provider"], "local");
    assert_eq!(json["tokens"], 42);
}

fn error(text: &str) -> PolicyError {
    try_policy(text).unwrap_err()
}

#[test]
fn validation_names_the_rule_and_field() {
    let e = error(
        "[[policy.rules]]\nname = \"x\"\nwhen = { findings = [\"iban_number\"] }\nto = [\"edge\"]\n",
    );
    assert_eq!(e.field, "policy.rules[0].when.findings[0] (rule `x`)");
    assert!(
        e.message.contains("unknown finding kind `iban_number`"),
        "{e}"
    );
    assert!(e.span.is_some());

    let e = error("[[policy.rules]]\nname = \"x\"\nto = [\"moon\"]\n");
    assert_eq!(e.field, "policy.rules[0].to[0] (rule `x`)");
    assert!(e.message.contains("`moon` is neither a tier"), "{e}");

    let e = error("[[policy.rules]]\nname = \"x\"\naction = \"deny\"\nto = [\"edge\"]\n");
    assert!(
        e.message
            .contains("`to` applies to action = \"route\" only"),
        "{e}"
    );

    let e = error("[[policy.rules]]\nname = \"x\"\n");
    assert!(e.message.contains("a route rule needs `to`"), "{e}");

    let e = error("[[policy.rules]]\nname = \"easy-to-edge\"\nto = [\"edge\"]\n");
    assert!(e.message.contains("defined twice"), "{e}");

    let e = error("[policy]\nprivate_threshold = 1.5\n");
    assert_eq!(e.field, "policy.private_threshold");

    let e = error(
        "[[policy.rules]]\nname = \"x\"\nwhen = { tenant = [\"initech\"] }\nto = [\"edge\"]\n",
    );
    assert!(e.message.contains("no tenant named `initech`"), "{e}");

    let e =
        error("[[policy.rules]]\nname = \"x\"\nwhen = { model = [\"gpt-9\"] }\nto = [\"edge\"]\n");
    assert_eq!(e.field, "policy.rules[0].when.model[0] (rule `x`)");

    let e = error(
        "[[policy.rules]]\nname = \"x\"\nwhen = { tokens_at_least = 10, tokens_below = 5 }\nto = [\"edge\"]\n",
    );
    assert!(e.message.contains("never matches"), "{e}");

    let e = error("[tenants.acme]\n[[tenants.acme.rules]]\nname = \"t\"\nto = [\"nowhere\"]\n");
    assert_eq!(e.field, "tenants.acme.rules[0].to[0] (rule `t`)");
}

#[test]
fn without_default_rules_auto_follows_the_auto_chain() {
    let p = policy("[policy]\ndefault_rules = false\n");
    assert_eq!(p.rule_count(), 0);
    let d = p.decide(&with_card(scored(0.9, 0.9)));
    assert_eq!(d.rule, RuleRef::Requested);
    // Still private: only what may see it.
    assert_eq!(names(&p, &d), ["small", "org-llama"]);
}
