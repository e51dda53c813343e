//! `Policy::decide` with twenty gateway rules (fifteen of the operator's, then the five defaults)
//! over eight models, five providers and three tenants, one of them with rules of its own; and
//! `Policy::explain` of one decision.

#![allow(clippy::expect_used)]

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use policies::raw::{RawPolicy, RawTenantPolicy};
use policies::{ModelInfo, Policy, Requested, Sensitivity, Signals, Tier, Topology};

const POLICY: &str = r#"
[policy]
private_threshold = 0.5
finding_confidence = 0.6

[[policy.rules]]
name = "no-huge-prompts"
when = { tokens_at_least = 120000 }
action = "deny"
message = "prompts over 120k tokens are not accepted"

[[policy.rules]]
name = "secrets-stay-home"
when = { findings = ["api_key", "private_key", "password", "connection_string", "jwt"] }
action = "keep_local"

[[policy.rules]]
name = "ids-to-org-pool"
when = { findings = ["ssn", "passport", "national_id", "mrz"], healthy = ["org-pool"] }
to = ["org-pool", "edge"]

[[policy.rules]]
name = "initech-spent"
when = { tenant = ["initech"], budget_exhausted = true }
action = "deny"
message = "the initech budget is spent for this month"

[[policy.rules]]
name = "cloud-down"
when = { difficulty = ["cloud"], unhealthy = ["openai", "anthropic"] }
to = ["community", "edge"]

[[policy.rules]]
name = "pool-down"
when = { difficulty = ["community"], unhealthy = ["pool"] }
to = ["org-pool", "cloud", "edge"]

[[policy.rules]]
name = "edge-down"
when = { difficulty = ["edge"], unhealthy = ["local"] }
to = ["community", "cloud"]

[[policy.rules]]
name = "long-context"
when = { model = ["strata/auto"], tokens_at_least = 32000, private = false }
to = ["claude", "gpt-4o"]

[[policy.rules]]
name = "very-hard"
when = { model = ["strata/auto"], p_cloud_at_least = 0.9, private = false }
to = ["claude", "gpt-4o"]

[[policy.rules]]
name = "borderline-private"
when = { privacy_at_least = 0.35, privacy_below = 0.5, difficulty = ["community", "cloud"] }
to = ["org-pool", "edge"]

[[policy.rules]]
name = "tiny-prompts"
when = { model = ["strata/auto"], tokens_below = 16 }
to = ["edge"]

[[policy.rules]]
name = "acme-medium-in-house"
when = { tenant = ["acme"], difficulty = ["community"], healthy = ["org-pool"] }
to = ["org-pool", "community"]

[[policy.rules]]
name = "cheap-cloud-when-low"
when = { model = ["strata/cloud"], budget_below = 1.0 }
to = ["gpt-4o-mini"]

[[policy.rules]]
name = "gpt-4o-when-low"
when = { model = ["gpt-4o"], budget_below = 0.5 }
to = ["gpt-4o-mini"]

[[policy.rules]]
name = "claude-down"
when = { model = ["claude"], unhealthy = ["anthropic"] }
to = ["gpt-4o", "community"]

[tenants.acme]
[[tenants.acme.rules]]
name = "acme-no-secrets"
when = { findings = ["api_key", "private_key"] }
action = "deny"
message = "acme does not send secrets to any model"

[[tenants.acme.rules]]
name = "acme-long-in-house"
when = { tokens_at_least = 50000 }
to = ["org-pool"]

[[tenants.acme.rules]]
name = "acme-hard-to-claude"
when = { difficulty = ["cloud"] }
to = ["claude", "gpt-4o", "community"]
"#;

const KINDS: [&str; 23] = [
    "email",
    "phone",
    "ssn",
    "credit_card",
    "iban",
    "national_id",
    "passport",
    "mrz",
    "api_key",
    "private_key",
    "jwt",
    "password",
    "connection_string",
    "high_entropy_secret",
    "date_of_birth",
    "salary",
    "confidential",
    "address",
    "bank_account",
    "health",
    "criminal_record",
    "disciplinary",
    "debt",
];
const CARD: usize = 3;

