//! Configuration in two stages: [`raw`] is the TOML as written (unknown fields refused), and
//! [`validate`] resolves every cross-reference — model → provider, tier → model, key variable →
//! key — into a [`Config`] the server can trust. Every error names the file, line, column and
//! field it is about.

pub mod raw;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use policies::{ModelInfo, Policy, Sensitivity, Tier, Topology};
use providers::Secret;
use providers::breaker::BreakerConfig;
use providers::http::Timeouts;
use toml::Spanned;

use raw::RawConfig;
pub use raw::{BudgetPeriod, ProviderKind};

/// The configuration used when no file is given. Cloud providers switch themselves on when
/// their usual key variable is set.
pub const EMBEDDED_DEFAULTS: &str = include_str!("defaults.toml");
const EMBEDDED_NAME: &str = "<embedded defaults>";

/// A configuration error, pointing at the place in the file that caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    /// 1-based line and column, when the error has a place in the file.
    pub position: Option<(usize, usize)>,
    /// Dotted path of the offending field (`providers.openai.base_url`).
    pub field: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
    pub shutdown_grace: Duration,
}

/// Settings of the in-process engine (`kind = "local"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalSettings {
    /// The GGUF file, explicit or discovered.
    pub model_path: PathBuf,
    pub n_ctx: u32,
    pub threads: i32,
    pub batch_threads: i32,
    pub slots: usize,
    pub queue_depth: usize,
}

#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub name: String,
    pub kind: ProviderKind,
    pub base_url: String,
    pub api_key: Option<Secret>,
    pub headers: Vec<(String, String)>,
    pub anthropic_version: String,
    pub retries: u32,
    pub max_retry_wait: Duration,
    pub timeouts: Timeouts,
    pub breaker: BreakerConfig,
    /// Present exactly when `kind` is `Local`.
    pub local: Option<LocalSettings>,
    /// The provider's own privacy ceiling, when it overrides its tier's.
    pub ceiling: Option<Sensitivity>,
}

#[derive(Debug, Clone)]
pub struct ModelConfig {
    pub name: String,
    /// Index into [`Config::providers`].
    pub provider: usize,
    pub upstream: String,
    pub tier: Tier,
    /// Indices into [`Config::models`].
    pub fallbacks: Vec<usize>,
    /// Dollars per million input and output tokens.
    pub price: Price,
    /// The most sensitive prompt the model may receive.
    pub ceiling: Sensitivity,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Price {
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
}

impl Price {
    pub fn cost(&self, input_tokens: u64, output_tokens: u64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let (i, o) = (input_tokens as f64, output_tokens as f64);
        (i * self.input_per_mtok + o * self.output_per_mtok) / 1e6
    }
}

/// A tenant: who a request's API key belongs to.
#[derive(Debug, Clone)]
pub struct TenantConfig {
    pub name: String,
    pub key: Secret,
    pub budget: Option<Budget>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    pub usd: f64,
    pub period: BudgetPeriod,
}

/// Settings of the prompt classifier.
#[derive(Debug, Clone, Default)]
pub struct ClassifierSettings {
    pub onnxruntime_path: Option<PathBuf>,
    pub sessions: Option<std::num::NonZeroUsize>,
}

/// A validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it came from: a path, or `<embedded defaults>`.
    pub source: String,
    pub server: ServerConfig,
    pub default_tier: Tier,
    pub providers: Vec<ProviderConfig>,
    pub models: Vec<ModelConfig>,
    /// Each tier's chain, as indices into `models`.
    pub tiers: BTreeMap<Tier, Vec<usize>>,
    /// The routing policy, compiled against the models, providers and tenants above.
    pub policy: Policy,
    pub tenants: Vec<TenantConfig>,
    pub classifier: ClassifierSettings,
    /// What validation decided on the operator's behalf (skipped optional providers, ...).
    pub notes: Vec<String>,
}

