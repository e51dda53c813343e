//! The gateway under test: started in-process on `127.0.0.1:0` from a TOML configuration (usually
//! pointing at [`MockUpstream`](crate::mock::MockUpstream)s), with a client to talk to it.

// Test support: a harness that cannot start has no useful way to carry on.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::net::SocketAddr;

use strata_gateway::{Config, Running};
use tokio::net::TcpListener;

/// Key variables in test configurations resolve to this value.
pub const TEST_KEY: &str = "sk-test-key-0123456789";

#[derive(Debug)]
pub struct Harness {
    running: Option<Running>,
    addr: SocketAddr,
    pub client: reqwest::Client,
}

impl Harness {
    /// Starts the gateway with `toml` as its configuration file.
    pub async fn start(toml: &str) -> Harness {
        let cfg = Config::from_toml(toml, "test.toml", &|_| Ok(TEST_KEY.to_owned()))
            .unwrap_or_else(|e| panic!("test config is invalid: {e}"));
        Self::start_with(cfg).await
    }

    pub async fn start_with(cfg: Config) -> Harness {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let running = strata_gateway::start(cfg, Some(listener))
            .await
            .expect("gateway starts");
        let addr = running.addr();
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        Harness {
            running: Some(running),
            addr,
            client,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POSTs a JSON body.
    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request reaches the gateway")
    }

    /// POSTs raw bytes with the given content type.
    pub async fn post_raw(
        &self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("request reaches the gateway")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the gateway")
    }

    /// Starts a graceful shutdown without waiting for it.
    pub fn begin_shutdown(&self) {
        if let Some(r) = &self.running {
            r.shutdown();
        }
    }

    /// Shuts down gracefully and waits until the server has stopped.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        match self.running.take() {
            Some(r) => {
                r.shutdown();
                r.wait().await
            }
            None => Ok(()),
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(r) = &self.running {
            r.shutdown();
        }
    }
}

/// Splits an SSE body into its `data:` payloads.
pub fn sse_data(body: &str) -> Vec<String> {
    body.split("\n\n")
        .filter_map(|event| {
            event
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .map(str::to_owned)
        })
        .collect()
}

/// Splits an SSE body into `(event name, data)` pairs.
pub fn sse_events(body: &str) -> Vec<(String, String)> {
    body.split("\n\n")
        .filter(|e| !e.trim().is_empty())
        .map(|event| {
            let name = event
                .lines()
                .find_map(|l| l.strip_prefix("event: "))
                .unwrap_or("");
            let data = event
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .unwrap_or("");
            (name.to_owned(), data.to_owned())
        })
        .collect()
}
