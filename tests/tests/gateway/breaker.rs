//! Circuit breakers seen through the gateway: a failing provider stops receiving traffic, gets
//! one probe after the cooldown, and is used again once the probe succeeds. (The state machine
//! itself is tested on a paused clock in `providers::breaker`.)

use std::time::Duration;

use strata_tests::harness::Harness;
use strata_tests::mock::{MockUpstream, Reply, fixtures};

use super::{chain_config, hello};

#[tokio::test]
async fn open_half_open_close() {
    let flaky = MockUpstream::start(vec![fixtures::openai_error(500, "down")]).await;
    let backup =
        MockUpstream::start(vec![Reply::json(200, fixtures::openai_completion("ok"))]).await;
    let extra = "[providers.{p}.breaker]\nconsecutive_failures = 3\ncooldown_ms = 400";
    let gw = Harness::start(&chain_config(&[&flaky, &backup], extra)).await;

    for _ in 0..3 {
        assert_eq!(
            gw.post("/v1/chat/completions", &hello("strata/cloud"))
                .await
                .status(),
            200
        );
    }
    assert_eq!(flaky.calls(), 3);
    let ready: serde_json::Value = gw.get("/readyz").await.json().await.unwrap();
    assert_eq!(ready["providers"][0]["breaker"], "open");

    // Open: the flaky provider is skipped without a call.
    for _ in 0..3 {
        let resp = gw
            .post("/v1/chat/completions", &hello("strata/cloud"))
            .await;
        assert_eq!(resp.headers()["x-strata-attempts"], "1");
    }
    assert_eq!(flaky.calls(), 3);

    // After the cooldown one probe goes through; it fails, so the breaker opens again.
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(
        gw.post("/v1/chat/completions", &hello("strata/cloud"))
            .await
            .status(),
        200
    );
    assert_eq!(flaky.calls(), 4);
    gw.post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(flaky.calls(), 4);

    // The provider recovers: the next probe succeeds and closes the breaker.
    flaky.set_replies(vec![Reply::json(200, fixtures::openai_completion("back"))]);
    tokio::time::sleep(Duration::from_millis(450)).await;
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.headers()["x-strata-provider"], "p0");
    let resp = gw
        .post("/v1/chat/completions", &hello("strata/cloud"))
        .await;
    assert_eq!(resp.headers()["x-strata-provider"], "p0");
    assert_eq!(flaky.calls(), 6);
    let ready: serde_json::Value = gw.get("/readyz").await.json().await.unwrap();
    assert_eq!(ready["providers"][0]["breaker"], "closed");
}

#[tokio::test]
async fn every_breaker_open_is_a_503_and_not_ready() {
    let down = MockUpstream::start(vec![fixtures::openai_error(503, "down")]).await;
    let extra = "[providers.{p}.breaker]\nconsecutive_failures = 2\ncooldown_ms = 60000";
    let gw = Harness::start(&chain_config(&[&down], extra)).await;
    // An upstream 503 says it is down for now: the client gets a 503 too.
    for _ in 0..2 {
        assert_eq!(
            gw.post("/v1/chat/completions", &hello("m0")).await.status(),
            503
        );
    }
    let resp = gw.post("/v1/chat/completions", &hello("m0")).await;
    assert_eq!(resp.status(), 503);
    assert!(resp.headers().contains_key("retry-after"));
    let err: serde_json::Value = resp.json().await.unwrap();
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("circuit breaker open"),
        "{err}"
    );
    assert_eq!(down.calls(), 2);
    assert_eq!(gw.get("/readyz").await.status(), 503);
}