/// What validation looks up outside the file: environment variables (for keys) and the edge
/// model (for `local` providers). Injected so tests do not depend on the machine.
#[allow(missing_debug_implementations)]
pub struct Env<'a> {
    pub var: &'a dyn Fn(&str) -> Result<String, std::env::VarError>,
    pub model: &'a dyn Fn(Option<&Path>) -> Result<PathBuf, String>,
}

/// The real edge-model discovery, with its error as text for a [`ConfigError`].
pub fn discover_model(explicit: Option<&Path>) -> Result<PathBuf, String> {
    local_engine::discover_model(explicit).map_err(|e| e.to_string())
}

impl Env<'static> {
    /// The process environment and the real model discovery.
    pub fn process() -> Self {
        Env {
            var: &|k: &str| std::env::var(k),
            model: &discover_model,
        }
    }
}

impl Config {
    /// Reads and validates a TOML file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            position: None,
            field: String::new(),
            message: format!("cannot read the file: {e}"),
        })?;
        Self::from_toml_env(&text, &file, &Env::process())
    }

    /// The embedded defaults, with keys from the process environment.
    pub fn embedded() -> Result<Config, ConfigError> {
        Self::from_toml(EMBEDDED_DEFAULTS, EMBEDDED_NAME, &|k: &str| {
            std::env::var(k)
        })
    }

    /// Parses and validates `text`; `var` looks up key variables (injected for tests); edge
    /// models are discovered for real.
    pub fn from_toml(
        text: &str,
        file: &str,
        var: &dyn Fn(&str) -> Result<String, std::env::VarError>,
    ) -> Result<Config, ConfigError> {
        let env = Env {
            var,
            model: &discover_model,
        };
        Self::from_toml_env(text, file, &env)
    }

    pub fn from_toml_env(text: &str, file: &str, env: &Env<'_>) -> Result<Config, ConfigError> {
        let raw = parse(text, file)?;
        Validator { text, file, env }.validate(raw)
    }

    pub fn provider(&self, name: &str) -> Option<&ProviderConfig> {
        self.providers.iter().find(|p| p.name == name)
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn parse(text: &str, file: &str) -> Result<RawConfig, ConfigError> {
    let de = toml::Deserializer::new(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let position = inner.span().map(|s| line_col(text, s.start));
        ConfigError {
            file: file.to_owned(),
            position,
            field: if field == "." { String::new() } else { field },
            message: inner.message().trim().to_owned(),
        }
    })
}

struct Validator<'a> {
    text: &'a str,
    file: &'a str,
    env: &'a Env<'a>,
}

