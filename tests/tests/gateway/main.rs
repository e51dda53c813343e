//! The gateway end to end through the Harness: real HTTP in front, mock upstreams behind.
//! One test binary (modules below) keeps link time down.

// Helpers shared by the tests are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod bad_input;
mod breaker;
mod fallback;
mod passthrough;
mod policy;
mod shutdown;
mod translation;

use strata_tests::mock::MockUpstream;

/// A configuration whose `cloud` tier chains the given OpenAI-compatible mocks in order, as
/// providers `p0`, `p1`, ... with models `m0`, `m1`, .... `extra` is appended to each provider
/// table (retries, timeouts, breaker settings), with `{p}` replaced by the provider's name so
/// sub-tables like `[providers.{p}.timeouts]` can be written.
pub fn chain_config(mocks: &[&MockUpstream], extra: &str) -> String {
    let mut toml = String::from("[routing]\ndefault_tier = \"cloud\"\n");
    let mut names = Vec::new();
    for (i, m) in mocks.iter().enumerate() {
        toml.push_str(&format!(
            "[providers.p{i}]\nkind = \"openai\"\nbase_url = \"{}/v1\"\napi_key_env = \"KEY\"\n{}\n",
            m.url(),
            extra.replace("{p}", &format!("p{i}"))
        ));
        names.push(format!("\"m{i}\""));
    }
    for i in 0..mocks.len() {
        toml.push_str(&format!(
            "[[models]]\nname = \"m{i}\"\nprovider = \"p{i}\"\nmodel = \"upstream-{i}\"\ntier = \"cloud\"\n"
        ));
    }
    toml.push_str(&format!("[tiers.cloud]\nmodels = [{}]\n", names.join(", ")));
    toml
}

pub fn hello(model: &str) -> serde_json::Value {
    serde_json::json!({"model": model, "messages": [{"role": "user", "content": "hello"}]})
}

pub fn hello_stream(model: &str) -> serde_json::Value {
    serde_json::json!({"model": model, "stream": true, "messages": [{"role": "user", "content": "hello"}]})
}
