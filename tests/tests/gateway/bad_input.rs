//! Every client mistake gets a 4xx with an error body in the front's shape; none reaches an
//! upstream, none is a 5xx.

use serde_json::{Value, json};
use strata_tests::harness::Harness;
use strata_tests::mock::{MockUpstream, Reply, fixtures};

use super::chain_config;

const CHAT: &str = "/v1/chat/completions";
const MESSAGES: &str = "/v1/messages";

async fn gateway() -> (MockUpstream, Harness) {
    let up = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("x"))]).await;
    let config = format!(
        "[server]\nmax_body_bytes = 4096\n{}",
        chain_config(&[&up], "")
    );
    let gw = Harness::start(&config).await;
    (up, gw)
}

/// Asserts an OpenAI-style error and returns it.
async fn openai_error(resp: reqwest::Response, status: u16) -> Value {
    assert_eq!(resp.status(), status);
    assert_eq!(resp.headers()["content-type"], "application/json");
    let body: Value = resp.json().await.unwrap();
    let e = &body["error"];
    assert!(
        e["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(e["type"].is_string() && e["code"].is_string(), "{body}");
    assert!(e.as_object().unwrap().contains_key("param"), "{body}");
    body
}

async fn anthropic_error(resp: reqwest::Response, status: u16) -> Value {
    assert_eq!(resp.status(), status);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["type"], "error", "{body}");
    assert!(
        body["error"]["type"].is_string() && body["error"]["message"].is_string(),
        "{body}"
    );
    body
}

#[tokio::test]
async fn malformed_json() {
    let (up, gw) = gateway().await;
    let e = openai_error(
        gw.post_raw(
            CHAT,
            "application/json",
            b"{\"model\": \"m0\", \"messages\": [".to_vec(),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(e["error"]["code"], "invalid_json");
    let e = openai_error(gw.post_raw(CHAT, "application/json", Vec::new()).await, 400).await;
    assert!(e["error"]["message"].as_str().unwrap().contains("empty"));
    openai_error(
        gw.post_raw(CHAT, "application/json", b"[1,2]".to_vec())
            .await,
        400,
    )
    .await;
    anthropic_error(
        gw.post_raw(MESSAGES, "application/json", b"{nope".to_vec())
            .await,
        400,
    )
    .await;
    assert_eq!(up.calls(), 0);
}

#[tokio::test]
async fn wrong_types_and_missing_fields_name_the_parameter() {
    let (up, gw) = gateway().await;
    let cases = [
        (json!({"model": 7, "messages": []}), "model"),
        (json!({"model": "m0", "messages": "hi"}), "messages"),
        (
            json!({"model": "m0", "messages": [{"role": "user", "content": 5}]}),
            "messages[0].content",
        ),
        (
            json!({"model": "m0", "messages": [{"role": "robot", "content": "x"}]}),
            "messages[0].role",
        ),
        (
            json!({"model": "m0", "messages": [{"role": "user", "content": "x"}], "temperature": "hot"}),
            "temperature",
        ),
        (
            json!({"model": "m0", "messages": [{"role": "user", "content": "x"}], "max_tokens": -1}),
            "max_tokens",
        ),
        (json!({"model": "m0", "messages": []}), "messages"),
        (
            json!({"model": "", "messages": [{"role": "user", "content": "x"}]}),
            "model",
        ),
    ];
    for (body, param) in cases {
        let e = openai_error(gw.post(CHAT, &body).await, 400).await;
        assert_eq!(e["error"]["param"], param, "{body} → {e}");
    }
    let e = openai_error(
        gw.post(
            CHAT,
            &json!({"messages": [{"role": "user", "content": "x"}]}),
        )
        .await,
        400,
    )
    .await;
    assert!(
        e["error"]["message"].as_str().unwrap().contains("model"),
        "{e}"
    );

    let e = anthropic_error(
        gw.post(
            MESSAGES,
            &json!({"model": "m0", "messages": [{"role": "user", "content": "x"}]}),
        )
        .await,
        400,
    )
    .await;
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("max_tokens"),
        "{e}"
    );
    anthropic_error(
        gw.post(
            MESSAGES,
            &json!({"model": "m0", "max_tokens": "ten", "messages": []}),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(up.calls(), 0);
}

#[tokio::test]
async fn unknown_model() {
    let (up, gw) = gateway().await;
    let e = openai_error(gw.post(CHAT, &super::hello("gpt-17")).await, 404).await;
    assert_eq!(e["error"]["code"], "model_not_found");
    assert_eq!(e["error"]["param"], "model");
    let body = json!({"model": "gpt-17", "max_tokens": 10, "messages": [{"role": "user", "content": "x"}]});
    let e = anthropic_error(gw.post(MESSAGES, &body).await, 404).await;
    assert_eq!(e["error"]["type"], "not_found_error");
    assert_eq!(up.calls(), 0);
}

#[tokio::test]
async fn bodies_over_the_limit() {
    let (up, gw) = gateway().await;
    let big = json!({"model": "m0", "messages": [{"role": "user", "content": "x".repeat(10_000)}]});
    let e = openai_error(gw.post(CHAT, &big).await, 413).await;
    assert_eq!(e["error"]["code"], "body_too_large");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("4096"),
        "{e}"
    );

    // Without a Content-Length (chunked), the limit is enforced while reading.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..10).map(|_| Ok(vec![b' '; 1000])).collect();
    let resp = gw
        .client
        .post(gw.url(CHAT))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    openai_error(resp, 413).await;
    let resp = gw.post(MESSAGES, &json!({"model": "m0", "max_tokens": 1, "messages": [{"role": "user", "content": "x".repeat(10_000)}]})).await;
    anthropic_error(resp, 413).await;
    assert_eq!(up.calls(), 0);
}

#[tokio::test]
async fn invalid_utf8() {
    let (up, gw) = gateway().await;
    let mut body = br#"{"model": "m0", "messages": [{"role": "user", "content": "caf"#.to_vec();
    body.extend_from_slice(&[0xC3, 0x28]);
    body.extend_from_slice(br#""}]}"#);
    let e = openai_error(
        gw.post_raw(CHAT, "application/json", body.clone()).await,
        400,
    )
    .await;
    assert_eq!(e["error"]["code"], "invalid_utf8");
    anthropic_error(gw.post_raw(MESSAGES, "application/json", body).await, 400).await;
    assert_eq!(up.calls(), 0);
}

#[tokio::test]
async fn wrong_content_type() {
    let (up, gw) = gateway().await;
    let body = serde_json::to_vec(&super::hello("m0")).unwrap();
    let e = openai_error(gw.post_raw(CHAT, "text/plain", body.clone()).await, 415).await;
    assert_eq!(e["error"]["code"], "unsupported_media_type");
    anthropic_error(
        gw.post_raw(MESSAGES, "application/x-www-form-urlencoded", body.clone())
            .await,
        415,
    )
    .await;
    // JSON with a charset parameter is fine.
    let resp = gw
        .post_raw(CHAT, "application/json; charset=utf-8", body)
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(up.calls(), 1);
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let (_up, gw) = gateway().await;
    let e = openai_error(gw.get("/v1/completions").await, 404).await;
    assert_eq!(e["error"]["code"], "not_found");
    let resp = gw.client.get(gw.url(CHAT)).send().await.unwrap();
    openai_error(resp, 405).await;
}

#[tokio::test]
async fn garbage_never_causes_a_5xx() {
    let (_up, gw) = gateway().await;
    let samples: Vec<Vec<u8>> = vec![
        b"null".to_vec(),
        b"\"string\"".to_vec(),
        b"{\"model\":null,\"messages\":null}".to_vec(),
        b"{\"model\":\"m0\",\"messages\":[{}]}".to_vec(),
        b"{\"model\":\"m0\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}],\"stop\":5}".to_vec(),
        b"{\"model\":\"m0\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{}]}".to_vec(),
        b"{\"model\":\"m0\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}".to_vec(),
        vec![0xff, 0xfe, 0x00],
        b"{\"model\":\"m0\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}trailing".to_vec(),
        "{\"model\":\"m0\",\"messages\":[".repeat(200).into_bytes(),
    ];
    for path in [CHAT, MESSAGES] {
        for s in &samples {
            let resp = gw.post_raw(path, "application/json", s.clone()).await;
            let status = resp.status().as_u16();
            assert!(
                (400..500).contains(&status),
                "{path} {:?} → {status}",
                String::from_utf8_lossy(s)
            );
        }
    }
}
