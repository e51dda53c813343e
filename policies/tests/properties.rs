//! Invariants of the policy engine over generated policies, topologies and signals:
//!
//! - deciding and explaining never panic, and the same signals give the same decision;
//! - no candidate is above its privacy ceiling, and what is sent matches what the prompt is;
//! - under the default rules, a harder prompt never goes to a narrower tier;
//! - under the default rules, a more private prompt never goes to a wider one.
//!
//! Policies, topologies and signals are drawn as plain specs (indices, flags, scores) and built
//! into the engine's types afterwards, so every generated policy is meant to compile and shrinking
//! stays within valid inputs.

use policies::raw::{RawAction, RawPolicy, RawRule, RawTenantPolicy, RawWhen};
use policies::{
    Decision, MAX_FINDING_KINDS, ModelInfo, Outcome, Policy, Requested, RuleRef, Sensitivity,
    Signals, Tier, Topology,
};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use toml::Spanned;

/// The detector's finding kinds; a topology takes the first few of them.
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

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Failures are reported with their inputs; no regression files in the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn at<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

// ---------------------------------------------------------------------------------------------
// Scores and thresholds

/// A threshold as written in a policy, with the values that sit on the default cuts.
fn threshold() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..=1.0f64,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => Just(0.5),
        1 => Just(0.55),
    ]
}

/// A score as the classifier reports it: mostly in [0, 1], sometimes exactly on a cut or an end,
/// now and then unknown.
fn score() -> impl Strategy<Value = f32> {
    prop_oneof![
        6 => 0.0..=1.0f32,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => Just(0.5),
        1 => Just(0.55),
        1 => Just(f32::NAN),
    ]
}

/// Like [`score`], never NaN: for the orders that compare two scores.
fn known_score() -> impl Strategy<Value = f32> {
    prop_oneof![
        6 => 0.0..=1.0f32,
        1 => Just(0.0),
        1 => Just(1.0),
        1 => Just(0.5),
        1 => Just(0.55),
    ]
}

fn tier() -> impl Strategy<Value = Tier> {
    select(Tier::ALL.to_vec())
}

fn sensitivity() -> impl Strategy<Value = Sensitivity> {
    select(Sensitivity::ALL.to_vec())
}

// ---------------------------------------------------------------------------------------------
// Topologies

#[derive(Debug, Clone)]
struct ModelSpec {
    tier: Tier,
    provider: Index,
    ceiling: Sensitivity,
    /// Whether the model is in its tier's chain, and where.
    in_chain: bool,
    rank: u8,
    fallbacks: Vec<Index>,
}

#[derive(Debug, Clone)]
struct TopoSpec {
    providers: usize,
    models: Vec<ModelSpec>,
    auto: Vec<Index>,
    kinds: usize,
}

fn topo_spec() -> impl Strategy<Value = TopoSpec> {
    let model = (
        tier(),
        any::<Index>(),
        sensitivity(),
        prop::bool::weighted(0.85),
        any::<u8>(),
        prop::collection::vec(any::<Index>(), 0..3),
    )
        .prop_map(
            |(tier, provider, ceiling, in_chain, rank, fallbacks)| ModelSpec {
                tier,
                provider,
                ceiling,
                in_chain,
                rank,
                fallbacks,
            },
        );
    (
        1usize..=6,
        prop::collection::vec(model, 1..=10),
        prop::collection::vec(any::<Index>(), 0..8),
        0..=KINDS.len(),
    )
        .prop_map(|(providers, models, auto, kinds)| TopoSpec {
            providers,
            models,
            auto,
            kinds,
        })
}

/// Builds the topology. Each tier's chain holds models of that tier only (as the gateway builds
/// it); the auto chain and the fallbacks may hold any model, repeats included. With
/// `default_ceilings`, every model gets its tier's default ceiling instead of the drawn one.
fn build_topology(spec: &TopoSpec, tenants: usize, default_ceilings: bool) -> Topology {
    let n = spec.models.len();
    let models: Vec<ModelInfo> = spec
        .models
        .iter()
        .enumerate()
        .map(|(i, m)| ModelInfo {
            name: format!("model-{i}"),
            tier: m.tier,
            provider: m.provider.index(spec.providers),
            ceiling: if default_ceilings {
                Sensitivity::default_ceiling(m.tier)
            } else {
                m.ceiling
            },
            fallbacks: m.fallbacks.iter().map(|f| f.index(n)).collect(),
        })
        .collect();
    let mut tiers: [Vec<usize>; 3] = Default::default();
    for tier in Tier::ALL {
        let mut chain: Vec<usize> = (0..n)
            .filter(|&i| spec.models[i].tier == tier && spec.models[i].in_chain)
            .collect();
        chain.sort_by_key(|&i| spec.models[i].rank);
        tiers[tier as usize] = chain;
    }
    Topology {
        providers: (0..spec.providers)
            .map(|p| format!("provider-{p}"))
            .collect(),
        models,
        tiers,
        auto: spec.auto.iter().map(|i| i.index(n)).collect(),
        tenants: (0..tenants).map(|t| format!("tenant-{t}")).collect(),
        finding_kinds: KINDS[..spec.kinds].to_vec(),
    }
}

