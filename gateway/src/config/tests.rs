use std::env::VarError;

use super::*;

fn no_env(_: &str) -> Result<String, VarError> {
    Err(VarError::NotPresent)
}

fn env_with(key: &'static str) -> impl Fn(&str) -> Result<String, VarError> {
    move |k: &str| {
        if k == key {
            Ok("sk-test".into())
        } else {
            Err(VarError::NotPresent)
        }
    }
}

fn fake_model(p: Option<&Path>) -> Result<PathBuf, String> {
    Ok(p.map_or_else(|| PathBuf::from("/models/default.gguf"), Path::to_path_buf))
}

fn no_model(_: Option<&Path>) -> Result<PathBuf, String> {
    Err("no edge model found; install one".into())
}

fn with(
    text: &str,
    var: &dyn Fn(&str) -> Result<String, VarError>,
    model: &dyn Fn(Option<&Path>) -> Result<PathBuf, String>,
) -> Result<Config, ConfigError> {
    Config::from_toml_env(text, "strata.toml", &Env { var, model })
}

fn load(text: &str) -> Result<Config, ConfigError> {
    with(text, &env_with("KEY"), &fake_model)
}

const GOOD: &str = r#"
[routing]
default_tier = "cloud"

[providers.main]
kind = "openai"
base_url = "http://127.0.0.1:9000/v1/"
api_key_env = "KEY"
retries = 1

[providers.claude]
kind = "anthropic"

[[models]]
name = "fast"
provider = "main"
model = "gpt-4.1-mini"
tier = "cloud"
fallbacks = ["smart"]

[[models]]
name = "smart"
provider = "claude"
tier = "cloud"

[tiers.cloud]
models = ["smart", "fast"]
"#;

#[test]
fn valid_config_resolves_references() {
    let c = load(GOOD).unwrap();
    assert_eq!(c.default_tier, Tier::Cloud);
    let main = c.provider("main").unwrap();
    assert_eq!(main.base_url, "http://127.0.0.1:9000/v1");
    assert_eq!(main.api_key.as_ref().unwrap().expose(), "sk-test");
    assert_eq!(main.retries, 1);
    assert_eq!(
        c.provider("claude").unwrap().base_url,
        "https://api.anthropic.com"
    );
    let fast = &c.models[0];
    assert_eq!(fast.upstream, "gpt-4.1-mini");
    assert_eq!(fast.fallbacks, vec![1]);
    assert_eq!(c.tiers[&Tier::Cloud], vec![1, 0]);
    assert!(c.tiers[&Tier::Edge].is_empty());
}

#[test]
fn embedded_defaults_run_the_edge_engine_without_keys() {
    let c = with(EMBEDDED_DEFAULTS, &no_env, &fake_model).unwrap();
    assert_eq!(c.providers.len(), 1);
    let edge = &c.providers[0];
    assert_eq!(edge.kind, ProviderKind::Local);
    let local = edge.local.as_ref().unwrap();
    assert_eq!(local.model_path, PathBuf::from("/models/default.gguf"));
    assert_eq!((local.slots, local.queue_depth, local.threads), (2, 16, 1));
    assert_eq!(c.default_tier, Tier::Edge);
    let edge_models: Vec<_> = c.tiers[&Tier::Edge]
        .iter()
        .map(|&i| c.models[i].name.as_str())
        .collect();
    assert_eq!(edge_models, vec!["smollm2-135m-instruct"]);
    assert!(c.tiers[&Tier::Cloud].is_empty());
    assert_eq!(c.notes.len(), 3, "{:?}", c.notes);
    assert_eq!(c.server.listen.to_string(), "127.0.0.1:8080");
}

#[test]
fn embedded_defaults_fail_clearly_without_an_edge_model() {
    let e = with(EMBEDDED_DEFAULTS, &no_env, &no_model).unwrap_err();
    assert_eq!(e.field, "providers.edge.model_path");
    assert!(e.message.contains("install"), "{e}");
}

#[test]
fn embedded_defaults_turn_on_providers_whose_key_is_set() {
    let c = with(
        EMBEDDED_DEFAULTS,
        &env_with("ANTHROPIC_API_KEY"),
        &fake_model,
    )
    .unwrap();
    let names: Vec<_> = c.providers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["anthropic", "edge"]);
    let names: Vec<_> = c.tiers[&Tier::Cloud]
        .iter()
        .map(|&i| c.models[i].name.as_str())
        .collect();
    assert_eq!(names, vec!["claude-haiku-4-5"]);
}

