//! Stage one: the TOML as written, with every default explicit and no unknown field accepted.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    #[serde(default)]
    pub server: RawServer,
    #[serde(default)]
    pub routing: RawRouting,
    #[serde(default)]
    pub providers: BTreeMap<String, RawProvider>,
    #[serde(default)]
    pub models: Vec<RawModel>,
    #[serde(default)]
    pub tiers: BTreeMap<Spanned<String>, RawTier>,
    /// Routing rules, thresholds and request controls (the policy engine's part).
    #[serde(default)]
    pub policy: policies::raw::RawPolicy,
    /// API keys, budgets and rules per tenant. With none configured the gateway is open.
    #[serde(default)]
    pub tenants: BTreeMap<String, RawTenant>,
    #[serde(default)]
    pub classifier: RawClassifier,
}

/// `[classifier]`: where the prompt classifier finds ONNX Runtime, and how many sessions it
/// keeps.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClassifier {
    /// The `libonnxruntime.so.*` file; unset, it is discovered (ORT_DYLIB_PATH, venvs).
    pub onnxruntime_path: Option<Spanned<String>>,
    /// Concurrent inference sessions (default: the CPU count, at most 4).
    pub sessions: Option<usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BudgetPeriod {
    Day,
    #[default]
    Month,
    /// Never resets while the gateway runs.
    Total,
}

/// `[tenants.NAME]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTenant {
    /// Variable holding the key this tenant's clients send (`Authorization: Bearer` or
    /// `x-api-key`).
    pub api_key_env: Spanned<String>,
    /// Dollars the tenant may spend per `budget_period`, at the models' prices.
    pub budget_usd: Option<Spanned<f64>>,
    #[serde(default)]
    pub budget_period: BudgetPeriod,
    pub allow_tier_requests: Option<bool>,
    pub allow_model_requests: Option<bool>,
    /// Evaluated before the gateway's rules.
    #[serde(default)]
    pub rules: Vec<policies::raw::RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServer {
    #[serde(default = "default_listen")]
    pub listen: Spanned<String>,
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: u64,
    #[serde(default = "default_request_timeout_secs")]
    pub request_timeout_secs: u64,
    #[serde(default = "default_shutdown_grace_secs")]
    pub shutdown_grace_secs: u64,
}

impl Default for RawServer {
    fn default() -> Self {
        Self {
            listen: default_listen(),
            max_body_bytes: default_max_body_bytes(),
            request_timeout_secs: default_request_timeout_secs(),
            shutdown_grace_secs: default_shutdown_grace_secs(),
        }
    }
}