/// Two edge models on this machine, three community models on two pools, three cloud models
/// on two vendors; every ceiling is its tier's default.
fn realistic() -> Topology {
    let model = |name: &str, tier, provider, fallbacks: Vec<usize>| ModelInfo {
        name: name.into(),
        tier,
        provider,
        ceiling: Sensitivity::default_ceiling(tier),
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
            model("qwen-3b", Tier::Edge, 0, vec![1]),
            model("llama-8b", Tier::Edge, 0, vec![0]),
            model("llama-70b", Tier::Community, 1, vec![3, 4]),
            model("mixtral", Tier::Community, 1, vec![2]),
            model("org-llama", Tier::Community, 2, vec![2, 1]),
            model("gpt-4o", Tier::Cloud, 3, vec![7, 6]),
            model("gpt-4o-mini", Tier::Cloud, 3, vec![5]),
            model("claude", Tier::Cloud, 4, vec![5, 2, 0]),
        ],
        tiers: [vec![1, 0], vec![2, 4, 3], vec![5, 7, 6]],
        auto: vec![1, 0, 2, 4, 3, 5, 7, 6],
        tenants: vec!["acme".into(), "globex".into(), "initech".into()],
        finding_kinds: KINDS.to_vec(),
    }
}

// ---------------------------------------------------------------------------------------------
// Policies

/// A tier, model or provider name, as `to`, `healthy` and `unhealthy` take them.
#[derive(Debug, Clone)]
enum NameSpec {
    Tier(Tier),
    Model(Index),
    Provider(Index),
}

impl NameSpec {
    fn build(&self, topo: &Topology) -> String {
        match self {
            NameSpec::Tier(t) => t.as_str().to_owned(),
            NameSpec::Model(i) => topo.models[i.index(topo.models.len())].name.clone(),
            NameSpec::Provider(i) => topo.providers[i.index(topo.providers.len())].clone(),
        }
    }
}

fn name_spec() -> impl Strategy<Value = NameSpec> {
    prop_oneof![
        2 => tier().prop_map(NameSpec::Tier),
        1 => any::<Index>().prop_map(NameSpec::Model),
        1 => any::<Index>().prop_map(NameSpec::Provider),
    ]
}

/// What `when.model` can list.
#[derive(Debug, Clone)]
enum ModelCond {
    Auto,
    Tier(Tier),
    Model(Index),
}

impl ModelCond {
    fn build(&self, topo: &Topology) -> String {
        match self {
            ModelCond::Auto => "strata/auto".to_owned(),
            ModelCond::Tier(t) => t.alias().to_owned(),
            ModelCond::Model(i) => topo.models[i.index(topo.models.len())].name.clone(),
        }
    }
}

fn model_cond() -> impl Strategy<Value = ModelCond> {
    prop_oneof![
        2 => Just(ModelCond::Auto),
        1 => tier().prop_map(ModelCond::Tier),
        1 => any::<Index>().prop_map(ModelCond::Model),
    ]
}

#[derive(Debug, Clone, Default)]
struct WhenSpec {
    private: Option<bool>,
    /// `None` stands for `any`.
    findings: Option<Vec<Option<Index>>>,
    privacy_at_least: Option<f64>,
    privacy_below: Option<f64>,
    difficulty: Option<Vec<Tier>>,
    p_community_at_least: Option<f64>,
    p_cloud_at_least: Option<f64>,
    tokens_at_least: Option<u64>,
    tokens_below: Option<u64>,
    model: Option<Vec<ModelCond>>,
    tenant: Option<Vec<Index>>,
    budget_exhausted: Option<bool>,
    budget_below: Option<f64>,
    healthy: Option<Vec<NameSpec>>,
    unhealthy: Option<Vec<NameSpec>>,
}

/// How often each condition is present: a rule has about three.
const P_CONDITION: f64 = 0.2;

fn tokens_bound() -> impl Strategy<Value = u64> {
    prop_oneof![
        4 => 0u64..200_000,
        1 => Just(0u64),
        1 => Just(1u64 << 32),
    ]
}

