//! The on-device engine: a GGUF model run in-process through llama.cpp behind the
//! `providers::Provider` trait, so the edge tier answers without any network. It owns model
//! discovery and loading, the chat template, sampling, stop sequences, a bounded admission
//! queue in front of a fixed number of decoding slots, and cancellation. Inference runs only on
//! the engine's own OS thread: it must never block the async runtime's threads, never log prompt
//! or completion text, and never depend on the gateway.
//!
//! Requests are served by continuous batching: one llama.cpp context keeps one KV-cache sequence
//! per slot, and each decode step carries a token of every running generation (plus chunks of
//! prompts being read). A caller that drops its stream or future frees its slot within a token.
//!
//! Tool calling is not something a model this size does: `tools` are ignored, except that a
//! request which *requires* a tool call (`tool_choice` `"required"` or a named function) is
//! rejected as invalid, since answering it with plain text would break the caller's contract.

mod discover;
mod error;
mod text;
mod worker;

use std::fmt;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;
use std::time::Duration;

use futures::Stream;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::model::LlamaModel;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::{LogOptions, send_logs_to_tracing};
use providers::types::{
    ChatChunk, ChatRequest, ChatResponse, Choice, Delta, Extra, Message, Role, ToolChoice, Usage,
    unix_now,
};
use providers::{CallCx, ChatStream, ErrorKind, Provider, ProviderError};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::{Instant, Sleep};

pub use discover::{MODEL_ENV, discover_model};
pub use error::EngineError;

use worker::{Event, Finish, Job, Sampling, Shared, WorkerConfig};

/// How long a caller turned away by a full queue should wait before trying again: about one
/// short generation on this class of hardware.
const RETRY_AFTER: Duration = Duration::from_secs(1);

/// The most slots one context batches; each one costs `n_ctx` tokens of KV cache.
const MAX_SLOTS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineConfig {
    pub model_path: PathBuf,
    /// Tokens of context per slot (prompt and reply together); capped at the model's training
    /// context.
    pub n_ctx: u32,
    /// Threads for single-token decode steps. One beats two on a busy two-core machine, where
    /// a second thread mostly waits for a core.
    pub threads: i32,
    /// Threads for steps carrying several tokens (prompts, or several slots at once).
    pub batch_threads: i32,
    /// Sequences decoded concurrently.
    pub slots: usize,
    /// Admitted requests waiting for a slot; beyond `slots + queue_depth` calls fail with
    /// `ErrorKind::Overloaded`.
    pub queue_depth: usize,
    /// The provider name errors carry.
    pub name: String,
}

impl EngineConfig {
    pub fn new(model_path: PathBuf) -> Self {
        Self {
            model_path,
            n_ctx: 4096,
            threads: 1,
            batch_threads: 2,
            slots: 2,
            queue_depth: 16,
            name: "edge".to_owned(),
        }
    }

    fn validate(&self) -> Result<(), EngineError> {
        let bad = |m: &str| Err(EngineError::Config(m.to_owned()));
        if self.slots == 0 || self.slots > MAX_SLOTS {
            return bad(&format!("slots must be between 1 and {MAX_SLOTS}"));
        }
        if self.threads < 1 || self.batch_threads < 1 {
            return bad("threads and batch_threads must be at least 1");
        }
        if self.n_ctx < 256 {
            return bad("n_ctx must be at least 256 tokens");
        }
        Ok(())
    }
}

/// The loaded model and its inference thread. Cheap to clone; the thread stops and is joined
/// when the last clone is dropped.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

struct Inner {
    shared: Arc<Shared>,
    worker: Mutex<Option<JoinHandle<()>>>,
    model_name: String,
    n_ctx_seq: u32,
    capacity: usize,
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("name", &self.inner.shared.provider)
            .field("model", &self.inner.model_name)
            .field("n_ctx", &self.inner.n_ctx_seq)
            .field("ready", &self.is_ready())
            .field("queue_len", &self.queue_len())
            .finish()
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.shared.shutdown();
        let handle = self
            .worker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(handle) = handle
            && handle.join().is_err()
        {
            tracing::error!("the edge engine's inference thread panicked");
        }
    }
}

/// llama.cpp's process-wide state: initialised once, and its log routed into `tracing` (target
/// `llama-cpp-2`) instead of raw stderr, so the gateway's filter and format apply to it.
pub(crate) fn backend() -> Result<&'static LlamaBackend, EngineError> {
    static BACKEND: OnceLock<Result<LlamaBackend, String>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            send_logs_to_tracing(LogOptions::default());
            LlamaBackend::init().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| EngineError::Backend(e.clone()))
}