fn default_listen() -> Spanned<String> {
    Spanned::new(0..0, "127.0.0.1:8080".to_owned())
}
fn default_max_body_bytes() -> u64 {
    8 * 1024 * 1024
}
fn default_request_timeout_secs() -> u64 {
    600
}
fn default_shutdown_grace_secs() -> u64 {
    30
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRouting {
    /// Where `strata/auto` starts until the policy engine decides per request.
    #[serde(default = "default_tier")]
    pub default_tier: Spanned<String>,
}

impl Default for RawRouting {
    fn default() -> Self {
        Self {
            default_tier: default_tier(),
        }
    }
}

fn default_tier() -> Spanned<String> {
    Spanned::new(0..0, "edge".to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Openai,
    Anthropic,
    Gemini,
    /// The in-process edge engine (a GGUF model run by llama.cpp).
    Local,
}

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Openai => "openai",
            ProviderKind::Anthropic => "anthropic",
            ProviderKind::Gemini => "gemini",
            ProviderKind::Local => "local",
        }
    }

    pub fn default_base_url(self) -> &'static str {
        match self {
            ProviderKind::Openai => "https://api.openai.com/v1",
            ProviderKind::Anthropic => "https://api.anthropic.com",
            ProviderKind::Gemini => "https://generativelanguage.googleapis.com/v1beta",
            ProviderKind::Local => "",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvider {
    pub kind: ProviderKind,
    pub base_url: Option<Spanned<String>>,
    /// Name of the environment variable holding the key; the key itself never goes in a file.
    pub api_key_env: Option<Spanned<String>>,
    /// Skip this provider (and the models on it) when its key variable is unset, instead of
    /// refusing to start.
    #[serde(default)]
    pub optional: bool,
    /// Extra headers for every upstream request (OpenAI-compatible providers only).
    pub headers: Option<Spanned<BTreeMap<String, String>>>,
    /// `anthropic-version` header (Anthropic only).
    pub anthropic_version: Option<String>,
    /// Extra attempts on this provider after a retryable failure, before the next candidate.
    #[serde(default)]
    pub retries: u32,
    /// Longest wait before such a retry; a `Retry-After` beyond it moves on at once.
    #[serde(default = "default_max_retry_wait_ms")]
    pub max_retry_wait_ms: u64,
    #[serde(default)]
    pub timeouts: RawTimeouts,
    #[serde(default)]
    pub breaker: RawBreaker,
    /// GGUF file of a `local` provider; without it the default model is discovered.
    pub model_path: Option<Spanned<String>>,
    /// Context tokens per sequence (`local` only).
    pub n_ctx: Option<u32>,
    /// Decode threads (`local` only).
    pub threads: Option<i32>,
    /// Prompt-processing threads (`local` only).
    pub batch_threads: Option<i32>,
    /// Sequences decoded concurrently (`local` only).
    pub slots: Option<usize>,
    /// Requests waiting beyond the slots before callers get a 429 (`local` only).
    pub queue_depth: Option<usize>,
    /// The most sensitive prompt this provider may see (public, redacted or private); unset,
    /// its models' tier decides.
    pub ceiling: Option<Spanned<String>>,
}

fn default_max_retry_wait_ms() -> u64 {
    2_000
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimeouts {
    #[serde(default = "d_connect")]
    pub connect_ms: u64,
    #[serde(default = "d_first_byte")]
    pub first_byte_ms: u64,
    #[serde(default = "d_idle")]
    pub idle_ms: u64,
    #[serde(default = "d_total")]
    pub total_ms: u64,
}

fn d_connect() -> u64 {
    5_000
}
fn d_first_byte() -> u64 {
    60_000
}
fn d_idle() -> u64 {
    30_000
}
fn d_total() -> u64 {
    600_000
}

impl Default for RawTimeouts {
    fn default() -> Self {
        Self {
            connect_ms: d_connect(),
            first_byte_ms: d_first_byte(),
            idle_ms: d_idle(),
            total_ms: d_total(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBreaker {
    #[serde(default = "d_consecutive")]
    pub consecutive_failures: u32,
    #[serde(default = "d_ratio")]
    pub failure_ratio: f64,
    #[serde(default = "d_window")]
    pub window: u32,
    #[serde(default = "d_min_calls")]
    pub min_calls: u32,
    #[serde(default = "d_cooldown")]
    pub cooldown_ms: u64,
}

fn d_consecutive() -> u32 {
    5
}
fn d_ratio() -> f64 {
    0.5
}
fn d_window() -> u32 {
    20
}
fn d_min_calls() -> u32 {
    10
}
fn d_cooldown() -> u64 {
    30_000
}

impl Default for RawBreaker {
    fn default() -> Self {
        Self {
            consecutive_failures: d_consecutive(),
            failure_ratio: d_ratio(),
            window: d_window(),
            min_calls: d_min_calls(),
            cooldown_ms: d_cooldown(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawModel {
    /// What clients put in `model`.
    pub name: Spanned<String>,
    pub provider: Spanned<String>,
    /// The upstream's name for it; defaults to `name`.
    pub model: Option<String>,
    pub tier: Spanned<String>,
    /// Models to try, in order, when this one fails with a retryable error.
    #[serde(default)]
    pub fallbacks: Vec<Spanned<String>>,
    /// Dollars per million tokens, for budgets (0 when unset).
    #[serde(default)]
    pub price: RawPrice,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrice {
    #[serde(default)]
    pub input: f64,
    #[serde(default)]
    pub output: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTier {
    /// The tier's fallback chain, by model name; unset, its models in file order.
    pub models: Option<Vec<Spanned<String>>>,
    /// The most sensitive prompt the tier may see: public, redacted or private (default:
    /// private for the edge, redacted for the others).
    pub ceiling: Option<Spanned<String>>,
}