fn when_spec() -> impl Strategy<Value = WhenSpec> {
    use prop::collection::vec;
    use prop::option::weighted as maybe;
    let prompt = (
        maybe(P_CONDITION, any::<bool>()),
        maybe(
            P_CONDITION,
            vec(prop::option::weighted(0.8, any::<Index>()), 1..3),
        ),
        maybe(P_CONDITION, threshold()),
        maybe(P_CONDITION, threshold()),
        maybe(P_CONDITION, vec(tier(), 1..3)),
        maybe(P_CONDITION, threshold()),
        maybe(P_CONDITION, threshold()),
        maybe(P_CONDITION, tokens_bound()),
        maybe(P_CONDITION, tokens_bound()),
    );
    let request = (
        maybe(P_CONDITION, vec(model_cond(), 1..3)),
        maybe(P_CONDITION, vec(any::<Index>(), 1..3)),
        maybe(P_CONDITION, any::<bool>()),
        maybe(P_CONDITION, 0.0..20.0f64),
        maybe(P_CONDITION, vec(name_spec(), 0..3)),
        maybe(P_CONDITION, vec(name_spec(), 0..3)),
    );
    (prompt, request).prop_map(
        |(
            (
                private,
                findings,
                privacy_at_least,
                privacy_below,
                difficulty,
                p_community_at_least,
                p_cloud_at_least,
                tokens_at_least,
                tokens_below,
            ),
            (model, tenant, budget_exhausted, budget_below, healthy, unhealthy),
        )| WhenSpec {
            private,
            findings,
            privacy_at_least,
            privacy_below,
            difficulty,
            p_community_at_least,
            p_cloud_at_least,
            tokens_at_least,
            tokens_below,
            model,
            tenant,
            budget_exhausted,
            budget_below,
            healthy,
            unhealthy,
        },
    )
}

impl WhenSpec {
    fn build(&self, topo: &Topology) -> RawWhen {
        let names = |list: &Option<Vec<NameSpec>>| {
            list.as_ref()
                .map(|l| l.iter().map(|n| at(n.build(topo))).collect())
        };
        let kinds = topo.finding_kinds.len();
        // `tokens_below` must stay above `tokens_at_least`, or the rule is refused.
        let tokens_below = match (self.tokens_at_least, self.tokens_below) {
            (Some(a), Some(b)) if a >= b => Some(a + 1),
            (_, b) => b,
        };
        RawWhen {
            private: self.private,
            findings: self.findings.as_ref().map(|l| {
                l.iter()
                    .map(|k| match k {
                        Some(i) if kinds > 0 => at(topo.finding_kinds[i.index(kinds)].to_owned()),
                        _ => at("any".to_owned()),
                    })
                    .collect()
            }),
            privacy_at_least: self.privacy_at_least.map(at),
            privacy_below: self.privacy_below.map(at),
            difficulty: self
                .difficulty
                .as_ref()
                .map(|l| l.iter().map(|t| at(t.as_str().to_owned())).collect()),
            p_community_at_least: self.p_community_at_least.map(at),
            p_cloud_at_least: self.p_cloud_at_least.map(at),
            tokens_at_least: self.tokens_at_least,
            tokens_below,
            model: self
                .model
                .as_ref()
                .map(|l| l.iter().map(|m| at(m.build(topo))).collect()),
            // Without tenants the list is empty: valid, and never matches.
            tenant: self.tenant.as_ref().map(|l| {
                l.iter()
                    .filter(|_| !topo.tenants.is_empty())
                    .map(|t| at(topo.tenants[t.index(topo.tenants.len())].clone()))
                    .collect()
            }),
            budget_exhausted: self.budget_exhausted,
            budget_below: self.budget_below.map(at),
            healthy: names(&self.healthy),
            unhealthy: names(&self.unhealthy),
        }
    }
}