impl Engine {
    /// Loads the model and starts the inference thread. Blocking (it reads the whole model):
    /// call it from `spawn_blocking` or before the runtime starts.
    pub fn load(cfg: EngineConfig) -> Result<Engine, EngineError> {
        cfg.validate()?;
        if !cfg.model_path.is_file() {
            return Err(EngineError::ModelPath {
                path: cfg.model_path.clone(),
                source_name: "the configured model path".to_owned(),
            });
        }
        let backend = backend()?;
        let started = std::time::Instant::now();
        let model =
            LlamaModel::load_from_file(backend, &cfg.model_path, &LlamaModelParams::default())
                .map_err(|e| EngineError::Load {
                    path: cfg.model_path.clone(),
                    reason: e.to_string(),
                })?;
        let model_name = model
            .meta_val_str("general.name")
            .ok()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| {
                cfg.model_path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "edge".to_owned());
        // Whole multiples of 256: llama.cpp pads each sequence's context to that, and an exact
        // size keeps the prompt-length check honest.
        let n_ctx_seq = (cfg.n_ctx.min(model.n_ctx_train()) / 256).max(1) * 256;

        let model = Arc::new(model);
        let shared = Arc::new(Shared::new(cfg.name.clone()));
        let (ready_tx, ready_rx) = std::sync::mpsc::sync_channel(1);
        let worker_cfg = WorkerConfig {
            n_ctx_seq,
            slots: cfg.slots,
            threads: cfg.threads,
            batch_threads: cfg.batch_threads,
        };
        let handle = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("edge-engine".to_owned())
                .spawn(move || worker::run(model, shared, worker_cfg, ready_tx))
                .map_err(|e| EngineError::Worker(e.to_string()))?
        };
        let n_ctx_seq = match ready_rx.recv() {
            Ok(Ok(n)) => n,
            Ok(Err(e)) => {
                let _ = handle.join();
                return Err(e);
            }
            Err(_) => {
                let _ = handle.join();
                return Err(EngineError::Worker(
                    "the inference thread exited during start-up".to_owned(),
                ));
            }
        };
        tracing::info!(
            provider = %cfg.name,
            model = %model_name,
            n_ctx = n_ctx_seq,
            slots = cfg.slots,
            threads = cfg.threads,
            batch_threads = cfg.batch_threads,
            load_ms = started.elapsed().as_millis() as u64,
            "edge model loaded"
        );
        Ok(Engine {
            inner: Arc::new(Inner {
                shared,
                worker: Mutex::new(Some(handle)),
                model_name,
                n_ctx_seq,
                capacity: cfg.slots + cfg.queue_depth,
            }),
        })
    }

    /// The GGUF's `general.name`, else the file name without extension.
    pub fn model_name(&self) -> &str {
        &self.inner.model_name
    }

    /// Tokens of context each request gets (prompt and reply together).
    pub fn context_len(&self) -> u32 {
        self.inner.n_ctx_seq
    }

    /// The model is loaded and the inference thread is serving.
    pub fn is_ready(&self) -> bool {
        self.inner.shared.alive.load(Ordering::SeqCst)
    }

    /// Admitted requests not yet finished: waiting plus running.
    pub fn queue_len(&self) -> usize {
        self.inner.shared.in_flight.load(Ordering::SeqCst)
    }

    /// Tokens sampled since load, cancelled generations and end-of-generation tokens included:
    /// a counter for metrics.
    pub fn generated_tokens(&self) -> u64 {
        self.inner.shared.generated.load(Ordering::Relaxed)
    }

    fn error(&self, kind: ErrorKind, message: impl Into<String>) -> ProviderError {
        ProviderError::new(kind, self.inner.shared.provider.clone(), message)
    }

    /// Admission: a permit, or `Overloaded` at once when slots and queue are full.
    fn admit(&self) -> Result<Permit, ProviderError> {
        if !self.is_ready() {
            return Err(self.error(
                ErrorKind::Unavailable,
                "the edge model is not loaded (its inference thread has stopped)",
            ));
        }
        let shared = &self.inner.shared;
        let capacity = self.inner.capacity;
        shared
            .in_flight
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < capacity).then_some(n + 1)
            })
            .map_err(|_| {
                self.error(
                    ErrorKind::Overloaded,
                    format!("the edge engine is busy ({capacity} requests running or queued)"),
                )
                .with_retry_after(Some(RETRY_AFTER))
            })?;
        Ok(Permit(Arc::clone(shared)))
    }

    /// Admits, queues and waits until the worker has accepted the prompt (or refused it).
    async fn start(&self, req: &ChatRequest, cx: &CallCx) -> Result<Started, ProviderError> {
        let (tx, mut rx) = unbounded_channel();
        let job = self.job(req, tx)?;
        if cx.deadline.is_some_and(|d| d <= Instant::now()) {
            return Err(self.timeout());
        }
        let mut deadline = cx.deadline.map(|d| Box::pin(tokio::time::sleep_until(d)));
        let permit = self.admit()?;
        if self.inner.shared.submit(job).is_err() {
            return Err(self.error(ErrorKind::Unavailable, "the edge engine is shutting down"));
        }
        match self.recv(&mut rx, &mut deadline).await? {
            Event::Accepted { prompt_tokens } => Ok(Started {
                rx,
                permit,
                deadline,
                prompt_tokens,
            }),
            Event::Failed(e) => Err(e),
            other => Err(self.error(
                ErrorKind::Internal,
                format!("the edge worker answered out of order: {other:?}"),
            )),
        }
    }

    /// The next event, or the deadline's `TotalTimeout`, or an error when the worker vanished.
    async fn recv(
        &self,
        rx: &mut UnboundedReceiver<Event>,
        deadline: &mut Option<Pin<Box<Sleep>>>,
    ) -> Result<Event, ProviderError> {
        let event = match deadline {
            Some(sleep) => tokio::select! {
                biased;
                ev = rx.recv() => ev,
                () = sleep.as_mut() => return Err(self.timeout()),
            },
            None => rx.recv().await,
        };
        event.ok_or_else(|| {
            self.error(
                ErrorKind::Server,
                "the edge engine's inference thread stopped mid-request",
            )
        })
    }

    fn timeout(&self) -> ProviderError {
        self.error(
            ErrorKind::TotalTimeout,
            "the request's deadline passed during edge generation",
        )
    }

    /// The worker's job for `req`, after every check that needs no model.
    fn job(&self, req: &ChatRequest, tx: UnboundedSender<Event>) -> Result<Job, ProviderError> {
        let invalid = |m: &str| Err(self.error(ErrorKind::InvalidRequest, m.to_owned()));
        if req.messages.is_empty() {
            return invalid("messages must not be empty");
        }
        let wants_tool = match &req.tool_choice {
            Some(ToolChoice::Mode(m)) => m == "required",
            Some(ToolChoice::Named(_)) => true,
            None => false,
        };
        if wants_tool && req.tools.as_ref().is_some_and(|t| !t.is_empty()) {
            return invalid("the edge engine does not support tool calls");
        }
        if req
            .extra
            .get("n")
            .and_then(serde_json::Value::as_u64)
            .is_some_and(|n| n > 1)
        {
            return invalid("the edge engine returns a single choice (n must be 1)");
        }
        if req.max_output_tokens() == Some(0) {
            return invalid("max_tokens must be at least 1");
        }
        // OpenAI's default temperature is 1; 0 asks for greedy decoding.
        let temperature = req.temperature.unwrap_or(1.0);
        if !(0.0..=2.0).contains(&temperature) {
            return invalid("temperature must be between 0 and 2");
        }
        if let Some(p) = req.top_p
            && !(p > 0.0 && p <= 1.0)
        {
            return invalid("top_p must be greater than 0 and at most 1");
        }
        Ok(Job {
            messages: req
                .messages
                .iter()
                .map(|m| (role_name(m.role), m.text()))
                .collect(),
            sampling: Sampling {
                temperature: temperature as f32,
                top_p: req.top_p.map(|p| p as f32),
                seed: req.seed.map(seed32),
            },
            max_tokens: req.max_output_tokens(),
            stop: req.stop_sequences(),
            tx,
        })
    }

    fn response_model(&self, req: &ChatRequest) -> String {
        if req.model.is_empty() {
            self.inner.model_name.clone()
        } else {
            req.model.clone()
        }
    }
}

