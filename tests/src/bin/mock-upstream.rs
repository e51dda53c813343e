//! An OpenAI-compatible upstream that answers `/v1/chat/completions` as fast as it can, for
//! measuring the latency the gateway adds. Every response body is serialized once at startup;
//! the only per-request work beyond HTTP is scanning the body for `"stream": true`.

use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use bytes::Bytes;
use clap::Parser;
use futures::stream;
use http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Either, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::json;
use strata_tests::mock::fixtures;
use tokio::net::TcpListener;

#[derive(Debug, Parser)]
#[command(
    name = "strata-mock-upstream",
    about = "OpenAI-compatible mock upstream for load tests"
)]
struct Args {
    /// Address to bind; port 0 picks a free one (printed as `listening on ADDR`).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Content pieces per streamed completion.
    #[arg(long, default_value_t = 16)]
    stream_pieces: usize,
}

type FrameStream = stream::Iter<std::vec::IntoIter<Result<Frame<Bytes>, Infallible>>>;
type Body = Either<Full<Bytes>, StreamBody<FrameStream>>;

#[derive(Debug)]
struct Canned {
    completion: Bytes,
    stream_frames: Vec<Bytes>,
    not_found: Bytes,
}

impl Canned {
    fn new(pieces: usize) -> anyhow::Result<Self> {
        let mut completion = fixtures::openai_completion("Hello! How can I help you today?");
        completion["model"] = json!("mock-model");
        let words: Vec<String> = (0..pieces).map(|i| format!("word{i} ")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let stream_frames = fixtures::openai_stream(&words)
            .into_iter()
            .map(|f| Bytes::from(f.replace(fixtures::OPENAI_MODEL, "mock-model")))
            .collect();
        let not_found = json!({"error": {
            "message": "mock upstream serves POST /v1/chat/completions only",
            "type": "invalid_request_error", "param": null, "code": null
        }});
        Ok(Self {
            completion: Bytes::from(serde_json::to_vec(&completion).context("completion body")?),
            stream_frames,
            not_found: Bytes::from(serde_json::to_vec(&not_found).context("404 body")?),
        })
    }
}

/// Whether a JSON request body asks for streaming, without parsing it: finds a `"stream"` key
/// followed by `:` and `true`. A `"stream"` string value elsewhere in the body would also match
/// if followed by `: true`, which no benchmark body does.
fn wants_stream(body: &[u8]) -> bool {
    const KEY: &[u8] = b"\"stream\"";
    let mut rest = body;
    while let Some(pos) = rest.windows(KEY.len()).position(|w| w == KEY) {
        rest = &rest[pos + KEY.len()..];
        let after = rest.trim_ascii_start();
        if let Some(value) = after.strip_prefix(b":") {
            return value.trim_ascii_start().starts_with(b"true");
        }
    }
    false
}

fn json_response(status: StatusCode, body: Bytes) -> Response<Body> {
    let mut resp = Response::new(Either::Left(Full::new(body)));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

async fn handle(canned: Arc<Canned>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let is_chat = req.method() == Method::POST && req.uri().path().ends_with("/chat/completions");
    let is_health = req.method() == Method::GET && req.uri().path() == "/healthz";
    // Reading the whole body keeps the connection reusable and is what a real upstream does.
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Ok(json_response(StatusCode::BAD_REQUEST, Bytes::new())),
    };
    if is_health {
        return Ok(json_response(
            StatusCode::OK,
            Bytes::from_static(b"{\"status\":\"ok\"}"),
        ));
    }
    if !is_chat {
        return Ok(json_response(
            StatusCode::NOT_FOUND,
            canned.not_found.clone(),
        ));
    }
    if !wants_stream(&body) {
        return Ok(json_response(StatusCode::OK, canned.completion.clone()));
    }
    let frames: Vec<Result<Frame<Bytes>, Infallible>> = canned
        .stream_frames
        .iter()
        .map(|f| Ok(Frame::data(f.clone())))
        .collect();
    let mut resp = Response::new(Either::Right(StreamBody::new(stream::iter(frames))));
    let headers = resp.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(resp)
}

async fn accept_loop(listener: TcpListener, canned: Arc<Canned>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Typically EMFILE under a connection storm: wait for descriptors to free up.
                eprintln!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let canned = Arc::clone(&canned);
        tokio::spawn(async move {
            let service = service_fn(move |req| handle(Arc::clone(&canned), req));
            // Clients dropping connections mid-response is normal at the end of a load run.
            let _ = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn shutdown_signal() -> anyhow::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("installing the SIGTERM handler")?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.context("waiting for SIGINT")?,
        _ = term.recv() => {}
    }
    Ok(())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let canned = Arc::new(Canned::new(args.stream_pieces)?);
    let listener = TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("binding {}", args.listen))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    {
        // Scripts wait for this line to learn the port, so it must not sit in a buffer.
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on {addr}").context("writing to stdout")?;
        out.flush().context("flushing stdout")?;
    }
    tokio::select! {
        () = accept_loop(listener, canned) => {}
        r = shutdown_signal() => r?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::wants_stream;

    #[test]
    fn detects_stream_flag() {
        assert!(wants_stream(br#"{"model":"m","stream":true}"#));
        assert!(wants_stream(br#"{"stream" :  true, "model":"m"}"#));
        assert!(!wants_stream(br#"{"model":"m","stream":false}"#));
        assert!(!wants_stream(br#"{"model":"m"}"#));
        assert!(!wants_stream(
            br#"{"messages":[{"content":"\"stream\""}],"stream":false}"#
        ));
        assert!(wants_stream(
            br#"{"messages":[{"content":"\"stream\""}],"stream":true}"#
        ));
    }
}