#[derive(Debug, Clone)]
enum ActionSpec {
    Route(Vec<NameSpec>),
    Redact,
    KeepLocal,
    Deny(Option<&'static str>),
}

fn action_spec() -> impl Strategy<Value = ActionSpec> {
    prop_oneof![
        6 => prop::collection::vec(name_spec(), 1..4).prop_map(ActionSpec::Route),
        2 => Just(ActionSpec::Redact),
        1 => Just(ActionSpec::KeepLocal),
        1 => prop::option::of(select(vec!["over quota", " "])).prop_map(ActionSpec::Deny),
    ]
}

#[derive(Debug, Clone)]
struct RuleSpec {
    when: WhenSpec,
    action: ActionSpec,
}

fn rule_spec() -> impl Strategy<Value = RuleSpec> {
    (when_spec(), action_spec()).prop_map(|(when, action)| RuleSpec { when, action })
}

impl RuleSpec {
    fn build(&self, name: String, topo: &Topology) -> RawRule {
        let (action, to, message) = match &self.action {
            ActionSpec::Route(to) => (
                RawAction::Route,
                to.iter().map(|n| at(n.build(topo))).collect(),
                None,
            ),
            ActionSpec::Redact => (RawAction::Redact, Vec::new(), None),
            ActionSpec::KeepLocal => (RawAction::KeepLocal, Vec::new(), None),
            ActionSpec::Deny(m) => (RawAction::Deny, Vec::new(), m.map(str::to_owned)),
        };
        RawRule {
            name: at(name),
            when: self.when.build(topo),
            action,
            to,
            message,
        }
    }
}

#[derive(Debug, Clone)]
struct TenantSpec {
    allow_tier_requests: Option<bool>,
    allow_model_requests: Option<bool>,
    rules: Vec<RuleSpec>,
}

#[derive(Debug, Clone)]
struct PolicySpec {
    private_threshold: f64,
    finding_confidence: f64,
    community_threshold: f64,
    cloud_threshold: f64,
    redact_private: bool,
    default_rules: bool,
    allow_tier_requests: bool,
    allow_model_requests: bool,
    rules: Vec<RuleSpec>,
    tenants: Vec<TenantSpec>,
}

fn policy_spec() -> impl Strategy<Value = PolicySpec> {
    let tenant = (
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::collection::vec(rule_spec(), 0..4),
    )
        .prop_map(
            |(allow_tier_requests, allow_model_requests, rules)| TenantSpec {
                allow_tier_requests,
                allow_model_requests,
                rules,
            },
        );
    (
        (threshold(), threshold(), threshold(), threshold()),
        (
            any::<bool>(),
            prop::bool::weighted(0.85),
            prop::bool::weighted(0.9),
            prop::bool::weighted(0.9),
        ),
        prop::collection::vec(rule_spec(), 0..=20),
        prop::collection::vec(tenant, 0..=3),
    )
        .prop_map(
            |(
                (private_threshold, finding_confidence, community_threshold, cloud_threshold),
                (redact_private, default_rules, allow_tier_requests, allow_model_requests),
                rules,
                tenants,
            )| PolicySpec {
                private_threshold,
                finding_confidence,
                community_threshold,
                cloud_threshold,
                redact_private,
                default_rules,
                allow_tier_requests,
                allow_model_requests,
                rules,
                tenants,
            },
        )
}

impl PolicySpec {
    fn build(&self, topo: &Topology) -> (RawPolicy, Vec<RawTenantPolicy>) {
        let raw = RawPolicy {
            private_threshold: at(self.private_threshold),
            finding_confidence: at(self.finding_confidence),
            community_threshold: at(self.community_threshold),
            cloud_threshold: at(self.cloud_threshold),
            redact_private: self.redact_private,
            default_rules: self.default_rules,
            allow_tier_requests: self.allow_tier_requests,
            allow_model_requests: self.allow_model_requests,
            rules: self
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| r.build(format!("rule-{i}"), topo))
                .collect(),
        };
        let tenants = self
            .tenants
            .iter()
            .enumerate()
            .map(|(t, spec)| RawTenantPolicy {
                allow_tier_requests: spec.allow_tier_requests,
                allow_model_requests: spec.allow_model_requests,
                rules: spec
                    .rules
                    .iter()
                    .enumerate()
                    .map(|(i, r)| r.build(format!("tenant-{t}-rule-{i}"), topo))
                    .collect(),
            })
            .collect();
        (raw, tenants)
    }
}

/// Compiles a generated policy; every one is meant to be valid.
fn compile(
    raw: &RawPolicy,
    tenants: &[RawTenantPolicy],
    topo: Topology,
) -> Result<Policy, TestCaseError> {
    Policy::compile(raw, tenants, topo)
        .map_err(|e| TestCaseError::fail(format!("a generated policy was refused: {e}")))
}

/// The default policy (`redact_private` aside) over a topology with `tenants` tenants of their
/// own without rules.
fn default_policy(topo: Topology, redact_private: bool) -> Result<Policy, TestCaseError> {
    let raw = RawPolicy {
        redact_private,
        ..RawPolicy::default()
    };
    let tenants = vec![RawTenantPolicy::default(); topo.tenants.len()];
    compile(&raw, &tenants, topo)
}

// ---------------------------------------------------------------------------------------------
// Signals

#[derive(Debug, Clone)]
enum RequestedSpec {
    Auto,
    Tier(Tier),
    Model(Index),
    /// This many places past the last model (saturating).
    UnknownModel(usize),
}