fn topology() -> Topology {
    let model = |name: &str, tier, provider, ceiling, fallbacks: Vec<usize>| ModelInfo {
        name: name.into(),
        tier,
        provider,
        ceiling,
        fallbacks,
    };
    Topology {
        providers: vec![
            "local".into(),
            "pool".into(),
            "org-pool".into(),
            "openai".into(),
            "anthropic".into(),
        ],
        models: vec![
            model("qwen-3b", Tier::Edge, 0, Sensitivity::Private, vec![1]),
            model("llama-8b", Tier::Edge, 0, Sensitivity::Private, vec![0]),
            model(
                "llama-70b",
                Tier::Community,
                1,
                Sensitivity::Redacted,
                vec![3],
            ),
            model(
                "mixtral",
                Tier::Community,
                1,
                Sensitivity::Redacted,
                vec![2],
            ),
            model(
                "org-llama",
                Tier::Community,
                2,
                Sensitivity::Private,
                vec![2],
            ),
            model("gpt-4o", Tier::Cloud, 3, Sensitivity::Redacted, vec![7, 6]),
            model(
                "gpt-4o-mini",
                Tier::Cloud,
                3,
                Sensitivity::Redacted,
                vec![5],
            ),
            model("claude", Tier::Cloud, 4, Sensitivity::Redacted, vec![5]),
        ],
        tiers: [vec![1, 0], vec![2, 4, 3], vec![5, 7, 6]],
        auto: vec![1, 0, 2, 4, 3, 5, 7, 6],
        tenants: vec!["acme".into(), "globex".into(), "initech".into()],
        finding_kinds: KINDS.to_vec(),
    }
}

fn policy() -> Policy {
    #[derive(serde::Deserialize)]
    struct File {
        policy: RawPolicy,
        #[serde(default)]
        tenants: BTreeMap<String, RawTenantPolicy>,
    }
    let file: File = toml::from_str(POLICY).expect("the bench policy parses");
    let topo = topology();
    let tenants: Vec<RawTenantPolicy> = topo
        .tenants
        .iter()
        .map(|t| file.tenants.get(t).cloned().unwrap_or_default())
        .collect();
    let p = Policy::compile(&file.policy, &tenants, topo).expect("the bench policy compiles");
    assert_eq!(p.rule_count(), 20);
    p
}

fn bench(c: &mut Criterion) {
    let p = policy();
    let up = [true; 5];

    // Public and easy: past all fifteen operator rules to `easy-to-edge`, the 18th.
    let easy = Signals {
        p_community_or_cloud: 0.12,
        p_cloud: 0.03,
        privacy: 0.08,
        tokens: 850,
        tenant: Some(1),
        budget_remaining: Some(42.0),
        ..Signals::new(&up)
    };
    // A card number: past the operator rules to `private-stays-on-edge`, the 16th.
    let mut card = Signals {
        p_community_or_cloud: 0.8,
        p_cloud: 0.7,
        privacy: 0.62,
        tokens: 1_400,
        ..Signals::new(&up)
    };
    card.findings[CARD] = 0.98;
    // A hard prompt from acme: its third rule of its own.
    let tenant = Signals {
        p_community_or_cloud: 0.91,
        p_cloud: 0.74,
        privacy: 0.12,
        tokens: 2_400,
        tenant: Some(0),
        budget_remaining: Some(12.5),
        requested: Requested::Auto,
        ..Signals::new(&up)
    };
    for (s, rule) in [
        (&easy, "easy-to-edge"),
        (&card, "private-stays-on-edge"),
        (&tenant, "acme-hard-to-claude"),
    ] {
        assert_eq!(p.rule_name(p.decide(s).rule), rule);
    }

    let mut group = c.benchmark_group("decide");
    group.bench_function("easy_public_late_rule", |b| {
        b.iter(|| p.decide(black_box(&easy)));
    });
    group.bench_function("private_card", |b| {
        b.iter(|| p.decide(black_box(&card)));
    });
    group.bench_function("tenant_rule", |b| {
        b.iter(|| p.decide(black_box(&tenant)));
    });
    group.finish();

    let decision = p.decide(&card);
    c.bench_function("explain/private_card", |b| {
        b.iter(|| p.explain(black_box(&decision), black_box(&card)));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