/// A seat in `slots + queue_depth`, held by the caller's future or stream and given back when
/// that ends or is dropped — so a disconnect frees capacity at once, while the worker notices
/// the closed channel before its next token.
struct Permit(Arc<Shared>);

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

struct Started {
    rx: UnboundedReceiver<Event>,
    permit: Permit,
    deadline: Option<Pin<Box<Sleep>>>,
    prompt_tokens: u32,
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::System | Role::Developer => "system",
        Role::User => "user",
        Role::Assistant => "assistant",
        Role::Tool | Role::Function => "tool",
    }
}

/// OpenAI seeds are 64-bit; llama.cpp's are 32-bit with `u32::MAX` meaning "random", so fold
/// the halves together and keep clear of that value.
fn seed32(seed: i64) -> u32 {
    let s = seed as u64;
    let folded = (s ^ (s >> 32)) as u32;
    if folded == u32::MAX {
        folded - 1
    } else {
        folded
    }
}

fn chat_id() -> String {
    format!("chatcmpl-{}", uuid::Uuid::new_v4().simple())
}

impl Provider for Engine {
    async fn chat(&self, req: &ChatRequest, cx: &CallCx) -> Result<ChatResponse, ProviderError> {
        let Started {
            mut rx,
            permit,
            mut deadline,
            prompt_tokens,
        } = self.start(req, cx).await?;
        let mut text = String::new();
        let (reason, completion_tokens) = loop {
            match self.recv(&mut rx, &mut deadline).await? {
                Event::Text(t) => text.push_str(&t),
                Event::Finished {
                    reason,
                    completion_tokens,
                } => break (reason, completion_tokens),
                Event::Failed(e) => return Err(e),
                Event::Accepted { .. } => {}
            }
        };
        drop(permit);
        Ok(ChatResponse {
            id: chat_id(),
            object: "chat.completion".to_owned(),
            created: unix_now(),
            model: self.response_model(req),
            choices: vec![Choice {
                index: 0,
                message: Message::new(Role::Assistant, text),
                finish_reason: Some(reason.as_str().to_owned()),
                extra: Extra::new(),
            }],
            usage: Some(Usage::new(
                u64::from(prompt_tokens),
                u64::from(completion_tokens),
            )),
            extra: Extra::new(),
        })
    }

