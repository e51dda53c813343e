//! Translation both ways through the running gateway: OpenAI clients in front of Anthropic and
//! Gemini upstreams, and Anthropic clients in front of an OpenAI-compatible upstream.

use serde_json::{Value, json};
use strata_tests::harness::{Harness, TEST_KEY, sse_data, sse_events};
use strata_tests::mock::{MockUpstream, Reply, fixtures};

fn single(kind: &str, base_url: &str, upstream_model: &str) -> String {
    format!(
        "[routing]\ndefault_tier = \"cloud\"\n\
         [providers.up]\nkind = \"{kind}\"\nbase_url = \"{base_url}\"\napi_key_env = \"KEY\"\n\
         [[models]]\nname = \"m\"\nprovider = \"up\"\nmodel = \"{upstream_model}\"\ntier = \"cloud\"\n"
    )
}

fn tool_request(stream: bool) -> Value {
    json!({
        "model": "m",
        "stream": stream,
        "max_tokens": 300,
        "temperature": 0.2,
        "stop": ["END"],
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "Weather in Paris?"},
            {"role": "assistant", "content": null, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18C and sunny"},
            {"role": "user", "content": "Thanks. Summarise."}
        ],
        "tools": [{"type": "function", "function": {
            "name": "get_weather", "description": "Current weather",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
        }}],
        "tool_choice": "auto"
    })
}

