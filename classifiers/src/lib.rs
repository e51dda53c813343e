//! Prompt assessment: for a chat request, a difficulty score, a privacy score, the findings of
//! deterministic PII and secret detectors, and the exact token count — on CPU, with no network.
//! This crate must never perform I/O at classification time nor depend on another workspace
//! crate; the gateway turns its [`Assessment`] into the policy engine's signals.

pub mod detect;
pub mod features;
mod model;
pub mod redact;
mod tokens;

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::Serialize;

pub use detect::{Detector, Finding, FindingKind};
pub use features::PromptMessage;
pub use model::{ONNXRUNTIME_VERSION, Scores, loaded_runtime_path};

use features::FeatureBuffers;
use model::Model;
use tokens::TokenCounter;

/// The committed model, embedded so a deployment has nothing to configure or ship beside the
/// binary.
const MODEL: &[u8] = include_bytes!("../models/strata-classifier-v2.onnx");

/// Upper bound on the default number of inference sessions; each holds its own copy of the
/// weights (about 1.5 MB).
const MAX_DEFAULT_SESSIONS: usize = 4;

/// From this many bytes of prompt text (about 4,000 tokens, 1.5 ms of work) the detectors and
/// the token count run beside the model on a second thread, whose start costs tens of µs.
const PARALLEL_FROM: usize = 16 * 1024;

/// What the classifier says about one prompt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// P(the prompt needs at least the community tier), in [0, 1]: the edge/community cut.
    pub p_community_or_cloud: f32,
    /// P(the prompt needs the cloud tier), in [0, 1]: the community/cloud cut.
    pub p_cloud: f32,
    /// P(the prompt carries data that may not leave the device), in [0, 1].
    pub privacy: f32,
    /// The detectors' findings, with byte spans into the prompt text
    /// ([`features::prompt_text`]), sorted by start and not overlapping.
    pub findings: Vec<Finding>,
    /// Input tokens (o200k) of the whole prompt text, before the model's truncation.
    pub tokens: u32,
}

/// How to build a [`Classifier`]; the default finds everything itself.
#[derive(Debug, Clone, Default)]
pub struct ClassifierConfig {
    /// The ONNX Runtime shared library. Unset: `ORT_DYLIB_PATH`, then the `onnxruntime` wheel
    /// in `$VIRTUAL_ENV`, the repository's `.venv`, `./.venv`, `~/.local/lib/python3*`,
    /// `/usr/local/lib/python3*` and `/usr/lib/python3/dist-packages`. The library is loaded
    /// once per process: later classifiers use the first one's.
    pub onnxruntime_path: Option<PathBuf>,
    /// A model file to use instead of the embedded one; it must take the features of
    /// [`features::VERSION`]. Read once, in [`Classifier::new`].
    pub model_path: Option<PathBuf>,
    /// Inference sessions, each serving one call at a time. Unset: the available parallelism,
    /// at most 4.
    pub sessions: Option<NonZeroUsize>,
}

/// Why a [`Classifier`] could not be built or could not classify.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClassifierError {
    #[error("ONNX Runtime not found: {detail}; {hint}")]
    RuntimeNotFound { detail: String, hint: &'static str },
    #[error("ONNX Runtime could not be loaded from {}: {message}; {hint}", path.display())]
    RuntimeLoad {
        path: PathBuf,
        message: String,
        hint: &'static str,
    },
    #[error("reading the classifier model {}: {source}", path.display())]
    ModelFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("classifier model: {0}")]
    Model(String),
    #[error("o200k tokenizer: {0}")]
    Tokenizer(String),
}

/// The prompt classifier: build once (about a quarter of a second, mostly the tokenizer's
/// tables) and share; it is `Send + Sync`.
pub struct Classifier {
    model: Model,
    detector: Detector,
    tokens: &'static TokenCounter,
    buffers: BufferPool,
}

impl std::fmt::Debug for Classifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Classifier")
            .field("model", &self.model)
            .finish_non_exhaustive()
    }
}

