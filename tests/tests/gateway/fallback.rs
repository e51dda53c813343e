//! Fallback: retryable failures move to the next candidate, honouring retries and Retry-After;
//! client mistakes do not; nothing is retried once bytes reached the client.

use std::time::Duration;

use serde_json::json;
use strata_tests::harness::{Harness, sse_data};
use strata_tests::mock::{MockUpstream, Reply, fixtures};

use super::{chain_config, hello, hello_stream};

async fn error_body(resp: reqwest::Response) -> serde_json::Value {
    resp.json().await.unwrap()
}

#[tokio::test]
async fn a_5xx_falls_back_to_the_next_candidate() {
    let bad = MockUpstream::start(vec![fixtures::openai_error(500, "boom")]).await;
    let good = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    let gw = Harness::start(&chain_config(&[&bad, &good], "")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-provider"], "p1");
    assert_eq!(resp.headers()["x-strata-attempts"], "2");
    assert_eq!((bad.calls(), good.calls()), (1, 1));
    assert_eq!(good.last_request().unwrap().json()["model"], "upstream-1");
}

#[tokio::test]
async fn retries_on_the_same_provider_then_falls_back_with_exact_call_counts() {
    let flaky = MockUpstream::start(vec![fixtures::openai_error(503, "busy")]).await;
    let good = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    let gw = Harness::start(&chain_config(
        &[&flaky, &good],
        "retries = 2\nmax_retry_wait_ms = 500",
    ))
    .await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(flaky.calls(), 3, "one call plus two retries");
    assert_eq!(good.calls(), 1);
    assert_eq!(resp.headers()["x-strata-attempts"], "4");
}

#[tokio::test]
async fn a_retry_succeeds_on_the_same_provider() {
    let up = MockUpstream::start(vec![
        fixtures::openai_error(502, "blip"),
        Reply::json(200, fixtures::openai_completion("second time")),
    ])
    .await;
    let gw = Harness::start(&chain_config(&[&up], "retries = 1")).await;
    let resp = gw.post("/v1/chat/completions", &hello("m0")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(up.calls(), 2);
}

#[tokio::test]
async fn retry_after_is_honoured_and_holds_the_provider_back() {
    let limited = MockUpstream::start(vec![Reply::Json {
        status: 429,
        body: json!({"error": {"message": "rate limited", "type": "rate_limit_error"}}),
        headers: vec![("retry-after".into(), "30".into())],
    }])
    .await;
    let good = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    // Retry-After (30 s) exceeds max_retry_wait: move on at once, and keep others off it.
    let gw = Harness::start(&chain_config(&[&limited, &good], "retries = 3")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(limited.calls(), 1);
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(limited.calls(), 1, "held back by Retry-After");
    assert_eq!(good.calls(), 2);

    // Alone, it answers 503 with the wait passed on to the client.
    let gw = Harness::start(&chain_config(&[&limited], "")).await;
    let resp = gw.post("/v1/chat/completions", &hello("m0")).await;
    assert_eq!(resp.status(), 503);
    assert_eq!(resp.headers()["retry-after"], "30");
    let err = error_body(resp).await;
    assert!(
        err["error"]["message"].as_str().unwrap().contains("p0"),
        "{err}"
    );
}

#[tokio::test]
async fn a_short_retry_after_is_waited_for() {
    let up = MockUpstream::start(vec![
        Reply::Json {
            status: 429,
            body: json!({"error": {"message": "slow down"}}),
            headers: vec![("retry-after-ms".into(), "50".into())],
        },
        Reply::json(200, fixtures::openai_completion("ok")),
    ])
    .await;
    let gw = Harness::start(&chain_config(&[&up], "retries = 1")).await;
    let resp = gw.post("/v1/chat/completions", &hello("m0")).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(up.calls(), 2);
}

#[tokio::test]
async fn client_mistakes_are_not_retried_elsewhere() {
    let strict = MockUpstream::start(vec![fixtures::openai_error(
        400,
        "Invalid schema for function 'f'",
    )])
    .await;
    let other =
        MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    let gw = Harness::start(&chain_config(&[&strict, &other], "retries = 2")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 400);
    let err = error_body(resp).await;
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Invalid schema"),
        "{err}"
    );
    assert_eq!((strict.calls(), other.calls()), (1, 0));
}

#[tokio::test]
async fn connection_refused_falls_back() {
    let gone = MockUpstream::start(vec![]).await;
    let good = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    let config = chain_config(&[&gone, &good], "");
    gone.stop().await;
    let gw = Harness::start(&config).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-provider"], "p1");
}

#[tokio::test]
async fn a_slow_first_byte_times_out_and_falls_back() {
    let slow = MockUpstream::start(vec![
        Reply::json(200, fixtures::openai_completion("late")).delayed(Duration::from_secs(5)),
    ])
    .await;
    let good = MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    let extra = "[providers.{p}.timeouts]\nfirst_byte_ms = 200";
    let gw = Harness::start(&chain_config(&[&slow, &good], extra)).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-provider"], "p1");

    // With nothing behind it, the client gets a 504 naming the slow provider.
    let gw = Harness::start(&chain_config(&[&slow], extra)).await;
    let resp = gw.post("/v1/chat/completions", &hello("m0")).await;
    assert_eq!(resp.status(), 504);
    let err = error_body(resp).await;
    assert_eq!(err["error"]["code"], "upstream_timeout");
    assert!(err["error"]["message"].as_str().unwrap().contains("p0"));
}

#[tokio::test]
async fn a_stream_whose_first_event_is_an_error_falls_back() {
    let failing = MockUpstream::start(vec![Reply::sse(vec![
        "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n".into(),
    ])])
    .await;
    let good = MockUpstream::start(vec![Reply::sse(fixtures::openai_stream(&["fine"]))]).await;
    let gw = Harness::start(&chain_config(&[&failing, &good], "")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello_stream("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-provider"], "p1");
    assert_eq!(resp.headers()["x-strata-attempts"], "2");
    let body = resp.text().await.unwrap();
    assert!(
        body.contains("fine") && body.ends_with("data: [DONE]\n\n"),
        "{body}"
    );
    assert!(!body.contains("overloaded"));
}

#[tokio::test]
async fn a_malformed_first_chunk_falls_back() {
    let broken = MockUpstream::start(vec![Reply::sse(vec!["data: {not json\n\n".into()])]).await;
    let good = MockUpstream::start(vec![Reply::sse(fixtures::openai_stream(&["fine"]))]).await;
    let gw = Harness::start(&chain_config(&[&broken, &good], "")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello_stream("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["x-strata-provider"], "p1");
}

#[tokio::test]
async fn a_stream_cut_mid_way_ends_with_an_error_event_and_is_not_retried() {
    let frames = fixtures::openai_stream(&["one ", "two ", "three"]);
    let cut = MockUpstream::start(vec![Reply::SseCut {
        frames: frames[..3].to_vec(),
        gap: Duration::from_millis(10),
    }])
    .await;
    let good = MockUpstream::start(vec![Reply::sse(fixtures::openai_stream(&["never"]))]).await;
    let gw = Harness::start(&chain_config(&[&cut, &good], "")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello_stream("strata/cloud"))
        .await;
    assert_eq!(
        resp.status(),
        200,
        "the first chunk arrived: the stream was committed"
    );
    let body = resp.text().await.unwrap();
    let data = sse_data(&body);
    let last: serde_json::Value = serde_json::from_str(data.last().unwrap()).unwrap();
    assert_eq!(last["error"]["code"], "upstream_error", "{body}");
    assert!(
        !body.contains("[DONE]"),
        "a cut stream must not look complete: {body}"
    );
    assert!(body.contains("one ") && body.contains("two "));
    assert_eq!(good.calls(), 0, "nothing is retried after the first byte");
}

#[tokio::test]
async fn a_stream_that_goes_quiet_is_cut_by_the_idle_timeout() {
    let frames = fixtures::openai_stream(&["a", "b"]);
    let stalled = MockUpstream::start(vec![Reply::Sse {
        frames,
        gap: Duration::from_secs(3),
    }])
    .await;
    let gw = Harness::start(&chain_config(
        &[&stalled],
        "[providers.{p}.timeouts]\nidle_ms = 300\nfirst_byte_ms = 1000",
    ))
    .await;
    let resp = gw.post("/v1/chat/completions", &hello_stream("m0")).await;
    assert_eq!(resp.status(), 200, "the first frame came at once");
    let body = resp.text().await.unwrap();
    let data = sse_data(&body);
    let last: serde_json::Value = serde_json::from_str(data.last().unwrap()).unwrap();
    assert_eq!(last["error"]["code"], "upstream_timeout", "{body}");
    assert!(!body.contains("[DONE]"));
}

#[tokio::test]
async fn when_everything_fails_the_error_names_each_provider() {
    let a = MockUpstream::start(vec![fixtures::openai_error(500, "a is down")]).await;
    let b = MockUpstream::start(vec![Reply::Raw {
        status: 200,
        content_type: "application/json".into(),
        body: "{oops".into(),
    }])
    .await;
    let gw = Harness::start(&chain_config(&[&a, &b], "")).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.status(), 502);
    let err = error_body(resp).await;
    let msg = err["error"]["message"].as_str().unwrap();
    assert!(msg.contains("`p0`") && msg.contains("a is down"), "{msg}");
    assert!(msg.contains("`p1`") && msg.contains("decode"), "{msg}");
}