    async fn chat_stream(
        &self,
        req: &ChatRequest,
        cx: &CallCx,
    ) -> Result<ChatStream, ProviderError> {
        let started = self.start(req, cx).await?;
        let state = StreamState {
            engine: self.clone(),
            id: chat_id(),
            created: unix_now(),
            model: self.response_model(req),
            prompt_tokens: started.prompt_tokens,
            rx: started.rx,
            deadline: started.deadline,
            permit: Some(started.permit),
            role_sent: false,
            usage: None,
        };
        Ok(Box::pin(chunks(state)))
    }
}

struct StreamState {
    engine: Engine,
    id: String,
    created: u64,
    model: String,
    prompt_tokens: u32,
    rx: UnboundedReceiver<Event>,
    deadline: Option<Pin<Box<Sleep>>>,
    /// `None` once the stream has ended.
    permit: Option<Permit>,
    role_sent: bool,
    /// Set by the finish chunk; the usage-only chunk follows it.
    usage: Option<Usage>,
}

impl StreamState {
    fn delta(&mut self, content: Option<String>, finish: Option<Finish>) -> ChatChunk {
        let role = (!self.role_sent).then_some(Role::Assistant);
        self.role_sent = true;
        ChatChunk::delta(
            &self.id,
            self.created,
            &self.model,
            Delta {
                role,
                content,
                ..Delta::default()
            },
            finish.map(|f| f.as_str().to_owned()),
        )
    }
}

/// Text chunks (the first one carrying the assistant role), a finish chunk, then the usage-only
/// chunk; an error ends the stream.
fn chunks(state: StreamState) -> impl Stream<Item = Result<ChatChunk, ProviderError>> + Send {
    futures::stream::unfold(state, |mut st| async move {
        st.permit.as_ref()?;
        if let Some(usage) = st.usage.take() {
            st.permit = None;
            let chunk = ChatChunk::usage_only(&st.id, st.created, &st.model, usage);
            return Some((Ok(chunk), st));
        }
        let engine = st.engine.clone();
        loop {
            match engine.recv(&mut st.rx, &mut st.deadline).await {
                Ok(Event::Text(t)) => {
                    let chunk = st.delta(Some(t), None);
                    return Some((Ok(chunk), st));
                }
                Ok(Event::Finished {
                    reason,
                    completion_tokens,
                }) => {
                    st.usage = Some(Usage::new(
                        u64::from(st.prompt_tokens),
                        u64::from(completion_tokens),
                    ));
                    let chunk = st.delta(None, Some(reason));
                    return Some((Ok(chunk), st));
                }
                Ok(Event::Accepted { .. }) => {}
                Ok(Event::Failed(e)) | Err(e) => {
                    // A deadline error leaves the worker generating: closing the channel is
                    // what tells it to stop, even while the consumer still holds the stream.
                    st.rx.close();
                    st.permit = None;
                    return Some((Err(e), st));
                }
            }
        }
    })
}