#[test]
fn local_providers_take_engine_settings_only() {
    let text =
        "[providers.e]\nkind = \"local\"\nmodel_path = \"/m/x.gguf\"\nslots = 4\nn_ctx = 2048\n";
    let c = load(text).unwrap();
    let local = c.providers[0].local.as_ref().unwrap();
    assert_eq!(local.model_path, PathBuf::from("/m/x.gguf"));
    assert_eq!((local.slots, local.n_ctx), (4, 2048));
    let e = load(&format!("{text}base_url = \"http://x\"\n")).unwrap_err();
    assert_eq!(e.field, "providers.e.base_url");
    let e = load("[providers.o]\nkind = \"openai\"\nslots = 2\n").unwrap_err();
    assert_eq!(e.field, "providers.o.slots");
    // An optional local provider without a model is skipped, not fatal.
    let c = with(
        "[providers.e]\nkind = \"local\"\noptional = true\n",
        &no_env,
        &no_model,
    )
    .unwrap();
    assert!(c.providers.is_empty());
    assert!(c.notes[0].contains("provider `e` is off"), "{:?}", c.notes);
}

#[test]
fn unknown_field_names_file_line_and_field() {
    let text = "[server]\nlisten = \"127.0.0.1:1\"\nlisen = 3\n";
    let e = load(text).unwrap_err();
    assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
    assert!(e.to_string().starts_with("strata.toml:3:"), "{e}");
    assert!(e.message.contains("unknown field `lisen`"), "{e}");
}

#[test]
fn wrong_type_names_the_field() {
    let e = load("[server]\nmax_body_bytes = \"big\"\n").unwrap_err();
    assert_eq!(e.field, "server.max_body_bytes", "{e}");
    assert_eq!(e.position.map(|p| p.0), Some(2));
}

#[test]
fn broken_toml_has_a_line() {
    let e = load("[server\nlisten = 1").unwrap_err();
    assert_eq!(e.position.map(|p| p.0), Some(1), "{e}");
}

#[test]
fn dangling_references_point_at_their_line() {
    let text = GOOD.replace("provider = \"claude\"", "provider = \"claud\"");
    let e = load(&text).unwrap_err();
    assert_eq!(e.field, "models[1].provider");
    assert!(e.message.contains("no provider named `claud`"));
    let line = text.lines().position(|l| l.contains("\"claud\"")).unwrap() + 1;
    assert_eq!(e.position.map(|p| p.0), Some(line), "{e}");

    let e = load(&GOOD.replace(
        "models = [\"smart\", \"fast\"]",
        "models = [\"smart\", \"fats\"]",
    ))
    .unwrap_err();
    assert_eq!(e.field, "tiers.cloud.models[1]");
}

#[test]
fn missing_required_key_fails_unless_optional() {
    let text = GOOD.replace("api_key_env = \"KEY\"", "api_key_env = \"NOPE\"");
    let e = load(&text).unwrap_err();
    assert_eq!(e.field, "providers.main.api_key_env");
    assert!(e.message.contains("NOPE is not set"), "{e}");
    assert!(!e.message.contains("sk-test"));
}

#[test]
fn bad_values_are_rejected() {
    for (from, to, field) in [
        (
            "default_tier = \"cloud\"",
            "default_tier = \"sky\"",
            "routing.default_tier",
        ),
        (
            "base_url = \"http://127.0.0.1:9000/v1/\"",
            "base_url = \"ftp://x\"",
            "providers.main.base_url",
        ),
        (
            "name = \"fast\"",
            "name = \"strata/fast\"",
            "models[0].name",
        ),
        ("name = \"smart\"", "name = \"fast\"", "models[1].name"),
        (
            "tier = \"cloud\"\nfallbacks",
            "tier = \"edge\"\nfallbacks",
            "tiers.cloud.models[1]",
        ),
    ] {
        let text = GOOD.replace(from, to);
        assert_ne!(text, GOOD, "{from}");
        let e = load(&text).unwrap_err();
        assert_eq!(e.field, field, "{e}");
    }
    let e = load("[server]\nlisten = \"localhost\"\n").unwrap_err();
    assert_eq!(e.field, "server.listen");
    assert_eq!(e.position.map(|p| p.0), Some(2));
}

#[test]
fn secrets_never_print() {
    let c = load(GOOD).unwrap();
    let dump = format!("{c:?}");
    assert!(!dump.contains("sk-test"), "{dump}");
}