#[derive(Debug, Clone)]
enum TenantRef {
    Anonymous,
    Known(Index),
    /// This many places past the last tenant (saturating).
    Unknown(usize),
}

#[derive(Debug, Clone)]
struct SignalSpec {
    p_community_or_cloud: f32,
    p_cloud: f32,
    privacy: f32,
    privacy_redacted: Option<f32>,
    findings: Vec<(usize, f32)>,
    tokens: u32,
    requested: RequestedSpec,
    tenant: TenantRef,
    budget_remaining: Option<f64>,
    provider_up: Vec<bool>,
    /// How many of `provider_up` the signals carry; `None`: one per provider.
    up_len: Option<usize>,
}

fn confidence() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => 0.0..=1.0f32,
        1 => Just(0.0),
        1 => Just(0.5),
        1 => Just(0.99),
        1 => Just(f32::NAN),
    ]
}

/// Finding kinds: mostly the first few (where topologies have theirs), now and then the last
/// slot a signal can carry.
fn finding() -> impl Strategy<Value = (usize, f32)> {
    let kind = prop_oneof![8 => 0..KINDS.len() + 2, 1 => Just(MAX_FINDING_KINDS - 1)];
    (kind, confidence())
}

fn signal_spec() -> impl Strategy<Value = SignalSpec> {
    let requested = prop_oneof![
        4 => Just(RequestedSpec::Auto),
        2 => tier().prop_map(RequestedSpec::Tier),
        2 => any::<Index>().prop_map(RequestedSpec::Model),
        1 => prop_oneof![0usize..3, Just(usize::MAX)].prop_map(RequestedSpec::UnknownModel),
    ];
    let tenant = prop_oneof![
        3 => Just(TenantRef::Anonymous),
        4 => any::<Index>().prop_map(TenantRef::Known),
        1 => prop_oneof![0usize..3, Just(usize::MAX)].prop_map(TenantRef::Unknown),
    ];
    let budget = prop::option::of(prop_oneof![
        4 => -5.0..20.0f64,
        1 => Just(0.0),
        1 => Just(0.5),
        1 => Just(f64::NAN),
    ]);
    let tokens = prop_oneof![
        6 => 0u32..200_000,
        1 => Just(0u32),
        1 => Just(u32::MAX),
    ];
    // About half the prompts are public; redacted texts mostly score low, so redaction often
    // clears a prompt.
    let privacy = prop_oneof![1 => score(), 1 => 0.0..0.4f32];
    let redacted = prop::option::of(prop_oneof![1 => score(), 1 => 0.0..0.3f32]);
    let findings = prop_oneof![
        2 => Just(Vec::new()),
        1 => prop::collection::vec(finding(), 1..4),
    ];
    (
        (score(), score(), privacy, redacted),
        findings,
        tokens,
        requested,
        tenant,
        budget,
        (
            prop::collection::vec(prop::bool::weighted(0.8), 7),
            prop::option::weighted(0.1, 0usize..=7),
        ),
    )
        .prop_map(
            |(
                (p_community_or_cloud, p_cloud, privacy, privacy_redacted),
                findings,
                tokens,
                requested,
                tenant,
                budget_remaining,
                (provider_up, up_len),
            )| SignalSpec {
                p_community_or_cloud,
                p_cloud,
                privacy,
                privacy_redacted,
                findings,
                tokens,
                requested,
                tenant,
                budget_remaining,
                provider_up,
                up_len,
            },
        )
}

impl SignalSpec {
    fn provider_up(&self, topo: &Topology) -> Vec<bool> {
        let len = self.up_len.unwrap_or(topo.providers.len());
        (0..len)
            .map(|p| self.provider_up.get(p).copied().unwrap_or(true))
            .collect()
    }

    fn build<'a>(&self, topo: &Topology, provider_up: &'a [bool]) -> Signals<'a> {
        let mut s = Signals::new(provider_up);
        s.p_community_or_cloud = self.p_community_or_cloud;
        s.p_cloud = self.p_cloud;
        s.privacy = self.privacy;
        s.privacy_redacted = self.privacy_redacted;
        for &(k, c) in &self.findings {
            s.findings[k] = c;
        }
        s.tokens = self.tokens;
        s.requested = match &self.requested {
            RequestedSpec::Auto => Requested::Auto,
            RequestedSpec::Tier(t) => Requested::Tier(*t),
            RequestedSpec::Model(i) => Requested::Model(i.index(topo.models.len())),
            RequestedSpec::UnknownModel(k) => {
                Requested::Model(topo.models.len().saturating_add(*k))
            }
        };
        s.tenant = match &self.tenant {
            TenantRef::Anonymous => None,
            TenantRef::Known(i) if !topo.tenants.is_empty() => Some(i.index(topo.tenants.len())),
            TenantRef::Known(_) => None,
            TenantRef::Unknown(k) => Some(topo.tenants.len().saturating_add(*k)),
        };
        s.budget_remaining = self.budget_remaining;
        s
    }
}