/// Feature scratch space (about 600 KB each, plus the rows of the longest prompt seen) kept
/// between calls so classification allocates almost nothing; a pool rather than thread-locals,
/// so memory follows the number of concurrent calls rather than the number of threads that ever
/// classified.
#[derive(Debug, Default)]
struct BufferPool {
    free: Mutex<Vec<FeatureBuffers>>,
}

/// Buffers kept beyond this many concurrent calls are dropped after use.
const MAX_POOLED_BUFFERS: usize = 16;

impl BufferPool {
    fn take(&self) -> FeatureBuffers {
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        free.pop().unwrap_or_default()
    }

    fn put(&self, buffers: FeatureBuffers) {
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        if free.len() < MAX_POOLED_BUFFERS {
            free.push(buffers);
        }
    }
}

impl Classifier {
    pub fn new(cfg: ClassifierConfig) -> Result<Classifier, ClassifierError> {
        let file;
        let bytes = match &cfg.model_path {
            Some(path) => {
                file = std::fs::read(path).map_err(|source| ClassifierError::ModelFile {
                    path: path.clone(),
                    source,
                })?;
                file.as_slice()
            }
            None => MODEL,
        };
        let sessions = cfg.sessions.map_or_else(
            || {
                std::thread::available_parallelism()
                    .map_or(1, NonZeroUsize::get)
                    .min(MAX_DEFAULT_SESSIONS)
            },
            NonZeroUsize::get,
        );
        let model = Model::new(cfg.onnxruntime_path.as_deref(), bytes, sessions)?;
        Ok(Classifier {
            model,
            detector: Detector::new(),
            tokens: token_counter()?,
            buffers: BufferPool::default(),
        })
    }

    /// Assesses a chat request's prompt (`FEATURES.md` §1: system, developer, user and tool
    /// messages; assistant turns are left out).
    pub fn classify(&self, messages: &[PromptMessage<'_>]) -> Result<Assessment, ClassifierError> {
        self.classify_text(&features::prompt_text(messages))
    }

    /// Assesses an already assembled prompt text.
    ///
    /// A long text's detectors and token count run on a second thread while the model scores
    /// it on this one: the two halves take about as long, so a long prompt waits for about half
    /// the work. A short text is not worth a thread's start.
    pub fn classify_text(&self, text: &str) -> Result<Assessment, ClassifierError> {
        let (scores, findings, tokens) = if text.len() < PARALLEL_FROM {
            (
                self.scores(text)?,
                self.detector.detect(text),
                self.count_tokens(text),
            )
        } else {
            std::thread::scope(|scope| {
                let rules = || (self.detector.detect(text), self.count_tokens(text));
                // A thread that cannot start, or fails, leaves its half to this one.
                let helper = std::thread::Builder::new().spawn_scoped(scope, rules);
                let scores = self.scores(text);
                let (findings, tokens) = match helper {
                    Ok(handle) => handle.join().unwrap_or_else(|_| rules()),
                    Err(_) => rules(),
                };
                scores.map(|scores| (scores, findings, tokens))
            })?
        };
        Ok(Assessment {
            p_community_or_cloud: scores.p_community_or_cloud,
            p_cloud: scores.p_cloud,
            privacy: scores.p_private,
            findings,
            tokens,
        })
    }

    /// The model's scores for a prompt text (before truncation), without detectors or token
    /// count.
    pub fn scores(&self, text: &str) -> Result<Scores, ClassifierError> {
        let truncated = features::truncate(text);
        let mut buffers = self.buffers.take();
        let scores = self.model.run(buffers.extract_rows(&truncated));
        self.buffers.put(buffers);
        scores
    }

    /// The model's scores for already computed rows (`FEATURES.md` §7).
    pub fn scores_from_rows(&self, rows: &features::Rows) -> Result<Scores, ClassifierError> {
        self.model.run(rows)
    }

    /// o200k tokens of `text`, as the ledger counts them.
    pub fn count_tokens(&self, text: &str) -> u32 {
        u32::try_from(self.tokens.count(text)).unwrap_or(u32::MAX)
    }
}

/// The o200k tables take a quarter of a second to build, so every classifier in the process
/// shares one copy.
fn token_counter() -> Result<&'static TokenCounter, ClassifierError> {
    static COUNTER: OnceLock<TokenCounter> = OnceLock::new();
    static INIT: Mutex<()> = Mutex::new(());
    if let Some(counter) = COUNTER.get() {
        return Ok(counter);
    }
    let _guard = INIT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(counter) = COUNTER.get() {
        return Ok(counter);
    }
    let counter = TokenCounter::new()?;
    Ok(COUNTER.get_or_init(|| counter))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier() -> Classifier {
        Classifier::new(ClassifierConfig::default()).expect("classifier")
    }

