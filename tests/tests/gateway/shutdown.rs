//! Graceful shutdown: stop accepting, let in-flight requests and streams finish within the grace
//! period, then stop.

use std::time::Duration;

use strata_tests::harness::Harness;
use strata_tests::mock::{MockUpstream, Reply, fixtures};

use super::{chain_config, hello, hello_stream};

#[tokio::test]
async fn in_flight_streams_finish_and_new_connections_are_refused() {
    let frames = fixtures::openai_stream(&["one ", "two ", "three ", "four"]);
    let up = MockUpstream::start(vec![Reply::Sse {
        frames,
        gap: Duration::from_millis(150),
    }])
    .await;
    let gw = Harness::start(&chain_config(&[&up], "")).await;
    let addr = gw.addr();

    let resp = gw.post("/v1/chat/completions", &hello_stream("m0")).await;
    assert_eq!(resp.status(), 200);
    let in_flight = tokio::spawn(async move { resp.text().await });
    tokio::time::sleep(Duration::from_millis(100)).await;

    let t0 = std::time::Instant::now();
    let stopping = tokio::spawn(gw.shutdown());
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no new connections once shutdown began"
    );

    let body = in_flight.await.unwrap().unwrap();
    assert!(
        body.contains("four") && body.ends_with("data: [DONE]\n\n"),
        "the stream finished: {body}"
    );
    stopping.await.unwrap().unwrap();
    assert!(t0.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn the_grace_period_bounds_shutdown() {
    let up = MockUpstream::start(vec![Reply::Hang]).await;
    let config = format!(
        "[server]\nshutdown_grace_secs = 1\n{}",
        chain_config(&[&up], "")
    );
    let gw = Harness::start(&config).await;
    let client = gw.client.clone();
    let url = gw.url("/v1/chat/completions");
    let hung = tokio::spawn(async move { client.post(url).json(&hello("m0")).send().await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(up.calls(), 1);

    let t0 = std::time::Instant::now();
    gw.shutdown().await.unwrap();
    let took = t0.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "took {took:?}"
    );
    hung.abort();
}