/// A generated policy over a generated topology, and a few requests to decide.
#[derive(Debug, Clone)]
struct Scenario {
    topo: TopoSpec,
    policy: PolicySpec,
    signals: Vec<SignalSpec>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        topo_spec(),
        policy_spec(),
        prop::collection::vec(signal_spec(), 1..6),
    )
        .prop_map(|(topo, policy, signals)| Scenario {
            topo,
            policy,
            signals,
        })
}

impl Scenario {
    fn compile(&self) -> Result<Policy, TestCaseError> {
        let topo = build_topology(&self.topo, self.policy.tenants.len(), false);
        let (raw, tenants) = self.policy.build(&topo);
        compile(&raw, &tenants, topo)
    }
}

// ---------------------------------------------------------------------------------------------
// Checks

fn tier_of(p: &Policy, m: usize) -> Tier {
    p.topology().models[m].tier
}

fn first_tier(p: &Policy, d: &Decision) -> Option<Tier> {
    d.candidates.first().map(|&m| tier_of(p, m))
}

fn max_tier(p: &Policy, d: &Decision) -> Option<Tier> {
    d.candidates.iter().map(|&m| tier_of(p, m)).max()
}

/// (a): the decision is the same twice over, and explaining it neither panics nor disagrees
/// with it.
fn check_total(p: &Policy, s: &Signals<'_>) -> Result<(), TestCaseError> {
    let d = p.decide(s);
    prop_assert_eq!(&d, &p.decide(s));
    let e = p.explain(&d, s);
    // Scores may be NaN, so the explanations are compared as text.
    prop_assert_eq!(format!("{e:?}"), format!("{:?}", p.explain(&d, s)));
    prop_assert_eq!(e.rule.as_str(), p.rule_name(d.rule));
    prop_assert_eq!(e.candidates.len(), d.candidates.len());
    prop_assert_eq!(e.excluded.len(), d.excluded.len());
    prop_assert_eq!(e.redact, d.redact);
    prop_assert_eq!(e.privacy.sent, d.sent);
    prop_assert_eq!(e.message.is_some(), d.outcome != Outcome::Route);
    prop_assert!(!e.to_string().is_empty());
    prop_assert!(serde_json::to_string(&e).is_ok());
    if matches!(d.rule, RuleRef::Tenant { .. } | RuleRef::Gateway(_)) {
        prop_assert!(
            p.rule_names(s.tenant).contains(&p.rule_name(d.rule)),
            "{} is not among the request's rules",
            p.rule_name(d.rule)
        );
    }
    let _ = p.is_default_rule(d.rule);
    if let Some(r) = d.redact_rule {
        prop_assert!(!matches!(r, RuleRef::Requested | RuleRef::Controls));
    }
    Ok(())
}

