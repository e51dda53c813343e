//! The mock upstream behaves as scripted, seen from a real HTTP client.

// The request helpers are test code too: a failed request must fail the test on the spot.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::json;
use strata_tests::mock::{MockUpstream, Reply, fixtures};

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn post(mock: &MockUpstream, path: &str, body: serde_json::Value) -> reqwest::Response {
    client()
        .post(format!("{}{path}", mock.url()))
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn replies_in_order_and_last_repeats() {
    let mock = MockUpstream::start(vec![
        fixtures::openai_error(429, "slow down"),
        Reply::json(200, fixtures::openai_completion("first")),
        Reply::json(200, fixtures::openai_completion("last")),
    ])
    .await;
    assert!(mock.url().starts_with("http://127.0.0.1:"));
    assert_eq!(mock.addr().ip().to_string(), "127.0.0.1");

    let r = post(&mock, "/v1/chat/completions", json!({"n": 0})).await;
    assert_eq!(r.status(), 429);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
    assert_eq!(body["error"]["message"], "slow down");

    let mut contents = Vec::new();
    for n in 1..5 {
        let r = post(&mock, "/v1/chat/completions", json!({"n": n})).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/json");
        let body: serde_json::Value = r.json().await.unwrap();
        contents.push(
            body["choices"][0]["message"]["content"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(contents, ["first", "last", "last", "last"]);

    mock.set_replies(vec![Reply::Raw {
        status: 200,
        content_type: "application/json".into(),
        body: Bytes::from_static(b"{\"choices\": [tru"),
    }]);
    let r = post(&mock, "/v1/chat/completions", json!({"n": 5})).await;
    assert_eq!(r.bytes().await.unwrap(), "{\"choices\": [tru");
    mock.stop().await;
}

#[tokio::test]
async fn records_every_request() {
    let mock = MockUpstream::start(vec![Reply::json(200, json!({"ok": true}))]).await;
    assert_eq!(mock.calls(), 0);
    let c = client();
    c.post(format!("{}/v1/chat/completions?alt=sse", mock.url()))
        .header("Authorization", "Bearer sk-test")
        .header("x-request-id", "req-1")
        .json(&json!({"model": "m", "messages": []}))
        .send()
        .await
        .unwrap();
    c.get(format!("{}/other", mock.url())).send().await.unwrap();
    assert_eq!(mock.calls(), 2);

    let reqs = mock.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(reqs[0].path, "/v1/chat/completions?alt=sse");
    assert_eq!(reqs[0].header("authorization"), Some("Bearer sk-test"));
    assert_eq!(reqs[0].header("X-Request-Id"), Some("req-1"));
    assert!(reqs[0].headers.iter().all(|(k, _)| *k == k.to_lowercase()));
    assert_eq!(reqs[0].json(), json!({"model": "m", "messages": []}));
    assert_eq!(reqs[1].method, "GET");
    assert_eq!(reqs[1].path, "/other");
    assert_eq!(reqs[1].json(), serde_json::Value::Null);
    assert_eq!(mock.last_request().unwrap().path, "/other");
}

#[tokio::test]
async fn json_reply_carries_scripted_headers() {
    let mock = MockUpstream::start(vec![Reply::Json {
        status: 503,
        body: json!({"error": "busy"}),
        headers: vec![
            ("Retry-After".into(), "7".into()),
            ("x-trace".into(), "a".into()),
        ],
    }])
    .await;
    let r = post(&mock, "/", json!({})).await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "7");
    assert_eq!(r.headers()["x-trace"], "a");
}

#[tokio::test]
async fn empty_script_answers_500() {
    let mock = MockUpstream::start(Vec::new()).await;
    let r = post(&mock, "/", json!({})).await;
    assert_eq!(r.status(), 500);
    assert_eq!(mock.calls(), 1);
}

#[tokio::test]
async fn delay_holds_back_the_headers() {
    let mock = MockUpstream::start(vec![
        Reply::json(200, json!({"ok": true})).delayed(Duration::from_millis(300)),
    ])
    .await;
    let start = Instant::now();
    let r = post(&mock, "/", json!({})).await;
    assert!(
        start.elapsed() >= Duration::from_millis(300),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(r.status(), 200);
    // The request is recorded on arrival, not when the delayed reply goes out.
    assert_eq!(mock.calls(), 1);
}

#[tokio::test]
async fn sse_frames_arrive_as_scripted() {
    let frames = fixtures::openai_stream(&["Hel", "lo"]);
    let mock = MockUpstream::start(vec![Reply::Sse {
        frames: frames.clone(),
        gap: Duration::from_millis(50),
    }])
    .await;
    let start = Instant::now();
    let mut r = post(&mock, "/v1/chat/completions", json!({"stream": true})).await;
    assert_eq!(r.headers()["content-type"], "text/event-stream");
    let mut chunks = Vec::new();
    while let Some(chunk) = r.chunk().await.unwrap() {
        chunks.push(String::from_utf8(chunk.to_vec()).unwrap());
    }
    assert_eq!(chunks.concat(), frames.concat());
    // With a 50 ms gap each frame is flushed on its own.
    assert_eq!(chunks, frames);
    assert!(start.elapsed() >= Duration::from_millis(50 * (frames.len() as u64 - 1)));
    assert_eq!(frames.last().unwrap(), "data: [DONE]\n\n");
}

#[tokio::test]
async fn sse_cut_fails_the_body_after_the_frames() {
    let frames = fixtures::anthropic_stream(&["a", "b"])[..3].to_vec();
    let mock = MockUpstream::start(vec![Reply::SseCut {
        frames: frames.clone(),
        gap: Duration::from_millis(10),
    }])
    .await;
    let mut r = post(&mock, "/v1/messages", json!({"stream": true})).await;
    assert_eq!(r.status(), 200);
    let mut received = String::new();
    let err = loop {
        match r.chunk().await {
            Ok(Some(chunk)) => received.push_str(std::str::from_utf8(&chunk).unwrap()),
            Ok(None) => panic!("body ended cleanly after {received:?}"),
            Err(e) => break e,
        }
    };
    assert!(err.is_body() || err.is_decode(), "{err:?}");
    assert_eq!(received, frames.concat());
}

#[tokio::test]
async fn hang_leaves_the_client_to_time_out() {
    let mock = MockUpstream::start(vec![Reply::Hang]).await;
    let start = Instant::now();
    let err = client()
        .post(format!("{}/v1/chat/completions", mock.url()))
        .timeout(Duration::from_millis(200))
        .json(&json!({}))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(start.elapsed() >= Duration::from_millis(200));
    assert_eq!(mock.calls(), 1);
    // A hung request does not keep stop() waiting past its grace period.
    tokio::time::timeout(Duration::from_secs(5), mock.stop())
        .await
        .unwrap();
}

#[tokio::test]
async fn stop_and_drop_release_the_port() {
    let mock = MockUpstream::start(vec![Reply::json(200, json!({}))]).await;
    let addr = mock.addr();
    post(&mock, "/", json!({})).await;
    mock.stop().await;
    assert!(
        client()
            .get(format!("http://{addr}/"))
            .send()
            .await
            .is_err()
    );

    let mock = MockUpstream::start(vec![Reply::Hang]).await;
    let addr = mock.addr();
    let clone = mock.clone();
    drop(mock);
    // A clone keeps the server alive.
    let pending = tokio::spawn(
        client()
            .get(format!("http://{addr}/"))
            .timeout(Duration::from_secs(5))
            .send(),
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(clone.calls(), 1);
    drop(clone);
    // Dropping the last handle cuts the hung connection instead of leaving it to the timeout.
    let start = Instant::now();
    let res = pending.await.unwrap();
    assert!(res.is_err());
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        client()
            .get(format!("http://{addr}/"))
            .send()
            .await
            .is_err()
    );
}

#[test]
fn fixtures_have_the_documented_shape() {
    let c = fixtures::openai_completion("hi");
    assert_eq!(c["object"], "chat.completion");
    assert_eq!(c["choices"][0]["message"]["content"], "hi");
    assert_eq!(c["choices"][0]["finish_reason"], "stop");
    assert_eq!(c["usage"]["prompt_tokens"], 9);
    assert_eq!(c["usage"]["completion_tokens"], 12);
    assert_eq!(c["usage"]["total_tokens"], 21);

    let t = fixtures::openai_tool_call_completion("get_weather", r#"{"city":"Paris"}"#);
    let call = &t["choices"][0]["message"]["tool_calls"][0];
    assert_eq!(call["function"]["name"], "get_weather");
    assert_eq!(call["function"]["arguments"], r#"{"city":"Paris"}"#);
    assert_eq!(t["choices"][0]["finish_reason"], "tool_calls");
    assert!(t["choices"][0]["message"]["content"].is_null());

    let s = fixtures::openai_stream(&["a", "b", "c"]);
    assert_eq!(s.len(), 3 + 4);
    assert!(
        s.iter()
            .all(|f| f.starts_with("data: ") && f.ends_with("\n\n"))
    );
    let chunk = |i: usize| -> serde_json::Value {
        serde_json::from_str(s[i].strip_prefix("data: ").unwrap().trim_end()).unwrap()
    };
    assert_eq!(chunk(0)["choices"][0]["delta"]["role"], "assistant");
    assert_eq!(chunk(2)["choices"][0]["delta"]["content"], "b");
    assert_eq!(chunk(4)["choices"][0]["finish_reason"], "stop");
    assert_eq!(chunk(5)["choices"], json!([]));
    assert_eq!(chunk(5)["usage"]["completion_tokens"], 12);

    let a = fixtures::anthropic_message("hi");
    assert_eq!(a["content"][0]["text"], "hi");
    assert_eq!(a["stop_reason"], "end_turn");
    let events: Vec<String> = fixtures::anthropic_stream(&["x", "y"])
        .iter()
        .map(|f| {
            let (event, data) = f
                .strip_prefix("event: ")
                .unwrap()
                .split_once("\ndata: ")
                .unwrap();
            let data: serde_json::Value = serde_json::from_str(data.trim_end()).unwrap();
            assert_eq!(data["type"], event);
            event.to_owned()
        })
        .collect();
    assert_eq!(
        events,
        [
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );

    let g = fixtures::gemini_response("hi");
    assert_eq!(g["candidates"][0]["content"]["parts"][0]["text"], "hi");
    assert_eq!(g["usageMetadata"]["candidatesTokenCount"], 12);
    let gs = fixtures::gemini_stream(&["x", "y"]);
    assert_eq!(gs.len(), 2);
    let last: serde_json::Value =
        serde_json::from_str(gs[1].strip_prefix("data: ").unwrap().trim_end()).unwrap();
    assert_eq!(last["candidates"][0]["finishReason"], "STOP");
    assert_eq!(last["candidates"][0]["content"]["parts"][0]["text"], "y");
    assert_eq!(last["usageMetadata"]["totalTokenCount"], 21);
    assert!(!gs[0].contains("finishReason"));
    assert_eq!(fixtures::gemini_stream(&[]).len(), 1);
}