    #[test]
    fn classifier_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Classifier>();
        assert_send_sync::<Assessment>();
    }

    #[test]
    fn a_long_text_is_assessed_as_its_parts_are() {
        let c = classifier();
        let paragraph = "The quarterly review covers latency, cache misses and the retry \
            queue. Please pay with card 4968 8719 3932 5243 and mail jane.doe@gmail.com.\n";
        let text = paragraph.repeat(PARALLEL_FROM / paragraph.len() + 2);
        assert!(text.len() >= PARALLEL_FROM);
        let a = c.classify_text(&text).expect("classify_text");
        let scores = c.scores(&text).expect("scores");
        assert_eq!(a.privacy, scores.p_private);
        assert_eq!(a.p_cloud, scores.p_cloud);
        assert_eq!(a.findings, c.detector.detect(&text));
        assert!(!a.findings.is_empty());
        assert_eq!(a.tokens, c.count_tokens(&text));
    }

    #[test]
    fn classify_assesses_the_prompt_text() {
        let c = classifier();
        let messages = [
            PromptMessage::new("system", "You are terse."),
            PromptMessage::new(
                "user",
                "Email jane.doe@gmail.com the Q3 numbers, hello world",
            ),
            PromptMessage::new("assistant", "Sure."),
        ];
        let a = c.classify(&messages).expect("classify");
        let text = "You are terse.\nEmail jane.doe@gmail.com the Q3 numbers, hello world";
        assert_eq!(a, c.classify_text(text).expect("classify_text"));
        for p in [a.p_community_or_cloud, a.p_cloud, a.privacy] {
            assert!((0.0..=1.0).contains(&p), "{p}");
        }
        assert_eq!(a.tokens, c.count_tokens(text));
        let email = a
            .findings
            .iter()
            .find(|f| f.kind == FindingKind::Email)
            .expect("email");
        assert_eq!(&text[email.start..email.end], "jane.doe@gmail.com");

        let empty = c.classify(&[]).expect("empty prompt");
        assert_eq!((empty.tokens, empty.findings.len()), (0, 0));
    }

    #[test]
    fn a_bad_model_file_is_an_error() {
        let with_model = |path: &str| ClassifierConfig {
            model_path: Some(PathBuf::from(path)),
            ..ClassifierConfig::default()
        };
        let missing = Classifier::new(with_model("/nonexistent/model.onnx"));
        assert!(
            matches!(missing, Err(ClassifierError::ModelFile { .. })),
            "{missing:?}"
        );
        let not_onnx = Classifier::new(with_model(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/Cargo.toml"
        )));
        assert!(
            matches!(not_onnx, Err(ClassifierError::Model(_))),
            "{not_onnx:?}"
        );
    }

    #[test]
    fn concurrent_calls_agree() {
        let c = classifier();
        let texts: Vec<String> = (0..8)
            .map(|i| format!("Summarise chapter {i} of the attached novel. ").repeat(i + 1))
            .collect();
        let want: Vec<Assessment> = texts
            .iter()
            .map(|t| c.classify_text(t).expect("classify"))
            .collect();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for (t, w) in texts.iter().zip(&want) {
                        assert_eq!(&c.classify_text(t).expect("classify"), w);
                    }
                });
            }
        });
    }
}