impl Validator<'_> {
    fn err(
        &self,
        span: Option<Range<usize>>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            file: self.file.to_owned(),
            // A zero-width span at 0 is a default value: it has no place in the file.
            position: span
                .filter(|s| !s.is_empty())
                .map(|s| line_col(self.text, s.start)),
            field: field.into(),
            message: message.into(),
        }
    }

    fn tier(&self, s: &Spanned<String>, field: &str) -> Result<Tier, ConfigError> {
        s.get_ref()
            .parse::<Tier>()
            .map_err(|e| self.err(Some(s.span()), field, e.to_string()))
    }

    fn validate(&self, raw: RawConfig) -> Result<Config, ConfigError> {
        let mut notes = Vec::new();

        let listen = raw
            .server
            .listen
            .get_ref()
            .parse::<SocketAddr>()
            .map_err(|_| {
                self.err(
                    Some(raw.server.listen.span()),
                    "server.listen",
                    format!(
                        "`{}` is not an address like 127.0.0.1:8080",
                        raw.server.listen.get_ref()
                    ),
                )
            })?;
        if raw.server.max_body_bytes == 0 {
            return Err(self.err(None, "server.max_body_bytes", "must be greater than 0"));
        }
        if raw.server.request_timeout_secs == 0 {
            return Err(self.err(
                None,
                "server.request_timeout_secs",
                "must be greater than 0",
            ));
        }
        let server = ServerConfig {
            listen,
            max_body_bytes: usize::try_from(raw.server.max_body_bytes).unwrap_or(usize::MAX),
            request_timeout: Duration::from_secs(raw.server.request_timeout_secs),
            shutdown_grace: Duration::from_secs(raw.server.shutdown_grace_secs),
        };
        let default_tier = self.tier(&raw.routing.default_tier, "routing.default_tier")?;

        // Providers: resolve base URLs and keys; drop optional ones without a key.
        let mut providers = Vec::new();
        let mut skipped: HashSet<String> = HashSet::new();
        for (name, p) in raw.providers {
            let field = |f: &str| format!("providers.{name}.{f}");
            if name.is_empty() || name.contains(['/', ' ']) {
                return Err(self.err(
                    None,
                    format!("providers.{name}"),
                    "a provider name must be non-empty, without spaces or `/`",
                ));
            }
            let local = if p.kind == ProviderKind::Local {
                for (present, f) in [
                    (p.base_url.is_some(), "base_url"),
                    (p.api_key_env.is_some(), "api_key_env"),
                    (p.headers.is_some(), "headers"),
                ] {
                    if present {
                        return Err(self.err(None, field(f), "does not apply to kind = \"local\""));
                    }
                }
                let explicit = p.model_path.as_ref().map(|m| PathBuf::from(m.get_ref()));
                let model_path = match (self.env.model)(explicit.as_deref()) {
                    Ok(path) => path,
                    Err(e) if p.optional => {
                        notes.push(format!("provider `{name}` is off: {e}"));
                        skipped.insert(name.clone());
                        continue;
                    }
                    Err(e) => {
                        return Err(self.err(
                            p.model_path.as_ref().map(Spanned::span),
                            field("model_path"),
                            e,
                        ));
                    }
                };
                let slots = p.slots.unwrap_or(2);
                if slots == 0 {
                    return Err(self.err(None, field("slots"), "must be greater than 0"));
                }
                Some(LocalSettings {
                    model_path,
                    n_ctx: p.n_ctx.unwrap_or(4096),
                    threads: p.threads.unwrap_or(1),
                    batch_threads: p.batch_threads.unwrap_or(2),
                    slots,
                    queue_depth: p.queue_depth.unwrap_or(16),
                })
            } else {
                for (present, f) in [
                    (p.model_path.is_some(), "model_path"),
                    (p.n_ctx.is_some(), "n_ctx"),
                    (p.threads.is_some(), "threads"),
                    (p.batch_threads.is_some(), "batch_threads"),
                    (p.slots.is_some(), "slots"),
                    (p.queue_depth.is_some(), "queue_depth"),
                ] {
                    if present {
                        return Err(self.err(None, field(f), "only applies to kind = \"local\""));
                    }
                }
                None
            };
            let base_url = match &p.base_url {
                Some(u) => {
                    let s = u.get_ref().trim_end_matches('/');
                    let ok = (s.starts_with("http://") || s.starts_with("https://"))
                        && s.len() > "https://".len();
                    if !ok {
                        return Err(self.err(
                            Some(u.span()),
                            field("base_url"),
                            format!("`{}` is not an http(s) URL", u.get_ref()),
                        ));
                    }
                    s.to_owned()
                }
                None => p.kind.default_base_url().to_owned(),
            };
            let api_key = match &p.api_key_env {
                None => None,
                Some(var) => match (self.env.var)(var.get_ref()) {
                    Ok(v) if !v.trim().is_empty() => Some(Secret::new(v.trim())),
                    _ if p.optional => {
                        notes.push(format!(
                            "provider `{name}` is off: environment variable {} is not set",
                            var.get_ref()
                        ));
                        skipped.insert(name.clone());
                        continue;
                    }
                    _ => {
                        return Err(self.err(
                            Some(var.span()),
                            field("api_key_env"),
                            format!(
                                "environment variable {} is not set (set it, or mark the provider `optional = true`)",
                                var.get_ref()
                            ),
                        ));
                    }
                },
            };
            if let Some(h) = &p.headers
                && p.kind != ProviderKind::Openai
                && !h.get_ref().is_empty()
            {
                return Err(self.err(
                    Some(h.span()),
                    field("headers"),
                    "extra headers are supported for kind = \"openai\" only",
                ));
            }
            if p.kind != ProviderKind::Anthropic && p.anthropic_version.is_some() {
                return Err(self.err(
                    None,
                    field("anthropic_version"),
                    "only applies to kind = \"anthropic\"",
                ));
            }
            let ceiling = p
                .ceiling
                .as_ref()
                .map(|c| self.sensitivity(c, &field("ceiling")))
                .transpose()?;
            let t = &p.timeouts;
            for (v, f) in [
                (t.connect_ms, "timeouts.connect_ms"),
                (t.first_byte_ms, "timeouts.first_byte_ms"),
                (t.idle_ms, "timeouts.idle_ms"),
                (t.total_ms, "timeouts.total_ms"),
            ] {
                if v == 0 {
                    return Err(self.err(None, field(f), "must be greater than 0"));
                }
            }
            let b = &p.breaker;
            if !(b.failure_ratio > 0.0 && b.failure_ratio <= 1.0) {
                return Err(self.err(None, field("breaker.failure_ratio"), "must be in (0, 1]"));
            }
            if b.consecutive_failures == 0 || b.window == 0 {
                return Err(self.err(
                    None,
                    field("breaker"),
                    "consecutive_failures and window must be greater than 0",
                ));
            }
            providers.push(ProviderConfig {
                headers: p
                    .headers
                    .map(|h| h.into_inner().into_iter().collect())
                    .unwrap_or_default(),
                anthropic_version: p
                    .anthropic_version
                    .unwrap_or_else(|| "2023-06-01".to_owned()),
                retries: p.retries,
                max_retry_wait: Duration::from_millis(p.max_retry_wait_ms),
                timeouts: Timeouts {
                    connect: Duration::from_millis(t.connect_ms),
                    first_byte: Duration::from_millis(t.first_byte_ms),
                    idle: Duration::from_millis(t.idle_ms),
                    total: Duration::from_millis(t.total_ms),
                },
                breaker: BreakerConfig {
                    consecutive_failures: b.consecutive_failures,
                    failure_ratio: b.failure_ratio,
                    window: b.window,
                    min_calls: b.min_calls,
                    cooldown: Duration::from_millis(b.cooldown_ms),
                },
                name,
                kind: p.kind,
                base_url,
                api_key,
                local,
                ceiling,
            });
        }

        // Models: resolve providers; names must be unique and must not shadow the aliases.
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut models: Vec<ModelConfig> = Vec::new();
        let mut raw_fallbacks = Vec::new();
        let mut dropped: HashSet<String> = HashSet::new();
        for (i, m) in raw.models.iter().enumerate() {
            let field = |f: &str| format!("models[{i}].{f}");
            let name = m.name.get_ref();
            if name.is_empty() || name.starts_with("strata/") {
                return Err(self.err(
                    Some(m.name.span()),
                    field("name"),
                    format!(
                        "`{name}` is not allowed: names under `strata/` are the gateway's aliases"
                    ),
                ));
            }
            let tier = self.tier(&m.tier, &field("tier"))?;
            let provider = match providers
                .iter()
                .position(|p| p.name == *m.provider.get_ref())
            {
                Some(p) => p,
                None if skipped.contains(m.provider.get_ref()) => {
                    dropped.insert(name.clone());
                    continue;
                }
                None => {
                    return Err(self.err(
                        Some(m.provider.span()),
                        field("provider"),
                        format!("no provider named `{}` is configured", m.provider.get_ref()),
                    ));
                }
            };
            if by_name.insert(name.clone(), models.len()).is_some() {
                return Err(self.err(
                    Some(m.name.span()),
                    field("name"),
                    format!("model `{name}` is defined twice"),
                ));
            }
            for (v, f) in [
                (m.price.input, "price.input"),
                (m.price.output, "price.output"),
            ] {
                if !(v >= 0.0 && v.is_finite()) {
                    return Err(self.err(
                        None,
                        field(f),
                        "must be a non-negative number of dollars per million tokens",
                    ));
                }
            }
            raw_fallbacks.push((i, &m.fallbacks));
            models.push(ModelConfig {
                name: name.clone(),
                provider,
                upstream: m.model.clone().unwrap_or_else(|| name.clone()),
                tier,
                fallbacks: Vec::new(),
                price: Price {
                    input_per_mtok: m.price.input,
                    output_per_mtok: m.price.output,
                },
                // Settled below, once the tiers' ceilings are known.
                ceiling: Sensitivity::Public,
            });
        }
        for (slot, (i, fallbacks)) in raw_fallbacks.into_iter().enumerate() {
            let mut resolved = Vec::new();
            for (j, f) in fallbacks.iter().enumerate() {
                match by_name.get(f.get_ref()) {
                    Some(&idx) if idx != slot => resolved.push(idx),
                    Some(_) => {
                        return Err(self.err(
                            Some(f.span()),
                            format!("models[{i}].fallbacks[{j}]"),
                            "a model cannot fall back to itself",
                        ));
                    }
                    None if dropped.contains(f.get_ref()) => {}
                    None => {
                        return Err(self.err(
                            Some(f.span()),
                            format!("models[{i}].fallbacks[{j}]"),
                            format!("no model named `{}`", f.get_ref()),
                        ));
                    }
                }
            }
            models[slot].fallbacks = resolved;
        }

        let mut tiers: BTreeMap<Tier, Vec<usize>> = BTreeMap::new();
        let mut tier_ceilings: BTreeMap<Tier, Sensitivity> = BTreeMap::new();
        for (tier_name, t) in &raw.tiers {
            let field = format!("tiers.{}", tier_name.get_ref());
            let tier = self.tier(tier_name, &field)?;
            if let Some(c) = &t.ceiling {
                tier_ceilings.insert(tier, self.sensitivity(c, &format!("{field}.ceiling"))?);
            }
            let Some(listed) = &t.models else {
                continue;
            };
            let mut chain = Vec::new();
            for (j, m) in listed.iter().enumerate() {
                match by_name.get(m.get_ref()) {
                    Some(&idx) => {
                        if models[idx].tier != tier {
                            return Err(self.err(
                                Some(m.span()),
                                format!("{field}.models[{j}]"),
                                format!(
                                    "model `{}` is declared in tier `{}`",
                                    m.get_ref(),
                                    models[idx].tier
                                ),
                            ));
                        }
                        chain.push(idx);
                    }
                    None if dropped.contains(m.get_ref()) => {}
                    None => {
                        return Err(self.err(
                            Some(m.span()),
                            format!("{field}.models[{j}]"),
                            format!("no model named `{}`", m.get_ref()),
                        ));
                    }
                }
            }
            tiers.insert(tier, chain);
        }
        // A tier without an explicit list offers its models in file order.
        for tier in Tier::ALL {
            tiers.entry(tier).or_insert_with(|| {
                models
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.tier == tier)
                    .map(|(i, _)| i)
                    .collect()
            });
        }
        for m in &mut models {
            let tier_ceiling = tier_ceilings
                .get(&m.tier)
                .copied()
                .unwrap_or_else(|| Sensitivity::default_ceiling(m.tier));
            m.ceiling = providers[m.provider].ceiling.unwrap_or(tier_ceiling);
        }
        let tenants = self.tenants(&raw.tenants)?;
        let classifier = ClassifierSettings {
            onnxruntime_path: raw
                .classifier
                .onnxruntime_path
                .as_ref()
                .map(|p| PathBuf::from(p.get_ref())),
            sessions: match raw.classifier.sessions {
                None => None,
                Some(n) => Some(std::num::NonZeroUsize::new(n).ok_or_else(|| {
                    self.err(None, "classifier.sessions", "must be greater than 0")
                })?),
            },
        };
        let topology = topology(&providers, &models, &tiers, default_tier, &tenants);
        let tenant_policies: Vec<policies::raw::RawTenantPolicy> = raw
            .tenants
            .values()
            .map(|t| policies::raw::RawTenantPolicy {
                allow_tier_requests: t.allow_tier_requests,
                allow_model_requests: t.allow_model_requests,
                rules: t.rules.clone(),
            })
            .collect();
        let policy = Policy::compile(&raw.policy, &tenant_policies, topology)
            .map_err(|e| self.err(e.span, e.field, e.message))?;

        if providers.is_empty() {
            notes.push(
                "no provider is configured: every request will get a 503 until one is".to_owned(),
            );
        }

        Ok(Config {
            source: self.file.to_owned(),
            server,
            default_tier,
            providers,
            models,
            tiers,
            policy,
            tenants,
            classifier,
            notes,
        })
    }

    fn sensitivity(&self, s: &Spanned<String>, field: &str) -> Result<Sensitivity, ConfigError> {
        s.get_ref()
            .parse::<Sensitivity>()
            .map_err(|e| self.err(Some(s.span()), field, e))
    }

    fn tenants(
        &self,
        raw: &BTreeMap<String, raw::RawTenant>,
    ) -> Result<Vec<TenantConfig>, ConfigError> {
        let mut out: Vec<TenantConfig> = Vec::with_capacity(raw.len());
        for (name, t) in raw {
            let field = |f: &str| format!("tenants.{name}.{f}");
            let var = t.api_key_env.get_ref();
            let key = match (self.env.var)(var) {
                Ok(v) if !v.trim().is_empty() => Secret::new(v.trim()),
                _ => {
                    return Err(self.err(
                        Some(t.api_key_env.span()),
                        field("api_key_env"),
                        format!("environment variable {var} is not set"),
                    ));
                }
            };
            if let Some(other) = out.iter().find(|o| o.key.expose() == key.expose()) {
                return Err(self.err(
                    Some(t.api_key_env.span()),
                    field("api_key_env"),
                    format!("tenant `{}` has the same key", other.name),
                ));
            }
            let budget = match &t.budget_usd {
                None => None,
                Some(b) if *b.get_ref() >= 0.0 && b.get_ref().is_finite() => Some(Budget {
                    usd: *b.get_ref(),
                    period: t.budget_period,
                }),
                Some(b) => {
                    return Err(self.err(
                        Some(b.span()),
                        field("budget_usd"),
                        "must be a non-negative number of dollars",
                    ));
                }
            };
            out.push(TenantConfig {
                name: name.clone(),
                key,
                budget,
            });
        }
        Ok(out)
    }
}

/// The part of the configuration the policy engine sees.
fn topology(
    providers: &[ProviderConfig],
    models: &[ModelConfig],
    tiers: &BTreeMap<Tier, Vec<usize>>,
    default_tier: Tier,
    tenants: &[TenantConfig],
) -> Topology {
    let chain = |t: Tier| tiers.get(&t).cloned().unwrap_or_default();
    let mut auto: Vec<usize> = Vec::new();
    for t in policies::auto_order(default_tier) {
        for m in chain(t) {
            if !auto.contains(&m) {
                auto.push(m);
            }
        }
    }
    Topology {
        providers: providers.iter().map(|p| p.name.clone()).collect(),
        models: models
            .iter()
            .map(|m| ModelInfo {
                name: m.name.clone(),
                tier: m.tier,
                provider: m.provider,
                ceiling: m.ceiling,
                fallbacks: m.fallbacks.clone(),
            })
            .collect(),
        tiers: [
            chain(Tier::Edge),
            chain(Tier::Community),
            chain(Tier::Cloud),
        ],
        auto,
        tenants: tenants.iter().map(|t| t.name.clone()).collect(),
        finding_kinds: classifiers::FindingKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect(),
    }
}

#[cfg(test)]
mod tests;