/// (b): every candidate is a configured model whose ceiling admits what is sent, each once;
/// what is sent is what the prompt is, unless it was redacted.
fn check_ceiling(p: &Policy, s: &Signals<'_>) -> Result<(), TestCaseError> {
    let d = p.decide(s);
    let models = &p.topology().models;
    for (i, &m) in d.candidates.iter().enumerate() {
        prop_assert!(m < models.len(), "candidate {m} is not a model: {d:?}");
        prop_assert!(
            d.sent <= models[m].ceiling,
            "{} (ceiling {}) got a {} prompt: {d:?}",
            models[m].name,
            models[m].ceiling,
            d.sent
        );
        prop_assert!(!d.candidates[..i].contains(&m), "{m} twice: {d:?}");
    }
    for &m in &d.excluded {
        prop_assert!(m < models.len(), "excluded {m} is not a model: {d:?}");
        prop_assert!(
            models[m].ceiling < d.sent,
            "{m} excluded for nothing: {d:?}"
        );
        prop_assert!(!d.candidates.contains(&m), "{m} both tried and excluded");
    }
    let private = p.is_private(s);
    prop_assert_eq!(d.private, private);
    match d.sent {
        Sensitivity::Public => prop_assert!(!private, "a private prompt sent as public: {d:?}"),
        Sensitivity::Redacted => prop_assert!(private && d.redact, "{d:?}"),
        Sensitivity::Private => prop_assert!(private, "{d:?}"),
    }
    if private && !d.redact {
        prop_assert_eq!(d.sent, Sensitivity::Private);
    }
    if d.outcome != Outcome::Route {
        prop_assert!(d.candidates.is_empty(), "{d:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(384))]

    /// (a) Deciding and explaining are total and deterministic, whatever the policy, topology
    /// and signals.
    #[test]
    fn decide_never_panics_and_is_deterministic(sc in scenario()) {
        let p = sc.compile()?;
        for spec in &sc.signals {
            let up = spec.provider_up(p.topology());
            check_total(&p, &spec.build(p.topology(), &up))?;
        }
    }

    /// (b) No rule, tenant or request sends a prompt above a candidate's ceiling.
    #[test]
    fn no_candidate_above_its_ceiling(sc in scenario()) {
        let p = sc.compile()?;
        for spec in &sc.signals {
            let up = spec.provider_up(p.topology());
            check_ceiling(&p, &spec.build(p.topology(), &up))?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Monotonicity under the default rules

/// Difficulty scores and higher ones: each raised score is the larger of the original and a
/// second draw, so raised scores land on the cuts as often as the originals do.
#[derive(Debug, Clone)]
struct Harder {
    p_community_or_cloud: (f32, f32),
    p_cloud: (f32, f32),
}

fn harder() -> impl Strategy<Value = Harder> {
    (known_score(), known_score(), known_score(), known_score()).prop_map(|(a, b, c, d)| Harder {
        p_community_or_cloud: (a, a.max(b)),
        p_cloud: (c, c.max(d)),
    })
}

/// (c): `harder` scores never send the first candidate to a narrower tier.
fn check_harder(p: &Policy, base: &SignalSpec, h: &Harder) -> Result<(), TestCaseError> {
    let up = base.provider_up(p.topology());
    let mut s = base.build(p.topology(), &up);
    s.p_community_or_cloud = h.p_community_or_cloud.0;
    s.p_cloud = h.p_cloud.0;
    let mut s2 = s.clone();
    s2.p_community_or_cloud = h.p_community_or_cloud.1;
    s2.p_cloud = h.p_cloud.1;
    let (d, d2) = (p.decide(&s), p.decide(&s2));
    if let (Some(t), Some(t2)) = (first_tier(p, &d), first_tier(p, &d2)) {
        prop_assert!(
            t2 >= t,
            "harder went from {t} (rule {}) to {t2} (rule {}): {d:?} vs {d2:?}",
            p.rule_name(d.rule),
            p.rule_name(d2.rule)
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    /// (c) Under the default policy over a realistic topology, raising either difficulty score
    /// never moves a prompt to a lower tier.
    #[test]
    fn harder_never_goes_to_a_lower_tier(
        redact_private in any::<bool>(),
        base in signal_spec(),
        h in harder(),
    ) {
        let p = default_policy(realistic(), redact_private)?;
        check_harder(&p, &base, &h)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// (c) The same over generated topologies with any ceilings: each tier's chain holds that
    /// tier's models, and the ceiling applies to both prompts alike.
    #[test]
    fn harder_never_goes_to_a_lower_tier_on_any_topology(
        redact_private in any::<bool>(),
        topo in topo_spec(),
        tenants in 0usize..=3,
        base in signal_spec(),
        h in harder(),
    ) {
        let p = default_policy(build_topology(&topo, tenants, false), redact_private)?;
        check_harder(&p, &base, &h)?;
    }
}

/// `x` raised by `by`: an unknown score (NaN) counts as the highest, as the engine reads it.
fn raise(x: f32, by: f32) -> f32 {
    if x.is_nan() || by.is_nan() {
        f32::NAN
    } else {
        x.max(by)
    }
}

/// Whether `s` has a finding at or above the policy's confidence (NaN counts), i.e. something
/// to redact.
fn has_findings(p: &Policy, s: &Signals<'_>) -> bool {
    let kinds = p.topology().finding_kinds.len();
    s.findings[..kinds]
        .iter()
        .any(|&c| c != 0.0 && (c >= p.finding_confidence() || c.is_nan()))
}

/// A more private version of a prompt: a higher (or unknown) privacy score, more or more
/// confident findings.
#[derive(Debug, Clone)]
struct MorePrivate {
    privacy: f32,
    findings: Vec<(usize, f32)>,
    /// Raises the redacted text's score.
    redacted: f32,
}

fn more_private() -> impl Strategy<Value = MorePrivate> {
    // Zero leaves a score as it was.
    let by = prop_oneof![2 => Just(0.0f32), 3 => score()];
    (by.clone(), prop::collection::vec(finding(), 0..3), by).prop_map(
        |(privacy, findings, redacted)| MorePrivate {
            privacy,
            findings,
            redacted,
        },
    )
}

/// `s` and a more private `s2`, both as the gateway would fill them: a redacted score only when
/// there is something to redact, and a redacted text that scores no lower than what `s` would
/// have sent. Where `s` had nothing to redact, that is `s` as written; where it had, its own
/// redacted text (unknown stays unknown).
fn private_pair<'a>(
    p: &Policy,
    base: &SignalSpec,
    more: &MorePrivate,
    up: &'a [bool],
) -> (Signals<'a>, Signals<'a>) {
    let mut s = base.build(p.topology(), up);
    if !has_findings(p, &s) {
        s.privacy_redacted = None;
    }
    let mut s2 = s.clone();
    s2.privacy = raise(s.privacy, more.privacy);
    for &(k, c) in &more.findings {
        s2.findings[k] = raise(s.findings[k], c);
    }
    s2.privacy_redacted = if !has_findings(p, &s2) {
        None
    } else if has_findings(p, &s) {
        s.privacy_redacted.map(|r| raise(r, more.redacted))
    } else {
        Some(raise(s.privacy, more.redacted))
    };
    (s, s2)
}

/// (d): the more private prompt's first candidate and widest candidate are no wider.
fn check_more_private(
    p: &Policy,
    base: &SignalSpec,
    more: &MorePrivate,
) -> Result<(), TestCaseError> {
    let up = base.provider_up(p.topology());
    let (s, s2) = private_pair(p, base, more, &up);
    let (d, d2) = (p.decide(&s), p.decide(&s2));
    let why = || {
        format!(
            "rule {} → {}, sent {} → {}: {s:?} vs {s2:?}",
            p.rule_name(d.rule),
            p.rule_name(d2.rule),
            d.sent,
            d2.sent
        )
    };
    if let (Some(t), Some(t2)) = (first_tier(p, &d), first_tier(p, &d2)) {
        prop_assert!(t2 <= t, "first candidate {t} → {t2}; {}", why());
    }
    if let (Some(t), Some(t2)) = (max_tier(p, &d), max_tier(p, &d2)) {
        prop_assert!(t2 <= t, "widest candidate {t} → {t2}; {}", why());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    /// (d) Under the default policy over a realistic topology, with and without
    /// `redact_private`, raising the privacy score or adding findings never moves a prompt to
    /// a tier with a wider audience.
    #[test]
    fn more_private_never_goes_to_a_wider_tier(
        redact_private in any::<bool>(),
        base in signal_spec(),
        more in more_private(),
    ) {
        let p = default_policy(realistic(), redact_private)?;
        check_more_private(&p, &base, &more)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// (d) The same over generated topologies whose ceilings are the tiers' defaults.
    #[test]
    fn more_private_never_goes_to_a_wider_tier_on_any_topology(
        redact_private in any::<bool>(),
        topo in topo_spec(),
        tenants in 0usize..=3,
        base in signal_spec(),
        more in more_private(),
    ) {
        let p = default_policy(build_topology(&topo, tenants, true), redact_private)?;
        check_more_private(&p, &base, &more)?;
    }
}

/// A card number on a hard prompt, with the redacted text scoring low: with `redact_private`
/// it goes to the cloud redacted, without it stays on the edge; either way never as written.
#[test]
fn a_card_is_redacted_or_kept_local() {
    for redact_private in [false, true] {
        let p = default_policy(realistic(), redact_private).unwrap();
        let up = [true; 5];
        let mut s = Signals::new(&up);
        s.p_community_or_cloud = 0.9;
        s.p_cloud = 0.9;
        s.findings[CARD] = 0.99;
        s.privacy_redacted = Some(0.1);
        let d = p.decide(&s);
        let tiers: Vec<Tier> = d.candidates.iter().map(|&m| tier_of(&p, m)).collect();
        if redact_private {
            assert_eq!(d.sent, Sensitivity::Redacted);
            assert_eq!(tiers[0], Tier::Cloud);
        } else {
            assert_eq!(d.sent, Sensitivity::Private);
            assert_eq!(tiers, [Tier::Edge, Tier::Edge]);
        }
    }
}

/// Any tenant index, however far past the configured ones, is an anonymous request.
#[test]
fn a_tenant_index_past_the_end_is_anonymous() {
    let p = default_policy(realistic(), false).unwrap();
    let up = [true; 5];
    for tenant in [Some(3), Some(usize::MAX - 1), Some(usize::MAX)] {
        let mut s = Signals::new(&up);
        s.tenant = tenant;
        let d = p.decide(&s);
        assert_eq!(p.rule_name(d.rule), "easy-to-edge", "{tenant:?}");
    }
}
