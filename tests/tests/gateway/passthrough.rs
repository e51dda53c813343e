//! OpenAI-compatible upstreams get the client's request losslessly; answers come back with the
//! x-strata-* headers; streaming re-encodes faithfully.

use serde_json::json;
use strata_tests::harness::{Harness, TEST_KEY, sse_data};
use strata_tests::mock::{MockUpstream, Reply, fixtures};

use super::{chain_config, hello_stream};

#[tokio::test]
async fn unknown_fields_reach_the_upstream_unchanged() {
    let up = MockUpstream::start(vec![Reply::json(
        200,
        fixtures::openai_completion("Bonjour"),
    )])
    .await;
    let gw = Harness::start(&chain_config(&[&up], "")).await;
    let body = json!({
        "model": "m0",
        "messages": [
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": [{"type": "text", "text": "hi"}, {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}
        ],
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}],
        "tool_choice": "auto",
        "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}},
        "seed": 42,
        "logprobs": true,
        "top_logprobs": 2,
        "parallel_tool_calls": false,
        "metadata": {"team": "search"},
        "some_future_field": {"nested": [1, 2, 3]}
    });
    let resp = gw.post("/v1/chat/completions", &body).await;
    assert_eq!(resp.status(), 200);
    let h = resp.headers();
    assert_eq!(h["x-strata-tier"], "cloud");
    assert_eq!(h["x-strata-provider"], "p0");
    assert_eq!(h["x-strata-model"], "upstream-0");
    assert_eq!(h["x-strata-attempts"], "1");
    assert!(!h["x-request-id"].is_empty());
    let answer: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(answer["choices"][0]["message"]["content"], "Bonjour");
    assert_eq!(
        answer["system_fingerprint"], "fp_06737a9306",
        "unknown response fields survive"
    );
    assert_eq!(
        answer["usage"]["completion_tokens_details"]["reasoning_tokens"],
        0
    );

    let seen = up.last_request().unwrap();
    assert_eq!(seen.path, "/v1/chat/completions");
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Bearer {TEST_KEY}").as_str())
    );
    let mut expected = body.clone();
    expected["model"] = json!("upstream-0");
    assert_eq!(seen.json(), expected, "only `model` is rewritten");
}

#[tokio::test]
async fn client_request_id_is_kept_and_forwarded() {
    let up = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("x"))]).await;
    let gw = Harness::start(&chain_config(&[&up], "")).await;
    let resp = gw
        .client
        .post(gw.url("/v1/chat/completions"))
        .header("x-request-id", "trace-me-123")
        .json(&super::hello("m0"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["x-request-id"], "trace-me-123");
    assert_eq!(
        up.last_request().unwrap().header("x-request-id"),
        Some("trace-me-123")
    );
}

#[tokio::test]
async fn streaming_passes_chunks_and_usage_only_when_asked() {
    let up = MockUpstream::start(vec![Reply::sse(fixtures::openai_stream(&[
        "Hel", "lo", "!",
    ]))])
    .await;
    let gw = Harness::start(&chain_config(&[&up], "")).await;

    let resp = gw
        .post("/v1/chat/completions", &hello_stream("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    assert_eq!(resp.headers()["x-strata-provider"], "p0");
    let body = resp.text().await.unwrap();
    let data = sse_data(&body);
    assert_eq!(data.last().map(String::as_str), Some("[DONE]"));
    let text: String = data
        .iter()
        .filter(|d| *d != "[DONE]")
        .map(|d| serde_json::from_str::<serde_json::Value>(d).unwrap())
        .filter_map(|c| {
            c["choices"][0]["delta"]["content"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(text, "Hello!");
    assert!(
        !body.contains("\"usage\""),
        "usage was not asked for: {body}"
    );
    // The upstream is always asked for usage (the gateway needs it for accounting).
    assert_eq!(
        up.last_request().unwrap().json()["stream_options"]["include_usage"],
        true
    );

    let mut req = hello_stream("strata/cloud");
    req["stream_options"] = json!({"include_usage": true});
    let body = gw
        .post("/v1/chat/completions", &req)
        .await
        .text()
        .await
        .unwrap();
    let data = sse_data(&body);
    let usage_chunk: serde_json::Value = serde_json::from_str(&data[data.len() - 2]).unwrap();
    assert_eq!(usage_chunk["choices"], json!([]));
    assert_eq!(usage_chunk["usage"]["total_tokens"], 21);
}

#[tokio::test]
async fn models_health_and_readiness() {
    let up = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("x"))]).await;
    let gw = Harness::start(&chain_config(&[&up], "")).await;
    let models: serde_json::Value = gw.get("/v1/models").await.json().await.unwrap();
    let ids: Vec<&str> = models["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "strata/auto",
            "strata/edge",
            "strata/community",
            "strata/cloud",
            "m0"
        ]
    );
    let one: serde_json::Value = gw
        .get("/v1/models/strata/cloud")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["id"], "strata/cloud");
    assert_eq!(gw.get("/v1/models/m0").await.status(), 200);
    assert_eq!(gw.get("/v1/models/nope").await.status(), 404);
    assert_eq!(gw.get("/healthz").await.status(), 200);
    let ready = gw.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let ready: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(ready["providers"][0]["breaker"], "closed");
}

#[tokio::test]
async fn auto_alias_uses_the_default_tier() {
    let up = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("x"))]).await;
    let gw = Harness::start(&chain_config(&[&up], "")).await;
    let resp = gw
        .post("/v1/chat/completions", &super::hello("strata/auto"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-tier"], "cloud");
    // A tier with nothing configured is a clear 503, not a 404.
    let resp = gw
        .post("/v1/chat/completions", &super::hello("strata/edge"))
        .await;
    assert_eq!(resp.status(), 503);
    let err: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(err["error"]["code"], "no_provider");
    assert_eq!(up.calls(), 1);
}