#[tokio::test]
async fn openai_front_to_anthropic_upstream() {
    let up = MockUpstream::start(vec![Reply::json(
        200,
        fixtures::anthropic_message("It is 18C."),
    )])
    .await;
    let gw = Harness::start(&single("anthropic", &up.url(), "claude-test")).await;
    let resp = gw.post("/v1/chat/completions", &tool_request(false)).await;
    assert_eq!(resp.status(), 200);
    let answer: Value = resp.json().await.unwrap();
    assert_eq!(answer["object"], "chat.completion");
    assert_eq!(answer["choices"][0]["message"]["content"], "It is 18C.");
    assert_eq!(answer["choices"][0]["finish_reason"], "stop");
    assert_eq!(answer["usage"]["prompt_tokens"], fixtures::PROMPT_TOKENS);
    assert_eq!(
        answer["usage"]["completion_tokens"],
        fixtures::COMPLETION_TOKENS
    );

    let seen = up.last_request().unwrap();
    assert_eq!(seen.path, "/v1/messages");
    assert_eq!(seen.header("x-api-key"), Some(TEST_KEY));
    assert!(seen.header("anthropic-version").is_some());
    let sent = seen.json();
    assert_eq!(sent["model"], "claude-test");
    assert_eq!(sent["system"], "You are terse.");
    assert_eq!(sent["max_tokens"], 300);
    assert_eq!(sent["stop_sequences"], json!(["END"]));
    assert_eq!(sent["tools"][0]["name"], "get_weather");
    assert_eq!(
        sent["tools"][0]["input_schema"]["required"],
        json!(["city"])
    );
    assert_eq!(sent["tool_choice"], json!({"type": "auto"}));
    let roles: Vec<&str> = sent["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["user", "assistant", "user"], "roles alternate");
    assert_eq!(sent["messages"][1]["content"][0]["type"], "tool_use");
    assert_eq!(
        sent["messages"][1]["content"][0]["input"],
        json!({"city": "Paris"})
    );
    assert_eq!(sent["messages"][2]["content"][0]["type"], "tool_result");
    assert_eq!(sent["messages"][2]["content"][0]["tool_use_id"], "call_1");
}

#[tokio::test]
async fn openai_front_streams_from_anthropic_upstream() {
    let up = MockUpstream::start(vec![Reply::sse(fixtures::anthropic_stream(&[
        "It ", "is ", "sunny.",
    ]))])
    .await;
    let gw = Harness::start(&single("anthropic", &up.url(), "claude-test")).await;
    let mut req = tool_request(true);
    req["stream_options"] = json!({"include_usage": true});
    let resp = gw.post("/v1/chat/completions", &req).await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    let data = sse_data(&body);
    assert_eq!(data.last().unwrap(), "[DONE]");
    let chunks: Vec<Value> = data[..data.len() - 1]
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(text, "It is sunny.");
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    assert!(
        chunks
            .iter()
            .any(|c| c["choices"][0]["finish_reason"] == "stop")
    );
    assert_eq!(
        chunks.last().unwrap()["usage"]["completion_tokens"],
        fixtures::COMPLETION_TOKENS
    );
    assert_eq!(up.last_request().unwrap().json()["stream"], true);
}

#[tokio::test]
async fn openai_front_to_gemini_upstream() {
    let up = MockUpstream::start(vec![Reply::json(
        200,
        fixtures::gemini_response("Sunny, 18C."),
    )])
    .await;
    let gw = Harness::start(&single(
        "gemini",
        &format!("{}/v1beta", up.url()),
        "gemini-test",
    ))
    .await;
    let resp = gw.post("/v1/chat/completions", &tool_request(false)).await;
    assert_eq!(resp.status(), 200);
    let answer: Value = resp.json().await.unwrap();
    assert_eq!(answer["choices"][0]["message"]["content"], "Sunny, 18C.");
    assert_eq!(answer["choices"][0]["finish_reason"], "stop");
    assert_eq!(answer["usage"]["prompt_tokens"], fixtures::PROMPT_TOKENS);

    let seen = up.last_request().unwrap();
    assert_eq!(seen.path, "/v1beta/models/gemini-test:generateContent");
    assert_eq!(seen.header("x-goog-api-key"), Some(TEST_KEY));
    assert!(
        !seen.path.contains(TEST_KEY),
        "the key never goes in the URL"
    );
    let sent = seen.json();
    assert_eq!(
        sent["systemInstruction"]["parts"][0]["text"],
        "You are terse."
    );
    assert_eq!(sent["generationConfig"]["maxOutputTokens"], 300);
    assert_eq!(sent["generationConfig"]["stopSequences"], json!(["END"]));
    assert_eq!(
        sent["tools"][0]["functionDeclarations"][0]["name"],
        "get_weather"
    );
    let contents = sent["contents"].as_array().unwrap();
    assert_eq!(contents[1]["role"], "model");
    assert_eq!(
        contents[1]["parts"][0]["functionCall"]["args"],
        json!({"city": "Paris"})
    );
    assert_eq!(
        contents[2]["parts"][0]["functionResponse"]["name"],
        "get_weather"
    );
}

#[tokio::test]
async fn openai_front_streams_from_gemini_upstream() {
    let up = MockUpstream::start(vec![Reply::sse(fixtures::gemini_stream(&["Sun", "ny."]))]).await;
    let gw = Harness::start(&single(
        "gemini",
        &format!("{}/v1beta", up.url()),
        "gemini-test",
    ))
    .await;
    let resp = gw.post("/v1/chat/completions", &tool_request(true)).await;
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    let text: String = sse_data(&body)
        .iter()
        .filter(|d| *d != "[DONE]")
        .filter_map(|d| serde_json::from_str::<Value>(d).ok())
        .filter_map(|c| {
            c["choices"][0]["delta"]["content"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    assert_eq!(text, "Sunny.");
    assert!(body.ends_with("data: [DONE]\n\n"));
    assert_eq!(
        up.last_request().unwrap().path,
        "/v1beta/models/gemini-test:streamGenerateContent?alt=sse"
    );
}

fn anthropic_request(stream: bool) -> Value {
    json!({
        "model": "m",
        "max_tokens": 256,
        "stream": stream,
        "system": [{"type": "text", "text": "You are terse."}],
        "messages": [
            {"role": "user", "content": "Weather in Paris?"},
            {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"}]}
        ],
        "tools": [{"name": "get_weather", "description": "Current weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}],
        "tool_choice": {"type": "any"},
        "stop_sequences": ["END"]
    })
}

#[tokio::test]
async fn anthropic_front_to_openai_upstream() {
    let up = MockUpstream::start(vec![Reply::json(
        200,
        fixtures::openai_tool_call_completion("get_weather", "{\"city\":\"Lyon\"}"),
    )])
    .await;
    let gw = Harness::start(&super::chain_config(&[&up], "")).await;
    let mut req = anthropic_request(false);
    req["model"] = json!("m0");
    let resp = gw.post("/v1/messages", &req).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-provider"], "p0");
    let msg: Value = resp.json().await.unwrap();
    assert_eq!(msg["type"], "message");
    assert_eq!(msg["role"], "assistant");
    assert_eq!(msg["model"], "m0");
    assert_eq!(msg["stop_reason"], "tool_use");
    let tool = msg["content"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "tool_use")
        .unwrap();
    assert_eq!(tool["name"], "get_weather");
    assert_eq!(tool["input"], json!({"city": "Lyon"}));
    assert_eq!(msg["usage"]["input_tokens"], fixtures::PROMPT_TOKENS);

    let sent = up.last_request().unwrap().json();
    assert_eq!(sent["model"], "upstream-0");
    assert_eq!(
        sent["messages"][0],
        json!({"role": "system", "content": "You are terse."})
    );
    assert_eq!(
        sent["messages"][2]["tool_calls"][0]["function"]["name"],
        "get_weather"
    );
    assert_eq!(sent["messages"][3]["role"], "tool");
    assert_eq!(sent["messages"][3]["tool_call_id"], "toolu_1");
    assert_eq!(sent["tool_choice"], "required");
    assert_eq!(sent["stop"], json!(["END"]));
    assert_eq!(sent["max_tokens"], 256);
}

#[tokio::test]
async fn anthropic_front_streams_the_event_sequence() {
    let up = MockUpstream::start(vec![Reply::sse(fixtures::openai_stream(&[
        "Eighteen", " degrees",
    ]))])
    .await;
    let gw = Harness::start(&super::chain_config(&[&up], "")).await;
    let mut req = anthropic_request(true);
    req["model"] = json!("m0");
    let resp = gw.post("/v1/messages", &req).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let body = resp.text().await.unwrap();
    let events = sse_events(&body);
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ],
        "{body}"
    );
    let text: String = events
        .iter()
        .filter(|(n, _)| n == "content_block_delta")
        .map(|(_, d)| {
            serde_json::from_str::<Value>(d).unwrap()["delta"]["text"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(text, "Eighteen degrees");
    let delta: Value = serde_json::from_str(&events[5].1).unwrap();
    assert_eq!(delta["delta"]["stop_reason"], "end_turn");
    assert_eq!(delta["usage"]["output_tokens"], fixtures::COMPLETION_TOKENS);
}

#[tokio::test]
async fn anthropic_front_mid_stream_failure_is_an_error_event() {
    let frames = fixtures::openai_stream(&["a", "b", "c"]);
    let up = MockUpstream::start(vec![Reply::SseCut {
        frames: frames[..2].to_vec(),
        gap: std::time::Duration::from_millis(5),
    }])
    .await;
    let gw = Harness::start(&super::chain_config(&[&up], "")).await;
    let mut req = anthropic_request(true);
    req["model"] = json!("m0");
    let body = gw.post("/v1/messages", &req).await.text().await.unwrap();
    let events = sse_events(&body);
    assert_eq!(events.last().unwrap().0, "error", "{body}");
    assert!(!events.iter().any(|(n, _)| n == "message_stop"), "{body}");
}
