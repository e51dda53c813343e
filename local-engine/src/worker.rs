//! The inference thread. One llama.cpp context holds one KV-cache sequence per slot and is driven
//! by continuous batching: every step decodes, in a single `llama_batch`, the next token of each
//! generating sequence plus a chunk of any prompt still being read. The weights are read once per
//! step however many sequences share it, which is what makes a second slot nearly free on a
//! memory-bound CPU.

use std::collections::VecDeque;
use std::num::NonZeroU32;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::{LlamaChatMessage, LlamaChatTemplate, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use llama_cpp_2::token::LlamaToken;
use providers::{ErrorKind, ProviderError};
use tokio::sync::mpsc::UnboundedSender;

use crate::EngineError;
use crate::text::{StopScan, Utf8Stream};

/// Tokens per `llama_batch`: prompts longer than this are read in chunks, interleaved with the
/// other sequences' generation steps so a long prompt never freezes running streams.
const N_BATCH: u32 = 512;

/// The reply cap when the request names none.
const DEFAULT_MAX_TOKENS: u32 = 512;

/// llama.cpp's "pick a random seed" value.
const RANDOM_SEED: u32 = u32::MAX;

/// What the worker tells the caller about one request, in this order: `Accepted` (or `Failed`),
/// then `Text`s, then `Finished` (or `Failed`).
#[derive(Debug)]
pub(crate) enum Event {
    Accepted {
        prompt_tokens: u32,
    },
    Text(String),
    Finished {
        reason: Finish,
        completion_tokens: u32,
    },
    Failed(ProviderError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finish {
    /// An end-of-generation token or a stop sequence.
    Stop,
    /// `max_tokens`, or the context is full.
    Length,
}

impl Finish {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Finish::Stop => "stop",
            Finish::Length => "length",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Sampling {
    /// 0 means greedy.
    pub temperature: f32,
    pub top_p: Option<f32>,
    pub seed: Option<u32>,
}

/// One request, already checked for everything that needs no model.
#[derive(Debug)]
pub(crate) struct Job {
    /// (role, text) in the names chat templates expect.
    pub messages: Vec<(&'static str, String)>,
    pub sampling: Sampling,
    pub max_tokens: Option<u32>,
    pub stop: Vec<String>,
    pub tx: UnboundedSender<Event>,
}

/// The state the async side and the worker share.
#[derive(Debug)]
pub(crate) struct Shared {
    inbox: Mutex<Inbox>,
    wake: Condvar,
    /// Admitted requests not yet finished (waiting and running), counted by the callers' permits.
    pub in_flight: AtomicUsize,
    /// Completion tokens sampled since load, cancelled generations included.
    pub generated: AtomicU64,
    pub alive: AtomicBool,
    pub provider: String,
}

#[derive(Debug, Default)]
struct Inbox {
    jobs: VecDeque<Job>,
    closed: bool,
}

impl Shared {
    pub(crate) fn new(provider: String) -> Self {
        Self {
            inbox: Mutex::new(Inbox::default()),
            wake: Condvar::new(),
            in_flight: AtomicUsize::new(0),
            generated: AtomicU64::new(0),
            alive: AtomicBool::new(false),
            provider,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inbox> {
        // The inbox is a plain queue: a panic elsewhere cannot leave it half-updated.
        self.inbox.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands a job to the worker; gives it back when the worker has stopped.
    pub(crate) fn submit(&self, job: Job) -> Result<(), Box<Job>> {
        let mut inbox = self.lock();
        if inbox.closed {
            return Err(Box::new(job));
        }
        inbox.jobs.push_back(job);
        drop(inbox);
        self.wake.notify_one();
        Ok(())
    }

    pub(crate) fn shutdown(&self) {
        self.lock().closed = true;
        self.wake.notify_all();
    }

    fn error(&self, kind: ErrorKind, message: impl Into<String>) -> ProviderError {
        ProviderError::new(kind, self.provider.clone(), message)
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct WorkerConfig {
    pub n_ctx_seq: u32,
    pub slots: usize,
    pub threads: i32,
    pub batch_threads: i32,
}

/// Marks the engine dead however the worker exits (a panic included) and drops queued jobs, so
/// their callers see a closed channel instead of waiting for ever.
struct ExitGuard<'a>(&'a Shared);

impl Drop for ExitGuard<'_> {
    fn drop(&mut self) {
        self.0.alive.store(false, Ordering::SeqCst);
        let mut inbox = self.0.lock();
        inbox.closed = true;
        inbox.jobs.clear();
    }
}

/// The worker thread's body. Reports the per-sequence context size (or why there is none) on
/// `ready` once the context exists, then serves until `Shared::shutdown`.
pub(crate) fn run(
    model: Arc<LlamaModel>,
    shared: Arc<Shared>,
    cfg: WorkerConfig,
    ready: SyncSender<Result<u32, EngineError>>,
) {
    let _exit = ExitGuard(&shared);
    let backend = match crate::backend() {
        Ok(b) => b,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    let slots = u32::try_from(cfg.slots).unwrap_or(u32::MAX);
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(cfg.n_ctx_seq.saturating_mul(slots)))
        .with_n_batch(N_BATCH)
        .with_n_ubatch(N_BATCH)
        .with_n_seq_max(slots)
        // Separate per-sequence KV streams: requests share no prefix worth a unified cache.
        .with_kv_unified(false)
        .with_n_threads(cfg.threads)
        .with_n_threads_batch(cfg.batch_threads);
    let ctx = match model.new_context(backend, params) {
        Ok(ctx) => ctx,
        Err(e) => {
            let _ = ready.send(Err(EngineError::Context(e.to_string())));
            return;
        }
    };
    let n_ctx_seq = ctx.n_ctx() / slots.max(1);
    // The model's own template; llama.cpp recognises the common families from the GGUF's Jinja
    // source. ChatML is the fallback for models that ship none.
    let template = match model.chat_template(None) {
        Ok(t) => t,
        Err(_) => match LlamaChatTemplate::new("chatml") {
            Ok(t) => t,
            Err(e) => {
                let _ = ready.send(Err(EngineError::Context(e.to_string())));
                return;
            }
        },
    };
    shared.alive.store(true, Ordering::SeqCst);
    if ready.send(Ok(n_ctx_seq)).is_err() {
        return;
    }
    let mut worker = Worker {
        model: &model,
        shared: &shared,
        ctx,
        template,
        batch: LlamaBatch::new(N_BATCH as usize, 1),
        slots: (0..cfg.slots).map(|_| None).collect(),
        waiting: VecDeque::new(),
        n_ctx_seq,
    };
    worker.serve();
}

struct Worker<'m> {
    model: &'m LlamaModel,
    shared: &'m Shared,
    ctx: LlamaContext<'m>,
    template: LlamaChatTemplate,
    batch: LlamaBatch<'static>,
    /// Index = KV-cache sequence id.
    slots: Vec<Option<Seq>>,
    /// Accepted (prompt tokenized and checked) but no slot free yet.
    waiting: VecDeque<Seq>,
    n_ctx_seq: u32,
}

/// One generation in progress.
struct Seq {
    tx: UnboundedSender<Event>,
    prompt: Vec<LlamaToken>,
    /// Prompt tokens already decoded.
    fed: usize,
    /// The next KV-cache position.
    pos: i32,
    /// Sampled but not yet decoded.
    next: Option<LlamaToken>,
    /// Index in the current batch whose logits this sequence samples from.
    logits_at: Option<i32>,
    sampler: LlamaSampler,
    utf8: Utf8Stream,
    stop: StopScan,
    completion_tokens: u32,
    max_tokens: u32,
    accepted_at: Instant,
    first_token_at: Option<Instant>,
}

impl Seq {
    fn send(&self, event: Event) -> bool {
        self.tx.send(event).is_ok()
    }
}

impl Worker<'_> {
    fn serve(&mut self) {
        while let Some(jobs) = self.next_jobs() {
            for job in jobs {
                self.accept(job);
            }
            self.reap_cancelled();
            self.fill_slots();
            if self.slots.iter().any(Option::is_some) {
                self.step();
            }
        }
        for seq in self.slots.iter_mut().filter_map(Option::take) {
            seq.send(Event::Failed(self.shared.error(
                ErrorKind::Unavailable,
                "the edge engine is shutting down",
            )));
        }
        for seq in self.waiting.drain(..) {
            seq.send(Event::Failed(self.shared.error(
                ErrorKind::Unavailable,
                "the edge engine is shutting down",
            )));
        }
    }

    /// New jobs, waiting only when there is nothing to decode; `None` on shutdown.
    fn next_jobs(&self) -> Option<Vec<Job>> {
        let busy = !self.waiting.is_empty() || self.slots.iter().any(Option::is_some);
        let mut inbox = self.shared.lock();
        loop {
            if inbox.closed {
                return None;
            }
            if busy || !inbox.jobs.is_empty() {
                return Some(inbox.jobs.drain(..).collect());
            }
            inbox = self
                .shared
                .wake
                .wait(inbox)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Templates and tokenizes a new job right away, even when every slot is busy, so a prompt
    /// that cannot fit is rejected at once instead of after a wait in the queue.
    fn accept(&mut self, job: Job) {
        let tx = job.tx.clone();
        // Templating and tokenizing run llama.cpp code on request-controlled input; a panic
        // there must cost this request, not every later one.
        let prepared = std::panic::catch_unwind(AssertUnwindSafe(|| self.prepare(job)));
        match prepared {
            Ok(Ok(seq)) => {
                let prompt_tokens = u32::try_from(seq.prompt.len()).unwrap_or(u32::MAX);
                if seq.send(Event::Accepted { prompt_tokens }) {
                    self.waiting.push_back(seq);
                }
            }
            Ok(Err(e)) => {
                let _ = tx.send(Event::Failed(e));
            }
            Err(_) => {
                let _ = tx.send(Event::Failed(self.shared.error(
                    ErrorKind::Internal,
                    "the edge engine failed while reading this prompt",
                )));
            }
        }
    }

    fn prepare(&self, job: Job) -> Result<Seq, ProviderError> {
        let mut chat = Vec::with_capacity(job.messages.len());
        for (role, text) in job.messages {
            let msg = LlamaChatMessage::new(role.to_owned(), text).map_err(|_| {
                self.shared.error(
                    ErrorKind::InvalidRequest,
                    "a message contains a NUL character, which the edge model cannot read",
                )
            })?;
            chat.push(msg);
        }
        let prompt = self
            .model
            .apply_chat_template(&self.template, &chat, true)
            .map_err(|e| {
                self.shared.error(
                    ErrorKind::Server,
                    format!("the model's chat template could not be applied: {e}"),
                )
            })?;
        let tokens = self.model.vocab().tokenize(prompt.as_bytes(), true, true);
        let n_prompt = u32::try_from(tokens.len()).unwrap_or(u32::MAX);
        if n_prompt >= self.n_ctx_seq {
            return Err(self.shared.error(
                ErrorKind::InvalidRequest,
                format!(
                    "the prompt is {n_prompt} tokens, but the edge model's context holds {} \
                     tokens for prompt and reply together; shorten the conversation",
                    self.n_ctx_seq
                ),
            ));
        }
        let room = self.n_ctx_seq - n_prompt;
        let max_tokens = job.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS).min(room);
        Ok(Seq {
            tx: job.tx,
            prompt: tokens,
            fed: 0,
            pos: 0,
            next: None,
            logits_at: None,
            sampler: sampler(job.sampling),
            utf8: Utf8Stream::default(),
            stop: StopScan::new(job.stop),
            completion_tokens: 0,
            max_tokens,
            accepted_at: Instant::now(),
            first_token_at: None,
        })
    }

    /// A dropped receiver is a client that went away (disconnect, dropped future, deadline):
    /// its sequence stops here, before the next decode, and its slot is free for the next job.
    fn reap_cancelled(&mut self) {
        self.waiting.retain(|s| !s.tx.is_closed());
        for id in 0..self.slots.len() {
            if self.slots[id].as_ref().is_some_and(|s| s.tx.is_closed()) {
                tracing::debug!(seq = id, "edge generation cancelled by the caller");
                self.release(id);
            }
        }
    }

    fn fill_slots(&mut self) {
        for id in 0..self.slots.len() {
            if self.slots[id].is_some() {
                continue;
            }
            let Some(seq) = self.waiting.pop_front() else {
                return;
            };
            self.clear_kv(id);
            self.slots[id] = Some(seq);
        }
    }

    fn release(&mut self, id: usize) {
        self.slots[id] = None;
        self.clear_kv(id);
    }

    fn clear_kv(&mut self, id: usize) {
        let seq_id = u32::try_from(id).ok();
        if let Err(e) = self.ctx.clear_kv_cache_seq(seq_id, None, None) {
            tracing::warn!(seq = id, error = %e, "could not clear an edge KV-cache sequence");
        }
    }

    /// One decode: each generating sequence's last sampled token, then as much pending prompt
    /// as fits; then one sample for every sequence whose logits were computed.
    fn step(&mut self) {
        self.batch.clear();
        let mut full = false;
        for (id, slot) in self.slots.iter_mut().enumerate() {
            let Some(seq) = slot else { continue };
            seq.logits_at = None;
            if let Some(token) = seq.next.take() {
                full |= self.batch.add(token, seq.pos, &[seq_id(id)], true).is_err();
                seq.logits_at = Some(self.batch.n_tokens() - 1);
                seq.pos += 1;
            }
        }
        for (id, slot) in self.slots.iter_mut().enumerate() {
            let Some(seq) = slot else { continue };
            while seq.fed < seq.prompt.len() && self.batch.n_tokens() < N_BATCH as i32 {
                let last = seq.fed + 1 == seq.prompt.len();
                let token = seq.prompt[seq.fed];
                full |= self.batch.add(token, seq.pos, &[seq_id(id)], last).is_err();
                if last {
                    seq.logits_at = Some(self.batch.n_tokens() - 1);
                }
                seq.fed += 1;
                seq.pos += 1;
            }
        }
        if full {
            // Cannot happen while slots <= N_BATCH (checked at load); failing loudly beats
            // decoding a batch that lost tokens.
            self.fail_active("the edge engine's batch overflowed");
            return;
        }
        if self.batch.n_tokens() == 0 {
            return;
        }
        if let Err(e) = self.ctx.decode(&mut self.batch) {
            tracing::error!(error = %e, "llama.cpp decode failed");
            self.fail_active(&format!("llama.cpp could not decode: {e}"));
            return;
        }
        for id in 0..self.slots.len() {
            let Some(seq) = self.slots[id].as_mut() else {
                continue;
            };
            let Some(at) = seq.logits_at.take() else {
                continue;
            };
            let token = seq.sampler.sample(&self.ctx, at);
            self.shared.generated.fetch_add(1, Ordering::Relaxed);
            if advance(self.model, seq, token) {
                self.release(id);
            }
        }
    }

    fn fail_active(&mut self, message: &str) {
        for id in 0..self.slots.len() {
            if let Some(seq) = &self.slots[id] {
                seq.send(Event::Failed(
                    self.shared.error(ErrorKind::Server, message.to_owned()),
                ));
                self.release(id);
            }
        }
    }
}

fn seq_id(slot: usize) -> i32 {
    i32::try_from(slot).unwrap_or(i32::MAX)
}

/// Feeds one sampled token through detokenization and stop detection; true when the sequence is
/// done (finished, or its caller is gone).
fn advance(model: &LlamaModel, seq: &mut Seq, token: LlamaToken) -> bool {
    let vocab = model.vocab();
    if seq.first_token_at.is_none() {
        seq.first_token_at = Some(Instant::now());
    }
    if vocab.is_eog(token) {
        return finish(seq, Finish::Stop);
    }
    seq.completion_tokens += 1;
    let piece = vocab.token_to_piece(token, false, None);
    let text = seq.utf8.push(&piece);
    let (emit, stopped) = seq.stop.push(&text);
    if !emit.is_empty() && !seq.send(Event::Text(emit)) {
        return true;
    }
    if stopped {
        return send_finished(seq, Finish::Stop);
    }
    if seq.completion_tokens >= seq.max_tokens {
        return finish(seq, Finish::Length);
    }
    seq.next = Some(token);
    false
}

/// Ends a sequence that did not hit a stop sequence: flushes what UTF-8 decoding and stop
/// detection were holding back (the tail may still complete a stop sequence).
fn finish(seq: &mut Seq, reason: Finish) -> bool {
    let tail = seq.utf8.finish();
    let (mut emit, stopped) = seq.stop.push(&tail);
    let reason = if stopped {
        Finish::Stop
    } else {
        emit.push_str(&seq.stop.finish());
        reason
    };
    if !emit.is_empty() && !seq.send(Event::Text(emit)) {
        return true;
    }
    send_finished(seq, reason)
}

fn send_finished(seq: &Seq, reason: Finish) -> bool {
    let elapsed = seq.accepted_at.elapsed();
    let ttft_ms = seq
        .first_token_at
        .map(|t| t.duration_since(seq.accepted_at).as_secs_f64() * 1000.0);
    tracing::debug!(
        prompt_tokens = seq.prompt.len(),
        completion_tokens = seq.completion_tokens,
        finish_reason = reason.as_str(),
        ttft_ms,
        total_ms = elapsed.as_secs_f64() * 1000.0,
        "edge generation finished"
    );
    seq.send(Event::Finished {
        reason,
        completion_tokens: seq.completion_tokens,
    });
    true
}

fn sampler(s: Sampling) -> LlamaSampler {
    if s.temperature <= 0.0 {
        return LlamaSampler::greedy();
    }
    let mut chain = vec![LlamaSampler::temp(s.temperature)];
    if let Some(p) = s.top_p.filter(|p| *p < 1.0) {
        chain.push(LlamaSampler::top_p(p, 1));
    }
    chain.push(LlamaSampler::dist(s.seed.unwrap_or(RANDOM_SEED)));
    LlamaSampler::chain_simple(chain)
}
